#pragma once
// Helpers for the segment language tests: parsing that must succeed, the text of an error, and
// the golden-file line format of tests/golden/segment/*.txt.

#include <catch_amalgamated.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/segment/parser.hpp"
#include "core/segment/printer.hpp"

namespace nurture::test {

/// The tree of `query`; fails the test (with the error) when it does not parse.
inline segment::Node parse_ok(std::string_view query) {
  auto parsed = segment::parse_query(query);
  INFO("query: " << query);
  if (!parsed.ok()) FAIL("unexpected error: " << parsed.error().describe());
  return std::move(parsed).value();
}

/// "LINE:COL: message" for a query that must fail to parse.
inline std::string parse_error(std::string_view query, const segment::ParseLimits& limits = {}) {
  const auto parsed = segment::parse_query(query, limits);
  INFO("query: " << query);
  if (parsed.ok()) FAIL("parsed, printed as: " << segment::print_query(parsed.value()));
  return parsed.error().describe();
}

/// `\n` → line break and `\t` → tab; any other backslash pair is kept as written.
inline std::string decode_golden(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      const char c = text[i + 1];
      if (c == 'n' || c == 't') {
        out.push_back(c == 'n' ? '\n' : '\t');
      } else {
        out.push_back('\\');
        out.push_back(c);
      }
      ++i;
      continue;
    }
    out.push_back(text[i]);
  }
  return out;
}

/// The (query, expected) pairs of a golden file: `QUERY → EXPECTED` lines, # comments.
inline std::vector<std::pair<std::string, std::string>> golden_pairs(const std::string& contents) {
  std::vector<std::pair<std::string, std::string>> pairs;
  constexpr std::string_view k_sep = " → ";
  std::size_t pos = 0;
  while (pos < contents.size()) {
    std::size_t end = contents.find('\n', pos);
    if (end == std::string::npos) end = contents.size();
    const std::string_view line(contents.data() + pos, end - pos);
    pos = end + 1;
    if (line.empty() || line.front() == '#') continue;
    const std::size_t sep = line.find(k_sep);
    REQUIRE(sep != std::string_view::npos);
    pairs.emplace_back(decode_golden(line.substr(0, sep)), std::string(line.substr(sep + k_sep.size())));
  }
  return pairs;
}

/// parse(print(tree)) is the same tree, ignoring spans.
inline void check_round_trip(const segment::Node& tree) {
  const std::string printed = segment::print_query(tree);
  INFO("printed: " << printed);
  const auto again =
      segment::parse_query(printed, {.max_length = 1U << 20U, .max_depth = 1000, .max_clauses = 100000});
  if (!again.ok()) FAIL("the printed query does not parse: " << again.error().describe());
  CHECK(segment::same_query(again.value(), tree));
  CHECK(segment::print_query(again.value()) == printed);
}

}  // namespace nurture::test
