#include "media/image_sanitizer.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "media/thumbnail.h"
#include "media/vips_support.h"

namespace youhao::media {
namespace {

// Real images made with libvips, then given the metadata phones and editors write, by hand: what
// matters is that none of it survives, checked on the bytes that would be stored.

std::string Segment(unsigned char marker, std::string_view payload) {
  std::string out = {'\xFF', static_cast<char>(marker)};
  const std::size_t length = payload.size() + 2;
  out += static_cast<char>(length >> 8);
  out += static_cast<char>(length & 0xFF);
  out += payload;
  return out;
}

std::uint32_t Crc32(std::string_view bytes) {
  std::uint32_t crc = 0xFFFFFFFFU;
  for (char c : bytes) {
    crc ^= static_cast<unsigned char>(c);
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320U & (0U - (crc & 1U)));
  }
  return ~crc;
}

std::string Chunk(std::string_view type, std::string_view data) {
  std::string out;
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>(data.size() >> shift);
  const std::string body = std::string(type) + std::string(data);
  out += body;
  const std::uint32_t crc = Crc32(body);
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>(crc >> shift);
  return out;
}

/// A `width`×`height` image of a gradient, encoded by `save` (a vips_*save_buffer call).
template <typename Save>
std::string Encode(int width, int height, int bands, Save save) {
  StartVips();
  std::string pixels(
      static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * static_cast<std::size_t>(bands), '\0');
  for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<char>(i * 7 % 251);
  VipsHandle image(vips_image_new_from_memory(pixels.data(), pixels.size(), width, height, bands, VIPS_FORMAT_UCHAR));
  void* buffer = nullptr;
  std::size_t length = 0;
  EXPECT_EQ(save(image.get(), &buffer, &length), 0) << vips_error_buffer();
  std::string out(static_cast<const char*>(buffer), length);
  g_free(buffer);
  return out;
}

struct Size {
  int width = 0, height = 0;
};

Size SizeOf(const std::string& bytes) {
  VipsHandle image(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr));
  if (image == nullptr) return {};
  return {vips_image_get_width(image.get()), vips_image_get_height(image.get())};
}

constexpr std::string_view kGps = "GPSLatitude 39.99 N GPSLongitude 116.33 E";

void ExpectNoTrace(const SanitizedImage& image) {
  for (std::string_view trace :
       {kGps.substr(0, 11), std::string_view("Exif"), std::string_view("MPF"), std::string_view("rider phone"),
        std::string_view("prVt"), std::string_view("XMP"), std::string_view("x:xmpmeta")}) {
    EXPECT_EQ(image.bytes.find(trace), std::string::npos) << trace;
  }
}

TEST(SanitizeImage, JpegIsRebuiltWithoutExifMpfCommentsOrAnAppendedImage) {
  const std::string base = PlainJpeg(64, 48, 200, 80, 40);
  std::string jpeg = base.substr(0, 2);
  jpeg += Segment(0xE1, std::string("Exif\0\0", 6) + std::string(kGps));
  jpeg += Segment(0xE2, std::string("MPF\0", 4) + "MM\0*index of a second image");
  jpeg += Segment(0xFE, "shot on rider phone");
  jpeg += base.substr(2);
  // A second image with its own GPS after the end-of-image marker, as some phones append.
  jpeg += base.substr(0, 2) + Segment(0xE1, std::string("Exif\0\0", 6) + std::string(kGps)) + base.substr(2);
  auto result = SanitizeImage(jpeg);
  ASSERT_TRUE(result.ok()) << result.error().detail;
  EXPECT_EQ(result->content_type, "image/jpeg");
  ExpectNoTrace(*result);
  EXPECT_EQ(result->bytes.find("\xFF\xD8\xFF", 1), std::string::npos) << "one image only";
  EXPECT_EQ(SizeOf(result->bytes).width, 64);
}

TEST(SanitizeImage, ProgressiveJpegLosesMetadataBetweenScans) {
  const std::string progressive = Encode(96, 64, 3, [](VipsImage* image, void** buffer, std::size_t* length) {
    return vips_jpegsave_buffer(image, buffer, length, "interlace", TRUE, nullptr);
  });
  const auto first_scan = progressive.find("\xFF\xDA");
  const auto second_scan = progressive.find("\xFF\xDA", first_scan + 2);
  ASSERT_NE(second_scan, std::string::npos) << "a progressive JPEG has several scans";
  std::string jpeg = progressive.substr(0, second_scan) +
                     Segment(0xE1, std::string("Exif\0\0", 6) + std::string(kGps)) +
                     Segment(0xFE, "shot on rider phone") + progressive.substr(second_scan);
  auto result = SanitizeImage(jpeg);
  ASSERT_TRUE(result.ok()) << result.error().detail;
  ExpectNoTrace(*result);
}

