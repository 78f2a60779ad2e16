// Volunteer teams, hours and appointment letters (聘书) over HTTP: teams of a street or platform,
// joining and leaving, leaders, manual hours and their approval, one's own volunteering with
// hours certificates, and appointment letters issued as signed certificates (src/certificates).

#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/api.h"
#include "api/api_internal.h"
#include "api/endpoint.h"
#include "api/messages/catalogue.h"
#include "http/i18n.h"
#include "http/json_body.h"
#include "schedule/clock.h"
#include "storage/database.h"
#include "volunteers/volunteer_service.h"

namespace youhao::api {

namespace {

namespace json = boost::json;

constexpr core::FieldSpec kTeamFields[] = {
    {.name = "name", .type = core::FieldType::kString, .required = true, .max_length = 40},
    {.name = "scope", .type = core::FieldType::kString, .required = true, .max_length = 16},
    {.name = "area", .type = core::FieldType::kString, .max_length = 32},
    {.name = "platform", .type = core::FieldType::kString, .max_length = 80, .allow_empty = true},
    {.name = "intro", .type = core::FieldType::kString, .max_length = 500, .allow_empty = true},
};

constexpr core::FieldSpec kLeaderFields[] = {
    {.name = "account_id", .type = core::FieldType::kInteger, .required = true},
};

constexpr core::FieldSpec kHoursFields[] = {
    {.name = "day", .type = core::FieldType::kString, .required = true, .max_length = 16},
    {.name = "minutes", .type = core::FieldType::kInteger, .required = true},
    {.name = "note", .type = core::FieldType::kString, .max_length = 200},
    {.name = "event_id", .type = core::FieldType::kInteger, .nullable = true},
};

constexpr core::FieldSpec kDecisionFields[] = {
    {.name = "note", .type = core::FieldType::kString, .max_length = 200},
};

constexpr core::FieldSpec kAppointmentFields[] = {
    {.name = "account_id", .type = core::FieldType::kInteger, .required = true},
    {.name = "kind", .type = core::FieldType::kString, .required = true, .max_length = 40},
    {.name = "title", .type = core::FieldType::kString, .required = true, .max_length = 40},
    {.name = "term_from", .type = core::FieldType::kString, .required = true, .max_length = 16},
    {.name = "term_until", .type = core::FieldType::kString, .required = true, .max_length = 16},
};

volunteers::VolunteerService& VolunteersOf(Services& services) {
  return *Take(Enabled(services.volunteers, "volunteer teams"));
}

json::value OptionalJson(const std::optional<long long>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

json::object TotalsJson(const volunteers::YearTotals& totals) {
  return {{"year", totals.year},
          {"scan_minutes", totals.scan_minutes},
          {"manual_minutes", totals.manual_minutes},
          {"approved_minutes", totals.approved_minutes()},
          {"pending_minutes", totals.pending_minutes}};
}

json::object TeamJson(const volunteers::Team& team) {
  return {{"id", team.id},
          {"name", team.name},
          {"scope", volunteers::TeamScopeName(team.scope)},
          {"area", json::object{{"code", team.area_code}, {"name", team.area_name}}},
          {"platform", team.platform},
          {"intro", team.intro},
          {"members", team.members},
          {"created_at", team.created_at}};
}

json::value MembershipJson(const std::optional<volunteers::Member>& member) {
  if (!member) return nullptr;
  return json::object{{"role", member->leader ? "leader" : "member"}, {"joined_at", member->joined_at}};
}

json::object ViewJson(const volunteers::TeamView& view) {
  json::object out = TeamJson(view.team);
  out["mine"] = MembershipJson(view.mine);
  out["can"] = json::object{{"join", view.can_join}, {"leave", view.mine.has_value()}, {"manage", view.can_manage}};
  out["hours_this_year"] = TotalsJson(view.totals);
  return out;
}

json::object MemberJson(const volunteers::Member& member) {
  return {{"account_id", member.account_id},
          {"name", member.name},
          {"role", member.leader ? "leader" : "member"},
          {"joined_at", member.joined_at}};
}

json::object PageJson(const volunteers::TeamPage& page) {
  json::object out = ViewJson(page.view);
  json::array members;
  json::array leaders;
  for (const auto& member : page.members) {
    members.push_back(MemberJson(member));
    if (member.leader) leaders.push_back(MemberJson(member));
  }
  out["member_list"] = std::move(members);
  out["leaders"] = std::move(leaders);
  json::array activities;
  for (const auto& activity : page.activities) {
    activities.push_back(json::object{{"id", activity.id},
                                      {"title", activity.title},
                                      {"starts_at", activity.starts_at},
                                      {"ends_at", activity.ends_at},
                                      {"status", activity.status},
                                      {"link", fmt::format("#/events/{}", activity.id)}});
  }
  out["activities"] = std::move(activities);
  out["sees_totals"] = page.sees_totals;
  if (page.sees_totals) {
    json::array totals;
    for (const auto& row : page.member_totals) {
      json::object item = MemberJson(row.member);
      item["hours"] = TotalsJson(row.totals);
      totals.push_back(std::move(item));
    }
    out["member_totals"] = std::move(totals);
    out["pending"] = page.pending;
  }
  return out;
}

json::object EntryJson(const volunteers::HoursEntry& entry) {
  return {{"id", entry.id},
          {"team", json::object{{"id", entry.team_id}, {"name", entry.team_name}}},
          {"account_id", entry.account_id},
          {"name", entry.name},
          {"event_id", OptionalJson(entry.event_id)},
          {"day", entry.day},
          {"minutes", entry.minutes},
          {"source", volunteers::HoursSourceName(entry.source)},
          {"status", volunteers::HoursStatusName(entry.status)},
          {"note", entry.note},
          {"recorded_by", entry.recorded_by},
          {"decided_by", entry.decided_by},
          {"decided_at", OptionalJson(entry.decided_at)},
          {"created_at", entry.created_at}};
}

json::array EntriesJson(const std::vector<volunteers::HoursEntry>& entries) {
  json::array out;
  for (const auto& entry : entries) out.push_back(EntryJson(entry));
  return out;
}

std::string CertificatePdfUrl(std::string_view serial) {
  return fmt::format("/api/v1/certificates/{}/certificate.pdf", serial);
}

json::object AppointmentJson(const volunteers::Appointment& appointment, long long now, http::Lang lang) {
  const long long ends = schedule::BeijingMidnight(appointment.term_until).value_or(0) + 86400;
  const std::string_view status = appointment.revoked_at ? "revoked" : now >= ends ? "expired" : "active";
  json::value certificate = nullptr;
  if (!appointment.certificate_serial.empty()) {
    certificate = json::object{{"serial", appointment.certificate_serial},
                               {"verify", fmt::format("/api/v1/certificates/{}", appointment.certificate_serial)},
                               {"pdf", CertificatePdfUrl(appointment.certificate_serial)},
                               {"qr_text", appointment.qr_text}};
  }
  return {{"id", appointment.id},
          {"account_id", appointment.account_id},
          {"holder_name", appointment.holder_name},
          {"kind", appointment.kind},
          {"kind_label", Words("volunteers.appointment_kind." + appointment.kind, lang)},
          {"title", appointment.title},
          {"area", json::object{{"code", appointment.area_code}, {"name", appointment.area_name}}},
          {"term_from", appointment.term_from},
          {"term_until", appointment.term_until},
          {"status", status},
          {"certificate", std::move(certificate)},
          {"created_at", appointment.created_at},
          {"revoked_at", OptionalJson(appointment.revoked_at)}};
}

json::array AppointmentsJson(const std::vector<volunteers::Appointment>& appointments, http::Lang lang) {
  json::array out;
  const long long now = storage::NowSeconds();
  for (const auto& appointment : appointments) out.push_back(AppointmentJson(appointment, now, lang));
  return out;
}

json::object CertificateJson(const certificates::Certificate& certificate) {
  return {{"serial", certificate.serial},       {"kind", certificates::KindName(certificate.kind)},
          {"title", certificate.title},         {"detail", certificate.detail},
          {"issued_at", certificate.issued_at}, {"valid_until", certificate.valid_until},
          {"qr_text", certificate.qr_text},     {"pdf", CertificatePdfUrl(certificate.serial)}};
}

int YearParam(const http::Request& request) {
  const int this_year = std::stoi(schedule::BeijingDate(storage::NowSeconds()).substr(0, 4));
  return static_cast<int>(Take(http::IntegerParam(request, "year", this_year, 2020, this_year)));
}

std::optional<volunteers::HoursStatus> StatusParam(const http::Request& request) {
  const auto text = request.QueryParam("status");
  if (!text || text->empty()) return std::nullopt;
  const auto status = volunteers::ParseHoursStatus(*text);
  if (!status) {
    Take(core::Result<int>(
        core::MakeError(core::ErrorCode::kValidationFailed, "status: pending, approved or rejected")));
  }
  return status;
}

}  // namespace

volunteers::CertificateWording VolunteerCertificateWording() {
  volunteers::CertificateWording wording;
  wording.hours_title = [](std::string_view team, int year) {
    return Words("volunteers.certificate_title", http::Lang::kZhCn, {{"team", team}, {"year", year}});
  };
  wording.hours_detail = [](std::string_view hours) {
    return Words("volunteers.certificate_detail", http::Lang::kZhCn, {{"hours", hours}});
  };
  wording.term = [](std::string_view from, std::string_view until) {
    return Words("volunteers.appointment_term", http::Lang::kZhCn, {{"from", from}, {"until", until}});
  };
  return wording;
}

void RegisterVolunteerRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;

