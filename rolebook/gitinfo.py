"""What git knows about a project: its revision (commit date, short hash, uncommitted changes)
and the history of its role specs. Nothing here reads the clock."""

from __future__ import annotations

import datetime
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

PROJECT_PATHS = ("rolebook.yaml", "role_specs", "library", "policies", "templates")


@dataclass(frozen=True)
class Revision:
    date: datetime.date | None
    commit: str | None  # short hash; None outside git
    modified: bool = False


@dataclass(frozen=True)
class Change:
    date: str
    commit: str
    subject: str


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=30,
                                env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def source_date_epoch() -> datetime.date | None:
    """The reproducible-builds date, when SOURCE_DATE_EPOCH is set to a number of seconds."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return datetime.datetime.fromtimestamp(int(value), tz=datetime.timezone.utc).date()


def revision(root: Path) -> Revision:
    """The project's revision. SOURCE_DATE_EPOCH, when set, gives the date; else the last commit's."""
    head = _git(root, "log", "-1", "--format=%H %cs")
    epoch = source_date_epoch()
    if not head:
        return Revision(epoch, None)
    commit, day = head.split()
    status = _git(root, "status", "--porcelain", "--", *PROJECT_PATHS) or ""
    return Revision(epoch or datetime.date.fromisoformat(day), commit[:7], bool(status.strip()))


def history(root: Path, limit: int = 50) -> list[Change]:
    """The newest commits that touched role_specs/ or the library (date, short hash, subject)."""
    out = _git(root, "log", f"-{limit}", "--format=%cs%x09%h%x09%s", "--", "role_specs", "library")
    changes = []
    for line in (out or "").splitlines():
        day, commit, subject = (line.split("\t", 2) + ["", ""])[:3]
        changes.append(Change(day, commit, subject))
    return changes
