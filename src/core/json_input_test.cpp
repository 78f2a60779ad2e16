#include "core/json_input.h"

#include <gtest/gtest.h>

namespace youhao::core {
namespace {

constexpr FieldSpec kFields[] = {
    {.name = "login", .type = FieldType::kString, .required = true, .max_length = 8},
    {.name = "age", .type = FieldType::kInteger},
};

ErrorCode CodeOf(std::string_view body) { return ParseJsonObject(body, kFields).error().code; }

TEST(ParseJsonObject, AcceptsValidObject) {
  auto parsed = ParseJsonObject(R"({"login":"rider","age":3})", kFields);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(StringOr(*parsed, "login"), "rider");
}

TEST(ParseJsonObject, ReportsEachKindOfBadInput) {
  EXPECT_EQ(CodeOf("{"), ErrorCode::kInvalidJson);
  EXPECT_EQ(CodeOf("[1]"), ErrorCode::kValidationFailed);
  EXPECT_EQ(CodeOf(R"({"age":3})"), ErrorCode::kValidationFailed);
  EXPECT_EQ(CodeOf(R"({"login":5})"), ErrorCode::kValidationFailed);
  EXPECT_EQ(CodeOf(R"({"login":"toolongvalue"})"), ErrorCode::kValidationFailed);
  EXPECT_EQ(CodeOf(R"({"login":"  "})"), ErrorCode::kValidationFailed);
  EXPECT_EQ(CodeOf(R"({"login":"a","x":1})"), ErrorCode::kUnknownField);
  EXPECT_EQ(CodeOf("{\"login\":\"\xC3\x28\"}"), ErrorCode::kInvalidUtf8);
  EXPECT_EQ(CodeOf(R"({"login":"a\u0001"})"), ErrorCode::kValidationFailed);
  EXPECT_EQ(CodeOf(std::string(40, '[') + std::string(40, ']')), ErrorCode::kInvalidJson);
}

}  // namespace
}  // namespace youhao::core
