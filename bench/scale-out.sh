#!/usr/bin/env bash
# Scale-out: three `serviceplan serve` on one PostgreSQL behind HAProxy (roundrobin).
#  1. PostgreSQL: SERVICEPLAN_TEST_POSTGRES_URL (an admin URL) if set, otherwise a throw-away
#     cluster on 127.0.0.1 in a temporary folder, as scripts/test starts one (root or sudo);
#  2. scripts/scale-out-test on the release binary: the correctness checks across servers;
#  3. if wrk is installed, throughput of /healthz and of the public report through HAProxy
#     against one server directly, on a database of its own (wrk on loopback, 2 threads,
#     20 connections, a 3 s warm-up then BENCH_SECONDS, default 10).
# The release binary is built here (`swift build -c release`) unless SERVICEPLAN_BIN names one.
# Exits non-zero when the scale-out test fails, after measuring anyway.
# Usage: bench/scale-out.sh   (prints the numbers; copy them into bench/RESULTS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${BENCH_SECONDS:-10}
REPORT=/plans/ULS/reports/2010-11-Q2

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
wait_for() {   # URL: until it answers 200, at most 60 s
    for _ in $(seq 600); do curl -sf "$1" >/dev/null && return 0; sleep 0.1; done
    return 1
}

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
PG_DIR="" DIR="" DB="" PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [ -n "$DB" ]; then "$PSQL" "$ADMIN_URL" -XAtqc "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null || true; fi
    if [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ]; then
        as_root runuser -u postgres -- "$pg_bin/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
        as_root rm -rf "$PG_DIR"
    fi
    [ -z "$DIR" ] || rm -rf "$DIR"
}
trap cleanup EXIT

if [ -z "${SERVICEPLAN_TEST_POSTGRES_URL:-}" ]; then
    if [ -z "$pg_bin" ]; then
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    # PostgreSQL refuses to run as root: its files and processes belong to the postgres user.
    PG_DIR=$(mktemp -d /tmp/serviceplan-pg.XXXXXX)
    as_root chown postgres "$PG_DIR"
    PG_PORT=$(free_port)
    as_root runuser -u postgres -- "$pg_bin/initdb" -D "$PG_DIR/data" -A trust -U postgres >/dev/null
    as_root runuser -u postgres -- "$pg_bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c max_connections=200" start >/dev/null
    export SERVICEPLAN_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres?sslmode=disable"
fi
ADMIN_URL=$SERVICEPLAN_TEST_POSTGRES_URL
PSQL=${pg_bin:+$pg_bin/psql}
[ -n "$PSQL" ] && [ -x "$PSQL" ] || PSQL=$(command -v psql)
HAPROXY=$(command -v haproxy || echo /usr/sbin/haproxy)
if [ ! -x "$HAPROXY" ]; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
fi

if [ -n "${SERVICEPLAN_BIN:-}" ]; then
    BIN=$SERVICEPLAN_BIN
else
    swift build -c release --product serviceplan >/dev/null
    BIN="$(swift build -c release --show-bin-path)/serviceplan"
fi

echo "== scale-out test: $BIN"
status=0
scripts/scale-out-test "$BIN" || status=$?

if ! command -v wrk >/dev/null; then
    echo "wrk is not installed: no throughput measured (apt-get install wrk)"
    exit "$status"
fi

# The servers for the measurement start one after another: the first loads the bundled plan
# (starting at once is what the test above checks).
DIR=$(mktemp -d)
DB=serviceplan_bench_$(python3 -c 'import secrets; print(secrets.token_hex(6))')
"$PSQL" "$ADMIN_URL" -XAtqc "CREATE DATABASE \"$DB\"" >/dev/null
URL=$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' \
      "$ADMIN_URL" "$DB")
PORTS=()
for i in 1 2 3; do
    PORTS+=("$(free_port)")
    "$BIN" serve --database-url "$URL" --host 127.0.0.1 --port "${PORTS[-1]}" >"$DIR/s$i.log" 2>&1 &
    PIDS+=($!)
    wait_for "http://127.0.0.1:${PORTS[-1]}/healthz" || { echo "server s$i did not start:" >&2; cat "$DIR/s$i.log" >&2; exit 1; }
done
LB_PORT=$(free_port)
cat >"$DIR/haproxy.cfg" <<EOF
global
    maxconn 2048
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
frontend web
    bind 127.0.0.1:$LB_PORT
    default_backend servers
backend servers
    balance roundrobin
    http-response set-header X-Served-By %s
    server s1 127.0.0.1:${PORTS[0]}
    server s2 127.0.0.1:${PORTS[1]}
    server s3 127.0.0.1:${PORTS[2]}
EOF
"$HAPROXY" -db -f "$DIR/haproxy.cfg" >"$DIR/haproxy.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$LB_PORT/healthz" || { echo "haproxy did not start:" >&2; cat "$DIR/haproxy.log" >&2; exit 1; }
# Each server renders the public report once and caches it.
for _ in 1 2 3; do curl -sf "http://127.0.0.1:$LB_PORT$REPORT" >/dev/null; done
echo "== 30 requests through HAProxy went to: $(for _ in $(seq 30); do
    curl -s -o /dev/null -D - "http://127.0.0.1:$LB_PORT/healthz" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-served-by" {print $2}'
done | sort | uniq -c | awk '{printf "%s %s  ", $2, $1}')"

measure() {   # URL: req/s, p99 and non-2xx responses
    wrk -t2 -c20 -d3s "$1" >/dev/null
    wrk -t2 -c20 -d"${SECONDS_EACH}s" --latency "$1" |
        awk '/Requests\/sec/ {r=$2} / 99%/ {p=$2} /Non-2xx/ {e=$NF} END {print r, p, e+0}'
}
echo "== throughput on $(nproc) cores (servers, HAProxy, PostgreSQL and wrk share them), ${SECONDS_EACH} s each"
printf '%-34s %-22s %10s %9s %7s %9s\n' route target "req/s" p99 errors "vs direct"
for path in /healthz "$REPORT"; do
    read -r direct_rps direct_p99 direct_errors < <(measure "http://127.0.0.1:${PORTS[0]}$path")
    read -r lb_rps lb_p99 lb_errors < <(measure "http://127.0.0.1:$LB_PORT$path")
    printf '%-34s %-22s %10s %9s %7s %9s\n' "$path" "s1 directly" "$direct_rps" "$direct_p99" "$direct_errors" "100 %"
    printf '%-34s %-22s %10s %9s %7s %8.0f %%\n' "$path" "HAProxy over s1-s3" "$lb_rps" "$lb_p99" "$lb_errors" \
        "$(python3 -c "print(100 * $lb_rps / $direct_rps)")"
done
exit "$status"
