"""What changed between two versions of a project's roles, in HR's terms: "KPI 回款周期 weight 20% → 15%".

Both sides are resolved projects (extends and library `use` applied), so a
change in a family or in the library shows on every role that inherits it.
Items are matched by id, else by title or name, so a retitled duty is a
change of title, not a removal and an addition.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Iterable

from rolebook.errors import Problem
from rolebook.history.project_diff import PolicyDiff, ValueChange, compare_library, compare_policies, compare_settings
from rolebook.project import Project
from rolebook.spec.model import Dimension, Duty, Kpi, Role


@dataclass
class Change:
    kind: str  # added | removed | changed
    what: str  # what a reader is told: "KPI 回款周期 (collection-rate) weight"
    path: list[str]  # a stable address: ["assessment", "kpis", "collection-rate", "weight"]
    old: Any = None
    new: Any = None
    language: str | None = None  # set when only this language's text changed (a translation to update)

    def describe(self) -> str:
        where = f"{self.language} text of " if self.language else ""
        if self.kind == "changed":
            return f"{where}{self.what}: {_show(self.old)} → {_show(self.new)}"
        value = self.new if self.kind == "added" else self.old
        shown = f": {_show(value)}" if value not in (None, "") and not isinstance(value, dict) else ""
        return f"{where}{self.what} {self.kind}{shown}"


@dataclass
class RoleDiff:
    id: str
    title: str
    status: str  # added | removed | changed | invalid
    old_version: str | None = None
    new_version: str | None = None
    version_not_bumped: bool = False
    changes: list[Change] = field(default_factory=list)
    invalid_at: tuple[str, ...] = ()  # the revisions at which the role's spec has errors (status invalid)
    old_id: str | None = None  # the id it had at the older revision, when it was renamed (git mv, a new id)

    @property
    def was(self) -> str:
        """Its id at the older revision."""
        return self.old_id or self.id

    def invalid_where(self, working_tree: str = "working tree", joiner: str = " and ") -> str:
        """The revisions it is invalid at, in the reader's words (工作区 for the working tree)."""
        return joiner.join(working_tree if label == "working tree" else label for label in self.invalid_at)


@dataclass(frozen=True)
class Commit:
    """A commit between the two revisions, as the reports list it."""

    hash: str
    date: str
    author: str
    subject: str


@dataclass
class Diff:
    old: str  # labels of the two sides: "HEAD", "working tree", a revision
    new: str
    roles: list[RoleDiff] = field(default_factory=list)
    policies: list[PolicyDiff] = field(default_factory=list)
    settings: list[ValueChange] = field(default_factory=list)
    library: list[ValueChange] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    commits: list[Commit] = field(default_factory=list)
    old_time: str | None = None  # the revisions' commit times (ISO 8601, UTC); None for the working tree
    new_time: str | None = None
    old_commit: str | None = None  # the revisions' full hashes; None for the working tree
    new_commit: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.roles or self.policies or self.settings or self.library)

    def to_json(self) -> str:
        data = {"from": self.old, "to": self.new, "from_commit": self.old_commit, "to_commit": self.new_commit,
                "roles": [asdict(role) for role in self.roles],
                "policies": [asdict(policy) for policy in self.policies],
                "settings": [asdict(change) for change in self.settings],
                "library": [asdict(change) for change in self.library],
                "commits": [asdict(commit) for commit in self.commits],
                "problems": [problem.as_dict() for problem in self.problems]}
        return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def _show(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_show(v) for v in value)
    if isinstance(value, dict):  # as the file writes it ({step: 编制, name: 人力资源部}), not Python's repr
        return "{" + ", ".join(f"{key}: {_show(item)}" for key, item in value.items()) + "}"
    return str(value)


