#!/usr/bin/env bash
# SCIM benchmark (issue 11): against the packaged app (extracted layout, STACK gotcha 11),
#  1. provisions <users> members through SCIM, one POST /scim/v2/Users each (target: 10,000 in ≤ 60 s);
#  2. seeds members by SQL until the company has <members> (target: 100,000), and
#  3. looks members up with filter=userName eq "…" (target: p99 ≤ 20 ms).
#   bench/scim/run.sh [users=10000] [members=100000] [lookups=5000] [provision-concurrency=8] [lookup-concurrency=1]
# ASSENT_JAVA picks the java that runs Assent (default: the java on the PATH), ASSENT_JAR the jar.
# PG_STATS=1 prints, per phase, the SQL statements per request by total time (pg_stat_statements);
# JFR_DIR=<dir> records each phase with JFR (<dir>/provision.jfr, <dir>/lookup.jfr; summarise with bench/jfr-summary.sh).
# Everything runs on 127.0.0.1; the EXIT trap stops exactly the processes this script started.
set -euo pipefail
cd "$(dirname "$0")/../.."
USERS=${1:-10000}
MEMBERS=${2:-100000}
LOOKUPS=${3:-5000}
PROVISION_CONCURRENCY=${4:-8}
LOOKUP_CONCURRENCY=${5:-1}
ASSENT_PORT=${ASSENT_PORT:-18180}
TOKEN=bench-operator-token-0123456789abcdef
WORK=$(mktemp -d /tmp/assent-scim-bench.XXXXXX)
LOAD_JAVA=${LOAD_JAVA:-java}

JAR=${ASSENT_JAR:-$(ls target/assent-*.jar 2>/dev/null | grep -v original | head -1 || true)}
if [[ -z "$JAR" ]]; then
  ./mvnw -q -B -o package -DskipTests
  JAR=$(ls target/assent-*.jar | grep -v original | head -1)
fi
"${ASSENT_JAVA:-java}" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
APP_JAR="$WORK/app/$(basename "$JAR")"

cleanup() {
  if [[ -n "${ASSENT_PID:-}" ]] && kill -0 "$ASSENT_PID" 2>/dev/null; then
    kill "$ASSENT_PID"; wait "$ASSENT_PID" 2>/dev/null || true
  fi
  if [[ -f "$WORK/pg/postmaster.pid" ]]; then
    # the embedded PostgreSQL stops with the app; should it not, stop it by its own pid
    local pgpid; pgpid=$(head -1 "$WORK/pg/postmaster.pid")
    kill "$pgpid" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

SERVER_PORT=$ASSENT_PORT \
ASSENT_OPERATOR_TOKEN=$TOKEN \
ASSENT_DEMO=false \
ASSENT_BASE_URL=http://127.0.0.1:$ASSENT_PORT \
"${ASSENT_JAVA:-java}" @jvm.options ${ASSENT_JAVA_OPTS:-} -jar "$APP_JAR" --assent.db.data-dir="$WORK/pg" --server.address=127.0.0.1 \
  --logging.level.root=warn $([[ "${PG_STATS:-0}" == 1 ]] && echo --assent.db.server.shared_preload_libraries=pg_stat_statements) \
  ${ASSENT_ARGS:-} > "$WORK/assent.log" 2>&1 &
ASSENT_PID=$!
echo "$(date -u '+%F %T') UTC; commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); $(nproc) cores; Assent on $("${ASSENT_JAVA:-java}" -version 2>&1 | sed -n 2p); load average $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq 1 900); do
  if curl -fs "http://127.0.0.1:$ASSENT_PORT/actuator/health" >/dev/null 2>&1; then break; fi
  kill -0 "$ASSENT_PID" 2>/dev/null || { cat "$WORK/assent.log"; exit 1; }
  sleep 0.5
done
curl -fs "http://127.0.0.1:$ASSENT_PORT/actuator/health" >/dev/null || { echo "Assent did not come up"; tail -50 "$WORK/assent.log"; exit 1; }

company=$(curl -fs -X POST "http://127.0.0.1:$ASSENT_PORT/api/v1/companies" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d '{"name":"SCIM Bench","slug":"scimbench"}')
SCIM_TOKEN=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["scimToken"])' <<<"$company")
COMPANY_ID=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' <<<"$company")

