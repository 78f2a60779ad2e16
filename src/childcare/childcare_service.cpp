#include "childcare/childcare_service.h"

#include <utility>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "audit/audit_log.h"
#include "core/text.h"

namespace youhao::childcare {

namespace {

using core::ErrorCode;
namespace repository = childcare_repository;

core::Error NoSuchEvent() { return core::MakeError(ErrorCode::kNotFound, "no such childcare class"); }
core::Error NoSuchChild() { return core::MakeError(ErrorCode::kNotFound, "no such child"); }

Viewer ViewerOf(const accounts::Principal& caller) { return {caller.account_id, caller.role, caller.area_path}; }

core::Result<ChildcareEvent> ChildcareEventOf(storage::Connection& connection, long long event_id) {
  auto event = repository::FindEvent(connection, event_id);
  if (!event || !IsChildcareEvent(event->facts)) return NoSuchEvent();
  return std::move(*event);
}

core::Error NotOrganiser() {
  return core::MakeProblem(ErrorCode::kForbidden, "childcare_forbidden", "childcare.forbidden",
                           "only the event's organisers see its children");
}

void Audit(storage::Connection& connection, const accounts::Principal& caller, std::string action,
           const ChildcareEvent& event, const boost::json::object& after, long long now) {
  audit::Entry entry =
      accounts::AuditEntryBy(caller, std::move(action), "event", std::to_string(event.id), event.area_code);
  entry.at = now;
  if (!after.empty()) entry.after_json = boost::json::serialize(after);
  audit::AuditLog::Record(connection, entry);
}

}  // namespace

core::Result<ChildrenAnswer> ChildcareService::Children(const accounts::Principal& caller, long long event_id,
                                                        long long now) {
  auto connection = database_.Acquire();
  ChildrenAnswer answer;
  auto event = ChildcareEventOf(*connection, event_id);
  if (!event.ok()) return event.error();
  answer.event = std::move(*event);
  if (caller.role == accounts::Role::kWorker)
    answer.registration = repository::ActiveRegistration(*connection, event_id, caller.account_id);
  auto view = ChildrenView(answer.event.facts, ViewerOf(caller), answer.registration.has_value());
  if (!view.ok()) return view.error();
  answer.view = *view;
  if (answer.view == View::kAll) {
    storage::Transaction transaction(*connection);
    answer.children = repository::ListChildren(*connection, event_id, std::nullopt);
    Audit(*connection, caller, "childcare.children_read", answer.event,
          {{"children", static_cast<long long>(answer.children.size())}}, now);
    transaction.Commit();
  } else {
    answer.children = repository::ListChildren(*connection, event_id, caller.account_id);
  }
  return answer;
}

core::Result<Child> ChildcareService::Add(const accounts::Principal& caller, long long event_id, ChildInput input,
                                          long long now) {
  input.given_name = std::string(core::Trim(input.given_name));
  input.note = std::string(core::Trim(input.note));
  if (auto checked = CheckChild(input); !checked.ok()) return checked.error();
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto event = ChildcareEventOf(*connection, event_id);
  if (!event.ok()) return event.error();
  repository::LockEvent(*connection, event_id);
  const auto registration = repository::ActiveRegistration(*connection, event_id, caller.account_id);
  PlaceFacts place;
  place.holds_place = registration && registration->status == "confirmed";
  if (registration) place.children_of_place = repository::ChildrenOfRegistration(*connection, registration->id);
  place.children_at_event = repository::ChildrenAtEvent(*connection, event_id);
  if (auto may = MayAddChild(event->facts, place); !may.ok()) return may.error();
  const long long id = repository::InsertChild(*connection, registration->id, event_id, input, now);
  repository::SyncFamilyCount(*connection, registration->id, now);
  auto child = repository::FindChild(*connection, event_id, id);
  transaction.Commit();
  return std::move(*child);
}

core::Status ChildcareService::Remove(const accounts::Principal& caller, long long event_id, long long child_id,
                                      long long now) {
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto event = ChildcareEventOf(*connection, event_id);
  if (!event.ok()) return event.error();
  const auto child = repository::FindChild(*connection, event_id, child_id);
  // Another parent's child is as unknown as one that never was.
  if (!child || child->parent_account_id != caller.account_id) return NoSuchChild();
  repository::RemoveChild(*connection, child_id, now);
  repository::SyncFamilyCount(*connection, child->registration_id, now);
  transaction.Commit();
  return core::Ok{};
}

core::Result<Mark> ChildcareService::RecordAttendance(const accounts::Principal& caller, long long event_id,
                                                      long long child_id, std::string_view day, bool present,
                                                      long long now) {
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto event = ChildcareEventOf(*connection, event_id);
  if (!event.ok()) return event.error();
  if (!IsOrganiser(event->facts, ViewerOf(caller))) return NotOrganiser();
  auto checked_day = CheckDay(event->facts, day);
  if (!checked_day.ok()) return checked_day.error();
  const auto child = repository::FindChild(*connection, event_id, child_id);
  if (!child) return NoSuchChild();
  repository::UpsertMark(*connection, child_id, *checked_day, present, caller.account_id, now);
  Audit(*connection, caller, "childcare.attendance", *event,
        {{"child_id", child_id}, {"day", *checked_day}, {"present", present}}, now);
  transaction.Commit();
  return Mark{child_id, *checked_day, present, now};
}

core::Result<Sheet> ChildcareService::AttendanceSheet(const accounts::Principal& caller, long long event_id,
                                                      long long now) {
  auto connection = database_.Acquire();
  auto event = ChildcareEventOf(*connection, event_id);
  if (!event.ok()) return event.error();
  if (!IsOrganiser(event->facts, ViewerOf(caller))) return NotOrganiser();
  Sheet sheet;
  sheet.event = std::move(*event);
  sheet.days = EventDays(sheet.event.facts);
  storage::Transaction transaction(*connection);
  sheet.children = repository::ListChildren(*connection, event_id, std::nullopt);
  sheet.marks = repository::Marks(*connection, event_id);
  Audit(*connection, caller, "childcare.sheet_read", sheet.event,
        {{"children", static_cast<long long>(sheet.children.size())}}, now);
  transaction.Commit();
  return sheet;
}

}  // namespace youhao::childcare
