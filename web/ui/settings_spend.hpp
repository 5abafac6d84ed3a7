#pragma once
/// Settings: the ad-spend table (issue 6, ROI). A grid of the last 12 months × live lead
/// sources with editable amounts, saved as one SetAdSpend (one undo step); an empty cell falls
/// back to the source's monthly cost and shows it as a hint. "Import spend CSV…" reads
/// Nurture's own layout, a Google Ads report or a Meta Ads Manager export
/// (core/import/spend_import.hpp), shows the preview and applies it as one SetAdSpend.

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/import/spend_import.hpp"
#include "web/ui/file_intake_widget.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class SpendSettings {
 public:
  void draw(Ui& ui, float width);

  /// The grid's months, oldest first (the last 12 practice-local months, this one included).
  [[nodiscard]] const std::vector<YearMonth>& months() const { return m_months; }
  [[nodiscard]] bool dirty() const { return m_cells != m_base; }
  /// The outcome of the last save or import, in words.
  [[nodiscard]] const std::string& message() const { return m_message; }
  /// The import preview, when a file was read.
  [[nodiscard]] const std::optional<SpendImport>& preview() const { return m_preview; }
  /// Why the chosen file could not be read ("" when it could).
  [[nodiscard]] const std::string& file_error() const { return m_file_error; }

 private:
  using Key = std::pair<std::string, std::size_t>;  // (source id, index into m_months)

  void sync(const Ui& ui);
  void draw_grid(Ui& ui, float width);
  void save(Ui& ui);
  void draw_import(Ui& ui, float width);
  void read_file(const Ui& ui);

  std::vector<YearMonth> m_months;
  std::size_t m_pages_back = 0;        ///< how many pages of k_grid_months before the current month
  std::map<Key, std::string> m_cells;  ///< what the grid shows ("" = no figure)
  std::map<Key, std::string> m_base;   ///< the stored table as text
  std::map<Key, std::string> m_cell_errors;
  std::uint64_t m_revision = std::numeric_limits<std::uint64_t>::max();
  std::string m_message;
  bool m_message_ok = true;

  FileIntakeWidget m_intake{{.accept = ".csv,.tsv,.txt", .choose_mark = "settings.spend.import"}};
  std::string m_file_name;
  std::string m_file_bytes;
  std::string m_file_error;
  int m_source_choice = -1;  ///< index into the live sources for Google/Meta files
  std::optional<SpendImport> m_preview;
};

}  // namespace nurture::ui
