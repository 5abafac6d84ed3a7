#include "core/storage/image_decoder.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "core/io/ledger_json.hpp"
#include "core/io/workspace_json.hpp"
#include "core/storage/snapshot.hpp"
#include "core/storage/workspace_image.hpp"
#include "core/store/image_io.hpp"
#include "core/util/checksum.hpp"
#include "core/util/text.hpp"

namespace nurture {

namespace {

std::uint64_t image_header_u64(std::string_view bytes, std::size_t at) {
  std::uint64_t v = 0;
  std::memcpy(&v, bytes.data() + at, sizeof v);
  return v;
}

// The checksum reads about this many bytes for one byte of decoding in the same time (it is a
// few multiplies per 8 bytes; decoding copies, validates and allocates).
constexpr std::size_t k_checksum_speedup = 4;
// Each ledger entry takes at least 13 u64s (write_ledger in workspace_image.cpp).
constexpr std::size_t k_min_ledger_entry_bytes = std::size_t{13} * 8;
// Indexing a lead row (three hash inserts) costs about as much as decoding this many bytes.
constexpr std::size_t k_index_row_bytes = 256;

// One ledger entry as write_ledger wrote it; checks every value.
bool read_ledger_entry(ImageReader& in, LedgerEntry& e) {
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
  return true;
}

}  // namespace

struct ImageDecoder::State {
  enum class Phase {
    header,
    checksum,
    json,
    leads,
    lead_index,
    events,
    ledger_count,
    ledger_entries,
    ledger_chains,
    done
  };

  std::string_view stored;
  std::string_view body;
  int version = 0;
  Phase phase = Phase::header;
  Checksum64 sum;
  std::size_t checked = 0;  ///< body bytes the checksum has read
  std::optional<ImageReader> in;
  Workspace ws;
  std::size_t leads_start = 0;  ///< where the lead store's bytes start and end in the body
  std::size_t leads_end = 0;
  std::uint32_t indexed = 0;  ///< lead rows indexed so far
  std::vector<LedgerEntry> entries;
  std::size_t next_entry = 0;
  std::optional<Error> error;
  bool taken = false;

  void fail(std::string message) {
    error = Error{std::move(message)};
    phase = Phase::done;
  }
  void fail_reader() { fail(in->error()); }

  void header() {
    if (!is_image(stored)) {
      // A JSON snapshot (written before the binary image): one step, as open_workspace did.
      auto payload = open_snapshot(stored);
      auto parsed = payload ? workspace_from_json(payload.value()) : Expected<Workspace>(payload.error());
      if (parsed) {
        ws = std::move(parsed).value();
      } else {
        error = parsed.error();  // whole, with its line and column
      }
      phase = Phase::done;
      return;
    }
    if (stored.size() < k_image_header_bytes) return fail("workspace image header is incomplete");
    body = stored.substr(k_image_header_bytes);
    const auto length = image_header_u64(stored, k_image_magic.size());
    // Worded like the JSON snapshot's errors: the status bar shows them the same way.
    if (body.size() != length) {
      return fail("snapshot is truncated (" + std::to_string(body.size()) + " of " + std::to_string(length) +
                  " bytes)");
    }
    const auto magic = stored.substr(0, k_image_magic.size());
    version = magic == k_image_magic_v1   ? 1
              : magic == k_image_magic_v2 ? 2
              : magic == k_image_magic_v3 ? 3
                                          : 4;
    phase = Phase::checksum;
  }

  void checksum(std::size_t budget) {
    const std::size_t most = std::numeric_limits<std::size_t>::max() / k_checksum_speedup;
    const std::size_t chunk =
        std::max<std::size_t>(32, std::min(budget, most) * k_checksum_speedup / 32 * 32);
    if (body.size() - checked > chunk) {
      sum.add_blocks(body.substr(checked, chunk));
      checked += chunk;
      return;
    }
    const std::uint64_t value = sum.finish(body.substr(checked));
    checked = body.size();
    if (value != image_header_u64(stored, k_image_magic.size() + 8))
      return fail("snapshot checksum does not match");
    in.emplace(body);
    phase = Phase::json;
  }

  void json() {
    std::string_view text;
    if (!in->bytes(text)) return fail_reader();
    auto rest = workspace_from_json(text);
    if (!rest) return fail("workspace image: " + rest.error().message);
    ws = std::move(rest).value();
    phase = Phase::leads;
  }

  [[nodiscard]] std::size_t position() const { return in ? body.size() - in->remaining() : 0; }

