#pragma once
/// The Content page's library: every live content item with its engagement over a period
/// (views, unique viewers, median time, completion) and the sequences that link it, in a
/// searchable, sortable table, with a detail pane for the selected item (views per week and
/// engagement by the viewer's stage). Figures are computed when the workspace revision or the
/// period changes, never per frame.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/metrics/content_detail.hpp"
#include "web/ui/catalog_editing.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class ContentLibrary {
 public:
  enum class Period : std::uint8_t { last_30_days, last_90_days, all_time };
  /// The sortable columns, in table order.
  enum class Column : std::uint8_t {
    title,
    kind,
    stage,
    treatment,
    views,
    viewers,
    median,
    completion,
    used_in
  };

  /// What a row's buttons asked for this frame (edit or delete item `id`, titled `title`).
  struct Request {
    RowAction action = RowAction::none;
    std::string id;
    std::string title;
  };

  /// Draws the toolbar and the table `width` wide; returns a row's request.
  Request draw(Ui& ui, float width);
  /// Draws the selected item's detail as a card `width` wide (nothing without a selection);
  /// outside any other card (cards do not nest).
  void draw_detail(Ui& ui, float width);
  /// For tests: period, search, sort, the rows in display order with their figures, the
  /// selection and its detail, and how many times the figures were computed.
  void describe(nlohmann::json& out, const Workspace& ws) const;

  [[nodiscard]] std::uint64_t computations() const { return m_computations; }

 private:
  void refresh(const Workspace& ws, UnixMillis now);
  void order_rows(const Workspace& ws);
  void draw_toolbar(Ui& ui, float width);
  Request draw_table(Ui& ui, float width);

  Period m_period = Period::last_90_days;
  std::string m_search;
  Column m_sort = Column::views;
  bool m_ascending = false;
  std::string m_selected;  ///< a content item id; empty: none

  // The cache: the report for (revision, period), and the detail for (that, selection).
  bool m_valid = false;
  std::uint64_t m_revision = 0;
  Period m_computed_period = Period::last_90_days;
  UnixMillis m_from = 0;
  UnixMillis m_to = 0;
  EngagementReport m_report;
  std::vector<std::size_t> m_rows;  ///< indexes into m_report.items, filtered and sorted
  std::string m_rows_search;        ///< the search m_rows were filtered with
  bool m_rows_dirty = true;
  std::string m_detail_for;
  bool m_detail_valid = false;
  ContentDetail m_detail;
  std::uint64_t m_computations = 0;
};

}  // namespace nurture::ui
