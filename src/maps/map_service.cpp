#include "maps/map_service.h"
#include "core/json_output.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "audit/audit_log.h"
#include "core/base64.h"

namespace youhao::maps {
namespace {

namespace json = boost::json;
using core::ErrorCode;
using core::MakeError;

std::string StoredJson(Feature feature) {
  feature.id = 0;
  return core::SerializeJson(FeatureToGeoJson(feature));
}

std::optional<Feature> FeatureFromStored(long long id, const std::string& text) {
  boost::system::error_code error;
  const json::value value = json::parse(text, error);
  if (error) return std::nullopt;
  auto feature = FeatureFromGeoJson(value, "stored feature");
  if (!feature.ok()) return std::nullopt;
  feature->id = id;
  return std::move(feature.value());
}

std::string IdList(const std::vector<long long>& ids) {
  json::array array;
  for (const long long id : ids) array.push_back(id);
  return json::serialize(array);
}

std::vector<long long> ParseIdList(const std::string& text) {
  std::vector<long long> ids;
  boost::system::error_code error;
  const json::value value = json::parse(text, error);
  if (error || !value.is_array()) return ids;
  for (const json::value& id : value.get_array()) {
    if (id.is_int64()) ids.push_back(id.get_int64());
  }
  return ids;
}

bool KindOrder(const Feature& a, const Feature& b) {
  auto rank = [](FeatureKind kind) {
    return kind == FeatureKind::kBoundary ? 0 : kind == FeatureKind::kBuilding ? 1 : 2;
  };
  return rank(a.kind) < rank(b.kind);
}

long long InsertFeature(storage::Connection& connection, const std::string& compound_code, const Feature& feature) {
  return connection
      .QueryOne(
          "INSERT INTO map_features (compound_code, kind, label, feature_json, osm_ref) VALUES (?, ?, ?, ?, ?) "
          "RETURNING id",
          {compound_code, std::string(KindName(feature.kind)), feature.label, StoredJson(feature),
           feature.osm_ref.empty() ? storage::Value(nullptr) : storage::Value(feature.osm_ref)})
      ->Int(0);
}

}  // namespace

CompoundMap MapService::Load(storage::Connection& connection, const areas::Area& compound) const {
  CompoundMap map;
  map.compound_code = compound.code;
  map.compound_name = compound.name_zh;
  if (auto row =
          connection.QueryOne("SELECT version, source FROM compound_maps WHERE compound_code = ?", {compound.code})) {
    map.version = row->Int(0);
    map.source = row->Text(1);
  }
  for (const auto& row :
       connection.Query("SELECT id, feature_json FROM map_features WHERE compound_code = ? AND deleted = 0 ORDER BY id",
                        {compound.code})) {
    if (auto feature = FeatureFromStored(row.Int(0), row.Text(1))) map.features.push_back(std::move(*feature));
  }
  return map;
}

std::shared_ptr<const CompoundRouter> MapService::Router(const areas::Area& compound) const {
  if (auto cached = routers_.Get(compound.code)) return *cached;
  auto connection = database_.Acquire();
  auto router = std::make_shared<const CompoundRouter>(Load(*connection, compound), TravelModel{}, holidays_);
  routers_.Put(compound.code, router);
  return router;
}

core::Result<long long> MapService::BumpVersion(storage::Connection& connection, const std::string& compound_code,
                                                const std::string& actor_login, std::optional<long long> base_version,
                                                const std::string& source) {
  const long long now = storage::NowSeconds();
  // Writers of one map queue on its row: SQLite's write transaction already does this; on
  // PostgreSQL the row lock does (created first, so that there is a row to lock).
  connection.Execute(
      "INSERT INTO compound_maps (compound_code, version, source, updated_at, updated_by) VALUES (?, 0, '', ?, ?) "
      "ON CONFLICT DO NOTHING",
      {compound_code, now, actor_login});
  auto row = connection.QueryOne(connection.dialect() == storage::Dialect::kPostgres
                                     ? "SELECT version, source FROM compound_maps WHERE compound_code = ? FOR UPDATE"
                                     : "SELECT version, source FROM compound_maps WHERE compound_code = ?",
                                 {compound_code});
  const long long current = row->Int(0);
  if (base_version && *base_version != current) {
    return MakeError(
        ErrorCode::kConflict,
        fmt::format("the map changed since version {} (now {}): reload it and try again", *base_version, current));
  }
  std::string merged = row->Text(1);
  if (merged.empty()) {
    merged = source;
  } else if (merged.find(source) == std::string::npos) {
    merged = source == "osm" ? "osm+" + merged : merged + "+" + source;
  }
  // The compare-and-set makes a concurrent writer (another server) lose with a conflict.
  const long long changed = connection.Execute(
      "UPDATE compound_maps SET version = version + 1, source = ?, updated_at = ?, updated_by = ? WHERE compound_code "
      "= ? AND version = ?",
      {merged, now, actor_login, compound_code, current});
  if (changed != 1)
    return MakeError(ErrorCode::kConflict, "the map changed at the same moment: reload it and try again");
  return current + 1;
}

void MapService::RecordChange(storage::Connection& connection, const std::string& compound_code, long long version,
                              const std::string& actor_login, std::string_view action, long long feature_id,
                              const std::string& label, const std::string& before_json, const std::string& after_json) {
  connection.Execute(
      "INSERT INTO map_changes (compound_code, version, at, actor_login, action, feature_id, label, before_json, "
      "after_json) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {compound_code, version, storage::NowSeconds(), actor_login, std::string(action),
       feature_id != 0 ? storage::Value(feature_id) : storage::Value(nullptr), label, before_json, after_json});
  audit::Entry entry;
  entry.at = storage::NowSeconds();
  entry.actor_login = actor_login;
  entry.action = fmt::format("map.{}", action);
  entry.entity = "map_feature";
  entry.entity_id = feature_id != 0 ? std::to_string(feature_id) : compound_code;
  entry.area_code = compound_code;
  entry.before_json = before_json;
  entry.after_json = after_json;
  audit::AuditLog::Record(connection, entry);
}

