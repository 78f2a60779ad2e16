#include "media/image_sanitizer.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "media/vips_support.h"

namespace youhao::media {

namespace {

enum class Format { kJpeg, kPng, kWebp };

core::Error NotAnImage(std::string_view why) {
  return core::MakeError(core::ErrorCode::kValidationFailed,
                         "the photo must be a JPEG, PNG or WebP image: " + std::string(why));
}

std::optional<Format> Sniff(std::string_view bytes) {
  if (bytes.size() >= 4 && bytes.substr(0, 3) == "\xFF\xD8\xFF") return Format::kJpeg;
  if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1A\n", 8)) return Format::kPng;
  if (bytes.size() >= 16 && bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "WEBP") return Format::kWebp;
  return std::nullopt;
}

/// Runs a vips operation that makes one image from another; null (with vips's error set) on failure.
template <typename Operation>
VipsHandle Step(VipsImage* in, Operation operation) {
  VipsImage* out = nullptr;
  if (operation(in, &out) != 0) return nullptr;
  return VipsHandle(out);
}

}  // namespace

core::Result<SanitizedImage> SanitizeImage(std::string_view bytes, long long max_pixels) {
  const auto format = Sniff(bytes);
  if (!format) return NotAnImage("unrecognised content");
  StartVips();
  // The loader reads the buffer lazily and never writes to it; it must outlive the pipeline,
  // which it does: everything below finishes inside this call. A truncated file fails the
  // encode, where its pixels are pulled.
  VipsHandle image(
      vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "fail_on", VIPS_FAIL_ON_TRUNCATED, nullptr));
  if (image == nullptr) return VipsError("the photo cannot be decoded");
  const long long area = static_cast<long long>(vips_image_get_width(image.get())) * vips_image_get_height(image.get());
  if (area > max_pixels) return NotAnImage("more than " + std::to_string(max_pixels) + " pixels");

  VipsHandle upright = Step(image.get(), [](VipsImage* in, VipsImage** out) { return vips_autorot(in, out, nullptr); });
  if (upright == nullptr) return VipsError("the photo cannot be decoded");
  VipsHandle current = std::move(upright);
  const int edge = std::max(vips_image_get_width(current.get()), vips_image_get_height(current.get()));
  if (edge > kMaxPhotoEdge) {
    const double scale = static_cast<double>(kMaxPhotoEdge) / edge;
    current =
        Step(current.get(), [scale](VipsImage* in, VipsImage** out) { return vips_resize(in, out, scale, nullptr); });
    if (current == nullptr) return VipsError("the photo cannot be resized");
  }
  // Colours as sRGB: through the embedded profile when there is one (then dropped), else by
  // interpretation (CMYK, grey, 16-bit).
  if (vips_image_get_typeof(current.get(), VIPS_META_ICC_NAME) != 0) {
    current = Step(current.get(), [](VipsImage* in, VipsImage** out) {
      return vips_icc_transform(in, out, "srgb", "embedded", TRUE, "intent", VIPS_INTENT_PERCEPTUAL, nullptr);
    });
  } else {
    current = Step(current.get(), [](VipsImage* in, VipsImage** out) {
      return vips_colourspace(in, out, VIPS_INTERPRETATION_sRGB, nullptr);
    });
  }
  if (current == nullptr) return VipsError("the photo's colours cannot be converted");
  if (vips_image_get_format(current.get()) != VIPS_FORMAT_UCHAR) {
    current = Step(current.get(),
                   [](VipsImage* in, VipsImage** out) { return vips_cast(in, out, VIPS_FORMAT_UCHAR, nullptr); });
    if (current == nullptr) return VipsError("the photo cannot be converted to 8 bits");
  }

  // The pixels alone, in a new image: no field of the upload's metadata can ride along, whatever
  // a saver's idea of "strip".
  std::size_t size = 0;
  void* pixels = vips_image_write_to_memory(current.get(), &size);
  if (pixels == nullptr) return VipsError("the photo cannot be decoded");
  const int width = vips_image_get_width(current.get());
  const int height = vips_image_get_height(current.get());
  const int bands = vips_image_get_bands(current.get());
  VipsHandle rebuilt(vips_image_new_from_memory_copy(pixels, size, width, height, bands, VIPS_FORMAT_UCHAR));
  g_free(pixels);
  if (rebuilt == nullptr) return VipsError("the photo cannot be rebuilt");
  current = Step(rebuilt.get(), [bands](VipsImage* in, VipsImage** out) {
    return vips_copy(in, out, "interpretation", bands >= 3 ? VIPS_INTERPRETATION_sRGB : VIPS_INTERPRETATION_B_W,
                     nullptr);
  });
  if (current == nullptr) return VipsError("the photo cannot be rebuilt");

  void* buffer = nullptr;
  std::size_t length = 0;
  int failed = 0;
  std::string content_type;
  // JPEG and PNG keep their format. A WebP is stored as a JPEG (a PNG when it has transparency):
  // libvips 8.14's WebP saver writes an EXIF chunk of its own even when asked to strip.
  const bool alpha = bands == 2 || bands == 4;
  if (*format == Format::kPng || (*format == Format::kWebp && alpha)) {
    content_type = "image/png";
    failed = vips_pngsave_buffer(current.get(), &buffer, &length, "strip", TRUE, nullptr);
  } else {
    content_type = "image/jpeg";
    failed = vips_jpegsave_buffer(current.get(), &buffer, &length, "Q", 85, "strip", TRUE, nullptr);
  }
  if (failed != 0) return VipsError("the photo cannot be decoded");
  SanitizedImage out{std::move(content_type), std::string(static_cast<const char*>(buffer), length)};
  g_free(buffer);
  return out;
}

core::Result<SanitizedImage> SanitizeUpload(std::optional<std::string_view> declared_type, std::string_view bytes,
                                            long long max_pixels) {
  if (declared_type) {
    std::string type(declared_type->substr(0, declared_type->find(';')));
    std::transform(type.begin(), type.end(), type.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    type.erase(0, type.find_first_not_of(" \t"));
    type.erase(type.find_last_not_of(" \t") + 1);
    if (!type.empty() && !type.starts_with("image/") && type != "application/octet-stream") {
      return core::MakeError(core::ErrorCode::kUnsupportedMediaType,
                             "send the photo as image/jpeg, image/png or image/webp");
    }
  }
  return SanitizeImage(bytes, max_pixels);
}

}  // namespace youhao::media
