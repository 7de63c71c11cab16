#!/usr/bin/env bash
# Benchmark: `serviceplan backup` and `serviceplan restore` of a database holding the Halton plan
# and a national dataset (350 authorities x 200 indicators x 10 years = 700,000 values), release
# build, SQLite. The yardsticks, measured in the same run by farm-bench: the sqlite3 shell's
# `.dump` (for backup) and loading that dump into a new file (for restore).
# Usage: bench/backup.sh [authorities indicators years]
set -euo pipefail
cd "$(dirname "$0")/.."
A=${1:-350} I=${2:-200} Y=${3:-10}
swift build -c release --product serviceplan >/dev/null 2>&1
BIN="$(swift build -c release --show-bin-path)/serviceplan"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
python3 bench/make-national-csv.py "$A" "$I" "$Y" "$DIR/national.csv"
"$BIN" import plans/halton-uls-2009-12.yaml --db "$DIR/db.sqlite" >/dev/null
"$BIN" benchmark import "$DIR/national.csv" --db "$DIR/db.sqlite"
TIME=$(command -v /usr/bin/time || true)
${TIME:+/usr/bin/time -f "backup: %e s wall, %M KiB peak RSS"} "$BIN" backup --db "$DIR/db.sqlite" "$DIR/db.backup"
echo "backup file: $(du -h "$DIR/db.backup" | cut -f1); database file: $(du -h "$DIR/db.sqlite" | cut -f1)"
${TIME:+/usr/bin/time -f "restore: %e s wall, %M KiB peak RSS"} "$BIN" restore --db "$DIR/restored.sqlite" "$DIR/db.backup"
sqlite3 "$DIR/db.sqlite" .dump > "$DIR/db.sql"
if command -v farm-bench >/dev/null; then
    echo "== backup vs sqlite3 .dump"
    farm-bench -n 3 --timeout 600 \
        --vs "sh -c 'sqlite3 $DIR/db.sqlite .dump > $DIR/ref.sql'" \
        -- sh -c "exec $BIN backup --db $DIR/db.sqlite $DIR/run.backup"
    echo "== restore vs loading the .dump with sqlite3"
    farm-bench -n 3 --timeout 600 \
        --vs "sh -c 'rm -f $DIR/ref.sqlite; sqlite3 $DIR/ref.sqlite < $DIR/db.sql'" \
        -- sh -c "rm -f $DIR/run.sqlite; exec $BIN restore --db $DIR/run.sqlite $DIR/db.backup"
fi
