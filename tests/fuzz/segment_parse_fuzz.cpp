// libFuzzer target for the segment query parser (issue 4). Any input must be refused with a
// located error or parse into a tree that prints as text which parses back to the same tree
// (and prints the same again); no input may take long. Build with the `fuzz` preset; run:
//   build/fuzz/tests/segment_parse_fuzz tests/fuzz/corpus/segment -max_total_time=60

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/segment/parser.hpp"
#include "core/segment/printer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nurture::segment;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto start = std::chrono::steady_clock::now();
  const auto parsed = parse_query(text);
  // Parsing is linear and the text at most 4000 characters: even under ASan this is far below
  // a second; a slow input means accidental backtracking or a quadratic path.
  if (std::chrono::steady_clock::now() - start > std::chrono::milliseconds(250)) std::abort();
  if (!parsed.ok()) {
    const auto& e = parsed.error();
    if (e.message.empty() || e.line == 0 || e.column == 0) std::abort();  // every refusal says where and why
    return 0;
  }
  const std::string printed = print_query(parsed.value());
  // The canonical text may be longer than the input (quotes, spaces), so reparse without limits
  // standing in the way of the round trip.
  const ParseLimits roomy{.max_length = 1U << 20U, .max_depth = 4096, .max_clauses = 1U << 20U};
  const auto again = parse_query(printed, roomy);
  if (!again.ok() || !same_query(again.value(), parsed.value())) std::abort();
  if (print_query(again.value()) != printed) std::abort();
  return 0;
}
