#include "qr/qr_code.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace youhao::qr {
namespace {

/// zbarimg (Debian's zbar-tools) is the independent decoder.
std::string DecodeWithZbar(const std::string& png) {
  const auto path = std::filesystem::temp_directory_path() / ("youhao_qr_" + std::to_string(::getpid()) + ".png");
  std::ofstream(path, std::ios::binary) << png;
  std::string output;
  if (FILE* pipe = popen(("zbarimg --quiet --raw " + path.string() + " 2>/dev/null").c_str(), "r")) {
    char buffer[2048];
    while (std::size_t read = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, read);
    pclose(pipe);
  }
  std::filesystem::remove(path);
  while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
  return output;
}

TEST(QrCode, PngDecodesBackToTheText) {
  for (const std::string text :
       {"YH1:%69 VD92EX0UJCLQE7W581", "https://youhao.example/r/110108011001001", "骑手友好社区 华清嘉园"}) {
    auto png = Render(text, ImageFormat::kPng, 4);
    ASSERT_TRUE(png.ok());
    EXPECT_TRUE(png->starts_with("\x89PNG"));
    EXPECT_EQ(DecodeWithZbar(*png), text);
  }
}

TEST(QrCode, SvgIsAScalableSquare) {
  auto svg = Render("YH1:ABC", ImageFormat::kSvg);
  ASSERT_TRUE(svg.ok());
  EXPECT_TRUE(svg->starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_NE(svg->find("<path"), std::string::npos);
}

TEST(QrCode, RefusesEmptyAndOversizedText) {
  EXPECT_FALSE(Render("", ImageFormat::kPng).ok());
  EXPECT_FALSE(Render(std::string(kMaxTextBytes + 1, 'A'), ImageFormat::kPng).ok());
}

}  // namespace
}  // namespace youhao::qr
