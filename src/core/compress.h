#pragma once
/// gzip for what the server stores or serves compressed (static files, published compound maps).

#include <string>
#include <string_view>

namespace youhao::core {

/// gzip-compresses `data` (level 9). Throws std::runtime_error when zlib fails.
std::string Gzip(std::string_view data);

/// The data of a gzip stream (what Gzip made). Throws std::runtime_error for a corrupt stream or
/// one that inflates past `limit` bytes.
std::string Gunzip(std::string_view data, std::size_t limit = std::size_t{64} << 20);

}  // namespace youhao::core
