#!/usr/bin/env python3
"""compare.py WANT.csv GOT.csv: the two indicators CSVs hold the same rows
(period, unit, indicator) in the same order, and values equal to 1e-9
(relative to the larger magnitude for big numbers). Prints the differences."""
import csv, sys

def load(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows:
        print("%s: empty" % path); sys.exit(1)
    return rows[0], [(r[0], r[1], r[2], r[3]) for r in rows[1:]]

hw, want = load(sys.argv[1])
hg, got = load(sys.argv[2])
bad = 0
if hg != ["period", "unit", "indicator", "value"]:
    print("bad header", hg); bad += 1
w = {r[:3]: r[3] for r in want}
g = {r[:3]: r[3] for r in got}
for k in sorted(set(w) | set(g)):
    if k not in g: print("missing", *k, w[k]); bad += 1; continue
    if k not in w: print("extra", *k, g[k]); bad += 1; continue
    a, b = float(w[k]), float(g[k])
    if abs(a - b) > 1e-9 * max(1.0, abs(a), abs(b)):
        print("differs", *k, "want", w[k], "got", g[k]); bad += 1
if not bad and [r[:3] for r in got] != sorted((r[:3] for r in got), key=lambda r: tuple(x.encode() for x in r)):
    print("rows not in byte order"); bad += 1
if bad:
    print("%s: %d differences" % (sys.argv[2], bad)); sys.exit(1)