core::Status MapService::CheckFeature(const CompoundMap& map, const Feature& feature, const Feature* before) const {
  if (feature.kind == FeatureKind::kEntrance && feature.building_id != 0) {
    const Feature* building = map.Find(feature.building_id);
    if (building == nullptr || building->kind != FeatureKind::kBuilding) {
      return MakeError(
          ErrorCode::kValidationFailed,
          fmt::format("{}: building_id {} is not a building of this compound", feature.label, feature.building_id));
    }
  }
  // Numbers that came with the map (OpenStreetMap has campuses with two 2号楼) are left alone;
  // a number staff give or change must tell the building apart.
  const bool number_changed =
      before == nullptr || before->number != feature.number || before->section != feature.section;
  if (feature.kind == FeatureKind::kBuilding && !feature.number.empty() && number_changed) {
    for (const Feature& other : map.features) {
      if (other.id != feature.id && other.kind == FeatureKind::kBuilding && other.number == feature.number &&
          other.section == feature.section) {
        return core::MakeProblem(
            ErrorCode::kValidationFailed, "", "maps.same_building_number",
            fmt::format("{}{} already exists: give one of them a section", feature.section, feature.label),
            {{"building", feature.section + feature.label}});
      }
    }
  }
  if (feature.kind == FeatureKind::kBoundary) {
    for (const Feature& other : map.features) {
      if (other.id != feature.id && other.kind == FeatureKind::kBoundary) {
        return MakeError(ErrorCode::kValidationFailed,
                         "the compound already has a boundary: move or delete it instead");
      }
    }
  }
  return core::Ok{};
}

