// The demo city's training: courses, past sessions with demo-worker's passes, a skills contest.

#include "demo/demo_training.h"

#include <optional>
#include <string>

#include "core/random.h"
#include "demo/demo_support.h"

namespace youhao::demo {

namespace {

constexpr long long kDay = 24LL * 3600;

struct Organiser {
  long long account_id = 0;
  std::string area_code;
  std::string area_path;
};

long long InsertEvent(storage::Connection& connection, const Organiser& organiser, const std::string& kind,
                      const std::string& title, std::optional<long long> course_id, long long starts_at,
                      long long now) {
  return connection
      .QueryOne(
          "INSERT INTO events (uid, kind, title, description, organiser_kind, organiser_name, created_by, area_code, "
          "area_path, address, lat, lon, starts_at, ends_at, capacity, course_id, created_at, updated_at) "
          "VALUES (?, ?, ?, '', 'union', '海淀区总工会', ?, ?, ?, '海淀区总工会职工服务中心', 39.9847, 116.3103, ?, ?, "
          "40, "
          "?, ?, ?) RETURNING id",
          {core::RandomToken(16) + "@youhao", kind, title, organiser.account_id, organiser.area_code,
           organiser.area_path, starts_at, starts_at + 3LL * 3600,
           course_id ? storage::Value(*course_id) : storage::Value(nullptr), now - 40 * kDay, now - 40 * kDay})
      ->Int(0);
}

void Register(storage::Connection& connection, long long event_id, long long account_id, int seat, long long at) {
  connection.Execute(
      "INSERT INTO event_registrations (event_id, account_id, status, seat, registered_at, updated_at) "
      "VALUES (?, ?, 'confirmed', ?, ?, ?)",
      {event_id, account_id, static_cast<long long>(seat), at, at});
}

long long InsertCourse(storage::Connection& connection, const Organiser& organiser, const std::string& topic,
                       const std::string& title, const std::string& description, long long hours, long long at) {
  return connection
      .QueryOne(
          "INSERT INTO training_courses (topic, title, description, hours, area_code, area_path, created_by, "
          "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {topic, title, description, hours, organiser.area_code, organiser.area_path, organiser.account_id, at})
      ->Int(0);
}

}  // namespace

void SeedDemoTraining(storage::Connection& connection, long long now) {
  const auto union_row = connection.QueryOne(
      "SELECT a.id, a.area_code, r.path FROM accounts a JOIN areas r ON r.code = a.area_code WHERE a.login = "
      "'demo-union'");
  const auto worker = AccountId(connection, "demo-worker");
  const auto reporter = AccountId(connection, "demo-reporter");
  if (!union_row || !worker || !reporter) return;
  const Organiser organiser{union_row->Int(0), union_row->Text(1), union_row->Text(2)};

  const long long first_aid =
      InsertCourse(connection, organiser, "first_aid", "心肺复苏与急救培训",
                   "胸外按压、人工呼吸与 AED 使用，红十字会讲师授课，考核合格发证", 4, now - 60 * kDay);
  const long long traffic = InsertCourse(connection, organiser, "traffic_safety", "电动车交通安全培训",
                                         "骑行安全、头盔与灯光、路口礼让，交警大队讲解典型事故", 2, now - 60 * kDay);

  // Past sessions, attended and passed by demo-worker (certificates signed at server start).
  const struct {
    long long course;
    const char* title;
    long long days_ago;
    long long score;
  } sessions[] = {{first_aid, "心肺复苏与急救培训·第一期", 30, 92}, {traffic, "电动车交通安全培训·第三期", 12, 88}};
  for (const auto& session : sessions) {
    const long long starts_at = now - session.days_ago * kDay;
    const long long event_id =
        InsertEvent(connection, organiser, "training", session.title, session.course, starts_at, now);
    Register(connection, event_id, *worker, 1, starts_at - 5 * kDay);
    connection.Execute(
        "INSERT INTO training_completions (course_id, event_id, account_id, passed, score, recorded_by, recorded_at) "
        "VALUES (?, ?, ?, 1, ?, ?, ?)",
        {session.course, event_id, *worker, session.score, organiser.account_id, starts_at + 4LL * 3600});
  }

  // An open skills contest with two scores.
  const long long contest_at = now - 2 * kDay;
  const long long contest_event = InsertEvent(connection, organiser, "skills_contest", "骑手技能比武·电动车安全驾驶",
                                              std::nullopt, contest_at, now);
  Register(connection, contest_event, *worker, 1, contest_at - 7 * kDay);
  Register(connection, contest_event, *reporter, 2, contest_at - 6 * kDay);
  const long long contest_id =
      connection
          .QueryOne(
              "INSERT INTO skills_contests (event_id, title, area_code, status, created_at) "
              "VALUES (?, ?, ?, 'open', ?) RETURNING id",
              {contest_event, std::string("骑手技能比武·电动车安全驾驶"), organiser.area_code, contest_at - 7 * kDay})
          ->Int(0);
  for (const auto& [account, score] : {std::pair{*worker, 96LL}, std::pair{*reporter, 91LL}}) {
    connection.Execute(
        "INSERT INTO contest_scores (contest_id, account_id, score, recorded_by, at) VALUES (?, ?, ?, ?, ?)",
        {contest_id, account, score, organiser.account_id, contest_at + 2LL * 3600});
  }
}

}  // namespace youhao::demo
