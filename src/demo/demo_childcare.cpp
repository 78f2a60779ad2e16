#include "demo/demo_childcare.h"

#include <optional>
#include <string>

#include "core/random.h"
#include "demo/demo_support.h"
#include "schedule/clock.h"

namespace youhao::demo {

namespace {

constexpr long long kDay = 86'400;
constexpr long long kHour = 3'600;

struct Station {
  long long place_id = 0;
  std::string name;
  std::string area_code;
  std::string area_path;
  double lat = 0;
  double lon = 0;
  long long keeper_account_id = 0;
};

std::optional<Station> KeepersStation(storage::Connection& connection) {
  auto row = connection.QueryOne(
      "SELECT p.id, p.name, a.area_code, ar.path, p.lat, p.lon, a.id FROM places p "
      "JOIN accounts a ON a.id = p.owner_account_id JOIN areas ar ON ar.code = a.area_code "
      "WHERE a.login = 'demo-keeper' AND p.status = 'approved' ORDER BY p.id LIMIT 1");
  if (!row) return std::nullopt;
  return Station{row->Int(0), row->Text(1), row->Text(2), row->Text(3), row->Double(4), row->Double(5), row->Int(6)};
}

struct DemoClass {
  std::string title;
  std::string description;
  long long starts_at = 0;
  long long ends_at = 0;
  long long capacity = 0;
};

long long InsertClass(storage::Connection& connection, const Station& station, const DemoClass& demo, long long now) {
  const std::string uid = core::HashToken(core::RandomToken(16)).substr(0, 32) + "@youhao";
  return connection
      .QueryOne(
          "INSERT INTO events (uid, kind, title, description, organiser_kind, organiser_name, created_by, area_code, "
          "area_path, place_id, address, lat, lon, starts_at, ends_at, capacity, family, created_at, updated_at) "
          "VALUES (?, 'childcare', ?, ?, 'station', ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
          {uid, demo.title, demo.description, station.name, station.keeper_account_id, station.area_code,
           station.area_path, station.place_id, station.lat, station.lon, demo.starts_at, demo.ends_at, demo.capacity,
           now - 20 * kDay, now - 20 * kDay})
      ->Int(0);
}

/// A confirmed place for `account_id` with one child; attendance on the class's days before today.
void Enrol(storage::Connection& connection, long long event_id, long long account_id, long long seat,
           const std::string& given_name, long long age, const std::string& note, const DemoClass& demo,
           long long keeper_account_id, long long now) {
  const long long registered_at = now - 15 * kDay;
  const long long registration_id =
      connection
          .QueryOne(
              "INSERT INTO event_registrations (event_id, account_id, status, seat, family_count, registered_at, "
              "updated_at) VALUES (?, ?, 'confirmed', ?, 1, ?, ?) RETURNING id",
              {event_id, account_id, seat, registered_at, registered_at})
          ->Int(0);
  const long long child_id = connection
                                 .QueryOne(
                                     "INSERT INTO event_children (registration_id, event_id, given_name, age, note, "
                                     "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                                     {registration_id, event_id, given_name, age, note, registered_at})
                                 ->Int(0);
  // Present most days; absent every third, as children are now and then.
  const long long today = schedule::BeijingDayNumber(now);
  long long day = schedule::BeijingDayNumber(demo.starts_at);
  for (int n = 0; day < today && day <= schedule::BeijingDayNumber(demo.ends_at - 1); ++day, ++n) {
    const std::string text = schedule::BeijingDate(day * kDay);
    const long long recorded_at = day * kDay + kHour;  // 09:00 Beijing, when the children are in
    connection.Execute(
        "INSERT INTO child_attendance (child_id, day, present, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)",
        {child_id, text, n % 3 == 2 ? 0LL : 1LL, keeper_account_id, recorded_at});
  }
}

}  // namespace

void SeedDemoChildcare(storage::Connection& connection, long long now) {
  const auto station = KeepersStation(connection);
  if (!station) return;

  // The winter holidays' class: 18 to 27 January, this coming one (or the one under way).
  const std::string year = schedule::BeijingDate(now).substr(0, 4);
  DemoClass winter{"寒假托管班",
                   "寒假期间骑手子女托管：作业辅导、阅读、手工和户外活动，午饭由驿站提供。每天 8:00 送到，17:00 接回。",
                   0, 0, 20};
  winter.starts_at = *schedule::BeijingMidnight(year + "-01-18") + 8 * kHour;
  winter.ends_at = *schedule::BeijingMidnight(year + "-01-27") + 17 * kHour;
  if (winter.ends_at < now) {
    const std::string next = std::to_string(std::stoi(year) + 1);
    winter.starts_at = *schedule::BeijingMidnight(next + "-01-18") + 8 * kHour;
    winter.ends_at = *schedule::BeijingMidnight(next + "-01-27") + 17 * kHour;
  }

  // The 0–3 care place: a fortnight from three days ago, weekdays and weekends alike.
  const long long today = *schedule::BeijingMidnight(schedule::BeijingDate(now));
  DemoClass toddlers{"0–3 岁平价托育点",
                     "驿站二楼的平价托育点，专业保育员照看 0–3 岁的孩子，骑手家庭优先。每天 8:30 至 17:30。",
                     today - 3 * kDay + 8 * kHour + 30LL * 60, today + 10 * kDay + 17 * kHour + 30LL * 60, 12};

  const long long winter_id = InsertClass(connection, *station, winter, now);
  const long long toddlers_id = InsertClass(connection, *station, toddlers, now);
  if (const auto worker = AccountId(connection, "demo-worker"))
    Enrol(connection, winter_id, *worker, 1, "小雨", 7, "", winter, station->keeper_account_id, now);
  if (const auto reporter = AccountId(connection, "demo-reporter"))
    Enrol(connection, toddlers_id, *reporter, 1, "朵朵", 2, "对鸡蛋过敏", toddlers, station->keeper_account_id, now);
}

}  // namespace youhao::demo
