#!/usr/bin/env python3
"""oracle2.py: a second independent reading of SPEC §5-§6, written from
SPEC alone (without reading spec_indicators.py, docs/ or src/) in the
numbers audit of Nov 2026: the indicators CSV of one period.

usage: oracle2.py --config DIR --input DIR [--today YYYY-MM-DD] [--period] PERIOD

Valid data only (run baocao check first). Reads UTF-8 (BOM), LF/CRLF, INI
with comments, quotes and continuation lines, CSV with RFC 4180 quoting,
both date forms, NFC-normalized keys. Where SPEC leaves a choice, the
reading taken is the one baocao takes (see the audit report): zeros for
the organization's submission counts even when a range holds no whole
month; satisfaction counts as register counts (zeros for every unit in
scope); a listed objective unit outside the scope gets no row; an
objective override section matches its objective whatever the case.
"""
import unicodedata, csv, datetime as dt, math, os, re, sys

Z = 1.96
KINDS = ("survey", "errors", "actions", "suggestions", "complaints",
         "incidents", "audits")
DATE_COL = {"survey": "date", "errors": "doc_date", "actions": "opened_on",
            "suggestions": "received_on", "complaints": "received_on",
            "incidents": "occurred_on", "audits": "audit_on"}
ERROR_TYPES = ("the_thuc", "chinh_ta", "noi_dung", "tham_quyen", "can_cu", "khac")
ACTION_TYPES = ("khac_phuc", "phong_ngua", "cai_tien")
COMPONENTS = ("access", "procedure_rating", "staff", "result", "feedback")
RATING_NAMES = {5: "very_satisfied", 4: "satisfied", 3: "neutral",
                2: "dissatisfied", 1: "very_dissatisfied"}

# ---------------------------------------------------------------- dates


def pdate(s):
    s = s.strip()
    if not s:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return dt.date(int(s[:4]), int(s[5:7]), int(s[8:10]))
    d, m, y = s.split("/")
    return dt.date(int(y), int(m), int(d))


def mon(y, m):
    return y * 12 + (m - 1)


def mon_ym(M):
    return M // 12, M % 12 + 1


def mon_label(M):
    y, m = mon_ym(M)
    return "%04d-%02d" % (y, m)


def parse_mon(s):
    s = s.strip()
    if not s:
        return None
    return mon(int(s[:4]), int(s[5:7]))


def last_dom(y, m):
    if m == 12:
        return 31
    return (dt.date(y, m + 1, 1) - dt.timedelta(days=1)).day


def rm_window(M, cutoff):
    y, m = mon_ym(M)
    if cutoff == 0:
        return dt.date(y, m, 1), dt.date(y, m, last_dom(y, m))
    py, pm = mon_ym(M - 1)
    return dt.date(py, pm, cutoff), dt.date(y, m, cutoff - 1)


def rm_of(d, cutoff):
    M = mon(d.year, d.month)
    if cutoff and d.day >= cutoff:
        M += 1
    return M

# ---------------------------------------------------------------- periods


class Period:
    pass


def label_months(label):
    m = re.fullmatch(r"(\d{4})-(\d{2})", label)
    if m:
        y, mm = int(m.group(1)), int(m.group(2))
        return [mon(y, mm)], True
    m = re.fullmatch(r"(\d{4})-Q([1-4])", label)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        return [mon(y, 3 * q - 2 + i) for i in range(3)], False
    m = re.fullmatch(r"(\d{4})-H([12])", label)
    if m:
        y, h = int(m.group(1)), int(m.group(2))
        return [mon(y, 6 * h - 5 + i) for i in range(6)], False
    m = re.fullmatch(r"(\d{4})-9M", label)
    if m:
        y = int(m.group(1))
        return [mon(y, 1 + i) for i in range(9)], False
    m = re.fullmatch(r"(\d{4})", label)
    if m:
        y = int(m.group(1))
        return [mon(y, 1 + i) for i in range(12)], False
    return None, False


