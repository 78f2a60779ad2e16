// Sponsors and drives (a book's journey) over HTTP: the list and a sponsor's page, creating
// sponsors and linking their accounts, pledges confirmed or declined by city officers; drives with
// their drop points, public totals, and items logged in and out by the drop points' keepers.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/api_internal.h"
#include "api/endpoint.h"
#include "http/json_body.h"
#include "sponsors/sponsors.h"

namespace youhao::api {

namespace {

namespace json = boost::json;

constexpr core::FieldSpec kSponsorFields[] = {
    {.name = "name", .type = core::FieldType::kString, .required = true, .max_length = sponsors::kMaxSponsorName},
    {.name = "kind", .type = core::FieldType::kString, .required = true, .max_length = 16},
    {.name = "area_code", .type = core::FieldType::kString, .max_length = 32},
    {.name = "intro", .type = core::FieldType::kString, .max_length = sponsors::kMaxSponsorIntro, .allow_empty = true},
};

constexpr core::FieldSpec kMemberFields[] = {
    {.name = "account_id", .type = core::FieldType::kInteger, .required = true},
};

constexpr core::FieldSpec kPledgeFields[] = {
    {.name = "amount", .type = core::FieldType::kInteger, .required = true},
    {.name = "note", .type = core::FieldType::kString, .max_length = sponsors::kMaxPledgeNote, .allow_empty = true},
};

constexpr core::FieldSpec kDriveFields[] = {
    {.name = "title", .type = core::FieldType::kString, .required = true, .max_length = sponsors::kMaxDriveTitle},
    {.name = "story", .type = core::FieldType::kString, .max_length = sponsors::kMaxDriveStory, .allow_empty = true},
    {.name = "area_code", .type = core::FieldType::kString, .max_length = 32},
    {.name = "collects", .type = core::FieldType::kString, .required = true, .max_length = sponsors::kMaxDriveCollects},
    {.name = "goal", .type = core::FieldType::kInteger, .nullable = true},
    {.name = "starts_at", .type = core::FieldType::kInteger, .required = true},
    {.name = "ends_at", .type = core::FieldType::kInteger, .required = true},
    {.name = "drop_point_ids", .type = core::FieldType::kArray, .required = true},
};

constexpr core::FieldSpec kItemFields[] = {
    {.name = "place_id", .type = core::FieldType::kInteger, .required = true},
    {.name = "direction", .type = core::FieldType::kString, .required = true, .max_length = 8},
    {.name = "organisation",
     .type = core::FieldType::kString,
     .max_length = sponsors::kMaxOrganisation,
     .allow_empty = true},
    {.name = "sponsor_id", .type = core::FieldType::kInteger, .nullable = true},
    {.name = "count", .type = core::FieldType::kInteger, .required = true},
    {.name = "recipient_kind", .type = core::FieldType::kString, .max_length = 32, .allow_empty = true},
    {.name = "note", .type = core::FieldType::kString, .max_length = sponsors::kMaxItemNote, .allow_empty = true},
};

std::optional<long long> OptionalInteger(const json::object& body, std::string_view key) {
  const json::value* value = body.if_contains(key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  return value->as_int64();
}

json::value OptionalJson(const std::optional<long long>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

sponsors::SponsorService& SponsorsOf(Services& services) { return *Take(Enabled(services.sponsors, "sponsors")); }
sponsors::DriveService& DrivesOf(Services& services) { return *Take(Enabled(services.drives, "drives")); }

json::object SponsorJson(const sponsors::Sponsor& sponsor) {
  return {{"id", sponsor.id},
          {"name", sponsor.name},
          {"kind", sponsors::SponsorKindName(sponsor.kind)},
          {"area_code", sponsor.area_code},
          {"area_name", sponsor.area_name},
          {"intro", sponsor.intro},
          {"pool_account_id", OptionalJson(sponsor.pool_account_id)},
          {"pool_balance", sponsor.pool_balance},
          {"created_at", sponsor.created_at}};
}

json::object PledgeJson(const sponsors::Pledge& pledge) {
  return {{"id", pledge.id},
          {"sponsor_id", pledge.sponsor_id},
          {"sponsor_name", pledge.sponsor_name},
          {"amount", pledge.amount},
          {"note", pledge.note},
          {"status", sponsors::PledgeStatusName(pledge.status)},
          {"pledged_by", pledge.pledged_by},
          {"pledged_at", pledge.pledged_at},
          {"decided_by", pledge.decided_by ? json::value(*pledge.decided_by) : json::value(nullptr)},
          {"decided_at", OptionalJson(pledge.decided_at)},
          {"transfer_id", OptionalJson(pledge.transfer_id)}};
}

json::object MemberJson(const sponsors::MemberAccount& member) {
  return {{"account_id", member.id}, {"login", member.login}, {"display_name", member.display_name}};
}

json::object PageJson(const sponsors::SponsorPage& page) {
  const auto& figures = page.figures;
  json::array served;
  long long meals = 0;
  for (const auto& offer : figures.served) {
    meals += offer.count;
    served.push_back({{"offer_id", offer.offer_id},
                      {"title", offer.title},
                      {"place_name", offer.place_name},
                      {"count", offer.count},
                      {"points", offer.points}});
  }
  json::array drives;
  for (const auto& drive : figures.drives)
    drives.push_back({{"drive_id", drive.drive_id}, {"title", drive.title}, {"items", drive.items}});
  json::object out{{"sponsor", SponsorJson(page.sponsor)},
                   {"funded", figures.funded},
                   {"awards", {{"count", figures.awards}, {"points", figures.awarded}}},
                   {"served", std::move(served)},
                   {"meals_served", meals},
                   {"wishes_fulfilled", figures.wishes_fulfilled},
                   {"drives", std::move(drives)},
                   {"private", page.private_shown}};
  if (page.private_shown) {
    json::array pledges;
    for (const auto& pledge : page.pledges) pledges.push_back(PledgeJson(pledge));
    json::array members;
    for (const auto& member : page.members) members.push_back(MemberJson(member));
    out["pledges"] = std::move(pledges);
    out["members"] = std::move(members);
  }
  return out;
}

json::object DriveJson(const sponsors::Drive& drive, long long now) {
  return {{"id", drive.id},
          {"title", drive.title},
          {"story", drive.story},
          {"area_code", drive.area_code},
          {"area_name", drive.area_name},
          {"collects", drive.collects},
          {"goal", OptionalJson(drive.goal)},
          {"starts_at", drive.starts_at},
          {"ends_at", drive.ends_at},
          {"running", now >= drive.starts_at && now < drive.ends_at},
          {"collected", drive.collected},
          {"handed_out", drive.handed_out},
          {"organisations", drive.organisations},
          {"progress", sponsors::ProgressPercent(drive.collected, drive.goal)}};
}

json::object DriveViewJson(const sponsors::DriveView& view, long long now) {
  json::array points;
  for (const auto& point : view.drop_points) {
    points.push_back({{"place_id", point.place_id},
                      {"name", point.name},
                      {"keeper_account_id", OptionalJson(point.owner_account_id)},
                      {"collected", point.collected},
                      {"handed_out", point.handed_out},
                      {"on_hand", point.collected - point.handed_out}});
  }
  json::array organisations;
  for (const auto& organisation : view.organisations) {
    organisations.push_back({{"organisation", organisation.organisation},
                             {"sponsor_id", OptionalJson(organisation.sponsor_id)},
                             {"count", organisation.count}});
  }
  return {{"drive", DriveJson(view.drive, now)},
          {"drop_points", std::move(points)},
          {"organisations", std::move(organisations)}};
}

/// drop_point_ids as numbers; anything else is bad_drive naming the field.
std::vector<long long> DropPointIdsOf(const json::object& body) {
  std::vector<long long> ids;
  for (const json::value& each : body.at("drop_point_ids").as_array()) {
    if (!each.is_int64()) {
      throw Refusal{core::MakeProblem(core::ErrorCode::kValidationFailed, "bad_drive", "sponsors.drive_drop_point_ids",
                                      "drop_point_ids: 1 to 20 different stations",
                                      json::object{{"field", "drop_point_ids"}})};
    }
    ids.push_back(each.as_int64());
  }
  return ids;
}

}  // namespace

void RegisterSponsorRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;

  // The list; a member learns which sponsor is theirs, a city officer sees the pledges to decide.
  Declare(router, services, {http::Method::kGet, "/api/v1/sponsors", audience::kSignedIn}, [&services](Call& call) {
    auto& service = SponsorsOf(services);
    json::array items;
    for (const auto& sponsor : service.List()) items.push_back(SponsorJson(sponsor));
    json::object out{{"items", std::move(items)}, {"mine", OptionalJson(service.MineOf(call.caller()))}};
    if (sponsors::MayDecidePledges(call.caller().role)) {
      json::array open;
      for (const auto& pledge : Take(service.Open(call.caller()))) open.push_back(PledgeJson(pledge));
      out["open_pledges"] = std::move(open);
    }
    return http::Json(200, out);
  });

  Declare(router, services, {http::Method::kPost, "/api/v1/sponsors", audience::kCommunityOfficers, kSponsorFields},
          [&services](Call& call) {
            sponsors::SponsorInput input;
            input.name = std::string(core::StringOr(call.body, "name"));
            input.kind = std::string(core::StringOr(call.body, "kind"));
            input.area_code = std::string(core::StringOr(call.body, "area_code"));
            input.intro = std::string(core::StringOr(call.body, "intro"));
            auto sponsor = Take(SponsorsOf(services).Create(call.caller(), input, storage::NowSeconds()));
            return http::Json(201, SponsorJson(sponsor));
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/sponsors/{id}", audience::kSignedIn},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            return http::Json(200, PageJson(Take(SponsorsOf(services).Page(call.caller(), id))));
          });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/sponsors/{id}/members", audience::kCommunityOfficers, kMemberFields},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto member = Take(
                SponsorsOf(services).Link(call.caller(), id, OptionalInteger(call.body, "account_id").value_or(0)));
            return http::Json(200, json::object{{"sponsor_id", id}, {"member", MemberJson(member)}});
          });

  Declare(router, services,
          {http::Method::kPost, "/api/v1/sponsors/{id}/pledges", audience::kNotWorkers, kPledgeFields},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            auto pledge = Take(
                SponsorsOf(services).MakePledge(call.caller(), id, OptionalInteger(call.body, "amount").value_or(0),
                                                std::string(core::StringOr(call.body, "note")), storage::NowSeconds()));
            return http::Json(201, PledgeJson(pledge));
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/sponsors/pledges/{id}/fund", audience::kOfficers},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            return http::Json(200,
                              PledgeJson(Take(SponsorsOf(services).Fund(call.caller(), id, storage::NowSeconds()))));
          });

  Declare(router, services, {http::Method::kPost, "/api/v1/sponsors/pledges/{id}/decline", audience::kOfficers},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            return http::Json(200,
                              PledgeJson(Take(SponsorsOf(services).Decline(call.caller(), id, storage::NowSeconds()))));
          });

  // Drives: their totals are public.
  Declare(router, services, {http::Method::kGet, "/api/v1/drives", audience::kAnyone}, [&services](Call&) {
    const long long now = storage::NowSeconds();
    json::array items;
    for (const auto& drive : DrivesOf(services).List()) items.push_back(DriveJson(drive, now));
    return http::Json(200, json::object{{"items", std::move(items)}});
  });

  Declare(router, services, {http::Method::kPost, "/api/v1/drives", audience::kCommunityOfficers, kDriveFields},
          [&services](Call& call) {
            sponsors::DriveInput input;
            input.title = std::string(core::StringOr(call.body, "title"));
            input.story = std::string(core::StringOr(call.body, "story"));
            input.area_code = std::string(core::StringOr(call.body, "area_code"));
            input.collects = std::string(core::StringOr(call.body, "collects"));
            input.goal = OptionalInteger(call.body, "goal");
            input.starts_at = OptionalInteger(call.body, "starts_at").value_or(0);
            input.ends_at = OptionalInteger(call.body, "ends_at").value_or(0);
            input.drop_point_ids = DropPointIdsOf(call.body);
            const long long now = storage::NowSeconds();
            return http::Json(201, DriveViewJson(Take(DrivesOf(services).Create(call.caller(), input, now)), now));
          });

  Declare(router, services, {http::Method::kGet, "/api/v1/drives/{id}", audience::kAnyone}, [&services](Call& call) {
    const long long id = Take(IdParam(call.request, "id"));
    return http::Json(200, DriveViewJson(Take(DrivesOf(services).Get(id)), storage::NowSeconds()));
  });

  // Keepers of a drop point (station keepers) and officers of its area log items in and out.
  Declare(router, services, {http::Method::kPost, "/api/v1/drives/{id}/items", audience::kPlaceKeepers, kItemFields},
          [&services](Call& call) {
            const long long id = Take(IdParam(call.request, "id"));
            sponsors::ItemInput input;
            input.direction = std::string(core::StringOr(call.body, "direction"));
            input.organisation = std::string(core::StringOr(call.body, "organisation"));
            input.sponsor_id = OptionalInteger(call.body, "sponsor_id");
            input.count = OptionalInteger(call.body, "count").value_or(0);
            input.recipient_kind = std::string(core::StringOr(call.body, "recipient_kind"));
            input.note = std::string(core::StringOr(call.body, "note"));
            const long long now = storage::NowSeconds();
            auto view = Take(DrivesOf(services).Log(call.caller(), id,
                                                    OptionalInteger(call.body, "place_id").value_or(0), input, now));
            return http::Json(201, DriveViewJson(view, now));
          });
}

}  // namespace youhao::api
