#include "maps/osm_map_importer.h"

#include <chrono>
#include <filesystem>
#include <unordered_map>

#include <fmt/format.h>

#include "areas/area_service.h"
#include "maps/geometry.h"
#include "maps/osm_import.h"
#include "osm/osm_data.h"

namespace youhao::maps {
namespace {

constexpr double kMaxParentDistanceMetres = 3000;
constexpr std::string_view kImporter = "import-osm";

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// The compound's area: by OSM id, by name, or a new one under the nearest community.
std::optional<areas::Area> FindOrCreateArea(storage::Connection& connection, const ImportedCompound& compound,
                                            const std::optional<std::string>& parent_code, bool& created,
                                            std::vector<std::string>& warnings) {
  created = false;
  const char* kColumns = "SELECT code FROM areas WHERE level = 'compound' AND ";
  std::optional<storage::Row> row = connection.QueryOne(std::string(kColumns) + "osm_ref = ?", {compound.osm_ref});
  if (!row) row = connection.QueryOne(std::string(kColumns) + "name_zh = ? ORDER BY code LIMIT 1", {compound.name});
  if (row) {
    auto area = connection.QueryOne("SELECT code, parent_code, name_zh, path, lat, lon FROM areas WHERE code = ?",
                                    {row->Text(0)});
    areas::Area out;
    out.code = area->Text(0);
    out.parent_code = area->OptionalText(1);
    out.level = areas::Level::kCompound;
    out.name_zh = area->Text(2);
    out.path = area->Text(3);
    out.lat = area->OptionalDouble(4);
    out.lon = area->OptionalDouble(5);
    return out;
  }
  std::optional<storage::Row> parent;
  if (parent_code) {
    parent = connection.QueryOne("SELECT code, path FROM areas WHERE code = ? AND level = 'community'", {*parent_code});
    if (!parent) {
      warnings.push_back(fmt::format("{}: --parent {} is not a community", compound.name, *parent_code));
      return std::nullopt;
    }
  } else {
    double best = kMaxParentDistanceMetres;
    for (const auto& candidate : connection.Query(
             "SELECT code, path, lat, lon FROM areas WHERE level = 'community' AND lat IS NOT NULL AND lon IS NOT NULL "
             "AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
             {compound.centre.lat - 0.03, compound.centre.lat + 0.03, compound.centre.lon - 0.04,
              compound.centre.lon + 0.04})) {
      const double distance = DistanceMetres(compound.centre, {candidate.Double(3), candidate.Double(2)});
      if (distance < best) {
        best = distance;
        parent = candidate;
      }
    }
    if (!parent) {
      warnings.push_back(
          fmt::format("{}: no community within 3 km to attach it to (pass --parent CODE)", compound.name));
      return std::nullopt;
    }
  }
  const std::string parent_code_found = parent->Text(0);
  const long long existing =
      connection.QueryInt("SELECT COUNT(*) FROM areas WHERE parent_code = ?", {parent_code_found});
  std::string code;
  for (long long n = existing + 1;; ++n) {
    code = fmt::format("{}{:03d}", parent_code_found, n);
    if (!connection.QueryOne("SELECT code FROM areas WHERE code = ?", {code})) break;
  }
  areas::Area area;
  area.code = code;
  area.parent_code = parent_code_found;
  area.level = areas::Level::kCompound;
  area.name_zh = compound.name;
  area.name_en = fmt::format("Compound {}", code);
  area.lat = compound.centre.lat;
  area.lon = compound.centre.lon;
  area.source = "osm";
  area.osm_ref = compound.osm_ref;
  created = true;
  return areas::AreaService::Insert(connection, area, parent->Text(1));
}

}  // namespace

core::Result<OsmFileImport> ImportOsmFile(storage::Database& database, MapService& maps, const std::string& path,
                                          const std::optional<std::string>& parent_code) {
  const auto started = std::chrono::steady_clock::now();
  OsmFileImport result;
  result.file = path;
  std::error_code file_error;
  if (std::filesystem::exists(path, file_error) && !std::filesystem::is_regular_file(path, file_error)) {
    return core::MakeError(core::ErrorCode::kValidationFailed, path + " is not a file");
  }
  auto data = osm::ReadOsmFile(path);
  if (!data.ok()) return data.error();
  data->BuildIndex();
  result.read_seconds = SecondsSince(started);
  OsmImport extracted = ExtractCompounds(*data);
  result.warnings = std::move(extracted.warnings);

  auto connection = database.Acquire();
  storage::Transaction transaction(*connection);
  for (ImportedCompound& compound : extracted.compounds) {
    bool created = false;
    auto area = FindOrCreateArea(*connection, compound, parent_code, created, result.warnings);
    if (!area) continue;
    for (const std::string& alias : compound.aliases) {
      connection->Execute("INSERT INTO compound_aliases (compound_code, alias) VALUES (?, ?) ON CONFLICT DO NOTHING",
                          {area->code, alias});
    }
    ImportedCompoundSummary summary{area->code,
                                    compound.name,
                                    created,
                                    compound.Count(FeatureKind::kBuilding),
                                    compound.Count(FeatureKind::kEntrance),
                                    compound.Count(FeatureKind::kGate),
                                    compound.Count(FeatureKind::kParking),
                                    compound.Count(FeatureKind::kPath),
                                    0};
    // Keep what staff drew; replace what came from OpenStreetMap before. A staff entrance that
    // belonged to an imported building follows that building (same OSM id) to its new version.
    CompoundMap current = maps.Load(*connection, *area);
    std::vector<Feature> features = std::move(compound.features);
    std::unordered_map<std::string, long long> imported_by_osm_ref;
    for (const Feature& feature : features) {
      if (!feature.osm_ref.empty()) imported_by_osm_ref.emplace(feature.osm_ref, feature.id);
    }
    for (Feature& feature : current.features) {
      if (!feature.osm_ref.empty()) continue;
      if (feature.building_id != 0) {
        const Feature* building = current.Find(feature.building_id);
        if (building != nullptr && !building->osm_ref.empty()) {
          auto found = imported_by_osm_ref.find(building->osm_ref);
          feature.building_id = found != imported_by_osm_ref.end() ? found->second : 0;
        }
      }
      features.push_back(std::move(feature));
    }
    auto version = maps.Replace(*connection, std::string(kImporter), *area, std::move(features), std::nullopt, "osm");
    if (!version.ok()) return version.error();
    summary.version = *version;
    result.compounds.push_back(std::move(summary));
  }
  transaction.Commit();
  result.total_seconds = SecondsSince(started);
  return result;
}

}  // namespace youhao::maps
