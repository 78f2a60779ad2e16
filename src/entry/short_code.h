#pragma once
/// The digit code a guard types when no camera or scanner can read the QR (docs/passes.md, "The
/// digit code"): ten digits, the last four digits of the pass number (the "tag", fixed for the pass)
/// followed by six digits that change every 30 seconds. The six are HOTP (RFC 4226 dynamic
/// truncation) over HMAC-SHA-256 of the 30-second step under a per-pass secret, which the server
/// derives from the key file and hands to the phone with the pass. Checked online only: the tag
/// narrows the search to the passes whose number ends in it, and the six digits must be the code
/// of one of them at the current step or one step either side. Pure functions and a failure ledger
/// with the clock passed in: no database.

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace youhao::entry {

inline constexpr long long kShortCodeStepSeconds = 30;
/// The tag is the pass number modulo 10^4.
inline constexpr long long kShortCodeTagModulus = 10'000;
inline constexpr std::uint32_t kShortCodeModulus = 1'000'000;
/// Steps accepted either side of the current one (a code read out just before it changed).
inline constexpr long long kShortCodeStepTolerance = 1;

using ShortCodeSecret = std::array<unsigned char, 32>;

/// The 30-second step of `unix_seconds` (the same windows as the QR's).
long long ShortCodeStep(long long unix_seconds);

/// The six-digit code of `secret` at `step`, as a number below 10^6.
std::uint32_t ShortCodeAt(const ShortCodeSecret& secret, long long step);

/// The tag of pass `pass_id`: its number modulo 10^4.
int ShortCodeTag(long long pass_id);

/// The ten digits a phone shows for pass `pass_id` at `step`: the tag, four digits, then the code.
std::string ShortCodeText(long long pass_id, const ShortCodeSecret& secret, long long step);

/// A typed code split into its tag and its six digits.
struct TypedShortCode {
  int tag = 0;
  std::uint32_t code = 0;
};

/// Ten digits, spaces, hyphens and dots between them tolerated; nullopt for anything else (which
/// the gate then reads as a QR text).
std::optional<TypedShortCode> ParseShortCode(std::string_view text);

/// Whether `code` is the code of `secret` at the step of `now` or within kShortCodeStepTolerance
/// steps of it. Compares every candidate step, so the time taken does not say which one matched.
bool ShortCodeMatches(const ShortCodeSecret& secret, std::uint32_t code, long long now);

/// How many wrong codes are tolerated before the gate must scan the QR again.
struct ShortCodeLimits {
  /// Per guard account (or officer) within `window_seconds`.
  int per_caller = 5;
  /// Per compound, all its guards together, within `window_seconds`.
  int per_compound = 20;
  long long window_seconds = 600;
};

/// Wrong codes by caller and by compound, kept in memory for the limits' window. Thread-safe; the
/// clock is passed in. A server restart forgets them, which at worst grants one more window of
/// guesses (see docs/passes.md for what a guess can win).
class ShortCodeFailures {
 public:
  explicit ShortCodeFailures(ShortCodeLimits limits = {}) : limits_(limits) {}

  /// Ok, or a rate_limited problem ("entry.short_code_limited", retry_after_s) when the caller or
  /// the compound has used up its wrong codes.
  core::Status MayTry(std::string_view caller, std::string_view compound, long long now);
  /// Records a wrong code; returns how many more the caller may type in the window (the compound's
  /// budget included).
  int Record(std::string_view caller, std::string_view compound, long long now);

  const ShortCodeLimits& limits() const { return limits_; }

 private:
  /// Drops times older than the window; returns the oldest time left (0 when none).
  long long Prune(std::deque<long long>& times, long long now) const;

  ShortCodeLimits limits_;
  std::mutex mutex_;
  std::map<std::string, std::deque<long long>, std::less<>> by_caller_;
  std::map<std::string, std::deque<long long>, std::less<>> by_compound_;
};

}  // namespace youhao::entry
