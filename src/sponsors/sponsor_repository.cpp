#include "sponsors/sponsor_repository.h"

#include <fmt/format.h>

namespace youhao::sponsors {

namespace {

storage::Value Nullable(const std::optional<long long>& value) {
  return value ? storage::Value(*value) : storage::Value(nullptr);
}

std::optional<long long> OptionalInt(const storage::Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.Int(column);
}

constexpr std::string_view kSponsorSelect =
    "SELECT s.id, s.name, s.kind, s.area_code, a.name_zh, a.path, s.pool_account_id, s.intro, s.created_at, "
    "COALESCE(p.balance, 0) FROM sponsors s JOIN areas a ON a.code = s.area_code "
    "LEFT JOIN points_accounts p ON p.id = s.pool_account_id";

Sponsor SponsorFrom(const storage::Row& row) {
  Sponsor sponsor;
  sponsor.id = row.Int(0);
  sponsor.name = row.Text(1);
  sponsor.kind = ParseSponsorKind(row.Text(2)).value_or(SponsorKind::kOther);
  sponsor.area_code = row.Text(3);
  sponsor.area_name = row.Text(4);
  sponsor.area_path = row.Text(5);
  sponsor.pool_account_id = OptionalInt(row, 6);
  sponsor.intro = row.Text(7);
  sponsor.created_at = row.Int(8);
  sponsor.pool_balance = row.Int(9);
  return sponsor;
}

constexpr std::string_view kPledgeSelect =
    "SELECT g.id, g.sponsor_id, s.name, g.amount, g.note, g.status, g.pledged_by, g.pledged_at, g.decided_by, "
    "g.decided_at, g.transfer_id FROM sponsor_pledges g JOIN sponsors s ON s.id = g.sponsor_id";

Pledge PledgeFrom(const storage::Row& row) {
  Pledge pledge;
  pledge.id = row.Int(0);
  pledge.sponsor_id = row.Int(1);
  pledge.sponsor_name = row.Text(2);
  pledge.amount = row.Int(3);
  pledge.note = row.Text(4);
  pledge.status = ParsePledgeStatus(row.Text(5)).value_or(PledgeStatus::kPledged);
  pledge.pledged_by = row.Text(6);
  pledge.pledged_at = row.Int(7);
  pledge.decided_by = row.OptionalText(8);
  pledge.decided_at = OptionalInt(row, 9);
  pledge.transfer_id = OptionalInt(row, 10);
  return pledge;
}

// A drive with its totals: items in and out, and the organisations that gave.
constexpr std::string_view kDriveSelect =
    "SELECT d.id, d.title, d.story, d.area_code, a.name_zh, a.path, d.collects, d.goal, d.starts_at, d.ends_at, "
    "d.created_at, "
    "COALESCE((SELECT SUM(i.count) FROM drive_items i WHERE i.drive_id = d.id AND i.direction = 'in'), 0), "
    "COALESCE((SELECT SUM(i.count) FROM drive_items i WHERE i.drive_id = d.id AND i.direction = 'out'), 0), "
    "(SELECT COUNT(DISTINCT i.organisation) FROM drive_items i WHERE i.drive_id = d.id AND i.direction = 'in') "
    "FROM drives d JOIN areas a ON a.code = d.area_code";

Drive DriveFrom(const storage::Row& row) {
  Drive drive;
  drive.id = row.Int(0);
  drive.title = row.Text(1);
  drive.story = row.Text(2);
  drive.area_code = row.Text(3);
  drive.area_name = row.Text(4);
  drive.area_path = row.Text(5);
  drive.collects = row.Text(6);
  drive.goal = OptionalInt(row, 7);
  drive.starts_at = row.Int(8);
  drive.ends_at = row.Int(9);
  drive.created_at = row.Int(10);
  drive.collected = row.Int(11);
  drive.handed_out = row.Int(12);
  drive.organisations = row.Int(13);
  return drive;
}

bool TableExists(storage::Connection& connection, std::string_view table) {
  if (connection.dialect() == storage::Dialect::kSqlite)
    return connection.QueryInt("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
                               {std::string(table)}) > 0;
  return connection.QueryInt("SELECT CASE WHEN to_regclass(?) IS NULL THEN 0 ELSE 1 END", {std::string(table)}) > 0;
}

}  // namespace

namespace sponsor_repository {

long long Insert(storage::Connection& connection, const SponsorInput& input, long long now) {
  return connection
      .QueryOne("INSERT INTO sponsors (name, kind, area_code, intro, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                {input.name, input.kind, input.area_code, input.intro, now})
      ->Int(0);
}

void SetPool(storage::Connection& connection, long long sponsor_id, long long pool_account_id) {
  connection.Execute("UPDATE sponsors SET pool_account_id = ? WHERE id = ?", {pool_account_id, sponsor_id});
}

std::optional<Sponsor> Find(storage::Connection& connection, long long sponsor_id) {
  auto row = connection.QueryOne(fmt::format("{} WHERE s.id = ?", kSponsorSelect), {sponsor_id});
  if (!row) return std::nullopt;
  return SponsorFrom(*row);
}

std::vector<Sponsor> List(storage::Connection& connection, int limit) {
  std::vector<Sponsor> sponsors;
  for (const auto& row :
       connection.Query(fmt::format("{} ORDER BY s.id DESC LIMIT ?", kSponsorSelect), {static_cast<long long>(limit)}))
    sponsors.push_back(SponsorFrom(row));
  return sponsors;
}

std::optional<MemberAccount> FindAccount(storage::Connection& connection, long long account_id) {
  auto row = connection.QueryOne(
      "SELECT c.id, c.login, c.display_name, c.role, a.path FROM accounts c JOIN areas a ON a.code = c.area_code "
      "WHERE c.id = ?",
      {account_id});
  if (!row) return std::nullopt;
  return MemberAccount{row->Int(0), row->Text(1), row->Text(2), row->Text(3), row->Text(4)};
}

void Link(storage::Connection& connection, long long account_id, long long sponsor_id) {
  connection.Execute("DELETE FROM sponsor_members WHERE account_id = ?", {account_id});
  connection.Execute("INSERT INTO sponsor_members (account_id, sponsor_id) VALUES (?, ?)", {account_id, sponsor_id});
}

std::optional<long long> MemberOf(storage::Connection& connection, long long account_id) {
  auto row = connection.QueryOne("SELECT sponsor_id FROM sponsor_members WHERE account_id = ?", {account_id});
  if (!row) return std::nullopt;
  return row->Int(0);
}

std::vector<MemberAccount> Members(storage::Connection& connection, long long sponsor_id) {
  std::vector<MemberAccount> members;
  for (const auto& row : connection.Query(
           "SELECT c.id, c.login, c.display_name, c.role, a.path FROM sponsor_members m "
           "JOIN accounts c ON c.id = m.account_id JOIN areas a ON a.code = c.area_code WHERE m.sponsor_id = ? "
           "ORDER BY c.id",
           {sponsor_id}))
    members.push_back({row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4)});
  return members;
}

long long InsertPledge(storage::Connection& connection, long long sponsor_id, long long amount, std::string_view note,
                       std::string_view login, long long now) {
  return connection
      .QueryOne(
          "INSERT INTO sponsor_pledges (sponsor_id, amount, note, status, pledged_by, pledged_at) "
          "VALUES (?, ?, ?, 'pledged', ?, ?) RETURNING id",
          {sponsor_id, amount, std::string(note), std::string(login), now})
      ->Int(0);
}

std::optional<Pledge> FindPledge(storage::Connection& connection, long long pledge_id) {
  auto row = connection.QueryOne(fmt::format("{} WHERE g.id = ?", kPledgeSelect), {pledge_id});
  if (!row) return std::nullopt;
  return PledgeFrom(*row);
}

std::vector<Pledge> Pledges(storage::Connection& connection, std::optional<long long> sponsor_id, int limit) {
  const auto rows =
      sponsor_id
          ? connection.Query(fmt::format("{} WHERE g.sponsor_id = ? ORDER BY g.id DESC LIMIT ?", kPledgeSelect),
                             {*sponsor_id, static_cast<long long>(limit)})
          : connection.Query(fmt::format("{} WHERE g.status = 'pledged' ORDER BY g.id DESC LIMIT ?", kPledgeSelect),
                             {static_cast<long long>(limit)});
  std::vector<Pledge> pledges;
  pledges.reserve(rows.size());
  for (const auto& row : rows) pledges.push_back(PledgeFrom(row));
  return pledges;
}

bool DecidePledge(storage::Connection& connection, long long pledge_id, PledgeStatus status, std::string_view login,
                  long long now, std::optional<long long> transfer_id) {
  // Conditional on the pledge still being open, so two officers deciding at once cannot both win.
  return connection.Execute(
             "UPDATE sponsor_pledges SET status = ?, decided_by = ?, decided_at = ?, transfer_id = ? "
             "WHERE id = ? AND status = 'pledged'",
             {std::string(PledgeStatusName(status)), std::string(login), now, Nullable(transfer_id), pledge_id}) == 1;
}

SponsorFigures Figures(storage::Connection& connection, const Sponsor& sponsor) {
  SponsorFigures figures;
  if (sponsor.pool_account_id) {
    const long long pool = *sponsor.pool_account_id;
    figures.funded = connection.QueryInt(
        "SELECT COALESCE(SUM(amount), 0) FROM points_transfers WHERE target_id = ? AND kind = 'fund'", {pool});
    auto awards = connection.QueryOne(
        "SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM points_transfers WHERE source_id = ? AND kind = 'award'",
        {pool});
    figures.awards = awards->Int(0);
    figures.awarded = awards->Int(1);
  }
  for (const auto& row :
       connection.Query("SELECT o.id, o.title, p.name, COUNT(r.id), COALESCE(SUM(r.price), 0) FROM points_offers o "
                        "JOIN places p ON p.id = o.place_id "
                        "LEFT JOIN points_redemptions r ON r.offer_id = o.id AND r.status = 'confirmed' "
                        "WHERE o.sponsor_id = ? GROUP BY o.id, o.title, p.name ORDER BY COUNT(r.id) DESC, o.id",
                        {sponsor.id}))
    figures.served.push_back({row.Int(0), row.Text(1), row.Text(2), row.Int(3), row.Int(4)});
  // wish_claims belongs to the micro-wishes (a later migration); a server without them has none.
  if (TableExists(connection, "wish_claims")) {
    figures.wishes_fulfilled = connection.QueryInt(
        "SELECT COUNT(*) FROM wish_claims WHERE sponsor_id = ? AND status = 'fulfilled'", {sponsor.id});
  }
  for (const auto& row :
       connection.Query("SELECT d.id, d.title, SUM(i.count) FROM drive_items i JOIN drives d ON d.id = i.drive_id "
                        "WHERE i.sponsor_id = ? AND i.direction = 'in' GROUP BY d.id, d.title ORDER BY d.id DESC",
                        {sponsor.id}))
    figures.drives.push_back({row.Int(0), row.Text(1), row.Int(2)});
  return figures;
}

}  // namespace sponsor_repository

namespace drive_repository {

long long Insert(storage::Connection& connection, const DriveInput& input, std::string_view login, long long now) {
  const long long id = connection
                           .QueryOne(
                               "INSERT INTO drives (title, story, area_code, collects, goal, starts_at, ends_at, "
                               "created_by, created_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                               {input.title, input.story, input.area_code, input.collects, Nullable(input.goal),
                                input.starts_at, input.ends_at, std::string(login), now})
                           ->Int(0);
  for (const long long place_id : input.drop_point_ids)
    connection.Execute("INSERT INTO drive_points (drive_id, place_id) VALUES (?, ?)", {id, place_id});
  return id;
}

std::optional<Drive> Find(storage::Connection& connection, long long drive_id) {
  auto row = connection.QueryOne(fmt::format("{} WHERE d.id = ?", kDriveSelect), {drive_id});
  if (!row) return std::nullopt;
  return DriveFrom(*row);
}

std::vector<Drive> List(storage::Connection& connection, int limit) {
  std::vector<Drive> drives;
  for (const auto& row : connection.Query(fmt::format("{} ORDER BY d.ends_at DESC, d.id DESC LIMIT ?", kDriveSelect),
                                          {static_cast<long long>(limit)}))
    drives.push_back(DriveFrom(row));
  return drives;
}

std::optional<StationFacts> FindStation(storage::Connection& connection, long long place_id) {
  auto row = connection.QueryOne("SELECT id, kind, status, area_path FROM places WHERE id = ?", {place_id});
  if (!row) return std::nullopt;
  return StationFacts{row->Int(0), row->Text(1), row->Text(2) == "approved", row->Text(3)};
}

std::vector<DropPoint> DropPoints(storage::Connection& connection, long long drive_id) {
  std::vector<DropPoint> points;
  for (const auto& row : connection.Query(
           "SELECT p.id, p.name, p.area_path, p.owner_account_id, "
           "COALESCE((SELECT SUM(i.count) FROM drive_items i WHERE i.drive_id = dp.drive_id AND i.place_id = p.id "
           "AND i.direction = 'in'), 0), "
           "COALESCE((SELECT SUM(i.count) FROM drive_items i WHERE i.drive_id = dp.drive_id AND i.place_id = p.id "
           "AND i.direction = 'out'), 0) "
           "FROM drive_points dp JOIN places p ON p.id = dp.place_id WHERE dp.drive_id = ? ORDER BY p.id",
           {drive_id}))
    points.push_back({row.Int(0), row.Text(1), row.Text(2), OptionalInt(row, 3), row.Int(4), row.Int(5)});
  return points;
}

std::vector<OrganisationCount> Organisations(storage::Connection& connection, long long drive_id) {
  std::vector<OrganisationCount> counts;
  for (const auto& row : connection.Query("SELECT organisation, MAX(sponsor_id), SUM(count) FROM drive_items "
                                          "WHERE drive_id = ? AND direction = 'in' GROUP BY organisation "
                                          "ORDER BY SUM(count) DESC, organisation",
                                          {drive_id}))
    counts.push_back({row.Text(0), OptionalInt(row, 1), row.Int(2)});
  return counts;
}

bool LockDropPoint(storage::Connection& connection, long long drive_id, long long place_id) {
  return connection.Execute("UPDATE drive_points SET place_id = place_id WHERE drive_id = ? AND place_id = ?",
                            {drive_id, place_id}) == 1;
}

long long OnHand(storage::Connection& connection, long long drive_id, long long place_id) {
  return connection.QueryInt(
      "SELECT COALESCE(SUM(CASE WHEN direction = 'in' THEN count ELSE -count END), 0) FROM drive_items "
      "WHERE drive_id = ? AND place_id = ?",
      {drive_id, place_id});
}

long long InsertItem(storage::Connection& connection, const NewItem& item) {
  const storage::Value recipient = item.recipient_kind ? storage::Value(*item.recipient_kind) : storage::Value(nullptr);
  return connection
      .QueryOne(
          "INSERT INTO drive_items (drive_id, place_id, direction, organisation, sponsor_id, count, recipient_kind, "
          "note, logged_by, logged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {item.drive_id, item.place_id, std::string(DirectionName(item.direction)), item.organisation,
           Nullable(item.sponsor_id), item.count, recipient, item.note, item.logged_by, item.at})
      ->Int(0);
}

}  // namespace drive_repository

}  // namespace youhao::sponsors
