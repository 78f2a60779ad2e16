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

const accounts::Principal kReporter = Person(1, "13800000001", Role::kWorker, "110108011001", kKeyuan);
const accounts::Principal kOtherWorker = Person(2, "13800000002", Role::kWorker, "110108011001", kKeyuan);
const accounts::Principal kKeeper = Person(70, "keeper", Role::kStationKeeper, "110108011001", kKeyuan);
const accounts::Principal kOtherKeeper = Person(71, "keeper2", Role::kStationKeeper, "110108011001", kKeyuan);
const accounts::Principal kProperty =
    Person(80, "property", Role::kPropertyManager, "110108011001001", std::string(kKeyuan) + "110108011001001/");
const accounts::Principal kGrid = Person(90, "grid", Role::kGridOfficer, "110108011001", kKeyuan);
const accounts::Principal kOtherGrid = Person(91, "grid2", Role::kGridOfficer, "110108011002", kOther);
const accounts::Principal kCommunity = Person(92, "community", Role::kCommunityOfficer, "110108011001", kKeyuan);
const accounts::Principal kStreetOfficer = Person(93, "street", Role::kStreetOfficer, "110108011", kStreet);
const accounts::Principal kGuard =
    Person(94, "guard", Role::kGuard, "110108011001001", std::string(kKeyuan) + "110108011001001/");

Report RoutedToStation(Category category = Category::kHazard) {
  Report report;
  report.id = 5;
  report.category = category;
  report.area_code = "110108011001";
  report.area_path = kKeyuan;
  report.reporter_account_id = kReporter.account_id;
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
      {"the reporter, submitted", &kReporter, Status::kSubmitted, ""},
      {"the routed keeper, submitted", &kKeeper, Status::kSubmitted, "accept,dispatch,start,close"},
      {"another keeper", &kOtherKeeper, Status::kSubmitted, ""},
      {"the community's grid officer: routed to a station", &kGrid, Status::kSubmitted, ""},
      {"the community officer steps in", &kCommunity, Status::kSubmitted, "accept,dispatch,start,close"},
      {"the street officer steps in", &kStreetOfficer, Status::kSubmitted, "accept,dispatch,start,close"},
      {"another community's grid officer", &kOtherGrid, Status::kSubmitted, ""},
      {"a guard", &kGuard, Status::kSubmitted, ""},
      {"the reporter, resolved", &kReporter, Status::kResolved, "confirm,reopen"},
      {"another worker, resolved", &kOtherWorker, Status::kResolved, ""},
      {"the keeper, confirmed", &kKeeper, Status::kConfirmed, ""},
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
  EXPECT_TRUE(MayAccept(to_community, kGrid));
  EXPECT_FALSE(MayAccept(to_community, kOtherGrid));
  EXPECT_FALSE(MayAccept(to_community, kKeeper));

  Report to_property = RoutedToStation();
  to_property.acceptor = Acceptor{.kind = AcceptorKind::kProperty, .code = "110108011001001"};
  EXPECT_TRUE(MayAccept(to_property, kProperty));
  EXPECT_FALSE(MayAccept(to_property, kKeeper));
  EXPECT_TRUE(RoutedToThem(to_property, kProperty));

  Report before_rules = RoutedToStation();
  before_rules.acceptor.reset();
  EXPECT_TRUE(MayAccept(before_rules, kKeeper));  // any staff in scope
  EXPECT_TRUE(MayAccept(before_rules, kGrid));

  // Whoever took it up keeps it when the rules change.
  Report taken = RoutedToStation();
  taken.status = Status::kAccepted;
  taken.handler_login = "keeper2";
  EXPECT_EQ(Names(Allowed(taken, kOtherKeeper)), "dispatch,start,close");
  // The assignee handles a dispatched report.
  Report dispatched = RoutedToStation();
  dispatched.status = Status::kDispatched;
  dispatched.assignee_kind = "officer";
  dispatched.assignee = "grid2";
  EXPECT_EQ(Names(Allowed(dispatched, kOtherGrid)), "start");  // closing stays with the accepting party
}

