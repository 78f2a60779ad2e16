#include "http/static_files.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

namespace youhao::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("youhao_static_" + std::to_string(::getpid()));
    fs::create_directories(root_ / "assets");
    std::ofstream(root_ / "index.html") << "<!doctype html><title>友好</title>";
    std::ofstream(root_ / "assets" / "app-1234.js") << std::string(4096, 'a');
  }
  void TearDown() override { fs::remove_all(root_); }

  Request Get(std::vector<std::string> segments, bool gzip = false) {
    Request request;
    request.segments = std::move(segments);
    if (gzip) request.headers.emplace_back("accept-encoding", "gzip, br");
    return request;
  }

  fs::path root_;
};

std::string Header(const Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return {};
}

TEST_F(StaticFilesTest, HashedAssetsAreImmutableAndGzipped) {
  StaticFiles files(root_.string());
  auto response = files.Serve(Get({"assets", "app-1234.js"}, true));
  ASSERT_TRUE(response);
  EXPECT_EQ(Header(*response, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(Header(*response, "Content-Encoding"), "gzip");
  EXPECT_LT(response->body.size(), 4096u);
  // The gzip body inflates back to the file.
  std::string inflated(8192, '\0');
  z_stream stream{};
  inflateInit2(&stream, 15 + 16);
  stream.next_in = reinterpret_cast<Bytef*>(response->body.data());
  stream.avail_in = static_cast<uInt>(response->body.size());
  stream.next_out = reinterpret_cast<Bytef*>(inflated.data());
  stream.avail_out = static_cast<uInt>(inflated.size());
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  inflated.resize(stream.total_out);
  inflateEnd(&stream);
  EXPECT_EQ(inflated, std::string(4096, 'a'));
}

TEST_F(StaticFilesTest, PlainWithoutAcceptEncodingAndIndexIsNoCache) {
  StaticFiles files(root_.string());
  auto asset = files.Serve(Get({"assets", "app-1234.js"}));
  ASSERT_TRUE(asset);
  EXPECT_EQ(asset->body, std::string(4096, 'a'));
  auto index = files.Serve(Get({}));
  ASSERT_TRUE(index);
  EXPECT_EQ(Header(*index, "Cache-Control"), "no-cache");
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
}

TEST_F(StaticFilesTest, ClientRoutesFallBackToIndexButMissingFilesDoNot) {
  StaticFiles files(root_.string());
  auto route = files.Serve(Get({"home"}));
  ASSERT_TRUE(route);
  EXPECT_NE(route->body.find("友好"), std::string::npos);
  EXPECT_FALSE(files.Serve(Get({"assets", "missing.js"})));
}

TEST_F(StaticFilesTest, EtagGives304) {
  StaticFiles files(root_.string());
  auto first = files.Serve(Get({"index.html"}));
  Request again = Get({"index.html"});
  again.headers.emplace_back("if-none-match", Header(*first, "ETag"));
  EXPECT_EQ(files.Serve(again)->status, 304);
}

}  // namespace
}  // namespace youhao::http
