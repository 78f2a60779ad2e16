#include "api/messages/catalogue.h"

#include <algorithm>

namespace youhao::api {

namespace {

// Worker reports (reports/report_service.cpp).
constexpr CatalogueEntry kReports[] = {
    {"reports.hourly_limit",
     {"一小时内最多上报 {limit_per_hour} 条，请稍后再报", "At most {limit_per_hour} reports an hour: try again later"}},
    {"reports.already_reported",
     {"你在附近 {duplicate_of.within_m} 米内已报过同类问题（#{duplicate_of.id}），不必再报",
      "You reported this within {duplicate_of.within_m} m already (#{duplicate_of.id})"}},
    {"reports.duplicate_nearby",
     {"附近 {duplicate_of.within_m} 米内已有相同问题（{duplicate_of.reported_by} 人反映），可以点“我也遇到了”",
      "The same problem was reported within {duplicate_of.within_m} m ({duplicate_of.reported_by} people): join it"}},
    {"reports.invalid_transition",
     {"这条上报现在是 {status} 状态，不能执行 {action}", "A report that is {status} cannot be {action}"}},
    {"reports.outside_city", {"lat/lon: 位置不在本市范围内", "lat/lon: outside the city"}},
};

// Notifications (reports/report_service.cpp, Notify): "notifications.<kind>", the report's `id` always.
constexpr CatalogueEntry kNotifications[] = {
    {"notifications.report_routed",
     {"新上报 #{id} 待受理：{category_zh}（{acceptor}）", "New report #{id} to accept: {category} ({acceptor})"}},
    {"notifications.grid_report",
     {"流动网格员上报 #{id}：{category_zh}", "Roaming grid reporter's report #{id}: {category}"}},
    {"notifications.reopened", {"上报 #{id} 被重新打开：{note}", "Report #{id} was reopened: {note}"}},
    {"notifications.overdue_street",
     {"上报 #{id}（{category_zh}）已超期，升级至街道，请督办",
      "Report #{id} ({category}) is overdue: raised to the street"}},
    {"notifications.overdue_district",
     {"上报 #{id}（{category_zh}）已超期一倍以上，升级至区，请督办",
      "Report #{id} ({category}) is more than twice overdue: raised to the district"}},
};

// Why a report went where it went (reports/acceptance_rules.cpp, Acceptor::why).
constexpr CatalogueEntry kAcceptance[] = {
    {"acceptance.because.default", {"默认规则（{category_zh}）", "Default rule ({category})"}},
    {"acceptance.because.default_all", {"默认规则（全部类别）", "Default rule (every category)"}},
    {"acceptance.because.rule", {"规则（{area}·{category_zh}）", "Rule ({area} · {category})"}},
    {"acceptance.because.rule_all", {"规则（{area}·全部类别）", "Rule ({area} · every category)"}},
    {"acceptance.because.welfare", {"困难群众关怀", "Welfare concern"}},
    {"acceptance.because.grid_reporter", {"流动网格员上报", "A roaming grid reporter's report"}},
    {"acceptance.outcome.station",
     {"{because}：就近驿站受理（{metres} 米）", "{because}: the nearest station accepts ({metres} m)"}},
    {"acceptance.outcome.no_station",
     {"{because}：{radius} 米内没有驿站，由社区受理",
      "{because}: no station within {radius} m, the community accepts"}},
    {"acceptance.outcome.property", {"{because}：小区物业受理", "{because}: the compound's property company accepts"}},
    {"acceptance.outcome.no_property_account",
     {"{because}：小区没有物业账号，由社区受理",
      "{because}: the compound has no property account, the community accepts"}},
    {"acceptance.outcome.outside_compound",
     {"{because}：不在小区内，由社区受理", "{because}: not inside a compound, the community accepts"}},
    {"acceptance.outcome.welfare_only", {"{because}：只由社区受理", "{because}: only the community accepts"}},
    {"acceptance.outcome.community", {"{because}：社区受理", "{because}: the community accepts"}},
    {"acceptance.outcome.grid", {"{because}：直达社区网格", "{because}: straight to the community's grid"}},
};

// Friendly places (places/place_service.cpp).
constexpr CatalogueEntry kPlaces[] = {
    {"places.outside_city", {"lat/lon: 坐标不在本市范围内", "lat/lon: outside the city"}},
    {"places.outside_road_network",
     {"lat/lon: 不在路网覆盖范围内", "lat/lon: outside the area covered by the road network"}},
    {"places.checkin.not_applicable", {"签到成功，欢迎歇脚", "Checked in: rest a while"}},
    {"places.checkin.opened", {"门已打开，欢迎进站休息", "The door is open: come in and rest"}},
    {"places.checkin.refused",
     {"扫码进站仅限已认证的骑手：请先完成认证", "Only verified riders may enter by scan: get verified first"}},
    {"places.duplicate_nearby",
     {"「{duplicate_of.name}」已在 {duplicate_of.within_m} 米内登记（编号 {duplicate_of.id}），可合并到已有场所",
      "\"{duplicate_of.name}\" is registered within {duplicate_of.within_m} m (no. {duplicate_of.id}): merge into it"}},
};

std::vector<CatalogueEntry> Build() {
  std::vector<CatalogueEntry> all;
  for (const auto& entry : kReports) all.push_back(entry);
  for (const auto& entry : kPlaces) all.push_back(entry);
  for (const auto& entry : kNotifications) all.push_back(entry);
  for (const auto& entry : kAcceptance) all.push_back(entry);
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  return all;
}

}  // namespace

const std::vector<CatalogueEntry>& MessageCatalogue() {
  static const std::vector<CatalogueEntry> catalogue = Build();
  return catalogue;
}

http::Message CheckinWords(std::string_view door) {
  const http::Message* words = LookupMessage("places.checkin." + std::string(door));
  return words != nullptr ? *words : http::Message{"签到成功", "Checked in"};
}

std::string AcceptanceReason(const boost::json::object& why, http::Lang lang) {
  const auto text = [&](std::string_view name) -> std::string {
    const auto* value = why.if_contains(name);
    return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
  };
  std::string because_key = "acceptance.because." + text("because");
  if (text("category") == "*") because_key += "_all";
  const http::Message* because = LookupMessage(because_key);
  const http::Message* outcome = LookupMessage("acceptance.outcome." + text("outcome"));
  if (because == nullptr || outcome == nullptr) return {};
  boost::json::object fields = why;
  fields["because"] = http::FillFields(because->In(lang), why);
  return http::FillFields(outcome->In(lang), fields);
}

const http::Message* LookupMessage(std::string_view key) {
  const auto& catalogue = MessageCatalogue();
  auto found =
      std::lower_bound(catalogue.begin(), catalogue.end(), key,
                       [](const CatalogueEntry& entry, std::string_view wanted) { return entry.key < wanted; });
  return found != catalogue.end() && found->key == key ? &found->words : nullptr;
}

}  // namespace youhao::api
