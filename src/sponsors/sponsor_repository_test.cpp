#include "sponsors/sponsor_repository.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "accounts/test_accounts.h"
#include "points/ledger.h"
#include "sponsors/sponsors.h"
#include "storage/test_databases.h"

namespace youhao::sponsors {
namespace {

constexpr long long kNow = 1'765'000'000;

// The sponsors' tables on both databases, through the use cases that run their SQL.
class SponsorRepositoryTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::OpenMigratedTestDatabase(GetParam());
    areas_ = std::make_unique<areas::AreaService>(*database_);
    sponsors_ = std::make_unique<SponsorService>(*database_, *areas_);
    drives_ = std::make_unique<DriveService>(*database_, *areas_);
    Clean();
    auto c = database_->Acquire();
    c->Execute(
        "INSERT INTO areas (code, level, name_zh, name_en, path) VALUES ('T-SP', 'street', '测试街道', 'S', 'T-SP/') "
        "ON CONFLICT DO NOTHING");
    c->Execute(
        "INSERT INTO areas (code, parent_code, level, name_zh, name_en, path) VALUES ('T-SPC', 'T-SP', 'community', "
        "'测试社区', 'C', 'T-SP/T-SPC/') ON CONFLICT DO NOTHING");
    c->Execute(
        "INSERT INTO areas (code, level, name_zh, name_en, path) VALUES ('T-SQ', 'street', '别的街道', 'Q', 'T-SQ/') "
        "ON CONFLICT DO NOTHING");
    street_ = Person("sp-street", accounts::Role::kStreetOfficer, "T-SP");
    city_ = Person("sp-city", accounts::Role::kCityOfficer, "T-SP");
    member_ = Person("sp-member", accounts::Role::kSponsor, "T-SPC");
    other_member_ = Person("sp-other-member", accounts::Role::kSponsor, "T-SPC");
    keeper_ = Person("sp-keeper", accounts::Role::kStationKeeper, "T-SPC");
    worker_ = Person("sp-worker", accounts::Role::kWorker, "T-SPC");
    far_officer_ = Person("sp-far", accounts::Role::kStreetOfficer, "T-SQ");
  }

  void TearDown() override {
    auto c = database_->Acquire();
    const points::Conservation sums = points::Ledger::Check(*c);
    EXPECT_TRUE(sums.Holds()) << "issued " << sums.issued << " = pools " << sums.pools << " + workers " << sums.workers
                              << " + held " << sums.held << " + spent " << sums.spent << " + expired " << sums.expired;
    EXPECT_EQ(points::Ledger::BalancesOffTheirTransfers(*c), 0);
    Clean();
  }

  // Other suites on the same PostgreSQL delete transfers and pools: leave nothing that points at them.
  void Clean() {
    auto c = database_->Acquire();
    c->Execute("DELETE FROM drive_items WHERE logged_by LIKE 'sp-%'");
    c->Execute("DELETE FROM drive_points WHERE drive_id IN (SELECT id FROM drives WHERE created_by LIKE 'sp-%')");
    c->Execute("DELETE FROM drives WHERE created_by LIKE 'sp-%'");
    c->Execute("DELETE FROM points_redemptions WHERE client_id LIKE 'sp-%'");
    c->Execute("DELETE FROM points_offers WHERE created_by LIKE 'sp-%'");
    c->Execute("DELETE FROM sponsor_pledges WHERE pledged_by LIKE 'sp-%'");
    c->Execute("DELETE FROM sponsor_members WHERE sponsor_id IN (SELECT id FROM sponsors WHERE name LIKE 'sp-%')");
    c->Execute("DELETE FROM sponsors WHERE name LIKE 'sp-%'");
  }

  accounts::Principal Person(const std::string& login, accounts::Role role, const std::string& area) {
    return accounts::TestAccount(*database_->Acquire(), login, role, area,
                                 area == "T-SPC" ? "T-SP/T-SPC/" : area + "/");
  }

  long long Place(const std::string& kind, const std::string& name, std::optional<long long> owner,
                  const std::string& area = "T-SPC") {
    auto c = database_->Acquire();
    const std::string path = area == "T-SPC" ? "T-SP/T-SPC/" : area + "/";
    return c
        ->QueryOne(
            "INSERT INTO places (kind, name, area_code, area_path, lat, lon, created_at, status, owner_account_id) "
            "VALUES (?, ?, ?, ?, 39.99, 116.33, 0, 'approved', ?) RETURNING id",
            {kind, name, area, path, owner ? storage::Value(*owner) : storage::Value(nullptr)})
        ->Int(0);
  }

