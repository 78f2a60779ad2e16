#include "calendar/feed_policy.h"

#include <fmt/format.h>

namespace youhao::calendar {

namespace {
constexpr long long kDaySeconds = 24LL * 3600;
}  // namespace

FeedWindow WindowAround(long long now) {
  return {.from = now - kFeedDaysBack * kDaySeconds, .to = now + kFeedDaysAhead * kDaySeconds};
}

std::string FeedTag(std::string_view scope, const FeedStamp& stamp) {
  if (stamp.max_registration_updated_at == 0)
    return fmt::format("\"ics-{}-{}-{}-{}\"", scope, stamp.count, stamp.max_updated_at, stamp.sequence_sum);
  return fmt::format("\"ics-{}-{}-{}-{}-{}\"", scope, stamp.count, stamp.max_updated_at, stamp.sequence_sum,
                     stamp.max_registration_updated_at);
}

std::vector<std::string> AncestorCodes(std::string_view path) {
  std::vector<std::string> codes;
  while (!path.empty()) {
    const std::size_t slash = path.find('/');
    const std::string_view code = path.substr(0, slash);
    if (!code.empty()) codes.emplace_back(code);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  if (!codes.empty()) codes.pop_back();
  return codes;
}

EventStatus StatusFor(std::string_view event_status, std::string_view registration_status) {
  if (event_status == "cancelled") return EventStatus::kCancelled;
  if (registration_status == "offered" || registration_status == "waiting") return EventStatus::kTentative;
  // A registration cancelled because of the event, for an event scheduled again, stays a cancellation.
  if (registration_status == "cancelled") return EventStatus::kCancelled;
  return EventStatus::kConfirmed;
}

std::string LocationOf(std::string_view address, std::string_view place_name, std::string_view compound_name) {
  if (!address.empty()) return std::string(address);
  if (!place_name.empty()) return std::string(place_name);
  return std::string(compound_name);
}

}  // namespace youhao::calendar
