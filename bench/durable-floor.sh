#!/usr/bin/env bash
# What durable writes alone cost on this file system: the sync bench's tree copied by rsync -a,
# rsync -a --fsync, and bench/DurableFloor.java (Ferry's atomic write, temp + mtime + fsync +
# rename, from a pool of threads, nothing else), in one run, ROUNDS times (default 2).
# Usage: BENCH_DIR=DIR bench/durable-floor.sh   (DIR: the file system to measure; default /tmp).
# JOBS="THREADS MODE,..." picks the floor's jobs (modes: see bench/DurableFloor.java).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${BENCH_DIR:-/tmp}/ferry-floor.XXXXXX")
trap 'rm -rf "$WORK"; sync' EXIT
. "$ROOT/bench/lib.sh"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
# Compiled once, outside the timings (the source launcher would compile on every run).
javac -d "$WORK/classes" "$ROOT/bench/DurableFloor.java"
echo "== making the tree (10,000 x 1 KiB in 100 dirs + 20 x 5 MiB) in $WORK"
make_tree "$WORK/src"
# Each copy goes to a fresh directory, and none is deleted before the end: see "The machine"
# in bench/README for what a mass delete does to the next file creations.
settle() { sync; sleep 2; }
# timed CMD...: seconds CMD took, after the disk has settled.
timed() { local t0 t1; settle; t0=$(now); "$@" >/dev/null; t1=$(now); secs "$t0" "$t1"; }
for r in $(seq 1 "${ROUNDS:-2}"); do
  echo "round $r: rsync -a $(timed rsync -a "$WORK/src/" "$WORK/rsync-$r/")s," \
    "rsync -a --fsync $(timed rsync -a --fsync "$WORK/src/" "$WORK/rsync-fsync-$r/")s"
  IFS=, read -ra jobs <<<"${JOBS:-16 none,1 fsync,16 fsync,16 syncfs}"
  for job in "${jobs[@]}"; do
    set -- $job; settle
    echo "round $r: $("$java" -cp "$WORK/classes" DurableFloor "$WORK/src" "$WORK/floor-$r-$1-$2" "$1" "$2")"
  done
done
