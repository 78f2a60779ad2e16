#include "schedule/opening_hours.h"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

#include "core/text.h"
#include "schedule/holiday_calendar.h"

namespace youhao::schedule {

namespace {

constexpr int kMinutesPerDay = 1440;
constexpr long long kSecondsPerDay = 86'400;
constexpr long long kBeijingOffsetSeconds = 8LL * 3600;
// Beyond ±2^60 s (36 billion years) timestamps are clamped so that day arithmetic cannot overflow.
constexpr long long kTimestampLimit = 1LL << 60;
constexpr std::size_t kSnippetBytes = 40;
constexpr std::uint8_t kAllDays = 0x7F;

constexpr std::array<std::string_view, 7> kWeekdayCodes = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
constexpr std::array<std::string_view, 7> kWeekdayNamesZh = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};

// Words of the full OSM syntax that this subset does not evaluate: rejecting them by name tells
// the editor that the value is valid OSM but needs simplifying, rather than that it is garbage.
constexpr std::array<std::string_view, 22> kUnsupportedWords = {
    "jan", "feb",  "mar",     "apr",    "may",  "jun",  "jul", "aug",    "sep",  "oct",     "nov",
    "dec", "week", "sunrise", "sunset", "dawn", "dusk", "sh",  "easter", "open", "unknown", "day"};

using Range = OpeningHours::Range;
using Ranges = std::vector<Range>;

long long FloorDiv(long long a, long long b) {
  long long quotient = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0))) --quotient;
  return quotient;
}

long long FloorMod(long long a, long long b) {
  long long remainder = a % b;
  if (remainder != 0 && ((remainder < 0) != (b < 0))) remainder += b;
  return remainder;
}

/// Seconds since Beijing midnight, and the index of that Beijing day counted from 1970-01-01.
std::pair<long long, long long> BeijingDay(long long unix_seconds) {
  long long day = FloorDiv(unix_seconds, kSecondsPerDay);
  long long second = FloorMod(unix_seconds, kSecondsPerDay) + kBeijingOffsetSeconds;
  if (second >= kSecondsPerDay) {
    second -= kSecondsPerDay;
    ++day;
  }
  return {day, second};
}

int WeekdayOfDay(long long day) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  return static_cast<int>(FloorMod(day + 3, 7));
}

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::optional<int> WeekdayIndex(std::string_view word) {
  const std::string lower = Lower(word);
  for (std::size_t day = 0; day < kWeekdayCodes.size(); ++day) {
    if (lower == Lower(kWeekdayCodes[day])) return static_cast<int>(day);
  }
  return std::nullopt;
}

/// Valid UTF-8 without control characters, so that an error detail can be shown and sent as JSON.
std::string Printable(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    if (lead >= 0xF0) {
      length = 4;
    } else if (lead >= 0xE0) {
      length = 3;
    } else if (lead >= 0xC0) {
      length = 2;
    }
    const std::string_view sequence = text.substr(i, length);
    if (sequence.size() == length && core::IsValidUtf8(sequence) && (length > 1 || (lead >= 0x20 && lead != 0x7F))) {
      out += sequence;
      i += length;
    } else {
      out += '?';
      ++i;
    }
  }
  return out;
}

/// Sorted, with overlapping or touching ranges merged as long as the result stays within 24 hours
/// (the form a single range can be written in); the result is a fixed point of this function.
Ranges Canonical(Ranges ranges) {
  std::sort(ranges.begin(), ranges.end(),
            [](const Range& a, const Range& b) { return a.start != b.start ? a.start < b.start : a.end < b.end; });
  Ranges merged;
  for (const Range& range : ranges) {
    if (!merged.empty()) {
      Range& last = merged.back();
      const int end = std::max(last.end, range.end);
      if (range.start <= last.end && end - last.start <= kMinutesPerDay) {
        last.end = static_cast<std::uint16_t>(end);
        continue;
      }
    }
    merged.push_back(range);
  }
  return merged;
}

std::string Clock(int minutes) {
  std::string text;
  text += static_cast<char>('0' + minutes / 600);
  text += static_cast<char>('0' + minutes / 60 % 10);
  text += ':';
  text += static_cast<char>('0' + minutes % 60 / 10);
  text += static_cast<char>('0' + minutes % 10);
  return text;
}

