#pragma once
/// Forecast: the simulator's view (docs/simulator.md). "What will the next 30 days bring if every
/// touch goes out as it comes due?" — touches per day and channel as a stacked bar chart, totals
/// and projected bookings as tiles, each sequence's share, the touches that will wait for a
/// person, how bookings are projected, and one lead's exact timeline with every wait explained.
/// Nothing on this page changes the workspace.
///
/// The simulation runs a few hundred leads per frame with a progress bar, and again when the
/// workspace changes or the period is changed.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/sequence/simulation_summary.hpp"
#include "core/sequence/simulator.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class ForecastPage {
 public:
  ForecastPage();
  ~ForecastPage();
  ForecastPage(const ForecastPage&) = delete;
  ForecastPage& operator=(const ForecastPage&) = delete;

  void draw(Ui& ui);
  /// For browser and smoke tests: the period, totals, per-day counts, sequences and the followed
  /// lead's timeline.
  void describe(nlohmann::json& out, const Workspace& ws) const;
  /// Follows lead `id` (tests; the page's search does the same).
  void follow(LeadId id) {
    m_lead = id;
    m_lead_revision = ~std::uint64_t{0};
  }
  /// True while a simulation is running.
  [[nodiscard]] bool running() const { return m_running != nullptr; }

 private:
  void start(Ui& ui);
  void advance(Ui& ui);
  void draw_controls(Ui& ui, float width);
  void draw_tiles(Ui& ui, float width);
  void draw_chart(Ui& ui, float width);
  void draw_sequences(Ui& ui, float width);
  void draw_stuck(Ui& ui, float width);
  void draw_rates(Ui& ui, float width);
  void draw_lead(Ui& ui, float width);

  int m_days = 30;
  // The simulation being run, and what it was started for.
  std::unique_ptr<Simulator> m_running;
  std::uint64_t m_running_revision = 0;
  int m_running_days = 0;
  UnixMillis m_running_from = 0;
  // The last finished one.
  std::optional<Simulation> m_sim;
  SimulationSummary m_summary;
  std::uint64_t m_revision = ~std::uint64_t{0};
  int m_sim_days = 0;
  // The followed lead.
  std::string m_search;
  std::optional<LeadId> m_lead;
  std::optional<Simulation> m_lead_sim;
  std::uint64_t m_lead_revision = ~std::uint64_t{0};
  bool m_show_rates = false;
};

}  // namespace nurture::ui
