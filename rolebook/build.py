"""`rolebook build`: validate, render every requested document in memory, then write them atomically."""

from __future__ import annotations

import gc
import multiprocessing
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from markupsafe import Markup

from rolebook import manifest
from rolebook.errors import Problem, RolebookError, UsageError
from rolebook.project import Project
from rolebook.render.documents import KIND_LABELS, Renderer
from rolebook.render.wordpackage import DocumentInfo
from rolebook.render.labels import labels_for
from rolebook.spec.model import Role

KINDS = ("jd", "form", "handbook")
FORMATS = ("docx", "html")
KIND_FOLDERS = {"jd": "jd", "form": "forms"}


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


@dataclass
class Job:
    """One document in its formats: a role's job description or form, or the handbook."""

    kind: str
    role: Role | None
    paths: dict[str, Path]  # format → output file
    key: str = ""


def select_roles(project: Project, role_ids: tuple[str, ...]):
    concrete = project.concrete_roles()
    if not role_ids:
        return concrete
    chosen = []
    for role_id in role_ids:
        role = project.roles.get(role_id)
        if role is None:
            known = ", ".join(r.id for r in concrete)
            raise UsageError(f"no role '{role_id}' in this project (roles: {known})")
        if role.abstract:
            raise UsageError(f"role '{role_id}' is abstract: a family template, not rendered alone")
        chosen.append(role)
    return chosen


def plan(project: Project, kinds, formats, roles, out: Path) -> list[Job]:
    """Every document to build, each with the key of what it depends on. The handbook comes first:
    it is the longest job, so parallel workers start it at once."""
    common = manifest.common_key(project.root)
    jobs = []
    if "handbook" in kinds:
        parts = [role.model_dump_json() for role in project.concrete_roles()]
        parts += [term.model_dump_json() for term in project.library_terms]
        parts += [(project.root / name).read_bytes().hex() for name in project.settings.handbook.policies]
        jobs.append(Job("handbook", None, {fmt: out / f"handbook.{fmt}" for fmt in formats},
                        manifest.document_key(common, "handbook", *formats, *parts,
                                              manifest.git_state(project.root))))
    for kind in (k for k in kinds if k != "handbook"):
        for role in roles:
            boss = project.roles.get(role.reports_to or "")
            jobs.append(Job(kind, role, {fmt: out / KIND_FOLDERS[kind] / f"{role.id}.{fmt}" for fmt in formats},
                            manifest.document_key(common, kind, *formats, role.model_dump_json(),
                                                  boss.title if boss else "", project.language_of(role))))
    return jobs


def build(project: Project, kinds: tuple[str, ...] = KINDS, formats: tuple[str, ...] = FORMATS,
          role_ids: tuple[str, ...] = (), out: Path | None = None, workers: int = 1,
          progress=None, digest: str = "") -> BuildResult:
    """Render what changed since the last build (all of it the first time) and write it atomically.

    `progress`, when given, has start(total) and is called with each job done; `digest` is the
    input digest (manifest.input_digest) recorded for the next build's no-op check.
    """
    if project.errors:
        raise InvalidProject(project.errors)
    out = out or project.root / "build"
    roles = select_roles(project, role_ids)
    renderer = Renderer(project)
    for role in roles:
        renderer.language(role)  # collects the warnings here: workers' warnings would be lost
    record = manifest.Manifest.load(out)
    jobs = plan(project, kinds, formats, roles, out)
    todo = [job for job in jobs if not record.fresh(_names(job, out), job.key)]
    if progress is not None and len(todo) > 20:
        progress.start(len(todo))
    else:
        progress = None  # a moment's work needs no bar
    files: dict[Path, bytes] = {}
    for job, rendered in zip(todo, render_all(renderer, todo, workers, progress)):
        for fmt, data in rendered.items():
            files[job.paths[fmt]] = data
    index = out / "index.html"
    page = index_page(project, renderer, out, set(files))
    if not index.is_file() or index.read_bytes() != page:
        files[index] = page
    for path in sorted(files):
        write_atomically(path, files[path])
    record.inputs = digest
    for job in jobs:
        for name in _names(job, out):
            record.outputs[name] = {"key": job.key, "role": job.role.id if job.role else None}
    for name, entry in list(record.outputs.items()):  # documents of roles that no longer exist
        if entry.get("role") and entry["role"] not in project.roles:
            (out / name).unlink(missing_ok=True)
            del record.outputs[name]
    write_atomically(record.path, record.to_bytes())
    rendered = {id(job) for job in todo}
    skipped = sorted(path for job in jobs if id(job) not in rendered for path in job.paths.values())
    return BuildResult(sorted(files), skipped, renderer.warnings)


def _names(job: Job, out: Path) -> list[str]:
    return [path.relative_to(out).as_posix() for path in job.paths.values()]


_WORKER_RENDERER: Renderer | None = None


def _render_job(job: Job) -> dict[str, bytes]:
    renderer = _WORKER_RENDERER
    formats = tuple(job.paths)
    if job.kind == "handbook":
        return renderer.render_handbook(formats)
    return renderer.render(job.kind, job.role, formats)


def render_all(renderer: Renderer, jobs: list[Job], workers: int, progress=None) -> Iterator[dict[str, bytes]]:
    """Render jobs in order; with workers > 1 in forked processes that share the loaded project."""
    global _WORKER_RENDERER
    _WORKER_RENDERER = renderer
    gc.freeze()  # the loaded project stays: the collector need not walk it again and again
    if workers <= 1 or len(jobs) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for job in jobs:
            rendered = _render_job(job)
            if progress:
                progress(1)
            yield rendered
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for rendered in pool.map(_render_job, jobs, chunksize=max(1, min(16, len(jobs) // (workers * 8)))):
            if progress:
                progress(1)
            yield rendered


def write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def index_page(project: Project, renderer: Renderer, out: Path, new_files: set[Path]) -> bytes:
    """build/index.html: a link to every document in the build folder, this build's and earlier ones."""
    labels = labels_for(project.settings.language)

    def row(name: str, kind: str, stem: Path) -> Markup | None:
        paths = [stem.with_suffix(f".{fmt}") for fmt in FORMATS]
        links = [Markup('<a href="{}">{}</a>').format(path.relative_to(out).as_posix(), path.suffix[1:].upper())
                 for path in paths if path in new_files or path.is_file()]
        if not links:
            return None
        return Markup("<tr><td>{}</td><td>{}</td><td>{}</td></tr>").format(
            name, labels[KIND_LABELS[kind]], Markup(" · ").join(links))

    rows = [row(project.settings.handbook.title or labels["handbook"], "handbook", out / "handbook")]
    rows += [row(role.title, kind, out / KIND_FOLDERS[kind] / role.id)
             for kind in ("jd", "form") for role in project.concrete_roles()]
    title = project.settings.organization or "rolebook"
    body = Markup("<h1>{}</h1>\n<table>\n<thead><tr><th>{}</th><th></th><th></th></tr></thead>\n<tbody>\n{}\n"
                  "</tbody>\n</table>").format(title, labels["position"], Markup("\n").join(r for r in rows if r))
    info = DocumentInfo(title=title, subject=title, language=project.settings.language, header=title)
    return renderer.page(info, str(body), landscape=False)
