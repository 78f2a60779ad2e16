#pragma once
/// Internal to the address module: the normalised code-point form that the parser and the
/// compound matcher both read, and the small character classes they share.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "address/address_parser.h"

namespace youhao::address::detail {

/// Normalised text in a fixed buffer: half-width upper-case ASCII letters and digits, the
/// separators '-' '#' '/' '_', single spaces where spaces, punctuation, emoji or symbols were
/// (never leading or trailing), and every other character (Han, other scripts) as is.
struct NormalizedText {
  std::array<char32_t, kMaxAddressCodePoints> chars;
  std::size_t size = 0;
  /// True when the text had more than kMaxAddressCodePoints normalised code points.
  bool truncated = false;

  /// The code point at `i`, or 0 past the end.
  char32_t At(std::size_t i) const { return i < size ? chars[i] : U'\0'; }
};

/// Normalises UTF-8 `text` into `out`; false (and `out` unusable) when `text` is not well-formed
/// UTF-8 anywhere, including past the part that was kept.
bool Normalize(std::string_view text, NormalizedText& out);

/// Appends `c` as UTF-8.
void AppendUtf8(std::string& out, char32_t c);

/// Writes `c` as UTF-8 to `out` (room for 4 bytes); returns the number of bytes written.
inline std::size_t EncodeUtf8(char32_t c, char* out) {
  if (c < 0x80) {
    out[0] = static_cast<char>(c);
    return 1;
  }
  if (c < 0x800) {
    out[0] = static_cast<char>(0xC0 | (c >> 6));
    out[1] = static_cast<char>(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (c >> 12));
    out[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (c >> 18));
  out[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (c & 0x3F));
  return 4;
}

/// The comparison key of a name: the normalised text without spaces and separators. Empty when
/// `text` is not well-formed UTF-8.
std::u32string MatchKey(std::string_view text);

inline bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
inline bool IsUpper(char32_t c) { return c >= U'A' && c <= U'Z'; }
inline bool IsAsciiAlnum(char32_t c) { return IsDigit(c) || IsUpper(c); }
inline bool IsSeparator(char32_t c) { return c == U'-' || c == U'#' || c == U'/' || c == U'_'; }
/// Text proper: anything that is not ASCII, not a space and not the end (Han characters mostly).
inline bool IsWordCharacter(char32_t c) { return c >= 0x80; }

/// 〇/零 -> 0, 一/壹 -> 1, 二/两/贰/貳 -> 2 … 九/玖 -> 9 (the financial forms too); -1 for anything else.
constexpr int NumeralDigit(char32_t c) {
  switch (c) {
    case U'〇':
    case U'零':
      return 0;
    case U'一':
    case U'壹':
      return 1;
    case U'二':
    case U'两':
    case U'贰':
    case U'貳':
      return 2;
    case U'三':
    case U'叁':
    case U'參':
      return 3;
    case U'四':
    case U'肆':
      return 4;
    case U'五':
    case U'伍':
      return 5;
    case U'六':
    case U'陆':
    case U'陸':
      return 6;
    case U'七':
    case U'柒':
      return 7;
    case U'八':
    case U'捌':
      return 8;
    case U'九':
    case U'玖':
      return 9;
    default:
      return -1;
  }
}

/// 十/拾 -> 10, 百/佰 -> 100, 千/仟 -> 1000; 0 for anything else.
constexpr int NumeralUnit(char32_t c) {
  switch (c) {
    case U'十':
    case U'拾':
      return 10;
    case U'百':
    case U'佰':
      return 100;
    case U'千':
    case U'仟':
      return 1000;
    default:
      return 0;
  }
}

inline bool IsNumeral(char32_t c) { return c >= U'〇' && (NumeralDigit(c) >= 0 || NumeralUnit(c) > 0); }

/// Places at a compound that are instructions, not part of its name ("华清嘉园东门").
inline constexpr std::array<std::u32string_view, 28> kPlaceNotes = {
    U"地下停车场", U"菜鸟驿站", U"地下车库", U"物业办公室", U"丰巢柜", U"快递柜", U"门卫室",
    U"传达室",     U"收发室",   U"保安室",   U"停车场",     U"丰巢",   U"驿站",   U"车库",
    U"门卫",       U"门口",     U"东门",     U"西门",       U"南门",   U"北门",   U"正门",
    U"大门",       U"侧门",     U"后门",     U"物业",       U"前台",   U"底商",   U"快递点"};

/// Chinese numeral text for 1..99 ("一", "十", "十二", "二十三"); the digits otherwise.
std::string ChineseNumber(int number);

}  // namespace youhao::address::detail
