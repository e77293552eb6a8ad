#!/usr/bin/env bash
# A local S3-compatible server (S3Proxy over a folder) on 127.0.0.1 for trying Lakeforge's S3
# support on one machine.
#   scripts/local-s3.sh start    starts it (if needed), creates the bucket, prints export lines
#   scripts/local-s3.sh status   says whether it runs and where
#   scripts/local-s3.sh stop     stops it (the data stays in .s3/data)
# Usage:  eval "$(scripts/local-s3.sh start)"
#         bin/lakeforge pipeline --spec conf/pipelines/mnist-kmeans.conf --profile s3 \
#             --lake "s3a://$LAKEFORGE_S3_BUCKET/lake"
# Settings: LOCAL_S3_PORT (default 9555), LOCAL_S3_BUCKET (default lakeforge).
set -euo pipefail

HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$HOME_DIR/.s3"
PORT="${LOCAL_S3_PORT:-9555}"
BUCKET="${LOCAL_S3_BUCKET:-lakeforge}"
CP_FILE="$HOME_DIR/test-support/target/local-s3-classpath.txt"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

running() {
  [[ -f "$STATE/pid" ]] && kill -0 "$(cat "$STATE/pid")" 2>/dev/null
}

exports() {
  # shellcheck disable=SC1091
  source "$STATE/keys"
  echo "export LAKEFORGE_S3_ENDPOINT=http://127.0.0.1:$(cat "$STATE/port")"
  echo "export LAKEFORGE_S3_BUCKET=$(cat "$STATE/bucket")"
  echo "export LAKEFORGE_S3_SSL=false"
  echo "export LAKEFORGE_S3_PATH_STYLE=true"
  echo "export AWS_ACCESS_KEY_ID=$LOCAL_S3_ACCESS_KEY"
  echo "export AWS_SECRET_ACCESS_KEY=$LOCAL_S3_SECRET_KEY"
}

start() {
  mkdir -p "$STATE/data"
  if running; then
    echo "local-s3: already running (pid $(cat "$STATE/pid"))" >&2
    exports
    return 0
  fi
  if [[ ! -f "$CP_FILE" || ! -d "$HOME_DIR/test-support/target/classes" ]]; then
    echo "local-s3: building the server's classpath (first use)..." >&2
    (cd "$HOME_DIR" && mvn -B -q -DskipTests -pl test-support -am package >&2)
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    echo "local-s3: error: port $PORT on 127.0.0.1 is in use; set LOCAL_S3_PORT" >&2
    return 1
  fi
  if [[ ! -f "$STATE/keys" ]]; then
    # Throwaway keys for this local server only; kept out of git in .s3/.
    umask 077
    {
      echo "LOCAL_S3_ACCESS_KEY=local$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
      echo "LOCAL_S3_SECRET_KEY=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    } > "$STATE/keys"
  fi
  echo "$PORT" > "$STATE/port"
  echo "$BUCKET" > "$STATE/bucket"
  set -a
  # shellcheck disable=SC1091
  source "$STATE/keys"
  set +a
  nohup "$JAVA" -Xmx512m -cp "$HOME_DIR/test-support/target/classes:$(cat "$CP_FILE")" \
    io.lakeforge.testing.s3.LocalS3 "$STATE/data" "$PORT" "$BUCKET" \
    > "$STATE/server.log" 2>&1 < /dev/null &
  echo $! > "$STATE/pid"
  for _ in $(seq 1 120); do
    if grep -q '^ready ' "$STATE/server.log" 2>/dev/null; then
      echo "local-s3: ready at http://127.0.0.1:$PORT, bucket $BUCKET (pid $(cat "$STATE/pid"))" >&2
      exports
      return 0
    fi
    if ! running; then
      echo "local-s3: error: the server exited; see $STATE/server.log" >&2
      tail -5 "$STATE/server.log" >&2 || true
      return 1
    fi
    sleep 0.5
  done
  echo "local-s3: error: not ready after 60 s; see $STATE/server.log" >&2
  return 1
}

stop() {
  if running; then
    local pid
    pid="$(cat "$STATE/pid")"
    kill "$pid"
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    kill -9 "$pid" 2>/dev/null || true
    echo "local-s3: stopped" >&2
  else
    echo "local-s3: not running" >&2
  fi
  rm -f "$STATE/pid"
}

status() {
  if running; then
    echo "local-s3: running at http://127.0.0.1:$(cat "$STATE/port"), bucket $(cat "$STATE/bucket"), pid $(cat "$STATE/pid")"
  else
    echo "local-s3: not running"
    return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: scripts/local-s3.sh start | stop | status" >&2; exit 2 ;;
esac
