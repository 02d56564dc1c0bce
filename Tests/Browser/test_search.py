"""Search on the shipped site: each question found first from lay words that are not in its title, typo and
synonym tolerance, the keyboard, what screen readers hear, both themes, every Text Size, 390 px, and the search page
without JavaScript; the script's stems are PorterStemmer.swift's."""
import functools
import http.server
import pathlib
import tempfile
import threading
import time

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import PACKAGE, QuietHandler, build, make_driver, serving

STATINS = "Should I take a statin if I do not have heart disease?"
GLP1 = "What are the benefits and risks of GLP-1 drugs for weight loss?"
PROBIOTICS = "Do probiotics prevent diarrhea caused by antibiotics?"
DEMENTIA = "Can physical activity lower my risk of dementia?"
NK = "What makes NK cell immunotherapy hard to use against solid tumors?"
HPV = "Does the HPV vaccine prevent cervical cancer?"


def search(driver, query, box="site-search-query"):
    """Types a query into a search box and waits for its results; returns the results' titles."""
    field = driver.find_element(By.ID, box)
    field.clear()
    field.send_keys(query)
    status = driver.find_element(By.CSS_SELECTOR, f"#{box}-results .search-status")
    WebDriverWait(driver, 10).until(lambda d: f"\u201c{query.strip()}\u201d" in status.text)
    return [link.text for link in driver.find_elements(By.CSS_SELECTOR, f"#{box}-results .search-list a")]


@pytest.mark.parametrize("query, expected", [
    ("do probiotics stop diarrhea from antibiotics", PROBIOTICS),
    ("tummy upset after antibiotics", PROBIOTICS),
    ("can cholesterol pills hurt my muscles", STATINS),
    ("weight loss jabs like ozempic", GLP1),
    ("does walking keep my memory sharp", DEMENTIA),
    ("why don't immune cells kill tumours", NK),
    ("a jab to prevent cancer of the cervix", HPV),
    ("genital warts vaccine", HPV),
])
def test_each_question_is_found_first_from_lay_words(driver, base_url, query, expected):
    assert search(driver, query)[0] == expected


def test_every_letter_of_a_word_being_typed_finds_what_the_word_does(driver, base_url):
    # "vaccinat" is past the stem of "vaccination" (vaccin): the word being typed finds the words it may be the start
    # of, not "No answers" in the middle of a word the index has (a screen reader heard it at each letter).
    status = driver.find_element(By.CSS_SELECTOR, "#site-search-query-results .search-status")
    for word in ("vaccination", "effective", "relative"):
        whole = found(driver, word, typed=True)
        assert whole, word
        for end in range(2, len(word)):
            assert search(driver, word[:end]) and "No answers" not in status.text, word[:end]
            assert set(whole) <= set(found(driver, word[:end], typed=True)), word[:end]
    # Not any word that starts with a term: "heartbu" is no word the stem "heart" is of.
    assert search(driver, "heartbu") == []


def test_a_typo_and_a_word_half_typed_still_find_the_answer(driver, base_url):
    assert search(driver, "statns")[0] == STATINS
    assert search(driver, "dementa exercise")[0] == DEMENTIA
    assert search(driver, "immunoth")[0] == NK
    # A word finds the words it begins only while it is typed: "hear" finds "heart", "hear" then "x" does not.
    assert len(search(driver, "hear")) > 1
    assert len(search(driver, "hear x")) == 1
    assert search(driver, "zzzzqqq") == []
    assert "No answers match" in driver.find_element(By.CSS_SELECTOR, "#site-search-query-results .search-status").text
    # The first letter of a query is too short to search, which is not the same as no answers (a screen reader hears it).
    assert search(driver, "s") == []
    assert driver.find_element(By.CSS_SELECTOR, "#site-search-query-results .search-status").text == \
        "Keep typing: \u201cs\u201d is too short to search."
    assert search(driver, "the x") == []
    assert "too short" in driver.find_element(By.CSS_SELECTOR, "#site-search-query-results .search-status").text
    assert search(driver, "the") == []
    assert "No answers match" in driver.find_element(By.CSS_SELECTOR, "#site-search-query-results .search-status").text


