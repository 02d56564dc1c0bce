"""Tests/CSLTests/compare-site-with-pandoc.py, run on a built page against what a stand-in for pandoc prints: what it
counts and matches must be what the page and pandoc hold."""
import importlib.util
import pathlib

PACKAGE = pathlib.Path(__file__).resolve().parents[2]
SPEC = importlib.util.spec_from_file_location("compare", PACKAGE / "Tests" / "CSLTests" / "compare-site-with-pandoc.py")
compare = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(compare)

# What pandoc 3.9 prints for `[@o'brien2020]` with vancouver.csl (`-t html --wrap=none`): its id's `'` escaped.
PANDOC_HTML = ('<p>Risk<span class="citation" data-cites="o&#39;brien2020">(1)</span>.</p>\n'
               '<div id="refs" class="references csl-bib-body" role="list">\n'
               '<div id="ref-o&#39;brien2020" class="csl-entry" role="listitem">\n'
               '<div class="csl-left-margin">1. </div><div class="csl-right-inline">O’Brien A. A trial. 2020;</div>\n'
               '</div>\n</div>\n')


def test_a_citation_over_lines_and_an_escaped_id_are_compared(tmp_path):
    site, output = tmp_path / "site", tmp_path / "output"
    (site / "Content" / "bibliography").mkdir(parents=True)
    (site / "Content" / "a.md").write_text("Risk [@o'brien2020].\n")
    (site / "Content" / "bibliography" / "refs.json").write_text("[]\n")
    (output / "a").mkdir(parents=True)
    # A citation sitegen writes over two lines (an affix with a line break), and the entry under sitegen's id.
    (output / "a" / "index.html").write_text(
        '<p>Risk<sup class="citation" id="cite-1"><a href="#ref-o-brien2020">1</a>\n</sup>.</p>\n'
        '<ol><li id="ref-o-brien2020">O’Brien A. A trial. 2020;</li></ol>\n')
    pandoc = tmp_path / "pandoc"
    pandoc.write_text("#!/bin/sh\ncat <<'END'\n" + PANDOC_HTML + "END\n")
    pandoc.chmod(0o755)
    article, problems = compare.compare(str(pandoc), str(site), str(output), "vancouver.csl", "a", numeric=True)
    assert (article, problems) == ("a", [])
