// The segment query builder: groups, conditions and behaviour rows over the syntax tree.
#include "web/ui/query_builder.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "core/segment/vocabulary.hpp"
#include "web/ui/format.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

using segment::Attr;
using segment::AttrInfo;
using segment::Behaviour;
using segment::BehaviourKind;
using segment::CompareOp;
using segment::Condition;
using segment::Duration;
using segment::DurationUnit;
using segment::Node;
using segment::Test;
using segment::Value;
using segment::ValueType;

// ---- words the builder shows ------------------------------------------------------------------

const char* attr_label(Attr attr) {
  switch (attr) {
    case Attr::stage:
      return "Stage";
    case Attr::source:
      return "Source";
    case Attr::interest:
      return "Interest";
    case Attr::tag:
      return "Tag";
    case Attr::age:
      return "Age";
    case Attr::gender:
      return "Gender";
    case Attr::zip:
      return "ZIP code";
    case Attr::city:
      return "City";
    case Attr::state:
      return "State";
    case Attr::created:
      return "Created";
    case Attr::last_activity:
      return "Last activity";
    case Attr::birthday:
      return "Birthday";
    case Attr::score:
      return "Score";
    case Attr::score_group:
      return "Score group";
    case Attr::consent_email:
      return "Email consent";
    case Attr::consent_sms:
      return "Text consent";
    case Attr::consent_call:
      return "Call consent";
    case Attr::dnc_email:
      return "Do not email";
    case Attr::dnc_sms:
      return "Do not text";
    case Attr::dnc_call:
      return "Do not call";
    case Attr::field:
      return "Custom field";
  }
  return "Field";
}

const char* op_label(CompareOp op, bool date) {
  switch (op) {
    case CompareOp::eq:
      return date ? "is on" : "is";
    case CompareOp::ne:
      return date ? "is not on" : "is not";
    case CompareOp::lt:
      return date ? "is before" : "is less than";
    case CompareOp::le:
      return date ? "is on or before" : "is at most";
    case CompareOp::gt:
      return date ? "is after" : "is more than";
    case CompareOp::ge:
      return date ? "is on or after" : "is at least";
  }
  return "is";
}

const char* test_label(Test test, Attr attr) {
  switch (test) {
    case Test::compare:
      return "is";
    case Test::in:
      return "is one of";
    case Test::not_in:
      return "is none of";
    case Test::between:
      return "is between";
    case Test::contains:
      return "contains";
    case Test::starts_with:
      return "starts with";
    case Test::is_empty:
      return "is empty";
    case Test::is_not_empty:
      return "is not empty";
    case Test::is_true:
      return "is yes";
    case Test::within:
      return attr == Attr::birthday ? "is within the next" : "is within the last";
  }
  return "";
}

const char* behaviour_label(BehaviourKind kind) {
  switch (kind) {
    case BehaviourKind::count:
      return "Number of";
    case BehaviourKind::ever:
      return "Has ever had";
    case BehaviourKind::never:
      return "Has never had";
    case BehaviourKind::last_within:
      return "Latest within";
    case BehaviourKind::last_before:
      return "Latest before";
    case BehaviourKind::sum:
      return "Total of";
  }
  return "";
}

const char* unit_label(DurationUnit unit) {
  switch (unit) {
    case DurationUnit::hours:
      return "hours";
    case DurationUnit::days:
      return "days";
    case DurationUnit::weeks:
      return "weeks";
    case DurationUnit::months:
      return "months";
    case DurationUnit::years:
      return "years";
  }
  return "days";
}

// ---- defaults when a row changes kind ---------------------------------------------------------

Value text_value(std::string text) {
  Value v;
  v.text = std::move(text);
  return v;
}

Value default_value(const AttrInfo& info) {
  Value v;
  switch (info.type) {
    case ValueType::enumeration:
      v.text = std::string(segment::enum_values(info.attr).front());
      break;
    case ValueType::text:
    case ValueType::multi:
      break;
    case ValueType::number:
      v.kind = Value::Kind::number;
      break;
    case ValueType::date:
      v.kind = Value::Kind::today;
      break;
    case ValueType::boolean:
      v.kind = Value::Kind::boolean;
      v.number = 1;
      break;
  }
  return v;
}

