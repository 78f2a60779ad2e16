#include "osm/osm_data.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/text.h"

namespace youhao::osm {
namespace {

using core::ErrorCode;

// Real extracts, © OpenStreetMap contributors (ODbL).
const std::string kDataDir = std::string(YOUHAO_OSM_DIR) + "/";
const std::vector<std::string> kRealFiles = {"beijing-bupt.osm", "beijing-haidian-cau.osm",
                                             "beijing-tsinghua-wudaokou.osm", "monaco.osm.pbf"};

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteBytes(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string TempPath(const std::string& name) { return testing::TempDir() + "youhao_osm_test_" + name; }

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// ---- osmium (Debian's osmium-tool, built on libosmium) as the independent reference ----

bool HaveOsmium() { return std::system("command -v osmium >/dev/null 2>&1") == 0; }

std::string RunCommand(const std::string& command) {
  std::FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {};
  std::string output;
  char buffer[1 << 16];
  std::size_t count = 0;
  while ((count = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, count);
  const int status = pclose(pipe);
  EXPECT_EQ(status, 0) << command;
  return output;
}

std::string Quote(const std::string& path) { return "'" + path + "'"; }

struct Counts {
  std::int64_t nodes = 0, ways = 0, relations = 0;
};

Counts OsmiumCounts(const std::string& path) {
  const boost::json::value info = boost::json::parse(RunCommand("osmium fileinfo -e -j " + Quote(path)));
  const boost::json::object& count = info.at("data").at("count").as_object();
  return Counts{count.at("nodes").as_int64(), count.at("ways").as_int64(), count.at("relations").as_int64()};
}

// OPL (osmium's one-line-per-object text format) escapes with %<hex code point>%.
std::string UnescapeOpl(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    const std::size_t end = text.find('%', i + 1);
    const auto code = static_cast<std::uint32_t>(std::stoul(std::string(text.substr(i + 1, end - i - 1)), nullptr, 16));
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | code >> 6);
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | code >> 12);
      out += static_cast<char>(0x80 | (code >> 6 & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | code >> 18);
      out += static_cast<char>(0x80 | (code >> 12 & 0x3F));
      out += static_cast<char>(0x80 | (code >> 6 & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
    i = end;
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  if (text.empty()) return parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::vector<Tag> OplTags(std::string_view text) {
  std::vector<Tag> tags;
  for (std::string_view pair : Split(text, ',')) {
    const std::size_t equals = pair.find('=');
    tags.push_back(Tag{UnescapeOpl(pair.substr(0, equals)), UnescapeOpl(pair.substr(equals + 1))});
  }
  return tags;
}

/// The file as osmium reads it, through `osmium cat -f opl`.
OsmData ReadWithOsmium(const std::string& path) {
  const std::string opl = RunCommand("osmium cat -f opl " + Quote(path));
  OsmData data;
  for (std::string_view line : Split(opl, '\n')) {
    if (line.empty()) continue;
    const std::vector<std::string_view> fields = Split(line, ' ');
    const long long id = std::stoll(std::string(fields[0].substr(1)));
    std::vector<Tag> tags;
    double lat = 0;
    double lon = 0;
    std::vector<long long> node_ids;
    std::vector<Member> members;
    for (std::string_view field : fields) {
      const std::string_view value = field.substr(1);
      switch (field[0]) {
        case 'T':
          tags = OplTags(value);
          break;
        case 'x':
          lon = std::stod(std::string(value));
          break;
        case 'y':
          lat = std::stod(std::string(value));
          break;
        case 'N':
          for (std::string_view ref : Split(value, ',')) node_ids.push_back(std::stoll(std::string(ref.substr(1))));
          break;
        case 'M':
          for (std::string_view member : Split(value, ',')) {
            const std::size_t at = member.find('@');
            const MemberType type = member[0] == 'n'   ? MemberType::kNode
                                    : member[0] == 'w' ? MemberType::kWay
                                                       : MemberType::kRelation;
            members.push_back(
                Member{type, std::stoll(std::string(member.substr(1, at - 1))), UnescapeOpl(member.substr(at + 1))});
          }
          break;
        default:
          break;
      }
    }
    switch (line[0]) {
      case 'n':
        data.nodes.push_back(Node{id, lat, lon, std::move(tags)});
        break;
      case 'w':
        data.ways.push_back(Way{id, std::move(node_ids), std::move(tags)});
        break;
      case 'r':
        data.relations.push_back(Relation{id, std::move(members), std::move(tags)});
        break;
      default:
        ADD_FAILURE() << "unexpected OPL line " << line.substr(0, 80);
    }
  }
  return data;
}

bool SameTags(const std::vector<Tag>& a, const std::vector<Tag>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const Tag& x, const Tag& y) { return x.key == y.key && x.value == y.value; });
}

std::string Describe(const std::vector<Tag>& tags) {
  std::string text;
  for (const Tag& tag : tags) text += tag.key + "=" + tag.value + " ";
  return text;
}

/// Compares every element; reports the first few differences. Returns the largest coordinate difference.
double ExpectSameData(const OsmData& actual, const OsmData& expected, const std::string& label) {
  constexpr double kTolerance = 1e-7;
  int reported = 0;
  const auto report = [&reported, &label](const std::string& what) {
    if (++reported <= 10) ADD_FAILURE() << label << ": " << what;
  };
  double max_difference = 0;
  EXPECT_EQ(actual.nodes.size(), expected.nodes.size()) << label;
  EXPECT_EQ(actual.ways.size(), expected.ways.size()) << label;
  EXPECT_EQ(actual.relations.size(), expected.relations.size()) << label;
  for (std::size_t i = 0; i < std::min(actual.nodes.size(), expected.nodes.size()); ++i) {
    const Node& a = actual.nodes[i];
    const Node& e = expected.nodes[i];
    const double difference = std::max(std::abs(a.lat - e.lat), std::abs(a.lon - e.lon));
    max_difference = std::max(max_difference, difference);
    if (a.id != e.id || !(difference <= kTolerance) || !SameTags(a.tags, e.tags)) {
      report("node #" + std::to_string(i) + " id " + std::to_string(a.id) + " vs " + std::to_string(e.id) +
             ", coordinate difference " + std::to_string(difference) + ", tags " + Describe(a.tags) + "vs " +
             Describe(e.tags));
    }
  }
  for (std::size_t i = 0; i < std::min(actual.ways.size(), expected.ways.size()); ++i) {
    const Way& a = actual.ways[i];
    const Way& e = expected.ways[i];
    if (a.id != e.id || a.node_ids != e.node_ids || !SameTags(a.tags, e.tags)) {
      report("way #" + std::to_string(i) + " id " + std::to_string(a.id) + " vs " + std::to_string(e.id));
    }
  }
  for (std::size_t i = 0; i < std::min(actual.relations.size(), expected.relations.size()); ++i) {
    const Relation& a = actual.relations[i];
    const Relation& e = expected.relations[i];
    const bool same_members = std::equal(
        a.members.begin(), a.members.end(), e.members.begin(), e.members.end(),
        [](const Member& x, const Member& y) { return x.type == y.type && x.ref == y.ref && x.role == y.role; });
    if (a.id != e.id || !same_members || !SameTags(a.tags, e.tags)) {
      report("relation #" + std::to_string(i) + " id " + std::to_string(a.id) + " vs " + std::to_string(e.id));
    }
  }
  return max_difference;
}

std::size_t TagCount(const OsmData& data) {
  std::size_t count = 0;
  for (const Node& node : data.nodes) count += node.tags.size();
  for (const Way& way : data.ways) count += way.tags.size();
  for (const Relation& relation : data.relations) count += relation.tags.size();
  return count;
}

// ---- real files ----

class RealFile : public testing::TestWithParam<std::string> {};

TEST_P(RealFile, ParsesWithTheCountsOsmiumReports) {
  const std::string path = kDataDir + GetParam();
  const auto start = std::chrono::steady_clock::now();
  const auto data = ReadOsmFile(path);
  const double seconds = Seconds(start);
  ASSERT_TRUE(data.ok()) << data.error().detail;
  std::cout << "[   osm    ] " << GetParam() << ": " << data->nodes.size() << " nodes, " << data->ways.size()
            << " ways, " << data->relations.size() << " relations, " << TagCount(data.value())
            << " tags, read and parsed in " << seconds * 1000 << " ms (generator \"" << data->generator << "\")"
            << std::endl;
  EXPECT_FALSE(data->generator.empty());
  EXPECT_TRUE(data->bounds.present);
  for (const Node& node : data->nodes) {
    ASSERT_EQ(data->FindNode(node.id), &node);
  }
  for (const Way& way : data->ways) ASSERT_EQ(data->FindWay(way.id), &way);
  for (const Relation& relation : data->relations) ASSERT_EQ(data->FindRelation(relation.id), &relation);
  EXPECT_EQ(data->FindNode(-424242), nullptr);

  if (!HaveOsmium()) GTEST_SKIP() << "osmium (Debian package osmium-tool) is not installed: no cross-check";
  const Counts expected = OsmiumCounts(path);
  EXPECT_EQ(static_cast<std::int64_t>(data->nodes.size()), expected.nodes);
  EXPECT_EQ(static_cast<std::int64_t>(data->ways.size()), expected.ways);
  EXPECT_EQ(static_cast<std::int64_t>(data->relations.size()), expected.relations);
}

TEST_P(RealFile, EveryElementEqualsWhatOsmiumReads) {
  if (!HaveOsmium()) GTEST_SKIP() << "osmium (Debian package osmium-tool) is not installed: no cross-check";
  const std::string path = kDataDir + GetParam();
  const auto data = ReadOsmFile(path);
  ASSERT_TRUE(data.ok()) << data.error().detail;
  const OsmData reference = ReadWithOsmium(path);
  ASSERT_GT(reference.nodes.size(), 1000U);
  const double max_difference = ExpectSameData(data.value(), reference, GetParam() + " vs osmium OPL");
  EXPECT_EQ(TagCount(data.value()), TagCount(reference));
  std::cout << "[   osm    ] " << GetParam() << ": all elements equal osmium's OPL, largest coordinate difference "
            << max_difference << " degrees" << std::endl;
}

INSTANTIATE_TEST_SUITE_P(Osm, RealFile, testing::ValuesIn(kRealFiles), [](const auto& param_info) {
  std::string name = param_info.param;
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return name;
});

TEST(RealData, MonacoPbfEqualsOsmiumsXmlConversionOfIt) {
  if (!HaveOsmium()) GTEST_SKIP() << "osmium (Debian package osmium-tool) is not installed: no cross-check";
  const std::string xml_path = TempPath("monaco.osm");
  RunCommand("osmium cat --overwrite -o " + Quote(xml_path) + " " + Quote(kDataDir + "monaco.osm.pbf"));
  const std::string pbf_bytes = ReadBytes(kDataDir + "monaco.osm.pbf");
  const std::string xml_text = ReadBytes(xml_path);
  std::filesystem::remove(xml_path);

  auto start = std::chrono::steady_clock::now();
  const auto from_pbf = ParseOsmPbf(pbf_bytes);
  const double pbf_seconds = Seconds(start);
  start = std::chrono::steady_clock::now();
  const auto from_xml = ParseOsmXml(xml_text);
  const double xml_seconds = Seconds(start);
  ASSERT_TRUE(from_pbf.ok()) << from_pbf.error().detail;
  ASSERT_TRUE(from_xml.ok()) << from_xml.error().detail;
  std::cout << "[   osm    ] monaco: ParseOsmPbf " << pbf_seconds * 1000 << " ms (" << pbf_bytes.size()
            << " bytes), ParseOsmXml of osmium's conversion " << xml_seconds * 1000 << " ms (" << xml_text.size()
            << " bytes)" << std::endl;

  EXPECT_EQ(from_pbf->nodes.size(), 180118U);
  EXPECT_EQ(from_pbf->ways.size(), 27377U);
  EXPECT_EQ(from_pbf->relations.size(), 212U);
  EXPECT_EQ(from_pbf->generator, "osmconvert 0.7T");
  const double max_difference = ExpectSameData(from_pbf.value(), from_xml.value(), "monaco PBF vs osmium XML");
  std::cout << "[   osm    ] monaco: PBF and XML agree element for element, largest coordinate difference "
            << max_difference << " degrees" << std::endl;
  ASSERT_TRUE(from_xml->bounds.present);
  EXPECT_NEAR(from_pbf->bounds.min_lon, 7.349, 1e-9);
  EXPECT_NEAR(from_pbf->bounds.max_lat, 43.77, 1e-9);
  EXPECT_NEAR(from_pbf->bounds.min_lat, from_xml->bounds.min_lat, 1e-7);
  EXPECT_NEAR(from_pbf->bounds.min_lon, from_xml->bounds.min_lon, 1e-7);
  EXPECT_NEAR(from_pbf->bounds.max_lat, from_xml->bounds.max_lat, 1e-7);
  EXPECT_NEAR(from_pbf->bounds.max_lon, from_xml->bounds.max_lon, 1e-7);
}

TEST(RealData, BuptBuildingOneHasItsChineseNamesAndClosedOutline) {
  const auto data = ReadOsmFile(kDataDir + "beijing-bupt.osm");
  ASSERT_TRUE(data.ok()) << data.error().detail;
  EXPECT_EQ(data->generator, "openstreetmap-cgimap 2.0.1 (2270283 spike-07.openstreetmap.org)");
  EXPECT_DOUBLE_EQ(data->bounds.min_lat, 39.95668);
  EXPECT_DOUBLE_EQ(data->bounds.max_lon, 116.35519);
  const Way* building = data->FindWay(344376663);
  ASSERT_NE(building, nullptr);
  const std::vector<Tag> expected = {{"building", "apartments"},
                                     {"name", "1号楼"},
                                     {"name:zh", "1号楼"},
                                     {"name:zh-Hans", "1号楼"},
                                     {"name:zh-Hant", "1號樓"}};
  EXPECT_TRUE(SameTags(building->tags, expected)) << Describe(building->tags);
  EXPECT_EQ(TagValue(building->tags, "name"), "1号楼");
  EXPECT_TRUE(HasTag(building->tags, "building"));
  EXPECT_FALSE(HasTag(building->tags, "highway"));
  EXPECT_EQ(TagValue(building->tags, "highway"), "");
  EXPECT_EQ(building->node_ids,
            (std::vector<long long>{3511265502, 3511265503, 3511265504, 12754262374, 3511265505, 3511265502}));
  for (long long id : building->node_ids) EXPECT_NE(data->FindNode(id), nullptr) << id;
  const Node* first = data->FindNode(27547653);
  ASSERT_NE(first, nullptr);
  EXPECT_DOUBLE_EQ(first->lat, 39.9599117);
  EXPECT_DOUBLE_EQ(first->lon, 116.3488127);
}

TEST(RealData, CauRelationsKeepMembersOutsideTheFile) {
  const auto data = ReadOsmFile(kDataDir + "beijing-haidian-cau.osm");
  ASSERT_TRUE(data.ok()) << data.error().detail;
  std::size_t members = 0;
  std::size_t missing = 0;
  for (const Relation& relation : data->relations) {
    for (const Member& member : relation.members) {
      ++members;
      const bool present = member.type == MemberType::kNode  ? data->FindNode(member.ref) != nullptr
                           : member.type == MemberType::kWay ? data->FindWay(member.ref) != nullptr
                                                             : data->FindRelation(member.ref) != nullptr;
      if (!present) ++missing;
    }
  }
  EXPECT_GT(missing, 0U);
  EXPECT_LT(missing, members);
  std::cout << "[   osm    ] beijing-haidian-cau: " << missing << " of " << members
            << " relation members are outside the file and kept" << std::endl;
}

TEST(RealData, IndexWorksOnUnsortedData) {
  OsmData data;
  data.nodes = {Node{5, 1, 1, {}}, Node{-3, 2, 2, {}}, Node{9, 3, 3, {}}, Node{5, 4, 4, {}}};
  EXPECT_EQ(data.FindNode(5), nullptr);  // no index yet
  data.BuildIndex();
  ASSERT_NE(data.FindNode(5), nullptr);
  EXPECT_EQ(data.FindNode(5)->lat, 1);  // the first of duplicates
  EXPECT_EQ(data.FindNode(-3)->lat, 2);
  EXPECT_EQ(data.FindNode(9)->lat, 3);
  EXPECT_EQ(data.FindNode(7), nullptr);
  data.nodes.push_back(Node{7, 5, 5, {}});
  EXPECT_EQ(data.FindNode(7), nullptr);  // stale index finds nothing rather than something wrong
  data.BuildIndex();
  EXPECT_EQ(data.FindNode(7)->lat, 5);
}

// ---- ReadOsmFile ----

TEST(ReadOsmFile, MissingFileIsNotFound) {
  const auto data = ReadOsmFile(TempPath("does-not-exist.osm"));
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.error().code, ErrorCode::kNotFound);
}

TEST(ReadOsmFile, OtherContentIsNotAnOsmFile) {
  for (const std::string& content : {std::string("PK\x03\x04 zip"), std::string("\x1f\x8b\x08 gzip"), std::string(),
                                     std::string("   "), std::string("{\"type\":\"FeatureCollection\"}")}) {
    const std::string path = TempPath("other");
    WriteBytes(path, content);
    const auto data = ReadOsmFile(path);
    std::filesystem::remove(path);
    ASSERT_FALSE(data.ok());
    EXPECT_EQ(data.error().code, ErrorCode::kValidationFailed);
    EXPECT_EQ(data.error().detail, "not an OSM file (expected .osm XML or .osm.pbf)");
  }
}

TEST(ReadOsmFile, XmlWithByteOrderMarkAndLeadingWhitespace) {
  const std::string path = TempPath("bom.osm");
  WriteBytes(path, "\xEF\xBB\xBF\n  <osm version=\"0.6\"><node id=\"1\" lat=\"1\" lon=\"2\"/></osm>");
  const auto data = ReadOsmFile(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(data.ok()) << data.error().detail;
  EXPECT_EQ(data->nodes.size(), 1U);
}

// ---- XML ----

OsmData MustParseXml(std::string_view text) {
  auto data = ParseOsmXml(text);
  EXPECT_TRUE(data.ok()) << (data.ok() ? "" : data.error().detail);
  return data.ok() ? std::move(data).value() : OsmData{};
}

std::string XmlError(std::string_view text) {
  const auto data = ParseOsmXml(text);
  EXPECT_FALSE(data.ok()) << text;
  if (data.ok()) return {};
  EXPECT_EQ(data.error().code, ErrorCode::kValidationFailed);
  EXPECT_TRUE(core::IsValidUtf8(data.error().detail));
  return data.error().detail;
}

TEST(ParseOsmXml, ReadsElementsWithEntitiesAndChinese) {
  const OsmData data = MustParseXml(R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="JOSM">
  <bounds minlat="39.9" minlon="116.3" maxlat="40.0" maxlon="116.4"/>
  <node id="-1" lat="39.95" lon="116.35" action="modify">
    <tag k="name" v="A &amp; B &quot;&#20013;&quot; &lt;&gt; 北门"/>
    <tag k="entrance" v="main"/>
  </node>
  <node id="2" lat="-90" lon="180"/>
  <way id="10"><nd ref="-1"/><nd ref="2"/><nd ref="99"/><tag k="highway" v="footway"/></way>
  <relation id="20">
    <member type="way" ref="10" role="outer"/>
    <member type="node" ref="12345" role=""/>
    <member type="relation" ref="777"/>
    <tag k="type" v="multipolygon"/>
  </relation>
</osm>)");
  EXPECT_EQ(data.generator, "JOSM");
  ASSERT_TRUE(data.bounds.present);
  EXPECT_DOUBLE_EQ(data.bounds.min_lat, 39.9);
  EXPECT_DOUBLE_EQ(data.bounds.max_lon, 116.4);
  ASSERT_EQ(data.nodes.size(), 2U);
  EXPECT_EQ(data.nodes[0].id, -1);
  EXPECT_DOUBLE_EQ(data.nodes[0].lat, 39.95);
  EXPECT_EQ(TagValue(data.nodes[0].tags, "name"), "A & B \"中\" <> 北门");
  EXPECT_EQ(TagValue(data.nodes[0].tags, "entrance"), "main");
  EXPECT_TRUE(data.nodes[1].tags.empty());
  ASSERT_EQ(data.ways.size(), 1U);
  EXPECT_EQ(data.ways[0].node_ids, (std::vector<long long>{-1, 2, 99}));
  EXPECT_EQ(data.FindNode(99), nullptr);
  ASSERT_EQ(data.relations.size(), 1U);
  const Relation& relation = data.relations[0];
  ASSERT_EQ(relation.members.size(), 3U);  // members missing from the file are kept
  EXPECT_EQ(relation.members[0].type, MemberType::kWay);
  EXPECT_EQ(relation.members[0].role, "outer");
  EXPECT_EQ(relation.members[1].type, MemberType::kNode);
  EXPECT_EQ(relation.members[1].ref, 12345);
  EXPECT_EQ(relation.members[2].type, MemberType::kRelation);
  EXPECT_EQ(relation.members[2].role, "");
  EXPECT_EQ(TagValue(relation.tags, "type"), "multipolygon");
  EXPECT_EQ(data.FindRelation(20), &relation);
}

TEST(ParseOsmXml, SkipsDeletedAndInvisibleElementsAndTheirChildren) {
  const OsmData data = MustParseXml(R"(<osm version="0.6">
  <node id="1" lat="1" lon="1" visible="false"><tag k="a" v="b"/></node>
  <node id="2" visible="false"/>
  <node id="3" lat="3" lon="3" action="delete"/>
  <node id="4" lat="4" lon="4" visible="true"/>
  <way id="5" visible="false"><nd ref="4"/></way>
  <way id="6" action="delete"/>
  <relation id="7" visible="false"><member type="node" ref="4" role=""/></relation>
</osm>)");
  ASSERT_EQ(data.nodes.size(), 1U);
  EXPECT_EQ(data.nodes[0].id, 4);
  EXPECT_TRUE(data.nodes[0].tags.empty());
  EXPECT_TRUE(data.ways.empty());
  EXPECT_TRUE(data.relations.empty());
}

TEST(ParseOsmXml, IgnoresChangesetsNotesMetaAndUnknownElements) {
  const OsmData data = MustParseXml(R"(<osm version="0.6">
  <note>The data included in this document is from www.openstreetmap.org.</note>
  <meta osm_base="2024-01-01T00:00:00Z"/>
  <changeset id="1"><tag k="comment" v="x"/></changeset>
  <node id="1" lat="1" lon="1"><extra><tag k="nested" v="ignored"/></extra></node>
  <tag k="stray" v="ignored"/>
  <nd ref="5"/>
</osm>)");
  ASSERT_EQ(data.nodes.size(), 1U);
  EXPECT_TRUE(data.nodes[0].tags.empty());
  EXPECT_FALSE(data.bounds.present);
}

TEST(ParseOsmXml, UnionOfSeveralBounds) {
  const OsmData data = MustParseXml(R"(<osm version="0.6">
  <bounds minlat="1" minlon="2" maxlat="3" maxlon="4"/><bounds minlat="0" minlon="3" maxlat="5" maxlon="3.5"/>
</osm>)");
  EXPECT_EQ(data.bounds.min_lat, 0);
  EXPECT_EQ(data.bounds.min_lon, 2);
  EXPECT_EQ(data.bounds.max_lat, 5);
  EXPECT_EQ(data.bounds.max_lon, 4);
}

TEST(ParseOsmXml, MissingOrInvalidCoordinatesNameTheLine) {
  EXPECT_EQ(
      XmlError("<osm version=\"0.6\">\n<node id=\"1\" lat=\"1\" lon=\"1\"/>\n<node id=\"42\" lon=\"1\"/>\n</osm>"),
      "OSM XML line 3: node 42 has no valid lat (a number in [-90, 90])");
  EXPECT_NE(XmlError("<osm>\n\n<node id=\"1\" lat=\"90.5\" lon=\"1\"/></osm>").find("line 3: node 1 has no valid lat"),
            std::string::npos);
  EXPECT_NE(XmlError("<osm>\n<node id=\"1\" lat=\"1\" lon=\"-180.01\"/></osm>").find("line 2: node 1 has no valid lon"),
            std::string::npos);
  for (const char* lat : {"", "nan", "inf", "1e400", "1,5", " 1", "1 ", "0x1", "+1"}) {
    const std::string text = std::string("<osm><node id=\"1\" lat=\"") + lat + "\" lon=\"1\"/></osm>";
    EXPECT_NE(XmlError(text).find("line 1: node 1 has no valid lat"), std::string::npos) << lat;
  }
  EXPECT_EQ(XmlError("<osm>\n<node lat=\"1\" lon=\"1\"/></osm>"), "OSM XML line 2: <node> without a valid id");
  EXPECT_EQ(XmlError("<osm>\n<node id=\"x1\" lat=\"1\" lon=\"1\"/></osm>"),
            "OSM XML line 2: <node> without a valid id");
  EXPECT_EQ(XmlError("<osm>\n<node id=\"99999999999999999999\" lat=\"1\" lon=\"1\"/></osm>"),
            "OSM XML line 2: <node> without a valid id");
  EXPECT_EQ(XmlError("<osm>\n<way/></osm>"), "OSM XML line 2: <way> without a valid id");
  EXPECT_EQ(XmlError("<osm>\n<relation id=\"\"/></osm>"), "OSM XML line 2: <relation> without a valid id");
  EXPECT_NE(XmlError("<osm>\n<bounds minlat=\"1\" minlon=\"2\" maxlat=\"3\"/></osm>").find("line 2: <bounds>"),
            std::string::npos);
}

TEST(ParseOsmXml, InvalidChildrenNameTheLine) {
  EXPECT_EQ(XmlError("<osm>\n<way id=\"1\">\n<nd ref=\"a\"/></way></osm>"),
            "OSM XML line 3: <nd> in way 1 without a valid ref");
  EXPECT_EQ(XmlError("<osm>\n<relation id=\"1\">\n<member type=\"area\" ref=\"1\"/></relation></osm>"),
            "OSM XML line 3: <member> in relation 1 needs type node, way or relation");
  EXPECT_EQ(XmlError("<osm>\n<relation id=\"1\">\n<member type=\"way\" role=\"x\"/></relation></osm>"),
            "OSM XML line 3: <member> in relation 1 without a valid ref");
  EXPECT_EQ(XmlError("<osm>\n<node id=\"1\" lat=\"1\" lon=\"1\">\n<tag k=\"a\"/></node></osm>"),
            "OSM XML line 3: <tag> needs both k and v");
}

TEST(ParseOsmXml, TruncatedOrMalformedXmlNamesTheLine) {
  const std::string complete =
      "<osm version=\"0.6\">\n<node id=\"1\" lat=\"1\" lon=\"2\">\n<tag k=\"a\" v=\"b\"/>\n"
      "</node>\n</osm>\n";
  ASSERT_EQ(MustParseXml(complete).nodes.size(), 1U);
  // Every cut before the end of the root element is an error.
  const std::size_t root_end = complete.rfind('>') + 1;
  for (std::size_t size = 0; size < root_end; ++size) {
    const std::string error = XmlError(complete.substr(0, size));
    EXPECT_TRUE(error.starts_with("OSM XML line ")) << size << ": " << error;
  }
  EXPECT_EQ(XmlError("<osm>\n<node id=\"1\" lat=\"1\" lon=\"2\">\n</osm>"), "OSM XML line 3, column 2: mismatched tag");
  EXPECT_EQ(XmlError("<osm>\n</osm>\n<osm/>"), "OSM XML line 3, column 0: junk after document element");
  EXPECT_EQ(XmlError("<osm>\n<tag k=\"a\" v=\"&unknown;\"/></osm>"), "OSM XML line 2, column 0: undefined entity");
  EXPECT_NE(XmlError("<osm><node id=\"1\" lat=\"1\" lon=\"2\"><tag k=\"a\" v=\"\xff\"/></node></osm>").find("line 1"),
            std::string::npos);
}

TEST(ParseOsmXml, RootMustBeOsmVersion06) {
  EXPECT_EQ(XmlError("<?xml version=\"1.0\"?>\n<gpx><trk/></gpx>"),
            "OSM XML line 2: the root element is <gpx>, expected <osm>");
  EXPECT_EQ(XmlError("<osmChange version=\"0.6\"><delete/></osmChange>"),
            "OSM XML line 1: the root element is <osmChange>, expected <osm>");
  EXPECT_EQ(XmlError("<osm version=\"0.5\"/>"), "OSM XML line 1: unsupported OSM XML version \"0.5\" (expected 0.6)");
  const std::string long_name = "osm" + std::string(100, 'x');
  EXPECT_EQ(XmlError("<" + long_name + "/>"),
            "OSM XML line 1: the root element is <" + long_name.substr(0, 64) + "...>, expected <osm>");
  EXPECT_TRUE(MustParseXml("<osm/>").nodes.empty());
}

TEST(ParseOsmXml, HostileInputsAreRefused) {
  const std::string long_value(kMaxXmlAttributeBytes + 1, 'x');
  EXPECT_EQ(XmlError("<osm>\n<node id=\"1\" lat=\"1\" lon=\"1\"><tag k=\"a\" v=\"" + long_value + "\"/></node></osm>"),
            "OSM XML line 2: attribute v of <tag> is longer than 65536 bytes");
  const std::string longest_value(kMaxXmlAttributeBytes, 'x');
  const OsmData accepted =
      MustParseXml("<osm><node id=\"1\" lat=\"1\" lon=\"1\"><tag k=\"a\" v=\"" + longest_value + "\"/></node></osm>");
  ASSERT_EQ(accepted.nodes.size(), 1U);
  EXPECT_EQ(accepted.nodes[0].tags[0].value.size(), kMaxXmlAttributeBytes);
  // Billion laughs: refused at the first entity declaration.
  EXPECT_EQ(XmlError("<?xml version=\"1.0\"?>\n<!DOCTYPE osm [\n<!ENTITY a \"aaaaaaaaaa\">\n"
                     "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n]>\n<osm><tag k=\"x\" v=\"&b;\"/></osm>"),
            "OSM XML line 3: entity declarations are not allowed");
  // External entities are never fetched.
  EXPECT_NE(XmlError("<!DOCTYPE osm [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><osm>&e;</osm>"), "");
}

// ---- PBF: a minimal encoder to build files ----

class ProtoWriter {
 public:
  ProtoWriter& Varint(int field, std::uint64_t value) {
    Key(field, 0);
    PutVarint(value);
    return *this;
  }
  ProtoWriter& SInt(int field, std::int64_t value) { return Varint(field, ZigZag(value)); }
  ProtoWriter& Bytes(int field, std::string_view bytes) {
    Key(field, 2);
    PutVarint(bytes.size());
    bytes_.append(bytes);
    return *this;
  }
  ProtoWriter& Packed(int field, const std::vector<std::uint64_t>& values) {
    ProtoWriter packed;
    for (std::uint64_t value : values) packed.PutVarint(value);
    return Bytes(field, packed.bytes_);
  }
  ProtoWriter& PackedSInt(int field, const std::vector<std::int64_t>& values) {
    std::vector<std::uint64_t> encoded;
    for (std::int64_t value : values) encoded.push_back(ZigZag(value));
    return Packed(field, encoded);
  }
  ProtoWriter& Raw(std::string_view bytes) {
    bytes_.append(bytes);
    return *this;
  }
  const std::string& str() const { return bytes_; }
  void PutVarint(std::uint64_t value) {
    while (value >= 0x80) {
      bytes_ += static_cast<char>(value | 0x80);
      value >>= 7;
    }
    bytes_ += static_cast<char>(value);
  }

 private:
  static std::uint64_t ZigZag(std::int64_t value) {
    return (static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63);
  }
  void Key(int field, int wire_type) { PutVarint(static_cast<std::uint64_t>(field) << 3 | wire_type); }
  std::string bytes_;
};

std::string Zlib(std::string_view bytes) {
  uLongf size = compressBound(static_cast<uLong>(bytes.size()));
  std::string out(size, '\0');
  EXPECT_EQ(compress(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(bytes.data()),
                     static_cast<uLong>(bytes.size())),
            Z_OK);
  out.resize(size);
  return out;
}

enum class Packing { kRaw, kZlib };

std::string BlobBytes(std::string_view block, Packing packing) {
  ProtoWriter blob;
  if (packing == Packing::kRaw) {
    blob.Bytes(1, block);
  } else {
    blob.Varint(2, block.size()).Bytes(3, Zlib(block));
  }
  return blob.str();
}

std::string FileBlock(std::string_view type, std::string_view blob) {
  const std::string header = ProtoWriter().Bytes(1, type).Varint(3, blob.size()).str();
  std::string out;
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>(header.size() >> shift & 0xff);
  return out + header + std::string(blob);
}

std::string HeaderBlock(const std::vector<std::string>& features = {"OsmSchema-V0.6", "DenseNodes"}) {
  ProtoWriter header;
  // left, right, top, bottom in nanodegrees
  header.Bytes(1, ProtoWriter()
                      .SInt(1, 116'300'000'000)
                      .SInt(2, 116'400'000'000)
                      .SInt(3, 40'000'000'000)
                      .SInt(4, 39'900'000'000)
                      .str());
  for (const std::string& feature : features) header.Bytes(4, feature);
  header.Bytes(5, "Sort.Type_then_ID").Bytes(16, "youhao-test");
  return header.str();
}

// Strings: 0 "", 1 "name", 2 "北门", 3 "highway", 4 "footway", 5 "outer", 6 "entrance", 7 "main".
std::string DataBlock() {
  ProtoWriter table;
  for (const char* text : {"", "name", "北门", "highway", "footway", "outer", "entrance", "main"}) table.Bytes(1, text);
  const std::string dense = ProtoWriter()
                                .PackedSInt(1, {100, 1, 5})  // ids 100, 101, 106
                                .PackedSInt(8, {399'500'000, 1, -2})
                                .PackedSInt(9, {1'163'500'000, -10, 20})
                                .Packed(10, {1, 2, 6, 7, 0, 0, 3, 4, 0})
                                .str();
  const std::string node = ProtoWriter().SInt(1, -7).SInt(8, -900'000'000).SInt(9, 1'800'000'000).str();
  const std::string way =
      ProtoWriter().Varint(1, 200).Packed(2, {3}).Packed(3, {4}).PackedSInt(8, {100, 1, 5, -106 + 999}).str();
  const std::string relation = ProtoWriter()
                                   .Varint(1, 300)
                                   .Packed(2, {1})
                                   .Packed(3, {2})
                                   .Packed(8, {5, 0, 0})
                                   .PackedSInt(9, {200, -100, 500})
                                   .Packed(10, {1, 0, 2})
                                   .str();
  const std::string group1 = ProtoWriter().Bytes(2, dense).Bytes(1, node).str();
  const std::string group2 = ProtoWriter().Bytes(3, way).Bytes(4, relation).str();
  // The groups come before the string table and granularity on purpose: the reader must not depend on field order.
  return ProtoWriter()
      .Bytes(2, group1)
      .Bytes(2, group2)
      .Bytes(1, table.str())
      .Varint(17, 100)
      .Varint(19, 0)
      .Varint(20, 0)
      .str();
}

std::string TinyPbf(Packing packing) {
  return FileBlock("OSMHeader", BlobBytes(HeaderBlock(), packing)) +
         FileBlock("OSMData", BlobBytes(DataBlock(), packing));
}

std::string PbfError(std::string_view bytes) {
  const auto data = ParseOsmPbf(bytes);
  EXPECT_FALSE(data.ok());
  if (data.ok()) return {};
  EXPECT_EQ(data.error().code, ErrorCode::kValidationFailed);
  EXPECT_TRUE(core::IsValidUtf8(data.error().detail)) << data.error().detail;
  EXPECT_FALSE(core::HasControlCharacters(data.error().detail)) << data.error().detail;
  return data.error().detail;
}

void ExpectTinyData(const OsmData& data) {
  EXPECT_EQ(data.generator, "youhao-test");
  ASSERT_TRUE(data.bounds.present);
  EXPECT_DOUBLE_EQ(data.bounds.min_lat, 39.9);
  EXPECT_DOUBLE_EQ(data.bounds.max_lat, 40.0);
  EXPECT_DOUBLE_EQ(data.bounds.min_lon, 116.3);
  EXPECT_DOUBLE_EQ(data.bounds.max_lon, 116.4);
  ASSERT_EQ(data.nodes.size(), 4U);
  EXPECT_EQ(data.nodes[0].id, 100);
  EXPECT_EQ(data.nodes[1].id, 101);
  EXPECT_EQ(data.nodes[2].id, 106);
  EXPECT_EQ(data.nodes[3].id, -7);
  EXPECT_DOUBLE_EQ(data.nodes[0].lat, 39.95);
  EXPECT_DOUBLE_EQ(data.nodes[0].lon, 116.35);
  EXPECT_DOUBLE_EQ(data.nodes[1].lat, 39.9500001);
  EXPECT_DOUBLE_EQ(data.nodes[1].lon, 116.349999);
  EXPECT_DOUBLE_EQ(data.nodes[2].lat, 39.9499999);
  EXPECT_DOUBLE_EQ(data.nodes[2].lon, 116.3500010);
  EXPECT_DOUBLE_EQ(data.nodes[3].lat, -90);
  EXPECT_DOUBLE_EQ(data.nodes[3].lon, 180);
  EXPECT_TRUE(SameTags(data.nodes[0].tags, {{"name", "北门"}, {"entrance", "main"}}));
  EXPECT_TRUE(data.nodes[1].tags.empty());
  EXPECT_TRUE(SameTags(data.nodes[2].tags, {{"highway", "footway"}}));
  ASSERT_EQ(data.ways.size(), 1U);
  EXPECT_EQ(data.ways[0].id, 200);
  EXPECT_EQ(data.ways[0].node_ids, (std::vector<long long>{100, 101, 106, 999}));
  EXPECT_TRUE(SameTags(data.ways[0].tags, {{"highway", "footway"}}));
  ASSERT_EQ(data.relations.size(), 1U);
  const Relation& relation = data.relations[0];
  EXPECT_EQ(relation.id, 300);
  EXPECT_TRUE(SameTags(relation.tags, {{"name", "北门"}}));
  ASSERT_EQ(relation.members.size(), 3U);
  EXPECT_EQ(relation.members[0].type, MemberType::kWay);
  EXPECT_EQ(relation.members[0].ref, 200);
  EXPECT_EQ(relation.members[0].role, "outer");
  EXPECT_EQ(relation.members[1].type, MemberType::kNode);
  EXPECT_EQ(relation.members[1].ref, 100);
  EXPECT_EQ(relation.members[1].role, "");
  EXPECT_EQ(relation.members[2].type, MemberType::kRelation);
  EXPECT_EQ(relation.members[2].ref, 600);
  EXPECT_EQ(data.FindNode(106), &data.nodes[2]);
  EXPECT_EQ(data.FindNode(-7), &data.nodes[3]);  // unsorted ids: the index is a separate table
}

TEST(ParseOsmPbf, DecodesATinyFileRawAndZlib) {
  for (const Packing packing : {Packing::kRaw, Packing::kZlib}) {
    const auto data = ParseOsmPbf(TinyPbf(packing));
    ASSERT_TRUE(data.ok()) << data.error().detail;
    ExpectTinyData(data.value());
  }
}

TEST(ParseOsmPbf, ReadOsmFileRecognisesPbf) {
  const std::string path = TempPath("tiny.osm.pbf");
  WriteBytes(path, TinyPbf(Packing::kZlib));
  const auto data = ReadOsmFile(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(data.ok()) << data.error().detail;
  ExpectTinyData(data.value());
}

TEST(ParseOsmPbf, GranularityAndOffsetsApply) {
  ProtoWriter table;
  table.Bytes(1, "");
  const std::string dense = ProtoWriter().PackedSInt(1, {1}).PackedSInt(8, {3}).PackedSInt(9, {-4}).str();
  const std::string block = ProtoWriter()
                                .Bytes(1, table.str())
                                .Bytes(2, ProtoWriter().Bytes(2, dense).str())
                                .Varint(17, 1000)
                                .Varint(19, 39'000'000'000)
                                .Varint(20, 116'000'000'000)
                                .str();
  const auto data = ParseOsmPbf(FileBlock("OSMHeader", BlobBytes(HeaderBlock(), Packing::kRaw)) +
                                FileBlock("OSMData", BlobBytes(block, Packing::kRaw)));
  ASSERT_TRUE(data.ok()) << data.error().detail;
  ASSERT_EQ(data->nodes.size(), 1U);
  EXPECT_DOUBLE_EQ(data->nodes[0].lat, 39.000003);
  EXPECT_DOUBLE_EQ(data->nodes[0].lon, 115.999996);
}

TEST(ParseOsmPbf, EveryTruncationIsAnErrorExceptAtBlobBoundaries) {
  for (const Packing packing : {Packing::kRaw, Packing::kZlib}) {
    const std::string file = TinyPbf(packing);
    const std::size_t header_end = FileBlock("OSMHeader", BlobBytes(HeaderBlock(), packing)).size();
    for (std::size_t size = 0; size < file.size(); ++size) {
      const auto data = ParseOsmPbf(std::string_view(file).substr(0, size));
      if (size == header_end) {
        // PBF has no end marker: cut between blobs, it is a valid file with fewer blobs.
        ASSERT_TRUE(data.ok()) << data.error().detail;
        EXPECT_TRUE(data->nodes.empty());
      } else {
        ASSERT_FALSE(data.ok()) << "cut at " << size << " of " << file.size();
        EXPECT_EQ(data.error().code, ErrorCode::kValidationFailed);
      }
    }
  }
}

TEST(ParseOsmPbf, EveryCorruptedByteGivesAValueOrAnError) {
  for (const Packing packing : {Packing::kRaw, Packing::kZlib}) {
    const std::string file = TinyPbf(packing);
    std::size_t errors = 0;
    for (std::size_t at = 0; at < file.size(); ++at) {
      for (const unsigned char mask : {0x01, 0x80, 0xff}) {
        std::string corrupt = file;
        corrupt[at] = static_cast<char>(corrupt[at] ^ mask);
        const auto data = ParseOsmPbf(corrupt);
        if (!data.ok()) {
          ++errors;
          EXPECT_EQ(data.error().code, ErrorCode::kValidationFailed);
          continue;
        }
        for (const Node& node : data->nodes) {
          ASSERT_TRUE(node.lat >= -90 && node.lat <= 90 && node.lon >= -180 && node.lon <= 180);
        }
      }
    }
    EXPECT_GT(errors, file.size());
  }
}

TEST(ParseOsmPbf, OversizedLengthsAreRefused) {
  EXPECT_EQ(PbfError(std::string("\x80\x00\x00\x00", 4) + std::string(100, '\0')),
            "OSM PBF blob 0 at byte offset 0: BlobHeader size 2147483648 exceeds the 64 KiB limit");
  EXPECT_EQ(PbfError(std::string("\x00\x01\x00\x01", 4)),
            "OSM PBF blob 0 at byte offset 0: BlobHeader size 65537 exceeds the 64 KiB limit");
  // A BlobHeader whose datasize is 2^31.
  const std::string header = ProtoWriter().Bytes(1, "OSMHeader").Varint(3, std::uint64_t{1} << 31).str();
  const std::string file = std::string("\0\0\0", 3) + static_cast<char>(header.size()) + header + "data";
  EXPECT_EQ(PbfError(file), "OSM PBF blob 0 at byte offset 0: Blob size 2147483648 exceeds the 32 MiB limit");
  // A negative int32 datasize is a 10-byte varint.
  const std::string negative = ProtoWriter().Bytes(1, "OSMHeader").Varint(3, static_cast<std::uint64_t>(-5)).str();
  EXPECT_NE(PbfError(std::string("\0\0\0", 3) + static_cast<char>(negative.size()) + negative)
                .find("exceeds the 32 MiB limit"),
            std::string::npos);
  // raw_size over the limit.
  const std::string blob = ProtoWriter().Varint(2, 33 * 1024 * 1024).Bytes(3, Zlib("x")).str();
  EXPECT_EQ(PbfError(FileBlock("OSMHeader", blob)),
            "OSM PBF blob 0 at byte offset 0: Blob raw_size 34603008 exceeds the 32 MiB limit");
}

TEST(ParseOsmPbf, NamesTheBlobAndOffsetOfAnError) {
  const std::string header = FileBlock("OSMHeader", BlobBytes(HeaderBlock(), Packing::kRaw));
  const std::string data = FileBlock("OSMData", BlobBytes(DataBlock(), Packing::kRaw));
  const std::string bad_table = FileBlock(
      "OSMData",
      BlobBytes(
          ProtoWriter()
              .Bytes(1, ProtoWriter().Bytes(1, "").str())
              .Bytes(2, ProtoWriter().Bytes(3, ProtoWriter().Varint(1, 1).Packed(2, {9}).Packed(3, {0}).str()).str())
              .str(),
          Packing::kRaw));
  EXPECT_EQ(PbfError(header + data + bad_table), "OSM PBF blob 2 at byte offset " +
                                                     std::to_string(header.size() + data.size()) +
                                                     ": string index 9 outside the string table");
}

TEST(ParseOsmPbf, UnsupportedFeaturesAndCompressionsAreNamed) {
  EXPECT_EQ(PbfError(FileBlock("OSMHeader",
                               BlobBytes(HeaderBlock({"OsmSchema-V0.6", "HistoricalInformation"}), Packing::kRaw))),
            "OSM PBF blob 0 at byte offset 0: unsupported required feature \"HistoricalInformation\"");
  EXPECT_NE(PbfError(FileBlock("OSMHeader", BlobBytes(HeaderBlock({"LocationsOnWays\n\xff"}), Packing::kRaw)))
                .find("unsupported required feature \"LocationsOnWays\\x0a\\xff\""),
            std::string::npos);
  const std::vector<std::pair<int, std::string>> compressions = {{4, "lzma"}, {5, "bzip2"}, {6, "lz4"}, {7, "zstd"}};
  for (const auto& [field, name] : compressions) {
    const std::string blob = ProtoWriter().Varint(2, 10).Bytes(field, "compressed").str();
    EXPECT_EQ(PbfError(FileBlock("OSMHeader", blob)),
              "OSM PBF blob 0 at byte offset 0: unsupported compression (" + name + ")");
  }
  EXPECT_EQ(PbfError(FileBlock("OSMData", BlobBytes(DataBlock(), Packing::kRaw))),
            "OSM PBF blob 0 at byte offset 0: the first blob is \"OSMData\", not OSMHeader");
  EXPECT_EQ(PbfError(""), "OSM PBF: empty file");
  EXPECT_EQ(PbfError(FileBlock("OSMHeader", BlobBytes(ProtoWriter().Bytes(16, "osmium\xff").str(), Packing::kRaw))),
            "OSM PBF blob 0 at byte offset 0: HeaderBlock writingprogram is not UTF-8");
}

TEST(ParseOsmPbf, CorruptStructuresAreErrors) {
  const std::string header = FileBlock("OSMHeader", BlobBytes(HeaderBlock(), Packing::kRaw));
  const auto with_block = [&header](const std::string& block) {
    return PbfError(header + FileBlock("OSMData", BlobBytes(block, Packing::kRaw)));
  };
  const std::string table = ProtoWriter().Bytes(1, "").Bytes(1, "k").str();
  const auto group = [&table](int field, const std::string& element) {
    return ProtoWriter().Bytes(1, table).Bytes(2, ProtoWriter().Bytes(field, element).str()).str();
  };
  EXPECT_NE(with_block(group(2, ProtoWriter().PackedSInt(1, {1, 2}).PackedSInt(8, {1}).PackedSInt(9, {1}).str()))
                .find("differ in length"),
            std::string::npos);
  EXPECT_NE(with_block(group(2, ProtoWriter()
                                    .PackedSInt(1, {1, 2})
                                    .PackedSInt(8, {1, 1})
                                    .PackedSInt(9, {1, 1})
                                    .Packed(10, {1, 1, 0})
                                    .str()))
                .find("keys_vals ends before node 3"),
            std::string::npos);
  EXPECT_NE(with_block(group(2, ProtoWriter()
                                    .PackedSInt(1, {std::int64_t{1} << 62, std::int64_t{1} << 62})
                                    .PackedSInt(8, {1, 1})
                                    .PackedSInt(9, {1, 1})
                                    .str()))
                .find("overflows"),
            std::string::npos);
  EXPECT_NE(with_block(group(2, ProtoWriter().PackedSInt(1, {1}).PackedSInt(8, {900'000'001}).PackedSInt(9, {0}).str()))
                .find("node 1 has coordinates out of range"),
            std::string::npos);
  EXPECT_NE(with_block(group(1, ProtoWriter().SInt(1, 5).SInt(8, 0).str())).find("Node without id, lat or lon"),
            std::string::npos);
  EXPECT_NE(with_block(group(3, ProtoWriter().Varint(1, 5).Packed(2, {1}).str())).find("keys and vals differ"),
            std::string::npos);
  EXPECT_NE(with_block(group(3, ProtoWriter().Varint(1, 5).Varint(8, 3).str())).find("not in packed encoding"),
            std::string::npos);
  EXPECT_NE(with_block(group(4, ProtoWriter().Varint(1, 5).Packed(8, {0}).PackedSInt(9, {1}).Packed(10, {3}).str()))
                .find("unknown type"),
            std::string::npos);
  EXPECT_NE(with_block(group(4, ProtoWriter().Varint(1, 5).Packed(8, {0, 0}).PackedSInt(9, {1}).Packed(10, {0}).str()))
                .find("differ in length"),
            std::string::npos);
  EXPECT_NE(with_block(ProtoWriter().Varint(17, 0).str()).find("granularity 0 is not positive"), std::string::npos);
  EXPECT_NE(with_block(ProtoWriter().Bytes(1, ProtoWriter().Bytes(1, "").Bytes(1, "\xc0\xaf").str()).str())
                .find("string 1 of the string table is not UTF-8"),
            std::string::npos);
  EXPECT_NE(with_block(ProtoWriter()
                           .Raw("\x0a\x05"
                                "ab")
                           .str())
                .find("corrupt PrimitiveBlock"),
            std::string::npos);
  EXPECT_NE(with_block(ProtoWriter().Raw("\x0b").str()).find("corrupt PrimitiveBlock"), std::string::npos);  // group
  EXPECT_NE(with_block(ProtoWriter().Raw("\x88\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01").str()).find("corrupt"),
            std::string::npos);  // an 11-byte varint
  const std::string zlib_blob = ProtoWriter().Varint(2, 5).Bytes(3, Zlib("123456")).str();
  EXPECT_NE(PbfError(header + FileBlock("OSMData", zlib_blob)).find("zlib data truncated or larger than raw_size"),
            std::string::npos);
  const std::string short_blob = ProtoWriter().Varint(2, 7).Bytes(3, Zlib("123456")).str();
  EXPECT_NE(PbfError(header + FileBlock("OSMData", short_blob)).find("zlib data is 6 bytes, raw_size says 7"),
            std::string::npos);
  const std::string garbage_blob = ProtoWriter().Varint(2, 6).Bytes(3, "not zlib").str();
  EXPECT_NE(PbfError(header + FileBlock("OSMData", garbage_blob)).find("zlib"), std::string::npos);
}

TEST(ParseOsmPbf, SkipsInvisibleElementsAndUnknownBlobs) {
  const std::string table = ProtoWriter().Bytes(1, "").str();
  const std::string dense = ProtoWriter()
                                .PackedSInt(1, {1, 1, 1})
                                .Bytes(5, ProtoWriter().Packed(6, {1, 0, 1}).str())
                                .PackedSInt(8, {0, 0, 0})
                                .PackedSInt(9, {0, 0, 0})
                                .str();
  const std::string hidden_way = ProtoWriter().Varint(1, 9).Bytes(4, ProtoWriter().Varint(6, 0).str()).str();
  const std::string block =
      ProtoWriter().Bytes(1, table).Bytes(2, ProtoWriter().Bytes(2, dense).Bytes(3, hidden_way).str()).str();
  const auto data =
      ParseOsmPbf(FileBlock("OSMHeader", BlobBytes(HeaderBlock(), Packing::kRaw)) +
                  FileBlock("SomethingNew", "\x01\x02\x03") + FileBlock("OSMData", BlobBytes(block, Packing::kZlib)));
  ASSERT_TRUE(data.ok()) << data.error().detail;
  ASSERT_EQ(data->nodes.size(), 2U);
  EXPECT_EQ(data->nodes[0].id, 1);
  EXPECT_EQ(data->nodes[1].id, 3);
  EXPECT_TRUE(data->ways.empty());
}

TEST(ParseOsmPbf, DecompressionBombIsRefused) {
  // Five million nodes of three bytes each compress to a few kilobytes but would need 240 MB.
  constexpr std::size_t kNodes = 5'000'000;
  const std::string ones(kNodes, '\x02');  // zigzag(1)
  const std::string zeros(kNodes, '\x00');
  const std::string dense = ProtoWriter().Bytes(1, ones).Bytes(8, zeros).Bytes(9, zeros).str();
  const std::string block =
      ProtoWriter().Bytes(1, ProtoWriter().Bytes(1, "").str()).Bytes(2, ProtoWriter().Bytes(2, dense).str()).str();
  const std::string file = FileBlock("OSMHeader", BlobBytes(HeaderBlock(), Packing::kRaw)) +
                           FileBlock("OSMData", BlobBytes(block, Packing::kZlib));
  EXPECT_LT(file.size(), 100'000U);
  EXPECT_NE(PbfError(file).find("decompression bomb"), std::string::npos);
}

TEST(ParseOsmPbf, TruncatedMonacoIsAnErrorNeverACrash) {
  const std::string monaco = ReadBytes(kDataDir + "monaco.osm.pbf");
  ASSERT_GT(monaco.size(), 1'000'000U);
  // The first blob boundaries, where a cut yields a shorter valid file.
  std::vector<std::size_t> boundaries;
  for (std::size_t offset = 0; offset + 4 <= monaco.size();) {
    const auto byte = [&monaco](std::size_t i) {
      return static_cast<std::size_t>(static_cast<unsigned char>(monaco[i]));
    };
    const std::size_t header_size =
        byte(offset) << 24 | byte(offset + 1) << 16 | byte(offset + 2) << 8 | byte(offset + 3);
    const std::string_view header = std::string_view(monaco).substr(offset + 4, header_size);
    const std::size_t size_at = header.rfind('\x18');  // datasize, field 3, comes last
    std::size_t data_size = 0;
    for (std::size_t i = size_at + 1, shift = 0; i < header.size(); ++i, shift += 7) {
      data_size |= static_cast<std::size_t>(static_cast<unsigned char>(header[i]) & 0x7f) << shift;
    }
    offset += 4 + header_size + data_size;
    boundaries.push_back(offset);
  }
  ASSERT_EQ(boundaries.back(), monaco.size());
  std::size_t cuts = 0;
  for (std::size_t size = 0; size < monaco.size(); size += size < 4096 ? 1 : 131'071) {
    if (std::find(boundaries.begin(), boundaries.end(), size) != boundaries.end()) continue;
    const auto data = ParseOsmPbf(std::string_view(monaco).substr(0, size));
    ASSERT_FALSE(data.ok()) << size;
    ++cuts;
  }
  for (std::size_t boundary : boundaries) {
    EXPECT_TRUE(ParseOsmPbf(std::string_view(monaco).substr(0, boundary)).ok()) << boundary;
  }
  std::cout << "[   osm    ] monaco.osm.pbf: " << cuts << " cuts all refused, " << boundaries.size()
            << " blob boundaries read as shorter files" << std::endl;
}

}  // namespace
}  // namespace youhao::osm
