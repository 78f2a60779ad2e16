// The only translation unit that includes Beast: the accept loop and the per-connection
// session loop. Everything a request means is decided by Dispatch().
#include "http/server.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <list>
#include <mutex>
#include <thread>

#include "core/text.h"
#include "http/i18n.h"

namespace youhao::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

/// Builds a Request from a parsed Beast header; returns an error for undecodable targets.
core::Status FillRequest(const bhttp::request_parser<bhttp::empty_body>::value_type& header, Request& request) {
  request.method = ParseMethod(std::string_view(header.method_string().data(), header.method_string().size()));
  const std::string_view target(header.target().data(), header.target().size());
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return core::MakeError(core::ErrorCode::kBadPath, "the request target is not a valid path");
  request.target_path = std::string(parsed->encoded_path());
  for (auto segment : parsed->segments()) {
    request.segments.push_back(std::string(segment));
    if (!core::IsValidUtf8(request.segments.back())) {
      return core::MakeError(core::ErrorCode::kInvalidUtf8, "the path is not valid UTF-8");
    }
  }
  for (auto param : parsed->params()) {
    if (!core::IsValidUtf8(param.key) || !core::IsValidUtf8(param.value)) {
      return core::MakeError(core::ErrorCode::kInvalidUtf8, "a query parameter is not valid UTF-8");
    }
    request.query.emplace_back(std::string(param.key), std::string(param.value));
  }
  for (const auto& field : header) {
    std::string name(field.name_string().data(), field.name_string().size());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers.emplace_back(std::move(name), std::string(field.value().data(), field.value().size()));
  }
  return core::Ok{};
}

}  // namespace

struct Server::Impl {
  Impl(ServerConfig config_in, const Router& router_in, Metrics& metrics_in, const StaticFiles* static_files_in)
      : config(std::move(config_in)), router(router_in), metrics(metrics_in), static_files(static_files_in) {}

  /// One connection's state, registered so that shutdown can close idle keep-alive connections.
  struct Connection {
    beast::tcp_stream* stream = nullptr;
    std::atomic<bool> idle{true};
  };

  ServerConfig config;
  const Router& router;
  Metrics& metrics;
  const StaticFiles* static_files;
  asio::io_context io;
  /// Runs every handler that may wait; created by Run().
  std::optional<asio::thread_pool> workers;
  /// Requests queued for or running on the workers (back-pressure).
  std::atomic<int> queued{0};
  std::atomic<bool> stopping{false};
  std::mutex connections_mutex;
  std::list<Connection> connections;
  /// What wakes an event stream: a publication sets `pending` and cancels the wait; the flag
  /// covers a wake that arrives while a poll runs. Held in shared state, so a late wake after the
  /// stream ended is safe.
  struct StreamWake : std::enable_shared_from_this<StreamWake> {
    explicit StreamWake(const asio::any_io_executor& executor) : timer(executor) {}
    void Wake() {
      pending = true;
      asio::post(timer.get_executor(), [self = shared_from_this()] { self->timer.cancel(); });
    }
    asio::steady_timer timer;
    std::atomic<bool> pending{false};
  };
  /// Open event streams, woken at shutdown so that none waits out its poll period.
  std::mutex streams_mutex;
  std::list<std::shared_ptr<StreamWake>> streams;

  asio::awaitable<void> Session(tcp::socket socket);
  /// Answers one request: static files and refusals on the io thread, handlers on the worker
  /// pool (or 503 when its queue is full).
  asio::awaitable<Response> Handle(Request& request, std::string& route_label);
  /// Sends a text/event-stream response: the headers and first events, then what the source's
  /// Poll() yields (run on the workers) each time it is woken or its poll period passes, with a
  /// heartbeat comment every 15 s, chunked.
  asio::awaitable<void> Stream(beast::tcp_stream& stream, Response& response, unsigned version);
  asio::awaitable<void> Accept(tcp::acceptor& acceptor);
  void BeginShutdown(tcp::acceptor& acceptor);