TEST(SanitizeImage, PngKeepsOnlyThePicture) {
  const std::string base = Encode(40, 30, 4, [](VipsImage* image, void** buffer, std::size_t* length) {
    return vips_pngsave_buffer(image, buffer, length, nullptr);
  });
  const auto end = base.rfind("IEND") - 4;  // the chunk begins with its length
  const std::string png = base.substr(0, end) + Chunk("eXIf", std::string("MM\0*", 4) + std::string(kGps)) +
                          Chunk("tEXt", std::string("Comment\0shot on rider phone", 27)) +
                          Chunk("prVt", std::string(kGps)) + base.substr(end);
  auto result = SanitizeImage(png);
  ASSERT_TRUE(result.ok()) << result.error().detail;
  EXPECT_EQ(result->content_type, "image/png");
  ExpectNoTrace(*result);
  EXPECT_EQ(SizeOf(result->bytes).width, 40);
}

TEST(SanitizeImage, WebpLosesXmpAndIsStoredAsJpeg) {
  const std::string xmp = "<x:xmpmeta xmlns:x='adobe:ns:meta/'>" + std::string(kGps) + "</x:xmpmeta>";
  const std::string webp = Encode(32, 32, 3, [&xmp](VipsImage* image, void** buffer, std::size_t* length) {
    vips_image_set_blob_copy(image, "xmp-data", xmp.data(), xmp.size());
    return vips_webpsave_buffer(image, buffer, length, nullptr);
  });
  ASSERT_NE(webp.find("GPSLatitude"), std::string::npos) << "the input carries the XMP";
  auto result = SanitizeImage(webp);
  ASSERT_TRUE(result.ok()) << result.error().detail;
  EXPECT_EQ(result->content_type, "image/jpeg");
  ExpectNoTrace(*result);
}

TEST(SanitizeImage, TurnsThePhotoUprightAndShrinksItToTheEdge) {
  const std::string rotated = Encode(300, 100, 3, [](VipsImage* image, void** buffer, std::size_t* length) {
    vips_image_set_int(image, "orientation", 6);  // "turn 90° clockwise to view"
    return vips_jpegsave_buffer(image, buffer, length, nullptr);
  });
  auto upright = SanitizeImage(rotated);
  ASSERT_TRUE(upright.ok()) << upright.error().detail;
  EXPECT_EQ(SizeOf(upright->bytes).width, 100);
  EXPECT_EQ(SizeOf(upright->bytes).height, 300);
  auto large = SanitizeImage(PlainJpeg(3000, 1000, 10, 120, 200));
  ASSERT_TRUE(large.ok()) << large.error().detail;
  EXPECT_EQ(SizeOf(large->bytes).width, kMaxPhotoEdge);
}

TEST(SanitizeImage, RefusesTruncatedOversizedAndForeignFiles) {
  const std::string photo = Encode(256, 256, 3, [](VipsImage* image, void** buffer, std::size_t* length) {
    return vips_jpegsave_buffer(image, buffer, length, "Q", 95, nullptr);
  });
  EXPECT_TRUE(SanitizeImage(photo).ok());
  EXPECT_FALSE(SanitizeImage(photo.substr(0, photo.size() / 2)).ok()) << "cut off in its image data";
  // A PNG that claims 20000×20000 pixels is refused from its header alone.
  std::string ihdr;
  for (std::uint32_t value : {20000U, 20000U}) {
    for (int shift = 24; shift >= 0; shift -= 8) ihdr += static_cast<char>(value >> shift);
  }
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);
  const std::string bomb = std::string("\x89PNG\r\n\x1A\n", 8) + Chunk("IHDR", ihdr) + Chunk("IEND", "");
  EXPECT_FALSE(SanitizeImage(bomb).ok());
  EXPECT_FALSE(SanitizeImage("GIF89a....").ok());
  EXPECT_FALSE(SanitizeImage("<svg xmlns='http://www.w3.org/2000/svg'/>").ok());
  EXPECT_FALSE(SanitizeImage(std::string("\xFF\xD8\xFF\xE0\x00\x50", 6)).ok());
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
