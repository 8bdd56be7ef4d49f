#!/usr/bin/python3
"""pdf_figures.py: every figure of one period's PDFs against its indicators.

    pdf_figures.py --dir OUT/P --period P --indicators chi-so-P.csv
                   --analysis ANALYSIS --config DIR --templates DIR
                   [--input DIR]

Reads each document baocao report wrote in --dir (the BM.07.01 forms, the
periodic report, the improvement summary) with `pdftotext -bbox-layout`
(every word with its box), finds each table by its header row, as the
templates (templates/pdf/*.ini) define it, and compares every cell with the
indicator the template puts there (the comparisons with the analysis'
compare records; the improvement summary's own counts with suggestions.*;
the report's sentence of submissions with submission.*, its low-sample
note with the lowsample records and satisfaction.responses, the sentence
under each p-chart with the pchart records; with --input, the summary's
assigned count, days to the QMR and list of open suggestions with the
suggestions registers, pdf_suggestions.py), formatted by the
rules of docs/PDF.md ("Figures"), here in decimal arithmetic rather than
src/lib/vnfmt.c's doubles. A column mapped to another indicator, a row
showing another unit's figures, a total that is not the `*` value, a
missing unit shown as 0, a change with the wrong sign or a percentage
rounded otherwise is reported, as "FILE: table: row: column: printed 'X',
want 'Y'". Exit 1 on any; the count of figures read on standard output.

How a table is read back: words are grouped into runs (the words of one
line of one cell: gaps no wider than a few spaces); a header cell is a
stack of runs, each centred on one x, whose words are the header's
(wrapped anywhere); the figures are centred in their cells as the headers
are, so a run belongs to the column whose header shares its centre; rows
are found by their labels (the unit's name, the objective's, the
comparison's indicator) read down the left column, and a figure belongs to
the row whose label is centred on its line.
"""

import argparse
import csv
import glob
import html
import math
import os
import re
import subprocess
import sys
import unicodedata
from decimal import Decimal, ROUND_HALF_UP

import pdf_suggestions as sug

# ---------------------------------------------------------------- numbers

def group(digits):
    """'1234567' -> '1.234.567'."""
    out = ''
    for i, d in enumerate(digits):
        if i > 0 and (len(digits) - i) % 3 == 0:
            out += '.'
        out += d
    return out


def vn_num(v, dec):
    """v rounded half away from zero on its 15 significant digits (what a
    spreadsheet shows) to at most dec places, trailing zeros dropped."""
    if math.isnan(v) or math.isinf(v) or abs(v) >= 1e18:
        return '-'
    q = Decimal('%.14e' % abs(v)).quantize(Decimal(1).scaleb(-dec),
                                           rounding=ROUND_HALF_UP)
    ip, _, fp = format(q, 'f').partition('.')
    fp = fp.rstrip('0')
    neg = v < 0 and (ip.lstrip('0') != '' or fp != '')
    return ('-' if neg else '') + group(str(int(ip))) + (',' + fp if fp else '')


def vn_fixed(v, dec):
    s = vn_num(v, dec)
    if s == '-' or dec == 0:
        return s
    have = len(s.partition(',')[2])
    return s + ('' if ',' in s else ',') + '0' * (dec - have)


def rate_places(r):
    """2, or up to 4 when fewer would print 0% or 100% for what is neither."""
    if r in (0, 1):
        return 2
    for dec in (2, 3):
        s = vn_num(abs(r) * 100.0, dec)
        if s not in ('0', '100'):
            return dec
    return 4


def vn_rate(r, dec=0):
    s = vn_num(r * 100.0, max(dec, rate_places(r))) + '%'
    if s == '0%' and 0 < r < 1:
        return '0,0001%'
    if s == '100%' and 0 < r < 1:
        return '99,9999%'
    return s


# How a figure prints, by the end of its indicator's name (docs/PDF.md
# "Figures"): (suffix, printer, least places).
FIGURES = [
    ('rate', vn_rate, 0), ('share', vn_rate, 0),
    ('rate_low', vn_rate, 0), ('rate_high', vn_rate, 0),
    ('.mean', vn_fixed, 2), ('hours', vn_num, 2),
]


def count_fmt(v, dec):
    if v == math.floor(v):
        return group(str(int(abs(v)))) if v >= 0 else '-' + group(str(int(-v)))
    return vn_num(v, dec)


def figure_kind(name):
    for suffix, fn, dec in FIGURES:
        if name.endswith(suffix):
            return fn, dec
    return count_fmt, 2


def printed_value(s):
    """'1.234,5' -> (Decimal, places, is_pct); None when s is no figure."""
    m = re.fullmatch(r'(-?)(\d{1,3}(?:\.\d{3})*|\d+)(?:,(\d+))?(%?)', s)
    if m is None:
        return None
    num = Decimal(m.group(1) + m.group(2).replace('.', '') + '.' +
                  (m.group(3) or '0'))
    return num, len(m.group(3) or ''), m.group(4) == '%'


def vn_delta(now, then):
    """The change between two printed figures, as printed: '+31',
    '-0,28 điểm %', '0'; '-' when either is no figure."""
    a, b = printed_value(now), printed_value(then)
    if a is None or b is None or a[2] != b[2]:
        return '-'
    places = max(a[1], b[1])
    d = vn_num(float(a[0] - b[0]), places)
    sign = '+' if d != '0' and not d.startswith('-') else ''
    return sign + d + (' điểm %' if a[2] else '')


# ---------------------------------------------------------------- inputs

