#!/usr/bin/env python3
"""gen_random2.py SEED DIR [CUTOFF]: a random but valid organization
(DIR/config, DIR/input) written in the many styles SPEC §3 allows and real
departments produce, unlike gen_random.py whose files all look alike.
Each file picks at random: CRLF, a UTF-8 BOM, sections/keys/columns in any
order, `k=v` / `k = v` / tabs, comment lines (; and #) and comments after
values, quoted values holding ; and #, narrative over several continuation
lines and thousands of characters, NFD text, both date forms, counts with
leading zeros, no final newline.  Also: resubmissions (UNIT.r2.ini,
UNIT.b.ini, a lower revision under a tagged name), registers split over
several <anything>.<kind>.csv files (several units per file, a unit over
several files), optional columns present or absent, RFC 4180 quoting with
commas, doubled quotes and line breaks, header-only registers, status rows
re-sent later with a new state and sometimes a new date, survey rows dated
outside their folder's month, units.ini in lower case with active_from/to,
objectives with % and decimal targets, `<=`, spaced unit lists and per-unit
overrides, a unit with tallies in some months and survey rows in others.
Used by tests/readback/differential.sh (against tests/oracle/spec_indicators.py).
"""
import os, random, sys, unicodedata, datetime as dt

seed, out = int(sys.argv[1]), sys.argv[2]
cut = int(sys.argv[3]) if len(sys.argv) > 3 else 0
R = random.Random(seed)
D = dt.date
YEAR = 2024

# ---- text styles -------------------------------------------------------
def nfd(s): return unicodedata.normalize("NFD", s)

def vn(s):
    """Vietnamese text, decomposed half of the time."""
    return nfd(s) if R.random() < 0.5 else s

