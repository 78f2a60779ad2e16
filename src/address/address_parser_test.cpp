#include "address/address_parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "address/address_bench.h"
#include "core/text.h"

namespace youhao::address {
namespace {

struct AddressCase {
  std::string_view text;
  std::string_view compound;
  std::string_view section;
  std::string_view building;
  std::string_view entrance;
  int floor;
  std::string_view room;
};

void PrintTo(const AddressCase& address, std::ostream* out) { *out << address.text; }

constexpr AddressCase kAddressCases[] = {
    // Shapes from the brief.
    {"金沙时代小区3栋2单元1102", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代 B座 12楼", "金沙时代", "", "B", "", 12, ""},
    {"3号楼二单元1102室", "", "", "3", "2", 11, "1102"},
    {"3-2-1102", "", "", "3", "2", 11, "1102"},
    {"3#2-1102", "", "", "3", "2", 11, "1102"},
    {"三幢2单元", "", "", "3", "2", 0, ""},
    {"３号楼２单元１１０２", "", "", "3", "2", 11, "1102"},
    {"华清嘉园12号楼3单元502", "华清嘉园", "", "12", "3", 5, "502"},
    {"荷清苑东区7号楼1门301", "荷清苑", "东区", "7", "1", 3, "301"},
    {"北京市海淀区中关村街道科源社区华清嘉园小区 5号楼 2单元 101", "华清嘉园小区", "", "5", "2", 1, "101"},
    {"清华东路27号院3号楼", "清华东路27号院", "", "3", "", 0, ""},
    {"农大小区北区 23楼 4单元 201", "农大小区", "北区", "23", "4", 2, "201"},
    {"学士居 2栋 1单元 7层 702", "学士居", "", "2", "1", 7, "702"},
    {"B座1208", "", "", "B", "", 12, "1208"},
    {"A栋15F", "", "", "A", "", 15, ""},
    {"双泉嘉苑5-1-302", "双泉嘉苑", "", "5", "1", 3, "302"},
    {"5栋-1-302", "", "", "5", "1", 3, "302"},
    {"10号楼东侧门卫", "", "", "10", "", 0, ""},
    {"319号楼", "", "", "319", "", 0, ""},
    {"3幢2单元", "", "", "3", "2", 0, ""},
    {"地下车库", "", "", "", "", 0, ""},
    {"1单元", "", "", "", "1", 0, ""},
    {"西王庄小区12号楼底商", "西王庄小区", "", "12", "", 0, ""},
    {"二期3栋", "", "二期", "3", "", 0, ""},
    {"1102室", "", "", "", "", 11, "1102"},
    {"1102号", "", "", "", "", 11, "1102"},
    {"1102房", "", "", "", "", 11, "1102"},
    {"B1-203", "", "", "B1", "", 2, "203"},
    {"b座", "", "", "B", "", 0, ""},
    {"华清嘉园12号楼 13812345678", "华清嘉园", "", "12", "", 0, ""},
    {"Building 3 Unit 2 Room 1102", "", "", "3", "2", 11, "1102"},
    // Building markers, numerals, widths, separators, room and floor markers.
    {"金沙时代小区3号楼2单元1102", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区3幢2单元1102", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区3座2单元1102", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区3#楼2单元1102", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区3#2单元1102", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区三号楼二单元一一零二", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区十二号楼", "金沙时代小区", "", "12", "", 0, ""},
    {"金沙时代小区二十三号楼", "金沙时代小区", "", "23", "", 0, ""},
    {"金沙时代小区一百零二号楼", "金沙时代小区", "", "102", "", 0, ""},
    {"金沙时代小区03号楼", "金沙时代小区", "", "3", "", 0, ""},
    {"金沙时代小区12A栋", "金沙时代小区", "", "12A", "", 0, ""},
    {"金沙时代小区C座", "金沙时代小区", "", "C", "", 0, ""},
    {"金沙时代小区c座1805", "金沙时代小区", "", "C", "", 18, "1805"},
    {"金沙时代小区 3 号楼", "金沙时代小区", "", "3", "", 0, ""},
    {"金沙时代小区3栋楼", "金沙时代小区", "", "3", "", 0, ""},
    {"金沙时代小区Ｂ座１２０８", "金沙时代小区", "", "B", "", 12, "1208"},
    {"金沙时代小区3号楼2单元1102室", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区3号楼2单元1102号", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区3号楼2单元1102房", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区3号楼2单元1102户", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区3号楼2单元12层1205", "金沙时代小区", "", "3", "2", 12, "1205"},
    {"金沙时代小区3号楼2单元12楼1205", "金沙时代小区", "", "3", "2", 12, "1205"},
    {"金沙时代小区3号楼2单元F12", "金沙时代小区", "", "3", "2", 12, ""},
    {"金沙时代小区3号楼2单元12F", "金沙时代小区", "", "3", "2", 12, ""},
    {"金沙时代小区3号楼2单元 地下一层", "金沙时代小区", "", "3", "2", -1, ""},
    {"金沙时代小区3号楼 负2层", "金沙时代小区", "", "3", "", -2, ""},
    {"金沙时代小区3号楼B1层", "金沙时代小区", "", "3", "", -1, ""},
    {"金沙时代小区3号楼2单元0302", "金沙时代小区", "", "3", "2", 3, "0302"},
    {"金沙时代小区3号楼2单元302", "金沙时代小区", "", "3", "2", 3, "302"},
    {"金沙时代小区3号楼2单元2503", "金沙时代小区", "", "3", "2", 25, "2503"},
    {"金沙时代小区3号楼2门1102", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区3号楼2单1102", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区3-2-1102室", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区3-2-1102号", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区3—2—1102", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区3－2－1102", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区3_2_1102", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区3/2/1102", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区 3 2 1102", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区3-1102", "金沙时代小区", "", "3", "", 11, "1102"},
    {"金沙时代小区3#1102", "金沙时代小区", "", "3", "", 11, "1102"},
    {"金沙时代小区3号楼2-1102", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区3号楼-2-1102", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区3-2单元1102", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区3号1102", "金沙时代小区", "", "3", "", 11, "1102"},
    {"金沙时代小区3号2单元1102", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区12号", "金沙时代小区", "", "12", "", 0, ""},
    {"金沙时代小区3号楼12号", "金沙时代小区", "", "3", "", 0, "12"},
    {"3单元12号", "", "", "", "3", 0, "12"},
    // "N楼": a building in Beijing usage, a floor after a building or entrance, in a tower, or before a room on that
    // floor.
    {"农大小区北区23楼4单元201", "农大小区", "北区", "23", "4", 2, "201"},
    {"农大小区北区23楼201", "农大小区", "北区", "23", "", 2, "201"},
    {"农大小区23楼", "农大小区", "", "23", "", 0, ""},
    {"农大小区23楼4门201", "农大小区", "", "23", "4", 2, "201"},
    {"金沙时代B座12楼1205", "金沙时代", "", "B", "", 12, "1205"},
    {"金沙时代3栋12楼", "金沙时代", "", "3", "", 12, ""},
    {"金沙时代3单元5楼", "金沙时代", "", "", "3", 5, ""},
    {"金沙时代12楼1205", "金沙时代", "", "", "", 12, "1205"},
    {"国贸大厦12楼", "国贸大厦", "", "", "", 12, ""},
    {"某某大厦12楼1205", "某某大厦", "", "", "", 12, "1205"},
    {"远洋公寓8楼", "远洋公寓", "", "", "", 8, ""},
    {"中关村科技中心5楼", "中关村科技中心", "", "", "", 5, ""},
    {"北京邮电大学10楼", "北京邮电大学", "", "10", "", 0, ""},
    {"金沙时代5楼3单元", "金沙时代", "", "5", "3", 0, ""},
    {"金沙时代23楼7层", "金沙时代", "", "23", "", 7, ""},
    {"金沙时代319楼", "金沙时代", "", "319", "", 0, ""},
    {"金沙时代B楼", "金沙时代", "", "B", "", 0, ""},
    {"金沙时代三楼", "金沙时代", "", "3", "", 0, ""},
    {"3号楼二楼", "", "", "3", "", 2, ""},
    // Sections: 期 and 区 parts of a compound.
    {"金沙时代二期3栋", "金沙时代", "二期", "3", "", 0, ""},
    {"金沙时代2期3栋", "金沙时代", "二期", "3", "", 0, ""},
    {"金沙时代小区一期5号楼", "金沙时代小区", "一期", "5", "", 0, ""},
    {"金沙时代A区3栋1单元", "金沙时代", "A区", "3", "1", 0, ""},
    {"金沙时代a区3栋", "金沙时代", "A区", "3", "", 0, ""},
    {"金沙时代东区3栋", "金沙时代", "东区", "3", "", 0, ""},
    {"金沙时代西区3栋", "金沙时代", "西区", "3", "", 0, ""},
    {"荷清苑南区5号楼", "荷清苑", "南区", "5", "", 0, ""},
    {"荷清苑北区5号楼", "荷清苑", "北区", "5", "", 0, ""},
    {"荷清苑中区5号楼", "荷清苑", "中区", "5", "", 0, ""},
    {"农大小区-北区 5号楼", "农大小区", "北区", "5", "", 0, ""},
    {"农大小区（南区）5号楼", "农大小区", "南区", "5", "", 0, ""},
    {"三里河三区5号楼2门", "三里河", "三区", "5", "2", 0, ""},
    {"金沙时代二期A区3栋", "金沙时代", "二期A区", "3", "", 0, ""},
    {"西区", "", "西区", "", "", 0, ""},
    {"金沙时代十期", "金沙时代", "十期", "", "", 0, ""},
    {"金沙时代3区5号楼", "金沙时代", "三区", "5", "", 0, ""},
    // District prefixes and labels.
    {"北京市海淀区华清嘉园12号楼", "华清嘉园", "", "12", "", 0, ""},
    {"北京海淀区华清嘉园12号楼", "华清嘉园", "", "12", "", 0, ""},
    {"海淀区华清嘉园12号楼", "华清嘉园", "", "12", "", 0, ""},
    {"中国北京市海淀区华清嘉园12号楼", "华清嘉园", "", "12", "", 0, ""},
    {"北京市海淀区学院路街道双泉嘉苑5号楼1单元302", "双泉嘉苑", "", "5", "1", 3, "302"},
    {"河北省廊坊市三河市燕郊镇天洋城4代5号楼", "天洋城4代", "", "5", "", 0, ""},
    {"上海市浦东新区张江镇汤臣豪园3号楼", "汤臣豪园", "", "3", "", 0, ""},
    {"上海市徐汇区漕溪北路123弄4号502室", "漕溪北路123弄", "", "4", "", 5, "502"},
    {"北京市东城区东四十条3号院2号楼", "东四十条3号院", "", "2", "", 0, ""},
    {"北京市西城区西直门南小街5号楼", "西直门南小街", "", "5", "", 0, ""},
    {"北京市朝阳区望京西园三区312号楼", "望京西园", "三区", "312", "", 0, ""},
    {"北京市石景山区鲁谷小区5号楼", "鲁谷小区", "", "5", "", 0, ""},
    {"天津市河西区友谊路小区5号楼", "友谊路小区", "", "5", "", 0, ""},
    {"收货地址：北京市海淀区华清嘉园12号楼", "华清嘉园", "", "12", "", 0, ""},
    {"地址：华清嘉园12号楼3单元502", "华清嘉园", "", "12", "3", 5, "502"},
    // Numbers and numerals inside compound names.
    {"五道口嘉园3号楼2单元301", "五道口嘉园", "", "3", "2", 3, "301"},
    {"清华东路27号院3号楼1单元101", "清华东路27号院", "", "3", "1", 1, "101"},
    {"学院路30号院5号楼", "学院路30号院", "", "5", "", 0, ""},
    {"中关村南大街5号院8号楼", "中关村南大街5号院", "", "8", "", 0, ""},
    {"东四十条3号", "东四十条3号", "", "", "", 0, ""},
    {"798艺术区", "798艺术区", "", "", "", 0, ""},
    {"一亩园3号楼", "一亩园", "", "3", "", 0, ""},
    {"二里庄小区5号楼", "二里庄小区", "", "5", "", 0, ""},
    {"百旺家苑1号楼", "百旺家苑", "", "1", "", 0, ""},
    {"千禧家园2号楼", "千禧家园", "", "2", "", 0, ""},
    {"十里堡北区3号楼", "十里堡", "北区", "3", "", 0, ""},
    {"K2百合湾3号楼", "K2百合湾", "", "3", "", 0, ""},
    {"SOHO现代城A座1201", "SOHO现代城", "", "A", "", 12, "1201"},
    {"万科城市花园5-2-301", "万科城市花园", "", "5", "2", 3, "301"},
    {"城市花园3栋", "城市花园", "", "3", "", 0, ""},
    {"首开华润城2期5号楼", "首开华润城", "二期", "5", "", 0, ""},
    // Notes and phone numbers.
    {"华清嘉园12号楼3单元502 放门口", "华清嘉园", "", "12", "3", 5, "502"},
    {"金沙时代小区3栋2单元1102室 放门口 谢谢", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"华清嘉园东门快递柜", "华清嘉园", "", "", "", 0, ""},
    {"电话13812345678 华清嘉园12号楼", "华清嘉园", "", "12", "", 0, ""},
    {"华清嘉园12号楼3单元502 手机:138-1234-5678", "华清嘉园", "", "12", "3", 5, "502"},
    {"华清嘉园12号楼3单元502 +86 138 1234 5678", "华清嘉园", "", "12", "3", 5, "502"},
    {"华清嘉园12号楼3单元50213812345678", "华清嘉园", "", "12", "3", 5, "502"},
    {"8613812345678", "", "", "", "", 0, ""},
    {"西王庄小区12号楼东侧底商", "西王庄小区", "", "12", "", 0, ""},
    // English.
    {"Bldg 5 Apt 302", "", "", "5", "", 3, "302"},
    {"BLDG. 5, RM 302", "", "", "5", "", 3, "302"},
    {"Tower B Floor 12", "", "", "B", "", 12, ""},
    {"Room 1102, Unit 2, Building 3", "", "", "3", "2", 11, "1102"},
    {"Tsinghua Garden Bldg 12 Rm 502", "TSINGHUA GARDEN", "", "12", "", 5, "502"},
    // Variations seen in real orders.
    {"海淀区 双清路 学研大厦A座 1208", "双清路学研大厦", "", "A", "", 12, "1208"},
    {"华清嘉园小区12号楼3单元502室(放门口)", "华清嘉园小区", "", "12", "3", 5, "502"},
    {"荷清苑 7-1-301", "荷清苑", "", "7", "1", 3, "301"},
    {"荷清苑7#1-301", "荷清苑", "", "7", "1", 3, "301"},
    {"学士居2号楼1门201", "学士居", "", "2", "1", 2, "201"},
    {"静淑苑 3号楼 4门 502", "静淑苑", "", "3", "4", 5, "502"},
    {"富润家园 2期 3号楼 2单元 1503", "富润家园", "二期", "3", "2", 15, "1503"},
    {"北京邮电大学 学生公寓 10号楼 302", "北京邮电大学学生公寓", "", "10", "", 3, "302"},
    {"大华花园别墅12号", "大华花园别墅", "", "12", "", 0, ""},
    {"大华花园别墅 B区 12号", "大华花园别墅", "B区", "12", "", 0, ""},
    {"金沙时代小区 3 栋 2 单元 1102", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区3栋，2单元，1102", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区3栋2单元11楼1102", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"金沙时代小区3栋2单元十一楼", "金沙时代小区", "", "3", "2", 11, ""},
    {"静淑苑 十一号楼 三单元 一零二", "静淑苑", "", "11", "3", 1, "102"},
    {"学士居三号楼二单元七零二", "学士居", "", "3", "2", 7, "702"},
    {"双泉嘉苑 5#1-302", "双泉嘉苑", "", "5", "1", 3, "302"},
    {"金沙时代 b座 十二楼", "金沙时代", "", "B", "", 12, ""},
    {"华清嘉园【12号楼】（3单元）502", "华清嘉园", "", "12", "3", 5, "502"},
    {"华清嘉园，12号楼，3单元，502室。", "华清嘉园", "", "12", "3", 5, "502"},
    {"华清嘉园12栋楼下", "华清嘉园", "", "12", "", 0, ""},
    {"华清嘉园12号楼3号门", "华清嘉园", "", "12", "3", 0, ""},
    {"华清嘉园3号门", "华清嘉园", "", "", "", 0, ""},
    {"华清嘉园 1102", "华清嘉园", "", "", "", 11, "1102"},
    {"金沙时代1102放门口", "金沙时代", "", "", "", 11, "1102"},
    {"华清嘉园 二十三号楼 十单元 一千零一", "华清嘉园", "", "23", "10", 10, "1001"},
    {"3栋12楼1205", "", "", "3", "", 12, "1205"},
    {"2单元1102", "", "", "", "2", 11, "1102"},
    {"12号3单元", "", "", "12", "3", 0, ""},
    {"1102号 3栋", "", "", "3", "", 11, "1102"},
    {"F座1201", "", "", "F", "", 12, "1201"},
    {"B2层", "", "", "", "", -2, ""},
    {"西王庄小区 2号楼 地下一层", "西王庄小区", "", "2", "", -1, ""},
    {"一区3号楼", "", "一区", "3", "", 0, ""},
    {"华清嘉园12号楼0102", "华清嘉园", "", "12", "", 1, "0102"},
    {"地铁10号线西二旗站", "地铁10号线西二旗站", "", "", "", 0, ""},
    // Edge cases.
    {"金沙时代小区3栋2单元1102 3栋", "金沙时代小区", "", "3", "2", 11, "1102"},
    {"3号楼2单元 12层 1205室 东侧", "", "", "3", "2", 12, "1205"},
    {"Ｂｕｉｌｄｉｎｇ　３　Ｕｎｉｔ　２", "", "", "3", "2", 0, ""},
    {"building 3 unit 2 room 1102", "", "", "3", "2", 11, "1102"},
    {"华清嘉园12号楼 3 单元 502 室", "华清嘉园", "", "12", "3", 5, "502"},
    {"三单元五零二", "", "", "", "3", 5, "502"},
    {"3号楼十二层", "", "", "3", "", 12, ""},
    {"#3-2-1102", "", "", "3", "2", 11, "1102"},
    {"3栋2单元1102-1", "", "", "3", "2", 11, "1102"},
    {"A-1-101", "", "", "A", "1", 1, "101"},
    {"华清嘉园12号楼 010-62781234", "华清嘉园", "", "12", "", 0, ""},
    {"3-2-11-02", "", "", "3", "2", 11, "02"},
    {"农大小区东区3号楼", "农大小区", "东区", "3", "", 0, ""},
    {"双泉嘉苑 5号楼 1单元 302 电话 13912345678", "双泉嘉苑", "", "5", "1", 3, "302"},
};

class ParseAddressTable : public testing::TestWithParam<AddressCase> {};

TEST_P(ParseAddressTable, SplitsCompoundSectionBuildingEntranceFloorRoom) {
  const AddressCase& expected = GetParam();
  const ParsedAddress parsed = ParseAddress(expected.text);
  EXPECT_EQ(parsed.compound_text, expected.compound);
  EXPECT_EQ(parsed.section, expected.section);
  EXPECT_EQ(parsed.building, expected.building);
  EXPECT_EQ(parsed.entrance, expected.entrance);
  EXPECT_EQ(parsed.floor, expected.floor);
  EXPECT_EQ(parsed.room, expected.room);
}

INSTANTIATE_TEST_SUITE_P(Address, ParseAddressTable, testing::ValuesIn(kAddressCases));

TEST(ParseAddress, TableCoversAtLeast150Shapes) { EXPECT_GE(std::size(kAddressCases), 150U); }

// The classes of shapes real users wrote that we read wrong (issue 15): financial numerals, annex
// numbers after a street number, the compound named after the room. Every text is also a seed of
// the address fuzz target (fuzz/corpus/address_fuzz/class-*), checked below.
constexpr AddressCase kClassCases[] = {
    // Financial numerals (大写数字), as on receipts and some delivery apps.
    {"壹号楼贰单元叁零壹", "", "", "1", "2", 3, "301"},
    {"金沙时代小区壹拾贰号楼叁单元伍零贰", "金沙时代小区", "", "12", "3", 5, "502"},
    {"肆号楼壹单元壹壹零贰室", "", "", "4", "1", 11, "1102"},
    {"华清嘉园贰拾叁号楼", "华清嘉园", "", "23", "", 0, ""},
    {"贰期叁栋", "", "二期", "3", "", 0, ""},
    {"壹佰零贰号楼", "", "", "102", "", 0, ""},
    {"陸號楼", "陸號楼", "", "", "", 0, ""},  // 號 is not 号: nothing is guessed
    // Annex numbers in the street part: the annex stays in the name, the parts follow.
    {"学院路10号附3号", "学院路10号附3号", "", "", "", 0, ""},
    {"学院路10号附3号2单元301", "学院路10号附3号", "", "", "2", 3, "301"},
    {"海淀区学院路10号附3号 5号楼 1102", "学院路10号附3号", "", "5", "", 11, "1102"},
    {"东四十条3号附1号", "东四十条3号附1号", "", "", "", 0, ""},
    {"学院路拾号附叁号", "学院路拾号附叁号", "", "", "", 0, ""},
    // The compound's name written after the room.
    {"3号楼2单元301 华清嘉园", "华清嘉园", "", "3", "2", 3, "301"},
    {"3号楼2单元301华清嘉园小区", "华清嘉园小区", "", "3", "2", 3, "301"},
    {"3-2-1102，华清嘉园东门", "华清嘉园", "", "3", "2", 11, "1102"},
    {"5栋1单元302 荷清苑东区", "荷清苑", "东区", "5", "1", 3, "302"},
    {"10号楼302 北京邮电大学", "北京邮电大学", "", "10", "", 3, "302"},
    {"3号楼2单元301放门口", "", "", "3", "2", 3, "301"},  // an instruction, not a name
    {"1102 谢谢", "", "", "", "", 11, "1102"},
    {"5号楼 学生公寓", "", "", "5", "", 0, ""},  // after a building alone: a map's label, kept as a note
};

INSTANTIATE_TEST_SUITE_P(Classes, ParseAddressTable, testing::ValuesIn(kClassCases));

TEST(ParseAddress, ReadsTheStreetNumberAndItsAnnex) {
  struct StreetCase {
    std::string_view text;
    std::string_view street_number;
    std::string_view annex;
  };
  const StreetCase cases[] = {
      {"学院路10号附3号", "10", "3"},     {"学院路10号附3号2单元301", "10", "3"}, {"学院路拾号附叁号", "10", "3"},
      {"中关村南大街5号", "5", ""},       {"学院路10号附近", "10", ""},           {"华清嘉园12号楼", "", ""},
      {"3号楼2单元301 华清嘉园", "", ""}, {"清华东路27号院3号楼", "", ""},
  };
  for (const StreetCase& c : cases) {
    const ParsedAddress parsed = ParseAddress(c.text);
    EXPECT_EQ(parsed.street_number, c.street_number) << c.text;
    EXPECT_EQ(parsed.annex, c.annex) << c.text;
  }
}

TEST(ParseAddress, ClassCasesAreSeedsOfTheAddressFuzzer) {
  std::vector<std::string> seeds;
  const std::filesystem::path corpus = std::filesystem::path(YOUHAO_SOURCE_DIR) / "fuzz/corpus/address_fuzz";
  for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
    std::ifstream in(entry.path(), std::ios::binary);
    seeds.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  for (const AddressCase& c : kClassCases) {
    EXPECT_NE(std::find(seeds.begin(), seeds.end(), c.text), seeds.end()) << c.text;
  }
}

struct TextCase {
  std::string_view text;
  std::string_view expected;
};

TEST(ParseAddress, KeepsTheBuildingAsWrittenInHalfWidth) {
  const TextCase cases[] = {
      {"金沙时代小区3栋2单元1102", "3栋"},
      {"3号楼二单元1102室", "3号楼"},
      {"三幢2单元", "三幢"},
      {"B座1208", "B座"},
      {"319号楼", "319号楼"},
      {"３号楼２单元１１０２", "3号楼"},
      {"3#2-1102", "3#"},
      {"华清嘉园12#楼3单元502", "12#楼"},
      {"3-2-1102", "3"},
      {"Building 3 Unit 2 Room 1102", "BUILDING 3"},
      {"金沙时代 b座", "B座"},
      {"农大小区北区 23楼 4单元 201", "23楼"},
      {"金沙时代小区 3 号楼", "3号楼"},
  };
  for (const TextCase& c : cases) EXPECT_EQ(ParseAddress(c.text).building_text, c.expected) << c.text;
}

TEST(ParseAddress, SeparatesTheAdministrativePrefix) {
  const TextCase cases[] = {
      {"北京市海淀区中关村街道科源社区华清嘉园小区 5号楼 2单元 101", "北京市海淀区中关村街道科源社区"},
      {"北京市海淀区中关村街道华清嘉园12号楼", "北京市海淀区中关村街道"},
      {"北京海淀区华清嘉园12号楼", "北京海淀区"},
      {"海淀区学院路街道双泉嘉苑5号楼1单元302", "海淀区学院路街道"},
      {"河北省廊坊市三河市燕郊镇天洋城4代5号楼", "河北省廊坊市三河市燕郊镇"},
      {"上海市浦东新区张江镇汤臣豪园3号楼", "上海市浦东新区张江镇"},
      {"北京市东城区东四十条3号院2号楼", "北京市东城区"},
      {"收货地址：北京市海淀区华清嘉园12号楼", "北京市海淀区"},
      // Names that end like districts are not districts.
      {"金沙时代小区3栋", ""},
      {"荷清苑东区7号楼", ""},
      {"城市花园3栋", ""},
      {"北京邮电大学10号楼", ""},
      {"农大小区北区23楼", ""},
  };
  for (const TextCase& c : cases) EXPECT_EQ(ParseAddress(c.text).district_text, c.expected) << c.text;
}

TEST(ParseAddress, KeepsWhatItDoesNotUnderstandAsNotes) {
  using Notes = std::vector<std::string>;
  EXPECT_EQ(ParseAddress("10号楼东侧门卫").notes, Notes{"东侧门卫"});
  EXPECT_EQ(ParseAddress("西王庄小区12号楼底商").notes, Notes{"底商"});
  EXPECT_EQ(ParseAddress("地下车库").notes, Notes{"地下车库"});
  EXPECT_EQ(ParseAddress("金沙时代小区3栋2单元1102室 放门口 谢谢").notes, (Notes{"放门口", "谢谢"}));
  EXPECT_EQ(ParseAddress("华清嘉园东门快递柜").notes, (Notes{"东门", "快递柜"}));
  EXPECT_EQ(ParseAddress("华清嘉园3号门").notes, Notes{"3号门"});
  EXPECT_EQ(ParseAddress("华清嘉园12号楼3单元502 张先生 13812345678").notes, (Notes{"张先生", "phone removed"}));
  // ID card and bank card numbers are personal data too (found by address_fuzz).
  for (const char* text :
       {"华清嘉园12号楼 110108199001011234", "华清嘉园12号楼 11010819900101123X", "３Ow7777777777777777777777"}) {
    const ParsedAddress parsed = ParseAddress(text);
    for (const std::string& note : parsed.notes) EXPECT_EQ(note.find("1234567"), std::string::npos) << text;
    for (const std::string& note : parsed.notes) EXPECT_EQ(note.find("7777777"), std::string::npos) << text;
    EXPECT_EQ(parsed.room.size() <= 6, true) << text;
  }
  EXPECT_EQ(ParseAddress("金沙时代小区3栋2单元1102 3栋").notes, Notes{"3栋"});
  EXPECT_TRUE(ParseAddress("金沙时代小区3栋2单元1102").notes.empty());
}

/// Every field and note of `parsed`, for searching.
std::string AllText(const ParsedAddress& parsed) {
  std::string all = parsed.compound_text + "|" + parsed.section + "|" + parsed.building + "|" + parsed.building_text +
                    "|" + parsed.entrance + "|" + std::to_string(parsed.floor) + "|" + parsed.room + "|" +
                    parsed.district_text;
  for (const std::string& note : parsed.notes) all += "|" + note;
  return all;
}

TEST(ParseAddress, NeverKeepsPhoneNumbers) {
  const std::string_view texts[] = {
      "华清嘉园12号楼 13812345678",       "华清嘉园12号楼13812345678",
      "13812345678华清嘉园12号楼",        "华清嘉园12号楼3单元50213812345678",
      "电话13812345678 华清嘉园12号楼",   "华清嘉园12号楼 手机：138-1234-5678",
      "华清嘉园12号楼 138 1234 5678",     "华清嘉园12号楼 +86 13812345678",
      "华清嘉园12号楼 +86-138-1234-5678", "华清嘉园12号楼 8613812345678",
      "华清嘉园12号楼 TEL 13812345678",   "华清嘉园12号楼 联系电话：010-12345678",
      "华清嘉园12号楼 (0312)1234567",     "３号楼２单元１１０２　１３８１２３４５６７８",
  };
  for (std::string_view text : texts) {
    const ParsedAddress parsed = ParseAddress(text);
    const std::string all = AllText(parsed);
    EXPECT_EQ(all.find("1234"), std::string::npos) << text << " -> " << all;
    EXPECT_EQ(all.find("5678"), std::string::npos) << text << " -> " << all;
    EXPECT_EQ(all.find("电话"), std::string::npos) << text << " -> " << all;
    EXPECT_EQ(all.find("TEL"), std::string::npos) << text << " -> " << all;
    ASSERT_FALSE(parsed.notes.empty()) << text;
    EXPECT_EQ(parsed.notes.back(), "phone removed") << text;
  }
  // Numbers that are not phones stay.
  EXPECT_EQ(ParseAddress("3-2-1102").notes, std::vector<std::string>{});
  EXPECT_EQ(ParseAddress("金沙时代小区3栋2单元12345").room, "12345");
}

bool IsEmpty(const ParsedAddress& parsed) {
  return parsed.compound_text.empty() && parsed.section.empty() && parsed.building.empty() &&
         parsed.building_text.empty() && parsed.entrance.empty() && parsed.floor == 0 && parsed.room.empty() &&
         parsed.district_text.empty() && parsed.notes.empty();
}

TEST(ParseAddress, GivesNothingForEmptyTextSymbolsAndEmoji) {
  for (std::string_view text : {"", " ", "😀", "😀😀 👍", "。，、；：！", "\t\r\n", "---###", "【】（）"}) {
    EXPECT_TRUE(IsEmpty(ParseAddress(text))) << text << " -> " << AllText(ParseAddress(text));
  }
  const ParsedAddress with_emoji = ParseAddress("😀华清嘉园😀12号楼😀");
  EXPECT_EQ(with_emoji.compound_text, "华清嘉园");
  EXPECT_EQ(with_emoji.building, "12");
}

TEST(ParseAddress, TreatsInvalidUtf8AsAbsentText) {
  const std::string invalid[] = {
      std::string("\xff\xfe"),
      std::string("华清嘉园\xff 12号楼"),
      std::string("华清嘉园12号楼\xe5\x8d"),     // truncated sequence at the end
      std::string("\xc0\xaf 3-2-1102"),          // overlong '/'
      std::string("\xed\xa0\x80 3-2-1102"),      // surrogate
      std::string("\xf4\x90\x80\x80 3-2-1102"),  // above U+10FFFF
      std::string("\x80\x80\x80"),
      std::string("3-2-1102") + std::string(300, 'x') + "\xff",  // invalid after the part that is read
  };
  for (const std::string& text : invalid) EXPECT_TRUE(IsEmpty(ParseAddress(text))) << AllText(ParseAddress(text));
}

TEST(ParseAddress, ReadsOnlyTheStartOfVeryLongTextAndSaysSo) {
  std::string text = "华清嘉园12号楼3单元502";
  for (int i = 0; i < 400; ++i) text += "很";
  const ParsedAddress parsed = ParseAddress(text);
  EXPECT_EQ(parsed.compound_text, "华清嘉园");
  EXPECT_EQ(parsed.room, "502");
  ASSERT_FALSE(parsed.notes.empty());
  EXPECT_EQ(parsed.notes.back(), "text truncated");

  std::string building_words;
  for (int i = 0; i < 10 * 1024 / 3; ++i) building_words += "楼";
  const auto start = std::chrono::steady_clock::now();
  const ParsedAddress many = ParseAddress(building_words);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(100));
  EXPECT_TRUE(many.compound_text.empty());
  EXPECT_TRUE(many.building.empty());
  EXPECT_EQ(many.notes.back(), "text truncated");
}

TEST(ParseAddress, SurvivesRandomInput) {
  // Address fragments and raw bytes shuffled together: nothing may crash, and what comes out is
  // well-formed UTF-8 with a plausible floor.
  const std::string_view pieces[] = {"华清嘉园", "3", "号楼", "栋",   "单元", "12", "楼", "层", "1102", "室",   "-",
                                     "#",        "B", "座",   "二十", "一零", "期", "区", " ",  "F",    "地下", "负",
                                     "138",      "1", "0",    "东区", "门",   "号", "😀",  "、", "ROOM", "UNIT", "２"};
  std::mt19937 random(20240601);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int length = static_cast<int>(random() % 12);
    for (int i = 0; i < length; ++i) {
      if (random() % 8 == 0) {
        text += static_cast<char>(random() % 256);
      } else {
        text += pieces[random() % std::size(pieces)];
      }
    }
    const ParsedAddress parsed = ParseAddress(text);
    const std::string all = AllText(parsed);
    ASSERT_TRUE(core::IsValidUtf8(all)) << text;
    ASSERT_GE(parsed.floor, -200) << text;
    ASSERT_LE(parsed.floor, 200) << text;
  }
}

// ---------------------------------------------------------------------------------------------
// CompoundMatcher

std::vector<CompoundCandidate> Candidates(std::size_t generated) {
  std::vector<CompoundCandidate> compounds = HaidianCompounds();
  for (CompoundCandidate& candidate : GeneratedCompounds(generated)) compounds.push_back(std::move(candidate));
  return compounds;
}

class CompoundMatcherTest : public testing::Test {
 protected:
  CompoundMatcherTest() : matcher_(Candidates(100)) {}

  /// The name matched for `text`, or "" when nothing is.
  std::string Matched(std::string_view text) const {
    const auto match = matcher_.Match(text);
    return match ? match->name : "";
  }
  double Confidence(std::string_view text) const {
    const auto match = matcher_.Match(text);
    return match ? match->confidence : 0;
  }

  CompoundMatcher matcher_;
};

TEST_F(CompoundMatcherTest, IndexesRealAndGeneratedNames) {
  EXPECT_EQ(matcher_.size(), 113U);
  const auto match = matcher_.Match("华清嘉园小区");
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->code, "HD-01");
  EXPECT_EQ(match->name, "华清嘉园小区");
}

TEST_F(CompoundMatcherTest, ExactNamesScoreAtLeast095) {
  for (std::string_view name : {"华清嘉园小区", "荷清苑", "双泉嘉苑", "富润家园", "学士居", "静淑苑", "清华东路27号院",
                                "西王庄小区", "北京邮电大学", "大华花园别墅", "金沙时代小区"}) {
    EXPECT_EQ(Matched(name), name);
    EXPECT_GE(Confidence(name), 0.95) << name;
  }
  EXPECT_EQ(Matched("农大小区-北区"), "农大小区-北区");
  EXPECT_EQ(Matched("农大小区北区"), "农大小区-北区");
  EXPECT_GE(Confidence("农大小区北区"), 0.95);
  EXPECT_EQ(Matched("农大小区（南区）"), "农大小区-南区");
  EXPECT_EQ(Matched("ＨＵＡ 华清嘉园小区"), "华清嘉园小区");
}

TEST_F(CompoundMatcherTest, ToleratesMissingOrAddedSuffixesAround09) {
  const TextCase cases[] = {
      {"金沙时代", "金沙时代小区"}, {"华清嘉园", "华清嘉园小区"}, {"荷清苑小区", "荷清苑"},
      {"双泉嘉苑小区", "双泉嘉苑"}, {"大华花园", "大华花园别墅"}, {"清华东路27号", "清华东路27号院"},
      {"西王庄", "西王庄小区"},     {"富润", "富润家园"},         {"农大北区", "农大小区-北区"},
      {"学士居社区", "学士居"},     {"静淑苑公寓", "静淑苑"},
  };
  for (const TextCase& c : cases) {
    EXPECT_EQ(Matched(c.text), c.expected) << c.text;
    EXPECT_NEAR(Confidence(c.text), 0.9, 0.051) << c.text;
  }
}

TEST_F(CompoundMatcherTest, SuggestsOneTypoAround07WithoutMatchingIt) {
  const TextCase
      cases[] =
          {
              {"华清佳园", "华清嘉园小区"},    // wrong character
              {"华清园", "华清嘉园小区"},      // missing character
              {"华清嘉嘉园", "华清嘉园小区"},  // extra character
              {"荷青苑", "荷清苑"},           {"静书苑", "静淑苑"},         {"双泉家苑", "双泉嘉苑"},
              {"学仕居", "学士居"},           {"金砂时代", "金沙时代小区"}, {"西王装小区", "西王庄小区"},
              {"阳先家园", "阳光家园"},  // a generated name: the typo is in a two-character core
          };
  for (const TextCase& c : cases) {
    EXPECT_EQ(Matched(c.text), "") << c.text;
    const auto suggestions = matcher_.Suggest(c.text, 3);
    ASSERT_FALSE(suggestions.empty()) << c.text;
    EXPECT_EQ(suggestions[0].name, c.expected) << c.text;
    EXPECT_NEAR(suggestions[0].confidence, 0.7, 0.051) << c.text;
  }
}

TEST_F(CompoundMatcherTest, FindsNamesInsideAWholeAddress) {
  EXPECT_EQ(Matched("海淀区中关村街道华清嘉园12号楼"), "华清嘉园小区");
  EXPECT_GE(Confidence("海淀区中关村街道华清嘉园12号楼"), 0.85);
  EXPECT_EQ(Matched("北京市海淀区中关村街道科源社区华清嘉园小区 5号楼 2单元 101"), "华清嘉园小区");
  EXPECT_GE(Confidence("北京市海淀区中关村街道科源社区华清嘉园小区 5号楼 2单元 101"), 0.95);
  EXPECT_EQ(Matched("请送到华清嘉园小区门口"), "华清嘉园小区");
  EXPECT_EQ(Matched("快递放华清嘉园小区北门"), "华清嘉园小区");
  EXPECT_EQ(Matched("荷清苑东区7号楼1门301"), "荷清苑");
  EXPECT_GE(Confidence("荷清苑东区7号楼1门301"), 0.8);
  EXPECT_EQ(Matched("清华东路27号院3号楼"), "清华东路27号院");
  EXPECT_EQ(Matched("农大小区北区 23楼 4单元 201"), "农大小区-北区");
  EXPECT_EQ(Matched("农大小区-南区 8楼 3单元 502 电话：13912345678"), "农大小区-南区");
  EXPECT_EQ(Matched("学士居 2栋 1单元 7层 702"), "学士居");
  EXPECT_EQ(Matched("双泉嘉苑5-1-302"), "双泉嘉苑");
  EXPECT_EQ(Matched("金沙时代 B座 12楼"), "金沙时代小区");
  EXPECT_EQ(Matched("西王庄小区12号楼底商"), "西王庄小区");
  EXPECT_EQ(Matched("北京邮电大学 学生公寓 10号楼 302"), "北京邮电大学");
}

TEST_F(CompoundMatcherTest, AnswersNothingBelowHalf) {
  for (std::string_view text : {"某某大厦", "某某大厦12楼1205", "12号楼", "3-2-1102", "", "😀", "XX", "北邮", "北京",
                                "海淀区", "小区", "家园", "花园小区"}) {
    EXPECT_FALSE(matcher_.Match(text).has_value()) << text << " -> " << Matched(text);
  }
  EXPECT_FALSE(matcher_.Match(std::string("华清嘉园\xff")).has_value());
  EXPECT_TRUE(matcher_.Suggest("某某大厦", 10).empty());
}

TEST_F(CompoundMatcherTest, SuggestsAbbreviatedNamesWeakly) {
  EXPECT_EQ(Matched("北京邮电"), "");
  const auto suggestions = matcher_.Suggest("北京邮电", 3);
  ASSERT_FALSE(suggestions.empty());
  EXPECT_EQ(suggestions[0].name, "北京邮电大学");
  EXPECT_GT(suggestions[0].confidence, 0.5);
  EXPECT_LT(suggestions[0].confidence, 0.8);
}

TEST(CompoundMatcher, ChoosesOnlyOnARealNameAndSuggestsNamesSharingAWord) {
  const CompoundMatcher matcher({{"HQ", "华清嘉园小区", {}}, {"QH", "清华园", {}}, {"BY", "北京邮电大学", {}}});
  const auto matched = [&matcher](std::string_view text) {
    const auto match = matcher.Match(text);
    return match ? match->code : std::string();
  };
  // Real names, before or after the parts, whole or inside the text.
  for (std::string_view text :
       {"华清嘉园5号楼", "3号楼2单元301 华清嘉园", "快递放华清嘉园小区北门", "华清嘉园三号楼", "华清嘉园东区3号楼"}) {
    EXPECT_EQ(matched(text), "HQ") << text;
  }
  EXPECT_EQ(matched("清华园小区2号楼"), "QH");
  EXPECT_EQ(matched("10号楼302 北京邮电大学"), "BY");
  EXPECT_GE(matcher.Match("3号楼2单元301 华清嘉园")->confidence, 0.9);

  // A name sharing a word with a known one is a suggestion with its confidence, never a match.
  struct SharedCase {
    std::string_view text;
    std::string_view code;
    double confidence;
  };
  const SharedCase shared[] = {
      {"华清园3号楼", "HQ", 0.7},        // one character from 华清嘉园, and not 清华园 either
      {"华清嘉园东里5号楼", "HQ", 0.8},  // another compound whose name starts with 华清嘉园
      {"北京邮电3号楼", "BY", 0.68},     // an abbreviation
      {"清华园东里2号楼", "QH", 0.88},   // the whole name, but running on into another
  };
  for (const SharedCase& c : shared) {
    EXPECT_EQ(matched(c.text), "") << c.text;
    const auto suggestions = matcher.Suggest(c.text, 5);
    ASSERT_FALSE(suggestions.empty()) << c.text;
    EXPECT_EQ(suggestions[0].code, c.code) << c.text;
    EXPECT_NEAR(suggestions[0].confidence, c.confidence, 0.03) << c.text;
  }
  // Sharing one word only is not even a suggestion.
  for (std::string_view text : {"华清", "清华", "华清3号楼"}) {
    EXPECT_EQ(matched(text), "") << text;
    EXPECT_TRUE(matcher.Suggest(text, 5).empty()) << text;
  }
}

TEST_F(CompoundMatcherTest, SectionsDistinguishCompounds) {
  EXPECT_EQ(Matched("农大小区南区 3号楼"), "农大小区-南区");
  EXPECT_GE(Confidence("农大小区南区 3号楼"), 0.95);
  // No section: both parts of 农大小区 fit equally, and the match says it is unsure.
  const auto suggestions = matcher_.Suggest("农大小区", 5);
  ASSERT_GE(suggestions.size(), 2U);
  EXPECT_EQ(suggestions[0].confidence, suggestions[1].confidence);
  EXPECT_NE(suggestions[0].name, suggestions[1].name);
  EXPECT_LT(Confidence("农大小区"), suggestions[0].confidence);
  // A section that does not exist is not a typo of another section.
  EXPECT_FALSE(matcher_.Match("农大小区东区").has_value());
  EXPECT_EQ(matcher_.Suggest("农大小区东区", 5).size(), 2U);
}

TEST_F(CompoundMatcherTest, AmbiguousTextsLowerTheConfidenceAndSuggestAll) {
  // Generated names give 阳光家园, 阳光花园, 阳光小区, 阳光公寓, 阳光苑 … sharing the core 阳光.
  const auto exact = matcher_.Match("阳光家园");
  ASSERT_TRUE(exact.has_value());
  EXPECT_EQ(exact->name, "阳光家园");
  EXPECT_GE(exact->confidence, 0.95);

  const auto ambiguous = matcher_.Match("阳光");
  ASSERT_TRUE(ambiguous.has_value());
  EXPECT_LT(ambiguous->confidence, 0.8);
  const auto suggestions = matcher_.Suggest("阳光", 10);
  ASSERT_GE(suggestions.size(), 4U);
  for (const CompoundMatch& suggestion : suggestions) {
    EXPECT_EQ(suggestion.name.rfind("阳光", 0), 0U) << suggestion.name;
  }
  for (std::size_t i = 1; i < suggestions.size(); ++i) {
    EXPECT_GE(suggestions[i - 1].confidence, suggestions[i].confidence);
  }
  EXPECT_EQ(matcher_.Suggest("阳光", 2).size(), 2U);
  EXPECT_TRUE(matcher_.Suggest("阳光", 0).empty());

  const auto best_first = matcher_.Suggest("阳光花园3号楼", 3);
  ASSERT_FALSE(best_first.empty());
  EXPECT_EQ(best_first[0].name, "阳光花园");
  EXPECT_GE(best_first[0].confidence, 0.95);
}

TEST(CompoundMatcher, MatchesAliases) {
  const CompoundMatcher matcher({{"BUPT", "北京邮电大学", {"北邮", "BUPT"}}, {"HQ", "华清嘉园小区", {}}});
  EXPECT_EQ(matcher.Match("北邮")->code, "BUPT");
  EXPECT_GE(matcher.Match("北邮")->confidence, 0.95);
  EXPECT_EQ(matcher.Match("bupt")->code, "BUPT");
  EXPECT_EQ(matcher.Match("北邮 10号楼 302")->code, "BUPT");
  EXPECT_EQ(matcher.Match("华清嘉园")->code, "HQ");
}

TEST(CompoundMatcher, WorksWithoutCandidatesAndWhenCopied) {
  const CompoundMatcher empty({});
  EXPECT_EQ(empty.size(), 0U);
  EXPECT_FALSE(empty.Match("华清嘉园").has_value());
  EXPECT_TRUE(empty.Suggest("华清嘉园", 5).empty());

  const CompoundMatcher matcher(HaidianCompounds());
  const CompoundMatcher copy = matcher;  // NOLINT(performance-unnecessary-copy-initialization): copies are tested
  EXPECT_EQ(copy.Match("华清嘉园")->name, "华清嘉园小区");
  EXPECT_EQ(copy.Suggest("华清佳园", 1).at(0).name, "华清嘉园小区");
  const CompoundMatcher odd({{"X", "", {}}, {"Y", "\xff\xfe", {}}, {"Z", "😀", {}}, {"Q", "3-2-1102", {}}});
  EXPECT_FALSE(odd.Match("华清嘉园").has_value());
}

TEST(CompoundMatcher, StaysRightWith20000CompoundsAndPrintsTheTime) {
  const auto build_start = std::chrono::steady_clock::now();
  const CompoundMatcher matcher(Candidates(kBenchCompounds - HaidianCompounds().size()));
  const double build_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - build_start).count();
  EXPECT_EQ(matcher.size(), kBenchCompounds);

  EXPECT_FALSE(matcher.Match("华清佳园").has_value());
  EXPECT_EQ(matcher.Suggest("华清佳园", 1).at(0).name, "华清嘉园小区");
  EXPECT_NEAR(matcher.Suggest("华清佳园", 1).at(0).confidence, 0.7, 0.051);
  EXPECT_EQ(matcher.Match("海淀区中关村街道华清嘉园12号楼")->name, "华清嘉园小区");
  EXPECT_EQ(matcher.Match("农大小区北区 23楼 4单元 201")->name, "农大小区-北区");
  EXPECT_EQ(matcher.Suggest("静书苑", 1).at(0).name, "静淑苑");
  EXPECT_FALSE(matcher.Match("某某大厦").has_value());

  const std::string_view queries[] = {
      "华清佳园", "某某大厦12楼1205",       "北京市海淀区中关村街道科源社区华清嘉园小区 5号楼 2单元 101",
      "阳光",     "请送到华清嘉园小区门口", "翠微花园3号楼2单元502"};
  constexpr int kRounds = 200;
  const auto start = std::chrono::steady_clock::now();
  std::size_t found = 0;
  for (int round = 0; round < kRounds; ++round) {
    for (std::string_view query : queries) found += matcher.Match(query).has_value() ? 1 : 0;
  }
  const double micros = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() /
                        (kRounds * static_cast<double>(std::size(queries)));
  // 某某大厦 is unknown and 华清佳园 (a typo) is only suggested.
  EXPECT_EQ(found, kRounds * (std::size(queries) - 2));
  std::printf("[ info ] 20000 compounds: built in %.1f ms, Match %.1f us (wall clock)\n", build_ms, micros);
}

TEST(AddressBench, PrintsRates) {
  const AddressBenchResult result = RunAddressBench(1.0);
  EXPECT_EQ(result.samples, 50U);
  EXPECT_GT(result.parses_per_second, 0);
  EXPECT_GT(result.match_per_second, 0);
  std::printf("[ info ] ParseAddress %.0f/s, Match (%zu compounds) %.0f/s per CPU-second over %zu samples\n",
              result.parses_per_second, kBenchCompounds, result.match_per_second, result.samples);
}

}  // namespace
}  // namespace youhao::address
