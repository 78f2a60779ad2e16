// Micro-wishes (微心愿) over HTTP: the public wall (anonymised: kind of worker, community, the wish;
// never a name, phone or face), posting, the community's review, withdrawal, a sponsor's claim and
// fulfilment (the photo rebuilt from its pixels like every upload), the worker's confirmation with
// thanks, one's own wishes, and the fulfilment photo for those who see the wish's private fields.

#include <algorithm>
#include <limits>

#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/api_internal.h"
#include "api/endpoint.h"
#include "api/messages/catalogue.h"
#include "core/text.h"
#include "http/i18n.h"
#include "http/json_body.h"
#include "media/image_sanitizer.h"
#include "media/thumbnail.h"
#include "storage/database.h"
#include "wishes/wish_service.h"

namespace youhao::api {

namespace {

namespace json = boost::json;

constexpr std::size_t kMaxPhotoBytes = std::size_t{8} * 1024 * 1024;

constexpr core::FieldSpec kPostFields[] = {
    {.name = "title", .type = core::FieldType::kString, .required = true, .max_length = wishes::kMaxTitle},
    {.name = "reason", .type = core::FieldType::kString, .required = true, .max_length = wishes::kMaxReason},
    {.name = "category", .type = core::FieldType::kString, .required = true, .max_length = 16},
    {.name = "value_yuan", .type = core::FieldType::kInteger, .required = true},
    {.name = "worker_id", .type = core::FieldType::kInteger, .nullable = true},
};

constexpr core::FieldSpec kRejectFields[] = {
    {.name = "reason", .type = core::FieldType::kString, .required = true, .max_length = wishes::kMaxNote},
};

constexpr core::FieldSpec kConfirmFields[] = {
    {.name = "thanks", .type = core::FieldType::kString, .required = true, .max_length = wishes::kMaxNote},
};

wishes::WishService& WishesOf(Services& services) { return *Take(Enabled(services.wishes, "wishes")); }

std::string WishPhotoUrl(std::string_view public_id) { return fmt::format("/api/v1/wish-photos/{}", public_id); }

json::value OptionalJson(const std::optional<long long>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

/// A wish as the wall shows it to anyone; with `private_view`, the fields its worker, the staff
/// of its community and its claiming sponsor see.
json::object WishJson(const wishes::Wish& wish, bool private_view, http::Lang lang, const accounts::Principal* caller) {
  json::object out{{"id", wish.id},
                   {"title", wish.title},
                   {"reason", wish.reason},
                   {"category", wish.category},
                   {"value_yuan", wish.value_yuan},
                   {"status", wishes::WishStatusName(wish.status)},
                   {"worker_kind", wish.worker_kind},
                   {"worker_kind_label", Words("workers.kind." + wish.worker_kind, lang)},
                   {"community", wish.community_name},
                   {"created_at", wish.created_at},
                   {"sponsor", wish.claim ? json::value(wish.claim->sponsor_name) : json::value(nullptr)},
                   {"private", private_view}};
  if (!private_view) return out;
  out["area_code"] = wish.area_code;
  // The claiming sponsor sees its claim, never who the worker is.
  if (caller == nullptr || caller->role != accounts::Role::kSponsor) {
    out["worker_id"] = wish.worker_id;
    out["worker_name"] = wish.worker_name;
    out["posted_by"] = wish.posted_by;
  }
  out["reviewed_by"] = wish.reviewed_by;
  out["reviewed_at"] = OptionalJson(wish.reviewed_at);
  out["reject_reason"] = wish.reject_reason;
  out["updated_at"] = wish.updated_at;
  if (wish.claim) {
    const wishes::Claim& claim = *wish.claim;
    out["claim"] = json::object{
        {"id", claim.id},
        {"sponsor_id", claim.sponsor_id},
        {"sponsor", claim.sponsor_name},
        {"status", claim.status},
        {"claimed_at", claim.claimed_at},
        {"due_at", claim.due_at},
        {"fulfilled_at", OptionalJson(claim.fulfilled_at)},
        {"note", claim.note},
        {"photo",
         claim.photo_public_id.empty() ? json::value(nullptr) : json::value(WishPhotoUrl(claim.photo_public_id))},
        {"thumbnail", claim.photo_public_id.empty() ? json::value(nullptr)
                                                    : json::value(WishPhotoUrl(claim.photo_public_id) + "?size=thumb")},
        {"confirmed_at", OptionalJson(claim.confirmed_at)},
        {"thanks", claim.thanks}};
  } else {
    out["claim"] = nullptr;
  }
  return out;
}

json::object PageJson(const wishes::WishPage& page, http::Lang lang, const accounts::Principal* caller) {
  json::array items;
  for (std::size_t i = 0; i < page.items.size(); ++i)
    items.push_back(WishJson(page.items[i], page.private_view[i], lang, caller));
  return {{"items", std::move(items)}, {"next_before", OptionalJson(page.next_before)}};
}

core::Error BadStatus() {
  return core::MakeProblem(core::ErrorCode::kValidationFailed, "bad_wish_status", "wish.bad_status",
                           "status: submitted, verified, claimed, fulfilled, confirmed, rejected or withdrawn",
                           json::object{{"field", "status"}});
}

/// ?status=verified,claimed: the statuses asked for (empty: the wall's).
core::Result<std::vector<wishes::WishStatus>> StatusesParam(const http::Request& request) {
  std::vector<wishes::WishStatus> statuses;
  const std::string_view text = request.QueryParam("status").value_or("");
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const auto status = wishes::ParseWishStatus(text.substr(start, comma - start));
    if (!status) return BadStatus();
    statuses.push_back(*status);
    start = comma + 1;
  }
  return statuses;
}

std::optional<long long> BeforeParam(const http::Request& request) {
  const auto text = request.QueryParam("before");
  if (!text) return std::nullopt;
  return Take(http::IntegerParam(request, "before", 0, 1, std::numeric_limits<long long>::max()));
}

}  // namespace

void RegisterWishRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;

