#!/usr/bin/env bash
# Side-by-side benchmark of the Java sender and the Node.js reference, in one run, against one loopback stand-in.
#   bench/run.sh [COLD_RUNS] [WARM_COUNT] [WARM_UP]     (defaults 11, 10000 and 3000)
# Cold: wall time from process start to "message accepted" (the stand-in logs when it answers the Graph POST) and to
# process exit, for one event, each process pinned to core 0; the 1-minute load average is read before every round.
# Warm: ops/s, p50/p99 over WARM_COUNT events in one process on core 0 after WARM_UP events. The stand-in runs on
# core 1, so it never competes with the process being measured. Prints markdown tables (docs/explanation/performance.md).
# Needs: Java 17 (default java), Temurin 25 at $JAVA25_HOME, Node 20+, npm, taskset, zip.
set -euo pipefail
cd "$(dirname "$0")/.."
COLD_RUNS=${1:-11}
WARM_COUNT=${2:-10000}
WARM_UP=${3:-3000}
JAVA25=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PORT=${PORT:-18777}
WORK=$(mktemp -d)
STUB_PID=
trap '[ -n "$STUB_PID" ] && kill "$STUB_PID" 2>/dev/null; rm -rf "$WORK"' EXIT

[ -f cli/target/otp.jar ] && [ -f bench/target/classes/dev/cognitowa/otp/bench/RuntimeStandIn.class ] \
    && [ -f infra/target/classes/dev/cognitowa/otp/infra/SenderArtifact.class ] || ./mvnw -B -q -DskipTests package
[ -d bench/node-reference/node_modules ] || (cd bench/node-reference && npm ci --no-audit --no-fund --silent)

export OTP_LOCAL_AES_KEY=$(head -c 32 /dev/urandom | base64)
export OTP_LOCAL_KEY_NAMESPACE=otp-bench OTP_LOCAL_KEY_NAME=cognito-code-key
export WHATSAPP_PHONE_NUMBER_ID=100000000000001 WHATSAPP_ACCESS_TOKEN=bench-token-$$
export WHATSAPP_API_BASE_URL=http://127.0.0.1:$PORT
# Only the KMS-leg rows use these: the stand-in answers a KMS Decrypt too; the credentials are never checked.
export AWS_ENDPOINT_URL_KMS=http://127.0.0.1:$PORT AWS_REGION=eu-west-1
export AWS_ACCESS_KEY_ID=bench-access-key AWS_SECRET_ACCESS_KEY=bench-secret-key
node bench/node-reference/make-event.mjs "$WORK/event.json"

ACCEPT_LOG="$WORK/accepted.log" taskset -c 1 node bench/stub-server.mjs "$PORT" > "$WORK/stub.log" 2>&1 &
STUB_PID=$!
until grep -q listening "$WORK/stub.log"; do sleep 0.05; done

OTP=(-jar cli/target/otp.jar invoke --event "$WORK/event.json")
# The Lambda jar plus the bench mains, in a jar of their own: class-data archives accept jars only.
jar cf "$WORK/cold.jar" -C bench/target/classes dev/cognitowa/otp/bench
LAMBDA_CP=sender/target/otp-sender-lambda.jar:$WORK/cold.jar
LAMBDA=(-cp "$LAMBDA_CP" dev.cognitowa.otp.bench.ColdInvoke "$WORK/event.json")
C1=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
# As the stack deploys it: the handler string and JAVA_TOOL_OPTIONS compiled into the infra module, the Lambda jar, a
# minimal runtime stand-in (no-arg constructor, one handleRequest).
infra_constant() {
  javap -constants -cp infra/target/classes "dev.cognitowa.otp.infra.$1" | sed -n "s/.* $2 = \"\(.*\)\";/\1/p"
}
HANDLER=$(infra_constant SenderArtifact HANDLER)
DEPLOYED_JTO=$(infra_constant WhatsAppOtpSenderProps DEFAULT_JAVA_TOOL_OPTIONS)
MEMORY_MB=$(javap -constants -cp infra/target/classes dev.cognitowa.otp.infra.WhatsAppOtpSenderProps \
  | sed -n 's/.* DEFAULT_MEMORY_SIZE_MB = \([0-9]*\);/\1/p')
