#pragma once
/// Micro-wishes, the SQL of tables wishes and wish_claims, run on a given connection. A wish has at
/// most one active claim (a partial unique index, on SQLite and PostgreSQL alike); a claim's
/// lapse moves it to `lapsed` and its wish back to `verified` in one transaction (LapseDue).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.h"
#include "wishes/wish_policy.h"

namespace youhao::wishes {

/// A sponsor's claim on a wish (the active one, else the fulfilled one).
struct Claim {
  long long id = 0;
  long long wish_id = 0;
  long long sponsor_id = 0;
  std::string sponsor_name;
  long long account_id = 0;
  std::string status;  ///< active | lapsed | fulfilled | withdrawn
  long long claimed_at = 0;
  long long due_at = 0;
  std::optional<long long> fulfilled_at;
  std::string note;
  std::string photo_public_id;
  std::optional<long long> confirmed_at;
  std::string thanks;
};

struct Wish {
  long long id = 0;
  long long worker_id = 0;
  /// 0 for a worker without a sign-in account (the demo's courier, posted for by staff).
  long long worker_account_id = 0;
  std::string worker_name;  ///< only ever shown to the worker and the staff of their community
  std::string worker_kind;  ///< food | parcel | ride | truck
  std::string area_code;    ///< the worker's community
  std::string area_path;
  std::string community_name;
  std::string title;
  std::string reason;
  std::string category;
  long long value_yuan = 0;
  WishStatus status = WishStatus::kSubmitted;
  long long posted_by_account_id = 0;
  std::string posted_by;
  std::string reviewed_by;
  std::optional<long long> reviewed_at;
  std::string reject_reason;
  long long created_at = 0;
  long long updated_at = 0;
  std::optional<Claim> claim;

  WishFacts Facts() const {
    return {status, worker_account_id, posted_by_account_id,
            claim ? std::optional<long long>(claim->sponsor_id) : std::nullopt};
  }
};

/// A worker of the register as a wish sees them.
struct WishWorker {
  long long id = 0;
  std::optional<long long> account_id;
  std::string name;
  std::string kind;
  std::string area_path;
};

/// The community a wish belongs to.
struct Community {
  std::string code;
  std::string name;
  std::string path;
};

struct NewWish {
  WishWorker worker;
  Community community;
  WishInput input;
  long long posted_by_account_id = 0;
  std::string posted_by;
};

/// Which wishes a list holds; newest first, `before` an id for the next page.
struct WishQuery {
  std::vector<WishStatus> statuses;  ///< empty: any
  std::optional<long long> worker_account_id;
  std::optional<long long> posted_by_account_id;
  std::optional<std::string> area_path;  ///< within this area
  std::optional<long long> sponsor_id;   ///< whose current claim is this sponsor's
  std::optional<long long> before;
  int limit = 20;
};

namespace wish_repository {

/// Lapses every active claim due by `now` (the claim `lapsed`, its wish `verified` again) in one
/// transaction of its own; how many. Reads first, so it writes nothing when nothing is due.
long long LapseDue(storage::Connection& connection, long long now);

std::optional<Wish> Find(storage::Connection& connection, long long id);
std::vector<Wish> List(storage::Connection& connection, const WishQuery& query);
long long Insert(storage::Connection& connection, const NewWish& wish, long long now);

/// Moves the wish from `from` to `to` only if it is still `from`: false when another request moved it first.
bool Move(storage::Connection& connection, long long id, WishStatus from, WishStatus to, long long now);
void SetReview(storage::Connection& connection, long long id, std::string_view by, std::string_view reject_reason,
               long long now);

/// A new active claim due kClaimDays from `now`; its id. A wish holding an active claim already
/// makes this a unique violation (storage::DatabaseError::unique_violation).
long long InsertClaim(storage::Connection& connection, long long wish_id, long long sponsor_id, long long account_id,
                      long long now, long long due_at);
/// The active claim becomes fulfilled with its note and photo, unless it lapsed (due by `now`)
/// or left `active`: false then.
bool FulfilClaim(storage::Connection& connection, long long claim_id, std::string_view note,
                 std::string_view photo_type, std::string_view photo_base64, std::string_view thumb_base64,
                 std::string_view photo_public_id, long long now);
void ConfirmClaim(storage::Connection& connection, long long claim_id, std::string_view thanks, long long now);

std::optional<WishWorker> FindWorker(storage::Connection& connection, long long worker_id);
std::optional<WishWorker> FindWorkerOfAccount(storage::Connection& connection, long long account_id);
/// The community whose path begins `area_path`, or nullopt when the path lies above any community.
std::optional<Community> CommunityOf(storage::Connection& connection, std::string_view area_path);
std::string LoginOf(storage::Connection& connection, long long account_id);

/// A fulfilment photo by its public id: {content type, base64, claim's wish id}.
struct StoredPhoto {
  std::string content_type;
  std::string base64;
  long long wish_id = 0;
};
std::optional<StoredPhoto> FindPhoto(storage::Connection& connection, std::string_view public_id, bool thumbnail);

}  // namespace wish_repository
}  // namespace youhao::wishes
