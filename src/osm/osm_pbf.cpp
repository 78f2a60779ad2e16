// OSM PBF (https://wiki.openstreetmap.org/wiki/PBF_Format) with a small protobuf wire-format
// decoder of our own: every read is bounds-checked, every failure is sticky, and integer
// arithmetic on decoded values is overflow-checked, so corrupt input can only produce an error.

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/text.h"
#include "osm/osm_data.h"

namespace youhao::osm {
namespace {

constexpr std::size_t kMaxBlobHeaderBytes = std::size_t{64} * 1024;
constexpr std::size_t kMaxBlobBytes = std::size_t{32} * 1024 * 1024;
// Decoded elements may take this much memory per input byte (plus kBudgetBaseBytes) before the file is rejected
// as a decompression bomb. Real extracts need about 14 (monaco.osm.pbf: 1.8 MB in, 4.2 MB inflated, 20 MB of
// elements; 29 MB peak RSS for ReadOsmFile).
constexpr std::uint64_t kBudgetBytesPerInputByte = 100;
constexpr std::uint64_t kBudgetBaseBytes = std::uint64_t{64} * 1024 * 1024;
constexpr std::int64_t kNanodegreesPerDegree = 1'000'000'000;

enum WireType : std::uint32_t { kVarint = 0, kFixed64 = 1, kLengthDelimited = 2, kFixed32 = 5 };

/// Text safe to put into an error detail: printable ASCII kept, anything else as \xNN, at most 64 bytes.
std::string Printable(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size() && i < 64; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte < 0x7f && byte != '\\') {
      out += static_cast<char>(byte);
    } else {
      constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  if (text.size() > 64) out += "...";
  return out;
}

/// Reads one base-128 varint from [pos, end); false when it is truncated or longer than 64 bits.
bool ReadVarint(const unsigned char*& pos, const unsigned char* end, std::uint64_t& value) {
  if (pos != end && *pos < 0x80) {
    value = *pos++;
    return true;
  }
  std::uint64_t result = 0;
  for (unsigned shift = 0; shift < 64; shift += 7) {
    if (pos == end) return false;
    const unsigned char byte = *pos++;
    if (shift == 63 && byte > 1) return false;
    result |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if (byte < 0x80) {
      value = result;
      return true;
    }
  }
  return false;
}

std::int64_t ZigZag(std::uint64_t value) {
  return static_cast<std::int64_t>(value >> 1) ^ -static_cast<std::int64_t>(value & 1);
}

const unsigned char* Bytes(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }

/// The fields of one protobuf message, in wire order. A malformed key, a value of the wrong wire type for its
/// accessor or data past the end makes ok() false for good; Next() then returns false.
class ProtoReader {
 public:
  explicit ProtoReader(std::string_view message) : pos_(Bytes(message)), end_(pos_ + message.size()) {}

  bool Next() {
    if (!ok_ || pos_ == end_) return false;
    std::uint64_t key = 0;
    if (!ReadVarint(pos_, end_, key) || key >> 3 == 0 || key >> 3 > 0x1fffffff) return Failed();
    field_ = static_cast<std::uint32_t>(key >> 3);
    wire_type_ = static_cast<std::uint32_t>(key & 7);
    if (wire_type_ != kVarint && wire_type_ != kFixed64 && wire_type_ != kLengthDelimited && wire_type_ != kFixed32) {
      return Failed();  // groups (3, 4) are not used by OSM PBF; 6 and 7 do not exist
    }
    return true;
  }
  std::uint32_t field() const { return field_; }
  std::uint32_t wire_type() const { return wire_type_; }
  bool ok() const { return ok_; }

  std::uint64_t Varint() {
    std::uint64_t value = 0;
    if (wire_type_ != kVarint || !ReadVarint(pos_, end_, value)) Failed();
    return value;
  }
  std::int64_t Int64() { return static_cast<std::int64_t>(Varint()); }
  std::int64_t SInt64() { return ZigZag(Varint()); }
  std::string_view LengthDelimited() {
    std::uint64_t size = 0;
    if (wire_type_ != kLengthDelimited || !ReadVarint(pos_, end_, size) ||
        size > static_cast<std::uint64_t>(end_ - pos_)) {
      Failed();
      return {};
    }
    const std::string_view value(reinterpret_cast<const char*>(pos_), size);
    pos_ += size;
    return value;
  }
  void Skip() {
    switch (wire_type_) {
      case kVarint:
        Varint();
        return;
      case kLengthDelimited:
        LengthDelimited();
        return;
      case kFixed64:
        Advance(8);
        return;
      case kFixed32:
        Advance(4);
        return;
      default:
        Failed();
    }
  }

