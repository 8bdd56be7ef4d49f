#!/bin/sh
# pdf.sh: baocao-pdf documents read back with poppler-utils and qpdf: exact
# Vietnamese strings (motto, agency, date line, title, unit names, numbers in
# Vietnamese style), fonts embedded, A4 pages, a narrative spanning pages, a
# unit name that wraps, a table that breaks across pages and repeats its
# header, the draft mark present or absent, document properties,
# byte-identical reruns, qpdf --check, and no output at all on failure;
# BM.07.01 of sample-like units on one page, and several forms in one run
# (--all-units, --unit repeated with an -o pattern) equal to single runs;
# short tables never split, a long place name's date line (one line on the
# form, broken after the place in the report's header), many and long
# recipients kept clear of the signer's column.
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

# run KIND OUT [ARGS...]: renders from the fixtures; the status is returned
run() {
	k=$1 o=$2; shift 2
	"$p" --kind "$k" --config "$fx/config" --period 2024-12 \
	    --indicators "$fx/chi-so.csv" --analysis "$fx/analysis.tsv" \
	    --data "$fx/norm.tsv" --templates "$TOP/templates" -o "$o" "$@" \
	    2>"$tmp/err"
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
    "12.131" "2.251" "5.727" "99,4%" "83,3%" "99,8%" "1,2%" "4,00" \
    "Sai thể thức" "Biểu đồ Pareto các loại lỗi văn bản" \
    "Biểu đồ kiểm soát p: tỷ lệ hài lòng toàn cơ quan 12 tháng gần nhất" \
    "Tháng nằm ngoài giới hạn kiểm soát" "Nơi nhận:" "- Lưu: VT, VP." \
    "TM. ỦY BAN NHÂN DÂN" "KT. CHỦ TỊCH" "PHÓ CHỦ TỊCH" "Lê Văn Thành" \
    "I. TÌNH HÌNH GỬI BÁO CÁO THỐNG KÊ CỦA CÁC ĐƠN VỊ" \
    "VIII. ĐÁNH GIÁ CỦA CÁC ĐƠN VỊ" "Tồn tại, hạn chế:"
n=$(pages "$r")
[ "${n:-0}" -ge 5 ] || no "report: $n pages, expected several"
# the draft box on every page, page numbers from page 2 only
d=$(text "$r" | grep -c "DỰ THẢO LẦN 1")
[ "$d" = "$n" ] || no "report: draft mark on $d of $n pages"
text "$r" 1 | grep -qx '1' && no "report: page 1 is numbered"
text "$r" 2 | grep -qx '2' || no "report: page 2 has no number"
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
has "$f" "Số: 125/BC-UBND"

# --- BM.07.01 of one unit, its narrative running over pages ---
b=$tmp/bm.pdf
run bm "$b" --unit PNV || no "bm: status $? $(cat "$tmp/err")"
common "$b"
has "$b" "BM.07.01" "PHÒNG NỘI VỤ" \
    "THỐNG KÊ TÌNH HÌNH THỰC HIỆN CÔNG TÁC THÁNG 12/2024" \
    "NGƯỜI LẬP BIỂU" "TRƯỞNG PHÒNG" "Lê Thị Bình" "Nguyễn Thị Lan Anh" \
    "Thường Xuân, ngày 05 tháng 11 năm 2024" "Ưu điểm:" \
    "Nhiệm vụ trọng tâm thời gian tới:" "93%" "1,8%" "Không đạt"
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
joined "$tmp/bmvp.pdf" "88,2% (*)"
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
# the long unit name wraps in the header and the form still takes one page
run bm "$tmp/bm3.pdf" --unit BQLDA || no "bm BQLDA: status $?"
common "$tmp/bm3.pdf"
[ "$(pages "$tmp/bm3.pdf")" = 1 ] ||
    no "bm BQLDA: $(pages "$tmp/bm3.pdf") pages, expected one"
joined "$tmp/bm3.pdf" "BAN QUẢN LÝ DỰ ÁN ĐẦU TƯ XÂY DỰNG VÀ PHÁT TRIỂN QUỸ ĐẤT"

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
	i=2
	while [ $i -le 14 ]; do echo "$i = Phòng chuyên môn số $i"; i=$((i + 1)); done
	echo 'archive = VT, VP, Phòng Tài chính - Kế hoạch, Bộ phận ISO (Nguyễn Văn A, 05b)'
} >"$tmp/lc/rec.ini"
awk 'FNR == NR { if ($0 ~ /^\[/) sec = $0; if (sec != "[recipients]") print; next }' \
    "$tmp/lc/baocao.ini" /dev/null >"$tmp/lc/b.ini"
cat "$tmp/lc/rec.ini" >>"$tmp/lc/b.ini"
mv "$tmp/lc/b.ini" "$tmp/lc/baocao.ini"
rm "$tmp/lc/rec.ini"
# lc KIND OUT [ARGS...]: run with that config
lc() {
	k=$1 o=$2; shift 2
	"$p" --kind "$k" --config "$tmp/lc" --period 2024-12 \
	    --indicators "$fx/chi-so.csv" --analysis "$fx/analysis.tsv" \
	    --data "$fx/norm.tsv" --templates "$TOP/templates" -o "$o" "$@" \
	    2>"$tmp/err"
}
# BM.07.01: the date line stays on one line (the year never alone)
lc bm "$tmp/lc-bm.pdf" --unit PNNPTNT || no "bm, long place: status $? $(cat "$tmp/err")"
has "$tmp/lc-bm.pdf" "Thị trấn Thường Xuân, ngày 05 tháng 11 năm 2024"
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

# --- failures leave nothing behind ---
run bm "$tmp/none.pdf" --unit NOPE
s=$?
[ $s = 1 ] || no "bm with an unknown unit: status $s, expected 1"
run bm "$tmp/none.pdf"
s=$?
[ $s = 2 ] || no "bm without --unit: status $s, expected 2"
printf 'period,unit,indicator,value\n2024-12,*,x,abc\n' >"$tmp/bad.csv"
"$p" --kind report --config "$fx/config" --period 2024-12 \
    --indicators "$tmp/bad.csv" --analysis "$fx/analysis.tsv" \
    --data "$fx/norm.tsv" --templates "$TOP/templates" -o "$tmp/none.pdf" \
    2>"$tmp/err"
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
