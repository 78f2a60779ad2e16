// Training and certificates over HTTP: courses, sessions' attendees and completions (points and a
// signed certificate once), the worker's training record, skills contests (scores, ranking, close
// into a 技术能手 campaign's nominations); certificates verified by serial, their public keys for
// offline checks, the holder's list, the PDF and revocation.

#include <fmt/format.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/api_internal.h"
#include "api/endpoint.h"
#include "api/messages/catalogue.h"
#include "certificates/certificates.h"
#include "core/text.h"
#include "http/i18n.h"
#include "schedule/clock.h"
#include "training/training_service.h"

namespace youhao::api {

namespace {

namespace json = boost::json;

constexpr core::FieldSpec kCourseFields[] = {
    {.name = "topic", .type = core::FieldType::kString, .required = true, .max_length = 20},
    {.name = "title", .type = core::FieldType::kString, .required = true, .max_length = training::kMaxTitle},
    {.name = "description",
     .type = core::FieldType::kString,
     .max_length = training::kMaxDescription,
     .allow_empty = true},
    {.name = "hours", .type = core::FieldType::kInteger, .required = true},
    {.name = "area_code", .type = core::FieldType::kString, .max_length = 40, .nullable = true},
};

constexpr core::FieldSpec kCompletionFields[] = {
    {.name = "account_id", .type = core::FieldType::kInteger, .required = true},
    {.name = "passed", .type = core::FieldType::kBoolean, .required = true},
    {.name = "score", .type = core::FieldType::kInteger, .nullable = true},
};

constexpr core::FieldSpec kContestFields[] = {
    {.name = "event_id", .type = core::FieldType::kInteger, .required = true},
    {.name = "title", .type = core::FieldType::kString, .required = true, .max_length = training::kMaxTitle},
};

constexpr core::FieldSpec kScoreFields[] = {
    {.name = "account_id", .type = core::FieldType::kInteger, .required = true},
    {.name = "score", .type = core::FieldType::kInteger, .required = true},
};

constexpr core::FieldSpec kCloseFields[] = {
    {.name = "top", .type = core::FieldType::kInteger},
};

constexpr core::FieldSpec kRevokeFields[] = {
    {.name = "reason", .type = core::FieldType::kString, .required = true, .max_length = certificates::kMaxReason},
};

training::TrainingService& TrainingOf(Services& services) { return *Take(Enabled(services.training, "trainings")); }
certificates::CertificateService& CertificatesOf(Services& services) {
  return *Take(Enabled(services.certificates, "certificates"));
}

json::value OrNull(const std::optional<long long>& value) { return value ? json::value(*value) : json::value(nullptr); }

std::string AreaName(Services& services, const std::string& code, http::Lang lang) {
  const auto area = services.areas.Find(code);
  if (!area) return code;
  return lang == http::Lang::kEn ? area->name_en : area->name_zh;
}

long long IntField(const json::object& body, std::string_view key) { return body.at(key).as_int64(); }

std::optional<long long> OptionalInt(const json::object& body, std::string_view key) {
  const auto* value = body.if_contains(key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  return value->as_int64();
}

std::string_view StatusOf(const certificates::Certificate& certificate, long long now) {
  if (certificate.revoked_at) return certificates::StatusName(certificates::Status::kRevoked);
  if (certificate.valid_until != 0 && certificate.valid_until < now)
    return certificates::StatusName(certificates::Status::kExpired);
  return certificates::StatusName(certificates::Status::kValid);
}

/// The holder's own view of a certificate: everything, with the QR text and the PDF's address.
json::object OwnCertificateJson(Services& services, const certificates::Certificate& c, http::Lang lang,
                                long long now) {
  return {{"serial", c.serial},
          {"kind", certificates::KindName(c.kind)},
          {"status", StatusOf(c, now)},
          {"holder_name", c.holder_name},
          {"title", c.title},
          {"detail", c.detail},
          {"area", json::object{{"code", c.area_code}, {"name", AreaName(services, c.area_code, lang)}}},
          {"issued_at", c.issued_at},
          {"valid_until", c.valid_until == 0 ? json::value(nullptr) : json::value(c.valid_until)},
          {"revoked_at", OrNull(c.revoked_at)},
          {"qr_text", c.qr_text},
          {"pdf_url", fmt::format("/api/v1/certificates/{}/certificate.pdf", c.serial)}};
}

json::object CourseJson(Services& services, const training::Course& course, http::Lang lang) {
  return {{"id", course.id},
          {"topic", course.topic},
          {"title", course.title},
          {"description", course.description},
          {"hours", course.hours},
          {"area", json::object{{"code", course.area_code}, {"name", AreaName(services, course.area_code, lang)}}},
          {"created_at", course.created_at},
          {"sessions", course.sessions},
          {"passed", course.passed},
          {"new_session_url", fmt::format("#/events/new?course={}", course.id)}};
}

json::object CompletionJson(Services& services, const training::Completion& completion, http::Lang lang,
                            long long now) {
  return {{"id", completion.id},
          {"course_id", completion.course_id},
          {"event_id", completion.event_id},
          {"account_id", completion.account_id},
          {"passed", completion.passed},
          {"score", OrNull(completion.score)},
          {"recorded_at", completion.recorded_at},
          {"points_paid", completion.points_paid},
          {"replayed", completion.replayed},
          {"certificate", completion.certificate
                              ? json::value(OwnCertificateJson(services, *completion.certificate, lang, now))
                              : json::value(nullptr)}};
}

json::object ContestJson(Services& services, const training::ContestView& view, http::Lang lang) {
  json::array ranking;
  for (const auto& line : view.ranking) {
    ranking.push_back(json::object{{"rank", line.ranked.rank},
                                   {"account_id", line.ranked.account_id},
                                   {"name", line.name},
                                   {"score", line.ranked.score}});
  }
  const auto& contest = view.contest;
  return {{"id", contest.id},
          {"event_id", contest.event_id},
          {"title", contest.title},
          {"area", json::object{{"code", contest.area_code}, {"name", AreaName(services, contest.area_code, lang)}}},
          {"status", contest.status},
          {"campaign_id", OrNull(contest.campaign_id)},
          {"created_at", contest.created_at},
          {"organiser", view.organiser},
          {"ranking", std::move(ranking)}};
}

std::string PdfHeading(certificates::Kind kind, http::Lang lang) {
  switch (kind) {
    case certificates::Kind::kTraining:
      break;
    case certificates::Kind::kVolunteerHours:
      return Words("certificates.pdf_heading_volunteer_hours", lang);
    case certificates::Kind::kAppointment:
      return Words("certificates.pdf_heading_appointment", lang);
  }
  return Words("certificates.pdf_heading_training", lang);
}

}  // namespace

training::Wording TrainingWording() {
  training::Wording wording;
  wording.certificate_detail = [](const std::string& date, long long hours) {
    return Words("training.certificate_detail", http::Lang::kZhCn, json::object{{"date", date}, {"hours", hours}});
  };
  wording.citation = [](int rank, const std::string& contest) {
    return Words("training.contest_citation", http::Lang::kZhCn, json::object{{"rank", rank}, {"contest", contest}});
  };
  return wording;
}

void RegisterTrainingRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;

