// youhao: the command-line entry point. All wiring of services is explicit here.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <stop_token>
#include <thread>

#include "accounts/account_service.h"
#include "api/api.h"
#include "api/messages/catalogue.h"
#include "app/command_line.h"
#include "areas/area_service.h"
#include "attendance/attendance_service.h"
#include "audit/audit_log.h"
#include "basemap/tile_store.h"
#include "calendar/calendar_service.h"
#include "core/keyring.h"
#include "core/random.h"
#include "core/text.h"
#include "demo/demo_city.h"
#include "entry/access_plan_service.h"
#include "entry/gate_service.h"
#include "entry/key_store.h"
#include "entry/pass_service.h"
#include "events/event_service.h"
#include "http/server.h"
#include "maps/map_service.h"
#include "maps/osm_map_importer.h"
#include "maps/wayfinding.h"
#include "places/place_service.h"
#include "poster/compound_poster.h"
#include "privacy/retention.h"
#include "privacy/worker_data.h"
#include "registry/directory_service.h"
#include "registry/phone_vault.h"
#include "registry/registration_service.h"
#include "reports/grid_pay.h"
#include "roads/road_network.h"
#include "schedule/clock.h"
#include "schedule/holiday_calendar.h"
#include "storage/backup.h"
#include "storage/database.h"
#include "training/training_service.h"
#include "volunteers/volunteer_hours.h"
#include "volunteers/volunteer_service.h"

#ifndef YOUHAO_OSM_DIR
#define YOUHAO_OSM_DIR ""
#endif
#ifndef YOUHAO_HOLIDAYS_DIR
#define YOUHAO_HOLIDAYS_DIR ""
#endif

