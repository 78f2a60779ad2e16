#include "points/redemption_policy.h"

#include <algorithm>
#include <array>
#include <utility>

#include <boost/json/object.hpp>

namespace youhao::points {

namespace {

using core::ErrorCode;

constexpr std::array<std::pair<RedemptionStatus, std::string_view>, 4> kStatuses = {{
    {RedemptionStatus::kHeld, "held"},
    {RedemptionStatus::kConfirmed, "confirmed"},
    {RedemptionStatus::kReleased, "released"},
    {RedemptionStatus::kExpired, "expired"},
}};

/// The problem for a redemption that is no longer held, by what became of it.
core::Error NoLongerHeld(RedemptionStatus status) {
  const boost::json::object fields{{"status", RedemptionStatusName(status)}};
  switch (status) {
    case RedemptionStatus::kConfirmed:
      return core::MakeProblem(ErrorCode::kConflict, "redemption_confirmed", "points.redemption_confirmed",
                               "the merchant confirmed this redemption: its points are spent", fields);
    case RedemptionStatus::kReleased:
      return core::MakeProblem(ErrorCode::kConflict, "redemption_released", "points.redemption_released",
                               "this redemption was cancelled: its points went back", fields);
    case RedemptionStatus::kExpired:
    case RedemptionStatus::kHeld:
      break;
  }
  return core::MakeProblem(ErrorCode::kConflict, "redemption_expired", "points.redemption_expired",
                           "this redemption timed out: its points went back", fields);
}

}  // namespace

std::string_view RedemptionStatusName(RedemptionStatus status) {
  for (const auto& [s, name] : kStatuses)
    if (s == status) return name;
  return "";
}

std::optional<RedemptionStatus> ParseRedemptionStatus(std::string_view name) {
  for (const auto& [s, n] : kStatuses)
    if (n == name) return s;
  return std::nullopt;
}

bool MayMove(RedemptionStatus from, RedemptionStatus to) {
  return from == RedemptionStatus::kHeld && to != RedemptionStatus::kHeld;
}

std::optional<std::string> ParseRedemptionCode(std::string_view typed) {
  std::string digits;
  for (char c : typed) {
    if (c >= '0' && c <= '9') {
      digits += c;
      if (digits.size() > static_cast<std::size_t>(kRedemptionCodeDigits)) return std::nullopt;
    } else if (c != ' ' && c != '-') {
      return std::nullopt;
    }
  }
  if (digits.size() != static_cast<std::size_t>(kRedemptionCodeDigits)) return std::nullopt;
  return digits;
}

core::Error RedemptionCodeFormatProblem() {
  return core::MakeProblem(ErrorCode::kValidationFailed, "redemption_code_format", "points.redemption_code_format",
                           "code: the 8 digits the worker's phone shows",
                           boost::json::object{{"field", "code"}, {"digits", kRedemptionCodeDigits}});
}

core::Status MayRedeem(const OfferFacts& offer, long long now) {
  const auto unavailable = [](std::string_view reason, boost::json::object fields) {
    fields["reason"] = reason;
    return core::MakeProblem(ErrorCode::kConflict, "offer_unavailable", "points.offer_unavailable",
                             "this offer cannot be redeemed now", std::move(fields));
  };
  if (!offer.place_approved) return unavailable("place_not_approved", {});
  if (!offer.active) return unavailable("inactive", {});
  if (now < offer.valid_from) return unavailable("not_yet", {{"valid_from", offer.valid_from}});
  if (offer.valid_until && now >= *offer.valid_until)
    return unavailable("ended", {{"valid_until", *offer.valid_until}});
  if (offer.stock && *offer.stock <= 0) {
    return core::MakeProblem(ErrorCode::kConflict, "offer_sold_out", "points.offer_sold_out", "this offer is sold out");
  }
  return core::Ok{};
}

bool HoldTimedOut(const RedemptionFacts& redemption, long long now) {
  return redemption.status == RedemptionStatus::kHeld && now >= redemption.expires_at;
}

core::Status DecideConfirm(const RedemptionFacts& redemption, bool own_place, long long now) {
  if (!own_place) {
    return core::MakeProblem(ErrorCode::kForbidden, "redemption_other_place", "points.redemption_other_place",
                             "this code is for a redemption at another place");
  }
  if (redemption.status == RedemptionStatus::kConfirmed) {
    return core::MakeProblem(ErrorCode::kConflict, "redemption_code_used", "points.redemption_code_used",
                             "this code was used already: the redemption is confirmed");
  }
  if (redemption.status != RedemptionStatus::kHeld || HoldTimedOut(redemption, now))
    return NoLongerHeld(redemption.status == RedemptionStatus::kHeld ? RedemptionStatus::kExpired : redemption.status);
  if (now >= redemption.code_expires_at) {
    return core::MakeProblem(ErrorCode::kConflict, "redemption_code_expired", "points.redemption_code_expired",
                             "this code is no longer valid: the worker's phone shows a fresh one");
  }
  return core::Ok{};
}

core::Status DecideWhileHeld(const RedemptionFacts& redemption, long long now) {
  if (redemption.status != RedemptionStatus::kHeld || HoldTimedOut(redemption, now))
    return NoLongerHeld(redemption.status == RedemptionStatus::kHeld ? RedemptionStatus::kExpired : redemption.status);
  return core::Ok{};
}

core::Status DecideConfirmByPass(const RedemptionFacts& redemption, bool own_place, bool same_worker, long long now) {
  if (own_place && !same_worker) {
    return core::MakeProblem(ErrorCode::kConflict, "redemption_other_worker", "points.redemption_other_worker",
                             "this pass is another worker's: scan the pass of the worker who redeemed");
  }
  // The live pass stands in for the code: only the redemption's own state decides.
  RedemptionFacts live = redemption;
  live.code_expires_at = now + 1;
  return DecideConfirm(live, own_place, now);
}

core::Status DecideScannedPass(const ScannedPassFacts& pass) {
  const auto refused = [](std::string_view reason) {
    return core::MakeProblem(ErrorCode::kConflict, "redemption_pass_refused", "points.redemption_pass_refused",
                             "this pass does not identify a worker who may redeem",
                             boost::json::object{{"reason", reason}});
  };
  if (pass.signatures == passes::ScanCode::kStale) {
    return core::MakeProblem(ErrorCode::kConflict, "redemption_pass_stale", "points.redemption_pass_stale",
                             "this pass code is not live: the worker shows the pass on their phone now");
  }
  if (pass.signatures != passes::ScanCode::kOk) return refused(passes::ScanCodeName(pass.signatures));
  if (!pass.pass_found || pass.worker_status.empty())
    return refused(passes::ScanCodeName(passes::ScanCode::kMalformed));
  if (pass.pass_revoked) return refused(passes::ScanCodeName(passes::ScanCode::kPassRevoked));
  if (pass.worker_status == "revoked") return refused(passes::ScanCodeName(passes::ScanCode::kWorkerRevoked));
  if (pass.worker_status == "suspended") return refused(passes::ScanCodeName(passes::ScanCode::kWorkerSuspended));
  if (pass.worker_status != "verified") return refused(passes::ScanCodeName(passes::ScanCode::kWorkerNotVerified));
  if (!pass.has_account) return refused("no_account");
  return core::Ok{};
}

long long WrongCodeWait(std::vector<long long> typed_at, long long now, const WrongCodeLimits& limits) {
  std::erase_if(typed_at, [&](long long at) { return at <= now - limits.window_seconds; });
  if (limits.per_window <= 0 || static_cast<long long>(typed_at.size()) < limits.per_window) return 0;
  std::sort(typed_at.begin(), typed_at.end());
  // Below the limit again once all but per_window - 1 of them have left the window.
  const long long frees = typed_at[typed_at.size() - static_cast<std::size_t>(limits.per_window)];
  return std::max(1LL, frees + limits.window_seconds - now);
}

core::Error TooManyWrongCodesProblem(long long wait, long long now, const WrongCodeLimits& limits) {
  core::Error error =
      core::MakeProblem(ErrorCode::kRateLimited, "too_many_wrong_codes", "points.too_many_wrong_codes",
                        "too many wrong redemption codes from this account: wait, or scan the worker's pass",
                        boost::json::object{{"limit", limits.per_window},
                                            {"window_minutes", (limits.window_seconds + 59) / 60},
                                            {"retry_after_s", wait},
                                            {"retry_at", now + wait}});
  error.retry_after_seconds = static_cast<int>(wait);
  return error;
}

bool CountsAsWrongCode(const core::Error& refusal) {
  return refusal.name == "redemption_code_wrong" || refusal.name == "redemption_other_place";
}

}  // namespace youhao::points
