// Certificates: the city's certificate key (made on first use, its secret sealed with the
// keyring), issuing in the caller's transaction, reading, verifying, revoking and printing.

#include "certificates/certificates.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "areas/area_service.h"
#include "audit/audit_log.h"
#include "certificates/certificate_code.h"
#include "certificates/certificate_document.h"
#include "certificates/signing_keys.h"
#include "core/base64.h"
#include "core/random.h"
#include "core/text.h"
#include "poster/poster.h"

namespace youhao::certificates {

namespace {

using core::ErrorCode;
using storage::Row;
using storage::Value;
namespace json = boost::json;

constexpr std::string_view kColumns =
    "id, serial, kind, holder_account_id, holder_name, title, detail, area_code, reference, issued_at, valid_until, "
    "key_id, signature, revoked_at, revoked_by, revoke_reason";

SignedFields FieldsOf(const Certificate& certificate) {
  return {.serial = certificate.serial,
          .kind = std::string(KindName(certificate.kind)),
          .masked_name = core::MaskName(certificate.holder_name),
          .title = certificate.title,
          .issued_at = certificate.issued_at,
          .valid_until = certificate.valid_until,
          .key_id = certificate.key_id};
}

void FillQr(Certificate& certificate) {
  const auto signature = core::Base64Decode(certificate.signature);
  if (!signature) return;
  certificate.qr_text = QrText(FieldsOf(certificate), *signature);
}

Certificate CertificateOfRow(const Row& row) {
  Certificate c;
  c.id = row.Int(0);
  c.serial = row.Text(1);
  c.kind = ParseKind(row.Text(2)).value_or(Kind::kTraining);
  c.holder_account_id = row.Int(3);
  c.holder_name = row.Text(4);
  c.title = row.Text(5);
  c.detail = row.Text(6);
  c.area_code = row.Text(7);
  c.reference = row.Text(8);
  c.issued_at = row.Int(9);
  c.valid_until = row.Int(10);
  c.key_id = row.Int(11);
  c.signature = row.Text(12);
  if (!row.IsNull(13)) c.revoked_at = row.Int(13);
  c.revoked_by = row.OptionalText(14).value_or("");
  c.revoke_reason = row.OptionalText(15).value_or("");
  FillQr(c);
  return c;
}

std::optional<Certificate> ByReference(storage::Connection& connection, const std::string& reference) {
  const auto row =
      connection.QueryOne("SELECT " + std::string(kColumns) + " FROM certificates WHERE reference = ?", {reference});
  if (!row) return std::nullopt;
  return CertificateOfRow(*row);
}

bool Holds(storage::Connection& connection, const Certificate& certificate) {
  return SignedByKey(connection, kCertificateKeys, certificate.key_id, SignedText(FieldsOf(certificate)),
                     certificate.signature);
}

std::string OneLine(std::string_view text) {
  std::string out(core::Trim(text));
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

core::Error NotYours(std::string detail) {
  return core::MakeProblem(ErrorCode::kForbidden, "", "certificates.not_yours", std::move(detail));
}

bool IssuedWithin(storage::Connection& connection, const accounts::Principal& caller, const Certificate& certificate) {
  const auto row = connection.QueryOne("SELECT path FROM areas WHERE code = ?", {certificate.area_code});
  return row && areas::PathWithin(row->Text(0), caller.area_path);
}

bool OfficerOf(storage::Connection& connection, const accounts::Principal& caller, const Certificate& certificate) {
  return MayManage(caller.role) && IssuedWithin(connection, caller, certificate);
}

}  // namespace

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kTraining:
      return "training";
    case Kind::kVolunteerHours:
      return "volunteer_hours";
    case Kind::kAppointment:
      return "appointment";
  }
  return "training";
}

std::optional<Kind> ParseKind(std::string_view name) {
  for (Kind kind : {Kind::kTraining, Kind::kVolunteerHours, Kind::kAppointment}) {
    if (KindName(kind) == name) return kind;
  }
  return std::nullopt;
}

std::string_view StatusName(Status status) {
  switch (status) {
    case Status::kValid:
      return "valid";
    case Status::kRevoked:
      return "revoked";
    case Status::kExpired:
      return "expired";
    case Status::kUnknown:
      return "unknown";
  }
  return "unknown";
}

bool MayManage(accounts::Role role) { return accounts::IsOfficer(role) && role != accounts::Role::kGridOfficer; }

bool MayRevoke(accounts::Role role, Kind kind) {
  return MayManage(role) || (role == accounts::Role::kUnionStaff && kind == Kind::kTraining);
}

Certificate CertificateIssuer::Issue(storage::Connection& connection, const Request& request, long long now) const {
  if (auto stored = ByReference(connection, request.reference)) return *stored;
  Certificate certificate;
  certificate.serial = "YC" + core::RandomDigits(12);
  certificate.kind = request.kind;
  certificate.holder_account_id = request.holder_account_id;
  certificate.holder_name = OneLine(request.holder_name);
  certificate.title = OneLine(request.title);
  certificate.detail = OneLine(request.detail);
  certificate.area_code = request.area_code;
  certificate.reference = request.reference;
  certificate.issued_at = now;
  certificate.valid_until = request.valid_until;
  // The key id is part of the signed text: open the key first, then sign with it.
  const OpenedKey key = NewestSigningKey(connection, keyring_, kCertificateKeys, now);
  certificate.key_id = key.id();
  certificate.signature = key.Sign(SignedText(FieldsOf(certificate)));
  certificate.id =
      connection
          .QueryOne(
              "INSERT INTO certificates (serial, kind, holder_account_id, holder_name, title, detail, area_code, "
              "reference, issued_at, valid_until, key_id, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
              "RETURNING id",
              {certificate.serial, std::string(KindName(certificate.kind)), certificate.holder_account_id,
               certificate.holder_name, certificate.title, certificate.detail, certificate.area_code,
               certificate.reference, certificate.issued_at, certificate.valid_until, certificate.key_id,
               certificate.signature})
          ->Int(0);
  FillQr(certificate);
  return certificate;
}

