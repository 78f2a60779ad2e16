#include "api/messages/catalogue.h"

#include <algorithm>
#include <cctype>

#include <boost/json/parse.hpp>

namespace youhao::api {

namespace {

// A request body of the wrong shape (core::ParseJsonObject): the generic codes, in words.
constexpr CatalogueEntry kInput[] = {
    {"input.control_characters", {"{field}：不能含控制字符", "{field}: control characters are not allowed"}},
    {"input.empty", {"{field}：不能为空", "{field}: must not be empty"}},
    {"input.not_json", {"请求内容不是有效的 JSON", "The request body is not valid JSON"}},
    {"input.not_object", {"请求内容应为 JSON 对象", "The request body must be a JSON object"}},
    {"input.not_utf8", {"请求内容不是有效的 UTF-8 文字", "The request body is not valid UTF-8"}},
    {"input.null", {"{field}：不能为 null", "{field}: must not be null"}},
    {"input.required", {"{field}：必须填写", "{field}: required"}},
    {"input.too_long", {"{field}：最多 {max} 个字", "{field}: at most {max} characters"}},
    {"input.type_array", {"{field}：应为列表", "{field}: must be a list"}},
    {"input.type_boolean", {"{field}：应为 true 或 false", "{field}: must be true or false"}},
    {"input.type_integer", {"{field}：应为整数", "{field}: must be a whole number"}},
    {"input.type_number", {"{field}：应为数字", "{field}: must be a number"}},
    {"input.type_object", {"{field}：应为对象", "{field}: must be an object"}},
    {"input.type_string", {"{field}：应为文字", "{field}: must be text"}},
    {"input.unknown_field", {"不认识的字段：{field}", "Unknown field: {field}"}},
};

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
    {"reports.no_compound_nearby",
     {"lat/lon: 1 公里内没有小区，这里的上报归入上报人所在的社区",
      "lat/lon: no compound within 1 km: a report here belongs to its reporter's community"}},
};

// Notes the server writes on a report's steps (reports::step_note): "report_step.<key>".
constexpr CatalogueEntry kSteps[] = {
    {"report_step.grid_to_officer",
     {"流动网格员上报，直达网格：派给 {officer}",
      "A roaming grid reporter's report, straight to the grid: to {officer}"}},
    {"report_step.grid_to_community",
     {"流动网格员上报，直达社区", "A roaming grid reporter's report, straight to the community"}},
    {"report_step.assigned", {"派给 {assignee}", "Assigned to {assignee}"}},
    {"report_step.closed_duplicate", {"重复上报", "A duplicate"}},
    {"report_step.closed_not_ours", {"不属于本单位职责", "Not this unit's responsibility"}},
    {"report_step.closed_referred", {"已转交其他部门", "Referred to another department"}},
    {"report_step.closed_auto_confirmed", {"72小时未确认，自动关闭", "Not confirmed within 72 hours: closed"}},
};

// Notifications (reports/report_service.cpp, Notify): "notifications.<kind>", the report's `id` always.
constexpr CatalogueEntry kNotifications[] = {
    {"notifications.report_routed",
     {"新上报 #{id} 待受理：{category_zh}（{acceptor}）", "New report #{id} to accept: {category} ({acceptor})"}},
    {"notifications.grid_report",
     {"流动网格员上报 #{id}：{category_zh}", "Roaming grid reporter's report #{id}: {category}"}},
    {"notifications.reopened", {"上报 #{id} 被重新打开：{note}", "Report #{id} was reopened: {note}"}},
    {"notifications.reopened_no_note",
     {"上报 #{id}（{category_zh}）被上报人重新打开，请继续处理",
      "Report #{id} ({category}) was reopened by its reporter: please take it up again"}},
    {"notifications.report_assigned",
     {"上报 #{id}（{category_zh}）已派给你处理", "Report #{id} ({category}) was assigned to you"}},
    {"notifications.report_accepted",
     {"你的上报 #{id}（{category_zh}）已受理", "Your report #{id} ({category}) was accepted"}},
    {"notifications.report_dispatched",
     {"你的上报 #{id}（{category_zh}）已派单处理", "Your report #{id} ({category}) was passed on to be handled"}},
    {"notifications.report_started",
     {"你的上报 #{id}（{category_zh}）正在处理", "Your report #{id} ({category}) is being handled"}},
    {"notifications.report_resolved",
     {"你的上报 #{id}（{category_zh}）已处理完毕，请确认结果",
      "Your report #{id} ({category}) was resolved: please confirm the result"}},
    {"notifications.report_closed_duplicate",
     {"你的上报 #{id}（{category_zh}）已关闭：与已有上报重复",
      "Your report #{id} ({category}) was closed: it repeats another report"}},
    {"notifications.report_closed_not_ours",
     {"你的上报 #{id}（{category_zh}）已关闭：不属于受理单位职责",
      "Your report #{id} ({category}) was closed: not this unit's responsibility"}},
    {"notifications.report_closed_referred",
     {"你的上报 #{id}（{category_zh}）已转交其他部门",
      "Your report #{id} ({category}) was referred to another department"}},
    {"notifications.report_closed_auto_confirmed",
     {"你的上报 #{id}（{category_zh}）处理后 72 小时未确认，已自动关闭",
      "Your report #{id} ({category}) was not confirmed within 72 hours of its resolution: closed"}},
    {"notifications.points_expiring",
     {"你有 {points} 积分将在 {before} 前过期，记得去爱心商户兑换",
      "{points} of your points expire before {before}: redeem them at a friendly place"}},
    {"notifications.grid_appointed",
     {"你已被聘为{area}流动网格员，任期 {term_start} 至 {term_end}",
      "You were appointed roaming grid reporter of {area}, from {term_start} to {term_end}"}},
    {"notifications.overdue_street",
     {"上报 #{id}（{category_zh}）已超期，升级至街道，请督办",
      "Report #{id} ({category}) is overdue: raised to the street"}},
    {"notifications.overdue_district",
     {"上报 #{id}（{category_zh}）已超期一倍以上，升级至区，请督办",
      "Report #{id} ({category}) is more than twice overdue: raised to the district"}},
    // A rider told of an officer's decision (registry/verification_repository.cpp, NotifyStatusChange):
    // {community, reason}, no report.
    {"notifications.worker_verified",
     {"骑手认证已通过（{community}），进门码现在可以用了",
      "Your rider registration was approved ({community}): your entry pass is ready"}},
    {"notifications.worker_refused",
     {"骑手认证未通过（{community}）：{reason}", "Your rider registration was not approved ({community}): {reason}"}},
    {"notifications.worker_restored",
     {"骑手认证已恢复（{community}），进门码可以继续使用",
      "Your rider verification was restored ({community}): your entry pass works again"}},
    {"notifications.worker_suspended",
     {"骑手认证已暂停（{community}）：{reason}", "Your rider verification was suspended ({community}): {reason}"}},
    {"notifications.worker_revoked",
     {"骑手认证已撤销（{community}）：{reason}", "Your rider verification was revoked ({community}): {reason}"}},
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

// Road routing (roads/road_network.cpp).
constexpr CatalogueEntry kRoads[] = {
    {"roads.invalid_point", {"坐标无效", "Invalid coordinates"}},
    {"roads.no_road_to_ride",
     {"这个位置 {within_m} 米内没有可骑行的道路", "No road to ride within {within_m} m of this point"}},
    {"roads.no_road_to_walk",
     {"这个位置 {within_m} 米内没有可步行的道路", "No road to walk within {within_m} m of this point"}},
};

// Compound maps (maps/map_service.cpp).
constexpr CatalogueEntry kMaps[] = {
    // The base map's tiles (api/tile_handlers.cpp).
    {"tiles.bad_tile",
     {"没有这块底图：地址应为 /tiles/缩放级别/列/行.svg（级别 0–18）",
      "No such base-map tile: the address is /tiles/ZOOM/COLUMN/ROW.svg (zoom 0–18)"}},
    {"tiles.no_base_map",
     {"这台服务器还没有底图（需导入 OpenStreetMap 数据）",
      "This server has no base map yet (OpenStreetMap data must be imported)"}},
    {"maps.same_building_number",
     {"{building} 已经有了：给其中一栋加上分区（如东区、一期）",
      "{building} already exists: give one of them a section (e.g. East, Phase 1)"}},
    // An address whose building is not on the map (maps/wayfinding.cpp, TargetNotFound).
    {"maps.building_not_found",
     {"地图上没有“{building}”：请核对楼号或楼名",
      "“{building}” is not on this compound's map: check the building's number or name"}},
    {"maps.no_building_named",
     {"地址里没有楼号或楼名：请写上楼号（如3号楼）或楼名",
      "The address names no building: add its number (e.g. 3号楼) or its name"}},
};

// Why a route is longer than walking in from the best gate (maps::RouteRule): "maps.rule.<name>".
constexpr CatalogueEntry kRouteRules[] = {
    {"maps.rule.gate_closed_now",
     {"{place}此时关闭，只能绕行", "{place} is closed at this hour: the route goes round"}},
    {"maps.rule.gate_closed_to_workers",
     {"{place}不让骑手通行，只能绕行", "{place} is closed to delivery workers: the route goes round"}},
    {"maps.rule.gate_not_on_foot",
     {"{place}只让车辆通过，不能步行进入", "{place} lets vehicles through, not people on foot: ride in"}},
    {"maps.rule.path_closed_now",
     {"更近的路{place}此时关闭，只能绕行", "A shorter way{place} is closed at this hour: the route goes round"}},
    {"maps.rule.path_closed_to_workers",
     {"更近的路{place}不让骑手通行，只能绕行",
      "A shorter way{place} is closed to delivery workers: the route goes round"}},
};

// Steps of a route inside a compound (maps::RouteStep): the move, then where it ends.
constexpr CatalogueEntry kRouteSteps[] = {
    {"maps.step.enter", {"从{place}进入", "Enter by {place}"}},
    {"maps.step.park_outside_and_enter", {"在{place}外停车，从{place}步行进入", "Park outside {place} and walk in"}},
    {"maps.step.straight", {"直行{metres}米", "Go straight {metres} m"}},
    {"maps.step.turn_left",
     {"左转，向{compass_zh}{mode_zh}{metres}米", "Turn left, {mode_en} {compass_en} {metres} m"}},
    {"maps.step.turn_right",
     {"右转，向{compass_zh}{mode_zh}{metres}米", "Turn right, {mode_en} {compass_en} {metres} m"}},
    {"maps.step.head", {"向{compass_zh}{mode_zh}{metres}米", "{mode_en} {compass_en} {metres} m"}},
    {"maps.step.arrived", {"已到达{place}", "You are at {place}"}},
    {"maps.step.to", {"到{place}", " to {place}"}},
    {"maps.step.to_park_outside", {"到{place}外停车", " to park outside {place}"}},
    {"maps.step.to_park_at", {"到{place}停车", " to park at {place}"}},
    {"maps.compass.n", {"北", "north"}},
    {"maps.compass.ne", {"东北", "north-east"}},
    {"maps.compass.e", {"东", "east"}},
    {"maps.compass.se", {"东南", "south-east"}},
    {"maps.compass.s", {"南", "south"}},
    {"maps.compass.sw", {"西南", "south-west"}},
    {"maps.compass.w", {"西", "west"}},
    {"maps.compass.nw", {"西北", "north-west"}},
    {"maps.mode.ride", {"骑行", "ride"}},
    {"maps.mode.walk", {"步行", "walk"}},
};

// Open311 GeoReport v2 (api/open311_handlers.cpp), published in Chinese.
constexpr CatalogueEntry kOpen311[] = {
    {"open311.service_notice", {"{hours} 小时内办结", "Handled within {hours} hours"}},
    {"open311.contact",
     {"友好 Youhao 平台运维：请联系所在城市的平台管理员", "Contact your city's Youhao administrator"}},
    {"open311.difficulty_values", {"进不了门、无处停车或被刁难", "Cannot get in, nowhere to park, or treated rudely"}},
    {"open311.difficulty_question", {"遇到了什么困难？", "What went wrong?"}},
    {"open311.rate_limited",
     {"此 api_key 每分钟最多提交 {per_minute} 条请求，请 {retry_after_s} 秒后再试",
      "This api_key may create at most {per_minute} requests a minute: try again in {retry_after_s} s"}},
    {"open311.duplicate",
     {"{duplicate_of.within_m} 米内已有相同问题的请求（service_request_id {duplicate_of.id}），请跟进该请求",
      "The same problem is open within {duplicate_of.within_m} m (service_request_id {duplicate_of.id}): follow that "
      "request"}},
};

// opening_hours values that do not parse (schedule::OpeningHours::Parse, its kParseProblems).
constexpr CatalogueEntry kHours[] = {
    {"hours.too_long", {"开放时间（{field}）最多 {max} 个字节，请简化", "{field}: at most {max} bytes: simplify it"}},
    {"hours.empty", {"开放时间（{field}）不能为空", "{field}: empty"}},
    {"hours.too_long_canonical",
     {"开放时间（{field}）整理后超过 {max} 个字节，请简化",
      "{field}: longer than {max} bytes once written canonically: simplify it"}},
    {"hours.empty_rule",
     {"开放时间（{field}）第 {column} 个字符处多了一个分号",
      "{field}: an empty rule at character {column} (one \";\" too many)"}},
    {"hours.unexpected_end",
     {"开放时间（{field}）在第 {column} 个字符处不完整", "{field}: incomplete at character {column}"}},
    {"hours.unsupported",
     {"开放时间（{field}）第 {column} 个字符起“{part}”是不支持的写法：请只用星期、时间段、PH（法定节假日）和 off",
      "{field}: “{part}” at character {column} is not supported: use weekdays, times, PH and off"}},
    {"hours.unknown_word",
     {"开放时间（{field}）第 {column} 个字符起“{part}”无法识别：星期请写 Mo Tu We Th Fr Sa Su",
      "{field}: unknown word at character {column} (“{part}”): write weekdays as Mo Tu We Th Fr Sa Su"}},
    {"hours.unexpected_number",
     {"开放时间（{field}）第 {column} 个字符处不应出现时间或数字（“{part}”）：多个时间段请用逗号分开",
      "{field}: unexpected number at character {column} (“{part}”): separate time ranges with commas"}},
    {"hours.unexpected_character",
     {"开放时间（{field}）第 {column} 个字符处有无法识别的字符（“{part}”）",
      "{field}: unexpected character at character {column} (“{part}”)"}},
    {"hours.missing_times",
     {"开放时间（{field}）第 {column} 个字符处缺少时间段，如 08:00-20:00 或 off",
      "{field}: times (such as 08:00-20:00) or off expected at character {column}"}},
    {"hours.missing_weekday",
     {"开放时间（{field}）第 {column} 个字符处缺少星期", "{field}: a weekday expected at character {column}"}},
    {"hours.missing_end",
     {"开放时间（{field}）第 {column} 个字符处缺少结束时间，如 08:00-20:00",
      "{field}: a closing time expected at character {column}, as in 08:00-20:00"}},
    {"hours.range_too_long",
     {"开放时间（{field}）第 {column} 个字符起的时间段超过 24 小时（“{part}”）",
      "{field}: the time range at character {column} is longer than 24 hours (“{part}”)"}},
    {"hours.missing_time",
     {"开放时间（{field}）第 {column} 个字符处缺少时间，如 08:00",
      "{field}: a time such as 08:00 expected at character {column}"}},
    {"hours.time_format",
     {"开放时间（{field}）第 {column} 个字符起“{part}”：时间请写成 HH:MM，如 08:00",
      "{field}: write times as HH:MM, such as 08:00, at character {column} (“{part}”)"}},
    {"hours.invalid_time",
     {"开放时间（{field}）第 {column} 个字符起“{part}”：时间无效",
      "{field}: invalid time at character {column} (“{part}”)"}},
};

// Compound access and ratings (entry/access_plan_service.cpp).
constexpr CatalogueEntry kEntry[] = {
    {"entry.rating_needs_visit",
     {"需要最近 {days} 天内在本小区门岗扫码核验过，才能评价",
      "Rate a compound after a verified scan at its gate in the last {days} days"}},
    // Digit codes typed at the gate (entry/short_code_service.cpp, entry/short_code.cpp).
    {"entry.short_code_wrong",
     {"数字码不对：请核对后重输（还可以输错 {attempts_left} 次），或扫描骑手的二维码",
      "That digit code matches no pass: check it and type it again ({attempts_left} tries left), or scan the QR "
      "code"}},
    {"entry.short_code_limited",
     {"数字码输错次数太多，请扫描二维码，或 {retry_after_s} 秒后再输",
      "Too many wrong digit codes: scan the QR code, or type again in {retry_after_s} s"}},
    {"entry.short_code_ambiguous",
     {"这个数字码对应不止一张进门码，请扫描骑手的二维码",
      "This digit code matches more than one pass: scan the QR code"}},
};

// Edge labels and printed words (api/*_handlers.cpp).
constexpr CatalogueEntry kLabels[] = {
    {"reports.category_all", {"全部类别", "Every category"}},
    {"workers.kind.food", {"外卖骑手", "Food delivery rider"}},
    {"workers.kind.parcel", {"快递员", "Courier"}},
    {"workers.kind.ride", {"网约车司机", "Ride-hailing driver"}},
    {"workers.kind.truck", {"货车司机", "Truck driver"}},
    {"coverage.custom_candidate", {"选点 {number}", "Spot {number}"}},
    {"coverage.property_office", {"{compound}物业服务中心", "{compound} property office"}},
    {"places.sign.title", {"骑手友好场所", "Rider-friendly place"}},
    {"places.sign.scan", {"扫码签到 · 查看设施与营业时间", "Scan to check in · see facilities and hours"}},
    {"places.sign.footer",
     {"友好 Youhao · 新就业群体友好社区", "Youhao · friendly communities for new-economy workers"}},
};

// Proving a phone (registry/phone_code_policy.cpp).
constexpr CatalogueEntry kRegistry[] = {
    {"registry.code_too_soon",
     {"验证码发送太频繁，请 {retry_after_s} 秒后再试", "Too many codes: try again in {retry_after_s} s"}},
    {"registry.code_wrong",
     {"验证码不对，还可以再试 {attempts_left} 次", "That is not the code: {attempts_left} tries left"}},
    {"registry.code_expired", {"验证码已失效，请重新获取", "The code is no longer valid: ask for a new one"}},
    {"registry.plate_invalid",
     {"车牌号格式不对：请照车牌填写，例如 京A·12345、京A·D12345（新能源）或 沪123456（电动自行车）；没有车牌可以不填",
      "That is not a plate number: write it as on the plate, e.g. 京A·12345, 京A·D12345 (new energy) or 沪123456 "
      "(e-bike); leave it empty if you have none"}},
    {"registry.community_unknown",
     {"没有找到这个社区，请从列表里重新选择所在社区", "No such community: choose yours from the list again"}},
    {"registry.search_phone_whole",
     {"按手机号查找要输入完整的 11 位号码", "To find a rider by phone, type all 11 digits"}},
    {"registry.roster_header",
     {"花名册第一行应是表头，至少要有 手机号、姓名、平台 三列（可加 配送站），也可以用英文 phone,name,platform,depot",
      "The first line of the roster must be its header, with at least phone, name and platform (depot optional); "
      "Chinese headers 手机号,姓名,平台,配送站 work too"}},
    {"registry.roster_empty", {"花名册是空的，请检查文件", "The roster is empty: check the file"}},
    {"registry.roster_too_long",
     {"一次最多导入 20000 行，请分成几个文件上传",
      "A roster may hold at most 20,000 rows: split it into several files"}},
    {"registry.roster_not_utf8",
     {"花名册不是 UTF-8 编码：请在 Excel 里“另存为 → CSV UTF-8（逗号分隔）”后再上传",
      "The roster is not UTF-8: in Excel, save it as “CSV UTF-8 (comma delimited)” and upload it again"}},
    {"sms.code",
     {"【友好】您的验证码是 {code}，5 分钟内有效。请勿告诉他人。",
      "[Youhao] Your code is {code}, valid for 5 minutes. Do not share it."}},
};

// Declared routes (api/endpoint.cpp): a role outside the route's audience.
// The points ledger (points/ledger_policy.cpp, ledger.cpp, points_service.cpp).
constexpr CatalogueEntry kPoints[] = {
    {"points.bad_amount",
     {"积分数应为 1 到 1 亿之间的整数", "The amount must be a whole number of points from 1 to 100,000,000"}},
    {"points.bad_client_id",
     {"请求编号应为 1 到 64 个字母、数字或 . _ : -", "client_id must be 1 to 64 letters, digits or . _ : -"}},
    {"points.bad_kind",
     {"转账类型应为 fund（注资）、award（奖励）或 reversal（冲正）", "kind must be fund, award or reversal"}},
    {"points.bad_reason", {"请写明原因（1 到 200 字）", "Say why, in 1 to 200 characters"}},
    {"points.insufficient",
     {"积分不足：账户余额 {balance}，需要 {amount}",
      "Not enough points: the account holds {balance}, {amount} needed"}},
    {"points.client_id_reused",
     {"这个请求编号已用于另一笔转账（#{transfer_id}），请换一个编号",
      "This client_id was used for another transfer (#{transfer_id}): use a new one"}},
    {"points.already_reversed",
     {"这笔转账（#{transfer_id}）已经冲正过了", "This transfer (#{transfer_id}) was reversed already"}},
    {"points.not_yours", {"您没有权限进行这笔积分操作", "You may not make this points transfer"}},
    {"points.worker_not_signed_up",
     {"这位骑手还没有登录账号，无法持有积分", "This rider has no sign-in account to hold points"}},
    // Earning rules (points/earning_policy.cpp, earning_rules.cpp).
    {"points.bad_rule",
     {"积分规则填写有误（{field}）：每次 0 到 10000 分，每日、每月上限 1 到 100 万，每日上限不能高于每月上限",
      "The earning rule is wrong ({field}): 0 to 10,000 points, caps of 1 to 1,000,000, the daily cap not above the "
      "monthly one"}},
    {"points.rules_not_yours",
     {"您只能设置本辖区及下级区域的积分规则（全市默认规则由市级管理员设置）",
      "You may set earning rules for your own area and below (the city's defaults are set by city officers)"}},
    {"points.rule_city_default",
     {"全市默认规则没有上级规则可恢复，请直接修改",
      "The city's default has no parent rule to fall back to: edit it instead"}},
    // Offers and redemptions (points/offers.cpp, redemption_policy.cpp, redemptions.cpp).
    {"points.offer_title", {"名称请写 1 到 40 个字", "The title must be 1 to 40 characters"}},
    {"points.offer_description", {"说明最多 300 字", "The description may be at most 300 characters"}},
    {"points.offer_price",
     {"所需积分应为 1 到 {max} 之间的整数", "The price must be a whole number of points from 1 to {max}"}},
    {"points.offer_stock",
     {"库存请填 0 到 {max} 之间的整数，不限量请留空", "Stock must be 0 to {max}, or empty for unlimited"}},
    {"points.offer_validity", {"结束时间应晚于开始时间", "valid_until must come after valid_from"}},
    {"points.offer_sponsor", {"没有这个爱心单位", "sponsor_id names no sponsor"}},
    {"points.not_place_owner",
     {"只有这个场所的站长或商户可以管理它的兑换", "Only the keeper or merchant of this place manages its offers"}},
    {"points.offer_unavailable",
     {"这项兑换现在不可用（已暂停、未开始或已结束）", "This offer cannot be redeemed now (paused, not yet, or ended)"}},
    {"points.offer_sold_out", {"这项兑换已经兑完了", "This offer is sold out"}},
    {"points.redemption_client_id_reused",
     {"这个请求编号已用于另一项兑换（#{redemption_id}），请换一个编号",
      "This client_id was used to redeem another offer (#{redemption_id}): use a new one"}},
    {"points.redemption_code_format",
     {"请输入骑手手机上显示的 {digits} 位兑换码", "Type the {digits} digits the worker's phone shows"}},
    {"points.redemption_code_wrong",
     {"没有找到这个兑换码，请核对骑手手机上的数字", "No redemption has this code: check the digits on the phone"}},
    {"points.redemption_other_place",
     {"这个兑换码不是本店的，请骑手到兑换的场所出示", "This code is for another place"}},
    {"points.redemption_code_used",
     {"这个兑换码已经用过了，这次兑换已确认", "This code was used already: the redemption is confirmed"}},
    {"points.redemption_code_expired",
     {"兑换码已过期，请骑手在手机上刷新后重新出示",
      "This code is no longer valid: the worker refreshes it on the phone"}},
    {"points.redemption_confirmed",
     {"商户已确认这次兑换，积分已使用", "The merchant confirmed this redemption: its points are spent"}},
    {"points.redemption_released",
     {"这次兑换已取消，积分已退回", "This redemption was cancelled: its points went back"}},
    {"points.redemption_expired", {"这次兑换已超时，积分已退回", "This redemption timed out: its points went back"}},
    {"points.bad_month", {"月份格式应为 2026-12 这样的年-月", "month must be a month such as 2026-12"}},
    {"points.statement_columns",
     {"兑换编号,确认时间,兑换内容,积分,确认人,出资方", "Redemption,Confirmed at,Offer,Points,Confirmed by,Paid by"}},
    {"points.statement_total", {"合计", "Total"}},
    // Who owes the place (points/redemptions.cpp StatementOf), and the statement as a PDF page.
    {"points.statement_city", {"市级积分池", "City points pool"}},
    {"points.statement_subtotal", {"出资方小计", "Subtotal by payer"}},
    {"points.statement_title", {"积分兑换月结单", "Monthly points redemption statement"}},
    {"points.statement_heading", {"{place} · {month}", "{place} · {month}"}},
    {"points.statement_pdf_columns", {"编号|确认时间|兑换内容|积分|出资方", "No.|Confirmed at|Offer|Points|Paid by"}},
    {"points.statement_subtotal_line",
     {"{payer}：{lines} 笔，{points} 积分", "{payer}: {lines} redemptions, {points} points"}},
    {"points.statement_generated", {"生成时间 {at}（北京时间）", "Generated {at} (Beijing time)"}},
    {"points.statement_empty", {"本月没有已核销的兑换", "No confirmed redemptions this month"}},
    {"points.statement_more",
     {"另有 {count} 笔未列出，请下载 CSV 查看全部", "{count} more not shown: download the CSV"}},
    // Wrong codes and scanned passes at the merchant's desk (points/redemption_policy.cpp).
    {"points.too_many_wrong_codes",
     {"兑换码输错太多次（{window_minutes} 分钟内 {limit} 次），请 {retry_after_s} 秒后再输，或扫描骑手的进门码",
      "Too many wrong codes ({limit} in {window_minutes} minutes): type again in {retry_after_s} s, or scan the "
      "rider's pass"}},
    {"points.redemption_other_worker",
     {"这张进门码不是这笔兑换的骑手的，请扫描兑换人本人的进门码",
      "This pass is another rider's: scan the pass of the rider who redeemed"}},
    {"points.redemption_pass_stale",
     {"这个进门码不是实时的（可能是截图），请骑手打开手机上的进门码再扫",
      "This pass code is not live (a screenshot?): ask the rider to open the pass on the phone and scan again"}},
    {"points.redemption_pass_refused",
     {"这个进门码无法使用（已撤销、已停用、未审核或不是有效的进门码），请骑手出示自己的进门码",
      "This pass cannot be used (revoked, suspended, not verified, or not a valid pass): ask the rider for their "
      "own pass"}},
};

// Check-ins at events' doors (attendance/attendance_policy.cpp, api/attendance_handlers.cpp).
constexpr CatalogueEntry kAttendance[] = {
    {"attendance.not_organiser",
     {"只有活动的组织者和所在辖区的工作人员可以签到和查看出勤",
      "Only the event's organisers and officers of its area check people in and see attendance"}},
    {"attendance.csv_columns",
     {"姓名,手机,类型,平台,已报名,现场报名,签到时间,签退时间,核验",
      "Name,Phone,Kind,Platform,Registered,Walk-in,Checked in,Checked out,Evidence"}},
    {"attendance.csv_yes", {"是", "yes"}},
    {"attendance.evidence_verified", {"已核验", "Verified"}},
    {"attendance.evidence_unverified", {"未核验", "Unverified"}},
    {"attendance.evidence_absent", {"未到场", "Absent"}},
};

// Events (events/event_policy.cpp, event_service.cpp, api/event_handlers.cpp) and their notifications.
constexpr CatalogueEntry kEvents[] = {
    {"events.bad_event", {"活动信息有误，请检查“{field}”", "Check the event's {field}"}},
    {"events.event_past",
     {"活动开始时间已经过去，请选择以后的时间", "The event would start in the past: pick a later time"}},
    {"events.event_started", {"活动已经开始，不能再报名", "The event has started: registration is closed"}},
    {"events.event_ended", {"活动已经结束", "The event has ended"}},
    {"events.event_cancelled", {"活动已取消", "The event was cancelled"}},
    {"events.already_registered", {"你已经报名了这个活动", "You have registered for this event already"}},
    {"events.no_offer", {"没有为你保留的名额（可能已过期）", "No place is held for you (the offer may have lapsed)"}},
    {"events.no_registration", {"你没有报名这个活动", "There is no registration for this event"}},
    {"events.not_found", {"没有这个活动", "No such event"}},
    {"events.not_organiser", {"只有活动的组织方可以这样做", "Only the event's organisers may do this"}},
    {"events.not_eligible",
     {"这个活动面向其他骑手（类型、平台或区域不符）", "This event is for other workers (kind, platform or area)"}},
    {"events.worker_not_verified",
     {"骑手身份审核通过后才能报名（进门码就是入场券）",
      "Only verified workers can register: the entry pass is the ticket"}},
    {"notifications.event_promoted",
     {"“{title}”（{at}）有名额空出，已为你保留到 {until}，请在此前确认",
      "A place at \"{title}\" ({at}) is held for you until {until}: take it before then"}},
    {"notifications.event_cancelled", {"活动“{title}”（{at}）已取消", "\"{title}\" ({at}) was cancelled"}},
    {"notifications.event_changed",
     {"你报名的活动“{title}”有变动，现在是 {at}", "\"{title}\", which you registered for, changed: now {at}"}},
    {"notifications.event_registration_cancelled",
     {"组织方取消了你在“{title}”（{at}）的报名", "The organisers cancelled your registration for \"{title}\" ({at})"}},
    {"notifications.event_reminder_day", {"明天别忘了：“{title}”，{at} 开始", "Tomorrow: \"{title}\" starts at {at}"}},
    {"notifications.event_reminder_hour",
     {"一小时内开始：“{title}”，{at}", "Within the hour: \"{title}\" starts at {at}"}},
};

// Micro-wishes (wishes/wish_policy.cpp, wish_service.cpp, api/wish_handlers.cpp) and their notifications.
constexpr CatalogueEntry kWishes[] = {
    {"wish.forbidden", {"您不能对这个心愿进行这一步操作", "You may not do this to this wish"}},
    {"wish.not_sponsor",
     {"这个账号还没有加入爱心单位，请联系街道把账号关联到单位后再认领",
      "This account speaks for no sponsor organisation yet: ask the street to link it"}},
    {"wish.already_claimed",
     {"这个心愿已经被其他爱心单位认领了，看看别的心愿吧", "Another sponsor claimed this wish first: try another"}},
    {"wish.invalid_transition",
     {"这个心愿当前状态（{status}）不能进行这一步（{action}）", "A wish that is {status} cannot be {action}"}},
    {"wish.claim_lapsed",
     {"认领已超过期限自动取消，心愿重新开放认领", "The claim lapsed before it was fulfilled: the wish is open again"}},
    {"wish.bad_title", {"心愿名称请写 1 到 40 个字", "The wish's title must be 1 to 40 characters"}},
    {"wish.bad_reason", {"请写明心愿的原因（1 到 300 字）", "Say why, in 1 to 300 characters"}},
    {"wish.bad_category", {"请选择心愿的类别", "Choose the wish's category"}},
    {"wish.bad_value",
     {"心愿价值应为 1 到 {max} 元之间的整数", "The value must be a whole number of yuan from 1 to {max}"}},
    {"wish.bad_note", {"请填写 1 到 300 字", "Write 1 to 300 characters"}},
    {"wish.bad_status",
     {"状态应为 submitted、verified、claimed、fulfilled、confirmed、rejected 或 withdrawn",
      "status must be submitted, verified, claimed, fulfilled, confirmed, rejected or withdrawn"}},
    {"wish.worker_unreachable",
     {"这位骑手还没有登录账号或不属于任何社区，暂不能发布心愿",
      "This worker has no sign-in account or belongs to no community: no wish can be posted yet"}},
    {"notifications.wish_claimed",
     {"你的心愿“{title}”已被{sponsor}认领", "Your wish \"{title}\" was claimed by {sponsor}"}},
    {"notifications.wish_fulfilled",
     {"{sponsor}已完成你的心愿“{title}”，收到后请点“确认收到”",
      "{sponsor} fulfilled your wish \"{title}\": confirm when you have it"}},
    {"notifications.wish_confirmed",
     {"心愿“{title}”已确认收到，骑手说：{thanks}", "The wish \"{title}\" was received; the worker says: {thanks}"}},
};

constexpr CatalogueEntry kHandover[] = {
    {"honours.handover_wait",
     {"请选择等餐时间：5 分钟内、5–10 分钟、10–20 分钟或 20 分钟以上",
      "Choose how long you waited: under 5, 5 to 10, 10 to 20 or over 20 minutes"}},
    {"honours.handover_respect", {"尊重程度请选 1 到 5 星", "Respect must be 1 to 5 stars"}},
    {"honours.handover_comment", {"留言最多 {max} 个字", "The comment may be at most {max} characters"}},
    {"honours.place_not_rated",
     {"只有商户和食堂可以评价出餐情况", "Only merchants and canteens are rated for how they hand over orders"}},
    {"honours.worker_not_verified",
     {"认证通过的骑手才能评价出餐，请先完成认证",
      "Only verified workers rate a hand-over: finish your verification first"}},
    {"honours.not_place_merchant",
     {"只有本店商户和所在辖区的工作人员可以查看评价",
      "Only the place's merchant and the officers of its area read its ratings"}},
    {"honours.bad_month", {"月份格式应为 2026-12 这样的年-月", "month must be a month such as 2026-12"}},
    {"honours.ranking_not_published", {"{month} 的榜单尚未发布", "The list for {month} is not published yet"}},
    {"honours.ranking_not_yours",
     {"只有街道及以上工作人员可以发布本辖区的榜单", "Street officers and above publish the lists of their own area"}},
    {"honours.ranking_month_ahead",
     {"{month} 还没开始，不能发布榜单", "{month} has not begun: its list cannot be published"}},
    {"honours.ranking_already_published",
     {"{month} 的榜单已经发布，发布后不再更改", "The list for {month} is published already and does not change"}},
};

// Honours campaigns, votes and certificates (honours/honour_policy.cpp, honour_service.cpp, api/honour_handlers.cpp).
constexpr CatalogueEntry kHonourCampaigns[] = {
    {"honours.not_yours", {"您没有权限进行这项评选操作", "You may not do this in this honours campaign"}},
    {"honours.bad_title", {"评选名称请写 1 到 60 个字", "The title must be 1 to 60 characters"}},
    {"honours.bad_kind",
     {"评选类别应为最美骑手、最美快递人、技术能手或优秀网格员",
      "kind must be best_rider, best_courier, skills_champion or grid_reporter"}},
    {"honours.bad_dates",
     {"各阶段的截止时间应依次为：提名、审核、投票", "The stages must end in order: nominating, reviewing, voting"}},
    {"honours.bad_winners", {"获奖人数应为 1 到 50 人", "Winners must be 1 to 50"}},
    {"honours.bad_votes_per_person", {"每人票数应为 1 到 20 票", "Votes per person must be 1 to 20"}},
    {"honours.bad_prize", {"奖励积分应为 0 到 100000", "Prize points must be 0 to 100000"}},
    {"honours.bad_area", {"评选只能设在区或街道", "A campaign belongs to a district or a street"}},
    {"honours.bad_stage",
     {"评选现在处于 {stage} 阶段，不能转到 {to}", "A campaign that is {stage} cannot move to {to}"}},
    {"honours.bad_stage_name",
     {"阶段应为 reviewing、voting 或 announced", "to must be reviewing, voting or announced"}},
    {"honours.not_nominating", {"这项评选已不再接受提名", "This campaign takes no more nominations"}},
    {"honours.not_reviewing", {"这项评选的提名审核已结束", "This campaign's nominations are no longer reviewed"}},
    {"honours.bad_citation", {"推荐理由请写 1 到 300 个字", "The citation must be 1 to 300 characters"}},
    {"honours.bad_reason",
     {"请写明原因（驳回或撤销时必填，最多 200 字）", "Say why (required to reject or revoke), up to 200 characters"}},
    {"honours.bad_nominee",
     {"被提名人应是本评选区域内已认证的骑手（优秀网格员须是本区域的流动网格员）",
      "The nominee must be a verified worker of this area (for 优秀网格员, a roaming grid reporter of this area)"}},
    {"honours.self_nomination", {"不能提名自己", "You cannot nominate yourself"}},
    {"honours.already_nominated", {"此人已在本次评选中被提名", "This person is nominated in this campaign already"}},
    {"honours.not_voting", {"这项评选现在不在投票阶段", "This campaign is not voting now"}},
    {"honours.nominee_not_accepted", {"这位候选人不在投票名单上", "This nominee is not on the ballot"}},
    {"honours.voter_not_verified",
     {"骑手需先在登记系统中完成认证才能投票", "A worker votes once verified in the register"}},
    {"honours.already_voted", {"你已经给这位候选人投过票了", "You voted for this nominee already"}},
    {"honours.vote_limit",
     {"每人在本次评选中最多投 {limit} 票，你的票已用完",
      "At most {limit} votes a person in this campaign: yours are used"}},
    {"honours.vote_flagged",
     {"同一网络一小时内投票过多，本票未计入并已标记，请稍后再试",
      "Too many votes from this network in the last hour: this one was not counted and is flagged"}},
    {"honours.not_announced", {"评选结果将在公布后显示", "The results are shown once the campaign is announced"}},
    {"honours.already_revoked", {"这张证书已被撤销", "This certificate is revoked"}},
    {"honours.kind_best_rider", {"最美骑手", "Best Rider"}},
    {"honours.kind_best_courier", {"最美快递人", "Best Courier"}},
    {"honours.kind_skills_champion", {"技术能手", "Skills Champion"}},
    {"honours.kind_grid_reporter", {"优秀网格员", "Outstanding Grid Reporter"}},
    {"honours.certificate_heading", {"荣誉证书", "Certificate of Honour"}},
    {"honours.certificate_awarded", {"在「{campaign}」评选中荣获", "is awarded, in {campaign},"}},
    {"honours.certificate_verify_hint", {"扫码验证证书真伪", "Scan to verify"}},
    {"honours.certificate_serial", {"证书编号", "Serial"}},
    {"honours.certificate_issued", {"{area} · {date}", "{area} · {date}"}},
};

constexpr CatalogueEntry kAccess[] = {
    {"access.role_refused",
     {"{role_zh}账号不能使用此功能（仅限{audience_zh}）", "A {role} account cannot do this: it is for {audience_en}"}},
    {"privacy.erase_confirm",
     {"注销账号无法撤销：请输入 {confirm} 确认", "Erasing the account cannot be undone: type {confirm} to confirm"}},
};

// Sponsors and drives (sponsors/sponsor_policy.cpp, sponsors.cpp, api/sponsor_handlers.cpp).
// Volunteer teams, hours and appointment letters (volunteers/volunteer_service.cpp, api/volunteer_handlers.cpp).
constexpr CatalogueEntry kVolunteers[] = {
    {"volunteers.forbidden",
     {"只有队伍所在辖区的组织方可以这样操作", "Only the organisers of the team's area may do this"}},
    {"volunteers.not_member", {"您还不是这支志愿队的队员", "You are not a member of this team"}},
    {"volunteers.cannot_join",
     {"只能加入本街道（或本平台）的志愿队", "You can join the teams of your own street or platform"}},
    {"volunteers.not_leader",
     {"只有本队队长和辖区组织方可以查看本队时长", "Only the team's leaders and its area's organisers see its hours"}},
    {"volunteers.leaders_decide",
     {"只有本队队长可以审核本队的时长", "Only the team's leaders approve or reject its hours"}},
    {"volunteers.not_your_appointment",
     {"只有发出这份聘书的辖区组织方可以撤销它", "Only organisers of the area that issued this letter may revoke it"}},
    {"volunteers.team_not_found", {"没有这支志愿队", "No such volunteer team"}},
    {"volunteers.shift_outside_team",
     {"志愿队的活动须在本队所在辖区之内举办", "A team's activities are held within the team's area"}},
    {"volunteers.day_full",
     {"{day} 已记 {logged_minutes} 分钟，每人每天最多 720 分钟（还可记 {left_minutes} 分钟）",
      "{day} has {logged_minutes} minutes already; a day holds at most 720 ({left_minutes} left)"}},
    {"volunteers.own_entry",
     {"队长不能审核自己的时长，请由其他队长审核", "A leader never approves their own hours: another leader does"}},
    {"volunteers.already_decided", {"这条时长已经审核过了", "These hours were reviewed already"}},
    {"volunteers.bad_team_name", {"队名请写 1 到 40 个字", "A team's name has 1 to 40 characters"}},
    {"volunteers.bad_scope", {"请选择街道志愿队或平台志愿队", "Choose a street team or a platform team"}},
    {"volunteers.bad_platform", {"平台志愿队请写明平台", "A platform team names its platform"}},
    {"volunteers.bad_intro", {"简介最多 500 字", "An introduction has at most 500 characters"}},
    {"volunteers.bad_team_area",
     {"街道志愿队要建在街道；平台志愿队要建在街道或以上",
      "A street team belongs to a street, a platform team to a street or above"}},
    {"volunteers.bad_minutes", {"每条时长为 1 到 720 分钟", "Each entry is 1 to 720 minutes"}},
    {"volunteers.bad_day", {"请填写日期（年-月-日）", "Give the day as YYYY-MM-DD"}},
    {"volunteers.future_day", {"不能填写还没到的日子", "The day has not come yet"}},
    {"volunteers.too_old", {"只能补记 60 天以内的时长", "Hours are logged within 60 days"}},
    {"volunteers.bad_note", {"备注最多 200 字", "A note has at most 200 characters"}},
    {"volunteers.bad_event", {"这个活动不是本队的", "That event is not one of this team's"}},
    {"volunteers.no_hours", {"{year} 年还没有审核通过的志愿时长", "No approved volunteer hours in {year}"}},
    {"volunteers.bad_appointment_kind", {"请选择聘任类别", "Choose the kind of appointment"}},
    {"volunteers.bad_title", {"聘任职务请写 1 到 40 个字", "The title has 1 to 40 characters"}},
    {"volunteers.not_a_worker", {"只能聘任本辖区登记的骑手", "Appointments are for registered workers of your area"}},
    {"volunteers.bad_term",
     {"聘期要先开始后结束，最长五年", "A term starts before it ends and lasts at most five years"}},
    {"volunteers.term_past", {"聘期已经结束", "The term has ended already"}},
    {"volunteers.bad_term_date", {"聘期请填写日期（年-月-日）", "Give the term's days as YYYY-MM-DD"}},
    {"volunteers.already_revoked", {"这份聘书已经撤销了", "This appointment was revoked already"}},
    {"volunteers.certificate_title", {"志愿服务时长证明 {year} · {team}", "Volunteer hours {year} · {team}"}},
    {"volunteers.certificate_detail", {"累计 {hours} 小时", "{hours} hours in all"}},
    {"volunteers.appointment_term", {"聘期 {from} 至 {until}", "Term {from} to {until}"}},
    {"volunteers.appointment_kind.food_safety_supervisor", {"食品安全监督员", "Food safety supervisor"}},
    {"volunteers.appointment_kind.grid_reporter", {"网格信息员", "Grid reporter"}},
    {"volunteers.appointment_kind.volunteer_leader", {"志愿服务队长", "Volunteer team leader"}},
    {"volunteers.appointment_kind.traffic_safety_advocate", {"交通安全宣传员", "Traffic safety advocate"}},
    {"volunteers.appointment_kind.union_liaison", {"工会联络员", "Union liaison"}},
    {"notifications.volunteer_hours_approved",
     {"你在{team}的志愿时长（{day}，{minutes} 分钟）已审核通过",
      "Your hours with {team} ({day}, {minutes} min) were approved"}},
    {"notifications.volunteer_hours_rejected",
     {"你在{team}的志愿时长（{day}，{minutes} 分钟）未通过审核",
      "Your hours with {team} ({day}, {minutes} min) were not approved"}},
};

constexpr CatalogueEntry kSponsors[] = {
    {"sponsors.sponsor_name", {"单位名称请写 1 到 60 个字", "The name must be 1 to 60 characters"}},
    {"sponsors.sponsor_kind",
     {"单位类型应为企业、党建联盟、商户或其他", "kind must be company, alliance, merchant or other"}},
    {"sponsors.sponsor_intro", {"简介最多 500 字", "The introduction may be at most 500 characters"}},
    {"sponsors.pledge_amount",
     {"认捐积分应为 1 到 {max} 之间的整数", "The pledge must be a whole number of points from 1 to {max}"}},
    {"sponsors.pledge_note", {"备注最多 200 字", "The note may be at most 200 characters"}},
    {"sponsors.not_member",
     {"只有这个爱心单位的账号可以为它认捐积分", "Only an account that speaks for this sponsor pledges its points"}},
    {"sponsors.pledge_decided", {"这笔认捐已经处理过了（{status}）", "This pledge was decided already ({status})"}},
    {"sponsors.not_allowed", {"您的角色不能进行这项爱心单位操作", "Your role may not do this for sponsors"}},
    {"sponsors.out_of_scope",
     {"这个账号或爱心单位不在您的辖区内", "The account or the sponsor lies outside your area"}},
    {"sponsors.not_sponsor_role",
     {"只有角色为“爱心单位”的账号可以关联到爱心单位", "Only an account with the role sponsor speaks for a sponsor"}},
    {"sponsors.drive_title", {"活动名称请写 1 到 40 个字", "The title must be 1 to 40 characters"}},
    {"sponsors.drive_story", {"活动介绍最多 1000 字", "The story may be at most 1000 characters"}},
    {"sponsors.drive_collects", {"请写明募集什么（1 到 60 个字）", "Say what is collected, in 1 to 60 characters"}},
    {"sponsors.drive_goal", {"目标数量请留空，或填 1 到 1000 万", "The goal must be empty, or 1 to 10,000,000"}},
    {"sponsors.drive_ends_at", {"结束时间应晚于开始时间", "ends_at must come after starts_at"}},
    {"sponsors.drive_drop_point_ids",
     {"请选择 1 到 20 个不重复的驿站作为收集点", "Choose 1 to 20 different stations as drop points"}},
    {"sponsors.drive_drop_point_not_station",
     {"收集点必须是活动区域内已审核的驿站（#{place_id} 不是）",
      "Every drop point is an approved station inside the drive's area (#{place_id} is not)"}},
    {"sponsors.item_direction", {"请选择收入还是发出", "direction must be in or out"}},
    {"sponsors.item_count", {"数量应为 1 到 {max} 之间的整数", "The count must be a whole number from 1 to {max}"}},
    {"sponsors.item_note", {"备注最多 200 字", "The note may be at most 200 characters"}},
    {"sponsors.item_organisation",
     {"请写明捐赠单位（1 到 60 个字）", "Name the organisation that gave them, in 1 to 60 characters"}},
    {"sponsors.item_recipient_kind",
     {"请选择发给了谁（骑手子女、骑手家庭、阅读角或其他），不要写姓名",
      "Choose whom they went to (a worker's child, a worker's family, a reading corner, other): never a name"}},
    {"sponsors.item_sponsor", {"没有这个爱心单位", "sponsor_id names no sponsor"}},
    {"sponsors.drive_not_running",
     {"活动不在进行中，现在不能登记收入", "The drive is not running: items are logged in while it runs"}},
    {"sponsors.drive_not_enough",
     {"这个收集点只有 {on_hand} 件，不能发出 {count} 件",
      "This drop point holds {on_hand} items: {count} cannot go out"}},
    {"sponsors.not_drop_point", {"这个场所不是本次活动的收集点", "This place is not one of the drive's drop points"}},
    {"sponsors.not_drop_point_keeper",
     {"只有这个收集点的站长或所在辖区的工作人员可以登记",
      "Only the keeper of this drop point, or an officer of its area, logs its items"}},
};

// Childcare classes and their children (childcare/childcare_policy.cpp, childcare_service.cpp).
constexpr CatalogueEntry kChildcare[] = {
    {"childcare.bad_name",
     {"请填写孩子的名字（不用写姓），1 到 {max_name} 个字", "Give the child's given name, 1 to {max_name} characters"}},
    {"childcare.bad_age", {"孩子的年龄应为 0 到 {max_age} 岁", "The child's age must be 0 to {max_age} years"}},
    {"childcare.bad_note",
     {"过敏等备注最多 {max_note} 个字", "The note about allergies may be at most {max_note} characters"}},
    {"childcare.no_place",
     {"您还没有这个托管班的名额，请先报名，名额确认后再添加孩子",
      "You hold no place in this class: register first, then add your children once the place is confirmed"}},
    {"childcare.forbidden",
     {"只有活动的组织方可以查看孩子的信息", "Only the organisers of this class may see its children"}},
    {"childcare.event_cancelled", {"这个托管班已取消", "This class was cancelled"}},
    {"childcare.too_many_children",
     {"一个名额最多登记 {max} 个孩子", "At most {max} children may be registered on one place"}},
    {"childcare.full",
     {"托管班的 {capacity} 个名额已满，暂时不能再添加孩子",
      "All {capacity} places of the class are taken: no more children can be added"}},
    {"childcare.bad_day",
     {"日期应在托管班的日期之内（{first} 至 {last}）", "The day must be one of the class's days ({first} to {last})"}},
};

// Calendar feeds (calendar/calendar_service.cpp, api/calendar_handlers.cpp).
constexpr CatalogueEntry kCalendar[] = {
    {"calendar.no_such_feed",
     {"没有这个日历地址：它可能已被重置或停用，请在“日历订阅”里重新生成",
      "No calendar at this address: it was reset or revoked. Make a new link under Calendar"}},
    {"calendar.no_such_event", {"没有这个活动", "No such event"}},
    {"calendar.no_such_area", {"没有编号为 {area} 的地区", "No area with code {area}"}},
    {"calendar.area_required", {"请指明地区：events.ics?area=地区编号", "Name the area: events.ics?area=CODE"}},
    {"calendar.area_feed_name", {"{area}·友好活动", "Youhao events · {area}"}},
    {"calendar.personal_feed_name", {"我的友好活动", "My Youhao events"}},
};

// Training, skills contests and signed certificates (training/, certificates/, api/training_handlers.cpp).
constexpr CatalogueEntry kTraining[] = {
    {"training.not_yours", {"只有本场培训（比武）的组织者可以操作", "Only this session's organisers may do that"}},
    {"training.bad_topic",
     {"请选择培训类别：交通安全、食品安全、急救或技能",
      "Choose a topic: traffic safety, food safety, first aid or skills"}},
    {"training.bad_title", {"请填写标题（不超过 80 字节）", "Give a title (at most 80 bytes)"}},
    {"training.bad_hours", {"学时须在 1 到 200 之间", "Hours must be 1 to 200"}},
    {"training.bad_score", {"分数须在 0 到 1000 之间", "A score is 0 to 1000"}},
    {"training.bad_top", {"推荐名次须在 1 到 20 之间", "Pass on the top 1 to 20"}},
    {"training.not_session", {"这个活动不是培训课次", "This event is not a training session"}},
    {"training.not_contest", {"技能比武须建在“技能比武”类活动上", "A contest is held at a skills-contest event"}},
    {"training.not_registered", {"这位骑手没有报名本场", "This worker is not registered for it"}},
    {"training.contest_closed", {"比武已结束，成绩不能再改", "The contest is closed"}},
    {"training.course_not_found", {"没有这门培训课程", "No such training course"}},
    {"training.not_course_organiser",
     {"只有课程所属地区的组织方可以为这门课程安排培训课次",
      "Only organisers of the course's area schedule its sessions"}},
    {"training.session_outside_course",
     {"培训课次须在课程所属地区之内举办", "A course's sessions are held within the course's area"}},
    {"training.session_not_started",
     {"培训还没开始，开始后才能登记考核结果", "Completions are recorded once the session has started"}},
    {"training.certificate_detail", {"{date} · {hours} 学时", "{date} · {hours} hours"}},
    {"training.contest_citation", {"「{contest}」比武第{rank}名", "No. {rank} in the skills contest {contest}"}},
    {"certificates.not_yours",
     {"证书只给持证人和发证地区的工作人员查看或撤销",
      "A certificate is for its holder and the issuing area's officers"}},
    {"certificates.bad_reason", {"请写明撤销原因（不超过 200 字节）", "Give a reason (at most 200 bytes)"}},
    {"certificates.already_revoked", {"这张证书已被撤销", "This certificate is revoked"}},
    {"certificates.pdf_heading_training", {"培训合格证书", "Certificate of Training"}},
    {"certificates.pdf_heading_volunteer_hours", {"志愿服务证明", "Certificate of Volunteer Service"}},
    {"certificates.pdf_heading_appointment", {"聘书", "Letter of Appointment"}},
    {"certificates.pdf_line", {"特发此证", "is hereby certified for"}},
    {"certificates.pdf_issued", {"{area} · {date}", "{area} · {date}"}},
    {"certificates.pdf_serial", {"证书编号", "Serial"}},
    {"certificates.pdf_verify_hint", {"扫码验证证书真伪", "Scan to verify"}},
};

std::vector<CatalogueEntry> Build() {
  std::vector<CatalogueEntry> all;
  for (const auto& entry : kTraining) all.push_back(entry);
  for (const auto& entry : kCalendar) all.push_back(entry);
  for (const auto& entry : kSponsors) all.push_back(entry);
  for (const auto& entry : kReports) all.push_back(entry);
  for (const auto& entry : kPlaces) all.push_back(entry);
  for (const auto& entry : kNotifications) all.push_back(entry);
  for (const auto& entry : kAcceptance) all.push_back(entry);
  for (const auto& entry : kAccess) all.push_back(entry);
  for (const auto& entry : kInput) all.push_back(entry);
  for (const auto& entry : kPoints) all.push_back(entry);
  for (const auto& entry : kHandover) all.push_back(entry);
  for (const auto& entry : kHonourCampaigns) all.push_back(entry);
  for (const auto& entry : kWishes) all.push_back(entry);
  for (const auto& entry : kEvents) all.push_back(entry);
  for (const auto& entry : kChildcare) all.push_back(entry);
  for (const auto& entry : kRegistry) all.push_back(entry);
  for (const auto& entry : kLabels) all.push_back(entry);
  for (const auto& entry : kOpen311) all.push_back(entry);
  for (const auto& entry : kEntry) all.push_back(entry);
  for (const auto& entry : kRouteSteps) all.push_back(entry);
  for (const auto& entry : kRoads) all.push_back(entry);
  for (const auto& entry : kMaps) all.push_back(entry);
  for (const auto& entry : kRouteRules) all.push_back(entry);
  for (const auto& entry : kSteps) all.push_back(entry);
  for (const auto& entry : kHours) all.push_back(entry);
  for (const auto& entry : kAttendance) all.push_back(entry);
  for (const auto& entry : kVolunteers) all.push_back(entry);
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

std::string Words(std::string_view key, http::Lang lang, const boost::json::object& fields) {
  const http::Message* message = LookupMessage(key);
  return message != nullptr ? http::FillFields(message->In(lang), fields) : std::string();
}

std::string StepNoteWords(const std::string& stored, http::Lang lang) {
  if (!stored.starts_with(R"({"says":)")) return stored;
  boost::system::error_code error;
  const boost::json::value parsed = boost::json::parse(stored, error);
  if (error || !parsed.is_object()) return stored;
  const auto* says = parsed.as_object().if_contains("says");
  if (says == nullptr || !says->is_string()) return stored;
  const http::Message* words = LookupMessage("report_step." + std::string(says->as_string()));
  return words != nullptr ? http::FillFields(words->In(lang), parsed.as_object()) : stored;
}

std::string RouteStepWords(const maps::RouteStep& step, http::Lang lang) {
  const auto words = [&](const std::string& key) -> std::string_view {
    const http::Message* message = LookupMessage(key);
    return message != nullptr ? message->In(lang) : std::string_view();
  };
  const std::string compass = "maps.compass." + std::string(maps::CompassName(step.compass));
  const std::string mode = step.mode == maps::Mode::kRide ? "maps.mode.ride" : "maps.mode.walk";
  std::string mode_en(words(mode));
  // An English sentence that begins with the mode capitalises it ("Walk east 40 m").
  if (step.move == maps::Move::kHead && !mode_en.empty() && lang == http::Lang::kEn)
    mode_en[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(mode_en[0])));
  const boost::json::object fields{{"place", step.place},          {"metres", step.rounded_metres},
                                   {"compass_zh", words(compass)}, {"compass_en", words(compass)},
                                   {"mode_zh", words(mode)},       {"mode_en", mode_en}};
  std::string text = http::FillFields(words("maps.step." + std::string(maps::MoveName(step.move))), fields);
  if (step.ending != maps::Ending::kNone) {
    text += http::FillFields(words("maps.step." + std::string(maps::EndingName(step.ending))),
                             {{"place", step.ending_place}});
  }
  return text;
}

std::string RouteRuleWords(maps::RouteRule rule, std::string_view place, http::Lang lang) {
  if (rule == maps::RouteRule::kNone) return {};
  const http::Message* words = LookupMessage("maps.rule." + std::string(maps::RuleName(rule)));
  if (words == nullptr) return {};
  // A path is named in passing, when it has a name: "更近的路（学院路）此时关闭".
  const bool path = rule == maps::RouteRule::kPathClosedNow || rule == maps::RouteRule::kPathClosedToWorkers;
  std::string shown(place);
  if (path && !place.empty()) {
    shown = lang == http::Lang::kEn ? " (" + std::string(place) + ")" : "（" + std::string(place) + "）";
  }
  return http::FillFields(words->In(lang), {{"place", shown}});
}

std::string RouteSummary(const std::vector<maps::RouteStep>& steps, http::Lang lang) {
  std::string summary;
  for (const maps::RouteStep& step : steps) {
    if (!summary.empty()) summary += lang == http::Lang::kEn ? "; " : "，";
    summary += RouteStepWords(step, lang);
  }
  return summary;
}

const http::Message* LookupMessage(std::string_view key) {
  const auto& catalogue = MessageCatalogue();
  auto found =
      std::lower_bound(catalogue.begin(), catalogue.end(), key,
                       [](const CatalogueEntry& entry, std::string_view wanted) { return entry.key < wanted; });
  return found != catalogue.end() && found->key == key ? &found->words : nullptr;
}

}  // namespace youhao::api
