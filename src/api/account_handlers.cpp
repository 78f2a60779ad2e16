#include <boost/json/parse.hpp>

#include "api/api_internal.h"
#include "http/json_body.h"

namespace youhao::api {

namespace {

constexpr core::FieldSpec kNewAccountFields[] = {
    {.name = "login", .type = core::FieldType::kString, .required = true, .max_length = 64},
    {.name = "password", .type = core::FieldType::kString, .required = true, .max_length = 128},
    {.name = "display_name", .type = core::FieldType::kString, .required = true, .max_length = 64},
    {.name = "role", .type = core::FieldType::kString, .required = true, .max_length = 32},
    {.name = "area_code", .type = core::FieldType::kString, .required = true, .max_length = 32},
};

boost::json::value ParsedOrNull(const std::string& text) {
  if (text.empty()) return nullptr;
  boost::system::error_code error;
  auto value = boost::json::parse(text, error);
  return error ? boost::json::value(text) : value;
}

}  // namespace

void RegisterAccountRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;
  Declare(router, services, {http::Method::kGet, "/api/v1/accounts", audience::kCommunityOfficers},
          [&services](Call& call) {
            const http::Request& request = call.request;
            auto area = Take(ScopedArea(request, call.caller(), services.areas));
            auto limit = Take(http::IntegerParam(request, "limit", 50, 1, 200));
            auto offset = Take(http::IntegerParam(request, "offset", 0, 0, 10'000'000));
            auto page = services.accounts.List(area, limit, offset);
            boost::json::array items;
            for (const auto& account : page.items) items.push_back(AccountJson(account));
            return http::Json(200, boost::json::object{{"items", std::move(items)}, {"total", page.total}});
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/accounts", audience::kCommunityOfficers, kNewAccountFields},
          [&services](Call& call) {
            const boost::json::object& body = call.body;
            auto role = accounts::ParseRole(core::StringOr(body, "role"));
            if (!role)
              return http::Problem(core::MakeError(core::ErrorCode::kValidationFailed, "role is not a known role"));
            accounts::NewAccount account{std::string(core::StringOr(body, "login")),
                                         std::string(core::StringOr(body, "password")),
                                         std::string(core::StringOr(body, "display_name")), *role,
                                         std::string(core::StringOr(body, "area_code"))};
            auto created = Take(services.accounts.Create(&call.caller(), account));
            http::Response response = http::Json(201, boost::json::object{{"account", AccountJson(created)}});
            return response;
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/audit", audience::kOfficers}, [&services](Call& call) {
    const accounts::Principal& principal = call.caller();
    auto limit = Take(http::IntegerParam(call.request, "limit", 50, 1, 500));
    // Admins see everything, including entries not tied to an area.
    const std::string scope = principal.role == accounts::Role::kAdmin ? std::string() : principal.area_path;
    boost::json::array items;
    for (const auto& entry : services.audit.Recent(scope, static_cast<int>(limit))) {
      items.push_back({{"id", entry.id},
                       {"at", entry.at},
                       {"actor_login", entry.actor_login},
                       {"action", entry.action},
                       {"entity", entry.entity},
                       {"entity_id", entry.entity_id},
                       {"entity_name", entry.entity_name.empty() ? boost::json::value(nullptr)
                                                                 : boost::json::value(entry.entity_name)},
                       {"area_code", entry.area_code ? boost::json::value(*entry.area_code) : nullptr},
                       {"before", ParsedOrNull(entry.before_json)},
                       {"after", ParsedOrNull(entry.after_json)}});
    }
    return http::Json(200, boost::json::object{{"items", std::move(items)}});
  });
}

}  // namespace youhao::api
