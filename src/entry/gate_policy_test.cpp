// The gate's decisions without a database: every verdict from a table of facts.
#include "entry/gate_policy.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <map>

#include "core/base64.h"

namespace youhao::entry {
namespace {

using passes::AccessMode;
using passes::ScanCode;

constexpr long long kSouthGate = 11;
constexpr long long kGreenLane = 12;

passes::SignatureCheck GoodSignatures() {
  passes::SignatureCheck check;
  check.code = ScanCode::kOk;
  check.qr.emplace();
  check.qr->credential.worker_id = 7;
  check.qr->credential.pass_id = 70;
  check.qr->credential.device_public_key.fill(0x42);
  return check;
}

ScanFacts Facts(AccessMode mode) {
  ScanFacts facts;
  facts.plan.mode = mode;
  facts.plan.opening_hours = "Mo-Su 08:00-22:00";
  facts.plan.green_lane_gates = {kGreenLane};
  facts.plan.drop_off_points = {{"东门快递柜", "门卫室旁"}};
  facts.gate = Gate{kSouthGate, "110108001001", "南门", "pedestrian", true, false};
  facts.pass.worker = ScanWorker{7, "张小哥", "meituan", "food_delivery", "verified", true};
  facts.pass.pass_found = true;
  facts.pass.device_public_key = core::Base64Encode(GoodSignatures().qr->credential.device_public_key);
  return facts;
}

struct Row {
  const char* name;
  AccessMode mode;
  void (*change)(ScanFacts&, passes::SignatureCheck&);
  ScanCode expected;
};

TEST(DecideScan, Table) {
  const Row rows[] = {
      {"pass mode lets a verified worker in", AccessMode::kPass, [](ScanFacts&, passes::SignatureCheck&) {},
       ScanCode::kOk},
      {"a bad issuer signature refuses as such", AccessMode::kOpen,
       [](ScanFacts&, passes::SignatureCheck& c) { c.code = ScanCode::kBadSignature; }, ScanCode::kBadSignature},
      {"a screenshot is stale", AccessMode::kPass,
       [](ScanFacts&, passes::SignatureCheck& c) { c.code = ScanCode::kStale; }, ScanCode::kStale},
      {"a revoked pass", AccessMode::kPass, [](ScanFacts& f, passes::SignatureCheck&) { f.pass.pass_revoked = true; },
       ScanCode::kPassRevoked},
      {"a pass that is not the worker's", AccessMode::kPass,
       [](ScanFacts& f, passes::SignatureCheck&) { f.pass.pass_found = false; }, ScanCode::kPassRevoked},
      {"a pass re-issued to another phone", AccessMode::kPass,
       [](ScanFacts& f, passes::SignatureCheck&) { f.pass.device_public_key = "b3RoZXI="; }, ScanCode::kPassRevoked},
      {"an unknown worker", AccessMode::kPass, [](ScanFacts& f, passes::SignatureCheck&) { f.pass.worker.reset(); },
       ScanCode::kPassRevoked},
      {"a suspended worker", AccessMode::kPass,
       [](ScanFacts& f, passes::SignatureCheck&) { f.pass.worker->status = "suspended"; }, ScanCode::kWorkerSuspended},
      {"a pending worker", AccessMode::kPass,
       [](ScanFacts& f, passes::SignatureCheck&) { f.pass.worker->status = "pending"; }, ScanCode::kWorkerNotVerified},
      {"whitelist, not on it", AccessMode::kWhitelist, [](ScanFacts&, passes::SignatureCheck&) {},
       ScanCode::kNotOnWhitelist},
      {"whitelist, on it", AccessMode::kWhitelist, [](ScanFacts& f, passes::SignatureCheck&) { f.on_whitelist = true; },
       ScanCode::kOk},
      {"outside hours", AccessMode::kPass, [](ScanFacts& f, passes::SignatureCheck&) { f.open_now = false; },
       ScanCode::kOutsideHours},
      {"drop-off only", AccessMode::kDropOff, [](ScanFacts&, passes::SignatureCheck&) {}, ScanCode::kDropOffOnly},
      {"drop-off only, leaving", AccessMode::kDropOff,
       [](ScanFacts& f, passes::SignatureCheck&) { f.entering = false; }, ScanCode::kOk},
      {"green lane, at another gate", AccessMode::kGreenLane, [](ScanFacts&, passes::SignatureCheck&) {},
       ScanCode::kGateNotAllowed},
      {"green lane, at the lane", AccessMode::kGreenLane,
       [](ScanFacts& f, passes::SignatureCheck&) { f.gate.id = kGreenLane; }, ScanCode::kOk},
      {"a gate closed to workers", AccessMode::kPass,
       [](ScanFacts& f, passes::SignatureCheck&) { f.gate.workers_allowed = false; }, ScanCode::kGateNotAllowed},
  };
  for (const Row& row : rows) {
    ScanFacts facts = Facts(row.mode);
    passes::SignatureCheck check = GoodSignatures();
    row.change(facts, check);
    const GateVerdict verdict = DecideScan(check, facts);
    EXPECT_EQ(passes::ScanCodeName(verdict.code), passes::ScanCodeName(row.expected)) << row.name;
    EXPECT_EQ(verdict.allowed(), row.expected == ScanCode::kOk) << row.name;
  }
}

TEST(DecideScan, RefusalsCarryTheirFields) {
  auto drop = DecideScan(GoodSignatures(), Facts(AccessMode::kDropOff));
  ASSERT_EQ(drop.drop_off_points.size(), 1U);
  EXPECT_EQ(drop.drop_off_points[0].name, "东门快递柜");
  EXPECT_TRUE(drop.green_lane_gates.empty());

  ScanFacts closed = Facts(AccessMode::kPass);
  closed.open_now = false;
  EXPECT_EQ(DecideScan(GoodSignatures(), closed).opening_hours, "Mo-Su 08:00-22:00");

  auto lane = DecideScan(GoodSignatures(), Facts(AccessMode::kGreenLane));
  EXPECT_EQ(lane.green_lane_gates, std::vector<long long>{kGreenLane});
  EXPECT_TRUE(lane.drop_off_points.empty());

  auto ok = DecideScan(GoodSignatures(), Facts(AccessMode::kPass));
  EXPECT_TRUE(ok.drop_off_points.empty() && ok.opening_hours.empty() && ok.green_lane_gates.empty());
}

// Offline scans judged by the code they carry, signed for real and checked at the scan's time.
class OfflineEvidenceTest : public ::testing::Test {
 protected:
  struct KeyPair {
    passes::PublicKey public_key{};
    std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret_key{};
    KeyPair() { crypto_sign_keypair(public_key.data(), secret_key.data()); }
  };

  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    keys_[3] = passes::IssuerKey{3, issuer_.public_key, 0};
    credential_.key_id = 3;
    credential_.pass_id = 70;
    credential_.worker_id = 7;
    credential_.issued_at = static_cast<std::uint32_t>(kScanAt - 86400);
    credential_.expires_at = static_cast<std::uint32_t>(kScanAt + 600);
    credential_.device_public_key = device_.public_key;
    credential_.name = "张小哥";
    Sign(credential_, issuer_);
  }