// Fits the values to `test`: one, two, a list, a duration or none.
void shape_values(Condition& c, const AttrInfo& info) {
  const Value first = c.values.empty() ? default_value(info) : c.values.front();
  auto plain = [&] { return first.kind == Value::Kind::duration ? default_value(info) : first; };
  switch (c.test) {
    case Test::compare:
    case Test::contains:
    case Test::starts_with:
    case Test::in:
    case Test::not_in:
      c.values = {plain()};
      break;
    case Test::between:
      c.values = {plain(), plain()};
      break;
    case Test::within: {
      Value d;
      d.kind = Value::Kind::duration;
      d.duration = {info.attr == Attr::birthday ? 14U : 30U, DurationUnit::days};
      c.values = {d};
      break;
    }
    case Test::is_empty:
    case Test::is_not_empty:
    case Test::is_true:
      c.values.clear();
      break;
  }
  if ((c.test == Test::contains || c.test == Test::starts_with) && c.values[0].kind != Value::Kind::text) {
    c.values[0] = text_value("");
  }
}

Node condition_node(Attr attr) {
  const AttrInfo& info = segment::attribute_info(attr);
  Node n;
  n.kind = Node::Kind::condition;
  n.condition.attr = attr;
  if (info.takes_name) n.condition.name = attr == Attr::score_group ? "engagement" : "name";
  n.condition.test = info.tests.front();
  if (n.condition.test == Test::compare) n.condition.op = info.ops.front();
  shape_values(n.condition, info);
  return n;
}

Node behaviour_node(BehaviourKind kind) {
  Node n;
  n.kind = Node::Kind::behaviour;
  Behaviour& b = n.behaviour;
  b.kind = kind;
  b.event = kind == BehaviourKind::sum ? EventType::content_viewed : EventType::email_opened;
  b.event_text = std::string(to_string(b.event));
  if (kind == BehaviourKind::sum) b.sum_prop = "seconds";
  if (kind == BehaviourKind::count) b.number = 1;
  b.last_window = {30, DurationUnit::days};
  b.before.kind = Value::Kind::last_month;
  return n;
}

Node group_node(Node::Kind kind, Node first) {
  Node g;
  g.kind = kind;
  g.children.push_back(std::move(first));
  return g;
}

bool is_group(const Node& n) { return n.kind == Node::Kind::all || n.kind == Node::Kind::any; }

// ---- pickers ----------------------------------------------------------------------------------

class Builder {
 public:
  Builder(Ui& ui, std::string id) : m_ui(ui), m_id(std::move(id)) {}

  bool group(Node& g, const std::string& path, bool root, bool& remove) {
    bool changed = false;
    ImGui::PushID(path.c_str());
    ImGui::SetNextItemWidth(m_ui.px(110));
    const bool any = g.kind == Node::Kind::any;
    if (ImGui::BeginCombo("##kind", any ? "Any of" : "All of")) {
      if (ImGui::Selectable("All of", !any)) changed |= set(g.kind, Node::Kind::all);
      if (ImGui::Selectable("Any of", any)) changed |= set(g.kind, Node::Kind::any);
      ImGui::EndCombo();
    }
    mark(path, "kind");
    ImGui::SameLine();
    small_text(m_ui, any ? "these (at least one holds)" : "these (every one holds)");
    if (!root) {
      ImGui::SameLine(0, m_ui.px(12));
      remove = button(m_ui, "Remove group", ButtonKind::quiet, mark_id(path, "remove").c_str());
    }
    ImGui::Indent(m_ui.px(20));
    for (std::size_t i = 0; i < g.children.size();) {
      bool gone = false;
      changed |= row(g.children[i], child_path(path, i), gone);
      if (gone) {
        g.children.erase(g.children.begin() + static_cast<std::ptrdiff_t>(i));
        changed = true;
      } else {
        ++i;
      }
    }
    if (button(m_ui, "+ Condition", ButtonKind::quiet, mark_id(path, "add").c_str())) {
      g.children.push_back(condition_node(Attr::stage));
      changed = true;
    }
    ImGui::SameLine(0, m_ui.px(8));
    if (button(m_ui, "+ Group", ButtonKind::quiet, mark_id(path, "add_group").c_str())) {
      g.children.push_back(group_node(any ? Node::Kind::all : Node::Kind::any, condition_node(Attr::stage)));
      changed = true;
    }
    ImGui::Unindent(m_ui.px(20));
    ImGui::PopID();
    if (!root && g.children.empty()) remove = true;  // an empty group prints as "()", which does not parse
    return changed;
  }

