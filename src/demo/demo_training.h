#pragma once
/// The demo city's training (docs/training.md): two courses of 海淀区总工会 (心肺复苏与急救,
/// 电动车交通安全), a past session of each that demo-worker attended and passed (their certificates
/// are signed at server start by TrainingService::IssueMissingCertificates: the demo generator has
/// no key file), and an open skills contest with demo-worker's and demo-reporter's scores.

#include "storage/database.h"

namespace youhao::demo {

/// Runs once on the demo database, after SeedDemoEvents.
void SeedDemoTraining(storage::Connection& connection, long long now);

}  // namespace youhao::demo
