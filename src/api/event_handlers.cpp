// Events (活动) over HTTP: the week's events near a worker (riding time by road when a position is
// given), one event, organisers creating (a weekly series too), changing and cancelling them,
// workers registering, taking a held place and cancelling, the organiser's roster and one's own
// events. Decisions are src/events' (event_policy.h); these handlers only read and render.

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/api_internal.h"
#include "api/endpoint.h"
#include "events/event_service.h"
#include "geo/geo.h"
#include "http/json_body.h"
#include "roads/road_network.h"
#include "schedule/clock.h"
#include "storage/database.h"

namespace youhao::api {

namespace {

namespace json = boost::json;
using core::ErrorCode;

/// Riding speed for the straight-line estimate when there is no road network (or no road near).
constexpr double kStraightLineMetresPerMinute = 15000.0 / 60.0;
constexpr long long kDefaultWindow = 7LL * 24 * 3600;
constexpr long long kLongestWindow = 400LL * 24 * 3600;

// The fields a new event and a change check alike.
constexpr core::FieldSpec kDescriptionField = {.name = "description",
                                               .type = core::FieldType::kString,
                                               .max_length = events::kMaxDescription,
                                               .allow_empty = true};
constexpr core::FieldSpec kPlaceIdField = {.name = "place_id", .type = core::FieldType::kInteger, .nullable = true};
constexpr core::FieldSpec kCompoundField = {
    .name = "compound", .type = core::FieldType::kString, .max_length = 32, .nullable = true};
constexpr core::FieldSpec kAddressField = {.name = "address",
                                           .type = core::FieldType::kString,
                                           .max_length = events::kMaxAddress,
                                           .allow_empty = true,
                                           .nullable = true};
constexpr core::FieldSpec kLatField = {.name = "lat", .type = core::FieldType::kNumber, .nullable = true};
constexpr core::FieldSpec kLonField = {.name = "lon", .type = core::FieldType::kNumber, .nullable = true};
constexpr core::FieldSpec kEligibilityField = {
    .name = "eligibility", .type = core::FieldType::kObject, .nullable = true};

constexpr core::FieldSpec kCreateFields[] = {
    {.name = "kind", .type = core::FieldType::kString, .required = true, .max_length = 32},
    {.name = "title", .type = core::FieldType::kString, .required = true, .max_length = events::kMaxTitle},
    kDescriptionField,
    {.name = "organiser_kind", .type = core::FieldType::kString, .required = true, .max_length = 32},
    {.name = "organiser_name",
     .type = core::FieldType::kString,
     .required = true,
     .max_length = events::kMaxOrganiserName},
    {.name = "area", .type = core::FieldType::kString, .max_length = 32, .nullable = true},
    kPlaceIdField,
    kCompoundField,
    kAddressField,
    kLatField,
    kLonField,
    {.name = "starts_at", .type = core::FieldType::kInteger, .required = true},
    {.name = "ends_at", .type = core::FieldType::kInteger, .required = true},
    {.name = "capacity", .type = core::FieldType::kInteger, .required = true},
    {.name = "hold_minutes", .type = core::FieldType::kInteger, .nullable = true},
    {.name = "walk_ins", .type = core::FieldType::kBoolean, .nullable = true},
    {.name = "family", .type = core::FieldType::kBoolean, .nullable = true},
    kEligibilityField,
    {.name = "course_id", .type = core::FieldType::kInteger, .nullable = true},
    {.name = "team_id", .type = core::FieldType::kInteger, .nullable = true},
    {.name = "repeat_weekly_until", .type = core::FieldType::kInteger, .nullable = true},
};

/// A change: every field optional.
constexpr core::FieldSpec kUpdateFields[] = {
    {.name = "kind", .type = core::FieldType::kString, .max_length = 32},
    {.name = "title", .type = core::FieldType::kString, .max_length = events::kMaxTitle},
    kDescriptionField,
    {.name = "organiser_kind", .type = core::FieldType::kString, .max_length = 32},
    {.name = "organiser_name", .type = core::FieldType::kString, .max_length = events::kMaxOrganiserName},
    kPlaceIdField,
    kCompoundField,
    kAddressField,
    kLatField,
    kLonField,
    {.name = "starts_at", .type = core::FieldType::kInteger},
    {.name = "ends_at", .type = core::FieldType::kInteger},
    {.name = "capacity", .type = core::FieldType::kInteger},
    {.name = "hold_minutes", .type = core::FieldType::kInteger},
    {.name = "walk_ins", .type = core::FieldType::kBoolean},
    {.name = "family", .type = core::FieldType::kBoolean},
    kEligibilityField,
};

constexpr core::FieldSpec kReasonFields[] = {
    {.name = "reason", .type = core::FieldType::kString, .max_length = events::kMaxReason, .allow_empty = true},
};

constexpr core::FieldSpec kRegisterFields[] = {
    {.name = "family_count", .type = core::FieldType::kInteger, .nullable = true},
};

events::EventService& EventsOf(Services& services) { return *Take(Enabled(services.event_service, "events")); }

const json::value* Present(const json::object& body, std::string_view key) {
  const json::value* value = body.if_contains(key);
  return value == nullptr || value->is_null() ? nullptr : value;
}

int ClampedInt(long long value) {
  return static_cast<int>(
      std::clamp<long long>(value, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
}

/// An integer that stands for a number (capacity, minutes): clamped into int, so absurd values stay absurd.
template <typename T>
void ReadInt(const json::object& body, std::string_view key, T& out) {
  if (const auto* value = Present(body, key)) out = static_cast<T>(ClampedInt(value->as_int64()));
}

double NumberOf(const json::value& value) { return value.is_double() ? value.as_double() : value.to_number<double>(); }

/// Fields of `body` over `request` (the event as it is, for a change; defaults, for a new one).
events::EventRequest Merge(const json::object& body, events::EventRequest request) {
  events::EventInput& input = request.input;
  if (const auto* value = Present(body, "kind")) input.kind = value->as_string();
  if (const auto* value = Present(body, "title")) input.title = value->as_string();
  if (const auto* value = Present(body, "description")) input.description = value->as_string();
  if (const auto* value = Present(body, "organiser_kind")) input.organiser_kind = value->as_string();
  if (const auto* value = Present(body, "organiser_name")) input.organiser_name = value->as_string();
  if (const auto* value = Present(body, "starts_at")) input.starts_at = value->as_int64();
  if (const auto* value = Present(body, "ends_at")) input.ends_at = value->as_int64();
  ReadInt(body, "capacity", input.capacity);
  ReadInt(body, "hold_minutes", input.hold_minutes);
  if (const auto* value = Present(body, "walk_ins")) input.walk_ins = value->as_bool();
  if (const auto* value = Present(body, "family")) input.family = value->as_bool();
  if (const auto* value = Present(body, "eligibility")) input.eligibility = Take(events::EligibilityFromJson(*value));
  if (const auto* value = Present(body, "area")) request.area_code = value->as_string();
  // A location given replaces the old one whole.
  const bool relocated = Present(body, "place_id") || Present(body, "compound") || Present(body, "address") ||
                         Present(body, "lat") || Present(body, "lon");
  if (relocated) {
    request.location = {};
    if (const auto* value = Present(body, "place_id")) request.location.place_id = value->as_int64();
    if (const auto* value = Present(body, "compound")) request.location.compound = std::string(value->as_string());
    if (const auto* value = Present(body, "address")) request.location.address = value->as_string();
    if (const auto* value = Present(body, "lat")) request.location.lat = NumberOf(*value);
    if (const auto* value = Present(body, "lon")) request.location.lon = NumberOf(*value);
  }
  if (const auto* value = Present(body, "course_id")) request.course_id = value->as_int64();
  if (const auto* value = Present(body, "team_id")) request.team_id = value->as_int64();
  if (const auto* value = Present(body, "repeat_weekly_until")) request.repeat_weekly_until = value->as_int64();
  return request;
}

/// The event as it is, as a request to change it.
events::EventRequest RequestOf(const events::Event& event) {
  events::EventRequest request;
  request.input = {event.kind,           event.title,     event.description, event.organiser_kind,
                   event.organiser_name, event.starts_at, event.ends_at,     event.capacity,
                   event.hold_minutes,   event.walk_ins,  event.family,      event.eligibility};
  request.area_code = event.area_code;
  request.location.place_id = event.place_id;
  request.location.compound = event.compound_code;
  request.location.address = event.address;
  request.location.lat = event.lat;
  request.location.lon = event.lon;
  request.course_id = event.course_id;
  request.team_id = event.team_id;
  return request;
}

json::value Optional(const std::optional<long long>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

json::object RegistrationJson(const events::Registration& registration) {
  return {{"id", registration.id},
          {"status", events::RegistrationStatusName(registration.status)},
          {"seat", registration.seat ? json::value(*registration.seat) : json::value(nullptr)},
          {"offered_until", Optional(registration.offered_until)}};
}

/// Where the caller is, for riding times: ?lat=&lon= (both, or no riding times).
std::optional<geo::LonLat> OriginParam(const http::Request& request) {
  if (!request.QueryParam("lat") || !request.QueryParam("lon")) return std::nullopt;
  const double lat = Take(NumberParam(request, "lat", -90, 90));
  const double lon = Take(NumberParam(request, "lon", -180, 180));
  return geo::LonLat{lon, lat};
}

/// Minutes by bicycle from `origin` to each event: by road as /places/nearby does (snapped to the
/// riding network, routed), or the straight line at 15 km/h where no road network or no road is near.
class RidingTimes {
 public:
  RidingTimes(const roads::RoadNetwork* roads, geo::LonLat origin) : roads_(roads), origin_(origin) {
    if (roads_ != nullptr) {
      auto snapped = roads_->Snap(roads::Profile::kRide, origin);
      if (snapped.ok()) from_ = snapped.value();
    }
  }

  long long Minutes(double lat, double lon) const {
    const geo::LonLat to{lon, lat};
    if (roads_ != nullptr && from_) {
      auto snapped = roads_->Snap(roads::Profile::kRide, to);
      if (snapped.ok()) {
        auto route = roads_->Router(roads::Profile::kRide).Route(*from_, snapped.value());
        if (route) return std::max<long long>(1, std::lround(std::ceil(route->time / 600.0)));
      }
    }
    return std::max<long long>(1,
                               std::lround(std::ceil(geo::DistanceMetres(origin_, to) / kStraightLineMetresPerMinute)));
  }

 private:
  const roads::RoadNetwork* roads_;
  geo::LonLat origin_;
  std::optional<roads::SnappedPoint> from_;
};

json::object EventJson(const events::EventView& view, std::optional<long long> riding_minutes) {
  const events::Event& event = view.event;
  json::object out{
      {"id", event.id},
      {"uid", event.uid},
      {"kind", event.kind},
      {"title", event.title},
      {"description", event.description},
      {"organiser", {{"kind", event.organiser_kind}, {"name", event.organiser_name}}},
      {"area", {{"code", event.area_code}, {"name", event.area_name}}},
      {"place", event.place_id ? json::value(json::object{{"id", *event.place_id}, {"name", event.place_name}})
                               : json::value(nullptr)},
      {"compound", event.compound_code
                       ? json::value(json::object{{"code", *event.compound_code}, {"name", event.compound_name}})
                       : json::value(nullptr)},
      {"address", event.address},
      {"lat", event.lat},
      {"lon", event.lon},
      {"starts_at", event.starts_at},
      {"ends_at", event.ends_at},
      {"capacity", event.capacity},
      {"taken", event.taken},
      {"waiting", event.waiting},
      {"hold_minutes", event.hold_minutes},
      {"walk_ins", event.walk_ins},
      {"family", event.family},
      {"eligibility", events::EligibilityJson(event.eligibility)},
      {"status", event.cancelled ? "cancelled" : "scheduled"},
      {"cancel_reason", event.cancel_reason},
      {"series_id", Optional(event.series_id)},
      {"course_id", Optional(event.course_id)},
      {"team_id", Optional(event.team_id)},
      {"sequence", event.sequence},
      {"riding_minutes", Optional(riding_minutes)},
      {"can", {{"register", view.can.register_}, {"cancel", view.can.cancel}, {"manage", view.can.manage}}}};
  if (view.mine) {
    out["mine"] = json::object{{"registration_id", view.mine->id},
                               {"status", events::RegistrationStatusName(view.mine->status)},
                               {"seat", view.mine->seat ? json::value(*view.mine->seat) : json::value(nullptr)},
                               {"offered_until", Optional(view.mine->offered_until)}};
  } else {
    out["mine"] = nullptr;
  }
  return out;
}

core::Error BadQuery(std::string_view field, std::string detail) { return events::BadEvent(field, std::move(detail)); }

long long MomentParam(const http::Request& request, std::string_view name, long long fallback) {
  const auto text = request.QueryParam(name);
  if (!text || text->empty()) return fallback;
  const auto moment = schedule::ParseMoment(*text);
  if (!moment) throw Refusal{BadQuery(name, "a moment: ISO 8601 or Unix seconds")};
  return *moment;
}

}  // namespace

void RegisterEventRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;

  Declare(router, services, {http::Method::kGet, "/api/v1/events", audience::kAnyoneSignedInSeesMore},
          [&services](Call& call) {
            const http::Request& request = call.request;
            const long long now = storage::NowSeconds();
            events::EventQuery query;
            query.from = MomentParam(request, "from", now);
            query.to = MomentParam(request, "to", query.from + kDefaultWindow);
            if (query.to <= query.from || query.to - query.from > kLongestWindow)
              return http::Problem(BadQuery("to", "to after from, at most 400 days"));
            if (const auto area_code = request.QueryParam("area"); area_code && !area_code->empty()) {
              auto area = services.areas.Find(*area_code);
              if (!area) return http::Problem(core::MakeError(ErrorCode::kNotFound, "no such area"));
              query.area_path = area->path;
            }
            if (const auto kind = request.QueryParam("kind"); kind && !kind->empty()) {
              if (!events::IsKind(*kind)) return http::Problem(BadQuery("kind", "unknown event kind"));
              query.kind = std::string(*kind);
            }
            query.limit = static_cast<int>(Take(http::IntegerParam(request, "limit", 100, 1, 500)));
            const auto origin = OriginParam(request);
            auto views = EventsOf(services).List(query, call.principal, now);
            std::vector<std::optional<long long>> minutes(views.size());
            if (origin) {
              const RidingTimes times(services.roads, *origin);
              for (std::size_t i = 0; i < views.size(); ++i)
                minutes[i] = times.Minutes(views[i].event.lat, views[i].event.lon);
            }
            std::vector<std::size_t> order(views.size());
            for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
            if (origin && request.QueryParam("sort").value_or("") == "ride") {
              std::stable_sort(order.begin(), order.end(),
                               [&](std::size_t a, std::size_t b) { return *minutes[a] < *minutes[b]; });
            }
            json::array items;
            for (std::size_t i : order) items.push_back(EventJson(views[i], minutes[i]));
            return http::Json(200, json::object{{"items", std::move(items)}});
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/events", audience::kEventOrganisers, kCreateFields},
          [&services](Call& call) {
            events::EventRequest defaults;
            defaults.input.description = "";
            auto request = Merge(call.body, std::move(defaults));
            auto created = Take(EventsOf(services).Create(call.caller(), request, storage::NowSeconds()));
            events::EventView view{std::move(created.event), std::nullopt, {false, false, true}};
            json::object out{{"event", EventJson(view, std::nullopt)}};
            if (created.series_id) {
              out["series_id"] = *created.series_id;
              out["count"] = created.count;
            }
            return http::Json(201, out);
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/events/{id}", audience::kAnyoneSignedInSeesMore},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto view = Take(EventsOf(services).Get(id, call.principal, storage::NowSeconds()));
            std::optional<long long> minutes;
            if (const auto origin = OriginParam(call.request))
              minutes = RidingTimes(services.roads, *origin).Minutes(view.event.lat, view.event.lon);
            return http::Json(200, EventJson(view, minutes));
          });

  Declare(
      router, services, {http::Method::kPatch, "/api/v1/events/{id}", audience::kEventOrganisers, kUpdateFields},
      [&services](Call& call) {
        const long long id = Take(IdParam(call.request, "id"));
        const long long now = storage::NowSeconds();
        auto current = Take(EventsOf(services).Get(id, call.principal, now));
        if (!current.can.manage) {
          return http::Problem(core::MakeProblem(ErrorCode::kForbidden, "not_event_organiser", "events.not_organiser",
                                                 "only the event's organisers may do this"));
        }
        auto request = Merge(call.body, RequestOf(current.event));
        auto view = Take(EventsOf(services).Update(call.caller(), id, request, now));
        return http::Json(200, EventJson(view, std::nullopt));
      });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/events/{id}/cancel", audience::kEventOrganisers, kReasonFields, true},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto view = Take(EventsOf(services).Cancel(
                call.caller(), id, std::string(core::StringOr(call.body, "reason")), storage::NowSeconds()));
            return http::Json(200, EventJson(view, std::nullopt));
          });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/events/{id}/registrations", audience::kWorkers, kRegisterFields, true},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            int family_count = 0;
            ReadInt(call.body, "family_count", family_count);
            auto registration =
                Take(EventsOf(services).Register(call.caller(), id, family_count, storage::NowSeconds()));
            return http::Json(201, json::object{{"registration", RegistrationJson(registration)}});
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/events/{id}/registrations/accept", audience::kWorkers},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto registration = Take(EventsOf(services).AcceptOffer(call.caller(), id, storage::NowSeconds()));
            return http::Json(200, json::object{{"registration", RegistrationJson(registration)}});
          });

  Declare(router, services, {http::Method::kDelete, "/api/v1/events/{id}/registrations/mine", audience::kWorkers},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto registration = Take(EventsOf(services).CancelMine(call.caller(), id, storage::NowSeconds()));
            return http::Json(200, json::object{{"registration", RegistrationJson(registration)}});
          });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/events/{id}/registrations/{registration_id}/cancel",
           audience::kEventOrganisers, kReasonFields, true},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            const long long registration_id = Take(IdParam(call.request, "registration_id"));
            auto registration = Take(EventsOf(services).CancelRegistration(
                call.caller(), id, registration_id, std::string(core::StringOr(call.body, "reason")),
                storage::NowSeconds()));
            return http::Json(200, json::object{{"registration", RegistrationJson(registration)}});
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/events/{id}/roster", audience::kEventOrganisers},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto roster = Take(EventsOf(services).Roster(call.caller(), id, storage::NowSeconds()));
            json::array items;
            for (const auto& line : roster.items) {
              const auto& r = line.registration;
              items.push_back({{"registration_id", r.id},
                               {"status", events::RegistrationStatusName(r.status)},
                               {"seat", r.seat ? json::value(*r.seat) : json::value(nullptr)},
                               {"registered_at", r.registered_at},
                               {"offered_until", Optional(r.offered_until)},
                               {"family_count", r.family_count},
                               {"worker",
                                {{"id", Optional(line.worker_id)},
                                 {"account_id", r.account_id},
                                 {"name", line.name},
                                 {"phone_masked", line.phone_masked},
                                 {"kind", line.kind},
                                 {"platform", line.platform}}}});
            }
            return http::Json(200, json::object{{"counts",
                                                 {{"confirmed", roster.confirmed},
                                                  {"offered", roster.offered},
                                                  {"waiting", roster.waiting},
                                                  {"cancelled", roster.cancelled}}},
                                                {"items", std::move(items)}});
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/me/events", audience::kWorkers}, [&services](Call& call) {
    json::array items;
    for (const auto& view : EventsOf(services).Mine(call.caller(), storage::NowSeconds())) {
      json::object item{{"event", EventJson(view, std::nullopt)}};
      item["registration"] = view.mine ? json::value(RegistrationJson(*view.mine)) : json::value(nullptr);
      items.push_back(std::move(item));
    }
    return http::Json(200, json::object{{"items", std::move(items)}});
  });
}

}  // namespace youhao::api
