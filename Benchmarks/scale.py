#!/usr/bin/env python3
"""How sitegen's build grows with the site: N and 10·N articles built alternately, each over its previous output.

    swift build -c release --product sitegen
    python3 Benchmarks/corpus.py 10000 /var/tmp/sitegen-bench/corpus-10000
    python3 Benchmarks/corpus.py 100000 /var/tmp/sitegen-bench/corpus-100000
    python3 Benchmarks/scale.py /var/tmp/sitegen-bench/corpus-10000 /var/tmp/sitegen-bench/corpus-100000 [--runs 3]

Prints each run (wall, user+sys, peak RSS through /usr/bin/time), the medians, time(large) / time(small), and
what the large site's output holds: its largest HTML page, its feed, its sitemap files.
"""

import argparse
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(command):
    result = subprocess.run(["/usr/bin/time", "-f", "TIME %e %U %S %M", *command],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines = [line for line in result.stderr.splitlines() if line.startswith("TIME ")]
    if result.returncode != 0 or not lines:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
    wall, user, system, rss = lines[-1].split()[1:]
    return float(wall), float(user) + float(system), int(rss) / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("small", help="a corpus folder made by corpus.py (its sitegen/ site is built)")
    parser.add_argument("large")
    parser.add_argument("--sitegen", default=os.path.join(HERE, "..", ".build", "release", "sitegen"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sitegen = os.path.abspath(args.sitegen)
    outputs = {name: os.path.abspath(folder.rstrip("/")) + "-out" for name, folder in (("small", args.small), ("large", args.large))}
    commands = {name: [sitegen, "build", "--source", os.path.join(folder, "sitegen"), "--output", outputs[name]]
                for name, folder in (("small", args.small), ("large", args.large))}
    for command in commands.values():
        timed(command)  # warms the page cache and leaves a previous output behind
    results = {"small": [], "large": []}
    for run in range(args.runs):
        for name in ("large", "small"):
            results[name].append(timed(commands[name]))
        print(f"run {run + 1}: " + ", ".join(f"{n} {v[-1][0]:.2f} s ({v[-1][2]:.0f} MB)" for n, v in results.items()), flush=True)
    medians = {name: [statistics.median(r[i] for r in values) for i in range(3)] for name, values in results.items()}
    print()
    print("| site | wall (median) | user+sys | peak RSS (median) | peak RSS (max) |")
    print("|---|---|---|---|---|")
    for name in ("small", "large"):
        wall, cpu, rss = medians[name]
        print(f"| {name} | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MB | {max(r[2] for r in results[name]):.0f} MB |")
    print(f"\ntime(large) / time(small): {medians['large'][0] / medians['small'][0]:.2f}")
    html = []
    for root, _, files in os.walk(outputs["large"]):
        html += [(os.path.getsize(os.path.join(root, f)), os.path.relpath(os.path.join(root, f), outputs["large"]))
                 for f in files if f.endswith(".html")]
    largest = max(html)
    print(f"large output: {len(html):,} HTML pages, the largest {largest[0]:,} bytes ({largest[1]}); "
          f"feed.xml {os.path.getsize(os.path.join(outputs['large'], 'feed.xml')):,} bytes; sitemaps: "
          + ", ".join(f"{f} {os.path.getsize(os.path.join(outputs['large'], f)):,}"
                      for f in sorted(os.listdir(outputs["large"])) if f.startswith("sitemap")))


if __name__ == "__main__":
    main()
