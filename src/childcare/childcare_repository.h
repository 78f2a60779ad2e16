#pragma once
/// Childcare, the SQL of tables event_children and child_attendance (migration 28), read against
/// the events tables of migration 23, run on a given connection.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "childcare/childcare_policy.h"
#include "storage/database.h"

namespace youhao::childcare {

/// An event as childcare reads it.
struct ChildcareEvent {
  long long id = 0;
  std::string title;
  std::string area_code;
  EventFacts facts;
};

/// A registered child; the parent's fields for the organisers' view.
struct Child {
  long long id = 0;
  long long registration_id = 0;
  long long event_id = 0;
  std::string given_name;
  long long age = 0;
  std::string note;
  long long created_at = 0;
  long long parent_account_id = 0;
  std::string parent_name;
};

/// A worker's registration at an event (the newest active one).
struct ParentRegistration {
  long long id = 0;
  std::string status;  ///< confirmed | offered | waiting
};

/// One day's mark on the sheet.
struct Mark {
  long long child_id = 0;
  std::string day;
  bool present = false;
  long long recorded_at = 0;
};

namespace childcare_repository {

std::optional<ChildcareEvent> FindEvent(storage::Connection& connection, long long event_id);
/// Takes the event's row lock (PostgreSQL) or the write lock (SQLite) so that two parents adding the
/// last place at once are counted one after the other. Call inside a transaction.
void LockEvent(storage::Connection& connection, long long event_id);
/// The account's registration at the event that is still on (confirmed, offered or waiting).
std::optional<ParentRegistration> ActiveRegistration(storage::Connection& connection, long long event_id,
                                                     long long account_id);
long long ChildrenOfRegistration(storage::Connection& connection, long long registration_id);
/// Children on registrations that hold a place (confirmed or offered).
long long ChildrenAtEvent(storage::Connection& connection, long long event_id);
long long InsertChild(storage::Connection& connection, long long registration_id, long long event_id,
                      const ChildInput& child, long long now);
/// family_count of the registration := its children.
void SyncFamilyCount(storage::Connection& connection, long long registration_id, long long now);
/// A child not removed, with its parent.
std::optional<Child> FindChild(storage::Connection& connection, long long event_id, long long child_id);
void RemoveChild(storage::Connection& connection, long long child_id, long long now);
/// Children not removed on registrations that hold a place (all when `account_id` is nullopt, else
/// that parent's), in the order they were added.
std::vector<Child> ListChildren(storage::Connection& connection, long long event_id,
                                std::optional<long long> account_id);
void UpsertMark(storage::Connection& connection, long long child_id, std::string_view day, bool present,
                long long recorded_by, long long now);
/// Every mark of the event's children.
std::vector<Mark> Marks(storage::Connection& connection, long long event_id);

}  // namespace childcare_repository
}  // namespace youhao::childcare
