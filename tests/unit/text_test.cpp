#include "core/util/text.hpp"

#include <catch_amalgamated.hpp>

#include "core/util/checksum.hpp"

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
