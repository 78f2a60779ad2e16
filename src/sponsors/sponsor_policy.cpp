#include "sponsors/sponsor_policy.h"

#include <algorithm>
#include <array>
#include <boost/json/object.hpp>

#include "core/text.h"

namespace youhao::sponsors {

namespace {

using accounts::Role;
using core::ErrorCode;

constexpr std::array<std::pair<SponsorKind, std::string_view>, 4> kSponsorKinds{{
    {SponsorKind::kCompany, "company"},
    {SponsorKind::kAlliance, "alliance"},
    {SponsorKind::kMerchant, "merchant"},
    {SponsorKind::kOther, "other"},
}};

constexpr std::array<std::pair<PledgeStatus, std::string_view>, 3> kPledgeStatuses{{
    {PledgeStatus::kPledged, "pledged"},
    {PledgeStatus::kFunded, "funded"},
    {PledgeStatus::kDeclined, "declined"},
}};

constexpr std::array<std::pair<RecipientKind, std::string_view>, 4> kRecipientKinds{{
    {RecipientKind::kWorkerChild, "worker_child"},
    {RecipientKind::kWorkerFamily, "worker_family"},
    {RecipientKind::kReadingCorner, "reading_corner"},
    {RecipientKind::kOther, "other"},
}};

template <typename Enum, std::size_t N>
std::string_view NameIn(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
  for (const auto& [each, name] : table)
    if (each == value) return name;
  return table[0].second;
}

template <typename Enum, std::size_t N>
std::optional<Enum> ParseIn(const std::array<std::pair<Enum, std::string_view>, N>& table, std::string_view name) {
  for (const auto& [each, each_name] : table)
    if (each_name == name) return each;
  return std::nullopt;
}

/// A one-line text of 1..max characters.
bool FitsLine(std::string_view text, std::size_t max) {
  const std::size_t length = core::CountCodePoints(text);
  return length >= 1 && length <= max && !core::HasControlCharacters(text) &&
         text.find_first_of("\t\r\n") == std::string_view::npos;
}

/// A text of 0..max characters, line breaks allowed.
bool FitsText(std::string_view text, std::size_t max) {
  if (core::CountCodePoints(text) > max) return false;
  std::string without_breaks(text);
  std::erase_if(without_breaks, [](char c) { return c == '\n' || c == '\r'; });
  return !core::HasControlCharacters(without_breaks);
}

boost::json::object Field(std::string_view field, boost::json::object more = {}) {
  more["field"] = field;
  return more;
}

}  // namespace

std::string_view SponsorKindName(SponsorKind kind) { return NameIn(kSponsorKinds, kind); }
std::optional<SponsorKind> ParseSponsorKind(std::string_view name) { return ParseIn(kSponsorKinds, name); }
std::string_view PledgeStatusName(PledgeStatus status) { return NameIn(kPledgeStatuses, status); }
std::optional<PledgeStatus> ParsePledgeStatus(std::string_view name) { return ParseIn(kPledgeStatuses, name); }
std::string_view RecipientKindName(RecipientKind kind) { return NameIn(kRecipientKinds, kind); }
std::optional<RecipientKind> ParseRecipientKind(std::string_view name) { return ParseIn(kRecipientKinds, name); }

std::string_view DirectionName(Direction direction) { return direction == Direction::kIn ? "in" : "out"; }
std::optional<Direction> ParseDirection(std::string_view name) {
  if (name == "in") return Direction::kIn;
  if (name == "out") return Direction::kOut;
  return std::nullopt;
}

core::Status CheckSponsorInput(const SponsorInput& input) {
  if (!FitsLine(input.name, kMaxSponsorName))
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_sponsor", "sponsors.sponsor_name",
                             "name: 1 to 60 characters", Field("name"));
  if (!ParseSponsorKind(input.kind))
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_sponsor", "sponsors.sponsor_kind",
                             "kind: company, alliance, merchant or other", Field("kind"));
  if (!FitsText(input.intro, kMaxSponsorIntro))
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_sponsor", "sponsors.sponsor_intro",
                             "intro: at most 500 characters", Field("intro"));
  return core::Ok{};
}

core::Status CheckPledgeInput(long long amount, std::string_view note) {
  if (amount < 1 || amount > kMaxPledgePoints)
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_pledge", "sponsors.pledge_amount",
                             "amount: a whole number of points from 1 to 10000000",
                             Field("amount", boost::json::object{{"max", kMaxPledgePoints}}));
  if (!FitsText(note, kMaxPledgeNote))
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_pledge", "sponsors.pledge_note",
                             "note: at most 200 characters", Field("note"));
  return core::Ok{};
}

bool MayCreateSponsors(Role role) {
  return role == Role::kStreetOfficer || role == Role::kDistrictOfficer || role == Role::kCityOfficer ||
         role == Role::kAdmin;
}

bool MayLinkMembers(Role role) { return role == Role::kCommunityOfficer || MayCreateSponsors(role); }

