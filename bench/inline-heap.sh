#!/usr/bin/env bash
# Memory with many files just small enough to travel inline (what a maildir or a chat archive
# holds): N files of SIZE bytes (default 6,000 x 60 KB of random data) uploaded by device a,
# then device b joins and pulls them all. Reports each step's time, whether both daemons are
# still running, and each daemon's peak and current RSS. Usage, from the project root after
# `mvn -B -DskipTests package`: [N=6000] [SIZE=61440] [BENCH_DIR=/tmp] bench/inline-heap.sh
# (HUB_JAVA_OPTS / DAEMON_JAVA_OPTS add JVM flags to the hub / the daemons)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FERRY=$ROOT/bin/ferry
N=${N:-6000}; SIZE=${SIZE:-61440}
WORK=$(mktemp -d "${BENCH_DIR:-/tmp}/ferry-inline.XXXXXX")
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; sleep 2; rm -rf "$WORK"; }
trap cleanup EXIT
. "$ROOT/bench/lib.sh"
# CPU seconds (user + system) a process has used so far.
cpu() { [ -d "/proc/$1" ] && awk -v t="$(cpu_ticks "$1")" -v hz="$(getconf CLK_TCK)" 'BEGIN { split(t, a, ","); printf "%.1f", (a[1] + a[2]) / hz }' || echo -; }
rss() { [ -d "/proc/$1" ] && awk '/VmHWM|VmRSS/ {printf "%s %.0f MiB  ", $1, $2 / 1024}' "/proc/$1/status" || echo "NOT RUNNING"; }
export FERRY_PASSWORD="bench password 1234"
port=$(free_port)
FERRY_JAVA_OPTS="${HUB_JAVA_OPTS:-}" "$FERRY" server --data "$WORK/hub" --port "$port" >"$WORK/hub.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 150); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
invite=$("$FERRY" server invite --data "$WORK/hub" | tail -1)
for d in a b; do
  triggers_config "$WORK/$d" false; mkdir -p "$WORK/$d-docs"
done
FERRY_HOME=$WORK/a "$FERRY" init --server "http://127.0.0.1:$port" --user bench --invite "$invite" >/dev/null
FERRY_HOME=$WORK/b "$FERRY" login --server "http://127.0.0.1:$port" --user bench >/dev/null
FERRY_HOME=$WORK/a "$FERRY" folder add docs "$WORK/a-docs" >/dev/null
FERRY_HOME=$WORK/b "$FERRY" folder add docs "$WORK/b-docs" >/dev/null
python3 - "$WORK/a-docs" "$N" "$SIZE" <<'PY'
import os, sys
root, n, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for i in range(n):
    d = f"{root}/d{i // 100:03}"; os.makedirs(d, exist_ok=True)
    with open(f"{d}/m{i:05}.eml", "wb") as f: f.write(os.urandom(size))
PY
echo "== $N files of $SIZE bytes ($(du -sm "$WORK/a-docs" | cut -f1) MiB)"
start_daemon() {
  FERRY_JAVA_OPTS="${DAEMON_JAVA_OPTS:-}" FERRY_HOME=$WORK/$1 "$FERRY" daemon >"$WORK/$1-daemon.log" 2>&1 & PIDS+=($!)
  for _ in $(seq 1 150); do FERRY_HOME=$WORK/$1 "$FERRY" status >/dev/null 2>&1 && break; sleep 0.2; done
}
start_daemon a; A=${PIDS[-1]}
t0=$(now); FERRY_HOME=$WORK/a "$FERRY" sync docs || echo "upload FAILED"; t1=$(now)
echo "upload: $(secs "$t0" "$t1") s; daemon a: $(rss "$A")CPU so far: hub $(cpu "${PIDS[0]}") s, a $(cpu "$A") s"
start_daemon b; B=${PIDS[-1]}
t0=$(now); FERRY_HOME=$WORK/b "$FERRY" sync docs || echo "join FAILED"; t1=$(now)
echo "join (b pulls everything): $(secs "$t0" "$t1") s; daemon b: $(rss "$B")CPU so far: hub $(cpu "${PIDS[0]}") s, b $(cpu "$B") s"
diff -r --exclude=.ferry "$WORK/a-docs" "$WORK/b-docs" >/dev/null && echo "trees identical" || echo "TREES DIFFER"
grep -h "OutOfMemoryError" "$WORK"/*-daemon.log | head -2 || true
