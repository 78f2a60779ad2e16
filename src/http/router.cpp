#include "http/router.h"

#include <stdexcept>

namespace youhao::http {

namespace {

std::vector<std::string> SplitPattern(const std::string& pattern) {
  std::vector<std::string> segments;
  std::size_t start = 1;
  while (start <= pattern.size()) {
    const auto end = pattern.find('/', start);
    segments.push_back(pattern.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return segments;
}

bool IsPlaceholder(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool SegmentsMatch(const Route& route, const std::vector<std::string>& segments) {
  if (route.segments.size() != segments.size()) return false;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (IsPlaceholder(route.segments[i])) {
      if (segments[i].empty()) return false;
    } else if (route.segments[i] != segments[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void Router::Add(Method method, std::string pattern, Handler handler, RouteOptions options) {
  if (pattern.empty() || pattern.front() != '/')
    throw std::invalid_argument("route pattern must start with /: " + pattern);
  auto segments = SplitPattern(pattern);
  routes_.push_back(Route{method, std::move(pattern), std::move(segments), std::move(handler), options});
}

RouteMatch Router::Match(Method method, const std::vector<std::string>& segments,
                         std::vector<std::pair<std::string, std::string>>* path_params) const {
  RouteMatch match;
  const Method lookup = method == Method::kHead ? Method::kGet : method;
  for (const Route& route : routes_) {
    if (!SegmentsMatch(route, segments)) continue;
    if (route.method != lookup) {
      if (!match.allowed_methods.empty()) match.allowed_methods += ", ";
      match.allowed_methods += MethodName(route.method);
      continue;
    }
    match.route = &route;
    if (path_params != nullptr) {
      for (std::size_t i = 0; i < segments.size(); ++i) {
        if (IsPlaceholder(route.segments[i])) {
          path_params->emplace_back(route.segments[i].substr(1, route.segments[i].size() - 2), segments[i]);
        }
      }
    }
    return match;
  }
  return match;
}

}  // namespace youhao::http
