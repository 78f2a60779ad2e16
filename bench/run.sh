#!/usr/bin/env bash
# make bench: writes BENCHMARKS.md. Every figure is measured by this script in one run, beside its
# peer from the same run, with peak RSS; every load is bounded in time and stays on loopback.
#
#   bench/run.sh           the full run; writes BENCHMARKS.md at the top of the tree
#   bench/run.sh --quick   a short run that proves every bench still works (ctest bench_quick);
#                          writes build/bench/BENCHMARKS.quick.md and leaves BENCHMARKS.md alone
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
[ "${1:-}" = "--quick" ] && quick=1
out=build/bench
mkdir -p "$out"
duration=${BENCH_SECONDS:-10}
((quick)) && duration=2
quick_flag=()
((quick)) && quick_flag=(--quick)
target=BENCHMARKS.md
((quick)) && target=$out/BENCHMARKS.quick.md

missing=()
for tool in wrk nginx /usr/bin/time; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if ((${#missing[@]} > 0)); then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk nginx time >/dev/null
fi
for binary in build/youhao build/youhao-bench; do
  [ -x "$binary" ] || { echo "bench: $binary is missing (make build)" >&2; exit 1; }
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
peak_rss_mb() { awk '/VmHWM/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
# wrk_run URL [ARGS]: requests/s, p99 and non-2xx from a bounded closed-loop wrk run.
wrk_run() {
  local url=$1; shift
  wrk -t1 -c32 -d"${duration}s" --latency "$@" "$url" > "$out/wrk.txt"
  local rps p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$out/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$out/wrk.txt")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$out/wrk.txt")
  echo "$rps|$p99|${non2xx:-0}"
}

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=""
[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] && dirty=" (with uncommitted changes)"
results="$out/results.md"
{
  echo "# Benchmarks"
  echo
  echo "Written by \`make bench\` (\`bench/run.sh$( ((quick)) && echo " --quick")\`): do not edit by hand."
  echo "Commit \`${commit}\`${dirty}, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)),"
  echo "$(free -g | awk '/Mem:/ {print $2}') GB. The load generators share the two cores with the servers they measure, so"
  echo "every HTTP figure is a lower bound. Figures of earlier sessions, with their reasoning, are in"
  echo "[docs/benchmark-history.md](docs/benchmark-history.md)."
  echo
} > "$results"

echo "== gate scans over HTTP (youhao-bench gate)"
build/youhao-bench gate --seconds "$duration" > "$out/gate.md" 2>&1 || { cat "$out/gate.md"; exit 1; }
echo "== nearby places over HTTP (youhao-bench nearby)"
build/youhao-bench nearby --seconds "$duration" > "$out/nearby.md" 2>&1 || { cat "$out/nearby.md"; exit 1; }
echo "== worker reports (youhao-bench reports)"
build/youhao-bench reports "${quick_flag[@]}" > "$out/reports.txt" 2>&1 || { cat "$out/reports.txt"; exit 1; }

{
  echo "## Headlines"
  echo
  echo "Each names the path it times and its peer in the same run."
  echo
  echo "### Gate scans: \`POST /api/v1/gate/verify\` over loopback beside \`GET /healthz\` on the same server"
  echo
  echo "The endpoint a guard's scanner calls: authentication, the pass's two Ed25519 signatures (the issuer's cached"
  echo "by credential digest), the live pass and worker, the compound's plan, the travel check, and the gate"
  echo "event's durable insert (group commit). The load is open-loop at a constant rate (latency counted from when"
  echo "each request was due) and then closed-loop at 64 connections; \`youhao-bench gate\` is the load generator."
  echo "Goals (issue 13): at 2,000 scans/s p99 ≤ 5 ms; at saturation p99 ≤ 10 ms and ≥ 0.2× /healthz."
  echo
  cat "$out/gate.md"
  echo
  echo "### Nearby places: \`GET /api/v1/places/nearby\` over loopback, and the server's CPU per request beside the engine"
  echo
  echo "The endpoint answers by riding time whenever a road network is loaded (snap, then the nearest places by road,"
  echo "then the places' cards from the in-memory snapshot and check-in counts at most 10 s old, then JSON). Its fair peer is the in-process"
  echo "engine query it runs, on the same data and points; the straight-line nearest search in the places section"
  echo "below is not this path; the same riding-time question answered by PostGIS + pgRouting (pgr_dijkstraCost one"
  echo "to many) is the \"10 nearest stations with a microwave by riding time\" row there, beside our engine."
  echo "Goals (issue 13): at 64 connections p99 ≤ 20 ms, and each request costing at most twice its engine query."
  echo
  cat "$out/nearby.md"
  echo
  echo "### Report intake: group commit beside a raw writer with the same rows per transaction"
  echo
  echo "\`ReportService::Submit\` (the code path of \`POST /api/v1/reports\`: checks, duplicate search, placement,"
  echo "routing, the report, its first step and its audit) from 64 threads on SQLite with synchronous=FULL,"
  echo "beside the raw insert of a same-sized row through one connection, one row per transaction and then as many"
  echo "rows per transaction as group commit's mean batch (the fair peer: the same fsyncs per row)."
  echo
  echo '```'
  cat "$out/reports.txt"
  echo '```'
  echo
} >> "$results"

echo "== points ledger (youhao-bench points, on SQLite and, when it is installed, PostgreSQL)"
if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  # shellcheck disable=SC2016  # $YOUHAO_TEST_PG_URL and $@ expand in the inner shell
  scripts/with-postgres.sh sh -c 'build/youhao-bench points --pg "$YOUHAO_TEST_PG_URL" "$@"' sh "${quick_flag[@]}" \
    > "$out/points.md" 2>&1 || { cat "$out/points.md"; exit 1; }
else
  build/youhao-bench points "${quick_flag[@]}" > "$out/points.md" 2>&1 || { cat "$out/points.md"; exit 1; }
fi
cat "$out/points.md" >> "$results"
echo >> "$results"

echo "== calendar feeds (youhao-bench calendar)"
build/youhao-bench calendar "${quick_flag[@]}" > "$out/calendar.md" 2>&1 || { cat "$out/calendar.md"; exit 1; }
cat "$out/calendar.md" >> "$results"

echo "== door check-in (youhao-bench attendance)"
build/youhao-bench attendance "${quick_flag[@]}" > "$out/attendance.md" 2>&1 || { cat "$out/attendance.md"; exit 1; }
cat "$out/attendance.md" >> "$results"

echo "== city-scale generation"
rm -f "$out"/city.db*
if ((quick)); then
  scale=demo
else
  scale=city
fi
/usr/bin/time -f "%e %M" -o "$out/gen.time" build/youhao demo --scale "$scale" --db "sqlite:$out/city.db" > "$out/gen.log"
read -r gen_seconds gen_rss_kb < "$out/gen.time"
{
  echo "## Data set: \`youhao demo --scale $scale\`"
  echo
  echo "| what | figure | goal | peak RSS |"
  echo "|---|---|---|---|"
  echo "| \`youhao demo --scale $scale\` into SQLite | ${gen_seconds} s | < 60 s (city) | $((gen_rss_kb / 1024)) MB |"
  echo
} >> "$results"

echo "== micro benchmarks"
min_time=0.5
((quick)) && min_time=0.01
YOUHAO_BENCH_CITY_DB="$out/city.db" /usr/bin/time -f "%M" -o "$out/micro.time" \
  build/youhao-bench micro --benchmark_min_time="$min_time" --benchmark_format=json --benchmark_out="$out/micro.json" > /dev/null
micro_rss_kb=$(cat "$out/micro.time")
{
  echo "## Micro benchmarks (\`youhao-bench micro\`, Google Benchmark, peak RSS $((micro_rss_kb / 1024)) MB)"
  echo
  echo "| benchmark | time per op (CPU) |"
  echo "|---|---|"
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const b of r.benchmarks) console.log(`| ${b.name} | ${b.cpu_time.toFixed(b.cpu_time < 10 ? 2 : 0)} ${b.time_unit} |`);
  ' "$out/micro.json"
  echo
} >> "$results"

echo "== base map tiles (youhao import-tiles on the Beijing extracts)"
osm_dir=${YOUHAO_OSM_DIR:-../shared/data/osm}
tiles_line=""
tiles_flag=()
if compgen -G "$osm_dir/beijing-*.osm" >/dev/null; then
  rm -f "$out/tiles.mbtiles"
  /usr/bin/time -f '%e %M' -o "$out/tiles.time" build/youhao import-tiles "$osm_dir"/beijing-*.osm --out "$out/tiles.mbtiles" > "$out/tiles.log"
  read -r tiles_seconds tiles_kb < "$out/tiles.time"
  tiles_count=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM tiles").fetchone()[0])' "$out/tiles.mbtiles")
  tiles_line="Base map: \`youhao import-tiles\` drew $tiles_count SVG tiles (zoom 12-18) from the three Beijing extracts in ${tiles_seconds} s, peak RSS $(awk -v k="$tiles_kb" 'BEGIN {printf "%.1f", k/1024}') MB, into a $(du -k "$out/tiles.mbtiles" | awk '{printf "%.1f", $1/1024}') MB MBTiles file. No peer draws SVG tiles; the tile server is timed beside nginx in the table above."
  tiles_flag=(--tiles "$out/tiles.mbtiles")
  # The same tiles as files for nginx (gzip_static), and the list of zoom 16-18 paths wrk cycles through.
  python3 - "$out/tiles.mbtiles" "$out/tiles" "$out/tiles.paths" <<'PY'
import gzip, os, sqlite3, sys
db, root, listing = sys.argv[1], sys.argv[2], sys.argv[3]
paths = []
for z, x, row, data in sqlite3.connect(db).execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles"):
    y = (1 << z) - 1 - row
    d = os.path.join(root, str(z), str(x))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"{y}.svg.gz"), "wb") as f: f.write(data)
    with open(os.path.join(d, f"{y}.svg"), "wb") as f: f.write(gzip.decompress(data))
    if z >= 16: paths.append(f"/tiles/{z}/{x}/{y}.svg")
