// The feeds and the personal tokens on SQLite and on PostgreSQL: which events an area's feed and
// a worker's feed carry, the 304 path, and tokens that are reset or revoked.
#include "calendar/calendar_service.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "areas/test_areas.h"
#include "storage/test_databases.h"

namespace youhao::calendar {
namespace {

constexpr long long kNow = 1'796'000'000;
constexpr long long kDay = 86'400;

int Count(const std::string& text, const std::string& needle) {
  int count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

class CalendarServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::OpenMigratedTestDatabase(GetParam());
    keyring_ = std::make_unique<core::Keyring>(core::Keyring::Ephemeral());
    feeds_ = std::make_unique<CalendarFeeds>(*database_, *keyring_);
    tokens_ = std::make_unique<CalendarTokens>(*database_, *keyring_);
    auto c = database_->Acquire();
    c->Execute("DELETE FROM calendar_tokens");
    c->Execute("DELETE FROM event_registrations WHERE event_id IN (SELECT id FROM events WHERE uid LIKE 'ct-%')");
    c->Execute("DELETE FROM events WHERE uid LIKE 'ct-%'");
    areas::TestArea(*c, "CT", "", "city", "日历市", "CT/");
    areas::TestArea(*c, "CT-D", "CT", "district", "日历区", "CT/CT-D/");
    areas::TestArea(*c, "CT-S", "CT-D", "street", "日历街道", "CT/CT-D/CT-S/");
    areas::TestArea(*c, "CT-C", "CT-S", "community", "日历社区", "CT/CT-D/CT-S/CT-C/");
    areas::TestArea(*c, "CT-O", "CT-D", "street", "别的街道", "CT/CT-D/CT-O/");
    worker_ = Account("ct-worker");
    other_ = Account("ct-other");
  }

  long long Account(const std::string& login) {
    auto c = database_->Acquire();
    c->Execute(
        "INSERT INTO accounts (login, display_name, role, area_code, password_hash, disabled, created_at) VALUES (?, "
        "?, 'worker', 'CT-C', 'x', 0, 0) ON CONFLICT DO NOTHING",
        {login, login});
    return c->QueryInt("SELECT id FROM accounts WHERE login = ?", {login});
  }

  long long Event(const std::string& uid, const std::string& title, const std::string& area, const std::string& path,
                  long long starts_at, const std::string& status = "scheduled") {
    auto c = database_->Acquire();
    c->Execute(
        "INSERT INTO events (uid, kind, title, description, organiser_kind, organiser_name, created_by, area_code, "
        "area_path, address, lat, lon, starts_at, ends_at, capacity, status, sequence, created_at, updated_at) "
        "VALUES (?, 'public_class', ?, '', 'union', '区总工会', ?, ?, ?, '中关村大街1号', 39.98, 116.31, ?, ?, 30, ?, "
        "0, ?, ?)",
        {uid, title, worker_, area, path, starts_at, starts_at + 7200, status, kNow - kDay, kNow - kDay});
    return c->QueryInt("SELECT id FROM events WHERE uid = ?", {uid});
  }

