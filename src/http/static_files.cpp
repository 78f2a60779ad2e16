#include "http/static_files.h"

#include "core/base64.h"
#include "core/compress.h"

#include <zlib.h>

#include <fmt/format.h>
#include <sodium.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <span>
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

/// Whether Accept-Encoding names brotli ("br", not refused with q=0).
bool AcceptsBrotli(const Request& request) {
  auto accept = request.Header("accept-encoding");
  if (!accept) return false;
  std::string_view rest = *accept;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    const std::size_t semicolon = item.find(';');
    std::string_view token = item.substr(0, semicolon);
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
    if (token != "br") continue;
    const std::size_t q = semicolon == std::string_view::npos ? std::string_view::npos : item.find("q=", semicolon);
    return q == std::string_view::npos || std::strtod(std::string(item.substr(q + 2)).c_str(), nullptr) > 0;
  }
  return false;
}

}  // namespace

std::string PagePolicy(const std::vector<std::string>& script_hashes) {
  std::string scripts = "'self'";
  for (const auto& hash : script_hashes) scripts += " " + hash;
  return fmt::format(
      "default-src 'self'; script-src {}; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
      "connect-src 'self'; frame-ancestors 'none'",
      scripts);
}

std::vector<std::string> InlineScriptHashes(std::string_view html) {
  std::vector<std::string> hashes;
  std::size_t at = 0;
  while ((at = html.find("<script", at)) != std::string_view::npos) {
    const std::size_t open_end = html.find('>', at);
    if (open_end == std::string_view::npos) break;
    const std::string_view tag = html.substr(at, open_end - at);
    const std::size_t close = html.find("</script>", open_end);
    if (close == std::string_view::npos) break;
    if (tag.find(" src=") == std::string_view::npos) {
      // The hash is of the text between the tags, exactly as sent (CSP Level 2).
      const std::string_view body = html.substr(open_end + 1, close - open_end - 1);
      unsigned char digest[crypto_hash_sha256_BYTES];
      crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(body.data()), body.size());
      hashes.push_back(fmt::format(
          "'sha256-{}'", core::Base64Encode(std::span<const unsigned char>(digest), core::Base64Variant::kStandard)));
    }
    at = close + 9;
  }
  return hashes;
}

StaticFiles::StaticFiles(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (root.empty() || !fs::is_directory(root, error)) return;
  for (const auto& entry : fs::recursive_directory_iterator(root, error)) {
    if (!entry.is_regular_file()) continue;
    const std::string relative = "/" + fs::relative(entry.path(), root).generic_string();
    if (relative.ends_with(".gz") || relative.ends_with(".br")) continue;
    File file;
    file.content = ReadFile(entry.path());
    file.content_type = ContentType(relative);
    file.etag = Etag(file.content);
    if (file.content_type.starts_with("text/html")) {
      if (auto hashes = InlineScriptHashes(file.content); !hashes.empty()) file.policy = PagePolicy(hashes);
    }
    file.immutable = relative.starts_with("/assets/");
    const fs::path precompressed = entry.path().string() + ".gz";
    if (fs::exists(precompressed, error)) {
      file.gzip = ReadFile(precompressed);
    } else if (Compressible(file.content_type) && file.content.size() > 1024) {
      file.gzip = core::Gzip(file.content);
    }
    // Brotli only where the build wrote it beside the file (text about 15 % smaller than gzip).
    if (const fs::path brotli = entry.path().string() + ".br"; fs::exists(brotli, error))
      file.brotli = ReadFile(brotli);
    files_.emplace(relative, std::move(file));
  }
}

Response StaticFiles::Render(const File& file, const Request& request) const {
  Response response;
  response.content_type = file.content_type;
  response.SetHeader("ETag", file.etag);
  response.SetHeader("Cache-Control", file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (!file.policy.empty()) response.SetHeader("Content-Security-Policy", file.policy);
  if (!file.gzip.empty() || !file.brotli.empty()) response.SetHeader("Vary", "Accept-Encoding");
  if (auto match = request.Header("if-none-match"); match && *match == file.etag) {
    response.status = 304;
    response.content_type.clear();
    return response;
  }
  if (!file.brotli.empty() && AcceptsBrotli(request)) {
    response.SetHeader("Content-Encoding", "br");
    response.body = file.brotli;
  } else if (!file.gzip.empty() && AcceptsGzip(request)) {
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
    // A compound's poster page (/m, /m/CODE) is the light gate page when the build has one.
    if (!request.segments.empty() && request.segments.front() == "m") {
      if (auto gate = files_.find("/m.html"); gate != files_.end()) return Render(gate->second, request);
    }
    if (auto index = files_.find("/index.html"); index != files_.end()) return Render(index->second, request);
  }
  return std::nullopt;
}

}  // namespace youhao::http