  static void Sign(passes::Credential& credential, const KeyPair& issuer) {
    const auto input = passes::CredentialSigningInput(credential);
    crypto_sign_detached(credential.issuer_signature.data(), nullptr, input.data(), input.size(),
                         issuer.secret_key.data());
  }

  /// The text the rider's phone showed at `at`.
  std::string Shown(const passes::Credential& credential, long long at) const {
    const auto window = passes::WindowOf(at);
    const auto input = passes::DeviceSigningInput(credential.pass_id, window);
    passes::Signature signature{};
    crypto_sign_detached(signature.data(), nullptr, input.data(), input.size(), device_.secret_key.data());
    return passes::EncodeQrText(credential, window, signature);
  }

  /// The server's judgement of a scan queued at `scanned_at` carrying `text` (empty: no code).
  Evidence Judge(const std::string& text, long long scanned_at, OfflineClaim claim = {7, 70}) {
    std::optional<passes::SignatureCheck> check;
    if (!text.empty()) {
      const passes::KeyLookup lookup = [this](std::uint16_t id) -> const passes::IssuerKey* {
        auto found = keys_.find(id);
        return found == keys_.end() ? nullptr : &found->second;
      };
      check = passes::CheckSignatures(text, lookup, scanned_at);
    }
    return JudgeOfflineScan(check, claim);
  }