  void Register(long long event_id, long long account_id, const std::string& status,
                const std::string& cancelled_by = "") {
    auto c = database_->Acquire();
    c->Execute(
        "INSERT INTO event_registrations (event_id, account_id, status, registered_at, cancelled_by, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {event_id, account_id, status, kNow - kDay, cancelled_by, kNow - kDay});
  }

  areas::Area Area(const std::string& code, const std::string& path) {
    areas::Area area;
    area.code = code;
    area.path = path;
    return area;
  }

  FeedOptions Options() const { return {.calendar_name = "日历", .event_url_prefix = "https://y.example/#/events/"}; }

  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<core::Keyring> keyring_;
  std::unique_ptr<CalendarFeeds> feeds_;
  std::unique_ptr<CalendarTokens> tokens_;
  long long worker_ = 0;
  long long other_ = 0;
};

TEST_P(CalendarServiceTest, AnAreaFeedCarriesItsOwnInnerAndOuterAreasEventsInTheWindow) {
  Event("ct-street", "街道课堂", "CT-S", "CT/CT-D/CT-S/", kNow + kDay);
  const long long inner = Event("ct-community", "社区义诊", "CT-C", "CT/CT-D/CT-S/CT-C/", kNow + 2 * kDay);
  Event("ct-district", "区运动会", "CT-D", "CT/CT-D/", kNow + 3 * kDay);
  Event("ct-sibling", "别的街道的活动", "CT-O", "CT/CT-D/CT-O/", kNow + kDay);
  Event("ct-old", "很久以前", "CT-S", "CT/CT-D/CT-S/", kNow - 40 * kDay);
  Event("ct-far", "明年以后", "CT-S", "CT/CT-D/CT-S/", kNow + 400 * kDay);
  Event("ct-cancelled", "取消的电影之夜", "CT-S", "CT/CT-D/CT-S/", kNow + 5 * kDay, "cancelled");

  const auto answer = feeds_->AreaFeed(Area("CT-S", "CT/CT-D/CT-S/"), Options(), nullptr, kNow);
  EXPECT_FALSE(answer.not_modified);
  for (const char* uid : {"ct-street", "ct-community", "ct-district", "ct-cancelled"})
    EXPECT_NE(answer.body.find(std::string("UID:") + uid + "\r\n"), std::string::npos) << uid;
  for (const char* uid : {"ct-sibling", "ct-old", "ct-far"})
    EXPECT_EQ(answer.body.find(std::string("UID:") + uid + "\r\n"), std::string::npos) << uid;
  EXPECT_EQ(Count(answer.body, "BEGIN:VEVENT"), 4);
  EXPECT_EQ(Count(answer.body, "STATUS:CANCELLED"), 1);
  EXPECT_NE(answer.body.find("URL:https://y.example/#/events/" + std::to_string(inner) + "\r\n"), std::string::npos);
  EXPECT_NE(answer.body.find("LOCATION:中关村大街1号"), std::string::npos);
  EXPECT_NE(answer.body.find("X-WR-CALNAME:日历\r\n"), std::string::npos);
}

TEST_P(CalendarServiceTest, TheSameTagIsNotModifiedAndAChangeMakesANewTag) {
  const long long id = Event("ct-tagged", "课堂", "CT-S", "CT/CT-D/CT-S/", kNow + kDay);
  const auto area = Area("CT-S", "CT/CT-D/CT-S/");
  const auto first = feeds_->AreaFeed(area, Options(), nullptr, kNow);
  const auto again = feeds_->AreaFeed(
      area, Options(), [&](std::string_view etag) { return etag == first.etag; }, kNow);
  EXPECT_TRUE(again.not_modified);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.etag, first.etag);
  database_->Acquire()->Execute("UPDATE events SET sequence = sequence + 1, updated_at = ? WHERE id = ?", {kNow, id});
  const auto changed = feeds_->AreaFeed(
      area, Options(), [&](std::string_view etag) { return etag == first.etag; }, kNow);
  EXPECT_FALSE(changed.not_modified);
  EXPECT_NE(changed.etag, first.etag);
  EXPECT_NE(changed.body.find("SEQUENCE:1\r\n"), std::string::npos);
}

TEST_P(CalendarServiceTest, OneEventFeedOrNotFound) {
  const long long id = Event("ct-one", "骑手节", "CT-S", "CT/CT-D/CT-S/", kNow + kDay);
  const auto answer = feeds_->EventFeed(id, Options(), nullptr);
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ(Count(answer.value().body, "BEGIN:VEVENT"), 1);
  EXPECT_NE(answer.value().body.find("X-WR-CALNAME:骑手节\r\n"), std::string::npos);
  EXPECT_FALSE(feeds_->EventFeed(id + 100'000, Options(), nullptr).ok());
}

TEST_P(CalendarServiceTest, APersonalFeedShowsOnlyTheWorkersOwnRegistrations) {
  const long long confirmed = Event("ct-mine", "我报了名", "CT-S", "CT/CT-D/CT-S/", kNow + kDay);
  const long long waiting = Event("ct-waiting", "我在候补", "CT-S", "CT/CT-D/CT-S/", kNow + 2 * kDay);
  const long long called_off =
      Event("ct-called-off", "活动取消了", "CT-S", "CT/CT-D/CT-S/", kNow + 3 * kDay, "cancelled");
  const long long left = Event("ct-left", "我自己取消了", "CT-S", "CT/CT-D/CT-S/", kNow + 4 * kDay);
  const long long theirs = Event("ct-theirs", "别人的活动", "CT-S", "CT/CT-D/CT-S/", kNow + kDay);
  Register(confirmed, worker_, "confirmed");
  Register(waiting, worker_, "waiting");
  Register(called_off, worker_, "cancelled", "event");
  Register(left, worker_, "cancelled", "worker");
  Register(theirs, other_, "confirmed");

  const NewToken made = tokens_->Make(worker_, kNow);
  EXPECT_GE(made.token.size(), 32U);
  const auto feed = feeds_->PersonalFeed(made.token, Options(), nullptr, kNow);
  ASSERT_TRUE(feed.ok());
  const std::string& body = feed.value().body;
  EXPECT_EQ(Count(body, "BEGIN:VEVENT"), 3);
  EXPECT_NE(body.find("UID:ct-mine\r\n"), std::string::npos);
  EXPECT_NE(body.find("UID:ct-waiting\r\n"), std::string::npos);
  EXPECT_NE(body.find("UID:ct-called-off\r\n"), std::string::npos);
  EXPECT_EQ(body.find("UID:ct-left\r\n"), std::string::npos);
  EXPECT_EQ(body.find("UID:ct-theirs\r\n"), std::string::npos);
  EXPECT_EQ(Count(body, "STATUS:CONFIRMED"), 1);
  EXPECT_EQ(Count(body, "STATUS:TENTATIVE"), 1);
  EXPECT_EQ(Count(body, "STATUS:CANCELLED"), 1);

  // A change of the worker's registration changes the tag.
  database_->Acquire()->Execute(
      "UPDATE event_registrations SET status = 'confirmed', updated_at = ? WHERE event_id = ? AND account_id = ?",
      {kNow, waiting, worker_});
  const auto after = feeds_->PersonalFeed(made.token, Options(), nullptr, kNow);
  ASSERT_TRUE(after.ok());
  EXPECT_NE(after.value().etag, feed.value().etag);
  EXPECT_EQ(Count(after.value().body, "STATUS:CONFIRMED"), 2);
}

TEST_P(CalendarServiceTest, ResetAndRevokedTokensAreNotFound) {
  EXPECT_FALSE(tokens_->State(worker_).exists);
  const NewToken first = tokens_->Make(worker_, kNow);
  EXPECT_TRUE(tokens_->State(worker_).exists);
  EXPECT_EQ(tokens_->State(worker_).created_at, kNow);
  const NewToken second = tokens_->Make(worker_, kNow + 10);
  EXPECT_NE(first.token, second.token);
  EXPECT_EQ(tokens_->State(worker_).created_at, kNow + 10);
  EXPECT_FALSE(feeds_->PersonalFeed(first.token, Options(), nullptr, kNow).ok()) << "reset: the old link is dead";
  EXPECT_TRUE(feeds_->PersonalFeed(second.token, Options(), nullptr, kNow).ok());
  EXPECT_FALSE(feeds_->PersonalFeed("", Options(), nullptr, kNow).ok());
  EXPECT_FALSE(feeds_->PersonalFeed(second.token + "x", Options(), nullptr, kNow).ok());
  EXPECT_TRUE(tokens_->Revoke(worker_, kNow + 20));
  EXPECT_FALSE(tokens_->Revoke(worker_, kNow + 30));
  EXPECT_FALSE(tokens_->State(worker_).exists);
  EXPECT_FALSE(feeds_->PersonalFeed(second.token, Options(), nullptr, kNow).ok());
  // Only a keyed digest is stored, never the token.
  const auto stored = database_->Acquire()->Query("SELECT token_hash FROM calendar_tokens");
  ASSERT_EQ(stored.size(), 2U);
  for (const auto& row : stored) {
    EXPECT_NE(row.Text(0), first.token);
    EXPECT_NE(row.Text(0), second.token);
  }
}

TEST_P(CalendarServiceTest, ADisabledAccountsFeedIsNotFound) {
  const NewToken made = tokens_->Make(other_, kNow);
  ASSERT_TRUE(feeds_->PersonalFeed(made.token, Options(), nullptr, kNow).ok());
  database_->Acquire()->Execute("UPDATE accounts SET disabled = 1 WHERE id = ?", {other_});
  EXPECT_FALSE(feeds_->PersonalFeed(made.token, Options(), nullptr, kNow).ok());
  database_->Acquire()->Execute("UPDATE accounts SET disabled = 0 WHERE id = ?", {other_});
}

INSTANTIATE_TEST_SUITE_P(Backends, CalendarServiceTest, ::testing::ValuesIn(storage::TestDatabaseUrls("calendar")),
                         [](const auto& test) { return storage::BackendName(test.param); });

}  // namespace
}  // namespace youhao::calendar
