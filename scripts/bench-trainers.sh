#!/usr/bin/env bash
# Built-in trainers vs Spark MLlib on Fashion-MNIST (60,000 train, 10,000 test), one Spark
# application, local[2]: linear learner vs LogisticRegression, PCA (regular and randomized) vs PCA,
# k-NN on its own, XGBoost vs RandomForestClassifier (and on 4x the rows). Writes the trainers
# section of docs/benchmarks.md and docs/benchmarks-trainers.json (from the rows of this run).
#   scripts/bench-trainers.sh [--only linear-learner|pca|knn|xgboost]... [DATA_DIR]
# DATA_DIR holds the IDX files (train-* and t10k-*); by default /usr/share/datasets/fashion-mnist,
# installed from Debian's dataset-fashion-mnist when missing (as root, with OpenBLAS).
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="/usr/share/datasets/fashion-mnist"
ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --only) ARGS+=(--only "$2"); shift ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    -*) echo "bench-trainers: unknown option $1" >&2; exit 2 ;;
    *) DATA="$1" ;;
  esac
  shift
done
BENCH_MAIN=io.lakeforge.benchmarks.TrainersBenchmark BENCH_NAME=bench-trainers \
  exec "$HOME_DIR/scripts/bench-kmeans.sh" --main-args "$DATA" "${ARGS[@]+"${ARGS[@]}"}"
