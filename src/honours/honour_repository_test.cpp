// Honours campaigns on SQLite and PostgreSQL: the repository (stages, nominations, the vote's
// per-person limit under concurrent inserts, certificates) and the service's announcement (prize
// points paid once, certificates that verify and revoke).
#include "honours/honour_repository.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "accounts/test_accounts.h"
#include "areas/area_service.h"
#include "core/keyring.h"
#include "core/random.h"
#include "honours/honour_service.h"
#include "points/ledger.h"
#include "storage/test_databases.h"

namespace youhao::honours {
namespace {

/// One key ring for every test of this binary: the honour signing key is sealed with it in the
/// database the tests share, so a second ring would not open it.
const core::Keyring& TestKeyring() {
  static const core::Keyring keyring = core::Keyring::Ephemeral();
  return keyring;
}

constexpr long long kNow = 1765000000;

class HonourRepositoryTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::OpenMigratedTestDatabase(GetParam());
    auto c = database_->Acquire();
    for (const char* table :
         {"honour_certificates", "honour_vote_flags", "honour_votes", "honour_nominations", "honour_campaigns"})
      c->Execute(std::string("DELETE FROM ") + table);
    for (const auto& [code, level, path] :
         {std::tuple{"T-HC", "street", "T-HC/"}, std::tuple{"T-HX", "street", "T-HX/"}}) {
      c->Execute(
          "INSERT INTO areas (code, level, name_zh, name_en, path) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
          {std::string(code), std::string(level), std::string("评选街道"), std::string(code), std::string(path)});
    }
    street_ = Person("hc-street", accounts::Role::kStreetOfficer, "T-HC");
    outsider_ = Person("hc-outsider", accounts::Role::kStreetOfficer, "T-HX");
    for (int i = 0; i < 3; ++i) riders_.push_back(Rider("hc-rider-" + std::to_string(i), "张骑手" + std::to_string(i)));
  }

  // Other modules' tests on the same PostgreSQL database clear points_transfers, which a prize references.
  void TearDown() override {
    auto c = database_->Acquire();
    for (const char* table :
         {"honour_certificates", "honour_vote_flags", "honour_votes", "honour_nominations", "honour_campaigns"})
      c->Execute(std::string("DELETE FROM ") + table);
  }

  accounts::Principal Person(const std::string& login, accounts::Role role, const std::string& area) {
    return accounts::TestAccount(*database_->Acquire(), login, role, area, area + "/");
  }

  struct RiderIds {
    accounts::Principal account;
    long long worker_id = 0;
  };
  RiderIds Rider(const std::string& login, const std::string& name) {
    RiderIds rider{Person(login, accounts::Role::kWorker, "T-HC"), 0};
    auto c = database_->Acquire();
    c->Execute(
        "INSERT INTO workers (account_id, name, phone_digest, kind, platform, area_code, area_path, status, "
        "created_at) "
        "VALUES (?, ?, ?, 'food', '美团', 'T-HC', 'T-HC/', 'verified', ?) ON CONFLICT DO NOTHING",
        {rider.account.account_id, name, "139" + std::to_string(10000000 + rider.account.account_id),
         kNow - 400LL * 24 * 3600});
    rider.worker_id = c->QueryInt("SELECT id FROM workers WHERE account_id = ?", {rider.account.account_id});
    return rider;
  }

  Campaign NewCampaign(Stage stage, long long votes_per_person) {
    auto c = database_->Acquire();
    Campaign campaign;
    campaign.title = "最美外卖员";
    campaign.area_code = "T-HC";
    campaign.area_path = "T-HC/";
    campaign.stage = stage;
    campaign.nominating_until = kNow + 10;
    campaign.reviewing_until = kNow + 20;
    campaign.voting_until = kNow + 30;
    campaign.votes_per_person = votes_per_person;
    campaign.created_by = "hc-street";
    campaign.created_at = kNow;
    campaign.id = repository::InsertCampaign(*c, campaign);
    return campaign;
  }

  long long Nominate(long long campaign_id, const std::string& ref, NominationStatus status) {
    auto c = database_->Acquire();
    Nomination nomination;
    nomination.campaign_id = campaign_id;
    nomination.nominee_ref = ref;
    nomination.nominee_name = ref;
    nomination.nominee_kind = "food";
    nomination.citation = "风雨无阻";
    nomination.evidence_json = "{}";
    nomination.status = status;
    nomination.nominated_by = "hc-street";
    nomination.nominated_at = kNow;
    return repository::InsertNomination(*c, nomination);
  }

