#include "core/storage/image_encoder.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <string_view>
#include <vector>

#include "core/io/workspace_json.hpp"
#include "core/storage/workspace_image.hpp"
#include "core/store/image_io.hpp"
#include "core/util/checksum.hpp"

namespace nurture {

namespace {

constexpr std::size_t k_size_max = std::numeric_limits<std::size_t>::max();
// Writing JSON text costs about this many bytes of column copying per byte (escaping, number
// formatting, and nlohmann's DOM for the small settings members).
constexpr std::size_t k_json_byte_cost = 8;
// The checksum reads this many bytes for one byte of encoding in the same time (a few
// multiplies per 8 bytes), as in the decoder.
constexpr std::size_t k_checksum_reads = 4;
// A guess at a ledger entry's bytes: 13 u64s, five length-prefixed strings, two of them hashes
// of 64 hex digits. Only for reserving and the progress estimate.
constexpr std::size_t k_ledger_entry_bytes = 384;

std::size_t add_saturated(std::size_t a, std::size_t b) { return a > k_size_max - b ? k_size_max : a + b; }
std::size_t multiply_saturated(std::size_t a, std::size_t b) {
  return b != 0 && a > k_size_max / b ? k_size_max : a * b;
}

// The ledger after the events (version 4): a u64 entry count, then per entry in key order
// u64 lead, device, seq, at, stamp millis, counter and device, one u64 packing channel,
// purpose (+1, 0 for none), change and source a byte each, and five strings: method, wording,
// reason, prev_hash, hash.
void write_ledger_entry(ImageWriter& out, const LedgerEntry& e) {
  out.u64(e.lead.value);
  out.u64(e.device);
  out.u64(e.seq);
  out.u64(static_cast<std::uint64_t>(e.at));
  out.u64(static_cast<std::uint64_t>(e.recorded.millis));
  out.u64(e.recorded.counter);
  out.u64(e.recorded.device);
  const std::uint64_t purpose = e.purpose ? static_cast<std::uint64_t>(*e.purpose) + 1 : 0;
  out.u64(static_cast<std::uint64_t>(e.channel) | purpose << 8 | static_cast<std::uint64_t>(e.change) << 16 |
          static_cast<std::uint64_t>(e.source) << 24);
  for (const std::string* text : {&e.method, &e.wording, &e.reason, &e.prev_hash, &e.hash}) out.bytes(*text);
}

// A guess at the JSON part's size, for the progress estimate until it is written.
std::size_t json_part_guess(const Workspace& ws) {
  std::size_t bytes = 4096 + ws.segment_history.size() * 48 + ws.enrollments.size() * 160 +
                      ws.touches.size() * 120 + ws.sequences.size() * 4096 +
                      (ws.segments.size() + ws.treatments.size() + ws.sources.size() + ws.content.size() +
                       ws.ad_spend.size()) *
                          160;
  for (const auto& [key, raw] : ws.unknown_members) bytes += key.size() + raw.size();
  return bytes;
}

}  // namespace

struct ImageEncoder::State {
  enum class Phase { json, leads, events, ledger, checksum, done };

  explicit State(const Workspace& workspace)
      : ws(workspace),
        json_writer(workspace, WorkspaceJsonWriter::Part::without_stores),
        chain(workspace.ledger.chains().begin()),
        json_guess(json_part_guess(workspace)),
        stores_guess(workspace.leads.memory().total() + workspace.events.memory().total() +
                     workspace.ledger.size() * k_ledger_entry_bytes) {
    // Structured bindings name every member, so adding one to Workspace stops this from
    // compiling until it is decided how the image stores it: the JSON part has everything but
    // the leads, the events and the ledger, which follow it in binary.
    [[maybe_unused]] const auto& [practice, practice_stamp, leads, events, treatments, sources, content,
                                  ad_spend, segments, segment_history, scoring, funnel, funnel_stamp,
                                  sequences, enrollments, touches, ledger, seen, revision, unknown_members] =
        workspace;
  }

  const Workspace& ws;
  Phase phase = Phase::json;
  WorkspaceJsonWriter json_writer;
  std::string json;  ///< the JSON part while it is written; its length prefixes it in the image
  ImageWriter out;
  std::size_t json_bytes = 0;  ///< the JSON part's size, once written
  std::size_t piece = 0;       ///< next piece of the lead store or event log
  std::map<ConsentLedger::Key, std::vector<LedgerEntry>>::const_iterator chain;
  std::size_t entry = 0;  ///< next entry of `chain`
  Checksum64 sum;
  std::size_t checked = 0;  ///< body bytes the checksum has read
  std::size_t json_guess;
  std::size_t stores_guess;
  double shown = 0.0;  ///< progress() so far: it never goes back when an estimate is corrected
  bool taken = false;

  [[nodiscard]] std::string& bytes() { return out.out(); }

  // Each returns the units of budget it spent.
  std::size_t write_json(std::size_t left) {
    const std::size_t before = json.size();
    const bool finished = json_writer.step(json, std::max<std::size_t>(1, left / k_json_byte_cost));
    const std::size_t spent = multiply_saturated(json.size() - before, k_json_byte_cost);
    if (finished) start_body();
    return spent;
  }

