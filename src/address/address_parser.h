#pragma once
/// Delivery addresses as customers type them: a parser that splits one free-text address into
/// compound, section, building, entrance (单元), floor and room, and a matcher that finds the
/// compound among the compounds we know. Pure logic: no database, no HTTP, no locale, no regex.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace youhao::address {

struct ParsedAddress {
  std::string compound_text;  ///< Compound name as written, prefixes removed, e.g. "金沙时代小区" ("" if none).
  std::string section;   ///< Part of a compound: "东区", "二期", "A区" ("" if none); numbered parts in Chinese.
  std::string building;  ///< Normalised building number: "3", "B", "319", "12A", "B1" ("" if none).
  std::string building_text;  ///< Building as written (half-width): "3栋", "3号楼", "三幢", "B座", "3#".
  std::string entrance;       ///< Unit (单元, 门) number normalised: "2" ("" if none).
  int floor = 0;              ///< 0 = unknown; negative for basements ("地下一层", "B1层" -> -1).
  std::string room;           ///< "1102" ("" if none).
  std::string district_text;  ///< Administrative prefix removed, e.g. "北京市海淀区中关村街道" ("" if none).
  /// Street number of a compound named by its street address: "学院路10号附3号" -> "10" ("" if none);
  /// the address stays whole in compound_text.
  std::string street_number;
  std::string annex;  ///< Annex of that street number (…号附N号): "3" ("" if none).
  /// Leftover text that was not understood, in reading order ("东侧门卫", "放门口"), then "phone removed"
  /// when mobile numbers were stripped and "text truncated" when the text was longer than we read.
  std::vector<std::string> notes;
};

/// Longest text considered, in code points after normalisation; the rest is ignored (and noted).
inline constexpr std::size_t kMaxAddressCodePoints = 192;

/// Parses one free-text delivery address. Never throws; never fails: unknown parts stay empty.
/// Text that is not well-formed UTF-8 is treated as absent (every field empty).
///
/// Normalises first: full-width ASCII to half-width, latin to upper case, stray spaces, punctuation,
/// emoji and symbols removed; '-' '#' '/' '_' (and '—' '－') stay as separators ("3-2-1102",
/// "3#2-1102"). Chinese numerals are read as numbers where a number is expected ("二十三栋" -> 23,
/// "一零二室" -> 102) and kept as written inside names ("五道口").
/// Mobile numbers (11 digits 1[3-9]…, also "138 1234 5678" and +86) and landlines ("010-62781234")
/// are removed with their label ("电话", "手机") and never kept anywhere in the result; numbers of
/// more than 6 digits are never read as building, unit or room.
///
/// The text reads as [district][compound][section] then building / entrance / floor / room parts:
///  - district: leading segments ending in 省/市/区/县/街道/镇/乡 (…), and a "…社区" committee that is
///    followed by a compound name ("科源社区华清嘉园小区");
///  - a number is part of the compound name when followed by 号院 / 弄 ("清华东路27号院"), by 号
///    after a street ("中关村南大街5号"), or directly by other text ("798艺术区") unless nothing
///    marked follows and text precedes it (then it starts the parts: "金沙时代1102放门口");
///  - markers: building 号楼 栋 幢 座 "#" BUILDING/BLDG; entrance 单元 门 UNIT (号门 only inside a known
///    building, otherwise a gate, kept as a note); floor 层 F FLOOR, basements 地下一层 负1层 B1层 -> -1;
///    room 室 房 户 ROOM/RM/APT; section 期 区 and a trailing 东区/西区/南区/北区/中区;
///  - "N楼" is a floor when a building or entrance is already known ("B座12楼"), when the compound
///    is a single tower (…大厦, …中心, …公寓: "国贸大厦12楼"), or when the room that follows starts
///    with N ("12楼1205"); otherwise it is a building, as Beijing writes it ("农大小区北区23楼4单元",
///    "23楼201", "农大小区23楼"), and so is any other "N楼" of 100 or more or with letters ("B楼");
///  - "N号" is a room once building, entrance or floor is known; otherwise a building when more parts
///    follow ("12号3单元"), else a room when N has 3+ digits ("1102号") and a building when shorter;
///  - unmarked numbers ("3-2-1102", "5栋-1-302", "B1-203", "B座 1208") fill the empty slots between
///    the parts around them in the order building, entrance, room, the last one going to the room
///    when it has 3+ digits and there are fewer numbers than slots; a 4th number makes a floor (never
///    a 3+ digit one); numbers left over, and parts written twice, become notes;
///  - the floor, when not written, comes from a 3- or 4-digit room: 302 -> 3, 1102 -> 11;
///  - financial numerals read as numerals: "壹号楼贰单元叁零壹" -> 1, 2, 301; "壹拾贰" -> 12;
///  - a street number's annex belongs to the name: "学院路10号附3号2单元301" keeps "学院路10号附3号" as
///    the compound text, with street_number "10" and annex "3";
///  - with no compound before the parts, a Chinese name after the unit or room that ends like a
///    compound's name (园 苑 院 区 里 村 … 大厦 大学) is the compound: "3号楼2单元301 华清嘉园"; an
///    instruction ("放门口") and a name after a building alone ("5号楼 学生公寓") stay notes.
ParsedAddress ParseAddress(std::string_view text);

