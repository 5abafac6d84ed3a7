#include "core/io/workspace_json.hpp"

#include <nlohmann/json.hpp>

#include "core/util/text.hpp"

namespace nurture {

namespace {

using ojson = nlohmann::ordered_json;

constexpr const char* k_known_members[] = {"format", "version", "minor_version", "revision", "practice"};

bool is_known_member(const std::string& key) {
  for (const char* k : k_known_members) {
    if (key == k) return true;
  }
  return false;
}

ojson practice_to_json(const PracticeProfile& p) {
  ojson j;
  j["name"] = p.name;
  j["street"] = p.street;
  j["city"] = p.city;
  j["state"] = p.state;
  j["zip"] = p.zip;
  j["country"] = p.country;
  j["time_zone"] = p.time_zone;
  j["phone"] = p.phone;
  j["email"] = p.email;
  j["website"] = p.website;
  return j;
}

Expected<PracticeProfile> practice_from_json(const ojson& j) {
  if (!j.is_object()) return Error{"\"practice\" must be an object"};
  PracticeProfile p;
  const struct {
    const char* key;
    std::string* out;
  } fields[] = {{"name", &p.name},           {"street", &p.street}, {"city", &p.city},
                {"state", &p.state},         {"zip", &p.zip},       {"country", &p.country},
                {"time_zone", &p.time_zone}, {"phone", &p.phone},   {"email", &p.email},
                {"website", &p.website}};
  for (const auto& f : fields) {
    const auto it = j.find(f.key);
    if (it == j.end()) continue;
    if (!it->is_string()) return Error{std::string("\"practice.") + f.key + "\" must be a string"};
    *f.out = it->get<std::string>();
  }
  return p;
}

// Turns nlohmann's byte offset into a 1-based line and column for the error message.
Error position_error(std::string_view text, std::size_t byte, std::string what) {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return Error{std::move(what), line, column};
}

}  // namespace

std::string workspace_to_json(const Workspace& ws) {
  ojson j;
  j["format"] = k_workspace_format;
  j["version"] = k_workspace_version;
  j["minor_version"] = k_workspace_minor_version;
  j["revision"] = ws.revision;
  j["practice"] = practice_to_json(ws.practice);
  for (const auto& [key, raw] : ws.unknown_members) {
    j[key] = ojson::parse(raw, nullptr, /*allow_exceptions=*/false);
  }
  return j.dump(2) + "\n";
}

Expected<Workspace> workspace_from_json(std::string_view text) {
  if (text.size() > k_max_workspace_bytes) {
    return Error{"the file is larger than " + std::to_string(k_max_workspace_bytes >> 20) + " MB"};
  }
  if (!is_valid_utf8(text)) return Error{"the file is not valid UTF-8 text"};

  bool too_deep = false;
  const ojson::parser_callback_t limit_depth = [&too_deep](int depth, ojson::parse_event_t, ojson&) {
    if (depth > k_max_json_depth) too_deep = true;
    return !too_deep;
  };
  ojson j;
  try {
    j = ojson::parse(text.begin(), text.end(), limit_depth);
  } catch (const ojson::parse_error& e) {
    return position_error(text, e.byte == 0 ? 0 : e.byte - 1, "malformed JSON");
  }
  if (too_deep)
    return Error{"the file is nested more than " + std::to_string(k_max_json_depth) + " levels deep"};
  if (!j.is_object()) return Error{"a workspace file must be a JSON object"};

  const auto format = j.find("format");
  if (format == j.end() || !format->is_string() || format->get<std::string>() != k_workspace_format) {
    return Error{R"(this is not a Nurture workspace file (its "format" is not "nurture.workspace"))"};
  }
  const auto version = j.find("version");
  if (version == j.end() || !version->is_number_integer()) {
    return Error{"the workspace file has no integer \"version\""};
  }
  const auto v = version->get<std::int64_t>();
  if (v > k_workspace_version) {
    return Error{"this file was written by a newer Nurture (format version " + std::to_string(v) +
                 "); update the app to open it"};
  }
  if (v < 1) return Error{"unsupported workspace format version " + std::to_string(v)};
  // Version 1 is the first format; older versions migrate forward here as they appear.

  Workspace ws;
  if (const auto it = j.find("revision"); it != j.end()) {
    if (!it->is_number_unsigned()) return Error{"\"revision\" must be a non-negative integer"};
    ws.revision = it->get<std::uint64_t>();
  }
  if (const auto it = j.find("practice"); it != j.end()) {
    auto practice = practice_from_json(*it);
    if (!practice) return practice.error();
    ws.practice = std::move(practice).value();
  }
  for (const auto& [key, value] : j.items()) {
    if (!is_known_member(key)) ws.unknown_members.emplace_back(key, value.dump());
  }
  return ws;
}

}  // namespace nurture
