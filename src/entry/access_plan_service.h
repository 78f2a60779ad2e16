#pragma once
/// Per-compound access plans (通行方案), the compound's gates, its whitelist of regular
/// workers (with a change feed for the compound's own gate system), and workers' feedback.

#include <boost/json/object.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "accounts/access.h"
#include "areas/area_service.h"
#include "core/error.h"
#include "core/ttl_cache.h"
#include "passes/pass_verifier.h"
#include "registry/phone_vault.h"
#include "schedule/holiday_calendar.h"
#include "schedule/opening_hours.h"
#include "storage/database.h"

namespace youhao::entry {

struct DropOffPoint {
  std::string name;
  std::string description;
};

struct AccessPlan {
  passes::AccessMode mode = passes::AccessMode::kPass;
  std::string opening_hours = "24/7";
  int max_stay_minutes = 30;
  std::vector<long long> green_lane_gates;
  std::vector<DropOffPoint> drop_off_points;
  bool workers_can_enter = true;
  std::optional<std::string> barrier_reason;
  std::string survey_note;
  std::string meeting_date;
  std::string parties;
  std::string decision;
  int version = 0;
  long long updated_at = 0;
  std::string updated_by;
  /// `opening_hours` parsed, set by PlanFromJson.
  std::optional<schedule::OpeningHours> hours;
};

boost::json::object PlanToJson(const AccessPlan& plan);
/// Validates a PUT body; every field is checked. Errors: validation_failed, unknown_field.
core::Result<AccessPlan> PlanFromJson(const boost::json::object& body);

struct Gate {
  long long id = 0;
  std::string compound_code;
  std::string name;
  std::string kind;
  bool workers_allowed = true;
  bool green_lane = false;
};

struct PlanVersion {
  int version = 0;
  long long at = 0;
  std::string actor_login;
  std::string plan_json;
};

struct WhitelistChange {
  long long seq = 0;
  long long worker_id = 0;
  std::string action;
  long long at = 0;
};

struct WhitelistEntry {
  long long worker_id = 0;
  std::string name;
  std::string platform;
  std::string phone_masked;
  long long added_at = 0;
};

/// A compound's friendliness: each rider's newest rating of the last 180 days, as a damped average
/// (rating_policy.h) that is only given from the minimum count of riders on.
struct Friendliness {
  /// nullopt: not enough ratings to rank the compound.
  std::optional<double> score;
  bool enough_ratings = false;
  long long min_ratings = 0;
  /// Riders whose rating counts (each rider once, with their newest rating).
  long long ratings = 0;
  /// Ratings of the last 180 days that reported unfair treatment (each month's counts).
  long long unfair_reports = 0;
  struct Comment {
    long long at = 0;
    int rating = 0;
    bool unfair = false;
    std::string comment;
  };
  std::vector<Comment> comments;
};

/// What a rider is told before arriving (the public GET /api/v1/compounds/{code}/access): how
/// riders get in, the hours and whether they allow entry now, where orders go and which gates
/// riders use. Nothing of the survey or the agreement.
struct AccessSummary {
  passes::AccessMode mode = passes::AccessMode::kPass;
  std::string opening_hours;
  /// The hours in Chinese words (schedule::OpeningHours::DescribeZh); nullopt when they do not parse.
  std::optional<std::string> opening_hours_zh;
  bool always_open = false;
  bool open_now = false;
  /// How the calendar reads today: a public holiday, an adjusted working day or an ordinary day.
  schedule::DayKind today = schedule::DayKind::kOrdinary;
  int max_stay_minutes = 0;
  std::vector<DropOffPoint> drop_off_points;
  /// The names of the green-lane gates, in the plan's order.
  std::vector<std::string> green_lane_gates;
};

boost::json::object SummaryToJson(const AccessSummary& summary);

class AccessPlanService {
 public:
  AccessPlanService(storage::Database& database, const areas::AreaService& areas, const registry::PhoneVault& phones)
      : database_(database), areas_(areas), phones_(phones) {}

  /// The compound, if `principal` may read its plan (anyone whose area holds it, and workers).
  core::Result<areas::Area> ReadableCompound(const accounts::Principal& principal, std::string_view code) const;
  /// The compound, if `principal` may edit it: community/grid officers and above in scope,
  /// and the compound's property manager.
  core::Result<areas::Area> EditableCompound(const accounts::Principal& principal, std::string_view code) const;

  /// The public holidays that PH rules follow; until set, the fixed statutory days alone.
  void UseHolidays(const schedule::HolidayCalendar* holidays) { holidays_ = holidays; }
  const schedule::HolidayCalendar& Holidays() const;

  /// The stored plan, or the default (pass mode, 24/7) when none was agreed yet. A stored plan
  /// that no longer reads keeps its mode where it can and opens to nobody (see OpenAt).
  AccessPlan Plan(std::string_view compound_code) const;
  AccessPlan Plan(storage::Connection& connection, std::string_view compound_code) const;
  core::Result<AccessPlan> SavePlan(const accounts::Principal& actor, const areas::Area& compound, AccessPlan plan);
  std::vector<PlanVersion> History(std::string_view compound_code) const;
  /// The plan as riders see it at `now` (AccessSummary).
  AccessSummary Summary(std::string_view compound_code, long long now) const;

  std::vector<Gate> Gates(std::string_view compound_code) const;
  std::optional<Gate> FindGate(storage::Connection& connection, long long gate_id) const;

  std::vector<WhitelistEntry> Whitelist(std::string_view compound_code) const;
  bool OnWhitelist(storage::Connection& connection, std::string_view compound_code, long long worker_id) const;
  std::vector<long long> WhitelistIds(std::string_view compound_code) const;
  core::Status AddToWhitelist(const accounts::Principal& actor, const areas::Area& compound, long long worker_id);
  core::Status RemoveFromWhitelist(const accounts::Principal& actor, const areas::Area& compound, long long worker_id);
  std::vector<WhitelistChange> WhitelistChanges(std::string_view compound_code, long long cursor, int limit) const;

  /// What a rating did: the Beijing month it counts for, and whether it replaced the worker's
  /// earlier rating of the compound that month.
  struct RatingSaved {
    std::string month;
    bool replaced = false;
  };
  /// A worker's rating of the compound's access, after a verified visit (a gate event there within
  /// 7 days whose code the server verified, let in or refused). One rating per worker, compound and
  /// Beijing month: a second one that month replaces the first.
  core::Result<RatingSaved> AddFeedback(const accounts::Principal& worker, const areas::Area& compound, int rating,
                                        bool unfair, std::string_view comment);
  Friendliness Score(std::string_view compound_code) const;

 private:
  AccessPlan LoadPlan(storage::Connection& connection, std::string_view compound_code) const;

  storage::Database& database_;
  const areas::AreaService& areas_;
  const registry::PhoneVault& phones_;
  const schedule::HolidayCalendar* holidays_ = nullptr;
  /// Plans read in the last few seconds, by compound: every gate scan needs its compound's plan.
  /// Saving a plan here clears its entry at once.
  mutable core::TtlCache<AccessPlan> cache_{std::chrono::seconds(5)};
};

/// Whether the plan's hours allow entry at `now`, each day read as `holidays` reads it (PH rules
/// on public holidays, adjusted working days as weekdays). Closed means closed: hours that do not
/// parse (they cannot be saved so; this guards data stored before they were checked) allow no entry.
bool OpenAt(const AccessPlan& plan, long long now, const schedule::HolidayCalendar& holidays);

}  // namespace youhao::entry
