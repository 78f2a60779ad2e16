#include "attendance/attendance_policy.h"

#include <gtest/gtest.h>

namespace youhao::attendance {
namespace {

DoorScan Scan(std::string nonce = "n0nce-0001") {
  return {
      .nonce = std::move(nonce), .code = "YH1:x", .scanned_at = 1'800'000'000, .direction = "in", .method = "camera"};
}

ScanFacts Registered() {
  ScanFacts facts;
  facts.evidence = {.verified = true};
  facts.registered = true;
  return facts;
}

TEST(AttendanceBatch, AcceptsWellFormedScans) { EXPECT_TRUE(CheckBatch({Scan(), Scan("n0nce-0002")}).ok()); }

TEST(AttendanceBatch, RefusesEmptyOversizedAndMalformedBatches) {
  EXPECT_FALSE(CheckBatch({}).ok());
  EXPECT_FALSE(CheckBatch(std::vector<DoorScan>(kMaxBatch + 1, Scan())).ok());
  EXPECT_TRUE(CheckBatch(std::vector<DoorScan>(kMaxBatch, Scan())).ok());
  auto short_nonce = Scan("abc");
  EXPECT_FALSE(CheckBatch({short_nonce}).ok());
  auto odd_nonce = Scan("nonce with spaces");
  EXPECT_FALSE(CheckBatch({odd_nonce}).ok());
  auto direction = Scan();
  direction.direction = "sideways";
  EXPECT_FALSE(CheckBatch({direction}).ok());
  auto method = Scan();
  method.method = "telepathy";
  EXPECT_FALSE(CheckBatch({method}).ok());
  auto no_code = Scan();
  no_code.code.clear();
  EXPECT_FALSE(CheckBatch({no_code}).ok());
  auto no_time = Scan();
  no_time.scanned_at = 0;
  const auto status = CheckBatch({Scan(), no_time});
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().detail.find("scans[1]"), std::string::npos);
}

TEST(AttendanceBatch, LaterCopiesOfANonceAreRepeats) {
  EXPECT_EQ(RepeatsInBatch({Scan("n0nce-a"), Scan("n0nce-b"), Scan("n0nce-a"), Scan("n0nce-a")}),
            (std::vector<bool>{false, false, true, true}));
  EXPECT_EQ(RepeatsInBatch({}), std::vector<bool>{});
}

TEST(AttendanceWindow, RunsFromTheEventsBeijingDayToNowPlusSkew) {
  // 2026-12-05 09:30 Beijing = 01:30 UTC; the Beijing day began 2026-12-04 16:00 UTC.
  const long long starts_at = 1796434200;
  const long long now = starts_at + 7200;
  const ScanWindow window = WindowFor(starts_at, starts_at + 3LL * 3600, now);
  EXPECT_EQ(window.earliest, 1796400000);
  EXPECT_EQ(window.latest, now + kClockSkew);
  EXPECT_TRUE(window.Holds(starts_at - 3600));
  EXPECT_TRUE(window.Holds(window.earliest));
  EXPECT_FALSE(window.Holds(window.earliest - 1));
  EXPECT_FALSE(window.Holds(now + kClockSkew + 1));
}

TEST(AttendanceWindow, ClosesTwoHoursAfterTheEventEnds) {
  // The 9:30–10:30 event, uploaded a week later: scans dated after 12:30 are not believed.
  const long long starts_at = 1796434200;
  const long long ends_at = starts_at + 3600;
  const ScanWindow window = WindowFor(starts_at, ends_at, starts_at + 7LL * 24 * 3600);
  EXPECT_EQ(window.latest, ends_at + kLateGrace);
  EXPECT_TRUE(window.Holds(ends_at + kLateGrace));
  EXPECT_FALSE(window.Holds(ends_at + kLateGrace + 1));
}

TEST(AttendanceJudge, AdmitsARegisteredWorkerWithAGoodPass) {
  const Judgement judgement = JudgeDoorScan(Registered());
  EXPECT_EQ(judgement.outcome, Outcome::kAdmitted);
  EXPECT_TRUE(judgement.verified);
  EXPECT_FALSE(judgement.walk_in);
  EXPECT_EQ(judgement.reason, "");
}

TEST(AttendanceJudge, RefusesScansOutsideTheWindow) {
  ScanFacts facts = Registered();
  facts.in_window = false;
  const Judgement judgement = JudgeDoorScan(facts);
  EXPECT_EQ(judgement.outcome, Outcome::kRefused);
  EXPECT_EQ(judgement.reason, "scan_time");
}

TEST(AttendanceJudge, RefusesForgedCodesButKeepsExpiredOnesFlagged) {
  ScanFacts forged = Registered();
  forged.evidence = {.verified = false, .reason = "pass_bad_signature"};
  EXPECT_EQ(JudgeDoorScan(forged).outcome, Outcome::kRefused);
  EXPECT_EQ(JudgeDoorScan(forged).reason, "pass_bad_signature");
  ScanFacts malformed = Registered();
  malformed.evidence = {.verified = false, .reason = "pass_malformed"};
  EXPECT_EQ(JudgeDoorScan(malformed).outcome, Outcome::kRefused);

  ScanFacts stale = Registered();
  stale.evidence = {.verified = false, .reason = "pass_stale"};
  const Judgement judgement = JudgeDoorScan(stale);
  EXPECT_EQ(judgement.outcome, Outcome::kAdmitted);
  EXPECT_FALSE(judgement.verified);
  EXPECT_EQ(judgement.reason, "pass_stale");
  EXPECT_TRUE(Genuine({.verified = false, .reason = "pass_expired"}));
  EXPECT_FALSE(Genuine({.verified = false, .reason = "short_code_wrong"}));
}

TEST(AttendanceJudge, RefusesADeadPass) {
  ScanFacts facts = Registered();
  facts.pass_refusal = "worker_suspended";
  EXPECT_EQ(JudgeDoorScan(facts).outcome, Outcome::kRefused);
  EXPECT_EQ(JudgeDoorScan(facts).reason, "worker_suspended");
}

TEST(AttendanceJudge, UnregisteredWorkersAreRefusedOrFlaggedWalkIns) {
  ScanFacts facts = Registered();
  facts.registered = false;
  EXPECT_EQ(JudgeDoorScan(facts).outcome, Outcome::kRefused);
  EXPECT_EQ(JudgeDoorScan(facts).reason, "not_registered");
  facts.walk_ins = true;
  const Judgement judgement = JudgeDoorScan(facts);
  EXPECT_EQ(judgement.outcome, Outcome::kAdmitted);
  EXPECT_TRUE(judgement.walk_in);
  EXPECT_TRUE(judgement.verified);
}

TEST(AttendanceDoor, RunByTheEventsOrganisersOnly) {
  const std::string event_path = "110000/110108/110108014/";
  accounts::Principal creator{.account_id = 7, .role = accounts::Role::kStationKeeper, .area_path = event_path};
  EXPECT_TRUE(MayRunDoor(creator, 7, event_path).ok());
  accounts::Principal other_keeper = creator;
  other_keeper.account_id = 8;
  const auto refused = MayRunDoor(other_keeper, 7, event_path);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().Name(), "not_event_organiser");
  accounts::Principal district{
      .account_id = 9, .role = accounts::Role::kDistrictOfficer, .area_path = "110000/110108/"};
  EXPECT_TRUE(MayRunDoor(district, 7, event_path).ok());
  accounts::Principal elsewhere{
      .account_id = 10, .role = accounts::Role::kDistrictOfficer, .area_path = "110000/110105/"};
  EXPECT_FALSE(MayRunDoor(elsewhere, 7, event_path).ok());
}

TEST(AttendanceEffects, OnlyTheFirstVerifiedInPays) {
  const Judgement admitted = JudgeDoorScan(Registered());
  EXPECT_TRUE(EffectsOf(admitted, "in", 100, std::nullopt, false, true).pays_attendance);
  EXPECT_FALSE(EffectsOf(admitted, "in", 100, 90, false, true).pays_attendance);
  EXPECT_FALSE(EffectsOf(admitted, "in", 100, std::nullopt, false, false).pays_attendance);
  ScanFacts stale = Registered();
  stale.evidence = {.verified = false, .reason = "pass_stale"};
  EXPECT_FALSE(EffectsOf(JudgeDoorScan(stale), "in", 100, std::nullopt, false, true).pays_attendance);
}

TEST(AttendanceEffects, AVerifiedOutAfterAnInCountsVolunteerTime) {
  const Judgement admitted = JudgeDoorScan(Registered());
  EXPECT_EQ(EffectsOf(admitted, "out", 5000, 1000, true, true).volunteer_since, 1000);
  EXPECT_FALSE(EffectsOf(admitted, "out", 5000, 1000, false, true).volunteer_since);
  EXPECT_FALSE(EffectsOf(admitted, "out", 5000, std::nullopt, true, true).volunteer_since);
  EXPECT_FALSE(EffectsOf(admitted, "out", 5000, 1000, true, true).pays_attendance);
}

}  // namespace
}  // namespace youhao::attendance
