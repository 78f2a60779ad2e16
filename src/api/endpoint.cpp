#include "api/endpoint.h"

#include <utility>

#include "api/api_internal.h"
#include "http/json_body.h"

namespace youhao::api {

namespace {

/// A session is offered: a bearer token or the session cookie.
bool OffersSession(const http::Request& request) {
  return request.Header("authorization").has_value() || request.Cookie(kSessionCookie).has_value();
}

}  // namespace

core::Error RoleRefused(const accounts::Audience& audience, accounts::Role role) {
  std::string allowed_zh;
  for (accounts::Role admitted : audience.AdmittedRoles()) {
    if (!allowed_zh.empty()) allowed_zh += "、";
    allowed_zh += accounts::RoleLabelZh(admitted);
  }
  return core::MakeProblem(core::ErrorCode::kForbidden, "", "access.role_refused",
                           "a " + std::string(accounts::RoleName(role)) + " account cannot do this; it is for " +
                               std::string(audience.summary),
                           {{"role", accounts::RoleName(role)},
                            {"role_zh", accounts::RoleLabelZh(role)},
                            {"audience", audience.name},
                            {"audience_en", audience.summary},
                            {"audience_zh", allowed_zh}});
}

void Declare(http::Router& router, Services& services, Endpoint endpoint, UseCase use_case) {
  endpoint.options.audience = endpoint.audience.name;
  const accounts::Audience& audience = endpoint.audience;
  const std::span<const core::FieldSpec> fields = endpoint.body;
  const bool body_optional = endpoint.body_optional;
  router.Add(
      endpoint.method, std::move(endpoint.pattern),
      [&services, &audience, fields, body_optional, use_case = std::move(use_case)](http::Request& request) {
        Call call{request};
        std::optional<accounts::Principal> principal;
        if (audience.sign_in == accounts::SignIn::kRequired) {
          auto authenticated = Authenticate(request, services.accounts);
          if (!authenticated.ok()) return http::Problem(authenticated.error());
          if (!audience.Admits(authenticated->role)) return http::Problem(RoleRefused(audience, authenticated->role));
          principal = std::move(*authenticated);
        } else if (audience.sign_in == accounts::SignIn::kOptional && OffersSession(request)) {
          // A stale or broken session is no reason to refuse what anyone may see.
          if (auto authenticated = Authenticate(request, services.accounts); authenticated.ok())
            principal = std::move(*authenticated);
        }
        if (principal) call.principal = &*principal;
        if (!fields.empty() && !(body_optional && request.body.empty())) {
          auto body = http::JsonBody(request, fields);
          if (!body.ok()) return http::Problem(body.error());
          call.body = std::move(*body);
        }
        try {
          return use_case(call);
        } catch (const Refusal& refusal) {
          return http::Problem(refusal.error);
        }
      },
      endpoint.options);
}

}  // namespace youhao::api