  Declare(router, services, {http::Method::kGet, "/api/v1/wishes", audience::kAnyoneSignedInSeesMore},
          [&services](Call& call) {
            auto statuses = Take(StatusesParam(call.request));
            const auto limit = Take(http::IntegerParam(call.request, "limit", 20, 1, 100));
            auto page = Take(WishesOf(services).Wall(call.principal, std::move(statuses), BeforeParam(call.request),
                                                     static_cast<int>(limit), storage::NowSeconds()));
            return http::Json(200, PageJson(page, http::PreferredLang(call.request), call.principal));
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/wishes", audience::kWishPosters, kPostFields},
          [&services](Call& call) {
            wishes::WishInput input;
            input.title = std::string(core::StringOr(call.body, "title"));
            input.reason = std::string(core::StringOr(call.body, "reason"));
            input.category = std::string(core::StringOr(call.body, "category"));
            input.value_yuan = call.body.at("value_yuan").as_int64();
            std::optional<long long> worker_id;
            if (const auto* worker = call.body.if_contains("worker_id"); worker != nullptr && !worker->is_null())
              worker_id = worker->as_int64();
            auto wish =
                Take(WishesOf(services).Post(call.caller(), worker_id, std::move(input), storage::NowSeconds()));
            return http::Json(201, WishJson(wish, true, http::PreferredLang(call.request), call.principal));
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/wishes/{id}", audience::kAnyoneSignedInSeesMore},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto [wish, private_view] = Take(WishesOf(services).Get(id, call.principal, storage::NowSeconds()));
            return http::Json(200, WishJson(wish, private_view, http::PreferredLang(call.request), call.principal));
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/wishes/{id}/verify", audience::kCommunityOfficers},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto wish = Take(WishesOf(services).Verify(call.caller(), id, storage::NowSeconds()));
            return http::Json(200, WishJson(wish, true, http::PreferredLang(call.request), call.principal));
          });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/wishes/{id}/reject", audience::kCommunityOfficers, kRejectFields},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto wish = Take(WishesOf(services).Reject(
                call.caller(), id, std::string(core::StringOr(call.body, "reason")), storage::NowSeconds()));
            return http::Json(200, WishJson(wish, true, http::PreferredLang(call.request), call.principal));
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/wishes/{id}/withdraw", audience::kWishPosters},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto wish = Take(WishesOf(services).Withdraw(call.caller(), id, storage::NowSeconds()));
            return http::Json(200, WishJson(wish, true, http::PreferredLang(call.request), call.principal));
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/wishes/{id}/claim", audience::kSponsors},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto wish = Take(WishesOf(services).Claim(call.caller(), id, storage::NowSeconds()));
            return http::Json(201, WishJson(wish, true, http::PreferredLang(call.request), call.principal));
          });

  // The body is the photo itself; the note comes in ?note= (URL-encoded UTF-8).
  Declare(router, services,
          {.method = http::Method::kPost,
           .pattern = "/api/v1/wishes/{id}/fulfil",
           .audience = audience::kSponsors,
           .options = {.upload = true}},
          [&services](Call& call) {
            const http::Request& request = call.request;
            const long long id = Take(IdParam(request, "id"));
            const std::string note(request.QueryParam("note").value_or(""));
            if (!core::IsValidUtf8(note)) Take(wishes::CheckNote("", "note"));
            if (request.body.size() > kMaxPhotoBytes)
              return http::Problem(core::MakeError(core::ErrorCode::kBodyTooLarge, "a photo must be at most 8 MiB"));
            // Rebuilt from its pixels (no EXIF, no GPS) before anything is stored, as every upload.
            auto image = Take(media::SanitizeUpload(request.Header("content-type"), request.body));
            auto thumbnail = Take(media::MakeThumbnail(image.bytes));
            const wishes::FulfilmentPhoto photo{image.content_type, std::move(image.bytes), std::move(thumbnail)};
            auto wish = Take(WishesOf(services).Fulfil(call.caller(), id, note, photo, storage::NowSeconds()));
            return http::Json(200, WishJson(wish, true, http::PreferredLang(request), call.principal));
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/wishes/{id}/confirm", audience::kWorkers, kConfirmFields},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto wish = Take(WishesOf(services).Confirm(
                call.caller(), id, std::string(core::StringOr(call.body, "thanks")), storage::NowSeconds()));
            return http::Json(200, WishJson(wish, true, http::PreferredLang(call.request), call.principal));
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/me/wishes", audience::kSignedIn}, [&services](Call& call) {
    const auto limit = Take(http::IntegerParam(call.request, "limit", 20, 1, 100));
    auto page = WishesOf(services).Mine(call.caller(), BeforeParam(call.request), static_cast<int>(limit),
                                        storage::NowSeconds());
    return http::Json(200, PageJson(page, http::PreferredLang(call.request), call.principal));
  });

  Declare(router, services, {http::Method::kGet, "/api/v1/wish-photos/{id}", audience::kAnyoneSignedInSeesMore},
          [&services](Call& call) {
            const auto size = call.request.QueryParam("size");
            if (size && *size != "thumb" && *size != "full")
              return http::Problem(core::MakeError(core::ErrorCode::kValidationFailed, "size: thumb or full"));
            return PhotoResponse(
                Take(WishesOf(services).Photo(call.request.PathParam("id"), call.principal, size && *size == "thumb")));
          });
}

}  // namespace youhao::api