  // --- certificates ---
  Declare(router, services, {http::Method::kGet, "/api/v1/certificates/keys", audience::kAnyone}, [&services](Call&) {
    json::array keys;
    for (const auto& key : CertificatesOf(services).Keys())
      keys.push_back(json::object{{"id", key.id}, {"public_key", key.public_key}, {"created_at", key.created_at}});
    http::Response response = http::Json(200, json::object{{"keys", std::move(keys)}});
    response.SetHeader("Cache-Control", "public, max-age=3600");
    return response;
  });

  Declare(router, services, {http::Method::kGet, "/api/v1/certificates/{serial}", audience::kAnyone},
          [&services](Call& call) {
            const std::string serial(call.request.PathParam("serial"));
            const auto lang = http::PreferredLang(call.request);
            const long long now = storage::NowSeconds();
            const auto verified = CertificatesOf(services).Verify(serial, now);
            json::object out{{"serial", serial}, {"status", certificates::StatusName(verified.status)}};
            if (verified.certificate) {
              const auto& c = *verified.certificate;
              out["kind"] = certificates::KindName(c.kind);
              out["name"] = core::MaskName(c.holder_name);
              out["title"] = c.title;
              out["detail"] = c.detail;
              out["area"] = json::object{{"code", c.area_code}, {"name", AreaName(services, c.area_code, lang)}};
              out["issued_at"] = c.issued_at;
              out["valid_until"] = c.valid_until == 0 ? json::value(nullptr) : json::value(c.valid_until);
              out["revoked_at"] = OrNull(c.revoked_at);
              out["revoke_reason"] = c.revoked_at ? json::value(c.revoke_reason) : json::value(nullptr);
            }
            return http::Json(200, std::move(out));
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/certificates/{serial}/certificate.pdf", audience::kSignedIn},
          [&services](Call& call) {
            const std::string serial(call.request.PathParam("serial"));
            const auto lang = http::PreferredLang(call.request);
            auto& service = CertificatesOf(services);
            const auto verified = service.Verify(serial, storage::NowSeconds());
            if (!verified.certificate)
              return http::Problem(core::MakeError(core::ErrorCode::kNotFound, "no such certificate"));
            const auto& c = *verified.certificate;
            certificates::PdfWords words;
            words.heading = PdfHeading(c.kind, lang);
            words.line = Words("certificates.pdf_line", lang);
            words.issued_line = Words("certificates.pdf_issued", lang,
                                      json::object{{"area", AreaName(services, c.area_code, lang)},
                                                   {"date", schedule::BeijingDate(c.issued_at)}});
            words.serial_label = Words("certificates.pdf_serial", lang);
            words.verify_hint = Words("certificates.pdf_verify_hint", lang);
            return CertificatePdfResponse(Take(service.Pdf(call.caller(), serial, words)), serial);
          });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/certificates/{serial}/revoke", audience::kCertificateRevokers, kRevokeFields},
          [&services](Call& call) {
            const std::string serial(call.request.PathParam("serial"));
            auto certificate = Take(CertificatesOf(services).Revoke(
                call.caller(), serial, core::StringOr(call.body, "reason"), storage::NowSeconds()));
            return http::Json(200, json::object{{"serial", certificate.serial},
                                                {"status", "revoked"},
                                                {"revoked_at", OrNull(certificate.revoked_at)},
                                                {"revoke_reason", certificate.revoke_reason}});
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/me/certificates", audience::kSignedIn},
          [&services](Call& call) {
            const auto lang = http::PreferredLang(call.request);
            const long long now = storage::NowSeconds();
            json::array items;
            for (const auto& c : CertificatesOf(services).Of(call.caller().account_id))
              items.push_back(OwnCertificateJson(services, c, lang, now));
            return http::Json(200, json::object{{"items", std::move(items)}});
          });

  // --- training ---
  Declare(router, services, {http::Method::kGet, "/api/v1/training/courses", audience::kWorkersAndOrganisers},
          [&services](Call& call) {
            const auto lang = http::PreferredLang(call.request);
            json::array items;
            for (const auto& course : TrainingOf(services).Courses(call.caller(), 200))
              items.push_back(CourseJson(services, course, lang));
            return http::Json(200, json::object{{"items", std::move(items)}});
          });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/training/courses", audience::kEventOrganisers, kCourseFields},
          [&services](Call& call) {
            const auto lang = http::PreferredLang(call.request);
            training::CourseInput input{.topic = std::string(core::StringOr(call.body, "topic")),
                                        .title = std::string(core::StringOr(call.body, "title")),
                                        .description = std::string(core::StringOr(call.body, "description")),
                                        .hours = IntField(call.body, "hours")};
            auto course = Take(TrainingOf(services).CreateCourse(
                call.caller(), input, std::string(core::StringOr(call.body, "area_code")), storage::NowSeconds()));
            return http::Json(201, json::object{{"course", CourseJson(services, course, lang)}});
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/training/courses/{id}/sessions", audience::kEventOrganisers},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            json::array items;
            for (const auto& session : Take(TrainingOf(services).Sessions(call.caller(), id))) {
              items.push_back(json::object{{"event_id", session.event_id},
                                           {"course_id", session.course_id},
                                           {"title", session.title},
                                           {"starts_at", session.starts_at},
                                           {"ends_at", session.ends_at},
                                           {"status", session.status},
                                           {"trainer", session.trainer}});
            }
            return http::Json(200, json::object{{"items", std::move(items)}});
          });

