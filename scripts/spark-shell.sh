#!/usr/bin/env bash
# Spark's Scala shell with Lakeforge on the classpath and `spark` / `sc` defined, for the
# notebook-style walkthrough:  scripts/spark-shell.sh -i examples/mnist-walkthrough.scala
# With SPARK_HOME at a Spark 4.0 distribution (bin/spark-shell), that spark-shell runs, given
# Lakeforge's application jar. Without one, the Scala 2.13 REPL Spark's shell is built on runs over
# Maven-resolved Spark jars (as scripts/local-cluster.sh has them), no download. Options after the
# script's name go to the shell (-i FILE preloads a file; stdin at end of file ends the shell).
# Environment: LAKEFORGE_SPARK_MASTER (local[2]), LAKEFORGE_HEAP (4g).
set -euo pipefail

HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/spark-flags.sh
source "$HOME_DIR/scripts/spark-flags.sh"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

# shellcheck source=scripts/app-jar.sh
source "$HOME_DIR/scripts/app-jar.sh"
lakeforge_app_jar spark-shell
LF_OPTS="-Dlakeforge.home=$HOME_DIR -Dlog4j2.configurationFile=$HOME_DIR/conf/log4j2.properties"

if [[ -n "${SPARK_HOME:-}" && -x "$SPARK_HOME/bin/spark-shell" ]]; then
  exec "$SPARK_HOME/bin/spark-shell" --jars "$APP_JAR" \
    --driver-java-options "$LF_OPTS" \
    --conf spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension \
    --conf spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog \
    --conf spark.serializer=org.apache.spark.serializer.KryoSerializer \
    --conf spark.kryo.registrator=io.lakeforge.algorithms.AlgorithmsKryoRegistrator "$@"
fi

SPARK_JARS="$("$HOME_DIR/scripts/local-cluster.sh" jars | tail -n 1)"
SHELL_JARS="$HOME_DIR/.cluster/shell"
if [[ ! -f "$SHELL_JARS/.complete" ]]; then
  echo "spark-shell: resolving the Scala REPL with Maven (first use)..." >&2
  rm -rf "$SHELL_JARS" && mkdir -p "$SHELL_JARS"
  mvn -B -q -f "$HOME_DIR/scripts/shell/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$SHELL_JARS" >&2
  touch "$SHELL_JARS/.complete"
fi
# shellcheck disable=SC2086  # LF_OPTS is a list of options
exec "$JAVA" "${SPARK_JVM_FLAGS[@]}" -Xmx"${LAKEFORGE_HEAP:-4g}" $LF_OPTS -Dscala.usejavacp=true \
  -cp "$SPARK_JARS/*:$SHELL_JARS/*:$APP_JAR" scala.tools.nsc.MainGenericRunner \
  -i "$HOME_DIR/scripts/shell/init.scala" "$@"
