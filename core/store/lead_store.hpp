#pragma once
/// Leads as columns (struct of arrays), sized for 100,000 leads in a browser tab.
///
/// Layout and memory per lead (64-bit native; wasm32 is the same since no column holds a
/// pointer): id 8; seven text columns (names, email, phone, street, zip, notes) as 8-byte
/// spans into per-column pools; eight categorical columns (city, state, country, time zone,
/// source, campaign, ad, form) as 4-byte dictionary codes; birth date 4 (days since 1970),
/// age 1, gender 1, stage 1, deleted flag 1, created_at 8; six list columns (interests, tags,
/// custom fields, stage history, consent, do-not-contact) as 8-byte spans; change stamps as
/// 26 × 4-byte references into a stamp pool (one entry per command, shared by all the fields
/// it changed) instead of 26 × 24-byte stamps. Columns: 8 + 56 + 32 + 16 + 48 + 104 = 264
/// bytes. The id, email and phone hash indexes add about 132 bytes per lead (measured at 100k
/// leads, libstdc++), so the budget checked by tests/unit/lead_scale_test.cpp, columns plus
/// indexes below 400 bytes per lead, holds. Text, list values and dictionary strings come on
/// top (about 140 bytes per lead for typical imported leads) and are measured by memory().
///
/// Deleted leads are tombstones: their row stays (with the deletion stamp) so a merge can tell
/// "deleted here" from "never seen"; lookups skip them. Row numbers are stable until a future
/// compaction.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/model/lead_types.hpp"
#include "core/store/columns.hpp"
#include "core/sync/hlc.hpp"

namespace nurture {

/// Heap bytes a store uses, split the way the memory budget is stated.
struct MemoryUse {
  std::size_t columns = 0;  ///< fixed-size per-row columns and spans
  std::size_t values = 0;   ///< text, list pools and dictionaries
  std::size_t indexes = 0;  ///< hash indexes (estimated from their sizes)
  [[nodiscard]] std::size_t total() const { return columns + values + indexes; }
};

class LeadStore {
 public:
  static constexpr std::size_t k_stamp_slots = k_lead_field_count + 1;  ///< fields + deletion

  /// What undo needs to put a row back exactly: its values, stamps and deletion state.
  struct RowState {
    Lead lead;
    std::array<std::uint32_t, k_stamp_slots> stamps{};
    bool deleted = false;
  };

  LeadStore();

  /// Room for `rows` leads, so a streaming reader appends without regrowing.
  void reserve(std::size_t rows);
  /// Appends `lead` (already validated, with a new id) as a live row; every field that is set
  /// gets `stamp`, the others a zero stamp. Returns the row. Here and in set_field, consent and
  /// do-not-contact records with a zero stamp are stored with the field's stamp.
  std::uint32_t append_row(const Lead& lead, const Stamp& stamp);
  /// For readers of saved workspaces and merges: appends `lead` with the per-field stamps and
  /// tombstone it was stored with. Distinct stamps each take a 24-byte pool entry; runs of
  /// equal stamps share one.
  std::uint32_t append_row(const Lead& lead, const std::array<Stamp, k_lead_field_count>& stamps,
                           bool deleted, const Stamp& deleted_stamp);
  /// Sets one field of `row` from `from` and stamps it. Keeps the email/phone indexes right.
  void set_field(std::uint32_t row, LeadField field, const Lead& from, const Stamp& stamp);
  /// Marks `row` deleted (a tombstone) or live again, with the stamp of that decision.
  void set_deleted(std::uint32_t row, bool deleted, const Stamp& stamp);

