#include "attendance/attendance_policy.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "events/event_policy.h"

namespace youhao::attendance {

namespace {

constexpr long long kBeijingOffset = 8LL * 3600;
constexpr long long kDay = 86400;

bool NonceOk(std::string_view nonce) {
  if (nonce.size() < 8 || nonce.size() > 64) return false;
  return std::all_of(nonce.begin(), nonce.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

core::Status Malformed(std::size_t index, std::string_view what) {
  return core::MakeError(core::ErrorCode::kValidationFailed, fmt::format("scans[{}]: {}", index, what));
}

}  // namespace

bool Genuine(const entry::Evidence& evidence) {
  return evidence.verified || evidence.reason == "pass_expired" || evidence.reason == "pass_stale";
}

core::Status MayRunDoor(const accounts::Principal& principal, long long created_by, std::string_view event_area_path) {
  if (events::Organises(principal.role, principal.account_id, principal.area_path, created_by, event_area_path)) {
    return core::Ok{};
  }
  return core::MakeProblem(core::ErrorCode::kForbidden, "not_event_organiser", "attendance.not_organiser",
                           "only the event's organisers run its door");
}

core::Status CheckBatch(const std::vector<DoorScan>& scans) {
  if (scans.empty()) return core::MakeError(core::ErrorCode::kValidationFailed, "scans: at least one scan");
  if (scans.size() > kMaxBatch) {
    return core::MakeError(core::ErrorCode::kValidationFailed, fmt::format("scans: at most {} a batch", kMaxBatch));
  }
  for (std::size_t i = 0; i < scans.size(); ++i) {
    const DoorScan& scan = scans[i];
    if (!NonceOk(scan.nonce)) return Malformed(i, "nonce must be 8 to 64 letters, digits, - or _");
    if (scan.code.empty() || scan.code.size() > 2000) return Malformed(i, "code must be 1 to 2000 characters");
    if (scan.direction != "in" && scan.direction != "out") return Malformed(i, "direction must be in or out");
    if (scan.method != "camera" && scan.method != "scanner" && scan.method != "manual") {
      return Malformed(i, "method must be camera, scanner or manual");
    }
    if (scan.scanned_at <= 0) return Malformed(i, "scanned_at must be unix seconds");
  }
  return core::Ok{};
}

std::vector<bool> RepeatsInBatch(const std::vector<DoorScan>& scans) {
  std::vector<bool> repeats(scans.size(), false);
  std::unordered_set<std::string_view> seen;
  seen.reserve(scans.size());
  for (std::size_t i = 0; i < scans.size(); ++i) repeats[i] = !seen.insert(scans[i].nonce).second;
  return repeats;
}

ScanWindow WindowFor(long long starts_at, long long ends_at, long long now) {
  const long long local = starts_at + kBeijingOffset;
  const long long day_start = local - (((local % kDay) + kDay) % kDay) - kBeijingOffset;
  return {.earliest = day_start, .latest = std::min(now + kClockSkew, ends_at + kLateGrace)};
}

Judgement JudgeDoorScan(const ScanFacts& facts) {
  Judgement judgement;
  if (!facts.in_window) {
    judgement.reason = "scan_time";
    return judgement;
  }
  if (!Genuine(facts.evidence)) {
    judgement.reason = facts.evidence.reason;
    return judgement;
  }
  if (!facts.pass_refusal.empty()) {
    judgement.reason = facts.pass_refusal;
    return judgement;
  }
  if (!facts.registered && !facts.walk_ins) {
    judgement.reason = "not_registered";
    return judgement;
  }
  judgement.outcome = Outcome::kAdmitted;
  judgement.verified = facts.evidence.verified;
  judgement.reason = facts.evidence.verified ? std::string() : facts.evidence.reason;
  judgement.walk_in = !facts.registered;
  return judgement;
}

Effects EffectsOf(const Judgement& judgement, std::string_view direction, long long scanned_at,
                  std::optional<long long> first_in, bool volunteer_event, bool has_account) {
  Effects effects;
  if (judgement.outcome != Outcome::kAdmitted || !judgement.verified || !has_account) return effects;
  if (direction == "in") {
    effects.pays_attendance = !first_in || *first_in > scanned_at;
  } else if (volunteer_event && first_in && *first_in < scanned_at) {
    effects.volunteer_since = *first_in;
  }
  return effects;
}

}  // namespace youhao::attendance
