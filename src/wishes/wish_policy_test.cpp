#include "wishes/wish_policy.h"

#include <gtest/gtest.h>

#include <map>
#include <utility>

namespace youhao::wishes {
namespace {

using accounts::Role;
using S = WishStatus;
using A = WishAction;

constexpr S kAllStatuses[] = {S::kSubmitted, S::kVerified,  S::kRejected, S::kClaimed,
                              S::kFulfilled, S::kConfirmed, S::kWithdrawn};
constexpr A kAllActions[] = {A::kVerify, A::kReject, A::kWithdraw, A::kClaim, A::kFulfil, A::kConfirm, A::kLapse};

// The whole state machine: every pair not listed here is refused.
const std::map<std::pair<S, A>, S> allowed_transitions = {
    {{S::kSubmitted, A::kVerify}, S::kVerified},    {{S::kSubmitted, A::kReject}, S::kRejected},
    {{S::kSubmitted, A::kWithdraw}, S::kWithdrawn}, {{S::kVerified, A::kClaim}, S::kClaimed},
    {{S::kVerified, A::kWithdraw}, S::kWithdrawn},  {{S::kClaimed, A::kFulfil}, S::kFulfilled},
    {{S::kClaimed, A::kLapse}, S::kVerified},       {{S::kFulfilled, A::kConfirm}, S::kConfirmed},
};

constexpr long long kWorker = 10;
constexpr long long kStaffPoster = 20;
constexpr long long kSponsorAccount = 30;
constexpr long long kSponsor = 7;

WishFacts WishIn(S status, std::optional<long long> claim_sponsor = std::nullopt) {
  return {status, kWorker, kWorker, claim_sponsor};
}

Actor Worker(long long id = kWorker) { return {id, Role::kWorker, false, std::nullopt}; }
Actor Officer(Role role, bool in_scope) { return {99, role, in_scope, std::nullopt}; }
Actor SponsorAccount(std::optional<long long> sponsor = kSponsor, long long id = kSponsorAccount) {
  return {id, Role::kSponsor, false, sponsor};
}

/// The actor who may take `action` (the state aside).
Actor RightfulActor(A action) {
  switch (action) {
    case A::kVerify:
    case A::kReject:
      return Officer(Role::kCommunityOfficer, true);
    case A::kClaim:
    case A::kFulfil:
      return SponsorAccount();
    default:
      return Worker();
  }
}

TEST(WishPolicy, EveryTransitionOfTheStateMachine) {
  for (S from : kAllStatuses) {
    for (A action : kAllActions) {
      const auto it = allowed_transitions.find({from, action});
      const auto next = Next(from, action);
      if (it == allowed_transitions.end()) {
        EXPECT_FALSE(next) << WishStatusName(from) << " " << WishActionName(action);
      } else {
        ASSERT_TRUE(next) << WishStatusName(from) << " " << WishActionName(action);
        EXPECT_EQ(*next, it->second) << WishStatusName(from) << " " << WishActionName(action);
      }
    }
  }
}

TEST(WishPolicy, TheRightfulActorIsRefusedExactlyWhereTheStateForbids) {
  for (S from : kAllStatuses) {
    for (A action : kAllActions) {
      if (action == A::kLapse) continue;
      const auto decided = Decide(WishIn(from, kSponsor), RightfulActor(action), action);
      const bool allowed = allowed_transitions.contains({from, action});
      EXPECT_EQ(decided.ok(), allowed) << WishStatusName(from) << " " << WishActionName(action);
      if (!allowed && !decided.ok()) {
        const bool taken =
            action == A::kClaim && (from == S::kClaimed || from == S::kFulfilled || from == S::kConfirmed);
        EXPECT_EQ(decided.error().name, taken ? "wish_already_claimed" : "wish_invalid_transition")
            << WishStatusName(from) << " " << WishActionName(action);
        EXPECT_EQ(decided.error().code, core::ErrorCode::kConflict);
      }
    }
  }
}

TEST(WishPolicy, OnlyCommunityStaffOfTheWishsAreaReview) {
  for (A action : {A::kVerify, A::kReject}) {
    EXPECT_TRUE(Decide(WishIn(S::kSubmitted), Officer(Role::kCommunityOfficer, true), action).ok());
    EXPECT_TRUE(Decide(WishIn(S::kSubmitted), Officer(Role::kCityOfficer, true), action).ok());
    EXPECT_EQ(Decide(WishIn(S::kSubmitted), Officer(Role::kCommunityOfficer, false), action).error().name,
              "wish_forbidden");
    EXPECT_EQ(Decide(WishIn(S::kSubmitted), Officer(Role::kGridOfficer, true), action).error().name, "wish_forbidden");
    EXPECT_EQ(Decide(WishIn(S::kSubmitted), Worker(), action).error().name, "wish_forbidden");
    EXPECT_EQ(Decide(WishIn(S::kSubmitted), SponsorAccount(), action).error().code, core::ErrorCode::kForbidden);
  }
}

TEST(WishPolicy, ClaimsAreForSponsorAccountsOfAnOrganisation) {
  EXPECT_TRUE(Decide(WishIn(S::kVerified), SponsorAccount(), A::kClaim).ok());
  EXPECT_EQ(Decide(WishIn(S::kVerified), SponsorAccount(std::nullopt), A::kClaim).error().name, "not_sponsor");
  EXPECT_EQ(Decide(WishIn(S::kVerified), Worker(), A::kClaim).error().name, "wish_forbidden");
  EXPECT_EQ(Decide(WishIn(S::kVerified), Officer(Role::kCityOfficer, true), A::kClaim).error().name, "wish_forbidden");
  // Who asks is checked before the state: a worker learns nothing of a claim.
  EXPECT_EQ(Decide(WishIn(S::kClaimed, kSponsor), Worker(), A::kClaim).error().name, "wish_forbidden");
}

TEST(WishPolicy, OnlyTheClaimingSponsorFulfils) {
  EXPECT_TRUE(Decide(WishIn(S::kClaimed, kSponsor), SponsorAccount(kSponsor, 31), A::kFulfil).ok())
      << "any member of the claiming organisation";
  EXPECT_EQ(Decide(WishIn(S::kClaimed, kSponsor), SponsorAccount(8), A::kFulfil).error().name, "wish_forbidden");
  EXPECT_EQ(Decide(WishIn(S::kClaimed, std::nullopt), SponsorAccount(), A::kFulfil).error().name, "wish_forbidden");
  EXPECT_EQ(Decide(WishIn(S::kClaimed, kSponsor), Worker(), A::kFulfil).error().name, "wish_forbidden");
}

TEST(WishPolicy, OnlyTheWorkerConfirms) {
  EXPECT_TRUE(Decide(WishIn(S::kFulfilled, kSponsor), Worker(), A::kConfirm).ok());
  EXPECT_EQ(Decide(WishIn(S::kFulfilled, kSponsor), Worker(11), A::kConfirm).error().name, "wish_forbidden");
  EXPECT_EQ(Decide(WishIn(S::kFulfilled, kSponsor), SponsorAccount(), A::kConfirm).error().name, "wish_forbidden");
  EXPECT_EQ(Decide(WishIn(S::kFulfilled, kSponsor), Officer(Role::kCommunityOfficer, true), A::kConfirm).error().name,
            "wish_forbidden");
}

TEST(WishPolicy, TheWorkerThePosterOrTheirStaffWithdrawBeforeAClaim) {
  const WishFacts posted_by_staff{S::kVerified, kWorker, kStaffPoster, std::nullopt};
  EXPECT_TRUE(Decide(posted_by_staff, Worker(), A::kWithdraw).ok());
  EXPECT_TRUE(Decide(posted_by_staff, Officer(Role::kStreetOfficer, true), A::kWithdraw).ok());
  EXPECT_TRUE(
      Decide(posted_by_staff, Actor{kStaffPoster, Role::kCommunityOfficer, false, std::nullopt}, A::kWithdraw).ok());
  EXPECT_EQ(Decide(posted_by_staff, Worker(11), A::kWithdraw).error().name, "wish_forbidden");
  EXPECT_EQ(Decide(posted_by_staff, SponsorAccount(), A::kWithdraw).error().name, "wish_forbidden");
  EXPECT_EQ(Decide(WishIn(S::kClaimed, kSponsor), Worker(), A::kWithdraw).error().name, "wish_invalid_transition");
}

TEST(WishPolicy, ALapseIsNeverAnActorsToTake) {
  EXPECT_EQ(Decide(WishIn(S::kClaimed, kSponsor), Officer(Role::kAdmin, true), A::kLapse).error().name,
            "wish_forbidden");
}

TEST(WishPolicy, WhoPosts) {
  EXPECT_TRUE(MayPost(Worker(), true, false).ok());
  EXPECT_FALSE(MayPost(Worker(), false, true).ok()) << "a worker posts for nobody else";
  EXPECT_TRUE(MayPost(Officer(Role::kCommunityOfficer, false), false, true).ok());
  EXPECT_FALSE(MayPost(Officer(Role::kCommunityOfficer, false), false, false).ok()) << "outside the area";
  EXPECT_FALSE(MayPost(Officer(Role::kGridOfficer, false), false, true).ok());
  EXPECT_FALSE(MayPost(SponsorAccount(), true, true).ok());
}

TEST(WishPolicy, WhoSeesPrivateFields) {
  const WishFacts claimed{S::kClaimed, kWorker, kStaffPoster, kSponsor};
  EXPECT_TRUE(SeesPrivate(claimed, Worker()));
  EXPECT_TRUE(SeesPrivate(claimed, Actor{kStaffPoster, Role::kCommunityOfficer, false, std::nullopt}));
  EXPECT_TRUE(SeesPrivate(claimed, Officer(Role::kCommunityOfficer, true)));
  EXPECT_TRUE(SeesPrivate(claimed, SponsorAccount()));
  EXPECT_FALSE(SeesPrivate(claimed, SponsorAccount(8)));
  EXPECT_FALSE(SeesPrivate(claimed, Worker(11)));
  EXPECT_FALSE(SeesPrivate(claimed, Officer(Role::kCommunityOfficer, false)));
  EXPECT_FALSE(SeesPrivate(claimed, Actor{}));
}

TEST(WishPolicy, PublicStatuses) {
  EXPECT_TRUE(IsPublicStatus(S::kVerified));
  EXPECT_TRUE(IsPublicStatus(S::kClaimed));
  EXPECT_TRUE(IsPublicStatus(S::kFulfilled));
  EXPECT_TRUE(IsPublicStatus(S::kConfirmed));
  EXPECT_FALSE(IsPublicStatus(S::kSubmitted));
  EXPECT_FALSE(IsPublicStatus(S::kRejected));
  EXPECT_FALSE(IsPublicStatus(S::kWithdrawn));
  for (S status : kAllStatuses) EXPECT_EQ(ParseWishStatus(WishStatusName(status)), status);
  EXPECT_FALSE(ParseWishStatus("lost"));
}

TEST(WishPolicy, InputChecks) {
  const WishInput good{"一台冰箱", "妹妹生病在家养病，需要冷藏药品", "appliance", 500};
  EXPECT_TRUE(CheckWishInput(good).ok());
  auto field_of = [](const WishInput& input) {
    return std::string(CheckWishInput(input).error().fields.at("field").as_string());
  };
  WishInput bad = good;
  bad.value_yuan = 501;
  EXPECT_EQ(field_of(bad), "value_yuan");
  EXPECT_EQ(CheckWishInput(bad).error().message, "wish.bad_value");
  bad.value_yuan = 0;
  EXPECT_EQ(field_of(bad), "value_yuan");
  bad = good;
  bad.title = "";
  EXPECT_EQ(field_of(bad), "title");
  bad.title = std::string(std::size_t{41} * 3, 'a');
  EXPECT_EQ(field_of(bad), "title");
  bad.title = "两行\n标题";
  EXPECT_EQ(field_of(bad), "title");
  bad = good;
  bad.reason = "";
  EXPECT_EQ(field_of(bad), "reason");
  bad = good;
  bad.category = "car";
  EXPECT_EQ(field_of(bad), "category");
  EXPECT_TRUE(CheckNote("谢谢", "thanks").ok());
  EXPECT_FALSE(CheckNote("", "thanks").ok());
  EXPECT_FALSE(CheckNote(std::string(301, 'x'), "note").ok());
  EXPECT_EQ(ClaimDue(1000), 1000 + 14 * 86'400);
  EXPECT_FALSE(Lapsed(ClaimDue(1000), ClaimDue(1000) - 1));
  EXPECT_TRUE(Lapsed(ClaimDue(1000), ClaimDue(1000)));
}

}  // namespace
}  // namespace youhao::wishes
