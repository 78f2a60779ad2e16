#include "demo/demo_honours.h"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "honours/honour_repository.h"
#include "honours/honour_service.h"
#include "points/ledger.h"

namespace youhao::demo {

namespace {

using honours::Campaign;
using honours::CampaignKind;
using honours::Nomination;
using honours::NominationStatus;
using honours::Stage;

constexpr long long kDay = 86'400;

struct Nominee {
  long long worker_id = 0;
  std::optional<long long> account_id;
  std::string name;
  std::string kind;
};

/// Verified workers of the area below `area_path`, demo-worker first when he is one of them.
std::vector<Nominee> Nominees(storage::Connection& connection, const std::string& area_path,
                              std::optional<std::string> kind, int count) {
  std::vector<Nominee> nominees;
  const std::string sql = fmt::format(
      "SELECT w.id, w.account_id, w.name, w.kind FROM workers w LEFT JOIN accounts a ON a.id = w.account_id "
      "WHERE w.status = 'verified' AND w.area_path LIKE ? {} "
      "ORDER BY CASE WHEN a.login = 'demo-worker' THEN 0 ELSE 1 END, CASE WHEN w.account_id IS NULL THEN 1 ELSE 0 "
      "END, w.id LIMIT ?",
      kind ? "AND w.kind = ?" : "");
  const auto rows = kind ? connection.Query(sql, {area_path + "%", *kind, static_cast<long long>(count)})
                         : connection.Query(sql, {area_path + "%", static_cast<long long>(count)});
  for (const auto& row : rows) {
    Nominee nominee{row.Int(0), std::nullopt, row.Text(2), row.Text(3)};
    if (!row.IsNull(1)) nominee.account_id = row.Int(1);
    nominees.push_back(nominee);
  }
  return nominees;
}

std::optional<std::pair<std::string, std::string>> Area(storage::Connection& connection, const std::string& code) {
  const auto row = connection.QueryOne("SELECT code, path FROM areas WHERE code = ?", {code});
  if (!row) return std::nullopt;
  return std::pair{row->Text(0), row->Text(1)};
}

/// Casts `votes[i]` votes for nomination i from the first voters (one vote a nominee each, within
/// the campaign's limit), as if from a handful of networks.
void Vote(storage::Connection& connection, const Campaign& campaign, const std::vector<long long>& nominations,
          const std::vector<int>& votes, const std::vector<long long>& voters, long long at) {
  for (std::size_t i = 0; i < nominations.size() && i < votes.size(); ++i) {
    int cast = 0;
    for (std::size_t v = 0; v < voters.size() && cast < votes[i]; ++v) {
      const auto outcome =
          honours::repository::InsertVote(connection, campaign.id, nominations[i], voters[v], campaign.votes_per_person,
                                          fmt::format("demo-network-{}", v % 7), at + 60LL * cast);
      if (outcome == honours::VoteInsert::kInserted) ++cast;
    }
  }
}

long long NewCampaign(storage::Connection& connection, Campaign& campaign) {
  campaign.id = honours::repository::InsertCampaign(connection, campaign);
  return campaign.id;
}

long long Nominate(storage::Connection& connection, const Campaign& campaign, const Nominee& nominee,
                   const std::string& citation, const std::string& by, long long at, long long now) {
  Nomination nomination;
  nomination.campaign_id = campaign.id;
  nomination.nominee_ref = fmt::format("worker:{}", nominee.worker_id);
  nomination.worker_id = nominee.worker_id;
  nomination.account_id = nominee.account_id;
  nomination.nominee_name = nominee.name;
  nomination.nominee_kind = nominee.kind;
  nomination.citation = citation;
  nomination.evidence_json =
      honours::EvidenceJson(honours::CountEvidence(connection, nominee.worker_id, nominee.account_id, now));
  nomination.status = NominationStatus::kAccepted;
  nomination.nominated_by = by;
  nomination.nominated_at = at;
  const long long id = honours::repository::InsertNomination(connection, nomination);
  honours::repository::Review(connection, id, NominationStatus::kAccepted, "", "demo-district", at + kDay);
  return id;
}

}  // namespace

void SeedDemoHonours(storage::Connection& connection, long long now) {
  std::vector<long long> voters;
  for (const auto& row : connection.Query("SELECT id FROM accounts WHERE disabled = 0 ORDER BY id LIMIT 60"))
    voters.push_back(row.Int(0));

  // 2025年度海淀区最美外卖员: announced three weeks ago.
  if (const auto district = Area(connection, "110108")) {
    Campaign campaign;
    campaign.title = "2025年度海淀区最美外卖员";
    campaign.kind = CampaignKind::kBestRider;
    campaign.area_code = district->first;
    campaign.area_path = district->second;
    campaign.stage = Stage::kNominating;
    campaign.nominating_until = now - 60 * kDay;
    campaign.reviewing_until = now - 45 * kDay;
    campaign.voting_until = now - 22 * kDay;
    campaign.winners = 2;
    campaign.votes_per_person = 3;
    campaign.prize_points = 200;
    campaign.created_by = "demo-district";
    campaign.created_at = now - 75 * kDay;
    NewCampaign(connection, campaign);
    const std::vector<std::string> citations = {
        "暴雨夜坚持送餐，途中发现独居老人摔倒，送医后才继续配送",
        "三年零差评，主动上报小区消防通道堵塞隐患十余次",
        "春节留守北京，为社区困难老人义务送药送菜",
        "带新骑手熟悉片区路线，整理了中关村各小区的送货须知",
    };
    const auto nominees = Nominees(connection, campaign.area_path, std::string("food"), 4);
    std::vector<long long> nominations;
    for (std::size_t i = 0; i < nominees.size(); ++i) {
      nominations.push_back(Nominate(connection, campaign, nominees[i], citations[i % citations.size()], "demo-keeper",
                                     now - (70 - static_cast<long long>(i)) * kDay, now));
    }
    Vote(connection, campaign, nominations, {41, 33, 27, 12}, voters, now - 30 * kDay);
    const auto pool = points::Ledger::Find(connection, points::AccountKind::kPool, "city");
    for (const auto& ranked :
         honours::RankResults(honours::repository::Tallies(connection, campaign.id), campaign.winners)) {
      std::optional<long long> prize;
      const auto nomination = honours::repository::NominationById(connection, ranked.nomination_id);
      if (ranked.winner && nomination && nomination->account_id && pool && pool->balance >= campaign.prize_points) {
        points::TransferRequest request;
        request.source_id = pool->id;
        request.target_id = points::Ledger::Ensure(connection, points::AccountKind::kWorker,
                                                   points::WorkerOwnerRef(*nomination->account_id), "", now - 22 * kDay)
                                .id;
        request.amount = campaign.prize_points;
        request.kind = points::TransferKind::kAward;
        request.reason = "honour";
        request.client_id = fmt::format("honour:{}:{}", campaign.id, nomination->id);
        request.actor_login = "demo-district";
        request.at = now - 22 * kDay;
        if (auto moved = points::Ledger::Move(connection, request); moved.ok()) prize = moved->id;
      }
      honours::repository::SetResult(connection, ranked.nomination_id, ranked.rank, ranked.winner, prize);
    }
    honours::repository::SetStage(connection, campaign.id, Stage::kNominating, Stage::kAnnounced, now - 22 * kDay);
  }

  // 2026年度中关村街道最美快递人: voting until ten days from now, in demo-street's street.
  const auto street_code = connection.QueryOne("SELECT area_code FROM accounts WHERE login = 'demo-street'");
  const auto street = street_code ? Area(connection, street_code->Text(0)) : std::nullopt;
  if (street) {
    Campaign campaign;
    campaign.title = "2026年度中关村街道最美快递人";
    campaign.kind = CampaignKind::kBestCourier;
    campaign.area_code = street->first;
    campaign.area_path = street->second;
    campaign.stage = Stage::kVoting;
    campaign.nominating_until = now - 14 * kDay;
    campaign.reviewing_until = now - 3 * kDay;
    campaign.voting_until = now + 10 * kDay;
    campaign.winners = 3;
    campaign.votes_per_person = 3;
    campaign.prize_points = 100;
    campaign.created_by = "demo-street";
    campaign.created_at = now - 30 * kDay;
    NewCampaign(connection, campaign);
    auto nominees = Nominees(connection, campaign.area_path, std::string("parcel"), 4);
    if (nominees.size() < 3) nominees = Nominees(connection, campaign.area_path, std::nullopt, 4);
    const std::vector<std::string> citations = {
        "冬奥期间连续值守驿站，包裹零差错",
        "为行动不便的老人送件上楼，坚持五年",
        "发现楼道电动车违规充电，及时劝阻并上报",
        "义务为社区讲解快递防诈骗知识",
    };
    std::vector<long long> nominations;
    for (std::size_t i = 0; i < nominees.size(); ++i) {
      nominations.push_back(Nominate(connection, campaign, nominees[i], citations[i % citations.size()], "demo-keeper",
                                     now - (25 - static_cast<long long>(i)) * kDay, now));
    }
    // Voters from the back of the list, so demo-worker's three votes are still his to cast.
    std::vector<long long> others;
    for (auto it = voters.rbegin(); it != voters.rend(); ++it) {
      const auto login = connection.QueryOne("SELECT login FROM accounts WHERE id = ?", {*it});
      if (login && login->Text(0) != "demo-worker") others.push_back(*it);
    }
    Vote(connection, campaign, nominations, {18, 15, 9, 6}, others, now - 2 * kDay);
  }
}

}  // namespace youhao::demo
