#pragma once
/// Base45 (RFC 9285): binary as QR alphanumeric-mode text, which scans denser than byte mode.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace youhao::passes {

std::string Base45Encode(std::span<const unsigned char> bytes);
/// nullopt for characters outside the alphabet, a dangling single character, or chunks whose
/// value does not fit (e.g. "GGW" > 65535).
std::optional<std::vector<unsigned char>> Base45Decode(std::string_view text);

}  // namespace youhao::passes
