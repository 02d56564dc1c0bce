"""Kill safety and unwritable output: a build killed with SIGKILL at any moment, or one that cannot write, leaves the
output folder exactly as a complete build left it, and the next build succeeds without leftovers."""
import hashlib
import os
import pathlib
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parents[2]
SITEGEN = os.environ.get("SITEGEN", str(PACKAGE / ".build" / "debug" / "sitegen"))


def snapshot(folder):
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def build(source, output, **kwargs):
    return subprocess.run([SITEGEN, "build", "--source", str(source), "--output", str(output)],
                          capture_output=True, text=True, **kwargs)


def set_title(site, title):
    (site / "sitegen.yml").write_text(f"title: {title}\nbaseURL: https://example.org/\nlanguage: en\n")


def leftovers(output):
    """Folders a build left beside the output, but the spare (the site before, which the next build rewrites) and the
    lock file (one build at a time writes the output; the lock is let go of when the process ends, however it ends)."""
    return sorted(name for name in os.listdir(output.parent)
                  if name.startswith(f".{output.name}.sitegen-")
                  and name not in (f".{output.name}.sitegen-spare", f".{output.name}.sitegen-lock"))


def default_signals():
    """In the build's process before it starts: the signals a build catches as a terminal's shell leaves them. A test
    run in the background of a script starts with SIGINT ignored, and a build keeps a signal ignored that it started
    with (as `nohup` asks of SIGHUP)."""
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)


def wait_for_staging(process, folder, prefix):
    """Returns as soon as a folder whose name starts with `prefix` is in `folder`, or the process has ended."""
    while process.poll() is None and not any(name.startswith(prefix) for name in os.listdir(folder)):
        pass


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("large")
    subprocess.run([sys.executable, str(PACKAGE / "Benchmarks" / "corpus.py"), "400", str(root)], check=True,
                   stdout=subprocess.DEVNULL)
    return root / "sitegen"


def test_sigkill_at_random_moments_never_loses_the_site(large_site, tmp_path):
    output = tmp_path / "Output"
    # The two versions of the site the test switches between (every page differs), each built once whole.
    expected = {}
    for title in ("Version A", "Version B"):
        set_title(large_site, title)
        result = build(large_site, tmp_path / f"reference-{title[-1]}")
        assert result.returncode == 0, result.stderr
        expected[title] = snapshot(tmp_path / f"reference-{title[-1]}")
    assert expected["Version A"] != expected["Version B"]
    set_title(large_site, "Version A")
    assert build(large_site, output).returncode == 0
    current = "Version A"
    # How long the builds that are killed take: one version built over the other in the same output folder (a build
    # into a new folder takes longer, so kills timed by it land after the build as often as not).
    durations = []
    for _ in range(3):
        target = "Version B" if current == "Version A" else "Version A"
        set_title(large_site, target)
        started = time.monotonic()
        result = build(large_site, output)
        durations.append(time.monotonic() - started)
        assert result.returncode == 0, result.stderr
        current = target

    rng = random.Random(8)
    killed_mid_build = 0
    for attempt in range(20):
        target = "Version B" if current == "Version A" else "Version A"
        set_title(large_site, target)
        process = subprocess.Popen([SITEGEN, "build", "--source", str(large_site), "--output", str(output)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, min(durations) * 0.95))
        if process.poll() is None:
            killed_mid_build += 1
        process.send_signal(signal.SIGKILL)
        process.wait()
        # Whole: the site before the build, or (killed after the swap) the site it built. Never a mixture.
        state = snapshot(output)
        assert state in (expected[current], expected[target]), f"attempt {attempt}: output is neither complete site"
        # The next build puts things right and leaves nothing behind.
        result = build(large_site, output)
        assert result.returncode == 0, result.stderr
        assert snapshot(output) == expected[target]
        assert leftovers(output) == []
        current = target
    assert killed_mid_build >= 15, f"only {killed_mid_build} of 20 kills landed during a build"


