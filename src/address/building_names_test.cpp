#include "address/building_names.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace youhao::address {
namespace {

// Building names of 北京邮电大学 in OpenStreetMap, and two numbered ones.
const std::vector<std::string_view> bupt_names = {
    "教二楼",           "教三楼", "教四楼", "学生1号公寓", "学生11号公寓", "留学生2号公寓",
    "学生2号公寓",      "1号楼",  "11号楼", "10号楼",      "科研楼",       "中国邮政储蓄银行（鸿通楼）",
    "综合食堂(新食堂)", "B座",    "10号楼",
};

struct NameCase {
  std::string_view text;
  std::vector<std::string_view> found;  ///< the names found, best first; empty: none
  bool holds_number;
};

void PrintTo(const NameCase& name, std::ostream* out) { *out << name.text; }

const NameCase name_cases[] = {
    // The whole name before the number it holds.
    {"教三楼", {"教三楼"}, true},
    {"北邮教三楼201", {"教三楼"}, true},
    {"教3楼", {"教三楼"}, true},
    {"教 三 楼", {"教三楼"}, true},
    {"学生5号公寓", {}, false},
    {"学生11号公寓302", {"学生11号公寓"}, true},
    // The longest name wins: 留学生2号公寓 holds 学生2号公寓.
    {"留学生2号公寓", {"留学生2号公寓"}, true},
    {"学生2号公寓", {"学生2号公寓"}, true},
    // Numbers are not read inside longer numbers.
    {"11号楼", {"11号楼"}, true},
    {"十一号楼3单元", {}, false},
    {"21号楼", {}, false},
    {"AB座", {}, false},
    {"B座12楼", {"B座"}, true},
    // A name and its number: both buildings of one name come back.
    {"10号楼2单元", {"10号楼", "10号楼"}, true},
    // A parenthesised part is a name too.
    {"鸿通楼", {"中国邮政储蓄银行（鸿通楼）"}, false},
    {"中国邮政储蓄银行", {"中国邮政储蓄银行（鸿通楼）"}, false},
    {"新食堂门口", {"综合食堂(新食堂)"}, false},
    // Two names as long: both, the first written first.
    {"教二楼对面科研楼", {"教二楼", "科研楼"}, true},
    {"科研楼3层", {"科研楼"}, false},
    {"明光楼", {}, false},
    {"", {}, false},
};

class FindBuildingNameTest : public testing::TestWithParam<NameCase> {};

TEST_P(FindBuildingNameTest, FindsTheWholeName) {
  const NameCase& c = GetParam();
  const ParsedAddress parts = ParseAddress(c.text);
  const auto match = FindBuildingName(c.text, bupt_names, parts);
  if (c.found.empty()) {
    EXPECT_FALSE(match.has_value());
    return;
  }
  ASSERT_TRUE(match.has_value());
  std::vector<std::string_view> found;
  for (const std::size_t index : match->names) found.push_back(bupt_names[index]);
  EXPECT_EQ(found, c.found);
  EXPECT_EQ(match->holds_number, c.holds_number);
}

INSTANTIATE_TEST_SUITE_P(Table, FindBuildingNameTest, testing::ValuesIn(name_cases));

TEST(FindBuildingName, InvalidUtf8FindsNothing) {
  EXPECT_FALSE(FindBuildingName("\xff\xfe教三楼", bupt_names, {}).has_value());
}

TEST(NumberIsPartOfName, AGluedNLouIsAName) {
  for (const std::string_view text : {"教三楼", "教五楼", "教3楼201", "北邮教三楼", "科研楼12楼"}) {
    EXPECT_TRUE(NumberIsPartOfName(text, ParseAddress(text))) << text;
  }
  // A number of its own: marked as a building, written apart, or with nothing before it.
  for (const std::string_view text : {"学生5号公寓", "10号楼2单元", "23楼201", "教 三楼", "华清嘉园12号楼3单元"}) {
    EXPECT_FALSE(NumberIsPartOfName(text, ParseAddress(text))) << text;
  }
  // Glued to the compound's name it is glued too: the caller, who knows the compound, decides.
  EXPECT_TRUE(NumberIsPartOfName("农大小区23楼4单元", ParseAddress("农大小区23楼4单元")));
}

TEST(NamesABuilding, ReadsBuildingWords) {
  for (const std::string_view name : {"科学楼", "第二食堂", "学生公寓", "学生活动中心", "体育馆", "北邮科技大厦"}) {
    EXPECT_TRUE(NamesABuilding(name)) << name;
  }
  for (const std::string_view name : {"楼", "门口", "请放", "北京邮电大学", ""})
    EXPECT_FALSE(NamesABuilding(name)) << name;
}

}  // namespace
}  // namespace youhao::address
