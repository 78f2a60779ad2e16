#include "honours/honour_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <stdexcept>

#include "audit/audit_log.h"
#include "certificates/signing_keys.h"
#include "core/random.h"
#include "core/text.h"
#include "points/earning_rules.h"
#include "points/ledger.h"
#include "poster/poster.h"
#include "schedule/clock.h"

namespace youhao::honours {

namespace {

using core::ErrorCode;
namespace json = boost::json;

/// The honour certificates' signing keys (certificates/signing_keys.h: the one piece both use).
constexpr certificates::KeyTable kHonourKeys{"honour_signing_keys", "honour-key"};
constexpr std::string_view kAddressPurpose = "honour-vote-address";
constexpr long long kDay = 24LL * 3600;

core::Error NotYours(std::string detail) {
  return core::MakeProblem(ErrorCode::kForbidden, "", "honours.not_yours", std::move(detail));
}

core::Error NoCampaign() { return core::MakeError(ErrorCode::kNotFound, "no such campaign"); }

json::object CampaignAudit(const Campaign& campaign) {
  return {{"title", campaign.title},
          {"kind", CampaignKindName(campaign.kind)},
          {"area_code", campaign.area_code},
          {"stage", StageName(campaign.stage)},
          {"winners", campaign.winners},
          {"votes_per_person", campaign.votes_per_person},
          {"prize_points", campaign.prize_points}};
}

}  // namespace

std::string_view CertificateStatusName(CertificateStatus status) {
  switch (status) {
    case CertificateStatus::kValid:
      return "valid";
    case CertificateStatus::kRevoked:
      return "revoked";
    case CertificateStatus::kUnknown:
      break;
  }
  return "unknown";
}

std::string EvidenceJson(const Evidence& evidence) {
  return json::serialize(json::object{{"confirmed_reports", evidence.confirmed_reports},
                                      {"points_earned", evidence.points_earned},
                                      {"service_days", evidence.service_days},
                                      {"registered_at", evidence.registered_at},
                                      {"misconduct_records", evidence.misconduct_records},
                                      {"grid_months", evidence.grid_months}});
}

std::vector<Campaign> HonourService::List(int limit) const {
  auto connection = database_.Acquire();
  return repository::Campaigns(*connection, "", limit);
}

bool HonourService::OfficerOf(const accounts::Principal* caller, const Campaign& campaign) const {
  return caller != nullptr && MayReview(caller->role) && areas::PathWithin(campaign.area_path, caller->area_path);
}

core::Result<Campaign> HonourService::Create(const accounts::Principal& caller, const std::string& area_code,
                                             const CampaignInput& input, std::optional<long long> pool_id,
                                             long long now) {
  if (!MayRunCampaigns(caller.role)) return NotYours("street officers and above run honours campaigns");
  if (auto checked = CheckCampaign(input); !checked.ok()) return checked.error();
  auto connection = database_.Acquire();
  const auto area = areas_.Find(*connection, area_code.empty() ? caller.area_code : area_code);
  if (!area) return core::MakeError(ErrorCode::kNotFound, "no such area");
  if (!LevelHoldsCampaigns(areas::LevelName(area->level))) {
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_area", "honours.bad_area",
                             "a campaign belongs to a district or a street", json::object{{"field", "area_code"}});
  }
  if (!accounts::InScope(caller, *area)) return NotYours("this area is outside your account's area");
  if (pool_id) {
    const auto pool = points::Ledger::ById(*connection, *pool_id);
    if (!pool || pool->kind != points::AccountKind::kPool) return core::MakeError(ErrorCode::kNotFound, "no such pool");
  }
  storage::Transaction transaction(*connection);
  Campaign campaign;
  campaign.title = std::string(core::Trim(input.title));
  campaign.kind = input.kind;
  campaign.area_code = area->code;
  campaign.area_path = area->path;
  campaign.stage = Stage::kNominating;
  campaign.nominating_until = input.nominating_until;
  campaign.reviewing_until = input.reviewing_until;
  campaign.voting_until = input.voting_until;
  campaign.winners = input.winners;
  campaign.votes_per_person = input.votes_per_person;
  campaign.prize_points = input.prize_points;
  campaign.pool_account_id = pool_id;
  campaign.created_by = caller.login;
  campaign.created_at = now;
  campaign.id = repository::InsertCampaign(*connection, campaign);
  accounts::AuditBy(*connection, caller, "honours.campaign_create", "honour_campaign", std::to_string(campaign.id),
                    campaign.area_code, CampaignAudit(campaign));
  transaction.Commit();
  return campaign;
}

