"""What changed in a project beyond its roles: the policy chapters (paragraph by paragraph, then word by
word), the settings of rolebook.yaml and the shared library (KPIs and glossary), each on its own.

A role that uses a library KPI also shows the change on the role (history/diff.py); here the library is
reported as the file HR edited, so a change that no role uses yet is seen too.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from rolebook.history.words import word_diff


@dataclass
class ParagraphChange:
    kind: str  # added | removed | changed
    number: int  # the paragraph's position (1-based) in the newer text; in the older one when removed
    old: str | None = None
    new: str | None = None

    def words(self) -> list[tuple[str, str]]:
        """The paragraph word by word: ("equal" | "delete" | "insert", text)."""
        return word_diff(self.old or "", self.new or "")


@dataclass
class PolicyDiff:
    file: str  # as rolebook.yaml names it: policies/appeals.md
    title: str  # its first heading, else the file name
    status: str  # added | removed | changed
    changes: list[ParagraphChange] = field(default_factory=list)


_ITEM = re.compile(r"^\s{0,3}(?:[-+*]|\d{1,9}[.)])\s")


def paragraphs(markdown: str) -> list[str]:
    """The text's blocks: paragraphs separated by blank lines, each list item on its own."""
    found: list[str] = []
    current: list[str] = []
    for line in markdown.replace("\r\n", "\n").split("\n"):
        if not line.strip() or (_ITEM.match(line) and current):
            if current:
                found.append("\n".join(current))
            current = [line] if line.strip() else []
        else:
            current.append(line)
    if current:
        found.append("\n".join(current))
    return found


def _title(markdown: str, name: str) -> str:
    heading = re.search(r"^#{1,6}\s+(.+?)\s*#*\s*$", markdown, flags=re.M)
    return heading.group(1) if heading else name


def compare_policy(name: str, old: str | None, new: str | None) -> PolicyDiff | None:
    if old == new:
        return None
    title = _title(new if new is not None else old or "", name)
    if old is None or new is None:
        return PolicyDiff(name, title, "added" if old is None else "removed")
    before, after = paragraphs(old), paragraphs(new)
    changes: list[ParagraphChange] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            continue
        pairs = min(a2 - a1, b2 - b1)  # a replaced run: paragraphs changed in place, then the surplus
        changes += [ParagraphChange("changed", b1 + i + 1, before[a1 + i], after[b1 + i]) for i in range(pairs)]
        changes += [ParagraphChange("removed", a1 + i + 1, before[a1 + i]) for i in range(pairs, a2 - a1)]
        changes += [ParagraphChange("added", b1 + i + 1, None, after[b1 + i]) for i in range(pairs, b2 - b1)]
    return PolicyDiff(name, title, "changed", changes)


def compare_policies(old: dict[str, str], new: dict[str, str]) -> list[PolicyDiff]:
    """Each chapter the handbook names at either revision, by its file, in the newer order."""
    order = list(new) + [name for name in old if name not in new]
    found = (compare_policy(name, old.get(name), new.get(name)) for name in order)
    return [policy for policy in found if policy is not None]


# --- settings and library ---------------------------------------------------------------------


@dataclass
class ValueChange:
    kind: str  # added | removed | changed
    path: list[str]  # ["handbook", "title"], ["library", "kpis", "csat", "source"]
    what: str  # how a reader is told: "handbook.title", "KPI 客户满意度 (csat) source"
    old: Any = None
    new: Any = None


def flatten(value: Any, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    """A nested mapping as {path: value}; lists are values (a changed list shows whole)."""
    if isinstance(value, dict) and value:
        out: dict[tuple[str, ...], Any] = {}
        for key, inner in value.items():
            out.update(flatten(inner, prefix + (str(key),)))
        return out
    return {prefix: value} if value not in (None, {}, []) else {}


def compare_values(old: Any, new: Any, path: list[str], name: str) -> list[ValueChange]:
    before, after = flatten(old), flatten(new)
    changes = []
    for key in list(after) + [key for key in before if key not in after]:
        a, b = before.get(key), after.get(key)
        if a == b:
            continue
        kind = "added" if a is None else "removed" if b is None else "changed"
        what = " ".join(part for part in (name, ".".join(key)) if part)
        changes.append(ValueChange(kind, path + list(key), what, a, b))
    return changes


def compare_settings(old, new) -> list[ValueChange]:
    dump = {"mode": "json", "by_alias": True, "exclude_none": True}
    return compare_values(old.model_dump(**dump), new.model_dump(**dump), ["settings"], "")


def compare_library(old_kpis: dict, new_kpis: dict, old_terms: list, new_terms: list) -> list[ValueChange]:
    dump = {"mode": "json", "by_alias": True, "exclude_none": True, "exclude_defaults": True}
    changes: list[ValueChange] = []
    for kpi_id in list(new_kpis) + [k for k in old_kpis if k not in new_kpis]:
        before, after = old_kpis.get(kpi_id), new_kpis.get(kpi_id)
        name = f"KPI {(after or before).name} ({kpi_id})"
        if before is None or after is None:
            kind = "added" if before is None else "removed"
            changes.append(ValueChange(kind, ["library", "kpis", kpi_id], name,
                                       None if before is None else before.name, None if after is None else after.name))
            continue
        fields = compare_values(before.model_dump(**dump), after.model_dump(**dump), ["library", "kpis", kpi_id], name)
        changes += [change for change in fields if change.path[3] != "id"]
    old_glossary = {term.term: term.definition for term in old_terms}
    new_glossary = {term.term: term.definition for term in new_terms}
    for term in list(new_glossary) + [t for t in old_glossary if t not in new_glossary]:
        a, b = old_glossary.get(term), new_glossary.get(term)
        if a != b:
            kind = "added" if a is None else "removed" if b is None else "changed"
            changes.append(ValueChange(kind, ["library", "glossary", term], term, a, b))
    return changes
