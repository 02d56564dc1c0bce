"""Pagination on a generated 200-article site: walking the home page's and a topic's pages forward and back
(by mouse and by keyboard), the pager's accessibility in both themes, 390 px wide, valid HTML; and the search page's
A to Z list by first letter, without JavaScript."""
import datetime
import pathlib
import tempfile

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import build, make_driver, serving
from test_quality import nu_check

COUNT, TOPICS, PER_PAGE = 200, ["Heart", "Lungs", "Skin"], 20


def reviewed(index):
    """Article 0 is the most recently reviewed; every date is different."""
    return (datetime.date(2026, 6, 30) - datetime.timedelta(days=index)).isoformat()


@pytest.fixture(scope="module")
def big_site():
    with tempfile.TemporaryDirectory(prefix="sitegen-pages-") as folder:
        root = pathlib.Path(folder)
        (root / "sitegen.yml").write_text("title: Many answers\nbaseURL: https://example.org/\n")
        for index in range(COUNT):
            topic = TOPICS[index % len(TOPICS)]
            path = root / "Content" / topic.lower() / f"q{index:03}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"---\ntitle: Question {index:03}?\nsummary: Answer {index:03}.\ntopic: {topic}\n"
                            f"reviewed: {reviewed(index)}\n---\nText of answer {index:03}.\n")
        output = root / "Output"
        build(root, output)
        yield output


@pytest.fixture(scope="module")
def big_url(big_site):
    with serving(big_site) as url:
        yield url


def titles(driver):
    return [link.text for link in driver.find_elements(By.CSS_SELECTOR, ".article-list h2 a")]


def pager_link(driver, rel):
    links = driver.find_elements(By.CSS_SELECTOR, f"nav.pagination a[rel='{rel}']")
    return links[0] if links else None


def walk(driver, start, follow):
    """Titles page by page from `start`, following the pager's `rel` link `follow` until there is none."""
    driver.get(start)
    pages = [titles(driver)]
    while (link := pager_link(driver, follow)) is not None:
        link.click()
        pages.append(titles(driver))
    return pages


@pytest.mark.parametrize("list_path, expected", [
    ("", [f"Question {index:03}?" for index in range(COUNT)]),
    ("topics/lungs/", [f"Question {index:03}?" for index in range(COUNT) if index % 3 == 1]),
])
def test_walking_forward_and_back_shows_every_answer_once_in_review_order(driver, big_url, list_path, expected):
    forward = walk(driver, big_url + list_path, "next")
    assert [title for page in forward for title in page] == expected
    assert all(len(page) == PER_PAGE for page in forward[:-1]) and 0 < len(forward[-1]) <= PER_PAGE
    last = driver.current_url
    assert last.endswith(f"{list_path}page/{len(forward)}/")
    backward = walk(driver, last, "prev")
    assert backward == forward[::-1]
    assert driver.current_url == big_url + list_path


def test_the_pager_works_from_the_keyboard_and_announces_the_current_page(driver, big_url):
    driver.get(big_url + "page/2/")
    current = driver.find_element(By.CSS_SELECTOR, "nav.pagination a[aria-current='page']")
    assert current.get_attribute("href").endswith("/page/2/") and "2" in current.text
    assert driver.find_element(By.CSS_SELECTOR, "nav.pagination").get_attribute("aria-label") == "Pages"
    assert "Page 2 of 10" in driver.find_element(By.CSS_SELECTOR, ".pagination-status").text
    body = driver.find_element(By.TAG_NAME, "body")
    for _ in range(200):
        body = driver.switch_to.active_element
        if body.get_attribute("rel") == "next":
            break
        body.send_keys(Keys.TAB)
    assert driver.switch_to.active_element.get_attribute("rel") == "next"
    outline = driver.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    assert driver.current_url.endswith("/page/3/")
    assert titles(driver)[0] == "Question 040?"


