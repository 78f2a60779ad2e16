// Honours the other way (issue 16, item 6): riders rate how a merchant hands over orders, the
// merchant and the officers of its area read the summary (never who rated), and the monthly lists
// of merchants (优秀放餐企业榜单) and compounds (友好小区榜): a draft for officers, published by a
// street officer or above and then frozen, public once published.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/api_internal.h"
#include "api/endpoint.h"
#include "honours/handover_ratings.h"
#include "honours/rankings.h"
#include "http/json_body.h"
#include "schedule/clock.h"

namespace youhao::api {

namespace {

namespace json = boost::json;

constexpr core::FieldSpec kRatingFields[] = {
    {.name = "wait", .type = core::FieldType::kString, .required = true, .max_length = 16},
    {.name = "place_to_wait", .type = core::FieldType::kBoolean, .required = true},
    {.name = "respect", .type = core::FieldType::kInteger, .required = true},
    {.name = "comment",
     .type = core::FieldType::kString,
     .max_length = honours::kMaxCommentChars,
     .allow_empty = true,
     .nullable = true},
};

constexpr core::FieldSpec kPublishFields[] = {
    {.name = "area", .type = core::FieldType::kString, .max_length = 64},
};

honours::HandoverRatings& RatingsOf(Services& services) {
  return *Take(Enabled(services.handover_ratings, "hand-over ratings"));
}
honours::Rankings& RankingsOf(Services& services) { return *Take(Enabled(services.rankings, "rankings")); }

core::Error BadWait() {
  return core::MakeProblem(core::ErrorCode::kValidationFailed, "bad_wait", "honours.handover_wait",
                           "wait must be under_5, 5_10, 10_20 or over_20", json::object{{"field", "wait"}});
}

/// The area whose list a caller sees when they name none: an officer of a street or above their
/// own area (the lists they publish); everyone else their district, where lists have enough places.
std::string DefaultArea(const accounts::Principal& caller) {
  const std::string_view street = areas::PathCodeAt(caller.area_path, areas::Level::kStreet);
  const bool street_or_above = street.empty() || street == caller.area_code;
  if (accounts::IsOfficer(caller.role) && street_or_above) return caller.area_code;
  const std::string_view district = areas::PathCodeAt(caller.area_path, areas::Level::kDistrict);
  return district.empty() ? caller.area_code : std::string(district);
}

/// The month asked for ("YYYY-MM"), this Beijing month when absent.
std::string MonthParam(const http::Request& request) {
  return std::string(request.QueryParam("month").value_or(schedule::BeijingDate(storage::NowSeconds()).substr(0, 7)));
}

json::object ListJson(const honours::RankingList& list, const accounts::Principal* reader) {
  json::array entries;
  for (const auto& entry : list.ranking.entries) {
    json::object item{{"rank", entry.rank},
                      {"key", entry.key},
                      {"name", entry.name},
                      {"score", entry.score},
                      {"raters", entry.raters}};
    if (list.kind == honours::RankingKind::kMerchants) {
      item["place_id"] = std::stoll(entry.key);
    } else {
      item["compound_code"] = entry.key;
    }
    entries.push_back(std::move(item));
  }
  const bool officer = reader != nullptr && accounts::IsOfficer(reader->role);
  return {{"kind", honours::RankingKindName(list.kind)},
          {"month", list.month},
          {"area", json::object{{"code", list.area_code}, {"name", list.area_name}}},
          {"status", list.published ? "published" : "draft"},
          {"published_at", list.published ? json::value(list.published_at) : json::value(nullptr)},
          {"published_by", list.published && officer ? json::value(list.published_by) : json::value(nullptr)},
          {"min_raters", list.min_raters},
          {"area_mean", list.ranking.area_mean},
          {"too_few_raters", list.ranking.too_few_raters},
          {"entries", std::move(entries)}};
}

json::object SummaryJson(const honours::HandoverSummary& summary) {
  json::object waits;
  for (auto bucket : {honours::WaitBucket::kUnder5, honours::WaitBucket::k5To10, honours::WaitBucket::k10To20,
                      honours::WaitBucket::kOver20})
    waits[honours::WaitBucketName(bucket)] = summary.waits.at(static_cast<std::size_t>(bucket));
  json::array comments;
  for (const auto& comment : summary.comments) {
    comments.push_back(json::object{{"day", comment.day},
                                    {"wait", honours::WaitBucketName(comment.wait)},
                                    {"place_to_wait", comment.place_to_wait},
                                    {"respect", comment.respect},
                                    {"comment", comment.comment}});
  }
  return {{"place", json::object{{"id", summary.place.id}, {"name", summary.place.name}}},
          {"month", summary.month},
          {"ratings", summary.ratings},
          {"raters", summary.raters},
          {"respect_mean", summary.respect_mean},
          {"place_to_wait_share", summary.place_to_wait_share},
          {"waits", std::move(waits)},
          {"score", summary.score},
          {"comments", std::move(comments)}};
}

/// GET of one kind of list: the published list for anyone, the draft for the area's officers.
void DeclareListRoute(http::Router& router, Services& services, honours::RankingKind kind) {
  namespace audience = accounts::audience;
  Declare(router, services,
          {http::Method::kGet, "/api/v1/rankings/" + std::string(honours::RankingKindName(kind)),
           audience::kAnyoneSignedInSeesMore},
          [&services, kind](Call& call) {
            // Without an area: the caller's (see DefaultArea), or the whole city for a visitor.
            std::string area(call.request.QueryParam("area").value_or(""));
            if (area.empty() && call.principal != nullptr) area = DefaultArea(*call.principal);
            const auto list = Take(RankingsOf(services).View(call.principal, kind, call.request.QueryParam("month"),
                                                             area, storage::NowSeconds()));
            http::Response response = http::Json(200, ListJson(list, call.principal));
            // A published list never changes; a draft changes with every rating, and an officer's
            // copy names who published it.
            const bool shared =
                list.published && (call.principal == nullptr || !accounts::IsOfficer(call.principal->role));
            response.SetHeader("Cache-Control", shared ? "public, max-age=300" : "private, no-store");
            return response;
          });
}

}  // namespace

void RegisterHandoverRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;
  Declare(router, services,
          {http::Method::kPost, "/api/v1/places/{id}/handover-ratings", audience::kWorkers, kRatingFields},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            const auto wait = honours::ParseWaitBucket(core::StringOr(call.body, "wait"));
            if (!wait) return http::Problem(BadWait());
            honours::HandoverAnswers answers;
            answers.wait = *wait;
            answers.place_to_wait = call.body.at("place_to_wait").as_bool();
            const std::int64_t respect = call.body.at("respect").as_int64();
            answers.respect = respect < 0 || respect > 100 ? 0 : static_cast<int>(respect);
            answers.comment = std::string(core::StringOr(call.body, "comment"));
            const auto saved = Take(RatingsOf(services).Rate(call.caller(), id, answers, storage::NowSeconds()));
            return http::Json(saved.replaced ? 200 : 201,
                              json::object{{"id", saved.id}, {"day", saved.day}, {"replaced", saved.replaced}});
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/places/{id}/handover-ratings", audience::kPlaceKeepers},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto limit = Take(http::IntegerParam(call.request, "limit", 20, 1, 100));
            const auto summary =
                Take(RatingsOf(services).Summary(call.caller(), id, MonthParam(call.request), static_cast<int>(limit)));
            return http::Json(200, SummaryJson(summary));
          });

  DeclareListRoute(router, services, honours::RankingKind::kMerchants);
  DeclareListRoute(router, services, honours::RankingKind::kCompounds);

  // Street officers and above may publish; community officers are in the audience only because
  // no narrower named set exists: the ranking's policy turns them away (ranking_not_yours).
  Declare(router, services,
          {http::Method::kPost, "/api/v1/rankings/{kind}/{month}/publish", audience::kCommunityOfficers, kPublishFields,
           /*body_optional=*/true},
          [&services](Call& call) {
            const auto kind = honours::ParseRankingKind(call.request.PathParam("kind"));
            if (!kind) return http::Problem(core::MakeError(core::ErrorCode::kNotFound, "no such kind of list"));
            std::string area(core::StringOr(call.body, "area"));
            if (area.empty()) area = DefaultArea(call.caller());
            const auto list = Take(RankingsOf(services).Publish(call.caller(), *kind, call.request.PathParam("month"),
                                                                area, storage::NowSeconds()));
            return http::Json(201, ListJson(list, call.principal));
          });
}

}  // namespace youhao::api
