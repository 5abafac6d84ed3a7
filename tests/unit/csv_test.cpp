#include "core/io/csv.hpp"

#include <catch_amalgamated.hpp>

#include <random>

#include "core/util/splitmix.hpp"
#include "naive_csv.hpp"

namespace csv_test {

using namespace nurture;

namespace {

std::vector<CsvRecord> read_all(std::string_view text, CsvOptions options = {}) {
  CsvReader reader(text, options);
  std::vector<CsvRecord> out;
  CsvRecord r;
  while (reader.next(r)) out.push_back(r);
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

Rows fields_of(const std::vector<CsvRecord>& records) {
  Rows out;
  for (const auto& r : records) out.push_back(r.fields);
  return out;
}

// Naive writer used as the oracle: quote every field, double the quotes.
std::string write_csv(const Rows& rows, char delim, std::string_view eol) {
  std::string out;
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out += delim;
      out += '"';
      for (const char c : row[i]) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    }
    out += eol;
  }
  return out;
}

}  // namespace

TEST_CASE("plain CSV with LF and CRLF", "[csv]") {
  CHECK(fields_of(read_all("a,b\n1,2\n")) == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(fields_of(read_all("a,b\r\n1,2\r\n")) == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(fields_of(read_all("a,b\r1,2")) == Rows{{"a", "b"}, {"1", "2"}});
}

TEST_CASE("a BOM is skipped and the last line needs no newline", "[csv]") {
  const auto rows = read_all(
      "\xEF\xBB\xBF"
      "Email Address,First Name\nzoe@example.com,Zoë");
  CHECK(fields_of(rows) == Rows{{"Email Address", "First Name"}, {"zoe@example.com", "Zoë"}});
}

TEST_CASE("quoted fields hold separators, quotes and newlines", "[csv]") {
  const auto rows = read_all("name,notes\n\"Smith, Ann\",\"said \"\"hi\"\"\nthen left\"\nBob,\n");
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].fields == std::vector<std::string>{"Smith, Ann", "said \"hi\"\nthen left"});
  CHECK(rows[1].line == 2);
  CHECK(rows[2].fields == std::vector<std::string>{"Bob", ""});
  CHECK(rows[2].line == 4);  // the quoted newline moved the line count on
}

TEST_CASE("the separator is detected from the header", "[csv]") {
  CHECK(CsvReader("id\tcreated_time\tad_id\n").delimiter() == '\t');
  CHECK(CsvReader("a;b;c\n1,5;2;3").delimiter() == ';');
  CHECK(CsvReader("\"a,b\"|c|d\n").delimiter() == '|');
  CHECK(CsvReader("single\n").delimiter() == ',');
}

TEST_CASE("blank lines are skipped but counted", "[csv]") {
  const auto rows = read_all("a\n\n\r\nb\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].line == 4);
}

TEST_CASE("an unclosed quote is an error on its record, not a crash", "[csv]") {
  const auto rows = read_all("a,b\n1,\"open\n2,3\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].error.empty());
  CHECK_FALSE(rows[1].error.empty());
  CHECK(rows[1].line == 2);
}

TEST_CASE("limits turn hostile records into errors", "[csv]") {
  CsvOptions small;
  small.max_field_bytes = 8;
  small.max_fields = 3;
  auto rows = read_all("0123456789,x\n", small);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].error.find("longer than 8") != std::string::npos);
  rows = read_all("a,b,c,d\n", small);
  CHECK(rows[0].error.find("more than 3 fields") != std::string::npos);
}

TEST_CASE("stray quotes inside unquoted fields are kept", "[csv]") {
  CHECK(fields_of(read_all("5'7\",x\n")) == Rows{{"5'7\"", "x"}});
  CHECK(fields_of(read_all("\"a\"b,c\n")) == Rows{{"ab", "c"}});
}

TEST_CASE("reading what a quoting writer wrote gives back the rows", "[csv][property]") {
  std::mt19937 rng(20261127);
  const std::string alphabet = "ab ,;\t\"\r\nZë";
  for (int round = 0; round < 300; ++round) {
    const char delim = ",\t;"[round % 3];
    Rows rows(1 + rng() % 5);
    const std::size_t width = 1 + rng() % 4;
    for (auto& row : rows) {
      row.resize(width);
      for (auto& f : row) {
        const std::size_t len = rng() % 6;
        for (std::size_t i = 0; i < len; ++i) f += alphabet[rng() % alphabet.size()];
      }
    }
    const auto text = write_csv(rows, delim, round % 2 == 0 ? "\n" : "\r\n");
    CsvOptions options;
    options.delimiter = delim;
    INFO("round " << round);
    CHECK(fields_of(read_all(text, options)) == rows);
  }
}

TEST_CASE("offset reaches the end for progress bars", "[csv]") {
  const std::string text = "a,b\n1,2\n";
  CsvReader reader(text);
  CsvRecord r;
  while (reader.next(r)) {
  }
  CHECK(reader.offset() == reader.size());
}

TEST_CASE("Property: the run-based reader reads exactly what a byte-at-a-time reader reads", "[csv]") {
  // Texts over a small alphabet dense in separators, quotes and line ends, with small limits so
  // that too-long fields and too-many-fields records occur often.
  const std::string alphabet = "ab,;\t\"\r\n \xC3\xA9";
  for (std::uint64_t seed = 1; seed <= 3000; ++seed) {
    SplitMix64 rng(seed);
    std::string text;
    const std::size_t len = rng.below(60);
    for (std::size_t i = 0; i < len; ++i) text += alphabet[rng.below(alphabet.size())];
    CsvOptions options;
    options.max_field_bytes = 1 + rng.below(8);
    options.max_fields = 1 + rng.below(6);
    options.delimiter = rng.chance(50) ? ',' : '\0';
    CsvReader reader(text, options);
    test::NaiveCsv naive{text, options, reader.delimiter()};
    CsvRecord got;
    CsvRecord want;
    for (;;) {
      INFO("seed " << seed << " text '" << text << "'");
      const bool more = reader.next(got);
      REQUIRE(more == naive.next(want));
      if (!more) break;
      CHECK(got.line == want.line);
      CHECK(got.fields == want.fields);
      CHECK(got.error == want.error);
      REQUIRE(reader.offset() == naive.pos);
    }
  }
}

}  // namespace csv_test
