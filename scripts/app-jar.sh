# Sourced by the scripts that hand Lakeforge to Spark: `lakeforge_app_jar NAME` sets APP_JAR to the
# application jar, building it with Maven first when there is none (NAME prefixes that message).
lakeforge_app_jar() {
  APP_JAR="$(ls "$HOME_DIR"/jobs/target/lakeforge-jobs-*-app.jar 2>/dev/null | head -n 1 || true)"
  if [[ -z "$APP_JAR" ]]; then
    echo "$1: building the application jar..." >&2
    (cd "$HOME_DIR" && mvn -B -q -DskipTests -pl jobs -am package >&2)
    APP_JAR="$(ls "$HOME_DIR"/jobs/target/lakeforge-jobs-*-app.jar | head -n 1)"
  fi
}
