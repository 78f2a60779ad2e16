#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>

#include <unistd.h>

#include "geo/geo.h"
#include "reports/acceptance_rules.h"
#include "storage/database.h"

namespace youhao::reports {
namespace {

AcceptanceRule RuleAt(long long id, std::string path, std::optional<Category> category, AcceptorKind acceptor) {
  AcceptanceRule rule;
  rule.id = id;
  rule.area_path = std::move(path);
  rule.category = category;
  rule.acceptor = acceptor;
  return rule;
}

TEST(AcceptanceRules, TheDeepestAreaWinsThenTheCategoryOverEveryCategory) {
  const std::string district = "110000/110108/", street = district + "110108011/", community = street + "110108011001/";
  const std::vector<AcceptanceRule> rules = {
      RuleAt(1, district, Category::kFoodSafety, AcceptorKind::kCommunity),
      RuleAt(2, street, std::nullopt, AcceptorKind::kNearestStation),
      RuleAt(3, street, Category::kFireLane, AcceptorKind::kProperty),
      RuleAt(4, "110000/110105/", std::nullopt, AcceptorKind::kCommunity),  // another district
  };
  // The street's rule for every category is deeper than the district's food-safety rule.
  EXPECT_EQ(MostSpecificRule(rules, community, Category::kFoodSafety)->id, 2);
  // Within the street, the fire-lane rule beats the street's rule for every category.
  EXPECT_EQ(MostSpecificRule(rules, community, Category::kFireLane)->id, 3);
  EXPECT_EQ(MostSpecificRule(rules, street, Category::kHazard)->id, 2);
  // Elsewhere in the district only the district's rule applies, and only to its category.
  EXPECT_EQ(MostSpecificRule(rules, district + "110108099/", Category::kFoodSafety)->id, 1);
  EXPECT_EQ(MostSpecificRule(rules, district + "110108099/", Category::kHazard), nullptr);
  // A path that merely starts with the same digits is not inside.
  EXPECT_EQ(MostSpecificRule(rules, "110000/1101080/", Category::kFoodSafety), nullptr);
  EXPECT_EQ(MostSpecificRule({}, community, Category::kHazard), nullptr);
}

TEST(AcceptanceRules, DefaultsAndChecks) {
  EXPECT_EQ(DefaultRule(Category::kFireLane).acceptor, AcceptorKind::kNearestStation);
  EXPECT_EQ(DefaultRule(Category::kWelfare).acceptor, AcceptorKind::kCommunity);
  EXPECT_EQ(DefaultRule(Category::kHazard).radius_metres, kDefaultStationRadiusMetres);
  EXPECT_FALSE(CheckRule(Category::kWelfare, AcceptorKind::kNearestStation, 1000).ok());
  EXPECT_FALSE(CheckRule(Category::kWelfare, AcceptorKind::kProperty, 1000).ok());
  EXPECT_TRUE(CheckRule(Category::kWelfare, AcceptorKind::kCommunity, 1000).ok());
  EXPECT_TRUE(CheckRule(std::nullopt, AcceptorKind::kNearestStation, 100).ok());
  EXPECT_FALSE(CheckRule(std::nullopt, AcceptorKind::kNearestStation, 99).ok());
  EXPECT_FALSE(CheckRule(std::nullopt, AcceptorKind::kNearestStation, kMaxStationRadiusMetres + 1).ok());
  for (AcceptorKind kind : {AcceptorKind::kNearestStation, AcceptorKind::kCommunity, AcceptorKind::kProperty}) {
    EXPECT_EQ(ParseAcceptorKind(AcceptorKindName(kind)), kind);
  }
  EXPECT_FALSE(ParseAcceptorKind("station"));
}

TEST(AcceptanceRules, TheSearchBoxHoldsEveryPointWithinTheRadius) {
  const geo::LonLat centre{116.33, 39.99};
  const geo::BoundingBox box = geo::BoxAround(centre, 1000);
  for (int bearing = 0; bearing < 360; bearing += 15) {
    const double radians = bearing * 3.141592653589793 / 180;
    // Points about 990 m away in every direction, placed by the haversine distance itself.
    geo::LonLat point{centre.lon + std::sin(radians) * 0.0117, centre.lat + std::cos(radians) * 0.0089};
    const double metres = geo::DistanceMetres(centre, point);
    if (metres <= 1000) {
      EXPECT_TRUE(box.Contains(point)) << bearing << "° " << metres << " m";
    }
  }
  EXPECT_FALSE(box.Contains({centre.lon, centre.lat + 1010 / 111195.0}));
  EXPECT_TRUE(box.Contains({centre.lon, centre.lat + 990 / 111195.0}));
}

/// A community drawn in text, one character per 100 m (north up): A and B are staffed stations,
/// Z a station whose keeper's account is disabled, C a compound with a property manager, and the
/// digits where reports are made.
constexpr std::string_view kCommunityDrawing = R"(
. . . . . . . . . . . . . . .
. 1 A . . . . . . . B . . . .
. . . . . . . . . . . . . . .
. . . . . C 2 . . . . . . Z 3
. . . . . . . . . . . . . . .
. . . . . . . . . . . . . . .
. . . . . . . . . . . . . . .
. . . . . . . . . . . . . . .
. . . . . . . . . . . . . . .
. . . . . . . . . . . . . . .
. . . . . . . . . . . . . . .
. . . . . . . . . . . . . . .
. . . . . . . . . . . . . . 4
)";

class RoutingTest : public ::testing::Test {
 protected:
  static constexpr double kNorth = 39.99, kWest = 116.32;
  static constexpr double kMetresPerDegree = 111195.0;

  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() / ("youhao_routing_test_" + std::to_string(::getpid()) + ".db"))
                .string();
    std::filesystem::remove(path_);
    database_ = storage::Database::Open("sqlite:" + path_, 1);
    auto connection = database_->Acquire();
    storage::Migrate(*connection);
    std::istringstream lines{std::string(kCommunityDrawing)};
    std::string line;
    int row = -1;
    while (std::getline(lines, line)) {
      if (line.empty()) continue;
      ++row;
      for (std::size_t column = 0; column < line.size(); column += 2) {
        if (line[column] == '.') continue;
        const double lat = kNorth - row * 100 / kMetresPerDegree;
        const double lon = kWest + (column / 2) * 100 / (kMetresPerDegree * std::cos(kNorth * 3.141592653589793 / 180));
        spots_[line[column]] = {lat, lon};
      }
    }
    areas::Area area;
    std::string parent_path;
    for (auto [code, level] :
         std::vector<std::pair<std::string, areas::Level>>{{"110000", areas::Level::kCity},
                                                           {"110108", areas::Level::kDistrict},
                                                           {"110108011", areas::Level::kStreet},
                                                           {"110108011001", areas::Level::kCommunity}}) {
      area.parent_code = area.code.empty() ? std::nullopt : std::optional(area.code);
      area.code = code;
      area.level = level;
      area.name_zh = code == "110108011001" ? "科源社区" : code;
      area = areas::AreaService::Insert(*connection, area, parent_path);
      parent_path = area.path;
    }
    community_path_ = area.path;
    community_ = area;
    areas::Area compound;
    compound.code = "C1";
    compound.parent_code = "110108011001";
    compound.level = areas::Level::kCompound;
    compound.name_zh = "华清嘉园";
    compound.lat = spots_['C'].first;
    compound.lon = spots_['C'].second;
    areas::AreaService::Insert(*connection, compound, community_path_);
    const auto account = [&](const std::string& login, const std::string& role, const std::string& area_code,
                             bool disabled) {
      return connection
          ->QueryOne(
              "INSERT INTO accounts (login, display_name, role, area_code, password_hash, disabled, created_at) "
              "VALUES (?, ?, ?, ?, 'x', ?, 0) RETURNING id",
              {login, login, role, area_code, disabled ? 1LL : 0LL})
          ->Int(0);
    };
    const auto station = [&](char spot, const std::string& name, long long owner) {
      connection->Execute(
          "INSERT INTO places (kind, name, area_code, area_path, lat, lon, created_at, status, owner_account_id) "
          "VALUES ('station', ?, '110108011001', ?, ?, ?, 0, 'approved', ?)",
          {name, community_path_, spots_[spot].first, spots_[spot].second, owner});
    };
    station('A', "A 驿站", account("keeper-a", "station_keeper", "110108011001", false));
    station('B', "B 驿站", account("keeper-b", "station_keeper", "110108011001", false));
    station('Z', "Z 驿站", account("keeper-z", "station_keeper", "110108011001", true));
    account("property-c", "property_manager", "C1", false);
    account("property-c2", "property_manager", "C1", false);
    account("property-off", "property_manager", "C1", true);
  }

  void TearDown() override {
    database_.reset();
    std::filesystem::remove(path_);
  }

  Acceptor Route(Category category, char spot, std::optional<std::string> compound = std::nullopt) {
    auto connection = database_->Acquire();
    return router_.Route(*connection, category, spots_[spot].first, spots_[spot].second, community_, compound);
  }

  void AddRule(const std::string& area_code, const std::string& category, const std::string& acceptor,
               long long radius) {
    database_->Acquire()->Execute(
        "INSERT INTO acceptance_rules (area_code, area_path, category, acceptor, radius_metres, created_by, "
        "created_at) "
        "SELECT code, path, ?, ?, ?, 'test', 0 FROM areas WHERE code = ?",
        {category, acceptor, radius, area_code});
    router_.Invalidate();  // as AcceptanceRuleService does after a change
  }

  std::string path_;
  std::unique_ptr<storage::Database> database_;
  std::map<char, std::pair<double, double>> spots_;
  std::string community_path_;
  areas::Area community_;
  AcceptanceRouter router_;
};

