// Friendly places, nearby search by road, check-ins, and the officers' coverage view.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <cmath>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "api/api_internal.h"
#include "api/messages/catalogue.h"
#include "core/json_output.h"
#include "core/text.h"
#include "coverage/coverage_analyzer.h"
#include "http/json_body.h"
#include "media/image_sanitizer.h"
#include "points/offers.h"
#include "qr/qr_code.h"
#include "schedule/clock.h"

namespace youhao::api {
namespace {

namespace json = boost::json;
using core::ErrorCode;
using core::MakeError;
using places::PlaceKind;

constexpr std::size_t kMaxPhotoBytes = std::size_t{5} * 1024 * 1024;
constexpr roads::Deciseconds kNearbyLimit = 60 * 600;  // an hour's ride
constexpr std::size_t kOffersPerNearbyPlace = 3;
constexpr std::string_view kAttribution = "© OpenStreetMap contributors";

double Round6(double value) { return std::round(value * 1e6) / 1e6; }
double Round1(double value) { return std::round(value * 10) / 10; }

core::Result<places::PlaceService*> PlacesOf(Services& services) { return Enabled(services.places, "places"); }

/// A photo's URL carries its public id, never its row.
std::string PlacePhotoUrl(std::string_view public_id) { return fmt::format("/api/v1/place-photos/{}", public_id); }

/// The place service and the `{id}` of the path, or the problem to answer.
core::Result<std::pair<places::PlaceService*, long long>> PlaceTarget(Services& services,
                                                                      const http::Request& request) {
  auto service = PlacesOf(services);
  if (!service.ok()) return service.error();
  auto id = IdParam(request, "id");
  if (!id.ok()) return id.error();
  return std::make_pair(*service, *id);
}

core::Result<roads::Profile> ProfileParam(const http::Request& request) {
  const auto text = request.QueryParam("profile").value_or("ride");
  if (text == "ride") return roads::Profile::kRide;
  if (text == "walk") return roads::Profile::kWalk;
  return MakeError(ErrorCode::kValidationFailed, "profile must be ride or walk");
}

/// `lat`, `lon` and `profile` (ride by default) of a query.
core::Result<std::pair<geo::LonLat, roads::Profile>> PointParams(const http::Request& request) {
  auto lat = NumberParam(request, "lat", -90, 90);
  if (!lat.ok()) return lat.error();
  auto lon = NumberParam(request, "lon", -180, 180);
  if (!lon.ok()) return lon.error();
  auto profile = ProfileParam(request);
  if (!profile.ok()) return profile.error();
  return std::make_pair(geo::LonLat{*lon, *lat}, *profile);
}

core::Result<long long> MomentParam(const http::Request& request) {
  const auto text = request.QueryParam("at");
  if (!text || text->empty()) return storage::NowSeconds();
  if (auto moment = schedule::ParseMoment(*text)) return *moment;
  return MakeError(ErrorCode::kValidationFailed,
                   "at must be an ISO 8601 time with offset (2026-11-23T23:00:00+08:00) or Unix seconds");
}

std::string BusyLevel(long long checkins, std::optional<long long> capacity) {
  if (capacity && *capacity > 0) {
    const double share = static_cast<double>(checkins) / static_cast<double>(*capacity);
    return share >= 0.8 ? "busy" : share < 0.3 ? "quiet" : "normal";
  }
  return checkins < 5 ? "quiet" : checkins < 15 ? "normal" : "busy";
}

json::array Strings(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& item : items) out.push_back(json::string(item));
  return out;
}

/// A place as the API shows it. `caller` decides what of the workflow is visible.
json::object PlaceJson(Services& services, const places::PlaceRecord& place, const accounts::Principal* caller,
                       long long at, long long checkins_last_hour) {
  const places::PlaceInput& f = place.fields;
  auto hours = schedule::OpeningHours::Parse(f.opening_hours);
  const schedule::OpeningHours parsed = hours ? *hours : schedule::OpeningHours();
  json::array amenities;
  for (std::string_view name : places::AmenityNames(f.amenities)) amenities.push_back(json::string(name));
  json::value grade = nullptr, next_grade = nullptr;
  if (f.kind == PlaceKind::kStation) {
    const places::Grade g = places::GradeStation(f.amenities, parsed);
    if (g.grade != 0) grade = json::string(std::string(1, g.grade));
    if (g.next != 0) next_grade = json::object{{"grade", std::string(1, g.next)}, {"missing", Strings(g.missing)}};
  }
  json::value offers = nullptr;
  if (!f.offers.Empty()) {
    json::object o;
    if (!f.offers.discount.empty()) o["discount"] = f.offers.discount;
    if (f.offers.rider_price_yuan) o["rider_price_yuan"] = *f.offers.rider_price_yuan;
    if (!f.offers.late_meal.empty()) o["late_meal"] = f.offers.late_meal;
    offers = std::move(o);
  }
  json::array photos;
  for (const std::string& photo : place.photos) photos.push_back(json::string(PlacePhotoUrl(photo)));
  json::object area{{"code", place.area_code}, {"name", ""}};
  if (auto found = services.areas.Find(place.area_code)) area["name"] = found->name_zh;
  const bool can_edit = caller != nullptr && services.places->CanEdit(place, *caller);
  json::object out{
      {"id", place.id},
      {"kind", places::KindName(f.kind)},
      {"kind_label", places::KindLabelZh(f.kind)},
      {"name", f.name},
      {"status", places::StatusName(place.status)},
      {"address", f.address},
      {"lat", Round6(f.lat)},
      {"lon", Round6(f.lon)},
      {"area", std::move(area)},
      {"tier", place.tier == places::Tier::kNone ? json::value(nullptr)
                                                 : json::value(json::string(places::TierName(place.tier)))},
      {"grade", std::move(grade)},
      {"next_grade", std::move(next_grade)},
      {"amenities", std::move(amenities)},
      {"opening_hours", f.opening_hours},
      {"hours_zh", parsed.DescribeZh()},
      {"open_now", parsed.IsOpen(HolidaysOf(services).At(at))},
      {"always_open", parsed.AlwaysOpen()},
      {"capacity", f.capacity ? json::value(*f.capacity) : json::value(nullptr)},
      {"scan_entry", f.scan_entry},
      {"offers", std::move(offers)},
      {"services", Strings(f.services)},
      {"supplies", Strings(f.supplies)},
      {"phone", f.phone.empty() ? json::value(nullptr) : json::value(json::string(f.phone))},
      {"photos", std::move(photos)},
      {"busy",
       json::object{{"checkins_last_hour", checkins_last_hour}, {"level", BusyLevel(checkins_last_hour, f.capacity)}}},
      {"version", place.version},
      {"pending_change", can_edit && place.pending_json.has_value()},
      {"can_edit", can_edit},
      {"sign_url", fmt::format("/api/v1/places/{}/sign.svg", place.id)},
      {"page_url", fmt::format("/p/{}", place.id)},
  };
  return out;
}

/// The A5 "friendly place" sign: name, kind, hours, what it offers, and a QR code to its page.
core::Result<std::string> SignSvg(const places::PlaceRecord& place, const std::string& page_url) {
  auto qr = qr::Render(page_url, qr::ImageFormat::kSvg, 8);
  if (!qr) return qr.error();
  std::string qr_body = *qr;
  if (const auto start = qr_body.find("<svg"); start != std::string::npos) qr_body = qr_body.substr(start);
  const auto hours = schedule::OpeningHours::Parse(place.fields.opening_hours);
  std::string amenities;
  for (std::string_view name : places::AmenityNames(place.fields.amenities)) {
    if (auto amenity = places::ParseAmenity(name)) {
      if (!amenities.empty()) amenities += " · ";
      amenities += places::AmenityLabelZh(*amenity);
    }
  }
  return fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="148mm" height="210mm" viewBox="0 0 1480 2100" font-family="Noto Sans CJK SC, sans-serif">)"
      R"(<rect width="1480" height="2100" fill="#fff"/><rect width="1480" height="300" fill="#e8590c"/>)"
      R"(<text x="740" y="140" font-size="96" fill="#fff" text-anchor="middle" font-weight="bold">{title}</text>)"
      R"(<text x="740" y="240" font-size="52" fill="#fff" text-anchor="middle">{kind}</text>)"
      R"(<text x="740" y="440" font-size="80" text-anchor="middle" font-weight="bold">{name}</text>)"
      R"(<text x="740" y="540" font-size="44" text-anchor="middle" fill="#333">{hours}</text>)"
      R"(<text x="740" y="620" font-size="36" text-anchor="middle" fill="#555">{amenities}</text>)"
      R"(<svg x="390" y="700" width="700" height="700" viewBox="0 0 700 700">{qr}</svg>)"
      R"(<text x="740" y="1500" font-size="48" text-anchor="middle">{scan}</text>)"
      R"(<text x="740" y="1580" font-size="32" text-anchor="middle" fill="#666">{url}</text>)"
      R"(<text x="740" y="2040" font-size="28" text-anchor="middle" fill="#999">{footer}</text></svg>)",
      fmt::arg("kind", core::EscapeXml(places::KindLabelZh(place.fields.kind))),
      fmt::arg("name", core::EscapeXml(place.fields.name)),
      fmt::arg("hours", core::EscapeXml(hours ? hours->DescribeZh() : place.fields.opening_hours)),
      fmt::arg("amenities", core::EscapeXml(amenities)), fmt::arg("qr", qr_body),
      fmt::arg("url", core::EscapeXml(page_url)),
      // The printed sign is for a Chinese street: its words are the catalogue's Chinese.
      fmt::arg("title", core::EscapeXml(Words("places.sign.title", http::Lang::kZhCn))),
      fmt::arg("scan", core::EscapeXml(Words("places.sign.scan", http::Lang::kZhCn))),
      fmt::arg("footer", core::EscapeXml(Words("places.sign.footer", http::Lang::kZhCn))));
}

