#include "api/messages/entry_messages.h"

#include <array>

#include "schedule/opening_hours.h"

namespace youhao::api {

namespace {

using passes::ScanCode;

/// Indexed by passes::ScanCode.
constexpr std::array<http::Message, 17> kScanMessages = {{
    {"核验通过", "Verified"},
    {"不是有效的进门码", "Not a valid entry pass"},
    {"进门码签发密钥未知（请同步）", "Unknown issuer key (please sync)"},
    {"进门码签名无效（可能被伪造或篡改）", "Invalid signature (forged or altered)"},
    {"进门码已过期，请骑手在App中更新", "Pass expired; the rider must renew it in the app"},
    {"进门码已失效（截图或照片无效，请出示实时码）",
     "Code no longer valid (screenshots and photos do not work; show the live code)"},
    {"进门码与绑定手机不符", "Code does not match the bound phone"},
    {"此进门码已被注销", "This pass has been revoked"},
    {"骑手资格已被撤销", "The rider's registration has been revoked"},
    {"骑手资格已被暂停", "The rider's registration is suspended"},
    {"骑手尚未通过认证", "The rider is not verified yet"},
    {"不在本小区常驻骑手名单内", "Not on this compound's resident rider list"},
    {"当前不在允许进入的时段", "Outside the hours riders may enter"},
    {"本小区不允许进入，请将订单放在集中放取点", "No entry here; leave orders at the drop-off point"},
    {"此门不允许骑手通行，请走绿色通道", "Riders may not use this gate; use the green lane"},
    {"小区不存在", "No such compound"},
    {"门岗不存在", "No such gate"},
}};

constexpr http::Message kOutsideHoursWithHours = {"当前不在允许进入的时段（开放时间：{hours}）",
                                                  "Outside the hours riders may enter (open: {hours})"};
constexpr http::Message kDropOffAt = {"本小区不允许进入，请将订单放在：{points}",
                                      "No entry here; leave orders at: {points}"};
constexpr http::Message kGreenLaneAt = {"此门不允许骑手通行，请走绿色通道：{gates}",
                                        "Riders may not use this gate; use the green lane: {gates}"};
constexpr http::Message kPointWithDescription = {"{name}（{description}）", "{name} ({description})"};
constexpr http::Message kPointSeparator = {"；", "; "};

}  // namespace

std::string GateReason(const entry::GateDecision& decision, http::Lang lang) {
  const entry::GateVerdict& verdict = decision.verdict;
  switch (verdict.code) {
    case ScanCode::kDropOffOnly: {
      if (verdict.drop_off_points.empty()) break;
      std::string points;
      for (const auto& point : verdict.drop_off_points) {
        if (!points.empty()) points += kPointSeparator.In(lang);
        points += point.description.empty() ? point.name
                                            : http::Fill(kPointWithDescription.In(lang),
                                                         {{"name", point.name}, {"description", point.description}});
      }
      return http::Fill(kDropOffAt.In(lang), {{"points", points}});
    }
    case ScanCode::kOutsideHours: {
      if (verdict.opening_hours.empty()) break;
      auto hours = schedule::OpeningHours::Parse(verdict.opening_hours);
      const std::string text = hours.ok() && lang == http::Lang::kZhCn ? hours->DescribeZh() : verdict.opening_hours;
      return http::Fill(kOutsideHoursWithHours.In(lang), {{"hours", text}});
    }
    case ScanCode::kGateNotAllowed: {
      if (decision.green_lane_names.empty()) break;
      std::string gates;
      for (const auto& name : decision.green_lane_names) {
        if (!gates.empty()) gates += http::ListSeparator(lang);
        gates += name;
      }
      return http::Fill(kGreenLaneAt.In(lang), {{"gates", gates}});
    }
    default:
      break;
  }
  return std::string(kScanMessages[static_cast<std::size_t>(verdict.code)].In(lang));
}

}  // namespace youhao::api
