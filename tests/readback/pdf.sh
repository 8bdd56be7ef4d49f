#!/bin/sh
# pdf.sh: baocao-pdf documents read back with poppler-utils and qpdf: exact
# Vietnamese strings (motto, agency, date line, title, unit names, numbers in
# Vietnamese style), fonts embedded, A4 pages, a narrative spanning pages, a
# unit name that wraps, a table that breaks across pages and repeats its
# header, the draft mark present or absent, document properties,
# byte-identical reruns, qpdf --check, and no output at all on failure;
# BM.07.01 of sample-like units on one page when they fit at SPEC §7.1's
# sizes (13 pt narrative, 11 pt tables), else on two with the narrative's
# end beside the signatures, and several forms in one run (--all-units,
# --unit repeated with an -o pattern) equal to single runs; short tables
# never split, a long place name's date line (one line on the form, broken
# after the place in the report's header), many and long recipients kept
# clear of the signer's column, an address wider than it hanging after its
# dash; and stress data: huge counts never broken
# across lines, one figure printed one way, a quarter's narratives naming
# their month, a narrative's line break as a new paragraph, a sentence
# instead of a table of zeros, an agency's name broken at its "\n" and
# between set phrases, a long signer's name on one line, the low-sample
# note on its table's page (BM.07.01: under the whole form), a
# satisfaction chart of 60 more units over several pages within the
# margins, the SIPAS components' and channels' table (none without
# their rates), a sentence of nothing that speaks of the units that sent
# their sheets while one has not.
# Inputs: tests/fixtures/pdf (make-fixtures.py). Run by tests/run-readback
# with BIN and TOP set.
: "${BIN:?}" "${TOP:?}"
p=$BIN/baocao-pdf
fx=$TOP/tests/fixtures/pdf
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "pdf.sh: $*" >&2; fail=1; }
for t in pdftotext pdfinfo pdffonts qpdf; do
	if ! command -v $t >/dev/null 2>&1; then
		echo "pdf.sh: $t is not installed (poppler-utils, qpdf)" >&2
		exit 1
	fi
done
# 2024-11-05 00:00 UTC: the date line and the creation date
SOURCE_DATE_EPOCH=1730764800; export SOURCE_DATE_EPOCH

# run KIND OUT [ARGS...]: renders from the fixtures (with the config in
# $cfg, the indicators in $ind, the analysis in $ana, else the fixture's);
# the status is returned
run() {
	k=$1 o=$2; shift 2
	"$p" --kind "$k" --config "${cfg:-$fx/config}" --period 2024-12 \
	    --indicators "${ind:-$fx/chi-so.csv}" \
	    --analysis "${ana:-$fx/analysis.tsv}" \
	    --data "$fx/norm.tsv" --templates "$TOP/templates" -o "$o" "$@" \
	    2>"$tmp/err"
}
# report_with CSV ANALYSIS OUT: the report from other indicators or
# analysis ("" for the fixture's)
report_with() {
	ind=$1 ana=$2
	run report "$3"
	rv=$?
	ind= ana=
	return $rv
}
# text PDF [FIRST [LAST]]: the extracted text; poppler must have nothing
# to complain about (libharu's own ToUnicode CMap made it warn on every page)
text() {
	if [ -n "$2" ]; then
		pdftotext -f "$2" -l "${3:-$2}" "$1" - 2>"$tmp/ptt.err"
	else
		pdftotext "$1" - 2>"$tmp/ptt.err"
	fi
	[ -s "$tmp/ptt.err" ] && no "$(basename "$1"): pdftotext: $(head -n 1 "$tmp/ptt.err")"
	return 0
}
pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }
# has PDF STRING...: every string occurs in the text, exactly
has() {
	f=$1; shift
	text "$f" >"$tmp/txt"
	for s in "$@"; do
		grep -qF -- "$s" "$tmp/txt" || no "$(basename "$f"): missing '$s'"
	done
}
# joined PDF STRING...: every string occurs in the text with its lines
# joined by spaces (a title that wraps inside a narrow cell)
joined() {
	f=$1; shift
	pdftotext -raw "$f" - 2>"$tmp/ptt.err" | tr '\n' ' ' | tr -s ' ' >"$tmp/txt"
	[ -s "$tmp/ptt.err" ] && no "$(basename "$f"): pdftotext: $(head -n 1 "$tmp/ptt.err")"
	for s in "$@"; do
		grep -qF -- "$s" "$tmp/txt" || no "$(basename "$f"): missing '$s'"
	done
}
# common PDF: properties every document must have
common() {
	f=$1 n=$(basename "$1")
	pdfinfo "$f" 2>/dev/null >"$tmp/info"
	grep -q '^Page size: *595.276 x 841.89 pts (A4)' "$tmp/info" ||
	    no "$n: not A4"
	grep -q '^PDF version: *1\.[4-7]' "$tmp/info" || no "$n: PDF older than 1.4"
	grep -q '^Encrypted: *no' "$tmp/info" || no "$n: encrypted"
	grep -q '^Author: *ỦY BAN NHÂN DÂN HUYỆN THƯỜNG XUÂN$' "$tmp/info" ||
	    no "$n: author is not the agency"
	grep -q '^Creator: *baocao$' "$tmp/info" || no "$n: creator"
	grep -q '^Title: *.' "$tmp/info" || no "$n: no title"
	grep -q '^Subject: *.' "$tmp/info" || no "$n: no subject"
	pdffonts "$f" 2>/dev/null | tail -n +3 >"$tmp/fonts"
	[ -s "$tmp/fonts" ] || no "$n: no fonts"
	awk '{ if ($(NF-4) != "yes") bad = 1 } END { exit bad }' "$tmp/fonts" ||
	    no "$n: a font is not embedded"
	grep -q LiberationSerif "$tmp/fonts" || no "$n: not Liberation Serif"
	qpdf --check "$f" >"$tmp/qpdf" 2>&1 || no "$n: qpdf --check: $(tail -1 "$tmp/qpdf")"
}

# --- the periodic report, draft 1 ---
r=$tmp/bao-cao.pdf
run report "$r" --draft 1 || no "report: status $? $(cat "$tmp/err")"
common "$r"
has "$r" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc" \
    "ỦY BAN NHÂN DÂN" "TỈNH THANH HÓA" "HUYỆN THƯỜNG XUÂN" \
    "Thường Xuân, ngày 05 tháng 11 năm 2024" "BÁO CÁO" \
    "Kết quả thống kê, phân tích và cải tiến tháng 12 năm 2024" \
    "Phòng Tài nguyên và Môi trường" "Phòng Lao động - Thương binh và Xã hội" \
    "Văn phòng HĐND và UBND huyện" "Phòng Dân tộc (chưa nộp)" \
    "12.131" "2.251" "5.727" "99,4%" "83,33%" "99,83%" "1,16%" "4,00" \
    "Sai thể thức" "Biểu đồ Pareto các loại lỗi văn bản" \
    "Biểu đồ kiểm soát p: tỷ lệ hài lòng toàn cơ quan 12 tháng gần nhất" \
    "Tháng nằm ngoài giới hạn kiểm soát" "Nơi nhận:" "- Lưu: VT, VP." \
    "TM. ỦY BAN NHÂN DÂN" "KT. CHỦ TỊCH" "PHÓ CHỦ TỊCH" "Lê Văn Thành" \
    "I. TÌNH HÌNH NỘP BÁO CÁO THỐNG KÊ CỦA CÁC ĐƠN VỊ" "Chưa nộp" \
    "VIII. ĐÁNH GIÁ CỦA CÁC ĐƠN VỊ" "Tồn tại, hạn chế:"
n=$(pages "$r")
[ "${n:-0}" -ge 5 ] || no "report: $n pages, expected several"
# the draft box on every page, page numbers from page 2 only
d=$(text "$r" | grep -c "DỰ THẢO LẦN 1")
[ "$d" = "$n" ] || no "report: draft mark on $d of $n pages"
text "$r" 1 | grep -qx '1' && no "report: page 1 is numbered"
# the rules under the motto (as long as its line) and the agency (short),
# and the draft mark's box on every page, from the drawing operators
agency="ỦY BAN NHÂN DÂN HUYỆN THƯỜNG XUÂN"
nb=$(/usr/bin/python3 "$TOP/tests/readback/pdf_rules.py" "$r" "$agency" 2>&1) ||
    no "report: $nb"
