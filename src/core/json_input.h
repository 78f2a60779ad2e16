#pragma once
/// Validation of JSON request bodies against a declared list of fields, so handlers only ever
/// see well-formed, well-typed input. Unknown fields are rejected, not ignored.

#include <boost/json/object.hpp>

#include <span>
#include <string_view>

#include "core/error.h"

namespace youhao::core {

enum class FieldType { kString, kInteger, kNumber, kBoolean, kObject, kArray };

struct FieldSpec {
  std::string_view name;
  FieldType type = FieldType::kString;
  bool required = false;
  /// For strings: the longest accepted value in code points; 0 means the default of 200.
  std::size_t max_length = 0;
  /// For strings: whether an empty (or all-whitespace) value is accepted.
  bool allow_empty = false;
  /// Whether JSON null is accepted (as if the field were absent). Otherwise null is refused,
  /// as the OpenAPI schema's type does not include it.
  bool nullable = false;
};

/// Parses `body` as a JSON object and checks it against `fields`.
/// Errors: invalid_utf8, invalid_json, validation_failed (not an object, wrong type, missing,
/// too long, control characters), unknown_field.
Result<boost::json::object> ParseJsonObject(std::string_view body, std::span<const FieldSpec> fields);

/// The string at `key`, or `fallback` when absent or null. Call only after ParseJsonObject.
std::string_view StringOr(const boost::json::object& object, std::string_view key, std::string_view fallback = {});

}  // namespace youhao::core
