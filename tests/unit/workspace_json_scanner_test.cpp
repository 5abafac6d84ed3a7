// The workspace reader's JSON scanner (core/io/json_scanner.hpp) against nlohmann's SAX parser
// as the oracle: for hand-picked and random (mutated) texts both must accept the same texts and
// report the same token stream. Also the batched event tombstones the reader applies.

#include <catch_amalgamated.hpp>

#include <nlohmann/json.hpp>

#include "core/io/json_scanner.hpp"
#include "core/store/event_log.hpp"
#include "core/util/splitmix.hpp"
#include "test_support.hpp"

namespace workspace_json_scanner_test {

using namespace nurture;
using nurture::test::make_event;

namespace {

// Records tokens as text lines; the same recorder serves the scanner and nlohmann.
struct Recorder {
  std::string out;
  bool null() { return add("null"); }
  bool boolean(bool b) { return add(b ? "true" : "false"); }
  bool number_integer(std::int64_t i) { return add("int " + std::to_string(i)); }
  bool number_unsigned(std::uint64_t u) { return add("uint " + std::to_string(u)); }
  bool number_float(const std::string& raw) { return add("float " + raw); }
  bool number_float(double /*unused*/, const std::string& raw) { return number_float(raw); }
  bool string(std::string_view s) { return add("str " + std::string(s)); }
  bool key(std::string_view k) { return add("key " + std::string(k)); }
  bool start_object() { return add("{"); }
  bool start_object(std::size_t /*unused*/) { return start_object(); }
  bool end_object() { return add("}"); }
  bool start_array() { return add("["); }
  bool start_array(std::size_t /*unused*/) { return start_array(); }
  bool end_array() { return add("]"); }
  bool binary(nlohmann::json::binary_t& /*unused*/) { return false; }
  bool parse_error(std::size_t /*unused*/, const std::string& /*unused*/,
                   const nlohmann::detail::exception& /*unused*/) {
    return false;
  }
  bool add(const std::string& line) {
    out += line;
    out += '\n';
    return true;
  }
};

struct Outcome {
  bool ok = false;
  std::string tokens;
};

Outcome with_scanner(const std::string& text) {
  Recorder r;
  json_scan::ScanError err;
  Outcome o;
  o.ok = json_scan::scan(text, r, err, std::size_t{1} << 30);
  if (!o.ok) CHECK_FALSE(err.reason.empty());  // the recorder never refuses: the text is at fault
  o.tokens = r.out;
  // Resumed with small budgets, the scanner gives the same tokens, outcome and error.
  for (const std::size_t budget : {std::size_t{0}, std::size_t{1}, std::size_t{5}}) {
    Recorder stepped;
    json_scan::Scanner scanner(text, std::size_t{1} << 30);
    json_scan::ScanStatus status = json_scan::ScanStatus::more;
    std::size_t last = 0;
    while ((status = scanner.resume(stepped, budget)) == json_scan::ScanStatus::more) {
      REQUIRE(scanner.offset() > last);  // every step moves on
      last = scanner.offset();
    }
    CHECK((status == json_scan::ScanStatus::done) == o.ok);
    CHECK(stepped.out == r.out);
    CHECK(scanner.error().offset == err.offset);
    CHECK(scanner.error().reason == err.reason);
  }
  return o;
}

Outcome with_nlohmann(const std::string& text) {
  Recorder r;
  Outcome o;
  // nlohmann takes a NUL byte for the end of input; NUL is never valid JSON, so the scanner
  // refuses any text holding one.
  o.ok = text.find('\0') == std::string::npos && nlohmann::json::sax_parse(text, &r);
  o.tokens = r.out;
  return o;
}

void check_same(const std::string& text) {
  INFO(text);
  const auto mine = with_scanner(text);
  const auto oracle = with_nlohmann(text);
  REQUIRE(mine.ok == oracle.ok);
  if (mine.ok) CHECK(mine.tokens == oracle.tokens);
}

using Rng = SplitMix64;

const std::vector<std::string> k_pieces = {"{",
                                           "}",
                                           "[",
                                           "]",
                                           ",",
                                           ":",
                                           " ",
                                           "\n",
                                           "\"a\"",
                                           "\"\"",
                                           "\"x\\\"y\"",
                                           "\"\\u00e9\"",
                                           "\"\\ud83d\\ude00\"",
                                           "\"\\ud83d\"",
                                           "\"\\udc00\"",
                                           "\"é\"",
                                           "\"\xC3\"",
                                           "\"\xED\xA0\x80\"",
                                           "\"\xF4\x90\x80\x80\"",
                                           "\"\xF0\x9F\x98\x80\"",
                                           "\"\x01\"",
                                           "\"\\q\"",
                                           "0",
                                           "-0",
                                           "01",
                                           "-",
                                           "12",
                                           "-12",
                                           "1.5",
                                           "1e3",
                                           "1E-2",
                                           "1.",
                                           ".5",
                                           "1e400",
                                           "18446744073709551615",
                                           "18446744073709551616",
                                           "-9223372036854775808",
                                           "-9223372036854775809",
                                           "true",
                                           "false",
                                           "null",
                                           "tru",
                                           "NaN",
                                           "Infinity",
                                           "\t",
                                           "\r",
                                           "\"abcdefghijklmnopqrstuvwxyz\""};

std::string random_text(Rng& rng) {
  std::string s;
  const std::size_t n = 1 + rng.below(12);
  for (std::size_t i = 0; i < n; ++i) s += k_pieces[rng.below(k_pieces.size())];
  return s;
}

// A well-formed document with nested containers, so that most random cases are accepted.
std::string random_document(Rng& rng, int depth) {
  const auto scalar = [&] {
    static const std::vector<std::string> k_scalars = {"0",
                                                       "-7",
                                                       "123456789012",
                                                       "2.5",
                                                       "-1e-3",
                                                       "true",
                                                       "false",
                                                       "null",
                                                       "\"plain text\"",
                                                       "\"tab\\tnew\\nline\"",
                                                       "\"\\u0041\\u00e9\\u4e2d\"",
                                                       "\"Zoë 😀\"",
                                                       "\"\\\\\\/\""};
    return k_scalars[rng.below(k_scalars.size())];
  };
  if (depth > 3 || rng.below(3) == 0) return scalar();
  const bool array = rng.below(2) == 0;
  std::string s = array ? "[" : "{";
  const std::size_t n = rng.below(4);
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) s += rng.below(2) == 0 ? "," : " ,\n ";
    if (!array) s += "\"k" + std::to_string(i) + "\" : ";
    s += random_document(rng, depth + 1);
  }
  return s + (array ? "]" : "}");
}

}  // namespace

