#pragma once
/// Stored photos (of reports, places and maps) are addressed by an unguessable public id, never
/// by their row number: a URL cannot be guessed from another one, and walking numbers finds
/// nothing. Who may see a photo is decided by its owner's module; this header holds what the
/// three share.

#include <cstddef>
#include <string>
#include <string_view>

namespace youhao::media {

/// Random bytes in a public id: 128 bits.
inline constexpr std::size_t kPhotoIdBytes = 16;
/// Characters in a public id: the 16 bytes as unpadded base64url.
inline constexpr std::size_t kPhotoIdLength = 22;

/// A new public id from the OS CSPRNG: kPhotoIdLength characters of A-Z a-z 0-9 - _.
std::string NewPhotoId();
/// Whether `text` has the shape of a public id (a row number never has).
bool IsPhotoId(std::string_view text);

/// A photo just stored: its row (the handle its uploader attaches it by) and its public id (the
/// only one its URL carries).
struct StoredPhoto {
  long long id = 0;
  std::string public_id;
};

/// A photo to serve. `is_public`: anyone may see it, so any cache may keep it; otherwise it is
/// shown to this caller because of who they are, and nothing but this answer may hold it.
struct ServedPhoto {
  std::string content_type;
  std::string bytes;
  bool is_public = false;
};

}  // namespace youhao::media
