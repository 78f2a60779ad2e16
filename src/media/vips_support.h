#pragma once
/// libvips for this module: started once, safe defaults, errors as values.

#include <vips/vips.h>

#include <memory>

#include "core/error.h"

namespace youhao::media {

/// Starts libvips once per process: trusted loaders only, one thread per call, no cache.
void StartVips();

/// validation_failed with vips's first error line, which it then clears.
core::Error VipsError(std::string_view what);

struct VipsUnref {
  void operator()(VipsImage* image) const {
    if (image != nullptr) g_object_unref(image);
  }
};
using VipsHandle = std::unique_ptr<VipsImage, VipsUnref>;

}  // namespace youhao::media
