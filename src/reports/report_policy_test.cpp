// Who sees and acts on a report, without a database. The people, in one street:
//
//   street 110108011 ─┬─ community 110108011001 (科源): grid officer, community officer,
//                     │     compound 110108011001001 (华清嘉园): property manager
//                     │     station 7: keeper #70, where the rules send the report
//                     └─ community 110108011002: another grid officer
#include "reports/report_policy.h"

#include <gtest/gtest.h>

namespace youhao::reports {
namespace {

using accounts::Role;

constexpr const char* kStreet = "110000/110108/110108011/";
constexpr const char* kKeyuan = "110000/110108/110108011/110108011001/";
constexpr const char* kOther = "110000/110108/110108011/110108011002/";

accounts::Principal Person(long long id, const std::string& login, Role role, const std::string& code,
                           const std::string& path) {
  return accounts::Principal{.account_id = id, .login = login, .role = role, .area_code = code, .area_path = path};
}

const accounts::Principal as_reporter = Person(1, "13800000001", Role::kWorker, "110108011001", kKeyuan);
const accounts::Principal as_other_worker = Person(2, "13800000002", Role::kWorker, "110108011001", kKeyuan);
const accounts::Principal as_keeper = Person(70, "keeper", Role::kStationKeeper, "110108011001", kKeyuan);
const accounts::Principal as_other_keeper = Person(71, "keeper2", Role::kStationKeeper, "110108011001", kKeyuan);
const accounts::Principal as_property =
    Person(80, "property", Role::kPropertyManager, "110108011001001", std::string(kKeyuan) + "110108011001001/");
const accounts::Principal as_grid = Person(90, "grid", Role::kGridOfficer, "110108011001", kKeyuan);
const accounts::Principal as_other_grid = Person(91, "grid2", Role::kGridOfficer, "110108011002", kOther);
const accounts::Principal as_community = Person(92, "community", Role::kCommunityOfficer, "110108011001", kKeyuan);
const accounts::Principal as_street_officer = Person(93, "street", Role::kStreetOfficer, "110108011", kStreet);
const accounts::Principal as_guard =
    Person(94, "guard", Role::kGuard, "110108011001001", std::string(kKeyuan) + "110108011001001/");

Report RoutedToStation(Category category = Category::kHazard) {
  Report report;
  report.id = 5;
  report.category = category;
  report.area_code = "110108011001";
  report.area_path = kKeyuan;
  report.reporter_account_id = as_reporter.account_id;
  report.acceptor = Acceptor{.kind = AcceptorKind::kNearestStation, .code = "7", .name = "驿站", .account_id = 70};
  return report;
}

std::string Names(const std::vector<Action>& actions) {
  std::string out;
  for (Action action : actions) out += std::string(out.empty() ? "" : ",") + std::string(ActionName(action));
  return out;
}

TEST(ReportPolicy, WhoMayActAtEachStep) {
  struct Row {
    const char* who;
    const accounts::Principal* caller;
    Status status;
    const char* expected;
  };
  const Row rows[] = {
      {"the reporter, submitted", &as_reporter, Status::kSubmitted, ""},
      {"the routed keeper, submitted", &as_keeper, Status::kSubmitted, "accept,dispatch,start,close"},
      {"another keeper", &as_other_keeper, Status::kSubmitted, ""},
      {"the community's grid officer: routed to a station", &as_grid, Status::kSubmitted, ""},
      {"the community officer steps in", &as_community, Status::kSubmitted, "accept,dispatch,start,close"},
      {"the street officer steps in", &as_street_officer, Status::kSubmitted, "accept,dispatch,start,close"},
      {"another community's grid officer", &as_other_grid, Status::kSubmitted, ""},
      {"a guard", &as_guard, Status::kSubmitted, ""},
      {"the reporter, resolved", &as_reporter, Status::kResolved, "confirm,reopen"},
      {"another worker, resolved", &as_other_worker, Status::kResolved, ""},
      {"the keeper, confirmed", &as_keeper, Status::kConfirmed, ""},
  };
  for (const Row& row : rows) {
    Report report = RoutedToStation();
    report.status = row.status;
    EXPECT_EQ(Names(Allowed(report, *row.caller)), row.expected) << row.who;
  }
}

TEST(ReportPolicy, RoutingDecidesWhoAccepts) {
  Report to_community = RoutedToStation();
  to_community.acceptor = Acceptor{.kind = AcceptorKind::kCommunity, .code = "110108011001"};
  EXPECT_TRUE(MayAccept(to_community, as_grid));
  EXPECT_FALSE(MayAccept(to_community, as_other_grid));
  EXPECT_FALSE(MayAccept(to_community, as_keeper));

  Report to_property = RoutedToStation();
  to_property.acceptor = Acceptor{.kind = AcceptorKind::kProperty, .code = "110108011001001"};
  EXPECT_TRUE(MayAccept(to_property, as_property));
  EXPECT_FALSE(MayAccept(to_property, as_keeper));
  EXPECT_TRUE(RoutedToThem(to_property, as_property));

  Report before_rules = RoutedToStation();
  before_rules.acceptor.reset();
  EXPECT_TRUE(MayAccept(before_rules, as_keeper));  // any staff in scope
  EXPECT_TRUE(MayAccept(before_rules, as_grid));

  // Whoever took it up keeps it when the rules change.
  Report taken = RoutedToStation();
  taken.status = Status::kAccepted;
  taken.handler_login = "keeper2";
  EXPECT_EQ(Names(Allowed(taken, as_other_keeper)), "dispatch,start,close");
  // The assignee handles a dispatched report.
  Report dispatched = RoutedToStation();
  dispatched.status = Status::kDispatched;
  dispatched.assignee_kind = "officer";
  dispatched.assignee = "grid2";
  EXPECT_EQ(Names(Allowed(dispatched, as_other_grid)), "start");  // closing stays with the accepting party
}

TEST(ReportPolicy, WhoSeesAReport) {
  const Report hazard = RoutedToStation();
  EXPECT_EQ(SightOf(hazard, nullptr), Sight::kVisible);
  EXPECT_EQ(SightOf(hazard, &as_reporter), Sight::kVisible);
  EXPECT_EQ(SightOf(hazard, &as_other_worker), Sight::kHidden);
  EXPECT_EQ(SightOf(hazard, &as_keeper), Sight::kVisible);
  EXPECT_EQ(SightOf(hazard, &as_other_grid), Sight::kHidden);
  EXPECT_EQ(SightOf(hazard, &as_guard), Sight::kHidden);

  const Report welfare = RoutedToStation(Category::kWelfare);
  EXPECT_EQ(SightOf(welfare, nullptr), Sight::kHidden);  // never public, never in Open311
  EXPECT_EQ(SightOf(welfare, &as_reporter), Sight::kVisible);
  EXPECT_EQ(SightOf(welfare, &as_grid), Sight::kVisible);
  EXPECT_EQ(SightOf(welfare, &as_keeper), Sight::kPrivate);  // their business, not their role's to read
  EXPECT_EQ(SightError(Sight::kPrivate).code, core::ErrorCode::kForbidden);
  EXPECT_EQ(SightError(Sight::kHidden).code, core::ErrorCode::kNotFound);
  EXPECT_EQ(Names(Allowed(welfare, as_keeper)), "");
}

TEST(ReportPolicy, WhoSeesAPhoto) {
  const Report hazard = RoutedToStation();
  const Report welfare = RoutedToStation(Category::kWelfare);
  const std::optional<long long> by_reporter = as_reporter.account_id;
  struct Case {
    const Report* report;
    std::optional<long long> uploader;
    const accounts::Principal* caller;
    PhotoSight expected;
    const char* why;
  };
  const Case cases[] = {
      {nullptr, by_reporter, &as_reporter, PhotoSight::kPrivate, "an upload not yet sent: its uploader's alone"},
      {nullptr, by_reporter, nullptr, PhotoSight::kHidden, "an upload not yet sent, without a session"},
      {nullptr, by_reporter, &as_other_worker, PhotoSight::kHidden, "an upload not yet sent, another worker"},
      {nullptr, by_reporter, &as_community, PhotoSight::kHidden, "an upload not yet sent, staff in scope"},
      {nullptr, std::nullopt, &as_reporter, PhotoSight::kHidden, "an organisation's upload has no account"},
      {&hazard, by_reporter, nullptr, PhotoSight::kPublic, "a public report's photo, anyone"},
      {&hazard, by_reporter, &as_other_worker, PhotoSight::kPublic, "a public report's photo, whoever asks"},
      {&hazard, by_reporter, &as_keeper, PhotoSight::kPublic, "a public report's photo, its station"},
      {&welfare, by_reporter, nullptr, PhotoSight::kHidden, "a welfare report's photo, without a session"},
      {&welfare, by_reporter, &as_other_worker, PhotoSight::kHidden, "a welfare report's photo, another worker"},
      {&welfare, by_reporter, &as_other_grid, PhotoSight::kHidden, "a welfare report's photo, out of scope"},
      {&welfare, by_reporter, &as_keeper, PhotoSight::kHidden, "a welfare report's photo, a role that may not read it"},
      {&welfare, by_reporter, &as_reporter, PhotoSight::kPrivate, "a welfare report's photo, its reporter"},
      {&welfare, by_reporter, &as_grid, PhotoSight::kPrivate, "a welfare report's photo, its grid officer"},
      {&welfare, by_reporter, &as_community, PhotoSight::kPrivate, "a welfare report's photo, its community officer"},
  };
  for (const Case& c : cases) EXPECT_EQ(PhotoSightOf(c.report, c.uploader, c.caller), c.expected) << c.why;
}

TEST(ReportPolicy, QueuesByRole) {
  auto mine = QueueFor(as_reporter, false);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->reporter_account_id, as_reporter.account_id);
  EXPECT_TRUE(mine->include_private);

  auto keeper = QueueFor(as_keeper, false);
  EXPECT_EQ(keeper->routed_to_account, 70);
  EXPECT_EQ(keeper->taken_up_by, "keeper");
  EXPECT_FALSE(keeper->include_private);

  auto property = QueueFor(as_property, false);
  EXPECT_EQ(property->routed_to_compound, "110108011001001");

  auto grid = QueueFor(as_grid, false);
  EXPECT_TRUE(grid->by_area);
  EXPECT_TRUE(grid->include_private);
  EXPECT_TRUE(QueueFor(as_street_officer, false)->by_area);
  EXPECT_EQ(QueueFor(as_grid, true)->reporter_account_id, as_grid.account_id);

  EXPECT_EQ(QueueFor(as_guard, false).error().code, core::ErrorCode::kForbidden);
}

}  // namespace
}  // namespace youhao::reports
