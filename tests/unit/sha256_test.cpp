#include "core/crypto/sha256.hpp"

#include <catch_amalgamated.hpp>

namespace sha256_test {

using namespace nurture;

TEST_CASE("SHA-256 matches the FIPS 180-4 test vectors", "[sha256]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1'000'000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("SHA-256 of a normalised e-mail, as Meta and Google expect", "[sha256]") {
  // The value both ad platforms document for this example address.
  CHECK(sha256_hex("test@example.com") == "973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b");
}

TEST_CASE("feeding in pieces equals feeding at once", "[sha256][property]") {
  std::string text;
  for (int i = 0; i < 300; ++i) text += static_cast<char>('a' + i % 26);
  const auto whole = sha256_hex(text);
  for (std::size_t split = 0; split <= text.size(); split += 7) {
    Sha256 h;
    h.update(std::string_view(text).substr(0, split));
    h.update(std::string_view(text).substr(split));
    const auto digest = h.finish();
    char hex[65];
    for (std::size_t i = 0; i < 32; ++i) std::snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    REQUIRE(std::string(hex) == whole);
  }
}

}  // namespace sha256_test
