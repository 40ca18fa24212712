"""Who made each change between two revisions, for the redline's tracked changes and the reports.

A change is attributed to the newest commit in the range that touched the file it comes from (a role's
spec, its family's, the library, a policy chapter); text that was inserted is looked up in `git blame`
of the newer revision, so that a range of several commits credits each line to the commit that wrote
it. Uncommitted changes are git's user.name's, undated: nothing here reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rolebook.history import gitinfo

NOBODY = "rolebook"  # when git knows no author (no user.name for uncommitted changes)


@dataclass(frozen=True)
class Author:
    name: str
    time: str | None  # ISO 8601 in UTC; None for uncommitted changes
    uncommitted: bool = False  # the change is in the working tree: `name` is who would commit it

    def credit(self, labels: dict) -> str:
        """The name as a summary shows it: marked when the change is not committed (a filed redline whose
        author column named the global user.name looked committed by them)."""
        return labels["rl_uncommitted"].format(name=self.name) if self.uncommitted else self.name


class Attribution:
    def __init__(self, root: Path, old_commit: str, new_commit: str | None):
        self.root, self.old, self.new = root, old_commit, new_commit
        self.commits = {c.hash: c for c in gitinfo.commits_between(root, old_commit, new_commit)}
        if new_commit is None:
            self.newest = Author(gitinfo.user_name(root) or NOBODY, None, uncommitted=True)
        else:
            newest = gitinfo.authored(root, new_commit)
            self.newest = Author(newest.author, newest.time)
        self._blame: dict[str, list[tuple[str, str]]] = {}
        self._files: dict[tuple[str, ...], Author] = {}

    def of_files(self, paths: tuple[str, ...]) -> Author:
        """The author of the newest commit in the range that touched one of `paths`; uncommitted edits
        to them are the user's; else the newer revision's author."""
        if paths not in self._files:
            self._files[paths] = self._of_files(paths)
        return self._files[paths]

    def _of_files(self, paths: tuple[str, ...]) -> Author:
        if self.new is None and gitinfo.modified(self.root, paths):
            return Author(gitinfo.user_name(self.root) or NOBODY, None, uncommitted=True)
        touching = gitinfo.commits_between(self.root, self.old, self.new, paths)
        if touching:
            return Author(touching[0].author, touching[0].time)
        return self.newest

    def of_text(self, path: str, text: str) -> Author | None:
        """The commit in the range that wrote the line of `path` holding `text`, when one line does."""
        text = " ".join(text.split())
        if len(text) < 2:
            return None
        if path not in self._blame:
            self._blame[path] = gitinfo.blame(self.root, self.new, path)
        found = {commit for commit, line in self._blame[path] if text in " ".join(line.split())}
        if len(found) != 1:
            return None
        commit = self.commits.get(found.pop())
        return Author(commit.author, commit.time) if commit else None


def attribution(root: Path, old_commit: str | None, new_commit: str | None) -> Attribution | None:
    """Who made the changes from one revision to another (None when the older side is not a commit)."""
    return Attribution(root, old_commit, new_commit) if old_commit else None
