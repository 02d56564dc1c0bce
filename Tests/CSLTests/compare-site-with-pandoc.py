#!/usr/bin/env python3
"""Compares the citations and reference lists of a built site with what pandoc 3.9 prints for the same articles.

Usage:
  Tests/CSLTests/compare-site-with-pandoc.py SITE OUTPUT STYLE.csl [--sample N] [--seed S] [--jobs J] [--entries-only] [--lang L]

SITE is the site folder (its Content/ and the bibliography files of Content/bibliography/), OUTPUT the folder `sitegen build`
wrote, STYLE the CSL file the site's `citation-style` names. For each article (or a random sample of N), pandoc
(`pandoc --citeproc`, its binary from PANDOC or pypandoc) renders the article's Markdown with the same bibliography
and style, and three things are compared with sitegen's page:

- each citation's text, in order (tags and runs of white space aside); for a numeric style, whose markers sitegen
  prints as superscripts of its own, the text inside the style's brackets (pandoc's "(1–3)" is sitegen's "1–3"),
  and where pandoc prints a number twice in a row (`[@a; @a]` is its "(1,1)", sitegen's "1") or sitegen prints a
  locator that the style leaves out (Vancouver's), which keeps the numbers around it from a range, both sides with
  their ranges written out and each number once;
- the order of the reference list (by key, each written as sitegen writes element ids);
- each entry's text as the page prints it (without a numeric style's number, which pandoc prints in the margin or
  at the start of the entry's text and sitegen's list prints, or sitegen's links out and back; a label style's
  margin, `[Doe65]`, kept on both sides):
  what the golden tests (make-pandoc-golden.py) compare entry by entry, here with everything that depends on the
  other entries of the article (a year suffix, a given name added, a repeated author's dashes).

With --entries-only the citations are left out: for a style whose citations sitegen prints in a form of its own
(IEEE brackets each number, "[2], [3]"; sitegen's superscripts collapse them, "2,3"), or markers with locators in a
numeric style that prints them in its own way (AMA's "2(p4)", sitegen's "2, p. 4").

With --lang L pandoc renders with `lang: L`, as a site with `language: L` asks sitegen.

Prints the articles that differ and the counts; exits 1 when any does.
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


def entries(page, opening, closing):
    """The contents of each element from `opening` to its first `closing` after it, by the id `opening` captures."""
    return {m.group(1): page[m.end():page.index(closing, m.end())] for m in re.finditer(opening, page)}


def divs(page, opening):
    """The contents of each div that `opening` starts, to its own end tag (an entry's display blocks are divs in it), by
    the id `opening` captures."""
    found = {}
    for start in re.finditer(opening, page):
        depth, position = 1, start.end()
        for tag in re.finditer(r"<(/?)div\b[^>]*>", page[position:]):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                found[start.group(1)] = page[position:position + tag.start()]
                break
    return found


def without_spans(fragment, classes):
    """`fragment` without the spans of these classes, each to its own end tag."""
    opening = r'<span class="(?:' + "|".join(classes) + r')">'
    while start := re.search(opening, fragment):
        depth, position = 1, start.end()
        for tag in re.finditer(r"<(/?)span\b[^>]*>", fragment[position:]):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                fragment = fragment[:start.start()] + fragment[position + tag.end():]
                break
        else:
            return fragment[:start.start()]
    return fragment


def once(numbers):
    """A numeric citation's text with a number that follows itself printed once ("1,1,8" is "1,8")."""
    parts = numbers.split(",")
    return ",".join(part for index, part in enumerate(parts) if index == 0 or part != parts[index - 1])


def written_out(numbers):
    """A numeric citation's text with its ranges written out ("2–4" is "2,3,4")."""
    def out(match):
        return ",".join(str(n) for n in range(int(match.group(1)), int(match.group(2)) + 1))
    return re.sub(r"(\d+)–(\d+)", out, numbers)


def compare(pandoc, site, output, style, article, numeric, entries_only=False, language=None):
    source = os.path.join(site, "Content", article + ".md")
    folder = os.path.join(site, "Content", "bibliography")
    bibliographies = sorted(os.path.join(folder, name) for name in os.listdir(folder)
                            if name.rsplit(".", 1)[-1] in ("json", "yaml", "bib", "ris"))
    printed = subprocess.run(
        [pandoc, "--citeproc", "-t", "html", "--wrap=none", *("--bibliography=" + b for b in bibliographies), "--csl", style,
         *(["--metadata", "lang=" + language] if language else []), source],
        capture_output=True, text=True, check=True).stdout
    page = open(os.path.join(output, article, "index.html"), encoding="utf-8").read()
    theirs = [text(c) for c in spans(printed, r'<span class="citation" data-cites="[^"]*">')]
    if numeric:
        # The style's brackets around the numbers, which sitegen's superscripts leave out.
        theirs = [t[1:-1] if t[:1] + t[-1:] in ("()", "[]") else t for t in theirs]
        # A locator follows the number in sitegen's superscript (README: `¹, p. 33`); Vancouver prints none.
        sups = re.findall(r'<sup class="citation" id="cite-\d+">(.*?)</sup>', page, re.S)
        ours = [text(without_spans(c, ["locator"])) for c in sups]
        for index, sup in enumerate(sups[:len(theirs)]):
            listed = written_out(theirs[index]).split(",")
            if 'class="locator"' in sup or any(a == b for a, b in zip(listed, listed[1:])):
                theirs[index], ours[index] = once(written_out(theirs[index])), once(written_out(ours[index]))
    else:
        ours = [text(c) for c in spans(page, r'<span class="citation" id="cite-\d+">')]
    problems = [f"citation: pandoc prints {a!r}, sitegen {b!r}" for a, b in zip(theirs, ours) if a != b and not entries_only]
    if len(theirs) != len(ours):
        problems.append(f"{len(theirs)} citations in pandoc's text, {len(ours)} in sitegen's")
    # pandoc writes a key's `'` and `&` in its ids escaped (`ref-O&#39;Brien`).
    their_order = [element_id(html.unescape(k)) for k in re.findall(r'<div id="ref-([^"]+)" class="csl-entry"', printed)]
    our_order = re.findall(r'<li id="ref-([^"]+)"', page)
    if their_order != our_order:
        problems.append(f"reference order: pandoc {their_order}, sitegen {our_order}")
    their_entries = divs(printed, r'<div id="ref-([^"]+)" class="csl-entry"[^>]*>')
    our_entries = entries(page, r'<li id="ref-([^"]+)">', "</li>")
    for number, (key, entry) in enumerate(their_entries.items(), start=1):
        # A numeric style's number is the page's list's: pandoc's is left out, in a margin or at the start of the text
        # (BMC's "2. Taylor F"). A label style's margin (`[Doe65]`) starts sitegen's text too.
        margin = 'class="csl-left-margin"' in entry
        theirs = text(re.sub(r'<div class="csl-left-margin">.*?</div>', "", entry) if numeric else entry)
        if numeric and not margin:
            theirs = re.sub(rf"^[\[(]?{number}[.)\]]?\s*", "", theirs)
        ours = text(without_spans(our_entries.get(element_id(html.unescape(key)), ""), ["retracted", "ref-links", "backlinks"]))
        if theirs != ours:
            problems.append(f"entry {key}: pandoc prints {theirs!r}, sitegen {ours!r}")
    return article, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site")
    parser.add_argument("output")
    parser.add_argument("style")
    parser.add_argument("--sample", type=int, default=0, help="compare N articles chosen at random (0: all)")
    parser.add_argument("--seed", type=int, default=32)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--entries-only", action="store_true", help="compare the reference lists, not the citations")
    parser.add_argument("--lang", help="the site's `language:` (pandoc's `lang`), for a site that is not in English")
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
    numeric = 'citation-format="numeric"' in open(options.style, encoding="utf-8").read()
    with ThreadPoolExecutor(options.jobs) as pool:
        results = list(pool.map(lambda a: compare(pandoc, options.site, options.output, options.style, a, numeric, options.entries_only, options.lang), articles))
    differing = [(article, problems) for article, problems in results if problems]
    for article, problems in differing:
        print(article)
        for problem in problems:
            print("  " + problem)
    print(f"{len(articles) - len(differing)} of {len(articles)} articles print their citations and reference lists as pandoc does")
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
