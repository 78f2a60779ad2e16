#include "events/event_policy.h"

#include <gtest/gtest.h>

namespace youhao::events {
namespace {

using accounts::Role;
using R = RegistrationStatus;

constexpr long long kNow = 1'800'000'000;
constexpr long long kHour = 3600;
constexpr long long kDay = 24 * kHour;

EventInput Valid() {
  EventInput input;
  input.kind = "training";
  input.title = "心肺复苏培训";
  input.organiser_kind = "union";
  input.organiser_name = "海淀区总工会";
  input.starts_at = kNow + kDay;
  input.ends_at = kNow + kDay + 2 * kHour;
  input.capacity = 30;
  return input;
}

std::string RefusalOf(const core::Status& status) { return status.ok() ? "" : std::string(status.error().Name()); }
std::string FieldOf(const core::Status& status) {
  if (status.ok()) return "";
  const auto* field = status.error().fields.if_contains("field");
  return field != nullptr && field->is_string() ? std::string(field->as_string()) : "";
}

TEST(EventInput, ValidPasses) { EXPECT_TRUE(CheckEventInput(Valid(), kNow).ok()); }

TEST(EventInput, AbsurdCapacityAndTimesAreRefusedWithTheirField) {
  auto input = Valid();
  input.capacity = 0;
  EXPECT_EQ(FieldOf(CheckEventInput(input, kNow)), "capacity");
  input.capacity = 10001;
  EXPECT_EQ(FieldOf(CheckEventInput(input, kNow)), "capacity");
  input.capacity = 10000;
  EXPECT_TRUE(CheckEventInput(input, kNow).ok());

  input = Valid();
  input.ends_at = input.starts_at;
  EXPECT_EQ(FieldOf(CheckEventInput(input, kNow)), "ends_at");
  input.ends_at = input.starts_at + 14 * kDay + 1;
  EXPECT_EQ(FieldOf(CheckEventInput(input, kNow)), "ends_at");
  input.ends_at = input.starts_at + 14 * kDay;
  EXPECT_TRUE(CheckEventInput(input, kNow).ok());

  input = Valid();
  input.starts_at = kNow - 1;
  EXPECT_EQ(RefusalOf(CheckEventInput(input, kNow)), "event_past");
  input.starts_at = kNow + 401 * kDay;
  input.ends_at = input.starts_at + kHour;
  EXPECT_EQ(FieldOf(CheckEventInput(input, kNow)), "starts_at");

  input = Valid();
  input.kind = "party";
  EXPECT_EQ(FieldOf(CheckEventInput(input, kNow)), "kind");
  input = Valid();
  input.organiser_kind = "government";
  EXPECT_EQ(FieldOf(CheckEventInput(input, kNow)), "organiser_kind");
  input = Valid();
  input.title = "  ";
  EXPECT_EQ(FieldOf(CheckEventInput(input, kNow)), "title");
  input = Valid();
  input.hold_minutes = 1;
  EXPECT_EQ(FieldOf(CheckEventInput(input, kNow)), "hold_minutes");
}

TEST(EventInput, WeeklySeriesUpTo26Weeks) {
  EXPECT_EQ(WeeklyCount(kNow, kNow + kWeekSeconds).value(), 2);
  EXPECT_EQ(WeeklyCount(kNow, kNow + 25 * kWeekSeconds + kHour).value(), 26);
  EXPECT_FALSE(WeeklyCount(kNow, kNow + 26 * kWeekSeconds).ok());
  EXPECT_FALSE(WeeklyCount(kNow, kNow + kDay).ok());
}

TEST(Eligibility, EmptyListsAdmitAllButSuspendedOrRevoked) {
  const WorkerFacts worker{"food", "美团", "110000/110108/110108001/110108001001/", "verified"};
  EXPECT_TRUE(IsEligible({}, worker));
  EXPECT_FALSE(IsEligible({}, {"food", "美团", worker.area_path, "suspended"}));
  EXPECT_FALSE(IsEligible({}, {"food", "美团", worker.area_path, "revoked"}));
  EXPECT_TRUE(IsEligible({}, {"food", "美团", worker.area_path, "pending"}));
}

TEST(Eligibility, KindPlatformAndAreaEachNarrow) {
  const WorkerFacts worker{"food", "美团", "110000/110108/110108001/110108001001/", "verified"};
  EXPECT_TRUE(IsEligible({{"food", "parcel"}, {}, {}}, worker));
  EXPECT_FALSE(IsEligible({{"ride"}, {}, {}}, worker));
  EXPECT_TRUE(IsEligible({{}, {"美团"}, {}}, worker));
  EXPECT_FALSE(IsEligible({{}, {"饿了么"}, {}}, worker));
  EXPECT_TRUE(IsEligible({{}, {}, {"110108"}}, worker));
  EXPECT_TRUE(IsEligible({{}, {}, {"110000"}}, worker));
  EXPECT_FALSE(IsEligible({{}, {}, {"110105"}}, worker));
  EXPECT_FALSE(IsEligible({{}, {}, {"1101"}}, worker)) << "a code prefix is not an area";
}

TEST(Eligibility, JsonRoundTripAndRefusals) {
  const Eligibility eligibility{{"food"}, {"美团"}, {"110108"}};
  EXPECT_EQ(ParseEligibility(EligibilityText(eligibility)), eligibility);
  EXPECT_EQ(ParseEligibility("not json"), Eligibility{});
  EXPECT_FALSE(EligibilityFromJson(boost::json::value("x")).ok());
  EXPECT_FALSE(EligibilityFromJson(boost::json::object{{"kinds", boost::json::array{"cook"}}}).ok());
  EXPECT_FALSE(EligibilityFromJson(boost::json::object{{"ages", boost::json::array{}}}).ok());
  EXPECT_FALSE(EligibilityFromJson(boost::json::object{{"areas", boost::json::array{"海淀"}}}).ok());
  EXPECT_EQ(EligibilityFromJson(boost::json::object{{"kinds", boost::json::array{"ride"}}}).value().kinds,
            std::vector<std::string>{"ride"});
}

TEST(Organisers, CreatorStaffAndOfficersOfTheAreaOnly) {
  const std::string event_path = "110000/110108/110108001/";
  EXPECT_TRUE(Organises(Role::kStationKeeper, 5, "110000/110108/110108001/110108001001/", 5, event_path));
  EXPECT_FALSE(Organises(Role::kStationKeeper, 6, "110000/110108/", 5, event_path)) << "keepers: their own only";
  EXPECT_FALSE(Organises(Role::kSponsor, 6, "110000/", 5, event_path));
  EXPECT_TRUE(Organises(Role::kUnionStaff, 7, "110000/110108/", 5, event_path));
  EXPECT_FALSE(Organises(Role::kUnionStaff, 7, "110000/110105/", 5, event_path));
  EXPECT_TRUE(Organises(Role::kStreetOfficer, 8, "110000/110108/110108001/", 5, event_path));
  EXPECT_FALSE(Organises(Role::kCommunityOfficer, 8, "110000/110108/110108001/110108001001/", 5, event_path))
      << "an officer below the event's area does not hold it";
  EXPECT_FALSE(Organises(Role::kWorker, 9, "110000/", 5, event_path));
  EXPECT_FALSE(Organises(Role::kGridOfficer, 9, "110000/", 5, event_path));
  EXPECT_TRUE(MayCreateIn(Role::kUnionStaff, "110000/110108/", event_path));
  EXPECT_FALSE(MayCreateIn(Role::kUnionStaff, "110000/110105/", event_path));
  EXPECT_FALSE(MayCreateIn(Role::kWorker, "110000/", event_path));
}

TEST(Registration, StatusNamesRoundTrip) {
  for (auto status : {R::kConfirmed, R::kOffered, R::kWaiting, R::kCancelled, R::kLapsed})
    EXPECT_EQ(ParseRegistrationStatus(RegistrationStatusName(status)), status);
  EXPECT_EQ(ParseRegistrationStatus("maybe"), std::nullopt);
  EXPECT_TRUE(HoldsPlace(R::kConfirmed));
  EXPECT_TRUE(HoldsPlace(R::kOffered));
  EXPECT_FALSE(HoldsPlace(R::kWaiting));
  EXPECT_TRUE(IsActive(R::kWaiting));
  EXPECT_FALSE(IsActive(R::kLapsed));
  EXPECT_FALSE(IsActive(R::kCancelled));
}

TEST(Registration, WhoMayRegisterAcceptAndCancel) {
  const EventFacts event{false, kNow + kDay, kNow + kDay + kHour};
  EXPECT_TRUE(MayRegister(event, std::nullopt, kNow).ok());
  EXPECT_TRUE(MayRegister(event, R::kCancelled, kNow).ok()) << "a cancelled worker may register again";
  EXPECT_EQ(RefusalOf(MayRegister(event, R::kWaiting, kNow)), "already_registered");
  EXPECT_EQ(RefusalOf(MayRegister(event, std::nullopt, kNow + kDay)), "event_past");
  EXPECT_EQ(RefusalOf(MayRegister({true, event.starts_at, event.ends_at}, std::nullopt, kNow)), "event_cancelled");

  EXPECT_TRUE(MayAccept(event, R::kOffered, kNow + kHour, kNow).ok());
  EXPECT_EQ(RefusalOf(MayAccept(event, R::kOffered, kNow, kNow)), "no_offer") << "an offer lapses at its end";
  EXPECT_EQ(RefusalOf(MayAccept(event, R::kWaiting, std::nullopt, kNow)), "no_offer");
  EXPECT_EQ(RefusalOf(MayAccept(event, R::kConfirmed, std::nullopt, kNow)), "no_offer");

  EXPECT_TRUE(MayCancelRegistration(event, R::kWaiting, kNow).ok());
  EXPECT_TRUE(MayCancelRegistration(event, R::kOffered, kNow).ok());
  EXPECT_EQ(RefusalOf(MayCancelRegistration(event, R::kCancelled, kNow)), "no_registration");
  EXPECT_EQ(RefusalOf(MayCancelRegistration(event, std::nullopt, kNow)), "no_registration");
  EXPECT_EQ(RefusalOf(MayCancelRegistration(event, R::kConfirmed, event.ends_at)), "event_past");

  EXPECT_TRUE(MayChangeEvent(event, kNow).ok());
  EXPECT_EQ(RefusalOf(MayChangeEvent({true, event.starts_at, event.ends_at}, kNow)), "event_cancelled");
  EXPECT_EQ(RefusalOf(MayChangeEvent(event, event.ends_at)), "event_past");
}

TEST(Registration, OfferIsHeldButNotPastTheStart) {
  EXPECT_EQ(OfferUntil(kNow, 120, kNow + kDay), kNow + 120LL * 60);
  EXPECT_EQ(OfferUntil(kNow, 120, kNow + kHour), kNow + kHour);
  EXPECT_EQ(OfferUntil(kNow, 120, kNow - kHour), kNow + 120LL * 60);
}

TEST(Registration, LowestFreeSeat) {
  EXPECT_EQ(LowestFreeSeat({}, 3), 1);
  EXPECT_EQ(LowestFreeSeat({1, 2}, 3), 3);
  EXPECT_EQ(LowestFreeSeat({1, 3}, 3), 2);
  EXPECT_EQ(LowestFreeSeat({2, 3}, 3), 1);
  EXPECT_EQ(LowestFreeSeat({1, 2, 3}, 3), std::nullopt);
  EXPECT_EQ(LowestFreeSeat({1, 2, 3, 4}, 3), std::nullopt) << "seats above a lowered capacity";
}

TEST(Reminders, OnceTheDayBeforeAndOnceTheHourBefore) {
  const long long start = kNow + 10 * kDay;
  EXPECT_EQ(DueReminder(start, start - 25 * kHour, false, false), Reminder::kNone);
  EXPECT_EQ(DueReminder(start, start - 23 * kHour, false, false), Reminder::kDay);
  EXPECT_EQ(DueReminder(start, start - 23 * kHour, true, false), Reminder::kNone);
  EXPECT_EQ(DueReminder(start, start - 59LL * 60, true, false), Reminder::kHour);
  EXPECT_EQ(DueReminder(start, start - 59LL * 60, false, false), Reminder::kHour) << "late: the hour's only";
  EXPECT_EQ(DueReminder(start, start - 59LL * 60, true, true), Reminder::kNone);
  EXPECT_EQ(DueReminder(start, start, false, false), Reminder::kNone);
}

}  // namespace
}  // namespace youhao::events
