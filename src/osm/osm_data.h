#pragma once
/// OpenStreetMap data read from the two formats real extracts come in: OSM XML (the website's
/// "Export", JOSM files) and OSM PBF (Geofabrik/BBBike extracts). Everything is loaded into memory;
/// elements keep their file order, and references to elements outside the file are kept as ids.
/// Data read from OpenStreetMap is © OpenStreetMap contributors (ODbL): keep the attribution.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace youhao::osm {

struct Tag {
  std::string key;
  std::string value;
};

/// A point. `lat` is in [-90, 90] and `lon` in [-180, 180] (WGS-84, not GCJ-02).
struct Node {
  long long id;
  double lat;
  double lon;
  std::vector<Tag> tags;  // empty for most nodes
};

/// An ordered list of node ids; nodes outside the file keep their ids (FindNode returns nullptr).
struct Way {
  long long id;
  std::vector<long long> node_ids;
  std::vector<Tag> tags;
};

enum class MemberType { kNode, kWay, kRelation };

struct Member {
  MemberType type;
  long long ref;
  std::string role;
};

/// Members may reference elements that are not in the file (incomplete relations in extracts).
struct Relation {
  long long id;
  std::vector<Member> members;
  std::vector<Tag> tags;
};

/// The box the file says it covers (XML <bounds>, PBF HeaderBBox); data may reach past it.
struct Bounds {
  double min_lat, min_lon, max_lat, max_lon;
  bool present = false;
};

struct OsmData {
  Bounds bounds;
  std::vector<Node> nodes;  // in file order
  std::vector<Way> ways;
  std::vector<Relation> relations;
  std::string generator;  // e.g. "osmium/1.x" or the XML generator attribute

  /// Index from node id to position in `nodes`, built by BuildIndex(); FindNode returns nullptr when absent
  /// (likewise for ways and relations). The parsers call it before returning; call it again after changing
  /// `nodes`, `ways` or `relations`. Costs no memory when the elements are already sorted by id (as in website
  /// exports and most PBF extracts), else 16 bytes per element. With duplicate ids, the first in file order wins.
  void BuildIndex();
  /// The element with this id, or nullptr when it is absent or the index is missing or stale.
  const Node* FindNode(long long id) const;
  const Way* FindWay(long long id) const;
  const Relation* FindRelation(long long id) const;

 private:
  // Per element kind: when the elements are sorted by id, an empty `positions` and a binary search
  // over the elements themselves; otherwise (id, position) pairs sorted by id.
  struct IdIndex {
    bool built = false;
    bool sorted = false;
    std::size_t size = 0;
    std::vector<std::pair<long long, std::uint32_t>> positions;
  };
  template <typename Element>
  static void Build(const std::vector<Element>& elements, IdIndex& index);
  template <typename Element>
  static const Element* Find(const std::vector<Element>& elements, const IdIndex& index, long long id);

  IdIndex node_index_;
  IdIndex way_index_;
  IdIndex relation_index_;
};

/// Value of a tag or empty string_view when absent.
std::string_view TagValue(const std::vector<Tag>& tags, std::string_view key);
bool HasTag(const std::vector<Tag>& tags, std::string_view key);

/// The largest file ReadOsmFile loads (the whole file is held in memory while parsing).
inline constexpr std::uint64_t kMaxOsmFileBytes = std::uint64_t{2} << 30;
/// Longest attribute value accepted in OSM XML (tag values are at most 255 characters in OSM).
inline constexpr std::size_t kMaxXmlAttributeBytes = std::size_t{64} * 1024;

/// Parses OSM XML (the format of openstreetmap.org "Export" and JOSM files, <osm version="0.6">): <bounds>, <node>,
/// <way><nd ref/>, <relation><member type ref role/>, <tag k v/>. Returns core::ErrorCode::kValidationFailed with a
/// detail naming the LINE number for malformed XML, truncated files, a root element that is not <osm>, a node without
/// valid lat/lon (lat in [-90,90], lon in [-180,180]) or id. Deleted/visible="false" elements are skipped. Ignores
/// <changeset>, <note>, <meta>.
/// Also: an <osm version> other than "0.6", a way/relation without a valid id, an <nd> without a valid ref, a
/// <member> with a type other than node/way/relation, a <tag> without k or v, any attribute value longer than
/// kMaxXmlAttributeBytes and DTD entity declarations are errors. Elements deleted in JOSM (action="delete") are
/// skipped like visible="false" ones. The result is indexed (BuildIndex).
core::Result<OsmData> ParseOsmXml(std::string_view text);

/// Parses the OSM PBF format (https://wiki.openstreetmap.org/wiki/PBF_Format): BlobHeader/Blob with raw or zlib_data;
/// OSMHeader (check required_features only contains "OsmSchema-V0.6" and "DenseNodes"; otherwise error naming the
/// feature); OSMData PrimitiveBlock: stringtable, granularity, lat_offset, lon_offset, PrimitiveGroups with DenseNodes
/// (delta-coded ids/lat/lon, keys_vals), plain Nodes, Ways (delta refs), Relations (delta memids, roles_sid, types).
/// Error (kValidationFailed, naming the byte offset / blob number) for truncated or corrupt data, blob sizes over the
/// spec limits (header 64 KiB, blob 32 MiB), unknown compression (lzma/zstd etc: say "unsupported compression").
/// Also errors: a first blob that is not OSMHeader, string indexes outside the string table, arrays of different
/// lengths, coordinates out of range, integer overflow in delta coding, repeated fields not in packed encoding,
/// string table entries that are not UTF-8, and decoded data over 100 bytes per input byte (+64 MiB): a zlib bomb.
/// Blobs of unknown type are skipped (as the spec says). Elements with visible=false are skipped. PBF has no end
/// marker: a file cut exactly between two blobs reads as the shorter file. The result is indexed (BuildIndex).
core::Result<OsmData> ParseOsmPbf(std::string_view bytes);

/// Reads a file and dispatches on content (PBF starts with a 4-byte big-endian length then a BlobHeader containing
/// "OSMHeader"; XML starts with '<' after optional BOM/whitespace). A file that is neither: kValidationFailed "not an
/// OSM file (expected .osm XML or .osm.pbf)". Missing file: kNotFound.
/// A file larger than kMaxOsmFileBytes is kValidationFailed; any other read failure is kInternal.
core::Result<OsmData> ReadOsmFile(const std::string& path);

}  // namespace youhao::osm
