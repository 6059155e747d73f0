#!/usr/bin/env bash
# Java as the stack deploys it against the Node.js reference, cold and warm, measured the same way in one run.
#   bench/as-deployed.sh [ROUNDS] [WARM_COUNT] [WARM_UP]     (defaults 11, 2000 and 1000; WARM_COUNT 0 skips warm)
# Every run is timed twice on one clock: "accepted" is process start to the stand-in answering the Graph POST (the
# stand-in logs the moment, ACCEPT_LOG), "exit" is process start to process exit. Rows take turns, one run each per
# round, and the 1-minute load average is read before every round. Java "as deployed" is the Lambda jar, the handler
# string and JAVA_TOOL_OPTIONS read from the compiled infra module (what the stack synthesizes), on Temurin 25, through
# RuntimeStandIn (no-arg constructor, one handleRequest). The Node.js reference is bench/node-reference/cold.mjs.
# Before the rounds, the Node.js baseline and Java as deployed are each also run on their own (no taskset, nothing
# else interleaved) so that each side's standalone figure can be set next to its harness figure.
# Warm: three rounds, the two taking turns on core 0, each one process that handles WARM_UP events unmeasured and then
# WARM_COUNT measured ones through the same handler call as the cold run (warm.mjs; RuntimeStandIn with a count).
# Needs: Java 17 (javap), Temurin 25 at $JAVA25_HOME, Node 20+, npm, taskset; the jars from ./mvnw -DskipTests package.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-11}
WARM_COUNT=${2:-2000}
WARM_UP=${3:-1000}
JAVA25=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PORT=${PORT:-18781}
WORK=$(mktemp -d)
STUB_PID=
trap '[ -n "$STUB_PID" ] && kill "$STUB_PID" 2>/dev/null; rm -rf "$WORK"' EXIT

for f in sender/target/otp-sender-lambda.jar bench/target/classes/dev/cognitowa/otp/bench/RuntimeStandIn.class \
    infra/target/classes/dev/cognitowa/otp/infra/SenderArtifact.class; do
  [ -f "$f" ] || { echo "as-deployed.sh: $f is missing; run ./mvnw -B -q -DskipTests package first" >&2; exit 2; }
done
[ -d bench/node-reference/node_modules ] || (cd bench/node-reference && npm ci --no-audit --no-fund --silent)

# What the stack synthesizes, read from the compiled constants rather than copied here.
constant() {
  javap -constants -cp infra/target/classes "dev.cognitowa.otp.infra.$1" \
    | sed -n "s/.* $2 = \"\\(.*\\)\";/\\1/p"
}
HANDLER=$(constant SenderArtifact HANDLER)
DEPLOYED_JTO=$(constant WhatsAppOtpSenderProps DEFAULT_JAVA_TOOL_OPTIONS)
MEMORY_MB=$(javap -constants -cp infra/target/classes dev.cognitowa.otp.infra.WhatsAppOtpSenderProps \
  | sed -n 's/.* DEFAULT_MEMORY_SIZE_MB = \([0-9]*\);/\1/p')
[ -n "$HANDLER" ] && [ -n "$DEPLOYED_JTO" ] && [ -n "$MEMORY_MB" ] \
  || { echo "as-deployed.sh: could not read the handler, JAVA_TOOL_OPTIONS or memory size" >&2; exit 2; }

export OTP_LOCAL_AES_KEY=$(head -c 32 /dev/urandom | base64)
export OTP_LOCAL_KEY_NAMESPACE=otp-bench OTP_LOCAL_KEY_NAME=cognito-code-key
export WHATSAPP_PHONE_NUMBER_ID=100000000000001 WHATSAPP_ACCESS_TOKEN=bench-token-$$
export WHATSAPP_API_BASE_URL=http://127.0.0.1:$PORT
node bench/node-reference/make-event.mjs "$WORK/event.json"

ACCEPT_LOG="$WORK/accepted.log" taskset -c 1 node bench/stub-server.mjs "$PORT" > "$WORK/stub.log" 2>&1 &
STUB_PID=$!
until grep -q listening "$WORK/stub.log"; do sleep 0.05; done

