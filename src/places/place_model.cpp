#include "places/place_model.h"

#include <algorithm>
#include <cmath>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <fmt/format.h>

#include "core/text.h"

namespace youhao::places {
namespace {

namespace json = boost::json;
using core::ErrorCode;
using core::MakeError;

struct Named {
  std::string_view name;
  std::string_view label_zh;
};

constexpr std::array<Named, kPlaceKindCount> kKinds = {{
    {"station", "驿站"},
    {"merchant", "友好商户"},
    {"canteen", "社区食堂"},
    {"clinic", "友好诊所"},
    {"battery_swap", "换电柜"},
    {"charging", "充电点"},
    {"toilet", "公厕"},
    {"legal_aid", "法律援助点"},
    {"training", "培训中心"},
}};

constexpr std::array<Named, kAmenityCount> kAmenities = {{
    {"water", "饮水"},
    {"hot_water", "热水"},
    {"microwave", "微波炉"},
    {"fridge", "冰箱"},
    {"phone_charging", "手机充电"},
    {"ebike_charging", "电动车充电"},
    {"battery_swap", "换电"},
    {"toilet", "厕所"},
    {"medicine_kit", "医药箱"},
    {"heating_cooling", "冷暖空调"},
    {"wifi", "无线网络"},
    {"seats", "座椅"},
    {"meals", "餐食"},
    {"nap_space", "午休区"},
    {"books", "图书"},
}};

constexpr AmenitySet kGradeC = Bit(Amenity::kWater) | Bit(Amenity::kPhoneCharging) | Bit(Amenity::kSeats);
constexpr AmenitySet kGradeB =
    kGradeC | Bit(Amenity::kHotWater) | Bit(Amenity::kMedicineKit) | Bit(Amenity::kHeatingCooling);
constexpr AmenitySet kGradeA =
    kGradeB | Bit(Amenity::kMicrowave) | Bit(Amenity::kEbikeCharging) | Bit(Amenity::kToilet) | Bit(Amenity::kWifi);

constexpr std::array<GradeRule, 3> kGradeRules = {{
    {'A', "24/7", kGradeA},
    {'B', "12h", kGradeB},
    {'C', "", kGradeC},
}};

template <std::size_t N>
std::optional<std::size_t> IndexOf(const std::array<Named, N>& table, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (table[i].name == name) return i;
  }
  return std::nullopt;
}

/// Open at least 12 hours on every day of the week.
bool OpenTwelveHoursDaily(const schedule::OpeningHours& hours) {
  for (int day = 0; day < 7; ++day) {
    int open_minutes = 0;
    for (int minute = 0; minute < 1440; minute += 15) {
      if (hours.IsOpen({day, minute})) open_minutes += 15;
    }
    if (open_minutes < 12 * 60) return false;
  }
  return true;
}

bool HoursMeet(std::string_view rule, const schedule::OpeningHours& hours) {
  if (rule == "24/7") return hours.AlwaysOpen();
  if (rule == "12h") return OpenTwelveHoursDaily(hours);
  return true;
}

/// "HH:MM-HH:MM" with hours 00–24 and minutes 00–59.
bool IsTimeWindow(std::string_view text) {
  const auto time_at = [&](std::size_t at) {
    if (text.size() < at + 5 || text[at + 2] != ':') return false;
    for (std::size_t i : {at, at + 1, at + 3, at + 4}) {
      if (text[i] < '0' || text[i] > '9') return false;
    }
    const int hour = (text[at] - '0') * 10 + (text[at + 1] - '0');
    const int minute = (text[at + 3] - '0') * 10 + (text[at + 4] - '0');
    return hour <= 24 && minute <= 59;
  };
  return text.size() == 11 && text[5] == '-' && time_at(0) && time_at(6);
}

core::Result<std::vector<std::string>> ShortTexts(const json::value* value, std::string_view field) {
  std::vector<std::string> out;
  if (value == nullptr || value->is_null()) return out;
  const json::array& items = value->as_array();
  if (items.size() > 20) return MakeError(ErrorCode::kValidationFailed, fmt::format("{}: at most 20 items", field));
  for (const json::value& item : items) {
    if (!item.is_string())
      return MakeError(ErrorCode::kValidationFailed, fmt::format("{}: items must be strings", field));
    const std::string_view text = item.as_string();
    const std::string trimmed(core::Trim(text));
    if (trimmed.empty() || core::CountCodePoints(trimmed) > 30 || core::HasControlCharacters(trimmed)) {
      return MakeError(ErrorCode::kValidationFailed,
                       fmt::format("{}: each item is 1–30 characters without control characters", field));
    }
    if (std::find(out.begin(), out.end(), trimmed) == out.end()) out.push_back(trimmed);
  }
  return out;
}

core::Result<Offers> ParseOffers(const json::value* value) {
  Offers offers;
  if (value == nullptr || value->is_null()) return offers;
  if (!value->is_object()) return MakeError(ErrorCode::kValidationFailed, "offers must be an object");
  for (const auto& [key, field] : value->as_object()) {
    if (key == "discount") {
      if (!field.is_string() && !field.is_null())
        return MakeError(ErrorCode::kValidationFailed, "offers.discount must be text");
      const std::string_view text = field.is_string() ? std::string_view(field.as_string()) : std::string_view{};
      if (core::CountCodePoints(text) > 60 || core::HasControlCharacters(text)) {
        return MakeError(ErrorCode::kValidationFailed, "offers.discount: at most 60 characters");
      }
      offers.discount = std::string(core::Trim(text));
    } else if (key == "rider_price_yuan") {
      if (field.is_null()) continue;
      if (!field.is_int64() || field.as_int64() < 0 || field.as_int64() > 500) {
        return MakeError(ErrorCode::kValidationFailed, "offers.rider_price_yuan must be a whole number of yuan, 0–500");
      }
      offers.rider_price_yuan = static_cast<int>(field.as_int64());
    } else if (key == "late_meal") {
      if (field.is_null()) continue;
      if (!field.is_string() || (!field.as_string().empty() && !IsTimeWindow(field.as_string()))) {
        return MakeError(ErrorCode::kValidationFailed, "offers.late_meal must look like 21:00-02:00");
      }
      offers.late_meal = std::string(field.as_string());
    } else {
      return MakeError(ErrorCode::kUnknownField, fmt::format("offers.{} is not a known field", std::string_view(key)));
    }
  }
  return offers;
}

constexpr core::FieldSpec kPlaceFields[] = {
    {"kind", core::FieldType::kString, true, 20},
    {"name", core::FieldType::kString, true, 60},
    {"lat", core::FieldType::kNumber, true},
    {"lon", core::FieldType::kNumber, true},
    {"address", core::FieldType::kString, false, 120, true, true},
    {"amenities", core::FieldType::kArray, false, 0, false, true},
    {"opening_hours", core::FieldType::kString, false, 255, false, true},
    {"capacity", core::FieldType::kInteger, false, 0, false, true},
    {"offers", core::FieldType::kObject, false, 0, false, true},
    {"services", core::FieldType::kArray, false, 0, false, true},
    {"supplies", core::FieldType::kArray, false, 0, false, true},
    {"phone", core::FieldType::kString, false, 20, true, true},
    {"scan_entry", core::FieldType::kBoolean, false, 0, false, true},
    {"tier", core::FieldType::kString, false, 20, true, true},
    {"merge_into", core::FieldType::kInteger, false, 0, false, true},
    {"base_version", core::FieldType::kInteger, false, 0, false, true},
};

}  // namespace

