// Honours over HTTP: campaigns (最美骑手, 最美快递人, 技术能手, 优秀网格员) and their stages,
// nominations with evidence read from records, their review, the public vote, results, and the
// winners' signed certificates (verify by serial, a PDF whose QR opens the verify page, revoke).

#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "api/api_internal.h"
#include "api/endpoint.h"
#include "api/messages/catalogue.h"
#include "core/text.h"
#include "honours/honour_service.h"
#include "http/i18n.h"
#include "schedule/clock.h"

namespace youhao::api {

namespace {

namespace json = boost::json;

constexpr core::FieldSpec kCampaignFields[] = {
    {.name = "title", .type = core::FieldType::kString, .required = true, .max_length = honours::kMaxTitle},
    {.name = "kind", .type = core::FieldType::kString, .required = true, .max_length = 20},
    {.name = "area_code", .type = core::FieldType::kString, .max_length = 40, .nullable = true},
    {.name = "nominating_until", .type = core::FieldType::kInteger, .required = true},
    {.name = "reviewing_until", .type = core::FieldType::kInteger, .required = true},
    {.name = "voting_until", .type = core::FieldType::kInteger, .required = true},
    {.name = "winners", .type = core::FieldType::kInteger},
    {.name = "votes_per_person", .type = core::FieldType::kInteger},
    {.name = "prize_points", .type = core::FieldType::kInteger},
    {.name = "pool_id", .type = core::FieldType::kInteger, .nullable = true},
};

constexpr core::FieldSpec kAdvanceFields[] = {
    {.name = "to", .type = core::FieldType::kString, .required = true, .max_length = 16},
};

constexpr core::FieldSpec kNominationFields[] = {
    {.name = "worker_id", .type = core::FieldType::kInteger, .nullable = true},
    {.name = "account_id", .type = core::FieldType::kInteger, .nullable = true},
    {.name = "citation", .type = core::FieldType::kString, .required = true, .max_length = honours::kMaxCitation},
};

constexpr core::FieldSpec kReviewFields[] = {
    {.name = "accept", .type = core::FieldType::kBoolean, .required = true},
    {.name = "reason", .type = core::FieldType::kString, .max_length = honours::kMaxReason, .allow_empty = true},
};

constexpr core::FieldSpec kVoteFields[] = {
    {.name = "nomination_id", .type = core::FieldType::kInteger, .required = true},
};

constexpr core::FieldSpec kRevokeFields[] = {
    {.name = "reason", .type = core::FieldType::kString, .required = true, .max_length = honours::kMaxReason},
};

honours::HonourService& HonoursOf(Services& services) { return *Take(Enabled(services.honour_campaigns, "honours")); }

std::optional<long long> OptionalInt(const json::object& body, std::string_view key) {
  const json::value* value = body.if_contains(key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  return value->as_int64();
}

json::value OrNull(const std::optional<long long>& value) { return value ? json::value(*value) : json::value(nullptr); }

std::string AreaName(Services& services, const std::string& code, http::Lang lang) {
  const auto area = services.areas.Find(code);
  if (!area) return code;
  return lang == http::Lang::kEn ? area->name_en : area->name_zh;
}

json::object CampaignJson(Services& services, const honours::Campaign& campaign, http::Lang lang) {
  return {{"id", campaign.id},
          {"title", campaign.title},
          {"kind", honours::CampaignKindName(campaign.kind)},
          {"area_code", campaign.area_code},
          {"area_name", AreaName(services, campaign.area_code, lang)},
          {"stage", honours::StageName(campaign.stage)},
          {"nominating_until", campaign.nominating_until},
          {"reviewing_until", campaign.reviewing_until},
          {"voting_until", campaign.voting_until},
          {"winners", campaign.winners},
          {"votes_per_person", campaign.votes_per_person},
          {"prize_points", campaign.prize_points},
          {"pool_id", OrNull(campaign.pool_account_id)},
          {"created_at", campaign.created_at},
          {"announced_at", OrNull(campaign.announced_at)}};
}

/// A nomination as the caller may see it: the name masked (张**) for the public, in full for the
/// campaign's officers; the evidence as the server counted it.
json::object NominationJson(const honours::Nomination& nomination, bool officer) {
  json::object out{{"id", nomination.id},
                   {"campaign_id", nomination.campaign_id},
                   {"name", officer ? nomination.nominee_name : core::MaskName(nomination.nominee_name)},
                   {"nominee_kind", nomination.nominee_kind},
                   {"citation", nomination.citation},
                   {"evidence", json::parse(nomination.evidence_json)},
                   {"status", honours::NominationStatusName(nomination.status)},
                   {"nominated_at", nomination.nominated_at}};
  if (officer) {
    out["worker_id"] = OrNull(nomination.worker_id);
    out["account_id"] = OrNull(nomination.account_id);
    out["nominated_by"] = nomination.nominated_by;
    out["review_reason"] = nomination.review_reason;
    out["reviewed_by"] = nomination.reviewed_by;
    out["reviewed_at"] = OrNull(nomination.reviewed_at);
  }
  return out;
}

json::object ViewJson(Services& services, const honours::CampaignView& view, const accounts::Principal* caller,
                      http::Lang lang) {
  json::array nominations;
  for (const auto& nomination : view.nominations) nominations.push_back(NominationJson(nomination, view.officer_view));
  json::array mine;
  for (long long id : view.my_votes) mine.push_back(id);
  return {{"campaign", CampaignJson(services, view.campaign, lang)},
          {"nominations", std::move(nominations)},
          {"officer", view.officer_view},
          {"my_votes", std::move(mine)},
          {"votes_left", caller != nullptr ? json::value(view.votes_left) : json::value(nullptr)}};
}

honours::CampaignInput CampaignInputOf(const json::object& body) {
  honours::CampaignInput input;
  input.title = std::string(core::StringOr(body, "title"));
  input.nominating_until = OptionalInt(body, "nominating_until").value_or(0);
  input.reviewing_until = OptionalInt(body, "reviewing_until").value_or(0);
  input.voting_until = OptionalInt(body, "voting_until").value_or(0);
  input.winners = OptionalInt(body, "winners").value_or(input.winners);
  input.votes_per_person = OptionalInt(body, "votes_per_person").value_or(input.votes_per_person);
  input.prize_points = OptionalInt(body, "prize_points").value_or(0);
  return input;
}

/// The campaign's kind, or a validation problem naming `kind`.
core::Result<honours::CampaignKind> KindOf(const json::object& body) {
  const auto kind = honours::ParseCampaignKind(core::StringOr(body, "kind"));
  if (!kind) {
    return core::MakeProblem(core::ErrorCode::kValidationFailed, "bad_kind", "honours.bad_kind",
                             "kind: best_rider, best_courier, skills_champion or grid_reporter",
                             json::object{{"field", "kind"}});
  }
  return *kind;
}

std::string KindWords(honours::CampaignKind kind, http::Lang lang) {
  switch (kind) {
    case honours::CampaignKind::kBestRider:
      return Words("honours.kind_best_rider", lang);
    case honours::CampaignKind::kBestCourier:
      return Words("honours.kind_best_courier", lang);
    case honours::CampaignKind::kSkillsChampion:
      return Words("honours.kind_skills_champion", lang);
    case honours::CampaignKind::kGridReporter:
      break;
  }
  return Words("honours.kind_grid_reporter", lang);
}

/// What the QR code on a certificate opens: the public verify page.
std::string VerifyUrl(const Services& services, std::string_view serial) {
  return fmt::format("{}/#/honours/certificates/{}", services.public_url, serial);
}

}  // namespace

void RegisterHonourRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;