def candidates(kind, y):
    """labels of kind in year y, latest first"""
    if kind == "month":
        return ["%04d-%02d" % (y, m) for m in range(12, 0, -1)]
    if kind == "quarter":
        return ["%04d-Q%d" % (y, q) for q in range(4, 0, -1)]
    if kind == "half":
        return ["%04d-H2" % y, "%04d-H1" % y]
    if kind == "9m":
        return ["%04d-9M" % y]
    return ["%04d" % y]


def resolve_previous(label, today, cutoff):
    kind = label[len("previous-"):]
    for y in range(today.year + 1, today.year - 3, -1):
        for lab in candidates(kind, y):
            months, _ = label_months(lab)
            end = rm_window(months[-1], cutoff)[1]
            if end < today:
                return lab
    raise SystemExit("no previous period")


def make_period(label, cutoff, today):
    if label.startswith("previous-"):
        label = resolve_previous(label, today, cutoff)
    P = Period()
    P.label = label
    if ".." in label:
        a, b = label.split("..")
        a, b = pdate(a), pdate(b)
        P.start, P.end = a, b
        P.touched = list(range(rm_of(a, cutoff), rm_of(b, cutoff) + 1))
        P.sheet_months = [M for M in P.touched
                          if rm_window(M, cutoff)[0] >= a
                          and rm_window(M, cutoff)[1] <= b]
        P.is_month = False
    else:
        months, is_month = label_months(label)
        P.sheet_months = months
        P.touched = months
        P.start = rm_window(months[0], cutoff)[0]
        P.end = rm_window(months[-1], cutoff)[1]
        P.is_month = is_month
    P.last_folder = rm_of(P.end, cutoff)
    return P

# ---------------------------------------------------------------- input


class Sec(dict):
    pass


class Ini:
    """minimal INI: sections, key = value, ; # comments, quotes, \\ continuation"""

    def __init__(self):
        self.secs = {}

    def sections(self):
        return list(self.secs)

    def has_section(self, s):
        return s in self.secs

    def __getitem__(self, s):
        return self.secs[s]


def strip_value(v):
    v = v.strip()
    if v.startswith('"'):
        j = v.find('"', 1)
        return v[1:j]
    for i, ch in enumerate(v):
        if ch in ";#" and (i == 0 or v[i - 1] in " \t"):
            return v[:i].strip()
    return v


def read_ini(path):
    ini = Ini()
    cur = None
    with open(path, encoding="utf-8-sig") as f:
        text = f.read().replace("\r\n", "\n")
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        ln = lines[i]
        while ln.endswith("\\") and i + 1 < len(lines):
            i += 1
            ln = ln[:-1] + lines[i]
        i += 1
        t = ln.strip()
        if not t or t[0] in ";#":
            continue
        if t.startswith("["):
            cur = t[1:t.index("]")].strip()
            ini.secs.setdefault(cur, Sec())
            continue
        k, v = t.split("=", 1)
        ini.secs[cur][k.strip()] = strip_value(v)
    return ini


def read_units(cfg):
    cp = read_ini(os.path.join(cfg, "units.ini"))
    units = {}
    for s in cp.sections():
        units[s.upper()] = (parse_mon(cp[s].get("active_from", "")),
                            parse_mon(cp[s].get("active_to", "")))
    return units


def active(units, u, M):
    f, t = units[u]
    return (f is None or M >= f) and (t is None or M <= t)


def read_cutoff(cfg):
    cp = read_ini(os.path.join(cfg, "baocao.ini"))
    if cp.has_section("periods"):
        return int(cp["periods"].get("cutoff_day", "0") or 0)
    return 0


def read_objectives(cfg):
    path = os.path.join(cfg, "objectives.ini")
    objs, over = {}, {}
    if not os.path.exists(path):
        return objs, over
    cp = read_ini(path)
    for s in cp.sections():
        if "." in s:
            name, unit = s.split(".", 1)
            over[(name.lower(), unit.upper())] = cp[s]["target"]
        else:
            objs[s] = dict(cp[s])
    return objs, over


def parse_target(s):
    s = s.strip()
    if s.endswith("%"):
        return float(s[:-1]) / 100.0
    return float(s)


