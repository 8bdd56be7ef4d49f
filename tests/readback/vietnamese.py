#!/usr/bin/python3
# vietnamese.py: see vietnamese.sh. "make ORG" writes a sample organization
# whose text holds every Vietnamese letter (67 lower and 67 upper case
# precomposed ones, đ and Đ), typed composed (NFC), decomposed (NFD), with
# the old tone placement (hoà, thuý: valid NFC, kept as typed) and in a
# Windows-1258 sheet and register (encoding = cp1258), and ORG/expect.json:
# each string as NFC and the documents it must come back from. "check ORG
# PERIOD" reads the outputs back: pdftotext, pdfinfo, openpyxl, the
# indicators CSV and the validation report.
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile


def nfc(s):
    return unicodedata.normalize('NFC', s)


def nfd(s):
    return unicodedata.normalize('NFD', s)


BASES = 'a ă â e ê i o ô ơ u ư y'.split()
TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323']
LOWER = [' '.join(nfc(b + t) for t in TONES) for b in BASES] + ['đ']
UPPER = [' '.join(nfc(b.upper() + t) for t in TONES) for b in BASES] + ['Đ']
TWO_MARKS = 'Ấ Ầ Ẩ Ẫ Ậ Ắ Ằ Ẳ Ẵ Ặ Ế Ề Ể Ễ Ệ Ố Ồ Ổ Ỗ Ộ Ớ Ờ Ở Ỡ Ợ Ứ Ừ Ử Ữ Ự'
OLD = 'hoà thuý khoẻ Hoà Bình Thuỷ Khoá Quý Huỳnh'


def set_key(path, section, key, value):
    """Sets key in [section] of an INI file (replacing its continuation
    lines), adding it at the end of the section when absent."""
    lines = open(path, encoding='utf-8-sig').read().split('\n')
    out, sec, i, done = [], None, 0, False
    while i < len(lines):
        m = re.match(r'\s*\[([^\]]+)\]', lines[i])
        if m:
            if sec == section and not done:
                out.append(f'{key} = {value}')
                done = True
            sec = m.group(1)
        if sec == section and re.match(r'\s*' + re.escape(key) + r'\s*=',
                                       lines[i]):
            while lines[i].rstrip().endswith('\\'):
                i += 1
            out.append(f'{key} = {value}')
            done = True
            i += 1
            continue
        out.append(lines[i])
        i += 1
    if not done:
        if sec != section:
            out.append(f'[{section}]')
        out.append(f'{key} = {value}')
    open(path, 'w', encoding='utf-8').write('\n'.join(out))


