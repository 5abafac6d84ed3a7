#include "core/util/text.hpp"

#include <catch_amalgamated.hpp>

#include <cstdint>
#include <string>

#include "core/util/checksum.hpp"

namespace text_test {

using namespace nurture;

TEST_CASE("is_valid_utf8 accepts international names", "[text]") {
  CHECK(is_valid_utf8("Zoë Ångström-Łukasiewicz"));
  CHECK(is_valid_utf8("Αλεξάνδρα Дмитриева"));
  CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));  // emoji, 4 bytes
  CHECK(utf8_length("Zoë") == 3);
}

TEST_CASE("is_valid_utf8 rejects malformed sequences", "[text]") {
  CHECK_FALSE(is_valid_utf8("\xC3"));              // truncated
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // UTF-16 surrogate
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  CHECK_FALSE(is_valid_utf8("\xFF"));
  CHECK_FALSE(is_valid_utf8("ok\x80"));
}

TEST_CASE("trim removes ASCII white space at both ends only", "[text]") {
  CHECK(trim("  a b \r\n") == "a b");
  CHECK(trim("") == "");
  CHECK(trim(" \t ") == "");
}

TEST_CASE("fnv1a64 matches the reference vectors", "[checksum]") {
  CHECK(fnv1a64("") == 0xcbf29ce484222325ULL);
  CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(fnv1a64("foobar") == 0x85944171f73967e8ULL);
  CHECK(to_hex64(0xaf63dc4c8601ec8cULL) == "af63dc4c8601ec8c");
  CHECK(to_hex64(1) == "0000000000000001");
}

namespace {

// Naive oracle: groups the digits from the right by repeated division.
std::string grouped_by_division(std::uint64_t n) {
  std::string out;
  int digits = 0;
  do {
    if (digits > 0 && digits % 3 == 0) out.insert(out.begin(), ',');
    out.insert(out.begin(), static_cast<char>('0' + n % 10));
    n /= 10;
    ++digits;
  } while (n > 0);
  return out;
}

}  // namespace

TEST_CASE("format_thousands groups digits by three from the right", "[text]") {
  CHECK(format_thousands(0) == "0");
  CHECK(format_thousands(999) == "999");
  CHECK(format_thousands(1000) == "1,000");
  CHECK(format_thousands(1234567) == "1,234,567");
  CHECK(format_thousands(18446744073709551615ULL) == "18,446,744,073,709,551,615");
  std::uint64_t n = 1;
  for (int i = 0; i < 200; ++i) {
    CHECK(format_thousands(n) == grouped_by_division(n));
    CHECK(format_thousands(n - 1) == grouped_by_division(n - 1));
    n = n * 7 + static_cast<std::uint64_t>(i);
  }
}

TEST_CASE("count_noun picks the singular only for exactly one", "[text]") {
  CHECK(count_noun(0, "lead", "leads") == "0 leads");
  CHECK(count_noun(1, "lead", "leads") == "1 lead");
  CHECK(count_noun(2, "lead", "leads") == "2 leads");
  CHECK(count_noun(1234, "lead", "leads") == "1,234 leads");
  CHECK(count_noun(1, "person", "people") == "1 person");
  CHECK(count_noun(21, "row", "rows") == "21 rows");
}

}  // namespace text_test
