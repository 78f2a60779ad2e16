// Worker reports: submission with photos and "me too", the chain's actions, lists for staff,
// and the live event stream the reporter watches.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "api/api_internal.h"
#include "api/messages/catalogue.h"
#include "core/json_output.h"
#include "core/text.h"
#include "http/i18n.h"
#include "http/json_body.h"
#include "media/image_sanitizer.h"
#include "media/thumbnail.h"
#include "reports/report_service.h"
#include "schedule/clock.h"

namespace youhao::api {
namespace {

namespace json = boost::json;
using core::ErrorCode;
using core::MakeError;
using reports::Report;

constexpr std::size_t kMaxPhotoBytes = std::size_t{8} * 1024 * 1024;

core::Result<reports::ReportService*> ReportsOf(Services& services) { return Enabled(services.reports, "reports"); }

/// A photo's URL carries its public id, never its row.
std::string PhotoUrl(std::string_view public_id) { return fmt::format("/api/v1/report-photos/{}", public_id); }

/// The report service and the `{id}` of the path, or the problem to answer.
core::Result<std::pair<reports::ReportService*, long long>> ReportTarget(Services& services,
                                                                         const http::Request& request) {
  auto service = ReportsOf(services);
  if (!service.ok()) return service.error();
  auto id = IdParam(request, "id");
  if (!id.ok()) return id.error();
  return std::make_pair(*service, *id);
}

}  // namespace

json::object AcceptorJson(const reports::Acceptor& acceptor, http::Lang lang) {
  return {{"kind", reports::AcceptorKindName(acceptor.kind)},
          {"kind_label", reports::AcceptorKindLabelZh(acceptor.kind)},
          {"code", acceptor.code},
          {"name", acceptor.name},
          {"rule_id", acceptor.rule_id ? json::value(*acceptor.rule_id) : json::value(nullptr)},
          {"reason", acceptor.why.empty() ? acceptor.reason : AcceptanceReason(acceptor.why, lang)}};
}

json::object ReportJson(Services& services, const Report& report, const accounts::Principal* caller, long long now,
                        http::Lang lang) {
  json::array photos;
  json::array thumbnails;
  for (const std::string& photo : report.photos) {
    photos.push_back(json::string(PhotoUrl(photo)));
    thumbnails.push_back(json::string(PhotoUrl(photo) + "?size=thumb"));
  }
  json::array steps;
  for (const reports::Step& step : report.steps) {
    const bool staff_actor = step.actor_role != "worker";
    steps.push_back({{"status", reports::StatusName(step.status)},
                     {"status_label", reports::StatusLabelZh(step.status)},
                     {"at", schedule::BeijingIso8601(step.at)},
                     {"actor", staff_actor ? json::value(json::string(step.actor_login))
                                           : json::value(json::string(core::MaskName(report.reporter_name)))},
                     {"role", step.actor_role},
                     {"note", StepNoteWords(step.note, lang)},
                     {"photo", step.photo ? json::value(json::string(PhotoUrl(*step.photo))) : json::value(nullptr)}});
  }
  const bool open = reports::IsOpen(report.status);
  const auto level = reports::EscalationOf(report.status, report.created_at, report.due_at, now);
  const bool overdue = level != reports::Escalation::kNone;
  json::value escalation = nullptr;
  if (overdue) escalation = level == reports::Escalation::kDistrict ? "district" : "street";
  json::object area{{"code", report.area_code}, {"name", ""}};
  if (auto found = services.areas.Find(report.area_code)) area["name"] = found->name_zh;
  json::value compound = nullptr;
  if (report.compound_code) {
    json::object c{{"code", *report.compound_code}, {"name", ""}};
    if (auto found = services.areas.Find(*report.compound_code)) c["name"] = found->name_zh;
    compound = std::move(c);
  }
  json::array can;
  if (caller != nullptr) {
    for (reports::Action action : reports::Allowed(report, *caller))
      can.push_back(json::string(reports::ActionName(action)));
  }
  json::value assignee = nullptr;
  if (report.assignee_kind && report.assignee)
    assignee = json::object{{"kind", *report.assignee_kind}, {"name", *report.assignee}};
  return {
      {"id", report.id},
      {"category", reports::CategoryName(report.category)},
      {"category_label", reports::CategoryLabelZh(report.category)},
      {"status", reports::StatusName(report.status)},
      {"status_label", reports::StatusLabelZh(report.status)},
      {"open", open},
      {"description", report.description},
      {"lat", std::round(report.lat * 1e6) / 1e6},
      {"lon", std::round(report.lon * 1e6) / 1e6},
      {"address", report.address},
      {"area", std::move(area)},
      {"compound", std::move(compound)},
      {"difficulty", report.difficulty ? json::value(json::string(reports::DifficultyName(*report.difficulty)))
                                       : json::value(nullptr)},
      {"photos", std::move(photos)},
      {"thumbnails", std::move(thumbnails)},
      {"me_too", report.me_too},
      {"reporter",
       {{"masked_name", core::MaskName(report.reporter_name)},
        {"kind", report.reporter_kind ? json::value(json::string(*report.reporter_kind)) : json::value(nullptr)},
        {"grid_reporter", report.grid_reporter}}},
      {"source", report.source.starts_with("open311") ? "open311" : "app"},
      {"acceptor", report.acceptor ? json::value(AcceptorJson(*report.acceptor, lang)) : json::value(nullptr)},
      {"assignee", std::move(assignee)},
      {"close_reason", report.close_reason ? json::value(json::string(reports::CloseReasonName(*report.close_reason)))
                                           : json::value(nullptr)},
      {"due_at", schedule::BeijingIso8601(report.due_at)},
      {"overdue", overdue},
      {"escalation", std::move(escalation)},
      {"created_at", schedule::BeijingIso8601(report.created_at)},
      {"updated_at", schedule::BeijingIso8601(report.updated_at)},
      {"steps", std::move(steps)},
      {"can", std::move(can)}};
}

namespace {

/// Sends the report again whenever a step is added (woken by the event bus).
class ReportEvents : public http::EventSource {
 public:
  ReportEvents(Services& services, accounts::Principal caller, long long id, long long seen)
      : services_(services), caller_(std::move(caller)), id_(id), seen_(seen) {
    // Steps made by this server wake the stream at once; the slow poll catches other servers'.
    if (services_.events != nullptr) poll_seconds = 10;
  }

