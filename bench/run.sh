#!/usr/bin/env bash
# make bench: micro benchmarks, city-scale generation, and HTTP load on the city-scale data set,
# each figure beside its peer from the same run, with peak RSS. Every load is bounded in time.
# Results: build/bench/results.md (copied into BENCHMARKS.md by hand after review).
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/bench
mkdir -p "$out"
duration=${BENCH_SECONDS:-10}

missing=()
for tool in wrk nginx /usr/bin/time; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if ((${#missing[@]} > 0)); then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk nginx time >/dev/null
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
peak_rss_mb() { awk '/VmHWM/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
# wrk_rps URL [HEADER]: requests/s and p99 latency from a bounded wrk run.
wrk_run() {
  local url=$1; shift
  wrk -t1 -c32 -d"${duration}s" --latency "$@" "$url" > "$out/wrk.txt"
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$out/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$out/wrk.txt")
  local non2xx
  non2xx=$(awk '/Non-2xx/ {print $5}' "$out/wrk.txt")
  echo "$rps|$p99|${non2xx:-0}"
}

results="$out/results.md"
{
  echo "# Benchmark results ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo worktree))"
  echo
} > "$results"

echo "== city-scale generation"
rm -f "$out"/city.db*
/usr/bin/time -f "%e %M" -o "$out/gen.time" build/youhao demo --scale city --db "sqlite:$out/city.db" > "$out/gen.log"
read -r gen_seconds gen_rss_kb < "$out/gen.time"
{
  echo "## City-scale data set (200,000 workers, 20,000 compounds, 25,000 places)"
  echo
  echo "| what | figure | goal | peak RSS |"
  echo "|---|---|---|---|"
  echo "| \`youhao demo --scale city\` into SQLite | ${gen_seconds} s | < 60 s | $((gen_rss_kb / 1024)) MB |"
  echo
} >> "$results"

echo "== micro benchmarks"
YOUHAO_BENCH_CITY_DB="$out/city.db" /usr/bin/time -f "%M" -o "$out/micro.time" \
  build/youhao_bench --benchmark_min_time=0.5 --benchmark_format=json --benchmark_out="$out/micro.json" > /dev/null
micro_rss_kb=$(cat "$out/micro.time")
{
  echo "## Micro benchmarks (\`build/youhao_bench\`, peak RSS $((micro_rss_kb / 1024)) MB)"
  echo
  echo "| benchmark | time per op (CPU) |"
  echo "|---|---|"
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const b of r.benchmarks) console.log(`| ${b.name} | ${b.cpu_time.toFixed(b.cpu_time < 10 ? 2 : 0)} ${b.time_unit} |`);
  ' "$out/micro.json"
  echo
} >> "$results"

echo "== HTTP load on the city-scale data set"
port=$(free_port)
build/youhao serve --db "sqlite:$out/city.db" --listen "127.0.0.1:$port" --web web/dist --threads 2 > "$out/serve.log" 2>&1 &
server=$!
nginx_dir=$(mktemp -d)
cleanup() { kill "$server" 2>/dev/null || true; [ -f "$nginx_dir/nginx.pid" ] && kill "$(cat "$nginx_dir/nginx.pid")" 2>/dev/null; rm -rf "$nginx_dir"; }
trap cleanup EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
idle_rss=$(awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$server/status")
token=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/session" -H 'content-type: application/json' \
  -d '{"login":"demo-district","password":"youhao-demo"}' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))')
street=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/session" -H 'content-type: application/json' \
  -d '{"login":"demo-street","password":"youhao-demo"}' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))')

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
  server { listen 127.0.0.1:$nginx_port; root $PWD/web/dist; gzip_static on; }
}
CONF
nginx -c "$nginx_dir/nginx.conf"
sleep 0.3

{
  echo "## HTTP on the city-scale data set (wrk -t1 -c32 -d${duration}s, server --threads 2, same 2-core machine)"
  echo
  echo "| request | youhao req/s | youhao p99 | non-2xx | peer | peer req/s | peer p99 |"
  echo "|---|---|---|---|---|---|---|"
} >> "$results"
IFS='|' read -r y_rps y_p99 y_bad <<< "$(wrk_run "http://127.0.0.1:$port/index.html" -H 'Accept-Encoding: gzip')"
IFS='|' read -r n_rps n_p99 _ <<< "$(wrk_run "http://127.0.0.1:$nginx_port/index.html" -H 'Accept-Encoding: gzip')"
echo "| GET /index.html (gzip) | $y_rps | $y_p99 | $y_bad | nginx 1.22 gzip_static, 1 worker | $n_rps | $n_p99 |" >> "$results"
IFS='|' read -r y_rps y_p99 y_bad <<< "$(wrk_run "http://127.0.0.1:$port/healthz")"
echo "| GET /healthz (one SELECT 1) | $y_rps | $y_p99 | $y_bad | | | |" >> "$results"
IFS='|' read -r y_rps y_p99 y_bad <<< "$(wrk_run "http://127.0.0.1:$port/api/v1/me" -H "Authorization: Bearer $token")"
echo "| GET /api/v1/me (session lookup) | $y_rps | $y_p99 | $y_bad | | | |" >> "$results"
IFS='|' read -r y_rps y_p99 y_bad <<< "$(wrk_run "http://127.0.0.1:$port/api/v1/workers?limit=20" -H "Authorization: Bearer $street")"
echo "| GET /api/v1/workers?limit=20 (street officer) | $y_rps | $y_p99 | $y_bad | | | |" >> "$results"
IFS='|' read -r y_rps y_p99 y_bad <<< "$(wrk_run "http://127.0.0.1:$port/api/v1/home" -H "Authorization: Bearer $street")"
echo "| GET /api/v1/home (street officer: 7 counts) | $y_rps | $y_p99 | $y_bad | | | |" >> "$results"
serve_peak=$(peak_rss_mb "$server")
{
  echo
  echo "\`youhao serve\` on the city-scale data set: ${idle_rss} MB resident at start, ${serve_peak} MB peak after all loads (limit 300 MB)."
} >> "$results"
kill -TERM "$server"
wait "$server" || true

echo "== entry passes (youhao bench passes)"
{
  echo
  echo "## Entry passes (\`youhao bench passes\`)"
  echo
  echo '```'
  build/youhao bench passes 2>&1
  echo '```'
} >> "$results"

echo "== compound maps (youhao bench maps)"
{
  echo
  build/youhao bench maps 2>&1 | sed 's/^## youhao bench maps/## Compound maps (`youhao bench maps`)/'
} >> "$results"

echo "== friendly places (bench/places.sh: youhao bench places beside PostGIS and pgRouting)"
{
  echo
  bench/places.sh 2>&1 | sed 's/^## youhao bench places/## Friendly places and road routing (`bench\/places.sh`)/'
} >> "$results"
echo "== worker reports (youhao bench reports)"
{
  echo
  echo '## Worker reports (`youhao bench reports`)'
  echo
  echo '```'
  build/youhao bench reports 2>&1
  echo '```'
} >> "$results"
cat "$results"
