#!/bin/sh
# pdf_figures.sh: every figure of the signed PDFs read back against the
# indicators (pdf_figures.py): `baocao report` on the sample (a month, a
# month with a unit missing, a quarter, the year, a range under both
# cut-off rules), on random organizations (tests/oracle/gen_random.py,
# fixed seeds, both cut-off rules) and on the hostile one
# (tests/fixtures/hostile/gen.py: a month and its year, many long
# suggestions), each table of the BM.07.01 forms, the periodic report
# (units, totals, objectives and their matrix, Pareto tables,
# comparisons, the sentence of submissions, the low-sample note, the
# sentence under each p-chart) and the improvement summary compared cell
# by cell with chi-so-P.csv and the analysis stream, as the templates map
# them and docs/PDF.md formats them; the summary's figures that are no
# indicator (assigned, days to the QMR, the list of open suggestions)
# with the suggestions registers of the input folders (pdf_suggestions.py).
# Run by tests/run-readback with BIN and TOP set.
: "${BIN:?}" "${TOP:?}"
py=/usr/bin/python3
chk=$TOP/tests/readback/pdf_figures.py
tmpl=$TOP/templates
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "pdf_figures.sh: $*" >&2; fail=1; }

if ! command -v pdftotext >/dev/null 2>&1; then
	echo "pdf_figures.sh: pdftotext is not installed (poppler-utils)" >&2
	exit 1
fi

# figures NAME CONFIG INPUT PERIOD LAST: the documents of `baocao report
# --period PERIOD`, the analysis stream of the same data (the folders up
# to 2024-LAST, the reporting month of PERIOD's last day), and the check.
figures() {
	name=$1 conf=$2 in=$3 p=$4 last=$5
	out=$tmp/$name
	if ! "$BIN/baocao" --config "$conf" --input "$in" --output "$out" \
	    --templates "$tmpl" report --period "$p" >"$out.log" 2>&1; then
		no "$name: baocao report failed"
		grep -v warning "$out.log" | head -n 5 >&2
		return
	fi
	folders=
	for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
		folders="$folders $in/2024-$m"
		[ "$m" = "$last" ] && break
	done
	# shellcheck disable=SC2086
	if ! "$BIN/baocao-check" --config "$conf" $folders 2>/dev/null |
	    "$BIN/baocao-rollup" --config "$conf" --period "$p" 2>/dev/null |
	    "$BIN/baocao-analyze" --config "$conf" --period "$p" \
	    --analysis "$out.a" >"$out.csv" 2>/dev/null; then
		no "$name: pipeline failed"
		return
	fi
	# the analysis read is the one of the report's own indicators
	cmp -s "$out.csv" "$out/$p/chi-so-$p.csv" ||
		no "$name: chi-so-$p.csv is not the pipeline's"
	$py "$chk" --dir "$out/$p" --period "$p" \
	    --indicators "$out/$p/chi-so-$p.csv" --analysis "$out.a" \
	    --config "$conf" --templates "$tmpl" --input "$in" \
	    >>"$tmp/counts" ||
		no "$name: printed figures differ from the indicators"
}

# 1. The sample: December (every unit, survey rows), August (a unit
#    missing: its row says so and shows "-", never 0), the fourth quarter,
#    the year, and a range across two months, whose last day is in
#    November's reporting month under calendar months and in December's
#    under cutoff_day = 15.
figures sample-2024-12 "$TOP/config" "$TOP/input" 2024-12 12
figures sample-2024-08 "$TOP/config" "$TOP/input" 2024-08 08
figures sample-2024-Q4 "$TOP/config" "$TOP/input" 2024-Q4 12
figures sample-2024 "$TOP/config" "$TOP/input" 2024 12
cp -R "$TOP/config" "$tmp/c15"
sed -i 's/^cutoff_day *=.*/cutoff_day = 15/' "$tmp/c15/baocao.ini"
figures sample-range-0 "$TOP/config" "$TOP/input" 2024-10-10..2024-11-20 11
figures sample-range-15 "$tmp/c15" "$TOP/input" 2024-10-10..2024-11-20 12
# and quiet: no erroneous document (each p-chart of errors a sentence, "0%
# every month", instead of a chart) and every suggestion done (the summary
# says none is open instead of its list)
q=$tmp/quiet
cp -R "$TOP/input" "$q"
rm "$q"/*/*.errors.csv
sed -i -E 's/,(moi|dang_xem_xet|dang_thuc_hien),/,da_thuc_hien,/' \
    "$q"/*/*.suggestions.csv
