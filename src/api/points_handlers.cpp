// The points ledger over HTTP: a worker's own points, the officers' overview, and transfers
// ordered by officers (fund a pool, award a worker, reverse a transfer); offers at friendly places
// and their redemptions (redeem, a fresh code, cancel, the merchant's confirmation by code, the
// place's monthly statement).

#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/api_internal.h"
#include "api/endpoint.h"
#include "api/messages/catalogue.h"
#include "http/i18n.h"
#include "http/json_body.h"
#include "points/offers.h"
#include "points/points_service.h"
#include "points/redemptions.h"
#include "schedule/clock.h"

namespace youhao::api {

namespace {

namespace json = boost::json;

constexpr core::FieldSpec kTransferFields[] = {
    {.name = "kind", .type = core::FieldType::kString, .required = true, .max_length = 16},
    {.name = "amount", .type = core::FieldType::kInteger},
    {.name = "client_id", .type = core::FieldType::kString, .required = true, .max_length = 64},
    {.name = "reason", .type = core::FieldType::kString, .required = true, .max_length = 200},
    {.name = "pool_id", .type = core::FieldType::kInteger, .nullable = true},
    {.name = "worker_id", .type = core::FieldType::kInteger, .nullable = true},
    {.name = "transfer_id", .type = core::FieldType::kInteger, .nullable = true},
};

constexpr core::FieldSpec kOfferFields[] = {
    {.name = "title", .type = core::FieldType::kString, .required = true, .max_length = points::kMaxOfferTitle},
    {.name = "description",
     .type = core::FieldType::kString,
     .max_length = points::kMaxOfferDescription,
     .allow_empty = true},
    {.name = "price", .type = core::FieldType::kInteger, .required = true},
    {.name = "stock", .type = core::FieldType::kInteger, .nullable = true},
    {.name = "valid_from", .type = core::FieldType::kInteger, .nullable = true},
    {.name = "valid_until", .type = core::FieldType::kInteger, .nullable = true},
    {.name = "active", .type = core::FieldType::kBoolean},
};

constexpr core::FieldSpec kRedeemFields[] = {
    {.name = "client_id", .type = core::FieldType::kString, .required = true, .max_length = 64},
};

constexpr core::FieldSpec kConfirmFields[] = {
    {.name = "code", .type = core::FieldType::kString, .required = true, .max_length = 32},
};

json::object TransferJson(const points::Transfer& transfer) {
  return {{"id", transfer.id},
          {"kind", points::TransferKindName(transfer.kind)},
          {"source_id", transfer.source_id},
          {"target_id", transfer.target_id},
          {"amount", transfer.amount},
          {"reason", transfer.reason},
          {"client_id", transfer.client_id},
          {"reverses", transfer.reverses ? json::value(*transfer.reverses) : json::value(nullptr)},
          {"at", transfer.at}};
}

json::object AccountJsonOf(const points::LedgerAccount& account) {
  return {{"id", account.id},
          {"kind", points::AccountKindName(account.kind)},
          {"owner", account.owner_ref},
          {"name", account.name},
          {"balance", account.balance}};
}

std::optional<long long> OptionalInteger(const json::object& body, std::string_view key) {
  const json::value* value = body.if_contains(key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  return value->as_int64();
}

/// The ledger, or the call ends with 404 on a server that keeps none.
points::PointsService& LedgerOf(Services& services) {
  if (services.points == nullptr)
    throw Refusal{core::MakeError(core::ErrorCode::kNotFound, "this server keeps no points ledger")};
  return *services.points;
}

points::OfferService& OffersOf(Services& services) { return *Take(Enabled(services.offers, "offers")); }
points::RedemptionService& RedemptionsOf(Services& services) {
  return *Take(Enabled(services.redemptions, "redemptions"));
}

points::OfferInput OfferInputOf(const json::object& body) {
  points::OfferInput input;
  input.title = std::string(core::StringOr(body, "title"));
  input.description = std::string(core::StringOr(body, "description"));
  input.price = OptionalInteger(body, "price").value_or(0);
  input.stock = OptionalInteger(body, "stock");
  input.valid_from = OptionalInteger(body, "valid_from");
  input.valid_until = OptionalInteger(body, "valid_until");
  const json::value* active = body.if_contains("active");
  input.active = active == nullptr || active->as_bool();
  return input;
}

json::value OptionalJson(const std::optional<long long>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

json::object OfferJson(const points::Offer& offer, const points::OfferPlace& place, long long now) {
  return {{"id", offer.id},
          {"place_id", offer.place_id},
          {"place_name", place.name},
          {"title", offer.title},
          {"description", offer.description},
          {"price", offer.price},
          {"stock", OptionalJson(offer.stock)},
          {"valid_from", offer.valid_from},
          {"valid_until", OptionalJson(offer.valid_until)},
          {"active", offer.active},
          {"available", points::MayRedeem(points::FactsOf(offer, place), now).ok()}};
}

json::object RedemptionJson(const points::Redemption& redemption) {
  return {{"id", redemption.id},
          {"offer_id", redemption.offer_id},
          {"place_id", redemption.place_id},
          {"place_name", redemption.place_name},
          {"title", redemption.title},
          {"price", redemption.price},
          {"status", points::RedemptionStatusName(redemption.status)},
          {"created_at", redemption.created_at},
          {"code_expires_at", redemption.code_expires_at},
          {"expires_at", redemption.expires_at},
          {"settled_at", OptionalJson(redemption.settled_at)}};
}

/// A redemption with the code to show: {redemption, code (null once settled), code_expires_at,
/// expires_at, replayed}.
json::object IssuedJson(const points::IssuedRedemption& issued) {
  return {{"redemption", RedemptionJson(issued.redemption)},
          {"code", issued.code.empty() ? json::value(nullptr) : json::value(issued.code)},
          {"code_expires_at", issued.redemption.code_expires_at},
          {"expires_at", issued.redemption.expires_at},
          {"replayed", issued.replayed}};
}

/// "2026-12-07 12:30:05", Beijing time, as a spreadsheet reads a moment.
std::string StatementTime(long long at) {
  std::string text = schedule::BeijingIso8601(at);
  text.resize(19);
  text[10] = ' ';
  return text;
}

/// The statement as CSV: UTF-8 with a byte order mark (Excel then reads the Chinese), a header in
/// the reader's language, one line per confirmed redemption, and the total.
http::Response StatementCsv(const points::Statement& statement, std::string_view month, http::Lang lang) {
  http::Response response;
  response.content_type = "text/csv; charset=utf-8";
  response.body = "\xEF\xBB\xBF";
  response.body += Words("points.statement_columns", lang) + "\r\n";
  for (const auto& line : statement.lines) {
    response.body += fmt::format("{},{},{},{},{}\r\n", line.redemption_id, StatementTime(line.confirmed_at),
                                 CsvField(line.title), line.points, CsvField(line.confirmed_by));
  }
  response.body += fmt::format("{},,,{},\r\n", CsvField(Words("points.statement_total", lang)), statement.total);
  response.SetHeader("Content-Disposition",
                     fmt::format("attachment; filename=\"statement-{}-{}.csv\"", statement.place.id, month));
  return response;
}

}  // namespace

void RegisterPointsRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;
  Declare(router, services, {http::Method::kGet, "/api/v1/me/points", audience::kWorkers}, [&services](Call& call) {
    auto limit = Take(http::IntegerParam(call.request, "limit", 50, 1, 200));
    // Holds whose time is up go back before the balance is read.
    if (services.redemptions != nullptr)
      services.redemptions->ReleaseExpiredOf(call.caller().account_id, storage::NowSeconds());
    const points::MyPoints mine = LedgerOf(services).Mine(call.caller(), static_cast<int>(limit));
    json::array history;
    for (const auto& line : mine.history) {
      history.push_back(
          {{"id", line.transfer.id},
           {"at", line.transfer.at},
           {"delta", line.delta},
           {"kind", points::TransferKindName(line.transfer.kind)},
           {"reason", line.transfer.reason},
           {"counterparty", line.counterparty},
           {"counterparty_kind", points::AccountKindName(line.counterparty_kind)},
           {"reverses", line.transfer.reverses ? json::value(*line.transfer.reverses) : json::value(nullptr)}});
    }
    return http::Json(
        200, json::object{{"balance", mine.balance}, {"earned", mine.earned}, {"history", std::move(history)}});
  });

  Declare(router, services, {http::Method::kGet, "/api/v1/points", audience::kOfficers}, [&services](Call&) {
    const points::LedgerOverview overview = LedgerOf(services).Overview();
    json::array pools;
    for (const auto& pool : overview.pools) pools.push_back(AccountJsonOf(pool));
    const auto& sums = overview.sums;
    return http::Json(200, json::object{{"conservation",
                                         {{"issued", sums.issued},
                                          {"pools", sums.pools},
                                          {"workers", sums.workers},
                                          {"held", sums.held},
                                          {"spent", sums.spent},
                                          {"expired", sums.expired},
                                          {"holds", sums.Holds()}}},
                                        {"balances_off", overview.balances_off},
                                        {"pools", std::move(pools)}});
  });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/points/transfers", audience::kCommunityOfficers, kTransferFields},
          [&services](Call& call) {
            const auto kind = points::ParseTransferKind(core::StringOr(call.body, "kind"));
            if (!kind || (*kind != points::TransferKind::kFund && *kind != points::TransferKind::kAward &&
                          *kind != points::TransferKind::kReversal)) {
              return http::Problem(core::MakeProblem(core::ErrorCode::kValidationFailed, "bad_kind", "points.bad_kind",
                                                     "kind: fund, award or reversal", json::object{{"field", "kind"}}));
            }
            points::TransferOrder order;
            order.kind = *kind;
            order.amount = OptionalInteger(call.body, "amount").value_or(0);
            order.client_id = std::string(core::StringOr(call.body, "client_id"));
            order.reason = std::string(core::StringOr(call.body, "reason"));
            order.pool_id = OptionalInteger(call.body, "pool_id");
            order.worker_id = OptionalInteger(call.body, "worker_id");
            order.transfer_id = OptionalInteger(call.body, "transfer_id");
            auto moved = Take(LedgerOf(services).Order(call.caller(), order));
            return http::Json(moved.replayed ? 200 : 201,
                              json::object{{"transfer", TransferJson(moved)}, {"replayed", moved.replayed}});
          });

