#include "core/base64.h"

#include <sodium.h>

#include <cstring>

namespace youhao::core {

namespace {
int SodiumVariant(Base64Variant variant) {
  return variant == Base64Variant::kStandard ? sodium_base64_VARIANT_ORIGINAL
                                             : sodium_base64_VARIANT_URLSAFE_NO_PADDING;
}
}  // namespace

std::string Base64Encode(std::span<const unsigned char> bytes, Base64Variant variant) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), SodiumVariant(variant)), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), SodiumVariant(variant));
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::optional<std::vector<unsigned char>> Base64Decode(std::string_view text, Base64Variant variant) {
  std::vector<unsigned char> out(text.size());
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, &end,
                        SodiumVariant(variant)) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

}  // namespace youhao::core