def make(org, top):
    exp = {}

    def want(key, typed, docs):
        exp[key] = {'nfc': nfc(typed), 'docs': docs}
        return typed

    shutil.copytree(os.path.join(top, 'config'), os.path.join(org, 'config'))
    for m in ('2024-10', '2024-11', '2024-12'):
        shutil.copytree(os.path.join(top, 'input', m),
                        os.path.join(org, 'input', m))
    c = os.path.join(org, 'config')
    b = os.path.join(c, 'baocao.ini')
    allpdf = ['bm', 'report', 'improvement']
    set_key(b, 'organization', 'parent',
            want('parent', 'ỦY BAN NHÂN DÂN TỈNH ẤẦẨẪẬ ẮẰẲẴẶ',
                 ['report', 'improvement']))
    set_key(b, 'organization', 'name', want('name', nfd(
        'ỦY BAN NHÂN DÂN XÃ ẾỀỂỄỆ ỐỒỔỖỘ ỚỜỞỠỢ ỨỪỬỮỰ ĐỒNG HOÀ'),
        allpdf + ['xlsx', 'author']))
    set_key(b, 'organization', 'place',
            want('place', nfd('Thuỷ Ẩn Đường'), allpdf))
    set_key(b, 'sign.report', 'title',
            want('signer_title', 'PHÓ CHỦ TỊCH ỲỶỸÝỴ', ['report']))
    set_key(b, 'sign.report', 'name',
            want('signer', nfd('Nguyễn Thị Ửng Ỹ Đạt'), ['report']))
    set_key(b, 'sign.improvement', 'name',
            want('qmr', 'Hà Văn Quyết Thuý', ['improvement']))
    set_key(b, 'recipients', '1',
            want('recipient1', 'UBND tỉnh ' + ' '.join(LOWER[:4]),
                 ['report', 'improvement']))
    set_key(b, 'recipients', '2',
            want('recipient2', nfd('Sở Nội vụ ' + ' '.join(UPPER[:4])),
                 ['report', 'improvement']))
    set_key(b, 'recipients', '3',
            want('recipient3', OLD, ['report', 'improvement']))
    set_key(b, 'input', 'encoding', 'cp1258')
    u = os.path.join(c, 'units.ini')
    names = {
        'VP': 'Văn phòng ' + ' '.join(LOWER[:6]),
        'PNV': nfd('Phòng ' + ' '.join(LOWER[6:])),
        'PTCKH': 'Phòng Tài chính ' + ' '.join(UPPER[:6]),
        'MOTCUA': nfd('Bộ phận Một cửa ' + ' '.join(UPPER[6:])),
        'PTNMT': 'Phòng Hoà Thuỷ khoẻ Khoá Quý',
    }
    for unit, name in names.items():
        set_key(u, unit, 'name', want('unit.' + unit, name,
                                      ['report', 'xlsx']))
        # the form's header: the name in upper case
        want('unit_upper.' + unit, nfc(name).upper(), ['bm:' + unit])
        set_key(u, unit, 'head_name', want('head.' + unit, nfd(
            'Nguyễn Thị Ỷ Ỹ ' + unit), ['bm:' + unit]))
    o = os.path.join(c, 'objectives.ini')
    set_key(o, 'satisfaction', 'label', want('objective', nfd(
        'Tỷ lệ hài lòng ỨỪỬỮỰ ứừửữự hoà thuý'), ['report', 'xlsx']))
    inp = os.path.join(org, 'input', '2024-12')
    text = {
        'VP': 'Năng lực ' + ' '.join(LOWER) + ' ' + TWO_MARKS + '.',
        'PNV': nfd('Phân tích ' + ' '.join(UPPER) + '.'),
        'PTCKH': 'Tài chính ' + ' '.join(LOWER) + ' ' + ' '.join(UPPER) + '.',
        'PTNMT': OLD + ' ' + OLD.upper() + '.',
    }
    for unit, t in text.items():
        path = os.path.join(inp, unit + '.ini')
        for k in ('strengths', 'weaknesses', 'causes', 'next_tasks'):
            v = want(f'narrative.{unit}.{k}', f'{k}: {t}',
                     ['report', 'bm:' + unit])
            set_key(path, 'narrative', k, v)
        set_key(path, 'submission', 'prepared_by',
                want('prepared.' + unit, nfd('Lê Thị Ỡ Ợ ' + unit),
                     ['bm:' + unit]))

    def add(name, row):
        with open(os.path.join(inp, name), 'a', encoding='utf-8') as f:
            f.write(row + '\r\n')
    add('VP.errors.csv', 'VP,"%s",2024-12-02,chinh_ta,2024-12-03,,"%s",,' % (
        want('doc_no.nfc', '12/QĐ-ỨỪ', ['xlsx']),
        want('error.nfc', 'Sai chính tả ' + ' '.join(LOWER[:6]), ['xlsx'])))
    add('VP.errors.csv', 'PNV,"%s",2024-12-02,the_thuc,2024-12-03,,"%s",,' % (
        want('doc_no.nfd', nfd('13/QĐ-ỮỰ'), ['xlsx']),
        want('error.nfd', nfd('Sai thể thức ' + ' '.join(UPPER[:6])),
             ['xlsx'])))
    add('VP.actions.csv', 'HD-V-1,VP,cai_tien,2024-12-06,suggestion,"%s",,'
        '2024-12-20,,' % want('action', nfd('Cải tiến ' + TWO_MARKS),
                              ['xlsx']))
    add('VP.suggestions.csv', 'GY-V-1,VP,2024-12-10,"Bà Ỷ","%s",,,,moi,,' %
        want('suggestion', nfd('Đề nghị ' + ' '.join(UPPER[6:])),
             ['improvement']))
    # Windows-1258: a sheet and a register (CP1258 decodes to combining
    # tone marks); iconv takes composed text
    for name in ('PTCKH.ini', 'MOTCUA.complaints.csv'):
        path = os.path.join(inp, name)
        t = nfc(open(path, encoding='utf-8-sig').read())
        r = subprocess.run(['iconv', '-f', 'UTF-8', '-t', 'CP1258'],
                           input=t.encode(), capture_output=True, check=True)
        open(path, 'wb').write(r.stdout)
    # a sheet with a byte-order mark and CRLF
    path = os.path.join(inp, 'PNV.ini')
    t = open(path, encoding='utf-8').read()
    open(path, 'wb').write(b'\xef\xbb\xbf' + t.replace('\n', '\r\n').encode())
    json.dump(exp, open(os.path.join(org, 'expect.json'), 'w'),
              ensure_ascii=False, indent=1)


