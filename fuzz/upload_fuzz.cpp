// libFuzzer target: the upload path of every photo route (reports, places, maps):
// media::SanitizeUpload with the declared Content-Type and the body, then the thumbnail the report
// route makes of what it stores. The input is the declared type, a newline, then the body; an input
// without a newline is a body sent without a type.
//
// Whatever is accepted must be what the routes store: a JPEG or a PNG as its content type says,
// one image within the edge, with no segment or chunk that can carry metadata, that passes the
// upload path again as the same kind and has a thumbnail. Whatever is refused is refused as
// unsupported_media_type or validation_failed, never otherwise.

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "media/image_sanitizer.h"
#include "media/thumbnail.h"

namespace {

using youhao::core::ErrorCode;

// A smaller pixel limit than the server's keeps every run far below libFuzzer's timeout under
// the sanitizers; the limit itself is tested in image_sanitizer_test.cpp.
constexpr long long kFuzzMaxPixels = 4'000'000;

void Check(bool condition, const char* what, std::size_t input_size) {
  if (condition) return;
  std::fprintf(stderr, "invariant broken: %s (input of %zu bytes)\n", what, input_size);
  std::abort();
}

unsigned Byte(std::string_view bytes, std::size_t at) { return static_cast<unsigned char>(bytes[at]); }

unsigned BigEndian(std::string_view bytes, std::size_t at, int count) {
  unsigned value = 0;
  for (int i = 0; i < count; ++i) value = value << 8 | Byte(bytes, at + static_cast<std::size_t>(i));
  return value;
}

struct Picture {
  bool well_formed = false;
  unsigned width = 0, height = 0;
};

/// A baseline JPEG as the server writes it: JFIF, tables, one frame and one scan whose entropy-coded
/// data holds only stuffed bytes and restart markers, up to the end-of-image marker that ends the
/// file. Any other segment (EXIF and XMP in APP1, ICC and MPF in APP2, comments, a second image)
/// makes it malformed.
Picture ReadJpeg(std::string_view bytes) {
  Picture picture;
  if (bytes.size() < 4 || Byte(bytes, 0) != 0xFF || Byte(bytes, 1) != 0xD8) return picture;
  std::size_t at = 2;
  bool frame = false;
  while (true) {
    if (at + 4 > bytes.size() || Byte(bytes, at) != 0xFF) return picture;
    const unsigned marker = Byte(bytes, at + 1);
    const std::size_t length = BigEndian(bytes, at + 2, 2);
    if (length < 2 || at + 2 + length > bytes.size()) return picture;
    const std::string_view payload = bytes.substr(at + 4, length - 2);
    if (marker == 0xE0) {
      if (!payload.starts_with(std::string_view("JFIF\0", 5))) return picture;
    } else if (marker == 0xC0 || marker == 0xC1 || marker == 0xC2) {
      if (frame || payload.size() < 5) return picture;
      frame = true;
      picture.height = BigEndian(payload, 1, 2);
      picture.width = BigEndian(payload, 3, 2);
    } else if (marker == 0xDA) {
      at += 2 + length;
      break;
    } else if (marker != 0xDB && marker != 0xC4 && marker != 0xDD) {
      return picture;
    }
    at += 2 + length;
  }
  if (!frame || bytes.size() < at + 2) return picture;
  const std::size_t end = bytes.size() - 2;
  if (Byte(bytes, end) != 0xFF || Byte(bytes, end + 1) != 0xD9) return picture;
  for (std::size_t i = at; i < end; ++i) {
    if (Byte(bytes, i) != 0xFF) continue;
    const unsigned next = Byte(bytes, i + 1);
    if (next != 0x00 && (next < 0xD0 || next > 0xD7)) return picture;
    ++i;
  }
  picture.well_formed = true;
  return picture;
}

/// A PNG as the server writes it: IHDR first, IEND last and at the very end, and between them only
/// chunks of pixels, colour and resolution. Text, EXIF, ICC profiles, times and any private chunk
/// make it malformed.
Picture ReadPng(std::string_view bytes) {
  Picture picture;
  if (!bytes.starts_with(std::string_view("\x89PNG\r\n\x1A\n", 8))) return picture;
  std::size_t at = 8;
  bool first = true;
  while (true) {
    if (at + 12 > bytes.size()) return picture;
    const std::size_t length = BigEndian(bytes, at, 4);
    if (length > bytes.size() - at - 12) return picture;
    const std::string_view type = bytes.substr(at + 4, 4);
    if (first != (type == "IHDR")) return picture;
    if (type == "IHDR") {
      if (length < 8) return picture;
      picture.width = BigEndian(bytes, at + 8, 4);
      picture.height = BigEndian(bytes, at + 12, 4);
    } else if (type == "IEND") {
      picture.well_formed = at + 12 + length == bytes.size();
      return picture;
    } else if (type != "PLTE" && type != "IDAT" && type != "tRNS" && type != "pHYs" && type != "gAMA" &&
               type != "cHRM" && type != "sRGB" && type != "bKGD" && type != "sBIT") {
      return picture;
    }
    first = false;
    at += 12 + length;
  }
}

/// The declared type as the route reads it: before any parameters, trimmed, lower case.
std::string Essence(std::string_view declared) {
  std::string type(declared.substr(0, declared.find(';')));
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto first = type.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return type.substr(first, type.find_last_not_of(" \t") - first + 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace media = youhao::media;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::optional<std::string_view> declared;
  std::string_view body = input;
  if (const auto newline = input.find('\n'); newline != std::string_view::npos) {
    declared = input.substr(0, newline);
    body = input.substr(newline + 1);
  }

  auto stored = media::SanitizeUpload(declared, body, kFuzzMaxPixels);
  if (!stored.ok()) {
    Check(
        stored.error().code == ErrorCode::kUnsupportedMediaType || stored.error().code == ErrorCode::kValidationFailed,
        "a refused upload is unsupported_media_type or validation_failed", size);
    Check(!stored.error().detail.empty(), "a refusal says why", size);
    return 0;
  }

  if (declared) {
    const std::string type = Essence(*declared);
    Check(type.empty() || type.starts_with("image/") || type == "application/octet-stream",
          "only a body declared as an image (or as nothing in particular) is accepted", size);
  }
  Check(body.starts_with("\xFF\xD8\xFF") || body.starts_with(std::string_view("\x89PNG\r\n\x1A\n", 8)) ||
            (body.size() >= 12 && body.starts_with("RIFF") && body.substr(8, 4) == "WEBP"),
        "only a JPEG, PNG or WebP body is accepted", size);

  Picture picture;
  if (stored->content_type == "image/jpeg") {
    picture = ReadJpeg(stored->bytes);
  } else {
    Check(stored->content_type == "image/png", "what is stored is a JPEG or a PNG", size);
    picture = ReadPng(stored->bytes);
  }
  Check(picture.well_formed, "what is stored is one image without metadata, as its content type says", size);
  Check(picture.width >= 1 && picture.height >= 1 && picture.width <= media::kMaxPhotoEdge &&
            picture.height <= media::kMaxPhotoEdge,
        "what is stored fits the edge", size);

  auto again = media::SanitizeUpload(stored->content_type, stored->bytes, kFuzzMaxPixels);
  Check(again.ok(), "what is stored passes the upload path again", size);
  Check(again->content_type == stored->content_type, "and stays the same kind of image", size);
  Check(media::MakeThumbnail(stored->bytes).ok(), "what is stored has a thumbnail", size);
  return 0;
}
