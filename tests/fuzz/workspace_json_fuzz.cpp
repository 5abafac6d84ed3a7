// libFuzzer target for the workspace reader (R15). Any input must either be refused with an
// error or load into a workspace that writes back, reads back equal and writes back the same
// bytes. The reader's JSON scanner must also accept exactly the texts nlohmann accepts. Build with the `fuzz`
// preset; run:
//   build/fuzz/tests/workspace_json_fuzz tests/fuzz/corpus/workspace -max_total_time=60

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/io/json_scanner.hpp"
#include "core/io/workspace_json.hpp"

namespace {

// Accepts every token, so only the text decides whether the scan succeeds.
struct AcceptAll {
  bool null() { return true; }
  bool boolean(bool /*unused*/) { return true; }
  bool number_integer(std::int64_t /*unused*/) { return true; }
  bool number_unsigned(std::uint64_t /*unused*/) { return true; }
  bool number_float(const std::string& /*unused*/) { return true; }
  bool string(std::string_view /*unused*/) { return true; }
  bool key(std::string_view /*unused*/) { return true; }
  bool start_object() { return true; }
  bool end_object() { return true; }
  bool start_array() { return true; }
  bool end_array() { return true; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  AcceptAll all;
  nurture::json_scan::ScanError err;
  // nlohmann takes a NUL byte for the end of input; the scanner refuses it (never valid JSON).
  const bool oracle = text.find('\0') == std::string_view::npos && nlohmann::json::accept(text);
  if (nurture::json_scan::scan(text, all, err, std::size_t{1} << 30) != oracle) {
    std::abort();
  }
  const auto ws = nurture::workspace_from_json(text);
  if (!ws.ok()) {
    if (ws.error().message.empty()) std::abort();  // every refusal says why
    return 0;
  }
  const std::string written = nurture::workspace_to_json(ws.value());
  const auto again = nurture::workspace_from_json(written);
  if (!again.ok() || !(again.value() == ws.value())) std::abort();
  if (nurture::workspace_to_json(again.value()) != written) std::abort();
  return 0;
}
