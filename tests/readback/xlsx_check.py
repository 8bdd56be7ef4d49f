# SPDX-License-Identifier: ISC
"""Read a baocao-xlsx workbook back with openpyxl and check it against the
indicators CSV it was made from (tests/readback/xlsx.sh runs it).

Knows of the template only its draft wording: a column's indicator is
found from the data (the indicators whose values match every unit row of
the column), so any valid template is checked the same way.

usage: xlsx_check.py --xlsx F --indicators CSV --analysis A --period P
                     [--config DIR] [--data NORM] [--lo-dir DIR]
                     [--draft N] [--template INI] [--expect-objectives]
Exit status 0 when every check passes; each failure is printed.

Also without the template: a sheet whose group headers hold the labels of
config/objectives.ini shows, under each, the target, the value (numbers
equal to the CSV's objective.<name>.target/value of every unit and '*',
blank where absent) and the met text (Đạt for 1, Không đạt for 0); a units
sheet showing the Wilson bounds has a text column filled exactly for the
units (and '*') of the analysis stream's lowsample records; a numbered
column row ("(1)", "(3)=(1)+(2)") holds for every unit row and the
organization row; --draft N: every sheet but the data sheet is marked
"Dự thảo lần N" (the [workbook] draft wording of --template) near its top
and in its page header, and the properties say so (N = 0: nowhere). A
sheet need not show the unit codes: a row's unit is found by its code,
else by its name in units.ini.
"""
import argparse
import configparser
import csv
import datetime
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

import openpyxl

TOL = 1e-9
INJECT = ('=', '+', '-', '@', '\t', '\r')
failures = []


def fail(msg):
    failures.append(msg)
    print('xlsx_check: ' + msg, file=sys.stderr)


def close(a, b):
    return abs(a - b) <= TOL * max(1.0, abs(b))


def exact(a, b):
    """A number read back from the workbook is the CSV's double itself
    (libxlsxwriter's %.16G text would lose the 17th digit); a CSV count is
    kept as an int (csv_value), and Python compares an int with a float
    exactly, so 9007199254740993 never passes as the double 9007199254740992."""
    return a == b


def csv_value(v):
    """A value of the indicators CSV: an int for a count, exactly."""
    return int(v) if re.fullmatch(r'-?[0-9]+', v) else float(v)


