"""The Mode and Text Size controls: state on <html>, computed styles, persistence, no flash, keyboard."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

ARTICLE = "cardiology/statins-without-heart-disease/"


def root_attribute(driver, name):
    return driver.execute_script("return document.documentElement.getAttribute(arguments[0])", name)


def body_background(driver):
    return driver.execute_script("return getComputedStyle(document.body).backgroundColor")


def body_font_size(driver):
    return float(driver.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)"))


def console_errors(driver):
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_mode_toggle_switches_theme_and_colours(driver, base_url):
    driver.get(base_url + ARTICLE)
    assert root_attribute(driver, "data-theme") == "light"
    button = driver.find_element(By.ID, "theme-toggle")
    assert button.tag_name == "button"
    assert "Mode" in button.accessible_name
    assert button.get_attribute("aria-pressed") == "false"
    light = body_background(driver)
    button.click()
    assert root_attribute(driver, "data-theme") == "dark"
    assert button.get_attribute("aria-pressed") == "true"
    dark = body_background(driver)
    assert light != dark
    assert sum(int(part) for part in dark[dark.index("(") + 1:-1].split(",")[:3]) < 150, dark
    button.click()
    assert root_attribute(driver, "data-theme") == "light"
    assert body_background(driver) == light
    assert console_errors(driver) == []


def test_text_size_toggle_steps_through_sizes_and_wraps(driver, base_url):
    driver.get(base_url + ARTICLE)
    button = driver.find_element(By.ID, "text-size-toggle")
    assert button.tag_name == "button"
    assert "Text Size" in button.accessible_name
    assert root_attribute(driver, "data-text-size") == "normal"
    sizes = [body_font_size(driver)]
    states = []
    for _ in range(3):
        button.click()
        states.append(root_attribute(driver, "data-text-size"))
        sizes.append(body_font_size(driver))
        assert driver.find_element(By.ID, "text-size-state").get_attribute("textContent") != ""
    assert states == ["large", "larger", "largest"]
    assert sizes == sorted(sizes) and len(set(sizes)) == 4, sizes
    assert sizes[-1] >= 1.5 * sizes[0]
    button.click()
    assert root_attribute(driver, "data-text-size") == "normal"
    assert body_font_size(driver) == sizes[0]


def test_text_size_is_relative_to_the_browser_font_setting(driver, base_url):
    driver.get(base_url + ARTICLE)
    normal = body_font_size(driver)
    # Doubling the root font size the way a browser setting would: everything in rem follows.
    driver.execute_script("document.documentElement.style.setProperty('font-size', '200%')")
    assert body_font_size(driver) == 2 * normal


def test_choices_persist_across_reload_and_navigation(driver, base_url):
    driver.get(base_url + ARTICLE)
    driver.find_element(By.ID, "theme-toggle").click()
    driver.find_element(By.ID, "text-size-toggle").click()
    driver.find_element(By.ID, "text-size-toggle").click()
    driver.refresh()
    assert root_attribute(driver, "data-theme") == "dark"
    assert root_attribute(driver, "data-text-size") == "larger"
    assert driver.find_element(By.ID, "theme-toggle").get_attribute("aria-pressed") == "true"
    driver.find_element(By.CSS_SELECTOR, ".site-name").click()
    WebDriverWait(driver, 5).until(lambda d: d.current_url == base_url)
    assert root_attribute(driver, "data-theme") == "dark"
    assert root_attribute(driver, "data-text-size") == "larger"
    assert console_errors(driver) == []


FIRST_PAINT_PROBE = """
window.__atBody = null;
new MutationObserver(function (records, observer) {
  if (document.body && window.__atBody === null) {
    window.__atBody = {
      theme: document.documentElement.getAttribute('data-theme'),
      size: document.documentElement.getAttribute('data-text-size')
    };
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def test_stored_choice_applies_before_first_paint(driver, base_url):
    """The state is on <html> before <body> exists, set by the inline script alone (sitegen.js blocked)."""
    driver.get(base_url + ARTICLE)
    driver.execute_script("localStorage.setItem('sitegen-theme', 'dark');"
                          "localStorage.setItem('sitegen-text-size', 'largest')")
    probe = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FIRST_PAINT_PROBE})
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*sitegen.js"]})
    try:
        driver.get(base_url + ARTICLE)
        assert driver.execute_script("return window.__atBody") == {"theme": "dark", "size": "largest"}
        assert sum(int(p) for p in body_background(driver)[4:-1].split(",")[:3]) < 150
    finally:
        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
        driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": probe["identifier"]})


def test_system_dark_preference_starts_dark_and_is_followed_live(driver, base_url):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    driver.get(base_url + ARTICLE)
    assert root_attribute(driver, "data-theme") == "dark"
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-color-scheme", "value": "light"}]})
    WebDriverWait(driver, 5).until(lambda d: root_attribute(d, "data-theme") == "light")
    # A stored choice wins over the system from then on.
    driver.find_element(By.ID, "theme-toggle").click()
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-color-scheme", "value": "light"}]})
    assert root_attribute(driver, "data-theme") == "dark"


def test_controls_work_from_the_keyboard_with_a_visible_focus_ring(driver, base_url):
    driver.get(base_url + ARTICLE)
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)  # skip link
    order = []
    for _ in range(7):
        driver.switch_to.active_element.send_keys(Keys.TAB)
        active = driver.switch_to.active_element
        order.append(active.get_attribute("id") or active.text or active.get_attribute("class"))
    # The site name, the nav links of sitegen.yml, the search box and its button, then Mode and Text Size.
    assert order == ["Evidence-based answers", "Topics", "Feed", "site-search-query", "Search", "theme-toggle", "text-size-toggle"], order
    nav = driver.find_element(By.CSS_SELECTOR, "header nav.site-nav")
    assert nav.get_attribute("aria-label") == "Site"
    assert [a.get_attribute("href") for a in nav.find_elements(By.TAG_NAME, "a")] == [base_url + "topics/", base_url + "feed.xml"]
    focused = driver.switch_to.active_element
    outline = driver.execute_script(
        "var s = getComputedStyle(arguments[0]); return [s.outlineStyle, parseFloat(s.outlineWidth)]", focused)
    assert outline[0] != "none" and outline[1] >= 2, outline
    focused.send_keys(Keys.ENTER)
    assert root_attribute(driver, "data-text-size") == "large"
    focused.send_keys(Keys.SPACE)
    assert root_attribute(driver, "data-text-size") == "larger"
    theme = driver.find_element(By.ID, "theme-toggle")
    theme.send_keys(Keys.SPACE)
    assert root_attribute(driver, "data-theme") == "dark"


def test_skip_link_is_first_and_moves_focus_to_main(driver, base_url):
    driver.get(base_url + ARTICLE)
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    skip = driver.switch_to.active_element
    assert skip.text == "Skip to main content"
    assert skip.is_displayed()
    skip.send_keys(Keys.ENTER)
    assert driver.switch_to.active_element.get_attribute("id") == "main"
