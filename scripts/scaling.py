#!/usr/bin/env python3
"""Scaling check by hand: is planparse linear in the size of one document, whatever its shape?

The end-to-end bench (scripts/bench.sh) doubles the number of documents; this doubles one
document. For each shape below it writes a plan whose body repeats one kind of item N times
and 2N times, runs `planparse -j1` on each (best of 3 user+system CPU seconds), and prints
the time ratio. A ratio near 2 is linear; near 4 is quadratic. The shapes are the ones real
documents push to extremes: a paragraph that lists thousands of figures, tasks, deadlines or
citations (a web page or a PDF text layer without line breaks), long lists and tables.

    cargo build --release && python3 scripts/scaling.py [N]      (default N = 4000)

PLANPARSE_BIN=path runs another build (an older commit, to compare).
Exit 1 when a ratio exceeds 2.6 (CPU time on a shared machine is noisy; quadratic work gives 4).
"""
import os
import random
import resource
import subprocess
import sys
import tempfile

N = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
BIN = os.environ.get("PLANPARSE_BIN") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "target", "release", "planparse")
HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH X\nSố: 12/KH-UBND\nX, ngày 3 tháng 4 năm 2025\n"
          "KẾ HOẠCH\nThực hiện cải cách hành chính năm 2025\n")
QUARTERS = ["I", "II", "III", "IV"]
AGENCIES = ["Sở Nội vụ", "Sở Tài chính", "Sở Y tế", "Công an tỉnh", "UBND các huyện"]


def shapes(n, rnd):
    """name -> body with n items."""
    return {
        "paragraph of figures": "1. Mục tiêu: " + ", ".join(
            f"{rnd.randint(1, 99)}% hồ sơ loại {i} được giải quyết đúng hạn đến năm 2030" for i in range(n)) + ".\n",
        "paragraph of tasks": "1. " + " ".join(
            f"Sở Nội vụ chủ trì, phối hợp với Sở Tài chính triển khai nhiệm vụ {i}, hoàn thành trong Quý IV/2025;"
            for i in range(n)) + "\n",
        "paragraph of deadlines": "1. Thời gian: " + ", ".join(
            f"Quý {rnd.choice(QUARTERS)}/{2025 + i % 5}" for i in range(10 * n)) + ".\n",
        "paragraph of citations": "1. Căn cứ " + ", ".join(
            f"Quyết định số {i + 1}/QĐ-UBND ngày {i % 28 + 1}/{i % 12 + 1}/2024 của UBND tỉnh" for i in range(n)) + ".\n",
        "paragraph of agencies": "1. Giao " + ", ".join(AGENCIES[i % 5] for i in range(5 * n)) + " thực hiện.\n",
        "numbered tasks": "".join(
            f"{i}. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính triển khai nhiệm vụ {i}; thời gian: Quý IV/2025.\n"
            for i in range(1, n + 1)),
        "target bullets": "".join(
            f"- Phấn đấu {rnd.randint(1, 99)}% hồ sơ loại {i} được giải quyết đúng hạn đến năm 2030.\n" for i in range(n)),
        "nested sections": "".join(
            "".join(f"{rnd.randint(1, 9)}." for _ in range(rnd.randint(1, 4))) + f" Nội dung mục {i}\n" for i in range(n)),
        "articles": "".join(f"Điều {i}. Quy định {i}\n1. Khoản {i}\na) Điểm {i}\n" for i in range(1, n + 1)),
        "task table": "PHỤ LỤC\n| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n" + "".join(
            f"| {i} | Triển khai nhiệm vụ {i} | Sở Nội vụ | Sở Tài chính | Quý IV/2025 |\n" for i in range(1, n + 1)),
        # (both found by the fuzzer: each archive line walked back over every list above it;
        # each goal of a run of close dates carried all the others as milestones)
        "recipient lists": "1. Sở Nội vụ chủ trì thực hiện.\n" + "- UBND các huyện, thị xã, thành phố;\n- Lưu: VT, KSTT;\n" * n,
        "run of dated goals": "1. Mục tiêu: Đến năm 2030, " + "".join(
            f"{rnd.randint(1, 99)}% Đến năm 2030, " for _ in range(n)) + "hồ sơ được giải quyết.\n",
        # (each line joined to a hard-wrapped paragraph copied the whole paragraph)
        "hard-wrapped paragraph": "1. Các " + wrapped(" ".join(
            f"cơ quan phối hợp với Sở Tài chính triển khai nhiệm vụ {i}" for i in range(4 * n))) + ".\n",
        # (each line joined to a paragraph in capitals read the whole paragraph: found by the fuzzer)
        "wrapped capitals": "1. CÁC " + wrapped(" ".join(
            f"CƠ QUAN PHỐI HỢP VỚI SỞ TÀI CHÍNH TRIỂN KHAI NHIỆM VỤ {i}" for i in range(4 * n))) + ".\n",
    }


def wrapped(text, width=78):
    """`text` broken into lines of at most `width` characters, as a PDF's text layer gives it."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join(lines + [line])


def cpu_seconds(path):
    """Best of 3 user+system seconds of `planparse -j1 path`."""
    best = None
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([BIN, path, "-o", os.devnull, "-q", "-j1"], check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = t if best is None else min(best, t)
    return best


def main():
    if not os.path.exists(BIN):
        sys.exit(f"{BIN} not found: run `cargo build --release` first")
    # The process's fixed cost (start, grammar compilation) is measured on an empty plan and
    # taken off, so that small inputs do not hide a ratio.
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        base = os.path.join(tmp, "base.txt")
        with open(base, "w", encoding="utf-8") as f:
            f.write(HEADER)
        fixed = cpu_seconds(base)
        print(f"fixed cost (empty plan): {fixed:.3f} s; N = {N}")
        print(f"{'shape':<24} {'bytes (N)':>10} {'CPU N':>8} {'CPU 2N':>8} {'ratio':>6}")
        small, large = shapes(N, random.Random(1)), shapes(2 * N, random.Random(1))
        for name in small:
            times = []
            for body in (small[name], large[name]):
                path = os.path.join(tmp, "doc.txt")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(HEADER + body)
                times.append(max(cpu_seconds(path) - fixed, 0.001))
            ratio = times[1] / times[0]
            # Below 10 ms CPU-time granularity decides the ratio, not the code.
            judged = times[0] >= 0.01
            if judged:
                worst = max(worst, ratio)
            size = len((HEADER + small[name]).encode())
            note = "" if judged else "  (too fast to judge; raise N)"
            print(f"{name:<24} {size:>10} {times[0]:>8.3f} {times[1]:>8.3f} {ratio:>6.2f}{note}")
    print(f"worst ratio {worst:.2f} (linear: 2; quadratic: 4)")
    return 1 if worst > 2.6 else 0


if __name__ == "__main__":
    sys.exit(main())
