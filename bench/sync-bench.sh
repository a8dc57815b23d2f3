#!/usr/bin/env bash
# Initial sync of 10,000 x 1 KiB + 20 x 5 MiB between two devices on loopback, timed in one
# run beside `rsync -a` of the same tree (the floor: no encryption, no fsync, no hub; then with
# --fsync, the durable floor) and, when
# installed (apt install syncthing), two Syncthing instances doing the same job. Then the bytes
# Ferry sends for a 1-byte edit in a 64 MiB file. Usage: bench/sync-bench.sh  (from the project
# root, after `mvn -B -DskipTests package`). Needs python3, curl, jq.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FERRY=$ROOT/bin/ferry
# BENCH_DIR: where the trees go (default /tmp); all three tools write to the same place.
WORK=$(mktemp -d "${BENCH_DIR:-/tmp}/ferry-bench.XXXXXX")
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; sleep 2; mkdir -p /tmp/ferry-bench-last; cp "$WORK"/*.log /tmp/ferry-bench-last/ 2>/dev/null || true; rm -rf "$WORK"; sync; }
trap cleanup EXIT
. "$ROOT/bench/lib.sh"
# CPU (user, system) of hub, a and b: steadier than wall time on a shared box.
cpus() { echo "$(cpu_ticks "${PIDS[0]}") $(cpu_ticks "${PIDS[1]}") $(cpu_ticks "${PIDS[2]}")"; }
# cpu_report LABEL BEFORE AFTER-UPLOAD AFTER-DOWNLOAD (each from cpus)
cpu_report() { python3 - "$@" <<'PY'
import os, sys
label = sys.argv[1]; hz = os.sysconf("SC_CLK_TCK")
c = [[tuple(int(t) / hz for t in p.split(",")) for p in a.split()] for a in sys.argv[2:]]
for name, (x, y) in (("upload", (0, 1)), ("download", (1, 2))):
    d = [(c[y][i][0] - c[x][i][0], c[y][i][1] - c[x][i][1]) for i in range(3)]
    print(f"{label} during {name} (user+system s): " + ", ".join(f"{n} {u:.1f}+{k:.1f}" for n, (u, k) in zip(("hub", "a", "b"), d)))
PY
}

echo "== making the tree (10,000 x 1 KiB in 100 dirs + 20 x 5 MiB)"
make_tree "$WORK/src"
cp -a "$WORK/src" "$WORK/a-docs"; mkdir -p "$WORK/b-docs" "$WORK/a-docs2" "$WORK/b-docs2"
sync; sleep 2

echo "== rsync -a (floor)"
t0=$(now); rsync -a "$WORK/src/" "$WORK/rsync-dst/"; t1=$(now)
RSYNC=$(secs "$t0" "$t1"); echo "rsync: ${RSYNC}s"
# The same copy made durable file by file, as Ferry and Syncthing write: what fsync costs here.
sync; sleep 2
t0=$(now); rsync -a --fsync "$WORK/src/" "$WORK/rsync-fsync-dst/"; t1=$(now)
RSYNC_FSYNC=$(secs "$t0" "$t1"); echo "rsync --fsync: ${RSYNC_FSYNC}s"
# The copies stay until the end: deleting 20,000 files here would slow every file created in
# the next minutes (see "The machine" in bench/README), and Ferry runs next.

echo "== ferry: hub + two daemons, manual syncs (other triggers off)"
prof() { [ -n "${PROFILE:-}" ] && echo "-XX:StartFlightRecording=filename=${PROFILE}/$1.jfr,settings=profile" || true; }
# start_hub NAME: a hub with its data in $WORK/NAME on a free port; sets HUB_URL and HUB_INVITE.
start_hub() {
  local port; port=$(free_port)
  FERRY_JAVA_OPTS="$(prof "$1") ${HUB_JAVA_OPTS:-}" "$FERRY" server --data "$WORK/$1" --port "$port" >"$WORK/$1.log" 2>&1 & PIDS+=($!)
  HUB_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 150); do curl -fsS "$HUB_URL/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
  HUB_INVITE=$("$FERRY" server invite --data "$WORK/$1" | tail -1)
}
# device_home NAME REALTIME: a FERRY_HOME whose triggers are off, but for real-time when REALTIME is true.
device_home() { triggers_config "$WORK/$1" "$2"; }
# start_daemons NAME...: a daemon for each home, then waits until each answers.
start_daemons() {
  for d in "$@"; do
    FERRY_JAVA_OPTS="$(prof "$d") ${DAEMON_JAVA_OPTS:-}" FERRY_HOME=$WORK/$d "$FERRY" daemon >"$WORK/$d-daemon.log" 2>&1 & PIDS+=($!)
  done
  for d in "$@"; do for _ in $(seq 1 150); do FERRY_HOME=$WORK/$d "$FERRY" status >/dev/null 2>&1 && break; sleep 0.2; done; done
}
export FERRY_PASSWORD="bench password 1234"
start_hub hub
device_home a false; device_home b false
FERRY_HOME=$WORK/a "$FERRY" init --server "$HUB_URL" --user bench --invite "$HUB_INVITE" >/dev/null
FERRY_HOME=$WORK/b "$FERRY" login --server "$HUB_URL" --user bench >/dev/null
FERRY_HOME=$WORK/a "$FERRY" folder add docs "$WORK/a-docs" >/dev/null
FERRY_HOME=$WORK/b "$FERRY" folder add docs "$WORK/b-docs" >/dev/null
# A second folder, empty until the warm run (WARM=1) fills it.
FERRY_HOME=$WORK/a "$FERRY" folder add docs2 "$WORK/a-docs2" >/dev/null
FERRY_HOME=$WORK/b "$FERRY" folder add docs2 "$WORK/b-docs2" >/dev/null
start_daemons a b
# sync_pair FOLDER SRC LABEL: `ferry sync FOLDER` on a, then on b; checks b against SRC and
# leaves the three instants in t0 t1 t2 and the CPU readings at them in c0 c1 c2.
sync_pair() {
  c0=$(cpus); t0=$(now)
  FERRY_HOME=$WORK/a "$FERRY" sync "$1" >/dev/null
  t1=$(now); c1=$(cpus)
  FERRY_HOME=$WORK/b "$FERRY" sync "$1" >/dev/null
  t2=$(now); c2=$(cpus)
  diff -r --exclude=.ferry "$WORK/$2" "$WORK/b-$1" >/dev/null || { echo "$3: trees differ!"; exit 1; }
}
sync_pair docs src ferry
UP=$(secs "$t0" "$t1"); DOWN=$(secs "$t1" "$t2"); FERRY_T=$(secs "$t0" "$t2")
echo "ferry: ${FERRY_T}s (upload on a ${UP}s, download on b ${DOWN}s)"
cpu_report "ferry cpu" "$c0" "$c1" "$c2"
if [ -n "${THREADS:-}" ]; then  # where the CPU went, per thread (user/system seconds)
  for i in 0 1 2; do python3 - "${PIDS[$i]}" <<'PY'
import os, sys, glob, collections
pid = sys.argv[1]; hz = os.sysconf('SC_CLK_TCK'); agg = collections.Counter(); sysc = collections.Counter()
for st in glob.glob(f'/proc/{pid}/task/*/stat'):
    raw = open(st).read(); name = raw[raw.index('(') + 1:raw.rindex(')')].rstrip('0123456789-')
    f = raw.rsplit(')', 1)[1].split(); agg[name] += int(f[11]) / hz; sysc[name] += int(f[12]) / hz
