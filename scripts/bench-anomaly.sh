#!/usr/bin/env bash
# Random Cut Forest on Fashion-MNIST, one class at a time (train on one class + 5 % others, score
# the 10,000 test images), beside K-Means-distance and k-NN-distance baselines, one Spark
# application, local[2]. Writes the anomaly section of docs/benchmarks.md and
# docs/benchmarks-anomaly.json.
#   scripts/bench-anomaly.sh [DATA_DIR]
# DATA_DIR holds the IDX files (train-* and t10k-*); by default /usr/share/datasets/fashion-mnist,
# installed from Debian's dataset-fashion-mnist when missing (as root, with OpenBLAS).
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="/usr/share/datasets/fashion-mnist"
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    -*) echo "bench-anomaly: unknown option $1" >&2; exit 2 ;;
    *) DATA="$1" ;;
  esac
  shift
done
BENCH_MAIN=io.lakeforge.benchmarks.AnomalyBenchmark BENCH_NAME=bench-anomaly \
  exec "$HOME_DIR/scripts/bench-kmeans.sh" --main-args "$DATA"
