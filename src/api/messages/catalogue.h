#pragma once
/// Every feature's catalogued sentences for expected failures, looked up by key at the edge
/// (http::RenderProblem) and filled with the error's fields in the client's language. A service
/// names the key (core::MakeProblem) and never writes the sentence; a key here without a service
/// that uses it, or one used without an entry here, is caught by the catalogue's test.

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

/// Every entry, for tests.
const std::vector<CatalogueEntry>& MessageCatalogue();

}  // namespace youhao::api
