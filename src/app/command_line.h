#pragma once
/// Parsing of `youhao <command> [--flag value ...]`.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace youhao::app {

struct CommandLine {
  /// Positional words, e.g. {"user", "add"}.
  std::vector<std::string> words;
  /// Flags with values (`--db URL`) and switches (`--demo` maps to "").
  std::map<std::string, std::string> flags;

  std::optional<std::string> Flag(const std::string& name) const;
  bool Has(const std::string& name) const { return flags.contains(name); }
};

/// Parses argv; `switches` names the flags that take no value. Throws std::invalid_argument.
CommandLine ParseCommandLine(int argc, char** argv, const std::vector<std::string>& switches);

}  // namespace youhao::app