core::Result<long long> MapService::Replace(storage::Connection& connection, const std::string& actor_login,
                                            const areas::Area& compound, std::vector<Feature> features,
                                            std::optional<long long> base_version, std::string source) {
  auto version = BumpVersion(connection, compound.code, actor_login, base_version, source);
  if (!version) return version.error();
  std::vector<long long> before;
  for (const auto& row :
       connection.Query("SELECT id FROM map_features WHERE compound_code = ? AND deleted = 0", {compound.code})) {
    before.push_back(row.Int(0));
  }
  connection.Execute("UPDATE map_features SET deleted = 1 WHERE compound_code = ? AND deleted = 0", {compound.code});
  for (std::size_t i = 0; i < features.size(); ++i) {
    const Feature& a = features[i];
    if (a.kind != FeatureKind::kBuilding || a.number.empty() || !a.osm_ref.empty()) continue;
    for (std::size_t j = i + 1; j < features.size(); ++j) {
      const Feature& b = features[j];
      if (b.kind == FeatureKind::kBuilding && b.osm_ref.empty() && b.number == a.number && b.section == a.section) {
        return core::MakeProblem(
            ErrorCode::kValidationFailed, "", "maps.same_building_number",
            fmt::format("feature {} ({}{}) has the same number as feature {}: give one of them a section", j + 1,
                        b.section, b.label, i + 1),
            {{"building", b.section + b.label}});
      }
    }
  }
  std::stable_sort(features.begin(), features.end(), KindOrder);
  std::unordered_map<long long, long long> new_ids;
  std::vector<long long> after;
  after.reserve(features.size());
  for (Feature& feature : features) {
    if (feature.kind == FeatureKind::kEntrance && feature.building_id != 0) {
      auto found = new_ids.find(feature.building_id);
      feature.building_id = found != new_ids.end() ? found->second : 0;
    }
    const long long id = InsertFeature(connection, compound.code, feature);
    if (feature.id != 0) new_ids[feature.id] = id;
    after.push_back(id);
  }
  RecordChange(connection, compound.code, *version, actor_login, "replace", 0,
               fmt::format("{} features ({})", features.size(), source), IdList(before), IdList(after));
  routers_.Erase(compound.code);
  return *version;
}

core::Result<long long> MapService::Replace(const accounts::Principal& actor, const areas::Area& compound,
                                            std::vector<Feature> features, std::optional<long long> base_version) {
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto version = Replace(*connection, actor.login, compound, std::move(features), base_version, "drawn");
  if (!version) return version;
  transaction.Commit();
  routers_.Erase(compound.code);
  return version;
}

core::Result<FeatureSaved> MapService::Add(const accounts::Principal& actor, const areas::Area& compound,
                                           Feature feature, std::optional<long long> base_version) {
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto version = BumpVersion(*connection, compound.code, actor.login, base_version, "drawn");
  if (!version) return version.error();
  const CompoundMap map = Load(*connection, compound);
  feature.id = 0;
  if (auto checked = CheckFeature(map, feature, nullptr); !checked) return checked.error();
  const long long id = InsertFeature(*connection, compound.code, feature);
  feature.id = id;
  RecordChange(*connection, compound.code, *version, actor.login, "create", id, feature.label, "", StoredJson(feature));
  transaction.Commit();
  routers_.Erase(compound.code);
  return FeatureSaved{id, *version};
}

core::Result<FeatureSaved> MapService::Update(const accounts::Principal& actor, const areas::Area& compound,
                                              Feature feature, std::optional<long long> base_version) {
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto version = BumpVersion(*connection, compound.code, actor.login, base_version, "drawn");
  if (!version) return version.error();
  const CompoundMap map = Load(*connection, compound);
  const Feature* before = map.Find(feature.id);
  if (before == nullptr)
    return MakeError(ErrorCode::kNotFound, fmt::format("feature {} is not on this map", feature.id));
  if (auto checked = CheckFeature(map, feature, before); !checked) return checked.error();
  connection->Execute(
      "UPDATE map_features SET kind = ?, label = ?, feature_json = ?, osm_ref = ? WHERE id = ?",
      {std::string(KindName(feature.kind)), feature.label, StoredJson(feature),
       feature.osm_ref.empty() ? storage::Value(nullptr) : storage::Value(feature.osm_ref), feature.id});
  RecordChange(*connection, compound.code, *version, actor.login, "update", feature.id, feature.label,
               StoredJson(*before), StoredJson(feature));
  transaction.Commit();
  routers_.Erase(compound.code);
  return FeatureSaved{feature.id, *version};
}