TEST_CASE("the scanner agrees with nlohmann on hand-picked texts", "[workspace-json][scanner]") {
  for (const auto& piece : k_pieces) check_same(piece);
  for (const auto& piece : k_pieces) check_same("[" + piece + "]");
  for (const auto& piece : k_pieces) check_same("{\"k\":" + piece + "}");
  check_same("");
  check_same("   ");
  check_same("{} {}");
  check_same("[1,]");
  check_same("{\"a\":1,}");
  check_same("{\"a\" 1}");
  check_same("{1:1}");
  check_same("\"\\u12\"");
  check_same("\"\\uZZZZ\"");
  check_same("\"unterminated");
  check_same("\"a long plain run of ascii text past eight bytes\\n then more text é and more\"");
  check_same("\xEF\xBB\xBF{}");  // a byte order mark is skipped
  check_same("\xEF\xBB{}");
  check_same(std::string("[\"a\0b\"]", 7));
}

TEST_CASE("the scanner agrees with nlohmann on random texts", "[workspace-json][scanner]") {
  Rng rng{GENERATE(1U, 2U, 3U)};
  for (int i = 0; i < 3000; ++i) check_same(random_text(rng));
  for (int i = 0; i < 1000; ++i) {
    std::string doc = random_document(rng, 0);
    check_same(doc);
    // One mutation: a byte dropped, doubled or replaced.
    if (doc.size() > 1) {
      const std::size_t at = rng.below(doc.size());
      switch (rng.below(3)) {
        case 0:
          doc.erase(at, 1);
          break;
        case 1:
          doc.insert(at, 1, doc[at]);
          break;
        default:
          doc[at] = "\"\\,:[]{}0e.-\x80\xFF\0 "[rng.below(16)];
      }
      check_same(doc);
    }
  }
}

TEST_CASE("the scanner reports where the text goes wrong", "[workspace-json][scanner]") {
  Recorder r;
  json_scan::ScanError err;
  REQUIRE_FALSE(json_scan::scan("[1, 2,, 3]", r, err, 100));
  CHECK(err.offset == 6);
  CHECK(err.reason == "unexpected character ','");

  err = {};
  REQUIRE_FALSE(json_scan::scan("[\"ab\xFF\"]", r, err, 100));
  CHECK(err.utf8);
  CHECK(err.offset == 4);

  err = {};
  REQUIRE_FALSE(json_scan::scan("[\"short\", \"" + std::string(200, 'x') + "\"]", r, err, 100));
  CHECK(err.giant);
  CHECK(err.offset == 10);

  err = {};
  REQUIRE_FALSE(json_scan::scan("[1", r, err, 100));
  CHECK(err.offset == 2);
  CHECK(err.reason == "unexpected end of input");
}

TEST_CASE("set_deleted_batch marks the same events as set_deleted one by one", "[event-log]") {
  EventLog one_by_one;
  EventLog batched;
  std::vector<Event> events;
  for (std::uint64_t i = 1; i <= 50; ++i) {
    events.push_back(make_event(i * 7, 1 + i % 3, static_cast<UnixMillis>(1000 + i), EventType::call));
  }
  one_by_one.add(events);
  batched.add(events);
  std::vector<std::pair<EventId, Stamp>> tombstones;
  for (std::uint64_t i = 3; i <= 50; i += 5) {
    Stamp s;
    s.millis = static_cast<std::int64_t>(2000 + i);
    s.device = i;
    tombstones.emplace_back(EventId{i * 7}, s);
  }
  tombstones.emplace_back(EventId{999999}, Stamp{});  // unknown: skipped
  for (const auto& [id, stamp] : tombstones) one_by_one.set_deleted(id, stamp);
  CHECK(batched.set_deleted_batch(tombstones) == tombstones.size() - 1);
  CHECK(batched == one_by_one);
  std::size_t deleted = 0;
  for (std::uint32_t pos = 0; pos < batched.size(); ++pos) {
    if (!batched.is_deleted(pos)) continue;
    ++deleted;
    CHECK(batched.deleted_stamp(batched.id(pos)) == one_by_one.deleted_stamp(batched.id(pos)));
    CHECK(batched.deleted_stamp(batched.id(pos)).millis ==
          static_cast<std::int64_t>(2000 + batched.id(pos).value / 7));
  }
  CHECK(deleted == tombstones.size() - 1);
  CHECK(batched.set_deleted_batch({}) == 0);
}

}  // namespace workspace_json_scanner_test
