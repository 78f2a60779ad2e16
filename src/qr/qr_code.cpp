#include "qr/qr_code.h"

#include <qrencode.h>
#include <zlib.h>

#include <fmt/format.h>

#include <memory>
#include <vector>

namespace youhao::qr {

namespace {

constexpr int kQuietZone = 4;

struct QrDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

void PutBig32(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>(value >> shift);
}

void PutChunk(std::string& out, std::string_view type, std::string_view data) {
  PutBig32(out, static_cast<std::uint32_t>(data.size()));
  std::string typed(type);
  typed += data;
  out += typed;
  PutBig32(out, static_cast<std::uint32_t>(
                    crc32(0, reinterpret_cast<const Bytef*>(typed.data()), static_cast<uInt>(typed.size()))));
}

std::string Svg(const QRcode& code, int pixels) {
  const int size = code.width + 2 * kQuietZone;
  std::string path;
  for (int y = 0; y < code.width; ++y) {
    for (int x = 0; x < code.width; ++x) {
      if (code.data[y * code.width + x] & 1) path += fmt::format("M{} {}h1v1h-1z", x + kQuietZone, y + kQuietZone);
    }
  }
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {0}\" width=\"{1}\" height=\"{1}\" "
      "shape-rendering=\"crispEdges\">"
      "<rect width=\"{0}\" height=\"{0}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{2}\"/></svg>",
      size, size * pixels, path);
}

std::string Png(const QRcode& code, int pixels) {
  const int side = (code.width + 2 * kQuietZone) * pixels;
  std::string raw;
  raw.reserve(static_cast<std::size_t>(side) * (side + 1));
  for (int py = 0; py < side; ++py) {
    raw += '\0';  // filter type: none
    const int y = py / pixels - kQuietZone;
    for (int px = 0; px < side; ++px) {
      const int x = px / pixels - kQuietZone;
      const bool dark = x >= 0 && y >= 0 && x < code.width && y < code.width && (code.data[y * code.width + x] & 1);
      raw += dark ? '\0' : '\xFF';
    }
  }
  uLongf compressed_size = compressBound(static_cast<uLong>(raw.size()));
  std::string compressed(compressed_size, '\0');
  compress2(reinterpret_cast<Bytef*>(compressed.data()), &compressed_size, reinterpret_cast<const Bytef*>(raw.data()),
            static_cast<uLong>(raw.size()), 9);
  compressed.resize(compressed_size);
  std::string png("\x89PNG\r\n\x1A\n", 8);
  std::string header;
  PutBig32(header, static_cast<std::uint32_t>(side));
  PutBig32(header, static_cast<std::uint32_t>(side));
  header += std::string("\x08\x00\x00\x00\x00", 5);  // 8-bit greyscale, deflate, no interlace
  PutChunk(png, "IHDR", header);
  PutChunk(png, "IDAT", compressed);
  PutChunk(png, "IEND", "");
  return png;
}

}  // namespace

core::Result<std::string> Render(std::string_view text, ImageFormat format, int pixels_per_module) {
  if (text.empty() || text.size() > kMaxTextBytes) {
    return core::MakeError(core::ErrorCode::kValidationFailed,
                           fmt::format("the text must have 1 to {} bytes", kMaxTextBytes));
  }
  if (text.find('\0') != std::string_view::npos)
    return core::MakeError(core::ErrorCode::kValidationFailed, "the text contains NUL");
  if (pixels_per_module < 1 || pixels_per_module > 32) pixels_per_module = 8;
  const std::string terminated(text);
  std::unique_ptr<QRcode, QrDeleter> code(QRcode_encodeString(terminated.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!code) return core::MakeError(core::ErrorCode::kValidationFailed, "the text does not fit in a QR code");
  return format == ImageFormat::kSvg ? Svg(*code, pixels_per_module) : Png(*code, pixels_per_module);
}

}  // namespace youhao::qr