 private:
  bool Failed() {
    ok_ = false;
    return false;
  }
  void Advance(std::size_t count) {
    if (count > static_cast<std::size_t>(end_ - pos_)) {
      Failed();
    } else {
      pos_ += count;
    }
  }

  const unsigned char* pos_;
  const unsigned char* end_;
  std::uint32_t field_ = 0;
  std::uint32_t wire_type_ = 0;
  bool ok_ = true;
};

/// A packed repeated varint field (wire type 2) read value by value.
class PackedVarints {
 public:
  PackedVarints() = default;
  explicit PackedVarints(std::string_view bytes) : pos_(Bytes(bytes)), end_(pos_ + bytes.size()) {}
  /// The number of values if the data is well formed (a truncated last value is not counted).
  std::size_t Count() const {
    return static_cast<std::size_t>(std::count_if(pos_, end_, [](unsigned char byte) { return byte < 0x80; }));
  }
  bool AtEnd() const { return pos_ == end_; }
  /// False at the end or on a malformed value.
  bool Next(std::uint64_t& value) { return ReadVarint(pos_, end_, value); }

 private:
  const unsigned char* pos_ = nullptr;
  const unsigned char* end_ = nullptr;
};

/// A packed repeated field as found in a message: present at most once.
struct Packed {
  std::string_view bytes;
  bool present = false;
};

/// Decodes the blobs of one file into `data_`; each step returns false after setting `error_`.
class PbfReader {
 public:
  explicit PbfReader(std::string_view file) : file_(file) {
    budget_ = kBudgetBaseBytes + kBudgetBytesPerInputByte * static_cast<std::uint64_t>(file.size());
  }

  core::Result<OsmData> Read() {
    std::size_t offset = 0;
    std::size_t blob_number = 0;
    while (offset < file_.size()) {
      const std::size_t blob_offset = offset;
      if (!ReadBlob(offset, blob_number)) {
        return core::MakeError(core::ErrorCode::kValidationFailed, "OSM PBF blob " + std::to_string(blob_number) +
                                                                       " at byte offset " +
                                                                       std::to_string(blob_offset) + ": " + error_);
      }
      ++blob_number;
    }
    if (blob_number == 0) return core::MakeError(core::ErrorCode::kValidationFailed, "OSM PBF: empty file");
    data_.nodes.shrink_to_fit();
    data_.ways.shrink_to_fit();
    data_.relations.shrink_to_fit();
    data_.BuildIndex();
    return std::move(data_);
  }

 private:
  bool Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return false;
  }
  bool Corrupt(std::string_view what) { return Fail("corrupt " + std::string(what) + " (bad protobuf data)"); }

  /// Counts `bytes` of decoded data against the budget.
  bool Spend(std::uint64_t bytes) {
    if (bytes > budget_) {
      return Fail("the decoded data would exceed " + std::to_string(kBudgetBytesPerInputByte) +
                  " bytes per input byte; a corrupt file or a decompression bomb");
    }
    budget_ -= bytes;
    return true;
  }

