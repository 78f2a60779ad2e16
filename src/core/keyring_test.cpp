#include "core/keyring.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

namespace youhao::core {
namespace {

std::string TempPath(const std::string& name) {
  auto path = std::filesystem::temp_directory_path() / ("youhao-keyring-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove(path);
  return path.string();
}

TEST(Keyring, SealsAndOpensOnlyForTheSamePurpose) {
  auto ring = Keyring::Ephemeral();
  const std::string sealed = ring.Seal("phone", "13800138000");
  EXPECT_EQ(sealed.find("13800138000"), std::string::npos);
  EXPECT_TRUE(sealed.starts_with("s1." + ring.CurrentKeyId() + "."));
  EXPECT_EQ(ring.Open("phone", sealed), "13800138000");
  EXPECT_EQ(ring.Open("issuer-key", sealed), std::nullopt);
  // A fresh nonce every time: equal phones do not give equal ciphertexts.
  EXPECT_NE(ring.Seal("phone", "13800138000"), sealed);
}

TEST(Keyring, RefusesAlteredOrForeignValues) {
  auto ring = Keyring::Ephemeral();
  auto other = Keyring::Ephemeral();
  std::string sealed = ring.Seal("phone", "13800138000");
  EXPECT_EQ(other.Open("phone", sealed), std::nullopt);
  sealed[sealed.size() - 3] = sealed[sealed.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_EQ(ring.Open("phone", sealed), std::nullopt);
  EXPECT_EQ(ring.Open("phone", "13800138000"), std::nullopt);
  EXPECT_EQ(ring.Open("phone", "s1.zz"), std::nullopt);
  EXPECT_EQ(ring.Open("phone", ""), std::nullopt);
}

TEST(Keyring, DigestsAreKeyedAndStable) {
  auto ring = Keyring::Ephemeral();
  auto other = Keyring::Ephemeral();
  EXPECT_EQ(ring.Digest("phone", "13800138000"), ring.Digest("phone", "13800138000"));
  EXPECT_NE(ring.Digest("phone", "13800138000"), ring.Digest("phone", "13800138001"));
  EXPECT_NE(ring.Digest("phone", "13800138000"), other.Digest("phone", "13800138000"));
  EXPECT_NE(ring.Digest("phone", "13800138000"), ring.Digest("login", "13800138000"));
  EXPECT_EQ(ring.Digest("phone", "x").size(), 64U);
}

TEST(Keyring, FileIsCreatedOwnerOnlyAndReadBack) {
  const std::string path = TempPath("create");
  std::string sealed;
  std::string digest;
  {
    auto ring = Keyring::FromFile(path);
    sealed = ring.Seal("phone", "13912345678");
    digest = ring.Digest("phone", "13912345678");
  }
  struct stat status {};
  ASSERT_EQ(::stat(path.c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 0777, 0600U);
  auto again = Keyring::FromFile(path);
  EXPECT_EQ(again.Open("phone", sealed), "13912345678");
  EXPECT_EQ(again.Digest("phone", "13912345678"), digest);

  ::chmod(path.c_str(), 0644);
  EXPECT_THROW(Keyring::FromFile(path), std::runtime_error);
  std::filesystem::remove(path);
}

TEST(Keyring, RefusesAMalformedFile) {
  const std::string path = TempPath("bad");
  {
    std::ofstream out(path);
    out << "not a key\n";
  }
  ::chmod(path.c_str(), 0600);
  EXPECT_THROW(Keyring::FromFile(path), std::runtime_error);
  std::filesystem::remove(path);
}

TEST(Keyring, RotationKeepsOldValuesOpenUntilResealed) {
  const std::string path = TempPath("rotate");
  std::string sealed;
  std::string old_id;
  {
    auto ring = Keyring::FromFile(path);
    sealed = ring.Seal("issuer-key", "secret");
    old_id = ring.CurrentKeyId();
    ring.WriteRotated(path);
  }
  auto rotated = Keyring::FromFile(path);
  EXPECT_NE(rotated.CurrentKeyId(), old_id);
  EXPECT_TRUE(rotated.IsSealedUnderOldKey(sealed));
  EXPECT_EQ(rotated.Open("issuer-key", sealed), "secret");
  const std::string resealed = rotated.Seal("issuer-key", "secret");
  EXPECT_FALSE(rotated.IsSealedUnderOldKey(resealed));
  EXPECT_EQ(rotated.DigestsUnderEveryKey("phone", "1").size(), 2U);
  rotated.WriteCurrentOnly(path);
  auto finished = Keyring::FromFile(path);
  EXPECT_EQ(finished.Open("issuer-key", resealed), "secret");
  EXPECT_EQ(finished.Open("issuer-key", sealed), std::nullopt);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace youhao::core