namespace {

using youhao::app::CommandLine;

constexpr const char* kUsage = R"(youhao: the rider-friendly community platform (骑手友好社区)

Usage:
  youhao serve   [--db URL] [--listen HOST:PORT] [--threads N] [--demo] [--web DIR]
                 [--read-timeout SECONDS] [--body-limit BYTES] [--upload-limit BYTES] [--pool N]
                 [--workers N] [--queue-limit N]   (handler threads, default 4 per core, at least 8;
                 requests queued beyond the limit are answered 503 with Retry-After)
                 [--event-retention-days N] [--public-url URL] [--osm-dir DIR] [--key-file FILE]
                 [--roads FILE.yrn] [--tiles FILE.mbtiles]
                 [--photo-retention-days N] [--checkin-retention-days N] [--audit-retention-days N]
                 (photos of closed reports 365, check-ins 365, audit log 1095 days by default)
                 [--holidays DIR]   (public holidays: cn-YYYY.tsv per year, cn-festivals.tsv; default
                 the repository's data/holidays; see data/holidays/README.md)
                 [--clock MOMENT]   (the server's clock starts at MOMENT, e.g. 2026-10-01T10:00:00+08:00,
                 and runs on: for tests and demonstrations of a date, never in production)
                 [--redemption-code-seconds N] [--redemption-hold-seconds N]   (a redemption code shown on
                 a phone is good 120 s, its points are held 600 s; shorter for tests)
                 [--honour-votes-per-address-hour N]   (honours votes from one address in one campaign
                 an hour before further ones are refused and flagged; default 30)
  youhao migrate [--db URL]
  youhao backup  --out FILE [--db URL]   (while serving: SQLite's online backup; pg_dump for PostgreSQL)
  youhao restore --in FILE --db URL      (into a new SQLite path or an empty PostgreSQL database)
  youhao import-osm FILE... [--db URL] [--parent COMMUNITY_CODE]
                 (.osm XML or .osm.pbf; builds or updates the maps of the compounds in each file)
  youhao poster COMPOUND --out FILE.pdf|FILE.svg [--db URL] [--public-url URL]
                 (A3 rider-friendly map poster; COMPOUND is a compound's code or name)
  youhao user add --login LOGIN --role ROLE --area AREA_CODE [--name NAME] [--db URL]
                 (reads the password from standard input)
  youhao demo    [--db URL] [--scale demo|city] [--seed N] [--osm-dir DIR]
  youhao keys rotate [--db URL] [--key-file FILE]   (new issuer key; old keys verify until their passes expire)
  youhao keys rekey  [--db URL] [--key-file FILE]   (new key in the key file, everything re-sealed under it;
                 stop the servers first; see docs/keys.md)
  youhao points expire [--db URL] [--at MOMENT]
                 (expires points past their lifetime and sends the 30-day reminders, as the server
                 does every hour; --at runs it as of another moment)
  youhao points grid-pay [--db URL] [--at MOMENT]
                 (pays roaming grid reporters the grid_month rule for each finished month they
                 served, as the server does every hour; a month paid before is not paid again)
  youhao import-roads FILE... --out FILE.yrn
                 (road graphs for riding and walking from .osm/.osm.pbf, contracted for fast routes)
  youhao import-tiles FILE... --out FILE.mbtiles
                 (the base map: SVG tiles, zoom 12-18, drawn from .osm/.osm.pbf; serve --tiles FILE;
                 a demo server draws its own beside its database on first start)

Database URLs: sqlite:PATH (default sqlite:youhao.db) or postgresql://user@host:port/db
Key file (serve, demo, keys): --key-file FILE, default PATH.key beside a SQLite database, else
youhao.key; created 0600 on first run. It seals phones and issuer keys: keep it, and keep it
apart from backups of the database.
)";

std::string DatabaseUrl(const CommandLine& line) { return line.Flag("db").value_or("sqlite:youhao.db"); }

/// The key file: --key-file, else beside a SQLite database (PATH.key), else youhao.key in the
/// working directory. It is never inside the database, so a copy of the database alone reveals
/// no phone and no issuer key; a backup needs the key file kept apart from it.
std::string KeyFilePath(const CommandLine& line) {
  if (auto flag = line.Flag("key-file")) return *flag;
  const std::string url = DatabaseUrl(line);
  if (url.starts_with("sqlite:")) {
    std::string path = url.substr(7);
    if (path.starts_with("//")) path = path.substr(2);
    if (const auto query = path.find('?'); query != std::string::npos) path.resize(query);
    return path + ".key";
  }
  return "youhao.key";
}

youhao::core::Keyring OpenKeyring(const CommandLine& line) {
  return youhao::core::Keyring::FromFile(KeyFilePath(line));
}

/// Seals issuer keys still stored in plain text and checks that the key file opens every one: a
/// wrong key file stops the command here, naming the file, and nothing is signed.
void EnsureIssuerKeys(youhao::entry::IssuerKeyStore& keys, const CommandLine& line) {
  try {
    keys.EnsureActiveKey();
  } catch (const youhao::entry::IssuerKeyUnreadable& error) {
    throw std::runtime_error(fmt::format("{} (key file: {})", error.what(), KeyFilePath(line)));
  }
}

/// Phones an older version kept in plain text are sealed, and riders whose login was their phone
/// get a rider login (registry::SealPlaintextPhones); later starts find nothing to do.
void SealPhones(youhao::storage::Database& database, const youhao::core::Keyring& keyring, const CommandLine& line) {
  youhao::registry::PhoneConversion done;
  try {
    done = youhao::registry::SealPlaintextPhones(database, keyring);
  } catch (const youhao::registry::PhonesUnreadable& error) {
    throw std::runtime_error(fmt::format("{} (key file: {})", error.what(), KeyFilePath(line)));
  }
  if (done.sealed > 0 || done.renamed > 0)
    spdlog::info(R"({{"event":"phones_sealed","sealed":{},"logins_renamed":{}}})", done.sealed, done.renamed);
}

long long PositiveNumber(const CommandLine& line, const std::string& name, long long fallback) {
  auto text = line.Flag(name);
  if (!text) return fallback;
  auto value = youhao::core::ParseNonNegativeInteger(*text);
  if (!value || *value == 0) throw std::invalid_argument("--" + name + " must be a positive integer");
  return *value;
}

std::unique_ptr<youhao::storage::Database> OpenAndMigrate(const std::string& url, int pool_size) {
  auto database = youhao::storage::Database::Open(url, pool_size);
  auto connection = database->Acquire();
  const int applied = youhao::storage::Migrate(*connection);
  if (applied > 0) {
    spdlog::info(R"({{"event":"migrated","applied":{},"schema_version":{}}})", applied,
                 youhao::storage::LatestSchemaVersion());
  }
  return database;
}

void PrintDemoSummary(const youhao::demo::DemoSummary& summary, const std::string& password) {
  std::cout << fmt::format(
      "Demo city 北京市海淀区: {} streets, {} communities, {} compounds ({} from OpenStreetMap), {} depots, {} "
      "workers, "
      "{} places\n",
      summary.streets, summary.communities, summary.compounds, summary.osm_compounds, summary.depots, summary.workers,
      summary.places);
  std::cout << fmt::format("Demo logins (password for all: {}):\n", password);
  for (const auto& login : summary.logins) {
    std::cout << fmt::format("  {:<16} {:<18} {}\n", login.login, login.role, login.area_name);
  }
  std::cout.flush();
}

/// Imports every OpenStreetMap file in `directory` (the demo's real compound maps); prints one
/// line per file. Files whose compounds lie outside the city are imported with nothing attached.
void ImportOsmDirectory(youhao::storage::Database& database, const std::string& directory) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (directory.empty() || !fs::is_directory(directory, error)) return;
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(directory, error)) {
    const std::string name = entry.path().filename().string();
    // The demo city is Haidian: only the Beijing extracts have compounds to attach.
    if (name.starts_with("beijing") && (name.ends_with(".osm") || name.ends_with(".osm.pbf"))) {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  youhao::maps::MapService maps(database);
  for (const auto& file : files) {
    auto imported = youhao::maps::ImportOsmFile(database, maps, file, std::nullopt);
    if (!imported.ok()) {
      std::cout << fmt::format("  {}: {}\n", file, imported.error().detail);
      continue;
    }
    std::cout << fmt::format("  maps from {}: {} compounds in {:.2f} s\n", fs::path(file).filename().string(),
                             imported->compounds.size(), imported->total_seconds);
  }
}

/// Reads OSM files and builds the contracted road network of both profiles.
std::unique_ptr<youhao::roads::RoadNetwork> BuildRoads(const std::vector<std::string>& files) {
  std::vector<youhao::osm::OsmData> data;
  for (const auto& file : files) {
    auto read = youhao::osm::ReadOsmFile(file);
    if (!read.ok()) throw std::runtime_error(read.error().detail);
    data.push_back(std::move(*read));
  }
  std::vector<const youhao::osm::OsmData*> pointers;
  pointers.reserve(data.size());
  for (const auto& d : data) pointers.push_back(&d);
  return youhao::roads::RoadNetwork::Build(pointers);
}

std::string RoadsSummary(const youhao::roads::RoadNetwork& network) {
  const auto& ride = network.Graph(youhao::roads::Profile::kRide);
  const auto& walk = network.Graph(youhao::roads::Profile::kWalk);
  return fmt::format("ride {} nodes / {} arcs ({} shortcuts), walk {} nodes / {} arcs ({} shortcuts)", ride.NodeCount(),
                     ride.ArcCount(), network.Hierarchy(youhao::roads::Profile::kRide).shortcut_count, walk.NodeCount(),
                     walk.ArcCount(), network.Hierarchy(youhao::roads::Profile::kWalk).shortcut_count);
}

/// The shared OpenStreetMap extracts beside the repository, found from the working directory or
/// from the binary (build/youhao), or "" when absent.
std::string DefaultOsmDirectory() {
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::is_directory("../shared/data/osm", error)) return "../shared/data/osm";
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  if (error) return "";
  for (fs::path dir = executable.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
    if (fs::is_directory(dir / "shared/data/osm", error)) return (dir / "shared/data/osm").string();
  }
  // Where the build found them (YOUHAO_OSM_DIR in CMake).
  if (fs::is_directory(YOUHAO_OSM_DIR, error)) return YOUHAO_OSM_DIR;
  return "";
}

/// The public-holiday data: data/holidays of the repository, found from the working directory or
/// from the binary (build/youhao), or where the build found it; "" when absent.
std::string DefaultHolidaysDirectory() {
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::is_directory("data/holidays", error)) return "data/holidays";
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    for (fs::path dir = executable.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
      if (fs::is_directory(dir / "data/holidays", error)) return (dir / "data/holidays").string();
    }
  }
  if (fs::is_directory(YOUHAO_HOLIDAYS_DIR, error)) return YOUHAO_HOLIDAYS_DIR;
  return "";
}

