#include "core/base64.h"
#include "entry/gate_service.h"

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "passes/pass_codec.h"

namespace youhao::entry {

namespace {

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthKm = 6371.0;
  const double to_radians = M_PI / 180.0;
  const double dlat = (lat2 - lat1) * to_radians;
  const double dlon = (lon2 - lon1) * to_radians;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * to_radians) * std::cos(lat2 * to_radians) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(a)));
}

bool IsGateRole(accounts::Role role) { return role == accounts::Role::kGuard || role == accounts::Role::kPropertyManager; }

}  // namespace

namespace {

core::Status MayUseGates(const accounts::Principal& principal, const areas::Area& compound) {
  const bool own_gate = IsGateRole(principal.role) && principal.area_code == compound.code;
  if (!own_gate && !(accounts::IsOfficer(principal.role) && accounts::InScope(principal, compound))) {
    return core::MakeError(core::ErrorCode::kForbidden, "only this compound's guards, property staff and officers use its gates");
  }
  return core::Ok{};
}

}  // namespace

core::Result<areas::Area> GateService::GateCompound(const accounts::Principal& principal, std::string_view code) const {
  auto compound = code.size() <= 32 ? areas_.Find(code) : std::nullopt;
  if (!compound || compound->level != areas::Level::kCompound) {
    return core::MakeError(core::ErrorCode::kNotFound, "no compound with this code");
  }
  if (auto allowed = MayUseGates(principal, *compound); !allowed.ok()) return allowed.error();
  return std::move(*compound);
}

std::string GateService::ImpossibleTravelFlag(storage::Connection& connection, long long worker_id, const areas::Area& compound,
                                              long long now) const {
  if (!compound.lat || !compound.lon) return {};
  auto previous = connection.QueryOne(
      "SELECT e.at, a.lat, a.lon, a.code FROM gate_events e JOIN areas a ON a.code = e.compound_code "
      "WHERE e.worker_id = ? AND e.allowed = 1 AND e.at > ? ORDER BY e.at DESC LIMIT 1",
      {worker_id, now - 3600});
  if (!previous || previous->Text(3) == compound.code || previous->IsNull(1)) return {};
  const double km = DistanceKm(previous->Double(1), previous->Double(2), *compound.lat, *compound.lon);
  const double hours = std::max(1.0, static_cast<double>(now - previous->Int(0))) / 3600.0;
  if (km > 0.5 && km / hours > kImpossibleTravelKmh) return fmt::format("impossible_travel {:.1f}km {}s", km, now - previous->Int(0));
  return {};
}

