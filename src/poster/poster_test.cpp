#include "poster/poster.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "maps/geometry.h"

namespace youhao::poster {
namespace {

using maps::CompoundMap;
using maps::Feature;
using maps::FeatureKind;
using maps::Geometry;
using maps::GeometryType;
using maps::LonLat;

namespace fs = std::filesystem;

const maps::LocalProjection sample_projection(LonLat{116.33, 39.99});

/// A point `x` metres east and `y` metres north of the compound's south-west corner.
LonLat At(double x, double y) { return sample_projection.ToLonLat({x, y}); }

Geometry Rectangle(double x, double y, double width, double height) {
  return {GeometryType::kPolygon,
          {{At(x, y), At(x + width, y), At(x + width, y + height), At(x, y + height), At(x, y)}}};
}

Geometry Line(std::initializer_list<std::pair<double, double>> points) {
  std::vector<LonLat> line;
  for (const auto& [x, y] : points) line.push_back(At(x, y));
  return {GeometryType::kLineString, {line}};
}

Feature Make(FeatureKind kind, Geometry geometry, std::string label) {
  Feature feature;
  feature.kind = kind;
  feature.geometry = std::move(geometry);
  feature.label = std::move(label);
  return feature;
}

struct Building {
  std::string section;
  std::string number;
  double x, y;
};

/// 华清嘉园: 200 × 150 m, 西区 and 东区 on either side of a north-south road, twelve slab
/// buildings with their doors on the south side, three gates (the west one closed to workers).
CompoundMap SampleMap() {
  CompoundMap map;
  map.compound_code = "110108011001001";
  map.compound_name = "华清嘉园";
  map.version = 3;
  map.source = "osm+drawn";
  long long next_id = 1;
  auto add = [&](Feature feature) {
    feature.id = next_id++;
    map.features.push_back(std::move(feature));
    return map.features.back().id;
  };
  add(Make(FeatureKind::kBoundary,
           {GeometryType::kPolygon, {{At(0, 0), At(200, 0), At(200, 150), At(30, 150), At(0, 125), At(0, 0)}}}, ""));

  const std::vector<Building> buildings{
      {"西区", "1", 12, 104}, {"西区", "2", 58, 104}, {"西区", "3", 12, 62},   {"西区", "4", 58, 62},
      {"西区", "5", 12, 20},  {"西区", "6", 58, 20},  {"东区", "3", 108, 104}, {"东区", "7", 154, 104},
      {"东区", "8", 108, 62}, {"东区", "9", 154, 62}, {"东区", "10", 108, 20}, {"东区", "12", 154, 20},
  };
  for (const Building& spec : buildings) {
    Feature building = Make(FeatureKind::kBuilding, Rectangle(spec.x, spec.y, 34, 12), spec.number + "号楼");
    building.section = spec.section;
    building.number = spec.number;
    building.floors = 6;
    const long long id = add(building);
    for (int unit = 1; unit <= 3; ++unit) {
      Feature entrance = Make(FeatureKind::kEntrance, Geometry::Point(At(spec.x + 34.0 * (unit - 0.5) / 3, spec.y)),
                              std::to_string(unit) + "单元");
      entrance.number = std::to_string(unit);
      entrance.building_id = id;
      add(entrance);
    }
  }

  Feature north = Make(FeatureKind::kGate, Geometry::Point(At(100, 150)), "北门");
  north.gate_kind = "pedestrian";
  north.green_lane = true;
  add(north);
  Feature south = Make(FeatureKind::kGate, Geometry::Point(At(100, 0)), "南门");
  south.gate_kind = "vehicle";
  add(south);
  Feature west = Make(FeatureKind::kGate, Geometry::Point(At(0, 75)), "西门");
  west.gate_kind = "pedestrian";
  west.workers_allowed = false;
  add(west);

  Feature south_parking = Make(FeatureKind::kParking, Geometry::Point(At(84, 7)), "南门临停区");
  south_parking.capacity = 30;
  add(south_parking);
  Feature north_parking = Make(FeatureKind::kParking, Rectangle(112, 136, 24, 9), "北侧临停区");
  north_parking.capacity = 20;
  add(north_parking);
  add(Make(FeatureKind::kSwapCabinet, Geometry::Point(At(116, 7)), "换电柜"));
  add(Make(FeatureKind::kCharging, Geometry::Point(At(186, 142)), "充电桩"));
  add(Make(FeatureKind::kDropOff, Geometry::Point(At(93, 52)), "集中放取点"));
  add(Make(FeatureKind::kGarageEntrance, Geometry::Point(At(150, 50)), "地库入口"));
  add(Make(FeatureKind::kLandmark, Geometry::Point(At(52, 138)), "物业<&>服务中心"));
  add(Make(FeatureKind::kLandmark, Geometry::Point(At(175, 128)), "儿童乐园"));

  add(Make(FeatureKind::kPath, Line({{100, 0}, {100, 150}}), "中央大道"));
  add(Make(FeatureKind::kPath, Line({{0, 47}, {200, 47}}), "南环路"));
  add(Make(FeatureKind::kPath, Line({{0, 89}, {200, 89}}), "中环路"));
  add(Make(FeatureKind::kPath, Line({{100, 131}, {200, 131}}), "北环路"));
  Feature footpath = Make(FeatureKind::kPath, Line({{52, 32}, {52, 62}}), "");
  footpath.ride = false;
  add(footpath);
  Feature steps = Make(FeatureKind::kPath, Line({{52, 74}, {52, 104}}), "");
  steps.ride = false;
  steps.steps = true;
  add(steps);
  Feature garden = Make(FeatureKind::kPath, Line({{160, 120}, {190, 120}, {190, 145}}), "花园小径");
  garden.workers_allowed = false;
  add(garden);
  return map;
}

PosterOptions SampleOptions() {
  return {
      .title = "华清嘉园小区 骑手友好地图",
      .subtitle = "中关村街道 · 科源社区",
      .rules = {"外卖骑手扫码进入 · 06:00–23:00", "电动车请停放在临停区，勿停在单元门口",
                "西门不对骑手开放，请走北门或南门", "夜间 23:00 后请从北门绿色通道进出，保安室电话 010-6123 4567"},
      .qr_url = "https://youhao.example/m/110108011001001",
      .footer = "地图数据 © OpenStreetMap contributors, ODbL 1.0 · 生成于 2026-11-23",
  };
}

std::size_t Count(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

/// Runs a shell command, returning its standard output (and the exit status through `status`).
std::string RunCommand(const std::string& command, int* status = nullptr) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return output;
  char buffer[4096];
  while (std::size_t read = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, read);
  const int code = pclose(pipe);
  if (status != nullptr) *status = code;
  return output;
}

bool HaveTool(const std::string& name) {
  int status = -1;
  RunCommand("command -v " + name + " >/dev/null 2>&1", &status);
  return status == 0;
}

class TempDir {
 public:
  TempDir() : path_(fs::temp_directory_path() / ("youhao_poster_" + std::to_string(::getpid()))) {
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& Path() const { return path_; }
  fs::path Write(const std::string& name, const std::string& content) const {
    std::ofstream(path_ / name, std::ios::binary) << content;
    return path_ / name;
  }

 private:
  fs::path path_;
};

/// xmllint (Debian's libxml2-utils) is the independent XML parser; the exit status says whether
/// the document is well-formed.
bool IsWellFormedXml(const TempDir& dir, const std::string& xml, std::string* errors) {
  const fs::path file = dir.Write("check.svg", xml);
  int status = -1;
  *errors = RunCommand("xmllint --noout " + file.string() + " 2>&1", &status);
  return status == 0;
}

TEST(Poster, SvgShowsEveryPartOfTheMapAndIsWellFormed) {
  const auto svg = RenderPosterSvg(SampleMap(), SampleOptions());
  ASSERT_TRUE(svg.ok()) << svg.error().detail;
  EXPECT_TRUE(svg->starts_with("<?xml")) << svg->substr(0, 80);
  EXPECT_NE(svg->find(R"(width="297mm" height="420mm" viewBox="0 0 297 420")"), std::string::npos);
  EXPECT_NE(svg->find("Noto Sans CJK SC"), std::string::npos);

  ASSERT_TRUE(HaveTool("xmllint")) << "scripts/install-deps.sh installs libxml2-utils";
  TempDir dir;
  std::string errors;
  EXPECT_TRUE(IsWellFormedXml(dir, svg.value(), &errors)) << errors;

  for (const char* label :
       {"1号楼", "2号楼", "3号楼", "4号楼", "5号楼", "6号楼", "7号楼", "8号楼", "9号楼", "10号楼", "12号楼", "南门",
        "西门（骑手禁行）", "北门（绿色通道）", "南门临停区·30车位", "换电柜", "集中放取点", "地库入口", "儿童乐园"}) {
    EXPECT_NE(svg->find(std::string(">") + label + "</"), std::string::npos) << label;
  }
  // Both 3号楼 are drawn, told apart by their section (before the number or above it).
  EXPECT_EQ(Count(svg.value(), ">3号楼</"), 2u);
  EXPECT_EQ(Count(svg.value(), ">西区</tspan>"), 6u);
  EXPECT_EQ(Count(svg.value(), ">东区</tspan>"), 6u);
  // Entrance numbers.
  EXPECT_NE(svg->find(">1</text>"), std::string::npos);
  EXPECT_NE(svg->find(">3</text>"), std::string::npos);

  EXPECT_NE(svg->find("&lt;&amp;&gt;"), std::string::npos);
  EXPECT_EQ(svg->find("<&>"), std::string::npos);

  EXPECT_NE(svg->find(R"(<g id="legend")"), std::string::npos);
  for (const char* entry :
       {">图例<", ">楼栋及楼号<", ">单元入口及单元号<", ">大门·骑手可通行<", ">大门·骑手禁止通行<", ">骑手临停区<",
        ">换电柜<", ">充电桩<", ">集中放取点<", ">地库入口<", ">可骑行道路<", ">仅限步行<", ">骑手禁止通行<"}) {
    EXPECT_NE(svg->find(entry), std::string::npos) << entry;
  }
  EXPECT_NE(svg->find(">北 N<"), std::string::npos);
  std::smatch scale;
  ASSERT_TRUE(std::regex_search(svg.value(), scale, std::regex(">(10|20|50|100|200) 米<"))) << "scale bar";
  // 200 m across a frame of about 240 mm: 20 m is the longest round length under 60 mm.
  EXPECT_EQ(scale[1], "20");
  EXPECT_NE(svg->find(">通行须知<"), std::string::npos);
  EXPECT_NE(svg->find(">电动车请停放在临停区，勿停在单元门口<"), std::string::npos);
  EXPECT_NE(svg->find(R"(<svg id="qr")"), std::string::npos);
  EXPECT_EQ(svg->find("<image"), std::string::npos) << "the QR code must stay vector";
  EXPECT_NE(svg->find(">扫码打开手机地图<"), std::string::npos);
  EXPECT_NE(svg->find("生成于 2026-11-23"), std::string::npos);
}

TEST(Poster, PdfIsOnePageWithRealTextAndTheQrCodeScans) {
  for (const char* tool : {"pdfinfo", "pdftoppm", "pdftotext", "pdffonts", "zbarimg"}) {
    ASSERT_TRUE(HaveTool(tool)) << tool << ": scripts/install-deps.sh installs poppler-utils and zbar-tools";
  }
  const PosterOptions options = SampleOptions();
  const auto svg = RenderPosterSvg(SampleMap(), options);
  ASSERT_TRUE(svg.ok()) << svg.error().detail;

  const auto started = std::chrono::steady_clock::now();
  const auto pdf = SvgToPdf(svg.value());
  const auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  ASSERT_TRUE(pdf.ok()) << pdf.error().detail;
  std::printf("SvgToPdf: %.0f ms, %zu bytes of SVG -> %zu bytes of PDF\n", elapsed, svg->size(), pdf->size());
  EXPECT_TRUE(pdf->starts_with("%PDF-"));

  TempDir dir;
  const fs::path pdf_file = dir.Write("poster.pdf", pdf.value());
  const std::string info = RunCommand("pdfinfo " + pdf_file.string() + " 2>&1");
  EXPECT_TRUE(std::regex_search(info, std::regex("Pages:\\s+1\\n"))) << info;
  EXPECT_TRUE(std::regex_search(info, std::regex("Page size:\\s+841\\.8\\d? x 1190\\.5\\d? pts"))) << info;
  // Text stays text, in the embedded CJK font.
  const std::string text = RunCommand("pdftotext -q " + pdf_file.string() + " - 2>/dev/null");
  EXPECT_NE(text.find("骑手友好地图"), std::string::npos) << text;
  EXPECT_NE(text.find("12号楼"), std::string::npos) << text;
  const std::string fonts = RunCommand("pdffonts " + pdf_file.string() + " 2>&1");
  EXPECT_TRUE(std::regex_search(fonts, std::regex("NotoSansCJK\\S*\\s.*\\byes\\b"))) << fonts;

  int status = -1;
  RunCommand("pdftoppm -r 150 -png -singlefile " + pdf_file.string() + " " + (dir.Path() / "poster").string() + " 2>&1",
             &status);
  ASSERT_EQ(status, 0);
  const fs::path png = dir.Path() / "poster.png";
  ASSERT_TRUE(fs::exists(png));
  std::string decoded = RunCommand("zbarimg --raw -q " + png.string() + " 2>/dev/null");
  while (!decoded.empty() && (decoded.back() == '\n' || decoded.back() == '\r')) decoded.pop_back();
  EXPECT_EQ(decoded, options.qr_url);

  const fs::path screenshots = fs::path(YOUHAO_SOURCE_DIR) / "build" / "screenshots";
  std::error_code ignored;
  fs::create_directories(screenshots, ignored);
  fs::copy_file(png, screenshots / "poster-test.png", fs::copy_options::overwrite_existing, ignored);
}

TEST(Poster, EmptyMapIsNotFound) {
  CompoundMap map;
  map.compound_code = "110108011001002";
  const auto svg = RenderPosterSvg(map, SampleOptions());
  ASSERT_FALSE(svg.ok());
  EXPECT_EQ(svg.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(svg.error().detail, "no map yet");
}

TEST(Poster, HostileLabelsAreEscapedAndShortened) {
  CompoundMap map = SampleMap();
  std::string long_name;
  for (int i = 0; i < 30; ++i) long_name += "超";
  long_name += "长楼名";
  for (Feature& feature : map.features) {
    if (feature.kind == FeatureKind::kBuilding && feature.number == "12") feature.label = long_name;
    if (feature.kind == FeatureKind::kGate && feature.label == "南门")
      feature.label = "南门\"><script>alert('x')</script>";
    if (feature.kind == FeatureKind::kLandmark && feature.label == "儿童乐园") {
      feature.label = std::string("乐园\x01\x0b\n") + "\xff\xfe" + "]]>";
    }
  }
  PosterOptions options = SampleOptions();
  options.title = "<b>标题</b> & \"引号\" " + std::string(200, 'W');
  options.rules.push_back(std::string(500, 'x') + "</text>");

  const auto svg = RenderPosterSvg(map, options);
  ASSERT_TRUE(svg.ok()) << svg.error().detail;
  TempDir dir;
  std::string errors;
  ASSERT_TRUE(HaveTool("xmllint"));
  EXPECT_TRUE(IsWellFormedXml(dir, svg.value(), &errors)) << errors;
  EXPECT_EQ(svg->find("<script>"), std::string::npos);
  EXPECT_EQ(svg->find("<b>"), std::string::npos);
  EXPECT_NE(svg->find("&lt;b&gt;标题&lt;/b&gt; &amp; &quot;引号&quot;"), std::string::npos);
  // The long building name is cut with an ellipsis to at most nine characters' width.
  EXPECT_EQ(svg->find(long_name), std::string::npos);
  EXPECT_EQ(svg->find("超超超超超超超超超超"), std::string::npos);
  EXPECT_NE(svg->find("超超超…"), std::string::npos);
  EXPECT_EQ(svg->find(std::string(100, 'W')), std::string::npos);
  EXPECT_EQ(svg->find(std::string(200, 'x')), std::string::npos);
  // Still renders.
  const auto pdf = SvgToPdf(svg.value());
  ASSERT_TRUE(pdf.ok()) << pdf.error().detail;
}

TEST(Poster, EntranceNumberGivesWayToABuildingLabel) {
  CompoundMap map = SampleMap();
  const Feature* five = nullptr;
  for (const Feature& feature : map.features) {
    if (feature.kind == FeatureKind::kBuilding && feature.number == "5") five = &feature;
  }
  ASSERT_NE(five, nullptr);
  Feature entrance = Make(FeatureKind::kEntrance, Geometry::Point(five->geometry.Anchor()), "9单元");
  entrance.number = "9";
  map.features.push_back(entrance);
  const auto svg = RenderPosterSvg(map, SampleOptions());
  ASSERT_TRUE(svg.ok());
  EXPECT_NE(svg->find(">5号楼</"), std::string::npos);
  EXPECT_EQ(svg->find(">9</text>"), std::string::npos) << "the entrance on top of the building label lost its number";
}

TEST(Poster, CrowdedBuildingLabelsDoNotOverlap) {
  CompoundMap map;
  // Four thin slabs 1 m apart, narrower than their labels even at the smallest size.
  for (int i = 0; i < 4; ++i) {
    Feature building = Make(FeatureKind::kBuilding, Rectangle(i * 5.0, 0, 4, 16), std::to_string(i + 1) + "号楼");
    building.section = "南区";
    map.features.push_back(building);
  }
  map.features.push_back(Make(FeatureKind::kBoundary, Rectangle(-50, -20, 120, 56), ""));
  const auto svg = RenderPosterSvg(map, SampleOptions());
  ASSERT_TRUE(svg.ok());
  // Every building label: its text element's position and size, and its two lines or one.
  const std::regex label(
      R"re(<text x="([\d.]+)" y="([\d.]+)" font-size="([\d.]+)"[^>]*>(<tspan[^>]*>南区</tspan>)?(?:<tspan[^>]*>)?(\d)号楼<)re");
  struct Placed {
    double x0, y0, x1, y1;
  };
  std::vector<Placed> boxes;
  for (std::sregex_iterator it(svg->begin(), svg->end(), label), end; it != end; ++it) {
    const double x = std::stod((*it)[1]), y = std::stod((*it)[2]), size = std::stod((*it)[3]);
    const bool one_line = (*it)[4].matched;
    const double width = (one_line ? 2 * 0.7 + 0.25 + 2.6 : 2.6) * size;  // "南区 " small, then "1号楼"
    boxes.push_back({x - width / 2, y - size * 0.9, x + width / 2, y + size * 0.2});
  }
  ASSERT_EQ(boxes.size(), 4u) << svg.value();
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    for (std::size_t j = i + 1; j < boxes.size(); ++j) {
      const bool overlap = boxes[i].x0 < boxes[j].x1 && boxes[j].x0 < boxes[i].x1 && boxes[i].y0 < boxes[j].y1 &&
                           boxes[j].y0 < boxes[i].y1;
      EXPECT_FALSE(overlap) << i << " and " << j;
    }
  }
}

TEST(Poster, RendersFortyBuildingsInUnderFiveMilliseconds) {
  CompoundMap map = SampleMap();
  for (int i = 0; i < 28; ++i) {
    const int column = i % 4, row = i / 4;
    Feature building = Make(FeatureKind::kBuilding, Rectangle(210 + 45.0 * column, 22.0 * row, 34, 12),
                            std::to_string(20 + i) + "号楼");
    building.section = "三期";
    map.features.push_back(building);
  }
  double best = 1e9;
  for (int round = 0; round < 20; ++round) {
    const auto started = std::chrono::steady_clock::now();
    const auto svg = RenderPosterSvg(map, SampleOptions());
    best =
        std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
    ASSERT_TRUE(svg.ok());
  }
  std::printf("RenderPosterSvg, 40 buildings: best of 20 %.2f ms\n", best);
  EXPECT_LT(best, 5.0);
}

TEST(Poster, SvgToPdfRefusesWhatIsNotSvg) {
  EXPECT_EQ(SvgToPdf("").error().code, core::ErrorCode::kValidationFailed);
  EXPECT_EQ(SvgToPdf("<html><body>no</body></html").error().code, core::ErrorCode::kValidationFailed);
  EXPECT_EQ(SvgToPdf(R"(<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="100%"/>)").error().code,
            core::ErrorCode::kValidationFailed);
}

}  // namespace
}  // namespace youhao::poster
