#!/usr/bin/env python3
"""Systematic mutation of the configuration and templates.

Takes config/ and templates/, applies ONE mutation at a time to a copy of
one INI file, runs `baocao report --period P` (and `baocao template` for
templates/mau-bieu.ini) with --config/--templates on the copies, and checks:

  P1  no crash, sanitizer report or hang; no partial or stray output under
      a real name after a failed run;
  P2  a mutation that makes the file wrong exits 2 with nothing on stdout
      and a line 'PROGRAM: FILE:LINE[:COL]: message' that names the mutated
      file and the mutated line (the later one of a duplicate); a misspelt
      key or section gets a "did you mean";
  P3  a mutation that keeps the meaning (spacing around '=', inline
      comments, BOM, CRLF, NFD, section order, case of unit sections,
      0.95 vs 95%) exits 0 and gives the same indicators CSV and the same
      text in the PDFs (pdftotext) and strings in the workbook;
  P4  a label changed in a template shows up in some output.

Usage: tests/fuzz/mutate_config.py [--bin build/bin] [--period 2024-12]
           [--files config/units.ini,...] [--only KIND,...] [--keep DIR]
           [--limit N] [--seed S]
Mutations: per file BOM, CRLF, NFD, sections reversed, invalid UTF-8 in a
value; per section a misspelt name (and lower case in units.ini); per key a
misspelt name, a duplicate line, spacing around '=', an inline comment,
the value quoted, a misspelt {placeholder}, a changed label (PDF
templates); and the targeted mutations of semantic() (unit codes,
active_from/active_to, objectives' indicator/op/target/units/overrides,
cutoff_day, empty agency name, fonts, [xlsx] template, recipients, NUL,
long lines, broken lines). Expectations follow SPEC §3.3/§4 and the docs;
where a doc makes a mistake a warning or a fallback on purpose the case is
'info' (printed, not a failure): an unknown unit in an objective's units
or override (config.c), a target past 100%, an empty cutoff_day (0), an
empty objective label (the section name), and a misspelt
[table.X]/[compare.X] of a PDF template (reported at the block list
naming it, maybe in another file). Since lint_wording
(docs/PDF.md, Templates) a misspelt key or section of any other PDF
template section is an error at its line with "did you mean"; a misspelt
key of [sections] is 'no [section.X] with blocks' at its line.

Not part of `make test`. Exit 0 when every property held, 1 otherwise
(each failure on stdout; --keep DIR saves the mutated trees of failures).
"""
import argparse
import glob
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

MSG = re.compile(r'^(?P<prog>baocao[-a-z]*): (?P<file>[^:]+):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<msg>.+)$')
SAN = re.compile(rb'(AddressSanitizer|UndefinedBehaviorSanitizer|runtime error:|LeakSanitizer)')
INI_FILES = ['config/baocao.ini', 'config/units.ini', 'config/objectives.ini',
             'templates/pdf/common.ini', 'templates/pdf/bm.ini',
             'templates/pdf/report.ini', 'templates/pdf/improvement.ini',
             'templates/xlsx/default.ini', 'templates/xlsx/mau-gon.ini',
             'templates/mau-bieu.ini']


def parse_ini(text):
    """[(lineno, section, key or None, line)] of a valid INI file."""
    out = []
    sec = None
    for i, ln in enumerate(text.split('\n'), 1):
        s = ln.strip()
        if s.startswith('[') and ']' in s:
            sec = s[1:s.index(']')]
            out.append((i, sec, None, ln))
        elif s and s[0] not in ';#' and '=' in s:
            out.append((i, sec, s.split('=', 1)[0].strip(), ln))
    return out


def value_span(line):
    eq = line.index('=')
    j = eq + 1
    while j < len(line) and line[j] in ' \t':
        j += 1
    k = j
    if line[j:j + 1] == '"':
        q = re.compile(r'"((?:[^"\\]|\\.)*)"').match(line, j)
        if q:
            k = q.end()
    m = re.compile(r'[ \t]+[;#]|$').search(line, k)
    e = m.start()
    while e > j and line[e - 1] in ' \t\r':
        e -= 1
    return j, e


def misspell(word, rnd):
    """A near miss: swap two adjacent letters, else drop or double one."""
    if len(word) >= 3:
        for _ in range(10):
            i = rnd.randrange(len(word) - 1)
            if word[i] != word[i + 1]:
                return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word + word[-1] if word else 'x'