[ "$nb" = "$n" ] || no "report: a box around the draft mark on $nb of $n pages"
text "$r" 2 | grep -qx '2' || no "report: page 2 has no number"
# ... centred over the body (30 mm + 165 mm / 2 = 318.9 pt) inside the top
# margin (20 mm = 56.7 pt), clear of the sheet's unprintable edge (5 mm =
# 14.2 pt), on every page from 2, and on page 1 nothing there but the box
pdftotext -bbox "$r" - 2>/dev/null | awk -F'"' -v n="$n" '
	/<page / { pg++ }
	/<word/ && $8 + 0 < 56.7 {
		w = $9; sub(/^>/, "", w); sub(/<.*/, "", w)
		if (w == pg && pg >= 2 && $4 + 0 >= 14.2 &&
		    ($2 + $6) / 2 > 317.9 && ($2 + $6) / 2 < 319.9)
			ok[pg] = 1
		else if (w ~ /^[0-9]+$/ && !($2 + 0 > 450))
			bad = bad " " pg ":" w
	}
	END {
		for (i = 2; i <= n; i++) if (!ok[i]) miss = miss " " i
		if (miss != "" || bad != "") {
			print "missing" miss ", stray" bad; exit 1
		}
	}' >"$tmp/pn" || no "report: page numbers not centred in the top margin: $(cat "$tmp/pn")"
# the number line left blank for the clerk
pdftotext -layout -f 1 -l 1 "$r" - 2>/dev/null | grep -q 'Số:   *\/BC-UBND' ||
    no "report: no blank 'Số:      /BC-UBND'"
# the long unit name wraps inside its cell: never whole on one line
long="Ban Quản lý dự án đầu tư xây dựng và Phát triển quỹ đất huyện Thường Xuân (đơn vị sự nghiệp công lập trực thuộc Ủy ban nhân dân huyện)"
text "$r" 1 >"$tmp/p1"
grep -qF "$long" "$tmp/p1" && no "report: the long unit name did not wrap"
tr '\n' ' ' <"$tmp/p1" | grep -qF "$long" || no "report: the long unit name is not all there"
# a table that breaks across pages repeats its header row: some page
# after the first starts (past its number and the draft box) with "Đơn vị"
rep=0 i=2
while [ "$i" -le "$n" ]; do
	first=$(text "$r" "$i" | grep -v -e '^[0-9]*$' -e '^DỰ THẢO' -e '^$' | head -1)
	[ "$first" = "Đơn vị" ] && rep=1
	i=$((i + 1))
done
[ $rep = 1 ] || no "report: no table header repeated on a new page"
# rerun: byte-identical
run report "$tmp/again.pdf" --draft 1
cmp -s "$r" "$tmp/again.pdf" || no "report: rerun is not byte-identical"

# --- the final report: no mark, a number ---
f=$tmp/final.pdf
run report "$f" --number 125 || no "final: status $?"
common "$f"
text "$f" | grep -q "DỰ THẢO" && no "final: has a draft mark"
nb=$(/usr/bin/python3 "$TOP/tests/readback/pdf_rules.py" "$f" "$agency" 2>&1) ||
    no "final: $nb"
has "$f" "Số: 125/BC-UBND"

# --- BM.07.01 of one unit, its narrative running over pages ---
b=$tmp/bm.pdf
run bm "$b" --unit PNV || no "bm: status $? $(cat "$tmp/err")"
common "$b"
has "$b" "BM.07.01" "PHÒNG NỘI VỤ" \
    "THỐNG KÊ TÌNH HÌNH THỰC HIỆN CÔNG TÁC THÁNG 12/2024" \
    "NGƯỜI LẬP BIỂU" "TRƯỞNG PHÒNG" "Lê Thị Bình" "Nguyễn Thị Lan Anh" \
    "Thường Xuân, ngày 05 tháng 11 năm 2024" "Ưu điểm:" \
    "Nhiệm vụ trọng tâm thời gian tới:" "93%" "1,77%" "Không đạt"
text "$b" | grep -q "DỰ THẢO" && no "bm: a final has a draft mark"
n=$(pages "$b")
[ "${n:-0}" -ge 2 ] || no "bm: the long narrative did not span pages ($n)"
text "$b" 1 | grep -q "Ưu điểm:" || no "bm: narrative does not start on page 1"
text "$b" 2 | grep -q "Phòng đã chủ động tham mưu" ||
    no "bm: narrative does not continue on page 2"
text "$b" "$n" | grep -q "NGƯỜI LẬP BIỂU" || no "bm: signatures not on the last page"
# a satisfaction rate on fewer than 30 responses (VP: 17) is marked and
# noted; PNV's is not
run bm "$tmp/bmvp.pdf" --unit VP || no "bm VP: status $?"
has "$tmp/bmvp.pdf" "(*) Tỷ lệ hài lòng dựa trên dưới 30 phiếu"
joined "$tmp/bmvp.pdf" "88,24% (*)"
# the note under the whole form (its last band, complaints, above it), not
# between the satisfaction band and the next
pdftotext -raw "$tmp/bmvp.pdf" - 2>/dev/null | awk '/^khiếu nại$/ { k = NR }
    /^\(\*\) Tỷ lệ hài lòng/ { n = NR } END { exit !(k && n == k + 1) }' ||
    no "bm VP: the low-sample note is not under the form's last band"
text "$b" | grep -q "dưới 30 phiếu" && no "bm PNV: low-sample note without a low sample"
# a unit without narrative: the form fits on one page
run bm "$tmp/bm1.pdf" --unit PNNPTNT || no "bm PNNPTNT: status $?"
[ "$(pages "$tmp/bm1.pdf")" = 1 ] || no "bm PNNPTNT: not on one page"
has "$tmp/bm1.pdf" "PHÒNG NÔNG NGHIỆP VÀ" "PHÁT TRIỂN NÔNG THÔN" "Cầm Văn Sơn"
# a missing unit has no form
run bm "$tmp/none.pdf" --unit PDT
s=$?
[ $s = 1 ] || no "bm of a unit that sent nothing: status $s, expected 1"
# a unit with its dossiers and surveys, and a sample-like narrative
# (~1,000 characters): the whole form on one page (issue 4 item 1)
run bm "$tmp/bm2.pdf" --unit PTNMT --draft 2 || no "bm PTNMT: status $?"
common "$tmp/bm2.pdf"
has "$tmp/bm2.pdf" "PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG" "DỰ THẢO LẦN 2" \
    "Đã giải quyết" "Số phiếu theo mức độ" "NGƯỜI LẬP BIỂU" "Thường Xuân, ngày 05 tháng 11 năm 2024"
joined "$tmp/bm2.pdf" "Giải quyết hồ sơ thủ tục hành chính" \
    "Sự hài lòng của tổ chức, công dân" "Rất hài lòng" "Rất không hài lòng"
[ "$(pages "$tmp/bm2.pdf")" = 1 ] ||
    no "bm PTNMT: $(pages "$tmp/bm2.pdf") pages, expected one"
# the long unit name wraps in the header, never inside a set phrase; with
# a 13 pt narrative the form flows onto page 2 (numbered), where the
# narrative's last lines go with the signatures, never the signatures alone
run bm "$tmp/bm3.pdf" --unit BQLDA || no "bm BQLDA: status $?"
common "$tmp/bm3.pdf"
joined "$tmp/bm3.pdf" "BAN QUẢN LÝ DỰ ÁN ĐẦU TƯ XÂY DỰNG VÀ PHÁT TRIỂN QUỸ ĐẤT"
text "$tmp/bm3.pdf" 1 | grep -qx "ỦY BAN NHÂN DÂN HUYỆN THƯỜNG XUÂN" ||
    no "bm BQLDA: the agency is not one line"
n=$(pages "$tmp/bm3.pdf")
if [ "${n:-0}" -gt 1 ]; then
	text "$tmp/bm3.pdf" "$n" >"$tmp/pg"
	grep -qx "$n" "$tmp/pg" || no "bm BQLDA: page $n has no number"
	grep -q "NGƯỜI LẬP BIỂU" "$tmp/pg" && grep -q "xã tháo gỡ vướng mắc" "$tmp/pg" ||
	    no "bm BQLDA: the signatures without the narrative's end"
