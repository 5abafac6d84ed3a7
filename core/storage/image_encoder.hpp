#pragma once
/// Writing the binary workspace image a slice at a time (U13, docs/long-work.md): at 100,000
/// leads the image is 67 MB and encoding it took one task of a few hundred milliseconds in the
/// browser, on every autosave. The storage runs this encoder for a slice a frame instead.
///
/// The phases, in the image's order (workspace_image.hpp): the header (its length and checksum
/// left blank), the JSON part (WorkspaceJsonWriter without the stores, in steps), the lead
/// store a column at a time, the event log a column at a time, the consent ledger in chunks of
/// entries, then the checksum over the body in chunks, and finally the header's length and
/// checksum. encode_image is this encoder run to the end: stepped or not, the same workspace
/// gives the same bytes.

#include <cstddef>
#include <memory>
#include <string>

#include "core/model/workspace.hpp"

namespace nurture {

class ImageEncoder {
 public:
  /// Encodes `ws`, which is referenced, not copied: it must outlive the encoder and must not
  /// change until take() (an edit meanwhile means starting a new encoder).
  explicit ImageEncoder(const Workspace& ws);
  ~ImageEncoder();
  ImageEncoder(ImageEncoder&&) noexcept;
  ImageEncoder& operator=(ImageEncoder&&) noexcept;
  ImageEncoder(const ImageEncoder&) = delete;
  ImageEncoder& operator=(const ImageEncoder&) = delete;

  /// Does about `budget` bytes' worth of encoding: a JSON byte counts eight (text is slower to
  /// write than columns are to copy), the checksum reads four times the budget. At least one
  /// piece of work per call (a JSON item, a column, a ledger entry, a checksum chunk), so a
  /// column larger than the budget is still one step. Returns done().
  bool step(std::size_t budget);
  /// True once the image is complete.
  [[nodiscard]] bool done() const;
  /// 0..1, never decreasing; 1 once done. An estimate: the image's size is known only at the end.
  [[nodiscard]] double progress() const;
  /// The image, exactly encode_image(ws). Only after done(); once (empty otherwise).
  std::string take();

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

}  // namespace nurture
