#include "address/address_parser.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <utility>

#include "address/address_text.h"
#include "core/text.h"

namespace youhao::address {

namespace {

using detail::IsAsciiAlnum;
using detail::IsDigit;
using detail::IsNumeral;
using detail::IsSeparator;
using detail::IsUpper;
using detail::IsWordCharacter;
using detail::kPlaceNotes;
using detail::NumeralDigit;
using detail::NumeralUnit;

constexpr std::size_t kNoPosition = static_cast<std::size_t>(-1);
constexpr std::size_t kMaxElements = 16;
constexpr std::size_t kMaxCompoundCodePoints = 32;
// Longer numbers are never building, unit or room numbers (order numbers, phone fragments).
constexpr std::size_t kMaxValueDigits = 6;
constexpr std::size_t kMaxValueText = 15;
constexpr std::size_t kMaxNumeralCharacters = 8;
constexpr std::size_t kMaxSegmentCodePoints = 12;
constexpr int kMaxFloor = 200;
// Floors stop well below this: "319楼" is a building whatever follows.
constexpr int kFirstBuildingOnlyNumber = 100;
constexpr std::string_view kPhoneRemovedNote = "phone removed";
constexpr std::string_view kTruncatedNote = "text truncated";

enum class Marker : std::uint8_t {
  kNone,
  kBuilding,         // 号楼 栋 幢 座 BUILDING
  kHash,             // "3#": a building, or the next free part when the building is known
  kBuildingOrFloor,  // 楼
  kBuildingOrRoom,   // 号
  kEntrance,         // 单元 门 UNIT
  kGate,             // 号门: an entrance inside a known building, otherwise a compound gate (a note)
  kFloor,            // 层 F FLOOR
  kRoom,             // 室 房 户 ROOM
  kSection,          // 期 区
  kNamePart,         // 号院 弄 号线, 号 after a street: the number belongs to the compound name
};

enum class Slot : std::uint8_t { kSection, kBuilding, kEntrance, kFloor, kRoom };
constexpr int kSlotCount = 5;

constexpr int Index(Slot slot) { return static_cast<int>(slot); }

enum class ValueKind : std::uint8_t { kDigits, kLetters, kAlnum, kNumeral };

/// A number-like token: "12", "B", "B1", "12A", "二十三" (read as 23), "一零二" (read as 102).
struct Value {
  ValueKind kind = ValueKind::kDigits;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::array<char, kMaxValueText> text;  // ASCII: digits and upper-case letters, `length` of them
  std::size_t length = 0;
  int number = -1;              // value of the first run of digits, -1 when there is none
  std::size_t digit_count = 0;  // length of that run