  /// Reads the blob at `offset` and advances `offset` past it.
  bool ReadBlob(std::size_t& offset, std::size_t blob_number) {
    const std::size_t left = file_.size() - offset;
    if (left < 4) return Fail("truncated: " + std::to_string(left) + " bytes where a 4-byte BlobHeader length belongs");
    const unsigned char* length = Bytes(file_) + offset;
    const std::uint32_t header_size = static_cast<std::uint32_t>(length[0]) << 24 |
                                      static_cast<std::uint32_t>(length[1]) << 16 |
                                      static_cast<std::uint32_t>(length[2]) << 8 | length[3];
    if (header_size > kMaxBlobHeaderBytes) {
      return Fail("BlobHeader size " + std::to_string(header_size) + " exceeds the 64 KiB limit");
    }
    if (header_size > left - 4) {
      return Fail("truncated BlobHeader (" + std::to_string(header_size) + " bytes announced, " +
                  std::to_string(left - 4) + " left)");
    }
    std::string_view type;
    std::uint64_t data_size = 0;
    bool has_type = false;
    bool has_data_size = false;
    ProtoReader header(file_.substr(offset + 4, header_size));
    while (header.Next()) {
      if (header.field() == 1) {
        type = header.LengthDelimited();
        has_type = true;
      } else if (header.field() == 3) {
        data_size = header.Varint();
        has_data_size = true;
      } else {
        header.Skip();
      }
    }
    if (!header.ok()) return Corrupt("BlobHeader");
    if (!has_type || !has_data_size) return Fail("BlobHeader without type or datasize");
    if (data_size > kMaxBlobBytes) {
      return Fail("Blob size " + std::to_string(static_cast<std::int64_t>(data_size)) + " exceeds the 32 MiB limit");
    }
    const std::size_t blob_offset = offset + 4 + header_size;
    if (data_size > file_.size() - blob_offset) {
      return Fail("truncated Blob (" + std::to_string(data_size) + " bytes announced, " +
                  std::to_string(file_.size() - blob_offset) + " left)");
    }
    const std::string_view blob = file_.substr(blob_offset, data_size);
    offset = blob_offset + data_size;

    const bool is_header = type == "OSMHeader";
    if (blob_number == 0 && !is_header) return Fail("the first blob is \"" + Printable(type) + "\", not OSMHeader");
    if (!is_header && type != "OSMData") return true;  // unknown blob types are to be skipped
    std::string_view block;
    if (!Unpack(blob, block)) return false;
    return is_header ? ReadHeaderBlock(block) : ReadPrimitiveBlock(block);
  }

  /// The uncompressed content of a Blob (a view of the file or of `inflated_`).
  bool Unpack(std::string_view blob, std::string_view& block) {
    ProtoReader reader(blob);
    std::string_view raw;
    std::string_view zlib_data;
    std::uint64_t raw_size = 0;
    bool has_raw = false;
    bool has_zlib = false;
    bool has_raw_size = false;
    while (reader.Next()) {
      switch (reader.field()) {
        case 1:
          raw = reader.LengthDelimited();
          has_raw = true;
          break;
        case 2:
          raw_size = reader.Varint();
          has_raw_size = true;
          break;
        case 3:
          zlib_data = reader.LengthDelimited();
          has_zlib = true;
          break;
        case 4:
          return Fail("unsupported compression (lzma)");
        case 5:
          return Fail("unsupported compression (bzip2)");
        case 6:
          return Fail("unsupported compression (lz4)");
        case 7:
          return Fail("unsupported compression (zstd)");
        default:
          reader.Skip();
      }
    }
    if (!reader.ok()) return Corrupt("Blob");
    if (has_raw) {
      block = raw;
      return true;
    }
    if (!has_zlib) return Fail("Blob without data (or unsupported compression)");
    if (!has_raw_size) return Fail("zlib Blob without raw_size");
    if (raw_size > kMaxBlobBytes) {
      return Fail("Blob raw_size " + std::to_string(static_cast<std::int64_t>(raw_size)) + " exceeds the 32 MiB limit");
    }
    if (!Spend(raw_size)) return false;
    inflated_.resize(raw_size);
    uLongf inflated_size = static_cast<uLongf>(raw_size);
    uLong compressed_size = static_cast<uLong>(zlib_data.size());
    // An empty destination would make zlib see a null pointer; one spare byte keeps the call uniform.
    if (inflated_.empty()) inflated_.push_back(0);
    const int status =
        uncompress2(reinterpret_cast<Bytef*>(inflated_.data()), &inflated_size, Bytes(zlib_data), &compressed_size);
    if (status != Z_OK) {
      return Fail(status == Z_BUF_ERROR    ? "zlib data truncated or larger than raw_size"
                  : status == Z_DATA_ERROR ? "corrupt zlib data"
                                           : "zlib error " + std::to_string(status));
    }
    if (inflated_size != raw_size) {
      return Fail("zlib data is " + std::to_string(inflated_size) + " bytes, raw_size says " +
                  std::to_string(raw_size));
    }
    block = std::string_view(inflated_.data(), raw_size);
    return true;
  }

