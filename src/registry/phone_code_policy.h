#pragma once
/// Proving a phone with a one-time code, as pure rules: how often a code may be sent (per phone,
/// per address and overall), how long it lives, how many guesses it takes. The registration
/// service keeps the counts; these functions decide. Unit-tested without a database.

#include <string>
#include <string_view>

#include "core/error.h"

namespace youhao::registry {

struct CodeLimits {
  long long valid_seconds = 300;  ///< a code expires after five minutes
  long long resend_seconds = 60;  ///< one code per phone a minute
  int per_phone_per_hour = 5;
  int per_address_per_hour = 20;  ///< one carrier NAT holds many riders: generous
  int overall_per_minute = 300;   ///< the SMS bill's ceiling
  int max_attempts = 5;           ///< wrong guesses before a code is spent
};

/// What was sent recently, as counted by the service.
struct CodeHistory {
  long long newest_for_phone_at = 0;  ///< 0 when none
  int for_phone_last_hour = 0;
  int for_address_last_hour = 0;
  int everyone_last_minute = 0;
};

/// ok, or rate_limited (429) with retry_after_seconds. The same whether or not the phone is
/// registered: nothing here looks at accounts.
core::Status MaySendCode(const CodeHistory& history, const CodeLimits& limits, long long now);

/// The newest code sent to a phone, as stored.
struct StoredCode {
  long long expires_at = 0;
  int attempts = 0;
  bool used = false;
};

enum class CodeCheck { kMatches, kWrong, kExpired, kSpent, kNone };

/// Judges a submitted code against the stored one (`digest_matches`: the constant-time comparison
/// of their digests). A wrong guess counts towards max_attempts.
CodeCheck CheckCode(const StoredCode* stored, bool digest_matches, const CodeLimits& limits, long long now);

/// The problem a failed check answers: validation_failed named `code_invalid` with the
/// attempts left, or `code_expired` (ask for a new one).
core::Error CodeProblem(CodeCheck check, int attempts_left);

/// Six digits.
bool IsCodeShaped(std::string_view code);

}  // namespace youhao::registry
