#pragma once
/// Helpers shared by the handler files of this module.

#include <boost/json/object.hpp>

#include "accounts/account_service.h"
#include "api/api.h"
#include "api/endpoint.h"
#include "http/i18n.h"
#include "http/message.h"
#include "media/photo_id.h"

namespace youhao::api {

inline constexpr std::string_view kSessionCookie = "youhao_session";

/// The caller's principal from `Authorization: Bearer` or the session cookie. Requests that
/// change state and are authenticated by cookie must carry X-CSRF-Token.
core::Result<accounts::Principal> Authenticate(const http::Request& request, const accounts::AccountService& accounts);

/// The area named by query parameter `area` (default: the principal's own), checked in scope.
core::Result<areas::Area> ScopedArea(const http::Request& request, const accounts::Principal& principal,
                                     const areas::AreaService& areas);

boost::json::object AreaJson(const areas::Area& area);
/// 201 with the session (token, csrf_token, account) and the HttpOnly session cookie, marked
/// Secure when the server's public URL is HTTPS.
http::Response SessionResponse(const Services& services, const accounts::LoginResult& session);
/// The session cookie's Set-Cookie value (an empty token with max_age 0 clears it).
std::string SessionCookie(const Services& services, std::string_view token, long long max_age);
boost::json::object AccountJson(const accounts::Account& account);
/// RFC 9110 §13.1.2 If-None-Match: "*", or a list of tags compared weakly (W/ ignored).
bool EtagMatches(std::optional<std::string_view> header, std::string_view etag);

void RegisterSessionRoutes(http::Router& router, Services& services);
void RegisterAreaRoutes(http::Router& router, Services& services);
void RegisterAccountRoutes(http::Router& router, Services& services);
void RegisterRegistrationRoutes(http::Router& router, Services& services);
void RegisterPassRoutes(http::Router& router, Services& services);
void RegisterCompoundRoutes(http::Router& router, Services& services);
void RegisterMapRoutes(http::Router& router, Services& services);
void RegisterPlaceRoutes(http::Router& router, Services& services);
void RegisterReportRoutes(http::Router& router, Services& services);
void RegisterOpen311Routes(http::Router& router, Services& services);
void RegisterCommunityRoutes(http::Router& router, Services& services);
void RegisterPrivacyRoutes(http::Router& router, Services& services);
void RegisterTileRoutes(http::Router& router, Services& services);
void RegisterPointsRoutes(http::Router& router, Services& services);
void RegisterHandoverRoutes(http::Router& router, Services& services);
void RegisterSponsorRoutes(http::Router& router, Services& services);
void RegisterWishRoutes(http::Router& router, Services& services);
void RegisterEventRoutes(http::Router& router, Services& services);
void RegisterChildcareRoutes(http::Router& router, Services& services);
void RegisterHonourRoutes(http::Router& router, Services& services);
void RegisterPointsRulesRoutes(http::Router& router, Services& services);
void RegisterAttendanceRoutes(http::Router& router, Services& services);
void RegisterCalendarRoutes(http::Router& router, Services& services);
void RegisterTrainingRoutes(http::Router& router, Services& services);
void RegisterVolunteerRoutes(http::Router& router, Services& services);

/// A report as the API shows it; `caller` decides the actions offered (`can`).
/// Where a report goes: {kind, kind_label, code, name, rule_id, reason}.
boost::json::object AcceptorJson(const reports::Acceptor& acceptor, http::Lang lang = http::Lang::kZhCn);
boost::json::object ReportJson(Services& services, const reports::Report& report, const accounts::Principal* caller,
                               long long now, http::Lang lang = http::Lang::kZhCn);

/// A stored photo at its URL, which never changes: a public one is cached for a year by anyone;
/// one shown to this caller because of who they are (their own upload, a welfare report's, a
/// pending place's) is `private, no-store`: no cache keeps it, not even their browser's.
http::Response PhotoResponse(media::ServedPhoto photo);

/// A signed certificate's PDF (a training, volunteer or honour certificate) as a download named
/// `certificate-<serial>.pdf`.
http::Response CertificatePdfResponse(std::string pdf, std::string_view serial);

/// A number query parameter in [low, high], required.
core::Result<double> NumberParam(const http::Request& request, std::string_view name, double low, double high);

/// A positive integer path parameter, or not_found.
core::Result<long long> IdParam(const http::Request& request, std::string_view name);

/// One field of a CSV line: as it is, or quoted when it holds a comma, a quote or a line break; a
/// text a spreadsheet would run as a formula (=, +, -, @ first) is kept as text with a leading '.
std::string CsvField(std::string_view text);

/// The public holidays PH rules follow (Services::holidays), or the fixed statutory days alone.
inline const schedule::HolidayCalendar& HolidaysOf(const Services& services) {
  return services.holidays != nullptr ? *services.holidays : services.plans.Holidays();
}

/// `service`, or not_found "<what> are not enabled on this server" when the server runs without it.
template <typename Service>
core::Result<Service*> Enabled(Service* service, std::string_view what) {
  if (service == nullptr)
    return core::MakeError(core::ErrorCode::kNotFound, std::string(what) + " are not enabled on this server");
  return service;
}

}  // namespace youhao::api
