"""`rolebook build`: validate, render what changed into a staging folder, then move it into place.

Phases: plan (every document and the key of what it depends on) → render the
stale ones, in parallel workers that write each document to the staging
folder as soon as it is rendered (nothing is held in memory) → publish
(rename into place) → record the manifest. A failed or killed build leaves the
previous documents as they were.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from markupsafe import Markup, escape

from rolebook import manifest
from rolebook.errors import Problem, RolebookError, UsageError
from rolebook.outputs import FORMAT_NAMES, FORMATS, KINDS, OWN_FORMATS, PROJECT_KINDS, OutputFolder, document_name
from rolebook.cache import Memo
from rolebook.project import Project, RoleSummary
from rolebook.render.context import handbook_roles
from rolebook.spec.languages import BILINGUAL
from rolebook.render.documents import KIND_LABELS, Renderer
from rolebook.render.wordpackage import DocumentInfo
from rolebook.workers import forked_map
from rolebook.messages import _

ALL_KINDS = KINDS + ("workbook",)
INDEX = "index.html"
# A handbook of more roles than this is not laid out by LibreOffice unless asked (--paginate): laying out
# a book of thousands of pages takes LibreOffice minutes (1,000 roles: over 5 minutes on two cores).
PAGINATE_ROLES = 100


class InvalidProject(RolebookError):
    """The specs have errors: nothing is written."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} error(s) in the role specs; nothing was written")
        self.problems = problems


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # up to date: not rendered again
    warnings: list[str] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)  # older than their inputs, of formats or kinds not built


@dataclass
class Job:
    """One document in its formats: a role's job description or form, or the handbook."""

    kind: str
    role: RoleSummary | None  # its model is read when the document is rendered
    names: dict[str, str]  # format → file name inside the output folder
    key: str = ""  # what the files depend on, how they are made included: unchanged, they are not made again
    source: str = ""  # what they depend on of the inputs alone: a file recorded with another source is stale


def unknown_role(role_id: str, known: list[str]) -> str:
    """'no role X' with the role the user most likely meant, or the roles there are."""
    from rolebook.spec.schema import closest

    guess = closest(role_id, known)
    if guess:
        return _("no role '{role}' in this project; did you mean '{guess}'?").format(role=role_id, guess=guess)
    shown = ", ".join(known[:20]) + (_(" and {count} more").format(count=len(known) - 20) if len(known) > 20 else "")
    return _("no role '{role}' in this project (roles: {shown})").format(role=role_id, shown=shown)


def select_roles(project: Project, role_ids: tuple[str, ...]) -> list[RoleSummary]:
    """The roles to build, as summaries: a model is read only when its documents are rendered."""
    if not role_ids:
        return project.summaries()
    chosen = []
    for role_id in role_ids:
        role = project.summary(role_id)
        if role is None:
            raise UsageError(unknown_role(role_id, [r.id for r in project.summaries()]))
        if role.abstract:
            raise UsageError(_("role '{role_id}' is abstract: a family template, not rendered alone").format(
                                 role_id=role_id))
        chosen.append(role)
    return chosen


def with_related(project: Project, chosen: list[RoleSummary]) -> list[RoleSummary]:
    """The roles chosen, then those whose documents name them: their superiors and direct reports (the
    relationship diagram, a form's supervisor). The build renders those documents only where they were
    built and are older than their inputs (a title changed): a build of one role keeps the page that names
    it current instead of removing it as stale."""
    found = {role.id: role for role in chosen}
    for role in chosen:
        related = [project.summary(role.reports_to)] if role.reports_to else []
        for other in [*related, *project.report_summaries(role.id)]:
            if other is not None and not other.abstract:
                found.setdefault(other.id, other)
    return list(found.values())


