#!/usr/bin/env python3
"""Regenerate the pandoc goldens for the real bibliography exports in this folder.

For every fixture listed in FIXTURES this writes, next to the fixture:

  <file>.csl.json           pandoc -f <reader> -t csljson <file>   (pandoc's bytes, unchanged)
  <file>.vancouver.json     {citation key: reference text} as pandoc's citeproc prints it
                            with vancouver.csl (HTML output, tags stripped, entities
                            unescaped, leading number and surrounding whitespace removed)
  <file>.pandoc-error.txt   instead of the two above, when pandoc rejects the file:
                            pandoc's stderr, verbatim

  <file>.yaml, <file>.yaml.vancouver.json
                            for a BibTeX fixture: the file as pandoc writes it in CSL-YAML
                            (-s -t markdown), and that YAML as pandoc prints it

Fixtures whose reader is None (PubMed .nbib: pandoc has no MEDLINE reader) get nothing.

Usage:
  make-goldens.py [PANDOC] [--csl PATH/TO/vancouver.csl]

PANDOC defaults to the binary bundled with the `pypandoc` Python package
(pip install pypandoc-binary==1.17 gives pandoc 3.9). The goldens were made with pandoc 3.9.
"""

import html.parser
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# file name -> pandoc reader (None: pandoc has no reader for the format)
FIXTURES = {
    "zotero-bbt-biblatex-zotero-better-bibtex.bib": "biblatex",
    "zotero-bbt-bibtex-zotero-better-bibtex.bib": "bibtex",
    "zotero-biblatex-timeseriesflattener.bib": "biblatex",
    "jabref-chocolate.bib": "biblatex",
    "jabref-zotero-better-bibtex-1641.bib": "biblatex",
    "jabref292-jabref.bib": "bibtex",
    "biblatex-examples.bib": "biblatex",
    "zotero-asreview-pubmed.ris": "ris",
    "endnote-asreview-pubmed.ris": "ris",
    "scopus-asreview.ris": "ris",
    "embase-asreview.ris": "ris",
    "proquest-asreview.ris": "ris",
    "wos-asreview.ris": "ris",
    "pubmed-biopython.nbib": None,
}

CSL_CANDIDATES = [
    os.path.join(HERE, "vancouver.csl"),
    "/work/shared/testdata/csl-styles/vancouver.csl",
    "/work/shared/testdata/vancouver.csl",
]

EXPECTED_VERSION = "pandoc 3.9"


def find_pandoc():
    try:
        import pypandoc  # noqa: F401
    except ImportError:
        sys.exit("no pandoc given and pypandoc is not installed "
                 "(PIP_BREAK_SYSTEM_PACKAGES=1 pip install pypandoc-binary==1.17)")
    path = os.path.join(os.path.dirname(pypandoc.__file__), "files", "pandoc")
    if not os.path.exists(path):
        sys.exit("pypandoc has no bundled pandoc at %s" % path)
    return path