[ -n "$HANDLER" ] && [ -n "$DEPLOYED_JTO" ] && [ -n "$MEMORY_MB" ] \
  || { echo "run.sh: build infra first (handler, JAVA_TOOL_OPTIONS, memory)"; exit 2; }
# -XX:MaxRAM: the heap sized from the function's memory, as the JVM on Lambda sizes it (see as-deployed.sh).
DEPLOYED=(env "JAVA_TOOL_OPTIONS=$DEPLOYED_JTO" "$JAVA25" "-XX:MaxRAM=${MEMORY_MB}m" -cp "$LAMBDA_CP" dev.cognitowa.otp.bench.RuntimeStandIn
    "$HANDLER" "$WORK/event.json")

# Class-data archives, each made once from a training run on the same event (what a deployment would ship).
java -XX:ArchiveClassesAtExit="$WORK/otp17.jsa" "${OTP[@]}" >/dev/null 2>&1
java -XX:ArchiveClassesAtExit="$WORK/lambda17.jsa" "${LAMBDA[@]}" >/dev/null 2>&1
"$JAVA25" -XX:AOTCacheOutput="$WORK/otp25.aot" "${OTP[@]}" >/dev/null 2>&1
"$JAVA25" -XX:AOTCacheOutput="$WORK/lambda25.aot" "${LAMBDA[@]}" >/dev/null 2>&1
"$JAVA25" -XX:AOTCacheOutput="$WORK/kms25.aot" -cp "$LAMBDA_CP" dev.cognitowa.otp.bench.ColdKms >/dev/null 2>&1

# Cold rows: each configuration runs once per round, COLD_RUNS rounds, so drift on the machine hits all rows alike.
COLD_NAMES=()
COLD_COMMANDS=()
cold() { COLD_NAMES+=("$1"); shift; COLD_COMMANDS+=("$(printf '%q ' "$@")"); }

cold "Node.js reference (node $(node --version))" node bench/node-reference/cold.mjs "$WORK/event.json"
cold "Lambda jar as deployed (\`$HANDLER\`, JAVA_TOOL_OPTIONS \`$DEPLOYED_JTO\`), Java 25" "${DEPLOYED[@]}"
cold "otp invoke, Java 17, defaults" java "${OTP[@]}"
cold "otp invoke, Java 17, C1 + SerialGC" java "${C1[@]}" "${OTP[@]}"
cold "otp invoke, Java 17, C1 + SerialGC + AppCDS" java "${C1[@]}" -XX:SharedArchiveFile="$WORK/otp17.jsa" "${OTP[@]}"
cold "otp invoke, Java 25, defaults" "$JAVA25" "${OTP[@]}"
cold "otp invoke, Java 25, C1 + SerialGC" "$JAVA25" "${C1[@]}" "${OTP[@]}"
cold "otp invoke, Java 25, C1 + SerialGC + AOT cache" "$JAVA25" "${C1[@]}" -XX:AOTCache="$WORK/otp25.aot" "${OTP[@]}"
cold "otp invoke, Java 25, AOT cache (C2 on)" "$JAVA25" -XX:+UseSerialGC -XX:AOTCache="$WORK/otp25.aot" "${OTP[@]}"
cold "Lambda jar only, Java 17, defaults" java "${LAMBDA[@]}"
cold "Lambda jar only, Java 17, C1 + SerialGC + AppCDS" java "${C1[@]}" -XX:SharedArchiveFile="$WORK/lambda17.jsa" \
    "${LAMBDA[@]}"
