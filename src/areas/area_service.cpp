#include "areas/area_service.h"

#include <array>

namespace youhao::areas {

namespace {

constexpr std::array<std::string_view, 5> kLevelNames = {"city", "district", "street", "community", "compound"};

constexpr std::string_view kAreaColumns = "code, parent_code, level, name_zh, name_en, path, lat, lon, source, osm_ref";

Area FromRow(const storage::Row& row) {
  Area area;
  area.code = row.Text(0);
  area.parent_code = row.OptionalText(1);
  area.level = ParseLevel(row.Text(2)).value_or(Level::kCompound);
  area.name_zh = row.Text(3);
  area.name_en = row.Text(4);
  area.path = row.Text(5);
  area.lat = row.OptionalDouble(6);
  area.lon = row.OptionalDouble(7);
  area.source = row.Text(8);
  area.osm_ref = row.OptionalText(9);
  return area;
}

std::string Select(std::string_view rest) {
  return "SELECT " + std::string(kAreaColumns) + " FROM areas " + std::string(rest);
}

}  // namespace

std::string_view LevelName(Level level) { return kLevelNames[static_cast<std::size_t>(level)]; }

std::optional<Level> ParseLevel(std::string_view name) {
  for (std::size_t i = 0; i < kLevelNames.size(); ++i) {
    if (kLevelNames[i] == name) return static_cast<Level>(i);
  }
  return std::nullopt;
}

bool PathWithin(std::string_view path, std::string_view scope_path) {
  return !scope_path.empty() && path.starts_with(scope_path);
}

std::string_view PathCodeAt(std::string_view path, Level level) {
  std::size_t start = 0;
  for (int depth = 0; depth < static_cast<int>(level); ++depth) {
    start = path.find('/', start);
    if (start == std::string_view::npos) return {};
    ++start;
  }
  const std::size_t end = path.find('/', start);
  if (end == std::string_view::npos) return {};
  return path.substr(start, end - start);
}

std::pair<std::string, std::string> PathRange(std::string_view scope_path) {
  // Paths hold digits, letters and '/', all below '~', so prefix + "~" bounds the range.
  return {std::string(scope_path), std::string(scope_path) + "~"};
}

std::optional<Area> AreaService::Find(std::string_view code) const {
  if (auto cached = cache_.Get(std::string(code))) return std::move(*cached);
  auto connection = database_.Acquire();
  return Find(*connection, code);
}

std::optional<Area> AreaService::Find(storage::Connection& connection, std::string_view code) const {
  const std::string key(code);
  if (auto cached = cache_.Get(key)) return std::move(*cached);
  static const std::string sql = Select("WHERE code = ?");
  auto row = connection.QueryOne(sql, {key});
  std::optional<Area> area = row ? std::optional<Area>(FromRow(*row)) : std::nullopt;
  cache_.Put(key, area);
  return area;
}

std::vector<std::pair<Area, long long>> AreaService::ChildrenWithCompoundCounts(const Area& area) const {
  static const std::string sql = Select("WHERE parent_code = ? ORDER BY code");
  auto connection = database_.Acquire();
  std::vector<std::pair<Area, long long>> children;
  for (const auto& row : connection->Query(sql, {area.code})) {
    Area child = FromRow(row);
    long long compounds = 0;
    if (child.level == Level::kCompound) {
      compounds = 1;
    } else {
      auto [low, high] = PathRange(child.path);
      compounds = connection->QueryInt("SELECT COUNT(*) FROM areas WHERE level = 'compound' AND path >= ? AND path < ?",
                                       {low, high});
    }
    children.emplace_back(std::move(child), compounds);
  }
  return children;
}

std::vector<Area> AreaService::Ancestors(const Area& area) const {
  std::vector<Area> ancestors;
  auto connection = database_.Acquire();
  std::optional<std::string> parent = area.parent_code;
  while (parent && ancestors.size() < 8) {
    auto found = Find(*connection, *parent);
    if (!found) break;
    parent = found->parent_code;
    ancestors.insert(ancestors.begin(), std::move(*found));
  }
  return ancestors;
}

Area AreaService::Insert(storage::Connection& connection, Area area, std::string_view parent_path) {
  area.path = std::string(parent_path) + area.code + "/";
  static const std::string sql =
      "INSERT INTO areas (code, parent_code, level, name_zh, name_en, path, lat, lon, source, osm_ref) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  auto optional_text = [](const std::optional<std::string>& text) -> storage::Value {
    return text ? storage::Value(*text) : storage::Value(nullptr);
  };
  auto optional_real = [](const std::optional<double>& real) -> storage::Value {
    return real ? storage::Value(*real) : storage::Value(nullptr);
  };
  connection.Execute(
      sql, {area.code, optional_text(area.parent_code), std::string(LevelName(area.level)), area.name_zh, area.name_en,
            area.path, optional_real(area.lat), optional_real(area.lon), area.source, optional_text(area.osm_ref)});
  return area;
}

}  // namespace youhao::areas
