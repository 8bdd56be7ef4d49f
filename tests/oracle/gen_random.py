#!/usr/bin/env python3
"""gen_random.py SEED DIR [CUTOFF]: a small random but valid organization
(DIR/config, DIR/input) that walks the corners of SPEC §5-§6: units that
start and stop mid-year, missing months, resubmissions, sections sent in
some months only, tallies, status rows re-sent with a new state in later
folders, rows dated outside their folder, empty optional fields, objectives
with lists, overrides and % targets. Used by tests/readback/differential.sh
to compare baocao with the oracle on data nobody looked at."""
import os, random, sys, datetime as dt

seed, out = int(sys.argv[1]), sys.argv[2]
cut = int(sys.argv[3]) if len(sys.argv) > 3 else 0
R = random.Random(seed)
D = dt.date
os.makedirs(out + "/config", exist_ok=True)

def w(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)

w(out + "/config/baocao.ini", """[organization]
parent = ỦY BAN NHÂN DÂN TỈNH KIỂM THỬ
name = ỦY BAN NHÂN DÂN HUYỆN NGẪU NHIÊN
code = UBND
place = Ngẫu Nhiên
[periods]
cutoff_day = %d
""" % cut)
units = ["U%02d" % i for i in range(R.randint(3, 6))]
act = {}
text = ""
for u in units:
    a = R.choice([None, None, "2024-0%d" % R.randint(2, 6)])
    b = R.choice([None, None, "2024-%02d" % R.randint(7, 11)])
    act[u] = (int(a[5:]) if a else 1, int(b[5:]) if b else 12)
    text += "[%s]\nname = Phòng thử %s\n%s%s\n" % (u, u, "active_from = %s\n" % a if a else "",
                                                   "active_to = %s\n" % b if b else "")
w(out + "/config/units.ini", text)
inds = ["tasks.on_time_rate", "dossiers.on_time_rate", "satisfaction.rate", "errors.rate",
        "documents.incoming_on_time_rate", "actions.effective_rate", "errors.count",
        "satisfaction.mean", "dossiers.online_share"]
text = ""
for i, ind in enumerate(R.sample(inds, 5)):
    op = "<=" if ind in ("errors.rate", "errors.count") else ">="
    tgt = R.choice(["95%", "0.9", "50%", "0.75", "3"]) if ind != "errors.count" else "2"
    us = "*" if R.random() < 0.6 else ", ".join(R.sample(units, 2))
    # names keep their case in the CSV; an override may fold it
    name = "o%d" % i if i % 2 == 0 else "Mt%d" % i
    text += "[%s]\nlabel = Mục tiêu %d\nindicator = %s\nop = %s\ntarget = %s\nunits = %s\n" % (name, i, ind, op, tgt, us)
    if R.random() < 0.5:
        text += "[%s.%s]\ntarget = %s\n" % (name.lower(), R.choice(units), R.choice(["80%", "0.5"]))
w(out + "/config/objectives.ini", text)

def day(m):
    last = (D(2024 + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)).day
    return D(2024, m, R.randint(1, last))

def ds(d):
    return d.isoformat() if R.random() < 0.8 else d.strftime("%d/%m/%Y")

def later(d, maxdays=40):
    return d + dt.timedelta(days=R.randint(0, maxdays))

