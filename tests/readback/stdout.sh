#!/bin/sh
# stdout.sh: baocao-pdf and baocao-xlsx writing one document to standard
# output (no -o, or -o -): the bytes through a pipe equal those -o writes,
# qpdf --check passes on the PDF and openpyxl opens the workbook; a
# terminal is refused (exit 2, nothing written) when script(1) can make one.
# Run by tests/run-readback with BIN and TOP set.
: "${BIN:?}" "${TOP:?}"
py=/usr/bin/python3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "stdout.sh: $*" >&2; fail=1; }
command -v qpdf >/dev/null 2>&1 || { echo "stdout.sh: qpdf is not installed" >&2; exit 1; }
$py -c 'import openpyxl' 2>/dev/null ||
	{ echo "stdout.sh: python3-openpyxl is not installed" >&2; exit 1; }
cd "$tmp" || exit 1

fp=$TOP/tests/fixtures/pdf
pa="--config $fp/config --period 2024-12 --indicators $fp/chi-so.csv
    --analysis $fp/analysis.tsv --data $fp/norm.tsv --templates $TOP/templates"
fx=$TOP/tests/fixtures/xlsx
xa="--config $fx/config --period 2024-Q4 --indicators $fx/indicators.csv
    --analysis $fx/analysis.tsv --data $fx/data.tsv
    --template $TOP/templates/xlsx/default.ini"

for k in report bm; do
	u=; [ $k = bm ] && u="--unit PNV"
	# shellcheck disable=SC2086
	"$BIN/baocao-pdf" --kind $k $pa $u --draft 1 -o "$k.pdf" 2>>err ||
		no "$k: -o failed"
	# shellcheck disable=SC2086
	{ "$BIN/baocao-pdf" --kind $k $pa $u --draft 1 2>>err ||
		no "$k: standard output failed"; } | cat >"$k-pipe.pdf"
	cmp -s "$k.pdf" "$k-pipe.pdf" || no "$k: standard output differs from -o"
	qpdf --check "$k-pipe.pdf" >qpdf.log 2>&1 ||
		{ no "$k: qpdf --check fails on standard output"; cat qpdf.log >&2; }
done

# shellcheck disable=SC2086
"$BIN/baocao-xlsx" $xa -o book.xlsx 2>>err || no "xlsx: -o failed"
# shellcheck disable=SC2086
{ "$BIN/baocao-xlsx" $xa -o - 2>>err || no "xlsx: standard output failed"; } |
	cat >book-pipe.xlsx
cmp -s book.xlsx book-pipe.xlsx || no "xlsx: standard output differs from -o"
$py - book-pipe.xlsx <<'PY' || no "xlsx: openpyxl cannot read standard output"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert "Dữ liệu" in wb.sheetnames, wb.sheetnames
assert wb["Dữ liệu"].max_row > 1
PY

# a terminal: refused before anything is made
on_terminal() {	# on_terminal WHAT COMMAND: refused, exit 2, nothing written
	script -qec "$2" /dev/null >tty.out 2>&1 </dev/null
	rv=$?
	[ $rv = 2 ] || no "$1 on a terminal: status $rv, want 2"
	grep -q 'standard output is a terminal' tty.out ||
		no "$1 on a terminal: no message"
	[ "$(wc -c <tty.out)" -lt 400 ] || no "$1 on a terminal: bytes written"
}
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
	on_terminal pdf "'$BIN/baocao-pdf' --kind report $(echo $pa)"
	on_terminal xlsx "'$BIN/baocao-xlsx' $(echo $xa)"
else
	echo "stdout.sh: script(1) cannot make a terminal: terminal checks skipped"
fi
[ -e ./- ] && no "a file named '-' was created"
[ -s err ] && { no "messages on standard error:"; cat err >&2; }
exit $fail
