#pragma once
/// Platform conduct: guards and property staff record a worker's misconduct in their compound
/// (speeding, riding where riding is banned, blocking an entrance) against the platform the
/// worker rides for; officers see monthly counts per platform and per compound, the numbers a
/// platform review meeting (约谈) starts from. Records name a platform, never a person.

#include <optional>
#include <string>
#include <vector>

#include "accounts/access.h"
#include "areas/area_service.h"
#include "core/error.h"
#include "storage/database.h"

namespace youhao::conduct {

enum class Misconduct : std::uint8_t {
  kSpeeding,
  kBannedRiding,
  kBlockingEntrance,
  kWrongWay,
  kConflictWithStaff,
  kOther
};
inline constexpr int kMisconductCount = 6;
std::string_view MisconductName(Misconduct kind);     ///< "blocking_entrance"
std::string_view MisconductLabelZh(Misconduct kind);  ///< "堵塞出入口"
std::optional<Misconduct> ParseMisconduct(std::string_view name);

struct ConductInput {
  std::string platform;  ///< one of core::kPlatformNames or core::kOtherPlatform
  Misconduct kind = Misconduct::kOther;
  std::string note;  ///< up to 200 characters
  std::string
      rider_hint;  ///< what identifies the rider to the platform (jersey, plate), up to 40; long digit runs masked
  std::optional<long long> at;               ///< when it happened; default now, at most 7 days back
  std::optional<std::string> compound_code;  ///< default: the recorder's compound
};

struct ConductRecord {
  long long id = 0;
  std::string compound_code, compound_name, area_path;
  std::string platform;
  Misconduct kind = Misconduct::kOther;
  std::string note, rider_hint;
  long long at = 0;
  std::string month;
  std::string recorded_by, recorder_role;
};

struct ConductStats {
  std::string from_month, to_month;
  long long total = 0;
  struct Count {
    std::string key, name;
    long long count = 0;
    std::vector<std::pair<std::string, long long>> by_kind;      ///< misconduct name → count
    std::vector<std::pair<std::string, long long>> by_platform;  ///< only for compounds
  };
  std::vector<Count> by_platform;  ///< most records first
  std::vector<Count> by_compound;  ///< most records first, at most 50
  std::vector<std::pair<std::string, long long>> by_month;
};

/// Records one recorder may make in an hour.
inline constexpr int kRecordsPerHour = 60;

class ConductService {
 public:
  ConductService(storage::Database& database, areas::AreaService& areas) : database_(database), areas_(areas) {}

  /// Guards and property managers record in their own compound.
  core::Result<ConductRecord> Record(const accounts::Principal& recorder, const ConductInput& input, long long now);
  /// Records in `area` in the months [from_month, to_month] ("YYYY-MM"), newest first: officers in
  /// scope, and guards and property managers for their compound.
  core::Result<std::vector<ConductRecord>> List(const accounts::Principal& caller, const areas::Area& area,
                                                const std::string& from_month, const std::string& to_month,
                                                int limit) const;
  /// Counts per platform, per compound and per month; officers in scope only.
  core::Result<ConductStats> Stats(const accounts::Principal& officer, const areas::Area& area,
                                   const std::string& from_month, const std::string& to_month) const;

 private:
  core::Status MayRead(const accounts::Principal& caller, const areas::Area& area) const;

  storage::Database& database_;
  areas::AreaService& areas_;
};

/// Masks every run of seven or more digits in `text` but its last four ("工号 ***5678").
std::string MaskDigitRuns(std::string_view text);

}  // namespace youhao::conduct
