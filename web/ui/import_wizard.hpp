#pragma once
/// The import wizard for leads and activity files: pick a file → check the column mapping
/// against a preview of the first rows → validate every row (progress bar, cancel) → read the
/// report → import as one undoable change → summary with Undo. Nothing changes until the user
/// confirms; every rejected row is listed with its row number and reason.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/import/event_import.hpp"
#include "core/import/lead_import.hpp"
#include "web/ui/file_intake_widget.hpp"
#include "web/ui/ui_context.hpp"
#include "web/ui/undo_summary.hpp"

namespace nurture::ui {

class ImportWizard {
 public:
  enum class Step { pick, mapping, checking, review, done };
  enum class Kind { leads, events };

  /// Draws the wizard inside the current card, `width` wide.
  void draw(Ui& ui, float width);
  /// Starts the wizard on a file (picked here, or dropped on the page).
  void open(Ui& ui, IncomingFile file);
  /// True while the wizard waits for the file picker.
  [[nodiscard]] bool wants_file() const { return m_intake.wants_file(); }

  /// For browser tests.
  [[nodiscard]] Step step() const { return m_step; }
  [[nodiscard]] const ImportReport& report() const { return m_report; }
  [[nodiscard]] const std::string& error() const { return m_error; }
  [[nodiscard]] const std::string& file_name() const { return m_file.name; }

 private:
  void draw_pick(Ui& ui, float width);
  void draw_mapping(Ui& ui, float width);
  void draw_mapping_table(Ui& ui, float width);
  void draw_checking(Ui& ui, float width);
  void draw_review(Ui& ui, float width);
  void draw_done(Ui& ui, float width);
  void draw_issues(Ui& ui, const char* title, const std::vector<RowIssue>& issues, std::size_t count,
                   const ImVec4& color);
  /// Re-reads the header and the preview with the current kind, format and mapping.
  void prepare(Ui& ui);
  void start_check(Ui& ui);
  void apply(Ui& ui);
  void reset();

  Step m_step = Step::pick;
  Kind m_kind = Kind::leads;
  ImportFormat m_format = ImportFormat::automatic;
  IncomingFile m_file;
  FileIntakeWidget m_intake{
      {.accept = ".csv,.tsv,.txt,text/csv,text/tab-separated-values", .choose_mark = "import.choose"}};
  std::string m_error;

  std::vector<std::string> m_header;
  std::vector<std::vector<std::string>> m_preview;  ///< first rows, as read
  std::vector<ColumnTarget> m_lead_mapping;
  std::vector<EventColumn> m_event_mapping;
  ImportFormat m_detected = ImportFormat::csv;
  EventFormat m_detected_events = EventFormat::mailing;

  std::unique_ptr<LeadImport> m_lead_job;
  std::unique_ptr<EventImport> m_event_job;
  ImportProgress m_progress;
  ImportReport m_report;
  std::optional<LeadBatch> m_batch;
  UndoSummary m_done;
};

/// For browser tests: the wizard's step, file, error and report as JSON.
void describe(nlohmann::json& out, const ImportWizard& wizard);

}  // namespace nurture::ui
