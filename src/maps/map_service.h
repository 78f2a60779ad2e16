#pragma once
/// Compound maps in the database: load (cached with their router), replace, edit one feature at
/// a time, undo, and the history of who changed what. Every change bumps the map's version;
/// writers pass the version they last saw, so two editors cannot silently overwrite each other.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accounts/access.h"
#include "areas/area_service.h"
#include "core/error.h"
#include "core/ttl_cache.h"
#include "maps/compound_map.h"
#include "maps/compound_router.h"
#include "media/photo_id.h"
#include "storage/database.h"

namespace youhao::maps {

struct MapChange {
  long long id = 0;
  long long version = 0;
  long long at = 0;
  std::string actor;
  std::string action;  ///< create, update, delete, replace, undo
  long long feature_id = 0;
  std::string label;
  bool undone = false;
};

struct FeatureSaved {
  long long id = 0;
  long long version = 0;
};

struct UndoResult {
  long long version = 0;
  std::string action;  ///< the action that was reverted
  std::string label;
};

class MapService {
 public:
  explicit MapService(storage::Database& database) : database_(database) {}

  /// The compound's map and its router, built once per version and shared (read-only) by every
  /// request for up to 30 s or until the next change through this service.
  std::shared_ptr<const CompoundRouter> Router(const areas::Area& compound) const;
  /// The public holidays routers read `PH` by (kept, not owned; default: the statutory days).
  void UseHolidays(const schedule::HolidayCalendar* holidays) { holidays_ = holidays; }
  /// The map as stored (version 0 and no features when there is none yet).
  CompoundMap Load(storage::Connection& connection, const areas::Area& compound) const;

  /// Replaces the whole map (a GeoJSON import, or an OpenStreetMap import). Feature ids in the
  /// input only link entrances to buildings (`building_id`); stored features get new ids.
  /// `base_version` nullopt = no check. Errors: conflict when the map changed since.
  core::Result<long long> Replace(storage::Connection& connection, const std::string& actor_login,
                                  const areas::Area& compound, std::vector<Feature> features,
                                  std::optional<long long> base_version, std::string source);
  core::Result<long long> Replace(const accounts::Principal& actor, const areas::Area& compound,
                                  std::vector<Feature> features, std::optional<long long> base_version);

  core::Result<FeatureSaved> Add(const accounts::Principal& actor, const areas::Area& compound, Feature feature,
                                 std::optional<long long> base_version);
  /// Replaces feature `feature.id` (geometry and properties).
  core::Result<FeatureSaved> Update(const accounts::Principal& actor, const areas::Area& compound, Feature feature,
                                    std::optional<long long> base_version);
  core::Result<long long> Remove(const accounts::Principal& actor, const areas::Area& compound, long long feature_id,
                                 std::optional<long long> base_version);
  /// Reverts the newest change not yet undone. Errors: conflict when there is nothing to undo.
  core::Result<UndoResult> Undo(const accounts::Principal& actor, const areas::Area& compound);

  std::vector<MapChange> History(const areas::Area& compound, int limit) const;

  /// Stores a photo of the way (already rebuilt by media::SanitizeUpload); returns its row and its
  /// public id, served publicly at MediaUrl(public_id) and listed in a feature's `media`.
  media::StoredPhoto AddPhoto(const accounts::Principal& actor, const areas::Area& compound,
                              const std::string& content_type, const std::string& bytes);
  /// The photo with public id `public_id`, public like the maps that show it. Errors: not_found
  /// (also for a row number).
  core::Result<media::ServedPhoto> Photo(std::string_view public_id) const;
  static std::string MediaUrl(std::string_view public_id);
  /// Gives every stored photo without a public id (stored before there were any) a new one, and
  /// rewrites its old URL (/api/v1/map-media/ROW) to the new one wherever its compound's features
  /// and change history name it; returns how many. Run once at start, before maps are served.
  long long FillMissingPhotoIds();

 private:
  /// Bumps the version (creating the map row at version 1); conflict when base_version is stale.
  core::Result<long long> BumpVersion(storage::Connection& connection, const std::string& compound_code,
                                      const std::string& actor_login, std::optional<long long> base_version,
                                      const std::string& source);
  /// `before`: the stored version of an updated feature, nullptr for a new one.
  core::Status CheckFeature(const CompoundMap& map, const Feature& feature, const Feature* before) const;
  void RecordChange(storage::Connection& connection, const std::string& compound_code, long long version,
                    const std::string& actor_login, std::string_view action, long long feature_id,
                    const std::string& label, const std::string& before_json, const std::string& after_json);

  storage::Database& database_;
  const schedule::HolidayCalendar* holidays_ = nullptr;
  mutable core::TtlCache<std::shared_ptr<const CompoundRouter>> routers_{std::chrono::seconds(30), 5000};
};

}  // namespace youhao::maps
