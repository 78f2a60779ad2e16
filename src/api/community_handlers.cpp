// What communities run beside the report chain: who accepts which reports, the roaming grid
// reporters they appoint, and the conduct records guards keep per platform.
#include <boost/json/object.hpp>

#include <algorithm>

#include <fmt/format.h>

#include "api/api_internal.h"
#include "api/messages/catalogue.h"
#include "conduct/conduct_service.h"
#include "core/json_output.h"
#include "core/text.h"
#include "http/json_body.h"
#include "reports/grid_reporters.h"
#include "schedule/clock.h"

namespace youhao::api {
namespace {

namespace json = boost::json;
using core::ErrorCode;
using core::MakeError;

json::value OptionalTime(const std::optional<long long>& at) {
  return at ? json::value(schedule::BeijingIso8601(*at)) : json::value(nullptr);
}

json::array CountsJson(const std::vector<std::pair<std::string, long long>>& counts, std::string_view key) {
  json::array out;
  for (const auto& [name, count] : counts) out.push_back({{key, name}, {"count", count}});
  return out;
}

json::object GridReporterJson(const reports::GridReporter& reporter, long long now) {
  return {{"id", reporter.id},
          {"worker_id", reporter.worker_id},
          {"worker_name", core::MaskName(reporter.worker_name)},
          {"worker_phone", reporter.worker_phone_masked},
          {"platform", reporter.platform},
          {"area", {{"code", reporter.area_code}, {"name", reporter.area_name}}},
          {"term_start", reporter.term_start},
          {"term_end", reporter.term_end},
          {"appointed_by", reporter.appointed_by},
          {"appointed_at", schedule::BeijingIso8601(reporter.appointed_at)},
          {"ended_at", OptionalTime(reporter.ended_at)},
          {"active", reporter.ActiveOn(schedule::BeijingDate(now))}};
}

json::object ConductJson(const conduct::ConductRecord& record) {
  return {{"id", record.id},
          {"compound", {{"code", record.compound_code}, {"name", record.compound_name}}},
          {"platform", record.platform},
          {"kind", conduct::MisconductName(record.kind)},
          {"kind_label", conduct::MisconductLabelZh(record.kind)},
          {"note", record.note},
          {"rider_hint", record.rider_hint},
          {"at", schedule::BeijingIso8601(record.at)},
          {"month", record.month},
          {"recorded_by", record.recorded_by},
          {"recorder_role", record.recorder_role}};
}

/// The enabled service and the `area` of the query (default: the caller's own).
template <typename Service>
struct AreaCall {
  Service* service;
  areas::Area area;
};
template <typename Service>
core::Result<AreaCall<Service>> AreaTarget(Service* service, std::string_view what, Services& services,
                                           const Call& call) {
  auto enabled = Enabled(service, what);
  if (!enabled.ok()) return enabled.error();
  auto area = ScopedArea(call.request, call.caller(), services.areas);
  if (!area.ok()) return area.error();
  return AreaCall<Service>{service, std::move(*area)};
}

/// The enabled service and the `{id}` of the path.
template <typename Service>
struct IdCall {
  Service* service;
  long long id;
};
template <typename Service>
core::Result<IdCall<Service>> IdTarget(Service* service, std::string_view what, const http::Request& request) {
  auto enabled = Enabled(service, what);
  if (!enabled.ok()) return enabled.error();
  auto id = IdParam(request, "id");
  if (!id.ok()) return id.error();
  return IdCall<Service>{service, *id};
}

/// `from`/`to` months from the query (or `month` for both); the current Beijing month by default.
std::pair<std::string, std::string> MonthParams(const http::Request& request, long long now) {
  const std::string current = schedule::BeijingDate(now).substr(0, 7);
  auto from = request.QueryParam("from");
  auto to = request.QueryParam("to");
  auto month = request.QueryParam("month");
  if (month && !month->empty()) return {std::string(*month), std::string(*month)};
  const bool has_from = from && !from->empty(), has_to = to && !to->empty();
  // One end alone names a single month; `from` alone runs to this month.
  if (has_from && has_to) return {std::string(*from), std::string(*to)};
  if (has_to) return {std::string(*to), std::string(*to)};
  if (has_from) return {std::string(*from), std::max(std::string(*from), current)};
  return {current, current};
}

constexpr core::FieldSpec kAppointFields[] = {
    {"worker_id", core::FieldType::kInteger, true},
    {"area_code", core::FieldType::kString, true, 20},
    {"term_start", core::FieldType::kString, true, 10},
    {"term_end", core::FieldType::kString, true, 10},
};

constexpr core::FieldSpec kConductFields[] = {
    {"platform", core::FieldType::kString, true, 20},     {"kind", core::FieldType::kString, true, 30},
    {"note", core::FieldType::kString, false, 200, true}, {"rider_hint", core::FieldType::kString, false, 40, true},
    {"at", core::FieldType::kString, false, 40},          {"compound_code", core::FieldType::kString, false, 20},
};

constexpr core::FieldSpec kRuleFields[] = {
    {"area_code", core::FieldType::kString, true, 20},    {"category", core::FieldType::kString, true, 20},
    {"acceptor", core::FieldType::kString, true, 20},     {"radius_metres", core::FieldType::kInteger, false},
    {"note", core::FieldType::kString, false, 200, true},
};

json::object RuleJson(const reports::AcceptanceRule& rule) {
  return {{"id", rule.id},
          {"area", {{"code", rule.area_code}, {"name", rule.area_name}}},
          {"category", rule.category ? json::string(reports::CategoryName(*rule.category)) : json::string("*")},
          {"category_label", rule.category ? std::string(reports::CategoryLabelZh(*rule.category))
                                           : Words("reports.category_all", http::Lang::kZhCn)},
          {"acceptor", reports::AcceptorKindName(rule.acceptor)},
          {"acceptor_label", reports::AcceptorKindLabelZh(rule.acceptor)},
          {"radius_metres", rule.radius_metres},
          {"note", rule.note},
          {"set_by", rule.created_by},
          {"set_at", schedule::BeijingIso8601(rule.created_at)}};
}

/// For each category, who accepts inside `area` and which rule (if any) decides it.
json::array EffectiveRulesJson(const std::vector<reports::AcceptanceRule>& rules, const areas::Area& area) {
  json::array out;
  for (const auto& [category, decision] : reports::EffectiveRules(rules, area.path)) {
    const reports::AcceptanceRule* rule = decision.rule;
    out.push_back(
        {{"category", reports::CategoryName(category)},
         {"category_label", reports::CategoryLabelZh(category)},
         {"acceptor", reports::AcceptorKindName(decision.acceptor)},
         {"acceptor_label", reports::AcceptorKindLabelZh(decision.acceptor)},
         {"radius_metres", decision.radius_metres},
         {"rule_id", rule != nullptr ? json::value(rule->id) : json::value(nullptr)},
         {"rule_area", rule != nullptr ? json::value(json::object{{"code", rule->area_code}, {"name", rule->area_name}})
                                       : json::value(nullptr)}});
  }
  return out;
}

}  // namespace

void RegisterCommunityRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;
  Declare(router, services, {http::Method::kGet, "/api/v1/acceptance-rules", audience::kReportHandlers},
          [&services](Call& call) {
            auto target = Take(AreaTarget(services.acceptance_rules, "acceptance rules", services, call));
            auto& [service, area] = target;
            const accounts::Principal& principal = call.caller();
            auto rules = Take(service->List(principal, area));
            json::array items;
            for (const auto& rule : rules) {
              json::object item = RuleJson(rule);
              // Rules of the areas above are shown, not changed, from here.
              item["inherited"] = rule.area_path.size() < area.path.size();
              item["editable"] = reports::MayEdit(rule, principal);
              items.push_back(std::move(item));
            }
            return http::Json(200, json::object{{"area", AreaJson(area)},
                                                {"rules", std::move(items)},
                                                {"effective", EffectiveRulesJson(rules, area)},
                                                {"default_radius_metres", reports::kDefaultStationRadiusMetres}});
          });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/acceptance-rules", audience::kCommunityOfficers, kRuleFields},
          [&services](Call& call) {
            auto service = Take(Enabled(services.acceptance_rules, "acceptance rules"));
            const json::object& body = call.body;
            reports::AcceptanceRuleInput input;
            input.area_code = std::string(body.at("area_code").as_string());
            if (const std::string_view category = body.at("category").as_string(); category != "*") {
              input.category = reports::ParseCategory(category);
              if (!input.category)
                return http::Problem(
                    MakeError(ErrorCode::kValidationFailed, "category: a category name, or * for every category"));
            }
            const auto acceptor = reports::ParseAcceptorKind(body.at("acceptor").as_string());
            if (!acceptor)
              return http::Problem(
                  MakeError(ErrorCode::kValidationFailed, "acceptor: nearest_station, community or property"));
            input.acceptor = *acceptor;
            if (const auto* radius = body.if_contains("radius_metres")) {
              input.radius_metres = static_cast<int>(
                  std::clamp<std::int64_t>(radius->as_int64(), 0, 1'000'000));  // the service checks the range
            }
            input.note = std::string(core::Trim(core::StringOr(body, "note")));
            auto rule = Take(service->Set(call.caller(), input, storage::NowSeconds()));
            return http::Json(200, RuleJson(rule));
          });

  // Before /acceptance-rules/{id}, which would take "preview" for an id.
  Declare(router, services, {http::Method::kGet, "/api/v1/acceptance-rules/preview", audience::kReportHandlers},
          [&services](Call& call) {
            const http::Request& request = call.request;
            auto service = Take(Enabled(services.reports, "reports"));
            auto lat = Take(NumberParam(request, "lat", -90, 90));
            auto lon = Take(NumberParam(request, "lon", -180, 180));
            const auto category = reports::ParseCategory(request.QueryParam("category").value_or(""));
            if (!category) return http::Problem(MakeError(ErrorCode::kValidationFailed, "category: a category name"));
            auto preview = Take(service->PreviewRoute(call.caller(), *category, lat, lon));
            json::value compound = nullptr;
            if (preview.compound) {
              json::object c{{"code", *preview.compound}, {"name", ""}};
              if (auto found = services.areas.Find(*preview.compound)) c["name"] = found->name_zh;
              compound = std::move(c);
            }
            json::object area{{"code", preview.area_code}, {"name", ""}};
            if (auto found = services.areas.Find(preview.area_code)) area["name"] = found->name_zh;
            return http::Json(200,
                              json::object{{"category", reports::CategoryName(*category)},
                                           {"area", std::move(area)},
                                           {"compound", std::move(compound)},
                                           {"acceptor", AcceptorJson(preview.acceptor, http::PreferredLang(request))}});
          });

  Declare(router, services, {http::Method::kDelete, "/api/v1/acceptance-rules/{id}", audience::kCommunityOfficers},
          [&services](Call& call) {
            auto target = Take(IdTarget(services.acceptance_rules, "acceptance rules", call.request));
            Take(target.service->Remove(call.caller(), target.id));
            return http::Empty(204);
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/grid-reporters", audience::kSignedIn},
          [&services](Call& call) {
            auto service = Take(Enabled(services.grid_reporters, "grid reporters"));
            const long long now = storage::NowSeconds();
            const bool all = call.request.QueryParam("all").value_or("") == "true";
            json::array items;
            for (const auto& reporter : service->List(call.caller(), !all, now))
              items.push_back(GridReporterJson(reporter, now));
            return http::Json(200, json::object{{"items", std::move(items)}});
          });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/grid-reporters", audience::kCommunityOfficers, kAppointFields},
          [&services](Call& call) {
            auto service = Take(Enabled(services.grid_reporters, "grid reporters"));
            const json::object& body = call.body;
            const long long now = storage::NowSeconds();
            auto appointed = Take(service->Appoint(
                call.caller(), body.at("worker_id").as_int64(), std::string(body.at("area_code").as_string()),
                std::string(body.at("term_start").as_string()), std::string(body.at("term_end").as_string()), now));
            return http::Json(201, GridReporterJson(appointed, now));
          });

  // Before /grid-reporters/{id}, which would take "record" for an id.
  Declare(router, services, {http::Method::kGet, "/api/v1/grid-reporters/record", audience::kOfficers},
          [&services](Call& call) {
            auto target = Take(AreaTarget(services.grid_reporters, "grid reporters", services, call));
            auto& [service, area] = target;
            const long long now = storage::NowSeconds();
            const std::string month =
                std::string(call.request.QueryParam("month").value_or(schedule::BeijingDate(now).substr(0, 7)));
            auto record = Take(service->MonthRecord(call.caller(), area, month));
            json::array reporters, communities;
            for (const auto& row : record.reporters) {
              json::object item = GridReporterJson(row.reporter, now);
              item["reports"] = row.reports;
              item["resolved"] = row.resolved;
              item["confirmed"] = row.confirmed;
              item["open"] = row.open;
              item["by_category"] = CountsJson(row.by_category, "category");
              reporters.push_back(std::move(item));
            }
            for (const auto& row : record.communities) {
              communities.push_back({{"code", row.code},
                                     {"name", row.name},
                                     {"reporters", row.reporters},
                                     {"reports", row.reports},
                                     {"resolved", row.resolved},
                                     {"open", row.open}});
            }
            return http::Json(200, json::object{{"area", AreaJson(area)},
                                                {"month", record.month},
                                                {"reports", record.reports},
                                                {"reporters", std::move(reporters)},
                                                {"communities", std::move(communities)}});
          });

  Declare(router, services, {http::Method::kDelete, "/api/v1/grid-reporters/{id}", audience::kCommunityOfficers},
          [&services](Call& call) {
            auto target = Take(IdTarget(services.grid_reporters, "grid reporters", call.request));
            Take(target.service->End(call.caller(), target.id, storage::NowSeconds()));
            return http::Empty(204);
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/conduct", audience::kCompoundStaff, kConductFields},
          [&services](Call& call) {
            auto service = Take(Enabled(services.conduct, "conduct records"));
            const json::object& body = call.body;
            conduct::ConductInput input;
            input.platform = std::string(core::Trim(body.at("platform").as_string()));
            const auto kind = conduct::ParseMisconduct(body.at("kind").as_string());
            if (!kind) {
              return http::Problem(MakeError(
                  ErrorCode::kValidationFailed,
                  "kind: speeding, banned_riding, blocking_entrance, wrong_way, conflict_with_staff or other"));
            }
            input.kind = *kind;
            input.note = std::string(core::Trim(core::StringOr(body, "note")));
            input.rider_hint = std::string(core::Trim(core::StringOr(body, "rider_hint")));
            if (const auto at = core::StringOr(body, "at"); !at.empty()) {
              input.at = schedule::ParseMoment(at);
              if (!input.at)
                return http::Problem(MakeError(ErrorCode::kValidationFailed, "at: an ISO 8601 time with offset"));
            }
            if (const auto compound = core::StringOr(body, "compound_code"); !compound.empty())
              input.compound_code = std::string(compound);
            auto record = Take(service->Record(call.caller(), input, storage::NowSeconds()));
            return http::Json(201, ConductJson(record));
          });

  // Before any /conduct/{...}: the numbers.
  Declare(router, services, {http::Method::kGet, "/api/v1/conduct/stats", audience::kOfficers},
          [&services](Call& call) {
            auto target = Take(AreaTarget(services.conduct, "conduct records", services, call));
            auto& [service, area] = target;
            auto [from, to] = MonthParams(call.request, storage::NowSeconds());
            auto stats = Take(service->Stats(call.caller(), area, from, to));
            const auto counts = [](const std::vector<conduct::ConductStats::Count>& rows, bool compounds) {
              json::array out;
              for (const auto& row : rows) {
                json::object item{{compounds ? "code" : "platform", row.key},
                                  {"count", row.count},
                                  {"by_kind", CountsJson(row.by_kind, "kind")}};
                if (compounds) {
                  item["name"] = row.name;
                  item["by_platform"] = CountsJson(row.by_platform, "platform");
                }
                out.push_back(std::move(item));
              }
              return out;
            };
            return http::Json(200, json::object{{"area", AreaJson(area)},
                                                {"from", stats.from_month},
                                                {"to", stats.to_month},
                                                {"total", stats.total},
                                                {"by_platform", counts(stats.by_platform, false)},
                                                {"by_compound", counts(stats.by_compound, true)},
                                                {"by_month", CountsJson(stats.by_month, "month")}});
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/conduct", audience::kGateStaff}, [&services](Call& call) {
    auto target = Take(AreaTarget(services.conduct, "conduct records", services, call));
    auto& [service, area] = target;
    auto limit = Take(http::IntegerParam(call.request, "limit", 100, 1, 500));
    auto [from, to] = MonthParams(call.request, storage::NowSeconds());
    auto records = Take(service->List(call.caller(), area, from, to, static_cast<int>(limit)));
    json::array items;
    for (const auto& record : records) items.push_back(ConductJson(record));
    return http::Json(200, json::object{{"items", std::move(items)}});
  });
}

}  // namespace youhao::api
