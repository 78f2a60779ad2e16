#include "attendance/attendance_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>

#include "entry/gate_repository.h"
#include "entry/short_code.h"
#include "points/earning_rules.h"

namespace youhao::attendance {

core::Result<DoorEvent> AttendanceService::DoorEventFor(const accounts::Principal& principal, long long event_id) {
  std::optional<DoorEvent> event;
  {
    auto connection = database_.Acquire();
    event = AttendanceRepository::FindEvent(*connection, event_id);
  }
  if (!event) return core::MakeError(core::ErrorCode::kNotFound, "no event with this id");
  if (auto allowed = MayRunDoor(principal, event->created_by, event->area_path); !allowed.ok()) {
    return allowed.error();
  }
  return std::move(*event);
}

std::optional<passes::SignatureCheck> AttendanceService::CheckAtScanTime(const accounts::Principal& organiser,
                                                                         long long event_id, const DoorScan& scan,
                                                                         std::string& refusal) {
  if (auto typed = short_codes_ != nullptr ? entry::ParseShortCode(scan.code) : std::nullopt) {
    auto match = short_codes_->Find("account:" + std::to_string(organiser.account_id),
                                    "event:" + std::to_string(event_id), *typed, scan.scanned_at);
    if (!match.ok()) {
      refusal = std::string(match.error().Name());
      return std::nullopt;
    }
    return entry::CheckOfShortCode(*match, scan.scanned_at);
  }
  std::optional<passes::IssuerKey> key_holder;
  const passes::KeyLookup lookup = [&](std::uint16_t key_id) -> const passes::IssuerKey* {
    key_holder = keys_.Find(key_id);
    return key_holder ? &*key_holder : nullptr;
  };
  return passes::CheckSignatures(scan.code, lookup, scan.scanned_at, &verified_);
}

core::Result<UploadResult> AttendanceService::Upload(const accounts::Principal& organiser, long long event_id,
                                                     const std::vector<DoorScan>& scans, long long now) {
  if (auto valid = CheckBatch(scans); !valid.ok()) return valid.error();
  auto event = DoorEventFor(organiser, event_id);
  if (!event.ok()) return event.error();
  const ScanWindow window = WindowFor(event->starts_at, event->ends_at, now);

  // Each code is checked as the door saw it, at the scan's own time, before a connection is taken.
  struct Checked {
    std::optional<passes::SignatureCheck> check;
    std::string refusal;
  };
  std::vector<Checked> checked(scans.size());
  const std::vector<bool> repeats = RepeatsInBatch(scans);
  for (std::size_t i = 0; i < scans.size(); ++i) {
    if (repeats[i]) continue;
    if (!window.Holds(scans[i].scanned_at)) {
      checked[i].refusal = "scan_time";
      continue;
    }
    checked[i].check = CheckAtScanTime(organiser, event_id, scans[i], checked[i].refusal);
    // A pass shown before it was issued: the door's clock, or the scan, is not to be believed.
    const auto& qr = checked[i].check ? checked[i].check->qr : std::nullopt;
    if (qr && scans[i].scanned_at + kClockSkew < static_cast<long long>(qr->credential.issued_at)) {
      checked[i].check.reset();
      checked[i].refusal = "scan_time";
    }
  }
  // In scan order, so that a check-out finds the check-in before it.
  std::vector<std::size_t> order(scans.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return scans[a].scanned_at < scans[b].scanned_at; });

