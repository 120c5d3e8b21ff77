#!/usr/bin/env bash
# Verifies the consent ledger's hash chains (PRODUCT X1) without serving HTTP:
#   scripts/verify-ledger.sh [company-slug|all]      (default: all)
# Uses the same configuration as the service (DATABASE_URL, SPRING_FLYWAY_USER, assent.db.data-dir, …);
# with the embedded database, stop the running service first (one PostgreSQL per data folder).
# Exit status: 0 every chain holds, 1 a chain is broken (the line names the first broken link and
# record), 2 unknown company.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$(ls target/assent-*.jar 2>/dev/null | grep -v plain | head -1 || true)
if [ -z "$jar" ]; then
  ./mvnw -q -ntp -DskipTests package
  jar=$(ls target/assent-*.jar | grep -v plain | head -1)
fi
exec java -jar "$jar" --spring.main.web-application-type=none --assent.demo=false \
  --assent.evidence.verify="${1:-all}" --logging.level.root=warn