def test_results_show_the_badge_topic_and_the_matching_sentence_marked(driver, base_url):
    search(driver, "muscle aches")
    first = driver.find_element(By.CSS_SELECTOR, "#site-search-query-results .search-list li")
    assert first.find_element(By.CSS_SELECTOR, ".badge").text.endswith("high confidence")
    assert "Cardiology" in first.find_element(By.CSS_SELECTOR, ".meta").text
    marks = [mark.text.lower() for mark in first.find_elements(By.CSS_SELECTOR, ".search-snippet mark")]
    assert marks and all(mark.startswith(("muscle", "ache")) for mark in marks)


def test_the_keyboard_moves_through_results_opens_one_and_escape_closes(driver, base_url):
    titles = search(driver, "risk")
    assert len(titles) >= 2
    field = driver.find_element(By.ID, "site-search-query")
    field.send_keys(Keys.ARROW_DOWN)
    assert driver.switch_to.active_element.text == titles[0]
    driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    assert driver.switch_to.active_element.text == titles[1]
    driver.switch_to.active_element.send_keys(Keys.ARROW_UP)
    driver.switch_to.active_element.send_keys(Keys.ARROW_UP)
    assert driver.switch_to.active_element.get_attribute("id") == "site-search-query"
    field.send_keys(Keys.ESCAPE)
    assert not driver.find_element(By.CSS_SELECTOR, "#site-search-query-results .search-list").is_displayed()
    assert driver.find_element(By.ID, "site-search-query-results").size["height"] <= 1
    assert driver.switch_to.active_element.get_attribute("id") == "site-search-query"
    # ArrowDown after Escape opens the list again and moves to its first result, never into a hidden list.
    field.send_keys(Keys.ARROW_DOWN)
    assert driver.switch_to.active_element.is_displayed()
    assert driver.switch_to.active_element.text == titles[0]
    driver.switch_to.active_element.send_keys(Keys.ARROW_UP)
    field.send_keys(Keys.ESCAPE)
    # Typing again opens them; Enter on a result opens its answer.
    field.send_keys(" ")
    WebDriverWait(driver, 5).until(lambda d: d.find_element(By.ID, "site-search-query-results").is_displayed())
    field.send_keys(Keys.ARROW_DOWN)
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    WebDriverWait(driver, 5).until(lambda d: d.find_element(By.TAG_NAME, "h1").text == titles[0])


def test_screen_readers_hear_the_number_of_results(driver, base_url):
    search(driver, "vaccine")
    status = driver.find_element(By.CSS_SELECTOR, "#site-search-query-results .search-status")
    assert status.get_attribute("role") == "status"
    assert status.text.startswith(("1 answer for", "2 answers for", "3 answers for"))
    box = driver.find_element(By.ID, "site-search-query")
    assert box.get_attribute("aria-controls") == "site-search-query-results"
    assert driver.find_element(By.CSS_SELECTOR, "label[for='site-search-query']").get_attribute("textContent") == "Search the answers"


def test_typing_shows_the_best_five_and_fetches_no_more_records_the_search_page_shows_ten(driver, base_url):
    # "trial" is in all six answers: while the reader types, even after a space, five are shown and fetched.
    field = driver.find_element(By.ID, "site-search-query")
    driver.execute_script("arguments[0].value = 'trials '; arguments[0].dispatchEvent(new Event('input', {bubbles: true}))", field)
    status = driver.find_element(By.CSS_SELECTOR, "#site-search-query-results .search-status")
    WebDriverWait(driver, 10).until(lambda d: "\u201ctrials\u201d" in status.text)
    assert status.text.startswith("The best 5 of 6 answers for \u201ctrials\u201d")
    assert len(driver.find_elements(By.CSS_SELECTOR, "#site-search-query-results .search-list a")) == 5
    records = driver.execute_script(
        "return performance.getEntriesByType('resource').filter(e => e.name.includes('/search/d/')).length")
    assert records == 5
    # Enter opens the search page, which shows up to ten.
    field.send_keys(Keys.ENTER)
    WebDriverWait(driver, 5).until(lambda d: "/search/?q=trials" in d.current_url)
    WebDriverWait(driver, 10).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#search-page-query-results .search-list a")) == 6)


