#!/usr/bin/env bash
# The JDK 25 deadlock check (issue 7, STACK gotcha 11, Spring Boot #51463): the packaged jar, run in
# the extracted layout on JDK 25 with virtual threads, serves the opt-out benchmark three times in a
# row (one process), then SIGTERM must end it within 20 s. Prints one line per run and the shutdown
# time; exits non-zero when a run fails or shutdown takes longer.
#   bench/faults/jdk25-packaged.sh [calls=1000] [concurrency=16] [warmup=100]
set -euo pipefail
cd "$(dirname "$0")/../.."
CALLS=${1:-1000}
CONCURRENCY=${2:-16}
WARMUP=${3:-100}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
ASSENT_PORT=${ASSENT_PORT:-18180}
RECORDER_PORT=${RECORDER_PORT:-18190}
TOKEN=bench-operator-token-0123456789abcdef
WORK=$(mktemp -d /tmp/assent-jdk25.XXXXXX)

JAR=$(ls target/assent-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [[ -z "$JAR" ]]; then
  ./mvnw -q -B -o package -DskipTests
  JAR=$(ls target/assent-*.jar | grep -v original | head -1)
fi

cleanup() {
  if [[ -n "${ASSENT_PID:-}" ]] && kill -0 "$ASSENT_PID" 2>/dev/null; then
    kill -9 "$ASSENT_PID" 2>/dev/null || true
  fi
  # A PostgreSQL left behind (only after a kill -9 above) is stopped by its data folder.
  if [[ -f "$WORK/pg/postmaster.pid" ]]; then
    kill -INT "$(head -1 "$WORK/pg/postmaster.pid")" 2>/dev/null || true
    sleep 2
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

"$JAVA25" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
APP_JAR="$WORK/app/$(basename "$JAR")"
echo "jar:     $JAR ($(git rev-parse --short HEAD 2>/dev/null || echo '?')), run extracted as $APP_JAR"
echo "java:    $("$JAVA25" -version 2>&1 | sed -n 1p), virtual threads on (spring.threads.virtual.enabled)"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"

SERVER_PORT=$ASSENT_PORT \
ASSENT_OPERATOR_TOKEN=$TOKEN \
ASSENT_DEMO=false \
ASSENT_RECORDER_URL=http://127.0.0.1:$RECORDER_PORT \
ASSENT_RECORDER_SECRET=bench-recorder-secret \
ASSENT_BASE_URL=http://127.0.0.1:$ASSENT_PORT \
"$JAVA25" @jvm.options -jar "$APP_JAR" --assent.db.data-dir="$WORK/pg" --server.address=127.0.0.1 \
  --logging.level.root=warn --assent.consent-page.rate-limit.per-address=0 > "$WORK/assent.log" 2>&1 &
ASSENT_PID=$!

for i in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$ASSENT_PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"' && break
  kill -0 "$ASSENT_PID" 2>/dev/null || { echo "Assent exited; log:"; tail -50 "$WORK/assent.log"; exit 1; }
  sleep 1
done

status=0
for run in 1 2 3; do
  echo "--- run $run: $CALLS opt-outs, concurrency $CONCURRENCY, warmup $WARMUP"
  if ! timeout 600 "$JAVA25" bench/optout/OptOutLoad.java "http://127.0.0.1:$ASSENT_PORT" "$RECORDER_PORT" "$TOKEN" \
      "$CALLS" "$CONCURRENCY" "$WARMUP" 2>&1 | tail -6; then
    echo "run $run FAILED"; status=1
  fi
  curl -fsS -m 5 "http://127.0.0.1:$ASSENT_PORT/actuator/health" >/dev/null || { echo "Assent stopped answering after run $run"; status=1; }
done

echo "--- SIGTERM"
t0=$(date +%s%N)
kill -TERM "$ASSENT_PID"
for i in $(seq 1 200); do
  kill -0 "$ASSENT_PID" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$ASSENT_PID" 2>/dev/null; then
  echo "Assent did NOT end within 20 s of SIGTERM (jstack in $WORK/jstack.txt)"
  "${JAVA25%/java}/jstack" "$ASSENT_PID" > "$WORK/jstack.txt" 2>&1 || true
  cp "$WORK/jstack.txt" /tmp/assent-jdk25-jstack.txt 2>/dev/null || true
  status=1
else
  wait "$ASSENT_PID" 2>/dev/null || true
  echo "Assent ended $(( ($(date +%s%N) - t0) / 1000000 )) ms after SIGTERM"
fi
ASSENT_PID=
exit $status
