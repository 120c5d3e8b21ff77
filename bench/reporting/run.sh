#!/usr/bin/env bash
# Reporting benchmark (issue 10, PRODUCT R1, R2). Starts the packaged app (extracted jar, bench/lib.sh),
# creates a company through the operator API, then seeds its reporting data with generate_series in the
# embedded PostgreSQL: 50 teams, 500 recorded members, and the consequences of 10 million decisions over
# two years, i.e. 3,333,334 calls whose consent page was used (3 decisions per call), 5 % of them aborted
# by an opt-out, as reporting.call_facts rows and the day counters (reporting.opt_out_counts) derived from
# them exactly as the listeners keep them. The report reads only the counters, never decisions, so the
# decisions themselves are not inserted. The month counters (reporting.opt_out_counts_monthly, V51) are derived
# from the day counters the same way. Old days' counters are seeded in one shard (the listeners spread a busy
# day over up to 16). Then it times
#   GET /api/v1/reports/opt-out-rate?from=<a year ago>&to=<today>&groupBy=team          (target p99 ≤ 100 ms)
#   GET /api/v1/reports/opt-out-rate?…&groupBy=team&period=month
#   GET /api/v1/exports/consent-links as XLSX and CSV for a company of 10,000 recorded members (≤ 2 s)
# with curl, one request at a time, and prints the CPU time of Assent and its PostgreSQL per request, the load
# average, EXPLAIN ANALYZE of the report's query and TARGET MET/MISSED.   bench/reporting/run.sh [requests=500]
# JAVA_HOME_BENCH picks the JDK that runs Assent (default: JDK 25, as in bench/lib.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
REQUESTS="${1:-500}"
OUT="$BENCH_DIR/out/$(date -u +%Y%m%dT%H%M%SZ)-reporting"
mkdir -p "$OUT"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/assent-bench.XXXXXX")
trap cleanup EXIT
trap 'exit 130' INT TERM

APP_START_TIMEOUT="${APP_START_TIMEOUT:-600}"  # a busy machine starts the app slowly
ensure_jar
start_app
BASE="http://127.0.0.1:$APP_PORT"
OP=bench-operator-token-0123456789
sql() { "$PSQL" -X -q -A -t -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }
company() { # slug → api token
	curl -fsS -X POST "$BASE/api/v1/companies" -H "Authorization: Bearer $OP" -H 'Content-Type: application/json' \
		-d "{\"name\":\"Bench $1\",\"slug\":\"$1\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["apiToken"])'
}

REPORT_TOKEN=$(company bench-report)
EXPORT_TOKEN=$(company bench-export)
log "seeding: 50 teams, 500 members, 3,333,334 calls (10 M decisions) over 730 days"
t0=$(date +%s)
sql -c "
create temp table c as select id from accounts.companies where slug = 'bench-report';
insert into accounts.teams (id, company_id, name, created_at)
  select gen_random_uuid(), (select id from c), 'Team ' || t, now() from generate_series(1, 50) t;
create temp table tm as select row_number() over (order by name) - 1 as n, id from accounts.teams where company_id = (select id from c);
insert into accounts.members (id, company_id, name, email, slug, team_id, role, recorded, created_at, updated_at)
  select gen_random_uuid(), (select id from c), 'Rep ' || m, 'rep' || m || '@bench.example', 'rep' || m,
         (select id from tm where n = m % 50), 'MEMBER', true, now(), now() from generate_series(0, 499) m;
create temp table mm as select row_number() over (order by slug) - 1 as n, id, team_id from accounts.members
  where company_id = (select id from c);
insert into reporting.call_facts (call_id, company_id, member_id, team_id, provider, day, page_used, aborted)
  select gen_random_uuid(), (select id from c), mm.id, mm.team_id,
         (array['ZOOM','GOOGLE_MEET','MICROSOFT_TEAMS','WEBEX'])[1 + i % 4],
         current_date - (i % 730), true, (i::bigint * 7919) % 20 = 0
    from generate_series(0, 3333333) i join mm on mm.n = i % 500;