def read_ini(path):
    """{section: {key: value}} in file order; quotes kept values whole."""
    secs, cur = {}, None
    if not os.path.exists(path):
        return secs
    with open(path, encoding='utf-8-sig') as f:
        text = re.sub(r'\\\r?\n', '', f.read())
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in ';#':
            continue
        if line.startswith('['):
            cur = line[1:line.index(']')].strip()
            secs.setdefault(cur, {})
            continue
        key, _, val = line.partition('=')
        val = val.strip()
        if val.startswith('"') and '"' in val[1:]:
            val = val[1:val.index('"', 1)]
        else:
            val = re.split(r'\s[;#]', val)[0].strip()
        secs.setdefault(cur, {})[key.strip()] = val.replace('\\n', '\n')
    return secs


def nfc(s):
    return unicodedata.normalize('NFC', s)


def tokens(s):
    return nfc(s).split()


class Data:
    """The indicators, the analysis, the config and the templates of P."""

    def __init__(self, a):
        self.period = a.period
        self.ind = {}
        with open(a.indicators, encoding='utf-8') as f:
            for r in csv.DictReader(f):
                if r['period'] == a.period:
                    self.ind[(r['unit'], r['indicator'])] = float(r['value'])
        self.status, self.compare, self.low = {}, {}, {}
        self.pchart = {}	# indicator: [(month, p, lcl, ucl, out)]
        self.prev = self.yoy = None
        self.pareto = []	# (table, category, count, share, cumulative)
        with open(a.analysis, encoding='utf-8') as f:
            for line in f:
                c = line.rstrip('\n').split('\t')
                if len(c) < 2 or c[1] != a.period:
                    continue
                if c[0] == 'period':
                    self.prev, self.yoy = c[7] or None, c[8] or None
                elif c[0] == 'unit':
                    self.status[c[2]] = c[3]
                elif c[0] == 'compare':
                    self.compare[(c[2], c[3])] = [num(c[4]), num(c[6]),
                                                  num(c[8])]
                elif c[0] == 'pareto':
                    self.pareto.append((c[2], c[3], num(c[4]), num(c[5]),
                                        num(c[6])))
                elif c[0] == 'lowsample':
                    self.low[c[2]] = int(c[3])
                elif c[0] == 'pchart':
                    self.pchart.setdefault(c[2], []).append(
                        (c[3], num(c[6]), num(c[8]), num(c[9]), c[10]))
        # INI readers fold section names: units' codes are upper case
        units = {u.upper(): v for u, v in
                 read_ini(os.path.join(a.config, 'units.ini')).items()}
        self.order = list(units)
        self.names = {u: ' '.join(tokens(units[u].get('name', u)))
                      for u in units}
        self.objectives = []
        obj = read_ini(os.path.join(a.config, 'objectives.ini'))
        for name, o in obj.items():
            if 'indicator' not in o:
                continue	# a unit's override [name.UNIT]
            over = {s.split('.', 1)[1].upper(): target(v['target'])
                    for s, v in obj.items()
                    if s.startswith(name + '.') and 'target' in v}
            self.objectives.append(dict(
                name=name, label=o.get('label', name), ind=o['indicator'],
                op=o.get('op', '>='), target=target(o['target']),
                over=over, units=[u.strip() for u in o['units'].split(',')]))
        self.common = read_ini(os.path.join(a.templates, 'pdf', 'common.ini'))
        self.tmpl = {k: read_ini(os.path.join(a.templates, 'pdf', k + '.ini'))
                     for k in ('bm', 'report', 'improvement')}

    def v(self, unit, name):
        return self.ind.get((unit, name), math.nan)

    def T(self, kind, sec, key, default):
        """A template's word: the document's template, then common.ini."""
        for t in (self.tmpl[kind], self.common):
            if key in t.get(sec, {}):
                return t[sec][key]
        return default

    # The units of the report, in units.ini's order, others by code.
    def units(self):
        known = [u for u in self.order if u in self.status]
        return known + sorted(u for u in self.status if u not in self.order)

    def name(self, unit):
        return self.names.get(unit, unit)

    def objective(self, name):
        return next((o for o in self.objectives if o['name'] == name), None)

    def fig(self, unit, name, v):
        """Figure v of indicator name as unit's documents print it."""
        if math.isnan(v):
            return self.T('report', 'labels', 'absent', '-')
        m = re.fullmatch(r'objective\.(.+)\.(value|target)', name)
        if m:
            o = self.objective(m.group(1))
            if o is None:
                return vn_num(v, 3)
            return self.fig(unit if m.group(2) == 'value' else None,
                            o['ind'], v)
        fn, dec = figure_kind(name)
        # more places where the unit missed an objective on this indicator
        # while its figure would print as the target does (2,002% / 2%)
        for o in self.objectives:
            if unit is None or o['ind'] != name:
                continue
            t = self.v(unit, 'objective.%s.target' % o['name'])
            met = self.v(unit, 'objective.%s.met' % o['name'])
            if math.isnan(t) or math.isnan(met) or met != 0 or v == t:
                continue
            want = fn(t, figure_kind(name)[1])
            while dec < 6 and fn(v, dec) == want:
                dec += 1
        return fn(v, dec)


def num(s):
    return float(s) if s != '' else math.nan


def target(s):
    s = s.strip()
    return float(s[:-1]) / 100 if s.endswith('%') else float(s)


ROMAN = ['I', 'II', 'III', 'IV']
# The Vietnamese title of a period label, as the comparisons' headers
# print the earlier periods: (label pattern, title from its groups).
TITLES = [
    (r'(\d{4})-(\d\d)', lambda g: 'tháng %d năm %s' % (int(g[1]), g[0])),
    (r'(\d{4})-Q([1-4])', lambda g: 'quý %s năm %s' % (ROMAN[int(g[1]) - 1],
                                                      g[0])),
    (r'(\d{4})-H1', lambda g: '6 tháng đầu năm ' + g[0]),
    (r'(\d{4})-H2', lambda g: '6 tháng cuối năm ' + g[0]),
    (r'(\d{4})-9M', lambda g: '9 tháng đầu năm ' + g[0]),
    (r'(\d{4})', lambda g: 'năm ' + g[0]),
    (r'(\d{4})-(\d\d)-(\d\d)\.\.(\d{4})-(\d\d)-(\d\d)',
     lambda g: 'từ ngày %s/%s/%s đến ngày %s/%s/%s' % (g[2], g[1], g[0],
                                                       g[5], g[4], g[3])),
]