def test_the_search_page_reads_q_and_keeps_it_as_the_reader_types(driver, base_url):
    driver.get(base_url + "search/?q=cervical+screening")
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-page-query-results .search-list a"))
    assert driver.find_element(By.ID, "search-page-query").get_attribute("value") == "cervical screening"
    assert driver.find_element(By.CSS_SELECTOR, "#search-page-query-results .search-list a").text == HPV
    search(driver, "statins", box="search-page-query")
    # The address follows once typing pauses (not on every keystroke, which would hold up each one's fetch).
    WebDriverWait(driver, 5).until(lambda d: d.current_url.endswith("/search/?q=statins"))
    # The header's box submits here.
    driver.get(base_url)
    field = driver.find_element(By.ID, "site-search-query")
    field.send_keys("dementia")
    field.send_keys(Keys.ENTER)
    WebDriverWait(driver, 5).until(lambda d: "/search/?q=dementia" in d.current_url)
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-page-query-results .search-list a"))
    assert driver.find_element(By.CSS_SELECTOR, "#search-page-query-results .search-list a").text == DEMENTIA


def test_leaving_the_box_for_a_result_writes_the_address_at_once(driver, base_url):
    # The address is written when typing pauses, or at once when the reader leaves the box (for a result, before the
    # pause), so that Back from the result comes to the query.
    driver.get(base_url + "search/")
    assert search(driver, "tummy upset after antibiotics", box="search-page-query")[0] == PROBIOTICS
    WebDriverWait(driver, 5).until(lambda d: d.current_url.endswith("?q=tummy+upset+after+antibiotics"))
    # The same words in another order (their files fetched already), typed and the first result focused by the page
    # itself as soon as it shows, within milliseconds (WebDriver's own round trips take longer than the pause).
    address = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const input = document.getElementById("search-page-query"), panel = document.getElementById(input.id + "-results");
        const status = panel.querySelector(".search-status");
        new MutationObserver((_, observer) => {
            if (!status.textContent.includes("\u201cantibiotics tummy upset\u201d")) return;
            observer.disconnect();
            panel.querySelector(".search-list a").focus();
            done(location.search);
        }).observe(panel, {childList: true, subtree: true, characterData: true});
        input.value = "antibiotics tummy upset";
        input.dispatchEvent(new Event("input", {bubbles: true}));""")
    assert address == "?q=antibiotics+tummy+upset"
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    WebDriverWait(driver, 5).until(lambda d: "/search/" not in d.current_url)
    driver.back()
    WebDriverWait(driver, 5).until(lambda d: d.current_url.endswith("/search/?q=antibiotics+tummy+upset"))
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-page-query-results .search-list a"))
    assert driver.find_element(By.ID, "search-page-query").get_attribute("value") == "antibiotics tummy upset"


def test_without_javascript_the_box_leads_to_every_question_a_to_z(base_url):
    driver = make_driver(javascript=False)
    try:
        driver.get(base_url)
        field = driver.find_element(By.ID, "site-search-query")
        field.send_keys("statins")
        field.send_keys(Keys.ENTER)
        WebDriverWait(driver, 5).until(lambda d: "/search/?q=statins" in d.current_url)
        assert driver.find_element(By.CSS_SELECTOR, ".no-js-note").is_displayed()
        listed = [link.text for link in driver.find_elements(By.CSS_SELECTOR, ".question-index a")]
        assert listed == sorted([STATINS, GLP1, PROBIOTICS, DEMENTIA, NK, HPV], key=str.lower)
    finally:
        driver.quit()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_axe_violations_with_the_results_open(driver, base_url, axe_script, theme):
    driver.execute_script("localStorage.setItem('sitegen-theme', arguments[0])", theme)
    failures = []
    for page, box in (("", "site-search-query"), ("search/", "search-page-query")):
        driver.get(base_url + page)
        search(driver, "heart attack risk", box=box)
        axe = Axe(driver, script_url=axe_script)
        axe.inject()
        results = axe.run(options={"runOnly": {"type": "tag", "values": [
            "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})
        failures += [f"{page or '/'}: {v['id']}: {v['nodes'][0]['target']}" for v in results["violations"]]
    assert failures == []


@pytest.mark.parametrize("size", ["normal", "large", "larger", "largest"])
def test_results_fit_390_px_at_every_text_size(driver, base_url, size):
    driver.execute_script("localStorage.setItem('sitegen-text-size', arguments[0])", size)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 390, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    driver.get(base_url)
    titles = search(driver, "antibiotics diarrhea")
    assert titles[0] == PROBIOTICS
    assert driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    panel = driver.find_element(By.ID, "site-search-query-results")
    assert panel.rect["x"] >= 0 and panel.rect["x"] + panel.rect["width"] <= 390
    link = driver.find_element(By.CSS_SELECTOR, "#site-search-query-results .search-list a")
    assert link.size["height"] >= 24


def test_the_script_stems_every_word_as_the_index_does(driver, base_url):
    golden = (PACKAGE / "Tests" / "SitegenKitTests" / "Fixtures" / "search" / "porter.txt").read_text().split("\n")
    pairs = [line.split(" ") for line in golden if line]
    assert len(pairs) > 1500
    words = [word for word, _ in pairs]
    stems = driver.execute_script("return arguments[0].map(window.sitegenSearch.stem)", words)
    assert [f"{w} {s}" for w, s in zip(words, stems)] == [f"{w} {s}" for w, s in pairs]
    # Words are split, folded and filtered as SearchWords.swift does.
    assert driver.execute_script("return window.sitegenSearch.words(arguments[0])",
                                 "Can statins hurt MY muscles? Alzheimer's, Sjögren, follow-up, GLP-1") == [
        "statin", "hurt", "muscl", "alzheim", "sjogren", "follow", "glp"]
    # Ligatures and letters read as two are their letters, as the index reads them (SearchIndexTests).
    assert driver.execute_script("return window.sitegenSearch.words(arguments[0])",
                                 "\ufb01brosis \u0152sophagus STRA\u1e9eE Stra\u00dfe \u00c6ther \ufb00\ufb02y \u00df") == [
        "fibrosi", "oesophagu", "strass", "strass", "aether", "fffly", "ss"]


def found(driver, query, typed=False):
    """The addresses of every answer the script finds for a query, up to 50: from the address, or as it is typed
    (its last word being typed)."""
    return driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        window.sitegenSearch.search(arguments[0], arguments[1], 50).then(
            result => done(result && result.records.map(record => record.u)), error => done("error: " + error));""",
        query, typed)


