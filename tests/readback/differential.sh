#!/bin/sh
# Differential test on data nobody looked at: random but valid
# organizations (fixed seeds) through `baocao indicators`, against the
# independent oracle (tests/oracle/spec_indicators.py), for every period
# form and both cut-off rules. Two generators: gen_random.py walks the
# counting corners of SPEC §5-§6; gen_random2.py writes the input in every
# style SPEC §3 allows (CRLF, BOM, any order, comments, quotes,
# continuation lines, NFD, both date forms, leading zeros, resubmissions
# under tags, registers split over files, re-sent status rows, a folder
# after the year), and `baocao check` must pass on it first. A second
# reading of SPEC, oracle2.py, written without looking at the first, checks
# gen_edge.py's organizations (ending and starting units, re-sent rows moving
# in and out, the 14th/15th, values exactly on target, ...).
set -u
cd "$TOP" || exit 1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
py=/usr/bin/python3
today=2024-10-20	# for previous-*
oracle=tests/oracle/spec_indicators.py
fail=0

# against DIR PERIOD...: baocao and the oracle agree on each period.
# A directory none of whose periods has an indicator compared nothing.
against() {
	d=$1; shift
	rows=0
	for p in "$@"; do
		if ! "$BIN/baocao" --today $today --config "$d/config" \
		    --input "$d/input" indicators "$p" >"$tmp/got.csv" 2>"$tmp/err"; then
			echo "$(basename "$d"): indicators $p failed:"
			grep -v warning "$tmp/err" | head -n 5
			fail=1; continue
		fi
		$py $oracle --today $today \
		    --config "$d/config" --input "$d/input" --period "$p" \
		    >"$tmp/want.csv" || { fail=1; continue; }
		if ! $py tests/oracle/compare.py "$tmp/want.csv" "$tmp/got.csv" >"$tmp/diff"; then
			echo "$(basename "$d"): $p differs from the oracle:"
			head -n 10 "$tmp/diff"; fail=1
		fi
		rows=$((rows + $(wc -l <"$tmp/got.csv") - 1))
	done
	if [ $rows -le 0 ]; then
		echo "$(basename "$d"): no indicator in any period: nothing compared"
		fail=1
	fi
}

# checks_clean DIR PERIOD: `baocao check` passes on the generated data.
checks_clean() {
	"$BIN/baocao" --config "$1/config" --input "$1/input" check "$2" \
	    >/dev/null 2>"$tmp/err" && return 0
	echo "$(basename "$1"): check failed:"
	grep -v warning "$tmp/err" | head -n 5
	fail=1; return 1
}

for cut in 0 15; do
	for seed in 1 2 3; do
		d=$tmp/gen1-seed$seed-cutoff$cut
		$py tests/oracle/gen_random.py "$seed" "$d" "$cut" || { fail=1; continue; }
		against "$d" 2024-03 2024-12 2024-Q2 2024-H2 2024-9M 2024 \
		    2024-02-10..2024-07-20 2024-06-01..2024-06-30 \
		    2024-05-15..2024-06-14 2024-08-03..2024-08-09
	done
	for seed in 11 12 13; do
		d=$tmp/gen2-seed$seed-cutoff$cut
		$py tests/oracle/gen_random2.py "$seed" "$d" "$cut" || { fail=1; continue; }
		checks_clean "$d" 2025-01 || continue
		against "$d" 2024-03 2024-12 2025-01 2024-Q3 2024-H1 2024-9M 2024 \
		    2024-02-10..2024-07-20 2024-12-10..2025-01-20 previous-quarter
	done
done

oracle=tests/oracle/oracle2.py today=2025-12-15
for cut in 0 15; do
	for seed in 21 22; do
		d=$tmp/edge-seed$seed-cutoff$cut
		$py tests/oracle/gen_edge.py "$seed" "$d" "$cut" || { fail=1; continue; }
		checks_clean "$d" 2026-01 || continue
		against "$d" 2025-02 2025-12 2026-01 2025-Q1 2025-H2 2025-9M 2025 \
		    2025-03-15..2025-06-14 2024-12-14..2024-12-15 2025-04-10..2025-05-20 \
		    previous-month previous-year
	done
done
# oracle3.py, a third reading written from SPEC alone (oracle audit of Nov
# 2026), on gen_random3.py's organizations: Windows-1258 input beside UTF-8,
# ids typed decomposed, error types and findings corrected in re-sent rows,
# every unit starting late (a period with none in scope), objectives on
# counts, stocks, decimals and per-channel rates, non-integer % targets;
# every period form over the data's last two years, both cut-offs. It also
# checks the analysis stream (window, comparisons, Pareto, p-charts, low
# samples) of a quarter, a range, a January and a year (prev = yoy).
oracle=tests/oracle/oracle3.py today=2025-03-15
for cut in 0 15; do
	for seed in 31 37; do
		d=$tmp/gen3-seed$seed-cutoff$cut
		$py tests/oracle/gen_random3.py "$seed" "$d" "$cut" || { fail=1; continue; }
		first=$(ls "$d/input" | head -n 1); last=$(ls "$d/input" | tail -n 1)
		y=${last%-*}; y0=$((y - 1))
		checks_clean "$d" "$last" || continue
		against "$d" "$first" "$last" $y0-02 $y-Q1 $y0-Q4 $y0-H1 $y0-H2 \
		    $y-9M $y0 $y $((y + 1))-01 $y0-12-10..$y-01-20 \
		    $y0-11-15..$y-01-14 $y0-05-15..$y0-05-15 $first-20..$last-10 \
		    previous-month previous-half
		for p in $y-Q1 $y0-12-10..$y-01-20 $y-01 $y0; do
			"$BIN/baocao-check" --config "$d/config" "$d"/input/* 2>/dev/null |
			    "$BIN/baocao-rollup" --config "$d/config" --period "$p" |
			    "$BIN/baocao-analyze" --config "$d/config" --period "$p" \
			    --analysis "$tmp/analysis" >/dev/null &&
			$py $oracle --config "$d/config" --input "$d/input" \
			    --check-analysis "$tmp/analysis" "$p" >"$tmp/diff" || {
				echo "$(basename "$d"): analysis of $p differs from the oracle:"
				head -n 10 "$tmp/diff"; fail=1; }
		done
	done
done
exit $fail
