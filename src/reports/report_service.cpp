#include "reports/report_service.h"

#include "points/points_service.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include "audit/audit_log.h"
#include "core/base64.h"
#include "core/json_output.h"
#include "core/random.h"

#include <boost/json/object.hpp>
#include "core/text.h"
#include "geo/geo.h"
#include "reports/notice_policy.h"
#include "schedule/clock.h"

namespace youhao::reports {
namespace {

using core::ErrorCode;
using core::MakeError;

constexpr double kDuplicateMetres = 50;
constexpr long long kDuplicateSeconds = 24LL * 3600;
constexpr long long kAutoCloseSeconds = 72LL * 3600;
constexpr long long kConfirmPoints = points::kReportConfirmedPoints;
/// How near a compound's centre a report counts as inside it (most compounds here are under
/// 500 m across; their stored position is the centre).
constexpr double kInsideCompoundMetres = 250;

/// "2026-11" for a Unix time, in Beijing time.

constexpr std::string_view kColumns =
    "id, category, status, description, lat, lon, address, area_code, area_path, compound_code, difficulty, "
    "reporter_account_id, reporter_name, reporter_kind, grid_reporter, source, assignee_kind, assignee, handler_login, "
    "me_too, close_reason, created_at, updated_at, due_at, resolved_at, closed_at, step_count, acceptor_kind, "
    "acceptor_code, "
    "acceptor_name, acceptor_account_id, acceptor_rule_id, acceptor_reason";

std::optional<long long> OptionalInt(const storage::Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.Int(column);
}

/// The public ids of a report's scene photos, oldest first; a resolution photo belongs to its step.
std::vector<std::string> ScenePhotos(storage::Connection& connection, long long report_id) {
  std::vector<std::string> photos;
  for (const storage::Row& photo : connection.Query(
           "SELECT public_id FROM report_media WHERE report_id = ? AND public_id IS NOT NULL AND id NOT IN "
           "(SELECT photo_id FROM report_steps WHERE report_id = ? AND photo_id IS NOT NULL) ORDER BY id",
           {report_id, report_id})) {
    photos.push_back(photo.Text(0));
  }
  return photos;
}

Report FromRow(const storage::Row& row) {
  Report r;
  r.id = row.Int(0);
  r.category = ParseCategory(row.Text(1)).value_or(Category::kOther);
  r.status = ParseStatus(row.Text(2)).value_or(Status::kSubmitted);
  r.description = row.Text(3);
  r.lat = row.Double(4);
  r.lon = row.Double(5);
  r.address = row.Text(6);
  r.area_code = row.Text(7);
  r.area_path = row.Text(8);
  r.compound_code = row.OptionalText(9);
  if (auto d = row.OptionalText(10)) r.difficulty = ParseDifficulty(*d);
  r.reporter_account_id = OptionalInt(row, 11);
  r.reporter_name = row.Text(12);
  r.reporter_kind = row.OptionalText(13);
  r.grid_reporter = row.Int(14) != 0;
  r.source = row.Text(15);
  r.assignee_kind = row.OptionalText(16);
  r.assignee = row.OptionalText(17);
  r.handler_login = row.OptionalText(18);
  r.me_too = row.Int(19);
  if (auto reason = row.OptionalText(20)) {
    r.close_reason =
        *reason == "auto_confirmed" ? std::optional(CloseReason::kAutoConfirmed) : ParseCloseReason(*reason);
  }
  r.created_at = row.Int(21);
  r.updated_at = row.Int(22);
  r.due_at = row.Int(23);
  r.resolved_at = OptionalInt(row, 24);
  r.closed_at = OptionalInt(row, 25);
  r.step_count = row.Int(26);
  if (auto kind = row.OptionalText(27)) {
    Acceptor acceptor;
    acceptor.kind = ParseAcceptorKind(*kind).value_or(AcceptorKind::kCommunity);
    acceptor.code = row.OptionalText(28).value_or("");
    acceptor.name = row.OptionalText(29).value_or("");
    acceptor.account_id = OptionalInt(row, 30);
    acceptor.rule_id = OptionalInt(row, 31);
    // New rows hold the reason's fields as JSON; older ones a sentence.
    const std::string reason = row.OptionalText(32).value_or("");
    boost::system::error_code error;
    if (reason.starts_with('{')) {
      if (auto why = boost::json::parse(reason, error); !error && why.is_object())
        acceptor.why = std::move(why.as_object());
    }
    if (acceptor.why.empty()) acceptor.reason = reason;
    r.acceptor = std::move(acceptor);
  }
  return r;
}

core::Status CheckInput(const ReportInput& input, std::size_t max_description = 500) {
  if (!std::isfinite(input.lat) || !std::isfinite(input.lon) || std::abs(input.lat) > 90 || std::abs(input.lon) > 180) {
    return MakeError(ErrorCode::kValidationFailed, "lat/lon: not a position on Earth");
  }
  // Beijing municipality with a margin.
  if (input.lat < 39.4 || input.lat > 41.1 || input.lon < 115.3 || input.lon > 117.6) {
    return core::MakeProblem(ErrorCode::kValidationFailed, "", "reports.outside_city", "lat/lon: outside the city");
  }
  if (core::CountCodePoints(input.description) > max_description) {
    return MakeError(ErrorCode::kValidationFailed, fmt::format("description: at most {} characters", max_description));
  }
  if (input.category == Category::kOwnDifficulty && !input.difficulty) {
    return MakeError(ErrorCode::kValidationFailed,
                     "difficulty: say what happened (cannot_enter, no_parking, rude_treatment)");
  }
  if (input.category != Category::kOwnDifficulty && input.difficulty) {
    return MakeError(ErrorCode::kValidationFailed, "difficulty: only for the worker's own difficulty");
  }
  if (input.photo_ids.size() > 6) return MakeError(ErrorCode::kValidationFailed, "photo_ids: at most 6 photos");
  return core::Ok{};
}

}  // namespace

core::Error DuplicateProblem(const DuplicateReport& found) {
  boost::json::object duplicate_of{{"id", found.id},
                                   {"distance_m", std::round(found.distance_metres * 10) / 10},
                                   {"me_too", found.me_too},
                                   {"own", found.own},
                                   {"within_m", std::max(1.0, std::ceil(found.distance_metres))},
                                   {"reported_by", found.me_too + 1}};
  if (found.own) {
    return core::MakeProblem(ErrorCode::kConflict, "already_reported", "reports.already_reported",
                             fmt::format("you reported this within {:.0f} m already (#{})",
                                         std::max(1.0, std::ceil(found.distance_metres)), found.id),
                             {{"duplicate_of", std::move(duplicate_of)}});
  }
  return core::MakeProblem(ErrorCode::kConflict, "possible_duplicate", "reports.duplicate_nearby",
                           fmt::format("the same problem was reported {:.0f} m away: join it", found.distance_metres),
                           {{"duplicate_of", std::move(duplicate_of)}});
}

namespace {

/// The nearest open report of `input`'s category within 50 m, created in the last 24 h; `own` when
/// `account_id` reported it.
std::optional<DuplicateReport> NearbyOpenReport(storage::Connection& connection, const ReportInput& input,
                                                long long now, std::optional<long long> account_id) {
  const geo::BoundingBox box = geo::BoxAround({input.lon, input.lat}, kDuplicateMetres);
  std::optional<DuplicateReport> found;
  for (const storage::Row& row : connection.Query("SELECT id, lat, lon, me_too, reporter_account_id FROM reports "
                                                  "WHERE category = ? AND status NOT IN ('confirmed', 'closed') AND "
                                                  "created_at > ? AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
                                                  {std::string(CategoryName(input.category)), now - kDuplicateSeconds,
                                                   box.min_lat, box.max_lat, box.min_lon, box.max_lon})) {
    const double metres = geo::DistanceMetres({input.lon, input.lat}, {row.Double(2), row.Double(1)});
    if (metres <= kDuplicateMetres && (!found || metres < found->distance_metres)) {
      found =
          DuplicateReport{row.Int(0), metres, row.Int(3), account_id && !row.IsNull(4) && row.Int(4) == *account_id};
    }
  }
  return found;
}

void AddStep(storage::Connection& connection, long long id, Status status, long long now, const std::string& login,
             const std::string& role, const std::string& note, std::optional<long long> photo) {
  connection.Execute(
      "INSERT INTO report_steps (report_id, status, at, actor_login, actor_role, note, photo_id) VALUES (?, ?, ?, ?, "
      "?, ?, ?)",
      {id, std::string(StatusName(status)), now, login, role, note,
       photo ? storage::Value{*photo} : storage::Value{nullptr}});
}

/// A note the server writes itself, worded at the edge (see reports::step_note).
std::string SystemNote(std::string_view key, const boost::json::object& fields = {}) {
  boost::json::object note{{"says", key}};
  for (const auto& [name, value] : fields) note[name] = value;
  return core::SerializeJson(note);
}

/// Tells the station keeper or the property managers a report was routed to.
void NotifyAcceptor(storage::Connection& connection, Told& told, const Acceptor& acceptor, long long id,
                    Category category, long long now) {
  for (const std::string& login : acceptor.notify) {
    Notify(
        connection, told, login, id, notification::kReportRouted,
        {{"category", CategoryName(category)}, {"category_zh", CategoryLabelZh(category)}, {"acceptor", acceptor.name}},
        now);
  }
}

/// The logins of `party` for `report` (see Party).
std::vector<std::string> LoginsOf(storage::Connection& connection, const Report& report, Party party) {
  std::vector<std::string> logins;
  const auto add = [&](std::string_view sql, std::vector<storage::Value> params) {
    for (const storage::Row& row : connection.Query(sql, std::move(params))) logins.push_back(row.Text(0));
  };
  switch (party) {
    case Party::kReporter:
      if (report.reporter_account_id)
        add("SELECT login FROM accounts WHERE id = ? AND disabled = 0", {*report.reporter_account_id});
      break;
    case Party::kAssignee:
      if (report.assignee_kind == "officer" && report.assignee) logins.push_back(*report.assignee);
      break;
    case Party::kHandler:
      if (report.handler_login) logins.push_back(*report.handler_login);
      break;
    case Party::kAcceptor:
      if (report.acceptor && report.acceptor->kind == AcceptorKind::kNearestStation && report.acceptor->account_id) {
        add("SELECT login FROM accounts WHERE id = ? AND disabled = 0", {*report.acceptor->account_id});
      } else if (report.acceptor && report.acceptor->kind == AcceptorKind::kProperty) {
        add("SELECT login FROM accounts WHERE role = 'property_manager' AND area_code = ? AND disabled = 0 ORDER BY id",
            {report.acceptor->code});
      } else {
        add("SELECT login FROM accounts WHERE role = 'community_officer' AND area_code = ? AND disabled = 0 ORDER BY "
            "id",
            {report.area_code});
      }
      break;
  }
  return logins;
}

/// Writes the notices of a step on `report` (NoticesFor), none to `actor`.
void TellOfStep(storage::Connection& connection, Told& told, const Report& report, const std::vector<Notice>& notices,
                std::string_view actor, const std::string& note, long long now) {
  std::vector<Addressee> candidates;
  for (const Notice& notice : notices) {
    for (std::string& login : LoginsOf(connection, report, notice.party))
      candidates.push_back({std::move(login), notice.kind});
  }
  for (const Addressee& to : Addressees(candidates, actor)) {
    boost::json::object fields{{"category", CategoryName(report.category)},
                               {"category_zh", CategoryLabelZh(report.category)}};
    if (to.kind == notification::kReopened) fields["note"] = note;
    Notify(connection, told, to.login, report.id, to.kind, std::move(fields), now);
  }
}

}  // namespace

ReportService::Location ReportService::Locate(storage::Connection& connection, double lat, double lon) const {
  const geo::BoundingBox box = geo::BoxAround({lon, lat}, 1000);
  std::optional<std::pair<std::string, std::string>> best;
  double best_metres = 1e18;
  for (const storage::Row& row : connection.Query("SELECT code, parent_code, lat, lon FROM areas WHERE level = "
                                                  "'compound' AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
                                                  {box.min_lat, box.max_lat, box.min_lon, box.max_lon})) {
    const double metres = geo::DistanceMetres({lon, lat}, {row.Double(3), row.Double(2)});
    if (metres < best_metres && !row.IsNull(1)) {
      best_metres = metres;
      best = std::make_pair(row.Text(0), row.Text(1));
    }
  }
  Location location;
  if (!best) return location;
  location.area = areas_.Find(connection, best->second);
  if (!location.area) return location;
  location.compound = best->first;
  location.inside_compound = best_metres <= kInsideCompoundMetres;
  return location;
}

std::optional<Report> ReportService::Load(storage::Connection& connection, long long id) const {
  auto row = connection.QueryOne(fmt::format("SELECT {} FROM reports WHERE id = ?", kColumns), {id});
  if (!row) return std::nullopt;
  Report report = FromRow(*row);
  for (const storage::Row& step :
       connection.Query("SELECT s.status, s.at, s.actor_login, s.actor_role, s.note, m.public_id FROM report_steps s "
                        "LEFT JOIN report_media m ON m.id = s.photo_id WHERE s.report_id = ? ORDER BY s.id",
                        {id})) {
    report.steps.push_back({ParseStatus(step.Text(0)).value_or(Status::kSubmitted), step.Int(1), step.Text(2),
                            step.Text(3), step.Text(4), step.OptionalText(5)});
  }
  report.photos = ScenePhotos(connection, id);
  return report;
}

core::Result<Report> ReportService::Insert(storage::Connection& connection, const ReportInput& input,
                                           const std::string& area_code, const std::string& area_path,
                                           const std::optional<std::string>& compound,
                                           std::optional<long long> reporter, const std::string& reporter_name,
                                           const std::optional<std::string>& reporter_kind, bool grid_reporter,
                                           const Acceptor& acceptor, const std::string& source,
                                           const std::string& actor_login, const std::string& actor_role,
                                           long long now) {
  const auto optional_text = [](const std::optional<std::string>& text) {
    return text ? storage::Value{*text} : storage::Value{nullptr};
  };
  const long long id =
      connection
          .QueryOne(
              "INSERT INTO reports (category, status, description, lat, lon, address, area_code, area_path, "
              "compound_code, "
              "difficulty, reporter_account_id, reporter_name, reporter_kind, grid_reporter, source, client_id, "
              "created_at, "
              "updated_at, due_at, acceptor_kind, acceptor_code, acceptor_name, acceptor_account_id, acceptor_rule_id, "
              "acceptor_reason) VALUES (?, 'submitted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
              "?, ?) "
              "RETURNING id",
              {std::string(CategoryName(input.category)),
               input.description,
               input.lat,
               input.lon,
               input.address,
               area_code,
               area_path,
               optional_text(compound),
               input.difficulty ? storage::Value{std::string(DifficultyName(*input.difficulty))}
                                : storage::Value{nullptr},
               reporter ? storage::Value{*reporter} : storage::Value{nullptr},
               reporter_name,
               optional_text(reporter_kind),
               grid_reporter ? 1LL : 0LL,
               source,
               input.client_id.empty() ? storage::Value{nullptr} : storage::Value{input.client_id},
               now,
               now,
               now + DeadlineHours(input.category) * 3600LL,
               std::string(AcceptorKindName(acceptor.kind)),
               acceptor.code,
               acceptor.name,
               acceptor.account_id ? storage::Value{*acceptor.account_id} : storage::Value{nullptr},
               acceptor.rule_id ? storage::Value{*acceptor.rule_id} : storage::Value{nullptr},
               acceptor.why.empty() ? acceptor.reason : core::SerializeJson(acceptor.why)})
          ->Int(0);
  AddStep(connection, id, Status::kSubmitted, now, actor_login, actor_role, "", std::nullopt);
  for (long long photo : input.photo_ids) {
    const long long attached = reporter ? connection.Execute(
                                              "UPDATE report_media SET report_id = ? WHERE id = ? AND report_id IS "
                                              "NULL AND uploader_account_id = ?",
                                              {id, photo, *reporter})
                                        : connection.Execute(
                                              "UPDATE report_media SET report_id = ? WHERE id = ? AND report_id IS "
                                              "NULL AND uploader_account_id IS NULL",
                                              {id, photo});
    if (attached != 1)
      return MakeError(ErrorCode::kValidationFailed,
                       fmt::format("photo_ids: photo {} is not an unused upload of yours", photo));
  }
  // What was just written, without reading it back.
  Report report;
  report.id = id;
  report.category = input.category;
  report.description = input.description;
  report.lat = input.lat;
  report.lon = input.lon;
  report.address = input.address;
  report.area_code = area_code;
  report.area_path = area_path;
  report.compound_code = compound;
  report.difficulty = input.difficulty;
  report.reporter_account_id = reporter;
  report.reporter_name = reporter_name;
  report.reporter_kind = reporter_kind;
  report.grid_reporter = grid_reporter;
  report.source = source;
  report.created_at = report.updated_at = now;
  report.due_at = now + DeadlineHours(input.category) * 3600LL;
  report.step_count = 1;
  report.acceptor = acceptor;
  report.steps.push_back({Status::kSubmitted, now, actor_login, actor_role, "", std::nullopt});
  if (!input.photo_ids.empty()) report.photos = ScenePhotos(connection, id);
  return report;
}

ReportService::Placement ReportService::Place(storage::Connection& connection, const accounts::Principal& worker,
                                              const ReportInput& input, long long now) const {
  Placement place;
  auto worker_row = connection.QueryOne("SELECT name, kind FROM workers WHERE account_id = ?", {worker.account_id});
  place.reporter_name = worker_row ? worker_row->Text(0) : worker.display_name;
  if (worker_row) place.reporter_kind = worker_row->Text(1);
  Location location = Locate(connection, input.lat, input.lon);
  place.compound = location.compound;
  std::optional<areas::Area>& area = location.area;
  // Far from every compound: the worker's own community.
  if (!area) area = areas_.Find(connection, worker.area_code);
  if (!area) {
    // The worker's own area record is missing: place it by the session alone.
    area.emplace();
    area->code = worker.area_code;
    area->path = worker.area_path;
  }
  place.area_code = area->code;
  place.area_path = area->path;
  place.grid_route =
      grid_reporters_.RouteFor(connection, worker.account_id, place.area_path, schedule::BeijingDate(now));
  if (place.grid_route) {
    place.acceptor.kind = AcceptorKind::kCommunity;
    place.acceptor.code = area->code;
    place.acceptor.name = area->name_zh;
    place.acceptor.why = {{"because", "grid_reporter"}, {"outcome", "grid"}};
  } else {
    place.acceptor = router_.Route(connection, input.category, input.lat, input.lon, *area,
                                   location.inside_compound ? location.compound : std::nullopt);
  }
  return place;
}

core::Result<Report> ReportService::Submit(const accounts::Principal& worker, const ReportInput& input, long long now) {
  if (worker.role != accounts::Role::kWorker) return MakeError(ErrorCode::kForbidden, "reports are sent by workers");
  if (auto checked = CheckInput(input); !checked.ok()) return checked.error();
  if (group_commit_ != nullptr) {
    // Reads that need no lock happen here, in the caller's thread; the shared writer only writes.
    const Placement placement = Place(*database_.Acquire(), worker, input, now);
    std::optional<core::Result<Report>> result;
    Told told;
    const bool committed = group_commit_->Run([&](storage::Connection& connection) {
      result.emplace(SubmitOn(connection, told, worker, input, placement, now));
      return result->ok();
    });
    if (committed) told.Wake(bus_);
    return std::move(*result);
  }
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  Told told;
  auto result = SubmitOn(*connection, told, worker, input, Place(*connection, worker, input, now), now);
  if (result.ok()) {
    transaction.Commit();
    told.Wake(bus_);
  }
  return result;
}

core::Result<Report> ReportService::SubmitOn(storage::Connection& connection_in, Told& told,
                                             const accounts::Principal& worker, const ReportInput& input,
                                             const Placement& placement, long long now) {
  storage::Connection* connection = &connection_in;
  if (!input.client_id.empty()) {
    if (auto row = connection->QueryOne("SELECT id FROM reports WHERE reporter_account_id = ? AND client_id = ?",
                                        {worker.account_id, input.client_id})) {
      return *Load(*connection, row->Int(0));  // the same draft sent again after a lost connection
    }
  }
  const long long recent = connection->QueryInt(
      "SELECT COUNT(*) FROM reports WHERE reporter_account_id = ? AND created_at > ?", {worker.account_id, now - 3600});
  if (recent >= kReportsPerHour) {
    core::Error error = core::MakeProblem(ErrorCode::kRateLimited, "", "reports.hourly_limit",
                                          fmt::format("at most {} reports an hour: try again later", kReportsPerHour),
                                          {{"limit_per_hour", kReportsPerHour}});
    error.retry_after_seconds = 600;
    return error;
  }
  // An open report of the same category nearby and recent: offer "me too".
  const std::optional<DuplicateReport> found = NearbyOpenReport(*connection, input, now, worker.account_id);
  if (input.join) {
    if (!found || found->id != *input.join) {
      return MakeError(ErrorCode::kValidationFailed,
                       "join: no open report of this category within 50 m and 24 h has that id");
    }
    if (found->own) return MakeError(ErrorCode::kValidationFailed, "join: this is your own report");
    connection->Execute("UPDATE reports SET me_too = me_too + 1, updated_at = ? WHERE id = ?", {now, found->id});
    for (long long photo : input.photo_ids) {
      connection->Execute(
          "UPDATE report_media SET report_id = ? WHERE id = ? AND report_id IS NULL AND uploader_account_id = ?",
          {found->id, photo, worker.account_id});
    }
    auto joined = Load(*connection, found->id);
    return std::move(*joined);
  }
  if (found) return DuplicateProblem(*found);
  const Placement& place = placement;
  const std::string& area_code = place.area_code;
  const std::string& area_path = place.area_path;
  const auto& grid_route = place.grid_route;
  const std::string& name = place.reporter_name;
  const auto& kind = place.reporter_kind;
  const auto& compound = place.compound;
  auto report =
      Insert(*connection, input, area_code, area_path, compound, worker.account_id, name, kind, grid_route.has_value(),
             place.acceptor, "app", worker.login, std::string(accounts::RoleName(worker.role)), now);
  if (!report.ok()) return report.error();
  if (!grid_route) NotifyAcceptor(*connection, told, place.acceptor, report->id, input.category, now);
  if (grid_route) {
    // Straight to the grid: no station in between.
    const long long id = report->id;
    if (grid_route->grid_officer_login) {
      const std::string& officer = *grid_route->grid_officer_login;
      connection->Execute(
          "UPDATE reports SET status = 'dispatched', assignee_kind = 'officer', assignee = ?, step_count = step_count "
          "+ 1 "
          "WHERE id = ?",
          {officer, id});
      AddStep(*connection, id, Status::kDispatched, now, "system", "system",
              SystemNote(step_note::kGridToOfficer, {{"officer", officer}}), std::nullopt);
      Notify(*connection, told, officer, id, notification::kGridReport,
             {{"category", CategoryName(input.category)}, {"category_zh", CategoryLabelZh(input.category)}}, now);
    } else {
      connection->Execute("UPDATE reports SET status = 'accepted', step_count = step_count + 1 WHERE id = ?", {id});
      AddStep(*connection, id, Status::kAccepted, now, "system", "system", SystemNote(step_note::kGridToCommunity),
              std::nullopt);
    }
    report = *Load(*connection, id);
  }
  audit::Entry entry =
      accounts::AuditEntryBy(worker, "report.submit", "reports", std::to_string(report->id), area_code);
  audit::AuditLog::Record(*connection, entry);
  return report;
}

core::Result<Report> ReportService::SubmitFromOrganisation(const std::string& organisation, const ReportInput& input,
                                                           long long now) {
  if (auto checked = CheckInput(input, 4000); !checked.ok()) return checked.error();
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  Location location = Locate(*connection, input.lat, input.lon);
  std::optional<areas::Area>& area = location.area;
  // Far from every compound, and with no account to place it by: the city's own area.
  if (!area) {
    if (auto root = connection->QueryOne("SELECT code FROM areas WHERE parent_code IS NULL ORDER BY code LIMIT 1")) {
      area = areas_.Find(*connection, root->Text(0));
    }
  }
  if (!area) return MakeError(ErrorCode::kValidationFailed, "lat/long: not in an area this city serves");
  // The same problem already open nearby: the organisation follows that request instead.
  if (auto found = NearbyOpenReport(*connection, input, now, std::nullopt)) return DuplicateProblem(*found);
  ReportInput without_photos = input;
  without_photos.photo_ids.clear();
  const std::optional<std::string>& compound = location.compound;
  const Acceptor acceptor = router_.Route(*connection, input.category, input.lat, input.lon, *area,
                                          location.inside_compound ? compound : std::nullopt);
  auto report =
      Insert(*connection, without_photos, area->code, area->path, compound, std::nullopt, organisation, std::nullopt,
             false, acceptor, "open311:" + organisation, "open311:" + organisation, "open311", now);
  if (!report.ok()) return report.error();
  Told told;
  NotifyAcceptor(*connection, told, acceptor, report->id, input.category, now);
  transaction.Commit();
  told.Wake(bus_);
  return report;
}

core::Result<ReportService::RoutePreview> ReportService::PreviewRoute(const accounts::Principal& caller,
                                                                      Category category, double lat, double lon) const {
  if (!IsHandlerRole(caller.role)) return MakeError(ErrorCode::kForbidden, "routing previews are for staff");
  ReportInput input;
  input.category = category;
  input.lat = lat;
  input.lon = lon;
  if (category == Category::kOwnDifficulty) input.difficulty = Difficulty::kCannotEnter;
  if (auto checked = CheckInput(input); !checked.ok()) return checked.error();
  auto connection = database_.Acquire();
  RoutePreview preview;
  const Location location = Locate(*connection, lat, lon);
  if (!location.area) {
    return core::MakeProblem(ErrorCode::kValidationFailed, "", "reports.no_compound_nearby",
                             "lat/lon: no compound within 1 km: a report here belongs to its reporter's community");
  }
  // The rules of an area are its staff's business: a point outside the caller's area is refused
  // as GET /acceptance-rules?area= would refuse that area.
  // A compound's staff preview their compound; officers, the area the point belongs to.
  bool in_scope = accounts::InScope(caller, *location.area);
  if (!in_scope && location.compound) {
    if (auto compound = areas_.Find(*connection, *location.compound)) in_scope = accounts::InScope(caller, *compound);
  }
  if (!in_scope) return MakeError(ErrorCode::kForbidden, "this point lies outside your account's area");
  preview.compound = location.compound;
  preview.area_code = location.area->code;
  preview.acceptor = router_.Route(*connection, category, lat, lon, *location.area,
                                   location.inside_compound ? location.compound : std::nullopt);
  return preview;
}

core::Result<Report> ReportService::Act(const accounts::Principal& caller, long long id, Action action,
                                        const std::string& note, const std::optional<std::string>& assignee_kind,
                                        const std::optional<std::string>& assignee, std::optional<long long> photo_id,
                                        std::optional<CloseReason> reason, long long now) {
  if (core::CountCodePoints(note) > 500) return MakeError(ErrorCode::kValidationFailed, "note: at most 500 characters");
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  if (connection->dialect() == storage::Dialect::kPostgres)
    connection->Query("SELECT id FROM reports WHERE id = ? FOR UPDATE", {id});
  auto report = Load(*connection, id);
  if (!report) return MakeError(ErrorCode::kNotFound, "no such report");
  const auto allowed = Allowed(*report, caller);
  if (std::find(allowed.begin(), allowed.end(), action) == allowed.end()) {
    if (const Sight sight = SightOf(*report, &caller); sight != Sight::kVisible) return SightError(Sight::kHidden);
    if (!Next(report->status, action)) {
      return core::MakeProblem(
          ErrorCode::kConflict, "invalid_transition", "reports.invalid_transition",
          fmt::format("a report that is {} cannot be {}", StatusName(report->status), ActionName(action)),
          {{"status", StatusName(report->status)}, {"action", ActionName(action)}});
    }
    return MakeError(ErrorCode::kForbidden, fmt::format("you may not {} this report", ActionName(action)));
  }
  const Status next = *Next(report->status, action);
  std::string step_text = note;
  if (action == Action::kDispatch) {
    if (!assignee_kind || !assignee || assignee->empty() ||
        (*assignee_kind != "officer" && *assignee_kind != "department")) {
      return MakeError(ErrorCode::kValidationFailed, "assignee: {kind: officer, login} or {kind: department, name}");
    }
    if (*assignee_kind == "officer") {
      auto row = connection->QueryOne(
          "SELECT a.role, r.path FROM accounts a JOIN areas r ON r.code = a.area_code WHERE a.login = ? AND a.disabled "
          "= 0",
          {*assignee});
      if (!row || !accounts::IsOfficer(*accounts::ParseRole(row->Text(0))) ||
          !areas::PathWithin(report->area_path, row->Text(1))) {
        return MakeError(ErrorCode::kValidationFailed,
                         "assignee: no officer with this login whose area holds the report");
      }
    }
    connection->Execute("UPDATE reports SET assignee_kind = ?, assignee = ? WHERE id = ?",
                        {*assignee_kind, *assignee, id});
    report->assignee_kind = assignee_kind;
    report->assignee = assignee;
    if (step_text.empty()) step_text = SystemNote(step_note::kAssigned, {{"assignee", *assignee}});
  }
  if (action == Action::kResolve) {
    if (!photo_id) return MakeError(ErrorCode::kValidationFailed, "photo_id: resolving needs a photo of the result");
    const long long attached = connection->Execute(
        "UPDATE report_media SET report_id = ? WHERE id = ? AND report_id IS NULL AND uploader_account_id = ?",
        {id, *photo_id, caller.account_id});
    if (attached != 1) return MakeError(ErrorCode::kValidationFailed, "photo_id: not an unused upload of yours");
  }
  if (action == Action::kClose) {
    if (!reason) return MakeError(ErrorCode::kValidationFailed, "reason: duplicate, not_ours or referred");
    connection->Execute("UPDATE reports SET close_reason = ?, closed_at = ? WHERE id = ?",
                        {std::string(CloseReasonName(*reason)), now, id});
    if (step_text.empty()) step_text = SystemNote("closed_" + std::string(CloseReasonName(*reason)));
  }
  if (action == Action::kResolve) connection->Execute("UPDATE reports SET resolved_at = ? WHERE id = ?", {now, id});
  if (action == Action::kReopen) {
    connection->Execute("UPDATE reports SET resolved_at = NULL, closed_at = NULL, close_reason = NULL WHERE id = ?",
                        {id});
  }
  if (action == Action::kConfirm && report->reporter_account_id) {
    // Recorded, and paid from the city's pool in the same transaction (when the pool is empty
    // the award stays recorded and unpaid).
    connection->Execute(
        "INSERT INTO point_awards (account_id, report_id, points, reason, at) VALUES (?, ?, ?, 'confirmed', ?) "
        "ON CONFLICT DO NOTHING",
        {*report->reporter_account_id, id, kConfirmPoints, now});
    points::PointsService::PayReportAward(*connection, *report->reporter_account_id, id, kConfirmPoints, now);
  }
  const bool handler_action = action == Action::kAccept || action == Action::kStart || action == Action::kResolve;
  connection->Execute("UPDATE reports SET status = ?, updated_at = ?, step_count = step_count + 1 WHERE id = ?",
                      {std::string(StatusName(next)), now, id});
  if (handler_action) connection->Execute("UPDATE reports SET handler_login = ? WHERE id = ?", {caller.login, id});
  AddStep(*connection, id, next, now, caller.login, std::string(accounts::RoleName(caller.role)), step_text,
          action == Action::kResolve ? photo_id : std::nullopt);
  audit::Entry entry = accounts::AuditEntryBy(caller, fmt::format("report.{}", ActionName(action)), "reports",
                                              std::to_string(id), report->area_code);
  audit::AuditLog::Record(*connection, entry);
  // The report as the step leaves it, but for the handler: a reopened report goes back to whoever had it.
  Told told;
  TellOfStep(*connection, told, *report, NoticesFor(*report, action, reason, note), caller.login, note, now);
  auto updated = Load(*connection, id);
  transaction.Commit();
  if (bus_ != nullptr) bus_->Publish(ReportTopic(id));
  told.Wake(bus_);
  return std::move(*updated);
}

core::Result<Report> ReportService::Get(const accounts::Principal* caller, long long id) const {
  auto connection = database_.Acquire();
  auto report = Load(*connection, id);
  if (!report) return MakeError(ErrorCode::kNotFound, "no such report");
  if (const Sight sight = SightOf(*report, caller); sight != Sight::kVisible) return SightError(sight);
  return std::move(*report);
}

std::vector<Report> ReportService::List(const Filter& filter, bool with_steps) const {
  auto [low, high] = areas::PathRange(filter.area_path);
  // A city, district or street holds most reports: walking newest first by id finds a page at
  // once, while the area index would gather and sort all of them. Smaller areas use the index.
  // (`|| ''` hides the column from the index in SQLite and PostgreSQL alike.)
  const bool large_area = std::count(filter.area_path.begin(), filter.area_path.end(), '/') <= 3;
  std::string where = large_area ? "area_path || '' >= ? AND area_path || '' < ?" : "area_path >= ? AND area_path < ?";
  std::vector<storage::Value> params{low, high};
  // A queue: what was routed here, and what its staff took up (each side by its own index).
  if (filter.routed_to_account) {
    where = "(acceptor_account_id = ? OR handler_login = ?)";
    params = {*filter.routed_to_account, filter.taken_up_by};
  } else if (filter.routed_to_compound) {
    where = "((acceptor_code = ? AND acceptor_kind = 'property') OR handler_login = ?)";
    params = {*filter.routed_to_compound, filter.taken_up_by};
  }
  if (filter.status) {
    where += " AND status = ?";
    params.emplace_back(std::string(StatusName(*filter.status)));
  }
  if (filter.open)
    where += *filter.open ? " AND status NOT IN ('confirmed', 'closed')" : " AND status IN ('confirmed', 'closed')";
  if (filter.category) {
    where += " AND category = ?";
    params.emplace_back(std::string(CategoryName(*filter.category)));
  }
  if (!filter.categories.empty()) {
    where += " AND category IN (";
    for (std::size_t i = 0; i < filter.categories.size(); ++i) {
      where += i == 0 ? "?" : ", ?";
      params.emplace_back(std::string(CategoryName(filter.categories[i])));
    }
    where += ")";
  }
  if (!filter.include_private) where += " AND category <> 'welfare'";
  if (filter.from) {
    where += " AND created_at >= ?";
    params.emplace_back(*filter.from);
  }
  if (filter.to) {
    where += " AND created_at <= ?";
    params.emplace_back(*filter.to);
  }
  if (filter.reporter_account_id) {
    where += " AND reporter_account_id = ?";
    params.emplace_back(*filter.reporter_account_id);
  }
  if (filter.before_id) {
    where += " AND id < ?";
    params.emplace_back(*filter.before_id);
  }
  if (!filter.ids.empty()) {
    where += " AND id IN (";
    for (std::size_t i = 0; i < filter.ids.size(); ++i) {
      where += i == 0 ? "?" : ", ?";
      params.emplace_back(filter.ids[i]);
    }
    where += ")";
  }
  params.emplace_back(static_cast<long long>(filter.limit));
  auto connection = database_.Acquire();
  std::vector<Report> out;
  for (const storage::Row& row : connection->Query(
           fmt::format("SELECT {} FROM reports WHERE {} ORDER BY id DESC LIMIT ?", kColumns, where), params)) {
    out.push_back(FromRow(row));
  }
  if (with_steps) {
    for (Report& report : out) report = *Load(*connection, report.id);
  }
  return out;
}

core::Result<media::StoredPhoto> ReportService::AddPhoto(const accounts::Principal& caller,
                                                         const std::string& content_type, const std::string& bytes,
                                                         const std::string& thumbnail_jpeg, long long now) {
  if (caller.role != accounts::Role::kWorker && !IsHandlerRole(caller.role)) {
    return MakeError(ErrorCode::kForbidden, "photos are uploaded by workers and the staff who handle reports");
  }
  auto connection = database_.Acquire();
  const long long unused = connection->QueryInt(
      "SELECT COUNT(*) FROM report_media WHERE uploader_account_id = ? AND report_id IS NULL AND uploaded_at > ?",
      {caller.account_id, now - 3600});
  if (unused >= 30) {
    core::Error error =
        MakeError(ErrorCode::kRateLimited, "too many unused photos in the last hour: send the report first");
    error.retry_after_seconds = 600;
    return error;
  }
  media::StoredPhoto stored;
  stored.public_id = media::NewPhotoId();
  stored.id = connection
                  ->QueryOne(
                      "INSERT INTO report_media (uploader_account_id, content_type, data_base64, thumb_base64, "
                      "uploaded_at, public_id) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                      {caller.account_id, content_type, core::Base64Encode(bytes, core::Base64Variant::kStandard),
                       core::Base64Encode(thumbnail_jpeg, core::Base64Variant::kStandard), now, stored.public_id})
                  ->Int(0);
  return stored;
}

