#!/bin/sh
# vietnamese.sh: Vietnamese text exact in every output of `baocao report`
# (SPEC §3, §7.1, §7.2): an organization whose names, signers, recipients,
# objective, narratives, register texts and doc_no keys hold every
# Vietnamese letter in both cases, typed composed, decomposed, with the old
# tone placement (hoà, thuý: kept as typed) and in Windows-1258 files
# (encoding = cp1258), a sheet with a byte-order mark and CRLF; for a month
# and a quarter: each PDF (BM.07.01, report, improvement summary) gives
# back every string in NFC with pdftotext, no U+FFFD and no lone combining
# mark, its Title/Subject/Author NFC (Author the agency); the workbook's
# cells, sheet names and every XML part NFC and holding the strings; the
# indicators CSV and the validation report NFC; the p-charts' months
# written MM/YYYY. vietnamese.py does the
# work. Run by tests/run-readback with BIN and TOP set.
: "${BIN:?}" "${TOP:?}"
for t in pdftotext pdfinfo iconv; do
	if ! command -v $t >/dev/null 2>&1; then
		echo "vietnamese.sh: $t is not installed" >&2
		exit 1
	fi
done
py=/usr/bin/python3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
org=$tmp/org
$py "$TOP/tests/readback/vietnamese.py" make "$org" "$TOP" || exit 1
for period in 2024-12 2024-Q4; do
	if ! (cd "$org" && "$BIN/baocao" --templates "$TOP/templates" report \
	    --period $period --allow-missing >"$tmp/out" 2>"$tmp/err"); then
		echo "vietnamese.sh: baocao report --period $period failed:" >&2
		cat "$tmp/err" >&2
		fail=1
		continue
	fi
	$py "$TOP/tests/readback/vietnamese.py" check "$org" $period || fail=1
done
exit $fail
