"""A first site in one command: `sitegen init`, `sitegen templates`, `--version` and the short flags."""
import os
import pathlib
import shlex
import subprocess

import yaml

PACKAGE = pathlib.Path(__file__).resolve().parents[2]
SITEGEN = os.environ.get("SITEGEN", str(PACKAGE / ".build" / "debug" / "sitegen"))


def sitegen(*arguments, cwd=None):
    return subprocess.run([SITEGEN, *arguments], capture_output=True, text=True, cwd=cwd)


def test_init_writes_a_site_that_builds_and_cites_a_source(tmp_path):
    site = tmp_path / "answers"
    # A project site on GitHub Pages (an address at example.org, kept for examples, is a warning of check).
    result = sitegen("init", str(site), "--base-url", "https://clinic.github.io/answers/")
    assert result.returncode == 0, result.stderr
    files = sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())
    assert files == [".github/workflows/pages.yml", ".gitignore", "Content/bibliography/references.json",
                     "Content/cardiology/statins-and-low-risk.md", "sitegen.yml"]
    assert yaml.safe_load((site / "sitegen.yml").read_text())["baseURL"] == "https://clinic.github.io/answers/"
    assert (site / ".gitignore").read_text().splitlines() == ["/Output/", "/.*.sitegen-*"]
    workflow = yaml.safe_load((site / ".github/workflows/pages.yml").read_text())
    assert [step.get("uses", "").split("@")[0] for step in workflow["jobs"]["deploy"]["steps"]] == ["actions/deploy-pages"]
    # It builds and passes the review as it is, with the short flags; the example answer is a warning, until replaced.
    result = sitegen("build", "-s", str(site))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    page = (site / "Output" / "cardiology" / "statins-and-low-risk" / "index.html").read_text()
    assert 'href="#ref-ctt2012"' in page and "https://doi.org/10.1016/S0140-6736(12)60367-5" in page
    result = sitegen("check", "-s", str(site))
    assert result.returncode == 0, result.stderr + result.stdout
    # The example's how-to is a comment in its source, not a paragraph of the answer without a citation.
    assert "0 errors, 1 warning" in result.stdout + result.stderr, result.stderr + result.stdout
    assert "statins-and-low-risk.md:3:10: warning: this is the example answer 'sitegen init' wrote" in result.stderr
    assert "[@one; @two]" in (site / "Content/cardiology/statins-and-low-risk.md").read_text()
    assert "[@one; @two]" not in page
    # One line switches the citation style.
    settings = site / "sitegen.yml"
    assert "citation-style: vancouver" in settings.read_text()
    settings.write_text(settings.read_text().replace("citation-style: vancouver", "citation-style: apa"))
    result = sitegen("build", "-s", str(site))
    assert result.returncode == 0, result.stderr
    page = (site / "Output" / "cardiology" / "statins-and-low-risk" / "index.html").read_text()
    assert '<span class="citation" id="cite-1">(<a href="#ref-ctt2012">' in page and '<ol class="unnumbered">' in page


