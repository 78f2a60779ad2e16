#include "points/redemption_policy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "points/offers.h"

namespace youhao::points {
namespace {

using enum RedemptionStatus;

TEST(RedemptionPolicy, CodesAreEightDigitsReadOutInGroups) {
  EXPECT_EQ(ParseRedemptionCode("04711234"), "04711234");
  EXPECT_EQ(ParseRedemptionCode("0471 1234"), "04711234");
  EXPECT_EQ(ParseRedemptionCode(" 0471-1234 "), "04711234");
  for (const std::string& bad :
       {std::string(), std::string("0471123"), std::string("047112345"), std::string("0471 123a"),
        std::string("0471.1234"), std::string("０４７１１２３４"), std::string("04711234\n"), std::string(200, '1')})
    EXPECT_EQ(ParseRedemptionCode(bad), std::nullopt) << bad;
  const core::Error problem = RedemptionCodeFormatProblem();
  EXPECT_EQ(problem.name, "redemption_code_format");
  EXPECT_EQ(problem.fields.at("field").as_string(), "code");
}

TEST(RedemptionPolicy, ARedemptionLeavesHeldOnceAndNeverComesBack) {
  const std::vector<RedemptionStatus> all = {kHeld, kConfirmed, kReleased, kExpired};
  for (RedemptionStatus from : all) {
    for (RedemptionStatus to : all) {
      const bool expected = from == kHeld && to != kHeld;
      EXPECT_EQ(MayMove(from, to), expected) << RedemptionStatusName(from) << " → " << RedemptionStatusName(to);
    }
    EXPECT_EQ(ParseRedemptionStatus(RedemptionStatusName(from)), from);
  }
  EXPECT_EQ(ParseRedemptionStatus("cancelled"), std::nullopt);
}

TEST(RedemptionPolicy, AnOfferIsRedeemableWhileActiveValidInStockAndItsPlaceApproved) {
  const long long now = 1'765'000'000;
  struct Case {
    const char* what;
    OfferFacts offer;
    std::string name;    // "" when redeemable
    std::string reason;  // offer_unavailable's reason
  };
  const std::vector<Case> cases = {
      {"open-ended, unlimited", {true, true, now - 10, std::nullopt, std::nullopt}, "", ""},
      {"the last one", {true, true, now, now + 1, 1}, "", ""},
      {"paused by its merchant", {false, true, 0, std::nullopt, std::nullopt}, "offer_unavailable", "inactive"},
      {"its place not approved",
       {true, false, 0, std::nullopt, std::nullopt},
       "offer_unavailable",
       "place_not_approved"},
      {"not yet", {true, true, now + 1, std::nullopt, std::nullopt}, "offer_unavailable", "not_yet"},
      {"ended this second", {true, true, 0, now, std::nullopt}, "offer_unavailable", "ended"},
      {"sold out", {true, true, 0, std::nullopt, 0}, "offer_sold_out", ""},
  };
  for (const Case& c : cases) {
    const core::Status decided = MayRedeem(c.offer, now);
    if (c.name.empty()) {
      EXPECT_TRUE(decided.ok()) << c.what;
      continue;
    }
    ASSERT_FALSE(decided.ok()) << c.what;
    EXPECT_EQ(decided.error().name, c.name) << c.what;
    EXPECT_EQ(decided.error().code, core::ErrorCode::kConflict) << c.what;
    if (!c.reason.empty()) {
      EXPECT_EQ(decided.error().fields.at("reason").as_string(), c.reason) << c.what;
    }
  }
}

// A redemption made at t = 1000 with a 120 s code and a 600 s hold.
constexpr long long kMade = 1000;
constexpr RedemptionFacts kFresh{kHeld, kMade + 120, kMade + 600};

TEST(RedemptionPolicy, TheMerchantConfirmsAFreshCodeAtTheirOwnPlaceOnce) {
  struct Case {
    const char* what;
    RedemptionFacts redemption;
    bool own_place;
    long long now;
    std::string name;  // "" when confirmed
    core::ErrorCode code = core::ErrorCode::kConflict;
  };
  const std::vector<Case> cases = {
      {"typed at once", kFresh, true, kMade + 5, ""},
      {"the code's last second", kFresh, true, kMade + 119, ""},
      {"the code ran out", kFresh, true, kMade + 120, "redemption_code_expired"},
      {"another merchant's code", kFresh, false, kMade + 5, "redemption_other_place", core::ErrorCode::kForbidden},
      {"another place's used code says nothing of it",
       {kConfirmed, kMade + 120, kMade + 600},
       false,
       kMade + 5,
       "redemption_other_place",
       core::ErrorCode::kForbidden},
      {"typed twice", {kConfirmed, kMade + 120, kMade + 600}, true, kMade + 6, "redemption_code_used"},
      {"the worker cancelled", {kReleased, kMade + 120, kMade + 600}, true, kMade + 6, "redemption_released"},
      {"the hold ran out, not yet swept", kFresh, true, kMade + 600, "redemption_expired"},
      {"the hold ran out and was swept", {kExpired, kMade + 120, kMade + 600}, true, kMade + 700, "redemption_expired"},
  };
  for (const Case& c : cases) {
    const core::Status decided = DecideConfirm(c.redemption, c.own_place, c.now);
    if (c.name.empty()) {
      EXPECT_TRUE(decided.ok()) << c.what;
      continue;
    }
    ASSERT_FALSE(decided.ok()) << c.what;
    EXPECT_EQ(decided.error().name, c.name) << c.what;
    EXPECT_EQ(decided.error().code, c.code) << c.what;
    EXPECT_TRUE(decided.error().message.starts_with("points.")) << c.what << ": catalogued";
  }
}

TEST(RedemptionPolicy, TheWorkerActsOnlyWhileTheHoldLasts) {
  EXPECT_TRUE(DecideWhileHeld(kFresh, kMade + 1).ok());
  EXPECT_TRUE(DecideWhileHeld(kFresh, kMade + 599).ok()) << "the code ran out, the hold has not: a fresh code";
  EXPECT_EQ(DecideWhileHeld(kFresh, kMade + 600).error().name, "redemption_expired");
  EXPECT_EQ(DecideWhileHeld({kConfirmed, 0, 0}, kMade).error().name, "redemption_confirmed");
  EXPECT_EQ(DecideWhileHeld({kReleased, 0, 0}, kMade).error().name, "redemption_released");
  EXPECT_EQ(DecideWhileHeld({kExpired, 0, 0}, kMade).error().fields.at("status").as_string(), "expired");
  EXPECT_FALSE(HoldTimedOut(kFresh, kMade + 599));
  EXPECT_TRUE(HoldTimedOut(kFresh, kMade + 600));
  EXPECT_FALSE(HoldTimedOut({kConfirmed, 0, kMade}, kMade + 600)) << "only a held redemption times out";
}

TEST(RedemptionPolicy, TheDefaultTimesAreTwoMinutesForACodeAndTenForAHold) {
  const RedemptionTimes times;
  EXPECT_EQ(times.code_seconds, 120);
  EXPECT_EQ(times.hold_seconds, 600);
}

TEST(OfferInput, TitlesPricesStockAndValidityAreChecked) {
  const OfferInput good{"午餐套餐", "一荤两素，米饭管够", 30, 20, 1000, 2000, true};
  EXPECT_TRUE(CheckOfferInput(good).ok());
  struct Case {
    const char* what;
    OfferInput input;
    std::string field;
  };
  const auto with = [&good](auto change) {
    OfferInput input = good;
    change(input);
    return input;
  };
  const std::vector<Case> cases = {
      {"no title", with([](OfferInput& i) { i.title.clear(); }), "title"},
      {"41 characters", with([](OfferInput& i) { i.title = std::string(41, 'a'); }), "title"},
      {"a control character", with([](OfferInput& i) { i.title = "饭\x07"; }), "title"},
      {"a long description", with([](OfferInput& i) { i.description = std::string(301, 'a'); }), "description"},
      {"free", with([](OfferInput& i) { i.price = 0; }), "price"},
      {"negative", with([](OfferInput& i) { i.price = -30; }), "price"},
      {"absurd", with([](OfferInput& i) { i.price = kMaxOfferPrice + 1; }), "price"},
      {"negative stock", with([](OfferInput& i) { i.stock = -1; }), "stock"},
      {"absurd stock", with([](OfferInput& i) { i.stock = kMaxOfferStock + 1; }), "stock"},
      {"ends before it starts", with([](OfferInput& i) { i.valid_until = 999; }), "valid_until"},
      {"ends as it starts", with([](OfferInput& i) { i.valid_until = 1000; }), "valid_until"},
  };
  for (const Case& c : cases) {
    const core::Status checked = CheckOfferInput(c.input);
    ASSERT_FALSE(checked.ok()) << c.what;
    EXPECT_EQ(checked.error().name, "bad_offer") << c.what;
    EXPECT_EQ(checked.error().fields.at("field").as_string(), c.field) << c.what;
  }
  EXPECT_TRUE(CheckOfferInput(with([](OfferInput& i) { i.stock = std::nullopt; })).ok()) << "unlimited";
  EXPECT_TRUE(CheckOfferInput(with([](OfferInput& i) { i.stock = 0; })).ok()) << "listed sold out";
  EXPECT_TRUE(CheckOfferInput(with([](OfferInput& i) { i.title = std::string(40, 'a'); })).ok());
  EXPECT_TRUE(CheckOfferInput(with([](OfferInput& i) { i.price = kMaxOfferPrice; })).ok());
}

TEST(RedemptionPolicy, WrongCodesWaitOnceFiveFallInTenMinutesAndTheOldestLeavingFreesATry) {
  const WrongCodeLimits limits;  // 5 in 600 s
  const long long t0 = 1'000'000;
  EXPECT_EQ(WrongCodeWait({}, t0, limits), 0);
  EXPECT_EQ(WrongCodeWait({t0, t0 + 1, t0 + 2, t0 + 3}, t0 + 4, limits), 0) << "four wrong codes: a fifth try";
  // Five: the oldest (t0) leaves the window at t0 + 600.
  const std::vector<long long> five = {t0 + 3, t0, t0 + 2, t0 + 1, t0 + 4};  // any order
  EXPECT_EQ(WrongCodeWait(five, t0 + 5, limits), 595);
  EXPECT_EQ(WrongCodeWait(five, t0 + 599, limits), 1);
  EXPECT_EQ(WrongCodeWait(five, t0 + 600, limits), 0) << "t0 left the window: four remain";
  // Older attempts do not count at all.
  EXPECT_EQ(WrongCodeWait({t0 - 600, t0 - 700, t0 + 1, t0 + 2, t0 + 3, t0 + 4}, t0 + 5, limits), 0);
  // Seven at once (two servers raced past the check): the wait is until only four remain.
  const std::vector<long long> seven = {t0, t0 + 10, t0 + 20, t0 + 30, t0 + 40, t0 + 50, t0 + 60};
  EXPECT_EQ(WrongCodeWait(seven, t0 + 61, limits), t0 + 20 + 600 - (t0 + 61));
  EXPECT_EQ(WrongCodeWait(seven, t0 + 620, limits), 0);
  const WrongCodeLimits strict{.per_window = 1, .window_seconds = 60};
  EXPECT_EQ(WrongCodeWait({t0}, t0, strict), 60);

  const core::Error problem = TooManyWrongCodesProblem(595, t0 + 5, limits);
  EXPECT_EQ(problem.code, core::ErrorCode::kRateLimited);
  EXPECT_EQ(problem.name, "too_many_wrong_codes");
  EXPECT_EQ(problem.message, "points.too_many_wrong_codes");
  EXPECT_EQ(problem.retry_after_seconds, 595);
  EXPECT_EQ(problem.fields.at("retry_at").as_int64(), t0 + 600);
  EXPECT_EQ(problem.fields.at("window_minutes").as_int64(), 10);
  EXPECT_EQ(problem.fields.at("limit").as_int64(), 5);
}

TEST(RedemptionPolicy, AWrongOrAnotherPlacesCodeCountsAsAGuessOtherRefusalsDoNot) {
  const RedemptionFacts held{kHeld, 200, 1000};
  EXPECT_TRUE(CountsAsWrongCode(DecideConfirm(held, false, 100).error()));
  EXPECT_TRUE(CountsAsWrongCode(core::MakeProblem(core::ErrorCode::kNotFound, "redemption_code_wrong",
                                                  "points.redemption_code_wrong", "no such code")));
  EXPECT_FALSE(CountsAsWrongCode(RedemptionCodeFormatProblem())) << "a typo in the form is no guess";
  EXPECT_FALSE(CountsAsWrongCode(DecideConfirm({kConfirmed, 200, 1000}, true, 100).error()));
  EXPECT_FALSE(CountsAsWrongCode(DecideConfirm(held, true, 300).error())) << "an expired code was a right one";
}

TEST(RedemptionPolicy, ConfirmingByPassNeedsTheRedemptionsOwnWorkerAndIgnoresTheCodesAge) {
  const RedemptionFacts held{kHeld, 200, 1000};
  EXPECT_TRUE(DecideConfirmByPass(held, true, true, 500).ok()) << "the code expired at 200; the live pass stands in";
  EXPECT_EQ(DecideConfirmByPass(held, false, true, 500).error().name, "redemption_other_place");
  EXPECT_EQ(DecideConfirmByPass(held, false, false, 500).error().name, "redemption_other_place")
      << "nothing about another place's redemption is said";
  EXPECT_EQ(DecideConfirmByPass(held, true, false, 500).error().name, "redemption_other_worker");
  EXPECT_EQ(DecideConfirmByPass(held, true, true, 1000).error().name, "redemption_expired");
  EXPECT_EQ(DecideConfirmByPass({kConfirmed, 200, 1000}, true, true, 500).error().name, "redemption_code_used");
  EXPECT_EQ(DecideConfirmByPass({kReleased, 200, 1000}, true, true, 500).error().name, "redemption_released");
}

TEST(RedemptionPolicy, AScannedPassMustBeLiveValidAndAVerifiedSignedUpWorkers) {
  const ScannedPassFacts good{passes::ScanCode::kOk, true, false, "verified", true};
  EXPECT_TRUE(DecideScannedPass(good).ok());
  const auto reason = [](const ScannedPassFacts& facts) {
    const core::Status decided = DecideScannedPass(facts);
    if (decided.ok()) return std::string("ok");
    const auto* field = decided.error().fields.if_contains("reason");
    return decided.error().name + (field ? ":" + std::string(field->as_string()) : "");
  };
  ScannedPassFacts stale = good;
  stale.signatures = passes::ScanCode::kStale;
  EXPECT_EQ(reason(stale), "redemption_pass_stale") << "a screenshot or an old paste: the worker is not here";
  ScannedPassFacts forged = good;
  forged.signatures = passes::ScanCode::kBadSignature;
  EXPECT_EQ(reason(forged), "redemption_pass_refused:pass_bad_signature");
  ScannedPassFacts malformed = good;
  malformed.signatures = passes::ScanCode::kMalformed;
  EXPECT_EQ(reason(malformed), "redemption_pass_refused:pass_malformed");
  ScannedPassFacts unknown = good;
  unknown.pass_found = false;
  EXPECT_EQ(reason(unknown), "redemption_pass_refused:pass_malformed");
  ScannedPassFacts revoked = good;
  revoked.pass_revoked = true;
  EXPECT_EQ(reason(revoked), "redemption_pass_refused:pass_revoked");
  ScannedPassFacts suspended = good;
  suspended.worker_status = "suspended";
  EXPECT_EQ(reason(suspended), "redemption_pass_refused:worker_suspended");
  ScannedPassFacts no_account = good;
  no_account.has_account = false;
  EXPECT_EQ(reason(no_account), "redemption_pass_refused:no_account");
  ScannedPassFacts pending = good;
  pending.worker_status = "pending";
  EXPECT_EQ(reason(pending), "redemption_pass_refused:worker_not_verified");
}

}  // namespace
}  // namespace youhao::points
