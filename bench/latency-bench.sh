#!/usr/bin/env bash
# Propagation latency: a file written on A until its content is readable on B, through a hub on
# loopback (watch trigger on A, real-time trigger on B). 50 samples with debounce = 500ms (the
# default) and 50 with debounce = 0s, switched with SIGHUP (config reload). Prints p50 and p99.
# Also: idle CPU seconds over 60 s and RSS of daemon A. Usage: bench/latency-bench.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FERRY=$ROOT/bin/ferry
W=$(mktemp -d /tmp/ferry-lat.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; sleep 2; mkdir -p /tmp/ferry-lat-last; cp "$W"/*.log /tmp/ferry-lat-last/ 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
"$FERRY" server --data "$W/hub" --port "$PORT" >"$W/hub.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 150); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
INV=$("$FERRY" server invite --data "$W/hub" | tail -1)
export FERRY_PASSWORD="latency bench pw"
conf() { cat > "$W/$1/config.toml.new" <<TOML
$(grep -E '^(server|device_name)' "$W/$1/config.toml" 2>/dev/null || true)
[triggers.watch]
debounce = "$2"
max_delay = "10s"
[triggers.periodic]
enabled = false
$(sed -n '/^\[\[folder\]\]/,$p' "$W/$1/config.toml" 2>/dev/null || true)
TOML
mv "$W/$1/config.toml.new" "$W/$1/config.toml"; }
mkdir -p "$W/a" "$W/b"
FERRY_HOME=$W/a "$FERRY" init --server "http://127.0.0.1:$PORT" --user lat --invite "$INV" >/dev/null
FERRY_HOME=$W/b "$FERRY" login --server "http://127.0.0.1:$PORT" --user lat >/dev/null
FERRY_HOME=$W/a "$FERRY" folder add lat "$W/a-folder" >/dev/null
FERRY_HOME=$W/b "$FERRY" folder add lat "$W/b-folder" >/dev/null
conf a 500ms; conf b 500ms
for d in a b; do FERRY_HOME=$W/$d "$FERRY" daemon >"$W/$d.log" 2>&1 & PIDS+=($!); eval "PID_$d=$!"; done
for d in a b; do for _ in $(seq 1 150); do FERRY_HOME=$W/$d "$FERRY" status >/dev/null 2>&1 && break; sleep 0.2; done; done
sleep 2
measure() {
  python3 - "$W/a-folder" "$W/b-folder" "$1" <<'PY'
import os, sys, time, json
a, b, label = sys.argv[1], sys.argv[2], sys.argv[3]
lat = []
for i in range(50):
    name = f"s-{label}-{i:03}.json"; body = json.dumps({"n": i, "t": time.time_ns()})
    tmp = os.path.join(a, ".w-" + name)
    with open(tmp, "w") as f: f.write(body)
    os.rename(tmp, os.path.join(a, name)); t0 = time.monotonic()
    target = os.path.join(b, name); deadline = t0 + 30
    while time.monotonic() < deadline:
        try:
            with open(target) as f:
                if f.read() == body: break
        except FileNotFoundError: pass
        time.sleep(0.001)
    else:
        print(f"{label}: sample {i} did not arrive in 30 s"); sys.exit(1)
    lat.append((time.monotonic() - t0) * 1000); time.sleep(2)
lat.sort()
p = lambda q: lat[min(len(lat) - 1, int(round(q * (len(lat) - 1))))]
print(f"debounce {label}: p50 {p(0.5):.0f} ms, p99 {p(0.99):.0f} ms, max {lat[-1]:.0f} ms (n={len(lat)})")
PY
}
[ -z "${ONLY_ZERO:-}" ] && measure 500ms
conf a 0s; conf b 0s; kill -HUP "$PID_a" "$PID_b"; sleep 2
measure 0s
echo "== idle: daemon A over 60 s"
t0=$(awk '{print $14+$15}' /proc/$(pgrep -P "$PID_a" java || echo "$PID_a")/stat 2>/dev/null || awk '{print $14+$15}' /proc/$PID_a/stat)
sleep 60
JP=$(pgrep -f "ferry.jar daemon" | head -1)
for p in $(pgrep -f "ferry.jar daemon"); do grep -q "$W/a" /proc/$p/environ 2>/dev/null && JP=$p; done
t1=$(awk '{print $14+$15}' /proc/$JP/stat)
echo "cpu over 60 s idle: $(python3 -c "print(($t1-$t0)/$(getconf CLK_TCK))") s; RSS $(awk '/VmRSS/ {print $2/1024 " MiB"}' /proc/$JP/status)"