std::string_view KindName(PlaceKind kind) { return kKinds[static_cast<std::size_t>(kind)].name; }
std::string_view KindLabelZh(PlaceKind kind) { return kKinds[static_cast<std::size_t>(kind)].label_zh; }
std::optional<PlaceKind> ParseKind(std::string_view name) {
  if (auto i = IndexOf(kKinds, name)) return static_cast<PlaceKind>(*i);
  return std::nullopt;
}

std::string_view AmenityName(Amenity amenity) { return kAmenities[static_cast<std::size_t>(amenity)].name; }
std::string_view AmenityLabelZh(Amenity amenity) { return kAmenities[static_cast<std::size_t>(amenity)].label_zh; }
std::optional<Amenity> ParseAmenity(std::string_view name) {
  if (auto i = IndexOf(kAmenities, name)) return static_cast<Amenity>(*i);
  return std::nullopt;
}

std::vector<std::string_view> AmenityNames(AmenitySet set) {
  std::vector<std::string_view> names;
  for (int i = 0; i < kAmenityCount; ++i) {
    if ((set >> i) & 1u) names.push_back(kAmenities[static_cast<std::size_t>(i)].name);
  }
  return names;
}

namespace {
template <typename Parse>
core::Result<std::uint32_t> ParseList(std::string_view text, std::string_view what, Parse parse) {
  std::uint32_t bits = 0;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view item = core::Trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    if (item.empty()) continue;
    auto value = parse(item);
    if (!value) {
      return MakeError(ErrorCode::kValidationFailed,
                       fmt::format("unknown {} \"{}\"", what, item.size() > 40 ? item.substr(0, 40) : item));
    }
    bits |= std::uint32_t{1} << static_cast<int>(*value);
  }
  return bits;
}
}  // namespace