fi
# SPEC §7.1: the narrative in 13 pt, the tables in 11 pt or more (a word's
# box is 1.107 em high in Liberation Serif); a sample-like form with no
# number too wide for its cell has no word smaller than 11 pt
for f in "$b" "$tmp/bm2.pdf" "$tmp/bm3.pdf"; do
	pdftotext -bbox "$f" - 2>/dev/null | awk -F'"' '/<word/ {
		h = $8 - $4; if (h < 11 * 1.107 - 0.05) small++
		if ($0 ~ />(điểm|chế|nhân|tới):</) nar = h }
		END { exit small || (nar && nar < 13 * 1.107 - 0.05) }' ||
	    no "$(basename "$f"): text smaller than 11 pt, or a narrative below 13 pt"
done
pdftotext -bbox "$b" - 2>/dev/null | grep -q '>Ưu<' || no "bm PNV: no narrative"

# --- several forms in one run: the same bytes as one form per run ---
mkdir "$tmp/multi"
run bm "$tmp/multi" --all-units --draft 2 >"$tmp/list" ||
    no "bm --all-units: status $? $(cat "$tmp/err")"
nsub=$(grep -c '^unit	2024-12	[A-Z0-9_-]*	submitted' "$fx/analysis.tsv")
[ "$(wc -l <"$tmp/list")" = "$nsub" ] ||
    no "bm --all-units: $(wc -l <"$tmp/list") forms listed, expected $nsub"
[ "$(ls "$tmp/multi" | wc -l)" = "$nsub" ] || no "bm --all-units: files"
grep -qx "$tmp/multi/BM.07.01-PTNMT-2024-12-du-thao-2.pdf" "$tmp/list" ||
    no "bm --all-units: PTNMT not listed under its name"
cmp -s "$tmp/bm2.pdf" "$tmp/multi/BM.07.01-PTNMT-2024-12-du-thao-2.pdf" ||
    no "bm --all-units: PTNMT differs from its form made alone"
for f in "$tmp"/multi/*.pdf; do
	qpdf --check "$f" >/dev/null 2>&1 || no "$(basename "$f"): qpdf --check"
	text "$f" >/dev/null
done
# a pattern, and a unit without a sheet: reported, the others written
run bm "$tmp/x-{unit}.pdf" --unit PNV --unit PDT --unit BQLDA >"$tmp/list"
s=$?
[ $s = 1 ] || no "bm --unit PNV --unit PDT: status $s, expected 1"
grep -q "PDT" "$tmp/err" || no "bm --unit PDT: no message"
cmp -s "$b" "$tmp/x-PNV.pdf" || no "bm pattern: PNV differs from its form made alone"
cmp -s "$tmp/bm3.pdf" "$tmp/x-BQLDA.pdf" || no "bm pattern: BQLDA differs"
[ -e "$tmp/x-PDT.pdf" ] && no "bm pattern: a form for a unit without a sheet"
[ "$(wc -l <"$tmp/list")" = 2 ] || no "bm pattern: $(wc -l <"$tmp/list") listed"

# --- fonts for the repertoire only: a form whose every text is in the
# fonts' fixed repertoire gets CIDToGIDMaps (and widths) that stop after
# its highest code point (U+2265), not 65,535 entries; a form with a
# character outside (Greek in a narrative) gets the full ones, and both
# read back exactly ---
# maps PDF: the decoded sizes of its CIDToGIDMaps, one line each
maps() {
	for o in $(grep -a -o '/CIDToGIDMap [0-9]* 0 R' "$1" | cut -d' ' -f2); do
		qpdf --show-object="$o" --filtered-stream-data "$1" | wc -c
	done
}
[ "$(maps "$tmp/bm1.pdf" | sort -u | tr -d ' ')" = 17612 ] ||
    no "bm PNNPTNT: maps not for the repertoire: $(maps "$tmp/bm1.pdf" | tr '\n' ' ')"
cp "$fx/norm.tsv" "$tmp/greek.tsv"
printf 'S\t2024-12\tPNNPTNT\tnarrative.strengths\tHệ số α = 0,05 và β ≤ 0,2 (Ω)\n' \
    >>"$tmp/greek.tsv"
"$p" --kind bm --unit PNNPTNT --config "$fx/config" --period 2024-12 \
    --indicators "$fx/chi-so.csv" --analysis "$fx/analysis.tsv" \
    --data "$tmp/greek.tsv" --templates "$TOP/templates" \
    -o "$tmp/greek.pdf" 2>"$tmp/err" || no "bm Greek: status $? $(cat "$tmp/err")"
common "$tmp/greek.pdf"
has "$tmp/greek.pdf" "Ưu điểm: Hệ số α = 0,05 và β ≤ 0,2 (Ω)" "Cầm Văn Sơn"
[ "$(maps "$tmp/greek.pdf" | sort -u | tr -d ' ')" = 131070 ] ||
    no "bm Greek: maps not full: $(maps "$tmp/greek.pdf" | tr '\n' ' ')"
"$p" --kind bm --unit PNNPTNT --config "$fx/config" --period 2024-12 \
    --indicators "$fx/chi-so.csv" --analysis "$fx/analysis.tsv" \
    --data "$tmp/greek.tsv" --templates "$TOP/templates" \
    -o "$tmp/greek2.pdf" 2>/dev/null
cmp -s "$tmp/greek.pdf" "$tmp/greek2.pdf" || no "bm Greek: rerun differs"
# in one run with a form for the repertoire, each is as made alone
mkdir "$tmp/mixed"
"$p" --kind bm --unit PNV --unit PNNPTNT --unit BQLDA --config "$fx/config" \
    --period 2024-12 --indicators "$fx/chi-so.csv" \
    --analysis "$fx/analysis.tsv" --data "$tmp/greek.tsv" \
    --templates "$TOP/templates" -o "$tmp/mixed/{unit}.pdf" >/dev/null 2>&1 ||
    no "bm Greek with others: status $?"
cmp -s "$tmp/greek.pdf" "$tmp/mixed/PNNPTNT.pdf" ||
    no "bm Greek: differs when made with other forms"
cmp -s "$b" "$tmp/mixed/PNV.pdf" || no "bm PNV: differs when made with a Greek form"
cmp -s "$tmp/bm3.pdf" "$tmp/mixed/BQLDA.pdf" ||
    no "bm BQLDA: differs when made with a Greek form"
# the report is never declared: full maps
[ "$(maps "$r" | sort -u | tr -d ' ')" = 131070 ] || no "report: maps not full"
# the forms read back above (exact strings, a narrative over two pages)
# were made for the repertoire too
for f in "$b" "$tmp/bm2.pdf" "$tmp/bm3.pdf"; do
	[ "$(maps "$f" | sort -u | tr -d ' ')" = 17612 ] ||
	    no "$(basename "$f"): maps not for the repertoire"
done

# --- several processes (BAOCAO_JOBS): the same files, the same paths and
# messages in the same order, the same status as one process; a form that
# cannot be written (a directory has its name) leaves nothing behind ---
units=$(grep '^unit	2024-12	[A-Z0-9_-]*	submitted' "$fx/analysis.tsv" | cut -f3)
for j in 1 2 3; do
	mkdir "$tmp/j$j" "$tmp/j$j/PNNPTNT.pdf"
	set -- --unit NOPE
	for u in $units; do set -- "$@" --unit "$u"; done
	set -- "$@" --unit PDT --unit PNV
	BAOCAO_JOBS=$j "$p" --kind bm --config "$fx/config" --period 2024-12 \
	    --indicators "$fx/chi-so.csv" --analysis "$fx/analysis.tsv" \
	    --data "$fx/norm.tsv" --templates "$TOP/templates" \
	    -o "$tmp/j$j/{unit}.pdf" "$@" >"$tmp/j$j.out" 2>"$tmp/j$j.err"
	echo $? >"$tmp/j$j.rv"
	sed "s|$tmp/j$j/||" "$tmp/j$j.out" >"$tmp/j$j.list"
	sed "s|$tmp/j$j/||" "$tmp/j$j.err" >"$tmp/j$j.msg"
done
[ "$(cat "$tmp/j1.rv")" = 2 ] || no "BAOCAO_JOBS=1: status $(cat "$tmp/j1.rv"), expected 2"
grep -q NOPE "$tmp/j1.err" && grep -q PDT "$tmp/j1.err" &&
    grep -q "PNNPTNT.pdf: cannot write" "$tmp/j1.err" ||
    no "BAOCAO_JOBS=1: messages: $(cat "$tmp/j1.err")"
for j in 2 3; do
	cmp -s "$tmp/j1.rv" "$tmp/j$j.rv" ||
	    no "BAOCAO_JOBS=$j: status $(cat "$tmp/j$j.rv")"
	cmp -s "$tmp/j1.msg" "$tmp/j$j.msg" ||
	    no "BAOCAO_JOBS=$j: messages differ: $(diff "$tmp/j1.msg" "$tmp/j$j.msg")"
	cmp -s "$tmp/j1.list" "$tmp/j$j.list" ||
	    no "BAOCAO_JOBS=$j: paths differ: $(diff "$tmp/j1.list" "$tmp/j$j.list")"
	[ "$(ls -a "$tmp/j1")" = "$(ls -a "$tmp/j$j")" ] ||
	    no "BAOCAO_JOBS=$j: other files: $(ls -a "$tmp/j$j")"
	for f in "$tmp"/j1/*.pdf; do
		[ -f "$f" ] || continue
		cmp -s "$f" "$tmp/j$j/$(basename "$f")" ||
		    no "BAOCAO_JOBS=$j: $(basename "$f") differs"
	done
done
[ "$(wc -l <"$tmp/j1.list")" -ge 6 ] || no "BAOCAO_JOBS: too few forms made"

# --- the improvement summary ---
m=$tmp/cai-tien.pdf
run improvement "$m" --draft 1 || no "improvement: status $? $(cat "$tmp/err")"
common "$m"
has "$m" "Tổng hợp ý kiến đóng góp và kết quả cải tiến tháng 12 năm 2024" \
    "Số ý kiến đóng góp tiếp nhận trong kỳ" \
    "25/09/2024" "ĐẠI DIỆN LÃNH ĐẠO VỀ CHẤT LƯỢNG" "Hà Văn Quyết"
# a suggestion's content wraps inside its cell
joined "$m" "Lắp đặt máy lấy số thứ tự tự động"

# --- a short table is never split: each Pareto table on one page ---
i=1
while [ "$i" -le "$(pages "$r")" ]; do
	text "$r" "$i" >"$tmp/pg"
	if grep -qF "Phân loại văn bản sai lỗi (Pareto)" "$tmp/pg"; then
		grep -qF "Sai thẩm quyền" "$tmp/pg" ||
		    no "report: the Pareto table of errors is split (page $i)"
	fi
	if grep -qF "theo kênh tiếp nhận (Pareto)" "$tmp/pg"; then
		grep -qF "Bưu chính" "$tmp/pg" ||
		    no "report: the Pareto table of complaints is split (page $i)"
	fi
	i=$((i + 1))
done

# --- a long place name, many and long recipients ---
mkdir "$tmp/lc"
cp "$fx/config/"*.ini "$tmp/lc/"
sed -i 's/^place *=.*/place = Thị trấn Thường Xuân/' "$tmp/lc/baocao.ini"
{
	echo '[recipients]'
	echo '1 = Sở Kế hoạch và Đầu tư, Sở Tài chính, Sở Xây dựng, Sở Giao thông vận tải, Sở Tài nguyên và Môi trường tỉnh Thanh Hóa (để phối hợp)'
	echo '2 = Ủy ban nhân dân tỉnh Thanh Hóa (để báo cáo)'
	echo '3 = Văn phòng Ủy ban nhân dân tỉnh Thanh Hóa (Phòng Kiểm soát thủ tục hành chính, để báo cáo)'
	echo '4 = Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân huyện'
	echo '5 = Các phòng, ban chuyên môn thuộc Ủy ban nhân dân huyện'
	i=6
	while [ $i -le 14 ]; do echo "$i = Phòng chuyên môn số $i"; i=$((i + 1)); done
	echo '15 = Cổng thông tin điện tử huyện https://thuongxuan.thanhhoa.gov.vn/portal/thong-bao'
	echo '16 = Cổng thông tin điện tử phường https://binhthanh.hochiminhcity.gov.vn/van-ban-chi-dao-dieu-hanh'
	echo '17 = Trung tâm Phục vụ hành chính công phường'
	echo '18 = Phòng Tài nguyên, Môi trường và Biến đổi khí hậu kiêm Văn phòng Đăng ký đất đai'
	echo 'archive = VT, VP, Phòng Tài chính - Kế hoạch, Bộ phận ISO (Nguyễn Văn A, 05b)'
} >"$tmp/lc/rec.ini"
awk 'FNR == NR { if ($0 ~ /^\[/) sec = $0; if (sec != "[recipients]") print; next }' \
    "$tmp/lc/baocao.ini" /dev/null >"$tmp/lc/b.ini"
