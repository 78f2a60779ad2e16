#include "points/offers.h"

#include <fmt/format.h>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "audit/audit_log.h"
#include "core/text.h"

namespace youhao::points {

namespace {

using core::ErrorCode;

constexpr std::string_view kOfferColumns =
    "id, place_id, title, description, price, stock, valid_from, valid_until, active, created_at, updated_at, "
    "sponsor_id";
constexpr std::string_view kFindPlace = "SELECT id, name, area_code, status, owner_account_id FROM places WHERE id = ?";
constexpr std::string_view kInsertOffer =
    "INSERT INTO points_offers (place_id, title, description, price, stock, valid_from, valid_until, active, "
    "created_by, created_at, updated_at, sponsor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kUpdateOffer =
    "UPDATE points_offers SET title = ?, description = ?, price = ?, stock = ?, valid_from = ?, valid_until = ?, "
    "active = ?, updated_at = ?, sponsor_id = ? WHERE id = ?";
// The stock is taken by a conditional UPDATE, so two takers of the last one cannot both have it.
constexpr std::string_view kTakeOne =
    "UPDATE points_offers SET stock = stock - 1 WHERE id = ? AND stock IS NOT NULL AND stock > 0";
constexpr std::string_view kGiveBack = "UPDATE points_offers SET stock = stock + 1 WHERE id = ? AND stock IS NOT NULL";

Offer OfferFrom(const storage::Row& row) {
  Offer offer;
  offer.id = row.Int(0);
  offer.place_id = row.Int(1);
  offer.title = row.Text(2);
  offer.description = row.Text(3);
  offer.price = row.Int(4);
  if (!row.IsNull(5)) offer.stock = row.Int(5);
  offer.valid_from = row.Int(6);
  if (!row.IsNull(7)) offer.valid_until = row.Int(7);
  offer.active = row.Int(8) != 0;
  offer.created_at = row.Int(9);
  offer.updated_at = row.Int(10);
  if (!row.IsNull(11)) offer.sponsor_id = row.Int(11);
  return offer;
}

storage::Value Nullable(const std::optional<long long>& value) {
  return value ? storage::Value(*value) : storage::Value(nullptr);
}

core::Error BadOfferField(std::string_view field) {
  const boost::json::object fields{{"field", field}};
  if (field == "title") {
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_offer", "points.offer_title",
                             "title: 1 to 40 characters", fields);
  }
  if (field == "description") {
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_offer", "points.offer_description",
                             "description: at most 300 characters", fields);
  }
  if (field == "price") {
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_offer", "points.offer_price",
                             "price: a whole number of points from 1 to 100000",
                             boost::json::object{{"field", field}, {"max", kMaxOfferPrice}});
  }
  if (field == "stock") {
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_offer", "points.offer_stock",
                             "stock: empty for unlimited, or 0 to 1000000",
                             boost::json::object{{"field", field}, {"max", kMaxOfferStock}});
  }
  if (field == "sponsor_id") {
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_offer", "points.offer_sponsor",
                             "sponsor_id names no sponsor", fields);
  }
  return core::MakeProblem(ErrorCode::kValidationFailed, "bad_offer", "points.offer_validity",
                           "valid_until must come after valid_from", fields);
}

/// Whether the sponsor named to pay for an offer exists (none named: the city pays).
bool SponsorExists(storage::Connection& connection, const std::optional<long long>& sponsor_id) {
  return !sponsor_id || connection.QueryOne("SELECT id FROM sponsors WHERE id = ?", {*sponsor_id}).has_value();
}

/// The offer's input with its texts trimmed.
OfferInput Trimmed(OfferInput input) {
  input.title = std::string(core::Trim(input.title));
  input.description = std::string(core::Trim(input.description));
  return input;
}

}  // namespace

core::Error NotPlaceOwner() {
  return core::MakeProblem(ErrorCode::kForbidden, "not_place_owner", "points.not_place_owner",
                           "only the keeper or merchant of this place manages its offers and redemptions");
}