 private:
  template <class T>
  static bool set(T& slot, T value) {
    if (slot == value) return false;
    slot = value;
    return true;
  }

  [[nodiscard]] std::string mark_id(const std::string& path, const char* part) const {
    return m_id + (path.empty() ? "" : "." + path) + "." + part;
  }
  void mark(const std::string& path, const char* part) { m_ui.marks.mark(mark_id(path, part)); }
  static std::string child_path(const std::string& path, std::size_t i) {
    return (path.empty() ? "" : path + ".") + std::to_string(i);
  }

  // One child of a group: a "not" toggle, then a nested group or a condition row.
  bool row(Node& node, const std::string& path, bool& remove) {
    bool changed = false;
    ImGui::PushID(path.c_str());
    const bool negated = node.kind == Node::Kind::negate && !node.children.empty();
    if (button(m_ui, negated ? "Not" : "not", negated ? ButtonKind::primary : ButtonKind::subtle,
               mark_id(path, "not").c_str())) {
      if (negated) {
        Node inner = std::move(node.children.front());
        node = std::move(inner);
      } else {
        Node wrapped;
        wrapped.kind = Node::Kind::negate;
        wrapped.children.push_back(std::move(node));
        node = std::move(wrapped);
      }
      changed = true;
    }
    ImGui::SameLine(0, m_ui.px(6));
    Node& inner = node.kind == Node::Kind::negate && !node.children.empty() ? node.children.front() : node;
    if (is_group(inner)) {
      changed |= group(inner, path, false, remove);
    } else {
      changed |= leaf(inner, path);
      ImGui::SameLine(0, m_ui.px(8));
      remove = button(m_ui, "Remove", ButtonKind::quiet, mark_id(path, "remove").c_str());
    }
    ImGui::PopID();
    return changed;
  }

  // The field picker lists attributes, then behaviours and in_segment.
  bool leaf(Node& n, const std::string& path) {
    bool changed = false;
    const char* preview = n.kind == Node::Kind::condition   ? attr_label(n.condition.attr)
                          : n.kind == Node::Kind::behaviour ? behaviour_label(n.behaviour.kind)
                                                            : "In segment";
    ImGui::SetNextItemWidth(m_ui.px(150));
    if (ImGui::BeginCombo("##field", preview)) {
      for (const AttrInfo& info : segment::attributes()) {
        const bool selected = n.kind == Node::Kind::condition && n.condition.attr == info.attr;
        if (ImGui::Selectable(attr_label(info.attr), selected) && !selected) {
          n = condition_node(info.attr);
          changed = true;
        }
      }
      ImGui::Separator();
      for (int k = 0; k < 6; ++k) {
        const auto kind = static_cast<BehaviourKind>(k);
        const bool selected = n.kind == Node::Kind::behaviour && n.behaviour.kind == kind;
        if (ImGui::Selectable(behaviour_label(kind), selected) && !selected) {
          n = behaviour_node(kind);
          changed = true;
        }
      }
      if (ImGui::Selectable("In segment", n.kind == Node::Kind::in_segment) &&
          n.kind != Node::Kind::in_segment) {
        n = Node{};
        n.kind = Node::Kind::in_segment;
        n.segment = "Segment name";
        changed = true;
      }
      ImGui::EndCombo();
    }
    mark(path, "field");
    ImGui::SameLine(0, m_ui.px(6));
    if (n.kind == Node::Kind::condition) return condition(n.condition, path) || changed;
    if (n.kind == Node::Kind::behaviour) return behaviour(n.behaviour, path) || changed;
    ImGui::SetNextItemWidth(m_ui.px(200));
    changed |= ImGui::InputTextWithHint("##segment", "Saved segment name", &n.segment);
    m_ui.marks.mark_input(mark_id(path, "value"));
    return changed;
  }

