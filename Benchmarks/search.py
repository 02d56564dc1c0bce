#!/usr/bin/env python3
"""What search costs and what a query moves: a corpus built with and without search, and queries typed into the
built site in headless Chromium.

    swift build -c release --product sitegen
    python3 Benchmarks/corpus.py 10000 /var/tmp/sitegen-bench/corpus-10000
    python3 Benchmarks/search.py /var/tmp/sitegen-bench/corpus-10000 [--runs 3] [--queries 10] [--server nginx] [--compare OTHER-BINARY]

Build: the corpus's site built alternately with its sitegen.yml and with `search: false` added (a second site folder
whose Content/ links to the first's), each over its previous output; medians of wall time and peak RSS, and the
fastest run and least CPU time of each (the runs least disturbed on a shared machine).
Index: the bytes of search/ against the bytes of the site's HTML.
Queries: three-word queries made of words of the corpus's titles, each typed one character at a time into the
search page's box on a cold page (a fresh load with the browser cache cleared), each keystroke as soon as the one before
shows its results (or, with --pace, no sooner than that many ms after it); for each keystroke the time until the
results (or "no answers") are on the page, and the bytes of search/ files fetched for the whole query. The site is
served by Python's http.server, or with --server nginx by nginx, as a static host would; --runs 0 times the queries
alone, on the output an earlier run left. With --compare OTHER-BINARY each run also builds both sites with that binary
(into output folders of its own), right after this one's, so that a change's effect on search's cost is read from
builds that ran side by side.
"""

import argparse
import functools
import http.server
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "Tests", "Browser"))


def timed(command):
    result = subprocess.run(["/usr/bin/time", "-f", "TIME %e %M %U %S", *command], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines = [line for line in result.stderr.splitlines() if line.startswith("TIME ")]
    if result.returncode != 0 or not lines:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
    wall, rss, user, system = lines[-1].split()[1:]
    return float(wall), int(rss) / 1024, float(user) + float(system)


def size_of(folder, suffix=None):
    total = 0
    for root, _, files in os.walk(folder):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files if suffix is None or f.endswith(suffix))
    return total


TYPE_QUERY = """
const query = arguments[0], pace = arguments[1], done = arguments[arguments.length - 1];
const input = document.getElementById("search-page-query");
const panel = document.getElementById("search-page-query-results"), status = panel.querySelector(".search-status");
const times = [], kinds = [];
let typed = "";
function next() {
  if (typed.length === query.length) {
    const bytes = performance.getEntriesByType("resource").filter(e => e.name.includes("/search/"))
      .reduce((sum, e) => sum + e.encodedBodySize, 0);
    done({times, kinds, bytes, status: status.textContent, first: (panel.querySelector(".search-list a") || {}).textContent || ""});
    return;
  }
  typed += query[typed.length];
  const before = status.textContent + "|" + panel.querySelector(".search-list").innerHTML.length;
  const start = performance.now();
  input.focus();
  input.value = typed;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  // Done when the status names this text (results or none), or after a second for a keystroke that changes nothing.
  const wanted = typed.trim();
  (function poll() {
    const text = status.textContent;
    if (text.includes("\\u201c" + wanted + "\\u201d") || performance.now() - start > 1000) {
      times.push(performance.now() - start);
      // What the keystroke fetched: "t" for a fragment, "d" for records, both in the order of their rounds.
      const fetched = performance.getEntriesByType("resource").filter(e => e.startTime >= start && e.name.includes("/search/"))
        .map(e => e.name.includes("/search/t/") ? "t" : e.name.includes("/search/d/") ? "d" : "i");
      kinds.push([...new Set(fetched)].join("+") || "none");
      // The next keystroke as soon as this one's results show, or `pace` ms after this one, whichever is later.
      setTimeout(next, Math.max(0, pace - (performance.now() - start)));
    } else {
      requestAnimationFrame(poll);
    }
  })();
}
next();
"""


