"""pdf_suggestions.py: the improvement summary's figures that are no
indicator, computed here from the suggestions registers themselves
(input/YYYY-MM/*.suggestions.csv), as SPEC §3.2, §5 and §6 and
docs/PDF.md ("The improvement summary") define them, without the
programs' normalized stream; used by pdf_figures.py (--input).

Read so:
- Folders read: every input/YYYY-MM up to the reporting month that holds
  the period's last day (SPEC §6), in month order, files in byte order of
  their names; the copy of a unit + id in the latest folder replaces the
  whole row (a status list).
- The window: the period's first and last day under the cut-off rule of
  config/baocao.ini (SPEC §5); an ad-hoc range, its own dates.
- Counted by received_on in the window: assigned = a non-empty assignee;
  the days to the QMR = to_qmr_on - received_on of those whose to_qmr_on
  is on or before the last day, their mean and median (the median of an
  even count the mean of the two middle ones), printed with up to one
  decimal ("4", "3,5"), "-" when none was forwarded.
- Open suggestions: every row received on or before the last day, in any
  earlier period too, whose status in its latest copy is moi,
  dang_xem_xet or dang_thuc_hien. A register has no date of its status,
  so "open at the end of the period" can only be the latest copy's state
  (a report of a past period read after later folders came in still
  reads only its own folders, so it is that state). Listed by unit in
  units.ini's order (others after them by code), each unit's by the date
  received; docs/PDF.md orders no further, so rows of one unit and one
  date may come in any order and are compared as a set. Each row prints
  its number, the unit's name, the date (DD/MM/YYYY), the content, the
  assignee (blank when none) and the state ([improvement] status_X).
- The same rows' counts (received, to the QMR, implemented, rejected,
  pending, notified) are held against the indicators CSV's suggestions.*
  (per unit and '*'), which the summary's other figures are compared with.
"""

import csv
import datetime as dt
import glob
import io
import os
import re

OPEN = ('moi', 'dang_xem_xet', 'dang_thuc_hien')
MARGIN_LEFT, MARGIN_RIGHT = 30 * 72 / 25.4, 595.276 - 15 * 72 / 25.4


def day(s):
    """A register date, 'YYYY-MM-DD' or 'DD/MM/YYYY'; None when empty."""
    s = s.strip()
    if not s:
        return None
    m = re.fullmatch(r'(\d{2})/(\d{2})/(\d{4})', s)
    if m:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return dt.date.fromisoformat(s)