  std::string_view Text() const { return {text.data(), length}; }
  bool Append(char c) {
    if (length == kMaxValueText) return false;
    text[length++] = c;
    return true;
  }
};

/// A value with what follows it: "3号楼", "2单元", "1102" (no marker), "BUILDING 3".
struct Element {
  Value value;
  Marker marker = Marker::kNone;
  std::size_t begin = 0;
  std::size_t end = 0;
  bool negative = false;  // basement floor: 地下一层, 负1层, B1层
};

struct MarkerWord {
  std::u32string_view text;
  Marker marker;
};

constexpr std::array kKeywords = {
    MarkerWord{U"BUILDING", Marker::kBuilding}, MarkerWord{U"BLDG", Marker::kBuilding},
    MarkerWord{U"BLD", Marker::kBuilding},      MarkerWord{U"BLK", Marker::kBuilding},
    MarkerWord{U"BLOCK", Marker::kBuilding},    MarkerWord{U"TOWER", Marker::kBuilding},
    MarkerWord{U"UNIT", Marker::kEntrance},     MarkerWord{U"ENTRANCE", Marker::kEntrance},
    MarkerWord{U"FLOOR", Marker::kFloor},       MarkerWord{U"FL", Marker::kFloor},
    MarkerWord{U"LEVEL", Marker::kFloor},       MarkerWord{U"ROOM", Marker::kRoom},
    MarkerWord{U"RM", Marker::kRoom},           MarkerWord{U"APT", Marker::kRoom},
    MarkerWord{U"APARTMENT", Marker::kRoom},    MarkerWord{U"SUITE", Marker::kRoom},
    MarkerWord{U"FLAT", Marker::kRoom},         MarkerWord{U"NO", Marker::kBuildingOrRoom},
};

/// Words that open an address and carry nothing: "收货地址：", "请送到".
constexpr std::array<std::u32string_view, 11> kLeadingLabels = {U"收货地址", U"送货地址", U"配送地址", U"详细地址",
                                                                U"地址",     U"请送到",   U"请送至",   U"送到",
                                                                U"送至",     U"ADDRESS",  U"ADDR"};

constexpr std::array<std::u32string_view, 10> kPhoneLabels = {
    U"联系电话", U"联系方式", U"手机号码", U"电话号码", U"手机号", U"电话", U"手机", U"MOBILE", U"PHONE", U"TEL"};

/// Last characters of kPlaceNotes.
constexpr std::u32string_view kPlaceNoteEnds = U"场站库处柜室巢卫口门业台商点";

/// Names of single towers: there "12楼" is a floor.
constexpr std::array<std::u32string_view, 14> kTowerSuffixes = {U"大厦", U"大楼", U"中心", U"广场", U"写字楼",
                                                                U"商厦", U"酒店", U"宾馆", U"饭店", U"医院",
                                                                U"公寓", U"SOHO", U"商场", U"商城"};

/// Last characters of kSegmentRules.
bool IsSegmentEnd(char32_t c) {
  switch (c) {
    case U'区':
    case U'处':
    case U'州':
    case U'县':
    case U'道':
    case U'省':
    case U'市':
    case U'镇':
    case U'乡':
      return true;
    default:
      return false;
  }
}

/// Last characters of kTowerSuffixes.
constexpr std::u32string_view kTowerEnds = U"厦楼心场店馆院寓O城";

/// Characters before "N号" that make it a street number: 中关村南大街5号, 东四十条3号.
constexpr std::u32string_view kStreetEndings = U"路街巷同道条";

/// Last characters of compound names (园 苑 院 小区 里 村 …, towers: 大厦 中心 广场, and 大学 学校).
constexpr std::u32string_view kCompoundNameEnds = U"园苑院区里村庄城府居庭轩阁湾寓厦坊舍墅邸邨屯营心场店馆学校";

/// First characters of instructions written after an address ("放门口", "送到家里", "谢谢").
constexpr std::u32string_view kInstructionStarts = U"放送请到交给帮麻谢别打电快在";

constexpr std::u32string_view kDirections = U"东西南北中";

enum class Level : std::uint8_t { kNone, kCountry, kProvince, kCity, kDistrict, kStreet };

/// Extra conditions on the character before a suffix.
enum class SegmentCheck : std::uint8_t { kNone, kCity, kDistrict, kTown, kVillage };

struct SegmentRule {
  std::u32string_view suffix;
  Level level;
  std::size_t min_length;  // code points, suffix included
  std::size_t max_length;
  SegmentCheck check = SegmentCheck::kNone;
  char32_t last = suffix.back();
};

// At one end position, longer suffixes are tried first ("开发区" before "区").
constexpr std::array kSegmentRules = {
    SegmentRule{U"特别行政区", Level::kProvince, 5, 9},
    SegmentRule{U"街道办事处", Level::kStreet, 6, 12},
    SegmentRule{U"自治区", Level::kProvince, 3, 8},
    SegmentRule{U"自治州", Level::kCity, 3, 10},
    SegmentRule{U"自治县", Level::kDistrict, 3, 10},
    SegmentRule{U"开发区", Level::kDistrict, 3, 12},
    SegmentRule{U"高新区", Level::kDistrict, 3, 10},
    SegmentRule{U"保税区", Level::kDistrict, 3, 10},
    SegmentRule{U"办事处", Level::kStreet, 4, 10},
    SegmentRule{U"新区", Level::kDistrict, 3, 6},
    SegmentRule{U"街道", Level::kStreet, 3, 8},
    SegmentRule{U"省", Level::kProvince, 3, 4},
    SegmentRule{U"市", Level::kCity, 3, 6, SegmentCheck::kCity},
    SegmentRule{U"区", Level::kDistrict, 3, 4, SegmentCheck::kDistrict},
    SegmentRule{U"县", Level::kDistrict, 2, 5},
    SegmentRule{U"镇", Level::kStreet, 2, 5, SegmentCheck::kTown},
    SegmentRule{U"乡", Level::kStreet, 2, 5, SegmentCheck::kVillage},
};

/// Place names written without their 市 before a district: "北京海淀区".
struct BareName {
  std::u32string_view name;
  Level level;
};
constexpr std::array kBareNames = {BareName{U"中国", Level::kCountry}, BareName{U"北京", Level::kCity},
                                   BareName{U"上海", Level::kCity}, BareName{U"天津", Level::kCity},
                                   BareName{U"重庆", Level::kCity}};

inline bool Contains(std::u32string_view set, char32_t c) {
  for (char32_t member : set) {
    if (member == c) return true;
  }
  return false;
}

std::u32string_view TrimSeparators(std::u32string_view text) {
  while (!text.empty() && (IsSeparator(text.front()) || text.front() == U' ')) text.remove_prefix(1);
  while (!text.empty() && (IsSeparator(text.back()) || text.back() == U' ')) text.remove_suffix(1);
  return text;
}

bool IsDirectionSection(std::u32string_view text) {
  return text.size() == 2 && Contains(kDirections, text[0]) && text[1] == U'区';
}

std::string Utf8(std::u32string_view text) {
  std::array<char, kMaxAddressCodePoints * 4> buffer;
  std::size_t size = 0;
  for (std::size_t i = 0; i < text.size() && i < kMaxAddressCodePoints; ++i) {
    size += detail::EncodeUtf8(text[i], buffer.data() + size);
  }
  return std::string(buffer.data(), size);
}

/// The floor a room number implies: 302 -> 3, 1102 -> 11; 0 when it implies none.
int FloorOfRoom(std::string_view room) {
  std::size_t i = 0;
  while (i < room.size() && !(room[i] >= '0' && room[i] <= '9')) ++i;
  std::size_t j = i;
  int number = 0;
  while (j < room.size() && room[j] >= '0' && room[j] <= '9') number = number * 10 + (room[j++] - '0');
  const std::size_t digits = j - i;
  if (digits != 3 && digits != 4) return 0;
  return number / 100;
}

/// Building and entrance numbers without leading zeros: "03" -> "3", "012A" -> "12A".
std::string NumberText(const Value& value) {
  std::string_view text = value.Text();
  if (value.kind == ValueKind::kDigits || value.kind == ValueKind::kAlnum) {
    while (text.size() > 1 && text[0] == '0' && text[1] >= '0' && text[1] <= '9') text.remove_prefix(1);
  }
  return std::string(text);
}

bool RoomLike(const Value& value) { return value.kind != ValueKind::kLetters && value.digit_count >= 3; }

class Parser {
 public:
  explicit Parser(ParsedAddress& result) : result_(result) {}