cold "Lambda jar only, Java 25, defaults" "$JAVA25" "${LAMBDA[@]}"
cold "Lambda jar only, Java 25, C1 + SerialGC" "$JAVA25" "${C1[@]}" "${LAMBDA[@]}"
cold "Lambda jar only, Java 25, C1 + SerialGC + AOT cache" "$JAVA25" "${C1[@]}" -XX:AOTCache="$WORK/lambda25.aot" \
    "${LAMBDA[@]}"
cold "Lambda jar only, Java 25, C1 + SerialGC, fast ECDSA installed first" "$JAVA25" "${C1[@]}" -Dbench.fastEcdsa=true \
    "${LAMBDA[@]}"
cold "KMS leg alone: Node.js, SDK v3 KMS client, one Decrypt" node bench/node-reference/kms-cold.mjs
cold "KMS leg alone: Java 25, C1 + SerialGC, SDK v2 KMS client, one Decrypt" "$JAVA25" "${C1[@]}" \
    -cp "$LAMBDA_CP" dev.cognitowa.otp.bench.ColdKms
cold "KMS leg alone: Java 25, C1 + SerialGC + AOT cache, SDK v2 KMS client, one Decrypt" "$JAVA25" "${C1[@]}" \
    -XX:AOTCache="$WORK/kms25.aot" -cp "$LAMBDA_CP" dev.cognitowa.otp.bench.ColdKms

for round in $(seq "$COLD_RUNS"); do
  cut -d' ' -f1 /proc/loadavg >> "$WORK/load.txt"
  for i in "${!COLD_NAMES[@]}"; do
    : > "$WORK/accepted.log"
    t0=$(date +%s%N)
    eval "taskset -c 0 ${COLD_COMMANDS[$i]}" > "$WORK/out.txt" 2>&1 \
        || { echo "${COLD_NAMES[$i]} failed:"; cat "$WORK/out.txt"; exit 1; }
    t1=$(date +%s%N)
    grep -q '"status":"sent"' "$WORK/out.txt" \
        || { echo "${COLD_NAMES[$i]} did not send:"; cat "$WORK/out.txt"; exit 1; }
    # To "accepted" where there was a Graph POST (the KMS-leg rows have none: their end is the process exit).
    accepted_us=$(awk '{print $2}' "$WORK/accepted.log" | tail -1)
    echo "$(( ${accepted_us:-$(( t1 / 1000 ))} / 1000 - t0 / 1000000 )) $(( (t1 - t0) / 1000000 ))" >> "$WORK/cold-$i.txt"
  done
done
echo "### Cold path: process start to message accepted ($COLD_RUNS rounds, core 0," \
  "load $(sort -n "$WORK/load.txt" | sed -n '1p;$p' | paste -sd-))"
echo
echo "x Node: ratio of medians to the Node.js reference's (row 1). Exit: process start to process exit, for comparison."
echo
echo "| implementation | median | min | max | x Node | exit median |"
echo "|---|---|---|---|---|---|"
node_median=$(awk '{print $1}' "$WORK/cold-0.txt" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
for i in "${!COLD_NAMES[@]}"; do
  exit_median=$(awk '{print $2}' "$WORK/cold-$i.txt" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  awk '{print $1}' "$WORK/cold-$i.txt" | sort -n | awk -v name="${COLD_NAMES[$i]}" -v node="$node_median" \
      -v ex="$exit_median" '{a[NR]=$1} END { m = a[int((NR+1)/2)]
    printf "| %s | %.3f s | %.3f s | %.3f s | %.2f | %.3f s |\n", name, m/1000, a[1]/1000, a[NR]/1000, m/node, ex/1000 }'
done

echo
echo "### SnapStart estimate: the first event after priming (Lambda jar only, Java 25, $COLD_RUNS runs, core 0)"
echo
echo "The handler's beforeCheckpoint hook runs first, as before a snapshot; the time is the event's own, from the"
echo "handler being ready to message accepted. A restored function adds Lambda's restore time, not measurable here."
echo
echo "| JVM options | first event median | min | max |"
echo "|---|---|---|---|"
for opts in "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" "-XX:+UseSerialGC"; do
  for _ in $(seq "$COLD_RUNS"); do
    # shellcheck disable=SC2086
    taskset -c 0 "$JAVA25" $opts -Dbench.prime=true "${LAMBDA[@]}" 2>&1 >/dev/null \
      | sed -n 's/.*first event \([0-9]*\) ms/\1/p'
  done | sort -n | awk -v name="$opts" '{a[NR]=$1} END {
    printf "| %s | %d ms | %d ms | %d ms |\n", name, a[int((NR+1)/2)], a[1], a[NR] }'
