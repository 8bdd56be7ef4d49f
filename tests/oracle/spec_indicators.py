#!/usr/bin/env python3
"""An independent implementation of SPEC §5-§6, written from the SPEC alone
without looking at the C code, to cross-check baocao's indicators CSV.

    spec_indicators.py --config DIR --input DIR --period P [--today YYYY-MM-DD]

It trusts its input to be valid (baocao-check's job) and reads the folders
directly, so a bug shared by baocao-check's normalized form and the roll-up
shows up as a difference. Standard library only.
"""
import argparse, csv, datetime as dt, math, os, re, sys, unicodedata

D = dt.date
Z = 1.96

def nfc(s): return unicodedata.normalize("NFC", s)

def parse_date(s):
    s = s.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return D(int(s[:4]), int(s[5:7]), int(s[8:]))
    if re.fullmatch(r"\d{2}/\d{2}/\d{4}", s):
        return D(int(s[6:]), int(s[3:5]), int(s[:2]))
    raise ValueError(s)

# ---- months and periods (SPEC §5) ------------------------------------
def mnum(y, m): return y * 12 + m - 1
def ym(n): return n // 12, n % 12 + 1

def rm_first(n, cut):
    if cut:
        y, m = ym(n - 1); return D(y, m, cut)
    y, m = ym(n); return D(y, m, 1)

def rm_last(n, cut): return rm_first(n + 1, cut) - dt.timedelta(days=1)

def rm_of(d, cut):
    n = mnum(d.year, d.month)
    return n + 1 if cut and d.day >= cut else n

class Period:
    pass

def label_period(kind, y, n, cut):
    p = Period(); p.kind, p.year, p.n = kind, y, n
    if kind == "month": a = b = mnum(y, n)
    elif kind == "quarter": a = mnum(y, 3 * n - 2); b = a + 2
    elif kind == "half": a = mnum(y, 6 * n - 5); b = a + 5
    elif kind == "9m": a = mnum(y, 1); b = mnum(y, 9)
    else: a = mnum(y, 1); b = mnum(y, 12)
    p.months = list(range(a, b + 1))
    p.first, p.last = rm_first(a, cut), rm_last(b, cut)
    p.label = {"month": "%04d-%02d" % (y, n), "quarter": "%d-Q%d" % (y, n),
               "half": "%d-H%d" % (y, n), "9m": "%d-9M" % y, "year": "%d" % y}[kind]
    return p

def range_period(a, b, cut):
    p = Period(); p.kind = "range"; p.first, p.last = a, b
    p.months = [m for m in range(rm_of(a, cut), rm_of(b, cut) + 1)
                if rm_first(m, cut) >= a and rm_last(m, cut) <= b]
    p.label = "%s..%s" % (a.isoformat(), b.isoformat())
    return p

def finish(p, cut):
    p.cut = cut
    p.last_folder = rm_of(p.last, cut)
    p.touched = list(range(rm_of(p.first, cut), rm_of(p.last, cut) + 1))
    return p

def parse_period(s, cut, today):
    m = re.fullmatch(r"(\d{4})-(\d{2})", s)
    if m and 1 <= int(m[2]) <= 12: return finish(label_period("month", int(m[1]), int(m[2]), cut), cut)
    m = re.fullmatch(r"(\d{4})-Q([1-4])", s)
    if m: return finish(label_period("quarter", int(m[1]), int(m[2]), cut), cut)
    m = re.fullmatch(r"(\d{4})-H([12])", s)
    if m: return finish(label_period("half", int(m[1]), int(m[2]), cut), cut)
    m = re.fullmatch(r"(\d{4})-9M", s)
    if m: return finish(label_period("9m", int(m[1]), 0, cut), cut)
    m = re.fullmatch(r"(\d{4})", s)
    if m: return finish(label_period("year", int(m[1]), 0, cut), cut)
    if ".." in s:
        a, b = s.split("..")
        return finish(range_period(parse_date(a), parse_date(b), cut), cut)
    m = re.fullmatch(r"previous-(month|quarter|half|9m|year)", s)
    if m:
        kind = m[1]
        cands = []
        for y in range(today.year - 2, today.year + 2):
            ns = {"month": range(1, 13), "quarter": range(1, 5), "half": (1, 2),
                  "9m": (0,), "year": (0,)}[kind]
            for n in ns:
                p = label_period(kind, y, n, cut)
                if p.last < today: cands.append(p)
        return finish(max(cands, key=lambda p: p.last), cut)
    raise ValueError("bad period " + s)

