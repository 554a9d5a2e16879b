#!/usr/bin/env bash
# Robustness sweep: every file of ../shared/corpus-vn plus generated hostile files must give a
# document or an error entry: never a crash, a signal, a hang or a lost input.
#
# Run by hand from anywhere:   scripts/sweep.sh
# Work files go to $SWEEP_DIR (default /tmp/planparse-sweep); hostile inputs in $SWEEP_DIR/hostile.
#
# Hostile files (generated with python3's standard library, fixed seed, so every run is the same):
#   - truncated copies of the largest docx, docx-auto, pdf and txt documents (at 50 %, 4 KiB and
#     100 bytes);
#   - bit-flipped copies (16 random bits; and 1 byte in 500 overwritten);
#   - zero-byte .txt/.docx/.pdf/.md;
#   - a 50 MiB text (documents concatenated) and the same 50 MiB as one single line;
#   - a 600 MiB sparse .txt (over the 512 MiB input limit);
#   - zip bombs: .docx whose word/document.xml inflates to > 300 MiB (many paragraphs; one
#     giant w:t) from a zip of a few hundred KiB;
#   - a 1M-row " | " table and 100k flat numbered sections with tasks and targets (52 and 10 MiB);
#   - 20k short recipient lists, each closed by its archive entry ("- Lưu: VT, KSTT;");
#   - deep nesting: 100k nested w:tbl/w:tr/w:tc, 100k nested w:sdt/w:sdtContent, and a text
#     whose section markers nest 1. / 1.1. / 1.1.1. ... 1500 levels deep;
#   - hand-written PDFs whose objects loop (Kids pointing at its own Pages node, a Pages cycle,
#     a stream whose /Length is itself, an object that is a reference to itself, an xref
#     section whose /Prev is itself) and a PDF with only a header;
#   - binary data named .txt (random bytes; a copy of an ELF executable), text named .pdf and
#     .docx, a zip named .docx without word/document.xml, invalid UTF-8 and NULs in a .txt;
#   - an unreadable file (chmod 000). As root it is still readable: the script says so and the
#     file is then expected to parse like any other.
#
# Runs (each under `timeout $TIMEOUT`, default 600 s, inside GNU time for peak RSS):
#   1. one batch: planparse CORPUS_VN HOSTILE -o FILE (the realistic case: one bad file must not
#      take the batch down);
#   2. every hostile file alone, so an outcome, a time and a peak RSS can be put on each file.
# Invariants checked on every run (a failed one makes the script exit 1):
#   - exit code 0 or 1 (never 2, a timeout (124) or a signal (>= 128));
#   - the output file exists and is valid JSON that validates against `planparse schema`;
#   - documents + errors == inputs, and summary.files_taken / documents / errors agree;
#   - every input path appears exactly once (as a document or as an error).
# Error kind "parser_crash" (a panic inside a reader, caught and turned into an error entry) does
# not break the invariants; such files are listed by name so they can be fixed.
#
# Needs: cargo, python3 (with the jsonschema module for the schema check; without it the script
# says so and only checks the JSON shape), GNU time (apt-get install time), coreutils timeout.
#
# Environment: CORPUS_VN (default <repo>/../shared/corpus-vn), SWEEP_DIR, TIMEOUT (default 600),
# JOBS (planparse --jobs, default nproc). Exit: 0 all invariants hold, 1 one failed, 2 setup error.

set -Eeuo pipefail
trap 'echo "sweep.sh: failed at line $LINENO: $BASH_COMMAND (exit $?)" >&2; exit 2' ERR

die() { echo "sweep.sh: $*" >&2; exit 2; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CORPUS_VN=${CORPUS_VN:-$ROOT/../shared/corpus-vn}
SWEEP_DIR=${SWEEP_DIR:-/tmp/planparse-sweep}
TIMEOUT=${TIMEOUT:-600}
JOBS=${JOBS:-$(nproc)}
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1}

