#pragma once
// Reads a workspace file through WorkspaceJsonReader with a fixed budget per step, checking on
// the way that progress never goes back and ends at 1.

#include <catch_amalgamated.hpp>

#include "core/io/workspace_json.hpp"

namespace nurture::test {

inline Expected<Workspace> read_stepped(std::string_view text, std::size_t budget) {
  WorkspaceJsonReader reader(text);
  double last = reader.progress();
  CHECK(last == 0.0);
  std::size_t steps = 0;
  while (!reader.step(budget)) {
    ++steps;
    CHECK(reader.progress() >= last);
    CHECK(reader.progress() < 1.0);
    last = reader.progress();
    // Each unfinished step reads at least its budget (or to the end of the text).
    REQUIRE(steps <= text.size() / (budget == 0 ? 1 : budget) + 1);
  }
  CHECK(reader.progress() == 1.0);
  CHECK(reader.step(budget));  // finished: further steps do nothing
  return reader.take();
}

/// The same outcome: equal workspaces (and bytes when written back), or the same error.
inline void check_same_outcome(const Expected<Workspace>& stepped, const Expected<Workspace>& whole) {
  REQUIRE(stepped.ok() == whole.ok());
  if (whole.ok()) {
    CHECK(stepped.value() == whole.value());
    CHECK(workspace_to_json(stepped.value()) == workspace_to_json(whole.value()));
  } else {
    CHECK(stepped.error().describe() == whole.error().describe());
  }
}

inline constexpr std::size_t k_step_budgets[] = {1, 7, 64, std::size_t{1} << 20};

}  // namespace nurture::test
