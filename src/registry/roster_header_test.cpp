// Roster headers, table-driven: the English header, the Chinese ones platforms and depots export,
// other orders and spellings, and headers that lack a required column.
#include "registry/roster_header.h"

#include <gtest/gtest.h>

namespace youhao::registry {
namespace {

struct Case {
  std::vector<std::string> header;
  int phone;
  int name;
  int platform;
  int depot;
};

TEST(ReadRosterHeader, FindsTheColumnsInEnglishOrChineseInAnyOrder) {
  const Case cases[] = {
      {{"phone", "name", "platform", "depot"}, 0, 1, 2, 3},
      {{"Phone", "NAME", "Platform"}, 0, 1, 2, -1},
      {{"手机号", "姓名", "平台", "配送站"}, 0, 1, 2, 3},
      {{"姓名", "手机号码", "所属平台", "站点"}, 1, 0, 2, 3},
      {{"序号", "骑手姓名", "联系电话", "配送平台", "配送站点", "备注"}, 2, 1, 3, 4},
      {{"手 机 号", "姓名", "平台"}, 0, 1, 2, -1},
      {{"mobile", "name", "platform", "station"}, 0, 1, 2, 3},
      {{"手机号", "手机", "姓名", "平台"}, 0, 2, 3, -1},  // the first column naming the phone wins
  };
  for (const auto& c : cases) {
    const RosterColumns columns = ReadRosterHeader(c.header);
    EXPECT_EQ(columns.phone, c.phone) << c.header[0];
    EXPECT_EQ(columns.name, c.name) << c.header[0];
    EXPECT_EQ(columns.platform, c.platform) << c.header[0];
    EXPECT_EQ(columns.depot, c.depot) << c.header[0];
    EXPECT_TRUE(columns.Complete()) << c.header[0];
  }
}

TEST(ReadRosterHeader, IsIncompleteWithoutPhoneNameOrPlatform) {
  const std::vector<std::vector<std::string>> headers = {
      {},
      {"13800001234", "王小骑", "美团"},  // a data row, not a header
      {"手机号", "姓名"},
      {"phone", "platform", "depot"},
      {"姓名", "平台", "配送站"},
      {"电话号码不对", "名字"},
  };
  for (const auto& header : headers) EXPECT_FALSE(ReadRosterHeader(header).Complete());
}

}  // namespace
}  // namespace youhao::registry