insert into reporting.opt_out_counts (company_id, dimension, day, key, used, aborted)
  select company_id, 'all', day, '', count(*), count(*) filter (where aborted) from reporting.call_facts
   where company_id = (select id from c) group by company_id, day
  union all
  select company_id, 'team', day, coalesce(team_id::text, ''), count(*), count(*) filter (where aborted) from reporting.call_facts
   where company_id = (select id from c) group by company_id, day, team_id
  union all
  select company_id, 'member', day, coalesce(member_id::text, ''), count(*), count(*) filter (where aborted) from reporting.call_facts
   where company_id = (select id from c) group by company_id, day, member_id
  union all
  select company_id, 'provider', day, provider, count(*), count(*) filter (where aborted) from reporting.call_facts
   where company_id = (select id from c) group by company_id, day, provider;
insert into reporting.opt_out_counts_monthly (company_id, dimension, month, key, used, aborted)
  select company_id, dimension, date_trunc('month', day)::date, key, sum(used), sum(aborted) from reporting.opt_out_counts
   where company_id = (select id from c) group by company_id, dimension, date_trunc('month', day)::date, key;
create temp table e as select id from accounts.companies where slug = 'bench-export';
insert into accounts.teams (id, company_id, name, created_at)
  select gen_random_uuid(), (select id from e), 'Team ' || t, now() from generate_series(1, 20) t;
insert into accounts.members (id, company_id, name, email, slug, team_id, role, recorded, personal_meeting_url, created_at, updated_at)
  select gen_random_uuid(), (select id from e), 'Member ' || m, 'member' || m || '@bench.example', 'member-' || m,
         (select id from accounts.teams where company_id = (select id from e) and name = 'Team ' || (1 + m % 20)),
         'MEMBER', true, 'https://zoom.us/j/' || (1000000000 + m), now(), now() from generate_series(1, 10000) m;
analyze reporting.call_facts; analyze reporting.opt_out_counts; analyze reporting.opt_out_counts_monthly;
analyze accounts.members;"
log "seeded in $(( $(date +%s) - t0 )) s: $(sql -c "select count(*) from reporting.call_facts") call facts, $(sql -c "select count(*) from reporting.opt_out_counts") counter rows, $(sql -c "select sum(used) * 3 from reporting.opt_out_counts where dimension = 'all'") decisions represented"

FROM=$(date -u -d '364 days ago' +%F)
TO=$(date -u +%F)
# time_ms <n> <url> <token> [accept]: the total times of n sequential requests, one per line (ms)
time_ms() {
	local n="$1" url="$2" token="$3" accept="${4:-application/json}" i
	for i in $(seq 1 "$n"); do
		curl -sS -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $token" -H "Accept: $accept" "$url"
	done | awk '$1 != 200 { bad++ } { printf "%.3f\n", $2 * 1000 } END { if (bad) print "non-200: " bad > "/dev/stderr" }'
}
pct() { sort -g | awk -v p="$1" '{a[NR] = $1} END { i = int(NR * p / 100 + 0.999999); if (i < 1) i = 1; print a[i] }'; }
summary() { # label file
	printf '%-52s n=%-4s p50=%7s ms  p99=%7s ms  max=%7s ms\n' "$1" "$(wc -l <"$2")" "$(pct 50 <"$2")" "$(pct 99 <"$2")" "$(pct 100 <"$2")"
}

