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

namespace youhao::api {

struct CatalogueEntry {
  std::string_view key;
  http::Message words;
};

/// The sentence for `key`, or null.
const http::Message* LookupMessage(std::string_view key);

/// Why a report went where it went (reports::Acceptor::why), in `lang`: the rule's words, then
/// the outcome's, e.g. "规则（海淀区·食品安全）：社区受理".
std::string AcceptanceReason(const boost::json::object& why, http::Lang lang);

/// What a check-in says for its door outcome ("opened", "refused", "not_applicable").
http::Message CheckinWords(std::string_view door);

/// Every entry, for tests.
const std::vector<CatalogueEntry>& MessageCatalogue();

}  // namespace youhao::api