def write(path, text, eol=None, bom=None, final_nl=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if eol is None: eol = "\r\n" if R.random() < 0.35 else "\n"
    if bom is None: bom = R.random() < 0.25
    if final_nl is None: final_nl = R.random() < 0.85
    if not final_nl: text = text.rstrip("\n")
    text = text.replace("\n", eol)
    with open(path, "wb") as f:
        f.write((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))

def ds(d):
    return d.isoformat() if R.random() < 0.55 else d.strftime("%d/%m/%Y")

def cnt(n):
    return ("0" * R.randint(1, 2) + str(n)) if R.random() < 0.15 else str(n)

NOTES = ["ghi chú", "số liệu tạm tính", "đã đối chiếu", "theo sổ theo dõi", "xem phụ lục"]
WORDS = ("cải cách hành chính tiếp nhận hồ sơ trả kết quả đúng hạn trực tuyến một cửa "
         "liên thông cán bộ công chức phối hợp đôn đốc kiểm tra giám sát chuyển đổi số "
         "văn bản quy phạm pháp luật Ủy ban nhân dân huyện xã thị trấn người dân doanh nghiệp").split()

def sentence(n):
    return " ".join(R.choice(WORDS) for _ in range(n))

def ini_text(sections, tagline=None):
    """sections: list of (name, [(key, value, kind)]); kind: 'num', 'text', 'long', 'date'."""
    sep = R.choice(["=", " = ", "\t=\t", " =", "= ", "\t= "])
    lines = []
    if tagline or R.random() < 0.6:
        lines.append(R.choice([";", "#", "; ", "# "]) + vn(tagline or "BM.07.01 — phiếu tháng"))
    secs = list(sections)
    R.shuffle(secs)
    for name, keys in secs:
        if R.random() < 0.2: lines.append("")
        head = "[%s]" % name
        if R.random() < 0.2: head += R.choice(["   ; ", "\t# "]) + vn(R.choice(NOTES))
        lines.append(head)
        keys = list(keys)
        if R.random() < 0.7: R.shuffle(keys)
        for k, v, kind in keys:
            if R.random() < 0.1:
                lines.append(R.choice([";", "#"]) + " " + vn(R.choice(NOTES)))
            s = R.choice([sep, sep, "=", " = "])
            if kind == "long":
                # several thousand characters over continuation lines
                parts = [vn(sentence(R.randint(5, 40))) for _ in range(R.randint(1, 60))]
                if R.random() < 0.3 and len(parts) == 1:
                    lines.append(k + s + '"' + parts[0] + ' ; vẫn là nội dung # không phải chú thích"')
                else:
                    lines.append(k + s + (" \\\n".join(parts)))
                continue
            if kind == "text" and v and R.random() < 0.4:
                v = '"' + v + R.choice([" ; kiêm nhiệm", " # tổ 2", "; P.TP", ""]) + '"'
            line = k + s + v
            if v and R.random() < 0.2:
                line += R.choice([" ; ", "  # ", "\t; "]) + vn(R.choice(NOTES))
            lines.append(line)
    return "\n".join(lines) + "\n"

def csv_field(v, style):
    v = str(v)
    need = any(c in v for c in ',"\r\n')
    if style == "all" or need or (style == "some" and R.random() < 0.3):
        return '"' + v.replace('"', '""') + '"'
    return v

def csv_text(cols, rows):
    style = R.choice(["min", "all", "some"])
    text = ",".join(csv_field(c, style if style != "some" else "min") for c in cols) + "\n"
    for r in rows:
        text += ",".join(csv_field(r.get(c, ""), style) for c in cols) + "\n"
    return text

# ---- configuration -----------------------------------------------------
os.makedirs(out + "/config", exist_ok=True)
write(out + "/config/baocao.ini", """; cấu hình
[organization]
parent = ỦY BAN NHÂN DÂN TỈNH KIỂM THỬ
name = %s
code = UBND ; số hiệu
place = Ngẫu Nhiên
[periods]
cutoff_day = %d%s
""" % (vn("ỦY BAN NHÂN DÂN HUYỆN NGẪU NHIÊN"), cut, R.choice(["", "   ; Nghị định 09/2019", "\t# theo tháng"])))

POOL = ["PNV", "PTC-KH", "VP_HDND", "MOTCUA", "TNMT", "U1", "P-GDDT", "YTE2", "LDTBXH", "VHTT"]
units = sorted(R.sample(POOL, R.randint(3, 7)))
act = {}
text = ""
for u in units:
    a = R.choice([None, None, None, "%d-0%d" % (YEAR, R.randint(2, 6)), "20%02d-%02d" % (R.randint(19, 23), R.randint(1, 12))])
    b = R.choice([None, None, None, "%d-%02d" % (YEAR, R.randint(7, 11)), "2030-12"])
    if R.random() < 0.08:
        a, b = "%d-01" % (YEAR + 1), None        # a new unit, from the month after the year
    am = int(a[5:]) if a and a.startswith(str(YEAR)) else 13 if a and a.startswith(str(YEAR + 1)) else 1
    bm = int(b[5:]) if b and b.startswith(str(YEAR)) else 99
    act[u] = (am, bm)
    sec = u.lower() if R.random() < 0.5 else u
    text += "[%s]\nname = %s\nhead_title = Trưởng phòng\nhead_name = %s\n" % (
        sec, vn("Phòng thử " + u), vn("Nguyễn Văn Ân"))
    if a: text += "active_from = %s\n" % a
    elif R.random() < 0.3: text += "active_from =\n"
    if b: text += "active_to = %s%s\n" % (b, R.choice(["", " ; sáp nhập"]))
    elif R.random() < 0.3: text += "active_to =       ; còn hoạt động\n"
write(out + "/config/units.ini", "# danh sách đơn vị\n" + text)

def active(u, m): return act[u][0] <= m <= act[u][1]

inds = ["tasks.on_time_rate", "dossiers.on_time_rate", "satisfaction.rate", "errors.rate",
        "documents.incoming_on_time_rate", "actions.effective_rate", "errors.count",
        "satisfaction.mean", "dossiers.online_share", "tasks.completion_rate",
        "complaints.received", "satisfaction.component.staff.rate"]
text = ""
for i, ind in enumerate(R.sample(inds, R.randint(4, 8))):
    op = "<=" if ind in ("errors.rate", "errors.count", "complaints.received") else ">="
    if op == "<=":
        tgt = R.choice(["2", "3", "0.05", "5%", "2.5%"]) if ind != "errors.rate" else R.choice(["0.05", "5%", "12.5%"])
    else:
        tgt = R.choice(["95%", "0.9", "50%", "0.75", "87.5%", "0.875", "100%", "4.2" if ind == "satisfaction.mean" else "0.8"])
    us = "*" if R.random() < 0.5 else R.choice([", ", ",", " , ", ",\t"]).join(R.sample(units, R.randint(1, len(units))))
    name = "o%d" % i if i % 2 == 0 else "muc_tieu_%d" % i
    text += "[%s]\nlabel = %s\nindicator = %s\nop%s%s\ntarget%s%s\nunits = %s\n" % (
        name, vn("Mục tiêu %d" % i), ind, R.choice(["=", " = "]), op, R.choice(["=", " = "]), tgt, us)
    if R.random() < 0.6:
        u = R.choice(units)
        text += "[%s.%s]\ntarget = %s\n" % (name, u.lower() if R.random() < 0.5 else u, R.choice(["80%", "0.5", "92.5%"]))
write(out + "/config/objectives.ini", "; mục tiêu chất lượng\n" + text)

# ---- dates ---------------------------------------------------------------
def mlast(m):
    return (D(YEAR + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)).day

def rm_of(d):
    n = (d.year - YEAR) * 12 + d.month
    return n + 1 if cut and d.day >= cut else n

def in_rm(m):
    """a random date in reporting month m (of YEAR, may be 0 or 13)"""
    y = YEAR + (m - 1) // 12; mm = (m - 1) % 12 + 1
    if cut:
        first = D(y if mm > 1 else y - 1, mm - 1 if mm > 1 else 12, cut)
        last = D(y, mm, cut) - dt.timedelta(days=1)
    else:
        first = D(y, mm, 1); last = (D(y + mm // 12, mm % 12 + 1, 1) - dt.timedelta(days=1))
    return first + dt.timedelta(days=R.randint(0, (last - first).days))

def later(d, maxdays=40):
    return d + dt.timedelta(days=R.randint(0, maxdays))

def pd(s):
    return D.fromisoformat(s) if "-" in s else dt.datetime.strptime(s, "%d/%m/%Y").date()

# ---- sheets ----------------------------------------------------------------
tally_unit = R.choice(units)
tally_months = set()
pend = {u: R.randint(0, 5) for u in units}
sparse = R.choice(units)          # sends only the required sections
NARR = ["strengths", "weaknesses", "causes", "next_tasks"]

def sheet(u, m, rev):
    pl = R.randint(0, 12); a = R.randint(0, pl); b = R.randint(0, pl - a)
    inc = R.randint(0, 60); i1 = R.randint(0, inc); i2 = R.randint(0, inc - i1)
    sub = [("unit", u, "num"), ("period", "%d-%02d" % (YEAR + (m - 1) // 12, (m - 1) % 12 + 1), "num"), ("revision", cnt(rev), "num")]
    if R.random() < 0.7: sub.append(("prepared_by", vn(R.choice(["Lê Thị Bình", "Trần Quốc Tuấn", "Đặng Thuỳ Trâm"])), "text"))
    elif R.random() < 0.3: sub.append(("prepared_by", "", "text"))
    if R.random() < 0.7:
        sub.append(("submitted_on", ds(D(YEAR + m // 12, m % 12 + 1, R.randint(1, 9))), "date"))
    elif R.random() < 0.3:
        sub.append(("submitted_on", "", "date"))
    secs = [("submission", sub),
            ("tasks", [("planned", cnt(pl), "num"), ("completed_on_time", cnt(a), "num"),
                       ("completed_late", cnt(b), "num"), ("not_completed", cnt(pl - a - b), "num")]),
            ("documents", [("incoming", cnt(inc), "num"), ("incoming_on_time", cnt(i1), "num"),
                           ("incoming_late", cnt(i2), "num"), ("incoming_pending", cnt(inc - i1 - i2), "num"),
                           ("outgoing", cnt(R.randint(0, 40)), "num"), ("files_archived", cnt(R.randint(0, 9)), "num")])]
    if u != sparse and R.random() < 0.7:
        co = pend[u]; on, di = R.randint(0, 30), R.randint(0, 30)
        tot = co + on + di; r1 = R.randint(0, tot); r2 = R.randint(0, tot - r1); r3 = R.randint(0, tot - r1 - r2)
        p1 = R.randint(0, tot - r1 - r2 - r3); p2 = tot - r1 - r2 - r3 - p1
        pend[u] = p1 + p2
        secs.append(("dossiers", [(k, cnt(v), "num") for k, v in (
            ("carried_over", co), ("received_online", on), ("received_direct", di), ("resolved_early", r1),
            ("resolved_on_time", r2), ("resolved_late", r3), ("pending_in_time", p1), ("pending_overdue", p2))]))
    if u == tally_unit and m in tally_months:
        secs.append(("satisfaction", [(k, cnt(R.randint(0, 9)), "num") for k in
                                      ("very_satisfied", "satisfied", "neutral", "dissatisfied", "very_dissatisfied")]))
    if u != sparse and R.random() < 0.6:
        keys = [k for k in NARR if R.random() < 0.8] or ["strengths"]
        secs.append(("narrative", [(k, "", "long") for k in keys]))
    return ini_text(secs, "BM.07.01 — %s — tháng %02d/%d" % (u, m, YEAR))

for m in range(1, 13):
    if R.random() < 0.5: tally_months.add(m)
sheet_sent = {}
def fname(m): return "%s/input/%d-%02d" % (out, YEAR + (m - 1) // 12, (m - 1) % 12 + 1)

for m in range(1, 14):
    folder = fname(m)
    os.makedirs(folder, exist_ok=True)
    for u in units:
        if not active(u, m) or R.random() < 0.12:
            continue
        sheet_sent[(u, m)] = True
        style = R.random()
        if style < 0.65:
            write("%s/%s.ini" % (folder, u), sheet(u, m, 1))
        elif style < 0.8:
            write("%s/%s.ini" % (folder, u), sheet(u, m, 1))
            write("%s/%s.r2.ini" % (folder, u), sheet(u, m, 2))
        elif style < 0.9:
            write("%s/%s.a.ini" % (folder, u), sheet(u, m, 2))
            write("%s/%s.b.ini" % (folder, u), sheet(u, m, 3))
        else:
            # the newest is the plain name, the older copy kept under a tag
            write("%s/%s.ini" % (folder, u), sheet(u, m, 4))
            write("%s/%s.cu.ini" % (folder, u), sheet(u, m, 1))

# ---- registers -------------------------------------------------------------
COLS = {
    "survey": (["unit", "date", "channel", "rating"],
               ["procedure", "access", "procedure_rating", "staff", "result", "feedback", "comment"]),
    "errors": (["unit", "doc_no", "doc_date", "error_type", "detected_on"],
               ["detected_by", "description", "corrected_on", "verified_on"]),
    "actions": (["id", "unit", "type", "opened_on", "source", "description", "due_on"],
                ["owner", "closed_on", "effective"]),
    "suggestions": (["id", "unit", "received_on", "content", "status"],
                    ["contributor", "head_opinion", "to_qmr_on", "assignee", "result", "notified_on"]),
    "complaints": (["id", "unit", "received_on", "summary"],
                   ["channel", "explained_on", "resolved_on", "justified"]),
    "incidents": (["id", "unit", "occurred_on", "equipment"],
                  ["description", "downtime_hours", "resolved_on"]),
    "audits": (["id", "unit", "audit_on", "finding", "description"], ["clause", "closed_on"]),
}
DATECOL = {"survey": "date", "errors": "doc_date", "actions": "opened_on", "suggestions": "received_on",
           "complaints": "received_on", "incidents": "occurred_on", "audits": "audit_on"}
# later dates of each kind, each >= the ones before it in the list
CHAIN = {"errors": ["detected_on", "corrected_on", "verified_on"], "actions": ["due_on", "closed_on"],
         "suggestions": ["to_qmr_on", "notified_on"], "complaints": ["explained_on", "resolved_on"],
         "incidents": ["resolved_on"], "audits": ["closed_on"]}

def text_with_quirks():
    return vn(R.choice(["Sai thể thức, thiếu \"số, ký hiệu\"", "Nội dung\nnhiều dòng, có dấu phẩy",
                        "Đề nghị \"một cửa\" mở thêm quầy", "Bình thường", "Máy in hỏng;\r\nđã thay mực, sửa",
                        "Phản ánh chậm # trả kết quả", ""]))

def write_register(folder, kind, rows, m):
    req, opt = COLS[kind]
    present = [c for c in opt if R.random() < 0.6 or any(r.get(c) for r in rows)]
    cols = req + present
    R.shuffle(cols)
    R.shuffle(rows)
    # split over files: by unit, a general file, an extra file
    nfiles = R.randint(1, 3)
    names = R.sample(["tong-hop", "ALL", "bo_sung", "Phong-%02d" % m, "zz.lan2", "01"], nfiles)
    buckets = {n: [] for n in names}
    byunit = R.random() < 0.4
    for r in rows:
        if byunit:
            buckets.setdefault(r["unit"], []).append(r)
        else:
            buckets[R.choice(names)].append(r)
    for n, rs in buckets.items():
        if not rs and R.random() < 0.5:
            continue           # no file at all, or a header-only one
        cs = cols if R.random() < 0.7 else R.sample(cols, len(cols))
        write("%s/%s.%s.csv" % (folder, n, kind), csv_text(cs, rs))

status = {}           # (kind, unit, key) -> row (the last sent copy)
seen_key = {}
for m in range(1, 14):
    folder = fname(m)
    # survey
    sv = []
    for u in units:
        if not active(u, m):
            continue
        if u == tally_unit and m in tally_months:
            continue
        for _ in range(R.randint(0, 25)):
            d = in_rm(m)
            if R.random() < 0.1:
                d = in_rm(R.choice([m - 1, m + 1]))     # dated outside the folder's month: a warning
            if u == tally_unit and (rm_of(d) in tally_months or d.month in tally_months and d.year == YEAR):
                continue
            comp = lambda: cnt(R.randint(1, 5)) if R.random() < 0.6 else ""
            r = {"unit": u, "date": ds(d), "channel": R.choice(["truc_tiep", "truc_tuyen", "buu_chinh"]),
                 "rating": str(R.randint(1, 5))}
            for c in ("access", "procedure_rating", "staff", "result", "feedback"):
                r[c] = comp()
            if R.random() < 0.3: r["comment"] = text_with_quirks()
            if R.random() < 0.3: r["procedure"] = vn("Cấp giấy chứng nhận quyền sử dụng đất, lần đầu")
            sv.append(r)
    write_register(folder, "survey", sv, m)
    rows = {k: [] for k in CHAIN}
    # re-send older rows with a new state, sometimes a new date
    for key, row in list(status.items()):
        kind, u = key[0], key[1]
        if R.random() > 0.25 or not active(u, m):
            continue
        row = dict(row)
        base = pd(row[DATECOL[kind]])
        if R.random() < 0.3:
            base = base + dt.timedelta(days=R.randint(-12, 12))
            row[DATECOL[kind]] = ds(base)
        now = max(D(YEAR + (m - 1) // 12, (m - 1) % 12 + 1, R.randint(1, 27)), base)
        if kind == "errors" and not row.get("corrected_on"):
            row["corrected_on"] = ds(now)
        elif kind == "actions":
            if not row.get("closed_on"):
                row["closed_on"] = ds(now); row["effective"] = R.choice(["yes", "no", ""])
        elif kind == "suggestions":
            row["status"] = R.choice(["da_thuc_hien", "khong_chap_nhan", "dang_thuc_hien"])
            row["notified_on"] = ds(now)
        elif kind == "complaints":
            row["resolved_on"] = ds(now); row["justified"] = R.choice(["yes", "no"])
        elif kind == "audits":
            row["closed_on"] = ds(now)
        elif kind == "incidents":
            row["downtime_hours"] = R.choice(["4", "0.75", "12.5"])
        if R.random() < 0.1:
            # a correction: an optional date sent by mistake is cleared
            c = R.choice(CHAIN[kind])
            if c not in COLS[kind][0]:
                row[c] = ""
                if kind == "errors" and c == "corrected_on": row["verified_on"] = ""
                if kind == "actions" and c == "closed_on": row["effective"] = ""
        # keep the dates in order: each later date >= the one before it
        prev = base
        for c in CHAIN[kind]:
            if row.get(c):
                v = pd(row[c])
                if v < prev: v = prev; row[c] = ds(v)
                prev = v
        if kind == "errors" and row.get("verified_on") and not row.get("corrected_on"):
            row["verified_on"] = ""
        if R.random() < 0.3:
            kc = "doc_no" if kind == "errors" else "id"
            row[kc] = unicodedata.normalize(R.choice(["NFC", "NFD"]), row[kc])
        rows[kind].append(row)
        status[key] = row
    for u in units:
        if not active(u, m):
            continue
        for n in range(R.randint(0, 3)):
            d = in_rm(m)
            if R.random() < 0.12:
                d = in_rm(m - 1)            # dated in the previous month: a warning
            kid = "%s-%02d-%d" % (u, m, n)
            det = later(d, 5)
            e = {"unit": u, "doc_no": vn("%d/BC-Ủy ban-%s" % (n + 1, kid)), "doc_date": ds(d),
                 "error_type": R.choice(["the_thuc", "chinh_ta", "noi_dung", "tham_quyen", "can_cu", "khac"]),
                 "detected_on": ds(det), "description": text_with_quirks(), "detected_by": vn("Văn phòng")}
            if R.random() < 0.5:
                c = later(det, 20); e["corrected_on"] = ds(c)
                if R.random() < 0.5: e["verified_on"] = ds(later(c, 10))
            rows["errors"].append(e)
            a = {"id": "A" + kid, "unit": u, "type": R.choice(["khac_phuc", "phong_ngua", "cai_tien"]),
                 "opened_on": ds(d), "source": R.choice(["errors", "complaint", "audit", "suggestion", "other"]),
                 "description": text_with_quirks() or "x", "due_on": ds(later(d, 30)), "owner": vn("Tổ một cửa")}
            if R.random() < 0.4:
                a["closed_on"] = ds(later(d, 45)); a["effective"] = R.choice(["yes", "no", ""])
            rows["actions"].append(a)
            sg = {"id": vn(R.choice(["G", "GÓP-Ý-"])) + kid, "unit": u, "received_on": ds(d), "content": text_with_quirks() or "y",
                  "status": R.choice(["moi", "dang_xem_xet", "dang_thuc_hien", "da_thuc_hien", "khong_chap_nhan"]),
                  "contributor": vn("Ông Đỗ Văn Ước, thôn 3")}
            if R.random() < 0.5: sg["to_qmr_on"] = ds(later(d, 30))
            if R.random() < 0.3: sg["notified_on"] = ds(later(d, 50))
            rows["suggestions"].append(sg)
            cp = {"id": "K" + kid, "unit": u, "received_on": ds(d), "summary": text_with_quirks() or "z",
                  "channel": R.choice(["truc_tiep", "truc_tuyen", "buu_chinh", "dien_thoai", "khac", ""]),
                  "justified": R.choice(["yes", "no", ""])}
            if R.random() < 0.5: cp["explained_on"] = ds(later(d, 20))
            if R.random() < 0.5: cp["resolved_on"] = ds(later(d, 40))
            rows["complaints"].append(cp)
            if R.random() < 0.4:
                rows["incidents"].append({"id": "I" + kid, "unit": u, "occurred_on": ds(d),
                                          "equipment": vn("Máy in, tầng 2"),
                                          "downtime_hours": R.choice(["", "2.5", "0.25", "3", "1.1", "007", "0.1"]),
                                          "resolved_on": R.choice(["", ds(later(d, 3))])})
            if R.random() < 0.3:
                au = {"id": "D" + kid, "unit": u, "audit_on": ds(d), "finding": R.choice(["nc", "obs"]),
                      "description": text_with_quirks() or "w", "clause": R.choice(["", "7.5.3", "8.2.1"])}
                if R.random() < 0.5: au["closed_on"] = ds(later(d, 30))
                rows["audits"].append(au)
            for kind in ("errors", "actions", "suggestions", "complaints", "incidents", "audits"):
                if rows[kind] and rows[kind][-1]["unit"] == u and (rows[kind][-1].get("id") or "").endswith(kid) \
                        or kind == "errors":
                    r = rows[kind][-1]
                    k = unicodedata.normalize("NFC", r["doc_no"] if kind == "errors" else r["id"])
                    status[(kind, u, k)] = r
    for kind, lst in rows.items():
        write_register(folder, kind, lst, m)
