#pragma once
/// Declared routes: a handler is a declaration of who may call it and what body it takes, plus a
/// use case. `Declare` authenticates, turns away roles outside the audience (403 before any input
/// is read), checks the JSON body against its field specs, and only then calls the use case. The
/// route keeps its audience's name, which the authorization table (docs/authorization.md) and
/// the OpenAPI document's `x-audience` are tested against.

#include <functional>
#include <span>
#include <string>
#include <utility>

#include <boost/json/object.hpp>

#include "accounts/access.h"
#include "accounts/audience.h"
#include "core/json_input.h"
#include "http/message.h"
#include "http/router.h"

namespace youhao::api {

struct Services;

/// What a use case receives: the request, the caller and the checked body.
struct Call {
  http::Request& request;
  /// Set for audiences that require a session, and for kOptional ones when a valid one came.
  const accounts::Principal* principal = nullptr;
  /// The checked JSON body (empty when the endpoint declares no body fields, or it was optional
  /// and absent).
  boost::json::object body;

  /// The signed-in caller; only for audiences that require a session.
  const accounts::Principal& caller() const { return *principal; }
};

struct Endpoint {
  http::Method method = http::Method::kGet;
  std::string pattern;
  const accounts::Audience& audience;
  /// JSON body fields; empty: the body is not read as JSON by the declaration.
  std::span<const core::FieldSpec> body = {};
  /// The body may be absent altogether (e.g. a DELETE with an optional reason).
  bool body_optional = false;
  http::RouteOptions options = {};
};

using UseCase = std::function<http::Response(Call&)>;

/// What Take throws: an expected failure on its way to the declaration, which answers with its
/// problem. It never crosses a service: services return core::Result, only use cases Take.
struct Refusal {
  core::Error error;
};

/// The value of `result`; on an error the use case ends there and the declaration renders the
/// problem, so a use case reads as the steps it takes: `auto compound = Take(StaffCompound(...));`.
template <typename T>
T Take(core::Result<T> result) {
  if (!result.ok()) throw Refusal{result.error()};
  return std::move(result).value();
}

void Declare(http::Router& router, Services& services, Endpoint endpoint, UseCase use_case);

/// The forbidden problem a role outside `audience` receives (code `forbidden`, the roles named).
core::Error RoleRefused(const accounts::Audience& audience, accounts::Role role);

}  // namespace youhao::api