TEST(ReportPolicy, WhoSeesAReport) {
  const Report hazard = RoutedToStation();
  EXPECT_EQ(SightOf(hazard, nullptr), Sight::kVisible);
  EXPECT_EQ(SightOf(hazard, &kReporter), Sight::kVisible);
  EXPECT_EQ(SightOf(hazard, &kOtherWorker), Sight::kHidden);
  EXPECT_EQ(SightOf(hazard, &kKeeper), Sight::kVisible);
  EXPECT_EQ(SightOf(hazard, &kOtherGrid), Sight::kHidden);
  EXPECT_EQ(SightOf(hazard, &kGuard), Sight::kHidden);

  const Report welfare = RoutedToStation(Category::kWelfare);
  EXPECT_EQ(SightOf(welfare, nullptr), Sight::kHidden);  // never public, never in Open311
  EXPECT_EQ(SightOf(welfare, &kReporter), Sight::kVisible);
  EXPECT_EQ(SightOf(welfare, &kGrid), Sight::kVisible);
  EXPECT_EQ(SightOf(welfare, &kKeeper), Sight::kPrivate);  // their business, not their role's to read
  EXPECT_EQ(SightError(Sight::kPrivate).code, core::ErrorCode::kForbidden);
  EXPECT_EQ(SightError(Sight::kHidden).code, core::ErrorCode::kNotFound);
  EXPECT_EQ(Names(Allowed(welfare, kKeeper)), "");
}

TEST(ReportPolicy, WhoSeesAPhoto) {
  const Report hazard = RoutedToStation();
  const Report welfare = RoutedToStation(Category::kWelfare);
  const std::optional<long long> by_reporter = kReporter.account_id;
  struct Case {
    const Report* report;
    std::optional<long long> uploader;
    const accounts::Principal* caller;
    PhotoSight expected;
    const char* why;
  };
  const Case cases[] = {
      {nullptr, by_reporter, &kReporter, PhotoSight::kPrivate, "an upload not yet sent: its uploader's alone"},
      {nullptr, by_reporter, nullptr, PhotoSight::kHidden, "an upload not yet sent, without a session"},
      {nullptr, by_reporter, &kOtherWorker, PhotoSight::kHidden, "an upload not yet sent, another worker"},
      {nullptr, by_reporter, &kCommunity, PhotoSight::kHidden, "an upload not yet sent, staff in scope"},
      {nullptr, std::nullopt, &kReporter, PhotoSight::kHidden, "an organisation's upload has no account"},
      {&hazard, by_reporter, nullptr, PhotoSight::kPublic, "a public report's photo, anyone"},
      {&hazard, by_reporter, &kOtherWorker, PhotoSight::kPublic, "a public report's photo, whoever asks"},
      {&hazard, by_reporter, &kKeeper, PhotoSight::kPublic, "a public report's photo, its station"},
      {&welfare, by_reporter, nullptr, PhotoSight::kHidden, "a welfare report's photo, without a session"},
      {&welfare, by_reporter, &kOtherWorker, PhotoSight::kHidden, "a welfare report's photo, another worker"},
      {&welfare, by_reporter, &kOtherGrid, PhotoSight::kHidden, "a welfare report's photo, out of scope"},
      {&welfare, by_reporter, &kKeeper, PhotoSight::kHidden, "a welfare report's photo, a role that may not read it"},
      {&welfare, by_reporter, &kReporter, PhotoSight::kPrivate, "a welfare report's photo, its reporter"},
      {&welfare, by_reporter, &kGrid, PhotoSight::kPrivate, "a welfare report's photo, its grid officer"},
      {&welfare, by_reporter, &kCommunity, PhotoSight::kPrivate, "a welfare report's photo, its community officer"},
  };
  for (const Case& c : cases) EXPECT_EQ(PhotoSightOf(c.report, c.uploader, c.caller), c.expected) << c.why;
}

TEST(ReportPolicy, QueuesByRole) {
  auto mine = QueueFor(kReporter, false);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->reporter_account_id, kReporter.account_id);
  EXPECT_TRUE(mine->include_private);

  auto keeper = QueueFor(kKeeper, false);
  EXPECT_EQ(keeper->routed_to_account, 70);
  EXPECT_EQ(keeper->taken_up_by, "keeper");
  EXPECT_FALSE(keeper->include_private);

  auto property = QueueFor(kProperty, false);
  EXPECT_EQ(property->routed_to_compound, "110108011001001");

  auto grid = QueueFor(kGrid, false);
  EXPECT_TRUE(grid->by_area);
  EXPECT_TRUE(grid->include_private);
  EXPECT_TRUE(QueueFor(kStreetOfficer, false)->by_area);
  EXPECT_EQ(QueueFor(kGrid, true)->reporter_account_id, kGrid.account_id);

  EXPECT_EQ(QueueFor(kGuard, false).error().code, core::ErrorCode::kForbidden);
}

}  // namespace
}  // namespace youhao::reports
