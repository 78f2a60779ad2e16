#include "basemap/tile_renderer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "core/text.h"

namespace youhao::basemap {

namespace {

/// Shapes reach this far past the tile's edge, so strokes and rings end outside it.
constexpr double kClipMargin = 8;

constexpr std::string_view kBackground = "#f2efe9";

struct LayerStyle {
  const char* name;   // class in the tile's <style>
  double base_width;  // stroke width at zoom 18 (lines)
  double min_width;   // never thinner
  bool cased;         // drawn twice: a darker casing under the fill
};

constexpr std::array<LayerStyle, kLayerCount> kStyles = {{
    {"g", 0, 0, false},      // green
    {"w", 0, 0, false},      // water
    {"ww", 4, 1, false},     // waterway
    {"b", 0, 0, false},      // building
    {"rl", 2.5, 1, false},   // rail
    {"p", 1.6, 0.8, false},  // path
    {"s", 6, 1, true},       // service
    {"m", 10, 1.4, true},    // minor road
    {"M", 14, 2, true},      // major road
}};

double WidthAt(const LayerStyle& style, int z) {
  return std::max(style.min_width, style.base_width * std::pow(0.62, kBaseZoom - z));
}

/// One decimal, no trailing zeros, no leading zero ("12", ".5", "-3.2").
void AppendNumber(std::string& out, long long tenths) {
  if (tenths < 0) {
    out += '-';
    tenths = -tenths;
  }
  const long long whole = tenths / 10;
  const long long fraction = tenths % 10;
  if (whole != 0 || fraction == 0) out += std::to_string(whole);
  if (fraction != 0) {
    out += '.';
    out += static_cast<char>('0' + fraction);
  }
}

struct Rect {
  double min_x, min_y, max_x, max_y;
};

/// Sutherland–Hodgman: the part of a closed ring inside `rect`.
std::vector<Pixel> ClipRing(const std::vector<Pixel>& ring, const Rect& rect) {
  std::vector<Pixel> current = ring;
  if (!current.empty() && current.front().x == current.back().x && current.front().y == current.back().y)
    current.pop_back();
  for (int edge = 0; edge < 4 && !current.empty(); ++edge) {
    const auto inside = [&](Pixel p) {
      switch (edge) {
        case 0:
          return p.x >= rect.min_x;
        case 1:
          return p.x <= rect.max_x;
        case 2:
          return p.y >= rect.min_y;
        default:
          return p.y <= rect.max_y;
      }
    };
    const auto cross = [&](Pixel a, Pixel b) {
      double t = 0;
      switch (edge) {
        case 0:
          t = (rect.min_x - a.x) / (b.x - a.x);
          break;
        case 1:
          t = (rect.max_x - a.x) / (b.x - a.x);
          break;
        case 2:
          t = (rect.min_y - a.y) / (b.y - a.y);
          break;
        default:
          t = (rect.max_y - a.y) / (b.y - a.y);
          break;
      }
      return Pixel{a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
    };
    std::vector<Pixel> next;
    next.reserve(current.size() + 4);
    for (std::size_t i = 0; i < current.size(); ++i) {
      const Pixel a = current[(i + current.size() - 1) % current.size()];
      const Pixel b = current[i];
      if (inside(b)) {
        if (!inside(a)) next.push_back(cross(a, b));
        next.push_back(b);
      } else if (inside(a)) {
        next.push_back(cross(a, b));
      }
    }
    current = std::move(next);
  }
  return current;
}

bool SegmentTouches(Pixel a, Pixel b, const Rect& rect) {
  return !(std::max(a.x, b.x) < rect.min_x || std::min(a.x, b.x) > rect.max_x || std::max(a.y, b.y) < rect.min_y ||
           std::min(a.y, b.y) > rect.max_y);
}

/// Appends "M x y l dx dy …" (closed with z for rings) in tenths of a pixel, dropping points
/// closer than `min_step` to the last one kept.
void AppendPath(std::string& out, const std::vector<Pixel>& points, bool closed, double min_step) {
  if (points.size() < (closed ? 3U : 2U)) return;
  std::vector<std::pair<long long, long long>> kept;
  kept.reserve(points.size());
  const double step_tenths = min_step * 10;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const std::pair<long long, long long> p{std::llround(points[i].x * 10), std::llround(points[i].y * 10)};
    const bool last = i + 1 == points.size();
    if (!kept.empty()) {
      const double d = std::hypot(static_cast<double>(p.first - kept.back().first),
                                  static_cast<double>(p.second - kept.back().second));
      if (d == 0 || (d < step_tenths && !last)) continue;
    }
    kept.push_back(p);
  }
  if (kept.size() < (closed ? 3U : 2U)) return;
  out += 'M';
  AppendNumber(out, kept[0].first);
  out += ' ';
  AppendNumber(out, kept[0].second);
  out += 'l';
  for (std::size_t i = 1; i < kept.size(); ++i) {
    const long long dx = kept[i].first - kept[i - 1].first;
    const long long dy = kept[i].second - kept[i - 1].second;
    if (i > 1 && dx >= 0) out += ' ';
    AppendNumber(out, dx);
    if (dy >= 0) out += ' ';
    AppendNumber(out, dy);
  }
  if (closed) out += 'z';
}

std::string Style(int z) {
  std::string style = fmt::format(
      "<style>.g{{fill:#cdebb0}}.w{{fill:#aad3df}}.b{{fill:#d9d0c9;stroke:#c4b6ab;stroke-width:.6}}"
      ".ww{{fill:none;stroke:#aad3df;stroke-width:{0:.1f}}}.rl{{fill:none;stroke:#999;stroke-width:{1:.1f};"
      "stroke-dasharray:6 4}}.p{{fill:none;stroke:#e07a6a;stroke-width:{2:.1f};stroke-dasharray:3 2}}",
      WidthAt(kStyles[2], z), WidthAt(kStyles[4], z), WidthAt(kStyles[5], z));
  const std::array<std::pair<const char*, const char*>, 3> colours = {
      {{"#fff", "#c8c8c8"}, {"#fff", "#b8b8b8"}, {"#fcd6a4", "#c99a5b"}}};
  for (int i = 0; i < 3; ++i) {
    const LayerStyle& layer = kStyles[6 + i];
    const double width = WidthAt(layer, z);
    const double casing = width + (z >= 15 ? 2 : 1);
    style += fmt::format(
        ".{0}c,.{0}{{fill:none;stroke-linecap:round;stroke-linejoin:round}}.{0}c{{stroke:{1};stroke-width:{2:.1f}}}"
        ".{0}{{stroke:{3};stroke-width:{4:.1f}}}",
        layer.name, colours[i].second, casing, colours[i].first, width);
  }
  style +=
      "text{font-family:'Noto Sans CJK SC','WenQuanYi Micro Hei','Source Han Sans SC',sans-serif;"
      "text-anchor:middle;dominant-baseline:central;paint-order:stroke;stroke:#fff;stroke-width:3px;"
      "stroke-linejoin:round;fill:#333}.lb{fill:#6b5b4e}.lw{fill:#1f6f99;font-style:italic}.lp{font-weight:bold;fill:#"
      "222}"
      ".la{fill:#555}</style>";
  return style;
}

const char* LabelClass(LabelKind kind) {
  switch (kind) {
    case LabelKind::kBuilding:
      return "lb";
    case LabelKind::kWater:
      return "lw";
    case LabelKind::kPlace:
      return "lp";
    case LabelKind::kArea:
      return "la";
    default:
      return nullptr;
  }
}

}  // namespace

std::string EmptyTile() {
  return fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">)"
                     R"(<rect width="256" height="256" fill="{}"/></svg>)",
                     kBackground);
}

