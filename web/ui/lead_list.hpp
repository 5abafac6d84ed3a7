#pragma once
/// The Leads table's model, without ImGui: which rows pass the quick search and the filters,
/// in which order. The result (the "view") is a cached vector of row numbers, rebuilt only when
/// the workspace revision, the filter or the sort changes; a frame reads just the visible rows.
/// Rebuilding reads single columns (names, email, phone, stage, source, tags, consent), never
/// whole leads.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/workspace.hpp"
#include "core/scoring/score_table.hpp"

namespace nurture::ui {

enum class LeadColumn : std::uint8_t { name, email, phone, stage, source, interests, score, created };

struct LeadFilter {
  std::string search;              ///< name, email or phone; names match without case or accents
  std::optional<Stage> stage;      ///< only leads in this stage
  std::string source;              ///< only leads from this source (exact), empty for any
  std::string tag;                 ///< only leads with this tag, empty for any
  std::optional<Channel> consent;  ///< only leads who may get marketing on this channel
  bool deleted = false;            ///< the Deleted view: only deleted leads (tombstones), for restoring
  /// True when a search or filter narrows the rows (the Deleted view itself is not a filter).
  [[nodiscard]] bool active() const {
    return !search.empty() || stage || !source.empty() || !tag.empty() || consent;
  }
  friend bool operator==(const LeadFilter&, const LeadFilter&) = default;
};

struct LeadSort {
  LeadColumn column = LeadColumn::created;
  bool ascending = false;  ///< newest first by default
  friend bool operator==(const LeadSort&, const LeadSort&) = default;
};

/// The filter as a segment {name, query}: stage, source, tag and consent become conditions
/// (`stage = consideration and source = "google-ads" and consent.sms`); the name search has no
/// segment equivalent and is left out. The name reads like the filter ("Consideration · google-ads").
std::pair<std::string, std::string> filter_segment(const LeadFilter& filter);

/// Lowercase with accents removed for Latin letters (é → e, Ł → l, ß → ss), other text kept:
/// "Zoë Ångström" → "zoe angstrom". For case- and accent-insensitive name search.
std::string fold_text(std::string_view text);
/// Just the digits of `text`: "+1 (813) 555-0142" → "18135550142".
std::string digits_of(std::string_view text);
/// "Ana García" from the name columns, or the email, or the phone when there is no name.
std::string display_name(const LeadStore& leads, std::uint32_t row);

class LeadListView {
 public:
  /// Brings the view up to date; returns true when it had to be rebuilt.
  /// `scores` (optional) orders the score column; `scores_version` says when they changed (a
  /// re-sort by score follows a new version).
  bool update(const Workspace& ws, const LeadFilter& filter, const LeadSort& sort,
              const ScoreTable* scores = nullptr, std::uint64_t scores_version = 0);
  /// Forces the next update() to rebuild.
  void invalidate() { m_valid = false; }

  /// Row numbers of the matching leads, in display order: live leads, or in the Deleted view
  /// (LeadFilter::deleted) deleted ones; the "created" sort then orders by deletion time.
  [[nodiscard]] const std::vector<std::uint32_t>& rows() const { return m_rows; }
  /// Live leads in the workspace (for "12 of 2,000 leads").
  [[nodiscard]] std::size_t live() const { return m_live; }
  /// How many times the view was rebuilt (tests prove frames do not rebuild it).
  [[nodiscard]] std::size_t rebuilds() const { return m_rebuilds; }
  /// Deleted leads in the workspace (for the "Deleted (N)" chip).
  [[nodiscard]] std::size_t deleted() const { return m_deleted; }
  /// Distinct sources and tags over the leads of the current view (live or deleted), sorted,
  /// for the filter menus.
  [[nodiscard]] const std::vector<std::string>& sources() const { return m_sources; }
  [[nodiscard]] const std::vector<std::string>& tags() const { return m_tags; }

 private:
  void rebuild(const Workspace& ws);
  void sort_rows(const Workspace& ws);

  bool m_valid = false;
  std::uint64_t m_revision = 0;
  const ScoreTable* m_scores = nullptr;
  std::uint64_t m_scores_version = 0;
  LeadFilter m_filter;
  LeadSort m_sort;
  std::vector<std::uint32_t> m_rows;
  std::vector<std::string> m_sources;
  std::vector<std::string> m_tags;
  std::size_t m_live = 0;
  std::size_t m_deleted = 0;
  std::size_t m_rebuilds = 0;
};

}  // namespace nurture::ui
