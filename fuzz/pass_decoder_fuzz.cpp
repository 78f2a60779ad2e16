// libFuzzer target: the pass decoders must never crash, leak or read out of bounds, whatever a
// scanner hands them (AddressSanitizer, LeakSanitizer and UBSan watch every call). What they
// accept must survive re-encoding: decode(encode(decoded)) gives the same pass.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string_view>

#include "passes/pass_codec.h"

namespace {

void Check(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "invariant broken: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace passes = youhao::passes;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (const auto code = passes::DecodeQrText(text)) {
    const auto again =
        passes::DecodeQrText(passes::EncodeQrText(code->credential, code->window, code->device_signature));
    Check(again.has_value(), "a decoded QR code re-encodes to a decodable one");
    Check(passes::SerializeCredential(again->credential) == passes::SerializeCredential(code->credential),
          "QR re-encoding keeps the credential");
    Check(again->window == code->window && again->device_signature == code->device_signature,
          "QR re-encoding keeps the window and the device signature");
  }

  const std::span<const unsigned char> bytes(data, size);
  if (const auto credential = passes::ParseCredential(bytes)) {
    const auto serialized = passes::SerializeCredential(*credential);
    Check(std::span<const unsigned char>(serialized).size() == bytes.size(), "a parsed credential keeps its size");
    const auto again = passes::ParseCredential(serialized);
    Check(again.has_value() && passes::SerializeCredential(*again) == serialized, "credential round trip");
  }
  return 0;
}
