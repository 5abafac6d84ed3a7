#pragma once
// Helpers shared by the merge tests (merge_test.cpp, merge_rules_test.cpp): two named leads
// made on device 1, and reading a lead back whether deleted or not.

#include <catch_amalgamated.hpp>

#include <cstdint>
#include <string>

#include "core/session.hpp"

namespace nurture::test {

inline constexpr UnixMillis k_merge_t0 = 1790000000000;  // 2026-09-21

inline Lead named(std::uint64_t id, const std::string& first) {
  Lead l;
  l.id = LeadId{id};
  l.first_name = first;
  return l;
}

/// A workspace with leads 1 (Ana) and 2 (Bea), made on device 1 at k_merge_t0.
inline Workspace merge_base() {
  Session s(1);
  REQUIRE(s.execute(AddLead{named(1, "Ana"), k_merge_t0}).ok);
  REQUIRE(s.execute(AddLead{named(2, "Bea"), k_merge_t0}).ok);
  return s.workspace();
}

/// The lead with this id, live or deleted. Precondition: it exists.
inline Lead lead_of(const Workspace& ws, std::uint64_t id) {
  return ws.leads.get(*ws.leads.find_any(LeadId{id}));
}

}  // namespace nurture::test
