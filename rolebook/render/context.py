"""What templates see: the role, its project, its language's labels and a few formatting helpers."""

from __future__ import annotations

from rolebook.project import Project
from rolebook.render.labels import labels_for
from rolebook.render.templating import number
from rolebook.spec.model import LibraryKpi, Role


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
