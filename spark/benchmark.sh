#!/usr/bin/env bash
# Spark local mode against one thread (docs/spark.md, numbers in docs/benchmarks.md): builds the spark module's test
# classes (and the engine and cli they need, in the reactor: nothing is installed) and runs SparkLocalBenchmark, which
# fits the main job's simulation CO-cVAE for EPOCHS epochs (default 5) on one thread and on Spark local[2] with two
# partitions in one JVM and prints both fits' per-epoch losses, their largest difference and the seconds per epoch.
#
#   spark/benchmark.sh [EPOCHS]          extra Maven options in MVN_OPTS_EXTRA, e.g. "-o -Dmaven.repo.local=..."
set -euo pipefail
cd "$(dirname "$0")/.."
epochs="${1:-5}"
if ! [[ "$epochs" =~ ^[0-9]+$ ]] || ((epochs < 2)); then
    echo "spark/benchmark.sh: EPOCHS must be at least 2 (the first epoch is left out of the median), got '$epochs'" >&2
    exit 2
fi
# shellcheck disable=SC2086
mvn -B -q -Dstyle.color=never ${MVN_OPTS_EXTRA:-} -pl spark -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/benchmark-classpath.txt
# the JVM flags Spark 3.5 needs on Java 17, as the module's tests get them (spark/pom.xml, spark.java17.opens)
opens="$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' spark/pom.xml)"
# one native thread per task thread, as on the executors (OMP_NUM_THREADS=1, docs/spark.md)
# shellcheck disable=SC2086
OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE SPARK_LOCAL_IP=127.0.0.1 exec java -Xmx2g \
    -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 $opens \
    -cp "spark/target/test-classes:spark/target/classes:$(cat spark/target/benchmark-classpath.txt)" \
    org.cdgm.spark.SparkLocalBenchmark "$epochs"
