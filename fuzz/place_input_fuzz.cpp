// libFuzzer target: a place body (ParseJsonObject with PlaceFields, then ParsePlaceInput) and an
// `at` moment (ParseMoment) from arbitrary bytes. Whatever is accepted must read back unchanged
// from the JSON we store it as, and a moment must survive formatting and parsing again.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <boost/json.hpp>

#include "check.h"
#include "places/place_model.h"
#include "schedule/clock.h"

using youhao::fuzz::Check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace youhao;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  if (auto moment = schedule::ParseMoment(input)) {
    const std::string text = schedule::BeijingIso8601(*moment);
    Check(schedule::ParseMoment(text) == moment, "a formatted moment parses back to itself", input);
  }

  auto body = core::ParseJsonObject(input, places::PlaceFields());
  if (!body.ok()) return 0;
  auto place = places::ParsePlaceInput(*body);
  if (!place.ok()) {
    Check(!place.error().detail.empty(), "errors say why", input);
    return 0;
  }
  Check(!place->name.empty() && place->capacity.value_or(0) >= 0 && place->capacity.value_or(0) <= 10000,
        "accepted places have a name and a capacity in range", input);
  const std::string stored = boost::json::serialize(places::InputToJson(*place));
  auto again = core::ParseJsonObject(stored, places::PlaceFields());
  Check(again.ok(), "the stored form is a valid body", input);
  auto reread = places::ParsePlaceInput(*again);
  Check(reread.ok(), "the stored form parses", input);
  Check(reread->name == place->name && reread->amenities == place->amenities &&
            reread->opening_hours == place->opening_hours && reread->capacity == place->capacity &&
            reread->services == place->services && reread->supplies == place->supplies &&
            reread->offers.discount == place->offers.discount && reread->offers.late_meal == place->offers.late_meal &&
            reread->offers.rider_price_yuan == place->offers.rider_price_yuan && reread->phone == place->phone &&
            reread->scan_entry == place->scan_entry && reread->kind == place->kind,
        "what is stored reads back unchanged", input);
  return 0;
}