cat "$tmp/lc/rec.ini" >>"$tmp/lc/b.ini"
mv "$tmp/lc/b.ini" "$tmp/lc/baocao.ini"
rm "$tmp/lc/rec.ini"
# lc KIND OUT [ARGS...]: run with that config
lc() {
	cfg=$tmp/lc
	run "$@"
	rv=$?
	cfg=
	return $rv
}
# Nơi nhận: a long entry hangs after its dash and is not broken inside a
# name ("tỉnh Thanh / Hóa")
lc report "$tmp/lc-rec.pdf" || no "report, long recipients: status $? $(cat "$tmp/err")"
text "$tmp/lc-rec.pdf" | sed -n '/^Nơi nhận:/,$p' |
    grep -qE '(Thanh|Môi|Tài|Kế|Xây|Giao|Bộ|Văn)$' &&
    no "report, long recipients: a line ends inside a name"
# ... nor inside a set phrase ("Ủy ban nhân / dân"), a short bracket
# ("(để báo / cáo)"), "thủ tục hành / chính", "Phục vụ hành / chính công"
# or "Biến đổi / khí hậu" ([header] keep_together); "(để báo cáo);" whole
text "$tmp/lc-rec.pdf" | sed -n '/^Nơi nhận:/,$p' >"$tmp/rec.txt"
grep -E '(^|[- ])(nhân|Ủy ban|báo|hành|đổi|khí|\(để)$' "$tmp/rec.txt" >"$tmp/rec.bad" &&
    no "report, recipients: a line breaks a phrase: $(head -1 "$tmp/rec.bad")"
grep -qx "(để báo cáo);" "$tmp/rec.txt" ||
    no "report, recipients: '(để báo cáo);' not on a line of its own"
# BM.07.01: the date line stays on one line (the year never alone)
lc bm "$tmp/lc-bm.pdf" --unit PNNPTNT || no "bm, long place: status $? $(cat "$tmp/err")"
has "$tmp/lc-bm.pdf" "Thị trấn Thường Xuân, ngày 05 tháng 11 năm 2024"
# a head's title too long for its signature column is broken between
# words, never inside "PHỤ TRÁCH" ([header] keep_together): "PHÓ TRẠM
# TRƯỞNG PHỤ" / "TRÁCH ĐIỀU HÀNH TRẠM Y TẾ" / … it was
sed -i '/^\[PNNPTNT\]/,/^\[/s/^head_title .*/head_title = Phó Trạm trưởng phụ trách điều hành Trạm Y tế phường Bình Thạnh/' "$tmp/lc/units.ini"
lc bm "$tmp/lc-bmt.pdf" --unit PNNPTNT || no "bm, long head title: status $? $(cat "$tmp/err")"
text "$tmp/lc-bmt.pdf" | grep -q "TRẠM Y TẾ" ||
    no "bm, long head title: not printed"
text "$tmp/lc-bmt.pdf" | grep -q "PHỤ$" &&
    no "bm, long head title: broken inside 'PHỤ TRÁCH'"
# the report's header: too long for the motto's column, broken after the place
lc report "$tmp/lc-r.pdf" || no "report, long place: status $? $(cat "$tmp/err")"
text "$tmp/lc-r.pdf" 1 >"$tmp/pg"
grep -qx "Thị trấn Thường Xuân," "$tmp/pg" && grep -qx "ngày 05 tháng 11 năm 2024" "$tmp/pg" ||
    no "report, long place: the date line is not broken after the place"
