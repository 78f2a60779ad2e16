#pragma once
/// Worker reports and the chain that handles them: submission (with duplicates, idempotent
/// offline drafts and a rate limit), the actions of stations, officers and the reporter, photos,
/// deadlines, auto-closing, point awards and notifications. Permissions are checked here.

#include <optional>
#include <string>
#include <vector>

#include "accounts/access.h"
#include "areas/area_service.h"
#include "core/event_bus.h"
#include "media/photo_id.h"
#include "reports/acceptance_rules.h"
#include "reports/grid_reporters.h"
#include "reports/notifications.h"
#include "reports/report.h"
#include "reports/report_model.h"
#include "reports/report_policy.h"
#include "storage/database.h"
#include "storage/group_commit.h"

namespace youhao::reports {

/// The conflict for a report that repeats `found`: `already_reported` when it is the worker's own,
/// else `possible_duplicate`, with `duplicate_of` {id, distance_m, me_too, own, within_m, reported_by}.
core::Error DuplicateProblem(const DuplicateReport& found);

/// The event-bus topic of report `id`'s steps.
inline std::string ReportTopic(long long id) { return "report:" + std::to_string(id); }

/// Reports a worker may send per hour before being asked to wait.
inline constexpr int kReportsPerHour = 10;

class ReportService {
 public:
  /// With `group_commit`, submissions from many threads share transactions (one fsync per batch).
  ReportService(storage::Database& database, areas::AreaService& areas, const GridReporterService& grid_reporters,
                const AcceptanceRouter& router, storage::GroupCommit* group_commit = nullptr)
      : database_(database),
        areas_(areas),
        grid_reporters_(grid_reporters),
        router_(router),
        group_commit_(group_commit) {}

  /// Where a report's new steps are announced as topic ReportTopic(id), after they commit.
  void SetEventBus(core::EventBus* bus) { bus_ = bus; }

  /// A worker's report, routed by the acceptance rules to the station, community or property
  /// company that accepts it (a station keeper or property manager so chosen is notified). A running grid reporter's
  /// report inside their community skips the station: it is dispatched at once to the community's grid officer
  /// (accepted for the community when it has none), and the officer is notified. An open report of the same category
  /// within 50 m and 24 h fails with DuplicateProblem(), `possible_duplicate`, unless `join` names it (then the
  /// original gains a "me too" and the photos); when that report is the worker's own, it fails with `already_reported`,
  /// and joining it is refused. The same client_id twice returns the first report. More than kReportsPerHour in an
  /// hour: kRateLimited.
  core::Result<Report> Submit(const accounts::Principal& worker, const ReportInput& input, long long now);
  /// A report from an Open311 client of `organisation` (no account).
  /// Descriptions may be up to 4,000 characters, as Open311 allows. An open report of the same
  /// category within 50 m and 24 h fails with DuplicateProblem(), `possible_duplicate` naming it.
  core::Result<Report> SubmitFromOrganisation(const std::string& organisation, const ReportInput& input, long long now);

  /// Moves a report along the chain. The accepting party (see MayAccept in report_policy.h) and whoever accepted it
  /// dispatch and close; the assignee, the accepting party and whoever accepted it start and
  /// resolve, resolving needs a photo; the reporter confirms and reopens. Whom NoticesFor
  /// (notice_policy.h) names is notified in the step's transaction and woken once it commits.
  core::Result<Report> Act(const accounts::Principal& caller, long long id, Action action, const std::string& note,
                           const std::optional<std::string>& assignee_kind, const std::optional<std::string>& assignee,
                           std::optional<long long> photo_id, std::optional<CloseReason> reason, long long now);

  /// The report if the caller may see it (reporter, staff in scope; welfare only for SeesPrivate);
  /// with `caller` null, only public (non-welfare) reports.
  core::Result<Report> Get(const accounts::Principal* caller, long long id) const;
  /// Where a report of `category` at (lat, lon) would be routed now, for staff checking their
  /// rules: its community, its compound and the acceptor with the reason.
  struct RoutePreview {
    std::string area_code;
    std::optional<std::string> compound;
    Acceptor acceptor;
  };
  core::Result<RoutePreview> PreviewRoute(const accounts::Principal& caller, Category category, double lat,
                                          double lon) const;

