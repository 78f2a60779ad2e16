#pragma once
/// Maps (method, path) to a handler. Patterns are literal segments and `{name}` placeholders
/// that match exactly one segment. The route table is also what the OpenAPI test checks.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace youhao::http {

struct Message;

using Handler = std::function<Response(Request&)>;

struct RouteOptions {
  /// Accepts bodies up to the upload limit instead of the JSON body limit.
  bool upload = false;
  /// Runs on the io thread. Only for handlers that never wait: no database, no hashing, no
  /// lock held by anything slow (e.g. /metrics). Every other handler runs on the worker pool.
  bool on_io_thread = false;
  /// Who may call it, by name (an accounts::Audience): set by every declared route. The
  /// authorization table and its test read it; a route without one was not declared.
  std::string_view audience;
};

struct Route {
  Method method;
  std::string pattern;
  std::vector<std::string> segments;
  Handler handler;
  RouteOptions options;
};

struct RouteMatch {
  const Route* route = nullptr;
  /// Set when the path exists for other methods: the value of the Allow header.
  std::string allowed_methods;
};

class Router {
 public:
  void Add(Method method, std::string pattern, Handler handler, RouteOptions options = {});
  /// Finds the route for `method` and `segments`, filling `path_params` on a match.
  RouteMatch Match(Method method, const std::vector<std::string>& segments,
                   std::vector<std::pair<std::string, std::string>>* path_params) const;
  const std::vector<Route>& routes() const { return routes_; }

  /// The message catalogues that word problems at the edge (null: problems keep their detail).
  void SetMessages(const Message* (*lookup)(std::string_view key)) { messages_ = lookup; }
  auto messages() const { return messages_; }

 private:
  std::vector<Route> routes_;
  const Message* (*messages_)(std::string_view key) = nullptr;
};

}  // namespace youhao::http
