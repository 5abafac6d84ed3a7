#include "core/model/consent_ledger.hpp"

#include <algorithm>
#include <array>
#include <tuple>

#include "core/crypto/sha256.hpp"
#include "core/util/enum_names.hpp"

namespace nurture {

namespace {

constexpr std::array<std::string_view, k_consent_change_count> k_change_names = {
    "granted", "withdrawn", "opted_out", "opt_out_lifted"};
constexpr std::array<std::string_view, k_ledger_source_count> k_source_names = {
    "manual", "import", "form", "unsubscribe", "sync", "undo", "baseline"};

std::string hex16(std::uint64_t v) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (std::size_t i = 16; i-- > 0;) {
    out[i] = k_digits[v & 0xF];
    v >>= 4;
  }
  return out;
}

// "name:value\n" for values that never hold a newline (names, numbers, stamps, hashes).
void line(std::string& out, std::string_view name, std::string_view value) {
  out.append(name);
  out.push_back(':');
  out.append(value);
  out.push_back('\n');
}

// "name:LENGTH:bytes\n" for free text, which may hold anything, newlines included: the byte
// length makes the encoding unambiguous without escaping.
void text_line(std::string& out, std::string_view name, std::string_view value) {
  out.append(name);
  out.push_back(':');
  out.append(std::to_string(value.size()));
  out.push_back(':');
  out.append(value);
  out.push_back('\n');
}

bool same_evidence(const ConsentRecord& a, const ConsentRecord& b) {
  return a.granted == b.granted && a.at == b.at && a.method == b.method && a.text == b.text &&
         a.reason == b.reason;
}

const ConsentRecord* find_consent(const Lead& lead, Channel channel, Purpose purpose) {
  for (const auto& r : lead.consent) {
    if (r.channel == channel && r.purpose == purpose) return &r;
  }
  return nullptr;
}

const DoNotContact* find_dnc(const std::vector<DoNotContact>& list, Channel channel) {
  for (const auto& d : list) {
    if (d.channel == channel) return &d;
  }
  return nullptr;
}

LedgerEntry consent_entry(LeadId lead, const ConsentRecord& r, LedgerSource source) {
  LedgerEntry e;
  e.lead = lead;
  e.at = r.at;
  e.channel = r.channel;
  e.purpose = r.purpose;
  e.change = r.granted ? ConsentChange::granted : ConsentChange::withdrawn;
  e.source = source;
  e.method = r.method;
  e.wording = r.text;
  e.reason = r.reason;
  return e;
}

LedgerEntry dnc_entry(LeadId lead, const DoNotContact& d, ConsentChange change, LedgerSource source) {
  LedgerEntry e;
  e.lead = lead;
  e.at = d.at;
  e.channel = d.channel;
  e.change = change;
  e.source = source;
  e.method = "do-not-contact";
  e.reason = d.reason;
  return e;
}

// The seq the chain expects next; when it is found later in the list the entries were
// reordered, otherwise one is missing.
std::string seq_problem(const std::vector<LedgerEntry>& entries, std::size_t at, std::uint64_t expected) {
  const LedgerEntry& e = entries[at];
  if (e.seq < expected) {
    return "out of order: entry " + std::to_string(e.seq) + " comes after entry " +
           std::to_string(expected - 1);
  }
  for (std::size_t j = at + 1; j < entries.size(); ++j) {
    const LedgerEntry& o = entries[j];
    if (o.lead == e.lead && o.device == e.device && o.seq == expected) {
      return "out of order: entry " + std::to_string(expected) + " comes after entry " +
             std::to_string(e.seq);
    }
  }
  return "sequence gap: entry " + std::to_string(expected) + " is missing";
}

}  // namespace

std::string_view to_string(ConsentChange v) { return enum_name(k_change_names, v); }
std::string_view to_string(LedgerSource v) { return enum_name(k_source_names, v); }
std::optional<ConsentChange> parse_consent_change(std::string_view text) {
  return parse_enum_name<ConsentChange>(k_change_names, text);
}
std::optional<LedgerSource> parse_ledger_source(std::string_view text) {
  return parse_enum_name<LedgerSource>(k_source_names, text);
}

std::string ledger_canonical_bytes(const LedgerEntry& e) {
  std::string out;
  out.reserve(320 + e.method.size() + e.wording.size() + e.reason.size());
  out.append("nurture.consent_ledger.entry 1\n");
  line(out, "lead", to_string(e.lead));
  line(out, "device", hex16(e.device));
  line(out, "seq", std::to_string(e.seq));
  line(out, "at", std::to_string(e.at));
  line(out, "recorded", to_string(e.recorded));
  line(out, "channel", to_string(e.channel));
  line(out, "purpose", e.purpose ? to_string(*e.purpose) : std::string_view{});
  line(out, "change", to_string(e.change));
  line(out, "source", to_string(e.source));
  text_line(out, "method", e.method);
  text_line(out, "wording", e.wording);
  text_line(out, "reason", e.reason);
  line(out, "prev", e.prev_hash);
  return out;
}

