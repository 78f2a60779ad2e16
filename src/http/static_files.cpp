#include "http/static_files.h"

#include "core/compress.h"

#include <zlib.h>

#include <fmt/format.h>
#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace youhao::http {

namespace {

std::string ContentType(std::string_view path) {
  const auto dot = path.rfind('.');
  const std::string_view extension = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
  if (extension == "html") return "text/html; charset=utf-8";
  if (extension == "js" || extension == "mjs") return "text/javascript; charset=utf-8";
  if (extension == "css") return "text/css; charset=utf-8";
  if (extension == "json" || extension == "geojson") return "application/json";
  if (extension == "webmanifest") return "application/manifest+json";
  if (extension == "svg") return "image/svg+xml";
  if (extension == "png") return "image/png";
  if (extension == "jpg" || extension == "jpeg") return "image/jpeg";
  if (extension == "webp") return "image/webp";
  if (extension == "ico") return "image/x-icon";
  if (extension == "woff2") return "font/woff2";
  if (extension == "txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

bool Compressible(std::string_view content_type) {
  return content_type.starts_with("text/") || content_type.find("json") != std::string_view::npos ||
         content_type.find("svg") != std::string_view::npos;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string Etag(std::string_view content) {
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(content.data()), content.size(),
                     nullptr, 0);
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return fmt::format("\"{}\"", std::string_view(hex, 32));
}

bool AcceptsGzip(const Request& request) {
  auto accept = request.Header("accept-encoding");
  return accept && accept->find("gzip") != std::string_view::npos;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (root.empty() || !fs::is_directory(root, error)) return;
  for (const auto& entry : fs::recursive_directory_iterator(root, error)) {
    if (!entry.is_regular_file()) continue;
    const std::string relative = "/" + fs::relative(entry.path(), root).generic_string();
    if (relative.ends_with(".gz")) continue;
    File file;
    file.content = ReadFile(entry.path());
    file.content_type = ContentType(relative);
    file.etag = Etag(file.content);
    file.immutable = relative.starts_with("/assets/");
    const fs::path precompressed = entry.path().string() + ".gz";
    if (fs::exists(precompressed, error)) {
      file.gzip = ReadFile(precompressed);
    } else if (Compressible(file.content_type) && file.content.size() > 1024) {
      file.gzip = core::Gzip(file.content);
    }
    files_.emplace(relative, std::move(file));
  }
}

Response StaticFiles::Render(const File& file, const Request& request) const {
  Response response;
  response.content_type = file.content_type;
  response.SetHeader("ETag", file.etag);
  response.SetHeader("Cache-Control", file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (!file.gzip.empty()) response.SetHeader("Vary", "Accept-Encoding");
  if (auto match = request.Header("if-none-match"); match && *match == file.etag) {
    response.status = 304;
    response.content_type.clear();
    return response;
  }
  if (!file.gzip.empty() && AcceptsGzip(request)) {
    response.SetHeader("Content-Encoding", "gzip");
    response.body = file.gzip;
  } else {
    response.body = file.content;
  }
  return response;
}

std::optional<Response> StaticFiles::Serve(const Request& request) const {
  std::string path;
  for (const auto& segment : request.segments) path += "/" + segment;
  if (path.empty() || path == "/") path = "/index.html";
  if (auto found = files_.find(path); found != files_.end()) return Render(found->second, request);
  // Client-side routes have no file extension; files that are missing stay 404.
  const bool has_extension = !request.segments.empty() && request.segments.back().find('.') != std::string::npos;
  if (!has_extension) {
    if (auto index = files_.find("/index.html"); index != files_.end()) return Render(index->second, request);
  }
  return std::nullopt;
}

}  // namespace youhao::http
