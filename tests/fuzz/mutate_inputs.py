#!/usr/bin/env python3
"""Systematic mutation of valid input for baocao-check.

Takes the sample month folders, applies ONE mutation at a time to a copy of
one file, runs baocao-check on it and checks these properties:

  P1  no crash, sanitizer report or hang; exit 0 or 1 (2 only where the
      mutation is meant to make a file unreadable);
  P2  on exit 1 stdout is empty and every stderr line is
      'baocao-check: FILE:LINE[:COL]: message' (or 'FILE: warning: ...');
      an error of a targeted mutation names the line that was mutated
      (the record's first line; the later duplicate; the section header for
      a missing key, ...);
  P3  a mutation SPEC §3 calls an error is one; one it calls valid passes;
  P4  a mutation that keeps the data (BOM, CRLF, column order, NFD, leading
      zeros, DD/MM/YYYY, key order, spacing, comments) gives the same stdout.

  P5  (--split) a survey gives the same bytes read by two threads
      (BAOCAO_SPLIT_MIN=0) as by one;
  P6  a NUL or 0xFF put at a random place is reported at its exact line,
      column and byte offset; a random mutation of a register is never
      reported before the record it touched (line 1 excepted);
  P7  (--cross) a row copied into another register of its folder is a
      duplicate at the copy naming the first (also with its key in NFD);
      copied into the next month's folder it is a re-send and passes.

Usage: tests/fuzz/mutate_inputs.py [--bin build/bin/baocao-check]
           [--months 2024-03,...] [--files NAME,...] [--random N]
           [--bad-bytes N] [--split] [--cross] [--transform crlf,bom,nfd]
           [--seed S] [--keep DIR]
Not part of `make test` (a month takes minutes). A run over every month,
e.g. `--months $(ls input | grep 2024 | paste -sd,) --split --cross`,
makes some 100,000 runs of the checker; `--bin build-san/bin/baocao-check`
runs them under ASan/UBSan. Exit status 0 when every property held, 1
otherwise (each failure on stdout; --keep DIR saves the failing inputs).
"""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

MSG = re.compile(rb'^baocao-check: (?P<file>[^:]+):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<msg>.+)$')
WARN_NOPOS = re.compile(rb'^baocao-check: (?P<file>[^:]+): warning: .+$')
SAN = re.compile(rb'(AddressSanitizer|UndefinedBehaviorSanitizer|runtime error:|LeakSanitizer)')

REQ_SECTIONS = {'submission', 'tasks', 'documents'}
OPT_KEYS = {('submission', 'prepared_by'), ('submission', 'submitted_on')}
COUNT_SECTIONS = {'tasks', 'dossiers', 'documents', 'satisfaction'}

# Required columns per register kind (SPEC §3.2); everything else optional.
REQUIRED = {
    'survey': ['unit', 'date', 'channel', 'rating'],
    'errors': ['unit', 'doc_no', 'doc_date', 'error_type', 'detected_on'],
    'actions': ['id', 'unit', 'type', 'opened_on', 'source', 'description', 'due_on'],
    'suggestions': ['id', 'unit', 'received_on', 'content', 'status'],
    'complaints': ['id', 'unit', 'received_on', 'summary'],
    'incidents': ['id', 'unit', 'occurred_on', 'equipment'],
    'audits': ['id', 'unit', 'audit_on', 'finding', 'description'],
}
DATE_COLS = {'date', 'doc_date', 'detected_on', 'corrected_on', 'verified_on',
             'opened_on', 'due_on', 'closed_on', 'received_on', 'to_qmr_on',
             'notified_on', 'explained_on', 'resolved_on', 'occurred_on',
             'audit_on'}
ENUM_COLS = {'channel', 'error_type', 'type', 'source', 'effective', 'status',
             'justified', 'finding'}
RATING_COLS = {'rating', 'access', 'procedure_rating', 'staff', 'result', 'feedback'}
# (later, earlier): later >= earlier
ORDER = {
    'errors': [('detected_on', 'doc_date'), ('corrected_on', 'detected_on'),
               ('verified_on', 'corrected_on')],
    'actions': [('due_on', 'opened_on'), ('closed_on', 'opened_on')],
    'suggestions': [('to_qmr_on', 'received_on'), ('notified_on', 'received_on')],
    'complaints': [('explained_on', 'received_on'), ('resolved_on', 'received_on')],
    'incidents': [('resolved_on', 'occurred_on')],
    'audits': [('closed_on', 'audit_on')],
}


MAX_ROWS = 6


def boundary(body, p):
    """p moved back to the start of a UTF-8 character."""
    while 0 < p < len(body) and 0x80 <= body[p] < 0xc0:
        p -= 1
    return p


class Runner:
    def __init__(self, binary, config, timeout=20):
        self.binary = binary
        self.config = config
        self.timeout = timeout
        self.runs = 0
        self.failures = []

    def run(self, cwd, paths, extra_env=None):
        self.runs += 1
        env = dict(os.environ, LC_ALL='C', SOURCE_DATE_EPOCH='1730419200',
                   **(extra_env or {}),
                   ASAN_OPTIONS='detect_leaks=1:abort_on_error=0',
                   UBSAN_OPTIONS='print_stacktrace=1')
        try:
            p = subprocess.run([self.binary, '--config', self.config] + paths,
                               cwd=cwd, capture_output=True, env=env,
                               timeout=self.timeout)
        except subprocess.TimeoutExpired:
            return None, b'', b'TIMEOUT'
        return p.returncode, p.stdout, p.stderr


def split_lines(data):
    """Lines with their ends kept."""
    return data.splitlines(keepends=True)


def parse_ini(text):
    """Yield (lineno, section, key, value_start, value_end) for key lines of a
    valid sheet (no continuations handled beyond marking them)."""
    out = []
    sec = None
    lines = text.splitlines(keepends=True)
    cont = False
    for i, ln in enumerate(lines, 1):
        s = ln.strip()
        was_cont = cont
        cont = s.endswith(b'\\')
        if was_cont:
            continue
        if s.startswith(b'[') and b']' in s:
            sec = s[1:s.index(b']')].decode().lower()
            out.append((i, sec, None, None))
            continue
        if not s or s[:1] in b';#' or b'=' not in ln:
            continue
        k, v = ln.split(b'=', 1)
        out.append((i, sec, k.strip().decode(), ln))
    return out


