"""The role catalogue (岗位一览表) for finance and an HRIS: one row per concrete role, as a workbook (a frozen,
filtered header and a sheet of headcount per department and grade with totals), as CSV (UTF-8 with a BOM,
so that Excel reads Chinese right) and as JSON (described by CATALOGUE_SCHEMA). Cells hold text and numbers
only: text that would be a formula is kept as text (render/cells.py)."""

from __future__ import annotations

import csv
import datetime
import io
import json

from rolebook.render import cells

COLUMNS = ("id", "code", "title", "department", "family", "grade", "grade_name", "reports_to", "direct_reports",
           "headcount", "employment_type", "location", "salary_min", "salary_max", "currency", "salary_period",
           "version", "effective", "status", "owner")
NUMBERS = {"direct_reports", "headcount", "salary_min", "salary_max"}
# What each column holds (the field reference's section on the catalogue).
MEANINGS = {
    "id": "the role's id (its file name)", "code": "`code`, the position number (岗位编号)",
    "title": "`title`", "department": "`department`", "family": "the title of the family the role `extends`",
    "grade": "`grade`", "grade_name": "the grade's `name` in `job_grades`",
    "reports_to": "the title of the role of `reports_to` (its id when no role has it)",
    "direct_reports": "how many concrete roles report to this one", "headcount": "`headcount` (定员)",
    "employment_type": "`employment_type` (the workbook shows it in words)", "location": "`location`",
    "salary_min": "`salary.min`", "salary_max": "`salary.max`", "currency": "`salary.currency`",
    "salary_period": "`salary.period`", "version": "`version`", "effective": "`effective`, YYYY-MM-DD",
    "status": "`status`", "owner": "`owner`",
}
# The workbook's column heads, in the project's language (the CSV and JSON keep the ids above: stable names
# for an HRIS import).
HEADS = {"id": "cat_id", "code": "code", "title": "position", "department": "department", "family": "family",
         "grade": "grade", "grade_name": "grade_name", "reports_to": "reports_to",
         "direct_reports": "cat_direct_reports", "headcount": "headcount", "employment_type": "employment_type",
         "location": "location", "salary_min": "cat_salary_min", "salary_max": "cat_salary_max",
         "currency": "cat_currency", "salary_period": "cat_salary_period", "version": "version",
         "effective": "effective", "status": "status", "owner": "owner"}
# Values the workbook shows in words: the label key of each (status_draft, …)
WORDS = {"employment_type": "employment_{}", "salary_period": "salary_period_{}", "status": "status_{}"}
CATALOGUE_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "rolebook role catalogue",
    "type": "object",
    "required": ["roles", "headcount"],
    "properties": {
        "roles": {"type": "array", "items": {
            "type": "object", "required": ["id", "title"], "additionalProperties": False,
            "properties": {name: ({"type": ["number", "null"]} if name in NUMBERS else {"type": ["string", "null"]})
                           for name in COLUMNS}}},
        "headcount": {"type": "array", "items": {
            "type": "object", "required": ["department", "grade", "roles", "headcount"],
            "properties": {"department": {"type": "string"}, "grade": {"type": "string"},
                           "roles": {"type": "integer"}, "headcount": {"type": "integer"}}}},
    },
}


def reference_markdown() -> str:
    """The catalogue's section of the field reference (docs/reference.md)."""
    lines = ['<a id="catalogue"></a>', "## Role catalogue: `build/catalogue.json`, `.csv`, `.xlsx`", "",
             "`rolebook build` (or `--kind catalogue`) writes one row per concrete role. The CSV (UTF-8 with a "
             "BOM) and the JSON name the columns by the ids below; the workbook heads them in the project's "
             "language and adds a sheet of roles and headcount per department and grade, with totals. The "
             "JSON is `{roles: [...], headcount: [{department, grade, roles, headcount}]}`; an empty value is "
             "`null` (an empty cell in the CSV).", "", "| column | holds |", "|---|---|"]
    lines += [f"| `{name}` | {MEANINGS[name]} |" for name in COLUMNS]
    lines += ["", "Its JSON Schema:", "", "```json", json.dumps(CATALOGUE_SCHEMA, indent=2, ensure_ascii=False), "```",
              ""]
    return "\n".join(lines)


def _plain(text) -> str | None:
    from rolebook.render.structured import plain

    return plain(text) if text else None


