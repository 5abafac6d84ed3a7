#pragma once
/// One Sequence as JSON: the shape shared by the workspace file's "sequences" member and the
/// playbooks in assets/playbooks/ (docs/schema.md describes it). Member names are the
/// to_string() names of sequence.hpp's enums.
///
/// The writer is lossless: a member a step, trigger or goal of that kind uses is always written,
/// any other is written only when it differs from the model's default, so read(write(s)) == s
/// for every sequence. The reader accepts omitted members (the defaults), refuses unknown
/// members, unknown enum names, wrong types and out-of-range numbers, then runs validate(); every
/// message names the path ("steps[2].timing.offset_minutes: …").

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/sequence/sequence.hpp"
#include "core/util/expected.hpp"

namespace nurture {

/// `sequence` as a JSON object. With `with_stamp` (workspace files) it carries "stamp" and, for
/// a tombstone, "deleted": true; without (playbooks) neither.
nlohmann::ordered_json sequence_json(const Sequence& sequence, bool with_stamp);

/// Reads one sequence; `path` prefixes every message ("sequences[3]", or "" for a playbook).
/// With `with_stamp` a "stamp" is required and "deleted" allowed; without, both are refused
/// and the result has a zero stamp.
Expected<Sequence> read_sequence(const nlohmann::ordered_json& json, std::string_view path, bool with_stamp);

/// The playbook format: pretty-printed (two spaces), no stamp, ending in a newline.
std::string sequence_to_json_text(const Sequence& sequence);

/// Parses a playbook. JSON syntax errors come back as an Error with line and column; nothing
/// throws.
Expected<Sequence> sequence_from_json_text(std::string_view text);

}  // namespace nurture