  bhttp::response<bhttp::string_body> ToBeast(Response&& response, unsigned version, bool keep_alive, bool head) {
    bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(response.status), version};
    out.set(bhttp::field::server, "youhao");
    if (!response.content_type.empty()) out.set(bhttp::field::content_type, response.content_type);
    out.set("X-Content-Type-Options", "nosniff");
    out.set("Referrer-Policy", "same-origin");
    out.set("X-Frame-Options", "DENY");
    // A page may bring its own policy (one that allows its inline scripts: StaticFiles).
    const bool own_policy = std::any_of(response.headers.begin(), response.headers.end(),
                                        [](const auto& header) { return header.first == "Content-Security-Policy"; });
    if (response.content_type.starts_with("text/html") && !own_policy) out.set("Content-Security-Policy", PagePolicy());
    for (auto& [name, value] : response.headers) out.insert(name, value);
    const std::size_t length = response.body.size();
    if (!head) out.body() = std::move(response.body);
    out.keep_alive(keep_alive);
    out.content_length(length);
    if (head) {
      // Beast would otherwise reset Content-Length to the (empty) body's size.
      out.set(bhttp::field::content_length, std::to_string(length));
    }
    return out;
  }
};

namespace {

asio::awaitable<Response> RunHandler(const Route& route, Request& request) { co_return Invoke(route, request); }

asio::awaitable<std::optional<std::string>> RunPoll(EventSource& source) {
  try {
    co_return source.Poll();
  } catch (const std::exception& failure) {
    spdlog::error(R"({{"event":"event_stream_failed","error":"{}"}})", failure.what());
    co_return std::nullopt;
  }
}

}  // namespace

asio::awaitable<Response> Server::Impl::Handle(Request& request, std::string& route_label) {
  Prepared prepared = Prepare(request, router, static_files, route_label);
  if (prepared.response) co_return std::move(*prepared.response);
  const Route& route = *prepared.route;
  if (route.options.on_io_thread) co_return Invoke(route, request);
  if (queued.fetch_add(1) >= config.queue_limit) {
    queued.fetch_sub(1);
    core::Error busy = core::MakeError(core::ErrorCode::kOverloaded, "the server is busy; try again in a moment");
    busy.retry_after_seconds = 1;
    co_return Problem(busy);
  }
  // The request and the route outlive the handler: this frame waits for it.
  Response response = co_await asio::co_spawn(workers->get_executor(), RunHandler(route, request), asio::use_awaitable);
  queued.fetch_sub(1);
  co_return response;
}

asio::awaitable<void> Server::Impl::Session(tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  std::string remote;
  {
    boost::system::error_code error;
    auto endpoint = stream.socket().remote_endpoint(error);
    if (!error) remote = endpoint.address().to_string();
  }
  std::list<Connection>::iterator self;
  {
    std::lock_guard lock(connections_mutex);
    self = connections.emplace(connections.end());
    self->stream = &stream;
  }
  beast::flat_buffer buffer;
  boost::system::error_code error;
  while (!stopping.load()) {
    self->idle = buffer.size() == 0;
    stream.expires_after(config.read_timeout);
    bhttp::request_parser<bhttp::empty_body> header_parser;
    header_parser.header_limit(static_cast<std::uint32_t>(config.header_limit));
    // No limit while reading the header: an over-large declared Content-Length is answered
    // below with 413 and a problem body, not with a closed connection.
    header_parser.body_limit(boost::none);
    co_await bhttp::async_read_header(stream, buffer, header_parser, asio::redirect_error(asio::use_awaitable, error));
    self->idle = false;
    if (error == bhttp::error::header_limit) {
      Response problem = Problem(core::MakeError(core::ErrorCode::kHeaderTooLarge, "request headers exceed 16 KiB"));
      RenderProblem(problem, Lang::kZhCn, router.messages());
      auto response = ToBeast(std::move(problem), 11, false, false);
      co_await bhttp::async_write(stream, response, asio::redirect_error(asio::use_awaitable, error));
      break;
    }
    if (error) break;  // closed, timed out, cancelled at shutdown, or garbage

    const auto started = std::chrono::steady_clock::now();
    Request request;
    request.remote_address = remote;
    const auto& header = header_parser.get();
    const unsigned version = header.version();
    const bool head = header.method() == bhttp::verb::head;
    bool keep_alive = header.keep_alive();
    std::string route_label = "unmatched";
    Response response;

    core::Status filled = FillRequest(header, request);
    if (!filled.ok()) {
      response = Problem(filled.error());
      keep_alive = false;  // the body, if any, was not read
    } else {
      const std::size_t limit = BodyLimitFor(config, router, request.method, request.segments);
      const auto declared = header_parser.content_length();
      if (declared && *declared > limit) {
        response = Problem(
            core::MakeError(core::ErrorCode::kBodyTooLarge, fmt::format("the body is larger than {} bytes", limit)));
        keep_alive = false;
      } else {
        bhttp::request_parser<bhttp::string_body> parser(std::move(header_parser));
        parser.body_limit(limit);
        co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, error));
        if (error == bhttp::error::body_limit) {
          response = Problem(
              core::MakeError(core::ErrorCode::kBodyTooLarge, fmt::format("the body is larger than {} bytes", limit)));
          keep_alive = false;
        } else if (error) {
          break;
        } else {
          request.body = std::move(parser.get().body());
          response = co_await Handle(request, route_label);
        }
      }
    }
    // Only a problem needs the client's language; most responses skip the header's parse.
    if (response.problem) RenderProblem(response, PreferredLang(request), router.messages());
    if (stopping.load()) keep_alive = false;
    if (response.events && response.status == 200) {
      co_await Stream(stream, response, version);
      metrics.Record(MethodName(request.method), route_label, 200,
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
      break;  // an event stream ends the connection
    }
    const int status = response.status;
    auto beast_response = ToBeast(std::move(response), version, keep_alive, head);
    const std::size_t bytes = beast_response.body().size();
    stream.expires_after(config.read_timeout);
    co_await bhttp::async_write(stream, beast_response, asio::redirect_error(asio::use_awaitable, error));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const std::string_view method_name = MethodName(request.method);
    metrics.Record(method_name, route_label, status, seconds);
    boost::json::object line{
        {"event", "request"},   {"method", method_name},
        {"route", route_label}, {"path", core::IsValidUtf8(request.target_path) ? request.target_path : "?"},
        {"status", status},     {"latency_us", static_cast<std::int64_t>(seconds * 1e6)},
        {"bytes", bytes},       {"remote", remote}};
    spdlog::info(boost::json::serialize(line));
    if (error || !keep_alive) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, error);
  std::lock_guard lock(connections_mutex);
  connections.erase(self);
}

