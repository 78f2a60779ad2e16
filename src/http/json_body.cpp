#include "http/json_body.h"

#include <fmt/format.h>

#include "core/text.h"

namespace youhao::http {

core::Result<boost::json::object> JsonBody(const Request& request, std::span<const core::FieldSpec> fields) {
  auto content_type = request.Header("content-type");
  const std::string_view media = content_type ? content_type->substr(0, content_type->find(';')) : std::string_view{};
  if (core::Trim(media) != "application/json") {
    return core::MakeError(core::ErrorCode::kUnsupportedMediaType, "send the body as Content-Type: application/json");
  }
  return core::ParseJsonObject(request.body, fields);
}

core::Result<long long> IntegerParam(const Request& request, std::string_view name, long long fallback, long long min,
                                     long long max) {
  auto text = request.QueryParam(name);
  if (!text) return fallback;
  auto value = core::ParseNonNegativeInteger(*text);
  if (!value || *value < min || *value > max) {
    return core::MakeError(core::ErrorCode::kValidationFailed,
                           fmt::format("query parameter \"{}\" must be an integer from {} to {}", name, min, max));
  }
  return *value;
}

}  // namespace youhao::http
