#!/usr/bin/env python3
"""Regenerates Fixtures/pandoc/<style>.json: the reference text pandoc 3.9's citeproc prints with each built-in
style for each CSL-JSON bibliography in INPUTS, as {input: {key: text}} (HTML output, tags stripped, entities
unescaped, the margin number left out), which CSLGoldenTests compares with the CSL module's bibliography.

Usage: ./make-pandoc-golden.py [PANDOC]   (default: the pandoc that pypandoc-binary 1.17 brings, pandoc 3.9)
       ./make-pandoc-golden.py --known FILE
The second form rewrites Fixtures/pandoc/known-differences.txt from FILE, which a run of PandocGoldenTests writes
when CSL_PANDOC_DIFFERENCES=FILE is set: each entry that differs, with where it first differs.
"""
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
spec = importlib.util.spec_from_file_location(
    "realbib", os.path.join(ROOT, "Tests", "SitegenKitTests", "Fixtures", "realbib", "make-goldens.py"))
realbib = importlib.util.module_from_spec(spec)
spec.loader.exec_module(realbib)

STYLES = [
    "vancouver", "american-medical-association", "nlm-citation-sequence", "the-lancet", "bmj",
    "the-new-england-journal-of-medicine", "apa", "chicago-author-date", "harvard-cite-them-right", "ieee", "nature",
]

# Paths from the package root: the shipped CSL-JSON bibliography, the Vancouver golden set, and pandoc's own
# CSL-JSON of the real bibliography exports.
REALBIB = os.path.join("Tests", "SitegenKitTests", "Fixtures", "realbib")
INPUTS = [
    os.path.join("Content", "bibliography", "oncology-cardiology-endocrinology.json"),
    os.path.join("Tests", "SitegenKitTests", "Fixtures", "golden", "entries.json"),
] + sorted(os.path.join(REALBIB, name) for name in os.listdir(os.path.join(ROOT, REALBIB))
           if name.endswith(".csl.json") and not name.endswith(".corrected.csl.json"))


def known(path):
    lines = ["# style\tinput\tkey\tdifference: entries whose reference text differs from pandoc 3.9 today "
             "(make-pandoc-golden.py --known)."]
    for block in open(path, encoding="utf-8").read().split("=== ")[1:]:
        head, rest = block.split("\n", 1)
        expected = rest.split("\n")[0][len("expected: "):]
        actual = rest.split("\n")[1][len("actual:   "):]
        i = 0
        while i < min(len(expected), len(actual)) and expected[i] == actual[i]:
            i += 1
        lines.append('%s\tpandoc prints "%s", we print "%s"' % (
            head, expected[max(0, i - 12):i + 18].replace("\t", " "), actual[max(0, i - 12):i + 18].replace("\t", " ")))
    with open(os.path.join(HERE, "Fixtures", "pandoc", "known-differences.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("%d differences" % (len(lines) - 1))


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--known":
        return known(sys.argv[2])
    pandoc = sys.argv[1] if len(sys.argv) > 1 else realbib.find_pandoc()
    version = realbib.run([pandoc, "--version"], HERE).stdout.decode().splitlines()[0]
    if version != realbib.EXPECTED_VERSION:
        sys.exit("expected %s, got %s" % (realbib.EXPECTED_VERSION, version))
    out_dir = os.path.join(HERE, "Fixtures", "pandoc")
    os.makedirs(out_dir, exist_ok=True)
    for style in STYLES:
        csl = os.path.abspath(os.path.join(HERE, "Fixtures", "styles", style + ".csl"))
        golden = {}
        for path in INPUTS:
            golden[path] = realbib.vancouver(pandoc, csl, os.path.abspath(os.path.join(ROOT, path)))
        with open(os.path.join(out_dir, style + ".json"), "w", encoding="utf-8") as f:
            json.dump(golden, f, ensure_ascii=False, indent=1, sort_keys=True)
            f.write("\n")
        print("%s: %d entries" % (style, sum(len(v) for v in golden.values())))


main()
