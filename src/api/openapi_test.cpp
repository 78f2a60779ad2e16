// The OpenAPI document and the router must agree: every route documented, nothing documented
// that does not exist.
#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include <filesystem>
#include <set>

#include "api/api.h"
#include "core/random.h"

namespace youhao::api {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

TEST(OpenApi, DocumentMatchesTheRouter) {
  core::InitCrypto();
  const auto path =
      std::filesystem::temp_directory_path() / ("youhao_openapi_test_" + std::to_string(::getpid()) + ".db");
  auto database = storage::Database::Open("sqlite:" + path.string(), 1);
  {
    auto connection = database->Acquire();
    storage::Migrate(*connection);
  }
  areas::AreaService areas(*database);
  accounts::LoginThrottle throttle;
  accounts::AccountService accounts(*database, areas, throttle);
  registry::DirectoryService directory(*database);
  audit::AuditLog audit(*database);
  http::Metrics metrics;
  registry::RegistrationService registration(*database, accounts);
  entry::IssuerKeyStore keys(*database);
  entry::PassService passes(*database, keys, registration);
  entry::AccessPlanService plans(*database, areas);
  entry::GateService gates(*database, keys, plans, areas);
  maps::MapService maps(*database);
  maps::Wayfinding wayfinding(*database, areas, maps);
  Services services{*database, areas,  accounts, directory, audit, metrics,    registration,
                    keys,      passes, plans,    gates,     maps,  wayfinding, "http://127.0.0.1"};
  http::Router router;
  RegisterRoutes(router, services);

  std::set<std::string> routed;
  for (const auto& route : router.routes()) routed.insert(Lower(http::MethodName(route.method)) + " " + route.pattern);

  const auto document = boost::json::parse(OpenApiDocument()).as_object();
  EXPECT_EQ(document.at("openapi").as_string().subview().substr(0, 4), "3.1.");
  std::set<std::string> documented;
  for (const auto& [route_path, operations] : document.at("paths").as_object()) {
    for (const auto& [method, operation] : operations.as_object()) {
      if (method == "parameters" || method == "summary" || method == "description") continue;
      documented.insert(std::string(method) + " " + std::string(route_path));
    }
  }
  for (const auto& route : routed) EXPECT_TRUE(documented.contains(route)) << "undocumented route: " << route;
  for (const auto& operation : documented)
    EXPECT_TRUE(routed.contains(operation)) << "documented but not routed: " << operation;
  database.reset();
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace youhao::api
