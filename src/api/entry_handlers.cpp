#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <fmt/format.h>

#include "api/api_internal.h"
#include "api/messages/entry_messages.h"
#include "core/base64.h"
#include "core/text.h"
#include "http/json_body.h"
#include "qr/qr_code.h"

namespace youhao::api {

namespace {

constexpr core::FieldSpec kIssueFields[] = {
    {.name = "device_public_key", .type = core::FieldType::kString, .required = true, .max_length = 64},
};
constexpr core::FieldSpec kVerifyFields[] = {
    {.name = "compound", .type = core::FieldType::kString, .required = true, .max_length = 32},
    {.name = "gate", .type = core::FieldType::kInteger, .required = true},
    {.name = "code", .type = core::FieldType::kString, .required = true, .max_length = 1024},
    {.name = "direction", .type = core::FieldType::kString, .required = true, .max_length = 3},
};
constexpr core::FieldSpec kEventsFields[] = {
    {.name = "events", .type = core::FieldType::kArray, .required = true},
};
constexpr core::FieldSpec kWhitelistFields[] = {
    {.name = "worker_id", .type = core::FieldType::kInteger, .required = true},
};
constexpr core::FieldSpec kFeedbackFields[] = {
    {.name = "rating", .type = core::FieldType::kInteger, .required = true},
    {.name = "unfair", .type = core::FieldType::kBoolean},
    {.name = "comment", .type = core::FieldType::kString, .max_length = 300, .allow_empty = true},
};
constexpr core::FieldSpec kRevokeFields[] = {
    {.name = "reason", .type = core::FieldType::kString, .max_length = 200},
};
constexpr core::FieldSpec kPlanFields[] = {
    {.name = "mode", .type = core::FieldType::kString, .required = true, .max_length = 16},
    {.name = "opening_hours", .type = core::FieldType::kString, .max_length = 255, .allow_empty = true},
    {.name = "max_stay_minutes", .type = core::FieldType::kInteger},
    {.name = "green_lane_gates", .type = core::FieldType::kArray},
    {.name = "drop_off_points", .type = core::FieldType::kArray},
    {.name = "survey", .type = core::FieldType::kObject},
    {.name = "agreement", .type = core::FieldType::kObject},
    {.name = "version", .type = core::FieldType::kInteger},
    {.name = "updated_at", .type = core::FieldType::kInteger},
    {.name = "updated_by", .type = core::FieldType::kString, .max_length = 64, .allow_empty = true},
    {.name = "opening_hours_zh", .type = core::FieldType::kString, .max_length = 500, .allow_empty = true},
};

boost::json::array KeysJson(entry::IssuerKeyStore& keys) {
  boost::json::array out;
  for (const auto& key : keys.PublicKeys()) {
    out.push_back(
        {{"key_id", key.key_id},
         {"public_key", core::Base64Encode(key.public_key)},
         {"not_after", key.not_after == 0 ? boost::json::value(nullptr) : boost::json::value(key.not_after)}});
  }
  return out;
}

boost::json::array Ids(const std::vector<long long>& ids) {
  boost::json::array out;
  for (long long id : ids) out.push_back(id);
  return out;
}

boost::json::object GateJson(const entry::Gate& gate) {
  return {{"id", gate.id},
          {"name", gate.name},
          {"kind", gate.kind},
          {"workers_allowed", gate.workers_allowed},
          {"green_lane", gate.green_lane}};
}

/// One queued offline scan from the upload body, checked field by field.
core::Result<entry::OfflineScan> ScanFromJson(const boost::json::value& value) {
  static constexpr core::FieldSpec kScanFields[] = {
      {.name = "client_event_id", .type = core::FieldType::kString, .required = true, .max_length = 64},
      {.name = "compound", .type = core::FieldType::kString, .required = true, .max_length = 32},
      {.name = "gate", .type = core::FieldType::kInteger, .required = true},
      {.name = "worker_id", .type = core::FieldType::kInteger, .nullable = true},
      {.name = "pass_id", .type = core::FieldType::kInteger, .nullable = true},
      {.name = "direction", .type = core::FieldType::kString, .required = true, .max_length = 3},
      {.name = "at", .type = core::FieldType::kInteger, .required = true},
      {.name = "allowed", .type = core::FieldType::kBoolean, .required = true},
      {.name = "code", .type = core::FieldType::kString, .required = true, .max_length = 40},
      {.name = "scanned", .type = core::FieldType::kString, .max_length = 1024, .nullable = true},
  };
  if (!value.is_object()) return core::MakeError(core::ErrorCode::kValidationFailed, "each event must be an object");
  auto checked = core::ParseJsonObject(boost::json::serialize(value), kScanFields);
  if (!checked.ok()) return checked.error();
  entry::OfflineScan scan;
  scan.client_event_id = core::StringOr(*checked, "client_event_id");
  scan.compound = core::StringOr(*checked, "compound");
  scan.gate_id = checked->at("gate").to_number<long long>();
  if (const auto* worker = checked->if_contains("worker_id"); worker && !worker->is_null())
    scan.worker_id = worker->to_number<long long>();
  if (const auto* pass = checked->if_contains("pass_id"); pass && !pass->is_null())
    scan.pass_id = pass->to_number<long long>();
  scan.direction = core::StringOr(*checked, "direction");
  if (scan.direction != "in" && scan.direction != "out") {
    return core::MakeError(core::ErrorCode::kValidationFailed, "direction must be \"in\" or \"out\"");
  }
  scan.at = checked->at("at").to_number<long long>();
  scan.allowed = checked->at("allowed").as_bool();
  scan.code = core::StringOr(*checked, "code");
  scan.scanned = core::StringOr(*checked, "scanned");
  return scan;
}

}  // namespace

namespace {

bool PlainNumber(std::string_view text) {
  std::size_t i = text.starts_with('-') || text.starts_with('+') ? 1 : 0;
  if (i == text.size()) return false;
  bool dot = false;
  for (; i < text.size(); ++i) {
    if (text[i] == '.' && !dot) {
      dot = true;
    } else if (text[i] < '0' || text[i] > '9') {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string CsvField(std::string_view text) {
  // A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return first)
  // is written as text, with a leading apostrophe (OWASP "CSV injection"); plain numbers stay numbers.
  std::string guarded;
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos &&
      !PlainNumber(text)) {
    guarded = "'" + std::string(text);
    text = guarded;
  }
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void RegisterPassRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;
  Declare(router, services, {http::Method::kPost, "/api/v1/passes", audience::kWorkers, kIssueFields},
          [&services](Call& call) {
            auto issued = Take(services.passes.Issue(call.caller(), core::StringOr(call.body, "device_public_key")));
            boost::json::object json{{"pass_id", issued.pass_id},
                                     {"key_id", issued.key_id},
                                     {"expires_at", issued.expires_at},
                                     {"credential", issued.credential_base64url}};
            if (!issued.short_code_secret.empty()) json["short_code_secret"] = issued.short_code_secret;
            return http::Json(201, json);
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/passes/keys", audience::kAnyone}, [&services](Call&) {
    http::Response response = http::Json(200, boost::json::object{{"keys", KeysJson(services.keys)}});
    response.SetHeader("Cache-Control", "public, max-age=60");
    return response;
  });

  Declare(router, services,
          {.method = http::Method::kDelete,
           .pattern = "/api/v1/passes/{id}",
           .audience = audience::kOfficers,
           .body = kRevokeFields,
           .body_optional = true},
          [&services](Call& call) {
            auto id = Take(IdParam(call.request, "id"));
            // An absent body leaves call.body empty: the default reason.
            const std::string reason(core::StringOr(call.body, "reason", "revoked by an officer"));
            Take(services.passes.Revoke(call.caller(), id, reason));
            return http::Empty(204);
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/gate/sync", audience::kGateStaff}, [&services](Call& call) {
    const http::Request& request = call.request;
    auto compound = Take(services.gates.GateCompound(call.caller(), request.QueryParam("compound").value_or("")));
    auto since = Take(http::IntegerParam(request, "since", 0, 0, 1LL << 52));
    const long long now = storage::NowSeconds();
    const entry::RevocationFeed feed = services.passes.Revocations(since);
    const entry::AccessPlan plan = services.plans.Plan(compound.code);
    boost::json::array gates;
    for (const auto& gate : services.plans.Gates(compound.code)) gates.push_back(GateJson(gate));
    boost::json::array intervals;
    if (auto hours = schedule::OpeningHours::Parse(plan.opening_hours); hours.ok()) {
      for (const auto& [start, end] : hours->OpenIntervals(now - 86400, now + 7LL * 86400, &HolidaysOf(services)))
        intervals.push_back({start, end});
    }
    boost::json::object json{{"server_time", now},
                             {"keys", KeysJson(services.keys)},
                             {"revocations",
                              {{"cursor", feed.cursor},
                               {"full", feed.full},
                               {"revoked_passes", Ids(feed.revoked_passes)},
                               {"revoked_workers", Ids(feed.revoked_workers)},
                               {"restored_workers", Ids(feed.restored_workers)}}},
                             {"compound", {{"code", compound.code}, {"name_zh", compound.name_zh}}},
                             {"plan", entry::PlanToJson(plan)},
                             {"gates", std::move(gates)},
                             {"whitelist", Ids(services.plans.WhitelistIds(compound.code))},
                             {"open_intervals", std::move(intervals)}};
    http::Response response = http::Json(200, json);
    response.SetHeader("Cache-Control", "no-store");
    return response;
  });

  Declare(
      router, services, {http::Method::kPost, "/api/v1/gate/verify", audience::kGateStaff, kVerifyFields},
      [&services](Call& call) {
        const boost::json::object& body = call.body;
        const std::string_view direction = core::StringOr(body, "direction");
        if (direction != "in" && direction != "out") {
          return http::Problem(
              core::MakeError(core::ErrorCode::kValidationFailed, "direction must be \"in\" or \"out\""));
        }
        auto decision = Take(services.gates.Verify(call.caller(), core::StringOr(body, "compound"),
                                                   body.at("gate").to_number<long long>(), core::StringOr(body, "code"),
                                                   direction == "in", storage::NowSeconds()));
        boost::json::value worker = nullptr;
        if (decision.worker) {
          worker = {{"id", decision.worker->id},
                    {"name", decision.worker->name},
                    {"platform", decision.worker->platform},
                    {"kind", decision.worker->kind},
                    {"status", decision.worker->status},
                    {"photo_url", decision.worker->has_photo
                                      ? boost::json::value(fmt::format("/api/v1/workers/{}/photo", decision.worker->id))
                                      : boost::json::value(nullptr)}};
        }
        const entry::GateVerdict& verdict = decision.verdict;
        boost::json::value points = nullptr;
        if (!verdict.drop_off_points.empty()) {
          boost::json::array list;
          for (const auto& point : verdict.drop_off_points) {
            list.push_back(boost::json::object{{"name", point.name}, {"description", point.description}});
          }
          points = std::move(list);
        }
        boost::json::array green_lanes;
        for (const auto& name : decision.green_lane_names) green_lanes.push_back(boost::json::string(name));
        return http::Json(
            200, boost::json::object{
                     {"allowed", verdict.allowed()},
                     {"code", passes::ScanCodeName(verdict.code)},
                     {"reason", GateReason(decision, http::PreferredLang(call.request))},
                     {"worker", worker},
                     {"drop_off_points", points},
                     {"opening_hours", verdict.opening_hours.empty() ? boost::json::value(nullptr)
                                                                     : boost::json::value(verdict.opening_hours)},
                     {"green_lane_gates", std::move(green_lanes)},
                     {"flag", decision.flag.empty() ? boost::json::value(nullptr) : boost::json::value(decision.flag)},
                     {"event_id", decision.event_id}});
      });

  Declare(router, services, {http::Method::kPost, "/api/v1/gate/events", audience::kGateStaff, kEventsFields},
          [&services](Call& call) {
            const auto& events = call.body.at("events").as_array();
            if (events.size() > 1000)
              return http::Problem(
                  core::MakeError(core::ErrorCode::kValidationFailed, "upload at most 1,000 events at once"));
            std::vector<entry::OfflineScan> scans;
            for (const auto& event : events) {
              auto scan = Take(ScanFromJson(event));
              scans.push_back(std::move(scan));
            }
            auto result = Take(services.gates.Upload(call.caller(), scans));
            return http::Json(200, boost::json::object{{"accepted", result.accepted},
                                                       {"duplicates", result.duplicates},
                                                       {"verified", result.verified},
                                                       {"unverified", result.unverified}});
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/gate/inside", audience::kGateStaff}, [&services](Call& call) {
    auto compound = Take(services.gates.GateCompound(call.caller(), call.request.QueryParam("compound").value_or("")));
    boost::json::array items;
    for (const auto& item : services.gates.Inside(compound, storage::NowSeconds())) {
      items.push_back({{"worker_id", item.worker_id},
                       {"name", item.name},
                       {"platform", item.platform},
                       {"since", item.since},
                       {"minutes", item.minutes},
                       {"overstay", item.overstay}});
    }
    return http::Json(200,
                      boost::json::object{{"items", std::move(items)},
                                          {"max_stay_minutes", services.plans.Plan(compound.code).max_stay_minutes}});
  });

  Declare(router, services, {http::Method::kGet, "/api/v1/gate/events", audience::kGateStaff}, [&services](Call& call) {
    const http::Request& request = call.request;
    auto compound = Take(services.gates.GateCompound(call.caller(), request.QueryParam("compound").value_or("")));
    auto limit = Take(http::IntegerParam(request, "limit", 50, 1, 500));
    boost::json::array items;
    for (const auto& event : services.gates.Recent(compound, static_cast<int>(limit))) {
      items.push_back({{"id", event.id},
                       {"at", event.at},
                       {"gate_id", event.gate_id},
                       {"worker_id", event.worker_id ? boost::json::value(*event.worker_id) : nullptr},
                       {"worker_name", event.worker_name},
                       {"direction", event.direction},
                       {"allowed", event.allowed},
                       {"code", event.code},
                       {"source", event.source},
                       {"flag", event.flag.empty() ? boost::json::value(nullptr) : boost::json::value(event.flag)},
                       {"evidence", event.evidence.verified ? "verified" : "unverified"},
                       {"evidence_reason", event.evidence.reason.empty() ? boost::json::value(nullptr)
                                                                         : boost::json::value(event.evidence.reason)}});
    }
    return http::Json(200, boost::json::object{{"items", std::move(items)}});
  });
}

void RegisterCompoundRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;
  Declare(router, services, {http::Method::kGet, "/api/v1/qr", audience::kSignedIn}, [](Call& call) {
    const http::Request& request = call.request;
    const std::string_view format = request.QueryParam("format").value_or("svg");
    if (format != "svg" && format != "png") {
      return http::Problem(core::MakeError(core::ErrorCode::kValidationFailed, "format must be svg or png"));
    }
    auto scale = Take(http::IntegerParam(request, "scale", 8, 1, 32));
    auto image =
        Take(qr::Render(request.QueryParam("text").value_or(""),
                        format == "svg" ? qr::ImageFormat::kSvg : qr::ImageFormat::kPng, static_cast<int>(scale)));
    http::Response response;
    response.content_type = format == "svg" ? "image/svg+xml" : "image/png";
    response.body = std::move(image);
    response.SetHeader("Cache-Control", "private, max-age=3600");
    return response;
  });

  Declare(router, services, {http::Method::kGet, "/api/v1/compounds/{code}/access-plan", audience::kSignedIn},
          [&services](Call& call) {
            auto compound = Take(services.plans.ReadableCompound(call.caller(), call.request.PathParam("code")));
            return http::Json(200, entry::PlanToJson(services.plans.Plan(compound.code)));
          });

  // The rules a rider reads before arriving (the map page of a poster's QR code): no sign-in.
  Declare(router, services, {http::Method::kGet, "/api/v1/compounds/{code}/access", audience::kAnyone},
          [&services](Call& call) {
            const std::string_view code = call.request.PathParam("code");
            auto compound = code.size() <= 32 ? services.areas.Find(code) : std::nullopt;
            if (!compound || compound->level != areas::Level::kCompound)
              return http::Problem(core::MakeError(core::ErrorCode::kNotFound, "no compound with this code"));
            const entry::AccessSummary summary = services.plans.Summary(compound->code, storage::NowSeconds());
            http::Response response = http::Json(200, entry::SummaryToJson(summary));
            response.SetHeader("Cache-Control", "public, max-age=60");
            return response;
          });

  Declare(router, services,
          {http::Method::kPut, "/api/v1/compounds/{code}/access-plan", audience::kCompoundKeepers, kPlanFields},
          [&services](Call& call) {
            auto compound = Take(services.plans.EditableCompound(call.caller(), call.request.PathParam("code")));
            auto plan = Take(entry::PlanFromJson(call.body));
            auto saved = Take(services.plans.SavePlan(call.caller(), compound, std::move(plan)));
            return http::Json(200, entry::PlanToJson(saved));
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/compounds/{code}/access-plan/history", audience::kSignedIn},
          [&services](Call& call) {
            auto compound = Take(services.plans.ReadableCompound(call.caller(), call.request.PathParam("code")));
            boost::json::array items;
            for (const auto& version : services.plans.History(compound.code)) {
              items.push_back({{"version", version.version},
                               {"at", version.at},
                               {"actor_login", version.actor_login},
                               {"plan", boost::json::parse(version.plan_json)}});
            }
            return http::Json(200, boost::json::object{{"items", std::move(items)}});
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/compounds/{code}/gates", audience::kSignedIn},
          [&services](Call& call) {
            auto compound = Take(services.plans.ReadableCompound(call.caller(), call.request.PathParam("code")));
            boost::json::array items;
            for (const auto& gate : services.plans.Gates(compound.code)) items.push_back(GateJson(gate));
            return http::Json(200, boost::json::object{{"items", std::move(items)}});
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/compounds/{code}/whitelist", audience::kGateStaff},
          [&services](Call& call) {
            const http::Request& request = call.request;
            auto compound = Take(services.gates.GateCompound(call.caller(), request.PathParam("code")));
            const auto entries = services.plans.Whitelist(compound.code);
            if (request.QueryParam("format").value_or("json") == "csv") {
              http::Response response;
              response.content_type = "text/csv; charset=utf-8";
              response.body = "worker_id,name,platform,phone_masked,added_at\n";
              for (const auto& entry : entries) {
                response.body += fmt::format("{},{},{},{},{}\n", entry.worker_id, CsvField(entry.name),
                                             CsvField(entry.platform), entry.phone_masked, entry.added_at);
              }
              response.SetHeader("Content-Disposition", "attachment; filename=\"whitelist-" + compound.code + ".csv\"");
              return response;
            }
            boost::json::array items;
            for (const auto& entry : entries) {
              items.push_back({{"worker_id", entry.worker_id},
                               {"name", entry.name},
                               {"platform", entry.platform},
                               {"phone_masked", entry.phone_masked},
                               {"added_at", entry.added_at}});
            }
            return http::Json(200, boost::json::object{{"items", std::move(items)}});
          });

  Declare(router, services,
          {http::Method::kGet, "/api/v1/compounds/{code}/whitelist/candidates", audience::kCompoundKeepers},
          [&services](Call& call) {
            const http::Request& request = call.request;
            auto* search = Take(Enabled(services.whitelist_search, "whitelist searches"));
            auto compound = Take(services.plans.EditableCompound(call.caller(), request.PathParam("code")));
            const std::string text(request.QueryParam("q").value_or(""));
            if (text.size() > 60)
              return http::Problem(core::MakeError(core::ErrorCode::kValidationFailed, "q: at most 60 bytes"));
            boost::json::array items;
            for (const auto& found : Take(search->Find(call.caller(), compound, text))) {
              items.push_back({{"worker_id", found.worker.id},
                               {"name", found.worker.name},
                               {"platform", found.worker.platform},
                               {"kind", found.worker.kind},
                               {"phone_masked", found.worker.phone_masked},
                               {"on_whitelist", found.on_whitelist}});
            }
            return http::Json(200, boost::json::object{{"items", std::move(items)}});
          });

  Declare(
      router, services,
      {http::Method::kPost, "/api/v1/compounds/{code}/whitelist", audience::kCompoundKeepers, kWhitelistFields},
      [&services](Call& call) {
        auto compound = Take(services.plans.EditableCompound(call.caller(), call.request.PathParam("code")));
        Take(services.plans.AddToWhitelist(call.caller(), compound, call.body.at("worker_id").to_number<long long>()));
        return http::Empty(204);
      });

  Declare(router, services,
          {http::Method::kDelete, "/api/v1/compounds/{code}/whitelist/{worker_id}", audience::kCompoundKeepers},
          [&services](Call& call) {
            const http::Request& request = call.request;
            auto compound = Take(services.plans.EditableCompound(call.caller(), request.PathParam("code")));
            auto worker_id = Take(IdParam(request, "worker_id"));
            Take(services.plans.RemoveFromWhitelist(call.caller(), compound, worker_id));
            return http::Empty(204);
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/compounds/{code}/whitelist/changes", audience::kGateStaff},
          [&services](Call& call) {
            const http::Request& request = call.request;
            auto compound = Take(services.gates.GateCompound(call.caller(), request.PathParam("code")));
            auto cursor = Take(http::IntegerParam(request, "cursor", 0, 0, 1LL << 52));
            boost::json::array changes;
            long long next = cursor;
            for (const auto& change : services.plans.WhitelistChanges(compound.code, cursor, 500)) {
              changes.push_back(
                  {{"seq", change.seq}, {"worker_id", change.worker_id}, {"action", change.action}, {"at", change.at}});
              next = change.seq;
            }
            return http::Json(200, boost::json::object{{"changes", std::move(changes)}, {"cursor", next}});
          });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/compounds/{code}/feedback", audience::kWorkers, kFeedbackFields},
          [&services](Call& call) {
            auto compound = Take(services.plans.ReadableCompound(call.caller(), call.request.PathParam("code")));
            const boost::json::object& body = call.body;
            const auto* unfair = body.if_contains("unfair");
            auto saved = Take(services.plans.AddFeedback(
                call.caller(), compound, static_cast<int>(body.at("rating").to_number<long long>()),
                unfair != nullptr && unfair->is_bool() && unfair->as_bool(), core::StringOr(body, "comment")));
            return http::Json(200, boost::json::object{{"month", saved.month}, {"replaced", saved.replaced}});
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/compounds/{code}/friendliness", audience::kNotWorkers},
          [&services](Call& call) {
            auto compound = Take(services.plans.ReadableCompound(call.caller(), call.request.PathParam("code")));
            const entry::Friendliness score = services.plans.Score(compound.code);
            boost::json::array comments;
            for (const auto& comment : score.comments) {
              comments.push_back({{"at", comment.at},
                                  {"rating", comment.rating},
                                  {"unfair", comment.unfair},
                                  {"comment", comment.comment}});
            }
            return http::Json(200, boost::json::object{{"score", score.score ? boost::json::value(*score.score)
                                                                             : boost::json::value(nullptr)},
                                                       {"enough_ratings", score.enough_ratings},
                                                       {"min_ratings", score.min_ratings},
                                                       {"ratings", score.ratings},
                                                       {"unfair_reports", score.unfair_reports},
                                                       {"comments", std::move(comments)}});
          });
}

}  // namespace youhao::api
