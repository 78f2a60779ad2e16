// The route declarations are the truth about the API: every route is declared with an audience,
// documented in the OpenAPI document with the same audience (`x-audience`, and the document's
// `x-audiences` name the same roles as accounts::audience), and listed in the route × role table
// docs/authorization.md, which this test writes when YOUHAO_WRITE_AUTHORIZATION=1.
#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "accounts/audience.h"
#include "api/api.h"
#include "core/keyring.h"
#include "core/random.h"

namespace youhao::api {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<accounts::Role> EveryRole() {
  std::vector<accounts::Role> roles;
  for (unsigned bit = 0; bit <= static_cast<unsigned>(accounts::Role::kAdmin); ++bit)
    roles.push_back(static_cast<accounts::Role>(bit));
  return roles;
}

/// The server's routes, registered exactly as `youhao serve` registers them.
class RouteTable : public ::testing::Test {
 protected:
  void SetUp() override {
    core::InitCrypto();
    database_ = storage::Database::Open("sqlite:" + path_.string(), 1);
    {
      auto connection = database_->Acquire();
      storage::Migrate(*connection);
    }
    areas_ = std::make_unique<areas::AreaService>(*database_);
    accounts_ = std::make_unique<accounts::AccountService>(*database_, *areas_, throttle_);
    directory_ = std::make_unique<registry::DirectoryService>(*database_, phones_);
    audit_ = std::make_unique<audit::AuditLog>(*database_);
    registration_ = std::make_unique<registry::RegistrationService>(*database_, *accounts_, phones_);
    keys_ = std::make_unique<entry::IssuerKeyStore>(*database_, keyring_);
    passes_ = std::make_unique<entry::PassService>(*database_, *keys_, *registration_);
    plans_ = std::make_unique<entry::AccessPlanService>(*database_, *areas_, phones_);
    gates_ = std::make_unique<entry::GateService>(*database_, *keys_, *plans_, *areas_);
    maps_ = std::make_unique<maps::MapService>(*database_);
    wayfinding_ = std::make_unique<maps::Wayfinding>(*database_, *areas_, *maps_);
    services_ = std::make_unique<Services>(Services{*database_, *areas_, *accounts_, *directory_, *audit_, metrics_,
                                                    *registration_, *keys_, *passes_, *plans_, *gates_, *maps_,
                                                    *wayfinding_, "http://127.0.0.1"});
    RegisterRoutes(router_, *services_);
  }
  void TearDown() override {
    services_.reset();
    wayfinding_.reset();
    maps_.reset();
    gates_.reset();
    plans_.reset();
    passes_.reset();
    keys_.reset();
    registration_.reset();
    audit_.reset();
    directory_.reset();
    accounts_.reset();
    areas_.reset();
    database_.reset();
    std::filesystem::remove(path_);
  }

