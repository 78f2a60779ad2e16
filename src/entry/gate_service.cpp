#include "entry/gate_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace youhao::entry {

core::Result<areas::Area> GateService::GateCompound(const accounts::Principal& principal, std::string_view code) const {
  auto compound = code.size() <= 32 ? areas_.Find(code) : std::nullopt;
  if (!compound || compound->level != areas::Level::kCompound) {
    return core::MakeError(core::ErrorCode::kNotFound, "no compound with this code");
  }
  if (auto allowed = MayUseGates(principal, *compound); !allowed.ok()) return allowed.error();
  return std::move(*compound);
}

core::Result<GateDecision> GateService::Verify(const accounts::Principal& guard, std::string_view compound_code,
                                               long long gate_id, std::string_view code, bool entering, long long now) {
  GateDecision decision;
  auto compound = compound_code.size() <= 32 ? areas_.Find(compound_code) : std::nullopt;
  if (!compound || compound->level != areas::Level::kCompound) {
    decision.verdict.code = passes::ScanCode::kCompoundNotFound;
    return decision;
  }
  if (auto allowed = MayUseGates(guard, *compound); !allowed.ok()) return allowed.error();

  passes::SignatureCheck check;
  if (auto typed = short_codes_ != nullptr ? ParseShortCode(code) : std::nullopt) {
    auto match = short_codes_->Find("account:" + std::to_string(guard.account_id), compound->code, *typed, now);
    if (!match.ok()) return match.error();
    check = CheckOfShortCode(*match, now);
  } else {
    // The signature checks need no database; do them before taking a connection.
    std::optional<passes::IssuerKey> key_holder;
    const passes::KeyLookup lookup = [&](std::uint16_t key_id) -> const passes::IssuerKey* {
      key_holder = keys_.Find(key_id);
      return key_holder ? &*key_holder : nullptr;
    };
    check = passes::CheckSignatures(code, lookup, now, &verified_);
  }

  // Read the facts without a write lock: many scans read at once, only the insert is serialised.
  NewGateEvent event;
  {
    auto connection = database_.Acquire();
    auto gate = plans_.FindGate(*connection, gate_id);
    if (!gate || gate->compound_code != compound->code) {
      decision.verdict.code = passes::ScanCode::kGateNotFound;
      return decision;
    }
    ScanFacts facts;
    facts.gate = std::move(*gate);
    facts.plan = plans_.Plan(*connection, compound->code);
    facts.entering = entering;
    if (check.code == passes::ScanCode::kOk) {
      event.worker_id = check.qr->credential.worker_id;
      event.pass_id = check.qr->credential.pass_id;
      facts.pass = GateRepository::ReadPass(*connection, event.worker_id, event.pass_id);
      facts.open_now = OpenAt(facts.plan, now, plans_.Holidays());
      facts.on_whitelist = facts.plan.mode == passes::AccessMode::kWhitelist &&
                           plans_.OnWhitelist(*connection, compound->code, event.worker_id);
      decision.worker = facts.pass.worker;
    }
    decision.verdict = DecideScan(check, facts);
    for (long long id : decision.verdict.green_lane_gates) {
      if (auto lane = plans_.FindGate(*connection, id)) decision.green_lane_names.push_back(lane->name);
    }
    if (decision.verdict.allowed() && entering && event.worker_id != 0) {
      decision.flag = ImpossibleTravelFlag(GateRepository::LastAllowedScan(*connection, event.worker_id, now - 3600),
                                           *compound, now);
    }
    event.gate_id = facts.gate.id;
  }
  event.compound_code = compound->code;
  event.direction = entering ? "in" : "out";
  event.at = now;
  event.allowed = decision.verdict.allowed();
  event.code = std::string(passes::ScanCodeName(decision.verdict.code));
  event.flag = decision.flag;
  event.evidence = EvidenceOf(check);
  if (writer_ != nullptr) {
    writer_->Run([&](storage::Connection& connection) {
      decision.event_id = GateRepository::InsertOnline(connection, event);
      return true;
    });
  } else {
    auto connection = database_.Acquire();
    decision.event_id = GateRepository::InsertOnline(*connection, event);
  }
  return decision;
}