  static constexpr long long kScanAt = 1'800'000'015;
  KeyPair issuer_, device_;
  std::map<std::uint16_t, passes::IssuerKey> keys_;
  passes::Credential credential_;
};

TEST_F(OfflineEvidenceTest, AGenuineCodeIsEvidenceAtTheTimeItWasScanned) {
  const Evidence evidence = Judge(Shown(credential_, kScanAt), kScanAt);
  EXPECT_TRUE(evidence.verified) << evidence.reason;
  EXPECT_EQ(evidence.reason, "");
  // Scanned in its last minute, uploaded a day later: expiry is judged at the scan, not the upload.
  const long long last_minute = credential_.expires_at - 60;
  EXPECT_TRUE(Judge(Shown(credential_, last_minute), last_minute).verified);
  // A claim that names no worker takes the code's.
  EXPECT_TRUE(Judge(Shown(credential_, kScanAt), kScanAt, {}).verified);
}

TEST_F(OfflineEvidenceTest, WhatIsNotEvidence) {
  const std::string shown = Shown(credential_, kScanAt);
  passes::Credential forged = credential_;
  forged.worker_id = 8;
  const KeyPair forger;
  Sign(forged, forger);
  passes::Credential altered = credential_;
  altered.expires_at += 86400;  // the issuer's signature no longer covers it
  const long long after_expiry = credential_.expires_at + 60;
  struct Case {
    const char* name;
    Evidence evidence;
    const char* reason;
  };
  const Case cases[] = {
      {"no code (an entry queued by an older gate)", Judge("", kScanAt), "no_code"},
      {"not a pass code", Judge("YH1:ABC", kScanAt), "pass_malformed"},
      {"signed by someone else", Judge(Shown(forged, kScanAt), kScanAt, {8, 70}), "pass_bad_signature"},
      {"altered after signing", Judge(Shown(altered, kScanAt), kScanAt), "pass_bad_signature"},
      {"scanned after it expired", Judge(Shown(credential_, after_expiry), after_expiry), "pass_expired"},
      {"shown long before the claimed time", Judge(shown, kScanAt + 300), "pass_stale"},
      {"a genuine code for another worker", Judge(shown, kScanAt, {8, 70}), "worker_mismatch"},
      {"a genuine code for another pass", Judge(shown, kScanAt, {7, 71}), "pass_mismatch"},
  };
  for (const Case& c : cases) {
    EXPECT_FALSE(c.evidence.verified) << c.name;
    EXPECT_EQ(c.evidence.reason, c.reason) << c.name;
  }
  passes::SignatureCheck unknown_key;
  unknown_key.code = passes::ScanCode::kUnknownKey;
  EXPECT_EQ(JudgeOfflineScan(unknown_key, {7, 70}).reason, "pass_unknown_key");
}

TEST(EvidenceOf, OnlineScansAreVerifiedWhenTheirSignaturesHold) {
  EXPECT_TRUE(EvidenceOf(GoodSignatures()).verified);
  passes::SignatureCheck stale = GoodSignatures();
  stale.code = ScanCode::kStale;
  const Evidence evidence = EvidenceOf(stale);
  EXPECT_FALSE(evidence.verified);
  EXPECT_EQ(evidence.reason, "pass_stale");
}

// Three compounds on a line (1 character = 500 m):
//
//   A . B . . . . . . . . . . . . . . . . C
//   0   1 km                              9.5 km
areas::Area CompoundAt(const char* code, double km_east) {
  areas::Area area;
  area.code = code;
  area.level = areas::Level::kCompound;
  area.lat = 39.96;
  area.lon = 116.35 + km_east / 85.2;  // ~85.2 km per degree of longitude at 40°N
  return area;
}

TEST(ImpossibleTravel, FlagsOnlyWhatNobodyCouldRide) {
  const areas::Area a = CompoundAt("A", 0), b = CompoundAt("B", 1), c = CompoundAt("C", 9.5);
  const long long now = 1'800'000'000;
  const LastScan at_a{now - 300, "A", a.lat, a.lon};
  EXPECT_EQ(ImpossibleTravelFlag(std::nullopt, c, now), "");
  EXPECT_EQ(ImpossibleTravelFlag(at_a, a, now), "");                                      // the same compound
  EXPECT_EQ(ImpossibleTravelFlag(at_a, b, now), "");                                      // 1 km in 5 min: 12 km/h
  EXPECT_EQ(ImpossibleTravelFlag(at_a, c, now).substr(0, 22), "impossible_travel 9.5k");  // 114 km/h
  EXPECT_TRUE(ImpossibleTravelFlag(at_a, c, now).ends_with(" 300s"));
  const LastScan long_ago{now - 1800, "A", a.lat, a.lon};
  EXPECT_EQ(ImpossibleTravelFlag(long_ago, c, now), "");  // 19 km/h
  const LastScan nowhere{now - 60, "X", std::nullopt, std::nullopt};
  EXPECT_EQ(ImpossibleTravelFlag(nowhere, c, now), "");  // unknown position: no claim
}

TEST(MayUseGates, OwnGateOrOfficerInScope) {
  areas::Area compound = CompoundAt("110108001001", 0);
  compound.path = "110000/110108/110108001/110108001001/";
  accounts::Principal guard{.role = accounts::Role::kGuard, .area_code = "110108001001", .area_path = compound.path};
  EXPECT_TRUE(MayUseGates(guard, compound).ok());
  accounts::Principal other_guard{.role = accounts::Role::kGuard,
                                  .area_code = "110108001002",
                                  .area_path = "110000/110108/110108001/110108001002/"};
  EXPECT_EQ(MayUseGates(other_guard, compound).error().code, core::ErrorCode::kForbidden);
  accounts::Principal street{
      .role = accounts::Role::kStreetOfficer, .area_code = "110108001", .area_path = "110000/110108/110108001/"};
  EXPECT_TRUE(MayUseGates(street, compound).ok());
  accounts::Principal far_street{
      .role = accounts::Role::kStreetOfficer, .area_code = "110108002", .area_path = "110000/110108/110108002/"};
  EXPECT_FALSE(MayUseGates(far_street, compound).ok());
  accounts::Principal worker{.role = accounts::Role::kWorker, .area_code = "110108001001", .area_path = compound.path};
  EXPECT_FALSE(MayUseGates(worker, compound).ok());
}

}  // namespace
}  // namespace youhao::entry