def period_title(label):
    for pattern, title in TITLES:
        m = re.fullmatch(pattern, label)
        if m:
            return title(m.groups())
    return label


# ---------------------------------------------------------------- reading

class Run:
    """The words of one line of one cell: text, box, page."""

    def __init__(self, page, words):
        self.page = page
        self.words = [w[4] for w in words]
        self.wx = [(w[0], w[2]) for w in words]
        self.x0, self.x1 = words[0][0], words[-1][2]
        self.y0 = min(w[1] for w in words)
        self.y1 = max(w[3] for w in words)
        self.h = self.y1 - self.y0
        self.xc, self.yc = (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                  r'yMax="([\d.]+)">([^<]*)</word>')


def read_runs(pdf):
    """Every run of pdf, page by page, top to bottom: words on one line
    with gaps under 0.3 of their height (a space is 0.23, two cells
    are 2 × 0.8 mm of padding apart at least)."""
    out = subprocess.run(['pdftotext', '-bbox-layout', pdf, '-'],
                         capture_output=True, check=True).stdout.decode()
    pages = []
    for page in out.split('<page ')[1:]:
        words = sorted(((float(a), float(b), float(c), float(d),
                         nfc(html.unescape(t)))
                        for a, b, c, d, t in WORD.findall(page)),
                       key=lambda w: ((w[1] + w[3]) / 2, w[0]))
        lines = []
        for w in words:
            yc = (w[1] + w[3]) / 2
            if lines and abs(lines[-1][0] - yc) < 2:
                lines[-1][1].append(w)
            else:
                lines.append([yc, [w]])
        runs = []
        for _, ws in lines:
            ws.sort(key=lambda w: w[0])
            cur = [ws[0]]
            for w in ws[1:]:
                if w[0] - cur[-1][2] > 0.3 * (w[3] - w[1]):
                    runs.append(Run(len(pages), cur))
                    cur = []
                cur.append(w)
            runs.append(Run(len(pages), cur))
        pages.append(runs)
    return pages


class Cell:
    """A header cell found: its centre and box."""

    def __init__(self, runs):
        self.runs = runs
        self.xc = sum(r.xc for r in runs) / len(runs)
        self.x0 = min(r.x0 for r in runs)
        self.x1 = max(r.x1 for r in runs)
        self.y0, self.y1 = runs[0].y0, runs[-1].y1
        self.yc = (self.y0 + self.y1) / 2


def stacks(runs, label):
    """Every header cell of runs that reads label: runs one under the
    other, centred on one x, whose words are label's in order."""
    want = tokens(label)
    found = []

    def grow(stack, k):
        if k == len(want):
            found.append(Cell(stack))
            return
        last = stack[-1]
        for r in runs:
            if (0.6 * last.h < r.yc - last.yc < 1.9 * last.h and
                    abs(r.xc - last.xc) < 2 and
                    r.words == want[k:k + len(r.words)]):
                grow(stack + [r], k + len(r.words))

    for r in runs:
        if r.words == want[:len(r.words)]:
            grow([r], len(r.words))
    return found


def headers(page, labels):
    """Every header row of a page with these column labels: a list of
    Cells per occurrence, and whether they stand in the labels' order.
    Out of order (the template's columns drawn in another order, or a
    heading over another column), each label takes the cell nearest the
    first label's line, of equals the leftmost."""
    cands = [stacks(page, lab) for lab in labels]
    rows = []
    for first in cands[0]:
        row = [first]
        for cs in cands[1:]:
            ok = [c for c in cs if c.xc > row[-1].xc + 2 and
                  abs(c.yc - first.yc) < 25]
            if not ok:
                break
            row.append(min(ok, key=lambda c: c.xc))
        if len(row) == len(labels):
            rows.append((row, True))
            continue
        row = [first]
        for cs in cands[1:]:
            ok = [c for c in cs if abs(c.yc - first.yc) < 25 and
                  all(c is not r for r in row)]
            if not ok:
                break
            row.append(min(ok, key=lambda c: (round(abs(c.yc - first.yc)
                                                    / 10), c.xc)))
        if len(row) == len(labels):
            rows.append((row, False))
    return rows


class Table:
    """A table to find: its name (for messages), its header labels, the
    column of the rows' labels (None: one row, a BM.07.01 band), its rows
    [(label, [cell or None to skip])] in order, and whether it must be
    there (True), must not (False) or may (None)."""

    def __init__(self, name, heads, key, rows, shown):
        self.name, self.heads, self.key = name, heads, key
        self.rows, self.shown = rows, shown


def aligned(r, head, i):
    """Whether run r is a line of column i: centred under its header, and
    between the centres of the columns beside it (a note under the table,
    as wide as the page, may be centred on a column too)."""
    xs = [c.xc for c in head]
    return (abs(r.xc - xs[i]) < 1.5 and
            all(r.x0 > x for x in xs if x < xs[i]) and
            all(r.x1 < x for x in xs if x > xs[i]))


