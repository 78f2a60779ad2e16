#!/usr/bin/env bash
# Builds (when needed) and runs every libFuzzer target, one after the other, starting from the
# committed seeds in fuzz/corpus/<target>/. New inputs go to build/fuzz/corpus/<target>/, crash
# reproducers to build/fuzz/artifacts/<target>/. Exits non-zero when any target finds a crash,
# a leak, undefined behaviour or a timeout.
# Usage: fuzz/run.sh [SECONDS]   (default: 60 s for pass_decoder_fuzz, 30 s for opening_hours_fuzz and
# upload_fuzz, 20 s for osm_xml_fuzz, osm_pbf_fuzz, address_fuzz, geojson_fuzz and place_input_fuzz)
set -euo pipefail

declare -A default_seconds=([opening_hours_fuzz]=30 [pass_decoder_fuzz]=60 [osm_xml_fuzz]=20 [osm_pbf_fuzz]=20 [address_fuzz]=20 [geojson_fuzz]=20 [place_input_fuzz]=20 [upload_fuzz]=30)
targets=(opening_hours_fuzz pass_decoder_fuzz osm_xml_fuzz osm_pbf_fuzz address_fuzz geojson_fuzz place_input_fuzz upload_fuzz)

main() {
  cd "$(dirname "$0")/.."
  if [ $# -gt 1 ] || { [ $# -eq 1 ] && ! [[ $1 =~ ^[1-9][0-9]*$ ]]; }; then
    echo "usage: fuzz/run.sh [SECONDS]" >&2
    exit 2
  fi
  fuzz/build.sh "${targets[@]}"

  local failed=() target binary seconds corpus artifacts log dict options status runs
  for target in "${targets[@]}"; do
    binary=build/fuzz/$target
    if [ ! -x "$binary" ]; then
      echo "fuzz/run.sh: $target: SKIPPED (not built)"
      continue
    fi
    seconds=${1:-${default_seconds[$target]}}
    corpus=build/fuzz/corpus/$target
    artifacts=build/fuzz/artifacts/$target/
    log=build/fuzz/$target.log
    dict=fuzz/${target%_fuzz}.dict
    mkdir -p "$corpus" "$artifacts"
    options=(-max_len=1024 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -error_exitcode=77
             -timeout_exitcode=78 -artifact_prefix="$artifacts" -print_final_stats=1)
    [ -f "$dict" ] && options+=(-dict="$dict")
    status=0
    # The first directory collects new inputs; the committed seeds are only read.
    "$binary" "${options[@]}" "$corpus" "fuzz/corpus/$target" >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    if [ "$status" -eq 0 ]; then
      echo "fuzz/run.sh: $target: ok, ${runs:-?} runs in ${seconds} s"
    else
      echo "fuzz/run.sh: $target: FAILED (exit $status), log $log, reproducer in $artifacts"
      grep -E -A 30 'ERROR: |runtime error|invariant broken|DEADLYSIGNAL' "$log" | head -n 60 || tail -n 40 "$log"
      failed+=("$target")
    fi
  done
  if ((${#failed[@]} > 0)); then
    echo "fuzz/run.sh: failures in ${failed[*]}; reproduce with: build/fuzz/<target> <reproducer>" >&2
    exit 1
  fi
}

# Run from main so that editing this file while it runs cannot change what it does.
main "$@"
exit
