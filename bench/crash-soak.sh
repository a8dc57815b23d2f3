#!/usr/bin/env bash
# Crash soak: the daemon killed with SIGKILL at random points during syncs of a changing folder,
# ROUNDS times (default 200), then restarted; checks that every edit arrived, no file is torn and
# no change made two revisions. The same test runs 20 rounds in `mvn verify`.
#   bench/crash-soak.sh [ROUNDS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-200}
seed=${2:-$RANDOM$RANDOM}
start=$(date +%s)
if mvn -B -o -q -pl cli -am test -Dtest=CrashEndToEndTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dferry.crash.rounds="$rounds" -Dferry.crash.seed="$seed" >/tmp/ferry-crash-soak.log 2>&1; then
  echo "crash soak: $rounds kills, seed $seed: nothing lost, nothing torn, nothing twice ($(( $(date +%s) - start )) s)"
else
  echo "crash soak FAILED (seed $seed): see /tmp/ferry-crash-soak.log and cli/target/surefire-reports"
  exit 1
fi