  std::unique_ptr<storage::Database> database_;
  accounts::Principal street_, outsider_;
  std::vector<RiderIds> riders_;
};

TEST_P(HonourRepositoryTest, ACampaignMovesOnlyFromTheStageItIsIn) {
  const Campaign made = NewCampaign(Stage::kNominating, 3);
  auto c = database_->Acquire();
  const auto read = repository::CampaignById(*c, made.id);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->title, "最美外卖员");
  EXPECT_EQ(read->stage, Stage::kNominating);
  EXPECT_FALSE(repository::SetStage(*c, made.id, Stage::kReviewing, Stage::kVoting, kNow)) << "not in review";
  EXPECT_TRUE(repository::SetStage(*c, made.id, Stage::kNominating, Stage::kReviewing, kNow));
  EXPECT_FALSE(repository::SetStage(*c, made.id, Stage::kNominating, Stage::kReviewing, kNow)) << "a twin lost";
  EXPECT_EQ(repository::Campaigns(*c, "T-HC/", 10).size(), 1U);
  EXPECT_TRUE(repository::Campaigns(*c, "T-HX/", 10).empty());
}

TEST_P(HonourRepositoryTest, TalliesCountOnlyAcceptedNominations) {
  const Campaign campaign = NewCampaign(Stage::kVoting, 3);
  const long long accepted = Nominate(campaign.id, "worker:1", NominationStatus::kAccepted);
  const long long pending = Nominate(campaign.id, "worker:2", NominationStatus::kPending);
  auto c = database_->Acquire();
  EXPECT_TRUE(repository::NomineeTaken(*c, campaign.id, "worker:1"));
  EXPECT_FALSE(repository::NomineeTaken(*c, campaign.id, "worker:3"));
  EXPECT_EQ(repository::InsertVote(*c, campaign.id, accepted, riders_[0].account.account_id, 3, "d", kNow),
            VoteInsert::kInserted);
  const auto tallies = repository::Tallies(*c, campaign.id);
  ASSERT_EQ(tallies.size(), 1U);
  EXPECT_EQ(tallies[0].nomination_id, accepted);
  EXPECT_EQ(tallies[0].votes, 1);
  repository::Review(*c, pending, NominationStatus::kRejected, "材料不实", "hc-street", kNow);
  EXPECT_EQ(repository::NominationById(*c, pending)->review_reason, "材料不实");
  EXPECT_EQ(repository::Nominations(*c, campaign.id, NominationStatus::kAccepted).size(), 1U);
}

TEST_P(HonourRepositoryTest, AnAccountVotesOncePerNomineeAndWithinItsLimit) {
  const Campaign campaign = NewCampaign(Stage::kVoting, 2);
  std::vector<long long> nominees;
  nominees.reserve(3);
  for (int i = 0; i < 3; ++i)
    nominees.push_back(Nominate(campaign.id, "worker:" + std::to_string(i), NominationStatus::kAccepted));
  const long long voter = riders_[0].account.account_id;
  auto c = database_->Acquire();
  EXPECT_EQ(repository::InsertVote(*c, campaign.id, nominees[0], voter, 2, "d", kNow), VoteInsert::kInserted);
  EXPECT_EQ(repository::InsertVote(*c, campaign.id, nominees[0], voter, 2, "d", kNow), VoteInsert::kAlreadyVoted);
  EXPECT_EQ(repository::InsertVote(*c, campaign.id, nominees[1], voter, 2, "d", kNow), VoteInsert::kInserted);
  EXPECT_EQ(repository::InsertVote(*c, campaign.id, nominees[2], voter, 2, "d", kNow), VoteInsert::kLimitReached);
  EXPECT_EQ(repository::VotesCast(*c, campaign.id, voter), 2);
  EXPECT_EQ(repository::VotedFor(*c, campaign.id, voter), (std::vector<long long>{nominees[0], nominees[1]}));
  EXPECT_EQ(repository::AddressVotesSince(*c, campaign.id, "d", kNow), 2);
  EXPECT_EQ(repository::AddressVotesSince(*c, campaign.id, "d", kNow + 1), 0);
  repository::InsertFlag(*c, campaign.id, nominees[2], voter, "d", kNow);
  EXPECT_EQ(repository::Flags(*c, campaign.id), 1);
}

