#include "bench/server_process.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "bench/http_load.h"

namespace youhao::app {

unsigned short FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    throw std::runtime_error("no free port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

std::string ServerBinary() {
  return (std::filesystem::read_symlink("/proc/self/exe").parent_path() / "youhao").string();
}

ServerProcess::ServerProcess(const std::vector<std::string>& extra, const std::string& db_options) {
  dir_ = std::filesystem::temp_directory_path() / fmt::format("youhao-bench-{}-{}", ::getpid(), FreePort());
  std::filesystem::create_directories(dir_);
  port_ = FreePort();
  const std::string binary = ServerBinary();
  std::vector<std::string> args = {binary,
                                   "serve",
                                   "--demo",
                                   "--listen",
                                   fmt::format("127.0.0.1:{}", port_),
                                   "--db",
                                   "sqlite:" + (dir_ / "bench.db").string() + db_options};
  args.insert(args.end(), extra.begin(), extra.end());
  const std::string log = (dir_ / "serve.log").string();
  std::fflush(nullptr);
  pid_ = ::fork();
  if (pid_ == 0) {
    if (std::freopen(log.c_str(), "w", stdout) == nullptr || std::freopen(log.c_str(), "a", stderr) == nullptr)
      _exit(126);
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    _exit(127);
  }
  for (int i = 0; i < 600; ++i) {
    if (HttpCall(port_, "GET", "/healthz").first == 200) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("the server did not start: see " + log);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

double ServerProcess::CpuSeconds() const {
  std::ifstream stat(fmt::format("/proc/{}/stat", pid_));
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const auto close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  double user = 0, system = 0;
  for (int i = 3; fields >> field; ++i) {
    if (i == 14) user = std::stod(field);
    if (i == 15) {
      system = std::stod(field);
      break;
    }
  }
  return (user + system) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

long ServerProcess::PeakRssMegabytes() const {
  std::ifstream status(fmt::format("/proc/{}/status", pid_));
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmHWM:")) return std::stol(line.substr(6)) / 1024;
  }
  return -1;
}

}  // namespace youhao::app