core::Status CheckOfferInput(const OfferInput& input) {
  const std::size_t title = core::CountCodePoints(input.title);
  if (title == 0 || title > kMaxOfferTitle || core::HasControlCharacters(input.title) ||
      input.title.find_first_of("\t\r\n") != std::string::npos)
    return BadOfferField("title");
  if (core::CountCodePoints(input.description) > kMaxOfferDescription || core::HasControlCharacters(input.description))
    return BadOfferField("description");
  if (input.price < 1 || input.price > kMaxOfferPrice) return BadOfferField("price");
  if (input.stock && (*input.stock < 0 || *input.stock > kMaxOfferStock)) return BadOfferField("stock");
  if (input.valid_from && *input.valid_from < 0) return BadOfferField("valid_from");
  if (input.valid_until && *input.valid_until <= input.valid_from.value_or(0)) return BadOfferField("valid_until");
  return core::Ok{};
}

OfferFacts FactsOf(const Offer& offer, const OfferPlace& place) {
  return {offer.active, place.approved, offer.valid_from, offer.valid_until, offer.stock};
}

namespace offer_repository {

std::optional<OfferPlace> FindPlace(storage::Connection& connection, long long place_id) {
  auto row = connection.QueryOne(kFindPlace, {place_id});
  if (!row) return std::nullopt;
  OfferPlace place;
  place.id = row->Int(0);
  place.name = row->Text(1);
  place.area_code = row->Text(2);
  place.approved = row->Text(3) == "approved";
  if (!row->IsNull(4)) place.owner_account_id = row->Int(4);
  return place;
}

std::optional<Offer> Find(storage::Connection& connection, long long offer_id) {
  auto row = connection.QueryOne(fmt::format("SELECT {} FROM points_offers WHERE id = ?", kOfferColumns), {offer_id});
  if (!row) return std::nullopt;
  return OfferFrom(*row);
}

std::vector<Offer> OfPlace(storage::Connection& connection, long long place_id, bool every_one, long long now) {
  std::vector<Offer> offers;
  const std::vector<storage::Row> rows =
      every_one ? connection.Query(
                      fmt::format("SELECT {} FROM points_offers WHERE place_id = ? ORDER BY price, id", kOfferColumns),
                      {place_id})
                : connection.Query(fmt::format("SELECT {} FROM points_offers WHERE place_id = ? AND active = 1 AND "
                                               "valid_from <= ? AND (valid_until IS NULL OR valid_until > ?) "
                                               "ORDER BY price, id",
                                               kOfferColumns),
                                   {place_id, now, now});
  offers.reserve(rows.size());
  for (const auto& row : rows) offers.push_back(OfferFrom(row));
  return offers;
}

std::vector<Offer> Redeemable(storage::Connection& connection, long long now) {
  std::vector<Offer> offers;
  for (const auto& row :
       connection.Query(fmt::format("SELECT {} FROM points_offers WHERE active = 1 AND valid_from <= ? AND "
                                    "(valid_until IS NULL OR valid_until > ?) AND (stock IS NULL OR stock > 0) AND "
                                    "place_id IN (SELECT id FROM places WHERE status = 'approved') "
                                    "ORDER BY place_id, price, id",
                                    kOfferColumns),
                        {now, now}))
    offers.push_back(OfferFrom(row));
  return offers;
}

long long Insert(storage::Connection& connection, long long place_id, const OfferInput& input,
                 std::string_view actor_login, long long now) {
  const long long valid_from = input.valid_from.value_or(now);
  return connection
      .QueryOne(kInsertOffer, {place_id, input.title, input.description, input.price, Nullable(input.stock), valid_from,
                               Nullable(input.valid_until), input.active ? 1LL : 0LL, std::string(actor_login), now,
                               now, Nullable(input.sponsor_id)})
      ->Int(0);
}

void Update(storage::Connection& connection, long long offer_id, const OfferInput& input, long long now) {
  const long long valid_from = input.valid_from.value_or(now);
  connection.Execute(
      kUpdateOffer, {input.title, input.description, input.price, Nullable(input.stock), valid_from,
                     Nullable(input.valid_until), input.active ? 1LL : 0LL, now, Nullable(input.sponsor_id), offer_id});
}

bool TakeOne(storage::Connection& connection, long long offer_id) {
  const auto offer = Find(connection, offer_id);
  if (!offer) return false;
  if (!offer->stock) return true;
  return connection.Execute(kTakeOne, {offer_id}) == 1;
}

void GiveBack(storage::Connection& connection, long long offer_id) { connection.Execute(kGiveBack, {offer_id}); }

}  // namespace offer_repository

