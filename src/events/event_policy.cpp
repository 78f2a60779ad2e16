#include "events/event_policy.h"

#include <algorithm>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "areas/area_service.h"
#include "core/platforms.h"
#include "core/text.h"

namespace youhao::events {

namespace {

using core::ErrorCode;

namespace json = boost::json;

std::size_t CodePoints(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool Contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

json::array ArrayOf(const std::vector<std::string>& list) {
  json::array out;
  for (const auto& item : list) out.emplace_back(item);
  return out;
}

/// A list of short strings from `object[key]`; false when it is there but not such a list.
bool ReadList(const json::object& object, std::string_view key, std::vector<std::string>& out) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) return true;
  if (!value->is_array() || value->as_array().size() > 50) return false;
  for (const json::value& item : value->as_array()) {
    if (!item.is_string() || item.as_string().empty() || item.as_string().size() > 40) return false;
    out.emplace_back(item.as_string());
  }
  return true;
}

}  // namespace

bool IsKind(std::string_view kind) { return std::find(std::begin(kKinds), std::end(kKinds), kind) != std::end(kKinds); }

bool IsOrganiserKind(std::string_view kind) {
  return std::find(std::begin(kOrganiserKinds), std::end(kOrganiserKinds), kind) != std::end(kOrganiserKinds);
}

core::Error BadEvent(std::string_view field, std::string detail) {
  return core::MakeProblem(ErrorCode::kValidationFailed, "bad_event", "events.bad_event", std::move(detail),
                           json::object{{"field", field}});
}

Eligibility ParseEligibility(std::string_view json_text) {
  Eligibility eligibility;
  boost::system::error_code error;
  const json::value value = json::parse(json_text, error);
  if (error || !value.is_object()) return eligibility;
  const json::object& object = value.as_object();
  if (!ReadList(object, "kinds", eligibility.kinds) || !ReadList(object, "platforms", eligibility.platforms) ||
      !ReadList(object, "areas", eligibility.areas))
    return {};
  return eligibility;
}

json::object EligibilityJson(const Eligibility& eligibility) {
  return {{"kinds", ArrayOf(eligibility.kinds)},
          {"platforms", ArrayOf(eligibility.platforms)},
          {"areas", ArrayOf(eligibility.areas)}};
}

std::string EligibilityText(const Eligibility& eligibility) { return json::serialize(EligibilityJson(eligibility)); }

