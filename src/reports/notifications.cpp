#include "reports/notifications.h"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <limits>

#include "core/json_output.h"

namespace youhao::reports {

namespace {

std::optional<long long> OptionalInt(const storage::Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.Int(column);
}

}  // namespace

void Notify(storage::Connection& connection, const std::string& login, long long id, std::string_view kind,
            boost::json::object fields, long long now) {
  fields["id"] = id;
  connection.Execute(
      "INSERT INTO notifications (login, report_id, message, kind, fields, at) VALUES (?, ?, '', ?, ?, ?)",
      {login, id, std::string(kind), core::SerializeJson(fields), now});
}

void Told::Add(const std::string& login) {
  if (std::find(logins_.begin(), logins_.end(), login) == logins_.end()) logins_.push_back(login);
}

void Told::Wake(core::EventBus* bus) const {
  if (bus == nullptr) return;
  for (const std::string& login : logins_) bus->Publish(InboxTopic(login));
}

void Notify(storage::Connection& connection, Told& told, const std::string& login, std::optional<long long> id,
            std::string_view kind, boost::json::object fields, long long now) {
  if (id) fields["id"] = *id;
  connection.Execute(
      "INSERT INTO notifications (login, report_id, message, kind, fields, at) VALUES (?, ?, '', ?, ?, ?)",
      {login, id ? storage::Value{*id} : storage::Value{nullptr}, std::string(kind), core::SerializeJson(fields), now});
  told.Add(login);
}

std::pair<std::vector<Notification>, long long> NotificationInbox::List(const std::string& login,
                                                                        bool unread_only) const {
  auto connection = database_.Acquire();
  std::vector<Notification> items;
  for (const storage::Row& row : connection->Query(
           unread_only ? "SELECT id, report_id, message, at, read_at, kind, fields FROM notifications WHERE login = ? "
                         "AND read_at IS NULL ORDER BY id DESC LIMIT 50"
                       : "SELECT id, report_id, message, at, read_at, kind, fields FROM notifications WHERE login = ? "
                         "ORDER BY id DESC LIMIT 50",
           {login})) {
    Notification item{row.Int(0), OptionalInt(row, 1), row.Text(2), row.Int(3), !row.IsNull(4)};
    item.kind = row.IsNull(5) ? "" : row.Text(5);
    if (!row.IsNull(6)) {
      boost::system::error_code error;
      auto fields = boost::json::parse(row.Text(6), error);
      if (!error && fields.is_object()) item.fields = std::move(fields.as_object());
    }
    items.push_back(std::move(item));
  }
  const long long unread =
      connection->QueryInt("SELECT COUNT(*) FROM notifications WHERE login = ? AND read_at IS NULL", {login});
  return {std::move(items), unread};
}

long long NotificationInbox::MarkRead(const std::string& login, std::optional<long long> up_to, long long now) {
  auto connection = database_.Acquire();
  const long long marked =
      connection->Execute("UPDATE notifications SET read_at = ? WHERE login = ? AND read_at IS NULL AND id <= ?",
                          {now, login, up_to.value_or(std::numeric_limits<long long>::max())});
  if (marked > 0) Wake(login);
  return marked;
}

InboxState NotificationInbox::State(const std::string& login) const {
  auto connection = database_.Acquire();
  // One pass over the login's rows (notifications_login): a stream asks this on every wake.
  auto row = connection->QueryOne(
      "SELECT COUNT(CASE WHEN read_at IS NULL THEN 1 END), COALESCE(MAX(id), 0) FROM notifications WHERE login = ?",
      {login});
  InboxState state;
  if (row) state = {row->Int(0), row->Int(1)};
  return state;
}

void NotificationInbox::Wake(const std::string& login) const {
  if (bus_ != nullptr) bus_->Publish(InboxTopic(login));
}

}  // namespace youhao::reports