for tool in cargo python3 timeout; do
    command -v "$tool" >/dev/null || die "'$tool' not found"
done
# (captured first: with pipefail, grep -q closing the pipe early would fail the check)
gnu_time_probe=$(/usr/bin/time -v true 2>&1 || true)
[[ $gnu_time_probe == *'Maximum resident set size'* ]] || die "GNU time not found: apt-get install time"
[[ -d $CORPUS_VN ]] || die "corpus not found at $CORPUS_VN (set CORPUS_VN)"

echo "== building release" >&2
(cd "$ROOT" && cargo build --release --quiet)
TARGET_DIR=$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
BIN=$TARGET_DIR/release/planparse
[[ -x $BIN ]] || die "binary not found at $BIN"
mkdir -p "$SWEEP_DIR"
"$BIN" schema >"$SWEEP_DIR/schema.json" || die "planparse schema failed"

# ---------------------------------------------------------------- hostile files
HOSTILE=$SWEEP_DIR/hostile
OUT=$SWEEP_DIR/out
# The unreadable file from a previous run must be made writable again before rm -rf.
[[ -d $HOSTILE ]] && chmod -R u+rwX "$HOSTILE"
rm -rf "$HOSTILE" "$OUT"
mkdir -p "$HOSTILE" "$OUT"

echo "== generating hostile files in $HOSTILE" >&2
python3 - "$CORPUS_VN" "$HOSTILE" <<'PY'
import os, random, sys, zipfile, shutil

corpus, out = sys.argv[1], sys.argv[2]
rnd = random.Random(20261122)
MiB = 1 << 20

def put(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)

def pick(sub, ext, n):
    """The n largest files: they have the most sections and tables to cut through."""
    d = os.path.join(corpus, sub)
    files = sorted((f for f in os.listdir(d) if f.endswith(ext)), key=lambda f: (-os.path.getsize(os.path.join(d, f)), f))
    return [os.path.join(d, f) for f in files[:n]]

samples = {
    "docx": pick("official/docx", ".docx", 4),
    "auto": pick("official/docx-auto", ".docx", 2),
    "pdf": pick("official/pdf", ".pdf", 4),
    "txt": pick("official/txt", ".txt", 2),
}