/// The public holidays PH rules follow: --holidays DIR, which must read, or the repository's data;
/// without either, the fixed statutory days alone (and a warning).
youhao::schedule::HolidayCalendar LoadHolidays(const CommandLine& line) {
  const std::string directory = line.Flag("holidays").value_or(DefaultHolidaysDirectory());
  if (directory.empty()) {
    spdlog::warn(R"({"event":"holidays_missing","detail":"no holiday data: only 1 Jan, 1-2 May, 1-3 Oct"})");
    return {};
  }
  auto calendar = youhao::schedule::HolidayCalendar::LoadDirectory(directory);
  if (!calendar.ok()) throw std::runtime_error("--holidays: " + calendar.error().detail);
  boost::json::array schedules;
  for (int year : calendar->ScheduleYears()) schedules.push_back(year);
  const std::vector<int> festivals = calendar->FestivalYears();
  spdlog::info(boost::json::serialize(boost::json::object{
      {"event", "holidays"},
      {"directory", directory},
      {"schedules", std::move(schedules)},
      {"festivals", festivals.empty() ? "none" : fmt::format("{}-{}", festivals.front(), festivals.back())}}));
  return std::move(*calendar);
}

/// --clock MOMENT: the server's clock starts at MOMENT and runs on from there (tests of a date).
void SetClock(const CommandLine& line) {
  const auto text = line.Flag("clock");
  if (!text) return;
  const auto moment = youhao::schedule::ParseMoment(*text);
  if (!moment) throw std::invalid_argument("--clock must be a moment such as 2026-10-01T10:00:00+08:00");
  youhao::storage::SetClockOffset(*moment - youhao::storage::NowSeconds());
  spdlog::warn(R"({{"event":"clock_set","now":"{}","detail":"the server's clock is not the system's"}})",
               youhao::schedule::BeijingIso8601(youhao::storage::NowSeconds()));
}

std::string DefaultWebRoot() {
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::is_directory("web/dist", error)) return "web/dist";
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    for (const fs::path& candidate :
         {executable.parent_path().parent_path() / "web/dist", executable.parent_path() / "web/dist"}) {
      if (fs::is_directory(candidate, error)) return candidate.string();
    }
  }
  return "";
}

/// Hourly housekeeping on its own thread, also at start: deletes expired gate events, closes
/// reports resolved more than 72 hours ago that their reporter never confirmed, and escalates
/// overdue reports to the street and then the district.
class RetentionJob {
 public:
  RetentionJob(youhao::storage::Database& database, youhao::entry::GateService& gates,
               youhao::reports::ReportService& reports, int days, youhao::privacy::RetentionPeriods periods)
      : thread_([this, &database, &gates, &reports, days, periods](const std::stop_token& stop) {
          while (!stop.stop_requested()) {
            try {
              const long long removed = gates.Purge(days, youhao::storage::NowSeconds());
              if (removed > 0)
                spdlog::info(R"({{"event":"gate_events_purged","removed":{},"retention_days":{}}})", removed, days);
              const auto purged = youhao::privacy::PurgeExpired(database, periods, youhao::storage::NowSeconds());
              if (purged.total() > 0) {
                spdlog::info(R"({{"event":"retention_purged","report_photos":{},"checkins":{},"audit_entries":{},)"
                             R"("notifications":{},"sessions":{},"handover_comments":{},"expiry_reminders":{}}})",
                             purged.report_photos, purged.checkins, purged.audit_entries, purged.notifications,
                             purged.sessions, purged.handover_comments, purged.expiry_reminders);
              }
              const long long closed = reports.CloseUnconfirmed(youhao::storage::NowSeconds());
              if (closed > 0) spdlog::info(R"({{"event":"reports_auto_closed","closed":{}}})", closed);
              const long long escalated = reports.EscalateOverdue(youhao::storage::NowSeconds());
              if (escalated > 0) spdlog::info(R"({{"event":"reports_escalated","reports":{}}})", escalated);
            } catch (const std::exception& error) {
              spdlog::error(R"({{"event":"purge_failed","error":"{}"}})", error.what());
            }
            std::unique_lock lock(mutex_);
            std::condition_variable_any().wait_for(lock, stop, std::chrono::hours(1), [] { return false; });
          }
        }) {}

 private:
  std::mutex mutex_;
  std::jthread thread_;
};

/// Every minute on its own thread: gives back the points of redemption holds that timed out and
/// that nobody has read since (a read releases them too, so this only makes it sooner).
class HoldSweepJob {
 public:
  explicit HoldSweepJob(youhao::points::RedemptionService& redemptions)
      : thread_([this, &redemptions](const std::stop_token& stop) {
          while (!stop.stop_requested()) {
            try {
              const long long released = redemptions.ReleaseExpired(youhao::storage::NowSeconds());
              if (released > 0) spdlog::info(R"({{"event":"redemption_holds_released","holds":{}}})", released);
            } catch (const std::exception& error) {
              spdlog::error(R"({{"event":"hold_sweep_failed","error":"{}"}})", error.what());
            }
            std::unique_lock lock(mutex_);
            std::condition_variable_any().wait_for(lock, stop, std::chrono::minutes(1), [] { return false; });
          }
        }) {}

 private:
  std::mutex mutex_;
  std::jthread thread_;
};

/// Every 5 minutes on its own thread: events' offers whose hold ended lapse to the next waiting,
/// and confirmed registrants are reminded the day and the hour before (each once).
class EventRemindersJob {
 public:
  explicit EventRemindersJob(youhao::events::EventService& events)
      : thread_([this, &events](const std::stop_token& stop) {
          while (!stop.stop_requested()) {
            try {
              const long long now = youhao::storage::NowSeconds();
              const long long lapsed = events.LapseDueOffers(now);
              const long long sent = events.SendReminders(now);
              if (lapsed > 0 || sent > 0)
                spdlog::info(R"({{"event":"event_reminders","lapsed_offers":{},"reminders":{}}})", lapsed, sent);
            } catch (const std::exception& error) {
              spdlog::error(R"({{"event":"event_reminders_failed","error":"{}"}})", error.what());
            }
            std::unique_lock lock(mutex_);
            std::condition_variable_any().wait_for(lock, stop, std::chrono::minutes(5), [] { return false; });
          }
        }) {}

 private:
  std::mutex mutex_;
  std::jthread thread_;
};

