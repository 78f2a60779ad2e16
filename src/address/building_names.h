#pragma once
/// Buildings named in a delivery address by their own name, not their number: "教三楼",
/// "学生5号公寓", "主教学楼", "鸿通楼". The parser reads numbers ("教三楼" gives building 3 out of
/// "三楼"); these functions find whole names first so that a name is never taken for a number it
/// holds. Pure logic, like the parser.

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "address/address_parser.h"

namespace youhao::address {

struct BuildingNameMatch {
  /// Indices into the names given that were found, best first: the longest name written in the
  /// text, every name written the same way (two buildings of one name), then by where the text
  /// names them.
  std::vector<std::size_t> names;
  std::size_t length = 0;     ///< code points of the name as matched
  bool holds_number = false;  ///< the name contains the building part the parser read ("教三楼" ⊃ "三楼")
};

/// The longest of `names` written whole inside `text`, or nullopt. Compared after the parser's
/// normalisation (full-width to half-width, latin upper case, spaces, separators and punctuation
/// left out), with Chinese digits read as digits ("教3楼" finds 教三楼). A name's parenthesised
/// part is also a name of its own ("中国邮政储蓄银行（鸿通楼）" is found by "鸿通楼" and by "中国邮政储蓄银行").
/// A name is whole when it is not glued to more digits or letters of a longer number ("1号楼" is
/// not in "11号楼", "B座" not in "AB座"). Names (or parts) shorter than two code points are
/// ignored. `parts` is ParseAddress(text), for `holds_number`.
std::optional<BuildingNameMatch> FindBuildingName(std::string_view text, const std::vector<std::string_view>& names,
                                                  const ParsedAddress& parts);

/// Whether the building number the parser read is the tail of a name glued before it, written
/// "N楼" ("教三楼": 教 + 三楼, "科2楼"): then it is part of a building's name, not a number of its
/// own. The caller knows better when the glued text is the compound's name ("农大小区23楼").
bool NumberIsPartOfName(std::string_view text, const ParsedAddress& parts);

/// Whether `name` reads as the name of a building ("科学楼", "第二食堂", "学生公寓", "活动中心"):
/// what the parser left as compound text when an address names a building by name only.
bool NamesABuilding(std::string_view name);

}  // namespace youhao::address
