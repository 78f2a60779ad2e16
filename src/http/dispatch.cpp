#include <spdlog/spdlog.h>

#include "http/i18n.h"
#include "http/server.h"

namespace youhao::http {

namespace {

bool IsUnsafeSegment(const std::string& segment) {
  if (segment == ".." || segment == ".") return true;
  for (char c : segment) {
    if (c == '/' || c == '\\' || c == '\0') return true;
  }
  return false;
}

bool IsApiPath(const std::vector<std::string>& segments) {
  if (segments.empty()) return false;
  return segments[0] == "api" || segments[0] == "open311" || segments[0] == "healthz" || segments[0] == "metrics" ||
         segments[0] == "tiles";
}

}  // namespace

std::size_t BodyLimitFor(const ServerConfig& config, const Router& router, Method method,
                         const std::vector<std::string>& segments) {
  RouteMatch match = router.Match(method, segments, nullptr);
  return match.route != nullptr && match.route->options.upload ? config.upload_limit : config.body_limit;
}

Prepared Prepare(Request& request, const Router& router, const StaticFiles* static_files, std::string& route_label) {
  for (const auto& segment : request.segments) {
    if (IsUnsafeSegment(segment)) {
      route_label = "bad_path";
      return {
          Problem(core::MakeError(core::ErrorCode::kBadPath, "the path contains '..', '.', or an encoded separator"))};
    }
  }
  if (!IsApiPath(request.segments) && (request.method == Method::kGet || request.method == Method::kHead)) {
    route_label = "static";
    if (static_files != nullptr) {
      if (auto response = static_files->Serve(request)) return {std::move(*response)};
    }
    return {Problem(core::MakeError(core::ErrorCode::kNotFound, "no such file"))};
  }
  RouteMatch match = router.Match(request.method, request.segments, &request.path_params);
  if (match.route == nullptr) {
    route_label = "unmatched";
    if (!match.allowed_methods.empty()) {
      Response response =
          Problem(core::MakeError(core::ErrorCode::kMethodNotAllowed, "allowed: " + match.allowed_methods));
      response.SetHeader("Allow", match.allowed_methods);
      return {std::move(response)};
    }
    return {Problem(core::MakeError(core::ErrorCode::kRouteNotFound, "no route for this path"))};
  }
  route_label = match.route->pattern;
  return {std::nullopt, match.route};
}

Response Invoke(const Route& route, Request& request) {
  try {
    return route.handler(request);
  } catch (const std::exception& error) {
    spdlog::error("{{\"event\":\"handler_failed\",\"route\":\"{}\",\"error\":\"{}\"}}", route.pattern, error.what());
    return Problem(core::MakeError(core::ErrorCode::kInternal, "the server failed to handle this request"));
  }
}

Response Dispatch(Request& request, const Router& router, const StaticFiles* static_files, std::string& route_label) {
  Prepared prepared = Prepare(request, router, static_files, route_label);
  Response response = prepared.response ? std::move(*prepared.response) : Invoke(*prepared.route, request);
  // Only a problem needs the client's language; most responses skip the header's parse.
  if (response.problem) RenderProblem(response, PreferredLang(request), router.messages());
  return response;
}

}  // namespace youhao::http
