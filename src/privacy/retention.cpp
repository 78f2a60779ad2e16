#include "privacy/retention.h"

namespace youhao::privacy {

namespace {

constexpr long long kDay = 86400;

}  // namespace

Purged PurgeExpired(storage::Database& database, const RetentionPeriods& periods, long long now) {
  Purged purged;
  auto connection = database.Acquire();
  storage::Transaction transaction(*connection);
  purged.report_photos = connection->Execute(
      "DELETE FROM report_media WHERE report_id IN "
      "(SELECT id FROM reports WHERE closed_at IS NOT NULL AND closed_at < ?)",
      {now - periods.closed_report_photo_days * kDay});
  purged.checkins = connection->Execute("DELETE FROM place_checkins WHERE at < ?", {now - periods.checkin_days * kDay});
  purged.audit_entries = connection->Execute("DELETE FROM audit_log WHERE at < ?", {now - periods.audit_days * kDay});
  purged.notifications =
      connection->Execute("DELETE FROM notifications WHERE at < ?", {now - periods.notification_days * kDay});
  purged.sessions = connection->Execute("DELETE FROM sessions WHERE expires_at < ?", {now});
  purged.handover_comments =
      connection->Execute("UPDATE handover_ratings SET comment = '' WHERE comment <> '' AND at < ?",
                          {now - periods.handover_comment_days * kDay});
  purged.expiry_reminders = connection->Execute("DELETE FROM points_expiry_reminders WHERE at < ?",
                                                {now - periods.expiry_reminder_days * kDay});
  transaction.Commit();
  return purged;
}

}  // namespace youhao::privacy
