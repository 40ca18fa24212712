"""Resolve `extends` and library `use` on the loaded trees, keeping every value's source.

Merge rules (spec-format.md): a child starts from its parent's fields; scalars
are overridden, mappings are merged key by key, lists of items with ids
(duties, dimensions, KPIs) are merged by id, other lists are replaced. Merging
works on the position-carrying trees, so a problem found in the merged role
still points at the file and line that hold the value.
"""

from __future__ import annotations

from typing import Any

from rolebook.errors import Problem
from rolebook.spec.loader import Mapping, Sequence
from rolebook.spec.schema import did_you_mean
from rolebook.messages import _

# Lists merged item by item; the path leaves out list indices.
ID_LISTS = {("duties",), ("assessment", "dimensions"), ("assessment", "dimensions", "kpis")}
NOT_INHERITED = ("abstract", "code", "changes")  # a family's code and history are its own


def item_key(item: Any) -> str | None:
    if not isinstance(item, Mapping):
        return None
    key = item.get("id", item.get("use"))
    return key if isinstance(key, str) else None


def merge(parent: Any, child: Any, path: tuple = ()) -> Any:
    """The child's value laid over the parent's (neither is changed)."""
    if isinstance(parent, Mapping) and isinstance(child, Mapping):
        out = Mapping(child.source)
        for key, value in parent.items():
            out.put(key, value, parent.key_sources[key], parent.value_sources[key])
        for key, value in child.items():
            if key in out:
                value = merge(out[key], value, path + (key,))
            out.put(key, value, child.key_sources[key], child.value_sources[key])
        return out
    if path in ID_LISTS and isinstance(parent, Sequence) and isinstance(child, Sequence):
        return _merge_by_id(parent, child, path)
    return child


def _merge_by_id(parent: Sequence, child: Sequence, path: tuple) -> Sequence:
    """Merge two lists of items with ids, keeping the order of both.

    Items follow the child's order; a parent item the child does not name
    comes just before the next parent item the child does name, or at the end.
    So a family's common duties follow a child's own duties, and a child that
    overrides one KPI's weight leaves the KPI order as it was.
    """
    index: dict[str, int] = {}
    for position, item in enumerate(parent):
        key = item_key(item)
        if key is not None and key not in index:
            index[key] = position
    out = Sequence(child.source)
    emitted = 0  # parent items before this one are placed

    def emit_parent_until(stop: int) -> None:
        nonlocal emitted
        for position in range(emitted, stop):
            if position not in taken:
                out.add(parent[position], parent.item_sources[position])
        emitted = max(emitted, stop)

    taken: set[int] = set()
    for item, source in zip(child, child.item_sources):
        position = index.get(item_key(item))
        if position is None or position in taken:
            # New here, or an id the child repeats: appended, so duplicate-id still sees it.
            out.add(item, source)
            continue
        emit_parent_until(position)
        taken.add(position)
        out.add(merge(parent[position], item, path), source)
        emitted = max(emitted, position + 1)
    emit_parent_until(len(parent))
    return out


def resolve_extends(trees: dict[str, Mapping], unreadable: frozenset = frozenset()
                    ) -> tuple[dict[str, Mapping], list[Problem], set[str]]:
    """Merge every role with its ancestors.

    Returns the merged trees, the unknown-ref / extends-cycle problems and the
    ids of roles whose ancestry is broken (their trees are left unmerged). A parent
    whose file could not be read (`unreadable`) breaks its children silently: its own
    problem says what is wrong.
    """
    resolved: dict[str, Mapping] = {}
    problems: list[Problem] = []
    broken: set[str] = set()

    def resolve(role_id: str, chain: tuple[str, ...]) -> Mapping:
        if role_id in resolved:
            return resolved[role_id]
        tree = trees[role_id]
        parent_id = tree.get("extends")
        if not isinstance(parent_id, str):
            resolved[role_id] = tree
            return tree
        where = tree.value_sources["extends"]
        if parent_id == role_id or parent_id in chain:
            members = (chain + (role_id,))[(chain + (role_id,)).index(parent_id):]
            loop = " → ".join(members + (parent_id,))
            for member in members:
                problems.append(Problem.at(trees[member].value_sources["extends"], "extends-cycle",
                                           _("roles extend each other in a loop: {loop}").format(loop=loop)))
                broken.add(member)
            resolved[role_id] = tree
            return tree
        if parent_id not in trees:
            if parent_id not in unreadable:
                problems.append(Problem.at(where, "unknown-ref", _("extends '{parent_id}', but no role has "
                                                                   "that id").format(parent_id=parent_id)
                                           + did_you_mean(parent_id, trees)))
            broken.add(role_id)
            resolved[role_id] = tree
            return tree
        parent = resolve(parent_id, chain + (role_id,))
        if parent_id in broken:
            broken.add(role_id)
        inherited = Mapping(parent.source)
        for key, value in parent.items():
            if key not in NOT_INHERITED:
                inherited.put(key, value, parent.key_sources[key], parent.value_sources[key])
        resolved[role_id] = merge(inherited, tree)
        return resolved[role_id]

    for role_id in trees:
        resolve(role_id, ())
    return resolved, problems, broken


def resolve_uses(tree: Mapping, library: dict[str, Mapping], unreadable: frozenset = frozenset()
                 ) -> tuple[Mapping, list[Problem]]:
    """Replace every `- use: ID` KPI with the library's KPI under the fields given beside it.
    A KPI the library holds but could not read (`unreadable`, or "*" for the whole file) is not
    reported again here."""
    problems: list[Problem] = []
    assessment = tree.get("assessment")
    dimensions = assessment.get("dimensions") if isinstance(assessment, Mapping) else None
    if not isinstance(dimensions, Sequence):
        return tree, problems
    new_dimensions = Sequence(dimensions.source)
    changed = False
    for dimension, source in zip(dimensions, dimensions.item_sources):
        kpis = dimension.get("kpis") if isinstance(dimension, Mapping) else None
        if isinstance(kpis, Sequence):
            new_kpis = Sequence(kpis.source)
            for kpi, kpi_source in zip(kpis, kpis.item_sources):
                new_kpis.add(_use(kpi, library, problems, unreadable), kpi_source)
            if any(new is not old for new, old in zip(new_kpis, kpis)):
                dimension = _replace(dimension, "kpis", new_kpis)
                changed = True
        new_dimensions.add(dimension, source)
    if not changed:
        return tree, problems
    return _replace(tree, "assessment", _replace(assessment, "dimensions", new_dimensions)), problems


def _use(kpi: Any, library: dict[str, Mapping], problems: list[Problem], unreadable: frozenset) -> Any:
    if not isinstance(kpi, Mapping) or not isinstance(kpi.get("use"), str):
        return kpi
    ref = kpi["use"]
    base = library.get(ref)
    if base is None:
        if ref not in unreadable and "*" not in unreadable:
            problems.append(Problem.at(kpi.value_sources["use"], "unknown-ref",
                                       _("use '{ref}', but library/kpis.yaml has no KPI with that id").format(
                                           ref=ref)
                                       + did_you_mean(ref, library)))
        # Stand-in id and name, so the rest of the role is still checked without noise.
        stand_in = Mapping(kpi.source)
        for key in ("id", "name"):
            stand_in.put(key, ref, kpi.key_sources["use"], kpi.value_sources["use"])
        return merge(stand_in, kpi)
    return merge(base, kpi)


def _replace(mapping: Mapping, key: str, value: Any) -> Mapping:
    out = Mapping(mapping.source)
    for name, old in mapping.items():
        out.put(name, value if name == key else old, mapping.key_sources[name], mapping.value_sources[name])
    return out
