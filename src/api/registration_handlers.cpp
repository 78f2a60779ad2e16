#include <boost/json/serialize.hpp>

#include <cmath>

#include "api/api_internal.h"
#include "api/messages/catalogue.h"
#include "core/platforms.h"
#include "core/text.h"
#include "http/json_body.h"
#include "media/image_sanitizer.h"
#include "passes/pass_codec.h"

namespace youhao::api {

namespace {

constexpr core::FieldSpec kRegisterFields[] = {
    {.name = "phone", .type = core::FieldType::kString, .required = true, .max_length = 11},
    {.name = "password", .type = core::FieldType::kString, .required = true, .max_length = 128},
    {.name = "name", .type = core::FieldType::kString, .required = true, .max_length = 20},
    {.name = "kind", .type = core::FieldType::kString, .required = true, .max_length = 10},
    {.name = "platform", .type = core::FieldType::kString, .required = true, .max_length = 20},
    {.name = "depot_id", .type = core::FieldType::kInteger, .required = true},
    {.name = "community_code", .type = core::FieldType::kString, .max_length = 32, .allow_empty = true},
    {.name = "plate", .type = core::FieldType::kString, .max_length = 16, .allow_empty = true},
    {.name = "convention_accepted", .type = core::FieldType::kBoolean, .required = true},
    {.name = "code", .type = core::FieldType::kString, .required = true, .max_length = 6},
};

constexpr core::FieldSpec kCodeFields[] = {
    {.name = "phone", .type = core::FieldType::kString, .required = true, .max_length = 11},
};

constexpr core::FieldSpec kStatusFields[] = {
    {.name = "status", .type = core::FieldType::kString, .required = true, .max_length = 16},
    {.name = "reason", .type = core::FieldType::kString, .required = true, .max_length = 200},
};

constexpr std::size_t kPhotoLimit = std::size_t{5} * 1024 * 1024;

/// `phone` and `login` only for the worker themself: the full number, and the login that lists
/// show (never the phone, which the worker signs in with).
boost::json::object ProfileJson(const registry::WorkerProfile& worker, const std::optional<std::string>& phone = {},
                                const std::optional<std::string>& login = {}) {
  return {{"id", worker.id},
          {"name", worker.name},
          {"kind", worker.kind},
          {"platform", worker.platform},
          {"depot", worker.depot},
          {"phone_masked", worker.phone_masked},
          {"phone", phone ? boost::json::value(*phone) : nullptr},
          {"login", login ? boost::json::value(*login) : nullptr},
          {"plate", worker.plate},
          {"status", worker.status},
          {"area_code", worker.area_code},
          {"convention_signed_at",
           worker.convention_signed_at ? boost::json::value(*worker.convention_signed_at) : nullptr},
          {"has_photo", worker.has_photo}};
}

/// Who verifies the worker, the usual wait, a contact and the latest decision (for the rider's
/// pending screen and the outcome on their home).
boost::json::object OutlookJson(const registry::VerificationOutlook& outlook) {
  boost::json::value contact = nullptr;
  if (outlook.contact) {
    contact = {{"name", outlook.contact->name},
               {"phone", outlook.contact->phone.empty() ? boost::json::value(nullptr)
                                                        : boost::json::value(outlook.contact->phone)},
               {"address", outlook.contact->address},
               {"kind", "station"}};
  }
  boost::json::value decision = nullptr;
  if (outlook.decision) {
    decision = {{"from", outlook.decision->from},
                {"to", outlook.decision->to},
                {"reason", outlook.decision->reason},
                {"at", outlook.decision->at}};
  }
  return {{"verifier",
           {{"area_code", outlook.area_code},
            {"area_name", outlook.area_name},
            {"area_level", outlook.area_level},
            {"role", outlook.area_level == "community" ? "community_officer" : "officer"}}},
          {"wait",
           {{"median_hours", outlook.wait.median_hours ? boost::json::value(*outlook.wait.median_hours) : nullptr},
            {"samples", outlook.wait.samples}}},
          {"contact", std::move(contact)},
          {"decision", std::move(decision)}};
}

/// Wakes the open bells of `logins` (after the commit that wrote to them).
void WakeInboxes(const Services& services, const std::vector<std::string>& logins) {
  if (services.notifications == nullptr) return;
  for (const std::string& login : logins) services.notifications->Wake(login);
}

}  // namespace

void RegisterRegistrationRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;
  Declare(router, services, {http::Method::kGet, "/api/v1/register/options", audience::kAnyone}, [&services](Call&) {
    boost::json::array platforms;
    for (std::uint8_t i = 0; i < 6; ++i) platforms.push_back({{"index", i}, {"name", passes::PlatformName(i)}});
    boost::json::array kinds;
    for (std::string_view kind : core::kWorkerKinds) {
      kinds.push_back({{"code", kind}, {"label_zh", Words("workers.kind." + std::string(kind), http::Lang::kZhCn)}});
    }
    boost::json::array depots;
    for (const auto& depot : services.registration.Depots()) {
      depots.push_back({{"id", depot.id}, {"name", depot.name}, {"platform", depot.platform}});
    }
    return http::Json(
        200, boost::json::object{
                 {"platforms", std::move(platforms)}, {"kinds", std::move(kinds)}, {"depots", std::move(depots)}});
  });

