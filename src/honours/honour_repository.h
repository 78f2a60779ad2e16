#pragma once
/// The SQL of honours: campaigns, nominations with their evidence, votes (the per-person limit
/// held by unique slots, race-safe on SQLite and PostgreSQL), flagged votes and certificates (their
/// signing keys: certificates/signing_keys.h). Small functions over a given connection; the caller
/// holds the transaction.

#include <optional>
#include <string>
#include <vector>

#include "honours/honour_policy.h"
#include "storage/database.h"

namespace youhao::honours {

struct Campaign {
  long long id = 0;
  std::string title;
  CampaignKind kind = CampaignKind::kBestRider;
  std::string area_code;
  std::string area_path;
  Stage stage = Stage::kNominating;
  long long nominating_until = 0, reviewing_until = 0, voting_until = 0;
  long long winners = 3;
  long long votes_per_person = 3;
  long long prize_points = 0;
  std::optional<long long> pool_account_id;  ///< the pool paying prizes; none: the city's
  std::string created_by;
  long long created_at = 0;
  std::optional<long long> announced_at;
};

struct Nomination {
  long long id = 0;
  long long campaign_id = 0;
  std::string nominee_ref;  ///< "worker:12" or "account:40"
  std::optional<long long> worker_id;
  std::optional<long long> account_id;  ///< the nominee's sign-in account (holds prize points)
  std::string nominee_name;
  std::string nominee_kind;  ///< the register's kind (food, parcel, …) or "grid_reporter"
  std::string citation;
  std::string evidence_json;
  NominationStatus status = NominationStatus::kPending;
  std::string review_reason;
  std::string reviewed_by;
  std::optional<long long> reviewed_at;
  std::string nominated_by;
  long long nominated_at = 0;
  std::optional<long long> rank;
  bool winner = false;
  std::optional<long long> prize_transfer_id;
};

struct Certificate {
  std::string serial;
  long long campaign_id = 0;
  long long nomination_id = 0;
  std::string nominee_name;
  long long key_id = 0;
  std::string signature;  ///< base64url Ed25519 over CertificateSignedText
  long long issued_at = 0;
  std::optional<long long> revoked_at;
  std::string revoked_by, revoke_reason;
};

enum class VoteInsert { kInserted, kAlreadyVoted, kLimitReached };

/// A nomination naming one person (我的荣誉), with its campaign, its valid votes, its certificate
/// and the prize paid into their points.
struct OwnNomination {
  Campaign campaign;
  Nomination nomination;
  long long votes = 0;
  std::optional<Certificate> certificate;
  long long prize_points = 0;  ///< the prize transfer's amount; 0 when none was paid
};

namespace repository {

long long InsertCampaign(storage::Connection& connection, const Campaign& campaign);
void UpdateCampaign(storage::Connection& connection, const Campaign& campaign);
std::optional<Campaign> CampaignById(storage::Connection& connection, long long id);
/// Newest first; with `area_path`, the campaigns in that area and below it (officers' lists).
std::vector<Campaign> Campaigns(storage::Connection& connection, const std::string& area_path, int limit);
/// Moves the stage only from `from` (false when another request moved it first).
bool SetStage(storage::Connection& connection, long long id, Stage from, Stage to, long long at);

long long InsertNomination(storage::Connection& connection, const Nomination& nomination);
std::optional<Nomination> NominationById(storage::Connection& connection, long long id);
/// In nomination order; `status` filters.
std::vector<Nomination> Nominations(storage::Connection& connection, long long campaign_id,
                                    std::optional<NominationStatus> status);
bool NomineeTaken(storage::Connection& connection, long long campaign_id, const std::string& nominee_ref);
void Review(storage::Connection& connection, long long nomination_id, NominationStatus status,
            const std::string& reason, const std::string& by, long long at);
void SetResult(storage::Connection& connection, long long nomination_id, long long rank, bool winner,
               std::optional<long long> prize_transfer_id);

/// Votes this account cast in the campaign.
long long VotesCast(storage::Connection& connection, long long campaign_id, long long voter_account_id);
/// The nominations this account voted for in the campaign.
std::vector<long long> VotedFor(storage::Connection& connection, long long campaign_id, long long voter_account_id);
long long AddressVotesSince(storage::Connection& connection, long long campaign_id, const std::string& address_digest,
                            long long since);
/// Inserts the vote into the lowest free slot of the account's `limit`: a racing twin that took
/// the slot first leaves the next one, and no account ever holds more than `limit` votes
/// (UNIQUE (campaign_id, voter_account_id, slot), slots 1..limit), nor two for one nominee.
VoteInsert InsertVote(storage::Connection& connection, long long campaign_id, long long nomination_id,
                      long long voter_account_id, long long limit, const std::string& address_digest, long long at);
void InsertFlag(storage::Connection& connection, long long campaign_id, long long nomination_id,
                long long voter_account_id, const std::string& address_digest, long long at);
long long Flags(storage::Connection& connection, long long campaign_id);
/// Each accepted nomination's valid votes.
std::vector<Tally> Tallies(storage::Connection& connection, long long campaign_id);

void InsertCertificate(storage::Connection& connection, const Certificate& certificate);
std::optional<Certificate> CertificateBySerial(storage::Connection& connection, const std::string& serial);
std::optional<Certificate> CertificateOf(storage::Connection& connection, long long nomination_id);
/// False when it was revoked already.
bool RevokeCertificate(storage::Connection& connection, const std::string& serial, const std::string& by,
                       const std::string& reason, long long at);

/// The nominations naming this account, as the nominee's sign-in account or through its register
/// entry, newest first.
std::vector<OwnNomination> NominationsOfAccount(storage::Connection& connection, long long account_id, int limit);

}  // namespace repository
}  // namespace youhao::honours
