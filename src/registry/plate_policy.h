#pragma once
/// The shape of a rider's plate, as a pure rule: the forms mainland plates take on e-bikes,
/// motorcycles and cars. Riders type what they see on the plate, on a phone keyboard, so
/// separators (·, spaces, dashes), full-width characters and lower case are accepted and the
/// plate is stored in one canonical spelling. Unit-tested without a database.

#include <string>
#include <string_view>

#include "core/error.h"

namespace youhao::registry {

/// The canonical spelling of `typed`, or validation_failed named `plate_invalid`
/// ("registry.plate_invalid") when it has none of the accepted shapes. An empty plate (a rider on
/// foot, or a bike without a plate) stays empty and is accepted.
///
/// Accepted, after dropping separators:
/// - province abbreviation + letter + 5 letters or digits (no I or O): 京A·12345, 京B·12345
///   (motorcycles), and the city e-bike plates that copy that form;
/// - province abbreviation + letter + 6 for new-energy vehicles: D or F then a letter or digit and
///   4 digits (京A·D12345), or 5 digits then D or F (京A·12345D);
/// - e-bike plates with digits only, as cities issue them: province abbreviation, an optional
///   letter, then 5 to 8 digits (沪123456, 京A1234567);
/// - e-bike plates that carry the city's name (2 to 4 Chinese characters), an optional letter,
///   then 5 to 8 digits (杭州A12345, 深圳12345678).
/// Canonical: the 5- or 6-character serial of a province-and-letter plate (the first two forms)
/// follows a "·" (京A·12345, 京A·D12345); every other form is written without a separator.
core::Result<std::string> NormalizePlate(std::string_view typed);

}  // namespace youhao::registry