def read_input(inp, P):
    sheets = {}       # (unit, month) -> (revision, sheet dict)
    status = {}       # kind -> key -> row
    survey = []
    folders = sorted(d for d in os.listdir(inp)
                     if re.fullmatch(r"\d{4}-\d{2}", d))
    for fold in folders:
        M = parse_mon(fold)
        if M > P.last_folder:
            continue
        d = os.path.join(inp, fold)
        for name in sorted(os.listdir(d)):
            path = os.path.join(d, name)
            if name.endswith(".ini"):
                cp = read_ini(path)
                unit = name.split(".")[0]
                rev = int(cp["submission"]["revision"])
                sh = {s: {k: int(v) for k, v in cp[s].items()}
                      for s in ("tasks", "dossiers", "documents", "satisfaction")
                      if cp.has_section(s)}
                old = sheets.get((unit, M))
                if old is None or rev > old[0]:
                    sheets[(unit, M)] = (rev, sh)
            elif name.endswith(".csv"):
                kind = name.split(".")[-2]
                with open(path, encoding="utf-8-sig", newline="") as f:
                    rows = list(csv.DictReader(f))
                for r in rows:
                    r = {unicodedata.normalize("NFC", k): unicodedata.normalize("NFC", (v or "").strip())
                         for k, v in r.items()}
                    if kind == "survey":
                        survey.append(r)
                    elif kind == "errors":
                        status.setdefault(kind, {})[(r["unit"], r["doc_no"])] = r
                    else:
                        status.setdefault(kind, {})[(r["unit"], r["id"])] = r
    return sheets, status, survey

# ---------------------------------------------------------------- compute


def within(d, P):
    return d is not None and P.start <= d <= P.end


def by_last(s, P):
    d = pdate(s) if s else None
    return d is not None and d <= P.end


def sheet_values(units_sheets):
    """units_sheets: list of (month, sheet) in month order -> dict"""
    v = {}
    with_tasks = [s for _, s in units_sheets if "tasks" in s]
    if with_tasks:
        for k in ("planned", "completed_on_time", "completed_late", "not_completed"):
            v["tasks." + k] = sum(s["tasks"][k] for s in with_tasks)
    with_doc = [s for _, s in units_sheets if "documents" in s]
    if with_doc:
        for k in ("incoming", "incoming_on_time", "incoming_late", "outgoing",
                  "files_archived"):
            v["documents." + k] = sum(s["documents"][k] for s in with_doc)
        v["documents.incoming_pending"] = with_doc[-1]["documents"]["incoming_pending"]
    with_dos = [s["dossiers"] for _, s in units_sheets if "dossiers" in s]
    if with_dos:
        f = lambda k: sum(x[k] for x in with_dos)
        v["dossiers.carried_over"] = with_dos[0]["carried_over"]
        v["dossiers.received_online"] = f("received_online")
        v["dossiers.received"] = f("received_online") + f("received_direct")
        v["dossiers.to_handle"] = v["dossiers.carried_over"] + v["dossiers.received"]
        for k in ("resolved_early", "resolved_on_time", "resolved_late"):
            v["dossiers." + k] = f(k)
        v["dossiers.resolved"] = f("resolved_early") + f("resolved_on_time") + f("resolved_late")
        v["dossiers.pending_in_time"] = with_dos[-1]["pending_in_time"]
        v["dossiers.pending_overdue"] = with_dos[-1]["pending_overdue"]
    return v


def add_rates(v):
    """rates from counts in v (also works on organization sums)"""
    r = {}
    if "tasks.planned" in v and v["tasks.planned"]:
        r["tasks.on_time_rate"] = v["tasks.completed_on_time"] / v["tasks.planned"]
        r["tasks.completion_rate"] = (v["tasks.completed_on_time"] + v["tasks.completed_late"]) / v["tasks.planned"]
    if "dossiers.resolved" in v and v["dossiers.resolved"]:
        r["dossiers.on_time_rate"] = (v["dossiers.resolved_early"] + v["dossiers.resolved_on_time"]) / v["dossiers.resolved"]
    if "dossiers.received" in v and v["dossiers.received"]:
        r["dossiers.online_share"] = v["dossiers.received_online"] / v["dossiers.received"]
    if "documents.incoming_on_time" in v:
        d = v["documents.incoming_on_time"] + v["documents.incoming_late"]
        if d:
            r["documents.incoming_on_time_rate"] = v["documents.incoming_on_time"] / d
    return r


