#pragma once
/// Plain request and response values. Handlers and services see these, never Beast types.

#include <boost/json/value.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace youhao::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view MethodName(Method method);
Method ParseMethod(std::string_view name);

struct Request {
  Method method = Method::kGet;
  /// The path as sent, without the query, still percent-encoded.
  std::string target_path;
  /// Decoded path segments ("/api/v1/areas/110108" -> {"api","v1","areas","110108"}).
  std::vector<std::string> segments;
  /// Decoded query parameters in order.
  std::vector<std::pair<std::string, std::string>> query;
  /// Header names lower-cased.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;
  /// Filled by the router: `{name}` segments of the matched route.
  std::vector<std::pair<std::string, std::string>> path_params;

  std::optional<std::string_view> Header(std::string_view lower_name) const;
  std::optional<std::string_view> QueryParam(std::string_view name) const;
  std::string_view PathParam(std::string_view name) const;
  /// The value of cookie `name`, if sent.
  std::optional<std::string_view> Cookie(std::string_view name) const;
};

/// The producer of a server-sent event stream (text/event-stream). After sending the headers
/// and `Response::body` (the first events), the server subscribes through Subscribe() and calls
/// Poll() on the worker pool whenever it is woken, and at least every `poll_seconds` (for
/// changes made by another server process). It sends a comment as a heartbeat when nothing
/// happens, and ends the stream after `max_seconds` (browsers' EventSource reconnects with
/// Last-Event-ID) or when Poll() returns nullopt. No io thread ever waits on Poll().
class EventSource {
 public:
  virtual ~EventSource() = default;
  /// New events as SSE text ("id: …\nevent: …\ndata: …\n\n"), empty for none, nullopt to end.
  virtual std::optional<std::string> Poll() = 0;
  /// Arranges for `wake` (callable from any thread, quick) to be called when new events may be
  /// ready; the subscription lasts as long as the returned handle. Without one, only the
  /// periodic poll runs.
  virtual std::shared_ptr<void> Subscribe(std::function<void()> wake) {
    (void)wake;
    return nullptr;
  }
  int max_seconds = 300;
  int poll_seconds = 1;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  /// Set for a server-sent event stream; then `body` holds the first events.
  std::shared_ptr<EventSource> events;
  /// Set by Problem(): the body is rendered at the edge (RenderProblem), in the client's language.
  std::optional<core::Error> problem;

  void SetHeader(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

/// A JSON response.
Response Json(int status, const boost::json::value& value);
/// An empty response (e.g. 204).
Response Empty(int status);
/// An RFC 9457 problem+json response for `error`; its body is rendered at the edge by
/// RenderProblem() (Dispatch and the server do), once, in the client's language.
Response Problem(core::Error error);

}  // namespace youhao::http