  UploadResult result;
  result.items.resize(scans.size());
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  const auto holders = AttendanceRepository::SeatHolders(*connection, event_id);
  std::map<long long, std::optional<long long>> accounts;  // worker -> sign-in account
  for (std::size_t i : order) {
    const DoorScan& scan = scans[i];
    ScanResult& item = result.items[i];
    item.nonce = scan.nonce;
    if (repeats[i]) {
      item.result = "duplicate";
      ++result.duplicates;
      continue;
    }
    ScanFacts facts;
    facts.walk_ins = event->walk_ins;
    facts.in_window = checked[i].refusal != "scan_time";
    const auto& check = checked[i].check;
    if (!checked[i].refusal.empty() || !check) {
      facts.evidence = {.verified = false, .reason = checked[i].refusal.empty() ? "no_code" : checked[i].refusal};
    } else {
      facts.evidence = entry::JudgeOfflineScan(check, {});
    }
    long long worker_id = 0;
    std::optional<long long> account_id;
    entry::PassRecord record;
    if (check && check->qr && facts.in_window && Genuine(facts.evidence)) {
      worker_id = static_cast<long long>(check->qr->credential.worker_id);
      record = entry::GateRepository::ReadPass(*connection, worker_id,
                                               static_cast<long long>(check->qr->credential.pass_id));
      if (facts.evidence.verified) {
        // Judged as at a gate's exit: only the pass itself and its worker's standing count.
        const entry::GateVerdict verdict = entry::DecideScan(*check, {.pass = record, .entering = false});
        if (!verdict.allowed()) facts.pass_refusal = std::string(passes::ScanCodeName(verdict.code));
      } else if (!record.worker || !record.pass_found || record.pass_revoked) {
        facts.pass_refusal = std::string(passes::ScanCodeName(passes::ScanCode::kPassRevoked));
      }
      auto known = accounts.find(worker_id);
      if (known == accounts.end()) {
        known = accounts.emplace(worker_id, AttendanceRepository::WorkerAccount(*connection, worker_id)).first;
      }
      account_id = known->second;
      facts.registered = account_id && holders.contains(*account_id);
    }
    const Judgement judgement = JudgeDoorScan(facts);
    if (judgement.outcome == Outcome::kRefused) {
      item.result = "refused";
      item.reason = judgement.reason;
      if (facts.evidence.verified) item.worker = record.worker;
      ++result.refused;
      continue;
    }
    const auto first_in = AttendanceRepository::FirstVerifiedIn(*connection, event_id, worker_id, scan.scanned_at);
    NewCheckin checkin{.event_id = event_id,
                       .account_id = account_id,
                       .worker_id = worker_id,
                       .registration_id = std::nullopt,
                       .direction = scan.direction,
                       .nonce = scan.nonce,
                       .scanned_at = scan.scanned_at,
                       .received_at = now,
                       .scanner_account_id = organiser.account_id,
                       .method = scan.method,
                       .walk_in = judgement.walk_in,
                       .verified = judgement.verified,
                       .reason = judgement.reason};
    if (account_id) {
      if (auto holder = holders.find(*account_id); holder != holders.end()) checkin.registration_id = holder->second;
    }
    item.worker = record.worker;
    if (!AttendanceRepository::Insert(*connection, checkin)) {
      item.result = "duplicate";
      ++result.duplicates;
      continue;
    }
    ++result.accepted;
    if (judgement.verified) ++result.verified;
    item.result = judgement.verified ? "verified" : "unverified";
    item.reason = judgement.reason;
    item.walk_in = judgement.walk_in;
    const Effects effects = EffectsOf(judgement, scan.direction, scan.scanned_at, first_in, event->team_id.has_value(),
                                      account_id.has_value());
    if (effects.pays_attendance && account_id) {
      points::EarningRuleRepository::EarnByRule(*connection, points::EarningTrigger::kEventAttended, *account_id,
                                                event->area_code, fmt::format("event:{}:{}", event_id, *account_id),
                                                now);
    }
    if (effects.volunteer_since && account_id && record_hours_) {
      record_hours_(*connection, event_id, *account_id, *effects.volunteer_since, scan.scanned_at, now);
    }
  }
  transaction.Commit();
  return result;
}

core::Result<Attendance> AttendanceService::List(const accounts::Principal& organiser, long long event_id) {
  auto event = DoorEventFor(organiser, event_id);
  if (!event.ok()) return event.error();
  Attendance attendance;
  attendance.event = std::move(*event);
  auto connection = database_.Acquire();
  const auto holders = AttendanceRepository::SeatHolders(*connection, event_id);
  std::map<long long, std::size_t> index;  // worker -> item
  for (auto& worker : AttendanceRepository::Workers(*connection, event_id)) {
    Attendee attendee;
    attendee.phone_masked = phones_.Masked(worker.phone_sealed);
    if (worker.account_id) {
      if (auto holder = holders.find(*worker.account_id); holder != holders.end())
        attendee.registration_id = holder->second;
    }
    attendee.worker = std::move(worker);
    index[attendee.worker.id] = attendance.items.size();
    attendance.items.push_back(std::move(attendee));
  }
  for (const CheckinRow& row : AttendanceRepository::Checkins(*connection, event_id)) {
    auto found = index.find(row.worker_id);
    if (found == index.end()) continue;
    Attendee& attendee = attendance.items[found->second];
    ++attendee.scans;
    attendee.walk_in = attendee.walk_in || row.walk_in;
    if (!row.verified) {
      if (attendee.evidence == "absent") attendee.evidence = "unverified";
      continue;
    }
    if (row.direction == "in" && !attendee.in_at) {
      attendee.in_at = row.scanned_at;
      attendee.evidence = "verified";
    } else if (row.direction == "out" && attendee.in_at) {
      attendee.out_at = row.scanned_at;
    }
  }
  for (const Attendee& attendee : attendance.items) {
    if (attendee.registration_id) ++attendance.registered;
    if (attendee.evidence == "verified") ++attendance.attended;
    if (attendee.evidence == "unverified") ++attendance.unverified;
    if (attendee.walk_in) ++attendance.walk_ins;
    if (attendee.out_at) ++attendance.checked_out;
  }
  return attendance;
}

}  // namespace youhao::attendance
