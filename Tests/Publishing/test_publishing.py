"""Publishing: the Atom feed, the sitemap and robots.txt, a site served under a sub-path (GitHub Pages project
sites), the `sitegen check` and `sitegen new` commands, and the deploy workflow."""
import datetime
import functools
import html.parser
import http.server
import os
import pathlib
import re
import shlex
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest
import yaml

PACKAGE = pathlib.Path(__file__).resolve().parents[2]
SITEGEN = os.environ.get("SITEGEN", str(PACKAGE / ".build" / "debug" / "sitegen"))
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://user.github.io/repo/"


def sitegen(*arguments, cwd=None):
    return subprocess.run([SITEGEN, *arguments], capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The shipped site built for a GitHub Pages project site."""
    output = tmp_path_factory.mktemp("publish") / "Output"
    result = sitegen("build", "--source", str(PACKAGE), "--output", str(output), "--base-url", BASE)
    assert result.returncode == 0, result.stderr
    return output


def articles(site):
    return sorted(path for path in site.rglob("index.html")
                  if 'id="references"' in path.read_text(encoding="utf-8"))


def test_feed_is_atom_with_absolute_urls_newest_first(site):
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.tag == ATOM + "feed"
    for required in ("id", "title", "updated"):
        assert feed.find(ATOM + required).text
    links = {link.get("rel", "alternate"): link.get("href") for link in feed.findall(ATOM + "link")}
    assert links == {"alternate": BASE, "self": BASE + "feed.xml"}
    assert feed.find(ATOM + "author/" + ATOM + "name").text
    entries = feed.findall(ATOM + "entry")
    assert len(entries) == len(articles(site))
    dates = []
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.find(ATOM + required).text
        href = entry.find(ATOM + "link").get("href")
        assert href.startswith(BASE) and href == entry.find(ATOM + "id").text
        local = site / href[len(BASE):] / "index.html"
        assert local.is_file(), href
        dates.append(datetime.datetime.fromisoformat(entry.find(ATOM + "updated").text.replace("Z", "+00:00")))
        assert entry.find(ATOM + "summary").text
    assert dates == sorted(dates, reverse=True)
    assert feed.find(ATOM + "updated").text == entries[0].find(ATOM + "updated").text


def test_sitemap_lists_every_page_with_lastmod_from_reviewed(site):
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == SITEMAP + "urlset"
    locations = {}
    for url in root.findall(SITEMAP + "url"):
        location = url.find(SITEMAP + "loc").text
        assert location.startswith(BASE), location
        assert (site / location[len(BASE):] / "index.html").is_file(), location
        lastmod = url.find(SITEMAP + "lastmod")
        locations[location] = lastmod.text if lastmod is not None else None
    pages = {BASE + path.parent.relative_to(site).as_posix() + "/" for path in site.rglob("index.html")}
    pages = {page.replace("/./", "/") for page in pages}
    assert set(locations) == pages
    for page in articles(site):
        html_text = page.read_text(encoding="utf-8")
        reviewed = re.search(r'<time datetime="([0-9-]+)">', html_text).group(1)
        assert locations[BASE + page.parent.relative_to(site).as_posix() + "/"] == reviewed


def test_robots_names_the_sitemap(site):
    assert (site / "robots.txt").read_text().splitlines()[-1] == f"Sitemap: {BASE}sitemap.xml"


class LinkCollector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attributes):
        for name, value in attributes:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            if tag == "form" and name == "action" and value is not None:
                self.links.append(value)
            if name == "id":
                self.ids.add(value)


class PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder under /repo/ only, like GitHub Pages serves a project site."""
    prefix = "/repo/"

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return "/nonexistent-outside-the-site"
        return super().translate_path("/" + path[len(self.prefix):])


def test_site_served_under_a_sub_path_has_no_broken_link(site):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(PrefixHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        queue, seen, ids, checked = [origin + "/repo/"], set(), {}, 0
        fragments = []
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            try:
                with urllib.request.urlopen(url) as response:
                    body = response.read()
                    kind = response.headers.get("Content-Type", "")
            except urllib.error.HTTPError as error:
                pytest.fail(f"{url}: {error.code}")
            checked += 1
            if "html" not in kind:
                continue
            collector = LinkCollector()
            collector.feed(body.decode("utf-8"))
            ids[url] = collector.ids
            for link in collector.links:
                absolute = urllib.parse.urljoin(url, link)
                if absolute.startswith(BASE):
                    assert link.startswith(BASE), (url, link)  # canonical/feed URLs: the public address
                    continue
                if not absolute.startswith(origin):
                    continue
                target, _, fragment = absolute.partition("#")
                assert urllib.parse.urlparse(target).path.startswith("/repo/"), (url, link)
                queue.append(target)
                if fragment:
                    fragments.append((url, target, fragment))
        for page, target, fragment in fragments:
            assert fragment in ids.get(target, set()), (page, target, fragment)
        reached = {urllib.parse.urlparse(url).path for url in seen}
        for page in site.rglob("*.html"):
            relative = page.relative_to(site).as_posix()
            if relative != "404.html":
                assert "/repo/" + relative.removesuffix("index.html") in reached, relative
        assert checked == len(seen)
    finally:
        server.shutdown()


def test_check_passes_on_the_shipped_site():
    result = sitegen("check", "--source", str(PACKAGE))
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr


def test_check_reports_every_rule_and_fails(tmp_path):
    (tmp_path / "Content" / "bibliography").mkdir(parents=True)
    (tmp_path / "Content" / "a.md").write_text(
        "---\ntitle: A?\nreviewed: 2020-01-01\n---\nSee [b](../b/) and [gone](../gone/) [@used].\n")
    (tmp_path / "Content" / "bibliography" / "refs.yaml").write_text(
        "- id: used\n  type: book\n  title: Used\n  issued: {date-parts: [[2019]]}\n  URL: https://books.example.com/used\n"
        "- id: spare\n  type: book\n  title: Spare\n")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    result = sitegen("check", "--source", str(tmp_path), "--today", "2026-11-26")
    assert result.returncode == 1
    # Causes first: the settings, then the bibliographies, then the articles.
    assert result.stderr.splitlines() == [
        "sitegen.yml:1:1: error: no absolute baseURL: the feed, the sitemap, robots.txt and each page's canonical address get"
        " relative URLs, and the pages work only at the root of a host (not opened as files, nor in a folder such as"
        " https://user.github.io/repo/); set baseURL in sitegen.yml to the address the site is published at, or pass"
        " --base-url",
        "Content/bibliography/refs.yaml:6:3: warning: reference 'spare' is never cited",
        "Content/a.md:2:8: warning: no 'confidence', so the page shows readers no rating of the evidence behind this answer;"
        " add one: confidence: high, moderate or low (see \"Confidence levels\" in the README)",
        "Content/a.md:3:11: warning: last reviewed 2020-01-01, more than 12 months before 2026-11-26: due for review",
        "Content/a.md:5:9: error: broken link '../b/': the site has no page or file /b/index.html",
        "Content/a.md:5:27: error: broken link '../gone/': the site has no page or file /gone/index.html",
    ]
    assert "3 errors, 3 warnings" in result.stdout
    assert "checked once" not in result.stdout
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before  # check writes nothing
    # An error in the build (a key misspelt) leaves the links unchecked, and the summary says so.
    (tmp_path / "Content" / "a.md").write_text(
        "---\ntitle: A?\nreviewed: 2020-01-01\n---\nSee [b](../b/) and [gone](../gone/) [@usde].\n")
    result = sitegen("check", "--source", str(tmp_path), "--today", "2026-11-26")
    assert result.returncode == 1
    assert "broken link" not in result.stderr and "unknown citation key 'usde'" in result.stderr
    assert ("; links, unused references, review dates and the evidence (retracted sources, uncited paragraphs, identifiers,"
            " publication dates) are checked once the build has no errors") in result.stdout
    (tmp_path / "Content" / "a.md").write_text("---\ntitle: A?\nreviewed: 2026-11-01\n---\nSee [@used].\n")
    (tmp_path / "sitegen.yml").write_text("baseURL: https://example.org/\n")
    result = sitegen("check", "--source", str(tmp_path), "--today", "2026-11-26")
    assert result.returncode == 0, result.stderr
    result = sitegen("check", "--source", str(tmp_path), "--today", "2026-11-26", "--warnings-as-errors")
    assert result.returncode == 1
    # A negative age is told to be positive, not read as an option.
    result = sitegen("check", "--source", str(tmp_path), "--review-age", "-3")
    assert result.returncode == 64 and "Error: --review-age must be a positive number of months" in result.stderr, result.stderr


def test_today_moves_the_check_of_a_review_date_in_the_future(tmp_path):
    # Every check that compares a date with today takes --today's day: a review date after the day after it is in the
    # future; on the day before the date, or after it, it is not.
    (tmp_path / "Content").mkdir()
    (tmp_path / "Content" / "a.md").write_text("---\ntitle: A?\nconfidence: high\nreviewed: 2027-03-01\n---\nText.\n")
    (tmp_path / "sitegen.yml").write_text("baseURL: https://answers.example.org/\ncheck: {uncited: off}\n")
    for today in ["2026-06-01", "2027-02-20"]:
        result = sitegen("check", "--source", str(tmp_path), "--today", today)
        assert "Content/a.md:4:11: warning: 'reviewed' is a date in the future (2027-03-01)" in result.stderr, (today, result.stderr)
    for today in ["2027-02-28", "2027-06-01"]:
        result = sitegen("check", "--source", str(tmp_path), "--today", today)
        assert "in the future" not in result.stderr, (today, result.stderr)
        assert result.returncode == 0, result.stderr


def test_new_writes_a_draft_that_builds_and_refuses_to_overwrite(tmp_path):
    (tmp_path / "Content").mkdir()
    result = sitegen("new", "Can I drink coffee while pregnant?", "--topic", "Women's health", "--source", str(tmp_path))
    assert result.returncode == 0, result.stderr
    path = tmp_path / "Content" / "women-s-health" / "can-i-drink-coffee-while-pregnant.md"
    text = path.read_text()
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    assert f"reviewed: {today}\n" in text and "draft: true\n" in text
    build = sitegen("build", "--source", str(tmp_path), "--drafts")
    assert build.returncode == 0, build.stderr
    assert (tmp_path / "Output" / "women-s-health" / "can-i-drink-coffee-while-pregnant" / "index.html").is_file()
    path.write_text("edited")
    again = sitegen("new", "Can I drink coffee while pregnant?", "--topic", "Women's health", "--source", str(tmp_path))
    assert again.returncode == 1
    assert again.stderr.strip() == \
        "Content/women-s-health/can-i-drink-coffee-while-pregnant.md:1:1: error: already exists, and was left as it was:" \
        " edit it, or word the question otherwise for an article of its own"
    assert path.read_text() == "edited"


def test_deploy_workflow_tests_builds_and_publishes_with_the_pages_actions(tmp_path):
    workflow = yaml.safe_load((PACKAGE / ".github" / "workflows" / "deploy.yml").read_text())
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"
    build = workflow["jobs"]["build"]
    steps = build["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    assert "actions/configure-pages" in uses and "actions/upload-pages-artifact" in uses
    upload = steps[uses.index("actions/upload-pages-artifact")]
    assert upload["with"]["path"] == "Output"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    runs = [step["run"] for step in steps if "run" in step]
    script = "\n".join(runs)
    assert "apt-get install" in script and "libcmark-dev" in script
    assert "bash Tests/run" in runs  # the README's test command
    assert any("swift build -c release --static-swift-stdlib" in run for run in runs)
    # Run the workflow's own site-build command, with this build of sitegen and a Pages base URL.
    command = next(run for run in runs if "sitegen build" in run)
    command = command.replace('${{ steps.pages.outputs.base_url }}', "https://user.github.io/repo")
    arguments = shlex.split(command)
    assert arguments[0] == ".build/release/sitegen" and arguments[1] == "build"
    output = tmp_path / "Output"
    result = subprocess.run([SITEGEN, *arguments[1:], "--source", str(PACKAGE), "--output", str(output)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert '<link rel="canonical" href="https://user.github.io/repo/">' in (output / "index.html").read_text()
    # `check` runs before the build, with the same base URL: a broken link stops the deploy before anything is published.
    checks = [run for run in runs if "sitegen check" in run]
    assert len(checks) == 1 and runs.index(checks[0]) < runs.index(next(run for run in runs if "sitegen build" in run))
    check = shlex.split(checks[0].replace('${{ steps.pages.outputs.base_url }}', "https://user.github.io/repo"))
    assert check[0] == ".build/release/sitegen" and check[2:] == arguments[2:]
    result = subprocess.run([SITEGEN, *check[1:], "--source", str(PACKAGE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr + result.stdout
