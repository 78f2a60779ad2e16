#include "schedule/holiday_calendar.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text.h"

namespace youhao::schedule {

namespace {

constexpr int kFriday = 4;
constexpr int kSaturday = 5;
constexpr int kSunday = 6;

core::Error Invalid(std::string detail) {
  return core::MakeError(core::ErrorCode::kValidationFailed, std::move(detail));
}

/// The tab-separated cells of each line that is neither blank nor a "#" comment, with its
/// 1-based line number.
std::vector<std::pair<int, std::vector<std::string_view>>> Rows(std::string_view tsv) {
  std::vector<std::pair<int, std::vector<std::string_view>>> rows;
  int number = 0;
  while (!tsv.empty()) {
    const std::size_t end = tsv.find('\n');
    std::string_view line = tsv.substr(0, end);
    tsv = end == std::string_view::npos ? std::string_view() : tsv.substr(end + 1);
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (core::Trim(line).empty() || line.front() == '#') continue;
    std::vector<std::string_view> cells;
    while (true) {
      const std::size_t tab = line.find('\t');
      cells.push_back(core::Trim(line.substr(0, tab)));
      if (tab == std::string_view::npos) break;
      line = line.substr(tab + 1);
    }
    rows.emplace_back(number, std::move(cells));
  }
  return rows;
}

std::optional<int> Year(std::string_view text) {
  if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  return (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
}

/// The statutory days of a year without a schedule (全国年节及纪念日放假办法, from 2025).
bool StatutoryHoliday(CivilDate date, const std::array<long long, 4>* festivals) {
  const int month = date.month, day = date.day;
  if ((month == 1 && day == 1) || (month == 5 && day <= 2) || (month == 10 && day <= 3)) return true;
  if (festivals == nullptr) return false;
  const long long number = DayNumber(date);
  const auto& [spring, qingming, dragon_boat, mid_autumn] = *festivals;
  // The Spring Festival: lunar New Year's Eve to the third day.
  return (number >= spring - 1 && number <= spring + 2) || number == qingming || number == dragon_boat ||
         number == mid_autumn;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string_view DayKindName(DayKind kind) {
  switch (kind) {
    case DayKind::kHoliday:
      return "holiday";
    case DayKind::kWorkday:
      return "workday";
    case DayKind::kOrdinary:
      break;
  }
  return "ordinary";
}

core::Result<HolidayCalendar> HolidayCalendar::LoadDirectory(const std::string& directory) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_directory(directory, error)) return Invalid(fmt::format("{}: not a directory", directory));
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(directory, error)) files.push_back(entry.path());
  if (error) return Invalid(fmt::format("{}: {}", directory, error.message()));
  std::sort(files.begin(), files.end());
  HolidayCalendar calendar;
  for (const fs::path& file : files) {
    const std::string name = file.filename().string();
    core::Status added = core::Ok{};
    if (name == "cn-festivals.tsv") {
      added = calendar.AddFestivals(ReadFile(file));
    } else if (name.size() == 11 && name.starts_with("cn-") && name.ends_with(".tsv")) {
      const auto year = Year(std::string_view(name).substr(3, 4));
      if (!year) continue;
      added = calendar.AddSchedule(*year, ReadFile(file));
    }
    if (!added.ok()) return Invalid(fmt::format("{}: {}", file.string(), added.error().detail));
  }
  return calendar;
}

core::Status HolidayCalendar::AddSchedule(int year, std::string_view tsv) {
  if (schedule_years_.contains(year)) return Invalid(fmt::format("the schedule of {} is already loaded", year));
  std::map<long long, DayKind> days;
  for (const auto& [line, cells] : Rows(tsv)) {
    if (cells.size() < 2) return Invalid(fmt::format("line {}: expected a date and a kind", line));
    const auto date = ParseDate(cells[0]);
    if (!date) return Invalid(fmt::format("line {}: \"{}\" is not a date YYYY-MM-DD", line, cells[0].substr(0, 20)));
    if (date->year != year) return Invalid(fmt::format("line {}: {} is not in {}", line, cells[0], year));
    DayKind kind = DayKind::kOrdinary;
    if (cells[1] == "holiday") {
      kind = DayKind::kHoliday;
    } else if (cells[1] == "workday") {
      kind = DayKind::kWorkday;
    } else {
      return Invalid(fmt::format("line {}: the kind must be holiday or workday", line));
    }
    if (!days.emplace(DayNumber(*date), kind).second)
      return Invalid(fmt::format("line {}: {} is listed twice", line, cells[0]));
  }
  schedule_years_.insert(year);
  scheduled_.merge(days);
  return core::Ok{};
}

core::Status HolidayCalendar::AddFestivals(std::string_view tsv) {
  std::map<int, Festivals> added;
  for (const auto& [line, cells] : Rows(tsv)) {
    const auto year = cells.empty() ? std::nullopt : Year(cells[0]);
    if (!year || cells.size() != 5)
      return Invalid(fmt::format("line {}: expected a year and four dates, tab-separated", line));
    Festivals days{};
    for (std::size_t i = 0; i < days.size(); ++i) {
      const auto date = ParseDate(cells[i + 1]);
      if (!date || date->year != *year)
        return Invalid(fmt::format("line {}: \"{}\" is not a date of {}", line, cells[i + 1].substr(0, 20), *year));
      days[i] = DayNumber(*date);
    }
    if (festivals_.contains(*year) || !added.emplace(*year, days).second)
      return Invalid(fmt::format("line {}: {} is listed twice", line, *year));
  }
  festivals_.merge(added);
  return core::Ok{};
}

DayKind HolidayCalendar::Kind(long long day_number) const {
  const CivilDate date = DateOfDayNumber(day_number);
  if (schedule_years_.contains(date.year)) {
    const auto found = scheduled_.find(day_number);
    return found == scheduled_.end() ? DayKind::kOrdinary : found->second;
  }
  const auto festivals = festivals_.find(date.year);
  return StatutoryHoliday(date, festivals == festivals_.end() ? nullptr : &festivals->second) ? DayKind::kHoliday
                                                                                              : DayKind::kOrdinary;
}

DayRules HolidayCalendar::Rules(long long day_number) const {
  const int weekday = WeekdayOfDayNumber(day_number);
  switch (Kind(day_number)) {
    case DayKind::kHoliday:
      return {weekday, true};
    case DayKind::kWorkday:
      if (weekday == kSaturday) return {kFriday, false};
      if (weekday == kSunday) return {0, false};
      return {weekday, false};
    case DayKind::kOrdinary:
      break;
  }
  return {weekday, false};
}

LocalTime HolidayCalendar::At(long long unix_seconds) const {
  const long long day = BeijingDayNumber(unix_seconds);
  const DayRules today = Rules(day);
  LocalTime time = BeijingTime(unix_seconds);
  time.weekday = today.weekday;
  time.public_holiday = today.public_holiday;
  time.previous_day = Rules(day - 1);
  return time;
}

std::vector<int> HolidayCalendar::ScheduleYears() const { return {schedule_years_.begin(), schedule_years_.end()}; }

std::vector<int> HolidayCalendar::FestivalYears() const {
  std::vector<int> years;
  for (const auto& [year, days] : festivals_) years.push_back(year);
  return years;
}

}  // namespace youhao::schedule
