#include "api/api.h"

#include <boost/json/serialize.hpp>

#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "api/api_internal.h"
#include "api/messages/catalogue.h"

#include <boost/json/parse.hpp>

#include "core/json_output.h"
#include "core/random.h"
#include "core/text.h"

namespace youhao::api {

core::Result<accounts::Principal> Authenticate(const http::Request& request, const accounts::AccountService& accounts) {
  if (auto authorization = request.Header("authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (!authorization->starts_with(kBearer)) {
      return core::MakeError(core::ErrorCode::kAuthRequired, "use Authorization: Bearer <token>");
    }
    return accounts.Authenticate(authorization->substr(kBearer.size()));
  }
  auto cookie = request.Cookie(kSessionCookie);
  if (!cookie) return core::MakeError(core::ErrorCode::kAuthRequired, "log in first");
  auto principal = accounts.Authenticate(*cookie);
  if (!principal.ok()) return principal;
  const bool changes_state = request.method != http::Method::kGet && request.method != http::Method::kHead;
  if (changes_state) {
    auto sent = request.Header("x-csrf-token");
    if (!sent || !core::ConstantTimeEquals(*sent, principal->csrf_token)) {
      return core::MakeError(core::ErrorCode::kCsrfFailed, "send the session's csrf_token in the X-CSRF-Token header");
    }
  }
  return principal;
}

core::Result<areas::Area> ScopedArea(const http::Request& request, const accounts::Principal& principal,
                                     const areas::AreaService& areas) {
  const std::string_view code = request.QueryParam("area").value_or(principal.area_code);
  if (code.empty() || code.size() > 32)
    return core::MakeError(core::ErrorCode::kValidationFailed, "area must be an area code");
  auto area = areas.Find(code);
  if (!area) return core::MakeError(core::ErrorCode::kNotFound, "no area with this code");
  if (auto allowed = accounts::RequireInScope(principal, *area); !allowed.ok()) return allowed.error();
  return std::move(*area);
}

boost::json::object AreaJson(const areas::Area& area) {
  boost::json::object object{{"code", area.code},
                             {"name_zh", area.name_zh},
                             {"name_en", area.name_en},
                             {"level", areas::LevelName(area.level)},
                             {"parent_code", area.parent_code ? boost::json::value(*area.parent_code) : nullptr}};
  if (area.lat && area.lon) {
    object["lat"] = *area.lat;
    object["lon"] = *area.lon;
  }
  object["source"] = area.source;
  return object;
}

boost::json::object AccountJson(const accounts::Account& account) {
  return {{"id", account.id},
          {"login", account.login},
          {"display_name", account.display_name},
          {"role", accounts::RoleName(account.role)},
          {"role_label_zh", accounts::RoleLabelZh(account.role)},
          {"area", AreaJson(account.area)},
          {"disabled", account.disabled},
          {"created_at", account.created_at}};
}

bool EtagMatches(std::optional<std::string_view> header, std::string_view etag) {
  if (!header) return false;
  std::string_view rest = *header;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    std::string_view tag = core::Trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    if (tag == "*") return true;
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
  }
  return false;
}

void RegisterRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;
  router.SetMessages(&LookupMessage);
  Declare(router, services, {http::Method::kGet, "/healthz", audience::kAnyone}, [&services](Call&) {
    auto connection = services.database.Acquire();
    connection->QueryInt("SELECT 1");
    boost::json::object body{
        {"status", "ok"},
        {"database", services.database.dialect() == storage::Dialect::kSqlite ? "sqlite" : "postgresql"},
        {"schema_version", storage::LatestSchemaVersion()}};
    return http::Json(200, body);
  });
  Declare(router, services,
          {.method = http::Method::kGet,
           .pattern = "/metrics",
           .audience = audience::kAnyone,
           .options = {.on_io_thread = true}},
          [&services](Call&) {
            http::Response response;
            response.content_type = "text/plain; version=0.0.4; charset=utf-8";
            response.body = services.metrics.Render();
            return response;
          });
  Declare(router, services, {http::Method::kGet, "/api/v1/openapi.json", audience::kAnyone}, [](Call&) {
    http::Response response;
    response.body = std::string(OpenApiDocument());
    response.SetHeader("Cache-Control", "no-cache");
    return response;
  });
  RegisterSessionRoutes(router, services);
  RegisterAreaRoutes(router, services);
  RegisterAccountRoutes(router, services);
  RegisterRegistrationRoutes(router, services);
  RegisterPassRoutes(router, services);
  RegisterCompoundRoutes(router, services);
  RegisterMapRoutes(router, services);
  RegisterTileRoutes(router, services);
  RegisterPointsRoutes(router, services);
  RegisterHandoverRoutes(router, services);
  RegisterSponsorRoutes(router, services);
  RegisterWishRoutes(router, services);
  RegisterEventRoutes(router, services);
  RegisterChildcareRoutes(router, services);
  RegisterHonourRoutes(router, services);
  RegisterPointsRulesRoutes(router, services);
  RegisterPlaceRoutes(router, services);
  RegisterReportRoutes(router, services);
  RegisterOpen311Routes(router, services);
  RegisterCommunityRoutes(router, services);
  RegisterPrivacyRoutes(router, services);
  RegisterCalendarRoutes(router, services);
  RegisterAttendanceRoutes(router, services);
  RegisterTrainingRoutes(router, services);
  RegisterVolunteerRoutes(router, services);
}

core::Result<long long> IdParam(const http::Request& request, std::string_view name) {
  auto value = core::ParseNonNegativeInteger(request.PathParam(name));
  if (!value || *value == 0) return core::MakeError(core::ErrorCode::kNotFound, "no such id");
  return *value;
}

core::Result<double> NumberParam(const http::Request& request, std::string_view name, double low, double high) {
  auto text = request.QueryParam(name);
  if (!text || text->empty())
    return core::MakeError(core::ErrorCode::kValidationFailed, fmt::format("{} is required", name));
  const std::string copy(text->substr(0, 40));
  char* end = nullptr;
  const double value = std::strtod(copy.c_str(), &end);
  if (end == copy.c_str() || *end != '\0' || !std::isfinite(value) || value < low || value > high) {
    return core::MakeError(core::ErrorCode::kValidationFailed,
                           fmt::format("{} must be a number from {} to {}", name, low, high));
  }
  return value;
}

http::Response PhotoResponse(media::ServedPhoto photo) {
  http::Response response;
  response.content_type = std::move(photo.content_type);
  response.body = std::move(photo.bytes);
  response.SetHeader("Cache-Control", photo.is_public ? "public, max-age=31536000, immutable" : "private, no-store");
  return response;
}

http::Response CertificatePdfResponse(std::string pdf, std::string_view serial) {
  http::Response response;
  response.content_type = "application/pdf";
  response.body = std::move(pdf);
  response.SetHeader("Content-Disposition", fmt::format("attachment; filename=\"certificate-{}.pdf\"", serial));
  return response;
}

}  // namespace youhao::api
