#pragma once
/// The HTTP API: thin handlers that parse a request, call a service, and render JSON. The
/// services are plain classes wired together in main(); this module only connects them.

#include <string_view>

#include "accounts/account_service.h"
#include "areas/area_service.h"
#include "attendance/attendance_service.h"
#include "audit/audit_log.h"
#include "basemap/tile_store.h"
#include "calendar/calendar_service.h"
#include "certificates/certificates.h"
#include "childcare/childcare_service.h"
#include "conduct/conduct_service.h"
#include "core/event_bus.h"
#include "entry/access_plan_service.h"
#include "entry/gate_service.h"
#include "entry/key_store.h"
#include "entry/pass_service.h"
#include "entry/whitelist_search.h"
#include "events/event_service.h"
#include "honours/handover_ratings.h"
#include "honours/honour_service.h"
#include "honours/rankings.h"
#include "http/metrics.h"
#include "http/router.h"
#include "maps/map_service.h"
#include "maps/wayfinding.h"
#include "places/place_service.h"
#include "points/earning_rules.h"
#include "points/offers.h"
#include "points/points_service.h"
#include "points/redemptions.h"
#include "privacy/worker_data.h"
#include "registry/directory_service.h"
#include "registry/registration_service.h"
#include "reports/notifications.h"
#include "reports/open311_keys.h"
#include "reports/report_service.h"
#include "reports/report_stats.h"
#include "roads/road_network.h"
#include "schedule/holiday_calendar.h"
#include "sponsors/sponsors.h"
#include "storage/database.h"
#include "training/training_service.h"
#include "volunteers/volunteer_service.h"
#include "wishes/wish_service.h"

namespace youhao::api {

struct Services {
  storage::Database& database;
  areas::AreaService& areas;
  accounts::AccountService& accounts;
  registry::DirectoryService& directory;
  audit::AuditLog& audit;
  http::Metrics& metrics;
  registry::RegistrationService& registration;
  entry::IssuerKeyStore& keys;
  entry::PassService& passes;
  entry::AccessPlanService& plans;
  entry::GateService& gates;
  maps::MapService& maps;
  maps::Wayfinding& wayfinding;
  /// Where the public pages live, for QR codes on posters (e.g. "https://youhao.example").
  std::string public_url;
  /// Friendly places; null when the server runs without them (tests of other modules).
  places::PlaceService* places = nullptr;
  /// The city's road network; null without road data (search falls back to straight lines).
  const roads::RoadNetwork* roads = nullptr;
  /// The base map's tiles; null without them (GET /tiles answers 404 no_base_map).
  const basemap::TileStore* tiles = nullptr;
  /// The points ledger; null when the server runs without it (tests of other modules).
  points::PointsService* points = nullptr;
  /// Offers at friendly places; null when the server runs without them.
  points::OfferService* offers = nullptr;
  /// Redemptions of offers (held, confirmed by code, released); null when the server runs without them.
  points::RedemptionService* redemptions = nullptr;
  /// Earning rules per area; null when the server runs without them.
  points::EarningRuleService* earning_rules = nullptr;
  /// Riders' ratings of merchants' hand-over; null when the server runs without them.
  honours::HandoverRatings* handover_ratings = nullptr;
  /// The monthly lists of merchants and compounds; null when the server runs without them.
  honours::Rankings* rankings = nullptr;
  /// Sponsors, their pools and pledges; null when the server runs without them.
  sponsors::SponsorService* sponsors = nullptr;
  /// Drives with their drop points; null when the server runs without them.
  sponsors::DriveService* drives = nullptr;
  /// Micro-wishes (微心愿) and their claims; null when the server runs without them.
  wishes::WishService* wishes = nullptr;
  /// Events, their registrations and waiting lists; null when the server runs without them.
  events::EventService* event_service = nullptr;
  /// Children registered for childcare classes and their attendance; null when the server runs without them.
  childcare::ChildcareService* childcare = nullptr;
  /// Worker reports and their chain; null when the server runs without them.
  reports::ReportService* reports = nullptr;
  /// The bell's notifications; null when the server runs without reports.
  reports::NotificationInbox* notifications = nullptr;
  /// Report numbers for the dashboard; null when the server runs without reports.
  reports::ReportStatistics* report_stats = nullptr;
  /// Open311 API keys; null when the server runs without reports.
  reports::Open311Keys* open311_keys = nullptr;
  /// Roaming grid reporters; null when the server runs without them.
  reports::GridReporterService* grid_reporters = nullptr;
  /// The rules that choose who accepts a report; null when the server runs without them.
  reports::AcceptanceRuleService* acceptance_rules = nullptr;
  /// Platform conduct records; null when the server runs without them.
  conduct::ConductService* conduct = nullptr;
  /// In-process publish/subscribe that wakes event streams; null: streams poll every second.
  core::EventBus* events = nullptr;
  /// A worker's download and erasure of their data; null when the server runs without them.
  privacy::WorkerDataService* worker_data = nullptr;
  /// The public holidays PH rules follow; null: the fixed statutory days alone (HolidaysOf).
  const schedule::HolidayCalendar* holidays = nullptr;
  /// Riders found by name or phone for a compound's whitelist; null when the server runs without it.
  entry::WhitelistSearch* whitelist_search = nullptr;
  /// Honours campaigns, their votes and certificates; null when the server runs without them.
  honours::HonourService* honour_campaigns = nullptr;
  /// Check-ins at events' doors and their attendance; null when the server runs without them.
  attendance::AttendanceService* attendance = nullptr;
  /// Calendar feeds (iCalendar) and personal feed tokens; null when the server runs without them.
  calendar::CalendarFeeds* calendar_feeds = nullptr;
  calendar::CalendarTokens* calendar_tokens = nullptr;
  /// Signed certificates (training, volunteer hours, appointments); null when the server runs without them.
  certificates::CertificateService* certificates = nullptr;
  /// Training courses, completions and skills contests; null when the server runs without them.
  training::TrainingService* training = nullptr;
  /// Volunteer teams, hours and appointment letters; null when the server runs without them.
  volunteers::VolunteerService* volunteers = nullptr;
};

/// How hours certificates and appointment letters are worded (zh-CN, as stored), from the message catalogue.
volunteers::CertificateWording VolunteerCertificateWording();

/// How training certificates' detail lines and contest nominations' citations are worded (zh-CN,
/// as stored), from the message catalogue.
training::Wording TrainingWording();

/// Registers every route of the server on `router`.
void RegisterRoutes(http::Router& router, Services& services);

/// The OpenAPI 3.1 document served at /api/v1/openapi.json (api/openapi.json in the tree).
std::string_view OpenApiDocument();

}  // namespace youhao::api
