#!/usr/bin/env bash
# What the database did per opt-out (issue 7): run.sh with PG_STATS=1 calls this before and after the
# measured window. It snapshots the embedded PostgreSQL's cumulative statistics (commits, rows
# inserted/updated/deleted and index/sequential scans per table) and prints the difference divided by
# the number of opt-outs.   pg-stats.sh before|after <opt-outs>   (needs PG_DATA and psql)
set -euo pipefail
when=$1
n=$2
port=$(sed -n 4p "$PG_DATA/postmaster.pid")
snap() {
  psql -X -q -A -F, -t -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "select pg_stat_force_next_flush()" >/dev/null 2>&1 || true
  psql -X -q -A -F, -t -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "
    select 'db', 'commits', xact_commit from pg_stat_database where datname = current_database()
    union all select 'db', 'rollbacks', xact_rollback from pg_stat_database where datname = current_database()
    union all select 'wal', 'records', wal_records from pg_stat_wal
    union all select 'wal', 'syncs', wal_sync from pg_stat_wal
    union all select 'wal', 'full-page images', wal_fpi from pg_stat_wal
    union all select 'wal', 'bytes', wal_bytes::bigint from pg_stat_wal
    union all select 'checkpoints', 'started', num_timed + num_requested from pg_stat_checkpointer
    union all select schemaname || '.' || relname, 'ins', n_tup_ins from pg_stat_user_tables
    union all select schemaname || '.' || relname, 'upd', n_tup_upd from pg_stat_user_tables
    union all select schemaname || '.' || relname, 'del', n_tup_del from pg_stat_user_tables
    union all select schemaname || '.' || relname, 'idx', coalesce(idx_scan, 0) from pg_stat_user_tables
    union all select schemaname || '.' || relname, 'seq', seq_scan from pg_stat_user_tables
    union all select schemaname || '.' || relname, 'autovacuums', autovacuum_count + autoanalyze_count from pg_stat_user_tables"
}
# JFR_OUT=file.jfr also records Assent's JVM (JFR, profile settings) over the measured window only.
JCMD=$(dirname "$(readlink -f "$(command -v "${ASSENT_JAVA:-java}")")")/jcmd
# With pg_stat_statements loaded (run.sh passes --assent.db.server.shared_preload_libraries=pg_stat_statements
# when PG_STATS=1), the statements themselves: calls per opt-out, by total time.
statements() {
  psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "$1" 2>/dev/null || true
}
if [[ $when == before ]]; then
  statements "create extension if not exists pg_stat_statements" >/dev/null
  statements "select pg_stat_statements_reset()" >/dev/null
  [[ -n "${JFR_OUT:-}" ]] && "$JCMD" "$ASSENT_PID" JFR.start name=window settings=profile ${JFR_OPTS:-} >/dev/null
  snap > "$PG_DATA/../stats-before.csv"
  statements "create extension if not exists pg_walinspect" >/dev/null
  psql -X -q -A -t -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "select pg_current_wal_insert_lsn()" > "$PG_DATA/../lsn-before" 2>/dev/null || true
  exit 0
fi
snap > "$PG_DATA/../stats-after.csv"
[[ -n "${JFR_OUT:-}" ]] && "$JCMD" "$ASSENT_PID" JFR.stop name=window filename="$JFR_OUT" >/dev/null && echo "JFR of the measured window: $JFR_OUT"
statements "select round(calls::numeric / $n, 2) as per_opt_out, round(total_exec_time::numeric / $n, 3) as ms_per_opt_out,
  round(plans::numeric / $n, 2) as plans_per_opt_out, round(total_plan_time::numeric / $n, 3) as plan_ms_per_opt_out,
  left(regexp_replace(query, '\\s+', ' ', 'g'), 120) as query
  from pg_stat_statements where calls >= $n / 10 order by total_exec_time + total_plan_time desc limit 40"
# The window's WAL by relation (pg_walinspect): where the write amplification goes — records touching each
# table or index per opt-out, and the bytes of full-page images among them (a checkpoint in the window makes
# the first change of every page after it write the whole page).
if [[ -s "$PG_DATA/../lsn-before" ]]; then
  statements "select coalesce(c.relname, b.relfilenode::text) as relation, b.resource_manager as rmgr,
      round(count(*)::numeric / $n, 2) as blocks_per_opt_out, round(sum(b.record_length)::numeric / $n) as record_bytes_per_opt_out,
      round(sum(coalesce(b.block_fpi_length, 0))::numeric / $n) as fpi_bytes_per_opt_out
    from pg_get_wal_block_info('$(cat "$PG_DATA/../lsn-before")', pg_current_wal_insert_lsn(), false) b
    left join pg_class c on c.relfilenode = b.relfilenode and b.reldatabase = (select oid from pg_database where datname = current_database())
    group by 1, 2 order by 3 desc limit 30"
  statements "select resource_manager, record_type, round(count::numeric / $n, 2) as per_opt_out, round(record_size::numeric / $n) as bytes_per_opt_out,
      round(fpi_size::numeric / $n) as fpi_bytes_per_opt_out
    from pg_get_wal_stats('$(cat "$PG_DATA/../lsn-before")', pg_current_wal_insert_lsn(), true) where count > 0 order by count desc limit 20"
fi
python3 - "$PG_DATA/../stats-before.csv" "$PG_DATA/../stats-after.csv" "$n" <<'PY'
import sys, collections
def load(p):
    d = {}
    for line in open(p):
        line = line.strip()
        if line:
            rel, k, v = line.rsplit(',', 2)
            d[(rel, k)] = int(v or 0)
    return d
b, a, n = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3])
rows = collections.defaultdict(dict)
for key, v in a.items():
    diff = v - b.get(key, 0)
    if diff:
        rows[key[0]][key[1]] = diff / n
print(f"Database work per opt-out ({n} opt-outs):")
for rel in sorted(rows, key=lambda r: -sum(rows[r].values())):
    if rel == 'checkpoints':  # how many in the window, not per opt-out
        print(f"  {rel:45s} " + "  ".join(f"{k} {round(v * n)} in the window" for k, v in sorted(rows[rel].items())))
        continue
    # autovacuum and autoanalyze runs in the window: a count, not per opt-out
    print(f"  {rel:45s} " + "  ".join(f"{k} {round(v * n)} in the window" if k == 'autovacuums' else f"{k} {v:6.2f}"
                                      for k, v in sorted(rows[rel].items())))
PY
