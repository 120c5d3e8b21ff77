#!/usr/bin/env bash
# Called by OptOutLoad.java once its members, calls and bots are set up, before the warm-up (run.sh, unless
# SETTLE=0): the set-up has just written ~26,000 rows into a dozen tables, and autovacuum would otherwise
# vacuum and analyze all of them in one round a minute later — inside the measured window (session 13: the
# window's first 10 s held 5 s of it). A service that has been running has its statistics and its vacuum
# done; the opt-outs' own tables are still vacuumed by autovacuum while they run, as in production.
#   settle.sh    (needs PG_DATA and psql)
set -euo pipefail
port=$(sed -n 4p "$PG_DATA/postmaster.pid")
start=$(date +%s.%N)
psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "vacuum (analyze)"
awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "Vacuumed and analyzed after the set-up in %.1f s.\n", e - s }'
