#!/usr/bin/env python3
"""Regenerates Fixtures/pandoc/<style>.json: what pandoc 3.9's citeproc prints with each built-in style for each
CSL-JSON bibliography in INPUTS, as {input: {key: text}} (HTML output, tags stripped, entities unescaped, the margin
number left out), and Fixtures/pandoc/<style>.citations.json: the in-text citation of each item, cited alone once,
in the order of the file ({input: {key: citation}}). PandocGoldenTests compares both with the CSL module's output.

Usage: ./make-pandoc-golden.py [PANDOC]   (default: the pandoc that pypandoc-binary 1.17 brings, pandoc 3.9)
       ./make-pandoc-golden.py --known FILE
       ./make-pandoc-golden.py --known-sitegen FILE
The second form rewrites Fixtures/pandoc/known-differences.txt from FILE, which a run of PandocGoldenTests writes
when CSL_PANDOC_DIFFERENCES=FILE is set: each entry that differs, with where it first differs. The third rewrites
Tests/SitegenKitTests/Fixtures/style-differences.txt from the FILE that CitationStyleGoldenTests writes when
SITEGEN_STYLE_DIFFERENCES=FILE is set.
"""
import html.parser
import importlib.util
import json
import os
import subprocess
import sys
import tempfile

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

# Paths from the package root: the shipped CSL-JSON bibliography, the Vancouver golden set, pandoc's own CSL-JSON
# of the real bibliography exports, and the shipped BibTeX bibliography (which SitegenKit's CitationStyleGoldenTests
# read with sitegen's own reader, as they read each real export beside its `.csl.json`).
REALBIB = os.path.join("Tests", "SitegenKitTests", "Fixtures", "realbib")
INPUTS = [
    os.path.join("Content", "bibliography", "oncology-cardiology-endocrinology.json"),
    os.path.join("Tests", "SitegenKitTests", "Fixtures", "golden", "entries.json"),
] + sorted(os.path.join(REALBIB, name) for name in os.listdir(os.path.join(ROOT, REALBIB))
           if name.endswith(".csl.json") and not name.endswith(".corrected.csl.json")) + [
    os.path.join("Content", "bibliography", "infectious-neurology-womens-health.bib"),
]


class CitationParser(html.parser.HTMLParser):
    """Collects the text of each <span class="citation" data-cites="KEY"> of pandoc's HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.citations = {}
        self.key = None
        self.depth = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.key is not None:
            self.depth += tag == "span"
        elif tag == "span" and "citation" in (a.get("class") or "").split():
            self.key, self.depth, self.parts = a.get("data-cites"), 0, []

    def handle_endtag(self, tag):
        if self.key is None or tag != "span":
            return
        if self.depth == 0:
            self.citations[self.key] = "".join(self.parts).strip()
            self.key = None
        else:
            self.depth -= 1

    def handle_data(self, data):
        if self.key is not None:
            self.parts.append(data)


def citations(pandoc, csl, bibliography, keys):
    """{key: citation} for each of `keys` (in the file's order), cited alone in its own paragraph."""
    with tempfile.TemporaryDirectory() as tmp:
        md = os.path.join(tmp, "cites.md")
        with open(md, "w", encoding="utf-8") as f:
            f.write("---\nbibliography: %s\ncsl: %s\nsuppress-bibliography: true\n---\n\n" % (json.dumps(bibliography), json.dumps(csl)))
            for key in keys:
                f.write("[@%s]\n\n" % key)
        result = subprocess.run([pandoc, "--citeproc", "-f", "markdown", "-t", "html", "--wrap=none", md],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if result.returncode != 0:
            raise RuntimeError("citeproc failed: " + result.stderr.decode("utf-8", "replace"))
    parser = CitationParser()
    parser.feed(result.stdout.decode("utf-8"))
    return {key: parser.citations[key] for key in keys if key in parser.citations}


def known(path, output=os.path.join(HERE, "Fixtures", "pandoc", "known-differences.txt")):
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
    with open(output, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("%d differences" % (len(lines) - 1))


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--known":
        return known(sys.argv[2])
    if len(sys.argv) > 2 and sys.argv[1] == "--known-sitegen":
        return known(sys.argv[2], os.path.join(ROOT, "Tests", "SitegenKitTests", "Fixtures", "style-differences.txt"))
    pandoc = sys.argv[1] if len(sys.argv) > 1 else realbib.find_pandoc()
    version = realbib.run([pandoc, "--version"], HERE).stdout.decode().splitlines()[0]
    if version != realbib.EXPECTED_VERSION:
        sys.exit("expected %s, got %s" % (realbib.EXPECTED_VERSION, version))
    out_dir = os.path.join(HERE, "Fixtures", "pandoc")
    os.makedirs(out_dir, exist_ok=True)
    for style in STYLES:
        csl = os.path.abspath(os.path.join(HERE, "Fixtures", "styles", style + ".csl"))
        golden, cited = {}, {}
        for path in INPUTS:
            golden[path] = realbib.vancouver(pandoc, csl, os.path.abspath(os.path.join(ROOT, path)))
            absolute = os.path.abspath(os.path.join(ROOT, path))
            keys = [item["id"] for item in json.load(open(absolute, encoding="utf-8"))] if path.endswith(".json") else list(golden[path])
            cited[path] = citations(pandoc, csl, absolute, keys)
        for name, data in ((style + ".json", golden), (style + ".citations.json", cited)):
            with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False, indent=1, sort_keys=True)
                f.write("\n")
        print("%s: %d entries" % (style, sum(len(v) for v in golden.values())))


main()