def cell_stack(runs, yc):
    """The lines of one cell among runs of its column near its row: the
    run nearest the row's centre and those touching it above and below
    (a note under the table is a line further down)."""
    runs = sorted(runs, key=lambda r: r.yc)
    a = b = min(range(len(runs)), key=lambda k: abs(runs[k].yc - yc))
    while a > 0 and runs[a].y0 - runs[a - 1].y1 < 0.3 * runs[a].h:
        a -= 1
    while b + 1 < len(runs) and runs[b + 1].y0 - runs[b].y1 < 0.3 * runs[b].h:
        b += 1
    return runs[a:b + 1]


def match_label(words, p, labels):
    """The longest of labels that the words from p spell, and how many
    words it takes: compared without spaces, since a word too long for
    its cell is broken inside (docs/PDF.md); (0, None) when none does."""
    best = (0, None)
    for lab in labels:
        want, got, n = ''.join(tokens(lab)), '', 0
        while p + n < len(words) and want.startswith(got + words[p + n][0]):
            got += words[p + n][0]
            n += 1
            if got == want and len(want) > len(''.join(tokens(best[1] or
                                                                 ''))):
                best = (n, lab)
                break
    return best


def read_rows(page, head, key, labels):
    """The rows under one header: [(label, {column: text})]."""
    yb = max(c.y1 for c in head)
    below = [r for r in page if r.y0 > yb - 0.5]
    centred = [i for i in range(len(head)) if i != key]
    rows = []
    if key is None:
        # one row: the first line of figures under the header
        figs = [(r, i) for r in below for i in centred
                if aligned(r, head, i)]
        if not figs:
            return []
        top = min(r.yc for r, _ in figs)
        row = {}
        for r, i in sorted(figs, key=lambda f: (f[0].yc, f[0].x0)):
            if r.yc < top + 0.6 * r.h:
                row[i] = (row[i] + ' ' if i in row else '') + ' '.join(r.words)
        return [(None, row)]
    lo = head[key - 1].x1 if key > 0 else 0
    hi = head[key + 1].x0 + 0.5
    left = sorted((r for r in below if r.x0 >= lo - 0.5 and r.x1 <= hi),
                  key=lambda r: (r.yc, r.x0))
    words = [(w, r) for r in left for w in r.words]
    p = 0
    while p < len(words):
        n, lab = match_label(words, p, labels)
        if lab is None:
            break
        rs = [r for _, r in words[p:p + n]]
        p += n
        rows.append([lab, {}, min(r.y0 for r in rs), max(r.y1 for r in rs)])
    if not rows:
        return []
    h = left[0].h
    lines = {}	# (row index, column): runs
    for r in below:
        if r in left or r.yc > rows[-1][3] + 1.5 * h:
            continue
        k = min(range(len(rows)),
                key=lambda k: abs((rows[k][2] + rows[k][3]) / 2 - r.yc))
        lab, cells, y0, y1 = rows[k]
        if not y0 - 1.5 * h < r.yc < y1 + 1.5 * h:
            continue
        col = [i for i in centred if aligned(r, head, i)]
        if col:
            lines.setdefault((k, col[0]), []).append(r)
        elif y0 - 0.2 * h < r.yc < y1 + 0.2 * h:
            cells.setdefault('?', []).append(' '.join(r.words))
    for (k, i), runs in lines.items():
        stack = cell_stack(runs, (rows[k][2] + rows[k][3]) / 2)
        rows[k][1][i] = ' '.join(w for r in stack for w in r.words)
        for r in runs:
            if r not in stack and rows[k][2] < r.yc < rows[k][3]:
                rows[k][1].setdefault('?', []).append(' '.join(r.words))
    return [(lab, cells) for lab, cells, _, _ in rows]


def check_table(doc, pages, t, bad):
    """Finds t in the document and compares its cells; appends to bad;
    returns how many cells it compared."""
    labels = [lab for lab, _ in t.rows]
    got = []
    for page in pages:
        for head, in_order in headers(page, t.heads):
            rows = read_rows(page, head, t.key, labels)
            if rows and not in_order:
                bad.append('%s: %s: columns out of order: %s' % (
                    doc, t.name, [t.heads[i] for i in sorted(
                        range(len(head)), key=lambda i: head[i].xc)]))
            got += rows
    if t.key is None:
        got = got[:1] if got else []
    if t.shown is False and got:
        bad.append('%s: %s: printed, want no table' % (doc, t.name))
        return 0
    if not got:
        if t.shown:
            bad.append('%s: %s: not found' % (doc, t.name))
        return 0
    if t.key is not None and [lab for lab, _ in got] != labels:
        have = [lab for lab, _ in got]
        k = next((k for k, (g, w) in enumerate(zip(have, labels)) if g != w),
                 min(len(have), len(labels)))
        bad.append('%s: %s: %d rows, want %d; row %d is %r, want %r' % (
            doc, t.name, len(have), len(labels), k + 1,
            have[k] if k < len(have) else None,
            labels[k] if k < len(labels) else None))
    want = dict(t.rows) if t.key is not None else {None: t.rows[0][1]}
    n = 0
    for lab, cells in got:
        if lab not in want:
            continue
        if '?' in cells:
            bad.append('%s: %s: %s: text under no column: %s' %
                       (doc, t.name, lab, cells['?']))
        for i, w in enumerate(want[lab]):
            if w is None:
                continue
            g = cells.get(i, '')
            n += 1
            if g != w:
                bad.append("%s: %s: %s: %s: printed '%s', want '%s'" %
                           (doc, t.name, lab or '-', t.heads[i], g, w))
    return n


# ---------------------------------------------------------------- tables

def leaf(head):
    """The column's own cell of 'Group|Column'."""
    return head.split('|')[-1]


def tspec(d, kind, sec):
    t = d.tmpl[kind].get(sec, {})
    cols = [c.strip() for c in t.get('columns', '').split(',') if c.strip()]
    req = [c.strip() for c in t.get('require', '').split(',') if c.strip()]
    return t, cols, req


