#!/usr/bin/env bash
# The supported way to run any lakeforge command on a Spark cluster.
#   scripts/spark-submit.sh [--master URL] [--deploy-mode client|cluster] [--conf K=V]...
#                           [--timeout SECONDS] COMMAND [ARGS...]
# e.g. scripts/spark-submit.sh --master spark://127.0.0.1:7077 --deploy-mode client \
#        pipeline --spec conf/pipelines/mnist-kmeans.conf --lake /data/lake
# SPARK_HOME: a Spark 4.0 installation (default: .cluster/spark from scripts/local-cluster.sh).
# Cluster deploy mode submits through the master's REST server (port 6066 of the master's
# host unless --master already names it) and waits for the driver's final state: the exit code
# is 0 only if the driver FINISHED, so a scheduler sees failures (legacy cluster-mode submit
# returns 0 even when the driver fails). It never waits forever: when the master does not answer
# the submission, or the driver's state stays unknown, for --timeout seconds (default 120, or
# $LAKEFORGE_SUBMIT_TIMEOUT) it gives up with one line and exit code 1, so a scheduler's lock is
# released. LAKEFORGE_DEBUG=1 also prints the submission's own log. LAKEFORGE_JAVA_OPTS: more
# JVM options for the driver (either mode); LAKEFORGE_HEAP: the client-mode driver heap (2g).
set -euo pipefail

HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/spark-flags.sh
source "$HOME_DIR/scripts/spark-flags.sh"
export SPARK_HOME="${SPARK_HOME:-$HOME_DIR/.cluster/spark}"
export SPARK_SCALA_VERSION=2.13
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

MASTER="spark://127.0.0.1:7077"
MODE="client"
TIMEOUT="${LAKEFORGE_SUBMIT_TIMEOUT:-120}"
CONFS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --master) MASTER="$2"; shift 2 ;;
    --deploy-mode) MODE="$2"; shift 2 ;;
    --conf) CONFS+=(--conf "$2"); shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
