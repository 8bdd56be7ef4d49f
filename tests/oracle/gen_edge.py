#!/usr/bin/env python3
"""gen_edge.py: random valid organizations aimed at the counting corners
of SPEC §5-§6 (numbers audit, Nov 2026; companion of oracle2.py).

usage: gen_edge.py SEED OUTDIR CUTOFF   -> OUTDIR/config, OUTDIR/input

5-8 units, folders 2024-11..2026-01 (one sometimes skipped): a unit ending
and one starting mid-quarter, rows of an ending unit dated after its end,
units sending [dossiers] only in some months or never, a unit that never
sends a sheet, revisions 1/2/3 under tags sorting before and after the
first file, tallies in some months and survey rows in others (never the
same unit and reporting month), rows dated up to 3 months off their
folder and on the 1st/14th/15th/last days, status rows re-sent with new
dates and states (errors' doc_no re-sent in NFD), small id spaces shared
across units and kinds, empty registers, zero denominators, values exactly
on target (19/20 against 95%, k/100 against k%), objectives on lists with
a unit lacking the indicator, per-unit overrides, assorted indicators.
"""
import unicodedata, datetime as dt, os, random, sys

Y = 2025
ERROR_TYPES = ("the_thuc", "chinh_ta", "noi_dung", "tham_quyen", "can_cu", "khac")
ACTION_TYPES = ("khac_phuc", "phong_ngua", "cai_tien")
CHANNELS = ("truc_tiep", "truc_tuyen", "buu_chinh")
COMPONENTS = ("access", "procedure_rating", "staff", "result", "feedback")


def mon(y, m):
    return y * 12 + m - 1


def ym(M):
    return M // 12, M % 12 + 1


def mlabel(M):
    return "%04d-%02d" % ym(M)