/// Expires points past the city's lifetime (oldest first, once a day per worker: a later run that
/// day replays) and reminds workers of points expiring within 30 days (once a month), waking their
/// bells after the commit; pays roaming grid reporters their finished months (once per term and
/// month): once before the server listens (so no request races the first run), then every hour on
/// its own thread.
class PointsExpiryJob {
 public:
  PointsExpiryJob(youhao::points::PointsExpiry& expiry, youhao::reports::NotificationInbox& inbox,
                  youhao::reports::GridMonthPay& grid_pay)
      : expiry_(expiry), inbox_(inbox), grid_pay_(grid_pay) {
    Sweep();
    thread_ = std::jthread([this](const std::stop_token& stop) {
      while (!stop.stop_requested()) {
        {
          std::unique_lock lock(mutex_);
          std::condition_variable_any().wait_for(lock, stop, std::chrono::hours(1), [] { return false; });
        }
        if (!stop.stop_requested()) Sweep();
      }
    });
  }

 private:
  void Sweep() {
    try {
      const long long now = youhao::storage::NowSeconds();
      const long long expired = expiry_.ExpireDue(now);
      if (expired > 0) spdlog::info(R"({{"event":"points_expired","points":{}}})", expired);
      const auto told = expiry_.RemindDue(now);
      for (const auto& login : told) inbox_.Wake(login);
      if (!told.empty()) spdlog::info(R"({{"event":"points_expiry_reminded","workers":{}}})", told.size());
    } catch (const std::exception& error) {
      spdlog::error(R"({{"event":"points_expiry_failed","error":"{}"}})", error.what());
    }
    try {
      const auto paid = grid_pay_.PayDue(youhao::storage::NowSeconds());
      if (paid.months > 0) {
        spdlog::info(R"({{"event":"grid_months_paid","months":{},"points":{}}})", paid.months, paid.points);
      }
    } catch (const std::exception& error) {
      spdlog::error(R"({{"event":"grid_month_pay_failed","error":"{}"}})", error.what());
    }
  }

  youhao::points::PointsExpiry& expiry_;
  youhao::reports::NotificationInbox& inbox_;
  youhao::reports::GridMonthPay& grid_pay_;
  std::mutex mutex_;
  std::jthread thread_;
};

