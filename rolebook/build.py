"""`rolebook build`: validate, render every requested document in memory, then write them atomically."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from rolebook.errors import Problem, RolebookError, UsageError
from rolebook.project import Project
from rolebook.render.documents import KIND_LABELS, Renderer
from rolebook.render.html import PageInfo
from rolebook.render.labels import labels_for

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
    warnings: list[str] = field(default_factory=list)


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


def build(project: Project, kinds: tuple[str, ...] = KINDS, formats: tuple[str, ...] = FORMATS,
          role_ids: tuple[str, ...] = (), out: Path | None = None) -> BuildResult:
    if project.errors:
        raise InvalidProject(project.errors)
    out = out or project.root / "build"
    roles = select_roles(project, role_ids)
    renderer = Renderer(project)
    files: dict[Path, bytes] = {}
    for kind in kinds:
        if kind == "handbook":
            for fmt, data in renderer.render_handbook(formats).items():
                files[out / f"handbook.{fmt}"] = data
            continue
        for role in roles:
            for fmt, data in renderer.render(kind, role, formats).items():
                files[out / KIND_FOLDERS[kind] / f"{role.id}.{fmt}"] = data
    files[out / "index.html"] = index_page(project, renderer, out, set(files))
    for path in sorted(files):
        write_atomically(path, files[path])
    return BuildResult(sorted(files), renderer.warnings)


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
    rows = []
    handbook = [fmt for fmt in FORMATS if out / f"handbook.{fmt}" in new_files or (out / f"handbook.{fmt}").is_file()]
    if handbook:
        links = Markup(" · ").join(Markup('<a href="handbook.{}">{}</a>').format(fmt, fmt.upper()) for fmt in handbook)
        rows.append(Markup("<tr><td>{}</td><td>{}</td><td>{}</td></tr>").format(
            project.settings.handbook.title or labels["handbook"], labels["handbook"], links))
    for kind in ("jd", "form"):
        for role in project.concrete_roles():
            links = []
            for fmt in FORMATS:
                path = out / KIND_FOLDERS[kind] / f"{role.id}.{fmt}"
                if path in new_files or path.is_file():
                    links.append(Markup('<a href="{}">{}</a>').format(path.relative_to(out).as_posix(), fmt.upper()))
            if links:
                rows.append(Markup("<tr><td>{}</td><td>{}</td><td>{}</td></tr>").format(
                    role.title, labels[KIND_LABELS[kind]], Markup(" · ").join(links)))
    title = project.settings.organization or "rolebook"
    body = Markup("<h1>{}</h1>\n<table>\n<thead><tr><th>{}</th><th></th><th></th></tr></thead>\n<tbody>\n{}\n"
                  "</tbody>\n</table>").format(title, labels["position"], Markup("\n").join(rows))
    page = PageInfo(title=title, language=project.settings.language, header=title,
                    accent=project.settings.branding.accent_color or "#1F4E79")
    return renderer.templates.render_html("page.html.j2", page=page, body=body).encode("utf-8")