core::Result<std::pair<OfferPlace, std::vector<Offer>>> OfferService::List(long long place_id,
                                                                           const accounts::Principal* caller,
                                                                           long long now) const {
  auto connection = database_.Acquire();
  auto place = offer_repository::FindPlace(*connection, place_id);
  const bool owner = place && caller != nullptr && place->OwnedBy(*caller);
  if (!place || (!place->approved && !owner)) return core::MakeError(ErrorCode::kNotFound, "no such place");
  auto offers = offer_repository::OfPlace(*connection, place_id, owner, now);
  return std::make_pair(std::move(*place), std::move(offers));
}

std::vector<Offer> OfferService::Redeemable(long long now) const {
  auto connection = database_.Acquire();
  return offer_repository::Redeemable(*connection, now);
}

core::Result<PlacedOffer> OfferService::Create(const accounts::Principal& caller, long long place_id, OfferInput input,
                                               long long now) {
  input = Trimmed(std::move(input));
  if (!input.valid_from) input.valid_from = now;
  if (auto checked = CheckOfferInput(input); !checked.ok()) return checked.error();
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  const auto place = offer_repository::FindPlace(*connection, place_id);
  if (!place) return core::MakeError(ErrorCode::kNotFound, "no such place");
  if (!place->OwnedBy(caller)) return NotPlaceOwner();
  if (!SponsorExists(*connection, input.sponsor_id)) return BadOfferField("sponsor_id");
  const long long id = offer_repository::Insert(*connection, place_id, input, caller.login, now);
  audit::Entry entry =
      accounts::AuditEntryBy(caller, "points.offer_create", "points_offer", std::to_string(id), place->area_code);
  entry.after_json = boost::json::serialize(
      boost::json::object{{"place_id", place_id}, {"title", input.title}, {"price", input.price}});
  audit::AuditLog::Record(*connection, entry);
  auto offer = offer_repository::Find(*connection, id);
  transaction.Commit();
  return PlacedOffer{std::move(*offer), *place};
}

core::Result<PlacedOffer> OfferService::Update(const accounts::Principal& caller, long long offer_id, OfferInput input,
                                               long long now) {
  input = Trimmed(std::move(input));
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  const auto before = offer_repository::Find(*connection, offer_id);
  if (!before) return core::MakeError(ErrorCode::kNotFound, "no such offer");
  if (!input.valid_from) input.valid_from = before->valid_from;
  if (!input.names_sponsor) input.sponsor_id = before->sponsor_id;
  const auto place = offer_repository::FindPlace(*connection, before->place_id);
  if (!place) return core::MakeError(ErrorCode::kNotFound, "no such offer");
  if (!place->OwnedBy(caller)) return NotPlaceOwner();
  if (auto checked = CheckOfferInput(input); !checked.ok()) return checked.error();
  if (!SponsorExists(*connection, input.sponsor_id)) return BadOfferField("sponsor_id");
  offer_repository::Update(*connection, offer_id, input, now);
  audit::Entry entry =
      accounts::AuditEntryBy(caller, "points.offer_update", "points_offer", std::to_string(offer_id), place->area_code);
  entry.before_json = boost::json::serialize(
      boost::json::object{{"title", before->title}, {"price", before->price}, {"active", before->active}});
  entry.after_json = boost::json::serialize(
      boost::json::object{{"title", input.title}, {"price", input.price}, {"active", input.active}});
  audit::AuditLog::Record(*connection, entry);
  auto offer = offer_repository::Find(*connection, offer_id);
  transaction.Commit();
  return PlacedOffer{std::move(*offer), *place};
}

}  // namespace youhao::points
