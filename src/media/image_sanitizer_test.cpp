#include "media/image_sanitizer.h"
#include "media/thumbnail.h"

#include <gtest/gtest.h>

namespace youhao::media {
namespace {

std::string Segment(unsigned char marker, std::string_view payload) {
  std::string out = {'\xFF', static_cast<char>(marker)};
  const std::size_t length = payload.size() + 2;
  out += static_cast<char>(length >> 8);
  out += static_cast<char>(length & 0xFF);
  out += payload;
  return out;
}

std::string Chunk(std::string_view type, std::string_view data) {
  std::string out;
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>(data.size() >> shift);
  out += type;
  out += data;
  out += std::string(4, '\0');  // CRC is not checked by the sanitiser
  return out;
}

TEST(SanitizeImage, JpegLosesExifGpsAndCommentsButKeepsImageData) {
  const std::string gps = std::string("Exif\0\0", 6) + "GPSLatitude 39.99 GPSLongitude 116.33";
  std::string jpeg = "\xFF\xD8";
  jpeg += Segment(0xE0, std::string("JFIF\0\x01\x01", 7));
  jpeg += Segment(0xE1, gps);
  jpeg += Segment(0xFE, "shot on rider phone");
  jpeg += Segment(0xDB, std::string(65, '\x01'));
  jpeg += Segment(0xDA, std::string(10, '\x02')) + "scan-data\xFF\xD9";
  auto result = SanitizeImage(jpeg);
  ASSERT_TRUE(result.ok()) << result.error().detail;
  EXPECT_EQ(result->content_type, "image/jpeg");
  EXPECT_EQ(result->bytes.find("GPSLatitude"), std::string::npos);
  EXPECT_EQ(result->bytes.find("rider phone"), std::string::npos);
  EXPECT_NE(result->bytes.find("JFIF"), std::string::npos);
  EXPECT_NE(result->bytes.find("scan-data"), std::string::npos);
}

TEST(SanitizeImage, PngLosesTextAndExifChunks) {
  std::string png("\x89PNG\r\n\x1A\n", 8);
  png += Chunk("IHDR", std::string(13, '\x01'));
  png += Chunk("eXIf", "GPS 39.9");
  png += Chunk("tEXt", std::string("Author\0someone", 14));
  png += Chunk("IDAT", "pixels");
  png += Chunk("IEND", "");
  auto result = SanitizeImage(png);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->content_type, "image/png");
  EXPECT_EQ(result->bytes.find("GPS"), std::string::npos);
  EXPECT_EQ(result->bytes.find("someone"), std::string::npos);
  EXPECT_NE(result->bytes.find("pixels"), std::string::npos);
}

TEST(SanitizeImage, RejectsByContentNotName) {
  EXPECT_FALSE(SanitizeImage("GIF89a....").ok());
  EXPECT_FALSE(SanitizeImage("<svg xmlns='http://www.w3.org/2000/svg'/>").ok());
  EXPECT_FALSE(SanitizeImage(std::string("\xFF\xD8\xFF\xE0\x00\x50", 6)).ok());  // segment past the end
  std::string truncated_png("\x89PNG\r\n\x1A\n", 8);
  truncated_png += Chunk("IHDR", std::string(13, '\x01'));
  EXPECT_FALSE(SanitizeImage(truncated_png).ok());  // no IEND
}

TEST(Thumbnail, ShrinksToAJpegWithinTheEdgeAndRefusesWhatCannotBeDecoded) {
  const std::string photo = PlainJpeg(1200, 600, 200, 80, 40);
  ASSERT_TRUE(SanitizeImage(photo).ok());
  auto thumbnail = MakeThumbnail(photo);
  ASSERT_TRUE(thumbnail.ok()) << thumbnail.error().detail;
  ASSERT_TRUE(SanitizeImage(*thumbnail).ok());
  EXPECT_EQ(thumbnail->substr(0, 2), "\xFF\xD8");
  EXPECT_LT(thumbnail->size(), photo.size());
  // The baseline SOF0 frame header carries the height and width.
  const auto sof = thumbnail->find("\xFF\xC0");
  ASSERT_NE(sof, std::string::npos);
  const auto at = [&](std::size_t i) { return static_cast<unsigned char>((*thumbnail)[sof + i]); };
  EXPECT_EQ(at(5) << 8 | at(6), 160);             // height
  EXPECT_EQ(at(7) << 8 | at(8), kThumbnailEdge);  // width
  // A small photo is never enlarged.
  auto small = MakeThumbnail(PlainJpeg(100, 50, 10, 10, 10));
  ASSERT_TRUE(small.ok());
  const auto small_sof = small->find("\xFF\xC0");
  ASSERT_NE(small_sof, std::string::npos);
  EXPECT_EQ(
      static_cast<unsigned char>((*small)[small_sof + 7]) << 8 | static_cast<unsigned char>((*small)[small_sof + 8]),
      100);
  auto broken = MakeThumbnail(photo.substr(0, 200));
  EXPECT_FALSE(broken.ok());
  EXPECT_FALSE(MakeThumbnail("not an image at all").ok());
}

}  // namespace
}  // namespace youhao::media