if [[ $# -eq 0 ]]; then
  echo "spark-submit: error: a lakeforge command is required (e.g. pipeline --spec ...)" >&2
  exit 2
fi
if ! [[ "$TIMEOUT" =~ ^[0-9]+$ ]] || [[ "$TIMEOUT" -lt 1 ]]; then
  echo "spark-submit: error: --timeout $TIMEOUT is invalid: expected a number of seconds >= 1" >&2
  exit 2
fi
if [[ "$MODE" != client && "$MODE" != cluster ]]; then
  echo "spark-submit: error: --deploy-mode $MODE is invalid: expected client or cluster" >&2
  exit 2
fi
if [[ ! -d "$SPARK_HOME/jars" ]]; then
  echo "spark-submit: error: no Spark at SPARK_HOME=$SPARK_HOME (run scripts/local-cluster.sh" \
    "start, or set SPARK_HOME)" >&2
  exit 2
fi

# shellcheck source=scripts/app-jar.sh
source "$HOME_DIR/scripts/app-jar.sh"
lakeforge_app_jar spark-submit

# The driver reads conf/ and the shipped samples from the Lakeforge folder.
DRIVER_OPTS="$SPARK_JVM_FLAGS_STRING -Dlakeforge.home=$HOME_DIR"
DRIVER_OPTS+=" -Dlog4j2.configurationFile=$HOME_DIR/conf/log4j2.properties"
DRIVER_OPTS+="${LAKEFORGE_JAVA_OPTS:+ $LAKEFORGE_JAVA_OPTS}"
# shellcheck disable=SC2206  # word splitting of the user's JVM options is intended
EXTRA=(${LAKEFORGE_JAVA_OPTS:-})
SUBMIT_LOG_CONF="$(mktemp --suffix=.properties)"
trap 'rm -f "$SUBMIT_LOG_CONF"' EXIT
# The REST client reports the driver's id at INFO; keep everything else quiet.
cat > "$SUBMIT_LOG_CONF" <<'PROPS'
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = stderr
appender.stderr.type = Console
appender.stderr.name = stderr
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = %m%n
logger.rest.name = org.apache.spark.deploy.rest.RestSubmissionClient
logger.rest.level = info
PROPS
SUBMIT=("$JAVA" "${SPARK_JVM_FLAGS[@]}" -Xmx1g -Dlakeforge.home="$HOME_DIR"
  -Dlog4j2.configurationFile="$SUBMIT_LOG_CONF"
  -cp "$SPARK_HOME/conf/:$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit)

if [[ "$MODE" == client ]]; then
  # In client mode the driver is this JVM: its flags are the java command's own.
  exec "$JAVA" "${SPARK_JVM_FLAGS[@]}" -Xmx"${LAKEFORGE_HEAP:-2g}" "${EXTRA[@]+"${EXTRA[@]}"}" \
    -Dlakeforge.home="$HOME_DIR" \
    -Dlog4j2.configurationFile="$HOME_DIR/conf/log4j2.properties" \
    -cp "$SPARK_HOME/conf/:$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \
    --master "$MASTER" --deploy-mode client --class io.lakeforge.jobs.cli.Main \
    "${CONFS[@]}" "$APP_JAR" "$@"
fi

# Cluster mode: submit through the REST server, then follow the driver to its final state.
HOST_PORT="${MASTER#spark://}"
HOST="${HOST_PORT%%:*}"
REST_PORT="${LAKEFORGE_REST_PORT:-6066}"
LOG="$(mktemp)"
trap 'rm -f "$LOG" "$SUBMIT_LOG_CONF"' EXIT
debug_log() {
  if [[ -n "${LAKEFORGE_DEBUG:-}" ]]; then cat "$LOG" >&2; fi
}
# The first line of the submission's log that says why it failed (connection refused, ...).
submit_cause() {
  grep -Eo '(Connection refused|Unable to connect to server [^ ]+|Failed to connect to [^ ]+|[A-Za-z.]*Exception: [^(]*)' \
    "$LOG" | head -n 1 || true
}
SUBMIT_RC=0
timeout --kill-after=5 "$TIMEOUT" "${SUBMIT[@]}" --master "spark://$HOST:$REST_PORT" \
  --deploy-mode cluster --class io.lakeforge.jobs.cli.Main --driver-java-options "$DRIVER_OPTS" \
  --conf spark.master.rest.enabled=true "${CONFS[@]}" "$APP_JAR" "$@" > "$LOG" 2>&1 \
  || SUBMIT_RC=$?
if [[ "$SUBMIT_RC" -eq 124 || "$SUBMIT_RC" -eq 137 ]]; then
  debug_log
  echo "spark-submit: error: the master at spark://$HOST:$REST_PORT did not answer the" \
    "submission within ${TIMEOUT}s (is it running, with its REST server on? --timeout" \
    "SECONDS waits longer)" >&2
  exit 1
fi
DRIVER="$(grep -Eo 'driver-[0-9]+-[0-9]+' "$LOG" | head -n 1 || true)"
if [[ "$SUBMIT_RC" -ne 0 || -z "$DRIVER" ]]; then
  debug_log
  CAUSE="$(submit_cause)"
  echo "spark-submit: error: the submission to spark://$HOST:$REST_PORT failed" \
    "(${CAUSE:-no driver id in the response}; LAKEFORGE_DEBUG=1 shows its log)" >&2
  exit 1
fi
echo "spark-submit: submitted $DRIVER; waiting for it to finish" >&2
POLL_TIMEOUT=$(( TIMEOUT < 10 ? TIMEOUT : 10 ))
status_of() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time "$POLL_TIMEOUT" \
      "http://$HOST:$REST_PORT/v1/submissions/status/$DRIVER" 2>/dev/null
  else
    timeout "$POLL_TIMEOUT" bash -c 'exec 3<>"/dev/tcp/$1/$2" \
      && printf "GET /v1/submissions/status/%s HTTP/1.0\r\n\r\n" "$3" >&3 && cat <&3' \
      _ "$HOST" "$REST_PORT" "$DRIVER" 2>/dev/null
  fi
}
# A driver that is SUBMITTED or RUNNING is followed as long as it runs; a state that cannot be
# learned (no answer, UNKNOWN) for --timeout seconds in a row ends the wait.
STATE=""
KNOWN_AT=$SECONDS
while true; do
  STATE="$(status_of | grep -Eo '"driverState" *: *"[A-Z_]+"' | grep -Eo '[A-Z_]+"$' \
    | tr -d '"' || true)"
  case "$STATE" in
    FINISHED|FAILED|ERROR|KILLED) break ;;
    SUBMITTED|RUNNING|RELAUNCHING) KNOWN_AT=$SECONDS ;;
  esac
  if (( SECONDS - KNOWN_AT >= TIMEOUT )); then
    echo "spark-submit: error: the state of $DRIVER has been unknown for ${TIMEOUT}s (no" \
      "answer from http://$HOST:$REST_PORT); it may still be running: check the master's UI" >&2
    exit 1
  fi
  sleep 1
done
WORK_LOG="$HOME_DIR/.cluster/work/$DRIVER"
if [[ -d "$WORK_LOG" ]]; then
  cat "$WORK_LOG/stdout" 2>/dev/null || true
  grep -E '^lakeforge: ' "$WORK_LOG/stderr" >&2 2>/dev/null || true
fi
if [[ "$STATE" == FINISHED ]]; then
  echo "spark-submit: $DRIVER FINISHED" >&2
  exit 0
fi
echo "spark-submit: error: $DRIVER ended $STATE (driver log: $WORK_LOG)" >&2
exit 1
