"""What templates see: the role, its project, its language's labels and a few formatting helpers."""

from __future__ import annotations

from rolebook.project import Project
from rolebook.render.labels import labels_for
from rolebook.render.templating import number
from rolebook.spec.model import LibraryKpi, Role, Term


class Formatter:
    """Numbers, thresholds and lists written the way the document's language writes them."""

    def __init__(self, labels: dict):
        self.labels = labels

    def amount(self, kpi: LibraryKpi, value) -> str:
        if value is None:
            return ""
        unit = kpi.unit or ""
        if not unit:
            return number(value)
        return f"{number(value)}{unit}" if unit in ("%", "‰") else f"{number(value)} {unit}"

    def threshold(self, kpi: LibraryKpi, value) -> str:
        """'≥ 90%' for higher-is-better, '≤ 5%' for lower-is-better."""
        if value is None:
            return ""
        sign = "≥" if kpi.direction == "higher" else "≤"
        return f"{sign} {self.amount(kpi, value)}"

    def grade_ranges(self, grades) -> list[tuple]:
        """(grade, 'lower ≤ total < upper' in the document's words, label, description), best first."""
        total = self.labels["total_score"]
        rows = []
        for index, grade in enumerate(grades):
            upper = grades[index - 1].min if index else None
            if upper is None:
                text = f"{total} ≥ {number(grade.min)}"
            elif grade.min <= 0 and index == len(grades) - 1:
                text = f"{total} < {number(upper)}"
            else:
                text = f"{number(grade.min)} ≤ {total} < {number(upper)}"
            rows.append((grade.grade, text, grade.label or "", grade.description or ""))
        return rows

    def join(self, items) -> str:
        return self.labels["list_separator"].join(str(item) for item in items if item)


def role_context(project: Project, role: Role) -> dict:
    language = project.language_of(role)
    labels = labels_for(language)
    reports_to = role.reports_to
    if reports_to and reports_to in project.roles:
        reports_to = project.roles[reports_to].title
    return {
        "role": role,
        "t": labels,
        "f": Formatter(labels),
        "language": language,
        "organization": project.settings.organization,
        "reports_to": reports_to,
        "status": labels[f"status_{role.status}"],
        "signatures": role.assessment.signatures if role.assessment and role.assessment.signatures
        else labels["signatures"],
    }


def glossary_order(language: str):
    """A sort key for glossary terms as readers of the language expect: pinyin order for Chinese."""
    if language.lower().startswith("zh"):
        from pypinyin import Style, lazy_pinyin

        return lambda text: (" ".join(lazy_pinyin(text, style=Style.TONE3)).casefold(), text)
    return lambda text: (text.casefold(), text)


def merged_glossary(project: Project, roles: list[Role]) -> list[Term]:
    """Every term of the roles and the library, once (the validator refused conflicting definitions)."""
    from rolebook.spec.rules import term_key

    terms: dict[str, Term] = {}
    for term in [*project.library_terms, *(t for role in roles for t in role.glossary)]:
        terms.setdefault(term_key(term.term), term)
    order = glossary_order(project.settings.language)
    return sorted(terms.values(), key=lambda term: order(term.term))


def handbook_roles(project: Project) -> list[Role]:
    """The roles of the handbook, in `handbook.roles` order (default: every concrete role, by id)."""
    chosen = project.settings.handbook.roles
    if chosen is None:
        return project.concrete_roles()
    return [project.roles[role_id] for role_id in chosen if role_id in project.roles
            and not project.roles[role_id].abstract]


def handbook_context(project: Project, revision, history, policies: list[str]) -> dict:
    labels = labels_for(project.settings.language)
    roles = handbook_roles(project)
    title = project.settings.handbook.title or " ".join(
        part for part in (project.settings.organization, labels["handbook"]) if part)
    if revision.commit:
        parts = [revision.date.isoformat() if revision.date else "", revision.commit]
        if revision.modified:
            parts.append(f"({labels['modified']})")
        revision_text = " ".join(part for part in parts if part)
    else:
        revision_text = revision.date.isoformat() if revision.date else labels["not_in_git"]
    return {
        "t": labels,
        "f": Formatter(labels),
        "title": title,
        "organization": project.settings.organization,
        "revision": revision_text,
        "roles": [role_context(project, role) for role in roles],
        "policies": policies,
        "glossary": merged_glossary(project, roles),
        "history": history,
    }
