"""A pytest plugin: the suite leaves nothing behind, no folder in the temporary directory that rolebook
makes (a serve preview, a staging folder) and no process it started (a server, a worker, LibreOffice).

Folders made by the tests themselves live under pytest's tmp_path, which pytest prunes; these are the
ones rolebook makes beside them when a test stops it the hard way. The caches that commands run in the
repository's sample projects write there are removed at the end (they are not an error: a user's project
has one too).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

PATTERNS = ("rolebook-serve-*", ".rolebook-staging-*")
_before: set[Path] = set()
_caches_before: set[Path] = set()
HERE = Path(__file__).resolve().parent


def _sample_caches() -> set[Path]:
    """The caches (.rolebook/) that commands run in the repository's own sample projects leave there: git
    ignores them, but the next run would start warm, and a copy of a sample is expected to start cold."""
    return {path for folder in ("projects", "render_projects") for path in (HERE / folder).glob("*/.rolebook")}


def _rolebook_folders() -> set[Path]:
    temp = Path(tempfile.gettempdir())
    return {path for pattern in PATTERNS for path in temp.glob(pattern)}


def children(pid: int) -> list[tuple[int, str]]:
    """Living processes whose parent is `pid` (Linux /proc), as (pid, command)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name_end = stat.rindex(")")
        state, parent = stat[name_end + 2:].split()[:2]
        if int(parent) == pid and state != "Z":
            found.append((int(entry.name), stat[stat.index("(") + 1:name_end]))
    return found


def pytest_configure(config) -> None:
    _before.update(_rolebook_folders())
    _caches_before.update(_sample_caches())


def pytest_sessionfinish(session, exitstatus) -> None:
    for cache in _sample_caches() - _caches_before:
        shutil.rmtree(cache, ignore_errors=True)
    left = sorted(map(str, _rolebook_folders() - _before))
    running = children(os.getpid())
    if left or running:
        writer = session.config.get_terminal_writer()
        if left:
            writer.line("the tests left rolebook's temporary folders: " + ", ".join(left), red=True)
        if running:
            writer.line("the tests left processes running: " + ", ".join(f"{p} {c}" for p, c in running), red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