with open(listing, "w") as f: f.write("\n".join(sorted(paths)) + "\n")
PY
  cat > "$out/tiles.lua" <<LUA
local paths = {}
for line in io.lines("$out/tiles.paths") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA
fi

echo "== HTTP load on the $scale-scale data set"
port=$(free_port)
build/youhao serve --db "sqlite:$out/city.db" --listen "127.0.0.1:$port" --web web/dist --threads 2 "${tiles_flag[@]}" > "$out/serve.log" 2>&1 &
server=$!
nginx_dir=$(mktemp -d)
cleanup() { kill "$server" 2>/dev/null || true; [ -f "$nginx_dir/nginx.pid" ] && kill "$(cat "$nginx_dir/nginx.pid")" 2>/dev/null; rm -rf "$nginx_dir"; }
trap cleanup EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
idle_rss=$(awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$server/status")
session() {
  curl -sf -X POST "http://127.0.0.1:$port/api/v1/session" -H 'content-type: application/json' \
    -d "{\"login\":\"$1\",\"password\":\"youhao-demo\"}" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))'
}
token=$(session demo-district)
street=$(session demo-street)

nginx_port=$(free_port)
cat > "$nginx_dir/nginx.conf" <<CONF
worker_processes 1;
pid $nginx_dir/nginx.pid;
error_log $nginx_dir/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $nginx_dir; proxy_temp_path $nginx_dir; fastcgi_temp_path $nginx_dir;
  uwsgi_temp_path $nginx_dir; scgi_temp_path $nginx_dir;
  include /etc/nginx/mime.types;
  server {
    listen 127.0.0.1:$nginx_port; root $PWD/web/dist; gzip_static on;
    location /tiles/ { root $PWD/$out; gzip_static on; }
  }
}
CONF
nginx -c "$nginx_dir/nginx.conf"
sleep 0.3

