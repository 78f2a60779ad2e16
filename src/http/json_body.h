#pragma once
/// Reading a JSON request body: content type, then the field checks of core::ParseJsonObject.

#include <span>

#include "core/json_input.h"
#include "http/message.h"

namespace youhao::http {

/// Errors: unsupported_media_type when Content-Type is not application/json, then those of
/// core::ParseJsonObject.
core::Result<boost::json::object> JsonBody(const Request& request, std::span<const core::FieldSpec> fields);

/// Query parameter `name` parsed as an integer in [min, max]; `fallback` when absent.
core::Result<long long> IntegerParam(const Request& request, std::string_view name, long long fallback, long long min,
                                     long long max);

}  // namespace youhao::http