def has_any(d, unit, cols):
    return any(not math.isnan(d.v(unit, c)) for c in cols)


def meets(d, unit, req):
    return not req or any(d.v(unit, c) > 0 for c in req)


def blocks(d, kind):
    """The blocks of a document in order."""
    if kind == 'bm':
        spec = [d.tmpl['bm']['bm']['blocks']]
    else:
        spec = [d.tmpl['report'].get('section.' + s, {}).get('blocks', '')
                for s in d.tmpl['report'].get('sections', {})]
    return [b.strip() for s in spec for b in s.split(',') if b.strip()]


def bm_tables(d, unit):
    out = []
    for b in blocks(d, 'bm'):
        if not b.startswith('table.'):
            continue
        t, cols, req = tspec(d, 'bm', b)
        mark = ''
        if t.get('lowsample_note', '') and unit in d.low:
            mark = t.get('lowsample_mark', ' (*)')
        mcol = t.get('lowsample_column', 'satisfaction.rate')
        cells = []
        for c in cols:
            s = d.fig(unit, c, d.v(unit, c))
            if c == mcol and not math.isnan(d.v(unit, c)):
                s = ' '.join(tokens(s + mark))
            cells.append(s)
        out.append(Table(b, [leaf(t.get(c, c)) for c in cols], None,
                         [(None, cells)],
                         has_any(d, unit, cols) and meets(d, unit, req)))
    return out


def report_tables(d):
    """The report's tables of units: a row per unit with values (or
    missing) that meets require, then the organization."""
    out = []
    for b in blocks(d, 'report'):
        if not b.startswith('table.'):
            continue
        t, cols, req = tspec(d, 'report', b)
        rows, nonzero = [], False
        for u in d.units() + ['*']:
            missing = d.status.get(u) == 'missing'
            if u != '*' and (not (has_any(d, u, cols) or missing) or
                             not meets(d, u, req)):
                continue
            vals = [d.v(u, c) for c in cols]
            nonzero |= any(not math.isnan(v) and v != 0 for v in vals)
            rows.append((unit_label(d, u),
                         [None] + [d.fig(u, c, v) for c, v in zip(cols, vals)]))
        shown = True
        if t.get('optional') == 'yes' and not has_any(d, '*', cols):
            shown = False
        elif not nonzero and (t.get('none', '') or not meets(d, '*', req)):
            shown = False
        heads = [d.T('report', 'labels', 'unit_column', 'Đơn vị')] + \
            [leaf(t.get(c, c)) for c in cols]
        out.append(Table(b, heads, 0, rows, shown))
    return out


def objective_rows(d, kind, who):
    """The table of objectives: BM.07.01's of the unit, the report's of the
    organization (with MTn)."""
    yes = d.T(kind, 'objectives', 'yes', 'Đạt')
    no = d.T(kind, 'objectives', 'no', 'Không đạt')
    no_data = d.T(kind, 'objectives', 'no_data', 'Chưa có số liệu')
    by_unit = d.T(kind, 'objectives', 'by_unit', 'Theo từng đơn vị')
    absent = d.T(kind, 'labels', 'absent', '-')
    shown = [o for o in d.objectives
             if any(not math.isnan(d.v(u, 'objective.%s.target' % o['name']))
                    for u in ([who] if kind == 'bm' else d.units() + ['*']))]
    rows = []
    for i, o in enumerate(shown):
        key = 'objective.%s.' % o['name']
        t, v = d.v(who, key + 'target'), d.v(who, key + 'value')
        met = d.v(who, key + 'met')
        if math.isnan(t):
            t = o['over'].get(who, o['target'])
        target = '%s %s' % ('≤' if o['op'] == '<=' else '≥',
                            d.fig(None, o['ind'], t))
        if (who == '*' and '*' not in o['units'] and math.isnan(v) and
                any(not math.isnan(d.v(u, key + 'value'))
                    for u in d.units())):
            assess = by_unit
        elif math.isnan(v):
            assess = no_data
        elif math.isnan(d.v(who, key + 'target')):
            assess = absent
        else:
            assess = yes if met != 0 else no
        cells = [None, ' '.join(tokens(target)), d.fig(who, o['ind'], v),
                 assess]
        if kind == 'report':
            cells = ['MT%d' % (i + 1)] + cells
        rows.append((' '.join(tokens(o['label'])), cells))
    heads = [d.T(kind, 'objectives', 'objective', 'Mục tiêu chất lượng'),
             d.T(kind, 'objectives', 'target', 'Chỉ tiêu'),
             d.T(kind, 'objectives', 'value_org' if kind == 'report'
                 else 'value', 'Kết quả toàn cơ quan' if kind == 'report'
                 else 'Kết quả'),
             d.T(kind, 'objectives', 'met', 'Đánh giá')]
    key = 0
    if kind == 'report':
        heads = [d.T(kind, 'objectives', 'code', 'Ký hiệu')] + heads
        key = 1
    return Table('objectives', heads, key, rows, bool(rows))


