"""From checked results to the documents HR files: each employee's completed appraisal (the role's form
with results, scores, total and grade filled in: results/fill.py), and the period's summary
(results/summary.py). Each record is read, scored, rendered and written in turn, so memory stays flat
however many employees there are.

The documents hold personal data: they are written owner-only (files 0600, folders 0700), all at once
(a staging folder renamed into place), under the project's ignored build/ folder.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path


from rolebook.errors import UsageError
from rolebook.outputs import OutputFolder, check_folder, os_error
from rolebook.project import Project
from rolebook.render.documents import Renderer
from rolebook.render.labels import labels_for
from rolebook.render.markdown import field, parse
from rolebook.render.templating import cell, inline
from rolebook.render.wordpackage import DocumentInfo
from rolebook.results.check import Checker, Record
from rolebook.results.summary import Line, Summary, private_write
from rolebook.results.fill import FilledForm, form_markdown
from rolebook.spec import scoring
from rolebook.spec.model import Role
from rolebook.workers import forked_imap
from rolebook.messages import _

PRIVATE_FOLDER = 0o700


@dataclass
class Scored:
    record: Record
    appraisal: scoring.Appraisal
    name: str  # the employee's file name, without extension


def score(records: list[Record]) -> list[Scored]:
    """Records scored, with their file names (for tests and small lists: `write_all` streams them)."""
    names = FileNames()
    return [Scored(r, scoring.appraise(r.role, r.results), names.take(r.employee)) for r in records]


class FileNames:
    """A file name for each employee: letters and digits kept (Chinese ones too), the rest a hyphen;
    the same name twice gets -2, -3 (in row order)."""

    def __init__(self):
        self.used = {"summary"}

    def take(self, employee: str) -> str:
        base = re.sub(r"[^\w\u00b7]+", "-", employee, flags=re.UNICODE).strip("-_")[:80] or "employee"
        name, n = base, 1
        while name.lower() in self.used:
            n += 1
            name = f"{base}-{n}"
        self.used.add(name.lower())
        return name


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
    values = filled_values(scored, labels_for(renderer.language(role))["vetoed"])
    markdown = form_markdown(renderer, role, filled_field(values))
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


# --- writing ----------------------------------------------------------------------------------


def write_all(project: Project, checker: Checker, period: str, formats: tuple[str, ...], out: Path | None,
              workers: int = 1, verbose: list[str] | None = None) -> tuple[Path, list[str]]:
    """Score and render every record of a checked file into a private staging folder, then move it into
    place whole; the folder and the quota findings. `verbose`: each employee's total and grade, if given."""
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
            findings = _render_into(renderer, checker, period, formats, ready, workers, verbose)
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
    return target, findings


def _render_into(renderer: Renderer, checker: Checker, period: str, formats: tuple[str, ...], folder: Path,
                 workers: int, verbose: list[str] | None) -> list[str]:
    """Each employee scored, rendered and written as its row is read again (in forked workers, which
    write the files themselves: only the row and the summary's line cross between processes); the
    summary gathered line by line. Nothing here grows with the number of employees but the file names
    taken (to tell two Zhang Weis apart)."""
    project = renderer.project
    made = tuple(fmt for fmt in formats if fmt != "pdf") or ("docx",)  # a PDF is made from the .docx
    appraiser = Appraiser(renderer)
    summary = Summary({role_id: project.roles[role_id] for role_id in sorted(checker.roles)}, period,
                      project.settings.language, folder)

    def appraise(job: tuple) -> Line:
        row, employee, role_id, period_, results, written, name = job
        record = Record(row, employee, project.roles[role_id], period_, results, written)
        item = Scored(record, scoring.appraise(record.role, results), name)
        for fmt, data in appraiser.render(item, made).items():
            private_write(folder / f"{name}.{fmt}", data)
        return Line(employee, role_id, period_, item.appraisal.total, item.appraisal.grade, name,
                    item.appraisal.adjustment, vetoed_names(item))

    names = FileNames()
    jobs = ((r.row, r.employee, r.role.id, r.period, r.results, r.written, names.take(r.employee))
            for r in checker.records())
    pdf_names = []
    for line in forked_imap(appraise, jobs, workers if checker.found >= 4 else 1):
        summary.add(line)
        if verbose is not None:
            verbose.append("\t".join([line.employee, line.role, scoring.shown(line.total), line.grade or ""]))
        if "pdf" in formats:
            pdf_names.append((line.name, project.roles[line.role].effective))
    findings = summary.finish(renderer)
    if pdf_names:  # through LibreOffice, one process for every appraisal and the summary (to print and sign)
        from rolebook.render import pdf

        pdf_names.append(("summary", max((d for _n, d in pdf_names if d), default=None)))
        layouts = [pdf.Layout(folder / f"{name}.docx", folder / f"{name}.pdf") for name, _date in pdf_names]
        pdf.lay_out(layouts)
        for (name, effective), layout in zip(pdf_names, layouts):
            data = pdf.stabilize(layout.pdf.read_bytes(), effective)
            layout.pdf.unlink()
            private_write(layout.pdf, data)
            if "docx" not in formats and name != "summary":
                layout.docx.unlink()
    return findings