tally_units = set(R.sample(units, 1))
pend = {u: R.randint(0, 5) for u in units}
status = {}   # (kind, unit, id) -> (row dict, month first sent)
for m in range(1, 13):
    folder = "%s/input/2024-%02d" % (out, m)
    os.makedirs(folder, exist_ok=True)
    for u in units:
        if not (act[u][0] <= m <= act[u][1]) or R.random() < 0.12:
            continue
        pl = R.randint(0, 12); a = R.randint(0, pl); b = R.randint(0, pl - a)
        inc = R.randint(0, 60); i1 = R.randint(0, inc); i2 = R.randint(0, inc - i1)
        s = "[submission]\nunit = %s\nperiod = 2024-%02d\nrevision = 1\n" % (u, m)
        s += "[tasks]\nplanned = %d\ncompleted_on_time = %d\ncompleted_late = %d\nnot_completed = %d\n" % (pl, a, b, pl - a - b)
        s += "[documents]\nincoming = %d\nincoming_on_time = %d\nincoming_late = %d\nincoming_pending = %d\noutgoing = %d\nfiles_archived = %d\n" % (
            inc, i1, i2, inc - i1 - i2, R.randint(0, 40), R.randint(0, 9))
        if R.random() < 0.7:
            co = pend[u]; on, di = R.randint(0, 30), R.randint(0, 30)
            tot = co + on + di; r1 = R.randint(0, tot); r2 = R.randint(0, tot - r1); r3 = R.randint(0, tot - r1 - r2)
            p1 = R.randint(0, tot - r1 - r2 - r3); p2 = tot - r1 - r2 - r3 - p1
            pend[u] = p1 + p2
            s += "[dossiers]\ncarried_over = %d\nreceived_online = %d\nreceived_direct = %d\nresolved_early = %d\nresolved_on_time = %d\nresolved_late = %d\npending_in_time = %d\npending_overdue = %d\n" % (
                co, on, di, r1, r2, r3, p1, p2)
        if u in tally_units and R.random() < 0.7:
            s += "[satisfaction]\n" + "".join("%s = %d\n" % (k, R.randint(0, 9)) for k in
                                            ("very_satisfied", "satisfied", "neutral", "dissatisfied", "very_dissatisfied"))
        w("%s/%s.ini" % (folder, u), s)
        if R.random() < 0.15:
            w("%s/%s.r2.ini" % (folder, u), s.replace("revision = 1", "revision = 2").replace(
                "outgoing = ", "outgoing = 1").replace("files_archived = ", "files_archived = 2"))
    # registers: survey (never for tally units), status lists
    sv = "unit,date,channel,rating,access,staff,result,procedure_rating,feedback\n"
    for u in units:
        if u in tally_units or not (act[u][0] <= m <= act[u][1]):
            continue
        for _ in range(R.randint(0, 25)):
            d = day(m)
            if cut and d.day >= cut:
                d = d.replace(day=R.randint(1, cut - 1))
            comp = lambda: str(R.randint(1, 5)) if R.random() < 0.6 else ""
            sv += "%s,%s,%s,%d,%s,%s,%s,%s,%s\n" % (u, ds(d), R.choice(["truc_tiep", "truc_tuyen", "buu_chinh"]),
                                                   R.randint(1, 5), comp(), comp(), comp(), comp(), comp())
    w(folder + "/ALL.survey.csv", sv)
    rows = {"errors": [], "actions": [], "suggestions": [], "complaints": [], "incidents": [], "audits": []}
    # re-send some older rows with a new state
    for key, (row, m0) in list(status.items()):
        if R.random() < 0.25 and act[key[1]][0] <= m <= act[key[1]][1]:
            kind = key[0]
            if kind == "errors" and not row.get("corrected_on"):
                det = dt.date.fromisoformat(row["detected_on"]) if "-" in row["detected_on"] else \
                    dt.datetime.strptime(row["detected_on"], "%d/%m/%Y").date()
                row["corrected_on"] = ds(max(det, D(2024, m, 1)))
            elif kind == "actions" and not row.get("closed_on"):
                row["closed_on"] = ds(D(2024, m, 1) if m > m0 else D(2024, m0, 28)); row["effective"] = R.choice(["yes", "no"])
            elif kind == "suggestions":
                row["status"] = R.choice(["da_thuc_hien", "khong_chap_nhan", "dang_thuc_hien"])
                row["notified_on"] = ds(D(2024, m, 2) if m > m0 else D(2024, m0, 28))
            elif kind == "complaints":
                row["resolved_on"] = ds(D(2024, m, 3) if m > m0 else D(2024, m0, 28))
            elif kind == "audits":
                row["closed_on"] = ds(D(2024, m, 3) if m > m0 else D(2024, m0, 28))
            else:
                continue
            rows[kind].append(row)
    fresh = {k: [] for k in rows}
    for u in units:
        if not (act[u][0] <= m <= act[u][1]):
            continue
        for n in range(R.randint(0, 3)):
            d = day(min(m, 12)).replace(day=R.randint(1, 27))
            if cut and d.day >= cut: d = d.replace(day=R.randint(1, cut - 1))
            if R.random() < 0.1 and m > 1:
                d = d.replace(month=m - 1)          # dated in the previous month: a warning
            kid = "%s-%02d-%d" % (u, m, n)
            det = later(d, 5)
            e = {"unit": u, "doc_no": "%d/%s" % (n + 1, kid), "doc_date": ds(d), "error_type": R.choice(
                ["the_thuc", "chinh_ta", "noi_dung", "tham_quyen", "can_cu", "khac"]), "detected_on": ds(det)}
            if R.random() < 0.5:
                c = later(det, 20); e["corrected_on"] = ds(c)
                if R.random() < 0.5: e["verified_on"] = ds(later(c, 10))
            fresh["errors"].append((e, "doc_no"))
            a = {"id": "A" + kid, "unit": u, "type": R.choice(["khac_phuc", "phong_ngua", "cai_tien"]), "opened_on": ds(d),
                 "source": "errors", "description": "Khắc phục, \"sửa\" lỗi", "due_on": ds(later(d, 30))}
            if R.random() < 0.4:
                a["closed_on"] = ds(later(d, 45)); a["effective"] = R.choice(["yes", "no", ""])
            fresh["actions"].append((a, "id"))
            sg = {"id": "G" + kid, "unit": u, "received_on": ds(d), "content": "Đề nghị cải tiến", "status": R.choice(
                ["moi", "dang_xem_xet", "dang_thuc_hien", "da_thuc_hien", "khong_chap_nhan"])}
            if R.random() < 0.5: sg["to_qmr_on"] = ds(later(d, 30))
            if R.random() < 0.3: sg["notified_on"] = ds(later(d, 50))
            if sg["status"] != "moi" and n != 1:    # no draw: the rest stays as it was
                sg["assignee"] = "Trần Thị Hằng (%s)" % u
            fresh["suggestions"].append((sg, "id"))
            cp = {"id": "K" + kid, "unit": u, "received_on": ds(d), "summary": "Phản ánh", "channel": R.choice(
                ["truc_tiep", "truc_tuyen", "buu_chinh", "dien_thoai", "khac", ""]), "justified": R.choice(["yes", "no", ""])}
            if R.random() < 0.5: cp["explained_on"] = ds(later(d, 20))
            if R.random() < 0.5: cp["resolved_on"] = ds(later(d, 40))
            fresh["complaints"].append((cp, "id"))
            if R.random() < 0.4:
                fresh["incidents"].append(({"id": "I" + kid, "unit": u, "occurred_on": ds(d), "equipment": "Máy in",
                                            "downtime_hours": R.choice(["", "2.5", "0.25", "3", "1.1"])}, "id"))
            if R.random() < 0.3:
                au = {"id": "D" + kid, "unit": u, "audit_on": ds(d), "finding": R.choice(["nc", "obs"]), "description": "Phát hiện"}
                if R.random() < 0.5: au["closed_on"] = ds(later(d, 30))
                fresh["audits"].append((au, "id"))
    for kind, lst in fresh.items():
        for row, kc in lst:
            status[(kind, row["unit"], row[kc])] = (row, m)
            rows[kind].append(row)
    cols = {"errors": ["unit", "doc_no", "doc_date", "error_type", "detected_on", "corrected_on", "verified_on"],
            "actions": ["id", "unit", "type", "opened_on", "source", "description", "due_on", "closed_on", "effective"],
            "suggestions": ["id", "unit", "received_on", "content", "to_qmr_on", "assignee", "status", "notified_on"],
            "complaints": ["id", "unit", "received_on", "channel", "summary", "explained_on", "resolved_on", "justified"],
            "incidents": ["id", "unit", "occurred_on", "equipment", "downtime_hours"],
            "audits": ["id", "unit", "audit_on", "finding", "description", "closed_on"]}
    for kind, lst in rows.items():
        def q(v):
            v = str(v)
            return '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\n') else v
        text = ",".join(cols[kind]) + "\n" + "".join(",".join(q(r.get(c, "")) for c in cols[kind]) + "\n" for r in lst)
        w("%s/ALL.%s.csv" % (folder, kind), text)