std::vector<Certificate> CertificatesOf(storage::Connection& connection, long long account_id) {
  std::vector<Certificate> out;
  for (const auto& row :
       connection.Query("SELECT " + std::string(kColumns) +
                            " FROM certificates WHERE holder_account_id = ? ORDER BY issued_at DESC, id DESC",
                        {account_id}))
    out.push_back(CertificateOfRow(row));
  return out;
}

std::optional<Certificate> CertificateBySerial(storage::Connection& connection, std::string_view serial) {
  const auto row = connection.QueryOne("SELECT " + std::string(kColumns) + " FROM certificates WHERE serial = ?",
                                       {std::string(serial)});
  if (!row) return std::nullopt;
  return CertificateOfRow(*row);
}

std::vector<PublicKey> PublicKeys(storage::Connection& connection) {
  std::vector<PublicKey> keys;
  for (const auto& row : connection.Query("SELECT id, public_key, created_at FROM certificate_keys ORDER BY id"))
    keys.push_back({row.Int(0), row.Text(1), row.Int(2)});
  return keys;
}

Verification CertificateService::Verify(std::string_view serial, long long now) const {
  Verification verification;
  if (serial.empty() || serial.size() > 40) return verification;
  auto connection = database_.Acquire();
  auto certificate = CertificateBySerial(*connection, serial);
  // A row whose signature does not hold was not issued by this server: unknown, as if absent.
  if (!certificate || !Holds(*connection, *certificate)) return verification;
  if (certificate->revoked_at)
    verification.status = Status::kRevoked;
  else if (certificate->valid_until != 0 && certificate->valid_until < now)
    verification.status = Status::kExpired;
  else
    verification.status = Status::kValid;
  verification.certificate = std::move(certificate);
  return verification;
}

core::Result<Certificate> CertificateService::Revoke(const accounts::Principal& caller, std::string_view serial,
                                                     std::string_view reason, long long now) {
  const std::string trimmed(core::Trim(reason));
  if (trimmed.empty() || trimmed.size() > kMaxReason)
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_reason", "certificates.bad_reason",
                             "a reason of 1 to 200 bytes is required");
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto certificate = CertificateBySerial(*connection, serial);
  if (!certificate) return core::MakeError(ErrorCode::kNotFound, "no such certificate");
  if (!MayRevoke(caller.role, certificate->kind))
    return NotYours("community officers and above revoke certificates; union staff training ones");
  if (!IssuedWithin(*connection, caller, *certificate))
    return NotYours("this certificate was issued outside your area");
  const long long changed = connection->Execute(
      "UPDATE certificates SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL",
      {now, caller.login, trimmed, certificate->id});
  if (changed == 0)
    return core::MakeProblem(ErrorCode::kConflict, "already_revoked", "certificates.already_revoked",
                             "this certificate is revoked already");
  audit::Entry entry =
      accounts::AuditEntryBy(caller, "certificates.revoke", "certificate", certificate->serial, certificate->area_code);
  entry.after_json = json::serialize(json::object{{"reason", trimmed}, {"reference", certificate->reference}});
  audit::AuditLog::Record(*connection, entry);
  transaction.Commit();
  certificate->revoked_at = now;
  certificate->revoked_by = caller.login;
  certificate->revoke_reason = trimmed;
  return *certificate;
}

core::Result<std::string> CertificateService::Pdf(const accounts::Principal& caller, std::string_view serial,
                                                  const PdfWords& words) const {
  std::optional<Certificate> certificate;
  {
    auto connection = database_.Acquire();
    certificate = CertificateBySerial(*connection, serial);
    if (!certificate) return core::MakeError(ErrorCode::kNotFound, "no such certificate");
    const bool holder = certificate->holder_account_id == caller.account_id;
    if (!holder && !OfficerOf(*connection, caller, *certificate))
      return NotYours("a certificate is for its holder and the issuing area's officers");
    if (certificate->revoked_at)
      return core::MakeProblem(ErrorCode::kConflict, "already_revoked", "certificates.already_revoked",
                               "this certificate is revoked");
  }
  auto svg = PageSvg({.heading = words.heading,
                      .name = certificate->holder_name,
                      .line = words.line,
                      .title = certificate->title,
                      .detail = certificate->detail,
                      .issued_line = words.issued_line,
                      .serial_label = words.serial_label,
                      .serial = certificate->serial,
                      .verify_hint = words.verify_hint,
                      .qr_text = certificate->qr_text});
  if (!svg.ok()) return svg.error();
  return poster::SvgToPdf(*svg);
}

std::vector<PublicKey> CertificateService::Keys() const {
  auto connection = database_.Acquire();
  return PublicKeys(*connection);
}

std::vector<Certificate> CertificateService::Of(long long account_id) const {
  auto connection = database_.Acquire();
  return CertificatesOf(*connection, account_id);
}

}  // namespace youhao::certificates