  std::shared_ptr<void> Subscribe(std::function<void()> wake) override {
    if (services_.events == nullptr) return nullptr;
    return services_.events->Subscribe(reports::ReportTopic(id_), std::move(wake));
  }

  std::optional<std::string> Poll() override {
    const long long count = services_.reports->StepCount(id_);
    if (count < 0) return std::nullopt;
    if (count <= seen_) return std::string();
    auto report = services_.reports->Get(&caller_, id_);
    if (!report.ok()) return std::nullopt;  // no longer visible
    std::string events = Events(services_, *report, caller_, seen_);
    seen_ = count;
    return events;
  }

  /// One event per step after `seen`, even when several happened within a poll: each shows the
  /// report as it stood after that step (its status and the steps so far).
  static std::string Events(Services& services, const Report& report, const accounts::Principal& caller,
                            long long seen) {
    std::string out;
    const long long now = storage::NowSeconds();
    const auto steps = static_cast<long long>(report.steps.size());
    for (long long k = std::max(seen + 1, steps > 0 ? 1LL : 0LL); k <= steps; ++k) {
      Report at_step = report;
      at_step.steps.resize(static_cast<std::size_t>(k));
      if (k < steps) {
        at_step.status = at_step.steps.back().status;
        at_step.step_count = k;
      }
      json::object body = ReportJson(services, at_step, &caller, now);
      if (k < steps) body["can"] = json::array();  // actions are offered for the current state only
      fmt::format_to(std::back_inserter(out), "id: {}\nevent: step\ndata: {}\n\n", k, core::SerializeJson(body));
    }
    return out;
  }

 private:
  Services& services_;
  accounts::Principal caller_;
  long long id_;
  long long seen_;
};

/// A caller's inbox as its event stream and its JSON form say it.
json::object InboxJson(const reports::InboxState& state) {
  return {{"unread", state.unread}, {"latest", state.latest}};
}

/// Sends `event: inbox` {unread, latest} whenever the caller's inbox changes: a notification
/// arrives or some of them are read (woken by the event bus; a slow poll catches the rest).
class InboxEvents : public http::EventSource {
 public:
  InboxEvents(Services& services, std::string login, reports::InboxState sent)
      : services_(services), login_(std::move(login)), sent_(sent) {
    // Notifications written by this server wake the stream at once; the poll catches other
    // servers' and any writer that does not wake it.
    poll_seconds = services_.events != nullptr ? 10 : 2;
  }