jar cf "$WORK/bench.jar" -C bench/target/classes dev/cognitowa/otp/bench
# -XX:MaxRAM: the JVM sizes its heap from the memory it sees, and a function sees its memory size, not this
# machine's 24 GB (at 1,024 MB: a 16 MB initial heap, so young collections during the cold start).
JAVA_DEPLOYED=(env "JAVA_TOOL_OPTIONS=$DEPLOYED_JTO" "$JAVA25" "-XX:MaxRAM=${MEMORY_MB}m" -cp "sender/target/otp-sender-lambda.jar:$WORK/bench.jar"
    dev.cognitowa.otp.bench.RuntimeStandIn "$HANDLER" "$WORK/event.json")
NODE_REF=(node bench/node-reference/cold.mjs "$WORK/event.json")

# once FILE COMMAND...: one cold run; appends "accepted_ms exit_ms" to FILE.
once() {
  local file=$1; shift
  : > "$WORK/accepted.log"
  local t0 t1
  t0=$(date +%s%N)
  "$@" > "$WORK/out.txt" 2>&1 || { echo "as-deployed.sh: $* failed:" >&2; cat "$WORK/out.txt" >&2; exit 1; }
  t1=$(date +%s%N)
  grep -q '"status":"sent"' "$WORK/out.txt" || { echo "as-deployed.sh: $* did not send" >&2; exit 1; }
  [ "$(grep -c accepted "$WORK/accepted.log")" = 1 ] || { echo "as-deployed.sh: expected one Graph POST" >&2; exit 1; }
  local accepted_us
  accepted_us=$(awk '{print $2}' "$WORK/accepted.log")
  echo "$(( accepted_us / 1000 - t0 / 1000000 )) $(( (t1 - t0) / 1000000 ))" >> "$file"
}

stats() { # stats FILE COLUMN -> "median min max" (ms)
  awk -v c="$2" '{print $c}' "$1" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)], a[1], a[NR]}'
}

echo "handler: $HANDLER"
echo "JAVA_TOOL_OPTIONS: $DEPLOYED_JTO; memory ${MEMORY_MB} MB (-XX:MaxRAM)"
echo "java: $("$JAVA25" -version 2>&1 | head -1); node: $(node --version); $ROUNDS rounds"
echo

# The Node.js baseline on its own, as one would time it by hand: no taskset, nothing interleaved.
for _ in 1 2 3 4 5; do once "$WORK/node-alone.txt" "${NODE_REF[@]}"; done
read -r a_med a_min a_max < <(stats "$WORK/node-alone.txt" 1)
read -r e_med e_min e_max < <(stats "$WORK/node-alone.txt" 2)
echo "Node.js reference alone (5 runs, no taskset, load $(cut -d' ' -f1 /proc/loadavg) after): accepted median" \
  "$a_med ms ($a_min-$a_max), exit median $e_med ms ($e_min-$e_max)"
# And Java as deployed on its own, the same way, so that each side's standalone figure stands beside the harness's.
for _ in 1 2 3 4 5; do once "$WORK/java-alone.txt" "${JAVA_DEPLOYED[@]}"; done
read -r a_med a_min a_max < <(stats "$WORK/java-alone.txt" 1)
read -r e_med e_min e_max < <(stats "$WORK/java-alone.txt" 2)
echo "Java as deployed alone (5 runs, no taskset, load $(cut -d' ' -f1 /proc/loadavg) after): accepted median" \
  "$a_med ms ($a_min-$a_max), exit median $e_med ms ($e_min-$e_max)"
echo

NAMES=("Node.js reference, core 0" "Java as deployed, core 0" "Node.js reference, both cores"
    "Java as deployed, both cores")
for round in $(seq "$ROUNDS"); do
  cut -d' ' -f1 /proc/loadavg >> "$WORK/load.txt"
  # Alternate which side goes first, so neither always follows the other.
  if (( round % 2 )); then order=(0 1 2 3); else order=(1 0 3 2); fi
  for i in "${order[@]}"; do
    case $i in
      0) once "$WORK/row0.txt" taskset -c 0 "${NODE_REF[@]}" ;;
      1) once "$WORK/row1.txt" taskset -c 0 "${JAVA_DEPLOYED[@]}" ;;
      2) once "$WORK/row2.txt" "${NODE_REF[@]}" ;;
      3) once "$WORK/row3.txt" "${JAVA_DEPLOYED[@]}" ;;
    esac
  done
