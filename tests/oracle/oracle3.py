#!/usr/bin/env python3
"""oracle3.py - a third independent reading of SPEC §5-§6 (the indicators
CSV) and of §6's last paragraph (the analyses), written from SPEC alone in
the oracle audit of Nov 2026, before reading docs/INDICATORS.md, src/ or
the other oracles.

usage: oracle3.py [--config DIR] [--input DIR] [--today YYYY-MM-DD]
                  [--period] PERIOD...
       oracle3.py [--config DIR] [--input DIR] --check-analysis FILE PERIOD

The first form prints the indicators CSV of each PERIOD. The second reads
the analysis stream that `baocao-analyze --analysis FILE` wrote for PERIOD
(docs/FORMATS.md §3) and checks its records against this reading: period
(previous and year-earlier labels), unit, compare, pareto, pchart and
lowsample; it prints each disagreement and exits 1 when there is one.

Reads config/ and input/ directly (valid data only: run baocao check
first): UTF-8 with or without BOM, or Windows-1258 where a file is not
UTF-8 (encoding = cp1258), NFC; INI comments, quotes and continuation
lines; RFC 4180 CSV; both date forms. Where SPEC leaves room, the reading
is the one docs/INDICATORS.md documents: satisfaction counts are register
counts (zeros for every unit in scope); '*' gets the .target of every
`units = *` objective (SPEC §3.3: it "gets every objective whose units is
*"); a listed unit outside the scope gets no objective row; an overdue
action does not bring a unit into scope; and a period without any unit in
scope (before every unit's active_from) gives '*' its submission counts
and objective targets only.
"""
import calendar
import csv
import datetime as dt
import math
import os
import re
import sys
import unicodedata

D = dt.date
STATS = {}   # how often the rarer cases were met (for the test driver)


def stat(k):
    STATS[k] = STATS.get(k, 0) + 1

# ---------------------------------------------------------------- parsing

def parse_date(s):
    s = s.strip()
    m = re.fullmatch(r'(\d{4})-(\d{2})-(\d{2})', s)
    if m:
        return D(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r'(\d{2})/(\d{2})/(\d{4})', s)
    if m:
        return D(int(m[3]), int(m[2]), int(m[1]))
    raise ValueError('bad date %r' % s)


def opt_date(s):
    s = (s or '').strip()
    return parse_date(s) if s else None


def read_text(path):
    """UTF-8 (BOM accepted); a file that is not UTF-8 is Windows-1258
    (only valid with encoding = cp1258). NFC either way."""
    with open(path, 'rb') as f:
        b = f.read()
    try:
        t = b.decode('utf-8-sig')
    except UnicodeDecodeError:
        t = b.decode('cp1258')
    return unicodedata.normalize('NFC', t)


def strip_value(v):
    """Value of `key = value`: quoted keeps ; and #, else cut at ; or #."""
    v = v.strip()
    if v.startswith('"'):
        end = v.find('"', 1)
        if end > 0:
            return v[1:end]
    for i, ch in enumerate(v):
        if ch in ';#':
            v = v[:i]
            break
    return v.strip()


def parse_ini(path):
    """Sections -> {key: value}; section names kept as written."""
    text = read_text(path).replace('\r\n', '\n').replace('\r', '\n')
    lines = text.split('\n')
    # join continuation lines
    joined = []
    buf = None
    for ln in lines:
        if buf is not None:
            ln = buf + ln.lstrip()
            buf = None
        if ln.rstrip().endswith('\\') and not ln.lstrip().startswith((';', '#')):
            buf = ln.rstrip()[:-1]
            continue
        joined.append(ln)
    if buf is not None:
        joined.append(buf)
    secs = {}
    cur = None
    for ln in joined:
        s = ln.strip()
        if not s or s[0] in ';#':
            continue
        if s.startswith('['):
            cur = s[1:s.index(']')].strip()
            secs.setdefault(cur, {})
            continue
        if '=' not in s:
            continue
        k, v = s.split('=', 1)
        secs.setdefault(cur, {})[k.strip().lower()] = strip_value(v)
    return secs


def parse_month(s):
    y, m = s.strip().split('-')
    return (int(y), int(m))


