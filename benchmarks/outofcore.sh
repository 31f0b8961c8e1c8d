#!/usr/bin/env bash
# Out-of-core run: simulated counts written to .h5ad shards on disk, then trained from disk with a 1 GiB heap.
#   bash benchmarks/outofcore.sh --cells 250000 --dir /tmp/cdgm-outofcore
#   options: --cells --genes --library --seed --shard-cells (writing); --epochs --chunk-cells --budget-mib --steps --threads (training)
#   (--budget-mib: MiB of resident chunks per condition). Files already in --dir are reused (delete them to rewrite).
set -euo pipefail
cd "$(dirname "$0")/.."
MVN=(mvn -B -q ${MAVEN_ARGS:-})
"${MVN[@]}" -pl benchmarks -am install -DskipTests
CPFILE="$(mktemp)"
"${MVN[@]}" -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$CPFILE"
CP="$(cat "$CPFILE"):benchmarks/target/classes"
rm -f "$CPFILE"
DIR=/tmp/cdgm-outofcore
WRITE=()
TRAIN=()
while [ $# -gt 1 ]; do
    case "$1" in
        --dir) DIR="$2" ;;
        --cells|--genes|--library|--seed|--shard-cells) WRITE+=("$1" "$2") ;;
        --epochs|--chunk-cells|--budget-mib|--steps|--threads) TRAIN+=("$1" "$2") ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift 2
done
# the collector of ./cdgm (docs/benchmarks.md, "Memory"): near a 1 GiB limit G1 cost a quarter of each step's time
JAVA=(java -XX:+UseParallelGC -Xmn64m -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP")
if ! ls "$DIR"/target_*.h5ad >/dev/null 2>&1; then
    # one shard (125,000 cells by default) in memory at a time while writing
    "${JAVA[@]}" -Xmx2g org.cdgm.bench.OutOfCoreScaling write --dir "$DIR" "${WRITE[@]}"
fi
OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" OMP_WAIT_POLICY=PASSIVE \
    "${JAVA[@]}" -Xmx1g org.cdgm.bench.OutOfCoreScaling train --dir "$DIR" "${TRAIN[@]}"
