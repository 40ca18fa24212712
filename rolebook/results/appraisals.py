"""From checked results to the documents HR files: each employee's completed appraisal (the role's form
with results, scores, total and grade filled in), and a summary of the period (every total and grade,
the grade distribution per role as a table and a chart, the forced-distribution quotas that do not hold).

The documents hold personal data: they are written owner-only (files 0600, folders 0700), all at once
(a staging folder renamed into place), under the project's ignored build/ folder.
"""

from __future__ import annotations

import csv
import io
from typing import Iterator
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from functools import partial
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path


from rolebook.errors import UsageError
from rolebook.outputs import OutputFolder, check_folder, os_error
from rolebook.project import Project
from rolebook.render import cells
from rolebook.render.context import role_context
from rolebook.render.documents import Renderer
from rolebook.render.html import render_body
from rolebook.render.labels import labels_for
from rolebook.render.markdown import field, parse
from rolebook.render.templating import cell, inline
from rolebook.render.wordpackage import DocumentInfo
from rolebook.results.check import Record
from rolebook.results.chart import chart_docx_marker, chart_svg
from rolebook.results.fill import FilledForm
from rolebook.spec import scoring
from rolebook.spec.model import Role
from rolebook.workers import forked_map
from rolebook.messages import _

PRIVATE_FILE, PRIVATE_FOLDER = 0o600, 0o700


@dataclass
class Scored:
    record: Record
    appraisal: scoring.Appraisal
    name: str  # the employee's file name, without extension


def score(records: list[Record]) -> list[Scored]:
    names = file_names([r.employee for r in records])
    return [Scored(r, scoring.appraise(r.role, r.results), name) for r, name in zip(records, names)]


def file_names(employees: list[str]) -> list[str]:
    """A file name for each employee: letters and digits kept (Chinese ones too), the rest a hyphen;
    the same name twice gets -2, -3 (in row order)."""
    names, used = [], set()
    for employee in employees:
        base = re.sub(r"[^\w\u00b7]+", "-", employee, flags=re.UNICODE).strip("-_")[:80] or "employee"
        name, n = base, 1
        while name.lower() in used or name.lower() in ("summary",):
            n += 1
            name = f"{base}-{n}"
        used.add(name.lower())
        names.append(name)
    return names


# --- one employee's appraisal -----------------------------------------------------------------


def filled_values(scored: Scored, vetoed_mark: str = "") -> dict[str, str]:
    """The form's fields (names of the spec format's "Fillable forms") with this employee's values; a total
    that a veto overruled is shown with `vetoed_mark`."""
    record, appraisal = scored.record, scored.appraisal
    values = {"employee": record.employee, "period": record.period, **record.written}
    for kpi in record.role.kpis():
        values[f"score-{kpi.id}"] = scoring.shown(appraisal.scores[kpi.id])
        values[f"weighted-{kpi.id}"] = scoring.shown(appraisal.weighted[kpi.id])
    values["total"] = scoring.shown(appraisal.total)
    if appraisal.vetoed and vetoed_mark:
        values["total"] += f" ({vetoed_mark})"
    if appraisal.grade is not None:
        values["grade"] = appraisal.grade
    assessment = record.role.assessment
    for item in assessment.adjustments:
        values.setdefault(f"adj:{item.id}", "0")
    if assessment.adjustments:
        values["adjustment"] = scoring.shown(appraisal.adjustment)
    for veto in assessment.vetoes:
        values[f"veto:{veto.id}"] = "yes" if veto.id in appraisal.vetoed else "no"
    return values


def vetoed_names(scored: Scored) -> str:
    """The names of the vetoes that occurred, for the summaries."""
    return "、".join(veto.name for veto in scored.record.role.assessment.vetoes if veto.id in scored.appraisal.vetoed)


def has_scheme(scored: list[Scored]) -> bool:
    return any(item.record.role.assessment.vetoes or item.record.role.assessment.adjustments for item in scored)


def filled_field(values: dict[str, str]):
    """The templates' `field` for a completed form: what was written in its place, a tick on the chosen
    level or grade; fields left to fill (comments, opinion, dates) stay fields."""
    def fill(kind: str, name: str, label: str = "", value: str | None = None) -> str:
        if name not in values:
            return field(kind, name, label, value)
        if kind == "check":  # a veto item: ticked when it occurred
            return "☑" if values[name] == "yes" else "☐"
        if kind == "choice":
            return ("☑" if values[name] == value else "☐") + "\u00a0" + cell(label or value)
        return cell(values[name])
    return fill