core::Result<GateService::UploadResult> GateService::Upload(const accounts::Principal& guard,
                                                            const std::vector<OfflineScan>& scans) {
  UploadResult result;
  const long long now = storage::NowSeconds();
  std::vector<areas::Area> compounds;
  compounds.reserve(scans.size());
  for (const OfflineScan& scan : scans) {
    auto compound = GateCompound(guard, scan.compound);
    if (!compound.ok()) return compound.error();
    if (scan.at > now + 300 || scan.at < now - 30LL * 86400) {
      return core::MakeError(core::ErrorCode::kValidationFailed,
                             "a queued scan's time is in the future or older than 30 days");
    }
    compounds.push_back(std::move(*compound));
  }

  // Each code is checked as the gate saw it, at the scan's own time; the signature checks need no
  // database, so they run before a connection is taken.
  std::optional<passes::IssuerKey> key_holder;
  const passes::KeyLookup lookup = [&](std::uint16_t key_id) -> const passes::IssuerKey* {
    key_holder = keys_.Find(key_id);
    return key_holder ? &*key_holder : nullptr;
  };
  std::vector<NewGateEvent> events;
  events.reserve(scans.size());
  for (std::size_t i = 0; i < scans.size(); ++i) {
    const OfflineScan& scan = scans[i];
    std::optional<passes::SignatureCheck> check;
    if (!scan.scanned.empty()) check = passes::CheckSignatures(scan.scanned, lookup, scan.at, &verified_);
    NewGateEvent event{.client_event_id = scan.client_event_id,
                       .compound_code = compounds[i].code,
                       .gate_id = scan.gate_id,
                       .worker_id = scan.worker_id,
                       .pass_id = scan.pass_id,
                       .direction = scan.direction,
                       .at = scan.at,
                       .allowed = scan.allowed,
                       .code = scan.code,
                       .source = "offline",
                       .evidence = JudgeOfflineScan(check, {scan.worker_id, scan.pass_id})};
    if (event.evidence.verified) {
      // A claim that named nobody is stored under the worker and pass its code names.
      event.worker_id = check->qr->credential.worker_id;
      event.pass_id = check->qr->credential.pass_id;
    }
    events.push_back(std::move(event));
  }

  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  for (const NewGateEvent& event : events) {
    auto gate = plans_.FindGate(*connection, event.gate_id);
    if (!gate || gate->compound_code != event.compound_code) {
      return core::MakeError(core::ErrorCode::kValidationFailed,
                             fmt::format("gate {} is not a gate of {}", event.gate_id, event.compound_code));
    }
    if (!GateRepository::InsertOffline(*connection, event)) {
      ++result.duplicates;
      continue;
    }
    ++result.accepted;
    ++(event.evidence.verified ? result.verified : result.unverified);
  }
  transaction.Commit();
  return result;
}

std::vector<InsideNow> GateService::Inside(const areas::Area& compound, long long now) const {
  auto connection = database_.Acquire();
  const AccessPlan plan = plans_.Plan(*connection, compound.code);
  std::map<long long, std::pair<long long, std::string>> last;  // worker -> (at, direction)
  for (const Passage& passage : GateRepository::PassagesSince(*connection, compound.code, now - 86400)) {
    last[passage.worker_id] = {passage.at, passage.direction};
  }
  std::vector<InsideNow> inside;
  for (const auto& [worker_id, entry] : last) {
    if (entry.second != "in") continue;
    InsideNow item;
    item.worker_id = worker_id;
    std::tie(item.name, item.platform) = GateRepository::WorkerNameAndPlatform(*connection, worker_id);
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
  return GateRepository::Recent(*connection, compound.code, limit);
}

long long GateService::Purge(int retention_days, long long now) {
  auto connection = database_.Acquire();
  return GateRepository::PurgeBefore(*connection, now - static_cast<long long>(retention_days) * 86400);
}

}  // namespace youhao::entry
