#include "childcare/childcare_repository.h"

namespace youhao::childcare::childcare_repository {

namespace {

// Named statements.
constexpr std::string_view kEvent =
    "SELECT id, title, area_code, kind, family, status, created_by, area_path, starts_at, ends_at, capacity "
    "FROM events WHERE id = ?";
constexpr std::string_view kLockEvent = "UPDATE events SET updated_at = updated_at WHERE id = ?";
constexpr std::string_view kActiveRegistration =
    "SELECT id, status FROM event_registrations WHERE event_id = ? AND account_id = ? "
    "AND status IN ('confirmed', 'offered', 'waiting') ORDER BY id DESC LIMIT 1";
constexpr std::string_view kChildrenOfRegistration =
    "SELECT COUNT(*) FROM event_children WHERE registration_id = ? AND removed_at IS NULL";
constexpr std::string_view kChildrenAtEvent =
    "SELECT COUNT(*) FROM event_children c JOIN event_registrations r ON r.id = c.registration_id "
    "WHERE c.event_id = ? AND c.removed_at IS NULL AND r.status IN ('confirmed', 'offered')";
constexpr std::string_view kInsertChild =
    "INSERT INTO event_children (registration_id, event_id, given_name, age, note, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kSyncFamilyCount =
    "UPDATE event_registrations SET family_count = (SELECT COUNT(*) FROM event_children "
    "WHERE registration_id = ? AND removed_at IS NULL), updated_at = ? WHERE id = ?";
constexpr std::string_view kChildColumns =
    "SELECT c.id, c.registration_id, c.event_id, c.given_name, c.age, c.note, c.created_at, r.account_id, "
    "COALESCE(NULLIF(a.display_name, ''), a.login) "
    "FROM event_children c JOIN event_registrations r ON r.id = c.registration_id "
    "JOIN accounts a ON a.id = r.account_id ";
constexpr std::string_view kRemoveChild = "UPDATE event_children SET removed_at = ? WHERE id = ?";
constexpr std::string_view kUpsertMark =
    "INSERT INTO child_attendance (child_id, day, present, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (child_id, day) DO UPDATE SET present = excluded.present, recorded_by = excluded.recorded_by, "
    "recorded_at = excluded.recorded_at";
constexpr std::string_view kMarks =
    "SELECT m.child_id, m.day, m.present, m.recorded_at FROM child_attendance m "
    "JOIN event_children c ON c.id = m.child_id WHERE c.event_id = ? ORDER BY m.child_id, m.day";

Child ChildOf(const storage::Row& row) {
  Child child;
  child.id = row.Int(0);
  child.registration_id = row.Int(1);
  child.event_id = row.Int(2);
  child.given_name = row.Text(3);
  child.age = row.Int(4);
  child.note = row.Text(5);
  child.created_at = row.Int(6);
  child.parent_account_id = row.Int(7);
  child.parent_name = row.Text(8);
  return child;
}

}  // namespace

std::optional<ChildcareEvent> FindEvent(storage::Connection& connection, long long event_id) {
  const auto row = connection.QueryOne(kEvent, {event_id});
  if (!row) return std::nullopt;
  ChildcareEvent event;
  event.id = row->Int(0);
  event.title = row->Text(1);
  event.area_code = row->Text(2);
  event.facts.kind = row->Text(3);
  event.facts.family = row->Int(4) != 0;
  event.facts.cancelled = row->Text(5) == "cancelled";
  event.facts.created_by = row->Int(6);
  event.facts.area_path = row->Text(7);
  event.facts.starts_at = row->Int(8);
  event.facts.ends_at = row->Int(9);
  event.facts.capacity = row->Int(10);
  return event;
}

void LockEvent(storage::Connection& connection, long long event_id) { connection.Execute(kLockEvent, {event_id}); }

std::optional<ParentRegistration> ActiveRegistration(storage::Connection& connection, long long event_id,
                                                     long long account_id) {
  const auto row = connection.QueryOne(kActiveRegistration, {event_id, account_id});
  if (!row) return std::nullopt;
  return ParentRegistration{row->Int(0), row->Text(1)};
}

long long ChildrenOfRegistration(storage::Connection& connection, long long registration_id) {
  return connection.QueryInt(kChildrenOfRegistration, {registration_id});
}

long long ChildrenAtEvent(storage::Connection& connection, long long event_id) {
  return connection.QueryInt(kChildrenAtEvent, {event_id});
}

long long InsertChild(storage::Connection& connection, long long registration_id, long long event_id,
                      const ChildInput& child, long long now) {
  return connection.QueryInt(kInsertChild, {registration_id, event_id, child.given_name, child.age, child.note, now});
}

void SyncFamilyCount(storage::Connection& connection, long long registration_id, long long now) {
  connection.Execute(kSyncFamilyCount, {registration_id, now, registration_id});
}

std::optional<Child> FindChild(storage::Connection& connection, long long event_id, long long child_id) {
  const auto row = connection.QueryOne(
      std::string(kChildColumns) + "WHERE c.event_id = ? AND c.id = ? AND c.removed_at IS NULL", {event_id, child_id});
  if (!row) return std::nullopt;
  return ChildOf(*row);
}

void RemoveChild(storage::Connection& connection, long long child_id, long long now) {
  connection.Execute(kRemoveChild, {now, child_id});
}

std::vector<Child> ListChildren(storage::Connection& connection, long long event_id,
                                std::optional<long long> account_id) {
  const std::string sql = std::string(kChildColumns) +
                          "WHERE c.event_id = ? AND c.removed_at IS NULL AND r.status IN ('confirmed', 'offered') "
                          "AND (? = 0 OR r.account_id = ?) ORDER BY c.id";
  const long long only = account_id.value_or(0);
  std::vector<Child> children;
  for (const auto& row : connection.Query(sql, {event_id, only, only})) children.push_back(ChildOf(row));
  return children;
}

void UpsertMark(storage::Connection& connection, long long child_id, std::string_view day, bool present,
                long long recorded_by, long long now) {
  connection.Execute(kUpsertMark, {child_id, std::string(day), present ? 1LL : 0LL, recorded_by, now});
}

std::vector<Mark> Marks(storage::Connection& connection, long long event_id) {
  std::vector<Mark> marks;
  for (const auto& row : connection.Query(kMarks, {event_id}))
    marks.push_back(Mark{row.Int(0), row.Text(1), row.Int(2) != 0, row.Int(3)});
  return marks;
}

}  // namespace youhao::childcare::childcare_repository
