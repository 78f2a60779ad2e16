#include <boost/json/serialize.hpp>

#include "api/api_internal.h"
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
    {.name = "plate", .type = core::FieldType::kString, .max_length = 16, .allow_empty = true},
    {.name = "convention_accepted", .type = core::FieldType::kBoolean, .required = true},
};

constexpr core::FieldSpec kStatusFields[] = {
    {.name = "status", .type = core::FieldType::kString, .required = true, .max_length = 16},
    {.name = "reason", .type = core::FieldType::kString, .required = true, .max_length = 200},
};

constexpr std::size_t kPhotoLimit = 5 * 1024 * 1024;

boost::json::object ProfileJson(const registry::WorkerProfile& worker, bool show_phone) {
  return {{"id", worker.id},
          {"name", worker.name},
          {"kind", worker.kind},
          {"platform", worker.platform},
          {"depot", worker.depot},
          {"phone_masked", core::MaskPhone(worker.phone)},
          {"phone", show_phone ? boost::json::value(worker.phone) : nullptr},
          {"plate", worker.plate},
          {"status", worker.status},
          {"area_code", worker.area_code},
          {"convention_signed_at",
           worker.convention_signed_at ? boost::json::value(*worker.convention_signed_at) : nullptr},
          {"has_photo", worker.has_photo}};
}

}  // namespace

