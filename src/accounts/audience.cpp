#include "accounts/audience.h"

#include <array>

namespace youhao::accounts {

std::vector<Role> Audience::AdmittedRoles() const {
  std::vector<Role> out;
  for (unsigned bit = 0; bit <= static_cast<unsigned>(Role::kAdmin); ++bit) {
    if (Admits(static_cast<Role>(bit))) out.push_back(static_cast<Role>(bit));
  }
  return out;
}

namespace audience {

namespace {
constexpr std::array<const Audience*, 21> kAll = {&kAnyone,
                                                  &kAnyoneSignedInSeesMore,
                                                  &kOpen311Organisations,
                                                  &kSignedIn,
                                                  &kWorkers,
                                                  &kNotWorkers,
                                                  &kGateStaff,
                                                  &kCompoundStaff,
                                                  &kCompoundKeepers,
                                                  &kReportHandlers,
                                                  &kReportParties,
                                                  &kPlaceKeepers,
                                                  &kWorkerListers,
                                                  &kSponsors,
                                                  &kWishPosters,
                                                  &kEventOrganisers,
                                                  &kWorkersAndOrganisers,
                                                  &kOfficers,
                                                  &kCommunityOfficers,
                                                  &kCertificateRevokers,
                                                  &kAdmins};
}  // namespace

std::span<const Audience* const> All() { return kAll; }

const Audience* Find(std::string_view name) {
  for (const Audience* audience : kAll) {
    if (audience->name == name) return audience;
  }
  return nullptr;
}

}  // namespace audience
}  // namespace youhao::accounts
