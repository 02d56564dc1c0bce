#!/usr/bin/env python3
"""Writes a deterministic benchmark corpus: the same N articles as a sitegen site and as a Hugo site.

    python3 Benchmarks/corpus.py N DIR [--seed 1] [--words 600 900] [--one-folder]

creates
    DIR/sitegen/         sitegen.yml, Content/<topic>/<slug>.md, Content/bibliography/references.json
    DIR/sitegen-plain/   the same articles without citation markers and without the bibliography
    DIR/hugo/            hugo.toml, content/<topic>/<slug>.md (markers left as text), layouts/_default/

Articles have 600-900 words of varied CommonMark (headings, paragraphs with emphasis, links and code
spans, bullet and numbered lists, block quotes, code blocks) and 4-10 citation markers (single,
grouped, with locators) against one site-wide CSL-JSON bibliography of 2,000 entries, over twelve
topics. Everything here is synthetic benchmark data; none of it is a real reference.
"""

import argparse
import json
import os
import random
import shutil

TOPICS = [
    "Cardiology", "Oncology", "Neurology", "Endocrinology", "Infectious disease", "Women's health",
    "Pediatrics", "Dermatology", "Gastroenterology", "Psychiatry", "Pulmonology", "Rheumatology",
]

WORDS = """
patients trial risk dose therapy outcome cohort placebo adults children blood pressure heart
kidney liver lung brain vaccine infection symptom treatment evidence review study randomized
controlled observational baseline follow-up mortality hospital admission month year week daily
weekly lower higher reduced increased modest small large effect benefit harm adverse event
screening diagnosis test result sensitivity specificity guideline doctor nurse clinic primary care
exercise diet sleep weight sugar insulin cholesterol statin aspirin antibiotic probiotic vitamin
supplement smoking alcohol stress anxiety depression memory pain fatigue fever cough rash joint
bone muscle skin stomach bowel surgery procedure imaging scan injection tablet course relapse
remission survival quality life function age sex group population region country trialists
""".split()

FAMILIES = """
Smith Jones Garcia Müller Nguyen Okafor Rossi Tanaka Kowalski Johansson Dubois Silva Kim Patel
Novak Haddad Ivanova O'Brien Schmidt Larsen Costa Yilmaz Chen Wang Singh Moreau Fischer Andersen
""".split()

GIVEN = "A B C D E F G H J K L M N P R S T W".split()

JOURNALS = [
    "Journal of Benchmark Medicine", "Synthetic Clinical Reviews", "Annals of Generated Evidence",
    "Placeholder Heart Journal", "Example Oncology Reports", "Corpus Neurology",
]


def reference(rng, index):
    authors = [
        {"family": rng.choice(FAMILIES), "given": "".join(rng.sample(GIVEN, rng.randint(1, 2)))}
        for _ in range(rng.randint(1, 9))
    ]
    year = rng.randint(1995, 2025)
    key = f"{authors[0]['family'].lower().replace(chr(39), '')}{year}b{index:04d}"
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 16))).capitalize()
    item = {
        "id": key,
        "type": "article-journal",
        "author": authors,
        "title": title,
        "container-title": rng.choice(JOURNALS),
        "issued": {"date-parts": [[year, rng.randint(1, 12)]]},
        "volume": str(rng.randint(1, 400)),
        "issue": str(rng.randint(1, 12)),
        "page": f"{(p := rng.randint(1, 2000))}-{p + rng.randint(3, 20)}",
    }
    if rng.random() < 0.8:
        item["DOI"] = f"10.5555/bench.{index:05d}"
    if rng.random() < 0.5:
        item["PMID"] = str(90000000 + index)
    return item


# Inline markup a sentence may get on one of its words, by the cumulative chance of each.
INLINE = [
    (0.15, "*{}*"),
    (0.25, "**{}**"),
    (0.32, "[{0}](https://example.org/{0})"),
    (0.37, "`{}`"),
]


def sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
    roll = rng.random()
    markup = next((form for chance, form in INLINE if roll < chance), None)
    if markup:
        i = rng.randrange(len(words))
        words[i] = markup.format(words[i])
    return " ".join(words).capitalize() + "."


def marker(rng, keys):
    roll = rng.random()
    if roll < 0.6:
        return f"[@{rng.choice(keys)}]"
    if roll < 0.85:
        return "[" + "; ".join(f"@{k}" for k in rng.sample(keys, rng.randint(2, 4))) + "]"
    return f"[@{rng.choice(keys)}, p. {rng.randint(1, 400)}]"


