#!/usr/bin/env bash
# Benchmark (issue #11 part 2): the same pages rendered on the demo database and on the
# national-size database, side by side in one run, for the public and for a signed-in member.
# Two servers run at once on each engine: one on a database with the Halton plan, its example
# quarters and the 700,000-value national dataset (bench/make-national-csv.py 350 200 10); the
# other on the same plus bench/make-national-db's synthetic population (350 councils x 15 plans x
# 20 indicators x 12 quarters). Every request carries a query string never asked before
# (?uncached=N), so each one misses the page cache and is rendered from the database: this is the
# first-render latency, not the kept page's. Requests alternate between the two servers, ROUNDS
# (default 15) per page and audience; the table gives the medians and national / demo.
# Synthetic pages (SYN123) exist only on the national database; they are compared with the
# Halton pages of the demo database, which hold the same kind of content (a council, one plan,
# its report), so the ratio says what a synthetic council's reader gets against a demo reader.
# Usage: bench/national-pages.sh [sqlite|postgresql|both]   SERVICEPLAN_BIN=path skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."
ENGINES=${1:-both}
ROUNDS=${ROUNDS:-15}
if [ -n "${SERVICEPLAN_BIN:-}" ]; then BIN=$SERVICEPLAN_BIN; else
    swift build -c release --product serviceplan >/dev/null
    BIN="$(swift build -c release --show-bin-path)/serviceplan"
fi
PATH="$PATH:$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
DIR=$(mktemp -d) PIDS=() PGDBS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; done
    for db in "${PGDBS[@]}"; do
        psql "$SERVICEPLAN_TEST_POSTGRES_URL" -XAtqc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
    done
    rm -rf "$DIR"
}
trap cleanup EXIT
python3 bench/make-national-csv.py 350 200 10 "$DIR/national.csv"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# Pairs "DEMO-PAGE NATIONAL-PAGE": the same address on both, or a Halton page against a synthetic one.
PAIRS=("/ /" "/councils/HALTON /councils/HALTON" "/plans/ULS /plans/ULS"
       "/plans/ULS/reports/2010-11-Q2 /plans/ULS/reports/2010-11-Q2" "/data-quality /data-quality"
       "/benchmarks/NI80 /benchmarks/NI80" "/plans/ULS/returns/2010-11-Q2 /plans/ULS/returns/2010-11-Q2"
       "/plans/ULS/indicators/NI80 /plans/ULS/indicators/NI80" "/api/v1/plans/ULS /api/v1/plans/ULS"
       "/councils/HALTON /councils/SYN123" "/plans/ULS /plans/SYN123-P07"
       "/plans/ULS/reports/2010-11-Q2 /plans/SYN123-P07/reports/2010-11-Q2")

serve() {   # PORT DB-OPTIONS...: serve in the background until it answers; the pid goes to PIDS
    local port=$1; shift
    "$BIN" serve "$@" --port "$port" >>"$DIR/serve-$port.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 600); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return 0; sleep 0.1; done
    echo "serve did not start" >&2; cat "$DIR/serve-$port.log" >&2; exit 1
}
prepare() {   # POPULATE(0|1) POPULATION-OPTION DB-OPTIONS...: first start, national data, a member; prints a token
    local populate=$1 population=$2; shift 2
    local port; port=$(free_port)
    serve "$port" "$@"; kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true; unset 'PIDS[-1]'
    [ "$populate" = 0 ] || bench/make-national-db $population >/dev/null
    "$BIN" benchmark import "$DIR/national.csv" "$@" >/dev/null
    "$BIN" users add bench-member@example.test --name "Bench member" --role member "$@" >/dev/null
    "$BIN" tokens create bench-member@example.test "$@"
}
ms() {   # URL [HEADER]: one request's total time in ms
    local header=()
    [ -z "${2:-}" ] || header=(-H "$2")
    curl -s -o /dev/null -w '%{time_total}' "${header[@]}" "$1" | awk '{print $1 * 1000}'
}

compare() {   # ENGINE DEMO-OPTIONS NATIONAL-OPTIONS (each a single word-split string)
    local engine=$1 demo=$2 national=$3
    local demo_token national_token
    # shellcheck disable=SC2086
    demo_token=$(prepare 0 "" $demo)
    # shellcheck disable=SC2086
    national_token=$(prepare 1 "$(echo $national | sed 's/--database-url/--postgres/')" $national)
    local demo_port national_port
    demo_port=$(free_port); national_port=$(free_port)
    # shellcheck disable=SC2086
    serve "$demo_port" $demo
    # shellcheck disable=SC2086
    serve "$national_port" $national
    local n=0
    : >"$DIR/times"
    for pair in "${PAIRS[@]}"; do
        read -r demo_page national_page <<<"$pair"
        for audience in public member; do
            for _ in $(seq "$ROUNDS"); do
                n=$((n + 1))
                local dh="" nh=""
                [ "$audience" = public ] || { dh="Authorization: Bearer $demo_token"; nh="Authorization: Bearer $national_token"; }
                echo "$demo_page|$national_page|$audience|$(ms "http://127.0.0.1:$demo_port$demo_page?uncached=$n" "$dh")|$(ms "http://127.0.0.1:$national_port$national_page?uncached=$n" "$nh")" >>"$DIR/times"
            done
        done
    done
    echo "== $engine: RSS after: demo $(($(ps -o rss= -p "${PIDS[-2]}") / 1024)) MiB, national $(($(ps -o rss= -p "${PIDS[-1]}") / 1024)) MiB"
    for pid in "${PIDS[@]}"; do kill "$pid"; wait "$pid" 2>/dev/null || true; done
    PIDS=()
    python3 - "$DIR/times" "$engine" "$ROUNDS" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    demo, national, audience, d, n = line.strip().split("|")
    rows.setdefault((demo, national, audience), []).append((float(d), float(n)))
print(f"== {sys.argv[2]}: first renders (every request uncached), median of {sys.argv[3]} each, ms")
print("| demo page | national page | audience | demo | national | national / demo |")
print("| --- | --- | --- | --- | --- | --- |")
for (demo, national, audience), pairs in rows.items():
    d = statistics.median(p[0] for p in pairs); n = statistics.median(p[1] for p in pairs)
    print(f"| {demo} | {national if national != demo else '(same)'} | {audience} | {d:.1f} | {n:.1f} | {n / d:.2f} |")
PY
}

if [ "$ENGINES" != postgresql ]; then
    compare sqlite "--db $DIR/demo.sqlite" "--db $DIR/national.sqlite"
fi
if [ "$ENGINES" != sqlite ] && [ -n "${SERVICEPLAN_TEST_POSTGRES_URL:-}" ]; then
    base=${SERVICEPLAN_TEST_POSTGRES_URL%%\?*}; query=${SERVICEPLAN_TEST_POSTGRES_URL#"$base"}
    for db in "serviceplan_demo_$$" "serviceplan_national_$$"; do
        psql "$SERVICEPLAN_TEST_POSTGRES_URL" -XAtqc "CREATE DATABASE $db" >/dev/null
        PGDBS+=("$db")
    done
    compare postgresql "--database-url ${base%/*}/serviceplan_demo_$$$query" "--database-url ${base%/*}/serviceplan_national_$$$query"
fi