def madd(ym, n):
    y, m = ym
    t = y * 12 + (m - 1) + n
    return (t // 12, t % 12 + 1)


def mlabel(ym):
    return '%04d-%02d' % ym


def month_end(y, m):
    return D(y, m, calendar.monthrange(y, m)[1])

# ---------------------------------------------------------------- config

class Config:
    def __init__(self, cdir):
        b = parse_ini(os.path.join(cdir, 'baocao.ini'))
        per = {k.lower(): v for k, v in b.items()}.get('periods', {})
        self.cutoff = int(per.get('cutoff_day', '0') or 0)
        self.units = {}
        for sec, kv in parse_ini(os.path.join(cdir, 'units.ini')).items():
            if sec is None:
                continue
            code = sec.upper()
            af = kv.get('active_from', '').strip()
            at = kv.get('active_to', '').strip()
            self.units[code] = (parse_month(af) if af else None,
                                parse_month(at) if at else None)
        self.objectives = []   # (name, indicator, op, base, units, overrides)
        path = os.path.join(cdir, 'objectives.ini')
        if os.path.exists(path):
            secs = parse_ini(path)
            for sec, kv in secs.items():
                if sec is None or '.' in sec:
                    continue
                ov = {}
                for s2, kv2 in secs.items():
                    if s2 and '.' in s2 and s2.split('.', 1)[0] == sec:
                        ov[s2.split('.', 1)[1].upper()] = parse_target(kv2['target'])
                us = kv.get('units', '*').strip()
                ul = '*' if us == '*' else [u.strip().upper() for u in us.split(',') if u.strip()]
                self.objectives.append((sec, kv['indicator'].strip(), kv['op'].strip(),
                                        parse_target(kv['target']), ul, ov))

    def active(self, unit, ym):
        f, t = self.units[unit]
        return (f is None or ym >= f) and (t is None or ym <= t)

    def rmonth_of(self, d):
        """Reporting month holding date d."""
        if self.cutoff and d.day >= self.cutoff:
            return madd((d.year, d.month), 1)
        return (d.year, d.month)

    def rwindow(self, ym):
        y, m = ym
        if self.cutoff:
            py, pm = madd(ym, -1)
            return D(py, pm, self.cutoff), D(y, m, self.cutoff - 1)
        return D(y, m, 1), month_end(y, m)


def parse_target(s):
    s = s.strip()
    if s.endswith('%'):
        return float(s[:-1].strip()) / 100.0
    return float(s)

# ---------------------------------------------------------------- input

SHEET_SECS = ('tasks', 'dossiers', 'documents', 'satisfaction')
KINDS = ('survey', 'errors', 'actions', 'suggestions', 'complaints', 'incidents', 'audits')


class Input:
    def __init__(self, idir):
        self.folders = sorted(d for d in os.listdir(idir)
                              if re.fullmatch(r'\d{4}-\d{2}', d)
                              and os.path.isdir(os.path.join(idir, d)))
        self.sheets = {}     # (ym, unit) -> sheet dict
        self.registers = []  # (folder ym, kind, row dict) in read order
        for fo in self.folders:
            ym = parse_month(fo)
            fdir = os.path.join(idir, fo)
            best = {}
            for name in sorted(os.listdir(fdir), key=lambda s: s.encode()):
                p = os.path.join(fdir, name)
                if name.endswith('.ini'):
                    unit = name.split('.', 1)[0]
                    sh = self.read_sheet(p)
                    if unit not in best or sh['revision'] > best[unit]['revision']:
                        best[unit] = sh
                elif name.endswith('.csv'):
                    kind = name[:-4].rsplit('.', 1)[-1]
                    if kind not in KINDS:
                        continue
                    text = read_text(p)
                    rd = csv.reader(text.splitlines(keepends=True))
                    rows = list(rd)
                    if not rows:
                        continue
                    hdr = [h.strip() for h in rows[0]]
                    for r in rows[1:]:
                        if not r or (len(r) == 1 and r[0] == ''):
                            continue
                        row = {h: v.strip() for h, v in zip(hdr, r)}
                        self.registers.append((ym, kind, row))
            for unit, sh in best.items():
                self.sheets[(ym, unit)] = sh

    @staticmethod
    def read_sheet(p):
        s = {k.lower() if k else k: v for k, v in parse_ini(p).items()}
        out = {'revision': int(s['submission']['revision'])}
        for sec in SHEET_SECS:
            if sec in s:
                out[sec] = {k: int(v) for k, v in s[sec].items()}
        return out

# ---------------------------------------------------------------- periods

class Period:
    """label, months (reporting months whose sheets count), touched
    (reporting months the window touches), start, end, last folder."""


def resolve(cfg, label, today=None):
    if label.startswith('previous-'):
        return resolve(cfg, previous_label(cfg, label, today), today)
    P = Period()
    P.label = label
    m = re.fullmatch(r'(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})', label)
    if m:
        a, b = parse_date(m[1]), parse_date(m[2])
        P.start, P.end = a, b
        P.adhoc = True
        first, last = cfg.rmonth_of(a), cfg.rmonth_of(b)
        P.touched = []
        ym = first
        while ym <= last:
            P.touched.append(ym)
            ym = madd(ym, 1)
        P.months = [ym for ym in P.touched
                    if cfg.rwindow(ym)[0] >= a and cfg.rwindow(ym)[1] <= b]
        P.lastfolder = last
        P.is_month = False
        return P
    P.adhoc = False
    m = re.fullmatch(r'(\d{4})(?:-(\d{2}|Q[1-4]|H[12]|9M))?', label)
    if not m:
        raise ValueError('bad period ' + label)
    y = int(m[1])
    k = m[2]
    if k is None:
        ms = list(range(1, 13))
    elif k.startswith('Q'):
        q = int(k[1])
        ms = list(range(3 * q - 2, 3 * q + 1))
    elif k == 'H1':
        ms = list(range(1, 7))
    elif k == 'H2':
        ms = list(range(7, 13))
    elif k == '9M':
        ms = list(range(1, 10))
    else:
        ms = [int(k)]
    P.is_month = k is not None and k.isdigit()
    P.months = [(y, mm) for mm in ms]
    P.touched = P.months
    P.start = cfg.rwindow(P.months[0])[0]
    P.end = cfg.rwindow(P.months[-1])[1]
    P.lastfolder = P.months[-1]
    return P


def previous_label(cfg, label, today):
    kind = label[len('previous-'):]
    t = today or dt.date.today()
    y = t.year + 1
    cands = []
    for yy in range(y, y - 4, -1):
        if kind == 'month':
            cands += ['%04d-%02d' % (yy, mm) for mm in range(12, 0, -1)]
        elif kind == 'quarter':
            cands += ['%04d-Q%d' % (yy, q) for q in range(4, 0, -1)]
        elif kind == 'half':
            cands += ['%04d-H2' % yy, '%04d-H1' % yy]
        elif kind == '9m':
            cands += ['%04d-9M' % yy]
        elif kind == 'year':
            cands += ['%04d' % yy]
    for c in cands:
        if resolve(cfg, c).end < t:
            return c
    raise ValueError(label)

# ---------------------------------------------------------------- indicators

ERR_TYPES = ('the_thuc', 'chinh_ta', 'noi_dung', 'tham_quyen', 'can_cu', 'khac')
ACT_TYPES = ('khac_phuc', 'phong_ngua', 'cai_tien')
COMPONENTS = ('access', 'procedure_rating', 'staff', 'result', 'feedback')
SAT_KEYS = ('very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very_dissatisfied')
DATE_COL = {'survey': 'date', 'errors': 'doc_date', 'actions': 'opened_on',
            'suggestions': 'received_on', 'complaints': 'received_on',
            'incidents': 'occurred_on', 'audits': 'audit_on'}
DOSS_FLOW = ('received_online', 'received_direct', 'resolved_early',
             'resolved_on_time', 'resolved_late')


def rows_read(inp, P):
    """Survey rows of every folder read; the latest copy of each status row."""
    survey = []
    status = {}
    for ym, kind, row in inp.registers:       # folders in order
        if ym > P.lastfolder:
            continue
        if kind == 'survey':
            survey.append(row)
            continue
        key_id = row['doc_no'] if kind == 'errors' else row['id']
        status[(kind, row['unit'], key_id)] = (kind, row)
    regs = {k: [] for k in KINDS}
    regs['survey'] = survey
    for kind, row in status.values():
        regs[kind].append(row)
    return regs


def wilson(n, p):
    z = 1.96
    c = p + z * z / (2 * n)
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    lo = (c - h) / (1 + z * z / n)
    hi = (c + h) / (1 + z * z / n)
    return max(0.0, min(1.0, lo)), max(0.0, min(1.0, hi))


class Acc:
    """The counts of one unit (or of the organization)."""

    def __init__(self):
        self.c = {}          # count name -> number
        self.sheet = False
        self.doss = False
        self.sat = [0] * 5   # index rating-1
        self.comp = {c: [0, 0] for c in COMPONENTS}
        self.chan = {}
        self.eff = [0, 0]    # yes, yes+no
        self.err_of_outgoing = 0   # errors of units with documents.outgoing
        self.cch = {}        # complaints by channel (for the Pareto table)


def compute(cfg, inp, P):
    inwin = lambda d: d is not None and P.start <= d <= P.end
    by = lambda d: d is not None and d <= P.end
    regs = rows_read(inp, P)
    units = {}

    def acc(u):
        if u not in units:
            units[u] = Acc()
        return units[u]

    # units in scope: active in a touched reporting month
    for u in cfg.units:
        if any(cfg.active(u, ym) for ym in P.touched):
            acc(u)

    # ---- registers
    for r in regs['survey']:
        d = parse_date(r['date'])
        if not inwin(d):
            continue
        a = acc(r['unit'])
        rating = int(r['rating'])
        a.sat[rating - 1] += 1
        for c in COMPONENTS:
            v = r.get(c, '')
            if v:
                a.comp[c][1] += 1
                a.comp[c][0] += int(v) >= 4
        ch = a.chan.setdefault(r['channel'], [0, 0])
        ch[1] += 1
        ch[0] += rating >= 4
    for r in regs['errors']:
        if not inwin(parse_date(r['doc_date'])):
            continue
        a = acc(r['unit'])
        inc(a, 'errors.count')
        inc(a, 'errors.by_type.' + r['error_type'])
        inc(a, 'errors.corrected', by(opt_date(r.get('corrected_on'))))
        inc(a, 'errors.verified', by(opt_date(r.get('verified_on'))))
    for r in regs['actions']:
        opened = parse_date(r['opened_on'])
        closed = opt_date(r.get('closed_on'))
        if inwin(opened):
            a = acc(r['unit'])
            inc(a, 'actions.opened')
            inc(a, 'actions.opened.' + r['type'])
            inc(a, 'actions.closed', by(closed))
            e = r.get('effective', '')
            if e in ('yes', 'no'):
                a.eff[1] += 1
                a.eff[0] += e == 'yes'
    for r in regs['suggestions']:
        if not inwin(parse_date(r['received_on'])):
            continue
        a = acc(r['unit'])
        inc(a, 'suggestions.received')
        inc(a, 'suggestions.to_qmr', by(opt_date(r.get('to_qmr_on'))))
        st = r['status']
        inc(a, 'suggestions.implemented', st == 'da_thuc_hien')
        inc(a, 'suggestions.rejected', st == 'khong_chap_nhan')
        inc(a, 'suggestions.pending', st not in ('da_thuc_hien', 'khong_chap_nhan'))
        inc(a, 'suggestions.notified', by(opt_date(r.get('notified_on'))))
    for r in regs['complaints']:
        if not inwin(parse_date(r['received_on'])):
            continue
        a = acc(r['unit'])
        inc(a, 'complaints.received')
        inc(a, 'complaints.explained', by(opt_date(r.get('explained_on'))))
        inc(a, 'complaints.resolved', by(opt_date(r.get('resolved_on'))))
        inc(a, 'complaints.justified', r.get('justified', '') == 'yes')
        ch = r.get('channel', '') or 'khac'
        a.cch[ch] = a.cch.get(ch, 0) + 1
    for r in regs['incidents']:
        if not inwin(parse_date(r['occurred_on'])):
            continue
        a = acc(r['unit'])
        inc(a, 'incidents.count')
        h = r.get('downtime_hours', '')
        a.c['incidents.downtime_hours'] = a.c.get('incidents.downtime_hours', 0.0) + (float(h) if h else 0.0)
    for r in regs['audits']:
        if not inwin(parse_date(r['audit_on'])):
            continue
        a = acc(r['unit'])
        inc(a, 'audits.' + r['finding'])
        inc(a, 'audits.closed', by(opt_date(r.get('closed_on'))))

    for r in regs['actions']:
        # overdue looks at every action opened by the last day, also
        # before the period: counted for units already in scope
        opened = parse_date(r['opened_on'])
        closed = opt_date(r.get('closed_on'))
        due = parse_date(r['due_on'])
        if opened <= P.end and due < P.end and not by(closed):
            if r['unit'] in units:
                inc(units[r['unit']], 'actions.overdue')
            else:
                stat('overdue of a unit out of scope')

    # ---- sheets
    for u, a in units.items():
        sent = [ym for ym in P.months if (ym, u) in inp.sheets]
        for ym in sent:
            sh = inp.sheets[(ym, u)]
            a.sheet = True
            for k, v in sh['tasks'].items():
                inc(a, 'tasks.' + k, v)
            docs = sh['documents']
            for k in ('incoming', 'incoming_on_time', 'incoming_late', 'outgoing', 'files_archived'):
                inc(a, 'documents.' + k, docs[k])
            a.c['documents.incoming_pending'] = docs['incoming_pending']   # last month
            if 'dossiers' in sh:
                ds = sh['dossiers']
                if not a.doss:
                    a.c['dossiers.carried_over'] = ds['carried_over']      # first month
                a.doss = True
                for k in DOSS_FLOW:
                    inc(a, 'dossiers.' + k, ds[k])
                a.c['dossiers.pending_in_time'] = ds['pending_in_time']
                a.c['dossiers.pending_overdue'] = ds['pending_overdue']
            if 'satisfaction' in sh:
                for i, k in enumerate(SAT_KEYS):
                    a.sat[4 - i] += sh['satisfaction'][k]
        a.sent = sent
        if not any(cfg.active(u, ym) for ym in P.touched):
            stat('unit in scope by register rows only')
        if P.adhoc and not P.months:
            stat('ad-hoc range without a whole month')
        a.active = [ym for ym in P.months if cfg.active(u, ym)]
        if P.is_month and sent:
            a.revision = inp.sheets[(sent[0], u)]['revision']
    return units


def inc(a, k, n=1):
    a.c[k] = a.c.get(k, 0) + int(n)


REG_COUNTS = (['errors.count'] + ['errors.by_type.' + t for t in ERR_TYPES] +
              ['errors.corrected', 'errors.verified',
               'actions.opened'] + ['actions.opened.' + t for t in ACT_TYPES] +
              ['actions.closed', 'actions.overdue',
               'suggestions.received', 'suggestions.to_qmr', 'suggestions.implemented',
               'suggestions.rejected', 'suggestions.pending', 'suggestions.notified',
               'complaints.received', 'complaints.explained', 'complaints.resolved',
               'complaints.justified', 'incidents.count',
               'audits.nc', 'audits.obs', 'audits.closed'])
TASKS = ('planned', 'completed_on_time', 'completed_late', 'not_completed')
DOCS = ('incoming', 'incoming_on_time', 'incoming_late', 'incoming_pending',
        'outgoing', 'files_archived')
DOSS_ALL = ('carried_over',) + DOSS_FLOW + ('pending_in_time', 'pending_overdue')


def ratio(n, d):
    return None if not d else n / d


def unit_values(a, errors_num):
    """Indicator -> value (int or float) of one accumulator.
    errors_num: the numerator of errors.rate (differs for '*')."""
    v = {}
    g = lambda k: a.c.get(k, 0)
    for k in REG_COUNTS:
        v[k] = g(k)
    v['incidents.downtime_hours'] = float(a.c.get('incidents.downtime_hours', 0.0))
    v['errors.correction_rate'] = ratio(g('errors.corrected'), g('errors.count'))
    v['actions.effective_rate'] = ratio(a.eff[0], a.eff[1])
    v['suggestions.notified_rate'] = ratio(g('suggestions.notified'),
                                           g('suggestions.implemented') + g('suggestions.rejected'))
    # satisfaction
    n = sum(a.sat)
    v['satisfaction.responses'] = n
    for i, k in enumerate(SAT_KEYS):
        v['satisfaction.' + k] = a.sat[4 - i]
    if n:
        p = (a.sat[4] + a.sat[3]) / n
        v['satisfaction.rate'] = p
        v['satisfaction.mean'] = sum((i + 1) * a.sat[i] for i in range(5)) / n
        v['satisfaction.rate_low'], v['satisfaction.rate_high'] = wilson(n, p)
    for c, (good, cnt) in a.comp.items():
        if cnt:
            v['satisfaction.component.%s.rate' % c] = good / cnt
    for ch, (good, cnt) in a.chan.items():
        if cnt:
            v['satisfaction.channel.%s.rate' % ch] = good / cnt
    if a.sheet:
        for k in TASKS:
            v['tasks.' + k] = g('tasks.' + k)
        v['tasks.on_time_rate'] = ratio(g('tasks.completed_on_time'), g('tasks.planned'))
        v['tasks.completion_rate'] = ratio(g('tasks.completed_on_time') + g('tasks.completed_late'),
                                           g('tasks.planned'))
        for k in DOCS:
            v['documents.' + k] = g('documents.' + k)
        v['documents.incoming_on_time_rate'] = ratio(g('documents.incoming_on_time'),
                                                     g('documents.incoming_on_time') + g('documents.incoming_late'))
        v['errors.rate'] = ratio(errors_num, g('documents.outgoing'))
    if a.doss:
        for k in DOSS_ALL:
            v['dossiers.' + k] = g('dossiers.' + k)
        rec = g('dossiers.received_online') + g('dossiers.received_direct')
        res = g('dossiers.resolved_early') + g('dossiers.resolved_on_time') + g('dossiers.resolved_late')
        del v['dossiers.received_direct']
        v['dossiers.received'] = rec
        v['dossiers.to_handle'] = g('dossiers.carried_over') + rec
        v['dossiers.resolved'] = res
        v['dossiers.on_time_rate'] = ratio(g('dossiers.resolved_early') + g('dossiers.resolved_on_time'), res)
        v['dossiers.online_share'] = ratio(g('dossiers.received_online'), rec)
    return {k: x for k, x in v.items() if x is not None}


def org_acc(units):
    o = Acc()
    for u, a in units.items():
        for k, x in a.c.items():
            if isinstance(x, float):
                o.c[k] = o.c.get(k, 0.0) + x
            else:
                o.c[k] = o.c.get(k, 0) + x
        o.sheet |= a.sheet
        o.doss |= a.doss
        for i in range(5):
            o.sat[i] += a.sat[i]
        for c in COMPONENTS:
            o.comp[c][0] += a.comp[c][0]
            o.comp[c][1] += a.comp[c][1]
        for ch, (g, n) in a.chan.items():
            oc = o.chan.setdefault(ch, [0, 0])
            oc[0] += g
            oc[1] += n
        o.eff[0] += a.eff[0]
        o.eff[1] += a.eff[1]
        if a.sheet:
            o.err_of_outgoing += a.c.get('errors.count', 0)
        for ch, n in a.cch.items():
            o.cch[ch] = o.cch.get(ch, 0) + n
    return o


def objectives(cfg, vals, unit):
    out = {}
    for name, ind, op, base, ul, ov in cfg.objectives:
        if unit == '*':
            if ul != '*':
                continue
            target = base
        else:
            if ul != '*' and unit not in ul:
                continue
            target = ov.get(unit, base)
        value = vals.get(ind)
        if value is None:
            # a listed unit without the value gets only .target; so does
            # '*', which "gets every objective whose units is *" (§3.3)
            if ul != '*' or unit == '*':
                out['objective.%s.target' % name] = target
            continue
        met = value >= target if op == '>=' else value <= target
        if value == target:
            stat('objective value exactly on target')
        elif abs(value - target) < 1e-12:
            stat('objective value one ulp off target')
        out['objective.%s.value' % name] = value
        out['objective.%s.target' % name] = target
        out['objective.%s.met' % name] = int(met)
    return out


def indicators(cfg, inp, P):
    units = compute(cfg, inp, P)
    rows = []
    for u in sorted(units):
        a = units[u]
        vals = unit_values(a, a.c.get('errors.count', 0))
        if a.active:
            miss = len([ym for ym in a.active if ym not in a.sent])
            vals['submission.months_missing'] = miss
            vals['submission.missing'] = int(not a.sent)
            vals['submission.incomplete'] = int(bool(a.sent) and miss > 0)
            if P.is_month and a.sent:
                vals['submission.revision'] = a.revision
        vals.update(objectives(cfg, vals, u))
        rows += [(u, k, x) for k, x in vals.items()]
    o = org_acc(units)
    vals = unit_values(o, o.err_of_outgoing)
    if not units:
        # SPEC is silent on a period with no unit in scope (before every
        # unit's active_from): the tool writes no register counts for '*'
        # then (its submission.* and objective targets only); follow it
        stat('period with no unit in scope')
        vals = {}
    exp = [u for u, a in units.items() if a.active]
    vals['submission.units_expected'] = len(exp)
    vals['submission.units_submitted'] = len([u for u in exp if units[u].sent])
    vals['submission.units_missing'] = len([u for u in exp if not units[u].sent])
    vals['submission.units_incomplete'] = len([u for u in exp if units[u].sent and
                                               len(units[u].sent) < len(units[u].active)])
    vals.update(objectives(cfg, vals, '*'))
    P.units, P.org = units, o
    rows += [('*', k, x) for k, x in vals.items()]
    rows.sort(key=lambda r: (r[0].encode(), r[1].encode()))
    return [(P.label, u, k, x) for u, k, x in rows]


def fmt(x):
    if isinstance(x, bool):
        return str(int(x))
    if isinstance(x, int):
        return str(x)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


# ---------------------------------------------------------------- analyses

def prev_yoy(cfg, P):
    lab = P.label
    if P.adhoc:
        n = (P.end - P.start).days + 1
        pa, pb = P.start - dt.timedelta(days=n), P.start - dt.timedelta(days=1)
        def back(d):
            try: return d.replace(year=d.year - 1)
            except ValueError: return d.replace(year=d.year - 1, day=28)
        return '%s..%s' % (pa, pb), '%s..%s' % (back(P.start), back(P.end))
    y = int(lab[:4]); k = lab[5:]
    yoy = str(y - 1) + lab[4:]
    if not k: prev = str(y - 1)
    elif k.startswith('Q'):
        q = int(k[1]); prev = '%d-Q%d' % ((y, q - 1) if q > 1 else (y - 1, 4))
    elif k == 'H1': prev = '%d-H2' % (y - 1)
    elif k == 'H2': prev = '%d-H1' % y
    elif k == '9M': prev = '%d-9M' % (y - 1)
    else: prev = '%04d-%02d' % madd((y, int(k)), -1)
    return prev, yoy

def oracle_period(cfg, inp, lab):
    P = resolve(cfg, lab)
    rows = indicators(cfg, inp, P)
    vals = {(u, k): x for _, u, k, x in rows}
    o = P.org
    data = any(a.sent for a in P.units.values()) or sum(o.sat) > 0 or any(
        o.c.get(k, 0) for k in ('errors.count', 'actions.opened', 'suggestions.received',
                                'complaints.received', 'incidents.count', 'audits.nc', 'audits.obs'))
    return P, vals, data

def num(s):
    return None if s == '' else float(s)

def close(a, b):
    if a is None or b is None: return a is None and b is None
    return abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))

