#include "entry/gate_repository.h"

namespace youhao::entry {

namespace {

storage::Value IdOrNull(long long id) { return id != 0 ? storage::Value(id) : storage::Value(nullptr); }

storage::Value TextOrNull(const std::string& text) {
  return text.empty() ? storage::Value(nullptr) : storage::Value(text);
}

std::string EvidenceName(const Evidence& evidence) { return evidence.verified ? "verified" : "unverified"; }

}  // namespace

PassRecord GateRepository::ReadPass(storage::Connection& connection, long long worker_id, long long pass_id) {
  PassRecord record;
  auto row = connection.QueryOne(gate_sql::kPassRecord, {pass_id, worker_id});
  if (!row) return record;
  record.worker = ScanWorker{row->Int(0), row->Text(1), row->Text(2), row->Text(3), row->Text(4), row->Int(5) > 0};
  record.pass_found = !row->IsNull(6);
  record.pass_revoked = !row->IsNull(7);
  if (record.pass_found) record.device_public_key = row->Text(8);
  return record;
}

std::optional<LastScan> GateRepository::LastAllowedScan(storage::Connection& connection, long long worker_id,
                                                        long long since) {
  auto row = connection.QueryOne(gate_sql::kLastAllowedScan, {worker_id, since});
  if (!row) return std::nullopt;
  LastScan last;
  last.at = row->Int(0);
  if (!row->IsNull(1)) last.lat = row->Double(1);
  if (!row->IsNull(2)) last.lon = row->Double(2);
  last.compound_code = row->Text(3);
  return last;
}

long long GateRepository::InsertOnline(storage::Connection& connection, const NewGateEvent& event) {
  auto row =
      connection.QueryOne(gate_sql::kInsertOnline,
                          {event.compound_code, event.gate_id, IdOrNull(event.worker_id), IdOrNull(event.pass_id),
                           event.direction, event.at, static_cast<long long>(event.allowed), event.code,
                           TextOrNull(event.flag), EvidenceName(event.evidence), TextOrNull(event.evidence.reason)});
  return row->Int(0);
}

bool GateRepository::InsertOffline(storage::Connection& connection, const NewGateEvent& event) {
  return connection.Execute(gate_sql::kInsertOffline,
                            {event.client_event_id, event.compound_code, event.gate_id, IdOrNull(event.worker_id),
                             IdOrNull(event.pass_id), event.direction, event.at, static_cast<long long>(event.allowed),
                             event.code, EvidenceName(event.evidence), TextOrNull(event.evidence.reason)}) > 0;
}

std::vector<Passage> GateRepository::PassagesSince(storage::Connection& connection, std::string_view compound_code,
                                                   long long since) {
  std::vector<Passage> passages;
  for (const auto& row : connection.Query(gate_sql::kPassagesSince, {std::string(compound_code), since})) {
    passages.push_back({row.Int(0), row.Int(1), row.Text(2)});
  }
  return passages;
}

std::pair<std::string, std::string> GateRepository::WorkerNameAndPlatform(storage::Connection& connection,
                                                                          long long worker_id) {
  auto row = connection.QueryOne(gate_sql::kWorkerNameAndPlatform, {worker_id});
  if (!row) return {};
  return {row->Text(0), row->Text(1)};
}

std::vector<GateEvent> GateRepository::Recent(storage::Connection& connection, std::string_view compound_code,
                                              int limit) {
  std::vector<GateEvent> events;
  for (const auto& row :
       connection.Query(gate_sql::kRecent, {std::string(compound_code), static_cast<long long>(limit)})) {
    GateEvent event;
    event.id = row.Int(0);
    event.at = row.Int(1);
    event.gate_id = row.Int(2);
    if (!row.IsNull(3)) event.worker_id = row.Int(3);
    event.worker_name = row.Text(4);
    event.direction = row.Text(5);
    event.allowed = row.Int(6) != 0;
    event.code = row.Text(7);
    event.source = row.Text(8);
    event.flag = row.Text(9);
    event.evidence = {.verified = row.Text(10) == "verified", .reason = row.Text(11)};
    events.push_back(std::move(event));
  }
  return events;
}

long long GateRepository::PurgeBefore(storage::Connection& connection, long long before) {
  return connection.Execute(gate_sql::kPurgeBefore, {before});
}

}  // namespace youhao::entry
