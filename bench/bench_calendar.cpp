#include "bench/bench_calendar.h"

#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "areas/area_service.h"
#include "bench/bench_util.h"
#include "bench/http_load.h"
#include "bench/server_process.h"
#include "calendar/calendar_repository.h"
#include "calendar/calendar_service.h"
#include "calendar/feed_policy.h"
#include "calendar/icalendar.h"
#include "core/random.h"
#include "storage/database.h"

namespace youhao::app {

namespace {

constexpr std::string_view kDistrict = "110108";
constexpr long long kDay = 86'400;
constexpr double kFullGoalMs = 50;
constexpr double kNotModifiedGoalMs = 1;

/// Inserts `count` events spread over the district's streets and the year ahead, as the events
/// module stores them; returns how many the district's feed should then carry (theirs and any
/// the demo already had in the window).
long long InsertYearOfEvents(storage::Database& database, int count) {
  auto connection = database.Acquire();
  const long long now = storage::NowSeconds();
  const long long creator = connection->QueryInt("SELECT id FROM accounts WHERE login = 'demo-union'");
  std::vector<std::pair<std::string, std::string>> streets;
  for (const auto& row :
       connection->Query("SELECT code, path FROM areas WHERE parent_code = ? ORDER BY code", {std::string(kDistrict)}))
    streets.emplace_back(row.Text(0), row.Text(1));
  if (streets.empty()) throw std::runtime_error("the demo has no street in district 110108");
  const std::vector<std::string> titles = {"义诊体检进社区",       "骑手节·夏日清凉", "法律援助日：劳动合同怎么签",
                                           "亲子活动：周末手工课", "电影之夜",        "交通安全公益课堂"};
  const std::string description =
      "欢迎外卖骑手和快递小哥携家人参加，现场有义诊、法律咨询和亲子游戏；请带好工牌，提前十分钟到场签到。";
  storage::Transaction transaction(*connection);
  for (int i = 0; i < count; ++i) {
    const auto& [code, path] = streets[static_cast<std::size_t>(i) % streets.size()];
    const long long starts = now + kDay + (static_cast<long long>(i) * 360 * kDay) / count;
    connection->Execute(
        "INSERT INTO events (uid, kind, title, description, organiser_kind, organiser_name, created_by, area_code, "
        "area_path, address, lat, lon, starts_at, ends_at, capacity, status, sequence, created_at, updated_at) VALUES "
        "(?, 'public_class', ?, ?, 'union', '海淀区总工会', ?, ?, ?, '中关村大街1号', 39.98, 116.31, ?, ?, 50, ?, 0, "
        "?, ?)",
        {core::RandomToken(16) + "@youhao",
         fmt::format("{} 第{}场", titles[static_cast<std::size_t>(i) % titles.size()], i), description, creator, code,
         path, starts, starts + 7200, std::string(i % 50 == 0 ? "cancelled" : "scheduled"), now, now});
  }
  transaction.Commit();
  const std::string path =
      connection->QueryOne("SELECT path FROM areas WHERE code = ?", {std::string(kDistrict)})->Text(0);
  return calendar::AreaStamp(*connection, path, calendar::AncestorCodes(path), calendar::WindowAround(now)).count;
}

int Occurrences(const std::string& text, std::string_view needle) {
  int count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

std::string Get(const std::string& target, const std::string& if_none_match) {
  std::string request = fmt::format("GET {} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n", target);
  if (!if_none_match.empty()) request += fmt::format("If-None-Match: {}\r\n", if_none_match);
  return request + "\r\n";
}

}  // namespace

int BenchCalendar(const CommandLine& line) {
  const bool quick = line.Has("quick");
  const int events = static_cast<int>(std::stol(line.Flag("events").value_or("5000")));
  const double seconds = std::stod(line.Flag("seconds").value_or(quick ? "2" : "8"));
  const std::string target = fmt::format("/api/v1/events.ics?area={}", kDistrict);

  ServerProcess server({"--threads", "2"});
  auto database = storage::Database::Open("sqlite:" + server.DatabasePath(), 1);
  const long long expected = InsertYearOfEvents(*database, events);

  // One answer, checked: every event of the window is in it.
  const auto [status, body] = HttpCall(server.port(), "GET", target);
  const int carried = Occurrences(body, "BEGIN:VEVENT");
  bool sound = status == 200 && carried == expected;

  // The ETag the server answers with (Accept-Language absent: Chinese), from the same cheap query.
  std::string etag;
  {
    auto connection = database->Acquire();
    const auto area = connection->QueryOne("SELECT path FROM areas WHERE code = ?", {std::string(kDistrict)});
    const std::string path = area->Text(0);
    const auto stamp = calendar::AreaStamp(*connection, path, calendar::AncestorCodes(path),
                                           calendar::WindowAround(storage::NowSeconds()));
    etag = calendar::FeedTag(fmt::format("a{}-zh", kDistrict), stamp);
  }

  const LoadResult full = Saturate(
      server.port(), [&](long long) { return Get(target, ""); }, seconds, 1);
  const LoadResult not_modified = Saturate(
      server.port(), [&](long long) { return Get(target, etag); }, seconds, 1);
  sound = sound && full.non_2xx == 0 && full.errors == 0 && not_modified.errors == 0 &&
          not_modified.non_2xx == not_modified.completed && not_modified.completed > 0;

  // The floor: the same rows read in-process with a plain SELECT, and the feed built in-process.
  auto connection = database->Acquire();
  const std::string path =
      connection->QueryOne("SELECT path FROM areas WHERE code = ?", {std::string(kDistrict)})->Text(0);
  const auto ancestors = calendar::AncestorCodes(path);
  const auto range = areas::PathRange(path);
  const std::string low = range.first;
  const std::string high = range.second;
  // The district's events and those of the city it lies in, as the feed carries them.
  const std::string city = ancestors.empty() ? std::string() : ancestors.front();
  const Latency select = Measure(seconds / 2, [&] {
    const auto window = calendar::WindowAround(storage::NowSeconds());
    const auto rows = connection->Query(
        "SELECT id, uid, kind, title, description, organiser_name, address, lat, lon, starts_at, ends_at, status, "
        "sequence, created_at, updated_at FROM events WHERE starts_at >= ? AND starts_at < ? AND ((area_path >= ? "
        "AND area_path < ?) OR area_code = ?) ORDER BY starts_at, id",
        {window.from, window.to, low, high, city});
    if (static_cast<long long>(rows.size()) != expected) throw std::runtime_error("the plain SELECT lost rows");
  });
  std::size_t built_bytes = 0;
  const Latency build = Measure(seconds / 2, [&] {
    const auto window = calendar::WindowAround(storage::NowSeconds());
    calendar::Calendar feed;
    feed.name = "bench";
    for (const auto& event : calendar::AreaEvents(*connection, path, ancestors, window))
      feed.events.push_back(calendar::ToCalendarEvent(event, {}));
    built_bytes = calendar::WriteCalendar(feed).size();
  });

  std::cout << "## Calendar feeds (`youhao-bench calendar`)\n\n";
  std::cout << fmt::format(
      "District {} with {} events inserted over the year ahead (every 50th cancelled), SQLite, `youhao serve --demo "
      "--threads 2`, one keep-alive connection, closed loop for {:.0f} s each. The feed carries {} events, {:.1f} MB. "
      "The floor is a plain `SELECT` of the same rows in-process (no HTTP, no text); \"in-process build\" is the "
      "feed's query and writer without HTTP.\n\n",
      kDistrict, events, seconds, carried, static_cast<double>(body.size()) / 1e6);
  std::cout << "| what | p50 | p99 | requests | goal (judged on p50) |\n|---|---|---|---|---|\n";
  std::cout << fmt::format("| GET events.ics, full answer | {:.2f} ms | {:.2f} ms | {} | ≤ {:.0f} ms {} |\n",
                           full.QuantileMs(0.5), full.QuantileMs(0.99), full.completed, kFullGoalMs,
                           full.QuantileMs(0.5) <= kFullGoalMs ? "met" : "**missed**");
  std::cout << fmt::format("| GET events.ics, If-None-Match → 304 | {:.3f} ms | {:.3f} ms | {} | ≤ {:.0f} ms {} |\n",
                           not_modified.QuantileMs(0.5), not_modified.QuantileMs(0.99), not_modified.completed,
                           kNotModifiedGoalMs,
                           not_modified.QuantileMs(0.5) <= kNotModifiedGoalMs ? "met" : "**missed**");
  std::cout << fmt::format("| in-process build (query + writer, {:.1f} MB) | {:.2f} ms | {:.2f} ms | {} | |\n",
                           static_cast<double>(built_bytes) / 1e6, build.median_us / 1000, build.p99_us / 1000,
                           build.samples);
  std::cout << fmt::format("| floor: plain SELECT of the same rows | {:.2f} ms | {:.2f} ms | {} | |\n",
                           select.median_us / 1000, select.p99_us / 1000, select.samples);
  std::cout << fmt::format("\n- Server peak RSS {} MB. Checks: {}.\n\n", server.PeakRssMegabytes(),
                           sound ? "every event in the feed, every conditional request a 304" : "**FAILED**");
  if (!sound) {
    std::cerr << fmt::format("bench calendar: status {}, {} of {} events, full non-2xx {}, 304s {} of {}\n", status,
                             carried, expected, full.non_2xx, not_modified.non_2xx, not_modified.completed);
  }
  return sound ? 0 : 1;
}

}  // namespace youhao::app