  bool ReadHeaderBlock(std::string_view block) {
    ProtoReader reader(block);
    while (reader.Next()) {
      switch (reader.field()) {
        case 1:
          if (!ReadBoundingBox(reader.LengthDelimited())) return false;
          break;
        case 4: {
          const std::string_view feature = reader.LengthDelimited();
          if (reader.ok() && feature != "OsmSchema-V0.6" && feature != "DenseNodes") {
            return Fail("unsupported required feature \"" + Printable(feature) + "\"");
          }
          break;
        }
        case 16:
          data_.generator = reader.LengthDelimited();
          if (!core::IsValidUtf8(data_.generator)) return Fail("HeaderBlock writingprogram is not UTF-8");
          break;
        default:
          reader.Skip();
      }
    }
    return reader.ok() || Corrupt("HeaderBlock");
  }

  bool ReadBoundingBox(std::string_view message) {
    ProtoReader reader(message);
    std::int64_t sides[4] = {0, 0, 0, 0};  // left, right, top, bottom
    bool present[4] = {false, false, false, false};
    while (reader.Next()) {
      if (reader.field() >= 1 && reader.field() <= 4) {
        sides[reader.field() - 1] = reader.SInt64();
        present[reader.field() - 1] = true;
      } else {
        reader.Skip();
      }
    }
    if (!reader.ok()) return Corrupt("HeaderBBox");
    if (!std::all_of(std::begin(present), std::end(present), [](bool side) { return side; })) {
      return Fail("HeaderBBox without left, right, top and bottom");
    }
    constexpr std::int64_t kMaxLon = 180 * kNanodegreesPerDegree;
    constexpr std::int64_t kMaxLat = 90 * kNanodegreesPerDegree;
    if (sides[0] < -kMaxLon || sides[0] > kMaxLon || sides[1] < -kMaxLon || sides[1] > kMaxLon || sides[2] < -kMaxLat ||
        sides[2] > kMaxLat || sides[3] < -kMaxLat || sides[3] > kMaxLat) {
      return Fail("HeaderBBox out of range");
    }
    const auto degrees = [](std::int64_t nanodegrees) {
      return static_cast<double>(nanodegrees) / static_cast<double>(kNanodegreesPerDegree);
    };
    data_.bounds = Bounds{degrees(sides[3]), degrees(sides[0]), degrees(sides[2]), degrees(sides[1]), true};
    return true;
  }

  bool ReadPrimitiveBlock(std::string_view block) {
    ProtoReader reader(block);
    std::vector<std::string_view> groups;
    strings_.clear();
    granularity_ = 100;
    lat_offset_ = 0;
    lon_offset_ = 0;
    while (reader.Next()) {
      switch (reader.field()) {
        case 1: {
          ProtoReader table(reader.LengthDelimited());
          while (table.Next()) {
            if (table.field() == 1) {
              strings_.push_back(table.LengthDelimited());
              // Like the XML reader (expat), hand out only valid UTF-8.
              if (!core::IsValidUtf8(strings_.back())) {
                return Fail("string " + std::to_string(strings_.size() - 1) + " of the string table is not UTF-8");
              }
            } else {
              table.Skip();
            }
          }
          if (!table.ok()) return Corrupt("StringTable");
          break;
        }
        case 2:
          groups.push_back(reader.LengthDelimited());
          break;
        case 17:
          granularity_ = static_cast<std::int32_t>(reader.Varint());
          break;
        case 19:
          lat_offset_ = reader.Int64();
          break;
        case 20:
          lon_offset_ = reader.Int64();
          break;
        default:
          reader.Skip();
      }
    }
    if (!reader.ok()) return Corrupt("PrimitiveBlock");
    if (granularity_ <= 0)
      return Fail("PrimitiveBlock granularity " + std::to_string(granularity_) + " is not positive");
    for (std::string_view group : groups) {
      if (!ReadPrimitiveGroup(group)) return false;
    }
    return true;
  }

  bool ReadPrimitiveGroup(std::string_view group) {
    ProtoReader reader(group);
    while (reader.Next()) {
      bool read = true;
      switch (reader.field()) {
        case 1:
          read = ReadNode(reader.LengthDelimited());
          break;
        case 2:
          read = ReadDenseNodes(reader.LengthDelimited());
          break;
        case 3:
          read = ReadWay(reader.LengthDelimited());
          break;
        case 4:
          read = ReadRelation(reader.LengthDelimited());
          break;
        default:
          reader.Skip();  // changesets
      }
      if (!read) return false;
    }
    return reader.ok() || Corrupt("PrimitiveGroup");
  }

