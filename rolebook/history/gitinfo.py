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
from rolebook.messages import _

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


def revision_day(root: Path) -> datetime.date | None:
    """The date `revision` gives, without asking git for the working tree's status."""
    epoch = source_date_epoch()
    if epoch:
        return epoch
    day = (_git(root, "log", "-1", "--format=%cs") or "").strip()
    return datetime.date.fromisoformat(day) if day else None


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


# A repository's own settings can name commands that git runs (core.fsmonitor on every status, a pager,
# hooks, signature checks, diff and filter drivers, credential helpers). A project received from someone
# else must not run anything when rolebook reads its history: every git call switches them off.
_SAFE_SETTINGS = ("core.fsmonitor=false", "core.hooksPath=/dev/null", "core.pager=cat", "core.askPass=",
                  "core.sshCommand=false", "credential.helper=", "diff.external=", "log.showSignature=false",
                  "gpg.program=false", "protocol.allow=never", "submodule.recurse=false")
# Drivers named in the repository's settings: their commands are emptied.
_DRIVER_COMMANDS = r"^(filter|diff|merge)\.[^.]+\.(clean|smudge|process|textconv|command|driver)$"
_SAFE_ENV = {"GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "GIT_PAGER": "cat", "PAGER": "cat", "GIT_OPTIONAL_LOCKS": "0",
             "GIT_ASKPASS": "", "SSH_ASKPASS": "", "GIT_EXTERNAL_DIFF": "", "GIT_SSH_COMMAND": "false"}
_overrides: dict[str, list[str]] = {}


def _safe_options(root: Path) -> list[str]:
    """`-c` options that neutralise the commands a repository's settings could make git run."""
    key = str(root)
    if key not in _overrides:
        options = [part for setting in _SAFE_SETTINGS for part in ("-c", setting)]
        try:
            listed = _run(root, [*options, "config", "--null", "--name-only", "--get-regexp", _DRIVER_COMMANDS])
        except GitError:
            listed = None
        names = listed.stdout.decode("utf-8", "replace").split("\0") if listed and listed.returncode == 0 else []
        options += [part for name in dict.fromkeys(filter(None, names)) for part in ("-c", f"{name}=")]
        options += [part for name in dict.fromkeys(filter(None, names)) if name.startswith("filter.")
                    for part in ("-c", f"{name.rsplit('.', 1)[0]}.required=false")]
        _overrides[key] = options
    return _overrides[key]


def _run(root: Path, args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=120, input=stdin,
                              env={**os.environ, **_SAFE_ENV}, stdin=None if stdin is not None else subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(_("cannot run git: {value}").format(value=exc)) from None


def _git_or_fail(root: Path, *args: str, binary: bool = False, stdin: bytes | None = None):
    result = _run(root, [*_safe_options(root), *args], stdin)
    if result.returncode:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else _("git {args} failed").format(args=' '.join(args)))
    return result.stdout if binary else result.stdout.decode("utf-8", "replace")


def require_repository(root: Path) -> str:
    """The project's folder inside its repository ('' at the top), or GitError outside git."""
    if _git(root, "rev-parse", "--is-inside-work-tree") is None:
        raise GitError(_("{root}: not inside a git repository").format(root=root))
    return _git_or_fail(root, "rev-parse", "--show-prefix").strip()


def resolve(root: Path, rev: str) -> str:
    """The full hash of a revision, or GitError naming the revision."""
    if rev.startswith("-") or _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}") is None:
        hint = ""
        if re.fullmatch(r"v?\d+(\.\d+){1,2}", rev):  # a role's version, as `rolebook log` lists them
            hint = _("; a revision is a git commit, branch or tag, not a role's version: `rolebook log ROLE` "
                     "lists each version with its commit")
        raise GitError(_("unknown revision '{rev}'").format(rev=rev) + hint)
    return _git_or_fail(root, "rev-parse", "--verify", f"{rev}^{{commit}}").strip()


def commit_time(root: Path, commit: str) -> str:
    """The commit date as ISO 8601 in UTC (for tracked changes)."""
    stamp = _git_or_fail(root, "log", "-1", "--format=%ct", commit).strip()
    moment = datetime.datetime.fromtimestamp(int(stamp), tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def export_project(root: Path, commit: str, dest: Path) -> None:
    """Write the project's files (settings, specs, library, policies) as they are at a commit into dest."""
    prefix = require_repository(root)
    # The blobs of the project's folder at that commit, read raw from the object store (git archive would
    # run the filter drivers a repository's attributes name); paths are relative to the project's root,
    # wherever the project sits in its repository.
    listing = _git_or_fail(root, "ls-tree", "-r", "-z", "--full-tree", f"{commit}:{prefix}", binary=True)
    blobs = []
    for entry in listing.split(b"\0"):
        meta, _, name = entry.partition(b"\t")
        parts = meta.split()
        if len(parts) != 3 or parts[1] != b"blob" or parts[0] not in (b"100644", b"100755"):
            continue  # links and submodules are not project files
        relative = name.decode("utf-8", "surrogateescape")
        if relative.split("/", 1)[0] in PROJECT_PATHS and ".." not in relative.split("/"):
            blobs.append((relative, parts[2].decode()))
    if not blobs:
        return
    wanted = "".join(f"{sha}\n" for _, sha in blobs).encode()
    data = _git_or_fail(root, "cat-file", "--batch", binary=True, stdin=wanted)
    position = 0
    for relative, sha in blobs:
        header_end = data.index(b"\n", position)
        size = int(data[position:header_end].split()[2])
        content = data[header_end + 1:header_end + 1 + size]
        position = header_end + 1 + size + 1  # the content, then a line feed
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


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
    args = ["blame", "--porcelain", "--no-textconv"] + ([revision] if revision else []) + ["--", path]
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