def test_init_workflow_checks_the_site_with_its_base_url_before_building(tmp_path):
    site = tmp_path / "site"  # where the workflow checks the repository out
    assert sitegen("init", str(site), "--base-url", "https://clinic.github.io/answers/").returncode == 0
    steps = yaml.safe_load((site / ".github/workflows/pages.yml").read_text())["jobs"]["build"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    check = next(index for index, run in enumerate(runs) if " check " in run)
    build = next(index for index, run in enumerate(runs) if " build --source" in run)
    assert check < build
    base_url = "https://clinic.github.io/answers"  # configure-pages' base_url, without its last slash
    commands = [shlex.split(runs[index].replace("${{ steps.pages.outputs.base_url }}", base_url)) for index in (check, build)]
    assert commands[0][2:] == commands[1][2:]  # the same site and base URL
    # A root-relative link leads out of a project site's path: the check step fails, so nothing is published.
    answer = site / "Content/cardiology/statins-and-low-risk.md"
    answer.write_text(answer.read_text() + "\nSee [all topics](/topics/).\n")
    result = sitegen(*commands[0][1:], cwd=tmp_path)
    assert result.returncode == 1
    assert "error: broken link '/topics/': it leaves the site, whose pages are under /answers/" in result.stderr


def test_init_says_the_next_command_as_it_can_be_pasted(tmp_path):
    # The current folder needs no `cd`; a folder with a space or a quote is quoted for the shell.
    (tmp_path / "here").mkdir()
    result = sitegen("init", cwd=tmp_path / "here")
    assert result.returncode == 0, result.stderr
    assert "Next: sitegen serve " in result.stdout
    result = sitegen("init", "my answers", cwd=tmp_path)
    assert "Next: cd 'my answers' && sitegen serve " in result.stdout
    result = sitegen("init", "Rob's site", cwd=tmp_path)
    line = next(line for line in result.stdout.splitlines() if line.startswith("Next: "))
    command = line.removeprefix("Next: ").split(" && ")[0]
    assert subprocess.run(["sh", "-c", command + " && pwd"], cwd=tmp_path, capture_output=True, text=True).stdout.strip() == str(tmp_path / "Rob's site")


def test_init_without_a_base_url_writes_a_placeholder_that_check_rejects(tmp_path):
    result = sitegen("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    result = sitegen("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "warning: baseURL is still the placeholder" in result.stderr
    result = sitegen("check", cwd=tmp_path)
    assert result.returncode == 1
    assert "sitegen.yml:4:10: error: baseURL is still the placeholder" in result.stderr
    result = sitegen("check", "-b", "https://answers.example.org/", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "notes.txt").write_text("mine\n")
    result = sitegen("init", str(tmp_path))
    assert result.returncode == 2
    assert "is not empty (it holds 'notes.txt')" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    result = sitegen("init", str(tmp_path / "x"), "--base-url", "not a url")
    assert result.returncode == 2
    assert not (tmp_path / "x").exists()
    # A repository just made (`git init`) is a folder to start a site in; its .git is left as it was.
    repository = tmp_path / "repo"
    (repository / ".git").mkdir(parents=True)
    (repository / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    result = sitegen("init", str(repository), "--base-url", "https://answers.example.org/")
    assert result.returncode == 0, result.stderr
    assert (repository / "sitegen.yml").is_file() and (repository / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"
    # A clone of a repository a host started (a README, a licence, its .gitignore) too: they are left as they were, and
    # the .gitignore gets the site's lines after its own.
    clone = tmp_path / "clone"
    (clone / ".git").mkdir(parents=True)
    (clone / "README.md").write_text("# Answers\n")
    (clone / "LICENSE").write_text("MIT\n")
    (clone / ".gitignore").write_text("node_modules/\n*.log")
    result = sitegen("init", str(clone), "--base-url", "https://answers.example.org/")
    assert result.returncode == 0, result.stderr
    assert (clone / "README.md").read_text() == "# Answers\n" and (clone / "LICENSE").read_text() == "MIT\n"
    assert (clone / ".gitignore").read_text() == "node_modules/\n*.log\n# sitegen\n/Output/\n/.*.sitegen-*\n"
    assert sitegen("build", cwd=clone).returncode == 0
    # A Hugo site, or a sitegen site already: what to do instead, and nothing written.
    hugo = tmp_path / "hugo"
    (hugo / "content" / "posts").mkdir(parents=True)
    (hugo / "hugo.toml").write_text('baseURL = "https://example.org/"\n')
    result = sitegen("init", str(hugo))
    assert result.returncode == 2
    assert "it is Hugo's site: to build its articles with sitegen, write a sitegen.yml (title, baseURL) beside them" in result.stderr
    assert sorted(p.name for p in hugo.iterdir()) == ["content", "hugo.toml"]
    assert sitegen("init", str(tmp_path / "mine")).returncode == 0
    result = sitegen("init", str(tmp_path / "mine"))
    assert result.returncode == 2 and "it is a sitegen site already" in result.stderr


def test_templates_are_copied_out_once_and_then_used(tmp_path):
    assert sitegen("init", str(tmp_path), "-b", "https://example.org/").returncode == 0
    result = sitegen("templates", "-s", str(tmp_path))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "Templates").iterdir())
    assert names == ["404.mustache", "article-list.mustache", "article.mustache", "base.mustache", "home.mustache",
                     "pagination.mustache", "search.mustache", "topic.mustache", "topics.mustache"]
    before = (tmp_path / "Templates" / "base.mustache").read_text()
    result = sitegen("templates", "-s", str(tmp_path))
    assert result.returncode == 2
    assert "already exists; nothing was written" in result.stderr
    assert (tmp_path / "Templates" / "base.mustache").read_text() == before
    # The copies build the same site as the built-in templates.
    assert sitegen("build", "-s", str(tmp_path), "-o", str(tmp_path / "with")).returncode == 0
    for path in (tmp_path / "Templates").iterdir():
        path.unlink()
    (tmp_path / "Templates").rmdir()
    assert sitegen("build", "-s", str(tmp_path), "-o", str(tmp_path / "without")).returncode == 0
    for page in (tmp_path / "without").rglob("*.html"):
        assert page.read_bytes() == (tmp_path / "with" / page.relative_to(tmp_path / "without")).read_bytes(), page


def test_version_and_short_flags(tmp_path):
    result = sitegen("--version")
    assert result.returncode == 0
    assert result.stdout.strip().count(".") == 2
    assert sitegen("init", str(tmp_path), "-b", "https://example.org/").returncode == 0
    (tmp_path / "Content" / "draft.md").write_text("---\ntitle: Draft?\ndraft: true\n---\nText.\n")
    result = sitegen("build", "-s", str(tmp_path), "-o", str(tmp_path / "out"))
    assert "skipped 1 draft" in result.stdout
    assert not (tmp_path / "out" / "draft").exists()
    result = sitegen("build", "-s", str(tmp_path), "-o", str(tmp_path / "out"), "-D", "-b", "https://other.example.org/")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "draft" / "index.html").exists()
    assert "https://other.example.org/" in (tmp_path / "out" / "sitemap.xml").read_text()


def test_a_mistyped_command_is_named_with_the_one_meant(tmp_path):
    result = sitegen("biuld", "-s", str(tmp_path))
    assert result.returncode == 64
    assert "Unknown command 'biuld'. Did you mean 'build'?" in result.stderr
    assert "Did you mean 'serve'?" in sitegen("serv").stderr
    result = sitegen("publish")
    assert result.returncode == 64
    assert "The commands are init, build, serve, check, new, templates." in result.stderr
    assert list(tmp_path.iterdir()) == []
    # A real command, and help for one, still run; help for a mistyped one names the one meant.
    assert sitegen("help", "build").returncode == 0
    result = sitegen("help", "biuld")
    assert result.returncode == 64
    assert "Unknown command 'biuld'. Did you mean 'build'?" in result.stderr
    assert "always watches" in sitegen("serve", "--watch").stderr
    # A negative port is a number out of range, not a missing value.
    for port in ["-1", "0", "70000"]:
        result = sitegen("serve", "-s", str(tmp_path), "--port", port)
        assert result.returncode == 64
        assert "--port must be between 1 and 65535" in result.stderr, result.stderr


def test_a_folder_given_without_its_option_says_which_option_takes_it(tmp_path):
    site = tmp_path / "answers"
    assert sitegen("init", str(site), "--base-url", "https://answers.example.org/").returncode == 0
    # `sitegen init answers` takes the folder so; build, serve and check take it with --source.
    result = sitegen("build", "answers", cwd=tmp_path)
    assert result.returncode == 64
    assert "unexpected argument 'answers'; the site folder is given with --source: sitegen build --source answers" in result.stderr
    result = sitegen("templates", "answers", cwd=tmp_path)
    assert result.returncode == 64
    assert "the site folder is given with --source: sitegen templates --source answers" in result.stderr
    assert not (site / "Templates").exists()
    # The site's Content/ (or a folder in it) names the site folder.
    for command in ("build", "serve", "check"):
        result = sitegen(command, "Content/cardiology", cwd=site)
        assert result.returncode == 64
        assert f"is a folder inside the site: give the site folder with --source, sitegen {command} --source ." in result.stderr
    result = sitegen("check", str(site / "Content"), cwd=tmp_path)
    assert "sitegen check --source answers" in result.stderr
    # A folder that does not exist was meant as the output, by build; a folder with no site is said to have none.
    assert "the output folder is given with --output (sitegen build --output public)" in sitegen("build", "public", cwd=site).stderr
    assert "no such folder" in sitegen("build", "-o", "out", "public", cwd=site).stderr
    # After a flag it is stray all the same; after a mistyped option, the parser names the option meant.
    for flag in ("-D", "--drafts", "--force"):
        assert "unexpected argument 'public'" in sitegen("build", flag, "public", cwd=site).stderr
    assert "unexpected argument 'public'" in sitegen("check", "--warnings-as-errors", "public", cwd=site).stderr
    result = sitegen("build", "--ouput", "public", cwd=site)
    assert result.returncode == 64 and "Unknown option '--ouput'. Did you mean '--output'?" in result.stderr
    assert "no site is there" in sitegen("check", str(tmp_path)).stderr
    # Nothing was built.
    assert not (site / "Output").exists() and not (site / "public").exists() and not (site / "out").exists()


def test_new_takes_the_question_quoted_or_not(tmp_path):
    assert sitegen("init", str(tmp_path / "site"), "--base-url", "https://a.example.org/").returncode == 0
    result = sitegen("new", "Do", "statins", "cause", "muscle", "pain?", "--topic", "Cardiology", "-s", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    article = tmp_path / "site" / "Content" / "cardiology" / "do-statins-cause-muscle-pain.md"
    assert 'title: "Do statins cause muscle pain?"' in article.read_text()
    result = sitegen("new", "-s", str(tmp_path / "site"))
    assert result.returncode == 64 and "Missing expected argument '<question> ...'" in result.stderr


def test_another_generators_options_and_commands_get_sitegens(tmp_path):
    """What users of Hugo, Zola and Jekyll type from habit: the parser's bare "Unknown option" would not say what
    sitegen calls it, and `sitegen new site mysite` made an article asking "site mysite"."""
    site = tmp_path / "site"
    assert sitegen("init", str(site), "--base-url", "https://a.example.org/").returncode == 0
    expected = {
        ("build", "--baseURL", "https://b.example.org/"): "Unknown option '--baseURL'. Did you mean '--base-url'?",
        ("build", "--baseURL=https://b.example.org/"): "Unknown option '--baseURL'. Did you mean '--base-url'?",
        ("build", "--destination", "public"): "Did you mean '--output'? (Hugo's --destination is sitegen's --output)",
        ("build", "-d", "public"): "Did you mean '--output'? (Hugo's -d is sitegen's --output)",
        ("build", "--output-dir", "public"): "Did you mean '--output'? (Zola's --output-dir is sitegen's --output)",
        ("build", "--buildDrafts"): "Did you mean '--drafts'?",
        ("build", "--watch"): "sitegen serve rebuilds it on every change",
        ("build", "--root", "."): "Did you mean '--source'? (Zola's --root",
        ("check", "--config", "hugo.toml"): "sitegen reads its settings from sitegen.yml",
        ("serve", "--bind", "0.0.0.0"): "Did you mean '--host'? (Hugo's --bind",
        ("serve", "--interface", "0.0.0.0"): "Did you mean '--host'? (Zola's --interface",
        ("serve", "--destination", "public"): "sitegen serve builds into a private preview folder",
        # Their typos, as the parser suggests for sitegen's own.
        ("build", "--destinaton", "public"): "Unknown option '--destinaton'. Did you mean '--output'? (Hugo's --destination",
        ("build", "--basURL", "https://b.example.org/"): "Unknown option '--basURL'. Did you mean '--base-url'?",
        ("serve", "--buildDraft"): "Did you mean '--drafts'?",
        # A question that starts with a dash is read as an option (the parser said the question was missing).
        ("new", "-5 kg in a week?"): "A question that starts with '-' is read as an option; put -- before it: sitegen new -- \"-5 kg in a week?\"",
        ("build", "--ouput", "public"): "Unknown option '--ouput'. Did you mean '--output'?",
        ("build", "--base-ur", "https://b.example.org/"): "Did you mean '--base-url'?",
        # A server's options given to a command that runs none, and Hugo's `version` command.
        ("build", "--port", "3"): "--port is an option of sitegen serve, which previews the site; sitegen build runs no server",
        ("check", "--host", "0.0.0.0"): "--host is an option of sitegen serve",
        ("version",): "Unknown command 'version'. Did you mean 'sitegen --version'?",
    }
    for arguments, message in expected.items():
        result = sitegen(*arguments, cwd=site)
        assert result.returncode == 64 and message in result.stderr, (arguments, result.stderr)
    assert not (site / "Output").exists() and not (site / "public").exists()
    # `sitegen build -- x` is a stray argument too, not a build that leaves it out.
    result = sitegen("build", "--", "--watch", cwd=site)
    assert result.returncode == 64 and "unexpected argument '--watch'" in result.stderr
    assert not (site / "Output").exists()

    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    result = sitegen("new", "site", "mysite", cwd=site)
    assert result.returncode == 1 and "a new site is made with sitegen init mysite (Hugo's 'hugo new site')" in result.stderr
    result = sitegen("new", "content/posts/first.md", cwd=site)
    assert result.returncode == 1 and "'content/posts/first.md' is a file's path" in result.stderr
    # Places the site uses for something else, which every build would refuse or leave unpublished.
    for args, said in [
        (["Search"], "the site's search page is at its address (/search/)"),
        (["Topics"], "the site's list of topics is at its address (/topics/)"),
        (["Index"], "Content/index.md is the home page's introduction"),
        (["Is iron useful?", "--topic", "Bibliography"], "Content/bibliography/ holds the site's bibliography files"),
        (["Is iron useful?", "--topic", "Topics"], "the site's topic pages are at topics/"),
    ]:
        result = sitegen("new", *args, cwd=site)
        assert result.returncode == 1 and said in result.stderr, (args, result.stderr)
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    # A topic's folder that is a link leads elsewhere, where no build reads: nothing is written through it.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (site / "Content" / "evil").symlink_to(elsewhere)
    result = sitegen("new", "Through a link?", "--topic", "evil", cwd=site)
    assert result.returncode == 1 and "Content/evil is a symbolic link, and sitegen follows none" in result.stderr, result.stderr
    assert list(elsewhere.iterdir()) == []
    (site / "Content" / "evil").unlink()
    # A question that only has a slash in it is a question.
    result = sitegen("new", "Is a 1/2 dose enough?", cwd=site)
    assert result.returncode == 0 and (site / "Content" / "is-a-1-2-dose-enough.md").is_file()

    # A folder that is no site gets no Content/ from `new`, nor Templates/ from `templates`, as `build` refuses it;
    # `templates --output` writes where it is told.
    empty = tmp_path / "empty"
    empty.mkdir()
    result = sitegen("new", "Is it safe?", cwd=empty)
    assert result.returncode == 2 and "not a sitegen site" in result.stderr and "sitegen init" in result.stderr
    result = sitegen("templates", cwd=empty)
    assert result.returncode == 2 and "not a sitegen site" in result.stderr
    # Every command refuses the folder with exit 2, as `build` does; a site's own problems exit 1.
    for command in (["build"], ["check"], ["serve", "--port", "18769"]):
        result = subprocess.run([SITEGEN, *command], capture_output=True, text=True, cwd=empty, timeout=20)
        assert result.returncode == 2 and "not a sitegen site" in result.stderr, (command, result.stderr)
    for command in (["check"], ["serve", "--port", "18769"], ["new", "Is it safe?"]):
        result = sitegen(*command, "--source", str(tmp_path / "missing"))
        assert result.returncode == 2 and "site folder does not exist" in result.stderr, (command, result.stderr)
    assert list(empty.iterdir()) == []
    assert sitegen("templates", "--output", str(empty / "mine"), cwd=empty).returncode == 0
    assert (empty / "mine" / "article.mustache").is_file()
    # A folder that cannot be made is named, with why.
    (empty / "afile").write_text("x")
    result = sitegen("templates", "--output", str(empty / "afile"), cwd=empty)
    assert result.returncode != 0 and f"{empty / 'afile'}:1:1: error: cannot create the folder: it is a file, not a folder" in result.stderr
    result = sitegen("init", str(empty / "afile" / "site"))
    assert result.returncode != 0 and "cannot create the folder" in result.stderr and str(empty / "afile") in result.stderr


def test_serving_on_every_interface_is_said_and_prints_an_address_to_open(tmp_path):
    import socket
    import time
    site = tmp_path / "answers"
    assert sitegen("init", str(site), "--base-url", "https://answers.example.org/").returncode == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([SITEGEN, "serve", "-s", str(site), "--host", "0.0.0.0", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        deadline = time.time() + 60
        while time.time() < deadline:
            line = process.stdout.readline()
            lines.append(line)
            if line.startswith("Serving") or not line:
                break
        output = "".join(lines)
        assert "warning: listening on every network interface (0.0.0.0)" in output, output
        assert f"at http://localhost:{port}/" in output, output
        assert "0.0.0.0:" not in output, output
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_columns_count_characters_as_editors_do(tmp_path):
    # A line with letters of more than one byte before the mistake: its column is the editor's, in characters.
    site = tmp_path / "site"
    assert sitegen("init", str(site), "-b", "https://answers.example.org/").returncode == 0
    article = site / "Content" / "cardiology" / "doses.md"
    article.write_text("---\ntitle: Doses?\nreviewed: 2026-01-01\n---\nDoses ≥5 µg [@nokey].\n\nSee [the café](../cafe/) [@ctt2012].\n")
    result = sitegen("build", cwd=site)
    assert result.returncode == 1
    assert "Content/cardiology/doses.md:5:14: error: unknown citation key 'nokey'" in result.stderr, result.stderr
    article.write_text("---\ntitle: Doses?\nreviewed: 2026-01-01\n---\nDoses ≥5 µg [@ctt2012].\n\nSee [the café](../cafe/) [@ctt2012].\n")
    result = sitegen("check", cwd=site)
    assert "Content/cardiology/doses.md:7:16: error: broken link '../cafe/'" in result.stderr, result.stderr
    # From the folder above, with --source: the path as reached from there, which a terminal or an editor opens.
    result = sitegen("check", "--source", "site", cwd=tmp_path)
    lines = result.stderr.splitlines()
    assert "site/Content/cardiology/doses.md:7:16: error: broken link '../cafe/'" in "\n".join(lines), result.stderr
    assert lines[0].startswith("site/sitegen.yml:3:10: warning:"), result.stderr
    assert all((tmp_path / line.split(":")[0]).is_file() for line in lines[:2]), result.stderr
