#pragma once
/// Every lead's score per score group at one moment, as computed by the scoring engine
/// (scoring.hpp). Segments read it for `score` and `score.GROUP`; the leads table shows it.
/// A table is a snapshot: it is valid for the workspace revision and `now` it was computed for.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nurture {

struct ScoreTable {
  /// Group ids in the scoring model's order, e.g. {"engagement", "fit"}.
  std::vector<std::string> groups;
  /// rows × groups.size() points, row-major, indexed by LeadStore row (deleted rows hold 0).
  std::vector<float> points;

  [[nodiscard]] std::size_t rows() const { return groups.empty() ? 0 : points.size() / groups.size(); }
  /// The index of group `id`, if the model has it.
  [[nodiscard]] std::optional<std::size_t> group(std::string_view id) const {
    for (std::size_t i = 0; i < groups.size(); ++i) {
      if (groups[i] == id) return i;
    }
    return std::nullopt;
  }
  /// Points of `row` in group `g`; 0 for rows beyond the table (leads added since it was made).
  [[nodiscard]] double score(std::uint32_t row, std::size_t g) const {
    const std::size_t i = static_cast<std::size_t>(row) * groups.size() + g;
    return i < points.size() ? points[i] : 0.0;
  }
  /// The sum over every group.
  [[nodiscard]] double total(std::uint32_t row) const {
    double sum = 0;
    for (std::size_t g = 0; g < groups.size(); ++g) sum += score(row, g);
    return sum;
  }
};

}  // namespace nurture
