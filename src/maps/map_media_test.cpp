// Photos of the way by public id, on SQLite (and on PostgreSQL when YOUHAO_TEST_PG_URL is set):
// a new photo gets one, a row number finds nothing, and photos stored before there were public ids
// get one at start, with every URL their compound's features and history name rewritten to it.
#include <gtest/gtest.h>

#include "maps/map_service.h"
#include "media/thumbnail.h"
#include "storage/test_databases.h"

namespace youhao::maps {
namespace {

// 700000001's URL is the start of 7000000012's: a rewrite must not mistake one for the other.
constexpr long long kOld = 700000001;
constexpr long long kOlder = 7000000012;

class MapMediaTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::OpenMigratedTestDatabase(GetParam());
    auto c = database_->Acquire();
    Clean(*c);
    c->Execute(
        "INSERT INTO areas (code, level, name_zh, name_en, path) VALUES ('T-M', 'compound', '甲小区', 'M', 'T-M/'), "
        "('T-N', 'compound', '乙小区', 'N', 'T-N/')");
  }
  void TearDown() override {
    auto c = database_->Acquire();
    Clean(*c);
  }
  static void Clean(storage::Connection& c) {
    for (const char* table : {"map_media", "map_features", "map_changes", "compound_maps"}) {
      c.Execute(std::string("DELETE FROM ") + table + " WHERE compound_code IN ('T-M', 'T-N')");
    }
    c.Execute("DELETE FROM areas WHERE code IN ('T-M', 'T-N')");
  }
  /// A photo row as stored before public ids.
  void InsertOldPhoto(storage::Connection& c, long long id) {
    c.Execute(
        "INSERT INTO map_media (id, compound_code, content_type, data_base64, uploaded_at, uploaded_by) VALUES "
        "(?, 'T-M', 'image/jpeg', 'AAAA', 0, 'keeper')",
        {id});
  }

  std::unique_ptr<storage::Database> database_;
};

std::string Url(long long id) { return "\"/api/v1/map-media/" + std::to_string(id) + "\""; }

TEST_P(MapMediaTest, ANewPhotoIsServedByItsPublicIdOnly) {
  MapService maps(*database_);
  const accounts::Principal keeper{.account_id = 1,
                                   .login = "keeper",
                                   .role = accounts::Role::kPropertyManager,
                                   .area_code = "T-M",
                                   .area_path = "T-M/"};
  areas::Area compound;
  compound.code = "T-M";
  compound.level = areas::Level::kCompound;
  compound.path = "T-M/";
  const std::string jpeg = media::PlainJpeg(16, 12, 200, 80, 40);
  const media::StoredPhoto stored = maps.AddPhoto(keeper, compound, "image/jpeg", jpeg);
  EXPECT_TRUE(media::IsPhotoId(stored.public_id)) << stored.public_id;
  EXPECT_EQ(MapService::MediaUrl(stored.public_id), "/api/v1/map-media/" + stored.public_id);
  auto served = maps.Photo(stored.public_id);
  ASSERT_TRUE(served.ok()) << served.error().detail;
  EXPECT_EQ(served->bytes, jpeg);
  EXPECT_EQ(served->content_type, "image/jpeg");
  EXPECT_TRUE(served->is_public);
  for (const std::string& guess : {std::to_string(stored.id), std::string(22, 'A'), std::string()}) {
    auto missing = maps.Photo(guess);
    ASSERT_FALSE(missing.ok()) << guess;
    EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound) << guess;
  }
}

TEST_P(MapMediaTest, OlderPhotosGetPublicIdsAndTheirUrlsAreRewritten) {
  {
    auto c = database_->Acquire();
    InsertOldPhoto(*c, kOld);
    InsertOldPhoto(*c, kOlder);
    const std::string feature = R"({"type":"Feature","properties":{"kind":"gate","media":[)" + Url(kOld) + "," +
                                Url(kOlder) + R"(,"https://b23.tv/x"]}})";
    c->Execute(
        "INSERT INTO map_features (compound_code, kind, label, feature_json) VALUES ('T-M', 'gate', 'north', ?), "
        "('T-N', 'gate', 'south', ?)",
        {feature, feature});
    c->Execute(
        "INSERT INTO map_changes (compound_code, version, at, actor_login, action, feature_id, label, before_json, "
        "after_json) VALUES ('T-M', 1, 0, 'keeper', 'update', 1, 'north', ?, ?)",
        {"{}", feature});
  }
  MapService maps(*database_);
  EXPECT_GE(maps.FillMissingPhotoIds(), 2);

  auto c = database_->Acquire();
  const auto public_id = [&](long long id) {
    return c->QueryOne("SELECT public_id FROM map_media WHERE id = ?", {id})->Text(0);
  };
  const std::string old_id = public_id(kOld);
  const std::string older_id = public_id(kOlder);
  EXPECT_TRUE(media::IsPhotoId(old_id)) << old_id;
  EXPECT_TRUE(media::IsPhotoId(older_id)) << older_id;
  EXPECT_NE(old_id, older_id);

  const std::string rewritten = R"({"type":"Feature","properties":{"kind":"gate","media":["/api/v1/map-media/)" +
                                old_id + R"(","/api/v1/map-media/)" + older_id + R"(","https://b23.tv/x"]}})";
  EXPECT_EQ(c->QueryOne("SELECT feature_json FROM map_features WHERE compound_code = 'T-M'")->Text(0), rewritten);
  EXPECT_EQ(c->QueryOne("SELECT after_json FROM map_changes WHERE compound_code = 'T-M'")->Text(0), rewritten);
  // Another compound's map cannot name this compound's photo: it is left as it was.
  EXPECT_NE(c->QueryOne("SELECT feature_json FROM map_features WHERE compound_code = 'T-N'")->Text(0), rewritten);

  auto served = maps.Photo(old_id);
  ASSERT_TRUE(served.ok()) << served.error().detail;
  EXPECT_EQ(served->bytes, std::string(3, '\0'));  // "AAAA" in base64
  EXPECT_FALSE(maps.Photo(std::to_string(kOld)).ok()) << "the row number no longer resolves";
  EXPECT_EQ(maps.FillMissingPhotoIds(), 0) << "a second start has nothing to do";
  EXPECT_EQ(public_id(kOld), old_id) << "and changes no id";
}

INSTANTIATE_TEST_SUITE_P(Backends, MapMediaTest,
                         ::testing::ValuesIn(storage::TestDatabaseUrls("youhao_map_media_test")),
                         [](const auto& backend) { return storage::BackendName(backend.param); });

}  // namespace
}  // namespace youhao::maps