core::Result<GateDecision> GateService::Verify(const accounts::Principal& guard, std::string_view compound_code, long long gate_id,
                                               std::string_view code, bool entering, long long now) {
  GateDecision decision;
  auto compound = compound_code.size() <= 32 ? areas_.Find(compound_code) : std::nullopt;
  if (!compound || compound->level != areas::Level::kCompound) {
    decision.code = passes::ScanCode::kCompoundNotFound;
    decision.reason = passes::ScanReasonZh(decision.code);
    return decision;
  }
  if (auto allowed = MayUseGates(guard, *compound); !allowed.ok()) return allowed.error();

  // The signature checks need no database; do them before taking a connection.
  std::optional<passes::IssuerKey> key_holder;
  const passes::KeyLookup lookup = [&](std::uint16_t key_id) -> const passes::IssuerKey* {
    key_holder = keys_.Find(key_id);
    return key_holder ? &*key_holder : nullptr;
  };
  const passes::SignatureCheck check = passes::CheckSignatures(code, lookup, now);

  // Every read and the event's write in one transaction: one round of SQLite's file locks
  // instead of one per statement.
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto gate = plans_.FindGate(*connection, gate_id);
  if (!gate || gate->compound_code != compound->code) {
    decision.code = passes::ScanCode::kGateNotFound;
    decision.reason = passes::ScanReasonZh(decision.code);
    return decision;
  }

  decision.code = check.code;
  long long worker_id = 0;
  long long pass_id = 0;
  const AccessPlan plan = plans_.Plan(*connection, compound->code);
  if (check.code == passes::ScanCode::kOk) {
    worker_id = check.qr->credential.worker_id;
    pass_id = check.qr->credential.pass_id;
    // One statement: the pass and its worker, both read live so revocation is immediate online.
    auto row = connection->QueryOne(
        "SELECT w.id, w.name, w.platform, w.kind, w.status, (SELECT COUNT(*) FROM worker_photos f WHERE f.worker_id = w.id), "
        "p.worker_id, p.revoked_at, p.device_public_key FROM workers w LEFT JOIN passes p ON p.id = ? AND p.worker_id = w.id "
        "WHERE w.id = ?",
        {pass_id, worker_id});
    const auto& worker = row;
    const bool pass_matches = row && !row->IsNull(6) && row->Text(8) == core::Base64Encode(check.qr->credential.device_public_key);
    passes::GateContext context;
    context.pass_revoked = !pass_matches || !row->IsNull(7);
    std::string status = worker ? worker->Text(4) : "revoked";
    context.worker_status = status;
    context.mode = plan.mode;
    context.open_now = OpenAt(plan, now);
    context.on_whitelist = plan.mode == passes::AccessMode::kWhitelist && plans_.OnWhitelist(*connection, compound->code, worker_id);
    const bool green_lane_gate =
        std::find(plan.green_lane_gates.begin(), plan.green_lane_gates.end(), gate->id) != plan.green_lane_gates.end();
    context.gate_allowed = gate->workers_allowed && (plan.mode != passes::AccessMode::kGreenLane || green_lane_gate);
    context.entering = entering;
    decision.code = passes::Decide(context);
    if (worker) {
      decision.worker = ScanWorker{worker->Int(0), worker->Text(1), worker->Text(2), worker->Text(3), status, worker->Int(5) > 0};
    }
  }
  decision.reason = passes::ScanReasonZh(decision.code);
  if (decision.code == passes::ScanCode::kDropOffOnly) {
    decision.drop_off_points = plan.drop_off_points;
    std::string where;
    for (const auto& point : plan.drop_off_points) where += (where.empty() ? "" : "；") + point.name + (point.description.empty() ? "" : "（" + point.description + "）");
    decision.reason = "本小区不允许进入，请将订单放在：" + where;
  } else if (decision.code == passes::ScanCode::kOutsideHours) {
    auto hours = schedule::OpeningHours::Parse(plan.opening_hours);
    decision.reason = "当前不在允许进入的时段（开放时间：" + (hours.ok() ? hours->DescribeZh() : plan.opening_hours) + "）";
  } else if (decision.code == passes::ScanCode::kGateNotAllowed) {
    std::string names;
    for (long long id : plan.green_lane_gates) {
      if (auto lane = plans_.FindGate(*connection, id)) names += (names.empty() ? "" : "、") + lane->name;
    }
    if (!names.empty()) decision.reason = "此门不允许骑手通行，请走绿色通道：" + names;
  }
  const bool allowed = decision.code == passes::ScanCode::kOk;
  if (allowed && entering && worker_id != 0) decision.flag = ImpossibleTravelFlag(*connection, worker_id, *compound, now);
  auto event = connection->QueryOne(
      "INSERT INTO gate_events (compound_code, gate_id, worker_id, pass_id, direction, at, allowed, code, source, flag) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'online', ?) RETURNING id",
      {compound->code, gate->id, worker_id ? storage::Value(worker_id) : storage::Value(nullptr),
       pass_id ? storage::Value(pass_id) : storage::Value(nullptr), std::string(entering ? "in" : "out"), now,
       static_cast<long long>(allowed), std::string(passes::ScanCodeName(decision.code)),
       decision.flag.empty() ? storage::Value(nullptr) : storage::Value(decision.flag)});
  decision.event_id = event->Int(0);
  transaction.Commit();
  return decision;
}