core::Result<long long> MapService::Remove(const accounts::Principal& actor, const areas::Area& compound,
                                           long long feature_id, std::optional<long long> base_version) {
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto version = BumpVersion(*connection, compound.code, actor.login, base_version, "drawn");
  if (!version) return version.error();
  const CompoundMap map = Load(*connection, compound);
  const Feature* before = map.Find(feature_id);
  if (before == nullptr)
    return MakeError(ErrorCode::kNotFound, fmt::format("feature {} is not on this map", feature_id));
  connection->Execute("UPDATE map_features SET deleted = 1 WHERE id = ?", {feature_id});
  RecordChange(*connection, compound.code, *version, actor.login, "delete", feature_id, before->label,
               StoredJson(*before), "");
  transaction.Commit();
  routers_.Erase(compound.code);
  return *version;
}

core::Result<UndoResult> MapService::Undo(const accounts::Principal& actor, const areas::Area& compound) {
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto version = BumpVersion(*connection, compound.code, actor.login, std::nullopt, "drawn");
  if (!version) return version.error();
  auto change = connection->QueryOne(
      "SELECT id, action, feature_id, label, before_json, after_json FROM map_changes "
      "WHERE compound_code = ? AND undone = 0 AND action <> 'undo' ORDER BY id DESC LIMIT 1",
      {compound.code});
  if (!change) return MakeError(ErrorCode::kConflict, "nothing to undo");
  const std::string action = change->Text(1);
  const long long feature_id = change->IsNull(2) ? 0 : change->Int(2);
  if (action == "create") {
    connection->Execute("UPDATE map_features SET deleted = 1 WHERE id = ?", {feature_id});
  } else if (action == "delete") {
    connection->Execute("UPDATE map_features SET deleted = 0 WHERE id = ?", {feature_id});
  } else if (action == "update") {
    const std::string before = change->Text(4);
    auto feature = FeatureFromStored(feature_id, before);
    if (!feature) return MakeError(ErrorCode::kInternal, "the stored change cannot be read back");
    connection->Execute(
        "UPDATE map_features SET kind = ?, label = ?, feature_json = ?, osm_ref = ? WHERE id = ?",
        {std::string(KindName(feature->kind)), feature->label, before,
         feature->osm_ref.empty() ? storage::Value(nullptr) : storage::Value(feature->osm_ref), feature_id});
  } else if (action == "replace") {
    for (const long long id : ParseIdList(change->Text(5)))
      connection->Execute("UPDATE map_features SET deleted = 1 WHERE id = ?", {id});
    for (const long long id : ParseIdList(change->Text(4)))
      connection->Execute("UPDATE map_features SET deleted = 0 WHERE id = ?", {id});
  }
  connection->Execute("UPDATE map_changes SET undone = 1 WHERE id = ?", {change->Int(0)});
  RecordChange(*connection, compound.code, *version, actor.login, "undo", feature_id,
               fmt::format("{} {}", action, change->Text(3)), change->Text(5), change->Text(4));
  transaction.Commit();
  routers_.Erase(compound.code);
  return UndoResult{*version, action, change->Text(3)};
}