core::Result<AmenitySet> ParseAmenityList(std::string_view text) { return ParseList(text, "amenity", ParseAmenity); }
core::Result<std::uint32_t> ParseKindList(std::string_view text) { return ParseList(text, "kind", ParseKind); }

std::string_view TierName(Tier tier) {
  switch (tier) {
    case Tier::kFlagship:
      return "flagship";
    case Tier::kHub:
      return "hub";
    case Tier::kLocal:
      return "local";
    case Tier::kNone:
      break;
  }
  return "";
}

std::optional<Tier> ParseTier(std::string_view name) {
  if (name == "flagship") return Tier::kFlagship;
  if (name == "hub") return Tier::kHub;
  if (name == "local") return Tier::kLocal;
  if (name.empty()) return Tier::kNone;
  return std::nullopt;
}

std::string_view StatusName(PlaceStatus status) {
  switch (status) {
    case PlaceStatus::kPending:
      return "pending";
    case PlaceStatus::kApproved:
      return "approved";
    case PlaceStatus::kRejected:
      return "rejected";
  }
  return "pending";
}

std::optional<PlaceStatus> ParseStatus(std::string_view name) {
  if (name == "pending") return PlaceStatus::kPending;
  if (name == "approved") return PlaceStatus::kApproved;
  if (name == "rejected") return PlaceStatus::kRejected;
  return std::nullopt;
}

const std::array<GradeRule, 3>& GradeRules() { return kGradeRules; }

Grade GradeStation(AmenitySet amenities, const schedule::OpeningHours& hours) {
  Grade result;
  for (const GradeRule& rule : kGradeRules) {
    if ((amenities & rule.required) == rule.required && HoursMeet(rule.hours, hours)) {
      result.grade = rule.grade;
      break;
    }
  }
  // The next rule up is the one before the earned one (or the lowest when none is earned).
  const GradeRule* next = nullptr;
  for (std::size_t i = 0; i < kGradeRules.size(); ++i) {
    if (kGradeRules[i].grade == result.grade) {
      next = i == 0 ? nullptr : &kGradeRules[i - 1];
      break;
    }
  }
  if (result.grade == 0) next = &kGradeRules.back();
  if (next != nullptr) {
    result.next = next->grade;
    if (!HoursMeet(next->hours, hours)) result.missing.emplace_back(next->hours);
    for (std::string_view name : AmenityNames(next->required & ~amenities)) result.missing.emplace_back(name);
  }
  return result;
}

std::span<const core::FieldSpec> PlaceFields() { return kPlaceFields; }

