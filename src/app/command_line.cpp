#include "app/command_line.h"

#include <algorithm>
#include <stdexcept>

namespace youhao::app {

std::optional<std::string> CommandLine::Flag(const std::string& name) const {
  auto found = flags.find(name);
  if (found == flags.end()) return std::nullopt;
  return found->second;
}

CommandLine ParseCommandLine(int argc, char** argv, const std::vector<std::string>& switches) {
  CommandLine line;
  for (int i = 1; i < argc; ++i) {
    std::string word = argv[i];
    if (!word.starts_with("--")) {
      line.words.push_back(word);
      continue;
    }
    std::string name = word.substr(2);
    if (auto equals = name.find('='); equals != std::string::npos) {
      line.flags[name.substr(0, equals)] = name.substr(equals + 1);
      continue;
    }
    if (std::find(switches.begin(), switches.end(), name) != switches.end()) {
      line.flags[name] = "";
      continue;
    }
    if (i + 1 >= argc) throw std::invalid_argument("--" + name + " needs a value");
    line.flags[name] = argv[++i];
  }
  return line;
}

}  // namespace youhao::app
