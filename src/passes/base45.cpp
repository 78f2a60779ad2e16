#include "passes/base45.h"

#include <array>

namespace youhao::passes {

namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

constexpr std::array<signed char, 256> MakeDecodeTable() {
  std::array<signed char, 256> table{};
  for (auto& entry : table) entry = -1;
  for (std::size_t i = 0; i < kAlphabet.size(); ++i)
    table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<signed char>(i);
  return table;
}
constexpr std::array<signed char, 256> kDecode = MakeDecodeTable();

}  // namespace

std::string Base45Encode(std::span<const unsigned char> bytes) {
  std::string out;
  out.reserve(bytes.size() / 2 * 3 + 2);
  std::size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) {
    unsigned value = bytes[i] * 256u + bytes[i + 1];
    out += kAlphabet[value % 45];
    value /= 45;
    out += kAlphabet[value % 45];
    out += kAlphabet[value / 45];
  }
  if (i < bytes.size()) {
    out += kAlphabet[bytes[i] % 45];
    out += kAlphabet[bytes[i] / 45];
  }
  return out;
}

std::optional<std::vector<unsigned char>> Base45Decode(std::string_view text) {
  if (text.size() % 3 == 1) return std::nullopt;
  std::vector<unsigned char> out;
  out.reserve(text.size() / 3 * 2 + 1);
  std::size_t i = 0;
  for (; i + 2 < text.size(); i += 3) {
    const int c = kDecode[static_cast<unsigned char>(text[i])];
    const int d = kDecode[static_cast<unsigned char>(text[i + 1])];
    const int e = kDecode[static_cast<unsigned char>(text[i + 2])];
    if (c < 0 || d < 0 || e < 0) return std::nullopt;
    const unsigned value = static_cast<unsigned>(c + d * 45 + e * 45 * 45);
    if (value > 0xFFFF) return std::nullopt;
    out.push_back(static_cast<unsigned char>(value >> 8));
    out.push_back(static_cast<unsigned char>(value & 0xFF));
  }
  if (i < text.size()) {
    const int c = kDecode[static_cast<unsigned char>(text[i])];
    const int d = kDecode[static_cast<unsigned char>(text[i + 1])];
    if (c < 0 || d < 0) return std::nullopt;
    const unsigned value = static_cast<unsigned>(c + d * 45);
    if (value > 0xFF) return std::nullopt;
    out.push_back(static_cast<unsigned char>(value));
  }
  return out;
}

}  // namespace youhao::passes