core::Result<media::ServedPhoto> ReportService::Photo(std::string_view public_id, const accounts::Principal* caller,
                                                      bool thumbnail) const {
  if (!media::IsPhotoId(public_id)) return MakeError(ErrorCode::kNotFound, "no such photo");
  auto connection = database_.Acquire();
  auto row = connection->QueryOne(
      thumbnail
          ? "SELECT CASE WHEN thumb_base64 IS NULL THEN content_type ELSE 'image/jpeg' END, "
            "COALESCE(thumb_base64, data_base64), report_id, uploader_account_id FROM report_media "
            "WHERE public_id = ?"
          : "SELECT content_type, data_base64, report_id, uploader_account_id FROM report_media WHERE public_id = ?",
      {std::string(public_id)});
  if (!row) return MakeError(ErrorCode::kNotFound, "no such photo");
  // Who sees the report decides who sees its photos; its steps and photos do not matter here.
  std::optional<Report> report;
  if (!row->IsNull(2)) {
    auto report_row = connection->QueryOne(fmt::format("SELECT {} FROM reports WHERE id = ?", kColumns), {row->Int(2)});
    if (!report_row) return MakeError(ErrorCode::kNotFound, "no such photo");
    report = FromRow(*report_row);
  }
  const PhotoSight sight = PhotoSightOf(report ? &*report : nullptr, OptionalInt(*row, 3), caller);
  if (sight == PhotoSight::kHidden) return MakeError(ErrorCode::kNotFound, "no such photo");
  auto bytes = core::Base64Decode(row->Text(1), core::Base64Variant::kStandard);
  if (!bytes) throw storage::DatabaseError("stored report photo " + std::string(public_id) + " is not base64");
  return media::ServedPhoto{row->Text(0), std::string(bytes->begin(), bytes->end()), sight == PhotoSight::kPublic};
}

