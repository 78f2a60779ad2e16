#include "sponsors/sponsors.h"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "audit/audit_log.h"
#include "core/text.h"
#include "points/ledger.h"

namespace youhao::sponsors {

namespace {

using core::ErrorCode;

constexpr int kListLimit = 200;

core::Error NotAllowed() {
  return core::MakeProblem(ErrorCode::kForbidden, "sponsors_not_allowed", "sponsors.not_allowed",
                           "your role may not do this for sponsors");
}

core::Error NoSponsor() { return core::MakeError(ErrorCode::kNotFound, "no such sponsor"); }

/// Whether the caller sees a sponsor's pledges and members: its members and officers of its area.
bool SeesPrivate(const accounts::Principal& caller, const Sponsor& sponsor, std::optional<long long> member_of) {
  if (member_of && *member_of == sponsor.id) return true;
  return accounts::IsOfficer(caller.role) && areas::PathWithin(sponsor.area_path, caller.area_path);
}

std::string Trimmed(std::string_view text) { return std::string(core::Trim(text)); }

}  // namespace

std::optional<long long> SponsorOf(storage::Connection& connection, long long account_id) {
  return sponsor_repository::MemberOf(connection, account_id);
}

std::string PoolOwnerRef(long long sponsor_id) { return "sponsor:" + std::to_string(sponsor_id); }

core::Result<Sponsor> SponsorService::Create(const accounts::Principal& caller, SponsorInput input, long long now) {
  if (!MayCreateSponsors(caller.role)) return NotAllowed();
  input.name = Trimmed(input.name);
  input.intro = Trimmed(input.intro);
  if (input.area_code.empty()) input.area_code = caller.area_code;
  if (auto checked = CheckSponsorInput(input); !checked.ok()) return checked.error();
  auto connection = database_.Acquire();
  const auto area = areas_.Find(*connection, input.area_code);
  if (!area) return core::MakeError(ErrorCode::kNotFound, "no such area");
  if (auto scoped = accounts::RequireInScope(caller, *area); !scoped.ok()) return scoped.error();
  storage::Transaction transaction(*connection);
  const long long id = sponsor_repository::Insert(*connection, input, now);
  const auto pool = points::Ledger::Ensure(*connection, points::AccountKind::kPool, PoolOwnerRef(id), input.name, now);
  sponsor_repository::SetPool(*connection, id, pool.id);
  audit::Entry entry = accounts::AuditEntryBy(caller, "sponsors.create", "sponsor", std::to_string(id), area->code);
  entry.after_json = boost::json::serialize(
      boost::json::object{{"name", input.name}, {"kind", input.kind}, {"pool_account_id", pool.id}});
  audit::AuditLog::Record(*connection, entry);
  auto sponsor = sponsor_repository::Find(*connection, id);
  transaction.Commit();
  return std::move(*sponsor);
}

std::vector<Sponsor> SponsorService::List() const {
  auto connection = database_.Acquire();
  return sponsor_repository::List(*connection, kListLimit);
}

std::optional<long long> SponsorService::MineOf(const accounts::Principal& caller) const {
  auto connection = database_.Acquire();
  return SponsorOf(*connection, caller.account_id);
}

core::Result<SponsorPage> SponsorService::Page(const accounts::Principal& caller, long long sponsor_id) const {
  auto connection = database_.Acquire();
  auto sponsor = sponsor_repository::Find(*connection, sponsor_id);
  if (!sponsor) return NoSponsor();
  SponsorPage page;
  page.figures = sponsor_repository::Figures(*connection, *sponsor);
  if (SeesPrivate(caller, *sponsor, SponsorOf(*connection, caller.account_id))) {
    page.private_shown = true;
    page.pledges = sponsor_repository::Pledges(*connection, sponsor_id, kListLimit);
    page.members = sponsor_repository::Members(*connection, sponsor_id);
  }
  page.sponsor = std::move(*sponsor);
  return page;
}

core::Result<MemberAccount> SponsorService::Link(const accounts::Principal& caller, long long sponsor_id,
                                                 long long account_id) {
  if (!MayLinkMembers(caller.role)) return NotAllowed();
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  const auto sponsor = sponsor_repository::Find(*connection, sponsor_id);
  if (!sponsor) return NoSponsor();
  const auto account = sponsor_repository::FindAccount(*connection, account_id);
  if (!account) return core::MakeError(ErrorCode::kNotFound, "no such account");
  if (!areas::PathWithin(account->area_path, caller.area_path) ||
      !areas::PathWithin(sponsor->area_path, caller.area_path))
    return core::MakeProblem(ErrorCode::kForbidden, "out_of_scope", "sponsors.out_of_scope",
                             "the account or the sponsor lies outside your area");
  if (account->role != accounts::RoleName(accounts::Role::kSponsor))
    return core::MakeProblem(ErrorCode::kValidationFailed, "not_sponsor_role", "sponsors.not_sponsor_role",
                             "only an account with the role sponsor speaks for a sponsor",
                             boost::json::object{{"field", "account_id"}});
  const auto before = sponsor_repository::MemberOf(*connection, account_id);
  sponsor_repository::Link(*connection, account_id, sponsor_id);
  audit::Entry entry =
      accounts::AuditEntryBy(caller, "sponsors.member_link", "sponsor", std::to_string(sponsor_id), sponsor->area_code);
  if (before) entry.before_json = boost::json::serialize(boost::json::object{{"sponsor_id", *before}});
  entry.after_json = boost::json::serialize(
      boost::json::object{{"account_id", account_id}, {"login", account->login}, {"sponsor_id", sponsor_id}});
  audit::AuditLog::Record(*connection, entry);
  transaction.Commit();
  return *account;
}

core::Result<Pledge> SponsorService::MakePledge(const accounts::Principal& caller, long long sponsor_id,
                                                long long amount, std::string note, long long now) {
  note = Trimmed(note);
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  const auto sponsor = sponsor_repository::Find(*connection, sponsor_id);
  if (!sponsor) return NoSponsor();
  if (auto may = MayPledge(caller.role, SponsorOf(*connection, caller.account_id), sponsor_id); !may.ok())
    return may.error();
  if (auto checked = CheckPledgeInput(amount, note); !checked.ok()) return checked.error();
  const long long id = sponsor_repository::InsertPledge(*connection, sponsor_id, amount, note, caller.login, now);
  audit::Entry entry =
      accounts::AuditEntryBy(caller, "sponsors.pledge", "sponsor_pledge", std::to_string(id), sponsor->area_code);
  entry.after_json =
      boost::json::serialize(boost::json::object{{"sponsor_id", sponsor_id}, {"amount", amount}, {"note", note}});
  audit::AuditLog::Record(*connection, entry);
  auto pledge = sponsor_repository::FindPledge(*connection, id);
  transaction.Commit();
  return std::move(*pledge);
}

core::Result<std::vector<Pledge>> SponsorService::Open(const accounts::Principal& caller) const {
  if (!MayDecidePledges(caller.role)) return NotAllowed();
  auto connection = database_.Acquire();
  return sponsor_repository::Pledges(*connection, std::nullopt, kListLimit);
}

core::Result<Pledge> SponsorService::Fund(const accounts::Principal& caller, long long pledge_id, long long now) {
  if (!MayDecidePledges(caller.role)) return NotAllowed();
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  const auto pledge = sponsor_repository::FindPledge(*connection, pledge_id);
  if (!pledge) return core::MakeError(ErrorCode::kNotFound, "no such pledge");
  if (auto open = CheckPledgeOpen(pledge->status); !open.ok()) return open.error();
  const auto sponsor = sponsor_repository::Find(*connection, pledge->sponsor_id);
  if (!sponsor) return NoSponsor();
  long long pool_id = 0;
  if (sponsor->pool_account_id) {
    pool_id = *sponsor->pool_account_id;
  } else {
    pool_id =
        points::Ledger::Ensure(*connection, points::AccountKind::kPool, PoolOwnerRef(sponsor->id), sponsor->name, now)
            .id;
    sponsor_repository::SetPool(*connection, sponsor->id, pool_id);
  }
  const auto issuer = points::Ledger::Find(*connection, points::AccountKind::kIssuer, "city");
  if (!issuer) return core::MakeError(ErrorCode::kNotFound, "this server keeps no points issuer");
  points::TransferRequest request;
  request.source_id = issuer->id;
  request.target_id = pool_id;
  request.amount = pledge->amount;
  request.kind = points::TransferKind::kFund;
  request.reason = "sponsor_pledge";
  request.client_id = "fund:sponsor:" + std::to_string(pledge_id);
  request.actor_login = caller.login;
  request.at = now;
  auto moved = points::Ledger::Move(*connection, request);
  if (!moved.ok()) return moved.error();
  if (!sponsor_repository::DecidePledge(*connection, pledge_id, PledgeStatus::kFunded, caller.login, now,
                                        moved.value().id))
    return CheckPledgeOpen(PledgeStatus::kFunded).error();
  audit::Entry entry = accounts::AuditEntryBy(caller, "sponsors.pledge_fund", "sponsor_pledge",
                                              std::to_string(pledge_id), sponsor->area_code);
  entry.before_json = boost::json::serialize(boost::json::object{{"status", "pledged"}});
  entry.after_json = boost::json::serialize(boost::json::object{
      {"status", "funded"}, {"amount", pledge->amount}, {"transfer_id", moved.value().id}, {"pool_id", pool_id}});
  audit::AuditLog::Record(*connection, entry);
  auto funded = sponsor_repository::FindPledge(*connection, pledge_id);
  transaction.Commit();
  return std::move(*funded);
}

core::Result<Pledge> SponsorService::Decline(const accounts::Principal& caller, long long pledge_id, long long now) {
  if (!MayDecidePledges(caller.role)) return NotAllowed();
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  const auto pledge = sponsor_repository::FindPledge(*connection, pledge_id);
  if (!pledge) return core::MakeError(ErrorCode::kNotFound, "no such pledge");
  if (auto open = CheckPledgeOpen(pledge->status); !open.ok()) return open.error();
  if (!sponsor_repository::DecidePledge(*connection, pledge_id, PledgeStatus::kDeclined, caller.login, now,
                                        std::nullopt))
    return CheckPledgeOpen(PledgeStatus::kDeclined).error();
  const auto sponsor = sponsor_repository::Find(*connection, pledge->sponsor_id);
  audit::Entry entry = accounts::AuditEntryBy(caller, "sponsors.pledge_decline", "sponsor_pledge",
                                              std::to_string(pledge_id), sponsor ? sponsor->area_code : "");
  entry.before_json = boost::json::serialize(boost::json::object{{"status", "pledged"}});
  entry.after_json = boost::json::serialize(boost::json::object{{"status", "declined"}, {"amount", pledge->amount}});
  audit::AuditLog::Record(*connection, entry);
  auto declined = sponsor_repository::FindPledge(*connection, pledge_id);
  transaction.Commit();
  return std::move(*declined);
}

// Drives.

std::vector<Drive> DriveService::List() const {
  auto connection = database_.Acquire();
  return drive_repository::List(*connection, kListLimit);
}

core::Result<DriveView> DriveService::Get(long long drive_id) const {
  auto connection = database_.Acquire();
  auto drive = drive_repository::Find(*connection, drive_id);
  if (!drive) return core::MakeError(ErrorCode::kNotFound, "no such drive");
  DriveView view;
  view.drop_points = drive_repository::DropPoints(*connection, drive_id);
  view.organisations = drive_repository::Organisations(*connection, drive_id);
  view.drive = std::move(*drive);
  return view;
}

core::Result<DriveView> DriveService::Create(const accounts::Principal& caller, DriveInput input, long long now) {
  if (!accounts::IsOfficer(caller.role) || caller.role == accounts::Role::kGridOfficer) return NotAllowed();
  input.title = Trimmed(input.title);
  input.story = Trimmed(input.story);
  input.collects = Trimmed(input.collects);
  if (input.area_code.empty()) input.area_code = caller.area_code;
  if (auto checked = CheckDriveInput(input); !checked.ok()) return checked.error();
  long long id = 0;
  {
    auto connection = database_.Acquire();
    const auto area = areas_.Find(*connection, input.area_code);
    if (!area) return core::MakeError(ErrorCode::kNotFound, "no such area");
    if (auto scoped = accounts::RequireInScope(caller, *area); !scoped.ok()) return scoped.error();
    for (const long long place_id : input.drop_point_ids) {
      const auto station = drive_repository::FindStation(*connection, place_id);
      if (!station || station->kind != "station" || !station->approved ||
          !areas::PathWithin(station->area_path, area->path))
        return core::MakeProblem(ErrorCode::kValidationFailed, "bad_drive", "sponsors.drive_drop_point_not_station",
                                 "every drop point is an approved station inside the drive's area",
                                 boost::json::object{{"field", "drop_point_ids"}, {"place_id", place_id}});
    }
    storage::Transaction transaction(*connection);
    id = drive_repository::Insert(*connection, input, caller.login, now);
    audit::Entry entry = accounts::AuditEntryBy(caller, "drives.create", "drive", std::to_string(id), area->code);
    boost::json::array points;
    for (const long long place_id : input.drop_point_ids) points.push_back(place_id);
    entry.after_json = boost::json::serialize(boost::json::object{
        {"title", input.title}, {"collects", input.collects}, {"drop_point_ids", std::move(points)}});
    audit::AuditLog::Record(*connection, entry);
    transaction.Commit();
  }
  return Get(id);
}

core::Result<DriveView> DriveService::Log(const accounts::Principal& caller, long long drive_id, long long place_id,
                                          ItemInput input, long long now) {
  input.organisation = Trimmed(input.organisation);
  input.note = Trimmed(input.note);
  if (auto checked = CheckItemInput(input); !checked.ok()) return checked.error();
  {
    auto connection = database_.Acquire();
    storage::Transaction transaction(*connection);
    const auto drive = drive_repository::Find(*connection, drive_id);
    if (!drive) return core::MakeError(ErrorCode::kNotFound, "no such drive");
    const bool drop_point = drive_repository::LockDropPoint(*connection, drive_id, place_id);
    const auto points = drive_repository::DropPoints(*connection, drive_id);
    const auto point =
        std::find_if(points.begin(), points.end(), [&](const DropPoint& each) { return each.place_id == place_id; });
    if (!drop_point || point == points.end())
      return core::MakeProblem(ErrorCode::kValidationFailed, "not_drop_point", "sponsors.not_drop_point",
                               "this place is not one of the drive's drop points",
                               boost::json::object{{"field", "place_id"}});
    if (!MayKeepDropPoint(caller.role, caller.account_id, point->owner_account_id,
                          areas::PathWithin(point->area_path, caller.area_path)))
      return core::MakeProblem(ErrorCode::kForbidden, "not_drop_point_keeper", "sponsors.not_drop_point_keeper",
                               "only the keeper of this drop point, or an officer of its area, logs its items");
    const long long on_hand = drive_repository::OnHand(*connection, drive_id, place_id);
    if (auto checked = CheckItemMovement(input, now, drive->starts_at, drive->ends_at, on_hand); !checked.ok())
      return checked.error();
    const Direction direction = *ParseDirection(input.direction);
    NewItem item;
    item.drive_id = drive_id;
    item.place_id = place_id;
    item.direction = direction;
    item.organisation = direction == Direction::kIn ? input.organisation : "";
    item.sponsor_id = direction == Direction::kIn ? input.sponsor_id : std::nullopt;
    if (item.sponsor_id && !sponsor_repository::Find(*connection, *item.sponsor_id))
      return core::MakeProblem(ErrorCode::kValidationFailed, "bad_drive_item", "sponsors.item_sponsor",
                               "sponsor_id names no sponsor", boost::json::object{{"field", "sponsor_id"}});
    item.count = input.count;
    if (direction == Direction::kOut) item.recipient_kind = input.recipient_kind;
    item.note = input.note;
    item.logged_by = caller.login;
    item.at = now;
    const long long id = drive_repository::InsertItem(*connection, item);
    audit::Entry entry =
        accounts::AuditEntryBy(caller, direction == Direction::kIn ? "drives.item_in" : "drives.item_out", "drive",
                               std::to_string(drive_id), drive->area_code);
    entry.after_json = boost::json::serialize(boost::json::object{
        {"item_id", id},
        {"place_id", place_id},
        {"count", input.count},
        {"organisation", item.organisation},
        {"recipient_kind", item.recipient_kind ? boost::json::value(*item.recipient_kind) : boost::json::value()}});
    audit::AuditLog::Record(*connection, entry);
    transaction.Commit();
  }
  return Get(drive_id);
}

}  // namespace youhao::sponsors
