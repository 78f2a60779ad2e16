#include "core/json_input.h"

#include <boost/json/parse.hpp>

#include <fmt/format.h>

#include "core/text.h"

namespace youhao::core {

namespace {

constexpr std::size_t kDefaultMaxLength = 200;
constexpr std::size_t kMaxDepth = 16;

std::string_view TypeName(FieldType type) {
  switch (type) {
    case FieldType::kString:
      return "a string";
    case FieldType::kInteger:
      return "an integer";
    case FieldType::kNumber:
      return "a number";
    case FieldType::kBoolean:
      return "a boolean";
    case FieldType::kObject:
      return "an object";
    case FieldType::kArray:
      return "an array";
  }
  return "a value";
}

bool HasType(const boost::json::value& value, FieldType type) {
  switch (type) {
    case FieldType::kString:
      return value.is_string();
    // Integers above 2^63 - 1 parse as uint64: no field takes them, so they are out of type.
    case FieldType::kInteger:
      return value.is_int64();
    case FieldType::kNumber:
      return value.is_number();
    case FieldType::kBoolean:
      return value.is_bool();
    case FieldType::kObject:
      return value.is_object();
    case FieldType::kArray:
      return value.is_array();
  }
  return false;
}

/// A refusal of the body's shape: the generic code (validation_failed, unknown_field, …) with the
/// catalogue's words for it ("input.<what>", filled with `fields`) and the English detail.
Error Refused(ErrorCode code, std::string_view key, std::string detail, boost::json::object fields = {}) {
  Error error = MakeError(code, std::move(detail));
  error.message = key;
  error.fields = std::move(fields);
  return error;
}

std::string_view TypeKey(FieldType type) {
  switch (type) {
    case FieldType::kString:
      return "input.type_string";
    case FieldType::kInteger:
      return "input.type_integer";
    case FieldType::kNumber:
      return "input.type_number";
    case FieldType::kBoolean:
      return "input.type_boolean";
    case FieldType::kObject:
      return "input.type_object";
    case FieldType::kArray:
      return "input.type_array";
  }
  return "input.type_string";
}

}  // namespace

Result<boost::json::object> ParseJsonObject(std::string_view body, std::span<const FieldSpec> fields) {
  if (!IsValidUtf8(body))
    return Refused(ErrorCode::kInvalidUtf8, "input.not_utf8", "the request body is not valid UTF-8");
  boost::json::parse_options options;
  options.max_depth = kMaxDepth;
  boost::system::error_code error;
  boost::json::value parsed = boost::json::parse(body, error, {}, options);
  if (error)
    return Refused(ErrorCode::kInvalidJson, "input.not_json",
                   fmt::format("the request body is not valid JSON ({})", error.message()));
  if (!parsed.is_object())
    return Refused(ErrorCode::kValidationFailed, "input.not_object", "the request body must be a JSON object");
  boost::json::object& object = parsed.as_object();

  for (const auto& [key, value] : object) {
    bool known = false;
    for (const FieldSpec& field : fields) known = known || field.name == key;
    if (!known) {
      std::string shown(key.substr(0, 64));
      if (!IsValidUtf8(shown)) shown = "?";
      return Refused(ErrorCode::kUnknownField, "input.unknown_field", fmt::format("unknown field \"{}\"", shown),
                     {{"field", shown}});
    }
  }
  for (const FieldSpec& field : fields) {
    const auto* value = object.if_contains(field.name);
    if (value != nullptr && value->is_null() && !field.nullable) {
      return Refused(ErrorCode::kValidationFailed, "input.null",
                     fmt::format("field \"{}\" must not be null", field.name), {{"field", field.name}});
    }
    if (value == nullptr || value->is_null()) {
      if (field.required)
        return Refused(ErrorCode::kValidationFailed, "input.required",
                       fmt::format("field \"{}\" is required", field.name), {{"field", field.name}});
      continue;
    }
    if (!HasType(*value, field.type)) {
      return Refused(ErrorCode::kValidationFailed, TypeKey(field.type),
                     fmt::format("field \"{}\" must be {}", field.name, TypeName(field.type)), {{"field", field.name}});
    }
    if (field.type == FieldType::kString) {
      const std::string_view text = value->as_string();
      const std::size_t limit = field.max_length == 0 ? kDefaultMaxLength : field.max_length;
      if (CountCodePoints(text) > limit) {
        return Refused(ErrorCode::kValidationFailed, "input.too_long",
                       fmt::format("field \"{}\" is longer than {} characters", field.name, limit),
                       {{"field", field.name}, {"max", limit}});
      }
      if (HasControlCharacters(text)) {
        return Refused(ErrorCode::kValidationFailed, "input.control_characters",
                       fmt::format("field \"{}\" contains control characters", field.name), {{"field", field.name}});
      }
      if (!field.allow_empty && Trim(text).empty()) {
        return Refused(ErrorCode::kValidationFailed, "input.empty",
                       fmt::format("field \"{}\" must not be empty", field.name), {{"field", field.name}});
      }
    }
  }
  return std::move(object);
}

std::string_view StringOr(const boost::json::object& object, std::string_view key, std::string_view fallback) {
  const auto* value = object.if_contains(key);
  if (value == nullptr || !value->is_string()) return fallback;
  return value->as_string();
}

}  // namespace youhao::core