def appraisal_info(renderer: Renderer, role: Role, employee: str, period: str) -> DocumentInfo:
    """An employee's appraisal's properties and running header."""
    labels = labels_for(renderer.language(role))
    title = labels["ap_title"].format(role=inline(role.title), employee=employee, period=period)
    organization = renderer.project.settings.organization
    return DocumentInfo(title=title, subject=labels["appraisal_form"], language=renderer.language(role),
                        header=" · ".join(p for p in (organization, title) if p), footer_pattern=labels["page_of"],
                        creator=organization, version=role.version, keywords=[role.id, period],
                        date=role.effective)


def render_appraisal(renderer: Renderer, scored: Scored, formats: tuple[str, ...]) -> dict[str, bytes]:
    """An employee's appraisal rendered from the form's template, the values in its fields."""
    record = scored.record
    role = record.role
    context = role_context(renderer.project, role)
    values = filled_values(scored, labels_for(renderer.language(role))["vetoed"])
    markdown = renderer.templates.render("form.md.j2", c=context, **{**context, "field": filled_field(values)})
    return renderer.write(parse(markdown), appraisal_info(renderer, role, record.employee, record.period), formats)


class Appraiser:
    """Each employee's appraisal: the role's form rendered once and filled in (results/fill.py), or,
    for the values and forms that cannot be filled, rendered from scratch; the same bytes either way."""

    def __init__(self, renderer: Renderer):
        self.renderer = renderer
        self.forms: dict[tuple[str, frozenset[str]], FilledForm | None] = {}

    def render(self, scored: Scored, formats: tuple[str, ...]) -> dict[str, bytes]:
        record, renderer = scored.record, self.renderer
        role = record.role
        values = filled_values(scored, labels_for(renderer.language(role))["vetoed"])
        key = (role.id, frozenset(values))
        if key not in self.forms:
            self.forms[key] = FilledForm.make(renderer, role, key[1], partial(appraisal_info, renderer, role))
        form = self.forms[key]
        info = appraisal_info(renderer, role, record.employee, record.period)
        filled = form.fill(values, info, formats) if form else None
        return filled if filled is not None else render_appraisal(renderer, scored, formats)


# --- the summary ------------------------------------------------------------------------------


