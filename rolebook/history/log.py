"""A role's versions, newest first, each with its date, author and what changed in HR's words.

From the role's `changes:` where it keeps one; else from git: the commits where the role's version
changed, each described by the semantic diff from the previous version (both at the commits that
introduced them). `rolebook log` and the handbook's change history read the same entries.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rolebook.history import gitinfo
from rolebook.history.diff import compare_roles, translation_changes
from rolebook.history.wording import describe
from rolebook.project import Project, load_project
from rolebook.render.labels import labels_for
from rolebook.spec.languages import convert
from rolebook.spec.model import Role

IGNORED = (["version"], ["effective"], ["status"])  # what every new version changes: not news


@dataclass(frozen=True)
class Entry:
    version: str | None
    date: str | None  # YYYY-MM-DD
    author: str | None
    changes: tuple[str, ...]  # in the role's language: the `changes:` summary, else what the diff found
    commit: str | None = None  # where git says it happened (for tools; documents do not print it)
    details: tuple[str, ...] = ()  # what the semantic diff found, when `changes` is the author's summary
    invalid: bool = False  # the spec had errors at this commit: `changes` lists them; documents leave it out


@dataclass
class _State:
    commit: str | None  # None: the working tree
    date: str | None
    author: str | None
    role: Role | None  # None: the spec had errors at this commit
    translations: dict[str, Role] = field(default_factory=dict)  # the role in each translated language
    problems: tuple[str, ...] = ()  # the spec's errors at this commit, when it had any


@dataclass
class ProjectHistory:
    """The project through its git history, each revision loaded once, shared by every role's log."""

    root: Path
    current: Project
    limit: int = 50
    _states: dict[str, list[_State]] | None = field(default=None, repr=False)
    _order: list[str] = field(default_factory=list, repr=False)  # the commits read, oldest first

    def log(self, role_id: str) -> list[Entry]:
        role = self.current.roles.get(role_id) or self.last_valid(role_id)
        language = self.current.language_of(role) if role else self.current.settings.language
        labels = labels_for(language)
        from_git = self._from_git(role_id, labels)
        if role is not None and role.changes:
            found = {entry.version: entry for entry in from_git}
            told = [Entry(change.version, change.date.isoformat() if change.date else None,
                          found[change.version].author if change.version in found else None, (change.summary,),
                          found[change.version].commit if change.version in found else None,
                          found[change.version].changes if change.version in found else ())
                    for change in role.changes]
            # versions committed before the role kept a change history (its first issue, often) stay listed
            untold = [entry for entry in from_git if entry.version not in {change.version for change in role.changes}]
            return _newest_first(told + untold)
        return from_git

    def last_valid(self, role_id: str) -> Role | None:
        """The role as last committed without errors: what a log of a working file that does not parse
        still knows (its title, its `changes:`; they were lost with the file)."""
        return next((state.role for state in reversed(self.lineage(role_id)) if state.role is not None), None)

    def lineage(self, role_id: str) -> list[_State]:
        """The role's states, oldest first, through its renames: where it first appears and a role that was
        there the revision before is gone, the two are one role renamed when they share most of their text
        (diff.renamed), and that role's states come first. `log` of a renamed role began at the rename."""
        from rolebook.history.diff import renamed

        states = self.states()
        known = list(states.get(role_id, []))
        seen = {role_id}
        while known and known[0].role is not None:
            first = known[0]
            before = self._order.index(first.commit) - 1 if first.commit in self._order else len(self._order) - 1
            if before < 0:
                break
            previous = self._order[before]
            # gone at first's revision: every committed role has a state at each commit; the working tree keeps
            # one only for a role it changed, so there a role still present is no candidate
            present = set(self.current.roles) | self.current.invalid_roles if first.commit is None else set()
            gone = {other: other_states[-1].role for other, other_states in states.items()
                    if other not in seen and other not in present and other_states[-1].commit == previous
                    and other_states[-1].role is not None}
            match = renamed(gone, {role_id: first.role}, set()).get(role_id) if gone else None
            if match is None:
                break
            seen.add(match)
            known = states[match] + known
        return known

    def _from_git(self, role_id: str, labels: dict) -> list[Entry]:
        entries: list[Entry] = []
        introduced: _State | None = None
        language = self.current.target if isinstance(self.current.target, str) else None

        def seen(state: _State) -> Role:  # the role as the documents being written show it
            return state.translations.get(language, state.role) if language else state.role

        for state in self.lineage(role_id):  # oldest first
            if state.role is None:  # said, not compared: the next valid version is compared with the last one
                entries.append(Entry(None, state.date, state.author, state.problems, state.commit, invalid=True))
                continue
            if introduced is not None and state.role.version == introduced.role.version:
                continue
            if introduced is None:
                changes = (labels["w_first_issue"],)
            else:
                before, after = seen(introduced), seen(state)
                found = compare_roles(before, after)
                if language is None:  # the source's history: say which changes were one translation's only
                    found += translation_changes(found, introduced.translations, state.translations)
                found = [c for c in found if c.path not in IGNORED and c.path != ["language"]]
                changes = tuple(describe(c, labels, before, after) for c in found) or (labels["w_version_only"],)
                if language in self.current.languages.derived:  # told in the source, then converted
                    changes = tuple(convert(self.current.languages.derived[language][1], text) for text in changes)
            entries.append(Entry(state.role.version, state.date, state.author, changes, state.commit))
            introduced = state
        return entries[::-1]

    def states(self) -> dict[str, list[_State]]:
        """Each role at every commit that touched the project's inputs, oldest first, then the working tree."""
        if self._states is None:
            self._states = {}
            commits = gitinfo.commits(self.root, self.limit)
            self._order = [commit.hash for commit in reversed(commits)]
            with tempfile.TemporaryDirectory(prefix="rolebook-log-") as folder:
                for number, commit in enumerate(reversed(commits)):
                    export = Path(folder) / str(number)
                    gitinfo.export_project(self.root, commit.hash, export)
                    (export / "role_specs").mkdir(exist_ok=True)
                    project = load_project(export, label=commit.hash[:7])
                    for role_id, role in project.roles.items():
                        if role_id not in project.invalid_roles:
                            self._states.setdefault(role_id, []).append(
                                _State(commit.hash, commit.date, commit.author, role, project.translations(role_id)))
                    for role_id in sorted(project.invalid_roles):
                        self._states.setdefault(role_id, []).append(
                            _State(commit.hash, commit.date, commit.author, None, problems=_errors_of(project, role_id)))
            # the working tree as the commits are held: in the source language, with its translations
            current = self.current if self.current.target is None else load_project(self.root, self.current.label)
            for role_id, role in current.roles.items():
                known = self._states.setdefault(role_id, [])
                if not known or known[-1].role != role:
                    date = role.effective.isoformat() if role.effective else None
                    known.append(_State(None, date, None, role, current.translations(role_id)))
            for role_id in sorted(current.invalid_roles):  # the working file has errors: said, at the top
                self._states.setdefault(role_id, []).append(
                    _State(None, None, None, None, problems=_errors_of(current, role_id)))
        return self._states


def _newest_first(entries: list[Entry]) -> list[Entry]:
    """Entries by version, newest first; an invalid revision (no version) stays just above the version
    before it, where git listed it."""
    from rolebook.spec.rules import _version_key

    keys, older = [], None
    for entry in reversed(entries):  # oldest first within each source; an invalid one follows its elder
        if entry.version is not None:
            older = _version_key(entry.version)
        keys.append(((older or ()), entry.version is None))
    keyed = list(zip(reversed(keys), entries))
    ordered = [entry for _, entry in sorted(keyed, key=lambda pair: pair[0], reverse=True)]
    working = [entry for entry in ordered if entry.invalid and entry.commit is None]  # the newest of all
    return working + [entry for entry in ordered if entry not in working]


def _errors_of(project: Project, role_id: str) -> tuple[str, ...]:
    """What was wrong with a role's spec at a revision, as `validate` says it (its own file's errors)."""
    path = project.role_files.get(role_id)
    name = f"role_specs/{path.name if path else role_id + '.yaml'}"
    found = tuple(str(p) for p in project.errors if p.file.endswith(name))
    return found or (f"{name}: invalid at this revision (an error in what it extends or uses)",)
