// Calendar feeds (iCalendar, RFC 5545) over HTTP: an area's public feed, one event's, and a
// worker's personal feed behind a secret token, with the token's own routes. A feed answers 304
// to If-None-Match from one cheap query, without building the body.

#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "api/api_internal.h"
#include "api/endpoint.h"
#include "api/messages/catalogue.h"
#include "calendar/calendar_service.h"
#include "http/i18n.h"
#include "storage/database.h"

namespace youhao::api {

namespace {

namespace json = boost::json;

constexpr std::string_view kIcsSuffix = ".ics";

core::Error NoSuchFeed() {
  return core::MakeProblem(core::ErrorCode::kNotFound, "", "calendar.no_such_feed",
                           "no calendar with this address: it was reset or revoked");
}

calendar::FeedOptions OptionsFor(const Services& services, http::Lang lang, std::string name) {
  return {.calendar_name = std::move(name),
          .event_url_prefix = services.public_url + "/#/events/",
          .variant = lang == http::Lang::kEn ? "-en" : "-zh"};
}

/// The feed, or 304 when the client holds it; public feeds are cached by anyone for five
/// minutes, a personal one is private (RFC 9111 §5.2.2.7) and never stored by a shared cache.
http::Response FeedResponse(const calendar::FeedAnswer& answer, bool personal, std::string_view filename) {
  http::Response response;
  response.SetHeader("ETag", answer.etag);
  response.SetHeader("Cache-Control", personal ? "private, max-age=0, must-revalidate" : "public, max-age=300");
  response.SetHeader("Vary", "Accept-Language");
  if (answer.not_modified) {
    response.status = 304;
    response.content_type.clear();
    return response;
  }
  response.content_type = "text/calendar; charset=utf-8";
  response.SetHeader("Content-Disposition", fmt::format("inline; filename=\"{}\"", filename));
  response.body = answer.body;
  return response;
}

calendar::ClientHolds HoldsFrom(const http::Request& request) {
  const auto header = request.Header("if-none-match");
  return [header](std::string_view etag) { return EtagMatches(header, etag); };
}

std::string AreaName(const areas::Area& area, http::Lang lang) {
  return lang == http::Lang::kEn && !area.name_en.empty() ? area.name_en : area.name_zh;
}

/// webcal:// for calendar apps (the same URL with the scheme replaced).
std::string Webcal(std::string_view url) {
  const std::size_t scheme = url.find("://");
  return scheme == std::string_view::npos ? std::string(url) : "webcal" + std::string(url.substr(scheme));
}

std::string PersonalUrl(const Services& services, std::string_view token) {
  return fmt::format("{}/api/v1/calendar/{}.ics", services.public_url, token);
}

/// The area feeds a worker may subscribe to: their own area and the areas it lies in, nearest first.
json::array AreaFeedsOf(const Services& services, const accounts::Principal& caller, http::Lang lang) {
  json::array feeds;
  const auto own = services.areas.Find(caller.area_code);
  if (!own) return feeds;
  std::vector<areas::Area> chain = services.areas.Ancestors(*own);
  chain.insert(chain.begin(), *own);
  std::sort(chain.begin(), chain.end(), [](const auto& a, const auto& b) { return a.path.size() > b.path.size(); });
  for (const areas::Area& area : chain) {
    const std::string url = fmt::format("{}/api/v1/events.ics?area={}", services.public_url, area.code);
    feeds.push_back(json::object{{"code", area.code},
                                 {"name", AreaName(area, lang)},
                                 {"level", areas::LevelName(area.level)},
                                 {"url", url},
                                 {"webcal_url", Webcal(url)}});
  }
  return feeds;
}

}  // namespace

void RegisterCalendarRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;
  const auto feeds = [&services]() { return Take(Enabled(services.calendar_feeds, "calendars")); };
  const auto tokens = [&services]() { return Take(Enabled(services.calendar_tokens, "calendars")); };

  Declare(router, services, {http::Method::kGet, "/api/v1/events.ics", audience::kAnyone},
          [&services, feeds](Call& call) {
            const http::Lang lang = http::PreferredLang(call.request);
            const auto code = call.request.QueryParam("area");
            if (!code || code->empty())
              return http::Problem(core::MakeProblem(core::ErrorCode::kBadRequest, "", "calendar.area_required",
                                                     "name the area: events.ics?area=CODE"));
            const auto area = services.areas.Find(*code);
            if (!area)
              return http::Problem(core::MakeProblem(core::ErrorCode::kNotFound, "", "calendar.no_such_area",
                                                     "no area with this code", {{"area", *code}}));
            const auto options =
                OptionsFor(services, lang, Words("calendar.area_feed_name", lang, {{"area", AreaName(*area, lang)}}));
            const auto answer = feeds()->AreaFeed(*area, options, HoldsFrom(call.request), storage::NowSeconds());
            return FeedResponse(answer, false, fmt::format("events-{}.ics", area->code));
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/events/{id}/event.ics", audience::kAnyone},
          [&services, feeds](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            const auto options = OptionsFor(services, http::PreferredLang(call.request), "");
            const auto answer = Take(feeds()->EventFeed(id, options, HoldsFrom(call.request)));
            return FeedResponse(answer, false, fmt::format("event-{}.ics", id));
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/calendar/{token}", audience::kAnyone},
          [&services, feeds](Call& call) {
            std::string_view token = call.request.PathParam("token");
            if (!token.ends_with(kIcsSuffix)) return http::Problem(NoSuchFeed());
            token.remove_suffix(kIcsSuffix.size());
            const http::Lang lang = http::PreferredLang(call.request);
            const auto options = OptionsFor(services, lang, Words("calendar.personal_feed_name", lang));
            const auto answer =
                Take(feeds()->PersonalFeed(token, options, HoldsFrom(call.request), storage::NowSeconds()));
            return FeedResponse(answer, true, "my-events.ics");
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/me/calendar-token", audience::kWorkers},
          [&services, tokens](Call& call) {
            const auto state = tokens()->State(call.caller().account_id);
            json::object body{{"exists", state.exists},
                              {"created_at", state.exists ? json::value(state.created_at) : json::value(nullptr)},
                              {"area_feeds", AreaFeedsOf(services, call.caller(), http::PreferredLang(call.request))}};
            return http::Json(200, body);
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/me/calendar-token", audience::kWorkers},
          [&services, tokens](Call& call) {
            const auto made = tokens()->Make(call.caller().account_id, storage::NowSeconds());
            const std::string url = PersonalUrl(services, made.token);
            json::object body{{"exists", true},
                              {"created_at", made.created_at},
                              {"token", made.token},
                              {"url", url},
                              {"webcal_url", Webcal(url)}};
            http::Response response = http::Json(201, body);
            response.SetHeader("Cache-Control", "no-store");
            return response;
          });

  Declare(router, services, {http::Method::kDelete, "/api/v1/me/calendar-token", audience::kWorkers},
          [tokens](Call& call) {
            tokens()->Revoke(call.caller().account_id, storage::NowSeconds());
            return http::Empty(204);
          });
}

}  // namespace youhao::api