def percent(part: int, whole: int) -> str:
    value = Decimal(part * 100) / Decimal(whole) if whole else Decimal(0)
    return str(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def distribution(scored: list[Scored]) -> dict[str, tuple[Role, dict[str, int], int]]:
    """Per role: (role, employees per grade best first, employees)."""
    found: dict[str, tuple[Role, dict[str, int], int]] = {}
    for item in scored:
        role = item.record.role
        if role.id not in found:
            grades = {band.grade: 0 for band in (role.assessment.grades if role.assessment else [])}
            found[role.id] = (role, grades, 0)
        _, counts, total = found[role.id]
        if item.appraisal.grade is not None:
            counts[item.appraisal.grade] = counts.get(item.appraisal.grade, 0) + 1
        found[role.id] = (role, counts, total + 1)
    return found


def quota_findings(scored: list[Scored], labels: dict) -> list[str]:
    """Each `distribution` quota of a role that this period's grades break, in the labels' words."""
    findings = []
    for role, counts, total in distribution(scored).values():
        quotas = role.assessment.distribution if role.assessment else {}
        for grade, quota in quotas.items():
            share = Decimal(counts.get(grade, 0) * 100) / Decimal(total) if total else Decimal(0)
            words = dict(role=role.title, grade=grade, share=percent(counts.get(grade, 0), total), count=total)
            if quota.max is not None and share > Decimal(str(quota.max)):
                findings.append(labels["sm_quota_max"].format(limit=f"{float(quota.max):g}", **words))
            if quota.min is not None and share < Decimal(str(quota.min)):
                findings.append(labels["sm_quota_min"].format(limit=f"{float(quota.min):g}", **words))
    return findings


def summary_rows(scored: list[Scored]) -> tuple[list[str], Iterator[list]]:
    """The summary's column heads and, one by one, its rows: every employee's total and grade."""
    # TRANSLATORS: the column heads of summary.csv, which HR opens in a spreadsheet
    scheme = has_scheme(scored)
    header = [_("employee"), _("role"), _("period"), _("total"), _("grade"), _("file")] \
        + ([_("adjustment"), _("vetoed")] if scheme else [])

    def rows() -> Iterator[list]:
        for item in scored:
            row = [item.record.employee, item.record.role.id, item.record.period,
                   scoring.shown(item.appraisal.total), item.appraisal.grade or "", item.name]
            yield row + ([scoring.shown(item.appraisal.adjustment), vetoed_names(item)] if scheme else [])

    return header, rows()


def summary_csv(scored: list[Scored]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header, rows = summary_rows(scored)
    writer.writerow(header)
    for row in rows:
        writer.writerow([cells.csv_field(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM: Excel then reads the file as UTF-8


def summary_xlsx(scored: list[Scored], title: str) -> bytes:
    """The summary as a workbook, written row by row (openpyxl's write-only mode: its memory does not grow
    with the rows), totals as numbers, every text a text cell (cells.put)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from rolebook.results.workbook import EPOCH, HEADER_FILL, reproducible

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    header, rows = summary_rows(scored)
    heads = []
    for name in header:
        cell = cells.put(WriteOnlyCell(sheet), name)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        heads.append(cell)
    sheet.append(heads)
    total = header.index(_("total"))
    for row in rows:
        row[total] = float(row[total]) if row[total] not in ("", None) else None
        sheet.append([cells.put(WriteOnlyCell(sheet), value) for value in row])
    book.properties.created = book.properties.modified = EPOCH  # identical results, identical bytes
    book.properties.creator = "rolebook"
    book.properties.title = title
    buffer = io.BytesIO()
    book.save(buffer)
    return reproducible(buffer.getvalue(), EPOCH)


LIST_MAX = 1000  # employees the summary document lists one by one; beyond, per role (the full list: CSV, xlsx)


def summary_markdown(scored: list[Scored], labels: dict, period: str, findings: list[str]) -> str:
    scheme = has_scheme(scored)
    extra = f" {labels['adjustment_total']} | {labels['vetoes']} |" if scheme else ""
    lines = ["::: doc-title", f"# {inline(labels['sm_title'].format(period=period))}", ":::", ""]
    if len(scored) > LIST_MAX:  # a list of thousands is for a spreadsheet: the document gives each role's figures
        lines += [inline(labels["sm_full_list"].format(count=len(scored))), "", f"## {labels['sm_overview']}", "",
                  f"| {labels['sm_role']} | {labels['sm_count']} | {labels['sm_average']} |", "|---|---:|---:|"]
        totals: dict[str, list[float]] = {}
        for item in scored:
            if item.appraisal.total is not None:
                totals.setdefault(item.record.role.id, []).append(item.appraisal.total)
        for role, counts, total in distribution(scored).values():
            mine = totals.get(role.id, [])
            average = scoring.shown(round(sum(mine) / len(mine), 2)) if mine else ""
            lines.append(f"| {cell(role.title)} | {total} | {average} |")
    else:
        lines += [f"| {labels['sm_employee']} | {labels['sm_role']} | {labels['sm_total']} | {labels['sm_grade']} |"
                  f"{extra}", "|---|---|---:|---|" + ("---:|---|" if scheme else "")]
        for item in scored:
            more = f" {scoring.shown(item.appraisal.adjustment)} | {cell(vetoed_names(item))} |" if scheme else ""
            lines.append(f"| {cell(item.record.employee)} | {cell(item.record.role.title)} | "
                         f"{scoring.shown(item.appraisal.total)} | "
                         f"{cell(item.appraisal.grade or labels['sm_no_grade'])} |" + more)
    lines += ["", f"## {labels['sm_distribution']}"]
    for number, (role, counts, total) in enumerate(distribution(scored).values()):
        lines += ["", f"### {inline(role.title)}", "",
                  f"| {labels['sm_grade']} | {labels['sm_count']} | {labels['sm_share']} |", "|---|---:|---:|"]
        lines += [f"| {cell(grade)} | {count} | {percent(count, total)}% |" for grade, count in counts.items()]
        lines += ["", chart_docx_marker(number)]
    lines += ["", f"## {labels['sm_quotas']}", ""]
    lines += [f"- {inline(finding)}" for finding in findings] or [inline(labels["sm_quota_ok"])]
    return "\n".join(lines) + "\n"


def render_summary(renderer: Renderer, scored: list[Scored], period: str, findings: list[str]) -> dict[str, bytes]:
    project = renderer.project
    language = project.settings.language
    labels = labels_for(language)
    tokens = parse(summary_markdown(scored, labels, period, findings))
    title = labels["sm_title"].format(period=period)
    info = DocumentInfo(title=title, subject=title, language=language, header=title,
                        footer_pattern=labels["page_of"], creator=project.settings.organization)
    charts = [(role, counts, labels["sm_chart"].format(role=role.title))
              for role, counts, _ in distribution(scored).values()]
    out = renderer.write(tokens, info, ("docx",))
    from rolebook.results.chart import with_charts

    out["docx"] = with_charts(out["docx"], charts)
    body = render_body(tokens)
    for number, (role, counts, name) in enumerate(charts):
        body = body.replace(f"<p>{chart_docx_marker(number)}</p>", str(chart_svg(counts, name)), 1)
    out["html"] = renderer.page(info, body, landscape=False)
    return out


# --- writing ----------------------------------------------------------------------------------


def write_all(project: Project, scored: list[Scored], period: str, formats: tuple[str, ...], findings: list[str],
              out: Path | None, workers: int = 1) -> Path:
    """Render every document into a private staging folder, then move it into place whole."""
    root = project.root
    renderer = Renderer(project)
    with OutputFolder(root / "build", root) as folder:
        if out is None:
            parent = folder.safe_parent(f"appraisals/{period}/x")
            os.chmod(folder.path / "appraisals", PRIVATE_FOLDER)
            target = parent
            staging = folder.start_staging()
        else:
            target = check_folder(out, root) if out.is_relative_to(root) else Path(os.path.abspath(out))
            if target.exists() and (not target.is_dir() or any(target.iterdir())):
                raise UsageError(_("{target}: --out names a new or empty folder (appraisals are not "
                                   "mixed with other files)").format(target=target))
            if not target.parent.is_dir():
                raise UsageError(_("{parent}: no such folder").format(parent=target.parent))
            staging = Path(tempfile.mkdtemp(prefix=".rolebook-staging-", dir=target.parent))
        try:
            ready = staging / "ready"
            ready.mkdir(mode=PRIVATE_FOLDER)
            _render_into(renderer, scored, period, formats, findings, ready, workers)
            if target.is_symlink():
                raise UsageError(_("{target} is a link; rolebook does not write through links").format(
                                     target=target))
            if target.exists():
                os.rename(target, staging / "previous")
            os.rename(ready, target)
        except OSError as exc:
            raise os_error(exc, target) from None
        finally:
            if out is not None:
                shutil.rmtree(staging, ignore_errors=True)
    return target


def _render_into(renderer: Renderer, scored: list[Scored], period: str, formats: tuple[str, ...],
                 findings: list[str], folder: Path, workers: int) -> None:
    made = tuple(fmt for fmt in formats if fmt != "pdf") or ("docx",)  # a PDF is made from the .docx

    appraiser = Appraiser(renderer)

    def render(item: Scored) -> list[tuple[str, bytes]]:
        return [(f"{item.name}.{fmt}", data) for fmt, data in appraiser.render(item, made).items()]

    for files in forked_map(render, scored, workers, least=4, most_per_chunk=32):
        for name, data in files:
            _private_write(folder / name, data)
    if "pdf" in formats:  # through LibreOffice, one process for every appraisal
        from rolebook.render import pdf

        layouts = [pdf.Layout(folder / f"{item.name}.docx", folder / f"{item.name}.pdf") for item in scored]
        pdf.lay_out(layouts)
        for item, layout in zip(scored, layouts):
            data = pdf.stabilize(layout.pdf.read_bytes(), item.record.role.effective)
            layout.pdf.unlink()
            _private_write(layout.pdf, data)
            if "docx" not in formats:
                layout.docx.unlink()
    summary = render_summary(renderer, scored, period, findings)
    _private_write(folder / "summary.csv", summary_csv(scored))
    _private_write(folder / "summary.xlsx", summary_xlsx(scored, labels_for(renderer.project.settings.language)[
        "sm_title"].format(period=period)))
    _private_write(folder / "summary.html", summary["html"])
    _private_write(folder / "summary.docx", summary["docx"])


def _private_write(path: Path, data: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, PRIVATE_FILE)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)
