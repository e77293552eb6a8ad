#!/usr/bin/env bash
# Hyperparameter tuning on Fashion-MNIST, one JVM, local[2]: `lakeforge tune` of the linear
# learner, Bayesian vs random search per seed, one vs two trials at a time, and MLlib's
# TrainValidationSplit beside a grid of the same size. Writes the tuning section of
# docs/benchmarks.md and docs/benchmarks-tuning.json.
#   scripts/bench-tuning.sh [--only strategies|parallel|mllib]... [--trials N] [--seeds 1,2,3]
#                           [--lake DIR] [--out DIR] [DATA_DIR]
# DATA_DIR holds the IDX files (train-* and t10k-*); by default /usr/share/datasets/fashion-mnist,
# installed from Debian's dataset-fashion-mnist when missing (as root). The features are built
# once in the lake (default /tmp/lakeforge-bench-tuning/lake) and reused by later runs.
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="/usr/share/datasets/fashion-mnist"
ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --only|--trials|--seeds|--lake|--out) ARGS+=("$1" "$2"); shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    -*) echo "bench-tuning: unknown option $1" >&2; exit 2 ;;
    *) DATA="$1" ;;
  esac
  shift
done
cd "$HOME_DIR"
BENCH_MAIN=io.lakeforge.benchmarks.TuningBenchmark BENCH_NAME=bench-tuning \
  exec "$HOME_DIR/scripts/bench-kmeans.sh" --main-args "$DATA" "${ARGS[@]+"${ARGS[@]}"}"