class Case:
    def __init__(self, kind, rel, text, expect, line=None, suggest=False,
                 raw=None, env_xlsx=None, marker=None):
        self.kind = kind          # mutation kind
        self.rel = rel            # mutated file, relative to the tree
        self.text = text          # new content (str) or None when raw bytes
        self.raw = raw
        self.expect = expect      # 'error', 'same', 'ok', 'label', 'info'
        self.line = line          # line an error must name
        self.suggest = suggest    # 'did you mean' required
        self.marker = marker      # text that must show (labels)
        self.xlsx = env_xlsx      # baocao.ini [xlsx] template to use


class Runner:
    def __init__(self, args):
        self.bin = os.path.abspath(args.bin)
        self.period = args.period
        self.timeout = args.timeout
        self.runs = 0
        self.failures = []
        self.infos = []
        self.keep = args.keep
        self.scratch = tempfile.mkdtemp(prefix='mutconf-', dir=args.scratch)

    def tree(self, case):
        d = tempfile.mkdtemp(dir=self.scratch)
        shutil.copytree(os.path.join(ROOT, 'config'), os.path.join(d, 'config'))
        shutil.copytree(os.path.join(ROOT, 'templates'), os.path.join(d, 'templates'))
        if case.xlsx:
            p = os.path.join(d, 'config/baocao.ini')
            t = open(p, encoding='utf-8').read()
            t = t.replace('template = default', 'template = ' + case.xlsx)
            open(p, 'w', encoding='utf-8').write(t)
        if case.rel:
            p = os.path.join(d, case.rel)
            data = case.raw if case.raw is not None else case.text.encode('utf-8')
            open(p, 'wb').write(data)
        return d

    def run(self, d, argv):
        self.runs += 1
        env = dict(os.environ, LC_ALL='C', SOURCE_DATE_EPOCH='1730419200',
                   ASAN_OPTIONS='detect_leaks=1:abort_on_error=0',
                   UBSAN_OPTIONS='print_stacktrace=1')
        env.pop('BAOCAO_TEMPLATES', None)
        env['PATH'] = self.bin + ':' + env['PATH']
        try:
            p = subprocess.run([os.path.join(self.bin, 'baocao'), '--config', 'config',
                                '--templates', 'templates', '--input',
                                os.path.join(ROOT, 'input'), '--output', 'out'] + argv,
                               cwd=d, capture_output=True, env=env, timeout=self.timeout)
        except subprocess.TimeoutExpired:
            return None, b'', b'TIMEOUT'
        return p.returncode, p.stdout, p.stderr

    def outputs(self, d):
        """{name: normalized content} of the report's outputs."""
        res = {}
        od = os.path.join(d, 'out', self.period)
        for f in sorted(os.listdir(od)) if os.path.isdir(od) else []:
            p = os.path.join(od, f)
            if f.endswith('.pdf'):
                t = subprocess.run(['pdftotext', '-layout', p, '-'], capture_output=True).stdout
                res[f] = t.decode('utf-8', 'replace')
            elif f.endswith('.xlsx'):
                with zipfile.ZipFile(p) as z:
                    res[f] = '\n'.join(z.read(n).decode('utf-8', 'replace')
                                       for n in sorted(z.namelist())
                                       if n.startswith('xl/') and n.endswith('.xml')
                                       and 'styles' not in n)
            elif f.endswith('.csv'):
                res[f] = open(p, encoding='utf-8').read()
        return res

    def fail(self, case, why, rc, out, err, d):
        s = '%s %s: %s (rc=%s)\n  stderr: %s' % (case.kind, case.rel, why, rc,
                                                  err.decode('utf-8', 'replace')[:600].replace('\n', '\n          '))
        self.failures.append(s)
        print('FAIL', s, flush=True)
        if self.keep:
            dst = os.path.join(self.keep, '%04d-%s' % (len(self.failures), case.kind))
            shutil.copytree(d, dst, ignore=shutil.ignore_patterns('out'))

    def check(self, case, baseline):
        d = self.tree(case)
        try:
            argv = ['report', '--period', self.period]
            if case.rel == 'templates/mau-bieu.ini':
                argv = ['template', '--unit', 'PNV', '--period', self.period]
            rc, out, err = self.run(d, argv)
            if rc is None:
                return self.fail(case, 'hang', rc, out, err, d)
            if SAN.search(err) or rc < 0 or rc > 2:
                return self.fail(case, 'crash/sanitizer', rc, out, err, d)
            lines = err.decode('utf-8', 'replace').splitlines()
            if case.expect == 'error':
                if rc != 2:
                    return self.fail(case, 'expected exit 2 (config/template error)', rc, out, err, d)
                if out:
                    return self.fail(case, 'stdout not empty on error', rc, out, err, d)
                want = os.path.basename(case.rel)
                hits = [m for m in map(MSG.match, lines) if m and m.group('file').endswith(want)]
                if not hits:
                    return self.fail(case, 'no FILE:LINE message naming %s' % case.rel, rc, out, err, d)
                if case.line and not any(int(m.group('line')) == case.line for m in hits):
                    return self.fail(case, 'message does not name line %d' % case.line, rc, out, err, d)
                if case.suggest and 'did you mean' not in err.decode('utf-8', 'replace'):
                    return self.fail(case, 'no "did you mean"', rc, out, err, d)
                od = os.path.join(d, 'out', self.period)
                real = [f for f in (os.listdir(od) if os.path.isdir(od) else [])
                        if not f.startswith('.') and not f.startswith('kiem-tra')]
                if real:
                    return self.fail(case, 'outputs written despite error: %s' % real[:3], rc, out, err, d)
                return
            if rc != 0:
                return self.fail(case, 'expected success', rc, out, err, d)
            if case.expect == 'same' and case.rel != 'templates/mau-bieu.ini':
                got = self.outputs(d)
                if sorted(got) != sorted(baseline):
                    return self.fail(case, 'different output files', rc, out, err, d)
                for k in sorted(got):
                    if got[k] != baseline[k]:
                        return self.fail(case, 'output %s differs' % k, rc, out, err, d)
            if case.expect == 'label':
                got = self.outputs(d)
                m = unicodedata.normalize('NFC', case.marker)
                if not any(m in v for v in got.values()):
                    self.infos.append('label not seen in any output: %s:%d' % (case.rel, case.line))
        finally:
            shutil.rmtree(d, ignore_errors=True)


