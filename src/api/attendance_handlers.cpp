// Check-ins at an event's door over HTTP: a door's batch of scans (queued offline, each with its
// nonce and real scan time), the event's attendance as JSON, and as CSV for Excel (UTF-8 with a
// byte order mark, headers in the reader's language, phones masked).

#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "api/api_internal.h"
#include "api/endpoint.h"
#include "api/messages/catalogue.h"
#include "attendance/attendance_service.h"
#include "core/json_input.h"
#include "http/i18n.h"
#include "schedule/clock.h"
#include "storage/database.h"

namespace youhao::api {

namespace {

namespace json = boost::json;

constexpr core::FieldSpec kCheckinFields[] = {
    {.name = "scans", .type = core::FieldType::kArray, .required = true},
};

core::Result<attendance::AttendanceService*> AttendanceOf(Services& services) {
  return Enabled(services.attendance, "check-ins");
}

/// One scan of the upload, checked field by field (attendance::CheckBatch checks the values).
core::Result<attendance::DoorScan> ScanFromJson(const json::value& value, std::size_t index) {
  static constexpr core::FieldSpec kScanFields[] = {
      {.name = "nonce", .type = core::FieldType::kString, .required = true, .max_length = 64},
      {.name = "code", .type = core::FieldType::kString, .required = true, .max_length = 2000},
      {.name = "scanned_at", .type = core::FieldType::kInteger, .required = true},
      {.name = "direction", .type = core::FieldType::kString, .required = true, .max_length = 3},
      {.name = "method", .type = core::FieldType::kString, .required = true, .max_length = 16},
  };
  if (!value.is_object()) {
    return core::MakeError(core::ErrorCode::kValidationFailed, fmt::format("scans[{}] must be an object", index));
  }
  auto checked = core::ParseJsonObject(json::serialize(value), kScanFields);
  if (!checked.ok()) {
    core::Error error = checked.error();
    error.detail = fmt::format("scans[{}]: {}", index, error.detail);
    return error;
  }
  attendance::DoorScan scan;
  scan.nonce = std::string(core::StringOr(*checked, "nonce"));
  scan.code = std::string(core::StringOr(*checked, "code"));
  scan.scanned_at = checked->at("scanned_at").to_number<long long>();
  scan.direction = std::string(core::StringOr(*checked, "direction"));
  scan.method = std::string(core::StringOr(*checked, "method"));
  return scan;
}

json::value Optional(const std::optional<long long>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

json::object UploadJson(const attendance::UploadResult& result) {
  json::array items;
  for (const auto& item : result.items) {
    json::value worker = nullptr;
    if (item.worker) {
      worker = json::object{{"id", item.worker->id},
                            {"name", item.worker->name},
                            {"kind", item.worker->kind},
                            {"platform", item.worker->platform}};
    }
    items.push_back(json::object{{"nonce", item.nonce},
                                 {"result", item.result},
                                 {"reason", item.reason.empty() ? json::value(nullptr) : json::value(item.reason)},
                                 {"worker", worker},
                                 {"walk_in", item.walk_in}});
  }
  return {{"accepted", result.accepted},
          {"duplicates", result.duplicates},
          {"verified", result.verified},
          {"refused", result.refused},
          {"items", std::move(items)}};
}

json::object AttendanceJson(const attendance::Attendance& attendance) {
  json::array items;
  for (const auto& attendee : attendance.items) {
    items.push_back(json::object{{"worker", json::object{{"id", attendee.worker.id},
                                                         {"account_id", Optional(attendee.worker.account_id)},
                                                         {"name", attendee.worker.name},
                                                         {"kind", attendee.worker.kind},
                                                         {"platform", attendee.worker.platform},
                                                         {"phone_masked", attendee.phone_masked}}},
                                 {"registered", attendee.registration_id.has_value()},
                                 {"registration_id", Optional(attendee.registration_id)},
                                 {"walk_in", attendee.walk_in},
                                 {"in_at", Optional(attendee.in_at)},
                                 {"out_at", Optional(attendee.out_at)},
                                 {"evidence", attendee.evidence},
                                 {"scans", attendee.scans}});
  }
  return {{"event_id", attendance.event.id},
          {"walk_ins_allowed", attendance.event.walk_ins},
          {"counts", json::object{{"registered", attendance.registered},
                                  {"attended", attendance.attended},
                                  {"walk_ins", attendance.walk_ins},
                                  {"checked_out", attendance.checked_out},
                                  {"unverified", attendance.unverified}}},
          {"items", std::move(items)}};
}

/// Beijing time as "2026-12-05 09:30:00", or "" when absent.
std::string CsvTime(const std::optional<long long>& at) {
  if (!at) return {};
  std::string text = schedule::BeijingIso8601(*at);
  text.resize(19);
  text[10] = ' ';
  return text;
}

/// An attendee's evidence in the reader's language.
std::string EvidenceWords(std::string_view evidence, http::Lang lang) {
  if (evidence == "verified") return Words("attendance.evidence_verified", lang);
  if (evidence == "unverified") return Words("attendance.evidence_unverified", lang);
  return Words("attendance.evidence_absent", lang);
}

/// Attendance as CSV: UTF-8 with a byte order mark (Excel then reads the Chinese), a header in the
/// reader's language, one line per worker.
http::Response AttendanceCsv(const attendance::Attendance& attendance, http::Lang lang) {
  http::Response response;
  response.content_type = "text/csv; charset=utf-8";
  response.body = "\xEF\xBB\xBF";
  response.body += Words("attendance.csv_columns", lang) + "\r\n";
  const std::string yes = Words("attendance.csv_yes", lang);
  for (const auto& attendee : attendance.items) {
    response.body +=
        fmt::format("{},{},{},{},{},{},{},{},{}\r\n", CsvField(attendee.worker.name), CsvField(attendee.phone_masked),
                    CsvField(Words("workers.kind." + attendee.worker.kind, lang)), CsvField(attendee.worker.platform),
                    attendee.registration_id ? yes : "", attendee.walk_in ? yes : "", CsvTime(attendee.in_at),
                    CsvTime(attendee.out_at), CsvField(EvidenceWords(attendee.evidence, lang)));
  }
  response.SetHeader("Content-Disposition",
                     fmt::format("attachment; filename=\"attendance-{}.csv\"", attendance.event.id));
  return response;
}

}  // namespace

void RegisterAttendanceRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;