def matrix_tables(d):
    """The report's matrix of units by objective: the unit's result and
    whether it met its target (and that target, when not the
    organization's); at most seven objectives a table, of even size."""
    key = lambda o, what: 'objective.%s.%s' % (o['name'], what)
    shown = [o for o in d.objectives
             if any(not math.isnan(d.v(u, key(o, 'target')))
                    for u in d.units() + ['*'])]
    results = any(not math.isnan(d.v(u, key(o, 'target'))) and
                  not math.isnan(d.v(u, key(o, 'value')))
                  for o in shown for u in d.units() + ['*'])
    if not shown:
        return []
    parts = (len(shown) + 6) // 7
    per = (len(shown) + parts - 1) // parts
    met_text = {1: d.T('report', 'objectives', 'yes', 'Đạt'),
                0: d.T('report', 'objectives', 'no', 'Không đạt')}
    out = []
    for first in range(0, len(shown), per):
        objs = shown[first:first + per]
        rows = []
        for u in d.units() + ['*']:
            cells = [None]
            for o in objs:
                t, v = d.v(u, key(o, 'target')), d.v(u, key(o, 'value'))
                base = d.v('*', key(o, 'target'))
                if math.isnan(t):
                    cells.append('')
                elif math.isnan(v):
                    cells.append(d.T('report', 'labels', 'absent', '-'))
                else:
                    c = '%s %s' % (d.fig(u, o['ind'], v),
                                   met_text[d.v(u, key(o, 'met')) != 0])
                    if not math.isnan(base) and t != base:
                        c += ' (%s %s)' % ('≤' if o['op'] == '<=' else '≥',
                                           d.fig(None, o['ind'], t))
                    cells.append(' '.join(tokens(c)))
            if any(c != '' for c in cells[1:]):
                rows.append((unit_label(d, u), cells))
        heads = [d.T('report', 'labels', 'unit_column', 'Đơn vị')] + \
            ['MT%d' % (first + i + 1) for i in range(len(objs))]
        out.append(Table('objectives matrix MT%d-' % (first + 1), heads, 0,
                         rows, results))
    return out


def unit_label(d, u):
    """A unit's row label in the report: its name, "(chưa nộp)" after a
    missing unit's; the organization's."""
    if u == '*':
        return ' '.join(tokens(d.T('report', 'labels', 'organization',
                                   'Toàn cơ quan')))
    lab = d.name(u)
    if d.status.get(u) == 'missing':
        lab += ' (%s)' % d.T('report', 'labels', 'missing', 'chưa nộp')
    return ' '.join(tokens(lab))


def pareto_tables(d):
    """The Pareto tables: each category's count, share and cumulative
    share, as the analysis' pareto records give them, in their order;
    none when there is nothing to classify."""
    out = []
    for b in blocks(d, 'report'):
        if not b.startswith('pareto.'):
            continue
        table = b.split('.', 1)[1]
        t = d.tmpl['report'].get(b, {})
        rows, total = [], 0
        for tab, cat, count, share, cum in d.pareto:
            if tab != table:
                continue
            total += 0 if math.isnan(count) else count
            rows.append((' '.join(tokens(d.T('report', table + '_labels',
                                             cat, cat))),
                         [None, d.fig(None, 'count', count),
                          d.fig(None, 'share', share),
                          d.fig(None, 'share', cum)]))
        heads = [t.get('category', 'Loại'), t.get('count', 'Số lượng'),
                 t.get('share', 'Tỷ lệ'), t.get('cumulative', 'Tỷ lệ tích lũy')]
        out.append(Table(b, heads, 0, rows, bool(rows) and total > 0))
    return out


def compare_tables(d):
    """Each compare.X: the organization's figure now, before and a year
    before, and the changes, as the analysis' compare records give them."""
    out = []
    once = d.prev is not None and d.prev == d.yoy
    for b in blocks(d, 'report'):
        if not b.startswith('compare.'):
            continue
        t, cols, _ = tspec(d, 'report', b)
        vals = [d.compare.get(('*', c), [math.nan] * 3) for c in cols]
        sp = not once and any(not math.isnan(v[1]) for v in vals)
        sy = any(not math.isnan(v[2]) for v in vals)
        now = any(not math.isnan(v[0]) for v in vals)
        zero = all(math.isnan(x) or x == 0 for v in vals for x in v)
        hp = '%s (%s)' % (d.T('report', 'compare', 'previous', 'Kỳ trước'),
                          period_title(d.prev or ''))
        hy = '%s (%s)' % (d.T('report', 'compare', 'year_before',
                              'Cùng kỳ năm trước'),
                          period_title(d.yoy or ''))
        change = d.T('report', 'compare', 'change', 'Tăng (+), giảm (-)')
        heads = [d.T('report', 'compare', 'indicator',
                     'Chỉ tiêu (toàn cơ quan)'),
                 d.T('report', 'compare', 'current', 'Kỳ này')]
        heads += [hp, change, hy, change] if sp and sy else \
            [hp if sp else hy, change]
        rows = []
        for c, (v, p, y) in zip(cols, vals):
            now_s = d.fig('*', c, v)
            cells = [None, now_s]
            for then, on in ((p, sp), (y, sy)):
                if on:
                    then_s = d.fig(None, c, then)
                    cells += [then_s, '-' if math.isnan(v) or math.isnan(then)
                              else vn_delta(now_s, then_s)]
            rows.append((' '.join(tokens(t.get(c, c))), cells))
        shown = bool(cols) and now and (sp or sy)
        out.append(Table(b, heads, 0, rows, None if zero or not shown
                         else True))
    return out