def plan(project: Project, kinds, formats, roles, pdf_a: bool = False, paginate: bool = False) -> list[Job]:
    """Every document to build, each with the key of what it depends on. The handbook comes first:
    it is the longest job, so parallel workers start it at once."""
    sources = Sources(project)
    jobs = []
    for kind in (["handbook"] if "handbook" in kinds else []) + [k for k in kinds if k != "handbook"]:
        for role in [None] if kind in PROJECT_KINDS else [r for r in roles if made(kind, r)]:
            own = OWN_FORMATS.get(kind, formats)
            source = sources.of(kind, role)
            # how it is made, not which formats: a Word file built with or without its PDF is the same file
            how = [f"pdf-a={pdf_a and 'pdf' in own}"] + ([f"paginate={paginate}"] if kind == "handbook" else [])
            jobs.append(Job(kind, role, {fmt: document_name(kind, role.id if role else None, fmt) for fmt in own},
                            manifest.document_key(source, manifest.package_digest(), *how), source))
    return jobs


FORM_KINDS = ("form", "workbook")  # documents of a role's KPIs: not made for a role without any (no-kpis)


def made(kind: str, role: RoleSummary) -> bool:
    """Whether a role has a document of this kind: an appraisal form needs KPIs to score."""
    return kind not in FORM_KINDS or role.has_kpis


class Sources:
    """The key of what a document depends on of the project's inputs alone: not how it is built. Made from
    the roles' summaries (project.RoleSummary), so that a build of one role need not read every model."""

    def __init__(self, project: Project):
        self.project = project
        self.commons: dict[str, str] = {}  # per kind: rolebook, settings, the templates of that kind, logo
        self._library: str | None = None
        self._revision_day: str | None = None

    def common(self, kind: str) -> str:
        if kind not in self.commons:
            self.commons[kind] = manifest.common_key(self.project.root, [kind])
        return self.commons[kind]

    def of(self, kind: str, role) -> str:
        """`role`: a role's model or summary (None for the documents of the whole project)."""
        project = self.project
        if kind == "handbook":
            parts = [summary.model for summary in project.summaries()]
            parts += [term.model_dump_json() for term in project.library_terms]
            parts += [f"{name}\n{text}" for name, text in sorted(project.policies.items())]
            return manifest.document_key(self.common(kind), "handbook", *parts, manifest.git_state(project.root))
        if role is None:  # the catalogue and the org chart: what they show of every role, and the settings
            return manifest.document_key(self.common(kind), kind, *organisation_facts(project, kind))
        boss = project.summary(role.reports_to or "")
        # the relationship diagram names the superior and the direct reports
        reports = [str(report.title) for report in project.report_summaries(role.id)]
        # a posting is dated by the role's effective date, else by the last commit's (its datePosted): one
        # built before the first commit had none and stayed "up to date" after it
        dated = [self.revision_day()] if kind == "posting" else []
        return manifest.document_key(self.common(kind), kind, project.summary(role.id).model,
                                     boss.title if boss else "", project.language_of(role), self.library(),
                                     *reports, *dated)

    def revision_day(self) -> str:
        if self._revision_day is None:
            from rolebook.history import gitinfo

            self._revision_day = str(gitinfo.revision_day(self.project.root))
        return self._revision_day

    def library(self) -> str:
        """The library's glossary: a role's documents show the library terms its text uses (which, is
        known only from its whole text; any change of the library's terms makes them again)."""
        if self._library is None:
            self._library = manifest.document_key(*(term.model_dump_json() for term in self.project.library_terms))
        return self._library


def organisation_facts(project: Project, kind: str) -> list[str]:
    """What the catalogue or the org chart shows of the roles: a daily task edited rebuilds neither."""
    import json

    if kind == "catalogue":
        from rolebook.organisation.catalogue import rows

        return [json.dumps(rows(project), ensure_ascii=False, sort_keys=True)]
    return [json.dumps([role.id, str(role.title), role.reports_to, str(role.department or ""), role.grade,
                        role.headcount], ensure_ascii=False) for role in project.summaries()]