  bool TakePacked(ProtoReader& reader, Packed& packed, std::string_view message) {
    if (reader.wire_type() != kLengthDelimited) {
      return Fail(std::string(message) + " field " + std::to_string(reader.field()) + " is not in packed encoding");
    }
    if (packed.present) return Fail(std::string(message) + " field " + std::to_string(reader.field()) + " repeated");
    packed.bytes = reader.LengthDelimited();
    packed.present = true;
    return true;
  }

  /// Latitude or longitude in degrees from a raw block value; false when it overflows or is out of range.
  bool Coordinate(std::int64_t raw, std::int64_t offset, std::int64_t limit_degrees, double& degrees) {
    std::int64_t nanodegrees = 0;
    if (__builtin_mul_overflow(raw, static_cast<std::int64_t>(granularity_), &nanodegrees) ||
        __builtin_add_overflow(nanodegrees, offset, &nanodegrees) ||
        nanodegrees < -limit_degrees * kNanodegreesPerDegree || nanodegrees > limit_degrees * kNanodegreesPerDegree) {
      return false;
    }
    degrees = static_cast<double>(nanodegrees) / static_cast<double>(kNanodegreesPerDegree);
    return true;
  }

  bool AddNode(std::int64_t id, std::int64_t raw_lat, std::int64_t raw_lon, std::vector<Tag> tags) {
    double lat = 0;
    double lon = 0;
    if (!Coordinate(raw_lat, lat_offset_, 90, lat) || !Coordinate(raw_lon, lon_offset_, 180, lon)) {
      return Fail("node " + std::to_string(id) + " has coordinates out of range");
    }
    if (!Spend(sizeof(Node))) return false;
    data_.nodes.push_back(Node{id, lat, lon, std::move(tags)});
    return true;
  }

  bool String(std::uint64_t index, std::string_view& text) {
    if (index >= strings_.size()) return Fail("string index " + std::to_string(index) + " outside the string table");
    text = strings_[index];
    return true;
  }

  bool AddTag(std::uint64_t key_index, std::uint64_t value_index, std::vector<Tag>& tags) {
    std::string_view key;
    std::string_view value;
    if (!String(key_index, key) || !String(value_index, value)) return false;
    if (!Spend(sizeof(Tag) + key.size() + value.size())) return false;
    tags.push_back(Tag{std::string(key), std::string(value)});
    return true;
  }

  /// Tags from parallel packed `keys` and `vals`.
  bool ReadTags(const Packed& keys, const Packed& values, std::vector<Tag>& tags, std::string_view message) {
    PackedVarints key_reader(keys.bytes);
    PackedVarints value_reader(values.bytes);
    const std::size_t count = key_reader.Count();
    if (count != value_reader.Count()) return Fail(std::string(message) + " keys and vals differ in length");
    tags.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
      std::uint64_t key = 0;
      std::uint64_t value = 0;
      if (!key_reader.Next(key) || !value_reader.Next(value)) return Corrupt(message);
      if (!AddTag(key, value, tags)) return false;
    }
    return key_reader.AtEnd() && value_reader.AtEnd() ? true : Corrupt(message);
  }

  /// Whether an Info message (field 4 of Node, Way, Relation) leaves the element visible.
  bool ReadVisible(std::string_view info, bool& visible, std::string_view message) {
    ProtoReader reader(info);
    while (reader.Next()) {
      if (reader.field() == 6) {
        visible = reader.Varint() != 0;
      } else {
        reader.Skip();
      }
    }
    return reader.ok() || Corrupt(message);
  }

  bool ReadNode(std::string_view message) {
    ProtoReader reader(message);
    std::int64_t id = 0;
    std::int64_t lat = 0;
    std::int64_t lon = 0;
    bool has[3] = {false, false, false};
    bool visible = true;
    Packed keys;
    Packed values;
    while (reader.Next()) {
      bool read = true;
      switch (reader.field()) {
        case 1:
          id = reader.SInt64();
          has[0] = true;
          break;
        case 2:
          read = TakePacked(reader, keys, "Node");
          break;
        case 3:
          read = TakePacked(reader, values, "Node");
          break;
        case 4:
          read = ReadVisible(reader.LengthDelimited(), visible, "Node Info");
          break;
        case 8:
          lat = reader.SInt64();
          has[1] = true;
          break;
        case 9:
          lon = reader.SInt64();
          has[2] = true;
          break;
        default:
          reader.Skip();
      }
      if (!read) return false;
    }
    if (!reader.ok()) return Corrupt("Node");
    if (!has[0] || !has[1] || !has[2]) return Fail("Node without id, lat or lon");
    std::vector<Tag> tags;
    if (!ReadTags(keys, values, tags, "Node")) return false;
    return !visible || AddNode(id, lat, lon, std::move(tags));
  }

