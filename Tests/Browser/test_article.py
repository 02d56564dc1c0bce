"""The article page: structure, citation round trip and preview, JavaScript off, small screens and large text."""
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import make_driver

ARTICLE = "oncology/nk-cell-immunotherapy-solid-tumors/"


def test_article_page_has_the_parts_a_patient_needs(driver, base_url, article_paths):
    for path in article_paths:
        driver.get(base_url + path)
        assert len(driver.find_elements(By.TAG_NAME, "h1")) == 1, path
        badge = driver.find_element(By.CSS_SELECTOR, ".badge")
        assert badge.text.lower().endswith("confidence"), path  # the word says it, not only the colour
        time = driver.find_element(By.CSS_SELECTOR, ".reviewed time")
        assert time.get_attribute("datetime")[:4].isdigit()
        assert driver.find_element(By.CSS_SELECTOR, ".reviewed").text.startswith("Last reviewed ")
        assert driver.find_element(By.CSS_SELECTOR, ".summary").text
        assert driver.find_element(By.ID, "questions-heading").text == "What to ask your doctor"
        assert len(driver.find_elements(By.CSS_SELECTOR, "#references ol > li")) >= 3
        footer = driver.find_element(By.CSS_SELECTOR, ".site-footer").text
        topic = driver.find_element(By.CSS_SELECTOR, ".eyebrow").text
        assert topic.lower() in footer.lower() and "not individual medical advice" in footer


def test_every_marker_reaches_its_reference_and_back(driver, base_url, article_paths):
    for path in article_paths:
        driver.get(base_url + path)
        markers = driver.find_elements(By.CSS_SELECTOR, "sup.citation a")
        assert markers, path
        for marker in markers:
            target = marker.get_attribute("href").split("#", 1)[1]
            entry = driver.find_elements(By.ID, target)
            assert entry and entry[0].tag_name == "li", (path, target)
            assert marker.accessible_name.startswith("Reference"), marker.accessible_name
        # Each reference links back only to markers that exist.
        for back in driver.find_elements(By.CSS_SELECTOR, "#references .backlinks a"):
            cite = back.get_attribute("href").split("#", 1)[1]
            assert driver.find_elements(By.ID, cite), (path, cite)


def test_clicking_a_marker_and_its_back_link_round_trips(driver, base_url):
    driver.get(base_url + ARTICLE)
    marker = driver.find_elements(By.CSS_SELECTOR, "sup.citation a")[2]
    sup_id = marker.find_element(By.XPATH, "..").get_attribute("id")
    target = marker.get_attribute("href").split("#", 1)[1]
    marker.click()
    WebDriverWait(driver, 5).until(lambda d: d.current_url.endswith("#" + target))
    entry = driver.find_element(By.ID, target)
    assert driver.execute_script("var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight", entry)
    back = [link for link in entry.find_elements(By.CSS_SELECTOR, ".backlinks a")
            if link.get_attribute("href").endswith("#" + sup_id)]
    assert back, "the reference has no link back to the marker that was clicked"
    back[0].click()
    WebDriverWait(driver, 5).until(lambda d: d.current_url.endswith("#" + sup_id))


def test_citation_preview_on_focus_and_hover_dismissed_with_escape(driver, base_url):
    driver.get(base_url + ARTICLE)
    marker = driver.find_elements(By.CSS_SELECTOR, "sup.citation a")[0]
    entry_text = driver.find_element(By.ID, marker.get_attribute("href").split("#", 1)[1]).text
    scroll_before = driver.execute_script("return document.documentElement.scrollHeight")
    driver.execute_script("arguments[0].focus()", marker)
    preview = driver.find_element(By.ID, "citation-preview")
    assert preview.get_attribute("role") == "tooltip"
    assert marker.get_attribute("aria-describedby") == "citation-preview"
    assert entry_text.split(".")[0] in preview.text
    assert "↩" not in preview.text
    assert driver.execute_script("return getComputedStyle(arguments[0]).position", preview) == "absolute"
    assert driver.execute_script("return document.documentElement.scrollHeight") >= scroll_before
    marker.send_keys(Keys.ESCAPE)
    assert driver.find_elements(By.ID, "citation-preview") == []
    # The pointer can move from the marker onto the preview without losing it (WCAG 1.4.13).
    from selenium.webdriver.common.action_chains import ActionChains
    ActionChains(driver).move_to_element(marker).perform()
    preview = driver.find_element(By.ID, "citation-preview")
    ActionChains(driver).move_to_element(preview).perform()
    WebDriverWait(driver, 2).until(lambda d: d.execute_script("return !!document.getElementById('citation-preview')"))
    ActionChains(driver).move_to_element(driver.find_element(By.TAG_NAME, "h1")).perform()
    WebDriverWait(driver, 5).until(lambda d: not d.find_elements(By.ID, "citation-preview"))