std::string RangesText(const Ranges& ranges) {
  std::string text;
  for (const Range& range : ranges) {
    if (!text.empty()) text += ',';
    text += Clock(range.start);
    text += '-';
    text += Clock(range.end > kMinutesPerDay ? range.end - kMinutesPerDay : range.end);
  }
  return text;
}

std::string RangesZh(const Ranges& ranges) {
  std::string text;
  for (const Range& range : ranges) {
    if (!text.empty()) text += "、";
    if (range.start == 0 && range.end == kMinutesPerDay) {
      text += "全天";
      continue;
    }
    text += Clock(range.start);
    text += '-';
    if (range.end > kMinutesPerDay) {
      text += "次日";
      text += Clock(range.end - kMinutesPerDay);
    } else {
      text += Clock(range.end);
    }
  }
  return text;
}

struct DayRun {
  int first = 0;
  int length = 0;
};

/// Consecutive weekdays of `days` from Monday on; a set that is one run of 3 to 5 days through
/// Sunday into Monday stays one wrapping run ("Fr-Mo", "Su-Tu").
std::vector<DayRun> Runs(std::uint8_t days) {
  std::vector<DayRun> runs;
  for (int day = 0; day < 7; ++day) {
    if (((days >> day) & 1) == 0) continue;
    if (!runs.empty() && runs.back().first + runs.back().length == day) {
      ++runs.back().length;
    } else {
      runs.push_back({day, 1});
    }
  }
  if (runs.size() == 2 && runs[0].first == 0 && runs[1].first + runs[1].length == 7) {
    const int length = runs[0].length + runs[1].length;
    if (length >= 3 && length <= 5) return {{runs[1].first, length}};
  }
  return runs;
}

std::string DaysText(std::uint8_t days) {
  std::string text;
  for (const DayRun& run : Runs(days)) {
    if (!text.empty()) text += ',';
    const int last = (run.first + run.length - 1) % 7;
    text += kWeekdayCodes[static_cast<std::size_t>(run.first)];
    if (run.length == 2) {
      text += ',';
      text += kWeekdayCodes[static_cast<std::size_t>(last)];
    } else if (run.length > 2) {
      text += '-';
      text += kWeekdayCodes[static_cast<std::size_t>(last)];
    }
  }
  return text;
}

std::string DaysZh(std::uint8_t days) {
  if (days == kAllDays) return "每天";
  std::string text;
  for (const DayRun& run : Runs(days)) {
    if (!text.empty()) text += "、";
    const int last = (run.first + run.length - 1) % 7;
    text += kWeekdayNamesZh[static_cast<std::size_t>(run.first)];
    if (run.length == 2) {
      text += "、";
      text += kWeekdayNamesZh[static_cast<std::size_t>(last)];
    } else if (run.length > 2) {
      text += "至";
      text += kWeekdayNamesZh[static_cast<std::size_t>(last)];
    }
  }
  return text;
}

struct DayGroup {
  std::uint8_t days = 0;
  const Ranges* ranges = nullptr;
};

/// The catalogue key that words a parse problem ("hours.unknown_word").
std::string ProblemMessage(std::string_view reason) { return "hours." + std::string(reason); }

}  // namespace

/// Recursive-descent parser over the bytes of one value; on failure `error_` holds the detail.
class OpeningHoursParser {
 public:
  OpeningHoursParser(std::string_view text, std::string_view field) : text_(text), field_(field) {}

  core::Result<OpeningHours> Run() {
    if (text_.size() > OpeningHours::kMaxTextBytes) {
      return WholeValueProblem("too_long", fmt::format("longer than {} bytes", OpeningHours::kMaxTextBytes));
    }
    SkipSpace();
    if (AtEnd()) return WholeValueProblem("empty", "empty");
    OpeningHours hours;
    while (true) {
      SkipSpace();
      if (AtEnd()) break;  // only after a ";": a trailing separator is tolerated
      rule_start_ = pos_;
      if (Match(';') > 0) {
        Fail(pos_, "empty_rule", "an empty rule");
        return *error_;
      }
      if (!ParseRule(hours)) return *error_;
      SkipSpace();
      if (AtEnd()) break;
      if (!Accept(';')) {
        Unexpected();
        return *error_;
      }
    }
    // "1:00-2:00,3:00-4:00,…" grows when written canonically; ToString() must stay parseable.
    if (hours.ToString().size() > OpeningHours::kMaxTextBytes) {
      return WholeValueProblem("too_long_canonical", fmt::format("longer than {} bytes when written canonically",
                                                                 OpeningHours::kMaxTextBytes));
    }
    return hours;
  }

