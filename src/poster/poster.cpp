#include "poster/poster.h"

#include "core/text.h"

#include "maps/osm_import.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <span>

#include <fmt/format.h>

// librsvg and GLib headers use C casts and GNU extensions in macros and inline functions.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wcast-align"
#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#pragma GCC diagnostic pop

#include "maps/geometry.h"
#include "qr/qr_code.h"

namespace youhao::poster {
namespace {

using maps::Feature;
using maps::FeatureKind;
using maps::GeometryType;
using maps::LonLat;
using maps::Xy;

// Everything below is in millimetres on the A3 page, y pointing down.

constexpr std::string_view kFontFamily = "'Noto Sans CJK SC','Noto Sans SC',sans-serif";

constexpr std::string_view kInk = "#1f2329";
constexpr std::string_view kInkSoft = "#4b5058";
constexpr std::string_view kMuted = "#7a7f87";
constexpr std::string_view kAccent = "#e8590c";
constexpr std::string_view kPaper = "#ffffff";
constexpr std::string_view kLine = "#d9d3c7";
constexpr std::string_view kOutside = "#ebe8e1";
constexpr std::string_view kGround = "#fbfaf6";
constexpr std::string_view kFence = "#8a8273";
constexpr std::string_view kBuildingFill = "#d8d1c5";
constexpr std::string_view kBuildingStroke = "#a39886";
constexpr std::string_view kOpenGreen = "#2b8a3e";
constexpr std::string_view kClosedRed = "#c92a2a";
constexpr std::string_view kParkingBlue = "#1864ab";
constexpr std::string_view kParkingArea = "#d0e4f7";
constexpr std::string_view kSwapTeal = "#0b7285";
constexpr std::string_view kChargingAmber = "#f08c00";
constexpr std::string_view kDropOffViolet = "#6741d9";
constexpr std::string_view kGarageGrey = "#495057";

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  static Box Around(double cx, double cy, double width, double height) {
    return {cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2};
  }
  bool Overlaps(const Box& other) const { return x0 < other.x1 && other.x0 < x1 && y0 < other.y1 && other.y0 < y1; }
  bool Inside(const Box& other) const { return x0 >= other.x0 && y0 >= other.y0 && x1 <= other.x1 && y1 <= other.y1; }
  Box Grown(double by) const { return {x0 - by, y0 - by, x1 + by, y1 + by}; }
  double Width() const { return x1 - x0; }
  double Height() const { return y1 - y0; }
};

// Page layout (A3 portrait).
constexpr double kMargin = 12;
constexpr double kTitleBandHeight = 46;
constexpr Box kMapFrame{kMargin, 52, kPageWidthMm - kMargin, 286};
constexpr double kBottomTop = 294;
constexpr double kBottomBottom = 396;
constexpr double kQrSide = 84;
constexpr Box kQrColumn{kPageWidthMm - kMargin - kQrSide, kBottomTop, kPageWidthMm - kMargin, kBottomBottom};
constexpr Box kLeftColumn{kMargin, kBottomTop, kQrColumn.x0 - 8, kBottomBottom};
constexpr double kFooterBaseline = 410;

// The map is fitted inside the frame minus this padding, which leaves room for gate labels
// outside the fence, the north arrow (top right) and the scale bar (bottom left).
constexpr double kPadSide = 12;
constexpr double kPadTop = 24;
constexpr double kPadBottom = 18;
constexpr double kMaxScale = 6;  // mm per metre: a single building does not fill the page

constexpr std::array<int, 5> kScaleLengths{10, 20, 50, 100, 200};
constexpr double kMaxScaleBarMm = 60;

constexpr double kBuildingLabelMax = 8.5;
constexpr double kBuildingLabelMin = 4.5;
constexpr double kBuildingLabelMaxEm = 8;
constexpr double kSectionRatio = 0.7;   // a building's section ("东区") next to its number
constexpr double kSectionGapEm = 0.25;  // and the gap between them
constexpr double kMarkerSize = 5.6;
constexpr double kEntranceRadius = 2.3;

// ---------------------------------------------------------------------------------------------
// Text: lenient UTF-8, widths estimated from Noto Sans CJK's metrics, XML escaping.

std::u32string Decode(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    int extra = 0;
    char32_t code = 0xFFFD;
    if (lead < 0x80) {
      code = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      extra = 1;
      code = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      extra = 2;
      code = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      extra = 3;
      code = lead & 0x07;
    }
    bool valid = lead < 0x80 || extra > 0;
    for (int k = 1; valid && k <= extra; ++k) {
      if (i + k >= text.size() || (static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
        valid = false;
      } else {
        code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
      }
    }
    if (valid) {
      constexpr std::array<char32_t, 4> kSmallest{0, 0x80, 0x800, 0x10000};
      if (code < kSmallest[extra] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) valid = false;
    }
    if (!valid) {
      out += U'\uFFFD';
      ++i;
      continue;
    }
    i += extra + 1;
    // Characters XML 1.0 forbids, and line breaks, which a one-line label cannot show.
    if (code < 0x20 || code == 0xFFFE || code == 0xFFFF) {
      if (code == '\t' || code == '\n' || code == '\r') out += U' ';
      continue;
    }
    out += code;
  }
  return out;
}

void AppendUtf8(std::string& out, char32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

/// Advance width in em, erring wide, for Noto Sans CJK SC bold.
double EmWidth(char32_t c) {
  // CJK, Hangul, kana, full-width forms and punctuation, "…"; the CJK fonts draw "·" full width too.
  if (c >= 0x1100 || c == 0xB7) return 1.0;
  if (c == ' ') return 0.26;
  if (c >= '0' && c <= '9') return 0.6;
  if (c == 'i' || c == 'l' || c == 'j' || c == 'I' || c == '.' || c == ',' || c == ':' || c == ';' || c == '!' ||
      c == '\'' || c == '|') {
    return 0.32;
  }
  if (c == 'm' || c == 'w' || c == 'M' || c == 'W' || c == '@' || c == '%') return 0.9;
  if (c >= 'A' && c <= 'Z') return 0.7;
  return 0.6;
}

double WidthEm(std::u32string_view text) {
  double width = 0;
  for (char32_t c : text) width += EmWidth(c);
  return width;
}

std::u32string TrimSpaces(std::u32string_view text) {
  while (!text.empty() && text.front() == U' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == U' ') text.remove_suffix(1);
  return std::u32string(text);
}

/// `text` cut to at most `max_em` wide, ending in "…" when it had to be cut.
std::u32string Ellipsize(std::u32string_view text, double max_em) {
  if (WidthEm(text) <= max_em) return std::u32string(text);
  const double budget = max_em - EmWidth(U'…');
  double width = 0;
  std::size_t keep = 0;
  while (keep < text.size() && width + EmWidth(text[keep]) <= budget) width += EmWidth(text[keep++]);
  return TrimSpaces(text.substr(0, keep)) + U'…';
}

/// Greedy line breaking: after spaces for Latin words, anywhere between CJK characters. The last
/// line is ellipsized when the text needs more than `max_lines`.
std::vector<std::u32string> Wrap(std::u32string_view text, double max_em, std::size_t max_lines) {
  std::vector<std::u32string> lines;
  std::u32string rest = TrimSpaces(text);
  while (!rest.empty() && lines.size() < max_lines) {
    if (WidthEm(rest) <= max_em) {
      lines.push_back(rest);
      rest.clear();
      break;
    }
    if (lines.size() + 1 == max_lines) {
      lines.push_back(Ellipsize(rest, max_em));
      rest.clear();
      break;
    }
    double width = 0;
    std::size_t fit = 0;
    while (fit < rest.size() && width + EmWidth(rest[fit]) <= max_em) width += EmWidth(rest[fit++]);
    std::size_t cut = fit;
    // Do not split a Latin word or number when there is an earlier break opportunity.
    if (fit < rest.size() && rest[fit] < 0x1100 && rest[fit] != U' ') {
      std::size_t back = fit;
      while (back > 0 && rest[back - 1] < 0x1100 && rest[back - 1] != U' ') --back;
      if (back > 0) cut = back;
    }
    if (cut == 0) cut = std::max<std::size_t>(fit, 1);
    lines.push_back(TrimSpaces(std::u32string_view(rest).substr(0, cut)));
    rest = TrimSpaces(std::u32string_view(rest).substr(cut));
  }
  return lines;
}

std::string Escape(std::u32string_view text) {
  std::string utf8;
  utf8.reserve(text.size() * 3);
  for (char32_t c : text) AppendUtf8(utf8, c);
  return core::EscapeXml(utf8);
}

/// A number with at most two decimals and no trailing zeros: compact and locale-independent.
std::string Num(double value) {
  if (std::abs(value) < 0.005) return "0";
  std::string text = fmt::format("{:.2f}", value);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

enum class Anchor { kStart, kMiddle, kEnd };

struct TextStyle {
  double size = 5;
  bool bold = false;
  std::string_view fill = kInk;
  Anchor anchor = Anchor::kStart;
  std::string_view halo;  ///< a stroke colour behind the glyphs, or "" for none
};

/// Vertical offset from a line's visual centre to its baseline, for CJK glyphs.
constexpr double kBaselineFromCentre = 0.36;

/// One line of text; `escaped_content` is already escaped XML (it may hold <tspan>s).
void AppendRawText(std::string& out, double x, double baseline, const TextStyle& style,
                   std::string_view escaped_content) {
  static constexpr std::array<std::string_view, 3> kAnchors{"start", "middle", "end"};
  out += fmt::format(R"svg(<text x="{}" y="{}" font-size="{}")svg", Num(x), Num(baseline), Num(style.size));
  if (style.bold) out += R"svg( font-weight="bold")svg";
  if (style.anchor != Anchor::kStart) {
    out += fmt::format(R"svg( text-anchor="{}")svg", kAnchors[static_cast<std::size_t>(style.anchor)]);
  }
  out += fmt::format(R"svg( fill="{}")svg", style.fill);
  if (!style.halo.empty()) {
    out += fmt::format(R"svg( stroke="{}" stroke-width="{}" stroke-linejoin="round" paint-order="stroke")svg",
                       style.halo, Num(style.size * 0.22));
  }
  out += '>';
  out += escaped_content;
  out += "</text>";
}

void AppendText(std::string& out, double x, double baseline, const TextStyle& style, std::u32string_view text) {
  AppendRawText(out, x, baseline, style, Escape(text));
}

// ---------------------------------------------------------------------------------------------
// Symbols, defined once and used on the map and in the legend. Each is centred on (0, 0).

enum class Symbol { kGateOpen, kGateClosed, kParking, kSwap, kCharging, kDropOff, kGarage, kLandmark };

std::string_view SymbolId(Symbol symbol) {
  static constexpr std::array<std::string_view, 8> kIds{"gate-open", "gate-closed", "parking", "swap",
                                                        "charging",  "drop-off",    "garage",  "landmark"};
  return kIds[static_cast<std::size_t>(symbol)];
}

std::string SymbolDefs() {
  const double h = kMarkerSize / 2;
  const std::string tile =
      fmt::format(R"svg(x="-{0}" y="-{0}" width="{1}" height="{1}" rx="1.1" stroke="#fff" stroke-width="0.45")svg",
                  Num(h), Num(kMarkerSize));
  std::string defs = "<defs>";
  // Gates: the character 门 on green; on red with a bar across when workers may not pass.
  defs += fmt::format(R"svg(<g id="gate-open"><rect {0} fill="{1}"/><text y="1.45" font-size="4" font-weight="bold")svg"
                      R"svg( fill="#fff" text-anchor="middle">门</text></g>)svg",
                      tile, kOpenGreen);
  defs +=
      fmt::format(R"svg(<g id="gate-closed"><rect {0} fill="{1}"/><text y="1.45" font-size="4" font-weight="bold")svg"
                  R"svg( fill="#fff" text-anchor="middle">门</text>)svg"
                  R"svg(<path d="M-2.1 2.1L2.1-2.1" stroke="#fff" stroke-width="0.8" stroke-linecap="round"/></g>)svg",
                  tile, kClosedRed);
  defs += fmt::format(R"svg(<g id="parking"><rect {0} fill="{1}"/><text y="1.6" font-size="4.4" font-weight="bold")svg"
                      R"svg( fill="#fff" text-anchor="middle">P</text></g>)svg",
                      tile, kParkingBlue);
  // Battery with a lightning bolt.
  defs += fmt::format(
      R"svg(<g id="swap"><rect {0} fill="{1}"/><rect x="-1.45" y="-1.75" width="2.9" height="3.85" rx="0.35")svg"
      R"svg( fill="none" stroke="#fff" stroke-width="0.5"/>)svg"
      R"svg(<rect x="-0.6" y="-2.3" width="1.2" height="0.55" fill="#fff"/><path d="M0.25-1.25L-0.8)svg"
      R"svg( 0.35H0L-0.3 1.7L0.8 0H0Z" fill="#fff"/></g>)svg",
      tile, kSwapTeal);
  defs += fmt::format(R"svg(<g id="charging"><circle r="{0}" fill="{1}" stroke="#fff" stroke-width="0.45"/><path)svg"
                      R"svg( d="M0.45-2L-1.3 0.35H-0.05L-0.5 2L1.3-0.4H0.05Z" fill="#fff"/></g>)svg",
                      Num(h), kChargingAmber);
  // A parcel.
  defs +=
      fmt::format(R"svg(<g id="drop-off"><rect {0} fill="{1}"/><path d="M-1.8-0.9L0-1.8L1.8-0.9V1.1L0 2L-1.8 1.1Z)svg"
                  R"svg( M-1.8-0.9L0 0L1.8-0.9 M0 0V2" )svg"
                  R"svg(fill="none" stroke="#fff" stroke-width="0.45" stroke-linejoin="round"/></g>)svg",
                  tile, kDropOffViolet);
  // A ramp going down.
  defs += fmt::format(
      R"svg(<g id="garage"><rect {0} fill="{1}"/><path d="M0-1.9V1.3M-1.5-0.1L0 1.5L1.5-0.1" fill="none")svg"
      R"svg( stroke="#fff" stroke-width="0.65" )svg"
      R"svg(stroke-linecap="round" stroke-linejoin="round"/><path d="M-1.9-2H1.9" stroke="#fff")svg"
      R"svg( stroke-width="0.5" stroke-linecap="round"/></g>)svg",
      tile, kGarageGrey);
  defs +=
      fmt::format(R"svg(<g id="landmark"><circle r="1.3" fill="{}" stroke="#fff" stroke-width="0.4"/></g>)svg", kMuted);
  defs += "</defs>";
  return defs;
}

void AppendUse(std::string& out, Symbol symbol, double x, double y) {
  out += fmt::format(R"svg(<use xlink:href="#{}" transform="translate({} {})"/>)svg", SymbolId(symbol), Num(x), Num(y));
}

// ---------------------------------------------------------------------------------------------

std::string PathData(const std::vector<Xy>& points, bool close) {
  std::string d;
  for (std::size_t i = 0; i < points.size(); ++i) {
    d += fmt::format("{}{} {}", i == 0 ? 'M' : 'L', Num(points[i].x), Num(points[i].y));
  }
  if (close) d += 'Z';
  return d;
}

Box Bounds(const std::vector<Xy>& points) {
  Box box{std::numeric_limits<double>::max(), std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest(),
          std::numeric_limits<double>::lowest()};
  for (const Xy& p : points)
    box = {std::min(box.x0, p.x), std::min(box.y0, p.y), std::max(box.x1, p.x), std::max(box.y1, p.y)};
  return box;
}

Box Union(const Box& a, const Box& b) {
  return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

/// How a building is labelled: "3号楼" in large type, its section ("东区") smaller before or above
/// it; the section is left out when the label already starts with it.
struct BuildingName {
  std::u32string section;
  std::u32string label;
};

BuildingName NameOf(const Feature& building) {
  // Buildings OpenStreetMap has no number for stay unlabelled on paper: a rider cannot use "未编号楼栋".
  if (building.label == maps::kUnnumberedBuilding) return {};
  std::u32string label = TrimSpaces(Decode(building.label));
  if (label.empty() && !building.number.empty()) label = TrimSpaces(Decode(building.number)) + U"号楼";
  std::u32string section = TrimSpaces(Decode(building.section));
  if (label.empty()) std::swap(label, section);
  if (!section.empty() && label.starts_with(section)) section.clear();
  return {Ellipsize(section, 4), Ellipsize(label, kBuildingLabelMaxEm)};
}

enum class PathStyle { kRide, kWalk, kNoWorkers };

PathStyle StyleOf(const Feature& path) {
  if (!path.workers_allowed || (!path.walk && !path.ride)) return PathStyle::kNoWorkers;
  return path.ride ? PathStyle::kRide : PathStyle::kWalk;
}

std::optional<Symbol> PointSymbol(const Feature& feature) {
  switch (feature.kind) {
    case FeatureKind::kGate:
      return feature.workers_allowed ? Symbol::kGateOpen : Symbol::kGateClosed;
    case FeatureKind::kParking:
      return Symbol::kParking;
    case FeatureKind::kSwapCabinet:
      return Symbol::kSwap;
    case FeatureKind::kCharging:
      return Symbol::kCharging;
    case FeatureKind::kDropOff:
      return Symbol::kDropOff;
    case FeatureKind::kGarageEntrance:
      return Symbol::kGarage;
    case FeatureKind::kLandmark:
      return Symbol::kLandmark;
    default:
      return std::nullopt;
  }
}

class PosterWriter {
 public:
  PosterWriter(const maps::CompoundMap& map, const PosterOptions& options) : map_(map), options_(options) {}

  core::Result<std::string> Render();

 private:
  bool Fit();
  Xy ToPage(LonLat point) const;
  std::vector<Xy> ToPage(const std::vector<LonLat>& ring) const;
  bool IsFree(const Box& box) const;

  void TitleBand();
  void MapBackground();
  void Boundaries();
  void Paths();
  void ParkingAreas();
  void Buildings();
  void Markers();
  void BuildingLabels();
  void Entrances();
  void MarkerLabels();
  void NorthArrow();
  void ScaleBar();
  void Legend();
  void Rules(double top);
  core::Status QrCode();
  void Footer();

  const maps::CompoundMap& map_;
  const PosterOptions& options_;
  std::string out_;
  std::string labels_;   ///< drawn after every shape so that nothing covers a label
  std::string overlay_;  ///< north arrow and scale bar, drawn last
  std::vector<Box> taken_;
  std::optional<maps::LocalProjection> projection_;
  double scale_ = 1;  ///< mm on the page per metre on the ground
  Xy centre_metres_;
  Xy centre_page_;
  Box map_inner_;  ///< where labels may go: the frame less a hairline
  std::vector<Box> building_boxes_;
  double legend_bottom_ = kBottomTop;
};

bool PosterWriter::Fit() {
  const maps::BoundingBox box = maps::MapBounds(map_);
  if (box.Empty()) return false;
  projection_.emplace(box.Centre());
  const Xy low = projection_->ToXy({box.min_lon, box.min_lat});
  const Xy high = projection_->ToXy({box.max_lon, box.max_lat});
  const double width = kMapFrame.Width() - 2 * kPadSide;
  const double height = kMapFrame.Height() - kPadTop - kPadBottom;
  const double span_x = high.x - low.x, span_y = high.y - low.y;
  scale_ = kMaxScale;
  if (span_x > 0) scale_ = std::min(scale_, width / span_x);
  if (span_y > 0) scale_ = std::min(scale_, height / span_y);
  centre_metres_ = {(low.x + high.x) / 2, (low.y + high.y) / 2};
  centre_page_ = {(kMapFrame.x0 + kMapFrame.x1) / 2, kMapFrame.y0 + kPadTop + height / 2};
  map_inner_ = kMapFrame.Grown(-1.5);
  return true;
}

Xy PosterWriter::ToPage(LonLat point) const {
  const Xy metres = projection_->ToXy(point);
  return {centre_page_.x + (metres.x - centre_metres_.x) * scale_,
          centre_page_.y - (metres.y - centre_metres_.y) * scale_};
}

std::vector<Xy> PosterWriter::ToPage(const std::vector<LonLat>& ring) const {
  std::vector<Xy> points;
  points.reserve(ring.size());
  for (const LonLat& p : ring) points.push_back(ToPage(p));
  return points;
}

bool PosterWriter::IsFree(const Box& box) const {
  if (!box.Inside(map_inner_)) return false;
  return std::none_of(taken_.begin(), taken_.end(), [&](const Box& other) { return box.Overlaps(other); });
}

void PosterWriter::TitleBand() {
  out_ += fmt::format(R"svg(<rect width="{}" height="{}" fill="{}"/>)svg", Num(kPageWidthMm), Num(kTitleBandHeight),
                      kAccent);
  // The Youhao mark on the right.
  const double badge_x = kPageWidthMm - kMargin - 15;
  out_ += fmt::format(R"svg(<circle cx="{}" cy="{}" r="15" fill="#fff"/>)svg", Num(badge_x), Num(kTitleBandHeight / 2));
  AppendText(out_, badge_x, kTitleBandHeight / 2 + kBaselineFromCentre * 9,
             {.size = 9, .bold = true, .fill = kAccent, .anchor = Anchor::kMiddle}, U"友好");

  const double max_width = badge_x - 15 - 8 - (kMargin + 2);
  std::u32string title = TrimSpaces(Decode(options_.title));
  if (title.empty()) title = TrimSpaces(Decode(map_.compound_name)) + U" 骑手友好地图";
  const double title_size = std::clamp(max_width / std::max(WidthEm(title), 1.0), 10.0, 16.0);
  title = Ellipsize(title, max_width / title_size);
  const std::u32string subtitle = Ellipsize(TrimSpaces(Decode(options_.subtitle)), max_width / 7);
  const double title_baseline = subtitle.empty() ? 28 : 23;
  AppendText(out_, kMargin + 2, title_baseline, {.size = title_size, .bold = true, .fill = kPaper}, title);
  if (!subtitle.empty()) AppendText(out_, kMargin + 2, 37, {.size = 7, .fill = "#fff4e6"}, subtitle);
}

void PosterWriter::MapBackground() {
  out_ += fmt::format(R"svg(<clipPath id="map-clip"><rect x="{}" y="{}" width="{}" height="{}" rx="3"/></clipPath>)svg",
                      Num(kMapFrame.x0), Num(kMapFrame.y0), Num(kMapFrame.Width()), Num(kMapFrame.Height()));
  out_ += fmt::format(R"svg(<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="{}"/>)svg", Num(kMapFrame.x0),
                      Num(kMapFrame.y0), Num(kMapFrame.Width()), Num(kMapFrame.Height()), kOutside);
}

void PosterWriter::Boundaries() {
  for (const Feature& feature : map_.features) {
    if (feature.kind != FeatureKind::kBoundary || feature.geometry.type != GeometryType::kPolygon) continue;
    std::string d;
    for (const auto& ring : feature.geometry.rings) d += PathData(ToPage(ring), true);
    out_ += fmt::format(
        R"svg(<path d="{}" fill="{}" fill-rule="evenodd" stroke="{}" stroke-width="0.9" stroke-linejoin="round"/>)svg",
        d, kGround, kFence);
  }
}

void PosterWriter::Paths() {
  for (const Feature& feature : map_.features) {
    if (feature.kind != FeatureKind::kPath || feature.geometry.rings.empty()) continue;
    const std::string d = PathData(ToPage(feature.geometry.rings[0]), false);
    switch (StyleOf(feature)) {
      case PathStyle::kRide:
        out_ += fmt::format(R"svg(<path d="{}" fill="none" stroke="#fff" stroke-width="2.2" stroke-linecap="round")svg"
                            R"svg( stroke-linejoin="round"/>)svg",
                            d);
        out_ += fmt::format(R"svg(<path d="{}" fill="none" stroke="{}" stroke-width="1.2" stroke-linecap="round")svg"
                            R"svg( stroke-linejoin="round"/>)svg",
                            d, kAccent);
        break;
      case PathStyle::kWalk:
        out_ +=
            fmt::format(R"svg(<path d="{}" fill="none" stroke="{}" stroke-width="0.6" stroke-dasharray="1.6 1.1")svg"
                        R"svg( stroke-linejoin="round"/>)svg",
                        d, kInkSoft);
        break;
      case PathStyle::kNoWorkers:
        out_ +=
            fmt::format(R"svg(<path d="{}" fill="none" stroke="{}" stroke-width="0.6" stroke-dasharray="0.4 1.2")svg"
                        R"svg( stroke-linecap="round"/>)svg",
                        d, kClosedRed);
        break;
    }
  }
}

void PosterWriter::ParkingAreas() {
  for (const Feature& feature : map_.features) {
    if (feature.kind != FeatureKind::kParking || feature.geometry.type != GeometryType::kPolygon) continue;
    std::string d;
    for (const auto& ring : feature.geometry.rings) d += PathData(ToPage(ring), true);
    out_ += fmt::format(R"svg(<path d="{}" fill="{}" fill-rule="evenodd" stroke="{}" stroke-width="0.4"/>)svg", d,
                        kParkingArea, kParkingBlue);
  }
}

void PosterWriter::Buildings() {
  for (const Feature& feature : map_.features) {
    if (feature.kind != FeatureKind::kBuilding || feature.geometry.rings.empty()) continue;
    if (feature.geometry.type == GeometryType::kPolygon) {
      std::string d;
      for (const auto& ring : feature.geometry.rings) d += PathData(ToPage(ring), true);
      out_ += fmt::format(R"svg(<path d="{}" fill="{}" fill-rule="evenodd" stroke="{}" stroke-width="0.35"/>)svg", d,
                          kBuildingFill, kBuildingStroke);
    } else {
      const Xy at = ToPage(feature.geometry.Anchor());
      out_ +=
          fmt::format(R"svg(<rect x="{}" y="{}" width="6" height="6" fill="{}" stroke="{}" stroke-width="0.35"/>)svg",
                      Num(at.x - 3), Num(at.y - 3), kBuildingFill, kBuildingStroke);
    }
  }
}

void PosterWriter::Markers() {
  for (const Feature& feature : map_.features) {
    const std::optional<Symbol> symbol = PointSymbol(feature);
    if (!symbol || feature.geometry.rings.empty()) continue;
    const Xy at = ToPage(feature.geometry.Anchor());
    AppendUse(out_, *symbol, at.x, at.y);
    const double size = *symbol == Symbol::kLandmark ? 2.6 : kMarkerSize;
    taken_.push_back(Box::Around(at.x, at.y, size + 0.6, size + 0.6));
  }
}

void PosterWriter::BuildingLabels() {
  struct Item {
    const Feature* feature;
    double area;
    Box bounds;
  };
  std::vector<Item> items;
  for (const Feature& feature : map_.features) {
    if (feature.kind != FeatureKind::kBuilding || feature.geometry.rings.empty()) continue;
    Box bounds = Bounds(ToPage(feature.geometry.rings[0]));
    if (feature.geometry.type != GeometryType::kPolygon) bounds = Box::Around(bounds.x0, bounds.y0, 6, 6);
    items.push_back({&feature, bounds.Width() * bounds.Height(), bounds});
    building_boxes_.push_back(bounds);
  }
  std::vector<Box> entrances;
  for (const Feature& feature : map_.features) {
    if (feature.kind != FeatureKind::kEntrance || feature.geometry.rings.empty()) continue;
    const Xy at = ToPage(feature.geometry.Anchor());
    entrances.push_back(Box::Around(at.x, at.y, 2 * kEntranceRadius + 0.4, 2 * kEntranceRadius + 0.4));
  }
  // Big buildings first: their labels matter most and have the most room.
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.area > b.area; });

  for (const Item& item : items) {
    const BuildingName name = NameOf(*item.feature);
    if (name.label.empty()) continue;
    const Xy at = ToPage(item.feature->geometry.Anchor());
    const double section_em = name.section.empty() ? 0 : WidthEm(name.section) * kSectionRatio + kSectionGapEm;
    const double one_line_em = section_em + WidthEm(name.label);
    const double two_line_em = std::max(WidthEm(name.label), WidthEm(name.section) * kSectionRatio);
    const double room = std::max(item.bounds.Width(), 8.0) * 0.94;
    const double preferred = std::clamp(room / one_line_em, kBuildingLabelMin + 1.5, kBuildingLabelMax);

    // First on the building's centre clear of its entrances, then anywhere near it over them
    // (the entrances then give up their numbers).
    bool placed = false;
    for (int pass = 0; pass < 2 && !placed; ++pass) {
      for (double size = preferred; size >= kBuildingLabelMin - 1e-9 && !placed; size -= 0.5) {
        for (int lines = 1; lines <= 2 && !placed; ++lines) {
          if (lines == 2 && name.section.empty()) break;
          const double width = (lines == 1 ? one_line_em : two_line_em) * size;
          const double height = lines == 1 ? size * 1.12 : size * (1.12 + kSectionRatio * 1.1);
          // A one-line label wider than its building reads as belonging to the neighbours: prefer
          // two lines, and accept an overhang only at the smallest sizes.
          if (lines == 1 && !name.section.empty() && width > room && size > kBuildingLabelMin + 1) continue;
          const std::array<Xy, 7> offsets{Xy{0, 0},
                                          Xy{0, -height * 0.6},
                                          Xy{0, height * 0.6},
                                          Xy{0, -height * 1.2},
                                          Xy{0, height * 1.2},
                                          Xy{-width * 0.3, 0},
                                          Xy{width * 0.3, 0}};
          for (const Xy& offset : std::span(offsets).first(pass == 0 ? 1 : offsets.size())) {
            const Box box = Box::Around(at.x + offset.x, at.y + offset.y, width + 0.8, height);
            if (!IsFree(box)) continue;
            if (pass == 0 &&
                std::any_of(entrances.begin(), entrances.end(), [&](const Box& e) { return e.Overlaps(box); })) {
              continue;
            }
            const double cx = at.x + offset.x;
            const TextStyle style{.size = size, .bold = true, .fill = kInk, .anchor = Anchor::kMiddle, .halo = kGround};
            const std::string section_span = fmt::format(
                R"svg(<tspan font-size="{}" font-weight="normal" fill="{}">)svg", Num(size * kSectionRatio), kInkSoft);
            if (lines == 1) {
              std::string text = Escape(name.label);
              if (!name.section.empty()) {
                text = fmt::format(R"svg({}{}</tspan><tspan dx="{}">{}</tspan>)svg", section_span, Escape(name.section),
                                   Num(size * kSectionGapEm), text);
              }
              AppendRawText(labels_, cx, box.y1 - size * 0.2, style, text);
            } else {
              AppendRawText(labels_, cx, box.y0 + size * kSectionRatio * 0.95, style,
                            section_span + Escape(name.section) + "</tspan>");
              AppendText(labels_, cx, box.y1 - size * 0.2, style, name.label);
            }
            taken_.push_back(box);
            placed = true;
            break;
          }
        }
      }
    }
  }
}

void PosterWriter::Entrances() {
  for (const Feature& feature : map_.features) {
    if (feature.kind != FeatureKind::kEntrance || feature.geometry.rings.empty()) continue;
    const Xy at = ToPage(feature.geometry.Anchor());
    std::u32string number = TrimSpaces(Decode(feature.number));
    if (number.empty()) {
      number = TrimSpaces(Decode(feature.label));
      if (number.ends_with(U"单元")) number.resize(number.size() - 2);
    }
    number = Ellipsize(number, 2.2);
    // Full size, then smaller, then a bare dot without its number.
    bool placed = false;
    for (double radius : {kEntranceRadius, kEntranceRadius * 0.72}) {
      const Box box = Box::Around(at.x, at.y, 2 * radius + 0.4, 2 * radius + 0.4);
      if (!IsFree(box)) continue;
      out_ += fmt::format(R"svg(<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="#fff" stroke-width="0.4"/>)svg",
                          Num(at.x), Num(at.y), Num(radius), kInk);
      if (!number.empty()) {
        const double size = std::min(radius * 1.25, 2 * radius * 0.82 / std::max(WidthEm(number), 0.6));
        AppendText(labels_, at.x, at.y + kBaselineFromCentre * size,
                   {.size = size, .bold = true, .fill = kPaper, .anchor = Anchor::kMiddle}, number);
      }
      taken_.push_back(box);
      placed = true;
      break;
    }
    if (!placed) {
      out_ += fmt::format(R"svg(<circle cx="{}" cy="{}" r="0.8" fill="{}"/>)svg", Num(at.x), Num(at.y), kInk);
    }
  }
}

void PosterWriter::MarkerLabels() {
  const Xy middle = centre_page_;
  taken_.insert(taken_.end(), building_boxes_.begin(), building_boxes_.end());
  for (const Feature& feature : map_.features) {
    if (feature.kind == FeatureKind::kParking && feature.geometry.type == GeometryType::kPolygon) {
      taken_.push_back(Bounds(ToPage(feature.geometry.rings[0])));
    }
  }
  for (const Feature& feature : map_.features) {
    const std::optional<Symbol> symbol = PointSymbol(feature);
    if (!symbol || feature.geometry.rings.empty()) continue;
    std::u32string text = TrimSpaces(Decode(feature.label));
    TextStyle style{.size = 3.8, .bold = false, .fill = kInkSoft};
    if (feature.kind == FeatureKind::kGate) {
      style = {.size = 4.6, .bold = true, .fill = feature.workers_allowed ? kOpenGreen : kClosedRed};
      if (!feature.workers_allowed) {
        text += U"（骑手禁行）";
      } else if (feature.green_lane) {
        text += U"（绿色通道）";
      }
    } else if (feature.kind == FeatureKind::kParking) {
      style.fill = kParkingBlue;
      if (feature.capacity > 0) text += Decode(fmt::format("·{}车位", feature.capacity));
    }
    text = Ellipsize(TrimSpaces(text), 14);
    if (text.empty()) continue;

    const Xy at = ToPage(feature.geometry.Anchor());
    // Labels sit on a white pill so that paths and outlines do not run through them. They go
    // beside the marker, or beside the whole area for areas such as a parking polygon.
    const double width = WidthEm(text) * style.size + 1.8, height = style.size * 1.3;
    const double marker = *symbol == Symbol::kLandmark ? 2.6 : kMarkerSize;
    Box near = Box::Around(at.x, at.y, marker, marker);
    if (feature.geometry.type == GeometryType::kPolygon) near = Union(near, Bounds(ToPage(feature.geometry.rings[0])));
    constexpr double kGap = 0.8;
    auto clamp_x = [&](double cx) {
      return std::clamp(cx, map_inner_.x0 + width / 2, std::max(map_inner_.x0 + width / 2, map_inner_.x1 - width / 2));
    };
    struct Candidate {
      Xy centre;
      Xy direction;
    };
    std::array<Candidate, 4> candidates{{
        {{near.x1 + kGap + width / 2, at.y}, {1, 0}},
        {{near.x0 - kGap - width / 2, at.y}, {-1, 0}},
        {{clamp_x(at.x), near.y1 + kGap + height / 2}, {0, 1}},
        {{clamp_x(at.x), near.y0 - kGap - height / 2}, {0, -1}},
    }};
    // Gates sit on the fence: their labels go outside it first, away from the buildings.
    const Xy outward{at.x - middle.x, (at.y - middle.y) * 1.4};
    std::stable_sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
      return a.direction.x * outward.x + a.direction.y * outward.y >
             b.direction.x * outward.x + b.direction.y * outward.y;
    });
    for (const Candidate& candidate : candidates) {
      const Box box = Box::Around(candidate.centre.x, candidate.centre.y, width, height);
      if (!IsFree(box)) continue;
      labels_ +=
          fmt::format(R"svg(<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="#fff" fill-opacity="0.9"/>)svg",
                      Num(box.x0), Num(box.y0), Num(box.Width()), Num(box.Height()), Num(height / 2));
      style.anchor = Anchor::kMiddle;
      AppendText(labels_, candidate.centre.x, candidate.centre.y + kBaselineFromCentre * style.size, style, text);
      taken_.push_back(box);
      break;
    }
  }
}

void PosterWriter::NorthArrow() {
  const double cx = kMapFrame.x1 - 13, cy = kMapFrame.y0 + 13;
  overlay_ += fmt::format(R"svg(<g transform="translate({} {})">)svg", Num(cx), Num(cy));
  overlay_ += R"svg(<circle r="9.5" fill="#fff" fill-opacity="0.92" stroke="#d9d3c7" stroke-width="0.3"/>)svg";
  overlay_ +=
      fmt::format(R"svg(<path d="M0-7.5L3.6 3.8L0 1.6Z" fill="{0}"/><path d="M0-7.5L-3.6 3.8L0 1.6Z" fill="#fff")svg"
                  R"svg( stroke="{0}" stroke-width="0.4" stroke-linejoin="round"/>)svg",
                  kInk);
  overlay_ += "</g>";
  AppendText(overlay_, cx, cy + 8.2, {.size = 3.4, .bold = true, .fill = kInk, .anchor = Anchor::kMiddle}, U"北 N");
  taken_.push_back(Box::Around(cx, cy, 20, 21));
}

void PosterWriter::ScaleBar() {
  int metres = kScaleLengths.front();
  for (int candidate : kScaleLengths) {
    if (candidate * scale_ <= kMaxScaleBarMm) metres = candidate;
  }
  const double length = metres * scale_;
  const double x = kMapFrame.x0 + 6, y = kMapFrame.y1 - 6;  // left end of the bar's baseline
  const Box box{x - 3, y - 9, x + length + 10, y + 2.5};
  overlay_ +=
      fmt::format(R"svg(<rect x="{}" y="{}" width="{}" height="{}" rx="1.5" fill="#fff" fill-opacity="0.92"/>)svg",
                  Num(box.x0), Num(box.y0), Num(box.Width()), Num(box.Height()));
  // Two halves, black and white, with end ticks.
  overlay_ += fmt::format(R"svg(<rect x="{}" y="{}" width="{}" height="1.6" fill="{}"/>)svg", Num(x), Num(y - 1.6),
                          Num(length / 2), kInk);
  overlay_ +=
      fmt::format(R"svg(<rect x="{}" y="{}" width="{}" height="1.6" fill="#fff" stroke="{}" stroke-width="0.3"/>)svg",
                  Num(x + length / 2), Num(y - 1.6), Num(length / 2), kInk);
  overlay_ +=
      fmt::format(R"svg(<rect x="{}" y="{}" width="{}" height="1.6" fill="none" stroke="{}" stroke-width="0.3"/>)svg",
                  Num(x), Num(y - 1.6), Num(length), kInk);
  const TextStyle style{.size = 3.2, .fill = kInk, .anchor = Anchor::kMiddle};
  AppendText(overlay_, x, y - 3.2, style, U"0");
  AppendText(overlay_, x + length, y - 3.2, style, Decode(fmt::format("{} 米", metres)));
  taken_.push_back(box);
}

void PosterWriter::Legend() {
  struct Entry {
    std::string swatch;
    std::u32string text;
  };
  std::vector<Entry> entries;
  std::array<bool, 16> has{};
  bool gate_open = false, gate_closed = false;
  std::array<bool, 3> path_style{};
  for (const Feature& feature : map_.features) {
    has[static_cast<std::size_t>(feature.kind)] = true;
    if (feature.kind == FeatureKind::kGate) (feature.workers_allowed ? gate_open : gate_closed) = true;
    if (feature.kind == FeatureKind::kPath) path_style[static_cast<std::size_t>(StyleOf(feature))] = true;
  }
  auto use = [](Symbol symbol) {
    return fmt::format(R"svg(<use xlink:href="#{}" transform="translate(3.5 0)"/>)svg", SymbolId(symbol));
  };
  auto kind = [&](FeatureKind k) { return has[static_cast<std::size_t>(k)]; };
  entries.push_back(
      {fmt::format(R"svg(<rect x="0" y="-2.4" width="7" height="4.8" fill="{}" stroke="{}" stroke-width="0.35"/>)svg",
                   kBuildingFill, kBuildingStroke),
       U"楼栋及楼号"});
  if (kind(FeatureKind::kEntrance)) {
    entries.push_back({fmt::format(R"svg(<circle cx="3.5" r="2.3" fill="{}"/><text x="3.5" y="1.05" font-size="2.9")svg"
                                   R"svg( font-weight="bold" fill="#fff" text-anchor="middle">1</text>)svg",
                                   kInk),
                       U"单元入口及单元号"});
  }
  if (gate_open) entries.push_back({use(Symbol::kGateOpen), U"大门·骑手可通行"});
  if (gate_closed) entries.push_back({use(Symbol::kGateClosed), U"大门·骑手禁止通行"});
  if (kind(FeatureKind::kParking)) entries.push_back({use(Symbol::kParking), U"骑手临停区"});
  if (kind(FeatureKind::kSwapCabinet)) entries.push_back({use(Symbol::kSwap), U"换电柜"});
  if (kind(FeatureKind::kCharging)) entries.push_back({use(Symbol::kCharging), U"充电桩"});
  if (kind(FeatureKind::kDropOff)) entries.push_back({use(Symbol::kDropOff), U"集中放取点"});
  if (kind(FeatureKind::kGarageEntrance)) entries.push_back({use(Symbol::kGarage), U"地库入口"});
  if (kind(FeatureKind::kLandmark)) entries.push_back({use(Symbol::kLandmark), U"地标"});
  if (path_style[static_cast<std::size_t>(PathStyle::kRide)]) {
    entries.push_back(
        {fmt::format(R"svg(<path d="M0 0H7" stroke="{}" stroke-width="1.2" stroke-linecap="round"/>)svg", kAccent),
         U"可骑行道路"});
  }
  if (path_style[static_cast<std::size_t>(PathStyle::kWalk)]) {
    entries.push_back(
        {fmt::format(R"svg(<path d="M0 0H7" stroke="{}" stroke-width="0.6" stroke-dasharray="1.6 1.1"/>)svg", kInkSoft),
         U"仅限步行"});
  }
  if (path_style[static_cast<std::size_t>(PathStyle::kNoWorkers)]) {
    entries.push_back({fmt::format(R"svg(<path d="M0 0H7" stroke="{}" stroke-width="0.6" stroke-dasharray="0.4 1.2")svg"
                                   R"svg( stroke-linecap="round"/>)svg",
                                   kClosedRed),
                       U"骑手禁止通行"});
  }

  constexpr int kColumns = 3;
  constexpr double kRow = 7.4;
  const double column_width = (kLeftColumn.Width() - 10) / kColumns;
  const std::size_t rows = (entries.size() + kColumns - 1) / kColumns;
  const double top = kLeftColumn.y0;
  const double height = 12 + static_cast<double>(rows) * kRow + 1;
  out_ += fmt::format(
      R"svg(<g id="legend"><rect x="{}" y="{}" width="{}" height="{}" rx="2.5" fill="#faf8f5" stroke="{}")svg"
      R"svg( stroke-width="0.35"/>)svg",
      Num(kLeftColumn.x0), Num(top), Num(kLeftColumn.Width()), Num(height), kLine);
  AppendText(out_, kLeftColumn.x0 + 5, top + 8, {.size = 4.6, .bold = true, .fill = kInk}, U"图例");
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::size_t column = i / rows, row = i % rows;  // fill column by column
    const double x = kLeftColumn.x0 + 5 + static_cast<double>(column) * column_width;
    const double y = top + 15 + static_cast<double>(row) * kRow;
    out_ += fmt::format(R"svg(<g transform="translate({} {})">{}</g>)svg", Num(x), Num(y), entries[i].swatch);
    AppendText(out_, x + 10, y + kBaselineFromCentre * 3.8, {.size = 3.8, .fill = kInk},
               Ellipsize(entries[i].text, (column_width - 11) / 3.8));
  }
  out_ += "</g>";
  legend_bottom_ = top + height;
}

void PosterWriter::Rules(double top) {
  const double bottom = kLeftColumn.y1;
  if (bottom - top < 20) return;
  constexpr double kSize = 5.2, kLineHeight = 7.4;
  const double text_x = kLeftColumn.x0 + 10;
  const double max_em = (kLeftColumn.x1 - 5 - text_x) / kSize;
  const auto max_lines = static_cast<std::size_t>((bottom - top - 15) / kLineHeight);

  std::vector<std::pair<bool, std::u32string>> lines;  // (first line of a rule, text)
  for (const std::string& rule : options_.rules) {
    const std::u32string text = TrimSpaces(Decode(rule));
    if (text.empty()) continue;
    if (lines.size() >= max_lines) break;
    const auto wrapped = Wrap(text, max_em, std::min<std::size_t>(2, max_lines - lines.size()));
    for (std::size_t i = 0; i < wrapped.size(); ++i) lines.emplace_back(i == 0, wrapped[i]);
  }
  if (lines.empty()) return;
  // The box reaches down to the bottom of the QR code's box, so that both columns end together.
  const double height = std::max(13 + static_cast<double>(lines.size()) * kLineHeight, bottom - top);
  out_ += fmt::format(R"svg(<g id="rules"><rect x="{}" y="{}" width="{}" height="{}" rx="2.5" fill="#fff4e6")svg"
                      R"svg( stroke="#ffd8a8" stroke-width="0.35"/>)svg",
                      Num(kLeftColumn.x0), Num(top), Num(kLeftColumn.Width()), Num(height));
  AppendText(out_, kLeftColumn.x0 + 5, top + 8, {.size = 4.6, .bold = true, .fill = kAccent}, U"通行须知");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const double y = top + 15.5 + static_cast<double>(i) * kLineHeight;
    if (lines[i].first) {
      out_ += fmt::format(R"svg(<circle cx="{}" cy="{}" r="1.1" fill="{}"/>)svg", Num(kLeftColumn.x0 + 6.5), Num(y),
                          kAccent);
    }
    AppendText(out_, text_x, y + kBaselineFromCentre * kSize, {.size = kSize, .fill = kInk}, lines[i].second);
  }
  out_ += "</g>";
}

