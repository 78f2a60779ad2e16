#pragma once
/// The real server as a child process for the HTTP benchmarks: `youhao serve` from beside this
/// binary, on a free loopback port and a throw-away SQLite file, stopped with SIGTERM.

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace youhao::app {

class ServerProcess {
 public:
  /// Starts `youhao serve --demo --listen 127.0.0.1:PORT --db sqlite:DIR/bench.db{db_options}`
  /// plus `extra` and waits until /healthz answers; throws std::runtime_error when it does not.
  explicit ServerProcess(const std::vector<std::string>& extra = {}, const std::string& db_options = "");
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  unsigned short port() const { return port_; }
  /// The server's peak resident memory so far (VmHWM), MB.
  long PeakRssMegabytes() const;
  /// CPU time the server has used so far (user + system), seconds.
  double CpuSeconds() const;
  /// The SQLite file the server uses.
  std::string DatabasePath() const { return (dir_ / "bench.db").string(); }

 private:
  std::filesystem::path dir_;
  unsigned short port_ = 0;
  pid_t pid_ = -1;
};

/// A free loopback TCP port.
unsigned short FreePort();

/// The `youhao` server binary beside the running benchmark binary.
std::string ServerBinary();

}  // namespace youhao::app
