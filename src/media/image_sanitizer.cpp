#include "media/image_sanitizer.h"

#include <cstdint>

namespace youhao::media {

namespace {

core::Error NotAnImage(std::string_view why) {
  return core::MakeError(core::ErrorCode::kValidationFailed,
                         "the photo must be a JPEG, PNG or WebP image: " + std::string(why));
}

std::uint32_t Big32(std::string_view bytes, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at])) << 24 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 2])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 3]));
}

std::uint32_t Little32(std::string_view bytes, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 3])) << 24;
}

void PutLittle32(std::string& out, std::size_t at, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out[at + static_cast<std::size_t>(i)] = static_cast<char>(value >> (8 * i));
}

core::Result<SanitizedImage> Jpeg(std::string_view in) {
  std::string out = "\xFF\xD8";
  std::size_t at = 2;
  while (true) {
    if (at + 4 > in.size() || static_cast<unsigned char>(in[at]) != 0xFF) return NotAnImage("broken JPEG segment");
    const auto marker = static_cast<unsigned char>(in[at + 1]);
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0xD9) return NotAnImage("JPEG without image data");
    const std::size_t length = static_cast<unsigned char>(in[at + 2]) * 256u + static_cast<unsigned char>(in[at + 3]);
    if (length < 2 || at + 2 + length > in.size()) return NotAnImage("JPEG segment past the end");
    if (marker == 0xDA) {  // start of scan: the rest is entropy-coded image data
      out.append(in.substr(at));
      return SanitizedImage{"image/jpeg", std::move(out)};
    }
    // Keep JFIF (APP0), ICC colour profiles (APP2) and Adobe colour info (APP14); drop EXIF/XMP
    // (APP1), IPTC (APP13), other application data and comments.
    const bool metadata = (marker >= 0xE1 && marker <= 0xEF && marker != 0xE2 && marker != 0xEE) || marker == 0xFE;
    if (!metadata) out.append(in.substr(at, 2 + length));
    at += 2 + length;
  }
}

core::Result<SanitizedImage> Png(std::string_view in) {
  std::string out(in.substr(0, 8));
  std::size_t at = 8;
  bool saw_end = false;
  while (at + 12 <= in.size()) {
    const std::uint32_t length = Big32(in, at);
    if (length > in.size() || at + 12 + length > in.size()) return NotAnImage("PNG chunk past the end");
    const std::string_view type = in.substr(at + 4, 4);
    const bool metadata = type == "eXIf" || type == "tEXt" || type == "zTXt" || type == "iTXt" || type == "tIME";
    if (!metadata) out.append(in.substr(at, 12 + length));
    at += 12 + length;
    if (type == "IEND") {
      saw_end = true;
      break;
    }
  }
  if (!saw_end) return NotAnImage("PNG without IEND");
  return SanitizedImage{"image/png", std::move(out)};
}

core::Result<SanitizedImage> Webp(std::string_view in) {
  std::string out(in.substr(0, 12));
  std::size_t at = 12;
  std::size_t vp8x_flags_at = std::string::npos;
  while (at + 8 <= in.size()) {
    const std::uint32_t length = Little32(in, at + 4);
    const std::size_t padded = length + (length & 1u);
    if (length > in.size() || at + 8 + padded > in.size() + (length & 1u)) return NotAnImage("WebP chunk past the end");
    const std::string_view type = in.substr(at, 4);
    if (type != "EXIF" && type != "XMP ") {
      if (type == "VP8X" && length >= 4) vp8x_flags_at = out.size() + 8;
      out.append(in.substr(at, std::min(8 + padded, in.size() - at)));
    }
    at += 8 + padded;
  }
  if (out.size() <= 12) return NotAnImage("WebP without image data");
  if (vp8x_flags_at != std::string::npos) out[vp8x_flags_at] = static_cast<char>(out[vp8x_flags_at] & ~0x0C);
  PutLittle32(out, 4, static_cast<std::uint32_t>(out.size() - 8));
  return SanitizedImage{"image/webp", std::move(out)};
}

}  // namespace

core::Result<SanitizedImage> SanitizeImage(std::string_view bytes) {
  if (bytes.size() >= 4 && bytes.substr(0, 3) == "\xFF\xD8\xFF") return Jpeg(bytes);
  if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1A\n", 8)) return Png(bytes);
  if (bytes.size() >= 16 && bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "WEBP") return Webp(bytes);
  return NotAnImage("unrecognised content");
}

}  // namespace youhao::media
