"""What the rules across roles need of a checked role, small enough to cache (rolebook/cache.py).

A `FactsCheck` stands in for a `rules.RoleCheck` in those rules (references, reporting lines, grades,
glossary conflicts, unused terms): its `role` has the fields they read, `at()` answers the positions they
ask for, `text()` is the role's searchable text. It is made from a RoleCheck when a role is checked, and
read back from JSON when the role is unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from rolebook.cache import jsonable, source_in, source_out
from rolebook.errors import Source


@dataclass(frozen=True)
class TermFacts:
    term: str
    definition: str


@dataclass
class FactsCheck:
    role: Any
    file: str
    positions: dict[tuple, Source] = field(default_factory=dict)
    searchable: str = ""

    def at(self, *path: Any, key: bool = False) -> Source:
        return self.positions[(*path, key)]

    def text(self) -> str:
        return self.searchable


def asked_paths(role) -> list[tuple]:
    """The positions the rules across roles ask for, as (*path, key)."""
    paths = [("reports_to", False), ("grade", False), ("salary", False)]
    path = role.career_path
    for direction, entries in (("from", path.from_ if path else []), ("to", path.to if path else [])):
        paths += [("career_path", direction, i, False) for i in range(len(entries))]
    paths += [("glossary", t, "term", False) for t in range(len(role.glossary))]
    return paths


def of_check(check) -> FactsCheck:
    role = check.role
    positions = {path: check.at(*path[:-1], key=path[-1]) for path in asked_paths(role)}
    return FactsCheck(_role_facts(role), check.file, positions, check.text())


def _role_facts(role) -> SimpleNamespace:
    path = role.career_path
    return SimpleNamespace(
        id=role.id, extends=role.extends, abstract=role.abstract, reports_to=role.reports_to, grade=role.grade,
        salary=SimpleNamespace(**role.salary.model_dump()) if role.salary else None,
        career_path=SimpleNamespace(from_=list(path.from_), to=list(path.to)) if path else None,
        glossary=[TermFacts(str(t.term), str(t.definition)) for t in role.glossary])


def to_json(facts: FactsCheck) -> dict:
    role = facts.role
    return {
        "role": {"id": role.id, "extends": role.extends, "abstract": role.abstract, "reports_to": role.reports_to,
                 "grade": role.grade, "salary": jsonable(vars(role.salary)) if role.salary else None,
                 "career_path": vars(role.career_path) if role.career_path else None,
                 "glossary": [[t.term, t.definition] for t in role.glossary]},
        "file": facts.file,
        "positions": [[list(path), source_out(source)] for path, source in facts.positions.items()],
        "text": facts.searchable,
    }


def from_json(data: dict) -> FactsCheck:
    role = data["role"]
    found = SimpleNamespace(
        id=role["id"], extends=role["extends"], abstract=role["abstract"], reports_to=role["reports_to"],
        grade=role["grade"], salary=SimpleNamespace(**role["salary"]) if role["salary"] else None,
        career_path=SimpleNamespace(**role["career_path"]) if role["career_path"] else None,
        glossary=[TermFacts(term, definition) for term, definition in role["glossary"]])
    positions = {tuple(path): source_in(source) for path, source in data["positions"]}
    return FactsCheck(found, data["file"], positions, data["text"])
