"""What authors bring that the shipped site has not: a reference with a long address, a wide table and code block, a
site written right to left. Printed, on a phone with a classic scrollbar, with the keyboard."""
import json
import pathlib

import pytest
from selenium.webdriver.common.by import By

from conftest import RETRACTED_BIB, build, serving

LONG_URL = "https://www.uspreventiveservicestaskforce.org/uspstf/recommendation/statin-use-in-adults-preventive-medication-and-more"
REFERENCES = [
    {"id": "uspstf", "type": "webpage", "title": "Statin use for the primary prevention of cardiovascular disease in adults",
     "author": [{"literal": "US Preventive Services Task Force"}], "issued": {"date-parts": [[2022]]}, "URL": LONG_URL},
    {"id": "smith", "type": "article-journal", "title": "A trial of statins in adults", "container-title": "J Med",
     "author": [{"family": "Smith", "given": "Ann"}], "issued": {"date-parts": [[2020]]}, "volume": "3", "page": "100-10",
     "DOI": "10.1000/xyz123"},
]
WIDE = "| " + " | ".join(f"column {n}" for n in range(30)) + " |"


def make_site(root, language="en", style="vancouver"):
    (root / "Content" / "bibliography").mkdir(parents=True)
    (root / "Content" / "heart").mkdir()
    (root / "sitegen.yml").write_text(
        f"title: Answers\nbaseURL: https://example.org/\nlanguage: {language}\ncitation-style: {style}\nmarkdown: {{unsafe: true}}\n")
    (root / "Content" / "bibliography" / "refs.json").write_text(json.dumps(REFERENCES))
    cells = "".join(f"<td>cell{n}</td>" for n in range(40))
    (root / "Content" / "heart" / "wide.md").write_text(
        "---\ntitle: Is this wide?\ntopic: Heart\nreviewed: 2026-01-01\n---\n"
        "Statins are advised for some adults [@uspstf; @smith].\n\n> A quote from the guideline.\n\n"
        f"<table><tr>{cells}</tr></table>\n\n```\n{'x' * 300}\n```\n\n```\nshort\n```\n")
    return root


@pytest.fixture(scope="module")
def wide_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("wide")
    build(make_site(root / "site"), root / "out")
    build(make_site(root / "rtl", language="ar", style="apa"), root / "rtl-out")
    with serving(root / "out") as url, serving(root / "rtl-out") as rtl:
        yield url, rtl


def test_printed_addresses_wrap_and_each_is_printed_once(driver, wide_site):
    url, _ = wide_site
    driver.get(url + "heart/wide/")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 700, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        # A long address printed after "Link" wraps inside the page (it ran 150 px past a 700 px page).
        entry = driver.find_element(By.ID, "ref-uspstf")
        right, width = driver.execute_script(
            "return [arguments[0].getBoundingClientRect().right, document.documentElement.clientWidth]", entry)
        links = driver.execute_script("return Array.from(arguments[0].querySelectorAll('a')).map(a => a.getBoundingClientRect().right)", entry)
        assert right <= width and max(links) <= width, (right, links, width)
        # Each address once in its entry: after its own link (DOI, Link), not after the title's link or the address the style prints.
        printed = driver.execute_script("""
            return Array.from(document.querySelectorAll("#references li")).map(entry => {
                const counts = {};
                for (const link of entry.querySelectorAll("a[href^='http']")) {
                    const after = getComputedStyle(link, "::after").content;
                    if (after.includes(link.getAttribute("href"))) counts[link.getAttribute("href")] = (counts[link.getAttribute("href")] || 0) + 1;
                }
                return counts;
            })""")
        assert printed and all(count == 1 for counts in printed for count in counts.values()), printed
        assert any(LONG_URL in counts for counts in printed), printed
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_the_preview_stays_inside_a_page_with_a_classic_scrollbar(driver, wide_site):
    url, _ = wide_site
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    driver.get(url + "heart/wide/")
    # A scrollbar that takes room, as on Windows and Linux desktops (100vw counts it; the page's width does not).
    driver.execute_script("""const style = document.createElement("style");
        style.textContent = "::-webkit-scrollbar { width: 15px; height: 15px }"; document.head.appendChild(style)""")
    link = driver.find_element(By.CSS_SELECTOR, ".citation a")
    driver.execute_script("arguments[0].focus()", link)
    box = driver.execute_script("""const preview = document.getElementById("citation-preview");
        return [preview.getBoundingClientRect().right, document.documentElement.clientWidth, document.documentElement.scrollWidth]""")
    assert box[1] < 390, box  # the scrollbar took its room
    assert box[0] <= box[1] and box[2] <= box[1], box