core::Result<Campaign> HonourService::RunnableCampaign(storage::Connection& connection,
                                                       const accounts::Principal& caller, long long id) const {
  if (!MayRunCampaigns(caller.role)) return NotYours("street officers and above run honours campaigns");
  auto campaign = repository::CampaignById(connection, id);
  if (!campaign) return NoCampaign();
  if (!areas::PathWithin(campaign->area_path, caller.area_path))
    return NotYours("this campaign is outside your account's area");
  return *campaign;
}

core::Result<Campaign> HonourService::Update(const accounts::Principal& caller, long long id,
                                             const CampaignInput& input, std::optional<long long> pool_id,
                                             long long now) {
  if (auto checked = CheckCampaign(input); !checked.ok()) return checked.error();
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto found = RunnableCampaign(*connection, caller, id);
  if (!found.ok()) return found.error();
  Campaign campaign = *found;
  if (campaign.stage != Stage::kNominating) {
    return core::MakeProblem(ErrorCode::kConflict, "bad_stage", "honours.bad_stage",
                             "a campaign is edited only while nominating",
                             json::object{{"stage", StageName(campaign.stage)}, {"to", StageName(campaign.stage)}});
  }
  if (pool_id) {
    const auto pool = points::Ledger::ById(*connection, *pool_id);
    if (!pool || pool->kind != points::AccountKind::kPool) return core::MakeError(ErrorCode::kNotFound, "no such pool");
  }
  campaign.title = std::string(core::Trim(input.title));
  campaign.kind = input.kind;
  campaign.nominating_until = input.nominating_until;
  campaign.reviewing_until = input.reviewing_until;
  campaign.voting_until = input.voting_until;
  campaign.winners = input.winners;
  campaign.votes_per_person = input.votes_per_person;
  campaign.prize_points = input.prize_points;
  campaign.pool_account_id = pool_id;
  repository::UpdateCampaign(*connection, campaign);
  accounts::AuditBy(*connection, caller, "honours.campaign_update", "honour_campaign", std::to_string(campaign.id),
                    campaign.area_code, CampaignAudit(campaign));
  (void)now;
  transaction.Commit();
  return campaign;
}

core::Result<Campaign> HonourService::Advance(const accounts::Principal& caller, long long id, Stage to,
                                              long long now) {
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto found = RunnableCampaign(*connection, caller, id);
  if (!found.ok()) return found.error();
  Campaign campaign = *found;
  if (auto checked = CheckAdvance(campaign.stage, to); !checked.ok()) return checked.error();
  if (to == Stage::kAnnounced) {
    if (auto announced = Announce(*connection, caller, campaign, now); !announced.ok()) return announced.error();
  }
  if (!repository::SetStage(*connection, campaign.id, campaign.stage, to, now)) {
    return core::MakeProblem(ErrorCode::kConflict, "bad_stage", "honours.bad_stage", "the campaign moved meanwhile",
                             json::object{{"stage", StageName(campaign.stage)}, {"to", StageName(to)}});
  }
  accounts::AuditBy(*connection, caller, "honours.campaign_advance", "honour_campaign", std::to_string(campaign.id),
                    campaign.area_code, json::object{{"from", StageName(campaign.stage)}, {"to", StageName(to)}});
  transaction.Commit();
  campaign.stage = to;
  if (to == Stage::kAnnounced) campaign.announced_at = now;
  return campaign;
}

