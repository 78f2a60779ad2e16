#pragma once
/// JSON text as people and browsers expect it.

#include <string>

#include <boost/json/value.hpp>

namespace youhao::core {

/// Serializes `value` with plain decimals ("116.330123", "0.9") where Boost.JSON writes
/// exponents ("1.16330123E2", "9E-1"): shorter on the wire and readable in GeoJSON files.
std::string SerializeJson(const boost::json::value& value);

}  // namespace youhao::core