{
  echo "## HTTP on the $scale-scale data set (wrk -t1 -c32 -d${duration}s, closed loop, server --threads 2)"
  echo
  echo "| request | youhao req/s | youhao p99 | non-2xx | peer | peer req/s | peer p99 |"
  echo "|---|---|---|---|---|---|---|"
} >> "$results"
IFS='|' read -r y_rps y_p99 y_bad <<< "$(wrk_run "http://127.0.0.1:$port/index.html" -H 'Accept-Encoding: gzip')"
IFS='|' read -r n_rps n_p99 _ <<< "$(wrk_run "http://127.0.0.1:$nginx_port/index.html" -H 'Accept-Encoding: gzip')"
echo "| GET /index.html (gzip, from memory on the io thread) | $y_rps | $y_p99 | $y_bad | nginx gzip_static, 1 worker | $n_rps | $n_p99 |" >> "$results"
IFS='|' read -r y_rps y_p99 y_bad <<< "$(wrk_run "http://127.0.0.1:$port/healthz")"
echo "| GET /healthz (one SELECT 1 on a worker) | $y_rps | $y_p99 | $y_bad | | | |" >> "$results"
IFS='|' read -r y_rps y_p99 y_bad <<< "$(wrk_run "http://127.0.0.1:$port/api/v1/me" -H "Authorization: Bearer $token")"
echo "| GET /api/v1/me (session lookup) | $y_rps | $y_p99 | $y_bad | | | |" >> "$results"
IFS='|' read -r y_rps y_p99 y_bad <<< "$(wrk_run "http://127.0.0.1:$port/api/v1/workers?limit=20" -H "Authorization: Bearer $street")"
echo "| GET /api/v1/workers?limit=20 (street officer) | $y_rps | $y_p99 | $y_bad | | | |" >> "$results"
IFS='|' read -r y_rps y_p99 y_bad <<< "$(wrk_run "http://127.0.0.1:$port/api/v1/home" -H "Authorization: Bearer $street")"
echo "| GET /api/v1/home (street officer: 7 counts) | $y_rps | $y_p99 | $y_bad | | | |" >> "$results"
if [ -n "$tiles_line" ]; then
  IFS='|' read -r y_rps y_p99 y_bad <<< "$(wrk_run "http://127.0.0.1:$port/" -s "$out/tiles.lua" -H 'Accept-Encoding: gzip')"
  IFS='|' read -r n_rps n_p99 _ <<< "$(wrk_run "http://127.0.0.1:$nginx_port/" -s "$out/tiles.lua" -H 'Accept-Encoding: gzip')"
  echo "| GET /tiles/{z}/{x}/{y}.svg, $(wc -l < "$out/tiles.paths") tiles of zoom 16-18 in turn (gzip, one MBTiles row read on a worker) | $y_rps | $y_p99 | $y_bad | nginx gzip_static, the same tiles as files, 1 worker | $n_rps | $n_p99 |" >> "$results"