print(f"pid {pid}: " + ", ".join(f"{n} {agg[n]:.1f}u/{sysc[n]:.1f}s" for n, _ in (agg + sysc).most_common(8)))
PY
  done
fi

LIVE_T="not run (LIVE=1)"
if [ -n "${LIVE:-}" ]; then
  # How the product is used: the receiving daemon has its real-time trigger on and pulls while
  # the sender is still uploading. A second hub and two fresh daemons (c sends, d receives),
  # timed from `ferry sync` on c until d holds every file and is idle.
  echo "== ferry live: fresh hub and daemons; the receiver pulls as the hub announces changes"
  start_hub hub2
  mkdir -p "$WORK/d-docs"; cp -a "$WORK/src" "$WORK/c-docs"
  device_home c false; device_home d true
  FERRY_HOME=$WORK/c "$FERRY" init --server "$HUB_URL" --user live --invite "$HUB_INVITE" >/dev/null
  FERRY_HOME=$WORK/d "$FERRY" login --server "$HUB_URL" --user live >/dev/null
  FERRY_HOME=$WORK/c "$FERRY" folder add docs "$WORK/c-docs" >/dev/null
  FERRY_HOME=$WORK/d "$FERRY" folder add docs "$WORK/d-docs" >/dev/null
  start_daemons c d
  sync; sleep 2
  want=$(find "$WORK/src" -type f | wc -l)
  t0=$(now)
  FERRY_HOME=$WORK/c "$FERRY" sync docs >/dev/null
  t1=$(now)
  # Until the receiver's runs report every file downloaded (the "downloaded" counts of its
  # "sync end" log lines), each poll reads that small log instead of walking 10,000 files,
  # which would take CPU from the daemons being timed; the tree is walked only then.
  downloaded() { grep -h '"msg":"sync end' "$WORK/d-daemon.log" | grep -o '"downloaded":[0-9]*' | awk -F: '{s += $2} END {print s + 0}'; }
  for _ in $(seq 1 1000); do
    if [ "$(downloaded)" -ge "$want" ] \
      && [ "$(find "$WORK/d-docs" -type f ! -name '.ferry-tmp-*' | wc -l)" -ge "$want" ] \
      && FERRY_HOME=$WORK/d "$FERRY" status --json | jq -e '.folders[] | select(.id == "docs") | .state | ascii_downcase == "idle"' >/dev/null; then
      break
    fi
    sleep 0.1
  done
  t2=$(now)
  diff -r --exclude=.ferry "$WORK/src" "$WORK/d-docs" >/dev/null || { echo "ferry live: trees differ!"; exit 1; }
  LIVE_T="$(secs "$t0" "$t2")s (sender done after $(secs "$t0" "$t1")s)"
  echo "ferry live: $LIVE_T"
