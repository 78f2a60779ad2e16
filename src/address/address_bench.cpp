#include "address/address_bench.h"

#include <time.h>

#include <array>
#include <chrono>
#include <iterator>
#include <string_view>

#include "address/address_text.h"

namespace youhao::address {

namespace {

using Clock = std::chrono::steady_clock;

// Neither list shares a character with the real names below, so generated names never collide
// with them (nor come within one typo of them).
constexpr std::u32string_view kFirstCharacters =
    U"阳翠碧蓝绿紫银星晨曦朝彩锦瑞祥福康泰盛鸿鑫龙凤丽秀雅馨怡悦欣乐宁安恒永丰茂兴旺春";
constexpr std::u32string_view kSecondCharacters =
    U"光微水天洲河湖山林峰岭川海湾城都庭轩阁台景韵晖辉霞云松竹梅兰桂枫柳杨荣晟逸诚信和";
constexpr std::array<std::string_view, 13> kSuffixes = {"家园", "花园", "小区", "公寓", "苑", "里", "新村",
                                                        "嘉园", "雅苑", "大厦", "名苑", "府", "湾"};

constexpr std::array<std::string_view, 13> kHaidianNames = {
    "华清嘉园小区",  "荷清苑",        "双泉嘉苑",   "富润家园",     "学士居",       "静淑苑",      "清华东路27号院",
    "农大小区-北区", "农大小区-南区", "西王庄小区", "北京邮电大学", "大华花园别墅", "金沙时代小区"};

constexpr std::array<std::string_view, 50> kSampleAddresses = {
    "金沙时代小区3栋2单元1102",
    "金沙时代 B座 12楼",
    "3号楼二单元1102室",
    "3-2-1102",
    "3#2-1102",
    "三幢2单元",
    "３号楼２单元１１０２",
    "华清嘉园12号楼3单元502",
    "荷清苑东区7号楼1门301",
    "北京市海淀区中关村街道科源社区华清嘉园小区 5号楼 2单元 101",
    "清华东路27号院3号楼",
    "农大小区北区 23楼 4单元 201",
    "学士居 2栋 1单元 7层 702",
    "B座1208",
    "A栋15F",
    "双泉嘉苑5-1-302",
    "5栋-1-302",
    "10号楼东侧门卫",
    "319号楼",
    "3幢2单元",
    "地下车库",
    "1单元",
    "西王庄小区12号楼底商",
    "二期3栋",
    "富润家园1102室",
    "静淑苑2号楼1102号",
    "B1-203",
    "金沙时代b座",
    "华清嘉园12号楼 13812345678",
    "Building 3 Unit 2 Room 1102",
    "北京邮电大学 学十楼 4层",
    "大华花园别墅12号",
    "海淀区学院路街道双泉嘉苑5号楼1单元302",
    "北京市海淀区清华东路27号院 3号楼 2门 1101 放门口",
    "农大小区-南区 8楼 3单元 502 电话：13912345678",
    "华清佳园12号楼",
    "荷清苑小区 东区 7楼 2门 1201",
    "学士居三号楼二单元七零二",
    "金沙时代二期 A区 3栋 1单元 2503",
    "富润家园 12-3-1502",
    "西王庄小区 2号楼 地下一层",
    "北京市海淀区中关村南大街5号 理工大学 10号楼 1205",
    "华清嘉园东门 快递柜",
    "静淑苑 十一号楼 三单元 一零二",
    "双泉嘉苑 5#1-302",
    "科源社区华清嘉园小区5号楼2单元101室",
    "某某大厦12楼1205",
    "送到华清嘉园小区12号楼谢谢",
    "Tsinghua Garden Bldg 12 Rm 502",
    "海淀区农大小区北区23楼4单元201 138 1234 5678",
};

/// CPU seconds used by the calling thread.
double ThreadSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

/// Runs `step` for about `seconds` of wall time; returns operations per CPU-second of this thread,
/// so that other work on a busy machine does not lower the figure.
template <typename Step>
double Rate(double seconds, Step&& step) {
  long long operations = 0;
  const double cpu_start = ThreadSeconds();
  const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
  do {
    for (int i = 0; i < 256; ++i) step();
    operations += 256;
  } while (Clock::now() < deadline);
  const double cpu = ThreadSeconds() - cpu_start;
  return cpu > 0 ? static_cast<double>(operations) / cpu : 0;
}

std::string Utf8(char32_t c) {
  std::string text;
  detail::AppendUtf8(text, c);
  return text;
}

}  // namespace

std::vector<CompoundCandidate> GeneratedCompounds(std::size_t count) {
  std::vector<CompoundCandidate> compounds;
  compounds.reserve(count);
  const std::size_t pairs = kFirstCharacters.size() * kSecondCharacters.size();
  const std::size_t limit = std::min(count, pairs * kSuffixes.size());
  for (std::size_t k = 0; k < limit; ++k) {
    // Suffixes vary fastest: "阳光家园", "阳光花园", … share a core and make ambiguous texts.
    const std::size_t pair = k / kSuffixes.size();
    std::string name = Utf8(kFirstCharacters[pair % kFirstCharacters.size()]);
    name += Utf8(kSecondCharacters[(pair / kFirstCharacters.size() + pair) % kSecondCharacters.size()]);
    name += kSuffixes[k % kSuffixes.size()];
    compounds.push_back({"GEN-" + std::to_string(k + 1), std::move(name), {}});
  }
  return compounds;
}

std::vector<CompoundCandidate> HaidianCompounds() {
  std::vector<CompoundCandidate> compounds;
  for (std::size_t i = 0; i < kHaidianNames.size(); ++i) {
    compounds.push_back(
        {"HD-" + std::string(i < 9 ? "0" : "") + std::to_string(i + 1), std::string(kHaidianNames[i]), {}});
  }
  return compounds;
}

AddressBenchResult RunAddressBench(double seconds) {
  AddressBenchResult result;
  result.samples = kSampleAddresses.size();
  std::size_t next = 0;
  std::size_t sink = 0;
  result.parses_per_second = Rate(seconds / 2, [&] {
    const ParsedAddress parsed = ParseAddress(kSampleAddresses[next]);
    sink += parsed.building.size() + parsed.room.size() + static_cast<std::size_t>(parsed.floor);
    next = next + 1 == kSampleAddresses.size() ? 0 : next + 1;
  });

  std::vector<CompoundCandidate> compounds = HaidianCompounds();
  std::vector<CompoundCandidate> generated = GeneratedCompounds(kBenchCompounds - compounds.size());
  compounds.insert(compounds.end(), std::make_move_iterator(generated.begin()),
                   std::make_move_iterator(generated.end()));
  const CompoundMatcher matcher(std::move(compounds));
  next = 0;
  result.match_per_second = Rate(seconds / 2, [&] {
    const auto match = matcher.Match(kSampleAddresses[next]);
    sink += match ? match->code.size() : 1;
    next = next + 1 == kSampleAddresses.size() ? 0 : next + 1;
  });
  // Keeps the work observable so that it cannot be optimised away.
  static volatile std::size_t observed = 0;
  observed = observed + sink;
  return result;
}

}  // namespace youhao::address