  // The whole image in one allocation: regrowing a 67 MB string in a later step would copy it
  // all in one frame.
  void start_body() {
    json_bytes = json.size();
    out.reserve(k_image_header_bytes + 8 + json_bytes + stores_guess);
    bytes().append(k_image_magic);
    out.u64(0);  // body length and checksum, filled in at the end
    out.u64(0);
    out.bytes(json);
    std::string().swap(json);
    phase = Phase::leads;
  }

  std::size_t write_piece() {
    const std::size_t before = bytes().size();
    const bool leads = phase == Phase::leads;
    if (leads) {
      ws.leads.serialize_piece(out, piece);
    } else {
      ws.events.serialize_piece(out, piece);
    }
    if (++piece == (leads ? ws.leads.serialize_pieces() : ws.events.serialize_pieces())) {
      piece = 0;
      if (leads) {
        phase = Phase::events;
      } else {
        out.u64(ws.ledger.size());
        phase = Phase::ledger;
      }
    }
    return bytes().size() - before;
  }

  std::size_t write_ledger(std::size_t left) {
    const auto end = ws.ledger.chains().end();
    const std::size_t before = bytes().size();
    while (chain != end && (bytes().size() == before || bytes().size() - before < left)) {
      if (entry < chain->second.size()) {
        write_ledger_entry(out, chain->second[entry++]);
      } else {
        ++chain;
        entry = 0;
      }
    }
    if (chain == end) phase = Phase::checksum;
    return bytes().size() - before;
  }

  std::size_t checksum(std::size_t left) {
    const std::string_view body = std::string_view(bytes()).substr(k_image_header_bytes);
    const std::size_t chunk =
        std::max<std::size_t>(32, std::min(left, k_size_max / k_checksum_reads) * k_checksum_reads / 32 * 32);
    if (body.size() - checked > chunk) {
      sum.add_blocks(body.substr(checked, chunk));
      checked += chunk;
      return chunk / k_checksum_reads;
    }
    const std::size_t rest = body.size() - checked;
    const std::uint64_t value = sum.finish(body.substr(checked));
    checked = body.size();
    const std::uint64_t length = body.size();
    std::memcpy(bytes().data() + k_image_magic.size(), &length, sizeof length);
    std::memcpy(bytes().data() + k_image_magic.size() + 8, &value, sizeof value);
    phase = Phase::done;
    return std::max<std::size_t>(1, rest / k_checksum_reads);
  }

  std::size_t substep(std::size_t left) {
    switch (phase) {
      case Phase::json:
        return write_json(left);
      case Phase::leads:
      case Phase::events:
        return write_piece();
      case Phase::ledger:
        return write_ledger(left);
      case Phase::checksum:
        return checksum(left);
      case Phase::done:
        break;
    }
    return 0;
  }

  void step(std::size_t budget) {
    std::size_t spent = 0;
    bool worked = false;
    while (phase != Phase::done && (!worked || spent < budget)) {
      spent = add_saturated(spent, substep(budget - spent));
      worked = true;
    }
    update_progress();
  }

  // Work units: a JSON byte weighs k_json_byte_cost, a binary byte one, a checksummed byte a quarter.
  // Sizes not known yet are the constructor's guesses; an image larger than guessed holds
  // progress just short of 1 until it is done.
  void update_progress() {
    if (phase == Phase::done) {
      shown = 1.0;
      return;
    }
    const bool json_done = phase != Phase::json;
    const std::size_t json_size = json_done ? json_bytes : std::max(json_guess, json.size());
    const std::size_t binary_written = json_done ? bytes().size() - k_image_header_bytes - 8 - json_bytes : 0;
    const bool binary_done = phase == Phase::checksum;
    const std::size_t binary_size = binary_done ? binary_written : std::max(stores_guess, binary_written);
    const double total = static_cast<double>(json_size) * k_json_byte_cost +
                         static_cast<double>(binary_size) +
                         static_cast<double>(json_size + binary_size) / k_checksum_reads;
    const double done_units = static_cast<double>(json_done ? json_bytes : json.size()) * k_json_byte_cost +
                              static_cast<double>(binary_written) +
                              static_cast<double>(checked) / k_checksum_reads;
    shown = std::max(shown, std::min(done_units / total, 0.999));
  }
};

ImageEncoder::ImageEncoder(const Workspace& ws) : m_state(std::make_unique<State>(ws)) {}
ImageEncoder::~ImageEncoder() = default;
ImageEncoder::ImageEncoder(ImageEncoder&&) noexcept = default;
ImageEncoder& ImageEncoder::operator=(ImageEncoder&&) noexcept = default;

bool ImageEncoder::step(std::size_t budget) {
  m_state->step(std::max<std::size_t>(budget, 1));
  return done();
}

bool ImageEncoder::done() const { return m_state->phase == State::Phase::done; }

double ImageEncoder::progress() const { return m_state->shown; }

std::string ImageEncoder::take() {
  if (!done() || m_state->taken) return {};
  m_state->taken = true;
  return std::move(m_state->bytes());
}

}  // namespace nurture