json::object GeoJsonPolygon(const coverage::Cell& cell) {
  const auto [sw, ne] = cell.corners;
  json::array ring;
  for (const geo::LonLat& p : {sw, geo::LonLat{ne.lon, sw.lat}, ne, geo::LonLat{sw.lon, ne.lat}, sw}) {
    ring.push_back(json::array{Round6(p.lon), Round6(p.lat)});
  }
  return {{"type", "Polygon"}, {"coordinates", json::array{std::move(ring)}}};
}

/// Demand points (compounds, depots) and stations for an area's coverage.
struct CoverageData {
  std::vector<coverage::DemandPoint> demand;
  std::vector<coverage::Station> stations;
  std::shared_ptr<const places::PlaceDirectory> directory;
  std::vector<std::uint32_t> station_index;  ///< into directory->places(), one per station
};

CoverageData GatherCoverage(Services& services, const areas::Area& area) {
  CoverageData data;
  {
    auto connection = services.database.Acquire();
    for (const storage::Row& row : connection->Query(
             "SELECT code, name_zh, lat, lon FROM areas WHERE level = 'compound' AND path LIKE ? AND lat IS NOT NULL "
             "ORDER BY code LIMIT 20000",
             {area.path + "%"})) {
      data.demand.push_back({"compound", row.Text(0), 0, row.Text(1), {row.Double(3), row.Double(2)}});
    }
  }
  for (const places::Depot& depot : *services.places->Depots()) {
    if (areas::PathWithin(depot.area_path, area.path))
      data.demand.push_back({"depot", "", depot.id, depot.name, depot.position});
  }
  // Stations inside the area's box (with a 15-minute ride of margin) can serve it.
  geo::BoundingBox box;
  for (const auto& point : data.demand) box.Add(point.position);
  data.directory = services.places->Directory();
  const auto& directory = data.directory;
  for (const places::PlacePoint& place : directory->places()) {
    if (place.kind != PlaceKind::kStation || box.Empty() || !box.Contains(place.position, 0.06)) continue;
    data.stations.push_back({place.id, place.name, place.position, place.hours});
    data.station_index.push_back(static_cast<std::uint32_t>(&place - directory->places().data()));
  }
  return data;
}

