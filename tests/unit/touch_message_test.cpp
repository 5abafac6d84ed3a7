#include "core/sequence/touch_message.hpp"

#include <catch_amalgamated.hpp>

namespace touch_message_test {

using namespace nurture;

TEST_CASE("percent_encode keeps unreserved characters and encodes UTF-8 bytes", "[touch-message]") {
  CHECK(percent_encode("A-z_0.9~") == "A-z_0.9~");
  CHECK(percent_encode("a b&c=d?") == "a%20b%26c%3Dd%3F");
  CHECK(percent_encode("é") == "%C3%A9");
}

TEST_CASE("mailto_link carries subject and body with CRLF line breaks", "[touch-message]") {
  CHECK(mailto_link("ana+x@example.com", "Hello, Ana", "Line one\nLine two") ==
        "mailto:ana+x@example.com?subject=Hello%2C%20Ana&body=Line%20one%0D%0ALine%20two");
  CHECK(mailto_link("ana@example.com", "", "Hi") == "mailto:ana@example.com?body=Hi");
  CHECK(mailto_link("ana@example.com", "", "") == "mailto:ana@example.com");
  // An address cannot smuggle in its own query.
  CHECK(mailto_link("a?cc=x@y.z", "", "") == "mailto:a%3Fcc%3Dx@y.z");
}

TEST_CASE("sms and tel links", "[touch-message]") {
  CHECK(sms_link("+13055550100", "See you at 10:00") == "sms:+13055550100?body=See%20you%20at%2010%3A00");
  CHECK(sms_link("+13055550100", "") == "sms:+13055550100");
  CHECK(tel_link("+13055550100") == "tel:+13055550100");
}

}  // namespace touch_message_test
