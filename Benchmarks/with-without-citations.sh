#!/bin/bash
# The citations' share of a build: the cited corpus and its copy without markers, built alternately, each over its
# own previous output, and what each build costs per megabyte of the site it writes.
#     bash Benchmarks/with-without-citations.sh 6 BINARY [CORPUS]
# CORPUS (default /var/tmp/sitegen-bench/corpus-10000) holds `sitegen/` (articles with citation markers) and
# `sitegen-plain/` (the same articles without them), as Benchmarks/corpus.py writes them. With CITED=sitegen-apa, the
# cited site is that folder of CORPUS instead (bench-vs-hugo.py --style apa makes it). With KEPT=off, what the last
# cited build printed (`.sitegen-references` in the spare) is deleted before each cited build: every citation is
# printed, as in a first build.
set -euo pipefail
runs=$1 binary=$2 corpus=${3:-/var/tmp/sitegen-bench/corpus-10000}
work=${TMPDIR:-/tmp}/sitegen-with-without-citations
mkdir -p "$work"
for _ in $(seq "$runs"); do
    for which in without with; do
        folder=$corpus/${CITED:-sitegen}; [ "$which" = without ] && folder=$corpus/sitegen-plain
        [ "${KEPT:-on}" = off ] && [ "$which" = with ] && rm -f "$work/.out-with.sitegen-spare/.sitegen-references"
        (cd "$folder" && /usr/bin/time -f "$which %e %U %S %M" -o "$work/time" "$binary" build --output "$work/out-$which" > /dev/null 2>&1)
        echo "$(cat "$work/time") $(du -sb "$work/out-$which" | cut -f1)"
    done
done | python3 -c '
import statistics, sys
runs = {}
for line in sys.stdin:
    which, wall, user, system, memory, size = line.split()
    runs.setdefault(which, []).append((float(wall), float(user) + float(system), int(memory) // 1024, int(size)))
for which, values in runs.items():
    cpu, size = statistics.median(v[1] for v in values), values[-1][3] / 1e6
    print(f"{which}: wall median {statistics.median(v[0] for v in values):.2f} s, user+sys median {cpu:.2f} s; "
          f"peak {statistics.median(v[2] for v in values):.0f} MB; output {size:.1f} MB, {1000 * cpu / size:.1f} ms of CPU a MB")
a, b = runs["with"], runs["without"]
print("with / without: wall medians %.3f, CPU medians %.3f, output %.3f" % (
    statistics.median(v[0] for v in a) / statistics.median(v[0] for v in b),
    statistics.median(v[1] for v in a) / statistics.median(v[1] for v in b), a[-1][3] / b[-1][3]))
# Each round built without markers and then with them, one after the other: their ratio moves less with the
# speed of the machine, which drifts between rounds, than a ratio of medians taken over all rounds.
pairs = [(x[0] / y[0], x[1] / y[1]) for x, y in zip(a, b)]
print("with / without per round: wall " + " ".join("%.2f" % p[0] for p in pairs) + " (median %.3f), CPU median %.3f" % (
    statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)))
'