  Declare(router, services,
          {.method = http::Method::kPost,
           .pattern = "/api/v1/events/{id}/checkins",
           .audience = audience::kEventOrganisers,
           .body = kCheckinFields},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto* service = Take(AttendanceOf(services));
            const auto& array = call.body.at("scans").as_array();
            if (array.size() > attendance::kMaxBatch) {
              return http::Problem(core::MakeError(core::ErrorCode::kValidationFailed,
                                                   fmt::format("scans: at most {} a batch", attendance::kMaxBatch)));
            }
            std::vector<attendance::DoorScan> scans;
            scans.reserve(array.size());
            for (std::size_t i = 0; i < array.size(); ++i) scans.push_back(Take(ScanFromJson(array[i], i)));
            auto result = Take(service->Upload(call.caller(), id, scans, storage::NowSeconds()));
            return http::Json(200, UploadJson(result));
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/events/{id}/attendance", audience::kEventOrganisers},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto* service = Take(AttendanceOf(services));
            auto attendance = Take(service->List(call.caller(), id));
            http::Response response = http::Json(200, AttendanceJson(attendance));
            response.SetHeader("Cache-Control", "no-store");
            return response;
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/events/{id}/attendance.csv", audience::kEventOrganisers},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto* service = Take(AttendanceOf(services));
            auto attendance = Take(service->List(call.caller(), id));
            http::Response response = AttendanceCsv(attendance, http::PreferredLang(call.request));
            response.SetHeader("Cache-Control", "no-store");
            return response;
          });
}

}  // namespace youhao::api
