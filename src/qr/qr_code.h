#pragma once
/// QR codes rendered on the server (libqrencode) as SVG and PNG: for printed signs and for
/// clients that cannot draw one themselves.

#include <string>
#include <string_view>

#include "core/error.h"

namespace youhao::qr {

enum class ImageFormat { kSvg, kPng };

/// Longest text accepted, in bytes.
inline constexpr std::size_t kMaxTextBytes = 1024;

/// Renders `text` with error correction M and a 4-module quiet zone. Text made only of the
/// alphanumeric-mode characters (upper case, digits, " $%*+-./:") is encoded in that denser
/// mode. Errors: validation_failed (empty, too long, not encodable).
core::Result<std::string> Render(std::string_view text, ImageFormat format, int pixels_per_module = 8);

}  // namespace youhao::qr