  Sponsor NewSponsor(const std::string& name) {
    auto made = sponsors_->Create(street_, {name, "alliance", "T-SP", "  党建联盟单位  "}, kNow);
    EXPECT_TRUE(made.ok()) << made.error().detail;
    return *made;
  }

  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<areas::AreaService> areas_;
  std::unique_ptr<SponsorService> sponsors_;
  std::unique_ptr<DriveService> drives_;
  accounts::Principal street_, city_, member_, other_member_, keeper_, worker_, far_officer_;
};

TEST_P(SponsorRepositoryTest, ASponsorGetsItsOwnPoolAndMembers) {
  const Sponsor sponsor = NewSponsor("sp-中关村爱心企业联盟");
  EXPECT_EQ(sponsor.intro, "党建联盟单位");
  EXPECT_EQ(sponsor.area_name, "测试街道");
  ASSERT_TRUE(sponsor.pool_account_id.has_value());
  auto c = database_->Acquire();
  const auto pool = points::Ledger::Find(*c, points::AccountKind::kPool, PoolOwnerRef(sponsor.id));
  ASSERT_TRUE(pool.has_value());
  EXPECT_EQ(pool->id, *sponsor.pool_account_id);
  EXPECT_EQ(pool->name, "sp-中关村爱心企业联盟");

  EXPECT_FALSE(sponsors_->Create(worker_, {"sp-x", "company", "T-SP", ""}, kNow).ok());
  EXPECT_EQ(sponsors_->Create(street_, {"sp-x", "charity", "T-SP", ""}, kNow).error().name, "bad_sponsor");
  EXPECT_EQ(sponsors_->Create(far_officer_, {"sp-x", "company", "T-SP", ""}, kNow).error().code,
            core::ErrorCode::kForbidden)
      << "out of area";

  EXPECT_EQ(SponsorOf(*c, member_.account_id), std::nullopt);
  ASSERT_TRUE(sponsors_->Link(street_, sponsor.id, member_.account_id).ok());
  EXPECT_EQ(SponsorOf(*c, member_.account_id), sponsor.id);
  EXPECT_EQ(sponsors_->Link(street_, sponsor.id, worker_.account_id).error().name, "not_sponsor_role");
  EXPECT_EQ(sponsors_->Link(far_officer_, sponsor.id, other_member_.account_id).error().code,
            core::ErrorCode::kForbidden);
  EXPECT_EQ(sponsors_->Link(member_, sponsor.id, other_member_.account_id).error().name, "sponsors_not_allowed");

  const Sponsor second = NewSponsor("sp-羊肉粉店");
  ASSERT_TRUE(sponsors_->Link(street_, second.id, member_.account_id).ok());
  EXPECT_EQ(SponsorOf(*c, member_.account_id), second.id) << "an account speaks for one sponsor";
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM audit_log WHERE action = 'sponsors.member_link' AND entity_id = ?",
                        {std::to_string(second.id)}),
            1);
}

TEST_P(SponsorRepositoryTest, APledgeFundsThePoolOnlyWhenACityOfficerConfirmsIt) {
  const Sponsor sponsor = NewSponsor("sp-联盟");
  ASSERT_TRUE(sponsors_->Link(street_, sponsor.id, member_.account_id).ok());
  EXPECT_EQ(sponsors_->MakePledge(other_member_, sponsor.id, 500, "", kNow).error().name, "not_sponsor_member");
  EXPECT_EQ(sponsors_->MakePledge(member_, sponsor.id, 0, "", kNow).error().name, "bad_pledge");
  auto pledge = sponsors_->MakePledge(member_, sponsor.id, 500, " 年度 ", kNow);
  ASSERT_TRUE(pledge.ok()) << pledge.error().detail;
  EXPECT_EQ(pledge->status, PledgeStatus::kPledged);
  EXPECT_EQ(pledge->note, "年度");

  EXPECT_EQ(sponsors_->Fund(member_, pledge->id, kNow).error().name, "sponsors_not_allowed")
      << "a sponsor never funds itself";
  EXPECT_EQ(sponsors_->Fund(street_, pledge->id, kNow).error().name, "sponsors_not_allowed");
  auto c = database_->Acquire();
  EXPECT_EQ(sponsor_repository::Find(*c, sponsor.id)->pool_balance, 0);

  auto funded = sponsors_->Fund(city_, pledge->id, kNow + 1);
  ASSERT_TRUE(funded.ok()) << funded.error().detail;
  EXPECT_EQ(funded->status, PledgeStatus::kFunded);
  ASSERT_TRUE(funded->transfer_id.has_value());
  const auto transfer = points::Ledger::TransferById(*c, *funded->transfer_id);
  EXPECT_EQ(transfer->client_id, "fund:sponsor:" + std::to_string(pledge->id));
  EXPECT_EQ(transfer->kind, points::TransferKind::kFund);
  EXPECT_EQ(sponsor_repository::Find(*c, sponsor.id)->pool_balance, 500);

  EXPECT_EQ(sponsors_->Fund(city_, pledge->id, kNow + 2).error().name, "pledge_decided");
  EXPECT_EQ(sponsors_->Decline(city_, pledge->id, kNow + 2).error().name, "pledge_decided");
  EXPECT_EQ(sponsor_repository::Find(*c, sponsor.id)->pool_balance, 500) << "funded once";

  auto second = sponsors_->MakePledge(member_, sponsor.id, 300, "", kNow);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(sponsors_->Open(city_)->size(), 1U);
  auto declined = sponsors_->Decline(city_, second->id, kNow + 3);
  ASSERT_TRUE(declined.ok());
  EXPECT_EQ(declined->status, PledgeStatus::kDeclined);
  EXPECT_EQ(sponsor_repository::Find(*c, sponsor.id)->pool_balance, 500);
  EXPECT_TRUE(sponsors_->Open(city_)->empty());
}