@pytest.fixture(scope="module")
def no_script_browser():
    browser = make_driver(javascript=False)
    yield browser
    browser.quit()


def test_without_javascript_the_article_and_references_are_readable(no_script_browser, base_url):
    driver = no_script_browser
    driver.get(base_url + ARTICLE)
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("data-theme") is None  # no script ran
    h1 = driver.find_element(By.TAG_NAME, "h1")
    assert h1.is_displayed() and h1.text.endswith("?")
    references = driver.find_elements(By.CSS_SELECTOR, "#references li")
    assert len(references) >= 3 and all(ref.is_displayed() for ref in references)
    assert driver.find_element(By.CSS_SELECTOR, ".article-body").is_displayed()
    # Controls that cannot work without JavaScript are not offered.
    assert not driver.find_element(By.ID, "theme-toggle").is_displayed()
    marker = driver.find_elements(By.CSS_SELECTOR, "sup.citation a")[0]
    target = marker.get_attribute("href").split("#", 1)[1]
    marker.click()
    assert driver.current_url.endswith("#" + target)


def test_without_javascript_the_system_theme_is_followed(no_script_browser, base_url):
    driver = no_script_browser
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    try:
        driver.get(base_url + ARTICLE)
        background = driver.find_element(By.TAG_NAME, "body").value_of_css_property("background-color")
        assert sum(int(p) for p in background[background.index("(") + 1:-1].split(",")[:3]) < 150, background
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def overflow(driver):
    return driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("width", [320, 390, 768])
def test_no_horizontal_scrolling_at_the_largest_text_size(driver, base_url, pages, width):
    driver.execute_script("localStorage.setItem('sitegen-text-size', 'largest')")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    for path in pages:
        driver.get(base_url + path)
        assert driver.execute_script("return document.documentElement.getAttribute('data-text-size')") == "largest"
        assert overflow(driver) <= 0, (path, width)


# What sticks out: the page scrolling sideways, an element past its edge, or a box whose content is wider than it (which
# scrolls sideways, as the search box's panel did, or spills into the margin and past the page's edge in a wider font).
# A table or code block scrolls in its own box; an input scrolls its own text.
STICKING_OUT = """
    const page = document.documentElement.clientWidth, found = [];
    if (document.documentElement.scrollWidth > page) found.push("page " + document.documentElement.scrollWidth);
    for (const element of document.body.querySelectorAll("*")) {
        if (element.closest("table, pre, input, .visually-hidden")) continue;
        const box = element.getBoundingClientRect();
        if (box.right > page + 0.5 || box.left < -0.5 || (element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1))
            found.push(element.tagName.toLowerCase() + "." + element.className + " " + Math.round(box.left) + ".." +
                       Math.round(box.right) + " " + element.scrollWidth + ">" + element.clientWidth + " " + element.textContent.trim().slice(0, 30));
    }
    return found"""
# Every kind of page, and what a reader opens on one: the header's search results (a long word, "immunotherapy", in a
# result's title), the search page's results, the A to Z of questions (the search page without a query).
REFLOW_PAGES = [("", None), (ARTICLE, None), (ARTICLE, "immunotherapy"), ("topics/", None), ("topics/oncology/", None),
                ("search/", None), ("search/?q=cancer", None), ("404.html", None)]


