#!/bin/sh
# Differential test on data nobody looked at: random but valid
# organizations (tests/oracle/gen_random.py, fixed seeds) through
# `baocao indicators`, against the independent oracle, for every period
# form and both cut-off rules.
set -u
cd "$TOP" || exit 1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
for seed in 1 2 3; do
	for cut in 0 15; do
		d="$tmp/s$seed-$cut"
		/usr/bin/python3 tests/oracle/gen_random.py "$seed" "$d" "$cut" || { fail=1; continue; }
		for p in 2024-03 2024-12 2024-Q2 2024-H2 2024-9M 2024 2024-02-10..2024-07-20 \
		    2024-06-01..2024-06-30 2024-05-15..2024-06-14 2024-08-03..2024-08-09; do
			if ! "$BIN/baocao" --config "$d/config" --input "$d/input" indicators "$p" \
			    >"$tmp/got.csv" 2>"$tmp/err"; then
				echo "seed $seed cutoff $cut: indicators $p failed:"; grep -v warning "$tmp/err" | head -n 5
				fail=1; continue
			fi
			/usr/bin/python3 tests/oracle/spec_indicators.py --config "$d/config" \
			    --input "$d/input" --period "$p" >"$tmp/want.csv" || { fail=1; continue; }
			if ! /usr/bin/python3 tests/oracle/compare.py "$tmp/want.csv" "$tmp/got.csv" >"$tmp/diff"; then
				echo "seed $seed cutoff $cut: $p differs from the oracle:"; head -n 10 "$tmp/diff"; fail=1
			fi
		done
	done
done
exit $fail
