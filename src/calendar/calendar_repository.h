#pragma once
/// The SQL of the calendar feeds (read from the events tables only) and of the personal feed
/// tokens (calendar_tokens, migration 25), as small functions on a given connection.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/feed_policy.h"
#include "storage/database.h"

namespace youhao::calendar {

/// One event as a feed shows it.
struct FeedEvent {
  long long id = 0;
  std::string uid;
  std::string kind;
  std::string title;
  std::string description;
  std::string organiser_name;
  std::string address;
  std::string place_name;
  std::string compound_name;
  double lat = 0;
  double lon = 0;
  long long starts_at = 0;
  long long ends_at = 0;
  std::string status;
  int sequence = 0;
  long long created_at = 0;
  long long updated_at = 0;
  /// The subscriber's registration status on a personal feed; empty on public feeds.
  std::string registration_status;
};

/// The events of an area's feed: those of the area and everything inside it, and those of the
/// areas it lies in (`ancestors`), starting within `window`, by start.
std::vector<FeedEvent> AreaEvents(storage::Connection& connection, std::string_view area_path,
                                  const std::vector<std::string>& ancestors, const FeedWindow& window);
FeedStamp AreaStamp(storage::Connection& connection, std::string_view area_path,
                    const std::vector<std::string>& ancestors, const FeedWindow& window);

/// The events `account_id` is registered for (confirmed, offered, waiting) or whose registration
/// the event's cancellation ended, starting within `window`; one row per event.
std::vector<FeedEvent> RegisteredEvents(storage::Connection& connection, long long account_id,
                                        const FeedWindow& window);
FeedStamp RegisteredStamp(storage::Connection& connection, long long account_id, const FeedWindow& window);

std::optional<FeedEvent> EventById(storage::Connection& connection, long long event_id);

struct StoredToken {
  long long id = 0;
  long long account_id = 0;
  long long created_at = 0;
};
/// The account's live token, if any.
std::optional<StoredToken> LiveToken(storage::Connection& connection, long long account_id);
/// The live token stored under one of `hashes`, of an account not disabled.
std::optional<StoredToken> TokenByHash(storage::Connection& connection, const std::vector<std::string>& hashes);
/// Revokes the account's live tokens; how many.
long long RevokeTokens(storage::Connection& connection, long long account_id, long long now);
void InsertToken(storage::Connection& connection, long long account_id, std::string_view token_hash, long long now);

}  // namespace youhao::calendar
