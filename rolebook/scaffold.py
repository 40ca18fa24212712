"""`rolebook init`: copy the packaged starter project into a folder."""

from __future__ import annotations

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
    """Write the starter project; refuse to touch a folder that already holds one."""
    if (directory / "role_specs").exists() or (directory / "rolebook.yaml").exists():
        raise UsageError(f"{directory}: already holds a rolebook project; nothing was written")
    files = list(_starter_files())
    clashes = [name for name, _ in files if (directory / name).exists()]
    if clashes:
        raise UsageError(f"{directory}: {', '.join(clashes)} already exist; nothing was written")
    written = []
    for name, content in files:
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(target)
    return written