core::Result<PlaceInput> ParsePlaceInput(const json::object& body) {
  PlaceInput input;
  const auto kind = ParseKind(body.at("kind").as_string());
  if (!kind) return MakeError(ErrorCode::kValidationFailed, "kind: unknown kind of place");
  input.kind = *kind;
  input.name = std::string(core::Trim(body.at("name").as_string()));
  if (input.name.empty()) return MakeError(ErrorCode::kValidationFailed, "name: required");
  const auto number = [&body](std::string_view key) { return body.at(key).to_number<double>(); };
  input.lat = number("lat");
  input.lon = number("lon");
  if (!std::isfinite(input.lat) || !std::isfinite(input.lon) || std::abs(input.lat) > 90 || std::abs(input.lon) > 180) {
    return MakeError(ErrorCode::kValidationFailed, "lat/lon: not a position on Earth");
  }
  input.address = std::string(core::Trim(core::StringOr(body, "address")));
  if (const auto* amenities = body.if_contains("amenities"); amenities != nullptr && !amenities->is_null()) {
    for (const json::value& item : amenities->as_array()) {
      const auto amenity = item.is_string() ? ParseAmenity(item.as_string()) : std::nullopt;
      if (!amenity) return MakeError(ErrorCode::kValidationFailed, "amenities: unknown amenity");
      input.amenities |= Bit(*amenity);
    }
  }
  if (const std::string_view hours = core::StringOr(body, "opening_hours"); !hours.empty()) {
    auto parsed = schedule::OpeningHours::Parse(hours);
    if (!parsed) return parsed.error();  // catalogued: names the field and the position
    input.opening_hours = parsed->ToString();
  }
  if (const auto* capacity = body.if_contains("capacity"); capacity != nullptr && !capacity->is_null()) {
    const long long value = capacity->as_int64();
    if (value < 0 || value > 10000) return MakeError(ErrorCode::kValidationFailed, "capacity: must be 0–10000");
    input.capacity = value;
  }
  auto offers = ParseOffers(body.if_contains("offers"));
  if (!offers) return offers.error();
  input.offers = std::move(*offers);
  auto services = ShortTexts(body.if_contains("services"), "services");
  if (!services) return services.error();
  input.services = std::move(*services);
  auto supplies = ShortTexts(body.if_contains("supplies"), "supplies");
  if (!supplies) return supplies.error();
  input.supplies = std::move(*supplies);
  input.phone = std::string(core::Trim(core::StringOr(body, "phone")));
  for (char c : input.phone) {
    if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == ' ')) {
      return MakeError(ErrorCode::kValidationFailed, "phone: digits, '-', '+' and spaces only");
    }
  }
  if (const auto* scan = body.if_contains("scan_entry"); scan != nullptr && !scan->is_null())
    input.scan_entry = scan->as_bool();
  if (input.scan_entry && input.kind != PlaceKind::kStation) {
    return MakeError(ErrorCode::kValidationFailed, "scan_entry: only stations have a scan-to-enter door");
  }
  if (const auto* tier = body.if_contains("tier"); tier != nullptr && !tier->is_null()) {
    const auto parsed = ParseTier(tier->as_string());
    if (!parsed) return MakeError(ErrorCode::kValidationFailed, "tier: flagship, hub or local");
    if (*parsed != Tier::kNone && input.kind != PlaceKind::kStation) {
      return MakeError(ErrorCode::kValidationFailed, "tier: only stations have a tier");
    }
    input.tier = *parsed;
  }
  if (const auto* merge = body.if_contains("merge_into"); merge != nullptr && !merge->is_null()) {
    input.merge_into = merge->as_int64();
  }
  if (const auto* version = body.if_contains("base_version"); version != nullptr && !version->is_null()) {
    input.base_version = version->as_int64();
  }
  return input;
}

std::string DetailsJson(const PlaceInput& input) {
  json::object details;
  json::object offers;
  if (!input.offers.discount.empty()) offers["discount"] = input.offers.discount;
  if (input.offers.rider_price_yuan) offers["rider_price_yuan"] = *input.offers.rider_price_yuan;
  if (!input.offers.late_meal.empty()) offers["late_meal"] = input.offers.late_meal;
  if (!offers.empty()) details["offers"] = std::move(offers);
  const auto strings = [](const std::vector<std::string>& items) {
    json::array out;
    for (const auto& item : items) out.push_back(json::string(item));
    return out;
  };
  if (!input.services.empty()) details["services"] = strings(input.services);
  if (!input.supplies.empty()) details["supplies"] = strings(input.supplies);
  if (!input.phone.empty()) details["phone"] = input.phone;
  return json::serialize(details);
}

json::object InputToJson(const PlaceInput& input) {
  json::array amenities;
  for (std::string_view name : AmenityNames(input.amenities)) amenities.push_back(json::string(name));
  json::object out{{"kind", KindName(input.kind)},
                   {"name", input.name},
                   {"lat", input.lat},
                   {"lon", input.lon},
                   {"address", input.address},
                   {"amenities", std::move(amenities)},
                   {"opening_hours", input.opening_hours},
                   {"scan_entry", input.scan_entry}};
  if (input.capacity) out["capacity"] = *input.capacity;
  if (input.tier) out["tier"] = TierName(*input.tier);
  boost::system::error_code error;
  json::value details = json::parse(DetailsJson(input), error);
  if (!error && details.is_object()) {
    for (auto& [key, value] : details.as_object()) out[key] = value;
  }
  return out;
}

void ReadDetails(std::string_view details_json, PlaceInput& into) {
  boost::system::error_code error;
  const json::value parsed = json::parse(details_json, error);
  if (error || !parsed.is_object()) return;
  const json::object& details = parsed.as_object();
  if (const auto* offers = details.if_contains("offers"); offers != nullptr && offers->is_object()) {
    if (auto parsed_offers = ParseOffers(offers)) into.offers = std::move(*parsed_offers);
  }
  if (auto services = ShortTexts(details.if_contains("services"), "services")) into.services = std::move(*services);
  if (auto supplies = ShortTexts(details.if_contains("supplies"), "supplies")) into.supplies = std::move(*supplies);
  into.phone = std::string(core::StringOr(details, "phone"));
}

}  // namespace youhao::places