  void Run(std::string_view input) {
    if (!detail::Normalize(input, text_)) {
      text_.size = 0;
      text_.truncated = false;
      return;
    }
    RemovePhones();
    std::size_t position = SkipLabels(0);
    position = ParseDistrict(position);
    const std::size_t tail = FindTailStart(position);
    if (street_end_ != kNoPosition && street_end_ <= tail) {
      result_.street_number = NumberText(street_);
      if (has_annex_) result_.annex = NumberText(annex_);
    }
    ProcessCompound(position, tail);
    ParseTail(tail);
    const std::size_t tail_notes_end = result_.notes.size();
    Resolve();
    TakeTrailingCompound(tail_notes_end);
    if (result_.floor == 0) result_.floor = FloorOfRoom(result_.room);
    if (phone_removed_) result_.notes.emplace_back(kPhoneRemovedNote);
    if (text_.truncated) result_.notes.emplace_back(kTruncatedNote);
  }

 private:
  char32_t At(std::size_t i) const { return text_.At(i); }
  char32_t Before(std::size_t i) const { return i > 0 ? text_.At(i - 1) : U'\0'; }

  bool Matches(std::size_t i, std::u32string_view word) const {
    if (i + word.size() > text_.size) return false;
    for (std::size_t k = 0; k < word.size(); ++k) {
      if (text_.chars[i + k] != word[k]) return false;
    }
    return true;
  }

  std::size_t SkipSpaces(std::size_t i) const {
    while (At(i) == U' ') ++i;
    return i;
  }

  std::size_t DigitRun(std::size_t i) const {
    std::size_t j = i;
    while (IsDigit(At(j))) ++j;
    return j - i;
  }

  bool IsMobile(std::size_t i) const { return At(i) == U'1' && At(i + 1) >= U'3' && At(i + 1) <= U'9'; }

  /// Length of a landline number starting at `i` ("010-62781234", "0312 1234567", "01062781234"), or 0.
  std::size_t LandlineLength(std::size_t i, std::size_t run) const {
    if (At(i) != U'0' || At(i + 1) < U'1' || At(i + 1) > U'9') return 0;
    if (run >= 10 && run <= 12) return run;
    if (run != 3 && run != 4) return 0;
    const char32_t gap = At(i + run);
    if (gap != U' ' && gap != U'-') return 0;
    const std::size_t local = DigitRun(i + run + 1);
    return local == 7 || local == 8 ? run + 1 + local : 0;
  }

  /// Blanks mainland mobile and landline numbers (with a glued or separate +86 and a label before them).
  void RemovePhones() {
    std::size_t i = 0;
    while (i < text_.size) {
      if (!IsDigit(At(i)) || IsDigit(Before(i))) {
        ++i;
        continue;
      }
      const std::size_t run = DigitRun(i);
      std::size_t begin = kNoPosition;
      std::size_t end = i + run;
      if (run >= 11 && run <= 16 && IsMobile(i + run - 11)) {
        begin = i + run - 11;
        if ((begin - i == 2 && Matches(i, U"86")) || (begin - i == 4 && Matches(i, U"0086"))) begin = i;
      } else if (const std::size_t landline = LandlineLength(i, run); landline > 0) {
        begin = i;
        end = i + landline;
      } else if (run >= 11) {
        // Not a phone, but a number this long is an ID card, bank card or similar: never keep it.
        begin = i;
        end = i + run;
        if (At(end) == U'X' || At(end) == U'x') ++end;
      } else if (run == 3 && IsMobile(i)) {
        const std::size_t k = i + 3;
        const auto gap = [this](std::size_t at) { return At(at) == U' ' || At(at) == U'-'; };
        if (gap(k) && DigitRun(k + 1) == 4 && gap(k + 5) && DigitRun(k + 6) == 4) {
          begin = i;
          end = k + 10;
        }
      }
      if (begin == kNoPosition) {
        i += run;
        continue;
      }
      if (begin == i) {
        std::size_t k = begin;
        if (k > 0 && (At(k - 1) == U' ' || At(k - 1) == U'-')) --k;
        if (k >= 2 && Matches(k - 2, U"86") && !IsDigit(Before(k - 2))) {
          begin = k - 2;
        } else if (k >= 4 && Matches(k - 4, U"0086") && !IsDigit(Before(k - 4))) {
          begin = k - 4;
        }
      }
      std::size_t label_end = begin;
      if (label_end > 0 && At(label_end - 1) == U' ') --label_end;
      for (std::u32string_view label : kPhoneLabels) {
        if (label_end >= label.size() && Matches(label_end - label.size(), label)) {
          begin = label_end - label.size();
          break;
        }
      }
      for (std::size_t k = begin; k < end; ++k) text_.chars[k] = U' ';
      phone_removed_ = true;
      i = end;
    }
  }

  std::size_t SkipLabels(std::size_t i) const {
    bool skipped = true;
    while (skipped) {
      skipped = false;
      i = SkipSpaces(i);
      for (std::u32string_view label : kLeadingLabels) {
        if (Matches(i, label)) {
          i += label.size();
          skipped = true;
          break;
        }
      }
    }
    return i;
  }

