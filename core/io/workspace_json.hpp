#pragma once
/// The workspace file: versioned JSON with a format name, the form in which a workspace is
/// exported, synced between devices and stored. See docs/schema.md.

#include <string>
#include <string_view>

#include "core/model/workspace.hpp"
#include "core/util/expected.hpp"

namespace nurture {

inline constexpr std::string_view k_workspace_format = "nurture.workspace";
/// Major version: a file with a larger one is refused ("update the app").
inline constexpr int k_workspace_version = 1;
/// Minor version: additions older readers may ignore (their unknown members are kept).
inline constexpr int k_workspace_minor_version = 0;
/// Files larger than this are refused before parsing.
inline constexpr std::size_t k_max_workspace_bytes = std::size_t{512} * 1024 * 1024;
/// JSON nesting deeper than this is refused (the format itself needs fewer than 8 levels).
inline constexpr int k_max_json_depth = 64;

/// Serialises `ws` as pretty, deterministic JSON (same workspace → same bytes).
std::string workspace_to_json(const Workspace& ws);

/// Parses and validates a workspace file of any supported version, migrating older versions
/// forward. On error, the message says what is wrong and, for malformed JSON, where.
Expected<Workspace> workspace_from_json(std::string_view text);

}  // namespace nurture
