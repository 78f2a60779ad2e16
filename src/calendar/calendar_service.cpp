#include "calendar/calendar_service.h"

#include <utility>

#include "calendar/calendar_repository.h"
#include "calendar/feed_policy.h"
#include "calendar/icalendar.h"
#include "core/random.h"

namespace youhao::calendar {

namespace {

/// Subscribed calendars fetch again after this many minutes.
constexpr int kRefreshMinutes = 60;
/// Random bytes of a token (base64url, 32 characters).
constexpr std::size_t kTokenBytes = 24;

std::string Write(std::string name, const std::vector<FeedEvent>& events, const FeedOptions& options) {
  Calendar calendar;
  calendar.name = std::move(name);
  calendar.refresh_minutes = kRefreshMinutes;
  calendar.events.reserve(events.size());
  for (const FeedEvent& event : events) calendar.events.push_back(ToCalendarEvent(event, options));
  return WriteCalendar(calendar);
}

}  // namespace

CalendarEvent ToCalendarEvent(const FeedEvent& event, const FeedOptions& options) {
  CalendarEvent out;
  out.uid = event.uid;
  out.sequence = event.sequence;
  out.status = StatusFor(event.status, event.registration_status);
  out.created_at = event.created_at;
  out.updated_at = event.updated_at;
  out.starts_at = event.starts_at;
  out.ends_at = event.ends_at;
  out.summary = event.title;
  out.description = event.description;
  out.location = LocationOf(event.address, event.place_name, event.compound_name);
  out.lat = event.lat;
  out.lon = event.lon;
  out.has_geo = true;
  if (!options.event_url_prefix.empty()) out.url = options.event_url_prefix + std::to_string(event.id);
  if (!event.organiser_name.empty()) out.categories.push_back(event.organiser_name);
  return out;
}

FeedAnswer CalendarFeeds::AreaFeed(const areas::Area& area, const FeedOptions& options, const ClientHolds& holds,
                                   long long now) const {
  const FeedWindow window = WindowAround(now);
  const std::vector<std::string> ancestors = AncestorCodes(area.path);
  auto connection = database_.Acquire();
  FeedAnswer answer;
  answer.etag = FeedTag("a" + area.code + options.variant, AreaStamp(*connection, area.path, ancestors, window));
  if (holds && holds(answer.etag)) {
    answer.not_modified = true;
    return answer;
  }
  answer.body = Write(options.calendar_name, AreaEvents(*connection, area.path, ancestors, window), options);
  return answer;
}

core::Result<FeedAnswer> CalendarFeeds::EventFeed(long long event_id, const FeedOptions& options,
                                                  const ClientHolds& holds) const {
  auto connection = database_.Acquire();
  auto event = EventById(*connection, event_id);
  if (!event)
    return core::MakeProblem(core::ErrorCode::kNotFound, "", "calendar.no_such_event", "no event with this id");
  FeedAnswer answer;
  answer.etag = FeedTag("e" + std::to_string(event_id),
                        {.count = 1, .max_updated_at = event->updated_at, .sequence_sum = event->sequence});
  if (holds && holds(answer.etag)) {
    answer.not_modified = true;
    return answer;
  }
  std::string name = event->title;
  answer.body = Write(std::move(name), {*event}, options);
  return answer;
}

core::Result<FeedAnswer> CalendarFeeds::PersonalFeed(std::string_view token, const FeedOptions& options,
                                                     const ClientHolds& holds, long long now) const {
  auto connection = database_.Acquire();
  const auto stored = TokenByHash(*connection, keyring_.DigestsUnderEveryKey(kTokenDigestPurpose, token));
  if (!stored)
    return core::MakeProblem(core::ErrorCode::kNotFound, "", "calendar.no_such_feed",
                             "no calendar with this address: it was reset or revoked");
  const FeedWindow window = WindowAround(now);
  FeedAnswer answer;
  answer.etag = FeedTag("t" + std::to_string(stored->id) + options.variant,
                        RegisteredStamp(*connection, stored->account_id, window));
  if (holds && holds(answer.etag)) {
    answer.not_modified = true;
    return answer;
  }
  answer.body = Write(options.calendar_name, RegisteredEvents(*connection, stored->account_id, window), options);
  return answer;
}

TokenState CalendarTokens::State(long long account_id) const {
  auto connection = database_.Acquire();
  const auto live = LiveToken(*connection, account_id);
  if (!live) return {};
  return {.exists = true, .created_at = live->created_at};
}

NewToken CalendarTokens::Make(long long account_id, long long now) const {
  NewToken made{.token = core::RandomToken(kTokenBytes), .created_at = now};
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  RevokeTokens(*connection, account_id, now);
  InsertToken(*connection, account_id, keyring_.Digest(kTokenDigestPurpose, made.token), now);
  transaction.Commit();
  return made;
}

bool CalendarTokens::Revoke(long long account_id, long long now) const {
  auto connection = database_.Acquire();
  return RevokeTokens(*connection, account_id, now) > 0;
}

}  // namespace youhao::calendar
