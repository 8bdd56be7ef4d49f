#!/bin/sh
# xlsx.sh: baocao-xlsx workbooks read back with openpyxl (xlsx_check.py)
# and, when installed, recalculated by LibreOffice: every number against the
# indicators CSV, formulas and their cached values, formula injection, sheet
# names, byte-identical reruns, no partial output on failure.
# Run by tests/run-readback with BIN and TOP set.
: "${BIN:?}" "${TOP:?}"
py=/usr/bin/python3
x=$BIN/baocao-xlsx
fx=$TOP/tests/fixtures/xlsx
chk=$TOP/tests/readback/xlsx_check.py
tmpl=$TOP/templates/xlsx/default.ini
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "xlsx.sh: $*" >&2; fail=1; }

if ! $py -c 'import openpyxl' 2>/dev/null; then
	echo "xlsx.sh: python3-openpyxl is not installed (scripts/ensure-deps)" >&2
	exit 1
fi
lo=
if command -v soffice >/dev/null 2>&1; then
	lo=$tmp/lo
	# A private profile that recalculates every formula on load, so the
	# CSV shows LibreOffice's own results, not the cached values.
	mkdir -p "$lo/profile/user"
	cat >"$lo/profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU
else
	# scripts/debian-packages lists libreoffice-calc-nogui: CI has it, so
	# a missing soffice is a broken set-up, not a reason to pass
	no "soffice is not installed (libreoffice-calc-nogui, scripts/ensure-deps)"
fi

# lo_csv BOOK: every sheet of BOOK as CSV into $lo/BOOKNAME/ (recalculated).
lo_csv() {
	d=$lo/$(basename "$1" .xlsx)
	mkdir -p "$d"
	cp "$1" "$d/"
	(cd "$d" && timeout 180 soffice -env:UserInstallation="file://$lo/profile" \
	    --headless --convert-to \
	    'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1' \
	    --outdir "$d" "$(basename "$1")" >"$d/log" 2>&1) ||
		{ no "LibreOffice cannot convert $(basename "$1")"; cat "$d/log" >&2; }
	echo "$d"
}

