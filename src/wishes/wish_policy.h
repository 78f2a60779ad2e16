#pragma once
/// Micro-wishes (微心愿), the decisions: a worker (or community staff on the worker's behalf)
/// posts a small wish; community staff verify or reject it; a sponsor claims it, and fulfils it
/// with a photo and a note; the worker confirms receipt with a thank-you. A claim lapses after
/// kClaimDays unfulfilled and the wish is open to claims again; the worker (or whoever posted it)
/// may withdraw it before anyone claims it. Pure functions of values: no database, no clock, no
/// text a person reads (the catalogue words the refusals).

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "accounts/roles.h"
#include "core/error.h"

namespace youhao::wishes {

/// The city's cap on a wish's value, in yuan.
inline constexpr long long kMaxWishValue = 500;
/// Days a sponsor has to fulfil a claimed wish before the claim lapses.
inline constexpr long long kClaimDays = 14;
inline constexpr long long kClaimSeconds = kClaimDays * 86'400;
inline constexpr std::size_t kMaxTitle = 40;
inline constexpr std::size_t kMaxReason = 300;
inline constexpr std::size_t kMaxNote = 300;

enum class WishStatus { kSubmitted, kVerified, kRejected, kClaimed, kFulfilled, kConfirmed, kWithdrawn };
enum class WishAction { kVerify, kReject, kWithdraw, kClaim, kFulfil, kConfirm, kLapse };

std::string_view WishStatusName(WishStatus status);
std::optional<WishStatus> ParseWishStatus(std::string_view name);
std::string_view WishActionName(WishAction action);

/// What a wish asks for (wishes.category.<name> words it).
inline constexpr std::array<std::string_view, 6> kCategories = {"daily",    "appliance", "study",
                                                                "clothing", "health",    "other"};
bool IsCategory(std::string_view name);

/// Statuses anyone sees on the public wall, without signing in.
bool IsPublicStatus(WishStatus status);

/// The status `action` leads to from `from`, or nullopt when the state machine has no such
/// transition (submitted → verified | rejected | withdrawn; verified → claimed | withdrawn;
/// claimed → fulfilled | verified (a lapse); fulfilled → confirmed).
std::optional<WishStatus> Next(WishStatus from, WishAction action);

/// Who asks, as the decisions see them.
struct Actor {
  long long account_id = 0;
  accounts::Role role = accounts::Role::kWorker;
  /// The wish's community lies within the caller's area.
  bool in_scope = false;
  /// The sponsor organisation the caller's account speaks for.
  std::optional<long long> sponsor_id;
};

/// What the decisions need to know of a wish.
struct WishFacts {
  WishStatus status = WishStatus::kSubmitted;
  long long worker_account_id = 0;
  long long posted_by_account_id = 0;
  /// The sponsor of the active (or fulfilled) claim.
  std::optional<long long> claim_sponsor_id;
};

/// May `actor` take `action` on the wish (kLapse is the server's own, never an actor's)? Errors,
/// checked in this order: who may act at all (wish_forbidden 403, not_sponsor 403 for a sponsor
/// account that speaks for no organisation), then the state (already_claimed 409 for a claim on
/// a wish someone claimed; invalid_wish_transition 409 otherwise).
core::Status Decide(const WishFacts& wish, const Actor& actor, WishAction action);

/// May `actor` post a wish for a worker of a community? Workers for themselves; community
/// officers and above for a worker within their area.
core::Status MayPost(const Actor& actor, bool for_self, bool worker_in_scope);

/// May `actor` see the wish's private fields (its worker, staff of its community, its claiming sponsor)?
bool SeesPrivate(const WishFacts& wish, const Actor& actor);

/// Staff who review wishes: community officers and above.
bool IsReviewer(accounts::Role role);

/// Input checks (texts already trimmed). Errors: bad_wish (400) naming the field.
struct WishInput {
  std::string title;
  std::string reason;
  std::string category;
  long long value_yuan = 0;
};
core::Status CheckWishInput(const WishInput& input);
/// A reason to reject, a fulfilment note or a thank-you: 1 to kMaxNote characters. bad_wish naming `field`.
core::Status CheckNote(std::string_view text, std::string_view field);

/// The claim's due moment when claimed at `now`.
inline long long ClaimDue(long long now) { return now + kClaimSeconds; }
/// Whether an active claim due at `due_at` has lapsed at `now`.
inline bool Lapsed(long long due_at, long long now) { return now >= due_at; }

}  // namespace youhao::wishes
