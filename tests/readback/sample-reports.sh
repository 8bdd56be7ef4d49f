#!/bin/sh
# On the sample: the improvement summary's figures (section 1) are the
# indicators CSV's organization suggestions.* values, read back from the
# PDF with pdftotext,
# for the sample's month, quarter, year and ranges that cut months under
# both cut-off rules (a range reads the folders up to its last day's month,
# not only its whole months). The same reports' comparisons leave out the
# year before, of which the sample has no data (2023), and the year's,
# whose previous period is that year too, are a sentence. A final made with
# --allow-missing while a unit is incomplete says so (SPEC §8); its draft and
# a complete final do not. A range's summary has its subject broken before
# its dates; its report names the months whose sheets it took (with their
# days under cutoff_day = 15). Under cutoff_day = 15 a label period's
# report, summary and BM.07.01 say the period's days under their title.
# The year's report notes the months of the units merged within it.
# Every change in the comparisons is the difference of the printed figures
# beside it (tests/readback/compare_deltas.py); a range without a whole
# month compares none of its absent BM.07.01 figures.
set -u
. "$TOP/tests/readback/cutoffs.inc"
fail=0
for cfg in c0 c15; do
	for p in 2024-03-10..2024-05-20 2024-04-15..2024-06-14 2024-Q2 2024; do
		o=$tmp/out-$cfg
		"$BIN/baocao" --config "$tmp/$cfg" --input input --output "$o" \
		    report --period "$p" --allow-missing >/dev/null 2>"$tmp/err" ||
		    { echo "sample-reports.sh: report $p ($cfg) failed"; cat "$tmp/err"; fail=1; continue; }
		pdftotext -layout "$o/$p/cai-tien-$p-du-thao-1.pdf" - >"$tmp/txt"
		# a range's subject, too long for one line, is broken before
		# its dates, not inside "cải / tiến"
		case $p in *..*)
			pdftotext -l 1 "$o/$p/cai-tien-$p-du-thao-1.pdf" - |
			    grep -qx "Tổng hợp ý kiến đóng góp và kết quả cải tiến" ||
			    { echo "sample-reports.sh: $p ($cfg): the summary's subject is not broken before its dates"; fail=1; }
		esac
		# the PDF's rows, in the order of improvement_summary()
		got=$(awk '/^Số ý kiến đóng góp tiếp nhận trong kỳ/ { r = $NF }
		    /^Số ý kiến đã trình/ { q = $NF }
		    /^Số ý kiến đã thực hiện/ { i = $NF }
		    /^Số ý kiến không chấp nhận/ { j = $NF }
		    /^Số ý kiến chưa xử lý xong/ { n = $NF }
		    /^Số ý kiến đã thông báo/ { t = $NF }
		    END { print r, q, i, j, n, t }' "$tmp/txt")
		want=$(awk -F, -v p="$p" '$1 == p && $2 == "*" {
		    v[$3] = $4 }
		    END { print v["suggestions.received"] + 0,
		    v["suggestions.to_qmr"] + 0, v["suggestions.implemented"] + 0,
		    v["suggestions.rejected"] + 0, v["suggestions.pending"] + 0,
		    v["suggestions.notified"] + 0 }' "$o/$p/chi-so-$p.csv")
		pdftotext "$o/$p/bao-cao-$p-du-thao-1.pdf" - >"$tmp/rep"
		# each change is the difference of the figures printed
		# beside it (the year's are sentences: no 2023 in the sample)
		pdftotext -layout "$o/$p/bao-cao-$p-du-thao-1.pdf" - >"$tmp/lay"
		n=$(/usr/bin/python3 "$TOP/tests/readback/compare_deltas.py" "$tmp/lay") ||
		    { echo "sample-reports.sh: $p ($cfg): $n"; fail=1; }
		[ "${n:-0}" -gt 3 ] 2>/dev/null || [ "$p:$n" = 2024:0 ] ||
		    { echo "sample-reports.sh: $p ($cfg): '$n' changes in the comparisons"; fail=1; }
		# a range names the months whose sheets it took, and under
		# the cut-off rule the days they cover
		case $cfg:$p in
		c0:2024-03-10..*) w="trong kỳ: 04/2024. " ;;
		c0:2024-04-15..*) w="trong kỳ: 05/2024. " ;;
		c15:2024-03-10..*) w="trong kỳ: 04/2024, 05/2024 (từ ngày 15/03/2024 đến ngày 14/05/2024). " ;;
		c15:2024-04-15..*) w="trong kỳ: 05/2024, 06/2024 (từ ngày 15/04/2024 đến ngày 14/06/2024). " ;;
		*) w= ;;
		esac
		[ -z "$w" ] || tr '\n' ' ' <"$tmp/rep" | grep -qF "$w" ||
		    { echo "sample-reports.sh: $p ($cfg): no '$w' in the report"; fail=1; }
		# and its comparisons of sheet figures name the months each
		# period took (April against January and February: "-193
		# tasks" read as a fall), under each of the four tables of
		# them (not under the registers' actions and complaints)
		case $cfg:$p in
		c0:2024-03-10..*) w="kỳ này tháng 04/2024; kỳ trước tháng 01/2024, 02/2024." ;;
		c0:2024-04-15..*) w="kỳ này tháng 05/2024; kỳ trước tháng 03/2024." ;;
		c15:2024-03-10..*) w="kỳ này tháng 04/2024, 05/2024 (từ ngày 15/03/2024 đến ngày 14/05/2024); kỳ trước tháng 02/2024 (từ ngày 15/01/2024 đến ngày 14/02/2024)." ;;
		c15:2024-04-15..*) w="kỳ này tháng 05/2024, 06/2024 (từ ngày 15/04/2024 đến ngày 14/06/2024); kỳ trước tháng 03/2024, 04/2024 (từ ngày 15/02/2024 đến ngày 14/04/2024)." ;;
		*) w= ;;
		esac
		n=$(tr '\n' ' ' <"$tmp/rep" | grep -oF "$w" | wc -l)
		[ -z "$w" ] || [ "$n" = 4 ] ||
		    { echo "sample-reports.sh: $p ($cfg): '$w' is under $n comparisons, want 4"; fail=1; }
		[ -n "$w" ] || ! grep -q "(chỉ gồm các tháng nằm trọn trong kỳ)" "$tmp/rep" ||
		    { echo "sample-reports.sh: $p ($cfg): a label period's comparison names its months"; fail=1; }
		# under the cut-off rule a label period's title ("quý II năm
		# 2024") does not say its days: the report and the summary say
		# them under the subject, as the workbook does; a range's title
		# has its days, and calendar months need none
		case $cfg:$p in
		c15:2024-Q2) w="(Số liệu từ ngày 15/03/2024 đến ngày 14/06/2024)" ;;
		c15:2024) w="(Số liệu từ ngày 15/12/2023 đến ngày 14/12/2024)" ;;
		*) w= ;;
		esac
		for f in "$tmp/rep" "$tmp/txt"; do
			if [ -n "$w" ]; then
				grep -qF "$w" "$f" ||
				    { echo "sample-reports.sh: $p ($cfg): no '$w' under the subject of ${f##*/}"; fail=1; }
			elif grep -q "^ *(Số liệu từ ngày" "$f"; then
				echo "sample-reports.sh: $p ($cfg): a line of the window's days in ${f##*/}, which has none"
				fail=1
			fi
		done
		# a unit merged within the year (TTPTQD to 06/2024 into
		# BQLDA from 07/2024) has the months it was active in its
		# row's note; within a period it spans whole, no note
		n=$(grep -c "^Hoạt động \(đến tháng 06\|từ tháng 07\)/2024$" "$tmp/rep")
		[ "$n" = "$([ "$p" = 2024 ] && echo 2 || echo 0)" ] ||
		    { echo "sample-reports.sh: $p ($cfg): the active months of the merged units are noted $n times"; fail=1; }
		# and the workbook's status column says the same (the part in
		# brackets on a line of its own when the column wraps it)
		n=$(/usr/bin/python3 -c 'import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Tổng hợp"]
print(sum(1 for r in ws.iter_rows(values_only=True) for v in r
    if isinstance(v, str) and v.replace("\n", " ") in
    ("Đã nộp đủ (hoạt động đến tháng 06/2024)",
    "Đã nộp đủ (hoạt động từ tháng 07/2024)")))' "$o/$p/bao-cao-$p.xlsx")
		[ "$n" = "$([ "$p" = 2024 ] && echo 2 || echo 0)" ] ||
		    { echo "sample-reports.sh: $p ($cfg): the workbook notes the active months of the merged units $n times"; fail=1; }
		grep -q "^Cùng kỳ năm trước" "$tmp/rep" &&
		    { echo "sample-reports.sh: $p ($cfg): a column of the year before, which has no data"; fail=1; }
		if [ "$p" = 2024 ]; then
			grep -q "^Chưa có số liệu cùng kỳ năm trước để so sánh" "$tmp/rep" ||
			    { echo "sample-reports.sh: $p ($cfg): no sentence for a comparison without data"; fail=1; }
		else
			grep -q "^So sánh với kỳ trước$" "$tmp/rep" ||
			    { echo "sample-reports.sh: $p ($cfg): no comparison with the previous period"; fail=1; }
		fi
		if [ "$got" != "$want" ]; then
			echo "sample-reports.sh: $p ($cfg): the summary says '$got'," \
			    "the indicators '$want' (received to_qmr implemented" \
			    "rejected pending notified)"
			fail=1
		fi
	done
done
# a range without a whole calendar month has no BM.07.01 figures: its
# report compares none of them (a table of "-"), only the registers'
p=2024-10-10..2024-11-20
"$BIN/baocao" --config "$tmp/c0" --input input --output "$tmp/out-nomonth" \
    report --period $p >/dev/null 2>"$tmp/err" ||
    { echo "sample-reports.sh: report $p failed"; cat "$tmp/err"; fail=1; }
pdftotext -layout "$tmp/out-nomonth/$p/bao-cao-$p-du-thao-1.pdf" - >"$tmp/lay"
grep -q "^Nhiệm vụ theo kế hoạch " "$tmp/lay" &&
    { echo "sample-reports.sh: $p: a comparison of its absent BM.07.01 figures"; fail=1; }
# nor a count of the units that had to send one ("phải nộp báo cáo: 0")
grep -q "phải nộp báo cáo" "$tmp/lay" &&
    { echo "sample-reports.sh: $p: a count of the units due to send a sheet, which none was"; fail=1; }
n=$(/usr/bin/python3 "$TOP/tests/readback/compare_deltas.py" "$tmp/lay") ||
    { echo "sample-reports.sh: $p: $n"; fail=1; }
[ "${n:-0}" -gt 3 ] 2>/dev/null ||
    { echo "sample-reports.sh: $p: '$n' changes in the registers' comparisons"; fail=1; }
# a month's BM.07.01 under the cut-off rule says the days of the month
# (15/04 to 14/05), under calendar months it does not
for cfg in c0 c15; do
	o=$tmp/out-bm-$cfg
	"$BIN/baocao" --config "$tmp/$cfg" --input input --output "$o" \
	    report --period 2024-05 >/dev/null 2>"$tmp/err" ||
	    { echo "sample-reports.sh: report 2024-05 ($cfg) failed"; cat "$tmp/err"; fail=1; continue; }
	got=$(pdftotext -l 1 "$o/2024-05/BM.07.01-PNV-2024-05-du-thao-1.pdf" - |
	    grep -c "^(Số liệu từ ngày 15/04/2024 đến ngày 14/05/2024)$")
	[ "$got" = "$([ $cfg = c15 ] && echo 1 || echo 0)" ] ||
	    { echo "sample-reports.sh: BM.07.01 of 2024-05 ($cfg): the line of the month's days is there $got times"; fail=1; }
done
said="Báo cáo được ban hành khi chưa đủ báo cáo"
n=0
for run in "2024-Q3 --final --allow-missing:bao-cao-2024-Q3.pdf:1" \
    "2024-Q3:bao-cao-2024-Q3-du-thao-1.pdf:0" "2024-12 --final:bao-cao-2024-12.pdf:0"; do
	args=${run%%:*}; rest=${run#*:}; pdf=${rest%%:*}; want=${rest#*:}
	n=$((n + 1)); o=$tmp/out-final-$n
	# shellcheck disable=SC2086
	"$BIN/baocao" --config "$tmp/c0" --input input --output "$o" report \
	    --period $args >/dev/null 2>"$tmp/err" ||
	    { echo "sample-reports.sh: report $args failed"; cat "$tmp/err"; fail=1; continue; }
	got=$(pdftotext "$o/${args%% *}/$pdf" - | tr '\n' ' ' | grep -c "$said")
	[ "$got" = "$want" ] ||
	    { echo "sample-reports.sh: $pdf: the statement of --allow-missing is there $got times, want $want"; fail=1; }
	# the comparisons of a period with a sheet missing (final or
	# draft) say that its sums lack it, under each table of sheet
	# figures (2024-08's fall of 469 incoming documents was Phòng
	# Dân tộc's missing sheet)
	got=$(pdftotext "$o/${args%% *}/$pdf" - | tr '\n' ' ' |
	    grep -o "chưa gồm biểu chưa nộp của: Phòng Dân tộc;" | wc -l)
	[ "$got" = "$(case $args in 2024-Q3*) echo 4 ;; *) echo 0 ;; esac)" ] ||
	    { echo "sample-reports.sh: $pdf: the comparisons note the sheets not sent $got times"; fail=1; }
	got=$(cat "$o/${args%% *}"/kiem-tra-"${args%% *}"*.txt | grep -c "theo lệnh --allow-missing")
	[ "$got" = "$want" ] ||
	    { echo "sample-reports.sh: ${args%% *}: the validation report states --allow-missing $got times, want $want"; fail=1; }
done
exit $fail