# check NAME PERIOD CONFIG IND ANALYSIS [DATA]: make, check, rerun, compare.
# $draft (empty: option left out, checked as a final) is passed as --draft.
# conf_variant NAME FILE WANT SED: $tmp/conf-NAME, the fixture's config
# with FILE rewritten by SED, which must leave a line matching WANT.
conf_variant() {
	mkdir -p "$tmp/conf-$1" && cp "$fx"/config/*.ini "$tmp/conf-$1/" &&
	    sed "$4" "$fx/config/$2" >"$tmp/conf-$1/$2"
	grep -q "$3" "$tmp/conf-$1/$2" || no "conf-$1: $2 not rewritten"
}

check() {
	name=$1 period=$2 conf=$3 ind=$4 an=$5 data=${6:-}
	out=$tmp/$name.xlsx
	set -- --config "$conf" --period "$period" --indicators "$ind" \
	    --analysis "$an" --template "$tmpl" -o "$out"
	[ -n "$data" ] && set -- "$@" --data "$data"
	[ -n "$draft" ] && set -- "$@" --draft "$draft"
	if ! "$x" "$@" 2>"$tmp/$name.err"; then
		no "$name: baocao-xlsx failed"; cat "$tmp/$name.err" >&2; return
	fi
	[ -s "$tmp/$name.err" ] && { no "$name: unexpected messages"; cat "$tmp/$name.err" >&2; }
	cp "$out" "$tmp/$name.first"
	"$x" "$@" 2>/dev/null
	cmp -s "$out" "$tmp/$name.first" || no "$name: rerun is not byte-identical"
	ls "$tmp" | grep -q '\.tmp\.' && no "$name: temporary file left behind"
	opt=
	[ -n "$data" ] && opt="--data $data"
	case $name in fixture*) opt="$opt --config $conf --expect-inject" ;;
	*) opt="$opt --config $conf" ;; esac
	opt="$opt --draft ${draft:-0} --template $tmpl"
	# the default template shows the quality objectives
	# (and the fixture's injection texts in its lists)
	[ "$tmpl" = "$TOP/templates/xlsx/default.ini" ] &&
		opt="$opt --expect-objectives"
	case $name in fixture*)
		[ "$tmpl" = "$TOP/templates/xlsx/default.ini" ] &&
			opt="$opt --expect-inject-lists" ;;
	esac
	if [ -n "$lo" ]; then
		d=$(lo_csv "$out")
		opt="$opt --lo-dir $d"
	fi
	# shellcheck disable=SC2086
	$py "$chk" --xlsx "$out" --indicators "$ind" --analysis "$an" \
	    --period "$period" $opt || no "$name: read-back check failed"
}

# 1. The hand-made fixture: injection names, missing, incomplete and
#    register-only units, a computed column, register lists with dates;
#    with every template (a province's form is a template, not code).
draft=
check fixture 2024-Q4 "$fx/config" "$fx/indicators.csv" "$fx/analysis.tsv" \
    "$fx/data.tsv"
# a draft: "Dự thảo lần 3" on every sheet and in the properties
draft=3
check fixture-draft 2024-Q4 "$fx/config" "$fx/indicators.csv" \
    "$fx/analysis.tsv" "$fx/data.tsv"
draft=0
check fixture-final 2024-Q4 "$fx/config" "$fx/indicators.csv" \
    "$fx/analysis.tsv"
draft=
# the organization's own rate on fewer than 30 responses: flagged too
{ cat "$fx/analysis.tsv"; printf 'lowsample\t2024-Q4\t*\t29\n'; } >"$tmp/a-star.tsv"
check fixture-lowstar 2024-Q4 "$fx/config" "$fx/indicators.csv" \
    "$tmp/a-star.tsv"
check fixture-nodata 2024-Q4 "$fx/config" "$fx/indicators.csv" \
    "$fx/analysis.tsv"
# an incomplete unit missing many months: its status wraps and its row
# grows with it (the lines once printed over each other)
sed 's/^\(unit\t2024-Q4\tINC\tincomplete\t\)2024-11/\12024-01,2024-02,2024-03,2024-04,2024-05,2024-06,2024-07,2024-08,2024-09,2024-11/' \
    "$fx/analysis.tsv" >"$tmp/a-long.tsv"
grep -q '2024-09,2024-11' "$tmp/a-long.tsv" || no "a-long.tsv: INC not rewritten"
check fixture-longstatus 2024-Q4 "$fx/config" "$fx/indicators.csv" \
    "$tmp/a-long.tsv"
# rates next to 0 and 1 (a billion dossiers, 50 late): more decimals,
# never "100.00%" or "0.00%" for what is neither
sed -e 's/^\(2024-Q4,INC,satisfaction.rate_high,\).*/\10.99999994/' \
    -e 's/^\(2024-Q4,DEC,satisfaction.rate_low,\).*/\10.0000002/' \
    -e 's/^\(2024-Q4,\*,satisfaction.rate_high,\).*/\10.9999999/' \
    "$fx/indicators.csv" >"$tmp/i-edge.csv"
[ "$(grep -c ',0.99999994$\|,0.0000002$\|,0.9999999$' "$tmp/i-edge.csv")" = 3 ] ||
	no "i-edge.csv: rates not rewritten"
check fixture-edge 2024-Q4 "$fx/config" "$tmp/i-edge.csv" "$fx/analysis.tsv"
# an objective's label holding "_x0041_" (a merged group header) is
# written "_x005F_x0041_", as a cell's text is: Excel showed "A"
conf_variant xhex objectives.ini '_x0041_' \
    's/^label = Tỷ lệ hài lòng$/label = Tỷ lệ hài lòng (mã _x0041_)/'
check fixture-xhex 2024-Q4 "$tmp/conf-xhex" "$fx/indicators.csv" \
    "$fx/analysis.tsv"
# a unit name of 100 characters: the name column is so wide that the first
# printed page of 'Cải tiến' holds only the status beside it; the title is
# written there, not merged over the repeated code and name columns (a
# clipped copy of it printed on every later page)
conf_variant longname units.ini 'thị trấn$' \
    '3s/^name = .*/name = Trung tâm Phục vụ hành chính công và Kiểm soát thủ tục hành chính liên thông cấp huyện, xã, thị trấn/'
check fixture-longname 2024-Q4 "$tmp/conf-longname" "$fx/indicators.csv" \
    "$fx/analysis.tsv" "$fx/data.tsv"
# 36 units of 100-character names: the satisfaction chart cannot be tall
# enough for every name on a page (a reader left out every other one, half
# the bars unnamed), so its bars are named by the unit codes; 48 units:
# the codes in smaller type; 1 unit: ranges of one row (D9:D9) and a chart
# of one cell
for n in 1 36 48; do
$py - "$tmp/conf-many$n" "$tmp/many$n" $n <<'PY' || no "many units: generator failed"
import os, sys
conf, out, nu = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(conf, exist_ok=True)
open(conf + '/baocao.ini', 'w').write('[organization]\nparent = ỦY BAN NHÂN DÂN TỈNH THỬ\n'
    'name = ỦY BAN NHÂN DÂN HUYỆN THỬ\ncode = UBND\nplace = Thử\n[periods]\ncutoff_day = 0\n')
open(conf + '/objectives.ini', 'w').write('; none\n')
units, rows, tot = [], [], [0, 0, 0]
for i in range(nu):
    u = 'U%02d' % i
    units.append('[%s]\nname = %s\n' % (u, ('Trung tâm Phục vụ hành chính công số %02d và Kiểm soát thủ tục '
                                          'hành chính liên thông cấp huyện, xã' % i)[:100].ljust(100, '.')))
    n, vs, sa = 30 + i, i % 7, 20
    tot = [tot[0] + n, tot[1] + vs, tot[2] + sa]
    rows += [(u, 'satisfaction.responses', n), (u, 'satisfaction.very_satisfied', vs),
             (u, 'satisfaction.satisfied', sa), (u, 'satisfaction.rate', repr((vs + sa) / n)),
             (u, 'satisfaction.mean', repr((5 * vs + 4 * sa) / n))]
rows += [('*', 'satisfaction.responses', tot[0]), ('*', 'satisfaction.very_satisfied', tot[1]),
         ('*', 'satisfaction.satisfied', tot[2]), ('*', 'satisfaction.rate', repr((tot[1] + tot[2]) / tot[0])),
         ('*', 'satisfaction.mean', repr((5 * tot[1] + 4 * tot[2]) / tot[0]))]
open(conf + '/units.ini', 'w').write(''.join(units))
open(out + '.csv', 'w').write('period,unit,indicator,value\n' +
                              ''.join('2024-12,%s,%s,%s\n' % r for r in rows))
open(out + '.tsv', 'w').write('#baocao-analysis 1\nperiod\t2024-12\tmonth\ttháng 12 năm 2024\t2024-12-01\t'
                              '2024-12-31\t2024-12\t2024-11\t2023-12\n' +
                              ''.join('unit\t2024-12\tU%02d\tsubmitted\t\t\n' % i for i in range(nu)))
PY
check many-longnames-$n 2024-12 "$tmp/conf-many$n" "$tmp/many$n.csv" \
    "$tmp/many$n.tsv"
done
# a chart on a sheet of four columns (tinh-d.ini): fitted to the page's
# width it printed at 100 %, too short for 48 bars even named by codes in
# 6 pt, so it is printed smaller, the chart no wider than that page
tmpl=$fx/tinh-d.ini
check many-longnames-48-tinh-d 2024-12 "$tmp/conf-many48" "$tmp/many48.csv" \
    "$tmp/many48.tsv"
# the same on a sheet without a code column (tinh-c.ini): the names alone
# would need a print at 21 % (the hostile organization's: 12 %), so the
# bars are named by the codes there too, the sheet printed at 75 %
tmpl=$fx/tinh-c.ini
check many-longnames-48-tinh-c 2024-12 "$tmp/conf-many48" "$tmp/many48.csv" \
    "$tmp/many48.tsv"
tmpl=$TOP/templates/xlsx/default.ini
# every shipped template, and tinh-b.ini (a province's form written from
# docs/XLSX.md alone: Arial 10, its own draft wording, no @code column on
# some sheets), as a final and as a draft
for t in "$TOP"/templates/xlsx/*.ini "$fx"/*.ini; do
	[ "$t" = "$TOP/templates/xlsx/default.ini" ] && continue
	tmpl=$t
	check "fixture-$(basename "$t" .ini)" 2024-Q4 "$fx/config" \
	    "$fx/indicators.csv" "$fx/analysis.tsv" "$fx/data.tsv"
done
tmpl=$fx/tinh-b.ini
draft=2
check fixture-tinh-b-draft 2024-Q4 "$fx/config" "$fx/indicators.csv" \
    "$fx/analysis.tsv" "$fx/data.tsv"
draft=
tmpl=$TOP/templates/xlsx/default.ini

# 2. Without SOURCE_DATE_EPOCH the creation date is the period's: still
#    reproducible.
for i in 1 2; do
	env -u SOURCE_DATE_EPOCH "$x" --config "$fx/config" --period 2024-Q4 \
	    --indicators "$fx/indicators.csv" --analysis "$fx/analysis.tsv" \
	    --template "$tmpl" -o "$tmp/epoch$i.xlsx" || no "no-epoch run failed"
done
cmp -s "$tmp/epoch1.xlsx" "$tmp/epoch2.xlsx" ||
	no "not reproducible without SOURCE_DATE_EPOCH"

# 3. Data errors: nothing written, exit 1, the old file untouched.
echo old >"$tmp/keep.xlsx"
sed 's/^2024-Q4,\*,tasks.planned,.*/2024-Q4,*,tasks.planned,1/' \
    "$fx/indicators.csv" >"$tmp/bad.csv"
"$x" --config "$fx/config" --period 2024-Q4 --indicators "$tmp/bad.csv" \
    --analysis "$fx/analysis.tsv" --template "$tmpl" -o "$tmp/keep.xlsx" \
    2>"$tmp/bad.err"
[ $? -eq 1 ] || no "inconsistent totals: want exit 1"
grep -q "tasks.planned" "$tmp/bad.err" || no "inconsistent totals: no message"
[ "$(cat "$tmp/keep.xlsx")" = old ] || no "inconsistent totals: output replaced"
printf '2024-Q4,PNV,tasks.planned,\377\n' | cat "$fx/indicators.csv" - >"$tmp/bad2.csv"
"$x" --config "$fx/config" --period 2024-Q4 --indicators "$tmp/bad2.csv" \
    --analysis "$fx/analysis.tsv" --template "$tmpl" -o "$tmp/new.xlsx" \
    2>/dev/null
[ $? -eq 1 ] || no "bad value: want exit 1"
[ -e "$tmp/new.xlsx" ] && no "bad value: output written"
ls "$tmp" | grep -q '\.tmp\.' && no "temporary file left behind after an error"

# 3b. Texts past a cell's limit: cut to what Excel holds (UTF-16 units,
#     an emoji is 2), with a warning, and the workbook still reads back.
$py - "$fx/data.tsv" >"$tmp/long.tsv" <<'PY'
import sys
rows = open(sys.argv[1], encoding='utf-8').read().splitlines()
print('\n'.join(rows))
r = 'R\terrors\t2024-11\tVP.errors.csv:%d\tDEC\t%s\t2024-11-20\tkhac\t2024-11-21\t\t%s\t\t'
for i, t in enumerate(('a' * 32768, '\U0001F600' * 20000, '_x0041_' + 'b' * 32760,
                       'Mô tả ' * 8000)):
    print(r % (20 + i, '%d/QĐ-DAI' % i, t))
PY
if "$x" --config "$fx/config" --period 2024-Q4 --indicators "$fx/indicators.csv" \
    --analysis "$fx/analysis.tsv" --data "$tmp/long.tsv" --template "$tmpl" \
    -o "$tmp/long.xlsx" 2>"$tmp/long.err"; then
	[ "$(grep -c 'cut to Excel' "$tmp/long.err")" = 4 ] ||
		{ no "long texts: want 4 warnings"; cat "$tmp/long.err" >&2; }
	$py - "$tmp/long.xlsx" <<'PY' || no "long texts: read-back check failed"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])['DS văn bản sai lỗi']