def improvement_tables(d, reg):
    """The summary's counts (suggestions.* of the organization; those
    that are no indicator from the registers, reg, when read) and its
    table by unit."""
    T = lambda k, dflt: d.T('improvement', 'improvement', k, dflt)
    metrics = [('received', 'suggestions.received'),
               ('to_qmr', 'suggestions.to_qmr'), ('assigned', None),
               ('implemented', 'suggestions.implemented'),
               ('rejected', 'suggestions.rejected'),
               ('pending', 'suggestions.pending'),
               ('notified', 'suggestions.notified'),
               ('notified_rate', 'suggestions.notified_rate'),
               ('days_mean', None), ('days_median', None)]
    own = {}
    if reg is not None:
        own = {'assigned': group(str(reg.assigned)),
               'days_mean': sug.vn_days(reg.days_mean, vn_num),
               'days_median': sug.vn_days(reg.days_median, vn_num)}
    rows = [(' '.join(tokens(T(k, k))),
             [None, d.fig('*', ind, zero(d.v('*', ind)) if
                          not ind.endswith('rate') else d.v('*', ind))
              if ind else own.get(k)]) for k, ind in metrics]
    summary = Table('summary', [T('metric', 'Nội dung'), T('value', 'Kết quả')],
                    0, rows, True)
    cols = ['received', 'to_qmr', 'implemented', 'rejected', 'pending',
            'notified']
    rows = []
    for u in [u for u in d.order if d.v(u, 'suggestions.received') > 0] + \
            ['*']:
        lab = d.T('improvement', 'labels', 'organization', 'Toàn cơ quan') \
            if u == '*' else d.name(u)
        rows.append((' '.join(tokens(lab)), [None] + [
            d.fig(u, 'suggestions.' + c, zero(d.v(u, 'suggestions.' + c)))
            for c in cols]))
    heads = [d.T('improvement', 'labels', 'unit_column', 'Đơn vị')] + \
        [T('col_' + c, c) for c in cols]
    by_unit = Table('by unit', heads, 0, rows,
                    zero(d.v('*', 'suggestions.received')) > 0)
    return [summary, by_unit]


def zero(v):
    """A count the summary prints as 0 where the CSV has no row."""
    return 0.0 if math.isnan(v) else v


# The report's sentence of submissions ("Số đơn vị phải nộp báo cáo: 15;
# đã nộp đủ: 14; chưa nộp: 1 (Phòng Dân tộc).") against the organization's
# submission.* indicators: ([submission] key, its words, the count, whether
# it is said when 0).
SUBMISSION = [
    ('expected', 'Số đơn vị phải nộp báo cáo:',
     lambda v: v('submission.units_expected'), True),
    ('submitted', 'đã nộp đủ:',
     lambda v: v('submission.units_submitted') -
     v('submission.units_incomplete'), True),
    ('incomplete_count', 'nộp chưa đủ các tháng:',
     lambda v: v('submission.units_incomplete'), False),
    ('missing_count', 'chưa nộp:', lambda v: v('submission.units_missing'),
     True),
]


def check_submission(doc, pages, d, bad):
    """The counts of the report's submission sentence; how many read."""
    if not d.v('*', 'submission.units_expected') > 0:
        return 0	# a range without a whole month: no sentence
    words = [w for page in pages for r in page for w in r.words]
    n = 0
    for key, dflt, count, said_zero in SUBMISSION:
        lead = tokens(d.T('report', 'submission', key, dflt))
        want = count(lambda name: zero(d.v('*', name)))
        at = [k + len(lead) for k in range(len(words))
              if words[k:k + len(lead)] == lead]
        got = [words[k].rstrip(';.') for k in at if k < len(words)]
        if not got and want == 0 and not said_zero:
            continue
        n += 1
        if got[:1] != [group(str(int(want)))]:
            bad.append("%s: submission: '%s' %s, want %s" % (
                doc, ' '.join(lead), got[0] if got else 'not found',
                group(str(int(want)))))
    return n


# The report's sentences: the note of rates on few responses and the
# sentence under each p-chart, found in the document's text (its words in
# reading order without the top margin's page numbers and draft marks,
# joined without spaces, since a long word may be broken inside a line)
# after their template's leading words.

TOP_MARGIN = 20 * 72 / 25.4


def squeeze(s):
    return ''.join(s.split())


def text_of(pages):
    return ''.join(w for page in pages for r in page
                   if r.y0 > TOP_MARGIN - 1 for w in r.words)


def said(doc, text, what, lead, want, bad):
    """want (a sentence starting with lead, or None for none) is the
    only sentence starting with lead in text."""
    at = [m.start() for m in re.finditer(re.escape(squeeze(lead)), text)]
    if want is None:
        if at:
            bad.append("%s: %s: printed, want none" % (doc, what))
        return
    w = squeeze(want)
    if len(at) != 1 or text[at[0]:at[0] + len(w)] != w:
        got = [text[k:k + len(w)] for k in at] or 'not found'
        bad.append("%s: %s: printed %s, want '%s'" % (doc, what, got, w))


def check_lowsample(doc, text, d, bad):
    """The note under the satisfaction table: each unit of the analysis'
    lowsample records with its count of responses, in the report's order
    of units, the organization last; those records are the units (and *)
    whose satisfaction.responses in the CSV is from 1 to 29."""
    few = {u: int(v) for (u, name), v in d.ind.items()
           if name == 'satisfaction.responses' and 0 < v < 30}
    if few != d.low:
        bad.append('%s: lowsample records %s, the indicators CSV gives %s'
                   % (doc, sorted(d.low.items()), sorted(few.items())))
    if 'lowsample' not in blocks(d, 'report'):
        return 1
    units = d.units() + sorted(u for u in d.low if u != '*' and
                               u not in d.units())
    named = ['%s (%s)' % (d.name(u), group(str(d.low[u])))
             for u in units if u in d.low]
    if '*' in d.low:
        named.append('%s (%s)' % (unit_label(d, '*'), group(str(d.low['*']))))
    lead = d.T('report', 'lowsample', 'text', 'Lưu ý:')
    said(doc, text, 'low-sample note', lead,
         '%s %s.' % (lead, ', '.join(named)) if named else None, bad)
    return 1 + len(named)