  /// One administrative segment starting at `i` ("北京市", "海淀区", "中关村街道"): its end and level.
  std::optional<std::pair<std::size_t, Level>> MatchSegment(std::size_t i, Level previous) const {
    for (std::size_t q = i; q < text_.size && q - i < kMaxSegmentCodePoints; ++q) {
      if (!IsWordCharacter(At(q))) break;
      const char32_t last = At(q);
      if (!IsSegmentEnd(last)) continue;
      const std::size_t length = q - i + 1;
      for (const SegmentRule& rule : kSegmentRules) {
        if (rule.last != last) continue;
        const std::size_t suffix = rule.suffix.size();
        if (length < rule.min_length || length > rule.max_length || !Matches(q + 1 - suffix, rule.suffix)) continue;
        if (rule.level <= previous && !(rule.level == Level::kCity && previous == Level::kCity)) continue;
        const char32_t before = At(q - suffix);
        bool excluded = false;
        switch (rule.check) {
          case SegmentCheck::kNone:
            break;
          case SegmentCheck::kCity:  // 超市, 城市, 都市 …
            excluded = Contains(U"超城菜集夜门股花鸟早都", before);
            break;
          case SegmentCheck::kDistrict:  // 小区, 社区, 园区 …, and 东区 after a name ("荷清苑东区")
            excluded = Contains(U"小社园苑校厂营宅期院景片矿楼商库站场馆所队居舍墅", before) ||
                       (Contains(kDirections, before) && length != 3);
            break;
          case SegmentCheck::kTown:  // 小镇
            excluded = previous == Level::kNone || before == U'小';
            break;
          case SegmentCheck::kVillage:  // 水乡, 家乡, 故乡
            excluded = previous == Level::kNone || Contains(U"水家故", before);
            break;
        }
        if (!excluded) return std::make_pair(q + 1, rule.level);
      }
    }
    return std::nullopt;
  }

  const BareName* MatchBareName(std::size_t i, Level previous) const {
    for (const BareName& bare : kBareNames) {
      if (bare.level > previous && Matches(i, bare.name) && At(i + bare.name.size()) != U'市') return &bare;
    }
    return nullptr;
  }

  /// Whether an administrative segment, possibly after bare names, starts at `i`.
  bool StartsDistrict(std::size_t i, Level previous, int depth) const {
    if (MatchSegment(i, previous)) return true;
    if (depth == 0) return false;
    const BareName* bare = MatchBareName(i, previous);
    return bare != nullptr && StartsDistrict(SkipSpaces(i + bare->name.size()), bare->level, depth - 1);
  }

  std::size_t ParseDistrict(std::size_t i) {
    Level previous = Level::kNone;
    std::size_t end = i;
    while (true) {
      const std::size_t start = SkipSpaces(end);
      if (auto segment = MatchSegment(start, previous)) {
        AppendRange(result_.district_text, start, segment->first);
        end = segment->first;
        previous = segment->second;
        continue;
      }
      const BareName* bare = MatchBareName(start, previous);
      if (bare != nullptr && StartsDistrict(SkipSpaces(start + bare->name.size()), bare->level, 1)) {
        AppendRange(result_.district_text, start, start + bare->name.size());
        end = start + bare->name.size();
        previous = bare->level;
        continue;
      }
      return end;
    }
  }

  bool ParseNumeral(std::size_t begin, std::size_t end, Value& value) const {
    bool has_unit = false;
    for (std::size_t k = begin; k < end; ++k) has_unit = has_unit || NumeralUnit(At(k)) > 0;
    if (!has_unit) {
      int number = 0;
      for (std::size_t k = begin; k < end; ++k) {
        const int digit = NumeralDigit(At(k));
        value.Append(static_cast<char>('0' + digit));
        number = number * 10 + digit;
      }
      value.number = number;
      value.digit_count = end - begin;
      return true;
    }
    int total = 0;
    int current = -1;
    int last_unit = 10'000;
    for (std::size_t k = begin; k < end; ++k) {
      const int digit = NumeralDigit(At(k));
      if (digit == 0) {
        if (current >= 0) return false;
        continue;
      }
      if (digit > 0) {
        if (current >= 0) return false;
        current = digit;
        continue;
      }
      const int unit = NumeralUnit(At(k));
      if (unit >= last_unit) return false;
      total += (current >= 0 ? current : 1) * unit;
      current = -1;
      last_unit = unit;
    }
    if (current >= 0) total += current;
    const std::string digits = std::to_string(total);
    for (char c : digits) value.Append(c);
    value.number = total;
    value.digit_count = digits.size();
    return true;
  }

  /// A number-like token at `i`. Tokens do not start inside a run of digits, letters or numerals;
  /// after a keyword ("ROOM1102") digits may follow letters.
  bool ReadValue(std::size_t i, bool after_keyword, Value& value) const {
    const char32_t c = At(i);
    const char32_t before = Before(i);
    if (!IsDigit(c) && !IsUpper(c) && !IsNumeral(c)) return false;
    value.kind = ValueKind::kDigits;
    value.begin = i;
    value.length = 0;
    value.number = -1;
    value.digit_count = 0;
    if (IsDigit(c)) {
      if (IsDigit(before) || (IsUpper(before) && !after_keyword)) return false;
      std::size_t j = i;
      while (IsDigit(At(j))) ++j;
      if (j - i > kMaxValueDigits) return false;
      int number = 0;
      for (std::size_t k = i; k < j; ++k) {
        value.Append(static_cast<char>(At(k)));
        if (k - i < 9) number = number * 10 + static_cast<int>(At(k) - U'0');
      }
      value.number = number;
      value.digit_count = j - i;
      // "12A栋", "1102A室"; an F after digits is a floor marker ("15F").
      if (IsUpper(At(j)) && At(j) != U'F' && !IsAsciiAlnum(At(j + 1))) {
        value.Append(static_cast<char>(At(j)));
        value.kind = ValueKind::kAlnum;
        ++j;
      }
      value.end = j;
      return true;
    }
    if (IsUpper(c)) {
      if (IsAsciiAlnum(before) && !after_keyword) return false;
      std::size_t j = i;
      while (IsUpper(At(j))) ++j;
      if (j - i > 2) return false;
      for (std::size_t k = i; k < j; ++k) value.Append(static_cast<char>(At(k)));
      value.kind = ValueKind::kLetters;
      std::size_t k = j;
      while (IsDigit(At(k))) ++k;
      if (k - j > kMaxValueDigits) return false;
      if (k > j) {
        int number = 0;
        for (std::size_t d = j; d < k; ++d) {
          value.Append(static_cast<char>(At(d)));
          number = number * 10 + static_cast<int>(At(d) - U'0');
        }
        value.kind = ValueKind::kAlnum;
        value.number = number;
        value.digit_count = k - j;
      }
      value.end = k;
      return true;
    }
    if (IsNumeral(c)) {
      if (IsNumeral(before)) return false;
      std::size_t j = i;
      while (IsNumeral(At(j)) && j - i < kMaxNumeralCharacters) ++j;
      if (IsNumeral(At(j)) || !ParseNumeral(i, j, value)) return false;
      value.kind = ValueKind::kNumeral;
      value.end = j;
      return true;
    }
    return false;
  }