def isnum(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


# ------------------------------------------------------------- formulas

TOKEN = re.compile(r'\s*(?:(?P<num>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)|'
                   r'(?P<str>"(?:[^"]|"")*")|(?P<rng>\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)|'
                   r'(?P<fn>[A-Z][A-Z0-9.]*)\(|(?P<op><>|>=|<=|[-+*/(),=<>&]))')


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def cells_of(ref):
    ref = ref.replace('$', '')
    a, _, b = ref.partition(':')
    b = b or a
    ma, mb = re.match(r'([A-Z]+)(\d+)', a), re.match(r'([A-Z]+)(\d+)', b)
    c1, r1, c2, r2 = col_index(ma.group(1)), int(ma.group(2)), col_index(mb.group(1)), int(mb.group(2))
    return [(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]


class Formula:
    """A small evaluator for the formulas baocao-xlsx writes: + - * / =,
    IF, SUM, SUMIF with a numeric criterion, COUNT, cell ranges."""

    def __init__(self, text, value_of):
        self.toks = []
        pos = 0
        text = text[1:] if text.startswith('=') else text
        while pos < len(text):
            m = TOKEN.match(text, pos)
            if not m or m.end() == pos:
                raise ValueError('cannot read formula at %r' % text[pos:])
            pos = m.end()
            kind = m.lastgroup
            self.toks.append((kind, m.group(kind)))
        self.i = 0
        self.value_of = value_of

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None)

    def take(self, want=None):
        t = self.peek()
        if want is not None and t[1] != want:
            raise ValueError('want %r, got %r' % (want, t))
        self.i += 1
        return t

    def run(self):
        v = self.compare()
        if self.i != len(self.toks):
            raise ValueError('trailing tokens')
        if v is DIV0:
            raise ZeroDivisionError('#DIV/0!')
        return v

    def compare(self):
        a = self.additive()
        while self.peek()[1] in ('=', '<>', '<', '>', '<=', '>='):
            op = self.take()[1]
            b = self.additive()
            a = {'=': a == b, '<>': a != b, '<': a < b, '>': a > b,
                 '<=': a <= b, '>=': a >= b}[op]
        return a

    def additive(self):
        a = self.term()
        while self.peek()[1] in ('+', '-'):
            op = self.take()[1]
            b = self.term()
            a = num(a) + num(b) if op == '+' else num(a) - num(b)
        return a

    def term(self):
        a = self.unary()
        while self.peek()[1] in ('*', '/'):
            op = self.take()[1]
            b = self.unary()
            if a is DIV0 or b is DIV0:
                a = DIV0
            elif op == '*':
                a = num(a) * num(b)
            else:   # Excel's #DIV/0! is a value; IF may discard it
                a = num(a) / num(b) if num(b) != 0 else DIV0
        return a

    def unary(self):
        if self.peek()[1] == '-':
            self.take()
            return -num(self.unary())
        return self.atom()

    def atom(self):
        kind, text = self.take()
        if kind == 'num':
            return float(text)
        if kind == 'str':
            return text[1:-1].replace('""', '"')
        if kind == 'rng':
            cells = cells_of(text)
            if ':' not in text:     # D9:D9 (one unit) is still a range
                return self.value_of(*cells[0])
            return [self.value_of(r, c) for r, c in cells]
        if text == '(':
            v = self.compare()
            self.take(')')
            return v
        if kind == 'fn':
            args = []
            if self.peek()[1] != ')':
                args.append(self.compare())
                while self.peek()[1] == ',':
                    self.take()
                    args.append(self.compare())
            self.take(')')
            return self.call(text, args)
        raise ValueError('unexpected %r' % text)

    def call(self, fn, args):
        def flat(xs):
            out = []
            for x in xs:
                out.extend(x if isinstance(x, list) else [x])
            return out
        if fn == 'SUM':
            return float(sum(x for x in flat(args) if isnum(x)))
        if fn == 'COUNT':
            return float(sum(1 for x in flat(args) if isnum(x)))
        if fn == 'IF':
            return args[1] if args[0] else args[2]
        if fn == 'SUMIF':
            rng, crit, srng = args
            m = re.match(r'(>=|<=|<>|>|<|=)?(-?\d+(?:\.\d*)?)$', crit)
            if not m:
                raise ValueError('criterion %r' % crit)
            op, k = m.group(1) or '=', float(m.group(2))
            ok = {'>=': lambda x: x >= k, '<=': lambda x: x <= k, '>': lambda x: x > k,
                  '<': lambda x: x < k, '=': lambda x: x == k, '<>': lambda x: x != k}[op]
            return float(sum(s for c, s in zip(rng, srng) if isnum(c) and ok(c) and isnum(s)))
        raise ValueError('function %s' % fn)


DIV0 = object()


def num(v):
    if v is DIV0:
        raise ZeroDivisionError('#DIV/0!')
    if v is None or v == '':
        return 0.0
    if isinstance(v, bool):
        return float(v)
    if isnum(v):
        return float(v)
    raise ValueError('not a number: %r' % (v,))


# ------------------------------------------------------------- inputs

def read_indicators(path, period):
    rows, order = {}, []
    with open(path, newline='', encoding='utf-8-sig') as f:
        r = csv.reader(f)
        head = next(r)
        assert head == ['period', 'unit', 'indicator', 'value'], head
        for p, u, ind, v in r:
            if p != period:
                continue
            rows[(u, ind)] = csv_value(v)
            order.append((p, u, ind, csv_value(v)))
    return rows, order


def read_analysis(path, period):
    units, low = {}, {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.startswith('#'):
                continue
            fl = line.rstrip('\n').split('\t')
            if fl[0] == 'unit' and fl[1] == period:
                units[fl[2]] = fl[3]
            elif fl[0] == 'lowsample' and fl[1] == period:
                low[fl[2]] = fl[3]
            elif fl[0] == 'period' and fl[1] == period:
                PERIOD.update(kind=fl[2], months=fl[6] if len(fl) > 6 else '')
    return units, low


def read_objectives(confdir):
    """{name: label} of config/objectives.ini (sections without a dot)."""
    if not confdir or not os.path.exists(os.path.join(confdir, 'objectives.ini')):
        return {}
    cp = configparser.ConfigParser(inline_comment_prefixes=(';', '#'),
                                   comment_prefixes=(';', '#'), interpolation=None,
                                   strict=False)
    cp.optionxform = str
    with open(os.path.join(confdir, 'objectives.ini'), encoding='utf-8-sig') as f:
        cp.read_file(f)
    out = {}
    for sec in cp.sections():
        if '.' in sec:
            continue
        v = cp[sec].get('label', sec)
        if len(v) >= 2 and v[0] == '"' and v[-1] == '"':
            v = v[1:-1]
        out[sec] = unicodedata.normalize('NFC', v)
    return out


def read_names(confdir):
    if not confdir:
        return {}
    cp = configparser.ConfigParser(inline_comment_prefixes=(';', '#'),
                                   comment_prefixes=(';', '#'), interpolation=None,
                                   strict=False)
    cp.optionxform = str
    with open(os.path.join(confdir, 'units.ini'), encoding='utf-8-sig') as f:
        cp.read_file(f)
    out = {}
    for sec in cp.sections():
        v = cp[sec].get('name')
        if v is not None:
            if len(v) >= 2 and v[0] == '"' and v[-1] == '"':
                v = v[1:-1]
            out[sec.upper()] = unicodedata.normalize('NFC', v)
    return out


def norm_unescape(s):
    return re.sub(r'\\(.)', lambda m: {'t': '\t', 'n': '\n', 'r': '\r', '\\': '\\'}[m.group(1)], s)


def read_data_fields(path):
    fields = set()
    if not path:
        return fields
    with open(path, encoding='utf-8') as f:
        for line in f:
            fl = line.rstrip('\n').split('\t')
            if fl[0] == 'R':
                fields.update(norm_unescape(x) for x in fl[4:])
    return fields


# ------------------------------------------------------------- checks

def check_zip(path):
    with zipfile.ZipFile(path) as z:
        bad = z.testzip()
        if bad:
            fail('%s: corrupt zip member %s' % (path, bad))
        for n in z.namelist():
            if n.endswith('.xml') or n.endswith('.rels'):
                try:
                    ET.fromstring(z.read(n))
                except ET.ParseError as e:
                    fail('%s: %s is not well-formed XML: %s' % (path, n, e))
            # Excel reads "_xHHHH_" in a text as U+HHHH: text that holds
            # it is written "_x005F_xHHHH_"; only a control character
            # (which XML cannot hold) is left an escape
            if n == 'xl/sharedStrings.xml' or n.startswith('xl/worksheets/sheet'):
                for m in re.finditer(r'_x([0-9A-Fa-f]{4})_', z.read(n).decode('utf-8')):
                    if m.group(1).upper() != '005F' and int(m.group(1), 16) >= 0x20:
                        fail('%s: %s holds %s unescaped: Excel shows U+%s' %
                             (path, n, m.group(0), m.group(1).upper()))


def check_names(wb):
    seen = set()
    for name in wb.sheetnames:
        if not (1 <= len(name) <= 31) or re.search(r'[\[\]:*?/\\]', name) \
                or name.startswith("'") or name.endswith("'"):
            fail('invalid sheet name %r' % name)
        if name.lower() in seen:
            fail('duplicate sheet name %r' % name)
        seen.add(name.lower())
        if name != unicodedata.normalize('NFC', name):
            fail('sheet name %r is not NFC' % name)


def check_data_sheet(ws, order):
    head = [ws.cell(1, c).value for c in range(1, 5)]
    if head != ['period', 'unit', 'indicator', 'value']:
        fail('%s: header %r' % (ws.title, head))
        return
    got = []
    for r in range(2, ws.max_row + 1):
        row = [ws.cell(r, c).value for c in range(1, 5)]
        if all(v is None for v in row):
            continue
        if not isnum(row[3]):
            fail('%s!D%d: value %r is not a number' % (ws.title, r, row[3]))
            continue
        # text format: a code "0012" stays text when a person edits it
        if any(ws.cell(r, c).number_format != '@' for c in range(1, 4)):
            fail('%s!A%d:C%d: text not in the text format @' % (ws.title, r, r))
        got.append(tuple(row))
    if len(got) != len(order):
        fail('%s: %d rows, indicators CSV has %d' % (ws.title, len(got), len(order)))
    for i, (g, w) in enumerate(zip(got, order)):
        if g[:3] != w[:3] or not exact(g[3], w[3]):
            fail('%s row %d: %r, want %r' % (ws.title, i + 2, g, w))
            break
    if ws.freeze_panes != 'A2':
        fail('%s: header not frozen (%r)' % (ws.title, ws.freeze_panes))
    if not ws.auto_filter.ref:
        fail('%s: no autofilter' % ws.title)


def matches(cell, want):
    if want is None:
        return cell is None or cell == '' or cell == 'Chưa nộp'
    return isnum(cell) and exact(cell, want)


BY_NAME = {}    # unit name -> code, for sheets without a code column


def row_unit(ws, r, units):
    """The unit of row r: the first cell holding a unit code in scope, else
    (a template need not show @code) the first holding a unit's name."""
    for c in range(1, ws.max_column + 1):
        v = ws.cell(r, c).value
        if isinstance(v, str) and v in units:
            return v
    for c in range(1, ws.max_column + 1):
        v = ws.cell(r, c).value
        if isinstance(v, str) and BY_NAME.get(v) in units:
            return BY_NAME[v]
    return None


# The template's wording the checks need (baocao-xlsx's defaults).
WORDS = {'draft': 'Dự thảo lần {draft}', 'yes': 'Đạt', 'no': 'Không đạt',
         'target': 'Chỉ tiêu', 'total_label': 'Toàn cơ quan',
         'submitted': 'Đã nộp đủ', 'missing': 'Chưa nộp',
         'lowsample': 'Chỉ có {responses} phiếu (dưới 30), tỷ lệ chưa đủ tin cậy',
         'range_months': '(Số liệu biểu tháng BM.07.01 lấy từ các tháng nằm trọn '
                         'trong kỳ: {months}, từ ngày {months_from} đến ngày {months_to})',
         'range_no_months': '(Không có tháng nào nằm trọn trong kỳ: chỉ có số liệu '
                            'các sổ theo dõi, tính theo ngày)',
         'footer': '{sheet} - Trang {page}/{pages}', 'font_size': '12',
         'rate': '0.00%',  # [formats] rate, docs/XLSX.md's default
         'chart_data': 'Số liệu của biểu đồ'}
PERIOD = {}     # the analysis stream's period record: kind, months


def read_wording(path):
    """[workbook] draft, [objectives] yes, no, target of the template."""
    if not path:
        return
    cp = configparser.ConfigParser(inline_comment_prefixes=(';', '#'),
                                   comment_prefixes=(';', '#'), interpolation=None,
                                   strict=False)
    with open(path, encoding='utf-8-sig') as f:
        cp.read_file(f)
    for sec, key in (('workbook', 'draft'), ('objectives', 'yes'),
                     ('objectives', 'no'), ('objectives', 'target'),
                     ('workbook', 'total_label'), ('status', 'submitted'),
                     ('status', 'missing'), ('notes', 'lowsample'),
                     ('notes', 'range_months'), ('notes', 'range_no_months'),
                     ('workbook', 'footer'), ('workbook', 'font_size'),
                     ('workbook', 'chart_data'), ('formats', 'rate')):
        if cp.has_option(sec, key):
            w = cp.get(sec, key).strip()
            if len(w) >= 2 and w[0] == w[-1] and w[0] in '"\'':
                w = w[1:-1]
            WORDS[key] = unicodedata.normalize('NFC', w)


def unquote(v):
    v = v.strip()
    return v[1:-1] if len(v) >= 2 and v[0] == v[-1] and v[0] in '"\'' else v


def read_columns(path):
    """{sheet name: [source of each column]} of the template's sheets of
    units whose columns are one cell each (no @objectives, which makes
    three per objective): each indicator column is then checked against
    that very indicator, not only against some indicator with the same
    values."""
    if not path:
        return {}
    cp = configparser.ConfigParser(inline_comment_prefixes=(';', '#'),
                                   comment_prefixes=(';', '#'), interpolation=None,
                                   strict=False)
    with open(path, encoding='utf-8-sig') as f:
        cp.read_file(f)
    out = {}
    for sec in cp.sections():
        if not sec.lower().startswith('sheet.') or \
                unquote(cp.get(sec, 'kind', fallback='units')) != 'units':
            continue
        specs = [[f.strip() for f in unquote(v).split('|')]
                 for k, v in cp.items(sec) if re.fullmatch(r'col[0-9]+', k)]
        srcs = [f[0] for f in specs]
        if '@objectives' not in srcs and cp.has_option(sec, 'name'):
            out[unicodedata.normalize('NFC', unquote(cp.get(sec, 'name')))] = \
                Columns(srcs, [f[3] if len(f) > 3 else '' for f in specs])
    return out


class Columns(list):
    """The sources of a sheet's columns, with their TOTAL fields."""
    def __init__(self, srcs, totals):
        super().__init__(srcs)
        self.totals = totals


TERM = re.compile(r'[a-z_][a-z0-9_.]*')
CELL = re.compile(r'\$?([A-Z]{1,3})\$?[0-9]+')


def check_refs(name, wf, srcs, unit_rows, total_row):
    """Each formula refers to the cells its template says: a sum to its own
    column, a ratio to its terms' columns, a computed column to its terms'
    (a formula on the wrong cells whose value happens to agree passes every
    comparison of values)."""
    col = {s: openpyxl.utils.get_column_letter(c) for c, s in enumerate(srcs, 1)}
    for c, (src, tot) in enumerate(zip(srcs, srcs.totals), 1):
        want = {}
        if src.startswith('='):
            terms = {col.get(x) for x in TERM.findall(src[1:])}
            want = {r: terms for r in unit_rows.values()}
        if tot == 'sum':
            want[total_row] = {openpyxl.utils.get_column_letter(c)}
        elif tot.startswith('='):
            want[total_row] = {col.get(x) for x in TERM.findall(tot[1:])}
        for r, cols in want.items():
            cell = wf.cell(r, c)
            if cell.data_type != 'f':
                continue
            got = set(CELL.findall(cell.value))
            if got != cols:
                fail('%s!%s: %s refers to columns %s, the template\'s terms are in %s' %
                     (name, cell.coordinate, cell.value, sorted(got), sorted(x or '?' for x in cols)))


def fraction(i):
    """True for a rate or share of SPEC §6 (a fraction 0..1), False for a
    count or mean, None for an objective's value or target (either)."""
    if i.startswith('objective.'):
        return False if i.endswith('.met') else None
    last = i.rsplit('.', 1)[-1]
    return last.endswith(('rate', 'share')) or last in ('rate_low', 'rate_high')


def check_percent(name, wf, c, cand, rows):
    """Rates read as percentages, never counts (a rate left without a
    format was shown 0.96), and no count as a percentage (3400%)."""
    kinds = {fraction(i) for i in cand} - {None}
    if len(kinds) != 1:
        return
    want = kinds.pop()
    base = re.sub(r'\.0+', '', WORDS['rate'])
    for r in rows:
        cell = wf.cell(r, c)
        if cell.value is not None and ('%' in cell.number_format) != want:
            fail('%s!%s: %s in format %r' % (name, cell.coordinate,
                 'a rate' if want else 'not a rate', cell.number_format))
        # a rate in the template's [formats] rate (0.00% without one),
        # or with more decimals near 0 and 1 (check_rate_edges)
        elif cell.value is not None and want and \
                (re.sub(r'\.0+', '', cell.number_format) != base or
                 decimals(cell.number_format) < decimals(WORDS['rate'])):
            fail('%s!%s: rate in format %r, the template says %r' %
                 (name, cell.coordinate, cell.number_format, WORDS['rate']))


def check_declared(name, wv, srcs, ind, unit_rows, total_row, stats):
    """Each column whose template source is an indicator holds that
    indicator: every unit's value (blank where the CSV has none) and, in
    the organization row, its * value."""
    for c, src in enumerate(srcs, 1):
        if src.startswith('@') or src.startswith('='):
            continue
        for u, r in unit_rows.items():
            if not matches(wv.cell(r, c).value, ind.get((u, src))):
                fail('%s!%s: %r, the CSV\'s %s of %s is %r' %
                     (name, wv.cell(r, c).coordinate, wv.cell(r, c).value, src, u,
                      ind.get((u, src))))
        tot = wv.cell(total_row, c).value
        if isnum(tot) and not exact(tot, ind.get(('*', src))):
            fail('%s!%s: organization %r, the CSV\'s %s of * is %r' %
                 (name, wv.cell(total_row, c).coordinate, tot, src, ind.get(('*', src))))
        stats['declared'] += 1


class Sheets:
    def __init__(self, path):
        self.f = openpyxl.load_workbook(path)                  # formulas
        self.v = openpyxl.load_workbook(path, data_only=True)  # cached values
        self.unit_rows = {}     # units sheet -> {unit: row}, for the charts


NUMBERED = re.compile(r'^\((\d+)\)(?:=(.+))?$')


def number_rows(ws):
    """Rows of numbered column headers: {row: {number: (col, relation)}}."""
    out = {}
    for r in range(1, min(ws.max_row, 15) + 1):
        found = {}
        for c in range(1, ws.max_column + 1):
            v = ws.cell(r, c).value
            m = NUMBERED.match(v) if isinstance(v, str) else None
            if m:
                found[int(m.group(1))] = (c, m.group(2))
        if len(found) >= 2:
            out[r] = found
    return out


def check_numbered(name, wv, nrow, found, rows, stats):
    """The numbers run 1..n left to right; each relation holds in rows."""
    nums = sorted(found)
    if nums != list(range(1, len(nums) + 1)) or \
            [found[k][0] for k in nums] != sorted(found[k][0] for k in nums):
        fail('%s row %d: column numbers %r do not run 1..n left to right' % (name, nrow, nums))
        return
    col = {k: c for k, (c, _) in found.items()}
    for k, (c, rel) in found.items():
        if rel is None:
            continue
        refs = [int(x) for x in re.findall(r'\((\d+)\)', rel)]
        if any(x not in col for x in refs) or re.sub(r'\(\d+\)', '', rel).strip('()+-*/ '):
            fail('%s row %d: cannot read relation (%d)=%s' % (name, nrow, k, rel))
            continue
        for r in rows:
            lhs = wv.cell(r, c).value
            vals = [wv.cell(r, col[x]).value for x in refs]
            if not isnum(lhs) or not all(isnum(v) for v in vals):
                continue
            expr = re.sub(r'\((\d+)\)', lambda m: '(%r)' % float(wv.cell(r, col[int(m.group(1))]).value), rel)
            try:
                rhs = eval(expr, {'__builtins__': {}})
            except ZeroDivisionError:
                continue
            if not close(float(lhs), rhs):
                fail('%s!%s: (%d)=%s does not hold: %r, want %r' %
                     (name, wv.cell(r, c).coordinate, k, rel, lhs, rhs))
            else:
                stats['identities'] += 1


def check_units_sheet(name, S, ind, units, names, stats, allowed, low, srcs=None):
    wf, wv = S.f[name], S.v[name]
    unit_rows, total_row = {}, None
    nrows = number_rows(wv)
    for r in range(1, wf.max_row + 1):
        if r in nrows:
            continue
        a = row_unit(wv, r, units)
        if a is not None and a not in unit_rows:
            unit_rows[a] = r
        elif any(isinstance(wf.cell(r, c).value, str) and str(wf.cell(r, c).value).startswith('=')
                 and wf.cell(r, c).data_type == 'f' and 'SUM' in wf.cell(r, c).value
                 for c in range(1, wf.max_column + 1)):
            total_row = r
        elif total_row is None and unit_rows and \
                wv.cell(r, 1).value == WORDS['total_label'] or \
                total_row is None and unit_rows and wv.cell(r, 2).value == WORDS['total_label']:
            total_row = r   # a sheet of 'value' totals only: no formula
    missing = set(units) - set(unit_rows)
    if missing:
        fail('%s: no row for units %s' % (name, sorted(missing)))
    if total_row is None:
        fail('%s: no organization row with formulas' % name)
        return
    if unit_rows and total_row <= max(unit_rows.values()):
        fail('%s: organization row %d is not below the units' % (name, total_row))
    if WORDS['total_label'] not in [wv.cell(total_row, c).value for c in range(1, wf.max_column + 1)]:
        # a template without a 'label' total: the row of totals unnamed
        fail('%s: organization row %d does not say %r' % (name, total_row, WORDS['total_label']))

    S.unit_rows[name] = unit_rows
    if srcs is not None:
        check_declared(name, wv, srcs, ind, unit_rows, total_row, stats)
        check_refs(name, wf, srcs, unit_rows, total_row)

    def value_of(r, c):
        return wv.cell(r, c).value

    for r in list(unit_rows.values()) + [total_row]:
        for c in range(1, wf.max_column + 1):
            cf = wf.cell(r, c)
            if cf.data_type != 'f':
                continue
            cached = wv.cell(r, c).value
            try:
                got = Formula(cf.value, value_of).run()
            except (ValueError, ZeroDivisionError, TypeError) as e:
                fail('%s!%s: cannot evaluate %s: %s' % (name, cf.coordinate, cf.value, e))
                continue
            if isinstance(got, str) or cached in (None, ''):
                if not ((got == '' or got is None) and cached in (None, '')):
                    fail('%s!%s: %s gives %r, cached %r' % (name, cf.coordinate, cf.value, got, cached))
            elif not isnum(cached) or not close(got, float(cached)):
                fail('%s!%s: %s gives %r, cached %r' % (name, cf.coordinate, cf.value, got, cached))
            else:
                stats['formulas'] += 1

    inds = sorted({k[1] for k in ind})
    shows_wilson = False
    for c in range(1, wf.max_column + 1):
        cells = {u: wv.cell(r, c).value for u, r in unit_rows.items()}
        is_formula = any(wf.cell(r, c).data_type == 'f' for r in unit_rows.values())
        if not any(isnum(v) for v in cells.values()):
            continue
        cand = [i for i in inds if all(matches(cells[u], ind.get((u, i))) for u in cells)]
        shows_wilson |= 'satisfaction.rate_low' in cand
        if not is_formula and not cand:
            bad = ['%s=%r' % (u, v) for u, v in cells.items()][:6]
            fail('%s column %d: no indicator has these values: %s' % (name, c, ', '.join(bad)))
            continue
        stats['numbers'] += sum(1 for v in cells.values() if isnum(v))
        check_percent(name, wf, c, cand, list(unit_rows.values()) + [total_row])
        tot = wv.cell(total_row, c).value
        if is_formula:
            # a computed column: every unit cell a formula (evaluated above)
            for r in unit_rows.values():
                if wf.cell(r, c).data_type != 'f' and wf.cell(r, c).value is not None:
                    fail('%s!%s: computed column has a plain value' % (name, wf.cell(r, c).coordinate))
                allowed.add((name, r, c))
            continue
        if tot in (None, ''):
            if any(ind.get(('*', i)) is not None and wf.cell(total_row, c).data_type == 'f' for i in cand):
                if not all(ind.get(('*', i)) is None for i in cand):
                    fail('%s column %d: organization value empty, CSV has %s' % (name, c, cand))
            continue
        if not any(ind.get(('*', i)) is not None and exact(tot, ind[('*', i)]) for i in cand):
            fail('%s!%s: organization value %r is not the CSV\'s * value of %s' %
                 (name, wf.cell(total_row, c).coordinate, tot, cand))
        else:
            stats['totals'] += 1

    # every unit row: name as written (injection stays text), status
    shows_status = any(wv.cell(r, c).value in (WORDS['submitted'], WORDS['missing'])
                       for r in unit_rows.values() for c in range(1, wf.max_column + 1))
    for u, r in unit_rows.items():
        texts = [wv.cell(r, c).value for c in range(1, wf.max_column + 1)]
        if u in names and names[u] not in texts:
            fail('%s row %d: name %r of %s not found (%r)' % (name, r, names[u], u, texts[:3]))
        if u in names and names[u].startswith(INJECT):
            stats['inject'] += 1
        for c in range(1, wf.max_column + 1):
            if wv.cell(r, c).value in (u, names.get(u)) and wf.cell(r, c).number_format != '@':
                fail('%s!%s: code or name of %s in format %r, not text (@)' %
                     (name, wf.cell(r, c).coordinate, u, wf.cell(r, c).number_format))
        if units.get(u) == 'missing' and WORDS['missing'] not in texts and shows_status:
            fail('%s row %d: missing unit %s not shown "%s"' % (name, r, u, WORDS['missing']))
        if units.get(u) != 'missing' and WORDS['missing'] in texts:
            fail('%s row %d: unit %s (%s) shown "%s"' % (name, r, u, units.get(u), WORDS['missing']))
    for c in range(1, wf.max_column + 1):
        allowed.add((name, total_row, c))
    for nr, found in nrows.items():
        check_numbered(name, wv, nr, found, list(unit_rows.values()) + [total_row], stats)
        stats['numbered'] += 1
    stem = WORDS['lowsample'].split('{responses}')[0].strip()
    if shows_wilson and any(isinstance(c.value, str) and stem in c.value
                            for row in wv.iter_rows() for c in row):
        check_lowsample(name, wv, unit_rows, total_row, low, stats)
    if wf.freeze_panes is None:
        fail('%s: no frozen header' % name)
    if not wf.auto_filter.ref:
        fail('%s: no autofilter' % name)
    return total_row


def range_line():
    """A regular expression of the line under the subtitle that says which
    months' sheets a range took (SPEC §5), its days any dates."""
    ms = [m for m in PERIOD.get('months', '').split(',') if m]
    if not ms:
        return re.escape(WORDS['range_no_months'])
    vn = ', '.join('%s/%s' % (m[5:7], m[:4]) for m in ms)
    parts = re.split(r'(\{months\}|\{months_from\}|\{months_to\})', WORDS['range_months'])
    return ''.join(re.escape(vn) if t == '{months}' else r'\d\d/\d\d/\d{4}'
                   if t in ('{months_from}', '{months_to}') else re.escape(t) for t in parts)


def check_range_months(S, sheets, stats):
    """On every sheet of units, the months a range took its sheets from,
    above the table (none for a period of whole months)."""
    rx = re.compile(range_line())
    want = PERIOD.get('kind') == 'range' and \
        WORDS['range_months' if PERIOD.get('months') else 'range_no_months']
    for name in sheets:
        ws = S.v[name]
        heads = [c.value.replace('\n', ' ') for row in ws.iter_rows(max_row=min(ws.max_row, 9))
                 for c in row if isinstance(c.value, str)]
        found = any(rx.fullmatch(h) for h in heads)
        if want and not found:
            fail('%s: no line %r under the title (months %r)' %
                 (name, rx.pattern, PERIOD.get('months')))
        elif not want and any('{months' not in WORDS[k] and WORDS[k] and WORDS[k] in heads
                              for k in ('range_months', 'range_no_months')) or \
                not want and found:
            fail('%s: a range\'s months line in a period of whole months' % name)
        stats['range'] += bool(want)


def check_lowsample(name, wv, unit_rows, total_row, low, stats):
    """A sheet with the Wilson bounds flags exactly the lowsample units."""
    want = {u for u in low if u != '*' and u in unit_rows}
    candidates = []
    for c in range(1, wv.max_column + 1):
        cells = [wv.cell(r, c).value for r in unit_rows.values()]
        if not all(v is None or isinstance(v, str) for v in cells):
            continue
        got = {u for u, r in unit_rows.items() if isinstance(wv.cell(r, c).value, str)
               and wv.cell(r, c).value.strip()}
        org = wv.cell(total_row, c).value
        org = isinstance(org, str) and org.strip() != ''
        if got == want and org == ('*' in low) and (want or org):
            # When every unit is flagged, a text column such as the names
            # also has a string in each row: the notes are the column
            # whose cells give the response counts.
            bad = [u for u in want if low[u] not in wv.cell(unit_rows[u], c).value]
            if not bad:
                stats['lowsample'] += len(want) + org
                return
            candidates.append((c, bad))
    for c, bad in candidates[:1]:
        for u in bad:
            fail('%s!%s: low-sample note does not give the %s responses' %
                 (name, wv.cell(unit_rows[u], c).coordinate, low[u]))
        return
    if want or '*' in low:
        fail('%s: no column flags exactly the low-sample units %s' % (name, sorted(low)))


def check_objectives_sheet(name, S, ind, units, labels, stats):
    """Under each objective's group header: target, value (numbers, the
    CSV's objective.* values of every unit row and '*'), met (Đạt, Không
    đạt; other text or blank where the CSV has no met)."""
    wf, wv = S.f[name], S.v[name]
    unit_rows = {}
    for r in range(1, wv.max_row + 1):
        a = row_unit(wv, r, units)
        if a is not None and a not in unit_rows:
            unit_rows[a] = r
    if set(units) - set(unit_rows):
        fail('%s: no row for units %s' % (name, sorted(set(units) - set(unit_rows))))
    if not unit_rows:
        return set()
    first, org = min(unit_rows.values()), max(unit_rows.values()) + 1
    rows = dict(unit_rows)
    rows['*'] = org
    if not any(wv.cell(org, c).value not in (None, '') for c in range(1, wv.max_column + 1)):
        fail('%s: no organization row below the units' % name)
    merged = list(wf.merged_cells.ranges)
    shown = set()
    for r in range(1, first):
        for c in range(1, wv.max_column + 1):
            v = wv.cell(r, c).value
            if not isinstance(v, str):
                continue
            hit = [n for n, lab in labels.items() if lab in v]
            if not hit:
                continue
            obj = max(hit, key=lambda n: len(labels[n]))
            c1 = c2 = c
            for m in merged:
                if m.min_row <= r <= m.max_row and m.min_col <= c <= m.max_col:
                    c1, c2 = m.min_col, m.max_col
            if obj in shown:
                fail('%s: objective %s shown twice' % (name, obj))
            shown.add(obj)
            parts = {}
            for cc in range(c1, c2 + 1):
                cells = {u: wv.cell(rr, cc).value for u, rr in rows.items()}
                if all(x is None or isnum(x) for x in cells.values()):
                    for what in ('target', 'value'):
                        k = 'objective.%s.%s' % (obj, what)
                        if all((x is None and ind.get((u, k)) is None) or
                               (isnum(x) and ind.get((u, k)) is not None and exact(x, ind[(u, k)]))
                               for u, x in cells.items()):
                            parts.setdefault(what, cc)
                else:
                    k = 'objective.%s.met' % obj
                    ok = True
                    for u, x in cells.items():
                        m = ind.get((u, k))
                        want = {1.0: WORDS['yes'], 0.0: WORDS['no']}.get(m)
                        if (want is not None and x != want) or \
                                (want is None and x in (WORDS['yes'], WORDS['no'])):
                            ok = False
                    if ok:
                        parts.setdefault('met', cc)
            for what in ('target', 'value', 'met'):
                if what not in parts:
                    fail('%s: objective %s (columns %d-%d) has no column equal to the CSV\'s objective.%s.%s'
                         % (name, obj, c1, c2, obj, what))
            stats['objectives'] += sum(1 for u in rows for what in ('target', 'value', 'met')
                                       if ind.get((u, 'objective.%s.%s' % (obj, what))) is not None)
    want = {k[1].split('.')[1] for k in ind if k[1].startswith('objective.') and k[1].endswith('.target')}
    if want - shown:
        fail('%s: objectives with a target in the CSV not shown: %s' % (name, sorted(want - shown)))
    if wf.freeze_panes is None:
        fail('%s: no frozen header' % name)
    return shown


def check_draft(S, n, data_sheets, wording):
    """The template's draft wording ('Dự thảo lần N') near the top of every
    sheet but the data sheet, in its page header, and in the properties;
    N = 0: nowhere."""
    mark = wording.replace('{draft}', str(n)).casefold()
    stem = wording.split('{draft}')[0].strip().casefold() or 'dự thảo'
    for ws in S.v.worksheets:
        texts = [str(c.value).casefold() for row in ws.iter_rows(max_row=min(ws.max_row, 3))
                 for c in row if isinstance(c.value, str)]
        anywhere = any(stem in str(c.value).casefold() for row in ws.iter_rows()
                       for c in row if isinstance(c.value, str))
        header = (S.f[ws.title].oddHeader.right.text or '').casefold()
        if n > 0 and ws.title not in data_sheets:
            if not any(mark in t for t in texts):
                fail('%s: no "%s" in its first rows' % (ws.title, mark))
            if mark not in header.replace('&&', '&'):
                fail('%s: no "%s" in its page header: %r' % (ws.title, mark, header))
        if (n == 0 or ws.title in data_sheets) and (anywhere or stem in header):
            fail('%s: marked as a draft' % ws.title)
    p = S.f.properties
    props = ' '.join(x for x in (p.title, p.contentStatus) if x).casefold()
    if n > 0 and not (mark in (p.title or '').casefold() and mark in (p.contentStatus or '').casefold()):
        fail('properties: title %r, status %r do not say "%s"' % (p.title, p.contentStatus, mark))
    if n == 0 and stem in props:
        fail('properties of a final say draft: %r' % props)


# a register's date as the data has it: a date column written as text
ISODATE = re.compile(r'[0-9]{4}-[0-9]{2}-[0-9]{2}')


def check_register_sheet(name, S, ind, units, fields, stats):
    wf, wv = S.f[name], S.v[name]
    counts, dates = {}, 0
    for r in range(1, wf.max_row + 1):
        a = row_unit(wv, r, units)
        if a is None:
            continue
        counts[a] = counts.get(a, 0) + 1
        for c in range(1, wf.max_column + 1):
            v = wv.cell(r, c).value
            if isinstance(v, datetime.datetime):
                dates += 1
                if wv.cell(r, c).number_format.lower().find('yy') < 0:
                    fail('%s!%s: date without a date format' % (name, wv.cell(r, c).coordinate))
            elif isinstance(v, str):
                t = v
                if ISODATE.fullmatch(t):
                    fail('%s!%s: the date %r written as text' % (name, wv.cell(r, c).coordinate, t))
                if t.startswith(INJECT):
                    if t not in fields:
                        fail('%s!%s: %r is not a field of the data' % (name, wv.cell(r, c).coordinate, t))
                    else:
                        stats['inject_data'].add(t[0])
    cand = [i for i in ('errors.count', 'actions.opened', 'suggestions.received',
                        'complaints.received', 'incidents.count')
            if all(counts.get(u, 0) == ind.get((u, i), 0) for u in units)]
    if not cand:
        fail('%s: rows per unit %r match no register count of the CSV' % (name, counts))
    stats['lists'] += 1
    stats['dates'] += dates


def decimals(fmt):
    """Decimals a number format shows: '0.00%' 2, '#,##0' 0."""
    m = re.search(r'\.([0#]+)', fmt.split(';')[0])
    return len(m.group(1)) if m else 0


C = '{http://schemas.openxmlformats.org/drawingml/2006/chart}'
A = '{http://schemas.openxmlformats.org/drawingml/2006/main}'


def check_charts(path, S, stats, ind, allowed):
    """Each chart's series: categories and values over the same rows of
    one sheet, every value cell a number, the cached points those
    numbers, the bars exactly the units with a value (check_chart_units),
    and the labels in the cells' kind of format (a chart
    of counts does not read "2000.0%") with as many decimals as the most
    precise cell (no bar reads "95.0%" where its cell reads "94.99%")."""
    with zipfile.ZipFile(path) as z:
        names = sorted(n for n in z.namelist() if re.match(r'xl/charts/chart\d+\.xml$', n))
        for n in names:
            root = ET.fromstring(z.read(n))
            for title in root.iter(C + 'title'):
                # text, never a reference: libxlsxwriter took a title
                # starting with "=" for a formula (<c:f>chart</c:f>)
                if title.find('.//' + C + 'f') is not None:
                    fail('%s: the title is a reference %r, not its text' %
                         (n, title.find('.//' + C + 'f').text))
                if any(t.text and t.text.startswith('\ue000') for t in title.iter(A + 't')):
                    fail('%s: the title keeps its literal mark' % n)
            for ser in root.iter(C + 'ser'):
                refs = [f.text for f in ser.iter(C + 'f')]
                if len(refs) != 2:
                    fail('%s: series with %d references' % (n, len(refs)))
                    continue
                # one charted unit: a single cell, $B$15
                m = [re.match(r"^'?(.*?)'?!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$", r) for r in refs]
                m = [x and (None, x.group(1), x.group(2), x.group(3), x.group(4) or x.group(2),
                            x.group(5) or x.group(3)) for x in m]
                if not all(m) or m[0][1] != m[1][1] or \
                        (m[0][3], m[0][5]) != (m[1][3], m[1][5]):
                    fail('%s: categories %s and values %s are not the same rows' % (n, refs[0], refs[1]))
                    continue
                sheet = m[1][1].replace("''", "'")
                ws = S.v[sheet]
                vc, r1, r2 = col_index(m[1][2]), int(m[1][3]), int(m[1][5])
                cells = [ws.cell(r, vc) for r in range(r1, r2 + 1)]
                if any(not isnum(c.value) for c in cells):
                    # an empty category reads as a bar at 0
                    fail('%s: values %s hold text or blanks: %r' %
                         (n, refs[1], [c.value for c in cells]))
                    continue
                pts = {int(p.get('idx')): float(p.find(C + 'v').text)
                       for p in ser.find(C + 'val').iter(C + 'pt')}
                want = {i: float(c.value) for i, c in enumerate(cells) if isnum(c.value)}
                if pts != want:
                    fail('%s: cached points %r, cells %r' % (n, pts, want))
                fmts = [c.number_format for c in cells if isnum(c.value)]
                lab = ser.find(C + 'dLbls')
                nf = lab.find(C + 'numFmt') if lab is not None else None
                if fmts and nf is not None and nf.get('sourceLinked') != '1':
                    code = nf.get('formatCode')
                    if any(('%' in f) != ('%' in code) for f in fmts):
                        fail('%s: labels %r, cells %r' % (n, code, sorted(set(fmts))))
                    if decimals(code) < max(decimals(f) for f in fmts):
                        fail('%s: labels %r show fewer decimals than cells %r' %
                             (n, code, sorted(set(fmts))))
                check_chart_names(z, n, ws, m[0], r1, r2)
                check_chart_units(n, S, sheet, col_index(m[0][2]), vc, r1, r2,
                                  ind, allowed)
                stats['charts'] += 1


CELLREF = re.compile(r'^=\$?([A-Z]+)\$?(\d+)$')


def check_chart_units(chart, S, sheet, cc, vc, r1, r2, ind, allowed):
    """The bars are the units of the sheet's table that have a value in
    one of its columns, all of them and only them, in the table's order,
    each with the CSV's value of the indicator of that column and named
    as the table names it. A bar's value is a unit's cell of the table,
    or a formula =J12 on it (a copy of those rows under the table, as a
    series takes one range), whose cached value is that cell's; the copy
    lies outside the table's autofilter, so sorting never moves it."""
    wf, wv = S.f[sheet], S.v[sheet]
    rows = S.unit_rows.get(sheet)
    if not rows:
        fail('%s: charts %r, not a sheet of units' % (chart, sheet))
        return
    unit_at = {r: u for u, r in rows.items()}
    got, cols = [], set()
    for r in range(r1, r2 + 1):
        src, f = (r, vc), wf.cell(r, vc)
        if f.data_type == 'f':
            m = CELLREF.match(f.value)
            if not m:
                fail('%s: %s!%s holds %r, not a reference to a cell of the table' %
                     (chart, sheet, f.coordinate, f.value))
                return
            src = (int(m.group(2)), col_index(m.group(1)))
            if wv.cell(*src).value != wv.cell(r, vc).value:
                fail('%s: %s!%s %s caches %r, the cell holds %r' %
                     (chart, sheet, f.coordinate, f.value, wv.cell(r, vc).value,
                      wv.cell(*src).value))
            if wf.cell(r, vc).number_format != wf.cell(*src).number_format:
                fail('%s: %s!%s in format %r, its cell %r' %
                     (chart, sheet, f.coordinate, wf.cell(r, vc).number_format,
                      wf.cell(*src).number_format))
            allowed.add((sheet, r, vc))
        u = unit_at.get(src[0])
        if u is None:
            fail('%s: bar of row %d is no unit of the table (%s row %d)' %
                 (chart, r, sheet, src[0]))
            return
        # named as the table names it, or by its code (a sheet without
        # a code column whose names need a print too small to read)
        if wv.cell(r, cc).value not in (wv.cell(src[0], cc).value, u):
            fail('%s: bar of %s named %r, the table says %r' %
                 (chart, u, wv.cell(r, cc).value, wv.cell(src[0], cc).value))
        if src[0] != r and wf.auto_filter.ref and \
                (r, vc) in cells_of(wf.auto_filter.ref):
            fail('%s: the chart\'s data %s!%s lies in the autofilter %s' %
                 (chart, sheet, f.coordinate, wf.auto_filter.ref))
        got.append((src[0], u, wv.cell(r, vc).value))
        cols.add(src[1])
    if len(cols) != 1:
        fail('%s: bars from columns %r of the table' % (chart, sorted(cols)))
        return
    if [g[0] for g in got] != sorted(g[0] for g in got):
        fail('%s: bars %r not in the table\'s order' % (chart, [g[1] for g in got]))
    c = cols.pop()
    table = {u: wv.cell(r, c).value for u, r in rows.items()}
    cand = [i for i in sorted({k[1] for k in ind})
            if all(matches(table[u], ind.get((u, i))) for u in table)]
    want = {i: [u for u, r in sorted(rows.items(), key=lambda x: x[1])
                if ind.get((u, i)) is not None] for i in cand}
    if not any(want[i] == [g[1] for g in got] and
               all(exact(v, ind[(u, i)]) for _, u, v in got) for i in cand):
        fail('%s: bars %r, but the units with a value of %s are %r' %
             (chart, [g[1] for g in got], cand, [want[i] for i in cand]))


def chart_height_px(z, chart, ws):
    """The height in pixels of the drawing anchor that holds chart."""
    X = '{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}'
    base = chart.rsplit('/', 1)[1]
    for d in (n for n in z.namelist() if re.match(r'xl/drawings/_rels/drawing\d+\.xml\.rels$', n)):
        if base not in z.read(d).decode():
            continue
        root = ET.fromstring(z.read(d.replace('_rels/', '').replace('.rels', '')))
        a = next(root.iter(X + 'twoCellAnchor'))
        f, t = a.find(X + 'from'), a.find(X + 'to')
        row = lambda e: int(e.find(X + 'row').text)
        off = lambda e: int(e.find(X + 'rowOff').text) / 9525
        pt = sum(ws.row_dimensions[r + 1].height or 15 for r in range(row(f), row(t)))
        return pt * 96 / 72 - off(f) + off(t)
    return None


def check_chart_names(z, chart, ws, cats, r1, r2):
    """Every bar keeps its name: a reader wraps a name on the category
    axis at about 40 characters a line (16 px a line, 8 between bars, at
    10 pt; in proportion at the axis's own size) and
    leaves out every other name when the chart is not tall enough for
    them all (36 units of 100-character names: half the bars unnamed)."""
    cc = col_index(cats[2])
    names = [str(ws.cell(r, cc).value or '') for r in range(r1, r2 + 1)]
    h = chart_height_px(z, chart, ws)
    if not names or h is None:
        return
    # the names' type: the category axis's size, else the reader's 10 pt
    root = ET.fromstring(z.read(chart))
    sz = [int(e.get('sz')) / 100 for ax in root.iter(C + 'catAx')
          for e in ax.iter('{http://schemas.openxmlformats.org/drawingml/2006/main}defRPr')
          if e.get('sz')]
    k = (sz[0] if sz else 10) / 10
    need = len(names) * k * (16 * max(1, -(-max(len(x) for x in names) // 40)) + 8) + 80
    if need > h + 1:
        fail('%s: %d bar names of up to %d characters in a chart %.0f px tall '
             '(want %d): a reader leaves out every other name' %
             (chart, len(names), max(len(x) for x in names), h, need))


def check_no_stray_formulas(S, allowed):
    for ws in S.f.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == 'f' and (ws.title, c.row, c.column) not in allowed:
                    fail('%s!%s: unexpected formula %r' % (ws.title, c.coordinate, c.value))


def check_text(S):
    for ws in S.v.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and unicodedata.normalize('NFC', c.value) != c.value:
                    fail('%s!%s: text is not NFC' % (ws.title, c.coordinate))
                # Excel's limit is in UTF-16 units (an emoji is 2): past
                # it, Excel reports the file damaged
                if isinstance(c.value, str) and len(c.value.encode('utf-16-le')) // 2 > 32767:
                    fail('%s!%s: text of %d UTF-16 units, past Excel\'s 32767' %
                         (ws.title, c.coordinate, len(c.value.encode('utf-16-le')) // 2))


def check_title_repeat(S):
    """On a sheet printed across pages, the title rows are not merged over
    the repeated columns (code, name) and beyond: each later page would
    print a clipped copy of the title (seen with 100-character names,
    which left one column beside the name on the first page)."""
    for ws in S.f.worksheets:
        rep = ws.print_title_cols
        if not rep or not ws.freeze_panes:
            continue
        last = col_index(rep.split(':')[-1].replace('$', ''))
        top = openpyxl.utils.cell.coordinate_from_string(ws.freeze_panes)[1]
        for m in ws.merged_cells.ranges:
            if m.max_row < top and m.min_row == m.max_row and \
                    m.min_col <= last < m.max_col:
                fail('%s!%s: title merged over the repeated columns (to %s): '
                     'a clipped copy on every printed page' % (ws.title, m, rep))


def check_fit(S, data_sheets):
    """Text a person can read: a wrapped cell's row is tall enough for its
    lines (else they print over each other, as a long "Nộp chưa đủ, thiếu tháng …"
    status did), and a cell that does not wrap fits its column when the next cell is
    not empty. Widths
    are estimated generously (1.4 characters per width unit), so only a
    clear overflow fails."""
    for ws in S.f.worksheets:
        if ws.title in data_sheets:
            continue
        merged = set()
        for m in ws.merged_cells.ranges:
            for r in range(m.min_row, m.max_row + 1):
                for c in range(m.min_col, m.max_col + 1):
                    merged.add((r, c))
        for row in ws.iter_rows():
            for c in row:
                if not isinstance(c.value, str) or not c.value or c.data_type == 'f' or \
                        (c.row, c.column) in merged:
                    continue
                letter = openpyxl.utils.get_column_letter(c.column)
                dim = ws.column_dimensions.get(letter)
                width = dim.width if dim is not None and dim.width else 8.43
                per_line = width * 1.4
                size = float(c.font.sz or 11) if c.font is not None else 11.0
                text = c.value
                if c.alignment is not None and c.alignment.wrap_text:
                    lines = sum(max(1, -(-len(p) // int(per_line))) for p in text.split('\n'))
                    h = ws.row_dimensions[c.row].height
                    # 409 pt is the tallest row Excel allows: a longer
                    # text (a register's description of 32,767
                    # characters) cannot be shown whole in any row
                    if lines >= 2 and (h is None or h < min(409, lines * size)):
                        fail('%s!%s: %d lines of wrapped text in a row %s pt high' %
                             (ws.title, c.coordinate, lines, h))
                elif len(max(text.split('\n'), key=len)) > per_line and \
                        ws.cell(c.row, c.column + 1).value not in (None, ''):
                    # cut by the next cell (text into an empty one is fine)
                    fail('%s!%s: %d characters in a column %.1f wide' %
                         (ws.title, c.coordinate, len(text), width))


def check_rate_edges(S):
    """A rate that is neither 0 nor 1 does not read 0.00% or 100.00%
    (of a billion dossiers, 50 late showed "100.00%" on time) when six
    decimals or fewer tell it from them, as the PDF never prints it."""
    for ws in S.v.worksheets:
        wf = S.f[ws.title]
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                fmt = wf[c.coordinate].number_format
                if not isnum(v) or '%' not in fmt or not 0 < v < 1:
                    continue
                shown = lambda d: round(v * 100, d)
                if shown(decimals(fmt)) not in (0, 100):
                    continue
                if any(shown(d) not in (0, 100) for d in range(decimals(fmt), 7)):
                    fail('%s!%s: %r reads %s in format %r' %
                         (ws.title, c.coordinate, v, '0%' if v < .5 else '100%', fmt))


# Written column widths a printed page holds at 60 % in LibreOffice when
# Calibri, the default style's font, is drawn with DejaVu Sans (a Debian
# without Carlito; measured: a 177-wide page spills its last column onto
# a page of its own). Excel holds some 235.
LO_PAGE = 176


def col_widths(ws):
    """Written width of every column (1-based), libxlsxwriter's min=max."""
    w = {}
    for dim in ws.column_dimensions.values():
        if dim.width:
            for c in range(dim.min or 1, (dim.max or dim.min or 1) + 1):
                w[c] = dim.width
    return w


def check_pages(path, S):
    """A sheet printed across pages with column breaks of its own: each
    page, with the repeated code and name columns, fits a page as
    LibreOffice lays it out (else it moves a column to a page of its own,
    cutting a group header and the title or note merged over it), and
    the chart below the table lies within the first page's columns (else
    its right half, title and labels, print on the next page). So does
    the chart of a sheet one page wide printed at a scale of its own (for
    its bars), within the whole columns that page holds."""
    X = '{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}'
    with zipfile.ZipFile(path) as z:
        for k, ws in enumerate(S.f.worksheets, 1):
            brk = sorted(b.id for b in ws.col_breaks.brk)
            w = col_widths(ws)
            fitted = ws.sheet_properties.pageSetUpPr is not None and \
                ws.sheet_properties.pageSetUpPr.fitToPage
            if not brk and ws.page_setup.scale and not fitted:
                room, c = LO_PAGE * 60 / ws.page_setup.scale, 0
                while room >= w.get(c + 1, DEF_WIDTH):
                    room -= w.get(c + 1, DEF_WIDTH)
                    c += 1
                check_chart_within(z, k, ws, c)
                continue
            if not brk:
                continue
            # a page holds more at a scale under 60 % (fewer pages)
            page = LO_PAGE * 60 / (ws.page_setup.scale or 60)
            rep = set()
            if ws.print_title_cols:
                a, b = (col_index(x.replace('$', '')) for x in ws.print_title_cols.split(':'))
                rep = set(range(a, b + 1))
            edges = [0] + brk + [ws.max_column]
            for i in range(len(edges) - 1):
                cols = set(range(edges[i] + 1, edges[i + 1] + 1))
                if i > 0:
                    cols |= rep
                width = sum(w.get(c, 8.43) for c in cols)
                if width > page:
                    fail('%s: printed page %d (columns %d-%d) is %.1f wide, a page holds %.0f' %
                         (ws.title, i + 1, edges[i] + 1, edges[i + 1], width, page))
            check_chart_within(z, k, ws, brk[0])


# the written width of a column left at libxlsxwriter's default 8.43
DEF_WIDTH = 9.140625


def check_chart_within(z, k, ws, ncols):
    """Every drawing of sheet k (ws) ends within its first ncols columns."""
    X = '{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}'
    rels = 'xl/worksheets/_rels/sheet%d.xml.rels' % k
    if rels not in z.namelist():
        return
    for m in re.finditer(r'Target="\.\./drawings/(drawing\d+\.xml)"', z.read(rels).decode()):
        root = ET.fromstring(z.read('xl/drawings/' + m.group(1)))
        for a in root.iter(X + 'twoCellAnchor'):
            t = a.find(X + 'to')
            col, off = int(t.find(X + 'col').text), int(t.find(X + 'colOff').text)
            if col > ncols or (col == ncols and off > 0):
                fail('%s: the chart runs to column %d, past the first printed '
                     'page (columns 1-%d)' % (ws.title, col + 1, ncols))


# the codes of the page footer's placeholders (Excel's header language)
FOOTER_CODES = (('{pages}', '&N'), ('{page}', '&P'), ('{sheet}', '&A'))


def sheet_height_pt(ws, last):
    """The printed height of rows 1..last of ws, in points at 100 %."""
    h = ws.sheet_format.defaultRowHeight or 15
    return sum((ws.row_dimensions[r].height or h) if r in ws.row_dimensions else h
               for r in range(1, last + 1))


def chart_bars(ws):
    """The rows of the chart's copy of its values under the table (its
    caption WORDS['chart_data'] in the first column): the bars."""
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == WORDS['chart_data']:
            n, r = 0, row[0].row + 1
            while any(ws.cell(r, c).value is not None for c in range(1, ws.max_column + 1)):
                n, r = n + 1, r + 1
            return n
    return 0


def check_print(S, data_sheets):
    """What a clerk expects of a printed sheet: A4; landscape, but the data
    sheet's four narrow columns portrait and one page wide; the template's
    page footer with the page number, the number of pages and the sheet's
    name on every sheet (a sheet printed ten pages wide and high could not
    be put back in order, and a page after the first has no title); the
    header rows repeated on every page of a sheet that runs past one page
    high (the data sheet's 1,191 rows printed their header once, in 37)."""
    want = WORDS['footer'].replace('&', '&&')
    for ph, code in FOOTER_CODES:
        want = want.replace(ph, code)
    for ws in S.f.worksheets:
        page_h = 595.3 - 2 * 54     # A4 landscape, 0.75 in margins
        ps = ws.page_setup
        if str(ps.paperSize) != '9':
            fail('%s: paper %r, not A4 (9)' % (ws.title, ps.paperSize))
        fitted = ws.sheet_properties.pageSetUpPr is not None and \
            ws.sheet_properties.pageSetUpPr.fitToPage
        if ws.title in data_sheets:
            if ps.orientation != 'portrait' or not fitted or \
                    int(ps.fitToWidth or 1) != 1 or int(ps.fitToHeight or 0) != 0:
                fail('%s: not portrait, one page wide: %r fitToPage %r %r x %r' %
                     (ws.title, ps.orientation, fitted, ps.fitToWidth, ps.fitToHeight))
            page_h = 841.9 - 2 * 54     # portrait
        elif ps.orientation != 'landscape':
            fail('%s: %r, not landscape' % (ws.title, ps.orientation))
        got = ''.join(part.text or '' for part in (ws.oddFooter.left, ws.oddFooter.center,
                                                   ws.oddFooter.right))
        if '{' not in want and got != want:
            fail('%s: page footer %r, want %r' % (ws.title, got, want))
        elif '{' in want and not all(c in got for ph, c in FOOTER_CODES if ph in WORDS['footer']):
            fail('%s: page footer %r lacks the page codes of %r' % (ws.title, got, want))
        if ws.oddFooter.center.text and \
                str(ws.oddFooter.center.size) != str(round(float(WORDS['font_size']))):
            fail('%s: page footer in %r pt, the table in %s' % (ws.title,
                 ws.oddFooter.center.size, WORDS['font_size']))
        # a page at 12 % (40 bars of 150-character names on a sheet of
        # no code column) could not be read, its table neither; only a
        # chart of more bars than 6 pt codes fit a page at 50 % may need it
        if ps.scale and int(ps.scale) < 50 and not fitted and \
                chart_bars(ws) <= 60:
            fail('%s: printed at %s %%, too small to read, for a chart of %d bars' %
                 (ws.title, ps.scale, chart_bars(ws)))
        if ws.freeze_panes is None:
            continue
        if fitted:
            scale = min(1, LO_PAGE * 0.6 / max(1, sum(col_widths(ws).values())))
            if ws.title in data_sheets:
                scale = 1
        else:
            scale = (ps.scale or 100) / 100
        # the table: to its autofilter's last row and the organization's
        # (a chart's copy of its values below does not make them repeat)
        last = ws.max_row
        if ws.auto_filter.ref:
            last = min(last, cells_of(ws.auto_filter.ref)[-1][0] + 1)
        if sheet_height_pt(ws, last) * scale > page_h and not ws.print_title_rows:
            fail('%s: %d rows print past one page and the header rows do not repeat' %
                 (ws.title, last))


def formula_rows(ws):
    """The rows of ws holding a formula: the organization row, a computed
    column's unit rows, the chart's copy of its values below the table."""
    return sorted({c.row for row in ws.iter_rows() for c in row if c.data_type == 'f'})


def check_lo(lo_dir, base, S, totals, ind):
    """LibreOffice recalculated every formula on load: its values of the
    organization rows must be the CSV's * values too, and those of every
    other formula (a computed column's units, the chart's copy) the cached
    ones (a formula on the wrong cells recalculated otherwise)."""
    n = 0
    for name in S.f.sheetnames:
        rows = formula_rows(S.f[name])
        if not rows:
            continue
        path = os.path.join(lo_dir, '%s-%s.csv' % (base, name))
        if not os.path.exists(path):
            fail('LibreOffice wrote no CSV for sheet %r (%s)' % (name, path))
            continue
        with open(path, newline='', encoding='utf-8') as f:
            lines = list(csv.reader(f))
        for row in rows:
            n += check_lo_row(path, lines, S, name, row)
    return n


def check_lo_row(path, lines, S, name, row):
    """Row row of sheet name: each formula's LibreOffice value is the
    cached one. Returns how many were compared."""
    n = 0
    if len(lines) < row:
        fail('%s: LibreOffice CSV has %d lines, want %d' % (path, len(lines), row))
        return 0
    lo = lines[row - 1]
    for c in range(1, S.v[name].max_column + 1):
        cached = S.v[name].cell(row, c).value
        if not isnum(cached) or S.f[name].cell(row, c).data_type != 'f':
            continue
        try:
            t = lo[c - 1].strip()
            got = float(t[:-1]) / 100 if t.endswith('%') else float(t)
        except (ValueError, IndexError):
            fail('%s: LibreOffice value %r in column %d, cached %r' % (path, lo[c - 1:c], c, cached))
            continue
        if not close(got, float(cached)):
            fail('%s: LibreOffice computes %r in column %d, cached %r' % (path, got, c, cached))
        n += 1
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--xlsx', required=True)
    ap.add_argument('--indicators', required=True)
    ap.add_argument('--analysis', required=True)
    ap.add_argument('--period', required=True)
    ap.add_argument('--config')
    ap.add_argument('--data')
    ap.add_argument('--lo-dir')
    ap.add_argument('--expect-inject', action='store_true')
    ap.add_argument('--expect-inject-lists', action='store_true')
    ap.add_argument('--expect-objectives', action='store_true')
    ap.add_argument('--draft', type=int)
    ap.add_argument('--template')
    a = ap.parse_args()

    ind, order = read_indicators(a.indicators, a.period)
    if not order:
        # nothing to compare: every check below would pass on any workbook
        fail('%s holds no row of period %s' % (a.indicators, a.period))
    units, low = read_analysis(a.analysis, a.period)
    labels = read_objectives(a.config)
    for (u, _) in ind:
        if u != '*':
            units.setdefault(u, '')
    names = read_names(a.config)
    read_wording(a.template)
    declared = read_columns(a.template)
    seen = {}
    for code, nm in names.items():
        seen[nm] = None if nm in seen else code
    BY_NAME.update((nm, code) for nm, code in seen.items() if code is not None)
    fields = read_data_fields(a.data) | set(names.values())

    check_zip(a.xlsx)
    S = Sheets(a.xlsx)
    check_names(S.f)
    check_text(S)
    stats = {'numbers': 0, 'totals': 0, 'formulas': 0, 'inject': 0, 'lists': 0,
             'dates': 0, 'inject_data': set(), 'identities': 0, 'numbered': 0,
             'lowsample': 0, 'objectives': 0, 'charts': 0, 'declared': 0, 'range': 0}
    unit_sheets = []
    totals, allowed, data_seen, data_sheets, obj_sheets = {}, set(), False, set(), 0
    for name in S.f.sheetnames:
        ws = S.f[name]
        if ws.cell(1, 1).value == 'period':
            check_data_sheet(ws, order)
            data_seen = True
            data_sheets.add(name)
            continue
        has_formula = any(c.data_type == 'f' for row in ws.iter_rows() for c in row)
        heads = [c.value for row in ws.iter_rows(max_row=min(ws.max_row, 10)) for c in row
                 if isinstance(c.value, str)]
        if not has_formula and labels and any(lab in h for h in heads for lab in labels.values()) \
                and WORDS['target'] in heads:
            check_objectives_sheet(name, S, ind, units, labels, stats)
            obj_sheets += 1
            unit_sheets.append(name)
        elif has_formula or any(c.value == WORDS['total_label'] for row in ws.iter_rows()
                                for c in row):
            tr = check_units_sheet(name, S, ind, units, names, stats, allowed, low,
                                   declared.get(name))
            if tr:
                totals[name] = tr
            unit_sheets.append(name)
        else:
            check_register_sheet(name, S, ind, units, fields, stats)
    check_charts(a.xlsx, S, stats, ind, allowed)
    check_range_months(S, unit_sheets, stats)
    check_no_stray_formulas(S, allowed)
    if not data_seen:
        fail('no data sheet (header period,unit,indicator,value)')
    if a.expect_objectives and obj_sheets == 0 and \
            any(k[1].startswith('objective.') for k in ind):
        fail('no sheet shows the quality objectives of the CSV')
    if a.draft is not None:
        check_draft(S, a.draft, data_sheets, WORDS['draft'])
    check_fit(S, data_sheets)
    check_title_repeat(S)
    check_pages(a.xlsx, S)
    check_print(S, data_sheets)
    check_rate_edges(S)
    p = S.f.properties
    if not p.title or not p.creator or not p.created:
        fail('document properties missing: title %r author %r created %r' % (p.title, p.creator, p.created))
    if a.expect_inject:
        if stats['inject'] == 0:
            fail('no unit name starting with = + - @ was found in the workbook')
        if a.expect_inject_lists and a.data and stats['lists'] and \
                set('=+-@\t\r') - stats['inject_data']:
            fail('injection texts of the data not all found: %r' % sorted(set('=+-@\t\r') - stats['inject_data']))
    lo = 0
    if a.lo_dir:
        lo = check_lo(a.lo_dir, os.path.splitext(os.path.basename(a.xlsx))[0], S, totals, ind)
    if stats['numbers'] == 0:
        fail('no number of a unit sheet was compared with the indicators CSV')
    if a.lo_dir and totals and lo == 0:
        fail('LibreOffice recalculated no formula of the organization rows')
    if failures:
        print('xlsx_check: %s: %d failures' % (a.xlsx, len(failures)), file=sys.stderr)
        return 1
    print('xlsx_check: %s: ok: %d numbers, %d organization values, %d formulas evaluated, '
          '%d injection names, %d lists (%d dates), %d objective values, %d low-sample flags, '
          '%d numbered-row identities, %d charts, %d columns as the template says, '
          '%d months lines of a range%s%s' %
          (os.path.basename(a.xlsx), stats['numbers'], stats['totals'], stats['formulas'],
           stats['inject'], stats['lists'], stats['dates'], stats['objectives'],
           stats['lowsample'], stats['identities'], stats['charts'], stats['declared'],
           stats['range'],
           ', draft %d' % a.draft if a.draft is not None else '',
           ', %d values recomputed by LibreOffice' % lo if a.lo_dir else ''))
    return 0


if __name__ == '__main__':
    sys.exit(main())
