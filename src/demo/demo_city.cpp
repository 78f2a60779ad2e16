#include "demo/demo_city.h"

#include "points/ledger.h"
#include "points/points_service.h"
#include "points/redemptions.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_set>

#include "accounts/password.h"
#include "audit/audit_log.h"
#include "core/base64.h"
#include "core/random.h"
#include "demo/demo_attendance.h"
#include "demo/demo_childcare.h"
#include "demo/demo_earning_rules.h"
#include "demo/demo_events.h"
#include "demo/demo_handover.h"
#include "demo/demo_honours.h"
#include "demo/demo_sponsors.h"
#include "demo/demo_training.h"
#include "demo/demo_volunteers.h"
#include "demo/demo_wishes.h"
#include "demo/embedded_data.h"
#include "media/thumbnail.h"
#include "reports/acceptance_rules.h"
#include "schedule/clock.h"
#include "storage/batch_insert.h"

namespace youhao::demo {

namespace {

namespace json = boost::json;

/// SplitMix64: small, fast, and the same on every platform (std distributions are not).
class Random {
 public:
  explicit Random(unsigned long long seed) : state_(seed) {}
  unsigned long long Next() {
    unsigned long long z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, bound).
  std::size_t Below(std::size_t bound) { return static_cast<std::size_t>(Next() % bound); }
  /// Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }
  template <typename T, std::size_t N>
  const T& Pick(const std::array<T, N>& items) {
    return items[Below(N)];
  }

