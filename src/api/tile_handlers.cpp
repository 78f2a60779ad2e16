// The base map's tiles: GET /tiles/{z}/{x}/{y}.svg, SVG drawn from OpenStreetMap at import
// (basemap::TileStore). Public and long-cached: a tile changes only when the tiles are rebuilt,
// and then its ETag changes.

#include <charconv>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "api/api_internal.h"
#include "api/endpoint.h"
#include "basemap/tile_store.h"
#include "core/compress.h"

namespace youhao::api {

namespace {

using core::ErrorCode;

std::optional<int> Number(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

core::Error NoSuchTile(std::string_view z, std::string_view x, std::string_view y) {
  return core::MakeProblem(ErrorCode::kValidationFailed, "bad_tile", "tiles.bad_tile",
                           "a tile is /tiles/Z/X/Y.svg with Z from 0 to 18 and X, Y from 0 to 2^Z - 1",
                           boost::json::object{{"z", std::string(z)}, {"x", std::string(x)}, {"y", std::string(y)}});
}

}  // namespace

void RegisterTileRoutes(http::Router& router, Services& services) {
  namespace audience = accounts::audience;
  Declare(router, services, {http::Method::kGet, "/tiles/{z}/{x}/{y}", audience::kAnyone}, [&services](Call& call) {
    const http::Request& request = call.request;
    if (services.tiles == nullptr)
      return http::Problem(core::MakeProblem(ErrorCode::kNotFound, "no_base_map", "tiles.no_base_map",
                                             "this server has no base map (youhao import-tiles, serve --tiles)"));
    const std::string_view z_text = request.PathParam("z");
    const std::string_view x_text = request.PathParam("x");
    std::string_view y_text = request.PathParam("y");
    const std::string_view original_y = y_text;
    if (!y_text.ends_with(".svg")) return http::Problem(NoSuchTile(z_text, x_text, original_y));
    y_text.remove_suffix(4);
    const auto z = Number(z_text), x = Number(x_text), y = Number(y_text);
    const basemap::TileId tile{z.value_or(-1), x.value_or(-1), y.value_or(-1)};
    if (!z || !x || !y || !basemap::ValidTile(tile, basemap::kMaxTileZoom))
      return http::Problem(NoSuchTile(z_text, x_text, original_y));
    const std::string gzip = services.tiles->Gzip(tile);
    const std::string etag = basemap::TileStore::Tag(gzip);
    http::Response response;
    response.SetHeader("ETag", etag);
    response.SetHeader("Cache-Control", "public, max-age=86400");
    response.SetHeader("Vary", "Accept-Encoding");
    if (EtagMatches(request.Header("if-none-match"), etag)) {
      response.status = 304;
      return response;
    }
    response.content_type = "image/svg+xml";
    const auto accept = request.Header("accept-encoding");
    if (accept && accept->find("gzip") != std::string_view::npos) {
      response.SetHeader("Content-Encoding", "gzip");
      response.body = gzip;
    } else {
      response.body = core::Gunzip(gzip);
    }
    return response;
  });
}

}  // namespace youhao::api