core::Status PosterWriter::QrCode() {
  auto qr = qr::Render(options_.qr_url, qr::ImageFormat::kSvg);
  if (!qr.ok()) return qr.error();
  // Re-root qr::Render's standalone SVG as a nested viewport: the modules stay vector paths.
  const std::string& svg = *qr;
  const std::size_t view_box = svg.find("viewBox=\"");
  const std::size_t body = svg.find('>');
  const std::size_t end = svg.rfind("</svg>");
  if (view_box == std::string::npos || body == std::string::npos || end == std::string::npos || body > end) {
    return core::MakeError(core::ErrorCode::kInternal, "unexpected QR code SVG");
  }
  const std::size_t view_box_end = svg.find('"', view_box + 9);
  const std::string_view view_box_value = std::string_view(svg).substr(view_box + 9, view_box_end - view_box - 9);

  const Box& column = kQrColumn;
  out_ += fmt::format(
      R"svg(<rect x="{}" y="{}" width="{}" height="{}" rx="2.5" fill="#fff" stroke="{}" stroke-width="0.6"/>)svg",
      Num(column.x0), Num(column.y0), Num(column.Width()), Num(column.Height()), kAccent);
  const double side = column.Width() - 6;
  out_ += fmt::format(
      R"svg(<svg id="qr" x="{}" y="{}" width="{}" height="{}" viewBox="{}" shape-rendering="crispEdges">{}</svg>)svg",
      Num(column.x0 + 3), Num(column.y0 + 3), Num(side), Num(side), view_box_value,
      std::string_view(svg).substr(body + 1, end - body - 1));
  const double text_top = column.y0 + 3 + side;
  AppendText(out_, (column.x0 + column.x1) / 2, text_top + 6.5,
             {.size = 5.4, .bold = true, .fill = kAccent, .anchor = Anchor::kMiddle}, U"扫码打开手机地图");
  std::u32string url = Decode(options_.qr_url);
  for (std::u32string_view scheme : {U"https://", U"http://"}) {
    if (url.starts_with(scheme)) url.erase(0, scheme.size());
  }
  AppendText(out_, (column.x0 + column.x1) / 2, text_top + 12.5, {.size = 3, .fill = kMuted, .anchor = Anchor::kMiddle},
             Ellipsize(url, (column.Width() - 6) / 3));
  return core::Ok{};
}

