// A winner's certificate drawn as an SVG page by certificates::PageSvg (the one drawing shared
// with the signed certificates): the words, the name, the serial and the QR code that opens the
// public verify page.

#include "certificates/certificate_document.h"
#include "honours/honour_service.h"

namespace youhao::honours {

core::Result<std::string> CertificateSvg(const CertificateWords& words, const std::string& nominee_name,
                                         const std::string& serial, const std::string& verify_url) {
  return certificates::PageSvg({.heading = words.heading,
                                .name = nominee_name,
                                .line = words.awarded,
                                .title = words.honour,
                                .detail = "",
                                .issued_line = words.issued_line,
                                .serial_label = words.serial_label,
                                .serial = serial,
                                .verify_hint = words.verify_hint,
                                .qr_text = verify_url});
}

}  // namespace youhao::honours
