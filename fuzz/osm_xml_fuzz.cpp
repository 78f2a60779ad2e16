// libFuzzer target: ParseOsmXml on arbitrary bytes, and the invariants of every value it accepts.
// Any broken invariant aborts, which libFuzzer reports as a crash.

#include <cstdint>
#include <string_view>

#include "osm_invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = youhao::osm::ParseOsmXml(text);
  if (!parsed.ok())
    osm_fuzz::Check(parsed.error().detail.starts_with("OSM XML line "), "the error names the line", text);
  osm_fuzz::CheckResult(parsed, text, youhao::osm::kMaxXmlAttributeBytes);
  return 0;
}
