#include "events/event_service.h"

#include <algorithm>
#include <cmath>

#include <boost/json/serialize.hpp>

#include "audit/audit_log.h"
#include "core/text.h"
#include "registry/phone_vault.h"
#include "schedule/clock.h"

namespace youhao::events {

namespace {

using core::ErrorCode;
namespace json = boost::json;

core::Error NotFound() {
  return core::MakeProblem(ErrorCode::kNotFound, "event_not_found", "events.not_found", "no such event");
}

core::Error NotOrganiser() {
  return core::MakeProblem(ErrorCode::kForbidden, "not_event_organiser", "events.not_organiser",
                           "only the event's organisers may do this");
}

core::Error NotEligible() {
  return core::MakeProblem(ErrorCode::kForbidden, "not_eligible", "events.not_eligible",
                           "this event is for other workers");
}

core::Error NoRegistration() {
  return core::MakeProblem(ErrorCode::kNotFound, "no_registration", "events.no_registration",
                           "no active registration for this event");
}

json::object Fields(const Event& event) {
  return {{"title", event.title}, {"at", NoticeTime(event.starts_at)}, {"event_id", event.id}};
}

void Tell(storage::Connection& connection, reports::Told& told, const std::string& login, std::string_view kind,
          json::object fields, long long now) {
  if (login.empty()) return;
  reports::Notify(connection, told, login, std::nullopt, kind, std::move(fields), now);
}

void Audit(storage::Connection& connection, const accounts::Principal& caller, std::string action, const Event& event,
           json::object after) {
  after["title"] = event.title;
  accounts::AuditBy(connection, caller, std::move(action), "event", std::to_string(event.id), event.area_code, after);
}

}  // namespace

std::string NoticeTime(long long unix_seconds) {
  std::string text = schedule::BeijingIso8601(unix_seconds).substr(0, 16);
  if (text.size() > 10) text[10] = ' ';
  return text;
}

core::Result<Location> EventService::Locate(storage::Connection& connection, const LocationRequest& request) const {
  Location location;
  if (request.place_id) {
    auto place = event_repository::FindPlace(connection, *request.place_id);
    if (!place) return BadEvent("place_id", "no such place");
    location.place_id = request.place_id;
    location.lat = place->lat;
    location.lon = place->lon;
    location.address = std::string(core::Trim(request.address));
    return location;
  }
  if (request.compound && !request.compound->empty()) {
    auto compound = areas_.Find(connection, *request.compound);
    if (!compound || compound->level != areas::Level::kCompound || !compound->lat || !compound->lon)
      return BadEvent("compound", "no such compound");
    location.compound_code = compound->code;
    location.lat = *compound->lat;
    location.lon = *compound->lon;
    location.address = std::string(core::Trim(request.address));
    return location;
  }
  const std::string_view address = core::Trim(request.address);
  if (address.empty() || address.size() > kMaxAddress * 4)
    return BadEvent("address", "a place_id, a compound, or an address with lat and lon");
  if (!request.lat || !request.lon || !std::isfinite(*request.lat) || !std::isfinite(*request.lon) ||
      std::abs(*request.lat) > 90 || std::abs(*request.lon) > 180)
    return BadEvent("lat", "an address needs its lat and lon");
  location.address = std::string(address);
  location.lat = *request.lat;
  location.lon = *request.lon;
  return location;
}

EventView EventService::ViewOf(storage::Connection& connection, Event event, const accounts::Principal* caller,
                               long long now) const {
  EventView view;
  if (caller != nullptr) {
    view.mine = event_repository::FindLatest(connection, event.id, caller->account_id);
    const std::optional<RegistrationStatus> status =
        view.mine ? std::optional(view.mine->status) : std::optional<RegistrationStatus>();
    if (caller->role == accounts::Role::kWorker && MayRegister(event.Facts(), status, now).ok()) {
      const auto worker = event_repository::WorkerOfAccount(connection, caller->account_id);
      view.can.register_ = worker && IsEligible(event.eligibility, worker->facts);
    }
    view.can.cancel = status && MayCancelRegistration(event.Facts(), status, now).ok();
    view.can.manage = Organises(caller->role, caller->account_id, caller->area_path, event.created_by, event.area_path);
  }
  view.event = std::move(event);
  return view;
}

core::Result<Event> EventService::Organised(storage::Connection& connection, const accounts::Principal& caller,
                                            long long id) const {
  auto event = event_repository::FindEvent(connection, id);
  if (!event) return NotFound();
  if (!Organises(caller.role, caller.account_id, caller.area_path, event->created_by, event->area_path))
    return NotOrganiser();
  return std::move(*event);
}

void EventService::OfferSeat(storage::Connection& connection, reports::Told& told, const Event& event, int seat,
                             long long now) const {
  if (event.cancelled || now >= event.ends_at || seat > event.capacity) return;
  const auto offered = event_repository::OfferNext(connection, event.id, seat,
                                                   OfferUntil(now, event.hold_minutes, event.starts_at), now);
  if (!offered) return;
  json::object fields = Fields(event);
  fields["until"] = NoticeTime(*offered->offered_until);
  Tell(connection, told, offered->login, notice::kPromoted, std::move(fields), now);
}

long long EventService::LapseOffers(storage::Connection& connection, std::optional<long long> event_id, long long now) {
  const auto due = event_repository::DueOffers(connection, event_id, now);
  if (due.empty()) return 0;
  long long lapsed = 0;
  reports::Told told;
  storage::Transaction transaction(connection);
  for (const Registration& offer : due) {
    const auto released =
        event_repository::Release(connection, offer, RegistrationStatus::kLapsed, "", "offer not taken", now);
    if (!released.changed) continue;
    ++lapsed;
    auto event = event_repository::FindEvent(connection, offer.event_id);
    if (event && released.seat) OfferSeat(connection, told, *event, *released.seat, now);
  }
  transaction.Commit();
  told.Wake(bus_);
  return lapsed;
}

long long EventService::LapseDueOffers(long long now) {
  auto connection = database_.Acquire();
  return LapseOffers(*connection, std::nullopt, now);
}

core::Result<Created> EventService::Create(const accounts::Principal& caller, const EventRequest& request,
                                           long long now) {
  EventInput input = request.input;
  input.title = std::string(core::Trim(input.title));
  input.organiser_name = std::string(core::Trim(input.organiser_name));
  if (auto checked = CheckEventInput(input, now); !checked.ok()) return checked.error();
  if (request.course_id && input.kind != "training") return BadEvent("course_id", "a course's session is a training");
  if (request.team_id && input.kind != "volunteer") return BadEvent("team_id", "a team's shift is a volunteer event");
  int count = 1;
  if (request.repeat_weekly_until) {
    auto weeks = WeeklyCount(input.starts_at, *request.repeat_weekly_until);
    if (!weeks.ok()) return weeks.error();
    count = weeks.value();
  }
  auto connection = database_.Acquire();
  const std::string area_code = request.area_code.empty() ? caller.area_code : request.area_code;
  auto area = areas_.Find(*connection, area_code);
  if (!area) return BadEvent("area", "no such area");
  if (!MayCreateIn(caller.role, caller.area_path, area->path)) return NotOrganiser();
  if (auto linked = CheckLinks(*connection, caller, request, area->path); !linked.ok()) return linked.error();
  if (input.kind == "childcare") input.family = true;  // children are registered to a childcare class
  auto location = Locate(*connection, request.location);
  if (!location.ok()) return location.error();

  storage::Transaction transaction(*connection);
  Created created;
  created.count = count;
  if (count > 1)
    created.series_id =
        event_repository::InsertSeries(*connection, *request.repeat_weekly_until, caller.account_id, now);
  long long first_id = 0;
  for (int week = 0; week < count; ++week) {
    NewEvent event{input,
                   location.value(),
                   area->code,
                   area->path,
                   caller.account_id,
                   created.series_id,
                   request.course_id,
                   request.team_id};
    event.input.starts_at += week * kWeekSeconds;
    event.input.ends_at += week * kWeekSeconds;
    const long long id = event_repository::InsertEvent(*connection, event, now);
    if (week == 0) first_id = id;
  }
  created.event = *event_repository::FindEvent(*connection, first_id);
  Audit(*connection, caller, "event.create", created.event,
        {{"kind", input.kind}, {"starts_at", input.starts_at}, {"capacity", input.capacity}, {"count", count}});
  transaction.Commit();
  return created;
}

core::Status EventService::CheckLinks(storage::Connection& connection, const accounts::Principal& caller,
                                      const EventRequest& request, std::string_view event_area_path) const {
  for (const std::string& code : request.input.eligibility.areas) {
    if (!areas_.Find(connection, code)) return BadEvent("eligibility", "no such area: " + code);
  }
  const auto check = [&](const LinkCheck& owner, std::optional<long long> id, std::string_view field) -> core::Status {
    if (!id) return core::Ok{};
    if (!owner) return BadEvent(field, std::string(field) + " cannot be set on this server");
    return owner(connection, caller, *id, event_area_path);
  };
  if (auto course = check(course_check_, request.course_id, "course_id"); !course.ok()) return course;
  return check(team_check_, request.team_id, "team_id");
}

core::Result<EventView> EventService::Update(const accounts::Principal& caller, long long id,
                                             const EventRequest& request, long long now) {
  auto connection = database_.Acquire();
  auto event = Organised(*connection, caller, id);
  if (!event.ok()) return event.error();
  const Event& before = event.value();
  // The body is judged before the event's state: a malformed change is a 400 even when late.
  if (auto kinds = CheckEventKinds(request.input); !kinds.ok()) return kinds.error();
  if (auto may = MayChangeEvent(before.Facts(), now); !may.ok()) return may.error();
  EventInput input = request.input;
  input.title = std::string(core::Trim(input.title));
  input.organiser_name = std::string(core::Trim(input.organiser_name));
  if (input.kind == "childcare") input.family = true;
  // A course's session stays a training, a team's shift a volunteer event.
  if (before.course_id && input.kind != "training") return BadEvent("kind", "a course's session is a training");
  if (before.team_id && input.kind != "volunteer") return BadEvent("kind", "a team's shift is a volunteer event");
  if (auto linked = CheckLinks(*connection, caller, EventRequest{.input = input}, before.area_path); !linked.ok())
    return linked.error();
  // An event under way keeps its start: its other details may still change.
  const long long check_at = input.starts_at == before.starts_at ? std::min(now, before.starts_at) : now;
  if (auto checked = CheckEventInput(input, check_at); !checked.ok()) return checked.error();
  auto location = Locate(*connection, request.location);
  if (!location.ok()) return location.error();

  reports::Told told;
  storage::Transaction transaction(*connection);
  // Places taken, counted under the event's lock: a registration racing this change is counted.
  event_repository::LockEvent(*connection, id);
  if (input.capacity < event_repository::FindEvent(*connection, id)->taken)
    return BadEvent("capacity", "fewer places than are taken");
  event_repository::UpdateEvent(*connection, id, input, location.value(), now);
  if (input.starts_at != before.starts_at) event_repository::ResetReminders(*connection, id);
  auto after = *event_repository::FindEvent(*connection, id);
  for (const std::string& login : event_repository::ActiveLogins(*connection, id))
    Tell(*connection, told, login, notice::kChanged, Fields(after), now);
  // More places: those waiting are offered the new ones, in order.
  if (after.waiting > 0) {
    for (int seat : event_repository::FreeSeats(*connection, id, after.capacity))
      OfferSeat(*connection, told, after, seat, now);
    after = *event_repository::FindEvent(*connection, id);
  }
  Audit(*connection, caller, "event.update", after,
        {{"starts_at", input.starts_at}, {"ends_at", input.ends_at}, {"capacity", input.capacity}});
  transaction.Commit();
  told.Wake(bus_);
  return ViewOf(*connection, std::move(after), &caller, now);
}

core::Result<EventView> EventService::Cancel(const accounts::Principal& caller, long long id, std::string reason,
                                             long long now) {
  reason = std::string(core::Trim(reason));
  auto connection = database_.Acquire();
  auto event = Organised(*connection, caller, id);
  if (!event.ok()) return event.error();
  if (auto may = MayChangeEvent(event.value().Facts(), now); !may.ok()) return may.error();
  reports::Told told;
  storage::Transaction transaction(*connection);
  if (!event_repository::CancelEvent(*connection, id, reason, now)) {
    return core::MakeProblem(ErrorCode::kConflict, "event_cancelled", "events.event_cancelled",
                             "the event was cancelled");
  }
  json::object fields = Fields(event.value());
  fields["reason"] = reason;
  for (const std::string& login : event_repository::CancelAll(*connection, id, reason, now))
    Tell(*connection, told, login, notice::kCancelled, fields, now);
  auto after = *event_repository::FindEvent(*connection, id);
  Audit(*connection, caller, "event.cancel", after, {{"reason", reason}});
  transaction.Commit();
  told.Wake(bus_);
  return ViewOf(*connection, std::move(after), &caller, now);
}

core::Result<EventView> EventService::Get(long long id, const accounts::Principal* caller, long long now) {
  auto connection = database_.Acquire();
  LapseOffers(*connection, id, now);
  auto event = event_repository::FindEvent(*connection, id);
  if (!event) return NotFound();
  return ViewOf(*connection, std::move(*event), caller, now);
}

std::vector<EventView> EventService::List(const EventQuery& query, const accounts::Principal* caller, long long now) {
  auto connection = database_.Acquire();
  LapseOffers(*connection, std::nullopt, now);
  std::vector<EventView> out;
  for (Event& event : event_repository::ListEvents(*connection, query))
    out.push_back(ViewOf(*connection, std::move(event), caller, now));
  return out;
}

core::Result<Registration> EventService::Register(const accounts::Principal& caller, long long id, int family_count,
                                                  long long now) {
  auto connection = database_.Acquire();
  LapseOffers(*connection, id, now);
  auto event = event_repository::FindEvent(*connection, id);
  if (!event) return NotFound();
  const auto active = event_repository::FindActive(*connection, id, caller.account_id);
  if (auto may = MayRegister(event->Facts(), active ? std::optional(active->status) : std::nullopt, now); !may.ok())
    return may.error();
  const auto worker = event_repository::WorkerOfAccount(*connection, caller.account_id);
  if (!worker) return NotEligible();
  // Only a verified worker holds a pass, and the pass is the ticket: a place taken by someone the
  // door cannot admit would be a place lost.
  if (worker->facts.status != "verified")
    return core::MakeProblem(ErrorCode::kForbidden, "worker_not_verified", "events.worker_not_verified",
                             "only verified workers register for events",
                             json::object{{"status", worker->facts.status}});
  if (!IsEligible(event->eligibility, worker->facts)) return NotEligible();
  if (family_count < 0 || family_count > kMaxFamilyCount || (family_count > 0 && !event->family))
    return BadEvent("family_count", "family_count: 0, or up to 6 at a family event");
  auto registration = event_repository::Register(*connection, id, caller.account_id, family_count, now);
  if (!registration) {
    return core::MakeProblem(ErrorCode::kConflict, "already_registered", "events.already_registered",
                             "already registered for this event");
  }
  return std::move(*registration);
}

core::Result<Registration> EventService::AcceptOffer(const accounts::Principal& caller, long long id, long long now) {
  auto connection = database_.Acquire();
  LapseOffers(*connection, id, now);
  auto event = event_repository::FindEvent(*connection, id);
  if (!event) return NotFound();
  const auto active = event_repository::FindActive(*connection, id, caller.account_id);
  if (auto may = MayAccept(event->Facts(), active ? std::optional(active->status) : std::nullopt,
                           active ? active->offered_until : std::nullopt, now);
      !may.ok())
    return may.error();
  if (!event_repository::Accept(*connection, active->id, now)) {
    return core::MakeProblem(ErrorCode::kConflict, "no_offer", "events.no_offer", "no place is held for you");
  }
  return *event_repository::FindRegistration(*connection, active->id);
}

core::Result<Registration> EventService::CancelMine(const accounts::Principal& caller, long long id, long long now) {
  auto connection = database_.Acquire();
  LapseOffers(*connection, id, now);
  auto event = event_repository::FindEvent(*connection, id);
  if (!event) return NotFound();
  const auto active = event_repository::FindActive(*connection, id, caller.account_id);
  if (auto may = MayCancelRegistration(event->Facts(), active ? std::optional(active->status) : std::nullopt, now);
      !may.ok())
    return may.error();
  reports::Told told;
  storage::Transaction transaction(*connection);
  const auto released =
      event_repository::Release(*connection, *active, RegistrationStatus::kCancelled, "worker", "", now);
  if (!released.changed) return NoRegistration();
  if (released.seat) OfferSeat(*connection, told, *event, *released.seat, now);
  transaction.Commit();
  told.Wake(bus_);
  return *event_repository::FindRegistration(*connection, active->id);
}

core::Result<Registration> EventService::CancelRegistration(const accounts::Principal& caller, long long id,
                                                            long long registration_id, std::string reason,
                                                            long long now) {
  reason = std::string(core::Trim(reason));
  auto connection = database_.Acquire();
  auto event = Organised(*connection, caller, id);
  if (!event.ok()) return event.error();
  LapseOffers(*connection, id, now);
  const auto registration = event_repository::FindRegistration(*connection, registration_id);
  if (!registration || registration->event_id != id) return NoRegistration();
  if (auto may = MayCancelRegistration(event.value().Facts(), registration->status, now); !may.ok()) return may.error();
  reports::Told told;
  storage::Transaction transaction(*connection);
  const auto released =
      event_repository::Release(*connection, *registration, RegistrationStatus::kCancelled, "organiser", reason, now);
  if (!released.changed) return NoRegistration();
  json::object fields = Fields(event.value());
  fields["reason"] = reason;
  Tell(*connection, told, registration->login, notice::kRegistrationCancelled, std::move(fields), now);
  if (released.seat) OfferSeat(*connection, told, event.value(), *released.seat, now);
  Audit(*connection, caller, "event.registration_cancel", event.value(),
        {{"registration_id", registration_id}, {"reason", reason}});
  transaction.Commit();
  told.Wake(bus_);
  return *event_repository::FindRegistration(*connection, registration_id);
}

core::Result<RosterView> EventService::Roster(const accounts::Principal& caller, long long id, long long now) {
  auto connection = database_.Acquire();
  auto event = Organised(*connection, caller, id);
  if (!event.ok()) return event.error();
  LapseOffers(*connection, id, now);
  const registry::PhoneVault phones(keyring_);
  RosterView roster;
  for (auto& entry : event_repository::Roster(*connection, id)) {
    switch (entry.registration.status) {
      case RegistrationStatus::kConfirmed:
        ++roster.confirmed;
        break;
      case RegistrationStatus::kOffered:
        ++roster.offered;
        break;
      case RegistrationStatus::kWaiting:
        ++roster.waiting;
        break;
      default:
        ++roster.cancelled;
    }
    RosterLine line{std::move(entry.registration), entry.worker_id,          std::move(entry.name), "",
                    std::move(entry.kind),         std::move(entry.platform)};
    if (!entry.phone_sealed.empty()) line.phone_masked = phones.Masked(entry.phone_sealed);
    roster.items.push_back(std::move(line));
  }
  return roster;
}

std::vector<EventView> EventService::Mine(const accounts::Principal& caller, long long now) {
  auto connection = database_.Acquire();
  LapseOffers(*connection, std::nullopt, now);
  std::vector<EventView> upcoming;
  std::vector<EventView> past;
  for (const Registration& registration : event_repository::OfAccount(*connection, caller.account_id)) {
    auto event = event_repository::FindEvent(*connection, registration.event_id);
    if (!event) continue;
    EventView view = ViewOf(*connection, std::move(*event), &caller, now);
    (view.event.ends_at >= now ? upcoming : past).push_back(std::move(view));
  }
  std::sort(upcoming.begin(), upcoming.end(),
            [](const EventView& a, const EventView& b) { return a.event.starts_at < b.event.starts_at; });
  std::sort(past.begin(), past.end(),
            [](const EventView& a, const EventView& b) { return a.event.starts_at > b.event.starts_at; });
  for (auto& view : past) upcoming.push_back(std::move(view));
  return upcoming;
}

long long EventService::SendReminders(long long now) {
  auto connection = database_.Acquire();
  LapseOffers(*connection, std::nullopt, now);
  const auto due = event_repository::DueReminders(*connection, now);
  if (due.empty()) return 0;
  long long sent = 0;
  reports::Told told;
  storage::Transaction transaction(*connection);
  for (const ReminderDue& item : due) {
    const Reminder reminder = DueReminder(item.starts_at, now, item.reminded_day, item.reminded_hour);
    if (reminder == Reminder::kNone) continue;
    // Marked first, only if unsent: two servers never send the same reminder twice.
    if (!event_repository::MarkReminded(*connection, item.registration_id, reminder)) continue;
    Tell(*connection, told, item.login, reminder == Reminder::kHour ? notice::kReminderHour : notice::kReminderDay,
         {{"title", item.title}, {"at", NoticeTime(item.starts_at)}, {"event_id", item.event_id}}, now);
    ++sent;
  }
  transaction.Commit();
  told.Wake(bus_);
  return sent;
}

}  // namespace youhao::events
