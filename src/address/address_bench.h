#pragma once
/// In-process throughput of the address parser and the compound matcher, for `youhao bench maps`.

#include <cstddef>
#include <string>
#include <vector>

#include "address/address_parser.h"

namespace youhao::address {

struct AddressBenchResult {
  double parses_per_second = 0;  ///< ParseAddress calls per CPU-second of one thread.
  double match_per_second = 0;   ///< CompoundMatcher::Match calls per CPU-second against kBenchCompounds names.
  std::size_t samples = 0;       ///< Distinct sample addresses parsed (and matched) in turn.
};

/// Number of compounds in the matcher the bench builds (generated names plus real Haidian ones).
inline constexpr std::size_t kBenchCompounds = 20'000;

/// About `count` distinct generated compound names ("翠微家园", "碧水花园二期", …), deterministic, none of
/// them equal to a real name used in the samples. Also used by the tests.
std::vector<CompoundCandidate> GeneratedCompounds(std::size_t count);

/// Real Haidian compounds (华清嘉园小区, 荷清苑, 双泉嘉苑, …) with codes "HD-01" ….
std::vector<CompoundCandidate> HaidianCompounds();

/// Runs ParseAddress over a fixed list of ~50 varied addresses for about half of `seconds`, then
/// Match over the same list against kBenchCompounds candidates for the other half (building the
/// matcher is not timed). Single-threaded; rates are per CPU-second of the calling thread (equal to
/// per wall-second on an idle core) so that other load on the machine does not distort them.
AddressBenchResult RunAddressBench(double seconds);

}  // namespace youhao::address