  /// The marker after `value` (one space allowed before a Chinese marker) and where it ends.
  std::pair<Marker, std::size_t> ReadMarker(const Value& value) const {
    std::size_t j = value.end;
    if (At(j) == U' ' && IsWordCharacter(At(j + 1))) ++j;
    const char32_t next = At(j + 1);
    const std::pair<Marker, std::size_t> none = {Marker::kNone, value.end};
    switch (At(j)) {
      case U'号':
        switch (next) {
          case U'楼':
            return {Marker::kBuilding, j + 2};
          case U'院':
          case U'线':
            return {Marker::kNamePart, j + 2};
          case U'门':
            return {Marker::kGate, j + 2};
          case U'房':
          case U'室':
            return {Marker::kRoom, j + 2};
          default:
            return {Contains(kStreetEndings, Before(value.begin)) ? Marker::kNamePart : Marker::kBuildingOrRoom, j + 1};
        }
      case U'楼':
        if (next == U'层') return {Marker::kFloor, j + 2};
        return {Marker::kBuildingOrFloor, j + 1};
      case U'单':
        if (next == U'元') return {Marker::kEntrance, j + 2};
        if (IsWordCharacter(next) && !IsNumeral(next)) return none;  // 单位
        return {Marker::kEntrance, j + 1};
      case U'房':
        if (next == U'间') return {Marker::kRoom, j + 2};
        if (Contains(U"子产东租", next)) return none;
        return {Marker::kRoom, j + 1};
      case U'栋':
      case U'幢':
      case U'座':
      case U'#':
        // "3栋楼", "3#楼", but not the 楼 of "3栋楼下".
        if (next == U'楼' && !Contains(U"下上道梯顶前后里外门", At(j + 2))) {
          return {At(j) == U'#' ? Marker::kHash : Marker::kBuilding, j + 2};
        }
        return {At(j) == U'#' ? Marker::kHash : Marker::kBuilding, j + 1};
      case U'弄':
        return {Marker::kNamePart, j + 1};
      case U'门':
        if (Contains(U"卫口外前岗禁面诊", next)) return none;
        return {Marker::kEntrance, j + 1};
      case U'层':
        return {Marker::kFloor, j + 1};
      case U'F':
        if (IsUpper(next)) return none;
        return {Marker::kFloor, j + 1};
      case U'室':
      case U'户':
        return {Marker::kRoom, j + 1};
      case U'期':
      case U'区':
        return {Marker::kSection, j + 1};
      default:
        return none;
    }
  }

  std::optional<Marker> KeywordAt(std::size_t begin, std::size_t end) const {
    for (const MarkerWord& keyword : kKeywords) {
      if (keyword.text.size() == end - begin && Matches(begin, keyword.text)) return keyword.marker;
    }
    return std::nullopt;
  }

  /// Whether an element may start with `c`: most characters of a name are rejected here at once.
  static bool MayStartElement(char32_t c) {
    return IsDigit(c) || IsUpper(c) || c == U'地' || c == U'负' || IsNumeral(c);
  }

  /// Reads the element at `i` into `element`; false when there is none.
  bool ReadElement(std::size_t i, Element& element) const {
    const char32_t c = At(i);
    if (!MayStartElement(c)) return false;
    element.begin = i;
    element.negative = false;
    Value& value = element.value;
    if (IsUpper(c) && !IsAsciiAlnum(Before(i))) {
      std::size_t j = i;
      while (IsUpper(At(j))) ++j;
      if (auto keyword = KeywordAt(i, j)) {
        std::size_t k = j;
        while (At(k) == U' ' || IsSeparator(At(k))) ++k;
        if (!ReadValue(k, true, value)) return false;
        element.marker = *keyword;
        element.end = value.end;
        return true;
      }
      if (j - i == 1 && (c == U'F' || c == U'B') && IsDigit(At(j)) && ReadValue(j, true, value) &&
          value.kind == ValueKind::kDigits) {
        const auto [marker, end] = ReadMarker(value);
        const bool floor_marker = marker == Marker::kFloor || marker == Marker::kBuildingOrFloor;
        if (c == U'F' && marker != Marker::kBuilding && marker != Marker::kHash) {
          element.marker = Marker::kFloor;
          element.end = floor_marker ? end : value.end;
          return true;
        }
        if (c == U'B' && floor_marker) {
          element.marker = Marker::kFloor;
          element.end = end;
          element.negative = true;
          return true;
        }
      }
    }
    if (c == U'负' || Matches(i, U"地下")) {
      const std::size_t k = i + (c == U'负' ? 1 : 2);
      if (ReadValue(k, true, value) && value.kind != ValueKind::kLetters) {
        const auto [marker, end] = ReadMarker(value);
        if (marker == Marker::kFloor || marker == Marker::kBuildingOrFloor) {
          element.marker = Marker::kFloor;
          element.end = end;
          element.negative = true;
          return true;
        }
      }
    }
    if (!ReadValue(i, false, value)) return false;
    const auto [marker, end] = ReadMarker(value);
    element.marker = marker;
    element.end = end;
    return true;
  }

