#include "demo/demo_sponsors.h"

#include <optional>
#include <string>
#include <vector>

#include "demo/demo_support.h"
#include "points/ledger.h"
#include "sponsors/sponsor_repository.h"
#include "sponsors/sponsors.h"

namespace youhao::demo {

namespace {

constexpr long long kDay = 86'400;

std::string AreaOf(storage::Connection& connection, const std::string& login) {
  auto row = connection.QueryOne("SELECT area_code FROM accounts WHERE login = ?", {login});
  return row ? row->Text(0) : std::string("110000");
}

/// A sponsor with its pool, as SponsorService::Create makes one.
long long NewSponsor(storage::Connection& connection, const sponsors::SponsorInput& input, long long at) {
  const long long id = sponsors::sponsor_repository::Insert(connection, input, at);
  const auto pool =
      points::Ledger::Ensure(connection, points::AccountKind::kPool, sponsors::PoolOwnerRef(id), input.name, at);
  sponsors::sponsor_repository::SetPool(connection, id, pool.id);
  return id;
}

/// A pledge, funded by demo-city `delay` seconds later (or left open for the demo's officer).
void Pledge(storage::Connection& connection, long long sponsor_id, long long amount, const std::string& note,
            long long at, std::optional<long long> funded_after, const std::string& by = "demo-sponsor") {
  const long long pledge = sponsors::sponsor_repository::InsertPledge(connection, sponsor_id, amount, note, by, at);
  if (!funded_after) return;
  const auto issuer = points::Ledger::Find(connection, points::AccountKind::kIssuer, "city");
  const auto sponsor = sponsors::sponsor_repository::Find(connection, sponsor_id);
  points::TransferRequest request{issuer->id,
                                  *sponsor->pool_account_id,
                                  amount,
                                  points::TransferKind::kFund,
                                  "sponsor_pledge",
                                  "fund:sponsor:" + std::to_string(pledge),
                                  "demo-city",
                                  std::nullopt,
                                  at + *funded_after};
  const auto moved = points::Ledger::Move(connection, request);
  if (!moved.ok()) return;
  sponsors::sponsor_repository::DecidePledge(connection, pledge, sponsors::PledgeStatus::kFunded, "demo-city",
                                             at + *funded_after, moved.value().id);
}

/// Approved stations of the street `area_code` lies in, the demo keeper's first.
std::vector<long long> StationsNear(storage::Connection& connection, const std::string& street_code) {
  std::vector<long long> stations;
  for (const auto& row : connection.Query("SELECT p.id FROM places p LEFT JOIN accounts a ON a.id = p.owner_account_id "
                                          "WHERE p.kind = 'station' AND p.status = 'approved' AND p.area_path LIKE ? "
                                          "ORDER BY CASE WHEN a.login = 'demo-keeper' THEN 0 ELSE 1 END, p.id LIMIT 2",
                                          {"%" + street_code + "/%"}))
    stations.push_back(row.Int(0));
  return stations;
}

}  // namespace

void SeedDemoSponsors(storage::Connection& connection, long long now) {
  storage::Transaction transaction(connection);
  const std::string street = AreaOf(connection, "demo-sponsor");
  const std::string community = AreaOf(connection, "demo-merchant");
  const long long alliance =
      NewSponsor(connection,
                 {"中关村爱心企业联盟", "alliance", street,
                  "街道党建联盟的 23 家成员单位一起出资，为快递员、外卖骑手提供午餐、充电和子女关爱。"},
                 now - 90 * kDay);
  const long long noodle_shop = NewSponsor(
      connection, {"羊肉粉店", "merchant", community, "华清嘉园门口的小店，骑手凭积分来吃饭，老板自己也捐一部分积分。"},
      now - 70 * kDay);
  if (const auto member = AccountId(connection, "demo-sponsor"))
    sponsors::sponsor_repository::Link(connection, *member, alliance);

  Pledge(connection, alliance, 20'000, "2026 年度骑手关爱积分", now - 80 * kDay, 2 * kDay);
  Pledge(connection, alliance, 5'000, "7·17 骑手节加码", now - 25 * kDay, kDay);
  Pledge(connection, noodle_shop, 3'000, "店里每月拿出一部分营业额", now - 60 * kDay, kDay, "demo-merchant");
  Pledge(connection, alliance, 8'000, "冬季暖心午餐", now - 2 * kDay, std::nullopt);

  // The alliance's pool pays the lunch offer and thanks a rider.
  connection.Execute("UPDATE points_offers SET sponsor_id = ? WHERE title = '骑手午餐套餐'", {alliance});
  if (const auto worker = AccountId(connection, "demo-worker")) {
    const auto pool = sponsors::sponsor_repository::Find(connection, alliance)->pool_account_id;
    const auto account =
        points::Ledger::Ensure(connection, points::AccountKind::kWorker, points::WorkerOwnerRef(*worker), "", now);
    points::TransferRequest award{*pool,
                                  account.id,
                                  40,
                                  points::TransferKind::kAward,
                                  "寒潮期间坚持送餐",
                                  "award:demo:cold-wave",
                                  "demo-street",
                                  std::nullopt,
                                  now - 10 * kDay};
    (void)points::Ledger::Move(connection, award);
  }

  // 一本书的旅行: two drop points at stations, books from several organisations, some handed out.
  const auto stations = StationsNear(connection, street);
  if (stations.empty()) {
    transaction.Commit();
    return;
  }
  sponsors::DriveInput drive{
      "一本书的旅行",
      "把家里读过的好书送到驿站，交给快递员、外卖骑手留守在老家的孩子。每本书里夹一张写给孩子的小卡片。",
      street,
      "儿童读物、绘本",
      1'000,
      now - 20 * kDay,
      now + 40 * kDay,
      stations};
  const long long drive_id = sponsors::drive_repository::Insert(connection, drive, "demo-street", now - 21 * kDay);
  struct Gift {
    std::size_t point;
    const char* organisation;
    std::optional<long long> sponsor_id;
    long long count;
    long long days_ago;
  };
  const std::vector<Gift> gifts = {
      {0, "清华大学附属中学", std::nullopt, 126, 18},  {0, "中关村爱心企业联盟", alliance, 210, 15},
      {0, "华清嘉园业主委员会", std::nullopt, 58, 12}, {1, "中关村第一小学", std::nullopt, 95, 10},
      {1, "海淀区图书馆", std::nullopt, 80, 7},        {0, "羊肉粉店", noodle_shop, 12, 5},
      {1, "中关村爱心企业联盟", alliance, 64, 3},
  };
  for (const auto& gift : gifts) {
    if (gift.point >= stations.size()) continue;
    sponsors::NewItem item;
    item.drive_id = drive_id;
    item.place_id = stations[gift.point];
    item.direction = sponsors::Direction::kIn;
    item.organisation = gift.organisation;
    item.sponsor_id = gift.sponsor_id;
    item.count = gift.count;
    item.logged_by = gift.point == 0 ? "demo-keeper" : "demo-street";
    item.at = now - gift.days_ago * kDay;
    sponsors::drive_repository::InsertItem(connection, item);
  }
  sponsors::NewItem out;
  out.drive_id = drive_id;
  out.place_id = stations[0];
  out.direction = sponsors::Direction::kOut;
  out.count = 150;
  out.recipient_kind = "worker_child";
  out.note = "随骑手返乡带回老家";
  out.logged_by = "demo-keeper";
  out.at = now - 4 * kDay;
  sponsors::drive_repository::InsertItem(connection, out);
  transaction.Commit();
}

}  // namespace youhao::demo
