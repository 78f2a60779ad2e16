#include "media/photo_id.h"

#include <gtest/gtest.h>

#include <set>

#include "core/random.h"
#include "media/image_sanitizer.h"
#include "media/thumbnail.h"

namespace youhao::media {
namespace {

TEST(PhotoId, IsLongRandomAndUrlSafe) {
  core::InitCrypto();
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = NewPhotoId();
    EXPECT_EQ(id.size(), kPhotoIdLength);
    EXPECT_TRUE(IsPhotoId(id)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000U);
}

TEST(PhotoId, RowNumbersAndOtherShapesAreNotIds) {
  EXPECT_TRUE(IsPhotoId("AbCdEfGhIjKlMnOpQr-_09"));
  for (std::string_view not_id : {"", "7", "99999999", "AbCdEfGhIjKlMnOpQr-_0", "AbCdEfGhIjKlMnOpQr-_09X",
                                  "AbCdEfGhIjKlMnOpQr+/09", "AbCdEfGhIjKlMnOpQr-_0=", "../../etc/passwd/xxxxx"}) {
    EXPECT_FALSE(IsPhotoId(not_id)) << not_id;
  }
}

TEST(SanitizeUpload, RefusesADeclaredTypeThatIsNotAnImageAndJudgesTheRestByContent) {
  const std::string jpeg = PlainJpeg(40, 30, 10, 200, 90);
  for (std::string_view type : {"text/plain", "application/json", "multipart/form-data; boundary=x", "video/mp4"}) {
    auto refused = SanitizeUpload(type, jpeg);
    ASSERT_FALSE(refused.ok()) << type;
    EXPECT_EQ(refused.error().code, core::ErrorCode::kUnsupportedMediaType) << type;
  }
  for (std::optional<std::string_view> type :
       {std::optional<std::string_view>("image/jpeg"), std::optional<std::string_view>("IMAGE/PNG; q=1"),
        std::optional<std::string_view>("application/octet-stream"), std::optional<std::string_view>(""),
        std::optional<std::string_view>()}) {
    auto stored = SanitizeUpload(type, jpeg);
    ASSERT_TRUE(stored.ok()) << type.value_or("(none)") << ": " << stored.error().detail;
    EXPECT_EQ(stored->content_type, "image/jpeg");
  }
  auto text = SanitizeUpload("image/jpeg", "just a note, not a photo");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().code, core::ErrorCode::kValidationFailed);
  auto too_large = SanitizeUpload("image/jpeg", jpeg, 40 * 30 - 1);
  ASSERT_FALSE(too_large.ok());
  EXPECT_EQ(too_large.error().code, core::ErrorCode::kValidationFailed);
  EXPECT_TRUE(SanitizeUpload("image/jpeg", jpeg, 40LL * 30).ok());
}

}  // namespace
}  // namespace youhao::media
