#pragma once
/// Expected failures as values: every error carries a stable machine code that the HTTP layer
/// renders as RFC 9457 problem+json. Exceptions are reserved for failures of the machine.

#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace youhao::core {

/// Stable error codes; their snake_case names are part of the public API contract.
enum class ErrorCode {
  kInvalidJson,
  kValidationFailed,
  kUnknownField,
  kBodyTooLarge,
  kUnsupportedMediaType,
  kInvalidUtf8,
  kAuthRequired,
  kInvalidCredentials,
  kLoginRateLimited,
  kRateLimited,
  kCsrfFailed,
  kForbidden,
  kNotFound,
  kRouteNotFound,
  kMethodNotAllowed,
  kConflict,
  kHeaderTooLarge,
  kBadPath,
  kBadRequest,
  /// The server's work queue is full: retry after Retry-After seconds (503).
  kOverloaded,
  kInternal,
};

/// The snake_case name used as problem+json `code`, e.g. "invalid_credentials".
std::string_view CodeName(ErrorCode code);
/// The HTTP status that the code maps to.
int HttpStatus(ErrorCode code);
/// A short human title (English), used as problem+json `title`.
std::string_view Title(ErrorCode code);

/// An expected failure. `code` decides the HTTP status; `name`, when set, is the more specific
/// catalogued name the API returns as problem+json `code` ("possible_duplicate"); `fields` are
/// structured members for the client (merged into the problem body) and the values that the edge's
/// message catalogue fills into the sentence named by `message` ("reports.duplicate_nearby").
/// Services never assemble user-facing sentences: `detail` is an English fallback for logs and
/// for failures no catalogue words.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string detail;
  /// For kLoginRateLimited and kRateLimited: seconds until a retry may succeed (Retry-After).
  int retry_after_seconds = 0;
  std::string name;
  std::string message;
  boost::json::object fields;

  /// The problem+json `code`: `name`, or the code's snake_case name.
  std::string_view Name() const { return name.empty() ? CodeName(code) : std::string_view(name); }
};

inline Error MakeError(ErrorCode code, std::string detail) {
  Error error;
  error.code = code;
  error.detail = std::move(detail);
  return error;
}

/// A catalogued failure: `name` for the API (empty: the code's own), `message` for the words,
/// `fields` for both.
inline Error MakeProblem(ErrorCode code, std::string name, std::string message, std::string detail,
                         boost::json::object fields = {}) {
  Error error = MakeError(code, std::move(detail));
  error.name = std::move(name);
  error.message = std::move(message);
  error.fields = std::move(fields);
  return error;
}

/// Unit value for operations that return nothing on success.
struct Ok {};

/// Either a value or an Error.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T* operator->() { return &std::get<0>(state_); }
  const T* operator->() const { return &std::get<0>(state_); }
  T& operator*() & { return std::get<0>(state_); }
  const T& operator*() const& { return std::get<0>(state_); }
  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

using Status = Result<Ok>;

}  // namespace youhao::core
