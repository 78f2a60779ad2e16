#pragma once
/// Base64 (libsodium): the URL-safe unpadded form for keys and credentials in JSON, the
/// standard form for stored binary data.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace youhao::core {

enum class Base64Variant { kUrlSafeNoPadding, kStandard };

std::string Base64Encode(std::span<const unsigned char> bytes,
                         Base64Variant variant = Base64Variant::kUrlSafeNoPadding);
inline std::string Base64Encode(std::string_view bytes, Base64Variant variant = Base64Variant::kUrlSafeNoPadding) {
  return Base64Encode(std::span(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()), variant);
}
/// nullopt unless all of `text` is valid base64 of the variant.
std::optional<std::vector<unsigned char>> Base64Decode(std::string_view text,
                                                       Base64Variant variant = Base64Variant::kUrlSafeNoPadding);

}  // namespace youhao::core