# CPU time (ms) of Assent's JVM and its PostgreSQL (postmaster, live backends, reaped ones): the cost per
# request, which a busy shared machine does not change the way it changes wall-clock figures.
cpu_ms() {
  local pgpid t=0 pid
  pgpid=$(head -1 "$WORK/pg/postmaster.pid")
  for pid in "$ASSENT_PID" "$pgpid" $(pgrep -P "$pgpid"); do
    if [[ -r /proc/$pid/stat ]]; then
      t=$((t + $(awk '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[12] + f[13] + f[14] + f[15] }' "/proc/$pid/stat")))
    fi
  done
  echo $((t * 1000 / $(getconf CLK_TCK)))
}
PG_PORT=$(sed -n 4p "$WORK/pg/postmaster.pid")
JCMD=${JCMD:-$(dirname "$(readlink -f "$(command -v "${ASSENT_JAVA:-java}")")")/jcmd}
# phase_start <name> / phase_end <name> <requests>: the optional statement statistics and JFR recording of a phase
phase_start() {
  if [[ "${PG_STATS:-0}" == 1 ]]; then
    psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "create extension if not exists pg_stat_statements" \
      -c "select pg_stat_statements_reset()" >/dev/null
  fi
  if [[ -n "${JFR_DIR:-}" ]]; then "$JCMD" "$ASSENT_PID" JFR.start name="$1" settings=profile >/dev/null; fi
}
phase_end() {
  if [[ -n "${JFR_DIR:-}" ]]; then
    mkdir -p "$JFR_DIR"
    "$JCMD" "$ASSENT_PID" JFR.stop name="$1" filename="$(readlink -f "$JFR_DIR")/$1.jfr" >/dev/null
    echo "JFR of $1: $JFR_DIR/$1.jfr"
  fi
  if [[ "${PG_STATS:-0}" == 1 ]]; then
    psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "select round(calls::numeric / $2, 2) as per_request,
      round(total_exec_time::numeric * 1000 / $2, 1) as us_per_request, left(regexp_replace(query, '\s+', ' ', 'g'), 140) as query
      from pg_stat_statements where calls >= $2 / 20 order by total_exec_time desc limit 25"
  fi
}
cpu_before=$(cpu_ms)
phase_start provision
"$LOAD_JAVA" bench/scim/ScimLoad.java provision "http://127.0.0.1:$ASSENT_PORT" "$SCIM_TOKEN" "$USERS" "$PROVISION_CONCURRENCY"

echo "provision: Assent + PostgreSQL CPU $(( ($(cpu_ms) - cpu_before) * 1000 / USERS )) µs per user; load average $(cut -d' ' -f1-3 /proc/loadavg)"
phase_end provision "$USERS"

# Seed the rest of the members straight into the database (the embedded PostgreSQL of this run).
SEED=$((MEMBERS - USERS))
if ((SEED > 0)); then
  t0=$(date +%s.%N)
  psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 <<SQL
insert into accounts.members (id, company_id, name, email, slug, role, recorded, active, external_id, created_at, updated_at)
select gen_random_uuid(), '$COMPANY_ID', 'Seeded ' || g, 'seed' || lpad(g::text, 6, '0') || '@bench.example',
       'seed-' || g, 'MEMBER', false, true, 'seed-' || g, now(), now()
from generate_series(1, $SEED) g;
analyze accounts.members;
SQL
  echo "seeded $SEED members by SQL in $(echo "$(date +%s.%N) - $t0" | bc) s"
fi
psql -At -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres \
  -c "select email from accounts.members where company_id = '$COMPANY_ID'" > "$WORK/emails.txt"
echo "members of the company: $(wc -l < "$WORK/emails.txt")"

cpu_before=$(cpu_ms)
phase_start lookup
"$LOAD_JAVA" bench/scim/ScimLoad.java lookup "http://127.0.0.1:$ASSENT_PORT" "$SCIM_TOKEN" "$LOOKUPS" "$LOOKUP_CONCURRENCY" 1000 "$WORK/emails.txt"
echo "lookup: Assent + PostgreSQL CPU $(( ($(cpu_ms) - cpu_before) * 1000 / (LOOKUPS + 1000) )) µs per lookup (warm-up included); load average $(cut -d' ' -f1-3 /proc/loadavg)"
phase_end lookup "$((LOOKUPS + 1000))"
