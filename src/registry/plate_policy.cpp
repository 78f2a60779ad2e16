#include "registry/plate_policy.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace youhao::registry {

namespace {

/// The one-character abbreviations of the 31 mainland provinces, regions and municipalities.
constexpr std::u32string_view kProvinces = U"京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

/// Separators people type inside a plate: the plate's own dot, bullets, spaces and dashes.
constexpr std::u32string_view kSeparators = U" \t\u00B7\u2022\u30FB\u3000.-";

/// The code points of `text`, or nullopt when it is not valid UTF-8.
std::optional<std::u32string> Decode(std::string_view text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    int length = 0;
    char32_t point = 0;
    if (byte < 0x80) {
      length = 1;
      point = byte;
    } else if ((byte & 0xE0) == 0xC0) {
      length = 2;
      point = byte & 0x1F;
    } else if ((byte & 0xF0) == 0xE0) {
      length = 3;
      point = byte & 0x0F;
    } else if ((byte & 0xF8) == 0xF0) {
      length = 4;
      point = byte & 0x07;
    } else {
      return std::nullopt;
    }
    if (i + static_cast<std::size_t>(length) > text.size()) return std::nullopt;
    for (int k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      point = (point << 6) | (next & 0x3F);
    }
    out.push_back(point);
    i += static_cast<std::size_t>(length);
  }
  return out;
}

void Encode(char32_t point, std::string& out) {
  if (point < 0x80) {
    out += static_cast<char>(point);
  } else if (point < 0x800) {
    out += static_cast<char>(0xC0 | (point >> 6));
    out += static_cast<char>(0x80 | (point & 0x3F));
  } else if (point < 0x10000) {
    out += static_cast<char>(0xE0 | (point >> 12));
    out += static_cast<char>(0x80 | ((point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (point >> 18));
    out += static_cast<char>(0x80 | ((point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (point & 0x3F));
  }
}

bool IsChinese(char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; }
bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool IsLetter(char32_t c) { return c >= U'A' && c <= U'Z'; }
/// Serials leave out I and O, which read as 1 and 0.
bool IsSerial(char32_t c) { return IsDigit(c) || (IsLetter(c) && c != U'I' && c != U'O'); }
bool AllDigits(std::u32string_view text) { return std::all_of(text.begin(), text.end(), IsDigit); }
bool IsNewEnergyMark(char32_t c) { return c == U'D' || c == U'F'; }

/// Full-width forms (Ａ, １, ·) as their ASCII selves, lower case as upper; separators dropped.
std::u32string Simplify(std::u32string_view typed) {
  std::u32string out;
  for (char32_t c : typed) {
    if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;
    if (c >= U'a' && c <= U'z') c = c - U'a' + U'A';
    if (kSeparators.find(c) != std::u32string_view::npos) continue;
    out.push_back(c);
  }
  return out;
}

/// A 6-character new-energy serial: D/F + letter or digit + 4 digits, or 5 digits + D/F.
bool IsNewEnergySerial(std::u32string_view serial) {
  if (serial.size() != 6 || !std::all_of(serial.begin(), serial.end(), IsSerial)) return false;
  const bool small_car = IsNewEnergyMark(serial[0]) && AllDigits(serial.substr(2));
  const bool large_car = AllDigits(serial.substr(0, 5)) && IsNewEnergyMark(serial[5]);
  return small_car || large_car;
}

/// An e-bike serial: an optional letter, then 5 to 8 digits.
bool IsDigitSerial(std::u32string_view rest) {
  if (!rest.empty() && IsLetter(rest[0])) rest.remove_prefix(1);
  return rest.size() >= 5 && rest.size() <= 8 && AllDigits(rest);
}

core::Error NotAPlate() {
  return core::MakeProblem(core::ErrorCode::kValidationFailed, "plate_invalid", "registry.plate_invalid",
                           "plate: not the shape of a mainland plate (e.g. 京A·12345, 京A·D12345, 沪123456)");
}

}  // namespace

core::Result<std::string> NormalizePlate(std::string_view typed) {
  const auto decoded = Decode(typed);
  if (!decoded) return NotAPlate();
  const std::u32string plate = Simplify(*decoded);
  if (plate.empty()) return std::string();
  const auto first_ascii = std::find_if_not(plate.begin(), plate.end(), IsChinese);
  const std::u32string_view prefix(plate.data(), static_cast<std::size_t>(first_ascii - plate.begin()));
  const std::u32string_view rest = std::u32string_view(plate).substr(prefix.size());
  if (prefix.empty() || !std::all_of(rest.begin(), rest.end(), [](char32_t c) { return IsDigit(c) || IsLetter(c); }))
    return NotAPlate();

  std::u32string canonical;
  if (prefix.size() == 1) {
    if (kProvinces.find(prefix[0]) == std::u32string_view::npos) return NotAPlate();
    const bool lettered = !rest.empty() && IsLetter(rest[0]);
    const std::u32string_view serial = lettered ? rest.substr(1) : std::u32string_view();
    const bool standard = lettered && serial.size() == 5 && std::all_of(serial.begin(), serial.end(), IsSerial);
    if (standard || (lettered && IsNewEnergySerial(serial))) {
      canonical = std::u32string(prefix) + rest[0] + U'\u00B7' + std::u32string(serial);
    } else if (IsDigitSerial(rest)) {
      canonical = plate;
    } else {
      return NotAPlate();
    }
  } else if (prefix.size() <= 4 && IsDigitSerial(rest)) {
    canonical = plate;
  } else {
    return NotAPlate();
  }
  std::string out;
  for (char32_t c : canonical) Encode(c, out);
  return out;
}

}  // namespace youhao::registry
