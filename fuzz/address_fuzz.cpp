// libFuzzer target: ParseAddress and CompoundMatcher on arbitrary bytes. Every part must be
// valid UTF-8, no run of 11 digits (a phone) may survive, and the matcher must answer within
// its confidence range.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "address/address_parser.h"
#include "core/text.h"

#include "check.h"

using youhao::fuzz::Check;

namespace {

bool HasElevenDigits(std::string_view text) {
  int run = 0;
  for (const char c : text) {
    run = (c >= '0' && c <= '9') ? run + 1 : 0;
    if (run >= 11) return true;
  }
  return false;
}

const youhao::address::CompoundMatcher& Matcher() {
  static const youhao::address::CompoundMatcher matcher({{"1", "华清嘉园小区", {}},
                                                         {"2", "荷清苑", {}},
                                                         {"3", "农大小区-北区", {}},
                                                         {"4", "清华东路27号院", {"27号院"}},
                                                         {"5", "北京邮电大学", {"北邮"}}});
  return matcher;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const youhao::address::ParsedAddress parsed = youhao::address::ParseAddress(input);
  for (const std::string* part : {&parsed.compound_text, &parsed.section, &parsed.building, &parsed.building_text,
                                  &parsed.entrance, &parsed.room, &parsed.district_text}) {
    Check(youhao::core::IsValidUtf8(*part), "parts are UTF-8", input);
    Check(!HasElevenDigits(*part), "no phone number survives in a part", input);
  }
  for (const std::string& note : parsed.notes) {
    Check(youhao::core::IsValidUtf8(note), "notes are UTF-8", input);
    Check(!HasElevenDigits(note), "no phone number survives in a note", input);
  }
  if (auto match = Matcher().Match(input)) {
    Check(match->confidence > 0.5 && match->confidence <= 1.0, "match confidence in (0.5, 1]", input);
  }
  return 0;
}
