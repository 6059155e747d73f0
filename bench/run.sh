#!/usr/bin/env bash
# Side-by-side benchmark of the Java sender and the Node.js reference, in one run, against one loopback stand-in.
#   bench/run.sh [COLD_RUNS] [WARM_COUNT]     (defaults 11 and 3000)
# Cold: wall time from process start to "message accepted" for one event, each process pinned to core 0.
# Warm: ops/s, p50/p99 over WARM_COUNT events in one process on core 0. The stand-in runs on core 1.
# Needs: Java 17 (default), Temurin 25 at $JAVA25_HOME (for the AOT cache row), Node 20+, npm, taskset.
set -euo pipefail
cd "$(dirname "$0")/.."
COLD_RUNS=${1:-11}
WARM_COUNT=${2:-3000}
JAVA25_HOME=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
PORT=${PORT:-18777}
WORK=$(mktemp -d)
trap 'kill $STUB_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f cli/target/otp.jar ] || ./mvnw -B -q -DskipTests package
[ -d bench/node-reference/node_modules ] || (cd bench/node-reference && npm ci --no-audit --no-fund --silent)

export OTP_LOCAL_AES_KEY=$(head -c 32 /dev/urandom | base64)
export OTP_LOCAL_KEY_NAMESPACE=otp-bench OTP_LOCAL_KEY_NAME=cognito-code-key
export WHATSAPP_PHONE_NUMBER_ID=100000000000001 WHATSAPP_ACCESS_TOKEN=bench-token-$$
export WHATSAPP_API_BASE_URL=http://127.0.0.1:$PORT
node bench/node-reference/make-event.mjs "$WORK/event.json"

taskset -c 1 node bench/stub-server.mjs "$PORT" > "$WORK/stub.log" 2>&1 &
STUB_PID=$!
until grep -q listening "$WORK/stub.log"; do sleep 0.05; done

# Class-data archives, made once from a training run (what a deployment would ship next to the jar).
java -XX:ArchiveClassesAtExit="$WORK/otp17.jsa" -jar cli/target/otp.jar invoke --event "$WORK/event.json" >/dev/null 2>&1
"$JAVA25_HOME/bin/java" -XX:AOTCacheOutput="$WORK/otp25.aot" -jar cli/target/otp.jar invoke --event "$WORK/event.json" \
    >/dev/null 2>&1 || true

# cold NAME COMMAND...: runs COMMAND COLD_RUNS times on core 0, prints median / min / max wall seconds.
cold() {
  local name=$1; shift
  local times=()
  for _ in $(seq "$COLD_RUNS"); do
    local t0=$(date +%s%N)
    taskset -c 0 "$@" > "$WORK/out.txt" 2>&1 || { echo "$name failed:"; cat "$WORK/out.txt"; return 1; }
    grep -q '"status":"sent"' "$WORK/out.txt" || { echo "$name did not send:"; cat "$WORK/out.txt"; return 1; }
    times+=($(( ($(date +%s%N) - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" '{a[NR]=$1} END {
    printf "| %-44s | %6.3f s | %6.3f s | %6.3f s |\n", name, a[int((NR+1)/2)]/1000, a[1]/1000, a[NR]/1000 }'
}

echo "Cold path, process start to message accepted ($COLD_RUNS runs each, one core):"
echo "| implementation | median | min | max |"
echo "|---|---|---|---|"
cold "Node.js reference (node $(node --version))" node bench/node-reference/cold.mjs "$WORK/event.json"
cold "Java 17, defaults" java -jar cli/target/otp.jar invoke --event "$WORK/event.json"
cold "Java 17, C1 only + SerialGC" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar cli/target/otp.jar invoke --event "$WORK/event.json"
cold "Java 17, C1 + SerialGC + AppCDS archive" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -XX:SharedArchiveFile="$WORK/otp17.jsa" -jar cli/target/otp.jar invoke --event "$WORK/event.json"
if [ -f "$WORK/otp25.aot" ]; then
  cold "Java 25, C1 + SerialGC + AOT cache" "$JAVA25_HOME/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
      -XX:AOTCache="$WORK/otp25.aot" -jar cli/target/otp.jar invoke --event "$WORK/event.json"
fi

echo
echo "Warm, $WARM_COUNT events in one process on core 0 (stand-in on core 1):"
echo "--- Node.js reference"
taskset -c 0 node bench/node-reference/warm.mjs "$WORK/event.json" "$WARM_COUNT" 1000
echo "--- Java (otp bench, Java 17, defaults)"
taskset -c 0 java -jar cli/target/otp.jar bench --event "$WORK/event.json" --count "$WARM_COUNT" --warmup 1000
echo "--- Java (otp bench, Java 25, defaults)"
taskset -c 0 "$JAVA25_HOME/bin/java" -jar cli/target/otp.jar bench --event "$WORK/event.json" --count "$WARM_COUNT" --warmup 1000
kill -USR2 $STUB_PID; sleep 0.2; cat "$WORK/stub.log" | grep stub: || true
echo
echo "Artifacts: sender/target/otp-sender-lambda.jar $(stat -c %s sender/target/otp-sender-lambda.jar) bytes;" \
     "node reference with node_modules $(du -sb bench/node-reference | cut -f1) bytes"
