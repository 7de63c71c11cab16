#!/usr/bin/env bash
# Benchmark: `serviceplan benchmark import` of a national dataset of 350 authorities x 200
# indicators x 10 years (700,000 rows) into a fresh SQLite database, release build.
# Issue #5 asks for under 10 seconds. Prints wall time and peak memory (GNU time).
# Usage: bench/benchmark-import.sh [authorities indicators years]
set -euo pipefail
cd "$(dirname "$0")/.."
A=${1:-350} I=${2:-200} Y=${3:-10}
swift build -c release --product serviceplan >/dev/null 2>&1
BIN="$(swift build -c release --show-bin-path)/serviceplan"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
python3 bench/make-national-csv.py "$A" "$I" "$Y" "$DIR/national.csv"
echo "file: $(($(wc -l <"$DIR/national.csv") - 1)) rows, $(du -h "$DIR/national.csv" | cut -f1)"
"$BIN" plans --db "$DIR/db.sqlite" >/dev/null   # create and migrate the database first
TIME=$(command -v /usr/bin/time || true)
for run in 1 2; do
    # Run 1 inserts every row; run 2 re-imports the same file, replacing every value.
    if [ -n "$TIME" ]; then
        /usr/bin/time -f "run $run: %e s wall, %M KiB peak RSS" "$BIN" benchmark import "$DIR/national.csv" --db "$DIR/db.sqlite"
    else
        start=$(date +%s.%N); "$BIN" benchmark import "$DIR/national.csv" --db "$DIR/db.sqlite"
        echo "run $run: $(echo "$(date +%s.%N) - $start" | bc) s wall"
    fi
done
# The yardstick, measured in the same run: the sqlite3 shell's own `.import` of the same file
# into a bare table (no checks, no upsert, no index). A/B is serviceplan's import over it.
cp "$DIR/db.sqlite" "$DIR/empty.sqlite"
sqlite3 "$DIR/empty.sqlite" "DELETE FROM benchmark_values; DELETE FROM benchmark_imports; VACUUM;"
if command -v farm-bench >/dev/null; then
    farm-bench -n 3 --timeout 600 \
        --vs "sh -c 'rm -f $DIR/ref.sqlite; sqlite3 $DIR/ref.sqlite \".import --csv $DIR/national.csv v\"'" \
        -- sh -c "cp $DIR/empty.sqlite $DIR/run.sqlite; exec $BIN benchmark import $DIR/national.csv --db $DIR/run.sqlite"
fi
