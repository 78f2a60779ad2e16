#pragma once
/// The built front end, loaded into memory at start: cache headers, ETags, gzip variants
/// (taken from `X.gz` beside a file, or compressed at load), and the SPA fallback.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"

namespace youhao::http {

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
    std::string content_type;
    std::string etag;
    bool immutable = false;
  };

  Response Render(const File& file, const Request& request) const;

  std::map<std::string, File, std::less<>> files_;
};

}  // namespace youhao::http