# ---- inputs -----------------------------------------------------------
def read_ini(path):
    """SPEC §3.1 INI: key = value, ; and # comments, quotes, \\ continuation."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read().replace("\r\n", "\n")
    out, sec, pend = {}, None, None
    for raw in text.split("\n"):
        if pend is not None:
            raw = pend + raw; pend = None
        line = raw.strip()
        if line.endswith("\\") and not line.startswith(("[", ";", "#")):
            pend = line[:-1]; continue
        if not line or line[0] in ";#": continue
        if line.startswith("["):
            sec = line[1:line.index("]")].strip().lower(); out.setdefault(sec, {}); continue
        k, v = line.split("=", 1)
        v = v.strip()
        if v.startswith('"'):
            v = v[1:v.index('"', 1)]
        else:
            v = re.split(r"[;#]", v, 1)[0].strip()
        out[sec][k.strip().lower()] = nfc(v)
    return out

def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    if not rows: return []
    head = [h.strip() for h in rows[0]]
    return [{h: nfc(v.strip()) for h, v in zip(head, r)} for r in rows[1:] if r]

STATUS_KEY = {"errors": "doc_no", "actions": "id", "suggestions": "id",
              "complaints": "id", "incidents": "id", "audits": "id"}
DATE_COL = {"survey": "date", "errors": "doc_date", "actions": "opened_on",
            "suggestions": "received_on", "complaints": "received_on",
            "incidents": "occurred_on", "audits": "audit_on"}

def load_input(indir, last_folder):
    sheets, survey, status = {}, [], {}
    folders = sorted(d for d in os.listdir(indir)
                     if re.fullmatch(r"\d{4}-\d{2}", d) and os.path.isdir(os.path.join(indir, d)))
    for fo in folders:
        m = mnum(int(fo[:4]), int(fo[5:]))
        if m > last_folder: continue
        fdir = os.path.join(indir, fo)
        for name in sorted(os.listdir(fdir)):
            path = os.path.join(fdir, name)
            if name.endswith(".ini"):
                s = read_ini(path)
                unit = name.split(".")[0]
                rev = int(s["submission"]["revision"])
                old = sheets.get((unit, m))
                if old is None or rev > old[0]:
                    sheets[(unit, m)] = (rev, s)
            elif name.endswith(".csv"):
                kind = name.split(".")[-2]
                for r in read_csv(path):
                    if kind == "survey": survey.append(r)
                    else: status[(kind, r["unit"], r[STATUS_KEY[kind]])] = r
    return sheets, survey, status

# ---- indicators (SPEC §6) ---------------------------------------------
SHEET = {
    "tasks": [("planned", "f"), ("completed_on_time", "f"), ("completed_late", "f"), ("not_completed", "f")],
    "dossiers": [("carried_over", "o"), ("received_online", "f"), ("received_direct", "f"),
                 ("resolved_early", "f"), ("resolved_on_time", "f"), ("resolved_late", "f"),
                 ("pending_in_time", "c"), ("pending_overdue", "c")],
    "documents": [("incoming", "f"), ("incoming_on_time", "f"), ("incoming_late", "f"),
                  ("incoming_pending", "c"), ("outgoing", "f"), ("files_archived", "f")],
    "satisfaction": [("very_satisfied", "f"), ("satisfied", "f"), ("neutral", "f"),
                     ("dissatisfied", "f"), ("very_dissatisfied", "f")],
}
ETYPES = ["the_thuc", "chinh_ta", "noi_dung", "tham_quyen", "can_cu", "khac"]
ATYPES = ["khac_phuc", "phong_ngua", "cai_tien"]
COMPS = ["access", "procedure_rating", "staff", "result", "feedback"]
CHANS = ["truc_tiep", "truc_tuyen", "buu_chinh"]
SAT = ["very_dissatisfied", "dissatisfied", "neutral", "satisfied", "very_satisfied"]

def d_or_none(s): return parse_date(s) if s else None

def by_last(s, p): return s is not None and s <= p.last

def compute(cfg, units, objectives, indir, p):
    sheets, survey, status = load_input(indir, p.last_folder)
    inp = lambda d: p.first <= d <= p.last
    active = lambda u, m: units[u][0] <= m <= units[u][1]
    scope = {u for u in units if any(active(u, m) for m in p.touched)}
    counted = {}
    for (kind, u, _), r in status.items():
        if inp(parse_date(r[DATE_COL[kind]])):
            counted.setdefault(kind, []).append(r); scope.add(u)
    srows = [r for r in survey if inp(parse_date(r["date"]))]
    for r in srows: scope.add(r["unit"])
    # A row counts in P by its "counted by" date (SPEC §3.2): an action
    # overdue at P's end but opened before P does not bring its unit in.
    val = {}   # (unit, name) -> number
    ints = set()
    def put(u, k, v, integer=True):
        val[(u, k)] = v
        if integer: ints.add(k)
    # register counts
    for u in scope:
        e = [r for r in counted.get("errors", []) if r["unit"] == u]
        put(u, "errors.count", len(e))
        for t in ETYPES: put(u, "errors.by_type." + t, sum(r["error_type"] == t for r in e))
        put(u, "errors.corrected", sum(by_last(d_or_none(r.get("corrected_on")), p) for r in e))
        put(u, "errors.verified", sum(by_last(d_or_none(r.get("verified_on")), p) for r in e))
        a = [r for r in counted.get("actions", []) if r["unit"] == u]
        put(u, "actions.opened", len(a))
        for t in ATYPES: put(u, "actions.opened." + t, sum(r["type"] == t for r in a))
        put(u, "actions.closed", sum(by_last(d_or_none(r.get("closed_on")), p) for r in a))
        allact = [r for (k, uu, _), r in status.items() if k == "actions" and uu == u]
        put(u, "actions.overdue", sum(parse_date(r["opened_on"]) <= p.last and parse_date(r["due_on"]) < p.last
                                      and not by_last(d_or_none(r.get("closed_on")), p) for r in allact))
        eff = [r.get("effective", "") for r in a]
        if eff.count("yes") + eff.count("no"):
            put(u, "actions.effective_rate", eff.count("yes") / (eff.count("yes") + eff.count("no")), False)
        s = [r for r in counted.get("suggestions", []) if r["unit"] == u]
        put(u, "suggestions.received", len(s))
        put(u, "suggestions.to_qmr", sum(by_last(d_or_none(r.get("to_qmr_on")), p) for r in s))
        put(u, "suggestions.implemented", sum(r["status"] == "da_thuc_hien" for r in s))
        put(u, "suggestions.rejected", sum(r["status"] == "khong_chap_nhan" for r in s))
        put(u, "suggestions.pending", sum(r["status"] not in ("da_thuc_hien", "khong_chap_nhan") for r in s))
        put(u, "suggestions.notified", sum(by_last(d_or_none(r.get("notified_on")), p) for r in s))
        c = [r for r in counted.get("complaints", []) if r["unit"] == u]
        put(u, "complaints.received", len(c))
        put(u, "complaints.explained", sum(by_last(d_or_none(r.get("explained_on")), p) for r in c))
        put(u, "complaints.resolved", sum(by_last(d_or_none(r.get("resolved_on")), p) for r in c))
        put(u, "complaints.justified", sum(r.get("justified") == "yes" for r in c))
        i = [r for r in counted.get("incidents", []) if r["unit"] == u]
        put(u, "incidents.count", len(i))
        put(u, "incidents.downtime_hours", math.fsum(float(r["downtime_hours"]) for r in i if r.get("downtime_hours")), False)
        au = [r for r in counted.get("audits", []) if r["unit"] == u]
        put(u, "audits.nc", sum(r["finding"] == "nc" for r in au))
        put(u, "audits.obs", sum(r["finding"] == "obs" for r in au))
        put(u, "audits.closed", sum(by_last(d_or_none(r.get("closed_on")), p) for r in au))
    # sheets: flows and stocks per section
    for u in scope:
        got = [(m, sheets[(u, m)]) for m in p.months if (u, m) in sheets]
        if not got: continue
        for sec, keys in SHEET.items():
            ms = [(m, s) for m, (rev, s) in got if sec in s]
            if not ms: continue
            for k, how in keys:
                if how == "f": v = sum(int(s[sec][k]) for m, s in ms)
                elif how == "o": v = int(ms[0][1][sec][k])
                else: v = int(ms[-1][1][sec][k])
                val[(u, "_" + sec + "." + k)] = v
    # survey
    for u in scope:
        rs = [r for r in srows if r["unit"] == u]
        for i, name in enumerate(SAT):
            v = sum(int(r["rating"]) == i + 1 for r in rs) + val.get((u, "_satisfaction." + name), 0)
            val[(u, "_sat." + name)] = v
        val[(u, "_sat.sum")] = sum(int(r["rating"]) for r in rs) + sum(
            (i + 1) * val.get((u, "_satisfaction." + n), 0) for i, n in enumerate(SAT))
        for c in COMPS:
            rc = [r for r in rs if r.get(c)]
            if rc:
                val[(u, "_comp.%s.n" % c)] = len(rc)
                val[(u, "_comp.%s.pos" % c)] = sum(int(r[c]) >= 4 for r in rc)
        for ch in CHANS:
            rc = [r for r in rs if r["channel"] == ch]
            if rc:
                val[(u, "_chan.%s.n" % ch)] = len(rc)
                val[(u, "_chan.%s.pos" % ch)] = sum(int(r["rating"]) >= 4 for r in rc)
        # Satisfaction counts are register counts: every unit in scope, zeros included.
        val[(u, "_sat.has")] = True
    rows = {}
    def emit(u, k, v, integer):
        rows[(u, k)] = (v, integer)
    org_scope = sorted(scope)
    def derive(u, g):
        """g(name) -> count or None; emits the sheet and rate indicators."""
        t = lambda k: g("_tasks." + k)
        if t("planned") is not None:
            for k, _ in SHEET["tasks"]: emit(u, "tasks." + k, t(k), True)
        d = lambda k: g("_dossiers." + k)
        if d("carried_over") is not None:
            for k in ("carried_over", "received_online", "resolved_early", "resolved_on_time",
                      "resolved_late", "pending_in_time", "pending_overdue"):
                emit(u, "dossiers." + k, d(k), True)
            rec = d("received_online") + d("received_direct")
            res = d("resolved_early") + d("resolved_on_time") + d("resolved_late")
            emit(u, "dossiers.received", rec, True)
            emit(u, "dossiers.to_handle", d("carried_over") + rec, True)
            emit(u, "dossiers.resolved", res, True)
        o = lambda k: g("_documents." + k)
        if o("incoming") is not None:
            for k, _ in SHEET["documents"]: emit(u, "documents." + k, o(k), True)
        if g("_sat.has"):
            n = sum(g("_sat." + s) for s in SAT)
            emit(u, "satisfaction.responses", n, True)
            for s in SAT: emit(u, "satisfaction." + s, g("_sat." + s), True)
        for c in COMPS:
            if g("_comp.%s.n" % c): emit(u, "satisfaction.component.%s.rate" % c, g("_comp.%s.pos" % c) / g("_comp.%s.n" % c), False)
        for ch in CHANS:
            if g("_chan.%s.n" % ch): emit(u, "satisfaction.channel.%s.rate" % ch, g("_chan.%s.pos" % ch) / g("_chan.%s.n" % ch), False)
    for u in org_scope:
        derive(u, lambda k: val.get((u, k)))
        for (uu, k), v in list(val.items()):
            if uu == u and not k.startswith("_"):
                emit(u, k, v, k in ints)
    # organization sums over units
    def org_get(k):
        vs = [val[(u, k)] for u in org_scope if (u, k) in val]
        if k == "_sat.has": return any(vs)
        return sum(vs) if vs else None
    derive("*", org_get)
    for k in sorted({k for (u, k) in val if not k.startswith("_")}):
        if k == "actions.effective_rate": continue
        emit("*", k, math.fsum(val[(u, k)] for u in org_scope if (u, k) in val) if k not in ints
             else sum(val[(u, k)] for u in org_scope if (u, k) in val), k in ints)
    # rates: ratio of sums over units where the denominator exists
    def rate(u, name, num, den):
        pass
    units_all = org_scope + ["*"]
    def R(u, k):
        v = rows.get((u, k)); return None if v is None else v[0]
    def ratio_units(num_f, den_f):
        n = dd = 0; any_ = False
        for u in org_scope:
            dv = den_f(u)
            if dv is None: continue
            any_ = True; n += num_f(u); dd += dv
        return (n / dd) if any_ and dd else None
    rate_defs = {
        "tasks.on_time_rate": (lambda u: R(u, "tasks.completed_on_time"), lambda u: R(u, "tasks.planned")),
        "tasks.completion_rate": (lambda u: R(u, "tasks.completed_on_time") + R(u, "tasks.completed_late"), lambda u: R(u, "tasks.planned")),
        "dossiers.on_time_rate": (lambda u: R(u, "dossiers.resolved_early") + R(u, "dossiers.resolved_on_time"), lambda u: R(u, "dossiers.resolved")),
        "dossiers.online_share": (lambda u: R(u, "dossiers.received_online"), lambda u: R(u, "dossiers.received")),
        "documents.incoming_on_time_rate": (lambda u: R(u, "documents.incoming_on_time"),
                                            lambda u: None if R(u, "documents.incoming_on_time") is None else R(u, "documents.incoming_on_time") + R(u, "documents.incoming_late")),
        "errors.rate": (lambda u: R(u, "errors.count"), lambda u: R(u, "documents.outgoing")),
        "errors.correction_rate": (lambda u: R(u, "errors.corrected"), lambda u: R(u, "errors.count")),
        "satisfaction.rate": (lambda u: R(u, "satisfaction.very_satisfied") + R(u, "satisfaction.satisfied"), lambda u: R(u, "satisfaction.responses")),
        "suggestions.notified_rate": (lambda u: R(u, "suggestions.notified"), lambda u: R(u, "suggestions.implemented") + R(u, "suggestions.rejected")),
    }
    for u in org_scope:
        for k, (nf, df) in rate_defs.items():
            dv = df(u)
            if dv: emit(u, k, nf(u) / dv, False)
    for k, (nf, df) in rate_defs.items():
        v = ratio_units(nf, df)
        if v is not None: emit("*", k, v, False)
    # actions.effective_rate for *: ratio of sums of yes / (yes + no)
    yes = no = 0
    for (kind, u, _), r in status.items():
        pass
    for r in counted.get("actions", []):
        yes += r.get("effective") == "yes"; no += r.get("effective") == "no"
    if yes + no: emit("*", "actions.effective_rate", yes / (yes + no), False)
    # mean and Wilson
    sat_sum = {u: val.get((u, "_sat.sum"), 0) for u in org_scope}
    sat_sum["*"] = sum(sat_sum.values())
    for u in units_all:
        n = R(u, "satisfaction.responses")
        if not n: continue
        emit(u, "satisfaction.mean", sat_sum[u] / n, False)
        pr = R(u, "satisfaction.rate")
        c = pr + Z * Z / (2 * n); h = Z * math.sqrt(pr * (1 - pr) / n + Z * Z / (4 * n * n)); q = 1 + Z * Z / n
        emit(u, "satisfaction.rate_low", min(1.0, max(0.0, (c - h) / q)), False)
        emit(u, "satisfaction.rate_high", min(1.0, max(0.0, (c + h) / q)), False)
    # submission
    exp = sub = mis = inc = 0
    for u in org_scope:
        am = [m for m in p.months if active(u, m)] if u in units else []
        if not am: continue
        sent = [m for m in am if (u, m) in sheets]
        exp += 1; sub += bool(sent); mis += not sent; inc += bool(sent) and len(sent) < len(am)
        emit(u, "submission.months_missing", len(am) - len(sent), True)
        emit(u, "submission.missing", int(not sent), True)
        emit(u, "submission.incomplete", int(bool(sent) and len(sent) < len(am)), True)
        if p.kind == "month" and sent:
            emit(u, "submission.revision", sheets[(u, p.months[0])][0], True)
    emit("*", "submission.units_expected", exp, True)
    emit("*", "submission.units_submitted", sub, True)
    emit("*", "submission.units_missing", mis, True)
    emit("*", "submission.units_incomplete", inc, True)
    # objectives
    for name, o in objectives.items():
        def obj(u, target, always_target):
            v = R(u, o["indicator"])
            if v is None and not always_target: return
            emit(u, "objective.%s.target" % name, target, False)
            if v is not None:
                emit(u, "objective.%s.value" % name, v, o["indicator"] in ints)
                met = v >= target if o["op"] == ">=" else v <= target
                emit(u, "objective.%s.met" % name, int(met), True)
        if o["units"] == "*":
            for u in org_scope: obj(u, o["over"].get(u, o["target"]), False)
            # SPEC §6: "every unit that has the indicator, and * with the
            # base target": the objective applies to * always, so * has
            # at least its target, as a listed unit without the value
            obj("*", o["target"], True)
        else:
            for u in o["units"]:
                if u in scope: obj(u, o["over"].get(u, o["target"]), True)
    return rows

def fmt(v, integer):
    if integer and isinstance(v, int) or isinstance(v, bool): return str(int(v))
    if isinstance(v, int): return str(v)
    if float(v).is_integer() and abs(v) < 1e15: return str(int(v))
    return repr(float(v))

def target_of(s):
    s = s.strip()
    return float(s[:-1]) / 100 if s.endswith("%") else float(s)

def load_config(cdir):
    import configparser
    def cp(name):
        c = configparser.ConfigParser(inline_comment_prefixes=(";", "#"), interpolation=None)
        c.optionxform = str
        with open(os.path.join(cdir, name), encoding="utf-8-sig") as f:
            c.read_string(nfc(f.read()))
        return c
    b = cp("baocao.ini")
    cut = int(b.get("periods", "cutoff_day", fallback="0") or 0)
    uc = cp("units.ini")
    units = {}
    for s in uc.sections():
        af, at = uc[s].get("active_from", "").strip(), uc[s].get("active_to", "").strip()
        units[s.upper()] = (mnum(int(af[:4]), int(af[5:])) if af else -10**9,
                            mnum(int(at[:4]), int(at[5:])) if at else 10**9)
    oc = cp("objectives.ini")
    objectives = {}
    for s in oc.sections():
        if "." in s: continue
        sec = oc[s]
        us = sec.get("units", "*").strip()
        # SPEC §3.3: the objective's name is the section name, as written
        objectives[s] = {"indicator": sec["indicator"].strip(), "op": sec.get("op", ">=").strip(),
                         "target": target_of(sec["target"]),
                         "units": "*" if us in ("*", "") else [x.strip().upper() for x in re.split(r"[,\s]+", us) if x.strip()],
                         "over": {}}
    for s in oc.sections():
        if "." in s:
            n, u = s.split(".", 1)
            name = next(o for o in objectives if o.lower() == n.lower())
            objectives[name]["over"][u.upper()] = target_of(oc[s]["target"])
    return cut, units, objectives

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="config"); ap.add_argument("--input", default="input")
    ap.add_argument("--period", required=True); ap.add_argument("--today")
    a = ap.parse_args()
    cut, units, objectives = load_config(a.config)
    today = parse_date(a.today) if a.today else D.today()
    p = parse_period(a.period, cut, today)
    rows = compute(None, units, objectives, a.input, p)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["period", "unit", "indicator", "value"])
    for (u, k) in sorted(rows, key=lambda x: (x[0].encode(), x[1].encode())):
        v, integer = rows[(u, k)]
        out.writerow([p.label, u, k, fmt(v, integer)])

if __name__ == "__main__":
    main()
