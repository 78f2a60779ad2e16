#include "maps/osm_import.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "maps/geometry.h"
#include "osm/osm_data.h"

namespace youhao::maps {
namespace {

// Real extracts: © OpenStreetMap contributors, ODbL 1.0.
std::string OsmPath(const char* name) { return std::string(YOUHAO_OSM_DIR) + "/" + name; }

OsmImport Import(const char* name) {
  auto data = osm::ReadOsmFile(OsmPath(name));
  EXPECT_TRUE(data.ok()) << (data.ok() ? "" : data.error().detail);
  if (!data.ok()) return {};
  data->BuildIndex();
  const auto started = std::chrono::steady_clock::now();
  OsmImport result = ExtractCompounds(*data);
  std::printf("%s: %zu compounds in %.1f ms\n", name, result.compounds.size(),
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
  return result;
}

const ImportedCompound* Named(const OsmImport& import, std::string_view name) {
  for (const auto& compound : import.compounds) {
    if (compound.name == name) return &compound;
  }
  return nullptr;
}

TEST(OsmImport, BuptCampusHasNumberedBuildingsGatesEntrancesAndParking) {
  const OsmImport import = Import("beijing-bupt.osm");
  const ImportedCompound* bupt = Named(import, "北京邮电大学");
  ASSERT_NE(bupt, nullptr);
  EXPECT_EQ(bupt->kind, "campus");
  EXPECT_NE(std::find(bupt->aliases.begin(), bupt->aliases.end(), "北邮"), bupt->aliases.end());
  std::set<std::string> numbered;
  for (const Feature& feature : bupt->features) {
    if (feature.kind == FeatureKind::kBuilding && feature.label.find("号楼") != std::string::npos)
      numbered.insert(feature.number);
  }
  // The campus's own numbering in OpenStreetMap (there is no 3号楼 or 6号楼 in the data).
  for (const char* n :
       {"1", "2", "4", "5", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "19", "20", "26"}) {
    EXPECT_TRUE(numbered.contains(n)) << n << "号楼";
  }
  EXPECT_GE(bupt->Count(FeatureKind::kGate), 4);
  EXPECT_GE(bupt->Count(FeatureKind::kEntrance), 20);
  EXPECT_GE(bupt->Count(FeatureKind::kParking), 3);
  EXPECT_GE(bupt->Count(FeatureKind::kPath), 20);
  EXPECT_EQ(bupt->Count(FeatureKind::kBoundary), 1);
  // Every feature survives the GeoJSON round trip (what the database stores).
  for (const Feature& feature : bupt->features) {
    auto back = FeatureFromGeoJson(FeatureToGeoJson(feature), "feature");
    EXPECT_TRUE(back.ok()) << feature.osm_ref << ": " << back.error().detail;
  }
  // Entrances on a building outline are linked to that building.
  int linked = 0;
  for (const Feature& feature : bupt->features)
    linked += feature.kind == FeatureKind::kEntrance && feature.building_id != 0;
  EXPECT_GE(linked, 10);
}

std::set<std::string> GateLabels(const ImportedCompound& compound) {
  std::set<std::string> labels;
  for (const Feature& feature : compound.features) {
    if (feature.kind == FeatureKind::kGate) {
      EXPECT_TRUE(labels.insert(feature.label).second) << compound.name << ": two gates called " << feature.label;
    }
  }
  return labels;
}

TEST(OsmImport, GatesAtOneSpotAreOneGateAndGatesOfOneNameAreToldApartByPosition) {
  // 北京邮电大学: each named gate has an unnamed lift gate 1–5 m from it (南门 and "南门2" before).
  const OsmImport bupt_file = Import("beijing-bupt.osm");
  const ImportedCompound* bupt = Named(bupt_file, "北京邮电大学");
  ASSERT_NE(bupt, nullptr);
  EXPECT_EQ(GateLabels(*bupt), (std::set<std::string>{"东门", "北门", "南门", "西门"}));
  for (const Feature& gate : bupt->features) {
    if (gate.kind != FeatureKind::kGate || gate.label != "南门") continue;
    EXPECT_EQ(gate.gate_kind, "vehicle");  // the lift gate beside it lets bikes through
    EXPECT_TRUE(gate.ride);
    EXPECT_EQ(gate.osm_ref, "node/12753716514");  // the named one
  }
  // Two unnamed gates on the south fence, 175 m apart; four turnstiles and gates named
  // 清华大学东门 in one row; 北京大学's gates carry the university's name.
  const OsmImport cau_file = Import("beijing-haidian-cau.osm");
  const ImportedCompound* cau = Named(cau_file, "中国农业大学东校区");
  ASSERT_NE(cau, nullptr);
  const auto cau_gates = GateLabels(*cau);
  EXPECT_TRUE(cau_gates.contains("南门(东)") && cau_gates.contains("南门(西)")) << ::testing::PrintToString(cau_gates);
  const OsmImport wudaokou = Import("beijing-tsinghua-wudaokou.osm");
  const ImportedCompound* tsinghua = Named(wudaokou, "清华大学");
  ASSERT_NE(tsinghua, nullptr);
  const auto tsinghua_gates = GateLabels(*tsinghua);
  // The named 东门 keeps its name; the unnamed gate on the east side 400 m north takes a position.
  for (const char* label : {"东门", "东门(北)", "南门", "南门(西)"}) {
    EXPECT_TRUE(tsinghua_gates.contains(label)) << label << " in " << ::testing::PrintToString(tsinghua_gates);
  }
  const ImportedCompound* pku = Named(wudaokou, "北京大学");
  ASSERT_NE(pku, nullptr);
  const auto pku_gates = GateLabels(*pku);
  for (const char* label : {"南门", "东南门", "西门", "西门(南)"}) {
    EXPECT_TRUE(pku_gates.contains(label)) << label << " in " << ::testing::PrintToString(pku_gates);
  }
  for (const auto& label : pku_gates) EXPECT_FALSE(label.starts_with("北京大学")) << label;
  EXPECT_FALSE(pku_gates.contains("South West Gate"));  // a name without Chinese: named by position
}

TEST(OsmImport, IncompleteRelationsAreReportedNotGuessed) {
  const OsmImport import = Import("beijing-haidian-cau.osm");
  for (const char* name : {"双泉嘉苑", "富润家园", "学士居", "静淑苑"}) EXPECT_NE(Named(import, name), nullptr) << name;
  for (const auto& compound : import.compounds) {
    for (const Feature& feature : compound.features) {
      if (feature.kind != FeatureKind::kBuilding) continue;
      EXPECT_TRUE(PolygonContains({compound.features.front().geometry.rings[0]}, feature.geometry.Anchor()) ||
                  compound.features.front().kind != FeatureKind::kBoundary)
          << compound.name << " " << feature.label;
    }
  }
}

TEST(OsmImport, AGateWhoseHoursCannotBeReadIsKeptClosed) {
  // A compound's fence with two gates: hours a person can read, and hours nobody can.
  auto data = osm::ParseOsmXml(R"(<?xml version="1.0"?>
<osm version="0.6">
  <node id="1" lat="39.9900" lon="116.3300"/>
  <node id="2" lat="39.9900" lon="116.3320"/>
  <node id="3" lat="39.9915" lon="116.3320"/>
  <node id="4" lat="39.9915" lon="116.3300">
  </node>
  <node id="5" lat="39.9900" lon="116.3310"><tag k="barrier" v="gate"/><tag k="name" v="南门"/>
    <tag k="opening_hours" v="sunrise-sunset"/></node>
  <node id="6" lat="39.9915" lon="116.3310"><tag k="barrier" v="gate"/><tag k="name" v="北门"/>
    <tag k="opening_hours" v="Mo-Su 06:00-22:00"/></node>
  <way id="10"><nd ref="1"/><nd ref="5"/><nd ref="2"/><nd ref="3"/><nd ref="6"/><nd ref="4"/><nd ref="1"/>
    <tag k="landuse" v="residential"/><tag k="name" v="测试小区"/></way>
</osm>)");
  ASSERT_TRUE(data.ok()) << data.error().detail;
  const OsmImport import = ExtractCompounds(*data);
  const ImportedCompound* compound = Named(import, "测试小区");
  ASSERT_NE(compound, nullptr);
  std::map<std::string, std::string> hours;
  for (const Feature& feature : compound->features)
    if (feature.kind == FeatureKind::kGate) hours[feature.label] = feature.opening_hours;
  EXPECT_EQ(hours["北门"], "Mo-Su 06:00-22:00");
  EXPECT_EQ(hours["南门"], "off");
  ASSERT_FALSE(import.warnings.empty());
  EXPECT_NE(import.warnings.back().find("\"sunrise-sunset\" not understood, gate kept closed"), std::string::npos)
      << import.warnings.back();
}

TEST(OsmImport, WudaokouCompounds) {
  const OsmImport import = Import("beijing-tsinghua-wudaokou.osm");
  const ImportedCompound* huaqing = Named(import, "华清嘉园小区");
  ASSERT_NE(huaqing, nullptr);
  // OpenStreetMap has the outline and the lanes of 华清嘉园 but none of its buildings: staff draw them.
  EXPECT_EQ(huaqing->Count(FeatureKind::kBuilding), 0);
  EXPECT_EQ(huaqing->Count(FeatureKind::kBoundary), 1);
  EXPECT_GE(huaqing->Count(FeatureKind::kPath), 2);
  EXPECT_NE(Named(import, "荷清苑教师住宅区"), nullptr);
}

TEST(OsmImport, MonacoWholeCityIsFast) {
  const OsmImport import = Import("monaco.osm.pbf");
  EXPECT_FALSE(import.compounds.empty());
}

TEST(OsmImport, ChangeFileHasOnlyWhatStaffAdded) {
  CompoundMap map;
  Feature from_osm;
  from_osm.kind = FeatureKind::kEntrance;
  from_osm.label = "1单元";
  from_osm.osm_ref = "node/1";
  from_osm.geometry = Geometry::Point({116.3, 39.9});
  Feature entrance = from_osm;
  entrance.osm_ref.clear();
  entrance.number = "2";
  entrance.note = "addr:flats=101-602";
  Feature gate;
  gate.kind = FeatureKind::kGate;
  gate.label = "北门 <东>";
  gate.gate_kind = "pedestrian";
  gate.geometry = Geometry::Point({116.31, 39.91});
  map.features = {from_osm, entrance, gate};
  const std::string xml = OsmChangeXml(map, "youhao");
  EXPECT_NE(xml.find("<tag k=\"entrance\" v=\"staircase\"/>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<tag k=\"ref\" v=\"2\"/>"), std::string::npos);
  EXPECT_NE(xml.find("<tag k=\"addr:flats\" v=\"101-602\"/>"), std::string::npos);
  EXPECT_NE(xml.find("<tag k=\"access\" v=\"delivery\"/>"), std::string::npos);
  EXPECT_NE(xml.find("北门 &lt;东&gt;"), std::string::npos);
  EXPECT_EQ(xml.find("node id=\"-3\""), std::string::npos);  // the OSM entrance is not re-added
}

}  // namespace
}  // namespace youhao::maps