def generate(rel, text, rnd, known_sections):
    """Every mutation of one file."""
    ents = parse_ini(text)
    lines = text.split('\n')
    xl = 'mau-gon' if rel.endswith('mau-gon.ini') else None
    C = lambda *a, **k: Case(*a, env_xlsx=xl, **k)

    def with_line(i, new):
        ls = list(lines)
        ls[i - 1] = new
        return '\n'.join(ls)

    def insert_after(i, new):
        ls = list(lines)
        ls[i:i] = [new]
        return '\n'.join(ls)

    # whole-file transforms that keep the meaning
    yield C('bom', rel, '\ufeff' + text, 'same')
    yield C('crlf', rel, text.replace('\n', '\r\n'), 'same')
    yield C('nfd', rel, unicodedata.normalize('NFD', text), 'same')
    # sections in reverse order
    blocks, cur = [], []
    head = []
    for ln in lines:
        if ln.strip().startswith('['):
            if cur:
                blocks.append(cur)
            cur = [ln]
        elif cur:
            cur.append(ln)
        else:
            head.append(ln)
    if cur:
        blocks.append(cur)
    if len(blocks) > 1 and not rel.startswith('templates/xlsx') and 'recipients' not in text:
        # units.ini's order is the order of the units in the documents (config.c 'order')
        yield C('reorder', rel, '\n'.join(head + [l for b in reversed(blocks) for l in b]),
                'ok' if rel == 'config/units.ini' else 'same')
    # invalid UTF-8 appended to the first value
    for (i, sec, key, ln) in ents:
        if key:
            b = text.encode('utf-8')
            ls = b.split(b'\n')
            j, e = value_span(ln)
            enc = ln[:e].encode('utf-8')
            ls[i - 1] = enc + b'\xff' + ln[e:].encode('utf-8')
            yield Case('bad-utf8', rel, None, 'error', line=i, raw=b'\n'.join(ls), env_xlsx=xl)
            break
    for (i, sec, key, ln) in ents:
        if key is None:
            name = sec
            bad = misspell(name, rnd)
            if rel == 'config/units.ini':
                # another valid unit code: the data then names an unknown unit (exit 1)
                yield C('sec-misspelt', rel, with_line(i, ln.replace('[' + name + ']', '[' + bad + ']')), 'any')
            elif rel == 'config/objectives.ini' or \
                    (rel.startswith('templates/pdf/') and name.startswith(('table.', 'compare.'))):
                # pdf: a [table.X]/[compare.X] misspelt is reported where a block
                # list names it, which may be another file (docs/PDF.md, Templates);
                # objectives: another objective; its overrides then name none
                yield C('sec-misspelt', rel, with_line(i, ln.replace('[' + name + ']', '[' + bad + ']')), 'any')
            elif rel.startswith('templates/pdf/'):
                # docs/PDF.md, Templates (lint_wording): a section the documents
                # do not read is now an error at its line with the nearest
                # name; it used to fall back silently to the built-in wording
                yield C('sec-misspelt', rel, with_line(i, ln.replace('[' + name + ']', '[' + bad + ']')),
                        'error', line=i, suggest=True)
            elif bad.lower() not in known_sections and bad.upper() != name.upper():
                yield C('sec-misspelt', rel, with_line(i, ln.replace('[' + name + ']', '[' + bad + ']')),
                        'error', line=i, suggest=True)
            if rel == 'config/units.ini':
                yield C('sec-lower', rel, with_line(i, ln.replace(name, name.lower())), 'same')
            continue
        j, e = value_span(ln)
        val = ln[j:e]
        bad = misspell(key, rnd)
        if rel.startswith('templates/pdf/') and sec == 'sections':
            # [sections] takes any key: a misspelt one is 'no [section.X] with
            # blocks' at its own line (lint_templates), without a suggestion
            yield C('key-misspelt', rel, with_line(i, ln.replace(key, bad, 1)), 'error', line=i)
        elif rel.startswith('templates/pdf/') and not sec.startswith(('table.', 'compare.')):
            # docs/PDF.md, Templates (lint_wording, new): a key a wording
            # section does not have is an error at its line with "did you
            # mean"; it used to fall back silently to the built-in wording.
            # [text] of a document's own template takes the keys it reads
            # (intro, closing, text.X of its block lists): 'itnro' used to
            # drop the report's opening paragraph with exit 0
            yield C('key-misspelt', rel, with_line(i, ln.replace(key, bad, 1)), 'error', line=i, suggest=True)
        elif key.isdigit() or re.fullmatch(r'col[0-9]+', bad):
            pass    # [recipients] 1, 2: another number is another recipient; col40 is a column too
        else:
            yield C('key-misspelt', rel, with_line(i, ln.replace(key, bad, 1)), 'error', line=i, suggest=True)
        yield C('key-dup', rel, insert_after(i, ln), 'error', line=i + 1)
        yield C('eq-spaces', rel, with_line(i, '%s   =    %s' % (key, ln[j:])), 'same')
        yield C('eq-nospace', rel, with_line(i, '%s=%s' % (key, ln[j:])), 'same')
        yield C('comment', rel, with_line(i, ln[:e] + '   ; ghi chú # x' + ln[e:]), 'same')
        if val and not val.startswith('"') and '"' not in val and '\\' not in val:
            yield C('quoted', rel, with_line(i, ln[:j] + '"' + val + '"' + ln[e:]), 'same')
        if rel.startswith('templates/') and val:
            for ph in set(re.findall(r'\{([a-z_0-9.]+)\}', val)):
                yield C('placeholder-misspelt', rel,
                        with_line(i, ln[:j] + val.replace('{' + ph + '}', '{' + misspell(ph, rnd) + '}', 1) + ln[e:]),
                        'error', line=i)
            if rel.startswith('templates/pdf/') and re.search('[A-Za-zÀ-ỹ]{3}', val) and '{' not in val \
                    and not re.fullmatch(r'[-0-9.,% a-z_]*', val):
                yield C('label', rel, with_line(i, ln[:j] + val + ' Zqx' + str(i) + ln[e:]), 'label',
                        line=i, marker='Zqx' + str(i))


