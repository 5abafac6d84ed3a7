#pragma once
/// The measurement dashboard (issue 6): a date range and filters at the top, KPI tiles with the
/// change against the previous period, the funnel, conversion over time, step rates, nurtured
/// versus not, content engagement, retention cohorts and return by source, each card with a CSV
/// download. Figures are computed when the range, filter or workspace changes, never per frame.

#include <memory>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "web/ui/dashboard_data.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class DashboardPage {
 public:
  DashboardPage();
  ~DashboardPage();
  DashboardPage(const DashboardPage&) = delete;
  DashboardPage& operator=(const DashboardPage&) = delete;

  void draw(Ui& ui);
  /// For tests: the range, filter, KPI values and row counts.
  void describe(nlohmann::json& out, const Workspace& ws) const;

  /// For tests: choose a preset or filter as the controls do.
  void set_preset(RangePreset p) { m_preset = p; }
  void set_filter(const metrics::MetricsFilter& f) { m_filter = f; }
  [[nodiscard]] const DashboardData* data() const { return m_data.get(); }
  /// How many times the figures were computed (a test checks it is not per frame).
  [[nodiscard]] std::size_t computations() const { return m_computations; }

 private:
  void draw_controls(Ui& ui, float width);
  void draw_filters(Ui& ui, float width);
  void draw_kpis(Ui& ui, float width);
  void refresh(Ui& ui);
  void export_csv(Ui& ui, const char* card, const std::string& csv);

  RangePreset m_preset = RangePreset::last_30;
  std::string m_custom_from;
  std::string m_custom_to;
  std::string m_custom_error;
  std::optional<metrics::MetricsRange> m_custom;  ///< the last valid custom range applied
  metrics::MetricsFilter m_filter;

  // What the figures were computed for.
  std::unique_ptr<DashboardData> m_data;
  /// Indexes of the workspace the figures read, rebuilt only when the workspace changes, so a
  /// new range or filter is a quick recompute (core/metrics/metrics_cache.hpp).
  metrics::MetricsCache m_cache;
  metrics::MetricsRange m_range;
  metrics::MetricsFilter m_data_filter;
  std::uint64_t m_revision = ~std::uint64_t{0};
  std::string m_error;
  std::size_t m_computations = 0;
  std::string m_last_export;
};

}  // namespace nurture::ui