asio::awaitable<void> Server::Impl::Stream(beast::tcp_stream& stream, Response& response, unsigned version) {
  boost::system::error_code error;
  bhttp::response<bhttp::empty_body> header{bhttp::status::ok, version};
  header.set(bhttp::field::server, "youhao");
  header.set(bhttp::field::content_type, "text/event-stream; charset=utf-8");
  header.set(bhttp::field::cache_control, "no-cache");
  header.set("X-Content-Type-Options", "nosniff");
  header.set("X-Accel-Buffering", "no");
  for (auto& [name, value] : response.headers) header.set(name, value);
  header.chunked(true);
  bhttp::response_serializer<bhttp::empty_body> serializer{header};
  stream.expires_after(config.read_timeout);
  co_await bhttp::async_write_header(stream, serializer, asio::redirect_error(asio::use_awaitable, error));
  if (error) co_return;
  const auto send = [&](const std::string& text) -> asio::awaitable<bool> {
    stream.expires_after(config.read_timeout);
    co_await asio::async_write(stream, bhttp::make_chunk(asio::buffer(text)),
                               asio::redirect_error(asio::use_awaitable, error));
    co_return !error;
  };
  if (!response.body.empty() && !co_await send(response.body)) co_return;
  EventSource& source = *response.events;
  auto wake = std::make_shared<StreamWake>(stream.get_executor());
  std::list<std::shared_ptr<StreamWake>>::iterator registered;
  {
    std::lock_guard lock(streams_mutex);
    registered = streams.insert(streams.end(), wake);
  }
  // Leaves the list however the stream ends.
  const std::shared_ptr<void> unregister(nullptr, [this, registered](void*) {
    std::lock_guard lock(streams_mutex);
    streams.erase(registered);
  });
  auto subscription = source.Subscribe([wake] { wake->Wake(); });
  const auto period = std::chrono::seconds(std::clamp(source.poll_seconds, 1, 15));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(source.max_seconds);
  auto last_sent = std::chrono::steady_clock::now();
  while (!stopping.load() && std::chrono::steady_clock::now() < deadline) {
    if (!wake->pending.exchange(false)) {
      wake->timer.expires_after(
          std::min<std::chrono::steady_clock::duration>(period, deadline - std::chrono::steady_clock::now()));
      co_await wake->timer.async_wait(asio::redirect_error(asio::use_awaitable, error));
      if (stopping.load()) break;
      wake->pending = false;  // this poll reads whatever the wake was for
    }
    std::optional<std::string> events =
        co_await asio::co_spawn(workers->get_executor(), RunPoll(source), asio::use_awaitable);
    if (!events) break;
    if (!events->empty()) {
      if (!co_await send(*events)) co_return;
      last_sent = std::chrono::steady_clock::now();
    } else if (std::chrono::steady_clock::now() - last_sent > std::chrono::seconds(15)) {
      if (!co_await send(": keep-alive\n\n")) co_return;
      last_sent = std::chrono::steady_clock::now();
    }
  }
  stream.expires_after(config.read_timeout);
  co_await asio::async_write(stream, bhttp::make_chunk_last(), asio::redirect_error(asio::use_awaitable, error));
}