def test_a_wide_table_or_code_block_can_be_scrolled_with_the_keyboard(driver, wide_site):
    url, _ = wide_site
    driver.get(url + "heart/wide/")
    tabindex = driver.execute_script(
        "return Array.from(document.querySelectorAll('.article-body table, .article-body pre')).map(box => box.getAttribute('tabindex'))")
    # The table and the long code block scroll and take the focus; the short code block does not.
    assert tabindex == ["0", "0", None], tabindex


def test_a_right_to_left_page_lays_out_from_the_right_and_keeps_english_entries_in_order(driver, wide_site):
    _, rtl = wide_site
    driver.get(rtl + "heart/wide/")
    style = driver.execute_script("""
        const css = (selector) => getComputedStyle(document.querySelector(selector));
        const entry = css(".references li"), list = css(".references ol"), quote = css("blockquote");
        return {listLeft: list.paddingLeft, listRight: list.paddingRight, entryLeft: entry.paddingLeft, entryRight: entry.paddingRight,
                bidi: entry.unicodeBidi, quoteLeft: quote.borderLeftWidth, quoteRight: quote.borderRightWidth,
                citation: css("span.citation").unicodeBidi, dir: document.documentElement.dir}""")
    assert style["dir"] == "rtl", style
    # The list's indent and an entry's hanging indent at the start (right), not on both sides.
    assert style["listLeft"] == "0px" and style["entryLeft"] == "4px" and style["entryRight"] == "32px", style
    assert style["quoteRight"] == "4px" and style["quoteLeft"] == "0px", style
    # An English entry and citation read in their own direction.
    assert style["bidi"] == "plaintext" and style["citation"] == "plaintext", style


def test_the_search_pages_two_search_landmarks_have_names_of_their_own(driver, wide_site):
    url, _ = wide_site
    driver.get(url + "search/")
    names = driver.execute_script("return Array.from(document.querySelectorAll('[role=search]')).map(form => form.getAttribute('aria-label'))")
    assert len(names) == 2 and all(names) and len(set(names)) == 2, names


@pytest.fixture(scope="module")
def long_words_url(tmp_path_factory):
    """A German site whose title, confidence badge and retraction link are each one long word, or words kept together."""
    root = tmp_path_factory.mktemp("long-words")
    source = root / "site"
    (source / "Content" / "bibliography").mkdir(parents=True)
    (source / "sitegen.yml").write_text(
        "title: Patienteninformationsportal Kardiologie\nbaseURL: https://example.org/\nlanguage: de\n"
        "words:\n  confidence: \"Vertrauenswürdigkeit: {level}\"\n  moderate: mittelmäßig\n  retracted: Zurückgezogen\n",
        encoding="utf-8")
    (source / "Content" / "bibliography" / "refs.bib").write_text(RETRACTED_BIB, encoding="utf-8")
    (source / "Content" / "mmr.md").write_text(
        "---\ntitle: Verursacht die MMR-Impfung Autismus?\nconfidence: moderate\nreviewed: 2026-01-10\n"
        "cites-retracted: [wakefield1998]\n---\nNein. Die Arbeit von 1998, die das behauptete, wurde zurückgezogen [@wakefield1998].\n",
        encoding="utf-8")
    build(source, root / "out")
    with serving(root / "out") as url:
        yield url


@pytest.mark.parametrize("size", ["normal", "large", "larger", "largest"])
def test_long_words_do_not_make_a_phone_page_scroll_sideways(driver, long_words_url, size):
    # WCAG 1.4.10: at 320 px wide, in every Text Size, only a table or a code block may scroll sideways; the site's
    # name (a flex item), the badge (an inline block) and the nowrap retraction link and mark did not shrink below
    # their longest word.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 320, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    driver.get(long_words_url + "mmr/")
    widths = driver.execute_script("""
        document.documentElement.setAttribute("data-text-size", arguments[0]);
        const page = document.documentElement.clientWidth;
        const wide = Array.from(document.querySelectorAll(".site-name, .badge, .ref-links a, .retracted"))
            .filter(element => element.getBoundingClientRect().right > page).map(element => element.textContent);
        return [page, document.documentElement.scrollWidth, wide]""", size)
    assert widths[1] <= widths[0] <= 320 and not widths[2], widths