def compare_projects(old: Project, new: Project, old_label: str, new_label: str,
                     role_ids: Iterable[str] = ()) -> Diff:
    """The roles' changes, and with no roles asked for, the policies', settings' and library's too."""
    diff = Diff(old_label, new_label, problems=[*old.errors, *new.errors])
    wanted = set(role_ids)
    if not wanted:
        diff.policies = compare_policies(old.policies, new.policies)
        diff.settings = compare_settings(old.settings, new.settings)
        diff.library = compare_library(old.library_kpis, new.library_kpis, old.library_terms, new.library_terms)
    old_roles = {r.id: r for r in old.concrete_roles()}
    new_roles = {r.id: r for r in new.concrete_roles()}
    invalid = old.invalid_roles | new.invalid_roles
    renames = renamed(old_roles, new_roles, invalid)  # new id → old id
    # A role invalid at a revision is listed as such, with its problems: never "added" because the old
    # revision's file did not parse, never left out because neither did.
    for role_id in sorted(set(old_roles) | set(new_roles) | invalid):
        if role_id in renames.values() or (wanted and role_id not in wanted and renames.get(role_id) not in wanted):
            continue
        before, after = old_roles.get(renames.get(role_id, role_id)), new_roles.get(role_id)
        if role_id in old.invalid_roles or role_id in new.invalid_roles:
            title = (after or before).title if (after or before) else role_id
            at = tuple(label for label, project in ((old_label, old), (new_label, new))
                       if role_id in project.invalid_roles)
            diff.roles.append(RoleDiff(role_id, title, "invalid", invalid_at=at))  # its problems are listed
        elif before is None:
            diff.roles.append(RoleDiff(role_id, after.title, "added", new_version=after.version))
        elif after is None:
            diff.roles.append(RoleDiff(role_id, before.title, "removed", old_version=before.version))
        else:
            was = renames.get(role_id)
            changes = compare_roles(before, after)  # a renamed role's first change is its id
            changes += translation_changes(changes, old.translations(was or role_id), new.translations(role_id))
            if changes:
                content = [c for c in changes if c.path != ["version"]]
                diff.roles.append(RoleDiff(role_id, after.title, "changed", before.version, after.version,
                                           bool(content) and before.version == after.version, changes, old_id=was))
    return diff


RENAMED = 0.6  # of a removed and an added role's texts in common, for the two to be one role renamed
MOST_PAIRS = 2500  # removed × added roles compared at most: a reorganisation's thousands are left as they are


def renamed(old_roles: dict[str, Role], new_roles: dict[str, Role], invalid: set[str]) -> dict[str, str]:
    """Roles whose id changed (a file moved with git mv and given a new id): new id → old id, where a role
    gone and a role new share most of their texts (the duties, tasks, KPIs and requirements, each a whole;
    not the id, title or version). Without it a renamed role was one removed and another added, its
    changes unseen."""
    removed = [r for r in old_roles if r not in new_roles and r not in invalid]
    added = [a for a in new_roles if a not in old_roles and a not in invalid]
    if not removed or not added or len(removed) * len(added) > MOST_PAIRS:
        return {}
    texts = {("old", r): _texts(old_roles[r]) for r in removed} | {("new", a): _texts(new_roles[a]) for a in added}
    scored = [(_shared(texts["old", r], texts["new", a]), r, a) for r in removed for a in added]
    pairs: dict[str, str] = {}
    for score, r, a in sorted(scored, reverse=True):
        if score >= RENAMED and a not in pairs and r not in pairs.values():
            pairs[a] = r
    return pairs


def _texts(role: Role) -> Counter:
    """Every value of the role but those a rename changes, each text whole: a multiset to compare."""
    found: Counter = Counter()

    def walk(value) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif value not in (None, "", False):
            found[str(value)] += 1

    walk(role.model_dump(exclude={"id", "title", "version", "effective", "status", "changes"}))
    return found


def _shared(old: Counter, new: Counter) -> float:
    """The share of texts two roles have in common (Dice's coefficient over the multisets)."""
    total = sum(old.values()) + sum(new.values())
    return 2 * sum((old & new).values()) / total if total else 0.0


