// OSM XML through expat: a streaming parser that keeps only the element being read, so memory is
// the result plus expat's buffers. Every value it stores was an attribute no longer than
// kMaxXmlAttributeBytes.

#include <expat.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cstring>
#include <memory>
#include <optional>

#include "osm/osm_data.h"

namespace youhao::osm {
namespace {

constexpr std::size_t kChunkBytes = std::size_t{1} << 30;  // XML_Parse takes an int length

std::optional<long long> ParseInteger(std::string_view text) {
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<double> ParseCoordinate(std::string_view text, double limit) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  if (!(value >= -limit && value <= limit)) return std::nullopt;  // also rejects NaN
  return value;
}

/// The number of occurrences of `needle`, at most one per `min_element_bytes` of text: the element counts for
/// reserve(), bounded so that a file of bare "<node" cannot make us reserve many times its size.
std::size_t CountElements(std::string_view text, std::string_view needle, std::size_t min_element_bytes) {
  const std::size_t limit = text.size() / min_element_bytes;
  std::size_t count = 0;
  for (std::size_t at = text.find(needle); at != std::string_view::npos && count < limit;
       at = text.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

/// An XML name or value for an error detail: at most 64 bytes, cut at a UTF-8 character boundary.
std::string Shortened(std::string_view text) {
  constexpr std::size_t kMaxBytes = 64;
  if (text.size() <= kMaxBytes) return std::string(text);
  std::size_t size = kMaxBytes;
  while (size > 0 && (static_cast<unsigned char>(text[size]) & 0xC0) == 0x80) --size;
  return std::string(text.substr(0, size)) + "...";
}

struct ParserDeleter {
  void operator()(XML_ParserStruct* parser) const { XML_ParserFree(parser); }
};

class XmlReader {
 public:
  core::Result<OsmData> Parse(std::string_view text) {
    const std::unique_ptr<XML_ParserStruct, ParserDeleter> parser(XML_ParserCreate(nullptr));
    if (!parser) return core::MakeError(core::ErrorCode::kInternal, "cannot create the XML parser");
    parser_ = parser.get();
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &XmlReader::OnStart, &XmlReader::OnEnd);
    XML_SetEntityDeclHandler(parser_, &XmlReader::OnEntityDeclaration);
    XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);

    // The shortest valid elements: <node id="1" lat="0" lon="0"/>, <way id="1"/>, <relation id="1"/>.
    data_.nodes.reserve(CountElements(text, "<node", 30));
    data_.ways.reserve(CountElements(text, "<way", 13));
    data_.relations.reserve(CountElements(text, "<relation", 18));

    do {
      const std::size_t size = std::min(text.size(), kChunkBytes);
      const bool last = size == text.size();
      if (XML_Parse(parser_, text.data(), static_cast<int>(size), last ? XML_TRUE : XML_FALSE) != XML_STATUS_OK) {
        if (!error_.empty()) return core::MakeError(core::ErrorCode::kValidationFailed, std::move(error_));
        return core::MakeError(core::ErrorCode::kValidationFailed,
                               "OSM XML line " + std::to_string(XML_GetCurrentLineNumber(parser_)) + ", column " +
                                   std::to_string(XML_GetCurrentColumnNumber(parser_)) + ": " +
                                   XML_ErrorString(XML_GetErrorCode(parser_)));
      }
      text.remove_prefix(size);
    } while (!text.empty());
    data_.BuildIndex();
    return std::move(data_);
  }

 private:
  enum class Parent { kNone, kNode, kWay, kRelation };

  static void XMLCALL OnStart(void* user_data, const XML_Char* name, const XML_Char** attributes) {
    static_cast<XmlReader*>(user_data)->Start(name, attributes);
  }
  static void XMLCALL OnEnd(void* user_data, const XML_Char* /*name*/) {
    auto* reader = static_cast<XmlReader*>(user_data);
    if (--reader->depth_ == 1) reader->parent_ = Parent::kNone;
  }
  static void XMLCALL OnEntityDeclaration(void* user_data, const XML_Char* /*name*/, int /*is_parameter*/,
                                          const XML_Char* /*value*/, int /*value_length*/, const XML_Char* /*base*/,
                                          const XML_Char* /*system_id*/, const XML_Char* /*public_id*/,
                                          const XML_Char* /*notation*/) {
    static_cast<XmlReader*>(user_data)->Fail("entity declarations are not allowed");
  }

  // The attributes of the element being started, as found by name.
  class Attributes {
   public:
    explicit Attributes(const XML_Char** attributes) : attributes_(attributes) {}
    std::optional<std::string_view> Get(std::string_view name) const {
      for (const XML_Char** at = attributes_; at[0] != nullptr; at += 2) {
        if (name == at[0]) return std::string_view(at[1]);
      }
      return std::nullopt;
    }
    bool Is(std::string_view name, std::string_view value) const { return Get(name) == value; }
    /// The name of the first attribute whose value is too long, or nullptr.
    const XML_Char* TooLong() const {
      for (const XML_Char** at = attributes_; at[0] != nullptr; at += 2) {
        if (strnlen(at[1], kMaxXmlAttributeBytes + 1) > kMaxXmlAttributeBytes) return at[0];
      }
      return nullptr;
    }

   private:
    const XML_Char** attributes_;
  };

  void Fail(const std::string& message) {
    if (error_.empty()) {
      error_ = "OSM XML line " + std::to_string(XML_GetCurrentLineNumber(parser_)) + ": " + message;
    }
    XML_StopParser(parser_, XML_FALSE);
  }

  void Start(std::string_view name, const XML_Char** raw_attributes) {
    const int depth = depth_++;
    if (!error_.empty()) return;
    const Attributes attributes(raw_attributes);
    if (const XML_Char* attribute = attributes.TooLong()) {
      return Fail("attribute " + Shortened(attribute) + " of <" + Shortened(name) + "> is longer than " +
                  std::to_string(kMaxXmlAttributeBytes) + " bytes");
    }
    if (depth == 0) return StartRoot(name, attributes);
    if (depth == 1) {
      parent_ = Parent::kNone;
      if (name == "node") return StartNode(attributes);
      if (name == "way") return StartWay(attributes);
      if (name == "relation") return StartRelation(attributes);
      if (name == "bounds") return StartBounds(attributes);
      return;  // <changeset>, <note>, <meta> and anything newer
    }
    if (depth != 2 || parent_ == Parent::kNone) return;
    if (name == "tag") return StartTag(attributes);
    if (name == "nd" && parent_ == Parent::kWay) return StartNd(attributes);
    if (name == "member" && parent_ == Parent::kRelation) return StartMember(attributes);
  }

  void StartRoot(std::string_view name, const Attributes& attributes) {
    if (name != "osm") return Fail("the root element is <" + Shortened(name) + ">, expected <osm>");
    if (const auto version = attributes.Get("version"); version && *version != "0.6") {
      return Fail("unsupported OSM XML version \"" + Shortened(*version) + "\" (expected 0.6)");
    }
    if (const auto generator = attributes.Get("generator")) data_.generator = *generator;
  }

  static bool Deleted(const Attributes& attributes) {
    return attributes.Is("visible", "false") || attributes.Is("action", "delete");
  }

  std::optional<long long> Id(std::string_view element, const Attributes& attributes) {
    const auto text = attributes.Get("id");
    std::optional<long long> id = text ? ParseInteger(*text) : std::nullopt;
    if (!id) Fail("<" + std::string(element) + "> without a valid id");
    return id;
  }

  void StartNode(const Attributes& attributes) {
    if (Deleted(attributes)) return;
    const auto id = Id("node", attributes);
    if (!id) return;
    const auto lat_text = attributes.Get("lat");
    const auto lon_text = attributes.Get("lon");
    const auto lat = lat_text ? ParseCoordinate(*lat_text, 90) : std::nullopt;
    if (!lat) return Fail("node " + std::to_string(*id) + " has no valid lat (a number in [-90, 90])");
    const auto lon = lon_text ? ParseCoordinate(*lon_text, 180) : std::nullopt;
    if (!lon) return Fail("node " + std::to_string(*id) + " has no valid lon (a number in [-180, 180])");
    data_.nodes.push_back(Node{*id, *lat, *lon, {}});
    parent_ = Parent::kNode;
  }

  void StartWay(const Attributes& attributes) {
    if (Deleted(attributes)) return;
    const auto id = Id("way", attributes);
    if (!id) return;
    data_.ways.push_back(Way{*id, {}, {}});
    parent_ = Parent::kWay;
  }

  void StartRelation(const Attributes& attributes) {
    if (Deleted(attributes)) return;
    const auto id = Id("relation", attributes);
    if (!id) return;
    data_.relations.push_back(Relation{*id, {}, {}});
    parent_ = Parent::kRelation;
  }

  void StartBounds(const Attributes& attributes) {
    const auto get = [&attributes](std::string_view name, double limit) {
      const auto text = attributes.Get(name);
      return text ? ParseCoordinate(*text, limit) : std::nullopt;
    };
    const auto min_lat = get("minlat", 90);
    const auto min_lon = get("minlon", 180);
    const auto max_lat = get("maxlat", 90);
    const auto max_lon = get("maxlon", 180);
    if (!min_lat || !min_lon || !max_lat || !max_lon) {
      return Fail("<bounds> needs minlat, maxlat in [-90, 90] and minlon, maxlon in [-180, 180]");
    }
    Bounds& bounds = data_.bounds;
    if (!bounds.present) {
      bounds = Bounds{*min_lat, *min_lon, *max_lat, *max_lon, true};
      return;
    }
    // JOSM saves one <bounds> per downloaded area: the file covers their union.
    bounds.min_lat = std::min(bounds.min_lat, *min_lat);
    bounds.min_lon = std::min(bounds.min_lon, *min_lon);
    bounds.max_lat = std::max(bounds.max_lat, *max_lat);
    bounds.max_lon = std::max(bounds.max_lon, *max_lon);
  }

  void StartTag(const Attributes& attributes) {
    const auto key = attributes.Get("k");
    const auto value = attributes.Get("v");
    if (!key || !value) return Fail("<tag> needs both k and v");
    std::vector<Tag>* tags = nullptr;
    switch (parent_) {
      case Parent::kNode:
        tags = &data_.nodes.back().tags;
        break;
      case Parent::kWay:
        tags = &data_.ways.back().tags;
        break;
      case Parent::kRelation:
        tags = &data_.relations.back().tags;
        break;
      case Parent::kNone:
        return;
    }
    tags->push_back(Tag{std::string(*key), std::string(*value)});
  }

  void StartNd(const Attributes& attributes) {
    const auto text = attributes.Get("ref");
    const auto ref = text ? ParseInteger(*text) : std::nullopt;
    if (!ref) return Fail("<nd> in way " + std::to_string(data_.ways.back().id) + " without a valid ref");
    data_.ways.back().node_ids.push_back(*ref);
  }

  void StartMember(const Attributes& attributes) {
    Relation& relation = data_.relations.back();
    const auto type_text = attributes.Get("type");
    MemberType type = MemberType::kNode;
    if (type_text == "node") {
      type = MemberType::kNode;
    } else if (type_text == "way") {
      type = MemberType::kWay;
    } else if (type_text == "relation") {
      type = MemberType::kRelation;
    } else {
      return Fail("<member> in relation " + std::to_string(relation.id) + " needs type node, way or relation");
    }
    const auto ref_text = attributes.Get("ref");
    const auto ref = ref_text ? ParseInteger(*ref_text) : std::nullopt;
    if (!ref) return Fail("<member> in relation " + std::to_string(relation.id) + " without a valid ref");
    relation.members.push_back(Member{type, *ref, std::string(attributes.Get("role").value_or(""))});
  }

  XML_Parser parser_ = nullptr;
  OsmData data_;
  int depth_ = 0;
  Parent parent_ = Parent::kNone;
  std::string error_;
};

}  // namespace

core::Result<OsmData> ParseOsmXml(std::string_view text) { return XmlReader().Parse(text); }

}  // namespace youhao::osm
