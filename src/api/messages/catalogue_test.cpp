#include "api/messages/catalogue.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "core/error.h"
#include "reports/report_service.h"

namespace youhao::api {
namespace {

/// The fields a sentence names; `x_zh` (a field's Chinese form) counts as `x`.
std::set<std::string> Placeholders(std::string_view text) {
  std::set<std::string> names;
  const std::string copy(text);
  const std::regex placeholder(R"(\{([a-z_.]+)\})");
  for (auto it = std::sregex_iterator(copy.begin(), copy.end(), placeholder); it != std::sregex_iterator(); ++it) {
    std::string name = (*it)[1];
    if (name.ends_with("_zh")) name.resize(name.size() - 3);
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

// Every key a service names in src/ (MakeProblem(..., "feature.key", ...), and each notification kind)
// is in the catalogue, and every catalogue key is named by some service.
TEST(MessageCatalogue, MatchesWhatServicesName) {
  std::set<std::string> named;
  const std::regex key(R"re("([a-z]+\.[a-z_]+)")re");
  for (const auto& file : std::filesystem::recursive_directory_iterator(std::string(YOUHAO_SOURCE_DIR) + "/src")) {
    const std::string path = file.path().string();
    if (!path.ends_with(".cpp") || path.ends_with("_test.cpp") || path.find("/api/messages/") != std::string::npos)
      continue;
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    const std::string source = text.str();
    for (auto at = source.find("MakeProblem("); at != std::string::npos; at = source.find("MakeProblem(", at + 1)) {
      const std::string call = source.substr(at, 400);
      std::smatch match;
      if (std::regex_search(call, match, key)) named.insert(match[1]);
    }
  }
  for (std::string_view kind : reports::notification::kKinds) named.insert("notifications." + std::string(kind));
  for (std::string_view because : reports::acceptance_reason::kBecause) {
    named.insert("acceptance.because." + std::string(because));
    if (because == "default" || because == "rule") named.insert("acceptance.because." + std::string(because) + "_all");
  }
  for (std::string_view door : {"opened", "refused", "not_applicable"}) {
    named.insert("places.checkin." + std::string(door));  // places::CheckinResult::door
  }
  for (std::string_view outcome : reports::acceptance_reason::kOutcomes) {
    named.insert("acceptance.outcome." + std::string(outcome));
  }
  std::set<std::string> catalogued;
  for (const auto& entry : MessageCatalogue()) catalogued.insert(std::string(entry.key));
  EXPECT_EQ(named, catalogued);
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
