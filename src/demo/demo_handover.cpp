#include "demo/demo_handover.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "areas/area_service.h"
#include "audit/audit_log.h"
#include "honours/handover_policy.h"
#include "honours/rankings.h"
#include "schedule/clock.h"
#include "storage/batch_insert.h"

namespace youhao::demo {

namespace {

constexpr long long kDaySeconds = 86'400;

/// A small deterministic generator (xorshift64*), so the demo is the same on every start.
class Dice {
 public:
  explicit Dice(std::uint64_t seed) : state_(seed == 0 ? 0x9E3779B97F4A7C15ULL : seed) {}
  std::uint64_t Next() {
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return state_ * 0x2545F4914F6CDD1DULL;
  }
  long long Below(long long bound) {
    return bound <= 0 ? 0 : static_cast<long long>(Next() % static_cast<std::uint64_t>(bound));
  }
  /// 0..1
  double Unit() { return static_cast<double>(Next() >> 11) / static_cast<double>(1ULL << 53); }

 private:
  std::uint64_t state_;
};

constexpr std::array<const char*, 10> kGoodWords = {
    "出餐很快，到店就拿到了", "店里有凳子可以坐着等",   "老板很客气，还给倒了杯水", "打包整齐，汤没有洒",
    "雨天让我们进店避雨",     "高峰期也有专门的取餐台", "有充电插座可以用",         "取餐口标得很清楚",
    "态度好，会提前备好餐",   "夏天有空调，等餐不难受"};
constexpr std::array<const char*, 6> kPoorWords = {"等了二十多分钟才出餐", "没有地方等，只能站在门口",
                                                   "店员催我们到外面等",   "取餐口太挤，找不到自己的单",
                                                   "出餐慢还不让进店",     "说话不太客气"};

std::optional<areas::Area> AreaOf(storage::Connection& connection, const std::string& code) {
  auto row = connection.QueryOne("SELECT code, level, name_zh, name_en, path FROM areas WHERE code = ?", {code});
  if (!row) return std::nullopt;
  areas::Area area;
  area.code = row->Text(0);
  area.level = areas::ParseLevel(row->Text(1)).value_or(areas::Level::kStreet);
  area.name_zh = row->Text(2);
  area.name_en = row->Text(3);
  area.path = row->Text(4);
  return area;
}

/// A moment in [from, to) at Beijing lunch or dinner time.
long long MealTime(Dice& dice, long long from, long long to) {
  const long long days = std::max(1LL, (to - from) / kDaySeconds);
  const long long midnight = from + dice.Below(days) * kDaySeconds;
  const long long hour = dice.Below(2) == 0 ? 11 + dice.Below(3) : 17 + dice.Below(3);
  return std::min(to - 1, midnight + hour * 3600 + dice.Below(3600));
}

honours::WaitBucket WaitFor(double quality, Dice& dice) {
  const double roll = dice.Unit() * 0.6 + quality * 0.4;
  if (roll > 0.7) return honours::WaitBucket::kUnder5;
  if (roll > 0.5) return honours::WaitBucket::k5To10;
  if (roll > 0.3) return honours::WaitBucket::k10To20;
  return honours::WaitBucket::kOver20;
}

/// One month of ratings for `places` (each with its quality, 0..1) from `riders`.
void RateMonth(storage::Connection& connection, Dice& dice, const std::vector<std::pair<long long, double>>& places,
               const std::vector<long long>& riders, long long from, long long to) {
  if (to <= from || riders.empty()) return;
  storage::BatchInsert insert(
      connection, "handover_ratings",
      {"place_id", "worker_id", "day", "month", "wait", "place_to_wait", "respect", "comment", "at"});
  for (const auto& [place_id, quality] : places) {
    // Between 2 and 13 riders, so that some places stay below the list's minimum; the best-run
    // place (demo-merchant's) at least 10, so that it is on every list.
    const long long wanted = std::max(2 + dice.Below(12), quality > 0.9 ? 10LL : 0LL);
    const long long raters = std::min<long long>(wanted, static_cast<long long>(riders.size()));
    const long long first = dice.Below(static_cast<long long>(riders.size()));
    for (long long r = 0; r < raters; ++r) {
      const long long rider = riders[static_cast<std::size_t>((first + r) % static_cast<long long>(riders.size()))];
      std::set<std::string> days;
      const long long times = 1 + dice.Below(3);
      for (long long t = 0; t < times; ++t) {
        const long long at = MealTime(dice, from, to);
        const std::string day = schedule::BeijingDate(at);
        if (!days.insert(day).second) continue;
        const double mood = std::clamp(quality + (dice.Unit() - 0.5) * 0.4, 0.0, 1.0);
        const int respect = static_cast<int>(std::clamp(1.0 + mood * 4.0 + 0.5, 1.0, 5.0));
        const bool place_to_wait = dice.Unit() < quality;
        std::string comment;
        if (dice.Below(5) == 0) {
          comment =
              mood >= 0.5
                  ? kGoodWords.at(static_cast<std::size_t>(dice.Below(static_cast<long long>(kGoodWords.size()))))
                  : kPoorWords.at(static_cast<std::size_t>(dice.Below(static_cast<long long>(kPoorWords.size()))));
        }
        insert.Add({place_id, rider, day, day.substr(0, 7), std::string(honours::WaitBucketName(WaitFor(mood, dice))),
                    static_cast<long long>(place_to_wait ? 1 : 0), static_cast<long long>(respect), comment, at});
      }
    }
  }
  insert.Flush();
}

/// One month of verified scans at `compounds` (each with the share of scans it lets in).
void ScanMonth(storage::Connection& connection, Dice& dice,
               const std::vector<std::pair<std::string, double>>& compounds, const std::vector<long long>& riders,
               long long from, long long to) {
  if (to <= from || riders.empty()) return;
  storage::BatchInsert insert(
      connection, "gate_events",
      {"compound_code", "worker_id", "direction", "at", "allowed", "code", "source", "evidence"});
  for (const auto& [code, let_in] : compounds) {
    const long long visitors = std::min<long long>(3 + dice.Below(12), static_cast<long long>(riders.size()));
    const long long first = dice.Below(static_cast<long long>(riders.size()));
    for (long long r = 0; r < visitors; ++r) {
      const long long rider = riders[static_cast<std::size_t>((first + r) % static_cast<long long>(riders.size()))];
      const long long scans = 1 + dice.Below(6);
      for (long long s = 0; s < scans; ++s) {
        const bool allowed = dice.Unit() < let_in;
        insert.Add({code, rider, std::string("in"), MealTime(dice, from, to), static_cast<long long>(allowed ? 1 : 0),
                    std::string(allowed ? "ok" : "drop_off_only"), std::string("online"), std::string("verified")});
      }
    }
  }
  insert.Flush();
}

void Publish(storage::Connection& connection, honours::RankingKind kind, const std::string& month,
             const areas::Area& area, const std::string& login, long long now) {
  const auto publisher = connection.QueryOne("SELECT id FROM accounts WHERE login = ?", {login});
  if (!publisher) return;
  honours::RankingList list = honours::ranking_repository::DrawList(connection, kind, month, area, {});
  list.published = true;
  list.published_at = now;
  list.published_by = login;
  if (!honours::ranking_repository::StorePublished(connection, list)) return;
  audit::Entry entry;
  entry.at = now;
  entry.actor_account_id = publisher->Int(0);
  entry.actor_login = login;
  entry.action = "honours.ranking_publish";
  entry.entity = "ranking";
  entry.entity_id = fmt::format("{}:{}:{}", honours::RankingKindName(kind), month, area.code);
  entry.area_code = area.code;
  entry.after_json =
      boost::json::serialize(boost::json::object{{"kind", honours::RankingKindName(kind)},
                                                 {"month", month},
                                                 {"entries", static_cast<long long>(list.ranking.entries.size())},
                                                 {"too_few_raters", list.ranking.too_few_raters}});
  audit::AuditLog::Record(connection, entry);
}

}  // namespace

void SeedDemoHandover(storage::Connection& connection, long long now) {
  const auto street_officer = connection.QueryOne("SELECT area_code FROM accounts WHERE login = 'demo-street'");
  if (!street_officer) return;
  const auto street = AreaOf(connection, street_officer->Text(0));
  if (!street) return;
  const auto district = AreaOf(connection, std::string(areas::PathCodeAt(street->path, areas::Level::kDistrict)));
  if (!district) return;
  // Places and riders of the district (the demo has a few curated eateries in each street);
  // scans at the compounds of demo-street's street.
  const auto [low, high] = areas::PathRange(district->path);
  const auto [street_low, street_high] = areas::PathRange(street->path);
  storage::Transaction transaction(connection);
  Dice dice(0x48414E444F564552ULL);

  // The district's merchants and canteens; demo-merchant's place first and among the best.
  std::vector<std::pair<long long, double>> places;
  const auto own = connection.QueryOne(
      "SELECT p.id FROM places p JOIN accounts a ON a.id = p.owner_account_id WHERE a.login = 'demo-merchant' AND "
      "p.status = 'approved' ORDER BY p.id LIMIT 1");
  if (own) places.emplace_back(own->Int(0), 0.92);
  for (const auto& row : connection.Query(
           "SELECT id FROM places WHERE status = 'approved' AND kind IN ('merchant', 'canteen') AND area_path >= ? "
           "AND area_path < ? ORDER BY id LIMIT 16",
           {low, high})) {
    if (own && row.Int(0) == own->Int(0)) continue;
    places.emplace_back(row.Int(0), 0.2 + 0.7 * dice.Unit());
  }

  // Verified riders of the register (not the demo logins, whose pages stay as the other tests expect).
  std::vector<long long> riders;
  for (const auto& row : connection.Query(
           "SELECT id FROM workers WHERE status = 'verified' AND account_id IS NULL AND area_path >= ? AND "
           "area_path < ? ORDER BY id LIMIT 60",
           {low, high}))
    riders.push_back(row.Int(0));
  if (riders.size() < 20) {
    riders.clear();
    for (const auto& row : connection.Query(
             "SELECT id FROM workers WHERE status = 'verified' AND account_id IS NULL ORDER BY id LIMIT 60"))
      riders.push_back(row.Int(0));
  }

  // The street's compounds but the guard's own, whose gate log the gate pages show as it is.
  std::vector<std::pair<std::string, double>> compounds;
  for (const auto& row : connection.Query(
           "SELECT code FROM areas WHERE level = 'compound' AND path >= ? AND path < ? AND code NOT IN (SELECT "
           "area_code FROM accounts WHERE login IN ('demo-guard', 'demo-property')) ORDER BY code LIMIT 12",
           {street_low, street_high}))
    compounds.emplace_back(row.Text(0), 0.35 + 0.65 * dice.Unit());

  const std::string this_month = schedule::BeijingDate(now).substr(0, 7);
  const auto this_range = schedule::BeijingMonthRange(this_month);
  const std::string last_month = schedule::BeijingDate(this_range->first - 1).substr(0, 7);
  const auto last_range = schedule::BeijingMonthRange(last_month);
  // This month up to an hour ago (on the 1st, its first hours).
  const long long this_until = std::max(this_range->first + 3600, now - 3600);
  for (const auto& [from, to] :
       {std::pair{last_range->first, last_range->second}, std::pair{this_range->first, this_until}}) {
    RateMonth(connection, dice, places, riders, from, std::min(to, now));
    ScanMonth(connection, dice, compounds, riders, from, std::min(to, now));
  }
  // demo-worker rated 羊肉粉店 last month too (their own rating today is for the browser scenario).
  const auto demo_worker = connection.QueryOne(
      "SELECT w.id FROM workers w JOIN accounts a ON a.id = w.account_id WHERE a.login = 'demo-worker'");
  if (own && demo_worker) {
    const long long at = last_range->first + 9 * kDaySeconds + 12LL * 3600;
    const std::string day = schedule::BeijingDate(at);
    connection.Execute(
        "INSERT INTO handover_ratings (place_id, worker_id, day, month, wait, place_to_wait, respect, comment, at) "
        "VALUES (?, ?, ?, ?, 'under_5', 1, 5, '出餐快，店里有地方等', ?)",
        {own->Int(0), demo_worker->Int(0), day, day.substr(0, 7), at});
  }

  // Last month's lists published for the city, the district and the street; this month's stay drafts.
  const long long published_at = std::min(now, this_range->first + 2 * kDaySeconds);
  const auto city = AreaOf(connection, honours::ranking_repository::RootArea(connection));
  for (auto kind : {honours::RankingKind::kMerchants, honours::RankingKind::kCompounds}) {
    if (city) Publish(connection, kind, last_month, *city, "demo-city", published_at);
    Publish(connection, kind, last_month, *district, "demo-district", published_at);
    Publish(connection, kind, last_month, *street, "demo-street", published_at);
  }
  transaction.Commit();
}

}  // namespace youhao::demo
