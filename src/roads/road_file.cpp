// The road network file: "YOUHAORN", a format version, then for each profile its arrays as
// (count, raw little-endian bytes), and a BLAKE2b checksum of everything before it.
#include <sodium.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <type_traits>

#include <fmt/format.h>

#include "roads/road_network.h"

namespace youhao::roads {
namespace {

constexpr char kMagic[8] = {'Y', 'O', 'U', 'H', 'A', 'O', 'R', 'N'};
constexpr std::uint32_t kFormatVersion = 2;  // 2: routable means strongly connected
constexpr std::size_t kChecksumBytes = 32;

core::Error Invalid(const std::string& path, std::string_view why) {
  return core::MakeError(core::ErrorCode::kValidationFailed,
                         fmt::format("{}: not a valid road network file: {}", path, why));
}

class Writer {
 public:
  template <typename T>
  void Value(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes_.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  template <typename T>
  void Array(const std::vector<T>& values) {
    Value<std::uint64_t>(values.size());
    bytes_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
  }
  std::string& Bytes() { return bytes_; }

 private:
  std::string bytes_;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  template <typename T>
  bool Value(T& value) {
    if (bytes_.size() - offset_ < sizeof(T)) return false;
    std::memcpy(&value, bytes_.data() + offset_, sizeof(T));
    offset_ += sizeof(T);
    return true;
  }
  template <typename T>
  bool Array(std::vector<T>& values) {
    std::uint64_t count = 0;
    if (!Value(count) || count > (bytes_.size() - offset_) / sizeof(T)) return false;
    values.resize(count);
    std::memcpy(values.data(), bytes_.data() + offset_, count * sizeof(T));
    offset_ += count * sizeof(T);
    return true;
  }
  bool AtEnd() const { return offset_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  std::size_t offset_ = 0;
};

bool ValidCsr(const std::vector<std::uint32_t>& begin, std::size_t nodes, std::size_t arcs) {
  if (begin.size() != nodes + 1 || begin.front() != 0 || begin.back() != arcs) return false;
  for (std::size_t i = 1; i < begin.size(); ++i) {
    if (begin[i] < begin[i - 1]) return false;
  }
  return true;
}

}  // namespace

core::Status RoadNetwork::Save(const std::string& path) const {
  Writer writer;
  writer.Bytes().append(kMagic, sizeof(kMagic));
  writer.Value(kFormatVersion);
  for (const auto& part : parts_) {
    writer.Value(static_cast<std::uint8_t>(part->graph.profile));
    writer.Array(part->graph.positions);
    writer.Array(part->graph.osm_ids);
    writer.Array(part->graph.out_begin);
    writer.Array(part->graph.out_arcs);
    writer.Array(part->graph.in_begin);
    writer.Array(part->graph.in_arcs);
    writer.Array(part->graph.routable);
    writer.Array(part->hierarchy.rank);
    writer.Array(part->hierarchy.up_begin);
    writer.Array(part->hierarchy.up_arcs);
    writer.Value(static_cast<std::uint64_t>(part->hierarchy.shortcut_count));
  }
  std::array<unsigned char, kChecksumBytes> checksum{};
  crypto_generichash(checksum.data(), checksum.size(), reinterpret_cast<const unsigned char*>(writer.Bytes().data()),
                     writer.Bytes().size(), nullptr, 0);
  writer.Bytes().append(reinterpret_cast<const char*>(checksum.data()), checksum.size());

  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(writer.Bytes().data(), static_cast<std::streamsize>(writer.Bytes().size()));
    if (!out) return core::MakeError(core::ErrorCode::kInternal, fmt::format("{}: cannot write", temporary));
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    return core::MakeError(core::ErrorCode::kInternal, fmt::format("{}: cannot rename to {}", temporary, path));
  }
  return core::Ok{};
}

core::Result<std::unique_ptr<RoadNetwork>> RoadNetwork::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::MakeError(core::ErrorCode::kNotFound, fmt::format("{}: no such file", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  if (bytes.size() < sizeof(kMagic) + sizeof(kFormatVersion) + kChecksumBytes ||
      std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) {
    return Invalid(path, "wrong magic");
  }
  const std::string_view body(bytes.data(), bytes.size() - kChecksumBytes);
  std::array<unsigned char, kChecksumBytes> checksum{};
  crypto_generichash(checksum.data(), checksum.size(), reinterpret_cast<const unsigned char*>(body.data()), body.size(),
                     nullptr, 0);
  if (std::memcmp(checksum.data(), bytes.data() + body.size(), kChecksumBytes) != 0) {
    return Invalid(path, "checksum mismatch (truncated or corrupt)");
  }
  Reader reader(body.substr(sizeof(kMagic)));
  std::uint32_t version = 0;
  if (!reader.Value(version) || version != kFormatVersion) {
    return Invalid(path,
                   fmt::format("format version {} (expected {}): run import-roads again", version, kFormatVersion));
  }
  auto network = std::unique_ptr<RoadNetwork>(new RoadNetwork());
  for (int i = 0; i < kProfileCount; ++i) {
    auto part = std::make_unique<Part>();
    std::uint8_t profile = 0;
    std::uint64_t shortcuts = 0;
    RoadGraph& g = part->graph;
    ContractionHierarchy& h = part->hierarchy;
    if (!reader.Value(profile) || profile >= kProfileCount || !reader.Array(g.positions) || !reader.Array(g.osm_ids) ||
        !reader.Array(g.out_begin) || !reader.Array(g.out_arcs) || !reader.Array(g.in_begin) ||
        !reader.Array(g.in_arcs) || !reader.Array(g.routable) || !reader.Array(h.rank) || !reader.Array(h.up_begin) ||
        !reader.Array(h.up_arcs) || !reader.Value(shortcuts)) {
      return Invalid(path, "truncated");
    }
    g.profile = static_cast<Profile>(profile);
    h.shortcut_count = shortcuts;
    const std::size_t n = g.positions.size();
    bool valid = g.osm_ids.size() == n && g.routable.size() == n && h.rank.size() == n &&
                 ValidCsr(g.out_begin, n, g.out_arcs.size()) && ValidCsr(g.in_begin, n, g.in_arcs.size()) &&
                 ValidCsr(h.up_begin, n, h.up_arcs.size()) && network->parts_[profile] == nullptr;
    for (const Arc& arc : g.out_arcs) valid = valid && arc.node < n;
    for (const Arc& arc : g.in_arcs) valid = valid && arc.node < n;
    for (std::uint32_t rank : h.rank) valid = valid && rank < n;
    for (const UpwardArc& arc : h.up_arcs) valid = valid && arc.node < n && (arc.middle == kNoMiddle || arc.middle < n);
    if (!valid) return Invalid(path, fmt::format("inconsistent {} graph", ProfileName(g.profile)));
    network->parts_[profile] = std::move(part);
  }
  if (!reader.AtEnd()) return Invalid(path, "trailing bytes");
  network->Finish();
  return network;
}

}  // namespace youhao::roads
