#!/usr/bin/env bash
# Summarises the CPU samples (jdk.ExecutionSample) of a JFR recording without async-profiler:
#   bench/jfr-summary.sh recording.jfr [frame-substring...]
# 1. inclusive share: samples whose stack contains a frame (the given substrings, or a default list
#    of the consent page's hot path);
# 2. self time by area: the package of the top frame, bucketed.
# Start the app with -XX:FlightRecorderOptions:stackdepth=256 (bench/run.sh profile does) so that
# deep Spring stacks are not cut at JFR's default 64 frames, which would hide the outer frames.
set -euo pipefail
JFR="${JFR:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr}"
rec="$1"
shift
frames=("$@")
if ((${#frames[@]} == 0)); then
	frames=(
		"Http11Processor.service(" "ServerHttpObservationFilter.doFilterInternal(" "ConsentPageFilter.doFilterInternal("
		"PageCache.lookup(" "PageCache.render(" "PageRenderer.render(" "rememberShownText(" "PageResponder.write("
		"ParticipantTokens.csrf(" "Tokens.random(" "FilterChainProxy.doFilter(" "DispatcherServlet.doDispatch("
		"ConsentPageController.decide(" "ConsentManagement.decide(" "Decisions.insert(" "EvidenceLedger.append("
		"publishEvent(" "HikariDataSource.getConnection(" "JdbcTransactionManager" "DataSourceTransactionManager.doCommit("
		"org.thymeleaf." "io.micrometer." "ObservationFilterChainDecorator" "NioEndpoint\$Poller.run("
	)
fi
samples=$(mktemp)
trap 'rm -f "$samples"' EXIT
"$JFR" print --events jdk.ExecutionSample --stack-depth 1000 "$rec" >"$samples"
total=$(grep -c '^jdk.ExecutionSample' "$samples" || true)
echo "CPU samples: $total ($rec)"
[[ "$total" -gt 0 ]] || exit 0
echo
echo "Inclusive (stack contains):"
for f in "${frames[@]}"; do
	awk -v p="$f" -v total="$total" '
		/^jdk.ExecutionSample/ { if (hit) c++; hit = 0 }
		index($0, p) { hit = 1 }
		END { if (hit) c++; printf "  %6.1f%%  %5d  %s\n", 100 * c / total, c, p }' "$samples"
done
echo
echo "Self time by area (top frame):"
awk -v total="$total" '
	/stackTrace = \[/ { getline; f = $1
		area = "other"
		if (f ~ /^org\.thymeleaf|^org\.attoparser|^org\.unbescape/) area = "thymeleaf (template rendering)"
		else if (f ~ /^io\.micrometer/) area = "micrometer (observations/metrics)"
		else if (f ~ /^org\.springframework\.security/) area = "spring security"
		else if (f ~ /^org\.springframework\.expression/) area = "spring expression (SpEL)"
		else if (f ~ /^org\.springframework/) area = "spring (web, tx, jdbc, core)"
		else if (f ~ /^org\.apache\.(tomcat|catalina|coyote)/) area = "tomcat"
		else if (f ~ /^org\.postgresql/) area = "pgjdbc"
		else if (f ~ /^com\.zaxxer/) area = "hikari"
		else if (f ~ /^tools\.jackson|^com\.fasterxml/) area = "jackson"
		else if (f ~ /^dev\.assent/) area = "assent"
		else if (f ~ /^java\.lang\.VirtualThread|^jdk\.internal\.vm|^java\.util\.concurrent\.ForkJoin/) area = "virtual-thread scheduling"
		else if (f ~ /^java\.|^javax\.|^jdk\.|^sun\./) area = "jdk (collections, strings, io, crypto)"
		n[area]++ }
	END { for (a in n) printf "  %6.1f%%  %5d  %s\n", 100 * n[a] / total, n[a], a }' "$samples" | sort -rn
