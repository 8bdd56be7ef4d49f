#!/usr/bin/python3
"""compare_deltas.py TEXT: every row of a report's comparison tables, as
pdftotext -layout prints it ("Tỷ lệ hài lòng   94,11%   94,15%   -0,04 điểm %",
or with the year before's two columns after), has a change that is the
difference of the figures printed beside it: what a reader who checks it
with a pencil finds. Prints how many changes it checked; exit 1 on the
first that is not."""
import re
import sys
from decimal import Decimal

NUM = r"-?\d{1,3}(?:\.\d{3})*(?:,\d+)?%?"
DELTA = r"(?:[+-]?\d{1,3}(?:\.\d{3})*(?:,\d+)?(?: điểm %)?|-)"
ROW = re.compile(r"^(\S.*?\S)\s{2,}(%s)\s{2,}(%s|-)\s{2,}(%s)"
                 r"(?:\s{2,}(%s|-)\s{2,}(%s))?\s*$" % (NUM, NUM, DELTA, NUM, DELTA))


def value(s):
    s = s.rstrip("%").replace(".", "").replace(",", ".")
    return Decimal(s)


def check(now, then, delta, where):
    if then == "-" or delta == "-":
        return 0
    pct = now.endswith("%")
    want = value(now) - value(then)
    got = delta.replace(" điểm %", "")
    if pct != delta.endswith(" điểm %") or value(got.lstrip("+")) != want:
        sys.exit("compare_deltas.py: %s: %s - %s is %s, printed %s"
                 % (where, now, then, want, delta))
    if want > 0 and not got.startswith("+"):
        sys.exit("compare_deltas.py: %s: a rise without '+': %s" % (where, delta))
    return 1


n = 0
inside = False  # in a comparison table: from its "So sánh" heading on
with open(sys.argv[1], encoding="utf-8") as f:
    for i, line in enumerate(f, 1):
        line = line.rstrip("\n")
        if line.startswith("So sánh"):
            inside = True
        m = ROW.match(line) if inside else None
        if not m:
            if not line.strip():
                inside = False  # the table, or the sentence, has ended
            continue
        where = "%s:%d" % (sys.argv[1], i)
        n += check(m.group(2), m.group(3), m.group(4), where)
        if m.group(5):
            n += check(m.group(2), m.group(5), m.group(6), where)
print(n)
