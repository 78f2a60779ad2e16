#include "demo/demo_volunteers.h"

#include <optional>
#include <string>

#include "core/random.h"
#include "demo/demo_support.h"
#include "schedule/clock.h"
#include "volunteers/volunteer_repository.h"

namespace youhao::demo {

namespace {

constexpr long long kDay = 86'400;
constexpr long long kHour = 3'600;

}  // namespace

void SeedDemoVolunteers(storage::Connection& connection, long long now) {
  const auto worker = AccountId(connection, "demo-worker");
  const auto reporter = AccountId(connection, "demo-reporter");
  const auto street_officer = AccountId(connection, "demo-street");
  const auto union_staff = AccountId(connection, "demo-union");
  if (!worker || !reporter || !street_officer) return;
  auto street = connection.QueryOne(
      "SELECT a.code, a.path, COALESCE(a.lat, 39.9834), COALESCE(a.lon, 116.3166) FROM accounts ac JOIN areas a ON "
      "a.code = ac.area_code WHERE ac.id = ?",
      {*street_officer});
  if (!street) return;
  storage::Transaction transaction(connection);
  volunteers::Team team;
  team.name = "中关村骑手志愿服务队";
  team.scope = volunteers::TeamScope::kStreet;
  team.area_code = street->Text(0);
  team.area_path = street->Text(1);
  team.intro = "骑手自己的志愿服务队：社区义诊引导、独居老人探访、雨雪天道路安全提醒。";
  team.created_by = *street_officer;
  const long long team_id = volunteers::volunteer_repository::InsertTeam(connection, team, now - 60 * kDay);
  volunteers::volunteer_repository::Join(connection, team_id, *reporter, now - 60 * kDay);
  volunteers::volunteer_repository::SetLeader(connection, team_id, *reporter, true);
  volunteers::volunteer_repository::Join(connection, team_id, *worker, now - 45 * kDay);

  // Past shifts, each with demo-worker's hours scanned at the door.
  const struct {
    const char* title;
    long long days_ago;
    int minutes;
  } shifts[] = {{"社区义诊现场引导", 35, 180}, {"独居老人探访", 21, 120}, {"雨天路口安全提醒", 7, 90}};
  for (const auto& shift : shifts) {
    const long long starts = now - shift.days_ago * kDay - 5 * kHour;
    const long long event_id = connection.QueryInt(
        "INSERT INTO events (uid, kind, title, description, organiser_kind, organiser_name, created_by, area_code, "
        "area_path, address, lat, lon, starts_at, ends_at, capacity, team_id, created_at, updated_at) VALUES (?, "
        "'volunteer', ?, '', 'community', ?, ?, ?, ?, '', ?, ?, ?, ?, 20, ?, ?, ?) RETURNING id",
        {core::RandomDigits(32) + "@youhao", std::string(shift.title), team.name, *street_officer, team.area_code,
         team.area_path, street->Double(2), street->Double(3), starts, starts + shift.minutes * 60LL, team_id,
         starts - 7 * kDay, starts - 7 * kDay});
    volunteers::HoursEntry entry;
    entry.team_id = team_id;
    entry.account_id = *worker;
    entry.event_id = event_id;
    entry.day = schedule::BeijingDate(starts);
    entry.minutes = shift.minutes;
    entry.source = volunteers::HoursSource::kScan;
    entry.status = volunteers::HoursStatus::kApproved;
    entry.recorded_by = "door";
    entry.decided_by = "door";
    entry.decided_at = starts + shift.minutes * 60LL;
    volunteers::volunteer_repository::InsertEntry(connection, entry, starts + shift.minutes * 60LL);
  }

  // A manual entry the leader approved, and one waiting for him.
  volunteers::HoursEntry manual;
  manual.team_id = team_id;
  manual.account_id = *worker;
  manual.day = schedule::BeijingDate(now - 12 * kDay);
  manual.minutes = 60;
  manual.note = "帮社区搬运防汛物资";
  manual.recorded_by = "demo-worker";
  manual.status = volunteers::HoursStatus::kApproved;
  manual.decided_by = "demo-reporter";
  manual.decided_at = now - 11 * kDay;
  volunteers::volunteer_repository::InsertEntry(connection, manual, now - 12 * kDay);
  manual.day = schedule::BeijingDate(now - kDay);
  manual.minutes = 90;
  manual.note = "周末给独居老人送餐";
  manual.status = volunteers::HoursStatus::kPending;
  manual.decided_by.clear();
  manual.decided_at.reset();
  volunteers::volunteer_repository::InsertEntry(connection, manual, now - kDay);

  // 食品安全监督员 for demo-worker, a year's term from a month ago; its certificate is signed at server start.
  volunteers::Appointment letter;
  letter.account_id = *worker;
  letter.kind = "food_safety_supervisor";
  letter.title = "食品安全监督员";
  auto district = connection.QueryOne("SELECT code, path FROM areas WHERE code = '110108'");
  letter.area_code = union_staff && district ? district->Text(0) : team.area_code;
  letter.area_path = union_staff && district ? district->Text(1) : team.area_path;
  letter.term_from = schedule::BeijingDate(now - 30 * kDay);
  letter.term_until = schedule::BeijingDate(now + 335 * kDay);
  letter.issued_by = union_staff.value_or(*street_officer);
  volunteers::volunteer_repository::InsertAppointment(connection, letter, now - 30 * kDay);
  transaction.Commit();
}

}  // namespace youhao::demo
