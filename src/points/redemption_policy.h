#pragma once
/// Redemptions at friendly places, without a database or a clock: a worker asks to redeem an
/// offer and its price is held (worker → the redemption's hold account); the merchant confirms it
/// with the short-lived code the worker's phone shows (hold → merchant), or the worker cancels, or
/// the hold times out (both hold → worker). The states, the code's form, and each decision with
/// its catalogued problem; the moment is passed in.
///
///   held ──confirm (a fresh code, at the merchant's own place)──▶ confirmed
///     ├───cancel (the worker)────────────────────────────────────▶ released
///     └───time out (expires_at passed; swept, or found so when read)▶ expired

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace youhao::points {

enum class RedemptionStatus { kHeld, kConfirmed, kReleased, kExpired };
std::string_view RedemptionStatusName(RedemptionStatus status);
std::optional<RedemptionStatus> ParseRedemptionStatus(std::string_view name);

/// Whether a redemption may move from `from` to `to`: only out of held, and only once.
bool MayMove(RedemptionStatus from, RedemptionStatus to);

/// How long things last. The server's defaults; a test server shortens them.
struct RedemptionTimes {
  /// A code shown on the phone is good this long after it was made (the worker asks for a fresh one).
  long long code_seconds = 120;
  /// The points are held this long; then they go back to the worker.
  long long hold_seconds = 600;
};

/// A redemption code has this many digits.
inline constexpr int kRedemptionCodeDigits = 8;

/// The digits of a typed code: exactly kRedemptionCodeDigits digits, with spaces and hyphens
/// between them tolerated (a code read out in groups); nullopt for anything else.
std::optional<std::string> ParseRedemptionCode(std::string_view typed);
/// A typed code that is not 8 digits: redemption_code_format (400, field code).
core::Error RedemptionCodeFormatProblem();

/// An offer as the decision to redeem it sees it.
struct OfferFacts {
  bool active = true;
  bool place_approved = true;
  long long valid_from = 0;
  std::optional<long long> valid_until;  ///< the first second it is no longer valid; nullopt: open-ended
  std::optional<long long> stock;        ///< nullopt: unlimited
};

/// Ok, or why the offer cannot be redeemed at `now`: offer_unavailable (409, reason inactive,
/// place_not_approved, not_yet with valid_from, ended with valid_until) or offer_sold_out (409).
core::Status MayRedeem(const OfferFacts& offer, long long now);

/// A redemption as the decisions about it see it.
struct RedemptionFacts {
  RedemptionStatus status = RedemptionStatus::kHeld;
  long long code_expires_at = 0;
  long long expires_at = 0;
};

/// Whether a held redemption's time is up at `now`: its points go back to the worker.
bool HoldTimedOut(const RedemptionFacts& redemption, long long now);

/// The merchant's confirmation of the redemption a typed code found; `own_place`: it is at a place
/// the caller owns. Problems, in this order: redemption_other_place (403; nothing of the other
/// place is said), redemption_code_used (409: confirmed already), redemption_released (409: the
/// worker cancelled), redemption_expired (409: the hold timed out, the points went back),
/// redemption_code_expired (409: the worker shows a fresh code).
core::Status DecideConfirm(const RedemptionFacts& redemption, bool own_place, long long now);

/// The worker's own acts on a held redemption (cancel it, ask for a fresh code): problems
/// redemption_confirmed, redemption_released, redemption_expired (409) once it is no longer held.
core::Status DecideWhileHeld(const RedemptionFacts& redemption, long long now);

}  // namespace youhao::points
