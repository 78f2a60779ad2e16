#include "demo/demo_events.h"

#include <optional>
#include <string>
#include <vector>

#include "demo/demo_support.h"
#include "events/event_repository.h"
#include "schedule/clock.h"

namespace youhao::demo {

namespace {

constexpr long long kDay = 86'400;
constexpr long long kHour = 3'600;

/// Where the demo's events take place: an approved place inside the area at the path, the given
/// kind first, else any place there.
struct Venue {
  long long place_id = 0;
  std::string area_code;
  std::string area_path;
  double lat = 0;
  double lon = 0;
};

std::optional<Venue> VenueOf(storage::Connection& connection, const std::string& street_path, std::string_view kind,
                             int skip = 0) {
  const auto rows = connection.Query(
      "SELECT id, area_code, area_path, lat, lon FROM places WHERE status = 'approved' AND area_path >= ? AND "
      "area_path < ? ORDER BY CASE WHEN kind = ? THEN 0 ELSE 1 END, id",
      {street_path, street_path + "\xF4\x8F\xBF\xBF", std::string(kind)});
  if (rows.empty()) return std::nullopt;
  const auto& row = rows[static_cast<std::size_t>(skip) % rows.size()];
  return Venue{row.Int(0), row.Text(1), row.Text(2), row.Double(3), row.Double(4)};
}

struct DemoEvent {
  std::string kind;
  std::string title;
  std::string description;
  std::string organiser_kind;
  std::string organiser_name;
  std::string creator;     ///< login
  std::string venue_kind;  ///< places.kind preferred
  int venue_skip = 0;
  int day = 0;         ///< days from today (Beijing), negative: past
  int start_hour = 0;  ///< Beijing hour
  int hours = 2;
  int capacity = 30;
  bool family = false;
  bool walk_ins = false;
  events::Eligibility eligibility;
};

}  // namespace

void SeedDemoEvents(storage::Connection& connection, long long now) {
  auto street = connection.QueryOne(
      "SELECT a.code, a.path FROM accounts m JOIN areas a ON a.code = m.area_code WHERE m.login = 'demo-street'");
  if (!street) return;
  const std::string street_code = street->Text(0);
  const std::string street_path = street->Text(1);
  const auto union_staff = AccountId(connection, "demo-union");
  const auto keeper = AccountId(connection, "demo-keeper");
  const auto street_officer = AccountId(connection, "demo-street");
  const auto sponsor = AccountId(connection, "demo-sponsor");
  const auto community = AccountId(connection, "demo-community");
  const auto worker = AccountId(connection, "demo-worker");
  const auto reporter = AccountId(connection, "demo-reporter");
  if (!union_staff || !keeper || !street_officer || !sponsor || !community || !worker || !reporter) return;
  const auto creator_of = [&](const std::string& login) {
    if (login == "demo-union") return *union_staff;
    if (login == "demo-keeper") return *keeper;
    if (login == "demo-sponsor") return *sponsor;
    if (login == "demo-community") return *community;
    return *street_officer;
  };
  // Beijing midnight of today, in Unix seconds.
  const long long today = schedule::BeijingDayNumber(now) * kDay - 8 * kHour;
  const auto district = connection.QueryOne("SELECT path FROM areas WHERE code = '110108'");
  if (!district) return;
  const std::string district_path = district->Text(0);
  const std::string union_name = "海淀区总工会";
  const std::string street_name = "中关村街道";

  const std::vector<DemoEvent> plan = {
      {"health_check", "骑手免费体检", "血压、血糖、视力，带上身份证", "union", union_name, "demo-union", "clinic", 0,
       -5, 9, 3, 40},
      {"public_class", "手机维修公益课堂", "屏幕进水、电池鼓包怎么办", "station", "中关村骑手驿站", "demo-keeper",
       "station", 0, -2, 15, 2, 20},
      {"training", "心肺复苏与急救培训", "红十字会老师授课，考核合格发证", "union", union_name, "demo-union",
       "training", 0, 3, 14, 3, 30},
      {"legal_aid", "法律援助日：工伤与欠薪", "律师一对一咨询，每人 20 分钟", "union", union_name, "demo-union",
       "legal_aid", 0, 5, 14, 3, 1},
      {"festival", "冬至包饺子", "我们的节日：一起包饺子", "community", "科源社区", "demo-community", "canteen", 0, 14,
       17, 2, 60},
      {"family", "亲子手工坊", "带孩子做灯笼", "community", "科源社区", "demo-community", "station", 1, 6, 10, 2, 15,
       true},
      {"sports", "骑手趣味运动会", "拔河、跳绳、定点骑行", "platform", "美团外卖中关村站", "demo-street", "station", 2,
       20, 9, 4, 80},
      {"culture", "年货文化集市", "春联、窗花、糖画", "social_work", "海淀社工服务中心", "demo-street", "canteen", 1,
       24, 10, 5, 200, false, true},
      {"rider_festival", "骑手节", "表彰、抽奖、联欢", "union", union_name, "demo-union", "station", 0, 27, 18, 3, 300},
      {"movie_night", "电影之夜：《飞驰人生》", "驿站放映，管饮料", "station", "中关村骑手驿站", "demo-keeper",
       "station", 0, 10, 20, 2, 40},
      {"childcare", "周末托管日", "骑手子女 6 到 12 岁，周末作业辅导与看护", "community", "科源社区", "demo-community",
       "station", 1, 21, 8, 9, 20, true},
      {"skills_contest", "电动车安全驾驶技能比武", "理论 + 实操，前三名有奖", "union", union_name, "demo-union",
       "station", 2, 17, 9, 4, 50},
      {"volunteer", "文明骑行劝导志愿服务", "路口劝导，计志愿时长", "community", "科源社区", "demo-community",
       "station", 0, 8, 8, 3, 12},
      {"public_class",
       "交通安全公益课堂",
       "只面向外卖骑手",
       "sponsor",
       "中关村爱心企业联盟",
       "demo-sponsor",
       "canteen",
       0,
       12,
       14,
       2,
       25,
       false,
       false,
       {{"food"}, {}, {}}},
  };
  storage::Transaction transaction(connection);
  std::vector<long long> ids;
  for (const DemoEvent& item : plan) {
    auto venue = VenueOf(connection, street_path, item.venue_kind, item.venue_skip);
    if (!venue) venue = VenueOf(connection, district_path, item.venue_kind, item.venue_skip);
    if (!venue) return;
    events::NewEvent event;
    event.input = {item.kind,
                   item.title,
                   item.description,
                   item.organiser_kind,
                   item.organiser_name,
                   today + item.day * kDay + item.start_hour * kHour,
                   today + item.day * kDay + (item.start_hour + item.hours) * kHour,
                   item.capacity,
                   120,
                   item.walk_ins,
                   item.family,
                   item.eligibility};
    event.location = {venue->place_id, std::nullopt, "", venue->lat, venue->lon};
    // The district union's events are the district's; the others the street's.
    event.area_code = item.creator == "demo-union" ? "110108" : street_code;
    event.area_path = item.creator == "demo-union" ? district_path : street_path;
    event.created_by = creator_of(item.creator);
    ids.push_back(events::event_repository::InsertEvent(connection, event, now - 14 * kDay));
  }

  // 周周有服务: every week on the same weekday, from last week to four weeks ahead.
  {
    auto venue = VenueOf(connection, street_path, "station");
    if (!venue) venue = VenueOf(connection, district_path, "station");
    if (!venue) return;
    const long long first = today - 7 * kDay + 10 * kHour;
    const long long until = first + 5LL * 7 * kDay;
    const long long series =
        events::event_repository::InsertSeries(connection, until, *street_officer, now - 14 * kDay);
    for (int week = 0; week <= 5; ++week) {
      events::NewEvent event;
      event.input = {"weekly_service",
                     "周周有服务：理发、磨刀、修车",
                     "每周六上午，驿站门口",
                     "community",
                     street_name,
                     first + 1LL * week * 7 * kDay,
                     first + 1LL * week * 7 * kDay + 3 * kHour,
                     50,
                     120,
                     true,
                     false,
                     {}};
      event.location = {venue->place_id, std::nullopt, "", venue->lat, venue->lon};
      event.area_code = street_code;
      event.area_path = street_path;
      event.created_by = *street_officer;
      event.series_id = series;
      events::event_repository::InsertEvent(connection, event, now - 14 * kDay);
    }
  }

  // Who registered: demo-worker went to the health check, holds a place at the CPR training and
  // the movie night, and waits for the legal-aid day, which demo-reporter filled.
  const auto registered = [&](std::size_t index, long long account, std::string_view status,
                              std::optional<long long> seat, long long at) {
    connection.Execute(
        "INSERT INTO event_registrations (event_id, account_id, status, seat, registered_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {ids[index], account, std::string(status), seat ? storage::Value(*seat) : storage::Value(nullptr), at, at});
  };
  registered(0, *worker, "confirmed", 1, now - 10 * kDay);
  registered(0, *reporter, "confirmed", 2, now - 9 * kDay);
  registered(2, *reporter, "confirmed", 1, now - 3 * kDay);
  registered(2, *worker, "confirmed", 2, now - 2 * kDay);
  registered(3, *reporter, "confirmed", 1, now - 2 * kDay);
  registered(3, *worker, "waiting", std::nullopt, now - kDay);
  registered(9, *worker, "confirmed", 1, now - kDay);
  transaction.Commit();
}

}  // namespace youhao::demo
