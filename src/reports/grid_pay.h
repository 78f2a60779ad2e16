#pragma once
/// Paying roaming grid reporters by the `grid_month` earning rule: a term earns once for each
/// Beijing calendar month it served, after that month has ended. A month counts as served when
/// the term ran on at least kGridMonthMinDays of its days (a term ended early runs through the
/// day it was ended). The award goes through `points::EarningRuleRepository::EarnByRule` for the
/// term's community (the rule in force there, within its caps), with the reference
/// "<term id>:<yyyy-mm>" (client id "grid_month:<term id>:<yyyy-mm>"), so a rerun pays nothing twice.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.h"

namespace youhao::reports {

/// The days of a month a term must have run for the month to earn.
inline constexpr int kGridMonthMinDays = 15;
/// How many finished months back a run still pays (so a server that was down for a while catches up, while a
/// month a cap refused is not retried for ever).
inline constexpr int kGridPayLookbackMonths = 2;

/// The days of Beijing month `month` ("YYYY-MM") on which a term from `term_start` to `term_end`
/// ("YYYY-MM-DD", both inclusive), ended early on `ended_on` (that day still counts), ran. 0 for a
/// malformed date or month.
int GridDaysServed(std::string_view term_start, std::string_view term_end, const std::optional<std::string>& ended_on,
                   std::string_view month);

/// The months ("YYYY-MM", oldest first) a term earns as of Beijing date `today`: of the
/// kGridPayLookbackMonths months before today's month, those it served at least kGridMonthMinDays
/// days of. Never today's month, which has not ended.
std::vector<std::string> GridMonthsDue(std::string_view term_start, std::string_view term_end,
                                       const std::optional<std::string>& ended_on, std::string_view today);

/// What one pay run did.
struct GridPayRun {
  long long months = 0;  ///< months newly paid (replays and refusals not counted)
  long long points = 0;  ///< points moved
};

class GridMonthPay {
 public:
  explicit GridMonthPay(storage::Database& database) : database_(database) {}

  /// Pays every term its due months (GridMonthsDue at `now`), one transaction per term and month;
  /// a month paid before is a replay, a month the rule refuses (none, inactive, capped, empty
  /// pool) pays nothing and is tried again by the next run.
  GridPayRun PayDue(long long now);

 private:
  storage::Database& database_;
};

}  // namespace youhao::reports
