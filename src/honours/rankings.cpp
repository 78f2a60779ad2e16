#include "honours/rankings.h"

#include <map>
#include <utility>

#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "audit/audit_log.h"
#include "honours/handover_ratings.h"
#include "schedule/clock.h"

namespace youhao::honours {

namespace {

using core::ErrorCode;
namespace json = boost::json;

// Named statements.
constexpr std::string_view kCompoundScans =
    "SELECT g.compound_code, a.name_zh, g.worker_id, COUNT(*), SUM(CASE WHEN g.allowed <> 0 THEN 1 ELSE 0 END) "
    "FROM gate_events g JOIN areas a ON a.code = g.compound_code WHERE a.path >= ? AND a.path < ? AND "
    "g.direction = 'in' AND g.evidence = 'verified' AND g.worker_id IS NOT NULL AND g.at >= ? AND g.at < ? "
    "GROUP BY g.compound_code, a.name_zh, g.worker_id";
constexpr std::string_view kCompoundRatings =
    "SELECT f.compound_code, a.name_zh, f.worker_id, COUNT(*), SUM(f.rating) FROM compound_feedback f "
    "JOIN areas a ON a.code = f.compound_code WHERE a.path >= ? AND a.path < ? AND f.month = ? "
    "GROUP BY f.compound_code, a.name_zh, f.worker_id";
constexpr std::string_view kPublished =
    "SELECT area_name, entries_json, area_mean, too_few_raters, min_raters, published_at, published_by FROM "
    "published_rankings WHERE kind = ? AND month = ? AND area_code = ?";
constexpr std::string_view kLatest =
    "SELECT month FROM published_rankings WHERE kind = ? AND area_code = ? ORDER BY month DESC LIMIT 1";
constexpr std::string_view kRoot = "SELECT code FROM areas WHERE parent_code IS NULL ORDER BY code LIMIT 1";
constexpr std::string_view kStore =
    "INSERT INTO published_rankings (kind, month, area_code, area_name, entries_json, area_mean, too_few_raters, "
    "min_raters, published_at, published_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (kind, month, area_code) DO NOTHING";

core::Error BadMonth() {
  return core::MakeProblem(ErrorCode::kValidationFailed, "bad_month", "honours.bad_month",
                           "month must be a month such as 2026-12", {{"field", "month"}});
}

bool ValidMonth(std::string_view month) { return month.size() == 7 && schedule::BeijingMonthRange(month).has_value(); }

json::array EntriesJson(const std::vector<RankedEntry>& entries) {
  json::array out;
  for (const auto& entry : entries) {
    out.push_back(json::object{{"rank", entry.rank},
                               {"key", entry.key},
                               {"name", entry.name},
                               {"score", entry.score},
                               {"raters", entry.raters},
                               {"raw", entry.raw}});
  }
  return out;
}

double NumberOf(const json::value& value) {
  if (value.is_double()) return value.as_double();
  if (value.is_int64()) return static_cast<double>(value.as_int64());
  return 0;
}

std::vector<RankedEntry> EntriesFrom(std::string_view stored) {
  std::vector<RankedEntry> entries;
  const json::value parsed = json::parse(stored);
  for (const auto& item : parsed.as_array()) {
    const auto& object = item.as_object();
    RankedEntry entry;
    entry.rank = static_cast<int>(object.at("rank").as_int64());
    entry.key = std::string(object.at("key").as_string());
    entry.name = std::string(object.at("name").as_string());
    entry.score = NumberOf(object.at("score"));
    entry.raters = object.at("raters").as_int64();
    entry.raw = NumberOf(object.at("raw"));
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace

namespace ranking_repository {

std::vector<Candidate> MerchantCandidates(storage::Connection& connection, std::string_view area_path,
                                          std::string_view month) {
  std::vector<Candidate> candidates;
  for (auto& place : handover_repository::InAreaOfMonth(connection, area_path, month)) {
    std::vector<RiderQuality> qualities;
    for (const auto& rating : place.ratings) qualities.push_back({rating.worker_id, RatingQuality(rating.answers)});
    candidates.push_back({std::to_string(place.place_id), std::move(place.name), VoicesByRider(std::move(qualities))});
  }
  return candidates;
}

std::vector<Candidate> CompoundCandidates(storage::Connection& connection, std::string_view area_path,
                                          std::string_view month, long long from, long long to) {
  struct Rider {
    long long scans = 0;
    long long allowed = 0;
    std::optional<double> rating;
  };
  struct Compound {
    std::string name;
    std::map<long long, Rider> riders;
  };
  std::map<std::string, Compound> compounds;
  const auto [low, high] = areas::PathRange(area_path);
  for (const auto& row : connection.Query(kCompoundScans, {low, high, from, to})) {
    Compound& compound = compounds[row.Text(0)];
    compound.name = row.Text(1);
    Rider& rider = compound.riders[row.Int(2)];
    rider.scans = row.Int(3);
    rider.allowed = row.Int(4);
  }
  for (const auto& row : connection.Query(kCompoundRatings, {low, high, std::string(month)})) {
    Compound& compound = compounds[row.Text(0)];
    compound.name = row.Text(1);
    const long long count = row.Int(3);
    if (count > 0) {
      compound.riders[row.Int(2)].rating = static_cast<double>(row.Int(4)) / static_cast<double>(count);
    }
  }
  std::vector<Candidate> candidates;
  for (auto& [code, compound] : compounds) {
    Candidate candidate{code, std::move(compound.name), {}};
    for (const auto& [worker, rider] : compound.riders)
      candidate.voices.push_back(CompoundVoice(rider.scans, rider.allowed, rider.rating));
    candidates.push_back(std::move(candidate));
  }
  return candidates;
}

std::optional<RankingList> FindPublished(storage::Connection& connection, RankingKind kind, std::string_view month,
                                         std::string_view area_code) {
  auto row =
      connection.QueryOne(kPublished, {std::string(RankingKindName(kind)), std::string(month), std::string(area_code)});
  if (!row) return std::nullopt;
  RankingList list;
  list.kind = kind;
  list.month = std::string(month);
  list.area_code = std::string(area_code);
  list.area_name = row->Text(0);
  list.ranking.entries = EntriesFrom(row->Text(1));
  list.ranking.area_mean = row->Double(2);
  list.ranking.too_few_raters = row->Int(3);
  list.min_raters = row->Int(4);
  list.published = true;
  list.published_at = row->Int(5);
  list.published_by = row->Text(6);
  return list;
}

std::optional<RankingList> LatestPublished(storage::Connection& connection, RankingKind kind,
                                           std::string_view area_code) {
  auto row = connection.QueryOne(kLatest, {std::string(RankingKindName(kind)), std::string(area_code)});
  if (!row) return std::nullopt;
  return FindPublished(connection, kind, row->Text(0), area_code);
}

std::string RootArea(storage::Connection& connection) {
  auto row = connection.QueryOne(kRoot);
  return row ? row->Text(0) : std::string();
}

bool StorePublished(storage::Connection& connection, const RankingList& list) {
  return connection.Execute(kStore,
                            {std::string(RankingKindName(list.kind)), list.month, list.area_code, list.area_name,
                             json::serialize(EntriesJson(list.ranking.entries)), list.ranking.area_mean,
                             list.ranking.too_few_raters, list.min_raters, list.published_at, list.published_by}) == 1;
}

RankingList DrawList(storage::Connection& connection, RankingKind kind, std::string_view month, const areas::Area& area,
                     const RankingRules& rules) {
  RankingList list;
  list.kind = kind;
  list.month = std::string(month);
  list.area_code = area.code;
  list.area_name = area.name_zh;
  list.min_raters = rules.min_raters;
  const auto [from, to] = *schedule::BeijingMonthRange(month);
  const std::vector<Candidate> candidates =
      kind == RankingKind::kMerchants ? ranking_repository::MerchantCandidates(connection, area.path, month)
                                      : ranking_repository::CompoundCandidates(connection, area.path, month, from, to);
  list.ranking = Rank(candidates, rules);
  return list;
}

}  // namespace ranking_repository

core::Result<areas::Area> Rankings::AreaOf(storage::Connection& connection, std::string_view area_code) const {
  const std::string code = area_code.empty() ? ranking_repository::RootArea(connection) : std::string(area_code);
  auto area = areas_.Find(connection, code);
  if (!area) return core::MakeError(ErrorCode::kNotFound, "no such area");
  return std::move(*area);
}

core::Result<RankingList> Rankings::View(const accounts::Principal* reader, RankingKind kind,
                                         std::optional<std::string_view> month, std::string_view area_code,
                                         long long now) const {
  if (month && !ValidMonth(*month)) return BadMonth();
  auto connection = database_.Acquire();
  auto area = AreaOf(*connection, area_code);
  if (!area.ok()) return area.error();
  const bool sees_draft = reader != nullptr && MaySeeDraft(reader->role) && accounts::InScope(*reader, *area);
  if (!month && !sees_draft) {
    if (auto latest = ranking_repository::LatestPublished(*connection, kind, area->code)) return *latest;
  }
  const std::string wanted = month ? std::string(*month) : schedule::BeijingDate(now).substr(0, 7);
  if (auto published = ranking_repository::FindPublished(*connection, kind, wanted, area->code)) return *published;
  if (sees_draft) return ranking_repository::DrawList(*connection, kind, wanted, *area, rules_);
  return core::MakeProblem(ErrorCode::kNotFound, "ranking_not_published", "honours.ranking_not_published",
                           "this month's list for this area is not published yet", {{"month", wanted}});
}

core::Result<RankingList> Rankings::Publish(const accounts::Principal& officer, RankingKind kind,
                                            std::string_view month, std::string_view area_code, long long now) {
  if (!ValidMonth(month)) return BadMonth();
  auto connection = database_.Acquire();
  auto area = AreaOf(*connection, area_code);
  if (!area.ok()) return area.error();
  if (!MayPublish(officer.role) || !accounts::InScope(officer, *area)) {
    return core::MakeProblem(ErrorCode::kForbidden, "ranking_not_yours", "honours.ranking_not_yours",
                             "street officers and above publish the lists of their own area");
  }
  if (schedule::BeijingMonthRange(month)->first > now) {
    return core::MakeProblem(ErrorCode::kConflict, "ranking_month_ahead", "honours.ranking_month_ahead",
                             "this month has not begun", {{"month", std::string(month)}});
  }
  storage::Transaction transaction(*connection);
  RankingList list = ranking_repository::DrawList(*connection, kind, month, *area, rules_);
  list.published = true;
  list.published_at = now;
  list.published_by = officer.login;
  if (!ranking_repository::StorePublished(*connection, list)) {
    return core::MakeProblem(ErrorCode::kConflict, "ranking_already_published", "honours.ranking_already_published",
                             "this list is published already", {{"month", std::string(month)}});
  }
  audit::Entry entry =
      accounts::AuditEntryBy(officer, "honours.ranking_publish", "ranking",
                             fmt::format("{}:{}:{}", RankingKindName(kind), month, area->code), area->code);
  entry.after_json = json::serialize(json::object{{"kind", RankingKindName(kind)},
                                                  {"month", list.month},
                                                  {"entries", static_cast<long long>(list.ranking.entries.size())},
                                                  {"too_few_raters", list.ranking.too_few_raters}});
  audit::AuditLog::Record(*connection, entry);
  transaction.Commit();
  return list;
}

}  // namespace youhao::honours