@pytest.mark.parametrize("phrase, own", [
    ("high blood pressure", "blood pressure"),
    ("memory loss", "memory"),
    ("upset stomach", "stomach"),
])
def test_a_synonym_phrase_widens_a_query_and_never_empties_it(driver, base_url, phrase, own):
    # "high blood pressure" is a phrase of the group of "hypertension", which no answer says; its own words still count.
    alone = found(driver, own)
    assert alone, own
    assert set(alone) <= set(found(driver, phrase))
    assert search(driver, phrase)
    status = driver.find_element(By.CSS_SELECTOR, "#site-search-query-results .search-status").text
    assert "No answers match" not in status


def test_a_synonym_marks_its_phrases_whole_not_each_of_their_words(driver, base_url):
    # GLP-1's group is "glp" and "glucagon like peptid": "likely" (stem "like") is no word of the query's, and no phrase.
    driver.get(base_url + "search/?q=GLP-1")
    status = driver.find_element(By.CSS_SELECTOR, "#search-page-query-results .search-status")
    WebDriverWait(driver, 10).until(lambda d: "answer" in status.text)
    marks = [mark.text.lower() for mark in driver.find_elements(By.CSS_SELECTOR, "#search-page-query-results .search-snippet mark")]
    assert all(mark.startswith("glp") or mark.startswith("glucagon-like peptide") for mark in marks), marks
    # A phrase of the group is marked whole, as one mark, where a sentence says it.
    driver.get(base_url + "search/?q=myocardial+infarction")
    status = driver.find_element(By.CSS_SELECTOR, "#search-page-query-results .search-status")
    WebDriverWait(driver, 10).until(lambda d: "answer" in status.text)
    marks = [mark.text.lower() for mark in driver.find_elements(By.CSS_SELECTOR, "#search-page-query-results .search-snippet mark")]
    assert "heart attack" in marks or "heart attacks" in marks, marks
    assert "heart" not in marks and "attack" not in marks, marks


