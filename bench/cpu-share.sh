#!/usr/bin/env bash
# The Java sender at the CPU share a Lambda memory size buys (1,769 MB = one vCPU, proportional below), emulated with
# a cgroup v1 CPU quota on core 0. Needs root and /sys/fs/cgroup/cpu (cgroup v1); Temurin 25 at $JAVA25_HOME.
#   bench/cpu-share.sh [RUNS] [WARM_COUNT]     (defaults 5 and 2000)
# For each memory size: the cold path of the Lambda jar (C1 + SerialGC, no archive: what a zip deployment without
# SnapStart runs), the first event after SnapStart priming, and warm ops/s with p99.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
WARM_COUNT=${2:-2000}
JAVA25=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PORT=${PORT:-18779}
GROUP=/sys/fs/cgroup/cpu/otp-bench-$$
WORK=$(mktemp -d)
STUB_PID=
trap '[ -n "$STUB_PID" ] && kill "$STUB_PID" 2>/dev/null; rmdir "$GROUP" 2>/dev/null; rm -rf "$WORK"' EXIT

export OTP_LOCAL_AES_KEY=$(head -c 32 /dev/urandom | base64)
export OTP_LOCAL_KEY_NAMESPACE=otp-bench OTP_LOCAL_KEY_NAME=cognito-code-key
export WHATSAPP_PHONE_NUMBER_ID=100000000000001 WHATSAPP_ACCESS_TOKEN=bench-token-$$
export WHATSAPP_API_BASE_URL=http://127.0.0.1:$PORT
node bench/node-reference/make-event.mjs "$WORK/event.json"
taskset -c 1 node bench/stub-server.mjs "$PORT" > "$WORK/stub.log" 2>&1 &
STUB_PID=$!
until grep -q listening "$WORK/stub.log"; do sleep 0.05; done
mkdir "$GROUP"
jar cf "$WORK/cold.jar" -C bench/target/classes dev/cognitowa/otp/bench
LAMBDA=(-cp "sender/target/otp-sender-lambda.jar:$WORK/cold.jar" dev.cognitowa.otp.bench.ColdInvoke "$WORK/event.json")
C1=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)

# limited COMMAND...: runs COMMAND on core 0 inside the quota group.
limited() {
  sh -c 'echo $$ > "$0/cgroup.procs"; exec taskset -c 0 "$@"' "$GROUP" "$@"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "| memory (CPU share) | cold, process start to accepted | first event after priming | warm ops/s | warm p99 |"
echo "|---|---|---|---|---|"
for mb in 256 512 1024 1769; do
  echo $((100000 * mb / 1769)) > "$GROUP/cpu.cfs_quota_us"
  echo 100000 > "$GROUP/cpu.cfs_period_us"
  cold=$(for _ in $(seq "$RUNS"); do
    t0=$(date +%s%N)
    limited "$JAVA25" "${C1[@]}" "${LAMBDA[@]}" >/dev/null 2>&1
    echo $(( ($(date +%s%N) - t0) / 1000000 ))
  done | median)
  primed=$(for _ in $(seq "$RUNS"); do
    limited "$JAVA25" "${C1[@]}" -Dbench.prime=true "${LAMBDA[@]}" 2>&1 >/dev/null \
      | sed -n 's/.*first event \([0-9]*\) ms/\1/p'
  done | median)
  limited "$JAVA25" "${C1[@]}" -Xmx64m -jar cli/target/otp.jar bench --event "$WORK/event.json" --count "$WARM_COUNT" \
      --warmup 1000 > "$WORK/warm.txt"
  ops=$(awk '/ ops\/s$/ {print $1}' "$WORK/warm.txt")
  p99=$(awk '/^latency p50/ {print $6}' "$WORK/warm.txt")
  printf "| %d MB (%.2f vCPU) | %d ms | %d ms | %s | %s ms |\n" "$mb" "$(echo "$mb / 1769" | bc -l)" "$cold" "$primed" \
      "$ops" "$p99"
done
