// libFuzzer target: ParseOsmPbf on arbitrary bytes, and the invariants of every value it accepts.
// Any broken invariant aborts, which libFuzzer reports as a crash.

#include <cstdint>
#include <string_view>

#include "osm_invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  osm_fuzz::print_input = false;  // binary
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = youhao::osm::ParseOsmPbf(text);
  if (!parsed.ok()) {
    osm_fuzz::Check(
        parsed.error().detail.starts_with("OSM PBF blob ") || parsed.error().detail == "OSM PBF: empty file",
        "the error names the blob", text);
    osm_fuzz::Check(!youhao::core::HasControlCharacters(parsed.error().detail),
                    "error detail has no control characters", text);
  }
  osm_fuzz::CheckResult(parsed, text);
  return 0;
}
