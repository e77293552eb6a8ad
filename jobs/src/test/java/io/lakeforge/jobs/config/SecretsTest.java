package io.lakeforge.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeforge.jobs.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** Which keys are secrets, and that Lakeforge and Spark's own redaction both hide them. */
class SecretsTest {
  /** One recognisable secret per kind of key Lakeforge must mask. */
  static final Map<String, String> SECRETS = new LinkedHashMap<>();

  static {
    SECRETS.put("spark.hadoop.fs.s3a.secret.key", "s3a-secret-4f1c");
    SECRETS.put("spark.hadoop.fs.s3a.encryption.key", "sse-c-key-8e2a");
    SECRETS.put("spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net", "azure-key-5d7b");
    SECRETS.put("spark.hadoop.fs.gs.auth.service.account.private.key", "gcs-pk-9a3e");
    SECRETS.put("spark.hadoop.my.vault.pin", "vault-pin-2c6f");
  }

  static final String PATTERN = "vault[.]pin";

  @AfterEach
  void reset() {
    Secrets.configure("");
  }

  @Test
  void everyKindOfSecretKeyIsRecognised() {
    Secrets.configure(PATTERN);
    for (String key : SECRETS.keySet()) {
      assertThat(Secrets.isSecretKey(key)).as(key).isTrue();
    }
    assertThat(Secrets.isSecretKey("spark.hadoop.fs.s3a.aws.credentials.provider")).isFalse();
    assertThat(Secrets.isSecretKey("spark.hadoop.fs.s3a.endpoint")).isFalse();
    Secrets.configure("");
    assertThat(Secrets.isSecretKey("spark.hadoop.my.vault.pin"))
        .as("only with the configured pattern")
        .isFalse();
  }

  @Test
  void sparksOwnRedactionHidesTheSameKeys() {
    Secrets.configure(PATTERN);
    SparkConf conf =
        new SparkConf(false).set(Secrets.SPARK_REDACTION_REGEX, Secrets.redactionRegex(null));
    List<Tuple2<String, String>> kvs = new ArrayList<>();
    SECRETS.forEach((k, v) -> kvs.add(new Tuple2<>(k, v)));
    kvs.add(new Tuple2<>("spark.sql.shuffle.partitions", "4"));
    // The function the Spark UI's environment page and the event log use.
    List<Tuple2<String, String>> shown =
        scala.jdk.javaapi.CollectionConverters.asJava(
            org.apache.spark.util.Utils.redact(
                conf, scala.jdk.javaapi.CollectionConverters.asScala(kvs).toSeq()));
    for (Tuple2<String, String> kv : shown) {
      if (SECRETS.containsKey(kv._1())) {
        assertThat(kv._2()).as(kv._1()).doesNotContain(SECRETS.get(kv._1()));
      } else {
        assertThat(kv._2()).isEqualTo("4");
      }
    }
    assertThat(Secrets.redactionRegex("(?i)cluster[.]own")).startsWith("(?:(?i)cluster[.]own)|");
  }

  @Test
  void theConfigCommandMasksEveryKindAndNeverPrintsTheValues() {
    List<String> args =
        new ArrayList<>(List.of("config", "--conf", "secrets.key-pattern=" + PATTERN));
    SECRETS.forEach((k, v) -> args.addAll(List.of("--conf", k + "=" + v)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.execute(
            args.toArray(new String[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isZero();
    for (Map.Entry<String, String> e : SECRETS.entrySet()) {
      assertThat(printed).contains(e.getKey() + " = " + Secrets.MASK).doesNotContain(e.getValue());
    }
    assertThat(printed).contains(Secrets.SPARK_REDACTION_REGEX + " = ");
    assertThat(Secrets.mask("error near " + SECRETS.get("spark.hadoop.fs.s3a.encryption.key")))
        .isEqualTo("error near " + Secrets.MASK);
  }
}
