#pragma once
/// The demo city's events (活动): a month of them, from a week ago to four weeks ahead, one or more
/// of every kind at the friendly places of 中关村街道 and around (a station, a clinic, the legal-aid
/// point, a canteen): a CPR training by the district union, a legal-aid day that is full with
/// demo-worker on its waiting list, a movie night and the training where demo-worker holds a
/// place, a past health check he went to, and 周周有服务, a weekly service series.

#include "storage/database.h"

namespace youhao::demo {

/// Runs once on the demo database, after the places and accounts are seeded (SeedDemoWishes).
void SeedDemoEvents(storage::Connection& connection, long long now);

}  // namespace youhao::demo
