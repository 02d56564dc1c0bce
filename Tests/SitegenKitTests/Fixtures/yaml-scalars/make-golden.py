#!/usr/bin/env python3
"""Regenerates pandoc-printed.json: how pandoc 3.9 prints a CSL-YAML title written as each plain scalar below (numbers,
YAML 1.1's booleans, and text that looks like either), as pairs [written, printed]; printed is null for a value pandoc
reads as none. The test checks PandocYAMLScalars against it.

Usage: ./make-golden.py [PANDOC]   (default: the pandoc that pypandoc-binary 1.17 brings)
"""
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

FIXED = """1.50 1e3 12.0 1e-3 1.5e10 0.1 -3 +4 0x1F 0o17 1_000 .5 -0.0 1E+2 123456789012345678901234567890
3.14159265358979323846 1e400 1e-400 .inf -.inf .Inf .NaN .nan 007 1:30 2.50e-2 0.000001 1e21 1e22 12345678.9 0.0000001 1. 1.e3
+.5 1e 1e+ 01.50 9223372036854775807 9223372036854775808 -9223372036854775808 -9223372036854775809 100e-2 0.00 0e5 -1.5
-0.001 9999999.5 10000000.0 0.1000 0.09 1e7 1.5e-1 12e-1 +0 -0 00 -007 1E3 0X1F 0x1f 0o7 0O7 0b101 0xFFFFFFFFFFFFFFFFFF 0x 0o8
0o777 0x7FFFFFFFFFFFFFFF 0x8000000000000000 1_0 true True TRUE false False FALSE yes Yes YES no No NO on On ON off Off OFF y Y
n N yEs tRue oN null Null NULL ~ 12 2020 1.10 v2 2e 3rd""".split()


def values():
    rng = random.Random(7)
    found = list(FIXED)
    for _ in range(300):
        text = rng.choice(["", "-", "+"]) + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 12)))
        if rng.random() < 0.6:
            text += "." + "".join(rng.choice("0123456789") for _ in range(rng.randint(0, 8)))
        if rng.random() < 0.5:
            text += rng.choice("eE") + rng.choice(["", "-", "+"]) + str(rng.randint(0, 30))
        found.append(text)
    return found


def find_pandoc():
    import pypandoc
    return os.path.join(os.path.dirname(pypandoc.__file__), "files", "pandoc")


def main():
    pandoc = sys.argv[1] if len(sys.argv) > 1 else find_pandoc()
    written = values()
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "refs.yaml"), "w") as f:
            f.write("references:\n")
            for index, value in enumerate(written):
                f.write("- id: n%03d\n  type: book\n  title: %s\n" % (index, value))
        # A style that prints the title alone, in brackets, in the order the items are cited.
        with open(os.path.join(folder, "title.csl"), "w") as f:
            f.write('<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
                    '<info><title>Title</title><id>title</id><updated>2020-01-01T00:00:00+00:00</updated></info>'
                    '<citation><layout><text variable="title"/></layout></citation>'
                    '<bibliography><layout><text value="["/><text variable="title"/><text value="]"/></layout></bibliography></style>\n')
        with open(os.path.join(folder, "doc.md"), "w") as f:
            f.write("---\nbibliography: refs.yaml\ncsl: title.csl\n---\n\n" + " ".join("[@n%03d]" % i for i in range(len(written))) + "\n")
        out = subprocess.run([pandoc, "--citeproc", "-t", "plain", "doc.md"], cwd=folder, capture_output=True, text=True, check=True).stdout
    printed = [line[1:-1] for line in out.splitlines() if line.startswith("[") and line.endswith("]")]
    assert len(printed) == len(written), (len(printed), len(written))
    pairs = [[w, p if p else None] for w, p in zip(written, printed)]
    with open(os.path.join(HERE, "pandoc-printed.json"), "w", encoding="utf-8") as f:
        f.write("[\n" + ",\n".join(json.dumps(pair, ensure_ascii=False) for pair in pairs) + "\n]\n")
    print("%d values" % len(pairs))


main()
