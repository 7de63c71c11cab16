#!/usr/bin/env bash
# Benchmark: the public monitoring report for the demo quarter against a trivial route of the
# same server, in the same run. Release build, fresh SQLite database with the example quarter,
# wrk on loopback (2 threads, 50 connections, 20 s each, after a 5 s warm-up).
# Usage: bench/report.sh   (prints the numbers; copy them into bench/RESULTS.md)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

REPORT="/plans/ULS/reports/2009-10-Q2"
curl -sf "http://127.0.0.1:$PORT$REPORT" -o "$DIR/report.html"
echo "report page: $(wc -c <"$DIR/report.html") bytes, $(grep -c '<svg ' "$DIR/report.html") charts"
run() {
    wrk -t2 -c50 -d5s "http://127.0.0.1:$PORT$1" >/dev/null
    wrk -t2 -c50 -d20s --latency "http://127.0.0.1:$PORT$1"
}
echo "== trivial route: /healthz"
TRIVIAL=$(run /healthz)
echo "$TRIVIAL"
echo "== report: $REPORT"
HEAVY=$(run "$REPORT")
echo "$HEAVY"
rps() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
p99() { echo "$1" | awk '/ 99%/ {print $2}'; }
# Members (signed in) may see Part II, so their report is rendered afresh on every request:
# the uncached render, through the same route, with a member's bearer token.
"$BIN" users add bench-member@example.test --name "Bench member" --role member --db "$DIR/bench.sqlite" >/dev/null
TOKEN=$("$BIN" tokens create bench-member@example.test --db "$DIR/bench.sqlite")
echo "== report, signed in (uncached): $REPORT"
SIGNED=$(wrk -t2 -c50 -d5s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$REPORT" >/dev/null;
         wrk -t2 -c50 -d20s --latency -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$REPORT")
echo "$SIGNED"
echo "== summary"
echo "trivial: $(rps "$TRIVIAL") req/s, p99 $(p99 "$TRIVIAL")"
echo "report:  $(rps "$HEAVY") req/s, p99 $(p99 "$HEAVY")"
echo "signed in: $(rps "$SIGNED") req/s, p99 $(p99 "$SIGNED")"
python3 -c "print('report / trivial = %.0f%%' % (100 * float('$(rps "$HEAVY")') / float('$(rps "$TRIVIAL")')))"
python3 -c "print('signed-in report / trivial = %.1f%%' % (100 * float('$(rps "$SIGNED")') / float('$(rps "$TRIVIAL")')))"
echo "RSS after: $(ps -o rss= -p $PID) KiB"
