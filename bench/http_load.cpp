#include "bench/http_load.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace youhao::app {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

double LoadResult::QuantileMs(double q) const {
  if (latencies_us.empty()) return 0;
  const auto index = std::min(latencies_us.size() - 1,
                              static_cast<std::size_t>(std::ceil(q * static_cast<double>(latencies_us.size())) - 1));
  return latencies_us[index] / 1000.0;
}

std::string RawRequest(const std::string& method, const std::string& target, const std::string& body,
                       const std::string& bearer) {
  std::string request = fmt::format("{} {} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n", method, target);
  if (!bearer.empty()) request += fmt::format("Authorization: Bearer {}\r\n", bearer);
  if (!body.empty() || method == "POST") {
    request += fmt::format("Content-Type: application/json\r\nContent-Length: {}\r\n", body.size());
  }
  request += "\r\n";
  request += body;
  return request;
}

namespace {

struct Run {
  const RequestMaker* make = nullptr;
  tcp::endpoint endpoint;
  bool open_loop = false;
  Clock::duration interval{};
  Clock::time_point start;
  Clock::time_point end;
  long long next = 0;
  LoadResult result;
};

asio::awaitable<void> Connection(Run& run) {
  auto executor = co_await asio::this_coro::executor;
  asio::steady_timer timer(executor);
  while (Clock::now() < run.end) {
    tcp::socket socket(executor);
    try {
      co_await socket.async_connect(run.endpoint, asio::use_awaitable);
      socket.set_option(tcp::no_delay(true));
      boost::beast::flat_buffer buffer;
      for (;;) {
        const long long i = run.next++;
        Clock::time_point due = Clock::now();
        if (run.open_loop) {
          due = run.start + i * run.interval;
          if (due >= run.end) co_return;
          if (due > Clock::now()) {
            timer.expires_at(due);
            co_await timer.async_wait(asio::use_awaitable);
          }
        } else if (due >= run.end) {
          co_return;
        }
        const std::string request = (*run.make)(i);
        co_await asio::async_write(socket, asio::buffer(request), asio::use_awaitable);
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(16ULL * 1024 * 1024);
        co_await bhttp::async_read(socket, buffer, parser, asio::use_awaitable);
        const double micros = std::chrono::duration<double, std::micro>(Clock::now() - due).count();
        run.result.completed += 1;
        run.result.latencies_us.push_back(micros);
        const auto status = static_cast<int>(parser.get().result_int());
        if (status < 200 || status > 299) run.result.non_2xx += 1;
        if (!parser.get().keep_alive()) break;
      }
    } catch (const std::exception&) {
      run.result.errors += 1;
    }
  }
}

LoadResult Drive(unsigned short port, const RequestMaker& make, bool open_loop, double rate, double seconds,
                 int connections) {
  asio::io_context io;
  Run run;
  run.make = &make;
  run.endpoint = tcp::endpoint(asio::ip::make_address("127.0.0.1"), port);
  run.open_loop = open_loop;
  run.interval = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(open_loop ? 1.0 / rate : 0));
  run.start = Clock::now() + std::chrono::milliseconds(50);  // connections open first
  run.end = run.start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  run.result.latencies_us.reserve(static_cast<std::size_t>(open_loop ? rate * seconds * 1.1 : 200'000));
  for (int c = 0; c < connections; ++c) asio::co_spawn(io, Connection(run), asio::detached);
  io.run();
  run.result.seconds =
      std::chrono::duration<double>(std::min(Clock::now(), run.end + std::chrono::seconds(5)) - run.start).count();
  std::sort(run.result.latencies_us.begin(), run.result.latencies_us.end());
  return std::move(run.result);
}

}  // namespace

LoadResult ConstantRate(unsigned short port, const RequestMaker& make, double rate, double seconds, int connections) {
  return Drive(port, make, true, rate, seconds, connections);
}

LoadResult Saturate(unsigned short port, const RequestMaker& make, double seconds, int connections) {
  return Drive(port, make, false, 0, seconds, connections);
}

std::pair<int, std::string> HttpCall(unsigned short port, const std::string& method, const std::string& target,
                                     const std::string& body, const std::string& bearer) {
  try {
    asio::io_context io;
    tcp::socket socket(io);
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    std::string request = RawRequest(method, target, body, bearer);
    asio::write(socket, asio::buffer(request));
    boost::beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> response;
    bhttp::read(socket, buffer, response);
    return {response.result_int(), response.body()};
  } catch (const std::exception&) {
    return {0, ""};
  }
}

}  // namespace youhao::app
