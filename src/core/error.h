#pragma once
/// Expected failures as values: every error carries a stable machine code that the HTTP layer
/// renders as RFC 9457 problem+json. Exceptions are reserved for failures of the machine.

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

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string detail;
  /// For kLoginRateLimited and kRateLimited: seconds until a retry may succeed (Retry-After).
  int retry_after_seconds = 0;
};

inline Error MakeError(ErrorCode code, std::string detail) { return Error{code, std::move(detail), 0}; }

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
