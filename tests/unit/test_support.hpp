#pragma once
// Helpers shared by the unit tests: reading golden files from the source tree (the wasm build
// reaches them through NODERAWFS).

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "core/model/lead_types.hpp"

namespace nurture::test {

/// An event with just the fields most tests care about.
inline Event make_event(std::uint64_t id, std::uint64_t lead, UnixMillis at, EventType type) {
  Event e;
  e.id = EventId{id};
  e.lead = LeadId{lead};
  e.at = at;
  e.type = type;
  return e;
}

inline std::string read_test_file(const std::string& relative) {
  std::ifstream in(std::string(NURTURE_TEST_DATA_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace nurture::test
