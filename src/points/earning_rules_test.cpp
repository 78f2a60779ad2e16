#include "points/earning_rules.h"

#include <gtest/gtest.h>

#include <string>

#include "points/points_service.h"
#include "schedule/clock.h"
#include "storage/test_databases.h"

namespace youhao::points {
namespace {

constexpr long long kNow = 1'765'000'000;  // 2025-12-06, Beijing afternoon
constexpr long long kDay = 86'400;

// The areas of these tests: district ER with its streets ER-S1 (and its community ER-S1-C) and
// ER-S2; EX is another district.
class EarningRulesTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::OpenMigratedTestDatabase(GetParam());
    rules_ = std::make_unique<EarningRuleService>(*database_);
    expiry_ = std::make_unique<PointsExpiry>(*database_);
    auto c = database_->Acquire();
    c->Execute("DELETE FROM points_earning_rules WHERE area_code <> 'city'");
    c->Execute("DELETE FROM points_expiry_reminders");
    c->Execute("DELETE FROM notifications WHERE kind = 'points_expiring'");
    c->Execute("DELETE FROM points_redemptions");
    c->Execute("DELETE FROM points_transfers");
    c->Execute(
        "DELETE FROM points_accounts WHERE kind IN ('worker', 'merchant', 'hold') OR (kind = 'pool' AND owner_ref <> "
        "'city')");
    c->Execute("UPDATE points_accounts SET balance = 0");
    // The city defaults, as migration 17 seeds them.
    c->Execute(
        "UPDATE points_earning_rules SET points = 10, daily_cap = 50, monthly_cap = 300, active = 1 WHERE area_code = "
        "'city' AND trigger_kind = 'report_confirmed'");
    for (const auto& [code, path] :
         {std::pair{"ER", "ER/"}, std::pair{"ER-S1", "ER/ER-S1/"}, std::pair{"ER-S1-C", "ER/ER-S1/ER-S1-C/"},
          std::pair{"ER-S2", "ER/ER-S2/"}, std::pair{"EX", "EX/"}}) {
      c->Execute(
          "INSERT INTO areas (code, level, name_zh, name_en, path) VALUES (?, 'street', ?, ?, ?) ON CONFLICT DO "
          "NOTHING",
          {std::string(code), std::string(code), std::string(code), std::string(path)});
    }
    issuer_ = Ledger::Find(*c, AccountKind::kIssuer, "city")->id;
    pool_ = Ledger::Find(*c, AccountKind::kPool, "city")->id;
    Fund(pool_, 10'000, "fund-1");
  }

  void TearDown() override {
    auto c = database_->Acquire();
    const Conservation sums = Ledger::Check(*c);
    EXPECT_TRUE(sums.Holds()) << "issued " << sums.issued << " = pools " << sums.pools << " + workers " << sums.workers
                              << " + held " << sums.held << " + spent " << sums.spent << " + expired " << sums.expired;
    EXPECT_EQ(Ledger::BalancesOffTheirTransfers(*c), 0);
    // Rules naming pools the next test removes go first.
    c->Execute("DELETE FROM points_earning_rules WHERE area_code <> 'city'");
  }

  void Fund(long long pool, long long amount, const std::string& client_id) {
    auto c = database_->Acquire();
    ASSERT_TRUE(
        Ledger::Move(*c, {issuer_, pool, amount, TransferKind::kFund, "test", client_id, "tester", {}, 0}).ok());
  }

  EarnResult Earn(EarningTrigger trigger, long long worker, const std::string& area, const std::string& reference,
                  long long at = kNow) {
    auto c = database_->Acquire();
    storage::Transaction transaction(*c);
    EarnResult result = EarningRuleRepository::EarnByRule(*c, trigger, worker, area, reference, at);
    transaction.Commit();
    return result;
  }

