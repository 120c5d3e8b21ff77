#!/usr/bin/env bash
# Pre-call email benchmark (issue 9): <calls> calls whose pre-call emails fall due within the same
# minute, two Assent nodes on one PostgreSQL (node A's embedded one), one SMTP server on loopback
# (the sink in PreCallLoad.java). Target: every email handed to SMTP exactly once, p99 lateness
# after its due time <= 30 s; it reports the send rate of each node. Stops everything it started.
#   bench/email/run.sh [calls=10000] [margin-seconds=1080]
# margin: seconds from the start of the run to the first due time; setup (import of the calls and
# their scheduling on both nodes) must finish before it, else the run says NOT READY.
# ASSENT_JAVA picks the java that runs both nodes (default: the java on the PATH), e.g.
#   ASSENT_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/email/run.sh
# ASSENT_ARGS adds arguments to both nodes; ASSENT_JAR runs that jar instead of target/assent-*.jar.
set -euo pipefail
cd "$(dirname "$0")/../.."
CALLS=${1:-10000}
MARGIN=${2:-1080}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAVA_APP=${ASSENT_JAVA:-java}
# Free ports below the ephemeral range (other benchmarks may run beside this one).
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 12000))
    if ! ss -Htln "sport = :$p" | grep -q . && [[ " ${TAKEN:-} " != *" $p "* ]]; then TAKEN="${TAKEN:-} $p"; echo "$p"; return 0; fi
  done
  echo "no free port" >&2; exit 1
}
PORT_A=${PORT_A:-$(free_port)}; TAKEN="$PORT_A"
PORT_B=${PORT_B:-$(free_port)}; TAKEN="$TAKEN $PORT_B"
SMTP_PORT=${SMTP_PORT:-$(free_port)}; TAKEN="$TAKEN $SMTP_PORT"
RECORDER_PORT=${RECORDER_PORT:-$(free_port)}; TAKEN="$TAKEN $RECORDER_PORT"
PG_PORT=${PG_PORT:-$(free_port)}
TOKEN=bench-operator-token-0123456789abcdef
WORK=$(mktemp -d /tmp/assent-email-bench.XXXXXX)

JAR=${ASSENT_JAR:-$(ls target/assent-*.jar 2>/dev/null | grep -v original | head -1 || true)}
if [[ -z "$JAR" ]]; then
  ./mvnw -q -B -o package -DskipTests
  JAR=$(ls target/assent-*.jar | grep -v original | head -1)
fi
# The extracted layout (STACK gotcha 11): `java -jar` of the fat jar deadlocked on JDK 25 with virtual threads.
"$JAVA_APP" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
APP_JAR="$WORK/app/$(basename "$JAR")"
PG_DRIVER=$(ls "$WORK"/app/lib/postgresql-*.jar | head -1)

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do
    if kill -0 "$p" 2>/dev/null; then kill "$p"; fi
  done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  if [[ -n "${KEEP_WORK:-}" ]]; then echo "logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

COMMON=(--server.address=127.0.0.1 --spring.mail.host=127.0.0.1 --spring.mail.port=$SMTP_PORT
  --logging.level.root=warn --assent.demo=false)
# Node A: the embedded PostgreSQL (its data in $WORK/pg, on a fixed port node B connects to).
SERVER_PORT=$PORT_A ASSENT_OPERATOR_TOKEN=$TOKEN ASSENT_RECORDER_URL=http://127.0.0.1:$RECORDER_PORT \
ASSENT_RECORDER_SECRET=bench-recorder-secret ASSENT_BASE_URL=http://127.0.0.1:$PORT_A \
"$JAVA_APP" @jvm.options ${ASSENT_JAVA_OPTS:-} -jar "$APP_JAR" "${COMMON[@]}" --assent.db.data-dir="$WORK/pg" \
  --assent.db.port=$PG_PORT ${ASSENT_ARGS:-} > "$WORK/node-a.log" 2>&1 &
PIDS+=($!)
for i in $(seq 1 480); do
  if ss -Htln "sport = :$PORT_A" | grep -q .; then break; fi
  if ! kill -0 "${PIDS[0]}" 2>/dev/null; then cat "$WORK/node-a.log"; exit 1; fi
  sleep 0.5
done
# Node B: the same database, as the role that owns it (as TwoNodesPreCallEmailsIntegrationTests does).
SERVER_PORT=$PORT_B ASSENT_OPERATOR_TOKEN=$TOKEN ASSENT_RECORDER_URL=http://127.0.0.1:$RECORDER_PORT \
ASSENT_RECORDER_SECRET=bench-recorder-secret ASSENT_BASE_URL=http://127.0.0.1:$PORT_A \
"$JAVA_APP" @jvm.options ${ASSENT_JAVA_OPTS:-} -jar "$APP_JAR" "${COMMON[@]}" \
  --spring.datasource.url=jdbc:postgresql://127.0.0.1:$PG_PORT/postgres --spring.datasource.username=postgres \
  --spring.datasource.hikari.maximum-pool-size=16 \
  ${ASSENT_ARGS:-} > "$WORK/node-b.log" 2>&1 &
PIDS+=($!)

echo "Assent nodes A (pid ${PIDS[0]}, :$PORT_A, embedded PostgreSQL :$PG_PORT) and B (pid ${PIDS[1]}, :$PORT_B); SMTP sink :$SMTP_PORT"
echo "$(date -u '+%F %T') UTC; commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); $(nproc) cores; Assent on $("$JAVA_APP" -version 2>&1 | sed -n 2p); load average $(cut -d' ' -f1-3 /proc/loadavg)"
set +e
"$JAVA25" -cp "$PG_DRIVER" bench/email/PreCallLoad.java "http://127.0.0.1:$PORT_A" "http://127.0.0.1:$PORT_B" \
  "$SMTP_PORT" "$RECORDER_PORT" "$TOKEN" "$CALLS" "$MARGIN" "$PG_PORT"
RC=$?
set -e
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -h -E 'ERROR|Exception' "$WORK"/node-*.log | sort | uniq -c | sort -rn | head -5 || true
exit $RC