def stale_outputs(project: Project, record: manifest.Manifest, built: set[str],
                  later: tuple[str, ...] = ()) -> list[str]:
    """Files an earlier build wrote that this one does not make and that are older than their inputs now:
    a PDF of last week beside today's Word file, a form of a role that changed since. They go; but not
    those of the kinds `later` (the preview builds them next)."""
    sources = Sources(project)
    current: dict[tuple[str, str | None], str] = {}
    stale = []
    for name, entry in sorted(record.outputs.items()):
        if name in built or entry["kind"] in later:
            continue
        kind, role_id = entry["kind"], entry["role"]
        role = project.summary(role_id) if role_id else None
        gone = role_id is not None and (role is None or role.abstract or not made(kind, role))
        if kind not in ALL_KINDS or gone:
            stale.append(name)
            continue
        if not entry.get("source"):  # recorded by an older rolebook, under another rule: not judged
            continue
        if (kind, role_id) not in current:
            current[kind, role_id] = sources.of(kind, role)
        if entry.get("source") != current[kind, role_id]:
            stale.append(name)
    return stale


def build(project: Project, folder: OutputFolder, record: manifest.Manifest, kinds: tuple[str, ...] = KINDS,
          formats: tuple[str, ...] = FORMATS, role_ids: tuple[str, ...] = (), workers: int = 1,
          progress=None, digest: str = "", pdf_a: bool = False, paginate: bool | None = None,
          later: tuple[str, ...] = (), index: bool = True, related: bool = False) -> BuildResult:
    """Render what changed since the last build (all of it the first time) into the locked output folder.

    `progress`, when given, has start(total) and is called with each job done; `digest` is the
    input digest (manifest.input_digest) recorded for the next build's no-op check; `later`: kinds a
    second build makes next (the preview's handbook), whose files this one leaves alone; `index=False`:
    the index of all documents is left for that next build too, unless this build adds or removes files
    (its links would lead nowhere or miss them); `related`: with `role_ids`, also the documents that name
    those roles, where they were built and are stale (with_related).
    """
    if project.errors:
        raise InvalidProject(project.errors)
    if "pdf" in formats:
        from rolebook.render import pdf

        pdf.require()  # before anything is rendered: a clear message and exit 2 when LibreOffice is missing
        formats = tuple(dict.fromkeys(("docx", *formats)))  # a PDF is published beside the Word file it is made of
    chosen = select_roles(project, role_ids)
    roles = with_related(project, chosen) if role_ids and related else chosen
    renderer = Renderer(project)
    for role in roles:
        renderer.language(role)  # collects the warnings here: workers' warnings would be lost
    paginate = lay_out_handbook(project, renderer, kinds, formats, paginate)
    jobs = plan(project, kinds, formats, roles, pdf_a, paginate)
    if role_ids and related:  # a related role's documents are kept current where they were built, not made anew
        ids = {role.id for role in chosen}
        jobs = [job for job in jobs if job.role is None or job.role.id in ids
                or all(name in record.outputs for name in job.names.values())]
    folder.refuse_foreign([name for job in jobs for name in job.names.values()] + [INDEX], record.wrote)
    todo = [job for job in jobs if not record.fresh(list(job.names.values()), job.key)]
    read_history(renderer, todo)
    warn_posting_dates(renderer, todo)
    if progress is not None and len(todo) > 20:
        progress.start(len(todo))
    else:
        progress = None  # a moment's work needs no bar
    staging = folder.start_staging()
    staged: dict[str, Path] = {}
    for names in render_all(renderer, todo, staging, workers, progress):
        staged.update((name, staging / name) for name in names)
    lay_out(renderer, todo, staging, pdf_a, paginate)
    stale = stale_outputs(project, record, {name for job in jobs for name in job.names.values()}, later)
    if index or stale or any(not (folder.path / name).exists() for name in staged):  # links follow the files
        page = index_page(project, renderer, folder.path, set(staged), set(stale))
        current = folder.path / INDEX
        if current.is_symlink() or not current.is_file() or current.read_bytes() != page:
            (staging / INDEX).write_bytes(page)
            staged[INDEX] = staging / INDEX
    folder.publish(staged)
    record.inputs = digest
    for job in jobs:
        for name in job.names.values():
            record.outputs[name] = {"key": job.key, "kind": job.kind, "role": job.role.id if job.role else None,
                                    "source": job.source}
    for name in stale:  # older than their inputs (or of roles that are gone): never left to be sent out
        folder.remove(name)
        del record.outputs[name]
    folder.write(manifest.MANIFEST, record.to_bytes())
    rendered = {id(job) for job in todo}
    skipped = sorted(folder.path / name for job in jobs if id(job) not in rendered for name in job.names.values())
    return BuildResult(sorted(folder.path / name for name in staged), skipped, renderer.warnings,
                       [folder.path / name for name in stale])


