#pragma once
/// Uploaded photos, rebuilt from their pixels: recognised by their bytes (JPEG, PNG, WebP), never
/// by name or declared type, decoded in full by libvips (a truncated or undecodable image is
/// refused), turned upright, converted to sRGB, shrunk to at most kMaxPhotoEdge pixels, copied
/// as bare pixels into a new image and encoded anew without any metadata (JPEG stays JPEG, PNG
/// stays PNG, WebP becomes JPEG, or PNG when it has transparency). Nothing of the upload survives
/// but its picture: no EXIF (GPS), XMP, IPTC, comments, MPF indexes, appended images or private
/// chunks.

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace youhao::media {

/// The longer side of a stored photo, in pixels: sharp on any phone, light on weak networks.
inline constexpr int kMaxPhotoEdge = 2048;
/// Larger images are refused before their pixels are decoded (decompression bombs).
inline constexpr long long kMaxPhotoPixels = 50'000'000;

struct SanitizedImage {
  std::string content_type;
  std::string bytes;
};

/// Errors: validation_failed for anything that is not a whole, decodable JPEG, PNG or WebP
/// image of at most `max_pixels` pixels.
core::Result<SanitizedImage> SanitizeImage(std::string_view bytes, long long max_pixels = kMaxPhotoPixels);

/// The upload path of every photo route (reports, places, maps): the body as sent with its
/// declared Content-Type (nullopt when none), turned into the image that is stored. A body declared
/// as something other than an image is refused by its type (`application/octet-stream` claims
/// nothing and is judged by its content, as a missing type is); one declared as an image is then
/// judged by its bytes alone (SanitizeImage). Errors: unsupported_media_type for the type;
/// validation_failed for the bytes.
core::Result<SanitizedImage> SanitizeUpload(std::optional<std::string_view> declared_type, std::string_view bytes,
                                            long long max_pixels = kMaxPhotoPixels);

}  // namespace youhao::media
