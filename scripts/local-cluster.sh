#!/usr/bin/env bash
# A real Spark standalone cluster on 127.0.0.1 from Maven-resolved Spark jars (no download):
# one master (REST submission server on) and two workers.
#   scripts/local-cluster.sh start    prints the master URL on its last line once all are ALIVE
#   scripts/local-cluster.sh status
#   scripts/local-cluster.sh stop     leaves no Spark process behind
#   scripts/local-cluster.sh jars     resolves Spark's jars only and prints their folder
# Settings: LOCAL_CLUSTER_PORT (7077), LOCAL_CLUSTER_UI_PORT (8080), LOCAL_CLUSTER_REST_PORT
# (6066), LOCAL_CLUSTER_WORKER_CORES (2), LOCAL_CLUSTER_WORKER_MEMORY (2g).
set -euo pipefail

HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/spark-flags.sh
source "$HOME_DIR/scripts/spark-flags.sh"
STATE="$HOME_DIR/.cluster"
export SPARK_HOME="$STATE/spark"
export SPARK_SCALA_VERSION=2.13
export SPARK_LOCAL_IP=127.0.0.1
PORT="${LOCAL_CLUSTER_PORT:-7077}"
UI="${LOCAL_CLUSTER_UI_PORT:-8080}"
REST="${LOCAL_CLUSTER_REST_PORT:-6066}"
CORES="${LOCAL_CLUSTER_WORKER_CORES:-2}"
MEMORY="${LOCAL_CLUSTER_WORKER_MEMORY:-2g}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

spark_home() {
  if [[ ! -f "$SPARK_HOME/jars/.complete" ]]; then
    echo "local-cluster: resolving Spark's jars with Maven (first use)..." >&2
    rm -rf "$SPARK_HOME/jars"
    mkdir -p "$SPARK_HOME/jars" "$SPARK_HOME/conf"
    mvn -B -q -f "$HOME_DIR/scripts/cluster/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$SPARK_HOME/jars" >&2
    touch "$SPARK_HOME/jars/.complete"
  fi
  cp "$HOME_DIR/conf/log4j2.properties" "$SPARK_HOME/conf/log4j2.properties"
}

pids() {
  [[ -d "$STATE/pids" ]] && cat "$STATE"/pids/*.pid 2>/dev/null || true
}

# GET http://127.0.0.1:PORT/PATH with curl, or bash's /dev/tcp where curl is missing.
http_get() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time 5 "http://127.0.0.1:$1$2" 2>/dev/null
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET %s HTTP/1.0\r\n\r\n' "$2" >&3 && cat <&3) \
      2>/dev/null
  fi
}

# -1 when the master is not ALIVE, else the number of ALIVE workers.
alive_workers() {
  local json
  json="$(http_get "$UI" /json/ || true)"
  if ! grep -Eq '"status" *: *"ALIVE"' <<<"$json"; then
    echo -1
    return
  fi
  grep -Eo '"state" *: *"ALIVE"' <<<"$json" | wc -l
}

launch() {
  local name="$1"; shift
  nohup "$JAVA" "${SPARK_JVM_FLAGS[@]}" -Xmx512m -cp "$SPARK_HOME/conf/:$SPARK_HOME/jars/*" \
    "$@" > "$STATE/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$STATE/pids/$name.pid"
}

wait_for() {
  local want="$1" seconds="$2"
  for _ in $(seq 1 $((seconds * 2))); do
    [[ "$(alive_workers)" -ge "$want" ]] && return 0
    sleep 0.5
  done
  return 1
}

start() {
  if [[ -n "$(pids)" ]] && [[ "$(alive_workers)" -ge 2 ]]; then
    echo "local-cluster: already running" >&2
    echo "spark://127.0.0.1:$PORT"
    return 0
  fi
  stop_quietly
  spark_home
  mkdir -p "$STATE/logs" "$STATE/pids" "$STATE/work"
  launch master -Dspark.master.rest.enabled=true -Dspark.master.rest.port="$REST" \
    org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" --webui-port "$UI"
  if ! wait_for 0 60; then
    echo "local-cluster: error: the master did not come up; see $STATE/logs/master.log" >&2
    tail -5 "$STATE/logs/master.log" >&2 || true
    stop_quietly
    return 1
  fi
  for i in 1 2; do
    launch "worker$i" org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$PORT" \
      --cores "$CORES" --memory "$MEMORY" --host 127.0.0.1 --webui-port $((UI + i)) \
      --work-dir "$STATE/work"
  done
  if ! wait_for 2 90; then
    echo "local-cluster: error: the workers did not register; see $STATE/logs/" >&2
    stop_quietly
    return 1
  fi
  echo "local-cluster: master and 2 workers ALIVE (UI http://127.0.0.1:$UI, REST" \
    "spark://127.0.0.1:$REST for cluster deploy mode)" >&2
  echo "spark://127.0.0.1:$PORT"
}

stop_quietly() {
  local p
  for p in $(pids); do
    kill "$p" 2>/dev/null || true
  done
  for _ in $(seq 1 40); do
    local left=0
    for p in $(pids); do
      kill -0 "$p" 2>/dev/null && left=1
    done
    [[ $left -eq 0 ]] && break
    sleep 0.25
  done
  for p in $(pids); do
    kill -9 "$p" 2>/dev/null || true
  done
  # Executors and cluster-mode drivers are children of the workers; make sure none is left.
  pkill -9 -f "CoarseGrainedExecutorBackend.*127.0.0.1:" 2>/dev/null || true
  pkill -9 -f "org.apache.spark.deploy.worker.DriverWrapper" 2>/dev/null || true
  rm -f "$STATE"/pids/*.pid 2>/dev/null || true
}

case "${1:-}" in
  start) start ;;
  # The Spark jars alone (resolved on first use), for scripts/spark-shell.sh.
  jars) spark_home; echo "$SPARK_HOME/jars" ;;
  stop) stop_quietly; echo "local-cluster: stopped" >&2 ;;
  status)
    n="$(alive_workers)"
    if [[ "$n" -ge 0 ]]; then
      echo "local-cluster: master ALIVE at spark://127.0.0.1:$PORT with $n ALIVE worker(s)"
    else
      echo "local-cluster: not running"
      exit 3
    fi ;;
  *) echo "usage: scripts/local-cluster.sh start | stop | status | jars" >&2; exit 2 ;;
esac
