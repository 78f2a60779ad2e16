#include "entry/access_plan_service.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <fmt/format.h>

#include <algorithm>

#include "audit/audit_log.h"
#include "core/text.h"
#include "entry/rating_policy.h"

namespace youhao::entry {

namespace json = boost::json;

namespace {

constexpr std::string_view kBarrierReasons[] = {"property_rules", "vehicle_free", "security", "residents_vote",
                                                "other"};

core::Error Invalid(std::string detail) {
  return core::MakeError(core::ErrorCode::kValidationFailed, std::move(detail));
}

/// A string field of at most `max` characters; empty when absent.
core::Result<std::string> OptionalText(const json::object& object, std::string_view key, std::size_t max) {
  const auto* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) return std::string();
  if (!value->is_string()) return Invalid(fmt::format("\"{}\" must be a string", key));
  const std::string_view text = value->as_string();
  if (core::CountCodePoints(text) > max || core::HasControlCharacters(text)) {
    return Invalid(fmt::format("\"{}\" must be at most {} characters of text", key, max));
  }
  return std::string(core::Trim(text));
}

core::Status OnlyKeys(const json::object& object, std::initializer_list<std::string_view> keys,
                      std::string_view where) {
  for (const auto& [key, value] : object) {
    if (std::find(keys.begin(), keys.end(), std::string_view(key)) == keys.end()) {
      return core::MakeError(core::ErrorCode::kUnknownField,
                             fmt::format("unknown field \"{}\" in {}", std::string_view(key).substr(0, 40), where));
    }
  }
  return core::Ok{};
}

bool IsDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  const int month = (text[5] - '0') * 10 + (text[6] - '0');
  const int day = (text[8] - '0') * 10 + (text[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/// A rating needs a verified visit this recent.
constexpr long long kRatingVisitDays = 7;

bool IsOfficerForCompounds(accounts::Role role) {
  return accounts::Rank(role) >= accounts::Rank(accounts::Role::kGridOfficer);
}

}  // namespace

json::object PlanToJson(const AccessPlan& plan) {
  json::array gates;
  for (long long id : plan.green_lane_gates) gates.push_back(id);
  json::array points;
  for (const auto& point : plan.drop_off_points)
    points.push_back({{"name", point.name}, {"description", point.description}});
  json::object out{
      {"mode", passes::AccessModeName(plan.mode)},
      {"opening_hours", plan.opening_hours},
      {"max_stay_minutes", plan.max_stay_minutes},
      {"green_lane_gates", std::move(gates)},
      {"drop_off_points", std::move(points)},
      {"survey",
       {{"workers_can_enter", plan.workers_can_enter},
        {"barrier_reason", plan.barrier_reason ? json::value(*plan.barrier_reason) : nullptr},
        {"note", plan.survey_note}}},
      {"agreement", {{"meeting_date", plan.meeting_date}, {"parties", plan.parties}, {"decision", plan.decision}}},
      {"version", plan.version},
      {"updated_at", plan.updated_at},
      {"updated_by", plan.updated_by}};
  if (auto hours = schedule::OpeningHours::Parse(plan.opening_hours); hours.ok())
    out["opening_hours_zh"] = hours->DescribeZh();
  return out;
}

core::Result<AccessPlan> PlanFromJson(const json::object& body) {
  if (auto keys = OnlyKeys(body,
                           {"mode", "opening_hours", "max_stay_minutes", "green_lane_gates", "drop_off_points",
                            "survey", "agreement", "version", "updated_at", "updated_by", "opening_hours_zh"},
                           "the plan");
      !keys.ok()) {
    return keys.error();
  }
  AccessPlan plan;
  const auto* mode = body.if_contains("mode");
  if (mode == nullptr || !mode->is_string() || !passes::ParseAccessMode(mode->as_string())) {
    return Invalid("\"mode\" must be one of open, pass, whitelist, drop_off, green_lane");
  }
  plan.mode = *passes::ParseAccessMode(mode->as_string());
  auto hours_text = OptionalText(body, "opening_hours", 255);
  if (!hours_text.ok()) return hours_text.error();
  plan.opening_hours = hours_text->empty() ? "24/7" : *hours_text;
  auto hours = schedule::OpeningHours::Parse(plan.opening_hours);
  if (!hours.ok()) return hours.error();
  plan.hours = std::move(hours.value());
  if (const auto* stay = body.if_contains("max_stay_minutes"); stay != nullptr && !stay->is_null()) {
    if (!stay->is_int64() || stay->as_int64() < 1 || stay->as_int64() > 1440) {
      return Invalid("\"max_stay_minutes\" must be an integer from 1 to 1440");
    }
    plan.max_stay_minutes = static_cast<int>(stay->as_int64());
  }
  if (const auto* gates = body.if_contains("green_lane_gates"); gates != nullptr && !gates->is_null()) {
    if (!gates->is_array() || gates->as_array().size() > 50)
      return Invalid("\"green_lane_gates\" must be a list of gate ids");
    for (const auto& gate : gates->as_array()) {
      if (!gate.is_int64() || gate.as_int64() < 1) return Invalid("\"green_lane_gates\" must be a list of gate ids");
      plan.green_lane_gates.push_back(gate.as_int64());
    }
  }
  if (const auto* points = body.if_contains("drop_off_points"); points != nullptr && !points->is_null()) {
    if (!points->is_array() || points->as_array().size() > 20)
      return Invalid("\"drop_off_points\" must be a list of at most 20 points");
    for (const auto& item : points->as_array()) {
      if (!item.is_object()) return Invalid("each drop-off point must be an object {name, description}");
      if (auto keys = OnlyKeys(item.as_object(), {"name", "description"}, "a drop-off point"); !keys.ok())
        return keys.error();
      auto name = OptionalText(item.as_object(), "name", 40);
      auto description = OptionalText(item.as_object(), "description", 200);
      if (!name.ok()) return name.error();
      if (!description.ok()) return description.error();
      if (name->empty()) return Invalid("each drop-off point needs a name");
      plan.drop_off_points.push_back({*name, *description});
    }
  }
  if (plan.mode == passes::AccessMode::kDropOff && plan.drop_off_points.empty()) {
    return Invalid("a drop-off only plan must name at least one drop-off point");
  }
  if (plan.mode == passes::AccessMode::kGreenLane && plan.green_lane_gates.empty()) {
    return Invalid("a green-lane plan must name at least one green-lane gate");
  }
  if (const auto* survey = body.if_contains("survey"); survey != nullptr && !survey->is_null()) {
    if (!survey->is_object()) return Invalid("\"survey\" must be an object");
    const auto& object = survey->as_object();
    if (auto keys = OnlyKeys(object, {"workers_can_enter", "barrier_reason", "note"}, "the survey"); !keys.ok())
      return keys.error();
    if (const auto* can = object.if_contains("workers_can_enter"); can != nullptr) {
      if (!can->is_bool()) return Invalid("\"survey.workers_can_enter\" must be true or false");
      plan.workers_can_enter = can->as_bool();
    }
    auto reason = OptionalText(object, "barrier_reason", 32);
    if (!reason.ok()) return reason.error();
    if (!reason->empty()) {
      if (std::find(std::begin(kBarrierReasons), std::end(kBarrierReasons), *reason) == std::end(kBarrierReasons)) {
        return Invalid(
            "\"survey.barrier_reason\" must be property_rules, vehicle_free, security, residents_vote or other");
      }
      plan.barrier_reason = *reason;
    }
    auto note = OptionalText(object, "note", 500);
    if (!note.ok()) return note.error();
    plan.survey_note = *note;
  }
  if (const auto* agreement = body.if_contains("agreement"); agreement != nullptr && !agreement->is_null()) {
    if (!agreement->is_object()) return Invalid("\"agreement\" must be an object");
    const auto& object = agreement->as_object();
    if (auto keys = OnlyKeys(object, {"meeting_date", "parties", "decision"}, "the agreement"); !keys.ok())
      return keys.error();
    auto date = OptionalText(object, "meeting_date", 10);
    auto parties = OptionalText(object, "parties", 200);
    auto decision = OptionalText(object, "decision", 1000);
    if (!date.ok()) return date.error();
    if (!parties.ok()) return parties.error();
    if (!decision.ok()) return decision.error();
    if (!date->empty() && !IsDate(*date)) return Invalid("\"agreement.meeting_date\" must be YYYY-MM-DD");
    plan.meeting_date = *date;
    plan.parties = *parties;
    plan.decision = *decision;
  }
  return plan;
}

bool OpenAt(const AccessPlan& plan, long long now, const schedule::HolidayCalendar& holidays) {
  if (plan.hours) return plan.hours->IsOpen(holidays.At(now));
  auto hours = schedule::OpeningHours::Parse(plan.opening_hours);
  return hours.ok() && hours->IsOpen(holidays.At(now));
}

json::object SummaryToJson(const AccessSummary& summary) {
  json::array points;
  for (const auto& point : summary.drop_off_points)
    points.push_back({{"name", point.name}, {"description", point.description}});
  json::array gates;
  for (const auto& name : summary.green_lane_gates) gates.push_back(json::string(name));
  return {{"mode", passes::AccessModeName(summary.mode)},
          {"opening_hours", summary.opening_hours},
          {"opening_hours_zh", summary.opening_hours_zh ? json::value(*summary.opening_hours_zh) : nullptr},
          {"always_open", summary.always_open},
          {"open_now", summary.open_now},
          {"today", schedule::DayKindName(summary.today)},
          {"max_stay_minutes", summary.max_stay_minutes},
          {"drop_off_points", std::move(points)},
          {"green_lane_gates", std::move(gates)}};
}

const schedule::HolidayCalendar& AccessPlanService::Holidays() const {
  static const schedule::HolidayCalendar statutory_only;
  return holidays_ != nullptr ? *holidays_ : statutory_only;
}

core::Result<areas::Area> AccessPlanService::ReadableCompound(const accounts::Principal& principal,
                                                              std::string_view code) const {
  auto compound = code.size() <= 32 ? areas_.Find(code) : std::nullopt;
  if (!compound || compound->level != areas::Level::kCompound) {
    return core::MakeError(core::ErrorCode::kNotFound, "no compound with this code");
  }
  // Workers ride everywhere: any worker may read any compound's plan and gates.
  if (principal.role != accounts::Role::kWorker && !accounts::InScope(principal, *compound)) {
    return core::MakeError(core::ErrorCode::kForbidden, "this compound is outside your account's area");
  }
  return std::move(*compound);
}

core::Result<areas::Area> AccessPlanService::EditableCompound(const accounts::Principal& principal,
                                                              std::string_view code) const {
  auto compound = ReadableCompound(principal, code);
  if (!compound.ok()) return compound;
  const bool property = principal.role == accounts::Role::kPropertyManager && principal.area_code == compound->code;
  if (!property && !(IsOfficerForCompounds(principal.role) && accounts::InScope(principal, *compound))) {
    return core::MakeError(core::ErrorCode::kForbidden,
                           "only community staff and the compound's property manager edit access plans");
  }
  return compound;
}

AccessPlan AccessPlanService::Plan(std::string_view compound_code) const {
  auto connection = database_.Acquire();
  return Plan(*connection, compound_code);
}

AccessPlan AccessPlanService::Plan(storage::Connection& connection, std::string_view compound_code) const {
  const std::string key(compound_code);
  if (auto cached = cache_.Get(key)) return std::move(*cached);
  AccessPlan plan = LoadPlan(connection, compound_code);
  cache_.Put(key, plan);
  return plan;
}

AccessPlan AccessPlanService::LoadPlan(storage::Connection& connection, std::string_view compound_code) const {
  auto row =
      connection.QueryOne("SELECT plan_json, version, updated_at, updated_by FROM access_plans WHERE compound_code = ?",
                          {std::string(compound_code)});
  if (!row) return AccessPlan{};
  boost::system::error_code error;
  auto parsed = json::parse(row->Text(0), error);
  auto plan = !error && parsed.is_object() ? PlanFromJson(parsed.as_object())
                                           : core::Result<AccessPlan>(Invalid("the stored plan is not a JSON object"));
  if (!plan.ok()) {
    // A plan stored before its checks (or by another version) that no longer reads is closed,
    // never open: its hours are kept as stored when they are what fails, and nothing parses them.
    std::string stored_hours;
    if (const auto* hours = parsed.is_object() ? parsed.as_object().if_contains("opening_hours") : nullptr;
        hours != nullptr && hours->is_string()) {
      stored_hours = std::string(hours->as_string());
    }
    if (parsed.is_object()) {
      json::object rest = parsed.as_object();
      rest["opening_hours"] = "24/7";
      plan = PlanFromJson(rest);
    }
    if (!plan.ok()) plan = AccessPlan{};
    plan->opening_hours = schedule::OpeningHours::Parse(stored_hours).ok() ? "off" : stored_hours;
    plan->hours.reset();
  }
  plan->version = static_cast<int>(row->Int(1));
  plan->updated_at = row->Int(2);
  plan->updated_by = row->Text(3);
  return std::move(plan.value());
}

core::Result<AccessPlan> AccessPlanService::SavePlan(const accounts::Principal& actor, const areas::Area& compound,
                                                     AccessPlan plan) {
  auto connection = database_.Acquire();
  for (long long gate_id : plan.green_lane_gates) {
    auto gate = FindGate(*connection, gate_id);
    if (!gate || gate->compound_code != compound.code) {
      return Invalid(fmt::format("gate {} is not a gate of this compound", gate_id));
    }
  }
  const long long now = storage::NowSeconds();
  storage::Transaction transaction(*connection);
  const AccessPlan before = LoadPlan(*connection, compound.code);
  plan.version = before.version + 1;
  plan.updated_at = now;
  plan.updated_by = actor.login;
  cache_.Erase(compound.code);
  const std::string text = json::serialize(PlanToJson(plan));
  if (before.version == 0) {
    connection->Execute(
        "INSERT INTO access_plans (compound_code, plan_json, version, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)",
        {compound.code, text, static_cast<long long>(plan.version), now, actor.login});
  } else {
    connection->Execute(
        "UPDATE access_plans SET plan_json = ?, version = ?, updated_at = ?, updated_by = ? WHERE compound_code = ?",
        {text, static_cast<long long>(plan.version), now, actor.login, compound.code});
  }
  connection->Execute(
      "INSERT INTO access_plan_history (compound_code, version, at, actor_login, plan_json) VALUES (?, ?, ?, ?, ?)",
      {compound.code, static_cast<long long>(plan.version), now, actor.login, text});
  audit::Entry entry = accounts::AuditEntryBy(actor, "access_plan.update", "compound", compound.code, compound.code);
  if (before.version > 0) entry.before_json = json::serialize(PlanToJson(before));
  entry.after_json = text;
  audit::AuditLog::Record(*connection, entry);
  transaction.Commit();
  cache_.Erase(compound.code);
  return plan;
}

std::vector<PlanVersion> AccessPlanService::History(std::string_view compound_code) const {
  auto connection = database_.Acquire();
  std::vector<PlanVersion> versions;
  for (const auto& row : connection->Query("SELECT version, at, actor_login, plan_json FROM access_plan_history WHERE "
                                           "compound_code = ? ORDER BY version DESC LIMIT 100",
                                           {std::string(compound_code)})) {
    versions.push_back({static_cast<int>(row.Int(0)), row.Int(1), row.Text(2), row.Text(3)});
  }
  return versions;
}

AccessSummary AccessPlanService::Summary(std::string_view compound_code, long long now) const {
  const AccessPlan plan = Plan(compound_code);
  AccessSummary summary{.mode = plan.mode,
                        .opening_hours = plan.opening_hours,
                        .open_now = OpenAt(plan, now, Holidays()),
                        .today = Holidays().Kind(schedule::BeijingDayNumber(now)),
                        .max_stay_minutes = plan.max_stay_minutes,
                        .drop_off_points = plan.drop_off_points};
  if (auto hours = plan.hours ? core::Result<schedule::OpeningHours>(*plan.hours)
                              : schedule::OpeningHours::Parse(plan.opening_hours);
      hours.ok()) {
    summary.opening_hours_zh = hours->DescribeZh();
    summary.always_open = hours->AlwaysOpen();
  }
  if (!plan.green_lane_gates.empty()) {
    const std::vector<Gate> gates = Gates(compound_code);
    for (long long id : plan.green_lane_gates) {
      const auto gate = std::find_if(gates.begin(), gates.end(), [id](const Gate& g) { return g.id == id; });
      if (gate != gates.end()) summary.green_lane_gates.push_back(gate->name);
    }
  }
  return summary;
}

std::vector<Gate> AccessPlanService::Gates(std::string_view compound_code) const {
  auto connection = database_.Acquire();
  std::vector<Gate> gates;
  for (const auto& row : connection->Query("SELECT id, compound_code, name, kind, workers_allowed, green_lane FROM "
                                           "gates WHERE compound_code = ? ORDER BY id",
                                           {std::string(compound_code)})) {
    gates.push_back({row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Int(4) != 0, row.Int(5) != 0});
  }
  return gates;
}

std::optional<Gate> AccessPlanService::FindGate(storage::Connection& connection, long long gate_id) const {
  auto row = connection.QueryOne(
      "SELECT id, compound_code, name, kind, workers_allowed, green_lane FROM gates WHERE id = ?", {gate_id});
  if (!row) return std::nullopt;
  return Gate{row->Int(0), row->Text(1), row->Text(2), row->Text(3), row->Int(4) != 0, row->Int(5) != 0};
}

std::vector<WhitelistEntry> AccessPlanService::Whitelist(std::string_view compound_code) const {
  auto connection = database_.Acquire();
  std::vector<WhitelistEntry> entries;
  for (const auto& row :
       connection->Query("SELECT w.id, w.name, w.platform, w.phone_sealed, l.added_at FROM whitelist l "
                         "JOIN workers w ON w.id = l.worker_id "
                         "WHERE l.compound_code = ? ORDER BY l.added_at, w.id",
                         {std::string(compound_code)})) {
    entries.push_back({row.Int(0), row.Text(1), row.Text(2),
                       row.IsNull(3) ? std::string() : phones_.Masked(row.Text(3)), row.Int(4)});
  }
  return entries;
}

bool AccessPlanService::OnWhitelist(storage::Connection& connection, std::string_view compound_code,
                                    long long worker_id) const {
  return connection.QueryInt("SELECT COUNT(*) FROM whitelist WHERE compound_code = ? AND worker_id = ?",
                             {std::string(compound_code), worker_id}) > 0;
}

std::vector<long long> AccessPlanService::WhitelistIds(std::string_view compound_code) const {
  auto connection = database_.Acquire();
  std::vector<long long> ids;
  for (const auto& row : connection->Query("SELECT worker_id FROM whitelist WHERE compound_code = ? ORDER BY worker_id",
                                           {std::string(compound_code)})) {
    ids.push_back(row.Int(0));
  }
  return ids;
}

core::Status AccessPlanService::AddToWhitelist(const accounts::Principal& actor, const areas::Area& compound,
                                               long long worker_id) {
  auto connection = database_.Acquire();
  if (connection->QueryInt("SELECT COUNT(*) FROM workers WHERE id = ?", {worker_id}) == 0) {
    return core::MakeError(core::ErrorCode::kNotFound, "no worker with this id");
  }
  if (OnWhitelist(*connection, compound.code, worker_id))
    return core::MakeError(core::ErrorCode::kConflict, "already on the whitelist");
  const long long now = storage::NowSeconds();
  storage::Transaction transaction(*connection);
  connection->Execute("INSERT INTO whitelist (compound_code, worker_id, added_at) VALUES (?, ?, ?)",
                      {compound.code, worker_id, now});
  connection->Execute("INSERT INTO whitelist_changes (compound_code, worker_id, action, at) VALUES (?, ?, 'add', ?)",
                      {compound.code, worker_id, now});
  audit::Entry entry =
      accounts::AuditEntryBy(actor, "whitelist.add", "worker", std::to_string(worker_id), compound.code);
  entry.after_json = json::serialize(json::object{{"compound", compound.code}, {"worker_id", worker_id}});
  audit::AuditLog::Record(*connection, entry);
  transaction.Commit();
  return core::Ok{};
}

core::Status AccessPlanService::RemoveFromWhitelist(const accounts::Principal& actor, const areas::Area& compound,
                                                    long long worker_id) {
  auto connection = database_.Acquire();
  const long long now = storage::NowSeconds();
  storage::Transaction transaction(*connection);
  if (connection->Execute("DELETE FROM whitelist WHERE compound_code = ? AND worker_id = ?",
                          {compound.code, worker_id}) == 0) {
    return core::MakeError(core::ErrorCode::kNotFound, "this worker is not on the whitelist");
  }
  connection->Execute("INSERT INTO whitelist_changes (compound_code, worker_id, action, at) VALUES (?, ?, 'remove', ?)",
                      {compound.code, worker_id, now});
  audit::Entry entry =
      accounts::AuditEntryBy(actor, "whitelist.remove", "worker", std::to_string(worker_id), compound.code);
  entry.before_json = json::serialize(json::object{{"compound", compound.code}, {"worker_id", worker_id}});
  audit::AuditLog::Record(*connection, entry);
  transaction.Commit();
  return core::Ok{};
}

std::vector<WhitelistChange> AccessPlanService::WhitelistChanges(std::string_view compound_code, long long cursor,
                                                                 int limit) const {
  auto connection = database_.Acquire();
  std::vector<WhitelistChange> changes;
  for (const auto& row : connection->Query("SELECT seq, worker_id, action, at FROM whitelist_changes WHERE "
                                           "compound_code = ? AND seq > ? ORDER BY seq LIMIT ?",
                                           {std::string(compound_code), cursor, static_cast<long long>(limit)})) {
    changes.push_back({row.Int(0), row.Int(1), row.Text(2), row.Int(3)});
  }
  return changes;
}

core::Result<AccessPlanService::RatingSaved> AccessPlanService::AddFeedback(const accounts::Principal& worker_principal,
                                                                            const areas::Area& compound, int rating,
                                                                            bool unfair, std::string_view comment) {
  if (rating < 1 || rating > 5) return Invalid("rating must be 1 to 5");
  auto connection = database_.Acquire();
  auto worker = connection->QueryOne("SELECT id FROM workers WHERE account_id = ?", {worker_principal.account_id});
  if (!worker) return core::MakeError(core::ErrorCode::kForbidden, "only workers rate compounds");
  const long long worker_id = worker->Int(0);
  const long long now = storage::NowSeconds();
  if (connection->QueryInt("SELECT COUNT(*) FROM gate_events WHERE worker_id = ? AND compound_code = ? AND at > ? "
                           "AND evidence = 'verified'",
                           {worker_id, compound.code, now - kRatingVisitDays * 86400}) == 0) {
    return core::MakeProblem(core::ErrorCode::kForbidden, "", "entry.rating_needs_visit",
                             "rate a compound after a verified visit (a scan at its gate in the last 7 days)",
                             {{"days", kRatingVisitDays}});
  }
  RatingSaved saved{.month = RatingMonth(now)};
  storage::Transaction transaction(*connection);
  saved.replaced = connection->QueryInt(
                       "SELECT COUNT(*) FROM compound_feedback WHERE compound_code = ? AND worker_id = ? AND month = ?",
                       {compound.code, worker_id, saved.month}) > 0;
  connection->Execute(
      "INSERT INTO compound_feedback (compound_code, worker_id, at, rating, unfair, comment, month) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (compound_code, worker_id, month) DO UPDATE SET at = excluded.at, "
      "rating = excluded.rating, unfair = excluded.unfair, comment = excluded.comment",
      {compound.code, worker_id, now, static_cast<long long>(rating), static_cast<long long>(unfair),
       std::string(core::Trim(comment)), saved.month});
  transaction.Commit();
  return saved;
}

Friendliness AccessPlanService::Score(std::string_view compound_code) const {
  auto connection = database_.Acquire();
  Friendliness result;
  const std::string code(compound_code);
  const long long since = storage::NowSeconds() - 180LL * 86400;
  // Each rider counts once, with their newest rating: a rider who rates every month keeps one voice.
  auto totals = connection->QueryOne(
      "SELECT COUNT(*), COALESCE(SUM(f.rating), 0) FROM compound_feedback f WHERE f.compound_code = ? AND f.id = "
      "(SELECT MAX(g.id) FROM compound_feedback g WHERE g.compound_code = f.compound_code AND g.worker_id = "
      "f.worker_id AND g.at > ?)",
      {code, since});
  result.ratings = totals->Int(0);
  const FriendlinessPrior prior;
  const FriendlinessScore score = DampedScore(result.ratings, totals->Int(1), prior);
  result.score = score.score;
  result.enough_ratings = score.enough_ratings;
  result.min_ratings = prior.min_ratings;
  result.unfair_reports = connection->QueryInt(
      "SELECT COALESCE(SUM(unfair), 0) FROM compound_feedback WHERE compound_code = ? AND at > ?", {code, since});
  for (const auto& row : connection->Query("SELECT at, rating, unfair, comment FROM compound_feedback WHERE "
                                           "compound_code = ? AND at > ? ORDER BY at DESC, id DESC LIMIT 20",
                                           {code, since})) {
    result.comments.push_back({row.Int(0), static_cast<int>(row.Int(1)), row.Int(2) != 0, row.Text(3)});
  }
  return result;
}

}  // namespace youhao::entry