def report_builds(results, binary):
    wall = {n: statistics.median(r[0] for r in v) for n, v in results.items()}
    rss = {n: statistics.median(r[1] for r in v) for n, v in results.items()}
    print(f"\n{binary}:\nbuild with search {wall['with']:.2f} s, without {wall['without']:.2f} s: +{100 * (wall['with'] / wall['without'] - 1):.1f} %")
    # Each run's two builds ran one after the other: their ratio, and search's CPU time, moves less with the machine.
    pairs = list(zip(results["with"], results["without"]))
    print(f"per run: with / without search median +{100 * (statistics.median(w[0] / o[0] for w, o in pairs) - 1):.1f} %; "
          f"search's CPU time (user+sys with less without) median {statistics.median(w[2] - o[2] for w, o in pairs):.2f} s")
    # On a machine shared with others the fastest run is the one least disturbed.
    fastest = {n: min(r[0] for r in v) for n, v in results.items()}
    cpu = {n: min(r[2] for r in v) for n, v in results.items()}
    print(f"fastest build with search {fastest['with']:.2f} s, without {fastest['without']:.2f} s: "
          f"+{100 * (fastest['with'] / fastest['without'] - 1):.1f} %; least CPU (user+sys) {cpu['with']:.2f} s against "
          f"{cpu['without']:.2f} s: +{100 * (cpu['with'] / cpu['without'] - 1):.1f} %")
    print(f"peak RSS with search {rss['with']:.0f} MB, without {rss['without']:.0f} MB: +{rss['with'] - rss['without']:.0f} MB")