has "$tmp/lc-r.pdf" "Phòng chuyên môn số 14;" "Bộ phận ISO (Nguyễn Văn A, 05b)."
# Nơi nhận stays clear of the signer's column: on the last page, below
# "Nơi nhận:", no word starting in the left column (x < 280 pt) reaches
# past 30 + 73 mm (292 pt); the signer's column starts at 30 + 75 mm
n=$(pages "$tmp/lc-r.pdf")
pdftotext -bbox -f "$n" -l "$n" "$tmp/lc-r.pdf" - 2>/dev/null |
    awk -F'"' '/<word/ { x0 = $2 + 0; y0 = $4 + 0; x1 = $6 + 0
	if (index($0, ">Nơi<")) top = y0
	if (top && y0 >= top && x0 < 280 && x1 > 292) bad = 1 }
	END { exit !top || bad }' ||
    no "report, many recipients: Nơi nhận reaches into the signer's column"
# ... and an entry with an address wider than the column hangs after its
# dash on every line ("- Cổng thông tin điện tử huyện" / "  https://…/" /
# "  thong-bao;"), none back at the margin (85 pt)
pdftotext -bbox -f "$n" -l "$n" "$tmp/lc-r.pdf" - 2>/dev/null |
    awk -F'"' '/<word/ && (index($0, ">https://") || index($0, ">thong-bao;<")) {
	k++; if ($2 + 0 < 88) bad = 1 }
	END { exit k < 2 || bad }' ||
    no "report, recipients: a long address does not hang after its dash"
# ... broken after its '/', never before a '-' of it: a line "-ban-chi-dao"
# read as one more recipient ("…gov.vn/van" / "-ban-chi-dao-dieu-hanh;")
sed -n '/^Nơi nhận:/,$p' "$tmp/rec.txt" | grep -q '^-[^ ]' &&
    no "report, recipients: a line of an address starts with its '-'"
grep -qx 'van-ban-chi-dao-dieu-hanh;' "$tmp/rec.txt" ||
    no "report, recipients: the address is not broken after its '/'"

# a "Nơi nhận" longer than a page goes on over the next, a recipient never
# split, nothing below the bottom margin; the signer stays beside its start
mkdir "$tmp/lr"
cp "$fx/config/units.ini" "$fx/config/objectives.ini" "$tmp/lr/"
{ awk '/^\[/ { sec = $0 } sec != "[recipients]"' "$fx/config/baocao.ini"
	echo "[recipients]"; i=1; while [ $i -le 70 ]; do
	echo "$i = Ủy ban nhân dân xã số $i thuộc huyện Thường Xuân tỉnh Thanh Hóa (để thực hiện)"
	i=$((i + 1)); done; echo "archive = VT, VP"; } >"$tmp/lr/baocao.ini"
cfg=$tmp/lr
run report "$tmp/lr.pdf" || no "report, 70 recipients: status $? $(cat "$tmp/err")"
cfg=
pdftotext -bbox "$tmp/lr.pdf" - 2>/dev/null | awk -F'"' '/<word/ &&
	$8 + 0 > 842 - 56.7 + 0.5 { bad = 1 } END { exit bad }' ||
    no "report, 70 recipients: a word below the bottom margin"
[ "$(text "$tmp/lr.pdf" | grep -c '^- Ủy ban nhân dân xã số [0-9]* thuộc')" = 70 ] &&
    has "$tmp/lr.pdf" "- Lưu: VT, VP." ||
    no "report, 70 recipients: not every recipient printed"
n=$(text "$tmp/lr.pdf" | awk '/^Nơi nhận:/ { print p + 1; exit } /\f/ { p++ }')
text "$tmp/lr.pdf" "${n:-1}" | grep -q "^Lê Văn Thành$" ||
    no "report, 70 recipients: the signer is not beside the start of Nơi nhận"

# a matrix of fifteen objectives: a header code too wide for its column
# is set smaller, never cut ("MT1" / "0")
mkdir "$tmp/ob"
cp "$fx/config/units.ini" "$fx/config/baocao.ini" "$tmp/ob/"
{ cat "$fx/config/objectives.ini"; for i in 1 2 3 4 5 6 7 8; do
	printf '[extra%d]\nlabel = Chỉ tiêu %d\nindicator = tasks.on_time_rate\nop = >=\ntarget = 90%%\nunits = *\n' $i $i
	for u in '*' PNV VP; do
		printf '2024-12,%s,objective.extra%d.%s\n' "$u" $i value,0.95 \
		    "$u" $i target,0.9 "$u" $i met,1 >>"$tmp/ob.csv"
	done; done; } >"$tmp/ob/objectives.ini"
cat "$fx/chi-so.csv" "$tmp/ob.csv" >"$tmp/ob2.csv"
cfg=$tmp/ob ind=$tmp/ob2.csv
run report "$tmp/ob.pdf" || no "report, 15 objectives: status $? $(cat "$tmp/err")"
cfg= ind=
pdftotext -bbox "$tmp/ob.pdf" - 2>/dev/null | grep -c '>MT1[0-5]<' >"$tmp/n"
[ "$(cat "$tmp/n")" -ge 12 ] || no "report, 15 objectives: a header code cut"

# --- stress data (the reviewer's defects) ---
# a number never breaks: huge counts in the report's tables and the
# comparison, and in a form's cells, each on one line
awk -F, 'BEGIN { OFS = "," } $1 == "2024-12" && ($2 == "PNV" || $2 == "*") &&
	($3 == "documents.incoming" || $3 == "documents.incoming_on_time" ||
	 $3 == "tasks.planned") { $4 = "1111111110" $4 } { print }' \
    "$fx/chi-so.csv" >"$tmp/big.csv"
for k in report bm; do
	"$p" --kind $k --config "$fx/config" --period 2024-12 \
	    --indicators "$tmp/big.csv" --analysis "$fx/analysis.tsv" \
	    --data "$fx/norm.tsv" --templates "$TOP/templates" \
	    $([ $k = bm ] && echo --unit PNV) -o "$tmp/big-$k.pdf" 2>"$tmp/err" ||
	    no "big numbers, $k: status $? $(cat "$tmp/err")"
	# each changed count of the unit (and, in the report, of the
	# organization), grouped, whole on one line of text
	text "$tmp/big-$k.pdf" >"$tmp/txt"
	awk -F, -v k=$k '$1 == "2024-12" && ($2 == "PNV" || (k == "report" &&
		$2 == "*")) && $4 ~ /^1111111110/ { s = $4; g = ""
		while (length(s) > 3) { g = "." substr(s, length(s) - 2) g
			s = substr(s, 1, length(s) - 3) }
		print s g }' "$tmp/big.csv" >"$tmp/want"
	[ "$(wc -l <"$tmp/want")" -ge 3 ] || no "big numbers: too few"
	while read -r v; do
		grep -qF -- "$v" "$tmp/txt" || no "big numbers, $k: '$v' broken or missing"
	done <"$tmp/want"
	qpdf --check "$tmp/big-$k.pdf" >/dev/null 2>&1 || no "big numbers, $k: qpdf"
done
# one figure, one way: the organization's error rate (1,16%) in its table,
# the objectives and the comparison
[ "$(text "$r" | grep -c '^1,16%$')" -ge 3 ] ||
    no "report: the error rate is not printed 1,16% everywhere"
# a chart's label breaks before a bracket, not inside it ("Bộ phận Một
# cửa (Bộ phận / tiếp nhận và trả kết quả)")
text "$r" | grep -A1 -x "Bộ phận Một cửa" | grep -qx "(Bộ phận tiếp nhận và trả kết quả)" ||
    no "report: the chart's label of MOTCUA is not broken before its bracket"
# a satisfaction chart of 60 more units, taller than a page, goes on over
# the next pages: no word below the bottom margin (842 - 56.7 pt) on any
# page, every unit's bar labelled, the legend after the last
mkdir "$tmp/many"
cp "$fx/config/baocao.ini" "$fx/config/objectives.ini" "$tmp/many/"
cp "$fx/chi-so.csv" "$tmp/many.csv"
cp "$fx/analysis.tsv" "$tmp/many.tsv"
{ cat "$fx/config/units.ini"; i=10; while [ $i -lt 70 ]; do
	printf '[X%d]\nname = Phòng thử %d xã Luận Thành và xã Luận Khê thuộc cụm các xã vùng cao\n' $i $i
	printf '2024-12,X%d,satisfaction.rate,0.9%d\n2024-12,X%d,satisfaction.responses,40\n' \
	    $i $i $i >>"$tmp/many.csv"
	printf 'unit\t2024-12\tX%d\tsubmitted\t\t1\n' $i >>"$tmp/many.tsv"
	i=$((i + 1)); done; } >"$tmp/many/units.ini"
