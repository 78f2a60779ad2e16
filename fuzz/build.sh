#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (libFuzzer + AddressSanitizer + UBSan) straight from
# their sources into build/fuzz/. Installs clang and its runtime libraries when they are missing.
# Usage: fuzz/build.sh [TARGET...]   (default: every target; a target whose header does not exist
# yet is skipped with a notice). Rebuilds a target only when one of its inputs changed.
set -euo pipefail

out_dir=build/fuzz
all_targets=(opening_hours_fuzz pass_decoder_fuzz osm_xml_fuzz osm_pbf_fuzz address_fuzz geojson_fuzz place_input_fuzz
             upload_fuzz)

# Sources, libraries and the header whose absence means "not written yet", per target.
declare -A sources=(
  [opening_hours_fuzz]="fuzz/opening_hours_fuzz.cpp src/schedule/opening_hours.cpp src/schedule/holiday_calendar.cpp src/schedule/clock.cpp src/core/text.cpp src/core/error.cpp"
  [pass_decoder_fuzz]="fuzz/pass_decoder_fuzz.cpp src/passes/pass_codec.cpp src/passes/base45.cpp src/core/text.cpp"
  [osm_xml_fuzz]="fuzz/osm_xml_fuzz.cpp src/osm/osm_data.cpp src/osm/osm_xml.cpp src/osm/osm_pbf.cpp src/core/text.cpp"
  [osm_pbf_fuzz]="fuzz/osm_pbf_fuzz.cpp src/osm/osm_data.cpp src/osm/osm_xml.cpp src/osm/osm_pbf.cpp src/core/text.cpp"
  [address_fuzz]="fuzz/address_fuzz.cpp src/address/address_text.cpp src/address/address_parser.cpp src/address/compound_matcher.cpp src/core/text.cpp"
  [geojson_fuzz]="fuzz/geojson_fuzz.cpp src/maps/compound_map.cpp src/maps/geometry.cpp src/geo/geo.cpp src/schedule/opening_hours.cpp src/schedule/holiday_calendar.cpp src/schedule/clock.cpp src/address/address_text.cpp src/address/address_parser.cpp src/core/text.cpp src/core/error.cpp src/core/json_output.cpp"
  [place_input_fuzz]="fuzz/place_input_fuzz.cpp src/places/place_model.cpp src/schedule/opening_hours.cpp src/schedule/holiday_calendar.cpp src/schedule/clock.cpp src/core/text.cpp src/core/error.cpp src/core/json_input.cpp"
  [upload_fuzz]="fuzz/upload_fuzz.cpp src/media/image_sanitizer.cpp src/media/thumbnail.cpp src/media/vips_support.cpp src/core/error.cpp"
)
# core::Error carries structured fields (a Boost.JSON object), so every target that sees
# core/error.h links Boost.JSON.
declare -A libraries=(
  [opening_hours_fuzz]="-lboost_json -lfmt"
  [pass_decoder_fuzz]="-lboost_json"
  # ReadOsmFile (in osm_data.cpp) dispatches to both parsers, so both targets link both libraries.
  [osm_xml_fuzz]="-lexpat -lz -lboost_json"
  [osm_pbf_fuzz]="-lz -lexpat -lboost_json"
  [address_fuzz]="-lboost_json"
  [geojson_fuzz]="-lboost_json -lfmt"
  [place_input_fuzz]="-lboost_json -lfmt"
  [upload_fuzz]="-lboost_json"
)
# pkg-config packages whose compile and link flags a target needs (libvips for the upload path).
declare -A pkg_config_packages=(
  [upload_fuzz]="vips"
)
declare -A requires=(
  [opening_hours_fuzz]="src/schedule/opening_hours.h"
  [pass_decoder_fuzz]="src/passes/pass_codec.h"
  [osm_xml_fuzz]="src/osm/osm_data.h"
  [osm_pbf_fuzz]="src/osm/osm_data.h"
  [address_fuzz]="src/address/address_parser.h"
  [geojson_fuzz]="src/maps/compound_map.h"
  [place_input_fuzz]="src/places/place_model.h"
  [upload_fuzz]="src/media/image_sanitizer.h"
)

ensure_clang() {
  local packages=(clang libclang-rt-14-dev) missing=() package
  for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
  ((${#missing[@]} == 0)) && return 0
  echo "fuzz/build.sh: installing ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "fuzz/build.sh: need root (or sudo) to install ${missing[*]}" >&2
      exit 1
    fi
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

needs_build() {  # binary, inputs...
  local binary=$1 input
  shift
  [ -x "$binary" ] || return 0
  for input in "$@" fuzz/build.sh; do
    [ "$input" -nt "$binary" ] && return 0
  done
  # Any header may be included; a newer one anywhere in src/ or fuzz/ means rebuild.
  [ -n "$(find src fuzz -name '*.h' -newer "$binary" -print -quit)" ] && return 0
  return 1
}

main() {
  cd "$(dirname "$0")/.."
  ensure_clang
  local cxx=${FUZZ_CXX:-$(command -v clang++-14 || command -v clang++)}
  # shellcheck disable=SC2054  # the commas belong to -fsanitize
  local flags=(-std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
               -fno-omit-frame-pointer -Wall -Wextra -I src)
  local targets=("$@") target binary target_sources target_libraries target_packages
  ((${#targets[@]} > 0)) || targets=("${all_targets[@]}")
  mkdir -p "$out_dir"
  for target in "${targets[@]}"; do
    if [ -z "${sources[$target]+set}" ]; then
      echo "fuzz/build.sh: unknown target $target (known: ${all_targets[*]})" >&2
      exit 2
    fi
    if [ ! -f "${requires[$target]}" ]; then
      echo "fuzz/build.sh: skipping $target: ${requires[$target]} does not exist yet"
      continue
    fi
    read -r -a target_sources <<<"${sources[$target]}"
    read -r -a target_libraries <<<"${libraries[$target]}"
    target_packages=()
    if [ -n "${pkg_config_packages[$target]:-}" ]; then
      read -r -a target_packages <<<"$(pkg-config --cflags --libs "${pkg_config_packages[$target]}")"
    fi
    binary="$out_dir/$target"
    if needs_build "$binary" "${target_sources[@]}"; then
      echo "fuzz/build.sh: building $binary"
      "$cxx" "${flags[@]}" "${target_sources[@]}" "${target_libraries[@]}" "${target_packages[@]}" -o "$binary.tmp"
      mv "$binary.tmp" "$binary"
    fi
  done
}

# Everything runs from main so that bash has read the whole file before any of it runs: editing
# the script while a build is under way cannot make it execute a half-old, half-new line.
main "$@"
exit
