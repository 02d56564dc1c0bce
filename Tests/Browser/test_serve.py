"""`sitegen serve` in a real browser: an edit shows in the open page by itself; a broken file shows an
overlay with path:line:column that goes away when the file is fixed; a CSS-only change restyles the page
without reloading it."""
import pathlib
import shutil
import socket
import subprocess
import time

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import PACKAGE, sitegen_binary

ARTICLE = "Content/cardiology/statins-without-heart-disease.md"
PAGE = "cardiology/statins-without-heart-disease/"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(tmp_path, site_dir):
    source = tmp_path / "site"
    shutil.copytree(PACKAGE / "Content", source / "Content")
    shutil.copy(PACKAGE / "sitegen.yml", source / "sitegen.yml")
    # A site stylesheet (the built-in one) to change later.
    (source / "Public" / "assets").mkdir(parents=True)
    shutil.copy(site_dir / "assets" / "sitegen.css", source / "Public" / "assets" / "sitegen.css")
    port = free_port()
    log = open(tmp_path / "serve.log", "w")
    process = subprocess.Popen([sitegen_binary(), "serve", "--source", str(source), "--port", str(port)],
                               stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield source, url
    process.terminate()
    assert process.wait(timeout=10) == 0  # SIGTERM shuts down cleanly
    log.close()
    assert "re-rendered" in (tmp_path / "serve.log").read_text()


def until(driver, condition):
    """Waits for a condition while the page may be reloading under it."""
    return WebDriverWait(driver, 10, ignored_exceptions=(StaleElementReferenceException,)).until(condition)


def rewrite(path: pathlib.Path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_edit_break_and_fix_an_article_while_the_page_is_open(driver, served):
    source, url = served
    driver.get(url + PAGE)
    title = driver.find_element(By.TAG_NAME, "h1").text
    driver.execute_script("window.__sameDocument = true")
    article = source / ARTICLE

    rewrite(article, "title: ", "title: LIVE ")
    until(driver, lambda d: d.find_element(By.TAG_NAME, "h1").text == "LIVE " + title)
    assert driver.execute_script("return window.__sameDocument") is True  # the page updated itself, in place
    assert driver.title.startswith("LIVE ")

    good = article.read_text()
    article.write_text(good.replace("---\n", "---\ntitle: [unclosed\n", 1))
    overlay = until(driver, lambda d: d.find_element(By.ID, "sitegen-error-overlay"))
    assert overlay.get_attribute("role") == "alert"
    assert f"{ARTICLE}:" in overlay.text and ": error: " in overlay.text
    assert driver.find_element(By.TAG_NAME, "h1").text == "LIVE " + title  # still the last good page

    article.write_text(good)
    until(driver, lambda d: not d.find_elements(By.ID, "sitegen-error-overlay"))
    assert driver.find_element(By.TAG_NAME, "h1").text == "LIVE " + title


def test_css_only_change_restyles_without_a_reload(driver, served):
    source, url = served
    driver.get(url + PAGE)
    driver.execute_script("window.__sameDocument = true")
    stylesheet = source / "Public" / "assets" / "sitegen.css"
    stylesheet.write_text(stylesheet.read_text() + "\nbody { outline: 7px solid rgb(1, 2, 3); }\n")
    until(driver, lambda d: d.execute_script("return getComputedStyle(document.body).outlineWidth") == "7px")
    assert driver.execute_script("return window.__sameDocument") is True


def test_editor_style_save_through_a_temporary_file_and_a_new_article(driver, served):
    source, url = served
    driver.get(url + PAGE)
    article = source / ARTICLE
    temporary = article.with_name(".statins.md.swp-tmp")
    temporary.write_text(article.read_text().replace("title: ", "title: RENAMED ", 1))
    temporary.rename(article)  # how vim and many editors save
    until(driver, lambda d: d.find_element(By.TAG_NAME, "h1").text.startswith("RENAMED "))
    (source / "Content" / "cardiology" / "new-question.md").write_text("---\ntitle: A new question?\n---\nHello.\n")
    driver.get(url + "cardiology/new-question/")
    until(driver, lambda d: d.find_element(By.TAG_NAME, "h1").text == "A new question?")