TEST_P(SponsorRepositoryTest, ThePageShowsWhatThePointsBecame) {
  const Sponsor sponsor = NewSponsor("sp-页面");
  ASSERT_TRUE(sponsors_->Link(street_, sponsor.id, member_.account_id).ok());
  auto pledge = sponsors_->MakePledge(member_, sponsor.id, 1000, "", kNow);
  ASSERT_TRUE(sponsors_->Fund(city_, pledge->id, kNow).ok());
  auto c = database_->Acquire();
  // Two awards from its pool, one from the city's.
  const long long rider =
      points::Ledger::Ensure(*c, points::AccountKind::kWorker, points::WorkerOwnerRef(worker_.account_id), "", kNow).id;
  for (const char* client : {"sp-a1", "sp-a2"}) {
    ASSERT_TRUE(
        points::Ledger::Move(
            *c,
            {*sponsor.pool_account_id, rider, 40, points::TransferKind::kAward, "test", client, "sp-test", {}, kNow})
            .ok());
  }
  // An offer it pays for, confirmed twice and held once; an offer of the city's.
  const long long shop = Place("merchant", "sp-羊肉粉店", std::nullopt);
  auto offer_of = [&](const std::string& title, std::optional<long long> payer) {
    return c
        ->QueryOne(
            "INSERT INTO points_offers (place_id, title, description, price, valid_from, active, created_by, "
            "created_at, updated_at, sponsor_id) VALUES (?, ?, '', 20, 0, 1, 'sp-test', 0, 0, ?) RETURNING id",
            {shop, title, payer ? storage::Value(*payer) : storage::Value(nullptr)})
        ->Int(0);
  };
  const long long lunch = offer_of("骑手午餐套餐", sponsor.id);
  const long long city_offer = offer_of("充电", std::nullopt);
  int n = 0;
  for (const auto& [offer, status] : std::vector<std::pair<long long, std::string>>{
           {lunch, "confirmed"}, {lunch, "confirmed"}, {lunch, "held"}, {city_offer, "confirmed"}}) {
    c->Execute(
        "INSERT INTO points_redemptions (offer_id, place_id, worker_account_id, client_id, title, price, status, "
        "code_digest, code_expires_at, expires_at, created_at) VALUES (?, ?, ?, ?, 't', 20, ?, ?, 0, 0, 0)",
        {offer, shop, worker_.account_id, "sp-r" + std::to_string(n), status, "sp-digest-" + std::to_string(n)});
    ++n;
  }

  auto page = sponsors_->Page(worker_, sponsor.id);
  ASSERT_TRUE(page.ok());
  EXPECT_FALSE(page->private_shown) << "a worker sees the public figures only";
  EXPECT_TRUE(page->pledges.empty());
  EXPECT_EQ(page->figures.funded, 1000);
  EXPECT_EQ(page->figures.awards, 2);
  EXPECT_EQ(page->figures.awarded, 80);
  ASSERT_EQ(page->figures.served.size(), 1U);
  EXPECT_EQ(page->figures.served[0].title, "骑手午餐套餐");
  EXPECT_EQ(page->figures.served[0].count, 2);
  EXPECT_EQ(page->figures.served[0].points, 40);
  EXPECT_EQ(page->figures.wishes_fulfilled, 0);
  EXPECT_EQ(page->sponsor.pool_balance, 920);

  auto own = sponsors_->Page(member_, sponsor.id);
  EXPECT_TRUE(own->private_shown);
  EXPECT_EQ(own->pledges.size(), 1U);
  EXPECT_EQ(own->members.size(), 1U);
  EXPECT_TRUE(sponsors_->Page(street_, sponsor.id)->private_shown) << "an officer of its area";
  EXPECT_FALSE(sponsors_->Page(far_officer_, sponsor.id)->private_shown);
  EXPECT_EQ(sponsors_->Page(worker_, 999999).error().code, core::ErrorCode::kNotFound);

  // Give the pool's points back so the ledger suites that share this database start clean.
  c->Execute("DELETE FROM points_redemptions WHERE client_id LIKE 'sp-%'");
}

