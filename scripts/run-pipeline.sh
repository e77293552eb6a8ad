#!/usr/bin/env bash
# Runs one pipeline for cron: takes a lock so that overlapping runs never collide, writes one log
# file per run, and passes the pipeline's exit code through.
#   scripts/run-pipeline.sh SPEC [LAKEFORGE ARGS...]
#   e.g. scripts/run-pipeline.sh conf/pipelines/mnist-kmeans.conf --lake /data/lake
# Exit codes: the pipeline's own (0 ok, 2 bad input, 1 failure), or 75 when another run of the
# same spec holds the lock (cron will try again at the next slot).
# Settings: LAKEFORGE_LOG_DIR (default logs/), LAKEFORGE_LOCK_DIR (default /tmp),
# LAKEFORGE_CMD (default bin/lakeforge; scripts/spark-submit.sh ... for a cluster).
set -uo pipefail

HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $# -lt 1 ]]; then
  echo "usage: scripts/run-pipeline.sh SPEC [LAKEFORGE ARGS...]" >&2
  exit 2
fi
SPEC="$1"
shift
NAME="$(basename "$SPEC" .conf)"
LOG_DIR="${LAKEFORGE_LOG_DIR:-$HOME_DIR/logs}"
LOCK="${LAKEFORGE_LOCK_DIR:-/tmp}/lakeforge-$NAME.lock"
CMD="${LAKEFORGE_CMD:-$HOME_DIR/bin/lakeforge}"
mkdir -p "$LOG_DIR"
LOG="$LOG_DIR/$NAME-$(date -u +%Y%m%dT%H%M%SZ)-$$.log"

exec 9>"$LOCK"
if ! flock -n 9; then
  echo "run-pipeline: another $NAME run holds $LOCK; not starting (exit 75)" | tee -a "$LOG" >&2
  exit 75
fi
echo "run-pipeline: $NAME started at $(date -u +%FT%TZ), log $LOG" >&2
# shellcheck disable=SC2086
$CMD pipeline --spec "$SPEC" "$@" > "$LOG" 2>&1
code=$?
echo "run-pipeline: $NAME ended with exit code $code at $(date -u +%FT%TZ)" | tee -a "$LOG" >&2
exit $code
