// libFuzzer target for the segment query parser (issue 4). Any input must be refused with a
// located error or parse into a tree that prints as text which parses back to the same tree
// (and prints the same again); no input may take long. Build with the `fuzz` preset; run:
//   build/fuzz/tests/segment_parse_fuzz tests/fuzz/corpus/segment -max_total_time=60

#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <string>
#include <string_view>

#include "core/segment/parser.hpp"
#include "core/segment/printer.hpp"

namespace {

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nurture::segment;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const double start = thread_cpu_seconds();
  const auto parsed = parse_query(text);
  // Parsing is linear and the text at most 4000 characters: even in the sanitized -O0 build this
  // is a few milliseconds; a slow input means accidental backtracking or a quadratic path. CPU
  // time, not wall time: on a loaded CI machine the thread may wait longer than that to run.
  if (thread_cpu_seconds() - start > 1.0) std::abort();
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
