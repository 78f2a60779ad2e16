#include "childcare/childcare_policy.h"

#include <algorithm>

#include <boost/json/object.hpp>

#include "core/text.h"
#include "events/event_policy.h"
#include "schedule/clock.h"

namespace youhao::childcare {

namespace {

using accounts::Role;
using core::ErrorCode;

/// The structured members of a bad_child refusal: the field and the bounds the words name.
boost::json::object BadChildFields(std::string_view field) {
  return {{"field", field},
          {"max_name", static_cast<long long>(kMaxGivenName)},
          {"max_age", kMaxAge},
          {"max_note", static_cast<long long>(kMaxNote)}};
}

long long FirstDay(const EventFacts& event) { return schedule::BeijingDayNumber(event.starts_at); }

long long LastDay(const EventFacts& event) {
  return schedule::BeijingDayNumber(std::max(event.starts_at, event.ends_at - 1));
}

/// "YYYY-MM-DD" of a day number (its UTC midnight is 08:00 of the same Beijing day).
std::string DateText(long long day_number) { return schedule::BeijingDate(day_number * 86'400); }

}  // namespace

bool IsChildcareEvent(const EventFacts& event) { return event.kind == kEventKind && event.family; }

bool IsOrganiser(const EventFacts& event, const Viewer& viewer) {
  // The events module's rule, so that a class's organisers are exactly the event's.
  return viewer.role != Role::kWorker &&
         events::Organises(viewer.role, viewer.account_id, viewer.area_path, event.created_by, event.area_path);
}

core::Result<View> ChildrenView(const EventFacts& event, const Viewer& viewer, bool has_registration) {
  if (IsOrganiser(event, viewer)) return View::kAll;
  if (viewer.role == Role::kWorker) {
    if (has_registration) return View::kOwn;
    return core::MakeProblem(ErrorCode::kForbidden, "childcare_no_place", "childcare.no_place",
                             "register for the class first: children are added to a held place");
  }
  return core::MakeProblem(ErrorCode::kForbidden, "childcare_forbidden", "childcare.forbidden",
                           "only the event's organisers see its children");
}

core::Status CheckChild(const ChildInput& child) {
  const std::size_t name_length = core::CountCodePoints(child.given_name);
  if (!core::IsValidUtf8(child.given_name) || name_length == 0 || name_length > kMaxGivenName ||
      core::HasControlCharacters(child.given_name) || child.given_name.find_first_of("\t\r\n") != std::string::npos) {
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_child", "childcare.bad_name",
                             "given_name: 1 to 10 characters", BadChildFields("given_name"));
  }
  if (child.age < 0 || child.age > kMaxAge) {
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_child", "childcare.bad_age", "age: 0 to 15 years",
                             BadChildFields("age"));
  }
  if (!core::IsValidUtf8(child.note) || core::CountCodePoints(child.note) > kMaxNote ||
      core::HasControlCharacters(child.note)) {
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_child", "childcare.bad_note",
                             "note: at most 100 characters", BadChildFields("note"));
  }
  return core::Ok{};
}

core::Status MayAddChild(const EventFacts& event, const PlaceFacts& place) {
  if (event.cancelled) {
    return core::MakeProblem(ErrorCode::kConflict, "childcare_event_cancelled", "childcare.event_cancelled",
                             "the class was cancelled");
  }
  if (!place.holds_place) {
    return core::MakeProblem(ErrorCode::kForbidden, "childcare_no_place", "childcare.no_place",
                             "register for the class first: children are added to a held place");
  }
  if (place.children_of_place >= kMaxChildrenPerPlace) {
    return core::MakeProblem(ErrorCode::kConflict, "too_many_children", "childcare.too_many_children",
                             "at most 3 children per registration", boost::json::object{{"max", kMaxChildrenPerPlace}});
  }
  if (place.children_at_event >= event.capacity) {
    return core::MakeProblem(ErrorCode::kConflict, "childcare_full", "childcare.full",
                             "every place of the class is taken", boost::json::object{{"capacity", event.capacity}});
  }
  return core::Ok{};
}

std::vector<std::string> EventDays(const EventFacts& event) {
  std::vector<std::string> days;
  const long long first = FirstDay(event);
  const long long last = std::min(LastDay(event), first + kMaxSheetDays - 1);
  for (long long day = first; day <= last; ++day) days.push_back(DateText(day));
  return days;
}

core::Result<std::string> CheckDay(const EventFacts& event, std::string_view day) {
  const auto date = schedule::ParseDate(day);
  const long long first = FirstDay(event);
  const long long last = std::min(LastDay(event), first + kMaxSheetDays - 1);
  if (!date || schedule::DayNumber(*date) < first || schedule::DayNumber(*date) > last) {
    return core::MakeProblem(
        ErrorCode::kValidationFailed, "bad_attendance_day", "childcare.bad_day",
        "day: YYYY-MM-DD within the class's days",
        boost::json::object{{"field", "day"}, {"first", DateText(first)}, {"last", DateText(last)}});
  }
  return DateText(schedule::DayNumber(*date));
}

}  // namespace youhao::childcare
