#pragma once
/// A stored snapshot as content-defined parts. The workspace image (workspace_image.hpp) of
/// 100,000 leads is about 67 MB; an edit changes a few places in it. Cut at boundaries chosen
/// by the content itself (a rolling "gear" hash, as in FastCDC), an edit changes only the parts
/// around it, and an insertion or deletion shifts no boundary beyond the next one. Each part is
/// stored once, in a file named after its checksum and length, and a small manifest lists the
/// parts of one snapshot in order; saving stores the manifest and only the parts that are new,
/// so IndexedDB is sent a few hundred kilobytes per edit instead of the whole image, and the
/// two snapshot slots and the daily backups share their unchanged parts.
///
/// Manifest (text, '\n' after every line):
///   "NURTURE-PARTS 1"
///   "<total length in bytes> <checksum64 of the whole snapshot, 16 hex digits>"
///   one part name per part, in order
/// Part names: "part-<checksum64 of the part, 16 hex digits>-<length in decimal>".

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/expected.hpp"

namespace nurture {

inline constexpr std::string_view k_parts_magic = "NURTURE-PARTS 1\n";

/// Where parts are cut. A boundary falls where the gear hash of the bytes before it has its
/// low `mask_bits` bits zero, but never before `min_bytes` into a part, and always at
/// `max_bytes`; the last part may be shorter than `min_bytes`.
/// The defaults keep an edit's new parts near a megabyte (an edit touches at least five places
/// in an image: its header, a few columns, the JSON part) while a 67 MB image stays a few
/// hundred files; bench/README.md has the trade-off measured.
struct PartLimits {
  std::size_t min_bytes = std::size_t{16} << 10;
  std::size_t max_bytes = std::size_t{256} << 10;
  unsigned mask_bits = 16;  ///< an average part of about min_bytes + 2^mask_bits
};

/// One part of a snapshot.
struct PartRef {
  std::uint64_t checksum = 0;  ///< checksum64 of the part's bytes
  std::uint64_t length = 0;
  friend bool operator==(const PartRef&, const PartRef&) = default;
};

/// "part-<16 hex>-<length>".
std::string part_name(const PartRef& part);
/// The reference a part name stands for, or nullopt when `name` is not a part name.
std::optional<PartRef> parse_part_name(std::string_view name);

/// Cuts bytes into parts, resumably, so that a large snapshot is cut over several frames. The
/// bytes must outlive the splitter and not change.
class PartSplitter {
 public:
  explicit PartSplitter(std::string_view bytes, PartLimits limits = {});
  /// Reads at most about `budget` more bytes (at least one part's worth of progress, so a
  /// small budget still ends). Returns true when every part is cut.
  bool step(std::size_t budget);
  [[nodiscard]] bool done() const;
  /// Fraction of the bytes cut so far, 0..1.
  [[nodiscard]] double progress() const;
  /// The parts cut so far, in order; when done() their lengths add up to the bytes' size.
  [[nodiscard]] const std::vector<PartRef>& parts() const { return m_parts; }

 private:
  std::string_view m_bytes;
  PartLimits m_limits;
  std::size_t m_at = 0;  ///< start of the part being cut
  std::vector<PartRef> m_parts;
};

/// All parts of `bytes` at once (a PartSplitter run to the end).
std::vector<PartRef> split_parts(std::string_view bytes, PartLimits limits = {});

/// The manifest of a snapshot of `bytes` cut into `parts`.
std::string encode_manifest(std::string_view bytes, std::span<const PartRef> parts);
/// True when `stored` starts with the manifest magic (whatever its state otherwise).
bool is_manifest(std::string_view stored);

struct Manifest {
  std::uint64_t length = 0;    ///< of the whole snapshot
  std::uint64_t checksum = 0;  ///< checksum64 of the whole snapshot
  std::vector<PartRef> parts;
};
/// Reads a manifest, or says why it cannot (damaged, lengths that do not add up).
Expected<Manifest> parse_manifest(std::string_view stored);

/// Reads a part's bytes by name; nullopt when the file is missing or unreadable.
using PartReader = std::function<std::optional<std::string>(const std::string& name)>;

/// The snapshot a manifest stands for: its parts read in order and joined, each checked
/// against its name's length and checksum, the whole against the manifest's. The error names
/// the first part that is missing or damaged, in words for the status bar.
Expected<std::string> join_parts(const Manifest& manifest, const PartReader& read);

/// The part names the stored file references: a manifest's parts; none for anything else
/// (a whole image, a JSON snapshot, a damaged manifest).
std::vector<std::string> referenced_parts(std::string_view stored);

}  // namespace nurture
