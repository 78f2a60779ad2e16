#pragma once
/// Small text helpers shared by every module: UTF-8 validation, masking of personal data.

#include <optional>
#include <string>
#include <string_view>

namespace youhao::core {

/// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text);

/// Number of Unicode code points in valid UTF-8 `text`.
std::size_t CountCodePoints(std::string_view text);

/// True when `text` holds an ASCII control character other than tab, CR or LF.
bool HasControlCharacters(std::string_view text);

/// Masks a mainland mobile number for display: "13812341234" -> "138****1234".
/// Anything that is not 11 digits is masked entirely except its last two characters.
std::string MaskPhone(std::string_view phone);
/// A person's name for display: its first character and "**" ("张小哥" → "张**"); "骑手" when empty.
std::string MaskName(std::string_view name);

/// Text with leading and trailing ASCII whitespace removed.
std::string_view Trim(std::string_view text);

/// Parses a non-negative decimal integer that fits in `int64`; nullopt otherwise.
std::optional<long long> ParseNonNegativeInteger(std::string_view text);

/// Text escaped for XML content and attribute values (& < > " '), without the C0 control
/// characters XML 1.0 forbids (tab, newline and carriage return are kept).
std::string EscapeXml(std::string_view text);

}  // namespace youhao::core
