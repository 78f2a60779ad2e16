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
#include <vector>

#include "core/error.h"
#include "passes/pass_verifier.h"

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

/// The by-pass confirmation (the merchant scanned the worker's pass instead of a code): the pass
/// names the redemption's worker, and replaces the code's freshness. Problems, in this order:
/// redemption_other_place (403), redemption_other_worker (409: the pass is someone else's), then
/// DecideConfirm's for used, released and expired.
core::Status DecideConfirmByPass(const RedemptionFacts& redemption, bool own_place, bool same_worker, long long now);

/// A pass scanned at a merchant's desk, as its checks found it.
struct ScannedPassFacts {
  /// passes::CheckSignatures' verdict: well-formed, the issuer's and the phone's signatures, and
  /// shown within the pass machinery's time window (kStale: a screenshot or an old paste).
  passes::ScanCode signatures = passes::ScanCode::kMalformed;
  bool pass_found = false;  ///< the pass exists and is the worker's
  bool pass_revoked = false;
  std::string worker_status;  ///< "verified", "pending", "suspended", "revoked"; empty: no such worker
  bool has_account = false;   ///< the worker signs in, so holds points
};

/// Whether a scanned pass identifies a worker who is present now: redemption_pass_stale (409,
/// the code is not live: the worker shows it again) or redemption_pass_refused (409, reason: a
/// passes::ScanCodeName such as "pass_bad_signature", "pass_revoked", "worker_suspended", or
/// "no_account").
core::Status DecideScannedPass(const ScannedPassFacts& pass);

/// How many wrong codes one merchant account may type before it waits (durable, across servers).
struct WrongCodeLimits {
  int per_window = 5;
  long long window_seconds = 600;
};

/// Seconds until a merchant whose wrong codes were typed at the moments `typed_at` may type a
/// code again at `now`; 0 when they may now. Only the moments inside the window count; the oldest
/// of them leaving the window frees one try.
long long WrongCodeWait(std::vector<long long> typed_at, long long now, const WrongCodeLimits& limits);

/// too_many_wrong_codes (429, Retry-After; fields limit, window_minutes, retry_after_s, retry_at).
core::Error TooManyWrongCodesProblem(long long wait, long long now, const WrongCodeLimits& limits);

/// Whether a refused confirmation by code counts as a wrong guess: a code no redemption has, or
/// another place's (a live code found by guessing, even where it cannot be used).
bool CountsAsWrongCode(const core::Error& refusal);

}  // namespace youhao::points
