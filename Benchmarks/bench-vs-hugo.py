#!/usr/bin/env python3
"""Times `sitegen build` against Hugo on the same generated corpus, alternating the two, and prints a table.

    swift build -c release --product sitegen
    python3 Benchmarks/bench-vs-hugo.py [--sizes 1000 10000] [--runs 5] [--work /var/tmp/sitegen-bench] [--style apa] [--long]

For each size N it generates the corpus (Benchmarks/corpus.py) unless it is already there, runs each tool once
to warm the page cache, then alternates: sitegen on the cited corpus, Hugo on the same articles, sitegen on the
corpus without citation markers. Every run goes through `/usr/bin/time` (wall, user, sys, peak RSS) and writes
into a folder on the same disk that the previous run of the same tool left behind (each tool's normal use:
sitegen swaps a fresh staging folder in, Hugo overwrites in place). The floor is `cmark` on all article
bodies concatenated plus `cp -r` of sitegen's output into a new folder on the same disk; the floor without
citations is the same for the corpus without markers and its output, and their ratio is what the citations' extra
Markdown and HTML cost before any work of sitegen's own. With --style, the cited corpus is built in that citation style
instead of the corpus's own (Vancouver): from a site folder beside it, `sitegen-STYLE`, whose Content/ is the cited
corpus's (its files hard-linked) and whose sitegen.yml names the style. With --long, the corpus is the second one
the performance issue names: longer articles (1,100-1,600 words), every article in one folder (`corpus.py N DIR
--words 1100 1600 --one-folder`), as `corpus-long-N`.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(command, cwd=None):
    """Runs a command under /usr/bin/time; returns (wall s, user+sys s, peak RSS MB)."""
    result = subprocess.run(
        ["/usr/bin/time", "-f", "TIME %e %U %S %M", *command],
        cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines = [line for line in result.stderr.splitlines() if line.startswith("TIME ")]
    if result.returncode != 0 or not lines:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
    wall, user, system, rss = lines[-1].split()[1:]
    return float(wall), float(user) + float(system), int(rss) / 1024


def shell_timed(script):
    return timed(["sh", "-c", script])


def bodies(folder):
    """All Markdown bodies (front matter removed), concatenated, as one file beside the corpus."""
    path = folder + "-bodies.md"
    if not os.path.exists(path):
        with open(path, "w") as out:
            for root, _, files in sorted(os.walk(os.path.join(folder, "Content"))):
                for name in sorted(files):
                    if name.endswith(".md"):
                        text = open(os.path.join(root, name)).read()
                        out.write(text.split("\n---\n", 1)[1] + "\n")
    return path


def styled_site(site, style):
    """A site folder beside `site` whose Content/ links to its and whose sitegen.yml is its with `citation-style: style`."""
    # A .csl file given by a path relative to here is named to the site by its absolute path.
    if os.path.isfile(style):
        style = os.path.abspath(style)
    folder = site + "-" + os.path.splitext(os.path.basename(style))[0]
    os.makedirs(folder, exist_ok=True)
    # sitegen follows no link in a site, so Content/ is a copy made of hard links to the cited corpus's files (no
    # second copy on disk); a link that an earlier version of this script made is replaced, a copy left as it is.
    content = os.path.join(folder, "Content")
    if os.path.islink(content):
        os.remove(content)
    if not os.path.exists(content):
        shutil.copytree(os.path.join(site, "Content"), content, copy_function=os.link)
    with open(os.path.join(site, "sitegen.yml")) as settings:
        lines = [line for line in settings.read().splitlines() if not line.startswith("citation-style:")]
    with open(os.path.join(folder, "sitegen.yml"), "w") as out:
        out.write("\n".join(lines + [f"citation-style: {style}"]) + "\n")
    return folder


def median(values):
    return statistics.median(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sitegen", default=os.path.join(HERE, "..", ".build", "release", "sitegen"))
    parser.add_argument("--hugo", default=shutil.which("hugo") or "hugo")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", default="/var/tmp/sitegen-bench")
    parser.add_argument("--style", help="a citation style to build the cited corpus in (a name or a .csl file, as sitegen.yml's citation-style)")
    parser.add_argument("--long", action="store_true", help="longer articles, all in one folder (see above)")
    args = parser.parse_args()
    sitegen = os.path.abspath(args.sitegen)
    os.makedirs(args.work, exist_ok=True)

    print(f"nproc {os.cpu_count()}; sitegen {sitegen}; {subprocess.run([args.hugo, 'version'], capture_output=True, text=True).stdout.strip()}")
    rows = []
    for size in args.sizes:
        name = f"corpus-long-{size}" if args.long else f"corpus-{size}"
        corpus = os.path.join(args.work, name)
        if not os.path.exists(os.path.join(corpus, "hugo")):
            shape = ["--words", "1100", "1600", "--one-folder"] if args.long else []
            subprocess.run([sys.executable, os.path.join(HERE, "corpus.py"), str(size), corpus, *shape], check=True)
        cited = os.path.join(corpus, "sitegen")
        if args.style:
            cited = styled_site(cited, args.style)
        outputs = {tool: os.path.join(args.work, f"out-{name.removeprefix('corpus-')}-{tool}")
                   for tool in ("sitegen", "plain", "hugo", "copy", "copy-plain")}
        if args.style:
            outputs["sitegen"] += "-" + os.path.basename(cited)
        commands = {
            "sitegen": [sitegen, "build", "--source", cited, "--output", outputs["sitegen"]],
            "plain": [sitegen, "build", "--source", os.path.join(corpus, "sitegen-plain"), "--output", outputs["plain"]],
            "hugo": [args.hugo, "--quiet", "-s", os.path.join(corpus, "hugo"), "-d", outputs["hugo"]],
        }
        for command in commands.values():
            timed(command)
        results = {name: [] for name in ("sitegen", "hugo", "plain", "cmark", "copy", "cmark-plain", "copy-plain")}
        text = bodies(os.path.join(corpus, "sitegen"))
        plain_text = bodies(os.path.join(corpus, "sitegen-plain"))
        for run in range(args.runs):
            for name in ("sitegen", "hugo", "plain"):
                results[name].append(timed(commands[name]))
            results["cmark"].append(shell_timed(f"cmark '{text}' > /dev/null"))
            # Into a new folder each run, removed only after the last: creating files where as many were just
            # deleted costs ext4 (without a journal) several times more, and more with every run.
            subprocess.run(["sync"])
            results["copy"].append(shell_timed(f"cp -r '{outputs['sitegen']}' '{outputs['copy']}-{run}'"))
            results["cmark-plain"].append(shell_timed(f"cmark '{plain_text}' > /dev/null"))
            subprocess.run(["sync"])
            results["copy-plain"].append(shell_timed(f"cp -r '{outputs['plain']}' '{outputs['copy-plain']}-{run}'"))
            print(f"N={size} run {run + 1}: " + ", ".join(f"{k} {v[-1][0]:.2f}s" for k, v in results.items()), flush=True)
        for run in range(args.runs):
            shutil.rmtree(f"{outputs['copy']}-{run}", ignore_errors=True)
            shutil.rmtree(f"{outputs['copy-plain']}-{run}", ignore_errors=True)
        summary = {name: tuple(median([r[i] for r in values]) for i in range(3)) for name, values in results.items()}
        floor = summary["cmark"][0] + summary["copy"][0]
        # Each run's own ratios: tools measured minutes apart share the machine's speed of the moment.
        walls = {name: [r[0] for r in values] for name, values in results.items()}
        per_run = [(walls["sitegen"][i] / walls["hugo"][i], walls["sitegen"][i] / (walls["cmark"][i] + walls["copy"][i]),
                    walls["sitegen"][i] / walls["plain"][i],
                    (walls["cmark"][i] + walls["copy"][i]) / (walls["cmark-plain"][i] + walls["copy-plain"][i]))
                   for i in range(args.runs)]
        rows.append((size, summary, floor, per_run))

    print()
    print("| N | tool | wall (median) | user+sys | peak RSS |")
    print("|---|---|---|---|---|")
    for size, summary, floor, _ in rows:
        for name, label in (("sitegen", "sitegen build"), ("plain", "sitegen build, no citations"), ("hugo", "hugo"),
                            ("cmark", "floor: cmark on all bodies"), ("copy", "floor: cp -r of the output"),
                            ("cmark-plain", "floor without citations: cmark"),
                            ("copy-plain", "floor without citations: cp -r")):
            wall, cpu, rss = summary[name]
            print(f"| {size:,} | {label} | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MB |")
    print()
    print("| N | sitegen / Hugo | sitegen / floor | with / without citations | the floors, with / without |")
    print("|---|---|---|---|---|")
    for size, summary, floor, _ in rows:
        sitegen_wall = summary["sitegen"][0]
        plain_floor = summary["cmark-plain"][0] + summary["copy-plain"][0]
        print(f"| {size:,} | {sitegen_wall / summary['hugo'][0]:.2f}× | {sitegen_wall / floor:.2f}× "
              f"(floor {floor:.2f} s) | {sitegen_wall / summary['plain'][0]:.2f}× | {floor / plain_floor:.2f}× "
              f"({plain_floor:.2f} s without) |")
    print()
    print("The same ratios within each run (median over the runs; lowest and highest in brackets):")
    for size, _, _, per_run in rows:
        parts = []
        for index, name in enumerate(("sitegen / Hugo", "sitegen / floor", "with / without citations",
                                      "the floors, with / without")):
            values = sorted(ratios[index] for ratios in per_run)
            parts.append(f"{name} {median(values):.2f}× ({values[0]:.2f}–{values[-1]:.2f})")
        print(f"N={size:,}: " + "; ".join(parts))


if __name__ == "__main__":
    main()