def wilson(p, n):
    z2 = Z * Z
    c = p + z2 / (2 * n)
    h = Z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    den = 1 + z2 / n
    lo, hi = (c - h) / den, (c + h) / den
    return min(max(lo, 0.0), 1.0), min(max(hi, 0.0), 1.0)


class Acc:
    """counters for register-based numbers of one unit (or the organization)"""

    def __init__(self):
        self.c = {}
        self.comp = {c: [0, 0] for c in COMPONENTS}
        self.chan = {}
        self.eff = [0, 0]

    def add(self, k, n=1):
        self.c[k] = self.c.get(k, 0) + n

    def merge(self, o):
        for k, n in o.c.items():
            self.add(k, n)
        for c in COMPONENTS:
            self.comp[c][0] += o.comp[c][0]
            self.comp[c][1] += o.comp[c][1]
        for ch, (a, b) in o.chan.items():
            x = self.chan.setdefault(ch, [0, 0])
            x[0] += a
            x[1] += b
        self.eff[0] += o.eff[0]
        self.eff[1] += o.eff[1]


def zero_register(acc):
    keys = ["errors.count", "errors.corrected", "errors.verified"]
    keys += ["errors.by_type." + t for t in ERROR_TYPES]
    keys += ["actions.opened", "actions.closed", "actions.overdue"]
    keys += ["actions.opened." + t for t in ACTION_TYPES]
    keys += ["suggestions." + k for k in ("received", "to_qmr", "implemented",
                                          "rejected", "pending", "notified")]
    keys += ["complaints." + k for k in ("received", "explained", "resolved", "justified")]
    keys += ["incidents.count", "audits.nc", "audits.obs", "audits.closed"]
    keys += ["satisfaction.responses"] + ["satisfaction." + n for n in RATING_NAMES.values()]
    for k in keys:
        acc.add(k, 0)
    acc.add("incidents.downtime_hours", 0.0)


def register_acc(unit_rows, P):
    acc = Acc()
    zero_register(acc)
    for r in unit_rows.get("errors", []):
        if within(pdate(r["doc_date"]), P):
            acc.add("errors.count")
            acc.add("errors.by_type." + r["error_type"])
            if by_last(r.get("corrected_on"), P):
                acc.add("errors.corrected")
            if by_last(r.get("verified_on"), P):
                acc.add("errors.verified")
    for r in unit_rows.get("actions", []):
        op = pdate(r["opened_on"])
        closed = by_last(r.get("closed_on"), P)
        if within(op, P):
            acc.add("actions.opened")
            acc.add("actions.opened." + r["type"])
            if closed:
                acc.add("actions.closed")
            if r.get("effective") == "yes":
                acc.eff[0] += 1
            elif r.get("effective") == "no":
                acc.eff[1] += 1
        if op <= P.end and pdate(r["due_on"]) < P.end and not closed:
            acc.add("actions.overdue")
    for r in unit_rows.get("suggestions", []):
        if within(pdate(r["received_on"]), P):
            acc.add("suggestions.received")
            if by_last(r.get("to_qmr_on"), P):
                acc.add("suggestions.to_qmr")
            st = r["status"]
            if st == "da_thuc_hien":
                acc.add("suggestions.implemented")
            elif st == "khong_chap_nhan":
                acc.add("suggestions.rejected")
            else:
                acc.add("suggestions.pending")
            if by_last(r.get("notified_on"), P):
                acc.add("suggestions.notified")
    for r in unit_rows.get("complaints", []):
        if within(pdate(r["received_on"]), P):
            acc.add("complaints.received")
            if by_last(r.get("explained_on"), P):
                acc.add("complaints.explained")
            if by_last(r.get("resolved_on"), P):
                acc.add("complaints.resolved")
            if r.get("justified") == "yes":
                acc.add("complaints.justified")
    for r in unit_rows.get("incidents", []):
        if within(pdate(r["occurred_on"]), P):
            acc.add("incidents.count")
            if r.get("downtime_hours"):
                acc.add("incidents.downtime_hours", float(r["downtime_hours"]))
    for r in unit_rows.get("audits", []):
        if within(pdate(r["audit_on"]), P):
            acc.add("audits." + r["finding"])
            if by_last(r.get("closed_on"), P):
                acc.add("audits.closed")
    for r in unit_rows.get("survey", []):
        if within(pdate(r["date"]), P):
            g = int(r["rating"])
            acc.add("satisfaction.responses")
            acc.add("satisfaction." + RATING_NAMES[g])
            acc.add("satisfaction.wsum", g)
            for c in COMPONENTS:
                if r.get(c):
                    acc.comp[c][1] += 1
                    if int(r[c]) >= 4:
                        acc.comp[c][0] += 1
            ch = acc.chan.setdefault(r["channel"], [0, 0])
            ch[1] += 1
            if g >= 4:
                ch[0] += 1
    return acc


