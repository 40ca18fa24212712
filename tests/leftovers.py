"""A pytest plugin: the suite leaves nothing behind, no folder in the temporary directory that rolebook
makes (a serve preview, a staging folder) and no process it started (a server, a worker, LibreOffice).

Folders made by the tests themselves live under pytest's tmp_path, which pytest prunes; these are the
ones rolebook makes beside them when a test stops it the hard way.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

PATTERNS = ("rolebook-serve-*", ".rolebook-staging-*")
_before: set[Path] = set()


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


def pytest_sessionfinish(session, exitstatus) -> None:
    left = sorted(map(str, _rolebook_folders() - _before))
    running = children(os.getpid())
    if left or running:
        writer = session.config.get_terminal_writer()
        if left:
            writer.line("the tests left rolebook's temporary folders: " + ", ".join(left), red=True)
        if running:
            writer.line("the tests left processes running: " + ", ".join(f"{p} {c}" for p, c in running), red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