long long ReportService::FillMissingPhotoIds() {
  auto connection = database_.Acquire();
  long long filled = 0;
  for (;;) {
    const auto rows = connection->Query("SELECT id FROM report_media WHERE public_id IS NULL ORDER BY id LIMIT 500");
    if (rows.empty()) return filled;
    storage::Transaction transaction(*connection);
    for (const storage::Row& row : rows) {
      filled += connection->Execute("UPDATE report_media SET public_id = ? WHERE id = ? AND public_id IS NULL",
                                    {media::NewPhotoId(), row.Int(0)});
    }
    transaction.Commit();
  }
}

long long ReportService::StepCount(long long id) const {
  auto connection = database_.Acquire();
  auto row = connection->QueryOne("SELECT step_count FROM reports WHERE id = ?", {id});
  return row ? row->Int(0) : -1;
}

long long ReportService::EscalateOverdue(long long now) {
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  struct Climb {
    long long id;
    int level;
    std::string area_path;
    Category category;
  };
  std::vector<Climb> climbs;
  Told told;
  for (const storage::Row& row :
       connection->Query("SELECT id, status, created_at, due_at, escalation_level, area_path, category FROM reports "
                         "WHERE status IN ('submitted', 'accepted', 'dispatched', 'in_progress') AND due_at < ?",
                         {now})) {
    const auto status = ParseStatus(row.Text(1)).value_or(Status::kSubmitted);
    const int level = static_cast<int>(EscalationOf(status, row.Int(2), row.Int(3), now));
    if (level > row.Int(4)) {
      climbs.push_back({row.Int(0), level, row.Text(5), ParseCategory(row.Text(6)).value_or(Category::kOther)});
    }
  }
  for (const Climb& climb : climbs) {
    connection->Execute("UPDATE reports SET escalation_level = ? WHERE id = ?",
                        {static_cast<long long>(climb.level), climb.id});
    const bool district = climb.level == static_cast<int>(Escalation::kDistrict);
    const std::string code(
        areas::PathCodeAt(climb.area_path, district ? areas::Level::kDistrict : areas::Level::kStreet));
    if (code.empty()) continue;
    for (const storage::Row& officer :
         connection->Query("SELECT login FROM accounts WHERE role = ? AND area_code = ? AND disabled = 0",
                           {std::string(district ? "district_officer" : "street_officer"), code})) {
      Notify(*connection, told, officer.Text(0), climb.id,
             district ? notification::kOverdueDistrict : notification::kOverdueStreet,
             {{"category", CategoryName(climb.category)}, {"category_zh", CategoryLabelZh(climb.category)}}, now);
    }
  }
  transaction.Commit();
  told.Wake(bus_);
  return static_cast<long long>(climbs.size());
}

