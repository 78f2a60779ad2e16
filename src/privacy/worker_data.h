#pragma once
/// A worker's rights over their own data (PIPL articles 45 and 47): a copy of everything kept about
/// them, and erasure of their account. Erasure removes every personal field and photo and keeps the
/// rows that aggregates count (gate passages, check-ins, reports) pseudonymous: they still point
/// at a worker row, which no longer says who it was.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/access.h"
#include "core/error.h"
#include "core/keyring.h"
#include "storage/database.h"

namespace youhao::privacy {

/// kMaskedName: another person's name, exported only as the public sees it (core::MaskName, 张**).
enum class ColumnType : std::uint8_t { kText, kInteger, kNumber, kTime, kPhotoBase64, kMaskedName };

struct Column {
  std::string_view name;
  ColumnType type;
};

/// One kind of record kept about the worker, with its rows.
struct Section {
  std::string_view name;
  std::vector<Column> columns;
  std::vector<std::vector<storage::Value>> rows;
};

struct WorkerData {
  long long account_id = 0;
  std::optional<long long> worker_id;
  long long exported_at = 0;
  std::vector<Section> sections;
};

struct ErasureSummary {
  long long account_id = 0;
  std::optional<long long> worker_id;
  long long photos_deleted = 0;
  long long passes_revoked = 0;
  long long sessions_ended = 0;
};

/// The phrase a worker types to confirm erasure (checked as given, before anything is changed).
inline constexpr std::string_view kErasureConfirmation = "ERASE";

class WorkerDataService {
 public:
  WorkerDataService(storage::Database& database, const core::Keyring& keyring)
      : database_(database), keyring_(keyring) {}

  /// Everything kept about the signed-in account and its worker record, photos included.
  core::Result<WorkerData> Export(const accounts::Principal& principal) const;

  /// Erases the signed-in worker's account: one transaction, audited without personal data.
  /// Only workers erase themselves here; staff accounts are closed by an administrator.
  core::Result<ErasureSummary> Erase(const accounts::Principal& principal, std::string_view confirmation);

 private:
  storage::Database& database_;
  const core::Keyring& keyring_;
};

}  // namespace youhao::privacy
