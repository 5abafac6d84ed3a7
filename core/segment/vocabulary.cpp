#include "core/segment/vocabulary.hpp"

namespace nurture::segment {

namespace {

using enum Test;

// The tests and operators per kind of attribute. Text has no order worth comparing (`<` on
// cities is not a question anyone asks), stages and genders are names, booleans are bare.
constexpr Test k_enum_tests[] = {compare, in, not_in};
constexpr Test k_text_tests[] = {compare, in, not_in, contains, starts_with, is_empty, is_not_empty};
constexpr Test k_age_tests[] = {compare, between, is_empty, is_not_empty};
constexpr Test k_score_tests[] = {compare, between};
constexpr Test k_created_tests[] = {compare, between, within};
constexpr Test k_activity_tests[] = {compare, between, within, is_empty, is_not_empty};
constexpr Test k_birthday_tests[] = {within};
constexpr Test k_boolean_tests[] = {is_true, compare};
constexpr Test k_field_tests[] = {compare,  in,          not_in,   between,
                                  contains, starts_with, is_empty, is_not_empty};

constexpr CompareOp k_all_ops[] = {CompareOp::eq, CompareOp::ne, CompareOp::lt,
                                   CompareOp::le, CompareOp::gt, CompareOp::ge};
constexpr CompareOp k_equality_ops[] = {CompareOp::eq, CompareOp::ne};
constexpr CompareOp k_eq_only[] = {CompareOp::eq};
constexpr std::span<const CompareOp> k_no_ops{};

// The order here is the builder's field list: who the lead is, then time, score and channels.
const AttrInfo k_attributes[] = {
    {"stage", Attr::stage, ValueType::enumeration, false, k_enum_tests, k_equality_ops,
     "stage = consideration"},
    {"interest", Attr::interest, ValueType::multi, false, k_text_tests, k_equality_ops, "interest = botox"},
    {"tag", Attr::tag, ValueType::multi, false, k_text_tests, k_equality_ops, "tag in (vip, newsletter)"},
    {"source", Attr::source, ValueType::text, false, k_text_tests, k_equality_ops, "source = facebook"},
    {"age", Attr::age, ValueType::number, false, k_age_tests, k_all_ops, "age between 30 and 50"},
    {"gender", Attr::gender, ValueType::enumeration, false, k_enum_tests, k_equality_ops, "gender = female"},
    {"zip", Attr::zip, ValueType::text, false, k_text_tests, k_equality_ops, "zip starts_with 100"},
    {"city", Attr::city, ValueType::text, false, k_text_tests, k_equality_ops, "city = \"New York\""},
    {"state", Attr::state, ValueType::text, false, k_text_tests, k_equality_ops, "state in (NY, NJ)"},
    {"created", Attr::created, ValueType::date, false, k_created_tests, k_all_ops, "created within 30d"},
    {"last_activity", Attr::last_activity, ValueType::date, false, k_activity_tests, k_all_ops,
     "last_activity < last month"},
    {"birthday", Attr::birthday, ValueType::date, false, k_birthday_tests, k_no_ops, "birthday within 14d"},
    {"score", Attr::score, ValueType::number, false, k_score_tests, k_all_ops, "score >= 50"},
    {"score.", Attr::score_group, ValueType::number, true, k_score_tests, k_all_ops, "score.engagement > 20"},
    {"consent.email", Attr::consent_email, ValueType::boolean, false, k_boolean_tests, k_eq_only,
     "consent.email"},
    {"consent.sms", Attr::consent_sms, ValueType::boolean, false, k_boolean_tests, k_eq_only, "consent.sms"},
    {"consent.call", Attr::consent_call, ValueType::boolean, false, k_boolean_tests, k_eq_only,
     "consent.call = false"},
    {"dnc.email", Attr::dnc_email, ValueType::boolean, false, k_boolean_tests, k_eq_only, "not dnc.email"},
    {"dnc.sms", Attr::dnc_sms, ValueType::boolean, false, k_boolean_tests, k_eq_only, "dnc.sms"},
    {"dnc.call", Attr::dnc_call, ValueType::boolean, false, k_boolean_tests, k_eq_only, "dnc.call = true"},
    {"field.", Attr::field, ValueType::text, true, k_field_tests, k_all_ops, "field.budget >= 1000"},
};

constexpr std::string_view k_stage_names[] = {"awareness", "consideration", "conversion", "patient",
                                              "retained"};
constexpr std::string_view k_gender_names[] = {"unknown", "female", "male", "nonbinary"};

// Canonical names first (in EventType order, so an EventType indexes them), then aliases: the
// present-tense stems people type (email_open) and a few everyday words.
const EventName k_events[] = {
    {"email_sent", EventType::email_sent, false},
    {"email_opened", EventType::email_opened, false},
    {"email_clicked", EventType::email_clicked, false},
    {"email_replied", EventType::email_replied, false},
    {"email_bounced", EventType::email_bounced, false},
    {"unsubscribed", EventType::unsubscribed, false},
    {"text_sent", EventType::text_sent, false},
    {"text_replied", EventType::text_replied, false},
    {"call", EventType::call, false},
    {"form_submitted", EventType::form_submitted, false},
    {"content_viewed", EventType::content_viewed, false},
    {"appointment_booked", EventType::appointment_booked, false},
    {"appointment_attended", EventType::appointment_attended, false},
    {"appointment_no_show", EventType::appointment_no_show, false},
    {"appointment_cancelled", EventType::appointment_cancelled, false},
    {"purchase", EventType::purchase, false},
    {"review", EventType::review, false},
    {"email_send", EventType::email_sent, true},
    {"email_open", EventType::email_opened, true},
    {"email_click", EventType::email_clicked, true},
    {"email_reply", EventType::email_replied, true},
    {"email_bounce", EventType::email_bounced, true},
    {"unsubscribe", EventType::unsubscribed, true},
    {"text_send", EventType::text_sent, true},
    {"text_reply", EventType::text_replied, true},
    {"form_submit", EventType::form_submitted, true},
    {"content_view", EventType::content_viewed, true},
    {"appointment_book", EventType::appointment_booked, true},
    {"appointment_attend", EventType::appointment_attended, true},
    {"no_show", EventType::appointment_no_show, true},
    {"appointment_cancel", EventType::appointment_cancelled, true},
};

const EventPropInfo k_event_props[] = {
    {"content", false, "the content item viewed or clicked"},
    {"sequence", false, "the sequence that sent the message"},
    {"step", true, "the sequence step"},
    {"seconds", true, "engagement or call duration in seconds"},
    {"amount", true, "amount in currency units (purchase)"},
    {"service", false, "the treatment booked or bought"},
};

// Keywords of the grammar and the words values are made of: a text value spelled like one must
// be quoted, or it would read back as the keyword.
constexpr std::string_view k_reserved[] = {
    "and",    "or",     "not",   "in",   "between", "contains", "starts_with", "is",    "empty",
    "within", "before", "where", "true", "false",   "yes",      "no",          "today", "this",
    "last",   "month",  "count", "ever", "never",   "sum",      "in_segment"};

char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string_view to_string(ValueType type) {
  switch (type) {
    case ValueType::text:
      return "text";
    case ValueType::enumeration:
      return "enum";
    case ValueType::multi:
      return "multi";
    case ValueType::number:
      return "number";
    case ValueType::date:
      return "date";
    case ValueType::boolean:
      return "boolean";
  }
  return "text";
}

bool equals_folded(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (fold(a[i]) != fold(b[i])) return false;
  }
  return true;
}

std::span<const AttrInfo> attributes() { return k_attributes; }

const AttrInfo& attribute_info(Attr attr) {
  for (const auto& info : k_attributes) {
    if (info.attr == attr) return info;
  }
  return k_attributes[0];  // unreachable: every Attr has a row (vocabulary_test checks)
}

const AttrInfo* find_attribute(std::string_view word, std::string_view* name_out) {
  for (const auto& info : k_attributes) {
    if (info.takes_name) {
      if (word.size() > info.name.size() && equals_folded(word.substr(0, info.name.size()), info.name)) {
        if (name_out != nullptr) *name_out = word.substr(info.name.size());
        return &info;
      }
    } else if (equals_folded(word, info.name)) {
      if (name_out != nullptr) *name_out = {};
      return &info;
    }
  }
  return nullptr;
}

bool allows(Attr attr, Test test) {
  for (const Test t : attribute_info(attr).tests) {
    if (t == test) return true;
  }
  return false;
}

bool allows(Attr attr, CompareOp op) {
  for (const CompareOp o : attribute_info(attr).ops) {
    if (o == op) return true;
  }
  return false;
}

std::span<const std::string_view> enum_values(Attr attr) {
  if (attr == Attr::stage) return k_stage_names;
  if (attr == Attr::gender) return k_gender_names;
  return {};
}

std::span<const EventName> event_names() { return k_events; }

std::optional<EventType> find_event(std::string_view word) {
  for (const auto& e : k_events) {
    if (equals_folded(word, e.name)) return e.type;
  }
  return std::nullopt;
}

std::span<const EventPropInfo> event_properties() { return k_event_props; }

const EventPropInfo* find_event_property(std::string_view word) {
  for (const auto& p : k_event_props) {
    if (equals_folded(word, p.name)) return &p;
  }
  return nullptr;
}

bool is_reserved_word(std::string_view word) {
  for (const auto r : k_reserved) {
    if (equals_folded(word, r)) return true;
  }
  return false;
}

}  // namespace nurture::segment