done
echo
echo "KMS leg (AWS's real decryption path, which the raw AES key above skips): the first Decrypt's own time, without"
echo "and with the SDK call path primed offline first (a throwaway client on a canned HTTP answer; no AWS call)."
echo
echo "| KMS client, Java 25, C1 + SerialGC | first Decrypt median | min | max |"
echo "|---|---|---|---|"
for prime in false true; do
  for _ in $(seq "$COLD_RUNS"); do
    taskset -c 0 "$JAVA25" "${C1[@]}" -Dbench.primeKms=$prime -cp "$LAMBDA_CP" dev.cognitowa.otp.bench.ColdKms 2>&1 \
        >/dev/null | sed -n 's/.*first Decrypt \([0-9]*\) ms/\1/p'
  done | sort -n | awk -v name="$([ $prime = true ] && echo "primed offline" || echo "not primed")" '{a[NR]=$1} END {
    printf "| %s | %d ms | %d ms | %d ms |\n", name, a[int((NR+1)/2)], a[1], a[NR] }'
done
echo
echo "### Where the first event's time goes (Lambda jar only, Java 25, C1 + SerialGC, one run)"
echo
echo '```'
taskset -c 0 "$JAVA25" "${C1[@]}" -cp "$LAMBDA_CP" dev.cognitowa.otp.bench.ColdPhases "$WORK/event.json" 2>&1 >/dev/null
echo '```'

echo
echo "### Classes loaded by one cold event (Lambda jar only, Java 25 defaults)"
echo
"$JAVA25" -Xlog:class+load:file="$WORK/classes.txt" "${LAMBDA[@]}" >/dev/null 2>&1
awk '/source: shared objects file/ {print "JDK (from the default CDS archive)"; next}
     / org\.bouncycastle\./ {print "Bouncy Castle"; next}
     / com\.amazonaws\.encryptionsdk\./ {print "AWS Encryption SDK 2.4"; next}
     / com\.fasterxml\.jackson\./ {print "Jackson (jackson-core)"; next}
     / com\.google\.i18n\./ {print "libphonenumber"; next}
     / software\.amazon\.awssdk\./ {print "AWS SDK v2"; next}
     / dev\.cognitowa\./ {print "this project"; next}
     / org\.crac\./ {print "org.crac"; next}
     / com\.amazonaws\.services\.lambda\./ {print "aws-lambda-java-core"; next}
     {print "JDK (loaded from the runtime image)"}' "$WORK/classes.txt" | sort | uniq -c | sort -rn \
  | awk 'BEGIN {print "| source | classes |\n|---|---|"} {n=$1; $1=""; printf "|%s | %d |\n", $0, n}'

