#include "http/i18n.h"

#include <gtest/gtest.h>

namespace youhao::http {
namespace {

TEST(PreferredLang, ChineseFirst) {
  EXPECT_EQ(PreferredLang(""), Lang::kZhCn);
  EXPECT_EQ(PreferredLang("zh-CN,zh;q=0.9,en;q=0.8"), Lang::kZhCn);
  EXPECT_EQ(PreferredLang("fr-FR"), Lang::kZhCn);
  EXPECT_EQ(PreferredLang("garbage;;;,=,"), Lang::kZhCn);
  EXPECT_EQ(PreferredLang("en;q=0.5,zh;q=0.5"), Lang::kZhCn);  // a tie stays Chinese
}

TEST(PreferredLang, EnglishWhenRankedHigher) {
  EXPECT_EQ(PreferredLang("en-US,en;q=0.9"), Lang::kEn);
  EXPECT_EQ(PreferredLang("EN"), Lang::kEn);
  EXPECT_EQ(PreferredLang("zh;q=0.3, en-GB;q=0.7"), Lang::kEn);
  EXPECT_EQ(PreferredLang("zh;q=0,en"), Lang::kEn);
  EXPECT_EQ(PreferredLang("eng"), Lang::kZhCn);  // not an English tag
}

TEST(Fill, ReplacesKnownNamesOnly) {
  EXPECT_EQ(Fill("请走绿色通道：{gates}", {{"gates", "南门、北门"}}), "请走绿色通道：南门、北门");
  EXPECT_EQ(Fill("{a}+{b}={c}", {{"a", "1"}, {"b", "2"}}), "1+2={c}");
  EXPECT_EQ(Fill("open {", {}), "open {");
  EXPECT_EQ(Fill("", {{"x", "y"}}), "");
}

}  // namespace
}  // namespace youhao::http
