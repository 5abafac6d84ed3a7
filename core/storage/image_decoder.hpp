#pragma once
/// Opening a stored workspace a slice at a time (U13, docs/long-work.md): restoring a backup of
/// 100,000 leads reads a 67 MB image, about a second of work in the browser, so the UI runs this
/// decoder for a few milliseconds a frame under a progress bar. Nothing outside the decoder is
/// touched until the caller takes the workspace, so Cancel is dropping the decoder.
///
/// The phases of a binary image (workspace_image.hpp): the header, the checksum over the body
/// in chunks, the JSON part, the lead store, the events, the consent ledger in chunks of
/// entries, then the ledger's chains. A JSON snapshot (snapshot.hpp) is opened in one step.
/// decode_image and open_workspace are this decoder run to the end: stepped or not, the same
/// bytes give the same workspace or the same error.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/model/workspace.hpp"
#include "core/util/expected.hpp"

namespace nurture {

class ImageDecoder {
 public:
  /// Decodes `stored`: a binary image or a sealed JSON snapshot (what open_workspace accepts).
  /// The bytes are viewed, not copied: they must outlive the decoder.
  explicit ImageDecoder(std::string_view stored);
  ~ImageDecoder();
  ImageDecoder(ImageDecoder&&) noexcept;
  ImageDecoder& operator=(ImageDecoder&&) noexcept;
  ImageDecoder(const ImageDecoder&) = delete;
  ImageDecoder& operator=(const ImageDecoder&) = delete;

  /// Does about `budget` bytes' worth of decoding (the checksum reads four times that; the lead
  /// store, the events and a JSON snapshot are one step whatever the budget). At least one
  /// piece of work per call. Returns done().
  bool step(std::size_t budget);
  /// True once the workspace is decoded or an error was found.
  [[nodiscard]] bool done() const;
  /// 0..1, never decreasing; 1 once done.
  [[nodiscard]] double progress() const;
  /// The workspace, or why the bytes cannot be opened. Only after done(); once.
  Expected<Workspace> take();

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

}  // namespace nurture
