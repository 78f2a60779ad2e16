#pragma once
/// Childcare, the use cases: a parent's children at a class (add, list, remove), the organisers'
/// list and the attendance sheet by day. Every organiser read of children is written to the audit
/// log (entity "event"), every change too. Decisions are childcare_policy.h's.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/access.h"
#include "childcare/childcare_policy.h"
#include "childcare/childcare_repository.h"
#include "core/error.h"
#include "storage/database.h"

namespace youhao::childcare {

/// The children of an event as the caller sees them.
struct ChildrenAnswer {
  ChildcareEvent event;
  View view = View::kOwn;
  std::vector<Child> children;
  /// The caller's own registration (parents), if any.
  std::optional<ParentRegistration> registration;
};

/// The attendance sheet: the event's days, its children and their marks.
struct Sheet {
  ChildcareEvent event;
  std::vector<std::string> days;
  std::vector<Child> children;
  std::vector<Mark> marks;
};

class ChildcareService {
 public:
  explicit ChildcareService(storage::Database& database) : database_(database) {}

  /// Parents: their own children; organisers: every child (audited). Errors: not_found (no such
  /// childcare event), childcare_no_place, childcare_forbidden.
  core::Result<ChildrenAnswer> Children(const accounts::Principal& caller, long long event_id, long long now);
  /// A parent holding a confirmed place adds a child. Errors: not_found, bad_child, childcare_no_place,
  /// too_many_children, childcare_full, childcare_event_cancelled.
  core::Result<Child> Add(const accounts::Principal& caller, long long event_id, ChildInput input, long long now);
  /// A parent removes their child (kept, marked removed; the place's family_count follows). Errors:
  /// not_found (no such event, or no such child of the caller's).
  core::Status Remove(const accounts::Principal& caller, long long event_id, long long child_id, long long now);
  /// An organiser marks a child present or absent on a day of the event. Errors: not_found,
  /// childcare_forbidden, bad_attendance_day.
  core::Result<Mark> RecordAttendance(const accounts::Principal& caller, long long event_id, long long child_id,
                                      std::string_view day, bool present, long long now);
  /// The sheet, for organisers (audited). Errors: not_found, childcare_forbidden.
  core::Result<Sheet> AttendanceSheet(const accounts::Principal& caller, long long event_id, long long now);

 private:
  storage::Database& database_;
};

}  // namespace youhao::childcare
