#pragma once
/// Volunteer teams, hours and appointment letters (聘书), the decisions: who manages a team, who
/// may join it, who decides a manual hours entry, the bounds of an entry, the minutes a door scan
/// records, the points an entry pays and the totals by year. Pure functions of values: no
/// database, no clock, no text.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/roles.h"

namespace youhao::volunteers {

enum class TeamScope { kStreet, kPlatform };
std::string_view TeamScopeName(TeamScope scope);
std::optional<TeamScope> ParseTeamScope(std::string_view name);

enum class HoursSource { kScan, kManual };
std::string_view HoursSourceName(HoursSource source);

enum class HoursStatus { kPending, kApproved, kRejected };
std::string_view HoursStatusName(HoursStatus status);
std::optional<HoursStatus> ParseHoursStatus(std::string_view name);

/// The kinds of appointment letters (聘书) organisers issue; the API names them.
inline constexpr std::string_view kAppointmentKinds[] = {"food_safety_supervisor", "grid_reporter", "volunteer_leader",
                                                         "traffic_safety_advocate", "union_liaison"};
bool IsAppointmentKind(std::string_view kind);

/// Bounds of a manual entry: 1..720 minutes, the day neither in the future nor older than 60 days.
inline constexpr int kMinEntryMinutes = 1;
inline constexpr int kMaxEntryMinutes = 720;
inline constexpr int kMaxEntryAgeDays = 60;
inline constexpr std::size_t kMaxNote = 200;
inline constexpr std::size_t kMaxTeamName = 40;
inline constexpr std::size_t kMaxIntro = 500;
inline constexpr std::size_t kMaxTitle = 40;
/// A term of appointment lasts at most five years.
inline constexpr long long kMaxTermDays = 5 * 366;

/// What is wrong with a manual entry ("" when nothing): "minutes" (outside 1..720), "day" (not a
/// date), "future" (after today), "too_old" (more than 60 days before today).
std::string_view CheckEntry(int minutes, std::string_view day, long long today_day_number);

/// What is wrong with an appointment's term ("" when nothing): "term_from" / "term_until" (not a
/// date), "term_order" (ends before it starts), "term_length" (longer than kMaxTermDays),
/// "term_past" (ended before today).
std::string_view CheckTerm(std::string_view from, std::string_view until, long long today_day_number);

/// A member's entries (pending and approved, every team and source) on one day total at most this.
inline constexpr int kMaxDayMinutes = 720;
/// Whether `minutes` more fit a day on which `logged_minutes` are pending or approved already.
bool FitsDay(long long logged_minutes, int minutes);

/// The minutes a door check-out records after a check-in, counted only within the event's own
/// [starts_at, ends_at]: whole minutes, at most 720; 0 (nothing to record) when less than a minute
/// of the stay falls within the event.
int ScanMinutes(long long checked_in_at, long long checked_out_at, long long starts_at, long long ends_at);

/// The whole hours an approved entry pays for (one volunteer_hour award each).
int PaidHours(int minutes);

/// The facts about the caller a team decision needs.
struct TeamActor {
  accounts::Role role = accounts::Role::kWorker;
  bool organiser = false;     ///< an event organiser role
  bool in_scope = false;      ///< the team's area lies within the caller's
  bool member = false;        ///< a current member of the team
  bool leader = false;        ///< a current leader of the team
  bool reaches_team = false;  ///< a worker of the team's street (or platform, for platform teams)
};

/// Organisers whose area holds the team manage it (members, leaders, appointments).
bool MayManageTeam(const TeamActor& actor);
/// A worker who is not a member joins a team of their street or platform.
bool MayJoin(const TeamActor& actor);
/// Who sees a team's yearly totals per member and its pending entries: its leaders and managers.
bool SeesTeamTotals(const TeamActor& actor);

/// Why a decision on a manual entry is refused ("" when allowed): "not_leader" (only a current
/// leader of the entry's team), "own_entry" (never one's own), "decided" (not pending any more).
std::string_view CheckDecision(bool caller_is_leader, long long caller_account_id, long long entry_account_id,
                               HoursStatus entry_status);

/// An hours entry as totals read it.
struct HoursFact {
  std::string day;  ///< "YYYY-MM-DD"
  int minutes = 0;
  HoursSource source = HoursSource::kManual;
  HoursStatus status = HoursStatus::kPending;
};

/// Approved minutes of one year, by source; pending minutes apart.
struct YearTotals {
  int year = 0;
  long long scan_minutes = 0;
  long long manual_minutes = 0;
  long long pending_minutes = 0;
  long long approved_minutes() const { return scan_minutes + manual_minutes; }
};

/// Totals of the entries whose day falls in `year`.
YearTotals TotalsForYear(std::span<const HoursFact> entries, int year);

/// The detail line of an hours certificate asks for hours with one decimal ("36.5").
std::string HoursText(long long minutes);

}  // namespace youhao::volunteers
