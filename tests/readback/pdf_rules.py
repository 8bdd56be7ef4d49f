#!/usr/bin/python3
"""pdf_rules.py PDF AGENCY: the drawn parts of SPEC §7.1's header that no
text extraction sees, read from the page's own drawing operators (qpdf
--qdf uncompresses them) against the words' boxes of pdftotext -bbox:
- under the motto's second line "Độc lập - Tự do - Hạnh phúc" a rule as
  long as the line (1 pt either way) and centred under it;
- under the agency's name (AGENCY, its last line) a short rule: shorter
  than the line, at least 15 pt, centred under it;
- with a draft, on every page a box around "DỰ THẢO LẦN N".
Exit 1 with the reason on the first check that fails."""
import re
import subprocess
import sys
import tempfile

PAGE_H = 841.89
MOTTO2 = 'Độc lập - Tự do - Hạnh phúc'


def words(pdf):
    """[[(xmin, ymin, xmax, ymax, text)] per page], y from the top."""
    out = subprocess.run(['pdftotext', '-bbox', pdf, '-'], capture_output=True,
                         check=True).stdout.decode('utf-8')
    pages = []
    for part in out.split('<page ')[1:]:
        ws = []
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">([^<]*)</word>', part):
            ws.append(tuple(float(m.group(i)) for i in range(1, 5)) + (m.group(5),))
        pages.append(ws)
    return pages


def drawings(pdf):
    """[(segments, rects) per page]: horizontal segments (x0, x1, y) and
    rectangles (x0, y0, x1, y1), y from the top."""
    with tempfile.NamedTemporaryFile(suffix='.pdf') as q:
        subprocess.run(['qpdf', '--qdf', '--object-streams=disable', pdf, q.name],
                       check=True)
        data = open(q.name, 'rb').read().decode('latin-1')
    pages = []
    for part in re.split(r'%% Contents for page \d+\n', data)[1:]:
        body = part[part.index('stream\n') + 7:part.index('endstream')]
        segs, rects, at = [], [], None
        for ln in body.split('\n'):
            f = ln.split()
            if len(f) == 3 and f[2] == 'm':
                at = (float(f[0]), float(f[1]))
            elif len(f) == 3 and f[2] == 'l' and at is not None:
                x, y = float(f[0]), float(f[1])
                if abs(y - at[1]) < 0.01:
                    segs.append((min(at[0], x), max(at[0], x), PAGE_H - y))
                at = (x, y)
            elif len(f) == 5 and f[4] == 're':
                x, y, w, h = map(float, f[:4])
                rects.append((x, PAGE_H - y - h, x + w, PAGE_H - y))
        pages.append((segs, rects))
    return pages


def line_of(ws, text):
    """The box of the words that spell text in a row, or None."""
    want = text.split()
    for i, w in enumerate(ws):
        run = ws[i:i + len(want)]
        if [r[4] for r in run] == want and all(abs(r[1] - w[1]) < 0.5 for r in run):
            return (run[0][0], min(r[1] for r in run), run[-1][2], max(r[3] for r in run))
    return None


def rule_under(segs, box):
    """The horizontal segment right under box (within 8 pt), or None."""
    below = [s for s in segs if box[3] <= s[2] <= box[3] + 8 and
             s[0] < box[2] and s[1] > box[0]]
    return min(below, key=lambda s: s[2]) if below else None


def main():
    pdf, agency = sys.argv[1], sys.argv[2]
    wp, dp = words(pdf), drawings(pdf)
    if len(wp) != len(dp) or not wp:
        sys.exit('%s: %d pages of text, %d of drawings' % (pdf, len(wp), len(dp)))
    ws, (segs, rects) = wp[0], dp[0]
    box = line_of(ws, MOTTO2)
    if box is None:
        sys.exit('no line %r on page 1' % MOTTO2)
    r = rule_under(segs, box)
    if r is None:
        sys.exit('no rule under %r' % MOTTO2)
    if abs((r[1] - r[0]) - (box[2] - box[0])) > 1 or \
            abs((r[0] + r[1]) / 2 - (box[0] + box[2]) / 2) > 1:
        sys.exit('the rule under the motto runs %.1f..%.1f, the line %.1f..%.1f'
                 % (r[0], r[1], box[0], box[2]))
    last = agency.split('\\n')[-1].split()
    box = None
    for n in range(len(last), 0, -1):	# the name's last printed line
        box = line_of(ws, ' '.join(last[-n:]))
        if box is not None and (n == len(last) or line_of(ws, ' '.join(last[-n - 1:])) is None):
            break
    if box is None:
        sys.exit('no line of the agency %r on page 1' % agency)
    r = rule_under(segs, box)
    if r is None:
        sys.exit('no rule under the agency')
    if not 15 <= r[1] - r[0] < box[2] - box[0] or \
            abs((r[0] + r[1]) / 2 - (box[0] + box[2]) / 2) > 1:
        sys.exit('the rule under the agency runs %.1f..%.1f, the line %.1f..%.1f'
                 % (r[0], r[1], box[0], box[2]))
    n = 0
    for i, (ws, (segs, rects)) in enumerate(zip(wp, dp), 1):
        d = [w for w in ws if w[4] == 'DỰ']
        if not d:
            continue
        box = None
        for w in d:
            box = box or line_of(ws[ws.index(w):], 'DỰ THẢO LẦN')
        if box is None:
            sys.exit('page %d: "DỰ" without "THẢO LẦN"' % i)
        num = [w for w in ws if w[0] > box[2] and abs(w[1] - box[1]) < 0.5 and w[4].isdigit()]
        x1 = num[0][2] if num else box[2]
        if not any(r[0] < box[0] and r[2] > x1 and r[1] < box[1] and r[3] > box[3]
                   for r in rects):
            sys.exit('page %d: no box around the draft mark' % i)
        n += 1
    print(n)


if __name__ == '__main__':
    main()
