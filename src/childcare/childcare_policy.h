#pragma once
/// Childcare (托管班, 0–3 childcare places), the decisions. A childcare class is an event of kind
/// `childcare` with family = 1. A worker parent who holds a confirmed place registers children with
/// minimal data: a given name, an age and an optional note about allergies. The capacity of a
/// childcare event counts children: every child needs a place, at most kMaxChildrenPerPlace per
/// registration, and the registration's family_count mirrors its number of children. Children are
/// seen only by their parent and by the event's organisers (its creator; union staff and community
/// officers and above whose area holds the event's area); attendance is kept per Beijing day of the
/// event. Pure functions of values: no database, no clock, no text a person reads.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/roles.h"
#include "core/error.h"

namespace youhao::childcare {

inline constexpr std::string_view kEventKind = "childcare";
inline constexpr std::size_t kMaxGivenName = 10;
inline constexpr long long kMaxAge = 15;
inline constexpr std::size_t kMaxNote = 100;
inline constexpr long long kMaxChildrenPerPlace = 3;
/// The attendance sheet shows at most this many days (a year of a long-running 0–3 place).
inline constexpr long long kMaxSheetDays = 366;

/// What the decisions need to know of an event.
struct EventFacts {
  std::string kind;
  bool family = false;
  bool cancelled = false;
  long long created_by = 0;
  std::string area_path;
  long long starts_at = 0;
  long long ends_at = 0;
  long long capacity = 0;
};

/// Who asks.
struct Viewer {
  long long account_id = 0;
  accounts::Role role = accounts::Role::kWorker;
  std::string area_path;
};

/// A childcare event: kind childcare and a family event.
bool IsChildcareEvent(const EventFacts& event);

/// The event's organisers: its creator; union staff and community officers and above whose area
/// holds the event's area. Station keepers and sponsors organise only the events they created.
bool IsOrganiser(const EventFacts& event, const Viewer& viewer);

/// What a caller sees of the children of an event.
enum class View { kOwn, kAll };

/// Organisers see every child (kAll); a worker with a registration at the event (holding a place
/// or not) sees their own (kOwn). Errors: childcare_no_place (403) for a worker without one,
/// childcare_forbidden (403) for anyone else.
core::Result<View> ChildrenView(const EventFacts& event, const Viewer& viewer, bool has_registration);

/// A child as the parent types it (texts already trimmed).
struct ChildInput {
  std::string given_name;
  long long age = 0;
  std::string note;
};

/// Given name 1..kMaxGivenName characters, age 0..kMaxAge, note up to kMaxNote characters, no
/// control characters. Errors: bad_child (400) naming the field.
core::Status CheckChild(const ChildInput& child);

/// What adding a child depends on.
struct PlaceFacts {
  /// The parent's registration is confirmed.
  bool holds_place = false;
  /// Children already registered on that registration.
  long long children_of_place = 0;
  /// Children already registered at the event (on registrations holding a place).
  long long children_at_event = 0;
};

/// May the parent add one more child? Errors, in order: childcare_event_cancelled (409),
/// childcare_no_place (403), too_many_children (409, with max), childcare_full (409, with capacity).
core::Status MayAddChild(const EventFacts& event, const PlaceFacts& place);

/// The event's Beijing days "YYYY-MM-DD", first to last (the day of ends_at - 1 second, so an event
/// ending at midnight does not own the next day), at most kMaxSheetDays.
std::vector<std::string> EventDays(const EventFacts& event);

/// `day` when it is a real "YYYY-MM-DD" among the event's days. Errors: bad_attendance_day (400)
/// with first and last.
core::Result<std::string> CheckDay(const EventFacts& event, std::string_view day);

}  // namespace youhao::childcare