asio::awaitable<void> Server::Impl::Accept(tcp::acceptor& acceptor) {
  while (!stopping.load()) {
    boost::system::error_code error;
    tcp::socket socket =
        co_await acceptor.async_accept(asio::make_strand(io), asio::redirect_error(asio::use_awaitable, error));
    if (error) {
      if (stopping.load() || error == asio::error::operation_aborted) break;
      continue;  // e.g. EMFILE: keep serving the connections we have
    }
    auto executor = socket.get_executor();
    asio::co_spawn(executor, Session(std::move(socket)), asio::detached);
  }
}

void Server::Impl::BeginShutdown(tcp::acceptor& acceptor) {
  if (stopping.exchange(true)) return;
  spdlog::info(R"({"event":"shutdown","detail":"stopped accepting; finishing requests in flight"})");
  boost::system::error_code ignored;
  acceptor.close(ignored);
  {
    // Event streams end now instead of at their next poll.
    std::lock_guard lock(streams_mutex);
    for (const auto& wake : streams) wake->Wake();
  }
  std::lock_guard lock(connections_mutex);
  for (Connection& connection : connections) {
    // Connections waiting for a next request are closed now; busy ones close after their response.
    if (connection.idle) {
      asio::post(connection.stream->get_executor(), [stream = connection.stream, &connection] {
        if (connection.idle) stream->cancel();
      });
    }
  }
}

Server::Server(ServerConfig config, const Router& router, Metrics& metrics, const StaticFiles* static_files)
    : impl_(std::make_unique<Impl>(std::move(config), router, metrics, static_files)) {}

Server::~Server() = default;

void Server::Run(const std::function<void(const std::string&)>& on_listening) {
  Impl& impl = *impl_;
  tcp::endpoint endpoint(asio::ip::make_address(impl.config.address), impl.config.port);
  tcp::acceptor acceptor(impl.io);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
  const auto bound = acceptor.local_endpoint();
  on_listening(fmt::format("{}:{}", bound.address().to_string(), bound.port()));

  asio::signal_set signals(impl.io, SIGINT, SIGTERM);
  asio::steady_timer grace_timer(impl.io);
  asio::steady_timer drain_timer(impl.io);
  std::function<void()> wait_for_drain;
  wait_for_drain = [&] {
    bool drained;
    {
      std::lock_guard lock(impl.connections_mutex);
      drained = impl.connections.empty();
    }
    if (drained) {
      impl.io.stop();
      return;
    }
    drain_timer.expires_after(std::chrono::milliseconds(20));
    drain_timer.async_wait([&](boost::system::error_code) { wait_for_drain(); });
  };
  signals.async_wait([&](boost::system::error_code error, int) {
    if (error) return;
    impl.BeginShutdown(acceptor);
    grace_timer.expires_after(impl.config.shutdown_grace);
    grace_timer.async_wait([&](boost::system::error_code timer_error) {
      if (!timer_error) {
        spdlog::warn(R"({"event":"shutdown","detail":"grace period over; dropping remaining connections"})");
        impl.io.stop();
      }
    });
    wait_for_drain();
  });

  asio::co_spawn(impl.io, impl.Accept(acceptor), asio::detached);

  int threads = impl.config.threads > 0 ? impl.config.threads : static_cast<int>(std::thread::hardware_concurrency());
  if (threads < 1) threads = 1;
  const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  const int workers = impl.config.workers > 0 ? impl.config.workers : std::max(8, 4 * cores);
  impl.workers.emplace(static_cast<std::size_t>(workers));
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&impl] { impl.io.run(); });
  impl.io.run();
  for (auto& thread : pool) thread.join();
  // Handlers still running finish; queued ones whose connection is gone are dropped.
  impl.workers->stop();
  impl.workers->join();
}

}  // namespace youhao::http