  long long Balance(long long worker) {
    auto c = database_->Acquire();
    const auto account = Ledger::Find(*c, AccountKind::kWorker, WorkerOwnerRef(worker));
    return account ? account->balance : 0;
  }

  static accounts::Principal Officer(accounts::Role role, const std::string& code, const std::string& path) {
    accounts::Principal who;
    who.account_id = 1;
    who.login = "er-" + code;
    who.role = role;
    who.area_code = code;
    who.area_path = path;
    return who;
  }

  static RuleInput Pays(long long points, std::optional<long long> daily = std::nullopt,
                        std::optional<long long> monthly = std::nullopt) {
    RuleInput input;
    input.points = points;
    input.daily_cap = daily;
    input.monthly_cap = monthly;
    return input;
  }

  const RuleInForce& Line(const RuleList& list, EarningTrigger trigger) {
    for (const auto& line : list.rules)
      if (line.trigger == trigger) return line;
    ADD_FAILURE() << "no line for " << EarningTriggerName(trigger);
    return list.rules.front();
  }

  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<EarningRuleService> rules_;
  std::unique_ptr<PointsExpiry> expiry_;
  long long issuer_ = 0, pool_ = 0;
};

TEST_P(EarningRulesTest, TheMostSpecificRulePaysFromItsPoolOnce) {
  const auto street = Officer(accounts::Role::kStreetOfficer, "ER-S1", "ER/ER-S1/");
  long long sponsor_pool = 0;
  {
    auto c = database_->Acquire();
    sponsor_pool = Ledger::Ensure(*c, AccountKind::kPool, "sponsor:er", "er", 0).id;
  }
  Fund(sponsor_pool, 100, "fund-er");
  RuleInput input = Pays(15, 60, 300);
  input.pool_id = sponsor_pool;
  ASSERT_TRUE(rules_->Set(street, EarningTrigger::kReportConfirmed, std::nullopt, input, kNow).ok());

  EXPECT_EQ(Earn(EarningTrigger::kReportConfirmed, 801, "ER-S1-C", "1").paid, 15) << "the street's, below it";
  EXPECT_EQ(Earn(EarningTrigger::kReportConfirmed, 802, "ER-S2", "2").paid, 10) << "the city's, beside it";
  EXPECT_EQ(Earn(EarningTrigger::kReportConfirmed, 803, "", "3").paid, 10) << "no area: the city's";
  auto again = Earn(EarningTrigger::kReportConfirmed, 801, "ER-S1-C", "1");
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(Balance(801), 15);
  auto c = database_->Acquire();
  EXPECT_EQ(Ledger::ById(*c, sponsor_pool)->balance, 85);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM points_transfers WHERE client_id = 'report_confirmed:1' AND reason = "
                        "'report_confirmed'"),
            1);
}

TEST_P(EarningRulesTest, CapsStopPayingAtTheDaysLimitAndPayTheRemainder) {
  for (int i = 1; i <= 5; ++i) {
    const auto paid = Earn(EarningTrigger::kReportConfirmed, 811, "ER-S2", std::to_string(i));
    EXPECT_EQ(paid.paid, 10) << i;
    EXPECT_FALSE(paid.capped) << i;
  }
  const auto sixth = Earn(EarningTrigger::kReportConfirmed, 811, "ER-S2", "6");
  EXPECT_EQ(sixth.paid, 0);
  EXPECT_TRUE(sixth.capped);
  EXPECT_EQ(sixth.refused, "capped");
  EXPECT_EQ(Balance(811), 50);
  // Tomorrow (Beijing) the day's cap starts again; other triggers count apart.
  EXPECT_EQ(Earn(EarningTrigger::kReportConfirmed, 811, "ER-S2", "7", kNow + kDay).paid, 10);
  EXPECT_EQ(Earn(EarningTrigger::kEventAttended, 811, "ER-S2", "e1").paid, 20);
  // A district cap of 25 a day pays the remainder.
  const auto district = Officer(accounts::Role::kDistrictOfficer, "ER", "ER/");
  ASSERT_TRUE(rules_->Set(district, EarningTrigger::kVolunteerHour, std::nullopt, Pays(10, 25), kNow).ok());
  EXPECT_EQ(Earn(EarningTrigger::kVolunteerHour, 812, "ER-S2", "v1").paid, 10);
  EXPECT_EQ(Earn(EarningTrigger::kVolunteerHour, 812, "ER-S2", "v2").paid, 10);
  const auto third = Earn(EarningTrigger::kVolunteerHour, 812, "ER-S2", "v3");
  EXPECT_EQ(third.paid, 5);
  EXPECT_TRUE(third.capped);
  EXPECT_EQ(Earn(EarningTrigger::kVolunteerHour, 812, "ER-S2", "v4").paid, 0);
  EXPECT_EQ(Balance(812), 25);
}

