// The points ledger over HTTP: a worker's own points, the officers' overview, and transfers
// ordered by officers (fund a pool, award a worker, reverse a transfer); offers at friendly places
// and their redemptions (redeem, a fresh code, cancel, the merchant's confirmation by code, the
// place's monthly statement as JSON, CSV or PDF, with who owes each line); the merchant's desk
// may scan the worker's pass instead of typing a code.

#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "api/api_internal.h"
#include "api/endpoint.h"
#include "api/messages/catalogue.h"
#include "core/text.h"
#include "http/i18n.h"
#include "http/json_body.h"
#include "points/offers.h"
#include "points/points_service.h"
#include "points/redemptions.h"
#include "poster/poster.h"
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
    {.name = "sponsor_id", .type = core::FieldType::kInteger, .nullable = true},
};

constexpr core::FieldSpec kRedeemFields[] = {
    {.name = "client_id", .type = core::FieldType::kString, .required = true, .max_length = 64},
};

constexpr core::FieldSpec kConfirmFields[] = {
    {.name = "code", .type = core::FieldType::kString, .required = true, .max_length = 32},
};

/// A scanned or pasted pass: its QR text ("YH1:...", a few hundred characters).
constexpr std::size_t kMaxPassText = 2048;

constexpr core::FieldSpec kByPassFields[] = {
    {.name = "pass", .type = core::FieldType::kString, .required = true, .max_length = kMaxPassText},
    {.name = "place_id", .type = core::FieldType::kInteger, .required = true},
};

constexpr core::FieldSpec kConfirmByPassFields[] = {
    {.name = "pass", .type = core::FieldType::kString, .required = true, .max_length = kMaxPassText},
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
  input.names_sponsor = body.contains("sponsor_id");
  input.sponsor_id = OptionalInteger(body, "sponsor_id");
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
          {"sponsor_id", OptionalJson(offer.sponsor_id)},
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

/// Who pays: the sponsor's name, or the city's pool in the reader's language.
std::string PayerName(const std::optional<long long>& sponsor_id, const std::string& sponsor_name, http::Lang lang) {
  return sponsor_id ? sponsor_name : Words("points.statement_city", lang);
}

/// The statement as CSV: UTF-8 with a byte order mark (Excel then reads the Chinese), a header in
/// the reader's language, one line per confirmed redemption with who pays for it, a subtotal line
/// per payer, and the total.
http::Response StatementCsv(const points::Statement& statement, std::string_view month, http::Lang lang) {
  http::Response response;
  response.content_type = "text/csv; charset=utf-8";
  response.body = "\xEF\xBB\xBF";
  response.body += Words("points.statement_columns", lang) + "\r\n";
  for (const auto& line : statement.lines) {
    response.body += fmt::format("{},{},{},{},{},{}\r\n", line.redemption_id, StatementTime(line.confirmed_at),
                                 CsvField(line.title), line.points, CsvField(line.confirmed_by),
                                 CsvField(PayerName(line.sponsor_id, line.sponsor_name, lang)));
  }
  const std::string subtotal = CsvField(Words("points.statement_subtotal", lang));
  for (const auto& payer : statement.by_sponsor) {
    response.body += fmt::format("{},,,{},,{}\r\n", subtotal, payer.points,
                                 CsvField(PayerName(payer.sponsor_id, payer.sponsor_name, lang)));
  }
  response.body += fmt::format("{},,,{},,\r\n", CsvField(Words("points.statement_total", lang)), statement.total);
  response.SetHeader("Content-Disposition",
                     fmt::format("attachment; filename=\"statement-{}-{}.csv\"", statement.place.id, month));
  return response;
}

/// Text cut to `max` characters (UTF-8 code points), with "…" when cut.
std::string Shortened(std::string_view text, std::size_t max) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (++count > max) return std::string(text.substr(0, i)) + "…";
  }
  return std::string(text);
}

