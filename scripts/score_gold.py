#!/usr/bin/env python3
"""Score planparse against the hand-annotated gold in gold/*.json.

For every gold file, planparse is run on the same document in each input
format (../shared/corpus-vn/official/{txt,docx,pdf}/<id>.<ext>) and its
output is compared with the gold, category by category:

  sections    multiset of canonical paths (bullets dropped); a tool path that
              carries extra leading labels (e.g. ["Điều 1", "I", "1"] or
              ["KH", "I", "1"]) may match the gold path by suffix, see
              match_sections().
  references  set of normalised document numbers.
  targets     greedy one-to-one match on (value, unit); comparator and year
              agreement are reported among the matched pairs.
  tasks       greedy one-to-one match: lead agencies overlap (after folding
              diacritics and expanding common abbreviations) and the gold
              quote's words are found in the tool's task text; deadline,
              supporting-agency and exact lead-set agreement are reported
              among the matched pairs (-v lists each disagreement).
  meta        doc_type / number / date / issuer accuracy (issuer exact, case included).

Precision, recall and F1 are micro-averaged over documents (counts summed
before dividing). The gold annotation rules are in gold/README.md.

Standard library only. Exit status is 0 (it is a report) unless the
planparse binary is missing (2) or the gold directory is empty (2).

Examples:
  python3 scripts/score_gold.py                       # release binary, txt/docx/pdf
  python3 scripts/score_gold.py --bin target/debug/planparse --verbose
  python3 scripts/score_gold.py --formats txt --only 541cde0f8d5ffef3
  python3 scripts/score_gold.py --outputs-dir /tmp/out  # pre-computed <id>.<fmt>.json
  python3 scripts/score_gold.py --check-gold            # validate the gold files
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_GOLD = os.path.join(REPO, "gold")
DEFAULT_CORPUS = os.path.normpath(os.path.join(REPO, "..", "shared", "corpus-vn", "official"))
DEFAULT_BIN = os.path.join(REPO, "target", "release", "planparse")
FORMAT_EXT = {"txt": "txt", "docx": "docx", "docx-auto": "docx", "pdf": "pdf", "md": "md"}
CATEGORIES = ("sections", "references", "targets", "tasks")
COMPARATORS = {"eq", "gte", "gt", "lte", "lt", "approx"}

# ---------------------------------------------------------------- text utils


def nfc(s):
    return unicodedata.normalize("NFC", s if isinstance(s, str) else str(s))


def fold(s):
    """Lowercase and strip every diacritic, so tone placement ("uỷ"/"ủy") and
    precomposed/decomposed spellings compare equal."""
    s = unicodedata.normalize("NFD", nfc(s))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return s.replace("đ", "d").replace("Đ", "D").lower()


def tokens(s):
    return re.findall(r"\w+", fold(s or ""))


def as_list(x):
    if x is None:
        return []
    if isinstance(x, list):
        return x
    return [x]


def as_str(x):
    if x is None:
        return ""
    if isinstance(x, str):
        return x
    if isinstance(x, dict):
        for k in ("name", "text", "number"):
            if isinstance(x.get(k), str):
                return x[k]
    return str(x)


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


# ------------------------------------------------------------------ sections

STYLE_PREFIX = {"article": "dieu", "chapter": "chuong", "part": "phan", "appendix": "phu luc"}
PREFIX_RE = re.compile(r"^(điều|chương|mục|phần|phụ lục)(?:\s+(.*))?$", re.IGNORECASE)
PLAIN_MARKER_RE = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])$")


def canon_number(x):
    """'01' -> '1', '2.1.' -> '2.1'; anything else unchanged."""
    x = x.strip().rstrip(".")
    if re.fullmatch(r"\d+(?:\.\d+)*", x):
        return ".".join(str(int(p)) for p in x.split("."))
    return x


def canon_elem(e, style=None):
    """Canonical form of one path element. Word-prefixed markers ("Điều 3",
    "PHỤ LỤC II", "Chương I") get a folded lowercase prefix; plain markers keep
    their case because "I" (Roman) and "i" (letter) differ."""
    e = re.sub(r"\s+", " ", nfc(as_str(e))).strip()
    e = re.sub(r"[\s.:)\]]+$", "", e).strip()
    m = PREFIX_RE.match(e)
    if m:
        rest = canon_number(m.group(2) or "")
        if re.fullmatch(r"[ivxlc]+", rest, re.IGNORECASE):
            rest = rest.upper()
        return (fold(m.group(1)) + " " + rest).strip()
    if style in STYLE_PREFIX:
        return STYLE_PREFIX[style] + " " + canon_number(e)
    return canon_number(e)


def canon_path(path, styles=None):
    styles = styles or [None] * len(path)
    return tuple(canon_elem(e, s) for e, s in zip(path, styles))


def flatten_sections(sections, chain=()):
    """Yield the canonical path of every numbered section of a tool's tree.
    Bullets are skipped but their children are visited (the contract says
    bullets do not add to their descendants' paths)."""
    for s in as_list(sections):
        if not isinstance(s, dict):
            continue
        style = s.get("style")
        children = s.get("children")
        if style == "bullet":
            yield from flatten_sections(children, chain)
            continue
        link = (s.get("marker", ""), style)
        new_chain = chain + (link,)
        path = s.get("path")
        if isinstance(path, list) and path:
            if len(path) == len(new_chain):
                styles = [c[1] for c in new_chain]
            else:
                styles = [None] * (len(path) - 1) + [style]
            yield canon_path(path, styles)
        else:
            yield canon_path([c[0] for c in new_chain], [c[1] for c in new_chain])
        yield from flatten_sections(children, new_chain)


def match_sections(gold_paths, tool_paths):
    """Multiset match. Exact paths first; then a left-over tool path matches a
    left-over gold path when the gold path is its suffix and the 1-2 dropped
    leading elements are not plain markers (Roman, Arabic, decimal, letter):
    that admits a tool that prefixes an embedded plan's sections with its
    article or a part label, but never credits a wrong nesting such as tool
    ["II", "1"] for gold ["1"]."""
    g = Counter(canon_path(p) for p in gold_paths)
    t = Counter(tool_paths)
    exact = g & t
    g_left, t_left = g - exact, t - exact
    suffix = Counter()
    for tp in sorted(t_left.elements()):
        for k in (1, 2):
            if len(tp) <= k:
                break
            prefix, rest = tp[:k], tp[k:]
            if any(PLAIN_MARKER_RE.match(x) for x in prefix):
                break
            if g_left[rest] > 0:
                g_left[rest] -= 1
                suffix[rest] += 1
                t_left[tp] -= 1
                break
    g_left, t_left = +g_left, +t_left
    tp_count = sum(exact.values()) + sum(suffix.values())
    return {
        "tp": tp_count, "fp": sum(t_left.values()), "fn": sum(g_left.values()),
        "suffix_matches": sum(suffix.values()),
        "missing": ["/".join(p) for p in sorted(g_left.elements())],
        "extra": ["/".join(p) for p in sorted(t_left.elements())],
    }


# ---------------------------------------------------------------- references


def canon_ref(n):
    n = nfc(as_str(n))
    n = re.sub(r"[\u2010-\u2015\u2212]", "-", n)
    return re.sub(r"\s+", "", n).upper()


def match_references(gold_refs, tool_refs):
    g = {canon_ref(r) for r in gold_refs if as_str(r).strip()}
    t = set()
    for r in as_list(tool_refs):
        num = r.get("number") if isinstance(r, dict) else r
        if num:
            t.add(canon_ref(num))
    return {"tp": len(g & t), "fp": len(t - g), "fn": len(g - t),
            "missing": sorted(g - t), "extra": sorted(t - g)}


# ------------------------------------------------------------------- targets


def to_number(v):
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        s = v.strip().replace(" ", "")
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", s):
            s = s.replace(".", "")
        s = s.replace(",", ".")
        try:
            return float(s)
        except ValueError:
            return None
    return None


def canon_unit(u):
    u = nfc(as_str(u)).strip().lower()
    if u in ("%", "phần trăm", "phan tram", "percent", "pct"):
        return "%"
    return u


def unit_match(g, t):
    g, t = canon_unit(g), canon_unit(t)
    if g == "%" or t == "%":
        return g == t
    gt, tt = tokens(g), tokens(t)
    if not gt or not tt:
        return not gt and not tt
    n = min(len(gt), len(tt))
    return gt[:n] == tt[:n]


def overlap(a, b):
    """Share of a's distinct word tokens found in b."""
    qa, qb = set(tokens(a)), set(tokens(b))
    return len(qa & qb) / len(qa) if qa else 0.0


def jaccard(a, b):
    qa, qb = set(tokens(a)), set(tokens(b))
    return len(qa & qb) / len(qa | qb) if qa | qb else 0.0


def greedy(pairs):
    """pairs: (score, gi, ti); one-to-one, best score first."""
    used_g, used_t, out = set(), set(), []
    for score, gi, ti in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if gi in used_g or ti in used_t:
            continue
        used_g.add(gi)
        used_t.add(ti)
        out.append((gi, ti))
    return out


def match_targets(gold, tool):
    tool = [t for t in as_list(tool) if isinstance(t, dict)]
    pairs = []
    for gi, g in enumerate(gold):
        gv = to_number(g.get("value"))
        for ti, t in enumerate(tool):
            tv = to_number(t.get("value"))
            if gv is None or tv is None or abs(gv - tv) > 1e-9 * max(1.0, abs(gv)):
                continue
            if not unit_match(g.get("unit", ""), t.get("unit", "")):
                continue
            score = 1.0
            score += 0.5 * (g.get("year") == t.get("year"))
            score += 0.5 * (g.get("comparator") == t.get("comparator"))
            score += overlap(g.get("quote", ""), as_str(t.get("text")) + " " + as_str(t.get("indicator")))
            pairs.append((score, gi, ti))
    matched = greedy(pairs)
    mg = {gi for gi, _ in matched}
    mt = {ti for _, ti in matched}
    comp_ok = sum(gold[gi].get("comparator") == tool[ti].get("comparator") for gi, ti in matched)
    year_ok = sum(gold[gi].get("year") == tool[ti].get("year") for gi, ti in matched)
    disagreements = []
    for gi, ti in matched:
        g, t = gold[gi], tool[ti]
        if g.get("comparator") != t.get("comparator") or g.get("year") != t.get("year"):
            disagreements.append(f"{fmt_target(g)}  tool: comparator={t.get('comparator')} year={t.get('year')}")
    return {
        "tp": len(matched), "fp": len(tool) - len(mt), "fn": len(gold) - len(mg),
        "comparator_ok": comp_ok, "year_ok": year_ok,
        "missing": [fmt_target(gold[i]) for i in range(len(gold)) if i not in mg],
        "extra": [fmt_target(tool[i], tool=True) for i in range(len(tool)) if i not in mt],
        "disagreements": disagreements,
    }


def fmt_target(t, tool=False):
    quote = as_str(t.get("text") if tool else t.get("quote"))
    quote = re.sub(r"\s+", " ", quote)
    if len(quote) > 90:
        quote = quote[:87] + "..."
    return f"{t.get('comparator')} {t.get('value')} {t.get('unit')} ({t.get('year')}) «{quote}»"


# --------------------------------------------------------------------- tasks

# Applied to folded text, longest first so "ub mttq" wins over "mttq".
ABBREVIATIONS = [
    (r"\bub ?mttq(?:vn)?\b", "uy ban mat tran to quoc"),
    (r"\bmttq(?:vn)?\b", "mat tran to quoc"),
    (r"\bubnd\b", "uy ban nhan dan"),
    (r"\bhdnd\b", "hoi dong nhan dan"),
    (r"\bkh ?& ?cn\b|\bkhcn\b", "khoa hoc va cong nghe"),
    (r"\bnn ?& ?ptnt\b|\bnnptnt\b", "nong nghiep va phat trien nong thon"),
    (r"\bnn ?& ?mt\b|\bnnmt\b", "nong nghiep va moi truong"),
    (r"\bgd ?& ?dt\b|\bgddt\b", "giao duc va dao tao"),
    (r"\bvh ?, ?tt ?& ?dl\b|\bvhtt ?& ?dl\b|\bvhttdl\b", "van hoa the thao va du lich"),
    (r"\btt ?& ?tt\b|\btttt\b", "thong tin va truyen thong"),
    (r"\bld ?- ?tb ?& ?xh\b|\bldtbxh\b", "lao dong thuong binh va xa hoi"),
    (r"\bbql\b", "ban quan ly"),
    (r"\bkcn\b", "khu cong nghiep"),
    (r"\bccn\b", "cum cong nghiep"),
    (r"\bkkt\b", "khu kinh te"),
    (r"\bvp\b", "van phong"),
    (r"\btp\b", "thanh pho"),
]
# Words that introduce an agency without naming it.
LEADING_NOISE = ("de nghi", "giao", "trach nhiem cua", "thu truong", "giam doc", "chu tich", "lanh dao", "cac")
STOP = {"va", "cac", "co", "lien", "quan"}


def canon_agency(name):
    s = fold(name)
    for pat, rep in ABBREVIATIONS:
        s = re.sub(pat, rep, s)
    s = " ".join(re.findall(r"\w+", s))
    changed = True
    while changed:
        changed = False
        for w in LEADING_NOISE:
            if s.startswith(w + " "):
                s = s[len(w) + 1:]
                changed = True
    return s


def agency_match(a, b):
    ca, cb = canon_agency(a), canon_agency(b)
    if not ca or not cb:
        return False
    if ca == cb:
        return True
    short, long_ = sorted((ca, cb), key=len)
    if len(short.split()) >= 2 and re.search(r"\b" + re.escape(short) + r"\b", long_):
        return True
    sa = set(ca.split()) - STOP
    sb = set(cb.split()) - STOP
    return bool(sa | sb) and len(sa & sb) / len(sa | sb) >= 0.6


def leads_overlap(gold_leads, tool_leads):
    return any(agency_match(g, as_str(t)) for g in gold_leads for t in as_list(tool_leads))


def text_match(quote, text):
    """True when the gold quote's words are mostly (>= 80 %) in the tool's task
    text, or the two share >= 40 % of their words (Jaccard)."""
    c = overlap(quote, text)
    return c >= 0.8 or jaccard(quote, text) >= 0.4, c


RECURRENCE_WORDS = (("hang nam", "annual"), ("hang quy", "quarterly"), ("hang thang", "monthly"),
                    ("thuong xuyen", "continuous"))


def gold_recurrence(text):
    f = fold(text or "")  # "hằng năm" and "hàng năm" both fold to "hang nam"
    for words, rec in RECURRENCE_WORDS:
        if words in f:
            return rec
    return None


def deadline_agreement(g, t):
    """Returns one of: both_none, agree, differ, gold_only, tool_only."""
    gd = g.get("deadline")
    td = t.get("deadline")
    if isinstance(td, str):
        td = {"text": td}
    if not isinstance(td, dict) or not (td.get("text") or td.get("by") or td.get("year") or td.get("recurrence")):
        td = None
    if not gd and td is None:
        return "both_none"
    if not gd:
        return "tool_only"
    if td is None:
        return "gold_only"
    if g.get("deadline_by"):
        return "agree" if td.get("by") == g["deadline_by"] else "differ"
    rec = gold_recurrence(gd)
    if rec and td.get("recurrence") == rec and not re.search(r"\d", gd):
        return "agree"
    ttext = as_str(td.get("text"))
    if ttext and (overlap(gd, ttext) >= 0.6 or overlap(ttext, gd) >= 0.6):
        return "agree"
    return "differ"


def match_tasks(gold, tool):
    tool = [t for t in as_list(tool) if isinstance(t, dict)]
    pairs = []
    for gi, g in enumerate(gold):
        for ti, t in enumerate(tool):
            if not leads_overlap(g.get("lead", []), t.get("lead")):
                continue
            ok, c = text_match(g.get("quote", ""), as_str(t.get("text")))
            if not ok:
                continue
            score = c + 0.2 * (g.get("origin", "text") == t.get("origin", "text"))
            pairs.append((score, gi, ti))
    matched = greedy(pairs)
    mg = {gi for gi, _ in matched}
    mt = {ti for _, ti in matched}
    dl = Counter()
    support_ok = 0
    lead_ok = 0
    dl_diff = []
    for gi, ti in matched:
        g, t = gold[gi], tool[ti]
        a = deadline_agreement(g, t)
        dl[a] += 1
        if a in ("differ", "gold_only", "tool_only"):
            td = t.get("deadline")
            ttext = as_str(td.get("text")) if isinstance(td, dict) else as_str(td)
            tby = td.get("by") if isinstance(td, dict) else None
            dl_diff.append(f"[{a}] gold: {g.get('deadline')!r} (by {g.get('deadline_by')})  tool: {ttext!r} (by {tby})  «{short(g.get('quote'))}»")
        # The lead matched loosely (any one agency) to pair the tasks; here
        # every gold lead must be among the tool's and every tool lead among the gold's.
        gl, tl = g.get("lead", []), [as_str(y) for y in as_list(t.get("lead"))]
        if all(any(agency_match(x, y) for y in tl) for x in gl) and all(any(agency_match(y, x) for x in gl) for y in tl):
            lead_ok += 1
        else:
            dl_diff.append(f"[lead] gold: {gl}  tool: {tl}  «{short(g.get('quote'))}»")
        gs, ts = g.get("support", []), as_list(t.get("support"))
        if (not gs and not ts) or (gs and ts and all(any(agency_match(x, as_str(y)) for y in ts) for x in gs)):
            support_ok += 1
        else:
            dl_diff.append(f"[support] gold: {gs}  tool: {ts}  «{short(g.get('quote'))}»")
    return {
        "tp": len(matched), "fp": len(tool) - len(mt), "fn": len(gold) - len(mg),
        "deadline": dict(dl), "support_ok": support_ok, "lead_ok": lead_ok,
        "missing": [fmt_task(gold[i]) for i in range(len(gold)) if i not in mg],
        "extra": [fmt_task(tool[i], tool=True) for i in range(len(tool)) if i not in mt],
        "disagreements": dl_diff,
    }


def short(s, n=80):
    s = re.sub(r"\s+", " ", as_str(s))
    return s if len(s) <= n else s[: n - 3] + "..."


def fmt_task(t, tool=False):
    lead = "; ".join(as_str(x) for x in as_list(t.get("lead")))
    text = t.get("text") if tool else t.get("quote")
    return f"[{lead}] «{short(text)}»"


# ---------------------------------------------------------------------- meta


def match_meta(gold, meta):
    meta = meta if isinstance(meta, dict) else {}
    out = {}
    for k in ("doc_type", "number", "date", "issuer"):
        gv = gold.get(k)
        tv = meta.get(k)
        if k == "number":
            gv, tv = (canon_ref(gv) if gv else None), (canon_ref(tv) if tv else None)
        out[k] = (gv == tv, gold.get(k), meta.get(k))
    return out


# ------------------------------------------------------------------- running


def merge_documents(report):
    """One planparse report may hold several documents for one file; score
    their union."""
    docs = [d for d in as_list(report.get("documents")) if isinstance(d, dict)]
    merged = {"meta": docs[0].get("meta") if docs else {}, "sections": [], "targets": [],
              "tasks": [], "references": []}
    for d in docs:
        for k in ("sections", "targets", "tasks", "references"):
            merged[k].extend(as_list(d.get(k)))
    errors = [f"{e.get('kind')}: {e.get('message')}" for e in as_list(report.get("errors")) if isinstance(e, dict)]
    return merged, docs, errors


def run_planparse(binary, path, timeout):
    with tempfile.TemporaryDirectory(prefix="score_gold_") as tmp:
        out = os.path.join(tmp, "out.json")
        try:
            proc = subprocess.run([binary, path, "-o", out], capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None, f"timeout after {timeout}s"
        except OSError as e:
            return None, f"cannot run: {e}"
        if not os.path.exists(out):
            tail = (proc.stderr or proc.stdout or "").strip().splitlines()[-1:]
            return None, f"exit {proc.returncode}, no output file {tail}"
        try:
            with open(out, encoding="utf-8") as fh:
                return json.load(fh), None
        except (OSError, ValueError) as e:
            return None, f"unreadable output: {e}"


def load_output(outputs_dir, gid, fmt):
    path = os.path.join(outputs_dir, f"{gid}.{fmt}.json")
    if not os.path.exists(path):
        return None, f"no {path}"
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh), None
    except (OSError, ValueError) as e:
        return None, f"unreadable {path}: {e}"


def score_document(gold, report):
    merged, docs, errors = merge_documents(report if isinstance(report, dict) else {})
    tool_sections = list(flatten_sections(merged["sections"]))
    res = {
        "sections": match_sections(gold.get("sections", []), tool_sections),
        "references": match_references(gold.get("references", []), merged["references"]),
        "targets": match_targets(gold.get("targets", []), merged["targets"]),
        "tasks": match_tasks(gold.get("tasks", []), merged["tasks"]),
        "meta": match_meta(gold, merged["meta"]),
        "documents": len(docs),
        "errors": errors,
    }
    return res


def load_gold(gold_dir, only):
    golds = []
    for name in sorted(os.listdir(gold_dir)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(gold_dir, name), encoding="utf-8") as fh:
            g = json.load(fh)
        if only and g.get("id") not in only:
            continue
        golds.append(g)
    return golds


# ------------------------------------------------------------------ printing


def add(total, res):
    for c in CATEGORIES:
        for k in ("tp", "fp", "fn"):
            total[c][k] += res[c][k]
    total["targets"]["comparator_ok"] += res["targets"]["comparator_ok"]
    total["targets"]["year_ok"] += res["targets"]["year_ok"]
    total["tasks"]["support_ok"] += res["tasks"]["support_ok"]
    total["tasks"]["lead_ok"] += res["tasks"]["lead_ok"]
    total["sections"]["suffix_matches"] += res["sections"]["suffix_matches"]
    for k, v in res["tasks"]["deadline"].items():
        total["deadline"][k] += v
    for k, (ok, _, _) in res["meta"].items():
        total["meta"][k] += int(ok)
    total["docs"] += 1


def new_total():
    t = {c: Counter() for c in CATEGORIES}
    t["deadline"] = Counter()
    t["meta"] = Counter()
    t["docs"] = 0
    return t


def pct(a, b):
    return f"{a}/{b} ({100.0 * a / b:.0f}%)" if b else f"{a}/0"


def print_table(totals, formats):
    print()
    print(f"{'format':<10} {'category':<11} {'P':>6} {'R':>6} {'F1':>6}   {'TP':>5} {'FP':>5} {'FN':>5}")
    print("-" * 62)
    for fmt in formats:
        t = totals[fmt]
        for c in CATEGORIES:
            tp, fp, fn = t[c]["tp"], t[c]["fp"], t[c]["fn"]
            p, r, f = prf(tp, fp, fn)
            print(f"{fmt:<10} {c:<11} {p:6.3f} {r:6.3f} {f:6.3f}   {tp:5d} {fp:5d} {fn:5d}")
        tt = t["targets"]["tp"]
        mt = t["tasks"]["tp"]
        dl = t["deadline"]
        dl_ok = dl["agree"] + dl["both_none"]
        print(f"{'':<10} targets among matched: comparator {pct(t['targets']['comparator_ok'], tt)}, "
              f"year {pct(t['targets']['year_ok'], tt)}")
        print(f"{'':<10} tasks among matched: deadline {pct(dl_ok, mt)} "
              f"[agree {dl['agree']}, both none {dl['both_none']}, differ {dl['differ']}, "
              f"missed {dl['gold_only']}, spurious {dl['tool_only']}], support {pct(t['tasks']['support_ok'], mt)}, "
              f"lead exact {pct(t['tasks']['lead_ok'], mt)}")
        n = t["docs"]
        print(f"{'':<10} meta: doc_type {pct(t['meta']['doc_type'], n)}, number {pct(t['meta']['number'], n)}, "
              f"date {pct(t['meta']['date'], n)}, issuer {pct(t['meta']['issuer'], n)}; section suffix matches {t['sections']['suffix_matches']}")
        print("-" * 62)


def print_verbose(gid, fmt, res, err):
    print(f"\n=== {gid} [{fmt}]" + (f"  ERROR: {err}" if err else ""))
    if res is None:
        return
    if res["errors"]:
        print("  planparse errors: " + "; ".join(res["errors"]))
    for c in CATEGORIES:
        r = res[c]
        p, rr, f = prf(r["tp"], r["fp"], r["fn"])
        print(f"  {c}: TP {r['tp']} FP {r['fp']} FN {r['fn']}  P {p:.2f} R {rr:.2f} F1 {f:.2f}")
        for m in r["missing"]:
            print(f"    - missing {m}")
        for m in r["extra"]:
            print(f"    + extra   {m}")
        for m in r.get("disagreements", []):
            print(f"    ~ {m}")
    bad = [f"{k}: gold {g!r} tool {t!r}" for k, (ok, g, t) in res["meta"].items() if not ok]
    if bad:
        print("  meta: " + "; ".join(bad))


# -------------------------------------------------------------- gold checks


def check_gold(golds, corpus):
    """Validate the gold files: fields, values, and (when the corpus is there)
    that every quote and reference occurs in the document's .txt."""
    problems = 0
    for g in golds:
        gid = g.get("id", "?")
        txt = None
        path = os.path.join(corpus, "txt", f"{gid}.txt")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as fh:
                txt = re.sub(r"\s+", " ", nfc(fh.read()))
        msgs = []
        for k in ("id", "doc_type", "number", "date", "sections", "references", "targets", "tasks"):
            if k not in g:
                msgs.append(f"missing field {k}")
        # null: the document carries no date (a circular saved without its header line).
        if g.get("date") is not None and not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", str(g.get("date"))):
            msgs.append(f"bad date {g.get('date')!r}")
        for p in g.get("sections", []):
            if not (isinstance(p, list) and p and all(isinstance(x, str) and x.strip() for x in p)):
                msgs.append(f"bad section path {p!r}")
        for t in g.get("targets", []):
            if t.get("comparator") not in COMPARATORS:
                msgs.append(f"bad comparator {t!r}")
            if to_number(t.get("value")) is None:
                msgs.append(f"bad value {t!r}")
            if txt is not None and re.sub(r"\s+", " ", nfc(t.get("quote", ""))) not in txt:
                msgs.append(f"target quote not in text: {t.get('quote')!r}")
        for t in g.get("tasks", []):
            if not t.get("lead"):
                msgs.append(f"task without lead: {t.get('quote')!r}")
            by = t.get("deadline_by")
            if by is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", by):
                msgs.append(f"bad deadline_by {by!r}")
            if by and not t.get("deadline"):
                msgs.append(f"deadline_by without deadline: {t.get('quote')!r}")
            if t.get("origin", "text") not in ("text", "table"):
                msgs.append(f"bad origin {t.get('origin')!r}")
            if txt is not None and re.sub(r"\s+", " ", nfc(t.get("quote", ""))) not in txt:
                msgs.append(f"task quote not in text: {t.get('quote')!r}")
        if txt is not None:
            nospace = re.sub(r"\s", "", txt)
            for r in g.get("references", []):
                if re.sub(r"\s", "", nfc(r)) not in nospace:
                    msgs.append(f"reference not in text: {r!r}")
        if len(set(map(canon_ref, g.get("references", [])))) != len(g.get("references", [])):
            msgs.append("duplicate reference")
        problems += len(msgs)
        state = "ok" if not msgs else f"{len(msgs)} problem(s)"
        note = "" if txt is not None else " (text not available: quotes not checked)"
        print(f"{gid}: {len(g.get('sections', []))} sections, {len(g.get('references', []))} references, "
              f"{len(g.get('targets', []))} targets, {len(g.get('tasks', []))} tasks: {state}{note}")
        for m in msgs:
            print(f"  - {m}")
    return problems


# ---------------------------------------------------------------------- main


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=DEFAULT_BIN, help="planparse binary (default target/release/planparse)")
    ap.add_argument("--gold", default=DEFAULT_GOLD, help="gold directory (default gold/)")
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="corpus-vn/official directory (default ../shared/corpus-vn/official)")
    ap.add_argument("--formats", default="txt,docx,pdf", help="comma-separated: txt,docx,docx-auto,pdf")
    ap.add_argument("--only", default="", help="comma-separated gold ids")
    ap.add_argument("--outputs-dir", help="read <id>.<format>.json from here instead of running planparse")
    ap.add_argument("--timeout", type=int, default=300, help="seconds per planparse run")
    ap.add_argument("--verbose", "-v", action="store_true", help="per-document missing/extra items")
    ap.add_argument("--json", help="also write the per-document results to this file")
    ap.add_argument("--check-gold", action="store_true", help="validate the gold files and exit")
    args = ap.parse_args(argv)

    only = {x for x in args.only.split(",") if x}
    if not os.path.isdir(args.gold):
        print(f"score_gold: no gold directory {args.gold}", file=sys.stderr)
        return 2
    golds = load_gold(args.gold, only)
    if not golds:
        print(f"score_gold: no gold files in {args.gold}", file=sys.stderr)
        return 2
    if args.check_gold:
        n = check_gold(golds, args.corpus)
        print(f"\n{len(golds)} gold files, {n} problem(s)")
        return 0 if n == 0 else 1

    formats = [f for f in args.formats.split(",") if f]
    unknown = [f for f in formats if f not in FORMAT_EXT]
    if unknown:
        print(f"score_gold: unknown format(s) {unknown}", file=sys.stderr)
        return 2
    if not args.outputs_dir:
        if not (os.path.isfile(args.bin) and os.access(args.bin, os.X_OK)):
            print(f"score_gold: planparse binary not found at {args.bin} (build it with "
                  f"`cargo build --release` or pass --bin)", file=sys.stderr)
            return 2
        if not os.path.isdir(args.corpus):
            print(f"score_gold: corpus not found at {args.corpus} (../shared is absent?); nothing to score")
            return 0

    totals = {f: new_total() for f in formats}
    results = []
    skipped = []
    for fmt in formats:
        for g in golds:
            gid = g["id"]
            if args.outputs_dir:
                report, err = load_output(args.outputs_dir, gid, fmt)
            else:
                src = os.path.join(args.corpus, fmt, f"{gid}.{FORMAT_EXT[fmt]}")
                if not os.path.exists(src):
                    skipped.append(f"{gid}.{fmt}")
                    continue
                report, err = run_planparse(args.bin, src, args.timeout)
            # A failed run scores as an empty output: everything in the gold is missed.
            res = score_document(g, report or {})
            add(totals[fmt], res)
            results.append({"id": gid, "format": fmt, "error": err, "result": res})
            if args.verbose:
                print_verbose(gid, fmt, res, err)
            elif err:
                print(f"{gid} [{fmt}]: {err}", file=sys.stderr)

    print(f"\nplanparse vs gold: {len(golds)} documents, formats {', '.join(formats)}"
          + (f" (outputs from {args.outputs_dir})" if args.outputs_dir else f" (binary {args.bin})"))
    if skipped:
        print(f"skipped (input file absent): {', '.join(skipped)}")
    print_table(totals, formats)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(results, fh, ensure_ascii=False, indent=1, default=list)
    return 0


if __name__ == "__main__":
    sys.exit(main())
