// Open311 GeoReport v2 under /open311/v2/ (docs/open311-notes.md): discovery, services, service
// definitions, requests (GET and POST with an organisation's api_key), one request, tokens; in
// JSON and XML, with the specification's field names, statuses, dates and error bodies.
#include <boost/json/serialize.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/parse_query.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "api/api_internal.h"
#include "api/messages/catalogue.h"
#include "core/json_output.h"
#include "core/text.h"
#include "http/json_body.h"
#include "reports/report_service.h"
#include "schedule/clock.h"

namespace youhao::api {
namespace {

namespace json = boost::json;
using reports::Category;
using reports::Report;

constexpr std::string_view kSpecification = "http://wiki.open311.org/GeoReport_v2";
constexpr long long kWindowSeconds = 90LL * 86400;
constexpr int kMaxRequests = 1000;
constexpr std::string_view kChangeset = "2026-11-23T00:00:00+08:00";

enum class Format { kJson, kXml };

/// "requests.json" → ("requests", kJson); nullopt for another suffix.
std::optional<std::pair<std::string, Format>> SplitFormat(std::string_view file) {
  for (auto [suffix, format] :
       {std::pair{std::string_view(".json"), Format::kJson}, std::pair{std::string_view(".xml"), Format::kXml}}) {
    if (file.size() > suffix.size() && file.ends_with(suffix))
      return std::make_pair(std::string(file.substr(0, file.size() - suffix.size())), format);
  }
  return std::nullopt;
}

/// The element name of the items of a list, as the specification's XML has them.
std::string_view ItemName(std::string_view list) {
  if (list == "services") return "service";
  if (list == "service_requests") return "request";
  if (list == "errors") return "error";
  if (list == "attributes") return "attribute";
  if (list == "values") return "value";
  if (list == "endpoints") return "endpoint";
  if (list == "formats") return "format";
  return "item";
}

void WriteXml(const json::value& value, std::string_view name, std::string& out) {
  if (value.is_null()) {
    fmt::format_to(std::back_inserter(out), "<{}/>", name);
    return;
  }
  fmt::format_to(std::back_inserter(out), "<{}>", name);
  if (value.is_object()) {
    for (const auto& [key, child] : value.as_object()) WriteXml(child, key, out);
  } else if (value.is_array()) {
    for (const json::value& item : value.as_array()) WriteXml(item, ItemName(name), out);
  } else if (value.is_string()) {
    out += core::EscapeXml(value.as_string());
  } else if (value.is_bool()) {
    out += value.as_bool() ? "true" : "false";
  } else {
    out += core::SerializeJson(value);
  }
  fmt::format_to(std::back_inserter(out), "</{}>", name);
}

http::Response Render(int status, const json::value& body, Format format, std::string_view root) {
  http::Response response;
  response.status = status;
  if (format == Format::kJson) {
    response.content_type = "application/json; charset=utf-8";
    response.body = core::SerializeJson(body);
  } else {
    response.content_type = "text/xml; charset=utf-8";
    response.body = R"(<?xml version="1.0" encoding="utf-8"?>)";
    WriteXml(body, root, response.body);
  }
  response.SetHeader("Access-Control-Allow-Origin", "*");
  return response;
}

/// An Open311 error list of one error; `extra` adds members to it (a duplicate's service_request_id).
http::Response Error(int status, std::string_view description, Format format, const json::object& extra = {}) {
  json::object error{{"code", status}, {"description", description}};
  for (const auto& [key, value] : extra) error[key] = value;
  return Render(status, json::array{std::move(error)}, format, "errors");
}

long long SteadyMilliseconds() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string_view GroupOf(Category category) {
  switch (category) {
    case Category::kHazard:
    case Category::kFireLane:
    case Category::kTraffic:
      return "safety";
    case Category::kSanitation:
    case Category::kStrayAnimal:
      return "environment";
    case Category::kFacility:
      return "facilities";
    case Category::kFoodSafety:
    case Category::kFraud:
      return "market";
    case Category::kOwnDifficulty:
      return "workers";
    default:
      return "other";
  }
}

std::vector<Category> PublicCategories() {
  std::vector<Category> out;
  for (int c = 0; c < reports::kCategoryCount; ++c) {
    if (!reports::IsPrivate(static_cast<Category>(c))) out.push_back(static_cast<Category>(c));
  }
  return out;
}

/// Open311 speaks the city's language: its sentences come from the catalogue in Chinese.
constexpr http::Lang kOpen311Lang = http::Lang::kZhCn;

std::string ServiceNotice(Category category) {
  return Words("open311.service_notice", kOpen311Lang, {{"hours", reports::DeadlineHours(category)}});
}

json::object RequestJson(Services& services, const Report& report) {
  std::string notes(reports::StatusLabelZh(report.status));
  if (!report.steps.empty() && !report.steps.back().note.empty())
    notes += "：" + StepNoteWords(report.steps.back().note, http::Lang::kZhCn);
  json::value agency = nullptr;
  if (report.assignee) {
    agency = json::string(*report.assignee);
  } else if (report.acceptor && !report.acceptor->name.empty()) {
    agency = json::string(report.acceptor->name);
  } else if (auto area = services.areas.Find(report.area_code)) {
    agency = json::string(area->name_zh);
  }
  json::value address = report.address.empty() ? json::value(nullptr) : json::value(json::string(report.address));
  if (address.is_null() && report.compound_code) {
    if (auto compound = services.areas.Find(*report.compound_code)) address = json::string(compound->name_zh);
  }
  json::value media = nullptr;
  if (!report.photos.empty())
    media = json::string(fmt::format("{}/api/v1/report-photos/{}", services.public_url, report.photos.front()));
  return {
      {"service_request_id", std::to_string(report.id)},
      {"status", reports::IsOpen(report.status) ? "open" : "closed"},
      {"status_notes", notes},
      {"service_name", reports::CategoryLabelZh(report.category)},
      {"service_code", reports::CategoryName(report.category)},
      {"description",
       report.description.empty() ? json::value(nullptr) : json::value(json::string(report.description))},
      {"agency_responsible", std::move(agency)},
      {"service_notice", ServiceNotice(report.category)},
      {"requested_datetime", schedule::BeijingIso8601(report.created_at)},
      {"updated_datetime", schedule::BeijingIso8601(report.updated_at)},
      {"expected_datetime", schedule::BeijingIso8601(report.due_at)},
      {"address", std::move(address)},
      {"address_id", report.compound_code ? json::value(json::string(*report.compound_code)) : json::value(nullptr)},
      {"zipcode", nullptr},
      {"lat", std::round(report.lat * 1e6) / 1e6},
      {"long", std::round(report.lon * 1e6) / 1e6},
      {"media_url", std::move(media)}};
}

/// Query parameters of a GET, and for POST also the form-encoded body (the body wins).
std::vector<std::pair<std::string, std::string>> Params(const http::Request& request) {
  std::vector<std::pair<std::string, std::string>> params = request.query;
  if (request.method == http::Method::kPost && !request.body.empty()) {
    // x-www-form-urlencoded: '+' is a space (a literal plus arrives as %2B).
    std::string body = request.body;
    std::replace(body.begin(), body.end(), '+', ' ');
    std::string encoded;
    for (char c : body) encoded += c == ' ' ? std::string("%20") : std::string(1, c);
    auto parsed = boost::urls::parse_query(encoded);
    if (parsed) {
      for (const auto& param : boost::urls::params_view(*parsed)) params.emplace_back(param.key, param.value);
    }
  }
  return params;
}

std::string_view Param(const std::vector<std::pair<std::string, std::string>>& params, std::string_view name) {
  std::string_view found;
  for (const auto& [key, value] : params) {
    if (key == name) found = value;
  }
  return found;
}

std::optional<double> Number(std::string_view text) {
  if (text.empty() || text.size() > 40) return std::nullopt;
  const std::string copy(text);
  char* end = nullptr;
  const double value = std::strtod(copy.c_str(), &end);
  if (end == copy.c_str() || *end != '\0' || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace

void RegisterOpen311Routes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;
  Declare(router, services, {http::Method::kGet, "/open311/v2/{file}", audience::kAnyone}, [&services](Call& call) {
    const http::Request& request = call.request;
    const auto file = SplitFormat(request.PathParam("file"));
    if (!file) return Error(404, "Bad extension: we support .json and .xml", Format::kJson);
    const auto [name, format] = *file;
    if (name == "discovery") {
      const json::object discovery{
          {"changeset", kChangeset},
          {"contact", Words("open311.contact", kOpen311Lang)},
          {"key_service", "API keys are issued per organisation by a Youhao administrator (POST /api/v1/open311/keys)"},
          {"endpoints", json::array{json::object{{"specification", kSpecification},
                                                 {"url", services.public_url + "/open311/v2"},
                                                 {"changeset", kChangeset},
                                                 {"type", "production"},
                                                 {"formats", json::array{"text/xml", "application/json"}}}}}};
      return Render(200, discovery, format, "discovery");
    }
    if (name == "services") {
      json::array list;
      for (Category category : PublicCategories()) {
        list.push_back({{"service_code", reports::CategoryName(category)},
                        {"service_name", reports::CategoryLabelZh(category)},
                        {"description", reports::CategoryDescriptionZh(category)},
                        {"metadata", category == Category::kOwnDifficulty},
                        {"type", "realtime"},
                        {"keywords", reports::CategoryName(category)},
                        {"group", GroupOf(category)}});
      }
      return Render(200, list, format, "services");
    }
    if (name != "requests") return Error(404, "No such resource", format);
    if (services.reports == nullptr) return Error(404, "Reports are not enabled on this server", format);
    const auto params = Params(request);
    reports::ReportService::Filter filter;
    filter.limit = kMaxRequests;
    if (const auto ids = Param(params, "service_request_id"); !ids.empty()) {
      for (std::string_view rest = ids; !rest.empty();) {
        const auto comma = rest.find(',');
        const auto id = core::ParseNonNegativeInteger(core::Trim(rest.substr(0, comma)));
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        if (!id) return Error(400, "service_request_id must be a comma-separated list of ids", format);
        filter.ids.push_back(*id);
        if (filter.ids.size() > static_cast<std::size_t>(kMaxRequests)) return Error(400, "at most 1000 ids", format);
      }
    } else {
      if (const auto codes = Param(params, "service_code"); !codes.empty()) {
        for (std::string_view rest = codes; !rest.empty();) {
          const auto comma = rest.find(',');
          const auto category = reports::ParseCategory(core::Trim(rest.substr(0, comma)));
          rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
          if (!category || reports::IsPrivate(*category)) return Error(404, "service_code not found", format);
          filter.categories.push_back(*category);
        }
      }
      if (const auto statuses = Param(params, "status"); !statuses.empty()) {
        bool open = false, closed = false;
        for (std::string_view rest = statuses; !rest.empty();) {
          const auto comma = rest.find(',');
          std::string value(core::Trim(rest.substr(0, comma)));
          for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
          if (value == "open") {
            open = true;
          } else if (value == "closed") {
            closed = true;
          } else {
            return Error(400, "status must be open, closed or both", format);
          }
        }
        if (open != closed) filter.open = open;
      }
      const auto start = Param(params, "start_date");
      const auto end = Param(params, "end_date");
      std::optional<long long> from, to;
      if (!start.empty() && !(from = schedule::ParseMoment(start)))
        return Error(400, "start_date must be a W3C date-time with a time zone", format);
      if (!end.empty() && !(to = schedule::ParseMoment(end)))
        return Error(400, "end_date must be a W3C date-time with a time zone", format);
      const long long now = storage::NowSeconds();
      if (!from && !to) {
        to = now;
        from = now - kWindowSeconds;
      } else if (!from) {
        from = *to - kWindowSeconds;
      } else if (!to) {
        to = *from + kWindowSeconds;
      }
      if (*to < *from) return Error(400, "end_date is before start_date", format);
      if (*to - *from > kWindowSeconds)
        return Error(400, "start_date and end_date may not span more than 90 days", format);
      filter.from = from;
      filter.to = to;
    }
    json::array list;
    for (const Report& report : services.reports->List(filter, true)) list.push_back(RequestJson(services, report));
    return Render(200, list, format, "service_requests");
  });

  Declare(router, services, {http::Method::kGet, "/open311/v2/services/{file}", audience::kAnyone}, [](Call& call) {
    const auto file = SplitFormat(call.request.PathParam("file"));
    if (!file) return Error(404, "Bad extension: we support .json and .xml", Format::kJson);
    const auto category = reports::ParseCategory(file->first);
    if (!category || reports::IsPrivate(*category)) return Error(404, "service_code not found", file->second);
    json::array attributes;
    if (*category == Category::kOwnDifficulty) {
      json::array values;
      for (auto difficulty :
           {reports::Difficulty::kCannotEnter, reports::Difficulty::kNoParking, reports::Difficulty::kRudeTreatment}) {
        values.push_back(
            {{"key", reports::DifficultyName(difficulty)}, {"name", reports::DifficultyLabelZh(difficulty)}});
      }
      attributes.push_back({{"variable", true},
                            {"code", "difficulty"},
                            {"datatype", "singlevaluelist"},
                            {"required", true},
                            {"datatype_description", Words("open311.difficulty_values", kOpen311Lang)},
                            {"order", 1},
                            {"description", Words("open311.difficulty_question", kOpen311Lang)},
                            {"values", std::move(values)}});
    }
    return Render(
        200, json::object{{"service_code", reports::CategoryName(*category)}, {"attributes", std::move(attributes)}},
        file->second, "service_definition");
  });

  Declare(router, services, {http::Method::kGet, "/open311/v2/requests/{file}", audience::kAnyone},
          [&services](Call& call) {
            const auto file = SplitFormat(call.request.PathParam("file"));
            if (!file) return Error(404, "Bad extension: we support .json and .xml", Format::kJson);
            const auto id = core::ParseNonNegativeInteger(file->first);
            if (!id || services.reports == nullptr) return Error(404, "service_request_id not found", file->second);
            auto report = services.reports->Get(nullptr, *id);  // public: never a welfare report
            if (!report.ok()) return Error(404, "service_request_id not found", file->second);
            return Render(200, json::array{RequestJson(services, *report)}, file->second, "service_requests");
          });

  Declare(
      router, services, {http::Method::kGet, "/open311/v2/tokens/{file}", audience::kAnyone}, [&services](Call& call) {
        const auto file = SplitFormat(call.request.PathParam("file"));
        if (!file) return Error(404, "Bad extension: we support .json and .xml", Format::kJson);
        // Requests are answered in real time; each still has a token: "r" and its id.
        const std::string& token = file->first;
        const auto id =
            token.starts_with("r") ? core::ParseNonNegativeInteger(std::string_view(token).substr(1)) : std::nullopt;
        if (!id || services.reports == nullptr || !services.reports->Get(nullptr, *id).ok())
          return Error(404, "token not found", file->second);
        return Render(200, json::array{json::object{{"service_request_id", std::to_string(*id)}, {"token", token}}},
                      file->second, "service_requests");
      });

  Declare(router, services, {http::Method::kPost, "/open311/v2/{file}", audience::kOpen311Organisations},
          [&services](Call& call) {
            const http::Request& request = call.request;
            const auto file = SplitFormat(request.PathParam("file"));
            if (!file) return Error(404, "Bad extension: we support .json and .xml", Format::kJson);
            const auto [name, format] = *file;
            if (name != "requests" || services.reports == nullptr) return Error(404, "No such resource", format);
            const auto params = Params(request);
            const auto holder = services.open311_keys->HolderOfKey(Param(params, "api_key"));
            if (!holder) return Error(403, "Invalid api_key received -- can't proceed with create_request.", format);
            const http::Lang lang = http::PreferredLang(request);
            // Every request a key sends counts, refused ones too: each costs the server the same.
            const long long wait = services.open311_keys->Admit(holder->key_id, SteadyMilliseconds());
            if (wait > 0) {
              const auto per_minute = static_cast<long long>(services.open311_keys->limit().per_minute);
              const json::object fields{{"per_minute", per_minute}, {"retry_after_s", wait}};
              http::Response refused = Error(429, Words("open311.rate_limited", lang, fields), format);
              refused.SetHeader("Retry-After", std::to_string(wait));
              return refused;
            }
            const auto code = Param(params, "service_code");
            if (code.empty()) return Error(400, "service_code was not provided", format);
            const auto category = reports::ParseCategory(code);
            if (!category || reports::IsPrivate(*category)) return Error(404, "service_code not found", format);
            reports::ReportInput input;
            input.category = *category;
            const auto lat = Number(Param(params, "lat"));
            const auto lon = Number(Param(params, "long"));
            if (!Param(params, "lat").empty() || !Param(params, "long").empty()) {
              if (!lat || !lon || std::abs(*lat) > 90 || std::abs(*lon) > 180)
                return Error(400, "lat and long must both be sent as WGS-84 numbers", format);
            } else if (!Param(params, "address_string").empty() || !Param(params, "address_id").empty()) {
              return Error(400, "address_string alone is not located yet: send lat and long", format);
            } else {
              return Error(400, "a location is required: lat and long", format);
            }
            input.lat = *lat;
            input.lon = *lon;
            input.description = std::string(core::Trim(Param(params, "description")));
            input.address = std::string(core::Trim(Param(params, "address_string")));
            if (!core::IsValidUtf8(input.description) || !core::IsValidUtf8(input.address) ||
                core::CountCodePoints(input.address) > 120) {
              return Error(400, "description and address_string must be UTF-8 text (address at most 120 characters)",
                           format);
            }
            if (*category == Category::kOwnDifficulty) {
              std::string_view difficulty = Param(params, "attribute[difficulty]");
              if (difficulty.empty()) difficulty = Param(params, "attribute[difficulty][]");
              input.difficulty = reports::ParseDifficulty(difficulty);
              if (!input.difficulty)
                return Error(400, "attribute[difficulty] is required: cannot_enter, no_parking or rude_treatment",
                             format);
            }
            auto report = services.reports->SubmitFromOrganisation(holder->organisation, input, storage::NowSeconds());
            if (!report.ok()) {
              const core::Error& error = report.error();
              const auto* duplicate = error.fields.if_contains("duplicate_of");
              if (duplicate != nullptr && duplicate->is_object()) {
                // The same problem is open nearby: the client follows that request instead.
                const long long id = duplicate->as_object().at("id").to_number<long long>();
                return Error(409, Words("open311.duplicate", lang, error.fields), format,
                             {{"service_request_id", std::to_string(id)}});
              }
              return Error(400, error.detail, format);
            }
            return Render(200,
                          json::array{json::object{{"service_request_id", std::to_string(report->id)},
                                                   {"service_notice", ServiceNotice(*category)},
                                                   {"account_id", nullptr}}},
                          format, "service_requests");
          });

  static constexpr core::FieldSpec kKeyFields[] = {{"organisation", core::FieldType::kString, true, 80}};
  Declare(router, services, {http::Method::kPost, "/api/v1/open311/keys", audience::kAdmins, kKeyFields},
          [&services](Call& call) {
            if (services.reports == nullptr)
              return http::Problem(core::MakeError(core::ErrorCode::kNotFound, "reports are not enabled"));
            const auto [id, key] = services.open311_keys->Issue(
                call.caller(), std::string(core::Trim(core::StringOr(call.body, "organisation"))),
                storage::NowSeconds());
            return http::Json(201, json::object{{"id", id},
                                                {"organisation", core::Trim(core::StringOr(call.body, "organisation"))},
                                                {"api_key", key}});
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/open311/keys", audience::kAdmins}, [&services](Call&) {
    json::array keys;
    if (services.reports != nullptr) {
      for (const auto& key : services.open311_keys->List()) {
        keys.push_back({{"id", key.id},
                        {"organisation", key.organisation},
                        {"created_at", schedule::BeijingIso8601(key.created_at)},
                        {"created_by", key.created_by},
                        {"revoked", key.revoked}});
      }
    }
    return http::Json(200, json::object{{"keys", std::move(keys)}});
  });

  Declare(router, services, {http::Method::kDelete, "/api/v1/open311/keys/{id}", audience::kAdmins},
          [&services](Call& call) {
            auto id = Take(IdParam(call.request, "id"));
            if (services.reports == nullptr)
              return http::Problem(core::MakeError(core::ErrorCode::kNotFound, "reports are not enabled"));
            Take(services.open311_keys->Revoke(call.caller(), id, storage::NowSeconds()));
            return http::Empty(204);
          });
}

}  // namespace youhao::api
