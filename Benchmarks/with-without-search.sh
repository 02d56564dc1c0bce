#!/bin/bash
# Search's share of a build: a corpus built alternately without search and with it, each over its own previous output.
#     bash Benchmarks/with-without-search.sh 8 BINARY [CORPUS]
# CORPUS (default /var/tmp/sitegen-bench/corpus-10000) holds `sitegen/` (the site, with search) and `nosearch/` (the
# same Content/ with `search: false` in its sitegen.yml). Prints the median and least wall and user+sys time of each,
# the peak memory, and the ratios with / without. With SEARCH_CACHE=off, the search terms the last build kept in the
# spare (`.sitegen-search`) are deleted before each build with search: every article's words are read, as in a first
# build.
set -euo pipefail
runs=$1 binary=$2 corpus=${3:-/var/tmp/sitegen-bench/corpus-10000}
work=${TMPDIR:-/tmp}/sitegen-with-without
mkdir -p "$work"
for _ in $(seq "$runs"); do
    for which in without with; do
        folder=$corpus/sitegen; [ "$which" = without ] && folder=$corpus/nosearch
        [ "${SEARCH_CACHE:-on}" = off ] && rm -f "$work/.out-$which.sitegen-spare/.sitegen-search"
        (cd "$folder" && /usr/bin/time -f "$which %e %U %S %M" -o "$work/time" "$binary" build --output "$work/out-$which" > /dev/null 2>&1)
        cat "$work/time"
    done
done | python3 -c '
import statistics, sys
runs = {}
for line in sys.stdin:
    which, wall, user, system, memory = line.split()
    runs.setdefault(which, []).append((float(wall), float(user) + float(system), int(memory) // 1024))
for which, values in runs.items():
    print(f"{which}: wall median {statistics.median(v[0] for v in values):.2f} s, user+sys median {statistics.median(v[1] for v in values):.2f} s, "
          f"least {min(v[1] for v in values):.2f} s; peak {statistics.median(v[2] for v in values):.0f} MB")
a, b = runs["with"], runs["without"]
print("with / without: wall medians %.3f, CPU medians %.3f, least CPU %.3f" % (
    statistics.median(v[0] for v in a) / statistics.median(v[0] for v in b),
    statistics.median(v[1] for v in a) / statistics.median(v[1] for v in b), min(v[1] for v in a) / min(v[1] for v in b)))
# Each round built without search and then with it, one after the other: their ratio moves less with the speed of the
# machine, which drifts between rounds, than a ratio of medians taken over all rounds.
pairs = [(x[0] / y[0], x[1] / y[1]) for x, y in zip(a, b)]
print("with / without per round: wall " + " ".join("%.2f" % p[0] for p in pairs) + " (median %.3f), CPU median %.3f" % (
    statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)))
'
