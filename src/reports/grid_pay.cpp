#include "reports/grid_pay.h"

#include <fmt/format.h>

#include <algorithm>

#include "points/earning_rules.h"
#include "schedule/clock.h"

namespace youhao::reports {
namespace {

// Terms that may have run in a month a run pays: not ended before the first month looked at, and
// started before today's month.
constexpr std::string_view kTermsToPay =
    "SELECT id, account_id, area_code, term_start, term_end, ended_at FROM grid_reporters WHERE term_end >= ? AND "
    "term_start < ? ORDER BY id";

std::string MonthName(int year, int month) { return fmt::format("{:04}-{:02}", year, month); }

/// The month `offset` months from (year, month): (2026, 1) - 1 → (2025, 12).
std::pair<int, int> MonthsFrom(int year, int month, int offset) {
  const int index = year * 12 + (month - 1) + offset;
  return {index / 12, index % 12 + 1};
}

}  // namespace

int GridDaysServed(std::string_view term_start, std::string_view term_end, const std::optional<std::string>& ended_on,
                   std::string_view month) {
  const auto start = schedule::ParseDate(term_start);
  const auto end = schedule::ParseDate(term_end);
  if (!start || !end || month.size() != 7) return 0;
  const auto first = schedule::ParseDate(fmt::format("{}-01", month));
  if (!first) return 0;
  const auto [next_year, next_month] = MonthsFrom(first->year, first->month, 1);
  const long long month_first = schedule::DayNumber(*first);
  const long long month_last = schedule::DayNumber({next_year, next_month, 1}) - 1;
  long long last = std::min(schedule::DayNumber(*end), month_last);
  if (ended_on) {
    const auto ended = schedule::ParseDate(*ended_on);
    if (!ended) return 0;
    last = std::min(last, schedule::DayNumber(*ended));
  }
  const long long from = std::max(schedule::DayNumber(*start), month_first);
  return last < from ? 0 : static_cast<int>(last - from + 1);
}

std::vector<std::string> GridMonthsDue(std::string_view term_start, std::string_view term_end,
                                       const std::optional<std::string>& ended_on, std::string_view today) {
  std::vector<std::string> due;
  const auto date = schedule::ParseDate(today);
  if (!date) return due;
  for (int back = kGridPayLookbackMonths; back >= 1; --back) {
    const auto [year, month] = MonthsFrom(date->year, date->month, -back);
    const std::string name = MonthName(year, month);
    if (GridDaysServed(term_start, term_end, ended_on, name) >= kGridMonthMinDays) due.push_back(name);
  }
  return due;
}

GridPayRun GridMonthPay::PayDue(long long now) {
  struct Term {
    long long id = 0, account_id = 0;
    std::string area_code, term_start, term_end;
    std::optional<std::string> ended_on;
  };
  const std::string today = schedule::BeijingDate(now);
  const auto date = schedule::ParseDate(today);
  if (!date) return {};
  const auto [first_year, first_month] = MonthsFrom(date->year, date->month, -kGridPayLookbackMonths);
  std::vector<Term> terms;
  {
    auto connection = database_.Acquire();
    for (const storage::Row& row :
         connection->Query(kTermsToPay, {MonthName(first_year, first_month) + "-01", today.substr(0, 7) + "-01"})) {
      Term term;
      term.id = row.Int(0);
      term.account_id = row.Int(1);
      term.area_code = row.Text(2);
      term.term_start = row.Text(3);
      term.term_end = row.Text(4);
      if (!row.IsNull(5)) term.ended_on = schedule::BeijingDate(row.Int(5));
      terms.push_back(std::move(term));
    }
  }
  GridPayRun run;
  for (const Term& term : terms) {
    for (const std::string& month : GridMonthsDue(term.term_start, term.term_end, term.ended_on, today)) {
      auto connection = database_.Acquire();
      storage::Transaction transaction(*connection);
      const points::EarnResult earned =
          points::EarningRuleRepository::EarnByRule(*connection, points::EarningTrigger::kGridMonth, term.account_id,
                                                    term.area_code, fmt::format("{}:{}", term.id, month), now);
      if (earned.paid <= 0 || earned.replayed) continue;
      transaction.Commit();
      ++run.months;
      run.points += earned.paid;
    }
  }
  return run;
}

}  // namespace youhao::reports