def translation_changes(changes: list[Change], old: dict[str, Role], new: dict[str, Role]) -> list[Change]:
    """What changed in one translated language only, marked with it: the English text of a duty edited
    while the source stayed. A field whose source changed too is reported once, in the source language."""
    found: list[Change] = []
    seen = {tuple(change.path) for change in changes}
    for language in sorted(set(old) & set(new)):
        for change in compare_roles(old[language], new[language]):
            if tuple(change.path) not in seen and change.path != ["language"]:
                change.language = language
                found.append(change)
    return found


# --- comparing two versions of one role ---------------------------------------------


class _Collector:
    def __init__(self):
        self.changes: list[Change] = []

    def value(self, what: str, path: list[str], old: Any, new: Any) -> None:
        if old == new:
            return
        kind = "added" if old in (None, "", []) else "removed" if new in (None, "", []) else "changed"
        self.changes.append(Change(kind, what, path, old, new))

    def items(self, what: str, path: list[str], old: list, new: list) -> None:
        """Plain lists (tasks, deliverables, skills): what was added, what was removed, and what was reworded
        (a removed text and an added one that are mostly the same words: one change, old → new, which an
        approver reads as the edit it was rather than as one task gone and another come)."""
        old_keys, new_keys = [_text(x) for x in old], [_text(x) for x in new]
        removed = [item for item in old_keys if item not in new_keys]
        added = [item for item in new_keys if item not in old_keys]
        reworded = _reworded(removed, added) if all(isinstance(x, str) for x in old + new) else {}
        for item in removed:
            if item not in reworded:
                self.changes.append(Change("removed", what, path, item, None))
        for item in added:
            earlier = next((before for before, after in reworded.items() if after == item), None)
            if earlier is not None:
                self.changes.append(Change("changed", what, path, earlier, item))
            else:
                self.changes.append(Change("added", what, path, None, item))


def _reworded(removed: list[str], added: list[str], alike: float = 0.6) -> dict[str, str]:
    """Pairs of a removed and an added text that share most of their characters, best pairs first."""
    from difflib import SequenceMatcher

    if len(removed) * len(added) > 400:  # a list rewritten wholesale: added and removed, not guessed at
        return {}
    scored = sorted(((SequenceMatcher(None, a, b, autojunk=False).ratio(), i, j) for i, a in enumerate(removed)
                     for j, b in enumerate(added)), reverse=True)
    pairs: dict[str, str] = {}
    taken: set[int] = set()
    for ratio, i, j in scored:
        if ratio >= alike and removed[i] not in pairs and j not in taken:
            pairs[removed[i]] = added[j]
            taken.add(j)
    return pairs


def _text(item: Any) -> str:
    if hasattr(item, "with_"):
        return "、".join(item.with_) + (f": {item.purpose}" if item.purpose else "")
    if hasattr(item, "model_dump"):
        return json.dumps(item.model_dump(mode="json", exclude_none=True), ensure_ascii=False, sort_keys=True)
    return str(item)


def match(old: list, new: list, keys: list[Callable[[Any], Any]]):
    """Pair items by each key in turn (id, then title); returns (pairs, added, removed) in new order."""
    pairs, remaining_old, remaining_new = [], list(old), list(new)
    for key in keys:
        index = {}
        for item in remaining_old:
            k = key(item)
            if k is not None and k not in index:
                index[k] = item
        still_new = []
        for item in remaining_new:
            partner = index.pop(key(item), None) if key(item) is not None else None
            if partner is not None:
                pairs.append((partner, item))
                remaining_old.remove(partner)
            else:
                still_new.append(item)
        remaining_new = still_new
    order = {id(item): n for n, item in enumerate(new)}
    pairs.sort(key=lambda pair: order[id(pair[1])])
    return pairs, remaining_new, remaining_old


META = ["id", "title", "department", "reports_to", "grade", "version", "effective", "status", "owner", "language",
        "summary"]