TEST_P(EarningRulesTest, AnInactiveOverrideOrAnEmptyPoolPaysNothing) {
  const auto street = Officer(accounts::Role::kStreetOfficer, "ER-S2", "ER/ER-S2/");
  RuleInput off = Pays(10);
  off.active = false;
  ASSERT_TRUE(rules_->Set(street, EarningTrigger::kTrainingFinished, std::nullopt, off, kNow).ok());
  EXPECT_EQ(Earn(EarningTrigger::kTrainingFinished, 821, "ER-S2", "t1").refused, "inactive");
  EXPECT_EQ(Earn(EarningTrigger::kTrainingFinished, 821, "ER-S1", "t1").paid, 30);
  long long empty_pool = 0;
  {
    auto c = database_->Acquire();
    empty_pool = Ledger::Ensure(*c, AccountKind::kPool, "sponsor:er-empty", "empty", 0).id;
  }
  RuleInput from_empty = Pays(10);
  from_empty.pool_id = empty_pool;
  ASSERT_TRUE(rules_->Set(street, EarningTrigger::kHonour, std::nullopt, from_empty, kNow).ok());
  const auto unpaid = Earn(EarningTrigger::kHonour, 821, "ER-S2", "h1");
  EXPECT_EQ(unpaid.paid, 0);
  EXPECT_EQ(unpaid.refused, "pool_empty");
  auto c = database_->Acquire();
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM points_transfers WHERE client_id = 'honour:h1'"), 0);
}