std::string RenderTile(const BaseMapData& data, const std::vector<PlacedLabel>& labels, TileId tile,
                       const std::vector<int>* shapes) {
  const int z = tile.z;
  const double scale = std::ldexp(1.0, z - kBaseZoom);
  const double origin_x = static_cast<double>(tile.x) * kTileSize;
  const double origin_y = static_cast<double>(tile.y) * kTileSize;
  const Rect clip{-kClipMargin, -kClipMargin, kTileSize + kClipMargin, kTileSize + kClipMargin};
  // The tile (with its margin) at kBaseZoom, to skip shapes quickly.
  Box reach;
  reach.Add({(origin_x - kClipMargin) / scale, (origin_y - kClipMargin) / scale});
  reach.Add({(origin_x + kTileSize + kClipMargin) / scale, (origin_y + kTileSize + kClipMargin) / scale});
  // Below a pixel is invisible; areas smaller than a couple of pixels are skipped.
  const double min_step = z >= kBaseZoom ? 0.3 : 0.7;

  std::array<std::string, kLayerCount> paths;
  const auto draw = [&](const Shape& shape) {
    if (shape.min_zoom > z || !shape.box.Intersects(reach)) return;
    if (shape.area && (shape.box.max_x - shape.box.min_x) * scale < 1.5 &&
        (shape.box.max_y - shape.box.min_y) * scale < 1.5)
      return;
    std::string& out = paths[static_cast<int>(shape.layer)];
    for (const auto& part : shape.parts) {
      std::vector<Pixel> local;
      local.reserve(part.size());
      for (const auto& p : part) local.push_back({p.x * scale - origin_x, p.y * scale - origin_y});
      if (shape.area) {
        AppendPath(out, ClipRing(local, clip), true, min_step);
        continue;
      }
      // A line: the runs of segments that reach the tile.
      std::vector<Pixel> run;
      for (std::size_t i = 0; i + 1 < local.size(); ++i) {
        if (SegmentTouches(local[i], local[i + 1], clip)) {
          if (run.empty()) run.push_back(local[i]);
          run.push_back(local[i + 1]);
        } else if (!run.empty()) {
          AppendPath(out, run, false, min_step);
          run.clear();
        }
      }
      AppendPath(out, run, false, min_step);
    }
  };
  if (shapes != nullptr) {
    for (int index : *shapes) draw(data.shapes[static_cast<std::size_t>(index)]);
  } else {
    for (const auto& shape : data.shapes) draw(shape);
  }

  std::string svg = R"(<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">)";
  svg += Style(z);
  svg += fmt::format(R"(<rect width="256" height="256" fill="{}"/>)", kBackground);
  for (int layer = 0; layer < kLayerCount; ++layer) {
    if (paths[layer].empty()) continue;
    const LayerStyle& style = kStyles[static_cast<std::size_t>(layer)];
    if (style.cased) {
      // The same path twice: the casing first; the fill of every road class comes after all casings.
      svg += fmt::format(R"(<path id="{0}" class="{0}c" d="{1}"/>)", style.name, paths[layer]);
    } else {
      svg += fmt::format(R"(<path class="{}" d="{}"/>)", style.name, paths[layer]);
    }
  }
  for (int layer = 0; layer < kLayerCount; ++layer) {
    const LayerStyle& style = kStyles[static_cast<std::size_t>(layer)];
    if (style.cased && !paths[layer].empty()) svg += fmt::format(R"(<use href="#{0}" class="{0}"/>)", style.name);
  }
  for (const auto& label : labels) {
    if (label.box.max_x < origin_x || label.box.min_x > origin_x + kTileSize || label.box.max_y < origin_y ||
        label.box.min_y > origin_y + kTileSize)
      continue;
    const double x = label.at.x - origin_x;
    const double y = label.at.y - origin_y;
    svg += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" font-size="{:g}")", x, y, label.font_px);
    if (const char* cls = LabelClass(label.kind)) svg += fmt::format(R"( class="{}")", cls);
    if (std::abs(label.angle) > 0.5)
      svg += fmt::format(R"x( transform="rotate({:.1f} {:.1f} {:.1f})")x", label.angle, x, y);
    svg += '>';
    svg += core::EscapeXml(label.text);
    svg += "</text>";
  }
  svg += "</svg>";
  return svg;
}

