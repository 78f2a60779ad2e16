// Plate shapes, table-driven: what riders type on a phone for the plates mainland e-bikes,
// motorcycles and cars carry, and the garbage that is none of them.
#include "registry/plate_policy.h"

#include <gtest/gtest.h>

namespace youhao::registry {
namespace {

TEST(NormalizePlate, AcceptsTheCommonMainlandFormsInOneSpelling) {
  struct Case {
    std::string_view typed;
    std::string_view stored;
  };
  const Case cases[] = {
      {"", ""},
      {"   ", ""},
      {"京A12345", "京A·12345"},
      {"京A·12345", "京A·12345"},
      {"京a 12345", "京A·12345"},
      {"京A-1234X", "京A·1234X"},
      {"京Ａ１２３４５", "京A·12345"},  // a full-width keyboard
      {"京A\u30FB12345", "京A·12345"},  // the katakana middle dot some keyboards offer
      {"京B·12345", "京B·12345"},       // a motorcycle
      {"沪C·AB123", "沪C·AB123"},       // letters in the serial
      {"粤BD12345", "粤B·D12345"},      // new energy, small
      {"粤B FA1234", "粤B·FA1234"},     // new energy, small, a letter second
      {"苏E12345D", "苏E·12345D"},      // new energy, large
      {"沪123456", "沪123456"},         // an e-bike plate of digits only
      {"浙12345", "浙12345"},
      {"京A1234567", "京A1234567"},  // an e-bike plate: a letter and 7 digits
      {"京A123456", "京A123456"},
      {"杭州A12345", "杭州A12345"},  // a city's own e-bike plate
      {"深圳 12345678", "深圳12345678"},
      {"石家庄123456", "石家庄123456"},
      {"乌鲁木齐A12345", "乌鲁木齐A12345"},
  };
  for (const Case& c : cases) {
    auto plate = NormalizePlate(c.typed);
    ASSERT_TRUE(plate.ok()) << c.typed;
    EXPECT_EQ(*plate, c.stored) << c.typed;
  }
}

TEST(NormalizePlate, RefusesWhatIsNoPlateWithACataloguedProblem) {
  const std::string_view garbage[] = {
      "12345",              // no province
      "ABC12345",           // no province
      "A京12345",           // the province after a letter
      "京",                 // nothing after the province
      "京A",                //
      "京A1234",            // a serial too short
      "京AI2345",           // I reads as 1: never in a serial
      "京A0O123",           // nor O
      "京AB1234D",          // 6 characters that are no new-energy serial
      "京AD1A234",          // new energy takes 4 digits at the end
      "京A123456789",       // 9 digits
      "美A12345",           // 美 is no province
      "北京市海淀区12345",  // an address, not a plate
      "京A12345!",          // punctuation
      "京A😀2345",           // an emoji
      "京A12345京",         // Chinese after the serial
      "京AB",               //
      "杭州",               // a city name alone
      "杭州AB12345",        // two letters after a city name
      "\xff\xfe",           // not UTF-8
  };
  for (std::string_view typed : garbage) {
    auto plate = NormalizePlate(typed);
    ASSERT_FALSE(plate.ok()) << typed << " → " << (plate.ok() ? *plate : "");
    EXPECT_EQ(plate.error().code, core::ErrorCode::kValidationFailed) << typed;
    EXPECT_EQ(plate.error().Name(), "plate_invalid") << typed;
    EXPECT_EQ(plate.error().message, "registry.plate_invalid") << typed;
  }
}

}  // namespace
}  // namespace youhao::registry