  Declare(router, services, {http::Method::kGet, "/api/v1/volunteer-teams", audience::kWorkersAndOrganisers},
          [&services](Call& call) {
            json::array items;
            for (const auto& view : VolunteersOf(services).Teams(call.caller(), storage::NowSeconds()))
              items.push_back(ViewJson(view));
            return http::Json(200, json::object{{"items", std::move(items)}});
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/volunteer-teams", audience::kEventOrganisers, kTeamFields},
          [&services](Call& call) {
            volunteers::TeamInput input;
            input.name = std::string(core::StringOr(call.body, "name"));
            input.scope = std::string(core::StringOr(call.body, "scope"));
            if (call.body.contains("area")) input.area_code = std::string(core::StringOr(call.body, "area"));
            input.platform = std::string(core::StringOr(call.body, "platform"));
            input.intro = std::string(core::StringOr(call.body, "intro"));
            auto view = Take(VolunteersOf(services).CreateTeam(call.caller(), std::move(input), storage::NowSeconds()));
            return http::Json(201, ViewJson(view));
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/volunteer-teams/{id}", audience::kWorkersAndOrganisers},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto page = Take(VolunteersOf(services).Page(call.caller(), id, storage::NowSeconds()));
            return http::Json(200, PageJson(page));
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/volunteer-teams/{id}/join", audience::kWorkers},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto view = Take(VolunteersOf(services).Join(call.caller(), id, storage::NowSeconds()));
            return http::Json(200, ViewJson(view));
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/volunteer-teams/{id}/leave", audience::kWorkers},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto view = Take(VolunteersOf(services).Leave(call.caller(), id, storage::NowSeconds()));
            return http::Json(200, ViewJson(view));
          });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/volunteer-teams/{id}/leaders", audience::kEventOrganisers, kLeaderFields},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto page = Take(VolunteersOf(services).SetLeader(call.caller(), id, call.body.at("account_id").as_int64(),
                                                              true, storage::NowSeconds()));
            return http::Json(200, PageJson(page));
          });

  Declare(router, services,
          {http::Method::kDelete, "/api/v1/volunteer-teams/{id}/leaders/{account_id}", audience::kEventOrganisers},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            const long long account_id = Take(IdParam(call.request, "account_id"));
            auto page =
                Take(VolunteersOf(services).SetLeader(call.caller(), id, account_id, false, storage::NowSeconds()));
            return http::Json(200, PageJson(page));
          });

  Declare(
      router, services, {http::Method::kPost, "/api/v1/volunteer-teams/{id}/hours", audience::kWorkers, kHoursFields},
      [&services](Call& call) {
        const long long id = Take(IdParam(call.request, "id"));
        volunteers::HoursInput input;
        input.day = std::string(core::StringOr(call.body, "day"));
        const long long minutes = call.body.at("minutes").as_int64();
        input.minutes = minutes < 0 || minutes > 100000 ? 0 : static_cast<int>(minutes);
        input.note = std::string(core::StringOr(call.body, "note"));
        if (const auto* event = call.body.if_contains("event_id"); event != nullptr && !event->is_null())
          input.event_id = event->as_int64();
        auto entry = Take(VolunteersOf(services).LogHours(call.caller(), id, std::move(input), storage::NowSeconds()));
        return http::Json(201, EntryJson(entry));
      });

  Declare(router, services, {http::Method::kGet, "/api/v1/volunteer-teams/{id}/hours", audience::kWorkersAndOrganisers},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto entries = Take(
                VolunteersOf(services).TeamHours(call.caller(), id, StatusParam(call.request), storage::NowSeconds()));
            return http::Json(200, json::object{{"items", EntriesJson(entries)}});
          });

  for (const bool approve : {true, false}) {
    Declare(router, services,
            {.method = http::Method::kPost,
             .pattern = approve ? "/api/v1/volunteer-hours/{id}/approve" : "/api/v1/volunteer-hours/{id}/reject",
             .audience = audience::kWorkers,
             .body = kDecisionFields,
             .body_optional = true},
            [&services, approve](Call& call) {
              const long long id = Take(IdParam(call.request, "id"));
              auto entry = Take(VolunteersOf(services).Decide(
                  call.caller(), id, approve, std::string(core::StringOr(call.body, "note")), storage::NowSeconds()));
              return http::Json(200, EntryJson(entry));
            });
  }

  Declare(router, services, {http::Method::kGet, "/api/v1/me/volunteering", audience::kWorkers},
          [&services](Call& call) {
            const int year = YearParam(call.request);
            const auto mine = VolunteersOf(services).Mine(call.caller(), year);
            const http::Lang lang = http::PreferredLang(call.request);
            json::array teams;
            for (const auto& row : mine.teams) {
              json::object item = TeamJson(row.team);
              item["role"] = row.leader ? "leader" : "member";
              item["hours"] = TotalsJson(row.totals);
              teams.push_back(std::move(item));
            }
            return http::Json(200, json::object{{"year", mine.year},
                                                {"teams", std::move(teams)},
                                                {"totals", TotalsJson(mine.totals)},
                                                {"entries", EntriesJson(mine.entries)},
                                                {"appointments", AppointmentsJson(mine.appointments, lang)}});
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/me/volunteering/certificate", audience::kWorkers},
          [&services](Call& call) {
            const int year = YearParam(call.request);
            const auto issued =
                Take(VolunteersOf(services).HoursCertificates(call.caller(), year, storage::NowSeconds()));
            json::array items;
            for (const auto& certificate : issued) items.push_back(CertificateJson(certificate));
            return http::Json(200, json::object{{"year", year}, {"certificates", std::move(items)}});
          });

  Declare(
      router, services, {http::Method::kGet, "/api/v1/appointments", audience::kEventOrganisers},
      [&services](Call& call) {
        const auto issued = VolunteersOf(services).AppointmentsIssued(call.caller());
        return http::Json(200, json::object{{"items", AppointmentsJson(issued, http::PreferredLang(call.request))}});
      });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/appointments", audience::kEventOrganisers, kAppointmentFields},
          [&services](Call& call) {
            volunteers::AppointmentInput input;
            input.account_id = call.body.at("account_id").as_int64();
            input.kind = std::string(core::StringOr(call.body, "kind"));
            input.title = std::string(core::StringOr(call.body, "title"));
            input.term_from = std::string(core::StringOr(call.body, "term_from"));
            input.term_until = std::string(core::StringOr(call.body, "term_until"));
            const long long now = storage::NowSeconds();
            auto appointment = Take(VolunteersOf(services).Appoint(call.caller(), std::move(input), now));
            return http::Json(201, AppointmentJson(appointment, now, http::PreferredLang(call.request)));
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/appointments/{id}/revoke", audience::kEventOrganisers},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            const long long now = storage::NowSeconds();
            auto appointment = Take(VolunteersOf(services).RevokeAppointment(call.caller(), id, now));
            return http::Json(200, AppointmentJson(appointment, now, http::PreferredLang(call.request)));
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/workers/{id}/appointments", audience::kOfficers},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto appointments = Take(VolunteersOf(services).WorkerAppointments(call.caller(), id));
            return http::Json(
                200, json::object{{"items", AppointmentsJson(appointments, http::PreferredLang(call.request))}});
          });
}

}  // namespace youhao::api
