#pragma once
/// How long personal data is kept once it has served its purpose, enforced by the server's daily
/// job (beside the gate-event purge). docs/privacy.md gives each period and its reason.

#include "storage/database.h"

namespace youhao::privacy {

struct RetentionPeriods {
  /// Photos of a report, counted from the day it closed.
  int closed_report_photo_days = 365;
  /// A rider's check-ins at stations (the counts of busy hours are computed from recent ones).
  int checkin_days = 365;
  /// The audit log: long enough for a dispute or an inspection.
  int audit_days = 3 * 365;
  /// Read and unread notifications.
  int notification_days = 180;
};

struct Purged {
  long long report_photos = 0;
  long long checkins = 0;
  long long audit_entries = 0;
  long long notifications = 0;
  long long sessions = 0;

  long long total() const { return report_photos + checkins + audit_entries + notifications + sessions; }
};

/// Deletes what has outlived its period as of `now` (seconds); expired sessions go too.
Purged PurgeExpired(storage::Database& database, const RetentionPeriods& periods, long long now);

}  // namespace youhao::privacy