bool MayDecidePledges(Role role) { return role == Role::kCityOfficer || role == Role::kAdmin; }

core::Status MayPledge(Role role, std::optional<long long> member_of, long long sponsor_id) {
  if (role == Role::kSponsor && member_of && *member_of == sponsor_id) return core::Ok{};
  return core::MakeProblem(ErrorCode::kForbidden, "not_sponsor_member", "sponsors.not_member",
                           "only an account that speaks for this sponsor pledges its points");
}

core::Status CheckPledgeOpen(PledgeStatus status) {
  if (status == PledgeStatus::kPledged) return core::Ok{};
  return core::MakeProblem(ErrorCode::kConflict, "pledge_decided", "sponsors.pledge_decided",
                           "this pledge was funded or declined already",
                           boost::json::object{{"status", PledgeStatusName(status)}});
}

core::Status CheckDriveInput(const DriveInput& input) {
  if (!FitsLine(input.title, kMaxDriveTitle))
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_drive", "sponsors.drive_title",
                             "title: 1 to 40 characters", Field("title"));
  if (!FitsText(input.story, kMaxDriveStory))
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_drive", "sponsors.drive_story",
                             "story: at most 1000 characters", Field("story"));
  if (!FitsLine(input.collects, kMaxDriveCollects))
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_drive", "sponsors.drive_collects",
                             "collects: what is collected, 1 to 60 characters", Field("collects"));
  if (input.goal && (*input.goal < 1 || *input.goal > kMaxDriveGoal))
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_drive", "sponsors.drive_goal",
                             "goal: empty, or 1 to 10000000 items", Field("goal"));
  if (input.starts_at < 0 || input.ends_at <= input.starts_at)
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_drive", "sponsors.drive_ends_at",
                             "ends_at must come after starts_at", Field("ends_at"));
  std::vector<long long> ids = input.drop_point_ids;
  std::sort(ids.begin(), ids.end());
  if (ids.empty() || ids.size() > kMaxDropPoints || std::adjacent_find(ids.begin(), ids.end()) != ids.end() ||
      ids.front() < 1)
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_drive", "sponsors.drive_drop_point_ids",
                             "drop_point_ids: 1 to 20 different stations", Field("drop_point_ids"));
  return core::Ok{};
}

core::Status CheckItemInput(const ItemInput& input) {
  const auto direction = ParseDirection(input.direction);
  if (!direction)
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_drive_item", "sponsors.item_direction",
                             "direction: in or out", Field("direction"));
  // A kind outside the documented enum (or none for items handed out): the schema's own code, with
  // the catalogue's words.
  if ((*direction == Direction::kOut || !input.recipient_kind.empty()) && !ParseRecipientKind(input.recipient_kind))
    return core::MakeProblem(ErrorCode::kValidationFailed, "validation_failed", "sponsors.item_recipient_kind",
                             "recipient_kind: worker_child, worker_family, reading_corner or other",
                             Field("recipient_kind"));
  if (input.count < 1 || input.count > kMaxItemsAtOnce)
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_drive_item", "sponsors.item_count",
                             "count: 1 to 100000", Field("count", boost::json::object{{"max", kMaxItemsAtOnce}}));
  if (!FitsText(input.note, kMaxItemNote))
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_drive_item", "sponsors.item_note",
                             "note: at most 200 characters", Field("note"));
  if (*direction == Direction::kIn && !FitsLine(input.organisation, kMaxOrganisation))
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_drive_item", "sponsors.item_organisation",
                             "organisation: who gave them, 1 to 60 characters", Field("organisation"));
  return core::Ok{};
}

core::Status CheckItemMovement(const ItemInput& input, long long now, long long starts_at, long long ends_at,
                               long long on_hand) {
  if (auto checked = CheckItemInput(input); !checked.ok()) return checked;
  if (*ParseDirection(input.direction) == Direction::kIn) {
    if (now < starts_at || now >= ends_at)
      return core::MakeProblem(ErrorCode::kConflict, "drive_not_running", "sponsors.drive_not_running",
                               "items are logged in while the drive runs");
    return core::Ok{};
  }
  if (input.count > on_hand)
    return core::MakeProblem(ErrorCode::kConflict, "drive_not_enough", "sponsors.drive_not_enough",
                             "the drop point holds fewer items than that",
                             boost::json::object{{"on_hand", on_hand}, {"count", input.count}});
  return core::Ok{};
}

bool MayKeepDropPoint(Role role, long long caller_account_id, std::optional<long long> place_owner,
                      bool place_in_scope) {
  if (place_owner && *place_owner == caller_account_id) return true;
  return accounts::IsOfficer(role) && place_in_scope;
}

int ProgressPercent(long long collected, std::optional<long long> goal) {
  if (!goal || *goal <= 0 || collected <= 0) return 0;
  if (collected >= *goal) return 100;
  return static_cast<int>(collected * 100 / *goal);
}

}  // namespace youhao::sponsors