std::string ledger_entry_hash(const LedgerEntry& e) { return sha256_hex(ledger_canonical_bytes(e)); }

std::string LedgerProblem::describe() const {
  return "lead " + to_string(lead) + ", device " + hex16(device) + ", entry " + std::to_string(seq) + ": " +
         why;
}

std::optional<LedgerProblem> verify_entries(const std::vector<LedgerEntry>& entries) {
  struct Tail {
    std::uint64_t next = 1;
    std::string hash{k_ledger_genesis};
  };
  std::map<ConsentLedger::Key, Tail> tails;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const LedgerEntry& e = entries[i];
    const auto problem = [&](std::string why) {
      return LedgerProblem{e.lead, e.device, e.seq, i, std::move(why)};
    };
    if (ledger_entry_hash(e) != e.hash) return problem("hash mismatch: the entry is not what was recorded");
    Tail& tail = tails[{e.lead.value, e.device}];
    if (e.seq != tail.next) return problem(seq_problem(entries, i, tail.next));
    if (e.prev_hash != tail.hash) {
      return problem(e.seq == 1
                         ? "broken link: the first entry does not start the chain"
                         : "broken link: prev_hash is not entry " + std::to_string(e.seq - 1) + "'s hash");
    }
    tail.next = e.seq + 1;
    tail.hash = e.hash;
  }
  return std::nullopt;
}

std::optional<LedgerProblem> verify_ledger(const ConsentLedger& ledger) {
  std::size_t offset = 0;
  for (const auto& [key, chain] : ledger.chains()) {
    if (auto problem = verify_entries(chain)) {
      problem->index += offset;
      return problem;
    }
    for (const auto& e : chain) {
      if (e.lead.value != key.first || e.device != key.second) {
        return LedgerProblem{e.lead, e.device, e.seq, offset,
                             "the entry is filed under another lead or device"};
      }
    }
    offset += chain.size();
  }
  return std::nullopt;
}

const LedgerEntry& ConsentLedger::append(LedgerEntry e) {
  auto& chain = m_chains[{e.lead.value, e.device}];
  e.seq = chain.size() + 1;
  e.prev_hash = chain.empty() ? std::string(k_ledger_genesis) : chain.back().hash;
  e.hash = ledger_entry_hash(e);
  chain.push_back(std::move(e));
  ++m_size;
  return chain.back();
}

std::size_t ConsentLedger::record_changes(const Lead& before, const Lead& after, const Stamp& recorded,
                                          LedgerSource source) {
  const LeadId lead = after.id.value != 0 ? after.id : before.id;
  std::size_t added = 0;
  const auto put = [&](LedgerEntry e) {
    e.lead = lead;
    e.device = recorded.device;
    e.recorded = recorded;
    append(std::move(e));
    ++added;
  };
  // Opt-outs first: setting one revokes consent on the channel in the same change, and the
  // ledger then reads in cause-and-effect order.
  for (std::size_t c = 0; c < k_channel_count; ++c) {
    const auto channel = static_cast<Channel>(c);
    const DoNotContact* was = find_dnc(before.do_not_contact, channel);
    const DoNotContact* now = find_dnc(after.do_not_contact, channel);
    if (now != nullptr && (was == nullptr || was->reason != now->reason || was->at != now->at)) {
      put(dnc_entry(lead, *now, ConsentChange::opted_out, source));
    } else if (now == nullptr && was != nullptr) {
      const DoNotContact* cleared = find_dnc(after.do_not_contact_cleared, channel);
      DoNotContact lifted = cleared != nullptr ? *cleared : DoNotContact{channel, "", recorded.millis};
      put(dnc_entry(lead, lifted, ConsentChange::opt_out_lifted, source));
    }
  }
  for (const auto& r : after.consent) {
    const ConsentRecord* was = find_consent(before, r.channel, r.purpose);
    if (was == nullptr || !same_evidence(*was, r)) put(consent_entry(lead, r, source));
  }
  for (const auto& r : before.consent) {
    if (find_consent(after, r.channel, r.purpose) != nullptr) continue;
    ConsentRecord gone = r;
    gone.granted = false;
    gone.at = recorded.millis;
    gone.method = "record removed";
    gone.reason = "";
    put(consent_entry(lead, gone, source));
  }
  return added;
}

