#!/bin/sh
# The indicators of `baocao indicators` agree (to 1e-9, same rows, byte
# order) with tests/oracle/spec_indicators.py, an independent implementation
# of SPEC §5-§6, on the sample for every period form under both cut-off rules.
set -u
. "$TOP/tests/readback/cutoffs.inc"
fail=0
for cfg in c0 c15; do
	for p in 2024-01 2024-05 2024-12 2024-Q1 2024-Q4 2024-H1 2024-H2 2024-9M \
	    2024 2024-03-10..2024-05-20 2024-04-15..2024-06-14 15/01/2024..14/02/2024 \
	    previous-month previous-quarter previous-half previous-9m previous-year; do
		"$BIN/baocao" --config "$tmp/$cfg" --today 2024-12-20 indicators "$p" \
		    >"$tmp/got.csv" 2>"$tmp/err" || { echo "indicators $p ($cfg) failed"; cat "$tmp/err"; fail=1; continue; }
		/usr/bin/python3 tests/oracle/spec_indicators.py --config "$tmp/$cfg" \
		    --today 2024-12-20 --period "$p" >"$tmp/want.csv" || { fail=1; continue; }
		# the sample has units in scope in every period: an empty CSV
		# on both sides would compare equal
		[ "$(wc -l <"$tmp/got.csv")" -gt 1 ] ||
		    { echo "indicators $p ($cfg): no indicator"; fail=1; }
		if ! /usr/bin/python3 tests/oracle/compare.py "$tmp/want.csv" "$tmp/got.csv" >"$tmp/diff"; then
			echo "indicators $p ($cfg) differ from the oracle:"; head -n 20 "$tmp/diff"; fail=1
		fi
	done
done
exit $fail
