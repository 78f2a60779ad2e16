#pragma once
/// Micro-wishes, the use cases: post, review (verify or reject), withdraw, claim, fulfil (with a
/// photo already rebuilt from its pixels by media::SanitizeUpload), confirm with thanks, the wall,
/// one's own wishes and the fulfilment photo. Every change is one transaction with its audit entry
/// and its notifications. Claims due by now lapse before any wish is read or listed, so every read
/// sees them lapsed (LapseDue writes only when one is due). Decisions are wish_policy.h's.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "accounts/access.h"
#include "core/error.h"
#include "core/event_bus.h"
#include "media/photo_id.h"
#include "storage/database.h"
#include "wishes/wish_policy.h"
#include "wishes/wish_repository.h"

namespace youhao::wishes {

/// The notifications a wish sends, worded from "notifications.<kind>" with {wish_id, title, sponsor}.
namespace notice {
inline constexpr std::string_view kClaimed = "wish_claimed";      ///< to the worker
inline constexpr std::string_view kFulfilled = "wish_fulfilled";  ///< to the worker
inline constexpr std::string_view kConfirmed = "wish_confirmed";  ///< to the claiming sponsor's account
inline constexpr std::string_view kKinds[] = {kClaimed, kFulfilled, kConfirmed};
}  // namespace notice

/// A photo for a fulfilment: the sanitized image and its thumbnail (JPEG).
struct FulfilmentPhoto {
  std::string content_type;
  std::string bytes;
  std::string thumbnail_jpeg;
};

/// One page of wishes, with the caller's view of each.
struct WishPage {
  std::vector<Wish> items;
  /// Whether the caller sees each item's private fields.
  std::vector<bool> private_view;
  std::optional<long long> next_before;
};

class WishService {
 public:
  explicit WishService(storage::Database& database) : database_(database) {}

  /// Wakes the bells of those told (after the commit); null: they poll.
  void SetEventBus(core::EventBus* bus) { bus_ = bus; }

  /// A worker posts for themself (`worker_id` nullopt); community staff for a worker of their area.
  /// Errors: wish_forbidden, not_found (no such worker), wish_worker_unreachable (a worker without a
  /// sign-in account or outside any community), bad_wish.
  core::Result<Wish> Post(const accounts::Principal& caller, std::optional<long long> worker_id, WishInput input,
                          long long now);
  /// The wish as `caller` (nullptr: anonymous) may see it: public statuses for anyone, the rest
  /// for those SeesPrivate admits (not_found otherwise). With whether the caller sees its private fields.
  core::Result<std::pair<Wish, bool>> Get(long long id, const accounts::Principal* caller, long long now);
  /// The wall: wishes in `statuses` (the public ones when empty), newest first. Statuses that are
  /// not public (submitted, rejected, withdrawn) are for reviewers, within their area
  /// (wish_forbidden for anyone else).
  core::Result<WishPage> Wall(const accounts::Principal* caller, std::vector<WishStatus> statuses,
                              std::optional<long long> before, int limit, long long now);
  /// The caller's own: a worker's wishes, a sponsor's claimed ones, the wishes staff posted.
  WishPage Mine(const accounts::Principal& caller, std::optional<long long> before, int limit, long long now);

  core::Result<Wish> Verify(const accounts::Principal& caller, long long id, long long now);
  core::Result<Wish> Reject(const accounts::Principal& caller, long long id, std::string reason, long long now);
  core::Result<Wish> Withdraw(const accounts::Principal& caller, long long id, long long now);
  /// Exactly one sponsor wins a race for a wish; the others get wish_already_claimed (409).
  core::Result<Wish> Claim(const accounts::Principal& caller, long long id, long long now);
  /// The claiming sponsor fulfils with a note and a photo. A claim that lapsed meanwhile is
  /// wish_claim_lapsed (409).
  core::Result<Wish> Fulfil(const accounts::Principal& caller, long long id, std::string note,
                            const FulfilmentPhoto& photo, long long now);
  core::Result<Wish> Confirm(const accounts::Principal& caller, long long id, std::string thanks, long long now);

  /// A fulfilment photo, for those who see the wish's private fields.
  core::Result<media::ServedPhoto> Photo(std::string_view public_id, const accounts::Principal* caller, bool thumbnail);

 private:
  Actor ActorOf(storage::Connection& connection, const accounts::Principal* caller, const Wish* wish) const;
  core::Result<Wish> Review(const accounts::Principal& caller, long long id, WishAction action, std::string reason,
                            long long now);

  storage::Database& database_;
  core::EventBus* bus_ = nullptr;
};

}  // namespace youhao::wishes
