#pragma once
/// Offers at friendly places: what a station keeper or a merchant gives for points (a meal, a phone
/// charge, a haircut), with its price, stock and validity. The owner of a place lists and edits
/// its offers; anyone sees the active ones of an approved place. The input's rules, the SQL of the
/// table points_offers (shared with redemptions, which take stock), and the use cases.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/access.h"
#include "core/error.h"
#include "points/redemption_policy.h"
#include "storage/database.h"

namespace youhao::points {

inline constexpr long long kMaxOfferPrice = 100'000;
inline constexpr long long kMaxOfferStock = 1'000'000;
inline constexpr std::size_t kMaxOfferTitle = 40;
inline constexpr std::size_t kMaxOfferDescription = 300;

struct OfferInput {
  std::string title;
  std::string description;
  long long price = 0;
  std::optional<long long> stock;  ///< nullopt: unlimited
  std::optional<long long> valid_from;
  std::optional<long long> valid_until;  ///< exclusive; nullopt: open-ended
  bool active = true;
  /// The sponsor who pays the place for this offer (nullopt: the city). Only when `names_sponsor`:
  /// an update that does not name it keeps the offer's.
  std::optional<long long> sponsor_id;
  bool names_sponsor = false;
};

/// Checks an offer's input (title and description already trimmed; valid_until after valid_from,
/// or after 0 when valid_from is not given): catalogued bad_offer problems naming the field
/// (points.offer_title, offer_description, offer_price, offer_stock, offer_validity).
core::Status CheckOfferInput(const OfferInput& input);

struct Offer {
  long long id = 0;
  long long place_id = 0;
  std::string title;
  std::string description;
  long long price = 0;
  std::optional<long long> stock;
  long long valid_from = 0;
  std::optional<long long> valid_until;
  bool active = true;
  long long created_at = 0;
  long long updated_at = 0;
  std::optional<long long> sponsor_id;  ///< who pays the place for it; nullopt: the city
};

/// A friendly place as offers and redemptions see it.
struct OfferPlace {
  long long id = 0;
  std::string name;
  std::string area_code;
  bool approved = false;
  std::optional<long long> owner_account_id;

  bool OwnedBy(const accounts::Principal& caller) const {
    return owner_account_id && *owner_account_id == caller.account_id;
  }
};

/// An offer with its place, as a write returns it (so the caller names the place without asking again).
struct PlacedOffer {
  Offer offer;
  OfferPlace place;
};

/// What the decision to redeem `offer` at `place` sees.
OfferFacts FactsOf(const Offer& offer, const OfferPlace& place);

/// The SQL of points_offers, run on a given connection.
namespace offer_repository {
std::optional<OfferPlace> FindPlace(storage::Connection& connection, long long place_id);
std::optional<Offer> Find(storage::Connection& connection, long long offer_id);
/// A place's offers: every one (for its owner), or those active and valid at `now`; cheapest first.
std::vector<Offer> OfPlace(storage::Connection& connection, long long place_id, bool every_one, long long now);
/// Every offer a worker could redeem at `now` (active, valid, not sold out, at an approved place),
/// by place, cheapest first.
std::vector<Offer> Redeemable(storage::Connection& connection, long long now);
/// A new offer (valid from `now` unless the input says when); its id.
long long Insert(storage::Connection& connection, long long place_id, const OfferInput& input,
                 std::string_view actor_login, long long now);
void Update(storage::Connection& connection, long long offer_id, const OfferInput& input, long long now);
/// Takes one from a limited stock: false when none is left (however many take at once). An
/// unlimited offer always gives one.
bool TakeOne(storage::Connection& connection, long long offer_id);
/// Puts one back into a limited stock (a redemption released or timed out).
void GiveBack(storage::Connection& connection, long long offer_id);
}  // namespace offer_repository

class OfferService {
 public:
  explicit OfferService(storage::Database& database) : database_(database) {}

  /// The offers of place `place_id`: its owner sees every one; anyone else the active ones valid
  /// at `now` of an approved place (not_found for a place not approved). With the place.
  core::Result<std::pair<OfferPlace, std::vector<Offer>>> List(long long place_id, const accounts::Principal* caller,
                                                               long long now) const;
  /// A new offer at the caller's own place, with the place. Errors: not_found, not_place_owner
  /// (403), bad_offer.
  core::Result<PlacedOffer> Create(const accounts::Principal& caller, long long place_id, OfferInput input,
                                   long long now);
  /// Rewrites an offer of the caller's own place (to pause it: active false), with the place. Same
  /// errors.
  core::Result<PlacedOffer> Update(const accounts::Principal& caller, long long offer_id, OfferInput input,
                                   long long now);
  /// Every offer a worker could redeem now, anywhere (for 附近可兑换: the nearby search keeps their places).
  std::vector<Offer> Redeemable(long long now) const;

 private:
  storage::Database& database_;
};

/// The problem for a caller who does not own the place: not_place_owner (403).
core::Error NotPlaceOwner();

}  // namespace youhao::points
