#!/usr/bin/env bash
# Tandem GPU device check: run on a machine with an NVIDIA GPU and driver. Needs only a JDK 25 (no CUDA
# toolkit, no Maven, no network): it compiles core and gpu with javac into a temporary directory (about
# 20 s), then runs io.tandem.gpu.internal.cuda.DeviceCheck, which checks every kernel kind on the GPU
# against the CPU backend, prints first-use and launch latency, and the bandwidth table (device-to-device
# copy, square, saxpy, sum over 2^20..2^28 float32 elements). Whole run: about 1-2 minutes.
#
#   gpu/device-check.sh          # up to 2^28 elements
#   gpu/device-check.sh 24       # up to 2^24 (smaller GPUs)
#
# Exit status: 0 all passed, 1 a check failed, 2 no GPU (the reason is printed).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. "$root/.mvn/find-jdk.sh"
tandem_find_jdk
echo "JDK: $JAVA_HOME"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null || echo "(nvidia-smi not available)"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
find core/src/main/java gpu/src/main/java -name '*.java' ! -name module-info.java > "$out/sources.txt"
"$JAVA_HOME/bin/javac" --release 25 -nowarn -d "$out/classes" @"$out/sources.txt"
# --enable-native-access: FFM downcalls into libcuda without the JDK's restricted-method warning
exec_status=0
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx4g -cp "$out/classes" \
    io.tandem.gpu.internal.cuda.DeviceCheck "$@" || exec_status=$?
exit $exec_status
