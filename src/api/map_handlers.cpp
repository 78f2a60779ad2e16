#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <fmt/format.h>

#include "api/api_internal.h"
#include "api/messages/catalogue.h"
#include "core/json_output.h"
#include "core/text.h"
#include "http/json_body.h"
#include "maps/geometry.h"
#include "maps/osm_import.h"
#include "media/image_sanitizer.h"
#include "poster/compound_poster.h"

namespace youhao::api {
namespace {

namespace json = boost::json;
using core::ErrorCode;
using core::MakeError;

constexpr std::size_t kMaxQueryBytes = 500;
constexpr std::size_t kMaxPhotoBytes = std::size_t{5} * 1024 * 1024;
constexpr double kNeighbourMetres = 3000;

core::Result<areas::Area> PublicCompound(Services& services, std::string_view code) {
  auto compound = code.size() <= 32 ? services.areas.Find(code) : std::nullopt;
  if (!compound || compound->level != areas::Level::kCompound)
    return MakeError(ErrorCode::kNotFound, "no compound with this code");
  return std::move(*compound);
}

/// The compound of the path, whose map the caller keeps.
core::Result<areas::Area> StaffCompound(Services& services, const Call& call) {
  // The same people who keep the compound's access plan keep its map.
  auto compound = services.plans.EditableCompound(call.caller(), call.request.PathParam("code"));
  if (!compound.ok()) {
    core::Error error = compound.error();
    if (error.code == ErrorCode::kForbidden)
      error.detail = "only community staff in scope and the compound's property manager keep its map";
    return error;
  }
  return std::move(*compound);
}

/// `base_version` from the query: absent means "do not check".
core::Result<std::optional<long long>> BaseVersion(const http::Request& request) {
  auto text = request.QueryParam("base_version");
  if (!text) return std::optional<long long>{};
  auto value = core::ParseNonNegativeInteger(*text);
  if (!value) return MakeError(ErrorCode::kValidationFailed, "base_version must be a non-negative integer");
  return std::optional<long long>{*value};
}

core::Result<std::string_view> TextParam(const http::Request& request, std::string_view name, bool required) {
  auto text = request.QueryParam(name);
  if (!text || text->empty()) {
    if (required) return MakeError(ErrorCode::kValidationFailed, fmt::format("{} is required", name));
    return std::string_view{};
  }
  if (text->size() > kMaxQueryBytes || !core::IsValidUtf8(*text) || core::HasControlCharacters(*text)) {
    return MakeError(ErrorCode::kValidationFailed,
                     fmt::format("{} must be UTF-8 text of at most {} bytes", name, kMaxQueryBytes));
  }
  return *text;
}

json::object MatchJson(const address::CompoundMatch& match) {
  return {{"code", match.code}, {"name", match.name}, {"confidence", std::round(match.confidence * 100) / 100}};
}

json::value TargetJson(const maps::AddressTarget& target) {
  if (target.feature == nullptr) return nullptr;
  const maps::LonLat at = target.feature->geometry.Anchor();
  json::array alternatives;
  for (const auto& label : target.alternatives) alternatives.push_back(json::string(label));
  return json::object{{"feature_id", target.feature->id},
                      {"kind", maps::KindName(target.feature->kind)},
                      {"label", target.label},
                      {"lon", std::round(at.lon * 1e6) / 1e6},
                      {"lat", std::round(at.lat * 1e6) / 1e6},
                      {"alternatives", std::move(alternatives)}};
}

json::object PartsJson(const address::ParsedAddress& parts) {
  json::array notes;
  for (const auto& note : parts.notes) notes.push_back(json::string(note));
  return {{"compound_text", parts.compound_text},
          {"section", parts.section},
          {"building", parts.building},
          {"building_text", parts.building_text},
          {"entrance", parts.entrance},
          {"floor", parts.floor},
          {"room", parts.room},
          {"district_text", parts.district_text},
          {"street_number", parts.street_number},
          {"annex", parts.annex},
          {"notes", std::move(notes)}};
}

json::object FeatureRef(const maps::CompoundMap& map, const maps::Feature* feature) {
  return {{"id", feature->id}, {"label", maps::DisplayLabel(map, *feature)}};
}

/// Why the route is longer than walking in from the best gate: {code, place, text}, or null.
json::value RouteRuleJson(const maps::CompoundMap& map, const maps::Route& route, http::Lang lang) {
  if (route.rule == maps::RouteRule::kNone || route.rule_feature == nullptr) return nullptr;
  const std::string place =
      route.rule_feature->label.empty() ? std::string() : maps::DisplayLabel(map, *route.rule_feature);
  return json::object{{"code", maps::RuleName(route.rule)},
                      {"feature_id", route.rule_feature->id},
                      {"place", place},
                      {"text", RouteRuleWords(route.rule, place, lang)}};
}

json::object RouteJson(const maps::CompoundMap& map, const maps::Route& route, http::Lang lang) {
  json::array features;
  for (const maps::RouteLeg& leg : route.legs) {
    maps::Feature line;
    line.kind = maps::FeatureKind::kPath;
    line.geometry = {maps::GeometryType::kLineString, {leg.line}};
    json::object feature = maps::FeatureToGeoJson(line);
    feature["properties"] = {{"mode", leg.mode == maps::Mode::kRide ? "ride" : "walk"},
                             {"distance_m", std::lround(leg.metres)}};
    features.push_back(std::move(feature));
  }
  json::array steps;
  for (const maps::RouteStep& step : route.steps) {
    steps.push_back({{"text", RouteStepWords(step, lang)},
                     {"mode", step.mode == maps::Mode::kRide ? "ride" : "walk"},
                     {"distance_m", std::lround(step.metres)},
                     {"lon", std::round(step.at.lon * 1e6) / 1e6},
                     {"lat", std::round(step.at.lat * 1e6) / 1e6}});
  }
  json::array closed;
  for (const maps::Feature* gate : route.closed_gates) {
    closed.push_back({{"id", gate->id}, {"label", gate->label}, {"opening_hours", gate->opening_hours}});
  }
  // Walking in from the best gate: the yardstick the route keeps within maps::kMaxDetour of.
  const json::value walk_in =
      route.walk_in_metres > 0 ? json::value(std::lround(route.walk_in_metres)) : json::value(nullptr);
  return {{"type", "FeatureCollection"},
          {"features", std::move(features)},
          {"distance_m", std::lround(route.metres)},
          {"duration_s", std::lround(route.seconds)},
          {"ride_m", std::lround(route.ride_metres)},
          {"walk_m", std::lround(route.walk_metres)},
          {"gate", route.gate != nullptr ? json::value(FeatureRef(map, route.gate)) : json::value(nullptr)},
          {"parking", route.parking != nullptr ? json::value(FeatureRef(map, route.parking)) : json::value(nullptr)},
          {"target", FeatureRef(map, route.target)},
          {"steps", std::move(steps)},
          {"summary", RouteSummary(route.steps, lang)},
          {"closed", std::move(closed)},
          {"walk_in_m", walk_in},
          {"rule", RouteRuleJson(map, route, lang)}};
}

http::Response GeoJsonResponse(int status, const json::value& value) {
  http::Response response;
  response.status = status;
  response.content_type = "application/geo+json";
  response.body = core::SerializeJson(value);
  return response;
}

/// Where a compound is: its outline's centre, else the area's own point.
maps::LonLat CompoundCentre(const areas::Area& compound, const maps::CompoundMap& map) {
  for (const maps::Feature& feature : map.features) {
    if (feature.kind == maps::FeatureKind::kBoundary) return feature.geometry.Anchor();
  }
  if (compound.lat && compound.lon) return {*compound.lon, *compound.lat};
  return map.features.empty() ? maps::LonLat{} : map.features.front().geometry.Anchor();
}

/// "feature:12" -> 12.
std::optional<long long> FeatureRefParam(std::string_view text) {
  if (!text.starts_with("feature:")) return std::nullopt;
  auto id = core::ParseNonNegativeInteger(text.substr(8));
  if (!id || *id == 0) return std::nullopt;
  return *id;
}

/// "39.99,116.33" -> the point.
std::optional<maps::LonLat> PointParam(std::string_view text) {
  const auto comma = text.find(',');
  if (comma == std::string_view::npos || text.size() > 40) return std::nullopt;
  const std::string lat_text(text.substr(0, comma));
  const std::string lon_text(text.substr(comma + 1));
  char* end = nullptr;
  const double lat = std::strtod(lat_text.c_str(), &end);
  if (end != lat_text.c_str() + lat_text.size() || lat_text.empty()) return std::nullopt;
  const double lon = std::strtod(lon_text.c_str(), &end);
  if (end != lon_text.c_str() + lon_text.size() || lon_text.empty()) return std::nullopt;
  if (!std::isfinite(lat) || !std::isfinite(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180)
    return std::nullopt;
  return maps::LonLat{lon, lat};
}

core::Result<maps::RouteStart> ParseStart(std::string_view from, bool bike_parked) {
  maps::RouteStart start;
  start.bike_parked = bike_parked;
  if (from.empty()) return start;
  if (auto id = FeatureRefParam(from)) {
    start.feature_id = *id;
  } else if (auto point = PointParam(from)) {
    start.point = *point;
  } else {
    return MakeError(ErrorCode::kValidationFailed, "from must be feature:ID or LAT,LON");
  }
  return start;
}

/// A stop or destination: "feature:ID" or "address:TEXT" on the compound's map.
core::Result<long long> ResolveDestination(Services& services, const areas::Area& compound,
                                           const maps::CompoundMap& map, std::string_view to) {
  if (auto id = FeatureRefParam(to)) {
    if (map.Find(*id) == nullptr)
      return MakeError(ErrorCode::kNotFound, fmt::format("feature {} is not on this map", *id));
    return *id;
  }
  if (to.starts_with("address:")) {
    auto lookup = services.wayfinding.Lookup(to.substr(8), compound.code);
    if (lookup.compound && lookup.compound->code != compound.code) {
      return MakeError(ErrorCode::kValidationFailed,
                       fmt::format("the address is in {}, not in this compound", lookup.compound->name));
    }
    if (lookup.target.feature == nullptr) return maps::TargetNotFound(lookup.target);
    return lookup.target.feature->id;
  }
  return MakeError(ErrorCode::kValidationFailed, "to must be feature:ID or address:TEXT");
}

core::Result<long long> AtParam(const http::Request& request) {
  auto text = request.QueryParam("at");
  if (!text || text->empty()) return storage::NowSeconds();
  auto value = core::ParseNonNegativeInteger(*text);
  if (!value || *value > 4'102'444'800LL) return MakeError(ErrorCode::kValidationFailed, "at must be Unix seconds");
  return *value;
}

json::object ChangeJson(const maps::MapChange& change) {
  return {{"id", change.id},       {"version", change.version}, {"at", change.at},
          {"actor", change.actor}, {"action", change.action},   {"feature_id", change.feature_id},
          {"label", change.label}, {"undone", change.undone}};
}

/// The Feature in the request body, checked.
core::Result<maps::Feature> BodyFeature(const http::Request& request) {
  if (request.body.size() > maps::kMaxGeoJsonBytes) return MakeError(ErrorCode::kBodyTooLarge, "feature too large");
  boost::system::error_code error;
  const json::value value = json::parse(request.body, error);
  if (error) return MakeError(ErrorCode::kInvalidJson, "the body is not valid JSON");
  return maps::FeatureFromGeoJson(value, "feature");
}

}  // namespace

void RegisterMapRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;
  Declare(router, services, {http::Method::kGet, "/api/v1/compounds/{code}/map", audience::kAnyone},
          [&services](Call& call) {
            const http::Request& request = call.request;
            auto compound = Take(PublicCompound(services, request.PathParam("code")));
            auto published = Take(services.wayfinding.Publish(compound));
            http::Response response;
            response.SetHeader("ETag", published.etag);
            response.SetHeader("Cache-Control", "public, max-age=60");
            response.SetHeader("Vary", "Accept-Encoding");
            if (EtagMatches(request.Header("if-none-match"), published.etag)) {
              response.status = 304;
              return response;
            }
            response.content_type = "application/geo+json";
            const auto accept = request.Header("accept-encoding");
            if (accept && accept->find("gzip") != std::string_view::npos) {
              response.SetHeader("Content-Encoding", "gzip");
              response.body = published.geojson_gzip;
            } else {
              response.body = published.geojson;
            }
            return response;
          });

  Declare(router, services,
          {.method = http::Method::kPut,
           .pattern = "/api/v1/compounds/{code}/map",
           .audience = audience::kCompoundKeepers,
           .options = {.upload = true}},
          [&services](Call& call) {
            auto compound = Take(StaffCompound(services, call));
            auto base = Take(BaseVersion(call.request));
            auto features = Take(maps::FeaturesFromGeoJsonText(call.request.body));
            auto version = Take(services.maps.Replace(call.caller(), compound, std::move(features), base));
            return http::Json(200, json::object{{"version", version}});
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/compounds/{code}/map/features", audience::kCompoundKeepers},
          [&services](Call& call) {
            auto compound = Take(StaffCompound(services, call));
            auto base = Take(BaseVersion(call.request));
            auto feature = Take(BodyFeature(call.request));
            auto saved = Take(services.maps.Add(call.caller(), compound, std::move(feature), base));
            return http::Json(201, json::object{{"id", saved.id}, {"version", saved.version}});
          });

  Declare(router, services,
          {http::Method::kPut, "/api/v1/compounds/{code}/map/features/{id}", audience::kCompoundKeepers},
          [&services](Call& call) {
            auto compound = Take(StaffCompound(services, call));
            auto id = Take(IdParam(call.request, "id"));
            auto base = Take(BaseVersion(call.request));
            auto feature = Take(BodyFeature(call.request));
            feature.id = id;
            auto saved = Take(services.maps.Update(call.caller(), compound, std::move(feature), base));
            return http::Json(200, json::object{{"id", saved.id}, {"version", saved.version}});
          });

  Declare(router, services,
          {http::Method::kDelete, "/api/v1/compounds/{code}/map/features/{id}", audience::kCompoundKeepers},
          [&services](Call& call) {
            auto compound = Take(StaffCompound(services, call));
            auto id = Take(IdParam(call.request, "id"));
            auto base = Take(BaseVersion(call.request));
            auto version = Take(services.maps.Remove(call.caller(), compound, id, base));
            return http::Json(200, json::object{{"version", version}});
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/compounds/{code}/map/undo", audience::kCompoundKeepers},
          [&services](Call& call) {
            auto compound = Take(StaffCompound(services, call));
            auto undone = Take(services.maps.Undo(call.caller(), compound));
            return http::Json(200, json::object{{"version", undone.version},
                                                {"undone", {{"action", undone.action}, {"label", undone.label}}}});
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/compounds/{code}/map/history", audience::kCompoundKeepers},
          [&services](Call& call) {
            auto compound = Take(StaffCompound(services, call));
            auto limit = Take(http::IntegerParam(call.request, "limit", 50, 1, 500));
            json::array items;
            for (const auto& change : services.maps.History(compound, static_cast<int>(limit)))
              items.push_back(ChangeJson(change));
            return http::Json(200, json::object{{"items", std::move(items)}});
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/compounds/{code}/map.osc", audience::kCompoundKeepers},
          [&services](Call& call) {
            auto compound = Take(StaffCompound(services, call));
            http::Response response;
            response.content_type = "application/xml; charset=utf-8";
            response.body = maps::OsmChangeXml(services.maps.Router(compound)->map(), "youhao");
            response.SetHeader("Content-Disposition", fmt::format("attachment; filename=\"{}.osc\"", compound.code));
            return response;
          });

  for (const std::string_view format : {"svg", "pdf"}) {
    Declare(
        router, services,
        {http::Method::kGet, fmt::format("/api/v1/compounds/{{code}}/poster.{}", format), audience::kCompoundKeepers},
        [&services, format](Call& call) {
          auto compound = Take(StaffCompound(services, call));
          auto router_for = services.maps.Router(compound);
          const poster::PosterOptions options =
              poster::CompoundPosterOptions(compound, services.areas.Find(compound.parent_code.value_or("")),
                                            services.plans.Plan(compound.code), router_for->map(), services.public_url);
          auto rendered = Take(poster::RenderCompoundPoster(
              router_for->map(), options, format == "svg" ? poster::PosterFormat::kSvg : poster::PosterFormat::kPdf));
          http::Response response;
          response.content_type = format == "svg" ? "image/svg+xml" : "application/pdf";
          response.body = std::move(rendered);
          response.SetHeader("Content-Disposition",
                             fmt::format("attachment; filename=\"poster-{}.{}\"", compound.code, format));
          return response;
        });
  }

  Declare(
      router, services,
      {.method = http::Method::kPost,
       .pattern = "/api/v1/compounds/{code}/map/media",
       .audience = audience::kCompoundKeepers,
       .options = {.upload = true}},
      [&services](Call& call) {
        auto compound = Take(StaffCompound(services, call));
        if (call.request.body.size() > kMaxPhotoBytes) {
          return http::Problem(MakeError(ErrorCode::kBodyTooLarge, "a photo of the way must be at most 5 MiB"));
        }
        // Refused by a declared type that is not an image, else by content; rebuilt from its
        // pixels: nothing from the phone's metadata is kept.
        auto image = Take(media::SanitizeUpload(call.request.Header("content-type"), call.request.body));
        const auto stored = services.maps.AddPhoto(call.caller(), compound, image.content_type, image.bytes);
        return http::Json(201, json::object{{"id", stored.id}, {"url", maps::MapService::MediaUrl(stored.public_id)}});
      });

  // By public id only: a row number finds nothing.
  Declare(router, services, {http::Method::kGet, "/api/v1/map-media/{id}", audience::kAnyone},
          [&services](Call& call) { return PhotoResponse(Take(services.maps.Photo(call.request.PathParam("id")))); });

  Declare(router, services, {http::Method::kGet, "/api/v1/address/parse", audience::kAnyone}, [&services](Call& call) {
    const http::Request& request = call.request;
    auto q = Take(TextParam(request, "q", true));
    auto compound = Take(TextParam(request, "compound", false));
    auto lookup =
        services.wayfinding.Lookup(q, compound.empty() ? std::nullopt : std::optional<std::string_view>(compound));
    json::array suggestions;
    for (const auto& match : lookup.suggestions) suggestions.push_back(MatchJson(match));
    // The query itself is not echoed: it may hold the customer's phone number.
    return http::Json(200, json::object{{"parts", PartsJson(lookup.parts)},
                                        {"compound", lookup.compound ? json::value(MatchJson(*lookup.compound))
                                                                     : json::value(nullptr)},
                                        {"suggestions", std::move(suggestions)},
                                        {"target", TargetJson(lookup.target)}});
  });

  Declare(router, services, {http::Method::kGet, "/api/v1/compounds/{code}/route", audience::kAnyone},
          [&services](Call& call) {
            const http::Request& request = call.request;
            auto compound = Take(PublicCompound(services, request.PathParam("code")));
            auto from = Take(TextParam(request, "from", false));
            auto to = Take(TextParam(request, "to", true));
            auto at = Take(AtParam(request));
            const std::string_view bike = request.QueryParam("bike").value_or("with");
            if (bike != "with" && bike != "parked")
              return http::Problem(MakeError(ErrorCode::kValidationFailed, "bike must be with or parked"));
            auto start = Take(ParseStart(from, bike == "parked"));
            auto compound_router = services.maps.Router(compound);
            if (compound_router->map().features.empty()) {
              return http::Problem(MakeError(ErrorCode::kNotFound, "this compound has no map yet"));
            }
            auto target = Take(ResolveDestination(services, compound, compound_router->map(), to));
            auto route = Take(compound_router->FindRoute(start, target, at));
            return GeoJsonResponse(200, RouteJson(compound_router->map(), route, http::PreferredLang(call.request)));
          });

  static constexpr core::FieldSpec kMultiDropFields[] = {
      {.name = "compound", .type = core::FieldType::kString, .required = true, .max_length = 32},
      {.name = "from", .type = core::FieldType::kString, .max_length = 64, .allow_empty = true},
      {.name = "stops", .type = core::FieldType::kArray, .required = true},
      {.name = "at", .type = core::FieldType::kInteger},
  };
  Declare(
      router, services, {http::Method::kPost, "/api/v1/routes/multi-drop", audience::kAnyone, kMultiDropFields},
      [&services](Call& call) {
        const json::object& body = call.body;
        auto compound = Take(PublicCompound(services, body.at("compound").get_string()));
        const json::array& stops_json = body.at("stops").get_array();
        if (stops_json.size() < 2 || stops_json.size() > 10) {
          return http::Problem(MakeError(ErrorCode::kValidationFailed, "stops must hold 2 to 10 destinations"));
        }
        auto home_router = services.maps.Router(compound);
        if (home_router->map().features.empty())
          return http::Problem(MakeError(ErrorCode::kNotFound, "this compound has no map yet"));
        const maps::LonLat home_centre = CompoundCentre(compound, home_router->map());
        // Each stop: "feature:ID" / "address:TEXT" in this compound, or {"compound": CODE, "to": ...} next door.
        std::vector<std::shared_ptr<const maps::CompoundRouter>> routers;
        std::vector<std::string> stop_compounds;
        std::vector<maps::DropStop> stops;
        for (std::size_t i = 0; i < stops_json.size(); ++i) {
          const json::value& item = stops_json[i];
          std::string_view to;
          std::optional<areas::Area> area = compound;
          std::shared_ptr<const maps::CompoundRouter> stop_router = home_router;
          if (const json::object* object = item.if_object()) {
            const json::value* code = object->if_contains("compound");
            const json::value* target = object->if_contains("to");
            if (code == nullptr || !code->is_string() || target == nullptr || !target->is_string()) {
              return http::Problem(MakeError(ErrorCode::kValidationFailed,
                                             fmt::format("stops[{}] must be {{\"compound\": CODE, \"to\": ...}}", i)));
            }
            auto other = PublicCompound(services, code->get_string());
            if (!other.ok()) {
              core::Error error = other.error();
              error.detail = fmt::format("stops[{}]: {}", i, error.detail);
              error.fields["stop"] = static_cast<std::int64_t>(i);
              return http::Problem(error);
            }
            stop_router = services.maps.Router(*other);
            if (stop_router->map().features.empty()) {
              return http::Problem(
                  MakeError(ErrorCode::kNotFound, fmt::format("stops[{}]: {} has no map yet", i, other->name_zh)));
            }
            if (maps::DistanceMetres(home_centre, CompoundCentre(*other, stop_router->map())) > kNeighbourMetres) {
              return http::Problem(MakeError(
                  ErrorCode::kValidationFailed,
                  fmt::format("stops[{}]: {} is more than 3 km away, not a neighbouring compound", i, other->name_zh)));
            }
            area = std::move(*other);
            to = target->get_string();
          } else if (const json::string* text = item.if_string()) {
            to = *text;
          }
          if (to.empty() || to.size() > kMaxQueryBytes || !core::IsValidUtf8(to)) {
            return http::Problem(MakeError(ErrorCode::kValidationFailed,
                                           fmt::format("stops[{}] must be feature:ID or address:TEXT", i)));
          }
          auto stop = ResolveDestination(services, *area, stop_router->map(), to);
          if (!stop.ok()) {
            core::Error error = stop.error();
            // The stop's index as a field too: a catalogued problem's detail is its words, not this.
            error.detail = fmt::format("stops[{}]: {}", i, error.detail);
            error.fields["stop"] = static_cast<std::int64_t>(i);
            return http::Problem(error);
          }
          stops.push_back({stop_router.get(), *stop});
          stop_compounds.push_back(area->code);
          routers.push_back(std::move(stop_router));
        }
        const json::value* from_value = body.if_contains("from");
        auto start = Take(ParseStart(
            from_value != nullptr && from_value->is_string() ? std::string_view(from_value->get_string()) : "", false));
        const json::value* at_value = body.if_contains("at");
        const long long at =
            at_value != nullptr && at_value->is_int64() ? at_value->get_int64() : storage::NowSeconds();
        const maps::LonLat start_point = start.point.value_or(home_centre);
        auto plan = Take(maps::PlanDropsAcross(*home_router, stops, start, start_point, at));
        json::array order;
        json::array legs;
        long long metres = 0;
        std::optional<std::size_t> previous;
        for (const std::size_t index : plan.order) {
          order.push_back(index);
          const maps::CompoundRouter& leg_router = *stops[index].router;
          maps::RouteStart leg_start;
          if (!previous) {
            leg_start = &leg_router == home_router.get() ? start : maps::RouteStart{std::nullopt, start_point, false};
          } else if (stops[*previous].router == &leg_router) {
            leg_start = maps::RouteStart{stops[*previous].feature_id, std::nullopt, true};
          } else {
            auto exit = stops[*previous].router->ExitToGate(stops[*previous].feature_id, at);
            leg_start = maps::RouteStart{std::nullopt, exit ? exit->gate : start_point, false};
          }
          auto leg = Take(leg_router.FindRoute(leg_start, stops[index].feature_id, at));
          metres += std::lround(leg.metres);
          json::object leg_json = RouteJson(leg_router.map(), leg, http::PreferredLang(call.request));
          leg_json["compound"] = stop_compounds[index];
          legs.push_back(std::move(leg_json));
          previous = index;
        }
        return GeoJsonResponse(200, json::object{{"order", std::move(order)},
                                                 {"legs", std::move(legs)},
                                                 {"distance_m", metres},
                                                 {"duration_s", std::lround(plan.seconds)}});
      });
}

}  // namespace youhao::api
