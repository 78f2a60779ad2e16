// A worker's rights over their data: download all of it, and erase the account.
#include <fmt/format.h>

#include "api/api_internal.h"
#include "core/base64.h"
#include "privacy/worker_data.h"

namespace youhao::api {

namespace {

namespace json = boost::json;

constexpr core::FieldSpec kEraseFields[] = {
    {.name = "confirm", .type = core::FieldType::kString, .required = true, .max_length = 16},
};

json::value ValueJson(const storage::Value& value) {
  return std::visit(
      [](const auto& v) -> json::value {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::nullptr_t>) {
          return nullptr;
        } else if constexpr (std::is_same_v<V, std::string>) {
          return json::string(v);
        } else if constexpr (std::is_same_v<V, storage::Blob>) {
          return json::string(core::Base64Encode(v.bytes));  // no personal table holds bytes today
        } else {
          return v;
        }
      },
      value);
}

json::object ExportJson(const privacy::WorkerData& data) {
  json::object sections;
  for (const auto& section : data.sections) {
    json::array rows;
    for (const auto& row : section.rows) {
      json::object item;
      for (std::size_t i = 0; i < section.columns.size(); ++i) {
        item[section.columns[i].name] = ValueJson(row[i]);
      }
      rows.push_back(std::move(item));
    }
    sections[section.name] = std::move(rows);
  }
  return {{"format", "youhao-personal-data/1"},
          {"exported_at", data.exported_at},
          {"account_id", data.account_id},
          {"worker_id", data.worker_id ? json::value(*data.worker_id) : json::value(nullptr)},
          {"photos", "base64 in each data_base64 field, with its content_type"},
          {"sections", std::move(sections)}};
}

}  // namespace

void RegisterPrivacyRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;
  // Everything kept about the caller, photos included, as one JSON file to keep.
  Declare(router, services, {http::Method::kGet, "/api/v1/me/data", audience::kSignedIn}, [&services](Call& call) {
    auto* service = Take(Enabled(services.worker_data, "personal data exports"));
    auto data = Take(service->Export(call.caller()));
    http::Response response = http::Json(200, ExportJson(data));
    response.SetHeader("Cache-Control", "private, no-store");
    response.SetHeader("Content-Disposition",
                       fmt::format("attachment; filename=\"youhao-my-data-{}.json\"", data.account_id));
    return response;
  });

  // The worker erases their own account; the session ends with it.
  Declare(router, services, {http::Method::kPost, "/api/v1/me/erase", audience::kWorkers, kEraseFields},
          [&services](Call& call) {
            auto* service = Take(Enabled(services.worker_data, "account erasure"));
            auto summary = Take(service->Erase(call.caller(), core::StringOr(call.body, "confirm")));
            // The rows are gone; this also drops the session from the sign-in cache at once (another
            // session of the account leaves the cache within its five seconds).
            services.accounts.Logout(call.caller());
            http::Response response = http::Json(200, json::object{{"erased", true},
                                                                   {"photos_deleted", summary.photos_deleted},
                                                                   {"passes_revoked", summary.passes_revoked},
                                                                   {"sessions_ended", summary.sessions_ended}});
            response.SetHeader("Set-Cookie", SessionCookie(services, "", 0));
            response.SetHeader("Cache-Control", "no-store");
            return response;
          });
}

}  // namespace youhao::api
