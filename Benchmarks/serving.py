"""What the serve benchmarks share: a copy of a site to edit, its first article, and `sitegen serve` started
on a free loopback port."""
import pathlib
import shutil
import socket
import subprocess
import time


def copy_site(source, site):
    """Copies a site's sources (not its output) into a new folder."""
    shutil.copytree(source / "Content", site / "Content")
    for optional in ("sitegen.yml", "Templates", "Public"):
        if (source / optional).is_dir():
            shutil.copytree(source / optional, site / optional)
        elif (source / optional).is_file():
            shutil.copy(source / optional, site / optional)


def first_article(site, chosen=None):
    """The article to edit: `chosen` (site-relative), or the first that is not an index page."""
    return site / (chosen or next(
        str(p.relative_to(site)) for p in sorted((site / "Content").rglob("*.md")) if p.name != "index.md"))


def start_serve(sitegen, site, log, seconds=120):
    """Starts `sitegen serve` on a free port, its stderr into `log`; returns the process and the port once it
    accepts connections (after its first build)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sitegen, "serve", "--source", str(site), "--port", str(port)], stderr=log.open("w"))
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server, port
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit(f"sitegen serve did not accept connections within {seconds} s; see {log}")