TEST_P(HonourRepositoryTest, AnAccountFindsItsNominationsByAccountOrRegisterEntry) {
  const Campaign older = NewCampaign(Stage::kVoting, 3);
  const Campaign newer = NewCampaign(Stage::kNominating, 3);
  auto c = database_->Acquire();
  const auto nominate = [&](long long campaign_id, std::optional<long long> worker_id,
                            std::optional<long long> account_id, const std::string& ref) {
    Nomination nomination;
    nomination.campaign_id = campaign_id;
    nomination.nominee_ref = ref;
    nomination.worker_id = worker_id;
    nomination.account_id = account_id;
    nomination.nominee_name = "张骑手0";
    nomination.nominee_kind = "food";
    nomination.citation = "风雨无阻";
    nomination.evidence_json = "{}";
    nomination.status = NominationStatus::kAccepted;
    nomination.nominated_by = "hc-street";
    nomination.nominated_at = kNow;
    return repository::InsertNomination(*c, nomination);
  };
  // By the register entry only (an account linked later), and by the sign-in account.
  const long long by_worker =
      nominate(older.id, riders_[0].worker_id, std::nullopt, "worker:" + std::to_string(riders_[0].worker_id));
  const long long by_account = nominate(newer.id, std::nullopt, riders_[0].account.account_id,
                                        "account:" + std::to_string(riders_[0].account.account_id));
  const long long someone_else =
      nominate(older.id, riders_[1].worker_id, riders_[1].account.account_id, "worker:someone-else");
  repository::Review(*c, by_account, NominationStatus::kPending, "", "hc-street", kNow);
  EXPECT_EQ(repository::InsertVote(*c, older.id, by_worker, riders_[2].account.account_id, 3, "d", kNow),
            VoteInsert::kInserted);
  EXPECT_EQ(repository::InsertVote(*c, older.id, someone_else, riders_[2].account.account_id, 3, "d", kNow),
            VoteInsert::kInserted);
  EXPECT_EQ(repository::InsertVote(*c, older.id, by_worker, riders_[1].account.account_id, 3, "d", kNow),
            VoteInsert::kInserted);

  const auto mine = repository::NominationsOfAccount(*c, riders_[0].account.account_id, 10);
  ASSERT_EQ(mine.size(), 2U);
  EXPECT_EQ(mine[0].nomination.id, by_account) << "newest first";
  EXPECT_EQ(mine[0].campaign.id, newer.id);
  EXPECT_EQ(mine[0].nomination.status, NominationStatus::kPending);
  EXPECT_EQ(mine[0].votes, 0);
  EXPECT_EQ(mine[1].nomination.id, by_worker);
  EXPECT_EQ(mine[1].campaign.title, "最美外卖员");
  EXPECT_EQ(mine[1].campaign.stage, Stage::kVoting);
  EXPECT_EQ(mine[1].votes, 2);
  EXPECT_FALSE(mine[1].certificate);
  EXPECT_EQ(mine[1].prize_points, 0);
  EXPECT_EQ(repository::NominationsOfAccount(*c, riders_[0].account.account_id, 1).size(), 1U);
  EXPECT_TRUE(repository::NominationsOfAccount(*c, riders_[2].account.account_id, 10).empty())
      << "voting for someone is not being nominated";
  EXPECT_TRUE(repository::NominationsOfAccount(*c, street_.account_id, 10).empty());
}