done

read -r l_med l_min l_max < <(sort -n "$WORK/load.txt" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)], a[1], a[NR]}')
echo "### Cold: process start to message accepted, and to process exit ($ROUNDS rounds, load $l_min-$l_max, median $l_med)"
echo
echo "| implementation | accepted: median | min | max | exit: median | min | max |"
echo "|---|---|---|---|---|---|---|"
for i in 0 1 2 3; do
  read -r a_med a_min a_max < <(stats "$WORK/row$i.txt" 1)
  read -r e_med e_min e_max < <(stats "$WORK/row$i.txt" 2)
  echo "| ${NAMES[$i]} | $a_med ms | $a_min ms | $a_max ms | $e_med ms | $e_min ms | $e_max ms |"
done
echo
echo "| Java as deployed / Node.js | accepted: ratio of medians | per-round ratio median (min-max) | exit: ratio of medians |"
echo "|---|---|---|---|"
for pair in "0 1 core 0" "2 3 both cores"; do
  read -r n j label1 label2 <<< "$pair"
  paste -d' ' "$WORK/row$n.txt" "$WORK/row$j.txt" | awk '{print $3 / $1}' | sort -n \
    | awk '{a[NR]=$1} END {printf "%.2f %.2f %.2f\n", a[int((NR+1)/2)], a[1], a[NR]}' > "$WORK/ratio.txt"
  read -r r_med r_min r_max < "$WORK/ratio.txt"
  read -r na _ _ < <(stats "$WORK/row$n.txt" 1); read -r ja _ _ < <(stats "$WORK/row$j.txt" 1)
  read -r ne _ _ < <(stats "$WORK/row$n.txt" 2); read -r je _ _ < <(stats "$WORK/row$j.txt" 2)
  awk -v na="$na" -v ja="$ja" -v ne="$ne" -v je="$je" -v l="$label1 $label2" -v r="$r_med ($r_min-$r_max)" \
    'BEGIN {printf "| %s | %.2f | %s | %.2f |\n", l, ja / na, r, je / ne}'
done

[ "$WARM_COUNT" -gt 0 ] || exit 0
echo
# warm FILE COMMAND...: one warm process on core 0; appends "ops p50 p99" to FILE.
warm() {
  local file=$1; shift
  taskset -c 0 "$@" > "$WORK/warm.txt" 2>&1 || { echo "as-deployed.sh: $* failed:" >&2; cat "$WORK/warm.txt" >&2; exit 1; }
  awk '/ ops\/s$/ {ops=$1} /^latency p50/ {p50=$3; p99=$6} END {print ops, p50, p99}' "$WORK/warm.txt" >> "$file"
}
: > "$WORK/warm-load.txt"
for round in 1 2 3; do
  cut -d' ' -f1 /proc/loadavg >> "$WORK/warm-load.txt"
  if (( round % 2 )); then first=node; else first=java; fi
  for side in $first $([ $first = node ] && echo java || echo node); do
    if [ "$side" = node ]; then
      warm "$WORK/warm-node.txt" node bench/node-reference/warm.mjs "$WORK/event.json" "$WARM_COUNT" "$WARM_UP"
    else
      warm "$WORK/warm-java.txt" "${JAVA_DEPLOYED[@]}" "$WARM_COUNT" "$WARM_UP"
    fi
  done
done
echo "### Warm: $WARM_COUNT events after $WARM_UP in one process on core 0, 3 rounds" \
  "(load $(sort -n "$WORK/warm-load.txt" | sed -n '1p;$p' | paste -sd-))"
echo
echo "| implementation | ops/s: median | min | max | x Node (median) | p50 / p99 ms, median round |"
echo "|---|---|---|---|---|---|"
node_ops=$(sort -n "$WORK/warm-node.txt" | sed -n 2p | cut -d' ' -f1)
for side in node java; do
  name=$([ $side = node ] && echo "Node.js reference" || echo "Java as deployed")
  sort -n "$WORK/warm-$side.txt" | awk -v name="$name" -v node="$node_ops" '{o[NR]=$1; p50[NR]=$2; p99[NR]=$3}
    END {printf "| %s | %s | %s | %s | %.2f | %s / %s |\n", name, o[2], o[1], o[3], o[2] / node, p50[2], p99[2]}'
done