  bool ReadDenseNodes(std::string_view message) {
    ProtoReader reader(message);
    Packed ids;
    Packed lats;
    Packed lons;
    Packed keys_values;
    Packed visible;
    while (reader.Next()) {
      bool read = true;
      switch (reader.field()) {
        case 1:
          read = TakePacked(reader, ids, "DenseNodes");
          break;
        case 5: {
          ProtoReader info(reader.LengthDelimited());
          while (info.Next()) {
            if (info.field() == 6) {
              read = TakePacked(info, visible, "DenseInfo");
              if (!read) break;
            } else {
              info.Skip();
            }
          }
          if (read && !info.ok()) return Corrupt("DenseInfo");
          break;
        }
        case 8:
          read = TakePacked(reader, lats, "DenseNodes");
          break;
        case 9:
          read = TakePacked(reader, lons, "DenseNodes");
          break;
        case 10:
          read = TakePacked(reader, keys_values, "DenseNodes");
          break;
        default:
          reader.Skip();
      }
      if (!read) return false;
    }
    if (!reader.ok()) return Corrupt("DenseNodes");

    PackedVarints id_reader(ids.bytes);
    PackedVarints lat_reader(lats.bytes);
    PackedVarints lon_reader(lons.bytes);
    PackedVarints tag_reader(keys_values.bytes);
    PackedVarints visible_reader(visible.bytes);
    const std::size_t count = id_reader.Count();
    if (lat_reader.Count() != count || lon_reader.Count() != count ||
        (visible.present && visible_reader.Count() != count)) {
      return Fail("DenseNodes id, lat, lon (and visible) differ in length");
    }
    // Geometric growth across groups; never more than the budget could fill.
    const std::size_t wanted = data_.nodes.size() + std::min<std::size_t>(count, budget_ / sizeof(Node));
    if (wanted > data_.nodes.capacity()) data_.nodes.reserve(std::max(wanted, data_.nodes.capacity() * 2));
    std::int64_t id = 0;
    std::int64_t lat = 0;
    std::int64_t lon = 0;
    for (std::size_t i = 0; i < count; ++i) {
      std::uint64_t id_delta = 0;
      std::uint64_t lat_delta = 0;
      std::uint64_t lon_delta = 0;
      if (!id_reader.Next(id_delta) || !lat_reader.Next(lat_delta) || !lon_reader.Next(lon_delta)) {
        return Corrupt("DenseNodes");
      }
      if (__builtin_add_overflow(id, ZigZag(id_delta), &id) || __builtin_add_overflow(lat, ZigZag(lat_delta), &lat) ||
          __builtin_add_overflow(lon, ZigZag(lon_delta), &lon)) {
        return Fail("DenseNodes delta coding overflows");
      }
      std::vector<Tag> tags;
      if (keys_values.present && !keys_values.bytes.empty()) {
        while (true) {
          std::uint64_t key = 0;
          std::uint64_t value = 0;
          if (!tag_reader.Next(key)) return Fail("DenseNodes keys_vals ends before node " + std::to_string(id));
          if (key == 0) break;
          if (!tag_reader.Next(value)) return Fail("DenseNodes keys_vals ends inside node " + std::to_string(id));
          if (!AddTag(key, value, tags)) return false;
        }
      }
      std::uint64_t node_visible = 1;
      if (visible.present && !visible_reader.Next(node_visible)) return Corrupt("DenseInfo");
      if (node_visible != 0 && !AddNode(id, lat, lon, std::move(tags))) return false;
    }
    if (!tag_reader.AtEnd()) return Fail("DenseNodes keys_vals is longer than its nodes need");
    return true;
  }

