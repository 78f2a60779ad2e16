#include "places/place_service.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <fmt/format.h>

#include "audit/audit_log.h"
#include "core/base64.h"
#include "core/platforms.h"
#include "schedule/clock.h"

namespace youhao::places {
namespace {

namespace json = boost::json;
using core::ErrorCode;
using core::MakeError;

constexpr double kDuplicateMetres = 30;
constexpr long long kCheckinRepeatSeconds = 600;
// Beijing municipality, with a margin: a place outside it is not this city's.
constexpr geo::BoundingBox kCityBox{115.3, 39.4, 117.6, 41.1};

constexpr std::string_view kColumns =
    "id, kind, name, status, area_code, area_path, lat, lon, address, tier, amenities, opening_hours, capacity, "
    "scan_entry, details_json, owner_account_id, version, pending_json";

PlaceRecord FromRow(const storage::Row& row) {
  PlaceRecord place;
  place.id = row.Int(0);
  place.fields.kind = ParseKind(row.Text(1)).value_or(PlaceKind::kStation);
  place.fields.name = row.Text(2);
  place.status = ParseStatus(row.Text(3)).value_or(PlaceStatus::kPending);
  place.area_code = row.Text(4);
  place.area_path = row.Text(5);
  place.fields.lat = row.Double(6);
  place.fields.lon = row.Double(7);
  place.fields.address = row.Text(8);
  place.tier = ParseTier(row.OptionalText(9).value_or("")).value_or(Tier::kNone);
  place.fields.amenities = static_cast<AmenitySet>(row.Int(10));
  place.fields.opening_hours = row.Text(11);
  if (!row.IsNull(12)) place.fields.capacity = row.Int(12);
  place.fields.scan_entry = row.Int(13) != 0;
  ReadDetails(row.Text(14), place.fields);
  if (!row.IsNull(15)) place.owner_account_id = row.Int(15);
  place.version = row.Int(16);
  place.pending_json = row.OptionalText(17);
  return place;
}

bool IsOwner(const PlaceRecord& place, const accounts::Principal& caller) {
  return place.owner_account_id && *place.owner_account_id == caller.account_id;
}

bool InPlaceScope(const PlaceRecord& place, const accounts::Principal& caller) {
  return areas::PathWithin(place.area_path, caller.area_path);
}

bool MayCreate(accounts::Role role) {
  return role == accounts::Role::kStationKeeper || role == accounts::Role::kMerchant || IsPlaceStaff(role);
}

/// A place of the same name nearby; `name` is the problem's code ("" keeps `conflict`).
core::Error DuplicateProblem(const DuplicatePlace& place, std::string name) {
  return core::MakeProblem(ErrorCode::kConflict, std::move(name), "places.duplicate_nearby",
                           fmt::format("a place with this name is {:.0f} m away: merge into it", place.distance_metres),
                           {{"duplicate_of",
                             {{"id", place.id},
                              {"name", place.name},
                              {"distance_m", std::round(place.distance_metres * 10) / 10},
                              {"within_m", std::max(1.0, std::ceil(place.distance_metres))}}}});
}

}  // namespace

bool IsPlaceStaff(accounts::Role role) {
  return accounts::Rank(role) >= accounts::Rank(accounts::Role::kCommunityOfficer);
}

PlaceService::PlaceService(storage::Database& database, areas::AreaService& areas, const roads::RoadNetwork* network)
    : database_(database), areas_(areas), network_(network) {
  Reload();
}

void PlaceService::Reload() {
  auto snapshot = std::make_shared<PlaceSnapshot>();
  std::vector<Depot> depots;
  {
    auto connection = database_.Acquire();
    std::unordered_map<long long, std::size_t> slot_of;
    for (const storage::Row& row :
         connection->Query(fmt::format("SELECT {} FROM places WHERE status = 'approved' ORDER BY id", kColumns))) {
      slot_of[row.Int(0)] = snapshot->records.size();
      snapshot->records.push_back(FromRow(row));
    }
    for (const storage::Row& row :
         connection->Query("SELECT m.place_id, m.public_id FROM place_media m JOIN places p ON p.id = m.place_id "
                           "WHERE p.status = 'approved' AND m.public_id IS NOT NULL ORDER BY m.id")) {
      if (auto found = slot_of.find(row.Int(0)); found != slot_of.end())
        snapshot->records[found->second].photos.push_back(row.Text(1));
    }
    for (const storage::Row& row : connection->Query(
             "SELECT id, name, platform, area_path, lat, lon FROM depots WHERE lat IS NOT NULL AND lon IS NOT NULL")) {
      depots.push_back({row.Int(0), row.Text(1), row.Text(2), row.Text(3), {row.Double(5), row.Double(4)}});
    }
  }
  std::vector<PlacePoint> points;
  points.reserve(snapshot->records.size());
  for (const PlaceRecord& record : snapshot->records) {
    const PlaceInput& f = record.fields;
    auto hours = schedule::OpeningHours::Parse(f.opening_hours);
    points.push_back(
        {record.id, f.kind, f.amenities, {f.lon, f.lat}, hours ? std::move(*hours) : schedule::OpeningHours(), f.name});
  }
  snapshot->directory = std::make_shared<const PlaceDirectory>(std::move(points), network_);
  auto depot_list = std::make_shared<const std::vector<Depot>>(std::move(depots));
  std::lock_guard lock(mutex_);
  snapshot_ = std::move(snapshot);
  depots_ = std::move(depot_list);
}

std::shared_ptr<const PlaceDirectory> PlaceService::Directory() const {
  std::lock_guard lock(mutex_);
  return snapshot_->directory;
}

std::shared_ptr<const PlaceSnapshot> PlaceService::Snapshot() const {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

std::shared_ptr<const std::vector<Depot>> PlaceService::Depots() const {
  std::lock_guard lock(mutex_);
  return depots_;
}

core::Status PlaceService::CheckPosition(geo::LonLat position) const {
  if (!kCityBox.Contains(position)) {
    return core::MakeProblem(ErrorCode::kValidationFailed, "", "places.outside_city", "lat/lon: outside the city");
  }
  if (network_ != nullptr) {
    if (!network_->Bounds().Contains(position, 0.01)) {
      return core::MakeProblem(ErrorCode::kValidationFailed, "", "places.outside_road_network",
                               "lat/lon: outside the area covered by the road network");
    }
    auto snapped = network_->Snap(roads::Profile::kRide, position);
    if (!snapped) return MakeError(ErrorCode::kValidationFailed, "lat/lon: " + snapped.error().detail);
  }
  return core::Ok{};
}

std::optional<PlaceRecord> PlaceService::Load(storage::Connection& connection, long long id) const {
  auto row = connection.QueryOne(fmt::format("SELECT {} FROM places WHERE id = ?", kColumns), {id});
  if (!row) return std::nullopt;
  PlaceRecord place = FromRow(*row);
  for (const storage::Row& photo : connection.Query(
           "SELECT public_id FROM place_media WHERE place_id = ? AND public_id IS NOT NULL ORDER BY id", {id})) {
    place.photos.push_back(photo.Text(0));
  }
  return place;
}

bool PlaceService::CanEdit(const PlaceRecord& place, const accounts::Principal& caller) const {
  return IsOwner(place, caller) || (IsPlaceStaff(caller.role) && InPlaceScope(place, caller));
}

bool PlaceService::CanReview(const PlaceRecord& place, const accounts::Principal& caller) const {
  return IsPlaceStaff(caller.role) && InPlaceScope(place, caller);
}

core::Result<PlaceRecord> PlaceService::Get(long long id, const accounts::Principal* caller) const {
  auto connection = database_.Acquire();
  auto place = Load(*connection, id);
  if (!place || (place->status != PlaceStatus::kApproved && (caller == nullptr || !CanEdit(*place, *caller)))) {
    return MakeError(ErrorCode::kNotFound, "no such place");
  }
  return std::move(*place);
}

core::Result<std::optional<DuplicatePlace>> PlaceService::FindDuplicate(storage::Connection& connection,
                                                                        const PlaceInput& input,
                                                                        std::optional<long long> except) const {
  std::optional<DuplicatePlace> best;
  for (const storage::Row& row : connection.Query(
           "SELECT id, name, lat, lon FROM places WHERE name = ? AND status <> 'rejected'", {input.name})) {
    if (except && row.Int(0) == *except) continue;
    const double metres = geo::DistanceMetres({input.lon, input.lat}, {row.Double(3), row.Double(2)});
    if (metres <= kDuplicateMetres && (!best || metres < best->distance_metres))
      best = DuplicatePlace{row.Int(0), row.Text(1), metres};
  }
  return best;
}

void PlaceService::Apply(storage::Connection& connection, long long id, const PlaceInput& input,
                         std::optional<Tier> tier, long long version) {
  const storage::Value capacity = input.capacity ? storage::Value{*input.capacity} : storage::Value{nullptr};
  connection.Execute(
      "UPDATE places SET kind = ?, name = ?, lat = ?, lon = ?, address = ?, amenities = ?, opening_hours = ?, "
      "capacity = ?, scan_entry = ?, details_json = ?, version = ?, updated_at = ?, pending_json = NULL, "
      "pending_by = NULL WHERE id = ?",
      {std::string(KindName(input.kind)), input.name, input.lat, input.lon, input.address,
       static_cast<long long>(input.amenities), input.opening_hours, capacity, input.scan_entry ? 1LL : 0LL,
       DetailsJson(input), version, storage::NowSeconds(), id});
  if (tier) {
    const storage::Value tier_value =
        *tier == Tier::kNone ? storage::Value{nullptr} : storage::Value{std::string(TierName(*tier))};
    connection.Execute("UPDATE places SET tier = ? WHERE id = ?", {tier_value, id});
  }
}

core::Result<PlaceRecord> PlaceService::Create(const accounts::Principal& caller, const PlaceInput& input) {
  if (!MayCreate(caller.role)) {
    return MakeError(ErrorCode::kForbidden, "only station keepers, friendly merchants and community staff add places");
  }
  if (input.merge_into) {
    // Merging adds what the submission knows to the existing place; it never erases what the
    // place already has (its address, hours, amenities, offers and lists stay unless given).
    std::optional<PlaceRecord> existing;
    {
      auto connection = database_.Acquire();
      existing = Load(*connection, *input.merge_into);
    }
    if (!existing) return MakeError(ErrorCode::kNotFound, "merge_into: no such place");
    PlaceInput merged = existing->fields;
    merged.name = input.name;
    merged.amenities |= input.amenities;
    if (!input.address.empty()) merged.address = input.address;
    if (input.opening_hours != "24/7" || existing->fields.opening_hours.empty())
      merged.opening_hours = input.opening_hours;
    if (input.capacity) merged.capacity = input.capacity;
    if (!input.offers.Empty()) merged.offers = input.offers;
    for (const auto& item : input.services) {
      if (std::find(merged.services.begin(), merged.services.end(), item) == merged.services.end())
        merged.services.push_back(item);
    }
    for (const auto& item : input.supplies) {
      if (std::find(merged.supplies.begin(), merged.supplies.end(), item) == merged.supplies.end())
        merged.supplies.push_back(item);
    }
    if (!input.phone.empty()) merged.phone = input.phone;
    merged.scan_entry = merged.scan_entry || input.scan_entry;
    merged.tier = input.tier;
    merged.base_version = input.base_version;
    return Update(caller, *input.merge_into, merged);
  }
  if (input.tier && !IsPlaceStaff(caller.role)) {
    return MakeError(ErrorCode::kForbidden, "tier: the town's station plan is set by community staff");
  }
  if (auto position = CheckPosition({input.lon, input.lat}); !position) return position.error();
  auto area = areas_.Find(caller.area_code);
  if (!area) return MakeError(ErrorCode::kForbidden, "the account's area no longer exists");

  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto found = FindDuplicate(*connection, input, std::nullopt);
  if (!found) return found.error();
  if (*found) {
    return DuplicateProblem(**found, "duplicate_place");
  }
  const bool staff = IsPlaceStaff(caller.role);
  const storage::Value owner = staff ? storage::Value{nullptr} : storage::Value{caller.account_id};
  const long long now = storage::NowSeconds();
  const long long id =
      connection
          ->QueryOne(
              "INSERT INTO places (kind, name, area_code, area_path, lat, lon, created_at, status, owner_account_id, "
              "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
              {std::string(KindName(input.kind)), input.name, area->code, area->path, input.lat, input.lon, now,
               std::string(staff ? "approved" : "pending"), owner, now})
          ->Int(0);
  Apply(*connection, id, input, staff ? input.tier : std::nullopt, 1);
  audit::Entry entry = accounts::AuditEntryBy(caller, "place.create", "places", std::to_string(id), area->code);
  entry.after_json = json::serialize(InputToJson(input));
  audit::AuditLog::Record(*connection, entry);
  auto place = Load(*connection, id);
  transaction.Commit();
  if (staff) Reload();
  return std::move(*place);
}

core::Result<PlaceRecord> PlaceService::Update(const accounts::Principal& caller, long long id,
                                               const PlaceInput& input) {
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto place = Load(*connection, id);
  if (!place || (!CanEdit(*place, caller) && place->status != PlaceStatus::kApproved)) {
    return MakeError(ErrorCode::kNotFound, "no such place");
  }
  // Keepers and merchants of the area may propose a change (or a merge) to a place they do not
  // run; like the owner's own changes, it waits for community staff.
  const bool proposer = (caller.role == accounts::Role::kStationKeeper || caller.role == accounts::Role::kMerchant) &&
                        InPlaceScope(*place, caller) && place->status == PlaceStatus::kApproved;
  if (!CanEdit(*place, caller) && !proposer) {
    return MakeError(ErrorCode::kForbidden,
                     "only the place's keeper or merchant and community staff in scope change it");
  }
  if (input.base_version && *input.base_version != place->version) {
    return MakeError(ErrorCode::kConflict,
                     fmt::format("the place changed meanwhile (now version {}): reload and try again", place->version));
  }
  if (input.tier && !IsPlaceStaff(caller.role)) {
    return MakeError(ErrorCode::kForbidden, "tier: the town's station plan is set by community staff");
  }
  if (auto position = CheckPosition({input.lon, input.lat}); !position) return position.error();
  auto found = FindDuplicate(*connection, input, id);
  if (!found) return found.error();
  if (*found) {
    return DuplicateProblem(**found, "");  // an edit keeps the plain `conflict` code it always had
  }
  audit::Entry entry = accounts::AuditEntryBy(caller, "place.update", "places", std::to_string(id), place->area_code);
  entry.before_json = json::serialize(InputToJson(place->fields));
  entry.after_json = json::serialize(InputToJson(input));
  const bool apply_now = IsPlaceStaff(caller.role) && InPlaceScope(*place, caller);
  if (apply_now) {
    Apply(*connection, id, input, input.tier, place->version + 1);
  } else if (place->status == PlaceStatus::kPending && IsOwner(*place, caller)) {
    // A place not yet approved is simply corrected; the review still comes.
    Apply(*connection, id, input, std::nullopt, place->version + 1);
  } else {
    connection->Execute("UPDATE places SET pending_json = ?, pending_by = ? WHERE id = ?",
                        {json::serialize(InputToJson(input)), caller.login, id});
    entry.action = "place.propose";
  }
  audit::AuditLog::Record(*connection, entry);
  auto updated = Load(*connection, id);
  transaction.Commit();
  if (apply_now) Reload();
  return std::move(*updated);
}

core::Result<PlaceRecord> PlaceService::Review(const accounts::Principal& caller, long long id, bool approve,
                                               std::string_view note) {
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto place = Load(*connection, id);
  if (!place || !CanReview(*place, caller)) {
    if (place && CanEdit(*place, caller))
      return MakeError(ErrorCode::kForbidden, "community staff review places, not their keepers");
    return MakeError(ErrorCode::kNotFound, "no such place in your area");
  }
  audit::Entry entry = accounts::AuditEntryBy(caller, approve ? "place.approve" : "place.reject", "places",
                                              std::to_string(id), place->area_code);
  entry.after_json = json::serialize(json::object{{"note", note}});
  if (place->status == PlaceStatus::kPending) {
    connection->Execute("UPDATE places SET status = ?, updated_at = ? WHERE id = ?",
                        {std::string(approve ? "approved" : "rejected"), storage::NowSeconds(), id});
  } else if (place->pending_json) {
    if (approve) {
      boost::system::error_code error;
      const json::value proposed = json::parse(*place->pending_json, error);
      auto input = !error && proposed.is_object()
                       ? ParsePlaceInput(proposed.as_object())
                       : core::Result<PlaceInput>(MakeError(ErrorCode::kInternal, "bad pending change"));
      if (!input)
        return MakeError(ErrorCode::kConflict, "the pending change is no longer valid: " + input.error().detail);
      Apply(*connection, id, *input, std::nullopt, place->version + 1);
    } else {
      connection->Execute("UPDATE places SET pending_json = NULL, pending_by = NULL WHERE id = ?", {id});
    }
  } else {
    return MakeError(ErrorCode::kConflict, "nothing to review: the place is approved and has no pending change");
  }
  audit::AuditLog::Record(*connection, entry);
  auto updated = Load(*connection, id);
  transaction.Commit();
  Reload();
  return std::move(*updated);
}

std::vector<PlaceRecord> PlaceService::List(const areas::Area& area, std::optional<PlaceStatus> status,
                                            std::optional<PlaceKind> kind, int limit, int offset,
                                            long long* total) const {
  auto connection = database_.Acquire();
  std::string where = "area_path LIKE ?";
  std::vector<storage::Value> params{area.path + "%"};
  if (status == PlaceStatus::kPending) {
    where += " AND (status = 'pending' OR pending_json IS NOT NULL)";
  } else if (status) {
    where += " AND status = ?";
    params.emplace_back(std::string(StatusName(*status)));
  }
  if (kind) {
    where += " AND kind = ?";
    params.emplace_back(std::string(KindName(*kind)));
  }
  if (total != nullptr) {
    *total = connection->Query(fmt::format("SELECT COUNT(*) FROM places WHERE {}", where), params).front().Int(0);
  }
  params.emplace_back(static_cast<long long>(limit));
  params.emplace_back(static_cast<long long>(offset));
  std::vector<PlaceRecord> out;
  for (const storage::Row& row : connection->Query(
           fmt::format("SELECT {} FROM places WHERE {} ORDER BY id LIMIT ? OFFSET ?", kColumns, where), params)) {
    out.push_back(FromRow(row));
  }
  return out;
}

std::vector<PlaceRecord> PlaceService::Mine(const accounts::Principal& caller) const {
  auto connection = database_.Acquire();
  std::vector<PlaceRecord> out;
  for (const storage::Row& row :
       connection->Query(fmt::format("SELECT {} FROM places WHERE owner_account_id = ? ORDER BY id", kColumns),
                         {caller.account_id})) {
    out.push_back(FromRow(row));
  }
  return out;
}

core::Result<media::StoredPhoto> PlaceService::AddPhoto(const accounts::Principal& caller, long long id,
                                                        const std::string& content_type, const std::string& bytes) {
  media::StoredPhoto stored;
  stored.public_id = media::NewPhotoId();
  bool approved = false;
  {
    auto connection = database_.Acquire();
    storage::Transaction transaction(*connection);
    auto place = Load(*connection, id);
    if (!place || !CanEdit(*place, caller)) return MakeError(ErrorCode::kNotFound, "no such place of yours");
    stored.id = connection
                    ->QueryOne(
                        "INSERT INTO place_media (place_id, content_type, data_base64, uploaded_at, "
                        "uploaded_by, public_id) VALUES (?, ?, ?, ?, ?, ?) "
                        "RETURNING id",
                        {id, content_type, core::Base64Encode(bytes, core::Base64Variant::kStandard),
                         storage::NowSeconds(), caller.login, stored.public_id})
                    ->Int(0);
    audit::Entry entry =
        accounts::AuditEntryBy(caller, "place.photo", "place_media", std::to_string(stored.id), place->area_code);
    entry.after_json = fmt::format(R"({{"content_type":"{}","bytes":{}}})", content_type, bytes.size());
    audit::AuditLog::Record(*connection, entry);
    transaction.Commit();
    approved = place->status == PlaceStatus::kApproved;
  }
  if (approved) Reload();  // the public snapshot shows the new photo
  return stored;
}

core::Result<media::ServedPhoto> PlaceService::Photo(std::string_view public_id,
                                                     const accounts::Principal* caller) const {
  if (!media::IsPhotoId(public_id)) return MakeError(ErrorCode::kNotFound, "no such photo");
  auto connection = database_.Acquire();
  auto row = connection->QueryOne("SELECT content_type, data_base64, place_id FROM place_media WHERE public_id = ?",
                                  {std::string(public_id)});
  if (!row) return MakeError(ErrorCode::kNotFound, "no such photo");
  auto place = Load(*connection, row->Int(2));
  if (!place) return MakeError(ErrorCode::kNotFound, "no such photo");
  // A place not yet approved, or rejected, is not public: nor are its photos.
  const bool is_public = place->status == PlaceStatus::kApproved;
  if (!is_public && (caller == nullptr || !CanEdit(*place, *caller))) {
    return MakeError(ErrorCode::kNotFound, "no such photo");
  }
  auto bytes = core::Base64Decode(row->Text(1), core::Base64Variant::kStandard);
  if (!bytes) throw storage::DatabaseError("stored place photo " + std::string(public_id) + " is not base64");
  return media::ServedPhoto{row->Text(0), std::string(bytes->begin(), bytes->end()), is_public};
}

long long PlaceService::FillMissingPhotoIds() {
  long long filled = 0;
  {
    auto connection = database_.Acquire();
    for (;;) {
      const auto rows = connection->Query("SELECT id FROM place_media WHERE public_id IS NULL ORDER BY id LIMIT 500");
      if (rows.empty()) break;
      storage::Transaction transaction(*connection);
      for (const storage::Row& row : rows) {
        filled += connection->Execute("UPDATE place_media SET public_id = ? WHERE id = ? AND public_id IS NULL",
                                      {media::NewPhotoId(), row.Int(0)});
      }
      transaction.Commit();
    }
  }
  if (filled > 0) Reload();  // the snapshot lists photos by their public ids
  return filled;
}

core::Result<CheckinResult> PlaceService::CheckIn(const accounts::Principal& worker, long long id, long long now) {
  if (worker.role != accounts::Role::kWorker) return MakeError(ErrorCode::kForbidden, "check-ins are for workers");
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto place = Load(*connection, id);
  if (!place || place->status != PlaceStatus::kApproved) return MakeError(ErrorCode::kNotFound, "no such place");
  auto row = connection->QueryOne("SELECT id, kind, status FROM workers WHERE account_id = ?", {worker.account_id});
  if (!row) return MakeError(ErrorCode::kForbidden, "register as a worker first");
  const long long worker_id = row->Int(0);
  const bool verified = row->Text(2) == "verified";
  CheckinResult result;
  auto hours = schedule::OpeningHours::Parse(place->fields.opening_hours);
  const bool door =
      place->fields.kind == PlaceKind::kStation && place->fields.scan_entry && hours && hours->AlwaysOpen();
  if (!door) {
    result.door = "not_applicable";
  } else if (verified) {
    result.door = "opened";
  } else {
    result.door = "refused";
  }
  const long long recent =
      connection->QueryInt("SELECT COUNT(*) FROM place_checkins WHERE worker_id = ? AND place_id = ? AND at > ?",
                           {worker_id, id, now - kCheckinRepeatSeconds});
  if (recent == 0) {
    connection->Execute(
        "INSERT INTO place_checkins (place_id, worker_id, worker_kind, at, door) VALUES (?, ?, ?, ?, ?)",
        {id, worker_id, row->Text(1), now, result.door});
    result.counted = true;
  }
  result.checkins_last_hour =
      connection->QueryInt("SELECT COUNT(*) FROM place_checkins WHERE place_id = ? AND at > ?", {id, now - 3600});
  transaction.Commit();
  return result;
}

core::Result<Visits> PlaceService::VisitsOf(const accounts::Principal& caller, long long id, int days,
                                            long long now) const {
  auto connection = database_.Acquire();
  auto place = Load(*connection, id);
  if (!place || !CanEdit(*place, caller)) {
    if (place && place->status == PlaceStatus::kApproved) {
      return MakeError(ErrorCode::kForbidden, "visit counts are for the place's keeper and the staff in scope");
    }
    return MakeError(ErrorCode::kNotFound, "no such place");
  }
  Visits visits;
  const long long since = schedule::BeijingDayStart(now) - static_cast<long long>(days - 1) * 86400;
  for (std::string_view kind : core::kWorkerKinds) visits.by_kind.push_back({std::string(kind), 0});
  for (const storage::Row& row : connection->Query(
           "SELECT worker_kind, COUNT(*) FROM place_checkins WHERE place_id = ? AND at >= ? GROUP BY worker_kind",
           {id, since})) {
    for (auto& [kind, count] : visits.by_kind) {
      if (kind == row.Text(0)) count = row.Int(1);
    }
    visits.total += row.Int(1);
  }
  std::vector<long long> per_day(static_cast<std::size_t>(days), 0);
  for (const storage::Row& row :
       connection->Query("SELECT at FROM place_checkins WHERE place_id = ? AND at >= ?", {id, since})) {
    const long long day = (schedule::BeijingDayStart(row.Int(0)) - since) / 86400;
    if (day >= 0 && day < days) ++per_day[static_cast<std::size_t>(day)];
  }
  for (int d = 0; d < days; ++d)
    visits.by_day.push_back({schedule::BeijingDate(since + d * 86400LL), per_day[static_cast<std::size_t>(d)]});
  return visits;
}

std::vector<long long> PlaceService::CheckinsLastHour(const std::vector<long long>& ids, long long now) const {
  std::vector<long long> counts(ids.size(), 0);
  if (ids.empty()) return counts;
  auto connection = database_.Acquire();
  std::string marks;
  std::vector<storage::Value> params{now - 3600};
  for (long long id : ids) {
    marks += marks.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  for (const storage::Row& row : connection->Query(
           fmt::format(
               "SELECT place_id, COUNT(*) FROM place_checkins WHERE at > ? AND place_id IN ({}) GROUP BY place_id",
               marks),
           params)) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] == row.Int(0)) counts[i] = row.Int(1);
    }
  }
  return counts;
}

