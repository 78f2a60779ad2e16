#include "maps/wayfinding.h"
#include "core/json_output.h"

#include <algorithm>

#include <fmt/format.h>
#include <sodium.h>
#include <boost/json.hpp>

#include "address/building_names.h"
#include "core/compress.h"
#include "maps/osm_import.h"

namespace youhao::maps {
namespace {

constexpr auto kMatcherLifetime = std::chrono::minutes(5);

bool SameNumber(std::string_view a, std::string_view b) { return !a.empty() && a == b; }

/// Buildings (or else landmarks and drop-off points) whose name `text` writes whole, best first.
struct NamedInText {
  std::vector<const Feature*> features;
  bool holds_number = false;  ///< the name holds the building number the parser read
};

NamedInText FindNamed(const CompoundMap& map, std::string_view text, const address::ParsedAddress& parts,
                      bool buildings) {
  std::vector<std::string_view> names;
  std::vector<const Feature*> owners;
  for (const Feature& feature : map.features) {
    const bool wanted = buildings ? feature.kind == FeatureKind::kBuilding
                                  : feature.kind == FeatureKind::kLandmark || feature.kind == FeatureKind::kDropOff;
    if (!wanted || feature.label.empty() || feature.label == kUnnumberedBuilding) continue;
    names.push_back(feature.label);
    owners.push_back(&feature);
  }
  NamedInText named;
  if (auto match = address::FindBuildingName(text, names, parts)) {
    for (const std::size_t index : match->names) named.features.push_back(owners[index]);
    named.holds_number = match->holds_number;
  }
  return named;
}

}  // namespace

AddressTarget FindTarget(const CompoundMap& map, const address::ParsedAddress& parts, std::string_view text,
                         bool compound_named) {
  AddressTarget target;
  // "教五楼": 五楼 is the tail of a name, not building 5.
  const bool glued = !compound_named && address::NumberIsPartOfName(text, parts);
  std::vector<const Feature*> numbered;
  if (!parts.building.empty() && !glued) {
    for (const Feature& feature : map.features) {
      if (feature.kind == FeatureKind::kBuilding && SameNumber(feature.number, parts.building))
        numbered.push_back(&feature);
    }
  }
  // A whole name wins over the number it holds ("学生5号公寓" over 5号楼) and where no number
  // matches; a number wins over a name written elsewhere in the text ("食堂对面5号楼").
  const NamedInText named = FindNamed(map, text, parts, true);
  std::vector<const Feature*> buildings =
      !named.features.empty() && (named.holds_number || numbered.empty()) ? named.features : numbered;
  std::erase_if(buildings, [&](const Feature* building) {
    return !parts.section.empty() && !building->section.empty() && building->section != parts.section;
  });
  if (buildings.empty()) {
    const NamedInText other = FindNamed(map, text, parts, false);
    if (!other.features.empty()) {
      target.feature = other.features.front();
      target.label = DisplayLabel(map, *target.feature);
      for (std::size_t i = 1; i < other.features.size(); ++i)
        target.alternatives.push_back(DisplayLabel(map, *other.features[i]));
      return target;
    }
    if (glued) {
      target.wanted = parts.compound_text + parts.building_text;
    } else if (!parts.building.empty()) {
      target.wanted = parts.building_text.empty() ? parts.building : parts.building_text;
    } else if (!compound_named && address::NamesABuilding(parts.compound_text)) {
      target.wanted = parts.compound_text;
    }
    return target;
  }
  // A section named in the address wins; without one, the building without a section does.
  std::stable_sort(buildings.begin(), buildings.end(), [&](const Feature* a, const Feature* b) {
    const bool a_exact = a->section == parts.section;
    const bool b_exact = b->section == parts.section;
    return a_exact > b_exact;
  });
  const Feature* building = buildings.front();
  for (std::size_t i = 1; i < buildings.size(); ++i) target.alternatives.push_back(DisplayLabel(map, *buildings[i]));
  target.feature = building;
  target.label = DisplayLabel(map, *building);
  const Feature* first_entrance = nullptr;
  for (const Feature& feature : map.features) {
    if (feature.kind != FeatureKind::kEntrance || feature.building_id != building->id) continue;
    if (!parts.entrance.empty() && feature.number == parts.entrance) {
      target.feature = &feature;
      target.label = DisplayLabel(map, feature);
      return target;
    }
    if (first_entrance == nullptr || feature.number < first_entrance->number) first_entrance = &feature;
  }
  // The unit is not mapped: the building's first door is still the best place to head for.
  if (parts.entrance.empty() && first_entrance != nullptr) {
    target.feature = first_entrance;
    target.label = DisplayLabel(map, *first_entrance);
  }
  return target;
}

core::Error TargetNotFound(const AddressTarget& target) {
  if (!target.wanted.empty()) {
    return core::MakeProblem(core::ErrorCode::kNotFound, "", "maps.building_not_found",
                             fmt::format("{} is not on this compound's map", target.wanted),
                             {{"building", target.wanted}});
  }
  return core::MakeProblem(core::ErrorCode::kNotFound, "", "maps.no_building_named", "the address names no building");
}

std::shared_ptr<const address::CompoundMatcher> Wayfinding::Matcher() {
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (matcher_ && now - matcher_built_ < kMatcherLifetime) return matcher_;
  auto connection = database_.Acquire();
  const long long count = connection->QueryInt("SELECT COUNT(*) FROM areas WHERE level = 'compound'");
  if (matcher_ && count == matcher_compounds_) {
    matcher_built_ = now;
    return matcher_;
  }
  std::vector<address::CompoundCandidate> candidates;
  candidates.reserve(static_cast<std::size_t>(count));
  for (const auto& row : connection->Query("SELECT code, name_zh FROM areas WHERE level = 'compound' ORDER BY code")) {
    candidates.push_back({row.Text(0), row.Text(1), {}});
  }
  // Aliases ("北邮") by code; candidates are sorted by code.
  for (const auto& row :
       connection->Query("SELECT compound_code, alias FROM compound_aliases ORDER BY compound_code")) {
    auto found = std::lower_bound(
        candidates.begin(), candidates.end(), row.Text(0),
        [](const address::CompoundCandidate& candidate, const std::string& code) { return candidate.code < code; });
    if (found != candidates.end() && found->code == row.Text(0)) found->aliases.push_back(row.Text(1));
  }
  matcher_ = std::make_shared<const address::CompoundMatcher>(std::move(candidates));
  matcher_built_ = now;
  matcher_compounds_ = count;
  return matcher_;
}

AddressLookup Wayfinding::Lookup(std::string_view text, std::optional<std::string_view> compound_code) {
  AddressLookup lookup;
  lookup.parts = address::ParseAddress(text);
  const auto matcher = Matcher();
  const std::string_view compound_text =
      lookup.parts.compound_text.empty() ? text : std::string_view(lookup.parts.compound_text);
  std::optional<areas::Area> area;
  if (compound_code) {
    area = areas_.Find(*compound_code);
    if (area && area->level != areas::Level::kCompound) area.reset();
  }
  std::optional<address::CompoundMatch> named;
  if (!lookup.parts.compound_text.empty() || !compound_code) named = matcher->Match(compound_text);
  if (area && (!named || named->code == area->code || named->confidence < 0.9)) {
    lookup.compound = address::CompoundMatch{area->code, area->name_zh, 1.0};
  } else if (named) {
    lookup.compound = named;
    area = areas_.Find(named->code);
  } else {
    area.reset();
  }
  lookup.suggestions = matcher->Suggest(compound_text, 5);
  if (area) {
    lookup.router = maps_.Router(*area);
    // Whether the text before the building is the compound's own name ("农大小区23楼").
    const bool compound_named = named && named->code == area->code;
    lookup.target = FindTarget(lookup.router->map(), lookup.parts, text, compound_named);
  }
  return lookup;
}

core::Result<PublishedMap> Wayfinding::Publish(const areas::Area& compound) {
  auto router = maps_.Router(compound);
  if (auto cached = published_.Get(compound.code); cached && (*cached)->router == router) return **cached;
  boost::json::object collection = MapToGeoJson(router->map());
  collection["compound"] = {{"code", compound.code},
                            {"name", compound.name_zh},
                            {"lat", compound.lat ? boost::json::value(*compound.lat) : boost::json::value(nullptr)},
                            {"lon", compound.lon ? boost::json::value(*compound.lon) : boost::json::value(nullptr)}};
  auto published = std::make_shared<PublishedMap>();
  published->router = router;
  published->geojson = core::SerializeJson(collection);
  published->geojson_gzip = core::Gzip(published->geojson);
  unsigned char digest[8];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(published->geojson.data()),
                     published->geojson.size(), nullptr, 0);
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  published->etag = fmt::format("\"m{}-{}\"", router->map().version, std::string_view(hex, 16));
  published_.Put(compound.code, published);
  return *published;
}

}  // namespace youhao::maps
