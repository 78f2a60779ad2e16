// The points ledger over HTTP: a worker's own points, the officers' overview, and transfers
// ordered by officers (fund a pool, award a worker, reverse a transfer).

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/api_internal.h"
#include "api/endpoint.h"
#include "http/json_body.h"
#include "points/points_service.h"

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

}  // namespace

void RegisterPointsRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;
  Declare(router, services, {http::Method::kGet, "/api/v1/me/points", audience::kWorkers}, [&services](Call& call) {
    auto limit = Take(http::IntegerParam(call.request, "limit", 50, 1, 200));
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
            if (!kind || *kind == points::TransferKind::kSpend || *kind == points::TransferKind::kExpire) {
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
}

}  // namespace youhao::api
