#include "osm/osm_data.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>

namespace youhao::osm {

template <typename Element>
void OsmData::Build(const std::vector<Element>& elements, IdIndex& index) {
  index = IdIndex{};
  index.size = elements.size();
  if (elements.size() > std::numeric_limits<std::uint32_t>::max()) return;  // not indexable: Find gives nullptr
  index.built = true;
  index.sorted =
      std::is_sorted(elements.begin(), elements.end(), [](const Element& a, const Element& b) { return a.id < b.id; });
  if (index.sorted) return;
  index.positions.reserve(elements.size());
  for (std::size_t i = 0; i < elements.size(); ++i) {
    index.positions.emplace_back(elements[i].id, static_cast<std::uint32_t>(i));
  }
  // Sorting the pairs (id, position) keeps the first position of a duplicate id first.
  std::sort(index.positions.begin(), index.positions.end());
}

template <typename Element>
const Element* OsmData::Find(const std::vector<Element>& elements, const IdIndex& index, long long id) {
  if (!index.built || index.size != elements.size()) return nullptr;
  if (index.sorted) {
    const auto it = std::lower_bound(elements.begin(), elements.end(), id,
                                     [](const Element& element, long long wanted) { return element.id < wanted; });
    return it != elements.end() && it->id == id ? &*it : nullptr;
  }
  const auto it = std::lower_bound(index.positions.begin(), index.positions.end(), id,
                                   [](const auto& entry, long long wanted) { return entry.first < wanted; });
  if (it == index.positions.end() || it->first != id || it->second >= elements.size()) return nullptr;
  const Element& element = elements[it->second];
  return element.id == id ? &element : nullptr;
}

void OsmData::BuildIndex() {
  Build(nodes, node_index_);
  Build(ways, way_index_);
  Build(relations, relation_index_);
}

const Node* OsmData::FindNode(long long id) const { return Find(nodes, node_index_, id); }
const Way* OsmData::FindWay(long long id) const { return Find(ways, way_index_, id); }
const Relation* OsmData::FindRelation(long long id) const { return Find(relations, relation_index_, id); }

std::string_view TagValue(const std::vector<Tag>& tags, std::string_view key) {
  for (const Tag& tag : tags) {
    if (tag.key == key) return tag.value;
  }
  return {};
}

bool HasTag(const std::vector<Tag>& tags, std::string_view key) {
  return std::any_of(tags.begin(), tags.end(), [key](const Tag& tag) { return tag.key == key; });
}

namespace {

constexpr std::string_view kNotOsm = "not an OSM file (expected .osm XML or .osm.pbf)";

bool LooksLikePbf(std::string_view bytes) {
  if (bytes.size() < 4) return false;
  const auto byte = [&bytes](std::size_t i) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i]));
  };
  const std::uint32_t header_size = byte(0) << 24 | byte(1) << 16 | byte(2) << 8 | byte(3);
  if (header_size == 0 || header_size > 64 * 1024) return false;
  return bytes.substr(4, header_size).find("OSMHeader") != std::string_view::npos;
}

bool LooksLikeXml(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  const std::size_t first = bytes.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && bytes[first] == '<';
}

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

}  // namespace

core::Result<OsmData> ReadOsmFile(const std::string& path) {
  errno = 0;
  const std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    const int error = errno;
    if (error == ENOENT || error == ENOTDIR) {
      return core::MakeError(core::ErrorCode::kNotFound, "OSM file not found: " + path);
    }
    return core::MakeError(core::ErrorCode::kInternal, "cannot open " + path + ": " + std::strerror(error));
  }
  std::string bytes;
  char buffer[1 << 16];
  while (true) {
    const std::size_t count = std::fread(buffer, 1, sizeof buffer, file.get());
    if (count > 0) {
      if (bytes.size() + count > kMaxOsmFileBytes) {
        return core::MakeError(core::ErrorCode::kValidationFailed,
                               path + " is larger than " + std::to_string(kMaxOsmFileBytes >> 20) + " MiB");
      }
      if (bytes.capacity() < bytes.size() + count) bytes.reserve(std::max<std::size_t>(bytes.size() * 2, 1 << 20));
      bytes.append(buffer, count);
    }
    if (count < sizeof buffer) break;
  }
  if (std::ferror(file.get()) != 0) {
    return core::MakeError(core::ErrorCode::kInternal, "cannot read " + path);
  }
  if (LooksLikePbf(bytes)) return ParseOsmPbf(bytes);
  if (LooksLikeXml(bytes)) return ParseOsmXml(bytes);
  return core::MakeError(core::ErrorCode::kValidationFailed, std::string(kNotOsm));
}

}  // namespace youhao::osm
