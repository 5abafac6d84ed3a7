#pragma once
/// Importing activity from other tools as events: mailing-tool reports (opened/clicked per
/// recipient), booking-system appointments and content analytics. Same job shape as
/// LeadImport: step() for progress, finish() for a plan whose LeadBatch holds one AddEvents
/// (all or nothing, one undo step). Rows are matched to live leads by email, then phone, then
/// external id (custom field "external_id"); unmatched rows are reported with their row number.
/// Every row is validated before the batch is built (time between 2000-01-01 and a day after
/// `now`), so a bad row is reported and the rest still import.
///
/// Opt-outs are honoured at once: a reply (email_replied, text_replied) whose property "text"
/// (a message/body/reply column) classify_reply() reads as an opt-out adds SetDoNotContact on
/// the reply's channel (text → sms, email → email), or on every channel for opt_out_all, with
/// reason `replied "<text>" (<date>)`; an unsubscribed event adds email do-not-contact. They
/// follow the AddEvents in the same LeadBatch (one undo step), are counted in
/// ImportReport::opt_outs and listed in its warnings. Channels already do-not-contact, or
/// cleared after the reply, are left alone; duplicate events honour nothing again.

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/commands/command.hpp"
#include "core/import/csv_job.hpp"
#include "core/import/import_report.hpp"
#include "core/import/values.hpp"
#include "core/io/csv.hpp"
#include "core/model/workspace.hpp"
#include "core/util/expected.hpp"

namespace nurture {

enum class EventFormat : std::uint8_t { automatic, mailing, bookings, content };
/// "auto", "mailing", "bookings", "content".
std::string_view to_string(EventFormat format);
std::optional<EventFormat> parse_event_format(std::string_view text);

enum class EventField : std::uint8_t {
  ignore,
  email,
  phone,
  external_id,
  action,       ///< opened, clicked, sent, bounced, unsubscribed, replied (or our type names)
  at,           ///< a full date and time (or a time of day when a date column exists)
  date,         ///< a date; with time_of_day, or alone (midnight)
  time_of_day,  ///< "14:30", "2:30 PM"
  campaign,     ///< kept as property "campaign"
  url,          ///< the clicked link: the event's content
  status,       ///< booked, attended/completed, no-show, cancelled
  service,
  amount,   ///< revenue or price: "$1,250.00"
  content,  ///< page or content item
  seconds,  ///< time spent: "90", "1:30"
  property  ///< a free property named by EventColumn::property ("text": a reply's words)
};
inline constexpr std::size_t k_event_field_count = 16;

struct EventColumn {
  EventField field = EventField::ignore;
  std::string property;
  friend bool operator==(const EventColumn&, const EventColumn&) = default;
};
/// "email", "property:channel", "ignore".
std::string to_string(const EventColumn& column);
std::optional<EventColumn> parse_event_column(std::string_view text);
std::vector<std::string_view> event_field_names();

/// mailing with an Action/Activity/Event column; bookings with Status/Service/Appointment;
/// content with Page/Content/Seconds/Duration; else mailing.
EventFormat detect_event_format(const std::vector<std::string>& header);
/// One target per column by header synonyms (docs/import.md).
std::vector<EventColumn> auto_map_events(const std::vector<std::string>& header);

struct EventImportOptions {
  EventFormat format = EventFormat::automatic;
  std::optional<std::vector<EventColumn>> mapping;
  std::vector<std::string> overrides;  ///< "COLUMN=FIELD"
  DateOrder date_order = DateOrder::month_first;
  int utc_offset_minutes = 0;  ///< for times written without an offset (booking systems: local)
  UnixMillis now = 0;
  std::function<std::uint64_t()> next_id;
  char delimiter = 0;
};

struct EventImportPlan {
  ImportReport report;  ///< added = events logged; skipped = duplicates, unknown actions
  LeadBatch
      command;  ///< one AddEvents, then SetDoNotContact per honoured opt-out (empty when nothing to log)
  EventFormat format = EventFormat::mailing;
  std::vector<EventColumn> mapping;
};

class EventImport {
 public:
  /// `text` must outlive the job.
  EventImport(std::string_view text, EventImportOptions options);

  [[nodiscard]] const Status& status() const { return m_job.status; }
  [[nodiscard]] const std::vector<std::string>& header() const { return m_job.header; }
  [[nodiscard]] const std::vector<EventColumn>& mapping() const { return m_mapping; }
  [[nodiscard]] EventFormat format() const { return m_format; }
  [[nodiscard]] const ImportReport& report() const { return m_report; }
  [[nodiscard]] bool done() const { return m_job.done; }

  ImportProgress step(const Workspace& ws, std::size_t max_rows);
  Expected<EventImportPlan> finish(const Workspace& ws);

 private:
  void process(const Workspace& ws, const CsvRecord& record);
  void honour_opt_out(const Workspace& ws, const Event& e, std::size_t row, std::size_t line);
  std::optional<LeadId> find_lead(const Workspace& ws, const std::string& email, const std::string& phone,
                                  const std::string& external_id, std::string& tried);

  detail::CsvJob m_job;
  EventImportOptions m_options;
  std::vector<EventColumn> m_mapping;
  EventFormat m_format = EventFormat::mailing;
  std::string m_default_country = "US";
  ImportReport m_report;
  std::vector<Event> m_events;
  std::vector<SetDoNotContact> m_opt_outs;
  std::set<std::pair<std::uint64_t, Channel>> m_blocked;  ///< (lead, channel) already planned
  std::set<std::tuple<std::uint64_t, UnixMillis, std::uint8_t, std::string>> m_seen;
  std::optional<std::unordered_map<std::string, LeadId>> m_by_external_id;
};

Expected<EventImportPlan> plan_event_import(std::string_view text, const Workspace& ws,
                                            EventImportOptions options);

}  // namespace nurture
