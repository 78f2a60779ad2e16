#pragma once
/// The gate's decisions as pure functions of what was read: who may work a compound's gates,
/// what a scan decides once its signatures are checked, and when two entries of one worker are
/// too far apart to be real. No database, no clock and no text: the service reads the facts,
/// and the edge words the verdict from its message catalogue (api/messages/).

#include <optional>
#include <string>
#include <vector>

#include "accounts/access.h"
#include "areas/area_service.h"
#include "entry/access_plan_service.h"
#include "passes/pass_verifier.h"

namespace youhao::entry {

/// The compound's own guards and property staff, and officers whose area holds it, use its
/// gates; anyone else is forbidden.
core::Status MayUseGates(const accounts::Principal& principal, const areas::Area& compound);

struct ScanWorker {
  long long id = 0;
  std::string name;
  std::string platform;
  std::string kind;
  std::string status;
  bool has_photo = false;
};

/// The worker and the scanned pass as stored now (online, revocation is read live).
struct PassRecord {
  std::optional<ScanWorker> worker;
  /// The pass exists and belongs to the worker.
  bool pass_found = false;
  bool pass_revoked = false;
  /// The device key the pass was issued to (base64, as stored).
  std::string device_public_key;
};

/// Everything a scan's decision depends on besides its signatures.
struct ScanFacts {
  AccessPlan plan;
  Gate gate;
  PassRecord pass;
  bool on_whitelist = false;
  /// Whether the compound's opening hours allow entry now.
  bool open_now = true;
  bool entering = true;
};

/// A scan's outcome with the structured fields its refusal needs.
struct GateVerdict {
  passes::ScanCode code = passes::ScanCode::kMalformed;
  /// kDropOffOnly: where orders are left instead.
  std::vector<DropOffPoint> drop_off_points;
  /// kOutsideHours: the compound's opening hours (OSM opening_hours syntax).
  std::string opening_hours;
  /// kGateNotAllowed: the green-lane gates workers use instead.
  std::vector<long long> green_lane_gates;

  bool allowed() const { return code == passes::ScanCode::kOk; }
};

/// The decision for a scan whose signatures were checked with `check` (device key included):
/// a bad signature refuses as such; a good one is judged on the live pass, the worker's status
/// and the compound's plan (mode, hours, whitelist, gate).
GateVerdict DecideScan(const passes::SignatureCheck& check, const ScanFacts& facts);

/// Whether a stored scan is evidence that the worker was at the gate: the server checked the
/// code the gate read (issuer and device signatures, expiry and the 30-second window at the
/// scan's own time) and it names the worker and pass the event is stored under. Unverified
/// events are kept, flagged with the reason, and never count as a visit (ratings), a passage
/// (who is inside) or a last position (impossible travel).
struct Evidence {
  bool verified = false;
  /// Why not, as a stable name: "no_code" (queued by a gate that did not keep the code), the
  /// signature check's refusal ("pass_bad_signature", "pass_expired", "pass_stale", ...),
  /// "worker_mismatch" or "pass_mismatch"; empty when verified.
  std::string reason;
};

/// The evidence of a code checked online: verified exactly when its signatures hold.
Evidence EvidenceOf(const passes::SignatureCheck& check);

/// The worker and pass a queued offline scan names (0: none named).
struct OfflineClaim {
  long long worker_id = 0;
  long long pass_id = 0;
};

/// The evidence of an offline scan: `check` is the code it carries checked at the scan's time
/// (nullopt: it carries none). A code that holds is evidence only for the worker and pass it
/// names; a claim that names others is not verified. A claim that names nobody takes the code's.
Evidence JudgeOfflineScan(const std::optional<passes::SignatureCheck>& check, const OfflineClaim& claim);

/// The worker's last allowed scan within the past hour, where it was.
struct LastScan {
  long long at = 0;
  std::string compound_code;
  std::optional<double> lat;
  std::optional<double> lon;
};

/// Speed above which two scans of one worker at two compounds are flagged (km/h).
inline constexpr double kImpossibleTravelKmh = 60.0;

/// "impossible_travel 12.3km 300s" when reaching `compound` at `now` after `last` needs more than
/// kImpossibleTravelKmh over more than 500 m; empty otherwise (or when a position is unknown).
std::string ImpossibleTravelFlag(const std::optional<LastScan>& last, const areas::Area& compound, long long now);

}  // namespace youhao::entry