  // The communities a rider registering at a depot may choose, the suggestion first.
  Declare(router, services, {http::Method::kGet, "/api/v1/register/communities", audience::kAnyone},
          [&services](Call& call) {
            const http::Request& request = call.request;
            auto depot_id = Take(http::IntegerParam(request, "depot_id", 0, 1, 1'000'000'000'000));
            if (!request.QueryParam("depot_id")) {
              return http::Problem(
                  core::MakeError(core::ErrorCode::kValidationFailed, "query parameter \"depot_id\" is required"));
            }
            const std::string_view text = core::Trim(request.QueryParam("q").value_or(""));
            if (core::CountCodePoints(text) > 20 || core::HasControlCharacters(text)) {
              return http::Problem(
                  core::MakeError(core::ErrorCode::kValidationFailed, "q must be at most 20 characters of text"));
            }
            auto choices = Take(services.directory.CommunityChoices(depot_id, text));
            boost::json::array items;
            for (const auto& choice : choices) {
              items.push_back({{"code", choice.code},
                               {"name", choice.name_zh},
                               {"street_name", choice.street_name},
                               {"distance_m", choice.distance_m ? boost::json::value(std::lround(*choice.distance_m))
                                                                : boost::json::value(nullptr)},
                               {"suggested", choice.suggested}});
            }
            return http::Json(200, boost::json::object{{"items", std::move(items)}});
          });

