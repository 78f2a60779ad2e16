// libFuzzer target: OpeningHours::Parse on arbitrary bytes, and the invariants of every value it
// accepts. Any broken invariant aborts, which libFuzzer reports as a crash.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/text.h"
#include "schedule/clock.h"
#include "schedule/holiday_calendar.h"
#include "schedule/opening_hours.h"

#include "check.h"

using youhao::fuzz::Check;

namespace {

using youhao::schedule::OpeningHours;

constexpr long long kDay = 86'400;
// Monday 2024-01-01 00:00 in Beijing.
constexpr long long kMonday = 1'704'038'400;
constexpr long long kWindowDays = 8;

std::uint64_t Mix(std::uint64_t state) {
  state ^= state >> 33;
  state *= 0xff51afd7ed558ccdULL;
  state ^= state >> 33;
  return state;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = OpeningHours::Parse(text);
  if (!parsed.ok()) {
    Check(parsed.error().code == youhao::core::ErrorCode::kValidationFailed, "error code", text);
    Check(youhao::core::IsValidUtf8(parsed.error().detail), "error detail is UTF-8", text);
    Check(!youhao::core::HasControlCharacters(parsed.error().detail), "error detail has no control characters", text);
    const auto* reason = parsed.error().fields.if_contains("reason");
    Check(reason != nullptr && reason->is_string() &&
              std::find(youhao::schedule::kParseProblems.begin(), youhao::schedule::kParseProblems.end(),
                        std::string_view(reason->as_string())) != youhao::schedule::kParseProblems.end() &&
              parsed.error().message == "hours." + std::string(reason->as_string()),
          "a catalogued reason", text);
    return 0;
  }
  const OpeningHours& hours = parsed.value();

  const std::string canonical = hours.ToString();
  const auto again = OpeningHours::Parse(canonical);
  Check(again.ok(), "Parse(ToString()) succeeds", text);
  Check(again.value() == hours, "Parse(ToString()) gives the same value", text);
  Check(again->ToString() == canonical, "ToString() is a fixed point", text);
  Check(youhao::core::IsValidUtf8(hours.DescribeZh()), "DescribeZh() is UTF-8", text);

  std::uint64_t seed = size;
  for (std::uint8_t byte : text) seed = Mix(seed * 131 + byte);
  // Each day of the window a holiday, an adjusted working day or an ordinary day, by the seed.
  std::string schedule;
  for (long long day = 0; day < kWindowDays; ++day) {
    const auto kind = (seed >> static_cast<unsigned>(2 * day)) & 3;
    if (kind == 0) continue;
    schedule += youhao::schedule::BeijingDate(kMonday + day * kDay) + (kind == 1 ? "\tworkday\n" : "\tholiday\n");
  }
  youhao::schedule::HolidayCalendar calendar;
  Check(calendar.AddSchedule(2024, schedule).ok(), "the test calendar reads", text);
  const auto intervals = hours.OpenIntervals(kMonday, kMonday + kWindowDays * kDay, &calendar);
  for (std::size_t i = 0; i < intervals.size(); ++i) {
    Check(intervals[i].first < intervals[i].second, "intervals are not empty", text);
    Check(intervals[i].first >= kMonday && intervals[i].second <= kMonday + kWindowDays * kDay, "intervals are clipped",
          text);
    if (i > 0) Check(intervals[i - 1].second < intervals[i].first, "intervals are sorted and merged", text);
  }
  if (hours.AlwaysOpen()) Check(intervals.size() == 1, "always open is one interval", text);

  // Any timestamp at all, including the extremes, converts and bounds without overflow.
  const auto any_time = static_cast<long long>(Mix(seed ^ 0x5bd1e995ULL));
  const youhao::schedule::LocalTime local = youhao::schedule::BeijingTime(any_time);
  Check(local.weekday >= 0 && local.weekday < 7 && local.minute_of_day >= 0 && local.minute_of_day < 1440,
        "BeijingTime is in range", text);
  const long long any_end = (seed & 1) != 0 ? std::numeric_limits<long long>::max() : any_time / 2 + 3 * kDay;
  for (const auto& [start, end] : hours.OpenIntervals(any_time, any_end)) {
    Check(start < end && start >= std::min(any_time, any_end) && end <= any_end, "far intervals are clipped", text);
  }

  for (int probe = 0; probe < 16; ++probe) {
    seed = Mix(seed + 0x9e3779b97f4a7c15ULL);
    const long long t = kMonday + static_cast<long long>(seed % static_cast<std::uint64_t>(kWindowDays * kDay));
    const bool open = hours.IsOpen(calendar.At(t));
    bool in_interval = false;
    for (const auto& [start, end] : intervals) in_interval = in_interval || (start <= t && t < end);
    Check(open == in_interval, "IsOpen agrees with OpenIntervals", text);
    Check(again->IsOpen(calendar.At(t)) == open, "the canonical text is open at the same times", text);
    if (hours.AlwaysOpen()) Check(open, "always open is open", text);
  }
  return 0;
}
