#include <fmt/format.h>

#include "api/api_internal.h"
#include "core/text.h"
#include "http/json_body.h"

namespace youhao::api {

namespace {

/// limit/offset/q/status from the query string, validated.
core::Result<registry::ListQuery> ListQueryFrom(const http::Request& request) {
  registry::ListQuery query;
  auto limit = http::IntegerParam(request, "limit", 20, 1, 200);
  if (!limit.ok()) return limit.error();
  auto offset = http::IntegerParam(request, "offset", 0, 0, 10'000'000);
  if (!offset.ok()) return offset.error();
  query.limit = *limit;
  query.offset = *offset;
  const std::string_view text = core::Trim(request.QueryParam("q").value_or(""));
  if (core::CountCodePoints(text) > 64 || core::HasControlCharacters(text)) {
    return core::MakeError(core::ErrorCode::kValidationFailed, "q must be at most 64 characters of text");
  }
  query.text = std::string(text);
  query.status = std::string(request.QueryParam("status").value_or(""));
  if (!query.status.empty() && !registry::IsWorkerStatus(query.status)) {
    return core::MakeError(core::ErrorCode::kValidationFailed,
                           "status must be pending, verified, suspended or revoked");
  }
  const std::string_view order = request.QueryParam("order").value_or("");
  if (!order.empty() && order != "oldest") {
    return core::MakeError(core::ErrorCode::kValidationFailed, "order must be oldest (or left out)");
  }
  query.oldest_first = order == "oldest";
  return query;
}

boost::json::value OptionalNumber(const std::optional<double>& value) {
  return value ? boost::json::value(*value) : boost::json::value(nullptr);
}

}  // namespace

void RegisterAreaRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;
  Declare(router, services, {http::Method::kGet, "/api/v1/areas/{code}", audience::kSignedIn}, [&services](Call& call) {
    const http::Request& request = call.request;
    const std::string_view code = request.PathParam("code");
    auto area = code.size() <= 32 ? services.areas.Find(code) : std::nullopt;
    if (!area) return http::Problem(core::MakeError(core::ErrorCode::kNotFound, "no area with this code"));
    Take(accounts::RequireInScope(call.caller(), *area));
    boost::json::array ancestors;
    for (const auto& ancestor : services.areas.Ancestors(*area)) ancestors.push_back(AreaJson(ancestor));
    boost::json::array children;
    for (const auto& [child, compounds] : services.areas.ChildrenWithCompoundCounts(*area)) {
      boost::json::object json = AreaJson(child);
      json["compound_count"] = compounds;
      children.push_back(std::move(json));
    }
    boost::json::object area_json = AreaJson(*area);
    area_json["compound_count"] = services.directory.Stats(*area).compounds;
    return http::Json(200, boost::json::object{{"area", std::move(area_json)},
                                               {"ancestors", std::move(ancestors)},
                                               {"children", std::move(children)}});
  });

  Declare(router, services, {http::Method::kGet, "/api/v1/compounds", audience::kSignedIn}, [&services](Call& call) {
    const http::Request& request = call.request;
    auto area = Take(ScopedArea(request, call.caller(), services.areas));
    auto query = Take(ListQueryFrom(request));
    auto page = services.directory.Compounds(area, query);
    boost::json::array items;
    for (const auto& compound : page.items) {
      items.push_back({{"code", compound.code},
                       {"name_zh", compound.name_zh},
                       {"community_code", compound.community_code},
                       {"community_name", compound.community_name},
                       {"street_name", compound.street_name},
                       {"lat", OptionalNumber(compound.lat)},
                       {"lon", OptionalNumber(compound.lon)},
                       {"source", compound.source}});
    }
    return http::Json(200, boost::json::object{{"items", std::move(items)}, {"total", page.total}});
  });

  Declare(router, services, {http::Method::kGet, "/api/v1/workers", audience::kWorkerListers}, [&services](Call& call) {
    const http::Request& request = call.request;
    auto area = Take(ScopedArea(request, call.caller(), services.areas));
    auto query = Take(ListQueryFrom(request));
    auto page = services.directory.Workers(area, query);
    boost::json::array items;
    for (const auto& worker : page.items) {
      items.push_back({{"id", worker.id},
                       {"name", worker.name},
                       {"kind", worker.kind},
                       {"platform", worker.platform},
                       {"depot", worker.depot},
                       {"phone_masked", worker.phone_masked},
                       {"status", worker.status},
                       {"plate", worker.plate},
                       {"has_photo", worker.has_photo},
                       {"registered_at", worker.registered_at}});
    }
    return http::Json(200, boost::json::object{{"items", std::move(items)}, {"total", page.total}});
  });
}

}  // namespace youhao::api
