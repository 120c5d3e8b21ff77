#!/usr/bin/env bash
# Issue 12 target: the evidence chain costs the decision path at most 10 % of its throughput.
# Runs `bench/run.sh decision` (decision POST vs pgbench single-row inserts, same run) twice on the
# same jar: with the chain, and with --assent.evidence.bench-without-chain=true (records stored
# unchained, as before the chain; the app logs a loud WARN — a benchmark-only switch). Normalising
# each by its own pgbench figure cancels most of the machine's noise between the two:
#   cost = 1 - (decision/pgbench with chain) / (decision/pgbench without chain)
# Prints both ratios, CPU per decision, load averages, and TARGET MET/MISSED.
# Knobs: those of bench/run.sh (RUNS, DURATION, WARMUP, CONNS, …).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/out
run_one() { # <label> [app args]: runs the decision bench, echoes its results.tsv
	local label="$1" before dir
	before=$(ls -d "$out"/*-decision 2>/dev/null | sort | tail -1 || true)
	# One participant cookie posts every decision: its rate limit (30 a minute) is off, as the address's is.
	APP_ARGS="${2:-} ${APP_ARGS:-}" bench/run.sh decision >&2
	dir=$(ls -d "$out"/*-decision | sort | tail -1)
	[[ "$dir" != "$before" ]] || { echo "no new benchmark output for $label" >&2; exit 1; }
	echo "$dir/results.tsv"
}
with=$(run_one chain)
without=$(run_one no-chain --assent.evidence.bench-without-chain=true)
awk -F'\t' -v W="$with" -v N="$without" '
	function median(a, n,    i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
	FNR == 1 { f = FILENAME; for (i = 1; i <= NF; i++) h[f, $i] = i; next }
	$1 == "decision" && $3 == "app" && match($0, /not303=[0-9]+/) && substr($0, RSTART + 7, RLENGTH - 7) + 0 > 0 {
		printf "BENCH chain-cost: INVALID — %s answered %s decision POSTs with something else than 303 (see bench/out)\n", f, substr($0, RSTART + 7, RLENGTH - 7); bad = 1 }
	$1 == "decision" && $3 == "app" { r = $(h[f, "req_per_s"]); app[f, ++na[f]] = r; cpu[f, ++nc[f]] = $(h[f, "server_cpu_us_per_req"]);
		load[f] = load[f] " " $(h[f, "load_before"]) "->" $(h[f, "load_after"]) }
	$1 == "decision" && $3 == "pgbench" { pg[f, ++np[f]] = $(h[f, "req_per_s"]) }
	END {
		if (bad) exit 1
		for (k = 0; k < 2; k++) {
			f = k ? N : W
			delete a; for (i = 1; i <= na[f]; i++) a[i] = app[f, i]; ma = median(a, na[f])
			delete b; for (i = 1; i <= np[f]; i++) b[i] = pg[f, i]; mp = median(b, np[f])
			delete c; for (i = 1; i <= nc[f]; i++) c[i] = cpu[f, i]; mc = median(c, nc[f])
			ratio[k] = ma / mp
			printf "BENCH chain-cost %s: decision %.0f req/s, pgbench %.0f tps, ratio %.4f, CPU %.0f us per decision (JVM + PostgreSQL); load%s\n",
				k ? "without chain" : "with chain   ", ma, mp, ratio[k], mc, load[f]
		}
		cost = 1 - ratio[0] / ratio[1]
		printf "BENCH chain-cost: the chain costs %.1f %% of the decision throughput (target <= 10 %%): TARGET %s\n",
			cost * 100, cost <= 0.10 ? "MET" : "MISSED"
	}' "$with" "$without"
