// Childcare classes (托管班) and 0–3 childcare places over HTTP: a worker parent's children at a class
// they hold a place in, the organisers' list and the attendance sheet by Beijing day. Children never
// appear in the public event JSON or in calendars; only these routes show them, to their parent and
// to the event's organisers (every organiser read audited by the service).

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/api_internal.h"
#include "api/endpoint.h"
#include "childcare/childcare_service.h"
#include "core/json_input.h"
#include "storage/database.h"

namespace youhao::api {

namespace {

namespace json = boost::json;

// Lengths are checked by the policy (bad_child naming the field); these bounds only keep bodies small.
constexpr core::FieldSpec kChildFields[] = {
    {.name = "given_name", .type = core::FieldType::kString, .required = true, .max_length = 100, .allow_empty = true},
    {.name = "age", .type = core::FieldType::kInteger, .required = true},
    {.name = "note", .type = core::FieldType::kString, .max_length = 400, .allow_empty = true, .nullable = true},
};

constexpr core::FieldSpec kAttendanceFields[] = {
    {.name = "present", .type = core::FieldType::kBoolean, .required = true},
};

childcare::ChildcareService& ChildcareOf(Services& services) {
  return *Take(Enabled(services.childcare, "childcare classes"));
}

json::object ChildJson(const childcare::Child& child, bool with_parent) {
  json::object out{{"id", child.id},
                   {"registration_id", child.registration_id},
                   {"given_name", child.given_name},
                   {"age", child.age},
                   {"note", child.note},
                   {"created_at", child.created_at}};
  if (with_parent) out["parent"] = json::object{{"account_id", child.parent_account_id}, {"name", child.parent_name}};
  return out;
}

json::object EventJson(const childcare::ChildcareEvent& event) {
  json::array days;
  for (const auto& day : childcare::EventDays(event.facts)) days.emplace_back(day);
  return {{"id", event.id},
          {"title", event.title},
          {"starts_at", event.facts.starts_at},
          {"ends_at", event.facts.ends_at},
          {"capacity", event.facts.capacity},
          {"cancelled", event.facts.cancelled},
          {"days", std::move(days)}};
}

}  // namespace

void RegisterChildcareRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;

  Declare(router, services, {http::Method::kGet, "/api/v1/events/{id}/children", audience::kWorkersAndOrganisers},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            const auto answer = Take(ChildcareOf(services).Children(call.caller(), id, storage::NowSeconds()));
            const bool all = answer.view == childcare::View::kAll;
            json::array items;
            for (const auto& child : answer.children) items.push_back(ChildJson(child, all));
            json::value registration = nullptr;
            if (answer.registration)
              registration = json::object{{"id", answer.registration->id}, {"status", answer.registration->status}};
            return http::Json(200, json::object{{"event", EventJson(answer.event)},
                                                {"view", all ? "organiser" : "parent"},
                                                {"registration", std::move(registration)},
                                                {"max_per_place", childcare::kMaxChildrenPerPlace},
                                                {"items", std::move(items)}});
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/events/{id}/children", audience::kWorkers, kChildFields},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            childcare::ChildInput input;
            input.given_name = std::string(core::StringOr(call.body, "given_name"));
            input.age = call.body.at("age").as_int64();
            input.note = std::string(core::StringOr(call.body, "note"));
            const auto child =
                Take(ChildcareOf(services).Add(call.caller(), id, std::move(input), storage::NowSeconds()));
            return http::Json(201, json::object{{"child", ChildJson(child, false)}});
          });

  Declare(router, services, {http::Method::kDelete, "/api/v1/events/{id}/children/{child_id}", audience::kWorkers},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            const long long child_id = Take(IdParam(call.request, "child_id"));
            Take(ChildcareOf(services).Remove(call.caller(), id, child_id, storage::NowSeconds()));
            return http::Json(200, json::object{{"removed", child_id}});
          });

  Declare(router, services,
          {http::Method::kPut, "/api/v1/events/{id}/children/{child_id}/attendance/{day}", audience::kEventOrganisers,
           kAttendanceFields},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            const long long child_id = Take(IdParam(call.request, "child_id"));
            const auto mark =
                Take(ChildcareOf(services).RecordAttendance(call.caller(), id, child_id, call.request.PathParam("day"),
                                                            call.body.at("present").as_bool(), storage::NowSeconds()));
            return http::Json(200, json::object{{"child_id", mark.child_id},
                                                {"day", mark.day},
                                                {"present", mark.present},
                                                {"recorded_at", mark.recorded_at}});
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/events/{id}/children/attendance", audience::kEventOrganisers},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            const auto sheet = Take(ChildcareOf(services).AttendanceSheet(call.caller(), id, storage::NowSeconds()));
            json::array children;
            for (const auto& child : sheet.children) {
              json::object row = ChildJson(child, true);
              json::object days;
              for (const auto& mark : sheet.marks)
                if (mark.child_id == child.id) days[mark.day] = mark.present;
              row["attendance"] = std::move(days);
              children.push_back(std::move(row));
            }
            json::array days;
            for (const auto& day : sheet.days) {
              long long present = 0;
              for (const auto& mark : sheet.marks)
                if (mark.day == day && mark.present) ++present;
              days.push_back(json::object{{"day", day}, {"present", present}});
            }
            return http::Json(200, json::object{{"event", EventJson(sheet.event)},
                                                {"days", std::move(days)},
                                                {"children", std::move(children)}});
          });
}

}  // namespace youhao::api
