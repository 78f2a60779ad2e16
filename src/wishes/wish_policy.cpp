#include "wishes/wish_policy.h"

#include <algorithm>

#include <boost/json/object.hpp>

#include "core/text.h"

namespace youhao::wishes {

namespace {

using core::ErrorCode;

constexpr std::array<std::string_view, 7> kStatusNames = {"submitted", "verified",  "rejected", "claimed",
                                                          "fulfilled", "confirmed", "withdrawn"};
constexpr std::array<std::string_view, 7> kActionNames = {"verify", "reject",  "withdraw", "claim",
                                                          "fulfil", "confirm", "lapse"};

core::Error Forbidden(WishAction action) {
  return core::MakeProblem(ErrorCode::kForbidden, "wish_forbidden", "wish.forbidden",
                           "you may not do this to this wish", boost::json::object{{"action", WishActionName(action)}});
}

core::Error BadField(std::string_view field) {
  const boost::json::object fields{{"field", field}};
  if (field == "title") {
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_wish", "wish.bad_title", "title: 1 to 40 characters",
                             fields);
  }
  if (field == "reason") {
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_wish", "wish.bad_reason", "reason: 1 to 300 characters",
                             fields);
  }
  if (field == "category") {
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_wish", "wish.bad_category",
                             "category: daily, appliance, study, clothing, health or other", fields);
  }
  if (field == "value_yuan") {
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_wish", "wish.bad_value",
                             "value_yuan: a whole number of yuan from 1 to 500",
                             boost::json::object{{"field", field}, {"max", kMaxWishValue}});
  }
  return core::MakeProblem(ErrorCode::kValidationFailed, "bad_wish", "wish.bad_note", "1 to 300 characters", fields);
}

bool SingleLine(std::string_view text) { return text.find_first_of("\r\n\t") == std::string_view::npos; }

}  // namespace

std::string_view WishStatusName(WishStatus status) { return kStatusNames[static_cast<std::size_t>(status)]; }

std::optional<WishStatus> ParseWishStatus(std::string_view name) {
  for (std::size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == name) return static_cast<WishStatus>(i);
  }
  return std::nullopt;
}

std::string_view WishActionName(WishAction action) { return kActionNames[static_cast<std::size_t>(action)]; }

bool IsCategory(std::string_view name) {
  return std::find(kCategories.begin(), kCategories.end(), name) != kCategories.end();
}

bool IsPublicStatus(WishStatus status) {
  return status == WishStatus::kVerified || status == WishStatus::kClaimed || status == WishStatus::kFulfilled ||
         status == WishStatus::kConfirmed;
}

std::optional<WishStatus> Next(WishStatus from, WishAction action) {
  switch (from) {
    case WishStatus::kSubmitted:
      if (action == WishAction::kVerify) return WishStatus::kVerified;
      if (action == WishAction::kReject) return WishStatus::kRejected;
      if (action == WishAction::kWithdraw) return WishStatus::kWithdrawn;
      return std::nullopt;
    case WishStatus::kVerified:
      if (action == WishAction::kClaim) return WishStatus::kClaimed;
      if (action == WishAction::kWithdraw) return WishStatus::kWithdrawn;
      return std::nullopt;
    case WishStatus::kClaimed:
      if (action == WishAction::kFulfil) return WishStatus::kFulfilled;
      if (action == WishAction::kLapse) return WishStatus::kVerified;
      return std::nullopt;
    case WishStatus::kFulfilled:
      if (action == WishAction::kConfirm) return WishStatus::kConfirmed;
      return std::nullopt;
    case WishStatus::kRejected:
    case WishStatus::kConfirmed:
    case WishStatus::kWithdrawn:
      return std::nullopt;
  }
  return std::nullopt;
}

bool IsReviewer(accounts::Role role) { return role != accounts::Role::kGridOfficer && accounts::IsOfficer(role); }

core::Status Decide(const WishFacts& wish, const Actor& actor, WishAction action) {
  const bool reviewer = IsReviewer(actor.role) && actor.in_scope;
  switch (action) {
    case WishAction::kVerify:
    case WishAction::kReject:
      if (!reviewer) return Forbidden(action);
      break;
    case WishAction::kWithdraw:
      if (actor.account_id != wish.worker_account_id && actor.account_id != wish.posted_by_account_id && !reviewer)
        return Forbidden(action);
      break;
    case WishAction::kClaim:
      if (actor.role != accounts::Role::kSponsor) return Forbidden(action);
      if (!actor.sponsor_id) {
        return core::MakeProblem(ErrorCode::kForbidden, "not_sponsor", "wish.not_sponsor",
                                 "this account speaks for no sponsor organisation");
      }
      if (wish.status == WishStatus::kClaimed || wish.status == WishStatus::kFulfilled ||
          wish.status == WishStatus::kConfirmed) {
        return core::MakeProblem(ErrorCode::kConflict, "wish_already_claimed", "wish.already_claimed",
                                 "another sponsor claimed this wish first");
      }
      break;
    case WishAction::kFulfil:
      if (actor.role != accounts::Role::kSponsor || !actor.sponsor_id || wish.claim_sponsor_id != actor.sponsor_id)
        return Forbidden(action);
      break;
    case WishAction::kConfirm:
      if (actor.account_id != wish.worker_account_id) return Forbidden(action);
      break;
    case WishAction::kLapse:
      return Forbidden(action);
  }
  if (!Next(wish.status, action)) {
    return core::MakeProblem(
        ErrorCode::kConflict, "wish_invalid_transition", "wish.invalid_transition",
        "the wish's state does not allow this",
        boost::json::object{{"status", WishStatusName(wish.status)}, {"action", WishActionName(action)}});
  }
  return core::Ok{};
}

core::Status MayPost(const Actor& actor, bool for_self, bool worker_in_scope) {
  if (actor.role == accounts::Role::kWorker && for_self) return core::Ok{};
  if (IsReviewer(actor.role) && !for_self && worker_in_scope) return core::Ok{};
  return core::MakeProblem(ErrorCode::kForbidden, "wish_forbidden", "wish.forbidden",
                           "workers post their own wishes; community staff post for a worker of their area",
                           boost::json::object{{"action", "post"}});
}

bool SeesPrivate(const WishFacts& wish, const Actor& actor) {
  if (actor.account_id != 0 &&
      (actor.account_id == wish.worker_account_id || actor.account_id == wish.posted_by_account_id))
    return true;
  if (IsReviewer(actor.role) && actor.in_scope) return true;
  return actor.role == accounts::Role::kSponsor && actor.sponsor_id && wish.claim_sponsor_id == actor.sponsor_id;
}

core::Status CheckWishInput(const WishInput& input) {
  const std::size_t title = core::CountCodePoints(input.title);
  if (title == 0 || title > kMaxTitle || core::HasControlCharacters(input.title) || !SingleLine(input.title))
    return BadField("title");
  const std::size_t reason = core::CountCodePoints(input.reason);
  if (reason == 0 || reason > kMaxReason || core::HasControlCharacters(input.reason)) return BadField("reason");
  if (!IsCategory(input.category)) return BadField("category");
  if (input.value_yuan < 1 || input.value_yuan > kMaxWishValue) return BadField("value_yuan");
  return core::Ok{};
}

core::Status CheckNote(std::string_view text, std::string_view field) {
  const std::size_t length = core::CountCodePoints(text);
  if (length == 0 || length > kMaxNote || core::HasControlCharacters(text)) return BadField(field);
  return core::Ok{};
}

}  // namespace youhao::wishes