struct CompoundCandidate {
  std::string code;
  std::string name;
  std::vector<std::string> aliases;
};

struct CompoundMatch {
  std::string code;
  std::string name;
  double confidence = 0;  ///< 0..1
};

/// Matches compound names written by customers against the compounds in the database. Built once
/// from the list (the server rebuilds it when compounds change); immutable afterwards, so one
/// instance may serve many threads, and copies share the index.
///
/// Names and queries are compared after the same normalisation as ParseAddress, with generic
/// suffixes (小区 花园 家园 社区 公寓 苑区 园区 别墅 大院, 号院 -> 号, …) removed from the "core" of the name
/// and the section kept apart. Confidence:
///  - 1.0  the normalised names are equal ("农大小区北区" ~ "农大小区-北区");
///  - 0.9  the cores are equal: suffix added or missing ("金沙时代" ~ "金沙时代小区");
///  - 0.88 / 0.8 the whole name / its core (3+ characters) appears inside a longer text
///         ("请送到华清嘉园小区门口");
///  - 0.8  same core, section written on one side only; 0.55 different sections;
///  - 0.7  one wrong, missing or extra character in the name or its core (edit distance 1 over code
///         points, 3+ characters: "华清佳园" ~ "华清嘉园小区", "阳先家园" ~ "阳光家园"); 0.55 two of
///         them in names of 6+ characters. A different section alone is not a typo;
///  - 0.45 + 0.35 × share: the text is the start (3+ characters) of a longer core ("北京邮电" ~
///         "北京邮电大学").
/// Only a real name match is matched: equal names or cores, a section written on one side only,
/// and a name or core inside the text that ends there (at a space, a number, the end, a generic
/// suffix or a place such as 门口 / 北门). A different section, a typo, an abbreviation and a name
/// that runs on into another name ("华清嘉园东里" holds 华清嘉园; "华清园" is one character from it)
/// are only suggested, with their confidence: Match() answers nothing when the best score is one of
/// them. Match() answers only above 0.5; when two different compounds tie for the best score, its
/// confidence is lowered by a quarter (the text is ambiguous: Suggest() lists them).
class CompoundMatcher {
 public:
  explicit CompoundMatcher(std::vector<CompoundCandidate> compounds);

  /// Best real name match for a compound name or a whole address (the compound part is parsed out
  /// of it and known names are also searched inside the whole text), or nullopt.
  std::optional<CompoundMatch> Match(std::string_view text) const;

  /// Up to `limit` matches above 0.5, best first, ties included and not discounted (for a "did you
  /// mean" list). Ties are ordered by how close the name's length is to the text's, then by the
  /// order of the candidates given to the constructor.
  std::vector<CompoundMatch> Suggest(std::string_view text, std::size_t limit) const;

  /// Number of compounds indexed.
  std::size_t size() const;

 private:
  struct Index;
  struct Scored;
  std::vector<Scored> Score(std::string_view text, double threshold) const;

  std::shared_ptr<const Index> index_;
};

}  // namespace youhao::address