  /// Rows including tombstones; valid row numbers are [0, rows()).
  [[nodiscard]] std::size_t rows() const { return m_id.size(); }
  /// Live (not deleted) leads.
  [[nodiscard]] std::size_t size() const { return m_live; }
  [[nodiscard]] bool is_deleted(std::uint32_t row) const { return m_deleted[row] != 0; }
  [[nodiscard]] LeadId id(std::uint32_t row) const { return LeadId{m_id[row]}; }
  [[nodiscard]] Stamp stamp(std::uint32_t row, LeadField field) const;
  [[nodiscard]] Stamp deleted_stamp(std::uint32_t row) const;
  /// The whole row as a value. Precondition: row < rows().
  [[nodiscard]] Lead get(std::uint32_t row) const;
  /// Single columns for hot paths (segments, dedupe) without materialising a Lead.
  [[nodiscard]] std::string_view email(std::uint32_t row) const;
  [[nodiscard]] std::string_view phone(std::uint32_t row) const;
  [[nodiscard]] Stage stage(std::uint32_t row) const { return m_stage[row]; }
  [[nodiscard]] std::string_view first_name(std::uint32_t row) const;
  [[nodiscard]] std::string_view last_name(std::uint32_t row) const;
  [[nodiscard]] UnixMillis created_at(std::uint32_t row) const { return m_created_at[row]; }
  /// Column access for segment scans (core/segment), without materialising a Lead.
  /// Categorical `field` (city, state, country, time_zone, source, campaign, ad, form): one
  /// dictionary code per row (0 = empty) and the dictionary. Precondition: field is categorical.
  [[nodiscard]] const std::vector<std::uint32_t>& category_codes(LeadField field) const;
  [[nodiscard]] const Dictionary& category_dictionary(LeadField field) const;
  [[nodiscard]] std::string_view zip(std::uint32_t row) const;
  [[nodiscard]] Gender gender(std::uint32_t row) const { return m_gender[row]; }
  /// The birth date as days since 1970-01-01, when known.
  [[nodiscard]] std::optional<std::int32_t> birth_day(std::uint32_t row) const {
    if (m_birth_days[row] == k_no_birth_day) return std::nullopt;
    return m_birth_days[row];
  }
  /// The stored age (Lead::age), when known.
  [[nodiscard]] std::optional<std::uint8_t> stored_age(std::uint32_t row) const {
    if (m_age[row] == k_no_stored_age) return std::nullopt;
    return m_age[row];
  }
  /// Interest and tag codes of `row`, into interest_dictionary() / tag_dictionary().
  [[nodiscard]] std::span<const std::uint32_t> interest_codes(std::uint32_t row) const {
    return {m_interests.data(row), m_interests.size(row)};
  }
  [[nodiscard]] std::span<const std::uint32_t> tag_codes(std::uint32_t row) const {
    return {m_tags.data(row), m_tags.size(row)};
  }
  [[nodiscard]] const Dictionary& interest_dictionary() const { return m_interest_dict; }
  /// The stage history of `row` as stored, without copying.
  [[nodiscard]] std::span<const StageChange> stage_history(std::uint32_t row) const {
    return {m_stage_history.data(row), m_stage_history.size(row)};
  }
  [[nodiscard]] const Dictionary& tag_dictionary() const { return m_tag_dict; }
  /// Custom fields: names and values share custom_dictionary(). The value code of field
  /// `name_code` in `row`; 0 (the empty string) when the row lacks it.
  [[nodiscard]] const Dictionary& custom_dictionary() const { return m_custom_dict; }
  [[nodiscard]] std::uint32_t custom_value_code(std::uint32_t row, std::uint32_t name_code) const;
  /// may_contact(get(row), channel, Purpose::marketing), from the packed records.
  [[nodiscard]] bool marketing_consent(std::uint32_t row, Channel channel) const;
  /// A (not cleared) do-not-contact on `channel`.
  [[nodiscard]] bool do_not_contact(std::uint32_t row, Channel channel) const;
  /// Reads one field of `row` into `to`, leaving the others alone (list views that sort or
  /// filter by source, tags or consent read just that column).
  void read(std::uint32_t row, LeadField field, Lead& to) const { read_field(row, field, to); }

  /// The live row with this id, if any.
  [[nodiscard]] std::optional<std::uint32_t> find(LeadId id) const;
  /// The row with this id, deleted or not (for merge and undo).
  [[nodiscard]] std::optional<std::uint32_t> find_any(LeadId id) const;
  /// Live rows whose normalised email / E.164 phone equals the argument exactly, ascending.
  [[nodiscard]] std::vector<std::uint32_t> find_by_email(std::string_view email) const;
  [[nodiscard]] std::vector<std::uint32_t> find_by_phone(std::string_view phone) const;

  /// Calls fn(row) for every live row in row order.
  template <class Fn>
  void for_each_live(Fn&& fn) const {
    for (std::uint32_t r = 0; r < m_id.size(); ++r) {
      if (m_deleted[r] == 0) fn(r);
    }
  }

  [[nodiscard]] RowState save_row(std::uint32_t row) const;
  /// Puts back a state taken by save_row (undo). Dictionary entries and pool bytes added since
  /// stay as unreferenced garbage; nothing observable differs.
  void restore_row(std::uint32_t row, const RowState& state);
  /// Removes the last row (undo of an append). Precondition: rows() > 0.
  void pop_row();

  [[nodiscard]] MemoryUse memory() const;

