#include "demo/demo_wishes.h"

#include <optional>
#include <string>

#include "core/base64.h"
#include "demo/demo_support.h"
#include "media/photo_id.h"
#include "media/thumbnail.h"
#include "wishes/wish_repository.h"

namespace youhao::demo {

namespace {

using wishes::WishStatus;

constexpr long long kDay = 86'400;
constexpr std::string_view kAlliance = "中关村爱心企业联盟";

/// The alliance demo-sponsor speaks for (made here when the sponsors' demo did not make it).
std::optional<long long> Alliance(storage::Connection& connection, long long now) {
  if (auto row = connection.QueryOne("SELECT id FROM sponsors WHERE name = ?", {std::string(kAlliance)}))
    return row->Int(0);
  auto area = connection.QueryOne("SELECT area_code FROM accounts WHERE login = 'demo-sponsor'");
  if (!area) return std::nullopt;
  const long long id = connection
                           .QueryOne(
                               "INSERT INTO sponsors (name, kind, area_code, intro, created_at) VALUES (?, "
                               "'alliance', ?, '', ?) RETURNING id",
                               {std::string(kAlliance), area->Text(0), now - 90 * kDay})
                           ->Int(0);
  if (const auto member = AccountId(connection, "demo-sponsor")) {
    connection.Execute("INSERT INTO sponsor_members (account_id, sponsor_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                       {*member, id});
  }
  return id;
}

/// A courier of the register (a seeded parcel worker, of demo-community's community when there is
/// one; without a sign-in account, so the community posted the wish for him).
std::optional<wishes::WishWorker> Courier(storage::Connection& connection) {
  auto row = connection.QueryOne(
      "SELECT w.id FROM workers w JOIN areas a ON a.code = w.area_code "
      "WHERE w.kind = 'parcel' AND w.status = 'verified' AND a.level = 'community' "
      "ORDER BY CASE WHEN w.area_code = (SELECT area_code FROM accounts WHERE login = 'demo-community') THEN 0 "
      "ELSE 1 END, w.id LIMIT 1");
  if (!row) return std::nullopt;
  return wishes::wish_repository::FindWorker(connection, row->Int(0));
}

std::optional<wishes::WishWorker> WorkerOf(storage::Connection& connection, const std::string& login) {
  const auto account = AccountId(connection, login);
  if (!account) return std::nullopt;
  return wishes::wish_repository::FindWorkerOfAccount(connection, *account);
}

struct DemoWish {
  wishes::WishInput input;
  WishStatus status = WishStatus::kSubmitted;
  long long age_days = 0;
  std::string reject_reason;
  std::string note;
  std::string thanks;
};

/// Writes `wish` for `worker` as the states it went through would have.
void Seed(storage::Connection& connection, const wishes::WishWorker& worker, const DemoWish& wish,
          std::optional<long long> sponsor, std::optional<long long> sponsor_account, long long now) {
  // Staff post for a worker without an account; a worker with one posts their own.
  const std::string poster = worker.account_id ? "" : "demo-community";
  namespace repo = wishes::wish_repository;
  const auto community = repo::CommunityOf(connection, worker.area_path);
  const std::optional<long long> poster_id = worker.account_id ? worker.account_id : AccountId(connection, poster);
  if (!community || !poster_id) return;
  const long long posted = now - wish.age_days * kDay;
  const long long id = repo::Insert(
      connection, {worker, *community, wish.input, *poster_id, repo::LoginOf(connection, *poster_id)}, posted);
  if (wish.status == WishStatus::kSubmitted) return;
  const long long reviewed = posted + kDay;
  if (wish.status == WishStatus::kRejected) {
    repo::Move(connection, id, WishStatus::kSubmitted, WishStatus::kRejected, reviewed);
    repo::SetReview(connection, id, "demo-community", wish.reject_reason, reviewed);
    return;
  }
  repo::Move(connection, id, WishStatus::kSubmitted, WishStatus::kVerified, reviewed);
  repo::SetReview(connection, id, "demo-community", "", reviewed);
  if (wish.status == WishStatus::kVerified || !sponsor || !sponsor_account) return;
  const long long claimed = reviewed + kDay;
  repo::Move(connection, id, WishStatus::kVerified, WishStatus::kClaimed, claimed);
  const long long claim =
      repo::InsertClaim(connection, id, *sponsor, *sponsor_account, claimed, wishes::ClaimDue(claimed));
  if (wish.status == WishStatus::kClaimed) return;
  const long long fulfilled = claimed + 2 * kDay;
  const std::string jpeg = media::PlainJpeg(640, 480, 90, 150, 200);
  const std::string thumbnail = media::MakeThumbnail(jpeg).value();
  repo::FulfilClaim(connection, claim, wish.note, "image/jpeg",
                    core::Base64Encode(jpeg, core::Base64Variant::kStandard),
                    core::Base64Encode(thumbnail, core::Base64Variant::kStandard), media::NewPhotoId(), fulfilled);
  repo::Move(connection, id, WishStatus::kClaimed, WishStatus::kFulfilled, fulfilled);
  if (wish.status == WishStatus::kFulfilled) return;
  const long long confirmed = fulfilled + kDay;
  repo::Move(connection, id, WishStatus::kFulfilled, WishStatus::kConfirmed, confirmed);
  repo::ConfirmClaim(connection, claim, wish.thanks, confirmed);
}

}  // namespace

void SeedDemoWishes(storage::Connection& connection, long long now) {
  storage::Transaction transaction(connection);
  const auto alliance = Alliance(connection, now);
  const auto sponsor_account = AccountId(connection, "demo-sponsor");
  const auto worker = WorkerOf(connection, "demo-worker");
  const auto reporter = WorkerOf(connection, "demo-reporter");
  // The seeds' story: a 20-year-old courier supporting a sick sister asked for a fridge.
  if (auto courier = Courier(connection); courier || reporter) {
    Seed(
        connection, courier ? *courier : *reporter,
        {{"一台小冰箱", "妹妹生病在家养病，每天的药需要冷藏，家里没有冰箱", "appliance", 500}, WishStatus::kClaimed, 4},
        alliance, sponsor_account, now);
  }
  if (worker) {
    Seed(connection, *worker,
         {{"一顶新头盔", "旧头盔摔裂了，跑单天天要戴", "daily", 120},
          WishStatus::kConfirmed,
          30,
          "",
          "头盔已送到驿站，试戴合适",
          "谢谢爱心企业！新头盔很结实，骑车安心多了"},
         alliance, sponsor_account, now);
    Seed(connection, *worker,
         {{"一个大容量充电宝", "手机整天导航接单，下午就没电了", "daily", 150},
          WishStatus::kFulfilled,
          10,
          "",
          "充电宝已放在华清嘉园驿站，凭手机号领取"},
         alliance, sponsor_account, now);
    Seed(connection, *worker, {{"一套雨衣雨裤", "雨天送餐全身湿透", "clothing", 80}, WishStatus::kSubmitted, 1},
         alliance, sponsor_account, now);
  }
  if (reporter) {
    Seed(connection, *reporter,
         {{"给孩子的新书包", "孩子今年上小学，想给他买个新书包", "study", 100}, WishStatus::kVerified, 6}, alliance,
         sponsor_account, now);
    Seed(connection, *reporter,
         {{"一台笔记本电脑", "想学做短视频", "study", 500},
          WishStatus::kRejected,
          12,
          "电脑不属于生活急需，建议改为其他心愿"},
         alliance, sponsor_account, now);
  }
  transaction.Commit();
}

}  // namespace youhao::demo
