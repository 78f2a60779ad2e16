#pragma once
/// The HTTP/1.1 server (Boost.Beast on Asio coroutines). This header is Beast-free; the
/// session loop lives in server.cpp and calls Dispatch(), a plain function of the request.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "http/message.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/static_files.h"

namespace youhao::http {

struct ServerConfig {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;
  /// io_context threads; 0 means one per core.
  int threads = 0;
  std::size_t header_limit = 16 * 1024;
  std::size_t body_limit = 1024 * 1024;
  std::size_t upload_limit = 10 * 1024 * 1024;
  /// Longest wait for a request's header or body, and for the next request on a kept-alive
  /// connection.
  std::chrono::seconds read_timeout{30};
  /// After SIGTERM, how long requests in flight may take before the server stops anyway.
  std::chrono::seconds shutdown_grace{20};
  /// Threads that run route handlers (database work, password hashing, signature checks, group
  /// commit waits), so that io threads never wait; 0 means four per core, at least eight.
  int workers = 0;
  /// Requests waiting for or running on the workers beyond which a new one is refused at once
  /// with 503 `overloaded` and Retry-After, instead of queueing without bound.
  int queue_limit = 1024;
};

/// What is known about a request before any handler runs: either the finished response (a
/// static file, a bad path, no such route) or the route whose handler answers it.
struct Prepared {
  std::optional<Response> response;
  const Route* route = nullptr;
};
Prepared Prepare(Request& request, const Router& router, const StaticFiles* static_files, std::string& route_label);
/// Runs the route's handler; an exception becomes a 500 problem (and a log line).
Response Invoke(const Route& route, Request& request);

/// Routes one complete request: path safety, API routes, static files, errors as problem+json;
/// Prepare() then Invoke() on the calling thread. `route_label` receives the route pattern (or
/// a fixed label) for metrics and logs.
Response Dispatch(Request& request, const Router& router, const StaticFiles* static_files, std::string& route_label);

/// The body limit that applies to a request for `segments` with `method`.
std::size_t BodyLimitFor(const ServerConfig& config, const Router& router, Method method,
                         const std::vector<std::string>& segments);

class Server {
 public:
  Server(ServerConfig config, const Router& router, Metrics& metrics, const StaticFiles* static_files);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds, calls `on_listening` with the bound "host:port", serves until SIGTERM or SIGINT,
  /// then stops accepting, lets requests in flight finish, and returns.
  void Run(const std::function<void(const std::string&)>& on_listening);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace youhao::http