def rows(project) -> list[dict]:
    grades = {g.grade: g for g in project.settings.job_grades}
    found = []
    for role in project.concrete_roles():
        family = project.roles.get(role.extends) if role.extends else None
        superior = project.roles.get(role.reports_to) if role.reports_to else None
        salary = role.salary
        found.append({
            "id": role.id, "code": role.code, "title": _plain(role.title), "department": _plain(role.department),
            "family": _plain(family.title) if family else None, "grade": role.grade,
            "grade_name": _plain(grades[role.grade].name) if role.grade in grades and grades[role.grade].name else None,
            "reports_to": _plain(superior.title) if superior else role.reports_to,
            "direct_reports": len(project.direct_reports(role.id)), "headcount": role.headcount,
            "employment_type": role.employment_type, "location": _plain(role.location),
            "salary_min": salary.min if salary else None, "salary_max": salary.max if salary else None,
            "currency": salary.currency if salary else None, "salary_period": salary.period if salary else None,
            "version": role.version, "effective": role.effective.isoformat() if role.effective else None,
            "status": role.status, "owner": _plain(role.owner)})
    return found


def headcount(found: list[dict]) -> list[dict]:
    """Roles and headcount per department and grade, in the order the roles name them."""
    totals: dict[tuple[str, str], list[int]] = {}
    for row in found:
        counts = totals.setdefault((row["department"] or "", row["grade"] or ""), [0, 0])
        counts[0] += 1
        counts[1] += row["headcount"] or 0
    return [{"department": d, "grade": g, "roles": r, "headcount": h} for (d, g), (r, h) in totals.items()]


def as_json(project) -> bytes:
    found = rows(project)
    data = {"roles": found, "headcount": headcount(found)}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def as_csv(project) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows(project):
        writer.writerow([cells.csv_field("" if row[name] is None else row[name]) for name in COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(project, labels: dict, date: datetime.date | None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from rolebook.results.workbook import EPOCH, HEADER_FILL, reproducible

    found = rows(project)
    book = Workbook()
    sheet = book.active
    sheet.title = labels["catalogue"][:31]
    shown = [{name: _in_words(name, row[name], labels) for name in COLUMNS} for row in found]
    for n, name in enumerate(COLUMNS, 1):
        header = cells.put(sheet.cell(row=1, column=n), labels[HEADS[name]])
        header.font, header.fill = Font(bold=True), HEADER_FILL
        width = max([_width(labels[HEADS[name]])] + [_width(row[name]) for row in shown])
        sheet.column_dimensions[get_column_letter(n)].width = min(40, width + 2)
    for r, row in enumerate(shown, 2):
        for n, name in enumerate(COLUMNS, 1):
            cells.put(sheet.cell(row=r, column=n), row[name])
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(found) + 1}"
    totals = book.create_sheet(labels["headcount_by_department"][:31])
    heads = [labels["department"], labels["grade"], labels["roles_count"], labels["headcount"]]
    for n, name in enumerate(heads, 1):
        cell = cells.put(totals.cell(row=1, column=n), name)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        totals.column_dimensions[get_column_letter(n)].width = 18
    groups = headcount(found)
    r = 1
    for department in dict.fromkeys(g["department"] for g in groups):
        mine = [g for g in groups if g["department"] == department]
        for group in mine:
            r += 1
            for n, value in enumerate((department or labels["no_department"], group["grade"], group["roles"],
                                       group["headcount"]), 1):
                cells.put(totals.cell(row=r, column=n), value)
        r += 1
        for n, value in enumerate((department or labels["no_department"], labels["all_departments"],
                                   sum(g["roles"] for g in mine), sum(g["headcount"] for g in mine)), 1):
            cells.put(totals.cell(row=r, column=n), value).font = Font(bold=True)
    r += 1
    for n, value in enumerate((labels["all_departments"], "", len(found), sum(g["headcount"] for g in groups)), 1):
        cell = cells.put(totals.cell(row=r, column=n), value)
        cell.font, cell.alignment = Font(bold=True), Alignment()
    totals.freeze_panes = "A2"
    moment = datetime.datetime.combine(date, datetime.time()) if date else EPOCH
    book.properties.created = book.properties.modified = moment
    book.properties.creator = "rolebook"
    book.properties.title = labels["catalogue"]
    buffer = io.BytesIO()
    book.save(buffer)
    return reproducible(buffer.getvalue(), moment)


def _in_words(name: str, value, labels: dict):
    """A code (full_time, month, draft) as the project's language says it; other values as they are."""
    if name in WORDS and value is not None:
        return labels.get(WORDS[name].format(value), value)
    return value


def _width(value) -> int:
    if value is None:
        return 0
    text = str(value)
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)
