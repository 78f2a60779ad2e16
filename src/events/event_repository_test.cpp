// Events on SQLite and PostgreSQL: seats never exceed the capacity, also when two connections
// register for the last place at once; the waiting list's order, offers held and lapsing to the
// next, duplicate registrations, reminders sent once; and the service's notifications.
#include "events/event_repository.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "accounts/test_accounts.h"
#include "areas/area_service.h"
#include "areas/test_areas.h"
#include "core/keyring.h"
#include "core/random.h"
#include "events/event_service.h"
#include "storage/test_databases.h"

namespace youhao::events {
namespace {

const core::Keyring& TestKeyring() {
  static const core::Keyring keyring = core::Keyring::Ephemeral();
  return keyring;
}

constexpr long long kHour = 3600;

class EventRepositoryTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::OpenMigratedTestDatabase(GetParam());
    now_ = storage::NowSeconds();
    auto c = database_->Acquire();
    areas::TestArea(*c, "T-EV", "", "street", "活动街道", "T-EV/");
    organiser_ = Person("ev-union", accounts::Role::kUnionStaff);
  }

  accounts::Principal Person(const std::string& login, accounts::Role role) {
    return accounts::TestAccount(*database_->Acquire(), login, role, "T-EV", "T-EV/");
  }

  accounts::Principal Worker(int n, const std::string& kind = "food") {
    // A login of this run: notifications counted below are this run's alone on a kept database.
    static const std::string run = core::RandomToken(6);
    auto who = Person("ev-worker-" + run + "-" + std::to_string(n) + "-" + kind, accounts::Role::kWorker);
    auto c = database_->Acquire();
    c->Execute(
        "INSERT INTO workers (account_id, name, phone_digest, kind, platform, area_code, area_path, status, "
        "created_at) VALUES (?, ?, ?, ?, '美团', 'T-EV', 'T-EV/', 'verified', 0) ON CONFLICT DO NOTHING",
        {who.account_id, std::string("活动骑手"), "ev" + std::to_string(who.account_id), kind});
    return who;
  }

  long long NewEvent(int capacity, long long starts_in = 10LL * 24 * kHour, Eligibility eligibility = {}) {
    auto c = database_->Acquire();
    events::NewEvent event;
    event.input.kind = "training";
    event.input.title = "急救培训";
    event.input.organiser_kind = "union";
    event.input.organiser_name = "区总工会";
    event.input.starts_at = now_ + starts_in;
    event.input.ends_at = now_ + starts_in + 2 * kHour;
    event.input.capacity = capacity;
    event.input.hold_minutes = 60;
    event.input.eligibility = std::move(eligibility);
    event.location = {std::nullopt, std::nullopt, "中关村大街 1 号", 39.98, 116.31};
    event.area_code = "T-EV";
    event.area_path = "T-EV/";
    event.created_by = organiser_.account_id;
    return event_repository::InsertEvent(*c, event, now_);
  }

  long long Notifications(const std::string& login, std::string_view kind) {
    auto c = database_->Acquire();
    return c->QueryInt("SELECT COUNT(*) FROM notifications WHERE login = ? AND kind = ?", {login, std::string(kind)});
  }

  std::unique_ptr<storage::Database> database_;
  long long now_ = 0;
  accounts::Principal organiser_;
};

TEST_P(EventRepositoryTest, LowestSeatsThenTheWaitingListInOrder) {
  const long long event = NewEvent(3);
  auto c = database_->Acquire();
  std::vector<Registration> got;
  got.reserve(5);
  for (int i = 0; i < 5; ++i) got.push_back(*event_repository::Register(*c, event, Worker(i).account_id, 0, now_ + i));
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(got[i].status, RegistrationStatus::kConfirmed);
    EXPECT_EQ(got[i].seat, i + 1);
  }
  EXPECT_EQ(got[3].status, RegistrationStatus::kWaiting);
  EXPECT_EQ(got[3].seat, std::nullopt);
  EXPECT_EQ(event_repository::Register(*c, event, Worker(0).account_id, 0, now_), std::nullopt) << "registered already";
  const auto found = event_repository::FindEvent(*c, event);
  EXPECT_EQ(found->taken, 3);
  EXPECT_EQ(found->waiting, 2);

  // Seat 2 frees: the first waiting is offered it; a newcomer still waits behind the list.
  const auto released = event_repository::Release(*c, got[1], RegistrationStatus::kCancelled, "worker", "", now_ + 10);
  EXPECT_TRUE(released.changed);
  EXPECT_EQ(released.seat, 2);
  EXPECT_FALSE(event_repository::Release(*c, got[1], RegistrationStatus::kCancelled, "worker", "", now_ + 10).changed);
  const auto offered = event_repository::OfferNext(*c, event, 2, now_ + 100, now_ + 10);
  ASSERT_TRUE(offered);
  EXPECT_EQ(offered->id, got[3].id);
  EXPECT_EQ(offered->status, RegistrationStatus::kOffered);
  EXPECT_EQ(offered->seat, 2);
  EXPECT_EQ(event_repository::Register(*c, event, Worker(9).account_id, 0, now_ + 11)->status,
            RegistrationStatus::kWaiting);

  // The offer lapses unaccepted: due after its hold, not accepted any more.
  EXPECT_TRUE(event_repository::DueOffers(*c, event, now_ + 99).empty());
  EXPECT_EQ(event_repository::DueOffers(*c, event, now_ + 100).size(), 1U);
  EXPECT_FALSE(event_repository::Accept(*c, offered->id, now_ + 100));
  EXPECT_TRUE(event_repository::Accept(*c, offered->id, now_ + 99));
  EXPECT_EQ(event_repository::FindRegistration(*c, offered->id)->status, RegistrationStatus::kConfirmed);
}

