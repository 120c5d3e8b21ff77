#!/usr/bin/env bash
# Opt-out → stop benchmark (issue 3). Starts the Assent jar on loopback with ASSENT_RECORDER_URL
# pointing at the tiny recorder that OptOutLoad.java runs, fires the opt-outs, prints p50/p99, and
# stops everything it started.
#   bench/optout/run.sh [calls=1000] [concurrency=8] [warmup=8000] [rate=0]
# The warm-up is counted in opt-outs: with fewer than ~8000, the JIT is still compiling the hot path
# while the measured opt-outs run (perf, session 9: C2's compiler thread took 14 % of the machine in
# the measured window after 1000; ~3 % after 8000), which measures a freshly started JVM, not the service.
# rate > 0: open loop, the measured clicks scheduled at <rate> per second (e.g. 18000 … 300 = 60 s);
# the warm-up is a closed loop of <concurrency> but for its last 5 s, which run at the rate (the measured window
# then starts with the connections and threads of the open loop in place, as in a service running for a while);
# it then also prints the seconds with the most clicks over 100 ms. It prints the CPU time per opt-out of Assent's JVM,
# PostgreSQL and the load generator (issue 7), and the load average. PG_STATS=1 also prints
# the database's work per opt-out (commits, WAL, rows and scans per table, WAL by relation: bench/optout/pg-stats.sh).
# After the set-up, before the warm-up, the database is vacuumed and analyzed once (bench/optout/settle.sh; SETTLE=0 skips it).
# ASSENT_ARGS adds arguments to the jar, e.g. ASSENT_ARGS="--assent.db.pool-size=32"; ASSENT_JAVA picks the
# java that runs Assent (default: the java on the PATH); ASSENT_JAR runs that jar instead of target/assent-*.jar
# (e.g. a copy of the reference version, to measure it in the same session).
set -euo pipefail
cd "$(dirname "$0")/../.."
CALLS=${1:-1000}
CONCURRENCY=${2:-8}
WARMUP=${3:-8000}
RATE=${4:-0}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
ASSENT_PORT=${ASSENT_PORT:-18080}
RECORDER_PORT=${RECORDER_PORT:-18090}
TOKEN=bench-operator-token-0123456789abcdef
WORK=$(mktemp -d /tmp/assent-bench.XXXXXX)

JAR=${ASSENT_JAR:-$(ls target/assent-*.jar 2>/dev/null | grep -v original | head -1 || true)}
if [[ -z "$JAR" ]]; then
  ./mvnw -q -B -o package -DskipTests
  JAR=$(ls target/assent-*.jar | grep -v original | head -1)
fi

# The extracted layout (STACK gotcha 11): `java -jar` of the fat jar deadlocked on JDK 25 with virtual threads.
"${ASSENT_JAVA:-java}" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
APP_JAR="$WORK/app/$(basename "$JAR")"

cleanup() {
  local status=$?
  if [[ $status -ne 0 && -f "$WORK/assent.log" ]]; then
    echo "--- Assent's log (errors) ---"; grep -A12 -m3 ' ERROR ' "$WORK/assent.log" || tail -40 "$WORK/assent.log"
  fi
  if [[ -n "${ASSENT_PID:-}" ]] && kill -0 "$ASSENT_PID" 2>/dev/null; then
    kill "$ASSENT_PID"; wait "$ASSENT_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

SERVER_PORT=$ASSENT_PORT \
ASSENT_OPERATOR_TOKEN=$TOKEN \
ASSENT_DEMO=false \
ASSENT_RECORDER_URL=http://127.0.0.1:$RECORDER_PORT \
ASSENT_RECORDER_SECRET=bench-recorder-secret \
ASSENT_BASE_URL=http://127.0.0.1:$ASSENT_PORT \
"${ASSENT_JAVA:-java}" @jvm.options ${ASSENT_JAVA_OPTS:-} -jar "$APP_JAR" --assent.db.data-dir="$WORK/pg" --server.address=127.0.0.1 \
  --logging.level.root=warn --assent.consent-page.rate-limit.per-address=0 \
  $([[ "${PG_STATS:-0}" == 1 ]] && echo --assent.db.server.shared_preload_libraries=pg_stat_statements --assent.db.server.pg_stat_statements.track_planning=on) ${ASSENT_ARGS:-} > "$WORK/assent.log" 2>&1 &
ASSENT_PID=$!

echo "Assent (pid $ASSENT_PID) starting on 127.0.0.1:$ASSENT_PORT; recorder on 127.0.0.1:$RECORDER_PORT"
echo "$(date -u '+%F %T') UTC; commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); $(nproc) cores; Assent on $("${ASSENT_JAVA:-java}" -version 2>&1 | sed -n 2p); load average $(cut -d' ' -f1-3 /proc/loadavg)"
ASSENT_PID=$ASSENT_PID PG_DATA="$WORK/pg" SETTLE_HOOK=$([[ "${SETTLE:-1}" == 1 ]] && echo "$PWD/bench/optout/settle.sh" || true) STATS_HOOK=$([[ "${PG_STATS:-0}" == 1 ]] && echo "$PWD/bench/optout/pg-stats.sh" || true) \
"$JAVA25" bench/optout/OptOutLoad.java "http://127.0.0.1:$ASSENT_PORT" "$RECORDER_PORT" "$TOKEN" "$CALLS" "$CONCURRENCY" "$WARMUP" "$RATE"
