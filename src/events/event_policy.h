#pragma once
/// Events (活动), the decisions without a database: the kinds and organiser kinds, checks of an
/// organiser's input (absurd capacities and times refused), who may come (worker kind, platform,
/// area), who organises an event, and the registration state machine: confirmed or waiting on
/// registering; a freed place offered to the first waiting for a hold; an offer accepted
/// (confirmed) or lapsed (the next is offered); cancelled by the worker, an organiser or the event.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "accounts/roles.h"
#include "core/error.h"

namespace youhao::events {

inline constexpr std::string_view kKinds[] = {
    "health_check",   "public_class", "legal_aid", "festival",  "family",         "sports",         "culture",
    "rider_festival", "movie_night",  "training",  "childcare", "weekly_service", "skills_contest", "volunteer"};
inline constexpr std::string_view kOrganiserKinds[] = {"union",    "community",   "station",
                                                       "platform", "social_work", "sponsor"};

inline constexpr int kMaxCapacity = 10000;
inline constexpr long long kMaxDurationSeconds = 14LL * 24 * 3600;
inline constexpr long long kMaxAheadSeconds = 400LL * 24 * 3600;
inline constexpr int kMaxSeriesWeeks = 26;
inline constexpr int kMaxHoldMinutes = 7 * 24 * 60;
inline constexpr int kMaxFamilyCount = 6;
inline constexpr std::size_t kMaxTitle = 80;
inline constexpr std::size_t kMaxDescription = 2000;
inline constexpr std::size_t kMaxOrganiserName = 60;
inline constexpr std::size_t kMaxAddress = 200;
inline constexpr std::size_t kMaxReason = 300;
inline constexpr long long kWeekSeconds = 7LL * 24 * 3600;

bool IsKind(std::string_view kind);
bool IsOrganiserKind(std::string_view kind);

/// Who may come; an empty list admits all.
struct Eligibility {
  std::vector<std::string> kinds;      ///< worker kinds: food | parcel | ride | truck
  std::vector<std::string> platforms;  ///< platform names as the register stores them
  std::vector<std::string> areas;      ///< area codes: the worker's area must lie inside one
  bool operator==(const Eligibility&) const = default;
};

/// Eligibility from its stored JSON text; a malformed text admits all.
Eligibility ParseEligibility(std::string_view json_text);
std::string EligibilityText(const Eligibility& eligibility);
boost::json::object EligibilityJson(const Eligibility& eligibility);
/// From a request's `eligibility` object; bad_event (field eligibility) when malformed.
core::Result<Eligibility> EligibilityFromJson(const boost::json::value& value);

/// What an organiser sets on an event.
struct EventInput {
  std::string kind;
  std::string title;
  std::string description;
  std::string organiser_kind;
  std::string organiser_name;
  long long starts_at = 0;
  long long ends_at = 0;
  int capacity = 0;
  int hold_minutes = 120;
  bool walk_ins = false;
  bool family = false;
  Eligibility eligibility;
};

/// bad_event (400, with the `field`) for anything absurd; event_past (400) for a start before `now`.
/// The kind and organiser kind name documented values (validation_failed naming the field).
core::Status CheckEventKinds(const EventInput& input);
core::Status CheckEventInput(const EventInput& input, long long now);
/// A weekly series until `until`: how many occurrences (the first included), or bad_event
/// (field repeat_weekly_until) when it would end before the second or run past kMaxSeriesWeeks.
core::Result<int> WeeklyCount(long long first_start, long long until);

/// A worker as eligibility sees them.
struct WorkerFacts {
  std::string kind;
  std::string platform;
  std::string area_path;  ///< "110000/110108/.../"
  std::string status;     ///< pending | verified | suspended | revoked
};
/// Whether the worker may register: not suspended or revoked, and within each non-empty list.
bool IsEligible(const Eligibility& eligibility, const WorkerFacts& worker);

/// Whether a role may organise events at all (the audience event_organisers).
bool IsOrganiserRole(accounts::Role role);
/// Whether the caller organises the event: its creator; or union staff and community officers and
/// above whose area holds it. Station keepers and sponsors organise only the events they created.
bool Organises(accounts::Role role, long long account_id, std::string_view caller_area_path, long long created_by,
               std::string_view event_area_path);
/// Whether the caller may create an event in the area at `event_area_path`: an organiser role whose
/// own area holds it.
bool MayCreateIn(accounts::Role role, std::string_view caller_area_path, std::string_view event_area_path);

enum class RegistrationStatus { kConfirmed, kOffered, kWaiting, kCancelled, kLapsed };
std::string_view RegistrationStatusName(RegistrationStatus status);
std::optional<RegistrationStatus> ParseRegistrationStatus(std::string_view name);
/// Confirmed or offered: the registration holds a seat.
bool HoldsPlace(RegistrationStatus status);
/// Confirmed, offered or waiting: at most one of these per worker and event.
bool IsActive(RegistrationStatus status);

/// The event as registration sees it.
struct EventFacts {
  bool cancelled = false;
  long long starts_at = 0;
  long long ends_at = 0;
};

/// Whether a worker may register now: event_cancelled (409), event_past (409 once it started),
/// already_registered (409) when an active registration exists.
core::Status MayRegister(const EventFacts& event, std::optional<RegistrationStatus> active, long long now);
/// Whether a worker may take a held place: no_offer (409) unless their registration is offered
/// and the offer has not lapsed.
core::Status MayAccept(const EventFacts& event, std::optional<RegistrationStatus> active,
                       std::optional<long long> offered_until, long long now);
/// Whether a registration can still be cancelled (by its worker or an organiser): it is active and
/// the event has not ended; no_registration (404) or event_past (409) otherwise.
core::Status MayCancelRegistration(const EventFacts& event, std::optional<RegistrationStatus> active, long long now);
/// Whether an organiser may change or cancel the event: event_cancelled once cancelled,
/// event_past once it ended.
core::Status MayChangeEvent(const EventFacts& event, long long now);

/// Until when a freed place is held for the first waiting: `hold_minutes` from now, but not past the
/// start of the event (when that is still ahead).
long long OfferUntil(long long now, int hold_minutes, long long starts_at);

/// The lowest seat in 1..capacity not in `taken` (sorted ascending), or nullopt when all are taken.
std::optional<int> LowestFreeSeat(const std::vector<int>& taken, int capacity);

/// Which reminder is due for a confirmed registration: the hour before (within 60 min of the
/// start), else the day before (within 24 h); none once sent or after the start.
enum class Reminder { kNone, kDay, kHour };
Reminder DueReminder(long long starts_at, long long now, bool reminded_day, bool reminded_hour);

/// The error a bad field gets: bad_event with the field (400).
core::Error BadEvent(std::string_view field, std::string detail);

}  // namespace youhao::events
