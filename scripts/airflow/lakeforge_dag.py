"""Lakeforge's MNIST walkthrough as an Airflow DAG: one SparkSubmitOperator task per stage.

ingest -> curate -> featurize -> train -> transform, each a `lakeforge` command in the
application jar, with `{{ ds }}` as the run date. Every stage is idempotent (an input it has
already processed changes nothing), so retries and backfills never duplicate rows or versions.
Set the Airflow connection `spark_lakeforge` to the cluster's master, and the Variables
`lakeforge_home` (where conf/ and the jar live) and `lakeforge_lake` (the lake root URI).
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.models import Variable
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

HOME = Variable.get("lakeforge_home", default_var="/opt/lakeforge")
LAKE = Variable.get("lakeforge_lake", default_var="s3a://lakeforge/lake")
APP_JAR = f"{HOME}/jobs/target/lakeforge-jobs-0.1.0-SNAPSHOT-app.jar"
DATASET = "mnist"
MODEL = "mnist-kmeans"
# Spark 4 on Java 17 needs these on the driver (executors inherit them).
DRIVER_FLAGS = " ".join(
    ["-XX:+IgnoreUnrecognizedVMOptions"]
    + [
        f"--add-opens=java.base/{p}=ALL-UNNAMED"
        for p in (
            "java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net",
            "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic",
            "jdk.internal.ref", "sun.nio.ch", "sun.nio.cs", "sun.security.action",
            "sun.util.calendar",
        )
    ]
    + [
        "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
        "-Djdk.reflect.useDirectMethodHandle=false",
        "-Dio.netty.tryReflectionSetAccessible=true",
        f"-Dlakeforge.home={HOME}",
    ]
)

STAGES = [
    ("ingest", ["ingest", "--dataset", DATASET]),
    ("curate", ["curate", "--dataset", DATASET]),
    ("featurize", ["featurize", "--dataset", DATASET]),
    ("train", ["train", "--algorithm", "kmeans", "--dataset", DATASET, "--model-name", MODEL,
               "--hp", "k=10", "--hp", "seed=42"]),
    ("transform", ["transform", "--model", f"{MODEL}@latest", "--dataset", DATASET,
                   "--split", "validation"]),
]

default_args = {
    "owner": "data-platform",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "retry_exponential_backoff": True,
}

with DAG(
    dag_id="lakeforge_mnist_kmeans",
    description="Lakeforge: MNIST data lake stages, K-Means training and batch inference",
    start_date=datetime(2026, 11, 1),
    schedule="@daily",
    catchup=True,
    max_active_runs=1,
    default_args=default_args,
    tags=["lakeforge"],
) as dag:
    previous = None
    for name, command in STAGES:
        task = SparkSubmitOperator(
            task_id=name,
            conn_id="spark_lakeforge",
            application=APP_JAR,
            java_class="io.lakeforge.jobs.cli.Main",
            name=f"lakeforge-{name}-{{{{ ds }}}}",
            deploy_mode="cluster",
            application_args=command + ["--lake", LAKE, "--run-date", "{{ ds }}"],
            conf={"spark.driver.extraJavaOptions": DRIVER_FLAGS},
        )
        if previous is not None:
            previous >> task
        previous = task