core::Result<int> IntParam(const http::Request& request, std::string_view name, int low, int high, int fallback) {
  auto text = request.QueryParam(name);
  if (!text || text->empty()) return fallback;
  auto value = core::ParseNonNegativeInteger(*text);
  if (!value || *value < low || *value > high) {
    return MakeError(ErrorCode::kValidationFailed,
                     fmt::format("{} must be a whole number from {} to {}", name, low, high));
  }
  return static_cast<int>(*value);
}

/// The members of a place's public JSON that change only when the place does (everything but
/// `open_now` and `busy`), serialised once per place snapshot: a nearby search then writes ten
/// cached strings instead of building ten objects of thirty fields.
class PublicPlaceCards {
 public:
  /// The cards of one snapshot, filled as places are asked for: take it once per request.
  class Generation {
   public:
    explicit Generation(std::shared_ptr<const places::PlaceSnapshot> snapshot)
        : snapshot_(std::move(snapshot)),
          once_(std::make_unique<std::once_flag[]>(snapshot_->records.size())),
          text_(std::make_unique<std::string[]>(snapshot_->records.size())) {}

    /// `"id":1,"kind":"station",…` (no braces) for snapshot record `index`.
    const std::string& Members(Services& services, std::size_t index) {
      std::call_once(once_[index], [&] {
        json::object card = PlaceJson(services, snapshot_->records[index], nullptr, 0, 0);
        card.erase("open_now");
        card.erase("busy");
        const std::string text = core::SerializeJson(card);
        text_[index] = text.substr(1, text.size() - 2);
      });
      return text_[index];
    }

   private:
    std::shared_ptr<const places::PlaceSnapshot> snapshot_;
    std::unique_ptr<std::once_flag[]> once_;
    std::unique_ptr<std::string[]> text_;
  };

  /// The generation for `snapshot`, started anew when the snapshot changed.
  std::shared_ptr<Generation> For(const std::shared_ptr<const places::PlaceSnapshot>& snapshot) {
    std::lock_guard lock(mutex_);
    if (current_ == nullptr || current_snapshot_ != snapshot) {
      current_ = std::make_shared<Generation>(snapshot);
      current_snapshot_ = snapshot;
    }
    return current_;
  }

 private:
  std::mutex mutex_;
  std::shared_ptr<const places::PlaceSnapshot> current_snapshot_;
  std::shared_ptr<Generation> current_;
};

}  // namespace

void RegisterPlaceRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;
  Declare(router, services, {http::Method::kGet, "/api/v1/places/grading", audience::kAnyone}, [](Call&) {
    json::array grades;
    for (const places::GradeRule& rule : places::GradeRules()) {
      json::array amenities;
      for (std::string_view name : places::AmenityNames(rule.required)) amenities.push_back(json::string(name));
      grades.push_back(
          {{"grade", std::string(1, rule.grade)}, {"hours", rule.hours}, {"amenities", std::move(amenities)}});
    }
    return http::Json(200, json::object{{"grades", std::move(grades)}});
  });

  auto cards = std::make_shared<PublicPlaceCards>();
  Declare(
      router, services, {http::Method::kGet, "/api/v1/places/nearby", audience::kAnyone},
      [&services, cards](Call& call) {
        const http::Request& request = call.request;
        auto service = Take(PlacesOf(services));
        auto point = Take(PointParams(request));
        const auto [origin, profile] = point;
        auto at = Take(MomentParam(request));
        auto limit = Take(IntParam(request, "limit", 1, 50, 10));
        places::PlaceFilter filter;
        filter.kinds = Take(places::ParseKindList(request.QueryParam("kind").value_or("").substr(0, 300)));
        filter.amenities = Take(places::ParseAmenityList(request.QueryParam("amenity").value_or("").substr(0, 300)));
        const auto open_now = request.QueryParam("open_now").value_or("");
        if (open_now == "true" || open_now == "1") filter.open_at = HolidaysOf(services).At(at);
        // redeemable=true: only places with offers a worker could redeem now (附近可兑换), each with them.
        const auto redeemable = request.QueryParam("redeemable").value_or("");
        std::map<long long, json::array> offers_at;
        if ((redeemable == "true" || redeemable == "1") && services.offers != nullptr) {
          auto ids = std::make_shared<std::vector<long long>>();
          for (const points::Offer& offer : services.offers->Redeemable(storage::NowSeconds())) {
            if (ids->empty() || ids->back() != offer.place_id) ids->push_back(offer.place_id);
            json::array& list = offers_at[offer.place_id];
            if (list.size() < kOffersPerNearbyPlace) {
              list.push_back({{"id", offer.id},
                              {"title", offer.title},
                              {"price", offer.price},
                              {"stock", offer.stock ? json::value(*offer.stock) : json::value(nullptr)}});
            }
          }
          filter.only_ids = std::move(ids);  // Redeemable sorts by place
        }

        Take(service->CheckPosition(origin));
        // Everything comes from memory: the snapshot, the cached cards, the recent check-in counts.
        const auto snapshot = service->Snapshot();
        const places::PlaceDirectory& directory = *snapshot->directory;
        std::vector<places::NearPlace> near;
        json::object origin_json{{"lat", Round6(origin.lat)}, {"lon", Round6(origin.lon)}, {"snapped_metres", nullptr}};
        const bool by_road = services.roads != nullptr;
        if (by_road) {
          auto snapped = Take(services.roads->Snap(profile, origin));
          origin_json["snapped_metres"] = Round1(snapped.distance_metres);
          near = directory.NearestByRoad(snapped, profile, limit, filter, kNearbyLimit);
        } else {
          near = directory.NearestStraight(origin, limit, filter);
        }
        std::vector<long long> ids;
        ids.reserve(near.size());
        for (const auto& n : near) ids.push_back(directory.places()[n.index].id);
        const auto checkins = service->RecentCheckins(ids, storage::NowSeconds());
        const schedule::LocalTime local = HolidaysOf(services).At(at);
        const auto generation = cards->For(snapshot);
        std::string body = R"({"origin":)" + core::SerializeJson(origin_json) + R"(,"at":")" +
                           schedule::BeijingIso8601(at) + R"(","by_road":)" + (by_road ? "true" : "false") +
                           R"(,"places":[)";
        for (std::size_t i = 0; i < near.size(); ++i) {
          const places::PlaceRecord& record = snapshot->records[near[i].index];
          const places::PlacePoint& place_point = directory.places()[near[i].index];
          const auto& road_point = by_road ? directory.RoadPoint(near[i].index, profile) : std::nullopt;
          json::object moving{
              {"open_now", place_point.hours.IsOpen(local)},
              {"busy", json::object{{"checkins_last_hour", checkins[i]},
                                    {"level", BusyLevel(checkins[i], record.fields.capacity)}}},
              {"straight_metres", std::lround(geo::DistanceMetres(origin, place_point.position))},
              {"road_seconds", near[i].road_time == roads::kUnreachable
                                   ? json::value(nullptr)
                                   : json::value(std::lround(near[i].road_time / 10.0))},
              {"road_metres", by_road ? json::value(std::lround(near[i].road_metres)) : json::value(nullptr)},
              // The last stretch from the road to the door (walked), when the place is off the road network.
              {"off_road_metres",
               road_point ? json::value(std::lround(road_point->distance_metres)) : json::value(nullptr)},
          };
          if (filter.only_ids) moving["redeemable"] = offers_at[record.id];
          const std::string dynamic = core::SerializeJson(moving);
          if (i > 0) body += ',';
          body += '{';
          body += generation->Members(services, near[i].index);
          body += ',';
          body.append(dynamic, 1, std::string::npos);  // its members and the closing brace
        }
        body += R"(],"attribution":)" + core::SerializeJson(json::value(kAttribution)) + "}";
        http::Response response;
        response.status = 200;
        response.body = std::move(body);
        return response;
      });

  Declare(router, services, {http::Method::kGet, "/api/v1/places/mine", audience::kSignedIn}, [&services](Call& call) {
    auto service = Take(PlacesOf(services));
    const long long now = storage::NowSeconds();
    json::array list;
    for (const places::PlaceRecord& place : service->Mine(call.caller())) {
      list.push_back(PlaceJson(services, place, call.principal, now, service->CheckinsLastHour({place.id}, now)[0]));
    }
    return http::Json(200, json::object{{"places", std::move(list)}});
  });

  Declare(router, services, {http::Method::kGet, "/api/v1/places", audience::kOfficers}, [&services](Call& call) {
    const http::Request& request = call.request;
    auto service = Take(PlacesOf(services));
    auto area = Take(ScopedArea(request, call.caller(), services.areas));
    std::optional<places::PlaceStatus> status = places::PlaceStatus::kApproved;
    if (const auto text = request.QueryParam("status").value_or("approved"); text == "all") {
      status.reset();
    } else if (auto parsed = places::ParseStatus(text)) {
      status = parsed;
    } else {
      return http::Problem(
          MakeError(ErrorCode::kValidationFailed, "status must be pending, approved, rejected or all"));
    }
    std::optional<PlaceKind> kind;
    if (auto text = request.QueryParam("kind"); text && !text->empty()) {
      kind = places::ParseKind(*text);
      if (!kind) return http::Problem(MakeError(ErrorCode::kValidationFailed, "unknown kind"));
    }
    auto limit = Take(IntParam(request, "limit", 1, 200, 50));
    auto offset = Take(IntParam(request, "offset", 0, 1000000, 0));
    long long total = 0;
    const long long now = storage::NowSeconds();
    json::array list;
    for (const places::PlaceRecord& place : service->List(area, status, kind, limit, offset, &total)) {
      json::object item = PlaceJson(services, place, call.principal, now, 0);
      item["pending"] = nullptr;
      if (place.pending_json) {
        boost::system::error_code error;
        json::value proposed = json::parse(*place.pending_json, error);
        if (!error) item["pending"] = std::move(proposed);
      }
      list.push_back(std::move(item));
    }
    return http::Json(200, json::object{{"places", std::move(list)}, {"total", total}});
  });

  Declare(router, services, {http::Method::kPost, "/api/v1/places", audience::kPlaceKeepers, places::PlaceFields()},
          [&services](Call& call) {
            auto service = Take(PlacesOf(services));
            auto input = Take(places::ParsePlaceInput(call.body));
            auto place = Take(service->Create(call.caller(), input));
            return http::Json(input.merge_into ? 200 : 201,
                              PlaceJson(services, place, call.principal, storage::NowSeconds(), 0));
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/places/{id}", audience::kAnyoneSignedInSeesMore},
          [&services](Call& call) {
            auto target = Take(PlaceTarget(services, call.request));
            const auto [service, id] = target;
            auto place = Take(service->Get(id, call.principal));
            const long long now = storage::NowSeconds();
            json::object out = PlaceJson(services, place, call.principal, now, service->CheckinsLastHour({id}, now)[0]);
            json::array depots;
            for (const auto& [depot, minutes] : service->LinkedDepots(id)) {
              depots.push_back(
                  {{"id", depot.id}, {"name", depot.name}, {"platform", depot.platform}, {"minutes", Round1(minutes)}});
            }
            out["depots"] = std::move(depots);
            return http::Json(200, out);
          });

  Declare(router, services, {http::Method::kPut, "/api/v1/places/{id}", audience::kPlaceKeepers, places::PlaceFields()},
          [&services](Call& call) {
            auto target = Take(PlaceTarget(services, call.request));
            const auto [service, id] = target;
            auto input = Take(places::ParsePlaceInput(call.body));
            auto place = Take(service->Update(call.caller(), id, input));
            return http::Json(200, PlaceJson(services, place, call.principal, storage::NowSeconds(), 0));
          });

  static constexpr core::FieldSpec kReviewFields[] = {
      {"decision", core::FieldType::kString, true, 10},
      {"note", core::FieldType::kString, false, 200, true},
  };
  Declare(router, services,
          {http::Method::kPost, "/api/v1/places/{id}/review", audience::kCommunityOfficers, kReviewFields},
          [&services](Call& call) {
            auto target = Take(PlaceTarget(services, call.request));
            const auto [service, id] = target;
            const std::string_view decision = core::StringOr(call.body, "decision");
            if (decision != "approve" && decision != "reject") {
              return http::Problem(MakeError(ErrorCode::kValidationFailed, "decision must be approve or reject"));
            }
            auto place =
                Take(service->Review(call.caller(), id, decision == "approve", core::StringOr(call.body, "note")));
            return http::Json(200, PlaceJson(services, place, call.principal, storage::NowSeconds(), 0));
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/places/{id}/route", audience::kAnyone},
          [&services](Call& call) {
            const http::Request& request = call.request;
            auto service = Take(PlacesOf(services));
            if (services.roads == nullptr)
              return http::Problem(MakeError(ErrorCode::kNotFound, "no road network on this server"));
            auto id = Take(IdParam(request, "id"));
            auto point = Take(PointParams(request));
            const auto [origin, profile] = point;
            auto place = Take(service->Get(id, nullptr));
            Take(service->CheckPosition(origin));
            auto from = Take(services.roads->Snap(profile, origin));
            auto to = services.roads->Snap(profile, {place.fields.lon, place.fields.lat});
            if (!to.ok()) return http::Problem(MakeError(ErrorCode::kNotFound, "the place is not on the road network"));
            auto route = services.roads->Router(profile).Route(from, *to);
            if (!route)
              return http::Problem(
                  MakeError(ErrorCode::kNotFound, "no route by road to this place (one-ways or closed roads)"));
            json::array coordinates;
            for (const geo::LonLat& p : route->path) coordinates.push_back(json::array{Round6(p.lon), Round6(p.lat)});
            return http::Json(
                200, json::object{{"seconds", std::lround(route->time / 10.0)},
                                  {"metres", std::lround(route->metres)},
                                  {"profile", roads::ProfileName(profile)},
                                  {"start_off_road_metres", std::lround(from.distance_metres)},
                                  {"end_off_road_metres", std::lround(to->distance_metres)},
                                  {"geometry", {{"type", "LineString"}, {"coordinates", std::move(coordinates)}}},
                                  {"attribution", kAttribution}});
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/places/{id}/sign.svg", audience::kAnyoneSignedInSeesMore},
          [&services](Call& call) {
            auto target = Take(PlaceTarget(services, call.request));
            const auto [service, id] = target;
            auto place = Take(service->Get(id, call.principal));
            auto svg = Take(SignSvg(place, fmt::format("{}/p/{}", services.public_url, id)));
            http::Response response;
            response.content_type = "image/svg+xml; charset=utf-8";
            response.body = std::move(svg);
            return response;
          });

  Declare(router, services,
          {.method = http::Method::kPost,
           .pattern = "/api/v1/places/{id}/photos",
           .audience = audience::kPlaceKeepers,
           .options = {.upload = true}},
          [&services](Call& call) {
            const http::Request& request = call.request;
            auto target = Take(PlaceTarget(services, request));
            const auto [service, id] = target;
            if (request.body.size() > kMaxPhotoBytes) {
              return http::Problem(MakeError(ErrorCode::kBodyTooLarge, "a photo of a place must be at most 5 MiB"));
            }
            // A body declared as something else is refused by its type; one declared as an image is
            // then checked by its content (a text "JPEG" is a validation failure, as for every photo).
            auto image = Take(media::SanitizeUpload(request.Header("content-type"), request.body));
            auto photo = Take(service->AddPhoto(call.caller(), id, image.content_type, image.bytes));
            return http::Json(201, json::object{{"id", photo.id}, {"url", PlacePhotoUrl(photo.public_id)}});
          });

  // A pending or rejected place's photos are seen only by those who may see the place: signing
  // in may show more.
  Declare(router, services, {http::Method::kGet, "/api/v1/place-photos/{id}", audience::kAnyoneSignedInSeesMore},
          [&services](Call& call) {
            auto service = Take(PlacesOf(services));
            // By public id only: a row number finds nothing.
            return PhotoResponse(Take(service->Photo(call.request.PathParam("id"), call.principal)));
          });

  Declare(
      router, services, {http::Method::kPost, "/api/v1/places/{id}/checkins", audience::kWorkers},
      [&services](Call& call) {
        auto target = Take(PlaceTarget(services, call.request));
        const auto [service, id] = target;
        auto result = Take(service->CheckIn(call.caller(), id, storage::NowSeconds()));
        return http::Json(
            result.counted ? 201 : 200,
            json::object{{"place_id", id},
                         {"checkins_last_hour", result.checkins_last_hour},
                         {"door", result.door},
                         {"counted", result.counted},
                         {"message", std::string(CheckinWords(result.door).In(http::PreferredLang(call.request)))}});
      });

  Declare(router, services, {http::Method::kGet, "/api/v1/places/{id}/visits", audience::kPlaceKeepers},
          [&services](Call& call) {
            auto target = Take(PlaceTarget(services, call.request));
            const auto [service, id] = target;
            auto days = Take(IntParam(call.request, "days", 1, 365, 30));
            auto visits = Take(service->VisitsOf(call.caller(), id, days, storage::NowSeconds()));
            json::object by_kind;
            for (const auto& [kind, count] : visits.by_kind) by_kind[kind] = count;
            json::array by_day;
            for (const auto& [date, count] : visits.by_day) by_day.push_back({{"date", date}, {"count", count}});
            return http::Json(
                200,
                json::object{{"total", visits.total}, {"by_kind", std::move(by_kind)}, {"by_day", std::move(by_day)}});
          });

  Declare(
      router, services, {http::Method::kGet, "/api/v1/coverage", audience::kCommunityOfficers},
      [&services](Call& call) {
        const http::Request& request = call.request;
        auto service = Take(PlacesOf(services));
        if (services.roads == nullptr)
          return http::Problem(MakeError(ErrorCode::kNotFound, "no road network on this server"));
        auto area = Take(ScopedArea(request, call.caller(), services.areas));
        auto minutes = Take(IntParam(request, "minutes", 1, 60, 15));
        const schedule::LocalTime now = HolidaysOf(services).At(storage::NowSeconds());
        auto hour = Take(IntParam(request, "hour", 0, 23, now.minute_of_day / 60));
        const auto started = std::chrono::steady_clock::now();
        const CoverageData data = GatherCoverage(services, area);
        const coverage::CoverageAnalyzer analyzer(*services.roads);
        const coverage::Analysis analysis = analyzer.Analyze(data.demand, data.stations, minutes, now, hour);

        json::array by_hour;
        for (const coverage::HourCoverage& h : analysis.by_hour) {
          by_hour.push_back({{"hour", h.hour},
                             {"covered", h.covered},
                             {"total", h.total},
                             {"share", h.total == 0 ? 0.0 : std::round(1000.0 * h.covered / h.total) / 1000},
                             {"open_stations", h.open_stations}});
        }
        // Per kind: covered and total with road data (the share's terms), and those without road data.
        struct KindCounts {
          int covered = 0, total = 0, no_road_data = 0;
        };
        KindCounts compounds, depots;
        json::array outside, no_road_data;
        for (std::size_t i = 0; i < data.demand.size(); ++i) {
          const auto& point = data.demand[i];
          const coverage::PointStatus status = analysis.status[i];
          KindCounts& kind = point.kind == "compound" ? compounds : depots;
          if (status == coverage::PointStatus::kNoRoadData) {
            ++kind.no_road_data;
          } else {
            ++kind.total;
            kind.covered += status == coverage::PointStatus::kCovered ? 1 : 0;
          }
          if (status == coverage::PointStatus::kCovered) continue;
          json::object item{{"kind", point.kind},
                            {"code", point.code.empty() ? json::value(nullptr) : json::value(json::string(point.code))},
                            {"id", point.id == 0 ? json::value(nullptr) : json::value(point.id)},
                            {"name", point.name},
                            {"lat", Round6(point.position.lat)},
                            {"lon", Round6(point.position.lon)}};
          if (status == coverage::PointStatus::kNoRoadData) {
            no_road_data.push_back(std::move(item));
          } else {
            item["minutes"] = nullptr;
            outside.push_back(std::move(item));
          }
        }
        const auto kind_json = [](const KindCounts& kind) {
          return json::object{{"covered", kind.covered}, {"total", kind.total}, {"no_road_data", kind.no_road_data}};
        };
        const coverage::PointCounts& counts = analysis.counts;
        json::array stations;
        for (std::size_t s = 0; s < data.stations.size(); ++s) {
          const places::PlacePoint& place = data.directory->places()[data.station_index[s]];
          const auto grade = places::GradeStation(place.amenities, place.hours);
          stations.push_back({{"id", place.id},
                              {"name", place.name},
                              {"lat", Round6(place.position.lat)},
                              {"lon", Round6(place.position.lon)},
                              {"open", static_cast<bool>(analysis.open_at_hour[s])},
                              {"grade", grade.grade == 0 ? json::value(nullptr)
                                                         : json::value(json::string(std::string(1, grade.grade)))}});
        }
        json::array cells;
        for (const coverage::Cell& cell : analysis.cells) {
          cells.push_back(
              {{"type", "Feature"}, {"geometry", GeoJsonPolygon(cell)}, {"properties", {{"covered", cell.covered}}}});
        }
        json::array liaison;
        for (const places::Depot& depot : *service->Depots()) {
          if (!areas::PathWithin(depot.area_path, area.path)) continue;
          json::array linked;
          for (const places::NearStation& station : service->NearestStations(depot, 3)) {
            linked.push_back({{"id", station.id}, {"name", station.name}, {"minutes", Round1(station.minutes)}});
          }
          liaison.push_back({{"depot", {{"id", depot.id}, {"name", depot.name}, {"platform", depot.platform}}},
                             {"stations", std::move(linked)}});
        }
        const double elapsed =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        return http::Json(200, json::object{{"area", AreaJson(area)},
                                            {"minutes", minutes},
                                            {"hour", hour},
                                            {"by_hour", std::move(by_hour)},
                                            {"counts",
                                             {{"total", counts.total},
                                              {"with_road_data", counts.with_road_data},
                                              {"covered", counts.covered},
                                              {"not_covered", counts.not_covered},
                                              {"no_road_data", counts.no_road_data}}},
                                            {"compounds", kind_json(compounds)},
                                            {"depots", kind_json(depots)},
                                            {"outside", std::move(outside)},
                                            {"no_road_data", std::move(no_road_data)},
                                            {"stations", std::move(stations)},
                                            {"cells", {{"type", "FeatureCollection"}, {"features", std::move(cells)}}},
                                            {"liaison", std::move(liaison)},
                                            {"attribution", kAttribution},
                                            {"elapsed_ms", Round1(elapsed)}});
      });

  static constexpr core::FieldSpec kPlanFields[] = {
      {"area", core::FieldType::kString, true, 32}, {"minutes", core::FieldType::kInteger},
      {"hour", core::FieldType::kInteger},          {"k", core::FieldType::kInteger},
      {"candidates", core::FieldType::kArray},      {"sources", core::FieldType::kArray},
  };
  Declare(router, services, {http::Method::kPost, "/api/v1/coverage/plan", audience::kCommunityOfficers, kPlanFields},
          [&services](Call& call) {
            auto service = Take(PlacesOf(services));
            if (services.roads == nullptr)
              return http::Problem(MakeError(ErrorCode::kNotFound, "no road network on this server"));
            const json::object& body = call.body;
            auto area = services.areas.Find(core::StringOr(body, "area"));
            if (!area) return http::Problem(MakeError(ErrorCode::kNotFound, "no such area"));
            Take(accounts::RequireInScope(call.caller(), *area));
            const auto integer = [&body](std::string_view key, long long fallback, long long low,
                                         long long high) -> core::Result<int> {
              const auto* value = body.if_contains(key);
              if (value == nullptr || value->is_null()) return static_cast<int>(fallback);
              if (value->as_int64() < low || value->as_int64() > high) {
                return MakeError(ErrorCode::kValidationFailed, fmt::format("{} must be from {} to {}", key, low, high));
              }
              return static_cast<int>(value->as_int64());
            };
            const schedule::LocalTime local_now = HolidaysOf(services).At(storage::NowSeconds());
            const int minutes = Take(integer("minutes", 15, 1, 60));
            const int hour = Take(integer("hour", local_now.minute_of_day / 60, 0, 23));
            const int k = Take(integer("k", 3, 1, 20));
            const CoverageData data = GatherCoverage(services, *area);
            std::vector<coverage::Candidate> candidates;
            if (const auto* custom = body.if_contains("candidates"); custom != nullptr && !custom->is_null()) {
              if (custom->as_array().size() > 200)
                return http::Problem(MakeError(ErrorCode::kValidationFailed, "candidates: at most 200"));
              for (const json::value& item : custom->as_array()) {
                const json::object* point = item.if_object();
                const json::value* lat = point ? point->if_contains("lat") : nullptr;
                const json::value* lon = point ? point->if_contains("lon") : nullptr;
                if (lat == nullptr || lon == nullptr || !lat->is_number() || !lon->is_number()) {
                  return http::Problem(
                      MakeError(ErrorCode::kValidationFailed, "candidates: each needs numeric lat and lon"));
                }
                const geo::LonLat at{lon->to_number<double>(), lat->to_number<double>()};
                Take(service->CheckPosition(at));
                const json::value* label = point->if_contains("label");
                std::string text =
                    label != nullptr && label->is_string() ? std::string(label->as_string()).substr(0, 60) : "";
                if (text.empty()) {
                  text = Words("coverage.custom_candidate", http::PreferredLang(call.request),
                               {{"number", candidates.size() + 1}});
                }
                candidates.push_back({std::move(text), "custom", at});
              }
            }
            std::vector<std::string> sources{"merchants", "compounds"};
            if (const auto* given = body.if_contains("sources"); given != nullptr && !given->is_null()) {
              sources.clear();
              for (const json::value& item : given->as_array()) {
                if (!item.is_string() || (item.as_string() != "merchants" && item.as_string() != "compounds")) {
                  return http::Problem(MakeError(ErrorCode::kValidationFailed, "sources: merchants and/or compounds"));
                }
                sources.emplace_back(item.as_string());
              }
            }
            geo::BoundingBox box;
            for (const auto& point : data.demand) box.Add(point.position);
            const auto wants = [&sources](std::string_view name) {
              return std::find(sources.begin(), sources.end(), name) != sources.end();
            };
            if (wants("merchants")) {
              auto directory = service->Directory();
              for (const places::PlacePoint& place : directory->places()) {
                if ((place.kind != PlaceKind::kMerchant && place.kind != PlaceKind::kCanteen) || box.Empty() ||
                    !box.Contains(place.position, 0.01))
                  continue;
                candidates.push_back({place.name, "merchants", place.position});
              }
            }
            if (wants("compounds")) {
              for (const auto& point : data.demand) {
                if (point.kind == "compound")
                  candidates.push_back(
                      {Words("coverage.property_office", http::PreferredLang(call.request), {{"compound", point.name}}),
                       "compounds", point.position});
              }
            }
            const coverage::CoverageAnalyzer analyzer(*services.roads);
            const coverage::Plan plan =
                analyzer.PlanSites(data.demand, data.stations, candidates, minutes, local_now, hour, k);
            const auto share = [&plan](int covered) {
              return plan.total == 0 ? 0.0 : std::round(1000.0 * covered / plan.total) / 1000;
            };
            json::array picks;
            int covered_after = plan.covered_before;
            for (const coverage::Pick& pick : plan.picks) {
              const auto& candidate = candidates[pick.candidate];
              covered_after = pick.covered_after;
              picks.push_back({{"label", candidate.label},
                               {"source", candidate.source},
                               {"lat", Round6(candidate.position.lat)},
                               {"lon", Round6(candidate.position.lon)},
                               {"gained", pick.gained},
                               {"covered_after", pick.covered_after},
                               {"share_after", share(pick.covered_after)}});
            }
            return http::Json(
                200,
                json::object{
                    {"area", AreaJson(*area)},
                    {"minutes", minutes},
                    {"hour", hour},
                    {"before",
                     {{"covered", plan.covered_before}, {"total", plan.total}, {"share", share(plan.covered_before)}}},
                    {"picks", std::move(picks)},
                    {"after", {{"covered", covered_after}, {"total", plan.total}, {"share", share(covered_after)}}},
                    {"candidates_considered", candidates.size()}});
          });
}

}  // namespace youhao::api
