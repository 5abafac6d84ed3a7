#pragma once
// Helpers for the import and export tests: a deterministic id generator, a one-line dump of a
// lead, and golden-file comparison (NURTURE_UPDATE_GOLDEN=1 rewrites the golden instead).

#include <catch_amalgamated.hpp>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/model/lead_types.hpp"
#include "test_support.hpp"

namespace nurture::test {

/// 2026-11-27T12:00:00Z, the fixtures' "today".
inline constexpr UnixMillis k_import_now = 1795780800000;

inline std::function<std::uint64_t()> counter_ids(std::uint64_t start = 0x1000) {
  return [n = start]() mutable { return ++n; };
}

inline std::string dump_lead(const Lead& l) {
  nlohmann::ordered_json j;
  j["id"] = to_string(l.id);
  j["name"] = l.first_name + " | " + l.last_name;
  j["email"] = l.email;
  j["phone"] = l.phone;
  if (l.birth_date) j["birth_date"] = format_date(*l.birth_date);
  if (l.age) j["age"] = *l.age;
  j["gender"] = to_string(l.gender);
  j["address"] = l.street + " | " + l.city + " | " + l.state + " | " + l.zip + " | " + l.country;
  j["time_zone"] = l.time_zone;
  j["source"] = l.source + " | " + l.campaign + " | " + l.ad + " | " + l.form;
  j["interests"] = l.interests;
  j["tags"] = l.tags;
  j["custom"] = l.custom_fields;
  j["notes"] = l.notes;
  j["stage"] = to_string(l.stage);
  j["created_at"] = format_iso8601_utc(l.created_at);
  auto consent = nlohmann::ordered_json::array();
  for (const auto& c : l.consent) {
    consent.push_back({to_string(c.channel), to_string(c.purpose), c.granted, format_iso8601_utc(c.at),
                       c.method, c.text, c.reason});
  }
  j["consent"] = consent;
  auto dnc = nlohmann::ordered_json::array();
  for (const auto& d : l.do_not_contact)
    dnc.push_back({to_string(d.channel), d.reason, format_iso8601_utc(d.at)});
  j["do_not_contact"] = dnc;
  return j.dump();
}

/// Compares `actual` with the golden file (relative to the tests folder). With
/// NURTURE_UPDATE_GOLDEN=1 in the environment the golden file is rewritten instead.
inline void check_golden(const std::string& relative, const std::string& actual) {
  const char* update = std::getenv("NURTURE_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(std::string(NURTURE_TEST_DATA_DIR) + "/" + relative, std::ios::binary) << actual;
    SUCCEED("golden rewritten: " << relative);
    return;
  }
  const std::string expected = read_test_file(relative);
  REQUIRE_FALSE(expected.empty());
  CHECK(actual == expected);
}

}  // namespace nurture::test