def compare_roles(old: Role, new: Role) -> list[Change]:
    c = _Collector()
    for name in META:
        c.value(name, [name], _plain(getattr(old, name)), _plain(getattr(new, name)))
    _duties(c, old.duties, new.duties)
    _requirements(c, old, new)
    _named(c, "scenario", ["scenarios"], old.scenarios, new.scenarios, lambda s: s.title,
           ["background", "task", "communication", "outcome"])
    _assessment(c, old, new)
    _named(c, "glossary term", ["glossary"], old.glossary, new.glossary, lambda t: t.term, ["definition"])
    return c.changes


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _duties(c: _Collector, old: list[Duty], new: list[Duty]) -> None:
    pairs, added, removed = match(old, new, [lambda d: d.id, lambda d: d.title])
    for duty in removed:
        c.changes.append(Change("removed", f"duty {duty.title}", ["duties", duty.id or duty.title], duty.title))
    for duty in added:
        c.changes.append(Change("added", f"duty {duty.title}", ["duties", duty.id or duty.title], None, duty.title))
    for before, after in pairs:
        name, key = f"duty {after.title}", ["duties", after.id or after.title]
        c.value(f"duty {before.title}: title", key + ["title"], before.title, after.title)
        c.value(f"{name}: description", key + ["description"], before.description, after.description)
        c.items(f"{name}: daily task", key + ["daily_tasks"], before.daily_tasks, after.daily_tasks)
        c.items(f"{name}: collaboration", key + ["collaboration"], before.collaboration, after.collaboration)
        c.items(f"{name}: deliverable", key + ["deliverables"], before.deliverables, after.deliverables)


def _requirements(c: _Collector, old: Role, new: Role) -> None:
    before, after = old.requirements, new.requirements
    for name in ("education", "experience"):
        c.value(f"requirement {name}", ["requirements", name], getattr(before, name, None), getattr(after, name, None))
    c.items("skill", ["requirements", "skills"], getattr(before, "skills", []), getattr(after, "skills", []))
    _named(c, "competency", ["requirements", "competencies"], getattr(before, "competencies", []),
           getattr(after, "competencies", []), lambda x: x.name, ["description"])


def _named(c: _Collector, noun: str, path: list[str], old: list, new: list, key, fields: list[str]) -> None:
    """Items known by their name: added, removed, and each field changed."""
    pairs, added, removed = match(old, new, [key])
    for item in removed:
        c.changes.append(Change("removed", f"{noun} {key(item)}", path + [key(item)], key(item)))
    for item in added:
        c.changes.append(Change("added", f"{noun} {key(item)}", path + [key(item)], None, key(item)))
    for before, after in pairs:
        for name in fields:
            c.value(f"{noun} {key(after)}: {name}", path + [key(after), name], _plain(getattr(before, name)),
                    _plain(getattr(after, name)))


def _unit(kpi: Kpi | None, value: Any) -> Any:
    if value is None or kpi is None or not kpi.unit:
        return value
    return f"{value:g}{kpi.unit}" if isinstance(value, float) else f"{value}{kpi.unit}"


KPI_TEXT = ["name", "definition", "formula", "unit", "direction", "source", "type"]


def _assessment(c: _Collector, old: Role, new: Role) -> None:
    a, b = old.assessment, new.assessment
    for name in ("period", "schedule", "description", "appeal"):
        c.value(name, ["assessment", name], getattr(a, name, None), getattr(b, name, None))
    c.value("signatures", ["assessment", "signatures"], getattr(a, "signatures", None), getattr(b, "signatures", None))
    for name in ("methods", "rewards", "penalties"):
        c.items(name.rstrip("s") if name != "methods" else "method", ["assessment", name],
                getattr(a, name, []), getattr(b, name, []))
    _dimensions(c, getattr(a, "dimensions", []), getattr(b, "dimensions", []))
    _kpis(c, old, new)
    grades_pairs, added, removed = match(getattr(a, "grades", []), getattr(b, "grades", []), [lambda g: g.grade])
    for grade in removed:
        c.changes.append(Change("removed", f"grade {grade.grade}", ["assessment", "grades", grade.grade], grade.min))
    for grade in added:
        c.changes.append(Change("added", f"grade {grade.grade}", ["assessment", "grades", grade.grade], None,
                                grade.min))
    for before, after in grades_pairs:
        for name in ("min", "label", "description"):
            c.value(f"grade {after.grade} {name}", ["assessment", "grades", after.grade, name],
                    getattr(before, name), getattr(after, name))
    _named(c, "process step", ["assessment", "process"], getattr(a, "process", []), getattr(b, "process", []),
           lambda s: s.name, ["description"])
    _named(c, "result application", ["assessment", "result_application"], getattr(a, "result_application", []),
           getattr(b, "result_application", []), lambda x: x.area, ["description"])