 private:
  unsigned long long state_;
};

constexpr std::array<std::string_view, 48> kEstateStems = {
    "金沙时代", "翠湖",   "锦绣",   "阳光",   "远洋",   "万科", "保利",   "中关村", "上地", "西山", "玉泉", "紫竹",
    "蓝靛厂",   "世纪城", "长春桥", "苏州街", "知春",   "学府", "文慧",   "清河",   "枫丹", "丽景", "和平", "友谊",
    "光明",     "康城",   "嘉和",   "春晖",   "华业",   "金源", "碧水",   "云趣",   "燕园", "明光", "北洼", "双榆树",
    "万泉",     "稻香",   "海淀",   "畅春",   "六郎庄", "曙光", "永定路", "八里庄", "定慧", "恩济", "今日", "星河"};
constexpr std::array<std::string_view, 10> kEstateSuffixes = {"小区", "家园", "花园", "苑",   "嘉园",
                                                              "公寓", "里",   "院",   "新村", "雅苑"};
constexpr std::array<std::string_view, 60> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
    "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金"};
constexpr std::array<std::string_view, 40> kGivenNames = {"伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超",
                                                          "亮", "刚", "平", "辉", "鹏", "华", "飞", "鑫", "波", "斌",
                                                          "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙",
                                                          "林", "峰", "晨", "阳", "博", "文", "静", "丽", "敏", "燕"};

struct PlatformInfo {
  std::string_view name;
  std::string_view kind;
  std::string_view depot_word;
};
constexpr std::array<PlatformInfo, 6> kPlatforms = {{
    {"美团", "food", "外卖"},
    {"饿了么", "food", "蜂鸟"},
    {"顺丰", "parcel", "速运"},
    {"京东", "parcel", "物流"},
    {"UU跑腿", "ride", "配送"},
    {"闪送", "truck", "同城"},
}};

struct PlaceKind {
  std::string_view kind;
  std::string_view suffix;
  int weight;
};
constexpr std::array<PlaceKind, 6> kPlaceKinds = {{
    {"station", "暖心驿站", 30},
    {"merchant", "友好商户", 30},
    {"canteen", "社区食堂", 10},
    {"clinic", "骑手友好诊所", 5},
    {"battery_swap", "换电柜", 15},
    {"charging", "充电点", 10},
}};

// Haidian's extent, for places where no real coordinate is known.
constexpr double kSouth = 39.93, kNorth = 40.08, kWest = 116.20, kEast = 116.36;

struct Street {
  std::string code;
  std::string name_zh;
  std::string name_en;
  std::vector<std::pair<std::string, std::string>> real_communities;  // code, name
  double lat = 0, lon = 0;
  bool has_osm = false;
};

struct Community {
  std::string code;
  std::string name_zh;
  std::string name_en;
  std::size_t street = 0;
  double lat = 0, lon = 0;
  int compounds = 0;
};

struct OsmCompound {
  std::string name_zh;
  std::string osm_ref;
  std::string street_code;
  double lat = 0, lon = 0;
};

std::string ShortStreetName(std::string_view name) {
  for (std::string_view suffix : {"街道", "地区", "镇"}) {
    if (name.ends_with(suffix) && name.size() > suffix.size())
      return std::string(name.substr(0, name.size() - suffix.size()));
  }
  return std::string(name);
}

/// "科源社区居委会" -> "科源社区", "西北旺村委会" -> "西北旺村": the committee is not the place.
std::string CommunityName(std::string name) {
  const auto replace_suffix = [&name](std::string_view suffix, std::string_view with) {
    if (!name.ends_with(suffix)) return false;
    name = name.substr(0, name.size() - suffix.size()) + std::string(with);
    return true;
  };
  if (replace_suffix("社区居委会", "社区") || replace_suffix("居委会", "社区") || replace_suffix("村委会", "村"))
    return name;
  return name;
}

std::string Text(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

double Number(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_number() ? value->to_number<double>() : NAN;
}

std::vector<Street> LoadStreets() {
  const json::value root = json::parse(HaidianAreasJson());
  std::vector<Street> streets;
  for (const auto& item : root.at("streets").as_array()) {
    const auto& object = item.as_object();
    Street street{Text(object, "code"), Text(object, "name_zh"), Text(object, "name_en"), {}, 0, 0, false};
    if (const auto* communities = object.if_contains("communities"); communities && communities->is_array()) {
      for (const auto& community : communities->as_array()) {
        street.real_communities.emplace_back(Text(community.as_object(), "code"),
                                             CommunityName(Text(community.as_object(), "name_zh")));
      }
    }
    if (!street.code.empty() && !street.name_zh.empty()) streets.push_back(std::move(street));
  }
  if (streets.empty()) throw std::runtime_error("embedded Haidian area data has no streets");
  return streets;
}

std::vector<OsmCompound> LoadOsmCompounds() {
  const json::value root = json::parse(OsmCompoundsJson());
  std::vector<OsmCompound> compounds;
  std::set<std::string> seen;
  for (const auto& item : root.at("compounds").as_array()) {
    const auto& object = item.as_object();
    OsmCompound compound;
    compound.name_zh = Text(object, "name_zh");
    compound.street_code = Text(object, "street_code");
    compound.lat = Number(object, "lat");
    compound.lon = Number(object, "lon");
    const auto* id = object.if_contains("osm_id");
    compound.osm_ref = Text(object, "osm_type") + "/" +
                       (id && id->is_number() ? fmt::format("{}", id->to_number<long long>())
                                              : (id && id->is_string() ? std::string(id->as_string()) : ""));
    if (compound.name_zh.empty() || std::isnan(compound.lat) || std::isnan(compound.lon)) continue;
    if (!seen.insert(compound.name_zh).second) continue;
    compounds.push_back(std::move(compound));
  }
  return compounds;
}

/// A point within about `meters` of (lat, lon).
std::pair<double, double> Near(Random& random, double lat, double lon, double meters) {
  const double angle = random.Unit() * 2 * M_PI;
  const double distance = std::sqrt(random.Unit()) * meters;
  const double dlat = distance * std::cos(angle) / 111'320.0;
  const double dlon = distance * std::sin(angle) / (111'320.0 * std::cos(lat * M_PI / 180.0));
  return {lat + dlat, lon + dlon};
}

std::string ChineseOrdinal(int n) {
  static constexpr std::array<std::string_view, 10> kDigits = {"",   "一", "二", "三", "四",
                                                               "五", "六", "七", "八", "九"};
  if (n < 10) return std::string(kDigits[static_cast<std::size_t>(n)]);
  return std::to_string(n);
}

/// Agreed access plans for a few compounds, one of each kind, so the demo shows every mode.
template <typename CompoundRows>
void SeedAccessPlans(storage::Connection& connection, const CompoundRows& compounds, std::size_t anchor,
                     long long now) {
  struct DemoPlan {
    std::size_t compound;
    std::string json;
  };
  std::vector<DemoPlan> plans;
  plans.push_back(
      {anchor,
       R"({"mode":"pass","opening_hours":"24/7","max_stay_minutes":20,"survey":{"workers_can_enter":true,"note":"进门码试点小区"},"agreement":{"meeting_date":"2024-05-08","parties":"社区居委会、物业服务中心、业主委员会","decision":"认证骑手扫码进入，单次停留不超过20分钟"}})"});
  for (std::size_t i = 0, added = 0; i < compounds.size() && added < 3; ++i) {
    if (i == anchor) continue;
    const std::string_view name = compounds[i].name_zh;
    if (added == 0) {
      plans.push_back(
          {i,
           R"({"mode":"drop_off","opening_hours":"24/7","max_stay_minutes":10,"drop_off_points":[{"name":"北门集中放取点","description":"北门岗亭东侧外卖柜与临时置物台"}],"survey":{"workers_can_enter":false,"barrier_reason":"residents_vote","note":"业主投票不允许骑手入内"},"agreement":{"meeting_date":"2024-06-12","parties":"社区、物业、业主代表","decision":"设置集中放取点，业主自取或物业代送"}})"});
    } else if (added == 1) {
      plans.push_back(
          {i,
           R"({"mode":"whitelist","opening_hours":"Mo-Su 07:00-22:00","max_stay_minutes":30,"survey":{"workers_can_enter":true,"barrier_reason":"security","note":"只允许录入门禁系统的常驻骑手"},"agreement":{"meeting_date":"2024-07-02","parties":"社区、物业、配送站","decision":"常驻骑手录入门禁系统"}})"});
    } else if (i % 3 == 0) {
      plans.push_back({i, "GREEN"});
    } else {
      continue;
    }
    (void)name;
    ++added;
  }
  for (auto& plan : plans) {
    if (plan.json == "GREEN") {
      auto garage = connection.QueryOne("SELECT id FROM gates WHERE compound_code = ? AND green_lane = 1",
                                        {compounds[plan.compound].code});
      if (!garage) continue;
      plan.json = fmt::format(
          R"({{"mode":"green_lane","opening_hours":"Mo-Su 06:00-23:00","max_stay_minutes":20,"green_lane_gates":[{}],"survey":{{"workers_can_enter":true,"barrier_reason":"vehicle_free","note":"人车分流小区"}},"agreement":{{"meeting_date":"2024-08-20","parties":"社区、物业","decision":"骑手经地下车库绿色通道进出"}}}})",
          garage->Int(0));
    }
    const std::string& code = compounds[plan.compound].code;
    connection.Execute(
        "INSERT INTO access_plans (compound_code, plan_json, version, updated_at, updated_by) VALUES (?, ?, 1, ?, "
        "'demo-community')",
        {code, plan.json, now});
    connection.Execute(
        "INSERT INTO access_plan_history (compound_code, version, at, actor_login, plan_json) VALUES (?, 1, ?, "
        "'demo-community', ?)",
        {code, now, plan.json});
  }
}

}  // namespace

bool IsEmpty(storage::Database& database) {
  auto connection = database.Acquire();
  return connection->QueryInt("SELECT COUNT(*) FROM areas") == 0;
}

DemoSummary GenerateDemoCity(storage::Database& database, const DemoOptions& options,
                             const registry::PhoneVault& phones) {
  const bool city = options.scale == Scale::kCity;
  const std::size_t target_communities = city ? 4000 : 40;
  const std::size_t target_compounds = city ? 20000 : 200;
  const std::size_t target_workers = city ? 200000 : 1000;
  // The small demo has only the curated places on real roads (SeedDemoPlaces); random ones would
  // sit off the road network and blur the coverage view.
  const std::size_t target_places = city ? 25000 : 0;
  const std::size_t depots_per_platform = city ? 100 : 4;

  Random random(options.seed);
  std::vector<Street> streets = LoadStreets();
  const std::vector<OsmCompound> osm_compounds = LoadOsmCompounds();
  DemoSummary summary;

  // Street centres: the mean of their real compounds, else a stable point inside Haidian.
  for (Street& street : streets) {
    double lat = 0, lon = 0;
    int count = 0;
    for (const auto& compound : osm_compounds) {
      if (compound.street_code == street.code) {
        lat += compound.lat;
        lon += compound.lon;
        ++count;
      }
    }
    street.has_osm = count > 0;
    street.lat = count ? lat / count : kSouth + random.Unit() * (kNorth - kSouth);
    street.lon = count ? lon / count : kWest + random.Unit() * (kEast - kWest);
  }

  // Communities: every street with real compounds gets one first, then round-robin.
  std::vector<Community> communities;
  std::vector<int> next_generated_number(streets.size(), 900);
  std::vector<std::size_t> used_real(streets.size(), 0);
  std::unordered_set<std::string> community_codes;
  auto add_community = [&](std::size_t street_index) {
    Street& street = streets[street_index];
    Community community;
    community.street = street_index;
    if (used_real[street_index] < street.real_communities.size()) {
      const auto& [code, name] = street.real_communities[used_real[street_index]++];
      community.code = code;
      community.name_zh = name;
    } else {
      do {
        community.code = fmt::format("{}{:03d}", street.code, next_generated_number[street_index]--);
      } while (community_codes.contains(community.code));
      community.name_zh = fmt::format("{}{}社区", ShortStreetName(street.name_zh), random.Pick(kEstateStems));
    }
    if (!community_codes.insert(community.code).second) return;
    community.name_en = fmt::format("Community {}", community.code);
    std::tie(community.lat, community.lon) = Near(random, street.lat, street.lon, 1500);
    communities.push_back(std::move(community));
  };
  for (std::size_t s = 0; s < streets.size(); ++s) {
    if (streets[s].has_osm) add_community(s);
  }
  for (std::size_t s = 0; communities.size() < target_communities; s = (s + 1) % streets.size()) add_community(s);

  // Compounds: the real ones in their street's first community, then generated ones.
  struct CompoundRow {
    std::string code, name_zh, name_en, source;
    std::optional<std::string> osm_ref;
    std::size_t community;
    double lat, lon;
  };
  std::vector<CompoundRow> compounds;
  std::set<std::string> compound_names;
  auto next_compound_code = [&](std::size_t community_index) {
    Community& community = communities[community_index];
    return fmt::format("{}{:03d}", community.code, ++community.compounds);
  };
  for (const auto& osm : osm_compounds) {
    std::size_t community_index = 0;
    for (std::size_t c = 0; c < communities.size(); ++c) {
      if (streets[communities[c].street].code == osm.street_code) {
        community_index = c;
        break;
      }
    }
    compound_names.insert(osm.name_zh);
    const std::string code = next_compound_code(community_index);
    compounds.push_back(
        {code, osm.name_zh, fmt::format("Compound {}", code), "osm", osm.osm_ref, community_index, osm.lat, osm.lon});
  }
  summary.osm_compounds = static_cast<long long>(compounds.size());
  for (std::size_t c = 0; compounds.size() < target_compounds; c = (c + 1) % communities.size()) {
    std::string base = std::string(random.Pick(kEstateStems)) + std::string(random.Pick(kEstateSuffixes));
    std::string name = base;
    for (int part = 2; compound_names.contains(name); ++part) name = base + ChineseOrdinal(part) + "区";
    compound_names.insert(name);
    auto [lat, lon] = Near(random, communities[c].lat, communities[c].lon, 600);
    const std::string code = next_compound_code(c);
    compounds.push_back({code, name, fmt::format("Compound {}", code), "generated", std::nullopt, c, lat, lon});
  }

  const auto community_path = [&](std::size_t c) {
    return "110000/110108/" + streets[communities[c].street].code + "/" + communities[c].code + "/";
  };
  auto connection = database.Acquire();
  if (connection->QueryInt("SELECT COUNT(*) FROM areas") != 0) {
    throw std::runtime_error("the database already holds areas; the demo city goes into an empty database");
  }
  storage::Transaction transaction(*connection);
  const long long now = storage::NowSeconds();
  {
    storage::BatchInsert areas(
        *connection, "areas",
        {"code", "parent_code", "level", "name_zh", "name_en", "path", "lat", "lon", "source", "osm_ref"});
    const std::string city_path = "110000/";
    const std::string district_path = city_path + "110108/";
    areas.Add({std::string("110000"), nullptr, std::string("city"), std::string("北京市"), std::string("Beijing"),
               city_path, 39.9042, 116.4074, std::string("nbs"), nullptr});
    areas.Add({std::string("110108"), std::string("110000"), std::string("district"), std::string("海淀区"),
               std::string("Haidian District"), district_path, 39.9593, 116.2981, std::string("nbs"), nullptr});
    for (const Street& street : streets) {
      areas.Add({street.code, std::string("110108"), std::string("street"), street.name_zh, street.name_en,
                 district_path + street.code + "/", street.lat, street.lon, std::string("nbs"), nullptr});
    }
    for (const Community& community : communities) {
      const Street& street = streets[community.street];
      areas.Add({community.code, street.code, std::string("community"), community.name_zh, community.name_en,
                 district_path + street.code + "/" + community.code + "/", community.lat, community.lon,
                 std::string(community.code.size() == 12 && community.name_zh.ends_with("社区") ? "nbs" : "generated"),
                 nullptr});
    }
    areas.Flush();
    for (const CompoundRow& compound : compounds) {
      const Community& community = communities[compound.community];
      const Street& street = streets[community.street];
      areas.Add({compound.code, community.code, std::string("compound"), compound.name_zh, compound.name_en,
                 district_path + street.code + "/" + community.code + "/" + compound.code + "/", compound.lat,
                 compound.lon, compound.source,
                 compound.osm_ref ? storage::Value(*compound.osm_ref) : storage::Value(nullptr)});
    }
    areas.Flush();
  }
  summary.streets = static_cast<long long>(streets.size());
  summary.communities = static_cast<long long>(communities.size());
  summary.compounds = static_cast<long long>(compounds.size());

  std::size_t anchor = 0;
  for (std::size_t i = 0; i < compounds.size(); ++i) {
    if (compounds[i].name_zh.find("华清嘉园") != std::string::npos) {
      anchor = i;
      break;
    }
  }

  // Depots, spread over communities; each platform has its own, and its first depot sits in
  // the community of the anchor compound so the demo's registration story stays in one place.
  struct DepotRow {
    std::size_t platform;
    std::size_t community;
  };
  std::vector<DepotRow> depots;
  {
    storage::BatchInsert insert(*connection, "depots", {"name", "platform", "area_code", "area_path", "lat", "lon"});
    std::set<std::string> depot_names;
    for (std::size_t p = 0; p < kPlatforms.size(); ++p) {
      for (std::size_t d = 0; d < depots_per_platform; ++d) {
        const std::size_t c = d == 0 ? compounds[anchor].community : random.Below(communities.size());
        const Community& community = communities[c];
        std::string name = fmt::format("{}{}{}站", kPlatforms[p].name, kPlatforms[p].depot_word,
                                       ShortStreetName(streets[community.street].name_zh));
        for (int n = 2; depot_names.contains(name); ++n) {
          name = fmt::format("{}{}{}{}站", kPlatforms[p].name, kPlatforms[p].depot_word,
                             ShortStreetName(streets[community.street].name_zh), n);
        }
        depot_names.insert(name);
        auto [lat, lon] = Near(random, community.lat, community.lon, 400);
        insert.Add({name, std::string(kPlatforms[p].name), community.code, community_path(c), lat, lon});
        depots.push_back({p, c});
      }
    }
    insert.Flush();
  }
  std::vector<long long> depot_ids;
  for (const auto& row : connection->Query("SELECT id FROM depots ORDER BY id")) depot_ids.push_back(row.Int(0));
  summary.depots = static_cast<long long>(depots.size());

  // Workers: kind follows the platform; status mostly verified.
  {
    storage::BatchInsert insert(*connection, "workers",
                                {"name", "phone_digest", "phone_sealed", "kind", "platform", "depot_id", "area_code",
                                 "area_path", "status", "created_at"});
    for (std::size_t i = 0; i < target_workers; ++i) {
      const std::size_t d = random.Below(depots.size());
      const PlatformInfo& platform = kPlatforms[depots[d].platform];
      std::string name = std::string(random.Pick(kSurnames)) + std::string(random.Pick(kGivenNames));
      if (random.Below(2) == 0) name += random.Pick(kGivenNames);
      // 9 digits from a bijection of the index, so every phone is distinct.
      const unsigned long long digits = (static_cast<unsigned long long>(i) * 7919ULL + 13579ULL) % 1'000'000'000ULL;
      static constexpr std::array<char, 5> kSecondDigits = {'3', '5', '7', '8', '9'};
      auto phone = phones.Store(fmt::format("1{}{:09d}", kSecondDigits[i % kSecondDigits.size()], digits));
      const std::size_t roll = random.Below(100);
      const std::string_view status = roll < 72   ? "verified"
                                      : roll < 92 ? "pending"
                                      : roll < 97 ? "suspended"
                                                  : "revoked";
      insert.Add({std::move(name), std::move(phone.digest), std::move(phone.sealed), std::string(platform.kind),
                  std::string(platform.name), depot_ids[d], communities[depots[d].community].code,
                  community_path(depots[d].community), std::string(status),
                  now - static_cast<long long>(random.Below(std::size_t{365} * 24 * 3600))});
    }
    insert.Flush();
  }
  summary.workers = static_cast<long long>(target_workers);

  // Places: stations, friendly merchants, canteens, clinics, battery swap and charging points.
  {
    int total_weight = 0;
    for (const auto& kind : kPlaceKinds) total_weight += kind.weight;
    storage::BatchInsert insert(*connection, "places",
                                {"kind", "name", "area_code", "area_path", "lat", "lon", "created_at"});
    for (std::size_t i = 0; i < target_places; ++i) {
      int roll = static_cast<int>(random.Below(static_cast<std::size_t>(total_weight)));
      std::size_t k = 0;
      while (roll >= kPlaceKinds[k].weight) roll -= kPlaceKinds[k++].weight;
      const std::size_t c = random.Below(communities.size());
      auto [lat, lon] = Near(random, communities[c].lat, communities[c].lon, 800);
      std::string name = fmt::format("{}{}{}", random.Pick(kEstateStems), kPlaceKinds[k].suffix, i + 1);
      insert.Add(
          {std::string(kPlaceKinds[k].kind), std::move(name), communities[c].code, community_path(c), lat, lon, now});
    }
    insert.Flush();
  }
  summary.places = static_cast<long long>(target_places);

  // Gates: every compound has a pedestrian gate and a vehicle gate; larger ones a garage
  // entrance that serves as the green lane of vehicle-free estates.
  {
    storage::BatchInsert insert(*connection, "gates",
                                {"compound_code", "name", "kind", "workers_allowed", "green_lane"});
    for (std::size_t i = 0; i < compounds.size(); ++i) {
      insert.Add({compounds[i].code, std::string("北门"), std::string("pedestrian"), 1LL, 0LL});
      insert.Add({compounds[i].code, std::string("南门"), std::string("vehicle"), 1LL, 0LL});
      if (i % 3 == 0) insert.Add({compounds[i].code, std::string("地下车库入口"), std::string("garage"), 1LL, 1LL});
    }
    insert.Flush();
  }

  // Staff accounts around one well-known real compound.
  const CompoundRow& anchor_compound = compounds[anchor];
  const Community& anchor_community = communities[anchor_compound.community];
  const Street& anchor_street = streets[anchor_community.street];
  struct StaffAccount {
    std::string_view login, name, role;
    std::string area_code, area_name;
  };
  const std::vector<StaffAccount> staff = {
      {"demo-admin", "系统管理员", "admin", "110000", "北京市"},
      {"demo-city", "市新就业群体工作专班", "city_officer", "110000", "北京市"},
      {"demo-district", "海淀区社会工作部", "district_officer", "110108", "海淀区"},
      {"demo-street", "王主任", "street_officer", anchor_street.code, anchor_street.name_zh},
      {"demo-community", "李书记", "community_officer", anchor_community.code, anchor_community.name_zh},
      {"demo-grid", "赵网格员", "grid_officer", anchor_community.code, anchor_community.name_zh},
      {"demo-guard", "刘师傅", "guard", anchor_compound.code, anchor_compound.name_zh},
      {"demo-property", "陈经理", "property_manager", anchor_compound.code, anchor_compound.name_zh},
      {"demo-keeper", "周站长", "station_keeper", anchor_community.code, anchor_community.name_zh},
      {"demo-merchant", "羊肉粉店唐老板", "merchant", anchor_community.code, anchor_community.name_zh},
      {"demo-sponsor", "爱心企业联络人", "sponsor", anchor_street.code, anchor_street.name_zh},
      {"demo-union", "区总工会孙老师", "union_staff", "110108", "海淀区"},
      {"demo-worker", "张小哥", "worker", anchor_community.code, anchor_community.name_zh},
      {"demo-reporter", "李小哥", "worker", anchor_community.code, anchor_community.name_zh},
  };
  // One Argon2id hash serves every demo account: they share a published password anyway, and
  // hashing twelve times would add seconds to every demo start.
  const std::string demo_password_hash = accounts::HashPassword(options.password);
  for (const StaffAccount& account : staff) {
    auto row = connection->QueryOne(
        "INSERT INTO accounts (login, display_name, role, area_code, password_hash, disabled, created_at) "
        "VALUES (?, ?, ?, ?, ?, 0, ?) RETURNING id",
        {std::string(account.login), std::string(account.name), std::string(account.role), account.area_code,
         demo_password_hash, now});
    const long long id = row->Int(0);
    if (account.role == "worker") {
      std::size_t depot = 0;
      for (std::size_t d = 0; d < depots.size(); ++d) {
        if (depots[d].platform == 0) {
          depot = d;
          break;
        }
      }
      const auto phone = phones.Store(account.login == "demo-worker" ? "13800138000" : "13800138001");
      connection->Execute(
          "INSERT INTO workers (account_id, name, phone_digest, phone_sealed, kind, platform, depot_id, area_code, "
          "area_path, status, created_at) VALUES (?, ?, ?, ?, 'food', ?, ?, ?, ?, 'verified', ?)",
          {id, std::string(account.name), phone.digest, phone.sealed, std::string(kPlatforms[0].name), depot_ids[depot],
           account.area_code, community_path(anchor_compound.community), now});
    }
    audit::Entry entry;
    entry.at = now;
    entry.actor_login = "demo-generator";
    entry.action = "account.create";
    entry.entity = "account";
    entry.entity_id = std::to_string(id);
    entry.area_code = account.area_code;
    entry.after_json = fmt::format(R"({{"login":"{}","role":"{}"}})", account.login, account.role);
    audit::AuditLog::Record(*connection, entry);
    summary.logins.push_back({std::string(account.login), std::string(account.role), account.area_name});
  }
  SeedAccessPlans(*connection, compounds, anchor, now);
  transaction.Commit();
  summary.places += SeedDemoPlaces(*connection);
  SeedDemoReports(*connection, now, options.seed);
  SeedDemoGridAndConduct(*connection, now, options.seed);
  SeedDemoPoints(*connection, now);
  SeedDemoHonours(*connection, now);
  SeedDemoHandover(*connection, now);
  SeedDemoEarningRules(*connection, now);
  SeedDemoSponsors(*connection, now);
  SeedDemoWishes(*connection, now);
  SeedDemoEvents(*connection, now);
  SeedDemoAttendance(*connection, now);
  SeedDemoChildcare(*connection, now);
  SeedDemoVolunteers(*connection, now);
  SeedDemoTraining(*connection, now);
  return summary;
}

long long SeedDemoPlaces(storage::Connection& connection_ref) {
  const boost::json::value document = boost::json::parse(DemoPlacesJson());
  storage::Connection* connection = &connection_ref;
  storage::Transaction transaction(*connection);
  const long long now = storage::NowSeconds();
  const auto area_path = [&connection](const std::string& code) {
    auto row = connection->QueryOne("SELECT path FROM areas WHERE code = ?", {code});
    return row ? std::optional<std::string>(row->Text(0)) : std::nullopt;
  };
  long long added = 0;
  for (const boost::json::value& item : document.at("places").as_array()) {
    const boost::json::object& place = item.as_object();
    const std::string code(place.at("area_code").as_string());
    const auto path = area_path(code);
    if (!path) continue;
    long long amenities = 0;
    for (const auto& name : place.at("amenities").as_array()) {
      static constexpr std::array<std::string_view, 15> kNames = {
          "water",          "hot_water",    "microwave", "fridge",       "phone_charging",
          "ebike_charging", "battery_swap", "toilet",    "medicine_kit", "heating_cooling",
          "wifi",           "seats",        "meals",     "nap_space",    "books"};
      for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (kNames[i] == name.as_string()) amenities |= 1LL << i;
      }
    }
    boost::json::object details;
    for (std::string_view key : {"offers", "services", "supplies", "phone"}) {
      if (const auto* value = place.if_contains(key)) details[key] = *value;
    }
    storage::Value owner = nullptr;
    if (const auto* login = place.if_contains("owner")) {
      if (auto row = connection->QueryOne("SELECT id FROM accounts WHERE login = ?", {std::string(login->as_string())}))
        owner = row->Int(0);
    }
    const auto text = [&place](std::string_view key) {
      const auto* value = place.if_contains(key);
      return value != nullptr && value->is_string() ? storage::Value{std::string(value->as_string())}
                                                    : storage::Value{nullptr};
    };
    const auto* capacity = place.if_contains("capacity");
    const auto* scan = place.if_contains("scan_entry");
    connection->Execute(
        "INSERT INTO places (kind, name, area_code, area_path, lat, lon, created_at, status, address, tier, amenities, "
        "opening_hours, capacity, scan_entry, details_json, owner_account_id, version, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 'approved', ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
        {std::string(place.at("kind").as_string()), std::string(place.at("name").as_string()), code, *path,
         place.at("lat").to_number<double>(), place.at("lon").to_number<double>(), now,
         place.if_contains("address") ? text("address") : storage::Value{std::string()}, text("tier"), amenities,
         std::string(place.at("opening_hours").as_string()),
         capacity != nullptr ? storage::Value{capacity->as_int64()} : storage::Value{nullptr},
         scan != nullptr && scan->as_bool() ? 1LL : 0LL, boost::json::serialize(details), owner, now});
    ++added;
  }
  for (const boost::json::value& item : document.at("depots").as_array()) {
    const boost::json::object& depot = item.as_object();
    const std::string code(depot.at("area_code").as_string());
    const auto path = area_path(code);
    if (!path) continue;
    connection->Execute("INSERT INTO depots (name, platform, area_code, area_path, lat, lon) VALUES (?, ?, ?, ?, ?, ?)",
                        {std::string(depot.at("name").as_string()), std::string(depot.at("platform").as_string()), code,
                         *path, depot.at("lat").to_number<double>(), depot.at("lon").to_number<double>()});
  }
  transaction.Commit();
  return added;
}

void SeedDemoAcceptanceRules(storage::Connection& connection, long long now) {
  struct Rule {
    std::string_view area_code;
    std::string_view category;
    std::string_view acceptor;
    long long radius_metres;
    std::string_view note;
  };
  std::string street_code = "110108";
  if (auto row = connection.QueryOne("SELECT area_code FROM accounts WHERE login = 'demo-street'"))
    street_code = row->Text(0);
  const std::vector<Rule> rules = {
      {"110108", "food_safety", "community", 1000, "食品安全由社区受理，对接市场监管"},
      {"110108", "own_difficulty", "property", 1000, "进不了门、无处停车：先由小区物业受理"},
      {street_code, "fire_lane", "nearest_station", 1500, "消防通道堵塞：1.5 公里内的驿站先到场"},
  };
  for (const Rule& rule : rules) {
    connection.Execute(
        "INSERT INTO acceptance_rules (area_code, area_path, category, acceptor, radius_metres, note, created_by, "
        "created_at) "
        "SELECT code, path, ?, ?, ?, ?, 'demo-district', ? FROM areas WHERE code = ?",
        {std::string(rule.category), std::string(rule.acceptor), rule.radius_metres, std::string(rule.note),
         now - 90LL * 86400, std::string(rule.area_code)});
  }
}

long long SeedDemoReports(storage::Connection& connection, long long now, unsigned long long seed) {
  struct Kind {
    std::string_view category;
    int deadline_hours;
    int weight;
    std::string_view description;
  };
  static constexpr std::array<Kind, 10> kKinds = {{
      {"hazard", 24, 14, "井盖松动，电动车经过时翘起"},
      {"sanitation", 72, 12, "垃圾桶满溢，堆到了人行道上"},
      {"facility", 72, 10, "路灯不亮，晚上送餐看不清台阶"},
      {"fire_lane", 4, 14, "消防通道被三轮车和杂物堵住"},
      {"traffic", 24, 12, "路口信号灯故障，车辆抢行"},
      {"stray_animal", 48, 6, "小区门口有流浪狗追咬骑手"},
      {"food_safety", 48, 5, "外卖店后厨无证经营，卫生很差"},
      {"fraud", 72, 4, "有人在驿站发布高薪兼职骗局传单"},
      {"welfare", 24, 4, "独居老人好几天没开门取外卖"},
      {"own_difficulty", 48, 12, "保安不让进门，只能在门口等"},
  }};
  const boost::json::value document = boost::json::parse(DemoPlacesJson());
  std::vector<std::tuple<areas::Area, double, double>> spots;  // area, lat, lon
  for (const boost::json::value& item : document.at("places").as_array()) {
    const auto& place = item.as_object();
    const std::string code(place.at("area_code").as_string());
    if (auto row = connection.QueryOne("SELECT path, name_zh FROM areas WHERE code = ?", {code})) {
      areas::Area area;
      area.code = code;
      area.path = row->Text(0);
      area.name_zh = row->Text(1);
      spots.emplace_back(std::move(area), place.at("lat").to_number<double>(), place.at("lon").to_number<double>());
    }
  }
  const reports::AcceptanceRouter router;
  if (spots.empty()) return 0;
  std::optional<long long> worker_account;
  std::string worker_name = "张小哥", worker_kind = "food";
  if (auto row = connection.QueryOne("SELECT a.id, w.name, w.kind FROM accounts a JOIN workers w ON w.account_id = "
                                     "a.id WHERE a.login = 'demo-worker'")) {
    worker_account = row->Int(0);
    worker_name = row->Text(1);
    worker_kind = row->Text(2);
  }
  Random random(seed ^ 0x5EED0006ULL);
  int total_weight = 0;
  for (const Kind& kind : kKinds) total_weight += kind.weight;
  // A third of the workers' own difficulties happen at the gate of demo-property's compound, whose
  // property company the district's rule makes accept them.
  struct Gate {
    std::string compound;
    double lat = 0, lon = 0;
    areas::Area community;
  };
  std::optional<Gate> gate;
  if (auto row = connection.QueryOne(
          "SELECT a.code, a.lat, a.lon, c.code, c.path, c.name_zh FROM accounts m JOIN areas a ON a.code = m.area_code "
          "JOIN areas c ON c.code = a.parent_code WHERE m.login = 'demo-property' AND a.lat IS NOT NULL")) {
    gate.emplace();
    gate->compound = row->Text(0);
    gate->lat = row->Double(1);
    gate->lon = row->Double(2);
    gate->community.code = row->Text(3);
    gate->community.path = row->Text(4);
    gate->community.name_zh = row->Text(5);
  }
  storage::Transaction transaction(connection);
  SeedDemoAcceptanceRules(connection, now);
  const int count = 240;
  for (int i = 0; i < count; ++i) {
    int roll = static_cast<int>(random.Below(static_cast<std::size_t>(total_weight)));
    std::size_t k = 0;
    while (roll >= kKinds[k].weight) roll -= kKinds[k++].weight;
    const Kind& kind = kKinds[k];
    const auto& [spot_area, lat, lon] = spots[random.Below(spots.size())];
    // Within about 150 m of a friendly place, where workers pass.
    const double spot_lat = lat + (random.Unit() - 0.5) * 0.0027;
    const double spot_lon = lon + (random.Unit() - 0.5) * 0.0035;
    const bool at_gate = gate && kind.category == "own_difficulty" && i % 3 == 0;
    const areas::Area& area = at_gate ? gate->community : spot_area;
    const std::string& area_code = area.code;
    const std::string& area_path = area.path;
    const double report_lat = at_gate ? gate->lat + (i % 7 - 3) * 0.0001 : spot_lat;
    const double report_lon = at_gate ? gate->lon + (i % 5 - 2) * 0.0001 : spot_lon;
    const bool mine = worker_account && i % 16 == 0;
    // demo-worker's own are at least a day old, so they never count against today's rate limit.
    const long long age = static_cast<long long>(random.Unit() * random.Unit() * 120LL * 86400) + (mine ? 86400 : 600);
    const long long created = now - age;
    const long long due = created + kind.deadline_hours * 3600LL;
    const std::string reporter = mine ? worker_name : std::string(random.Pick(kSurnames)) + "师傅";
    // How far along the chain it got: older reports went further; a few stall or are closed.
    const long long work = static_cast<long long>(kind.deadline_hours * 3600 * (0.15 + 1.5 * random.Unit()));
    std::vector<std::tuple<std::string, long long, std::string, std::string, std::string>>
        steps;  // status, at, login, role, note
    steps.emplace_back("submitted", created, mine ? "demo-worker" : "worker", "worker", "");
    std::string status = "submitted";
    std::optional<long long> resolved_at, closed_at;
    std::string close_reason;
    const auto add = [&](std::string_view next, long long at, std::string_view login, std::string_view role,
                         std::string_view note) {
      if (at > now) return false;
      steps.emplace_back(std::string(next), at, std::string(login), std::string(role), std::string(note));
      status = std::string(next);
      return true;
    };
    const long long t1 = created + work / 10;
    const long long t2 = created + work / 4;
    const long long t3 = created + work / 3;
    const long long t4 = created + work;
    const long long t5 = t4 + static_cast<long long>(random.Unit() * 30LL * 3600);
    // Routed as a live report would be (the others lie on the street, outside any compound).
    const auto category = reports::ParseCategory(kind.category).value_or(reports::Category::kOther);
    const reports::Acceptor acceptor = router.Route(connection, category, report_lat, report_lon, area,
                                                    at_gate ? std::optional(gate->compound) : std::nullopt);
    const bool by_keeper_or_property = acceptor.kind != reports::AcceptorKind::kCommunity;
    const std::string accepted_by = by_keeper_or_property ? acceptor.notify.front() : std::string("demo-community");
    const std::string accepted_role = acceptor.kind == reports::AcceptorKind::kNearestStation ? "station_keeper"
                                      : acceptor.kind == reports::AcceptorKind::kProperty     ? "property_manager"
                                                                                              : "community_officer";
    const std::string accepted_note = acceptor.kind == reports::AcceptorKind::kNearestStation ? "驿站已受理"
                                      : acceptor.kind == reports::AcceptorKind::kProperty     ? "物业已受理"
                                                                                              : "社区已受理";
    if (random.Below(25) == 0) {
      if (add("closed", t1, "demo-community", "community_officer", "重复上报")) {
        closed_at = t1;
        close_reason = "duplicate";
      }
    } else if (add("accepted", t1, accepted_by, accepted_role, accepted_note) &&
               add("dispatched", t2, "demo-community", "community_officer",
                   kind.category == "food_safety" ? "派给 市场监管" : "派给 demo-grid") &&
               add("in_progress", t3, "demo-grid", "grid_officer", "") &&
               add("resolved", t4, "demo-grid", "grid_officer", "已处理完毕")) {
      resolved_at = t4;
      if (t5 <= now && random.Below(5) != 0) {
        add("confirmed", t5, mine ? "demo-worker" : "worker", "worker", "");
        closed_at = t5;
      } else if (t4 + 72LL * 3600 <= now) {
        add("closed", t4 + 72LL * 3600, "system", "system", R"({"says":"closed_auto_confirmed"})");
        closed_at = t4 + 72LL * 3600;
        close_reason = "auto_confirmed";
      }
    }
    const long long updated = std::get<1>(steps.back());
    const bool dispatched_to_department = kind.category == "food_safety";
    const long long id =
        connection
            .QueryOne(
                "INSERT INTO reports (category, status, description, lat, lon, address, area_code, area_path, "
                "compound_code, difficulty, "
                "reporter_account_id, reporter_name, reporter_kind, source, assignee_kind, assignee, handler_login, "
                "me_too, "
                "close_reason, created_at, updated_at, due_at, resolved_at, closed_at, step_count, acceptor_kind, "
                "acceptor_code, "
                "acceptor_name, acceptor_account_id, acceptor_rule_id, acceptor_reason) "
                "VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, 'app', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?) RETURNING id",
                {std::string(kind.category),
                 status,
                 std::string(kind.description),
                 report_lat,
                 report_lon,
                 area_code,
                 area_path,
                 at_gate ? storage::Value{gate->compound} : storage::Value{nullptr},
                 kind.category == "own_difficulty" ? storage::Value{std::string("cannot_enter")}
                                                   : storage::Value{nullptr},
                 mine ? storage::Value{*worker_account} : storage::Value{nullptr},
                 reporter,
                 mine ? storage::Value{worker_kind} : storage::Value{std::string("food")},
                 steps.size() > 2 ? storage::Value{std::string(dispatched_to_department ? "department" : "officer")}
                                  : storage::Value{nullptr},
                 steps.size() > 2 ? storage::Value{std::string(dispatched_to_department ? "市场监管" : "demo-grid")}
                                  : storage::Value{nullptr},
                 steps.size() > 1 ? storage::Value{steps.size() > 3 ? std::string("demo-grid") : accepted_by}
                                  : storage::Value{nullptr},
                 static_cast<long long>(random.Below(4) == 0 ? random.Below(5) : 0),
                 close_reason.empty() ? storage::Value{nullptr} : storage::Value{close_reason},
                 created,
                 updated,
                 due,
                 resolved_at ? storage::Value{*resolved_at} : storage::Value{nullptr},
                 closed_at ? storage::Value{*closed_at} : storage::Value{nullptr},
                 static_cast<long long>(steps.size()),
                 std::string(reports::AcceptorKindName(acceptor.kind)),
                 acceptor.code,
                 acceptor.name,
                 acceptor.account_id ? storage::Value{*acceptor.account_id} : storage::Value{nullptr},
                 acceptor.rule_id ? storage::Value{*acceptor.rule_id} : storage::Value{nullptr},
                 acceptor.reason})
            ->Int(0);
    for (const auto& [step_status, at, login, role, note] : steps) {
      connection.Execute(
          "INSERT INTO report_steps (report_id, status, at, actor_login, actor_role, note) VALUES (?, ?, ?, ?, ?, ?)",
          {id, step_status, at, login, role, note});
    }
    // A scene photo on every eighth report (never a welfare one), so lists show thumbnails.
    if (i % 8 == 0 && kind.category != "welfare") {
      const std::string photo = media::PlainJpeg(480, 360, static_cast<unsigned char>(90 + id * 37 % 100),
                                                 static_cast<unsigned char>(90 + id * 53 % 100), 110);
      auto thumbnail = media::MakeThumbnail(photo);
      connection.Execute(
          "INSERT INTO report_media (report_id, content_type, data_base64, thumb_base64, uploaded_at) VALUES (?, "
          "'image/jpeg', ?, ?, ?)",
          {id, core::Base64Encode(photo, core::Base64Variant::kStandard),
           thumbnail.ok() ? storage::Value{core::Base64Encode(*thumbnail, core::Base64Variant::kStandard)}
                          : storage::Value{nullptr},
           created});
    }
  }
  transaction.Commit();
  return count;
}

long long SeedDemoGridAndConduct(storage::Connection& connection, long long now, unsigned long long seed) {
  Random random(seed ^ 0x5EED0007ULL);
  storage::Transaction transaction(connection);
  // demo-reporter: the anchor community's roaming grid reporter since three months, for a year.
  auto reporter = connection.QueryOne(
      "SELECT a.id, w.id, w.name, a.area_code, r.path FROM accounts a JOIN workers w ON w.account_id = a.id "
      "JOIN areas r ON r.code = a.area_code WHERE a.login = 'demo-reporter'");
  if (reporter) {
    const long long account = reporter->Int(0);
    const std::string community = reporter->Text(3), path = reporter->Text(4);
    connection.Execute(
        "INSERT INTO grid_reporters (worker_id, account_id, area_code, area_path, term_start, term_end, appointed_by, "
        "appointed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, 'demo-community', ?)",
        {reporter->Int(1), account, community, path, schedule::BeijingDate(now - 90LL * 86400),
         schedule::BeijingDate(now + 275LL * 86400), now - 90LL * 86400});
    // Some of the community's older reports were theirs, and went straight to the grid.
    std::vector<long long> ids;
    for (const storage::Row& row :
         connection.Query("SELECT id FROM reports WHERE area_code = ? AND reporter_account_id IS NULL AND category <> "
                          "'own_difficulty' AND created_at < ? "
                          "AND created_at > ? ORDER BY id",
                          {community, now - 86400, now - 90LL * 86400})) {
      if (row.Int(0) % 3 == 0) ids.push_back(row.Int(0));
    }
    for (long long id : ids) {
      connection.Execute(
          "UPDATE reports SET reporter_account_id = ?, reporter_name = ?, grid_reporter = 1 WHERE id = ?",
          {account, reporter->Text(2), id});
      connection.Execute(
          "UPDATE report_steps SET actor_login = 'demo-reporter' WHERE report_id = ? AND status = 'submitted'", {id});
      connection.Execute(
          "UPDATE report_steps SET actor_login = 'system', actor_role = 'system', note = ? "
          "WHERE report_id = ? AND status = 'accepted'",
          {std::string(R"({"says":"grid_to_community"})"), id});
    }
  }
  // Guards' records of conduct in the street's compounds over four months: a few busy gates
  // record most, and the big platforms lead as their riders do.
  struct Weighted {
    std::string_view name;
    int weight;
  };
  static constexpr std::array<Weighted, 7> kPlatformWeights = {
      {{"美团", 40}, {"饿了么", 28}, {"顺丰", 9}, {"京东", 8}, {"UU跑腿", 6}, {"闪送", 5}, {"其他", 4}}};
  static constexpr std::array<Weighted, 6> kKindWeights = {{{"speeding", 34},
                                                            {"banned_riding", 22},
                                                            {"blocking_entrance", 24},
                                                            {"wrong_way", 10},
                                                            {"conflict_with_staff", 5},
                                                            {"other", 5}}};
  static constexpr std::array<std::string_view, 6> kNotes = {"电动车在小区主路上飞快骑行",
                                                             "骑车进入人车分流的步行区",
                                                             "电动车停在大门口，挡住了救护车通道",
                                                             "逆行进入地库出口",
                                                             "与门岗争吵",
                                                             ""};
  const auto pick = [&random](const auto& items) -> std::string_view {
    int total = 0;
    for (const auto& item : items) total += item.weight;
    int roll = static_cast<int>(random.Below(static_cast<std::size_t>(total)));
    for (const auto& item : items) {
      if (roll < item.weight) return item.name;
      roll -= item.weight;
    }
    return items.back().name;
  };
  std::vector<std::pair<std::string, std::string>> compounds;  // code, path
  std::string guard_compound;
  if (auto guard = connection.QueryOne("SELECT area_code FROM accounts WHERE login = 'demo-guard'"))
    guard_compound = guard->Text(0);
  for (const storage::Row& row :
       connection.Query("SELECT code, path FROM areas WHERE level = 'compound' ORDER BY code")) {
    compounds.emplace_back(row.Text(0), row.Text(1));
  }
  long long records = 0;
  if (!compounds.empty()) {
    for (int i = 0; i < 420; ++i) {
      // Half at a dozen busy gates (the guard's own among them), the rest anywhere.
      const auto& [code, path] = i % 8 == 0 && !guard_compound.empty()
                                     ? *std::find_if(compounds.begin(), compounds.end(),
                                                     [&](const auto& c) { return c.first == guard_compound; })
                                     : compounds[i % 2 == 0 ? random.Below(std::min<std::size_t>(12, compounds.size()))
                                                            : random.Below(compounds.size())];
      const long long at = now - static_cast<long long>(random.Unit() * 120LL * 86400) - 600;
      const std::string_view kind = pick(kKindWeights);
      const std::size_t note = kind == "speeding"              ? 0
                               : kind == "banned_riding"       ? 1
                               : kind == "blocking_entrance"   ? 2
                               : kind == "wrong_way"           ? 3
                               : kind == "conflict_with_staff" ? 4
                                                               : 5;
      const bool mine = code == guard_compound;
      connection.Execute(
          "INSERT INTO conduct_records (compound_code, area_path, platform, kind, note, rider_hint, at, month, "
          "recorded_by, recorder_role, "
          "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'guard', ?)",
          {code, path, std::string(pick(kPlatformWeights)), std::string(kind), std::string(kNotes[note]),
           random.Below(3) == 0 ? std::string("黄色头盔") : std::string(), at, schedule::BeijingDate(at).substr(0, 7),
           mine ? std::string("demo-guard") : "guard-" + code, at});
      ++records;
    }
  }
  transaction.Commit();
  return records;
}

long long SeedDemoPoints(storage::Connection& connection, long long now) {
  storage::Transaction transaction(connection);
  const auto issuer = points::Ledger::Ensure(connection, points::AccountKind::kIssuer, "city", "市积分发行", now);
  const auto pool = points::Ledger::Ensure(connection, points::AccountKind::kPool, "city", "市级积分池", now);
  const auto move = [&](points::TransferKind kind, long long source, long long target, long long amount,
                        std::string reason, std::string client_id, std::string actor, long long at) {
    points::TransferRequest request{
        source, target, amount, kind, std::move(reason), std::move(client_id), std::move(actor), std::nullopt, at};
    return points::Ledger::Move(connection, request);
  };
  (void)move(points::TransferKind::kFund, issuer.id, pool.id, 50'000, "2026年骑手关爱积分预算", "fund:demo:2026",
             "demo-city", now - 60LL * 86400);
  const auto worker = connection.QueryOne("SELECT id FROM accounts WHERE login = 'demo-worker'");
  if (!worker) {
    transaction.Commit();
    return 0;
  }
  const long long account_id = worker->Int(0);
  // demo-worker's confirmed reports, paid as the server pays them.
  for (const auto& row : connection.Query(
           "SELECT id, COALESCE(closed_at, updated_at) FROM reports WHERE reporter_account_id = ? AND status = "
           "'confirmed' ORDER BY id",
           {account_id})) {
    connection.Execute(
        "INSERT INTO point_awards (account_id, report_id, points, reason, at) VALUES (?, ?, ?, 'confirmed', ?) "
        "ON CONFLICT DO NOTHING",
        {account_id, row.Int(0), points::kReportConfirmedPoints, row.Int(1)});
    points::PointsService::PayReportAward(connection, account_id, row.Int(0), points::kReportConfirmedPoints,
                                          row.Int(1));
  }
  const auto mine =
      points::Ledger::Ensure(connection, points::AccountKind::kWorker, fmt::format("account:{}", account_id), "", now);
  (void)move(points::TransferKind::kAward, pool.id, mine.id, 30, "7·17 骑手节志愿服务", "award:demo:717",
             "demo-community", now - 20LL * 86400);
  (void)move(points::TransferKind::kAward, pool.id, mine.id, 20, "协助社区消防通道巡查", "award:demo:fire-lane",
             "demo-community", now - 6LL * 86400);
  SeedDemoOffers(connection, account_id, now);
  transaction.Commit();
  return points::Ledger::ById(connection, mine.id)->balance;
}

void SeedDemoOffers(storage::Connection& connection, long long worker_account_id, long long now) {
  const auto place_of = [&connection](std::string_view login) -> std::optional<points::OfferPlace> {
    auto row = connection.QueryOne(
        "SELECT p.id FROM places p JOIN accounts a ON a.id = p.owner_account_id WHERE a.login = ? AND "
        "p.status = 'approved' ORDER BY p.id LIMIT 1",
        {std::string(login)});
    return row ? points::offer_repository::FindPlace(connection, row->Int(0)) : std::nullopt;
  };
  const long long listed = now - 30LL * 86400;
  const auto offer = [&](const points::OfferPlace& place, std::string title, std::string description, long long price,
                         std::optional<long long> stock, std::string_view owner) {
    const points::OfferInput input{std::move(title), std::move(description), price, stock, listed, std::nullopt, true};
    return points::offer_repository::Insert(connection, place.id, input, owner, listed);
  };
  if (const auto station = place_of("demo-keeper")) {
    offer(*station, "手机快充 30 分钟", "驿站充电柜，扫码即充", 5, std::nullopt, "demo-keeper");
    offer(*station, "头盔清洗消毒", "每周二、周五下午，驿站门口", 15, 20, "demo-keeper");
  }
  const auto shop = place_of("demo-merchant");
  if (!shop) return;
  const long long lunch =
      offer(*shop, "骑手午餐套餐", "一荤两素加米饭，11:00-14:00 堂食或打包", 30, 50, "demo-merchant");
  offer(*shop, "热豆浆一杯", "全天供应，凭码领取", 5, std::nullopt, "demo-merchant");
  // demo-worker's lunch three days ago, confirmed at the counter a minute later.
  const auto balance =
      points::Ledger::Find(connection, points::AccountKind::kWorker, points::WorkerOwnerRef(worker_account_id));
  if (!balance || balance->balance < 30) return;
  accounts::Principal worker;
  worker.account_id = worker_account_id;
  worker.login = "demo-worker";
  const long long at = now - 3LL * 86400;
  const auto held = points::redemption_repository::Hold(
      connection, *points::offer_repository::Find(connection, lunch), *shop, worker, "demo-lunch",
      core::HashToken(core::RandomToken()), points::RedemptionTimes{}, at);
  if (!held.ok()) throw std::runtime_error("demo redemption: " + held.error().detail);
  points::redemption_repository::Settle(connection, *held, points::RedemptionStatus::kConfirmed, "demo-merchant",
                                        at + 60);
  points::redemption_repository::PayPlace(connection, *points::redemption_repository::Find(connection, *held), *shop,
                                          "demo-merchant", at + 60);
}

}  // namespace youhao::demo
