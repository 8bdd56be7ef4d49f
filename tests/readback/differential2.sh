#!/bin/sh
# Differential test on input written in every style SPEC §3 allows
# (tests/oracle/gen_random2.py: CRLF, BOM, any order, comments, quotes,
# continuation lines, NFD, both date forms, leading zeros, resubmissions
# under tags, registers split over files, RFC 4180 quoting, re-sent status
# rows, a folder after the year...), through `baocao check` (must pass) and
# `baocao indicators`, against the independent oracle, for both cut-off rules.
set -u
cd "$TOP" || exit 1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
for seed in 11 12 13; do
	for cut in 0 15; do
		d="$tmp/s$seed-$cut"
		/usr/bin/python3 tests/oracle/gen_random2.py "$seed" "$d" "$cut" || { fail=1; continue; }
		if ! "$BIN/baocao" --config "$d/config" --input "$d/input" check 2025-01 >/dev/null 2>"$tmp/err"; then
			echo "seed $seed cutoff $cut: check failed:"; grep -v warning "$tmp/err" | head -n 5
			fail=1; continue
		fi
		for p in 2024-03 2024-12 2025-01 2024-Q3 2024-H1 2024-9M 2024 2024-02-10..2024-07-20 \
		    2024-12-10..2025-01-20 previous-quarter; do
			if ! "$BIN/baocao" --today 2024-10-20 --config "$d/config" --input "$d/input" indicators "$p" \
			    >"$tmp/got.csv" 2>"$tmp/err"; then
				echo "seed $seed cutoff $cut: indicators $p failed:"; grep -v warning "$tmp/err" | head -n 5
				fail=1; continue
			fi
			/usr/bin/python3 tests/oracle/spec_indicators.py --today 2024-10-20 --config "$d/config" \
			    --input "$d/input" --period "$p" >"$tmp/want.csv" || { fail=1; continue; }
			if ! /usr/bin/python3 tests/oracle/compare.py "$tmp/want.csv" "$tmp/got.csv" >"$tmp/diff"; then
				echo "seed $seed cutoff $cut: $p differs from the oracle:"; head -n 10 "$tmp/diff"; fail=1
			fi
		done
	done
done
exit $fail
