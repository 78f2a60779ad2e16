// A certificate drawn as an SVG page (A4 landscape, one user unit a millimetre), which
// poster::SvgToPdf turns into the PDF: the words, the name, the serial and the QR code. Used by
// honours (its QR opens the verify page) and by the signed certificates (its QR is the signed text).

#include "certificates/certificate_document.h"

#include <fmt/format.h>

#include "core/text.h"
#include "qr/qr_code.h"

namespace youhao::certificates {

namespace {

constexpr double kWidth = 297;
constexpr double kHeight = 210;
constexpr std::string_view kFontFamily = "'Noto Sans CJK SC','Noto Sans SC',sans-serif";
constexpr std::string_view kRed = "#b3261e";
constexpr std::string_view kGold = "#c8a24a";
constexpr std::string_view kInk = "#222";

std::string Text(double x, double y, double size, std::string_view fill, std::string_view text,
                 std::string_view anchor = "middle", std::string_view weight = "normal") {
  return fmt::format(
      R"svg(<text x="{:.1f}" y="{:.1f}" font-size="{:.1f}" fill="{}" text-anchor="{}" font-weight="{}">{}</text>)svg",
      x, y, size, fill, anchor, weight, core::EscapeXml(text));
}

}  // namespace

core::Result<std::string> PageSvg(const Page& page) {
  auto qr = qr::Render(page.qr_text, qr::ImageFormat::kSvg);
  if (!qr.ok()) return qr.error();
  // qr::Render's standalone SVG re-rooted as a nested viewport, so the modules stay vector paths.
  const std::string& code = *qr;
  const std::size_t view_box = code.find("viewBox=\"");
  const std::size_t body = code.find('>');
  const std::size_t end = code.rfind("</svg>");
  if (view_box == std::string::npos || body == std::string::npos || end == std::string::npos || body > end)
    return core::MakeError(core::ErrorCode::kInternal, "unexpected QR code SVG");
  const std::size_t view_box_end = code.find('"', view_box + 9);
  const std::string_view view_box_value = std::string_view(code).substr(view_box + 9, view_box_end - view_box - 9);
  const std::string_view modules = std::string_view(code).substr(body + 1, end - body - 1);

  std::string out = fmt::format(
      R"svg(<?xml version="1.0" encoding="UTF-8"?>)svg"
      R"svg(<svg xmlns="http://www.w3.org/2000/svg" width="{0}mm" height="{1}mm" viewBox="0 0 {0} {1}" font-family="{2}">)svg",
      kWidth, kHeight, kFontFamily);
  out += fmt::format(R"svg(<rect width="{}" height="{}" fill="#fffdf6"/>)svg", kWidth, kHeight);
  out += fmt::format(R"svg(<rect x="8" y="8" width="{}" height="{}" fill="none" stroke="{}" stroke-width="2.5"/>)svg",
                     kWidth - 16, kHeight - 16, kRed);
  out += fmt::format(R"svg(<rect x="13" y="13" width="{}" height="{}" fill="none" stroke="{}" stroke-width="0.8"/>)svg",
                     kWidth - 26, kHeight - 26, kGold);
  const double middle = kWidth / 2;
  out += Text(middle, 46, 16, kRed, page.heading, "middle", "bold");
  out += Text(middle, 84, 14, kInk, page.name, "middle", "bold");
  out += fmt::format(R"svg(<line x1="{:.1f}" y1="89" x2="{:.1f}" y2="89" stroke="{}" stroke-width="0.5"/>)svg",
                     middle - 45, middle + 45, kGold);
  out += Text(middle, 106, 7, kInk, page.line);
  out += Text(middle, 126, 11, kRed, page.title, "middle", "bold");
  if (!page.detail.empty()) out += Text(middle, 138, 5.5, kInk, page.detail);
  out += Text(middle, 150, 5.5, kInk, page.issued_line);
  out += Text(24, 190, 4.2, kInk, page.serial_label + " " + page.serial, "start");
  const double side = 36;
  const double qr_x = kWidth - 24 - side;
  const double qr_y = kHeight - 24 - side - 6;
  out += fmt::format(R"svg(<svg x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" viewBox="{}">{}</svg>)svg", qr_x,
                     qr_y, side, side, view_box_value, modules);
  out += Text(qr_x + side / 2, qr_y + side + 5, 3.5, kInk, page.verify_hint);
  out += "</svg>";
  return out;
}

}  // namespace youhao::certificates
