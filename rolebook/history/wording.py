"""A change of a role in HR's words and in the document's language: "新客户开发 权重 8% → 11%",
"新增职责：制定销售计划", "Collaboration: level Poor added".

The semantic diff (history/diff.py) addresses each change by a stable path; this module names what the
path points at (a KPI by its name, a duty by its title) and words the change with the language's labels.
"""

from __future__ import annotations

from rolebook.history.diff import Change, _show
from rolebook.spec.model import Role

# Which noun an item's path starts with, and which label names each field.
NOUNS = {("duties",): "w_duty", ("scenarios",): "w_scenario", ("glossary",): "w_term",
         ("assessment", "dimensions"): "w_dimension", ("assessment", "kpis"): "w_kpi",
         ("assessment", "grades"): "w_grade", ("assessment", "process"): "w_step",
         ("assessment", "result_application"): "w_application", ("requirements", "competencies"): "w_competency"}
FIELDS = {
    "id": "w_id", "title": "w_title", "department": "department", "reports_to": "reports_to", "grade": "grade",
    "version": "version", "effective": "effective", "status": "status", "owner": "owner", "language": "w_language",
    "summary": "summary", "description": "w_description", "daily_tasks": "daily_tasks",
    "collaboration": "collaboration", "deliverables": "deliverables", "education": "education",
    "experience": "experience", "skills": "skills", "background": "background", "task": "task",
    "communication": "communication", "outcome": "outcome", "period": "period", "schedule": "schedule",
    "appeal": "appeal", "signatures": "w_signatures", "methods": "methods", "rewards": "rewards",
    "penalties": "penalties", "name": "w_name", "weight": "weight", "weight_range": "w_weight_range",
    "target": "target", "pass": "pass", "excellent": "excellent", "definition": "w_definition",
    "formula": "formula", "unit": "w_unit", "direction": "w_direction", "source": "source", "type": "w_type",
    "criteria": "w_criteria", "dimension": "dimension", "min": "w_min", "label": "rating",
}


def _item_name(role: Role | None, path: list[str]) -> str | None:
    """The display name of the item a path names: a KPI's name, a duty's title, a dimension's name."""
    if role is None or len(path) < 2:
        return None
    key = path[2] if path[0] == "assessment" and len(path) > 2 else path[1]
    if path[:2] == ["assessment", "kpis"]:
        return next((k.name for k in role.kpis() if k.id == key), None)
    if path[0] == "duties":
        return next((d.title for d in role.duties if (d.id or d.title) == key), None)
    if path[:2] == ["assessment", "dimensions"] and role.assessment:
        return next((d.name for d in role.assessment.dimensions if (d.id or d.name) == key), None)
    return key


def _noun(labels: dict, path: list[str]) -> str | None:
    for prefix in ((path[0], path[1]) if len(path) > 1 else (), (path[0],)):
        if prefix in NOUNS:
            return labels[NOUNS[prefix]]
    return None


def _field(labels: dict, name: str) -> str:
    key = FIELDS.get(name)
    return labels[key] if key else name


def parts(change: Change, labels: dict, old: Role | None, new: Role | None) -> tuple[str, str | None, str | None]:
    """What changed, in the reader's words, and its old and new values as text (None where there is none)."""
    path = change.path
    noun = _noun(labels, path)
    name = _item_name(new, path) or _item_name(old, path)
    item_length = 3 if path[0] in ("assessment", "requirements") else 2
    if noun is not None and len(path) == item_length and change.kind != "changed":  # a whole duty, KPI, grade …
        value = name or _show(change.new if change.kind == "added" else change.old)
        return noun, value if change.kind == "removed" else None, value if change.kind == "added" else None
    field = _field(labels, path[-1])
    # a field on its own starts the line: "Title: Account Executive → …", not "title: …"
    subject = f"{name} {field.lower()}" if noun is not None and name else field[:1].upper() + field[1:]
    return (subject, None if change.kind == "added" else _value(labels, path, change.old),
            None if change.kind == "removed" else _value(labels, path, change.new))


# Fields whose values are codes the documents print in words: 状态 已批准 → 草稿, not approved → draft.
VALUE_LABELS = {("status",): "status_{}", ("employment_type",): "employment_{}",
                ("assessment", "period"): "period_{}"}


def _value(labels: dict, path: list[str], value) -> str:
    pattern = VALUE_LABELS.get(tuple(path))
    if pattern and isinstance(value, str):
        return labels.get(pattern.format(value), value)
    return _show(value)


def describe(change: Change, labels: dict, old: Role | None, new: Role | None) -> str:
    text = _describe(change, labels, old, new)
    if change.language:  # only a translation changed: say which, so that its translator knows
        name = labels.get(f"lang_{change.language}", change.language)
        return labels["w_in_language"].format(language=name, change=text)
    return text


def _describe(change: Change, labels: dict, old: Role | None, new: Role | None) -> str:
    """One change as a reader of the language says it."""
    subject, before, after = parts(change, labels, old, new)
    path = change.path
    item_length = 3 if path[0] in ("assessment", "requirements") else 2
    if _noun(labels, path) is not None and len(path) == item_length and change.kind != "changed":
        return labels[f"w_{change.kind}_item"].format(noun=subject, name=after if change.kind == "added" else before)
    if change.kind == "changed":
        return labels["w_changed"].format(subject=subject, old=before, new=after)
    return labels[f"w_{change.kind}"].format(subject=subject, value=after if change.kind == "added" else before)