def value_span(line):
    """(start, end) of the bare value in an INI key line, comment excluded."""
    eq = line.index(b'=')
    j = eq + 1
    while j < len(line) and line[j:j + 1] in b' \t':
        j += 1
    k = j
    if line[j:j + 1] == b'"':
        # a quoted value: the comment can only start after its closing quote
        q = re.compile(rb'"((?:[^"\\]|\\.)*)"').match(line, j)
        if q:
            k = q.end()
    m = re.compile(rb'[ \t]+[;#]|\\\s*$|\r?\n?$').search(line, k)
    e = m.start() if m else len(line)
    while e > j and line[e - 1:e] in b' \t\r\n':
        e -= 1
    return j, e


def csv_records(data):
    """[(first_line, [fields], [col_of_each_field_start_or_None])] of a file
    that is valid RFC 4180 (used to mutate the sample)."""
    recs = []
    i = 0
    line = 1
    n = len(data)
    if data.startswith(b'\xef\xbb\xbf'):
        i = 3
    while i < n:
        start_line = line
        fields = []
        cols = []
        line_start = data.rfind(b'\n', 0, i) + 1
        while True:
            col = i - line_start + 1 if line == start_line else None
            if i < n and data[i:i + 1] == b'"':
                j = i + 1
                buf = b''
                while True:
                    q = data.index(b'"', j)
                    buf += data[j:q]
                    if data[q + 1:q + 2] == b'"':
                        buf += b'"'
                        j = q + 2
                        continue
                    break
                line += data[i:q].count(b'\n')
                fields.append(buf)
                cols.append(col)
                i = q + 1
            else:
                m = re.compile(rb'[,\r\n]').search(data, i)
                e = m.start() if m else n
                fields.append(data[i:e])
                cols.append(col)
                i = e
            if i < n and data[i:i + 1] == b',':
                i += 1
                continue
            if data[i:i + 2] == b'\r\n':
                i += 2
            elif i < n:
                i += 1
            line += 1
            break
        recs.append((start_line, fields, cols))
    return recs


def csv_quote(f):
    if re.search(rb'[",\r\n]', f) or f != f.strip(b' \t'):
        return b'"' + f.replace(b'"', b'""') + b'"'
    return f


def csv_write(recs):
    return b''.join(b','.join(csv_quote(f) for f in fs) + b'\n' for fs in recs)


def iso_to_dmy(v):
    m = re.fullmatch(rb'(\d{4})-(\d\d)-(\d\d)', v)
    return m.group(3) + b'/' + m.group(2) + b'/' + m.group(1) if m else None


def dmy_to_iso(v):
    m = re.fullmatch(rb'(\d\d)/(\d\d)/(\d{4})', v)
    return m.group(3) + b'-' + m.group(2) + b'-' + m.group(1) if m else None


def shift_date(v, days):
    import datetime
    iso = dmy_to_iso(v) or v
    d = datetime.date.fromisoformat(iso.decode()) + datetime.timedelta(days=days)
    return d.isoformat().encode()


class Case:
    """One mutation: what was done and what must follow."""

    def __init__(self, name, data, expect, lines=None, same=False,
                 msg=None, exit2=False):
        self.name = name
        self.data = data
        self.expect = expect      # 'error', 'pass', 'any'
        self.lines = lines        # set of acceptable error lines (None: any)
        self.same = same          # stdout must equal the original's
        self.msg = msg            # regex the error message must match
        self.exit2 = exit2
        self.lines_from = None    # no error before this line (but line 1)
        self.only_lines = False   # every error must be at one of lines
        self.col = None           # with msg: the column of that message


