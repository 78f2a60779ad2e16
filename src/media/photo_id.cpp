#include "media/photo_id.h"

#include <algorithm>

#include "core/random.h"

namespace youhao::media {

std::string NewPhotoId() { return core::RandomToken(kPhotoIdBytes); }

bool IsPhotoId(std::string_view text) {
  return text.size() == kPhotoIdLength && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
         });
}

}  // namespace youhao::media