  std::shared_ptr<void> Subscribe(std::function<void()> wake) override {
    if (services_.events == nullptr) return nullptr;
    return services_.events->Subscribe(reports::InboxTopic(login_), std::move(wake));
  }

  std::optional<std::string> Poll() override {
    const reports::InboxState now = services_.notifications->State(login_);
    if (now == sent_) return std::string();
    sent_ = now;
    return Event(now);
  }

  static std::string Event(const reports::InboxState& state) {
    return fmt::format("id: {}\nevent: inbox\ndata: {}\n\n", state.latest, core::SerializeJson(InboxJson(state)));
  }

 private:
  Services& services_;
  std::string login_;
  reports::InboxState sent_;
};

core::Result<reports::ReportInput> ReportInputOf(const json::object& body) {
  reports::ReportInput input;
  const auto category = reports::ParseCategory(body.at("category").as_string());
  if (!category) return MakeError(ErrorCode::kValidationFailed, "category: unknown category");
  input.category = *category;
  input.description = std::string(core::Trim(core::StringOr(body, "description")));
  input.lat = body.at("lat").to_number<double>();
  input.lon = body.at("lon").to_number<double>();
  input.address = std::string(core::Trim(core::StringOr(body, "address")));
  if (const auto text = core::StringOr(body, "difficulty"); !text.empty()) {
    input.difficulty = reports::ParseDifficulty(text);
    if (!input.difficulty)
      return MakeError(ErrorCode::kValidationFailed, "difficulty: cannot_enter, no_parking or rude_treatment");
  }
  if (const auto* photos = body.if_contains("photo_ids")) {
    for (const json::value& id : photos->as_array()) {
      if (!id.is_int64() || id.as_int64() <= 0)
        return MakeError(ErrorCode::kValidationFailed, "photo_ids: positive integers");
      input.photo_ids.push_back(id.as_int64());
    }
  }
  input.client_id = std::string(core::StringOr(body, "client_id"));
  if (const auto* join = body.if_contains("join")) input.join = join->as_int64();
  return input;
}

constexpr core::FieldSpec kReportFields[] = {
    {"category", core::FieldType::kString, true, 20},
    {"description", core::FieldType::kString, false, 500, true},
    {"lat", core::FieldType::kNumber, true},
    {"lon", core::FieldType::kNumber, true},
    {"address", core::FieldType::kString, false, 120, true},
    {"difficulty", core::FieldType::kString, false, 20},
    {"photo_ids", core::FieldType::kArray},
    {"client_id", core::FieldType::kString, false, 64},
    {"join", core::FieldType::kInteger},
};

constexpr core::FieldSpec kActionFields[] = {
    {"action", core::FieldType::kString, true, 20},  {"note", core::FieldType::kString, false, 500, true},
    {"assignee", core::FieldType::kObject},          {"photo_id", core::FieldType::kInteger},
    {"reason", core::FieldType::kString, false, 20},
};

constexpr core::FieldSpec kMarkReadFields[] = {{"up_to", core::FieldType::kInteger}};

}  // namespace

void RegisterReportRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;
  Declare(
      router, services, {http::Method::kGet, "/api/v1/notifications", audience::kSignedIn}, [&services](Call& call) {
        const http::Request& request = call.request;
        Take(ReportsOf(services));
        auto [items, unread] =
            services.notifications->List(call.caller().login, request.QueryParam("unread").value_or("") == "true");
        json::array out;
        const http::Lang lang = http::PreferredLang(request);
        for (const auto& item : items) {
          const http::Message* words = item.kind.empty() ? nullptr : LookupMessage("notifications." + item.kind);
          out.push_back({{"id", item.id},
                         {"report_id", item.report_id ? json::value(*item.report_id) : json::value(nullptr)},
                         {"kind", item.kind.empty() ? json::value(nullptr) : json::value(item.kind)},
                         {"message", words != nullptr ? http::FillFields(words->In(lang), item.fields) : item.message},
                         {"at", schedule::BeijingIso8601(item.at)},
                         {"read", item.read}});
        }
        return http::Json(200, json::object{{"unread", unread}, {"items", std::move(out)}});
      });