def test_every_kind_of_page_reflows_at_390_and_320_px_in_every_text_size_and_mode(driver, base_url):
    # WCAG 1.4.10: a phone 390 px wide (and 320 px, or 400 % zoom) in each of the four Text Sizes and both Modes, set
    # with the header's buttons as a reader sets them.
    failures = []
    for width in (390, 320):
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": False})
        for path, query in REFLOW_PAGES:
            driver.get(base_url + path)
            if query:
                driver.find_element(By.ID, "site-search-query").send_keys(query)
            for mode in ("light", "dark"):
                for size in ("normal", "large", "larger", "largest"):
                    if query:  # pressing a button closed the panel: the reader searches again
                        driver.execute_script("document.getElementById('site-search-query').dispatchEvent(new Event('input'))")
                    if "?q=" in path or query:
                        WebDriverWait(driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".search-results:not(.search-closed) .search-list li"))
                    state = driver.execute_script("const root = document.documentElement;"
                                                  "return [root.getAttribute('data-theme'), root.getAttribute('data-text-size')]")
                    assert state == [mode, size], (path, state)
                    found = driver.execute_script(STICKING_OUT)
                    if found:
                        failures.append((width, path, query, mode, size, found[:3]))
                    driver.execute_script("document.getElementById('text-size-toggle').click()")
                driver.execute_script("document.getElementById('theme-toggle').click()")
    assert not failures, "\n".join(map(str, failures))


def test_no_horizontal_scrolling_at_200_percent_zoom(driver, base_url, pages):
    """200% zoom of a 1280 px window is a 640 px viewport with every CSS pixel doubled."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 640, "height": 400, "deviceScaleFactor": 2, "mobile": False})
    for path in pages:
        driver.get(base_url + path)
        assert overflow(driver) <= 0, path


def test_metadata_title_description_canonical_open_graph_and_json_ld(driver, base_url, article_paths):
    import json
    for path in article_paths:
        driver.get(base_url + path)
        h1 = driver.find_element(By.TAG_NAME, "h1").text
        summary = driver.find_element(By.CSS_SELECTOR, ".summary").text
        meta = {e.get_attribute("name") or e.get_attribute("property"): e.get_attribute("content")
                for e in driver.find_elements(By.CSS_SELECTOR, "meta[name], meta[property]")}
        assert driver.title.startswith(h1)
        assert meta["description"] == summary
        assert meta["og:title"] == h1 and meta["og:description"] == summary and meta["og:type"] == "article"
        canonical = driver.find_element(By.CSS_SELECTOR, "link[rel=canonical]").get_attribute("href")
        assert canonical.startswith("https://") and canonical.endswith("/" + path), canonical
        assert meta["og:url"] == canonical
        data = json.loads(driver.find_element(By.CSS_SELECTOR, "script[type='application/ld+json']")
                          .get_attribute("textContent"))
        assert data["@type"] == "MedicalWebPage" and data["name"] == h1 and data["url"] == canonical
        assert data["lastReviewed"] == driver.find_element(By.CSS_SELECTOR, ".reviewed time").get_attribute("datetime")
        eyebrow = driver.find_element(By.CSS_SELECTOR, ".eyebrow a").get_attribute("textContent")
        assert data["about"]["name"] == eyebrow
        references = driver.find_elements(By.CSS_SELECTOR, "#references ol > li")
        assert len(data["citation"]) == len(references)
        assert all(item["name"] and item.get("url", "https://").startswith("https://") for item in data["citation"])
        feed = driver.find_element(By.CSS_SELECTOR, "link[rel=alternate][type='application/atom+xml']")
        assert feed.get_attribute("href") == base_url + "feed.xml"


def test_back_links_say_what_they_show_and_are_big_enough_to_hit(driver, base_url, article_paths):
    # WCAG 2.5.3: a back-link's name starts with the letter it shows ("a, back to citation 1 of 2 of reference 1");
    # the single one shows an arrow, a symbol. WCAG 2.5.8: each is at least 24 by 24 CSS pixels.
    letters = arrows = 0
    for path in article_paths:
        driver.get(base_url + path)
        for back in driver.find_elements(By.CSS_SELECTOR, "#references .backlinks a"):
            text, name = back.text, back.accessible_name
            if text == "\u21a9":
                arrows += 1
                assert name.startswith("Back to where reference "), (path, name)
            else:
                letters += 1
                assert text.isalpha() and name.startswith(text + ","), (path, text, name)
            size = back.size
            assert size["width"] >= 24 and size["height"] >= 24, (path, text, size)
    assert letters and arrows
