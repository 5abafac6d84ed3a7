#include "core/import/import_report.hpp"

#include <nlohmann/json.hpp>

namespace nurture {

void note(std::vector<RowIssue>& list, std::size_t row, std::size_t line, std::string message) {
  if (list.size() < ImportReport::k_max_listed) list.push_back({row, line, std::move(message)});
}

std::string to_json(const ImportReport& report) {
  const auto issues = [](const std::vector<RowIssue>& list) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& i : list) {
      out.push_back(nlohmann::ordered_json{{"row", i.row}, {"line", i.line}, {"message", i.message}});
    }
    return out;
  };
  nlohmann::ordered_json j{{"rows", report.rows},
                           {"added", report.added},
                           {"updated", report.updated},
                           {"merged", report.merged},
                           {"unchanged", report.unchanged},
                           {"skipped", report.skipped},
                           {"unmatched", report.unmatched},
                           {"errors", report.errors},
                           {"error_rows", issues(report.error_rows)},
                           {"skipped_rows", issues(report.skipped_rows)},
                           {"warnings", issues(report.warnings)}};
  // Only event imports honour opt-outs; the key is left out when there are none so the
  // lead import reports read as before.
  if (report.opt_outs > 0) j["opt_outs"] = report.opt_outs;
  // Messages quote file values, which may be invalid UTF-8: replace rather than throw.
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace nurture
