# Shared helpers for the Assent benchmarks; sourced by bench/run.sh.
# Everything here talks to 127.0.0.1 only and tracks the pids it starts so the EXIT trap can
# stop exactly those processes (never by name).

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"

JAVA_HOME="${JAVA_HOME_BENCH:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
SPIKE_JAVA="/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"   # the spike generator needs the JDK 25 source launcher
WRK="${WRK:-/usr/bin/wrk}"
NGINX="${NGINX:-/usr/sbin/nginx}"
PGBENCH="${PGBENCH:-/usr/bin/pgbench}"
PSQL="${PSQL:-/usr/bin/psql}"

APP_PID=""
NGINX_PID=""
PG_DATA=""
TMP=""

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

die() { log "ERROR: $*"; exit 1; }

# A TCP port nobody listens on, below the ephemeral range (so wrk's outgoing sockets can't take it).
free_port() {
	local p i
	for i in $(seq 1 200); do
		p=$((20000 + RANDOM % 12000))
		if ! ss -Htln "sport = :$p" | grep -q .; then
			echo "$p"
			return 0
		fi
	done
	die "no free port found"
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# Busy CPU time (ms) of the whole machine so far: user+nice+system+steal. Interrupt and softirq time
# is left out: on loopback it is mostly our own network traffic, and no process is charged for it.
machine_busy_ms() {
	awk -v hz="$(getconf CLK_TCK)" '$1 == "cpu" { printf "%d\n", ($2 + $3 + $4 + $9) * 1000 / hz; exit }' /proc/stat
}

# Share of the machine (all cores) that processes we did not start used during a measurement:
# foreign_pct <busy ms delta> <our cpu ms> <wall ms>. Noise indicator, better than the load average,
# which also counts the benchmark's own runnable threads.
foreign_pct() {
	awk -v b="$1" -v o="$2" -v w="$3" -v n="$(nproc)" 'BEGIN { f = (b - o) / (n * w) * 100; if (f < 0) f = 0; printf "%.0f%%", f }'
}

# CPU time (ms) used so far by a process and all its descendants (live ones, plus reaped children
# through cutime/cstime). Used to report the server's CPU cost per request.
cpu_ms_tree() { # root pids...
	local total=0 pid kids stat t
	local -a queue=("$@")
	local tck
	tck=$(getconf CLK_TCK)
	while ((${#queue[@]})); do
		pid="${queue[0]}"
		queue=("${queue[@]:1}")
		if stat=$(cat "/proc/$pid/stat" 2>/dev/null); then
			# Fields after the ")" of the command name: utime=12, stime=13, cutime=14, cstime=15 (0-based after ')').
			t=$(echo "${stat##*) }" | awk '{print $12 + $13 + $14 + $15}')
			total=$((total + t))
		fi
		kids=$(ps -o pid= --ppid "$pid" 2>/dev/null || true)
		for k in $kids; do queue+=("$k"); done
	done
	echo $((total * 1000 / tck))
}

# CPU time (ms) so far of each thread of a JVM, summed by thread name with its digits folded ("tomcat-handler-N"):
# one "name<TAB>ms" line per name. The kernel keeps 15 characters of a thread's name; a thread that ended is not counted.
threads_cpu_ms() { # pid
	local t tck
	tck=$(getconf CLK_TCK)
	for t in /proc/"$1"/task/*; do
		# comm may hold spaces; the fields after the ")" of stat: utime=12, stime=13 (awk, 1-based).
		printf '%s\t%s\n' "$(cat "$t/comm" 2>/dev/null)" "$(sed 's/^.*) //' "$t/stat" 2>/dev/null)"
	done | awk -F'\t' -v tck="$tck" 'NF == 2 && $2 != "" { n = $1; gsub(/[0-9]+/, "N", n); split($2, f, " ");
		ms[n] += (f[12] + f[13]) * 1000 / tck } END { for (n in ms) printf "%s\t%d\n", n, ms[n] }'
}

# CPU time (ms) so far of each child process of a PostgreSQL postmaster (its backends and workers): "pid<TAB>ms" lines.
backends_cpu_ms() { # postmaster pid
	local pid tck stat
	tck=$(getconf CLK_TCK)
	for pid in $(ps -o pid= --ppid "$1" 2>/dev/null); do
		stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
		echo "${stat##*) }" | awk -v p="$pid" -v tck="$tck" '{ printf "%s\t%d\n", p, ($12 + $13) * 1000 / tck }'
	done
}

# Per request (µs), from two snapshots of threads_cpu_ms and backends_cpu_ms and the number of requests: the JVM's
# CPU by thread group — the decision writer, its disk waiter, the request threads (Tomcat's; with virtual threads, JDK 21+,
# the ForkJoinPool carriers they run on), the rest (the JIT, the GC, listeners) — and
# PostgreSQL's busiest process next to all the others (with one decision writer, the busiest is its backend).
cpu_split_per_request() { # threads-before threads-after backends-before backends-after requests
	awk -F'\t' -v n="$5" '
		FILENAME == ARGV[1] { t0[$1] = $2; next }
		FILENAME == ARGV[2] { d = $2 - t0[$1]; g = ($1 ~ /^decision-writer/) ? "writer" : ($1 ~ /^decision-disk/) ? "disk" : ($1 ~ /^tomcat-handler/ || $1 ~ /^http-nio/ || $1 ~ /^ForkJoinPool-/) ? "requests" : "other"; jvm[g] += d; next }
		FILENAME == ARGV[3] { b0[$1] = $2; next }
		{ d = $2 - b0[$1]; all += d; if (d > max) max = d }
		END { if (n > 0) printf "writer_us=%.1f disk_us=%.1f request_threads_us=%.1f other_jvm_us=%.1f pg_busiest_backend_us=%.1f pg_rest_us=%.1f\n",
			jvm["writer"] * 1000 / n, jvm["disk"] * 1000 / n, jvm["requests"] * 1000 / n, jvm["other"] * 1000 / n, max * 1000 / n, (all - max) * 1000 / n }
	' "$1" "$2" "$3" "$4"
}

machine_info() {
	echo "date (UTC):   $(date -u '+%Y-%m-%d %H:%M:%S')"
	echo "git commit:   $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo '?')"
	echo "nproc:        $(nproc)"
	echo "cpu:          $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
	echo "memory:       $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
	echo "kernel:       $(uname -r)"
	echo "app JDK:      $("$JAVA" -version 2>&1 | sed -n 2p)"
	echo "wrk:          $("$WRK" -v 2>&1 | head -1 | awk '{print $1, $2}')"
	echo "nginx:        $("$NGINX" -v 2>&1 | sed 's/.*: //')"
	echo "pgbench:      $("$PGBENCH" --version)"
	echo "temp fs:      $(df -T "${TMPDIR:-/tmp}" | awk 'NR==2 {print $2 " on " $1}')"
	echo "load average: $(loadavg)"
}

# Runs the packaged app in Spring Boot's extracted layout (an ordinary jar + lib/): `java -jar` of the
# fat jar goes through the nested-jar class loader, which deadlocked with virtual threads on JDK 25
# (Spring Boot #51463, STACK gotcha 11). APP_JAR is what start_app runs.
extract_jar() {
	rm -rf "$TMP/app"
	"$JAVA" -Djarmode=tools -jar "$TMP/assent.jar" extract --destination "$TMP/app" >/dev/null || die "could not extract the jar"
	APP_JAR="$TMP/app/assent.jar"
}

# Builds the jar when it is missing or older than the main sources.
ensure_jar() {
	local jar
	if [[ -n "${ASSENT_JAR:-}" ]]; then
		cp "$ASSENT_JAR" "$TMP/assent.jar"
		extract_jar
		JAR_INFO="$ASSENT_JAR ($(stat -c %y "$ASSENT_JAR" | cut -d. -f1), set by ASSENT_JAR)"
		log "jar: $JAR_INFO"
		return 0
	fi
	jar=$(ls "$REPO_DIR"/target/assent-*.jar 2>/dev/null | grep -v -- '-plain\|\.original' | head -1 || true)
	if [[ -z "$jar" ]] || [[ -n "$(find "$REPO_DIR/src/main" "$REPO_DIR/pom.xml" -newer "$jar" -type f 2>/dev/null | head -1)" ]]; then
		log "building the jar (./mvnw -q -B -o -DskipTests package)"
		(cd "$REPO_DIR" && ./mvnw -q -B -o -DskipTests package) || die "build failed"
		jar=$(ls "$REPO_DIR"/target/assent-*.jar | grep -v -- '-plain\|\.original' | head -1)
	fi
	# Run a private copy: other engineers may rebuild target/ while we measure.
	cp "$jar" "$TMP/assent.jar"
	extract_jar
	JAR_INFO="$jar ($(stat -c %y "$jar" | cut -d. -f1); working tree at $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo '?'))"
	log "jar: $JAR_INFO"
}

# The benchmarks post every decision from one cookie and one address: both rate limits are off (the
# limits are tested in DecisionRateLimitTests and the consent page tests).
start_app() {
	APP_PORT=$(free_port)
	log "starting Assent on 127.0.0.1:$APP_PORT with $("$JAVA" -version 2>&1 | sed -n 2p)"
	ASSENT_DEMO=true ASSENT_ADMIN_PASSWORD=bench-password-123 ASSENT_OPERATOR_TOKEN=bench-operator-token-0123456789 \
		"$JAVA" @"$REPO_DIR/jvm.options" ${APP_JAVA_OPTS:-} -jar "${APP_JAR:-$TMP/assent.jar}" \
		--assent.db.data-dir="$TMP/pg" --server.port="$APP_PORT" --server.address=127.0.0.1 --assent.consent-page.rate-limit.per-address=0 --assent.consent-page.rate-limit.per-participant=0 ${APP_ARGS:-} \
		>"$OUT/app.log" 2>&1 &
	APP_PID=$!
	PG_DATA="$TMP/pg"
	local i
	for i in $(seq 1 "${APP_START_TIMEOUT:-120}"); do
		if curl -fsS "http://127.0.0.1:$APP_PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
			PG_PORT=$(grep -o 'Embedded PostgreSQL running on port [0-9]*' "$OUT/app.log" | awk '{print $NF}')
			log "Assent is UP (pid $APP_PID), embedded PostgreSQL on port $PG_PORT"
			return 0
		fi
		kill -0 "$APP_PID" 2>/dev/null || die "the app exited; see $OUT/app.log"
		sleep 1
	done
	die "the app did not become healthy in ${APP_START_TIMEOUT:-120} s; see $OUT/app.log"
}

start_nginx() {
	NGINX_PORT=$(free_port)
	mkdir -p "$TMP/nginx/www/acme" "$TMP/nginx/logs"
	cp "$1" "$TMP/nginx/www/acme/michael"
	sed -e "s|@PORT@|$NGINX_PORT|g" -e "s|@PREFIX@|$TMP/nginx|g" "$BENCH_DIR/nginx.conf" >"$TMP/nginx/nginx.conf"
	# nginx workers drop to "nobody" when the master runs as root: let them read the page.
	chmod 755 "$TMP" "$TMP/nginx" "$TMP/nginx/www" "$TMP/nginx/www/acme"
	chmod 644 "$TMP/nginx/www/acme/michael"
	"$NGINX" -p "$TMP/nginx/" -e "$TMP/nginx/logs/error.log" -c "$TMP/nginx/nginx.conf" &
	NGINX_PID=$!
	local i
	for i in $(seq 1 50); do
		curl -fsS -o /dev/null "http://127.0.0.1:$NGINX_PORT/acme/michael" 2>/dev/null && {
			log "nginx is up (pid $NGINX_PID) on 127.0.0.1:$NGINX_PORT"
			return 0
		}
		sleep 0.2
	done
	die "nginx did not start; see $TMP/nginx/logs/error.log"
}

stop_pid() { # pid, seconds to wait before SIGKILL
	local pid="$1" wait="${2:-30}" i
	[[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM "$pid" 2>/dev/null || true
	for i in $(seq 1 $((wait * 5))); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.2
	done
	log "pid $pid did not stop in ${wait}s; killing it"
	kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
	local rc=$?
	set +e
	[[ -n "$NGINX_PID" ]] && stop_pid "$NGINX_PID" 10
	if [[ -n "$APP_PID" ]]; then
		stop_pid "$APP_PID" 40
		wait "$APP_PID" 2>/dev/null
	fi
	# The embedded PostgreSQL is a child of the app; if the app died hard it may outlive it.
	if [[ -n "$PG_DATA" && -f "$PG_DATA/postmaster.pid" ]]; then
		local pgpid
		pgpid=$(head -1 "$PG_DATA/postmaster.pid")
		if [[ -n "$pgpid" ]] && kill -0 "$pgpid" 2>/dev/null; then
			log "stopping the leftover embedded PostgreSQL (pid $pgpid)"
			kill -INT "$pgpid" 2>/dev/null
			for _ in $(seq 1 50); do kill -0 "$pgpid" 2>/dev/null || break; sleep 0.2; done
		fi
	fi
	[[ -n "$TMP" && -d "$TMP" && "${KEEP_TMP:-0}" != 1 ]] && rm -rf "$TMP"
	exit "$rc"
}

# wrk's "50%   2.38ms" style values to milliseconds.
to_ms() {
	awk -v v="$1" 'BEGIN {
		if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
		else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
		else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.3f", v * 60000 }
		else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
		else printf "%s", v }'
}

wrk_rps() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
wrk_pct() { to_ms "$(awk -v p="$2%" '$1 == p {print $2}' "$1")"; }
wrk_errors() { awk '/Socket errors|Non-2xx/ {print}' "$1" | tr '\n' ' '; }

median() { # numbers as arguments
	printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END { if (NR == 0) print "n/a"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
