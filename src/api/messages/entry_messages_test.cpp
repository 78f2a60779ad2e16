#include "api/messages/entry_messages.h"

#include <gtest/gtest.h>

namespace youhao::api {
namespace {

using passes::ScanCode;

entry::GateDecision With(ScanCode code) {
  entry::GateDecision decision;
  decision.verdict.code = code;
  return decision;
}

TEST(GateReason, EveryCodeHasWordsInBothLanguages) {
  for (int code = 0; code <= static_cast<int>(ScanCode::kGateNotFound); ++code) {
    const auto decision = With(static_cast<ScanCode>(code));
    EXPECT_FALSE(GateReason(decision, http::Lang::kZhCn).empty()) << code;
    EXPECT_FALSE(GateReason(decision, http::Lang::kEn).empty()) << code;
    EXPECT_NE(GateReason(decision, http::Lang::kZhCn), GateReason(decision, http::Lang::kEn)) << code;
  }
  EXPECT_EQ(GateReason(With(ScanCode::kOk), http::Lang::kZhCn), "核验通过");
  EXPECT_EQ(GateReason(With(ScanCode::kStale), http::Lang::kEn).substr(0, 23), "Code no longer valid (s");
}

TEST(GateReason, FillsTheRefusalsFields) {
  auto drop = With(ScanCode::kDropOffOnly);
  drop.verdict.drop_off_points = {{"东门快递柜", "门卫室旁"}, {"西门外卖架", ""}};
  EXPECT_EQ(GateReason(drop, http::Lang::kZhCn), "本小区不允许进入，请将订单放在：东门快递柜（门卫室旁）；西门外卖架");
  EXPECT_EQ(GateReason(drop, http::Lang::kEn), "No entry here; leave orders at: 东门快递柜 (门卫室旁); 西门外卖架");

  auto lane = With(ScanCode::kGateNotAllowed);
  lane.green_lane_names = {"南门", "北门"};
  EXPECT_EQ(GateReason(lane, http::Lang::kZhCn), "此门不允许骑手通行，请走绿色通道：南门、北门");
  EXPECT_EQ(GateReason(lane, http::Lang::kEn), "Riders may not use this gate; use the green lane: 南门, 北门");

  auto hours = With(ScanCode::kOutsideHours);
  hours.verdict.opening_hours = "Mo-Fr 10:00-20:00";
  EXPECT_TRUE(GateReason(hours, http::Lang::kZhCn).starts_with("当前不在允许进入的时段（开放时间："));
  EXPECT_EQ(GateReason(hours, http::Lang::kEn), "Outside the hours riders may enter (open: Mo-Fr 10:00-20:00)");
}

TEST(GateReason, WithoutFieldsFallsBackToThePlainSentence) {
  EXPECT_EQ(GateReason(With(ScanCode::kDropOffOnly), http::Lang::kZhCn), "本小区不允许进入，请将订单放在集中放取点");
  EXPECT_EQ(GateReason(With(ScanCode::kGateNotAllowed), http::Lang::kZhCn), "此门不允许骑手通行，请走绿色通道");
}

}  // namespace
}  // namespace youhao::api
