#pragma once
/// Uploaded photos: recognised by their bytes (JPEG, PNG, WebP), never by name or declared
/// type, and stripped of metadata (EXIF with GPS, XMP, IPTC, text chunks) before storage.

#include <string>
#include <string_view>

#include "core/error.h"

namespace youhao::media {

struct SanitizedImage {
  std::string content_type;
  std::string bytes;
};

/// Errors: validation_failed for anything that is not a well-formed JPEG, PNG or WebP.
core::Result<SanitizedImage> SanitizeImage(std::string_view bytes);

}  // namespace youhao::media