  Declare(router, services,
          {.method = http::Method::kPost,
           .pattern = "/api/v1/notifications/read",
           .audience = audience::kSignedIn,
           .body = kMarkReadFields,
           .body_optional = true},
          [&services](Call& call) {
            Take(ReportsOf(services));
            std::optional<long long> up_to;
            if (const auto* value = call.body.if_contains("up_to")) up_to = value->as_int64();
            return http::Json(200, json::object{{"marked", services.notifications->MarkRead(call.caller().login, up_to,
                                                                                            storage::NowSeconds())}});
          });

  // The bell's live count: a stream for an EventSource (Accept: text/event-stream), else the state
  // once as JSON (the bell's fallback poll).
  Declare(router, services, {http::Method::kGet, "/api/v1/notifications/events", audience::kSignedIn},
          [&services](Call& call) {
            Take(ReportsOf(services));
            const std::string& login = call.caller().login;
            const reports::InboxState state = services.notifications->State(login);
            const auto accept = call.request.Header("accept");
            if (!accept || accept->find("text/event-stream") == std::string_view::npos) {
              return http::Json(200, InboxJson(state));
            }
            http::Response response;
            response.content_type = "text/event-stream";
            response.events = std::make_shared<InboxEvents>(services, login, state);
            response.body = "retry: 3000\n\n" + InboxEvents::Event(state);
            return response;
          });

  // Before /reports/{id}, which would take "stats" for an id.
  Declare(
      router, services, {http::Method::kGet, "/api/v1/reports/stats", audience::kOfficers}, [&services](Call& call) {
        const http::Request& request = call.request;
        Take(ReportsOf(services));
        auto area = Take(ScopedArea(request, call.caller(), services.areas));
        const long long now = storage::NowSeconds();
        long long from = now - 365 * 86400LL, to = now;
        for (auto [name, target] : {std::pair{"from", &from}, std::pair{"to", &to}}) {
          if (auto text = request.QueryParam(name); text && !text->empty()) {
            auto moment = schedule::ParseMoment(*text);
            if (!moment)
              return http::Problem(MakeError(ErrorCode::kValidationFailed,
                                             fmt::format("{}: an ISO 8601 time with offset or Unix seconds", name)));
            *target = *moment;
          }
        }
        if (to < from || to - from > 2LL * 366 * 86400) {
          return http::Problem(
              MakeError(ErrorCode::kValidationFailed, "from/to: a range of at most two years, from before to"));
        }
        const auto started = std::chrono::steady_clock::now();
        const auto stats = services.report_stats->For(area, from, to, now);
        const auto pairs = [](const std::vector<std::pair<std::string, long long>>& items, std::string_view key) {
          json::array out;
          for (const auto& [name, count] : items) out.push_back({{key, name}, {"count", count}});
          return out;
        };
        json::array by_area;
        for (const auto& row : stats.by_area) {
          json::object item{
              {"code", row.code},
              {"name", ""},
              {"total", row.total},
              {"open", row.open},
              {"overdue", row.overdue},
              {"resolved", row.resolved},
              {"median_hours_to_resolve",
               row.median_hours_to_resolve ? json::value(*row.median_hours_to_resolve) : json::value(nullptr)}};
          if (auto found = services.areas.Find(row.code)) item["name"] = found->name_zh;
          by_area.push_back(std::move(item));
        }
        return http::Json(
            200,
            json::object{
                {"area", AreaJson(area)},
                {"from", schedule::BeijingIso8601(from)},
                {"to", schedule::BeijingIso8601(to)},
                {"total", stats.total},
                {"open", stats.open},
                {"overdue", stats.overdue},
                {"median_hours_to_resolve",
                 stats.median_hours_to_resolve ? json::value(*stats.median_hours_to_resolve) : json::value(nullptr)},
                {"min_resolved_to_rank", reports::ReportStatistics::kMinResolvedToRank},
                {"by_category", pairs(stats.by_category, "category")},
                {"by_status", pairs(stats.by_status, "status")},
                {"by_month", pairs(stats.by_month, "month")},
                {"by_area", std::move(by_area)},
                {"elapsed_ms",
                 std::round(
                     std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count() *
                     10) /
                     10}});
      });