def month_window(y, m, cut):
    """The first and last day of reporting month y-m (SPEC §5)."""
    first = dt.date(y, m, 1)
    nxt = dt.date(y + m // 12, m % 12 + 1, 1)
    if cut == 0:
        return first, nxt - dt.timedelta(days=1)
    prev = dt.date(y - (m == 1), (m - 2) % 12 + 1, 1)
    return prev.replace(day=cut), first.replace(day=cut - 1)


# A period label's reporting months: (pattern, first and last month).
MONTHS = [
    (r'(\d{4})-(\d\d)', lambda y, g: (int(g), int(g))),
    (r'(\d{4})-Q([1-4])', lambda y, g: (3 * int(g) - 2, 3 * int(g))),
    (r'(\d{4})-H([12])', lambda y, g: (6 * int(g) - 5, 6 * int(g))),
    (r'(\d{4})-(9M)', lambda y, g: (1, 9)),
    (r'(\d{4})()', lambda y, g: (1, 12)),
]


def window(period, cut):
    """(first day, last day, (year, month) of the last folder read)."""
    m = re.fullmatch(r'(\d{4}-\d\d-\d\d)\.\.(\d{4}-\d\d-\d\d)', period)
    if m:
        a, b = day(m.group(1)), day(m.group(2))
        y, mo = b.year, b.month
        if cut and b.day >= cut:
            y, mo = y + mo // 12, mo % 12 + 1
        return a, b, (y, mo)
    for pattern, months in MONTHS:
        m = re.fullmatch(pattern, period)
        if m:
            y = int(m.group(1))
            m0, m1 = months(y, m.group(2))
            return (month_window(y, m0, cut)[0], month_window(y, m1, cut)[1],
                    (y, m1))
    raise ValueError('unknown period ' + period)


def read_text(path, encoding):
    raw = open(path, 'rb').read()
    try:
        return raw.decode('utf-8-sig')
    except UnicodeDecodeError:
        if encoding.lower() != 'cp1258':
            raise
        return raw.decode('cp1258')


def read_rows(input_dir, last, encoding, nfc):
    """{(unit, id): row} of the folders up to last, the latest copy of
    each; a row's fields NFC, its dates parsed."""
    rows = {}
    for folder in sorted(glob.glob(os.path.join(input_dir, '[0-9]' * 4 +
                                                '-[0-9][0-9]'))):
        y, m = map(int, os.path.basename(folder).split('-'))
        if (y, m) > last:
            continue
        for path in sorted(glob.glob(os.path.join(folder,
                                                  '*.suggestions.csv')),
                           key=lambda p: os.fsencode(p)):
            text = read_text(path, encoding)
            for r in csv.DictReader(io.StringIO(text, newline='')):
                r = {k.strip(): nfc(v or '') for k, v in r.items() if k}
                for k in ('received_on', 'to_qmr_on', 'notified_on'):
                    r[k] = day(r.get(k, ''))
                r['unit'] = r['unit'].strip()
                r['status'] = r['status'].strip()
                r['assignee'] = r.get('assignee', '').strip()
                rows[(r['unit'], r['id'].strip())] = r
    return rows


def vn_days(v, vn_num):
    return '-' if v is None else vn_num(v, 1)


class Registers:
    """What the summary prints from the registers, for the period."""

    def __init__(self, input_dir, period, cut, encoding, nfc):
        self.first, self.last, fold = window(period, cut)
        self.rows = read_rows(input_dir, fold, encoding, nfc)
        inside = [r for r in self.rows.values()
                  if self.first <= r['received_on'] <= self.last]
        fwd = sorted((r['to_qmr_on'] - r['received_on']).days
                     for r in inside
                     if r['to_qmr_on'] and r['to_qmr_on'] <= self.last)
        n = len(fwd)
        self.assigned = sum(1 for r in inside if r['assignee'])
        self.days_mean = sum(fwd) / n if n else None
        self.days_median = ((fwd[(n - 1) // 2] + fwd[n // 2]) / 2
                            if n else None)
        # the counts of suggestions.*, per unit and '*', to hold against
        # the indicators CSV
        self.counts = {}
        for r in inside:
            for u in (r['unit'], '*'):
                c = self.counts.setdefault(u, dict.fromkeys(COUNTS, 0))
                for name, test in COUNTS.items():
                    c[name] += test(r, self.last)
        self.open = [r for r in self.rows.values()
                     if r['received_on'] <= self.last and r['status'] in OPEN]


COUNTS = {
    'suggestions.received': lambda r, last: 1,
    'suggestions.to_qmr': lambda r, last: bool(r['to_qmr_on'] and
                                               r['to_qmr_on'] <= last),
    'suggestions.implemented': lambda r, last: r['status'] == 'da_thuc_hien',
    'suggestions.rejected': lambda r, last: r['status'] == 'khong_chap_nhan',
    'suggestions.pending': lambda r, last: r['status'] in OPEN,
    'suggestions.notified': lambda r, last: bool(r['notified_on'] and
                                                 r['notified_on'] <= last),
}


def check_counts(doc, reg, ind, bad):
    """The registers' suggestions.* against the indicators CSV's (every
    unit with a row received in the period, and '*'): the summary's other
    figures are the CSV's, and these are the same rows."""
    n = 0
    for u, c in sorted(reg.counts.items()):
        for name, want in c.items():
            have = ind.get((u, name), 0.0)
            n += 1
            if have != want:
                bad.append('%s: registers: %s %s: the indicators CSV has '
                           '%g, the registers give %d' % (doc, u, name,
                                                           have, want))
    return n


# ------------------------------------------------------------ the list

def boundaries(head):
    """The columns' edges from their headers' centres: the table spans
    the body (SPEC §7.1's margins) and each header is centred in its
    column, so each edge is the last one mirrored in the next centre."""
    edges = [MARGIN_LEFT]
    for c in head:
        edges.append(2 * c.xc - edges[-1])
    return edges


def column_of(edges, x0, x1):
    for i in range(len(edges) - 1):
        if x0 >= edges[i] - 0.5 and x1 <= edges[i + 1] + 0.5:
            return i
    return None


def page_rows(page, head, doc, bad):
    """The rows of the list under one header: [{column: [words]}], each
    row found by its number (column 0, centred in its row as every cell
    is): it runs from the first line under the row before it to as far
    below its number as that line is above."""
    edges = boundaries(head)
    if abs(edges[-1] - MARGIN_RIGHT) > 3:
        bad.append('%s: open suggestions: the columns do not span the '
                   'body (%.1f to %.1f)' % (doc, edges[0], edges[-1]))
        return []
    yb = max(c.y1 for c in head)
    words = []	# (yc, x0, column, text, y0, y1)
    for r in page:
        for (x0, x1), w in zip(r.wx, r.words):
            if r.y0 > yb - 0.5:
                words.append(((r.y0 + r.y1) / 2, x0, column_of(edges, x0, x1),
                              w, r.y0, r.y1))
    words.sort()
    numbers = [w for w in words if w[2] == 0 and w[3].isdigit()]
    rows, top = [], yb
    for yc, _, _, text, _, _ in numbers:
        first = min((w[4] for w in words if w[4] > top - 0.5), default=yc)
        bottom = 2 * yc - first
        cells = {}
        for w in words:
            if first - 0.5 <= w[4] and w[5] <= bottom + 0.5:
                if w[2] is None:
                    bad.append("%s: open suggestions: row %s: '%s' in no "
                               "column" % (doc, text, w[3]))
                    continue
                cells.setdefault(w[2], []).append(w[3])
        rows.append(cells)
        top = bottom + 0.5
    return rows


def expected_rows(d, reg):
    """The list as it should print: (number, unit, date, content,
    assignee, state), compared without spaces (a long word is broken
    inside its cell)."""
    order = {u: k for k, u in enumerate(d.order)}
    rows = sorted(reg.open, key=lambda r: (order.get(r['unit'], len(order)),
                                           r['unit'], r['received_on']))
    T = lambda k: d.T('improvement', 'improvement', k, k)
    return [(d.name(r['unit']), r['received_on'].strftime('%d/%m/%Y'),
             r['content'], r['assignee'], T('status_' + r['status']))
            for r in rows]


def canonical(rows):
    """Rows of one unit and one date sorted among themselves (their
    order is not defined)."""
    out, k = [], 0
    while k < len(rows):
        j = k
        while j < len(rows) and rows[j][:2] == rows[k][:2]:
            j += 1
        out += sorted(rows[k:j])
        k = j
    return out


def squeeze(s):
    return ''.join(s.split())


FIELDS = ['unit', 'date', 'content', 'assignee', 'state']


def list_headers(page, heads, stacks):
    """The list's header rows on a page: a cell per label, each right of
    the one before, all centred on the first's line (every header cell
    is vertically centred in its row; a unit's name wrapped after its
    first word "Đơn vị" is no header, though it reads as one)."""
    cands = [stacks(page, h) for h in heads]
    rows = []
    for first in cands[0]:
        row = [first]
        for cs in cands[1:]:
            ok = [c for c in cs
                  if c.xc > row[-1].xc + 2 and abs(c.yc - first.yc) < 3]
            if not ok:
                break
            row.append(min(ok, key=lambda c: c.xc))
        if len(row) == len(heads):
            rows.append(row)
    return rows


def check_open(doc, pages, d, reg, stacks, bad):
    """The list of open suggestions against the registers; how many cells
    it compared."""
    T = lambda k, dflt: d.T('improvement', 'improvement', k, dflt)
    heads = [T('col_no', 'TT'),
             d.T('improvement', 'labels', 'unit_column', 'Đơn vị'),
             T('col_date', 'Ngày tiếp nhận'),
             T('col_content', 'Nội dung ý kiến'),
             T('col_assignee', 'Người thực hiện'),
             T('col_status', 'Tình trạng')]
    got = []
    for page in pages:
        for head in list_headers(page, heads, stacks):
            got += page_rows(page, head, doc, bad)
    want = expected_rows(d, reg)
    none = squeeze(T('no_open', ''))
    said_none = none and none in ''.join(w for page in pages for r in page
                                         for w in r.words)
    if not want:
        if got or not said_none:
            bad.append('%s: open suggestions: %d rows, want none (and '
                       '"%s")' % (doc, len(got), T('no_open', '')))
        return 1
    if said_none:
        bad.append('%s: open suggestions: says none, want %d' %
                   (doc, len(want)))
    nums = [' '.join(c.get(0, [])) for c in got]
    if nums != [str(k + 1) for k in range(len(got))]:
        bad.append('%s: open suggestions: numbered %s' % (doc, nums))
    printed = canonical([tuple(squeeze(' '.join(c.get(i, [])))
                               for i in range(1, 6)) for c in got])
    if len(printed) != len(want):
        bad.append('%s: open suggestions: %d rows, want %d' %
                   (doc, len(printed), len(want)))
    n = 0
    for k, (g, w) in enumerate(zip(printed,
                                   canonical([tuple(map(squeeze, r))
                                              for r in want]))):
        for field, gs, ws in zip(FIELDS, g, w):
            n += 1
            if gs != ws:
                bad.append("%s: open suggestions: row %d: %s: printed '%s', "
                           "want '%s'" % (doc, k + 1, field, gs[:60],
                                          ws[:60]))
    return n
