#include <boost/json/serialize.hpp>

#include <algorithm>

#include "core/json_output.h"
#include "http/message.h"

namespace youhao::http {

std::string_view MethodName(Method method) {
  switch (method) {
    case Method::kGet:
      return "GET";
    case Method::kHead:
      return "HEAD";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
    case Method::kOptions:
      return "OPTIONS";
    case Method::kOther:
      return "OTHER";
  }
  return "OTHER";
}

Method ParseMethod(std::string_view name) {
  for (Method method :
       {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch, Method::kDelete, Method::kOptions}) {
    if (MethodName(method) == name) return method;
  }
  return Method::kOther;
}

std::optional<std::string_view> Request::Header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return value;
  }
  return std::nullopt;
}

std::optional<std::string_view> Request::QueryParam(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::string_view Request::PathParam(std::string_view name) const {
  for (const auto& [key, value] : path_params) {
    if (key == name) return value;
  }
  return {};
}

std::optional<std::string_view> Request::Cookie(std::string_view name) const {
  auto header = Header("cookie");
  if (!header) return std::nullopt;
  std::string_view rest = *header;
  while (!rest.empty()) {
    const auto end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) return pair.substr(equals + 1);
  }
  return std::nullopt;
}

Response Json(int status, const boost::json::value& value) {
  Response response;
  response.status = status;
  response.body = core::SerializeJson(value);
  return response;
}

Response Empty(int status) {
  Response response;
  response.status = status;
  response.content_type.clear();
  return response;
}

Response Problem(core::Error error) {
  Response response;
  response.status = core::HttpStatus(error.code);
  response.content_type = "application/problem+json";
  if (error.retry_after_seconds > 0) response.SetHeader("Retry-After", std::to_string(error.retry_after_seconds));
  response.problem = std::move(error);
  return response;
}

}  // namespace youhao::http
