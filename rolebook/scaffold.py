"""`rolebook init`: copy the packaged starter project into a folder."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from rolebook.errors import UsageError

STARTER = "starter"
# Stored without a leading dot so that packaging tools keep it.
RENAMES = {"gitignore": ".gitignore"}


def _starter_files(folder=None, prefix: str = ""):
    folder = folder or resources.files("rolebook").joinpath(STARTER)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        if entry.is_dir():
            yield from _starter_files(entry, f"{prefix}{entry.name}/")
        else:
            yield f"{prefix}{RENAMES.get(entry.name, entry.name)}", entry.read_bytes()


def create_project(directory: Path) -> list[Path]:
    """Write the starter project; refuse to touch a folder that already holds one, and never write
    through a link (a file or folder of the starter's that exists as a link, even a dangling one)."""
    if os.path.lexists(directory / "role_specs") or os.path.lexists(directory / "rolebook.yaml"):
        raise UsageError(f"{directory}: already holds a rolebook project; nothing was written")
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory}: exists and is not a folder; nothing was written")
    files = list(_starter_files())
    clashes = sorted({part for name, _ in files for part in _prefixes(name)
                      if os.path.lexists(directory / part) and (
                          (directory / part).is_symlink() or part == name or not (directory / part).is_dir())})
    if clashes:
        raise UsageError(f"{directory}: {', '.join(clashes)} already exist or are links; nothing was written")
    written = []
    for name, content in files:
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL with O_CREAT fails on any existing name, a link included: nothing is written through one.
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(content)
        written.append(target)
    return written


def _prefixes(name: str) -> list[str]:
    """`a/b/c.yaml` → ['a', 'a/b', 'a/b/c.yaml']: every path the file's writing goes through."""
    parts = name.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
