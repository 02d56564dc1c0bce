"""Browser tests: the shipped site, built by sitegen, served on loopback and driven in Debian's chromium."""
import contextlib
import functools
import http.server
import importlib.util
import os
import pathlib
import subprocess
import tempfile
import threading

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

PACKAGE = pathlib.Path(__file__).resolve().parents[2]
SCREENSHOTS = pathlib.Path(__file__).resolve().parent / "screenshots"
# A retracted source as a .bib holds it, with PubMed's retraction note (Wakefield 1998, retracted in 2010).
RETRACTED_BIB = (
    "@article{wakefield1998, author={Wakefield, A. J.}, title={Ileal-lymphoid-nodular hyperplasia}, journal={Lancet},\n"
    "  year={1998}, volume={351}, pages={637--641}, doi={10.1016/S0140-6736(97)11096-0},\n"
    "  note={Retraction in: Lancet. 2010;375(9713):445. doi: 10.1016/S0140-6736(10)60175-4. PMID: 20137807}}\n"
)


def sitegen_binary():
    """The sitegen to test: $SITEGEN, else the debug build `Tests/run` made."""
    return os.environ.get("SITEGEN", str(PACKAGE / ".build" / "debug" / "sitegen"))


def build(source, output):
    """Builds the site in `source` into `output` with the sitegen under test; the test fails on an error."""
    result = subprocess.run([sitegen_binary(), "build", "--source", str(source), "--output", str(output)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(folder):
    """A loopback HTTP server for a built site (absolute /assets/ paths need a server, not file://): its URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_dir():
    """The shipped site (Content/, sitegen.yml) built into a fresh temporary folder."""
    with tempfile.TemporaryDirectory(prefix="sitegen-browser-") as folder:
        output = pathlib.Path(folder) / "Output"
        result = build(PACKAGE, output)
        assert "warning" not in result.stderr, result.stderr
        yield output


@pytest.fixture(scope="session")
def base_url(site_dir):
    with serving(site_dir) as url:
        yield url


def make_driver(width=1000, height=900, javascript=True):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={width},{height}", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(options=options, service=service)


@pytest.fixture(scope="session")
def browser():
    driver = make_driver()
    yield driver
    driver.quit()


@pytest.fixture
def driver(browser, base_url):
    """The shared browser with a clean slate: no stored choices, no emulated media, desktop size."""
    browser.get(base_url)
    browser.execute_script("localStorage.clear()")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 1000, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    browser.get_log("browser")  # drop what earlier tests logged
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture(scope="session")
def pages(site_dir):
    """Every HTML page of the built site, as URL paths."""
    paths = []
    for file in sorted(site_dir.rglob("*.html")):
        relative = file.relative_to(site_dir).as_posix()
        paths.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return paths


@pytest.fixture(scope="session")
def article_paths(site_dir):
    """URL paths of the article pages (those with a references section)."""
    found = []
    for file in sorted(site_dir.rglob("index.html")):
        if 'id="references"' in file.read_text(encoding="utf-8"):
            found.append(file.parent.relative_to(site_dir).as_posix() + "/")
    assert len(found) >= 6
    return found


@pytest.fixture(scope="session")
def axe_script():
    """axe-core 4.x: the copy inside the axe-playwright-python wheel (installed with --no-deps; only its
    axe.min.js is used, by axe-selenium-python, whose own bundled axe-core 3.1 predates WCAG 2.2)."""
    spec = importlib.util.find_spec("axe_playwright_python")
    assert spec and spec.submodule_search_locations, "pip install --no-deps axe-playwright-python"
    script = pathlib.Path(list(spec.submodule_search_locations)[0]) / "axe.min.js"
    assert script.read_text(encoding="utf-8", errors="replace")[:20].startswith("/*! axe v4.")
    return str(script)