  bool Standalone(std::size_t end) const {
    const char32_t next = At(end);
    return next == U'\0' || next == U' ' || IsSeparator(next);
  }

  /// Where the building/unit/room part starts: the first marked number ("3栋", "二期", "B座") or
  /// free-standing number ("3-2-1102", "华清嘉园 1102"). A number glued to following text is part of
  /// the name ("798艺术区") unless nothing else follows.
  std::size_t FindTailStart(std::size_t i) {
    std::size_t embedded = kNoPosition;
    const std::size_t start = i;
    Element element;
    while (i < text_.size) {
      const char32_t c = At(i);
      if (c == U' ' || IsSeparator(c)) {
        ++i;
        continue;
      }
      if (!ReadElement(i, element)) {
        ++i;
        continue;
      }
      if (element.marker == Marker::kNamePart) {
        i = element.end;
        if (At(i - 1) == U'号' && Contains(kStreetEndings, Before(element.value.begin))) ReadAnnex(element, i);
        continue;
      }
      if (element.marker != Marker::kNone) return element.begin;
      if (element.value.kind != ValueKind::kNumeral && Standalone(element.end)) return element.begin;
      if (embedded == kNoPosition && i > start &&
          (element.value.kind == ValueKind::kDigits || element.value.kind == ValueKind::kAlnum) &&
          !IsAsciiAlnum(Before(i))) {
        embedded = i;
      }
      i = element.end;
    }
    return embedded == kNoPosition ? text_.size : embedded;
  }

  /// A street number ("学院路10号") and its annex ("附3号"), which belongs to the name too; moves `i`
  /// past the annex.
  void ReadAnnex(const Element& street, std::size_t& i) {
    street_ = street.value;
    street_end_ = i;
    has_annex_ = false;
    Element annex;
    if (At(i) == U'附' && ReadElement(i + 1, annex) && annex.marker == Marker::kBuildingOrRoom &&
        annex.value.kind != ValueKind::kLetters) {
      annex_ = annex.value;
      has_annex_ = true;
      i = annex.end;
      street_end_ = i;
    }
  }

  /// Whether `text`, read after the last building/unit/room part, is a compound's name written
  /// last ("3号楼2单元301 华清嘉园"): Chinese only, ending like a compound's name once place notes
  /// and a direction section are taken off, and not an instruction ("放门口", "送到家里").
  static bool LooksLikeTrailingName(std::u32string_view text) {
    bool stripped = true;
    while (stripped && !text.empty()) {
      stripped = false;
      for (std::u32string_view note : kPlaceNotes) {
        if (text.ends_with(note)) {
          text = TrimSeparators(text.substr(0, text.size() - note.size()));
          stripped = true;
          break;
        }
      }
    }
    if (text.size() >= 2 && IsDirectionSection(text.substr(text.size() - 2))) text.remove_suffix(2);
    if (text.size() < 2 || text.size() > kMaxCompoundCodePoints) return false;
    if (!std::all_of(text.begin(), text.end(), [](char32_t c) { return IsWordCharacter(c) && !IsNumeral(c); })) {
      return false;
    }
    return !Contains(kInstructionStarts, text.front()) && Contains(kCompoundNameEnds, text.back());
  }

  /// With no compound before the parts, a name after the unit or room is the compound ("3号楼2单元301
  /// 华清嘉园"); after a building alone it stays a note ("5号楼 学生公寓" names the building on a map).
  /// `tail_notes_end`: the number of notes when the tail was read.
  void TakeTrailingCompound(std::size_t tail_notes_end) {
    if (!result_.compound_text.empty() || !result_.section.empty() || trailing_begin_ == kNoPosition) return;
    if (result_.room.empty() && result_.entrance.empty()) return;
    const std::u32string_view rest =
        TrimSeparators(std::u32string_view(text_.chars.data() + trailing_begin_, text_.size - trailing_begin_));
    if (!LooksLikeTrailingName(rest)) return;
    result_.notes.erase(result_.notes.begin() + static_cast<std::ptrdiff_t>(trailing_notes_),
                        result_.notes.begin() + static_cast<std::ptrdiff_t>(tail_notes_end));
    ProcessCompound(trailing_begin_, text_.size);
  }