def warn_posting_dates(renderer: Renderer, todo: list[Job]) -> None:
    """A posting is dated by its role's effective date, its latest change, else the last commit; with none of
    them its JobPosting has no datePosted, which search engines require, and one that closes before that date
    (validThrough before datePosted) was closed before it was out. The clock is never read."""
    for job in todo:
        role = renderer.project.roles[job.role.id] if job.kind == "posting" and job.role else None
        if role is None:
            continue
        posted, closes = renderer.posted_on(role), role.posting.closes if role.posting else None
        if posted is None:
            renderer.warnings.append(_("the posting of {role} has no date: give the role an effective date or "
                                       "commit it (search engines require datePosted)").format(role=role.id))
        elif closes is not None and closes < posted:
            renderer.warnings.append(_("the posting of {role} closes on {closes}, before its date {posted}: nobody "
                                       "could apply; correct posting.closes").format(
                                           role=role.id, closes=closes.isoformat(), posted=posted.isoformat()))


def read_history(renderer: Renderer, todo: list[Job]) -> None:
    """What git knows, read once before the workers start: the revision (the handbook's cover, a posting's
    date) and, for the handbook, each role's versions."""
    if not any(job.kind in manifest.GIT_KINDS for job in todo):
        return
    from rolebook.history import gitinfo  # git is asked only by these builds

    root = renderer.project.root
    renderer.revision = gitinfo.revision(root)
    if any(job.kind == "handbook" for job in todo):
        from rolebook.history.log import ProjectHistory

        history = ProjectHistory(root, renderer.project)
        # a revision at which a spec had errors is for `rolebook log`, not for the published history
        renderer.logs = {role.id: [entry for entry in history.log(role.id) if not entry.invalid]
                         for role in handbook_roles(renderer.project)}


_WORKER: tuple[Renderer, Path] | None = None


def source_name(job: Job) -> str:
    """Where a job's .docx is staged: its own name, or, for a PDF alone, the name the .docx would have."""
    return job.names.get("docx") or job.names["pdf"][: -len("pdf")] + "docx"


def _render_job(job: Job) -> list[str]:
    """Render one document in its formats and write each into the staging folder; the names to publish.
    A PDF is made later from the .docx (paginate), so a PDF asks for the .docx too."""
    renderer, staging = _WORKER
    formats = tuple(fmt for fmt in job.names if fmt != "pdf")
    if "pdf" in job.names and "docx" not in formats:
        formats += ("docx",)
    if job.kind == "handbook":  # the longest document: streamed to its files, not held in memory
        rendered = renderer.render_handbook(formats, {fmt: staging / (job.names[fmt] if fmt in job.names
                                                                       else source_name(job)) for fmt in formats})
    elif job.kind == "workbook":
        rendered = {"xlsx": renderer.render_workbook(renderer.project.roles[job.role.id])}
    elif job.kind == "catalogue":
        rendered = renderer.render_catalogue()
    elif job.kind == "orgchart":
        rendered = renderer.render_org_chart()
    else:
        rendered = renderer.render(job.kind, renderer.project.roles[job.role.id], formats)
    for fmt, data in rendered.items():
        target = staging / (job.names[fmt] if fmt in job.names else source_name(job))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return list(job.names.values())


def lay_out_handbook(project: Project, renderer: Renderer, kinds, formats, asked: bool | None) -> bool:
    """Whether LibreOffice lays the handbook out for its page numbers: when asked, when its PDF is made,
    else when LibreOffice is there and the handbook is small enough to take seconds, not minutes."""
    if "handbook" not in kinds or "docx" not in formats and "pdf" not in formats:
        return False
    from rolebook.render import pdf  # LibreOffice's tools: imported by the builds that use them

    if asked:
        pdf.require()  # a clear message and exit 2 when LibreOffice is missing
    if asked is not None:
        return asked
    if "pdf" in formats:
        return True
    if not pdf.available():
        return False
    count = len(handbook_roles(project))
    if count > PAGINATE_ROLES:
        renderer.warnings.append(_("the handbook has {count} roles: its contents' page numbers are left "
                                   "to Word (rolebook build --paginate has LibreOffice lay it out, which "
                                   "takes minutes)").format(count=count))
        return False
    return True