TEST_P(EarningRulesTest, OfficersSetRulesForTheirAreaAndBelowAndEveryChangeIsAudited) {
  const auto street = Officer(accounts::Role::kStreetOfficer, "ER-S1", "ER/ER-S1/");
  const auto city = Officer(accounts::Role::kCityOfficer, "CITY", "CITY/");
  const auto audited = [&] {
    auto c = database_->Acquire();
    return c->QueryInt("SELECT COUNT(*) FROM audit_log WHERE entity = 'points_earning_rules'");
  };
  const long long audited_before = audited();
  auto set = rules_->Set(street, EarningTrigger::kReportConfirmed, std::nullopt, Pays(15), kNow);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->area_code, "ER-S1");
  EXPECT_TRUE(Line(*set, EarningTrigger::kReportConfirmed).own);
  EXPECT_EQ(Line(*set, EarningTrigger::kReportConfirmed).rule->points, 15);
  EXPECT_EQ(Line(*set, EarningTrigger::kReportConfirmed).rule->pool_account_id, pool_) << "the inherited pool";
  EXPECT_EQ(Line(*set, EarningTrigger::kEventAttended).from_area_code, "city");
  EXPECT_FALSE(Line(*set, EarningTrigger::kEventAttended).own);
  // Below their area, yes; beside it, above it or the city's defaults, no.
  EXPECT_TRUE(rules_->Set(street, EarningTrigger::kHonour, "ER-S1-C", Pays(50), kNow).ok());
  for (const std::string area : {"ER-S2", "ER", "EX", "city"}) {
    auto refused = rules_->Set(street, EarningTrigger::kHonour, area, Pays(50), kNow);
    ASSERT_FALSE(refused.ok()) << area;
    EXPECT_EQ(refused.error().code, core::ErrorCode::kForbidden) << area;
  }
  EXPECT_EQ(rules_->Set(street, EarningTrigger::kHonour, "NOPE", Pays(50), kNow).error().code,
            core::ErrorCode::kNotFound);
  const auto grid = Officer(accounts::Role::kGridOfficer, "ER-S1", "ER/ER-S1/");
  EXPECT_EQ(rules_->Set(grid, EarningTrigger::kHonour, std::nullopt, Pays(50), kNow).error().code,
            core::ErrorCode::kForbidden);
  EXPECT_TRUE(rules_->List(grid, std::nullopt).ok()) << "grid officers may read";
  EXPECT_EQ(rules_->Set(street, EarningTrigger::kHonour, std::nullopt, Pays(50, 100, 60), kNow).error().name,
            "bad_rule");
  // A city officer sets the default.
  auto defaults = rules_->Set(city, EarningTrigger::kGridMonth, std::nullopt, Pays(60, 60, 60), kNow);
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->area_code, "city");
  EXPECT_EQ(Line(*defaults, EarningTrigger::kGridMonth).rule->points, 60);
  // Removing an override brings back the parent's; the city's default stays.
  auto removed = rules_->Remove(street, EarningTrigger::kReportConfirmed, std::nullopt, kNow);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(Line(*removed, EarningTrigger::kReportConfirmed).from_area_code, "city");
  EXPECT_EQ(Line(*removed, EarningTrigger::kReportConfirmed).rule->points, 10);
  EXPECT_EQ(rules_->Remove(street, EarningTrigger::kReportConfirmed, std::nullopt, kNow).error().code,
            core::ErrorCode::kNotFound);
  EXPECT_EQ(rules_->Remove(city, EarningTrigger::kGridMonth, std::nullopt, kNow).error().name, "rule_city_default");
  EXPECT_EQ(audited() - audited_before, 4) << "three rules set, one removed; nothing for the refusals";
  auto c = database_->Acquire();
  c->Execute(
      "UPDATE points_earning_rules SET points = 50, daily_cap = 50, monthly_cap = 50 WHERE area_code = 'city' "
      "AND trigger_kind = 'grid_month'");
}

TEST_P(EarningRulesTest, ExpiryTakesTheOldestPointsFirstOncePerDay) {
  const long long worker = 831;
  long long account = 0, sink = 0;
  {
    auto c = database_->Acquire();
    account = Ledger::Ensure(*c, AccountKind::kWorker, WorkerOwnerRef(worker), "", 0).id;
    sink = Ledger::Find(*c, AccountKind::kSink, "expired")->id;
    const long long hold = Ledger::Ensure(*c, AccountKind::kHold, "redemption:er", "", 0).id;
    ASSERT_TRUE(
        Ledger::Move(*c, {pool_, account, 40, TransferKind::kAward, "old", "old", "t", {}, kNow - 400 * kDay}).ok());
    ASSERT_TRUE(
        Ledger::Move(*c, {pool_, account, 20, TransferKind::kAward, "new", "new", "t", {}, kNow - 10 * kDay}).ok());
    // 10 held for a redemption and 4 of them released: 6 of the old points are spent.
    ASSERT_TRUE(Ledger::Move(*c, {account, hold, 10, TransferKind::kHold, "h", "h", "t", {}, kNow - 5 * kDay}).ok());
    ASSERT_TRUE(Ledger::Move(*c, {hold, account, 4, TransferKind::kRelease, "r", "r", "t", {}, kNow - 4 * kDay}).ok());
  }
  EXPECT_EQ(expiry_->ExpireDue(kNow), 34);
  EXPECT_EQ(expiry_->ExpireDue(kNow), 0) << "a second run the same day";
  EXPECT_EQ(expiry_->ExpireDue(kNow + kDay), 0) << "nothing more is old enough";
  auto c = database_->Acquire();
  EXPECT_EQ(Ledger::ById(*c, account)->balance, 20);
  EXPECT_EQ(Ledger::ById(*c, sink)->balance, 34);
  const std::string client_id = "expire:831:" + schedule::BeijingDate(kNow);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM points_transfers WHERE kind = 'expire' AND client_id = ?", {client_id}),
            1);
  // The new points expire a year after they came.
  EXPECT_EQ(PointsExpiry::DueNow(*c, account, 20, kNow + 360 * kDay).points, 20);
}