 private:
  struct Selector {
    std::uint8_t days = 0;
    bool holiday = false;
    bool any = false;
  };

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  bool StartsWith(std::string_view prefix) const { return text_.substr(pos_).starts_with(prefix); }

  /// Length of `c` (or a full-width look-alike a Chinese input method produces) at the cursor; 0 if absent.
  std::size_t Match(char c) const {
    if (Peek() == c) return 1;
    const auto any_of = [this](std::initializer_list<std::string_view> forms) -> std::size_t {
      for (std::string_view form : forms) {
        if (StartsWith(form)) return form.size();
      }
      return 0;
    };
    switch (c) {
      case ':':
        return any_of({"："});
      case ';':
        return any_of({"；"});
      case ',':
        return any_of({"，", "、"});
      case '-':
        return any_of({"~", "～", "－", "–", "—"});
      default:
        return 0;
    }
  }

  bool Accept(char c) {
    const std::size_t length = Match(c);
    pos_ += length;
    return length > 0;
  }

  void SkipSpace() {
    while (!AtEnd()) {
      const char c = Peek();
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++pos_;
      } else if (StartsWith("\u3000")) {
        pos_ += std::string_view("\u3000").size();
      } else {
        break;
      }
    }
  }

  std::string_view PeekWord() const {
    std::size_t end = pos_;
    while (end < text_.size() && IsAsciiAlpha(text_[end])) ++end;
    return text_.substr(pos_, end - pos_);
  }

  std::size_t RuleEnd(std::size_t from) const {
    for (std::size_t i = from; i < text_.size(); ++i) {
      if (text_[i] == ';' || text_.substr(i).starts_with("；")) return i;
    }
    return text_.size();
  }

  std::string Snippet(std::size_t at) const {
    const std::size_t end = RuleEnd(at);
    std::string_view snippet = core::Trim(text_.substr(at, end - at));
    if (snippet.empty()) snippet = core::Trim(text_.substr(rule_start_, RuleEnd(rule_start_) - rule_start_));
    if (snippet.size() <= kSnippetBytes) return Printable(snippet);
    std::size_t cut = kSnippetBytes;
    while (cut > 0 && (static_cast<unsigned char>(snippet[cut]) & 0xC0) == 0x80) --cut;
    return Printable(snippet.substr(0, cut)) + "…";
  }

  /// A problem with the whole value (no position): `reason` is one of kParseProblems.
  core::Error WholeValueProblem(std::string_view reason, std::string_view en) const {
    return core::MakeProblem(core::ErrorCode::kValidationFailed, "", ProblemMessage(reason),
                             fmt::format("{}: {}", field_, en),
                             {{"field", field_}, {"reason", reason}, {"max", OpeningHours::kMaxTextBytes}});
  }

  /// Records the first problem, at byte `at`: `reason` is one of kParseProblems, `en` the English detail.
  bool Fail(std::size_t at, std::string_view reason, std::string_view en) {
    if (!error_) {
      // Characters, not bytes: what a client counts in the text it sent (full-width punctuation included).
      long long position = 0;
      for (std::size_t i = 0; i < at && i < text_.size(); ++i) {
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++position;
      }
      const std::string part = Snippet(at);
      error_ = core::MakeProblem(
          core::ErrorCode::kValidationFailed, "", ProblemMessage(reason),
          fmt::format("{}: {} at character {}: “{}”", field_, en, position + 1, part),
          {{"field", field_}, {"reason", reason}, {"position", position}, {"column", position + 1}, {"part", part}});
    }
    return false;
  }

  bool Unsupported(std::size_t at) { return Fail(at, "unsupported", "unsupported opening_hours syntax"); }

  /// Reports whatever stands at the cursor where it does not belong.
  bool Unexpected() {
    if (AtEnd()) return Fail(pos_, "unexpected_end", "unexpected end");
    const char c = Peek();
    if (c == '"' || c == '[' || c == '(' || c == '+' || c == '/' || StartsWith("||")) return Unsupported(pos_);
    const std::string_view word = PeekWord();
    if (!word.empty()) {
      const std::string lower = Lower(word);
      const bool unsupported =
          lower == "ph" || WeekdayIndex(word).has_value() ||
          std::find(kUnsupportedWords.begin(), kUnsupportedWords.end(), lower) != kUnsupportedWords.end();
      if (unsupported) return Unsupported(pos_);
      return Fail(pos_, "unknown_word", "unknown word");
    }
    if (IsAsciiDigit(c)) return Fail(pos_, "unexpected_number", "unexpected number");
    return Fail(pos_, "unexpected_character", "unexpected character");
  }

  bool ParseRule(OpeningHours& hours) {
    if (StartsWith("24/7")) {
      pos_ += 4;
      Apply(hours, Selector{}, {Range{0, kMinutesPerDay}});
      return true;
    }
    Selector selector;
    if (!ParseSelector(selector)) return false;
    SkipSpace();
    // "Mo-Fr: 08:00-18:00" is a frequent slip; the colon carries no meaning.
    if (selector.any && Accept(':')) SkipSpace();
    Ranges ranges;
    if (IsAsciiDigit(Peek())) {
      if (!ParseTimes(ranges)) return false;
      const std::size_t after = pos_;
      SkipSpace();
      const std::string lower = Lower(PeekWord());
      if (lower == "off" || lower == "closed" || lower == "open") return Unsupported(pos_);
      pos_ = after;
    } else {
      const std::string lower = Lower(PeekWord());
      if (lower == "off" || lower == "closed") {
        pos_ += lower.size();
      } else if (!lower.empty() || !selector.any || !(AtEnd() || Match(';') > 0)) {
        return Unexpected();
      } else {
        return Fail(pos_, "missing_times", "expected times or \"off\" after the days");
      }
    }
    Apply(hours, selector, ranges);
    return true;
  }

  /// Weekdays and "PH" separated by ","; leaves the cursor untouched when no selector starts here.
  bool ParseSelector(Selector& selector) {
    while (true) {
      const std::string_view word = PeekWord();
      const std::optional<int> first = WeekdayIndex(word);
      if (Lower(word) == "ph") {
        pos_ += word.size();
        selector.holiday = true;
      } else if (first) {
        pos_ += word.size();
        int last = *first;
        const std::size_t after_first = pos_;
        SkipSpace();
        if (Accept('-')) {
          SkipSpace();
          const std::string_view second_word = PeekWord();
          const std::optional<int> second = WeekdayIndex(second_word);
          if (!second) {
            if (!second_word.empty() || IsAsciiDigit(Peek())) return Unexpected();
            return Fail(pos_, "missing_weekday", "expected a weekday after \"-\"");
          }
          pos_ += second_word.size();
          last = *second;
        } else {
          pos_ = after_first;
        }
        for (int day = *first;; day = (day + 1) % 7) {
          selector.days = static_cast<std::uint8_t>(selector.days | (1U << day));
          if (day == last) break;
        }
      } else if (!selector.any) {
        return true;
      } else if (!word.empty()) {
        return Unexpected();
      } else {
        return Fail(pos_, "missing_weekday", "expected a weekday or PH after \",\"");
      }
      selector.any = true;
      if (Peek() == '[') return Unsupported(pos_);
      const std::size_t after_item = pos_;
      SkipSpace();
      if (!Accept(',')) {
        pos_ = after_item;
        return true;
      }
      SkipSpace();
    }
  }

  bool ParseTimes(Ranges& ranges) {
    while (true) {
      const std::size_t range_start = pos_;
      int start = 0;
      if (!ParseClock(start, false)) return false;
      SkipSpace();
      if (!Accept('-')) {
        if (Peek() == '+') return Unsupported(pos_);
        return Fail(pos_, "missing_end", "expected \"-\" and a closing time");
      }
      SkipSpace();
      int end = 0;
      if (!ParseClock(end, true)) return false;
      if (Peek() == '+' || Peek() == '/' || Peek() == '(') return Unsupported(pos_);
      if (end <= start) end += kMinutesPerDay;
      if (end - start > kMinutesPerDay) return Fail(range_start, "range_too_long", "time range longer than 24 hours");
      ranges.push_back({static_cast<std::uint16_t>(start), static_cast<std::uint16_t>(end)});
      const std::size_t after_range = pos_;
      SkipSpace();
      if (!Accept(',')) {
        pos_ = after_range;
        return true;
      }
      SkipSpace();
      // "Mo-Fr 08:00-12:00, Sa 10:00-12:00": OSM's additional-rule separator.
      if (!IsAsciiDigit(Peek())) return IsAsciiAlpha(Peek()) ? Unsupported(pos_) : Unexpected();
    }
  }

  /// "H:MM" or "HH:MM"; a start must be before 24:00, an end may reach 48:00 (next day).
  bool ParseClock(int& minutes, bool is_end) {
    const std::size_t clock_start = pos_;
    if (!IsAsciiDigit(Peek())) {
      if (IsAsciiAlpha(Peek())) return Unexpected();
      return Fail(pos_, "missing_time", "expected a time HH:MM");
    }
    int hour = 0;
    std::size_t digits = 0;
    while (IsAsciiDigit(Peek())) {
      if (digits < 4) hour = hour * 10 + (Peek() - '0');
      ++digits;
      ++pos_;
    }
    if (digits > 2) {
      // A year ("2024 Mo-Fr ...") is a date selector rather than a badly written time.
      const std::size_t after = pos_;
      SkipSpace();
      const bool year = digits == 4 && hour >= 1900 && hour < 2200 && (AtEnd() || IsAsciiAlpha(Peek()));
      pos_ = after;
      if (year) return Unsupported(clock_start);
      return Fail(clock_start, "time_format", "time must be written as HH:MM");
    }
    if (!Accept(':')) return Fail(clock_start, "time_format", "time must be written as HH:MM");
    if (!IsAsciiDigit(Peek()) || pos_ + 1 >= text_.size() || !IsAsciiDigit(text_[pos_ + 1])) {
      return Fail(clock_start, "time_format", "time must be written as HH:MM");
    }
    const int minute = (text_[pos_] - '0') * 10 + (text_[pos_ + 1] - '0');
    pos_ += 2;
    if (IsAsciiDigit(Peek())) return Fail(clock_start, "time_format", "time must be written as HH:MM");
    minutes = hour * 60 + minute;
    const bool valid = minute < 60 && (is_end ? minutes <= 2 * kMinutesPerDay : hour < 24);
    if (!valid) return Fail(clock_start, "invalid_time", "invalid time");
    return true;
  }

  static void Apply(OpeningHours& hours, const Selector& selector, const Ranges& ranges) {
    const Ranges canonical = Canonical(ranges);
    if (!selector.any) {
      // A rule for every day also decides every holiday: an earlier PH rule no longer matters.
      hours.days_.fill(canonical);
      hours.holiday_.reset();
      hours.after_holiday_ = 0;
    } else {
      if (selector.holiday) {
        hours.holiday_ = canonical;
        hours.after_holiday_ = 0;
      }
      for (int day = 0; day < 7; ++day) {
        if (((selector.days >> day) & 1) == 0) continue;
        hours.days_[static_cast<std::size_t>(day)] = canonical;
        if (hours.holiday_ && !selector.holiday) {
          hours.after_holiday_ = static_cast<std::uint8_t>(hours.after_holiday_ | (1U << day));
        }
      }
    }
    hours.Normalize();
  }

  std::string_view text_;
  std::string_view field_;
  std::size_t pos_ = 0;
  std::size_t rule_start_ = 0;
  std::optional<core::Error> error_;
};