TEST_F(RoutingTest, WithoutRulesTheNearestStaffedStationAcceptsWithinAKilometre) {
  const Acceptor at1 = Route(Category::kFireLane, '1');
  EXPECT_EQ(at1.kind, AcceptorKind::kNearestStation);
  EXPECT_EQ(at1.name, "A 驿站");
  EXPECT_EQ(at1.notify, std::vector<std::string>{"keeper-a"});
  EXPECT_FALSE(at1.rule_id);
  EXPECT_EQ(at1.why.at("because"), "default");
  EXPECT_EQ(at1.why.at("outcome"), "station");
  // Spot 3 is 100 m from Z, whose keeper is disabled, and 400 m from B.
  EXPECT_EQ(Route(Category::kHazard, '3').notify, std::vector<std::string>{"keeper-b"});
  // Spot 4 is over a kilometre from every station: the community accepts.
  const Acceptor at4 = Route(Category::kHazard, '4');
  EXPECT_EQ(at4.kind, AcceptorKind::kCommunity);
  EXPECT_EQ(at4.code, "110108011001");
  EXPECT_EQ(at4.name, "科源社区");
  EXPECT_FALSE(at4.account_id);
  EXPECT_EQ(at4.why.at("outcome"), "no_station");
  EXPECT_EQ(at4.why.at("radius"), 1000);
  // Welfare concerns never go to a station.
  const Acceptor welfare = Route(Category::kWelfare, '1');
  EXPECT_EQ(welfare.kind, AcceptorKind::kCommunity);
  EXPECT_EQ(welfare.why, (boost::json::object{{"because", "welfare"}, {"outcome", "welfare_only"}}));
  EXPECT_TRUE(welfare.notify.empty());
}

