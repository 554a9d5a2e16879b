#!/usr/bin/env bash
# End-to-end benchmark of planparse against the floor for the same work.
#
# Run by hand from anywhere:   scripts/bench.sh
# Results and a copy of the printed table go to $BENCH_DIR (default /tmp/planparse-bench).
#
# What it does, in one run:
#   1. cargo build --release (honours CARGO_TARGET_DIR; CARGO_BUILD_JOBS defaults to 1 here).
#   2. Builds two text corpora by copying ../shared/corpus-vn/{official/txt,plain}/*.txt
#      N times under numbered names: text-200/ (>= 200 MiB) and text-100/ (exactly half the
#      copies, ~100 MiB) for the linearity check. Built once, reused on later runs.
#   3. Text: planparse DIR -o FILE --quiet, wall and CPU (user + system) time (medians of $RUNS
#      runs), documents/s, MiB/s, peak RSS (GNU time -v, maximum over the runs). On a shared
#      machine the CPU figures are the steadier ones; the table gives ratios on both.
#   4. Floor for text: ripgrep with three patterns over the same files, same number of threads:
#        rg -c -j $THREADS -e PERCENT -e 'chủ trì|phối hợp' -e SECTION_MARKER DIR
#   5. PDFs: planparse on official/pdf (120 files, default --pdf-backend auto) vs `pdftotext`
#      (plain mode, -enc UTF-8) on the same files run as `xargs -P $THREADS`, one process per
#      file, so both sides use the same number of cores. Pages counted with pdfinfo. For
#      reference (no target), planparse is also timed with --pdf-backend pdftotext.
#   6. Prints one table: the figures side by side, the ratios and the targets of issue 5.
#
# Files are read once before each group of timed runs so every run sees a warm page cache.
#
# Needs: cargo, python3, bc, GNU time (/usr/bin/time; `apt-get install time`), ripgrep
# (`apt-get install ripgrep`), poppler-utils (pdftotext, pdfinfo). Missing tools are named and
# the script stops; it never falls back silently.
#
# Environment:
#   CORPUS_VN   source corpus            (default: <repo>/../shared/corpus-vn)
#   BENCH_DIR   scratch folder           (default: /tmp/planparse-bench)
#   RUNS        timed runs per command   (default: 3; medians are reported)
#   THREADS     threads for every tool   (default: nproc)
#   SIZE_MIB    size of the large corpus (default: 200)
#   STRICT=1    exit 1 when a target is missed (otherwise missed targets are only printed)
#
# Exit codes: 0 measured (targets may be missed, see the table), 1 a target missed with STRICT=1,
# 2 a tool or input is missing or a command failed.

set -Eeuo pipefail
trap 'echo "bench.sh: failed at line $LINENO: $BASH_COMMAND (exit $?)" >&2; exit 2' ERR

die() { echo "bench.sh: $*" >&2; exit 2; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CORPUS_VN=${CORPUS_VN:-$ROOT/../shared/corpus-vn}
BENCH_DIR=${BENCH_DIR:-/tmp/planparse-bench}
RUNS=${RUNS:-3}
THREADS=${THREADS:-$(nproc)}
SIZE_MIB=${SIZE_MIB:-200}
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1}

P_PERCENT='[0-9]+([.,][0-9]+)?\s*%'
P_AGENCY='chủ trì|phối hợp'
P_MARKER='^(?:[IVX]+\.|[0-9]+(?:\.[0-9]+)*\.?|[a-zđ]\))\s'

# ---------------------------------------------------------------- checks
for tool in cargo python3 rg pdftotext pdfinfo xargs bc; do
    command -v "$tool" >/dev/null || die "'$tool' not found (see the header for how to install it)"
done
[[ -x /usr/bin/time ]] || die "/usr/bin/time (GNU time) not found: apt-get install time"
# (captured first: with pipefail, grep -q closing the pipe early would fail the check)
gnu_time_probe=$(/usr/bin/time -v true 2>&1 || true)
[[ $gnu_time_probe == *'Maximum resident set size'* ]] || die "/usr/bin/time is not GNU time"
[[ -d $CORPUS_VN/official/txt && -d $CORPUS_VN/plain && -d $CORPUS_VN/official/pdf ]] \
    || die "corpus not found at $CORPUS_VN (set CORPUS_VN)"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer"
mkdir -p "$BENCH_DIR"

# ---------------------------------------------------------------- build
echo "== building release" >&2
(cd "$ROOT" && cargo build --release --quiet)
TARGET_DIR=$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
BIN=$TARGET_DIR/release/planparse
[[ -x $BIN ]] || die "binary not found at $BIN"

