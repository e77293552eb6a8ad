#!/usr/bin/env bash
# The supported way to run any lakeforge command on a Spark cluster.
#   scripts/spark-submit.sh [--master URL] [--deploy-mode client|cluster] [--conf K=V]...
#                           COMMAND [ARGS...]
# e.g. scripts/spark-submit.sh --master spark://127.0.0.1:7077 --deploy-mode client \
#        pipeline --spec conf/pipelines/mnist-kmeans.conf --lake /data/lake
# SPARK_HOME: a Spark 4.0 installation (default: .cluster/spark from scripts/local-cluster.sh).
# Cluster deploy mode submits through the master's REST server (port 6066 of the master's
# host unless --master already names it) and waits for the driver's final state: the exit code
# is 0 only if the driver FINISHED, so a scheduler sees failures (legacy cluster-mode submit
# returns 0 even when the driver fails).
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
CONFS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --master) MASTER="$2"; shift 2 ;;
    --deploy-mode) MODE="$2"; shift 2 ;;
    --conf) CONFS+=(--conf "$2"); shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
if [[ $# -eq 0 ]]; then
  echo "spark-submit: error: a lakeforge command is required (e.g. pipeline --spec ...)" >&2
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

APP_JAR="$(ls "$HOME_DIR"/jobs/target/lakeforge-jobs-*-app.jar 2>/dev/null | head -n 1 || true)"
if [[ -z "$APP_JAR" ]]; then
  echo "spark-submit: building the application jar..." >&2
  (cd "$HOME_DIR" && mvn -B -q -DskipTests -pl jobs -am package >&2)
  APP_JAR="$(ls "$HOME_DIR"/jobs/target/lakeforge-jobs-*-app.jar | head -n 1)"
fi

# The driver reads conf/ and the shipped samples from the Lakeforge folder.
DRIVER_OPTS="$SPARK_JVM_FLAGS_STRING -Dlakeforge.home=$HOME_DIR"
DRIVER_OPTS+=" -Dlog4j2.configurationFile=$HOME_DIR/conf/log4j2.properties"
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
  exec "$JAVA" "${SPARK_JVM_FLAGS[@]}" -Xmx"${LAKEFORGE_HEAP:-2g}" -Dlakeforge.home="$HOME_DIR" \
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
"${SUBMIT[@]}" --master "spark://$HOST:$REST_PORT" --deploy-mode cluster \
  --class io.lakeforge.jobs.cli.Main --driver-java-options "$DRIVER_OPTS" \
  --conf spark.master.rest.enabled=true "${CONFS[@]}" "$APP_JAR" "$@" > "$LOG" 2>&1 || {
    cat "$LOG" >&2
    echo "spark-submit: error: the submission to spark://$HOST:$REST_PORT failed" >&2
    exit 1
  }
DRIVER="$(grep -Eo 'driver-[0-9]+-[0-9]+' "$LOG" | head -n 1 || true)"
if [[ -z "$DRIVER" ]]; then
  cat "$LOG" >&2
  echo "spark-submit: error: no driver id in the submission's response" >&2
  exit 1
fi
echo "spark-submit: submitted $DRIVER; waiting for it to finish" >&2
status_of() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time 10 "http://$HOST:$REST_PORT/v1/submissions/status/$DRIVER" 2>/dev/null
  else
    (exec 3<>"/dev/tcp/$HOST/$REST_PORT" \
      && printf 'GET /v1/submissions/status/%s HTTP/1.0\r\n\r\n' "$DRIVER" >&3 && cat <&3) \
      2>/dev/null
  fi
}
STATE=""
while true; do
  STATE="$(status_of | grep -Eo '"driverState" *: *"[A-Z_]+"' | grep -Eo '[A-Z_]+"$' \
    | tr -d '"' || true)"
  case "$STATE" in
    FINISHED|FAILED|ERROR|KILLED) break ;;
  esac
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
