#pragma once
/// Signed certificates of every kind (training, volunteer hours, appointment letters): issued in
/// the caller's transaction, signed with the city's Ed25519 certificate key (its secret sealed
/// with the keyring), carried as a QR text that verifies offline (certificate_code.h), revocable
/// by the issuing area's officers, printed as an A4 PDF.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/access.h"
#include "core/error.h"
#include "core/keyring.h"
#include "storage/database.h"

namespace youhao::certificates {

enum class Kind { kTraining, kVolunteerHours, kAppointment };  // API names "training", "volunteer_hours", "appointment"
std::string_view KindName(Kind kind);
std::optional<Kind> ParseKind(std::string_view name);

struct Request {
  Kind kind = Kind::kTraining;
  long long holder_account_id = 0;
  std::string holder_name;  // full name: printed on the PDF; the QR and the public verify answer carry it masked
  std::string title;   // e.g. "心肺复苏与急救培训" / "志愿服务时长证明 2026" / "食品安全监督员"
  std::string detail;  // one line, e.g. "2026-12-05 · 8 学时" / "累计 36.5 小时"
  std::string area_code;      // the issuing area
  std::string reference;      // unique per certified thing, e.g. "training:<course>:<account>"
  long long valid_until = 0;  // 0 = no end
};

struct Certificate {
  long long id = 0;
  std::string serial;
  Kind kind = Kind::kTraining;
  long long holder_account_id = 0;
  std::string holder_name;
  std::string title;
  std::string detail;
  std::string area_code;
  std::string reference;
  long long issued_at = 0;
  long long valid_until = 0;
  std::optional<long long> revoked_at;
  std::string qr_text;  // what the QR carries: signed, verifiable offline with the city's public key
  long long key_id = 0;
  std::string signature;  ///< base64 Ed25519 over SignedText (certificate_code.h)
  std::string revoked_by;
  std::string revoke_reason;
};

class CertificateIssuer {
 public:
  explicit CertificateIssuer(const core::Keyring& keyring) : keyring_(keyring) {}
  /// Signs and stores in the caller's transaction; the same reference again returns the stored one.
  Certificate Issue(storage::Connection& connection, const Request& request, long long now) const;

 private:
  const core::Keyring& keyring_;
};

/// Certificates held by an account, newest first (all kinds).
std::vector<Certificate> CertificatesOf(storage::Connection& connection, long long account_id);
/// The certificate with `serial` (its qr_text filled in), or nullopt.
std::optional<Certificate> CertificateBySerial(storage::Connection& connection, std::string_view serial);

/// A public key for offline checks.
struct PublicKey {
  long long id = 0;
  std::string public_key;  ///< base64 (standard alphabet) of the 32-byte Ed25519 key
  long long created_at = 0;
};
std::vector<PublicKey> PublicKeys(storage::Connection& connection);

enum class Status { kValid, kRevoked, kExpired, kUnknown };
std::string_view StatusName(Status status);

struct Verification {
  Status status = Status::kUnknown;
  std::optional<Certificate> certificate;
};

/// What a certificate's PDF says around the data (worded at the edge in the reader's language).
struct PdfWords {
  std::string heading;       ///< e.g. 培训合格证书
  std::string line;          ///< the words above the title, e.g. 完成培训并考核合格
  std::string issued_line;   ///< the area and date
  std::string serial_label;  ///< 证书编号
  std::string verify_hint;   ///< 扫码验证证书真伪
};

/// Verify, revoke and print certificates.
class CertificateService {
 public:
  CertificateService(storage::Database& database, const core::Keyring& keyring)
      : database_(database), issuer_(keyring) {}

  const CertificateIssuer& issuer() const { return issuer_; }

  /// By serial: valid, revoked, expired, or unknown (absent, or its signature does not hold).
  Verification Verify(std::string_view serial, long long now) const;
  /// Officers (community and above) of the issuing area; union staff of the issuing area for
  /// training certificates (their courses'). Errors: not_found, forbidden,
  /// certificates.already_revoked, certificates.bad_reason.
  core::Result<Certificate> Revoke(const accounts::Principal& caller, std::string_view serial, std::string_view reason,
                                   long long now);
  /// The A4 PDF for its holder and the issuing area's officers; its QR carries the signed text.
  core::Result<std::string> Pdf(const accounts::Principal& caller, std::string_view serial,
                                const PdfWords& words) const;
  std::vector<PublicKey> Keys() const;
  std::vector<Certificate> Of(long long account_id) const;

 private:
  storage::Database& database_;
  CertificateIssuer issuer_;
};

/// True for roles that may revoke certificates and print anybody's in their area.
bool MayManage(accounts::Role role);
/// Who may revoke a certificate of `kind` issued in their area: MayManage, and union staff for
/// training certificates (the courses of their area).
bool MayRevoke(accounts::Role role, Kind kind);

constexpr std::size_t kMaxReason = 200;

}  // namespace youhao::certificates