TEST_P(EventRepositoryTest, TwoConnectionsRacingForTheLastPlaceNeverExceedCapacity) {
  for (int round = 0; round < 8; ++round) {
    const long long event = NewEvent(1);
    const long long a = Worker(100 + round).account_id;
    const long long b = Worker(200 + round).account_id;
    std::optional<Registration> first;
    std::optional<Registration> second;
    std::thread one([&] {
      auto c = database_->Acquire();
      first = event_repository::Register(*c, event, a, 0, now_);
    });
    std::thread two([&] {
      auto c = database_->Acquire();
      second = event_repository::Register(*c, event, b, 0, now_);
    });
    one.join();
    two.join();
    ASSERT_TRUE(first && second);
    EXPECT_NE(first->status, second->status) << "one confirmed, one waiting";
    auto c = database_->Acquire();
    EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM event_registrations WHERE event_id = ? AND seat IS NOT NULL", {event}),
              1);
  }
}

TEST_P(EventRepositoryTest, RemindersOnceTheDayAndOnceTheHourBefore) {
  const long long event = NewEvent(5, 20 * kHour);
  auto c = database_->Acquire();
  const auto who = Worker(300);
  const auto registration = *event_repository::Register(*c, event, who.account_id, 0, now_);
  const auto mine = [&](long long at) {
    std::vector<ReminderDue> out;
    for (auto& due : event_repository::DueReminders(*c, at))
      if (due.registration_id == registration.id) out.push_back(due);
    return out;
  };
  ASSERT_EQ(mine(now_).size(), 1U);
  EXPECT_TRUE(event_repository::MarkReminded(*c, registration.id, Reminder::kDay));
  EXPECT_FALSE(event_repository::MarkReminded(*c, registration.id, Reminder::kDay)) << "once";
  EXPECT_TRUE(mine(now_).empty());
  ASSERT_EQ(mine(now_ + 19 * kHour + 10).size(), 1U);
  EXPECT_TRUE(event_repository::MarkReminded(*c, registration.id, Reminder::kHour));
  EXPECT_TRUE(mine(now_ + 19 * kHour + 10).empty());
}

TEST_P(EventRepositoryTest, ServicePromotesNotifiesAndCancelsEveryone) {
  const areas::AreaService areas(*database_);
  EventService service(*database_, areas, TestKeyring());
  EventRequest request;
  request.input.kind = "training";
  request.input.title = "心肺复苏";
  request.input.organiser_kind = "union";
  request.input.organiser_name = "区总工会";
  request.input.starts_at = now_ + 3LL * 24 * kHour;
  request.input.ends_at = request.input.starts_at + kHour;
  request.input.capacity = 1;
  request.location.address = "海淀黄庄";
  request.location.lat = 39.97;
  request.location.lon = 116.32;
  auto created = service.Create(organiser_, request, now_);
  ASSERT_TRUE(created.ok()) << created.error().detail;
  const long long id = created.value().event.id;

  const auto first = Worker(400);
  const auto second = Worker(401);
  const auto ride = Worker(402, "ride");
  EXPECT_EQ(service.Register(first, id, 0, now_).value().status, RegistrationStatus::kConfirmed);
  EXPECT_EQ(service.Register(second, id, 0, now_).value().status, RegistrationStatus::kWaiting);
  EXPECT_EQ(service.Register(second, id, 0, now_).error().Name(), "already_registered");
  EXPECT_EQ(service.Register(organiser_, id, 0, now_).error().Name(), "not_eligible") << "no worker";

  ASSERT_TRUE(service.CancelMine(first, id, now_ + 5).ok());
  EXPECT_EQ(Notifications(second.login, notice::kPromoted), 1);
  auto view = service.Get(id, &second, now_ + 6).value();
  ASSERT_TRUE(view.mine);
  EXPECT_EQ(view.mine->status, RegistrationStatus::kOffered);
  // Not taken within the hold (120 minutes): the offer lapses; nobody waits, so the seat is free.
  view = service.Get(id, &second, now_ + 5 + 120LL * 60).value();
  EXPECT_EQ(view.mine->status, RegistrationStatus::kLapsed);
  EXPECT_EQ(view.event.taken, 0);
  EXPECT_EQ(service.AcceptOffer(second, id, now_ + 5 + 120LL * 60).error().Name(), "no_offer");
  EXPECT_EQ(service.Register(ride, id, 0, now_ + 7200 + 10).value().status, RegistrationStatus::kConfirmed);

  const auto stranger = Person("ev-keeper-other", accounts::Role::kStationKeeper);
  EXPECT_EQ(service.Cancel(stranger, id, "x", now_ + 7300).error().Name(), "not_event_organiser");
  ASSERT_TRUE(service.Cancel(organiser_, id, "暴雨", now_ + 7300).ok());
  EXPECT_EQ(Notifications(ride.login, notice::kCancelled), 1);
  EXPECT_EQ(service.Register(first, id, 0, now_ + 7400).error().Name(), "event_cancelled");
}

INSTANTIATE_TEST_SUITE_P(Backends, EventRepositoryTest, ::testing::ValuesIn(storage::TestDatabaseUrls("events")),
                         [](const auto& test) { return storage::BackendName(test.param); });

}  // namespace
}  // namespace youhao::events