def test_a_file_search_could_not_read_is_not_no_answers(driver, base_url):
    # Once the index is read, a fragment (search/t/) or a result's record (search/d/) that fails is "not available".
    status = "#site-search-query-results .search-status"
    driver.execute_cdp_cmd("Network.enable", {})
    try:
        for blocked, query in (("*/search/t/*", "statins"), ("*/search/d/*", "dementia")):
            driver.get(base_url + "cardiology/statins-without-heart-disease/")
            field = driver.find_element(By.ID, "site-search-query")
            field.click()
            WebDriverWait(driver, 10).until(lambda d: d.execute_script(
                "return performance.getEntriesByType('resource').some(e => e.name.endsWith('/search/index.json'))"))
            driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": [blocked]})
            field.send_keys(query)
            WebDriverWait(driver, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, status).text)
            assert driver.find_element(By.CSS_SELECTOR, status).text == "Search is not available right now.", blocked
            # Once the files can be read again, the same query finds its answers.
            driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
            field.send_keys(" ")
            WebDriverWait(driver, 10).until(lambda d: "answer" in d.find_element(By.CSS_SELECTOR, status).text)
    finally:
        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
        driver.execute_cdp_cmd("Network.disable", {})


def test_the_result_count_is_a_live_region_the_page_never_hides(driver, base_url):
    # A live region shown in the same task as it is filled may not be heard: it is in the page from the start, and
    # only the list is hidden, before the first query and after Escape.
    hidden = """for (let e = arguments[0]; e; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (e.hidden || style.display === "none" || style.visibility === "hidden") return true;
    } return false;"""
    for page, box in (("", "site-search-query"), ("search/", "search-page-query")):
        driver.get(base_url + page)
        status = driver.find_element(By.CSS_SELECTOR, f"#{box}-results .search-status")
        assert status.get_attribute("role") == "status"
        assert not driver.execute_script(hidden, status), page
        assert driver.execute_script(hidden, driver.find_element(By.CSS_SELECTOR, f"#{box}-results .search-list"))
        search(driver, "vaccine", box=box)
        assert not driver.execute_script(hidden, status)
    driver.get(base_url)
    search(driver, "vaccine")
    driver.find_element(By.ID, "site-search-query").send_keys(Keys.ESCAPE)
    status = driver.find_element(By.CSS_SELECTOR, "#site-search-query-results .search-status")
    assert not driver.execute_script(hidden, status)
    assert driver.execute_script(hidden, driver.find_element(By.CSS_SELECTOR, "#site-search-query-results .search-list"))


def test_the_address_reads_as_the_box_does(driver, base_url):
    status = "#search-page-query-results .search-status"
    # A line break in q is a space, not nothing between two words.
    driver.get(base_url + "search/?q=statins%0Aheart")
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, status).text)
    assert driver.find_element(By.ID, "search-page-query").get_attribute("value") == "statins heart"
    assert "\u201cstatins heart\u201d" in driver.find_element(By.CSS_SELECTOR, status).text
    # One letter is too short to search, from the address as in the box.
    driver.get(base_url + "search/?q=d")
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, status).text)
    assert driver.find_element(By.CSS_SELECTOR, status).text == "Keep typing: \u201cd\u201d is too short to search."
    search(driver, "d", box="search-page-query")
    assert driver.find_element(By.CSS_SELECTOR, status).text == "Keep typing: \u201cd\u201d is too short to search."


def test_submitting_on_the_search_page_moves_the_focus_to_the_results(driver, base_url):
    driver.get(base_url + "search/")
    field = driver.find_element(By.ID, "search-page-query")
    field.send_keys("trials")
    field.send_keys(Keys.ENTER)
    status = driver.find_element(By.CSS_SELECTOR, "#search-page-query-results .search-status")
    WebDriverWait(driver, 10).until(lambda d: d.switch_to.active_element == status)
    assert status.text.startswith("6 answers for \u201ctrials\u201d")
    assert driver.current_url.endswith("/search/?q=trials")
    assert len(driver.find_elements(By.CSS_SELECTOR, "#search-page-query-results .search-list a")) == 6


