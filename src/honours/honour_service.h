#pragma once
/// Use cases of honours: officers run campaigns through their stages; staff and workers nominate
/// (the evidence is read by the server from verified records, never typed); officers review; signed-in
/// accounts vote within their limit; the announcement ranks, pays prize points and signs
/// certificates in one transaction; anyone verifies a certificate by its serial, officers revoke it.

#include <optional>
#include <string>
#include <vector>

#include "accounts/access.h"
#include "areas/area_service.h"
#include "core/error.h"
#include "core/keyring.h"
#include "honours/honour_repository.h"
#include "storage/database.h"

namespace youhao::honours {

/// What the records say about a nominee (all counted by the server).
struct Evidence {
  long long confirmed_reports = 0;  ///< their reports confirmed fixed
  long long points_earned = 0;      ///< points awarded into their ledger account
  long long service_days = 0;       ///< since they joined the register
  long long registered_at = 0;
  long long misconduct_records = 0;  ///< platform conduct records naming their plate
  long long grid_months = 0;         ///< months served as a roaming grid reporter
};
std::string EvidenceJson(const Evidence& evidence);
/// Counts a nominee's evidence from the records: reports and points by their sign-in account,
/// service and conduct by their register entry, grid months by their account's terms up to `now`.
Evidence CountEvidence(storage::Connection& connection, std::optional<long long> worker_id,
                       std::optional<long long> account_id, long long now);

struct NominationInput {
  std::optional<long long> worker_id;   ///< a worker of the register
  std::optional<long long> account_id;  ///< 优秀网格员: a grid reporter's sign-in account
  std::string citation;
};

/// A campaign as a caller sees it: the ballot, and the caller's own votes.
struct CampaignView {
  Campaign campaign;
  std::vector<Nomination> nominations;  ///< officers in scope: all; others: the accepted ones
  bool officer_view = false;
  std::vector<long long> my_votes;  ///< nominations the caller voted for
  long long votes_left = 0;
};

struct ResultLine {
  Nomination nomination;
  Ranked ranked;
  std::optional<Certificate> certificate;
};
struct Results {
  Campaign campaign;
  std::vector<ResultLine> lines;
  long long flagged_votes = 0;
  bool final = false;  ///< announced; otherwise a live count shown to its officers
};

enum class CertificateStatus { kValid, kRevoked, kUnknown };
std::string_view CertificateStatusName(CertificateStatus status);

struct Verification {
  CertificateStatus status = CertificateStatus::kUnknown;
  std::optional<Certificate> certificate;
  std::optional<Campaign> campaign;
  std::string nominee_kind;
};

/// What a certificate's PDF says around the data (worded at the edge in the reader's language).
struct CertificateWords {
  std::string heading;      ///< 荣誉证书
  std::string awarded;      ///< "在「{campaign}」中荣获" worded with the campaign
  std::string honour;       ///< the honour's name, e.g. 最美骑手
  std::string verify_hint;  ///< 扫码验证证书真伪
  std::string serial_label;
  std::string issued_line;  ///< the area and date
};

class HonourService {
 public:
  struct Options {
    long long address_votes_per_hour = 30;
  };
  HonourService(storage::Database& database, const areas::AreaService& areas, const core::Keyring& keyring,
                Options options)
      : database_(database), areas_(areas), keyring_(keyring), options_(options) {}

  std::vector<Campaign> List(int limit) const;
  /// Errors: forbidden (role, or the area outside the caller's), validation problems, not_found (area, pool).
  core::Result<Campaign> Create(const accounts::Principal& caller, const std::string& area_code,
                                const CampaignInput& input, std::optional<long long> pool_id, long long now);
  /// Only while nominating (honours.bad_stage otherwise).
  core::Result<Campaign> Update(const accounts::Principal& caller, long long id, const CampaignInput& input,
                                std::optional<long long> pool_id, long long now);
  /// To the next stage. Announcing ranks the accepted nominations by valid votes, pays each winner's
  /// prize (client id honour:<campaign>:<nomination>) and signs their certificates in the same
  /// transaction; points.insufficient when the pool cannot pay (nothing announced).
  core::Result<Campaign> Advance(const accounts::Principal& caller, long long id, Stage to, long long now);
  core::Result<CampaignView> View(long long id, const accounts::Principal* caller) const;

  core::Result<Nomination> Nominate(const accounts::Principal& caller, long long campaign_id,
                                    const NominationInput& input, long long now);
  core::Result<Nomination> Review(const accounts::Principal& caller, long long nomination_id, bool accept,
                                  const std::string& reason, long long now);

  /// One vote from `caller` at `address` (stored only as a keyed digest). Errors: the vote's
  /// problems (VoteProblem); a flood from one address is recorded as flagged before it is refused.
  core::Result<CampaignView> Vote(const accounts::Principal& caller, long long campaign_id, long long nomination_id,
                                  const std::string& address, long long now);

  /// Announced campaigns: to anyone. Before: to its officers, as a live count; honours.not_announced otherwise.
  core::Result<Results> ResultsOf(long long campaign_id, const accounts::Principal* caller) const;
  /// The nominations naming the caller across campaigns (我的荣誉), newest first.
  std::vector<OwnNomination> Mine(const accounts::Principal& caller, int limit) const;

  Verification Verify(const std::string& serial) const;
  /// Errors: not_found, forbidden (role, scope), honours.already_revoked, honours.bad_reason.
  core::Result<Certificate> Revoke(const accounts::Principal& caller, const std::string& serial,
                                   const std::string& reason, long long now);
  /// The certificate as a one-page A4 PDF: for its holder and the campaign's officers.
  /// `verify_url` is what the QR code opens.
  core::Result<std::string> Pdf(const accounts::Principal& caller, const std::string& serial,
                                const CertificateWords& words, const std::string& verify_url) const;

  /// Signs the certificates of winners of announced campaigns that have none (the demo city's,
  /// seeded without the key file). Call once at startup; returns how many were signed.
  int IssueMissingCertificates(long long now);

 private:
  int IssueMissingCertificatesOnce(long long now);
  core::Result<Campaign> RunnableCampaign(storage::Connection& connection, const accounts::Principal& caller,
                                          long long id) const;
  bool OfficerOf(const accounts::Principal* caller, const Campaign& campaign) const;
  core::Status Announce(storage::Connection& connection, const accounts::Principal& caller, const Campaign& campaign,
                        long long now);
  /// Signs and stores the certificate of `nomination`, a winner of `campaign`.
  Certificate IssueCertificate(storage::Connection& connection, const Campaign& campaign, const Nomination& nomination,
                               long long now);
  /// Signs `text` with the newest honour key (made on first use); returns {key id, signature}.
  std::pair<long long, std::string> Sign(storage::Connection& connection, const std::string& text, long long now);
  bool SignatureHolds(storage::Connection& connection, const Certificate& certificate, const Campaign& campaign) const;

  storage::Database& database_;
  const areas::AreaService& areas_;
  const core::Keyring& keyring_;
  Options options_;
};

/// The certificate drawn as an A4 landscape SVG (millimetres): the words, the name, the serial
/// and the QR code of `verify_url` as vector paths. Errors: validation_failed when the QR code
/// cannot hold the URL.
core::Result<std::string> CertificateSvg(const CertificateWords& words, const std::string& nominee_name,
                                         const std::string& serial, const std::string& verify_url);

}  // namespace youhao::honours
