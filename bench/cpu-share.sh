#!/usr/bin/env bash
# The Java sender as the stack deploys it, at the CPU share a Lambda memory size buys (1,769 MB = one vCPU,
# proportional below), emulated with a cgroup v1 CPU quota on core 0. Needs root and /sys/fs/cgroup/cpu (cgroup v1),
# Java 17 (javap), Temurin 25 at $JAVA25_HOME, Node 20+; the jars from ./mvnw -B -q -DskipTests package.
#   bench/cpu-share.sh [RUNS] [WARM_COUNT] [SIZES]     (defaults 5, 2000 and "256 512 1024 1769")
# Every run is the Lambda jar through RuntimeStandIn with the handler string and JAVA_TOOL_OPTIONS read from the
# compiled infra module, as bench/as-deployed.sh runs it. Per memory size, medians of RUNS runs:
#   cold: process start to the stand-in answering the Graph POST (no SnapStart: what $LATEST or a zip runs);
#   init + hooks: the handler's construction and its SnapStart hooks, what publishing a version runs;
#   restored first event: the handler's SnapStart hooks run first (-Dbench.snapStart=true), then the event's own
#     time, handler call to return (a restored function's first invocation, restore itself excluded);
#   warm: WARM_COUNT events after 1,000 in one process after the hooks: ops/s, p50 and p99 (one process).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
WARM_COUNT=${2:-2000}
SIZES=${3:-256 512 1024 1769}
JAVA25=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PORT=${PORT:-18779}
GROUP=/sys/fs/cgroup/cpu/otp-bench-$$
WORK=$(mktemp -d)
STUB_PID=
trap '[ -n "$STUB_PID" ] && kill "$STUB_PID" 2>/dev/null; rmdir "$GROUP" 2>/dev/null; rm -rf "$WORK"' EXIT

constant() {
  javap -constants -cp infra/target/classes "dev.cognitowa.otp.infra.$1" \
    | sed -n "s/.* $2 = \"\\(.*\\)\";/\\1/p"
}
HANDLER=$(constant SenderArtifact HANDLER)
DEPLOYED_JTO=$(constant WhatsAppOtpSenderProps DEFAULT_JAVA_TOOL_OPTIONS)
[ -n "$HANDLER" ] && [ -n "$DEPLOYED_JTO" ] || { echo "cpu-share.sh: build infra first" >&2; exit 2; }

export OTP_LOCAL_AES_KEY=$(head -c 32 /dev/urandom | base64)
export OTP_LOCAL_KEY_NAMESPACE=otp-bench OTP_LOCAL_KEY_NAME=cognito-code-key
export WHATSAPP_PHONE_NUMBER_ID=100000000000001 WHATSAPP_ACCESS_TOKEN=bench-token-$$
export WHATSAPP_API_BASE_URL=http://127.0.0.1:$PORT
node bench/node-reference/make-event.mjs "$WORK/event.json"
ACCEPT_LOG="$WORK/accepted.log" taskset -c 1 node bench/stub-server.mjs "$PORT" > "$WORK/stub.log" 2>&1 &
STUB_PID=$!
until grep -q listening "$WORK/stub.log"; do sleep 0.05; done
mkdir "$GROUP"
jar cf "$WORK/bench.jar" -C bench/target/classes dev/cognitowa/otp/bench
STAND_IN=(-cp "sender/target/otp-sender-lambda.jar:$WORK/bench.jar" dev.cognitowa.otp.bench.RuntimeStandIn "$HANDLER"
    "$WORK/event.json")

# limited COMMAND...: runs COMMAND on core 0 inside the quota group, with the deployed JAVA_TOOL_OPTIONS. Each run
# also gets -XX:MaxRAM of its memory size: the JVM sizes its heap from the memory a function sees.
limited() {
  JAVA_TOOL_OPTIONS="$DEPLOYED_JTO" sh -c 'echo $$ > "$0/cgroup.procs"; exec taskset -c 0 "$@"' "$GROUP" "$@"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "handler: $HANDLER; JAVA_TOOL_OPTIONS: $DEPLOYED_JTO; $("$JAVA25" -version 2>&1 | head -1)"
echo "load (1-min) before: $(cut -d' ' -f1 /proc/loadavg)"
echo
echo "| memory (CPU share) | cold, process start to accepted | init + SnapStart hooks (before the snapshot) |" \
  "restored first event | warm ops/s | warm p50 / p99 |"
echo "|---|---|---|---|---|---|"
for mb in $SIZES; do
  echo 100000 > "$GROUP/cpu.cfs_period_us"
  echo $((100000 * mb / 1769)) > "$GROUP/cpu.cfs_quota_us"
  cold=$(for _ in $(seq "$RUNS"); do
    : > "$WORK/accepted.log"
    t0=$(date +%s%N)
    limited "$JAVA25" "-XX:MaxRAM=${mb}m" "${STAND_IN[@]}" >/dev/null 2>&1
    echo $(( $(awk '{print $2}' "$WORK/accepted.log" | tail -1) / 1000 - t0 / 1000000 ))
  done | median)
  for _ in $(seq "$RUNS"); do
    limited "$JAVA25" "-XX:MaxRAM=${mb}m" -Dbench.snapStart=true "${STAND_IN[@]}" 2>&1 >/dev/null | grep 'stand-in:'
  done > "$WORK/restored.txt"
  restored=$(sed -n 's/.*first event \([0-9]*\) ms.*/\1/p' "$WORK/restored.txt" | median)
  hooks=$(sed -n 's/.*snapshot hooks \([0-9]*\) ms.*/\1/p' "$WORK/restored.txt" | median)
  init=$(sed -n 's/.*init \([0-9]*\) ms.*/\1/p' "$WORK/restored.txt" | median)
  limited "$JAVA25" "-XX:MaxRAM=${mb}m" -Dbench.snapStart=true "${STAND_IN[@]}" "$WARM_COUNT" 1000 > "$WORK/warm.txt" 2>&1
  ops=$(awk '/ ops\/s$/ {print $1}' "$WORK/warm.txt")
  p50=$(awk '/^latency p50/ {print $3}' "$WORK/warm.txt")
  p99=$(awk '/^latency p50/ {print $6}' "$WORK/warm.txt")
  printf "| %d MB (%.2f vCPU) | %d ms | %d + %d ms | %d ms | %s | %s / %s ms |\n" "$mb" "$(echo "$mb / 1769" | bc -l)" \
      "$cold" "$init" "$hooks" "$restored" "$ops" "$p50" "$p99"
done
echo
echo "load (1-min) after: $(cut -d' ' -f1 /proc/loadavg)"
