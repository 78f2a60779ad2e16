#pragma once
/// What a friendly place is: its kind, amenities, hours, offers and the station grade that
/// follows from a published checklist. Pure values and checks; no storage, no HTTP.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "core/error.h"
#include "core/json_input.h"
#include "schedule/opening_hours.h"

namespace youhao::places {

enum class PlaceKind : std::uint8_t {
  kStation,
  kMerchant,
  kCanteen,
  kClinic,
  kBatterySwap,
  kCharging,
  kToilet,
  kLegalAid,
  kTraining
};
inline constexpr int kPlaceKindCount = 9;
std::string_view KindName(PlaceKind kind);     ///< "station", "battery_swap", ...
std::string_view KindLabelZh(PlaceKind kind);  ///< "驿站", "换电柜", ...
std::optional<PlaceKind> ParseKind(std::string_view name);

enum class Amenity : std::uint8_t {
  kWater,
  kHotWater,
  kMicrowave,
  kFridge,
  kPhoneCharging,
  kEbikeCharging,
  kBatterySwap,
  kToilet,
  kMedicineKit,
  kHeatingCooling,
  kWifi,
  kSeats,
  kMeals,
  kNapSpace,
  kBooks
};
inline constexpr int kAmenityCount = 15;
/// A set of amenities, bit i for Amenity i.
using AmenitySet = std::uint32_t;
constexpr AmenitySet Bit(Amenity amenity) { return AmenitySet{1} << static_cast<int>(amenity); }
std::string_view AmenityName(Amenity amenity);
std::string_view AmenityLabelZh(Amenity amenity);
std::optional<Amenity> ParseAmenity(std::string_view name);
std::vector<std::string_view> AmenityNames(AmenitySet set);
/// "microwave,hot_water" → the set; kValidationFailed naming an unknown amenity.
core::Result<AmenitySet> ParseAmenityList(std::string_view comma_separated);
/// "station,merchant" → bit set of kinds; kValidationFailed naming an unknown kind.
core::Result<std::uint32_t> ParseKindList(std::string_view comma_separated);

/// The "1 + 2 + N" plan of a town's stations.
enum class Tier : std::uint8_t { kNone, kFlagship, kHub, kLocal };
std::string_view TierName(Tier tier);  ///< "" for kNone
std::optional<Tier> ParseTier(std::string_view name);

enum class PlaceStatus : std::uint8_t { kPending, kApproved, kRejected };
std::string_view StatusName(PlaceStatus status);
std::optional<PlaceStatus> ParseStatus(std::string_view name);

/// One line of the published grading checklist.
struct GradeRule {
  char grade;              ///< 'A', 'B', 'C'
  std::string_view hours;  ///< "24/7", "12h", "" (any)
  AmenitySet required;
};
/// A: 24/7 and the full set; B: at least 12 hours every day and the core set; C: the basics.
const std::array<GradeRule, 3>& GradeRules();

struct Grade {
  char grade = 0;  ///< 0 = no grade
  /// The next grade up and what is still missing for it ("24/7", "12h" or amenity names).
  char next = 0;
  std::vector<std::string> missing;
};
/// The grade a station earns with these amenities and hours. Other kinds have no grade.
Grade GradeStation(AmenitySet amenities, const schedule::OpeningHours& hours);

/// Offers for workers: a discount text, a rider price and a late-meal window.
struct Offers {
  std::string discount;
  std::optional<int> rider_price_yuan;
  std::string late_meal;  ///< "21:00-02:00" or empty
  bool Empty() const { return discount.empty() && !rider_price_yuan && late_meal.empty(); }
};

/// A place as submitted by a keeper, merchant or staff member, already checked.
struct PlaceInput {
  PlaceKind kind = PlaceKind::kStation;
  std::string name;
  double lat = 0, lon = 0;
  std::string address;
  AmenitySet amenities = 0;
  std::string opening_hours = "24/7";  ///< canonical text
  std::optional<long long> capacity;
  Offers offers;
  std::vector<std::string> services;
  std::vector<std::string> supplies;
  std::string phone;
  bool scan_entry = false;
  std::optional<Tier> tier;
  std::optional<long long> merge_into;
  std::optional<long long> base_version;
};

/// The fields of a place body, for core::ParseJsonObject (types, lengths, unknown fields).
std::span<const core::FieldSpec> PlaceFields();

/// Reads and checks a place from JSON: kind, name (1–60 characters), lat/lon (finite, in range),
/// address (≤ 120), amenities (known names), opening_hours (the shared parser; its error names the
/// unsupported part), capacity (0–10000), offers {discount ≤ 60, rider_price_yuan 0–500,
/// late_meal "HH:MM-HH:MM"}, services and supplies (≤ 20 items of ≤ 30 characters), phone (digits,
/// "-", "+", spaces, ≤ 20), scan_entry, tier, merge_into, base_version. Unknown fields are errors.
core::Result<PlaceInput> ParsePlaceInput(const boost::json::object& body);

/// The input as JSON in the shape ParsePlaceInput reads (a pending change is stored this way).
boost::json::object InputToJson(const PlaceInput& input);

/// Offers, services, supplies and phone as stored in `details_json`, and back.
std::string DetailsJson(const PlaceInput& input);
void ReadDetails(std::string_view details_json, PlaceInput& into);

}  // namespace youhao::places
