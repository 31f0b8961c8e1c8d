#!/usr/bin/env bash
# Sparse scaling run: 200,000 cells x 2,000 genes held in CSR, trained with a 1 GiB heap (docs/benchmarks.md).
#   bash benchmarks/scale.sh                       # the documented run
#   bash benchmarks/scale.sh --cells 20000         # smaller; options: --cells --genes --library --epochs --seed
#   bash benchmarks/scale.sh --threads 2           # the engine's threads (native code stays at one thread each)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am install -DskipTests
CPFILE="$(mktemp)"
mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$CPFILE"
CP="$(cat "$CPFILE"):benchmarks/target/classes"
rm -f "$CPFILE"
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE \
    java -Xmx1g -XX:+UseParallelGC -Xmn64m -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$CP" org.cdgm.bench.SparseScaling "$@"