LocalTime BeijingTime(long long unix_seconds) {
  const auto [day, second] = BeijingDay(unix_seconds);
  return LocalTime{WeekdayOfDay(day), static_cast<int>(second / 60)};
}

long long BeijingDayStart(long long unix_seconds) {
  const long long clamped = std::clamp(unix_seconds, -kTimestampLimit, kTimestampLimit);
  return clamped - BeijingDay(clamped).second;
}

core::Result<OpeningHours> OpeningHours::Parse(std::string_view text, std::string_view field) {
  return OpeningHoursParser(text, field).Run();
}

void OpeningHours::Normalize() {
  if (holiday_) {
    for (int day = 0; day < 7; ++day) {
      if (days_[static_cast<std::size_t>(day)] == *holiday_) {
        after_holiday_ = static_cast<std::uint8_t>(after_holiday_ & ~(1U << day));
      }
    }
    // The holiday rule changes nothing when every day it still governs has the same hours.
    bool redundant = true;
    for (int day = 0; day < 7; ++day) {
      const bool governed = ((after_holiday_ >> day) & 1) == 0;
      if (governed && days_[static_cast<std::size_t>(day)] != *holiday_) redundant = false;
    }
    if (redundant) holiday_.reset();
  }
  if (!holiday_) after_holiday_ = 0;
}