BuildStats BuildTiles(const BaseMapData& data, const std::function<void(TileId, const std::string&)>& sink,
                      int max_zoom) {
  BuildStats stats;
  for (int z = kMinTileZoom; z <= max_zoom; ++z) {
    const double scale = std::ldexp(1.0, z - kBaseZoom);
    const TileRange range = TilesCovering(data.bounds, z);
    // Which shapes reach which tile (within the data's tiles).
    std::map<std::pair<int, int>, std::vector<int>> by_tile;
    for (std::size_t i = 0; i < data.shapes.size(); ++i) {
      const Shape& shape = data.shapes[i];
      if (shape.min_zoom > z) continue;
      const int x0 =
          std::max(range.min_x, static_cast<int>(std::floor((shape.box.min_x * scale - kClipMargin) / kTileSize)));
      const int x1 =
          std::min(range.max_x, static_cast<int>(std::floor((shape.box.max_x * scale + kClipMargin) / kTileSize)));
      const int y0 =
          std::max(range.min_y, static_cast<int>(std::floor((shape.box.min_y * scale - kClipMargin) / kTileSize)));
      const int y1 =
          std::min(range.max_y, static_cast<int>(std::floor((shape.box.max_y * scale + kClipMargin) / kTileSize)));
      for (int x = x0; x <= x1; ++x)
        for (int y = y0; y <= y1; ++y) by_tile[{x, y}].push_back(static_cast<int>(i));
    }
    const std::vector<PlacedLabel> labels = PlaceLabels(data, z);
    for (const auto& label : labels) {
      const int x0 = std::max(range.min_x, static_cast<int>(std::floor(label.box.min_x / kTileSize)));
      const int x1 = std::min(range.max_x, static_cast<int>(std::floor(label.box.max_x / kTileSize)));
      const int y0 = std::max(range.min_y, static_cast<int>(std::floor(label.box.min_y / kTileSize)));
      const int y1 = std::min(range.max_y, static_cast<int>(std::floor(label.box.max_y / kTileSize)));
      for (int x = x0; x <= x1; ++x)
        for (int y = y0; y <= y1; ++y) by_tile[{x, y}];
    }
    for (const auto& [xy, shapes] : by_tile) {
      const TileId tile{z, xy.first, xy.second};
      const std::string svg = RenderTile(data, labels, tile, &shapes);
      ++stats.tiles;
      stats.bytes += static_cast<long long>(svg.size());
      sink(tile, svg);
    }
  }
  return stats;
}

}  // namespace youhao::basemap