def semantic(rnd):
    """The targeted mutations of the brief."""
    cfg = open(os.path.join(ROOT, 'config/baocao.ini'), encoding='utf-8').read()
    uni = open(os.path.join(ROOT, 'config/units.ini'), encoding='utf-8').read()
    obj = open(os.path.join(ROOT, 'config/objectives.ini'), encoding='utf-8').read()

    def ln_of(text, pat, start=0):
        ls = text.split('\n')
        for i in range(start, len(ls)):
            if re.search(pat, ls[i]):
                return i + 1
        raise KeyError(pat)

    def sub_line(text, i, new):
        ls = text.split('\n')
        ls[i - 1] = new
        return '\n'.join(ls)

    u = 'config/units.ini'
    o = 'config/objectives.ini'
    b = 'config/baocao.ini'
    i = ln_of(uni, r'^\[PNV\]')
    # 'pnv-x' folds to PNV-X, a valid code: the data then names an unknown unit
    yield Case('unit-code pnv-x', u, sub_line(uni, i, '[pnv-x]'), 'any')
    for code in ['P N V', 'ABCDEFGHIJKLMNOPQ', '../PNV', 'PNV/..', 'PNV.', '', 'PHÒNG']:
        yield Case('unit-code ' + code, u, sub_line(uni, i, '[%s]' % code), 'error', line=i)
    yield Case('unit-upper', u, sub_line(uni, i, '[pnv]'), 'same')
    k = ln_of(uni, r'^name', i)
    yield Case('unit-dup-section', u, uni + '\n[PNV]\nname = X\n', 'error', line=len(uni.split('\n')) + 1)
    yield Case('unit-dup-section-case', u, uni + '\n[pnv]\nname = X\n', 'error', line=len(uni.split('\n')) + 1)
    for af, at, exp, bad in [('2020-01', '2019-12', 'error', None), ('2024-13', '', 'error', 1),
                             ('2024-1', '', 'error', 1), ('01/2024', '', 'error', 1),
                             ('2024/01', '', 'error', 1), ('', '', 'same', None),
                             ('2020-01', '', 'same', None), ('2020-01', '2030-12', 'same', None),
                             ('2024-01-01', '', 'error', 1), ('abc', '', 'error', 1),
                             ('2020-01', '2024-1', 'error', 2), ('2020-01', '0000-00', 'error', 2)]:
        t = uni.split('\n')
        t[k - 1:k] = [t[k - 1], 'active_from = ' + af, 'active_to   = ' + at]
        yield Case('active %s..%s' % (af, at), u, '\n'.join(t), exp, line=k + bad if bad else None)
    yield Case('unit-empty-name', u, sub_line(uni, k, 'name = '), 'error', line=k)
    # objectives
    j = ln_of(obj, r'^\[satisfaction\]')
    ind = ln_of(obj, r'^indicator', j)
    opl = ln_of(obj, r'^op', j)
    tg = ln_of(obj, r'^target', j)
    un = ln_of(obj, r'^units', j)
    yield Case('obj-unknown-indicator', o, sub_line(obj, ind, 'indicator = satisfaction.rat'), 'error', line=ind, suggest=True)
    yield Case('obj-unknown-indicator2', o, sub_line(obj, ind, 'indicator = nothing'), 'error', line=ind)
    for op in ['>', '<', '=', '==', '=>', '!=', '', 'ge']:
        yield Case('obj-op ' + op, o, sub_line(obj, opl, 'op = ' + op), 'error', line=opl)
    # docs/CHECK.md: an objective without 'op' is a warning at its section
    # and taken as '>=' (satisfaction's own op): the outputs do not change
    yield Case('obj-op-absent', o, sub_line(obj, opl, ''), 'same')
    # documented: a target past 100% of a rate is a warning
    yield Case('obj-target 150%', o, sub_line(obj, tg, 'target = 150%'), 'info')
    for t in ['abc', '', '95%%', '1e', '-5%', '95 %', 'nan', 'inf', '0x1', '9,5']:
        yield Case('obj-target ' + t, o, sub_line(obj, tg, 'target = ' + t), 'error', line=tg)
    yield Case('obj-target 90%', o, sub_line(obj, tg, 'target = 90%'), 'same')
    yield Case('obj-target 90.0%', o, sub_line(obj, tg, 'target = 90.0%'), 'same')
    yield Case('obj-target 0.90', o, sub_line(obj, tg, 'target = 0.90'), 'same')
    for us in ['PNV, XYZ', 'pnv', 'PNV,,VP', '', 'PNV VP', '*, PNV']:
        # config.c: an unknown unit in a list is a warning; separators are ', \t'; empty is '*'
        yield Case('obj-units ' + us, o, sub_line(obj, un, 'units = ' + us), 'info')
    # config.c: a documented warning (SPEC's own example overrides MOTCUA)
    yield Case('obj-override-unknown-unit', o, obj + '\n[satisfaction.XYZ]\ntarget = 95%\n', 'info')
    yield Case('obj-override-unknown-obj', o, obj + '\n[satisfactoin.PNV]\ntarget = 95%\n', 'error',
               line=len(obj.split('\n')) + 1, suggest=True)
    yield Case('obj-override-bad-key', o, obj + '\n[satisfaction.PNV]\nop = <=\n', 'error', line=len(obj.split('\n')) + 2)
    yield Case('obj-override-lower-unit', o, obj + '\n[satisfaction.pnv]\ntarget = 95%\n', 'info')
    yield Case('obj-dup', o, obj + '\n[satisfaction]\nlabel = x\n', 'error', line=len(obj.split('\n')) + 1)
    # label is optional: empty or absent, the section name is printed
    yield Case('obj-empty-label', o, sub_line(obj, ln_of(obj, r'^label', j), 'label ='), 'info')
    # baocao.ini
    cd = ln_of(cfg, r'^cutoff_day')
    for v, exp in [('0', 'same'), ('15', 'ok'), ('1', 'error'), ('16', 'error'), ('', 'info'), ('-0', 'error'),
                   ('00', 'info'), ('15.0', 'error'), ('abc', 'error'), ('0 ; x', 'same')]:
        yield Case('cutoff ' + v, b, sub_line(cfg, cd, 'cutoff_day = ' + v), exp, line=cd)
    nm = ln_of(cfg, r'^name')
    yield Case('org-empty-name', b, sub_line(cfg, nm, 'name ='), 'error', line=nm)
    yield Case('org-blank-name', b, sub_line(cfg, nm, 'name =    ; x'), 'error', line=nm)
    yield Case('org-quoted-name', b, sub_line(cfg, nm, 'name = "ỦY BAN NHÂN DÂN HUYỆN THƯỜNG XUÂN" ; x'), 'same')
    yield Case('org-code-slash', b, sub_line(cfg, ln_of(cfg, r'^code'), 'code = UB/ND'), 'info')
    en = ln_of(cfg, r'^encoding')
    yield Case('encoding-bad', b, sub_line(cfg, en, 'encoding = latin1'), 'error', line=en)
    fl = ln_of(cfg, r'^; regular')
    yield Case('font-missing', b, sub_line(cfg, fl, 'regular = /nonexistent/font.ttf'), 'error', line=fl)
    yield Case('font-not-ttf', b, sub_line(cfg, fl, 'regular = /etc/passwd'), 'error', line=fl)
    yield Case('font-dir', b, sub_line(cfg, fl, 'regular = /usr/share/fonts'), 'error', line=fl)
    for f in ['/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf',
              '/usr/share/fonts/truetype/freefont/FreeSerif.ttf']:
        if os.path.exists(f):
            yield Case('font-other ' + os.path.basename(f), b, sub_line(cfg, fl, 'regular = ' + f), 'info')
    for f in glob.glob('/usr/share/fonts/**/*.ttf', recursive=True)[:0]:
        pass
    # a font lacking Vietnamese glyphs
    for f in ['/usr/share/fonts/truetype/lato/Lato-Regular.ttf',
              '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
              '/usr/share/fonts/truetype/unifont/unifont.ttf']:
        if os.path.exists(f):
            yield Case('font-no-vn ' + os.path.basename(f), b, sub_line(cfg, fl, 'regular = ' + f), 'info')
    xt = ln_of(cfg, r'^template')
    yield Case('xlsx-template-unknown', b, sub_line(cfg, xt, 'template = defualt'), 'error', line=xt, suggest=True)
    yield Case('xlsx-template-dotdot', b, sub_line(cfg, xt, 'template = ../../etc/passwd'), 'error', line=xt)
    yield Case('xlsx-template-mau-gon', b, sub_line(cfg, xt, 'template = mau-gon'), 'ok')
    r1 = ln_of(cfg, r'^1 =')
    yield Case('recipient-dup', b, sub_line(cfg, r1 + 1, '1 = X'), 'error', line=r1 + 1)
    yield Case('recipient-key-bad', b, sub_line(cfg, r1, 'x1 = X'), 'error', line=r1)
    yield Case('empty-file-units', u, '', 'info')
    yield Case('empty-file-objectives', o, '', 'info')
    yield Case('nul-byte', b, None, 'error', line=nm, raw=sub_line(cfg, nm, 'name = A\0B').encode())
    yield Case('long-line', b, sub_line(cfg, nm, 'name = ' + 'Ư' * 3000), 'error', line=nm)
    yield Case('cont-line', b, sub_line(cfg, nm, 'name = ỦY BAN \\'), 'info')
    yield Case('no-section', b, 'x = 1\n' + cfg, 'error', line=1)
    yield Case('garbage-line', b, sub_line(cfg, nm, 'name'), 'error', line=nm)
    yield Case('unterminated-section', b, sub_line(cfg, nm - 2 if False else ln_of(cfg, r'^\[organization\]'),
                                                    '[organization'), 'error', line=ln_of(cfg, r'^\[organization\]'))
    yield Case('unterminated-quote', b, sub_line(cfg, nm, 'name = "ỦY BAN'), 'info')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', default=os.path.join(ROOT, 'build/bin'))
    ap.add_argument('--period', default='2024-12')
    ap.add_argument('--files', default=','.join(INI_FILES))
    ap.add_argument('--only', default='')
    ap.add_argument('--skip', default='')
    ap.add_argument('--semantic', action='store_true', help='only the targeted mutations')
    ap.add_argument('--no-semantic', action='store_true')
    ap.add_argument('--keep')
    ap.add_argument('--limit', type=int, default=0, help='at most N mutations per file (random sample)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--timeout', type=int, default=120)
    ap.add_argument('--scratch', default=None)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    r = Runner(args)
    baselines = {}

    def baseline_of(xlsx):
        if xlsx not in baselines:
            d = r.tree(Case('baseline', None, None, 'ok', env_xlsx=xlsx))
            rc, out, err = r.run(d, ['report', '--period', args.period])
            if rc != 0:
                sys.exit('baseline failed: %s %s' % (rc, err.decode()))
            baselines[xlsx] = r.outputs(d)
            shutil.rmtree(d)
        return baselines[xlsx]
    baseline_of(None)
    only = set(filter(None, args.only.split(',')))
    skip = set(filter(None, args.skip.split(',')))
    cases = []
    if not args.semantic:
        known = set()
        for rel in INI_FILES:
            for (_, sec, key, _) in parse_ini(open(os.path.join(ROOT, rel), encoding='utf-8').read()):
                if key is None:
                    known.add(sec.lower())
        for rel in args.files.split(','):
            cs = list(generate(rel, open(os.path.join(ROOT, rel), encoding='utf-8').read(), rnd, known))
            if args.limit and len(cs) > args.limit:
                cs = rnd.sample(cs, args.limit)
            cases += cs
    if not args.no_semantic:
        cases += list(semantic(rnd))
    cases = [c for c in cases if (not only or c.kind.split()[0] in only) and c.kind.split()[0] not in skip]
    for n, c in enumerate(cases, 1):
        if c.expect in ('info', 'any'):
            dd = r.tree(c)
            rc, out, err = r.run(dd, ['report', '--period', args.period])
            if SAN.search(err) or rc is None or rc < 0 or rc > 2:
                r.fail(c, 'crash/hang', rc, out, err, dd)
            else:
                r.infos.append('%s: rc=%s %s' % (c.kind, rc, err.decode('utf-8', 'replace').strip()[:300]))
            shutil.rmtree(dd, ignore_errors=True)
            continue
        r.check(c, baseline_of(c.xlsx))
        if n % 50 == 0:
            print('.. %d/%d runs, %d failures' % (n, len(cases), len(r.failures)), flush=True)
    for i in r.infos:
        print('INFO', i)
    print('%d runs, %d failures' % (r.runs, len(r.failures)))
    shutil.rmtree(r.scratch, ignore_errors=True)
    sys.exit(1 if r.failures else 0)


if __name__ == '__main__':
    main()
