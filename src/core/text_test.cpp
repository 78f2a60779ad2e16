#include "core/text.h"

#include <gtest/gtest.h>

#include <thread>

namespace youhao::core {
namespace {

TEST(Utf8, AcceptsChineseAndAscii) {
  EXPECT_TRUE(IsValidUtf8("骑手友好社区 3栋2单元"));
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x9B\xB5"));  // U+1F6F5 motor scooter
}

TEST(Utf8, RejectsMalformedSequences) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abc\xE4\xB8"));       // truncated at the end
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\x80"));
}

TEST(Utf8, CountsCodePoints) { EXPECT_EQ(CountCodePoints("友好ab"), 4u); }

TEST(MaskPhone, MasksMobileNumbers) {
  EXPECT_EQ(MaskPhone("13812341234"), "138****1234");
  EXPECT_EQ(MaskPhone("12345"), "***45");
  EXPECT_EQ(MaskPhone("1"), "*");
}

TEST(ParseNonNegativeInteger, RejectsJunk) {
  EXPECT_EQ(ParseNonNegativeInteger("42"), 42);
  EXPECT_FALSE(ParseNonNegativeInteger("-1"));
  EXPECT_FALSE(ParseNonNegativeInteger("4x"));
  EXPECT_FALSE(ParseNonNegativeInteger(""));
  EXPECT_FALSE(ParseNonNegativeInteger("99999999999999999999"));
}

}  // namespace
}  // namespace youhao::core

#include "core/base64.h"
#include "core/ttl_cache.h"

namespace youhao::core {
namespace {

TEST(Base64, RoundTripsBothVariantsAndRejectsJunk) {
  const std::string bytes("\xFB\xFF\x00\x01 友好", 10);
  for (auto variant : {Base64Variant::kUrlSafeNoPadding, Base64Variant::kStandard}) {
    const std::string text = Base64Encode(bytes, variant);
    auto back = Base64Decode(text, variant);
    ASSERT_TRUE(back);
    EXPECT_EQ(std::string(back->begin(), back->end()), bytes);
  }
  EXPECT_EQ(Base64Encode(std::string_view("\xFB\xFF", 2)), "-_8");
  EXPECT_FALSE(Base64Decode("a*b"));
  EXPECT_FALSE(Base64Decode("-_8", Base64Variant::kStandard));
}

TEST(TtlCache, EntriesExpireAndCanBeErased) {
  TtlCache<int> cache(std::chrono::milliseconds(30), 2);
  cache.Put("a", 1);
  EXPECT_EQ(cache.Get("a"), 1);
  cache.Erase("a");
  EXPECT_FALSE(cache.Get("a"));
  cache.Put("b", 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(40));
  EXPECT_FALSE(cache.Get("b"));
  cache.Put("c", 3);
  cache.Put("d", 4);
  cache.Put("e", 5);  // over the cap: cleared first
  EXPECT_FALSE(cache.Get("c"));
  EXPECT_EQ(cache.Get("e"), 5);
}

}  // namespace
}  // namespace youhao::core