want = {'0/QĐ-DAI': 'a', '1/QĐ-DAI': '\U0001F600', '2/QĐ-DAI': '_x0041_b',
        '3/QĐ-DAI': 'Mô tả'}
got = {}
for row in ws.iter_rows(values_only=True):
    if row[2] in want:
        got[row[2]] = t = row[7]
        n = len(t.encode('utf-16-le')) // 2
        if not (32000 < n <= 32767 and t.startswith(want[row[2]]) and t.endswith('…')):
            sys.exit('%s: %d UTF-16 units, %r…%r' % (row[2], n, t[:9], t[-3:]))
if len(got) != 4:
    sys.exit('long texts found: %r' % sorted(got))
PY
else
	no "long texts: baocao-xlsx failed"; cat "$tmp/long.err" >&2
fi

# 4. The real pipeline on the sample year, when its programs are built.
if [ -x "$BIN/baocao-check" ] && [ -x "$BIN/baocao-rollup" ] &&
    [ -x "$BIN/baocao-analyze" ] && [ -d "$TOP/input/2024-12" ]; then
	# The pipeline is tested on its own too, but a failure here fails.
	if ! "$BIN/baocao-check" "$TOP"/input/2024-* >"$tmp/n.tsv" 2>/dev/null
	then
		no "baocao-check failed on the sample"
	else
		# a month, a quarter, a month with a unit missing, a range
		# with no whole month (no sheets), one with a whole month
		# (the sheets of 10/2024: said under the titles) and a month
		# after the data (every unit missing)
		for p in 2024-12 2024-Q4 2024-08 2024-10-01..2024-10-15 \
		    2024-09-20..2024-11-10 2025-01; do
			if ! "$BIN/baocao-rollup" --config "$TOP/config" \
			    --period $p <"$tmp/n.tsv" >"$tmp/r-$p.tsv" \
			    2>/dev/null || ! "$BIN/baocao-analyze" \
			    --config "$TOP/config" --period $p \
			    --analysis "$tmp/a-$p.tsv" <"$tmp/r-$p.tsv" \
			    >"$tmp/i-$p.csv" 2>/dev/null; then
				no "sample pipeline failed for $p"
				continue
			fi
			check "sample-$p" $p "$TOP/config" "$tmp/i-$p.csv" \
			    "$tmp/a-$p.tsv" "$tmp/n.tsv"
		done
		# tinh-e.ini's lists of complaints and suggestions, their
		# dates' FORMAT left out (dates, not text), on the sample
		if [ -f "$tmp/i-2024-Q4.csv" ]; then
			tmpl=$fx/tinh-e.ini
			check sample-2024-Q4-tinh-e 2024-Q4 "$TOP/config" \
			    "$tmp/i-2024-Q4.csv" "$tmp/a-2024-Q4.tsv" "$tmp/n.tsv"
			tmpl=$TOP/templates/xlsx/default.ini
		fi
		# tinh-c.ini's chart of 15 named bars in DejaVu Sans 10 on a
		# sheet of four columns, printed at 85 % for its bars: the
		# chart, 24 pixels wider than the columns, ran into a fifth
		# that LibreOffice printed on a page of its own, with the
		# chart's right edge; now as wide as the page's whole columns
		if [ -f "$tmp/i-2024-12.csv" ]; then
			tmpl=$fx/tinh-c.ini
			check sample-2024-12-tinh-c 2024-12 "$TOP/config" \
			    "$tmp/i-2024-12.csv" "$tmp/a-2024-12.tsv" "$tmp/n.tsv"
			tmpl=$TOP/templates/xlsx/default.ini
		fi
		# the satisfaction chart of 2024-12 (7 of 16 units with a
		# rate; xlsx_check.py checks which); 2025-01, where no unit
		# has one, gets none, not a chart without bars
		[ -f "$tmp/sample-2024-12.xlsx" ] &&
		    [ -f "$tmp/sample-2025-01.xlsx" ] &&
		    { $py - "$tmp/sample-2024-12.xlsx" \
		    "$tmp/sample-2025-01.xlsx" <<'PY' ||
import sys, zipfile
has = [sum(n.startswith('xl/charts/chart') for n in zipfile.ZipFile(f).namelist())
       for f in sys.argv[1:]]
sys.exit(has != [1, 0])
PY
		    no "sample: charts of 2024-12, 2025-01 not 1 and 0"; }
	fi