/// The statement as one SVG page, 210 mm wide (A4), as long as its lines need: the title, the
/// place and month, a table (number, time, offer, points, payer), the subtotals per payer, the
/// total and when it was made. Every text XML-escaped.
std::string StatementSvg(const points::Statement& statement, std::string_view month, http::Lang lang,
                         long long generated_at) {
  constexpr double kWidth = 210;
  constexpr double kMargin = 15;
  constexpr double kRow = 6;
  // A page longer than ~4.5 m is more than a PDF reader shows: the rest is in the CSV.
  constexpr std::size_t kMaxLines = 600;
  const std::size_t shown = std::min(statement.lines.size(), kMaxLines);
  const std::size_t rows = std::max<std::size_t>(shown, 1) + statement.by_sponsor.size() + 4;
  const double height = std::max(297.0, 60 + kRow * static_cast<double>(rows) + 30);
  std::string svg = R"svg(<?xml version="1.0" encoding="UTF-8"?>)svg"
                    "\n";
  svg += fmt::format(
      R"svg(<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{0}mm" height="{1}mm" viewBox="0 0 {0} {1}" )svg"
      R"svg(font-family="'Noto Sans CJK SC','Noto Sans SC',sans-serif" font-size="3.4" fill="#222">)svg",
      kWidth, height);
  const std::string title = Words("points.statement_title", lang);
  svg += fmt::format(R"svg(<title>{}</title><rect width="{}" height="{}" fill="#fff"/>)svg", core::EscapeXml(title),
                     kWidth, height);
  svg += fmt::format(R"svg(<text x="{}" y="22" font-size="7" font-weight="bold">{}</text>)svg", kMargin,
                     core::EscapeXml(title));
  svg += fmt::format(R"svg(<text x="{}" y="31" font-size="4.5">{}</text>)svg", kMargin,
                     core::EscapeXml(Words("points.statement_heading", lang,
                                           {{"place", statement.place.name}, {"month", std::string(month)}})));
  // Column x positions: number, time, offer, points (right-aligned), payer.
  constexpr double kX[] = {kMargin, kMargin + 16, kMargin + 56, kMargin + 132, kMargin + 137};
  std::vector<std::string> headers;
  const std::string columns = Words("points.statement_pdf_columns", lang);
  for (std::size_t start = 0;;) {
    const std::size_t bar = columns.find('|', start);
    headers.push_back(columns.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  double y = 44;
  const auto row = [&](const std::vector<std::string>& cells, bool bold) {
    svg += fmt::format(R"svg(<g{}>)svg", bold ? R"svg( font-weight="bold")svg" : "");
    for (std::size_t i = 0; i < cells.size() && i < std::size(kX); ++i) {
      svg += fmt::format(R"svg(<text x="{}" y="{}"{}>{}</text>)svg", i == 3 ? kX[i] - 2 : kX[i], y,
                         i == 3 ? R"svg( text-anchor="end")svg" : "", core::EscapeXml(cells[i]));
    }
    svg += "</g>";
    y += kRow;
  };
  row(headers, true);
  svg += fmt::format(R"svg(<line x1="{0}" x2="{1}" y1="{2}" y2="{2}" stroke="#999" stroke-width="0.3"/>)svg", kMargin,
                     kWidth - kMargin, y - kRow + 1.8);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& line = statement.lines[i];
    row({std::to_string(line.redemption_id), StatementTime(line.confirmed_at).substr(5, 11), Shortened(line.title, 18),
         std::to_string(line.points), Shortened(PayerName(line.sponsor_id, line.sponsor_name, lang), 14)},
        false);
  }
  if (statement.lines.empty()) row({Words("points.statement_empty", lang)}, false);
  if (shown < statement.lines.size()) {
    row({Words("points.statement_more", lang, {{"count", static_cast<long long>(statement.lines.size() - shown)}})},
        false);
  }
  svg += fmt::format(R"svg(<line x1="{0}" x2="{1}" y1="{2}" y2="{2}" stroke="#999" stroke-width="0.3"/>)svg", kMargin,
                     kWidth - kMargin, y - kRow + 2);
  y += 2;
  for (const auto& payer : statement.by_sponsor) {
    row({Words("points.statement_subtotal_line", lang,
               {{"payer", PayerName(payer.sponsor_id, payer.sponsor_name, lang)},
                {"lines", payer.lines},
                {"points", payer.points}})},
        false);
  }
  row({Words("points.statement_total", lang), "", "", std::to_string(statement.total)}, true);
  y += 4;
  svg += fmt::format(R"svg(<text x="{}" y="{}" font-size="3" fill="#666">{}</text>)svg", kMargin, y,
                     core::EscapeXml(Words("points.statement_generated", lang, {{"at", StatementTime(generated_at)}})));
  svg += "</svg>\n";
  return svg;
}

