"""The shipped site in an author-date style (`citation-style: apa`): its citations reach their references and
back, preview on focus, and its pages stay valid and accessible in both themes."""
import pathlib
import shutil
import tempfile

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import PACKAGE, build, serving
from test_quality import nu_check

ARTICLE = "cardiology/statins-without-heart-disease/"


@pytest.fixture(scope="module")
def apa_dir():
    """The shipped Content/ and sitegen.yml with `citation-style: apa`, built into a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="sitegen-apa-") as folder:
        source = pathlib.Path(folder) / "site"
        shutil.copytree(PACKAGE / "Content", source / "Content")
        settings = (PACKAGE / "sitegen.yml").read_text(encoding="utf-8")
        (source / "sitegen.yml").write_text(settings + "\ncitation-style: apa\n", encoding="utf-8")
        output = pathlib.Path(folder) / "Output"
        build(source, output)
        yield output


@pytest.fixture(scope="module")
def apa_url(apa_dir):
    with serving(apa_dir) as url:
        yield url


def test_author_date_citations_reach_their_references_and_back(driver, apa_url):
    driver.get(apa_url + ARTICLE)
    citations = driver.find_elements(By.CSS_SELECTOR, "span.citation")
    assert citations, "no author-date citation on the page"
    assert driver.find_elements(By.CSS_SELECTOR, "sup.citation") == []
    first = citations[0]
    assert first.text.startswith("(") and first.text.endswith(")") and "20" in first.text
    references = driver.find_elements(By.CSS_SELECTOR, "#references ol.unnumbered > li")
    assert len(references) >= 5
    assert driver.execute_script("return getComputedStyle(arguments[0]).listStyleType", references[0]) == "none"
    names = [item.text for item in references]
    # APA sorts by author, then year, with punctuation left out of the keys.
    def key(text):
        return "".join(c for c in text.lower() if c.isalnum() or c == " ")
    assert names == sorted(names, key=key), "the references are not in APA's alphabetical order"
    link = first.find_element(By.TAG_NAME, "a")
    target = link.get_attribute("href").split("#", 1)[1]
    link.click()
    WebDriverWait(driver, 5).until(lambda d: d.current_url.endswith("#" + target))
    entry = driver.find_element(By.ID, target)
    back = [a for a in entry.find_elements(By.CSS_SELECTOR, ".backlinks a")
            if a.get_attribute("href").endswith("#" + first.get_attribute("id"))]
    assert back, "the reference has no link back to the citation that was clicked"
    back[0].click()
    WebDriverWait(driver, 5).until(lambda d: d.current_url.endswith("#" + first.get_attribute("id")))


def test_author_date_citation_preview_on_focus(driver, apa_url):
    driver.get(apa_url + ARTICLE)
    link = driver.find_elements(By.CSS_SELECTOR, "span.citation a")[0]
    entry_text = driver.find_element(By.ID, link.get_attribute("href").split("#", 1)[1]).text
    driver.execute_script("arguments[0].focus()", link)
    preview = driver.find_element(By.ID, "citation-preview")
    assert link.get_attribute("aria-describedby") == "citation-preview"
    assert entry_text.split(".")[0] in preview.text


def test_author_date_pages_are_valid_html(apa_dir):
    result = nu_check(apa_dir)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_author_date_article_has_no_serious_axe_violations(driver, apa_url, axe_script, theme):
    driver.execute_script("localStorage.setItem('sitegen-theme', arguments[0])", theme)
    driver.get(apa_url + ARTICLE)
    axe = Axe(driver, script_url=axe_script)
    axe.inject()
    results = axe.run(options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})
    serious = [f"{v['id']} {[n['target'] for n in v['nodes']][:3]}" for v in results["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert results["passes"]