core::Status HonourService::Announce(storage::Connection& connection, const accounts::Principal& caller,
                                     const Campaign& campaign, long long now) {
  const std::vector<Ranked> ranked = RankResults(repository::Tallies(connection, campaign.id), campaign.winners);
  json::array winners;
  for (const Ranked& line : ranked) {
    std::optional<long long> prize;
    if (line.winner) {
      const auto nomination = repository::NominationById(connection, line.nomination_id);
      if (!nomination) continue;
      if (campaign.prize_points > 0 && nomination->account_id) {
        const auto pool = campaign.pool_account_id
                              ? points::Ledger::ById(connection, *campaign.pool_account_id)
                              : points::Ledger::Find(connection, points::AccountKind::kPool, "city");
        if (!pool) return core::MakeError(ErrorCode::kNotFound, "no such pool");
        points::TransferRequest request;
        request.source_id = pool->id;
        request.target_id = points::Ledger::Ensure(connection, points::AccountKind::kWorker,
                                                   points::WorkerOwnerRef(*nomination->account_id), "", now)
                                .id;
        request.amount = campaign.prize_points;
        request.kind = points::TransferKind::kAward;
        request.reason = "honour";
        request.client_id = fmt::format("honour:{}:{}", campaign.id, nomination->id);
        request.actor_login = caller.login;
        request.at = now;
        auto moved = points::Ledger::Move(connection, request);
        if (!moved.ok()) return moved.error();
        prize = moved->id;
      } else if (campaign.prize_points == 0 && nomination->account_id) {
        // No prize of its own: the honour rule in force for the campaign's area pays, within its
        // caps and from its pool; a rule that pays nothing (none, off, capped, an empty pool) does
        // not hold up the announcement.
        const points::EarnResult earned = points::EarningRuleRepository::EarnByRule(
            connection, points::EarningTrigger::kHonour, *nomination->account_id, campaign.area_code,
            fmt::format("{}:{}", campaign.id, nomination->id), now);
        if (earned.paid > 0) prize = earned.transfer_id;
      }
      if (!repository::CertificateOf(connection, nomination->id)) {
        const Certificate certificate = IssueCertificate(connection, campaign, *nomination, now);
        winners.push_back(json::object{{"nomination_id", nomination->id},
                                       {"votes", line.votes},
                                       {"serial", certificate.serial},
                                       {"prize_transfer_id", prize ? json::value(*prize) : json::value(nullptr)}});
      }
    }
    repository::SetResult(connection, line.nomination_id, line.rank, line.winner, prize);
  }
  accounts::AuditBy(connection, caller, "honours.announce", "honour_campaign", std::to_string(campaign.id),
                    campaign.area_code, json::object{{"winners", std::move(winners)}});
  return core::Ok{};
}

core::Result<CampaignView> HonourService::View(long long id, const accounts::Principal* caller) const {
  auto connection = database_.Acquire();
  auto campaign = repository::CampaignById(*connection, id);
  if (!campaign) return NoCampaign();
  CampaignView view;
  view.campaign = *campaign;
  view.officer_view = OfficerOf(caller, *campaign);
  view.nominations = repository::Nominations(
      *connection, id, view.officer_view ? std::nullopt : std::optional(NominationStatus::kAccepted));
  if (caller != nullptr) {
    view.my_votes = repository::VotedFor(*connection, id, caller->account_id);
    view.votes_left = std::max<long long>(0, campaign->votes_per_person - static_cast<long long>(view.my_votes.size()));
  }
  return view;
}

Evidence CountEvidence(storage::Connection& connection, std::optional<long long> worker_id,
                       std::optional<long long> account_id, long long now) {
  Evidence evidence;
  if (account_id) {
    evidence.confirmed_reports = connection.QueryInt(
        "SELECT COUNT(*) FROM reports WHERE reporter_account_id = ? AND status = 'confirmed'", {*account_id});
    evidence.points_earned = connection.QueryInt(
        "SELECT COALESCE(SUM(t.amount), 0) FROM points_transfers t JOIN points_accounts a ON a.id = t.target_id "
        "WHERE a.kind = 'worker' AND a.owner_ref = ? AND t.kind = 'award'",
        {points::WorkerOwnerRef(*account_id)});
    const std::string today = schedule::BeijingDate(now);
    for (const auto& row :
         connection.Query("SELECT term_start, term_end FROM grid_reporters WHERE account_id = ? AND ended_at IS NULL",
                          {*account_id}))
      evidence.grid_months += MonthsServed(row.Text(0), row.Text(1), today);
  }
  if (worker_id) {
    if (const auto row = connection.QueryOne("SELECT created_at FROM workers WHERE id = ?", {*worker_id})) {
      evidence.registered_at = row->Int(0);
      evidence.service_days = std::max<long long>(0, (now - evidence.registered_at) / kDay);
    }
    evidence.misconduct_records = connection.QueryInt(
        "SELECT COUNT(*) FROM conduct_records c JOIN workers w ON w.plate = c.rider_hint "
        "WHERE w.id = ? AND c.rider_hint <> ''",
        {*worker_id});
  }
  return evidence;
}

