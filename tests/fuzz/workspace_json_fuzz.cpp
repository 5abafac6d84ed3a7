// libFuzzer target for the workspace reader (R15). Any input must either be refused with an
// error or load into a workspace that writes back, reads back equal and writes back the same
// bytes. Build with the `fuzz` preset; run:
//   build/fuzz/tests/workspace_json_fuzz tests/fuzz/corpus/workspace -max_total_time=60

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/io/workspace_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
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
