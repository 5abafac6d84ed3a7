#include "core/storage/workspace_image.hpp"

#include <algorithm>
#include <cstring>

#include "core/io/ledger_json.hpp"
#include "core/io/workspace_json.hpp"
#include "core/store/image_io.hpp"
#include "core/util/checksum.hpp"
#include "core/util/text.hpp"

namespace nurture {

namespace {

std::uint64_t read_u64(std::string_view bytes, std::size_t at) {
  std::uint64_t v = 0;
  std::memcpy(&v, bytes.data() + at, sizeof v);
  return v;
}

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

bool read_ledger(ImageReader& in, ConsentLedger& ledger) {
  std::uint64_t count = 0;
  if (!in.u64(count)) return false;
  // Each entry takes at least 13 u64s: a count beyond that is a lie, refused before reserving.
  if (count > in.remaining() / (std::size_t{13} * 8)) return in.fail("image ledger is truncated");
  std::vector<LedgerEntry> entries(static_cast<std::size_t>(count));
  for (auto& e : entries) {
    std::uint64_t at = 0, millis = 0, counter = 0, packed = 0;
    if (!in.u64(e.lead.value) || !in.u64(e.device) || !in.u64(e.seq) || !in.u64(at) || !in.u64(millis) ||
        !in.u64(counter) || !in.u64(e.recorded.device) || !in.u64(packed))
      return false;
    e.at = static_cast<UnixMillis>(at);
    e.recorded.millis = static_cast<std::int64_t>(millis);
    if (counter > UINT32_MAX) return in.fail("image ledger has a bad stamp");
    e.recorded.counter = static_cast<std::uint32_t>(counter);
    const auto channel = packed & 0xFF, purpose = (packed >> 8) & 0xFF, change = (packed >> 16) & 0xFF,
               source = (packed >> 24) & 0xFF;
    if (packed >> 32 != 0 || channel >= k_channel_count || purpose > k_purpose_count ||
        change >= k_consent_change_count || source >= k_ledger_source_count)
      return in.fail("image ledger has a bad value");
    e.channel = static_cast<Channel>(channel);
    if (purpose != 0) e.purpose = static_cast<Purpose>(purpose - 1);
    e.change = static_cast<ConsentChange>(change);
    e.source = static_cast<LedgerSource>(source);
    for (std::string* text : {&e.method, &e.wording, &e.reason, &e.prev_hash, &e.hash}) {
      std::string_view view;
      if (!in.bytes(view)) return false;
      if (!is_valid_utf8(view)) return in.fail("image ledger has text that is not UTF-8");
      text->assign(view);
    }
  }
  auto built = ledger_from_entries(std::move(entries), "image ledger");
  if (!built) return in.fail(built.error().message);
  ledger = std::move(built).value();
  return true;
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
  const int version = magic == k_image_magic_v1   ? 1
                      : magic == k_image_magic_v2 ? 2
                      : magic == k_image_magic_v3 ? 3
                                                  : 4;
  // The lead columns are the same in versions 3 and 4 (4 only adds the ledger at the end).
  if (!ws.leads.deserialize(in, std::min(version, 3)) || !ws.events.deserialize(in)) return Error{in.error()};
  if (version >= 4 && !read_ledger(in, ws.ledger)) return Error{in.error()};
  if (in.remaining() != 0) return Error{"workspace image has stray bytes after the events"};
  return ws;
}

}  // namespace nurture
