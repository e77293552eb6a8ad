package io.lakeforge.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line's contract without Spark: help, usage errors and their exit codes. */
class CliTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.execute(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @AfterEach
  void noSparkWasStarted() {
    assertThat(SparkSession.getDefaultSession().isDefined())
        .as("usage errors must fail before Spark starts")
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "ingest",
        "curate",
        "featurize",
        "train",
        "transform",
        "report",
        "pipeline",
        "lake",
        "lake show",
        "lake vacuum",
        "models",
        "models list",
        "models show",
        "models alias",
        "models resolve",
        "models gc",
        "tune",
        "tune show",
        "config"
      })
  void everyCommandHasHelp(String command) {
    String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");
    Run r = run(args);
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: lakeforge");
    if (!command.isEmpty() && !command.equals("lake") && !command.equals("models")) {
      assertThat(r.out()).contains("--lake", "--conf", "--profile");
    }
  }

  @org.junit.jupiter.api.Test
  void trainHelpListsEveryHyperparameterFromItsDefinition() {
    String out = run("train", "--help").out();
    assertThat(out)
        .contains(
            "mini_batch_size (int, default 5000)",
            "extra_center_factor",
            "local_lloyd_num_trials",
            "half_life_time_size",
            "eval_metrics",
            "mode (choice");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ingest --dataset cifar --lake /tmp/x | unknown dataset 'cifar'",
        "ingest --dataset mnist --bogus | Unknown option: '--bogus'",
        "ingest | Missing required option: '--dataset=NAME'",
        "train --dataset mnist --model-name bad --hp k=0 | hyperparameter k=0 is invalid",
        "train --dataset mnist --model-name bad --hp k=3 --hp kk=1 | valid names: k, feature_dim",
        "train --dataset mnist --model-name bad --hp k=3 --hp mode=fast | one of webscale | lloyd",
        "train --dataset mnist --model-name bad --algorithm nosuch --hp k=3 | unknown algorithm",
        "train --dataset mnist --model-name a/b --hp k=3 | is invalid: expected letters, digits",
        "train --dataset mnist --model-name m --hp k=3 --partitions -1 | --partitions -1",
        "pipeline --spec conf/pipelines/none.conf | does not exist",
        "tune | --spec FILE is required",
        "tune --spec conf/tuning/none.conf | conf/tuning/none.conf does not exist",
        "tune --spec conf/tuning/mnist-kmeans.conf --resume 42 | --resume 42 is invalid",
        "tune --spec conf/tuning/mnist-kmeans.conf --partitions -3 | --partitions -3 is invalid",
        "pipeline --spec conf/pipelines/mnist-kmeans.conf --hp k=0 | hyperparameter k=0",
        "ingest --dataset mnist --conf novalue | --conf novalue is invalid: expected key=value",
        "ingest --dataset mnist --profile nosuch | unknown profile 'nosuch'",
        "ingest --dataset mnist --source image=/x | has no source 'image'",
        "transform --model m@1 --dataset mnist --split test | --split test is invalid",
        "transform --model 'm@!' --dataset mnist | model reference 'm@!' is invalid",
        "lake | a subcommand is required",
        "ingest --dataset mnist --run-date 2026-13-01 | --run-date 2026-13-01 is invalid",
        "models alias m@1 latest | alias 'latest' is invalid",
        "models alias m@1 LATEST | alias 'LATEST' is invalid",
        "models alias m@1 3 | alias '3' is invalid",
        "models alias m@1 v3 | alias 'v3' is invalid",
        "models show m@99999999999 | version 99999999999 is not a version number",
        "ingest --dataset ../../x | dataset name '../../x' is invalid",
        "ingest --dataset 'a b' | dataset name 'a b' is invalid",
        "curate --dataset '' | dataset name '' is invalid",
        "featurize --dataset raw/x | dataset name 'raw/x' is invalid",
        "train --dataset .. --model-name m --hp k=3 | dataset name '..' is invalid",
        "transform --model m@1 --dataset a/b | dataset name 'a/b' is invalid",
        "report --model m@1 --dataset ../x | dataset name '../x' is invalid",
        "lake show ../raw/mnist | table '../raw/mnist' is invalid: '..' is not allowed",
        "lake vacuum features/../../x | table 'features/../../x' is invalid",
        "lake vacuum features/mnist --retain-hours -1 | --retain-hours -1.0 is invalid",
        "lake profile features/mnist --top 0 | --top 0 is invalid: expected a number >= 1",
        "models gc --older-than-hours -2 | --older-than-hours -2.0 is invalid: expected a",
        "config --conf secrets.key-pattern=( | lakeforge.secrets.key-pattern = ( is invalid"
      })
  void badUsageExitsTwoWithAOneLineReason(String args, String message) {
    Run r = run(tokens(args));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(message);
    assertThat(r.err().lines().filter(l -> l.startsWith("lakeforge: error:")).count())
        .as("one error line")
        .isLessThanOrEqualTo(1);
  }

  private static String[] tokens(String line) {
    java.util.List<String> out = new java.util.ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("'([^']*)'|(\\S+)").matcher(line.trim());
    while (m.find()) {
      out.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return out.toArray(new String[0]);
  }
}