  bool condition(Condition& c, const std::string& path) {
    const AttrInfo& info = segment::attribute_info(c.attr);
    bool changed = false;
    if (info.takes_name) {
      ImGui::SetNextItemWidth(m_ui.px(110));
      changed |= ImGui::InputTextWithHint("##name", c.attr == Attr::field ? "field name" : "group", &c.name);
      m_ui.marks.mark_input(mark_id(path, "name"));
      ImGui::SameLine(0, m_ui.px(6));
    }
    // The operator picker: every test, with the comparison operators spelled out.
    const bool date = info.type == ValueType::date;
    const char* current = c.test == Test::compare ? op_label(c.op, date) : test_label(c.test, c.attr);
    ImGui::SetNextItemWidth(m_ui.px(140));
    if (ImGui::BeginCombo("##op", current)) {
      for (const Test t : info.tests) {
        if (t == Test::compare) {
          for (const CompareOp op : info.ops) {
            const bool selected = c.test == Test::compare && c.op == op;
            if (ImGui::Selectable(op_label(op, date), selected) && !selected) {
              c.test = Test::compare;
              c.op = op;
              shape_values(c, info);
              changed = true;
            }
          }
        } else if (ImGui::Selectable(test_label(t, c.attr), c.test == t) && c.test != t) {
          c.test = t;
          shape_values(c, info);
          changed = true;
        }
      }
      ImGui::EndCombo();
    }
    mark(path, "op");
    switch (c.test) {
      case Test::compare:
      case Test::contains:
      case Test::starts_with:
        ImGui::SameLine(0, m_ui.px(6));
        changed |= value(info, c.test, c.values.front(), path, "value");
        break;
      case Test::between:
        ImGui::SameLine(0, m_ui.px(6));
        changed |= value(info, c.test, c.values[0], path, "value");
        ImGui::SameLine(0, m_ui.px(6));
        small_text(m_ui, "and");
        ImGui::SameLine(0, m_ui.px(6));
        changed |= value(info, c.test, c.values[1], path, "value2");
        break;
      case Test::in:
      case Test::not_in:
        ImGui::SameLine(0, m_ui.px(6));
        changed |= list(info, c, path);
        break;
      case Test::within:
        ImGui::SameLine(0, m_ui.px(6));
        changed |= duration(c.values.front().duration, path, "value");
        break;
      case Test::is_empty:
      case Test::is_not_empty:
      case Test::is_true:
        break;
    }
    return changed;
  }

  bool value(const AttrInfo& info, Test test, Value& v, const std::string& path, const char* part) {
    bool changed = false;
    ImGui::PushID(part);
    switch (info.type) {
      case ValueType::enumeration: {
        ImGui::SetNextItemWidth(m_ui.px(150));
        if (ImGui::BeginCombo("##enum", v.text.c_str())) {
          for (const auto name : segment::enum_values(info.attr)) {
            const std::string option(name);
            if (ImGui::Selectable(option.c_str(), v.text == option)) changed |= set(v.text, option);
            m_ui.marks.mark(mark_id(path, part) + "." + option);
          }
          ImGui::EndCombo();
        }
        mark(path, part);
        break;
      }
      case ValueType::text:
      case ValueType::multi: {
        // A custom field's numbers are numbers (they compare numerically), as the parser reads them.
        std::string text = v.kind == Value::Kind::number ? format_number_text(v.number) : v.text;
        ImGui::SetNextItemWidth(m_ui.px(160));
        if (ImGui::InputTextWithHint("##text", "value", &text)) {
          const bool numeric =
              info.attr == Attr::field && test != Test::contains && test != Test::starts_with;
          v = numeric ? field_value(text) : text_value(text);
          changed = true;
        }
        m_ui.marks.mark_input(mark_id(path, part));
        break;
      }
      case ValueType::number:
        ImGui::SetNextItemWidth(m_ui.px(110));
        changed |= ImGui::InputDouble("##number", &v.number, 0, 0, "%g");
        m_ui.marks.mark_input(mark_id(path, part));
        break;
      case ValueType::date:
        changed |= date_value(v, path, part);
        break;
      case ValueType::boolean: {
        ImGui::SetNextItemWidth(m_ui.px(80));
        if (ImGui::BeginCombo("##bool", v.number != 0 ? "yes" : "no")) {
          if (ImGui::Selectable("yes", v.number != 0)) changed |= set(v.number, 1.0);
          if (ImGui::Selectable("no", v.number == 0)) changed |= set(v.number, 0.0);
          ImGui::EndCombo();
        }
        mark(path, part);
        break;
      }
    }
    ImGui::PopID();
    return changed;
  }

