#include "poster/compound_poster.h"

#include <fmt/format.h>

#include "schedule/opening_hours.h"

namespace youhao::poster {
namespace {

std::string_view AccessModeZh(passes::AccessMode mode) {
  switch (mode) {
    case passes::AccessMode::kOpen:
      return "骑手可直接进入";
    case passes::AccessMode::kPass:
      return "出示骑手通行码，扫码进入";
    case passes::AccessMode::kWhitelist:
      return "登记备案的骑手扫码进入";
    case passes::AccessMode::kDropOff:
      return "请送至集中放取点，不进入小区";
    case passes::AccessMode::kGreenLane:
      return "走绿色通道进入";
  }
  return "";
}

}  // namespace

PosterOptions CompoundPosterOptions(const areas::Area& compound, const std::optional<areas::Area>& parent,
                                    const entry::AccessPlan& plan, const maps::CompoundMap& map,
                                    std::string_view public_url) {
  PosterOptions options;
  options.title = compound.name_zh + " 骑手友好地图";
  if (parent) options.subtitle = parent->name_zh;
  if (plan.version > 0) {
    options.rules.push_back(fmt::format("骑手进入方式：{}", AccessModeZh(plan.mode)));
    if (!plan.opening_hours.empty()) {
      if (auto hours = schedule::OpeningHours::Parse(plan.opening_hours); hours.ok()) {
        options.rules.push_back("开放时间：" + hours->DescribeZh());
      }
    }
    if (plan.max_stay_minutes > 0)
      options.rules.push_back(fmt::format("单次停留不超过 {} 分钟", plan.max_stay_minutes));
  }
  options.rules.emplace_back("电动车请停放在临停区（P），步行进入楼栋");
  options.rules.emplace_back("扫码查看楼栋、单元和路线");
  options.qr_url = fmt::format("{}/m/{}", public_url, compound.code);
  options.footer = fmt::format(
      "{}地图版本 {} · 友好 Youhao",
      map.source.find("osm") != std::string::npos ? "地图数据 © OpenStreetMap contributors, ODbL 1.0 · " : "",
      map.version);
  return options;
}

core::Result<std::string> RenderCompoundPoster(const maps::CompoundMap& map, const PosterOptions& options,
                                               PosterFormat format) {
  auto svg = RenderPosterSvg(map, options);
  if (!svg.ok() || format == PosterFormat::kSvg) return svg;
  return SvgToPdf(*svg);
}

}  // namespace youhao::poster
