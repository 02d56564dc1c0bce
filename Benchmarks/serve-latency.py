#!/usr/bin/env python3
"""Save-to-notification latency of `sitegen serve`: edits an article of a copy of a site N times and measures,
for each save, the time until the server's event stream announces the rebuilt page (sent only after the
new files are in place). Prints the median and the 90th percentile in milliseconds, and the median of the
rebuild times the server logs for those saves (the rebuild alone, without the watcher's quiet time).

    python3 Benchmarks/serve-latency.py [--sitegen .build/release/sitegen] [--site .] [--runs 30]
"""
import argparse
import pathlib
import re
import statistics
import tempfile
import time
import urllib.request

from serving import copy_site, first_article, start_serve


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sitegen", default=".build/release/sitegen")
    parser.add_argument("--site", default=".")
    parser.add_argument("--article", default=None, help="site-relative path of the article to edit")
    parser.add_argument("--runs", type=int, default=30)
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        site = pathlib.Path(folder) / "site"
        log = pathlib.Path(folder) / "serve.log"
        copy_site(pathlib.Path(arguments.site), site)
        article = first_article(site, arguments.article)
        server, port = start_serve(arguments.sitegen, site, log, seconds=60)
        try:
            events = urllib.request.urlopen(f"http://127.0.0.1:{port}/_sitegen/events", timeout=30)
            assert events.readline().startswith(b"event: hello")
            events.readline(), events.readline()
            original = article.read_text()
            samples = []
            for run in range(arguments.runs):
                started = time.perf_counter()
                article.write_text(original.replace("\n---\n", f"\n---\nEdit {run}.\n\n", 1))
                while True:
                    line = events.readline()
                    if line.startswith(b"event: reload") or line.startswith(b"event: failure"):
                        samples.append((time.perf_counter() - started) * 1000)
                        assert line.startswith(b"event: reload"), line
                        events.readline(), events.readline()
                        break
                time.sleep(0.15)
        finally:
            server.terminate()
            server.wait(timeout=10)
        # "Content/a.md: 1 article and 1 page re-rendered, 1 file written in 3 ms"
        rebuilds = sorted(int(match) for match in re.findall(
            r"^Content/.*written in (\d+) ms$", log.read_text(), re.MULTILINE))
    samples.sort()
    print(f"{len(samples)} saves of {article.relative_to(site)}: median {statistics.median(samples):.1f} ms, "
          f"p90 {samples[int(len(samples) * 0.9) - 1]:.1f} ms, min {samples[0]:.1f} ms, max {samples[-1]:.1f} ms")
    if rebuilds:
        print(f"{len(rebuilds)} rebuilds logged by the server: median {statistics.median(rebuilds):.0f} ms, "
              f"min {rebuilds[0]} ms, max {rebuilds[-1]} ms")


if __name__ == "__main__":
    main()
