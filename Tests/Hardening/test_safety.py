"""Safe by default: a build never writes into, moves or deletes a folder that sitegen did not make, and a
mistaken --source or --output is refused with exit 2 before anything is touched."""
import hashlib
import os
import pathlib
import subprocess

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parents[2]
SITEGEN = os.environ.get("SITEGEN", str(PACKAGE / ".build" / "debug" / "sitegen"))

ARTICLE = "---\ntitle: Does it help?\n---\nYes.\n"


def sitegen(*arguments, cwd=None):
    return subprocess.run([SITEGEN, *arguments], capture_output=True, text=True, cwd=cwd)


def tree(folder):
    """Every path below a folder (files, folders, links) with the bytes of each file: what 'untouched' compares."""
    result = {}
    for path in sorted(pathlib.Path(folder).rglob("*")):
        relative = str(path.relative_to(folder))
        if path.is_symlink():
            result[relative] = "link:" + os.readlink(path)
        elif path.is_dir():
            result[relative] = "folder"
        else:
            result[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    (root / "Content" / "heart").mkdir(parents=True)
    (root / "Content" / "heart" / "statins.md").write_text(ARTICLE)
    (root / "Content" / "index.md").write_text("---\ntitle: Home\n---\nHello.\n")
    (root / "Templates").mkdir()
    (root / "Public").mkdir()
    (root / "Public" / "robots-extra.txt").write_text("keep me\n")
    (root / "sitegen.yml").write_text("title: T\nbaseURL: https://example.org/\n")
    return root


@pytest.mark.parametrize("output", ["Content", ".", "Templates", "Public", "Content/out", ".."])
def test_a_folder_holding_the_sources_is_refused_twice_and_left_alone(site, output):
    before = tree(site.parent)
    for _ in range(2):
        result = sitegen("build", "--source", str(site), "--output", output, cwd=site)
        assert result.returncode == 2, result.stderr
        assert "refusing to build into" in result.stderr
        assert "Nothing was built or changed." in result.stderr
        # --force never takes a folder that holds the sources.
        result = sitegen("build", "--source", str(site), "--output", output, "--force", cwd=site)
        assert result.returncode == 2, result.stderr
    assert tree(site.parent) == before


def test_a_folder_of_the_users_files_is_refused_unless_forced(site):
    docs = site / "docs"
    docs.mkdir()
    (docs / "notes.txt").write_text("my notes\n")
    before = tree(site.parent)
    result = sitegen("build", "--source", str(site), "--output", str(docs))
    assert result.returncode == 2
    assert f"{docs}:1:1: error: refusing to build into a folder that sitegen did not make (it holds 'notes.txt')" in result.stderr
    assert "--force" in result.stderr
    assert tree(site.parent) == before
    # Forced, it is replaced by the site, and is sitegen's from then on: the next build needs no --force.
    result = sitegen("build", "--source", str(site), "--output", str(docs), "--force")
    assert result.returncode == 0, result.stderr
    assert (docs / "heart" / "statins" / "index.html").exists()
    assert not (docs / "notes.txt").exists()
    result = sitegen("build", "--source", str(site), "--output", str(docs))
    assert result.returncode == 0, result.stderr


def test_a_file_as_output_is_refused(site):
    (site / "out.txt").write_text("text\n")
    result = sitegen("build", "--source", str(site), "--output", str(site / "out.txt"), "--force")
    assert result.returncode == 2
    assert "is a file, not a folder" in result.stderr
    assert (site / "out.txt").read_text() == "text\n"


def test_missing_and_empty_folders_are_taken_and_marked(site, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    for output in (empty, tmp_path / "new" / "deeper"):
        result = sitegen("build", "--source", str(site), "--output", str(output))
        assert result.returncode == 0, result.stderr
        assert (output / ".sitegen-output").is_file()
        assert (output / "heart" / "statins" / "index.html").is_file()


def test_a_missing_source_is_an_error_and_creates_nothing(tmp_path):
    missing = tmp_path / "no-such-site"
    result = sitegen("build", "--source", str(missing))
    assert result.returncode == 2
    assert f"{missing}:1:1: error: site folder does not exist" in result.stderr
    assert not missing.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_spare_that_sitegen_did_not_make_is_never_touched(site):
    spare = site / ".Output.sitegen-spare"
    spare.mkdir()
    (spare / "mine.txt").write_text("mine\n")
    before = tree(spare)
    for _ in range(3):
        result = sitegen("build", "--source", str(site))
        assert result.returncode == 0, result.stderr
    assert tree(spare) == before
    # The builds still leave nothing else beside the output but their lock file.
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".")) == [".Output.sitegen-lock", ".Output.sitegen-spare"]
    assert (site / "Output" / "heart" / "statins" / "index.html").exists()