class EntryParser(html.parser.HTMLParser):
    """Collects the text of each <div id="ref-KEY" class="csl-entry"> of pandoc's
    HTML bibliography, skipping the <div class="csl-left-margin"> number."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.entries = []      # [(key, text)] in bibliography order
        self.stack = []        # one entry per open <div>: its role
        self.key = None
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag != "div":
            return
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if "csl-entry" in classes:
            ident = a.get("id") or ""
            if not ident.startswith("ref-"):
                raise ValueError("csl-entry without ref- id: %r" % ident)
            self.key = ident[len("ref-"):]
            self.parts = []
            self.stack.append("entry")
        elif "csl-left-margin" in classes:
            self.stack.append("margin")
        else:
            self.stack.append("other")

    def handle_endtag(self, tag):
        if tag != "div" or not self.stack:
            return
        role = self.stack.pop()
        if role == "entry":
            self.entries.append((self.key, "".join(self.parts)))
            self.key = None

    def handle_data(self, data):
        if self.key is not None and "margin" not in self.stack:
            self.parts.append(data)


def run(cmd, cwd):
    return subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def remove(path):
    if os.path.exists(path):
        os.remove(path)


def vancouver(pandoc, csl, csljson_name):
    """Return {key: text} for every item of the csl.json, in bibliography order."""
    with tempfile.TemporaryDirectory() as tmp:
        md = os.path.join(tmp, "refs.md")
        with open(md, "w", encoding="utf-8") as f:
            f.write("---\n")
            f.write("nocite: '@*'\n")
            f.write("bibliography: %s\n" % json.dumps(os.path.join(HERE, csljson_name)))
            f.write("csl: %s\n" % json.dumps(csl))
            f.write("---\n")
        p = run([pandoc, "--citeproc", "-f", "markdown", "-t", "html", "--wrap=none", md], HERE)
        if p.returncode != 0:
            raise RuntimeError("citeproc failed: " + p.stderr.decode("utf-8", "replace"))
        if p.stderr:
            sys.stderr.write(p.stderr.decode("utf-8", "replace"))
    parser = EntryParser()
    parser.feed(p.stdout.decode("utf-8"))
    parser.close()
    out = {}
    for key, text in parser.entries:
        if key in out:
            raise RuntimeError("duplicate key in bibliography output: %r" % key)
        out[key] = text.strip()
    return out


def yaml_goldens(pandoc, csl, name, reader):
    """<file>.yaml: the BibTeX fixture as pandoc writes it in CSL-YAML (`pandoc -s -t markdown`, a metadata block with
    Markdown in its fields and escapes in its ids), and <file>.yaml.vancouver.json, that YAML as pandoc prints it."""
    p = run([pandoc, "-f", reader, "-s", "-t", "markdown", name], HERE)
    if p.returncode != 0:
        raise RuntimeError("%s: pandoc -t markdown failed: %s" % (name, p.stderr.decode("utf-8", "replace")))
    with open(os.path.join(HERE, name + ".yaml"), "wb") as f:
        f.write(p.stdout)
    refs = vancouver(pandoc, csl, name + ".yaml")
    with open(os.path.join(HERE, name + ".yaml.vancouver.json"), "w", encoding="utf-8") as f:
        json.dump(refs, f, ensure_ascii=False, indent=2)
        f.write("\n")


def main(argv):
    args = list(argv)
    csl = None
    if "--csl" in args:
        i = args.index("--csl")
        csl = args[i + 1]
        del args[i:i + 2]
    pandoc = args[0] if args else find_pandoc()
    if csl is None:
        csl = next((c for c in CSL_CANDIDATES if os.path.exists(c)), None)
        if csl is None:
            sys.exit("vancouver.csl not found; pass --csl PATH")

    version = run([pandoc, "--version"], HERE).stdout.decode().splitlines()[0]
    print("using %s, csl %s" % (version, csl))
    if version.strip() != EXPECTED_VERSION:
        print("WARNING: goldens were made with %s, not %s" % (EXPECTED_VERSION, version))

    for name, reader in FIXTURES.items():
        src = os.path.join(HERE, name)
        if not os.path.exists(src):
            print("MISSING %s" % name)
            continue
        cj, vj, err = (os.path.join(HERE, name + ext)
                       for ext in (".csl.json", ".vancouver.json", ".pandoc-error.txt"))
        if reader is None:
            for path in (cj, vj, err):
                remove(path)
            print("%-48s no pandoc reader, skipped" % name)
            continue
        # relative file name, so that error messages do not depend on where the repo lives
        p = run([pandoc, "-f", reader, "-t", "csljson", name], HERE)
        if p.returncode != 0:
            for path in (cj, vj):
                remove(path)
            with open(err, "wb") as f:
                f.write(p.stderr)
            first = p.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
            print("%-48s pandoc -f %s FAILED (exit %d): %s" % (name, reader, p.returncode,
                                                                 first[0] if first else ""))
            continue
        remove(err)
        if p.stderr:
            sys.stderr.write("[%s] %s" % (name, p.stderr.decode("utf-8", "replace")))
        with open(cj, "wb") as f:
            f.write(p.stdout)
        ids = [item["id"] for item in json.loads(p.stdout.decode("utf-8"))]
        # The file itself, as an author runs pandoc on it (its CSL-JSON would narrow spaces and curl quotes, as only
        # pandoc's CSL-JSON reader does); pandoc picks the reader by extension, so plain BibTeX is read as `.bibtex`.
        with tempfile.TemporaryDirectory() as tmp:
            source = os.path.join(HERE, name)
            if reader == "bibtex":
                source = os.path.join(tmp, os.path.splitext(name)[0] + ".bibtex")
                with open(os.path.join(HERE, name), "rb") as original, open(source, "wb") as copy:
                    copy.write(original.read())
            refs = vancouver(pandoc, csl, source)
        if sorted(refs) != sorted(ids):
            missing = sorted(set(ids) - set(refs))
            extra = sorted(set(refs) - set(ids))
            raise SystemExit("%s: keys differ; missing %r extra %r" % (name, missing, extra))
        with open(vj, "w", encoding="utf-8") as f:
            json.dump(refs, f, ensure_ascii=False, indent=2)
            f.write("\n")
        if reader in ("bibtex", "biblatex"):
            yaml_goldens(pandoc, csl, name, reader)
        print("%-48s pandoc -f %-8s %3d items" % (name, reader, len(ids)))


if __name__ == "__main__":
    main(sys.argv[1:])
