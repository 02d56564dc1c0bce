#!/usr/bin/env python3
"""Regenerates expected-pandoc.json: the Vancouver text pandoc 3.9 prints for each item of entries.json.

Usage: ./make-golden.py [PANDOC]   (default: the pandoc that pypandoc-binary 1.17 brings)
It reuses the HTML-to-text reading of ../realbib/make-goldens.py, so both goldens are made the same way.
"""
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("realbib", os.path.join(HERE, "..", "realbib", "make-goldens.py"))
realbib = importlib.util.module_from_spec(spec)
spec.loader.exec_module(realbib)

pandoc = sys.argv[1] if len(sys.argv) > 1 else realbib.find_pandoc()
csl = os.path.join(HERE, "..", "..", "..", "..", "..", "shared", "testdata", "csl-styles", "vancouver.csl")
texts = realbib.vancouver(pandoc, os.path.abspath(csl), os.path.join(HERE, "entries.json"))
with open(os.path.join(HERE, "expected-pandoc.json"), "w", encoding="utf-8") as f:
    json.dump(texts, f, ensure_ascii=False, indent=1)
    f.write("\n")
print("%d entries" % len(texts))