def serve(folder, kind):
    """A loopback server for the built site: its /search/ URL and how to stop it."""
    if kind == "python":
        from conftest import QuietHandler
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=folder))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{server.server_address[1]}/search/", server.shutdown
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(nginx):
        sys.exit("--server nginx: nginx is not installed (apt-get install nginx-light)")
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    work = tempfile.mkdtemp(prefix="search-nginx-")
    temp = " ".join(f"{name}_temp_path {work};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    with open(os.path.join(work, "nginx.conf"), "w") as conf:
        conf.write(f"daemon off; worker_processes 2; pid {work}/pid; error_log {work}/error.log;\n"
                   f"events {{ worker_connections 256; }}\n"
                   f"http {{ include /etc/nginx/mime.types; access_log off; {temp}\n"
                   f"  server {{ listen 127.0.0.1:{port}; root {folder}; }} }}\n")
    process = subprocess.Popen([nginx, "-c", os.path.join(work, "nginx.conf"), "-p", work])
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            threading.Event().wait(0.1)

    def stop():
        process.terminate()
        process.wait()
        shutil.rmtree(work, ignore_errors=True)
    return f"http://127.0.0.1:{port}/search/", stop


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="a corpus folder made by corpus.py")
    parser.add_argument("--sitegen", default=os.path.join(HERE, "..", ".build", "release", "sitegen"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--queries", type=int, default=10)
    parser.add_argument("--pace", type=int, default=0,
                        help="ms from one keystroke to the next at least (a person types one every 150 to 300 ms); 0: as soon as results show")
    parser.add_argument("--compare", metavar="OTHER-BINARY", help="also build with this sitegen, alternately (builds only)")
    parser.add_argument("--server", choices=["python", "nginx"], default="python",
                        help="what serves the built site to the browser: Python's http.server (HTTP/1.0, a thread per "
                             "request) or nginx on loopback (`apt-get install nginx-light`), as a static host would")
    args = parser.parse_args()
    corpus = os.path.abspath(args.corpus.rstrip("/"))
    site = os.path.join(corpus, "sitegen")
    plain = os.path.join(corpus, "sitegen-without-search")
    os.makedirs(plain, exist_ok=True)
    if not os.path.islink(os.path.join(plain, "Content")):
        os.symlink(os.path.join(site, "Content"), os.path.join(plain, "Content"))
    with open(os.path.join(site, "sitegen.yml")) as settings, open(os.path.join(plain, "sitegen.yml"), "w") as out:
        out.write(settings.read() + "\nsearch: false\n")
    outputs = {"with": corpus + "-search-out", "without": corpus + "-nosearch-out"}
    binaries = [os.path.abspath(args.sitegen)] + ([os.path.abspath(args.compare)] if args.compare else [])
    commands = [{name: [binary, "build", "--source", folder, "--output", outputs[name] + ("-compare" if number else "")]
                 for name, folder in (("with", site), ("without", plain))} for number, binary in enumerate(binaries)]
    if args.runs > 0 or not os.path.isdir(outputs["with"]):
        for each in commands:
            for command in each.values():
                timed(command)
    results = [{"with": [], "without": []} for _ in binaries]
    for run in range(args.runs):
        for each, result in zip(commands, results):
            for name in ("with", "without"):
                result[name].append(timed(each[name]))
        print(f"run {run + 1}: " + "; ".join(", ".join(f"{n} search {v[-1][0]:.2f} s ({v[-1][1]:.0f} MB)" for n, v in result.items())
                                             for result in results), flush=True)
    # `--runs 0`: the queries alone, on the output a previous run left (built once if there is none).
    if args.runs > 0:
        for binary, result in zip(binaries, results):
            report_builds(result, binary)
        if args.compare:
            return
    index, html = size_of(os.path.join(outputs["with"], "search")), size_of(outputs["with"], ".html")
    fragments = len(os.listdir(os.path.join(outputs["with"], "search", "t")))
    print(f"index {index:,} bytes ({fragments} fragments), HTML {html:,} bytes: {100 * index / html:.1f} %")

    from conftest import make_driver
    url, stop = serve(outputs["with"], args.server)
    titles = []
    for root, _, files in os.walk(os.path.join(site, "Content")):
        for f in files:
            if f.endswith(".md") and len(titles) < 2000:
                with open(os.path.join(root, f)) as text:
                    match = re.search(r'^title: "?(.*?)"?$', text.read(600), re.M)
                    if match:
                        titles.append(match.group(1))
    words = sorted({w.lower() for t in titles for w in re.findall(r"[A-Za-z]{4,}", t)})
    chooser = random.Random(7)
    driver = make_driver()
    driver.set_script_timeout(60)
    firsts, laters, fetched = [], [], []
    by_kind, slowest = {}, []
    try:
        # The browser itself started a moment ago: one page of the site first, so that the first query does not pay
        # for the browser's own start (each query's page is still cold: the cache is cleared before it).
        driver.get(url.replace("/search/", "/"))
        for number in range(args.queries):
            query = " ".join(chooser.sample(words, 3))
            driver.execute_cdp_cmd("Network.clearBrowserCache", {})
            driver.get(url)
            outcome = driver.execute_async_script(TYPE_QUERY, query, args.pace)
            times = outcome["times"]
            firsts.append(times[0])
            laters += times[1:]
            for typed, (kind, time) in enumerate(zip(outcome["kinds"][1:], times[1:]), 2):
                by_kind.setdefault(kind, []).append(time)
                slowest.append((time, query[:typed], kind))
            fetched.append(outcome["bytes"])
            print(f"{query!r}: first keystroke {times[0]:.0f} ms, later ones median {statistics.median(times[1:]):.0f} ms "
                  f"max {max(times[1:]):.0f} ms, {outcome['bytes']:,} bytes; {outcome['status']!r} first: {outcome['first']!r}", flush=True)
    finally:
        driver.quit()
        stop()
    print(f"\nqueries: first keystroke (cold page) median {statistics.median(firsts):.0f} ms, max {max(firsts):.0f} ms; "
          f"later keystrokes median {statistics.median(laters):.0f} ms, max {max(laters):.0f} ms "
          f"({sum(t > 50 for t in laters)} of {len(laters)} over 50 ms); "
          f"bytes fetched per query median {statistics.median(fetched):,.0f}, max {max(fetched):,}")
    # A later keystroke by what it fetched (t: a fragment, d: records, t+d: a fragment, then records).
    for kind, times in sorted(by_kind.items()):
        print(f"  later keystrokes fetching {kind}: {len(times)}, median {statistics.median(times):.0f} ms, max {max(times):.0f} ms, "
              f"over 50 ms {sum(t > 50 for t in times)}")
    print("slowest later keystrokes: " + ", ".join(f"{typed!r} {kind} {time:.0f} ms" for time, typed, kind in sorted(slowest, reverse=True)[:5]))


if __name__ == "__main__":
    main()
