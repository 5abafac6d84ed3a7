#pragma once
/// The consent ledger in files: the workspace file's "consent_ledger" member, and the audit
/// export (JSON with a header and a final digest, or CSV for people) with its verification.
/// Formats and the digest are specified in docs/consent-ledger.md.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/sha256.hpp"
#include "core/model/workspace.hpp"
#include "core/util/expected.hpp"

namespace nurture {

inline constexpr std::string_view k_ledger_export_format = "nurture.consent_ledger";
inline constexpr int k_ledger_export_version = 1;

/// `{"lead":…,"device":…,…,"hash":…}` on one line, keys in a fixed order.
std::string ledger_entry_json(const LedgerEntry& e);

/// Appends `,\n  "consent_ledger": [ … ]` (every entry, key order) unless the ledger is empty,
/// so a workspace without a ledger is written byte for byte as before.
void append_ledger_member(std::string& out, const Workspace& ws);

/// Moves the "consent_ledger" member out of `ws.unknown_members` into `ws.ledger`, checking
/// every value and that each chain is numbered 1, 2, 3… in order (hashes are checked by
/// verify_ledger, not on every load). On error the message names the entry.
Status take_ledger_member(Workspace& ws);

/// A ledger from entries in key order (lead, device), each chain numbered 1, 2, 3…; otherwise an
/// Error naming `list[i]`. Hashes are not checked here.
Expected<ConsentLedger> ledger_from_entries(std::vector<LedgerEntry> entries, std::string_view list);

/// The entries an audit export holds: all leads, or one lead's.
std::vector<LedgerEntry> ledger_export_entries(const Workspace& ws, std::optional<LeadId> lead);

/// SHA-256 (hex) over every entry's `hash` followed by "\n", in list order: the export's final
/// digest, which changes when any entry is changed, added, removed or moved.
std::string ledger_digest(const std::vector<LedgerEntry>& entries);

/// The audit export: format, version, practice, exported_at (ISO 8601 UTC), lead (when one),
/// entry_count, digest, entries.
std::string ledger_export_json(const Workspace& ws, std::optional<LeadId> lead, UnixMillis exported_at);

/// ledger_export_json in slices, for a progress bar (U13): the same bytes however the slices
/// are sized. Two passes over the entries in place (no copy of the ledger): the digest the
/// header needs, then the entries. The workspace must not change between calls.
class LedgerJsonWriter {
 public:
  LedgerJsonWriter(const Workspace& ws, std::optional<LeadId> lead, UnixMillis exported_at);
  /// Hashes or writes up to `max_entries` entries (at least one). True when the whole file is
  /// in `out`.
  bool write(std::string& out, std::size_t max_entries);
  /// 0..1: hashing is the first tenth, writing the rest.
  [[nodiscard]] double progress() const;
  [[nodiscard]] std::size_t entry_count() const { return m_count; }
  /// The export's digest, once the first pass is done (empty before).
  [[nodiscard]] const std::string& digest() const { return m_digest; }

 private:
  using Chains = std::map<ConsentLedger::Key, std::vector<LedgerEntry>>;
  /// Where a pass stands: the chain and the entry in it.
  struct Cursor {
    Chains::const_iterator chain;
    std::size_t index = 0;
  };
  /// The entry at `c`, moving `c` on; null at the end.
  const LedgerEntry* next(Cursor& c) const;

  const Workspace& m_ws;
  std::optional<LeadId> m_lead;
  UnixMillis m_exported_at;
  Chains::const_iterator m_begin;
  Chains::const_iterator m_end;
  std::size_t m_count = 0;
  Cursor m_hash_at;
  Cursor m_write_at;
  std::size_t m_hashed = 0;
  std::size_t m_written = 0;
  Sha256 m_sha;
  std::string m_digest;
  bool m_header_done = false;
  bool m_done = false;
};
/// The same entries as CSV for people (one row per entry, text cells neutralised against
/// formulas), after `#` comment lines holding the header values.
std::string ledger_export_csv(const Workspace& ws, std::optional<LeadId> lead, UnixMillis exported_at);

/// What verify_ledger_export found.
struct LedgerVerdict {
  bool ok = false;
  std::size_t entries = 0;
  std::string digest;   ///< the digest recomputed from the entries
  std::string message;  ///< "12 entries, digest …: intact" or what is wrong and where
  std::optional<LedgerProblem> problem;
};

/// Reads an audit export (JSON) and checks it: every chain (verify_entries), the entry count
/// and the final digest. A file that is not an export at all is an Error.
Expected<LedgerVerdict> verify_ledger_export(std::string_view text);

}  // namespace nurture
