#pragma once
/// Every feature's catalogued sentences for expected failures, looked up by key at the edge
/// (http::RenderProblem) and filled with the error's fields in the client's language. A service
/// names the key (core::MakeProblem) and never writes the sentence; a key here without a service
/// that uses it, or one used without an entry here, is caught by the catalogue's test.

#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "http/i18n.h"
#include "maps/compound_router.h"

namespace youhao::api {

struct CatalogueEntry {
  std::string_view key;
  http::Message words;
};

/// The sentence for `key`, or null.
const http::Message* LookupMessage(std::string_view key);

/// The sentence for `key` in `lang` with `fields` filled in ("" for an unknown key, which the
/// catalogue's test rules out for every literal key passed here).
std::string Words(std::string_view key, http::Lang lang, const boost::json::object& fields = {});

/// Why a report went where it went (reports::Acceptor::why), in `lang`: the rule's words, then
/// the outcome's, e.g. "规则（海淀区·食品安全）：社区受理".
std::string AcceptanceReason(const boost::json::object& why, http::Lang lang);

/// A report step's note in `lang`: a note the server wrote ({"says": key, ...}, see
/// reports::step_note) is worded from "report_step.<key>"; a person's note is returned as typed.
std::string StepNoteWords(const std::string& stored, http::Lang lang);

/// A route step as a sentence in `lang` ("maps.step.<move>" then "maps.step.<ending>"), e.g.
/// "右转，向南步行30米到3号楼2单元" / "Turn right, walk south 30 m to 3号楼2单元".
std::string RouteStepWords(const maps::RouteStep& step, http::Lang lang);
/// The steps joined into one line ("，" in Chinese, "; " in English).
std::string RouteSummary(const std::vector<maps::RouteStep>& steps, http::Lang lang);
/// Why a route goes round ("maps.rule.<name>") in `lang`, naming `place` (the gate, or the
/// path when it has a name); "" for RouteRule::kNone.
std::string RouteRuleWords(maps::RouteRule rule, std::string_view place, http::Lang lang);

/// What a check-in says for its door outcome ("opened", "refused", "not_applicable").
http::Message CheckinWords(std::string_view door);

/// Every entry, for tests.
const std::vector<CatalogueEntry>& MessageCatalogue();

}  // namespace youhao::api
