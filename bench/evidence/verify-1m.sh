#!/usr/bin/env bash
# Issue 12 target: verifying a 1-million-record evidence chain takes at most 10 s.
# Builds the chain in the embedded PostgreSQL of a test context through EvidenceLedger.appendAll
# (1,000 records a link), verifies it twice (cold, warm) and prints "BENCH evidence: …".
# RECORDS=200000 bench/evidence/verify-1m.sh for a shorter run.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -ntp -Dtest=LedgerVerificationBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dassent.bench=true -Dassent.bench.records="${RECORDS:-1000000}" test 2>&1 | grep -E "BENCH|FAIL|Tests run" || true