fi
serve_peak=$(peak_rss_mb "$server")
{
  echo
  echo "\`youhao serve\` on the $scale-scale data set: ${idle_rss} MB resident at start, ${serve_peak} MB peak after all loads (limit 300 MB)."
  echo
  if [ -n "$tiles_line" ]; then echo "$tiles_line"; echo; fi
} >> "$results"
kill -TERM "$server"
wait "$server" || true

echo "== entry passes in-process (youhao-bench passes)"
{
  echo "## Pass checks in-process (\`youhao-bench passes\`)"
  echo
  echo "The decode and the two Ed25519 checks alone, beside raw libsodium doing the same two checks. Not a headline:"
  echo "the endpoint (above) also reads the pass and writes the event."
  echo
  echo '```'
  build/youhao-bench passes "${quick_flag[@]}" 2>&1
  echo '```'
  echo
} >> "$results"

echo "== compound maps (youhao-bench maps)"
build/youhao-bench maps "${quick_flag[@]}" 2>&1 | sed 's/^## youhao-bench maps/## Compound maps (`youhao-bench maps`)/' >> "$results"

echo "== friendly places (bench/places.sh: youhao-bench places beside PostGIS and pgRouting)"
{
  echo
  bench/places.sh "${quick_flag[@]}" 2>&1 | sed 's/^## youhao-bench places/## Friendly places and road routing (`bench\/places.sh`)/'
} >> "$results"

cp "$results" "$target"
echo "bench: wrote $target"