@pytest.fixture(scope="module")
def own_site_url():
    """A site of its own: a word in two synonym groups, words split by soft hyphens and zero-width characters, words
    misspelt in their first letters, and so many words that begin with "re" that their fragment is split by the third
    letter, as on a large site."""
    with tempfile.TemporaryDirectory(prefix="sitegen-search-") as folder:
        root = pathlib.Path(folder)
        (root / "Content").mkdir()
        (root / "sitegen.yml").write_text("title: Answers\nbaseURL: https://example.org/\n"
                                          "search:\n  synonyms:\n    - [heart, cardiac]\n    - [heart, coronary]\n")
        filler = " ".join("re" + a + b + "qz" for a in "abcdefghijklmnopqrtuvwxyz" for b in "abcdefghijklmnopqrstuvwxyz")
        articles = {
            "heart": ("How does the heart pump?", "It pumps blood."),
            "cardiac": ("Is cardiac rehab worth it?", "Exercise after an operation helps."),
            "coronary": ("What is a coronary stent?", "A stent keeps an artery open."),
            "antibodies": ("Which antibodies treat melanoma?",
                           "Atezo&shy;lizumab, ipi&#173;limumab and nivo\u200blumab are given by drip."),
            "research": ("What does research show?", "New studies matter."),
            "dementia": ("Does walking delay dementia?", "Exercise may help memory."),
            "cholesterol": ("What lowers cholesterol?", "Statins do."),
            "lungs": ("Is asthma like pneumonia?", "Both affect breathing."),
            "ligatures": ("Is cystic \ufb01brosis inherited?", "It may narrow the \u0153sophagus."),
            "plain": ("Does a fibrosis scan hurt?", "Not the oesophagus."),
            "filler": ("Which words are these?", filler + "."),
        }
        for name, (title, body) in articles.items():
            (root / "Content" / f"{name}.md").write_text(f"---\ntitle: {title}\n---\n{body}\n", encoding="utf-8")
        build(root, root / "Output")
        with serving(root / "Output") as url:
            yield url


def test_a_word_in_two_synonym_groups_finds_the_phrases_of_both(driver, own_site_url):
    driver.get(own_site_url)
    assert sorted(found(driver, "heart")) == ["cardiac/", "coronary/", "heart/"]
    # Each other phrase finds its own group's, not the other group's: "cardiac" is not "coronary".
    assert sorted(found(driver, "cardiac")) == ["cardiac/", "heart/"]
    assert sorted(found(driver, "coronary")) == ["coronary/", "heart/"]


def test_soft_hyphens_and_zero_width_characters_do_not_split_a_word(driver, own_site_url):
    driver.get(own_site_url)
    assert driver.execute_script("return window.sitegenSearch.words(arguments[0])",
                                 "atezo\u00adlizumab nivo\u200blumab ipi\u200c\u200dlimumab \ufeffpem\u2060bro") == [
        "atezolizumab", "nivolumab", "ipilimumab", "pembro"]
    for query in ("atezolizumab", "ipilimumab", "nivolumab", "atezo\u00adlizumab", "nivo\u200blumab"):
        assert found(driver, query) == ["antibodies/"], query
        assert found(driver, query, typed=True) == ["antibodies/"], query
    # The word is marked whole in the sentence that says it.
    driver.get(own_site_url + "search/?q=ipilimumab")
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-page-query-results .search-snippet mark"))
    marks = driver.find_elements(By.CSS_SELECTOR, "#search-page-query-results .search-snippet mark")
    assert [mark.get_attribute("textContent") for mark in marks] == ["ipi\u00adlimumab"]


