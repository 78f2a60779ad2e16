#pragma once
/// Honours campaigns (最美骑手, 最美快递人, 技术能手, 优秀网格员) without a database: the stages a
/// campaign goes through, who may run and who may vote, the vote's limits and fraud checks, the
/// ranking of results, the months a grid reporter served, and a certificate's serial and signed
/// text. No clock, no text a person reads: catalogued problems name their fields.
///
///   nominating ──▶ reviewing ──▶ voting ──▶ announced
///   (nominations     (officers accept  (verified accounts  (winners ranked by valid votes,
///    come in)          or reject)        vote, N each)       prize points, certificates)

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/roles.h"
#include "core/error.h"

namespace youhao::honours {

enum class CampaignKind {
  kBestRider,       ///< 最美骑手 / 最美外卖员
  kBestCourier,     ///< 最美快递人
  kSkillsChampion,  ///< 技术能手 (from a skills contest)
  kGridReporter,    ///< 优秀网格员: a roaming grid reporter's account
};
std::string_view CampaignKindName(CampaignKind kind);
std::optional<CampaignKind> ParseCampaignKind(std::string_view name);

enum class Stage { kNominating, kReviewing, kVoting, kAnnounced };
std::string_view StageName(Stage stage);
std::optional<Stage> ParseStage(std::string_view name);
/// The stage after `stage`; none after announced.
std::optional<Stage> NextStage(Stage stage);

enum class NominationStatus { kPending, kAccepted, kRejected };
std::string_view NominationStatusName(NominationStatus status);
std::optional<NominationStatus> ParseNominationStatus(std::string_view name);

inline constexpr std::size_t kMaxTitle = 60;
inline constexpr std::size_t kMaxCitation = 300;
inline constexpr std::size_t kMaxReason = 200;
inline constexpr long long kMaxWinners = 50;
inline constexpr long long kMaxVotesPerPerson = 20;
inline constexpr long long kMaxPrizePoints = 100'000;

/// A campaign as its officers set it up.
struct CampaignInput {
  std::string title;
  CampaignKind kind = CampaignKind::kBestRider;
  long long nominating_until = 0;  ///< the end of each stage, Unix seconds, in order
  long long reviewing_until = 0;
  long long voting_until = 0;
  long long winners = 3;
  long long votes_per_person = 3;
  long long prize_points = 0;
};

/// Checks a campaign's fields: honours.bad_title, honours.bad_dates (not in order), honours.bad_winners,
/// honours.bad_votes_per_person, honours.bad_prize; each names its field.
core::Status CheckCampaign(const CampaignInput& input);

/// Whether the area level may hold a campaign ("district" or "street").
bool LevelHoldsCampaigns(std::string_view level);

/// Street officers and above (within their area, checked by the caller) create and move campaigns.
bool MayRunCampaigns(accounts::Role role);
/// Officers (grid officers and above) review nominations of campaigns in their area.
bool MayReview(accounts::Role role);
/// Workers, station keepers, property staff and officers nominate; merchants and sponsors do not.
bool MayNominate(accounts::Role role);

/// Moving a campaign from `from` to `to`: only to the next stage (honours.bad_stage otherwise).
core::Status CheckAdvance(Stage from, Stage to);
/// Nominations come in only while nominating (honours.not_nominating).
core::Status CheckNominationOpen(Stage stage);
/// Reviews happen while nominating or reviewing (honours.not_reviewing).
core::Status CheckReviewOpen(Stage stage);
/// A citation: 1..kMaxCitation code points, no control characters (honours.bad_citation).
core::Status CheckCitation(std::string_view citation);
/// A review's reason: required to reject, at most kMaxReason (honours.bad_reason).
core::Status CheckReviewReason(bool accept, std::string_view reason);

/// What the server knows when an account votes for a nomination.
struct VoteFacts {
  Stage stage = Stage::kVoting;
  bool nomination_accepted = false;
  /// A worker account verified in the register, or any other signed-in role.
  bool voter_eligible = false;
  bool already_voted_for_nominee = false;
  long long votes_cast = 0;  ///< by this account in this campaign
  long long votes_per_person = 1;
  long long address_votes_last_hour = 0;  ///< votes in this campaign from the caller's address
  long long address_limit_per_hour = 30;
};

enum class VoteVerdict {
  kAccepted,
  kNotVoting,         ///< honours.not_voting (409)
  kNotAccepted,       ///< honours.nominee_not_accepted (409)
  kVoterNotEligible,  ///< honours.voter_not_verified (403)
  kAlreadyVoted,      ///< honours.already_voted (409)
  kLimitReached,      ///< honours.vote_limit (409, field limit)
  kAddressFlood,      ///< honours.vote_flagged (429): refused and counted as flagged
};

/// The decision on one vote, in this order: stage, nominee, voter, the address flood, the nominee
/// voted for already, the person's limit.
VoteVerdict DecideVote(const VoteFacts& facts);
/// The catalogued problem of a refused vote (never called with kAccepted).
core::Error VoteProblem(VoteVerdict verdict, const VoteFacts& facts);

/// An accepted nomination's count of valid votes.
struct Tally {
  long long nomination_id = 0;
  long long votes = 0;
};
struct Ranked {
  long long nomination_id = 0;
  long long votes = 0;
  int rank = 0;  ///< 1 for the most votes; equal votes share a rank
  bool winner = false;
};
/// Ranks by valid votes (most first; equal votes share a rank, listed by nomination id). The
/// winners are those ranked within `winners` places that received at least one vote, so a tie at
/// the last place makes more winners rather than an arbitrary choice.
std::vector<Ranked> RankResults(std::vector<Tally> tallies, long long winners);

/// Whole calendar months of a grid reporter's term ("YYYY-MM-DD" both inclusive) served up to
/// `today` (a term not yet begun counts 0, a term running counts the months begun so far).
long long MonthsServed(std::string_view term_start, std::string_view term_end, std::string_view today);

/// A certificate's serial: "YH-<campaign>-<nomination>-<6 digits>".
std::string CertificateSerial(long long campaign_id, long long nomination_id, std::string_view six_digits);
/// Whether `serial` has the shape of one (so malformed input is told from an unknown serial).
bool ValidSerial(std::string_view serial);
/// The exact bytes a certificate's signature covers.
std::string CertificateSignedText(std::string_view serial, long long campaign_id, std::string_view campaign_title,
                                  long long nomination_id, std::string_view nominee_name, long long issued_at);

}  // namespace youhao::honours
