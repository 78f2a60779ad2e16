#pragma once
/// The demo city's childcare (托管服务) at the anchor community's station, kept by demo-keeper: a
/// winter holiday class (寒假托管班, ten days from 18 January) where demo-worker holds a place with
/// his child 小雨 (7), and a 0–3 care place (平价托育点) running this fortnight where
/// demo-reporter's 朵朵 (2) has a few days of attendance. Children appear only to their parent and
/// the classes' organisers.

#include "storage/database.h"

namespace youhao::demo {

/// Runs once on the demo database (after the events' demo, if any); skipped without the station.
void SeedDemoChildcare(storage::Connection& connection, long long now);

}  // namespace youhao::demo