std::vector<long long> PlaceService::RecentCheckins(const std::vector<long long>& ids, long long now) const {
  std::shared_ptr<const CheckinCounts> counts;
  bool count_now = false;
  {
    std::lock_guard lock(mutex_);
    counts = recent_checkins_;
    const bool stale = counts == nullptr || now - counts->counted_at >= kRecentCheckinsSeconds;
    // One caller recounts; the others use the counts they have (when there are any).
    if (stale && (!counting_checkins_ || counts == nullptr)) {
      counting_checkins_ = true;
      count_now = true;
    }
  }
  if (count_now) {
    auto fresh = std::make_shared<CheckinCounts>();
    fresh->counted_at = now;
    {
      auto connection = database_.Acquire();
      for (const storage::Row& row : connection->Query(
               "SELECT place_id, COUNT(*) FROM place_checkins WHERE at > ? GROUP BY place_id", {now - 3600})) {
        fresh->by_place[row.Int(0)] = row.Int(1);
      }
    }
    std::lock_guard lock(mutex_);
    recent_checkins_ = fresh;
    counting_checkins_ = false;
    counts = std::move(fresh);
  }
  std::vector<long long> out;
  out.reserve(ids.size());
  for (long long id : ids) {
    auto found = counts->by_place.find(id);
    out.push_back(found == counts->by_place.end() ? 0 : found->second);
  }
  return out;
}

