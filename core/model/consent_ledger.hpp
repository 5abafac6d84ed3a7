#pragma once
/// The consent ledger: every consent and opt-out change of every lead, kept as append-only,
/// hash-chained entries, so an auditor can see when a lead agreed to what wording and when they
/// withdrew, and can tell whether an exported ledger was altered. See docs/consent-ledger.md for
/// the chain rules and the exact bytes each hash covers.
///
/// Chains: one per (lead, device). A device only ever appends to its own chains; a merge takes
/// the other device's chains as they are (never re-hashing or re-numbering an entry), so two
/// devices' ledgers merge without rewriting anything. Device 0's chain holds entries derived
/// from consent records that arrived without ledger entries (a file from a version without the
/// ledger, the demo practice).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/lead_types.hpp"
#include "core/sync/hlc.hpp"

namespace nurture {

/// What an entry records.
enum class ConsentChange : std::uint8_t { granted, withdrawn, opted_out, opt_out_lifted };
inline constexpr std::size_t k_consent_change_count = 4;
/// Which path made the change.
enum class LedgerSource : std::uint8_t { manual, import, form, unsubscribe, sync, undo, baseline };
inline constexpr std::size_t k_ledger_source_count = 7;

/// Stable lowercase names, written to files and hashed.
std::string_view to_string(ConsentChange v);
std::string_view to_string(LedgerSource v);
std::optional<ConsentChange> parse_consent_change(std::string_view text);
std::optional<LedgerSource> parse_ledger_source(std::string_view text);

/// One change. `purpose` is empty for opt-outs (they cover every purpose of the channel).
struct LedgerEntry {
  LeadId lead;
  std::uint64_t device = 0;  ///< the chain's device (the device that appended it)
  std::uint64_t seq = 0;     ///< 1, 2, 3… within the (lead, device) chain
  UnixMillis at = 0;         ///< when the change took effect (the evidence date)
  Stamp recorded;            ///< the change stamp of the command that made it
  Channel channel = Channel::email;
  std::optional<Purpose> purpose;
  ConsentChange change = ConsentChange::granted;
  LedgerSource source = LedgerSource::manual;
  std::string method;     ///< how: "web form", "reply STOP", "imported"
  std::string wording;    ///< the consent text shown to the lead
  std::string reason;     ///< why it was withdrawn or opted out
  std::string prev_hash;  ///< the previous entry's hash in the chain; 64 zeros for the first
  std::string hash;       ///< lowercase hex SHA-256 of ledger_canonical_bytes(*this)
  friend bool operator==(const LedgerEntry&, const LedgerEntry&) = default;
};

/// The hash of the previous entry of a chain's first entry.
inline constexpr std::string_view k_ledger_genesis =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// The exact bytes hashed for `e` (every field but `hash`), documented in docs/consent-ledger.md.
std::string ledger_canonical_bytes(const LedgerEntry& e);
/// Lowercase hex SHA-256 of ledger_canonical_bytes(e).
std::string ledger_entry_hash(const LedgerEntry& e);

/// The first broken entry and why.
struct LedgerProblem {
  LeadId lead;
  std::uint64_t device = 0;
  std::uint64_t seq = 0;
  std::size_t index = 0;  ///< position in the list that was checked
  std::string why;        ///< "hash mismatch", "sequence gap: entry 3 is missing", …
  /// "lead L…, device …, entry 4: why".
  [[nodiscard]] std::string describe() const;
};

/// Checks entries in list order: each hash matches its bytes, each chain starts at seq 1 with
/// the genesis link and goes on 2, 3… with every prev_hash equal to the previous entry's hash.
/// Returns the first problem, or nullopt when every chain is intact.
std::optional<LedgerProblem> verify_entries(const std::vector<LedgerEntry>& entries);

/// The ledger of a workspace: chains keyed by (lead, device), kept in key order.
class ConsentLedger {
 public:
  using Key = std::pair<std::uint64_t, std::uint64_t>;  ///< (lead id, device)

  /// Appends `e` to its chain (lead, e.device): fills in seq, prev_hash and hash.
  const LedgerEntry& append(LedgerEntry e);
  /// Appends entries for every difference between `before` and `after` in consent and
  /// do-not-contact (one per changed consent record or opt-out), stamped `recorded`, in
  /// device `recorded.device`'s chain. A consent record that disappears is a withdrawal.
  /// Returns the number appended.
  std::size_t record_changes(const Lead& before, const Lead& after, const Stamp& recorded,
                             LedgerSource source);
  /// Appends, to the lead's device 0 chain, entries for the consent and do-not-contact records
  /// of `lead` that no entry of this lead records (same channel, purpose and stamp), oldest
  /// first. Deterministic: devices deriving from the same state get the same entries.
  std::size_t derive_missing(const Lead& lead, LedgerSource source);
  /// Removes entries stamped after `stamp` by `stamp.device` (a failed batch's entries).
  void drop_after(const Stamp& stamp);

  /// Merges `other` in: a chain only one side has is taken whole; of two versions of a chain,
  /// the longer one wins when the other is its prefix; two chains that fork (a device restored
  /// an old backup and went on) keep the longer, then the one with the larger last hash, so the
  /// result does not depend on the order of merges. Chains of `other` that fail verification
  /// are ignored. Returns the number of entries taken in.
  std::size_t merge(const ConsentLedger& other, std::size_t* refused_chains = nullptr);

  /// Replaces the chain (key) with `entries` as stored (reading a file); no checks.
  void put_chain(Key key, std::vector<LedgerEntry> entries);

  [[nodiscard]] const std::map<Key, std::vector<LedgerEntry>>& chains() const { return m_chains; }
  [[nodiscard]] std::size_t size() const { return m_size; }
  [[nodiscard]] bool empty() const { return m_size == 0; }
  /// Every entry in key order (lead, device, seq).
  [[nodiscard]] std::vector<LedgerEntry> entries() const;
  /// One lead's entries, all devices, ordered by `recorded` (then device and seq).
  [[nodiscard]] std::vector<LedgerEntry> lead_entries(LeadId lead) const;

  friend bool operator==(const ConsentLedger& a, const ConsentLedger& b) { return a.m_chains == b.m_chains; }

 private:
  std::map<Key, std::vector<LedgerEntry>> m_chains;
  std::size_t m_size = 0;
};

/// Checks every chain of `ledger` (verify_entries over entries()).
std::optional<LedgerProblem> verify_ledger(const ConsentLedger& ledger);

}  // namespace nurture
