# Shared by the HTTP benchmarks: builds the release binary, serves a fresh SQLite database (the
# Halton council, plan and example quarters) on a free loopback port, and stops it on exit.
# Sets BIN, DIR, PORT and PID. Source it from a script that has `set -euo pipefail`.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
swift build -c release --product serviceplan >/dev/null
BIN="$(swift build -c release --show-bin-path)/serviceplan"
DIR=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$BIN" serve --db "$DIR/bench.sqlite" --port "$PORT" >"$DIR/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DIR"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
