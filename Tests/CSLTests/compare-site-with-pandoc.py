#!/usr/bin/env python3
"""Compares the citations and reference lists of a built site with what pandoc 3.9 prints for the same articles.

Usage:
  Tests/CSLTests/compare-site-with-pandoc.py SITE OUTPUT STYLE.csl [--sample N] [--seed S] [--jobs J]

SITE is the site folder (its Content/ and Content/bibliography/references.json), OUTPUT the folder `sitegen build`
wrote, STYLE the CSL file the site's `citation-style` names. For each article (or a random sample of N), pandoc
(`pandoc --citeproc`, its binary from PANDOC or pypandoc) renders the article's Markdown with the same bibliography
and style, and two things are compared with sitegen's page:

- each citation's text, in order (tags and runs of white space aside);
- the order of the reference list (by key, each written as sitegen writes element ids).

The entries' own text is what the golden tests compare (make-pandoc-golden.py). Prints the articles that differ and
the counts; exits 1 when any does.
"""
import argparse
import html
import os
import random
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor


def pandoc_binary():
    if os.environ.get("PANDOC"):
        return os.environ["PANDOC"]
    import pypandoc  # noqa: PLC0415 - only when PANDOC is not given

    return pypandoc.get_pandoc_path()


def text(fragment):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def element_id(key):
    return re.sub(r"[^A-Za-z0-9_-]", "-", key)


def spans(page, opening):
    """The contents of each span whose start tag matches `opening`, up to its own end tag (spans may nest in it)."""
    found = []
    for start in re.finditer(opening, page):
        depth, position = 1, start.end()
        for tag in re.finditer(r"<(/?)span\b[^>]*>", page[position:]):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                found.append(page[position:position + tag.start()])
                break
    return found


def compare(pandoc, site, output, style, article):
    source = os.path.join(site, "Content", article + ".md")
    bibliography = os.path.join(site, "Content", "bibliography", "references.json")
    printed = subprocess.run(
        [pandoc, "--citeproc", "-t", "html", "--wrap=none", "--metadata", "bibliography=" + bibliography, "--csl", style, source],
        capture_output=True, text=True, check=True).stdout
    page = open(os.path.join(output, article, "index.html"), encoding="utf-8").read()
    theirs = [text(c) for c in spans(printed, r'<span class="citation" data-cites="[^"]*">')]
    ours = [text(c) for c in spans(page, r'<span class="citation" id="cite-\d+">')]
    problems = [f"citation: pandoc prints {a!r}, sitegen {b!r}" for a, b in zip(theirs, ours) if a != b]
    if len(theirs) != len(ours):
        problems.append(f"{len(theirs)} citations in pandoc's text, {len(ours)} in sitegen's")
    their_order = [element_id(k) for k in re.findall(r'<div id="ref-([^"]+)" class="csl-entry"', printed)]
    our_order = re.findall(r'<li id="ref-([^"]+)"', page)
    if their_order != our_order:
        problems.append(f"reference order: pandoc {their_order}, sitegen {our_order}")
    return article, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site")
    parser.add_argument("output")
    parser.add_argument("style")
    parser.add_argument("--sample", type=int, default=0, help="compare N articles chosen at random (0: all)")
    parser.add_argument("--seed", type=int, default=32)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    options = parser.parse_args()
    content = os.path.join(options.site, "Content")
    articles = sorted(
        os.path.relpath(os.path.join(folder, name), content)[:-3]
        for folder, _, names in os.walk(content, followlinks=True) for name in names
        if name.endswith(".md") and os.path.isfile(os.path.join(options.output, os.path.relpath(os.path.join(folder, name), content)[:-3], "index.html")))
    if not articles:
        sys.exit(f"no article of {content} has a page in {options.output}: give the site folder and the folder sitegen build wrote")
    if options.sample and options.sample < len(articles):
        articles = random.Random(options.seed).sample(articles, options.sample)
    pandoc = pandoc_binary()
    with ThreadPoolExecutor(options.jobs) as pool:
        results = list(pool.map(lambda a: compare(pandoc, options.site, options.output, options.style, a), articles))
    differing = [(article, problems) for article, problems in results if problems]
    for article, problems in differing:
        print(article)
        for problem in problems:
            print("  " + problem)
    print(f"{len(articles) - len(differing)} of {len(articles)} articles print their citations and reference order as pandoc does")
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
