#include "points/redemptions.h"

#include <functional>
#include <map>
#include <stdexcept>

#include <fmt/format.h>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "audit/audit_log.h"
#include "core/base64.h"
#include "core/random.h"
#include "core/text.h"
#include "entry/gate_repository.h"
#include "entry/key_store.h"
#include "passes/pass_verifier.h"
#include "points/ledger.h"

namespace youhao::points {

namespace {

using core::ErrorCode;

// Named statements.
constexpr std::string_view kColumns =
    "SELECT r.id, r.offer_id, r.place_id, COALESCE(p.name, ''), r.title, r.price, r.worker_account_id, r.client_id, "
    "r.status, r.code_expires_at, r.expires_at, r.created_at, r.settled_at, r.settled_by, r.hold_transfer_id, "
    "r.settle_transfer_id FROM points_redemptions r LEFT JOIN places p ON p.id = r.place_id ";
constexpr std::string_view kInsert =
    "INSERT INTO points_redemptions (offer_id, place_id, worker_account_id, client_id, title, price, status, "
    "code_digest, code_expires_at, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 'held', ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kSetHoldTransfer = "UPDATE points_redemptions SET hold_transfer_id = ? WHERE id = ?";
constexpr std::string_view kSetSettleTransfer = "UPDATE points_redemptions SET settle_transfer_id = ? WHERE id = ?";
constexpr std::string_view kNewCode =
    "UPDATE points_redemptions SET code_digest = ?, code_expires_at = ? WHERE id = ? AND status = 'held'";
// Out of held, once: whichever request comes second finds no held row to move.
constexpr std::string_view kSettle =
    "UPDATE points_redemptions SET status = ?, settled_at = ?, settled_by = ? WHERE id = ? AND status = 'held'";
constexpr std::string_view kDue =
    "SELECT id FROM points_redemptions WHERE status = 'held' AND expires_at <= ? ORDER BY id LIMIT ?";
constexpr std::string_view kDueOf =
    "SELECT id FROM points_redemptions WHERE status = 'held' AND expires_at <= ? AND worker_account_id = ? "
    "ORDER BY id LIMIT 100";
constexpr std::string_view kPlaceInArea = "SELECT id FROM places WHERE id = ? AND area_path LIKE ?";
// The payer of each line is its offer's sponsor (NULL: the city's pool).
constexpr std::string_view kStatement =
    "SELECT r.id, r.settled_at, r.title, r.price, COALESCE(r.settled_by, ''), s.id, COALESCE(s.name, '') "
    "FROM points_redemptions r LEFT JOIN points_offers o ON o.id = r.offer_id LEFT JOIN sponsors s ON s.id = "
    "o.sponsor_id WHERE r.place_id = ? AND r.status = 'confirmed' AND r.settled_at >= ? AND r.settled_at < ? "
    "ORDER BY r.settled_at, r.id";
constexpr std::string_view kWorkerAccount = "SELECT account_id FROM workers WHERE id = ?";
constexpr std::string_view kWrongCodesSince = "SELECT at FROM points_wrong_codes WHERE account_id = ? AND at > ?";
constexpr std::string_view kInsertWrongCode = "INSERT INTO points_wrong_codes (account_id, at) VALUES (?, ?)";
constexpr std::string_view kForgetOldWrongCodes = "DELETE FROM points_wrong_codes WHERE account_id = ? AND at <= ?";
constexpr std::string_view kForgetWrongCodes = "DELETE FROM points_wrong_codes WHERE account_id = ?";
constexpr std::string_view kForgetAllOldWrongCodes = "DELETE FROM points_wrong_codes WHERE at <= ?";

Redemption RedemptionFrom(const storage::Row& row) {
  Redemption r;
  r.id = row.Int(0);
  r.offer_id = row.Int(1);
  r.place_id = row.Int(2);
  r.place_name = row.Text(3);
  r.title = row.Text(4);
  r.price = row.Int(5);
  r.worker_account_id = row.Int(6);
  r.client_id = row.Text(7);
  r.status = ParseRedemptionStatus(row.Text(8)).value_or(RedemptionStatus::kHeld);
  r.code_expires_at = row.Int(9);
  r.expires_at = row.Int(10);
  r.created_at = row.Int(11);
  if (!row.IsNull(12)) r.settled_at = row.Int(12);
  r.settled_by = row.OptionalText(13).value_or("");
  if (!row.IsNull(14)) r.hold_transfer_id = row.Int(14);
  if (!row.IsNull(15)) r.settle_transfer_id = row.Int(15);
  return r;
}

std::string HoldOwnerRef(long long redemption_id) { return fmt::format("redemption:{}", redemption_id); }
std::string MerchantOwnerRef(long long place_id) { return fmt::format("place:{}", place_id); }

/// A transfer the redemption's own state allows and the ledger refuses: the ledger and the
/// redemptions disagree, which is a failure of the machine, not of the request.
Transfer MustMove(storage::Connection& connection, const TransferRequest& request) {
  auto moved = Ledger::Move(connection, request);
  if (!moved.ok()) {
    throw std::runtime_error(fmt::format("redemption ledger out of step: {} of {} from account {}: {}",
                                         TransferKindName(request.kind), request.amount, request.source_id,
                                         moved.error().detail));
  }
  return *moved;
}

/// The held points back to the worker and one back into the stock (cancelled or timed out).
void ReturnHeld(storage::Connection& connection, const Redemption& redemption, std::string_view reason,
                std::string_view actor, long long now) {
  const auto hold = Ledger::Find(connection, AccountKind::kHold, HoldOwnerRef(redemption.id));
  const auto worker = Ledger::Find(connection, AccountKind::kWorker, WorkerOwnerRef(redemption.worker_account_id));
  if (!hold || !worker) throw std::runtime_error(fmt::format("redemption {} has no hold account", redemption.id));
  // The offer's row before the worker's account, in the order a redemption takes them, so that a
  // cancellation and a redemption of the same worker never wait on each other (PostgreSQL).
  offer_repository::GiveBack(connection, redemption.offer_id);
  const Transfer moved = MustMove(
      connection, {hold->id, worker->id, redemption.price, TransferKind::kRelease, std::string(reason),
                   fmt::format("redemption:{}:release", redemption.id), std::string(actor), std::nullopt, now});
  connection.Execute(kSetSettleTransfer, {moved.id, redemption.id});
}

/// What the worker is told about their redemption that another request settled a moment ago.
core::Error NoLongerHeld(storage::Connection& connection, long long id, long long now) {
  const auto settled = redemption_repository::Find(connection, id);
  const auto decided = DecideWhileHeld(settled->Facts(), now);
  if (!decided.ok()) return decided.error();
  return core::MakeError(ErrorCode::kConflict, "the redemption changed meanwhile: try again");
}

core::Error CodeWrong() {
  return core::MakeProblem(ErrorCode::kNotFound, "redemption_code_wrong", "points.redemption_code_wrong",
                           "no redemption has this code: check the digits on the worker's phone");
}

/// Releases the due holds among `ids` in the caller's transaction.
long long ReleaseAll(storage::Connection& connection, const std::vector<storage::Row>& ids, long long now) {
  long long released = 0;
  for (const auto& row : ids) {
    const auto redemption = redemption_repository::Find(connection, row.Int(0));
    if (redemption && redemption_repository::ExpireIfDue(connection, *redemption, now)) ++released;
  }
  return released;
}

/// Releases the due holds among `ids`, each in a transaction of its own.
long long ReleaseEach(storage::Connection& connection, const std::vector<storage::Row>& ids, long long now) {
  long long released = 0;
  for (const auto& row : ids) {
    storage::Transaction transaction(connection);
    released += ReleaseAll(connection, {row}, now);
    transaction.Commit();
  }
  return released;
}

}  // namespace

namespace redemption_repository {

std::optional<Redemption> Find(storage::Connection& connection, long long id) {
  auto row = connection.QueryOne(fmt::format("{}WHERE r.id = ?", kColumns), {id});
  if (!row) return std::nullopt;
  return RedemptionFrom(*row);
}

std::vector<Redemption> HeldAt(storage::Connection& connection, long long worker_account_id, long long place_id,
                               long long now) {
  std::vector<Redemption> held;
  for (const auto& row : connection.Query(fmt::format("{}WHERE r.worker_account_id = ? AND r.place_id = ? AND "
                                                      "r.status = 'held' AND r.expires_at > ? ORDER BY r.id",
                                                      kColumns),
                                          {worker_account_id, place_id, now}))
    held.push_back(RedemptionFrom(row));
  return held;
}

std::vector<long long> WrongCodesSince(storage::Connection& connection, long long account_id, long long since) {
  std::vector<long long> at;
  for (const auto& row : connection.Query(kWrongCodesSince, {account_id, since})) at.push_back(row.Int(0));
  return at;
}

void RecordWrongCode(storage::Connection& connection, long long account_id, long long now, long long forget_before) {
  connection.Execute(kForgetOldWrongCodes, {account_id, forget_before});
  connection.Execute(kInsertWrongCode, {account_id, now});
}

void ForgetWrongCodes(storage::Connection& connection, long long account_id) {
  connection.Execute(kForgetWrongCodes, {account_id});
}

std::optional<Redemption> FindByClientId(storage::Connection& connection, long long account_id,
                                         std::string_view client_id) {
  auto row = connection.QueryOne(fmt::format("{}WHERE r.worker_account_id = ? AND r.client_id = ?", kColumns),
                                 {account_id, std::string(client_id)});
  if (!row) return std::nullopt;
  return RedemptionFrom(*row);
}

std::optional<Redemption> FindByCode(storage::Connection& connection, std::string_view digest, long long since) {
  auto row =
      connection.QueryOne(fmt::format("{}WHERE r.code_digest = ? AND r.code_expires_at > ? "
                                      "ORDER BY CASE WHEN r.status = 'held' THEN 0 ELSE 1 END, r.id DESC LIMIT 1",
                                      kColumns),
                          {std::string(digest), since});
  if (!row) return std::nullopt;
  return RedemptionFrom(*row);
}

bool Settle(storage::Connection& connection, long long id, RedemptionStatus to, std::string_view by, long long now) {
  if (!MayMove(RedemptionStatus::kHeld, to)) return false;
  return connection.Execute(kSettle, {std::string(RedemptionStatusName(to)), now, std::string(by), id}) == 1;
}

bool ExpireIfDue(storage::Connection& connection, const Redemption& redemption, long long now) {
  if (!HoldTimedOut(redemption.Facts(), now)) return false;
  if (!Settle(connection, redemption.id, RedemptionStatus::kExpired, "system", now)) return false;
  ReturnHeld(connection, redemption, "redemption_expired", "system", now);
  return true;
}

core::Result<long long> Hold(storage::Connection& connection, const Offer& offer, const OfferPlace& place,
                             const accounts::Principal& worker, std::string_view client_id,
                             std::string_view code_digest, const RedemptionTimes& times, long long now) {
  if (!offer_repository::TakeOne(connection, offer.id)) {
    OfferFacts facts = FactsOf(offer, place);
    facts.stock = 0;  // the last one went to someone else a moment ago
    return MayRedeem(facts, now).error();
  }
  const long long id =
      connection
          .QueryOne(kInsert, {offer.id, place.id, worker.account_id, std::string(client_id), offer.title, offer.price,
                              std::string(code_digest), now + times.code_seconds, now + times.hold_seconds, now})
          ->Int(0);
  const auto source = Ledger::Ensure(connection, AccountKind::kWorker, WorkerOwnerRef(worker.account_id), "", now);
  const auto hold = Ledger::Ensure(connection, AccountKind::kHold, HoldOwnerRef(id), offer.title, now);
  auto held = Ledger::Move(connection, {source.id, hold.id, offer.price, TransferKind::kHold, "redemption_hold",
                                        fmt::format("redemption:{}", id), worker.login, std::nullopt, now});
  if (!held.ok()) return held.error();
  connection.Execute(kSetHoldTransfer, {held->id, id});
  return id;
}

Transfer PayPlace(storage::Connection& connection, const Redemption& redemption, const OfferPlace& place,
                  std::string_view merchant_login, long long now) {
  const auto hold = Ledger::Find(connection, AccountKind::kHold, HoldOwnerRef(redemption.id));
  if (!hold) throw std::runtime_error(fmt::format("redemption {} has no hold account", redemption.id));
  const auto shop = Ledger::Ensure(connection, AccountKind::kMerchant, MerchantOwnerRef(place.id), place.name, now);
  Transfer spent = MustMove(connection, {hold->id, shop.id, redemption.price, TransferKind::kSpend,
                                         "redemption_confirmed", fmt::format("redemption:{}:confirm", redemption.id),
                                         std::string(merchant_login), std::nullopt, now});
  connection.Execute(kSetSettleTransfer, {spent.id, redemption.id});
  return spent;
}

}  // namespace redemption_repository

namespace {

/// The worker's own redemption, still held at `now`. A hold whose time is up is released first,
/// and that release is committed even though the call then fails.
core::Result<Redemption> OwnHeld(storage::Connection& connection, storage::Transaction& transaction,
                                 const accounts::Principal& worker, long long redemption_id, long long now) {
  auto redemption = redemption_repository::Find(connection, redemption_id);
  if (!redemption || redemption->worker_account_id != worker.account_id)
    return core::MakeError(ErrorCode::kNotFound, "no such redemption");
  if (redemption_repository::ExpireIfDue(connection, *redemption, now)) redemption->status = RedemptionStatus::kExpired;
  if (auto decided = DecideWhileHeld(redemption->Facts(), now); !decided.ok()) {
    transaction.Commit();
    return decided.error();
  }
  return std::move(*redemption);
}

}  // namespace

std::pair<std::string, std::string> RedemptionService::NewCode() const {
  std::string code = core::RandomDigits(kRedemptionCodeDigits);
  std::string digest = keyring_.Digest(kCodePurpose, code);
  return {std::move(code), std::move(digest)};
}

core::Result<IssuedRedemption> RedemptionService::Redeem(const accounts::Principal& worker, long long offer_id,
                                                         std::string_view client_id, long long now) {
  // A unique violation is a race lost on PostgreSQL (the same client id from two requests: the
  // second becomes the replay) or, once in 10^8, a new code equal to a held one: ask again.
  for (int attempt = 0;; ++attempt) {
    try {
      return RedeemOnce(worker, offer_id, client_id, now);
    } catch (const storage::DatabaseError& error) {
      if (!error.unique_violation() || attempt == 2) throw;
    }
  }
}

core::Result<IssuedRedemption> RedemptionService::RedeemOnce(const accounts::Principal& worker, long long offer_id,
                                                             std::string_view client_id, long long now) {
  if (auto checked = CheckTransferInput(1, client_id); !checked.ok()) return checked.error();
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  // The worker's own holds whose time is up go back first: their points may pay for this one.
  ReleaseAll(*connection, connection->Query(kDueOf, {now, worker.account_id}), now);
  if (auto earlier = redemption_repository::FindByClientId(*connection, worker.account_id, client_id)) {
    if (earlier->offer_id != offer_id) {
      return core::MakeProblem(ErrorCode::kConflict, "redemption_client_id_reused",
                               "points.redemption_client_id_reused", "this client_id was used to redeem another offer",
                               boost::json::object{{"redemption_id", earlier->id}});
    }
    IssuedRedemption issued{*earlier, "", true};
    if (earlier->status == RedemptionStatus::kHeld) {
      auto [code, digest] = NewCode();
      connection->Execute(kNewCode, {digest, now + times_.code_seconds, earlier->id});
      issued.redemption = *redemption_repository::Find(*connection, earlier->id);
      issued.code = std::move(code);
    }
    transaction.Commit();
    return issued;
  }
  const auto offer = offer_repository::Find(*connection, offer_id);
  const auto place = offer ? offer_repository::FindPlace(*connection, offer->place_id) : std::nullopt;
  if (!offer || !place) return core::MakeError(ErrorCode::kNotFound, "no such offer");
  if (auto may = MayRedeem(FactsOf(*offer, *place), now); !may.ok()) return may.error();
  auto [code, digest] = NewCode();
  auto id = redemption_repository::Hold(*connection, *offer, *place, worker, client_id, digest, times_, now);
  if (!id.ok()) return id.error();  // nothing is written: the transaction is not committed
  IssuedRedemption issued{*redemption_repository::Find(*connection, *id), std::move(code), false};
  transaction.Commit();
  return issued;
}

core::Result<IssuedRedemption> RedemptionService::FreshCode(const accounts::Principal& worker, long long redemption_id,
                                                            long long now) {
  for (int attempt = 0;; ++attempt) {
    try {
      return FreshCodeOnce(worker, redemption_id, now);
    } catch (const storage::DatabaseError& error) {
      if (!error.unique_violation() || attempt == 2) throw;
    }
  }
}

core::Result<IssuedRedemption> RedemptionService::FreshCodeOnce(const accounts::Principal& worker,
                                                                long long redemption_id, long long now) {
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto redemption = OwnHeld(*connection, transaction, worker, redemption_id, now);
  if (!redemption.ok()) return redemption.error();
  auto [code, digest] = NewCode();
  if (connection->Execute(kNewCode, {digest, now + times_.code_seconds, redemption_id}) != 1)
    return NoLongerHeld(*connection, redemption_id, now);
  IssuedRedemption issued{*redemption_repository::Find(*connection, redemption_id), std::move(code), false};
  transaction.Commit();
  return issued;
}

core::Result<Redemption> RedemptionService::Cancel(const accounts::Principal& worker, long long redemption_id,
                                                   long long now) {
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto redemption = OwnHeld(*connection, transaction, worker, redemption_id, now);
  if (!redemption.ok()) return redemption.error();
  if (!redemption_repository::Settle(*connection, redemption_id, RedemptionStatus::kReleased, worker.login, now))
    return NoLongerHeld(*connection, redemption_id, now);
  ReturnHeld(*connection, *redemption, "redemption_released", worker.login, now);
  auto released = redemption_repository::Find(*connection, redemption_id);
  transaction.Commit();
  return std::move(*released);
}

namespace {

/// Confirms a redemption its merchant found (by code or by pass), in the caller's transaction:
/// out of held once, the held points to the place, an audit entry. `decide` says why a
/// redemption that another request settled a moment ago cannot be confirmed now.
core::Result<Redemption> SettleConfirmed(storage::Connection& connection, const accounts::Principal& merchant,
                                         const Redemption& redemption, const OfferPlace& place,
                                         const boost::json::object& how,
                                         const std::function<core::Status(const RedemptionFacts&)>& decide,
                                         long long now) {
  if (!redemption_repository::Settle(connection, redemption.id, RedemptionStatus::kConfirmed, merchant.login, now)) {
    // Another request settled it a moment ago: say what it is now.
    const auto settled = redemption_repository::Find(connection, redemption.id);
    const auto decided = decide(settled->Facts());
    if (!decided.ok()) return decided.error();
    return core::MakeError(ErrorCode::kConflict, "the redemption changed meanwhile: try again");
  }
  const Transfer spent = redemption_repository::PayPlace(connection, redemption, place, merchant.login, now);
  audit::Entry entry = accounts::AuditEntryBy(merchant, "points.redemption_confirm", "points_redemption",
                                              std::to_string(redemption.id), place.area_code);
  boost::json::object after{{"offer_id", redemption.offer_id},
                            {"place_id", place.id},
                            {"points", redemption.price},
                            {"transfer_id", spent.id}};
  for (const auto& field : how) after[field.key()] = field.value();
  entry.after_json = boost::json::serialize(after);
  audit::AuditLog::Record(connection, entry);
  return std::move(*redemption_repository::Find(connection, redemption.id));
}

}  // namespace

core::Result<Redemption> RedemptionService::Confirm(const accounts::Principal& merchant, std::string_view typed_code,
                                                    long long now) {
  const auto digits = ParseRedemptionCode(typed_code);
  if (!digits) return RedemptionCodeFormatProblem();
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  const WrongCodeLimits& limits = wrong_code_limits_;
  // While the account waits, no code is looked up at all, so a right guess teaches nothing either.
  const long long wait = WrongCodeWait(
      redemption_repository::WrongCodesSince(*connection, merchant.account_id, now - limits.window_seconds), now,
      limits);
  if (wait > 0) return TooManyWrongCodesProblem(wait, now, limits);
  const auto refuse = [&](core::Error refusal) {
    if (CountsAsWrongCode(refusal))
      redemption_repository::RecordWrongCode(*connection, merchant.account_id, now, now - limits.window_seconds);
    transaction.Commit();  // the wrong code counted, and a hold released below stays released
    return refusal;
  };
  std::optional<Redemption> redemption;
  for (const std::string& digest : keyring_.DigestsUnderEveryKey(kCodePurpose, *digits)) {
    redemption = redemption_repository::FindByCode(*connection, digest, now - kCodeMemorySeconds);
    if (redemption) break;
  }
  if (!redemption) return refuse(CodeWrong());
  const auto place = offer_repository::FindPlace(*connection, redemption->place_id);
  const bool own_place = place && place->OwnedBy(merchant);
  if (redemption_repository::ExpireIfDue(*connection, *redemption, now))
    redemption->status = RedemptionStatus::kExpired;
  if (auto decided = DecideConfirm(redemption->Facts(), own_place, now); !decided.ok()) return refuse(decided.error());
  auto confirmed = SettleConfirmed(
      *connection, merchant, *redemption, *place, boost::json::object{{"by", "code"}},
      [&](const RedemptionFacts& facts) { return DecideConfirm(facts, own_place, now); }, now);
  if (!confirmed.ok()) return confirmed.error();
  redemption_repository::ForgetWrongCodes(*connection, merchant.account_id);
  transaction.Commit();
  return confirmed;
}

core::Result<PassHolder> RedemptionService::ReadPass(std::string_view pass, long long now) {
  if (keys_ == nullptr) return core::MakeError(ErrorCode::kNotFound, "this server reads no passes");
  // The signature checks need no database: they come before a connection is taken.
  std::optional<passes::IssuerKey> key_holder;
  const passes::KeyLookup lookup = [&](std::uint16_t key_id) -> const passes::IssuerKey* {
    key_holder = keys_->Find(key_id);
    return key_holder ? &*key_holder : nullptr;
  };
  const passes::SignatureCheck check = passes::CheckSignatures(core::Trim(pass), lookup, now);
  ScannedPassFacts facts{.signatures = check.code};
  PassHolder holder;
  if (check.code == passes::ScanCode::kOk && check.qr) {
    holder.worker_id = check.qr->credential.worker_id;
    holder.pass_id = check.qr->credential.pass_id;
    auto connection = database_.Acquire();
    const entry::PassRecord record = entry::GateRepository::ReadPass(*connection, holder.worker_id, holder.pass_id);
    // A pass whose phone key is not the one it was issued to is treated as the gate treats it.
    facts.pass_found = record.worker && record.pass_found &&
                       record.device_public_key == core::Base64Encode(check.qr->credential.device_public_key);
    facts.pass_revoked = record.pass_revoked;
    if (record.worker) {
      facts.worker_status = record.worker->status;
      holder.masked_name = core::MaskName(record.worker->name);
    }
    if (auto row = connection->QueryOne(kWorkerAccount, {holder.worker_id}); row && !row->IsNull(0)) {
      facts.has_account = true;
      holder.account_id = row->Int(0);
    }
  }
  if (auto decided = DecideScannedPass(facts); !decided.ok()) return decided.error();
  return holder;
}

core::Result<OpenAtPlace> RedemptionService::OpenByPass(const accounts::Principal& merchant, std::string_view pass,
                                                        long long place_id, long long now) {
  {
    auto connection = database_.Acquire();
    const auto place = offer_repository::FindPlace(*connection, place_id);
    if (!place) return core::MakeError(ErrorCode::kNotFound, "no such place");
    if (!place->OwnedBy(merchant)) return NotPlaceOwner();
  }
  auto holder = ReadPass(pass, now);
  if (!holder.ok()) return holder.error();
  auto connection = database_.Acquire();
  // The worker's holds whose time is up go back first, so the desk lists only live ones.
  ReleaseEach(*connection, connection->Query(kDueOf, {now, holder->account_id}), now);
  OpenAtPlace open{*holder, *offer_repository::FindPlace(*connection, place_id), {}};
  open.open = redemption_repository::HeldAt(*connection, holder->account_id, place_id, now);
  return open;
}

core::Result<Redemption> RedemptionService::ConfirmByPass(const accounts::Principal& merchant, long long redemption_id,
                                                          std::string_view pass, long long now) {
  auto holder = ReadPass(pass, now);
  if (!holder.ok()) return holder.error();
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto redemption = redemption_repository::Find(*connection, redemption_id);
  if (!redemption) return core::MakeError(ErrorCode::kNotFound, "no such redemption");
  const auto place = offer_repository::FindPlace(*connection, redemption->place_id);
  const bool own_place = place && place->OwnedBy(merchant);
  const bool same_worker = redemption->worker_account_id == holder->account_id;
  if (own_place && redemption_repository::ExpireIfDue(*connection, *redemption, now))
    redemption->status = RedemptionStatus::kExpired;
  if (auto decided = DecideConfirmByPass(redemption->Facts(), own_place, same_worker, now); !decided.ok()) {
    transaction.Commit();  // a hold released just above stays released
    return decided.error();
  }
  auto confirmed = SettleConfirmed(
      *connection, merchant, *redemption, *place, boost::json::object{{"by", "pass"}, {"pass_id", holder->pass_id}},
      [&](const RedemptionFacts& facts) { return DecideConfirmByPass(facts, own_place, same_worker, now); }, now);
  if (!confirmed.ok()) return confirmed.error();
  transaction.Commit();
  return confirmed;
}

std::vector<Redemption> RedemptionService::Mine(const accounts::Principal& worker, int limit, long long now) {
  auto connection = database_.Acquire();
  ReleaseEach(*connection, connection->Query(kDueOf, {now, worker.account_id}), now);
  std::vector<Redemption> mine;
  for (const auto& row :
       connection->Query(fmt::format("{}WHERE r.worker_account_id = ? ORDER BY r.id DESC LIMIT ?", kColumns),
                         {worker.account_id, static_cast<long long>(limit)}))
    mine.push_back(RedemptionFrom(row));
  return mine;
}

std::vector<SponsorSubtotal> SubtotalsBySponsor(const std::vector<StatementLine>& lines) {
  // Keyed by sponsor id, the city (-1) first.
  std::map<long long, SponsorSubtotal> by_id;
  for (const StatementLine& line : lines) {
    SponsorSubtotal& subtotal = by_id[line.sponsor_id.value_or(-1)];
    subtotal.sponsor_id = line.sponsor_id;
    subtotal.sponsor_name = line.sponsor_name;
    ++subtotal.lines;
    subtotal.points += line.points;
  }
  std::vector<SponsorSubtotal> subtotals;
  subtotals.reserve(by_id.size());
  for (auto& [id, subtotal] : by_id) subtotals.push_back(std::move(subtotal));
  return subtotals;
}

core::Result<Statement> RedemptionService::StatementOf(const accounts::Principal& owner, long long place_id,
                                                       long long from, long long to) const {
  auto connection = database_.Acquire();
  auto place = offer_repository::FindPlace(*connection, place_id);
  if (!place) return core::MakeError(ErrorCode::kNotFound, "no such place");
  // The place's own keeper or merchant, and the officers who settle its area (community and up).
  const bool settles = accounts::IsOfficer(owner.role) &&
                       accounts::Rank(owner.role) >= accounts::Rank(accounts::Role::kCommunityOfficer) &&
                       connection->QueryOne(kPlaceInArea, {place_id, owner.area_path + "%"}).has_value();
  if (!place->OwnedBy(owner) && !settles) return NotPlaceOwner();
  Statement statement;
  statement.place = std::move(*place);
  statement.from = from;
  statement.to = to;
  for (const auto& row : connection->Query(kStatement, {place_id, from, to})) {
    StatementLine line{row.Int(0), row.Int(1), row.Text(2), row.Int(3), row.Text(4), std::nullopt, row.Text(6)};
    if (!row.IsNull(5)) line.sponsor_id = row.Int(5);
    statement.total += line.points;
    statement.lines.push_back(std::move(line));
  }
  statement.by_sponsor = SubtotalsBySponsor(statement.lines);
  return statement;
}

long long RedemptionService::ReleaseExpired(long long now, int limit) {
  auto connection = database_.Acquire();
  // Wrong codes older than the window no longer count: they are not kept either.
  connection->Execute(kForgetAllOldWrongCodes, {now - wrong_code_limits_.window_seconds});
  return ReleaseEach(*connection, connection->Query(kDue, {now, static_cast<long long>(limit)}), now);
}

long long RedemptionService::ReleaseExpiredOf(long long account_id, long long now) {
  auto connection = database_.Acquire();
  return ReleaseEach(*connection, connection->Query(kDueOf, {now, account_id}), now);
}

}  // namespace youhao::points
