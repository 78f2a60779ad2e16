#include "http/metrics.h"

#include <gtest/gtest.h>

namespace youhao::http {
namespace {

TEST(Metrics, RendersCountersAndCumulativeHistogram) {
  Metrics metrics;
  metrics.Record("GET", "/api/v1/me", 200, 0.0007);
  metrics.Record("GET", "/api/v1/me", 200, 0.2);
  metrics.Record("GET", "/api/v1/me", 401, 3.0);
  metrics.AddCollector([] { return std::string("youhao_db_pool_connections{state=\"open\"} 2\n"); });
  const std::string text = metrics.Render();
  EXPECT_NE(text.find("youhao_http_requests_total{method=\"GET\",route=\"/api/v1/me\",status=\"200\"} 2"),
            std::string::npos);
  EXPECT_NE(text.find("youhao_http_requests_total{method=\"GET\",route=\"/api/v1/me\",status=\"401\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("le=\"0.001\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("le=\"0.25\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("le=\"+Inf\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("youhao_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/me\"} 3"),
            std::string::npos);
  EXPECT_NE(text.find("youhao_db_pool_connections"), std::string::npos);
}

TEST(Metrics, EscapesLabelValues) {
  Metrics metrics;
  metrics.Record("GET", "a\"b", 200, 0.1);
  EXPECT_NE(metrics.Render().find("route=\"a\\\"b\""), std::string::npos);
}

}  // namespace
}  // namespace youhao::http