  // The id, email and phone indexes, a range of rows a step: at 100,000 leads the hash inserts
  // are a large part of the lead store's time.
  void lead_index(std::size_t budget) {
    const auto rows = static_cast<std::uint32_t>(ws.leads.rows());
    const auto count =
        static_cast<std::uint32_t>(std::min<std::size_t>(rows - indexed, 1 + budget / k_index_row_bytes));
    if (!ws.leads.index_rows(*in, indexed, indexed + count)) return fail_reader();
    indexed += count;
    if (indexed == rows) phase = Phase::events;
  }

  void ledger_count() {
    std::uint64_t count = 0;
    if (!in->u64(count)) return fail_reader();
    // A count beyond what the bytes left can hold is a lie, refused before reserving.
    if (count > in->remaining() / k_min_ledger_entry_bytes) return fail("image ledger is truncated");
    entries.resize(static_cast<std::size_t>(count));
    phase = Phase::ledger_entries;
  }

  void ledger_entries(std::size_t budget) {
    const std::size_t start = in->remaining();
    while (next_entry < entries.size() && start - in->remaining() < budget) {
      if (!read_ledger_entry(*in, entries[next_entry])) return fail_reader();
      ++next_entry;
    }
    if (next_entry == entries.size()) phase = Phase::ledger_chains;
  }

  void ledger_chains() {
    auto built = ledger_from_entries(std::move(entries), "image ledger");
    if (!built) return fail(built.error().message);
    ws.ledger = std::move(built).value();
    finish();
  }

  void finish() {
    if (in->remaining() != 0) return fail("workspace image has stray bytes after the events");
    phase = Phase::done;
  }

  void step(std::size_t budget) {
    switch (phase) {
      case Phase::header:
        return header();
      case Phase::checksum:
        return checksum(budget);
      case Phase::json:
        return json();
      case Phase::leads:
        // The lead columns are the same in versions 3 and 4 (4 only adds the ledger at the end).
        leads_start = position();
        if (!ws.leads.deserialize_columns(*in, std::min(version, 3))) return fail_reader();
        leads_end = position();
        phase = Phase::lead_index;
        return;
      case Phase::lead_index:
        return lead_index(budget);
      case Phase::events:
        if (!ws.events.deserialize(*in)) return fail_reader();
        if (version >= 4) {
          phase = Phase::ledger_count;
        } else {
          finish();
        }
        return;
      case Phase::ledger_count:
        return ledger_count();
      case Phase::ledger_entries:
        return ledger_entries(budget);
      case Phase::ledger_chains:
        return ledger_chains();
      case Phase::done:
        return;
    }
  }

  [[nodiscard]] double progress() const {
    if (phase == Phase::done) return 1.0;
    // The checksum's pass weighs a quarter of decoding's per byte (k_checksum_speedup).
    const double total = static_cast<double>(body.size()) * (1.0 + 1.0 / k_checksum_speedup);
    if (total <= 0) return 0.0;
    std::size_t decoded = position();
    if (phase == Phase::lead_index && ws.leads.rows() > 0) {
      // The lead store's bytes count as decoded as its rows are indexed.
      decoded = leads_start + static_cast<std::size_t>(static_cast<double>(leads_end - leads_start) *
                                                       indexed / static_cast<double>(ws.leads.rows()));
    }
    const double done_units =
        static_cast<double>(checked) / k_checksum_speedup + static_cast<double>(decoded);
    // Short of 1 until done: the ledger's chains and the last checks remain.
    return std::min(done_units / total, 0.999);
  }
};

ImageDecoder::ImageDecoder(std::string_view stored) : m_state(std::make_unique<State>()) {
  m_state->stored = stored;
}
ImageDecoder::~ImageDecoder() = default;
ImageDecoder::ImageDecoder(ImageDecoder&&) noexcept = default;
ImageDecoder& ImageDecoder::operator=(ImageDecoder&&) noexcept = default;

bool ImageDecoder::step(std::size_t budget) {
  m_state->step(std::max<std::size_t>(budget, 1));
  return done();
}

bool ImageDecoder::done() const { return m_state->phase == State::Phase::done; }

double ImageDecoder::progress() const { return m_state->progress(); }

Expected<Workspace> ImageDecoder::take() {
  if (!done()) return Error{"the workspace is still being decoded"};
  if (m_state->taken) return Error{"the decoded workspace was already taken"};
  m_state->taken = true;
  if (m_state->error) return *m_state->error;
  return std::move(m_state->ws);
}

}  // namespace nurture
