#include "core/error.h"

namespace youhao::core {

namespace {
struct CodeInfo {
  std::string_view name;
  int status;
  std::string_view title;
};

CodeInfo Info(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidJson:
      return {"invalid_json", 400, "Malformed JSON"};
    case ErrorCode::kValidationFailed:
      return {"validation_failed", 400, "Invalid input"};
    case ErrorCode::kUnknownField:
      return {"unknown_field", 400, "Unknown field"};
    case ErrorCode::kBodyTooLarge:
      return {"body_too_large", 413, "Request body too large"};
    case ErrorCode::kUnsupportedMediaType:
      return {"unsupported_media_type", 415, "Unsupported media type"};
    case ErrorCode::kInvalidUtf8:
      return {"invalid_utf8", 400, "Invalid UTF-8"};
    case ErrorCode::kAuthRequired:
      return {"auth_required", 401, "Authentication required"};
    case ErrorCode::kInvalidCredentials:
      return {"invalid_credentials", 401, "Invalid login or password"};
    case ErrorCode::kLoginRateLimited:
      return {"login_rate_limited", 429, "Too many failed logins"};
    case ErrorCode::kRateLimited:
      return {"rate_limited", 429, "Too many requests"};
    case ErrorCode::kCsrfFailed:
      return {"csrf_failed", 403, "Missing or wrong CSRF token"};
    case ErrorCode::kForbidden:
      return {"forbidden", 403, "Forbidden"};
    case ErrorCode::kNotFound:
      return {"not_found", 404, "Not found"};
    case ErrorCode::kRouteNotFound:
      return {"route_not_found", 404, "No such route"};
    case ErrorCode::kMethodNotAllowed:
      return {"method_not_allowed", 405, "Method not allowed"};
    case ErrorCode::kConflict:
      return {"conflict", 409, "Conflict"};
    case ErrorCode::kHeaderTooLarge:
      return {"header_too_large", 431, "Request header fields too large"};
    case ErrorCode::kBadPath:
      return {"bad_path", 400, "Bad path"};
    case ErrorCode::kBadRequest:
      return {"bad_request", 400, "Bad request"};
    case ErrorCode::kOverloaded:
      return {"overloaded", 503, "Server busy"};
    case ErrorCode::kInternal:
      return {"internal_error", 500, "Internal server error"};
  }
  return {"internal_error", 500, "Internal server error"};
}
}  // namespace

std::string_view CodeName(ErrorCode code) { return Info(code).name; }
int HttpStatus(ErrorCode code) { return Info(code).status; }
std::string_view Title(ErrorCode code) { return Info(code).title; }

}  // namespace youhao::core
