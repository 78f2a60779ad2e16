#include "http/router.h"

#include <gtest/gtest.h>

#include "http/server.h"

namespace youhao::http {
namespace {

Request MakeRequest(Method method, std::vector<std::string> segments) {
  Request request;
  request.method = method;
  request.segments = std::move(segments);
  return request;
}

Router MakeRouter() {
  Router router;
  router.Add(Method::kGet, "/api/v1/areas/{code}", [](Request& request) {
    Response response;
    response.body = std::string(request.PathParam("code"));
    return response;
  });
  router.Add(Method::kPost, "/api/v1/session", [](Request&) { return Empty(201); });
  router.Add(Method::kGet, "/api/v1/boom", [](Request&) -> Response { throw std::runtime_error("boom"); });
  router.Add(Method::kPost, "/api/v1/photos", [](Request&) { return Empty(201); }, {.upload = true});
  return router;
}

TEST(Router, MatchesPlaceholdersAndFillsParameters) {
  Router router = MakeRouter();
  Request request = MakeRequest(Method::kGet, {"api", "v1", "areas", "110108"});
  std::string label;
  Response response = Dispatch(request, router, nullptr, label);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "110108");
  EXPECT_EQ(label, "/api/v1/areas/{code}");
}

TEST(Router, WrongMethodIs405WithAllow) {
  Router router = MakeRouter();
  Request request = MakeRequest(Method::kDelete, {"api", "v1", "areas", "1"});
  std::string label;
  Response response = Dispatch(request, router, nullptr, label);
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.content_type, "application/problem+json");
  ASSERT_FALSE(response.headers.empty());
  EXPECT_EQ(response.headers[0].second, "GET");
}

TEST(Router, UnknownApiPathIsRouteNotFound) {
  Router router = MakeRouter();
  Request request = MakeRequest(Method::kGet, {"api", "v1", "nothing"});
  std::string label;
  Response response = Dispatch(request, router, nullptr, label);
  EXPECT_EQ(response.status, 404);
  EXPECT_NE(response.body.find("route_not_found"), std::string::npos);
}

TEST(Router, DotDotSegmentsAreRejectedBeforeRouting) {
  Router router = MakeRouter();
  for (const auto& segments :
       std::vector<std::vector<std::string>>{{"..", "etc", "passwd"}, {"assets", "../x"}, {"a", "."}}) {
    Request request = MakeRequest(Method::kGet, segments);
    std::string label;
    Response response = Dispatch(request, router, nullptr, label);
    EXPECT_EQ(response.status, 400);
    EXPECT_NE(response.body.find("bad_path"), std::string::npos);
  }
}

TEST(Router, HandlerExceptionsBecome500Problems) {
  Router router = MakeRouter();
  Request request = MakeRequest(Method::kGet, {"api", "v1", "boom"});
  std::string label;
  Response response = Dispatch(request, router, nullptr, label);
  EXPECT_EQ(response.status, 500);
  EXPECT_NE(response.body.find("internal_error"), std::string::npos);
  EXPECT_EQ(response.body.find("boom"), std::string::npos) << "internal details must not leak";
}

TEST(Router, UploadRoutesGetTheUploadLimit) {
  Router router = MakeRouter();
  ServerConfig config;
  EXPECT_EQ(BodyLimitFor(config, router, Method::kPost, {"api", "v1", "photos"}), config.upload_limit);
  EXPECT_EQ(BodyLimitFor(config, router, Method::kPost, {"api", "v1", "session"}), config.body_limit);
}

TEST(Request, ParsesCookies) {
  Request request;
  request.headers.emplace_back("cookie", "a=1; youhao_session=abc; b=2");
  EXPECT_EQ(request.Cookie("youhao_session"), "abc");
  EXPECT_FALSE(request.Cookie("missing"));
}

}  // namespace
}  // namespace youhao::http
