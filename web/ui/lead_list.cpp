#include "web/ui/lead_list.hpp"

#include <algorithm>
#include <numeric>
#include <set>

#include "core/util/text.hpp"

namespace nurture::ui {

namespace {

// Base letters of U+00C0–U+00FF and U+0100–U+017F (Latin-1 Supplement and Latin Extended-A).
// '*' marks code points kept as they are (× and ÷); '2' marks the ligatures spelled out below.
constexpr std::string_view k_latin1 = "aaaaaa2ceeeeiiiidnooooo*ouuuuyt2aaaaaa2ceeeeiiiidnooooo*ouuuuyty";
constexpr std::string_view k_latin_ext_a =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrsssssss"
    "sttttttuuuuuuuuuuuuwwyyyzzzzzzs";

void append_folded(std::string& out, char32_t cp, std::string_view original) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp));
  } else if (cp >= 0xC0 && cp <= 0xFF && k_latin1[cp - 0xC0] != '*') {
    const char base = k_latin1[cp - 0xC0];
    if (base != '2') {
      out.push_back(base);
    } else {
      out += cp == 0xDF ? "ss" : "ae";  // ß, Æ/æ
    }
  } else if (cp >= 0x100 && cp <= 0x17F) {
    out.push_back(k_latin_ext_a[cp - 0x100]);
  } else {
    out.append(original);
  }
}

// Decodes one UTF-8 sequence at `i`; invalid bytes come back as themselves, one at a time.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  const int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
  if (len == 1 || i + static_cast<std::size_t>(len) > s.size()) {
    ++i;
    return b;
  }
  char32_t cp = b & (0x7F >> len);
  for (int k = 1; k < len; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
  i += static_cast<std::size_t>(len);
  return cp;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return needle.empty() || haystack.find(needle) != std::string_view::npos;
}

}  // namespace

namespace {

// A segment-language string literal: segment_literal, with \ and " escaped.
std::string segment_literal(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace

std::pair<std::string, std::string> filter_segment(const LeadFilter& filter) {
  std::vector<std::string> clauses;
  std::vector<std::string> names;
  if (filter.stage) {
    clauses.push_back("stage = " + std::string(to_string(*filter.stage)));
    std::string stage(to_string(*filter.stage));
    stage[0] = static_cast<char>(stage[0] - 'a' + 'A');
    names.push_back(stage);
  }
  if (!filter.source.empty()) {
    clauses.push_back("source = " + segment_literal(filter.source));
    names.push_back(filter.source);
  }
  if (!filter.tag.empty()) {
    clauses.push_back("tag = " + segment_literal(filter.tag));
    names.push_back("tag " + filter.tag);
  }
  if (filter.consent) {
    clauses.push_back("consent." + std::string(to_string(*filter.consent)));
    names.push_back(std::string(to_string(*filter.consent)) + " consent");
  }
  std::string query;
  std::string name;
  for (std::size_t i = 0; i < clauses.size(); ++i) {
    query += (i == 0 ? "" : " and ") + clauses[i];
    name += (i == 0 ? "" : " · ") + names[i];
  }
  return {name, query};
}

std::string fold_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(text, i);
    append_folded(out, cp, text.substr(start, i - start));
  }
  return out;
}

std::string digits_of(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c >= '0' && c <= '9') out.push_back(c);
  }
  return out;
}

std::string display_name(const LeadStore& leads, std::uint32_t row) {
  const std::string_view first = leads.first_name(row);
  const std::string_view last = leads.last_name(row);
  std::string name(first);
  if (!first.empty() && !last.empty()) name.push_back(' ');
  name.append(last);
  if (name.empty()) name = leads.email(row);
  if (name.empty()) name = leads.phone(row);
  return name;
}

bool LeadListView::update(const Workspace& ws, const LeadFilter& filter, const LeadSort& sort,
                          const ScoreTable* scores, std::uint64_t scores_version) {
  const bool scores_moved = sort.column == LeadColumn::score && scores_version != m_scores_version;
  m_scores = scores;
  m_scores_version = scores_version;
  if (m_valid && m_revision == ws.revision && m_filter == filter && m_sort == sort && !scores_moved)
    return false;
  const bool same_rows = m_valid && m_revision == ws.revision && m_filter == filter;
  m_filter = filter;
  m_sort = sort;
  m_revision = ws.revision;
  m_valid = true;
  ++m_rebuilds;
  if (same_rows) {
    std::sort(m_rows.begin(), m_rows.end());  // ties must fall back to row order, not the old sort
  } else {
    rebuild(ws);
  }
  sort_rows(ws);
  return true;
}