TEST_P(SponsorRepositoryTest, ADriveCountsItemsPerOrganisationAndPerDropPoint) {
  const Sponsor sponsor = NewSponsor("sp-书香");
  const long long station = Place("station", "sp-华清嘉园驿站", keeper_.account_id);
  const long long other_station = Place("station", "sp-五道口驿站", std::nullopt);
  const long long shop = Place("merchant", "sp-小店", std::nullopt);
  const long long far_station = Place("station", "sp-远处驿站", std::nullopt, "T-SQ");

  DriveInput input{"一本书的旅行", "为骑手的孩子募集图书",  "T-SP", "儿童读物", 100, kNow - 10,
                   kNow + 1000,    {station, other_station}};
  EXPECT_EQ(drives_->Create(keeper_, input, kNow).error().name, "sponsors_not_allowed");
  DriveInput with_shop = input;
  with_shop.drop_point_ids = {station, shop};
  EXPECT_EQ(drives_->Create(street_, with_shop, kNow).error().fields.at("place_id").as_int64(), shop);
  DriveInput with_far = input;
  with_far.drop_point_ids = {far_station};
  EXPECT_EQ(drives_->Create(street_, with_far, kNow).error().name, "bad_drive") << "outside the drive's area";
  auto made = drives_->Create(street_, input, kNow);
  ASSERT_TRUE(made.ok()) << made.error().detail;
  const long long drive = made->drive.id;
  EXPECT_EQ(made->drop_points.size(), 2U);

  auto log = [&](const accounts::Principal& who, long long place, const ItemInput& item) {
    return drives_->Log(who, drive, place, item, kNow);
  };
  ASSERT_TRUE(log(keeper_, station, {"in", "清华附中", std::nullopt, 30, "", ""}).ok());
  ASSERT_TRUE(log(keeper_, station, {"in", "sp-书香", sponsor.id, 12, "", "绘本"}).ok());
  ASSERT_TRUE(log(street_, other_station, {"in", "清华附中", std::nullopt, 8, "", ""}).ok());
  EXPECT_EQ(log(keeper_, other_station, {"in", "某单位", std::nullopt, 1, "", ""}).error().name,
            "not_drop_point_keeper");
  EXPECT_EQ(log(far_officer_, station, {"in", "某单位", std::nullopt, 1, "", ""}).error().name,
            "not_drop_point_keeper");
  EXPECT_EQ(log(keeper_, shop, {"in", "某单位", std::nullopt, 1, "", ""}).error().name, "not_drop_point");
  EXPECT_EQ(log(keeper_, station, {"out", "", std::nullopt, 43, "worker_child", ""}).error().name, "drive_not_enough");
  auto out = log(keeper_, station, {"out", "", std::nullopt, 40, "worker_child", ""});
  ASSERT_TRUE(out.ok()) << out.error().detail;

  const auto& view = *out;
  EXPECT_EQ(view.drive.collected, 50);
  EXPECT_EQ(view.drive.handed_out, 40);
  EXPECT_EQ(view.drive.organisations, 2);
  ASSERT_EQ(view.organisations.size(), 2U);
  EXPECT_EQ(view.organisations[0].organisation, "清华附中");
  EXPECT_EQ(view.organisations[0].count, 38);
  EXPECT_EQ(view.organisations[1].sponsor_id, sponsor.id);
  ASSERT_EQ(view.drop_points.size(), 2U);
  EXPECT_EQ(view.drop_points[0].collected, 42);
  EXPECT_EQ(view.drop_points[0].handed_out, 40);
  EXPECT_EQ(view.drop_points[1].collected, 8);

  auto c = database_->Acquire();
  EXPECT_EQ(drive_repository::OnHand(*c, drive, station), 2);
  const auto page = sponsors_->Page(worker_, sponsor.id);
  ASSERT_EQ(page->figures.drives.size(), 1U);
  EXPECT_EQ(page->figures.drives[0].items, 12);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM audit_log WHERE action = 'drives.item_out' AND entity_id = ?",
                        {std::to_string(drive)}),
            1);
  EXPECT_EQ(drives_->Get(999999).error().code, core::ErrorCode::kNotFound);
  // The places stay (nothing else points at them); the drive's rows go in TearDown.
}

INSTANTIATE_TEST_SUITE_P(Backends, SponsorRepositoryTest, ::testing::ValuesIn(storage::TestDatabaseUrls("sponsors")),
                         [](const auto& test) { return storage::BackendName(test.param); });

}  // namespace
}  // namespace youhao::sponsors