  // Offers at friendly places: anyone sees a place's live offers; its keeper or merchant every one.
  Declare(router, services, {http::Method::kGet, "/api/v1/places/{id}/offers", audience::kAnyoneSignedInSeesMore},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            const long long now = storage::NowSeconds();
            auto [place, offers] = Take(OffersOf(services).List(id, call.principal, now));
            json::array items;
            for (const auto& offer : offers) items.push_back(OfferJson(offer, place, now));
            return http::Json(
                200, json::object{{"place", {{"id", place.id}, {"name", place.name}}}, {"offers", std::move(items)}});
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/places/{id}/offers", audience::kPlaceKeepers, kOfferFields},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            const long long now = storage::NowSeconds();
            auto offer = Take(OffersOf(services).Create(call.caller(), id, OfferInputOf(call.body), now));
            auto [place, offers] = Take(OffersOf(services).List(offer.place_id, call.principal, now));
            return http::Json(201, OfferJson(offer, place, now));
          });

  Declare(router, services, {http::Method::kPut, "/api/v1/offers/{id}", audience::kPlaceKeepers, kOfferFields},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            const long long now = storage::NowSeconds();
            auto offer = Take(OffersOf(services).Update(call.caller(), id, OfferInputOf(call.body), now));
            auto [place, offers] = Take(OffersOf(services).List(offer.place_id, call.principal, now));
            return http::Json(200, OfferJson(offer, place, now));
          });

  // Redemptions: the worker's side.
  Declare(router, services, {http::Method::kPost, "/api/v1/offers/{id}/redeem", audience::kWorkers, kRedeemFields},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto issued = Take(RedemptionsOf(services).Redeem(call.caller(), id, core::StringOr(call.body, "client_id"),
                                                              storage::NowSeconds()));
            return http::Json(issued.replayed ? 200 : 201, IssuedJson(issued));
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/me/redemptions", audience::kWorkers},
          [&services](Call& call) {
            auto limit = Take(http::IntegerParam(call.request, "limit", 20, 1, 100));
            json::array items;
            for (const auto& redemption :
                 RedemptionsOf(services).Mine(call.caller(), static_cast<int>(limit), storage::NowSeconds()))
              items.push_back(RedemptionJson(redemption));
            return http::Json(200, json::object{{"items", std::move(items)}});
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/redemptions/{id}/code", audience::kWorkers},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto issued = Take(RedemptionsOf(services).FreshCode(call.caller(), id, storage::NowSeconds()));
            return http::Json(200, IssuedJson(issued));
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/redemptions/{id}/cancel", audience::kWorkers},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto released = Take(RedemptionsOf(services).Cancel(call.caller(), id, storage::NowSeconds()));
            return http::Json(200, json::object{{"redemption", RedemptionJson(released)}});
          });

  // The merchant's side: confirm by the code the worker shows, and the month's statement.
  Declare(router, services,
          {http::Method::kPost, "/api/v1/redemptions/confirm", audience::kPlaceKeepers, kConfirmFields},
          [&services](Call& call) {
            auto confirmed = Take(RedemptionsOf(services).Confirm(call.caller(), core::StringOr(call.body, "code"),
                                                                  storage::NowSeconds()));
            return http::Json(200, json::object{{"redemption", RedemptionJson(confirmed)}});
          });

  Declare(
      router, services, {http::Method::kGet, "/api/v1/places/{id}/statement", audience::kPlaceKeepers},
      [&services](Call& call) {
        const long long id = Take(IdParam(call.request, "id"));
        const std::string month(
            call.request.QueryParam("month").value_or(schedule::BeijingDate(storage::NowSeconds()).substr(0, 7)));
        const auto range = month.size() == 7 ? schedule::BeijingMonthRange(month) : std::nullopt;
        if (!range) {
          return http::Problem(core::MakeProblem(core::ErrorCode::kValidationFailed, "bad_month", "points.bad_month",
                                                 "month: a month such as 2026-12", json::object{{"field", "month"}}));
        }
        const auto statement =
            Take(RedemptionsOf(services).StatementOf(call.caller(), id, range->first, range->second));
        if (call.request.QueryParam("format").value_or("csv") != "json")
          return StatementCsv(statement, month, http::PreferredLang(call.request));
        json::array lines;
        for (const auto& line : statement.lines) {
          lines.push_back({{"redemption_id", line.redemption_id},
                           {"confirmed_at", line.confirmed_at},
                           {"title", line.title},
                           {"points", line.points},
                           {"confirmed_by", line.confirmed_by}});
        }
        return http::Json(200, json::object{{"place", {{"id", statement.place.id}, {"name", statement.place.name}}},
                                            {"month", month},
                                            {"lines", std::move(lines)},
                                            {"total", statement.total}});
      });
}

}  // namespace youhao::api
