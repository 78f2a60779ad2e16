#include "honours/honour_repository.h"

namespace youhao::honours::repository {

namespace {

using storage::Row;
using storage::Value;

constexpr std::string_view kCampaignColumns =
    "id, title, kind, area_code, area_path, stage, nominating_until, reviewing_until, voting_until, winners, "
    "votes_per_person, prize_points, pool_account_id, created_by, created_at, announced_at";

constexpr std::string_view kNominationColumns =
    "id, campaign_id, nominee_ref, worker_id, account_id, nominee_name, nominee_kind, citation, evidence_json, "
    "status, review_reason, reviewed_by, reviewed_at, nominated_by, nominated_at, result_rank, winner, "
    "prize_transfer_id";

constexpr std::string_view kCertificateColumns =
    "serial, campaign_id, nomination_id, nominee_name, key_id, signature, issued_at, revoked_at, revoked_by, "
    "revoke_reason";

std::optional<long long> OptionalInt(const Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.Int(column);
}

Value OrNull(const std::optional<long long>& value) { return value ? Value(*value) : Value(nullptr); }

Campaign CampaignOf(const Row& row) {
  Campaign campaign;
  campaign.id = row.Int(0);
  campaign.title = row.Text(1);
  campaign.kind = ParseCampaignKind(row.Text(2)).value_or(CampaignKind::kBestRider);
  campaign.area_code = row.Text(3);
  campaign.area_path = row.Text(4);
  campaign.stage = ParseStage(row.Text(5)).value_or(Stage::kNominating);
  campaign.nominating_until = row.Int(6);
  campaign.reviewing_until = row.Int(7);
  campaign.voting_until = row.Int(8);
  campaign.winners = row.Int(9);
  campaign.votes_per_person = row.Int(10);
  campaign.prize_points = row.Int(11);
  campaign.pool_account_id = OptionalInt(row, 12);
  campaign.created_by = row.Text(13);
  campaign.created_at = row.Int(14);
  campaign.announced_at = OptionalInt(row, 15);
  return campaign;
}

Nomination NominationOf(const Row& row) {
  Nomination nomination;
  nomination.id = row.Int(0);
  nomination.campaign_id = row.Int(1);
  nomination.nominee_ref = row.Text(2);
  nomination.worker_id = OptionalInt(row, 3);
  nomination.account_id = OptionalInt(row, 4);
  nomination.nominee_name = row.Text(5);
  nomination.nominee_kind = row.Text(6);
  nomination.citation = row.Text(7);
  nomination.evidence_json = row.Text(8);
  nomination.status = ParseNominationStatus(row.Text(9)).value_or(NominationStatus::kPending);
  nomination.review_reason = row.OptionalText(10).value_or("");
  nomination.reviewed_by = row.OptionalText(11).value_or("");
  nomination.reviewed_at = OptionalInt(row, 12);
  nomination.nominated_by = row.Text(13);
  nomination.nominated_at = row.Int(14);
  nomination.rank = OptionalInt(row, 15);
  nomination.winner = row.Int(16) != 0;
  nomination.prize_transfer_id = OptionalInt(row, 17);
  return nomination;
}

Certificate CertificateOfRow(const Row& row) {
  Certificate certificate;
  certificate.serial = row.Text(0);
  certificate.campaign_id = row.Int(1);
  certificate.nomination_id = row.Int(2);
  certificate.nominee_name = row.Text(3);
  certificate.key_id = row.Int(4);
  certificate.signature = row.Text(5);
  certificate.issued_at = row.Int(6);
  certificate.revoked_at = OptionalInt(row, 7);
  certificate.revoked_by = row.OptionalText(8).value_or("");
  certificate.revoke_reason = row.OptionalText(9).value_or("");
  return certificate;
}

std::string Select(std::string_view columns, std::string_view rest) {
  std::string sql = "SELECT ";
  sql += columns;
  sql += ' ';
  sql += rest;
  return sql;
}

}  // namespace

long long InsertCampaign(storage::Connection& connection, const Campaign& c) {
  return connection
      .QueryOne(
          "INSERT INTO honour_campaigns (title, kind, area_code, area_path, stage, nominating_until, reviewing_until, "
          "voting_until, winners, votes_per_person, prize_points, pool_account_id, created_by, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {c.title, std::string(CampaignKindName(c.kind)), c.area_code, c.area_path, std::string(StageName(c.stage)),
           c.nominating_until, c.reviewing_until, c.voting_until, c.winners, c.votes_per_person, c.prize_points,
           OrNull(c.pool_account_id), c.created_by, c.created_at})
      ->Int(0);
}

void UpdateCampaign(storage::Connection& connection, const Campaign& c) {
  connection.Execute(
      "UPDATE honour_campaigns SET title = ?, kind = ?, nominating_until = ?, reviewing_until = ?, voting_until = ?, "
      "winners = ?, votes_per_person = ?, prize_points = ?, pool_account_id = ? WHERE id = ?",
      {c.title, std::string(CampaignKindName(c.kind)), c.nominating_until, c.reviewing_until, c.voting_until, c.winners,
       c.votes_per_person, c.prize_points, OrNull(c.pool_account_id), c.id});
}

