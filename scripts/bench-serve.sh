#!/usr/bin/env bash
# Endpoint benchmark: `lakeforge serve` on the MNIST K-Means and the MNIST linear learner,
# driven by a bounded load generator on 127.0.0.1 (a fixed number of requests; it stops by
# itself). Measures cold start (process start -> first 200 on /ping), p50/p99 latency and
# throughput for 1 record per request at concurrency 1 and 16 and for 100 records per request,
# and, as the reference, batch transform's Spark path on the same 100 rows. Writes the serving
# section of docs/benchmarks.md and docs/benchmarks-serve.json.
#   scripts/bench-serve.sh [--lake DIR] [--quick]
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LAKE="$HOME_DIR/lake"
QUICK=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --lake) LAKE="$2"; shift ;;
    --quick) QUICK=1 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "bench-serve: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
CLI="$HOME_DIR/bin/lakeforge"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
N1=20000; N16=50000; N100=3000
if [[ $QUICK -eq 1 ]]; then N1=3000; N16=10000; N100=500; fi

# The two models; each pipeline skips the stages whose inputs did not change.
for spec in mnist-kmeans mnist-linear-learner; do
  "$CLI" pipeline --spec "$HOME_DIR/conf/pipelines/$spec.conf" --lake "$LAKE" >&2
done

CP="$HOME_DIR/jobs/target/classes:$(cat "$HOME_DIR/jobs/target/launcher-classpath.txt")"
RECORDS="$HOME_DIR/datalake/samples/mnist/mnist-10k-images-idx3-ubyte.gz"
OUT_JSON="$HOME_DIR/docs/benchmarks-serve.json"
RESULTS="$(mktemp)"
LOGS="$(mktemp -d)"
SERVER=""
cleanup() {
  if [[ -n "$SERVER" ]] && kill -0 "$SERVER" 2>/dev/null; then
    kill -TERM "$SERVER"
    wait "$SERVER" 2>/dev/null || true
  fi
  rm -rf "$RESULTS" "$LOGS"
}
trap cleanup EXIT

load() {
  "$JAVA" -Xmx1g -cp "$CP" io.lakeforge.serving.bench.LoadGenerator "$@"
}

port=18080
for model in mnist-kmeans mnist-linear-learner; do
  port=$((port + 1))
  start=$(date +%s%N)
  LAKEFORGE_HEAP=1g "$CLI" serve --model "$model@latest" --lake "$LAKE" --port "$port" \
    >/dev/null 2>"$LOGS/serve-$model.log" &
  SERVER=$!
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/ping")" == 200 ]]; do
    kill -0 "$SERVER" 2>/dev/null || { echo "bench-serve: serve exited:" >&2;
      cat "$LOGS/serve-$model.log" >&2; exit 1; }
    sleep 0.01
  done
  cold=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "{\"label\":\"cold_start\",\"model\":\"$model\",\"ms\":$cold}" | tee -a "$RESULTS" >&2
  url="http://127.0.0.1:$port"
  for scenario in "1 1 $N1" "16 1 $N16" "1 100 $N100" "16 100 $N100"; do
    read -r c b n <<<"$scenario"
    line=$(load "$url" "$RECORDS" --requests "$n" --concurrency "$c" --batch "$b" \
      --warmup $((n / 5)) --label "$model")
    echo "$line" | tee -a "$RESULTS" >&2
  done
  kill -TERM "$SERVER"
  wait "$SERVER"
  SERVER=""
done

# The reference: transform's Spark scoring of the same 100 rows.
BCP="$HOME_DIR/benchmarks/target/bench-classpath.txt"
if [[ ! -f "$BCP" || ! -d "$HOME_DIR/benchmarks/target/classes" ]]; then
  (cd "$HOME_DIR" && mvn -B -q -DskipTests -pl benchmarks -am package >&2)
fi
source "$HOME_DIR/scripts/spark-flags.sh"
for model in mnist-kmeans mnist-linear-learner; do
  SPARK_LOCAL_IP=127.0.0.1 "$JAVA" "${SPARK_JVM_FLAGS[@]}" -Xmx2g \
    -Dlog4j2.configurationFile="$HOME_DIR/conf/log4j2.properties" \
    -cp "$HOME_DIR/benchmarks/target/classes:$(cat "$BCP")" \
    io.lakeforge.benchmarks.TransformReference "$LAKE" "$model@latest" 100 \
    | sed 's/^{/{"label":"transform",/' | tee -a "$RESULTS" >&2 \
    || echo "bench-serve: the transform reference of $model failed" >&2
done

python3 - "$RESULTS" "$HOME_DIR/docs/benchmarks.md" "$OUT_JSON" <<'PY'
import json, sys, platform, os
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
json.dump(rows, open(sys.argv[3], "w"), indent=1)
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
out = ["<!-- serving benchmark: begin -->", "## Real-time endpoint (`scripts/bench-serve.sh`)", "",
       f"`lakeforge serve` (JDK HTTP server, no Spark) on 127.0.0.1, {os.cpu_count()} cores ({cpu}); "
       "the load generator runs on the same cores. Records are MNIST digits as features "
       "(pixels / 255) in CSV; every request is `POST /invocations`, answered in JSON.", "",
       "| model | scenario | requests | p50 ms | p99 ms | requests/s | records/s | errors |",
       "|---|---|---:|---:|---:|---:|---:|---:|"]
for r in rows:
    if "concurrency" in r:
        out.append(f"| {r['label']} | {r['batch']} record(s)/request, concurrency {r['concurrency']} | "
                   f"{r['requests']} | {r['p50_ms']:.3f} | {r['p99_ms']:.3f} | {r['requests_per_s']:,.0f} | "
                   f"{r['records_per_s']:,.0f} | {r['errors']} |")
out += ["", "| model | cold start (process start → first 200 on /ping) |", "|---|---:|"]
for r in rows:
    if r["label"] == "cold_start":
        out.append(f"| {r['model']} | {r['ms'] / 1000:.2f} s |")
out += ["", "The reference a user would otherwise have: batch transform's Spark scoring of the same "
        "100 validation rows (local[2], features cached):", "",
        "| model | Spark session start | first transform | warm transform (median of 5) |", "|---|---:|---:|---:|"]
for r in rows:
    if r["label"] == "transform":
        out.append(f"| {r['model']} | {r['session_start_s']:.1f} s | {r['first_s'] * 1000:.0f} ms | {r['warm_median_s'] * 1000:.0f} ms |")
out.append("<!-- serving benchmark: end -->")
section = "\n".join(out) + "\n"
path = sys.argv[2]
doc = open(path).read() if os.path.exists(path) else "# Benchmarks\n"
b, e = "<!-- serving benchmark: begin -->", "<!-- serving benchmark: end -->"
if b in doc and e in doc:
    doc = doc[:doc.index(b)] + section.rstrip("\n") + doc[doc.index(e) + len(e):]
else:
    doc = doc.rstrip("\n") + "\n\n" + section
open(path, "w").write(doc)
print(section)
PY
