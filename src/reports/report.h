#pragma once
/// A worker report as values: what a worker sends, the report with its steps, a duplicate found
/// nearby. Shared by the policy, the service and the edge.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/acceptance_rules.h"
#include "reports/report_model.h"

namespace youhao::reports {

struct ReportInput {
  Category category = Category::kOther;
  std::string description;
  double lat = 0, lon = 0;
  std::string address;
  std::optional<Difficulty> difficulty;
  std::vector<long long> photo_ids;
  std::string client_id;          ///< idempotency key of an offline draft
  std::optional<long long> join;  ///< "me too": add to this open report instead
};

/// Notes the server writes on a step itself are stored as {"says": key, ...fields} and worded at
/// the edge from "report_step.<key>"; people's own notes are stored as typed. Steps written before
/// this keep their sentence.
namespace step_note {
inline constexpr std::string_view kGridToOfficer = "grid_to_officer";      ///< {officer}
inline constexpr std::string_view kGridToCommunity = "grid_to_community";  ///< a roaming reporter's
inline constexpr std::string_view kAssigned = "assigned";                  ///< {assignee}
/// Closing without a note: "closed_<close reason>".
inline constexpr std::string_view kKeys[] = {kGridToOfficer,         kGridToCommunity,  kAssigned,
                                             "closed_duplicate",     "closed_not_ours", "closed_referred",
                                             "closed_auto_confirmed"};
}  // namespace step_note

struct Step {
  Status status = Status::kSubmitted;
  long long at = 0;
  std::string actor_login;
  std::string actor_role;
  std::string note;
  /// The public id (media/photo_id.h) of the step's photo: a resolution's proof.
  std::optional<std::string> photo;
};

struct Report {
  long long id = 0;
  Category category = Category::kOther;
  Status status = Status::kSubmitted;
  std::string description, address;
  double lat = 0, lon = 0;
  std::string area_code, area_path;
  std::optional<std::string> compound_code;
  std::optional<Difficulty> difficulty;
  std::optional<long long> reporter_account_id;
  std::string reporter_name;  ///< as registered; render masked
  std::optional<std::string> reporter_kind;
  bool grid_reporter = false;
  std::string source;  ///< "app" or "open311:ORGANISATION"
  std::optional<std::string> assignee_kind, assignee;
  std::optional<std::string> handler_login;
  /// Who accepts it, chosen by the acceptance rules at submission; null for reports older than
  /// the rules (then any staff in scope accept).
  std::optional<Acceptor> acceptor;
  long long me_too = 0;
  std::optional<CloseReason> close_reason;
  long long created_at = 0, updated_at = 0, due_at = 0;
  std::optional<long long> resolved_at, closed_at;
  long long step_count = 0;
  std::vector<Step> steps;
  /// The public ids (media/photo_id.h) of the scene's photos; a resolution's photo is its step's.
  std::vector<std::string> photos;
};

struct DuplicateReport {
  long long id = 0;
  double distance_metres = 0;
  long long me_too = 0;
  bool own = false;  ///< the worker's own report: there is nothing to join
};

}  // namespace youhao::reports
