#include "address/building_names.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "address/address_text.h"

namespace youhao::address {
namespace {

constexpr std::size_t kMinNameCodePoints = 2;

/// Normalised code points with Chinese digits as ASCII digits ("三" -> "3"), spaces, separators
/// and punctuation left out; `gap[i]` tells whether something was left out just before `chars[i]`.
struct Key {
  std::u32string chars;
  std::vector<bool> gap;
};

Key KeyOf(std::string_view text) {
  Key key;
  detail::NormalizedText normalized;
  if (!detail::Normalize(text, normalized)) return key;
  bool left_out = false;
  for (std::size_t i = 0; i < normalized.size; ++i) {
    char32_t c = normalized.chars[i];
    if (c == U' ' || detail::IsSeparator(c)) {
      left_out = true;
      continue;
    }
    if (const int digit = detail::NumeralDigit(c); digit >= 0) c = static_cast<char32_t>(U'0' + digit);
    key.chars.push_back(c);
    key.gap.push_back(left_out);
    left_out = false;
  }
  return key;
}

/// Whether `before` written right before `after` makes them one number ("1" "1" -> 11, "十" "1"
/// -> 十一, "A" "B" -> AB, "B" "1" -> B1).
bool OneNumber(char32_t before, char32_t after) {
  if (detail::IsDigit(after)) return detail::IsAsciiAlnum(before) || detail::NumeralUnit(before) > 0;
  if (detail::IsUpper(after)) return detail::IsAsciiAlnum(before);
  return false;
}

/// Where `name` is written whole in `text`: its first position, or npos.
std::size_t WholeAt(const Key& text, const std::u32string& name) {
  const std::u32string_view haystack(text.chars);
  for (std::size_t at = haystack.find(name); at != std::u32string_view::npos; at = haystack.find(name, at + 1)) {
    const std::size_t end = at + name.size();
    const bool glued_before = at > 0 && !text.gap[at] && OneNumber(text.chars[at - 1], name.front());
    const bool glued_after = end < text.chars.size() && !text.gap[end] && OneNumber(name.back(), text.chars[end]);
    if (!glued_before && !glued_after) return at;
  }
  return std::u32string_view::npos;
}

/// The label, the label without its parenthesised part, and that part: "综合食堂(新食堂)" ->
/// "综合食堂(新食堂)", "综合食堂", "新食堂".
std::vector<std::string_view> Spellings(std::string_view label) {
  std::vector<std::string_view> out{label};
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 2> kBrackets{
      std::pair<std::string_view, std::string_view>{"(", ")"}, {"（", "）"}};
  for (const auto& [open, close] : kBrackets) {
    const std::size_t opening = label.find(open);
    if (opening == std::string_view::npos) continue;
    const std::size_t inside = opening + open.size();
    const std::size_t closing = label.find(close, inside);
    if (closing == std::string_view::npos) continue;
    out.push_back(label.substr(inside, closing - inside));
    // Most names put the part last ("中国邮政储蓄银行（鸿通楼）"): what precedes it is the name.
    if (closing + close.size() == label.size()) out.push_back(label.substr(0, opening));
    break;
  }
  return out;
}

struct Found {
  std::size_t index = 0;
  std::size_t length = 0;
  std::size_t at = 0;
  std::u32string key;
};

}  // namespace

std::optional<BuildingNameMatch> FindBuildingName(std::string_view text, const std::vector<std::string_view>& names,
                                                  const ParsedAddress& parts) {
  const Key written = KeyOf(text);
  if (written.chars.empty()) return std::nullopt;
  std::vector<Found> found;
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::optional<Found> best;
    for (const std::string_view spelling : Spellings(names[i])) {
      Key key = KeyOf(spelling);
      if (key.chars.size() < kMinNameCodePoints) continue;
      const std::size_t at = WholeAt(written, key.chars);
      if (at == std::u32string_view::npos) continue;
      if (!best || key.chars.size() > best->length) best = Found{i, key.chars.size(), at, std::move(key.chars)};
    }
    if (best) found.push_back(std::move(*best));
  }
  if (found.empty()) return std::nullopt;
  std::size_t longest = 0;
  for (const Found& f : found) longest = std::max(longest, f.length);
  std::erase_if(found, [longest](const Found& f) { return f.length != longest; });
  std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.at < b.at; });
  BuildingNameMatch match;
  match.length = longest;
  for (const Found& f : found) match.names.push_back(f.index);
  const Key number = KeyOf(parts.building_text);
  match.holds_number = !number.chars.empty() && found.front().key.find(number.chars) != std::u32string::npos;
  return match;
}

bool NumberIsPartOfName(std::string_view text, const ParsedAddress& parts) {
  if (parts.building.empty() || parts.compound_text.empty()) return false;
  const Key number = KeyOf(parts.building_text);
  // "N楼" only: "3号楼", "3栋", "3栋楼" are numbers of their own wherever they are written.
  if (number.chars.size() < 2 || number.chars.back() != U'楼' ||
      !detail::IsAsciiAlnum(number.chars[number.chars.size() - 2])) {
    return false;
  }
  const Key name = KeyOf(parts.compound_text);
  if (name.chars.empty() || !detail::IsWordCharacter(name.chars.back())) return false;
  const Key written = KeyOf(text);
  const std::u32string glued = name.chars.back() + number.chars;
  const std::u32string_view haystack(written.chars);
  for (std::size_t at = haystack.find(glued); at != std::u32string_view::npos; at = haystack.find(glued, at + 1)) {
    if (!written.gap[at + 1]) return true;
  }
  return false;
}

bool NamesABuilding(std::string_view name) {
  const Key key = KeyOf(name);
  if (key.chars.size() < kMinNameCodePoints) return false;
  static constexpr std::u32string_view kLastCharacters = U"楼馆堂寓厦舍";
  if (kLastCharacters.find(key.chars.back()) != std::u32string_view::npos) return true;
  return std::u32string_view(key.chars).ends_with(U"中心");
}

}  // namespace youhao::address
