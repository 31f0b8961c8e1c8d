#!/usr/bin/env bash
# Training benchmark: cdgm's engine against the PyTorch reference (benchmarks/reference), same data, model and
# thread count, one after the other. Prints the table and writes benchmarks/results/training-<time>.md.
#   bash benchmarks/run.sh                                   # both cases, 1 thread, 4 epochs (1 warm-up)
#   bash benchmarks/run.sh --threads 2 --epochs 6 --cases nb-papalexi
# --threads N: the engine's data-parallel threads (its native code at one thread each) against PyTorch's
# torch.set_num_threads(N).
# Needs ../shared/data for the Papalexi case. Installs Debian's python3-torch and the pthread OpenBLAS (which
# torch's generic BLAS then uses, as ND4J uses OpenBLAS) when missing; that step needs root or sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! /usr/bin/python3 -c 'import torch' 2>/dev/null || ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q python3-torch libopenblas0-pthread
fi

mvn -B -q -pl benchmarks -am install -DskipTests
mvn -B -q -pl benchmarks exec:exec -Dbench.args="$*"
