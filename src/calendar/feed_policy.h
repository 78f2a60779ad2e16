#pragma once
/// The calendar feeds' rules, as pure functions: which days a feed covers, its ETag, which areas'
/// events an area's feed carries, what status a subscriber sees and where an event is.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/icalendar.h"

namespace youhao::calendar {

/// A feed covers events starting from 30 days ago to a year ahead.
inline constexpr long long kFeedDaysBack = 30;
inline constexpr long long kFeedDaysAhead = 366;
/// The most ancestors an area has (city, district, street, community, compound, building).
inline constexpr std::size_t kMaxAncestors = 6;

struct FeedWindow {
  long long from = 0;  ///< inclusive
  long long to = 0;    ///< exclusive
};
FeedWindow WindowAround(long long now);

/// What a feed's answer depends on, read with one cheap query.
struct FeedStamp {
  long long count = 0;
  long long max_updated_at = 0;
  /// Every change of an event raises its SEQUENCE: two changes within one second still differ.
  long long sequence_sum = 0;
  /// The personal feed: the newest change of the worker's registrations (0 for others).
  long long max_registration_updated_at = 0;
};

/// A strong ETag (quoted) for the feed of `scope` ("a110108", "t12", "e5"). Changes whenever an
/// event of the feed changes, one comes or goes, or the window moves past one.
std::string FeedTag(std::string_view scope, const FeedStamp& stamp);

/// The codes of the areas above the area with materialised `path` ("110000/110108/110108001/"),
/// without its own: an area's feed also carries the events of the areas it lies in.
std::vector<std::string> AncestorCodes(std::string_view path);

/// What a calendar shows: a cancelled event is CANCELLED; on a personal feed a place on the
/// waiting list or offered but not yet taken is TENTATIVE, a confirmed place CONFIRMED.
/// `registration_status` is empty for the public feeds.
EventStatus StatusFor(std::string_view event_status, std::string_view registration_status);

/// LOCATION: the address typed, else the friendly place's name, else the compound's name.
std::string LocationOf(std::string_view address, std::string_view place_name, std::string_view compound_name);

}  // namespace youhao::calendar