  static std::string format_number_text(double x) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", x);
    return buf;
  }

  // Text that reads as a plain number becomes a number, as in `field.budget >= 1000`.
  static Value field_value(const std::string& text) {
    char* end = nullptr;
    const double x = std::strtod(text.c_str(), &end);
    const bool plain = !text.empty() && end == text.c_str() + text.size() && std::isfinite(x) &&
                       text.find_first_not_of("-0123456789.") == std::string::npos;
    if (!plain) return text_value(text);
    Value v;
    v.kind = Value::Kind::number;
    v.number = x;
    return v;
  }

  // "a, b, c" for in / not in; enum attributes get a checkbox per value instead.
  bool list(const AttrInfo& info, Condition& c, const std::string& path) {
    bool changed = false;
    if (info.type == ValueType::enumeration) {
      for (const auto name : segment::enum_values(info.attr)) {
        const std::string option(name);
        bool on = false;
        for (const auto& v : c.values) on = on || v.text == option;
        ImGui::SameLine(0, m_ui.px(6));
        if (ImGui::Checkbox(option.c_str(), &on)) {
          std::vector<Value> kept;
          for (const auto& name2 : segment::enum_values(info.attr)) {
            bool was = false;
            for (const auto& v : c.values) was = was || v.text == name2;
            if (name2 == name ? on : was) kept.push_back(text_value(std::string(name2)));
          }
          if (!kept.empty()) c.values = std::move(kept);  // a list keeps one value at least
          changed = true;
        }
        m_ui.marks.mark(mark_id(path, "value") + "." + option);
      }
      return changed;
    }
    std::vector<std::string> items;
    for (const auto& v : c.values)
      items.push_back(v.kind == Value::Kind::number ? format_number_text(v.number) : v.text);
    std::string text = join_list(items);
    ImGui::SetNextItemWidth(m_ui.px(220));
    if (ImGui::InputTextWithHint("##list", "a, b, c", &text)) {
      c.values.clear();
      for (const auto& item : split_list(text)) {
        c.values.push_back(info.attr == Attr::field ? field_value(item) : text_value(item));
      }
      if (c.values.empty()) c.values.push_back(text_value(""));
      changed = true;
    }
    m_ui.marks.mark_input(mark_id(path, "value"));
    return changed;
  }

  bool duration(Duration& d, const std::string& path, const char* part) {
    bool changed = false;
    ImGui::PushID(part);
    int count = static_cast<int>(d.count);
    ImGui::SetNextItemWidth(m_ui.px(90));
    if (ImGui::InputInt("##count", &count)) {
      const auto clamped = static_cast<std::uint32_t>(std::clamp(count, 1, 100000));
      changed |= set(d.count, clamped);
    }
    m_ui.marks.mark_input(mark_id(path, part));
    ImGui::SameLine(0, m_ui.px(6));
    ImGui::SetNextItemWidth(m_ui.px(90));
    if (ImGui::BeginCombo("##unit", unit_label(d.unit))) {
      for (int u = 0; u < 5; ++u) {
        const auto unit = static_cast<DurationUnit>(u);
        if (ImGui::Selectable(unit_label(unit), d.unit == unit)) changed |= set(d.unit, unit);
      }
      ImGui::EndCombo();
    }
    mark(path, (std::string(part) + "_unit").c_str());
    ImGui::PopID();
    return changed;
  }

  // A date: a day typed as 2026-01-31, or today / this month / last month.
  bool date_value(Value& v, const std::string& path, const char* part) {
    bool changed = false;
    static constexpr std::pair<Value::Kind, const char*> k_kinds[] = {
        {Value::Kind::date, "the date"},
        {Value::Kind::today, "today"},
        {Value::Kind::this_month, "this month"},
        {Value::Kind::last_month, "last month"}};
    const char* preview = "today";
    for (const auto& [kind, text] : k_kinds) {
      if (v.kind == kind) preview = text;
    }
    ImGui::SetNextItemWidth(m_ui.px(110));
    if (ImGui::BeginCombo("##datekind", preview)) {
      for (const auto& [kind, text] : k_kinds) {
        if (ImGui::Selectable(text, v.kind == kind) && v.kind != kind) {
          if (kind == Value::Kind::date && v.date == CivilDate{}) v.date = CivilDate{2026, 1, 1};
          v.kind = kind;
          changed = true;
        }
      }
      ImGui::EndCombo();
    }
    mark(path, (std::string(part) + "_kind").c_str());
    if (v.kind == Value::Kind::date) {
      ImGui::SameLine(0, m_ui.px(6));
      // ImGui keeps its own buffer while the field is being edited, so a half-typed date stays
      // on screen; the tree takes it once it is a real date.
      std::string text = format_date(v.date);
      ImGui::SetNextItemWidth(m_ui.px(110));
      if (ImGui::InputTextWithHint("##date", "2026-01-31", &text)) {
        if (const auto parsed = parse_date(text)) changed |= set(v.date, *parsed);
      }
      m_ui.marks.mark_input(mark_id(path, part));
    }
    return changed;
  }

  bool event_picker(Behaviour& b, const std::string& path) {
    bool changed = false;
    ImGui::SetNextItemWidth(m_ui.px(170));
    if (ImGui::BeginCombo("##event", event_label(b.event))) {
      for (const auto& e : segment::event_names()) {
        if (e.alias) continue;
        if (ImGui::Selectable(event_label(e.type), b.event == e.type) && b.event != e.type) {
          b.event = e.type;
          b.event_text = std::string(e.name);
          changed = true;
        }
      }
      ImGui::EndCombo();
    }
    mark(path, "event");
    return changed;
  }

  bool op_picker(CompareOp& op, const std::string& path, const char* part) {
    bool changed = false;
    ImGui::SetNextItemWidth(m_ui.px(120));
    if (ImGui::BeginCombo((std::string("##") + part).c_str(), op_label(op, false))) {
      for (int o = 0; o < 6; ++o) {
        const auto candidate = static_cast<CompareOp>(o);
        if (ImGui::Selectable(op_label(candidate, false), op == candidate)) changed |= set(op, candidate);
      }
      ImGui::EndCombo();
    }
    mark(path, part);
    return changed;
  }

  bool behaviour(Behaviour& b, const std::string& path) {
    bool changed = event_picker(b, path);
    if (b.kind == BehaviourKind::sum) {
      ImGui::SameLine(0, m_ui.px(6));
      ImGui::SetNextItemWidth(m_ui.px(100));
      if (ImGui::BeginCombo("##prop", b.sum_prop.c_str())) {
        for (const auto& p : segment::event_properties()) {
          if (!p.numeric) continue;
          const std::string name(p.name);
          if (ImGui::Selectable(name.c_str(), b.sum_prop == name)) changed |= set(b.sum_prop, name);
        }
        ImGui::EndCombo();
      }
      mark(path, "prop");
    }
    const bool is_last = b.kind == BehaviourKind::last_within || b.kind == BehaviourKind::last_before;
    if (!is_last) {
      ImGui::SameLine(0, m_ui.px(8));
      bool windowed = b.window.has_value();
      if (ImGui::Checkbox("in the last", &windowed)) {
        b.window = windowed ? std::optional<Duration>(Duration{30, DurationUnit::days}) : std::nullopt;
        changed = true;
      }
      m_ui.marks.mark(mark_id(path, "window_on"));
      if (b.window) {
        ImGui::SameLine(0, m_ui.px(6));
        changed |= duration(*b.window, path, "window");
      }
    }
    switch (b.kind) {
      case BehaviourKind::count:
      case BehaviourKind::sum:
        ImGui::SameLine(0, m_ui.px(8));
        changed |= op_picker(b.op, path, "op");
        ImGui::SameLine(0, m_ui.px(6));
        ImGui::SetNextItemWidth(m_ui.px(90));
        if (ImGui::InputDouble("##number", &b.number, 0, 0, "%g")) {
          if (b.kind == BehaviourKind::count) b.number = std::max(0.0, std::floor(b.number));
          changed = true;
        }
        m_ui.marks.mark_input(mark_id(path, "value"));
        break;
      case BehaviourKind::last_within:
        ImGui::SameLine(0, m_ui.px(8));
        changed |= duration(b.last_window, path, "value");
        break;
      case BehaviourKind::last_before:
        ImGui::SameLine(0, m_ui.px(8));
        changed |= date_value(b.before, path, "value");
        break;
      case BehaviourKind::ever:
      case BehaviourKind::never:
        break;
    }
    return where(b, path) || changed;
  }

  // The `where` filters, one line each under the behaviour row.
  bool where(Behaviour& b, const std::string& path) {
    bool changed = false;
    ImGui::Indent(m_ui.px(40));
    for (std::size_t i = 0; i < b.where.size();) {
      auto& f = b.where[i];
      const std::string fpath = path + ".where." + std::to_string(i);
      ImGui::PushID(fpath.c_str());
      small_text(m_ui, i == 0 ? "where" : "and");
      ImGui::SameLine(0, m_ui.px(6));
      ImGui::SetNextItemWidth(m_ui.px(110));
      changed |= ImGui::InputTextWithHint("##prop", "property", &f.prop);
      m_ui.marks.mark_input(mark_id(fpath, "prop"));
      ImGui::SameLine(0, m_ui.px(6));
      changed |= op_picker(f.op, fpath, "op");
      ImGui::SameLine(0, m_ui.px(6));
      const segment::EventPropInfo* typed = segment::find_event_property(f.prop);
      std::string text =
          f.value.kind == Value::Kind::number ? format_number_text(f.value.number) : f.value.text;
      ImGui::SetNextItemWidth(m_ui.px(140));
      if (ImGui::InputTextWithHint("##value", "value", &text)) {
        f.value = typed != nullptr && !typed->numeric ? text_value(text) : field_value(text);
        changed = true;
      }
      m_ui.marks.mark_input(mark_id(fpath, "value"));
      ImGui::SameLine(0, m_ui.px(6));
      const bool gone = button(m_ui, "Remove", ButtonKind::quiet, mark_id(fpath, "remove").c_str());
      ImGui::PopID();
      if (gone) {
        b.where.erase(b.where.begin() + static_cast<std::ptrdiff_t>(i));
        changed = true;
      } else {
        ++i;
      }
    }
    if (button(m_ui, "+ where", ButtonKind::quiet, mark_id(path, "add_where").c_str())) {
      segment::EventFilter f;
      f.prop = "content";
      b.where.push_back(std::move(f));
      changed = true;
    }
    ImGui::Unindent(m_ui.px(40));
    return changed;
  }

  Ui& m_ui;
  std::string m_id;
};

}  // namespace

bool draw_query_builder(Ui& ui, const char* id, segment::Node& root) {
  if (!is_group(root)) {
    // The same query, shown as a group so rows can be added beside it.
    root = group_node(Node::Kind::all, std::move(root));
  }
  ImGui::PushID(id);
  Builder builder(ui, id);
  bool remove = false;
  const bool changed = builder.group(root, "", true, remove);
  ImGui::PopID();
  return changed;
}

}  // namespace nurture::ui
