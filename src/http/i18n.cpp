#include "http/i18n.h"

#include <cctype>
#include <charconv>

namespace youhao::http {

namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool HasPrefixIgnoringCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return text.size() == prefix.size() || text[prefix.size()] == '-';
}

/// The q value of one Accept-Language item ("en;q=0.8" -> 0.8; no q -> 1; unreadable -> 0).
double Quality(std::string_view parameters) {
  const auto q = parameters.find("q=");
  if (q == std::string_view::npos) return 1.0;
  std::string_view value = Trim(parameters.substr(q + 2));
  double quality = 0;
  // from_chars for double is in libstdc++ 11+.
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), quality);
  if (error != std::errc()) return 0;
  return quality < 0 ? 0 : (quality > 1 ? 1 : quality);
}

}  // namespace

Lang PreferredLang(std::string_view accept_language) {
  double best_zh = -1;
  double best_en = -1;
  while (!accept_language.empty()) {
    const auto comma = accept_language.find(',');
    std::string_view item = accept_language.substr(0, comma);
    accept_language = comma == std::string_view::npos ? std::string_view{} : accept_language.substr(comma + 1);
    const auto semicolon = item.find(';');
    const std::string_view tag = Trim(item.substr(0, semicolon));
    const double quality = semicolon == std::string_view::npos ? 1.0 : Quality(item.substr(semicolon + 1));
    if (quality <= 0) continue;
    if (HasPrefixIgnoringCase(tag, "zh")) best_zh = std::max(best_zh, quality);
    if (HasPrefixIgnoringCase(tag, "en")) best_en = std::max(best_en, quality);
  }
  return best_en > best_zh ? Lang::kEn : Lang::kZhCn;
}

Lang PreferredLang(const Request& request) {
  auto header = request.Header("accept-language");
  return header ? PreferredLang(*header) : Lang::kZhCn;
}

std::string Fill(std::string_view pattern, Fields fields) {
  std::string out;
  out.reserve(pattern.size() + 32);
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '{') {
      const auto close = pattern.find('}', i + 1);
      if (close != std::string_view::npos) {
        const std::string_view name = pattern.substr(i + 1, close - i - 1);
        bool found = false;
        for (const auto& [key, value] : fields) {
          if (key == name) {
            out += value;
            found = true;
            break;
          }
        }
        if (found) {
          i = close + 1;
          continue;
        }
      }
    }
    out += pattern[i];
    ++i;
  }
  return out;
}

std::string_view ListSeparator(Lang lang) { return lang == Lang::kEn ? ", " : "、"; }

}  // namespace youhao::http
