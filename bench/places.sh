#!/usr/bin/env bash
# `youhao-bench places` beside its PostGIS + pgRouting peer on a throw-away PostgreSQL server.
#
#   bench/places.sh [ARGS...]   (ARGS go to `youhao-bench places` after --pg URL)
#
# Installs Debian's PostGIS 3.3 and pgRouting 3.4 for PostgreSQL 15 when they are missing (needs
# root and apt), then runs build/youhao-bench against the server that scripts/with-postgres.sh starts.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(postgresql-15-postgis-3 postgresql-15-pgrouting)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f '${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} > 0)); then
  echo "== installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x build/youhao-bench ]; then
  echo "places.sh: build/youhao-bench is missing (make build first)" >&2
  exit 1
fi

# shellcheck disable=SC2016  # $YOUHAO_TEST_PG_URL and $@ expand in the inner shell
scripts/with-postgres.sh sh -c 'build/youhao-bench places --pg "$YOUHAO_TEST_PG_URL" "$@"' sh "$@"