TEST_F(RoutingTest, RulesDecideByAreaAndCategory) {
  AddRule("110108", "food_safety", "community", 1000);
  AddRule("110108011", "*", "nearest_station", 300);
  AddRule("110108011001", "own_difficulty", "property", 1000);
  AddRule("110108", "welfare", "community", 1000);
  // The street's rule for every category outranks the district's food-safety rule.
  const Acceptor food = Route(Category::kFoodSafety, '1');
  EXPECT_EQ(food.kind, AcceptorKind::kNearestStation);
  EXPECT_TRUE(food.rule_id);
  // Within 300 m of spot 2 there is no staffed station (A is 400 m away).
  const Acceptor hazard = Route(Category::kHazard, '2');
  EXPECT_EQ(hazard.kind, AcceptorKind::kCommunity);
  EXPECT_EQ(hazard.why.at("outcome"), "no_station");
  EXPECT_EQ(hazard.why.at("radius"), 300);
  EXPECT_EQ(hazard.why.at("because"), "rule");
  EXPECT_EQ(hazard.why.at("category"), "*");
  // The compound's property company, when the report lies in a compound that has one.
  const Acceptor inside = Route(Category::kOwnDifficulty, '2', "C1");
  EXPECT_EQ(inside.kind, AcceptorKind::kProperty);
  EXPECT_EQ(inside.code, "C1");
  EXPECT_EQ(inside.notify, (std::vector<std::string>{"property-c", "property-c2"}));  // every manager is told
  EXPECT_EQ(inside.name, "华清嘉园物业");
  const Acceptor outside = Route(Category::kOwnDifficulty, '4');
  EXPECT_EQ(outside.kind, AcceptorKind::kCommunity);
  EXPECT_EQ(outside.why.at("outcome"), "outside_compound");
  // A rule for every category does not send a welfare concern to a station.
  database_->Acquire()->Execute("DELETE FROM acceptance_rules WHERE category = 'welfare'");
  router_.Invalidate();
  EXPECT_EQ(Route(Category::kWelfare, '1').kind, AcceptorKind::kCommunity);
}

TEST_F(RoutingTest, TheRouterReadsTheRulesAgainOnlyWhenToldOrAfterThirtySeconds) {
  EXPECT_EQ(Route(Category::kHazard, '1').kind, AcceptorKind::kNearestStation);
  // A rule written behind the router's back is not seen yet: routing reads no rules per report.
  database_->Acquire()->Execute(
      "INSERT INTO acceptance_rules (area_code, area_path, category, acceptor, radius_metres, created_by, created_at) "
      "SELECT code, path, 'hazard', 'community', 1000, 'test', 0 FROM areas WHERE code = '110108011001'");
  EXPECT_EQ(Route(Category::kHazard, '1').kind, AcceptorKind::kNearestStation);
  router_.Invalidate();
  EXPECT_EQ(Route(Category::kHazard, '1').kind, AcceptorKind::kCommunity);
}

}  // namespace
}  // namespace youhao::reports
