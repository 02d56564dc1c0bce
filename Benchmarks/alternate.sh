#!/bin/bash
# Two sitegen binaries built alternately on the site in the current folder, each over its own previous output:
#     cd /var/tmp/sitegen-bench/corpus-10000/sitegen && bash Benchmarks/alternate.sh 12 OLD-BINARY NEW-BINARY
# Prints the median and best wall time and user+sys time of each (A is the first binary), the peak memory, and each
# pair's ratio B/A (the machine's speed wanders between pairs; the ratio of a pair less so).
# With COLD=1 (as root) the page cache is dropped before each build: the site and the previous output are read from
# disk, as on a machine that has reclaimed the memory since the last build.
set -euo pipefail
runs=$1 a=$2 b=$3
work=${TMPDIR:-/tmp}/sitegen-alternate
mkdir -p "$work"
for _ in $(seq "$runs"); do
    for which in A B; do
        binary=$a; [ "$which" = B ] && binary=$b
        if [ "${COLD:-0}" = 1 ]; then sync; echo 1 > /proc/sys/vm/drop_caches; fi
        /usr/bin/time -f "$which %e %U %S %M" -o "$work/time" "$binary" build --output "$work/out-$which" > /dev/null 2>&1
        cat "$work/time"
    done
done | python3 -c '
import statistics, sys
runs = {"A": [], "B": []}
for line in sys.stdin:
    which, wall, user, system, memory = line.split()
    runs[which].append((float(wall), float(user) + float(system), int(memory) // 1024))
for which, values in runs.items():
    walls, cpus = [v[0] for v in values], [v[1] for v in values]
    print(f"{which}: wall median {statistics.median(walls):.2f} s, fastest {min(walls):.2f} s; "
          f"user+sys median {statistics.median(cpus):.2f} s, least {min(cpus):.2f} s; peak {statistics.median(v[2] for v in values):.0f} MB")
ratios = [b[0] / a[0] for a, b in zip(runs["A"], runs["B"])]
print("wall B/A per pair:", " ".join(f"{r:.2f}" for r in ratios), f"(median {statistics.median(ratios):.2f})")
'
