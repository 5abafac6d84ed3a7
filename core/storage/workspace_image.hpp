#pragma once
/// The binary workspace image: how the app stores the workspace in IndexedDB. Opening it is
/// close to one memcpy per column instead of parsing JSON; it round-trips to the same JSON.
///
/// Layout (little-endian):
///   "NURTURE-IMAGE 2\n"   16 bytes, the format and its version (1: before consent and
///                         do-not-contact records carried their own stamps; still read)
///   u64 body length       bytes after this 32-byte header
///   u64 checksum          checksum64 (core/util/checksum.hpp) of the body
///   body:                 the rest of the workspace as JSON (length-prefixed bytes, written
///                         by WorkspaceJsonWriter without the leads, events and ledger), then the
///                         LeadStore columns, then the EventLog columns (lead_store_image.cpp,
///                         event_log_image.cpp): each column a u64 count and its elements,
///                         dictionaries as string tables (count, lengths, bytes); then (v4)
///                         the consent ledger (workspace_image.cpp, write_ledger).
/// Hash indexes are not stored: lead indexes are rebuilt on open, the per-lead event index by
/// the first query that needs it.
///
/// Decoding checks everything it reads (lengths, spans, dictionary codes, enum values, time
/// order, unique ids, UTF-8), so a damaged or hostile image is an Error, never undefined
/// behaviour — even one whose checksum has been forged to match.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/model/workspace.hpp"
#include "core/util/expected.hpp"

namespace nurture {

inline constexpr std::string_view k_image_magic = "NURTURE-IMAGE 4\n";
/// Earlier versions' magics: decode_image still reads such images (v3 has no consent ledger,
/// v2 no stage causes either, v1 no consent stamps either).
inline constexpr std::string_view k_image_magic_v3 = "NURTURE-IMAGE 3\n";
inline constexpr std::string_view k_image_magic_v2 = "NURTURE-IMAGE 2\n";
inline constexpr std::string_view k_image_magic_v1 = "NURTURE-IMAGE 1\n";
/// Bytes before the body: magic, body length, checksum.
inline constexpr std::size_t k_image_header_bytes = 32;

/// The workspace as a binary image. Deterministic: the same workspace gives the same bytes.
/// The sliced ImageEncoder (image_encoder.hpp) run to the end.
std::string encode_image(const Workspace& ws);

/// True when `bytes` starts with an image magic, this version's or an earlier one (whatever its
/// state otherwise).
bool is_image(std::string_view bytes);

/// Reads an image written by encode_image, or says why it cannot: the sliced ImageDecoder
/// (image_decoder.hpp) run to the end.
Expected<Workspace> decode_image(std::string_view bytes);

}  // namespace nurture
