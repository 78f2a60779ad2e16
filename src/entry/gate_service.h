#pragma once
/// Gate scans, the use cases: online verification, offline scans uploaded later, who is inside
/// now, and the retention of gate events. Decisions come from gate_policy.h, SQL from
/// gate_repository.h; this class reads, decides and writes in that order.

#include <optional>
#include <string>
#include <vector>

#include "accounts/access.h"
#include "entry/access_plan_service.h"
#include "entry/gate_policy.h"
#include "entry/gate_repository.h"
#include "entry/key_store.h"
#include "entry/short_code_service.h"
#include "passes/pass_verifier.h"
#include "storage/database.h"
#include "storage/group_commit.h"

namespace youhao::entry {

/// A scan's verdict with what the guard's screen shows: the worker, the green-lane gates by
/// name, the stored event and a travel flag.
struct GateDecision {
  GateVerdict verdict;
  std::optional<ScanWorker> worker;
  /// Names of verdict.green_lane_gates, in the same order.
  std::vector<std::string> green_lane_names;
  long long event_id = 0;
  std::string flag;
};

/// A scan the gate decided offline and queued, as uploaded: the gate's claims and the code it read.
struct OfflineScan {
  std::string client_event_id;
  std::string compound;
  long long gate_id = 0;
  long long worker_id = 0;
  long long pass_id = 0;
  std::string direction;
  long long at = 0;
  bool allowed = false;
  /// The gate's verdict name ("pass_ok", "worker_revoked", ...).
  std::string code;
  /// The pass text the gate decoded ("YH1:..."), the evidence checked on upload; empty from gates
  /// that queued scans before they kept it.
  std::string scanned;
};

struct InsideNow {
  long long worker_id = 0;
  std::string name;
  std::string platform;
  long long since = 0;
  long long minutes = 0;
  bool overstay = false;
};

class GateService {
 public:
  /// With `writer`, scan events from many threads share transactions (one commit per batch).
  GateService(storage::Database& database, IssuerKeyStore& keys, AccessPlanService& plans,
              const areas::AreaService& areas, storage::GroupCommit* writer = nullptr)
      : database_(database), keys_(keys), plans_(plans), areas_(areas), writer_(writer) {}

  /// The compound, if the principal works its gates (its guards and property manager) or is an
  /// officer whose area holds it.
  core::Result<areas::Area> GateCompound(const accounts::Principal& principal, std::string_view code) const;

  /// Digit codes (short_code.h) are accepted by Verify from here on; without, ten digits read as a
  /// malformed QR text.
  void UseShortCodes(ShortCodeService* short_codes) { short_codes_ = short_codes; }

  /// Verifies `code` at `gate_id` of `compound_code` now and records the scan. Unknown compounds
  /// and gates are refusals, not errors. Reads take no write lock; the event's insert is the
  /// only write (group-committed with a writer). `code` is a QR text, or a typed digit code
  /// (ShortCodeService::Find: its errors are the only ones besides forbidden), decided alike.
  core::Result<GateDecision> Verify(const accounts::Principal& guard, std::string_view compound_code, long long gate_id,
                                    std::string_view code, bool entering, long long now);

  /// Stores scans made offline; a scan already stored (same client_event_id) is a duplicate.
  /// Each scan's code is verified as an online scan would be, at the time of the scan (see
  /// JudgeOfflineScan): a scan whose code holds is stored verified; one without a code, or whose
  /// code does not hold or names another worker, is stored flagged unverified with the reason.
  struct UploadResult {
    long long accepted = 0;
    long long duplicates = 0;
    /// Of the accepted scans, how many were verified and how many not.
    long long verified = 0;
    long long unverified = 0;
  };
  core::Result<UploadResult> Upload(const accounts::Principal& guard, const std::vector<OfflineScan>& scans);

  /// Workers whose last verified passage in the past day was in.
  std::vector<InsideNow> Inside(const areas::Area& compound, long long now) const;
  std::vector<GateEvent> Recent(const areas::Area& compound, int limit) const;

  /// Deletes gate events older than `retention_days`; returns how many.
  long long Purge(int retention_days, long long now);

  /// Issuer signatures verified so far (hits skip the Ed25519 check).
  const passes::VerifiedCredentials& verified() const { return verified_; }

 private:
  storage::Database& database_;
  IssuerKeyStore& keys_;
  AccessPlanService& plans_;
  const areas::AreaService& areas_;
  storage::GroupCommit* writer_;
  ShortCodeService* short_codes_ = nullptr;
  passes::VerifiedCredentials verified_;
};

}  // namespace youhao::entry
