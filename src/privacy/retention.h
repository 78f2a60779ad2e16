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
  /// The comments of hand-over ratings (the answers stay for the monthly lists): thirteen months,
  /// so that a month can be compared with the same month a year before.
  int handover_comment_days = 396;
  /// Points expiry reminders: one a month per account, of no use once their month has passed.
  int expiry_reminder_days = 62;
};

struct Purged {
  long long report_photos = 0;
  long long checkins = 0;
  long long audit_entries = 0;
  long long notifications = 0;
  long long sessions = 0;
  long long handover_comments = 0;
  long long expiry_reminders = 0;

  long long total() const {
    return report_photos + checkins + audit_entries + notifications + sessions + handover_comments + expiry_reminders;
  }
};

/// Deletes what has outlived its period as of `now` (seconds); expired sessions go too.
Purged PurgeExpired(storage::Database& database, const RetentionPeriods& periods, long long now);

}  // namespace youhao::privacy
