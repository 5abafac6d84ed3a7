#include "core/storage/workspace_image.hpp"

#include <limits>

#include "core/storage/image_decoder.hpp"
#include "core/storage/image_encoder.hpp"

namespace nurture {

std::string encode_image(const Workspace& ws) {
  // One implementation: the sliced encoder (image_encoder.hpp) run to the end in one step.
  ImageEncoder encoder(ws);
  while (!encoder.step(std::numeric_limits<std::size_t>::max())) {
  }
  return encoder.take();
}

bool is_image(std::string_view bytes) {
  const auto magic = bytes.substr(0, k_image_magic.size());
  return magic == k_image_magic || magic == k_image_magic_v3 || magic == k_image_magic_v2 ||
         magic == k_image_magic_v1;
}

Expected<Workspace> decode_image(std::string_view bytes) {
  if (!is_image(bytes)) return Error{"not a Nurture workspace image"};
  // One implementation: the sliced decoder (image_decoder.hpp) run to the end in one step each.
  ImageDecoder decoder(bytes);
  while (!decoder.step(std::numeric_limits<std::size_t>::max())) {
  }
  return decoder.take();
}

}  // namespace nurture
