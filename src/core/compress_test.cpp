#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "core/compress.h"

namespace youhao::core {
namespace {

TEST(Compress, GunzipUndoesGzip) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "学院路 " + std::to_string(i) + "\n";
  const std::string packed = Gzip(text);
  EXPECT_LT(packed.size(), text.size() / 3);
  EXPECT_EQ(Gunzip(packed), text);
  EXPECT_EQ(Gunzip(Gzip("")), "");
}

TEST(Compress, GunzipRefusesCorruptTruncatedAndOversizedStreams) {
  const std::string packed = Gzip(std::string(100000, 'a'));
  EXPECT_THROW(Gunzip(packed.substr(0, packed.size() / 2)), std::runtime_error);
  std::string corrupt = packed;
  corrupt[corrupt.size() / 2] = static_cast<char>(corrupt[corrupt.size() / 2] ^ 0x5A);
  EXPECT_THROW(Gunzip(corrupt), std::runtime_error);
  EXPECT_THROW(Gunzip("not gzip at all"), std::runtime_error);
  EXPECT_THROW(Gunzip(packed, 1000), std::runtime_error) << "100 kB inflated past a 1 kB limit";
}

}  // namespace
}  // namespace youhao::core
