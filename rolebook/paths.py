"""Where a project is, and how its files are named: what every command needs first, without loading
the spec model or the renderers (a build that is up to date needs nothing more)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from rolebook.errors import UsageError
from rolebook import messages
from rolebook.messages import _

SPECS_DIR = "role_specs"
SETTINGS_FILE = "rolebook.yaml"
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"  # a role id, also the name of its files


def find_root(path: Path) -> Path | None:
    """The project folder holding `path`: the nearest folder with a role_specs/ inside."""
    path = path.resolve()
    if path.is_dir() and path.name == SPECS_DIR:
        return path.parent
    for folder in [path] + list(path.parents):
        if (folder / SPECS_DIR).is_dir():
            return folder
    return None


def project_root(path: Path) -> Path:
    """The project holding `path`, or a UsageError (exit 2) saying there is none."""
    root = find_root(path)
    if root is None:
        raise UsageError(_("{path}: not in a rolebook project (no {specs}/ folder here or above)").format(
            path=path, specs=SPECS_DIR))
    return root


def display(path: Path) -> str:
    """A path as the user should read it: relative to the current folder when inside it."""
    text, cwd = str(path), os.getcwd()
    if text.startswith(cwd + os.sep) and os.sep + ".." + os.sep not in text:
        return text[len(cwd) + 1:]  # the common case, without relpath's normalising (a project names
        # thousands of files)
    try:
        relative = os.path.relpath(path, Path.cwd())
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


_SETTING = re.compile(r"^language:[ \t]*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)", re.M)


def use_projects(arguments: list[str]) -> None:
    """Speak the language of the project a command works on: the first argument that is a folder or file
    of a project, else the current folder's; outside any project, the system's (LC_ALL, LC_MESSAGES, LANG).
    Read from rolebook.yaml's top-level `language:` alone, so that choosing costs no import and no parse (a
    project with no language setting speaks English)."""
    places = [Path(a) for a in arguments if a and not a.startswith("-")] + [Path.cwd()]
    for place in places:
        try:
            root = find_root(place) if place.exists() else None
        except (OSError, ValueError):
            root = None
        if root is None:
            continue
        try:
            found = _SETTING.search((root / SETTINGS_FILE).read_text(encoding="utf-8", errors="replace")[:65536])
        except OSError:
            found = None
        messages.use(found.group(1) if found else None)
        return
    messages.use(messages.system_language())  # outside a project (init, a first --help): the system's language
