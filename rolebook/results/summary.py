"""The summary of a period, gathered line by line as the appraisals are written: every total and grade in
summary.csv and summary.xlsx (written as the lines come, so none is held), and in summary.html/.docx the
grade distribution per role as a table and a chart, the forced-distribution quotas that do not hold, and
the employees one by one while they are few enough to read (LIST_MAX; beyond, each role's figures)."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from rolebook.render import cells
from rolebook.render.documents import Renderer
from rolebook.render.html import render_body
from rolebook.render.labels import labels_for
from rolebook.render.markdown import parse
from rolebook.render.templating import cell, inline
from rolebook.render.wordpackage import DocumentInfo
from rolebook.results.chart import chart_docx_marker, chart_svg, with_charts
from rolebook.spec import scoring
from rolebook.spec.model import Role
from rolebook.messages import _

LIST_MAX = 1000  # employees the summary document lists one by one; beyond, per role (the full list: CSV, xlsx)
PRIVATE_FILE = 0o600


@dataclass(frozen=True)
class Line:
    """One employee's line of the summary."""

    employee: str
    role: str  # the role's id
    period: str
    total: float | None
    grade: str | None
    name: str  # the appraisal's file name, without extension
    adjustment: float
    vetoed: str  # the names of the vetoes that occurred


@dataclass
class RoleFigures:
    role: Role
    grades: dict[str, int]  # employees per grade, best first
    count: int = 0
    totals: list[float] = field(default_factory=lambda: [0.0, 0])  # sum and count of the totals, in row order

    def add(self, line: Line) -> None:
        self.count += 1
        if line.grade is not None:
            self.grades[line.grade] = self.grades.get(line.grade, 0) + 1
        if line.total is not None:
            self.totals[0] += line.total
            self.totals[1] += 1

    def average(self) -> str:
        return scoring.shown(round(self.totals[0] / self.totals[1], 2)) if self.totals[1] else ""