FAILS = []


def no(msg):
    FAILS.append(msg)
    print('vietnamese.sh: ' + msg, file=sys.stderr)


def clean(where, s):
    """s is NFC, without U+FFFD or a lone combining mark."""
    if s is None or not isinstance(s, str):
        return
    if nfc(s) != s:
        no(f'{where}: not NFC: {s[:60]!r}')
    if '\ufffd' in s:
        no(f'{where}: U+FFFD in {s[:60]!r}')
    if any(unicodedata.combining(ch) for ch in s):
        no(f'{where}: a combining mark in {s[:60]!r}')


def squash(s):
    return re.sub(r'\s+', ' ', s).strip()


def pdftext(path):
    # -raw: the order of the content stream; a page's number and the draft
    # box are dropped, so that a paragraph reads on across a page break
    t = subprocess.run(['pdftotext', '-raw', '-enc', 'UTF-8', path, '-'],
                       capture_output=True, check=True).stdout.decode()
    clean(os.path.basename(path), t)
    keep = [ln for ln in t.replace('\f', '\n').split('\n')
            if not re.fullmatch(r'\s*(\d+|\d+ DỰ THẢO LẦN \d+|DỰ THẢO LẦN '
                                r'\d+)\s*', ln)]
    return squash(' '.join(keep))


def check(org, period):
    exp = json.load(open(os.path.join(org, 'expect.json')))
    if not exp:
        no('expect.json lists no string: nothing would be compared')
    out = os.path.join(org, 'output', period)
    files = sorted(os.listdir(out))
    texts = {}
    for f in files:
        p = os.path.join(out, f)
        if f.endswith('.pdf'):
            kind = ('bm:' + f.split('-')[1] if f.startswith('BM.07.01-') else
                    'report' if f.startswith('bao-cao-') else 'improvement')
            texts[kind] = pdftext(p)
            info = subprocess.run(['pdfinfo', '-enc', 'UTF-8', p],
                                  capture_output=True,
                                  check=True).stdout.decode()
            props = dict(ln.split(':', 1) for ln in info.splitlines()
                         if ':' in ln)
            for k in ('Title', 'Subject', 'Author'):
                clean(f + ' ' + k, props.get(k, '').strip())
            if props.get('Author', '').strip() != exp['name']['nfc']:
                no(f'{f}: Author {props.get("Author")!r}')
        elif f.endswith('.csv') or f.endswith('.txt'):
            clean(f, open(p, encoding='utf-8').read())
        elif f.endswith('.xlsx'):
            import openpyxl
            z = zipfile.ZipFile(p)
            for n in z.namelist():
                if n.endswith('.xml'):
                    clean(f + ':' + n, z.read(n).decode('utf-8'))
            wb = openpyxl.load_workbook(p)
            cells = []
            for ws in wb.worksheets:
                clean(f + ' sheet name', ws.title)
                for row in ws.iter_rows(values_only=True):
                    for v in row:
                        if isinstance(v, str):
                            cells.append(v)
            texts['xlsx'] = squash(' \x00 '.join(cells))
            texts['author'] = wb.properties.creator or ''
    forms = [k for k in texts if k.startswith('bm:')]
    month = re.fullmatch(r'\d{4}-\d\d', period) is not None
    if month != bool(forms):
        no(f'{period}: BM.07.01 forms: {forms}')
    for key, e in exp.items():
        for doc in [d for w in e['docs'] for d in (forms if w == 'bm' else
                                                   [w])]:
            if doc not in texts:
                if not (doc.startswith('bm:') and not month):
                    no(f'{period}: no document {doc} for {key}')
                continue
            if squash(e['nfc']) not in texts[doc]:
                no(f'{period}: {doc} does not give back {key}: '
                   f'{e["nfc"][:50]!r}')
    # the p-charts' months as the documents write a month (MM/YYYY), not
    # with a two-digit year ("10/24")
    if 'report' in texts and '10/2024 11/2024 12/2024' not in texts['report']:
        no(f'{period}: the p-charts do not label their months MM/YYYY')
    return 1 if FAILS else 0


if __name__ == '__main__':
    if sys.argv[1] == 'make':
        make(sys.argv[2], sys.argv[3])
        sys.exit(0)
    sys.exit(check(sys.argv[2], sys.argv[3]))
