"""Untrusted content stays inert: a site built from hostile front matter, Markdown and bibliography values (raw
HTML off) holds no script of its own, no event-handler attribute and no `javascript:`-like URL on any page."""
import html.parser
import json
import os
import pathlib
import re
import subprocess
import urllib.parse
import xml.etree.ElementTree as ET

import pytest
import yaml

PACKAGE = pathlib.Path(__file__).resolve().parents[2]
SITEGEN = os.environ.get("SITEGEN", str(PACKAGE / ".build" / "debug" / "sitegen"))

# Known XSS payloads, in the forms that reach HTML text, attribute values and URLs.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "' onmouseover='alert(1)",
    "\"\u0301 onfocus=alert(1) autofocus x=\"\u0301",
    "</script><script>alert(1)</script>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "javascript:alert(1)",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<!--<script>alert(1)</script>-->",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "\u2028</script>\u2029<script>alert(1)</script>",
    "{{{site}}}{{#site}}<script>alert(1)</script>{{/site}}",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<body onload=alert(1)>",
    "<base href=\"javascript:alert(1)//\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
]

# Markdown that tries to produce a script, a handler or a dangerous link through cmark.
MARKDOWN = """
[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](<javascript:alert(1)>) [d](vbscript:msgbox(1))
[e](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [f](java&#x09;script:alert(1))
[g](&#106;avascript:alert(1)) [h](\\javascript:alert(1)) ![i](javascript:alert(1)) <javascript:alert(1)>
[j][ref] [k](file:///etc/passwd)

[ref]: javascript:alert(1)

<script>alert(1)</script>

<img src=x onerror=alert(1)>

<a href="javascript:alert(1)">raw link</a> <span onclick="alert(1)">raw span</span>

```html
<script>alert(1)</script>
```

Text `<script>alert(1)</script>` and *<b onmouseover=alert(1)>b</b>* and [@hostile; see <img src=x onerror=alert(1)> @hostile2, p. <script>alert(1)</script>].
"""

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "srcset", "ping"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "svg", "math", "style"}


def dangerous_url(value):
    """What a browser would run: strip what the URL parser strips, then look at the scheme."""
    value = re.sub(r"[\t\n\r]", "", value).lstrip("".join(chr(c) for c in range(0x21)))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", value)
    if not match:
        return False
    scheme = match.group(1).lower()
    if scheme == "data":
        return not re.match(r"data:image/(png|gif|jpeg|webp);", value, re.I)
    return scheme not in {"http", "https", "mailto"}


class Inspector(html.parser.HTMLParser):
    def __init__(self, allowed_inline_scripts):
        super().__init__(convert_charrefs=True)
        self.allowed = allowed_inline_scripts
        self.problems = []
        self.script = None
        self.inline_scripts = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler <{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value and dangerous_url(value):
                self.problems.append(f"dangerous URL <{tag} {name}={value!r}>")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"element <{tag}>")
        # The only form is the built-in search box: a GET to the site's own search page.
        if tag == "form" and (names.get("method", "get").lower() != "get" or not names.get("action", "").endswith("search/")
                              or urllib.parse.urlparse(names["action"]).scheme):
            self.problems.append(f"form {names!r}")
        if tag == "meta" and "http-equiv" in names:
            self.problems.append(f"<meta http-equiv={names['http-equiv']!r}>")
        if tag == "script":
            self.script = (names, [])

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self.script is not None:
            self.script[1].append(data)

    def handle_endtag(self, tag):
        if tag != "script" or self.script is None:
            return
        names, parts = self.script
        text = "".join(parts)
        self.script = None
        if names.get("type") == "application/ld+json":
            if "<" in text:
                self.problems.append("JSON-LD holds a '<'")
            json.loads(text)
        elif "src" in names:
            if not names["src"].endswith(("assets/sitegen.js", "assets/search.js")) or text.strip():
                self.problems.append(f"script src={names['src']!r}")
        else:
            self.inline_scripts.append(text)
            if self.allowed is not None and text not in self.allowed:
                self.problems.append(f"inline script {text[:80]!r}")


def inspect(site, allowed_inline_scripts):
    problems, scripts = [], set()
    for page in sorted(site.rglob("*.html")):
        inspector = Inspector(allowed_inline_scripts)
        inspector.feed(page.read_text(encoding="utf-8"))
        inspector.close()
        problems += [f"{page.relative_to(site)}: {problem}" for problem in inspector.problems]
        scripts.update(inspector.inline_scripts)
    for xml in ("feed.xml", "sitemap.xml"):
        if (site / xml).exists():
            root = ET.parse(site / xml).getroot()
            tags = {element.tag.split("}")[-1] for element in root.iter()}
            unexpected = tags - {"feed", "id", "title", "subtitle", "updated", "link", "author", "name", "entry",
                                 "summary", "published", "category", "urlset", "url", "loc", "lastmod", "generator"}
            if unexpected:
                problems.append(f"{xml}: elements {sorted(unexpected)}")
    return problems, scripts


