#pragma once
/// Printable A3 "rider-friendly map" posters (骑手友好地图) of one compound: communities post them
/// at the gates so delivery workers see the buildings, entrances, gates, rider parking and
/// battery-swap points at a glance, and scan the QR code to open the same map on their phone.

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "maps/compound_map.h"

namespace youhao::poster {

struct PosterOptions {
  std::string title;               ///< "华清嘉园小区 骑手友好地图"
  std::string subtitle;            ///< "中关村街道 · 科源社区"
  std::vector<std::string> rules;  ///< access rules, one line each: "电动车请停放在临停区"
  std::string qr_url;              ///< what the QR code opens: "https://youhao.example/m/110108011001001"
  std::string footer;              ///< attribution and date: "地图数据 © OpenStreetMap contributors, ODbL 1.0"
};

/// Poster page size in millimetres (A3 portrait); the SVG's user unit is one millimetre.
inline constexpr double kPageWidthMm = 297;
inline constexpr double kPageHeightMm = 420;

/// The poster as a standalone SVG 1.1 document, A3 portrait, north up: a title band, the map
/// scaled to fit its frame (boundary, paths, buildings labelled "东区 3号楼", numbered entrances,
/// gates coloured by whether workers may pass, rider parking, swap cabinets, charging, drop-off
/// points, garage entrances, landmarks), a north arrow, a scale bar of 10, 20, 50, 100 or 200 m,
/// a legend of the symbols on the map, the rules, the QR code of `options.qr_url` as vector paths,
/// and the footer. All text is XML-escaped; over-long text is shortened with "…"; labels that
/// would cover one another are shrunk, moved or left out (building labels win over the rest).
/// Errors: not_found when the map has no features ("no map yet"); validation_failed when the
/// QR code cannot hold `options.qr_url` (empty or too long).
core::Result<std::string> RenderPosterSvg(const maps::CompoundMap& map, const PosterOptions& options);

/// Converts an SVG with an absolute size (such as RenderPosterSvg's) to a one-page PDF of that
/// size with librsvg and cairo. Text stays text, with the fonts it uses embedded as subsets.
/// Errors: validation_failed when librsvg cannot read the SVG or it has no absolute size;
/// internal when cairo fails.
core::Result<std::string> SvgToPdf(std::string_view svg);

}  // namespace youhao::poster
