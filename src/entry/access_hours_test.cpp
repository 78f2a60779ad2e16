// Closed means closed: a compound's hours on public holidays and adjusted working days, hours that
// do not parse refused when saved and closed when found stored (on SQLite, and on PostgreSQL when
// YOUHAO_TEST_PG_URL is set).
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/keyring.h"
#include "entry/access_plan_service.h"
#include "schedule/clock.h"
#include "storage/test_databases.h"

namespace youhao::entry {
namespace {

long long Moment(std::string_view text) {
  const auto moment = schedule::ParseMoment(text);
  EXPECT_TRUE(moment.has_value()) << text;
  return moment.value_or(0);
}

schedule::HolidayCalendar RepositoryCalendar() {
  auto calendar = schedule::HolidayCalendar::LoadDirectory(std::string(YOUHAO_SOURCE_DIR) + "/data/holidays");
  EXPECT_TRUE(calendar.ok()) << (calendar.ok() ? "" : calendar.error().detail);
  return calendar.ok() ? std::move(*calendar) : schedule::HolidayCalendar{};
}

core::Result<AccessPlan> FromJson(std::string_view text) { return PlanFromJson(boost::json::parse(text).as_object()); }

TEST(AccessHours, ACompoundClosedOnPublicHolidaysOpensOnAnAdjustedWorkingSunday) {
  const schedule::HolidayCalendar calendar = RepositoryCalendar();
  auto plan = FromJson(R"({"mode":"pass","opening_hours":"Mo-Fr 08:00-20:00; PH off"})");
  ASSERT_TRUE(plan.ok()) << plan.error().detail;
  EXPECT_FALSE(OpenAt(*plan, Moment("2026-10-01T10:00:00+08:00"), calendar)) << "National Day";
  EXPECT_TRUE(OpenAt(*plan, Moment("2026-09-20T10:00:00+08:00"), calendar)) << "Sunday, a working day";
  EXPECT_FALSE(OpenAt(*plan, Moment("2026-09-13T10:00:00+08:00"), calendar)) << "an ordinary Sunday";
  EXPECT_FALSE(OpenAt(*plan, Moment("2026-09-20T21:00:00+08:00"), calendar)) << "after hours";
  // The fixed statutory days hold without any data loaded.
  EXPECT_FALSE(OpenAt(*plan, Moment("2026-10-01T10:00:00+08:00"), schedule::HolidayCalendar{}));
}

TEST(AccessHours, HoursThatDoNotParseAreClosed) {
  const schedule::HolidayCalendar calendar;
  AccessPlan plan;  // the default: 24/7, not parsed yet
  EXPECT_TRUE(OpenAt(plan, Moment("2026-10-01T03:00:00+08:00"), calendar));
  plan.opening_hours = "week 1-53";
  EXPECT_FALSE(OpenAt(plan, Moment("2026-10-01T03:00:00+08:00"), calendar));
  plan.opening_hours = "";
  EXPECT_FALSE(OpenAt(plan, Moment("2026-10-01T03:00:00+08:00"), calendar));
}

TEST(AccessHours, UnparsableHoursAreRefusedWhenSavedNamingTheFieldAndPosition) {
  auto plan = FromJson(R"({"mode":"pass","opening_hours":"Mo-Fr 08:00-20:00; Sa 9-12"})");
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code, core::ErrorCode::kValidationFailed);
  EXPECT_EQ(plan.error().message, "hours.time_format");
  EXPECT_EQ(plan.error().fields.at("field").as_string(), "opening_hours");
  EXPECT_EQ(plan.error().fields.at("position").as_int64(), 22);
  EXPECT_TRUE(FromJson(R"({"mode":"pass"})").ok()) << "no hours: open around the clock";
}

class StoredPlanTest : public ::testing::TestWithParam<std::string> {
 protected:
  static constexpr const char* kCodes = "('T-H1', 'T-H2', 'T-H3', 'T-H4')";

  void SetUp() override {
    database_ = storage::Database::Open(GetParam(), 2);
    auto c = database_->Acquire();
    storage::Migrate(*c);
    Clean(*c);
    for (const char* code : {"T-H1", "T-H2", "T-H3", "T-H4"}) {
      c->Execute("INSERT INTO areas (code, level, name_zh, name_en, path) VALUES (?, 'compound', ?, ?, ?)",
                 {std::string(code), std::string(code), std::string(code), std::string(code) + "/"});
    }
  }
  void TearDown() override {
    auto c = database_->Acquire();
    Clean(*c);
  }
  static void Clean(storage::Connection& c) {
    c.Execute(std::string("DELETE FROM access_plans WHERE compound_code IN ") + kCodes);
    c.Execute(std::string("DELETE FROM areas WHERE code IN ") + kCodes);
  }
  void Store(const std::string& code, const std::string& plan_json) {
    auto c = database_->Acquire();
    c->Execute(
        "INSERT INTO access_plans (compound_code, plan_json, version, updated_at, updated_by) VALUES (?, ?, 3, 0, "
        "'old-version')",
        {code, plan_json});
  }

