#include "wishes/wish_service.h"

#include <boost/json/serialize.hpp>

#include "areas/area_service.h"
#include "audit/audit_log.h"
#include "core/base64.h"
#include "core/text.h"
#include "reports/notifications.h"
#include "sponsors/sponsors.h"

namespace youhao::wishes {

namespace {

using core::ErrorCode;

core::Error NoSuchWish() { return core::MakeError(ErrorCode::kNotFound, "no such wish"); }

void Audit(storage::Connection& connection, const accounts::Principal& caller, std::string action, const Wish& wish,
           boost::json::object after) {
  after["status"] = WishStatusName(wish.status);
  accounts::AuditBy(connection, caller, std::move(action), "wish", std::to_string(wish.id), wish.area_code, after);
}

boost::json::object NoticeFields(const Wish& wish) {
  return {
      {"wish_id", wish.id}, {"title", wish.title}, {"sponsor", wish.claim ? wish.claim->sponsor_name : std::string()}};
}

core::Error Unreachable() {
  return core::MakeProblem(ErrorCode::kValidationFailed, "wish_worker_unreachable", "wish.worker_unreachable",
                           "the worker has no sign-in account or belongs to no community",
                           boost::json::object{{"field", "worker_id"}});
}

}  // namespace

Actor WishService::ActorOf(storage::Connection& connection, const accounts::Principal* caller, const Wish* wish) const {
  Actor actor;
  if (caller == nullptr) return actor;
  actor.account_id = caller->account_id;
  actor.role = caller->role;
  actor.in_scope = wish != nullptr && areas::PathWithin(wish->area_path, caller->area_path);
  if (caller->role == accounts::Role::kSponsor) actor.sponsor_id = sponsors::SponsorOf(connection, caller->account_id);
  return actor;
}

core::Result<Wish> WishService::Post(const accounts::Principal& caller, std::optional<long long> worker_id,
                                     WishInput input, long long now) {
  input.title = std::string(core::Trim(input.title));
  input.reason = std::string(core::Trim(input.reason));
  auto connection = database_.Acquire();
  const Actor actor = ActorOf(*connection, &caller, nullptr);
  std::optional<WishWorker> worker = worker_id ? wish_repository::FindWorker(*connection, *worker_id)
                                               : wish_repository::FindWorkerOfAccount(*connection, caller.account_id);
  if (worker_id && !worker) return core::MakeError(ErrorCode::kNotFound, "no such worker");
  const bool for_self = !worker_id || (worker && worker->account_id == caller.account_id);
  const bool in_scope = worker && areas::PathWithin(worker->area_path, caller.area_path);
  if (auto may = MayPost(actor, for_self, in_scope); !may.ok()) return may.error();
  if (!worker || !worker->account_id) return Unreachable();
  if (auto checked = CheckWishInput(input); !checked.ok()) return checked.error();
  auto community = wish_repository::CommunityOf(*connection, worker->area_path);
  if (!community) return Unreachable();
  storage::Transaction transaction(*connection);
  const long long id =
      wish_repository::Insert(*connection, NewWish{*worker, *community, input, caller.account_id, caller.login}, now);
  auto wish = wish_repository::Find(*connection, id);
  Audit(*connection, caller, "wish.post", *wish,
        {{"title", input.title}, {"value_yuan", input.value_yuan}, {"category", input.category}});
  transaction.Commit();
  return std::move(*wish);
}

core::Result<std::pair<Wish, bool>> WishService::Get(long long id, const accounts::Principal* caller, long long now) {
  auto connection = database_.Acquire();
  wish_repository::LapseDue(*connection, now);
  auto wish = wish_repository::Find(*connection, id);
  if (!wish) return NoSuchWish();
  const bool sees = SeesPrivate(wish->Facts(), ActorOf(*connection, caller, &*wish));
  if (!sees && !IsPublicStatus(wish->status)) return NoSuchWish();
  return std::make_pair(std::move(*wish), sees);
}

core::Result<WishPage> WishService::Wall(const accounts::Principal* caller, std::vector<WishStatus> statuses,
                                         std::optional<long long> before, int limit, long long now) {
  const bool reviewer = caller != nullptr && IsReviewer(caller->role);
  WishQuery query;
  for (WishStatus status : statuses) {
    if (!IsPublicStatus(status) && !reviewer) {
      return core::MakeProblem(ErrorCode::kForbidden, "wish_forbidden", "wish.forbidden",
                               "only community staff list wishes that are not on the wall",
                               boost::json::object{{"action", "list"}});
    }
    if (!IsPublicStatus(status)) query.area_path = caller->area_path;
  }
  if (statuses.empty())
    statuses = {WishStatus::kVerified, WishStatus::kClaimed, WishStatus::kFulfilled, WishStatus::kConfirmed};
  query.statuses = std::move(statuses);
  query.before = before;
  query.limit = limit + 1;
  auto connection = database_.Acquire();
  wish_repository::LapseDue(*connection, now);
  WishPage page;
  page.items = wish_repository::List(*connection, query);
  if (page.items.size() > static_cast<std::size_t>(limit)) {
    page.items.resize(static_cast<std::size_t>(limit));
    page.next_before = page.items.back().id;
  }
  for (const Wish& wish : page.items)
    page.private_view.push_back(SeesPrivate(wish.Facts(), ActorOf(*connection, caller, &wish)));
  return page;
}

WishPage WishService::Mine(const accounts::Principal& caller, std::optional<long long> before, int limit,
                           long long now) {
  auto connection = database_.Acquire();
  wish_repository::LapseDue(*connection, now);
  WishQuery query;
  query.before = before;
  query.limit = limit + 1;
  WishPage page;
  if (caller.role == accounts::Role::kWorker) {
    query.worker_account_id = caller.account_id;
  } else if (caller.role == accounts::Role::kSponsor) {
    const auto sponsor = sponsors::SponsorOf(*connection, caller.account_id);
    if (!sponsor) return page;
    query.sponsor_id = *sponsor;
  } else {
    query.posted_by_account_id = caller.account_id;
  }
  page.items = wish_repository::List(*connection, query);
  if (page.items.size() > static_cast<std::size_t>(limit)) {
    page.items.resize(static_cast<std::size_t>(limit));
    page.next_before = page.items.back().id;
  }
  for (const Wish& wish : page.items)
    page.private_view.push_back(SeesPrivate(wish.Facts(), ActorOf(*connection, &caller, &wish)));
  return page;
}

core::Result<Wish> WishService::Review(const accounts::Principal& caller, long long id, WishAction action,
                                       std::string reason, long long now) {
  reason = std::string(core::Trim(reason));
  if (action == WishAction::kReject) {
    if (auto checked = CheckNote(reason, "reason"); !checked.ok()) return checked.error();
  }
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto wish = wish_repository::Find(*connection, id);
  if (!wish) return NoSuchWish();
  const Actor actor = ActorOf(*connection, &caller, &*wish);
  if (!SeesPrivate(wish->Facts(), actor) && !IsPublicStatus(wish->status)) return NoSuchWish();
  if (auto decided = Decide(wish->Facts(), actor, action); !decided.ok()) return decided.error();
  const WishStatus to = *Next(wish->status, action);
  if (!wish_repository::Move(*connection, id, wish->status, to, now)) return NoSuchWish();
  if (action != WishAction::kWithdraw) wish_repository::SetReview(*connection, id, caller.login, reason, now);
  auto moved = wish_repository::Find(*connection, id);
  boost::json::object after;
  if (!reason.empty()) after["reason"] = reason;
  Audit(*connection, caller, "wish." + std::string(WishActionName(action)), *moved, std::move(after));
  transaction.Commit();
  return std::move(*moved);
}

core::Result<Wish> WishService::Verify(const accounts::Principal& caller, long long id, long long now) {
  return Review(caller, id, WishAction::kVerify, {}, now);
}

core::Result<Wish> WishService::Reject(const accounts::Principal& caller, long long id, std::string reason,
                                       long long now) {
  return Review(caller, id, WishAction::kReject, std::move(reason), now);
}

core::Result<Wish> WishService::Withdraw(const accounts::Principal& caller, long long id, long long now) {
  {
    auto connection = database_.Acquire();
    wish_repository::LapseDue(*connection, now);
  }
  return Review(caller, id, WishAction::kWithdraw, {}, now);
}

core::Result<Wish> WishService::Claim(const accounts::Principal& caller, long long id, long long now) {
  auto connection = database_.Acquire();
  wish_repository::LapseDue(*connection, now);
  const auto already_claimed = [] {
    return core::MakeProblem(ErrorCode::kConflict, "wish_already_claimed", "wish.already_claimed",
                             "another sponsor claimed this wish first");
  };
  reports::Told told;
  std::optional<Wish> claimed;
  {
    storage::Transaction transaction(*connection);
    auto wish = wish_repository::Find(*connection, id);
    if (!wish || !IsPublicStatus(wish->status)) return NoSuchWish();
    const Actor actor = ActorOf(*connection, &caller, &*wish);
    if (auto decided = Decide(wish->Facts(), actor, WishAction::kClaim); !decided.ok()) return decided.error();
    // The conditional UPDATE settles a race on one server's database; the partial unique index
    // settles it whatever the isolation (a second active claim cannot be written).
    if (!wish_repository::Move(*connection, id, WishStatus::kVerified, WishStatus::kClaimed, now))
      return already_claimed();
    try {
      wish_repository::InsertClaim(*connection, id, *actor.sponsor_id, caller.account_id, now, ClaimDue(now));
    } catch (const storage::DatabaseError& error) {
      if (error.unique_violation()) return already_claimed();
      throw;
    }
    claimed = wish_repository::Find(*connection, id);
    Audit(*connection, caller, "wish.claim", *claimed,
          {{"sponsor_id", *actor.sponsor_id}, {"due_at", claimed->claim ? claimed->claim->due_at : 0}});
    if (claimed->worker_account_id != 0) {
      reports::Notify(*connection, told, wish_repository::LoginOf(*connection, claimed->worker_account_id),
                      std::nullopt, notice::kClaimed, NoticeFields(*claimed), now);
    }
    transaction.Commit();
  }
  told.Wake(bus_);
  return std::move(*claimed);
}

core::Result<Wish> WishService::Fulfil(const accounts::Principal& caller, long long id, std::string note,
                                       const FulfilmentPhoto& photo, long long now) {
  note = std::string(core::Trim(note));
  if (auto checked = CheckNote(note, "note"); !checked.ok()) return checked.error();
  auto connection = database_.Acquire();
  wish_repository::LapseDue(*connection, now);
  reports::Told told;
  std::optional<Wish> fulfilled;
  {
    storage::Transaction transaction(*connection);
    auto wish = wish_repository::Find(*connection, id);
    if (!wish) return NoSuchWish();
    const Actor actor = ActorOf(*connection, &caller, &*wish);
    if (!SeesPrivate(wish->Facts(), actor) && !IsPublicStatus(wish->status)) return NoSuchWish();
    if (auto decided = Decide(wish->Facts(), actor, WishAction::kFulfil); !decided.ok()) return decided.error();
    const std::string public_id = media::NewPhotoId();
    if (!wish_repository::FulfilClaim(*connection, wish->claim->id, note, photo.content_type,
                                      core::Base64Encode(photo.bytes, core::Base64Variant::kStandard),
                                      core::Base64Encode(photo.thumbnail_jpeg, core::Base64Variant::kStandard),
                                      public_id, now) ||
        !wish_repository::Move(*connection, id, WishStatus::kClaimed, WishStatus::kFulfilled, now)) {
      return core::MakeProblem(ErrorCode::kConflict, "wish_claim_lapsed", "wish.claim_lapsed",
                               "the claim lapsed before it was fulfilled");
    }
    fulfilled = wish_repository::Find(*connection, id);
    Audit(*connection, caller, "wish.fulfil", *fulfilled, {{"note", note}});
    if (fulfilled->worker_account_id != 0) {
      reports::Notify(*connection, told, wish_repository::LoginOf(*connection, fulfilled->worker_account_id),
                      std::nullopt, notice::kFulfilled, NoticeFields(*fulfilled), now);
    }
    transaction.Commit();
  }
  told.Wake(bus_);
  return std::move(*fulfilled);
}

core::Result<Wish> WishService::Confirm(const accounts::Principal& caller, long long id, std::string thanks,
                                        long long now) {
  thanks = std::string(core::Trim(thanks));
  if (auto checked = CheckNote(thanks, "thanks"); !checked.ok()) return checked.error();
  auto connection = database_.Acquire();
  reports::Told told;
  std::optional<Wish> confirmed;
  {
    storage::Transaction transaction(*connection);
    auto wish = wish_repository::Find(*connection, id);
    if (!wish) return NoSuchWish();
    const Actor actor = ActorOf(*connection, &caller, &*wish);
    if (!SeesPrivate(wish->Facts(), actor) && !IsPublicStatus(wish->status)) return NoSuchWish();
    if (auto decided = Decide(wish->Facts(), actor, WishAction::kConfirm); !decided.ok()) return decided.error();
    if (!wish_repository::Move(*connection, id, WishStatus::kFulfilled, WishStatus::kConfirmed, now)) {
      return core::MakeProblem(ErrorCode::kConflict, "wish_invalid_transition", "wish.invalid_transition",
                               "the wish's state does not allow this",
                               boost::json::object{{"status", "confirmed"}, {"action", "confirm"}});
    }
    wish_repository::ConfirmClaim(*connection, wish->claim->id, thanks, now);
    confirmed = wish_repository::Find(*connection, id);
    Audit(*connection, caller, "wish.confirm", *confirmed, {{"thanks", thanks}});
    boost::json::object fields = NoticeFields(*confirmed);
    fields["thanks"] = thanks;
    reports::Notify(*connection, told, wish_repository::LoginOf(*connection, confirmed->claim->account_id),
                    std::nullopt, notice::kConfirmed, std::move(fields), now);
    transaction.Commit();
  }
  told.Wake(bus_);
  return std::move(*confirmed);
}

core::Result<media::ServedPhoto> WishService::Photo(std::string_view public_id, const accounts::Principal* caller,
                                                    bool thumbnail) {
  if (!media::IsPhotoId(public_id)) return core::MakeError(ErrorCode::kNotFound, "no such photo");
  auto connection = database_.Acquire();
  auto stored = wish_repository::FindPhoto(*connection, public_id, thumbnail);
  if (!stored) return core::MakeError(ErrorCode::kNotFound, "no such photo");
  auto wish = wish_repository::Find(*connection, stored->wish_id);
  if (!wish || !SeesPrivate(wish->Facts(), ActorOf(*connection, caller, &*wish)))
    return core::MakeError(ErrorCode::kNotFound, "no such photo");
  auto bytes = core::Base64Decode(stored->base64, core::Base64Variant::kStandard);
  if (!bytes) throw storage::DatabaseError("stored wish photo " + std::string(public_id) + " is not base64");
  return media::ServedPhoto{stored->content_type, std::string(bytes->begin(), bytes->end()), false};
}

}  // namespace youhao::wishes