figures sample-quiet-2024-03 "$TOP/config" "$q" 2024-03 03

# 2. Data nobody looked at: random organizations, both cut-off rules, a
#    month (its forms) and a longer period each.
for spec in "5 0 2024-09 09" "5 0 2024-Q3 09" "6 15 2024-11 11" \
    "6 15 2024-H1 06" "7 15 2024-05 05" "7 15 2024-Q4 12"; do
	# shellcheck disable=SC2086
	set -- $spec
	seed=$1 cut=$2 p=$3 last=$4
	r=$tmp/random-$seed-$cut
	[ -d "$r" ] || $py "$TOP/tests/oracle/gen_random.py" "$seed" "$r" "$cut" ||
		{ no "gen_random.py $seed failed"; continue; }
	figures "random-$seed-$cut-$p" "$r/config" "$r/input" "$p" "$last"
done

# and one written in every style SPEC §3 allows (gen_random2.py: NFD text,
# CRLF, BOMs, both date forms, registers split over files, rows re-sent
# with a new state and date), its year under cutoff_day = 15
r=$tmp/styles
if $py "$TOP/tests/oracle/gen_random2.py" 22 "$r" 15; then
	figures styles-15-2024 "$r/config" "$r/input" 2024 12
else
	no "gen_random2.py 22 failed"
fi

# 3. The hostile organization: 45 units of long names, ten of them with
#    a suggestion of 800 characters a month (the list of open suggestions
#    over several pages), 18 units on few responses; a month, the year.
h=$tmp/hostile
$py "$TOP/tests/fixtures/hostile/gen.py" "$h" 0 || no "hostile gen.py failed"
figures hostile-2024-06 "$h/config" "$h/input" 2024-06 06
figures hostile-2024 "$h/config" "$h/input" 2024 12

# 4. baocao-pdf itself on the workbook's hand-made fixture (injection
#    texts in names, a register-only unit, a missing and an incomplete
#    unit, values on objectives' targets), and on it with rates next to 0
#    and 1 (more places, never 0% or 100%) and a mean on a half. Its
#    normalized stream has no suggestion rows: the report only.
fx=$TOP/tests/fixtures/xlsx
sed -e 's/^\(2024-Q4,DEC,satisfaction.rate,\).*/\10.99995/' \
    -e 's/^\(2024-Q4,\*,tasks.on_time_rate,\).*/\10.000049/' \
    -e 's/^\(2024-Q4,INC,satisfaction.mean,\).*/\14.005/' \
    "$fx/indicators.csv" >"$tmp/i-edge.csv"
[ "$(grep -c ',0.99995$\|,0.000049$\|,4.005$' "$tmp/i-edge.csv")" = 3 ] ||
	no "i-edge.csv: values not rewritten"
for ind in "$fx/indicators.csv" "$tmp/i-edge.csv"; do
	d=$tmp/fixture-$(basename "$ind" .csv)
	mkdir -p "$d"
	if ! "$BIN/baocao-pdf" --kind report --config "$fx/config" \
	    --period 2024-Q4 --indicators "$ind" --analysis "$fx/analysis.tsv" \
	    --data "$fx/data.tsv" --templates "$tmpl" \
	    -o "$d/bao-cao-2024-Q4.pdf"; then
		no "fixture $(basename "$ind"): baocao-pdf failed"
		continue
	fi
	$py "$chk" --dir "$d" --period 2024-Q4 --indicators "$ind" \
	    --analysis "$fx/analysis.tsv" --config "$fx/config" \
	    --templates "$tmpl" >>"$tmp/counts" ||
		no "fixture $(basename "$ind"): printed figures differ"
done

# a read-back that found no table would pass on anything
n=$(awk '{ n += $(NF - 5) } END { print n + 0 }' "$tmp/counts" 2>/dev/null)
[ "${n:-0}" -gt 5000 ] || no "only ${n:-0} figures read back"
[ $fail -eq 0 ] &&
	echo "pdf_figures.sh: $n printed figures are the computed ones"
exit $fail