  const std::filesystem::path path_ =
      std::filesystem::temp_directory_path() / ("youhao_route_table_test_" + std::to_string(::getpid()) + ".db");
  std::unique_ptr<storage::Database> database_;
  accounts::LoginThrottle throttle_;
  http::Metrics metrics_;
  std::unique_ptr<areas::AreaService> areas_;
  std::unique_ptr<accounts::AccountService> accounts_;
  std::unique_ptr<registry::DirectoryService> directory_;
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<registry::RegistrationService> registration_;
  const core::Keyring keyring_ = core::Keyring::Ephemeral();
  const registry::PhoneVault phones_{keyring_};
  std::unique_ptr<entry::IssuerKeyStore> keys_;
  std::unique_ptr<entry::PassService> passes_;
  std::unique_ptr<entry::AccessPlanService> plans_;
  std::unique_ptr<entry::GateService> gates_;
  std::unique_ptr<maps::MapService> maps_;
  std::unique_ptr<maps::Wayfinding> wayfinding_;
  std::unique_ptr<Services> services_;
  http::Router router_;
};

/// "get /api/v1/places/{id}" → the route's audience name.
std::map<std::string, std::string> Declared(const http::Router& router) {
  std::map<std::string, std::string> out;
  for (const auto& route : router.routes())
    out[Lower(http::MethodName(route.method)) + " " + route.pattern] = std::string(route.options.audience);
  return out;
}

std::string AuthorizationTable(const http::Router& router) {
  std::ostringstream out;
  out << "# Who may call what\n\n"
         "Written by `YOUHAO_WRITE_AUTHORIZATION=1 build/src/youhao_api_test --gtest_filter=RouteTable.*` from\n"
         "the route declarations (`Declare` in `src/api/*_handlers.cpp`); the test fails when this file and\n"
         "the declarations differ. A ✓ means the role passes the route's door: a role without one is\n"
         "refused with 403 `forbidden` before any input is read. Past the door, each capability's policy\n"
         "still checks scope and ownership (an officer sees their own area, a keeper their own station).\n\n"
         "## Audiences\n\n| Audience | Who | Roles |\n|---|---|---|\n";
  for (const accounts::Audience* audience : accounts::audience::All()) {
    std::string roles;
    switch (audience->sign_in) {
      case accounts::SignIn::kNever:
        roles = "no sign-in";
        break;
      case accounts::SignIn::kOptional:
        roles = "no sign-in needed; a session is read when sent";
        break;
      case accounts::SignIn::kApiKey:
        roles = "no session: an Open311 `api_key`";
        break;
      case accounts::SignIn::kRequired:
        for (accounts::Role role : audience->AdmittedRoles()) {
          if (!roles.empty()) roles += ", ";
          roles += std::string(accounts::RoleName(role));
        }
        break;
    }
    out << "| `" << audience->name << "` | " << audience->summary << " | " << roles << " |\n";
  }
  out << "\n## Routes\n\nColumns: anonymous, then each role.\n\n| Route | Audience | anon";
  for (accounts::Role role : EveryRole()) out << " | " << accounts::RoleName(role);
  out << " |\n|---|---|---";
  for (std::size_t i = 0; i < EveryRole().size(); ++i) out << "|---";
  out << "|\n";
  // By path, then method, as a reader looks a route up.
  std::map<std::pair<std::string, std::string>, const accounts::Audience*> rows;
  for (const auto& route : router.routes()) {
    const accounts::Audience* audience = accounts::audience::Find(route.options.audience);
    if (audience != nullptr) rows[{route.pattern, std::string(http::MethodName(route.method))}] = audience;
  }
  for (const auto& [route, audience] : rows) {
    const bool anonymous = audience->sign_in != accounts::SignIn::kRequired;
    out << "| `" << route.second << " " << route.first << "` | `" << audience->name << "` | "
        << (anonymous ? "✓" : "·");
    for (accounts::Role role : EveryRole()) out << " | " << (audience->Admits(role) ? "✓" : "·");
    out << " |\n";
  }
  return out.str();
}

TEST_F(RouteTable, EveryRouteIsDeclaredWithAKnownAudience) {
  ASSERT_GT(router_.routes().size(), 50U);
  for (const auto& route : router_.routes()) {
    EXPECT_FALSE(route.options.audience.empty()) << "not declared: " << route.pattern;
    EXPECT_NE(accounts::audience::Find(route.options.audience), nullptr) << route.pattern;
  }
}

TEST_F(RouteTable, OpenApiDocumentsEveryRouteWithItsAudience) {
  const auto document = boost::json::parse(OpenApiDocument()).as_object();
  EXPECT_EQ(document.at("openapi").as_string().subview().substr(0, 4), "3.1.");
  const auto declared = Declared(router_);
  std::set<std::string> documented;
  for (const auto& [route_path, operations] : document.at("paths").as_object()) {
    for (const auto& [method, operation] : operations.as_object()) {
      if (method == "parameters" || method == "summary" || method == "description") continue;
      const std::string key = std::string(method) + " " + std::string(route_path);
      documented.insert(key);
      const auto* audience = operation.as_object().if_contains("x-audience");
      ASSERT_NE(audience, nullptr) << key << " has no x-audience";
      auto found = declared.find(key);
      if (found != declared.end()) {
        EXPECT_EQ(audience->as_string(), found->second) << key;
      }
      // A route that needs a session says so in `security`; an open one offers the empty alternative.
      const auto* security = operation.as_object().if_contains("security");
      ASSERT_NE(security, nullptr) << key;
      bool open = security->as_array().empty();
      for (const auto& alternative : security->as_array()) open = open || alternative.as_object().empty();
      const auto* known = accounts::audience::Find(audience->as_string());
      ASSERT_NE(known, nullptr) << key;
      EXPECT_EQ(open, known->sign_in != accounts::SignIn::kRequired) << key << ": security disagrees with audience";
    }
  }
  for (const auto& [route, audience] : declared) EXPECT_TRUE(documented.contains(route)) << "undocumented: " << route;
  for (const auto& operation : documented)
    EXPECT_TRUE(declared.contains(operation)) << "documented but not routed: " << operation;

  const auto& audiences = document.at("x-audiences").as_object();
  EXPECT_EQ(audiences.size(), accounts::audience::All().size());
  for (const accounts::Audience* audience : accounts::audience::All()) {
    const auto* entry = audiences.if_contains(audience->name);
    ASSERT_NE(entry, nullptr) << audience->name;
    std::vector<std::string> roles;
    for (accounts::Role role : audience->AdmittedRoles()) roles.emplace_back(accounts::RoleName(role));
    if (audience->sign_in != accounts::SignIn::kRequired) roles.clear();
    std::vector<std::string> listed;
    for (const auto& role : entry->as_object().at("roles").as_array()) listed.emplace_back(role.as_string());
    EXPECT_EQ(listed, roles) << audience->name;
  }
}

TEST_F(RouteTable, AuthorizationTableMatchesTheDeclarations) {
  const std::string expected = AuthorizationTable(router_);
  const std::filesystem::path file = std::filesystem::path(YOUHAO_SOURCE_DIR) / "docs" / "authorization.md";
  if (std::getenv("YOUHAO_WRITE_AUTHORIZATION") != nullptr) {
    std::ofstream(file) << expected;
  }
  std::ifstream in(file);
  std::stringstream committed;
  committed << in.rdbuf();
  EXPECT_EQ(committed.str(), expected) << "docs/authorization.md is stale: regenerate it as its first line says";
}

}  // namespace
}  // namespace youhao::api
