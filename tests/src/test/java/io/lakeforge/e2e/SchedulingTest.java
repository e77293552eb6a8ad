package io.lakeforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What can be tested of scheduling here: the cron wrapper's lock and exit codes, the DAG. */
class SchedulingTest {
  static final String DAG = "scripts/airflow/lakeforge_dag.py";

  @Test
  void airflowDagCompilesAndChainsTheStagesWithTheRunDate() throws Exception {
    Scripts.Proc compile = Scripts.run(1, "/usr/bin/env", "python3", "-m", "py_compile", DAG);
    assertThat(compile.code()).as(compile.err()).isZero();
    // No Airflow here: read the DAG's structure from its syntax tree.
    String probe =
        String.join(
            "\n",
            "import ast, json, sys",
            "tree = ast.parse(open(sys.argv[1]).read())",
            "out = {}",
            "for node in ast.walk(tree):",
            "    if isinstance(node, ast.Assign) and getattr(node.targets[0], 'id', '') == 'STAGES':",
            "        out['stages'] = [e.elts[0].value for e in node.value.elts]",
            "        out['args'] = [[a.value if isinstance(a, ast.Constant) else '?' ",
            "                        for a in e.elts[1].elts] for e in node.value.elts]",
            "    if isinstance(node, ast.Call) and getattr(node.func, 'id', '') == 'SparkSubmitOperator':",
            "        out['operator_keywords'] = sorted(k.arg for k in node.keywords)",
            "    if isinstance(node, ast.Dict):",
            "        for k, v in zip(node.keys, node.values):",
            "            if isinstance(k, ast.Constant) and k.value == 'retries':",
            "                out['retries'] = v.value",
            "    if isinstance(node, ast.keyword) and node.arg in ('catchup', 'max_active_runs'):",
            "        out[node.arg] = node.value.value",
            "src = open(sys.argv[1]).read()",
            "out['run_date'] = '\"--run-date\", \"{{ ds }}\"' in src",
            "out['chained'] = 'previous >> task' in src",
            "print(json.dumps(out))");
    Scripts.Proc parsed = Scripts.run(1, "/usr/bin/env", "python3", "-c", probe, DAG);
    assertThat(parsed.code()).as(parsed.err()).isZero();
    Map<?, ?> dag =
        new com.fasterxml.jackson.databind.ObjectMapper().readValue(parsed.out(), Map.class);
    assertThat(dag.get("stages"))
        .isEqualTo(List.of("ingest", "curate", "featurize", "train", "transform"));
    @SuppressWarnings("unchecked")
    List<String> keywords = (List<String>) dag.get("operator_keywords");
    assertThat(keywords)
        .contains("application", "java_class", "application_args", "conn_id", "deploy_mode");
    assertThat((Integer) dag.get("retries")).isGreaterThanOrEqualTo(1);
    assertThat(dag.get("run_date")).isEqualTo(true);
    assertThat(dag.get("chained")).isEqualTo(true);
    assertThat(dag.get("max_active_runs")).isEqualTo(1);
    for (Object args : (List<?>) dag.get("args")) {
      assertThat(((List<?>) args).get(0))
          .isIn("ingest", "curate", "featurize", "train", "transform");
    }
  }

  @Test
  void overlappingRunsAreRefusedByTheLockAndExitCodesPassThrough(@TempDir Path dir)
      throws Exception {
    Map<String, String> env =
        Map.of(
            "LAKEFORGE_LOG_DIR",
            dir.resolve("logs").toString(),
            "LAKEFORGE_LOCK_DIR",
            dir.toString(),
            // A short-lived JVM on small data: no C2, serial collector.
            "LAKEFORGE_JAVA_OPTS",
            "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    String lake = dir.resolve("lake").toString();
    // The lock and the exit codes are the point here, not the data: the shipped blobs, with the
    // report, in a spec of their own (the lock is named after the spec).
    String spec = dir.resolve("blobs-kmeans.conf").toString();
    Files.writeString(
        Path.of(spec),
        String.join(
            "\n",
            "pipeline {",
            "  dataset = blobs",
            "  train { algorithm = kmeans, model-name = blobs-kmeans,",
            "    hyperparameters { k = 3, mode = lloyd } }",
            "}"));
    Process first = Scripts.start(env, "scripts/run-pipeline.sh", spec, "--lake", lake);
    Path lock = dir.resolve("lakeforge-blobs-kmeans.lock");
    for (int i = 0; i < 100 && !Files.exists(lock); i++) {
      Thread.sleep(100);
    }
    Thread.sleep(500);
    Scripts.Proc second =
        Scripts.finish(Scripts.start(env, "scripts/run-pipeline.sh", spec, "--lake", lake), 1);
    assertThat(second.code()).isEqualTo(75);
    assertThat(second.err()).contains("holds");

    Scripts.Proc done = Scripts.finish(first, 5);
    assertThat(done.code()).isZero();
    Scripts.Proc bad =
        Scripts.finish(
            Scripts.start(env, "scripts/run-pipeline.sh", spec, "--lake", lake, "--hp", "k=0"), 2);
    assertThat(bad.code()).isEqualTo(2);

    File[] logs = dir.resolve("logs").toFile().listFiles();
    assertThat(logs).hasSize(3);
    String all =
        String.join(
            "\n",
            java.util.Arrays.stream(logs)
                .map(
                    f -> {
                      try {
                        return Files.readString(f.toPath());
                      } catch (java.io.IOException e) {
                        throw new RuntimeException(e);
                      }
                    })
                .toList());
    assertThat(all)
        .contains(
            "report.html",
            "ended with exit code 0",
            "ended with exit code 2",
            "hyperparameter k=0 is invalid");
  }
}
