#include "core/segment/describe.hpp"

#include <cstdio>

namespace nurture::segment {

namespace {

bool is_word(const std::string& text) {
  if (text.empty()) return false;
  for (const char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string number_text(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", x);
  return buffer;
}

std::string list(const std::vector<Value>& values) {
  std::string out = "(";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ", ";
    out += describe(values[i]);
  }
  return out + ")";
}

std::string condition_text(const Condition& c) {
  std::string out = attr_name(c.attr, c.name);
  const auto value = [&](std::size_t i) {
    return i < c.values.size() ? describe(c.values[i]) : std::string("?");
  };
  switch (c.test) {
    case Test::compare:
      return out + " " + std::string(to_string(c.op)) + " " + value(0);
    case Test::in:
      return out + " in " + list(c.values);
    case Test::not_in:
      return out + " not in " + list(c.values);
    case Test::between:
      return out + " between " + value(0) + " and " + value(1);
    case Test::contains:
      return out + " contains " + value(0);
    case Test::starts_with:
      return out + " starts_with " + value(0);
    case Test::is_empty:
      return out + " is empty";
    case Test::is_not_empty:
      return out + " is not empty";
    case Test::is_true:
      return out;
    case Test::within:
      return out + " within " + value(0);
  }
  return out;
}

std::string behaviour_text(const Behaviour& b) {
  std::string inner(to_string(b.event));
  if (b.kind == BehaviourKind::sum) inner += "." + b.sum_prop;
  for (std::size_t i = 0; i < b.where.size(); ++i) {
    const EventFilter& f = b.where[i];
    inner += (i == 0 ? " where " : " and ") + f.prop + " " + std::string(to_string(f.op)) + " " +
             describe(f.value);
  }
  if (b.window) inner += " within " + describe(*b.window);
  switch (b.kind) {
    case BehaviourKind::count:
      return "count(" + inner + ") " + std::string(to_string(b.op)) + " " + number_text(b.number);
    case BehaviourKind::ever:
      return "ever(" + inner + ")";
    case BehaviourKind::never:
      return "never(" + inner + ")";
    case BehaviourKind::last_within:
      return "last(" + inner + ") within " + describe(b.last_window);
    case BehaviourKind::last_before:
      return "last(" + inner + ") before " + describe(b.before);
    case BehaviourKind::sum:
      return "sum(" + inner + ") " + std::string(to_string(b.op)) + " " + number_text(b.number);
  }
  return inner;
}

}  // namespace

std::string attr_name(Attr attr, const std::string& name) {
  switch (attr) {
    case Attr::stage:
      return "stage";
    case Attr::source:
      return "source";
    case Attr::interest:
      return "interest";
    case Attr::tag:
      return "tag";
    case Attr::age:
      return "age";
    case Attr::gender:
      return "gender";
    case Attr::zip:
      return "zip";
    case Attr::city:
      return "city";
    case Attr::state:
      return "state";
    case Attr::created:
      return "created";
    case Attr::last_activity:
      return "last_activity";
    case Attr::birthday:
      return "birthday";
    case Attr::score:
      return "score";
    case Attr::score_group:
      return "score." + name;
    case Attr::consent_email:
      return "consent.email";
    case Attr::consent_sms:
      return "consent.sms";
    case Attr::consent_call:
      return "consent.call";
    case Attr::dnc_email:
      return "dnc.email";
    case Attr::dnc_sms:
      return "dnc.sms";
    case Attr::dnc_call:
      return "dnc.call";
    case Attr::field:
      return "field." + name;
  }
  return "?";
}

std::string describe(Duration d) {
  constexpr const char* k_units[] = {"h", "d", "w", "m", "y"};
  return std::to_string(d.count) + k_units[static_cast<int>(d.unit)];
}

std::string describe(const Value& v) {
  switch (v.kind) {
    case Value::Kind::text:
      return is_word(v.text) ? v.text : "\"" + v.text + "\"";
    case Value::Kind::number:
      return number_text(v.number);
    case Value::Kind::date:
      return format_date(v.date);
    case Value::Kind::duration:
      return describe(v.duration);
    case Value::Kind::today:
      return "today";
    case Value::Kind::this_month:
      return "this month";
    case Value::Kind::last_month:
      return "last month";
    case Value::Kind::boolean:
      return v.number != 0 ? "true" : "false";
  }
  return "?";
}

std::string describe(const Node& node) {
  switch (node.kind) {
    case Node::Kind::all:
      return "all of";
    case Node::Kind::any:
      return "any of";
    case Node::Kind::negate:
      return "not";
    case Node::Kind::condition:
      return condition_text(node.condition);
    case Node::Kind::behaviour:
      return behaviour_text(node.behaviour);
    case Node::Kind::in_segment:
      return "in_segment(\"" + node.segment + "\")";
  }
  return "?";
}

}  // namespace nurture::segment
