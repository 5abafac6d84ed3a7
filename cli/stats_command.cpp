// nurture stats W.json: counts of leads and events, by stage, by source and by event type.
#include <array>
#include <map>

#include "cli/cli_support.hpp"
#include "cli/commands.hpp"

namespace nurture::cli {

int run_stats(int argc, char** argv, int first) {
  const auto args = parse_args(argc, argv, first, ArgSpec{{}, {}, {}, 1, 1});
  if (!args) return fail("stats", args.error().message, k_exit_usage);
  const auto ws = load_workspace(args.value().positional[0], false);
  if (!ws) return fail("stats", ws.error().message);
  const Workspace& w = ws.value();

  // Only the stage and source columns are read: no Lead is materialised per row.
  std::array<std::size_t, k_stage_count> stage_counts{};
  std::map<std::string, std::size_t> by_source;
  Lead scratch;  // receives just the source field, row after row
  w.leads.for_each_live([&](std::uint32_t row) {
    ++stage_counts.at(static_cast<std::size_t>(w.leads.stage(row)));
    w.leads.read(row, LeadField::source, scratch);
    ++by_source[scratch.source.empty() ? "(none)" : scratch.source];
  });
  nlohmann::ordered_json by_stage = nlohmann::ordered_json::object();
  for (std::size_t s = 0; s < k_stage_count; ++s) {
    by_stage[std::string(to_string(static_cast<Stage>(s)))] = stage_counts.at(s);
  }

  nlohmann::ordered_json by_type = nlohmann::ordered_json::object();
  std::size_t live_events = 0;
  std::array<std::size_t, k_event_type_count> type_counts{};
  for (std::uint32_t pos = 0; pos < w.events.size(); ++pos) {
    if (w.events.is_deleted(pos)) continue;
    ++live_events;
    ++type_counts.at(static_cast<std::size_t>(w.events.type(pos)));
  }
  for (std::size_t t = 0; t < k_event_type_count; ++t) {
    by_type[std::string(to_string(static_cast<EventType>(t)))] = type_counts.at(t);
  }

  const auto live = [](const auto& items) {
    std::size_t n = 0;
    for (const auto& item : items) n += item.deleted ? 0 : 1;
    return n;
  };
  nlohmann::ordered_json out;
  out["practice"] = w.practice.name;
  out["leads"] = w.leads.size();
  out["deleted_leads"] = w.leads.rows() - w.leads.size();
  out["events"] = live_events;
  out["leads_by_stage"] = by_stage;
  out["leads_by_source"] = by_source;
  out["events_by_type"] = by_type;
  out["treatments"] = live(w.treatments);
  out["sources"] = live(w.sources);
  out["content_items"] = live(w.content);
  return print_json(out);
}

}  // namespace nurture::cli
