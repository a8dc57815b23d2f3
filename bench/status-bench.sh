#!/usr/bin/env bash
# Status round trip: how long a whole `ferry status` process takes (JVM start, connect, ask the
# running daemon, print, exit), median and p90 of N runs; with `java -version` and a hello world
# for comparison, so the number can be read against what the JVM alone costs on this machine.
#
# Usage: bench/status-bench.sh [RUNS]   (default 20)
# Needs a running daemon for the FERRY_HOME in the environment (`ferry daemon` or `ferry quickstart`)
# and a built jar (mvn -B -DskipTests package). The first `ferry` run creates the class-data
# archive (cli/target/ferry-status.jsa) if it is missing, so one warm-up run is made before measuring.
set -euo pipefail
runs=${1:-20}
here=$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ferry=$here/../bin/ferry
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac

if ! "$ferry" status >/dev/null 2>&1 && [ $? -ne 4 ]; then
  echo "status-bench: 'ferry status' fails: start the daemon first (ferry daemon)" >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$tmp/Hello.java"
"$javac" -d "$tmp" "$tmp/Hello.java"

# Prints "label median p90" in milliseconds for RUNS runs of the command (exit codes ignored:
# status says 4 when a folder needs attention, which costs the same).
measure() {
  local label=$1; shift
  "$@" >/dev/null 2>&1 || true # warm-up: file cache, and the archive on first use
  local times=()
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" -v n="$runs" '
    { v[NR] = $1 }
    END {
      med = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
      p = int(0.9 * n + 0.999999); if (p < 1) p = 1
      printf "%-28s median %5d ms   p90 %5d ms\n", label, med, v[p]
    }'
}

echo "runs: $runs, $(nproc) cores, $("$java" -version 2>&1 | head -1)"
measure "java -version" "$java" -version
measure "hello world (java -cp)" "$java" -Xshare:auto -XX:TieredStopAtLevel=1 -cp "$tmp" Hello
measure "ferry status" "$ferry" status
measure "ferry status --json" "$ferry" status --json
