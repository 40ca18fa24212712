"""Render one document of one role: template → Markdown → tokens → the writer of each format."""

from __future__ import annotations

import itertools
import json
import re
import tempfile
from functools import partial
from pathlib import Path

from markupsafe import Markup

from rolebook.project import Project
from rolebook.render import structured
from rolebook.organisation.chart import chart_of, full_height, png, sheets, svg
from rolebook.organisation.ladder import architecture_markdown
from rolebook.organisation.relations import diagram, partners
from rolebook.render.context import Formatter, handbook_context, role_context, role_title
from rolebook.render.figures import DrawnAhead, Figure, directive, with_figures
from rolebook.render.html import TOC_MARK, PageInfo, render_body, toc_list
from rolebook.render.labels import catalogue_name
from rolebook.render.markdown import HeadingNumbers, headings, parse, toc_entries
from rolebook.render.templating import Templates, inline
from rolebook.render.wordpackage import DocumentInfo, DocxInParts, Reference, build_docx
from rolebook.spec.model import Role
from rolebook.spec.scoring import form_config

# The notes the HTML form's script writes under a result (labels form_NAME, in the document's language)
FORM_NOTES = ("not_number", "fraction", "capped", "not_count")

PAGE_BODY = "<!-- rolebook: the body -->"  # where a streamed page's body goes
KIND_TEMPLATES = {"jd": "jd.md.j2", "form": "form.md.j2", "posting": "posting.md.j2"}
KIND_LABELS = {"jd": "job_description", "form": "appraisal_form", "posting": "job_posting", "handbook": "handbook",
               "workbook": "appraisal_workbook", "catalogue": "catalogue", "orgchart": "org_chart"}
_FONT_NAME = re.compile(r"^[\w .-]+$")


