#!/usr/bin/env python3
"""Save-to-DOM latency of `sitegen serve` as a reader sees it: opens an article of a copy of a site in Debian's
headless chromium, scrolls to about its middle, then N times inserts a unique marker into a paragraph in view
and measures the time from just before the file is written (wall clock, ms) until the page's DOM holds the
change, by the page's own clock (performance.timeOrigin + performance.now()): when a MutationObserver first
sees the marker if the page patched itself, or the new document's DOMContentLoaded end if it reloaded.
Also tells whether scrollY stayed (within 3 px, 250 ms after the change). Prints the median, the 90th
percentile and how many runs kept the scroll position.

    python3 Benchmarks/serve-dom-latency.py [--sitegen .build/release/sitegen] [--site .] [--runs 20]
        [--article Content/topic/slug.md] [--rename]
"""
import argparse
import os
import pathlib
import random
import re
import statistics
import subprocess
import tempfile
import time

from serving import copy_site, first_article, start_serve

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

# Notes when the marker first shows in the DOM; survives only as long as the document does.
PROBE = """
if (!window.__domProbe) {
  window.__domProbe = new MutationObserver(function () {
    var marker = window.__marker;
    if (marker && window.__seen === undefined && document.body && document.body.textContent.indexOf(marker) >= 0) {
      window.__seen = performance.timeOrigin + performance.now();
    }
  });
  window.__domProbe.observe(document, { subtree: true, childList: true, characterData: true });
}
window.__marker = arguments[0];
window.__seen = undefined;
"""

# [DOM time (ms since the epoch) or null, whether the probe survived, scrollY, readyState]
POLL = """
var marker = arguments[0];
if (!document.body || document.body.textContent.indexOf(marker) < 0) { return null; }
var seen = window.__seen;
if (!window.__domProbe) {
  var navigation = performance.getEntriesByType("navigation")[0];
  if (!navigation || !navigation.domContentLoadedEventEnd) { return null; }
  seen = performance.timeOrigin + navigation.domContentLoadedEventEnd;
}
return seen === undefined ? null : [seen, !!window.__domProbe, window.scrollY, document.readyState];
"""

# The texts of the article's paragraphs in view, nearest the middle of the window first.
VISIBLE = """
var middle = window.innerHeight / 2, found = [];
document.querySelectorAll("main p").forEach(function (p) {
  var box = p.getBoundingClientRect();
  if (box.bottom > 0 && box.top < window.innerHeight) { found.push([Math.abs((box.top + box.bottom) / 2 - middle), p.textContent]); }
});
found.sort(function (a, b) { return a[0] - b[0]; });
return found.map(function (entry) { return entry[1]; });
"""


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1000,900", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    return webdriver.Chrome(options=options, service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")))


def anchor_in(text, paragraphs):
    """Four words of a paragraph in view that the source has exactly once (as a regex over the source)."""
    for paragraph in paragraphs:
        words = paragraph.split()
        for start in range(len(words) - 3):
            run = words[start:start + 4]
            if not all(re.fullmatch(r"[A-Za-z]+", word) for word in run):
                continue
            pattern = re.compile(r"(?<![\w*_\[])" + r"\s+".join(run) + r"\b")
            if len(pattern.findall(text)) == 1:
                return pattern
    raise SystemExit("no paragraph in view has four plain words that the source has once; try --article")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sitegen", default=".build/release/sitegen")
    parser.add_argument("--site", default=".")
    parser.add_argument("--article", default=None, help="site-relative path of the article to edit")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=2, help="saves before the measured ones")
    parser.add_argument("--rename", action="store_true", help="save as editors do: a temporary file renamed over it")
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        site = pathlib.Path(folder) / "site"
        copy_site(pathlib.Path(arguments.site), site)
        article = first_article(site, arguments.article)
        page = article.relative_to(site / "Content").with_suffix("").as_posix() + "/"
        log = pathlib.Path(folder) / "serve.log"
        server, port = start_serve(arguments.sitegen, site, log)
        driver = None
        results = []
        try:
            driver = make_driver()
            driver.get(f"http://127.0.0.1:{port}/{page}")
            driver.execute_script("window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2)")
            time.sleep(0.3)
            original = article.read_text()
            pattern = anchor_in(original, driver.execute_script(VISIBLE))
            tag = f"{random.randrange(16 ** 6):06x}"
            for run in range(arguments.warmup + arguments.runs):
                marker = f"sitegenedit{tag}n{run}"
                edited = pattern.sub(lambda match: f"{marker} {match.group(0)}", original, count=1)
                loaded_by = time.time() + 10
                while driver.execute_script("return document.readyState") != "complete" and time.time() < loaded_by:
                    time.sleep(0.01)
                driver.execute_script(PROBE, marker)
                scroll_before = driver.execute_script("return window.scrollY")
                if arguments.rename:
                    temporary = article.with_name("." + article.name + ".tmp")
                    temporary.write_text(edited)
                    saved = time.time() * 1000
                    temporary.rename(article)
                else:
                    saved = time.time() * 1000
                    article.write_text(edited)
                deadline = time.time() + 10
                found = None
                while found is None and time.time() < deadline:
                    time.sleep(0.02)
                    found = driver.execute_script(POLL, marker)
                if found is None:
                    raise SystemExit(f"run {run}: the page did not show the edit within 10 s; the server said:\n"
                                     + "\n".join(log.read_text().splitlines()[-5:]))
                time.sleep(0.25)
                scroll_after = driver.execute_script("return window.scrollY")
                if run >= arguments.warmup:
                    results.append((found[0] - saved, found[1], scroll_before, scroll_after))
                    latency, in_place, _, _ = results[-1]
                    print(f"run {len(results):2}: save→DOM {latency:6.1f} ms, {'in place' if in_place else 'reloaded'}, "
                          f"scrollY {scroll_before:.0f} → {scroll_after:.0f}"
                          f" ({'kept' if abs(scroll_after - scroll_before) <= 3 else 'lost'})", flush=True)
                time.sleep(0.2)
        finally:
            if driver:
                driver.quit()
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
    samples = sorted(result[0] for result in results)
    kept = sum(1 for result in results if abs(result[3] - result[2]) <= 3)
    in_place = sum(1 for result in results if result[1])
    print(f"{len(samples)} saves of {article.relative_to(site)}: save→DOM median {statistics.median(samples):.1f} ms, "
          f"p90 {samples[int(len(samples) * 0.9) - 1]:.1f} ms, min {samples[0]:.1f} ms, max {samples[-1]:.1f} ms; "
          f"scroll kept {kept}/{len(samples)}; in place {in_place}/{len(samples)}")


if __name__ == "__main__":
    main()