def last_dom(y, m):
    return (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day


class G:
    def __init__(self, seed, cutoff, out):
        self.r = random.Random(seed)
        self.cutoff = cutoff
        self.out = out
        self.first = mon(Y - 1, 11)
        self.last = mon(Y + 1, 1)

    # reporting month of a date / its window
    def rm(self, d):
        M = mon(d.year, d.month)
        return M + 1 if self.cutoff and d.day >= self.cutoff else M

    def window(self, M):
        y, m = ym(M)
        if not self.cutoff:
            return dt.date(y, m, 1), dt.date(y, m, last_dom(y, m))
        py, pm = ym(M - 1)
        return dt.date(py, pm, self.cutoff), dt.date(y, m, self.cutoff - 1)

    def date_in(self, M, spread=0):
        """a date in reporting month M, sometimes in a neighbour month,
        often on a boundary day"""
        r = self.r
        if spread and r.random() < spread:
            M += r.choice((-3, -2, -1, -1, 1, 2))
        a, b = self.window(M)
        x = r.random()
        if x < 0.15:
            return a
        if x < 0.3:
            return b
        y, m = ym(M)
        if x < 0.4:
            # the 14th / 15th of a calendar month, and ends of months
            cands = [dt.date(y, m, 14), dt.date(y, m, 15), dt.date(y, m, 1),
                     dt.date(y, m, last_dom(y, m))]
            return r.choice(cands)
        return a + dt.timedelta(days=r.randrange((b - a).days + 1))

    def later(self, d, maxdays=70, p_empty=0.3):
        if self.r.random() < p_empty:
            return None
        return d + dt.timedelta(days=self.r.randrange(maxdays))

    # ------------------------------------------------------------ config
    def units(self):
        r = self.r
        codes = ["VP", "PNV", "MOTCUA", "PTC-KH", "TT_A", "P9", "PYT", "TTRA"]
        n = r.randint(5, 8)
        codes = codes[:n]
        self.codes = codes
        self.act = {}
        for c in codes:
            self.act[c] = (None, None)
        # one unit ends mid-quarter, one starts mid-quarter
        self.act[codes[3]] = (None, mon(Y, r.choice((2, 5, 8))))
        self.act[codes[4]] = (mon(Y, r.choice((2, 5, 8, 11))), None)
        if n > 6 and r.random() < 0.5:
            self.act[codes[6]] = (mon(Y, 4), mon(Y, 10))
        lines = []
        for c in codes:
            f, t = self.act[c]
            lines.append("[%s]\nname = Đơn vị %s\nhead_title = Trưởng phòng\n"
                         "head_name = Người %s\n" % (c, c, c))
            if f is not None:
                lines.append("active_from = %s\n" % mlabel(f))
            if t is not None:
                lines.append("active_to = %s\n" % mlabel(t))
            lines.append("\n")
        return "".join(lines)

    def active(self, u, M):
        f, t = self.act[u]
        return (f is None or M >= f) and (t is None or M <= t)

    def objectives(self):
        r = self.r
        c = self.codes
        ghost = c[4]   # starts late: lacks values in early periods
        objs = [
            ("tasks_on_time", "tasks.on_time_rate", ">=", "95%", "*",
             [(c[1], "0.9"), (c[2], "97.5%")]),
            ("dossiers_on_time", "dossiers.on_time_rate", ">=", "95%", "*",
             [(c[2], "98%")]),
            ("online", "dossiers.online_share", ">=", "0.5", "%s, %s, %s" % (c[2], c[0], ghost), []),
            ("satisfaction", "satisfaction.rate", ">=", "90%", "*", [(c[0], "0.8")]),
            ("errors_rate", "errors.rate", "<=", r.choice(("2%", "5%", "0.05")), "*", []),
            ("incoming", "documents.incoming_on_time_rate", ">=", "0.95", "*", []),
            ("effective", "actions.effective_rate", ">=", "80%", "%s, %s" % (c[0], c[3]), [(c[3], "50%")]),
            ("few_errors", "errors.count", "<=", "2", "%s,%s" % (c[1], ghost), []),
            ("complete", "tasks.completion_rate", ">=", "100%", "*", []),
            ("odd_pct", "tasks.on_time_rate", r.choice((">=", "<=")), "%d%%" % self.odd, "*",
             [(c[0], "%d%%" % self.odd2)]),
        ]
        extra = ["satisfaction.channel.truc_tuyen.rate", "satisfaction.component.staff.rate",
                 "dossiers.to_handle", "incidents.downtime_hours", "submission.months_missing",
                 "satisfaction.rate_low", "satisfaction.mean", "errors.by_type.the_thuc",
                 "suggestions.notified_rate", "errors.correction_rate", "dossiers.pending_overdue",
                 "submission.units_missing", "actions.overdue", "complaints.received"]
        for i, ind in enumerate(r.sample(extra, 5)):
            objs.append(("x%d" % i, ind, r.choice(("<=", ">=")),
                         r.choice(("1", "0.5", "3", "60%", "0")),
                         r.choice(("*", "*", "%s, %s" % (c[0], c[-1]))), []))
        out = []
        for name, ind, op, tgt, units, ovs in objs:
            out.append("[%s]\nlabel = Mục tiêu %s\nindicator = %s\nop = %s\n"
                       "target = %s\nunits = %s\n\n" % (name, name, ind, op, tgt, units))
            for u, t in ovs:
                out.append("[%s.%s]\ntarget = %s\n\n" % (name, u, t))
        return "".join(out)

    # ------------------------------------------------------------ sheets
    def sheet(self, u, M, rev, tally):
        r = self.r
        s = ["; BM.07.01 %s\n[submission]\nunit = %s   ; mã\nperiod = %s # tháng\nrevision = %d\n"
             "prepared_by = \"Lê Thị; Bình # 2\"\n" % (u, u, mlabel(M), rev)]
        if r.random() < 0.3:
            s.append("submitted_on = %s\n" % self.window(M)[1].isoformat())
        x = r.random()
        if x < 0.1:
            planned, a, b = 0, 0, 0
        elif x < 0.3:
            planned, a, b = 20, 19, 0           # exactly 95%
        elif x < 0.4:
            planned, a, b = 100, r.choice((self.odd, self.odd2)), 0
        else:
            planned = r.randint(1, 30)
            a = r.randint(0, planned)
            b = r.randint(0, planned - a)
        s.append("[tasks]\nplanned = %d\ncompleted_on_time = %d\ncompleted_late = %d\n"
                 "not_completed = %d\n" % (planned, a, b, planned - a - b))
        if r.random() < self.dossier_p[u]:
            co = r.randint(0, 10)
            x = r.random()
            if x < 0.1:
                on, di = 0, 0
            elif x < 0.25:
                on, di = 5, 5                   # exactly 0.5 online
            else:
                on, di = r.randint(0, 30), r.randint(0, 30)
            tot = co + on + di
            if r.random() < 0.15:
                e, o, l = 19, 1, 0              # exactly 95% on time
                tot = max(tot, 20)
                di = tot - co - on
            else:
                e = r.randint(0, tot)
                o = r.randint(0, tot - e)
                l = r.randint(0, tot - e - o)
            rest = tot - e - o - l
            pi = r.randint(0, rest)
            s.append("[dossiers]\ncarried_over = %d\nreceived_online = %d\n"
                     "received_direct = %d\nresolved_early = %d\nresolved_on_time = %d\n"
                     "resolved_late = %d\npending_in_time = %d\npending_overdue = %d\n"
                     % (co, on, di, e, o, l, pi, rest - pi))
        x = r.random()
        if x < 0.1:
            inc, ot, lt = 0, 0, 0
        else:
            inc = r.randint(0, 100)
            ot = r.randint(0, inc)
            lt = r.randint(0, inc - ot)
        outg = 0 if r.random() < 0.15 else r.randint(1, 60)
        s.append("[documents]\nincoming = %d\nincoming_on_time = %d\nincoming_late = %d\n"
                 "incoming_pending = %d\noutgoing = %d\nfiles_archived = %d\n"
                 % (inc, ot, lt, inc - ot - lt, outg, r.randint(0, 9)))
        if tally:
            v = [r.randint(0, 12) for _ in range(5)]
            if r.random() < 0.1:
                v = [0] * 5
            s.append("[satisfaction]\nvery_satisfied = %d\nsatisfied = %d\nneutral = %d\n"
                     "dissatisfied = %d\nvery_dissatisfied = %d\n" % tuple(v))
        return "".join(s)

    # ------------------------------------------------------------ registers
    def fmtv(self, v):
        if v is None:
            return ""
        if isinstance(v, dt.date):
            if self.r.random() < 0.3:
                return "%02d/%02d/%04d" % (v.day, v.month, v.year)
            return v.isoformat()
        v = str(v)
        if "," in v or '"' in v or "\n" in v or self.r.random() < 0.05:
            return '"' + v.replace('"', '""') + '"'
        return v

    def csvline(self, vals):
        return ",".join(self.fmtv(v) for v in vals) + self.eol

    def csvfile(self, path, cols, rows):
        """rows: list of dicts or lists; columns in a random order"""
        r = self.r
        self.eol = "\r\n" if r.random() < 0.2 else "\n"
        order = list(range(len(cols)))
        if r.random() < 0.4:
            r.shuffle(order)
        with open(path, "w", newline="") as f:
            if r.random() < 0.1:
                f.write("\ufeff")
            f.write(",".join(cols[i] for i in order) + self.eol)
            for row in rows:
                vals = [row.get(c) for c in cols] if isinstance(row, dict) else row
                f.write(self.csvline([vals[i] for i in order]))

    def new_status(self, kind, u, M):
        r = self.r
        d = self.date_in(M, spread=0.25)
        if kind == "errors":
            det = d + dt.timedelta(days=r.randrange(10))
            cor = self.later(det, 40)
            ver = self.later(cor, 30) if cor else None
            return dict(unit=u, doc_no=None, doc_date=d, error_type=r.choice(ERROR_TYPES),
                        detected_on=det, corrected_on=cor, verified_on=ver)
        if kind == "actions":
            return dict(id=None, unit=u, type=r.choice(ACTION_TYPES), opened_on=d,
                        source="other", description=self.r.choice(("x", "a, \"b\"\nc", "Khắc phục")),
                        due_on=d + dt.timedelta(days=r.randrange(0, 60)),
                        closed_on=self.later(d, 80, 0.4),
                        effective=r.choice(("", "", "yes", "no")))
        if kind == "suggestions":
            return dict(id=None, unit=u, received_on=d, content="y",
                        to_qmr_on=self.later(d, 40), notified_on=self.later(d, 50),
                        status=r.choice(("moi", "dang_xem_xet", "dang_thuc_hien",
                                         "da_thuc_hien", "khong_chap_nhan")))
        if kind == "complaints":
            return dict(id=None, unit=u, received_on=d, summary="z",
                        channel=r.choice(CHANNELS + ("dien_thoai", "khac", "")),
                        explained_on=self.later(d, 30), resolved_on=self.later(d, 50),
                        justified=r.choice(("", "yes", "no")))
        if kind == "incidents":
            return dict(id=None, unit=u, occurred_on=d, equipment="máy",
                        downtime_hours=r.choice(("", "0", "1.5", "2.25", "8", "0.1")),
                        resolved_on=self.later(d, 10))
        return dict(id=None, unit=u, audit_on=d, finding=r.choice(("nc", "obs")),
                    description="w", closed_on=self.later(d, 60))

    DATE_COL = {"errors": "doc_date", "actions": "opened_on", "suggestions": "received_on",
                "complaints": "received_on", "incidents": "occurred_on", "audits": "audit_on"}

    def mutate(self, kind, row):
        """a later copy: new state, sometimes a moved date"""
        r = self.r
        row = dict(row)
        dc = self.DATE_COL[kind]
        if r.random() < 0.5:
            shift = r.choice((-20, -15, -1, 1, 14, 15, 31, -31))
            row[dc] = row[dc] + dt.timedelta(days=shift)
            for k, v in list(row.items()):
                if isinstance(v, dt.date) and k != dc and v < row[dc]:
                    row[k] = row[dc]
        # fill in / change the state dates
        for k in list(row):
            if k.endswith("_on") and k != dc and k not in ("detected_on", "due_on"):
                if r.random() < 0.4:
                    row[k] = self.later(row[dc], 60, 0.2)
        if kind == "errors":
            if row["corrected_on"] and row["corrected_on"] < row["detected_on"]:
                row["corrected_on"] = row["detected_on"]
            if row["verified_on"] and (not row["corrected_on"] or row["verified_on"] < row["corrected_on"]):
                row["verified_on"] = row["corrected_on"]
            if row["detected_on"] < row["doc_date"]:
                row["detected_on"] = row["doc_date"]
                if row["corrected_on"] and row["corrected_on"] < row["detected_on"]:
                    row["corrected_on"] = row["detected_on"]
                if row["verified_on"] and row["verified_on"] < row["corrected_on"]:
                    row["verified_on"] = row["corrected_on"]
        if kind == "actions":
            if row["due_on"] < row["opened_on"]:
                row["due_on"] = row["opened_on"]
            if r.random() < 0.3:
                row["effective"] = r.choice(("yes", "no"))
        if kind == "suggestions" and r.random() < 0.4:
            row["status"] = r.choice(("da_thuc_hien", "khong_chap_nhan", "dang_thuc_hien"))
        return row

    COLS = {
        "errors": ["unit", "doc_no", "doc_date", "error_type", "detected_on", "corrected_on", "verified_on"],
        "actions": ["id", "unit", "type", "opened_on", "source", "description", "due_on", "closed_on", "effective"],
        "suggestions": ["id", "unit", "received_on", "content", "to_qmr_on", "status", "notified_on"],
        "complaints": ["id", "unit", "received_on", "channel", "summary", "explained_on", "resolved_on", "justified"],
        "incidents": ["id", "unit", "occurred_on", "equipment", "downtime_hours", "resolved_on"],
        "audits": ["id", "unit", "audit_on", "finding", "description", "closed_on"],
    }

    # ------------------------------------------------------------ all
    def run(self):
        r = self.r
        self.odd = r.choice((57, 58, 29, 14, 28, 56, 7, 35))
        self.odd2 = r.choice((57, 58, 29, 14, 28, 56, 7, 35))
        cfg = os.path.join(self.out, "config")
        inp = os.path.join(self.out, "input")
        os.makedirs(cfg)
        os.makedirs(inp)
        with open(os.path.join(cfg, "units.ini"), "w") as f:
            f.write(self.units())
        with open(os.path.join(cfg, "objectives.ini"), "w") as f:
            f.write(self.objectives())
        with open(os.path.join(cfg, "baocao.ini"), "w") as f:
            f.write("[organization]\nparent = A\nname = B\ncode = UBND\nplace = X\n\n"
                    "[periods]\ncutoff_day = %d\n" % self.cutoff)
        self.submit_p = {u: r.choice((0.8, 0.8, 0.9, 1.0, 0.3)) for u in self.codes}
        if r.random() < 0.5:
            self.submit_p[self.codes[-1]] = 0.0   # never sends a sheet
        self.dossier_p = {u: r.choice((0.0, 0.5, 0.9, 1.0)) for u in self.codes}
        # satisfaction mode per unit and reporting month: tally, survey or none
        mode = {}
        for u in self.codes:
            for M in range(self.first - 5, self.last + 5):
                mode[(u, M)] = r.choice(("tally", "survey", "survey", "none"))
        pool = {k: [] for k in self.COLS}   # sent status rows: (key, row)
        seq = [0]
        months = list(range(self.first, self.last + 1))
        skip_folder = r.choice(months[2:-2]) if r.random() < 0.3 else None
        for M in months:
            d = os.path.join(inp, mlabel(M))
            if M == skip_folder:
                continue
            os.makedirs(d)
            act = [u for u in self.codes if self.active(u, M)]
            for u in act:
                if r.random() >= self.submit_p[u]:
                    continue                      # missing sheet
                revs = [1]
                if r.random() < 0.25:
                    revs = r.choice(([1, 2], [1, 3], [2], [1, 2, 3]))
                tag = r.choice(("r", "b", "lan"))       # b sorts before "ini"
                for rev in revs:
                    name = "%s.ini" % u if rev == revs[0] else "%s.%s%d.ini" % (u, tag, rev)
                    tally = mode[(u, M)] == "tally" and r.random() < 0.8
                    with open(os.path.join(d, name), "w") as f:
                        f.write(self.sheet(u, M, rev, tally))
            # survey rows: dates mostly in M, sometimes outside
            for u in act:
                if r.random() < 0.4:
                    continue
                rows = []
                for _ in range(r.randint(0, 8)):
                    dd = self.date_in(M, spread=0.3)
                    if mode[(u, self.rm(dd))] == "tally":
                        continue
                    comps = [r.choice(("", "", "1", "2", "3", "4", "5")) for _ in COMPONENTS]
                    rows.append([u, dd, r.choice(CHANNELS), r.randint(1, 5)] + comps)
                self.csvfile(os.path.join(d, "%s.survey.csv" % u),
                             ["unit", "date", "channel", "rating"] + list(COMPONENTS), rows)
            # status registers, all in one office file per kind, or empty
            for kind, cols in self.COLS.items():
                rows = []
                keys = set()
                # re-sends of earlier rows
                for key, row in list(pool[kind]):
                    if row["unit"] in act and r.random() < 0.25 and key not in keys:
                        row2 = self.mutate(kind, row)
                        if kind == "errors" and r.random() < 0.5:
                            row2["doc_no"] = unicodedata.normalize(
                                r.choice(("NFD", "NFC")), row2["doc_no"])
                        rows.append(row2)
                        keys.add(key)
                        pool[kind].append((key, row2))
                ending = [u for u in act if self.act[u][1] == M]
                for i in range(r.randint(0, 4)):
                    u = ending[0] if ending and i == 0 else r.choice(act)
                    row = self.new_status(kind, u, M)
                    seq[0] += 1
                    # small id spaces: the same id under other units and kinds,
                    # and a "new" row that is in fact a re-send of an old key
                    k = seq[0] if r.random() < 0.7 else r.randrange(12)
                    if kind == "errors":
                        row["doc_no"] = "%d/QĐ-UBND, Số ố" % k
                        key = (u, row["doc_no"])
                    else:
                        row["id"] = "ID-%d" % k
                        key = (u, row["id"])
                    if key in keys:
                        continue
                    rows.append(row)
                    keys.add(key)
                    pool[kind].append((key, row))
                if rows or r.random() < 0.3:
                    self.csvfile(os.path.join(d, "VP.%s.csv" % kind), cols, rows)


if __name__ == "__main__":
    G(int(sys.argv[1]), int(sys.argv[3]), sys.argv[2]).run()
