#include "honours/honour_policy.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/json/object.hpp>

#include "core/text.h"

namespace youhao::honours {

namespace {

using core::ErrorCode;
namespace json = boost::json;

constexpr std::array<std::string_view, 4> kKindNames = {"best_rider", "best_courier", "skills_champion",
                                                        "grid_reporter"};
constexpr std::array<std::string_view, 4> kStageNames = {"nominating", "reviewing", "voting", "announced"};
constexpr std::array<std::string_view, 3> kStatusNames = {"pending", "accepted", "rejected"};

template <typename Enum, std::size_t N>
std::optional<Enum> Find(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

bool PlainText(std::string_view text, std::size_t longest) {
  const std::string_view trimmed = core::Trim(text);
  return !trimmed.empty() && core::CountCodePoints(trimmed) <= longest && !core::HasControlCharacters(trimmed);
}

/// "YYYY-MM-DD" → months since year 0, or none.
std::optional<long long> MonthIndex(std::string_view date) {
  if (date.size() < 7 || date[4] != '-') return std::nullopt;
  long long year = 0, month = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (date[i] < '0' || date[i] > '9') return std::nullopt;
    year = year * 10 + (date[i] - '0');
  }
  for (std::size_t i = 5; i < 7; ++i) {
    if (date[i] < '0' || date[i] > '9') return std::nullopt;
    month = month * 10 + (date[i] - '0');
  }
  if (month < 1 || month > 12) return std::nullopt;
  return year * 12 + month - 1;
}

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string_view CampaignKindName(CampaignKind kind) { return kKindNames[static_cast<std::size_t>(kind)]; }
std::optional<CampaignKind> ParseCampaignKind(std::string_view name) { return Find<CampaignKind>(kKindNames, name); }
std::string_view StageName(Stage stage) { return kStageNames[static_cast<std::size_t>(stage)]; }
std::optional<Stage> ParseStage(std::string_view name) { return Find<Stage>(kStageNames, name); }
std::string_view NominationStatusName(NominationStatus status) {
  return kStatusNames[static_cast<std::size_t>(status)];
}
std::optional<NominationStatus> ParseNominationStatus(std::string_view name) {
  return Find<NominationStatus>(kStatusNames, name);
}

std::optional<Stage> NextStage(Stage stage) {
  switch (stage) {
    case Stage::kNominating:
      return Stage::kReviewing;
    case Stage::kReviewing:
      return Stage::kVoting;
    case Stage::kVoting:
      return Stage::kAnnounced;
    case Stage::kAnnounced:
      return std::nullopt;
  }
  return std::nullopt;
}

core::Status CheckCampaign(const CampaignInput& input) {
  if (!PlainText(input.title, kMaxTitle))
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_title", "honours.bad_title",
                             "title: 1 to 60 characters", json::object{{"field", "title"}});
  if (input.nominating_until <= 0 || input.reviewing_until < input.nominating_until ||
      input.voting_until < input.reviewing_until) {
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_dates", "honours.bad_dates",
                             "nominating_until <= reviewing_until <= voting_until, each a moment in Unix seconds",
                             json::object{{"field", "voting_until"}});
  }
  if (input.winners < 1 || input.winners > kMaxWinners)
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_winners", "honours.bad_winners", "winners: 1 to 50",
                             json::object{{"field", "winners"}});
  if (input.votes_per_person < 1 || input.votes_per_person > kMaxVotesPerPerson) {
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_votes_per_person", "honours.bad_votes_per_person",
                             "votes_per_person: 1 to 20", json::object{{"field", "votes_per_person"}});
  }
  if (input.prize_points < 0 || input.prize_points > kMaxPrizePoints)
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_prize", "honours.bad_prize",
                             "prize_points: 0 to 100000", json::object{{"field", "prize_points"}});
  return core::Ok{};
}

bool LevelHoldsCampaigns(std::string_view level) { return level == "district" || level == "street"; }

bool MayRunCampaigns(accounts::Role role) {
  using accounts::Role;
  return role == Role::kStreetOfficer || role == Role::kDistrictOfficer || role == Role::kCityOfficer ||
         role == Role::kAdmin;
}

bool MayReview(accounts::Role role) { return accounts::IsOfficer(role); }

bool MayNominate(accounts::Role role) {
  using accounts::Role;
  return role == Role::kWorker || role == Role::kStationKeeper || role == Role::kPropertyManager ||
         accounts::IsOfficer(role);
}

core::Status CheckAdvance(Stage from, Stage to) {
  const auto next = NextStage(from);
  if (!next || *next != to) {
    return core::MakeProblem(ErrorCode::kConflict, "bad_stage", "honours.bad_stage",
                             fmt::format("a campaign {} cannot move to {}", StageName(from), StageName(to)),
                             json::object{{"stage", StageName(from)}, {"to", StageName(to)}});
  }
  return core::Ok{};
}

core::Status CheckNominationOpen(Stage stage) {
  if (stage != Stage::kNominating) {
    return core::MakeProblem(ErrorCode::kConflict, "not_nominating", "honours.not_nominating",
                             "this campaign takes no more nominations", json::object{{"stage", StageName(stage)}});
  }
  return core::Ok{};
}

core::Status CheckReviewOpen(Stage stage) {
  if (stage != Stage::kNominating && stage != Stage::kReviewing) {
    return core::MakeProblem(ErrorCode::kConflict, "not_reviewing", "honours.not_reviewing",
                             "this campaign's nominations are no longer reviewed",
                             json::object{{"stage", StageName(stage)}});
  }
  return core::Ok{};
}

