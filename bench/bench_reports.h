#pragma once
/// `youhao-bench reports`: durable report intake (SQLite WAL, synchronous=FULL) with and without
/// group commit, beside the raw durable insert rate of a same-sized row in the same run; listing
/// a district's 10,000 open reports page by page; the dashboard's numbers over a year of reports.

#include "app/command_line.h"

namespace youhao::app {

int BenchReports(const CommandLine& line);

}  // namespace youhao::app
