// Consent and do-not-contact, combined record by record (docs/sync.md).

#include "core/sync/merge_records.hpp"

#include <functional>
#include <tuple>

namespace nurture::merge_detail {

namespace {

auto consent_key(const ConsentRecord& r) { return std::make_tuple(r.channel, r.purpose); }

// The record that stands for its (channel, purpose): the one written by the later change (its
// stamp, not its wall-clock `at`, which a skewed clock can put anywhere); at the same stamp a
// revocation beats a grant (opt-out wins); the rest only makes the order total.
bool consent_less(const ConsentRecord& a, const ConsentRecord& b) {
  return std::make_tuple(a.stamp, !a.granted, a.at, std::cref(a.method), std::cref(a.text),
                         std::cref(a.reason)) < std::make_tuple(b.stamp, !b.granted, b.at,
                                                                std::cref(b.method), std::cref(b.text),
                                                                std::cref(b.reason));
}

bool dnc_less(const DncEntry& a, const DncEntry& b) {
  return std::make_tuple(a.record.stamp, !a.cleared, a.record.at, std::cref(a.record.reason)) <
         std::make_tuple(b.record.stamp, !b.cleared, b.record.at, std::cref(b.record.reason));
}

}  // namespace

std::vector<ConsentRecord> join_consent(const std::vector<ConsentRecord>& a,
                                        const std::vector<ConsentRecord>& b) {
  return join_records(a, b, consent_key, consent_less);
}

std::vector<DncEntry> dnc_entries(const Lead& lead) {
  std::vector<DncEntry> out;
  out.reserve(lead.do_not_contact.size() + lead.do_not_contact_cleared.size());
  for (const auto& d : lead.do_not_contact) out.push_back({d, false});
  for (const auto& d : lead.do_not_contact_cleared) out.push_back({d, true});
  return out;
}

void join_dnc(Lead& merged, const Lead& a, const Lead& b) {
  if (a.do_not_contact == b.do_not_contact && a.do_not_contact_cleared == b.do_not_contact_cleared) {
    merged.do_not_contact = a.do_not_contact;
    merged.do_not_contact_cleared = a.do_not_contact_cleared;
    return;
  }
  const auto joined = join_records(
      dnc_entries(a), dnc_entries(b), [](const DncEntry& e) { return e.record.channel; }, dnc_less);
  merged.do_not_contact.clear();
  merged.do_not_contact_cleared.clear();
  for (const auto& e : joined)
    (e.cleared ? merged.do_not_contact_cleared : merged.do_not_contact).push_back(e.record);
}

}  // namespace nurture::merge_detail