echo
echo "### Warm: ops/s over $WARM_COUNT events in one process on core 0 after $WARM_UP warm-up events"
echo
echo "Three rounds, the implementations taking turns, so that drift on the machine hits all of them alike."
echo "The stand-in runs on core 1. Ratio: median ops/s over the Node.js reference's median."
echo
# warm NAME COMMAND...: one run; appends "NAME<TAB>ops/s<TAB>p50<TAB>p99" to results, keeps the full output.
warm() {
  local name=$1; shift
  taskset -c 0 "$@" > "$WORK/warm.txt" 2>&1 || { echo "$name failed:"; cat "$WORK/warm.txt"; return 1; }
  { echo "--- $name"; grep -v '^{"level"' "$WORK/warm.txt"; } >> "$WORK/warm-all.txt"
  awk -v name="$name" '/ ops\/s$/ {ops=$1} /^latency p50/ {p50=$3; p99=$6}
      END {printf "%s\t%s\t%s\t%s\n", name, ops, p50, p99}' "$WORK/warm.txt" >> "$WORK/warm-results.tsv"
}
BENCH=(bench --event "$WORK/event.json" --count "$WARM_COUNT" --warmup "$WARM_UP")
for _ in 1 2 3; do
  warm "Node.js reference" node bench/node-reference/warm.mjs "$WORK/event.json" "$WARM_COUNT" "$WARM_UP"
  warm "Java 17, defaults" java -jar cli/target/otp.jar "${BENCH[@]}"
  warm "Java 25, defaults" "$JAVA25" -jar cli/target/otp.jar "${BENCH[@]}"
  warm "Java 25, C1 + SerialGC" "$JAVA25" "${C1[@]}" -jar cli/target/otp.jar "${BENCH[@]}"
  warm "Java 25, Lambda jar as deployed" "${DEPLOYED[@]}" "$WARM_COUNT" "$WARM_UP"
done
echo "| implementation | ops/s (3 rounds) | median ops/s | x Node | p50 ms | p99 ms (median round) |"
echo "|---|---|---|---|---|---|"
sort -t$'\t' -k1,1 -k2,2n -s "$WORK/warm-results.tsv" | awk -F'\t' '
  { n[$1]++; ops[$1, n[$1]] = $2; p50[$1, n[$1]] = $3; p99[$1, n[$1]] = $4; if (n[$1] == 1) order[++k] = $1 }
  END {
    node = ops["Node.js reference", 2]
    for (i = 1; i <= k; i++) { m = order[i]
      printf "| %s | %s, %s, %s | %.0f | %.2f | %s | %s |\n", m, ops[m, 1], ops[m, 2], ops[m, 3], ops[m, 2],
          ops[m, 2] / node, p50[m, 2], p99[m, 2] } }'
echo
echo "### Memory and network calls: $WARM_COUNT OTPs in one JVM (Java 25)"
echo
echo '```'
echo "--- default heap sizing on this machine"
taskset -c 0 "$JAVA25" -jar cli/target/otp.jar "${BENCH[@]}"
echo "--- -Xmx64m -XX:+UseSerialGC"
taskset -c 0 "$JAVA25" -Xmx64m -XX:+UseSerialGC -jar cli/target/otp.jar "${BENCH[@]}"
echo "--- embedded stand-in (no WHATSAPP_API_BASE_URL): counts TCP connections itself; it shares core 0"
env -u WHATSAPP_API_BASE_URL taskset -c 0 "$JAVA25" -jar cli/target/otp.jar bench --event "$WORK/event.json" \
    --count 1000 --warmup 200
kill -USR2 "$STUB_PID"; sleep 0.2; grep stub: "$WORK/stub.log" || true
echo '```'
echo
echo "<details><summary>Full output of the warm rounds</summary>"
echo
echo '```'
cat "$WORK/warm-all.txt"
echo '```'
echo "</details>"

echo
echo "### Artifacts"
echo
(cd bench/node-reference && zip -qr "$WORK/node-reference.zip" index.mjs package.json node_modules)
echo "| artifact | bytes |"
echo "|---|---|"
echo "| sender/target/otp-sender-lambda.jar (the Java Lambda) | $(stat -c %s sender/target/otp-sender-lambda.jar) |"
echo "| Node.js reference zipped with its node_modules | $(stat -c %s "$WORK/node-reference.zip") |"