else
	no "baocao-check/rollup/analyze not built, or input/2024-12 missing"
fi

# 5. Data nobody looked at: random organizations (tests/oracle/gen_random.py,
#    gen_random2.py, gen_random3.py, fixed seeds, both cut-off rules) and
#    the hostile one (tests/fixtures/hostile/gen.py: 45 units of names up
#    to 150 characters, five missing) through the pipeline, each workbook
#    read back against its own indicators CSV. The folders are those the
#    period's report reads (up to the reporting month of its last day).
#    The hostile year also with tinh-c.ini: its chart sheet of no code
#    column printed at 12 %, its last column of names past the page.
if [ -x "$BIN/baocao-check" ] && [ -x "$BIN/baocao-rollup" ] &&
    [ -x "$BIN/baocao-analyze" ]; then
	for spec in "gen_random 5 0 2024-Q3 2024-09" \
	    "gen_random 5 15 2024-03-05..2024-09-20 2024-10" \
	    "gen_random 6 15 2024-H1 2024-06" "gen_random 6 0 2024-11 2024-11" \
	    "gen_random2 12 15 2024-02-10..2024-04-20 2024-05" \
	    "gen_random3 21 0 2025 2025-12" "hostile 0 0 2024 2024-12" \
	    "hostile 0 0 2024 2024-12 tinh-c"; do
		# shellcheck disable=SC2086
		set -- $spec
		gen=$1 seed=$2 cut=$3 p=$4 last=$5 form=${6:-}
		r=$tmp/$gen-$seed-$cut
		if [ ! -d "$r" ]; then
			case $gen in
			hostile) $py "$TOP/tests/fixtures/hostile/gen.py" "$r" "$cut" ;;
			*) $py "$TOP/tests/oracle/$gen.py" "$seed" "$r" "$cut" ;;
			esac || { no "$gen.py $seed failed"; continue; }
		fi
		folders=
		for f in "$r"/input/*; do
			[ "$(basename "$f")" \> "$last" ] && break
			folders="$folders $f"
		done
		name=$gen-$seed-$cut-$(echo "$p" | tr -c 'A-Za-z0-9-\n' _)
		# shellcheck disable=SC2086
		if ! "$BIN/baocao-check" --config "$r/config" $folders \
		    >"$tmp/$name.tsv" 2>"$tmp/$name.err" ||
		    ! "$BIN/baocao-rollup" --config "$r/config" --period "$p" \
		    <"$tmp/$name.tsv" >"$tmp/$name.r" 2>>"$tmp/$name.err" ||
		    ! "$BIN/baocao-analyze" --config "$r/config" --period "$p" \
		    --analysis "$tmp/$name.a" <"$tmp/$name.r" \
		    >"$tmp/$name.csv" 2>>"$tmp/$name.err"; then
			no "$name: pipeline failed"; grep -v warning "$tmp/$name.err" | head -n 5 >&2
			continue
		fi
		tmpl=$TOP/templates/xlsx/default.ini
		book=$name
		[ -n "$form" ] && { tmpl=$fx/$form.ini; book=$name-$form; }
		# LibreOffice recalculation for one of them only (it is slow).
		keep=$lo
		[ "$gen $seed $cut" = "gen_random 5 15" ] || lo=
		check "$book" "$p" "$r/config" "$tmp/$name.csv" "$tmp/$name.a" \
		    "$tmp/$name.tsv"
		lo=$keep
	done
	tmpl=$TOP/templates/xlsx/default.ini
else
	no "baocao-check/rollup/analyze not built: random organizations not checked"
fi

[ $fail -eq 0 ] && echo "xlsx.sh: workbooks read back"
exit $fail
