#include "http/i18n.h"

#include <cctype>
#include <charconv>
#include <optional>

#include <fmt/format.h>

#include "core/json_output.h"

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

/// `pattern` with each `{name}` that `value_of(name)` knows replaced; the rest stays as written.
template <typename ValueOf>
std::string Substitute(std::string_view pattern, ValueOf&& value_of) {
  std::string out;
  out.reserve(pattern.size() + 32);
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '{') {
      const auto close = pattern.find('}', i + 1);
      if (close != std::string_view::npos) {
        if (std::optional<std::string> value = value_of(pattern.substr(i + 1, close - i - 1))) {
          out += *value;
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
  return Substitute(pattern, [&](std::string_view name) -> std::optional<std::string> {
    for (const auto& [key, value] : fields) {
      if (key == name) return std::string(value);
    }
    return std::nullopt;
  });
}

std::string_view ListSeparator(Lang lang) { return lang == Lang::kEn ? ", " : "、"; }

namespace {

const boost::json::value* FieldAt(const boost::json::object& fields, std::string_view path) {
  const boost::json::object* object = &fields;
  while (true) {
    const auto dot = path.find('.');
    const auto* value = object->if_contains(path.substr(0, dot));
    if (value == nullptr || dot == std::string_view::npos) return value;
    if (!value->is_object()) return nullptr;
    object = &value->as_object();
    path.remove_prefix(dot + 1);
  }
}

std::string Plain(const boost::json::value& value) {
  if (value.is_string()) return std::string(value.as_string());
  if (value.is_int64()) return std::to_string(value.as_int64());
  if (value.is_uint64()) return std::to_string(value.as_uint64());
  if (value.is_double()) {
    const double number = value.as_double();
    if (number == static_cast<double>(static_cast<long long>(number)))
      return std::to_string(static_cast<long long>(number));
    return fmt::format("{:.1f}", number);
  }
  if (value.is_bool()) return value.as_bool() ? "true" : "false";
  return core::SerializeJson(value);
}

}  // namespace

std::string FillFields(std::string_view pattern, const boost::json::object& fields) {
  return Substitute(pattern, [&](std::string_view name) -> std::optional<std::string> {
    if (const auto* value = FieldAt(fields, name)) return Plain(*value);
    return std::nullopt;
  });
}

void RenderProblem(Response& response, Lang lang, MessageLookup lookup) {
  if (!response.problem) return;
  const core::Error& error = *response.problem;
  boost::json::object body;
  body["type"] = "https://youhao.dev/problems/" + std::string(core::CodeName(error.code));
  body["title"] = core::Title(error.code);
  body["status"] = core::HttpStatus(error.code);
  const Message* words = lookup != nullptr && !error.message.empty() ? lookup(error.message) : nullptr;
  if (words != nullptr) {
    body["detail"] = FillFields(words->In(lang), error.fields);
  } else {
    body["detail"] = error.detail.empty() ? std::string(core::Title(error.code)) : error.detail;
  }
  body["code"] = error.Name();
  for (const auto& [key, value] : error.fields) {
    if (!body.contains(key)) body[key] = value;
  }
  response.body = core::SerializeJson(body);
  response.problem.reset();
}

}  // namespace youhao::http