class Renderer:
    """Holds what every document of a build shares: templates, reference document, logo."""

    def __init__(self, project: Project):
        self.project = project
        self.templates = Templates.shared(project.root / "templates")
        self.reference = Reference.for_project(project.root)
        self.logo = project.logo
        self.revision = None  # the project's revision (history/gitinfo.Revision): the build sets it
        self.logs: dict[str, list] = {}  # each role's versions, newest first: the build sets them (history/log.py)
        self.warnings: list[str] = []
        self._org_chart: str | None = None

    def language(self, role: Role) -> str:
        language = self.project.language_of(role)
        if catalogue_name(language) is None:
            message = f"no built-in labels for language '{language}'; using English labels"
            if message not in self.warnings:
                self.warnings.append(message)
        return language

    def markdown(self, kind: str, role: Role, figure: Figure | None = None) -> str:
        """The document's Markdown; `figure`: the job description's relationship diagram, drawn once by the
        caller, which also packages it."""
        context = role_context(self.project, role)
        context["relationship_figure"] = directive("relations", figure, context["t"]["relationship_caption"]) \
            if figure else ""
        return self.templates.render(KIND_TEMPLATES[kind], c=context, **context)

    def relationship_figure(self, role: Role, ahead: bool = False) -> Figure | None:
        """The role's 岗位关系图, unless rolebook.yaml turns it off or the role relates to nobody; `ahead`: its
        PNG (for Word) drawn from now on, beside the rest of the work (figures.DrawnAhead)."""
        if not self.project.settings.jd.relationship_diagram or role.abstract:
            return None
        labels = self.project.labels(self.project.language_of(role))
        superior = role_title(self.project, role.reports_to)
        reports = [other.title for other in self.project.direct_reports(role.id)]
        internal, external = partners(role, Formatter(labels), labels, superior)
        if not (superior or reports or internal or external):
            return None
        chart = diagram(role, superior, reports, internal, external, labels)
        title = f"{role.title} {labels['relationship_diagram']}"
        draw = DrawnAhead(partial(png, chart)) if ahead else partial(png, chart)
        return Figure(svg(chart, title), draw, chart.width, full_height(chart), title)

    def org_chart_svg(self) -> str | None:
        """The organisation's whole chart (组织架构图) of its concrete roles as SVG, made once per build: the
        index and build/org-chart.svg show it on a screen, where it scales and scrolls."""
        if self._org_chart is None and self.project.summaries():
            labels = self.project.labels(self.project.settings.language)
            self._org_chart = svg(chart_of(self.project.summaries(), labels), labels["org_chart"])
        return self._org_chart

    def org_chart_figures(self, labels: dict) -> list[tuple[str, Figure, str]]:
        """The chart as the handbook prints it: (name, figure, caption) per page-sized piece (chart.sheets)."""
        found = []
        # the boxes show a headcount only where a role gives one: the caption does not promise it otherwise
        whole = "org_chart_caption" if any(summary.headcount is not None for summary in self.project.summaries()) \
            else "org_chart_caption_graded"
        for i, (heading, chart) in enumerate(sheets(self.project.summaries(), labels)):
            title = labels["org_chart"] if heading is None else f"{labels['org_chart']}: {heading}"
            caption = labels[whole] if heading is None else labels["org_chart_part"].format(title=inline(heading))
            found.append((f"org-chart-{i + 1}" if i else "org-chart",
                          Figure(svg(chart, title), partial(png, chart), chart.width, full_height(chart), title), caption))
        return found

    def render(self, kind: str, role: Role, formats: tuple[str, ...]) -> dict[str, bytes]:
        """One role's job description or form."""
        language = self.language(role)
        labels = self.project.labels(language)
        document_name = labels[KIND_LABELS[kind]]
        title = f"{inline(role.title)} {document_name}"
        organization = self.project.settings.organization
        info = DocumentInfo(
            title=title, subject=document_name, language=language,
            header=" · ".join(part for part in (organization, title) if part), footer_pattern=labels["page_of"],
            creator=role.owner or organization, version=role.version, status=labels[f"status_{role.status}"],
            keywords=[k for k in (role.id, role.department, role.grade) if k], date=role.effective)
        scoring = json.dumps(dict(form_config(role), messages={name: labels[f"form_{name}"] for name in FORM_NOTES}),
                             ensure_ascii=False, sort_keys=True) if kind == "form" else None
        figure = self.relationship_figure(role, ahead="docx" in formats) if kind == "jd" else None
        info.figures = {"relations": figure} if figure else {}
        try:
            return self.write(parse(self.markdown(kind, role, figure)), info, formats, scoring,
                              self.structured(kind, role))
        finally:
            if figure is not None and isinstance(figure.draw_png, DrawnAhead):
                figure.draw_png.wait()

    def render_catalogue(self) -> dict[str, bytes]:
        """The role catalogue (岗位一览表) as a workbook, CSV and JSON."""
        from rolebook.organisation import catalogue  # its workbook writer: for the builds that make one

        labels = self.project.labels(self.project.settings.language)
        return {"xlsx": catalogue.as_xlsx(self.project, labels, None), "csv": catalogue.as_csv(self.project),
                "json": catalogue.as_json(self.project)}

    def render_org_chart(self) -> dict[str, bytes]:
        """build/org-chart.svg: the chart on its own, for a slide or the intranet."""
        chart = self.org_chart_svg()
        if chart is None:  # a project of family templates only: an empty drawing, not a missing file
            return {"svg": b'<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"/>\n'}
        return {"svg": ('<?xml version="1.0" encoding="UTF-8"?>\n' + chart + "\n").encode("utf-8")}

    def render_workbook(self, role: Role) -> bytes:
        """A role's appraisal workbook (.xlsx) with the scoring rule as live formulas."""
        from rolebook.results.workbook import workbook

        return workbook(role, self.language(role), role.effective)

    def structured(self, kind: str, role: Role) -> str | None:
        """The JSON-LD a search engine reads: a JobPosting for a posting, an Occupation for a job description."""
        f = Formatter(self.project.labels(self.language(role)))
        if kind == "posting":
            settings = self.project.settings
            return structured.script(structured.job_posting(role, settings.organization, settings.posting, f,
                                                            self.posted_on(role)))
        if kind == "jd":
            return structured.script(structured.occupation(role, f))
        return None

    def posted_on(self, role: Role):
        """A posting's date (its datePosted): the role's effective date, else its newest change's, else the
        project's revision date; None when there is none of them."""
        newest = role.changes[0].date if role.changes else None
        return role.effective or newest or self.revision_date()

    def revision_date(self):
        """The project's revision date (git, or SOURCE_DATE_EPOCH; set by the build): never the clock."""
        return self.revision.date if self.revision else None

    def render_handbook(self, formats: tuple[str, ...], targets: dict[str, Path] | None = None) -> dict[str, bytes]:
        """The policy handbook of the whole project, rendered chapter by chapter to bound memory: each
        chapter's Word XML and HTML go to temporary files as soon as they are made, and with `targets`
        (format → file) the documents are streamed there; else they are returned.

        Its revision and each role's versions (`self.revision`, `self.logs`) come from the build: what git
        knows is read there, once, not here."""
        project = self.project
        context = handbook_context(project, self.revision, self.logs)
        labels = context["t"]
        charts = self.org_chart_figures(labels) if project.summaries() else []
        context["org_chart"] = "\n\n".join(directive(name, figure, caption) for name, figure, caption in charts)
        context["architecture"] = architecture_markdown(project, labels) if project.settings.handbook.architecture \
            else ""
        figures = {name: figure for name, figure, _caption in charts}
        header = inline(context["title"]) + (f" · {inline(context['document_number'])}"
                                             if context["document_number"] else "")
        info = DocumentInfo(
            title=inline(context["title"]), subject=labels["handbook"], language=project.settings.language,
            header=header, footer_pattern=labels["page_of"], creator=project.settings.organization,
            version=self.revision.commit if self.revision else None, keywords=[c["role"].id for c in context["roles"]],
            date=self.revision_date(), figures=figures)
        parts = re.split(r"(?m)^(?=::: pagebreak$)", self.templates.render("handbook.md.j2", **context))
        parts.reverse()  # chapters start with a page break; each is let go once it is written
        del context
        style = project.settings.handbook.numbering
        numbering = HeadingNumbers(style, labels["article"], labels["quoted"]) if style != "none" else None
        docx = DocxInParts(self.reference) if "docx" in formats else None
        if docx:
            docx.writer.known_figures = {name: figure.alt for name, figure in figures.items()}
            docx.writer.title_page = True  # the cover
        html = tempfile.TemporaryFile(prefix="rolebook-handbook-") if "html" in formats else None
        toc_at: int | None = None  # where in the HTML the contents go
        found: list = []
        levels = 2
        while parts:
            tokens = parse(parts.pop(), first_heading=len(found) + 1, fill_toc=False, numbering=numbering)
            found += headings(tokens)
            levels = next((t.meta["levels"] for t in tokens if t.type == "container_toc_open"), levels)
            if docx:
                docx.add(tokens)
            if html:
                body = with_figures(render_body(tokens), figures)
                if toc_at is None and TOC_MARK in body:
                    before, body = body.split(TOC_MARK, 1)
                    html.write(before.encode("utf-8"))
                    toc_at = html.tell()
                html.write(body.encode("utf-8"))
        toc = toc_entries(found, levels)
        out: dict[str, bytes] = {}
        if docx:
            out["docx"] = docx.finish(toc, self.branded(info))
        if html:
            with html:
                head, tail = self.page(info, PAGE_BODY, landscape=False).split(PAGE_BODY.encode(), 1)
                pieces = _spooled(html, toc_at, toc_list(toc).encode("utf-8"))
                out["html"] = _written(itertools.chain([head], pieces, [tail]), (targets or {}).get("html"))
        return {fmt: data for fmt, data in out.items() if data is not None}

    def policies(self) -> list[str]:
        """The policy chapters' Markdown, read and checked when the project was loaded."""
        return [self.project.policies[name] for name in self.project.settings.handbook.policies]

    def write(self, tokens, info: DocumentInfo, formats: tuple[str, ...], scoring: str | None = None,
              structured_data: str | None = None) -> dict[str, bytes]:
        """The tokens of one document in each format, with the project's branding (and a form's scoring,
        a page's structured data)."""
        out: dict[str, bytes] = {}
        if "docx" in formats:
            out["docx"] = build_docx(tokens, self.branded(info), self.reference)
        if "html" in formats:
            out["html"] = self.page(info, with_figures(render_body(tokens), info.figures),
                                    tokens[0].type == "container_landscape_open", scoring, structured_data)
        return out

    def fonts(self) -> list[str | None]:
        branding = self.project.settings.branding
        return [font if font and _FONT_NAME.match(font) else None for font in (branding.font, branding.cjk_font)]

    def branded(self, info: DocumentInfo) -> DocumentInfo:
        branding = self.project.settings.branding
        info.latin_font, info.cjk_font = self.fonts()
        info.accent, info.logo = branding.accent_color, self.logo
        return info

    def page(self, info: DocumentInfo, body: str, landscape: bool, scoring: str | None = None,
             structured_data: str | None = None) -> bytes:
        branding = self.project.settings.branding
        latin, cjk = self.fonts()
        page = PageInfo(title=info.title, language=info.language, header=info.header,
                        accent=branding.accent_color or "#1F4E79", latin_font=latin, cjk_font=cjk,
                        logo=self.logo, landscape=landscape, scoring=scoring, structured=structured_data,
                        page_of=info.footer_pattern)
        return self.templates.render_html("page.html.j2", page=page, body=Markup(body)).encode("utf-8")


def _spooled(spool, toc_at: int | None, toc: bytes):
    """A spooled body, with the contents at their place."""
    spool.seek(0)
    if toc_at is not None:
        yield spool.read(toc_at)
        yield toc
    while piece := spool.read(1 << 20):
        yield piece


def _written(pieces, target: Path | None) -> bytes | None:
    """The pieces written to `target` (None returned), or joined and returned."""
    if target is None:
        return b"".join(pieces)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as stream:
        for piece in pieces:
            stream.write(piece)
    return None
