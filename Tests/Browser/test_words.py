"""A German site's scripts (`language: de`, `words:` of Tests/SitegenKitTests/Fixtures/words/de.yml): what the search
box and the Mode and Text Size buttons say is the site's German, a count of results in its one or other form; on a
site that leaves a word out, what the scripts say in English is marked lang="en"."""
import pathlib
import tempfile

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import PACKAGE, build, make_driver, serving

GERMAN = (PACKAGE / "Tests" / "SitegenKitTests" / "Fixtures" / "words" / "de.yml").read_text(encoding="utf-8")

# Six answers say "Bewegung" (more than the five the box shows while the reader types), two "Wasser", one "Zucker".
ANSWERS = {
    "herz": ("Hilft Bewegung dem Herzen?", "high", "Bewegung stärkt das Herz."),
    "blutdruck": ("Blutdruck senken ohne Tabletten?", "moderate", "Bewegung und wenig Salz senken den Blutdruck."),
    "cremes": ("Cremes bei Neurodermitis?", "low", "Cremes helfen der Haut. Bewegung schadet nicht."),
    "schlaf": ("Schlaf und Bewegung?", "moderate", "Bewegung verbessert den Schlaf."),
    "ruecken": ("Rücken stärken?", "high", "Bewegung stärkt den Rücken."),
    "knie": ("Knie schonen?", "moderate", "Bewegung im Wasser schont das Knie."),
    "zucker": ("Zucker im Blut?", "low", "Weniger Zucker essen, mehr Wasser trinken."),
}


def german_site(folder, settings):
    root = pathlib.Path(folder)
    (root / "sitegen.yml").write_text(settings, encoding="utf-8")
    for slug, (title, confidence, body) in ANSWERS.items():
        path = root / "Content" / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: {title}\ntopic: Alltag\nconfidence: {confidence}\nreviewed: 2026-04-20\n---\n{body}\n",
                        encoding="utf-8")
    output = root / "Output"
    build(root, output)
    return output


@pytest.fixture(scope="module")
def german_url():
    with tempfile.TemporaryDirectory(prefix="sitegen-words-") as folder, serving(german_site(folder, GERMAN)) as url:
        yield url


@pytest.fixture(scope="module")
def partly_german_url():
    """A German site that gives only the count's two forms: the rest of what the scripts say stays English."""
    settings = GERMAN[:GERMAN.index("\nwords:")] + ('\nwords:\n  answer: "{count} Ergebnis für „{query}“."\n'
                                                   '  answers: "{count} Ergebnisse für „{query}“."\n')
    with tempfile.TemporaryDirectory(prefix="sitegen-words-") as folder, serving(german_site(folder, settings)) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    driver = make_driver()
    yield driver
    driver.quit()


@pytest.fixture
def driver(chromium):
    yield chromium
    chromium.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})


def status_after(driver, query, box="site-search-query"):
    """Types a query into a search box and waits for the count that names it: the status element."""
    field = driver.find_element(By.ID, box)
    field.clear()
    field.send_keys(query)
    status = driver.find_element(By.CSS_SELECTOR, f"#{box}-results .search-status")
    WebDriverWait(driver, 10).until(lambda d: query in status.text)
    return status


def test_the_search_box_says_the_site_words_one_or_other(driver, german_url):
    driver.get(german_url)
    status = status_after(driver, "zucker")
    assert status.text == "1 Ergebnis für „zucker“. Mit den Pfeiltasten gehen Sie durch die Ergebnisse."
    assert status.get_dom_attribute("lang") is None
    assert driver.execute_script("return arguments[0].querySelector('[lang]')", status) is None
    assert status_after(driver, "wasser").text.startswith("2 Ergebnisse für „wasser“. ")
    assert status_after(driver, "bewegung").text.startswith("Die besten 5 von 6 Ergebnissen für „bewegung“. ")
    assert status_after(driver, "xylophon").text == "Keine Antwort passt zu „xylophon“. Versuchen Sie andere Wörter."
    assert status_after(driver, "z").text == "Weiter tippen: „z“ ist zu kurz für die Suche."
    status_after(driver, "zucker")
    results = driver.find_element(By.CSS_SELECTOR, "#site-search-query-results .search-list")
    assert results.get_attribute("aria-label") == "Suchergebnisse"
    badge = results.find_element(By.CSS_SELECTOR, ".badge")
    assert badge.text == "●○○ Vertrauenswürdigkeit: niedrig" and badge.get_dom_attribute("lang") is None