void PosterWriter::Footer() {
  out_ += fmt::format(R"svg(<path d="M{} {}H{}" stroke="{}" stroke-width="0.3"/>)svg", Num(kMargin),
                      Num(kFooterBaseline - 6), Num(kPageWidthMm - kMargin), kLine);
  std::u32string footer = TrimSpaces(Decode(options_.footer));
  if (footer.empty()) footer = Decode(std::string("地图数据 ") + std::string(maps::kOsmAttribution));
  AppendText(out_, kMargin, kFooterBaseline, {.size = 3.2, .fill = kMuted},
             Ellipsize(footer, (kPageWidthMm - 2 * kMargin - 40) / 3.2));
  AppendText(out_, kPageWidthMm - kMargin, kFooterBaseline,
             {.size = 3.2, .bold = true, .fill = kAccent, .anchor = Anchor::kEnd}, U"友好·骑手友好社区");
}

core::Result<std::string> PosterWriter::Render() {
  if (map_.features.empty() || !Fit()) return core::MakeError(core::ErrorCode::kNotFound, "no map yet");
  out_.reserve(std::size_t{64} * 1024);
  out_ += R"svg(<?xml version="1.0" encoding="UTF-8"?>)svg"
          "\n";
  out_ += fmt::format(
      R"svg(<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" )svg"
      R"svg(width="{0}mm" height="{1}mm" viewBox="0 0 {0} {1}" font-family="{2}">)svg",
      Num(kPageWidthMm), Num(kPageHeightMm), kFontFamily);
  out_ += fmt::format("<title>{}</title>",
                      Escape(Ellipsize(Decode(options_.title.empty() ? map_.compound_name : options_.title), 40)));
  out_ += SymbolDefs();
  out_ +=
      fmt::format(R"svg(<rect width="{}" height="{}" fill="{}"/>)svg", Num(kPageWidthMm), Num(kPageHeightMm), kPaper);
  TitleBand();

  MapBackground();
  // The corner furniture reserves its room before any label is placed, and is drawn on top.
  NorthArrow();
  ScaleBar();
  out_ += R"svg(<g id="map" clip-path="url(#map-clip)">)svg";
  Boundaries();
  ParkingAreas();
  Paths();
  Buildings();
  Markers();
  BuildingLabels();
  Entrances();
  MarkerLabels();
  out_ += labels_;
  out_ += overlay_;
  out_ += "</g>";
  out_ += fmt::format(
      R"svg(<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="none" stroke="{}" stroke-width="0.5"/>)svg",
      Num(kMapFrame.x0), Num(kMapFrame.y0), Num(kMapFrame.Width()), Num(kMapFrame.Height()), kLine);

  Legend();
  Rules(legend_bottom_ + 5);
  if (core::Status status = QrCode(); !status.ok()) return status.error();
  Footer();
  out_ += "</svg>\n";
  return std::move(out_);
}