def lay_out(renderer: Renderer, todo: list[Job], staging: Path, pdf_a: bool, handbook: bool) -> None:
    """Lay documents out in one LibreOffice process: every document with a PDF to make, and the handbook
    (its contents' page numbers) when `handbook`. The page numbers are written back into the .docx; the
    PDFs are exported with the clock taken out."""
    jobs = [job for job in todo if "pdf" in job.names or (handbook and job.kind == "handbook" and "docx" in job.names)]
    if not jobs:
        return
    from rolebook.render import pagination, pdf

    if not pdf.available():
        return
    layouts = [pdf.Layout(staging / source_name(job), staging / job.names["pdf"] if "pdf" in job.names else None,
                          pdf_a) for job in jobs]
    for job, layout, laid in zip(jobs, layouts, pdf.lay_out(layouts)):
        if "docx" in job.names:
            layout.docx.write_bytes(pagination.fill(layout.docx.read_bytes(), laid.pages, laid.toc))
        if layout.pdf is not None:
            effective = renderer.project.roles[job.role.id].effective if job.role else None
            date = effective or renderer.revision_date()
            layout.pdf.write_bytes(pdf.stabilize(layout.pdf.read_bytes(), date))


# From this many jobs a pool of forked workers renders them; fewer are shared between this process and a
# forked child (workers.shared_map: an edit's two documents, the role's and its superior's, at once).
FORK_FROM = 8


def render_all(renderer: Renderer, jobs: list[Job], staging: Path, workers: int,
               progress=None) -> Iterator[list[str]]:
    """Render jobs in order; with workers > 1 in forked processes that share the loaded project."""
    global _WORKER
    _WORKER = (renderer, staging)
    forking = workers > 1 and len(jobs) >= 2
    if forking:
        gc.freeze()  # the loaded project stays: the workers' collectors need not walk (and copy) it
    try:
        for names, learnt in forked_map(_render_and_learn, jobs, workers, least=FORK_FROM):
            Memo.learn(learnt)
            if progress:
                progress(1)
            yield names
    finally:
        if forking:
            gc.unfreeze()  # a preview builds again and again: what the next build drops must be collected


def _render_and_learn(job: Job) -> tuple[list[str], list]:
    """A job's file names, and what its process remembered meanwhile (a glossary's sort keys): a forked
    worker's memory ends with it."""
    return _render_job(job), Memo.take_learnt()


def index_page(project: Project, renderer: Renderer, out: Path, new_files: set[str],
               gone: set[str]) -> bytes:
    """build/index.html: a link to every current document in the build folder, this build's and earlier
    ones (`gone`: the files this build removes)."""
    labels = project.labels(project.settings.language)
    present = files_in(out)  # one walk of the folder, not a look-up per role, kind and format

    def row(name: str, kind: str, role: RoleSummary | None) -> str | None:
        # plain escaping, not Markup.format: a project of thousands of roles has four rows each
        if role is not None and not made(kind, role):
            return f"<tr><td>{escape(name)}</td><td>{escape(labels[KIND_LABELS[kind]])}</td>" \
                   f"<td>{escape(labels['no_kpis_no_form'])}</td></tr>" if kind == "form" else None
        files = [document_name(kind, role.id if role else None, fmt) for fmt in FORMAT_NAMES]
        links = [f'<a href="{escape(file)}">{escape(file.rsplit(".", 1)[1].upper())}</a>'
                 for file in files if file in new_files or (file not in gone and file in present)]
        if not links:
            return None
        return f"<tr><td>{escape(name)}</td><td>{escape(labels[KIND_LABELS[kind]])}</td>" \
               f"<td>{' · '.join(links)}</td></tr>"

    rows = [row(project.settings.handbook.title or labels["handbook"], "handbook", None),
            row(labels["catalogue"], "catalogue", None), row(labels["org_chart"], "orgchart", None)]
    rows += [row(role.title, kind, role) for kind in ("jd", "form", "posting", "workbook")
             for role in project.summaries()]
    title = project.settings.organization or "rolebook"
    body = Markup("<h1>{}</h1>\n<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>"
                  "<th scope=\"col\">{}</th></tr></thead>\n<tbody>\n{}\n</tbody>\n</table>").format(
        title, labels["index_name"], labels["document"], labels["formats"], Markup("\n".join(r for r in rows if r)))
    body += organisation_section(project, renderer, labels)
    body += findings_table(project, labels)
    info = DocumentInfo(title=title, subject=title, language=project.settings.language, header=title,
                        footer_pattern=labels["page_of"])
    return renderer.page(info, str(body), landscape=False)