std::vector<NearStation> PlaceService::NearestStations(const Depot& depot, int k) const {
  std::vector<NearStation> out;
  if (network_ == nullptr) return out;
  auto snapped = network_->Snapper(roads::Profile::kRide).Snap(depot.position, roads::kMaxSnapMetres);
  if (!snapped) return out;
  auto directory = Directory();
  PlaceFilter filter;
  filter.kinds = 1u << static_cast<int>(PlaceKind::kStation);
  for (const NearPlace& near : directory->NearestByRoad(*snapped, roads::Profile::kRide, k, filter, 18000)) {
    const PlacePoint& place = directory->places()[near.index];
    out.push_back({place.id, place.name, near.road_time / 600.0});
  }
  return out;
}

std::vector<std::pair<Depot, double>> PlaceService::LinkedDepots(long long id) const {
  std::vector<std::pair<Depot, double>> out;
  auto directory = Directory();
  const auto index = directory->Find(id);
  if (!index || directory->places()[*index].kind != PlaceKind::kStation) return out;
  const geo::LonLat at = directory->places()[*index].position;
  for (const Depot& depot : *Depots()) {
    if (geo::DistanceMetres(depot.position, at) > 6000) continue;
    for (const NearStation& station : NearestStations(depot, 3)) {
      if (station.id == id) out.push_back({depot, station.minutes});
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  return out;
}

}  // namespace youhao::places
