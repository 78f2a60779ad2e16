#include "registry/roster_header.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace youhao::registry {

namespace {

// The names a column goes by in the sheets platforms and depots hand out.
constexpr std::array<std::string_view, 10> kPhone = {"phone",    "mobile", "phone_number", "手机号",   "手机",
                                                     "手机号码", "电话",   "电话号码",     "联系电话", "骑手手机号"};
constexpr std::array<std::string_view, 5> kName = {"name", "姓名", "名字", "骑手姓名", "真实姓名"};
constexpr std::array<std::string_view, 5> kPlatform = {"platform", "平台", "所属平台", "平台名称", "配送平台"};
constexpr std::array<std::string_view, 9> kDepot = {"depot",    "station",  "配送站", "站点",      "配送站点",
                                                    "站点名称", "所属站点", "网点",   "配送站名称"};

template <std::size_t N>
bool IsOneOf(std::string_view key, const std::array<std::string_view, N>& names) {
  return std::find(names.begin(), names.end(), key) != names.end();
}

std::string Key(std::string_view field) {
  std::string key;
  for (const char c : field) {
    if (c == ' ' || c == '\t') continue;
    key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return key;
}

}  // namespace

RosterColumns ReadRosterHeader(const std::vector<std::string>& header) {
  RosterColumns columns;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string key = Key(header[i]);
    const int index = static_cast<int>(i);
    if (columns.phone < 0 && IsOneOf(key, kPhone)) {
      columns.phone = index;
    } else if (columns.name < 0 && IsOneOf(key, kName)) {
      columns.name = index;
    } else if (columns.platform < 0 && IsOneOf(key, kPlatform)) {
      columns.platform = index;
    } else if (columns.depot < 0 && IsOneOf(key, kDepot)) {
      columns.depot = index;
    }
  }
  return columns;
}

}  // namespace youhao::registry
