#include "volunteers/volunteer_policy.h"

#include <gtest/gtest.h>

#include <vector>

#include "schedule/clock.h"

namespace youhao::volunteers {
namespace {

using accounts::Role;

long long Day(const char* text) { return schedule::DayNumber(*schedule::ParseDate(text)); }

TEST(VolunteerPolicy, EntryBounds) {
  const long long today = Day("2026-12-07");
  struct Case {
    int minutes;
    const char* day;
    std::string_view problem;
  };
  const Case cases[] = {
      {1, "2026-12-07", ""},
      {720, "2026-12-07", ""},
      {0, "2026-12-07", "minutes"},
      {721, "2026-12-07", "minutes"},
      {-5, "2026-12-01", "minutes"},
      {60, "2026-12-08", "future"},
      {60, "2026-10-08", ""},
      {60, "2026-10-07", "too_old"},
      {60, "2026-13-01", "day"},
      {60, "07/12/2026", "day"},
      {60, "", "day"},
  };
  for (const Case& c : cases) EXPECT_EQ(CheckEntry(c.minutes, c.day, today), c.problem) << c.minutes << " " << c.day;
}

TEST(VolunteerPolicy, AppointmentTerms) {
  const long long today = Day("2026-12-07");
  EXPECT_EQ(CheckTerm("2026-12-01", "2027-11-30", today), "");
  EXPECT_EQ(CheckTerm("2026-12-07", "2026-12-07", today), "");
  EXPECT_EQ(CheckTerm("2026-02-30", "2027-11-30", today), "term_from");
  EXPECT_EQ(CheckTerm("2026-12-01", "soon", today), "term_until");
  EXPECT_EQ(CheckTerm("2027-12-01", "2027-11-30", today), "term_order");
  EXPECT_EQ(CheckTerm("2026-12-01", "2036-11-30", today), "term_length");
  EXPECT_EQ(CheckTerm("2025-01-01", "2026-12-06", today), "term_past");
}

TEST(VolunteerPolicy, ScanMinutesAreWholeAndCapped) {
  constexpr long long kOpen = 0;
  constexpr long long kClose = 30LL * 3600;  // an event long enough not to clip these
  EXPECT_EQ(ScanMinutes(1000, 1000, kOpen, kClose), 0);
  EXPECT_EQ(ScanMinutes(1000, 1059, kOpen, kClose), 0);
  EXPECT_EQ(ScanMinutes(1000, 900, kOpen, kClose), 0);
  EXPECT_EQ(ScanMinutes(1000, 1060, kOpen, kClose), 1);
  EXPECT_EQ(ScanMinutes(0, 2 * 3600 + 59, kOpen, kClose), 120);
  EXPECT_EQ(ScanMinutes(0, 20LL * 3600, kOpen, kClose), kMaxEntryMinutes);
}

// A one-hour shift (10:00–11:00) never earns more than its hour, however early the check-in or late the check-out.
TEST(VolunteerPolicy, ScanMinutesCountOnlyTheEventsOwnTime) {
  constexpr long long kStart = 10LL * 3600;
  constexpr long long kEnd = 11LL * 3600;
  EXPECT_EQ(ScanMinutes(7LL * 3600, 13LL * 3600, kStart, kEnd), 60) << "in at 07:00, out at 13:00";
  EXPECT_EQ(ScanMinutes(9LL * 3600, 10 * 3600 + 1800, kStart, kEnd), 30) << "in early, out mid-shift";
  EXPECT_EQ(ScanMinutes(10 * 3600 + 1800, 12LL * 3600, kStart, kEnd), 30) << "in mid-shift, out late";
  EXPECT_EQ(ScanMinutes(10 * 3600 + 600, 10 * 3600 + 1200, kStart, kEnd), 10) << "within: as it was";
  EXPECT_EQ(ScanMinutes(8LL * 3600, 9LL * 3600, kStart, kEnd), 0) << "all before the shift";
  EXPECT_EQ(ScanMinutes(12LL * 3600, 13LL * 3600, kStart, kEnd), 0) << "all after it";
  EXPECT_EQ(ScanMinutes(kEnd - 30, kEnd + 3600, kStart, kEnd), 0) << "under a minute within it";
}

TEST(VolunteerPolicy, ADayHoldsAtMost720Minutes) {
  EXPECT_TRUE(FitsDay(0, 720));
  EXPECT_TRUE(FitsDay(600, 120));
  EXPECT_FALSE(FitsDay(600, 121));
  EXPECT_FALSE(FitsDay(720, 1));
}

TEST(VolunteerPolicy, PaidHoursAreWholeHours) {
  EXPECT_EQ(PaidHours(0), 0);
  EXPECT_EQ(PaidHours(59), 0);
  EXPECT_EQ(PaidHours(60), 1);
  EXPECT_EQ(PaidHours(179), 2);
  EXPECT_EQ(PaidHours(720), 12);
}

TEST(VolunteerPolicy, OnlyAnotherLeaderDecidesAPendingEntry) {
  EXPECT_EQ(CheckDecision(true, 1, 2, HoursStatus::kPending), "");
  EXPECT_EQ(CheckDecision(false, 1, 2, HoursStatus::kPending), "not_leader");
  EXPECT_EQ(CheckDecision(true, 2, 2, HoursStatus::kPending), "own_entry");
  EXPECT_EQ(CheckDecision(false, 2, 2, HoursStatus::kPending), "not_leader");
  EXPECT_EQ(CheckDecision(true, 1, 2, HoursStatus::kApproved), "decided");
  EXPECT_EQ(CheckDecision(true, 1, 2, HoursStatus::kRejected), "decided");
}

TEST(VolunteerPolicy, TeamDecisions) {
  const TeamActor organiser_in{.role = Role::kUnionStaff, .organiser = true, .in_scope = true};
  const TeamActor organiser_out{.role = Role::kUnionStaff, .organiser = true, .in_scope = false};
  const TeamActor worker_near{.role = Role::kWorker, .reaches_team = true};
  const TeamActor worker_far{.role = Role::kWorker};
  const TeamActor member{.role = Role::kWorker, .member = true, .reaches_team = true};
  const TeamActor leader{.role = Role::kWorker, .member = true, .leader = true, .reaches_team = true};
  EXPECT_TRUE(MayManageTeam(organiser_in));
  EXPECT_FALSE(MayManageTeam(organiser_out));
  EXPECT_FALSE(MayManageTeam(leader));
  EXPECT_TRUE(MayJoin(worker_near));
  EXPECT_FALSE(MayJoin(worker_far));
  EXPECT_FALSE(MayJoin(member));
  EXPECT_FALSE(MayJoin(organiser_in));
  EXPECT_TRUE(SeesTeamTotals(leader));
  EXPECT_TRUE(SeesTeamTotals(organiser_in));
  EXPECT_FALSE(SeesTeamTotals(member));
  EXPECT_FALSE(SeesTeamTotals(organiser_out));
}

TEST(VolunteerPolicy, TotalsByYearAndSource) {
  const std::vector<HoursFact> entries = {
      {"2026-01-02", 90, HoursSource::kScan, HoursStatus::kApproved},
      {"2026-05-02", 30, HoursSource::kManual, HoursStatus::kApproved},
      {"2026-06-02", 45, HoursSource::kManual, HoursStatus::kPending},
      {"2026-07-02", 600, HoursSource::kManual, HoursStatus::kRejected},
      {"2025-12-31", 120, HoursSource::kScan, HoursStatus::kApproved},
  };
  const YearTotals totals = TotalsForYear(entries, 2026);
  EXPECT_EQ(totals.year, 2026);
  EXPECT_EQ(totals.scan_minutes, 90);
  EXPECT_EQ(totals.manual_minutes, 30);
  EXPECT_EQ(totals.pending_minutes, 45);
  EXPECT_EQ(totals.approved_minutes(), 120);
  EXPECT_EQ(TotalsForYear(entries, 2025).scan_minutes, 120);
  EXPECT_EQ(TotalsForYear(entries, 2024).approved_minutes(), 0);
}

TEST(VolunteerPolicy, NamesAndHoursText) {
  EXPECT_EQ(ParseTeamScope("street"), TeamScope::kStreet);
  EXPECT_EQ(ParseTeamScope("platform"), TeamScope::kPlatform);
  EXPECT_FALSE(ParseTeamScope("city"));
  EXPECT_EQ(ParseHoursStatus("approved"), HoursStatus::kApproved);
  EXPECT_FALSE(ParseHoursStatus("done"));
  EXPECT_TRUE(IsAppointmentKind("food_safety_supervisor"));
  EXPECT_FALSE(IsAppointmentKind("mayor"));
  EXPECT_EQ(HoursText(0), "0");
  EXPECT_EQ(HoursText(120), "2");
  EXPECT_EQ(HoursText(2190), "36.5");
  EXPECT_EQ(HoursText(100), "1.7");
}

}  // namespace
}  // namespace youhao::volunteers
