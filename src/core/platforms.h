#pragma once
/// The delivery platforms the city knows by name, as workers register with them. Pass codes carry
/// a platform as its index in this list (255 for any other); conduct records count by it.

#include <array>
#include <string_view>

namespace youhao::core {

inline constexpr std::array<std::string_view, 6> kPlatformNames = {"美团", "饿了么", "顺丰", "京东", "UU跑腿", "闪送"};
/// The name under which every other platform is counted.
inline constexpr std::string_view kOtherPlatform = "其他";

/// What kind of work a worker does; pass codes carry it as its index in this list.
inline constexpr std::array<std::string_view, 4> kWorkerKinds = {"food", "parcel", "ride", "truck"};

}  // namespace youhao::core
