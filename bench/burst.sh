#!/usr/bin/env bash
# bench/burst.sh [otp bench burst options...]: the burst with the delivery ledger on, in a local dynalite.
#   bench/burst.sh --events 10000 --containers 16 --seed 42
# Installs the pinned dynalite (tools/dynalite) if needed, starts it on a free loopback port, runs
# `otp bench burst` with OTP_LEDGER_TABLE and AWS_ENDPOINT_URL_DYNAMODB pointing at it (the bench creates the
# table), and stops it. Exit status is the bench's: 0 when every code reached its phone exactly once.
# OTP_JAR names another otp.jar (a copy, so a rebuild cannot replace the jar under a long run).
set -euo pipefail
cd "$(dirname "$0")/.."

jar=${OTP_JAR:-cli/target/otp.jar}
[ -f "$jar" ] || ./mvnw -B -q -DskipTests package
node tools/dynalite/install.mjs >/dev/null

port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
log=$(mktemp)
node tools/dynalite/node_modules/dynalite/cli.js --host 127.0.0.1 --port "$port" --createTableMs 0 >"$log" 2>&1 &
dynalite=$!
trap 'kill "$dynalite" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 300); do
  grep -q 'Dynalite listening at' "$log" && break
  kill -0 "$dynalite" 2>/dev/null || { echo "burst.sh: dynalite did not start: $(cat "$log")" >&2; exit 2; }
  sleep 0.1
done
grep -q 'Dynalite listening at' "$log" || { echo "burst.sh: dynalite did not start within 30 s" >&2; exit 2; }

export OTP_LEDGER_TABLE=otp-burst-ledger AWS_ENDPOINT_URL_DYNAMODB="http://127.0.0.1:$port"
status=0
java -jar "$jar" bench burst "$@" || status=$?
kill -0 "$dynalite" 2>/dev/null || echo "burst.sh: dynalite exited during the run: $(tail -5 "$log")" >&2
exit "$status"
