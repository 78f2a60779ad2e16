#pragma once
// The invariant check shared by the fuzz targets: print what broke and the input, then abort so
// that libFuzzer saves the input as a crash reproducer.

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace youhao::fuzz {

inline void Check(bool condition, const char* what, std::string_view input) {
  if (condition) return;
  std::fprintf(stderr, "invariant broken: %s\ninput: \"%.*s\"\n", what, static_cast<int>(input.size()), input.data());
  std::abort();
}

}  // namespace youhao::fuzz