std::size_t ConsentLedger::derive_missing(const Lead& lead, LedgerSource source) {
  const auto first = m_chains.lower_bound({lead.id.value, 0});
  const auto covered = [&](const Stamp& stamp, Channel channel, std::optional<Purpose> purpose,
                           bool opt_out) {
    for (auto it = first; it != m_chains.end() && it->first.first == lead.id.value; ++it) {
      for (const auto& e : it->second) {
        const bool kind =
            opt_out ? e.change == ConsentChange::opted_out || e.change == ConsentChange::opt_out_lifted
                    : e.change == ConsentChange::granted || e.change == ConsentChange::withdrawn;
        if (kind && e.recorded == stamp && e.channel == channel && e.purpose == purpose) return true;
      }
    }
    return false;
  };
  std::vector<std::pair<Stamp, LedgerEntry>> missing;
  for (const auto& r : lead.consent) {
    if (!covered(r.stamp, r.channel, r.purpose, false))
      missing.emplace_back(r.stamp, consent_entry(lead.id, r, source));
  }
  for (const auto& d : lead.do_not_contact) {
    if (!covered(d.stamp, d.channel, std::nullopt, true))
      missing.emplace_back(d.stamp, dnc_entry(lead.id, d, ConsentChange::opted_out, source));
  }
  for (const auto& d : lead.do_not_contact_cleared) {
    if (!covered(d.stamp, d.channel, std::nullopt, true))
      missing.emplace_back(d.stamp, dnc_entry(lead.id, d, ConsentChange::opt_out_lifted, source));
  }
  // Oldest first; ties by channel, purpose and kind, so the order never depends on the lists'.
  std::sort(missing.begin(), missing.end(), [](const auto& a, const auto& b) {
    return std::tuple(a.first, a.second.channel, a.second.purpose, a.second.change) <
           std::tuple(b.first, b.second.channel, b.second.purpose, b.second.change);
  });
  for (auto& [stamp, e] : missing) {
    e.device = 0;
    e.recorded = stamp;
    append(std::move(e));
  }
  return missing.size();
}

void ConsentLedger::drop_after(const Stamp& stamp) {
  for (auto it = m_chains.begin(); it != m_chains.end();) {
    auto& chain = it->second;
    while (!chain.empty() && chain.back().device == stamp.device && stamp < chain.back().recorded) {
      chain.pop_back();
      --m_size;
    }
    it = chain.empty() ? m_chains.erase(it) : std::next(it);
  }
}

std::size_t ConsentLedger::merge(const ConsentLedger& other, std::size_t* refused_chains) {
  std::size_t taken = 0;
  for (const auto& [key, theirs] : other.m_chains) {
    if (theirs.empty()) continue;
    // A chain that does not verify was altered or damaged: it is not evidence, so it is not taken.
    const bool filed_right = std::all_of(theirs.begin(), theirs.end(), [&key = key](const LedgerEntry& e) {
      return e.lead.value == key.first && e.device == key.second;
    });
    if (!filed_right || verify_entries(theirs)) {
      if (refused_chains != nullptr) ++*refused_chains;
      continue;
    }
    auto it = m_chains.find(key);
    if (it == m_chains.end()) {
      m_chains.emplace(key, theirs);
      m_size += theirs.size();
      taken += theirs.size();
      continue;
    }
    auto& ours = it->second;
    const std::size_t common = std::min(ours.size(), theirs.size());
    const bool prefix = common == 0 || ours[common - 1].hash == theirs[common - 1].hash;
    const bool replace =
        prefix ? theirs.size() > ours.size()
               : std::pair(theirs.size(), theirs.back().hash) > std::pair(ours.size(), ours.back().hash);
    if (!replace) continue;
    taken += prefix ? theirs.size() - ours.size() : theirs.size();
    m_size = m_size - ours.size() + theirs.size();
    ours = theirs;
  }
  return taken;
}

void ConsentLedger::put_chain(Key key, std::vector<LedgerEntry> entries) {
  auto& chain = m_chains[key];
  m_size = m_size - chain.size() + entries.size();
  chain = std::move(entries);
  if (chain.empty()) m_chains.erase(key);
}

std::vector<LedgerEntry> ConsentLedger::entries() const {
  std::vector<LedgerEntry> out;
  out.reserve(m_size);
  for (const auto& [key, chain] : m_chains) out.insert(out.end(), chain.begin(), chain.end());
  return out;
}

std::vector<LedgerEntry> ConsentLedger::lead_entries(LeadId lead) const {
  std::vector<LedgerEntry> out;
  for (auto it = m_chains.lower_bound({lead.value, 0}); it != m_chains.end() && it->first.first == lead.value;
       ++it)
    out.insert(out.end(), it->second.begin(), it->second.end());
  std::sort(out.begin(), out.end(), [](const LedgerEntry& a, const LedgerEntry& b) {
    return std::tie(a.recorded, a.device, a.seq) < std::tie(b.recorded, b.device, b.seq);
  });
  return out;
}

}  // namespace nurture