cfg=$tmp/many ind=$tmp/many.csv ana=$tmp/many.tsv
run report "$tmp/many.pdf" || no "report, 60 more units: status $? $(cat "$tmp/err")"
cfg= ind= ana=
pdftotext -bbox "$tmp/many.pdf" - 2>/dev/null | awk -F'"' '/<word/ &&
	$8 + 0 > 842 - 56.7 + 0.5 { bad = 1 } END { exit bad }' ||
    no "report, 60 more units: a word below the bottom margin"
text "$tmp/many.pdf" | sed -n '/^Tỷ lệ hài lòng theo đơn vị/,/^Mục tiêu chất lượng của đơn vị$/p' >"$tmp/txt"
[ "$(grep -c '^Phòng thử [0-9]* xã Luận' "$tmp/txt")" = 60 ] && tail -n 1 "$tmp/txt" | grep -q '^Mục tiêu' ||
    no "report, 60 more units: a bar not labelled, or no legend after the last"
# a quarter's section VIII says which month each narrative comes from
"$p" --kind report --config "$fx/config" --period 2024-Q4 \
    --indicators "$fx/chi-so.csv" --analysis "$fx/analysis.tsv" \
    --data "$fx/norm.tsv" --templates "$TOP/templates" -o "$tmp/q4.pdf" \
    2>"$tmp/err" || no "report Q4: status $? $(cat "$tmp/err")"
has "$tmp/q4.pdf" "Phòng Nội vụ (báo cáo tháng 12/2024)" \
    "lấy từ báo cáo tháng gần nhất trong kỳ"
# ... and its bracket is never broken ("huyện (báo cáo tháng / 12/2024)")
text "$tmp/q4.pdf" | grep -E '\((báo|báo cáo|báo cáo tháng)$' >"$tmp/q4.bad" &&
    no "report Q4: a narrative heading's month broken: $(head -1 "$tmp/q4.bad")"
# a line break in a narrative is a new paragraph, never "\n"
cp "$fx/norm.tsv" "$tmp/nl.tsv"
printf 'S\t2024-12\tPNNPTNT\tnarrative.causes\tĐoạn một.\\nĐoạn hai mới.\n' \
    >>"$tmp/nl.tsv"
for k in bm report; do
	"$p" --kind $k --config "$fx/config" --period 2024-12 \
	    --indicators "$fx/chi-so.csv" --analysis "$fx/analysis.tsv" \
	    --data "$tmp/nl.tsv" --templates "$TOP/templates" \
	    $([ $k = bm ] && echo --unit PNNPTNT) -o "$tmp/nl-$k.pdf" \
	    2>"$tmp/err" || no "narrative with a line break, $k: status $?"
	text "$tmp/nl-$k.pdf" >"$tmp/txt"
	grep -qx "Nguyên nhân: Đoạn một." "$tmp/txt" && grep -qx "Đoạn hai mới." "$tmp/txt" ||
	    no "narrative with a line break, $k: not two paragraphs"
	grep -qF '\n' "$tmp/txt" && no "narrative with a line break, $k: a literal \\n"
done
# invisible format characters pasted from a word processor print
# nothing: a soft hyphen (its glyph is a visible hyphen), a zero-width
# space, a byte order mark; a non-breaking hyphen, which the fonts lack,
# is a hyphen (U+2010), not a blank; none of them is warned about
printf 'S\t2024-12\tPNNPTNT\tnarrative.causes\tChuẩn ISO\302\2559001:2015, mã\342\200\213số A\342\200\22101\357\273\277.\n' \
    >"$tmp/fmt.tsv"
cat "$fx/norm.tsv" "$tmp/fmt.tsv" >"$tmp/fmt2.tsv"
"$p" --kind bm --config "$fx/config" --period 2024-12 \
    --indicators "$fx/chi-so.csv" --analysis "$fx/analysis.tsv" \
    --data "$tmp/fmt2.tsv" --templates "$TOP/templates" --unit PNNPTNT \
    -o "$tmp/fmt.pdf" 2>"$tmp/err" || no "format characters: status $?"
[ -s "$tmp/err" ] && no "format characters: $(cat "$tmp/err")"
text "$tmp/fmt.pdf" | grep -qx "Nguyên nhân: Chuẩn ISO9001:2015, mãsố A‐01." ||
    no "format characters: not dropped, or the non-breaking hyphen not a hyphen"
# nothing to show: a sentence, not a table of zeros (errors and
# complaints by type all 0); Phòng Dân tộc has sent nothing, so each
# sentence speaks of the units that sent their sheets (none_sent)
awk -F'\t' 'BEGIN { OFS = "\t" } $1 == "pareto" { $5 = 0; $6 = ""; $7 = "" }
	{ print }' "$fx/analysis.tsv" >"$tmp/zero.tsv"
report_with "" "$tmp/zero.tsv" "$tmp/zero.pdf" ||
    no "no Pareto data: status $? $(cat "$tmp/err")"
joined "$tmp/zero.pdf" "Trong kỳ các đơn vị đã nộp báo cáo không có văn bản sai lỗi." \
    "Trong kỳ các đơn vị đã nộp báo cáo không có phản ánh, khiếu nại."
text "$tmp/zero.pdf" | grep -q "(Pareto)" && no "no Pareto data: a Pareto table"
# no dossiers in the period: the sentence, not a header and a row of 0
awk -F, 'BEGIN { OFS = "," } $3 ~ /^dossiers\./ { $4 = 0 } { print }' \
    "$fx/chi-so.csv" >"$tmp/nodos.csv"
report_with "$tmp/nodos.csv" "" "$tmp/nodos.pdf" ||
    no "no dossiers: status $? $(cat "$tmp/err")"
joined "$tmp/nodos.pdf" "Trong kỳ các đơn vị đã nộp báo cáo không có hồ sơ thủ tục hành chính phải giải quyết."
text "$tmp/nodos.pdf" | grep -q "Tổng số phải giải" &&
    no "no dossiers: the dossiers table is drawn"
# the SIPAS components' and channels' rates: a table of the units that
# have them, a rate absent as "-"; none in the fixture, whose units sent
# tallies: no table, no title
text "$tmp/nodos.pdf" | grep -q SIPAS &&
    no "report: a SIPAS table without component rates"
{ cat "$fx/chi-so.csv"
  printf '2024-12,*,satisfaction.component.%s.rate,0.8847457627118644\n' access staff
  printf '2024-12,MOTCUA,satisfaction.component.%s.rate,0.8819444444444444\n' access feedback
  printf '2024-12,%s,satisfaction.channel.buu_chinh.rate,0.5\n' '*' MOTCUA; } >"$tmp/sipas.csv"
report_with "$tmp/sipas.csv" "" "$tmp/sipas.pdf" ||
    no "SIPAS: status $? $(cat "$tmp/err")"
joined "$tmp/sipas.pdf" "Tỷ lệ hài lòng theo từng yếu tố (SIPAS) và theo kênh tiếp nhận" \
    "Tiếp cận dịch vụ" "Công chức giải quyết công việc" \
    "Tiếp nhận, xử lý phản ánh, kiến nghị" "Bưu chính công ích" \
    "88,19% - - - 88,19% - - 50%" "Toàn cơ quan 88,47% - 88,47% - - - - 50%"
# downtime hours as the register gives them: a quarter hour is 0,25 and a
# sum 10,25 as in the indicators CSV, not 0,3 and 10,3
awk -F, 'BEGIN { OFS = "," } $3 == "incidents.count" && ($2 == "*" || $2 == "PNV") { $4 = 2 }
	$3 == "incidents.downtime_hours" && $2 == "*" { $4 = "10.25" }
	$3 == "incidents.downtime_hours" && $2 == "PNV" { $4 = "0.25" } { print }' \
    "$fx/chi-so.csv" >"$tmp/hours.csv"
report_with "$tmp/hours.csv" "" "$tmp/hours.pdf" ||
    no "downtime hours: status $? $(cat "$tmp/err")"