  void ProcessCompound(std::size_t begin, std::size_t end) {
    std::array<char32_t, kMaxAddressCodePoints> zone;
    std::size_t size = 0;
    for (std::size_t i = begin; i < end; ++i) {
      const char32_t c = At(i);
      if (c == U' ') {
        if (size > 0 && IsAsciiAlnum(zone[size - 1]) && i + 1 < end && IsAsciiAlnum(At(i + 1))) zone[size++] = c;
        continue;
      }
      zone[size++] = c;
    }
    std::u32string_view name = TrimSeparators(std::u32string_view(zone.data(), size));

    // A residents' committee before the compound is administrative: "科源社区华清嘉园小区".
    for (std::u32string_view committee :
         {std::u32string_view(U"社区"), std::u32string_view(U"居委会"), std::u32string_view(U"村委会")}) {
      const std::size_t at = name.rfind(committee);
      if (at == std::u32string_view::npos) continue;
      const std::u32string_view rest = TrimSeparators(name.substr(at + committee.size()));
      if (rest.size() >= 2 && !IsDirectionSection(rest)) {
        result_.district_text += Utf8(name.substr(0, at + committee.size()));
        name = rest;
        break;
      }
    }

    std::array<std::u32string_view, 4> place_notes;
    std::size_t place_note_count = 0;
    bool stripped = true;
    while (stripped && place_note_count < place_notes.size() && !name.empty() &&
           Contains(kPlaceNoteEnds, name.back())) {
      stripped = false;
      for (std::u32string_view note : kPlaceNotes) {
        if (name.ends_with(note)) {
          place_notes[place_note_count++] = note;
          name = TrimSeparators(name.substr(0, name.size() - note.size()));
          stripped = true;
          break;
        }
      }
    }

    std::string section;
    if (name.size() >= 2 && IsDirectionSection(name.substr(name.size() - 2))) {
      section = Utf8(name.substr(name.size() - 2));
      name = TrimSeparators(name.substr(0, name.size() - 2));
    }

    if (name.size() > kMaxCompoundCodePoints) {
      result_.notes.push_back(Utf8(name));
      name = {};
    }
    result_.compound_text = Utf8(name);
    result_.section = std::move(section);
    for (std::size_t k = place_note_count; k > 0; --k) result_.notes.push_back(Utf8(place_notes[k - 1]));
    compound_is_tower_ = !name.empty() && Contains(kTowerEnds, name.back()) &&
                         std::any_of(kTowerSuffixes.begin(), kTowerSuffixes.end(),
                                     [name](std::u32string_view suffix) { return name.ends_with(suffix); });
  }

  std::size_t SkipToken(std::size_t i) const {
    if (IsUpper(At(i))) {
      while (IsUpper(At(i))) ++i;
      return i;
    }
    if (IsDigit(At(i))) {
      while (IsDigit(At(i))) ++i;
      return i;
    }
    return i + 1;
  }

  void ParseTail(std::size_t i) {
    std::size_t note_begin = kNoPosition;
    Element scratch;
    const auto flush_note = [&](std::size_t end) {
      if (note_begin != kNoPosition) AddNote(note_begin, end);
      note_begin = kNoPosition;
    };
    while (i < text_.size) {
      const char32_t c = At(i);
      if (c == U' ' || IsSeparator(c)) {
        flush_note(i);
        ++i;
        continue;
      }
      Element& element = element_count_ < kMaxElements ? elements_[element_count_] : scratch;
      const bool found = ReadElement(i, element);
      const bool accepted =
          found && element.marker != Marker::kNamePart &&
          (element.marker != Marker::kNone || element.value.kind != ValueKind::kNumeral || Standalone(element.end)) &&
          element_count_ < kMaxElements;
      if (accepted) {
        flush_note(i);
        ++element_count_;
        i = element.end;
        trailing_begin_ = i;
        trailing_notes_ = result_.notes.size();
        continue;
      }
      if (note_begin == kNoPosition) note_begin = i;
      i = found ? std::max(element.end, i + 1) : SkipToken(i);
    }
    flush_note(text_.size);
  }

  void AppendRange(std::string& out, std::size_t begin, std::size_t end) const {
    std::array<char, kMaxAddressCodePoints * 4> buffer;
    std::size_t size = 0;
    char32_t last = U'\0';
    for (std::size_t i = begin; i < end && i < text_.size; ++i) {
      const char32_t c = At(i);
      if (c == U' ') {
        if (IsAsciiAlnum(last) && i + 1 < end && IsAsciiAlnum(At(i + 1))) buffer[size++] = ' ';
        continue;
      }
      size += detail::EncodeUtf8(c, buffer.data() + size);
      last = c;
    }
    out.append(buffer.data(), size);
  }

  void AddNote(std::size_t begin, std::size_t end) {
    std::string note;
    AppendRange(note, begin, end);
    if (!note.empty()) result_.notes.push_back(std::move(note));
  }

  bool Filled(Slot slot) const { return filled_[Index(slot)]; }

  Slot BuildingOrFloor(const Element& element, const Element* next) const {
    if (Filled(Slot::kBuilding) || Filled(Slot::kEntrance) || compound_is_tower_) return Slot::kFloor;
    if (element.value.kind == ValueKind::kLetters || element.value.kind == ValueKind::kAlnum) return Slot::kBuilding;
    if (element.value.number >= kFirstBuildingOnlyNumber) return Slot::kBuilding;
    if (next == nullptr) return Slot::kBuilding;
    switch (next->marker) {
      case Marker::kBuilding:
        return Slot::kFloor;
      case Marker::kNone:
      case Marker::kRoom:
      case Marker::kBuildingOrRoom: {
        const int room_floor = FloorOfRoom(next->value.Text());
        return room_floor > 0 && room_floor == element.value.number ? Slot::kFloor : Slot::kBuilding;
      }
      default:
        return Slot::kBuilding;
    }
  }

  Slot BuildingOrRoom(const Element& element, const Element* next) const {
    if (Filled(Slot::kBuilding) || Filled(Slot::kEntrance) || Filled(Slot::kFloor)) return Slot::kRoom;
    if (next != nullptr) {
      return next->marker == Marker::kBuilding || next->marker == Marker::kHash ? Slot::kRoom : Slot::kBuilding;
    }
    return element.value.digit_count >= 3 ? Slot::kRoom : Slot::kBuilding;
  }