// Eight connections vote at once for eight nominees as one account with a limit of three: the
// unique slots let exactly three through, on both databases.
TEST_P(HonourRepositoryTest, TheLimitHoldsUnderConcurrentInserts) {
  auto wide = storage::Database::Open(GetParam(), 8);
  const Campaign campaign = NewCampaign(Stage::kVoting, 3);
  std::vector<long long> nominees;
  nominees.reserve(8);
  for (int i = 0; i < 8; ++i)
    nominees.push_back(Nominate(campaign.id, "worker:" + std::to_string(100 + i), NominationStatus::kAccepted));
  for (const auto& rider : riders_) {
    std::atomic<int> inserted = 0, refused = 0;
    std::atomic<bool> go = false;
    std::vector<std::thread> threads;
    threads.reserve(nominees.size());
    for (long long nominee : nominees) {
      threads.emplace_back([&, nominee] {
        auto c = wide->Acquire();
        while (!go) std::this_thread::yield();
        for (int attempt = 0;; ++attempt) {
          try {
            storage::Transaction transaction(*c);
            const VoteInsert outcome =
                repository::InsertVote(*c, campaign.id, nominee, rider.account.account_id, 3, "race", kNow);
            transaction.Commit();
            (outcome == VoteInsert::kInserted ? inserted : refused)++;
            return;
          } catch (const storage::DatabaseError&) {
            // SQLite's busy writer or PostgreSQL's serialisation: try again, as the service's caller would.
            if (attempt > 50) throw;
          }
        }
      });
    }
    go = true;
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(inserted.load(), 3);
    EXPECT_EQ(refused.load(), 5);
    auto c = database_->Acquire();
    EXPECT_EQ(repository::VotesCast(*c, campaign.id, rider.account.account_id), 3);
  }
}

TEST_P(HonourRepositoryTest, AnnouncingPaysPrizesOnceAndSignsCertificatesThatVerifyAndRevoke) {
  auto c = database_->Acquire();
  const auto issuer = points::Ledger::Find(*c, points::AccountKind::kIssuer, "city");
  const auto pool = points::Ledger::Find(*c, points::AccountKind::kPool, "city");
  ASSERT_TRUE(issuer && pool);
  {
    storage::Transaction transaction(*c);
    points::TransferRequest fund{issuer->id, pool->id,
                                 1000,       points::TransferKind::kFund,
                                 "test",     "fund:honours-test:" + core::RandomDigits(12),
                                 "tester",   std::nullopt,
                                 kNow};
    ASSERT_TRUE(points::Ledger::Move(*c, fund).ok());
    transaction.Commit();
  }
  const core::Keyring& keyring = TestKeyring();
  areas::AreaService areas(*database_);
  HonourService service(*database_, areas, keyring, {.address_votes_per_hour = 2});
  CampaignInput input;
  input.title = "2025年度最美外卖员";
  input.nominating_until = kNow + 10;
  input.reviewing_until = kNow + 20;
  input.voting_until = kNow + 30;
  input.winners = 1;
  input.votes_per_person = 2;
  input.prize_points = 200;
  EXPECT_FALSE(service.Create(outsider_, "T-HC", input, std::nullopt, kNow).ok()) << "another street's officer";
  auto campaign = service.Create(street_, "T-HC", input, std::nullopt, kNow);
  ASSERT_TRUE(campaign.ok()) << campaign.error().detail;
  NominationInput nominee{riders_[0].worker_id, std::nullopt, "雨夜护送走失老人回家"};
  EXPECT_EQ(service.Nominate(riders_[0].account, campaign->id, nominee, kNow).error().name, "self_nomination");
  auto nomination = service.Nominate(riders_[1].account, campaign->id, nominee, kNow);
  ASSERT_TRUE(nomination.ok()) << nomination.error().detail;
  EXPECT_NE(nomination->evidence_json.find("\"service_days\":400"), std::string::npos) << nomination->evidence_json;
  EXPECT_EQ(service.Nominate(riders_[2].account, campaign->id, nominee, kNow).error().name, "already_nominated");
  ASSERT_TRUE(service.Review(street_, nomination->id, true, "", kNow).ok());
  ASSERT_TRUE(service.Advance(street_, campaign->id, Stage::kReviewing, kNow).ok());
  EXPECT_EQ(service.Advance(street_, campaign->id, Stage::kAnnounced, kNow).error().name, "bad_stage");
  ASSERT_TRUE(service.Advance(street_, campaign->id, Stage::kVoting, kNow).ok());
  ASSERT_TRUE(service.Vote(riders_[1].account, campaign->id, nomination->id, "10.0.0.1", kNow).ok());
  EXPECT_EQ(service.Vote(riders_[1].account, campaign->id, nomination->id, "10.0.0.1", kNow).error().name,
            "already_voted");
  ASSERT_TRUE(service.Vote(riders_[2].account, campaign->id, nomination->id, "10.0.0.1", kNow).ok());
  EXPECT_EQ(service.Vote(street_, campaign->id, nomination->id, "10.0.0.1", kNow).error().name, "vote_flagged")
      << "a third vote from one address within the hour";
  ASSERT_TRUE(service.ResultsOf(campaign->id, &street_).ok());
  EXPECT_EQ(service.ResultsOf(campaign->id, &street_)->flagged_votes, 1);
  EXPECT_FALSE(service.ResultsOf(campaign->id, nullptr).ok()) << "not public before the announcement";

  const auto before =
      points::Ledger::Find(*c, points::AccountKind::kWorker, points::WorkerOwnerRef(riders_[0].account.account_id));
  const long long balance_before = before ? before->balance : 0;
  ASSERT_TRUE(service.Advance(street_, campaign->id, Stage::kAnnounced, kNow).ok());
  const auto results = service.ResultsOf(campaign->id, nullptr);
  ASSERT_TRUE(results.ok());
  ASSERT_EQ(results->lines.size(), 1U);
  EXPECT_TRUE(results->lines[0].ranked.winner);
  EXPECT_EQ(results->lines[0].ranked.votes, 2);
  ASSERT_TRUE(results->lines[0].certificate);
  const auto winner =
      points::Ledger::Find(*c, points::AccountKind::kWorker, points::WorkerOwnerRef(riders_[0].account.account_id));
  ASSERT_TRUE(winner);
  EXPECT_EQ(winner->balance, balance_before + 200) << "paid once";
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM points_transfers WHERE client_id = ?",
                        {"honour:" + std::to_string(campaign->id) + ":" + std::to_string(nomination->id)}),
            1);

  const std::string serial = results->lines[0].certificate->serial;
  const auto mine = service.Mine(riders_[0].account, 10);
  ASSERT_EQ(mine.size(), 1U) << "我的荣誉 of the winner";
  EXPECT_TRUE(mine[0].nomination.winner);
  EXPECT_EQ(mine[0].nomination.rank, 1);
  EXPECT_EQ(mine[0].votes, 2);
  EXPECT_EQ(mine[0].prize_points, 200);
  ASSERT_TRUE(mine[0].certificate);
  EXPECT_EQ(mine[0].certificate->serial, serial);
  EXPECT_TRUE(service.Mine(riders_[1].account, 10).empty()) << "who nominated and voted is no nominee";
  EXPECT_EQ(service.Verify(serial).status, CertificateStatus::kValid);
  EXPECT_EQ(service.Verify("YH-1-1-000000").status, CertificateStatus::kUnknown);
  c->Execute("UPDATE honour_certificates SET nominee_name = '李冒名' WHERE serial = ?", {serial});
  EXPECT_EQ(service.Verify(serial).status, CertificateStatus::kUnknown) << "a forged row does not verify";
  c->Execute("UPDATE honour_certificates SET nominee_name = '张骑手0' WHERE serial = ?", {serial});
  EXPECT_FALSE(service.Revoke(outsider_, serial, "弄虚作假", kNow).ok());
  EXPECT_EQ(service.Revoke(street_, serial, "", kNow).error().name, "bad_reason");
  ASSERT_TRUE(service.Revoke(street_, serial, "弄虚作假", kNow).ok());
  EXPECT_EQ(service.Verify(serial).status, CertificateStatus::kRevoked);
  EXPECT_EQ(service.Revoke(street_, serial, "弄虚作假", kNow).error().name, "already_revoked");
}

