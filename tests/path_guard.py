"""A pytest plugin: a test that opens a file outside the repository and the temporary folder fails.

The suite must pass from a plain clone, so it may read only what the repository holds (test data is
vendored under tests/data/) and what it writes into the temporary folder. Python's audit hook sees
every `open` of this process (io.open, os.open, imports), so a test reading a folder beside the clone
fails at once, naming the path, even when that folder exists on this machine.

Python's own installation and the system's read-only folders stay readable: they are the libraries
and clients the tests run, not data of the project.
"""

from __future__ import annotations

import os
import sys
import sysconfig
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _roots(paths) -> tuple[str, ...]:
    found = set()
    for path in paths:
        if path:
            for form in (os.path.abspath(path), os.path.realpath(path)):
                found.add(form.rstrip(os.sep) + os.sep)
    return tuple(sorted(found))


# Read and written: the repository, the temporary folder, Python's installation (bytecode caches) and
# devices (/dev/null).
WRITABLE = _roots([REPO, tempfile.gettempdir(), "/dev", sys.prefix, sys.base_prefix, sys.exec_prefix,
                   *sysconfig.get_paths().values()])
# Read only: the system's programs, libraries, fonts and settings, and the kernel's files.
READABLE = _roots(["/usr", "/lib", "/lib64", "/bin", "/sbin", "/etc", "/proc", "/sys", "/opt"])

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


# The repository's siblings (a folder beside the clone) are outside even when the repository itself
# sits in the temporary folder; only when its parent is the temporary folder can they not be told apart.
HOME = _roots([REPO])
_PARENT = _roots([REPO.parent])
SIBLINGS = () if any(root.startswith(_PARENT) for root in WRITABLE + READABLE if root not in HOME) else _PARENT


def outside(path: str, writing: bool = False) -> bool:
    """Whether a test may not open `path` (relative paths are taken from the current folder)."""
    allowed = WRITABLE if writing else WRITABLE + READABLE
    for form in (os.path.abspath(path), os.path.realpath(path)):
        form += os.sep
        if form.startswith(HOME):
            return False
        if form.startswith(allowed) and not (SIBLINGS and form.startswith(SIBLINGS)):
            return False
    return True


def _is_write(mode, flags) -> bool:
    if isinstance(mode, str) and any(c in mode for c in "wax+"):
        return True
    return isinstance(flags, int) and bool(flags & _WRITE_FLAGS)


_seen: list[str] = []
_active = [False]


def _hook(event: str, args: tuple) -> None:
    if event != "open" or not _active[0]:
        return
    path = args[0]
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not isinstance(path, str):  # a file descriptor, or None for io.open_code's own checks
        return
    mode, flags = (args[1], args[2]) if len(args) >= 3 else (None, None)
    _active[0] = False  # the checks below open nothing, but never recurse
    try:
        if outside(path, _is_write(mode, flags)):
            _seen.append(path)
    finally:
        _active[0] = True


def pytest_configure(config) -> None:
    sys.addaudithook(_hook)  # cannot be removed: it lives as long as the process
    _active[0] = True


@pytest.fixture(autouse=True)
def _only_repository_and_temporary_files():
    start = len(_seen)
    yield
    opened = _seen[start:]
    del _seen[start:]
    assert not opened, ("this test opened files outside the repository and the temporary folder "
                        "(vendor what it needs under tests/data/): " + ", ".join(sorted(set(opened))))


def pytest_sessionfinish(session, exitstatus) -> None:
    if _seen:  # opened while collecting (a module reading a file at import), outside any test
        session.config.get_terminal_writer().line(
            "files opened outside the repository and the temporary folder: " + ", ".join(sorted(set(_seen))),
            red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
