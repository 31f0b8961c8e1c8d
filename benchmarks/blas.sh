#!/usr/bin/env bash
# The BLAS floor: float32 matrix-multiply rate at the training's dense-layer shapes (128 x 2,000 x 128, one thread)
# of ND4J's bundled OpenBLAS and of the system OpenBLAS that Debian's PyTorch uses, same C harness, alternating.
#   bash benchmarks/blas.sh [rounds]
# Needs gcc, a finished benchmark run (so that ND4J has unpacked its OpenBLAS into ~/.javacpp/cache) and Debian's
# libopenblas0-pthread (benchmarks/run.sh installs it).
set -euo pipefail
cd "$(dirname "$0")"
rounds=${1:-3}
version=$(grep -o '<openblas.version>[^<]*' ../pom.xml | cut -d'>' -f2)   # the OpenBLAS that ND4J brings
nd4j="${HOME}/.javacpp/cache/openblas-${version}-linux-x86_64.jar/org/bytedeco/openblas/linux-x86_64/libopenblas_nolapack.so.0"
system=$(readlink -f /usr/lib/x86_64-linux-gnu/libopenblas.so.0 2>/dev/null || true)
if [ ! -f "$nd4j" ] || [ ! -f "$system" ]; then
    echo "error: need ND4J's OpenBLAS in ~/.javacpp/cache (run benchmarks/run.sh first) and /usr/lib/x86_64-linux-gnu/libopenblas.so.0" >&2
    exit 1
fi
out=$(mktemp -d)
gcc -O2 -o "$out/sgemm_rate" blas/sgemm_rate.c -ldl
for r in $(seq "$rounds"); do
    echo "round $r: ND4J's OpenBLAS ${version}: $(OMP_NUM_THREADS=1 "$out/sgemm_rate" "$nd4j")"
    echo "round $r: system $(basename "$system"): $(OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$out/sgemm_rate" "$system")"
done
rm -rf "$out"