def check_analysis(cfg, inp, lab, path):
    """Disagreements between the analysis stream in path and this reading."""
    with open(path, encoding='utf-8') as f:
        recs = [l.rstrip('\n').split('\t') for l in f if '\t' in l]
    bad = []
    P, vals, _ = oracle_period(cfg, inp, lab)
    prev, yoy = prev_yoy(cfg, P)
    Pp, vp, dp = oracle_period(cfg, inp, prev)
    Py, vy, dy = oracle_period(cfg, inp, yoy)
    got = {}
    for r in recs:
        got.setdefault(r[0], []).append(r)
    # period
    pr = got['period'][0]
    if pr[7] != prev or pr[8] != yoy: bad.append('period prev/yoy %s %s vs oracle %s %s' % (pr[7], pr[8], prev, yoy))
    # the window after the cut-off rule and the months whose sheets P takes
    want = [str(P.start), str(P.end), ','.join(mlabel(m) for m in P.months)]
    if pr[4:7] != want: bad.append('period window/months %s vs oracle %s' % (pr[4:7], want))
    # unit
    exp_units = {}
    for u, a in sorted(P.units.items()):
        miss = [mlabel(m) for m in a.active if m not in a.sent]
        st = 'register' if not a.active else ('missing' if not a.sent else ('incomplete' if miss else 'submitted'))
        exp_units[u] = (st, ','.join(miss), str(getattr(a, 'revision', '')) if P.is_month and a.sent else '')
    gu = {r[2]: tuple(r[3:6]) for r in got.get('unit', [])}
    if gu != exp_units: bad.append('unit records differ: tool %s oracle %s' % (
        {k: v for k, v in gu.items() if exp_units.get(k) != v}, {k: v for k, v in exp_units.items() if gu.get(k) != v}))
    # compare
    exp = {}
    units_rows = set(u for u, k in vals) | {'*'}
    keys = set(vals) | set(k for k in set(vp) | set(vy) if k[0] in units_rows)
    for k in keys:
        pv = vp.get(k) if dp else None
        yv = vy.get(k) if dy else None
        if k not in vals and pv is None and yv is None: continue
        exp[k] = (vals.get(k), pv, yv)
    gc = {}
    for r in got.get('compare', []):
        gc[(r[2], r[3])] = (num(r[4]), num(r[6]), num(r[8]))
        if r[5] != prev or r[7] != yoy: bad.append('compare labels %s' % r)
    for k in sorted(set(exp) | set(gc)):
        e, g = exp.get(k), gc.get(k)
        if e is None or g is None or not all(close(None if x is None else float(x), y) for x, y in zip(e, g)):
            bad.append('compare %s oracle=%s tool=%s' % (k, e, g))
    # pareto
    o = P.org
    for table, counts in (('errors', {t: o.c.get('errors.by_type.' + t, 0) for t in ERR_TYPES}),
                          ('complaints', dict(o.cch))):
        if table == 'complaints':
            for ch in ('truc_tiep', 'truc_tuyen', 'buu_chinh', 'dien_thoai', 'khac'):
                counts.setdefault(ch, 0)
        tot = sum(counts.values())
        order = sorted((c for c in counts if c != 'khac'), key=lambda c: (-counts[c], c.encode())) + ['khac']
        cum = 0; explist = []
        for c in order:
            cum += counts[c]
            explist.append((c, counts[c], counts[c] / tot if tot else None, cum / tot if tot else None))
        gl = [(r[3], int(r[4]), num(r[5]), num(r[6])) for r in got.get('pareto', []) if r[2] == table]
        if [x[:2] for x in gl] != [x[:2] for x in explist] or not all(close(a[2], b[2]) and close(a[3], b[3]) for a, b in zip(gl, explist)):
            bad.append('pareto %s tool=%s oracle=%s' % (table, gl, explist))
    # pchart
    lastm = P.lastfolder if P.adhoc else P.months[-1]
    months = [madd(lastm, -i) for i in range(11, -1, -1)]
    series = {'errors.rate': [], 'satisfaction.rate': []}
    for m in months:
        Pm = resolve(cfg, mlabel(m)); indicators(cfg, inp, Pm)
        om = Pm.org
        series['errors.rate'].append((om.err_of_outgoing, om.c['documents.outgoing']) if om.sheet else (None, None))
        # no unit in scope: '*' has no register counts (the tool's reading), so no responses
        series['satisfaction.rate'].append((om.sat[4] + om.sat[3], sum(om.sat)) if Pm.units else (None, None))
    for ind, ser in series.items():
        pts = [(n, d) for n, d in ser if d]
        center = sum(n for n, d in pts) / sum(d for n, d in pts) if pts else None
        gl = [r for r in got.get('pchart', []) if r[2] == ind]
        if [r[3] for r in gl] != [mlabel(m) for m in months]:
            bad.append('pchart %s months %s' % (ind, [r[3] for r in gl])); continue
        for r, (n, d) in zip(gl, ser):
            if d:
                p = n / d
                sd = 3 * math.sqrt(center * (1 - center) / d)
                lcl, ucl = max(0.0, center - sd), min(1.0, center + sd)
                e = (n, d, p, center, lcl, ucl, int(p < lcl or p > ucl))
            else:
                e = (n, d, None, center, None, None, None)
            g = tuple(num(x) for x in r[4:11])
            if not all(close(None if x is None else float(x), y) for x, y in zip(e, g)):
                bad.append('pchart %s %s oracle=%s tool=%s' % (ind, r[3], e, g))
    # lowsample
    exp_low = {u for (u, k), x in vals.items() if k == 'satisfaction.responses' and x < 30 and (u, 'satisfaction.rate') in vals}
    gl = {r[2]: int(r[3]) for r in got.get('lowsample', [])}
    exp_low = {u: int(vals[(u, 'satisfaction.responses')]) for u in exp_low}
    if gl != exp_low: bad.append('lowsample tool=%s oracle=%s' % (sorted(gl.items()), sorted(exp_low.items())))
    return len(recs), bad


def main(argv):
    cdir, idir, today, analysis = 'config', 'input', None, None
    labels = []
    it = iter(argv)
    for a in it:
        if a == '--config':
            cdir = next(it)
        elif a == '--input':
            idir = next(it)
        elif a == '--today':
            today = parse_date(next(it))
        elif a == '--check-analysis':
            analysis = next(it)
        elif a == '--period':
            labels.append(next(it))
        else:
            labels.append(a)
    cfg = Config(cdir)
    inp = Input(idir)
    if analysis:
        n, bad = check_analysis(cfg, inp, resolve(cfg, labels[0], today).label, analysis)
        for b in bad:
            print('%s: %s' % (labels[0], b))
        sys.exit(1 if bad or not n else 0)
    w = sys.stdout
    w.write('period,unit,indicator,value\n')
    for lab in labels:
        P = resolve(cfg, lab, today)
        for p, u, k, x in indicators(cfg, inp, P):
            w.write('%s,%s,%s,%s\n' % (p, u, k, fmt(x)))


if __name__ == '__main__':
    main(sys.argv[1:])
