"""A site given with a relative --source from another folder: the files a message names are named as its location
is, from the folder the command was run in, so that a terminal or an editor opens them."""
import os
import pathlib
import subprocess

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parents[2]
SITEGEN = os.environ.get("SITEGEN", str(PACKAGE / ".build" / "debug" / "sitegen"))

REFS = ("- id: used\n  type: book\n  title: Used\n  issued: {date-parts: [[2019]]}\n  URL: https://books.example.com/used\n")


def article(title="Do statins work?", body="Text [@used].", **keys):
    lines = [f"title: {title}", "confidence: high", "reviewed: 2026-11-01"] + [f"{key}: {value}" for key, value in keys.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


def check_from_beside(tmp_path, files, *arguments):
    """`sitegen check -s ../site`, run in a folder beside the site."""
    site = tmp_path / "site"
    for path, text in {"sitegen.yml": "baseURL: https://answers.example.org/\n",
                       "Content/bibliography/refs.yaml": REFS, **files}.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text)
    here = tmp_path / "elsewhere"
    here.mkdir()
    result = subprocess.run([SITEGEN, "check", "-s", "../site", *arguments], capture_output=True, text=True, cwd=here)
    return here, result.stderr


# Each kind of message that names a site file: the files, the text a line says, and the files it names.
CASES = {
    "an answer with the title of another": (
        {"Content/a.md": article(), "Content/b.md": article()},
        "../site/Content/b.md:2:8: warning: ../site/Content/a.md has this title too",
        ["Content/a.md"]),
    "a retracted source's answers": (
        {"Content/a.md": article(body="Text [@gone]."),
         "Content/bibliography/refs.yaml": "- id: gone\n  type: book\n  title: Gone\n  issued: {date-parts: [[2019]]}\n"
                                           "  URL: https://books.example.com/gone\n  note: 'Retracted: J 2020;1:2'\n"},
        "remove the claims that rest on it in ../site/Content/a.md (an answer",
        ["Content/a.md"]),
    "a link to a draft": (
        {"Content/a.md": article(body="Text [@used], [d](d.md)."), "Content/d.md": article("D?", draft="true")},
        "error: broken link 'd.md': ../site/Content/d.md is a draft",
        ["Content/d.md"]),
    "a link to a file the site does not publish": (
        {"Content/a.md": article(body="Text [@used], [m](missing.md).")},
        "error: broken link 'missing.md': the site publishes nothing from ../site/Content/missing.md (a link",
        []),
    "a link to a file of Public/": (
        {"Content/a.md": article(body="Text [@used], [l](../Public/leaflet.pdf)."), "Public/leaflet.pdf": "%PDF\n"},
        "the files of Public/ are published at the site's root (../site/Public/leaflet.pdf at /leaflet.pdf)",
        ["Public/leaflet.pdf"]),
    "two articles of one page": (
        {"Content/a.md": article(), "Content/a/index.md": article("Other?")},
        "../site/Content/a/index.md and ../site/Content/a.md both publish a/index.html",
        ["Content/a.md", "Content/a/index.md"]),
    "an entry defined otherwise in an article's file and site-wide": (
        {"Content/a.md": article(bibliography="refs.yaml"), "Content/refs.yaml": REFS.replace("title: Used", "title: Mine")},
        "'used' is the entry at ../site/Content/refs.yaml:1:3, the article's own, which its references print; the one of that key"
        " site-wide (at ../site/Content/bibliography/refs.yaml:1:3) differs in title",
        ["Content/refs.yaml", "Content/bibliography/refs.yaml"]),
    "a key defined twice": (
        {"Content/a.md": article(), "Content/bibliography/refs.yaml": REFS + REFS.replace("Used", "Again")},
        "duplicate bibliography key 'used' (also defined at ../site/Content/bibliography/refs.yaml:1:3)",
        ["Content/bibliography/refs.yaml"]),
    "a bibliography file not found": (
        {"Content/a.md": article(bibliography="nope.bib")},
        "bibliography file 'nope.bib' not found (looked for ../site/Content/nope.bib)",
        []),
    "a topic spelled otherwise": (
        {"Content/a.md": article(topic="Cardiology"), "Content/b.md": article("B?", topic="cardiology")},
        "the topic 'cardiology' is spelled 'Cardiology' in ../site/Content/a.md;",
        ["Content/a.md"]),
    "a key in a file the article does not read": (
        {"Content/a.md": article(body="Text [@beside]."),
         "Content/refs.bib": "@book{beside, title = {Beside}, year = {2019}, url = {https://books.example.com/b}}\n"},
        "it is in ../site/Content/refs.bib, which this article does not read",
        ["Content/refs.bib"]),
    "a template that never prints the body": (
        {"Content/a.md": article(layout="plain"), "Templates/plain.mustache": "<h1>{{title}}</h1>\n"},
        "the articles that use it (../site/Content/a.md) are left out",
        ["Content/a.md"]),
    "an article in a generated page's place": (
        {"Content/search.md": article("Search?")},
        "../site/Content/search.md would be published at search/index.html",
        ["Content/search.md"]),
    "a file of Public/ in an article's place": (
        {"Content/a.md": article(), "Public/a/index.html": "<p>a</p>\n"},
        "../site/Public/a/index.html takes the place of this article's page",
        ["Public/a/index.html"]),
}


@pytest.mark.parametrize("files, said, named", CASES.values(), ids=CASES.keys())
def test_a_file_a_message_names_is_named_from_the_folder_the_command_ran_in(tmp_path, files, said, named):
    here, stderr = check_from_beside(tmp_path, files)
    assert said in stderr, stderr
    # Named from there, as the location is: the file opens from the folder the command ran in.
    assert all((here / "../site" / path).exists() for path in named)
    # (Run in the site folder, the message names the file as before.)
    result = subprocess.run([SITEGEN, "check"], capture_output=True, text=True, cwd=tmp_path / "site")
    assert said.replace("../site/", "") in result.stderr, result.stderr


def test_new_names_the_file_it_wrote_as_messages_name_files(tmp_path):
    """`sitegen new -s ../site`: the file it wrote named from the folder the command ran in, as a message names it."""
    site = tmp_path / "site"
    (site / "Content").mkdir(parents=True)
    (site / "sitegen.yml").write_text("baseURL: https://answers.example.org/\n")
    here = tmp_path / "elsewhere"
    here.mkdir()
    result = subprocess.run([SITEGEN, "new", "-s", "../site", "--topic", "Heart", "Do statins work?"],
                            capture_output=True, text=True, cwd=here)
    assert result.returncode == 0, result.stderr
    said = result.stdout.splitlines()[0]
    assert said.startswith("Created ../site/Content/"), said
    assert (here / said.split()[1]).is_file(), said