void LeadListView::rebuild(const Workspace& ws) {
  const LeadStore& leads = ws.leads;
  m_rows.clear();
  m_live = leads.size();
  m_deleted = leads.rows() - leads.size();
  const std::string query = fold_text(trim(m_filter.search));
  const std::string query_digits = digits_of(query);
  // A phone search needs a few digits; "3" alone would match almost every number.
  const bool phone_query = query_digits.size() >= 3;
  std::set<std::string> sources;
  std::set<std::string> tags;
  Lead scratch;
  // Live leads, or only the deleted ones in the Deleted view: searches, filters and every count
  // outside that view never see a deleted lead.
  const auto visit = [&](std::uint32_t row) {
    leads.read(row, LeadField::source, scratch);
    leads.read(row, LeadField::tags, scratch);
    if (!scratch.source.empty()) sources.insert(scratch.source);
    for (const auto& t : scratch.tags) tags.insert(t);
    if (m_filter.stage && leads.stage(row) != *m_filter.stage) return;
    if (!m_filter.source.empty() && scratch.source != m_filter.source) return;
    if (!m_filter.tag.empty() &&
        std::find(scratch.tags.begin(), scratch.tags.end(), m_filter.tag) == scratch.tags.end())
      return;
    if (m_filter.consent) {
      leads.read(row, LeadField::consent, scratch);
      leads.read(row, LeadField::do_not_contact, scratch);
      if (!may_contact(scratch, *m_filter.consent, Purpose::marketing)) return;
    }
    if (!query.empty()) {
      const bool hit = contains(fold_text(display_name(leads, row)), query) ||
                       contains(leads.email(row), query) ||
                       (phone_query && contains(digits_of(leads.phone(row)), query_digits));
      if (!hit) return;
    }
    m_rows.push_back(row);
  };
  for (std::uint32_t row = 0; row < leads.rows(); ++row) {
    if (leads.is_deleted(row) == m_filter.deleted) visit(row);
  }
  m_sources.assign(sources.begin(), sources.end());
  m_tags.assign(tags.begin(), tags.end());
}

void LeadListView::sort_rows(const Workspace& ws) {
  const LeadStore& leads = ws.leads;
  std::vector<std::uint32_t> order(m_rows.size());
  std::iota(order.begin(), order.end(), 0U);
  const auto by = [&](auto key_of) {
    using Key = decltype(key_of(std::uint32_t{}));
    std::vector<Key> keys;
    keys.reserve(m_rows.size());
    for (const auto row : m_rows) keys.push_back(key_of(row));
    // Stable, and ties keep row order, so equal keys never shuffle between rebuilds.
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return m_sort.ascending ? keys[a] < keys[b] : keys[b] < keys[a];
    });
  };
  Lead scratch;
  switch (m_sort.column) {
    case LeadColumn::name:
      by([&](std::uint32_t r) { return fold_text(display_name(leads, r)); });
      break;
    case LeadColumn::email:
      by([&](std::uint32_t r) { return std::string(leads.email(r)); });
      break;
    case LeadColumn::phone:
      by([&](std::uint32_t r) { return std::string(leads.phone(r)); });
      break;
    case LeadColumn::stage:
      by([&](std::uint32_t r) { return static_cast<int>(leads.stage(r)); });
      break;
    case LeadColumn::source:
      by([&](std::uint32_t r) {
        leads.read(r, LeadField::source, scratch);
        return fold_text(scratch.source);
      });
      break;
    case LeadColumn::interests:
      by([&](std::uint32_t r) {
        leads.read(r, LeadField::interests, scratch);
        return scratch.interests.empty() ? std::string() : fold_text(scratch.interests.front());
      });
      break;
    case LeadColumn::score:
      by([&](std::uint32_t r) { return m_scores != nullptr ? m_scores->total(r) : 0.0; });
      break;
    case LeadColumn::created:
      if (m_filter.deleted) {
        by([&](std::uint32_t r) { return leads.deleted_stamp(r).millis; });
      } else {
        by([&](std::uint32_t r) { return leads.created_at(r); });
      }
      break;
  }
  std::vector<std::uint32_t> sorted;
  sorted.reserve(m_rows.size());
  for (const auto i : order) sorted.push_back(m_rows[i]);
  m_rows = std::move(sorted);
}

}  // namespace nurture::ui
