#pragma once
/// The header of a roster CSV, as a pure rule: where the phone, name, platform and depot columns
/// are. Platforms and depots export their sheets with Chinese headers (手机号, 姓名, 平台, 配送站 and
/// common variants); the English header (phone,name,platform,depot) is read alike, in any order.
/// Unit-tested without a database.

#include <string>
#include <vector>

namespace youhao::registry {

/// Column indexes, -1 when the column is absent.
struct RosterColumns {
  int phone = -1;
  int name = -1;
  int platform = -1;
  int depot = -1;
  /// Phone, name and platform are required; the depot is optional.
  [[nodiscard]] bool Complete() const { return phone >= 0 && name >= 0 && platform >= 0; }
};

/// Reads a header line already split into trimmed fields. Spaces inside a field and ASCII case
/// are ignored; the first field naming a column wins.
RosterColumns ReadRosterHeader(const std::vector<std::string>& header);

}  // namespace youhao::registry
