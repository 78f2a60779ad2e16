#pragma once
/// Helpers shared by the handler files of this module.

#include <boost/json/object.hpp>

#include "accounts/account_service.h"
#include "api/api.h"
#include "http/message.h"

namespace youhao::api {

inline constexpr std::string_view kSessionCookie = "youhao_session";

/// The caller's principal from `Authorization: Bearer` or the session cookie. Requests that
/// change state and are authenticated by cookie must carry X-CSRF-Token.
core::Result<accounts::Principal> Authenticate(const http::Request& request, const accounts::AccountService& accounts);

/// The area named by query parameter `area` (default: the principal's own), checked in scope.
core::Result<areas::Area> ScopedArea(const http::Request& request, const accounts::Principal& principal,
                                     const areas::AreaService& areas);

boost::json::object AreaJson(const areas::Area& area);
boost::json::object AccountJson(const accounts::Account& account);

void RegisterSessionRoutes(http::Router& router, Services& services);
void RegisterAreaRoutes(http::Router& router, Services& services);
void RegisterAccountRoutes(http::Router& router, Services& services);

}  // namespace youhao::api