  Declare(router, services, {http::Method::kGet, "/api/v1/honours/campaigns", audience::kAnyone},
          [&services](Call& call) {
            const auto lang = http::PreferredLang(call.request);
            json::array items;
            for (const auto& campaign : HonoursOf(services).List(100))
              items.push_back(CampaignJson(services, campaign, lang));
            return http::Json(200, json::object{{"items", std::move(items)}});
          });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/honours/campaigns", audience::kCommunityOfficers, kCampaignFields},
          [&services](Call& call) {
            honours::CampaignInput input = CampaignInputOf(call.body);
            input.kind = Take(KindOf(call.body));
            auto campaign =
                Take(HonoursOf(services).Create(call.caller(), std::string(core::StringOr(call.body, "area_code")),
                                                input, OptionalInt(call.body, "pool_id"), storage::NowSeconds()));
            return http::Json(201, CampaignJson(services, campaign, http::PreferredLang(call.request)));
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/honours/campaigns/{id}", audience::kAnyoneSignedInSeesMore},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto view = Take(HonoursOf(services).View(id, call.principal));
            return http::Json(200, ViewJson(services, view, call.principal, http::PreferredLang(call.request)));
          });

  Declare(router, services,
          {http::Method::kPut, "/api/v1/honours/campaigns/{id}", audience::kCommunityOfficers, kCampaignFields},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            honours::CampaignInput input = CampaignInputOf(call.body);
            input.kind = Take(KindOf(call.body));
            auto campaign = Take(HonoursOf(services).Update(call.caller(), id, input, OptionalInt(call.body, "pool_id"),
                                                            storage::NowSeconds()));
            return http::Json(200, CampaignJson(services, campaign, http::PreferredLang(call.request)));
          });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/honours/campaigns/{id}/advance", audience::kCommunityOfficers, kAdvanceFields},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            const auto to = honours::ParseStage(core::StringOr(call.body, "to"));
            if (!to) {
              return http::Problem(core::MakeProblem(core::ErrorCode::kValidationFailed, "bad_stage_name",
                                                     "honours.bad_stage_name", "to: reviewing, voting or announced",
                                                     json::object{{"field", "to"}}));
            }
            auto campaign = Take(HonoursOf(services).Advance(call.caller(), id, *to, storage::NowSeconds()));
            return http::Json(200, CampaignJson(services, campaign, http::PreferredLang(call.request)));
          });

  Declare(router, services,
          {http::Method::kGet, "/api/v1/honours/campaigns/{id}/nominations", audience::kAnyoneSignedInSeesMore},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto view = Take(HonoursOf(services).View(id, call.principal));
            const auto status = call.request.QueryParam("status");
            json::array items;
            for (const auto& nomination : view.nominations) {
              if (status && !status->empty() && honours::NominationStatusName(nomination.status) != *status) continue;
              items.push_back(NominationJson(nomination, view.officer_view));
            }
            return http::Json(200, json::object{{"items", std::move(items)}, {"officer", view.officer_view}});
          });

  Declare(
      router, services,
      {http::Method::kPost, "/api/v1/honours/campaigns/{id}/nominations", audience::kReportParties, kNominationFields},
      [&services](Call& call) {
        const long long id = Take(IdParam(call.request, "id"));
        honours::NominationInput input;
        input.worker_id = OptionalInt(call.body, "worker_id");
        input.account_id = OptionalInt(call.body, "account_id");
        input.citation = std::string(core::StringOr(call.body, "citation"));
        auto nomination = Take(HonoursOf(services).Nominate(call.caller(), id, input, storage::NowSeconds()));
        return http::Json(201, NominationJson(nomination, false));
      });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/honours/nominations/{id}/review", audience::kOfficers, kReviewFields},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            const json::value* accept = call.body.if_contains("accept");
            auto nomination = Take(HonoursOf(services).Review(call.caller(), id, accept != nullptr && accept->as_bool(),
                                                              std::string(core::StringOr(call.body, "reason")),
                                                              storage::NowSeconds()));
            return http::Json(200, NominationJson(nomination, true));
          });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/honours/campaigns/{id}/votes", audience::kSignedIn, kVoteFields},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            const long long nomination_id = OptionalInt(call.body, "nomination_id").value_or(0);
            auto view = Take(HonoursOf(services).Vote(call.caller(), id, nomination_id, call.request.remote_address,
                                                      storage::NowSeconds()));
            return http::Json(201, ViewJson(services, view, call.principal, http::PreferredLang(call.request)));
          });

  Declare(router, services,
          {http::Method::kGet, "/api/v1/honours/campaigns/{id}/results", audience::kAnyoneSignedInSeesMore},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            const auto lang = http::PreferredLang(call.request);
            auto results = Take(HonoursOf(services).ResultsOf(id, call.principal));
            const bool officer = call.principal != nullptr && honours::MayReview(call.principal->role) &&
                                 areas::PathWithin(results.campaign.area_path, call.principal->area_path);
            json::array lines;
            for (const auto& line : results.lines) {
              json::object item = NominationJson(line.nomination, officer);
              item["votes"] = line.ranked.votes;
              item["rank"] = line.ranked.rank;
              item["winner"] = line.ranked.winner;
              item["certificate_serial"] =
                  line.certificate ? json::value(line.certificate->serial) : json::value(nullptr);
              item["certificate_revoked"] = line.certificate && line.certificate->revoked_at.has_value();
              lines.push_back(std::move(item));
            }
            json::object out{{"campaign", CampaignJson(services, results.campaign, lang)},
                             {"final", results.final},
                             {"lines", std::move(lines)}};
            if (officer) out["flagged_votes"] = results.flagged_votes;
            return http::Json(200, std::move(out));
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/me/honours", audience::kWorkers}, [&services](Call& call) {
    const auto lang = http::PreferredLang(call.request);
    json::array items;
    for (const auto& own : HonoursOf(services).Mine(call.caller(), 100)) {
      // Votes and ranks are published with the announcement, to the nominee as to everyone.
      const bool announced = own.campaign.stage == honours::Stage::kAnnounced;
      const bool ranked = announced && own.nomination.rank.has_value();
      json::value certificate = nullptr;
      if (own.certificate) {
        const auto status =
            own.certificate->revoked_at ? honours::CertificateStatus::kRevoked : honours::CertificateStatus::kValid;
        certificate = json::object{{"serial", own.certificate->serial},
                                   {"status", honours::CertificateStatusName(status)},
                                   {"issued_at", own.certificate->issued_at},
                                   {"revoked_at", OrNull(own.certificate->revoked_at)}};
      }
      items.push_back(json::object{{"nomination_id", own.nomination.id},
                                   {"campaign", CampaignJson(services, own.campaign, lang)},
                                   {"honour", KindWords(own.campaign.kind, lang)},
                                   {"name", own.nomination.nominee_name},
                                   {"citation", own.nomination.citation},
                                   {"status", honours::NominationStatusName(own.nomination.status)},
                                   {"nominated_at", own.nomination.nominated_at},
                                   {"votes", ranked ? json::value(own.votes) : json::value(nullptr)},
                                   {"rank", ranked ? json::value(*own.nomination.rank) : json::value(nullptr)},
                                   {"winner", ranked && own.nomination.winner},
                                   {"certificate", std::move(certificate)},
                                   {"prize_points", own.prize_points}});
    }
    return http::Json(200, json::object{{"items", std::move(items)}});
  });

  Declare(router, services, {http::Method::kGet, "/api/v1/honours/certificates/{serial}", audience::kAnyone},
          [&services](Call& call) {
            const std::string serial(call.request.PathParam("serial"));
            const auto lang = http::PreferredLang(call.request);
            const honours::Verification verified = HonoursOf(services).Verify(serial);
            json::object out{{"serial", serial}, {"status", honours::CertificateStatusName(verified.status)}};
            if (verified.certificate && verified.campaign) {
              const auto& certificate = *verified.certificate;
              out["name"] = core::MaskName(certificate.nominee_name);
              out["nominee_kind"] = verified.nominee_kind;
              out["campaign"] = CampaignJson(services, *verified.campaign, lang);
              out["honour"] = KindWords(verified.campaign->kind, lang);
              out["issued_at"] = certificate.issued_at;
              out["revoked_at"] = OrNull(certificate.revoked_at);
              out["revoke_reason"] =
                  certificate.revoked_at ? json::value(certificate.revoke_reason) : json::value(nullptr);
            }
            return http::Json(200, std::move(out));
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/honours/certificates/{serial}/pdf", audience::kSignedIn},
          [&services](Call& call) {
            const std::string serial(call.request.PathParam("serial"));
            const auto lang = http::PreferredLang(call.request);
            const honours::Verification verified = HonoursOf(services).Verify(serial);
            if (!verified.campaign || !verified.certificate)
              return http::Problem(core::MakeError(core::ErrorCode::kNotFound, "no such certificate"));
            const auto& campaign = *verified.campaign;
            honours::CertificateWords words;
            words.heading = Words("honours.certificate_heading", lang);
            words.awarded = Words("honours.certificate_awarded", lang, json::object{{"campaign", campaign.title}});
            words.honour = KindWords(campaign.kind, lang);
            words.verify_hint = Words("honours.certificate_verify_hint", lang);
            words.serial_label = Words("honours.certificate_serial", lang);
            words.issued_line = Words("honours.certificate_issued", lang,
                                      json::object{{"area", AreaName(services, campaign.area_code, lang)},
                                                   {"date", schedule::BeijingDate(verified.certificate->issued_at)}});
            return CertificatePdfResponse(
                Take(HonoursOf(services).Pdf(call.caller(), serial, words, VerifyUrl(services, serial))), serial);
          });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/honours/certificates/{serial}/revoke", audience::kCommunityOfficers,
           kRevokeFields},
          [&services](Call& call) {
            const std::string serial(call.request.PathParam("serial"));
            auto certificate = Take(HonoursOf(services).Revoke(
                call.caller(), serial, std::string(core::StringOr(call.body, "reason")), storage::NowSeconds()));
            return http::Json(200, json::object{{"serial", certificate.serial},
                                                {"status", "revoked"},
                                                {"revoked_at", OrNull(certificate.revoked_at)},
                                                {"revoke_reason", certificate.revoke_reason}});
          });
}

}  // namespace youhao::api
