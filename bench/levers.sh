#!/usr/bin/env bash
# One lever against another: several Lambda jars (or JVM options) cold, as deployed, in turn.
#   bench/levers.sh ROUNDS "LABEL|JAR|EXTRA_JVM_OPTIONS[|BENCH_JAR]" ...
# Each variant runs RuntimeStandIn with the stack's handler and JAVA_TOOL_OPTIONS (read from the compiled infra
# module, as bench/as-deployed.sh does) plus EXTRA_JVM_OPTIONS (e.g. -XX:MaxRAM=1024m), on core 0 against one
# stand-in on core 1; the order reverses every other round. Per variant it prints the median (min, max) time from
# process start to the stand-in accepting the Graph POST, and the median main-thread CPU of init plus first event.
# BENCH_JAR: another build's bench classes (jar cf X.jar -C bench/target/classes dev/cognitowa/otp/bench), to compare
# stand-ins. Jars of older commits: git worktree add DIR COMMIT; (cd DIR && ./mvnw -B -q -pl sender -am -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:?usage: bench/levers.sh ROUNDS "LABEL|JAR|OPTIONS[|BENCH_JAR]" ...}
shift
JAVA25=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PORT=${PORT:-18783}
WORK=$(mktemp -d)
STUB_PID=
trap '[ -n "$STUB_PID" ] && kill "$STUB_PID" 2>/dev/null; rm -rf "$WORK"' EXIT

constant() {
  javap -constants -cp infra/target/classes "dev.cognitowa.otp.infra.$1" | sed -n "s/.* $2 = \"\\(.*\\)\";/\\1/p"
}
HANDLER=$(constant SenderArtifact HANDLER)
DEPLOYED_JTO=$(constant WhatsAppOtpSenderProps DEFAULT_JAVA_TOOL_OPTIONS)
[ -n "$HANDLER" ] && [ -n "$DEPLOYED_JTO" ] || { echo "levers.sh: build first: ./mvnw -B -q -DskipTests package" >&2; exit 2; }
[ -d bench/node-reference/node_modules ] || (cd bench/node-reference && npm ci --no-audit --no-fund --silent)

export OTP_LOCAL_AES_KEY=$(head -c 32 /dev/urandom | base64)
export OTP_LOCAL_KEY_NAMESPACE=otp-bench OTP_LOCAL_KEY_NAME=cognito-code-key
export WHATSAPP_PHONE_NUMBER_ID=100000000000001 WHATSAPP_ACCESS_TOKEN=bench-token-$$
export WHATSAPP_API_BASE_URL=http://127.0.0.1:$PORT
node bench/node-reference/make-event.mjs "$WORK/event.json"
ACCEPT_LOG="$WORK/accepted.log" taskset -c 1 node bench/stub-server.mjs "$PORT" > "$WORK/stub.log" 2>&1 &
STUB_PID=$!
until grep -q listening "$WORK/stub.log"; do sleep 0.05; done
jar cf "$WORK/bench.jar" -C bench/target/classes dev/cognitowa/otp/bench

VARIANTS=("$@")
echo "handler: $HANDLER; JAVA_TOOL_OPTIONS: $DEPLOYED_JTO; $ROUNDS rounds; load before: $(cut -d' ' -f1 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
  if (( round % 2 )); then order=$(seq 0 $(( ${#VARIANTS[@]} - 1 ))); else order=$(seq $(( ${#VARIANTS[@]} - 1 )) -1 0); fi
  for k in $order; do
    IFS='|' read -r _ jar opts bench_jar <<< "${VARIANTS[$k]}"
    : > "$WORK/accepted.log"
    t0=$(date +%s%N)
    # shellcheck disable=SC2086 # EXTRA_JVM_OPTIONS are words
    JAVA_TOOL_OPTIONS="$DEPLOYED_JTO $opts" taskset -c 0 "$JAVA25" -cp "$jar:${bench_jar:-$WORK/bench.jar}" \
      dev.cognitowa.otp.bench.RuntimeStandIn "$HANDLER" "$WORK/event.json" > "$WORK/out.txt" 2>&1 \
      || { echo "levers.sh: variant $k failed:" >&2; cat "$WORK/out.txt" >&2; exit 1; }
    accepted=$(awk '{print $2}' "$WORK/accepted.log")
    cpu=$(sed -n 's/.*init [0-9]* ms (thread CPU \([0-9]*\) ms).*first event [0-9]* ms (\([0-9]*\) ms).*/\1 \2/p' \
      "$WORK/out.txt")
    echo "$(( accepted / 1000 - t0 / 1000000 )) $cpu" >> "$WORK/v$k.txt"
  done
done
median() { sort -n | awk '{a[NR]=$1} END {printf "%s (%s-%s)", a[int((NR+1)/2)], a[1], a[NR]}'; }
echo
echo "| variant | to accepted: median (min-max) | main-thread CPU, init + first event: median (min-max) |"
echo "|---|---|---|"
for k in "${!VARIANTS[@]}"; do
  label=${VARIANTS[$k]%%|*}
  echo "| $label | $(awk '{print $1}' "$WORK/v$k.txt" | median) ms | $(awk '{print $2 + $3}' "$WORK/v$k.txt" | median) ms |"
done
echo
echo "load after: $(cut -d' ' -f1 /proc/loadavg)"