  bool ReadWay(std::string_view message) {
    ProtoReader reader(message);
    Way way{0, {}, {}};
    bool has_id = false;
    bool visible = true;
    Packed keys;
    Packed values;
    Packed refs;
    while (reader.Next()) {
      bool read = true;
      switch (reader.field()) {
        case 1:
          way.id = reader.Int64();
          has_id = true;
          break;
        case 2:
          read = TakePacked(reader, keys, "Way");
          break;
        case 3:
          read = TakePacked(reader, values, "Way");
          break;
        case 4:
          read = ReadVisible(reader.LengthDelimited(), visible, "Way Info");
          break;
        case 8:
          read = TakePacked(reader, refs, "Way");
          break;
        default:
          reader.Skip();
      }
      if (!read) return false;
    }
    if (!reader.ok()) return Corrupt("Way");
    if (!has_id) return Fail("Way without id");
    if (!ReadTags(keys, values, way.tags, "Way")) return false;
    PackedVarints ref_reader(refs.bytes);
    const std::size_t count = ref_reader.Count();
    if (!Spend(sizeof(Way) + count * sizeof(long long))) return false;
    way.node_ids.reserve(count);
    std::int64_t ref = 0;
    for (std::size_t i = 0; i < count; ++i) {
      std::uint64_t delta = 0;
      if (!ref_reader.Next(delta)) return Corrupt("Way refs");
      if (__builtin_add_overflow(ref, ZigZag(delta), &ref)) return Fail("Way refs delta coding overflows");
      way.node_ids.push_back(ref);
    }
    if (!ref_reader.AtEnd()) return Corrupt("Way refs");
    if (visible) data_.ways.push_back(std::move(way));
    return true;
  }

  bool ReadRelation(std::string_view message) {
    ProtoReader reader(message);
    Relation relation{0, {}, {}};
    bool has_id = false;
    bool visible = true;
    Packed keys;
    Packed values;
    Packed roles;
    Packed member_ids;
    Packed types;
    while (reader.Next()) {
      bool read = true;
      switch (reader.field()) {
        case 1:
          relation.id = reader.Int64();
          has_id = true;
          break;
        case 2:
          read = TakePacked(reader, keys, "Relation");
          break;
        case 3:
          read = TakePacked(reader, values, "Relation");
          break;
        case 4:
          read = ReadVisible(reader.LengthDelimited(), visible, "Relation Info");
          break;
        case 8:
          read = TakePacked(reader, roles, "Relation");
          break;
        case 9:
          read = TakePacked(reader, member_ids, "Relation");
          break;
        case 10:
          read = TakePacked(reader, types, "Relation");
          break;
        default:
          reader.Skip();
      }
      if (!read) return false;
    }
    if (!reader.ok()) return Corrupt("Relation");
    if (!has_id) return Fail("Relation without id");
    if (!ReadTags(keys, values, relation.tags, "Relation")) return false;
    PackedVarints role_reader(roles.bytes);
    PackedVarints id_reader(member_ids.bytes);
    PackedVarints type_reader(types.bytes);
    const std::size_t count = id_reader.Count();
    if (role_reader.Count() != count || type_reader.Count() != count) {
      return Fail("Relation " + std::to_string(relation.id) + " roles_sid, memids and types differ in length");
    }
    if (!Spend(sizeof(Relation) + count * sizeof(Member))) return false;
    relation.members.reserve(count);
    std::int64_t ref = 0;
    for (std::size_t i = 0; i < count; ++i) {
      std::uint64_t role_index = 0;
      std::uint64_t delta = 0;
      std::uint64_t type = 0;
      if (!role_reader.Next(role_index) || !id_reader.Next(delta) || !type_reader.Next(type)) {
        return Corrupt("Relation members");
      }
      if (__builtin_add_overflow(ref, ZigZag(delta), &ref)) return Fail("Relation memids delta coding overflows");
      if (type > 2) return Fail("Relation " + std::to_string(relation.id) + " has a member of unknown type");
      std::string_view role;
      if (!String(role_index, role) || !Spend(role.size())) return false;
      relation.members.push_back(Member{static_cast<MemberType>(type), ref, std::string(role)});
    }
    if (!id_reader.AtEnd() || !role_reader.AtEnd() || !type_reader.AtEnd()) return Corrupt("Relation members");
    if (visible) data_.relations.push_back(std::move(relation));
    return true;
  }

  std::string_view file_;
  OsmData data_;
  std::string error_;
  std::uint64_t budget_ = 0;
  std::string inflated_;
  // The PrimitiveBlock being read.
  std::vector<std::string_view> strings_;
  std::int32_t granularity_ = 100;
  std::int64_t lat_offset_ = 0;
  std::int64_t lon_offset_ = 0;
};

}  // namespace

core::Result<OsmData> ParseOsmPbf(std::string_view bytes) { return PbfReader(bytes).Read(); }

}  // namespace youhao::osm