def test_page_one_sends_readers_to_the_first_page(driver, big_url):
    driver.get(big_url + "topics/heart/page/1/")
    assert driver.current_url == big_url + "topics/heart/"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_serious_or_critical_axe_violations_on_paginated_lists(driver, big_url, axe_script, theme):
    driver.execute_script("localStorage.setItem('sitegen-theme', arguments[0])", theme)
    failures = []
    for path in ["", "page/5/", "topics/skin/page/2/", "page/10/"]:
        driver.get(big_url + path)
        axe = Axe(driver, script_url=axe_script)
        axe.inject()
        results = axe.run(options={"runOnly": {"type": "tag", "values": [
            "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})
        failures += [f"{path}: {v['id']}" for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert failures == []


def test_the_pager_fits_390_px_at_the_largest_text_size(driver, big_url):
    driver.execute_script("localStorage.setItem('sitegen-text-size', 'largest')")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 390, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    for path in ["page/5/", "topics/heart/page/2/"]:
        driver.get(big_url + path)
        assert driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0, path
        for link in driver.find_elements(By.CSS_SELECTOR, "nav.pagination a"):
            assert link.size["width"] >= 24 and link.size["height"] >= 24


def test_every_page_of_the_big_site_is_valid_html_and_small(big_site):
    result = nu_check(big_site)
    assert result.returncode == 0, result.stdout + result.stderr
    sizes = {page.relative_to(big_site).as_posix(): page.stat().st_size for page in big_site.rglob("*.html")}
    assert max(sizes.values()) <= 40_000, max(sizes.items(), key=lambda item: item[1])
    assert (big_site / "feed.xml").read_text().count("<entry>") == 50


# Three questions for each of 20 first letters, and two that start with a digit: 62 questions, four pages A to Z.
LETTERS = "ABCDEFGHIJKLMNOPRSTW"


@pytest.fixture(scope="module")
def letters_site():
    with tempfile.TemporaryDirectory(prefix="sitegen-letters-") as folder:
        root = pathlib.Path(folder)
        (root / "sitegen.yml").write_text("title: Answers A to Z\nbaseURL: https://example.org/\n")
        titles = [f"{letter}{word} question {number}?" for letter in LETTERS for word, number in (("ble", 1), ("cre", 2), ("tte", 3))]
        for index, title in enumerate(titles + ["5 a day?", "2 doses?"]):
            (root / "Content").mkdir(exist_ok=True)
            (root / "Content" / f"q{index:03}.md").write_text(f"---\ntitle: {title}\nsummary: An answer.\n---\nText.\n")
        output = root / "Output"
        build(root, output)
        with serving(output) as url:
            yield output, url


def test_without_javascript_a_letter_leads_to_its_first_question(letters_site):
    output, url = letters_site
    driver = make_driver(javascript=False)
    try:
        driver.get(url + "search/")
        nav = driver.find_element(By.CSS_SELECTOR, "nav.letter-index")
        assert nav.get_attribute("aria-label") == "Questions by first letter"
        links = nav.find_elements(By.TAG_NAME, "a")
        # Each shows its letter; a screen reader hears the words before it too.
        assert [driver.execute_script("return arguments[0].lastChild.textContent", link) for link in links] == ["#"] + list(LETTERS)
        assert links[1].get_attribute("textContent") == "Questions starting with A"
        assert links[0].get_attribute("textContent") == "Questions starting with a digit or another character: #"
        assert links[1].find_element(By.CSS_SELECTOR, ".visually-hidden").size["width"] <= 1
        # From the keyboard: Tab to "M", Enter; its first question is on page 2 (20 a page, the two "#" first).
        for _ in range(100):
            if driver.switch_to.active_element.get_attribute("textContent") == "Questions starting with M":
                break
            driver.switch_to.active_element.send_keys(Keys.TAB)
        assert driver.execute_script("return getComputedStyle(document.activeElement).outlineStyle") != "none"
        driver.switch_to.active_element.send_keys(Keys.ENTER)
        assert driver.current_url == url + "search/page/2/#letter-m"
        target = driver.find_element(By.ID, "letter-m")
        assert target.text == "Mble question 1?"
        assert driver.execute_script(
            "const box = arguments[0].getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight", target)
        # Every letter's link, from any page, reaches a page that has its first question.
        for link in driver.find_elements(By.CSS_SELECTOR, "nav.letter-index a"):
            page, letter_id = link.get_attribute("href").removeprefix(url).split("#")
            html = (output / page / "index.html").read_text()
            assert f'id="{letter_id}"' in html, link.get_attribute("href")
    finally:
        driver.quit()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_letters_have_no_axe_violations_and_fit_390_px(driver, letters_site, axe_script, theme):
    output, url = letters_site
    driver.execute_script("localStorage.setItem('sitegen-theme', arguments[0]); localStorage.setItem('sitegen-text-size', 'largest')", theme)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 390, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    driver.get(url + "search/page/3/")
    assert driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    for link in driver.find_elements(By.CSS_SELECTOR, "nav.letter-index a"):
        assert link.size["width"] >= 24 and link.size["height"] >= 24
    axe = Axe(driver, script_url=axe_script)
    axe.inject()
    results = axe.run(options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})
    assert [f"{v['id']}: {v['nodes'][0]['target']}" for v in results["violations"]] == []


def test_the_a_to_z_pages_are_valid_html(letters_site):
    output, _ = letters_site
    result = nu_check(output / "search")
    assert result.returncode == 0, result.stdout + result.stderr
