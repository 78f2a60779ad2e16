#pragma once
/// The demo city's volunteers: 中关村骑手志愿服务队 of demo-street's street, demo-reporter its leader and
/// demo-worker a member; three past shifts (events of kind volunteer with the team's id) with
/// demo-worker's hours scanned at the door, one manual entry approved and one waiting for the leader;
/// and a 食品安全监督员 appointment letter for demo-worker, signed at server start
/// (VolunteerService::IssueMissingCertificates).

#include "storage/database.h"

namespace youhao::demo {

/// Runs once on the demo database, after the accounts and workers exist.
void SeedDemoVolunteers(storage::Connection& connection, long long now);

}  // namespace youhao::demo
