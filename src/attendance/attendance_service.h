#pragma once
/// Check-ins at an event's door, the use cases: a batch of scans uploaded by a door that may have
/// been offline (each judged at its own scan time, a nonce stored once), and the event's
/// attendance. Decisions come from attendance_policy.h, SQL from attendance_repository.h.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "accounts/access.h"
#include "attendance/attendance_policy.h"
#include "attendance/attendance_repository.h"
#include "entry/gate_policy.h"
#include "entry/key_store.h"
#include "entry/short_code_service.h"
#include "passes/pass_verifier.h"
#include "registry/phone_vault.h"
#include "storage/database.h"

namespace youhao::attendance {

/// One scan's result as the door shows it.
struct ScanResult {
  std::string nonce;
  /// "verified" | "unverified" (stored, flagged) | "duplicate" | "refused"
  std::string result;
  std::string reason;
  std::optional<entry::ScanWorker> worker;
  bool walk_in = false;
};

struct UploadResult {
  long long accepted = 0;
  long long duplicates = 0;
  long long verified = 0;
  long long refused = 0;
  /// In the order uploaded.
  std::vector<ScanResult> items;
};

/// A worker of the event: holding a place, or scanned at its door.
struct Attendee {
  AttendeeWorker worker;
  std::string phone_masked;
  std::optional<long long> registration_id;
  bool walk_in = false;
  /// The first verified 'in' and the last verified 'out' after it.
  std::optional<long long> in_at;
  std::optional<long long> out_at;
  /// "verified" (attended), "unverified" (scanned, flagged only) or "absent"
  std::string evidence = "absent";
  long long scans = 0;
};

struct Attendance {
  DoorEvent event;
  std::vector<Attendee> items;
  long long registered = 0;
  long long attended = 0;
  long long walk_ins = 0;
  long long checked_out = 0;
  long long unverified = 0;
};

/// Records volunteer minutes for a check-out after a check-in (volunteers::RecordScanHours), in
/// the caller's transaction.
using HoursRecorder = std::function<void(storage::Connection& connection, long long event_id, long long account_id,
                                         long long checked_in_at, long long checked_out_at, long long now)>;

class AttendanceService {
 public:
  AttendanceService(storage::Database& database, entry::IssuerKeyStore& keys, const registry::PhoneVault& phones)
      : database_(database), keys_(keys), phones_(phones) {}

  /// Typed digit codes are accepted from here on (checked at each scan's own time).
  void UseShortCodes(entry::ShortCodeService* short_codes) { short_codes_ = short_codes; }
  /// Check-outs at events with a team record volunteer hours from here on.
  void RecordHoursWith(HoursRecorder recorder) { record_hours_ = std::move(recorder); }

  /// Stores a door's batch in one transaction: each scan judged at its scan time, a nonce already
  /// stored counted as a duplicate; a worker's first verified 'in' pays the area's
  /// event_attended rule once; a verified 'out' at a volunteer event records hours.
  core::Result<UploadResult> Upload(const accounts::Principal& organiser, long long event_id,
                                    const std::vector<DoorScan>& scans, long long now);

  /// Every worker holding a place or scanned, with their times and the counts.
  core::Result<Attendance> List(const accounts::Principal& organiser, long long event_id);

 private:
  /// The event, if it exists and `principal` runs its door.
  core::Result<DoorEvent> DoorEventFor(const accounts::Principal& principal, long long event_id);
  /// The scan's pass checked at its own time (a QR text, or a typed digit code).
  std::optional<passes::SignatureCheck> CheckAtScanTime(const accounts::Principal& organiser, long long event_id,
                                                        const DoorScan& scan, std::string& refusal);

  storage::Database& database_;
  entry::IssuerKeyStore& keys_;
  const registry::PhoneVault& phones_;
  entry::ShortCodeService* short_codes_ = nullptr;
  HoursRecorder record_hours_;
  passes::VerifiedCredentials verified_;
};

}  // namespace youhao::attendance