def test_ctrl_c_sigterm_or_sighup_mid_build_leaves_no_staging_folder(large_site, tmp_path):
    """Interrupted (Ctrl-C, `kill`, its terminal closed), a build's staging folder (a second copy of the site) becomes the spare at once: nothing is left
    beside the output but the spare and the lock, before any next build, and the output is whole."""
    output = tmp_path / "Output"
    set_title(large_site, "Version A")
    assert build(large_site, output).returncode == 0
    before = snapshot(output)
    started = time.monotonic()
    set_title(large_site, "Version B")
    assert build(large_site, tmp_path / "timing").returncode == 0
    duration = time.monotonic() - started
    interrupted = 0
    for attempt, number in enumerate([signal.SIGINT, signal.SIGTERM, signal.SIGHUP] * 3):
        process = subprocess.Popen([SITEGEN, "build", "--source", str(large_site), "--output", str(output)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=default_signals)
        time.sleep(duration * (0.2 + 0.05 * attempt))
        if process.poll() is None:
            process.send_signal(number)
            interrupted += process.wait() == 128 + number
        process.wait()
        assert leftovers(output) == [], f"attempt {attempt}"
        assert snapshot(output) in (before, snapshot(tmp_path / "timing"))
    assert interrupted >= 4, f"only {interrupted} of 9 signals landed during a build"
    assert build(large_site, output).returncode == 0 and leftovers(output) == []


def test_a_signal_the_moment_the_staging_folder_appears_puts_it_back_as_the_spare(large_site, tmp_path):
    """The spare becomes the staging folder by a rename, and signals are caught from before it: a signal sent the
    moment the staging folder appears is caught (exit 128 + the signal), and the folder is the spare again, not left
    beside the output under its staging name (as when signals were caught only once it existed)."""
    output = tmp_path / "Output"
    set_title(large_site, "Version A")
    assert build(large_site, output).returncode == 0
    before = snapshot(output)
    set_title(large_site, "Version B")
    staging = f".{output.name}.sitegen-staging-"
    for attempt, number in enumerate([signal.SIGINT, signal.SIGTERM, signal.SIGHUP] * 4):
        process = subprocess.Popen([SITEGEN, "build", "--source", str(large_site), "--output", str(output)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=default_signals)
        wait_for_staging(process, tmp_path, staging)
        assert process.poll() is None, f"attempt {attempt}: the build ended before its staging folder was seen"
        process.send_signal(number)
        assert process.wait() == 128 + number, f"attempt {attempt}"
        assert leftovers(output) == [], f"attempt {attempt}"
        assert snapshot(output) == before
    assert build(large_site, output).returncode == 0 and leftovers(output) == []


def test_a_build_started_with_sighup_ignored_goes_on_when_its_terminal_closes(large_site, tmp_path):
    """`nohup sitegen build` asks for the build to outlive its terminal: SIGHUP, ignored when it started, stays
    ignored, and the build finishes and swaps its site in."""
    output = tmp_path / "Output"
    set_title(large_site, "Version A")
    assert build(large_site, output).returncode == 0
    set_title(large_site, "Version B")
    assert build(large_site, tmp_path / "expected").returncode == 0
    process = subprocess.Popen([SITEGEN, "build", "--source", str(large_site), "--output", str(output)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))
    wait_for_staging(process, tmp_path, f".{output.name}.sitegen-staging-")
    assert process.poll() is None, "the build ended before its staging folder was seen"
    process.send_signal(signal.SIGHUP)
    assert process.wait() == 0
    assert snapshot(output) == snapshot(tmp_path / "expected")
    assert leftovers(output) == []


def small_site(root):
    (root / "Content").mkdir(parents=True)
    (root / "Content" / "a.md").write_text("---\ntitle: A\n---\n" + "Some text. " * 2000 + "\n")
    set_title(root, "Small")


def can_mount():
    return os.geteuid() == 0 and shutil.which("mount") is not None


@pytest.mark.skipif(not can_mount(), reason="mounting a tmpfs needs root")
def test_full_disk_fails_clearly_and_keeps_the_previous_site(tmp_path):
    source = tmp_path / "site"
    small_site(source)
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)]).returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs")
    try:
        output = disk / "Output"
        set_title(source, "Small")
        (source / "Content" / "a.md").write_text("---\ntitle: A\n---\nShort.\n")
        assert build(source, output).returncode == 0
        before = snapshot(output)
        # A page too large for what is left on the disk.
        (source / "Content" / "a.md").write_text("---\ntitle: A\n---\n" + "Some text. " * 30000 + "\n")
        result = build(source, output)
        assert result.returncode != 0
        assert "error: cannot write" in result.stderr and "No space left on device" in result.stderr, result.stderr
        assert snapshot(output) == before
        assert leftovers(output) == []
    finally:
        subprocess.run(["umount", str(disk)])


@pytest.mark.skipif(not can_mount(), reason="mounting a tmpfs needs root")
def test_init_on_a_full_disk_leaves_no_half_site(tmp_path):
    """Half a site would pass for a whole one, and a second `init` would refuse the folder: what init wrote goes."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12k", "tmpfs", str(disk)]).returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs")
    try:
        (disk / "empty").mkdir()
        for folder, kept in ((disk / "new", False), (disk / "empty", True)):
            result = subprocess.run([SITEGEN, "init", str(folder)], capture_output=True, text=True)
            assert result.returncode != 0 and "No space left on device" in result.stderr, result.stderr
            assert folder.exists() == kept and (not kept or list(folder.iterdir()) == [])
    finally:
        subprocess.run(["umount", str(disk)])


def test_read_only_output_folder_fails_clearly_and_keeps_the_previous_site(tmp_path):
    source = tmp_path / "site"
    small_site(source)
    parent = tmp_path / "public"
    output = parent / "Output"
    assert build(source, output).returncode == 0
    before = snapshot(output)
    (source / "Content" / "a.md").write_text("---\ntitle: Changed\n---\nChanged.\n")
    # root ignores permission bits; the immutable attribute stops it too.
    if os.geteuid() == 0:
        if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(parent)], capture_output=True).returncode != 0:
            pytest.skip("cannot make a folder read-only for root here")
        undo = ["chattr", "-i", str(parent)]
    else:
        parent.chmod(0o555)
        undo = ["chmod", "755", str(parent)]
    try:
        result = build(source, output)
        assert result.returncode != 0
        assert "error:" in result.stderr and ("Operation not permitted" in result.stderr
                                              or "Permission denied" in result.stderr), result.stderr
        assert snapshot(output) == before
    finally:
        subprocess.run(undo)
    assert leftovers(output) == []
