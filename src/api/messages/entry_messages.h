#pragma once
/// The entry feature's message catalogue: what the guard's screen says for each scan verdict,
/// in the client's language. The codes are the stable ones of docs/passes.md; the browser holds
/// the same sentences for offline scans (web/src/passes/reasons.ts).

#include <string>

#include "entry/gate_service.h"
#include "http/i18n.h"

namespace youhao::api {

/// The sentence for `decision`, with its structured fields (drop-off points, opening hours,
/// green-lane gates) filled in.
std::string GateReason(const entry::GateDecision& decision, http::Lang lang);

}  // namespace youhao::api
