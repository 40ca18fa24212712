"""What the rules across roles need of a checked role, small enough to cache (rolebook/cache.py).

A `FactsCheck` stands in for a `rules.RoleCheck` in those rules (references, reporting lines, grades,
glossary conflicts, unused terms): its `role` has the fields they read, `at()` answers the positions they
ask for, `mentions()` says whether the role's text names a glossary term. It is made from a RoleCheck when
a role is checked, and read back from JSON when the role is unchanged.

Not the role's text (two thirds of an entry, decoded for every role at every run) but the terms it
mentions: the unused-term rule asks a role only about the terms of its own family chain (its own and its
ancestors' glossaries), and a change to any of those changes the role's cache key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, Iterable

from rolebook.cache import jsonable, source_in, source_out
from rolebook.errors import Source
from rolebook.spec.rules import searchable


@dataclass(frozen=True)
class TermFacts:
    term: str
    definition: str


@dataclass
class FactsCheck:
    role: Any
    file: str
    rows: list = field(default_factory=list)  # [[*path, key], [file, line, column]] as cached
    hits: frozenset[str] = frozenset()  # the family chain's terms (searchable) that the role's text holds
    unmentioned_terms: list = field(default_factory=list)  # RoleCheck.unmentioned(), as cached
    _positions: dict[tuple, list] | None = None

    def at(self, *path: Any, key: bool = False) -> Source:
        if self._positions is None:  # made when first asked: most roles are never asked
            self._positions = {tuple(where): source for where, source in self.rows}
        return source_in(self._positions[(*path, key)])

    def mentions(self, term: str) -> bool:
        return term in self.hits

    def unmentioned(self) -> list[tuple[int, str]]:
        return [(t, key) for t, key in self.unmentioned_terms]


def asked_paths(role) -> list[tuple]:
    """The positions the rules across roles ask for, as (*path, key)."""
    paths = [("reports_to", False), ("grade", False), ("salary", False)]
    path = role.career_path
    for direction, entries in (("from", path.from_ if path else []), ("to", path.to if path else [])):
        paths += [("career_path", direction, i, False) for i in range(len(entries))]
    paths += [("glossary", t, "term", False) for t in range(len(role.glossary))]
    return paths


def tree_terms(tree: Any) -> list[str]:
    """The terms a role's tree defines in its glossary, every text of each (a term of several languages
    has one per language): the terms the unused-term rule may ask its descendants about."""
    items = tree.get("glossary") if isinstance(tree, dict) else None
    found: list[str] = []
    for item in items if isinstance(items, list) else []:
        term = item.get("term") if isinstance(item, dict) else None
        found += [term] if isinstance(term, str) else \
            [text for text in term.values() if isinstance(text, str)] if isinstance(term, dict) else []
    return found


def of_check(check, terms: Iterable[str]) -> FactsCheck:
    """The facts of a checked role; `terms`: its family chain's glossary terms, as written."""
    role = check.role
    rows = [[list(path), source_out(check.at(*path[:-1], key=path[-1]))] for path in asked_paths(role)]
    hits = frozenset(key for key in map(searchable, terms) if check.mentions(key))
    return FactsCheck(_role_facts(role), check.file, rows, hits, check.unmentioned())


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
        "positions": facts.rows,
        "hits": sorted(facts.hits),
        "unmentioned": [list(pair) for pair in facts.unmentioned_terms],
    }


def from_json(data: dict) -> FactsCheck:
    role = data["role"]
    found = SimpleNamespace(
        id=role["id"], extends=role["extends"], abstract=role["abstract"], reports_to=role["reports_to"],
        grade=role["grade"], salary=SimpleNamespace(**role["salary"]) if role["salary"] else None,
        career_path=SimpleNamespace(**role["career_path"]) if role["career_path"] else None,
        glossary=[TermFacts(term, definition) for term, definition in role["glossary"]])
    return FactsCheck(found, data["file"], data["positions"], frozenset(data["hits"]), data["unmentioned"])
