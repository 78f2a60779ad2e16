#pragma once
/// The built front end, loaded into memory at start: cache headers, ETags, gzip variants
/// (taken from `X.gz` beside a file, or compressed at load), brotli variants (`X.br` beside a
/// file, sent to clients that accept br), and the SPA fallback: index.html for
/// a client-side route, m.html (the light gate page) for /m and /m/CODE when the build has it.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace youhao::http {

/// The Content-Security-Policy of every HTML page: scripts, styles, images and calls from this
/// server only (inline styles allowed); `script_hashes` ("'sha256-…'" sources) allow a page's own
/// inline scripts, and nothing else inline.
std::string PagePolicy(const std::vector<std::string>& script_hashes = {});

/// The "'sha256-…'" source of each inline <script> (one without src) of `html`, in order.
std::vector<std::string> InlineScriptHashes(std::string_view html);

class StaticFiles {
 public:
  /// Loads every regular file under `root`; an empty or missing root serves nothing.
  explicit StaticFiles(const std::string& root);

  /// The response for a GET of `segments` (decoded, already free of `..`), or nullopt when the
  /// path names no file and is not a client-side route.
  std::optional<Response> Serve(const Request& request) const;
  std::size_t file_count() const { return files_.size(); }

 private:
  struct File {
    std::string content;
    std::string gzip;
    std::string brotli;
    std::string content_type;
    std::string etag;
    /// A page with inline scripts carries a policy that allows exactly those.
    std::string policy;
    bool immutable = false;
  };

  Response Render(const File& file, const Request& request) const;

  std::map<std::string, File, std::less<>> files_;
};

}  // namespace youhao::http
