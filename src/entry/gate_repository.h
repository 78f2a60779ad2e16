#pragma once
/// The SQL of gate scans, one named statement each, for SQLite and PostgreSQL alike. Every
/// function runs on the connection it is given, inside whatever transaction the caller holds.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entry/gate_policy.h"
#include "storage/database.h"

namespace youhao::entry {

/// A gate event to store; zero ids are stored as NULL.
struct NewGateEvent {
  std::string client_event_id;  ///< offline scans only
  std::string compound_code;
  long long gate_id = 0;
  long long worker_id = 0;
  long long pass_id = 0;
  std::string direction;  ///< "in" or "out"
  long long at = 0;
  bool allowed = false;
  std::string code;
  std::string source;  ///< "online" or "offline"
  std::string flag;
  Evidence evidence;
};

/// One allowed passage through a gate, for who is inside now.
struct Passage {
  long long worker_id = 0;
  long long at = 0;
  std::string direction;
};

struct GateEvent {
  long long id = 0;
  long long at = 0;
  long long gate_id = 0;
  std::optional<long long> worker_id;
  std::string worker_name;
  std::string direction;
  bool allowed = false;
  std::string code;
  std::string source;
  std::string flag;
  Evidence evidence;
};

namespace gate_sql {
inline constexpr std::string_view kPassRecord =
    "SELECT w.id, w.name, w.platform, w.kind, w.status, (SELECT COUNT(*) FROM worker_photos f WHERE f.worker_id = "
    "w.id), "
    "p.worker_id, p.revoked_at, p.device_public_key FROM workers w LEFT JOIN passes p ON p.id = ? AND p.worker_id = "
    "w.id "
    "WHERE w.id = ?";
inline constexpr std::string_view kLastAllowedScan =
    "SELECT e.at, a.lat, a.lon, a.code FROM gate_events e JOIN areas a ON a.code = e.compound_code "
    "WHERE e.worker_id = ? AND e.allowed = 1 AND e.evidence = 'verified' AND e.at > ? ORDER BY e.at DESC LIMIT 1";
inline constexpr std::string_view kInsertOnline =
    "INSERT INTO gate_events (compound_code, gate_id, worker_id, pass_id, direction, at, allowed, code, source, flag, "
    "evidence, evidence_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'online', ?, ?, ?) RETURNING id";
inline constexpr std::string_view kInsertOffline =
    "INSERT INTO gate_events (client_event_id, compound_code, gate_id, worker_id, pass_id, direction, at, allowed, "
    "code, source, evidence, evidence_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'offline', ?, ?) "
    "ON CONFLICT (client_event_id) DO NOTHING";
inline constexpr std::string_view kPassagesSince =
    "SELECT worker_id, at, direction FROM gate_events WHERE compound_code = ? AND allowed = 1 AND worker_id IS NOT "
    "NULL AND evidence = 'verified' AND at > ? ORDER BY at, id";
inline constexpr std::string_view kWorkerNameAndPlatform = "SELECT name, platform FROM workers WHERE id = ?";
inline constexpr std::string_view kRecent =
    "SELECT e.id, e.at, COALESCE(e.gate_id, 0), e.worker_id, COALESCE(w.name, ''), e.direction, e.allowed, e.code, "
    "e.source, COALESCE(e.flag, ''), e.evidence, COALESCE(e.evidence_reason, '') FROM gate_events e "
    "LEFT JOIN workers w ON w.id = e.worker_id WHERE e.compound_code = ? ORDER BY e.at DESC, e.id DESC LIMIT ?";
inline constexpr std::string_view kPurgeBefore = "DELETE FROM gate_events WHERE at < ?";
}  // namespace gate_sql

class GateRepository {
 public:
  /// The worker `worker_id` and their pass `pass_id` as stored now.
  static PassRecord ReadPass(storage::Connection& connection, long long worker_id, long long pass_id);
  /// The worker's last allowed, verified scan after `since`, with the compound's position.
  static std::optional<LastScan> LastAllowedScan(storage::Connection& connection, long long worker_id, long long since);
  /// Stores an online scan; returns its id.
  static long long InsertOnline(storage::Connection& connection, const NewGateEvent& event);
  /// Stores an offline scan; false when its client_event_id was stored before.
  static bool InsertOffline(storage::Connection& connection, const NewGateEvent& event);
  /// Allowed, verified passages after `since`.
  static std::vector<Passage> PassagesSince(storage::Connection& connection, std::string_view compound_code,
                                            long long since);
  /// The worker's name and platform (empty when unknown).
  static std::pair<std::string, std::string> WorkerNameAndPlatform(storage::Connection& connection,
                                                                   long long worker_id);
  static std::vector<GateEvent> Recent(storage::Connection& connection, std::string_view compound_code, int limit);
  static long long PurgeBefore(storage::Connection& connection, long long before);
};

}  // namespace youhao::entry
