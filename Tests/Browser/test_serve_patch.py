"""`sitegen serve` patches the open page in place: an edit shows without a reload, the page stays where it was
scrolled to, and what the page's own script did (Mode, Text Size, citation previews) keeps working. A change
that needs the page's scripts (a new citation link) reloads it, still at the same scroll position."""
from selenium.webdriver.common.by import By

from test_serve import ARTICLE, PAGE, rewrite, served, until  # noqa: F401

PARAGRAPH = "In placebo-controlled trials,"
SECOND = "Guidelines use these results to focus on overall risk."
FIND = ("var text = arguments[0]; return [].filter.call(document.querySelectorAll('.article-body p'),"
        " function (p) { return p.textContent.indexOf(text) >= 0; })[0] || null;")


def paragraph_text(driver, start):
    found = driver.execute_script(FIND, start)
    return found.get_attribute("textContent") if found else ""


def scroll_to(driver, text):
    """Scrolls the paragraph with this text to the middle of the window; returns scrollY."""
    driver.execute_script("window.scrollTo(0, arguments[0].getBoundingClientRect().top + scrollY - innerHeight / 2)",
                          driver.execute_script(FIND, text))
    return driver.execute_script("return window.scrollY")


def test_an_edit_patches_the_page_in_place_and_keeps_scroll_and_controls(driver, served):
    source, url = served
    driver.get(url + PAGE)
    article = source / ARTICLE
    root = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.ID, "theme-toggle").click()
    chosen = root.get_attribute("data-theme")
    y = scroll_to(driver, PARAGRAPH)
    assert y > 200
    driver.execute_script("window.__sameDocument = true")

    rewrite(article, PARAGRAPH, "PATCHED-ONE " + PARAGRAPH)
    until(driver, lambda d: "PATCHED-ONE" in paragraph_text(d, PARAGRAPH))
    assert driver.execute_script("return window.__sameDocument") is True  # patched, not reloaded
    assert abs(driver.execute_script("return window.scrollY") - y) <= 3
    # What the boot script and the page's script set on <html> stays.
    assert root.get_attribute("data-theme") == chosen
    assert "js" in root.get_attribute("class").split()
    assert root.get_attribute("data-sitegen-build") == driver.execute_script(
        "return document.querySelector('script[src=\"/_sitegen/live.js\"]').getAttribute('data-build')")

    # The controls still work, once per press.
    theme = driver.find_element(By.ID, "theme-toggle")
    driver.execute_script("arguments[0].click()", theme)
    assert root.get_attribute("data-theme") != chosen
    assert theme.get_attribute("aria-pressed") == ("true" if root.get_attribute("data-theme") == "dark" else "false")
    size = driver.find_element(By.ID, "text-size-toggle")
    driver.execute_script("arguments[0].click()", size)
    assert root.get_attribute("data-text-size") == "large"
    assert driver.find_element(By.ID, "text-size-state").get_attribute("textContent") == "Large text"
    # The citation previews of the patched paragraph still show.
    driver.execute_script("arguments[0].querySelector('sup.citation a').focus()",
                          driver.execute_script(FIND, "PATCHED-ONE"))
    until(driver, lambda d: d.find_elements(By.ID, "citation-preview"))
    driver.execute_script("document.activeElement.blur()")
    driver.execute_script("window.scrollTo(0, arguments[0])", y)

    rewrite(article, SECOND, "PATCHED-TWO " + SECOND)
    until(driver, lambda d: "PATCHED-TWO" in paragraph_text(d, SECOND))
    assert "PATCHED-ONE" in paragraph_text(driver, PARAGRAPH)
    assert driver.execute_script("return window.__sameDocument") is True
    assert abs(driver.execute_script("return window.scrollY") - y) <= 3
    assert root.get_attribute("data-text-size") == "large"
    driver.execute_script("arguments[0].click()", driver.find_element(By.ID, "text-size-toggle"))
    assert root.get_attribute("data-text-size") == "larger"
    assert not driver.find_elements(By.ID, "sitegen-error-overlay")
    assert not [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_a_change_that_needs_the_pages_scripts_reloads_at_the_same_scroll_position(driver, served):
    source, url = served
    driver.get(url + PAGE)
    y = scroll_to(driver, PARAGRAPH)
    assert y > 200
    driver.execute_script("window.__sameDocument = true")
    # A new citation link: the page's script binds its preview when the page loads.
    rewrite(source / ARTICLE, PARAGRAPH, PARAGRAPH[:-1] + " [@ctt2012]. RELOADED-ONE")
    until(driver, lambda d: "RELOADED-ONE" in paragraph_text(d, PARAGRAPH[:20]))
    until(driver, lambda d: d.execute_script("return document.readyState") == "complete")
    assert driver.execute_script("return window.__sameDocument") is None
    until(driver, lambda d: abs(d.execute_script("return window.scrollY") - y) <= 3)
    assert driver.execute_script("return sessionStorage.getItem('sitegen-scroll')") is None


def test_an_open_search_page_searches_the_new_index_after_an_edit(driver, served):
    """The search page's script kept the index it read first: a title changed in `serve` was not found until a reload."""
    source, url = served
    driver.get(url + "search/?q=zebrafinch")
    status = driver.find_element(By.CSS_SELECTOR, "#search-page-query-results .search-status")
    until(driver, lambda d: "No answers match" in status.text)
    driver.execute_script("window.__sameDocument = true")
    rewrite(source / ARTICLE, "title: Should I take a statin", "title: Zebrafinch, should I take a statin")
    until(driver, lambda d: d.find_element(By.CSS_SELECTOR, "#search-page-query-results .search-status").text.startswith("1 answer"))
    assert driver.execute_script("return window.__sameDocument") is True  # patched, not reloaded
    links = driver.find_elements(By.CSS_SELECTOR, "#search-page-query-results a")
    assert links and "Zebrafinch" in links[0].text