json::object StatementJson(const points::Statement& statement, std::string_view month, http::Lang lang) {
  json::array lines;
  for (const auto& line : statement.lines) {
    lines.push_back({{"redemption_id", line.redemption_id},
                     {"confirmed_at", line.confirmed_at},
                     {"title", line.title},
                     {"points", line.points},
                     {"confirmed_by", line.confirmed_by},
                     {"sponsor_id", OptionalJson(line.sponsor_id)},
                     {"payer", PayerName(line.sponsor_id, line.sponsor_name, lang)}});
  }
  json::array by_sponsor;
  for (const auto& payer : statement.by_sponsor) {
    by_sponsor.push_back({{"sponsor_id", OptionalJson(payer.sponsor_id)},
                          {"payer", PayerName(payer.sponsor_id, payer.sponsor_name, lang)},
                          {"lines", payer.lines},
                          {"points", payer.points}});
  }
  return {{"place", {{"id", statement.place.id}, {"name", statement.place.name}}},
          {"month", month},
          {"lines", std::move(lines)},
          {"by_sponsor", std::move(by_sponsor)},
          {"total", statement.total}};
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
    // Points that expire within 30 days, oldest first: {points, before (a Beijing date)}, or null.
    json::value expiring = nullptr;
    if (mine.expiring > 0) expiring = json::object{{"points", mine.expiring}, {"before", mine.expiring_before}};
    return http::Json(200, json::object{{"balance", mine.balance},
                                        {"earned", mine.earned},
                                        {"expiring", std::move(expiring)},
                                        {"history", std::move(history)}});
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
            const auto made = Take(OffersOf(services).Create(call.caller(), id, OfferInputOf(call.body), now));
            return http::Json(201, OfferJson(made.offer, made.place, now));
          });

  Declare(router, services, {http::Method::kPut, "/api/v1/offers/{id}", audience::kPlaceKeepers, kOfferFields},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            const long long now = storage::NowSeconds();
            const auto updated = Take(OffersOf(services).Update(call.caller(), id, OfferInputOf(call.body), now));
            return http::Json(200, OfferJson(updated.offer, updated.place, now));
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

  // Or the desk scans the worker's live pass: the worker's held redemptions here, then one tap.
  Declare(router, services,
          {http::Method::kPost, "/api/v1/redemptions/by-pass", audience::kPlaceKeepers, kByPassFields},
          [&services](Call& call) {
            const auto open = Take(RedemptionsOf(services).OpenByPass(
                call.caller(), core::StringOr(call.body, "pass"), OptionalInteger(call.body, "place_id").value_or(0),
                storage::NowSeconds()));
            json::array items;
            for (const auto& redemption : open.open) items.push_back(RedemptionJson(redemption));
            return http::Json(200, json::object{{"worker", {{"name", open.worker.masked_name}}},
                                                {"place", {{"id", open.place.id}, {"name", open.place.name}}},
                                                {"redemptions", std::move(items)}});
          });

  Declare(
      router, services,
      {http::Method::kPost, "/api/v1/redemptions/{id}/confirm-by-pass", audience::kPlaceKeepers, kConfirmByPassFields},
      [&services](Call& call) {
        const long long id = Take(IdParam(call.request, "id"));
        auto confirmed = Take(RedemptionsOf(services).ConfirmByPass(
            call.caller(), id, core::StringOr(call.body, "pass"), storage::NowSeconds()));
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
        const http::Lang lang = http::PreferredLang(call.request);
        const std::string format(call.request.QueryParam("format").value_or("csv"));
        if (format == "json") return http::Json(200, StatementJson(statement, month, lang));
        if (format != "pdf") return StatementCsv(statement, month, lang);
        http::Response response;
        response.content_type = "application/pdf";
        response.body = Take(poster::SvgToPdf(StatementSvg(statement, month, lang, storage::NowSeconds())));
        response.SetHeader("Content-Disposition",
                           fmt::format("attachment; filename=\"statement-{}-{}.pdf\"", statement.place.id, month));
        return response;
      });
}

}  // namespace youhao::api
