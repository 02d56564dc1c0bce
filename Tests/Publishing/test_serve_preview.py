"""`sitegen serve`'s preview folder: readable by its user only (it holds drafts), removed when the terminal closes
(SIGHUP) as on Ctrl-C, and the folders of previews whose process died are removed by the next; `Public/`'s dot
folders are served as the build publishes them."""
import os
import pathlib
import signal
import socket
import stat
import subprocess
import time
import urllib.error
import urllib.request

PACKAGE = pathlib.Path(__file__).resolve().parents[2]
SITEGEN = os.environ.get("SITEGEN", str(PACKAGE / ".build" / "debug" / "sitegen"))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""
    except urllib.error.URLError:
        return None, ""


def test_the_preview_folder_is_private_and_removed_on_hang_up(tmp_path):
    site = tmp_path / "site"
    assert subprocess.run([SITEGEN, "init", str(site), "-b", "https://x.org/"], capture_output=True).returncode == 0
    (site / "Public" / ".well-known").mkdir(parents=True)
    (site / "Public" / ".well-known" / "security.txt").write_text("Contact: mailto:a@x.org\n")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    # A preview left by a process that is gone (pid 2^22 + 1 is above Linux's largest), and one of a live process.
    stale = temporary / "sitegen-preview-4194305-0A1B"
    (stale / "draft").mkdir(parents=True)
    alive = temporary / f"sitegen-preview-{os.getpid()}-0A1B"
    alive.mkdir()
    port = free_port()
    process = subprocess.Popen([SITEGEN, "serve", "-s", str(site), "-p", str(port)], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, env={**os.environ, "TMPDIR": str(temporary)})
    try:
        for _ in range(100):
            if get(f"http://127.0.0.1:{port}/")[0] == 200:
                break
            time.sleep(0.1)
        previews = [p for p in temporary.iterdir() if p not in (alive,)]
        assert len(previews) == 1 and previews[0] != stale, previews
        assert stat.S_IMODE(previews[0].stat().st_mode) == 0o700
        assert alive.exists()
        assert get(f"http://127.0.0.1:{port}/.well-known/security.txt") == (200, "Contact: mailto:a@x.org\n")
        process.send_signal(signal.SIGHUP)
        assert process.wait(timeout=10) == 0
        assert not previews[0].exists()
    finally:
        if process.poll() is None:
            process.kill()