  Declare(router, services,
          {.method = http::Method::kPost,
           .pattern = "/api/v1/report-photos",
           .audience = audience::kReportParties,
           .options = {.upload = true}},
          [&services](Call& call) {
            const http::Request& request = call.request;
            auto service = Take(ReportsOf(services));
            if (request.body.size() > kMaxPhotoBytes)
              return http::Problem(MakeError(ErrorCode::kBodyTooLarge, "a photo must be at most 8 MiB"));
            // Refused by a declared type that is not an image, else recognised by content and
            // rebuilt from its pixels before anything is stored.
            auto image = Take(media::SanitizeUpload(request.Header("content-type"), request.body));
            // Decoding it for the thumbnail also proves the pixels are readable, not only the structure.
            auto thumbnail = Take(media::MakeThumbnail(image.bytes));
            auto stored = Take(
                service->AddPhoto(call.caller(), image.content_type, image.bytes, thumbnail, storage::NowSeconds()));
            // `id` is what a report's photo_ids (and a resolution's photo_id) name; only the uploader learns it.
            return http::Json(201, json::object{{"id", stored.id}, {"url", PhotoUrl(stored.public_id)}});
          });

  Declare(
      router, services, {http::Method::kGet, "/api/v1/report-photos/{id}", audience::kAnyoneSignedInSeesMore},
      [&services](Call& call) {
        const http::Request& request = call.request;
        auto service = Take(ReportsOf(services));
        const auto size = request.QueryParam("size");
        if (size && *size != "thumb" && *size != "full") {
          return http::Problem(MakeError(ErrorCode::kValidationFailed, "size: thumb or full"));
        }
        // By public id only: a row number finds nothing.
        return PhotoResponse(Take(service->Photo(request.PathParam("id"), call.principal, size && *size == "thumb")));
      });

  Declare(router, services, {http::Method::kPost, "/api/v1/reports", audience::kWorkers, kReportFields},
          [&services](Call& call) {
            auto service = Take(ReportsOf(services));
            auto input = Take(ReportInputOf(call.body));
            const long long now = storage::NowSeconds();
            auto report = Take(service->Submit(call.caller(), input, now));
            return http::Json(input.join ? 200 : 201,
                              ReportJson(services, report, call.principal, now, http::PreferredLang(call.request)));
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/reports", audience::kSignedIn}, [&services](Call& call) {
    const http::Request& request = call.request;
    auto service = Take(ReportsOf(services));
    auto queue = Take(reports::QueueFor(call.caller(), request.QueryParam("mine").value_or("") == "1"));
    reports::ReportService::Filter filter;
    filter.reporter_account_id = queue.reporter_account_id;
    filter.routed_to_account = queue.routed_to_account;
    filter.routed_to_compound = queue.routed_to_compound;
    filter.taken_up_by = queue.taken_up_by.value_or("");
    filter.include_private = queue.include_private;
    if (queue.by_area) {
      auto area = Take(ScopedArea(request, call.caller(), services.areas));
      filter.area_path = area.path;
    }
    if (auto text = request.QueryParam("status"); text && !text->empty()) {
      if (*text == "open" || *text == "closed") {
        filter.open = *text == "open";
      } else {
        filter.status = reports::ParseStatus(*text);
        if (!filter.status)
          return http::Problem(MakeError(ErrorCode::kValidationFailed, "status: a status name, open or closed"));
      }
    }
    if (auto text = request.QueryParam("category"); text && !text->empty()) {
      filter.category = reports::ParseCategory(*text);
      if (!filter.category) return http::Problem(MakeError(ErrorCode::kValidationFailed, "category: unknown category"));
    }
    for (auto [name, target] : {std::pair{"from", &filter.from}, std::pair{"to", &filter.to}}) {
      if (auto text = request.QueryParam(name); text && !text->empty()) {
        *target = schedule::ParseMoment(*text);
        if (!*target)
          return http::Problem(MakeError(ErrorCode::kValidationFailed,
                                         fmt::format("{}: an ISO 8601 time with offset or Unix seconds", name)));
      }
    }
    if (auto text = request.QueryParam("cursor"); text && !text->empty()) {
      auto cursor = core::ParseNonNegativeInteger(*text);
      if (!cursor)
        return http::Problem(MakeError(ErrorCode::kValidationFailed, "cursor: the next_cursor of the previous page"));
      filter.before_id = *cursor;
    }
    if (auto text = request.QueryParam("limit"); text && !text->empty()) {
      auto limit = core::ParseNonNegativeInteger(*text);
      if (!limit || *limit < 1 || *limit > 200)
        return http::Problem(MakeError(ErrorCode::kValidationFailed, "limit: 1–200"));
      filter.limit = static_cast<int>(*limit);
    }
    const long long now = storage::NowSeconds();
    json::array list;
    const auto found = service->List(filter, true);
    for (const Report& report : found)
      list.push_back(ReportJson(services, report, call.principal, now, http::PreferredLang(request)));
    json::value next = nullptr;
    if (static_cast<int>(found.size()) == filter.limit) next = json::string(std::to_string(found.back().id));
    return http::Json(200, json::object{{"reports", std::move(list)}, {"next_cursor", std::move(next)}});
  });

