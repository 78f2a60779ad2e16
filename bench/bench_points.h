#pragma once
/// `youhao-bench points`: the points ledger. Durable transfers per second in-process
/// (`Ledger::Move`, one transaction each, as the server makes them) beside a raw writer inserting
/// rows of the same width with the same rows per transaction and the same fsyncs, on SQLite and,
/// with `--pg URL`, on PostgreSQL; award transfers over HTTP on `youhao serve --demo`; 64 clients
/// drawing on one balance in-process and over HTTP, with the conservation law checked afterwards.

#include "app/command_line.h"

namespace youhao::app {

/// `youhao-bench points [--quick] [--seconds N] [--threads N] [--clients N] [--pg URL]`. Prints a
/// markdown section; exits 1 when a check fails (a balance below zero, the conservation law
/// broken, a transfer lost or made twice), not when a goal is missed.
int BenchPoints(const CommandLine& line);

}  // namespace youhao::app