core::Status CheckCitation(std::string_view citation) {
  if (!PlainText(citation, kMaxCitation))
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_citation", "honours.bad_citation",
                             "citation: 1 to 300 characters", json::object{{"field", "citation"}});
  return core::Ok{};
}

core::Status CheckReviewReason(bool accept, std::string_view reason) {
  const std::string_view trimmed = core::Trim(reason);
  const bool fits = core::CountCodePoints(trimmed) <= kMaxReason && !core::HasControlCharacters(trimmed);
  if (!fits || (!accept && trimmed.empty()))
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_reason", "honours.bad_reason",
                             "reason: required to reject, up to 200 characters", json::object{{"field", "reason"}});
  return core::Ok{};
}

VoteVerdict DecideVote(const VoteFacts& facts) {
  if (facts.stage != Stage::kVoting) return VoteVerdict::kNotVoting;
  if (!facts.nomination_accepted) return VoteVerdict::kNotAccepted;
  if (!facts.voter_eligible) return VoteVerdict::kVoterNotEligible;
  if (facts.address_votes_last_hour >= facts.address_limit_per_hour) return VoteVerdict::kAddressFlood;
  if (facts.already_voted_for_nominee) return VoteVerdict::kAlreadyVoted;
  if (facts.votes_cast >= facts.votes_per_person) return VoteVerdict::kLimitReached;
  return VoteVerdict::kAccepted;
}

core::Error VoteProblem(VoteVerdict verdict, const VoteFacts& facts) {
  switch (verdict) {
    case VoteVerdict::kNotVoting:
      return core::MakeProblem(ErrorCode::kConflict, "not_voting", "honours.not_voting", "this campaign is not voting",
                               json::object{{"stage", StageName(facts.stage)}});
    case VoteVerdict::kNotAccepted:
      return core::MakeProblem(ErrorCode::kConflict, "nominee_not_accepted", "honours.nominee_not_accepted",
                               "this nomination is not on the ballot");
    case VoteVerdict::kVoterNotEligible:
      return core::MakeProblem(ErrorCode::kForbidden, "voter_not_verified", "honours.voter_not_verified",
                               "a worker votes once verified in the register");
    case VoteVerdict::kAlreadyVoted:
      return core::MakeProblem(ErrorCode::kConflict, "already_voted", "honours.already_voted",
                               "you voted for this nominee already");
    case VoteVerdict::kLimitReached:
      return core::MakeProblem(ErrorCode::kConflict, "vote_limit", "honours.vote_limit",
                               fmt::format("at most {} votes a person in this campaign", facts.votes_per_person),
                               json::object{{"limit", facts.votes_per_person}});
    case VoteVerdict::kAddressFlood:
      return core::MakeProblem(ErrorCode::kRateLimited, "vote_flagged", "honours.vote_flagged",
                               "too many votes from this network in the last hour: refused and flagged");
    case VoteVerdict::kAccepted:
      break;
  }
  return core::MakeError(ErrorCode::kInternal, "an accepted vote has no problem");
}

std::vector<Ranked> RankResults(std::vector<Tally> tallies, long long winners) {
  std::sort(tallies.begin(), tallies.end(), [](const Tally& a, const Tally& b) {
    return a.votes != b.votes ? a.votes > b.votes : a.nomination_id < b.nomination_id;
  });
  std::vector<Ranked> ranked;
  ranked.reserve(tallies.size());
  for (std::size_t i = 0; i < tallies.size(); ++i) {
    Ranked line{tallies[i].nomination_id, tallies[i].votes, static_cast<int>(i) + 1, false};
    if (i > 0 && tallies[i].votes == tallies[i - 1].votes) line.rank = ranked.back().rank;
    line.winner = line.votes > 0 && line.rank <= winners;
    ranked.push_back(line);
  }
  return ranked;
}

long long MonthsServed(std::string_view term_start, std::string_view term_end, std::string_view today) {
  const auto start = MonthIndex(term_start);
  const auto end = MonthIndex(term_end);
  const auto now = MonthIndex(today);
  if (!start || !end || !now || term_start > today) return 0;
  const long long last = std::min(*end, *now);
  return last < *start ? 0 : last - *start + 1;
}

std::string CertificateSerial(long long campaign_id, long long nomination_id, std::string_view six_digits) {
  return fmt::format("YH-{}-{}-{}", campaign_id, nomination_id, six_digits);
}

bool ValidSerial(std::string_view serial) {
  if (serial.size() > 40 || !serial.starts_with("YH-")) return false;
  std::string_view rest = serial.substr(3);
  for (int part = 0; part < 3; ++part) {
    const std::size_t dash = rest.find('-');
    const std::string_view piece = part < 2 ? rest.substr(0, dash) : rest;
    if (!AllDigits(piece) || (part < 2 && dash == std::string_view::npos)) return false;
    if (part == 2 && piece.size() != 6) return false;
    if (part < 2) rest = rest.substr(dash + 1);
  }
  return true;
}

std::string CertificateSignedText(std::string_view serial, long long campaign_id, std::string_view campaign_title,
                                  long long nomination_id, std::string_view nominee_name, long long issued_at) {
  return fmt::format("youhao-honour-certificate-v1\n{}\n{}\n{}\n{}\n{}\n{}", serial, campaign_id, campaign_title,
                     nomination_id, nominee_name, issued_at);
}

}  // namespace youhao::honours
