#include "http/metrics.h"

#include <fmt/format.h>

namespace youhao::http {

namespace {
/// Escapes a Prometheus label value.
std::string Label(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}
}  // namespace

void Metrics::Record(std::string_view method, std::string_view route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  Series& series = series_[{std::string(method), std::string(route)}];
  ++series.by_status[status];
  ++series.count;
  series.sum += seconds;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++series.buckets[i];
  }
}

void Metrics::AddCollector(std::function<std::string()> collector) {
  std::lock_guard lock(mutex_);
  collectors_.push_back(std::move(collector));
}

std::string Metrics::Render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP youhao_http_requests_total HTTP requests by method, route and status.\n";
  out += "# TYPE youhao_http_requests_total counter\n";
  for (const auto& [key, series] : series_) {
    const auto& [method, route] = key;
    for (const auto& [status, count] : series.by_status) {
      out += fmt::format("youhao_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n", method,
                         Label(route), status, count);
    }
  }
  out += "# HELP youhao_http_request_duration_seconds Time from a full request read to its response.\n";
  out += "# TYPE youhao_http_request_duration_seconds histogram\n";
  for (const auto& [key, series] : series_) {
    const auto& [method, route] = key;
    const std::string labels = fmt::format("method=\"{}\",route=\"{}\"", method, Label(route));
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out += fmt::format("youhao_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels, kBuckets[i],
                         series.buckets[i]);
    }
    out += fmt::format("youhao_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels, series.count);
    out += fmt::format("youhao_http_request_duration_seconds_sum{{{}}} {}\n", labels, series.sum);
    out += fmt::format("youhao_http_request_duration_seconds_count{{{}}} {}\n", labels, series.count);
  }
  for (const auto& collector : collectors_) out += collector();
  return out;
}

}  // namespace youhao::http