# ---------------------------------------------------------------- corpora
shopt -s nullglob
SRC_TXT=("$CORPUS_VN"/official/txt/*.txt "$CORPUS_VN"/plain/*.txt)
((${#SRC_TXT[@]} > 0)) || die "no .txt files in $CORPUS_VN"
COPY_BYTES=$(cat "${SRC_TXT[@]}" | wc -c)
TARGET_BYTES=$((SIZE_MIB * 1024 * 1024))
COPIES=$(((TARGET_BYTES + COPY_BYTES - 1) / COPY_BYTES))
((COPIES % 2 == 0)) || COPIES=$((COPIES + 1))   # the half corpus must be exactly half
HALF=$((COPIES / 2))

# build_corpus DIR N: N numbered copies of every source text; a stamp file outside DIR marks
# a finished build (so a build cut short is redone, and the stamp is not an input file).
build_corpus() {
    local dir=$1 n=$2 stamp="$1.stamp" want
    want="$n copies of ${#SRC_TXT[@]} files, $COPY_BYTES bytes each"
    if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then
        return
    fi
    echo "== building $dir ($n copies)" >&2
    rm -rf "$dir" "$stamp"
    mkdir -p "$dir"
    local k f kind
    for ((k = 0; k < n; k++)); do
        for f in "${SRC_TXT[@]}"; do
            kind=$(basename "$(dirname "$f")")
            cp "$f" "$dir/$(printf '%03d' "$k")_${kind}_$(basename "$f")"
        done
    done
    echo "$want" >"$stamp"
}
TEXT_BIG=$BENCH_DIR/text-$SIZE_MIB
TEXT_HALF=$BENCH_DIR/text-$((SIZE_MIB / 2))
build_corpus "$TEXT_BIG" "$COPIES"
build_corpus "$TEXT_HALF" "$HALF"

PDF_DIR=$CORPUS_VN/official/pdf
PDFS=("$PDF_DIR"/*.pdf)
((${#PDFS[@]} > 0)) || die "no PDFs in $PDF_DIR"
PAGES=0
for f in "${PDFS[@]}"; do
    p=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
    [[ $p =~ ^[0-9]+$ ]] || die "pdfinfo cannot count the pages of $f"
    PAGES=$((PAGES + p))
done

# ---------------------------------------------------------------- timing helpers
# warm DIR: read every file once so timed runs do not include cold disk reads.
warm() { find "$1" -type f -exec cat {} + >/dev/null; }

# measure NAME OKCODES CMD...: runs CMD $RUNS times under GNU time; OKCODES is a regex of the
# exit codes that count as success. Sets WALL and CPU (median seconds; CPU = user + system, which
# other people's load on the shared cores disturbs less than wall time) and RSS_KB (max over runs).
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
measure() {
    local name=$1 ok=$2 i rc t0 t1 walls=() cpus=() rss=0 r c
    shift 2
    for ((i = 1; i <= RUNS; i++)); do
        t0=$(date +%s.%N)
        rc=0
        /usr/bin/time -v -o "$BENCH_DIR/$name.time" "$@" >"$BENCH_DIR/$name.stdout" 2>"$BENCH_DIR/$name.stderr" || rc=$?
        t1=$(date +%s.%N)
        if [[ ! $rc =~ ^($ok)$ ]]; then
            echo "bench.sh: '$name' exited with $rc; last lines of its stderr:" >&2
            tail -n 20 "$BENCH_DIR/$name.stderr" >&2
            exit 2
        fi
        walls+=("$(echo "$t1 - $t0" | bc -l)")
        r=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$BENCH_DIR/$name.time")
        c=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$BENCH_DIR/$name.time")
        [[ $r =~ ^[0-9]+$ && -n $c ]] || die "no peak RSS or CPU time for '$name' in $BENCH_DIR/$name.time"
        cpus+=("$c")
        ((r > rss)) && rss=$r
        echo "   $name run $i: $(printf '%.2f' "${walls[-1]}") s wall, $c s CPU, peak RSS $((r / 1024)) MiB, exit $rc" >&2
    done
    WALL=$(printf '%s\n' "${walls[@]}" | median)
    CPU=$(printf '%s\n' "${cpus[@]}" | median)
    RSS_KB=$rss
}

# check_report JSON N: planparse accounted for all N inputs; prints documents and errors.
check_report() {
    python3 - "$1" "$2" <<'EOF'
import json, sys
path, n = sys.argv[1], int(sys.argv[2])
r = json.load(open(path))
s = r["summary"]
docs, errs = len(r["documents"]), len(r["errors"])
if docs + errs != n or s["files_taken"] != n:
    sys.exit(f"bench.sh: {path}: {docs} documents + {errs} errors, files_taken {s['files_taken']}, expected {n}")
fallback = sum(any("used pdftotext" in w for w in d.get("warnings", [])) for d in r["documents"])
print(docs, errs, fallback)
EOF
}

dir_bytes() { find "$1" -type f -printf '%s\n' | awk '{s += $1} END {print s}'; }
dir_files() { find "$1" -type f | wc -l; }

# ---------------------------------------------------------------- text runs
declare -A T_CPU T_WALL T_RSS T_DOCS T_ERRS T_BYTES T_FILES RG_WALL RG_CPU RG_LINES
for dir in "$TEXT_HALF" "$TEXT_BIG"; do
    key=$(basename "$dir")
    T_BYTES[$key]=$(dir_bytes "$dir")
    T_FILES[$key]=$(dir_files "$dir")
    echo "== $key: ${T_FILES[$key]} files, $((T_BYTES[$key] / 1048576)) MiB" >&2
    warm "$dir"
    out=$BENCH_DIR/out-$key.json
    measure "planparse-$key" '0|1' "$BIN" "$dir" -o "$out" --quiet --jobs "$THREADS"
    T_WALL[$key]=$WALL
    T_CPU[$key]=$CPU
    T_RSS[$key]=$RSS_KB
    rep=$(check_report "$out" "${T_FILES[$key]}")
    read -r ndocs nerrs _ <<<"$rep"
    T_DOCS[$key]=$ndocs
    T_ERRS[$key]=$nerrs
    measure "rg-$key" '0|1' rg -c -j "$THREADS" -e "$P_PERCENT" -e "$P_AGENCY" -e "$P_MARKER" "$dir"
    RG_WALL[$key]=$WALL
    RG_CPU[$key]=$CPU
    RG_LINES[$key]=$(awk -F: '{s += $NF} END {print s + 0}' "$BENCH_DIR/rg-$key.stdout")
done
OUT_BIG_BYTES=$(stat -c %s "$BENCH_DIR/out-$(basename "$TEXT_BIG").json")

# ---------------------------------------------------------------- PDF runs
echo "== PDFs: ${#PDFS[@]} files, $PAGES pages" >&2
warm "$PDF_DIR"
measure planparse-pdf '0|1' "$BIN" "$PDF_DIR" -o "$BENCH_DIR/out-pdf.json" --quiet --jobs "$THREADS"
P_WALL=$WALL P_CPU=$CPU P_RSS=$RSS_KB
rep=$(check_report "$BENCH_DIR/out-pdf.json" "${#PDFS[@]}")
read -r P_DOCS P_ERRS P_FALLBACK <<<"$rep"
# For reference: the same run with poppler as planparse's PDF reader (pdftotext -bbox-layout
# per file, then planparse's own clean-up and stages).
measure planparse-pdf-poppler '0|1' "$BIN" "$PDF_DIR" -o "$BENCH_DIR/out-pdf-poppler.json" --quiet --jobs "$THREADS" \
    --pdf-backend pdftotext
Q_WALL=$WALL Q_CPU=$CPU Q_RSS=$RSS_KB
rep=$(check_report "$BENCH_DIR/out-pdf-poppler.json" "${#PDFS[@]}")
read -r Q_DOCS Q_ERRS _ <<<"$rep"
PDFTXT_OUT=$BENCH_DIR/pdftotext-out
rm -rf "$PDFTXT_OUT" && mkdir -p "$PDFTXT_OUT"
measure pdftotext 0 bash -c 'cd "$1" && printf "%s\0" *.pdf | xargs -0 -P "$2" -I{} pdftotext -enc UTF-8 {} "$3/{}.txt"' \
    _ "$PDF_DIR" "$THREADS" "$PDFTXT_OUT"
X_WALL=$WALL X_CPU=$CPU
made=$(find "$PDFTXT_OUT" -name '*.txt' | wc -l)
((made == ${#PDFS[@]})) || die "pdftotext wrote $made of ${#PDFS[@]} text files"

# ---------------------------------------------------------------- table
BIG=$(basename "$TEXT_BIG") HALFK=$(basename "$TEXT_HALF")
python3 - <<EOF | tee "$BENCH_DIR/table.md"
big, half = "$BIG", "$HALFK"
t = {big: ${T_WALL[$BIG]}, half: ${T_WALL[$HALFK]}}
tc = {big: ${T_CPU[$BIG]}, half: ${T_CPU[$HALFK]}}
rg = {big: ${RG_WALL[$BIG]}, half: ${RG_WALL[$HALFK]}}
rgc = {big: ${RG_CPU[$BIG]}, half: ${RG_CPU[$HALFK]}}
nbytes = {big: ${T_BYTES[$BIG]}, half: ${T_BYTES[$HALFK]}}
files = {big: ${T_FILES[$BIG]}, half: ${T_FILES[$HALFK]}}
docs = {big: ${T_DOCS[$BIG]}, half: ${T_DOCS[$HALFK]}}
errs = {big: ${T_ERRS[$BIG]}, half: ${T_ERRS[$HALFK]}}
rss = {big: ${T_RSS[$BIG]} / 1024, half: ${T_RSS[$HALFK]} / 1024}
rglines = {big: ${RG_LINES[$BIG]}, half: ${RG_LINES[$HALFK]}}
pw, xw, pc, xc, pages, npdf = $P_WALL, $X_WALL, $P_CPU, $X_CPU, $PAGES, ${#PDFS[@]}
MiB = 1048576

def ok(flag): return "PASS" if flag else "**MISS**"

print(f"machine: $(nproc) cores (shared), threads {$THREADS}, runs {$RUNS} (median wall), $(date -u +%Y-%m-%dT%H:%MZ), load average before the table: $(cut -d' ' -f1-3 /proc/loadavg), planparse $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || echo ' + uncommitted src changes')")
print()
print("Times are wall-clock medians; CPU = user + system seconds (median). Ratios are wall / wall, CPU ratios in brackets.")
print()
print("| workload | planparse | floor | ratio (CPU ratio) | target (on wall) |")
print("|---|---|---|---|---|")
for k in (half, big):
    print(f"| {k}: {files[k]} files, {nbytes[k]/MiB:.1f} MiB | {t[k]:.2f} s (CPU {tc[k]:.1f} s), {docs[k]/t[k]:.0f} docs/s, "
          f"{nbytes[k]/MiB/t[k]:.2f} MiB/s ({docs[k]} docs, {errs[k]} errors), peak RSS {rss[k]:.0f} MiB "
          f"| rg: {rg[k]:.2f} s (CPU {rgc[k]:.2f} s), {nbytes[k]/MiB/rg[k]:.0f} MiB/s ({rglines[k]} matching lines) "
          f"| {t[k]/rg[k]:.1f}x ({tc[k]/max(rgc[k], 0.01):.1f}x) | <= 8x {ok(t[k]/rg[k] <= 8)} |")
print(f"| PDF: {npdf} files, {pages} pages | {pw:.2f} s (CPU {pc:.1f} s), {pages/pw:.1f} pages/s, {npdf/pw:.1f} docs/s "
      f"($P_DOCS docs, $P_ERRS errors, $P_FALLBACK via pdftotext fallback), peak RSS {$P_RSS/1024:.0f} MiB "
      f"| pdftotext (xargs -P {$THREADS}): {xw:.2f} s (CPU {xc:.1f} s), {pages/xw:.1f} pages/s | {pw/xw:.2f}x ({pc/xc:.2f}x) | <= 1.5x {ok(pw/xw <= 1.5)} |")
qw, qc = $Q_WALL, $Q_CPU
print(f"| (reference, no target) PDF with --pdf-backend pdftotext | {qw:.2f} s (CPU {qc:.1f} s), {pages/qw:.1f} pages/s "
      f"($Q_DOCS docs, $Q_ERRS errors), peak RSS {$Q_RSS/1024:.0f} MiB | pdftotext, as above | {qw/xw:.2f}x ({qc/xc:.2f}x) | |")
lin = t[big] / t[half]
print(f"| linearity: time({big}) / time({half}), input x{nbytes[big]/nbytes[half]:.2f} | {lin:.2f} (CPU {tc[big]/tc[half]:.2f}) "
      f"| rg: {rg[big]/rg[half]:.2f} | | <= 2.1 {ok(lin <= 2.1)} |")
print(f"| peak RSS, {big} ({nbytes[big]/MiB:.0f} MiB in, {$OUT_BIG_BYTES/MiB:.0f} MiB JSON out) | {rss[big]:.0f} MiB "
      f"| | | < 300 MiB {ok(rss[big] < 300)} |")
missed = sum([t[big]/rg[big] > 8, pw/xw > 1.5, lin > 2.1, rss[big] >= 300])
print()
print(f"targets missed: {missed} of 4")
open("$BENCH_DIR/missed", "w").write(str(missed))
EOF
echo "(table saved to $BENCH_DIR/table.md; raw GNU time output in $BENCH_DIR/*.time)" >&2
if [[ ${STRICT:-0} == 1 && $(cat "$BENCH_DIR/missed") != 0 ]]; then
    exit 1
fi
