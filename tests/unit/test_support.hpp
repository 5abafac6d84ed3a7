#pragma once
// Helpers shared by the unit tests: reading golden files from the source tree (the wasm build
// reaches them through NODERAWFS).

#include <fstream>
#include <sstream>
#include <string>

namespace nurture::test {

inline std::string read_test_file(const std::string& relative) {
  std::ifstream in(std::string(NURTURE_TEST_DATA_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace nurture::test
