#!/usr/bin/env bash
# Starts the app the way `npm start` does (embedded PostgreSQL in a fresh data folder),
# checks the GraphQL answer, stops it with SIGTERM, then starts it again to prove that the
# second start adds no data.
set -euo pipefail
cd "$(dirname "$0")/.."

data_dir=$(mktemp -d)
chmod 755 "$data_dir"
log=$(mktemp)
port=${SMOKE_PORT:-4587}
trap 'rm -rf "$data_dir" "$log"' EXIT

start() {
  # Own process group, like a terminal's foreground job.
  EMBEDDED_PG_DATA_DIR="$data_dir/pg" PORT="$port" setsid npm start >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 180); do
    if grep -q "GraphQL API listening" "$log"; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; echo "app exited before listening"; exit 1; fi
    sleep 1
  done
  cat "$log"; echo "app did not start within 180 s"; exit 1
}

# stop TERM: SIGTERM to the server process only (a process manager); stop INT: SIGINT to the
# whole process group (Ctrl-C in a terminal, which PostgreSQL receives too).
stop() {
  server_pid=$(sed -n 's/.*listening on .*(pid \([0-9]*\)).*/\1/p' "$log" | tail -n 1)
  if [ "$1" = TERM ]; then kill -TERM "$server_pid"; else kill -INT -- "-$pid"; fi
  for _ in $(seq 1 30); do
    if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
    sleep 1
  done
  if kill -0 "$server_pid" 2>/dev/null; then echo "server still running 30 s after SIG$1"; exit 1; fi
  wait "$pid" || true
  if pgrep -f "postgres -D $data_dir" >/dev/null; then echo "embedded PostgreSQL still running after stop"; exit 1; fi
}

query() {
  curl -fsS "http://localhost:$port/graphql" -H 'content-type: application/json' \
    -d '{"query":"{ areas(first: 20) { totalCount } organisations { totalCount } }"}'
}

start
answer=$(query)
echo "first start: $answer"
echo "$answer" | grep -q '"areas":{"totalCount":1[0-9]' || { echo "expected at least 10 areas"; exit 1; }
echo "$answer" | grep -q '"organisations":{"totalCount":91}' || { echo "expected 91 organisations"; exit 1; }
stop TERM
grep -q "loaded the Amersfoort 2009 demo data" "$log" || { cat "$log"; echo "demo data not loaded"; exit 1; }

start
again=$(query)
echo "second start: $again"
[ "$again" = "$answer" ] || { echo "second start changed the data"; exit 1; }
grep -q "demo data not loaded" "$log" || { cat "$log"; echo "second start did not skip the demo data"; exit 1; }
stop INT
echo "smoke test passed"
