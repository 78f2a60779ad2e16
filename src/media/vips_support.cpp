#include "media/vips_support.h"

#include <mutex>
#include <stdexcept>
#include <string>

namespace youhao::media {

void StartVips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("youhao") != 0) throw std::runtime_error("libvips failed to start");
    // Only the loaders Debian marks trusted (libjpeg, libpng, libwebp among them), one worker
    // thread per call, and no operation cache: each upload is decoded once.
    vips_block_untrusted_set(TRUE);
    vips_concurrency_set(1);
    vips_cache_set_max(0);
  });
}

core::Error VipsError(std::string_view what) {
  std::string why = vips_error_buffer();
  vips_error_clear();
  if (const auto newline = why.find('\n'); newline != std::string::npos) why.resize(newline);
  return core::MakeError(core::ErrorCode::kValidationFailed, std::string(what) + ": " + why);
}

}  // namespace youhao::media