// A campaign without a prize of its own pays each winner the honour rule in force for its area
// (here T-HC's own, 60 points from the city's pool), once; with the rule switched off, it pays nothing
// and is announced all the same.
TEST_P(HonourRepositoryTest, AnnouncingACampaignWithoutAPrizePaysTheHonourRuleOnce) {
  auto c = database_->Acquire();
  const auto issuer = points::Ledger::Find(*c, points::AccountKind::kIssuer, "city");
  const auto pool = points::Ledger::Find(*c, points::AccountKind::kPool, "city");
  ASSERT_TRUE(issuer && pool);
  points::TransferRequest fund;
  fund.source_id = issuer->id;
  fund.target_id = pool->id;
  fund.amount = 1000;
  fund.kind = points::TransferKind::kFund;
  fund.reason = "test";
  fund.client_id = "fund:honours-rule-test:" + core::RandomDigits(12);
  fund.actor_login = "tester";
  fund.at = kNow;
  ASSERT_TRUE(points::Ledger::Move(*c, fund).ok());
  const auto set_rule = [&](long long active) {
    c->Execute(
        "INSERT INTO points_earning_rules (area_code, trigger_kind, points, pool_account_id, daily_cap, "
        "monthly_cap, active, updated_by, updated_at) VALUES ('T-HC', 'honour', 60, ?, NULL, NULL, ?, 'test', 0) "
        "ON CONFLICT (area_code, trigger_kind) DO UPDATE SET points = 60, pool_account_id = "
        "excluded.pool_account_id, daily_cap = NULL, monthly_cap = NULL, active = excluded.active",
        {pool->id, active});
  };
  const core::Keyring& keyring = TestKeyring();
  areas::AreaService areas(*database_);
  HonourService service(*database_, areas, keyring, {.address_votes_per_hour = 30});
  const auto balance = [&] {
    const auto account =
        points::Ledger::Find(*c, points::AccountKind::kWorker, points::WorkerOwnerRef(riders_[0].account.account_id));
    return account ? account->balance : 0;
  };
  // Runs a campaign without a prize to its announcement, riders_[0] its one winner.
  const auto announce = [&](const std::string& title) -> std::pair<long long, long long> {
    CampaignInput input;
    input.title = title;
    input.nominating_until = kNow + 10;
    input.reviewing_until = kNow + 20;
    input.voting_until = kNow + 30;
    input.winners = 1;
    input.votes_per_person = 1;
    input.prize_points = 0;
    auto campaign = service.Create(street_, "T-HC", input, std::nullopt, kNow);
    EXPECT_TRUE(campaign.ok());
    if (!campaign.ok()) return {0, 0};
    auto nomination = service.Nominate(riders_[1].account, campaign->id,
                                       NominationInput{riders_[0].worker_id, std::nullopt, "暴雨天坚持送药上门"}, kNow);
    EXPECT_TRUE(nomination.ok());
    if (!nomination.ok()) return {0, 0};
    EXPECT_TRUE(service.Review(street_, nomination->id, true, "", kNow).ok());
    EXPECT_TRUE(service.Advance(street_, campaign->id, Stage::kReviewing, kNow).ok());
    EXPECT_TRUE(service.Advance(street_, campaign->id, Stage::kVoting, kNow).ok());
    EXPECT_TRUE(service.Vote(riders_[1].account, campaign->id, nomination->id, "10.0.0.9", kNow).ok());
    EXPECT_TRUE(service.Advance(street_, campaign->id, Stage::kAnnounced, kNow).ok());
    return {campaign->id, nomination->id};
  };
  const auto transfers = [&](long long campaign, long long nomination) {
    return c->QueryInt("SELECT COUNT(*) FROM points_transfers WHERE client_id = ? AND reason = 'honour'",
                       {"honour:" + std::to_string(campaign) + ":" + std::to_string(nomination)});
  };

  set_rule(1);
  const long long before = balance();
  const auto [paid_campaign, paid_nomination] = announce("2025年度最美骑手");
  EXPECT_EQ(balance(), before + 60) << "the honour rule's points";
  EXPECT_EQ(transfers(paid_campaign, paid_nomination), 1);
  EXPECT_EQ(service.Advance(street_, paid_campaign, Stage::kAnnounced, kNow).error().name, "bad_stage")
      << "announced once";
  EXPECT_EQ(balance(), before + 60) << "paid once";
  const auto results = service.ResultsOf(paid_campaign, nullptr);
  ASSERT_TRUE(results.ok());
  ASSERT_EQ(results->lines.size(), 1U);
  EXPECT_TRUE(results->lines[0].certificate);

  set_rule(0);
  const auto [unpaid_campaign, unpaid_nomination] = announce("2025年度技术能手");
  EXPECT_NE(unpaid_campaign, 0);
  EXPECT_EQ(balance(), before + 60) << "the rule is switched off";
  EXPECT_EQ(transfers(unpaid_campaign, unpaid_nomination), 0);
  c->Execute("DELETE FROM points_earning_rules WHERE area_code = 'T-HC'");
  EXPECT_TRUE(points::Ledger::Check(*c).Holds());
}

INSTANTIATE_TEST_SUITE_P(Backends, HonourRepositoryTest,
                         ::testing::ValuesIn(storage::TestDatabaseUrls("honour_campaigns")),
                         [](const auto& test) { return storage::BackendName(test.param); });

}  // namespace
}  // namespace youhao::honours