core::Result<Nomination> HonourService::Nominate(const accounts::Principal& caller, long long campaign_id,
                                                 const NominationInput& input, long long now) {
  if (!MayNominate(caller.role)) return NotYours("workers, station keepers, property staff and officers nominate");
  if (auto checked = CheckCitation(input.citation); !checked.ok()) return checked.error();
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  const auto campaign = repository::CampaignById(*connection, campaign_id);
  if (!campaign) return NoCampaign();
  if (auto open = CheckNominationOpen(campaign->stage); !open.ok()) return open.error();
  Nomination nomination;
  nomination.campaign_id = campaign->id;
  if (campaign->kind == CampaignKind::kGridReporter) {
    const auto row = input.account_id
                         ? connection->QueryOne(
                               "SELECT g.worker_id, a.display_name FROM grid_reporters g JOIN accounts a ON "
                               "a.id = g.account_id WHERE g.account_id = ? AND g.area_path LIKE ? ORDER BY g.id DESC "
                               "LIMIT 1",
                               {*input.account_id, campaign->area_path + "%"})
                         : std::nullopt;
    if (!row) {
      return core::MakeProblem(ErrorCode::kValidationFailed, "bad_nominee", "honours.bad_nominee",
                               "account_id: a roaming grid reporter of this campaign's area",
                               json::object{{"field", "account_id"}});
    }
    nomination.account_id = *input.account_id;
    nomination.worker_id = row->Int(0);
    nomination.nominee_ref = fmt::format("account:{}", *input.account_id);
    nomination.nominee_name = row->Text(1);
    nomination.nominee_kind = "grid_reporter";
  } else {
    const auto row = input.worker_id
                         ? connection->QueryOne(
                               "SELECT account_id, name, kind FROM workers WHERE id = ? AND status = 'verified' AND "
                               "area_path LIKE ?",
                               {*input.worker_id, campaign->area_path + "%"})
                         : std::nullopt;
    if (!row) {
      return core::MakeProblem(ErrorCode::kValidationFailed, "bad_nominee", "honours.bad_nominee",
                               "worker_id: a verified worker of this campaign's area",
                               json::object{{"field", "worker_id"}});
    }
    nomination.worker_id = *input.worker_id;
    if (!row->IsNull(0)) nomination.account_id = row->Int(0);
    nomination.nominee_ref = fmt::format("worker:{}", *input.worker_id);
    nomination.nominee_name = row->Text(1);
    nomination.nominee_kind = row->Text(2);
  }
  if (nomination.account_id && *nomination.account_id == caller.account_id) {
    return core::MakeProblem(ErrorCode::kForbidden, "self_nomination", "honours.self_nomination",
                             "nobody nominates themselves");
  }
  if (repository::NomineeTaken(*connection, campaign->id, nomination.nominee_ref)) {
    return core::MakeProblem(ErrorCode::kConflict, "already_nominated", "honours.already_nominated",
                             "this person is nominated in this campaign already");
  }
  nomination.citation = std::string(core::Trim(input.citation));
  nomination.evidence_json = EvidenceJson(CountEvidence(*connection, nomination.worker_id, nomination.account_id, now));
  nomination.status = NominationStatus::kPending;
  nomination.nominated_by = caller.login;
  nomination.nominated_at = now;
  try {
    nomination.id = repository::InsertNomination(*connection, nomination);
  } catch (const storage::DatabaseError& error) {
    // A twin nomination of the same person committed first (UNIQUE (campaign_id, nominee_ref)).
    if (!error.unique_violation()) throw;
    return core::MakeProblem(ErrorCode::kConflict, "already_nominated", "honours.already_nominated",
                             "this person is nominated in this campaign already");
  }
  accounts::AuditBy(
      *connection, caller, "honours.nominate", "honour_nomination", std::to_string(nomination.id), campaign->area_code,
      json::object{
          {"campaign_id", campaign->id}, {"nominee", nomination.nominee_ref}, {"citation", nomination.citation}});
  transaction.Commit();
  return nomination;
}

