#pragma once
/// Use cases of the calendar feeds: an area's public feed, one event's, and a worker's personal
/// feed behind a secret token; and the personal tokens themselves (only a keyed digest stored).

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "areas/area_service.h"
#include "calendar/calendar_repository.h"
#include "calendar/icalendar.h"
#include "core/error.h"
#include "core/keyring.h"
#include "storage/database.h"

namespace youhao::calendar {

/// How a feed is worded: the words come from the edge.
struct FeedOptions {
  /// X-WR-CALNAME (the single-event feed uses the event's title instead).
  std::string calendar_name;
  /// An event's URL is this followed by its id (e.g. "https://youhao.example/#/events/").
  std::string event_url_prefix;
  /// Part of the ETag: what else the words depend on (the language, e.g. "zh-CN").
  std::string variant;
};

/// One event of a feed as iCalendar writes it: its status as the worker's registration leaves it,
/// its place, its URL under `options.event_url_prefix`, its organiser as a category.
CalendarEvent ToCalendarEvent(const FeedEvent& event, const FeedOptions& options);

/// A feed's answer. `body` is empty when the client already holds `etag` (answer 304).
struct FeedAnswer {
  std::string etag;
  bool not_modified = false;
  std::string body;
};

/// Whether the client already holds a version with this ETag (If-None-Match).
using ClientHolds = std::function<bool(std::string_view etag)>;

class CalendarFeeds {
 public:
  CalendarFeeds(storage::Database& database, const core::Keyring& keyring) : database_(database), keyring_(keyring) {}

  /// The events of `area`, the areas inside it and the areas it lies in, from 30 days ago to a
  /// year ahead, cancelled ones included as CANCELLED.
  FeedAnswer AreaFeed(const areas::Area& area, const FeedOptions& options, const ClientHolds& holds,
                      long long now) const;
  /// One event; not_found when there is none.
  core::Result<FeedAnswer> EventFeed(long long event_id, const FeedOptions& options, const ClientHolds& holds) const;
  /// The events the token's worker is registered for; not_found for an unknown or revoked token
  /// (or a disabled account).
  core::Result<FeedAnswer> PersonalFeed(std::string_view token, const FeedOptions& options, const ClientHolds& holds,
                                        long long now) const;

 private:
  storage::Database& database_;
  const core::Keyring& keyring_;
};

/// What GET /me/calendar-token shows: never the token, which is only shown when made.
struct TokenState {
  bool exists = false;
  long long created_at = 0;
};

struct NewToken {
  std::string token;
  long long created_at = 0;
};

class CalendarTokens {
 public:
  CalendarTokens(storage::Database& database, const core::Keyring& keyring) : database_(database), keyring_(keyring) {}

  TokenState State(long long account_id) const;
  /// A new secret token, revoking the account's earlier one (whose feed URL then answers 404).
  NewToken Make(long long account_id, long long now) const;
  /// Revokes the live token; false when there was none.
  bool Revoke(long long account_id, long long now) const;

 private:
  storage::Database& database_;
  const core::Keyring& keyring_;
};

/// The purpose the keyring's digest of a token is made for.
inline constexpr std::string_view kTokenDigestPurpose = "calendar-token";

}  // namespace youhao::calendar
