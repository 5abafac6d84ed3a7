#include "core/segment/event_match.hpp"

#include <charconv>
#include <optional>
#include <string>

#include "core/segment/parser.hpp"

namespace nurture::segment {

namespace {

char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

int compare_folded(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char x = fold(a[i]);
    const char y = fold(b[i]);
    if (x != y) return static_cast<unsigned char>(x) < static_cast<unsigned char>(y) ? -1 : 1;
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

bool holds(CompareOp op, int cmp) {
  switch (op) {
    case CompareOp::eq:
      return cmp == 0;
    case CompareOp::ne:
      return cmp != 0;
    case CompareOp::lt:
      return cmp < 0;
    case CompareOp::le:
      return cmp <= 0;
    case CompareOp::gt:
      return cmp > 0;
    case CompareOp::ge:
      return cmp >= 0;
  }
  return false;
}

int compare_numbers(double a, double b) { return a < b ? -1 : (a > b ? 1 : 0); }

std::optional<double> as_number(std::string_view text) {
  double v = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return v;
}

// The filter's value as text, as it was written (numbers in their shortest form).
std::string value_text(const Value& v) {
  if (v.kind == Value::Kind::number) {
    std::string s = std::to_string(v.number);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  }
  return v.text;
}

bool text_holds(const EventFilter& f, std::string_view actual) {
  return holds(f.op, compare_folded(actual, value_text(f.value)));
}

bool number_holds(const EventFilter& f, double actual) {
  if (f.value.kind != Value::Kind::number) {
    const auto n = as_number(f.value.text);
    return n ? holds(f.op, compare_numbers(actual, *n)) : f.op == CompareOp::ne;
  }
  return holds(f.op, compare_numbers(actual, f.value.number));
}

bool filter_holds(const EventLog& log, std::uint32_t pos, const EventFilter& f) {
  const std::string_view prop = f.prop;
  if (prop == "content" || prop == "sequence" || prop == "service") {
    const auto v = log.view(pos);
    const std::string_view actual = prop == "content"    ? v.content
                                    : prop == "sequence" ? v.sequence
                                                         : v.service;
    if (actual.empty()) return f.op == CompareOp::ne;
    return text_holds(f, actual);
  }
  if (prop == "step" || prop == "seconds" || prop == "amount") {
    const auto v = log.view(pos);
    const double actual = prop == "step"      ? v.step
                          : prop == "seconds" ? v.seconds
                                              : static_cast<double>(v.amount_cents) / 100.0;
    return number_holds(f, actual);
  }
  for (std::size_t i = 0; i < log.property_count(pos); ++i) {
    const auto [key, value] = log.property(pos, i);
    if (key != prop) continue;
    if (f.value.kind == Value::Kind::number) {
      if (const auto n = as_number(value)) return holds(f.op, compare_numbers(*n, f.value.number));
    }
    return text_holds(f, value);
  }
  return f.op == CompareOp::ne;
}

}  // namespace

bool event_matches(const EventLog& log, std::uint32_t pos, const std::vector<EventFilter>& where) {
  for (const auto& f : where) {
    if (!filter_holds(log, pos, f)) return false;
  }
  return true;
}

Expected<std::vector<EventFilter>> parse_event_filters(std::string_view text) {
  // Parsed inside a behaviour clause, so the grammar stays in one place; positions are moved
  // back to the caller's text (the prefix has no line break, so only line 1 shifts).
  static constexpr std::string_view k_prefix = "ever(email_opened where ";
  std::string query(k_prefix);
  query.append(text);
  query.push_back(')');
  auto node = parse_query(query);
  if (!node) {
    Error e = node.error();
    if (e.line == 1)
      e.column = e.column > k_prefix.size() ? e.column - static_cast<std::uint32_t>(k_prefix.size()) : 1;
    return e;
  }
  if (node.value().kind != Node::Kind::behaviour)
    return Error{"expected only conditions on event properties", 1, 1};
  auto filters = std::move(node.value().behaviour.where);
  for (auto& f : filters) {
    f.span.begin -= static_cast<std::uint32_t>(k_prefix.size());
    f.span.end -= static_cast<std::uint32_t>(k_prefix.size());
  }
  return filters;
}

}  // namespace nurture::segment
