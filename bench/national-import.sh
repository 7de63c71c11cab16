#!/usr/bin/env bash
# Benchmark: `serviceplan benchmark import` of a synthetic national dataset (350 authorities x
# 200 indicators x 10 years = 700,000 rows by default), release build, each engine against its
# own bulk loader of the same file in the same run, turn about (A B A B ...):
#   SQLite      against the sqlite3 shell's `.import --csv` into a plain table (no checks, no key);
#   PostgreSQL  against `psql \copy ... CSV HEADER` into a plain table
#               (only when SERVICEPLAN_TEST_POSTGRES_URL names a server; a database is made and dropped).
# Each import goes into a fresh, migrated database; "again" re-imports the same file over it.
# Prints wall seconds and peak RSS per run, then the medians and the ratio of the medians.
# Usage: bench/national-import.sh [authorities indicators years [runs]]
#        SERVICEPLAN_BIN=path skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."
A=${1:-350} I=${2:-200} Y=${3:-10} RUNS=${4:-3}
if [ -n "${SERVICEPLAN_BIN:-}" ]; then BIN=$SERVICEPLAN_BIN; else
    swift build -c release --product serviceplan >/dev/null
    BIN="$(swift build -c release --show-bin-path)/serviceplan"
fi
DIR=$(mktemp -d)
PGDB=""
cleanup() {
    [ -z "$PGDB" ] || psql "$SERVICEPLAN_TEST_POSTGRES_URL" -XAtqc "DROP DATABASE IF EXISTS $PGDB" >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap cleanup EXIT
python3 bench/make-national-csv.py "$A" "$I" "$Y" "$DIR/national.csv"
echo "file: $(($(wc -l <"$DIR/national.csv") - 1)) rows, $(du -h "$DIR/national.csv" | cut -f1)"
PATH="$PATH:$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"

timed() {   # LABEL COMMAND...: one line "LABEL seconds KiB", the command's own output dropped
    /usr/bin/time -f "$1 %e %M" -o "$DIR/time" "${@:2}" >/dev/null 2>"$DIR/err" || { cat "$DIR/err" >&2; exit 1; }
    cat "$DIR/time" | tee -a "$DIR/results"
}

"$BIN" plans --db "$DIR/empty.sqlite" >/dev/null   # an empty, migrated database to copy
for run in $(seq "$RUNS"); do
    rm -f "$DIR/ref.sqlite"
    timed sqlite3-import sqlite3 "$DIR/ref.sqlite" ".import --csv $DIR/national.csv v"
    cp "$DIR/empty.sqlite" "$DIR/run.sqlite"
    timed serviceplan-sqlite "$BIN" benchmark import "$DIR/national.csv" --db "$DIR/run.sqlite"
    timed serviceplan-sqlite-again "$BIN" benchmark import "$DIR/national.csv" --db "$DIR/run.sqlite"
done

if [ -n "${SERVICEPLAN_TEST_POSTGRES_URL:-}" ]; then
    PGDB="serviceplan_bench_$$"
    base=${SERVICEPLAN_TEST_POSTGRES_URL%%\?*}; query=${SERVICEPLAN_TEST_POSTGRES_URL#"$base"}
    URL="${base%/*}/$PGDB$query"
    for run in $(seq "$RUNS"); do
        psql "$SERVICEPLAN_TEST_POSTGRES_URL" -XAtqc "DROP DATABASE IF EXISTS $PGDB" -c "CREATE DATABASE $PGDB" >/dev/null
        psql "$URL" -XAtqc "CREATE TABLE plain (a text, b text, c text, d text, e text)" >/dev/null
        timed psql-copy psql "$URL" -Xqc "\\copy plain FROM '$DIR/national.csv' CSV HEADER"
        "$BIN" plans --database-url "$URL" >/dev/null
        timed serviceplan-postgresql "$BIN" benchmark import "$DIR/national.csv" --database-url "$URL"
        timed serviceplan-postgresql-again "$BIN" benchmark import "$DIR/national.csv" --database-url "$URL"
    done
fi

python3 - "$DIR/results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    label, seconds, kib = line.split()
    runs.setdefault(label, []).append((float(seconds), int(kib)))
med = {k: (statistics.median(s for s, _ in v), max(m for _, m in v)) for k, v in runs.items()}
refs = {"serviceplan-sqlite": "sqlite3-import", "serviceplan-sqlite-again": "sqlite3-import",
        "serviceplan-postgresql": "psql-copy", "serviceplan-postgresql-again": "psql-copy"}
print(f"\n{'command':30} {'median s':>9} {'peak MiB':>9}  vs reference")
for label, (seconds, kib) in med.items():
    ref = refs.get(label)
    ratio = f"{seconds / med[ref][0]:.1f}x {ref}" if ref in med else ""
    print(f"{label:30} {seconds:9.2f} {kib / 1024:9.1f}  {ratio}")
PY