std::optional<Campaign> CampaignById(storage::Connection& connection, long long id) {
  const auto row = connection.QueryOne(Select(kCampaignColumns, "FROM honour_campaigns WHERE id = ?"), {id});
  if (!row) return std::nullopt;
  return CampaignOf(*row);
}

std::vector<Campaign> Campaigns(storage::Connection& connection, const std::string& area_path, int limit) {
  std::vector<Campaign> campaigns;
  const auto rows =
      area_path.empty()
          ? connection.Query(Select(kCampaignColumns, "FROM honour_campaigns ORDER BY id DESC LIMIT ?"),
                             {static_cast<long long>(limit)})
          : connection.Query(
                Select(kCampaignColumns, "FROM honour_campaigns WHERE area_path LIKE ? ORDER BY id DESC LIMIT ?"),
                {area_path + "%", static_cast<long long>(limit)});
  campaigns.reserve(rows.size());
  for (const auto& row : rows) campaigns.push_back(CampaignOf(row));
  return campaigns;
}

bool SetStage(storage::Connection& connection, long long id, Stage from, Stage to, long long at) {
  if (to == Stage::kAnnounced) {
    return connection.Execute("UPDATE honour_campaigns SET stage = ?, announced_at = ? WHERE id = ? AND stage = ?",
                              {std::string(StageName(to)), at, id, std::string(StageName(from))}) == 1;
  }
  return connection.Execute("UPDATE honour_campaigns SET stage = ? WHERE id = ? AND stage = ?",
                            {std::string(StageName(to)), id, std::string(StageName(from))}) == 1;
}

long long InsertNomination(storage::Connection& connection, const Nomination& n) {
  return connection
      .QueryOne(
          "INSERT INTO honour_nominations (campaign_id, nominee_ref, worker_id, account_id, nominee_name, "
          "nominee_kind, citation, evidence_json, status, nominated_by, nominated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {n.campaign_id, n.nominee_ref, OrNull(n.worker_id), OrNull(n.account_id), n.nominee_name, n.nominee_kind,
           n.citation, n.evidence_json, std::string(NominationStatusName(n.status)), n.nominated_by, n.nominated_at})
      ->Int(0);
}

std::optional<Nomination> NominationById(storage::Connection& connection, long long id) {
  const auto row = connection.QueryOne(Select(kNominationColumns, "FROM honour_nominations WHERE id = ?"), {id});
  if (!row) return std::nullopt;
  return NominationOf(*row);
}

std::vector<Nomination> Nominations(storage::Connection& connection, long long campaign_id,
                                    std::optional<NominationStatus> status) {
  std::vector<Nomination> nominations;
  const auto rows =
      status ? connection.Query(Select(kNominationColumns,
                                       "FROM honour_nominations WHERE campaign_id = ? AND status = ? ORDER BY id"),
                                {campaign_id, std::string(NominationStatusName(*status))})
             : connection.Query(Select(kNominationColumns, "FROM honour_nominations WHERE campaign_id = ? ORDER BY id"),
                                {campaign_id});
  nominations.reserve(rows.size());
  for (const auto& row : rows) nominations.push_back(NominationOf(row));
  return nominations;
}

bool NomineeTaken(storage::Connection& connection, long long campaign_id, const std::string& nominee_ref) {
  return connection.QueryInt("SELECT COUNT(*) FROM honour_nominations WHERE campaign_id = ? AND nominee_ref = ?",
                             {campaign_id, nominee_ref}) > 0;
}

void Review(storage::Connection& connection, long long nomination_id, NominationStatus status,
            const std::string& reason, const std::string& by, long long at) {
  connection.Execute(
      "UPDATE honour_nominations SET status = ?, review_reason = ?, reviewed_by = ?, reviewed_at = ? WHERE id = ?",
      {std::string(NominationStatusName(status)), reason, by, at, nomination_id});
}

void SetResult(storage::Connection& connection, long long nomination_id, long long rank, bool winner,
               std::optional<long long> prize_transfer_id) {
  connection.Execute("UPDATE honour_nominations SET result_rank = ?, winner = ?, prize_transfer_id = ? WHERE id = ?",
                     {rank, static_cast<long long>(winner ? 1 : 0), OrNull(prize_transfer_id), nomination_id});
}

long long VotesCast(storage::Connection& connection, long long campaign_id, long long voter_account_id) {
  return connection.QueryInt("SELECT COUNT(*) FROM honour_votes WHERE campaign_id = ? AND voter_account_id = ?",
                             {campaign_id, voter_account_id});
}

std::vector<long long> VotedFor(storage::Connection& connection, long long campaign_id, long long voter_account_id) {
  std::vector<long long> ids;
  for (const auto& row :
       connection.Query("SELECT nomination_id FROM honour_votes WHERE campaign_id = ? AND voter_account_id = ? "
                        "ORDER BY slot",
                        {campaign_id, voter_account_id}))
    ids.push_back(row.Int(0));
  return ids;
}

