#pragma once
/// Redemptions, the use cases and their SQL (table points_redemptions): a worker redeems an offer
/// (its price held in the ledger, one taken from its stock, a short-lived code for the phone), the
/// merchant types the code to confirm (the points become the place's), the worker cancels, or the
/// hold times out (the points and the stock go back). Every step is one transaction with its
/// ledger transfer, and each state change is a conditional UPDATE out of `held`, so a code confirmed
/// twice at once, or confirmed while it is cancelled, settles once. Codes are kept only as keyed
/// digests. A hold whose time is up is released when it is next read, and by ReleaseExpired,
/// which the server calls every minute. The decisions are redemption_policy.h's.
///
/// A merchant account's wrong codes are counted in points_wrong_codes (a table, so the limit holds
/// across restarts and servers); a right code clears them. Instead of a code, the merchant's desk
/// may scan the worker's entry pass (its live QR: the pass machinery's 30-second window shows the
/// worker is there) to see and confirm the worker's held redemptions at the place.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/access.h"
#include "core/error.h"
#include "core/keyring.h"
#include "points/ledger.h"
#include "points/offers.h"
#include "points/redemption_policy.h"
#include "storage/database.h"

namespace youhao::entry {
class IssuerKeyStore;
}  // namespace youhao::entry

namespace youhao::points {

struct Redemption {
  long long id = 0;
  long long offer_id = 0;
  long long place_id = 0;
  std::string place_name;
  std::string title;  ///< the offer's title when it was redeemed
  long long price = 0;
  long long worker_account_id = 0;
  std::string client_id;
  RedemptionStatus status = RedemptionStatus::kHeld;
  long long code_expires_at = 0;
  long long expires_at = 0;
  long long created_at = 0;
  std::optional<long long> settled_at;
  std::string settled_by;
  std::optional<long long> hold_transfer_id;
  std::optional<long long> settle_transfer_id;

  RedemptionFacts Facts() const { return {status, code_expires_at, expires_at}; }
};

/// A redemption with the code its phone shows (empty when it is no longer held).
struct IssuedRedemption {
  Redemption redemption;
  std::string code;
  /// The request repeated an earlier one (same client id): nothing new was held.
  bool replayed = false;
};

/// One confirmed redemption on a place's statement.
struct StatementLine {
  long long redemption_id = 0;
  long long confirmed_at = 0;
  std::string title;
  long long points = 0;
  std::string confirmed_by;
  /// Who owes the place for it: the offer's sponsor; nullopt: the city (its pool).
  std::optional<long long> sponsor_id;
  std::string sponsor_name;
};

/// What one payer owes on a statement.
struct SponsorSubtotal {
  std::optional<long long> sponsor_id;  ///< nullopt: the city
  std::string sponsor_name;
  long long lines = 0;
  long long points = 0;
};

struct Statement {
  OfferPlace place;
  long long from = 0;  ///< inclusive
  long long to = 0;    ///< exclusive
  std::vector<StatementLine> lines;
  /// One per payer: the city first, then sponsors by id.
  std::vector<SponsorSubtotal> by_sponsor;
  long long total = 0;
};

/// A statement's lines added up per payer (the city first, then sponsors by id); every line counted once.
std::vector<SponsorSubtotal> SubtotalsBySponsor(const std::vector<StatementLine>& lines);

/// The worker a scanned pass names, as a merchant's desk may see them.
struct PassHolder {
  long long worker_id = 0;
  long long account_id = 0;
  long long pass_id = 0;
  std::string masked_name;  ///< core::MaskName: "张**"
};

/// A worker's redemptions still held at one place, found by scanning their pass.
struct OpenAtPlace {
  PassHolder worker;
  OfferPlace place;
  std::vector<Redemption> open;  ///< oldest first
};

class RedemptionService {
 public:
  /// Key purpose of the codes' digests.
  static constexpr std::string_view kCodePurpose = "redemption-code";
  /// A typed code is looked for among redemptions whose code was made this recently (so an old
  /// code says "used", not "wrong", for a day).
  static constexpr long long kCodeMemorySeconds = 86'400;

  RedemptionService(storage::Database& database, const core::Keyring& keyring, RedemptionTimes times = {})
      : database_(database), keyring_(keyring), times_(times) {}

  /// Holds the price of offer `offer_id` from the worker's points, takes one from its stock, and
  /// makes a code. A repeated client id gives the same redemption back (with a fresh code while it
  /// is held), or redemption_client_id_reused (409) when it named another offer. Errors:
  /// not_found, bad_client_id, offer_unavailable, offer_sold_out, insufficient_points.
  core::Result<IssuedRedemption> Redeem(const accounts::Principal& worker, long long offer_id,
                                        std::string_view client_id, long long now);
  /// A fresh code for the worker's own held redemption (the earlier code stops working).
  core::Result<IssuedRedemption> FreshCode(const accounts::Principal& worker, long long redemption_id, long long now);
  /// The worker cancels their own held redemption: the points and the stock go back.
  core::Result<Redemption> Cancel(const accounts::Principal& worker, long long redemption_id, long long now);
  /// The merchant confirms the redemption whose code was typed: the held points become the
  /// place's. Errors: redemption_code_format (400), redemption_code_wrong (404), and
  /// DecideConfirm's (another place, used, released, expired, an expired code).
  core::Result<Redemption> Confirm(const accounts::Principal& merchant, std::string_view typed_code, long long now);
  /// The worker's redemptions, newest first (their holds whose time is up released first).
  std::vector<Redemption> Mine(const accounts::Principal& worker, int limit, long long now);
  /// The confirmed redemptions of a place in [from, to), oldest first, with their total, for its
  /// keeper or merchant and for the officers (community and up) whose area holds it. Errors:
  /// not_found, not_place_owner.
  core::Result<Statement> StatementOf(const accounts::Principal& owner, long long place_id, long long from,
                                      long long to) const;