def body(rng, keys, length=(600, 900)):
    """Blocks of Markdown, with citation markers placed after sentences; returns (text, marker count)."""
    blocks, words = [], 0
    target = rng.randint(*length)
    markers = rng.randint(4, 10)
    slots = []
    while words < target:
        kind = rng.random()
        if kind < 0.12:
            text = "## " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))).capitalize()
        elif kind < 0.25:
            items = [sentence(rng) for _ in range(rng.randint(2, 5))]
            bullet = "-" if rng.random() < 0.5 else None
            text = "\n".join((f"- {s}" if bullet else f"{n}. {s}") for n, s in enumerate(items, 1))
        elif kind < 0.32:
            text = "> " + " ".join(sentence(rng) for _ in range(rng.randint(1, 3)))
        elif kind < 0.35:
            text = "```\n" + "\n".join(" ".join(rng.choice(WORDS) for _ in range(5)) for _ in range(3)) + "\n```"
        else:
            parts = [sentence(rng) for _ in range(rng.randint(2, 6))]
            slots.append((len(blocks), len(parts)))
            text = parts
        blocks.append(text)
        words += len((" ".join(text) if isinstance(text, list) else text).split())
    for _ in range(markers):
        block, count = rng.choice(slots)
        at = rng.randrange(count)
        blocks[block][at] = blocks[block][at][:-1] + " " + marker(rng, keys) + "."
    return "\n\n".join(" ".join(b) if isinstance(b, list) else b for b in blocks) + "\n", markers


def yaml_string(value):
    return json.dumps(value, ensure_ascii=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--words", type=int, nargs=2, default=[600, 900], metavar=("MIN", "MAX"),
                        help="length of each article's body in words")
    parser.add_argument("--one-folder", action="store_true", help="every article in Content/answers/, not by topic")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    root = os.path.abspath(args.folder)
    sites = {name: os.path.join(root, name) for name in ("sitegen", "sitegen-plain", "hugo")}
    for path in sites.values():
        if os.path.exists(path):
            shutil.rmtree(path)

    references = [reference(rng, i) for i in range(2000)]
    keys = [r["id"] for r in references]
    bibliography = os.path.join(sites["sitegen"], "Content", "bibliography")
    os.makedirs(bibliography)
    with open(os.path.join(bibliography, "references.json"), "w") as f:
        json.dump(references, f, ensure_ascii=False, indent=1)
    for name in ("sitegen", "sitegen-plain"):
        os.makedirs(os.path.join(sites[name], "Content"), exist_ok=True)
        with open(os.path.join(sites[name], "sitegen.yml"), "w") as f:
            f.write("title: Benchmark corpus\nbaseURL: https://example.org/\nlanguage: en\n")
    write_hugo_site(sites["hugo"])

    total_markers = 0
    for n in range(args.count):
        topic = TOPICS[n % len(TOPICS)]
        folder = "answers" if args.one_folder else topic.lower().replace("'", "").replace(" ", "-")
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9))).capitalize() + "?"
        slug = f"article-{n:06d}"
        summary = sentence(rng)
        reviewed = f"{rng.randint(2019, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        tags = rng.sample(WORDS, 3)
        text, markers = body(rng, keys, tuple(args.words))
        total_markers += markers
        plain = strip_markers(text)
        front = [
            f"title: {yaml_string(title)}",
            f"summary: {yaml_string(summary)}",
            f"topic: {yaml_string(topic)}",
            f"confidence: {rng.choice(['high', 'moderate', 'low'])}",
            f"reviewed: {reviewed}",
            "tags: [" + ", ".join(tags) + "]",
            "questions:",
            *(f"  - {yaml_string(sentence(rng)[:-1] + '?')}" for _ in range(rng.randint(2, 4))),
        ]
        header = "---\n" + "\n".join(front) + "\n---\n\n"
        write(os.path.join(sites["sitegen"], "Content", folder, slug + ".md"), header + text)
        write(os.path.join(sites["sitegen-plain"], "Content", folder, slug + ".md"), header + plain)
        hugo_front = [
            f"title: {yaml_string(title)}",
            f"summary: {yaml_string(summary)}",
            f"date: {reviewed}",
            "tags: [" + ", ".join(tags) + "]",
            f"categories: [{yaml_string(topic)}]",
        ]
        write(os.path.join(sites["hugo"], "content", folder, slug + ".md"), "---\n" + "\n".join(hugo_front) + "\n---\n\n" + text)
    print(f"{args.count} articles, {len(references)} references, {total_markers} markers in {root}")


def strip_markers(text):
    out, i = [], 0
    while True:
        j = text.find(" [@", i)
        if j < 0:
            out.append(text[i:])
            return "".join(out)
        k = text.find("]", j)
        out.append(text[i:j])
        i = k + 1


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def write_hugo_site(root):
    write(os.path.join(root, "hugo.toml"),
          'baseURL = "https://example.org/"\nlanguageCode = "en"\ntitle = "Benchmark corpus"\n'
          'disableKinds = []\n[markup.goldmark.renderer]\nunsafe = false\n')
    layouts = os.path.join(root, "layouts", "_default")
    write(os.path.join(layouts, "baseof.html"),
          '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>\n'
          '<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>\n'
          '<main>{{ block "main" . }}{{ end }}</main></body></html>\n')
    write(os.path.join(layouts, "single.html"),
          '{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Summary }}</p>{{ .Content }}'
          '<p>{{ range .Params.categories }}{{ . }} {{ end }}</p></article>{{ end }}\n')
    write(os.path.join(layouts, "list.html"),
          '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}'
          '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>'
          '{{ end }}</ul>{{ end }}\n')


if __name__ == "__main__":
    main()
