// Earning rules over HTTP: the rules in force for an officer's area (and where each comes from),
// an area's override of one trigger, and its removal (back to the parent's rule).

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/api_internal.h"
#include "api/endpoint.h"
#include "points/earning_rules.h"

namespace youhao::api {

namespace {

namespace json = boost::json;

constexpr core::FieldSpec kRuleFields[] = {
    {.name = "points", .type = core::FieldType::kInteger, .required = true},
    {.name = "pool_id", .type = core::FieldType::kInteger, .nullable = true},
    {.name = "daily_cap", .type = core::FieldType::kInteger, .nullable = true},
    {.name = "monthly_cap", .type = core::FieldType::kInteger, .nullable = true},
    {.name = "active", .type = core::FieldType::kBoolean},
    {.name = "area_code", .type = core::FieldType::kString, .max_length = 64, .nullable = true},
};

json::value OptionalInt(const std::optional<long long>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

std::optional<long long> OptionalIntOf(const json::object& body, std::string_view key) {
  const json::value* value = body.if_contains(key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  return value->as_int64();
}

/// {area: {code, name}, rules: [{trigger, rule: {id, points, pool: {id, name, balance},
/// daily_cap, monthly_cap, active} | null, from: {area_code, name} | null, own}]}
json::object RuleListJson(const points::RuleList& list) {
  json::array rules;
  for (const auto& line : list.rules) {
    json::object item{{"trigger", points::EarningTriggerName(line.trigger)}, {"own", line.own}};
    if (line.rule) {
      item["rule"] = json::object{
          {"id", line.rule->id},
          {"points", line.rule->points},
          {"pool", {{"id", line.rule->pool_account_id}, {"name", line.pool_name}, {"balance", line.pool_balance}}},
          {"daily_cap", OptionalInt(line.rule->daily_cap)},
          {"monthly_cap", OptionalInt(line.rule->monthly_cap)},
          {"active", line.rule->active}};
      item["from"] = json::object{{"area_code", line.from_area_code}, {"name", line.from_area_name}};
    } else {
      item["rule"] = nullptr;
      item["from"] = nullptr;
    }
    rules.push_back(std::move(item));
  }
  return {{"area", {{"code", list.area_code}, {"name", list.area_name}}}, {"rules", std::move(rules)}};
}

points::EarningTrigger TriggerOf(const http::Request& request) {
  const auto trigger = points::ParseEarningTrigger(request.PathParam("trigger"));
  if (!trigger) throw Refusal{core::MakeError(core::ErrorCode::kNotFound, "no such trigger")};
  return *trigger;
}

std::optional<std::string> AreaQuery(const http::Request& request) {
  const auto area = request.QueryParam("area_code");
  if (!area || area->empty()) return std::nullopt;
  return std::string(*area);
}

}  // namespace

void RegisterPointsRulesRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;
  Declare(router, services, {http::Method::kGet, "/api/v1/points/rules", audience::kOfficers}, [&services](Call& call) {
    auto* rules = Take(Enabled(services.earning_rules, "earning rules"));
    return http::Json(200, RuleListJson(Take(rules->List(call.caller(), AreaQuery(call.request)))));
  });

  Declare(router, services,
          {http::Method::kPut, "/api/v1/points/rules/{trigger}", audience::kCommunityOfficers, kRuleFields},
          [&services](Call& call) {
            auto* rules = Take(Enabled(services.earning_rules, "earning rules"));
            const points::EarningTrigger trigger = TriggerOf(call.request);
            points::RuleInput input;
            input.points = OptionalIntOf(call.body, "points").value_or(0);
            input.pool_id = OptionalIntOf(call.body, "pool_id");
            input.daily_cap = OptionalIntOf(call.body, "daily_cap");
            input.monthly_cap = OptionalIntOf(call.body, "monthly_cap");
            const json::value* active = call.body.if_contains("active");
            input.active = active == nullptr || active->as_bool();
            std::optional<std::string> area;
            if (const auto code = core::StringOr(call.body, "area_code"); !code.empty()) area = std::string(code);
            auto list = Take(rules->Set(call.caller(), trigger, area, input, storage::NowSeconds()));
            return http::Json(200, RuleListJson(list));
          });

  Declare(router, services, {http::Method::kDelete, "/api/v1/points/rules/{trigger}", audience::kCommunityOfficers},
          [&services](Call& call) {
            auto* rules = Take(Enabled(services.earning_rules, "earning rules"));
            const points::EarningTrigger trigger = TriggerOf(call.request);
            auto list = Take(rules->Remove(call.caller(), trigger, AreaQuery(call.request), storage::NowSeconds()));
            return http::Json(200, RuleListJson(list));
          });
}

}  // namespace youhao::api
