#pragma once
/// The consent ledger in files: the workspace file's "consent_ledger" member, and the audit
/// export (JSON with a header and a final digest, or CSV for people) with its verification.
/// Formats and the digest are specified in docs/consent-ledger.md.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
