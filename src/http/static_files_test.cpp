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

TEST_F(StaticFilesTest, BrotliSiblingGoesToClientsThatAcceptBr) {
  // The build's brotli file is sent as it is (the server never compresses brotli itself).
  std::ofstream(root_ / "assets" / "app-1234.js.br") << "brotli bytes";
  StaticFiles files(root_.string());
  auto with = [&](std::string accept) {
    Request request = Get({"assets", "app-1234.js"});
    request.headers.emplace_back("accept-encoding", std::move(accept));
    return *files.Serve(request);
  };
  for (const char* accept : {"gzip, deflate, br, zstd", "br", "gzip;q=1.0, br;q=0.5"}) {
    const Response response = with(accept);
    EXPECT_EQ(Header(response, "Content-Encoding"), "br") << accept;
    EXPECT_EQ(response.body, "brotli bytes") << accept;
    EXPECT_EQ(Header(response, "Vary"), "Accept-Encoding");
  }
  for (const char* accept : {"gzip, deflate", "gzip, br;q=0", "gzip, brotli"}) {
    EXPECT_EQ(Header(with(accept), "Content-Encoding"), "gzip") << accept;
  }
  EXPECT_FALSE(files.Serve(Get({"assets", "app-1234.js.br"}))) << "the sibling is no file of its own";
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

TEST_F(StaticFilesTest, PosterPagesGetTheGatePageWhenThereIsOne) {
  {
    StaticFiles without(root_.string());
    auto page = without.Serve(Get({"m", "110108011001001"}));
    ASSERT_TRUE(page);
    EXPECT_NE(page->body.find("友好"), std::string::npos) << "no m.html: the app's index.html, as before";
  }
  std::ofstream(root_ / "m.html") << "<!doctype html><title>找楼</title>";
  StaticFiles files(root_.string());
  for (const auto& segments : std::vector<std::vector<std::string>>{{"m"}, {"m", "110108011001001"}}) {
    auto page = files.Serve(Get(segments));
    ASSERT_TRUE(page);
    EXPECT_NE(page->body.find("找楼"), std::string::npos);
    EXPECT_EQ(Header(*page, "Cache-Control"), "no-cache");
  }
  // Other client routes, and a path that only starts with "m", keep the app.
  for (const auto& segments : std::vector<std::vector<std::string>>{{"home"}, {"mine"}, {"places"}}) {
    auto page = files.Serve(Get(segments));
    ASSERT_TRUE(page);
    EXPECT_NE(page->body.find("友好"), std::string::npos);
  }
  EXPECT_FALSE(files.Serve(Get({"m", "missing.png"}))) << "a missing file under /m/ stays 404";
}

// Expected hashes computed apart (Python: base64.b64encode(hashlib.sha256(text).digest())).
TEST(PagePolicy, AllowsExactlyThePagesInlineScripts) {
  EXPECT_EQ(InlineScriptHashes("<p>no script</p><script type=\"module\" src=\"/assets/a.js\"></script>"),
            std::vector<std::string>{});
  EXPECT_EQ(InlineScriptHashes("<head><script type=\"module\">alert(1)</script></head>"
                               "<body><script src=\"/x.js\"></script><script>console.log(\"找楼\")</script>"),
            (std::vector<std::string>{"'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='",
                                      "'sha256-rE81kAkF6EPe8ZhkTryNDc7yCFMnt83xJ+Ki+wDzExs='"}));
  EXPECT_EQ(PagePolicy(),
            "default-src 'self'; script-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
            "connect-src 'self'; frame-ancestors 'none'");
  EXPECT_NE(PagePolicy({"'sha256-abc='"}).find("script-src 'self' 'sha256-abc='; "), std::string::npos);
}

TEST_F(StaticFilesTest, APageWithInlineScriptsCarriesItsPolicy) {
  std::ofstream(root_ / "m.html") << "<!doctype html><script type=\"module\">alert(1)</script>";
  StaticFiles files(root_.string());
  auto gate = files.Serve(Get({"m", "110108011001001"}));
  ASSERT_TRUE(gate);
  EXPECT_EQ(Header(*gate, "Content-Security-Policy"),
            PagePolicy({"'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"}));
  // A page without inline scripts leaves the server's default policy in place.
  auto index = files.Serve(Get({}));
  ASSERT_TRUE(index);
  EXPECT_EQ(Header(*index, "Content-Security-Policy"), "");
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