long long AddressVotesSince(storage::Connection& connection, long long campaign_id, const std::string& address_digest,
                            long long since) {
  return connection.QueryInt(
      "SELECT COUNT(*) FROM honour_votes WHERE campaign_id = ? AND address_digest = ? AND at >= ?",
      {campaign_id, address_digest, since});
}

VoteInsert InsertVote(storage::Connection& connection, long long campaign_id, long long nomination_id,
                      long long voter_account_id, long long limit, const std::string& address_digest, long long at) {
  for (long long slot = VotesCast(connection, campaign_id, voter_account_id) + 1; slot <= limit; ++slot) {
    const long long inserted = connection.Execute(
        "INSERT INTO honour_votes (campaign_id, nomination_id, voter_account_id, slot, address_digest, at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        {campaign_id, nomination_id, voter_account_id, slot, address_digest, at});
    if (inserted == 1) return VoteInsert::kInserted;
    // The slot was taken by a twin, or this nominee has this account's vote already.
    if (connection.QueryInt("SELECT COUNT(*) FROM honour_votes WHERE nomination_id = ? AND voter_account_id = ?",
                            {nomination_id, voter_account_id}) > 0)
      return VoteInsert::kAlreadyVoted;
  }
  return VoteInsert::kLimitReached;
}

void InsertFlag(storage::Connection& connection, long long campaign_id, long long nomination_id,
                long long voter_account_id, const std::string& address_digest, long long at) {
  connection.Execute(
      "INSERT INTO honour_vote_flags (campaign_id, nomination_id, voter_account_id, address_digest, at) "
      "VALUES (?, ?, ?, ?, ?)",
      {campaign_id, nomination_id, voter_account_id, address_digest, at});
}

long long Flags(storage::Connection& connection, long long campaign_id) {
  return connection.QueryInt("SELECT COUNT(*) FROM honour_vote_flags WHERE campaign_id = ?", {campaign_id});
}

std::vector<Tally> Tallies(storage::Connection& connection, long long campaign_id) {
  std::vector<Tally> tallies;
  for (const auto& row : connection.Query(
           "SELECT n.id, (SELECT COUNT(*) FROM honour_votes v WHERE v.nomination_id = n.id) FROM honour_nominations n "
           "WHERE n.campaign_id = ? AND n.status = 'accepted' ORDER BY n.id",
           {campaign_id}))
    tallies.push_back({row.Int(0), row.Int(1)});
  return tallies;
}

void InsertCertificate(storage::Connection& connection, const Certificate& c) {
  connection.Execute(
      "INSERT INTO honour_certificates (serial, campaign_id, nomination_id, nominee_name, key_id, signature, "
      "issued_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {c.serial, c.campaign_id, c.nomination_id, c.nominee_name, c.key_id, c.signature, c.issued_at});
}

std::optional<Certificate> CertificateBySerial(storage::Connection& connection, const std::string& serial) {
  const auto row =
      connection.QueryOne(Select(kCertificateColumns, "FROM honour_certificates WHERE serial = ?"), {serial});
  if (!row) return std::nullopt;
  return CertificateOfRow(*row);
}

std::optional<Certificate> CertificateOf(storage::Connection& connection, long long nomination_id) {
  const auto row = connection.QueryOne(Select(kCertificateColumns, "FROM honour_certificates WHERE nomination_id = ?"),
                                       {nomination_id});
  if (!row) return std::nullopt;
  return CertificateOfRow(*row);
}

bool RevokeCertificate(storage::Connection& connection, const std::string& serial, const std::string& by,
                       const std::string& reason, long long at) {
  return connection.Execute(
             "UPDATE honour_certificates SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE serial = ? AND "
             "revoked_at IS NULL",
             {at, by, reason, serial}) == 1;
}

std::vector<OwnNomination> NominationsOfAccount(storage::Connection& connection, long long account_id, int limit) {
  std::vector<OwnNomination> own;
  const auto rows = connection.Query(
      Select(kNominationColumns,
             "FROM honour_nominations WHERE account_id = ? OR worker_id IN (SELECT w.id FROM workers w WHERE "
             "w.account_id = ?) ORDER BY id DESC LIMIT ?"),
      {account_id, account_id, static_cast<long long>(limit)});
  own.reserve(rows.size());
  for (const auto& row : rows) {
    OwnNomination line;
    line.nomination = NominationOf(row);
    auto campaign = CampaignById(connection, line.nomination.campaign_id);
    if (!campaign) continue;
    line.campaign = std::move(*campaign);
    line.votes = connection.QueryInt("SELECT COUNT(*) FROM honour_votes WHERE nomination_id = ?", {line.nomination.id});
    line.certificate = CertificateOf(connection, line.nomination.id);
    if (line.nomination.prize_transfer_id) {
      if (const auto paid = connection.QueryOne("SELECT amount FROM points_transfers WHERE id = ?",
                                                {*line.nomination.prize_transfer_id}))
        line.prize_points = paid->Int(0);
    }
    own.push_back(std::move(line));
  }
  return own;
}

}  // namespace youhao::honours::repository