  /// The part a marked element fills, given what is known so far; nullopt when it fills none.
  std::optional<Slot> ResolveSlot(std::size_t index) const {
    const Element& element = elements_[index];
    const Element* next = index + 1 < element_count_ ? &elements_[index + 1] : nullptr;
    switch (element.marker) {
      case Marker::kBuilding:
        return Slot::kBuilding;
      case Marker::kHash:
        if (!Filled(Slot::kBuilding)) return Slot::kBuilding;
        return Filled(Slot::kEntrance) ? Slot::kRoom : Slot::kEntrance;
      case Marker::kBuildingOrFloor:
        return BuildingOrFloor(element, next);
      case Marker::kBuildingOrRoom:
        return BuildingOrRoom(element, next);
      case Marker::kEntrance:
        return Slot::kEntrance;
      case Marker::kGate:
        if (Filled(Slot::kBuilding)) return Slot::kEntrance;
        return std::nullopt;
      case Marker::kFloor:
        return Slot::kFloor;
      case Marker::kRoom:
        return Slot::kRoom;
      case Marker::kSection:
        return Slot::kSection;
      case Marker::kNone:
      case Marker::kNamePart:
        return std::nullopt;
    }
    return std::nullopt;
  }

  void Place(const Element& element, Slot slot) {
    const int index = Index(slot);
    if (filled_[index] && slot != Slot::kSection) {
      AddNote(element.begin, element.end);
      return;
    }
    const Value& value = element.value;
    switch (slot) {
      case Slot::kSection:
        if ((value.kind == ValueKind::kDigits || value.kind == ValueKind::kNumeral) && value.number >= 1 &&
            value.number <= 99) {
          result_.section += detail::ChineseNumber(value.number);
        } else {
          result_.section += value.Text();
        }
        detail::AppendUtf8(result_.section, At(element.end - 1));
        break;
      case Slot::kBuilding:
        result_.building = NumberText(value);
        result_.building_text.clear();
        AppendRange(result_.building_text, element.begin, element.end);
        break;
      case Slot::kEntrance:
        result_.entrance = NumberText(value);
        break;
      case Slot::kFloor:
        if (value.number <= 0 || value.number > kMaxFloor) {
          AddNote(element.begin, element.end);
          return;
        }
        result_.floor = element.negative ? -value.number : value.number;
        break;
      case Slot::kRoom:
        result_.room = std::string(value.Text());
        break;
    }
    filled_[index] = true;
    last_slot_ = std::max(last_slot_, index);
  }

  /// Unmarked numbers [begin, end) fill the empty parts between what precedes and what follows.
  void AssignRun(std::size_t begin, std::size_t end) {
    const std::size_t count = end - begin;
    int upper = kSlotCount;
    if (end < element_count_) {
      if (auto slot = ResolveSlot(end)) upper = Index(*slot);
    }
    std::array<Slot, 4> slots{};
    std::size_t slot_count = 0;
    const auto collect = [&](int lower, int upper_bound) {
      for (bool with_floor : {false, true}) {
        slot_count = 0;
        for (Slot slot : {Slot::kBuilding, Slot::kEntrance, Slot::kFloor, Slot::kRoom}) {
          const int index = Index(slot);
          if (index <= lower || index >= upper_bound || filled_[index]) continue;
          if (slot == Slot::kFloor && !with_floor) continue;
          slots[slot_count++] = slot;
        }
        if (slot_count >= count) return;
      }
    };
    collect(last_slot_, upper);
    if (slot_count == 0) collect(last_slot_, kSlotCount);
    if (slot_count == 0) collect(-1, kSlotCount);

    const bool room_free =
        std::find(slots.begin(), slots.begin() + slot_count, Slot::kRoom) != slots.begin() + slot_count;
    if (count < slot_count && room_free && RoomLike(elements_[end - 1].value)) {
      std::size_t next_slot = 0;
      for (std::size_t k = begin; k + 1 < end; ++k) {
        while (slots[next_slot] == Slot::kRoom) ++next_slot;
        Place(elements_[k], slots[next_slot++]);
      }
      Place(elements_[end - 1], Slot::kRoom);
      return;
    }
    std::size_t next_slot = 0;
    for (std::size_t k = begin; k < end; ++k) {
      // A room number never goes to the floor: "3栋2单元1102-1" keeps 1102 as the room.
      if (next_slot < slot_count && slots[next_slot] == Slot::kFloor && RoomLike(elements_[k].value) &&
          next_slot + 1 < slot_count) {
        ++next_slot;
      }
      if (next_slot < slot_count) {
        Place(elements_[k], slots[next_slot++]);
      } else {
        AddNote(elements_[k].begin, elements_[k].end);
      }
    }
  }

  void Resolve() {
    std::size_t i = 0;
    while (i < element_count_) {
      if (elements_[i].marker == Marker::kNone) {
        std::size_t k = i;
        while (k < element_count_ && elements_[k].marker == Marker::kNone) ++k;
        AssignRun(i, k);
        i = k;
        continue;
      }
      if (auto slot = ResolveSlot(i)) {
        Place(elements_[i], *slot);
      } else {
        AddNote(elements_[i].begin, elements_[i].end);
      }
      ++i;
    }
  }

  ParsedAddress& result_;
  detail::NormalizedText text_;
  std::array<Element, kMaxElements> elements_;
  std::size_t element_count_ = 0;
  std::array<bool, kSlotCount> filled_{};
  int last_slot_ = -1;
  bool compound_is_tower_ = false;
  bool phone_removed_ = false;
  Value street_;
  Value annex_;
  std::size_t street_end_ = kNoPosition;
  bool has_annex_ = false;
  // Where the text after the last part starts, and how many notes there were then.
  std::size_t trailing_begin_ = kNoPosition;
  std::size_t trailing_notes_ = 0;
};

}  // namespace

ParsedAddress ParseAddress(std::string_view text) {
  ParsedAddress result;
  Parser parser(result);
  parser.Run(text);
  return result;
}

}  // namespace youhao::address