def ini_mutations(data, rng):
    text = data
    lines = split_lines(data)
    items = parse_ini(data)
    sec_line = {}
    keys = []
    for (ln, sec, key, raw) in items:
        if key is None:
            sec_line.setdefault(sec, ln)
        else:
            keys.append((ln, sec, key, raw))
    last = len(lines)

    def repl(ln, new):
        ls = list(lines)
        ls[ln - 1] = new
        return b''.join(ls)

    def setval(ln, raw, val):
        a, b = value_span(raw)
        return repl(ln, raw[:a] + val + raw[b:])

    # whole-file, data-preserving
    lf = data[3:] if data.startswith(b'\xef\xbb\xbf') else data
    yield Case('bom', b'\xef\xbb\xbf' + lf, 'pass', same=True)
    yield Case('no-bom', lf, 'pass', same=True)
    yield Case('crlf', data.replace(b'\r\n', b'\n').replace(b'\n', b'\r\n'), 'pass',
               same=True)
    nfd = unicodedata.normalize('NFD', data.decode()).encode()
    yield Case('nfd', nfd, 'pass', same=True)
    # sections reversed
    blocks = []
    head = []
    cur = None
    for ln in lines:
        if ln.strip().startswith(b'['):
            cur = [ln]
            blocks.append(cur)
        elif cur is None:
            head.append(ln)
        else:
            cur.append(ln)
    if blocks:
        fixed = [b if b[-1].endswith(b'\n') else b[:-1] + [b[-1] + b'\n'] for b in blocks]
        yield Case('sections-reversed', b''.join(head) + b''.join(b''.join(x) for x in reversed(fixed)),
                   'pass', same=True)
    yield Case('empty-file', b'', 'error', lines={1})
    yield Case('comment-only', b'; nothing\n', 'error')
    for (ln, sec, key, raw) in keys:
        a, b = value_span(raw)
        val = raw[a:b]
        tag = '%s.%s@%d' % (sec, key, ln)
        s = raw.rstrip(b'\r\n')
        required = sec in REQ_SECTIONS | {'dossiers', 'satisfaction'} and \
            (sec, key) not in OPT_KEYS
        # delete the key line: missing key reported at the section header
        if s.endswith(b'\\'):
            pass
        elif required:
            yield Case('del ' + tag, repl(ln, b''), 'error', lines={sec_line[sec]},
                       msg=rb"missing key '%s'" % key.encode())
        else:
            yield Case('del ' + tag, repl(ln, b''), 'pass')
        # duplicate the key line right after it
        if not s.endswith(b'\\'):
          yield Case('dup ' + tag, repl(ln, raw + raw if raw.endswith(b'\n') else raw + b'\n' + raw),
                   'error', lines={ln + 1}, msg=rb'duplicate key .*first given at line %d' % ln)
        # no spaces around '='
        if not s.endswith(b'\\'):
            kk = raw.split(b'=', 1)[0].strip()
            yield Case('nospace ' + tag, repl(ln, kk + b'=' + val + b'\n'), 'pass', same=True)
            yield Case('comment ' + tag, repl(ln, kk + b' = ' + val + ' ; ghi chú # x\n'.encode()),
                       'pass', same=True)
            yield Case('hashcomment ' + tag, repl(ln, kk + b'\t=\t' + val + '\t# ghi chú\n'.encode()),
                       'pass', same=True)
            yield Case('upperkey ' + tag, repl(ln, kk.upper() + b' = ' + val + b'\n'),
                       'pass', same=True)
        # misspelt key
        if len(key) > 4:
            bad = key[:2] + key[3:]
            yield Case('typo ' + tag, repl(ln, raw.replace(key.encode(), bad.encode(), 1)),
                       'error', lines={ln} | ({sec_line[sec]} if required else set()),
                       msg=None)
        if sec in COUNT_SECTIONS or key == 'revision':
            n = int(val)
            yield Case('neg ' + tag, setval(ln, raw, b'-' + val), 'error', lines={ln},
                       msg=rb'negative count|revision|invalid count .-0.')
            yield Case('2^63 ' + tag, setval(ln, raw, b'9223372036854775808'), 'error',
                       lines={ln}, msg=rb'larger than 9223372036854775807')
            yield Case('huge ' + tag, setval(ln, raw, b'9' * 40), 'error', lines={ln})
            yield Case('lead0 ' + tag, setval(ln, raw, b'00' + val), 'pass', same=True)
            yield Case('letterO ' + tag, setval(ln, raw, val + b'O'), 'error', lines={ln},
                       msg=rb'invalid (count|revision)')
            yield Case('empty ' + tag, setval(ln, raw, b''), 'error', lines={ln},
                       msg=rb'missing value')
            yield Case('plus ' + tag, setval(ln, raw, b'+' + val), 'error', lines={ln})
            yield Case('hex ' + tag, setval(ln, raw, b'0x10'), 'error', lines={ln})
            yield Case('space-in ' + tag, setval(ln, raw, b'1 2'), 'error', lines={ln})
            yield Case('quoted ' + tag, setval(ln, raw, b'"' + val + b'"'), 'any')
            if key != 'revision':
                # a changed count breaks its section's sum (if it has one)
                yield Case('plus1 ' + tag, setval(ln, raw, str(n + 1).encode()), 'any',
                           lines=set(range(sec_line[sec], ln + 1)))
                yield Case('max ' + tag, setval(ln, raw, b'9223372036854775807'), 'any',
                           lines=set(range(sec_line[sec], last + 1)))
            else:
                yield Case('rev0 ' + tag, setval(ln, raw, b'0'), 'error', lines={ln})
                yield Case('rev7 ' + tag, setval(ln, raw, b'7'), 'pass')
        if key == 'submitted_on':
            yield Case('dmy ' + tag, setval(ln, raw, iso_to_dmy(val) or dmy_to_iso(val) or val), 'pass', same=True)
            yield Case('feb30 ' + tag, setval(ln, raw, b'2024-02-30'), 'error', lines={ln},
                       msg=rb'impossible date')
            yield Case('feb29-2023 ' + tag, setval(ln, raw, b'29/02/2023'), 'error', lines={ln})
            yield Case('badfmt ' + tag, setval(ln, raw, b'2024/03/05'), 'error', lines={ln})
            yield Case('year0999 ' + tag, setval(ln, raw, b'0999-01-01'), 'error', lines={ln})
            yield Case('dmy1digit ' + tag, setval(ln, raw, b'5/3/2024'), 'error', lines={ln})
        if key == 'unit':
            yield Case('lower ' + tag, setval(ln, raw, val.lower()), 'error', lines={ln})
            yield Case('dotdot ' + tag, setval(ln, raw, b'../' + val), 'error', lines={ln},
                       msg=rb'invalid unit code')
            yield Case('other ' + tag, setval(ln, raw, b'PNV' if val != b'PNV' else b'VP'),
                       'error', lines={ln}, msg=rb'does not match the file name')
            yield Case('unknown ' + tag, setval(ln, raw, val + b'X'), 'error', lines={ln})
            yield Case('toolong ' + tag, setval(ln, raw, b'A' * 17), 'error', lines={ln})
        if key == 'period':
            yield Case('period ' + tag, setval(ln, raw, b'2023-12'), 'error', lines={ln},
                       msg=rb'does not match the folder')
            yield Case('period1 ' + tag, setval(ln, raw, val[:5] + val[6:]), 'error', lines={ln})
            yield Case('period13 ' + tag, setval(ln, raw, val[:5] + b'13'), 'error', lines={ln})
        if sec == 'narrative' and not s.endswith(b'\\') and len(val) > 40:
            # a continuation at a space: same text
            sp = val.find(b' ', len(val) // 2)
            if sp > 0:
                kk = raw.split(b'=', 1)[0]
                new = kk + b'= ' + val[:sp] + b' \\\n      ' + val[sp + 1:] + b'\n'
                yield Case('cont ' + tag, repl(ln, new), 'pass', same=True)
            yield Case('quoted-semicolon ' + tag,
                       setval(ln, raw, b'"' + val.replace(b'"', b'') + b'; #1"'), 'pass')
            yield Case('unterminated ' + tag, setval(ln, raw, b'"' + val.strip(b'"')), 'error', lines={ln})
            yield Case('big ' + tag, setval(ln, raw, b'a' * (1 << 20) + b'b'), 'error',
                       lines={ln}, msg=rb'longer than 1 MiB')
            yield Case('big-ok ' + tag, setval(ln, raw, b'a' * 1000), 'pass')
    # delete whole sections
    for sec, ln in sec_line.items():
        # lines of the section: up to next header
        end = last
        for (l2, s2, k2, _) in items:
            if k2 is None and l2 > ln:
                end = l2 - 1
                break
        ls = list(lines)
        for i in range(ln - 1, end):
            ls[i] = b''
        exp = 'error' if sec in REQ_SECTIONS else 'pass'
        yield Case('delsec [%s]' % sec, b''.join(ls), exp, msg=rb'missing section' if exp == 'error' else None)
        yield Case('typosec [%s]' % sec, repl(ln, lines[ln - 1].replace(b'[' + sec.encode(), b'[' + sec.encode() + b's', 1)), 'error')
        yield Case('dupsec [%s]' % sec, data + b'\n[' + sec.encode() + b']\n', 'any')
        # docs/CHECK.md: '[name' without its ']' is an error that still enters
        # the section named, so its keys are not strangers to the one before
        hdr = lines[ln - 1]
        if b']' in hdr:
            c = Case('nobracket [%s]' % sec, repl(ln, hdr[:hdr.index(b']')] + hdr[hdr.index(b']') + 1:]),
                     'error', lines={ln}, msg=rb"missing '\]' in section header")
            c.only_lines = True
            yield c
    # docs/CHECK.md: a comment ending in '\' continues onto the next line;
    # when that line is a key, it is an error there (the key is not read)
    for (ln, sec, key, raw) in keys[:1] + keys[len(keys) // 2:len(keys) // 2 + 1]:
        if ln > 1 and not lines[ln - 2].rstrip(b'\r\n').endswith(b'\\'):
            ls = list(lines)
            ls[ln - 1:ln - 1] = [b'; C:\\\n']
            yield Case('comment-swallows %s.%s@%d' % (sec, key, ln), b''.join(ls), 'error',
                       lines={ln + 1}, msg=rb'continues the comment above it')
    # byte-level at each line
    for ln in range(1, last + 1):
        body = lines[ln - 1].rstrip(b'\r\n')
        col = boundary(body, rng.randint(0, len(body)))
        yield Case('badutf8@%d:%d' % (ln, col + 1),
                   repl(ln, body[:col] + b'\xea' + body[col:] + b'\n'), 'error',
                   lines={ln}, msg=rb'invalid UTF-8')
        yield Case('nul@%d:%d' % (ln, col + 1),
                   repl(ln, body[:col] + b'\x00' + body[col:] + b'\n'), 'error',
                   lines={ln}, msg=rb'NUL byte')
        yield Case('cr@%d:%d' % (ln, col + 1),
                   repl(ln, body[:col] + b'\r' + body[col:] + b'\n'), 'any',
                   lines={ln})


def csv_mutations(kind, data, rng):
    recs = csv_records(data)
    header = [f.decode() for f in recs[0][1]]
    rows = recs[1:]
    req = REQUIRED[kind]
    idx = {h: i for i, h in enumerate(header)}
    rating_cols = RATING_COLS if kind == 'survey' else set()

    def build(newrecs):
        return csv_write([r for r in newrecs])

    base = [r[1] for r in recs]
    # Rewriting the file with our own quoting must not change a thing:
    # if it does, the reader disagrees with RFC 4180 (or we do).
    canon = csv_write(base)
    yield Case('rewrite', canon, 'pass', same=True)
    yield Case('bom', b'\xef\xbb\xbf' + canon, 'pass', same=True)
    yield Case('crlf', canon.replace(b'\n', b'\r\n'), 'pass', same=True)
    yield Case('no-final-newline', canon.rstrip(b'\n'), 'pass', same=True)
    yield Case('nfd', unicodedata.normalize('NFD', canon.decode()).encode(), 'pass',
               same=True)
    yield Case('header-only', csv_write(base[:1]), 'pass')
    yield Case('empty-file', b'', 'error', lines={1})
    yield Case('blank-line-end', canon + b'\n\n', 'pass', same=True)
    yield Case('empty-row-end', canon + b',' * (len(header) - 1) + b'\n', 'pass', same=True)
    yield Case('all-quoted', b''.join(b','.join(b'"' + f.replace(b'"', b'""') + b'"' for f in r) + b'\n'
                                      for r in base), 'pass', same=True)
    yield Case('upper-header', csv_write([[f.upper() for f in base[0]]] + base[1:]), 'any')
    yield Case('spaces-around', b''.join(b', '.join(csv_quote(f) for f in r) + b' \n' for r in base),
               'pass', same=True)
    # reversed / rotated column order
    perm = list(reversed(range(len(header))))
    yield Case('cols-reversed', csv_write([[r[i] for i in perm] for r in base]), 'pass', same=True)
    # delete each column
    for c, h in enumerate(header):
        nr = [[f for i, f in enumerate(r) if i != c] for r in base]
        if h == 'corrected_on' and 'verified_on' in idx:
            yield Case('delcol %s' % h, csv_write(nr), 'any')
        elif h in req:
            yield Case('delcol %s' % h, csv_write(nr), 'error', lines={1},
                       msg=rb"missing column '%s'" % h.encode())
        else:
            yield Case('delcol %s' % h, csv_write(nr), 'pass')
        if len(h) > 4:
            hb = [list(r) for r in base]
            hb[0][c] = (h[:2] + h[3:]).encode()
            yield Case('typocol %s' % h, csv_write(hb), 'error', lines={1}, msg=rb'did you mean')
        hb = [list(r) for r in base]
        hb[0] = hb[0] + [hb[0][c]]
        for r in hb[1:]:
            r.append(b'')
        yield Case('dupcol %s' % h, csv_write(hb), 'error', lines={1}, msg=rb'duplicate column')
    # unknown extra column
    hb = [list(r) + [b''] for r in base]
    hb[0][-1] = b'ghichu'
    yield Case('extracol', csv_write(hb), 'error', lines={1}, msg=rb"unknown column 'ghichu'")
    # per row mutations; rows are written one line each except multi-line
    # fields: compute start line of each row in the canonical form
    starts = []
    ln = 2
    for r in base[1:]:
        starts.append(ln)
        ln += csv_quote_lines(r)
    pick = list(range(len(base) - 1))
    if len(pick) > MAX_ROWS:
        pick = sorted(rng.sample(pick, MAX_ROWS))
    for ri in pick:
        r = base[ri + 1]
        L = starts[ri]
        tag = 'row%d@%d' % (ri + 1, L)

        def mut(newrow, rows_extra=None, _ri=ri):
            nb = [list(x) for x in base]
            nb[_ri + 1] = newrow
            return csv_write(nb)
        # duplicate row right after
        nb = [list(x) for x in base]
        nb.insert(ri + 2, list(r))
        if kind == 'survey':
            yield Case('duprow ' + tag, csv_write(nb), 'pass')
        else:
            yield Case('duprow ' + tag, csv_write(nb), 'error',
                       lines={L + csv_quote_lines(r)}, msg=rb'duplicate .*first at .*:%d' % L)
        nb = [list(x) for x in base]
        del nb[ri + 1]
        yield Case('delrow ' + tag, csv_write(nb), 'pass')
        yield Case('extrafield ' + tag, mut(list(r) + [b'x']), 'error', lines={L})
        yield Case('lessfield ' + tag, mut(list(r[:-1])), 'error', lines={L})
        for c, h in enumerate(header):
            v = r[c]
            t2 = '%s.%s' % (tag, h)
            nr = list(r)
            if h in req:
                nr[c] = b''
                yield Case('emptyreq ' + t2, mut(nr), 'error', lines={L}, msg=rb'missing value')
                nr = list(r)
                nr[c] = b'"  "'.strip(b'"')
                yield Case('blankreq ' + t2, mut(nr), 'error', lines={L})
            if h == 'unit':
                for lab, val, ex in (('lower', v.lower(), 'error'), ('dotdot', b'../' + v, 'error'),
                                     ('unknown', v + b'X', 'error'), ('long', b'A' * 17, 'error')):
                    nr = list(r)
                    nr[c] = val
                    yield Case('%s %s' % (lab, t2), mut(nr), ex, lines={L})
            if h in DATE_COLS and v:
                nr = list(r)
                nr[c] = iso_to_dmy(v) or dmy_to_iso(v)
                yield Case('otherform ' + t2, mut(nr), 'pass', same=True)
                for lab, bad in (('feb30', b'2024-02-30'), ('apr31', b'31/04/2024'),
                                 ('slash-iso', b'2024/03/05'), ('short', b'2024-3-5'),
                                 ('month13', b'2024-13-01'), ('day0', b'00/03/2024'),
                                 ('time', (dmy_to_iso(v) or v) + b' 10:00'),
                                 ('yr9999', b'9999-12-31')):
                    nr = list(r)
                    nr[c] = bad
                    yield Case('%s %s' % (lab, t2), mut(nr), 'any' if lab == 'yr9999' else 'error',
                               lines={L})
            if h in ENUM_COLS and v:
                nr = list(r)
                nr[c] = v + b'x'
                yield Case('enum ' + t2, mut(nr), 'error', lines={L}, msg=rb'expected one of')
                nr = list(r)
                nr[c] = v.upper()
                yield Case('enumupper ' + t2, mut(nr), 'error', lines={L})
            if h in rating_cols and v:
                for lab, val, ex in (('r0', b'0', 'error'), ('r6', b'6', 'error'),
                                     ('r05', b'0' + v, 'pass'), ('rneg', b'-1', 'error'),
                                     ('r4.5', b'4.5', 'error')):
                    nr = list(r)
                    nr[c] = val
                    yield Case('%s %s' % (lab, t2), mut(nr), ex, lines={L} if ex == 'error' else None,
                               same=(ex == 'pass'))
            if h == 'downtime_hours' and v:
                # 'dec' adds decimals: to a value that has some already ('6.5'
                # of 2024-08), a trailing zero, not a second point ('6.5.50')
                for lab, val, ex in (('neg', b'-1', 'error'),
                                     ('dec', v + (b'0' if b'.' in v else b'.50'), 'pass'),
                                     ('comma', b'2,5', 'error'), ('big', b'9' * 400, 'error'),
                                     ('lead0', b'00' + v, 'pass')):
                    nr = list(r)
                    nr[c] = val
                    yield Case('%s %s' % (lab, t2), mut(nr), ex,
                               lines={L} if ex == 'error' else None,
                               same=(lab == 'lead0'))
            if h not in req and h not in DATE_COLS and h not in ENUM_COLS and \
                    h not in rating_cols and h not in ('unit', 'downtime_hours'):
                # free text: line breaks and quotes are data
                nr = list(r)
                nr[c] = b'd\xc3\xb2ng 1\nd\xc3\xb2ng 2, "x"'
                yield Case('multiline ' + t2, mut(nr), 'pass')
                nr = list(r)
                nr[c] = b'a' * (1 << 20) + b'b'
                yield Case('bigfield ' + t2, mut(nr), 'error', lines={L}, msg=rb'1 MiB')
                nr = list(r)
                nr[c] = b'a' * (1 << 20)
                yield Case('bigfield-ok ' + t2, mut(nr), 'pass')
                # exactly 1 MiB of text over 1024 lines, saved with LF and
                # with CRLF: the CR of a line end is no text
                nr = list(r)
                nr[c] = (b'a' * 1023 + b'\n') * 1024
                yield Case('bigml-ok ' + t2, mut(nr), 'pass')
                yield Case('bigml-crlf-ok ' + t2, mut(nr).replace(b'\n', b'\r\n'), 'pass')
                nr[c] += b'b'
                yield Case('bigml-crlf ' + t2, mut(nr).replace(b'\n', b'\r\n'), 'error',
                           lines={L}, msg=rb'1 MiB')
        # date order violations
        for later, earlier in ORDER.get(kind, []):
            if later in idx and earlier in idx and r[idx[earlier]]:
                nr = list(r)
                nr[idx[later]] = shift_date(r[idx[earlier]], -1)
                yield Case('order %s<%s %s' % (later, earlier, tag), mut(nr), 'error',
                           lines={L}, msg=rb'is before')
        if kind == 'errors' and 'verified_on' in idx and 'corrected_on' in idx and r[idx['verified_on']]:
            nr = list(r)
            nr[idx['corrected_on']] = b''
            yield Case('verified-without-corrected ' + tag, mut(nr), 'error', lines={L},
                       msg=rb'without')
        # multi-line record: a newline in a free-text field, then break a later
        # field: the error names the record's first line
        free = [c for c, h in enumerate(header) if h in ('description', 'comment', 'summary',
                                                         'content', 'procedure', 'equipment')]
        enum_after = [c for c, h in enumerate(header) if (h in ENUM_COLS or h in rating_cols
                                                          or h in DATE_COLS) and r[c]]
        if free and enum_after:
            nr = list(r)
            nr[free[0]] = (nr[free[0]] or b'x') + b'\n\n tiep'
            c2 = enum_after[-1]
            nr[c2] = b'zz'
            yield Case('multiline-then-bad ' + tag, mut(nr), 'error', lines={L})
        # unterminated quote opening at a field of this row
        c = rng.randrange(len(header))
        nb = [list(x) for x in base]
        text_before = csv_write(nb[:ri + 1])
        rowtxt = csv_write([r])
        # find the col of field c in rowtxt
        parts = [csv_quote(f) for f in r]
        col = sum(len(p) + 1 for p in parts[:c]) + 1
        bad_row = b','.join(parts[:c]) + (b',' if c else b'') + b'"' + b'x' + b','.join(parts[c:]).replace(b'"', b'') + b'\n'
        rest = csv_write(nb[ri + 2:]).replace(b'"', b'')
        yield Case('unterminated %s col%d' % (tag, col), text_before + bad_row + rest, 'error',
                   lines={L}, msg=rb'unterminated')
        # invalid byte / NUL on this line
        body = rowtxt.split(b'\n')[0]
        p = boundary(body, rng.randint(0, len(body)))
        yield Case('badutf8 %s:%d' % (tag, p + 1),
                   text_before + body[:p] + b'\xff' + body[p:] + rowtxt[len(body):] + csv_write(nb[ri + 2:]),
                   'error', lines={L}, msg=rb'invalid UTF-8')
        yield Case('nul %s:%d' % (tag, p + 1),
                   text_before + body[:p] + b'\x00' + body[p:] + rowtxt[len(body):] + csv_write(nb[ri + 2:]),
                   'error', lines={L}, msg=rb'NUL')
    # stray quote in unquoted field of header
    yield Case('header-quote', canon.replace(b',', b',x"', 1), 'error', lines={1})


def csv_quote_lines(r):
    return csv_write([r]).count(b'\n')


def random_mutations(data, rng, n, starts=None):
    """Random byte flips, inserted bytes, deleted, doubled or swapped lines
    and truncations. With starts (the first line of each record of a
    register, by line), an error must not be reported before the record
    the mutation touched (line 1, the header, excepted): lines_from."""
    lines = split_lines(data)

    def rec_start(line):
        if not starts:
            return None
        while line > 1 and starts.get(line) is None:
            line -= 1
        return line

    def line_of(p):
        return data.count(b'\n', 0, p) + 1
    for _ in range(n):
        op = rng.choice(['flip', 'flip', 'delline', 'dupline', 'trunc', 'insbyte', 'swapline'])
        c = None
        if op == 'flip' and data:
            p = rng.randrange(len(data))
            b = bytes([data[p] ^ (1 << rng.randrange(8))])
            c = Case('flip@%d' % p, data[:p] + b + data[p + 1:], 'any')
            c.lines_from = rec_start(line_of(p))
        elif op == 'insbyte':
            p = rng.randrange(len(data) + 1)
            b = bytes([rng.choice([0, 0x22, 0x2c, 0x0d, 0x0a, 0x3b, 0x23, 0x5c, 0x3d, 0x5b,
                                   0x5d, 0xc3, 0x80, 0xff, 0x20, 0x09, rng.randrange(256)])])
            c = Case('ins%02x@%d' % (b[0], p), data[:p] + b + data[p:], 'any')
            c.lines_from = rec_start(line_of(p))
        elif op == 'delline' and lines:
            i = rng.randrange(len(lines))
            c = Case('delline%d' % (i + 1), b''.join(lines[:i] + lines[i + 1:]), 'any')
            c.lines_from = rec_start(i + 1)
        elif op == 'dupline' and lines:
            i = rng.randrange(len(lines))
            c = Case('dupline%d' % (i + 1), b''.join(lines[:i + 1] + lines[i:]), 'any')
            c.lines_from = rec_start(i + 1)
        elif op == 'swapline' and len(lines) > 1:
            i = rng.randrange(len(lines) - 1)
            ls = list(lines)
            ls[i], ls[i + 1] = ls[i + 1], ls[i]
            c = Case('swapline%d' % (i + 1), b''.join(ls), 'any')
            c.lines_from = rec_start(i + 1)
        elif op == 'trunc' and data:
            p = rng.randrange(len(data))
            c = Case('trunc@%d' % p, data[:p], 'any')
            c.lines_from = rec_start(line_of(p))
        if c is not None:
            yield c


def unit_active(config, unit, month):
    """Whether units.ini's active_from/active_to let unit report in month."""
    sec, rng_ = None, {}
    with open(os.path.join(config, 'units.ini'), encoding='utf-8') as f:
        for ln in f:
            s = ln.split(';')[0].split('#')[0].strip()
            if s.startswith('[') and ']' in s:
                sec = s[1:s.index(']')].upper()
            elif sec and '=' in s:
                k, v = (x.strip() for x in s.split('=', 1))
                if k in ('active_from', 'active_to') and v:
                    rng_.setdefault(sec, {})[k] = v
    r = rng_.get(unit.decode('utf-8', 'replace').upper(), {})
    return r.get('active_from', '0000-00') <= month <= r.get('active_to', '9999-99')


def cross_cases(runner, inp, months, rng, report):
    """Rows copied between files and folders (SPEC §3.2, §6 status lists):
    a row copied into another register of the same kind in its folder is
    a duplicate (at the copy, naming the first), also with its key in NFD;
    copied into the next month's folder it is a re-send and passes."""
    total = 0
    for i, month in enumerate(months[:-1]):
        nxt = months[i + 1]
        work = tempfile.mkdtemp(prefix='mutin-x.')
        try:
            for m in (month, nxt):
                shutil.copytree(os.path.join(inp, m), os.path.join(work, m))
            rc, base_out, err = runner.run(work, [month, nxt])
            if rc != 0:
                print('SKIP cross %s: exit %s' % (month, rc))
                continue
            for name in sorted(os.listdir(os.path.join(work, month))):
                if not name.endswith('.csv') or '.survey.' in name:
                    continue
                kind = name.split('.')[-2]
                path = os.path.join(work, month, name)
                with open(path, 'rb') as f:
                    data = f.read()
                recs = csv_records(data)
                if len(recs) < 2:
                    continue
                header = recs[0][1]
                hd = [h.decode() for h in header]
                keycol = hd.index('doc_no') if kind == 'errors' else hd.index('id')
                nxt_text = b''.join(open(os.path.join(work, nxt, n), 'rb').read()
                                    for n in os.listdir(os.path.join(work, nxt))
                                    if n.endswith('.%s.csv' % kind))
                for line, row, _ in rng.sample(recs[1:], min(3, len(recs) - 1)):
                    for form in ('NFC', 'NFD'):
                        r2 = [unicodedata.normalize(form, f.decode()).encode() for f in row]
                        extra = csv_write([header, r2])
                        for where, exp in ((month, 'error'), (nxt, 'pass')):
                            if exp == 'pass' and row[keycol] in nxt_text:
                                continue    # already re-sent there
                            if exp == 'pass' and not unit_active(runner.config, row[hd.index('unit')], nxt):
                                # a unit must be active in the folder's month
                                # (docs/CHECK.md, Values: 'unit code'): a re-send
                                # of TTPTQD (active_to 2024-06) into 2024-07 is
                                # rightly an error, not the re-send this tests
                                continue
                            # a file name of its own, read after the original
                            newp = os.path.join(work, where, 'ZZ.%s.csv' % kind)
                            with open(newp, 'wb') as f:
                                f.write(extra)
                            rel = os.path.join(where, 'ZZ.%s.csv' % kind)
                            case = Case('copy %s:%d to %s (%s)' % (name, line, where, form),
                                        extra, exp, lines={2} if exp == 'error' else None,
                                        msg=rb'first at %s:%d' % (os.path.join(month, name).encode(), line)
                                        if exp == 'error' else None)
                            rc, out, err = runner.run(work, [month, nxt])
                            total += 1
                            probs = []
                            if exp == 'error':
                                errs = [MSG.match(x) for x in err.splitlines()]
                                errs = [m for m in errs if m and not m.group('msg').startswith(b'warning')]
                                if rc != 1:
                                    probs.append('must be an error, exit %s' % rc)
                                elif not any(m.group('file') == rel.encode() and m.group('line') == b'2'
                                             and re.search(case.msg, m.group('msg')) for m in errs):
                                    probs.append('no duplicate message at %s:2' % rel)
                            elif rc != 0:
                                probs.append('must pass (re-send), exit %s' % rc)
                            if probs:
                                report(case, rel, rc, err, probs)
                            os.unlink(newp)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return total


def bad_byte_cases(data, rng, n):
    """A NUL or a 0xFF put at a random character boundary: the message
    names that byte's line, column and offset exactly (docs/CHECK.md,
    Encoding)."""
    for _ in range(n):
        p = boundary(data, rng.randrange(len(data) + 1))
        if data.startswith(b'\xef\xbb\xbf') and p < 3:
            p = 3
        b = rng.choice([b'\x00', b'\xff'])
        line = data.count(b'\n', 0, p) + 1
        col = p - (data.rfind(b'\n', 0, p) + 1) + 1
        if line == 1 and data.startswith(b'\xef\xbb\xbf'):
            col -= 3
        what = rb'NUL byte \(at byte offset %d\)' % p if b == b'\x00' else \
            rb'invalid UTF-8 \(byte 0xFF at byte offset %d\)' % p
        c = Case('byte%02x@%d' % (b[0], p), data[:p] + b + data[p:], 'error', lines={line},
                 msg=what)
        c.col = col
        yield c


def check(runner, case, cwd, relpath, base_out, report, split=False):
    rc, out, err = runner.run(cwd, [relpath])
    problems = []
    if split:
        # P5: the survey reader's two-thread split (docs/CHECK.md) gives
        # exactly the bytes of one thread
        r2 = runner.run(cwd, [relpath], {'BAOCAO_SPLIT_MIN': '0'})
        if r2 != (rc, out, err):
            problems.append('BAOCAO_SPLIT_MIN=0 differs: exit %s vs %s, stderr %r' %
                            (r2[0], rc, r2[2][:300]))
    if rc is None:
        problems.append('hang (timeout)')
    elif rc < 0:
        problems.append('killed by signal %d' % -rc)
    if SAN.search(err):
        problems.append('sanitizer report')
    if rc == 2 and not case.exit2:
        problems.append('exit 2')
    if rc not in (0, 1, 2, None) and rc >= 0:
        problems.append('exit %d' % rc)
    if rc != 0 and out:
        problems.append('stdout not empty on exit %s' % rc)
    errs = []
    for ln in err.splitlines():
        m = MSG.match(ln)
        if m:
            if not m.group('msg').startswith(b'warning: '):
                errs.append(m)
            continue
        if WARN_NOPOS.match(ln):
            continue
        if SAN.search(ln) or rc is None or rc < 0:
            continue
        problems.append('malformed stderr line: %r' % ln[:200])
    if rc == 1 and not errs:
        problems.append('exit 1 without an error message')
    if rc == 0 and errs:
        problems.append('exit 0 with error messages')
    if case.expect == 'error' and rc == 0:
        problems.append('must be an error, passed')
    if case.expect == 'pass' and rc != 0:
        problems.append('must pass, exit %s' % rc)
    if rc == 1 and case.lines is not None and errs:
        lines_seen = {int(m.group('line')) for m in errs}
        if not lines_seen & case.lines:
            problems.append('error lines %s, expected one of %s' % (sorted(lines_seen),
                                                                    sorted(case.lines)[:8]))
        if case.only_lines and lines_seen - case.lines:
            problems.append('errors also at lines %s, expected only %s' %
                            (sorted(lines_seen - case.lines), sorted(case.lines)[:8]))
        stray = [m for m in errs if os.path.basename(m.group('file').decode('utf-8', 'replace'))
                 != os.path.basename(relpath)]
        if stray:
            problems.append('message for another file')
    if rc == 1 and case.lines_from is not None and errs:
        early = sorted({int(m.group('line')) for m in errs
                        if 1 < int(m.group('line')) < case.lines_from})
        if early:
            problems.append('error at line %s, before the mutated record at %d' %
                            (early, case.lines_from))
    if rc == 1 and case.msg is not None and case.expect == 'error':
        hit = [m for m in errs if re.search(case.msg, m.group('msg'))]
        if not hit:
            problems.append('no message matching %r' % case.msg)
        elif case.col is not None and not any(
                m.group('col') == str(case.col).encode() and
                int(m.group('line')) in case.lines for m in hit):
            problems.append('position %s:%s, expected %s:%d' % (
                hit[0].group('line'), hit[0].group('col'), sorted(case.lines), case.col))
    if case.same and rc == 0 and base_out is not None and out != base_out:
        a = base_out.splitlines()
        b = out.splitlines()
        diff = [(x, y) for x, y in zip(a, b) if x != y][:2]
        problems.append('stdout differs from the original (%d vs %d lines) %r' % (len(a), len(b), diff))
    if problems:
        report(case, relpath, rc, err, problems)
    return not problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', default=os.path.join(ROOT, 'build/bin/baocao-check'))
    ap.add_argument('--config', default=os.path.join(ROOT, 'config'))
    ap.add_argument('--input', default=os.path.join(ROOT, 'input'))
    ap.add_argument('--months', default='2024-03,2024-07')
    ap.add_argument('--files', default='', help='only these file names')
    ap.add_argument('--random', type=int, default=50, help='random mutations per file')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--split', action='store_true',
                    help='also compare survey runs with BAOCAO_SPLIT_MIN=0')
    ap.add_argument('--cross', action='store_true',
                    help='also copy rows between files and folders')
    ap.add_argument('--bad-bytes', type=int, default=20,
                    help='NUL / 0xFF insertions per file, positions checked')
    ap.add_argument('--transform', default='',
                    help='crlf,bom,nfd: applied to every file before mutating')
    ap.add_argument('--no-structured', action='store_true')
    ap.add_argument('--keep', default=None, help='write failing inputs here')
    ap.add_argument('--max-fail-print', type=int, default=200)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    runner = Runner(os.path.abspath(a.bin), os.path.abspath(a.config))
    work = tempfile.mkdtemp(prefix='mutin.')
    fails = []

    def report(case, relpath, rc, err, problems):
        fails.append(case)
        if len(fails) <= a.max_fail_print:
            print('FAIL %s [%s] exit %s: %s' % (relpath, case.name, rc, '; '.join(problems)))
            for ln in [x for x in err.splitlines() if b': warning: ' not in x][:4]:
                print('    ' + ln.decode('utf-8', 'replace')[:300])
        if a.keep:
            os.makedirs(a.keep, exist_ok=True)
            fn = os.path.join(a.keep, '%04d-%s-%s' % (len(fails), os.path.basename(relpath),
                                                       re.sub(r'[^\w.@-]+', '_', case.name)[:60]))
            with open(fn, 'wb') as f:
                f.write(case.data)
        sys.stdout.flush()

    total = 0
    if a.cross:
        total += cross_cases(runner, a.input, a.months.split(','), rng, report)
    try:
        for month in a.months.split(','):
            src = os.path.join(a.input, month)
            dst = os.path.join(work, month)
            names = sorted(os.listdir(src))
            for name in names:
                if a.files and name not in a.files.split(','):
                    continue
                if not (name.endswith('.ini') or name.endswith('.csv')):
                    continue
                shutil.rmtree(dst, ignore_errors=True)
                os.makedirs(dst)
                path = os.path.join(src, name)
                with open(path, 'rb') as f:
                    data = f.read()
                if 'crlf' in a.transform:
                    data = data.replace(b'\r\n', b'\n').replace(b'\n', b'\r\n')
                if 'bom' in a.transform and not data.startswith(b'\xef\xbb\xbf'):
                    data = b'\xef\xbb\xbf' + data
                if 'nfd' in a.transform:
                    data = unicodedata.normalize('NFD', data.decode()).encode()
                rel = os.path.join(month, name)
                target = os.path.join(work, rel)
                with open(target, 'wb') as f:
                    f.write(data)
                rc, base_out, err = runner.run(work, [rel])
                if rc != 0:
                    print('SKIP %s: the original fails (exit %s): %s' % (rel, rc, err[:200]))
                    continue
                if name.endswith('.ini'):
                    gen = ini_mutations(data, rng) if not a.no_structured else iter(())
                else:
                    kind = name.split('.')[-2]
                    gen = csv_mutations(kind, data, rng) if not a.no_structured else iter(())
                starts = None
                if name.endswith('.csv'):
                    try:
                        starts = {r[0]: True for r in csv_records(data)}
                    except ValueError:
                        starts = None
                cases = list(gen) + list(random_mutations(data, rng, a.random, starts)) + \
                    list(bad_byte_cases(data, rng, a.bad_bytes))
                for case in cases:
                    with open(target, 'wb') as f:
                        f.write(case.data)
                    check(runner, case, work, rel, base_out, report,
                          split=a.split and name.endswith('.survey.csv'))
                    total += 1
                with open(target, 'wb') as f:
                    f.write(data)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print('%d mutations, %d runs, %d failing' % (total, runner.runs, len(fails)))
    return 1 if fails else 0


if __name__ == '__main__':
    sys.exit(main())