def _dimensions(c: _Collector, old: list[Dimension], new: list[Dimension]) -> None:
    pairs, added, removed = match(old, new, [lambda d: d.id, lambda d: d.name])
    for d in removed:
        c.changes.append(Change("removed", f"dimension {d.name}", ["assessment", "dimensions", d.id or d.name], d.name))
    for d in added:
        c.changes.append(Change("added", f"dimension {d.name}", ["assessment", "dimensions", d.id or d.name],
                                None, d.name))
    for before, after in pairs:
        key = ["assessment", "dimensions", after.id or after.name]
        c.value(f"dimension {before.name}: name", key + ["name"], before.name, after.name)
        old_weight = before.weight if before.weight is not None else before.kpi_weight
        new_weight = after.weight if after.weight is not None else after.kpi_weight
        c.value(f"dimension {after.name}: weight", key + ["weight"], _percent(old_weight), _percent(new_weight))
        c.value(f"dimension {after.name}: weight range", key + ["weight_range"],
                list(before.weight_range) if before.weight_range else None,
                list(after.weight_range) if after.weight_range else None)


def _percent(value: Any) -> Any:
    return None if value is None else f"{value:g}%"


def _kpis(c: _Collector, old: Role, new: Role) -> None:
    def located(role: Role) -> list[tuple[Kpi, str]]:
        return [(kpi, d.name) for d in (role.assessment.dimensions if role.assessment else []) for kpi in d.kpis]

    before_all, after_all = located(old), located(new)
    dimension_of = {id(k): d for k, d in before_all + after_all}
    pairs, added, removed = match([k for k, _ in before_all], [k for k, _ in after_all],
                                  [lambda k: k.id, lambda k: k.name])
    for kpi in removed:
        c.changes.append(Change("removed", f"KPI {kpi.name} ({kpi.id})", ["assessment", "kpis", kpi.id], kpi.name))
    for kpi in added:
        c.changes.append(Change("added", f"KPI {kpi.name} ({kpi.id})", ["assessment", "kpis", kpi.id], None, kpi.name))
    for before, after in pairs:
        name, key = f"KPI {after.name} ({after.id})", ["assessment", "kpis", after.id]
        c.value(f"{name} weight", key + ["weight"], _percent(before.weight), _percent(after.weight))
        c.value(f"{name} target", key + ["target"], _unit(before, before.target), _unit(after, after.target))
        for threshold in ("pass_", "excellent"):
            label = threshold.rstrip("_")
            c.value(f"{name} {label} threshold", key + ["thresholds", label],
                    _unit(before, getattr(before.thresholds, threshold, None)),
                    _unit(after, getattr(after.thresholds, threshold, None)))
        for field_name in KPI_TEXT:
            if field_name == "name":
                c.value(f"KPI {before.name} ({after.id}) name", key + ["name"], before.name, after.name)
            else:
                c.value(f"{name} {field_name}", key + [field_name], getattr(before, field_name),
                        getattr(after, field_name))
        c.items(f"{name} criterion", key + ["criteria"], before.criteria, after.criteria)
        c.value(f"{name} dimension", key + ["dimension"], dimension_of[id(before)], dimension_of[id(after)])
