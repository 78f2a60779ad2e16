#include "points/ledger_policy.h"

#include <gtest/gtest.h>

#include <string>

namespace youhao::points {
namespace {

TEST(LedgerPolicy, AmountsAreWholePointsWithinBounds) {
  EXPECT_TRUE(CheckTransferInput(1, "a").ok());
  EXPECT_TRUE(CheckTransferInput(kMaxTransferPoints, "award:report:12").ok());
  for (long long amount : {0LL, -1LL, -kMaxTransferPoints, kMaxTransferPoints + 1}) {
    const auto checked = CheckTransferInput(amount, "x");
    ASSERT_FALSE(checked.ok()) << amount;
    EXPECT_EQ(checked.error().name, "bad_amount");
    EXPECT_EQ(checked.error().message, "points.bad_amount");
  }
}

TEST(LedgerPolicy, ClientIdsAreShortAndPlain) {
  EXPECT_TRUE(CheckTransferInput(5, "2026-12-07T10:00:00.123-Ab_9").ok());
  for (const std::string& bad : {std::string(), std::string(65, 'a'), std::string("a b"), std::string("积分"),
                                 std::string("x;DROP"), std::string("a\nb")}) {
    const auto checked = CheckTransferInput(5, bad);
    ASSERT_FALSE(checked.ok()) << bad;
    EXPECT_EQ(checked.error().name, "bad_client_id");
  }
}

TEST(LedgerPolicy, EachKindRunsBetweenItsOwnAccounts) {
  using enum AccountKind;
  EXPECT_TRUE(KindsFit(TransferKind::kFund, kIssuer, kPool));
  EXPECT_FALSE(KindsFit(TransferKind::kFund, kIssuer, kWorker)) << "points reach workers only through a pool";
  EXPECT_TRUE(KindsFit(TransferKind::kAward, kPool, kWorker));
  EXPECT_FALSE(KindsFit(TransferKind::kAward, kIssuer, kWorker));
  EXPECT_FALSE(KindsFit(TransferKind::kAward, kWorker, kWorker)) << "workers do not pay each other";
  EXPECT_TRUE(KindsFit(TransferKind::kHold, kWorker, kHold));
  EXPECT_FALSE(KindsFit(TransferKind::kHold, kPool, kHold)) << "only a worker's own points are held";
  EXPECT_TRUE(KindsFit(TransferKind::kSpend, kHold, kMerchant));
  EXPECT_FALSE(KindsFit(TransferKind::kSpend, kWorker, kMerchant)) << "a merchant is paid only from a held redemption";
  EXPECT_TRUE(KindsFit(TransferKind::kRelease, kHold, kWorker));
  EXPECT_FALSE(KindsFit(TransferKind::kRelease, kHold, kMerchant));
  EXPECT_FALSE(KindsFit(TransferKind::kRelease, kMerchant, kWorker)) << "what was spent is not released";
  EXPECT_TRUE(KindsFit(TransferKind::kExpire, kWorker, kSink));
  EXPECT_FALSE(KindsFit(TransferKind::kExpire, kPool, kSink));
  EXPECT_TRUE(KindsFit(TransferKind::kReversal, kWorker, kPool));
}

TEST(LedgerPolicy, WhoMayOrderWhat) {
  using accounts::Role;
  EXPECT_TRUE(RoleMayOrder(Role::kCityOfficer, TransferKind::kFund));
  EXPECT_TRUE(RoleMayOrder(Role::kAdmin, TransferKind::kReversal));
  EXPECT_FALSE(RoleMayOrder(Role::kDistrictOfficer, TransferKind::kFund)) << "only the city issues points";
  EXPECT_TRUE(RoleMayOrder(Role::kCommunityOfficer, TransferKind::kAward));
  EXPECT_FALSE(RoleMayOrder(Role::kGridOfficer, TransferKind::kAward));
  for (Role role : {Role::kWorker, Role::kMerchant, Role::kSponsor, Role::kGuard}) {
    for (TransferKind kind : {TransferKind::kFund, TransferKind::kAward, TransferKind::kSpend, TransferKind::kExpire,
                              TransferKind::kReversal, TransferKind::kHold, TransferKind::kRelease})
      EXPECT_FALSE(RoleMayOrder(role, kind)) << accounts::RoleName(role) << " " << TransferKindName(kind);
  }
  for (TransferKind kind : {TransferKind::kSpend, TransferKind::kHold, TransferKind::kRelease})
    EXPECT_FALSE(RoleMayOrder(Role::kAdmin, kind)) << "redemptions move only through their own states";
}

TEST(LedgerPolicy, ConservationIsIssuedEqualsHeldSpentAndExpired) {
  // issued, pools, workers, spent, expired, held
  EXPECT_TRUE((Conservation{100, 40, 50, 7, 3}).Holds());
  EXPECT_FALSE((Conservation{100, 40, 50, 7, 4}).Holds());
  EXPECT_TRUE((Conservation{100, 40, 30, 7, 3, 20}).Holds()) << "points held for a redemption are still counted";
  EXPECT_FALSE((Conservation{100, 40, 30, 7, 3, 0}).Holds()) << "a hold left out of the sums breaks the law";
  EXPECT_TRUE(Conservation{}.Holds());
}

TEST(LedgerPolicy, NamesReadBack) {
  for (TransferKind kind : {TransferKind::kFund, TransferKind::kAward, TransferKind::kSpend, TransferKind::kExpire,
                            TransferKind::kReversal, TransferKind::kHold, TransferKind::kRelease})
    EXPECT_EQ(ParseTransferKind(TransferKindName(kind)), kind);
  EXPECT_EQ(ParseAccountKind("pool"), AccountKind::kPool);
  EXPECT_EQ(ParseAccountKind("hold"), AccountKind::kHold);
  EXPECT_EQ(ParseAccountKind("bank"), std::nullopt);
}

}  // namespace
}  // namespace youhao::points