def pchart_sentence(d, ind, recs):
    """The sentence under a p-chart of these records (docs/PDF.md), and
    whether the chart is drawn: none with no month of data (nothing to
    say); one month only, or every month at one 0 % (100 %): a sentence
    instead of the chart; the months outside the limits with their rates,
    or none outside in the N months with data."""
    C = lambda k: d.T('report', 'pchart', k, '')
    data = [r for r in recs if not math.isnan(r[1])]
    rates = {r[1] for r in data}
    out = [r for r in data if r[4] == '1']
    if not data:
        return None, False
    if len(data) == 1:
        return C('few').replace('{months}', '1'), False
    if len(rates) == 1 and rates <= {0.0, 1.0}:
        return C('flat').replace('{months}', str(len(data))).replace(
            '{rate}', vn_rate(data[0][1])), False
    if out:
        return '%s %s.' % (C('outside'), ', '.join(
            '%s/%s (%s)' % (r[0][5:], r[0][:4], out_rate(d, ind, r))
            for r in out)), True
    return C('inside').replace('{months}', str(len(data))), True


def out_rate(d, ind, r):
    """A month's rate in the sentence: the period's own month as its
    figure prints elsewhere (more places beside a missed objective),
    others as rates."""
    if r[0] == d.period:
        return d.fig('*', ind, r[1])
    return vn_rate(r[1])


def sentence_re(template):
    """A template sentence as a pattern of the squeezed text: its
    {placeholders} any figure."""
    parts = re.split(r'\{\w+\}', squeeze(template))
    return re.compile('[0-9.,%]+'.join(map(re.escape, parts)))


def check_pcharts(doc, text, d, bad):
    """Each p-chart's title (its span: the months drawn, from the first
    with data to the last) and the first of the p-chart sentences after
    it (after the previous chart's when none is drawn); that each
    month's out flag is p outside its limits. How many months read."""
    n, pos = 0, 0
    leads = [sentence_re(d.T('report', 'pchart', k, ''))
             for k in ('outside', 'inside', 'flat', 'few')]
    for b in blocks(d, 'report'):
        if not b.startswith('pchart.'):
            continue
        recs = d.pchart.get(b.split('.', 1)[1], [])
        for m, p, lcl, ucl, out in recs:
            if not math.isnan(p) and (out == '1') != (p < lcl or p > ucl):
                bad.append('%s: %s: %s: out %s, p %r in [%r, %r]' %
                           (doc, b, m, out, p, lcl, ucl))
        data = [k for k, r in enumerate(recs) if not math.isnan(r[1])]
        want, drawn = pchart_sentence(d, b.split('.', 1)[1], recs)
        if want is None:
            continue
        if drawn:
            title = squeeze(d.T('report', b, 'title', '').replace(
                '{months}', str(data[-1] - data[0] + 1)))
            at = text.find(title, pos)
            if at < 0:
                bad.append("%s: %s: title '%s' not found" % (doc, b, title))
                continue
            pos = at + len(title)
        found = [m for m in (lead.search(text, pos) for lead in leads) if m]
        at = min((m.start() for m in found), default=pos)
        w = squeeze(want)
        if text[at:at + len(w)] != w:
            bad.append("%s: %s: printed '%s', want '%s'" %
                       (doc, b, text[at:at + len(w)] if found else '', w))
        pos = at + len(w)
        n += len(data)
    return n


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser()
    for o in ('dir', 'period', 'indicators', 'analysis', 'config',
              'templates'):
        ap.add_argument('--' + o, required=True)
    ap.add_argument('--input', help='the input folders: the improvement '
                    'summary\'s figures that are no indicator from the '
                    'suggestions registers')
    ap.add_argument('--verbose', action='store_true')
    a = ap.parse_args()
    d = Data(a)
    reg = None
    if a.input:
        conf = read_ini(os.path.join(a.config, 'baocao.ini'))
        reg = sug.Registers(a.input, a.period,
                            int(conf.get('periods', {}).get('cutoff_day', 0)),
                            conf.get('input', {}).get('encoding', 'utf-8'),
                            nfc)
    bad, docs, cells = [], 0, 0
    for pdf in sorted(glob.glob(os.path.join(a.dir, '*.pdf'))):
        base = os.path.basename(pdf)
        m = re.match(r'BM\.07\.01-(.+)-%s(-du-thao-\d+)?\.pdf$' %
                     re.escape(a.period), base)
        if m:
            tables = bm_tables(d, m.group(1)) + \
                [objective_rows(d, 'bm', m.group(1))]
        elif base.startswith('bao-cao-'):
            tables = report_tables(d) + \
                [objective_rows(d, 'report', '*')] + matrix_tables(d) + \
                pareto_tables(d) + compare_tables(d)
        elif base.startswith('cai-tien-'):
            tables = improvement_tables(d, reg)
        else:
            continue
        docs += 1
        pages = read_runs(pdf)
        if base.startswith('bao-cao-'):
            cells += check_submission(base, pages, d, bad)
            cells += check_lowsample(base, text_of(pages), d, bad)
            cells += check_pcharts(base, text_of(pages), d, bad)
        if base.startswith('cai-tien-') and reg is not None:
            cells += sug.check_counts(base, reg, d.ind, bad)
            cells += sug.check_open(base, pages, d, reg, stacks, bad)
        for t in tables:
            n = check_table(base, pages, t, bad)
            cells += n
            if a.verbose:
                print('%s: %s: %d cells' % (base, t.name, n))
    for b in bad:
        print('pdf_figures.py: ' + b, file=sys.stderr)
    if docs == 0:
        print('pdf_figures.py: %s: no documents' % a.dir, file=sys.stderr)
        return 1
    if cells == 0:
        # documents whose tables were not found: nothing was compared
        print('pdf_figures.py: %s: no figure read back' % a.dir, file=sys.stderr)
        return 1
    print('pdf_figures.py: %s: %d documents, %d figures read back, %d '
              'wrong' % (a.dir, docs, cells, len(bad)))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
