#include "calendar/icalendar.h"

#include <fmt/format.h>

#include <chrono>

namespace youhao::calendar {

namespace {

constexpr std::size_t kMaxOctets = 75;
constexpr long long kBeijingOffsetSeconds = 8LL * 3600;
constexpr std::string_view kTimeZone = "Asia/Shanghai";

std::string Stamp(long long unix_seconds, bool utc) {
  using namespace std::chrono;
  const sys_seconds at{seconds{unix_seconds}};
  const sys_days day = floor<days>(at);
  const year_month_day date{day};
  const hh_mm_ss time{at - day};
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}{}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), time.hours().count(),
                     time.minutes().count(), time.seconds().count(), utc ? "Z" : "");
}

bool IsContinuationByte(unsigned char byte) { return (byte & 0xC0U) == 0x80U; }

class Lines {
 public:
  void Add(std::string_view name, std::string_view value) {
    std::string line(name);
    line += ':';
    line += value;
    out_ += FoldLine(line);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

void WriteTimeZone(Lines& lines) {
  lines.Add("BEGIN", "VTIMEZONE");
  lines.Add("TZID", kTimeZone);
  lines.Add("X-LIC-LOCATION", kTimeZone);
  lines.Add("BEGIN", "STANDARD");
  lines.Add("DTSTART", "19700101T000000");
  lines.Add("TZOFFSETFROM", "+0800");
  lines.Add("TZOFFSETTO", "+0800");
  lines.Add("TZNAME", "CST");
  lines.Add("END", "STANDARD");
  lines.Add("END", "VTIMEZONE");
}

void WriteEvent(Lines& lines, const CalendarEvent& event) {
  const std::string local = fmt::format("DTSTART;TZID={}", kTimeZone);
  lines.Add("BEGIN", "VEVENT");
  lines.Add("UID", EscapeText(event.uid));
  lines.Add("DTSTAMP", UtcStamp(event.updated_at));
  lines.Add("CREATED", UtcStamp(event.created_at));
  lines.Add("LAST-MODIFIED", UtcStamp(event.updated_at));
  lines.Add("SEQUENCE", std::to_string(event.sequence));
  lines.Add("STATUS", EventStatusName(event.status));
  lines.Add(local, BeijingLocal(event.starts_at));
  lines.Add(fmt::format("DTEND;TZID={}", kTimeZone), BeijingLocal(event.ends_at));
  lines.Add("SUMMARY", EscapeText(event.summary));
  if (!event.description.empty()) lines.Add("DESCRIPTION", EscapeText(event.description));
  if (!event.location.empty()) lines.Add("LOCATION", EscapeText(event.location));
  if (event.has_geo) lines.Add("GEO", fmt::format("{:.6f};{:.6f}", event.lat, event.lon));
  if (!event.url.empty()) lines.Add("URL", event.url);
  if (!event.categories.empty()) {
    std::string list;
    for (const std::string& category : event.categories) {
      if (!list.empty()) list += ',';
      list += EscapeText(category);
    }
    lines.Add("CATEGORIES", list);
  }
  // A cancelled event stays in the feed so that subscribed calendars mark it, and shows as free time.
  if (event.status == EventStatus::kCancelled) lines.Add("TRANSP", "TRANSPARENT");
  lines.Add("END", "VEVENT");
}

}  // namespace

std::string_view EventStatusName(EventStatus status) {
  switch (status) {
    case EventStatus::kConfirmed:
      return "CONFIRMED";
    case EventStatus::kTentative:
      return "TENTATIVE";
    case EventStatus::kCancelled:
      return "CANCELLED";
  }
  return "CONFIRMED";
}

std::string EscapeText(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += c;
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) break;
        out += c;
    }
  }
  return out;
}

std::string FoldLine(std::string_view line) {
  std::string out;
  out.reserve(line.size() + line.size() / 70 * 3 + 2);
  bool first = true;
  while (!line.empty()) {
    // A continuation line's leading space counts towards its 75 octets.
    const std::size_t room = first ? kMaxOctets : kMaxOctets - 1;
    std::size_t cut = std::min(room, line.size());
    while (cut < line.size() && cut > 0 && IsContinuationByte(static_cast<unsigned char>(line[cut]))) --cut;
    if (!first) out += ' ';
    out.append(line.substr(0, cut));
    out += "\r\n";
    line.remove_prefix(cut);
    first = false;
  }
  if (first) out += "\r\n";
  return out;
}

std::string BeijingLocal(long long unix_seconds) { return Stamp(unix_seconds + kBeijingOffsetSeconds, false); }

std::string UtcStamp(long long unix_seconds) { return Stamp(unix_seconds, true); }

std::string WriteCalendar(const Calendar& calendar) {
  Lines lines;
  lines.Add("BEGIN", "VCALENDAR");
  lines.Add("VERSION", "2.0");
  lines.Add("PRODID", "-//Youhao//Events//ZH");
  lines.Add("CALSCALE", "GREGORIAN");
  lines.Add("METHOD", "PUBLISH");
  lines.Add("X-WR-CALNAME", EscapeText(calendar.name));
  lines.Add("X-WR-TIMEZONE", kTimeZone);
  const std::string every = fmt::format("PT{}M", calendar.refresh_minutes);
  lines.Add("REFRESH-INTERVAL;VALUE=DURATION", every);
  lines.Add("X-PUBLISHED-TTL", every);
  WriteTimeZone(lines);
  for (const CalendarEvent& event : calendar.events) WriteEvent(lines, event);
  lines.Add("END", "VCALENDAR");
  return lines.Take();
}

}  // namespace youhao::calendar
