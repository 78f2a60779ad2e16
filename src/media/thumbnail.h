#pragma once
/// Thumbnails of uploaded photos (libvips): small JPEGs for lists and timelines on weak networks.

#include <string>
#include <string_view>

#include "core/error.h"

namespace youhao::media {

/// The longer side of a thumbnail, in pixels.
inline constexpr int kThumbnailEdge = 320;

/// A JPEG of `image` (already sanitized: JPEG, PNG or WebP) shrunk to fit kThumbnailEdge, never
/// enlarged, transparency flattened onto white, without metadata. Errors: validation_failed when
/// the image cannot be decoded.
core::Result<std::string> MakeThumbnail(std::string_view image);

/// A plain JPEG of one colour with a lighter band across it (demo photos and tests).
std::string PlainJpeg(int width, int height, unsigned char red, unsigned char green, unsigned char blue);

}  // namespace youhao::media
