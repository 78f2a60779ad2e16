#pragma once
/// Words at the edge: the language a client asks for, and message catalogues that hold each
/// sentence once per language with `{name}` placeholders filled from structured fields.
/// Services return codes and fields; only handlers turn them into text (zh-CN first).

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include <boost/json/object.hpp>

#include "http/message.h"

namespace youhao::http {

enum class Lang { kZhCn, kEn };

/// From Accept-Language: English when the client ranks an English tag above every Chinese one;
/// Simplified Chinese otherwise, and when the header is missing or unreadable.
Lang PreferredLang(std::string_view accept_language);
Lang PreferredLang(const Request& request);

/// One sentence in each language the server speaks.
struct Message {
  std::string_view zh;
  std::string_view en;
  std::string_view In(Lang lang) const { return lang == Lang::kEn ? en : zh; }
};

using Fields = std::initializer_list<std::pair<std::string_view, std::string_view>>;

/// `pattern` with each `{name}` replaced by its field's value; unknown names stay as written.
std::string Fill(std::string_view pattern, Fields fields);

/// The separator between list items in `lang` ("、" or ", ").
std::string_view ListSeparator(Lang lang);

/// Looks up the sentence for a catalogue key ("reports.duplicate_nearby"); null when unknown.
using MessageLookup = const Message* (*)(std::string_view key);

/// `pattern` with each `{name}` or `{object.member}` replaced by that field of `fields`, shown
/// plainly (integers as integers, other numbers to one decimal place, strings as they are).
std::string FillFields(std::string_view pattern, const boost::json::object& fields);

/// Renders `response.problem` (if any) into its problem+json body: `code` is the error's Name(),
/// `detail` the catalogued sentence in `lang` when `lookup` knows error.message, else the
/// error's detail; the fields are merged in as members. Clears `problem`.
void RenderProblem(Response& response, Lang lang, MessageLookup lookup);

}  // namespace youhao::http
