#pragma once
/// The workspace: everything Nurture knows about one practice. At this stage it holds the
/// practice profile; leads, events, segments and sequences join it in later milestones.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/model/practice.hpp"

namespace nurture {

struct Workspace {
  PracticeProfile practice;
  /// Bumped by every successful command; persistence saves when it settles.
  std::uint64_t revision = 0;
  /// Top-level members written by a newer minor version of Nurture, kept verbatim (key, raw
  /// JSON) so that a round trip through this version loses nothing.
  std::vector<std::pair<std::string, std::string>> unknown_members;

  /// True when nothing has been entered yet (first run): the app then offers the demo.
  [[nodiscard]] bool is_empty() const { return practice == PracticeProfile{} && unknown_members.empty(); }
  friend bool operator==(const Workspace&, const Workspace&) = default;
};

}  // namespace nurture
