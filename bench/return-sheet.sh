#!/usr/bin/env bash
# Benchmark: return sheets (issue #13 part 1) as officers hit them, on SQLite, against the
# trivial route /healthz of the same server in the same run.
#  - the sheet download (GET …/sheet.xlsx, signed in: never cached), by wrk;
#  - the API preview of a filled sheet (.xlsx), and of the largest workbook the
#    upload limits let through (just under 40,000 XML elements in its sheet), each by curl in
#    a loop: median and worst seconds per request, and the server's RSS after.
# Usage: bench/return-sheet.sh   SERVICEPLAN_BIN=path skips the release build. Copy the output
# into bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
if [ -n "${SERVICEPLAN_BIN:-}" ]; then BIN=$SERVICEPLAN_BIN; else
    swift build -c release --product serviceplan >/dev/null
    BIN="$(swift build -c release --show-bin-path)/serviceplan"
fi
DIR=$(mktemp -d) PID=""
cleanup() { [ -z "$PID" ] || { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; }; rm -rf "$DIR"; }
trap cleanup EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
BASE="http://127.0.0.1:$PORT"
DB=(--db "$DIR/bench.sqlite")
"$BIN" serve "${DB[@]}" --port "$PORT" >>"$DIR/serve.log" 2>&1 &
PID=$!
for _ in $(seq 600); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done
"$BIN" users add bench-director@example.test --name "Bench director" --role director --department ULS "${DB[@]}" >/dev/null
AUTH="Authorization: Bearer $("$BIN" tokens create bench-director@example.test "${DB[@]}")"
SHEET="$BASE/plans/ULS/returns/2011-12-Q3/sheet.xlsx"
API="$BASE/api/v1/plans/ULS/returns/2011-12-Q3/sheet"
curl -sf -H "$AUTH" "$SHEET" -o "$DIR/sheet.xlsx"
python3 - "$DIR" <<'PY'
import csv, io, sys, zipfile
folder = sys.argv[1]
# The director's sheet with every indicator given a figure (each empty H cell filled).
with zipfile.ZipFile(f"{folder}/sheet.xlsx") as z:
    parts = {n: z.read(n) for n in z.namelist()}
sheet = parts["xl/worksheets/sheet1.xml"].decode()
import re
filled = re.sub(r'<c r="H(\d+)" s="(\d+)"/>', lambda m: f'<c r="H{m.group(1)}" s="{m.group(2)}"><v>{int(m.group(1)) % 90 + 1}</v></c>' if int(m.group(1)) > 1 else m.group(0), sheet)
def write(path, sheet_xml):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in parts.items():
            z.writestr(n, sheet_xml.encode() if n == "xl/worksheets/sheet1.xml" else b)
write(f"{folder}/filled.xlsx", filled)
# The largest sheet the limits let through: 1,990 rows x 9 cells, about 38,000 elements.
big = ['<row r="1">' + "".join(f'<c r="{c}1" t="inlineStr"><is><t>x</t></is></c>' for c in "ABCDEFGHI") + "</row>"]
big += [f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in "ABCDEFGHI") + "</row>" for r in range(2, 1991)]
write(f"{folder}/largest.xlsx", re.sub(r"<sheetData>.*</sheetData>", "<sheetData>" + "".join(big) + "</sheetData>", sheet, flags=re.S))
PY
"$BIN" return-sheet ULS 2011-12-Q3 --output "$DIR/all.xlsx" "${DB[@]}" >/dev/null
echo "lines in the director's sheet: $(python3 -c "import zipfile,re,sys; print(len(re.findall(r'<row ', zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml').decode())) - 1)" "$DIR/sheet.xlsx")"

measure() {   # LABEL URL [HEADER]: "LABEL req/s p99-ms"
    local header=()
    [ -z "${3:-}" ] || header=(-H "$3")
    wrk -t2 -c10 -d2s "${header[@]}" "$2" >/dev/null
    wrk -t2 -c10 -d8s --latency "${header[@]}" "$2" | awk -v label="$1" '
        / 99%/ { v = $2; if (v ~ /us$/) p = v / 1000; else if (v ~ /ms$/) p = v + 0; else p = v * 1000 }
        /Requests\/sec/ { r = $2 }
        END { printf "%s %s %.1f\n", label, r, p }'
}
echo "== wrk, 10 connections: label req/s p99-ms"
measure healthz "$BASE/healthz"
measure sheet.xlsx "$SHEET" "$AUTH"
measure healthz-again "$BASE/healthz"

timed() {   # LABEL CONTENT-TYPE FILE RUNS: median and worst seconds of a POST, and its status
    local times=() status
    for _ in $(seq "$4"); do
        read -r status t < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "$AUTH" -H "Content-Type: $2" --data-binary "@$3" "$API")
        times+=("$t")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v label="$1" -v status="$status" -v size="$(stat -c %s "$3")" \
        '{ a[NR] = $1 } END { printf "%-28s %7d bytes  HTTP %s  median %.3f s  worst %.3f s\n", label, size, status, a[int((NR + 1) / 2)], a[NR] }'
}
echo "== API preview (POST …/sheet), one request at a time"
t=$(for _ in $(seq 21); do curl -s -o /dev/null -w '%{time_total}\n' "$BASE/healthz"; done | sort -n | sed -n 11p)
printf '%-28s %24s median %.3f s\n' "healthz (GET, for scale)" "" "$t"
timed "filled sheet (.xlsx)" application/vnd.openxmlformats-officedocument.spreadsheetml.sheet "$DIR/filled.xlsx" 20
timed "largest allowed (.xlsx)" application/vnd.openxmlformats-officedocument.spreadsheetml.sheet "$DIR/largest.xlsx" 5
echo "RSS after: $(($(ps -o rss= -p "$PID") / 1024)) MiB"
