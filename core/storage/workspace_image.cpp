#include "core/storage/workspace_image.hpp"

#include <cstring>

#include "core/io/workspace_json.hpp"
#include "core/util/checksum.hpp"

namespace nurture {

namespace {

std::uint64_t read_u64(std::string_view bytes, std::size_t at) {
  std::uint64_t v = 0;
  std::memcpy(&v, bytes.data() + at, sizeof v);
  return v;
}

}  // namespace

std::string encode_image(const Workspace& ws) {
  // Structured bindings name every member, so adding one to Workspace stops this from
  // compiling until it is decided here how the new member is stored.
  const auto& [practice, practice_stamp, leads, events, treatments, sources, content, ad_spend, segments,
               segment_history, scoring, funnel, funnel_stamp, sequences, enrollments, touches, seen,
               revision, unknown_members] = ws;
  Workspace rest;  // everything but the big stores, written as JSON
  rest.practice = practice;
  rest.practice_stamp = practice_stamp;
  rest.treatments = treatments;
  rest.sources = sources;
  rest.content = content;
  rest.ad_spend = ad_spend;
  rest.segments = segments;
  rest.segment_history = segment_history;
  rest.scoring = scoring;
  rest.funnel = funnel;
  rest.funnel_stamp = funnel_stamp;
  rest.sequences = sequences;
  rest.enrollments = enrollments;
  rest.touches = touches;
  rest.seen = seen;
  rest.revision = revision;
  rest.unknown_members = unknown_members;

  ImageWriter out;
  out.reserve(k_image_header_bytes + (leads.memory().total() + events.memory().total()));
  out.out().append(k_image_magic);
  out.u64(0);  // body length and checksum, filled in below
  out.u64(0);
  out.bytes(workspace_to_json(rest));
  leads.serialize(out);
  events.serialize(out);

  std::string& bytes = out.out();
  const std::string_view body = std::string_view(bytes).substr(k_image_header_bytes);
  const std::uint64_t length = body.size();
  const std::uint64_t checksum = checksum64(body);
  std::memcpy(bytes.data() + k_image_magic.size(), &length, sizeof length);
  std::memcpy(bytes.data() + k_image_magic.size() + 8, &checksum, sizeof checksum);
  return std::move(bytes);
}

bool is_image(std::string_view bytes) {
  const auto magic = bytes.substr(0, k_image_magic.size());
  return magic == k_image_magic || magic == k_image_magic_v2 || magic == k_image_magic_v1;
}

Expected<Workspace> decode_image(std::string_view bytes) {
  if (!is_image(bytes)) return Error{"not a Nurture workspace image"};
  if (bytes.size() < k_image_header_bytes) return Error{"workspace image header is incomplete"};
  const std::string_view body = bytes.substr(k_image_header_bytes);
  const auto length = read_u64(bytes, k_image_magic.size());
  // Worded like the JSON snapshot's errors: the status bar shows them the same way.
  if (body.size() != length) {
    return Error{"snapshot is truncated (" + std::to_string(body.size()) + " of " + std::to_string(length) +
                 " bytes)"};
  }
  if (checksum64(body) != read_u64(bytes, k_image_magic.size() + 8))
    return Error{"snapshot checksum does not match"};

  ImageReader in(body);
  std::string_view json;
  if (!in.bytes(json)) return Error{in.error()};
  auto rest = workspace_from_json(json);
  if (!rest) return Error{"workspace image: " + rest.error().message};
  Workspace ws = std::move(rest).value();
  const auto magic = bytes.substr(0, k_image_magic.size());
  const int version = magic == k_image_magic_v1 ? 1 : magic == k_image_magic_v2 ? 2 : 3;
  if (!ws.leads.deserialize(in, version) || !ws.events.deserialize(in)) return Error{in.error()};
  if (in.remaining() != 0) return Error{"workspace image has stray bytes after the events"};
  return ws;
}

}  // namespace nurture
