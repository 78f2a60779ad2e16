#include "api/messages/catalogue.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "core/error.h"
#include "core/platforms.h"
#include "events/event_service.h"
#include "points/earning_rules.h"
#include "registry/verification_policy.h"
#include "reports/report_service.h"
#include "schedule/opening_hours.h"
#include "volunteers/volunteer_service.h"
#include "wishes/wish_service.h"

namespace youhao::api {
namespace {

/// The fields a sentence names; `x_zh` and `x_en` (a field's Chinese or English form) count as `x`.
std::set<std::string> Placeholders(std::string_view text) {
  std::set<std::string> names;
  const std::string copy(text);
  const std::regex placeholder(R"(\{([a-z_.]+)\})");
  for (auto it = std::sregex_iterator(copy.begin(), copy.end(), placeholder); it != std::sregex_iterator(); ++it) {
    std::string name = (*it)[1];
    if (name.ends_with("_zh") || name.ends_with("_en")) name.resize(name.size() - 3);
    names.insert(name);
  }
  return names;
}

TEST(MessageCatalogue, EveryEntryHasBothLanguagesWithTheSamePlaceholders) {
  ASSERT_FALSE(MessageCatalogue().empty());
  for (const auto& entry : MessageCatalogue()) {
    EXPECT_FALSE(entry.words.zh.empty()) << entry.key;
    EXPECT_FALSE(entry.words.en.empty()) << entry.key;
    EXPECT_EQ(Placeholders(entry.words.zh), Placeholders(entry.words.en)) << entry.key;
    EXPECT_EQ(LookupMessage(entry.key), &entry.words);
  }
  EXPECT_EQ(LookupMessage("no.such.key"), nullptr);
}

// Every key named in src/ (MakeProblem(..., "feature.key", ...), Words("feature.key"), core's Refused(...), each
// notification kind) is in the catalogue, and every catalogue key is named by some service.
TEST(MessageCatalogue, MatchesWhatServicesName) {
  std::set<std::string> named;
  const std::regex key(R"re("([a-z0-9]+(?:\.[a-z0-9_]+)+)")re");
  for (const auto& file : std::filesystem::recursive_directory_iterator(std::string(YOUHAO_SOURCE_DIR) + "/src")) {
    const std::string path = file.path().string();
    if (!path.ends_with(".cpp") || path.ends_with("_test.cpp") || path.find("/api/messages/") != std::string::npos)
      continue;
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    const std::string source = text.str();
    for (std::string_view names : {"MakeProblem(", "Words(", "Refused("}) {
      for (auto at = source.find(names); at != std::string::npos; at = source.find(names, at + 1)) {
        const std::string call = source.substr(at, 400);
        std::smatch match;
        if (std::regex_search(call, match, key)) named.insert(match[1]);
      }
    }
  }
  for (std::string_view kind : reports::notification::kKinds) named.insert("notifications." + std::string(kind));
  for (std::string_view reason : schedule::kParseProblems) named.insert("hours." + std::string(reason));
  for (std::string_view kind : registry::notice::kKinds) named.insert("notifications." + std::string(kind));
  named.insert("notifications." + std::string(points::kExpiringNotice));
  for (std::string_view kind : wishes::notice::kKinds) named.insert("notifications." + std::string(kind));
  for (std::string_view kind : events::notice::kKinds) named.insert("notifications." + std::string(kind));
  for (std::string_view kind : volunteers::notice::kKinds) named.insert("notifications." + std::string(kind));
  for (std::string_view kind : volunteers::kAppointmentKinds)
    named.insert("volunteers.appointment_kind." + std::string(kind));
  for (std::string_view because : reports::acceptance_reason::kBecause) {
    named.insert("acceptance.because." + std::string(because));
    if (because == "default" || because == "rule") named.insert("acceptance.because." + std::string(because) + "_all");
  }
  for (std::string_view door : {"opened", "refused", "not_applicable"}) {
    named.insert("places.checkin." + std::string(door));  // places::CheckinResult::door
  }
  for (int move = 0; move <= static_cast<int>(maps::Move::kArrived); ++move)
    named.insert("maps.step." + std::string(maps::MoveName(static_cast<maps::Move>(move))));
  for (int ending = 1; ending <= static_cast<int>(maps::Ending::kToParkAt); ++ending)
    named.insert("maps.step." + std::string(maps::EndingName(static_cast<maps::Ending>(ending))));
  for (int sector = 0; sector < 8; ++sector) named.insert("maps.compass." + std::string(maps::CompassName(sector)));
  for (std::string_view kind : core::kWorkerKinds) named.insert("workers.kind." + std::string(kind));
  // core::ParseJsonObject's wrong-type refusals, one per FieldType.
  for (std::string_view type : {"array", "boolean", "integer", "number", "object", "string"})
    named.insert("input.type_" + std::string(type));
  named.insert("maps.mode.ride");
  named.insert("maps.mode.walk");
  for (int rule = 1; rule <= static_cast<int>(maps::RouteRule::kPathClosedToWorkers); ++rule)
    named.insert("maps.rule." + std::string(maps::RuleName(static_cast<maps::RouteRule>(rule))));
  for (std::string_view note : reports::step_note::kKeys) named.insert("report_step." + std::string(note));
  for (std::string_view outcome : reports::acceptance_reason::kOutcomes) {
    named.insert("acceptance.outcome." + std::string(outcome));
  }
  std::set<std::string> catalogued;
  for (const auto& entry : MessageCatalogue()) catalogued.insert(std::string(entry.key));
  for (const auto& name : named) EXPECT_TRUE(catalogued.contains(name)) << "named but not catalogued: " << name;
  for (const auto& name : catalogued) EXPECT_TRUE(named.contains(name)) << "catalogued but never named: " << name;
}

// The words a rider read before steps were structured, produced again from the structure.
TEST(RouteStepWords, WordsEachMoveAndEnding) {
  using maps::Ending;
  using maps::Mode;
  using maps::Move;
  const std::vector<maps::RouteStep> steps = {
      {.move = Move::kEnter, .place = "北门", .mode = Mode::kRide},
      {.move = Move::kStraight,
       .ending = Ending::kToParkAt,
       .ending_place = "临停区",
       .rounded_metres = 50,
       .mode = Mode::kRide},
      {.move = Move::kHead, .compass = 2, .rounded_metres = 20},
      {.move = Move::kTurnRight,
       .ending = Ending::kTo,
       .ending_place = "3号楼2单元",
       .compass = 4,
       .rounded_metres = 30},
  };
  EXPECT_EQ(RouteSummary(steps, http::Lang::kZhCn),
            "从北门进入，直行50米到临停区停车，向东步行20米，右转，向南步行30米到3号楼2单元");
  EXPECT_EQ(
      RouteSummary(steps, http::Lang::kEn),
      "Enter by 北门; Go straight 50 m to park at 临停区; Walk east 20 m; Turn right, walk south 30 m to 3号楼2单元");
  const maps::RouteStep outside{.move = Move::kParkOutsideAndEnter, .place = "西门"};
  EXPECT_EQ(RouteStepWords(outside, http::Lang::kZhCn), "在西门外停车，从西门步行进入");
  const maps::RouteStep ride{.move = Move::kHead,
                             .ending = Ending::kToParkOutside,
                             .ending_place = "北门",
                             .compass = 4,
                             .rounded_metres = 30,
                             .mode = Mode::kRide};
  EXPECT_EQ(RouteStepWords(ride, http::Lang::kZhCn), "向南骑行30米到北门外停车");
  EXPECT_EQ(RouteStepWords({.move = Move::kArrived, .place = "3号楼"}, http::Lang::kZhCn), "已到达3号楼");
}

TEST(RouteRuleWords, SaysWhichRuleMakesTheRouteGoRound) {
  using maps::RouteRule;
  EXPECT_EQ(RouteRuleWords(RouteRule::kGateClosedToWorkers, "北门", http::Lang::kZhCn), "北门不让骑手通行，只能绕行");
  EXPECT_EQ(RouteRuleWords(RouteRule::kGateClosedNow, "北门", http::Lang::kEn),
            "北门 is closed at this hour: the route goes round");
  EXPECT_EQ(RouteRuleWords(RouteRule::kPathClosedToWorkers, "", http::Lang::kZhCn), "更近的路不让骑手通行，只能绕行");
  EXPECT_EQ(RouteRuleWords(RouteRule::kPathClosedNow, "学院路", http::Lang::kZhCn),
            "更近的路（学院路）此时关闭，只能绕行");
  EXPECT_EQ(RouteRuleWords(RouteRule::kNone, "北门", http::Lang::kZhCn), "");
}

TEST(StepNoteWords, WordsWhatTheServerWroteAndKeepsWhatPeopleTyped) {
  EXPECT_EQ(StepNoteWords(R"({"says":"assigned","assignee":"demo-grid"})", http::Lang::kZhCn), "派给 demo-grid");
  EXPECT_EQ(StepNoteWords(R"({"says":"assigned","assignee":"demo-grid"})", http::Lang::kEn), "Assigned to demo-grid");
  EXPECT_EQ(StepNoteWords(R"({"says":"closed_auto_confirmed"})", http::Lang::kZhCn), "72小时未确认，自动关闭");
  EXPECT_EQ(StepNoteWords("门口的井盖已经补好", http::Lang::kEn), "门口的井盖已经补好");
  EXPECT_EQ(StepNoteWords(R"({"says":"no_such_key"})", http::Lang::kZhCn), R"({"says":"no_such_key"})");
  EXPECT_EQ(StepNoteWords(R"({"says":)", http::Lang::kZhCn), R"({"says":)");
  EXPECT_EQ(StepNoteWords("", http::Lang::kZhCn), "");
}

TEST(AcceptanceReason, WordsTheRuleAndTheOutcome) {
  const boost::json::object rule{{"because", "rule"},
                                 {"area", "海淀区"},
                                 {"category", "food_safety"},
                                 {"category_zh", "食品安全"},
                                 {"outcome", "community"}};
  EXPECT_EQ(AcceptanceReason(rule, http::Lang::kZhCn), "规则（海淀区·食品安全）：社区受理");
  EXPECT_EQ(AcceptanceReason(rule, http::Lang::kEn), "Rule (海淀区 · food_safety): the community accepts");
  const boost::json::object every{{"because", "default"}, {"category", "*"}, {"outcome", "station"}, {"metres", 120}};
  EXPECT_EQ(AcceptanceReason(every, http::Lang::kZhCn), "默认规则（全部类别）：就近驿站受理（120 米）");
  const boost::json::object welfare{{"because", "welfare"}, {"outcome", "welfare_only"}};
  EXPECT_EQ(AcceptanceReason(welfare, http::Lang::kZhCn), "困难群众关怀：只由社区受理");
  EXPECT_EQ(AcceptanceReason(boost::json::object{{"because", "nonsense"}}, http::Lang::kZhCn), "");
}

TEST(RenderProblem, WordsTheErrorInTheClientsLanguageAndKeepsItsFields) {
  core::Error error = core::MakeProblem(core::ErrorCode::kConflict, "already_reported", "reports.already_reported",
                                        "you reported this", {{"duplicate_of", {{"id", 42}, {"within_m", 12.0}}}});
  http::Response zh = http::Problem(error);
  http::RenderProblem(zh, http::Lang::kZhCn, &LookupMessage);
  EXPECT_NE(zh.body.find("你在附近 12 米内已报过同类问题（#42）"), std::string::npos) << zh.body;
  EXPECT_NE(zh.body.find(R"("code":"already_reported")"), std::string::npos) << zh.body;
  EXPECT_NE(zh.body.find(R"("duplicate_of":{"id":42)"), std::string::npos) << zh.body;
  EXPECT_EQ(zh.status, 409);
  EXPECT_FALSE(zh.problem);

  http::Response en = http::Problem(error);
  http::RenderProblem(en, http::Lang::kEn, &LookupMessage);
  EXPECT_NE(en.body.find("You reported this within 12 m already (#42)"), std::string::npos) << en.body;

  http::Response plain = http::Problem(core::MakeError(core::ErrorCode::kNotFound, "no such report"));
  http::RenderProblem(plain, http::Lang::kEn, &LookupMessage);
  EXPECT_NE(plain.body.find(R"("detail":"no such report")"), std::string::npos) << plain.body;
  EXPECT_NE(plain.body.find(R"("code":"not_found")"), std::string::npos) << plain.body;
}

}  // namespace
}  // namespace youhao::api
