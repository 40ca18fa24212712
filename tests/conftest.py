import os
import re
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PROJECTS = Path(__file__).resolve().parent / "projects"


def write_files(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def run_rolebook(*args: str, cwd: Path, timeout: float = 60, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real command line, as a user would."""
    return subprocess.run([sys.executable, "-m", "rolebook", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, env=env)


@pytest.fixture
def project(tmp_path):
    """A factory for throw-away projects: project({'role_specs/a.yaml': '...'})."""

    def make(files: dict[str, str]) -> Path:
        return write_files(tmp_path, files)

    return make


def git(root: Path, *args: str, author: str = "HR") -> str:
    """Run git in a test repository as an HR author (and committer)."""
    env = {**os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "hr@example.com",
           "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": "hr@example.com"}
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True, env=env).stdout


def copy_project(source: Path, root: Path) -> Path:
    """A throw-away copy of a sample project (or of the repository's example project)."""
    # .rolebook: a working tree's cache, which a fresh clone does not have
    shutil.copytree(source, root, ignore=shutil.ignore_patterns("build", ".setuptools-build", "tests", ".git",
                                                                ".rolebook", "*.egg-info", ".hypothesis"))
    return root


def build_copy(source: Path, root: Path, *args: str) -> Path:
    """Copy a sample project to `root`, build it with `args`, and return its build folder."""
    copy_project(source, root)
    result = run_rolebook("build", *args, cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "build"


@contextmanager
def serving(root: Path, *args: str, temp: Path):
    """`rolebook serve --port 0` on `root`, its temporary folder in `temp`: yields (process, url). On the way
    out it is stopped as Ctrl-C stops it, and its preview folder must be gone: nothing is left behind."""
    temp.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen([sys.executable, "-m", "rolebook", "serve", "--port", "0", *args], cwd=root,
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                               env={**os.environ, "TMPDIR": str(temp)})
    try:
        lines, found, deadline = [], None, time.monotonic() + 120
        while found is None and time.monotonic() < deadline:
            line = process.stderr.readline()
            lines.append(line)
            found = re.search(r"(http://[\d.]+:\d+/)", line)
            assert line or process.poll() is None, "serve did not start: " + "".join(lines)
        assert found, "serve did not start: " + "".join(lines)
        yield process, found.group(1)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        process.stderr.close()
    assert not list(temp.glob("rolebook-serve-*")), "serve left its preview folder"


# The suite's own checks (each a plugin module beside this file): a test opening a file outside the
# repository and the temporary folder fails (path_guard.py); a run leaving rolebook's temporary folders or
# processes behind fails (leftovers.py).
import leftovers  # noqa: E402
import path_guard  # noqa: E402


def pytest_configure(config) -> None:
    for plugin in (path_guard, leftovers):
        config.pluginmanager.register(plugin)