def add_tallies(acc, tallies):
    for t in tallies:
        for g, nm in RATING_NAMES.items():
            acc.add("satisfaction." + nm, t[nm])
            acc.add("satisfaction.responses", t[nm])
            acc.add("satisfaction.wsum", g * t[nm])


def acc_values(acc):
    v = {k: n for k, n in acc.c.items() if k != "satisfaction.wsum"}
    c = acc.c
    if c.get("errors.count"):
        v["errors.correction_rate"] = c["errors.corrected"] / c["errors.count"]
    if sum(acc.eff):
        v["actions.effective_rate"] = acc.eff[0] / (acc.eff[0] + acc.eff[1])
    d = c.get("suggestions.implemented", 0) + c.get("suggestions.rejected", 0)
    if d:
        v["suggestions.notified_rate"] = c["suggestions.notified"] / d
    n = c.get("satisfaction.responses", 0)
    if n:
        p = (c["satisfaction.very_satisfied"] + c["satisfaction.satisfied"]) / n
        v["satisfaction.rate"] = p
        v["satisfaction.mean"] = c["satisfaction.wsum"] / n
        v["satisfaction.rate_low"], v["satisfaction.rate_high"] = wilson(p, n)
    for comp, (a, b) in acc.comp.items():
        if b:
            v["satisfaction.component.%s.rate" % comp] = a / b
    for ch, (a, b) in acc.chan.items():
        if b:
            v["satisfaction.channel.%s.rate" % ch] = a / b
    return v


