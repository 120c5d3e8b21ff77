#!/usr/bin/env bash
# Issue 11: the API's log pages (GET /api/v1/consent-decisions, /api/v1/emails, /api/v1/recorder/commands)
# on a company with ROWS decisions, emails and recorder commands (default 200,000 each) among as many
# rows of 20 other companies. Prints each page query's plan (EXPLAIN ANALYZE) with TARGET MET when
# the page comes from an index range (no sort of the company's rows, no sequential scan), and the
# time of first and deep pages over HTTP ("BENCH api-logs: …").
# ROWS=20000 bench/api-logs/run.sh for a shorter run.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -ntp -Dtest=ApiLogPagesBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dassent.bench=true -Dassent.bench.rows="${ROWS:-200000}" test 2>&1 | grep -E "BENCH|^  |FAIL|Tests run" || true
