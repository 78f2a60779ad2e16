#include "entry/gate_policy.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/base64.h"
#include "geo/geo.h"

namespace youhao::entry {

namespace {

bool IsGateRole(accounts::Role role) {
  return role == accounts::Role::kGuard || role == accounts::Role::kPropertyManager;
}

}  // namespace

core::Status MayUseGates(const accounts::Principal& principal, const areas::Area& compound) {
  const bool own_gate = IsGateRole(principal.role) && principal.area_code == compound.code;
  if (!own_gate && !(accounts::IsOfficer(principal.role) && accounts::InScope(principal, compound))) {
    return core::MakeError(core::ErrorCode::kForbidden,
                           "only this compound's guards, property staff and officers use its gates");
  }
  return core::Ok{};
}

GateVerdict DecideScan(const passes::SignatureCheck& check, const ScanFacts& facts) {
  GateVerdict verdict;
  verdict.code = check.code;
  if (check.code != passes::ScanCode::kOk || !check.qr) return verdict;
  const AccessPlan& plan = facts.plan;
  const PassRecord& pass = facts.pass;
  passes::GateContext context;
  const bool pass_matches = pass.worker && pass.pass_found &&
                            pass.device_public_key == core::Base64Encode(check.qr->credential.device_public_key);
  context.pass_revoked = !pass_matches || pass.pass_revoked;
  context.worker_status = pass.worker ? std::string_view(pass.worker->status) : std::string_view("revoked");
  context.mode = plan.mode;
  context.open_now = facts.open_now;
  context.on_whitelist = plan.mode == passes::AccessMode::kWhitelist && facts.on_whitelist;
  const bool green_lane_gate = std::find(plan.green_lane_gates.begin(), plan.green_lane_gates.end(), facts.gate.id) !=
                               plan.green_lane_gates.end();
  context.gate_allowed = facts.gate.workers_allowed && (plan.mode != passes::AccessMode::kGreenLane || green_lane_gate);
  context.entering = facts.entering;
  verdict.code = passes::Decide(context);
  switch (verdict.code) {
    case passes::ScanCode::kDropOffOnly:
      verdict.drop_off_points = plan.drop_off_points;
      break;
    case passes::ScanCode::kOutsideHours:
      verdict.opening_hours = plan.opening_hours;
      break;
    case passes::ScanCode::kGateNotAllowed:
      verdict.green_lane_gates = plan.green_lane_gates;
      break;
    default:
      break;
  }
  return verdict;
}

Evidence EvidenceOf(const passes::SignatureCheck& check) {
  if (check.code == passes::ScanCode::kOk && check.qr) return {.verified = true};
  return {.verified = false, .reason = std::string(passes::ScanCodeName(check.code))};
}

Evidence JudgeOfflineScan(const std::optional<passes::SignatureCheck>& check, const OfflineClaim& claim) {
  if (!check) return {.verified = false, .reason = "no_code"};
  Evidence evidence = EvidenceOf(*check);
  if (!evidence.verified) return evidence;
  const passes::Credential& credential = check->qr->credential;
  if (claim.worker_id != 0 && claim.worker_id != static_cast<long long>(credential.worker_id)) {
    return {.verified = false, .reason = "worker_mismatch"};
  }
  if (claim.pass_id != 0 && claim.pass_id != static_cast<long long>(credential.pass_id)) {
    return {.verified = false, .reason = "pass_mismatch"};
  }
  return evidence;
}

std::string ImpossibleTravelFlag(const std::optional<LastScan>& last, const areas::Area& compound, long long now) {
  if (!last || last->compound_code == compound.code || !last->lat || !last->lon || !compound.lat || !compound.lon)
    return {};
  const double km = geo::DistanceMetres({*last->lon, *last->lat}, {*compound.lon, *compound.lat}) / 1000.0;
  const double hours = static_cast<double>(std::max(1LL, now - last->at)) / 3600.0;
  if (km > 0.5 && km / hours > kImpossibleTravelKmh)
    return fmt::format("impossible_travel {:.1f}km {}s", km, now - last->at);
  return {};
}

}  // namespace youhao::entry
