#!/usr/bin/env python3
"""gen_random3.py SEED DIR [CUTOFF] - a random, valid data set for baocao.

Writes DIR/config/{baocao,units,objectives}.ini and DIR/input/YYYY-MM/:
4-7 units over 14-26 months spanning two years, units starting and ending
mid-range, missing months and folders, resubmissions (the winner not always
the file sorting last), status rows re-sent later with a new state (and now
and then a corrected date), rows dated in another month than their folder,
tallies and survey rows for different unit-months, zeros, dates on the 14th,
15th and month ends in both date forms, objectives with lists, overrides and
values exactly on target.
"""
import calendar
import datetime as dt
import itertools
import os
import random
import sys
import unicodedata

D = dt.date
ERR_TYPES = ('the_thuc', 'chinh_ta', 'noi_dung', 'tham_quyen', 'can_cu', 'khac')
ACT_TYPES = ('khac_phuc', 'phong_ngua', 'cai_tien')
CHANNELS = ('truc_tiep', 'truc_tuyen', 'buu_chinh')
COMPONENTS = ('access', 'procedure_rating', 'staff', 'result', 'feedback')


def madd(ym, n):
    t = ym[0] * 12 + ym[1] - 1 + n
    return (t // 12, t % 12 + 1)


def mlab(ym):
    return '%04d-%02d' % ym


def mend(ym):
    return calendar.monthrange(*ym)[1]


class Gen:
    def __init__(self, seed, cutoff):
        self.r = random.Random(seed)
        self.cutoff = cutoff
        self.cp1258 = self.r.random() < 0.25
        self.late_start = self.r.random() < 0.1   # every unit starts mid-range

    # -- small helpers
    def fdate(self, d):
        if self.r.random() < 0.3:
            return d.strftime('%d/%m/%Y')
        return d.isoformat()

    def odate(self, d):
        return '' if d is None else self.fdate(d)

    def day_in(self, ym):
        r = self.r.random()
        if r < 0.12:
            return D(ym[0], ym[1], 14)
        if r < 0.24:
            return D(ym[0], ym[1], 15)
        if r < 0.32:
            return D(ym[0], ym[1], mend(ym))
        if r < 0.38:
            return D(ym[0], ym[1], 1)
        return D(ym[0], ym[1], self.r.randint(1, mend(ym)))

    def after(self, d, maxdays, limit=None):
        """A date on or after d, at most maxdays later (and not past limit)."""
        x = d + dt.timedelta(days=self.r.randint(0, maxdays))
        if limit is not None and x > limit:
            x = max(d, limit)
        return x

    def row_month(self, folder):
        """Reporting-ish month of a row sent in folder: mostly the folder's."""
        x = self.r.random()
        if x < 0.72:
            return folder
        if x < 0.9:
            return madd(folder, -1)
        if x < 0.96:
            return madd(folder, -self.r.randint(2, 4))
        return madd(folder, 1)

    # -- the data set
    def build(self, out):
        r = self.r
        y0 = r.choice((2023, 2024, 2025))
        start = (y0, r.choice((1, 1, 1, 2, 3, 4, 5, 7, 10, 11, 12)))
        n = r.randint(14, 26)
        self.months = [madd(start, i) for i in range(n)]
        codes = ['VP', 'PNV', 'MOTCUA', 'P-TC', 'T_RA', 'X1', 'PYT', 'AB9', '0PX', 'A_B-C1234567890Z', '_U', '9']
        r.shuffle(codes)
        self.units = {}
        for c in codes[:r.randint(4, 7)]:
            f = t = None
            if r.random() < (0.3 if not self.late_start else 1):
                f = self.months[r.randint(1, n // 2)]
            if r.random() < 0.3:
                t = self.months[r.randint(n // 2, n - 2)]
            if f and t and t < f:
                f, t = t, f
            self.units[c] = (f, t)
        self.write_config(out)
        self.write_input(out)

    def active(self, u, ym):
        f, t = self.units[u]
        return (f is None or ym >= f) and (t is None or ym <= t)

    def write_config(self, out):
        r = self.r
        cdir = os.path.join(out, 'config')
        os.makedirs(cdir, exist_ok=True)
        with open(os.path.join(cdir, 'baocao.ini'), 'w') as f:
            f.write('[organization]\nparent = ỦY BAN NHÂN DÂN TỈNH X\n'
                    'name = ỦY BAN NHÂN DÂN HUYỆN Y\ncode = UBND\nplace = Y\n\n'
                    '[periods]\ncutoff_day = %d\n' % self.cutoff)
            if self.cp1258:
                f.write('\n[input]\nencoding = cp1258\n')
        with open(os.path.join(cdir, 'units.ini'), 'w') as f:
            for u, (a, b) in self.units.items():
                sec = u if r.random() < 0.7 else u.lower()
                f.write('[%s]\nname = Đơn vị %s\nhead_title = Trưởng phòng\nhead_name = A\n' % (sec, u))
                if a:
                    f.write('active_from = %s\n' % mlab(a))
                if b:
                    f.write('active_to   = %s   ; merged\n' % mlab(b))
                elif r.random() < 0.3:
                    f.write('active_to   =\n')
                f.write('\n')
        odd = ['14.3%', '33.3%', '57.7%', '0.7%', '1.1%', '28.6%', '4.1%', '16.7%', '29.1%']
        inds = [('tasks.on_time_rate', '>=', ['90%', '0.75', '75%', '95%'] + odd),
                ('tasks.on_time_rate', '<=', odd),
                ('tasks.completion_rate', '>=', ['95%', '1']),
                ('dossiers.on_time_rate', '>=', ['95%', '0.95', '98%']),
                ('dossiers.online_share', '>=', ['50%', '0.5']),
                ('satisfaction.rate', '>=', ['90%', '0.8', '80%']),
                ('errors.rate', '<=', ['2%', '0.05', '5%']),
                ('documents.incoming_on_time_rate', '>=', ['95%', '0.9']),
                ('actions.effective_rate', '>=', ['80%', '0.5']),
                ('suggestions.notified_rate', '>=', ['100%']),
                ('errors.correction_rate', '>=', ['12.5%', '0.5']),
                ('complaints.received', '<=', ['3', '0']),
                # indicators with generated names, counts, stocks, decimals
                ('satisfaction.channel.truc_tuyen.rate', '>=', ['80%', '0.75']),
                ('satisfaction.component.staff.rate', '>=', ['0.8']),
                ('satisfaction.mean', '>=', ['4', '4.2']),
                ('satisfaction.rate_low', '>=', ['0.5']),
                ('errors.by_type.the_thuc', '<=', ['0', '1']),
                ('submission.months_missing', '<=', ['0', '1']),
                ('submission.units_missing', '<=', ['0']),
                ('incidents.downtime_hours', '<=', ['10', '2.5']),
                ('dossiers.pending_overdue', '<=', ['0', '5']),
                ('actions.overdue', '<=', ['0'])]
        r.shuffle(inds)
        ul = list(self.units)
        with open(os.path.join(cdir, 'objectives.ini'), 'w') as f:
            for i, (ind, op, tg) in enumerate(inds[:r.randint(4, 11)]):
                name = 'obj_%d' % i
                if r.random() < 0.6:
                    us = '*'
                else:
                    us = ', '.join(r.sample(ul, r.randint(1, min(3, len(ul)))))
                f.write('[%s]\nlabel = Mục tiêu %d\nindicator = %s\nop = %s\ntarget = %s\nunits = %s\n\n'
                        % (name, i, ind, op, r.choice(tg), us))
                cand = ul if us == '*' else [x.strip() for x in us.split(',')]
                for u in r.sample(cand, r.randint(0, min(2, len(cand)))):
                    f.write('[%s.%s]\ntarget = %s\n\n' % (name, u, r.choice(tg)))
                out = [x for x in ul if x not in cand]
                if out and r.random() < 0.15:     # an override for a unit not in the list
                    f.write('[%s.%s]\ntarget = %s\n\n' % (name, r.choice(out), r.choice(tg)))

    # -- sheets
    def counts_rate(self):
        """(total, good) with now and then an exact 19/20, 3/4, 1/2, 0."""
        r = self.r
        x = r.random()
        if x < 0.15:
            return 20, 19
        if x < 0.25:
            return 4, 3
        if x < 0.3:
            return 2, 1
        if x < 0.38:
            return 0, 0
        t = r.randint(1, 40)
        return t, r.randint(max(0, t - 5), t)

    def sheet(self, u, ym, rev, tally):
        r = self.r
        secs = [('submission', [('unit', u), ('period', mlab(ym)),
                                ('revision', ('0' + str(rev)) if r.random() < 0.1 else str(rev))]
                 + ([('prepared_by', 'Lê Thị Bình')] if r.random() < 0.5 else [])
                 + ([('submitted_on', self.fdate(D(*madd(ym, 1), 3)))] if r.random() < 0.5 else []))]
        if r.random() < 0.05:               # tasks on an odd percentage (objective ties)
            planned, ot = 1000, r.choice((143, 333, 577, 7, 11, 286, 41, 167, 291))
        else:
            planned, ot = self.counts_rate()
        late = r.randint(0, planned - ot)
        secs.append(('tasks', [('planned', planned), ('completed_on_time', ot),
                               ('completed_late', late), ('not_completed', planned - ot - late)]))
        if self.has_doss[u] and r.random() < 0.85:
            co = r.randint(0, 30)
            on, di = r.randint(0, 60), r.randint(0, 40)
            if r.random() < 0.03:
                on = 4000000000 + r.randint(0, 9)      # past 32 bits
            tot = co + on + di
            res, good = self.counts_rate()
            res = min(res, tot)
            good = min(good, res)
            early = r.randint(0, good)
            late = res - good
            rest = tot - res
            pov = r.randint(0, rest)
            secs.append(('dossiers', [('carried_over', co), ('received_online', on),
                                      ('received_direct', di), ('resolved_early', early),
                                      ('resolved_on_time', good - early), ('resolved_late', late),
                                      ('pending_in_time', rest - pov), ('pending_overdue', pov)]))
        inc = r.randint(0, 80)
        iot = r.randint(0, inc)
        il = r.randint(0, inc - iot)
        outg = r.choice((0, 20, 50, 100, r.randint(1, 90)))
        secs.append(('documents', [('incoming', inc), ('incoming_on_time', iot),
                                   ('incoming_late', il), ('incoming_pending', inc - iot - il),
                                   ('outgoing', outg), ('files_archived', r.randint(0, 9))]))
        if tally:
            vals = [r.randint(0, 12) for _ in range(5)]
            if r.random() < 0.1:
                vals = [0] * 5
            secs.append(('satisfaction', list(zip(
                ('very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very_dissatisfied'), vals))))
        L = ['; BM.07.01 — %s — %s' % (u, mlab(ym))]
        if r.random() < 0.3:
            r.shuffle(secs)
        for name, kvs in secs:
            L += ['', '[%s]%s' % (name, r.choice(('', '   ; mục', '')))]
            if r.random() < 0.3:
                kvs = list(kvs)
                r.shuffle(kvs)
            for k, v in kvs:
                v = str(v)
                x = r.random()
                if x < 0.05 and v.isdigit() and name != 'submission':
                    v = '00' + v                  # leading zeros are decimal
                elif x < 0.08:
                    v = '"%s"' % v
                sep = r.choice((' = ', '=', '   =  '))
                tail = r.choice(('', '', '', ' ; ghi chú', '  # note', ';x', '#y'))
                L.append(k + sep + v + tail)
        if r.random() < 0.4:
            L += ['', '[narrative]', 'strengths = Hoàn thành tốt, còn tiếp \\',
                  '   tiếp tục dòng sau', 'weaknesses = "Còn chậm; # chưa đạt"']
        nl = '\r\n' if r.random() < 0.15 else '\n'
        return ('\ufeff' if r.random() < 0.1 else '') + nl.join(L) + nl

    # -- registers
    def write_input(self, out):
        r = self.r
        idir = os.path.join(out, 'input')
        os.makedirs(idir, exist_ok=True)
        self.has_doss = {u: r.random() < 0.6 for u in self.units}
        # tally months per unit: a unit gives tallies OR survey rows for a month
        self.tally = {u: set(m for m in self.months if r.random() < 0.25) for u in self.units}
        self.status = {k: {} for k in ('errors', 'actions', 'suggestions', 'complaints',
                                       'incidents', 'audits')}
        seq = [0]
        self.hist = {}
        self.idseq = {}
        skip_folder = set(m for m in self.months[1:-1] if r.random() < 0.06)
        for fo in self.months:
            if fo in skip_folder:
                continue
            fdir = os.path.join(idir, mlab(fo))
            os.makedirs(fdir, exist_ok=True)
            act = [u for u in self.units if self.active(u, fo)]
            for u in act:
                x = r.random()
                if x < 0.18:
                    continue                      # missing sheet
                tally = fo in self.tally[u]
                if x < 0.33:                      # resubmission
                    revs = sorted(r.sample(range(1, 6), 2))
                    names = [u + '.ini', u + '.r%d.ini' % revs[1]]
                    y = r.random()
                    if y < 0.3:                   # the winner sorts first
                        names = [u + '.b.ini', u + '.a.ini']
                    elif y < 0.45:                # a tag with dots: the unit is up to the first dot
                        names = [u + '.ini', u + '.r2.final.ini']
                    for name, rev in zip(names, revs):
                        self.emit(os.path.join(fdir, name), self.sheet(u, fo, rev, tally))
                else:
                    self.emit(os.path.join(fdir, u + '.ini'), self.sheet(u, fo, 1, tally))
            files = {}
            self.now = set()
            for u in act:
                self.survey_rows(u, fo, files)
                for kind in self.status:
                    self.status_rows(u, fo, kind, files, seq)
            self.resend(fo, act, files)
            for (name, kind), (hdr, rows) in files.items():
                nl = '\r\n' if r.random() < 0.2 else '\n'
                q = r.random() < 0.2              # quote fields that need no quotes
                text = ','.join(hdr) + nl + ''.join(
                    ','.join(csvq(row.get(h, ''), q and r.random() < 0.5) for h in hdr) + nl for row in rows)
                if rows and r.random() < 0.1:
                    text = text[:-len(nl)]        # the last line without its break
                self.emit(os.path.join(fdir, '%s.%s.csv' % (name, kind)), text)

    def emit(self, path, text):
        """Write UTF-8, now and then with a BOM, or Windows-1258 when the
        config says so (decomposed tone marks, as Windows writes them)."""
        if self.cp1258 and self.r.random() < 0.4:
            data = cp1258(text.lstrip('\ufeff'))
        else:
            if self.r.random() < 0.05 and not text.startswith('\ufeff'):
                text = '\ufeff' + text
            data = text.encode('utf-8')
        with open(path, 'wb') as f:
            f.write(data)

    def file_for(self, files, u, kind, hdr):
        name = u if self.r.random() < 0.7 else 'ALL'
        key = (name, kind)
        if key not in files:
            h = list(hdr)
            self.r.shuffle(h)
            files[key] = (h, [])
        elif set(files[key][0]) != set(hdr):
            key = (u, kind) if name == 'ALL' else ('ALL', kind)
            if key not in files:
                h = list(hdr)
                self.r.shuffle(h)
                files[key] = (h, [])
            elif set(files[key][0]) != set(hdr):
                key = (u + 'x', kind)
                files.setdefault(key, (list(hdr), []))
        return files[key][1]

    def survey_rows(self, u, fo, files):
        r = self.r
        if r.random() < 0.35:
            return
        comps = [c for c in COMPONENTS if r.random() < 0.6]
        hdr = ['unit', 'date', 'channel', 'rating'] + comps + (['comment'] if r.random() < 0.3 else [])
        rows = self.file_for(files, u, 'survey', hdr)
        for _ in range(r.randint(0, 14)):
            rm = self.row_month(fo)
            d = self.day_in(rm)
            # no survey row for a unit-month with tallies, under either cut-off
            near = {(d.year, d.month), madd((d.year, d.month), 1), fo}
            if near & self.tally[u]:
                continue
            row = {'unit': u, 'date': self.fdate(d), 'channel': r.choice(CHANNELS),
                   'rating': str(r.choice((5, 5, 4, 4, 4, 3, 2, 1)))}
            for c in comps:
                if r.random() < 0.8:
                    row[c] = str(r.randint(1, 5))
            if 'comment' in hdr and r.random() < 0.3:
                row['comment'] = 'Góp ý, "trích dẫn"\nxuống dòng'
            rows.append(row)
            self.hist.setdefault(u, []).append(row)
        if self.hist.get(u) and r.random() < 0.3:     # the same row sent again: never merged
            old = r.choice(self.hist[u])
            d = parse_any(old['date'])
            if not ({(d.year, d.month), madd((d.year, d.month), 1), fo} & self.tally[u]):
                rows.append(dict(old))

    def status_rows(self, u, fo, kind, files, seq):
        r = self.r
        if r.random() < 0.5:
            return
        for _ in range(r.randint(0, 3)):
            rm = self.row_month(fo)
            d = self.day_in(rm)
            # ids counted per kind and unit: the same id under two units is two rows
            n = self.idseq[(kind, u)] = self.idseq.get((kind, u), 0) + 1
            key = '%s-%d' % (('Ý' if self.r.random() < 0.2 else kind[:2].upper()), n)
            row = self.make_row(kind, u, key, d, fo)
            self.status[kind][(u, key)] = row
            self.put(files, kind, u, row)

    def limit(self, fo):
        return D(fo[0], fo[1], mend(fo))

    def make_row(self, kind, u, key, d, fo):
        r = self.r
        lim = self.limit(fo)
        late = lambda base, p: (self.after(base, 40, lim) if r.random() < p else None)
        if kind == 'errors':
            doc = key if r.random() < 0.8 else 'Số ' + key + '/QĐ-Ủy'
            det = self.after(d, 10, max(d, lim))
            cor = late(det, 0.6)
            ver = late(cor, 0.5) if cor else None
            return {'unit': u, 'doc_no': doc, 'doc_date': d, 'error_type': r.choice(ERR_TYPES),
                    'detected_on': det, 'corrected_on': cor, 'verified_on': ver,
                    'description': 'Sai, lỗi'}
        if kind == 'actions':
            due = self.after(d, 45)
            clo = late(d, 0.5)
            eff = r.choice(('yes', 'no', '')) if clo or r.random() < 0.2 else ''
            return {'id': key, 'unit': u, 'type': r.choice(ACT_TYPES), 'opened_on': d,
                    'source': r.choice(('errors', 'complaint', 'audit', 'suggestion', 'other')),
                    'description': 'Hành động', 'due_on': due, 'closed_on': clo, 'effective': eff}
        if kind == 'suggestions':
            st = r.choice(('moi', 'dang_xem_xet', 'dang_thuc_hien', 'da_thuc_hien', 'khong_chap_nhan'))
            return {'id': key, 'unit': u, 'received_on': d, 'content': 'Đề nghị',
                    'to_qmr_on': late(d, 0.5), 'status': st,
                    'notified_on': late(d, 0.5) if st in ('da_thuc_hien', 'khong_chap_nhan') else None}
        if kind == 'complaints':
            return {'id': key, 'unit': u, 'received_on': d, 'summary': 'Phản ánh',
                    'channel': r.choice(('', 'truc_tiep', 'truc_tuyen', 'buu_chinh', 'dien_thoai', 'khac')),
                    'explained_on': late(d, 0.6), 'resolved_on': late(d, 0.4),
                    'justified': r.choice(('', 'yes', 'no'))}
        if kind == 'incidents':
            return {'id': key, 'unit': u, 'occurred_on': d, 'equipment': 'Máy in',
                    'downtime_hours': r.choice(('', '0', '1.5', '0.1', '0.2', '4', '2.25', '16')),
                    'resolved_on': late(d, 0.5)}
        return {'id': key, 'unit': u, 'audit_on': d, 'finding': r.choice(('nc', 'obs')),
                'description': 'Phát hiện', 'closed_on': late(d, 0.5)}

    HDR = {'errors': ['unit', 'doc_no', 'doc_date', 'error_type', 'detected_on', 'description',
                      'corrected_on', 'verified_on'],
           'actions': ['id', 'unit', 'type', 'opened_on', 'source', 'description', 'due_on',
                       'closed_on', 'effective'],
           'suggestions': ['id', 'unit', 'received_on', 'content', 'to_qmr_on', 'status', 'notified_on'],
           'complaints': ['id', 'unit', 'received_on', 'channel', 'summary', 'explained_on',
                          'resolved_on', 'justified'],
           'incidents': ['id', 'unit', 'occurred_on', 'equipment', 'downtime_hours', 'resolved_on'],
           'audits': ['id', 'unit', 'audit_on', 'finding', 'description', 'closed_on']}

    def put(self, files, kind, u, row):
        out = {k: (self.fdate(v) if isinstance(v, D) else ('' if v is None else v))
               for k, v in row.items()}
        key = unicodedata.normalize('NFC', out['doc_no'] if kind == 'errors' else out['id'])
        self.now.add((kind, u, key))
        self.file_for(files, u, kind, self.HDR[kind]).append(out)

    def resend(self, fo, act, files):
        """Re-send some earlier status rows with a new state."""
        r = self.r
        for kind, rows in self.status.items():
            for (u, key), row in list(rows.items()):
                if u not in act or r.random() > 0.15:
                    continue
                if (kind, u, unicodedata.normalize('NFC', row.get('doc_no', key))) in self.now:
                    continue
                new = dict(row)
                lim = self.limit(fo)
                dcol = {'errors': 'doc_date', 'actions': 'opened_on', 'suggestions': 'received_on',
                        'complaints': 'received_on', 'incidents': 'occurred_on',
                        'audits': 'audit_on'}[kind]
                d = new[dcol]
                if lim < d:
                    continue
                if r.random() < 0.08:             # a corrected date, same month or the one before
                    nd = max(D(d.year, d.month, 1) - dt.timedelta(days=r.randint(0, 20)), D(2000, 1, 1))
                    if all(v is None or not isinstance(v, D) or v >= nd for v in new.values()):
                        new[dcol] = d = nd
                elif r.random() < 0.07:           # a corrected date, later (not past the row's other dates)
                    others = [v for k2, v in new.items() if isinstance(v, D) and k2 != dcol]
                    top = min(others + [d + dt.timedelta(days=25)])
                    if top > d:
                        new[dcol] = d = d + dt.timedelta(days=r.randint(1, (top - d).days))
                if kind == 'errors':
                    if not new['corrected_on']:
                        new['corrected_on'] = self.after(new['detected_on'], 60, lim)
                    elif not new['verified_on']:
                        new['verified_on'] = self.after(new['corrected_on'], 30, lim)
                    if r.random() < 0.3:   # doc_no typed decomposed: same key after NFC
                        new['doc_no'] = unicodedata.normalize('NFD', new['doc_no'])
                elif kind == 'actions':
                    if not new['closed_on']:
                        new['closed_on'] = self.after(d, 60, lim)
                    new['effective'] = r.choice(('yes', 'no', ''))
                elif kind == 'suggestions':
                    new['status'] = r.choice(('dang_thuc_hien', 'da_thuc_hien', 'khong_chap_nhan'))
                    new['to_qmr_on'] = new['to_qmr_on'] or self.after(d, 30, lim)
                    if new['status'] in ('da_thuc_hien', 'khong_chap_nhan'):
                        new['notified_on'] = new['notified_on'] or self.after(d, 60, lim)
                    else:
                        new['notified_on'] = None
                elif kind == 'complaints':
                    new['explained_on'] = new['explained_on'] or self.after(d, 30, lim)
                    new['resolved_on'] = new['resolved_on'] or self.after(d, 60, lim)
                    new['justified'] = r.choice(('yes', 'no'))
                elif kind == 'incidents':
                    new['resolved_on'] = new['resolved_on'] or self.after(d, 30, lim)
                    new['downtime_hours'] = r.choice(('3.5', '8', '0.3'))
                else:
                    new['closed_on'] = new['closed_on'] or self.after(d, 30, lim)
                if r.random() < 0.15:             # the category corrected too
                    for col, vals in (('error_type', ERR_TYPES), ('type', ACT_TYPES),
                                      ('finding', ('nc', 'obs'))):
                        if col in new:
                            new[col] = r.choice(vals)
                if 'id' in new and r.random() < 0.3:
                    new['id'] = unicodedata.normalize('NFD', new['id'])
                rows[(u, key)] = new
                self.put(files, kind, u, new)


def parse_any(s):
    if '/' in s:
        d, m, y = s.split('/')
        return D(int(y), int(m), int(d))
    return D.fromisoformat(s)


def cp1258(text):
    out = bytearray()
    for c in unicodedata.normalize('NFC', text):
        try:
            out += c.encode('cp1258')
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize('NFD', c)
        base, marks = d[0], d[1:]
        for keep in itertools.chain.from_iterable(
                itertools.combinations(marks, k) for k in range(len(marks), -1, -1)):
            rest = list(marks)
            for m in keep:
                rest.remove(m)
            try:
                out += (unicodedata.normalize('NFC', base + ''.join(keep)).encode('cp1258')
                        + ''.join(rest).encode('cp1258'))
                break
            except UnicodeEncodeError:
                continue
        else:
            raise ValueError('no cp1258 for %r' % c)
    return bytes(out)


def csvq(s, force=False):
    s = str(s)
    if force or any(c in s for c in ',"\n\r'):
        return '"' + s.replace('"', '""') + '"'
    return s


def main():
    seed = int(sys.argv[1])
    out = sys.argv[2]
    cutoff = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    Gen(seed, cutoff).build(out)


if __name__ == '__main__':
    main()
