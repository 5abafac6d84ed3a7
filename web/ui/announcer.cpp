#include "web/ui/announcer.hpp"

#include <algorithm>

#include "web/ui/platform_api.hpp"

namespace nurture::ui {

namespace {

bool ends_sentence(const std::string& s) {
  if (s.empty()) return true;
  const char last = s.back();
  // "…" and "✓" end in a UTF-8 continuation byte: treat any non-ASCII ending as finished.
  return last == '.' || last == '!' || last == '?' || last == ':' ||
         (static_cast<unsigned char>(last) & 0x80) != 0;
}

}  // namespace

void Announcer::say(std::string message) {
  if (message.empty()) return;
  if (std::find(m_pending.begin(), m_pending.end(), message) != m_pending.end()) return;
  m_pending.push_back(std::move(message));
}

void Announcer::shown(std::string_view slot, const std::string& text) {
  auto it = m_shown.find(slot);
  if (it == m_shown.end()) it = m_shown.emplace(std::string(slot), std::string{}).first;
  if (it->second == text) return;
  it->second = text;
  say(text);
}

std::string Announcer::flush(Platform& platform) {
  if (m_pending.empty()) return {};
  std::string spoken = join_announcements(m_pending);
  m_pending.clear();
  platform.announce(spoken);
  return spoken;
}

std::string join_announcements(const std::vector<std::string>& messages) {
  std::string out;
  for (const std::string& m : messages) {
    if (m.empty()) continue;
    if (!out.empty()) out += ends_sentence(out) ? " " : ". ";
    out += m;
  }
  return out;
}

}  // namespace nurture::ui
