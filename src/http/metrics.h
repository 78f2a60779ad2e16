#pragma once
/// Request counters and latency histograms per route, rendered in Prometheus text format.

#include <array>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace youhao::http {

class Metrics {
 public:
  /// Upper bounds (seconds) of the latency histogram buckets.
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

  /// Records one finished request. `route` is the route pattern, not the raw path, so the
  /// number of series stays bounded.
  void Record(std::string_view method, std::string_view route, int status, double seconds);

  /// Adds text produced at scrape time (e.g. database pool gauges).
  void AddCollector(std::function<std::string()> collector);

  /// The Prometheus text exposition of everything recorded.
  std::string Render() const;

 private:
  struct Series {
    std::map<int, long long> by_status;
    std::array<long long, kBuckets.size()> buckets{};
    long long count = 0;
    double sum = 0;
  };

  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string>, Series> series_;
  std::vector<std::function<std::string()>> collectors_;
};

}  // namespace youhao::http
