#pragma once
/// A small HTTP/1.1 load generator over loopback for the benchmarks: keep-alive connections on
/// one thread (so it takes one core at most from the server it measures), in two modes.
///  - Open loop (ConstantRate): request i is due at start + i / rate, whether or not the server
///    kept up; its latency counts from when it was due, so queueing shows instead of hiding (a
///    closed-loop tool like wrk waits for the server and under-reports the tail).
///  - Closed loop (Saturate): every connection sends its next request as soon as the last one
///    is answered: the throughput ceiling.

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace youhao::app {

struct LoadResult {
  long long completed = 0;
  long long non_2xx = 0;
  long long errors = 0;
  double seconds = 0;
  /// Latency of every completed request, microseconds, sorted.
  std::vector<double> latencies_us;

  double Rate() const { return seconds > 0 ? static_cast<double>(completed) / seconds : 0; }
  /// The q-quantile (0.5, 0.99) in milliseconds; 0 without samples.
  double QuantileMs(double q) const;
};

/// Builds request number `i` as raw HTTP/1.1 bytes (with Host, Connection: keep-alive).
using RequestMaker = std::function<std::string(long long i)>;

LoadResult ConstantRate(unsigned short port, const RequestMaker& make, double rate, double seconds, int connections);
LoadResult Saturate(unsigned short port, const RequestMaker& make, double seconds, int connections);

/// One request on a fresh connection; returns {status, body} (status 0 on failure).
std::pair<int, std::string> HttpCall(unsigned short port, const std::string& method, const std::string& target,
                                     const std::string& body = "", const std::string& bearer = "");

/// Raw bytes of a keep-alive request.
std::string RawRequest(const std::string& method, const std::string& target, const std::string& body,
                       const std::string& bearer);

}  // namespace youhao::app