  /// Writes every column, dictionary and stamp (not the hash indexes) to a binary image
  /// (lead_store_image.cpp).
  void serialize(ImageWriter& out) const;
  /// serialize() in pieces (a column or a small group of columns each), for the sliced image
  /// encoder (core/storage/image_encoder.hpp): pieces 0 .. serialize_pieces() − 1 written in
  /// order give exactly serialize()'s bytes.
  [[nodiscard]] std::size_t serialize_pieces() const;
  void serialize_piece(ImageWriter& out, std::size_t i) const;
  /// Replaces this store with what serialize() wrote, checking every length, span, dictionary
  /// code, enum value and id (non-zero, unique), then rebuilds the id, email and phone indexes.
  /// False (the reason in `in`, this store unchanged) on any problem.
  /// `version` is the image's: version 1 had no per-record stamps (they are taken from the
  /// consent / do-not-contact field stamps) and no cleared do-not-contact records.
  bool deserialize(ImageReader& in, int version);
  /// deserialize() in slices, for the sliced image decoder (core/storage/image_decoder.hpp):
  /// deserialize_columns() reads and checks everything but leaves the indexes empty (size() is
  /// 0 until indexed); index_rows() then checks the ids of rows [from, to) and indexes them,
  /// called with consecutive ranges from 0 up to rows(). After a failure (the reason in `in`)
  /// the store is unusable and must be dropped.
  bool deserialize_columns(ImageReader& in, int version);
  bool index_rows(ImageReader& in, std::uint32_t from, std::uint32_t to);

  /// Logical equality: same rows with the same values, stamps and tombstones (pool layout and
  /// dictionary codes may differ).
  friend bool operator==(const LeadStore& a, const LeadStore& b);

 private:
  struct CustomEntry {
    std::uint32_t name = 0;
    std::uint32_t value = 0;
  };
  struct PackedConsent {
    UnixMillis at = 0;
    std::uint32_t method = 0;
    std::uint32_t text = 0;
    std::uint32_t reason = 0;
    std::uint32_t stamp = 0;  // into m_stamps
    Channel channel = Channel::email;
    Purpose purpose = Purpose::marketing;
    bool granted = false;
  };
  struct PackedDnc {
    UnixMillis at = 0;
    std::uint32_t reason = 0;
    std::uint32_t stamp = 0;  // into m_stamps
    Channel channel = Channel::email;
    bool cleared = false;  // a Lead::do_not_contact_cleared entry
  };
  static constexpr std::int32_t k_no_birth_day = INT32_MIN;  // m_birth_days without a date
  static constexpr std::uint8_t k_no_stored_age = 0xFF;      // m_age without an age
  static constexpr std::size_t k_text_columns = 7;
  static constexpr std::size_t k_category_columns = 8;

  std::uint32_t append_empty_row(LeadId id);
  // `stamp` is the field's: consent and do-not-contact records without one take it.
  void write_field(std::uint32_t row, LeadField field, const Lead& from, const Stamp& stamp);
  void read_field(std::uint32_t row, LeadField field, Lead& to) const;
  std::uint32_t intern_stamp(const Stamp& stamp);
  void index_add(std::unordered_multimap<std::uint64_t, std::uint32_t>& index, std::string_view key,
                 std::uint32_t row);
  void index_remove(std::unordered_multimap<std::uint64_t, std::uint32_t>& index, std::string_view key,
                    std::uint32_t row);
  std::vector<std::uint32_t> index_find(const std::unordered_multimap<std::uint64_t, std::uint32_t>& index,
                                        std::string_view key, LeadField field) const;

  std::vector<std::uint64_t> m_id;
  std::array<TextColumn, k_text_columns> m_text;
  std::array<std::vector<std::uint32_t>, k_category_columns> m_category;
  std::array<Dictionary, k_category_columns> m_category_dict;
  std::vector<std::int32_t> m_birth_days;
  std::vector<std::uint8_t> m_age;
  std::vector<Gender> m_gender;
  std::vector<Stage> m_stage;
  std::vector<std::uint8_t> m_deleted;
  std::vector<UnixMillis> m_created_at;
  ListColumn<std::uint32_t> m_interests;
  ListColumn<std::uint32_t> m_tags;
  ListColumn<CustomEntry> m_custom;
  ListColumn<StageChange> m_stage_history;
  ListColumn<PackedConsent> m_consent;
  ListColumn<PackedDnc> m_dnc;
  Dictionary m_interest_dict;
  Dictionary m_tag_dict;
  Dictionary m_custom_dict;                 // custom field names and values
  Dictionary m_consent_dict;                // consent methods, wording and reasons; do-not-contact reasons
  std::vector<std::uint32_t> m_stamp_refs;  // rows × k_stamp_slots
  std::vector<Stamp> m_stamps;              // [0] is the zero stamp
  std::unordered_map<std::uint64_t, std::uint32_t> m_by_id;
  std::unordered_multimap<std::uint64_t, std::uint32_t> m_by_email;  // hash of text → row
  std::unordered_multimap<std::uint64_t, std::uint32_t> m_by_phone;
  std::size_t m_live = 0;
};

}  // namespace nurture