def files_in(folder: Path) -> set[str]:
    """The regular files under the output folder, by their names in it (a link is not one of rolebook's)."""
    import os

    found = set()
    for where, _folders, names in os.walk(folder):
        base = os.path.relpath(where, folder)
        for name in names:
            path = os.path.join(where, name)
            if os.path.isfile(path) and not os.path.islink(path):
                found.add(name if base == "." else f"{base}/{name}".replace(os.sep, "/"))
    return found


def organisation_section(project: Project, renderer: Renderer, labels: dict) -> Markup:
    """The org chart, the grade × family matrix (when roles have grades) and the headcount per department."""
    from rolebook.organisation.ladder import grade_rows, headcount_markdown, matrix_markdown
    from rolebook.render.html import render_body
    from rolebook.render.markdown import parse

    chart = renderer.org_chart_svg()
    if chart is None:
        return Markup("")
    out = Markup('\n<h2>{}</h2>\n<figure class="diagram">{}</figure>').format(labels["org_chart"], Markup(chart))
    if grade_rows(project, labels):
        out += Markup("\n<h2>{}</h2>\n").format(labels["architecture"])
        out += Markup(render_body(parse(matrix_markdown(project, labels))))
    out += Markup("\n<h2>{}</h2>\n").format(labels["headcount_by_department"])
    out += Markup(render_body(parse(headcount_markdown(project, labels))))
    return out


def findings_table(project: Project, labels: dict) -> Markup:
    """The compliance findings per role (`rolebook validate` lists them at their lines), when there are any."""
    roles = [role for role in project.summaries() if project.findings.get(role.id)]
    if not roles:
        return Markup("")
    rows = Markup("\n").join(Markup("<tr><td>{}</td><td>{}</td><td>{}</td></tr>").format(
        role.title, len(project.findings[role.id]),
        ", ".join(sorted({p.code for p in project.findings[role.id]}))) for role in roles)
    return Markup("\n<h2>{}</h2>\n<p>{}</p>\n<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>"
                  "<th scope=\"col\">{}</th></tr></thead>\n<tbody>\n{}\n</tbody>\n</table>").format(
        labels["compliance_findings"], labels["compliance_hint"], labels["position"], labels["findings"],
        labels["codes"], rows)


def languages_page(project: Project, folders: list[str]) -> bytes:
    """build/index.html of a project of several languages: a link to each language's own index, each
    named in its own language (English, 简体中文, 繁體中文)."""
    from rolebook.render.labels import labels_for

    def name(tag: str) -> Markup:
        return Markup('<span lang="{}">{}</span>').format(tag, labels_for(tag).get(f"lang_{tag}", tag))

    def link(folder: str) -> Markup:
        tags = project.languages.bilingual or () if folder == BILINGUAL else (folder,)
        return Markup('<li><a href="{}/index.html">{}</a></li>').format(folder, Markup(" + ").join(map(name, tags)))

    labels = project.labels(project.settings.language)
    title = project.settings.organization or "rolebook"
    body = Markup("<h1>{}</h1>\n<ul>\n{}\n</ul>").format(title, Markup("\n").join(map(link, folders)))
    info = DocumentInfo(title=title, subject=title, language=project.settings.language, header=title,
                        footer_pattern=labels["page_of"])
    return Renderer(project).page(info, str(body), landscape=False)
