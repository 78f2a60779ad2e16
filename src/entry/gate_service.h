#pragma once
/// Gate scans: online verification, offline scans uploaded later, who is inside now, and the
/// retention of gate events.

#include <optional>
#include <string>
#include <vector>

#include "accounts/access.h"
#include "entry/access_plan_service.h"
#include "entry/key_store.h"
#include "passes/pass_verifier.h"
#include "storage/database.h"

namespace youhao::entry {

struct ScanWorker {
  long long id = 0;
  std::string name;
  std::string platform;
  std::string kind;
  std::string status;
  bool has_photo = false;
};

struct GateDecision {
  passes::ScanCode code = passes::ScanCode::kMalformed;
  std::string reason;
  std::optional<ScanWorker> worker;
  std::vector<DropOffPoint> drop_off_points;
  long long event_id = 0;
  std::string flag;
};

struct OfflineScan {
  std::string client_event_id;
  std::string compound;
  long long gate_id = 0;
  long long worker_id = 0;
  long long pass_id = 0;
  std::string direction;
  long long at = 0;
  bool allowed = false;
  std::string code;
};

struct InsideNow {
  long long worker_id = 0;
  std::string name;
  std::string platform;
  long long since = 0;
  long long minutes = 0;
  bool overstay = false;
};

struct GateEvent {
  long long id = 0;
  long long at = 0;
  long long gate_id = 0;
  std::optional<long long> worker_id;
  std::string worker_name;
  std::string direction;
  bool allowed = false;
  std::string code;
  std::string source;
  std::string flag;
};

/// Speed above which two scans of one pass at two compounds are flagged (km/h).
inline constexpr double kImpossibleTravelKmh = 60.0;

class GateService {
 public:
  GateService(storage::Database& database, IssuerKeyStore& keys, AccessPlanService& plans, const areas::AreaService& areas)
      : database_(database), keys_(keys), plans_(plans), areas_(areas) {}

  /// The compound, if the principal works its gates (its guards and property manager) or is an
  /// officer whose area holds it.
  core::Result<areas::Area> GateCompound(const accounts::Principal& principal, std::string_view code) const;

  /// Verifies `code` at `gate_id` of `compound_code` now and records the scan.
  /// Unknown compounds and gates are refusals, not errors.
  core::Result<GateDecision> Verify(const accounts::Principal& guard, std::string_view compound_code, long long gate_id,
                                    std::string_view code, bool entering, long long now);

  /// Stores scans made offline; a scan already stored (same client_event_id) is a duplicate.
  struct UploadResult {
    long long accepted = 0;
    long long duplicates = 0;
  };
  core::Result<UploadResult> Upload(const accounts::Principal& guard, const std::vector<OfflineScan>& scans);

  std::vector<InsideNow> Inside(const areas::Area& compound, long long now) const;
  std::vector<GateEvent> Recent(const areas::Area& compound, int limit) const;

  /// Deletes gate events older than `retention_days`; returns how many.
  long long Purge(int retention_days, long long now);

 private:
  std::string ImpossibleTravelFlag(storage::Connection& connection, long long worker_id, const areas::Area& compound,
                                   long long now) const;

  storage::Database& database_;
  IssuerKeyStore& keys_;
  AccessPlanService& plans_;
  const areas::AreaService& areas_;
};

}  // namespace youhao::entry
