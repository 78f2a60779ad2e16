#include <fmt/format.h>

#include "api/api_internal.h"

namespace youhao::api {

namespace {

constexpr core::FieldSpec kLoginFields[] = {
    {.name = "login", .type = core::FieldType::kString, .required = true, .max_length = 64},
    {.name = "password", .type = core::FieldType::kString, .max_length = 128},
    {.name = "code", .type = core::FieldType::kString, .max_length = 6},
};

}  // namespace

std::string SessionCookie(const Services& services, std::string_view token, long long max_age) {
  const bool secure = services.public_url.starts_with("https://");
  return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}", kSessionCookie, token, max_age,
                     secure ? "; Secure" : "");
}

http::Response SessionResponse(const Services& services, const accounts::LoginResult& session) {
  boost::json::object json{{"token", session.token},
                           {"csrf_token", session.csrf_token},
                           {"expires_at", session.expires_at},
                           {"account", AccountJson(session.account)}};
  http::Response response = http::Json(201, json);
  response.SetHeader("Set-Cookie", SessionCookie(services, session.token, accounts::AccountService::kSessionSeconds));
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

void RegisterSessionRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;
  Declare(router, services, {http::Method::kPost, "/api/v1/session", audience::kAnyone, kLoginFields},
          [&services](Call& call) {
            const std::string_view login = core::StringOr(call.body, "login");
            const bool by_code = call.body.contains("code");
            // One proof: the password, or a one-time code sent to the phone. A worker's phone number
            // names their account; their login (what lists show) is not the phone.
            if (by_code == call.body.contains("password")) {
              return http::Problem(core::MakeError(core::ErrorCode::kValidationFailed,
                                                   "send either password or code (a one-time code to the phone)"));
            }
            auto result = by_code ? Take(services.registration.LoginWithCode(login, core::StringOr(call.body, "code")))
                                  : Take(services.registration.LoginWithPassword(
                                        login, core::StringOr(call.body, "password"), call.request.remote_address));
            return SessionResponse(services, result);
          });

  Declare(router, services, {http::Method::kDelete, "/api/v1/session", audience::kSignedIn}, [&services](Call& call) {
    services.accounts.Logout(call.caller());
    http::Response response = http::Empty(204);
    response.SetHeader("Set-Cookie", SessionCookie(services, "", 0));
    return response;
  });

  Declare(router, services, {http::Method::kGet, "/api/v1/me", audience::kSignedIn}, [&services](Call& call) {
    auto account = services.accounts.Find(call.caller().account_id);
    if (!account) return http::Problem(core::MakeError(core::ErrorCode::kAuthRequired, "the account no longer exists"));
    http::Response response = http::Json(
        200, boost::json::object{{"account", AccountJson(*account)}, {"csrf_token", call.caller().csrf_token}});
    response.SetHeader("Cache-Control", "no-store");
    return response;
  });

  Declare(router, services, {http::Method::kGet, "/api/v1/home", audience::kSignedIn}, [&services](Call& call) {
    auto account = services.accounts.Find(call.caller().account_id);
    if (!account) return http::Problem(core::MakeError(core::ErrorCode::kAuthRequired, "the account no longer exists"));
    const registry::AreaStats stats = services.directory.Stats(account->area);
    boost::json::object json{{"account", AccountJson(*account)},
                             {"stats",
                              {{"communities", stats.communities},
                               {"compounds", stats.compounds},
                               {"workers", stats.workers},
                               {"verified_workers", stats.verified_workers},
                               {"depots", stats.depots},
                               {"accounts", stats.accounts},
                               {"places", stats.places}}},
                             {"worker", nullptr},
                             {"compound", nullptr}};
    if (account->role == accounts::Role::kWorker) {
      if (auto worker = services.directory.WorkerForAccount(account->id)) {
        json["worker"] = {{"name", worker->name},
                          {"kind", worker->kind},
                          {"platform", worker->platform},
                          {"depot", worker->depot},
                          {"phone_masked", worker->phone_masked},
                          {"status", worker->status}};
      }
    }
    if (account->area.level == areas::Level::kCompound) {
      boost::json::object compound = AreaJson(account->area);
      auto ancestors = services.areas.Ancestors(account->area);
      std::string address;
      for (const auto& ancestor : ancestors) address += ancestor.name_zh;
      compound["address"] = address + account->area.name_zh;
      json["compound"] = std::move(compound);
    }
    return http::Json(200, json);
  });
}

}  // namespace youhao::api