void RegisterRegistrationRoutes(http::Router& router, Services& services) {
  router.Add(http::Method::kGet, "/api/v1/register/options", [&services](http::Request&) {
    boost::json::array platforms;
    for (std::uint8_t i = 0; i < 6; ++i) platforms.push_back({{"index", i}, {"name", passes::PlatformName(i)}});
    boost::json::array kinds = {{{"code", "food"}, {"label_zh", "外卖骑手"}},
                                {{"code", "parcel"}, {"label_zh", "快递员"}},
                                {{"code", "ride"}, {"label_zh", "网约车司机"}},
                                {{"code", "truck"}, {"label_zh", "货车司机"}}};
    boost::json::array depots;
    for (const auto& depot : services.registration.Depots()) {
      depots.push_back({{"id", depot.id}, {"name", depot.name}, {"platform", depot.platform}});
    }
    return http::Json(
        200, boost::json::object{
                 {"platforms", std::move(platforms)}, {"kinds", std::move(kinds)}, {"depots", std::move(depots)}});
  });

  router.Add(http::Method::kPost, "/api/v1/register", [&services](http::Request& request) {
    auto body = http::JsonBody(request, kRegisterFields);
    if (!body.ok()) return http::Problem(body.error());
    registry::Registration registration;
    registration.phone = core::StringOr(*body, "phone");
    registration.password = core::StringOr(*body, "password");
    registration.name = core::StringOr(*body, "name");
    registration.kind = core::StringOr(*body, "kind");
    registration.platform = core::StringOr(*body, "platform");
    registration.depot_id = body->at("depot_id").to_number<long long>();
    registration.plate = core::StringOr(*body, "plate");
    registration.convention_accepted = body->at("convention_accepted").as_bool();
    auto result = services.registration.Register(registration, request.remote_address);
    if (!result.ok()) return http::Problem(result.error());
    return SessionResponse(*result);
  });

  router.Add(http::Method::kGet, "/api/v1/workers/me", [&services](http::Request& request) {
    auto principal = Authenticate(request, services.accounts);
    if (!principal.ok()) return http::Problem(principal.error());
    auto worker = services.registration.FindByAccount(principal->account_id);
    if (!worker)
      return http::Problem(core::MakeError(core::ErrorCode::kNotFound, "this account is not a registered worker"));
    boost::json::value pass = nullptr;
    if (auto current = services.passes.CurrentPass(worker->id)) {
      pass = {{"pass_id", current->pass_id}, {"expires_at", current->expires_at}, {"key_id", current->key_id}};
    }
    return http::Json(200, boost::json::object{{"worker", ProfileJson(*worker, true)}, {"pass", pass}});
  });

  router.Add(
      http::Method::kPut, "/api/v1/workers/me/photo",
      [&services](http::Request& request) {
        auto principal = Authenticate(request, services.accounts);
        if (!principal.ok()) return http::Problem(principal.error());
        auto worker = services.registration.FindByAccount(principal->account_id);
        if (!worker)
          return http::Problem(core::MakeError(core::ErrorCode::kForbidden, "only workers upload a worker photo"));
        if (request.body.size() > kPhotoLimit) {
          return http::Problem(core::MakeError(core::ErrorCode::kBodyTooLarge, "the photo must be at most 5 MiB"));
        }
        auto image = media::SanitizeImage(request.body);
        if (!image.ok()) return http::Problem(image.error());
        services.registration.SetPhoto(worker->id, image->content_type, image->bytes);
        return http::Empty(204);
      },
      {.upload = true});

  router.Add(http::Method::kGet, "/api/v1/workers/{id}/photo", [&services](http::Request& request) {
    auto principal = Authenticate(request, services.accounts);
    if (!principal.ok()) return http::Problem(principal.error());
    auto id = IdParam(request, "id");
    if (!id.ok()) return http::Problem(id.error());
    auto photo = services.registration.Photo(*principal, *id);
    if (!photo.ok()) return http::Problem(photo.error());
    http::Response response;
    response.content_type = photo->first;
    response.body = std::move(photo->second);
    response.SetHeader("Cache-Control", "private, max-age=300");
    return response;
  });

  router.Add(http::Method::kPost, "/api/v1/workers/{id}/status", [&services](http::Request& request) {
    auto principal = Authenticate(request, services.accounts);
    if (!principal.ok()) return http::Problem(principal.error());
    auto id = IdParam(request, "id");
    if (!id.ok()) return http::Problem(id.error());
    auto body = http::JsonBody(request, kStatusFields);
    if (!body.ok()) return http::Problem(body.error());
    auto worker = services.registration.SetStatus(*principal, *id, core::StringOr(*body, "status"),
                                                  core::StringOr(*body, "reason"));
    if (!worker.ok()) return http::Problem(worker.error());
    return http::Json(200, boost::json::object{{"worker", ProfileJson(*worker, false)}});
  });

  router.Add(http::Method::kGet, "/api/v1/workers/{id}/history", [&services](http::Request& request) {
    auto principal = Authenticate(request, services.accounts);
    if (!principal.ok()) return http::Problem(principal.error());
    auto id = IdParam(request, "id");
    if (!id.ok()) return http::Problem(id.error());
    auto history = services.registration.History(*principal, *id);
    if (!history.ok()) return http::Problem(history.error());
    boost::json::array items;
    for (const auto& change : *history) {
      items.push_back({{"at", change.at},
                       {"from", change.from},
                       {"to", change.to},
                       {"reason", change.reason},
                       {"actor_login", change.actor_login}});
    }
    return http::Json(200, boost::json::object{{"items", std::move(items)}});
  });

  router.Add(http::Method::kPost, "/api/v1/workers/roster",
             [&services](http::Request& request) {
               auto principal = Authenticate(request, services.accounts);
               if (!principal.ok()) return http::Problem(principal.error());
               auto content_type = request.Header("content-type").value_or("");
               if (!content_type.starts_with("text/csv")) {
                 return http::Problem(core::MakeError(core::ErrorCode::kUnsupportedMediaType,
                                                      "send the roster as Content-Type: text/csv"));
               }
               auto result = services.registration.ImportRoster(*principal, request.body);
               if (!result.ok()) return http::Problem(result.error());
               boost::json::array unmatched;
               for (const auto& row : result->unmatched) {
                 unmatched.push_back({{"line", row.line}, {"phone_masked", row.phone_masked}, {"reason", row.reason}});
               }
               return http::Json(200, boost::json::object{{"rows", result->rows},
                                                          {"verified", result->verified},
                                                          {"already_verified", result->already_verified},
                                                          {"unmatched", std::move(unmatched)}});
             },
             {.upload = true});
}

}  // namespace youhao::api