def write(root, path, text):
    file = root / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")


def build(root):
    result = subprocess.run([SITEGEN, "build", "--source", str(root)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return root / "Output"


def hostile_site(root):
    write(root, "sitegen.yml", yaml.safe_dump({
        "title": PAYLOADS[0], "description": PAYLOADS[2], "baseURL": "https://example.org/", "language": "en",
        "extra": {"author": PAYLOADS[3]}}))
    references = []
    for index, payload in enumerate(PAYLOADS):
        references.append({
            "id": f"hostile{index if index else ''}", "type": "article-journal", "title": payload,
            "container-title": payload, "author": [{"family": payload, "given": payload}],
            "issued": {"date-parts": [[2020]]}, "URL": "javascript:alert(1)" if index % 2 else " JAVASCRIPT:alert(1)",
            "DOI": payload if index % 3 == 0 else None, "PMCID": payload, "PMID": payload, "page": payload,
            "volume": payload,
        })
    references = [{k: v for k, v in item.items() if v is not None} for item in references]
    write(root, "Content/bibliography/hostile.json", json.dumps(references))
    write(root, "Content/bibliography/hostile.bib", "\n".join(
        f"@article{{bib{index}, title={{{payload}}}, author={{{payload} and Doe, J}}, journal={{{payload}}},"
        f" year={{2021}}, url={{javascript:alert({index})}}, doi={{10.1/{payload}}}}}"
        for index, payload in enumerate(PAYLOADS) if "{" not in payload and "}" not in payload))
    bib_keys = [f"@bib{index}" for index, payload in enumerate(PAYLOADS) if "{" not in payload and "}" not in payload]
    for index, payload in enumerate(PAYLOADS):
        matter = {
            "title": payload, "summary": payload, "topic": payload, "confidence": "high", "reviewed": "2026-01-01",
            "tags": [payload, "x"], "questions": [payload], "extra": {"custom": payload},
            "references": [{"id": "inline", "type": "webpage", "title": payload, "URL": "javascript:alert(2)",
                            "author": [{"literal": payload}]}],
        }
        body = f"{payload}\n\n{MARKDOWN}\n\nCited [@hostile{index if index else ''}] and [@inline] and [{'; '.join(bib_keys)}].\n"
        write(root, f"Content/hostile/page-{index}.md", "---\n" + yaml.safe_dump(matter, allow_unicode=True) + "---\n" + body)


@pytest.fixture(scope="module")
def baseline_scripts(tmp_path_factory):
    root = tmp_path_factory.mktemp("clean")
    write(root, "Content/a.md", "---\ntitle: A\nsummary: S\ntopic: T\n---\nText.\n")
    problems, scripts = inspect(build(root), None)
    assert problems == []
    assert scripts, "the built-in pages have the theme boot script"
    return scripts


def test_hostile_content_stays_inert(tmp_path, baseline_scripts):
    hostile_site(tmp_path)
    site = build(tmp_path)
    pages = list(site.rglob("*.html"))
    assert len(pages) >= len(PAYLOADS) + 3
    problems, _ = inspect(site, baseline_scripts)
    assert problems == []
    # The payloads are there, as text.
    page = (site / "hostile" / "page-0" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_inspector_catches_each_kind_of_hole(tmp_path, baseline_scripts):
    """The check itself must fail on a page with a script, a handler or a javascript: link."""
    for hole in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=' javascript:alert(1)'>x</a>",
                 "<a href='java\tscript:alert(1)'>x</a>", "<iframe src=x></iframe>",
                 "<script type='application/ld+json'>{\"a\": \"</script>\"}</script>",
                 "<form action='https://evil.example/search/'><input name=q></form>",
                 "<form method='post' action='/search/'><input name=q></form>", "<form><input name=q></form>",
                 "<script src='/assets/other.js'></script>"):
        site = tmp_path / str(abs(hash(hole)))
        site.mkdir()
        (site / "index.html").write_text(f"<!DOCTYPE html><html><body>{hole}</body></html>")
        try:
            problems, _ = inspect(site, baseline_scripts)
        except json.JSONDecodeError:
            problems = ["invalid JSON-LD"]
        assert problems, hole
