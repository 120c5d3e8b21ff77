#!/usr/bin/env bash
# Regenerates the README's screenshots under docs/screenshots/ (issue 10): starts the packaged app with
# its demo data (extracted jar, as bench/lib.sh runs it), gives the demo's default consent profile
# Arabic as well, and drives headless Chromium through chromedriver (bench/screenshots/shoot.py).
#   bench/screenshots/run.sh            (needs chromium, chromedriver, psql, python3)
# Stops everything it started (by pid) on exit.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
JAVA_HOME="${JAVA_HOME_BENCH:-/usr/lib/jvm/java-17-openjdk-amd64}"
[[ -x "$JAVA_HOME/bin/java" ]] || JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
JAVA="$JAVA_HOME/bin/java"
OUT="$BENCH_DIR/out/$(date -u +%Y%m%dT%H%M%SZ)-screenshots"
mkdir -p "$OUT"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/assent-shots.XXXXXX")
trap cleanup EXIT
trap 'exit 130' INT TERM

APP_START_TIMEOUT="${APP_START_TIMEOUT:-600}"  # a busy machine starts the app slowly
ensure_jar
start_app
BASE="http://127.0.0.1:$APP_PORT"
"$PSQL" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -c "
  update profiles.consent_profiles p set languages = '{en,ar,de,fr,es,ja}'
    from accounts.companies c where c.id = p.company_id and c.slug = 'acme' and p.is_default" >/dev/null
DEST="$REPO_DIR/docs/screenshots"
mkdir -p "$DEST"
python3 "$BENCH_DIR/screenshots/shoot.py" "$BASE" admin@acme.example bench-password-123 "$DEST"
log "screenshots written to $DEST"
