#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "basemap/basemap_data.h"
#include "basemap/tile_math.h"
#include "basemap/tile_renderer.h"
#include "basemap/tile_store.h"
#include "core/compress.h"
#include "core/random.h"
#include "storage/database.h"

namespace youhao::basemap {
namespace {

// Expected values from the Web-Mercator formulas computed apart (Python's math.asinh).
TEST(TileMath, KnownPointsAndRoundTrip) {
  const geo::LonLat huaqing{116.3287, 39.99175};
  EXPECT_EQ(TileAt(huaqing, 12), (TileId{12, 3371, 1550}));
  EXPECT_EQ(TileAt(huaqing, 17), (TileId{17, 107889, 49625}));
  EXPECT_EQ(TileAt(huaqing, 18), (TileId{18, 215779, 99250}));
  const Pixel p = ToPixel(huaqing, 17);
  EXPECT_NEAR(p.x, 27619836.705, 0.01);
  EXPECT_NEAR(p.y, 12704012.345, 0.01);
  const geo::LonLat back = ToLonLat(p, 17);
  EXPECT_NEAR(back.lon, huaqing.lon, 1e-9);
  EXPECT_NEAR(back.lat, huaqing.lat, 1e-9);
  EXPECT_TRUE(ValidTile({0, 0, 0}));
  EXPECT_FALSE(ValidTile({1, 2, 0}));
  EXPECT_FALSE(ValidTile({3, -1, 0}));
  EXPECT_FALSE(ValidTile({25, 0, 0}));
  EXPECT_FALSE(ValidTile({19, 0, 0}, 18));
}

/// A small map drawn in ASCII, one cell = 4 m (about 9 pixels at zoom 18 in Beijing), north up:
/// each capital letter is a building (the box of its cells), `w` a pond (the box of its cells),
/// each row of `=` a road from its first to its last `=`, named by `road_name`.
osm::OsmData FromAscii(const std::vector<std::string>& rows, const std::map<char, std::string>& names,
                       const std::string& road_name) {
  constexpr double kCellMetres = 4;
  const geo::LonLat origin{116.35, 39.96};  // the north-west corner
  const geo::LocalProjection projection(origin);
  osm::OsmData data;
  long long next_node = 1, next_way = 1;
  const auto node = [&](double column, double row) {
    const geo::LonLat at = projection.ToLonLat({column * kCellMetres, -row * kCellMetres});
    data.nodes.push_back({next_node, at.lat, at.lon, {}});
    return next_node++;
  };
  std::map<char, std::pair<std::pair<int, int>, std::pair<int, int>>> boxes;  // letter -> (min col,row),(max col,row)
  for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
    int road_start = -1;
    for (int c = 0; c <= static_cast<int>(rows[r].size()); ++c) {
      const char cell = c < static_cast<int>(rows[r].size()) ? rows[r][c] : ' ';
      if (cell == '=' && road_start < 0) road_start = c;
      if (cell != '=' && road_start >= 0) {
        osm::Way way{next_way++, {node(road_start, r + 0.5), node(c, r + 0.5)}, {{"highway", "residential"}}};
        if (!road_name.empty()) way.tags.push_back({"name", road_name});
        data.ways.push_back(way);
        road_start = -1;
      }
      if ((cell >= 'A' && cell <= 'Z') || cell == 'w') {
        auto [it, fresh] = boxes.try_emplace(cell, std::make_pair(std::make_pair(c, r), std::make_pair(c, r)));
        auto& box = it->second;
        box.first = {std::min(box.first.first, c), std::min(box.first.second, r)};
        box.second = {std::max(box.second.first, c), std::max(box.second.second, r)};
      }
    }
  }
  for (const auto& [letter, box] : boxes) {
    const double x0 = box.first.first, y0 = box.first.second, x1 = box.second.first + 1, y1 = box.second.second + 1;
    const long long a = node(x0, y0), b = node(x1, y0), c = node(x1, y1), d = node(x0, y1);
    osm::Way way{next_way++, {a, b, c, d, a}, {}};
    if (letter == 'w')
      way.tags.push_back({"natural", "water"});
    else
      way.tags.push_back({"building", "yes"});
    if (auto name = names.find(letter); name != names.end()) way.tags.push_back({"name", name->second});
    data.ways.push_back(way);
  }
  data.BuildIndex();
  return data;
}

int Count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

/// The path data of the layer drawn with class `name` ("" when none).
std::string PathOf(const std::string& svg, const std::string& name) {
  const std::string key = "class=\"" + name + "\" d=\"";
  const auto at = svg.find(key);
  if (at == std::string::npos) return "";
  const auto start = at + key.size();
  return svg.substr(start, svg.find('"', start) - start);
}

TEST(BaseMap, DrawsBuildingsWaterRoadsAndNamesOfAnAsciiMap) {
  const auto osm = FromAscii(
      {
          "                        ",
          "  AAAA        wwwww     ",
          "  AAAA        wwwww     ",
          "  AAAA                  ",
          "                        ",
          "========================",
          "                        ",
          "     BBB                ",
          "     BBB                ",
      },
      {{'A', "教三楼"}, {'w', "明光湖"}}, "学院路");
  BaseMapData data;
  AddOsmData(osm, data);
  ASSERT_EQ(data.shapes.size(), 4U);  // the road, A, B, the pond
  // Labels: the road's, 教三楼's and the pond's (B has no name).
  ASSERT_EQ(data.labels.size(), 3U);

  const TileId tile = TileAt({116.3503, 39.9598}, 18);
  const auto labels = PlaceLabels(data, 18);
  const std::string svg = RenderTile(data, labels, tile);
  const std::string buildings = PathOf(svg, "b");
  EXPECT_EQ(Count(buildings, "M"), 2) << svg;  // A and B, each one ring
  EXPECT_EQ(Count(buildings, "z"), 2);
  EXPECT_EQ(Count(PathOf(svg, "w"), "M"), 1);
  EXPECT_NE(svg.find(R"(class="mc")"), std::string::npos) << "the road's casing";
  EXPECT_NE(svg.find(R"(<use href="#m" class="m"/>)"), std::string::npos) << "and its fill";
  EXPECT_NE(svg.find(">学院路</text>"), std::string::npos);
  EXPECT_NE(svg.find(">教三楼</text>"), std::string::npos);
  EXPECT_NE(svg.find(">明光湖</text>"), std::string::npos);
  // The road is drawn over the buildings, the fills over every casing; labels on top.
  EXPECT_LT(svg.find(R"(class="b")"), svg.find(R"(class="mc")"));
  EXPECT_LT(svg.find(R"(class="mc")"), svg.find(R"(<use href="#m")"));
  EXPECT_LT(svg.find("<use"), svg.find("<text"));

  // Zoom 16: buildings and the road, but a building's name only from 17, a minor road's from 16.
  const auto at16 = RenderTile(data, PlaceLabels(data, 16), TileAt({116.3503, 39.9598}, 16));
  EXPECT_EQ(at16.find("教三楼"), std::string::npos);
  EXPECT_EQ(Count(PathOf(at16, "b"), "M"), 2);
  // Zoom 14: no buildings at all.
  const auto at14 = RenderTile(data, PlaceLabels(data, 14), TileAt({116.3503, 39.9598}, 14));
  EXPECT_TRUE(PathOf(at14, "b").empty());

  // A tile far away draws the background and nothing else.
  const auto far = RenderTile(data, labels, {18, tile.x + 5, tile.y});
  EXPECT_EQ(far.find("<path"), std::string::npos);
  EXPECT_EQ(far.find("<text"), std::string::npos);
}

TEST(BaseMap, ClipsShapesToTheTileWithAMargin) {
  // A road 2 km long crosses many tiles: each draws only its own stretch, inside the margin.
  const auto osm = FromAscii({std::string(500, '=')}, {}, "");
  BaseMapData data;
  AddOsmData(osm, data);
  const TileId tile = TileAt({116.358, 39.96}, 18);
  const std::string d = PathOf(RenderTile(data, {}, tile), "mc");
  ASSERT_FALSE(d.empty());
  // "M x y l dx dy": the run starts at most one segment before the tile (the road is one segment).
  std::istringstream in(d.substr(1));
  double x = 0, y = 0;
  in >> x >> y;
  EXPECT_LT(x, 0);
  EXPECT_GT(y, -10);
  EXPECT_LT(y, 266);
}

TEST(BaseMap, ClipsRingsInsideTheTile) {
  // A pond far larger than a tile: its ring in the tile is the tile plus the margin.
  std::vector<std::string> rows(200, std::string(200, 'w'));
  const auto osm = FromAscii(rows, {}, "");
  BaseMapData data;
  AddOsmData(osm, data);
  const TileId tile = TileAt({116.352, 39.958}, 18);
  const std::string d = PathOf(RenderTile(data, {}, tile), "w");
  EXPECT_EQ(d, "M-8 264l0-272 272 0 0 272z");
}

TEST(BaseMap, LabelsNeverOverlapAndAStreetIsNamedOncePer300Pixels) {
  // Two named buildings side by side: at zoom 17 only one name fits.
  const auto osm = FromAscii({"AB", "AB"}, {{'A', "北京邮电大学教学楼"}, {'B', "北京邮电大学图书馆"}}, "");
  BaseMapData data;
  AddOsmData(osm, data);
  EXPECT_EQ(PlaceLabels(data, 18).size(), 1U);
  // A 400-cell street cut into 40 pieces of 10 cells (about 90 pixels each at zoom 18).
  std::string street;
  for (int i = 0; i < 40; ++i) street += std::string(10, '=') + ' ';
  const auto road = FromAscii({street}, {}, "学院路");
  BaseMapData roads;
  AddOsmData(road, roads);
  const auto placed = PlaceLabels(roads, 18);
  // 40 pieces, ~3,600 pixels: about one name per 300-plus pixels, not 40.
  EXPECT_GE(placed.size(), 8U);
  EXPECT_LE(placed.size(), 12U);
  for (std::size_t i = 1; i < placed.size(); ++i) EXPECT_GE(placed[i].at.x - placed[i - 1].at.x, 300 - 1e-6);
}

TEST(BaseMap, EscapesNames) {
  const auto osm = FromAscii({"AAAAAAAA", "AAAAAAAA"}, {{'A', "A&B <楼>"}}, "");
  BaseMapData data;
  AddOsmData(osm, data);
  const std::string svg = RenderTile(data, PlaceLabels(data, 18), TileAt({116.3502, 39.95998}, 18));
  EXPECT_NE(svg.find(">A&amp;B &lt;楼&gt;</text>"), std::string::npos) << svg;
}

TEST(TileStore, WritesAnMbtilesFileAndReadsItsTiles) {
  core::InitCrypto();
  const auto osm = FromAscii({"  AAA  ", "=======", "  www  "}, {}, "学院路");
  BaseMapData data;
  AddOsmData(osm, data);
  const std::string path =
      (std::filesystem::temp_directory_path() / ("youhao-tiles-" + core::RandomDigits(8) + ".mbtiles")).string();
  auto written = TileStore::Write(path, data, "test");
  ASSERT_TRUE(written.ok()) << written.error().detail;
  EXPECT_EQ(written->tiles, kMaxTileZoom - kMinTileZoom + 1) << "one tile per zoom for a map this small";
  EXPECT_FALSE(std::filesystem::exists(path + ".partial"));
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));

  auto store = TileStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.error().detail;
  EXPECT_EQ((*store)->info().tiles, written->tiles);
  EXPECT_EQ((*store)->info().attribution, kAttribution);
  EXPECT_EQ((*store)->info().version, kTilesVersion);
  const TileId tile = TileAt({116.3502, 39.95995}, 18);
  const std::string gzip = (*store)->Gzip(tile);
  const std::string empty = (*store)->Gzip({18, tile.x + 1, tile.y});
  EXPECT_NE(gzip, empty);
  EXPECT_EQ(empty, core::Gzip(EmptyTile()));
  EXPECT_EQ((*store)->Gzip({19, 0, 0}), empty) << "past the last zoom";
  EXPECT_NE(TileStore::Tag(gzip), TileStore::Tag(empty));
  // Rows are counted from the south, as MBTiles says.
  {
    auto database = storage::Database::Open("sqlite:" + path, 1);
    auto connection = database->Acquire();
    const long long row = connection->QueryInt("SELECT tile_row FROM tiles WHERE zoom_level = 18");
    EXPECT_EQ(row, (1LL << 18) - 1 - tile.y);
  }
  store->reset();
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");

  EXPECT_EQ(TileStore::Open(path).error().code, core::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace youhao::basemap
