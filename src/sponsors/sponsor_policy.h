#pragma once
/// The rules of sponsors (organisations that fund pools of points) and of drives (campaigns that
/// collect things, such as books, at drop points in stations), without a database: what their
/// input may hold, who may do what, and the state of a pledge. Catalogued problems name the field.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/roles.h"
#include "core/error.h"

namespace youhao::sponsors {

enum class SponsorKind { kCompany, kAlliance, kMerchant, kOther };
std::string_view SponsorKindName(SponsorKind kind);
std::optional<SponsorKind> ParseSponsorKind(std::string_view name);

inline constexpr std::size_t kMaxSponsorName = 60;
inline constexpr std::size_t kMaxSponsorIntro = 500;
inline constexpr std::size_t kMaxPledgeNote = 200;
/// The largest single pledge (a sanity bound: a year's budget of a large company).
inline constexpr long long kMaxPledgePoints = 10'000'000;

struct SponsorInput {
  std::string name;  ///< trimmed
  std::string kind;
  std::string area_code;
  std::string intro;  ///< trimmed
};

/// bad_sponsor naming name, kind or intro.
core::Status CheckSponsorInput(const SponsorInput& input);
/// bad_pledge naming amount or note.
core::Status CheckPledgeInput(long long amount, std::string_view note);

/// Creating sponsors: street officers and above (in their area, checked by the caller).
bool MayCreateSponsors(accounts::Role role);
/// Linking a sponsor-role account to its organisation: community officers and above.
bool MayLinkMembers(accounts::Role role);
/// Confirming or declining a pledge (the points come into being): city officers and administrators.
bool MayDecidePledges(accounts::Role role);
/// A pledge is made by an account that speaks for that sponsor: forbidden (not_sponsor_member)
/// for anyone else, officers included.
core::Status MayPledge(accounts::Role role, std::optional<long long> member_of, long long sponsor_id);

enum class PledgeStatus { kPledged, kFunded, kDeclined };
std::string_view PledgeStatusName(PledgeStatus status);
std::optional<PledgeStatus> ParsePledgeStatus(std::string_view name);
/// Only a pledge still pledged is funded or declined: pledge_decided (409) otherwise.
core::Status CheckPledgeOpen(PledgeStatus status);

// Drives.

inline constexpr std::size_t kMaxDriveTitle = 40;
inline constexpr std::size_t kMaxDriveStory = 1000;
inline constexpr std::size_t kMaxDriveCollects = 60;
inline constexpr std::size_t kMaxDropPoints = 20;
inline constexpr std::size_t kMaxOrganisation = 60;
inline constexpr std::size_t kMaxItemNote = 200;
inline constexpr long long kMaxItemsAtOnce = 100'000;
inline constexpr long long kMaxDriveGoal = 10'000'000;

struct DriveInput {
  std::string title;  ///< trimmed
  std::string story;
  std::string area_code;
  std::string collects;  ///< what is collected: children's books
  std::optional<long long> goal;
  long long starts_at = 0;
  long long ends_at = 0;
  std::vector<long long> drop_point_ids;
};

/// bad_drive naming title, story, collects, goal, ends_at or drop_point_ids (1 to 20, no repeats).
core::Status CheckDriveInput(const DriveInput& input);

enum class Direction { kIn, kOut };
std::string_view DirectionName(Direction direction);
std::optional<Direction> ParseDirection(std::string_view name);

/// Whom items logged out went to: a kind of recipient, never a person's name.
enum class RecipientKind { kWorkerChild, kWorkerFamily, kReadingCorner, kOther };
std::string_view RecipientKindName(RecipientKind kind);
std::optional<RecipientKind> ParseRecipientKind(std::string_view name);

struct ItemInput {
  std::string direction;
  std::string organisation;  ///< trimmed; who gave the items (in)
  std::optional<long long> sponsor_id;
  long long count = 0;
  std::string recipient_kind;  ///< out: whom they went to
  std::string note;
};

/// The item's own fields, before any record is read: direction (in | out), count (1–100000),
/// note, organisation (in), recipient_kind (out: one of the kinds). Catalogued bad_drive_item.
core::Status CheckItemInput(const ItemInput& input);

/// The checked movement: bad_drive_item naming direction, organisation (in: 1–60 characters),
/// count (1–100000), recipient_kind (out: one of the kinds) or note; drive_not_running (409) for
/// items logged in outside the drive's dates (handing out goes on after it ends); drive_not_enough
/// (409, field on_hand) when more go out than the drop point holds.
core::Status CheckItemMovement(const ItemInput& input, long long now, long long starts_at, long long ends_at,
                               long long on_hand);

/// Who logs items at a drop point: its keeper (the place's owner account), or an officer whose
/// area holds the place.
bool MayKeepDropPoint(accounts::Role role, long long caller_account_id, std::optional<long long> place_owner,
                      bool place_in_scope);

/// A drive's progress toward its goal in whole percent, 0–100 (0 without a goal).
int ProgressPercent(long long collected, std::optional<long long> goal);

}  // namespace youhao::sponsors
