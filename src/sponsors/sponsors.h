#pragma once
/// Use cases of sponsors: organisations created by street officers and above, each
/// with its own pool of points; accounts that speak for one (role sponsor) are linked as its
/// members and pledge points, which a city officer confirms (the issuer funds the sponsor's
/// pool) or declines, so no sponsor mints points alone. A sponsor's page shows what its points
/// became. And drives (such as "a book's journey"): campaigns collecting items at drop points in stations.

#include <optional>
#include <string>
#include <vector>

#include "accounts/access.h"
#include "areas/area_service.h"
#include "core/error.h"
#include "sponsors/sponsor_repository.h"
#include "storage/database.h"

namespace youhao::sponsors {

/// The sponsor `account_id` speaks for, if any.
std::optional<long long> SponsorOf(storage::Connection& connection, long long account_id);

/// The ledger's owner_ref of a sponsor's pool: "sponsor:7".
std::string PoolOwnerRef(long long sponsor_id);

struct SponsorPage {
  Sponsor sponsor;
  SponsorFigures figures;
  /// Its pledges and members: for its own members and for officers whose area holds it; empty
  /// (and `private_shown` false) for anyone else.
  bool private_shown = false;
  std::vector<Pledge> pledges;
  std::vector<MemberAccount> members;
};

class SponsorService {
 public:
  SponsorService(storage::Database& database, areas::AreaService& areas) : database_(database), areas_(areas) {}

  /// Errors: forbidden (below street officer, or the area outside the caller's), not_found (the
  /// area), bad_sponsor. Creates its pool in the ledger.
  core::Result<Sponsor> Create(const accounts::Principal& caller, SponsorInput input, long long now);
  std::vector<Sponsor> List() const;
  /// With the caller's own sponsor (for a member), to find their page.
  std::optional<long long> MineOf(const accounts::Principal& caller) const;
  core::Result<SponsorPage> Page(const accounts::Principal& caller, long long sponsor_id) const;
  /// Links a sponsor-role account of the caller's area. Errors: forbidden, not_found,
  /// not_sponsor_role (400).
  core::Result<MemberAccount> Link(const accounts::Principal& caller, long long sponsor_id, long long account_id);
  /// A member pledges points to its sponsor's pool. Errors: not_found, not_sponsor_member, bad_pledge.
  core::Result<Pledge> MakePledge(const accounts::Principal& caller, long long sponsor_id, long long amount,
                                  std::string note, long long now);
  /// The pledges still open (city officers).
  core::Result<std::vector<Pledge>> Open(const accounts::Principal& caller) const;
  /// A city officer funds the sponsor's pool from the issuer (client id fund:sponsor:<pledge id>).
  /// Errors: forbidden, not_found, pledge_decided (409).
  core::Result<Pledge> Fund(const accounts::Principal& caller, long long pledge_id, long long now);
  core::Result<Pledge> Decline(const accounts::Principal& caller, long long pledge_id, long long now);

 private:
  storage::Database& database_;
  areas::AreaService& areas_;
};

struct DriveView {
  Drive drive;
  std::vector<DropPoint> drop_points;
  std::vector<OrganisationCount> organisations;
};

class DriveService {
 public:
  DriveService(storage::Database& database, areas::AreaService& areas) : database_(database), areas_(areas) {}

  std::vector<Drive> List() const;
  core::Result<DriveView> Get(long long drive_id) const;
  /// Community officers and above, in their area; every drop point an approved station inside the
  /// drive's area. Errors: forbidden, not_found (the area), bad_drive.
  core::Result<DriveView> Create(const accounts::Principal& caller, DriveInput input, long long now);
  /// Items logged in or out at a drop point by its keeper or an officer of its area. Errors:
  /// not_found (drive), not_drop_point (400), not_drop_point_keeper (403), bad_drive_item,
  /// drive_not_running, drive_not_enough.
  core::Result<DriveView> Log(const accounts::Principal& caller, long long drive_id, long long place_id,
                              ItemInput input, long long now);

 private:
  storage::Database& database_;
  areas::AreaService& areas_;
};

}  // namespace youhao::sponsors
