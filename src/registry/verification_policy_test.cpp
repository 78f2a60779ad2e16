// Verification explained, without a database: the notice each decision sends, the usual wait,
// the community suggested from a depot and the contact a waiting rider is given.
#include "registry/verification_policy.h"

#include <gtest/gtest.h>

namespace youhao::registry {
namespace {

TEST(NoticeFor, TellsTheRiderOfEveryDecisionAndOfNothingElse) {
  struct Case {
    std::string_view from, to;
    std::optional<std::string_view> notice;
  };
  const Case cases[] = {
      {"pending", "verified", notice::kVerified}, {"pending", "revoked", notice::kRefused},
      {"pending", "suspended", notice::kRefused}, {"suspended", "verified", notice::kRestored},
      {"revoked", "verified", notice::kRestored}, {"verified", "suspended", notice::kSuspended},
      {"verified", "revoked", notice::kRevoked},  {"suspended", "revoked", notice::kRevoked},
      {"pending", "pending", std::nullopt},  // registration
      {"verified", "pending", std::nullopt},      {"verified", "verified", std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(NoticeFor(c.from, c.to), c.notice) << c.from << " → " << c.to;
}

TEST(EstimateWait, IsTheMedianInWholeHoursOnceThereAreEnoughVerifications) {
  constexpr long long kHour = 3600;
  EXPECT_EQ(EstimateWait({}).median_hours, std::nullopt);
  const WaitEstimate few = EstimateWait({kHour, kHour, kHour, kHour});
  EXPECT_EQ(few.median_hours, std::nullopt) << "four verifications are too few to say";
  EXPECT_EQ(few.samples, 4);
  // Odd count: the middle one; one slow outlier does not move it.
  const WaitEstimate odd = EstimateWait({5 * kHour, 2 * kHour, 300 * kHour, 3 * kHour, 4 * kHour});
  EXPECT_EQ(odd.median_hours, 4);
  EXPECT_EQ(odd.samples, 5);
  // Even count: the mean of the two middle ones, rounded up to the hour.
  EXPECT_EQ(EstimateWait({kHour, 2 * kHour, 3 * kHour, 4 * kHour, 9 * kHour, 10 * kHour}).median_hours, 4);
  EXPECT_EQ(EstimateWait({kHour, 2 * kHour, 2 * kHour + 1, 3 * kHour, 9 * kHour, 10 * kHour}).median_hours, 3);
  // Quick verifications say "about an hour", never "0 hours"; a clock set back counts as none.
  EXPECT_EQ(EstimateWait({0, 60, 120, -500, 30}).median_hours, 1);
  EXPECT_EQ(EstimateWait({kHour, kHour}, 2).median_hours, 1) << "the threshold is the caller's";
}

CommunityCandidate Community(const std::string& code, std::string path, std::optional<double> lat,
                             std::optional<double> lon) {
  return {.code = code, .name_zh = code, .street_name = "", .path = std::move(path), .lat = lat, .lon = lon};
}

// Three streets of a district (S1, S2) with communities; the depot D sits at lat 40.000, lon 116.300:
//
//        C2 (S2, 300 m north)
//   D ── C3 (S2, 500 m east)      C1 (S1, 1.5 km east)      C4 (S1, no point)
//   C5 (S1, 2 km south)
TEST(RankCommunities, SuggestsTheDepotsCommunityThenItsStreetThenTheNearest) {
  const double north_300 = 40.0 + 300.0 / 111'320.0;
  const double east_500 = 116.3 + 500.0 / (111'320.0 * 0.766);
  const double east_1500 = 116.3 + 1500.0 / (111'320.0 * 0.766);
  const std::vector<CommunityCandidate> all = {
      Community("C1", "1/2/S1/C1/", 40.0, east_1500),
      Community("C2", "1/2/S2/C2/", north_300, 116.3),
      Community("C3", "1/2/S2/C3/", 40.0, east_500),
      Community("C4", "1/2/S1/C4/", std::nullopt, std::nullopt),
      Community("C5", "1/2/S1/C5/", 40.0 - 2000.0 / 111'320.0, 116.3),
  };
  const auto codes = [](const std::vector<RankedCommunity>& ranked) {
    std::vector<std::string> out;
    out.reserve(ranked.size());
    for (const auto& entry : ranked) out.push_back(entry.community.code);
    return out;
  };

  // A depot inside C1's compound: C1 first even though C2 is nearer.
  auto ranked = RankCommunities({"1/2/S1/C1/C1-07/", 40.0, 116.3}, all, 10);
  EXPECT_EQ(codes(ranked), (std::vector<std::string>{"C1", "C2", "C3", "C5", "C4"}));
  EXPECT_TRUE(ranked[0].holds_depot);
  EXPECT_FALSE(ranked[1].holds_depot);
  ASSERT_TRUE(ranked[1].distance_m.has_value());
  EXPECT_NEAR(*ranked[1].distance_m, 300, 5);
  EXPECT_FALSE(ranked[4].distance_m.has_value());

  // A depot recorded only at street S1: S1's communities by distance, then the rest.
  ranked = RankCommunities({"1/2/S1/", 40.0, 116.3}, all, 10);
  EXPECT_EQ(codes(ranked), (std::vector<std::string>{"C1", "C5", "C4", "C2", "C3"}));
  EXPECT_FALSE(ranked[0].holds_depot);

  // A depot without a point: its community, then by code where no distance says otherwise.
  ranked = RankCommunities({"1/2/S2/C3/", std::nullopt, std::nullopt}, all, 3);
  EXPECT_EQ(codes(ranked), (std::vector<std::string>{"C3", "C1", "C2"}));

  EXPECT_TRUE(RankCommunities({"1/2/S1/", 40.0, 116.3}, {}, 5).empty());
}

TEST(PickContact, PrefersTheCommunitysOwnStationWithAPhoneThenTheNearest) {
  const std::string community = "1/2/S1/C1/";
  const ContactCandidate own_no_phone{"own, no phone", "", "1号", "1/2/S1/C1/", 40.0, 116.3};
  const ContactCandidate own_phone_far{"own, phone, far", "010-1", "2号", "1/2/S1/C1/C1-01/", 40.02, 116.3};
  const ContactCandidate street_near{"street, phone, near", "010-2", "3号", "1/2/S1/C9/", 40.0, 116.3};
  const ContactCandidate street_far{"street, phone, far", "010-3", "4号", "1/2/S1/C8/", 40.05, 116.3};

  auto pick = [&](std::vector<ContactCandidate> candidates) {
    auto contact = PickContact(community, 40.0, 116.3, std::move(candidates));
    return contact ? contact->name : std::string("none");
  };
  EXPECT_EQ(pick({street_near, own_no_phone, own_phone_far}), "own, phone, far");
  EXPECT_EQ(pick({street_near, own_no_phone}), "own, no phone");
  EXPECT_EQ(pick({street_far, street_near}), "street, phone, near");
  EXPECT_EQ(pick({}), "none");
}

}  // namespace
}  // namespace youhao::registry