def private_file(path: Path):
    """A new file only its owner reads (results are personal data); never through a link."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, PRIVATE_FILE)
    return os.fdopen(descriptor, "wb")


def private_write(path: Path, data: bytes) -> None:
    with private_file(path) as stream:
        stream.write(data)


def percent(part: int, whole: int) -> str:
    value = Decimal(part * 100) / Decimal(whole) if whole else Decimal(0)
    return str(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


class Summary:
    """The period's summary files in `folder`, written as the lines are added, finished by `finish`."""

    def __init__(self, roles: dict[str, Role], period: str, language: str, folder: Path):
        self.roles, self.period, self.folder = roles, period, folder
        self.labels = labels_for(language)
        self.title = self.labels["sm_title"].format(period=period)
        self.scheme = any(role.assessment.vetoes or role.assessment.adjustments for role in roles.values())
        self.figures: dict[str, RoleFigures] = {}
        self.lines: list[Line] | None = []  # None past LIST_MAX
        self.count = 0
        self.header = self._header()
        self.csv = private_file(folder / "summary.csv")
        self.csv.write(("\ufeff" + _csv_line(self.header)).encode("utf-8"))  # the BOM: Excel reads UTF-8
        self.csv.flush()  # nothing left in the buffer that forked workers copy
        self.book = self.sheet = None  # made with the first line: openpyxl is loaded after the workers fork

    def _header(self) -> list[str]:
        # TRANSLATORS: the column heads of summary.csv, which HR opens in a spreadsheet
        return [_("employee"), _("role"), _("period"), _("total"), _("grade"), _("file")] \
            + ([_("adjustment"), _("vetoed")] if self.scheme else [])

    def add(self, line: Line) -> None:
        role = self.roles[line.role]
        if line.role not in self.figures:
            grades = {band.grade: 0 for band in (role.assessment.grades if role.assessment else [])}
            self.figures[line.role] = RoleFigures(role, grades)
        self.figures[line.role].add(line)
        self.count += 1
        if self.lines is not None:
            self.lines.append(line)
            if len(self.lines) > LIST_MAX:
                self.lines = None
        row = [line.employee, line.role, line.period, scoring.shown(line.total), line.grade or "", line.name]
        row += [scoring.shown(line.adjustment), line.vetoed] if self.scheme else []
        self.csv.write(_csv_line([cells.csv_field(value) for value in row]).encode("utf-8"))
        self._sheet_row(row)

    def findings(self) -> list[str]:
        """Each `distribution` quota of a role that this period's grades break, in the labels' words."""
        found = []
        for figures in self.figures.values():
            role, counts, total = figures.role, figures.grades, figures.count
            quotas = role.assessment.distribution if role.assessment else {}
            for grade, quota in quotas.items():
                share = Decimal(counts.get(grade, 0) * 100) / Decimal(total) if total else Decimal(0)
                words = dict(role=role.title, grade=grade, share=percent(counts.get(grade, 0), total), count=total)
                if quota.max is not None and share > Decimal(str(quota.max)):
                    found.append(self.labels["sm_quota_max"].format(limit=f"{float(quota.max):g}", **words))
                if quota.min is not None and share < Decimal(str(quota.min)):
                    found.append(self.labels["sm_quota_min"].format(limit=f"{float(quota.min):g}", **words))
        return found

    def finish(self, renderer: Renderer) -> list[str]:
        """Close the lists and write the documents; the quota findings, for the command to say."""
        self.csv.close()
        private_write(self.folder / "summary.xlsx", self._workbook_bytes())
        findings = self.findings()
        documents = self.render(renderer, findings)
        for fmt in ("html", "docx"):
            private_write(self.folder / f"summary.{fmt}", documents[fmt])
        return findings

    # --- the workbook: openpyxl's write-only mode keeps no row in memory ---------------------------

    def _workbook(self):
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell

        from rolebook.results.workbook import HEADER_FILL, font

        book = Workbook(write_only=True)
        sheet = book.create_sheet(self.title[:31])
        sheet.freeze_panes = "A2"
        heads = []
        for name in self.header:
            head = cells.put(WriteOnlyCell(sheet), name)
            head.font, head.fill = font(bold=True), HEADER_FILL
            heads.append(head)
        sheet.append(heads)
        return book, sheet

    def _sheet_row(self, row: list) -> None:
        from openpyxl.cell import WriteOnlyCell

        if self.book is None:
            self.book, self.sheet = self._workbook()
        row = list(row)
        row[3] = float(row[3]) if row[3] not in ("", None) else None  # totals are numbers
        self.sheet.append([cells.put(WriteOnlyCell(self.sheet), value) for value in row])

    def _workbook_bytes(self) -> bytes:
        from rolebook.results.workbook import EPOCH, reproducible

        if self.book is None:
            self.book, self.sheet = self._workbook()
        self.book.properties.created = self.book.properties.modified = EPOCH  # identical results, identical bytes
        self.book.properties.creator = "rolebook"
        self.book.properties.title = self.title
        buffer = io.BytesIO()
        self.book.save(buffer)
        return reproducible(buffer.getvalue(), EPOCH)

    # --- the document ------------------------------------------------------------------------------

    def markdown(self, findings: list[str]) -> str:
        labels = self.labels
        lines = ["::: doc-title", f"# {inline(self.title)}", ":::", ""]
        if self.lines is None:  # a list of thousands is for a spreadsheet: the document gives each role's figures
            lines += [inline(labels["sm_full_list"].format(count=self.count)), "", f"## {labels['sm_overview']}", "",
                      f"| {labels['sm_role']} | {labels['sm_count']} | {labels['sm_average']} |", "|---|---:|---:|"]
            lines += [f"| {cell(f.role.title)} | {f.count} | {f.average()} |" for f in self.figures.values()]
        else:
            extra = f" {labels['adjustment_total']} | {labels['vetoes']} |" if self.scheme else ""
            lines += [f"| {labels['sm_employee']} | {labels['sm_role']} | {labels['sm_total']} | {labels['sm_grade']} |"
                      f"{extra}", "|---|---|---:|---|" + ("---:|---|" if self.scheme else "")]
            for line in self.lines:
                more = f" {scoring.shown(line.adjustment)} | {cell(line.vetoed)} |" if self.scheme else ""
                lines.append(f"| {cell(line.employee)} | {cell(self.roles[line.role].title)} | "
                             f"{scoring.shown(line.total)} | {cell(line.grade or labels['sm_no_grade'])} |" + more)
        lines += ["", f"## {labels['sm_distribution']}"]
        for number, figures in enumerate(self.figures.values()):
            lines += ["", f"### {inline(figures.role.title)}", "",
                      f"| {labels['sm_grade']} | {labels['sm_count']} | {labels['sm_share']} |", "|---|---:|---:|"]
            lines += [f"| {cell(grade)} | {count} | {percent(count, figures.count)}% |"
                      for grade, count in figures.grades.items()]
            lines += ["", chart_docx_marker(number)]
        if any(f.role.assessment and f.role.assessment.distribution for f in self.figures.values()):
            lines += ["", f"## {labels['sm_quotas']}", ""]  # "every quota holds" only where there are some
            lines += [f"- {inline(finding)}" for finding in findings] or [inline(labels["sm_quota_ok"])]
        return "\n".join(lines) + "\n"

    def render(self, renderer: Renderer, findings: list[str]) -> dict[str, bytes]:
        project = renderer.project
        tokens = parse(self.markdown(findings))
        info = DocumentInfo(title=self.title, subject=self.title, language=project.settings.language,
                            header=self.title, footer_pattern=self.labels["page_of"],
                            creator=project.settings.organization)
        charts = [(f.role, f.grades, self.labels["sm_chart"].format(role=f.role.title)) for f in self.figures.values()]
        out = renderer.write(tokens, info, ("docx",))
        out["docx"] = with_charts(out["docx"], charts)
        body = render_body(tokens)
        for number, (role, counts, name) in enumerate(charts):
            body = body.replace(f"<p>{chart_docx_marker(number)}</p>", str(chart_svg(counts, name)), 1)
        out["html"] = renderer.page(info, body, landscape=False)
        return out


def _csv_line(values: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(values)
    return out.getvalue()
