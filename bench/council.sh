#!/usr/bin/env bash
# Benchmark: the council framework's pages (#10) against the trivial route of the same server, in
# the same run — public and signed in (a member's bearer token: uncached, Part II included).
# Release build, fresh SQLite database with the Halton council, plan and six example quarters;
# wrk on loopback (2 threads, 20 connections, 10 s each after a 3 s warm-up).
# Usage: bench/council.sh   (prints the numbers; copy them into bench/RESULTS.md)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
"$BIN" users add bench-member@example.test --name "Bench member" --role member --db "$DIR/bench.sqlite" >/dev/null
TOKEN=$("$BIN" tokens create bench-member@example.test --db "$DIR/bench.sqlite")

rps() {  # path [header]: requests per second and p99 latency
    local args=(-t2 -c20)
    [ $# -gt 1 ] && args+=(-H "$2")
    wrk "${args[@]}" -d3s "http://127.0.0.1:$PORT$1" >/dev/null
    wrk "${args[@]}" -d10s --latency "http://127.0.0.1:$PORT$1" | awk '/Requests\/sec/ {r=$2} / 99%/ {p=$2} END {print r, p}'
}
TRIVIAL=$(rps /healthz | cut -d' ' -f1)
printf '%-62s %10s %9s %8s\n' "route" "req/s" "p99" "vs /healthz"
printf '%-62s %10s %9s %8s\n' "/healthz" "$TRIVIAL" "" "100 %"
for path in /councils/HALTON /councils/HALTON/laa /councils/HALTON/areas/13 /plans/ULS/indicators/NI80 \
            /api/v1/plans/ULS/indicators/NI80/series /councils/HALTON/boards/CYP-PPB/reports/2010-11-Q2 \
            /plans/ULS/reports/2010-11-Q1; do
    for who in public member; do
        if [ "$who" = public ]; then read -r R P < <(rps "$path"); else read -r R P < <(rps "$path" "Authorization: Bearer $TOKEN"); fi
        printf '%-62s %10s %9s %7.1f %%\n' "$path ($who)" "$R" "$P" "$(python3 -c "print(100*$R/$TRIVIAL)")"
    done
done
echo "RSS after: $(ps -o rss= -p $PID) KiB"
