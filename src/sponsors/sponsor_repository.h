#pragma once
/// The SQL of sponsors, their members and pledges, of what a sponsor's points became, and of drives
/// with their drop points and items, run on a given connection (the caller holds the transaction).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sponsors/sponsor_policy.h"
#include "storage/database.h"

namespace youhao::sponsors {

struct Sponsor {
  long long id = 0;
  std::string name;
  SponsorKind kind = SponsorKind::kCompany;
  std::string area_code;
  std::string area_name;
  std::string area_path;
  std::optional<long long> pool_account_id;
  std::string intro;
  long long created_at = 0;
  long long pool_balance = 0;
};

struct Pledge {
  long long id = 0;
  long long sponsor_id = 0;
  std::string sponsor_name;
  long long amount = 0;
  std::string note;
  PledgeStatus status = PledgeStatus::kPledged;
  std::string pledged_by;
  long long pledged_at = 0;
  std::optional<std::string> decided_by;
  std::optional<long long> decided_at;
  std::optional<long long> transfer_id;
};

/// An offer the sponsor pays for, and how often it was served (confirmed redemptions).
struct OfferServed {
  long long offer_id = 0;
  std::string title;
  std::string place_name;
  long long count = 0;
  long long points = 0;
};

struct DriveJoined {
  long long drive_id = 0;
  std::string title;
  long long items = 0;
};

/// What a sponsor's points became.
struct SponsorFigures {
  long long funded = 0;  ///< points funded into its pool
  long long awards = 0;  ///< awards paid from its pool to workers
  long long awarded = 0;
  std::vector<OfferServed> served;
  long long wishes_fulfilled = 0;
  std::vector<DriveJoined> drives;
};

/// An account as linking a member sees it.
struct MemberAccount {
  long long id = 0;
  std::string login;
  std::string display_name;
  std::string role;
  std::string area_path;
};

struct Drive {
  long long id = 0;
  std::string title;
  std::string story;
  std::string area_code;
  std::string area_name;
  std::string area_path;
  std::string collects;
  std::optional<long long> goal;
  long long starts_at = 0;
  long long ends_at = 0;
  long long created_at = 0;
  long long collected = 0;   ///< items logged in
  long long handed_out = 0;  ///< items logged out
  long long organisations = 0;
};

struct DropPoint {
  long long place_id = 0;
  std::string name;
  std::string area_path;
  std::optional<long long> owner_account_id;
  long long collected = 0;
  long long handed_out = 0;
};

struct OrganisationCount {
  std::string organisation;
  std::optional<long long> sponsor_id;
  long long count = 0;
};

/// A station as a drive's drop point must be: its kind, status and area.
struct StationFacts {
  long long id = 0;
  std::string kind;
  bool approved = false;
  std::string area_path;
};

struct NewItem {
  long long drive_id = 0;
  long long place_id = 0;
  Direction direction = Direction::kIn;
  std::string organisation;
  std::optional<long long> sponsor_id;
  long long count = 0;
  std::optional<std::string> recipient_kind;
  std::string note;
  std::string logged_by;
  long long at = 0;
};

namespace sponsor_repository {

long long Insert(storage::Connection& connection, const SponsorInput& input, long long now);
void SetPool(storage::Connection& connection, long long sponsor_id, long long pool_account_id);
std::optional<Sponsor> Find(storage::Connection& connection, long long sponsor_id);
/// Every sponsor, newest first (a city has tens, not thousands).
std::vector<Sponsor> List(storage::Connection& connection, int limit);

std::optional<MemberAccount> FindAccount(storage::Connection& connection, long long account_id);
/// Links the account to the sponsor (replacing an earlier link).
void Link(storage::Connection& connection, long long account_id, long long sponsor_id);
std::optional<long long> MemberOf(storage::Connection& connection, long long account_id);
std::vector<MemberAccount> Members(storage::Connection& connection, long long sponsor_id);

long long InsertPledge(storage::Connection& connection, long long sponsor_id, long long amount, std::string_view note,
                       std::string_view login, long long now);
std::optional<Pledge> FindPledge(storage::Connection& connection, long long pledge_id);
/// A sponsor's pledges, or (sponsor_id nullopt) every pledge still open; newest first.
std::vector<Pledge> Pledges(storage::Connection& connection, std::optional<long long> sponsor_id, int limit);
/// Moves a pledged pledge to `status`: false when it was decided already (a racing officer won).
bool DecidePledge(storage::Connection& connection, long long pledge_id, PledgeStatus status, std::string_view login,
                  long long now, std::optional<long long> transfer_id);

/// What the sponsor's pool and offers became; wishes from wish_claims when that table exists.
SponsorFigures Figures(storage::Connection& connection, const Sponsor& sponsor);

}  // namespace sponsor_repository

namespace drive_repository {

long long Insert(storage::Connection& connection, const DriveInput& input, std::string_view login, long long now);
std::optional<Drive> Find(storage::Connection& connection, long long drive_id);
/// Every drive with its totals, running and newest first.
std::vector<Drive> List(storage::Connection& connection, int limit);
std::optional<StationFacts> FindStation(storage::Connection& connection, long long place_id);
std::vector<DropPoint> DropPoints(storage::Connection& connection, long long drive_id);
std::vector<OrganisationCount> Organisations(storage::Connection& connection, long long drive_id);
/// Takes the drop point's row lock for the caller's transaction, so that two keepers handing out
/// at once count what is on hand one after the other; false when the place is not a drop point of
/// the drive.
bool LockDropPoint(storage::Connection& connection, long long drive_id, long long place_id);
/// Items logged in minus items logged out at the drop point.
long long OnHand(storage::Connection& connection, long long drive_id, long long place_id);
long long InsertItem(storage::Connection& connection, const NewItem& item);

}  // namespace drive_repository

}  // namespace youhao::sponsors
