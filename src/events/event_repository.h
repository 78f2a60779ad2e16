#pragma once
/// Events, the SQL of tables events, event_series and event_registrations, run on a given
/// connection. A seat is a number 1..capacity, unique per event (a unique index): a registration
/// takes the lowest free one and retries when another server took it first, so an event never
/// holds more than its capacity, on SQLite and PostgreSQL alike.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "events/event_policy.h"
#include "storage/database.h"

namespace youhao::events {

struct Event {
  long long id = 0;
  std::string uid;
  std::optional<long long> series_id;
  std::string kind;
  std::string title;
  std::string description;
  std::string organiser_kind;
  std::string organiser_name;
  long long created_by = 0;
  std::string area_code;
  std::string area_path;
  std::string area_name;
  std::optional<long long> place_id;
  std::string place_name;
  std::optional<std::string> compound_code;
  std::string compound_name;
  std::string address;
  double lat = 0;
  double lon = 0;
  long long starts_at = 0;
  long long ends_at = 0;
  int capacity = 0;
  int hold_minutes = 120;
  bool walk_ins = false;
  bool family = false;
  Eligibility eligibility;
  std::optional<long long> course_id;
  std::optional<long long> team_id;
  bool cancelled = false;
  std::string cancel_reason;
  int sequence = 0;
  long long created_at = 0;
  long long updated_at = 0;
  /// Registrations holding a place (confirmed or offered), and those waiting.
  long long taken = 0;
  long long waiting = 0;

