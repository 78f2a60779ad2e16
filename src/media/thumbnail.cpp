#include "media/thumbnail.h"

#include <stdexcept>

#include "media/vips_support.h"

namespace youhao::media {

core::Result<std::string> MakeThumbnail(std::string_view image) {
  StartVips();
  VipsImage* thumbnail = nullptr;
  // vips reads the buffer without writing to it.
  if (vips_thumbnail_buffer(const_cast<char*>(image.data()), image.size(), &thumbnail, kThumbnailEdge, "height",
                            kThumbnailEdge, "size", VIPS_SIZE_DOWN, nullptr) != 0) {
    return VipsError("the photo cannot be decoded");
  }
  if (vips_image_hasalpha(thumbnail)) {
    VipsImage* flat = nullptr;
    VipsArrayDouble* white = vips_array_double_newv(1, 255.0);
    const int failed = vips_flatten(thumbnail, &flat, "background", white, nullptr);
    vips_area_unref(VIPS_AREA(white));
    g_object_unref(thumbnail);
    if (failed != 0) return VipsError("the photo cannot be decoded");
    thumbnail = flat;
  }
  void* buffer = nullptr;
  std::size_t length = 0;
  const int failed = vips_jpegsave_buffer(thumbnail, &buffer, &length, "Q", 75, "strip", TRUE, nullptr);
  g_object_unref(thumbnail);
  if (failed != 0) return VipsError("the photo cannot be decoded");
  std::string out(static_cast<const char*>(buffer), length);
  g_free(buffer);
  return out;
}

std::string PlainJpeg(int width, int height, unsigned char red, unsigned char green, unsigned char blue) {
  StartVips();
  std::string pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3, '\0');
  for (int y = 0; y < height; ++y) {
    const bool band = y > height / 3 && y < height / 2;
    for (int x = 0; x < width; ++x) {
      const std::size_t at =
          (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 3;
      pixels[at] = static_cast<char>(band ? 230 : red);
      pixels[at + 1] = static_cast<char>(band ? 230 : green);
      pixels[at + 2] = static_cast<char>(band ? 230 : blue);
    }
  }
  VipsImage* image = vips_image_new_from_memory(pixels.data(), pixels.size(), width, height, 3, VIPS_FORMAT_UCHAR);
  if (image == nullptr) throw std::runtime_error("libvips could not wrap the pixels");
  void* buffer = nullptr;
  std::size_t length = 0;
  const int failed = vips_jpegsave_buffer(image, &buffer, &length, "Q", 80, nullptr);
  g_object_unref(image);
  if (failed != 0) throw std::runtime_error("libvips could not encode a JPEG");
  std::string out(static_cast<const char*>(buffer), length);
  g_free(buffer);
  return out;
}

}  // namespace youhao::media