const std::vector<OpeningHours::Range>& OpeningHours::RangesFor(DayRules day) const {
  if (day.public_holiday && holiday_ && ((after_holiday_ >> day.weekday) & 1) == 0) return *holiday_;
  return days_[static_cast<std::size_t>(day.weekday)];
}

bool OpeningHours::IsOpen(const LocalTime& time) const {
  const DayRules previous = time.previous_day.value_or(DayRules{(time.weekday + 6) % 7, false});
  if (time.weekday < 0 || time.weekday > 6 || previous.weekday < 0 || previous.weekday > 6 || time.minute_of_day < 0 ||
      time.minute_of_day >= kMinutesPerDay) {
    return false;
  }
  const int minute = time.minute_of_day;
  for (const Range& range : RangesFor({time.weekday, time.public_holiday})) {
    if (range.start <= minute && minute < range.end) return true;
  }
  const int spill = minute + kMinutesPerDay;
  for (const Range& range : RangesFor(previous)) {
    if (range.start <= spill && spill < range.end) return true;
  }
  return false;
}

std::vector<std::pair<long long, long long>> OpeningHours::OpenIntervals(long long from, long long to,
                                                                         const HolidayCalendar* calendar) const {
  from = std::clamp(from, -kTimestampLimit, kTimestampLimit);
  to = std::clamp(to, -kTimestampLimit, kTimestampLimit);
  to = std::min(to, from + kMaxIntervalDays * kSecondsPerDay);
  std::vector<std::pair<long long, long long>> intervals;
  if (from >= to) return intervals;
  // Start a day early: the evening before `from` may run past midnight into it.
  const long long first_day = BeijingDay(from).first - 1;
  const long long last_day = BeijingDay(to - 1).first;
  for (long long day = first_day; day <= last_day; ++day) {
    const long long day_start = day * kSecondsPerDay - kBeijingOffsetSeconds;
    const DayRules rules = calendar != nullptr ? calendar->Rules(day) : DayRules{WeekdayOfDay(day), false};
    for (const Range& range : RangesFor(rules)) {
      const long long start = std::max(from, day_start + range.start * 60LL);
      const long long end = std::min(to, day_start + range.end * 60LL);
      if (start < end) intervals.emplace_back(start, end);
    }
  }
  std::sort(intervals.begin(), intervals.end());
  std::vector<std::pair<long long, long long>> merged;
  for (const auto& interval : intervals) {
    if (!merged.empty() && interval.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, interval.second);
    } else {
      merged.push_back(interval);
    }
  }
  return merged;
}