/// The Beijing extracts the demo draws its roads and base map from, sorted (none without them).
std::vector<std::string> DemoOsmFiles(const CommandLine& line) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::error_code error;
  const std::string osm_dir = line.Flag("osm-dir").value_or(DefaultOsmDirectory());
  if (!osm_dir.empty() && fs::is_directory(osm_dir, error)) {
    for (const auto& entry : fs::directory_iterator(osm_dir, error)) {
      const std::string name = entry.path().filename().string();
      if (name.starts_with("beijing") && name.ends_with(".osm")) files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// Draws the base map of `files` into the MBTiles file `out`; prints what it built.
void BuildTileFile(const std::vector<std::string>& files, const std::string& out) {
  const auto started = std::chrono::steady_clock::now();
  youhao::basemap::BaseMapData data;
  for (const auto& file : files) {
    auto read = youhao::osm::ReadOsmFile(file);
    if (!read.ok()) throw std::runtime_error(file + ": " + read.error().detail);
    youhao::basemap::AddOsmData(*read, data);
  }
  auto written = youhao::basemap::TileStore::Write(out, data, "Youhao base map");
  if (!written.ok()) throw std::runtime_error(written.error().detail);
  std::cout << fmt::format(
      "  base map: {} tiles (zoom {}-{}, {:.1f} MB of SVG before gzip) from {} shapes in {:.2f} s "
      "({})\n",
      written->tiles, youhao::basemap::kMinTileZoom, youhao::basemap::kMaxTileZoom,
      static_cast<double>(written->bytes) / 1e6, data.shapes.size(),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), youhao::basemap::kAttribution);
}

/// `youhao points expire`: what the hourly job does, once, at --at (default now): points past
/// their lifetime expire, and workers are reminded of points expiring within 30 days.
/// `youhao points grid-pay`: the job's other half, at --at: grid reporters' finished months paid.
int PointsExpire(const CommandLine& line) {
  if (line.words.size() != 2 || (line.words[1] != "expire" && line.words[1] != "grid-pay"))
    throw std::invalid_argument("usage: youhao points expire|grid-pay [--db URL] [--at MOMENT]");
  long long now = youhao::storage::NowSeconds();
  if (const auto at = line.Flag("at")) {
    const auto parsed = youhao::schedule::ParseMoment(*at);
    if (!parsed) throw std::invalid_argument("--at: a moment such as 2027-01-01T10:00:00+08:00");
    now = *parsed;
  }
  auto database = OpenAndMigrate(DatabaseUrl(line), 1);
  if (line.words[1] == "grid-pay") {
    const auto paid = youhao::reports::GridMonthPay(*database).PayDue(now);
    std::cout << fmt::format(R"({{"months":{},"points":{}}})", paid.months, paid.points) << "\n";
    return 0;
  }
  youhao::points::PointsExpiry expiry(*database);
  const long long expired = expiry.ExpireDue(now);
  const auto told = expiry.RemindDue(now);
  std::cout << fmt::format(R"({{"expired":{},"reminded":{}}})", expired, told.size()) << "\n";
  return 0;
}

int ImportTiles(const CommandLine& line) {
  const std::vector<std::string> files(line.words.begin() + 1, line.words.end());
  const auto out = line.Flag("out");
  if (files.empty() || !out) throw std::invalid_argument("import-tiles needs OSM files and --out FILE.mbtiles");
  BuildTileFile(files, *out);
  return 0;
}

int ImportRoads(const CommandLine& line) {
  const std::vector<std::string> files(line.words.begin() + 1, line.words.end());
  const auto out = line.Flag("out");
  if (files.empty() || !out) throw std::invalid_argument("import-roads needs OSM files and --out FILE");
  const auto started = std::chrono::steady_clock::now();
  auto network = BuildRoads(files);
  if (auto saved = network->Save(*out); !saved.ok()) throw std::runtime_error(saved.error().detail);
  std::cout << fmt::format("{}: {} in {:.2f} s\n", *out, RoadsSummary(*network),
                           std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return 0;
}

int Serve(const CommandLine& line) {
  youhao::http::ServerConfig config;
  const std::string listen = line.Flag("listen").value_or("127.0.0.1:8080");
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw std::invalid_argument("--listen must be HOST:PORT");
  config.address = listen.substr(0, colon);
  auto port = youhao::core::ParseNonNegativeInteger(listen.substr(colon + 1));
  if (!port || *port > 65535) throw std::invalid_argument("--listen port must be 0-65535");
  config.port = static_cast<unsigned short>(*port);
  const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  config.threads = static_cast<int>(PositiveNumber(line, "threads", cores));
  config.read_timeout = std::chrono::seconds(PositiveNumber(line, "read-timeout", 30));
  config.body_limit = static_cast<std::size_t>(PositiveNumber(line, "body-limit", 1024LL * 1024));
  config.upload_limit = static_cast<std::size_t>(PositiveNumber(line, "upload-limit", 10LL * 1024 * 1024));
  config.workers = static_cast<int>(PositiveNumber(line, "workers", std::max(8, 4 * cores)));
  config.queue_limit = static_cast<int>(PositiveNumber(line, "queue-limit", 1024));
  // Every worker can hold a connection, so no handler waits for the pool.
  const int pool_size = static_cast<int>(PositiveNumber(line, "pool", config.workers));
  SetClock(line);
  const youhao::schedule::HolidayCalendar holidays = LoadHolidays(line);

  auto database = OpenAndMigrate(DatabaseUrl(line), pool_size);
  const auto keyring = OpenKeyring(line);
  SealPhones(*database, keyring, line);
  const youhao::registry::PhoneVault phones(keyring);
  if (line.Has("demo") && youhao::demo::IsEmpty(*database)) {
    youhao::demo::DemoOptions options;
    PrintDemoSummary(youhao::demo::GenerateDemoCity(*database, options, phones), options.password);
    ImportOsmDirectory(*database, line.Flag("osm-dir").value_or(DefaultOsmDirectory()));
  } else if (line.Has("demo")) {
    std::cout << "Demo data already present. Demo logins: demo-admin, demo-city, demo-district, demo-street, "
                 "demo-community, demo-grid, demo-guard, demo-property, demo-keeper, demo-merchant, demo-sponsor, "
                 "demo-union, demo-worker (password: youhao-demo)\n";
  }

  // The road network: --roads FILE, or for the demo a file beside the SQLite database built from
  // the Beijing extracts on first start (contracting takes a few seconds; loading, milliseconds).
  std::unique_ptr<youhao::roads::RoadNetwork> roads;
  std::string roads_path = line.Flag("roads").value_or("");
  const std::string url = DatabaseUrl(line);
  if (roads_path.empty() && line.Has("demo")) {
    roads_path = url.starts_with("sqlite:")
                     ? url.substr(7) + ".roads.yrn"
                     : (std::filesystem::temp_directory_path() / "youhao-demo.roads.yrn").string();
  }
  if (!roads_path.empty()) {
    const auto started = std::chrono::steady_clock::now();
    auto loaded = youhao::roads::RoadNetwork::Load(roads_path);
    if (loaded.ok()) {
      roads = std::move(*loaded);
    } else if (line.Has("demo")) {
      const std::vector<std::string> files = DemoOsmFiles(line);
      if (!files.empty()) {
        roads = BuildRoads(files);
        if (auto saved = roads->Save(roads_path); !saved.ok())
          std::cout << "  roads not saved: " << saved.error().detail << "\n";
      }
    } else {
      throw std::runtime_error(loaded.error().detail);
    }
    if (roads) {
      std::cout << fmt::format("  roads: {} in {:.2f} s\n", RoadsSummary(*roads),
                               std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    }
  }

  // The base map: --tiles FILE, or for the demo a file beside the SQLite database drawn from
  // the Beijing extracts on first start.
  std::unique_ptr<youhao::basemap::TileStore> tiles;
  std::string tiles_path = line.Flag("tiles").value_or("");
  if (tiles_path.empty() && line.Has("demo")) {
    tiles_path = url.starts_with("sqlite:")
                     ? url.substr(7) + ".tiles.mbtiles"
                     : (std::filesystem::temp_directory_path() / "youhao-demo.tiles.mbtiles").string();
    auto opened = youhao::basemap::TileStore::Open(tiles_path);
    if (!opened.ok() || (*opened)->info().version != youhao::basemap::kTilesVersion) {
      opened = youhao::core::MakeError(youhao::core::ErrorCode::kNotFound, "");  // closes an old file first
      if (const auto files = DemoOsmFiles(line); !files.empty()) BuildTileFile(files, tiles_path);
    }
  }
  if (!tiles_path.empty()) {
    auto opened = youhao::basemap::TileStore::Open(tiles_path);
    if (opened.ok()) {
      tiles = std::move(*opened);
    } else if (line.Flag("tiles")) {
      throw std::runtime_error(opened.error().detail);
    }
  }

  const int retention_days = static_cast<int>(PositiveNumber(line, "event-retention-days", 180));
  youhao::areas::AreaService areas(*database);
  youhao::accounts::LoginThrottle throttle;
  youhao::accounts::AccountService accounts(*database, areas, throttle);
  youhao::registry::DirectoryService directory(*database, phones);
  youhao::audit::AuditLog audit(*database);
  youhao::registry::RegistrationService registration(*database, accounts, phones);
  // No SMS gateway is wired in: codes go to the log (phone masked), and a demo server also shows
  // them in the answer so the demo can be tried. A gateway is another CodeSender.
  registration.SetCodeSender(
      [](std::string_view phone, std::string_view code) {
        const std::string text = youhao::api::Words("sms.code", youhao::http::Lang::kZhCn, {{"code", code}});
        spdlog::info(R"({{"event":"sms","to":"{}","text":"{}"}})", youhao::core::MaskPhone(phone), text);
      },
      line.Has("demo"));
  youhao::entry::IssuerKeyStore keys(*database, keyring);
  EnsureIssuerKeys(keys, line);
  youhao::entry::PassService passes(*database, keys, registration);
  youhao::entry::AccessPlanService plans(*database, areas, phones);
  plans.UseHolidays(&holidays);
  // SQLite has one writer: gate events and reports arriving together share a transaction (one
  // commit, and with synchronous=full one fsync, per batch).
  std::unique_ptr<youhao::storage::GroupCommit> shared_writer;
  if (database->dialect() == youhao::storage::Dialect::kSqlite)
    shared_writer = std::make_unique<youhao::storage::GroupCommit>(*database);
  youhao::entry::GateService gates(*database, keys, plans, areas, shared_writer.get());
  // Digit codes for guards without a camera or scanner (docs/passes.md), checked online only.
  youhao::entry::ShortCodeService short_codes(*database, keyring);
  passes.UseShortCodes(&short_codes);
  gates.UseShortCodes(&short_codes);
  youhao::maps::MapService maps(*database);
  maps.UseHolidays(&holidays);
  youhao::maps::Wayfinding wayfinding(*database, areas, maps);
  youhao::http::Metrics metrics;
  metrics.AddCollector([&database] {
    const auto stats = database->Stats();
    return fmt::format(
        "# HELP youhao_db_pool_connections Database connections by state.\n"
        "# TYPE youhao_db_pool_connections gauge\n"
        "youhao_db_pool_connections{{state=\"max\"}} {}\n"
        "youhao_db_pool_connections{{state=\"open\"}} {}\n"
        "youhao_db_pool_connections{{state=\"in_use\"}} {}\n"
        "# HELP youhao_db_pool_waits_total Acquisitions that had to wait for a free connection.\n"
        "# TYPE youhao_db_pool_waits_total counter\n"
        "youhao_db_pool_waits_total {}\n"
        "# HELP youhao_db_pool_acquisitions_total Connections handed out.\n"
        "# TYPE youhao_db_pool_acquisitions_total counter\n"
        "youhao_db_pool_acquisitions_total {}\n",
        stats.size, stats.open, stats.in_use, stats.waits, stats.acquisitions);
  });
  youhao::api::Services services{
      *database, areas,  accounts, directory, audit, metrics,    registration,
      keys,      passes, plans,    gates,     maps,  wayfinding, line.Flag("public-url").value_or("http://" + listen)};
  youhao::places::PlaceService places(*database, areas, roads.get());
  services.places = &places;
  services.holidays = &holidays;
  youhao::reports::GridReporterService grid_reporters(*database, areas, phones);
  services.grid_reporters = &grid_reporters;
  youhao::reports::AcceptanceRouter acceptance_router;
  youhao::reports::AcceptanceRuleService acceptance_rules(*database, areas, acceptance_router);
  services.acceptance_rules = &acceptance_rules;
  youhao::reports::ReportService reports(*database, areas, grid_reporters, acceptance_router, shared_writer.get());
  services.reports = &reports;
  youhao::points::PointsService points(*database);
  services.points = &points;
  youhao::points::OfferService offers(*database);
  services.offers = &offers;
  youhao::points::RedemptionTimes redemption_times;
  redemption_times.code_seconds = PositiveNumber(line, "redemption-code-seconds", redemption_times.code_seconds);
  redemption_times.hold_seconds = PositiveNumber(line, "redemption-hold-seconds", redemption_times.hold_seconds);
  youhao::points::RedemptionService redemptions(*database, keyring, redemption_times);
  redemptions.UsePasses(&keys);
  services.redemptions = &redemptions;
  youhao::points::EarningRuleService earning_rules(*database);
  services.earning_rules = &earning_rules;
  youhao::points::PointsExpiry points_expiry(*database);
  youhao::honours::HandoverRatings handover_ratings(*database);
  services.handover_ratings = &handover_ratings;
  youhao::honours::Rankings rankings(*database, areas);
  services.rankings = &rankings;
  youhao::honours::HonourService honour_campaigns(
      *database, areas, keyring, {.address_votes_per_hour = PositiveNumber(line, "honour-votes-per-address-hour", 30)});
  services.honour_campaigns = &honour_campaigns;
  youhao::calendar::CalendarFeeds calendar_feeds(*database, keyring);
  services.calendar_feeds = &calendar_feeds;
  youhao::calendar::CalendarTokens calendar_tokens(*database, keyring);
  services.calendar_tokens = &calendar_tokens;
  youhao::attendance::AttendanceService attendance(*database, keys, phones);
  attendance.UseShortCodes(&short_codes);
  attendance.RecordHoursWith(youhao::volunteers::RecordScanHours);
  services.attendance = &attendance;
  // The demo city's winners are seeded without the key file: their certificates are signed here.
  honour_campaigns.IssueMissingCertificates(youhao::storage::NowSeconds());
  youhao::certificates::CertificateService certificates(*database, keyring);
  services.certificates = &certificates;
  youhao::training::TrainingService training(*database, certificates.issuer());
  services.training = &training;
  // Likewise the demo city's passed trainings.
  training.IssueMissingCertificates(youhao::api::TrainingWording(), youhao::storage::NowSeconds());
  youhao::volunteers::VolunteerService volunteers(*database, areas, certificates.issuer(),
                                                  youhao::api::VolunteerCertificateWording());
  services.volunteers = &volunteers;
  // And the demo city's appointment letters (聘书).
  volunteers.IssueMissingCertificates(youhao::storage::NowSeconds());
  youhao::sponsors::SponsorService sponsors(*database, areas);
  services.sponsors = &sponsors;
  youhao::sponsors::DriveService drives(*database, areas);
  services.drives = &drives;
  youhao::wishes::WishService wishes(*database);
  services.wishes = &wishes;
  youhao::events::EventService event_service(*database, areas, keyring);
  services.event_service = &event_service;
  youhao::childcare::ChildcareService childcare(*database);
  services.childcare = &childcare;
  youhao::reports::NotificationInbox notifications(*database);
  services.notifications = &notifications;
  youhao::reports::ReportStatistics report_stats(*database);
  services.report_stats = &report_stats;
  youhao::reports::Open311Keys open311_keys(*database);
  services.open311_keys = &open311_keys;
  youhao::core::EventBus events;
  services.events = &events;
  reports.SetEventBus(&events);
  notifications.SetEventBus(&events);
  grid_reporters.SetEventBus(&events);
  wishes.SetEventBus(&events);
  volunteers.SetEventBus(&events);
  event_service.SetEventBus(&events);
  // A training session names a course, a shift a team: their owners say who may.
  event_service.CheckCoursesWith(youhao::training::MayScheduleSession);
  event_service.CheckTeamsWith(youhao::volunteers::MayScheduleShift);
  // Photos are served by public id only: those stored before there were any get one now, before
  // the first request (a map's features name their photos by URL, and are rewritten too).
  const long long photo_ids = reports.FillMissingPhotoIds() + places.FillMissingPhotoIds() + maps.FillMissingPhotoIds();
  if (photo_ids > 0) spdlog::info(R"({{"event":"photo_ids_assigned","photos":{}}})", photo_ids);
  youhao::conduct::ConductService conduct(*database, areas);
  services.conduct = &conduct;
  services.roads = roads.get();
  services.tiles = tiles.get();
  youhao::privacy::WorkerDataService worker_data(*database, keyring);
  services.worker_data = &worker_data;
  youhao::entry::WhitelistSearch whitelist_search(areas, directory, plans);
  services.whitelist_search = &whitelist_search;
  youhao::http::Router router;
  youhao::api::RegisterRoutes(router, services);
  const std::string web_root = line.Flag("web").value_or(DefaultWebRoot());
  youhao::http::StaticFiles static_files(web_root);

  // Gate events are kept for the retention period the city sets, then deleted by the server.
  youhao::privacy::RetentionPeriods periods;
  periods.closed_report_photo_days =
      static_cast<int>(PositiveNumber(line, "photo-retention-days", periods.closed_report_photo_days));
  periods.checkin_days = static_cast<int>(PositiveNumber(line, "checkin-retention-days", periods.checkin_days));
  periods.audit_days = static_cast<int>(PositiveNumber(line, "audit-retention-days", periods.audit_days));
  RetentionJob retention(*database, gates, reports, retention_days, periods);
  HoldSweepJob hold_sweep(redemptions);
  EventRemindersJob event_reminders(event_service);
  youhao::reports::GridMonthPay grid_pay(*database);
  PointsExpiryJob points_expiry_job(points_expiry, notifications, grid_pay);

  youhao::http::Server server(config, router, metrics, &static_files);
  server.Run([&](const std::string& address) {
    spdlog::info(boost::json::serialize(boost::json::object{{"event", "listening"},
                                                            {"address", address},
                                                            {"database", database->description()},
                                                            {"threads", config.threads},
                                                            {"workers", config.workers},
                                                            {"web_root", web_root},
                                                            {"web_files", static_files.file_count()}}));
    std::cout << "Youhao is running at http://" << address << "/" << std::endl;
  });
  database->Close();
  spdlog::info(R"({"event":"stopped","detail":"database closed"})");
  return 0;
}

/// `youhao keys rekey`: a new key-encryption key. A fresh key goes first into the key file, every
/// value sealed under an older key is re-sealed under it, and only then is the old key dropped
/// from the file; a rekey stopped half-way leaves a file that still opens everything, and running
/// it again finishes it. Servers on the database must be stopped: one started before would go on
/// sealing under the old key.
int Rekey(youhao::storage::Database& database, const CommandLine& line) {
  const std::string path = KeyFilePath(line);
  {
    const auto current = OpenKeyring(line);
    SealPhones(database, current, line);
    // Refused before the file changes when it does not open what the database holds.
    youhao::entry::IssuerKeyStore keys(database, current);
    EnsureIssuerKeys(keys, line);
    current.WriteRotated(path);
    std::cout << fmt::format("key file {}: new key added in front of key {}\n", path, current.CurrentKeyId());
  }
  const auto keyring = youhao::core::Keyring::FromFile(path);
  youhao::entry::IssuerKeyStore keys(database, keyring);
  std::cout << fmt::format("issuer keys re-sealed under key {}: {}\n", keyring.CurrentKeyId(),
                           keys.ResealUnderCurrentKey());
  // Every other value sealed under the key file is re-sealed here, before the old key leaves the
  // file: the registry's phones, with their digests.
  std::cout << fmt::format("phones re-sealed under key {}: {}\n", keyring.CurrentKeyId(),
                           youhao::registry::ResealPhones(database, keyring));
  keyring.WriteCurrentOnly(path);
  std::cout << fmt::format(
      "key file {} now holds only key {}. Backups of the database taken before now open only with the old key "
      "file: keep it beside them, apart from the backups themselves.\n",
      path, keyring.CurrentKeyId());
  return 0;
}

int Keys(const CommandLine& line) {
  const std::string action = line.words.size() == 2 ? line.words[1] : "";
  if (action != "rotate" && action != "rekey")
    throw std::invalid_argument("usage: youhao keys rotate|rekey [--db URL] [--key-file FILE]");
  auto database = OpenAndMigrate(DatabaseUrl(line), 1);
  if (action == "rekey") return Rekey(*database, line);
  const auto keyring = OpenKeyring(line);
  SealPhones(*database, keyring, line);
  youhao::entry::IssuerKeyStore keys(*database, keyring);
  EnsureIssuerKeys(keys, line);
  const int key_id = keys.Rotate();
  std::cout << fmt::format("issuer key {} is now active; retired keys keep verifying until their passes expire\n",
                           key_id);
  return 0;
}

int Migrate(const CommandLine& line) {
  auto database = youhao::storage::Database::Open(DatabaseUrl(line), 1);
  auto connection = database->Acquire();
  const int applied = youhao::storage::Migrate(*connection);
  std::cout << fmt::format("applied {} migration(s); schema version {}\n", applied,
                           youhao::storage::LatestSchemaVersion());
  return 0;
}

int Backup(const CommandLine& line) {
  const auto out = line.Flag("out");
  if (!out) throw std::invalid_argument("backup needs --out FILE");
  const auto summary = youhao::storage::BackupDatabase(DatabaseUrl(line), *out);
  std::cout << fmt::format("backed up the {} database to {}: {} bytes in {:.2f} s\n", summary.kind, *out, summary.bytes,
                           summary.seconds);
  return 0;
}

int Restore(const CommandLine& line) {
  const auto in = line.Flag("in");
  const auto db = line.Flag("db");
  if (!in || !db) throw std::invalid_argument("restore needs --in FILE and --db URL");
  youhao::storage::RestoreDatabase(*db, *in);
  // A backup of an older schema comes up to date here, not on the first request.
  auto database = youhao::storage::Database::Open(*db, 1);
  auto connection = database->Acquire();
  const int applied = youhao::storage::Migrate(*connection);
  std::cout << fmt::format("restored {} into {} ({} migration(s) applied)\n", *in, *db, applied);
  return 0;
}

int UserAdd(const CommandLine& line) {
  const auto login = line.Flag("login");
  const auto role_name = line.Flag("role");
  const auto area = line.Flag("area");
  if (!login || !role_name || !area) throw std::invalid_argument("user add needs --login, --role and --area");
  const auto role = youhao::accounts::ParseRole(*role_name);
  if (!role) throw std::invalid_argument("unknown role: " + *role_name);
  if (isatty(STDIN_FILENO)) std::cerr << "Password: " << std::flush;
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();

  auto database = OpenAndMigrate(DatabaseUrl(line), 1);
  youhao::areas::AreaService areas(*database);
  youhao::accounts::LoginThrottle throttle;
  youhao::accounts::AccountService accounts(*database, areas, throttle);
  auto created = accounts.Create(nullptr, {*login, password, line.Flag("name").value_or(*login), *role, *area});
  if (!created.ok()) {
    std::cerr << "youhao: " << youhao::core::CodeName(created.error().code) << ": " << created.error().detail << "\n";
    return 1;
  }
  std::cout << fmt::format("created account {} ({}) in {} {}\n", created->login, *role_name, created->area.code,
                           created->area.name_zh);
  return 0;
}

int Demo(const CommandLine& line) {
  youhao::demo::DemoOptions options;
  const std::string scale = line.Flag("scale").value_or("demo");
  if (scale == "city") {
    options.scale = youhao::demo::Scale::kCity;
  } else if (scale != "demo") {
    throw std::invalid_argument("--scale must be demo or city");
  }
  options.seed = static_cast<unsigned long long>(PositiveNumber(line, "seed", static_cast<long long>(options.seed)));
  auto database = OpenAndMigrate(DatabaseUrl(line), 1);
  const auto keyring = OpenKeyring(line);
  SealPhones(*database, keyring, line);
  const youhao::registry::PhoneVault phones(keyring);
  const auto started = std::chrono::steady_clock::now();
  const auto summary = youhao::demo::GenerateDemoCity(*database, options, phones);
  PrintDemoSummary(summary, options.password);
  ImportOsmDirectory(*database, line.Flag("osm-dir").value_or(DefaultOsmDirectory()));
  std::cout << fmt::format("generated in {:.1f} s\n",
                           std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return 0;
}

int Poster(const CommandLine& line) {
  if (line.words.size() != 2) throw std::invalid_argument("poster needs one COMPOUND (code or name)");
  const auto out = line.Flag("out");
  if (!out || !(out->ends_with(".pdf") || out->ends_with(".svg")))
    throw std::invalid_argument("poster needs --out FILE.pdf or FILE.svg");
  auto database = OpenAndMigrate(DatabaseUrl(line), 1);
  youhao::areas::AreaService areas(*database);
  std::optional<youhao::areas::Area> compound = areas.Find(line.words[1]);
  if (!compound) {
    auto row = database->Acquire()->QueryOne(
        "SELECT code FROM areas WHERE level = 'compound' AND name_zh = ? ORDER BY code LIMIT 1", {line.words[1]});
    if (row) compound = areas.Find(row->Text(0));
  }
  if (!compound || compound->level != youhao::areas::Level::kCompound) {
    std::cerr << "youhao: no compound with code or name " << line.words[1] << "\n";
    return 1;
  }
  youhao::maps::MapService maps(*database);
  // A poster reads the plan, never a phone: no key file is needed, and a key of its own opens none.
  const auto no_key_file = youhao::core::Keyring::Ephemeral();
  const youhao::registry::PhoneVault phones(no_key_file);
  youhao::entry::AccessPlanService plans(*database, areas, phones);
  const auto router = maps.Router(*compound);
  const auto options = youhao::poster::CompoundPosterOptions(*compound, areas.Find(compound->parent_code.value_or("")),
                                                             plans.Plan(compound->code), router->map(),
                                                             line.Flag("public-url").value_or("http://127.0.0.1:8080"));
  auto poster = youhao::poster::RenderCompoundPoster(
      router->map(), options,
      out->ends_with(".pdf") ? youhao::poster::PosterFormat::kPdf : youhao::poster::PosterFormat::kSvg);
  if (!poster.ok()) {
    std::cerr << fmt::format("youhao: {}: {}: {}\n", compound->name_zh, youhao::core::CodeName(poster.error().code),
                             poster.error().detail);
    return 1;
  }
  std::ofstream file(*out, std::ios::binary);
  file << *poster;
  if (!file) throw std::runtime_error("cannot write " + *out);
  std::cout << fmt::format("{} ({}): poster written to {} ({} bytes); its QR code opens {}\n", compound->name_zh,
                           compound->code, *out, poster->size(), options.qr_url);
  return 0;
}

int ImportOsm(const CommandLine& line) {
  if (line.words.size() < 2) throw std::invalid_argument("import-osm needs a FILE");
  auto database = OpenAndMigrate(DatabaseUrl(line), 1);
  youhao::maps::MapService maps(*database);
  int failures = 0;
  for (std::size_t i = 1; i < line.words.size(); ++i) {
    auto imported = youhao::maps::ImportOsmFile(*database, maps, line.words[i], line.Flag("parent"));
    if (!imported.ok()) {
      std::cerr << fmt::format("youhao: {}: {}: {} (nothing imported)\n", line.words[i],
                               youhao::core::CodeName(imported.error().code), imported.error().detail);
      ++failures;
      continue;
    }
    std::cout << fmt::format(
        "{}: {} compounds, read in {:.2f} s, imported in {:.2f} s (© OpenStreetMap contributors, ODbL 1.0)\n",
        line.words[i], imported->compounds.size(), imported->read_seconds, imported->total_seconds);
    for (const auto& compound : imported->compounds) {
      std::cout << fmt::format(
          "  {} {}{}: {} buildings, {} entrances, {} gates, {} parking, {} paths (map version {})\n", compound.code,
          compound.name, compound.created ? " (new)" : "", compound.buildings, compound.entrances, compound.gates,
          compound.parking, compound.paths, compound.version);
    }
    for (const auto& warning : imported->warnings) std::cout << "  note: " << warning << "\n";
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  auto logger = spdlog::stdout_logger_mt("youhao");
  logger->set_pattern("%v");
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
  try {
    youhao::core::InitCrypto();
    const CommandLine line = youhao::app::ParseCommandLine(argc, argv, {"demo", "help", "quick"});
    const std::string command = line.words.empty() ? "" : line.words[0];
    if (command == "serve") return Serve(line);
    if (command == "migrate") return Migrate(line);
    if (command == "backup") return Backup(line);
    if (command == "restore") return Restore(line);
    if (command == "user" && line.words.size() == 2 && line.words[1] == "add") return UserAdd(line);
    if (command == "demo") return Demo(line);
    if (command == "keys") return Keys(line);
    if (command == "points") return PointsExpire(line);
    if (command == "import-osm") return ImportOsm(line);
    if (command == "poster") return Poster(line);
    if (command == "import-roads") return ImportRoads(line);
    if (command == "import-tiles") return ImportTiles(line);
    std::cout << kUsage;
    return command.empty() || line.Has("help") ? 0 : 2;
  } catch (const std::invalid_argument& error) {
    std::cerr << "youhao: " << error.what() << "\n\n" << kUsage;
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "youhao: " << error.what() << "\n";
    return 1;
  }
}