media::StoredPhoto MapService::AddPhoto(const accounts::Principal& actor, const areas::Area& compound,
                                        const std::string& content_type, const std::string& bytes) {
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  media::StoredPhoto stored;
  stored.public_id = media::NewPhotoId();
  stored.id = connection
                  ->QueryOne(
                      "INSERT INTO map_media (compound_code, content_type, data_base64, uploaded_at, "
                      "uploaded_by, public_id) VALUES (?, ?, ?, ?, ?, ?) "
                      "RETURNING id",
                      {compound.code, content_type, core::Base64Encode(bytes, core::Base64Variant::kStandard),
                       storage::NowSeconds(), actor.login, stored.public_id})
                  ->Int(0);
  audit::Entry entry =
      accounts::AuditEntryBy(actor, "map.photo", "map_media", std::to_string(stored.id), compound.code);
  entry.after_json = fmt::format(R"({{"content_type":"{}","bytes":{}}})", content_type, bytes.size());
  audit::AuditLog::Record(*connection, entry);
  transaction.Commit();
  return stored;
}

core::Result<media::ServedPhoto> MapService::Photo(std::string_view public_id) const {
  if (!media::IsPhotoId(public_id)) return MakeError(ErrorCode::kNotFound, "no such photo");
  auto connection = database_.Acquire();
  auto row = connection->QueryOne("SELECT content_type, data_base64 FROM map_media WHERE public_id = ?",
                                  {std::string(public_id)});
  if (!row) return MakeError(ErrorCode::kNotFound, "no such photo");
  auto bytes = core::Base64Decode(row->Text(1), core::Base64Variant::kStandard);
  if (!bytes) throw storage::DatabaseError("stored map photo " + std::string(public_id) + " is not base64");
  return media::ServedPhoto{row->Text(0), std::string(bytes->begin(), bytes->end()), true};
}

std::string MapService::MediaUrl(std::string_view public_id) { return fmt::format("/api/v1/map-media/{}", public_id); }

long long MapService::FillMissingPhotoIds() {
  auto connection = database_.Acquire();
  long long filled = 0;
  std::set<std::string> compounds;
  for (;;) {
    const auto rows =
        connection->Query("SELECT id, compound_code FROM map_media WHERE public_id IS NULL ORDER BY id LIMIT 100");
    if (rows.empty()) break;
    storage::Transaction transaction(*connection);
    for (const storage::Row& row : rows) {
      const std::string public_id = media::NewPhotoId();
      filled += connection->Execute("UPDATE map_media SET public_id = ? WHERE id = ? AND public_id IS NULL",
                                    {public_id, row.Int(0)});
      // The URL is stored as a JSON string, quotes included: "/api/v1/map-media/12" never matches 123.
      const std::string old_url = fmt::format("\"{}\"", fmt::format("/api/v1/map-media/{}", row.Int(0)));
      const std::string new_url = fmt::format("\"{}\"", MediaUrl(public_id));
      const std::string pattern = "%" + old_url + "%";
      connection->Execute(
          "UPDATE map_features SET feature_json = REPLACE(feature_json, ?, ?) WHERE compound_code = ? AND "
          "feature_json LIKE ?",
          {old_url, new_url, row.Text(1), pattern});
      connection->Execute(
          "UPDATE map_changes SET before_json = REPLACE(before_json, ?, ?), after_json = REPLACE(after_json, ?, ?) "
          "WHERE compound_code = ? AND (before_json LIKE ? OR after_json LIKE ?)",
          {old_url, new_url, old_url, new_url, row.Text(1), pattern, pattern});
      compounds.insert(row.Text(1));
    }
    transaction.Commit();
  }
  for (const std::string& code : compounds) routers_.Erase(code);
  return filled;
}

std::vector<MapChange> MapService::History(const areas::Area& compound, int limit) const {
  auto connection = database_.Acquire();
  std::vector<MapChange> changes;
  for (const auto& row :
       connection->Query("SELECT id, version, at, actor_login, action, feature_id, label, undone FROM map_changes "
                         "WHERE compound_code = ? ORDER BY id DESC LIMIT ?",
                         {compound.code, static_cast<long long>(std::clamp(limit, 1, 500))})) {
    changes.push_back({row.Int(0), row.Int(1), row.Int(2), row.Text(3), row.Text(4), row.IsNull(5) ? 0 : row.Int(5),
                       row.Text(6), row.Int(7) != 0});
  }
  return changes;
}

}  // namespace youhao::maps