text "$tmp/hours.pdf" | grep -qx "10,25" || no "downtime hours: no '10,25' for the organization"
text "$tmp/hours.pdf" | grep -qx "0,25" || no "downtime hours: no '0,25' for PNV"
# a month of zeros (tasks, dossiers, incoming documents, survey, errors;
# documents still issued, actions still open): each table of zeros is its
# sentence; the errors table stays (documents were issued); the
# objectives, without results, are one table with its title on one page,
# "Chưa có số liệu" never wrapped in its column
awk -F, 'BEGIN { OFS = "," } $1 == "2024-12" && ($3 ~ /rate$|share$|mean$|^objective\..*\.(value|met)$/) { next }
	$1 == "2024-12" && $3 ~ /^(tasks|dossiers|satisfaction|errors)\.|^documents\.(incoming|files)/ { $4 = 0 }
	{ print }' "$fx/chi-so.csv" >"$tmp/zm.csv"
report_with "$tmp/zm.csv" "" "$tmp/zm.pdf" ||
    no "zero month: status $? $(cat "$tmp/err")"
joined "$tmp/zm.pdf" "Trong kỳ các đơn vị đã nộp báo cáo không có nhiệm vụ nào trong chương trình công tác." \
    "Trong kỳ các đơn vị đã nộp báo cáo không tiếp nhận văn bản đến, không có hồ sơ đưa vào lưu trữ."
text "$tmp/zm.pdf" | grep -q "không ban hành văn bản nào" &&
    no "zero month: the errors table is a sentence though documents were issued"
i=1 pg=
while [ "$i" -le "$(pages "$tmp/zm.pdf")" ]; do
	pdftotext -layout -f $i -l $i "$tmp/zm.pdf" - 2>/dev/null >"$tmp/pg"
	grep -q "^ *MT1 " "$tmp/pg" && pg=$i && break
	i=$((i + 1))
done
[ -n "$pg" ] && grep -q "^Kết quả thực hiện mục tiêu chất lượng *$" "$tmp/pg" &&
    grep -q "^ *MT7 " "$tmp/pg" ||
    no "zero month: the objectives table is split or away from its title"
# (an objective of listed units says 'Theo từng đơn vị' on the org's row)
[ "$(grep -c -e 'Chưa có số liệu$' -e 'Theo từng đơn vị$' "$tmp/pg")" -ge 7 ] ||
    no "zero month: 'Chưa có số liệu' wraps in the objectives table"
# nor in BM.07.01's objectives table, whose assessment column is narrower
ind=$tmp/zm.csv
run bm "$tmp/zmbm.pdf" --unit VP || no "zero month BM: status $? $(cat "$tmp/err")"
ind=
n=$(pdftotext -layout "$tmp/zmbm.pdf" - 2>/dev/null | grep -c 'Chưa có số liệu$')
[ "$n" -ge 2 ] && ! pdftotext -layout "$tmp/zmbm.pdf" - 2>/dev/null |
    grep -q '^ *số liệu$' ||
    no "zero month BM: 'Chưa có số liệu' wraps in the objectives table ($n whole)"
# a unit to which no objective applies (no target row) keeps the section,
# with its sentence, and the sections after it keep their numbers
grep -v '^2024-12,VP,objective\.' "$fx/chi-so.csv" >"$tmp/noobj.csv"
ind=$tmp/noobj.csv
run bm "$tmp/noobj.pdf" --unit VP || no "BM without objectives: status $? $(cat "$tmp/err")"
ind=
text "$tmp/noobj.pdf" | tr '\n' ' ' | grep -q "Thực hiện mục tiêu chất lượng Trong tháng chưa có số liệu của chỉ tiêu nào" ||
    no "BM without objectives: no objectives section with its sentence"
# a long URL and e-mail address in a justified narrative: each line that
# ends inside one ends after / ? & = _ . or @ or before a -, and the
# address comes back whole once the lines are joined (pdftotext would drop
# a - that ended a line)
url='https://dichvucong.thanhhoa.gov.vn/portaldvc/KenhTin/dich-vu-cong-truc-tuyen.aspx?_dv=8A2F0C3B-7D41-4E9B&linhvuc=1.004227.000.00.00.H56'
# (url2 breaks only at its dashes)
url2='https://thuongxuan.thanhhoa.gov.vn/ke-hoach-cai-cach-hanh-chinh-nam-2024-chi-tiet-cua-uy-ban-nhan-dan-huyen-thuong-xuan-tinh-thanh-hoa'
cp "$fx/norm.tsv" "$tmp/url.tsv"
printf 'S\t2024-12\tPNNPTNT\tnarrative.weaknesses\tTrang thông tin tại %s chưa cập nhật; hệ thống một_cửa_điện_tử_liên_thông_cấp_huyện_và_cấp_xã_Thường_Xuân chưa đồng bộ. Email hotro.motcua.thuongxuan@thanhhoa.gov.vn. Kế hoạch tại %s.\n' \
    "$url" "$url2" >>"$tmp/url.tsv"
"$p" --kind bm --unit PNNPTNT --config "$fx/config" --period 2024-12 \
    --indicators "$fx/chi-so.csv" --analysis "$fx/analysis.tsv" \
    --data "$tmp/url.tsv" --templates "$TOP/templates" -o "$tmp/url.pdf" \
    2>"$tmp/err" || no "URL narrative: status $? $(cat "$tmp/err")"
text "$tmp/url.pdf" | grep -v '^ *[0-9]* *$' | grep -v 'DỰ THẢO' >"$tmp/url.txt"
for u in "$url" "$url2"; do
	tr -d '\n' <"$tmp/url.txt" | grep -qF "$u" ||
	    no "URL narrative: $u does not come back whole"
done
awk 'NR > 1 && cut && $1 !~ /^-/ { print prev; bad = 1 }
    { cut = /https:|dichvucong|portaldvc|_dv=|hotro\.|thuongxuan@|một_cửa|cấp_xã|-hoach|-nhan|-thanh/ &&
      $NF ~ /[a-zA-Z0-9]$/ && $NF !~ /^(tại|Email|thống)$/; prev = $0 }
    END { if (cut) { print prev; bad = 1 } exit bad }' "$tmp/url.txt" \
    >"$tmp/url.bad" ||
    no "URL narrative: a long token broken elsewhere: $(head -1 "$tmp/url.bad")"
# the header: a "\n" written in the agency's name breaks the line there;
# a long name breaks between set phrases; a long signer's name stays on
# one line
mkdir "$tmp/hd"
cp "$fx/config/"*.ini "$tmp/hd/"
sed -i -e 's/^name *=.*THƯỜNG XUÂN.*/name = VĂN PHÒNG HỘI ĐỒNG NHÂN DÂN VÀ\\nỦY BAN NHÂN DÂN HUYỆN THƯỜNG XUÂN/' \
    -e 's/^parent *=.*/parent = ỦY BAN NHÂN DÂN THÀNH PHỐ THỦ ĐỨC, THÀNH PHỐ HỒ CHÍ MINH/' \
    -e 's/^name *= *Lê Văn Thành/name = Nguyễn Hoàng Tôn Nữ Phương Thảo Bảo Ngọc/' \
    "$tmp/hd/baocao.ini"
"$p" --kind report --config "$tmp/hd" --period 2024-12 \
    --indicators "$fx/chi-so.csv" --analysis "$fx/analysis.tsv" \
    --data "$fx/norm.tsv" --templates "$TOP/templates" -o "$tmp/hd.pdf" \
    2>"$tmp/err" || no "long names: status $? $(cat "$tmp/err")"
text "$tmp/hd.pdf" 1 >"$tmp/pg"
for l in "ỦY BAN NHÂN DÂN" "THÀNH PHỐ THỦ ĐỨC," "THÀNH PHỐ HỒ CHÍ MINH" \
    "HUYỆN THƯỜNG XUÂN"; do
	grep -qx "$l" "$tmp/pg" || no "long names: no header line '$l'"
done
grep -q "^VĂN PHÒNG" "$tmp/pg" && grep -q "NHÂN DÂN VÀ$" "$tmp/pg" ||
    no "long names: the agency's name is not broken at its \\n"
grep -q -e 'NHÂN$' -e 'HỘI ĐỒNG$' -e 'THÀNH$' "$tmp/pg" &&
    no "long names: a set phrase broken"