  EventFacts Facts() const { return {cancelled, starts_at, ends_at}; }
};

/// Where an event takes place: a place, a compound, or an address; lat/lon always set.
struct Location {
  std::optional<long long> place_id;
  std::optional<std::string> compound_code;
  std::string address;
  double lat = 0;
  double lon = 0;
};

struct NewEvent {
  EventInput input;
  Location location;
  std::string area_code;
  std::string area_path;
  long long created_by = 0;
  std::optional<long long> series_id;
  std::optional<long long> course_id;
  std::optional<long long> team_id;
};

struct Registration {
  long long id = 0;
  long long event_id = 0;
  long long account_id = 0;
  RegistrationStatus status = RegistrationStatus::kWaiting;
  std::optional<int> seat;
  std::optional<long long> offered_until;
  int family_count = 0;
  long long registered_at = 0;
  std::optional<long long> cancelled_at;
  std::string cancelled_by;
  std::string cancel_reason;
  std::string login;  ///< the account's login (whom notifications go to)
};

/// A registration on an organiser's roster, with its worker (phone still sealed).
struct RosterEntry {
  Registration registration;
  std::optional<long long> worker_id;
  std::string name;
  std::string phone_sealed;
  std::string kind;
  std::string platform;
};

/// A confirmed registration a reminder may be due for.
struct ReminderDue {
  long long registration_id = 0;
  long long event_id = 0;
  std::string login;
  std::string title;
  long long starts_at = 0;
  bool reminded_day = false;
  bool reminded_hour = false;
};

struct EventQuery {
  std::optional<std::string> area_path;  ///< events of areas inside it
  long long from = 0;                    ///< ending at or after
  long long to = 0;                      ///< starting before
  std::optional<std::string> kind;
  int limit = 200;
};

/// The worker behind a sign-in account, as eligibility sees them.
struct AccountWorker {
  long long id = 0;
  WorkerFacts facts;
};

namespace event_repository {

long long InsertSeries(storage::Connection& connection, long long until_at, long long created_by, long long now);
/// Inserts the event with a fresh random UID; its id.
long long InsertEvent(storage::Connection& connection, const NewEvent& event, long long now);
std::optional<Event> FindEvent(storage::Connection& connection, long long id);
/// Events by start time, then id.
std::vector<Event> ListEvents(storage::Connection& connection, const EventQuery& query);
/// Changes what an organiser sets, sequence + 1.
void UpdateEvent(storage::Connection& connection, long long id, const EventInput& input, const Location& location,
                 long long now);
/// Cancelled with its reason, sequence + 1; false when it was cancelled already.
bool CancelEvent(storage::Connection& connection, long long id, std::string_view reason, long long now);

std::optional<Registration> FindRegistration(storage::Connection& connection, long long id);
/// The account's confirmed, offered or waiting registration for the event.
std::optional<Registration> FindActive(storage::Connection& connection, long long event_id, long long account_id);
/// The account's newest registration for the event, whatever its status.
std::optional<Registration> FindLatest(storage::Connection& connection, long long event_id, long long account_id);
/// The account's newest registration per event, events starting soonest first (at most 200).
std::vector<Registration> OfAccount(storage::Connection& connection, long long account_id);
/// Every registration of the event: holding a seat by seat, then waiting in order, then the rest.
std::vector<RosterEntry> Roster(storage::Connection& connection, long long event_id);
/// Logins of the event's active registrations.
std::vector<std::string> ActiveLogins(storage::Connection& connection, long long event_id);

/// Registers the account: confirmed on the lowest free seat when one is free and nobody waits,
/// else waiting. Runs its own transactions (retried when a seat was taken meanwhile); nullopt when
/// the account registered already (an active registration exists). The capacity is read under
/// the event's lock (LockEvent), so a registration racing a change of capacity never exceeds it.
std::optional<Registration> Register(storage::Connection& connection, long long event_id, long long account_id,
                                     int family_count, long long now);

/// Takes the event's row for the caller's transaction (a no-op write): registrations and changes
/// of capacity of one event take turns, on PostgreSQL (row lock) and SQLite (write lock).
void LockEvent(storage::Connection& connection, long long event_id);
/// The registration leaves with `status` (cancelled or lapsed) and gives up its seat, only if it
/// is still active; its seat before (nullopt when it held none), or false-y when it moved first.
struct Released {
  bool changed = false;
  std::optional<int> seat;
};
Released Release(storage::Connection& connection, const Registration& registration, RegistrationStatus status,
                 std::string_view by, std::string_view reason, long long now);
/// The first waiting registration is offered `seat` until `offered_until`; it, or nullopt when
/// nobody waits.
std::optional<Registration> OfferNext(storage::Connection& connection, long long event_id, int seat,
                                      long long offered_until, long long now);
/// The offered registration takes its place (confirmed), unless the offer lapsed by `now`.
bool Accept(storage::Connection& connection, long long registration_id, long long now);
/// Offered registrations whose hold ended by `now` (of one event, or of all).
std::vector<Registration> DueOffers(storage::Connection& connection, std::optional<long long> event_id, long long now);
/// Seats 1..capacity not held, for offering after a capacity was raised.
std::vector<int> FreeSeats(storage::Connection& connection, long long event_id, int capacity);
/// Every active registration cancelled by the event; their logins.
std::vector<std::string> CancelAll(storage::Connection& connection, long long event_id, std::string_view reason,
                                   long long now);

/// Confirmed registrations of scheduled events starting within 24 h after `now` with a reminder unsent.
std::vector<ReminderDue> DueReminders(storage::Connection& connection, long long now);
/// Marks the reminder sent, only if it was not: false when another run sent it.
bool MarkReminded(storage::Connection& connection, long long registration_id, Reminder reminder);
/// The event moved: its reminders are due again.
void ResetReminders(storage::Connection& connection, long long event_id);

std::optional<AccountWorker> WorkerOfAccount(storage::Connection& connection, long long account_id);
/// A friendly place: {name, area_path, lat, lon}.
struct PlaceFacts {
  std::string name;
  std::string area_path;
  double lat = 0;
  double lon = 0;
};
std::optional<PlaceFacts> FindPlace(storage::Connection& connection, long long place_id);

}  // namespace event_repository
}  // namespace youhao::events