  // A one-time code to the phone: the same 202 whether or not the phone is registered.
  Declare(router, services, {http::Method::kPost, "/api/v1/register/code", audience::kAnyone, kCodeFields},
          [&services](Call& call) {
            auto sent = Take(services.registration.RequestCode(core::StringOr(call.body, "phone"),
                                                               call.request.remote_address, storage::NowSeconds()));
            boost::json::object json{{"sent", true}, {"expires_in", sent.expires_in}, {"resend_in", sent.resend_in}};
            if (sent.demo_code) json["demo_code"] = *sent.demo_code;
            http::Response response = http::Json(202, json);
            response.SetHeader("Cache-Control", "no-store");
            return response;
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/register", audience::kAnyone, kRegisterFields},
          [&services](Call& call) {
            const boost::json::object& body = call.body;
            registry::Registration registration;
            registration.phone = core::StringOr(body, "phone");
            registration.password = core::StringOr(body, "password");
            registration.name = core::StringOr(body, "name");
            registration.kind = core::StringOr(body, "kind");
            registration.platform = core::StringOr(body, "platform");
            registration.depot_id = body.at("depot_id").to_number<long long>();
            registration.community_code = core::StringOr(body, "community_code");
            registration.plate = core::StringOr(body, "plate");
            registration.convention_accepted = body.at("convention_accepted").as_bool();
            registration.code = core::StringOr(body, "code");
            auto result = Take(services.registration.Register(registration));
            return SessionResponse(services, result);
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/workers/me", audience::kWorkers}, [&services](Call& call) {
    auto worker = services.registration.FindByAccount(call.caller().account_id);
    if (!worker)
      return http::Problem(core::MakeError(core::ErrorCode::kNotFound, "this account is not a registered worker"));
    boost::json::value pass = nullptr;
    if (auto current = services.passes.CurrentPass(worker->id)) {
      pass = {{"pass_id", current->pass_id}, {"expires_at", current->expires_at}, {"key_id", current->key_id}};
    }
    auto phone = services.registration.ReadPhone(call.caller(), worker->id);
    const registry::VerificationOutlook outlook =
        services.directory.Outlook(worker->id, worker->area_code, worker->area_path, storage::NowSeconds());
    http::Response response = http::Json(
        200, boost::json::object{
                 {"worker", ProfileJson(*worker, phone.ok() ? std::optional<std::string>(*phone) : std::nullopt,
                                        call.caller().login)},
                 {"pass", pass},
                 {"verification", OutlookJson(outlook)}});
    response.SetHeader("Cache-Control", "no-store");
    return response;
  });

  Declare(router, services,
          {.method = http::Method::kPut,
           .pattern = "/api/v1/workers/me/photo",
           .audience = audience::kWorkers,
           .options = {.upload = true}},
          [&services](Call& call) {
            const http::Request& request = call.request;
            auto worker = services.registration.FindByAccount(call.caller().account_id);
            if (!worker)
              return http::Problem(core::MakeError(core::ErrorCode::kForbidden, "only workers upload a worker photo"));
            if (request.body.size() > kPhotoLimit) {
              return http::Problem(core::MakeError(core::ErrorCode::kBodyTooLarge, "the photo must be at most 5 MiB"));
            }
            auto image = Take(media::SanitizeImage(request.body));
            services.registration.SetPhoto(worker->id, image.content_type, image.bytes);
            return http::Empty(204);
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/workers/{id}/photo", audience::kSignedIn},
          [&services](Call& call) {
            auto id = Take(IdParam(call.request, "id"));
            auto photo = Take(services.registration.Photo(call.caller(), id));
            http::Response response;
            response.content_type = photo.first;
            response.body = std::move(photo.second);
            response.SetHeader("Cache-Control", "private, max-age=300");
            return response;
          });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/workers/{id}/status", audience::kWorkerListers, kStatusFields},
          [&services](Call& call) {
            auto id = Take(IdParam(call.request, "id"));
            auto worker = Take(services.registration.SetStatus(call.caller(), id, core::StringOr(call.body, "status"),
                                                               core::StringOr(call.body, "reason")));
            if (worker.account_id) {
              if (auto account = services.accounts.Find(*worker.account_id)) WakeInboxes(services, {account->login});
            }
            return http::Json(200, boost::json::object{{"worker", ProfileJson(worker)}});
          });

  // The full number, for an officer who must call the rider: each read is in the audit log.
  Declare(router, services, {http::Method::kGet, "/api/v1/workers/{id}/phone", audience::kOfficers},
          [&services](Call& call) {
            auto id = Take(IdParam(call.request, "id"));
            auto phone = Take(services.registration.ReadPhone(call.caller(), id));
            http::Response response = http::Json(200, boost::json::object{{"worker_id", id}, {"phone", phone}});
            response.SetHeader("Cache-Control", "no-store");
            return response;
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/workers/{id}/history", audience::kSignedIn},
          [&services](Call& call) {
            auto id = Take(IdParam(call.request, "id"));
            auto history = Take(services.registration.History(call.caller(), id));
            boost::json::array items;
            for (const auto& change : history) {
              items.push_back({{"at", change.at},
                               {"from", change.from},
                               {"to", change.to},
                               {"reason", change.reason},
                               {"actor_login", change.actor_login}});
            }
            return http::Json(200, boost::json::object{{"items", std::move(items)}});
          });

  Declare(router, services,
          {.method = http::Method::kPost,
           .pattern = "/api/v1/workers/roster",
           .audience = audience::kWorkerListers,
           .options = {.upload = true}},
          [&services](Call& call) {
            const http::Request& request = call.request;
            auto content_type = request.Header("content-type").value_or("");
            if (!content_type.starts_with("text/csv")) {
              return http::Problem(
                  core::MakeError(core::ErrorCode::kUnsupportedMediaType, "send the roster as Content-Type: text/csv"));
            }
            auto result = Take(services.registration.ImportRoster(call.caller(), request.body));
            WakeInboxes(services, result.told);
            boost::json::array unmatched;
            for (const auto& row : result.unmatched) {
              unmatched.push_back({{"line", row.line}, {"phone_masked", row.phone_masked}, {"reason", row.reason}});
            }
            return http::Json(200, boost::json::object{{"rows", result.rows},
                                                       {"verified", result.verified},
                                                       {"already_verified", result.already_verified},
                                                       {"unmatched", std::move(unmatched)}});
          });
}

}  // namespace youhao::api