fi

WARM_T="not run (WARM=1)"
if [ -n "${WARM:-}" ]; then
  # The same job again on another folder, with hub and daemons already warm (their JIT has
  # compiled the hot code during the first run): what a running daemon does with a new folder.
  echo "== ferry: the same job on a second folder, daemons and hub already warm"
  make_tree "$WORK/src2"; cp -a "$WORK/src2/." "$WORK/a-docs2/"; sync; sleep 2
  sync_pair docs2 src2 "ferry warm"
  WARM_T="$(secs "$t0" "$t2")s (upload $(secs "$t0" "$t1")s + download $(secs "$t1" "$t2")s)"
  echo "ferry warm: $WARM_T"
  cpu_report "ferry warm cpu" "$c0" "$c1" "$c2"
fi

echo "== ferry: 1-byte edit in a 64 MiB file"
head -c $((64*1024*1024)) /dev/urandom > "$WORK/a-docs/big64.bin"
FERRY_HOME=$WORK/a "$FERRY" sync >/dev/null; FERRY_HOME=$WORK/b "$FERRY" sync >/dev/null
python3 -c "
import sys; p=sys.argv[1]
with open(p,'r+b') as f:
    f.seek(32*1024*1024); b=f.read(1); f.seek(32*1024*1024); f.write(bytes([b[0]^1]))" "$WORK/a-docs/big64.bin"
EDIT_UP=$(FERRY_HOME=$WORK/a "$FERRY" sync --json | jq '[.folders[].bytesUp] | add')
FERRY_HOME=$WORK/b "$FERRY" sync >/dev/null
cmp -s "$WORK/a-docs/big64.bin" "$WORK/b-docs/big64.bin" || { echo "edit did not arrive"; exit 1; }
echo "ferry: 1-byte edit in 64 MiB sent $EDIT_UP bytes"