text "$tmp/hd.pdf" | grep -qx "Nguyễn Hoàng Tôn Nữ Phương Thảo Bảo Ngọc" ||
    no "long names: the signer's name is not on one line"
pdfinfo "$tmp/hd.pdf" | grep -q '^Author: *VĂN PHÒNG HỘI ĐỒNG NHÂN DÂN VÀ ỦY BAN' ||
    no "long names: the author keeps the \\n"
# BM.07.01: both signers' names in one size. A head's name a little too
# long for its column: both names a little smaller, each on one line; one
# too long even at 11 pt: both at the signature size, the long one on two
# lines (the preparer's "Trần Văn Ngọc" beside it)
mkdir "$tmp/ln"
cp "$fx/config/"*.ini "$tmp/ln/"
for n in "Vương Thị Ngọc Nữ Hoàng Oanh Yến Nhung" \
    "Công Tằng Tôn Nữ Thị Hoàng Diệu Quỳnh Như"; do
	sed -i "/^\[VP\]/,/^\[/ s/^head_name *=.*/head_name = $n/" \
	    "$tmp/ln/units.ini"
	cfg=$tmp/ln run bm "$tmp/ln.pdf" --unit VP ||
	    no "long signer's name: status $? $(cat "$tmp/err")"
	cfg=
	pdftotext -bbox "$tmp/ln.pdf" - 2>/dev/null | awk -F'"' -v last="${n##* }" '
	    !/<word/ { next }
	    { w = $NF; sub(/^>/, "", w); sub(/<.*/, "", w) }
	    w ~ /^(Trần|Vương|Công)$/ { h[w] = $8 - $4; y[w] = $4 }
	    w == last { yl = $4 }
	    END {
		f = ("Vương" in h) ? "Vương" : "Công"
		d = h["Trần"] - h[f]
		if (!(f in h) || d > 0.05 || d < -0.05) exit 1
		full = h[f] > 12 * 1.107 - 0.05
		two = yl > y[f] + 5
		exit f == "Vương" ? full || two : !full || !two }' ||
	    no "long signer's name '$n': sizes differ or wrong lines"
done
# the low-sample note stays on the page of its table
i=1
while [ "$i" -le "$(pages "$r")" ]; do
	text "$r" "$i" >"$tmp/pg"
	if grep -q "^Lưu ý: tỷ lệ hài lòng" "$tmp/pg"; then
		grep -q "^Kết quả khảo sát sự hài lòng" "$tmp/pg" ||
		    grep -q "Điểm bình quân" "$tmp/pg" ||
		    no "report: the low-sample note is away from its table (page $i)"
	fi
	i=$((i + 1))
done

# an organization rate that P lacks (no error this month: no correction
# rate) still shows its earlier values, from the compare record that
# baocao-analyze writes for it with an empty value
grep -v '^2024-12,\*,errors\.correction_rate,' "$fx/chi-so.csv" >"$tmp/nocr.csv"
awk -F'\t' 'BEGIN { OFS = "\t" } $1 == "compare" && $3 == "*" && $4 == "errors.correction_rate" { $5 = "" } { print }' \
    "$fx/analysis.tsv" >"$tmp/nocr.tsv"
report_with "$tmp/nocr.csv" "$tmp/nocr.tsv" "$tmp/nocr.pdf" ||
    no "rate absent now: status $? $(cat "$tmp/err")"
pdftotext -layout "$tmp/nocr.pdf" - 2>/dev/null |
    grep -q '^Tỷ lệ đã khắc phục  *-  *69,14%  *-  *67,94%  *-$' ||
    no "rate absent now: its previous and year-earlier values not shown"

# a p-chart of rates of a few per thousand (the errors of a large office):
# its axis is labelled in steps under 1 point ("0,1%", "0,2%", "0,3%"),
# not 0 % to 1 % with nothing between and the line in its lower third
awk -F'\t' -v OFS='\t' '$1 == "pchart" && $2 == "2024-12" &&
    $3 == "errors.rate" { for (i = 7; i <= 10; i++) $i = $i / 10 } 1' \
    "$fx/analysis.tsv" >"$tmp/pm.tsv"
report_with "" "$tmp/pm.tsv" "$tmp/pm.pdf" ||
    no "p-chart per thousand: status $? $(cat "$tmp/err")"
pdftotext -bbox "$tmp/pm.pdf" - 2>/dev/null | awk -F'"' '
	/<page / { pg++ } /<word/ { w = $0; sub(/.*">/, "", w); sub(/<.*/, "", w)
	if (w == "0,1%" || w == "0,2%" || w == "0,3%") seen[pg, w] = 1 }
	END { for (p = 1; p <= pg; p++) if (seen[p, "0,1%"] && seen[p, "0,2%"] &&
	    seen[p, "0,3%"]) ok = 1; exit !ok }' ||
    no "p-chart per thousand: its axis has no labels between 0% and 1%"

# --- the open list: long suggestions, no assignee: the content column
# takes the width the empty assignee column does not need (it kept 49 mm
# of the page, a fifth of it for nothing, and long suggestions ran to
# narrow paragraphs of 15 lines) ---
cp "$fx/norm.tsv" "$tmp/open.tsv"
i=10
while [ $i -le 30 ]; do
	words=$(awk -v i=$i 'BEGIN { for (k = 0; k < 60; k++) printf "kz%d ", k; print "hết." }')
	printf 'R\tsuggestions\t2024-12\tVP.suggestions.csv:%d\tYK%d\tVP\t2024-12-03\t\t%s\t\t\t\tmoi\t\t\n' \
	    $i $i "$words" >>"$tmp/open.tsv"
	i=$((i + 1))
done
"$p" --kind improvement --config "$fx/config" --period 2024-12 \
    --indicators "$fx/chi-so.csv" --analysis "$fx/analysis.tsv" \
    --data "$tmp/open.tsv" --templates "$TOP/templates" \
    -o "$tmp/open.pdf" 2>"$tmp/err" || no "open list: status $? $(cat "$tmp/err")"
# the width (pt) of the content's lines: its words' leftmost to rightmost
pdftotext -bbox "$tmp/open.pdf" - 2>/dev/null | awk '
	/<word/ { w = $0; sub(/.*">/, "", w); sub(/<.*/, "", w)
	if (w !~ /^kz[0-9]+$/) next
	x0 = $0; sub(/.*xMin="/, "", x0); sub(/".*/, "", x0)
	x1 = $0; sub(/.*xMax="/, "", x1); sub(/".*/, "", x1)
	if (lo == "" || x0 + 0 < lo) lo = x0 + 0
	if (x1 + 0 > hi) hi = x1 + 0 }
	END { exit !(hi - lo > 160) }' ||
    no "open list: the content column is no wider than its default share"

# --- failures leave nothing behind ---
run bm "$tmp/none.pdf" --unit NOPE
s=$?
[ $s = 1 ] || no "bm with an unknown unit: status $s, expected 1"
run bm "$tmp/none.pdf"
s=$?
[ $s = 2 ] || no "bm without --unit: status $s, expected 2"
printf 'period,unit,indicator,value\n2024-12,*,x,abc\n' >"$tmp/bad.csv"
report_with "$tmp/bad.csv" "" "$tmp/none.pdf"
s=$?
[ $s = 1 ] || no "bad indicators: status $s, expected 1"
grep -q "bad.csv:2: " "$tmp/err" || no "bad indicators: no located message"
# invalid UTF-8 never reaches libharu (which would accept it silently)
cp "$fx/norm.tsv" "$tmp/bad.tsv"
printf 'S\t2024-12\tPNNPTNT\tnarrative.strengths\tbad \377 byte\n' >>"$tmp/bad.tsv"
"$p" --kind bm --unit PNNPTNT --config "$fx/config" --period 2024-12 \
    --indicators "$fx/chi-so.csv" --analysis "$fx/analysis.tsv" \
    --data "$tmp/bad.tsv" --templates "$TOP/templates" -o "$tmp/none.pdf" \
    2>"$tmp/err"
s=$?
[ $s = 1 ] || no "invalid UTF-8: status $s, expected 1"
grep -q "bad.tsv:[0-9]*: invalid UTF-8" "$tmp/err" || no "invalid UTF-8: no located message"
ls "$tmp" | grep -q '^none\.pdf' && no "a failed run left a file"
exit $fail