  Declare(router, services,
          {http::Method::kGet, "/api/v1/training/sessions/{event_id}/attendees", audience::kEventOrganisers},
          [&services](Call& call) {
            const auto lang = http::PreferredLang(call.request);
            const long long now = storage::NowSeconds();
            const long long event_id = Take(IdParam(call.request, "event_id"));
            json::array items;
            for (const auto& attendee : Take(TrainingOf(services).Attendees(call.caller(), event_id))) {
              items.push_back(json::object{
                  {"account_id", attendee.account_id},
                  {"name", attendee.name},
                  {"registration_status", attendee.registration_status},
                  {"completion", attendee.completion
                                     ? json::value(CompletionJson(services, *attendee.completion, lang, now))
                                     : json::value(nullptr)}});
            }
            return http::Json(200, json::object{{"items", std::move(items)}});
          });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/training/sessions/{event_id}/completions", audience::kEventOrganisers,
           kCompletionFields},
          [&services](Call& call) {
            const auto lang = http::PreferredLang(call.request);
            const long long now = storage::NowSeconds();
            const long long event_id = Take(IdParam(call.request, "event_id"));
            auto completion = Take(TrainingOf(services).Record(
                call.caller(), event_id, IntField(call.body, "account_id"), call.body.at("passed").as_bool(),
                OptionalInt(call.body, "score"), TrainingWording(), now));
            return http::Json(completion.replayed ? 200 : 201,
                              json::object{{"completion", CompletionJson(services, completion, lang, now)}});
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/me/training", audience::kWorkers}, [&services](Call& call) {
    const auto lang = http::PreferredLang(call.request);
    const long long now = storage::NowSeconds();
    json::array items;
    for (const auto& line : TrainingOf(services).Mine(call.caller().account_id)) {
      json::object item = CompletionJson(services, line.completion, lang, now);
      item["course_title"] = line.course_title;
      item["topic"] = line.topic;
      item["hours"] = line.hours;
      item["session_starts_at"] = line.session_starts_at;
      items.push_back(std::move(item));
    }
    return http::Json(200, json::object{{"items", std::move(items)}});
  });

  // --- skills contests ---
  Declare(router, services, {http::Method::kGet, "/api/v1/training/contests", audience::kEventOrganisers},
          [&services](Call& call) {
            const auto lang = http::PreferredLang(call.request);
            json::array items;
            for (const auto& contest : TrainingOf(services).Contests(call.caller(), 100)) {
              items.push_back(json::object{
                  {"id", contest.id},
                  {"event_id", contest.event_id},
                  {"title", contest.title},
                  {"area",
                   json::object{{"code", contest.area_code}, {"name", AreaName(services, contest.area_code, lang)}}},
                  {"status", contest.status},
                  {"campaign_id", OrNull(contest.campaign_id)},
                  {"created_at", contest.created_at}});
            }
            return http::Json(200, json::object{{"items", std::move(items)}});
          });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/training/contests", audience::kEventOrganisers, kContestFields},
          [&services](Call& call) {
            const auto lang = http::PreferredLang(call.request);
            auto& service = TrainingOf(services);
            const auto contest =
                Take(service.CreateContest(call.caller(), IntField(call.body, "event_id"),
                                           std::string(core::StringOr(call.body, "title")), storage::NowSeconds()));
            const auto view = Take(service.ViewContest(call.caller(), contest.id));
            return http::Json(201, json::object{{"contest", ContestJson(services, view, lang)}});
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/training/contests/{id}", audience::kSignedIn},
          [&services](Call& call) {
            const auto lang = http::PreferredLang(call.request);
            const long long id = Take(IdParam(call.request, "id"));
            const auto view = Take(TrainingOf(services).ViewContest(call.caller(), id));
            return http::Json(200, json::object{{"contest", ContestJson(services, view, lang)}});
          });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/training/contests/{id}/scores", audience::kEventOrganisers, kScoreFields},
          [&services](Call& call) {
            const auto lang = http::PreferredLang(call.request);
            const long long id = Take(IdParam(call.request, "id"));
            const auto view =
                Take(TrainingOf(services).RecordScore(call.caller(), id, IntField(call.body, "account_id"),
                                                      IntField(call.body, "score"), storage::NowSeconds()));
            return http::Json(200, json::object{{"contest", ContestJson(services, view, lang)}});
          });

  Declare(
      router, services,
      {http::Method::kPost, "/api/v1/training/contests/{id}/close", audience::kEventOrganisers, kCloseFields, true},
      [&services](Call& call) {
        const auto lang = http::PreferredLang(call.request);
        const long long id = Take(IdParam(call.request, "id"));
        const int top = static_cast<int>(OptionalInt(call.body, "top").value_or(3));
        const auto closed =
            Take(TrainingOf(services).CloseContest(call.caller(), id, top, TrainingWording(), storage::NowSeconds()));
        return http::Json(
            200, json::object{{"contest", ContestJson(services, closed.view, lang)}, {"nominated", closed.nominated}});
      });
}

}  // namespace youhao::api