machine_info | tee "$OUT/results.txt"
echo "jar:          $JAR_INFO" | tee -a "$OUT/results.txt"
R="$BASE/api/v1/reports/opt-out-rate?from=$FROM&to=$TO&groupBy=team"
curl -fsS -H "Authorization: Bearer $REPORT_TOKEN" "$R" | head -c 300 >"$OUT/report-sample.json"
log "warm-up (100 requests each)"
time_ms 100 "$R" "$REPORT_TOKEN" >/dev/null
time_ms 100 "$R&period=month" "$REPORT_TOKEN" >/dev/null
time_ms 5 "$BASE/api/v1/exports/consent-links?format=xlsx" "$EXPORT_TOKEN" >/dev/null
# CPU time (ms) of Assent's JVM and of its PostgreSQL (the postmaster is not the JVM's child: pg_ctl detaches it).
server_cpu_ms() { cpu_ms_tree "$APP_PID" "$(head -1 "$PG_DATA/postmaster.pid")"; }
log "measuring"
cpu0=$(server_cpu_ms)
time_ms "$REQUESTS" "$R" "$REPORT_TOKEN" >"$OUT/team.ms"
cpu1=$(server_cpu_ms)
time_ms "$REQUESTS" "$R&period=month" "$REPORT_TOKEN" >"$OUT/team-month.ms"
cpu2=$(server_cpu_ms)
time_ms 20 "$BASE/api/v1/exports/consent-links" "$EXPORT_TOKEN" \
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" >"$OUT/xlsx.ms"
time_ms 20 "$BASE/api/v1/exports/consent-links" "$EXPORT_TOKEN" "text/csv" >"$OUT/csv.ms"
XLSX_BYTES=$(curl -fsS -H "Authorization: Bearer $EXPORT_TOKEN" "$BASE/api/v1/exports/consent-links?format=xlsx" | wc -c)
CSV_ROWS=$(curl -fsS -H "Authorization: Bearer $EXPORT_TOKEN" "$BASE/api/v1/exports/consent-links?format=csv" | wc -l)
# Where the time goes in the database: the report's statement (as OptOutCounts.sum runs it: whole months from
# the month counters, the days at the edges from the day counters).
FIRST_MONTH=$(date -u -d "$(date -u -d "$FROM" +%Y-%m-01) + 1 month" +%F)
LAST_MONTH=$(date -u -d "$(date -u -d "$TO" +%Y-%m-01) - 1 month" +%F)
sql -c "explain (analyze, buffers) select key, null::date as period, sum(used), sum(aborted) from (
  select key, day, used, aborted from reporting.opt_out_counts where company_id = (select id from accounts.companies
   where slug = 'bench-report') and dimension = 'team'
   and (day between '$FROM' and date '$FIRST_MONTH' - 1 or day between '$LAST_MONTH'::date + interval '1 month' and '$TO')
  union all
  select key, month, used, aborted from reporting.opt_out_counts_monthly where company_id = (select id from
   accounts.companies where slug = 'bench-report') and dimension = 'team' and month between '$FIRST_MONTH' and '$LAST_MONTH'
) counts group by key, period" >"$OUT/explain-team.txt"
p99() { pct 99 <"$1"; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t ? "TARGET MET" : "TARGET MISSED") }'; }
{
	echo "load after:   $(loadavg)"
	summary "opt-out rate, 1 year, groupBy=team" "$OUT/team.ms"
	summary "opt-out rate, 1 year, groupBy=team&period=month" "$OUT/team-month.ms"
	summary "export 10,000 members XLSX ($XLSX_BYTES bytes)" "$OUT/xlsx.ms"
	summary "export 10,000 members CSV ($CSV_ROWS lines)" "$OUT/csv.ms"
	echo "server CPU (Assent + PostgreSQL) per request: groupBy=team $(awk -v a="$cpu0" -v b="$cpu1" -v n="$REQUESTS" 'BEGIN { printf "%.1f", (b - a) / n }') ms, period=month $(awk -v a="$cpu1" -v b="$cpu2" -v n="$REQUESTS" 'BEGIN { printf "%.1f", (b - a) / n }') ms"
	echo "database time of the team query: $(grep -o 'Execution Time: .*' "$OUT/explain-team.txt") (EXPLAIN ANALYZE in explain-team.txt)"
	echo "opt-out rate by team, p99 $(p99 "$OUT/team.ms") ms ≤ 100 ms: $(verdict "$(p99 "$OUT/team.ms")" 100)"
	echo "XLSX export of 10,000 links, p99 $(p99 "$OUT/xlsx.ms") ms ≤ 2000 ms: $(verdict "$(p99 "$OUT/xlsx.ms")" 2000)"
} | tee -a "$OUT/results.txt"
log "results in $OUT"