ST="not installed"
if [ -z "${SKIP_SYNCTHING:-}" ] && command -v syncthing >/dev/null; then
  echo "== syncthing: two instances on loopback, same tree"
  cp -a "$WORK/src" "$WORK/st-a-docs"; mkdir -p "$WORK/st-b-docs"
  for d in a b; do syncthing generate --home="$WORK/st-$d" >/dev/null 2>&1 || syncthing -generate="$WORK/st-$d" >/dev/null 2>&1; done
  IDA=$(syncthing --home="$WORK/st-a" --device-id 2>/dev/null || syncthing -home="$WORK/st-a" -device-id)
  IDB=$(syncthing --home="$WORK/st-b" --device-id 2>/dev/null || syncthing -home="$WORK/st-b" -device-id)
  GA=$(free_port); GB=$(free_port); LA=$(free_port); LB=$(free_port)
  python3 - "$WORK" "$IDA" "$IDB" "$GA" "$GB" "$LA" "$LB" <<'PY'
import sys, xml.etree.ElementTree as ET
work, ida, idb, ga, gb, la, lb = sys.argv[1:]
def conf(me, my_id, other_id, gui, listen, other_listen, path):
    f = f"{work}/st-{me}/config.xml"; t = ET.parse(f); r = t.getroot()
    for fo in r.findall("folder"): r.remove(fo)
    for dv in r.findall("device"):
        if dv.get("id") != my_id: r.remove(dv)
    dev = ET.SubElement(r, "device", id=other_id, name="other", compression="metadata", introducer="false")
    ET.SubElement(dev, "address").text = f"tcp://127.0.0.1:{other_listen}"
    fo = ET.Element("folder", id="bench", label="bench", path=path, type="sendreceive", rescanIntervalS="3600", fsWatcherEnabled="false")
    ET.SubElement(fo, "device", id=my_id); ET.SubElement(fo, "device", id=other_id)
    r.insert(0, fo)
    g = r.find("gui"); g.find("address").text = f"127.0.0.1:{gui}"
    ak = g.find("apikey") or ET.SubElement(g, "apikey"); ak.text = "benchkey"
    o = r.find("options")
    for k, v in [("listenAddress", f"tcp://127.0.0.1:{listen}"), ("globalAnnounceEnabled", "false"), ("localAnnounceEnabled", "false"),
                 ("relaysEnabled", "false"), ("natEnabled", "false"), ("urAccepted", "-1"), ("startBrowser", "false"), ("crashReportingEnabled", "false"), ("autoUpgradeIntervalH", "0")]:
        e = o.find(k)
        if e is None: e = ET.SubElement(o, k)
        e.text = v
    t.write(f)
conf("a", ida, idb, ga, la, lb, f"{work}/st-a-docs")
conf("b", idb, ida, gb, lb, la, f"{work}/st-b-docs")
PY
  t0=$(now)
  for d in a b; do syncthing serve --home="$WORK/st-$d" --no-browser --no-restart >"$WORK/st-$d.log" 2>&1 & PIDS+=($!); done
  want=$(find "$WORK/src" -type f | wc -l)
  for _ in $(seq 1 3000); do
    s=$(curl -fsS -H "X-API-Key: benchkey" "http://127.0.0.1:$GB/rest/db/status?folder=bench" 2>/dev/null || true)
    if [ -n "$s" ] && [ "$(echo "$s" | jq '.localFiles')" = "$want" ] && [ "$(echo "$s" | jq '.needFiles')" = 0 ] && [ "$(echo "$s" | jq -r '.state')" = idle ]; then break; fi
    sleep 0.1
  done
  t1=$(now)
  diff -r --exclude=.stfolder "$WORK/src" "$WORK/st-b-docs" >/dev/null && ST="$(secs "$t0" "$t1")s" || ST="did not finish"
  echo "syncthing: $ST (from process start, includes its scan)"
fi

echo
echo "| job | time |"
echo "|---|---|"
echo "| rsync -a (floor) | ${RSYNC}s |"
echo "| rsync -a --fsync (durable floor) | ${RSYNC_FSYNC}s |"
echo "| ferry initial sync a→hub→b | ${FERRY_T}s (upload ${UP}s + download ${DOWN}s) |"
echo "| ferry live: receiver on its real-time trigger, fresh hub and daemons | ${LIVE_T} |"
echo "| ferry, same job, daemons and hub warm | ${WARM_T} |"
echo "| syncthing 1.19 two instances | $ST |"
echo "| ferry bytes sent for a 1-byte edit in 64 MiB | $EDIT_UP |"