core::Result<Nomination> HonourService::Review(const accounts::Principal& caller, long long nomination_id, bool accept,
                                               const std::string& reason, long long now) {
  if (!MayReview(caller.role)) return NotYours("officers review nominations");
  if (auto checked = CheckReviewReason(accept, reason); !checked.ok()) return checked.error();
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto nomination = repository::NominationById(*connection, nomination_id);
  if (!nomination) return core::MakeError(ErrorCode::kNotFound, "no such nomination");
  const auto campaign = repository::CampaignById(*connection, nomination->campaign_id);
  if (!campaign) return NoCampaign();
  if (!OfficerOf(&caller, *campaign)) return NotYours("this campaign is outside your account's area");
  if (auto open = CheckReviewOpen(campaign->stage); !open.ok()) return open.error();
  const NominationStatus before = nomination->status;
  nomination->status = accept ? NominationStatus::kAccepted : NominationStatus::kRejected;
  nomination->review_reason = std::string(core::Trim(reason));
  nomination->reviewed_by = caller.login;
  nomination->reviewed_at = now;
  repository::Review(*connection, nomination->id, nomination->status, nomination->review_reason, caller.login, now);
  audit::Entry entry = accounts::AuditEntryBy(caller, "honours.review", "honour_nomination",
                                              std::to_string(nomination->id), campaign->area_code);
  entry.before_json = json::serialize(json::object{{"status", NominationStatusName(before)}});
  entry.after_json = json::serialize(
      json::object{{"status", NominationStatusName(nomination->status)}, {"reason", nomination->review_reason}});
  audit::AuditLog::Record(*connection, entry);
  transaction.Commit();
  return *nomination;
}

core::Result<CampaignView> HonourService::Vote(const accounts::Principal& caller, long long campaign_id,
                                               long long nomination_id, const std::string& address, long long now) {
  const std::string digest = keyring_.Digest(kAddressPurpose, address);
  {
    auto connection = database_.Acquire();
    storage::Transaction transaction(*connection);
    const auto campaign = repository::CampaignById(*connection, campaign_id);
    if (!campaign) return NoCampaign();
    const auto nomination = repository::NominationById(*connection, nomination_id);
    if (!nomination || nomination->campaign_id != campaign->id)
      return core::MakeError(ErrorCode::kNotFound, "no such nomination in this campaign");
    VoteFacts facts;
    facts.stage = campaign->stage;
    facts.nomination_accepted = nomination->status == NominationStatus::kAccepted;
    facts.voter_eligible =
        caller.role != accounts::Role::kWorker ||
        connection->QueryInt("SELECT COUNT(*) FROM workers WHERE account_id = ? AND status = 'verified'",
                             {caller.account_id}) > 0;
    const std::vector<long long> voted = repository::VotedFor(*connection, campaign->id, caller.account_id);
    facts.already_voted_for_nominee = std::find(voted.begin(), voted.end(), nomination_id) != voted.end();
    facts.votes_cast = static_cast<long long>(voted.size());
    facts.votes_per_person = campaign->votes_per_person;
    facts.address_votes_last_hour = repository::AddressVotesSince(*connection, campaign->id, digest, now - 3600);
    facts.address_limit_per_hour = options_.address_votes_per_hour;
    const VoteVerdict verdict = DecideVote(facts);
    if (verdict == VoteVerdict::kAddressFlood) {
      repository::InsertFlag(*connection, campaign->id, nomination_id, caller.account_id, digest, now);
      transaction.Commit();
      return VoteProblem(verdict, facts);
    }
    if (verdict != VoteVerdict::kAccepted) return VoteProblem(verdict, facts);
    switch (repository::InsertVote(*connection, campaign->id, nomination_id, caller.account_id,
                                   campaign->votes_per_person, digest, now)) {
      case VoteInsert::kInserted:
        break;
      case VoteInsert::kAlreadyVoted:
        return VoteProblem(VoteVerdict::kAlreadyVoted, facts);
      case VoteInsert::kLimitReached:
        return VoteProblem(VoteVerdict::kLimitReached, facts);
    }
    transaction.Commit();
  }
  return View(campaign_id, &caller);
}

