#!/bin/sh
# legal.sh: no false rejection. tests/fixtures/legal/legalgen.py rewrites
# every file of the sample (and, second run, its units.ini and
# objectives.ini) in a random style that SPEC §3 allows, with the same
# meaning: spacing, comments, quotes, continuation lines, sections and keys
# in any order, NFD, BOM, CRLF, both date forms, leading zeros,
# resubmissions under tags, registers pooled and split over freely named
# files, columns in any order, optional columns dropped, RFC 4180 quoting
# and line breaks in fields. Every folder must pass baocao-check with no new
# kind of warning and the same normalized stream, and the indicators of a
# month, a quarter, a half and the year must be byte-identical (run.py).
# Fixed seeds; more seeds by hand: run.py TOP TOP SEED0 N [1].
: "${BIN:?}" "${TOP:?}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
run=$TOP/tests/fixtures/legal/run.py
fail=0
# run.py compares each rewrite with the sample as read: were the sample
# itself refused (an empty stream, `indicators` failing) both sides would
# be equally empty and every comparison pass
for p in 2024-03 2024-Q2 2024-H2 2024; do
	"$BIN/baocao" --config "$TOP/config" --input "$TOP/input" indicators "$p" \
	    >"$tmp/ind" 2>"$tmp/err" && [ "$(wc -l <"$tmp/ind")" -gt 1 ] || {
		echo "legal.sh: baocao indicators $p fails on the sample"
		head -n 5 "$tmp/err"; exit 1; }
done
for m in "$TOP"/input/2024-*; do
	"$BIN/baocao-check" --config "$TOP/config" "$m" >"$tmp/norm" 2>/dev/null &&
	    [ -s "$tmp/norm" ] || {
		echo "legal.sh: baocao-check refuses the sample's $(basename "$m")"; exit 1; }
done
/usr/bin/python3 "$run" "$TOP" "$TOP" 0 6 0 "$tmp/a" >"$tmp/log" 2>&1 || fail=1
/usr/bin/python3 "$run" "$TOP" "$TOP" 100 6 1 "$tmp/b" >>"$tmp/log" 2>&1 || fail=1
if [ $fail -ne 0 ]; then
	grep -v '^seeds' "$tmp/log" | head -n 40
	echo "legal.sh: legal inputs rejected or read otherwise"
	exit 1
fi
echo "legal.sh: 12 rewritten samples accepted and read the same"
