#pragma once
/// Who may call an operation, by role: the first check a declared route applies, before any input
/// is read. Finer rules (scope, ownership, a report's acceptor) stay with each capability's policy;
/// an audience is the widest set of roles that can ever succeed, so the route × role table in
/// docs/authorization.md says truthfully who is turned away at the door.

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>
#include <vector>

#include "accounts/roles.h"

namespace youhao::accounts {

enum class SignIn : std::uint8_t {
  /// Nobody signs in; the operation never reads a principal (health, public keys, tiles).
  kNever,
  /// Open to all; a signed-in caller (valid session, else ignored) may see more.
  kOptional,
  /// A valid session whose role is in `roles`.
  kRequired,
  /// No session: an Open311 organisation's api_key, checked by the use case.
  kApiKey,
};

struct Audience {
  std::string_view name;
  /// English, for the authorization table.
  std::string_view summary;
  SignIn sign_in = SignIn::kRequired;
  /// Bit `static_cast<int>(role)` for each admitted role (kRequired only).
  std::uint32_t roles = 0;

  bool Admits(Role role) const {
    return sign_in != SignIn::kRequired || (roles >> static_cast<unsigned>(role) & 1U) != 0;
  }
  std::vector<Role> AdmittedRoles() const;
};

constexpr std::uint32_t RoleMask(std::initializer_list<Role> roles) {
  std::uint32_t mask = 0;
  for (Role role : roles) mask |= 1U << static_cast<unsigned>(role);
  return mask;
}

namespace audience {

inline constexpr std::uint32_t kOfficerRoles =
    RoleMask({Role::kGridOfficer, Role::kCommunityOfficer, Role::kStreetOfficer, Role::kDistrictOfficer,
              Role::kCityOfficer, Role::kAdmin});
inline constexpr std::uint32_t kCommunityAndAbove = kOfficerRoles & ~RoleMask({Role::kGridOfficer});
inline constexpr std::uint32_t kEveryRole = (1U << (static_cast<unsigned>(Role::kAdmin) + 1)) - 1;

inline constexpr Audience kAnyone{"anyone", "anyone, without signing in", SignIn::kNever};
inline constexpr Audience kAnyoneSignedInSeesMore{"anyone_signed_in_sees_more",
                                                  "anyone; a signed-in caller may see more", SignIn::kOptional};
inline constexpr Audience kOpen311Organisations{"open311_organisations", "organisations holding an Open311 api_key",
                                                SignIn::kApiKey};
inline constexpr Audience kSignedIn{"signed_in", "every signed-in account", SignIn::kRequired, kEveryRole};
inline constexpr Audience kWorkers{"workers", "workers", SignIn::kRequired, RoleMask({Role::kWorker})};
inline constexpr Audience kNotWorkers{"not_workers", "every role but workers", SignIn::kRequired,
                                      kEveryRole & ~RoleMask({Role::kWorker})};
/// Guards and property staff at their own gates; officers at the gates in their area.
inline constexpr Audience kGateStaff{"gate_staff", "guards, property staff and officers", SignIn::kRequired,
                                     RoleMask({Role::kGuard, Role::kPropertyManager}) | kOfficerRoles};
/// Guards and property staff, who record conduct at their own compound.
inline constexpr Audience kCompoundStaff{"compound_staff", "guards and property staff", SignIn::kRequired,
                                         RoleMask({Role::kGuard, Role::kPropertyManager})};
/// Property staff of their own compound; officers of the area above it.
inline constexpr Audience kCompoundKeepers{"compound_keepers", "property staff and officers", SignIn::kRequired,
                                           RoleMask({Role::kPropertyManager}) | kOfficerRoles};
/// Those who handle reports: station keepers, property staff and officers.
inline constexpr Audience kReportHandlers{"report_handlers", "station keepers, property staff and officers",
                                          SignIn::kRequired,
                                          RoleMask({Role::kStationKeeper, Role::kPropertyManager}) | kOfficerRoles};
/// Everyone a report can concern: its reporter (a worker) and those who handle reports.
inline constexpr Audience kReportParties{
    "report_parties", "workers, station keepers, property staff and officers", SignIn::kRequired,
    RoleMask({Role::kWorker, Role::kStationKeeper, Role::kPropertyManager}) | kOfficerRoles};
inline constexpr Audience kPlaceKeepers{"place_keepers", "station keepers, friendly merchants and community staff",
                                        SignIn::kRequired,
                                        RoleMask({Role::kStationKeeper, Role::kMerchant}) | kCommunityAndAbove};
/// Officers and station keepers, who list and verify workers (masked phones).
inline constexpr Audience kWorkerListers{"worker_listers", "station keepers and officers", SignIn::kRequired,
                                         RoleMask({Role::kStationKeeper}) | kOfficerRoles};
/// Accounts that speak for a sponsor organisation (爱心单位), who claim and fulfil wishes.
inline constexpr Audience kSponsors{"sponsors", "sponsor organisations' accounts", SignIn::kRequired,
                                    RoleMask({Role::kSponsor})};
/// Who posts a micro-wish: a worker for themself, community staff for a worker of their area.
inline constexpr Audience kWishPosters{"wish_posters", "workers and community officers and above", SignIn::kRequired,
                                       RoleMask({Role::kWorker}) | kCommunityAndAbove};
/// Who organises events and trainings: union and legal-aid staff, station keepers, sponsors and
/// community officers and above (each within its area; the events policy checks the rest).
inline constexpr Audience kEventOrganisers{
    "event_organisers", "union staff, station keepers, sponsors and community officers and above", SignIn::kRequired,
    RoleMask({Role::kUnionStaff, Role::kStationKeeper, Role::kSponsor}) | kCommunityAndAbove};
/// Workers and event organisers: volunteer-team leaders are workers, teams are run by organisers.
inline constexpr Audience kWorkersAndOrganisers{
    "workers_and_organisers", "workers, union staff, station keepers, sponsors and community officers and above",
    SignIn::kRequired,
    RoleMask({Role::kWorker, Role::kUnionStaff, Role::kStationKeeper, Role::kSponsor}) | kCommunityAndAbove};
inline constexpr Audience kOfficers{"officers", "grid officers and above", SignIn::kRequired, kOfficerRoles};
inline constexpr Audience kCommunityOfficers{"community_officers", "community officers and above", SignIn::kRequired,
                                             kCommunityAndAbove};
/// Who revokes signed certificates: community officers and above, and union staff (training
/// certificates of their courses; the certificates policy checks kind and area).
inline constexpr Audience kCertificateRevokers{"certificate_revokers", "union staff and community officers and above",
                                               SignIn::kRequired, RoleMask({Role::kUnionStaff}) | kCommunityAndAbove};
inline constexpr Audience kAdmins{"admins", "administrators", SignIn::kRequired, RoleMask({Role::kAdmin})};

/// Every audience, for the authorization table and its test.
std::span<const Audience* const> All();
const Audience* Find(std::string_view name);

}  // namespace audience
}  // namespace youhao::accounts
