#pragma once
/// A generated compound of realistic shape for benchmarks and size checks: buildings in rows
/// with two or three entrances each, lanes that may be ridden, footpaths to the doors, four
/// gates (one closed at night, two for pedestrians only), rider parking at the lane ends.

#include "maps/compound_map.h"

namespace youhao::maps {

/// `buildings` buildings ("1号楼"…), ids from 1; centred near Wudaokou, Beijing.
CompoundMap SampleCompound(int buildings);

}  // namespace youhao::maps
