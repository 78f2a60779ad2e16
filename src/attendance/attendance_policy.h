#pragma once
/// Check-ins at an event's door as pure decisions: which scans of an uploaded batch are well
/// formed, the times a scan may carry, and what one scan decides once its pass was checked (the
/// gate's offline evidence, entry::JudgeOfflineScan) and the worker looked up. No database, no
/// clock and no text: the service reads the facts and the edge words the outcome.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/access.h"
#include "core/error.h"
#include "entry/gate_policy.h"

namespace youhao::attendance {

/// Scans one upload may carry.
inline constexpr std::size_t kMaxBatch = 1000;
/// How far a door's clock may run ahead of the server's (seconds).
inline constexpr long long kClockSkew = 300;

/// One scan as the door queued it.
struct DoorScan {
  std::string nonce;  ///< the door's random id of the scan: the same nonce twice counts once
  std::string code;   ///< the pass QR text ("YH1:...") or the worker's typed digit code
  long long scanned_at = 0;
  std::string direction;  ///< "in" | "out"
  std::string method;     ///< "camera" | "scanner" | "manual"
};

/// validation_failed naming the first malformed scan (nonce 8..64 of [A-Za-z0-9_-], code 1..2000
/// characters, direction in|out, method camera|scanner|manual), or a batch of none or too many.
core::Status CheckBatch(const std::vector<DoorScan>& scans);

/// For each scan, whether an earlier scan of the batch carries the same nonce: a door that
/// queued one scan twice (or a retried merge of two queues) uploads it once; the later copies are
/// duplicates, as are nonces the event already holds (found when stored).
std::vector<bool> RepeatsInBatch(const std::vector<DoorScan>& scans);

/// How long after an event ends its door still records scans (late check-outs).
inline constexpr long long kLateGrace = 2LL * 3600;

/// The times a scan of an event from `starts_at` to `ends_at` may carry at `now`: from the start
/// of the event's Beijing day to now plus the clock skew, and never later than the end plus
/// kLateGrace. Scans also may not predate the pass they show (checked by the service).
struct ScanWindow {
  long long earliest = 0;
  long long latest = 0;
  bool Holds(long long at) const { return at >= earliest && at <= latest; }
};
ScanWindow WindowFor(long long starts_at, long long ends_at, long long now);

/// Whether the code is a genuine pass: its evidence holds, or it only expired or fell outside its
/// 30-second window at the scan's time ("pass_expired", "pass_stale").
bool Genuine(const entry::Evidence& evidence);

/// The event's door is run by those who organise the event (events::Organises); anyone else is
/// forbidden (not_event_organiser).
core::Status MayRunDoor(const accounts::Principal& principal, long long created_by, std::string_view event_area_path);

/// Everything one scan's outcome depends on.
struct ScanFacts {
  bool in_window = true;
  /// The pass checked at the scan's own time (the gate's offline evidence).
  entry::Evidence evidence;
  /// Why the pass or its worker is not live now ("pass_revoked", "worker_suspended", ...; see
  /// entry::DecideScan), "" when both are.
  std::string pass_refusal;
  /// The worker holds a place (a confirmed or offered registration).
  bool registered = false;
  /// The event admits workers who did not register (flagged walk-ins).
  bool walk_ins = false;
};

enum class Outcome {
  kAdmitted,  ///< stored; attendance when the evidence holds
  kRefused,   ///< not stored
};

struct Judgement {
  Outcome outcome = Outcome::kRefused;
  /// Why refused, or why an admitted scan's evidence is unverified ("" otherwise): "scan_time",
  /// a pass refusal ("pass_bad_signature", "pass_revoked", ...), "not_registered".
  std::string reason;
  bool verified = false;
  bool walk_in = false;
};

/// A forged or unreadable code, a dead pass, a time outside the window, or an unregistered worker
/// at an event without walk-ins is refused. A genuine pass that had expired or was outside its
/// 30-second window at the scan's time (a door clock gone wrong, a screenshot) is admitted
/// flagged unverified: kept as the gate keeps it, never attendance.
Judgement JudgeDoorScan(const ScanFacts& facts);

/// What a stored scan sets off.
struct Effects {
  bool pays_attendance = false;  ///< the worker's first verified 'in'
  /// A verified 'out' after a verified 'in' at a volunteer event: the minutes between count.
  std::optional<long long> volunteer_since;
};

/// `first_in`: the worker's earliest verified 'in' before this scan (nullopt: none).
Effects EffectsOf(const Judgement& judgement, std::string_view direction, long long scanned_at,
                  std::optional<long long> first_in, bool volunteer_event, bool has_account);

}  // namespace youhao::attendance