  /// Releases holds whose time is up (at most `limit`, oldest first), each in its own
  /// transaction; returns how many. The server calls it every minute. Wrong codes older than the
  /// window are forgotten here too.
  long long ReleaseExpired(long long now, int limit = 500);
  /// The same for one worker's holds (before their points are read).
  long long ReleaseExpiredOf(long long account_id, long long now);

  /// Scanned passes are read from here on (issuer keys of the entry module); without, the by-pass
  /// routes answer not_found.
  void UsePasses(entry::IssuerKeyStore* keys) { keys_ = keys; }
  void SetWrongCodeLimits(WrongCodeLimits limits) { wrong_code_limits_ = limits; }

  /// The held redemptions at place `place_id` (the caller's own) of the worker whose live pass
  /// `pass` is (the QR text "YH1:..."). Errors: not_found, not_place_owner, redemption_pass_stale,
  /// redemption_pass_refused.
  core::Result<OpenAtPlace> OpenByPass(const accounts::Principal& merchant, std::string_view pass, long long place_id,
                                       long long now);
  /// Confirms redemption `redemption_id` for the worker whose live pass is `pass`, in place of
  /// its code (not counted as a guess). Errors: not_found, the pass's, and DecideConfirmByPass's.
  core::Result<Redemption> ConfirmByPass(const accounts::Principal& merchant, long long redemption_id,
                                         std::string_view pass, long long now);

  const RedemptionTimes& times() const { return times_; }
  const WrongCodeLimits& wrong_code_limits() const { return wrong_code_limits_; }

 private:
  core::Result<IssuedRedemption> RedeemOnce(const accounts::Principal& worker, long long offer_id,
                                            std::string_view client_id, long long now);
  core::Result<IssuedRedemption> FreshCodeOnce(const accounts::Principal& worker, long long redemption_id,
                                               long long now);
  /// A new code and its digest.
  std::pair<std::string, std::string> NewCode() const;
  /// The worker a scanned pass names, once its signatures, window, revocation and worker hold.
  core::Result<PassHolder> ReadPass(std::string_view pass, long long now);

  storage::Database& database_;
  const core::Keyring& keyring_;
  RedemptionTimes times_;
  WrongCodeLimits wrong_code_limits_;
  entry::IssuerKeyStore* keys_ = nullptr;
};

/// The SQL of points_redemptions, run on a given connection.
namespace redemption_repository {
std::optional<Redemption> Find(storage::Connection& connection, long long id);
/// The worker's redemptions held at the place and not timed out at `now`, oldest first.
std::vector<Redemption> HeldAt(storage::Connection& connection, long long worker_account_id, long long place_id,
                               long long now);
/// When the account typed its wrong codes after `since`.
std::vector<long long> WrongCodesSince(storage::Connection& connection, long long account_id, long long since);
/// Counts a wrong code (and forgets the account's ones at or before `forget_before`).
void RecordWrongCode(storage::Connection& connection, long long account_id, long long now, long long forget_before);
/// A right code: the account's wrong ones are forgotten.
void ForgetWrongCodes(storage::Connection& connection, long long account_id);
std::optional<Redemption> FindByClientId(storage::Connection& connection, long long account_id,
                                         std::string_view client_id);
/// The redemption whose code has digest `digest` and was made after `since`: a held one first.
std::optional<Redemption> FindByCode(storage::Connection& connection, std::string_view digest, long long since);
/// Moves a redemption out of held to `to` (only if it is still held): false when another
/// request moved it first.
bool Settle(storage::Connection& connection, long long id, RedemptionStatus to, std::string_view by, long long now);
/// Releases a held redemption whose time is up in the caller's transaction: status expired, the
/// points back to the worker, one back into the stock. False when it was not held or not yet due.
bool ExpireIfDue(storage::Connection& connection, const Redemption& redemption, long long now);
/// In the caller's transaction: takes one of `offer` from its stock, writes a held redemption
/// whose code has digest `code_digest`, and holds its price from the worker's points; its id.
/// Errors: offer_sold_out, insufficient_points (then the caller must not commit). A client id
/// the worker used before is a unique violation (storage::DatabaseError).
core::Result<long long> Hold(storage::Connection& connection, const Offer& offer, const OfferPlace& place,
                             const accounts::Principal& worker, std::string_view client_id,
                             std::string_view code_digest, const RedemptionTimes& times, long long now);
/// In the caller's transaction, for a redemption just settled as confirmed: its held points to the
/// place's merchant account; the transfer.
Transfer PayPlace(storage::Connection& connection, const Redemption& redemption, const OfferPlace& place,
                  std::string_view merchant_login, long long now);
}  // namespace redemption_repository

}  // namespace youhao::points
