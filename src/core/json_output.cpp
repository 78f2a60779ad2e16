#include "core/json_output.h"

#include <cstdlib>
#include <string_view>

#include <fmt/format.h>
#include <boost/json/serialize.hpp>

namespace youhao::core {

std::string SerializeJson(const boost::json::value& value) {
  const std::string text = boost::json::serialize(value);
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      out.push_back(c);
      if (c == '\\' && i + 1 < text.size()) {
        out.push_back(text[++i]);
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      out.push_back(c);
      continue;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i;
      bool exponent = false;
      while (end < text.size() && std::string_view("+-.0123456789eE").find(text[end]) != std::string_view::npos) {
        exponent = exponent || text[end] == 'e' || text[end] == 'E';
        ++end;
      }
      if (exponent) {
        out += fmt::format("{}", std::strtod(text.c_str() + i, nullptr));
      } else {
        out.append(text, i, end - i);
      }
      i = end - 1;
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace youhao::core