def compute(cfg, inp, label, today):
    cutoff = read_cutoff(cfg)
    units = read_units(cfg)
    objs, over = read_objectives(cfg)
    P = make_period(label, cutoff, today)
    sheets, status, survey = read_input(inp, P)

    rows_by_unit = {}
    for kind, d in status.items():
        for r in d.values():
            rows_by_unit.setdefault(r["unit"], {}).setdefault(kind, []).append(r)
    for r in survey:
        rows_by_unit.setdefault(r["unit"], {}).setdefault("survey", []).append(r)

    scope = {u for u in units if any(active(units, u, M) for M in P.touched)}
    for u, kinds in rows_by_unit.items():
        for kind, rs in kinds.items():
            if any(within(pdate(r[DATE_COL[kind]]), P) for r in rs):
                scope.add(u)

    out = {}
    org_acc = Acc()
    org_sheet = {}        # sums of sheet counts
    org_rate_parts = {}   # rate -> [num, den]
    org_errors_num = 0
    org_outgoing = 0
    any_outgoing = False
    for u in sorted(scope):
        v = {}
        us = [(M, sheets[(u, M)][1]) for M in P.sheet_months if (u, M) in sheets]
        sv = sheet_values(us)
        v.update(sv)
        v.update(add_rates(sv))
        acc = register_acc(rows_by_unit.get(u, {}), P)
        add_tallies(acc, [s["satisfaction"] for _, s in us if "satisfaction" in s])
        v.update(acc_values(acc))
        if "documents.outgoing" in v and v["documents.outgoing"]:
            v["errors.rate"] = v["errors.count"] / v["documents.outgoing"]
        if "documents.outgoing" in v:
            any_outgoing = True
            org_errors_num += v["errors.count"]
            org_outgoing += v["documents.outgoing"]
        org_acc.merge(acc)
        for k, n in sv.items():
            org_sheet[k] = org_sheet.get(k, 0) + n
        # submission
        act = [M for M in P.sheet_months if active(units, u, M)]
        if act:
            sent = [M for M in act if (u, M) in sheets]
            v["submission.months_missing"] = len(act) - len(sent)
            v["submission.missing"] = 1 if not sent else 0
            v["submission.incomplete"] = 1 if sent and len(sent) < len(act) else 0
            if P.is_month and sent:
                v["submission.revision"] = sheets[(u, act[0])][0]
        out[u] = v

    o = {}
    if scope:
        o.update(acc_values(org_acc))
    o.update(org_sheet)
    o.update(add_rates(org_sheet))
    if any_outgoing and org_outgoing:
        o["errors.rate"] = org_errors_num / org_outgoing
    exp = [u for u in units if any(active(units, u, M) for M in P.sheet_months)]
    # zeros too, also for a range that holds no whole reporting month
    o["submission.units_expected"] = len(exp)
    o["submission.units_submitted"] = sum(1 for u in exp if out[u]["submission.missing"] == 0)
    o["submission.units_missing"] = sum(1 for u in exp if out[u]["submission.missing"] == 1)
    o["submission.units_incomplete"] = sum(out[u]["submission.incomplete"] for u in exp)
    out["*"] = o

    # objectives
    for name, ob in objs.items():
        ind = ob["indicator"].strip()
        op = ob["op"].strip()
        base = parse_target(ob["target"])
        ulist = ob.get("units", "*").strip()
        if ulist == "*":
            targets = [(u, base if u == "*" else
                        parse_target(over[(name.lower(), u)]) if (name.lower(), u) in over else base)
                       for u in out if ind in out[u]]
            # "and * with the base target": * always, its target at least
            only_target = [] if ind in out["*"] else [("*", base)]
        else:
            listed = [x.strip().upper() for x in ulist.split(",") if x.strip()]
            targets, only_target = [], []
            for u in listed:
                t = parse_target(over[(name.lower(), u)]) if (name.lower(), u) in over else base
                if u in out and ind in out[u]:
                    targets.append((u, t))
                elif OPT_LISTED_TARGET and (u in out or OPT_LISTED_OUT_OF_SCOPE):
                    only_target.append((u, t))
        for u, t in targets:
            val = out[u][ind]
            met = (float(val) >= t) if op == ">=" else (float(val) <= t)
            out[u]["objective.%s.value" % name] = val
            out[u]["objective.%s.target" % name] = t
            out[u]["objective.%s.met" % name] = 1 if met else 0
        for u, t in only_target:
            out.setdefault(u, {})["objective.%s.target" % name] = t
    return P, out


# a listed unit without the value gets .target; one outside the scope nothing
OPT_LISTED_TARGET = True
OPT_LISTED_OUT_OF_SCOPE = False


def fmt(k, v):
    if isinstance(v, int):
        return str(v)
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def main(argv):
    cfg = inp = None
    today = dt.date.today()
    rest = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--config":
            cfg = argv[i + 1]; i += 2
        elif a == "--input":
            inp = argv[i + 1]; i += 2
        elif a == "--period":
            rest.append(argv[i + 1]); i += 2
        elif a == "--today":
            today = pdate(argv[i + 1]); i += 2
        else:
            rest.append(a); i += 1
    P, out = compute(cfg, inp, rest[0], today)
    w = sys.stdout.write
    w("period,unit,indicator,value\n")
    lines = []
    for u in out:
        for k, v in out[u].items():
            lines.append((P.label.encode(), u.encode(), k.encode(), fmt(k, v)))
    for p, u, k, v in sorted(lines):
        w("%s,%s,%s,%s\n" % (p.decode(), u.decode(), k.decode(), v))


if __name__ == "__main__":
    main(sys.argv[1:])