core::Result<Results> HonourService::ResultsOf(long long campaign_id, const accounts::Principal* caller) const {
  auto connection = database_.Acquire();
  const auto campaign = repository::CampaignById(*connection, campaign_id);
  if (!campaign) return NoCampaign();
  Results results;
  results.campaign = *campaign;
  results.final = campaign->stage == Stage::kAnnounced;
  const bool officer = OfficerOf(caller, *campaign);
  if (!results.final && !officer) {
    return core::MakeProblem(ErrorCode::kConflict, "not_announced", "honours.not_announced",
                             "the results are published when the campaign is announced",
                             json::object{{"stage", StageName(campaign->stage)}});
  }
  if (officer) results.flagged_votes = repository::Flags(*connection, campaign_id);
  for (const Ranked& ranked : RankResults(repository::Tallies(*connection, campaign_id), campaign->winners)) {
    auto nomination = repository::NominationById(*connection, ranked.nomination_id);
    if (!nomination) continue;
    Ranked line = ranked;
    // Once announced, the stored outcome stands (votes cannot change after voting closed).
    if (results.final && nomination->rank) line.winner = nomination->winner;
    results.lines.push_back({*nomination, line, repository::CertificateOf(*connection, nomination->id)});
  }
  return results;
}

std::vector<OwnNomination> HonourService::Mine(const accounts::Principal& caller, int limit) const {
  auto connection = database_.Acquire();
  return repository::NominationsOfAccount(*connection, caller.account_id, limit);
}

Certificate HonourService::IssueCertificate(storage::Connection& connection, const Campaign& campaign,
                                            const Nomination& nomination, long long now) {
  Certificate certificate;
  certificate.serial = CertificateSerial(campaign.id, nomination.id, core::RandomDigits(6));
  certificate.campaign_id = campaign.id;
  certificate.nomination_id = nomination.id;
  certificate.nominee_name = nomination.nominee_name;
  certificate.issued_at = now;
  const auto [key_id, signature] = Sign(connection,
                                        CertificateSignedText(certificate.serial, campaign.id, campaign.title,
                                                              nomination.id, certificate.nominee_name, now),
                                        now);
  certificate.key_id = key_id;
  certificate.signature = signature;
  repository::InsertCertificate(connection, certificate);
  return certificate;
}

int HonourService::IssueMissingCertificates(long long now) {
  try {
    return IssueMissingCertificatesOnce(now);
  } catch (const storage::DatabaseError& error) {
    // Another server starting at the same moment signed them first.
    if (!error.unique_violation()) throw;
    return 0;
  }
}

int HonourService::IssueMissingCertificatesOnce(long long now) {
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  int issued = 0;
  for (const auto& row : connection->Query(
           "SELECT n.id, n.campaign_id FROM honour_nominations n JOIN honour_campaigns c ON c.id = n.campaign_id "
           "WHERE c.stage = 'announced' AND n.winner = 1 AND NOT EXISTS (SELECT 1 FROM honour_certificates h WHERE "
           "h.nomination_id = n.id) ORDER BY n.id")) {
    const auto campaign = repository::CampaignById(*connection, row.Int(1));
    const auto nomination = repository::NominationById(*connection, row.Int(0));
    if (!campaign || !nomination) continue;
    IssueCertificate(*connection, *campaign, *nomination, campaign->announced_at.value_or(now));
    ++issued;
  }
  transaction.Commit();
  return issued;
}