bool OpeningHours::AlwaysOpen() const {
  const std::vector<bool> holiday_cases = holiday_ ? std::vector<bool>{false, true} : std::vector<bool>{false};
  // Any weekday's rules may precede any other's: a calendar reads an adjusted working Sunday as a
  // Monday that follows a Saturday.
  for (int day = 0; day < 7; ++day) {
    for (int previous = 0; previous < 7; ++previous) {
      for (bool holiday : holiday_cases) {
        for (bool previous_holiday : holiday_cases) {
          std::vector<std::pair<int, int>> covered;
          for (const Range& range : RangesFor({day, holiday})) {
            covered.emplace_back(range.start, std::min<int>(range.end, kMinutesPerDay));
          }
          for (const Range& range : RangesFor({previous, previous_holiday})) {
            if (range.end > kMinutesPerDay) covered.emplace_back(0, range.end - kMinutesPerDay);
          }
          std::sort(covered.begin(), covered.end());
          int reach = 0;
          for (const auto& [start, end] : covered) {
            if (start > reach) break;
            reach = std::max(reach, end);
          }
          if (reach < kMinutesPerDay) return false;
        }
      }
    }
  }
  return true;
}

namespace {

/// Weekdays grouped by identical ranges, in order of their first day.
std::vector<DayGroup> GroupDays(const std::array<Ranges, 7>& days, std::uint8_t mask) {
  std::vector<DayGroup> groups;
  std::uint8_t assigned = 0;
  for (int day = 0; day < 7; ++day) {
    if (((mask >> day) & 1) == 0 || ((assigned >> day) & 1) != 0) continue;
    DayGroup group{0, &days[static_cast<std::size_t>(day)]};
    for (int other = day; other < 7; ++other) {
      if (((mask >> other) & 1) != 0 && days[static_cast<std::size_t>(other)] == *group.ranges) {
        group.days = static_cast<std::uint8_t>(group.days | (1U << other));
      }
    }
    assigned = static_cast<std::uint8_t>(assigned | group.days);
    groups.push_back(group);
  }
  return groups;
}

}  // namespace