TEST_P(EarningRulesTest, WorkersAreRemindedOnceAMonthThirtyDaysAhead) {
  long long sign_in = 0;
  {
    auto c = database_->Acquire();
    c->Execute(
        "INSERT INTO accounts (login, display_name, role, area_code, password_hash, disabled, created_at) VALUES "
        "('er-rider', 'er-rider', 'worker', 'ER-S1', 'x', 0, 0) ON CONFLICT DO NOTHING");
    sign_in = c->QueryInt("SELECT id FROM accounts WHERE login = 'er-rider'");
    const long long account = Ledger::Ensure(*c, AccountKind::kWorker, WorkerOwnerRef(sign_in), "", 0).id;
    ASSERT_TRUE(
        Ledger::Move(*c, {pool_, account, 25, TransferKind::kAward, "a", "a", "t", {}, kNow - 350 * kDay}).ok());
    ASSERT_TRUE(Ledger::Move(*c, {pool_, account, 5, TransferKind::kAward, "b", "b", "t", {}, kNow - 100 * kDay}).ok());
    const Expiring soon = PointsExpiry::DueSoon(*c, account, 30, kNow);
    EXPECT_EQ(soon.points, 25);
    EXPECT_EQ(soon.before, schedule::BeijingDate(kNow + 30 * kDay));
    EXPECT_EQ(PointsExpiry::DueNow(*c, account, 30, kNow).points, 0);
  }
  EXPECT_EQ(expiry_->RemindDue(kNow), std::vector<std::string>{"er-rider"});
  EXPECT_TRUE(expiry_->RemindDue(kNow + kDay).empty()) << "once a month";
  auto c = database_->Acquire();
  const auto notice =
      c->QueryOne("SELECT fields FROM notifications WHERE login = 'er-rider' AND kind = 'points_expiring'");
  ASSERT_TRUE(notice);
  EXPECT_NE(notice->Text(0).find("\"points\":25"), std::string::npos) << notice->Text(0);
}

TEST_P(EarningRulesTest, AConfirmedReportIsPaidByTheRuleOfItsArea) {
  auto c = database_->Acquire();
  // No report 9901: the city's rule; an award paid before the rules (award:report:ID) is not paid again.
  EXPECT_TRUE(PointsService::PayReportAward(*c, 841, 9901, kReportConfirmedPoints, kNow));
  EXPECT_EQ(Balance(841), 10);
  const long long account = Ledger::Find(*c, AccountKind::kWorker, WorkerOwnerRef(841))->id;
  ASSERT_TRUE(
      Ledger::Move(
          *c, {pool_, account, 10, TransferKind::kAward, "report_confirmed", "award:report:9902", "system", {}, kNow})
          .ok());
  EXPECT_TRUE(PointsService::PayReportAward(*c, 841, 9902, kReportConfirmedPoints, kNow));
  EXPECT_EQ(Balance(841), 20);
}

INSTANTIATE_TEST_SUITE_P(Backends, EarningRulesTest, ::testing::ValuesIn(storage::TestDatabaseUrls("earning_rules")),
                         [](const auto& test) { return storage::BackendName(test.param); });

}  // namespace
}  // namespace youhao::points