  struct Filter {
    std::string area_path;  ///< within this area
    std::optional<Status> status;
    std::optional<Category> category;
    std::vector<Category> categories;   ///< any of these (empty: all)
    std::optional<bool> open;           ///< Open311's open/closed
    std::optional<long long> from, to;  ///< created_at range
    std::vector<long long> ids;
    std::optional<long long> reporter_account_id;
    /// Reports routed to this station keeper, or to this compound's property company, and those
    /// that `taken_up_by` took up (instead of `area_path`).
    std::optional<long long> routed_to_account;
    std::optional<std::string> routed_to_compound;
    std::string taken_up_by;
    bool include_private = false;
    int limit = 50;
    std::optional<long long> before_id;  ///< cursor: ids below this
  };
  std::vector<Report> List(const Filter& filter, bool with_steps = false) const;

  /// Stores a sanitized photo and its thumbnail (a JPEG), unattached until a report names it by
  /// its row id; its URL carries only its public id.
  core::Result<media::StoredPhoto> AddPhoto(const accounts::Principal& caller, const std::string& content_type,
                                            const std::string& bytes, const std::string& thumbnail_jpeg, long long now);
  /// The photo with public id `public_id`, as PhotoSightOf() decides for `caller`: a public
  /// report's for anyone (public); a photo not yet sent only for its uploader, a welfare report's
  /// only for whoever may read the report (private). With `thumbnail`, the small JPEG.
  /// Errors: not_found (also for anything that is not a public id, such as a row number).
  core::Result<media::ServedPhoto> Photo(std::string_view public_id, const accounts::Principal* caller,
                                         bool thumbnail = false) const;
  /// Gives every stored photo without a public id (stored before there were any) a new one;
  /// returns how many. Run once at start, before requests are served.
  long long FillMissingPhotoIds();

  /// Numbers for the dashboard: reports created in [from, to] within the area.
  /// Steps recorded so far (the event stream sends the report when this grows).
  long long StepCount(long long id) const;
  /// Tells the street officers of every report that has just passed its deadline, and the
  /// district officers of every one past twice its allowed time (once each); returns how many
  /// reports climbed.
  long long EscalateOverdue(long long now);
  /// Closes reports resolved more than 72 hours ago and never confirmed; returns how many.
  long long CloseUnconfirmed(long long now);

 private:
  std::optional<Report> Load(storage::Connection& connection, long long id) const;
  /// Where a report lands and who sent it: read before the write transaction.
  struct Placement {
    std::string reporter_name;
    std::optional<std::string> reporter_kind;
    std::string area_code, area_path;
    std::optional<std::string> compound;
    std::optional<GridRoute> grid_route;
    Acceptor acceptor;
  };
  Placement Place(storage::Connection& connection, const accounts::Principal& worker, const ReportInput& input,
                  long long now) const;
  /// Submit's writes inside the caller's transaction; the caller commits when it succeeds.
  core::Result<Report> SubmitOn(storage::Connection& connection, Told& told, const accounts::Principal& worker,
                                const ReportInput& input, const Placement& placement, long long now);
  core::Result<Report> Insert(storage::Connection& connection, const ReportInput& input, const std::string& area_code,
                              const std::string& area_path, const std::optional<std::string>& compound,
                              std::optional<long long> reporter, const std::string& reporter_name,
                              const std::optional<std::string>& reporter_kind, bool grid_reporter,
                              const Acceptor& acceptor, const std::string& source, const std::string& actor_login,
                              const std::string& actor_role, long long now);
  /// Where a point lies: the nearest compound within 1 km (a report there is counted for it) and
  /// that compound's community; `area` is empty when no compound is that near.
  struct Location {
    std::optional<areas::Area> area;
    std::optional<std::string> compound;
    /// Within kInsideCompoundMetres of the compound's centre: the compound's property company
    /// may be the one to accept.
    bool inside_compound = false;
  };
  Location Locate(storage::Connection& connection, double lat, double lon) const;

  storage::Database& database_;
  areas::AreaService& areas_;
  const GridReporterService& grid_reporters_;
  const AcceptanceRouter& router_;
  storage::GroupCommit* group_commit_;
  core::EventBus* bus_ = nullptr;
};

}  // namespace youhao::reports