std::string OpeningHours::ToString() const {
  if (!holiday_ && std::all_of(days_.begin(), days_.end(), [](const Ranges& day) {
        return day == Ranges{Range{0, kMinutesPerDay}};
      })) {
    return "24/7";
  }
  std::uint8_t before_holiday = 0;
  for (int day = 0; day < 7; ++day) {
    if (((after_holiday_ >> day) & 1) == 0 && !days_[static_cast<std::size_t>(day)].empty()) {
      before_holiday = static_cast<std::uint8_t>(before_holiday | (1U << day));
    }
  }
  std::vector<DayGroup> groups = GroupDays(days_, before_holiday);
  // The group that shares the holiday's hours is written last, naming PH too ("Sa,Su,PH 10:00-14:00"),
  // so that no later weekday rule overrides the holidays.
  bool holiday_written = false;
  if (holiday_) {
    auto same = std::find_if(groups.begin(), groups.end(),
                             [this](const DayGroup& group) { return *group.ranges == *holiday_; });
    if (same != groups.end()) {
      std::rotate(same, same + 1, groups.end());
      holiday_written = true;
    }
  }
  std::vector<std::string> rules;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    std::string rule = DaysText(groups[i].days);
    if (holiday_written && i + 1 == groups.size()) rule += ",PH";
    rules.push_back(rule + " " + RangesText(*groups[i].ranges));
  }
  if (holiday_ && !holiday_written) rules.push_back(holiday_->empty() ? "PH off" : "PH " + RangesText(*holiday_));
  for (const DayGroup& group : GroupDays(days_, after_holiday_)) {
    rules.push_back(DaysText(group.days) + " " + (group.ranges->empty() ? "off" : RangesText(*group.ranges)));
  }
  if (rules.empty()) return "off";
  std::string text;
  for (const std::string& rule : rules) {
    if (!text.empty()) text += "; ";
    text += rule;
  }
  return text;
}

std::string OpeningHours::DescribeZh() const {
  if (AlwaysOpen()) return "全天 24 小时开放";
  std::uint8_t before_holiday = 0;
  for (int day = 0; day < 7; ++day) {
    if (((after_holiday_ >> day) & 1) == 0 && !days_[static_cast<std::size_t>(day)].empty()) {
      before_holiday = static_cast<std::uint8_t>(before_holiday | (1U << day));
    }
  }
  std::vector<std::string> parts;
  bool holiday_written = false;
  for (const DayGroup& group : GroupDays(days_, before_holiday)) {
    std::string part = DaysZh(group.days);
    if (holiday_ && !holiday_written && *group.ranges == *holiday_) {
      part += "及法定节假日";
      holiday_written = true;
    }
    parts.push_back(part + " " + RangesZh(*group.ranges));
  }
  if (holiday_ && !holiday_written) {
    parts.push_back(holiday_->empty() ? "法定节假日不开放" : "法定节假日 " + RangesZh(*holiday_));
  }
  for (const DayGroup& group : GroupDays(days_, after_holiday_)) {
    parts.push_back(DaysZh(group.days) + "（含节假日）" +
                    (group.ranges->empty() ? "不开放" : " " + RangesZh(*group.ranges)));
  }
  if (parts.empty()) return "不开放";
  std::string text;
  for (const std::string& part : parts) {
    if (!text.empty()) text += "；";
    text += part;
  }
  return text;
}

}  // namespace youhao::schedule