def test_a_word_being_typed_finds_the_words_it_begins_in_every_fragment(driver, own_site_url):
    # "re" has a fragment per third letter here: "res" (stem "re") is read from "res", where "research" is.
    driver.get(own_site_url)
    fragments = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch("search/index.json").then(r => r.json()).then(index => done(index.fragments.split(" ")));""")
    assert "res" in fragments and "re" not in fragments
    for typed in ("res", "rese", "research"):
        assert "research/" in found(driver, typed, typed=True), typed
    # Once a space ends it, "res" is the word "res" (stem "re"), which no article says.
    assert found(driver, "res") == []


def test_a_typo_in_the_first_letters_finds_the_word_and_only_such_a_word_fetches_more(driver, own_site_url):
    # "dimentia" and "colesterol" are in the fragments of "di" and "co", "dementia" and "cholesterol" in those of "de"
    # and "ch": found by the terms that end as they do. "rexearch" is in "rex" where "re" is split by the third letter.
    driver.get(own_site_url)
    fetched = "return performance.getEntriesByType('resource').filter(e => e.name.includes('/search/')).map(e => e.name)"
    for query in ("dementia cholesterol", "research asthma pneumonia"):
        assert found(driver, query), query
        assert found(driver, query, typed=True), query
    assert not [name for name in driver.execute_script(fetched) if "/search/e/" in name]
    for query, expected in (("dimentia", "dementia/"), ("colesterol", "cholesterol/"), ("ashtma", "lungs/"),
                            ("pnemonia", "lungs/"), ("pneumonai", "lungs/"), ("rexearch", "research/"),
                            ("xdementia", "dementia/"), ("emntia", []), ("ementia", "dementia/")):
        if expected:
            assert found(driver, query) == [expected], query
            assert found(driver, query, typed=True) == [expected], query
            assert search(driver, query) and "No answers" not in driver.find_element(
                By.CSS_SELECTOR, "#site-search-query-results .search-status").text, query
        else:
            assert found(driver, query) == [], query
    assert [name for name in driver.execute_script(fetched) if "/search/e/" in name]
    # A word of four letters finds no word one typo away: "hert" is not "heart".
    assert found(driver, "hert") == []


def test_ligatures_and_letters_read_as_two_meet_their_letters(driver, own_site_url):
    # "\ufb01brosis" (one ligature for "fi") and "\u0153sophagus" are "fibrosis" and "oesophagus", typed either way.
    driver.get(own_site_url)
    for query in ("fibrosis", "\ufb01brosis", "FIBROSIS", "oesophagus", "\u0153sophagus", "\u0152SOPHAGUS"):
        assert sorted(found(driver, query)) == ["ligatures/", "plain/"], query
        assert sorted(found(driver, query, typed=True)) == ["ligatures/", "plain/"], query
    # The word is marked as the article writes it.
    driver.get(own_site_url + "search/?q=narrow+oesophagus")
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-page-query-results .search-snippet mark"))
    marks = driver.find_elements(By.CSS_SELECTOR, "#search-page-query-results .search-list li:first-child .search-snippet mark")
    assert [mark.text for mark in marks] == ["narrow", "\u0153sophagus"]


@pytest.fixture(scope="module")
def languages_url():
    """A site in Chinese, Japanese and German: the first two written without spaces between words."""
    with tempfile.TemporaryDirectory(prefix="sitegen-search-") as folder:
        root = pathlib.Path(folder)
        (root / "Content").mkdir()
        (root / "sitegen.yml").write_text("title: Answers\nbaseURL: https://example.org/\nlanguage: fr-CA\n")
        articles = {
            "gaoxueya": ("高血压会遗传吗？", "高血压与遗传有关。定期测量血压很重要。减少盐的摄入可以降低血压。"),
            "tounyou": ("糖尿病は遺伝しますか？", "糖尿病の予防には運動が大切です。血糖値を測定しましょう。"),
            "zucker": ("Ist Zuckerkrankheit ansteckend?", "Die Zuckerkrankheit ist nicht ansteckend."),
            "salt": ("塩と盐", "盐"),
        }
        for name, (title, body) in articles.items():
            (root / "Content" / f"{name}.md").write_text(f"---\ntitle: {title}\n---\n{body}\n", encoding="utf-8")
        build(root, root / "Output")
        with serving(root / "Output") as url:
            yield url


def test_chinese_and_japanese_are_searched_by_pairs_of_characters(driver, languages_url):
    # A run of characters is its pairs, as SearchWords.swift reads it (SearchIndexTests), and Latin words beside it are words.
    driver.get(languages_url)
    assert driver.execute_script("return window.sitegenSearch.words(arguments[0])", "高血压会遗传吗？Zucker盐 2型") == [
        "高血", "血压", "压会", "会遗", "遗传", "传吗", "zucker", "盐", "型"]
    for query, expected in (("高血压", ["gaoxueya/"]), ("遗传", ["gaoxueya/"]), ("遺伝", ["tounyou/"]),
                            ("血糖", ["tounyou/"]), ("糖尿病", ["tounyou/"]), ("运动", [])):
        assert found(driver, query) == expected, query
        assert found(driver, query, typed=True) == expected, query
    # One character is a query: alone (a body of 盐), and being typed, the pairs it begins (盐的 in the other).
    assert found(driver, "盐") == ["salt/"]
    assert sorted(found(driver, "盐", typed=True)) == ["gaoxueya/", "salt/"]
    search(driver, "盐")
    assert driver.find_element(By.CSS_SELECTOR, "#site-search-query-results .search-status").text.startswith("2 answers")
    # The overlapping pairs of the query are marked as one where the sentence says them together.
    driver.get(languages_url + "search/?q=" + "降低血压")
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-page-query-results .search-snippet mark"))
    marks = driver.find_elements(By.CSS_SELECTOR, "#search-page-query-results .search-snippet mark")
    assert [mark.text for mark in marks] == ["血压", "血压", "降低血压"]


def test_the_search_page_shows_what_the_box_showed_for_the_same_text(driver, languages_url):
    # The box reads the last word as the word being typed ("Zucker" finds "Zuckerkrankheit"): Enter opened the search
    # page for the same text, which read it as a whole word and said "No answers match".
    for query in ("Zucker", "盐"):
        driver.get(languages_url)
        shown = search(driver, query)
        assert shown, query
        driver.find_element(By.ID, "site-search-query").send_keys(Keys.ENTER)
        WebDriverWait(driver, 5).until(lambda d: "/search/?q=" in d.current_url)
        status = "#search-page-query-results .search-status"
        WebDriverWait(driver, 10).until(lambda d: f"\u201c{query}\u201d" in d.find_element(By.CSS_SELECTOR, status).text)
        assert [link.text for link in driver.find_elements(By.CSS_SELECTOR, "#search-page-query-results .search-list a")] == shown, query


class KeepingHandler(QuietHandler):
    """Lets a browser keep every file 10 minutes, as GitHub Pages does."""
    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


def test_a_deploy_that_renumbers_the_answers_is_not_read_with_the_files_a_browser_kept():
    # Renamed, the statins answer comes after the zinc one: zinc's record is number 0 now, statins' 1. The browser kept
    # the last deploy's record 1 (zinc's): the fragment of "statins", fetched new, led to it, titled and linked as zinc.
    with tempfile.TemporaryDirectory(prefix="sitegen-search-") as folder:
        root = pathlib.Path(folder)
        (root / "Content").mkdir()
        (root / "sitegen.yml").write_text("title: Answers\nbaseURL: https://example.org/\n")
        (root / "Content" / "a-statins.md").write_text("---\ntitle: Do statins cause muscle pain?\n---\nRarely.\n")
        (root / "Content" / "b-zinc.md").write_text("---\ntitle: Does zinc help colds?\n---\nA little.\n")
        build(root, root / "Output")
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(KeepingHandler, directory=str(root / "Output")))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        driver = make_driver()
        try:
            driver.get(url)
            assert search(driver, "zinc") == ["Does zinc help colds?"]
            (root / "Content" / "a-statins.md").rename(root / "Content" / "z-statins.md")
            time.sleep(1.1)  # the server tells a changed file by its time to the second
            build(root, root / "Output")
            driver.get(url)
            assert search(driver, "statins") == ["Do statins cause muscle pain?"]
            assert driver.find_element(By.CSS_SELECTOR, "#site-search-query-results .search-list a").get_attribute("href") == url + "z-statins/"
        finally:
            driver.quit()
            server.shutdown()
