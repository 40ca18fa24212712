"""What git knows about a project: its revision (commit date, short hash, uncommitted changes)
and the history of its role specs. Nothing here reads the clock."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from rolebook.errors import UsageError
from rolebook.sanitize import without_controls

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
    """git's output, or None where git fails (outside a repository, no commits yet)."""
    try:
        return _git_or_fail(root, *args)
    except GitError:
        return None


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
        changes.append(Change(day, commit, without_controls(subject)))  # commit text is not checked text
    return changes


@dataclass(frozen=True)
class Commit:
    hash: str
    date: str  # YYYY-MM-DD (commit date)
    author: str


def commits(root: Path, limit: int = 50) -> list[Commit]:
    """The newest commits that touched what roles are made of (specs, library, settings), newest first."""
    out = _git(root, "log", f"-{limit}", "--format=%H%x09%cs%x09%an", "--", "role_specs", "library", "rolebook.yaml")
    found = []
    for line in (out or "").splitlines():
        commit, day, author = (line.split("\t", 2) + ["", ""])[:3]
        found.append(Commit(commit, day, without_controls(author)))
    return found


class GitError(UsageError):
    """Outside a git repository, or an unknown revision: the command was misused (exit 2)."""


def _git_or_fail(root: Path, *args: str, binary: bool = False):
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=120,
                                env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"cannot run git: {exc}") from None
    if result.returncode:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {' '.join(args)} failed")
    return result.stdout if binary else result.stdout.decode("utf-8", "replace")


def require_repository(root: Path) -> str:
    """The project's folder inside its repository ('' at the top), or GitError outside git."""
    if _git(root, "rev-parse", "--is-inside-work-tree") is None:
        raise GitError(f"{root}: not inside a git repository")
    return _git_or_fail(root, "rev-parse", "--show-prefix").strip()


def resolve(root: Path, rev: str) -> str:
    """The full hash of a revision, or GitError naming the revision."""
    if rev.startswith("-") or _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}") is None:
        raise GitError(f"unknown revision '{rev}'")
    return _git_or_fail(root, "rev-parse", "--verify", f"{rev}^{{commit}}").strip()


def commit_time(root: Path, commit: str) -> str:
    """The commit date as ISO 8601 in UTC (for tracked changes)."""
    stamp = _git_or_fail(root, "log", "-1", "--format=%ct", commit).strip()
    moment = datetime.datetime.fromtimestamp(int(stamp), tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def export_project(root: Path, commit: str, dest: Path) -> None:
    """Write the project's files (settings, specs, library, policies) as they are at a commit into dest."""
    import io
    import tarfile

    prefix = require_repository(root)
    # The tree of the project's folder at that commit, archived from the repository's top (git archive
    # in a subfolder would look for that subfolder inside the tree): members are named from the project's
    # root, wherever the project sits in its repository.
    top = Path(_git_or_fail(root, "rev-parse", "--show-toplevel").strip())
    data = _git_or_fail(top, "archive", "--format=tar", f"{commit}:{prefix}", binary=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        for member in archive.getmembers():
            if not member.isfile():
                continue
            relative = member.name
            top = relative.split("/", 1)[0]
            if top not in PROJECT_PATHS or ".." in relative.split("/") or relative.startswith("/"):
                continue
            target = dest / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.extractfile(member).read())


def _iso(stamp: str) -> str:
    moment = datetime.datetime.fromtimestamp(int(stamp), tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Authored:
    """A commit as a tracked change is attributed to it: who, when (ISO 8601, UTC) and why."""

    hash: str
    author: str
    time: str
    subject: str = ""


def commits_between(root: Path, old: str, new: str | None, paths: tuple[str, ...] = PROJECT_PATHS) -> list[Authored]:
    """The commits after `old` up to `new` (None: HEAD) that touched `paths`, newest first."""
    out = _git(root, "log", "--format=%H%x09%ct%x09%an%x09%s", f"{old}..{new or 'HEAD'}", "--", *paths)
    found = []
    for line in (out or "").splitlines():
        commit, stamp, author, subject = (line.split("\t", 3) + ["", "", ""])[:4]
        if stamp.isdigit():
            found.append(Authored(commit, without_controls(author), _iso(stamp), without_controls(subject)))
    return found


def authored(root: Path, commit: str) -> Authored:
    line = _git_or_fail(root, "log", "-1", "--format=%H%x09%ct%x09%an%x09%s", commit).strip()
    commit, stamp, author, subject = (line.split("\t", 3) + ["", "", ""])[:4]
    return Authored(commit, without_controls(author), _iso(stamp), without_controls(subject))


def user_name(root: Path) -> str | None:
    """Who is making uncommitted changes: git's user.name."""
    name = (_git(root, "config", "user.name") or "").strip()
    return without_controls(name) or None


def blame(root: Path, revision: str | None, path: str) -> list[tuple[str, str]]:
    """Each line of a file at `revision` (None: the working tree) with the commit that last changed it."""
    args = ["blame", "--porcelain"] + ([revision] if revision else []) + ["--", path]
    out = _git(root, *args)
    lines, commit = [], ""
    for line in (out or "").splitlines():
        if line.startswith("\t"):
            lines.append((commit, line[1:]))
        elif _BLAME_HEADER.match(line):
            commit = line.split(" ", 1)[0]
    return lines


def merge_base(root: Path, revision: str) -> str:
    """Where the current branch left `revision`: the newest commit both histories share."""
    commit = resolve(root, revision)
    base = _git(root, "merge-base", commit, "HEAD")
    return base.strip() if base else commit


_BLAME_HEADER = re.compile(r"[0-9a-f]{40} \d+ \d+")
DEFAULT_BRANCH = "default-branch"  # the value of --against that names the upstream's default branch


def default_branch(root: Path) -> str:
    """The upstream's default branch (origin/HEAD), else origin/main, origin/master, main, master; else HEAD."""
    remote_head = _git(root, "symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD")
    if remote_head and remote_head.strip():
        return remote_head.strip()
    for candidate in ("origin/main", "origin/master", "main", "master"):
        if _git(root, "rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}") is not None:
            return candidate
    return "HEAD"


def modified(root: Path, paths: tuple[str, ...]) -> bool:
    """Whether the working tree changes one of `paths` from HEAD (untracked files included)."""
    status = _git(root, "status", "--porcelain", "--", *paths)
    return bool(status and status.strip())


def tracked(folder: Path, name: str) -> bool:
    """Whether git tracks the file `name` in `folder`."""
    return _git(folder, "ls-files", "--error-unmatch", "--", name) is not None
