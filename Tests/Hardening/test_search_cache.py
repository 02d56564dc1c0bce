"""A build over its previous output takes the search terms of unchanged answers from the spare (`.sitegen-search`),
in a new process as a user runs it: after every edit, the output is what a first build of the same site writes, and
the file is never published."""
import hashlib
import os
import pathlib
import subprocess

PACKAGE = pathlib.Path(__file__).resolve().parents[2]
SITEGEN = os.environ.get("SITEGEN", str(PACKAGE / ".build" / "debug" / "sitegen"))

SETTINGS = "title: T\nbaseURL: https://example.org/\nsearch:\n  synonyms:\n    - [heart attack, myocardial infarction]\n"


def answer(title, body, tags="[statins]"):
    return (f"---\ntitle: {title}\nsummary: About {title.lower()}\ntopic: Heart\ntags: {tags}\n"
            f"questions: [Is it safe?]\n---\n{body}\n")


def files(folder):
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(pathlib.Path(folder).rglob("*")) if path.is_file()}


def build(site, output):
    result = subprocess.run([SITEGEN, "build", "--output", str(output)], capture_output=True, text=True, cwd=site)
    assert result.returncode == 0, result.stderr
    return files(output)


def test_rebuilds_after_edits_write_what_a_first_build_writes(tmp_path):
    site = tmp_path / "site"
    (site / "Content").mkdir(parents=True)
    (site / "sitegen.yml").write_text(SETTINGS)
    (site / "Content" / "b.md").write_text(answer("Do statins hurt muscles?", "Muscle aches are common. A heart attack is rarer."))
    (site / "Content" / "c.md").write_text(answer("Is aspirin worth taking?", "After a myocardial infarction, aspirin helps."))
    edits = [
        None,
        None,
        None,
        ("Content/c.md", answer("Is aspirin worth taking?", "After a myocardial infarction, aspirin and exercise help.")),
        None,
        ("Content/d.md", answer("What is blood pressure?", "Pressure in the arteries, measured in millimetres of mercury.")),
        ("Content/a.md", answer("Are eggs bad for the heart?", "Eggs raise cholesterol a little; a heart attack is rare.")),
        None,
        # Words no answer says any more ("rarer", "exercise"): the file's stems are numbered again without them.
        ("Content/b.md", answer("Do statins hurt muscles?", "Muscle aches are common.", tags="[muscles, statins]")),
        ("Content/c.md", answer("Is aspirin worth taking?", "After a myocardial infarction, aspirin helps.")),
        None,
        None,
        ("sitegen.yml", SETTINGS + "    - [high blood pressure, hypertension]\n"),
        None,
        None,
    ]
    for step, edit in enumerate(edits):
        if edit:
            (site / edit[0]).write_text(edit[1])
        built = build(site, site / "Output")
        fresh = build(site, tmp_path / f"fresh{step}")
        assert built == fresh, f"step {step}: {edit and edit[0]}"
        assert not any(".sitegen-search" in path for path in built)
    assert (site / ".Output.sitegen-spare" / ".sitegen-search").is_file()
