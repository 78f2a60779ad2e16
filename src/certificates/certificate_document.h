#pragma once
/// A certificate drawn as an A4 landscape SVG page (one user unit a millimetre), which
/// poster::SvgToPdf turns into the PDF: the heading, the holder's name, a line of words, the title,
/// an optional detail line, the issuing line, the serial and a QR code. Honours' certificates and
/// the signed certificates of this module are both drawn by it.

#include <string>

#include "core/error.h"

namespace youhao::certificates {

struct Page {
  std::string heading;      ///< e.g. 荣誉证书 / 培训合格证书
  std::string name;         ///< the holder's full name
  std::string line;         ///< the words above the title
  std::string title;        ///< the honour's or the certificate's title
  std::string detail;       ///< optional line under the title ("" draws nothing)
  std::string issued_line;  ///< the area and date
  std::string serial_label;
  std::string serial;
  std::string verify_hint;  ///< under the QR code
  std::string qr_text;      ///< what the QR code carries
};

/// Errors: validation_failed when the QR code cannot hold qr_text.
core::Result<std::string> PageSvg(const Page& page);

}  // namespace youhao::certificates
