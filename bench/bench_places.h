#pragma once
/// `youhao-bench places`: nearest places, point-to-point routes, 15-minute isochrones and a
/// district's coverage analysis on the Monaco road graph and a ~100,000-edge synthetic grid,
/// beside PostGIS KNN, pgr_dijkstra and pgr_drivingDistance on the same data when `--pg URL`
/// names a database with both extensions (bench/places.sh starts one). Checks that the answers agree.

#include "app/command_line.h"

namespace youhao::app {

int BenchPlaces(const CommandLine& line);

}  // namespace youhao::app