// ---------------------------------------------------------------------------------------------

struct GObjectUnref {
  void operator()(void* object) const { g_object_unref(object); }
};
struct CairoSurfaceDestroy {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct CairoDestroy {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::string TakeMessage(GError* error) {
  std::string message = error != nullptr && error->message != nullptr ? error->message : "unknown error";
  if (error != nullptr) g_error_free(error);
  return message;
}

}  // namespace

core::Result<std::string> RenderPosterSvg(const maps::CompoundMap& map, const PosterOptions& options) {
  return PosterWriter(map, options).Render();
}

core::Result<std::string> SvgToPdf(std::string_view svg) {
  if (svg.empty()) return core::MakeError(core::ErrorCode::kValidationFailed, "the SVG is empty");
  GError* error = nullptr;
  std::unique_ptr<RsvgHandle, GObjectUnref> handle(
      rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(), &error));
  if (!handle) return core::MakeError(core::ErrorCode::kValidationFailed, "unreadable SVG: " + TakeMessage(error));
  // At 72 dpi one CSS pixel is one PDF point, so the page gets the SVG's physical size.
  rsvg_handle_set_dpi(handle.get(), 72.0);
  gdouble width = 0, height = 0;
  if (!rsvg_handle_get_intrinsic_size_in_pixels(handle.get(), &width, &height) || width <= 0 || height <= 0) {
    return core::MakeError(core::ErrorCode::kValidationFailed, "the SVG has no absolute width and height");
  }

  std::string pdf;
  std::unique_ptr<cairo_surface_t, CairoSurfaceDestroy> surface(
      cairo_pdf_surface_create_for_stream(AppendToString, &pdf, width, height));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Youhao");
  {
    std::unique_ptr<cairo_t, CairoDestroy> cr(cairo_create(surface.get()));
    const RsvgRectangle viewport{0, 0, width, height};
    if (!rsvg_handle_render_document(handle.get(), cr.get(), &viewport, &error)) {
      return core::MakeError(core::ErrorCode::kValidationFailed, "cannot render the SVG: " + TakeMessage(error));
    }
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
      return core::MakeError(core::ErrorCode::kInternal, cairo_status_to_string(cairo_status(cr.get())));
    }
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return core::MakeError(core::ErrorCode::kInternal, cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  return pdf;
}

}  // namespace youhao::poster