long long ReportService::CloseUnconfirmed(long long now) {
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  std::vector<long long> ids;
  std::vector<Report> closing;
  for (const storage::Row& row :
       connection->Query("SELECT id, reporter_account_id, category FROM reports WHERE status = 'resolved' AND "
                         "resolved_at < ?",
                         {now - kAutoCloseSeconds})) {
    ids.push_back(row.Int(0));
    Report report;
    report.id = row.Int(0);
    report.reporter_account_id = OptionalInt(row, 1);
    report.category = ParseCategory(row.Text(2)).value_or(Category::kOther);
    closing.push_back(std::move(report));
  }
  Told told;
  for (const Report& report : closing) {
    TellOfStep(*connection, told, report, NoticesFor(report, Action::kClose, CloseReason::kAutoConfirmed, ""), "system",
               "", now);
  }
  for (long long id : ids) {
    connection->Execute(
        "UPDATE reports SET status = 'closed', close_reason = 'auto_confirmed', closed_at = ?, updated_at = ?, "
        "step_count = step_count + 1 WHERE id = ?",
        {now, now, id});
    AddStep(*connection, id, Status::kClosed, now, "system", "system",
            SystemNote("closed_" + std::string(CloseReasonName(CloseReason::kAutoConfirmed))), std::nullopt);
  }
  transaction.Commit();
  if (bus_ != nullptr) {
    for (long long id : ids) bus_->Publish(ReportTopic(id));
  }
  told.Wake(bus_);
  return static_cast<long long>(ids.size());
}

}  // namespace youhao::reports
