#include "core/storage/workspace_image.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include "core/io/ledger_json.hpp"
#include "core/io/workspace_json.hpp"
#include "core/storage/image_decoder.hpp"
#include "core/store/image_io.hpp"
#include "core/util/checksum.hpp"
#include "core/util/text.hpp"

namespace nurture {

namespace {

// The ledger after the events (version 4): a u64 entry count, then per entry in key order
// u64 lead, device, seq, at, stamp millis, counter and device, one u64 packing channel,
// purpose (+1, 0 for none), change and source a byte each, and five strings: method, wording,
// reason, prev_hash, hash.
void write_ledger(ImageWriter& out, const ConsentLedger& ledger) {
  out.u64(ledger.size());
  for (const auto& [key, chain] : ledger.chains()) {
    for (const auto& e : chain) {
      out.u64(e.lead.value);
      out.u64(e.device);
      out.u64(e.seq);
      out.u64(static_cast<std::uint64_t>(e.at));
      out.u64(static_cast<std::uint64_t>(e.recorded.millis));
      out.u64(e.recorded.counter);
      out.u64(e.recorded.device);
      const std::uint64_t purpose = e.purpose ? static_cast<std::uint64_t>(*e.purpose) + 1 : 0;
      out.u64(static_cast<std::uint64_t>(e.channel) | purpose << 8 |
              static_cast<std::uint64_t>(e.change) << 16 | static_cast<std::uint64_t>(e.source) << 24);
      for (const std::string* text : {&e.method, &e.wording, &e.reason, &e.prev_hash, &e.hash})
        out.bytes(*text);
    }
  }
}

}  // namespace

std::string encode_image(const Workspace& ws) {
  // Structured bindings name every member, so adding one to Workspace stops this from
  // compiling until it is decided here how the new member is stored.
  const auto& [practice, practice_stamp, leads, events, treatments, sources, content, ad_spend, segments,
               segment_history, scoring, funnel, funnel_stamp, sequences, enrollments, touches, ledger, seen,
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
  write_ledger(out, ledger);

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
