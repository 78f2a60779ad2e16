#pragma once
/// A writer of iCalendar feeds (RFC 5545): VCALENDAR with a VTIMEZONE for Asia/Shanghai and one
/// VEVENT per event. Pure: values in, text out (CRLF line ends, TEXT escaped, lines folded at 75
/// octets without splitting a UTF-8 sequence).

#include <string>
#include <string_view>
#include <vector>

namespace youhao::calendar {

/// RFC 5545 §3.8.1.11 for a VEVENT.
enum class EventStatus { kConfirmed, kTentative, kCancelled };
std::string_view EventStatusName(EventStatus status);

struct CalendarEvent {
  std::string uid;
  int sequence = 0;
  EventStatus status = EventStatus::kConfirmed;
  long long created_at = 0;
  /// The last change: written as DTSTAMP and LAST-MODIFIED, so the same data gives the same text.
  long long updated_at = 0;
  /// Unix seconds, written as Beijing local time with TZID=Asia/Shanghai.
  long long starts_at = 0;
  long long ends_at = 0;
  std::string summary;
  std::string description;
  std::string location;
  double lat = 0;
  double lon = 0;
  bool has_geo = false;
  /// A URI, written as it is (no TEXT escaping).
  std::string url;
  std::vector<std::string> categories;
};

struct Calendar {
  /// X-WR-CALNAME: what a calendar app names the subscription.
  std::string name;
  /// REFRESH-INTERVAL and X-PUBLISHED-TTL, in minutes.
  int refresh_minutes = 60;
  std::vector<CalendarEvent> events;
};

/// The whole feed.
std::string WriteCalendar(const Calendar& calendar);

/// TEXT escaping (§3.3.11): backslash, semicolon and comma get a backslash, a line break becomes
/// "\n"; other control characters (not allowed in TEXT) are dropped.
std::string EscapeText(std::string_view text);

/// One content line folded (§3.1): at most 75 octets per line, continuation lines begin with a
/// space, never inside a UTF-8 sequence; every line ends with CRLF.
std::string FoldLine(std::string_view line);

/// "YYYYMMDDTHHMMSS" in Beijing time (UTC+8, no daylight saving since 1991).
std::string BeijingLocal(long long unix_seconds);
/// "YYYYMMDDTHHMMSSZ" in UTC.
std::string UtcStamp(long long unix_seconds);

}  // namespace youhao::calendar
