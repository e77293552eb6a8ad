#!/usr/bin/env bash
# K-Means benchmark: Lakeforge vs Spark MLlib on Fashion-MNIST (60,000 × 784), one Spark
# application, local[2]. Writes docs/benchmarks.md and docs/benchmarks.json.
#   scripts/bench-kmeans.sh [--quick] [--no-native-blas] [DATA_DIR]
# DATA_DIR holds train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz; by default
# /usr/share/datasets/fashion-mnist, installed from Debian's dataset-fashion-mnist when missing.
# As root it also installs Debian's OpenBLAS (libopenblas0-openmp), which both sides then use
# through netlib's JNI binding; --no-native-blas keeps the JVM's own BLAS.
set -euo pipefail

HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="/usr/share/datasets/fashion-mnist"
ARGS=()
NATIVE=1
# scripts/bench-trainers.sh reuses this script's setup for its own benchmark program.
MAIN="${BENCH_MAIN:-io.lakeforge.benchmarks.KMeansBenchmark}"
NAME="${BENCH_NAME:-bench-kmeans}"
if [[ "${1:-}" == --main-args ]]; then
  DATA="$2"
  shift 2
  ARGS=("$@")
else
  for a in "$@"; do
    case "$a" in
      --quick) ARGS+=(--quick) ;;
      --no-native-blas) NATIVE=0 ;;
      -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
      -*) echo "bench-kmeans: unknown option $a" >&2; exit 2 ;;
      *) DATA="$a" ;;
    esac
  done
fi

apt_install() {
  if [[ $(id -u) -ne 0 ]]; then
    echo "$NAME: not root; cannot install $*" >&2
    return 1
  fi
  apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2
}

if [[ ! -f "$DATA/train-images-idx3-ubyte.gz" ]]; then
  if [[ "$DATA" == /usr/share/datasets/fashion-mnist ]]; then
    echo "$NAME: installing Debian's dataset-fashion-mnist..." >&2
    apt_install dataset-fashion-mnist
  fi
  if [[ ! -f "$DATA/train-images-idx3-ubyte.gz" ]]; then
    echo "$NAME: error: $DATA/train-images-idx3-ubyte.gz not found" >&2
    exit 2
  fi
fi
if [[ $NATIVE -eq 1 ]] && ! ldconfig -p 2>/dev/null | grep -q 'libopenblas'; then
  echo "$NAME: installing OpenBLAS (libopenblas0-openmp)..." >&2
  apt_install libopenblas0-openmp || echo "$NAME: continuing with the JVM's BLAS" >&2
fi

CP_FILE="$HOME_DIR/benchmarks/target/bench-classpath.txt"
if [[ ! -f "$CP_FILE" || ! -d "$HOME_DIR/benchmarks/target/classes" ]]; then
  (cd "$HOME_DIR" && mvn -B -q -DskipTests -pl benchmarks -am package >&2)
fi

# Two OpenBLAS threads at most: Spark already runs two tasks on the two cores.
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export SPARK_LOCAL_IP=127.0.0.1
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" -Xmx12g -XX:+UseParallelGC --add-modules=jdk.incubator.vector \
  -XX:+IgnoreUnrecognizedVMOptions \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED \
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED \
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED \
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true \
  -Dlog4j2.configurationFile="$HOME_DIR/conf/log4j2.properties" \
  -cp "$HOME_DIR/benchmarks/target/classes:$(cat "$CP_FILE")" \
  "$MAIN" --data "$DATA" --out "$HOME_DIR/docs" "${ARGS[@]+"${ARGS[@]}"}"