  Declare(router, services, {http::Method::kGet, "/api/v1/reports/{id}", audience::kReportParties},
          [&services](Call& call) {
            auto target = Take(ReportTarget(services, call.request));
            const auto [service, id] = target;
            auto report = Take(service->Get(call.principal, id));
            return http::Json(200, ReportJson(services, report, call.principal, storage::NowSeconds(),
                                              http::PreferredLang(call.request)));
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/reports/{id}/events", audience::kReportParties},
          [&services](Call& call) {
            auto target = Take(ReportTarget(services, call.request));
            const auto [service, id] = target;
            const accounts::Principal& caller = call.caller();
            auto report = Take(service->Get(&caller, id));
            // A reconnecting EventSource says which step it saw last; a new one gets the report now.
            long long seen = 0;
            if (auto last = call.request.Header("last-event-id"))
              seen = core::ParseNonNegativeInteger(*last).value_or(0);
            http::Response response;
            response.content_type = "text/event-stream";
            response.events = std::make_shared<ReportEvents>(services, caller, id, report.step_count);
            response.body = "retry: 2000\n\n";
            response.body += ReportEvents::Events(services, report, caller, std::max(seen, report.step_count - 1));
            return response;
          });

  Declare(
      router, services, {http::Method::kPost, "/api/v1/reports/{id}/actions", audience::kReportParties, kActionFields},
      [&services](Call& call) {
        auto target = Take(ReportTarget(services, call.request));
        const auto [service, id] = target;
        const accounts::Principal& caller = call.caller();
        const json::object& body = call.body;
        const auto action = reports::ParseAction(body.at("action").as_string());
        if (!action)
          return http::Problem(MakeError(ErrorCode::kValidationFailed,
                                         "action: accept, dispatch, start, resolve, confirm, reopen or close"));
        std::optional<std::string> assignee_kind, assignee;
        if (const auto* object = body.if_contains("assignee")) {
          const json::object& a = object->as_object();
          const auto* kind = a.if_contains("kind");
          const auto* who = a.if_contains("login") != nullptr ? a.if_contains("login") : a.if_contains("name");
          if (kind == nullptr || !kind->is_string() || who == nullptr || !who->is_string() ||
              who->as_string().size() > 60) {
            return http::Problem(MakeError(ErrorCode::kValidationFailed,
                                           "assignee: {kind: officer, login} or {kind: department, name}"));
          }
          assignee_kind = std::string(kind->as_string());
          assignee = std::string(who->as_string());
        }
        std::optional<long long> photo_id;
        if (const auto* photo = body.if_contains("photo_id")) photo_id = photo->as_int64();
        std::optional<reports::CloseReason> reason;
        if (const auto text = core::StringOr(body, "reason"); !text.empty()) {
          reason = reports::ParseCloseReason(text);
          if (!reason)
            return http::Problem(MakeError(ErrorCode::kValidationFailed, "reason: duplicate, not_ours or referred"));
        }
        const long long now = storage::NowSeconds();
        auto report = Take(service->Act(caller, id, *action, std::string(core::StringOr(body, "note")), assignee_kind,
                                        assignee, photo_id, reason, now));
        return http::Json(200, ReportJson(services, report, &caller, now, http::PreferredLang(call.request)));
      });
}

}  // namespace youhao::api