core::Result<Eligibility> EligibilityFromJson(const json::value& value) {
  if (value.is_null()) return Eligibility{};
  if (!value.is_object()) return BadEvent("eligibility", "eligibility: {kinds, platforms, areas}");
  const json::object& object = value.as_object();
  for (const auto& member : object) {
    if (member.key() != "kinds" && member.key() != "platforms" && member.key() != "areas")
      return BadEvent("eligibility", "eligibility takes kinds, platforms and areas only");
  }
  Eligibility eligibility;
  if (!ReadList(object, "kinds", eligibility.kinds) || !ReadList(object, "platforms", eligibility.platforms) ||
      !ReadList(object, "areas", eligibility.areas))
    return BadEvent("eligibility", "each list holds at most 50 short strings");
  for (const auto& kind : eligibility.kinds) {
    if (std::find(core::kWorkerKinds.begin(), core::kWorkerKinds.end(), kind) == core::kWorkerKinds.end())
      return BadEvent("eligibility", "kinds: food, parcel, ride or truck");
  }
  for (const auto& area : eligibility.areas) {
    if (!std::all_of(area.begin(), area.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return BadEvent("eligibility", "areas are area codes");
  }
  return eligibility;
}

core::Status CheckEventKinds(const EventInput& input) {
  // Values outside the documented enums: the schema's own code, with the catalogue's words.
  if (!IsKind(input.kind))
    return core::MakeProblem(ErrorCode::kValidationFailed, "validation_failed", "events.bad_event",
                             "unknown event kind", json::object{{"field", "kind"}});
  if (!IsOrganiserKind(input.organiser_kind))
    return core::MakeProblem(ErrorCode::kValidationFailed, "validation_failed", "events.bad_event",
                             "unknown organiser kind", json::object{{"field", "organiser_kind"}});
  return core::Ok{};
}

core::Status CheckEventInput(const EventInput& input, long long now) {
  if (auto kinds = CheckEventKinds(input); !kinds.ok()) return kinds;
  const std::string_view title = core::Trim(input.title);
  if (title.empty() || CodePoints(title) > kMaxTitle) return BadEvent("title", "title: 1 to 80 characters");
  if (CodePoints(input.description) > kMaxDescription) return BadEvent("description", "description: at most 2000");
  const std::string_view organiser = core::Trim(input.organiser_name);
  if (organiser.empty() || CodePoints(organiser) > kMaxOrganiserName)
    return BadEvent("organiser_name", "organiser_name: 1 to 60 characters");
  if (input.capacity < 1 || input.capacity > kMaxCapacity) return BadEvent("capacity", "capacity: 1 to 10000");
  if (input.hold_minutes < 5 || input.hold_minutes > kMaxHoldMinutes)
    return BadEvent("hold_minutes", "hold_minutes: 5 minutes to 7 days");
  if (input.starts_at < now) {
    return core::MakeProblem(ErrorCode::kValidationFailed, "event_past", "events.event_past",
                             "the event would start in the past");
  }
  if (input.starts_at > now + kMaxAheadSeconds) return BadEvent("starts_at", "at most 400 days ahead");
  if (input.ends_at <= input.starts_at) return BadEvent("ends_at", "an event ends after it starts");
  if (input.ends_at - input.starts_at > kMaxDurationSeconds) return BadEvent("ends_at", "at most 14 days long");
  return core::Ok{};
}

core::Result<int> WeeklyCount(long long first_start, long long until) {
  if (until < first_start + kWeekSeconds) return BadEvent("repeat_weekly_until", "a series has a second week");
  const long long count = (until - first_start) / kWeekSeconds + 1;
  if (count > kMaxSeriesWeeks) return BadEvent("repeat_weekly_until", "a series runs at most 26 weeks");
  return static_cast<int>(count);
}

bool IsEligible(const Eligibility& eligibility, const WorkerFacts& worker) {
  if (worker.status == "suspended" || worker.status == "revoked") return false;
  if (!eligibility.kinds.empty() && !Contains(eligibility.kinds, worker.kind)) return false;
  if (!eligibility.platforms.empty() && !Contains(eligibility.platforms, worker.platform)) return false;
  if (eligibility.areas.empty()) return true;
  // The path is codes separated by '/': the worker is inside an area when its code is a segment.
  return std::any_of(eligibility.areas.begin(), eligibility.areas.end(), [&](const std::string& code) {
    const std::string segment = code + "/";
    return worker.area_path.starts_with(segment) || worker.area_path.find("/" + segment) != std::string::npos;
  });
}

bool IsOrganiserRole(accounts::Role role) {
  using accounts::Role;
  switch (role) {
    case Role::kUnionStaff:
    case Role::kStationKeeper:
    case Role::kSponsor:
    case Role::kCommunityOfficer:
    case Role::kStreetOfficer:
    case Role::kDistrictOfficer:
    case Role::kCityOfficer:
    case Role::kAdmin:
      return true;
    default:
      return false;
  }
}

bool Organises(accounts::Role role, long long account_id, std::string_view caller_area_path, long long created_by,
               std::string_view event_area_path) {
  if (account_id == created_by) return true;
  if (!IsOrganiserRole(role) || role == accounts::Role::kStationKeeper || role == accounts::Role::kSponsor)
    return false;
  return areas::PathWithin(event_area_path, caller_area_path);
}

bool MayCreateIn(accounts::Role role, std::string_view caller_area_path, std::string_view event_area_path) {
  return IsOrganiserRole(role) && areas::PathWithin(event_area_path, caller_area_path);
}

std::string_view RegistrationStatusName(RegistrationStatus status) {
  switch (status) {
    case RegistrationStatus::kConfirmed:
      return "confirmed";
    case RegistrationStatus::kOffered:
      return "offered";
    case RegistrationStatus::kWaiting:
      return "waiting";
    case RegistrationStatus::kCancelled:
      return "cancelled";
    case RegistrationStatus::kLapsed:
      return "lapsed";
  }
  return "cancelled";
}

std::optional<RegistrationStatus> ParseRegistrationStatus(std::string_view name) {
  for (auto status : {RegistrationStatus::kConfirmed, RegistrationStatus::kOffered, RegistrationStatus::kWaiting,
                      RegistrationStatus::kCancelled, RegistrationStatus::kLapsed}) {
    if (RegistrationStatusName(status) == name) return status;
  }
  return std::nullopt;
}

bool HoldsPlace(RegistrationStatus status) {
  return status == RegistrationStatus::kConfirmed || status == RegistrationStatus::kOffered;
}

bool IsActive(RegistrationStatus status) { return HoldsPlace(status) || status == RegistrationStatus::kWaiting; }

core::Status MayRegister(const EventFacts& event, std::optional<RegistrationStatus> active, long long now) {
  if (event.cancelled)
    return core::MakeProblem(ErrorCode::kConflict, "event_cancelled", "events.event_cancelled",
                             "the event was cancelled");
  if (now >= event.starts_at)
    return core::MakeProblem(ErrorCode::kConflict, "event_past", "events.event_started", "the event has started");
  if (active && IsActive(*active)) {
    return core::MakeProblem(ErrorCode::kConflict, "already_registered", "events.already_registered",
                             "already registered for this event");
  }
  return core::Ok{};
}

core::Status MayAccept(const EventFacts& event, std::optional<RegistrationStatus> active,
                       std::optional<long long> offered_until, long long now) {
  if (event.cancelled)
    return core::MakeProblem(ErrorCode::kConflict, "event_cancelled", "events.event_cancelled",
                             "the event was cancelled");
  if (active != RegistrationStatus::kOffered || !offered_until || *offered_until <= now)
    return core::MakeProblem(ErrorCode::kConflict, "no_offer", "events.no_offer", "no place is held for you");
  return core::Ok{};
}

core::Status MayCancelRegistration(const EventFacts& event, std::optional<RegistrationStatus> active, long long now) {
  if (!active || !IsActive(*active)) {
    return core::MakeProblem(ErrorCode::kNotFound, "no_registration", "events.no_registration",
                             "no active registration for this event");
  }
  if (now >= event.ends_at)
    return core::MakeProblem(ErrorCode::kConflict, "event_past", "events.event_ended", "the event ended");
  return core::Ok{};
}

core::Status MayChangeEvent(const EventFacts& event, long long now) {
  if (event.cancelled)
    return core::MakeProblem(ErrorCode::kConflict, "event_cancelled", "events.event_cancelled",
                             "the event was cancelled");
  if (now >= event.ends_at)
    return core::MakeProblem(ErrorCode::kConflict, "event_past", "events.event_ended", "the event ended");
  return core::Ok{};
}

long long OfferUntil(long long now, int hold_minutes, long long starts_at) {
  const long long hold = now + static_cast<long long>(hold_minutes) * 60;
  return starts_at > now ? std::min(hold, starts_at) : hold;
}

std::optional<int> LowestFreeSeat(const std::vector<int>& taken, int capacity) {
  int next = 1;
  for (int seat : taken) {
    if (seat < next) continue;
    if (seat > next) break;
    ++next;
  }
  if (next > capacity) return std::nullopt;
  return next;
}

Reminder DueReminder(long long starts_at, long long now, bool reminded_day, bool reminded_hour) {
  if (now >= starts_at) return Reminder::kNone;
  if (starts_at - now <= 3600) return reminded_hour ? Reminder::kNone : Reminder::kHour;
  if (starts_at - now <= 24LL * 3600) return reminded_day ? Reminder::kNone : Reminder::kDay;
  return Reminder::kNone;
}

}  // namespace youhao::events
