#pragma once
/// Events, the use cases: create (one event or a weekly series), change (sequence + 1, registrants
/// told), cancel (everyone told), list and read (with the caller's registration and what they may
/// do), register (confirmed or waiting), take a held place, cancel one's own registration (the
/// first waiting is offered the place for the event's hold), an organiser cancels a worker, the
/// roster, one's own events, and reminders the day and the hour before. Offers whose hold ended
/// lapse (the next waiting is offered) before any event is read, and in the reminders job.
/// Decisions are event_policy.h's; every change is one transaction with its notifications.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/access.h"
#include "areas/area_service.h"
#include "core/error.h"
#include "core/event_bus.h"
#include "core/keyring.h"
#include "events/event_policy.h"
#include "events/event_repository.h"
#include "reports/notifications.h"
#include "storage/database.h"

namespace youhao::events {

/// The notifications events send, worded from "notifications.<kind>" with {title, at} (and event_id).
namespace notice {
inline constexpr std::string_view kPromoted = "event_promoted";    ///< a held place is offered
inline constexpr std::string_view kCancelled = "event_cancelled";  ///< the event is off
inline constexpr std::string_view kChanged = "event_changed";      ///< time, place or details changed
inline constexpr std::string_view kRegistrationCancelled = "event_registration_cancelled";  ///< by an organiser
inline constexpr std::string_view kReminderDay = "event_reminder_day";
inline constexpr std::string_view kReminderHour = "event_reminder_hour";
inline constexpr std::string_view kKinds[] = {kPromoted,    kCancelled,   kChanged, kRegistrationCancelled,
                                              kReminderDay, kReminderHour};
}  // namespace notice

/// Where an event is, as asked: a friendly place, a compound, or an address with its coordinates.
struct LocationRequest {
  std::optional<long long> place_id;
  std::optional<std::string> compound;
  std::string address;
  std::optional<double> lat;
  std::optional<double> lon;
};

struct EventRequest {
  EventInput input;
  /// The area whose event it is; empty: the caller's own.
  std::string area_code;
  LocationRequest location;
  std::optional<long long> course_id;
  std::optional<long long> team_id;
  /// A weekly series: one event a week until this moment (at most 26).
  std::optional<long long> repeat_weekly_until;
};

struct Created {
  Event event;
  std::optional<long long> series_id;
  int count = 1;
};

/// What the caller may do with an event.
struct Can {
  bool register_ = false;
  bool cancel = false;
  bool manage = false;
};

/// An event as the caller sees it.
struct EventView {
  Event event;
  /// The caller's newest registration for it.
  std::optional<Registration> mine;
  Can can;
};

/// A roster line: the registration and its worker, the phone masked.
struct RosterLine {
  Registration registration;
  std::optional<long long> worker_id;
  std::string name;
  std::string phone_masked;
  std::string kind;
  std::string platform;
};

struct RosterView {
  long long confirmed = 0;
  long long offered = 0;
  long long waiting = 0;
  long long cancelled = 0;
  std::vector<RosterLine> items;
};

class EventService {
 public:
  EventService(storage::Database& database, const areas::AreaService& areas, const core::Keyring& keyring)
      : database_(database), areas_(areas), keyring_(keyring) {}

  /// Wakes the bells of those told (after the commit); null: they poll.
  void SetEventBus(core::EventBus* bus) { bus_ = bus; }

  /// Whether `caller` may hang an event in the area at `event_area_path` on course or team `id`:
  /// the capabilities that own courses (training) and teams (volunteers) answer, set by the
  /// server; without a check, an event naming a course or a team is refused.
  using LinkCheck = std::function<core::Status(storage::Connection& connection, const accounts::Principal& caller,
                                               long long id, std::string_view event_area_path)>;
  void CheckCoursesWith(LinkCheck check) { course_check_ = std::move(check); }
  void CheckTeamsWith(LinkCheck check) { team_check_ = std::move(check); }

  /// Errors: bad_event (with field), event_past, not_event_organiser (the area is outside the caller's).
  core::Result<Created> Create(const accounts::Principal& caller, const EventRequest& request, long long now);
  /// `request` carries every field (the edge merges a PATCH into the event). Registrants are told.
  core::Result<EventView> Update(const accounts::Principal& caller, long long id, const EventRequest& request,
                                 long long now);
  core::Result<EventView> Cancel(const accounts::Principal& caller, long long id, std::string reason, long long now);

  core::Result<EventView> Get(long long id, const accounts::Principal* caller, long long now);
  std::vector<EventView> List(const EventQuery& query, const accounts::Principal* caller, long long now);

  /// Errors: not_eligible (403), event_cancelled, event_past, already_registered (409), event_not_found.
  core::Result<Registration> Register(const accounts::Principal& caller, long long id, int family_count, long long now);
  /// Errors: no_offer (409).
  core::Result<Registration> AcceptOffer(const accounts::Principal& caller, long long id, long long now);
  core::Result<Registration> CancelMine(const accounts::Principal& caller, long long id, long long now);
  /// Errors: not_event_organiser (403), no_registration (404).
  core::Result<Registration> CancelRegistration(const accounts::Principal& caller, long long id,
                                                long long registration_id, std::string reason, long long now);
  core::Result<RosterView> Roster(const accounts::Principal& caller, long long id, long long now);
  /// The caller's events with their registrations: upcoming first (soonest first), then past (latest first).
  std::vector<EventView> Mine(const accounts::Principal& caller, long long now);

  /// Offers whose hold ended lapse; the next waiting of each is offered. How many lapsed.
  long long LapseDueOffers(long long now);
  /// Reminds confirmed registrants once the day before (within 24 h) and once the hour before
  /// (within 60 min). How many reminders were sent.
  long long SendReminders(long long now);

 private:
  core::Result<Location> Locate(storage::Connection& connection, const LocationRequest& request) const;
  EventView ViewOf(storage::Connection& connection, Event event, const accounts::Principal* caller,
                   long long now) const;
  core::Result<Event> Organised(storage::Connection& connection, const accounts::Principal& caller, long long id) const;
  /// Offers `seat` of `event` to the first waiting, telling them; in the caller's transaction.
  void OfferSeat(storage::Connection& connection, reports::Told& told, const Event& event, int seat,
                 long long now) const;
  long long LapseOffers(storage::Connection& connection, std::optional<long long> event_id, long long now);
  /// The course or team an event names, checked by its owner (LinkCheck); areas in its
  /// eligibility exist.
  core::Status CheckLinks(storage::Connection& connection, const accounts::Principal& caller,
                          const EventRequest& request, std::string_view event_area_path) const;

  storage::Database& database_;
  const areas::AreaService& areas_;
  const core::Keyring& keyring_;
  LinkCheck course_check_;
  LinkCheck team_check_;
  core::EventBus* bus_ = nullptr;
};

/// "2026-12-08 14:00" in Beijing time: the `at` of a notification.
std::string NoticeTime(long long unix_seconds);

}  // namespace youhao::events
