#pragma once
/// Friendly places: keepers and merchants run their own, community staff approve, workers find
/// and check in. Stored in the database; the approved ones are mirrored in a PlaceDirectory for
/// search. Permissions are checked here, against the caller's Principal.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "accounts/access.h"
#include "areas/area_service.h"
#include "media/photo_id.h"
#include "places/place_directory.h"
#include "places/place_model.h"
#include "roads/road_network.h"
#include "storage/database.h"

namespace youhao::places {

/// A place as stored, with what the pages show about it.
struct PlaceRecord {
  long long id = 0;
  PlaceInput fields;  ///< the live version (merge_into/base_version unused)
  PlaceStatus status = PlaceStatus::kApproved;
  Tier tier = Tier::kNone;
  std::string area_code;
  std::string area_path;
  std::optional<long long> owner_account_id;
  long long version = 1;
  std::optional<std::string> pending_json;  ///< a change waiting for review, as submitted
  std::vector<std::string> photos;          ///< public ids (media/photo_id.h), oldest first
};

struct Depot {
  long long id = 0;
  std::string name;
  std::string platform;
  std::string area_path;
  geo::LonLat position;
};

struct NearStation {
  long long id = 0;
  std::string name;
  double minutes = 0;
};

struct CheckinResult {
  long long checkins_last_hour = 0;
  std::string door;      ///< "opened", "refused", "not_applicable" (the edge words it: places.checkin.<door>)
  bool counted = false;  ///< false when the same worker checked in here in the last 10 minutes
};

struct Visits {
  long long total = 0;
  std::vector<std::pair<std::string, long long>> by_kind;  ///< food, parcel, ride, truck
  std::vector<std::pair<std::string, long long>> by_day;   ///< "2026-11-23" → count, oldest first
};

/// The place within 30 m that has the same name.
struct DuplicatePlace {
  long long id = 0;
  std::string name;
  double distance_metres = 0;
};

/// Approved places as one immutable snapshot: the search directory and, index for index, the
/// full records, so a nearby search answers from memory. Reload replaces it whole (after every
/// approved change and every new photo).
struct PlaceSnapshot {
  std::shared_ptr<const PlaceDirectory> directory;
  std::vector<PlaceRecord> records;  ///< records[i] is directory->places()[i]
};

class PlaceService {
 public:
  /// `network` may be null: then places are not checked against roads and search is straight-line.
  PlaceService(storage::Database& database, areas::AreaService& areas, const roads::RoadNetwork* network);

  /// Reloads approved places and depots from the database into a new directory.
  void Reload();
  std::shared_ptr<const PlaceDirectory> Directory() const;
  std::shared_ptr<const PlaceSnapshot> Snapshot() const;
  std::shared_ptr<const std::vector<Depot>> Depots() const;
  const roads::RoadNetwork* network() const { return network_; }

  /// Checks a position: inside the city, and (with road data) within 500 m of a road.
  core::Status CheckPosition(geo::LonLat position) const;

  /// An approved place, or any place the caller may manage; not_found otherwise.
  core::Result<PlaceRecord> Get(long long id, const accounts::Principal* caller) const;
  /// Whether the caller may edit the place (owner, or staff in scope).
  bool CanEdit(const PlaceRecord& place, const accounts::Principal& caller) const;
  bool CanReview(const PlaceRecord& place, const accounts::Principal& caller) const;

  /// Creates a place (pending for keepers and merchants, approved for community staff and
  /// above) or, with merge_into, files the input as a change to that place. A place with the same
  /// name within 30 m fails with `duplicate_place` {duplicate_of: {id, name, distance_m}}.
  core::Result<PlaceRecord> Create(const accounts::Principal& caller, const PlaceInput& input);
  /// The owner's change waits for review; staff changes apply at once. kConflict on a stale base_version.
  core::Result<PlaceRecord> Update(const accounts::Principal& caller, long long id, const PlaceInput& input);
  /// Approves or rejects a new place or a pending change.
  core::Result<PlaceRecord> Review(const accounts::Principal& caller, long long id, bool approve,
                                   std::string_view note);

  /// Places in an area for staff (scope checked by the caller); `status` empty = all.
  std::vector<PlaceRecord> List(const areas::Area& area, std::optional<PlaceStatus> status,
                                std::optional<PlaceKind> kind, int limit, int offset, long long* total) const;
  std::vector<PlaceRecord> Mine(const accounts::Principal& caller) const;

  core::Result<media::StoredPhoto> AddPhoto(const accounts::Principal& caller, long long id,
                                            const std::string& content_type, const std::string& bytes);
  /// The photo with public id `public_id`: an approved place's for anyone (public); a pending or
  /// rejected place's only for whoever may see the place (its keeper or merchant, community staff
  /// in scope who review it), private. Errors: not_found (also for a row number).
  core::Result<media::ServedPhoto> Photo(std::string_view public_id, const accounts::Principal* caller) const;
  /// Gives every stored photo without a public id (stored before there were any) a new one, and
  /// reloads the snapshot when there were some; returns how many. Run once at start.
  long long FillMissingPhotoIds();

  core::Result<CheckinResult> CheckIn(const accounts::Principal& worker, long long id, long long now);
  core::Result<Visits> VisitsOf(const accounts::Principal& caller, long long id, int days, long long now) const;
  /// Check-ins in the hour before `now`, for each id (0 when none).
  std::vector<long long> CheckinsLastHour(const std::vector<long long>& ids, long long now) const;
  /// The same from counts at most kRecentCheckinsSeconds old, kept in memory for every place: what
  /// a nearby search shows beside many places (how busy a station is does not turn in 10 s).
  std::vector<long long> RecentCheckins(const std::vector<long long>& ids, long long now) const;
  static constexpr long long kRecentCheckinsSeconds = 10;

  /// The depots that list place `id` among their three nearest stations by road (属地就近).
  std::vector<std::pair<Depot, double>> LinkedDepots(long long id) const;
  /// A depot's nearest stations by riding time, at most `k`, nearest first.
  std::vector<NearStation> NearestStations(const Depot& depot, int k) const;

 private:
  core::Result<std::optional<DuplicatePlace>> FindDuplicate(storage::Connection& connection, const PlaceInput& input,
                                                            std::optional<long long> except) const;
  std::optional<PlaceRecord> Load(storage::Connection& connection, long long id) const;
  void Apply(storage::Connection& connection, long long id, const PlaceInput& input, std::optional<Tier> tier,
             long long version);

  storage::Database& database_;
  areas::AreaService& areas_;
  const roads::RoadNetwork* network_;
  mutable std::mutex mutex_;
  std::shared_ptr<const PlaceSnapshot> snapshot_;
  std::shared_ptr<const std::vector<Depot>> depots_;
  struct CheckinCounts {
    long long counted_at = 0;
    std::unordered_map<long long, long long> by_place;
  };
  mutable std::shared_ptr<const CheckinCounts> recent_checkins_;
  mutable bool counting_checkins_ = false;
};

/// Staff who approve places and see their numbers: community officers and above.
bool IsPlaceStaff(accounts::Role role);

}  // namespace youhao::places