core::Result<GateService::UploadResult> GateService::Upload(const accounts::Principal& guard, const std::vector<OfflineScan>& scans) {
  UploadResult result;
  auto connection = database_.Acquire();
  const long long now = storage::NowSeconds();
  storage::Transaction transaction(*connection);
  for (const OfflineScan& scan : scans) {
    auto compound = GateCompound(guard, scan.compound);
    if (!compound.ok()) return compound.error();
    if (scan.at > now + 300 || scan.at < now - 30 * 86400) {
      return core::MakeError(core::ErrorCode::kValidationFailed, "a queued scan's time is in the future or older than 30 days");
    }
    auto gate = plans_.FindGate(*connection, scan.gate_id);
    if (!gate || gate->compound_code != compound->code) {
      return core::MakeError(core::ErrorCode::kValidationFailed, fmt::format("gate {} is not a gate of {}", scan.gate_id, scan.compound));
    }
    const long long inserted = connection->Execute(
        "INSERT INTO gate_events (client_event_id, compound_code, gate_id, worker_id, pass_id, direction, at, allowed, code, "
        "source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'offline') ON CONFLICT (client_event_id) DO NOTHING",
        {scan.client_event_id, compound->code, scan.gate_id,
         scan.worker_id ? storage::Value(scan.worker_id) : storage::Value(nullptr),
         scan.pass_id ? storage::Value(scan.pass_id) : storage::Value(nullptr), scan.direction, scan.at,
         static_cast<long long>(scan.allowed), scan.code});
    (inserted > 0 ? result.accepted : result.duplicates) += 1;
  }
  transaction.Commit();
  return result;
}

std::vector<InsideNow> GateService::Inside(const areas::Area& compound, long long now) const {
  auto connection = database_.Acquire();
  const AccessPlan plan = plans_.Plan(*connection, compound.code);
  std::map<long long, std::pair<long long, std::string>> last;  // worker -> (at, direction)
  for (const auto& row : connection->Query(
           "SELECT worker_id, at, direction FROM gate_events WHERE compound_code = ? AND allowed = 1 AND worker_id IS NOT NULL "
           "AND at > ? ORDER BY at, id",
           {compound.code, now - 86400})) {
    last[row.Int(0)] = {row.Int(1), row.Text(2)};
  }
  std::vector<InsideNow> inside;
  for (const auto& [worker_id, entry] : last) {
    if (entry.second != "in") continue;
    auto worker = connection->QueryOne("SELECT name, platform FROM workers WHERE id = ?", {worker_id});
    InsideNow item;
    item.worker_id = worker_id;
    item.name = worker ? worker->Text(0) : "";
    item.platform = worker ? worker->Text(1) : "";
    item.since = entry.first;
    item.minutes = (now - entry.first) / 60;
    item.overstay = item.minutes > plan.max_stay_minutes;
    inside.push_back(std::move(item));
  }
  std::sort(inside.begin(), inside.end(), [](const auto& a, const auto& b) { return a.since < b.since; });
  return inside;
}

std::vector<GateEvent> GateService::Recent(const areas::Area& compound, int limit) const {
  auto connection = database_.Acquire();
  std::vector<GateEvent> events;
  for (const auto& row : connection->Query(
           "SELECT e.id, e.at, COALESCE(e.gate_id, 0), e.worker_id, COALESCE(w.name, ''), e.direction, e.allowed, e.code, e.source, "
           "COALESCE(e.flag, '') FROM gate_events e LEFT JOIN workers w ON w.id = e.worker_id WHERE e.compound_code = ? "
           "ORDER BY e.at DESC, e.id DESC LIMIT ?",
           {compound.code, static_cast<long long>(limit)})) {
    GateEvent event;
    event.id = row.Int(0);
    event.at = row.Int(1);
    event.gate_id = row.Int(2);
    if (!row.IsNull(3)) event.worker_id = row.Int(3);
    event.worker_name = row.Text(4);
    event.direction = row.Text(5);
    event.allowed = row.Int(6) != 0;
    event.code = row.Text(7);
    event.source = row.Text(8);
    event.flag = row.Text(9);
    events.push_back(std::move(event));
  }
  return events;
}

long long GateService::Purge(int retention_days, long long now) {
  auto connection = database_.Acquire();
  return connection->Execute("DELETE FROM gate_events WHERE at < ?", {now - static_cast<long long>(retention_days) * 86400});
}

}  // namespace youhao::entry