def test_the_search_page_says_the_count_without_the_arrow_keys(driver, german_url):
    driver.get(german_url + "search/?q=wasser")
    status = driver.find_element(By.CSS_SELECTOR, "#search-page-query-results .search-status")
    WebDriverWait(driver, 10).until(lambda d: "wasser" in status.text)
    assert status.text == "2 Ergebnisse für „wasser“."


def test_search_not_available_is_said_in_the_site_words(driver, german_url):
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*search/index.json*"]})
    driver.get(german_url)
    field = driver.find_element(By.ID, "site-search-query")
    field.send_keys("zucker")
    status = driver.find_element(By.CSS_SELECTOR, "#site-search-query-results .search-status")
    WebDriverWait(driver, 10).until(lambda d: status.text)
    assert status.text == "Die Suche ist gerade nicht verfügbar."


def test_the_mode_and_text_size_buttons_say_the_site_words(driver, german_url):
    driver.get(german_url + "herz/")
    driver.execute_script("localStorage.clear()")
    driver.get(german_url + "herz/")
    theme = driver.find_element(By.ID, "theme-toggle")
    assert theme.get_attribute("title") == "Helle Ansicht ist an"
    theme.click()
    assert theme.get_attribute("title") == "Dunkle Ansicht ist an"
    size, state = driver.find_element(By.ID, "text-size-toggle"), driver.find_element(By.ID, "text-size-state")
    assert state.get_attribute("textContent") == "Normale Schrift" and state.get_dom_attribute("lang") is None
    heard = []
    for _ in range(4):
        size.click()
        heard.append(state.get_attribute("textContent"))
    assert heard == ["Große Schrift", "Größere Schrift", "Größte Schrift", "Normale Schrift"]
    assert size.get_attribute("title") == "Normale Schrift (drücken für die nächste Größe)"
    driver.execute_script("localStorage.clear()")


def test_without_javascript_the_search_page_says_the_site_words(german_url):
    driver = make_driver(javascript=False)
    try:
        driver.get(german_url + "search/")
        assert driver.find_element(By.CSS_SELECTOR, ".no-js-note").text == \
            "Die Suche braucht JavaScript, das ausgeschaltet ist: Alle Fragen stehen unten, von A bis Z."
        assert driver.find_element(By.CSS_SELECTOR, "h1").text == "Suche"
    finally:
        driver.quit()


def test_what_stays_english_is_marked_so(driver, partly_german_url):
    driver.get(partly_german_url)
    # The count in German, the arrow keys' hint after it English and marked so.
    status = status_after(driver, "zucker")
    assert status.text == "1 Ergebnis für „zucker“. Use the arrow keys to move through them."
    assert status.get_dom_attribute("lang") is None
    assert status.find_element(By.TAG_NAME, "span").get_dom_attribute("lang") == "en"
    status = status_after(driver, "xylophon")
    assert status.text == "No answers match “xylophon”. Try other words." and status.get_dom_attribute("lang") == "en"
    # Back to German: the mark goes.
    assert status_after(driver, "wasser").get_dom_attribute("lang") is None
    assert driver.find_element(By.CSS_SELECTOR, "#site-search-query-results .badge").get_dom_attribute("lang") == "en"
    state = driver.find_element(By.ID, "text-size-state")
    assert state.get_attribute("textContent") == "Normal text" and state.get_dom_attribute("lang") == "en"
