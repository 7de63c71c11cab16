#!/usr/bin/env bash
# Benchmark: every page people read, for the public and for a signed-in member (whose pages never
# come from the public cache), against the trivial route /healthz of the same server in the same
# run, on SQLite and (when SERVICEPLAN_TEST_POSTGRES_URL names a server) PostgreSQL, with the
# synthetic 700,000-value national dataset stored (bench/make-national-csv.py 350 200 10).
# For each engine: a fresh database with the Halton plan and its example quarters (`serve`'s
# first start), the national import, a member and an API token; then the first render of every
# page after a restart (curl, public then signed in), then wrk on loopback for each page and
# audience (2 threads, 20 connections, a 2 s warm-up then BENCH_SECONDS, default 8).
# With NATIONAL_DB=1 the database also holds bench/make-national-db's synthetic population (350
# councils x 15 plans x 20 indicators x 12 quarters, 1.26 million return lines) and the pages of
# one of its councils are measured too.
# Usage: bench/pages.sh [sqlite|postgresql|both]   SERVICEPLAN_BIN=path skips the build.
# Prints one table per engine; copy it into bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ENGINES=${1:-both}
SECONDS_EACH=${BENCH_SECONDS:-8}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
if [ -n "${SERVICEPLAN_BIN:-}" ]; then BIN=$SERVICEPLAN_BIN; else
    swift build -c release --product serviceplan >/dev/null
    BIN="$(swift build -c release --show-bin-path)/serviceplan"
fi
PATH="$PATH:$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
DIR=$(mktemp -d) PID="" PGDB=""
cleanup() {
    [ -z "$PID" ] || { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; }
    [ -z "$PGDB" ] || psql "$SERVICEPLAN_TEST_POSTGRES_URL" -XAtqc "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap cleanup EXIT
python3 bench/make-national-csv.py 350 200 10 "$DIR/national.csv"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
BASE="http://127.0.0.1:$PORT"
PAGES=(/ /plans/ULS /plans/ULS/reports/2010-11-Q2 /data-quality /benchmarks/NI80 /plans/ULS/returns/2010-11-Q2
       /councils/HALTON /plans/ULS/indicators/NI80 /api/v1/plans/ULS /open-data /open-data/ULS/figures.csv /admin/security-log)
[ "${NATIONAL_DB:-0}" != 1 ] || PAGES+=(/councils/SYN123 /plans/SYN123-P07 /plans/SYN123-P07/reports/2010-11-Q2)

start() {   # DB-OPTIONS...: serve in the background until it answers
    "$BIN" serve "$@" --port "$PORT" >>"$DIR/serve.log" 2>&1 &
    PID=$!
    for _ in $(seq 600); do curl -sf "$BASE/healthz" >/dev/null && return 0; sleep 0.1; done
    echo "serve did not start" >&2; cat "$DIR/serve.log" >&2; exit 1
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""; }
measure() {   # LABEL URL [HEADER]: one line "LABEL req/s p99-ms"
    local header=()
    [ -z "${3:-}" ] || header=(-H "$3")
    wrk -t2 -c20 -d2s "${header[@]}" "$2" >/dev/null
    wrk -t2 -c20 -d"${SECONDS_EACH}s" --latency "${header[@]}" "$2" | awk -v label="$1" '
        / 99%/ { v = $2; if (v ~ /us$/) p = v / 1000; else if (v ~ /ms$/) p = v + 0; else p = v * 1000 }
        /Requests\/sec/ { r = $2 }
        / Non-2xx/ { bad = $NF }
        END { printf "%s %s %.2f %s\n", label, r, p, bad == "" ? 0 : bad }'
}

bench_engine() {   # ENGINE POPULATION-OPTION DB-OPTIONS...
    local engine=$1 population=$2; shift 2
    start "$@"; stop   # first start: schema, the Halton plan and its example quarters
    if [ "${NATIONAL_DB:-0}" = 1 ]; then bench/make-national-db $population >/dev/null; fi
    "$BIN" benchmark import "$DIR/national.csv" "$@" >/dev/null
    "$BIN" users add bench-member@example.test --name "Bench member" --role member "$@" >/dev/null
    local token; token=$("$BIN" tokens create bench-member@example.test "$@")
    local auth="Authorization: Bearer $token"
    start "$@"
    echo "== $engine: first render after a restart (ms): public, signed in"
    for page in "${PAGES[@]}"; do
        printf '%-34s %8.1f %8.1f\n' "$page" \
            "$(curl -s -o /dev/null -w '%{time_total}' "$BASE$page" | awk '{print $1 * 1000}')" \
            "$(curl -s -o /dev/null -w '%{time_total}' -H "$auth" "$BASE$page" | awk '{print $1 * 1000}')"
    done
    : >"$DIR/rates"
    measure healthz "$BASE/healthz" >>"$DIR/rates"
    for page in "${PAGES[@]}"; do
        measure "public:$page" "$BASE$page" >>"$DIR/rates"
        measure "member:$page" "$BASE$page" "$auth" >>"$DIR/rates"
    done
    measure healthz-again "$BASE/healthz" >>"$DIR/rates"
    echo "RSS after: $(($(ps -o rss= -p "$PID") / 1024)) MiB"
    stop
    python3 - "$DIR/rates" "$engine" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1])]
trivial = (float(rows[0][1]) + float(rows[-1][1])) / 2
print(f"== {sys.argv[2]}: /healthz {trivial:.0f} req/s (mean of before and after)")
print(f"| page | audience | req/s | % of /healthz | p99 ms | non-2xx |")
print(f"| --- | --- | --- | --- | --- | --- |")
for label, rate, p99, bad in rows:
    audience, _, page = label.partition(":")
    if not page: audience, page = "", label
    print(f"| {page} | {audience} | {float(rate):.0f} | {100 * float(rate) / trivial:.1f} % | {p99} | {bad} |")
PY
}

if [ "$ENGINES" != postgresql ]; then
    bench_engine sqlite "--db $DIR/bench.sqlite" --db "$DIR/bench.sqlite"
fi
if [ "$ENGINES" != sqlite ] && [ -n "${SERVICEPLAN_TEST_POSTGRES_URL:-}" ]; then
    PGDB="serviceplan_pages_$$"
    base=${SERVICEPLAN_TEST_POSTGRES_URL%%\?*}; query=${SERVICEPLAN_TEST_POSTGRES_URL#"$base"}
    psql "$SERVICEPLAN_TEST_POSTGRES_URL" -XAtqc "CREATE DATABASE $PGDB" >/dev/null
    bench_engine postgresql "--postgres ${base%/*}/$PGDB$query" --database-url "${base%/*}/$PGDB$query"
fi
