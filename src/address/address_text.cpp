#include "address/address_text.h"

#include "core/text.h"

namespace youhao::address::detail {

namespace {

constexpr char32_t kSpace = U' ';
/// Marks a code point that disappears without leaving a space (zero-width, variation selectors).
constexpr char32_t kDropped = 0xFFFFFFFF;

bool IsDash(char32_t c) {
  return (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 || c == 0xFE63 || c == 0x30FC;
}

/// One decoded code point mapped to its normalised form: a kept character, kSpace or kDropped.
char32_t NormalizeCodePoint(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII
  if (c < 0x80) {
    if (c >= U'a' && c <= U'z') return c - U'a' + U'A';
    if (IsAsciiAlnum(c) || IsSeparator(c)) return c;
    return kSpace;
  }
  if (IsDash(c)) return U'-';
  if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || (c >= 0xFE00 && c <= 0xFE0F) ||
      (c >= 0xE0000 && c <= 0xE007F) || c == 0x00AD) {
    return kDropped;
  }
  if (c <= 0xBF) return kSpace;                                  // Latin-1 punctuation and symbols
  if (c >= 0x2000 && c <= 0x2BFF) return kSpace;                 // general punctuation, arrows, shapes
  if (c >= 0x3000 && c <= 0x303F && c != 0x3007) return kSpace;  // CJK punctuation (but 〇)
  if (c >= 0xFE10 && c <= 0xFE6F) return kSpace;                 // vertical, compatibility and small forms
  if (c >= 0xFF00 && c <= 0xFFEF) return kSpace;                 // the rest of the half/full-width block
  if (c >= 0xE000 && c <= 0xF8FF) return kSpace;                 // private use
  if (c >= 0x1F000 && c <= 0x1FAFF) return kSpace;               // emoji and pictographs
  return c;
}

}  // namespace

bool Normalize(std::string_view text, NormalizedText& out) {
  out.size = 0;
  out.truncated = false;
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    const unsigned char lead = bytes[i];
    char32_t c = lead;
    if (lead < 0x80) {
      i += 1;
    } else {
      // Decoding with the checks of core::IsValidUtf8: no overlongs, surrogates or values above U+10FFFF.
      std::size_t continuation = 0;
      unsigned int min_second = 0x80;
      unsigned int max_second = 0xBF;
      if (lead >= 0xC2 && lead <= 0xDF) {
        continuation = 1;
        c = lead & 0x1F;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        continuation = 2;
        c = lead & 0x0F;
        if (lead == 0xE0) min_second = 0xA0;
        if (lead == 0xED) max_second = 0x9F;
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        continuation = 3;
        c = lead & 0x07;
        if (lead == 0xF0) min_second = 0x90;
        if (lead == 0xF4) max_second = 0x8F;
      } else {
        return false;
      }
      if (i + continuation >= size) return false;
      if (bytes[i + 1] < min_second || bytes[i + 1] > max_second) return false;
      for (std::size_t k = 1; k <= continuation; ++k) {
        if ((bytes[i + k] & 0xC0) != 0x80) return false;
        c = (c << 6) | (bytes[i + k] & 0x3F);
      }
      i += continuation + 1;
    }
    // Most of an address is CJK ideographs, kept as they are.
    const char32_t normalized = (c >= 0x4E00 && c <= 0x9FFF) ? c : NormalizeCodePoint(c);
    if (normalized == kDropped) continue;
    if (normalized == kSpace && (out.size == 0 || out.chars[out.size - 1] == kSpace)) continue;
    if (out.size == out.chars.size()) {
      out.truncated = true;
      return core::IsValidUtf8(text.substr(i - (c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4)));
    }
    out.chars[out.size++] = normalized;
  }
  if (out.size > 0 && out.chars[out.size - 1] == kSpace) --out.size;
  return true;
}

void AppendUtf8(std::string& out, char32_t c) {
  std::array<char, 4> buffer;
  out.append(buffer.data(), EncodeUtf8(c, buffer.data()));
}

std::u32string MatchKey(std::string_view text) {
  std::u32string key;
  NormalizedText normalized;
  if (!Normalize(text, normalized)) return key;
  key.reserve(normalized.size);
  for (std::size_t i = 0; i < normalized.size; ++i) {
    const char32_t c = normalized.chars[i];
    if (c != kSpace && !IsSeparator(c)) key += c;
  }
  return key;
}

std::string ChineseNumber(int number) {
  static constexpr std::string_view kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (number < 1 || number > 99) return std::to_string(number);
  std::string text;
  const int tens = number / 10;
  const int ones = number % 10;
  if (tens > 1) text += kDigits[tens];
  if (tens > 0) text += "十";
  if (ones > 0) text += kDigits[ones];
  return text;
}

}  // namespace youhao::address::detail
