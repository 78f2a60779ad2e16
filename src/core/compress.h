#pragma once
/// gzip for what the server stores or serves compressed (static files, published compound maps).

#include <string>
#include <string_view>

namespace youhao::core {

/// gzip-compresses `data` (level 9). Throws std::runtime_error when zlib fails.
std::string Gzip(std::string_view data);

}  // namespace youhao::core