  std::unique_ptr<storage::Database> database_;
  const core::Keyring keyring_ = core::Keyring::Ephemeral();
  const registry::PhoneVault phones_{keyring_};
};

TEST_P(StoredPlanTest, APlanWhoseHoursNoLongerParseIsClosedAndKeepsTheRest) {
  Store("T-H1", R"({"mode":"drop_off","opening_hours":"Mo-Fr 8-20","drop_off_points":[{"name":"北门外卖柜"}]})");
  Store("T-H2", "not a plan");
  Store("T-H3", R"({"mode":"teleport","opening_hours":"24/7"})");
  Store("T-H4", R"({"mode":"pass","opening_hours":"Mo-Su 00:00-24:00"})");
  areas::AreaService areas(*database_);
  AccessPlanService plans(*database_, areas, phones_);
  const long long noon = Moment("2026-09-22T12:00:00+08:00");

  const AccessPlan bad_hours = plans.Plan("T-H1");
  EXPECT_EQ(bad_hours.mode, passes::AccessMode::kDropOff) << "the rest of the plan still holds";
  ASSERT_EQ(bad_hours.drop_off_points.size(), 1u);
  EXPECT_EQ(bad_hours.drop_off_points[0].name, "北门外卖柜");
  EXPECT_EQ(bad_hours.opening_hours, "Mo-Fr 8-20") << "kept as stored, for staff to mend";
  EXPECT_EQ(bad_hours.version, 3);
  EXPECT_FALSE(OpenAt(bad_hours, noon, plans.Holidays()));
  const AccessSummary summary = plans.Summary("T-H1", noon);
  EXPECT_FALSE(summary.open_now);
  EXPECT_FALSE(summary.opening_hours_zh.has_value());
  EXPECT_FALSE(summary.always_open);

  EXPECT_FALSE(OpenAt(plans.Plan("T-H2"), noon, plans.Holidays())) << "a plan that is not JSON";
  const AccessPlan unknown_mode = plans.Plan("T-H3");
  EXPECT_FALSE(OpenAt(unknown_mode, noon, plans.Holidays())) << "a plan that does not read";
  EXPECT_EQ(unknown_mode.opening_hours, "off");

  EXPECT_TRUE(OpenAt(plans.Plan("T-H4"), noon, plans.Holidays())) << "a good plan";
  EXPECT_TRUE(plans.Summary("T-H4", noon).always_open);
}

TEST_P(StoredPlanTest, TheSummaryReadsTodayFromTheCalendar) {
  Store("T-H1", R"({"mode":"pass","opening_hours":"Mo-Fr 08:00-20:00; PH off"})");
  areas::AreaService areas(*database_);
  AccessPlanService plans(*database_, areas, phones_);
  const schedule::HolidayCalendar calendar = RepositoryCalendar();
  plans.UseHolidays(&calendar);
  const AccessSummary holiday = plans.Summary("T-H1", Moment("2026-10-01T10:00:00+08:00"));
  EXPECT_FALSE(holiday.open_now);
  EXPECT_EQ(holiday.today, schedule::DayKind::kHoliday);
  EXPECT_EQ(holiday.opening_hours_zh, "周一至周五 08:00-20:00；法定节假日不开放");
  const AccessSummary workday = plans.Summary("T-H1", Moment("2026-09-20T10:00:00+08:00"));
  EXPECT_TRUE(workday.open_now);
  EXPECT_EQ(workday.today, schedule::DayKind::kWorkday);
  const boost::json::object json = SummaryToJson(workday);
  EXPECT_EQ(json.at("mode").as_string(), "pass");
  EXPECT_EQ(json.at("today").as_string(), "workday");
  EXPECT_EQ(json.at("open_now").as_bool(), true);
  EXPECT_FALSE(json.contains("survey")) << "nothing of the survey or the agreement";
}

INSTANTIATE_TEST_SUITE_P(Backends, StoredPlanTest,
                         ::testing::ValuesIn(storage::TestDatabaseUrls("youhao_access_hours_test")),
                         [](const auto& backend) { return storage::BackendName(backend.param); });

}  // namespace
}  // namespace youhao::entry
