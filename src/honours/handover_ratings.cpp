#include "honours/handover_ratings.h"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "areas/area_service.h"
#include "core/text.h"
#include "schedule/clock.h"

namespace youhao::honours {

namespace {

using core::ErrorCode;

// Named statements.
constexpr std::string_view kPlace =
    "SELECT id, kind, name, status, area_code, area_path, owner_account_id FROM places WHERE id = ?";
constexpr std::string_view kVerifiedWorker = "SELECT id FROM workers WHERE account_id = ? AND status = 'verified'";
constexpr std::string_view kExisting =
    "SELECT id FROM handover_ratings WHERE place_id = ? AND worker_id = ? AND day = ?";
constexpr std::string_view kInsert =
    "INSERT INTO handover_ratings (place_id, worker_id, day, month, wait, place_to_wait, respect, comment, at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (place_id, worker_id, day) DO UPDATE SET wait = excluded.wait, "
    "place_to_wait = excluded.place_to_wait, respect = excluded.respect, comment = excluded.comment, at = excluded.at "
    "RETURNING id";
constexpr std::string_view kRatingColumns =
    "SELECT r.place_id, r.worker_id, r.day, r.wait, r.place_to_wait, r.respect, r.comment, r.at FROM handover_ratings "
    "r ";
constexpr std::string_view kComments =
    "SELECT day, wait, place_to_wait, respect, comment FROM handover_ratings WHERE place_id = ? AND comment <> '' "
    "ORDER BY at DESC, id DESC LIMIT ?";
// A month's ratings of the approved merchants and canteens inside an area, with the place's name.
constexpr std::string_view kInArea =
    "SELECT r.place_id, r.worker_id, r.day, r.wait, r.place_to_wait, r.respect, r.comment, r.at, p.name "
    "FROM handover_ratings r JOIN places p ON p.id = r.place_id WHERE r.month = ? AND p.status = 'approved' AND "
    "p.kind IN ('merchant', 'canteen') AND p.area_path >= ? AND p.area_path < ? ORDER BY r.place_id, r.id";
constexpr std::string_view kPlaceInArea = "SELECT id FROM places WHERE id = ? AND area_path LIKE ?";

handover_repository::StoredRating RatingFrom(const storage::Row& row) {
  handover_repository::StoredRating rating;
  rating.place_id = row.Int(0);
  rating.worker_id = row.Int(1);
  rating.day = row.Text(2);
  rating.answers.wait = ParseWaitBucket(row.Text(3)).value_or(WaitBucket::kUnder5);
  rating.answers.place_to_wait = row.Int(4) != 0;
  rating.answers.respect = static_cast<int>(row.Int(5));
  rating.answers.comment = row.Text(6);
  rating.at = row.Int(7);
  return rating;
}

/// `value` to 1/`per` (per = 100: two decimals).
double Round(double value, double per) { return std::round(value * per) / per; }

bool ValidMonth(std::string_view month) { return month.size() == 7 && schedule::BeijingMonthRange(month).has_value(); }

}  // namespace

namespace handover_repository {

std::optional<RatedPlace> FindPlace(storage::Connection& connection, long long place_id) {
  auto row = connection.QueryOne(kPlace, {place_id});
  if (!row) return std::nullopt;
  RatedPlace place{row->Int(0), row->Text(1), row->Text(2), row->Text(3), row->Text(4), row->Text(5), std::nullopt};
  if (!row->IsNull(6)) place.owner_account_id = row->Int(6);
  return place;
}

std::optional<long long> VerifiedWorker(storage::Connection& connection, long long account_id) {
  auto row = connection.QueryOne(kVerifiedWorker, {account_id});
  if (!row) return std::nullopt;
  return row->Int(0);
}

SavedRating Upsert(storage::Connection& connection, long long place_id, long long worker_id,
                   const HandoverAnswers& answers, long long now) {
  SavedRating saved;
  saved.day = schedule::BeijingDate(now);
  saved.replaced = connection.QueryOne(kExisting, {place_id, worker_id, saved.day}).has_value();
  saved.id = connection
                 .QueryOne(kInsert, {place_id, worker_id, saved.day, saved.day.substr(0, 7),
                                     std::string(WaitBucketName(answers.wait)),
                                     static_cast<long long>(answers.place_to_wait ? 1 : 0),
                                     static_cast<long long>(answers.respect), answers.comment, now})
                 ->Int(0);
  return saved;
}

std::vector<StoredRating> OfMonth(storage::Connection& connection, long long place_id, std::string_view month) {
  std::vector<StoredRating> ratings;
  for (const auto& row :
       connection.Query(fmt::format("{}WHERE r.place_id = ? AND r.month = ? ORDER BY r.id", kRatingColumns),
                        {place_id, std::string(month)}))
    ratings.push_back(RatingFrom(row));
  return ratings;
}

std::vector<RatingComment> RecentComments(storage::Connection& connection, long long place_id, int limit) {
  std::vector<RatingComment> comments;
  for (const auto& row : connection.Query(kComments, {place_id, static_cast<long long>(limit)})) {
    comments.push_back({row.Text(0), ParseWaitBucket(row.Text(1)).value_or(WaitBucket::kUnder5), row.Int(2) != 0,
                        static_cast<int>(row.Int(3)), row.Text(4)});
  }
  return comments;
}

std::vector<PlaceRatings> InAreaOfMonth(storage::Connection& connection, std::string_view area_path,
                                        std::string_view month) {
  const auto [low, high] = areas::PathRange(area_path);
  std::map<long long, PlaceRatings> places;
  for (const auto& row : connection.Query(kInArea, {std::string(month), low, high})) {
    StoredRating rating = RatingFrom(row);
    PlaceRatings& place = places[rating.place_id];
    place.place_id = rating.place_id;
    place.name = row.Text(8);
    place.ratings.push_back(std::move(rating));
  }
  std::vector<PlaceRatings> out;
  out.reserve(places.size());
  for (auto& [id, place] : places) out.push_back(std::move(place));
  return out;
}

}  // namespace handover_repository

core::Result<SavedRating> HandoverRatings::Rate(const accounts::Principal& worker, long long place_id,
                                                HandoverAnswers answers, long long now) {
  answers.comment = std::string(core::Trim(answers.comment));
  if (auto checked = CheckAnswers(answers); !checked.ok()) return checked.error();
  auto connection = database_.Acquire();
  const auto place = handover_repository::FindPlace(*connection, place_id);
  if (!place || place->status != "approved") return core::MakeError(ErrorCode::kNotFound, "no such place");
  if (!RatedKind(place->kind)) {
    return core::MakeProblem(ErrorCode::kConflict, "place_not_rated", "honours.place_not_rated",
                             "only merchants and canteens are rated for their hand-over", {{"kind", place->kind}});
  }
  const auto worker_id = handover_repository::VerifiedWorker(*connection, worker.account_id);
  if (!worker_id) {
    return core::MakeProblem(ErrorCode::kForbidden, "worker_not_verified", "honours.worker_not_verified",
                             "only verified workers rate a hand-over");
  }
  storage::Transaction transaction(*connection);
  SavedRating saved = handover_repository::Upsert(*connection, place_id, *worker_id, answers, now);
  transaction.Commit();
  return saved;
}

core::Result<HandoverSummary> HandoverRatings::Summary(const accounts::Principal& reader, long long place_id,
                                                       std::string_view month, int comment_limit) const {
  if (!ValidMonth(month)) {
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_month", "honours.bad_month",
                             "month must be a month such as 2026-12", {{"field", "month"}});
  }
  auto connection = database_.Acquire();
  auto place = handover_repository::FindPlace(*connection, place_id);
  if (!place) return core::MakeError(ErrorCode::kNotFound, "no such place");
  const bool merchant = place->owner_account_id && *place->owner_account_id == reader.account_id;
  // The officers who look after its area's places: community officers and above.
  const bool officer = accounts::IsOfficer(reader.role) &&
                       accounts::Rank(reader.role) >= accounts::Rank(accounts::Role::kCommunityOfficer) &&
                       connection->QueryOne(kPlaceInArea, {place_id, reader.area_path + "%"}).has_value();
  if (!merchant && !officer) {
    return core::MakeProblem(ErrorCode::kForbidden, "not_place_merchant", "honours.not_place_merchant",
                             "only the place's merchant and the officers of its area read its ratings");
  }
  HandoverSummary summary;
  summary.place = std::move(*place);
  summary.month = std::string(month);
  const auto ratings = handover_repository::OfMonth(*connection, place_id, month);
  std::vector<RiderQuality> qualities;
  long long respect_sum = 0;
  long long waited_at_place = 0;
  for (const auto& rating : ratings) {
    respect_sum += rating.answers.respect;
    waited_at_place += rating.answers.place_to_wait ? 1 : 0;
    ++summary.waits.at(static_cast<std::size_t>(rating.answers.wait));
    qualities.push_back({rating.worker_id, RatingQuality(rating.answers)});
  }
  summary.ratings = static_cast<long long>(ratings.size());
  const std::vector<double> voices = VoicesByRider(std::move(qualities));
  summary.raters = static_cast<long long>(voices.size());
  if (summary.ratings > 0) {
    const auto n = static_cast<double>(summary.ratings);
    summary.respect_mean = Round(static_cast<double>(respect_sum) / n, 100);
    summary.place_to_wait_share = Round(static_cast<double>(waited_at_place) / n, 100);
    double sum = 0;
    for (double voice : voices) sum += voice;
    summary.score = Round(sum / static_cast<double>(voices.size()) * 100.0, 10);
  }
  summary.comments = handover_repository::RecentComments(*connection, place_id, comment_limit);
  return summary;
}

}  // namespace youhao::honours
