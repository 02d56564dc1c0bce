#!/usr/bin/env python3
"""Pathological inputs: each must build or fail with a clear error, in time proportional to its size.

    swift build -c release --product sitegen
    python3 Benchmarks/pathological.py [--sitegen .build/release/sitegen] [--work /var/tmp/sitegen-pathological]

Every case is built at half size and at full size; the table shows both times, their ratio (about 2 for linear
work; 4 would mean quadratic), peak RSS and the first line sitegen printed.
"""

import argparse
import json
import os
import shutil
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
FRONT = "---\ntitle: Pathological\n---\n"


def reference(index):
    return {"id": f"r{index}", "type": "article-journal", "title": f"Title {index}",
            "author": [{"family": f"Family{index % 997}", "given": "A B"}], "container-title": "Journal",
            "issued": {"date-parts": [[1990 + index % 30, 1 + index % 12]]}, "volume": str(index % 300),
            "page": f"{index % 900}-{index % 900 + 9}", "DOI": f"10.5555/p.{index}"}


def nested_brackets(n):
    return {"Content/a.md": FRONT + "[" * n + "@r1" + "]" * n + "\n", "refs": 2}


def large_article(megabytes):
    paragraph = ("A claim about treatment and risk in adults, with *emphasis* and a [link](https://example.org) "
                 "that is cited [@r1; @r2, p. 4].\n\n")
    count = megabytes * 1024 * 1024 // len(paragraph)
    return {"Content/a.md": FRONT + paragraph * count, "refs": 3}


def large_bibliography(entries):
    return {"Content/a.md": FRONT + "Cited [@r1] and [@r%d].\n" % (entries - 1), "refs": entries}


def long_line(megabytes):
    words = "word [@r1] " * (megabytes * 1024 * 1024 // 11)
    return {"Content/a.md": FRONT + words + "\n", "refs": 2}


def nested_yaml(depth):
    return {"Content/a.md": "---\ntitle: Deep\nextra: " + "[" * depth + "]" * depth + "\n---\nText.\n", "refs": 0}


def nested_yaml_block(depth):
    lines = ["---", "title: Deep", "extra:"]
    lines += [" " * (2 * (level + 1)) + f"k{level}:" for level in range(depth)]
    lines[-1] += " leaf"
    return {"Content/a.md": "\n".join(lines) + "\n---\nText.\n", "refs": 0}


def many_markers(count):
    return {"Content/a.md": FRONT + "".join(f"Claim [@r{i % 500}].\n" for i in range(count)), "refs": 500}


def nested_bibtex_braces(depth):
    title = "{" * depth + "T" + "}" * depth
    return {"Content/a.md": FRONT + "Cited [@b1].\n", "bib": f"@article{{b1, title={{{title}}}, year={{2020}}}}\n"}


def open_brackets(n):
    # Brackets never closed before a marker, and a wiki link's `[[` before a `]]` at the end.
    return {"Content/a.md": FRONT + "x " + "[" * n + "@r1 [@r1]\n\n" + "[[" * (n // 2) + "a]]\n", "refs": 2}


def at_signs(n):
    return {"Content/a.md": FRONT + "x " + "@" * n + " [@r1]\n", "refs": 2}


CASES = [
    ("nested brackets around a marker", nested_brackets, 5000, 10000),
    ("article of N MB", large_article, 25, 50),
    ("bibliography of N entries", large_bibliography, 50000, 100000),
    ("one line of N MB", long_line, 5, 10),
    ("front matter: N nested flow sequences", nested_yaml, 5000, 10000),
    ("front matter: N nested block mappings", nested_yaml_block, 500, 1000),
    ("N citation markers in one article", many_markers, 50000, 100000),
    ("BibTeX title in N nested braces", nested_bibtex_braces, 5000, 10000),
    ("N brackets never closed, N/2 `[[` before one `]]`", open_brackets, 10000, 20000),
    ("N `@` in a row", at_signs, 10000, 20000),
]


def write_site(root, files):
    if os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(os.path.join(root, "Content", "bibliography"))
    for path, text in files.items():
        if path in ("refs", "bib"):
            continue
        with open(os.path.join(root, path), "w") as f:
            f.write(text)
    if files.get("refs"):
        with open(os.path.join(root, "Content", "bibliography", "refs.json"), "w") as f:
            json.dump([reference(i) for i in range(files["refs"])], f)
    if "bib" in files:
        with open(os.path.join(root, "Content", "bibliography", "refs.bib"), "w") as f:
            f.write(files["bib"])


def run(sitegen, root):
    result = subprocess.run(["/usr/bin/time", "-f", "TIME %e %M", sitegen, "build", "--source", root],
                            capture_output=True, text=True, timeout=600)
    lines = result.stderr.splitlines()
    wall, rss = [line for line in lines if line.startswith("TIME ")][-1].split()[1:]
    said = [line for line in (result.stdout + "\n".join(lines)).splitlines() if line and not line.startswith("TIME ")]
    return float(wall), int(rss) / 1024, result.returncode, (said[0] if said else "")[:110]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sitegen", default=os.path.join(HERE, "..", ".build", "release", "sitegen"))
    parser.add_argument("--work", default="/var/tmp/sitegen-pathological")
    args = parser.parse_args()
    sitegen = os.path.abspath(args.sitegen)
    print("| input | half size | full size | time (half → full) | ratio | peak RSS (full) | exit | sitegen said (full) |")
    print("|---|---|---|---|---|---|---|---|")
    for name, make, half, full in CASES:
        results = []
        for size in (half, full):
            root = os.path.join(args.work, "site")
            write_site(root, make(size))
            results.append(run(sitegen, root))
        (t1, _, _, _), (t2, rss, code, said) = results
        ratio = t2 / t1 if t1 > 0 else float("nan")
        print(f"| {name} | {half:,} | {full:,} | {t1:.2f} s → {t2:.2f} s | {ratio:.1f} | {rss:.0f} MB | {code} | `{said}` |",
              flush=True)


if __name__ == "__main__":
    main()
