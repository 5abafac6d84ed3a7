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

/// `lead` as LeadStore stores it: consent and do-not-contact records without a stamp take
/// their field's (`consent`, `dnc`).
inline Lead with_record_stamps(Lead lead, const Stamp& consent, const Stamp& dnc) {
  for (auto& c : lead.consent) {
    if (c.stamp.is_zero()) c.stamp = consent;
  }
  for (auto* list : {&lead.do_not_contact, &lead.do_not_contact_cleared}) {
    for (auto& d : *list) {
      if (d.stamp.is_zero()) d.stamp = dnc;
    }
  }
  return lead;
}

/// `lead` with every record stamp zeroed, for oracles that do not model the clock.
inline Lead without_record_stamps(Lead lead) {
  for (auto& c : lead.consent) c.stamp = Stamp{};
  for (auto* list : {&lead.do_not_contact, &lead.do_not_contact_cleared}) {
    for (auto& d : *list) d.stamp = Stamp{};
  }
  return lead;
}

inline std::string read_test_file(const std::string& relative) {
  std::ifstream in(std::string(NURTURE_TEST_DATA_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace nurture::test