std::pair<long long, std::string> HonourService::Sign(storage::Connection& connection, const std::string& text,
                                                      long long now) {
  const certificates::OpenedKey key = certificates::NewestSigningKey(connection, keyring_, kHonourKeys, now);
  return {key.id(), key.Sign(text)};
}

bool HonourService::SignatureHolds(storage::Connection& connection, const Certificate& certificate,
                                   const Campaign& campaign) const {
  return certificates::SignedByKey(
      connection, kHonourKeys, certificate.key_id,
      CertificateSignedText(certificate.serial, campaign.id, campaign.title, certificate.nomination_id,
                            certificate.nominee_name, certificate.issued_at),
      certificate.signature);
}

Verification HonourService::Verify(const std::string& serial) const {
  Verification verification;
  if (!ValidSerial(serial)) return verification;
  auto connection = database_.Acquire();
  auto certificate = repository::CertificateBySerial(*connection, serial);
  if (!certificate) return verification;
  auto campaign = repository::CampaignById(*connection, certificate->campaign_id);
  // A row whose signature does not hold was not issued by this server: unknown, as if absent.
  if (!campaign || !SignatureHolds(*connection, *certificate, *campaign)) return verification;
  const auto nomination = repository::NominationById(*connection, certificate->nomination_id);
  verification.nominee_kind = nomination ? nomination->nominee_kind : "";
  verification.status = certificate->revoked_at ? CertificateStatus::kRevoked : CertificateStatus::kValid;
  verification.certificate = std::move(certificate);
  verification.campaign = std::move(campaign);
  return verification;
}

core::Result<Certificate> HonourService::Revoke(const accounts::Principal& caller, const std::string& serial,
                                                const std::string& reason, long long now) {
  if (auto checked = CheckReviewReason(false, reason); !checked.ok()) return checked.error();
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto certificate = repository::CertificateBySerial(*connection, serial);
  if (!certificate) return core::MakeError(ErrorCode::kNotFound, "no such certificate");
  auto campaign = RunnableCampaign(*connection, caller, certificate->campaign_id);
  if (!campaign.ok()) return campaign.error();
  const std::string trimmed(core::Trim(reason));
  if (!repository::RevokeCertificate(*connection, serial, caller.login, trimmed, now)) {
    return core::MakeProblem(ErrorCode::kConflict, "already_revoked", "honours.already_revoked",
                             "this certificate is revoked already");
  }
  accounts::AuditBy(*connection, caller, "honours.certificate_revoke", "honour_certificate", serial,
                    campaign->area_code,
                    json::object{{"reason", trimmed}, {"nomination_id", certificate->nomination_id}});
  transaction.Commit();
  certificate->revoked_at = now;
  certificate->revoked_by = caller.login;
  certificate->revoke_reason = trimmed;
  return *certificate;
}

core::Result<std::string> HonourService::Pdf(const accounts::Principal& caller, const std::string& serial,
                                             const CertificateWords& words, const std::string& verify_url) const {
  std::optional<Certificate> certificate;
  {
    auto connection = database_.Acquire();
    if (ValidSerial(serial)) certificate = repository::CertificateBySerial(*connection, serial);
    if (!certificate) return core::MakeError(ErrorCode::kNotFound, "no such certificate");
    const auto nomination = repository::NominationById(*connection, certificate->nomination_id);
    const auto campaign = repository::CampaignById(*connection, certificate->campaign_id);
    if (!nomination || !campaign) return core::MakeError(ErrorCode::kNotFound, "no such certificate");
    const bool holder = nomination->account_id && *nomination->account_id == caller.account_id;
    if (!holder && !OfficerOf(&caller, *campaign))
      return NotYours("a certificate is for its holder and the campaign's officers");
    if (certificate->revoked_at) {
      return core::MakeProblem(ErrorCode::kConflict, "already_revoked", "honours.already_revoked",
                               "this certificate is revoked");
    }
  }
  auto svg = CertificateSvg(words, certificate->nominee_name, certificate->serial, verify_url);
  if (!svg.ok()) return svg.error();
  return poster::SvgToPdf(*svg);
}

}  // namespace youhao::honours