# Truncated and bit-flipped copies.
for kind, paths in samples.items():
    for p in paths:
        data = open(p, "rb").read()
        stem, ext = os.path.splitext(os.path.basename(p))
        base = f"{kind}-{stem[:8]}"
        put(f"trunc50-{base}{ext}", data[: len(data) // 2])
        put(f"trunc4k-{base}{ext}", data[:4096])
        put(f"trunc100-{base}{ext}", data[:100])
        flipped = bytearray(data)
        for _ in range(16):
            i = rnd.randrange(len(flipped))
            flipped[i] ^= 1 << rnd.randrange(8)
        put(f"flip16-{base}{ext}", bytes(flipped))
        noisy = bytearray(data)
        for i in range(rnd.randrange(500), len(noisy), 500):
            noisy[i] = rnd.randrange(256)
        put(f"noise-{base}{ext}", bytes(noisy))

# Zero-byte files.
for ext in ("txt", "docx", "pdf", "md"):
    put(f"empty.{ext}", b"")

# 50 MiB of real text, then the same as one line.
txt_dir = os.path.join(corpus, "official/txt")
texts = [open(os.path.join(txt_dir, f), "rb").read() for f in sorted(os.listdir(txt_dir))]
big = bytearray()
while len(big) < 50 * MiB:
    for t in texts:
        big += t + b"\n\n"
        if len(big) >= 50 * MiB:
            break
put("big-50mb.txt", bytes(big))
put("big-50mb-one-line.txt", bytes(big).replace(b"\r", b" ").replace(b"\n", b" "))

# Over the input size limit, without using the disk (sparse).
with open(os.path.join(out, "sparse-600mb.txt"), "wb") as f:
    f.truncate(600 * MiB)

# Minimal .docx packages.
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
      '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '</Relationships>')
HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>'.encode()
TAIL = b"</w:body></w:document>"

def docx(name, chunks, with_document=True):
    """chunks: an iterable of bytes streamed into word/document.xml."""
    with zipfile.ZipFile(os.path.join(out, name), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        if with_document:
            with z.open("word/document.xml", "w", force_zip64=True) as w:
                for c in chunks:
                    w.write(c)

def repeat(unit, total):
    block = unit * max(1, (4 * MiB) // len(unit))
    done = 0
    while done < total:
        yield block
        done += len(block)

para = "<w:p><w:r><w:t>Sở Tài chính chủ trì, phối hợp thực hiện 95% nhiệm vụ.</w:t></w:r></w:p>".encode()
docx("zipbomb-paragraphs.docx", [HEAD, *repeat(para, 320 * MiB), TAIL])
docx("zipbomb-one-run.docx", [HEAD, b"<w:p><w:r><w:t>", *repeat(b"a", 320 * MiB), b"</w:t></w:r></w:p>", TAIL])
N = 100_000
inner = "<w:p><w:r><w:t>1. Nội dung</w:t></w:r></w:p>".encode()
docx("nested-tbl-100k.docx", [HEAD, b"<w:tbl><w:tr><w:tc>" * N, inner, b"</w:tc></w:tr></w:tbl>" * N, TAIL])
docx("nested-sdt-100k.docx", [HEAD, b"<w:sdt><w:sdtContent>" * N, inner, b"</w:sdtContent></w:sdt>" * N, TAIL])
docx("nested-unclosed-100k.docx", [HEAD, b"<w:sdt><w:sdtContent>" * N, inner])
docx("no-document-part.docx", [], with_document=False)

# Section markers nested 1500 levels deep (1. / 1.1. / 1.1.1. ...).
lines = ["KẾ HOẠCH", "Thực hiện nhiệm vụ năm 2026", ""]
for depth in range(1, 1501):
    lines.append(".".join(["1"] * depth) + ". Nhiệm vụ cấp " + str(depth))
put("nested-markers-1500.txt", "\n".join(lines).encode())

# Many rows and many flat sections: quadratic work in the table and section code would show here.
header = "STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian\n"
put("table-1m-rows.txt", (header + "".join(f"{i} | Triển khai 50% | Sở Tài chính | 2026\n" for i in range(1_000_000))).encode())
# Many short recipient lists, each closed by its archive entry (a fuzzer found a text of them
# quadratic: every archive line walked back over all the lists above it).
put("recipient-lists-20k.txt", ("KẾ HOẠCH\nThực hiện năm 2026\n\n1. Sở Tài chính chủ trì thực hiện.\n" +
    "- UBND các huyện, thị xã, thành phố;\n- Lưu: VT, KSTT;\n" * 20_000).encode())
put("sections-flat-100k.txt", ("KẾ HOẠCH\nThực hiện năm 2026\n\n" + "".join(
    f"{i}. Sở Tài chính chủ trì, phối hợp các sở đạt 95% kế hoạch trước năm 2030.\n" for i in range(1, 100_001))).encode())

# Hand-written PDFs whose object graph loops.
def pdf(name, objects, trailer_extra=b"", prev_self=False):
    """objects: list of (number, body bytes). Writes a classic xref table."""
    buf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num, body in objects:
        offsets[num] = len(buf)
        buf += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref_at = len(buf)
    size = max(offsets) + 1
    buf += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for i in range(1, size):
        buf += (b"%010d 00000 n \n" % offsets[i]) if i in offsets else b"0000000000 65535 f \n"
    prev = b" /Prev %d" % xref_at if prev_self else b""
    buf += b"trailer\n<< /Size %d /Root 1 0 R%s%s >>\nstartxref\n%d\n%%%%EOF\n" % (size, prev, trailer_extra, xref_at)
    put(name, bytes(buf))

content = b"BT /F1 12 Tf 72 720 Td (1. Nhiem vu 50% ke hoach) Tj ET"
stream = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
pdf("loop-kids-self.pdf", [(1, catalog), (2, b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>"), (3, page), (4, stream), (5, font)])
pdf("loop-pages-cycle.pdf", [(1, catalog), (2, b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>"), (3, page), (4, stream), (5, font),
                             (6, b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>")])
pdf("loop-length-self.pdf", [(1, catalog), (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"), (3, page),
                             (4, b"<< /Length 4 0 R >>\nstream\n" + content + b"\nendstream"), (5, font)])
pdf("loop-ref-self.pdf", [(1, catalog), (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
                          (3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources 6 0 R >>"),
                          (4, stream), (5, font), (6, b"7 0 R"), (7, b"6 0 R")])
pdf("loop-xref-prev-self.pdf", [(1, catalog), (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"), (3, page), (4, stream), (5, font)],
    prev_self=True)
pdf("loop-parent-only.pdf", [(1, catalog), (2, b"<< /Type /Pages /Parent 2 0 R /Kids [3 0 R] /Count 1 >>"),
                             (3, b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"),
                             (4, stream), (5, font)])
put("header-only.pdf", b"%PDF-1.7\n")

# Wrong content for the extension.
put("binary-random.txt", bytes(rnd.randrange(256) for _ in range(64 * 1024)))
shutil.copyfile(shutil.which("true") or "/bin/true", os.path.join(out, "binary-elf.txt"))
put("text-named.pdf", open(os.path.join(txt_dir, sorted(os.listdir(txt_dir))[0]), "rb").read())
put("text-named.docx", open(os.path.join(txt_dir, sorted(os.listdir(txt_dir))[1]), "rb").read())
put("invalid-utf8-nul.txt", texts[0][:3000] + b"\xff\xfe\xc3\x28\x00\x00\xe2\x82" + texts[0][3000:6000] + b"\x00" * 100)

# Unreadable (chmod 000 below, in the shell).
put("unreadable.txt", texts[2])
PY
chmod 000 "$HOSTILE/unreadable.txt"
if [[ -r $HOSTILE/unreadable.txt ]]; then
    UNREADABLE_NOTE="unreadable.txt (chmod 000) is still readable: running as uid $(id -u), so it is expected to parse"
else
    UNREADABLE_NOTE="unreadable.txt (chmod 000) cannot be read by uid $(id -u): expected error kind 'unreadable'"
fi
echo "   $UNREADABLE_NOTE" >&2

# ---------------------------------------------------------------- runs
# run NAME INPUT...: planparse under timeout and GNU time; writes NAME.{json,rc,time,stderr,wall}.
run() {
    local name=$1 rc=0 t0 t1
    shift
    t0=$(date +%s.%N)
    # GNU time outside timeout: rusage of a waited-for child includes its own children, so the
    # peak RSS is planparse's; a signal in planparse comes back as 128+N through both.
    /usr/bin/time -v -o "$OUT/$name.time" timeout "$TIMEOUT" \
        "$BIN" "$@" -o "$OUT/$name.json" --quiet --jobs "$JOBS" 2>"$OUT/$name.stderr" || rc=$?
    t1=$(date +%s.%N)
    echo "$rc" >"$OUT/$name.rc"
    python3 -c "print(f'{$t1 - $t0:.2f}')" >"$OUT/$name.wall"
}

SWEEP_T0=$(date +%s.%N)
echo "== batch: $CORPUS_VN + $HOSTILE (timeout ${TIMEOUT}s)" >&2
run batch "$CORPUS_VN" "$HOSTILE"
echo "   $(cat "$OUT/batch.wall") s, exit $(cat "$OUT/batch.rc")" >&2

mapfile -t HOSTILE_FILES < <(find "$HOSTILE" -type f | sort)
echo "== ${#HOSTILE_FILES[@]} hostile files, one run each" >&2
i=0
for f in "${HOSTILE_FILES[@]}"; do
    i=$((i + 1))
    run "single-$(basename "$f")" "$f"
    printf '   %3d/%d %-40s %6s s  exit %s\n' "$i" "${#HOSTILE_FILES[@]}" "$(basename "$f")" \
        "$(cat "$OUT/single-$(basename "$f").wall")" "$(cat "$OUT/single-$(basename "$f").rc")" >&2
done
SWEEP_T1=$(date +%s.%N)

# ---------------------------------------------------------------- checks and report
rc=0
python3 - "$OUT" "$CORPUS_VN" "$HOSTILE" "$SWEEP_DIR/schema.json" "$(python3 -c "print($SWEEP_T1 - $SWEEP_T0)")" \
    "$UNREADABLE_NOTE" "$TIMEOUT" <<'PY' | tee "$SWEEP_DIR/report.md" || rc=$?
import collections, json, os, sys, threading

out, corpus, hostile, schema_path, total, unreadable_note, timeout = sys.argv[1:8]
TAKEN = (".docx", ".pdf", ".txt", ".md")
sys.setrecursionlimit(1_000_000)   # deeply nested section trees are valid JSON too
threading.stack_size(512 << 20)

try:
    import jsonschema
    schema = json.load(open(schema_path))
    validator = jsonschema.validators.validator_for(schema)(schema)
except ImportError:
    validator = None

failures = []

def inputs_under(d):
    found, skipped = [], 0
    for root, _, files in os.walk(d):
        for f in files:
            if f.lower().endswith(TAKEN):
                found.append(os.path.join(root, f))
            else:
                skipped += 1
    return found, skipped

def check(name, n_inputs, n_skipped):
    """Returns the parsed report (or None) after checking every invariant."""
    rc = int(open(f"{out}/{name}.rc").read())
    wall = float(open(f"{out}/{name}.wall").read())
    rss = 0
    try:
        for line in open(f"{out}/{name}.time"):
            if "Maximum resident set size" in line:
                rss = int(line.split(":")[1]) // 1024
    except OSError:
        pass
    bad = lambda msg: failures.append(f"{name}: {msg}")
    if rc == 124:
        bad(f"timed out after {timeout} s")
    elif rc >= 128:
        bad(f"killed by signal {rc - 128}")
    elif rc not in (0, 1):
        stderr = open(f"{out}/{name}.stderr", errors="replace").read().strip().splitlines()[-3:]
        bad(f"exit code {rc}: {' / '.join(stderr)}")
    path = f"{out}/{name}.json"
    if not os.path.exists(path):
        bad("no output file")
        return None, rc, wall, rss
    try:
        report = json.load(open(path))
    except ValueError as e:
        bad(f"output is not valid JSON: {e}")
        return None, rc, wall, rss
    if validator is not None:
        errs = list(validator.iter_errors(report))
        if errs:
            bad(f"{len(errs)} schema violation(s), first: {errs[0].message[:200]} at {list(errs[0].absolute_path)[:6]}")
    docs, errors, s = report.get("documents", []), report.get("errors", []), report.get("summary", {})
    if len(docs) + len(errors) != n_inputs:
        bad(f"{len(docs)} documents + {len(errors)} errors != {n_inputs} inputs")
    if (s.get("files_taken"), s.get("documents"), s.get("errors")) != (n_inputs, len(docs), len(errors)):
        bad(f"summary {s} does not match {n_inputs} inputs / {len(docs)} documents / {len(errors)} errors")
    if n_skipped is not None and s.get("skipped") != n_skipped:
        bad(f"summary.skipped {s.get('skipped')} != {n_skipped} files with other extensions")
    paths = collections.Counter([d["source"]["path"] for d in docs] + [e["path"] for e in errors])
    dup = [p for p, c in paths.items() if c > 1]
    if dup:
        bad(f"paths reported more than once: {dup[:5]}")
    if rc == 0 and errors:
        bad(f"exit 0 with {len(errors)} error entries")
    if rc == 1 and not errors:
        bad("exit 1 without error entries (no --strict given)")
    return report, rc, wall, rss

def main():
    corpus_inputs, corpus_skipped = inputs_under(corpus)
    hostile_inputs, hostile_skipped = inputs_under(hostile)
    n_batch = len(corpus_inputs) + len(hostile_inputs)
    batch, brc, bwall, brss = check("batch", n_batch, corpus_skipped + hostile_skipped)

    print(f"## Robustness sweep\n")
    print(f"inputs: {len(corpus_inputs)} corpus-vn files + {len(hostile_inputs)} hostile files = {n_batch}; "
          f"timeout {timeout} s per run; total time {float(total):.1f} s")
    print(f"note: {unreadable_note}")
    if validator is None:
        print("note: python3 jsonschema module missing: outputs were checked as JSON, not against the schema")
    print()
    print(f"### Batch run (corpus-vn + hostile, one process)\n")
    print(f"exit {brc}, {bwall:.1f} s, peak RSS {brss} MiB")
    if batch is not None:
        kinds = collections.Counter(e["kind"] for e in batch["errors"])
        print(f"\n{len(batch['documents'])} documents, {len(batch['errors'])} errors")
        print("\n| error kind | count |\n|---|---|")
        for k, c in sorted(kinds.items()):
            print(f"| {k} | {c} |")
        corpus_err = [e for e in batch["errors"] if not e["path"].startswith(hostile)]
        print(f"\ncorpus-vn files that became errors: {len(corpus_err)}")
        for e in corpus_err:
            print(f"- {e['path']}: {e['kind']}: {e['message'][:160]}")
        crashes = [e for e in batch["errors"] if e["kind"] == "parser_crash"]
        if crashes:
            print("\nparser_crash (caught panics) — each is a bug to fix:")
            for e in crashes:
                print(f"- {e['path']}: {e['message'][:200]}")

    print(f"\n### Hostile files, one run each\n")
    print("| file | bytes | exit | outcome | time s | peak RSS MiB |\n|---|---|---|---|---|---|")
    crashes = []
    for f in sorted(hostile_inputs):
        name = "single-" + os.path.basename(f)
        rep, rc, wall, rss = check(name, 1, None)
        outcome = "?"
        if rep is not None and rep.get("documents"):
            d = rep["documents"][0]
            w = d.get("warnings", [])
            outcome = (f"document: {len(d.get('sections', []))} top sections, {len(d.get('targets', []))} targets, "
                       f"{len(d.get('tasks', []))} tasks" + (f"; {len(w)} warning(s): {w[0][:70]}" if w else ""))
        elif rep is not None and rep.get("errors"):
            e = rep["errors"][0]
            outcome = f"`{e['kind']}`: {e['message'][:90]}"
            if e["kind"] == "parser_crash":
                crashes.append(f"{f}: {e['message'][:200]}")
        size = os.stat(f).st_size
        print(f"| {os.path.basename(f)} | {size} | {rc} | {outcome.replace('|', '/')} | {wall:.2f} | {rss} |")
    if crashes:
        print("\nparser_crash in single runs:")
        for c in crashes:
            print(f"- {c}")

    print(f"\n### Invariants\n")
    print("exit code 0 or 1 (no timeout, no signal); output valid JSON and valid against the schema; "
          "documents + errors == inputs; summary consistent; every input reported once")
    if failures:
        print(f"\n**FAILED: {len(failures)}**")
        for f in failures:
            print(f"- {f}")
        sys.exit(1)
    print("\nall invariants hold")

# A big stack: json.load and the schema validator recurse once per nesting level.
result = []
t = threading.Thread(target=lambda: result.append(run_main()))
def run_main():
    try:
        main()
        return 0
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 1
t.start()
t.join()
sys.stdout.flush()
sys.exit(result[0] if result else 2)
PY
chmod -R u+rwX "$HOSTILE"
echo "(report saved to $SWEEP_DIR/report.md)" >&2
exit "$rc"
