"""The grade × family matrix (职级体系表) and the headcount per department (定岗定编): grades as rows, best
first, with the pay band beside each; families (the abstract roles roles extend) or, without families,
departments as columns; the titles of the roles at that grade in the cells."""

from __future__ import annotations

from rolebook.render.templating import cell
from rolebook.render.labels import currency_name


def _number(value) -> str:
    return f"{value:,g}" if isinstance(value, (int, float)) else ""


def columns_of(project) -> tuple[str, list[str], dict]:
    """(the column kind's label key, the columns, role id → its column)."""
    roles = project.summaries()
    families = {role.id: project.summary(role.extends).title for role in roles
                if role.extends and role.extends in project.roles}
    if families:
        found = {role.id: families.get(role.id, "—") for role in roles}
        return "family", list(dict.fromkeys(found[r.id] for r in roles)), found
    found = {role.id: role.department or "—" for role in roles}
    return "department", list(dict.fromkeys(found[r.id] for r in roles)), found


def grade_rows(project, labels: dict) -> list[tuple[str, str, str]]:
    """(grade, its name, its pay band) best first: the ladder's, or the roles' grades as they stand."""
    ladder = project.settings.job_grades
    if ladder:
        ordered = sorted(enumerate(ladder), key=lambda pair: (-pair[1].rank, pair[0]))
        return [(g.grade, g.name or "", band(g.pay, labels)) for _, g in ordered]
    seen = list(dict.fromkeys(role.grade for role in project.summaries() if role.grade))
    return [(grade, "", "") for grade in sorted(seen, reverse=True)]


def band(pay, labels: dict) -> str:
    """'12,000–20,000 CNY/月': a grade's pay band as the language writes a pay range."""
    if pay is None:
        return ""
    return labels["salary_range"].format(low=_number(pay.min) or "…", high=_number(pay.max) or "…",
                                         currency=currency_name(labels, pay.currency),
                                         period=labels[f"salary_period_{pay.period}"])


def matrix_markdown(project, labels: dict) -> str:
    kind, columns, column_of = columns_of(project)
    rows = grade_rows(project, labels)
    paid = any(pay for _, _, pay in rows)  # a pay band column only where a grade gives one: never all blank
    lines = ["| " + " | ".join([labels["grade"], labels["grade_name"]] + [labels["pay_band"]] * paid
                               + [cell(c) for c in columns]) + " |",
             "|" + "---|" * (2 + paid + len(columns))]
    roles = project.summaries()
    for grade, name, pay in rows:
        cells = []
        for column in columns:
            titles = [role.title for role in roles if role.grade == grade and column_of[role.id] == column]
            cells.append(labels["list_separator"].join(cell(t) for t in titles))
        lines.append("| " + " | ".join([f"**{cell(grade)}**", cell(name)] + [cell(pay)] * paid + cells) + " |")
    return "\n".join(lines)


def headcount_rows(project) -> list[tuple[str, int, int, int]]:
    """(department, roles, headcount, roles without one) per department, in the order roles name them."""
    found: dict[str, list[int]] = {}
    for role in project.summaries():
        counts = found.setdefault(role.department or "", [0, 0, 0])
        counts[0] += 1
        counts[1] += role.headcount or 0
        counts[2] += role.headcount is None
    return [(name, roles, heads, unset) for name, (roles, heads, unset) in found.items()]


def headcount_cell(roles: int, heads: int, unset: int, labels: dict) -> str:
    """A department's headcount: "—" when none of its roles gives one (not 0: nobody decided it is none),
    the sum and how many roles are left out when some do not."""
    if unset == roles:
        return "—"
    return labels["headcount_partial"].format(count=heads, unset=unset) if unset else str(heads)


def headcount_markdown(project, labels: dict) -> str:
    rows = headcount_rows(project)
    lines = [f"| {labels['department']} | {labels['roles_count']} | {labels['headcount']} |", "|---|--:|--:|"]
    lines += [f"| {cell(name) or labels['no_department']} | {roles} | {headcount_cell(roles, heads, unset, labels)} |"
              for name, roles, heads, unset in rows]
    total = [sum(row[i] for row in rows) for i in (1, 2, 3)]
    lines.append(f"| **{labels['all_departments']}** | **{total[0]}** | **{headcount_cell(*total, labels)}** |")
    return "\n".join(lines)


def architecture_markdown(project, labels: dict) -> str:
    return matrix_markdown(project, labels) + f"\n\n**{labels['headcount_by_department']}**\n\n" + \
        headcount_markdown(project, labels)
