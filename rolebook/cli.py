"""Command line: parse options, call the library, map errors to exit codes (0 ok, 1 invalid, 2 misuse)."""

from __future__ import annotations

import gc
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rolebook import __version__, inputs
from rolebook.cache import Memo
from rolebook.errors import ERROR, WARNING, Problem, RolebookError, UsageError, sorted_unique
from rolebook.paths import SPECS_DIR, display, project_root
from rolebook.sanitize import for_terminal
from rolebook import cli_help, messages, paths
from rolebook.messages import _

# rolebook uses no pydantic plugin; looking for them reads every installed package's metadata when the
# first model class is made (80 ms of each command on this project's machine). Set before any command
# imports the spec model (none of the modules above does).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

if TYPE_CHECKING:  # the spec model and the renderers load when a command needs them: an up-to-date
    from rolebook.project import Project  # build needs neither


def load_project(root: Path, label: str | None = None, language=None, problems_only: bool = False) -> Project:
    """The project, loaded and checked; the spec model is imported here, when a command first needs it."""
    from rolebook.project import load_project as load

    return load(root, label, language, problems_only)


def echo(text: str, err: bool = False) -> None:
    """Print a line with any control character in it shown as an escape, never sent raw."""
    click.echo(for_terminal(text), err=err)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rolebook")
def cli() -> None:
    """Validate role specs and render them into HR documents."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--against", metavar="REV", help="Also warn about roles changed since this branch left REV (their "
              "merge-base) whose version was not bumped; 'default-branch' is the upstream's default branch.")
def validate(paths: tuple[Path, ...], strict: bool, output: str, against: str | None) -> None:
    """Check role specs; print every problem as FILE:LINE:COLUMN."""
    # Checking makes many small objects and no garbage cycles, and the command ends after printing: the
    # cycle collector would only walk them all once more (30 ms at 3,000 roles) before the process exits.
    gc.disable()
    problems, completeness = collect_problems(list(paths) or [Path.cwd()])
    if against:
        problems = sorted_unique(problems + version_problems(list(paths) or [Path.cwd()], against))
    if output == "json":
        click.echo(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            echo(str(problem))
    errors = sum(p.severity == ERROR for p in problems)
    warnings = len(problems) - errors
    for line in completeness if output == "text" else ():
        echo(line, err=True)
    echo(_("{errors} error(s), {warnings} warning(s)").format(errors=errors, warnings=warnings), err=True)
    if errors or (strict and warnings):
        sys.exit(1)


def collect_problems(paths: list[Path]) -> tuple[list[Problem], list[str]]:
    """The problems of the projects holding `paths`, for a file those that concern it; and how complete each
    project's translations are, a line per language."""
    by_root: dict[Path, list[Path]] = {}
    for path in paths:
        by_root.setdefault(project_root(path), []).append(path.resolve())
    problems: list[Problem] = []
    completeness: list[str] = []
    for root, targets in by_root.items():
        project = load_project(root, problems_only=True)
        wanted = _files_concerned(project, targets)
        problems += [p for p in project.problems if wanted is None or p.file in wanted]
        for language, (lacking, texts) in sorted(project.translated.items()):
            done = texts - lacking
            share = f"{100 * done // texts}%" if texts else "100%"  # rounded down: 99.9% is not complete
            where = f"{display(root)}: " if len(by_root) > 1 else ""
            completeness.append(_("{where}{language}: {done} of {texts} texts translated ({share})").format(
                                    where=where,
                                    language=language,
                                    done=done,
                                    texts=texts,
                                    share=share))
    return problems, completeness


def version_problems(paths: list[Path], against: str) -> list[Problem]:
    """version-not-bumped: a role whose resolved content changed since `against` but whose version did not."""
    from rolebook.history import gitinfo
    from rolebook.history.diff import compare_projects
    from rolebook.history.revisions import side

    problems = []
    for root in {project_root(path) for path in paths}:
        gitinfo.require_repository(root)
        upstream = gitinfo.default_branch(root) if against == gitinfo.DEFAULT_BRANCH else against
        # Where this branch left REV: a branch of several commits needs one bump, not one per commit.
        base = gitinfo.merge_base(root, upstream)
        since = upstream if gitinfo.resolve(root, upstream) == base else f"{upstream} (at {base[:7]})"
        with side(root, base) as old, side(root, None) as new:
            diff = compare_projects(old.project, new.project, old.label, new.label)
        for role in diff.roles:
            if role.version_not_bumped:
                where = new.project.version_sources[role.id]
                problems.append(Problem.at(where, "version-not-bumped",
                                           _("role '{role_id}' changed since {since} but its version is "
                                             "still {none}").format(
                                               role_id=role.id,
                                               since=since,
                                               none=role.new_version or '(none)'), WARNING))
    return problems


def _files_concerned(project: Project, targets: list[Path]) -> set[str] | None:
    """None for a whole project; else the given files, their ancestors' files and shared files."""
    files = [t for t in targets if t.is_file()]
    if len(files) < len(targets):
        return None
    wanted = {display(f) for f in files}
    by_file = {path.resolve(): role_id for role_id, path in project.role_files.items()}
    for file in files:
        parent = project.extends.get(by_file.get(file, ""))
        seen: set[str] = set()
        while parent in project.extends and parent not in seen:
            seen.add(parent)
            wanted.add(display(project.role_files[parent]))
            parent = project.extends[parent]
    role_files = {display(path) for path in project.role_files.values()}
    return wanted | {p.file for p in project.problems if p.file not in role_files}


@cli.command()
@click.argument("project", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--kind", "kinds", multiple=True,
              type=click.Choice(["jd", "form", "posting", "handbook", "workbook", "catalogue", "orgchart"]),
              help="Which documents (default: jd, form, posting, handbook, catalogue, orgchart; workbook on "
                   "request).")
@click.option("--format", "formats", type=click.Choice(["docx", "html", "pdf"]), multiple=True,
              help="Which formats (default: docx and html; pdf through LibreOffice).")
@click.option("--pdf-a", is_flag=True, help="Make the PDFs PDF/A-2b, for archiving.")
@click.option("--paginate/--no-paginate", default=None,
              help="Have LibreOffice lay the handbook out for the page numbers of its contents (default: when "
                   "installed and the handbook has at most 100 roles, or its PDF is made).")
@click.option("--role", "roles", multiple=True, metavar="ID",
              help="Only these roles (repeatable); an index of all documents already there is left to a build "
                   "of all roles.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Output folder (default: build/).")
@click.option("-j", "--jobs", "workers", type=click.IntRange(min=1), default=None,
              help="Parallel workers (default: the number of CPUs).")
@click.option("--language", metavar="LANG", help="Only this language (or `bilingual`), when the project has several.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but warnings and errors.")
@click.option("-v", "--verbose", is_flag=True, help="Name every file written or found up to date.")
def build(project: Path | None, kinds: tuple[str, ...], formats: tuple[str, ...], pdf_a: bool, paginate: bool | None,
          roles: tuple[str, ...], out: Path | None, workers: int | None, language: str | None, quiet: bool,
          verbose: bool) -> None:
    """Validate, then render job descriptions, forms, postings, the handbook, the role catalogue and the org
    chart into PROJECT/build/.

    PROJECT defaults to the project holding the current folder. Only what changed since the last build
    is rendered again. With --out, a folder holding files of your own: a build there replaces only the
    files it wrote.
    """
    from rolebook.outputs import FORMATS, KINDS

    root = project_root(project or Path.cwd())
    kinds, formats = kinds or KINDS, formats or FORMATS
    options = ["kinds", *sorted(kinds), "formats", *sorted(formats), "roles", *sorted(roles), f"pdf-a={pdf_a}",
               f"paginate={paginate}"]
    if pdf_a and "pdf" not in formats:
        raise UsageError(_("--pdf-a makes PDFs: ask for them with --format pdf"))
    shared, out = out is not None, out or root / "build"
    checked = _Checked()  # the project checked once, in its source language, when anything is built
    for target, name, folder_kinds in _build_targets(root, language, kinds):
        run = _BuildRun(root, out / name if name else out, shared=shared, quiet=quiet, verbose=verbose, workers=workers)
        language_option = [f"language={name}"] if name else []
        run.build(target, folder_kinds, formats, roles, [*options, *language_option], pdf_a, paginate, checked)
    if checked.project and checked.project.languages.several and "html" in formats:
        _write_languages_page(checked.project, out, shared)


def _write_languages_page(project: Project, out: Path, shared: bool) -> None:
    """build/index.html, linking each language's folder (written when the languages were built)."""
    from rolebook.build import languages_page
    from rolebook.outputs import write_atomically
    from rolebook.spec.languages import folder_name

    folders = [folder_name(t) for t in project.languages.targets() if (out / folder_name(t) / "index.html").is_file()]
    index = out / "index.html"
    if shared and index.exists() and b'content="rolebook"' not in index.read_bytes()[:4096]:
        return  # a page of the user's own in a folder they named: not rolebook's to replace
    write_atomically(index, languages_page(project, folders))


def _build_targets(root: Path, language: str | None, kinds: tuple[str, ...]) -> list:
    """(language, folder, kinds) for each output folder: one, (None, None, kinds), for a project of one
    language; else each language (build/<lang>/) and the bilingual job descriptions (build/bilingual/);
    or the one asked for."""
    if language is None and not inputs.names_languages(root):
        return [(None, None, kinds)]  # one language, one folder: no need to check the settings here
    from rolebook.project import read_languages
    from rolebook.spec.languages import BILINGUAL, folder_name
    from rolebook.spec.schema import did_you_mean

    languages = read_languages(root)
    targets = languages.targets() if languages.several else [None]
    if language is not None:
        names = {BILINGUAL if isinstance(t, tuple) else t: t for t in targets if t is not None}
        if language not in names:
            known = sorted(names) or [languages.source]
            raise UsageError(_("--language {language}: the project builds {known}").format(
                                 language=language,
                                 known=', '.join(known))
                             + did_you_mean(language, known))
        targets = [names[language]]
    bilingual = tuple(kind for kind in kinds if kind in ("jd", "posting"))
    return [(t, None if t is None else folder_name(t), bilingual if isinstance(t, tuple) else kinds)
            for t in targets if not isinstance(t, tuple) or bilingual]


class _Checked:
    """The project loaded and checked once per build command, and whether its warnings were printed."""

    def __init__(self):
        self.project: Project | None = None
        self.announced = False

    def load(self, root: Path) -> Project:
        if self.project is None:
            self.project = _valid_project(root)
        return self.project


class _BuildRun:
    """One output folder's build: up to date, or loaded in its language and rendered."""

    def __init__(self, root: Path, out: Path, shared: bool, quiet: bool, verbose: bool, workers: int | None):
        from rolebook.outputs import OutputFolder

        self.root, self.quiet, self.verbose, self.workers = root, quiet, verbose, workers
        self.folder = OutputFolder(out, root, shared=shared)

    def build(self, target, kinds, formats, roles, options, pdf_a, paginate, checked: "_Checked") -> None:
        from rolebook import manifest

        folder, quiet = self.folder, self.quiet
        if not folder.path.exists():  # a first build of an invalid project makes no folder
            checked.load(self.root)
        with folder:
            out = folder.path
            record = manifest.Manifest.load(out)
            if record.warning:
                echo(_("warning: {warning}").format(warning=record.warning), err=True)
            digest = manifest.input_digest(self.root, kinds, options)
            if record.up_to_date(digest):
                if not quiet:
                    echo(_("{out} is up to date").format(out=display(out)), err=True)
                return
            from rolebook.build import build as run_build  # the renderers: only when something is built

            project = checked.load(self.root)
            first, checked.announced = not checked.announced, True  # its warnings are printed once
            loaded = project if target is None else _valid_project(self.root, target)
            progress = TerminalProgress() if not quiet and sys.stderr.isatty() else None  # never in logs
            try:
                # A build of some roles leaves an existing index of all documents (like the handbook of all
                # roles) to a build of all, unless it adds or removes files: at 3,000 roles the index's org
                # chart and rows took longer than the role's own documents. A folder without one gets it.
                index = not roles or not (out / "index.html").is_file()
                result = run_build(loaded, folder, record, kinds, formats, roles,
                                   self.workers or os.cpu_count() or 1, progress, digest, pdf_a, paginate,
                                   index=index, related=True)
            finally:
                if progress:
                    progress.close()
        if first:
            for warning in project.warnings:
                echo(str(warning), err=True)
        for message in result.warnings:
            echo(_("warning: {message}").format(message=message), err=True)
        if result.removed:
            shown = ", ".join(display(path) for path in result.removed[:5])
            more = f" and {len(result.removed) - 5} more" if len(result.removed) > 5 else ""
            echo(_("removed {removed} file(s) older than their specs, of formats or kinds this build did "
                   "not make: {shown}{more}").format(removed=len(result.removed), shown=shown, more=more), err=True)
            from rolebook.outputs import KINDS

            if roles or set(kinds) != set(KINDS):  # a build of some: the rest is one command away
                echo(_("`rolebook build` (every role and kind) makes them again from the specs as they are "
                       "now"), err=True)
        if self.verbose:
            for path in result.written:
                echo(_("wrote {path}").format(path=display(path)), err=True)
            for path in result.skipped:
                echo(_("up to date {path}").format(path=display(path)), err=True)
        if not quiet:
            echo(_("wrote {written} file(s) to {out}").format(written=len(result.written), out=display(out))
                 + (_("; {skipped} up to date").format(skipped=len(result.skipped)) if result.skipped else ""),
                 err=True)


def _valid_project(root: Path, language=None) -> Project:
    """The loaded project; when it has errors they are printed and the command exits 1, writing nothing."""
    from rolebook.project import collector_paused

    with collector_paused():
        project = load_project(root, language=language)
        # The loaded project lives until the command ends: the cycle collector, run by what rendering
        # allocates, need not walk it again and again (at 3,000 roles those passes took 0.1 s of a one-role
        # build). Frozen before the collector is back on, or its first pass walks every object the load made
        # (30-50 ms at 3,000 roles).
        gc.freeze()
    if project.errors:
        for problem in project.errors:
            echo(str(problem))
        echo(_("rolebook: {errors} error(s) in the role specs; nothing was written").format(
                 errors=len(project.errors)), err=True)
        sys.exit(1)
    return project


class TerminalProgress:
    """A progress bar on a terminal, started by the build once it knows there is more than a moment's work."""

    def __init__(self):
        self.bar = None

    def start(self, total: int) -> None:
        self.bar = click.progressbar(length=total, label="rendering", file=sys.stderr)
        self.bar.__enter__()

    def __call__(self, count: int) -> None:
        self.bar.update(count)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.render_progress()  # it draws at most a few times a second: show the end
            self.bar.__exit__(None, None, None)


@cli.command()
@click.argument("revisions", nargs=-1, metavar="[PROJECT] [REV_A [REV_B]]")
@click.option("--role", "roles", multiple=True, metavar="ID", help="Only these roles (repeatable).")
@click.option("--format", "output", type=click.Choice(["text", "json", "html", "docx"]), default="text",
              show_default=True, help="text: the terminal; json: for tools; html: a page of the changes; docx: a "
              "Word redline with tracked changes and a place to sign the approval.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE (docx: default "
              "build/redline.docx).")
@click.option("--exit-code", is_flag=True, help="Exit 1 when there are differences, like git diff --exit-code.")
@click.option("--language", metavar="LANG", help="Compare the texts in this language (default: the source "
              "language, with changes made in one translation only marked as such).")
def diff(revisions: tuple[str, ...], roles: tuple[str, ...], output: str, out: Path | None, exit_code: bool,
         language: str | None) -> None:
    """What changed in the roles between two git revisions (default: HEAD and the working tree).

    PROJECT, a folder, defaults to the project holding the current folder.
    """
    from rolebook.build import unknown_role
    from rolebook.history.diff import compare_projects
    from rolebook.history.revisions import side

    place = Path.cwd()
    if revisions and Path(revisions[0]).is_dir():  # a folder, not a revision
        place, revisions = Path(revisions[0]), revisions[1:]
    if len(revisions) > 2:
        raise UsageError(_("diff takes at most two revisions"))
    root = project_root(place)
    if out is not None:
        _check_report_path(out)
    old_rev = revisions[0] if revisions else "HEAD"
    new_rev = revisions[1] if len(revisions) > 1 else None
    language = _one_language(root, language)
    with side(root, old_rev, language) as old, side(root, new_rev, language) as new:
        known = sorted(set(old.project.roles) | set(new.project.roles) | old.project.invalid_roles
                       | new.project.invalid_roles)
        for role_id in roles:
            if role_id not in known:
                raise UsageError(unknown_role(role_id, known))
        result = compare_projects(old.project, new.project, old.label, new.label, roles)
        _dated(result, root, old, new)
        if output in ("docx", "html") and new.project.errors:
            _refuse_invalid(new)
        if result.empty and output != "text" and (out or output in ("docx", "html")):
            from rolebook.history.report import no_changes

            echo(_("{result}; nothing written").format(result=no_changes(result)), err=True)
        elif output == "docx":
            target = _write_report(root, out, "redline.docx", _redline(result, root, old, new))
            echo(_("wrote {target}").format(target=display(target)), err=True)
        else:
            report = _report(result, root, old, new, output)
            if out:
                _write_report(root, out, "", report.encode("utf-8"))
            else:
                click.echo(report, nl=False, color=None)
    if result.empty and not revisions:
        _hint_last_commit(root)
    if exit_code and not result.empty:
        sys.exit(1)


def _hint_last_commit(root: Path) -> None:
    """Nothing uncommitted: after `bump` and a commit the README's `diff --format docx` said "no changes"
    and left the user there; the changes they meant are the last commit's."""
    from rolebook.history import gitinfo

    try:
        gitinfo.resolve(root, "HEAD~1")
    except UsageError:
        return  # one commit only: nothing older to compare with
    echo(_("hint: the working tree is as committed; the last commit's changes: rolebook diff HEAD~1 HEAD"), err=True)


def _refuse_invalid(new) -> None:
    """A redline or change report is what a manager signs: of a revision that does not validate it would
    ask approval for a role whose changes it cannot show (it said "invalid, not compared" and exited 0)."""
    from rolebook.history.revisions import said

    for problem in new.project.errors:
        echo(str(problem), err=True)
    echo(_("rolebook: {revision} has {count} error(s), so there is nothing to approve yet: fix them "
           "(rolebook validate) and run diff again; nothing written").format(
             revision=said(new.label), count=len(new.project.errors)), err=True)
    sys.exit(1)


def _one_language(root: Path, language: str | None) -> str | None:
    """`--language` checked against the project's languages (None: the source language)."""
    from rolebook.project import read_languages
    from rolebook.spec.schema import did_you_mean

    if language is None:
        return None
    languages = read_languages(root)
    known = sorted(set(languages.built))
    if language not in known:
        raise UsageError(_("--language {language}: the project's languages are {known}").format(
                             language=language,
                             known=', '.join(known))
                         + did_you_mean(language, known))
    return None if language == languages.source and not languages.several else language


def _dated(result, root: Path, old, new) -> None:
    """The revisions' times and the commits between them, for titles and the reports' list."""
    from rolebook.history import gitinfo
    from rolebook.history.diff import Commit

    result.old_time, result.new_time = old.time, new.time
    result.old_commit, result.new_commit = old.commit, new.commit
    if old.commit:
        result.commits = [Commit(c.hash[:7], c.time[:10], c.author, c.subject)
                          for c in gitinfo.commits_between(root, old.commit, new.commit)]


def _redline(result, root: Path, old, new) -> bytes:
    from rolebook.history.authors import attribution
    from rolebook.history.redline import redline

    return redline(result, old.project, new.project, root, attribution(root, old.commit, new.commit))


def _report(result, root: Path, old, new, output: str) -> str:
    from rolebook.history.report import text_report

    if output == "json":
        return result.to_json() + "\n"
    if output == "text":
        # in a project not in English, the changes in HR's words and the project's language, as `log` says them
        return text_report(result, click.style, _worded(old, new) if messages.language() != "en" else None)
    from rolebook.history.authors import attribution
    from rolebook.history.report import html_report
    from rolebook.history.summary import diff_title, summary_rows
    from rolebook.history.wording import parts
    from rolebook.render.labels import labels_for

    title = diff_title(result, old.project, new.project)
    authors = attribution(root, old.commit, new.commit)
    labels = labels_for(new.project.settings.language)
    rows = [(row.item, row.change, authors.of_files(row.files).credit(labels) if authors else "")
            for row in summary_rows(result, old.project, new.project)]

    def worded(role, change):
        return parts(change, labels, old.project.roles.get(role.was), new.project.roles.get(role.id))

    return _html_page(new.project, title, html_report(result, title, labels, rows, worded,
                                                      _approval_html(labels, new.project)))


def _approval_html(labels: dict, project: Project) -> str:
    """The approval block the redline has (审批: a line to sign and date for each step), as HTML."""
    from rolebook.history.redline import approval_markdown
    from rolebook.render.html import render_body
    from rolebook.render.markdown import parse

    lines = ["#" + line if line.startswith("# ") else line for line in approval_markdown(labels, project)]
    return render_body(parse("\n".join(lines) + "\n"))  # an h2: the report's title is its one h1


def _worded(old, new):
    """A role's change as `log` and the documents say it, in the project's language."""
    from rolebook.history.wording import describe
    from rolebook.render.labels import labels_for

    labels = labels_for(new.project.settings.language)

    def say(role, change) -> str:
        return describe(change, labels, old.project.roles.get(role.was), new.project.roles.get(role.id))

    return say


def _write_report(root: Path, out: Path | None, default: str, data: bytes) -> Path:
    """Write a report to --out (whose folder must exist), or to `default` in the build folder."""
    from rolebook.outputs import OutputFolder, write_atomically

    if out is None:
        with OutputFolder(root / "build", root) as folder:
            return folder.write(default, data)
    out = _check_report_path(out)
    write_atomically(out, data)
    return out


def _check_report_path(out: Path) -> Path:
    """--out of a report: a file in a folder that exists (checked before any work)."""
    out = Path(os.path.abspath(out))
    if not out.parent.is_dir():
        raise UsageError(_("{parent}: no such folder; create it first or choose another --out").format(
                             parent=out.parent))
    if out.is_dir():
        raise UsageError(_("{out} is a folder; --out names the file to write").format(out=out))
    return out


def _html_page(project: Project, title: str, body: str) -> str:
    """A page in the project's own look: its templates, fonts, colour and labels."""
    from markupsafe import Markup

    from rolebook.render.html import PageInfo
    from rolebook.render.labels import labels_for
    from rolebook.render.templating import Templates

    branding = project.settings.branding
    page = PageInfo(title=title, language=project.settings.language,
                    header=" ".join(filter(None, [project.settings.organization, title])),
                    accent=branding.accent_color or PageInfo.accent, latin_font=branding.font,
                    cjk_font=branding.cjk_font, page_of=labels_for(project.settings.language)["page_of"])
    return Templates(project.root / "templates").render_html("page.html.j2", page=page, body=Markup(body))


@cli.command("score")
@click.argument("results", type=click.Path(path_type=Path), metavar="RESULTS.csv|RESULTS.xlsx")
@click.option("--period", metavar="P", help="The period to score (the rows of other periods are left out); "
              "needed when the file has no period column.")
@click.option("--format", "formats", type=click.Choice(["docx", "html", "pdf"]), multiple=True,
              help="Formats of each employee's appraisal (repeatable; default: docx and html).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="A new or empty folder for the appraisals (default: build/appraisals/PERIOD/).")
@click.option("--project", "project", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The project (default: the one holding the current folder).")
@click.option("-j", "--jobs", "workers", type=click.IntRange(min=1), default=None,
              help="Parallel workers (default: the number of CPUs).")
@click.option("-v", "--verbose", is_flag=True, help="Also print each employee's total and grade.")
def score_command(results: Path, period: str | None, formats: tuple[str, ...], out: Path | None,
                  project: Path | None, workers: int | None, verbose: bool) -> None:
    """Score results with each role's rule: an appraisal per employee and a summary of the period."""
    from rolebook.render import pdf
    from rolebook.results.appraisals import write_all
    from rolebook.results.check import Checker
    from rolebook.results.read import read_table

    root = project_root(project or Path.cwd())
    loaded = _valid_project(root)
    formats = tuple(dict.fromkeys(formats)) or ("docx", "html")
    if "pdf" in formats:
        pdf.require()
    shown = display(results) if results.is_absolute() else str(results)
    table = read_table(results, shown)
    _warn_if_tracked(results)
    checked = Checker(loaded, table, period)
    checked.check()  # every row, before anything is written; nothing of them is kept
    for warning in checked.warnings:  # scored as written: said, so that a slip is found before filing
        echo(str(warning), err=True)
    if checked.problems:
        for problem in checked.problems:
            echo(str(problem))
        echo(_("rolebook: {problems} problem(s) in {shown}; nothing was written").format(
                 problems=len(checked.problems),
                 shown=shown), err=True)
        sys.exit(1)
    if not checked.found:
        raise UsageError(_("{shown} holds no results").format(shown=shown)
                         + (_(" for period {period}").format(period=period) if period else ""))
    chosen = next(iter(checked.periods))
    count, roles = checked.found, len(checked.roles)
    checked = checked.again()  # reads the rows again, one by one
    lines: list[str] | None = [] if verbose else None
    target, findings = write_all(loaded, checked, chosen, formats, out, workers or os.cpu_count() or 1, lines)
    for line in lines or []:
        echo(line)
    for finding in findings:
        echo(_("warning[distribution]: {finding}").format(finding=finding), err=True)
    echo(_("scored {records} employee(s) in {roles} role(s) for {chosen}; wrote {target}/ (appraisals, "
           "summary.csv, summary.xlsx, summary.html, summary.docx; owner-only)").format(
             records=count,
             roles=roles,
             chosen=chosen,
             target=display(target)), err=True)


def _warn_if_tracked(results: Path) -> None:
    """Results are personal data: say so when git keeps them (once committed, they stay in history)."""
    from rolebook.history import gitinfo

    folder = results.resolve().parent
    if gitinfo.tracked(folder, results.resolve().name):
        echo(_("warning: {results} is tracked by git; results are personal data: remove it from the "
               "repository (git rm --cached) and list it in .gitignore").format(results=results), err=True)


@cli.command("log")
@click.argument("role_id", metavar="ROLE_ID")
@click.argument("project", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True)
def log_command(role_id: str, project: Path | None, output: str) -> None:
    """A role's versions, newest first: date, author and what changed, in HR's words."""
    from rolebook.build import unknown_role
    from rolebook.history import gitinfo
    from rolebook.history.log import ProjectHistory

    root = project_root(project or Path.cwd())
    current = load_project(root)
    known = sorted(set(current.roles) | current.invalid_roles)
    if role_id not in known:
        raise UsageError(unknown_role(role_id, known))
    try:
        gitinfo.require_repository(root)
    except gitinfo.GitError:
        echo(_("rolebook: {root} is not in git; only the role's own change history is known").format(
                 root=display(root)), err=True)
    history = ProjectHistory(root, current)
    entries = history.log(role_id)
    role = current.roles.get(role_id) or history.last_valid(role_id)
    if output == "json":
        data = {"role": role_id, "title": role.title if role else None,
                "versions": [{"version": e.version, "date": e.date, "author": e.author, "commit": e.commit,
                              "changes": list(e.changes), "details": list(e.details), "invalid": e.invalid}
                             for e in entries]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    lines = [f"{role_id} ({role.title})" if role else role_id]
    for entry in entries:
        where = entry.commit[:7] if entry.commit else _("the working tree")
        version = _("invalid at {commit}:").format(commit=where) if entry.invalid \
            else entry.version or _("(no version)")
        commit = entry.commit[:7] if entry.commit and not entry.invalid else None  # what `diff` takes
        lines.append("  ".join(filter(None, [version, entry.date, entry.author, commit])))
        lines += [f"  - {change}" for change in entry.changes]
        lines += [f"      {detail}" for detail in entry.details if detail not in entry.changes]
    click.echo(for_terminal("\n".join(lines)))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "markdown"]), default="json", show_default=True,
              help="json: the JSON Schema of a role spec, for editors; markdown: the field reference of every "
                   "file (docs/reference.md).")
def schema(fmt: str) -> None:
    """Print the JSON Schema of a role spec (for editor completion), or the field reference."""
    if fmt == "markdown":
        from rolebook.spec.reference import reference

        click.echo(reference(), nl=False)
        return
    from rolebook.spec.model import role_json_schema

    click.echo(json.dumps(role_json_schema(), ensure_ascii=False, indent=2))


@cli.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--language", type=click.Choice(["zh-CN", "zh-TW", "en"]), default=None,
              help="The starter's language (default: the system's, if Chinese; else English).")
def init(directory: Path, language: str | None) -> None:
    """Create a new project with one example role in DIRECTORY."""
    from rolebook.scaffold import create_project

    language = language or messages.system_language()
    messages.use(language)
    written = create_project(directory, language)
    for path in written:
        echo(_("created {path}").format(path=display(path)))
    go = "" if directory.resolve() == Path.cwd().resolve() else f"cd {display(directory)}\n  "
    echo(_("\nNext:\n  {go}rolebook validate           # check the example role\n  rolebook build           "
           "   # its documents in build/ (open build/index.html)\n  rolebook new my-role        # a spec "
           "of your own to fill in\n  rolebook serve              # see the documents change as you edit").format(
             go=go))


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--id", "role_id", metavar="ID", help="The role's id (default: from its title; pinyin for Chinese).")
@click.option("--family", metavar="FAMILY", help="A role (usually abstract) the imported one extends.")
@click.option("--dry-run", is_flag=True, help="Say what would be written, and write nothing.")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True)
def import_(files: tuple[Path, ...], role_id: str | None, family: str | None, dry_run: bool, output: str) -> None:
    """Turn job descriptions (.docx, .html, .md, .txt, .pdf) and KPI sheets (.xlsx, .csv) into role specs."""
    from rolebook.importers import ImportError_, import_files, write_imported

    root = project_root(Path.cwd())
    for path in files:
        if not path.is_file():
            raise UsageError(_("{path}: no such file").format(path=path))
    if family is not None:
        known = sorted(load_project(root).role_files)
        if family not in known:
            from rolebook.build import unknown_role

            raise UsageError("--family: " + unknown_role(family, known))
    try:
        results = import_files(root, list(files), role_id, family)
    except ImportError_ as exc:
        echo(_("rolebook: {error}; nothing was written").format(error=exc), err=True)
        sys.exit(1)
    if not dry_run:
        write_imported(results)
    if output == "json":
        click.echo(json.dumps([r.summary() for r in results], ensure_ascii=False, indent=2))
    else:
        for result in results:
            verb = _("would write {spec}") if dry_run else _("wrote {spec}")
            echo(verb.format(spec=display(result.target)) + _(" from {source}").format(source=result.source.name))
            echo(_("  placed: {fields}").format(fields=", ".join(sorted(set(result.placed))) or "—"))
            if result.placeholders:
                echo(_("  placeholders to fill: {fields}").format(fields=", ".join(result.placeholders)))
            if result.unplaced:
                echo(_("  kept as written at the end of the file: {count} block(s) with no clear place").format(
                    count=result.unplaced))
    if not dry_run:
        problems = [p for p in load_project(root).problems
                    if any(p.file == display(r.target) or p.file.endswith(f"{r.role_id}.yaml") for r in results)]
        for problem in problems:
            echo(str(problem))


@cli.command("new")
@click.argument("role_id", metavar="ROLE_ID")
@click.option("--extends", "family", metavar="FAMILY", help="A role (usually abstract) the new one inherits from.")
@click.option("--title", help="The role's title (default: a placeholder to replace).")
def new_role(role_id: str, family: str | None, title: str | None) -> None:
    """Write role_specs/ROLE_ID.yaml: a starter spec that validates, with placeholders to replace."""
    import re

    from rolebook.build import unknown_role
    from rolebook.paths import ID_PATTERN
    from rolebook.scaffold import create_role, new_role_text

    root = project_root(Path.cwd())
    if not re.fullmatch(ID_PATTERN, role_id) or len(role_id) > 100:
        raise UsageError(_("'{role_id}' cannot be a role id: use lowercase letters, digits and hyphens "
                           "(sales-manager); it is also the file's name").format(role_id=role_id))
    project = load_project(root)
    inherits = False
    if family:
        known = sorted(set(project.role_files))
        if family not in known:
            raise UsageError("--extends: " + unknown_role(family, known))
        parent = project.roles.get(family)
        inherits = bool(parent and parent.duties)
    path = root / SPECS_DIR / f"{role_id}.yaml"
    text = new_role_text(role_id, project.settings.language, title, family, inherits)
    create_role(path, text)
    echo(_("created {path}").format(path=display(path)))
    problems = [p for p in load_project(root).problems if p.file == display(path)]
    for problem in problems:
        echo(str(problem))
    echo(_("\nNext: fill it in, then\n  rolebook validate {path}\n  rolebook build --role {role_id}").format(
             path=display(path),
             role_id=role_id))


@cli.command()
@click.argument("role_id", metavar="ROLE_ID")
@click.option("--major", "part", flag_value="major", help="1.4.2 → 2.0.0: the role changed in substance.")
@click.option("--minor", "part", flag_value="minor", default=True, help="1.4.2 → 1.5.0 (the default).")
@click.option("--patch", "part", flag_value="patch", help="1.4.2 → 1.4.3: wording, no change in substance.")
@click.option("--effective", metavar="DATE", help="The new version's effective date (YYYY-MM-DD).")
@click.option("-m", "--summary", metavar="TEXT",
              help="What changed, as HR would say it: a new first entry of the role's `changes`.")
@click.option("--status", type=click.Choice(["draft", "approved", "retired"]), default="draft", show_default=True,
              help="The new version's status: a draft until someone approves it.")
def bump(role_id: str, part: str, effective: str | None, summary: str | None, status: str) -> None:
    """Give a role its next version, editing its file in place (comments and layout kept)."""
    from rolebook.build import unknown_role
    from rolebook.bump import bump_file, parse_date

    root = project_root(Path.cwd())
    date = parse_date(effective) if effective else None
    project = load_project(root)
    path = project.role_files.get(role_id)
    if path is None:
        path = root / SPECS_DIR / f"{role_id}.yaml"
        if not path.is_file():
            raise UsageError(unknown_role(role_id, sorted(project.role_files)))
    role = project.roles.get(role_id)
    inherited = role.version if role is not None else None
    bumped = bump_file(path, display(path), part, inherited, date, summary, status,
                       role.status if role is not None else "draft")
    echo(_("{path}: version {none} → {new}, {status}").format(
             path=display(path),
             none=bumped.old or '(none)',
             new=bumped.new,
             status=status)
         + (_(", effective {isoformat}").format(isoformat=date.isoformat()) if date else ""))
    for warning in bumped.warnings:
        echo(_("warning: {warning}").format(warning=warning), err=True)
    for problem in load_project(root).problems:
        if problem.file == display(path):
            echo(str(problem))


@cli.command()
@click.argument("project", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port to listen on (0: any free one).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; anything but this machine's own lets others read the documents.")
@click.option("-j", "--jobs", "workers", type=click.IntRange(min=1), default=None,
              help="Parallel workers for each rebuild (default: the number of CPUs).")
@click.option("--language", metavar="LANG", help="Preview this language (or `bilingual`) of a project of several "
              "(default: the source language).")
def serve(project: Path | None, port: int, host: str, workers: int | None, language: str | None) -> None:
    """Preview the documents in a browser, rebuilt and reloaded as you edit (Ctrl-C stops)."""
    from rolebook.outputs import PREVIEW_KINDS
    from rolebook.serve import serve as run

    root = project_root(project or Path.cwd())
    target, _, kinds = _build_targets(root, language, PREVIEW_KINDS)[0] if language else (None, None, PREVIEW_KINDS)
    run(root, host, port, workers or os.cpu_count() or 1, target, kinds)


class Terminated(Exception):
    """SIGTERM: stop like Ctrl-C does, so that the build's staging folder and workers are cleaned up."""


def _terminate(signum, frame) -> None:
    raise Terminated()


def run() -> None:
    """The `rolebook` command: main(), then the process ends at once. Tearing the interpreter down would
    free, object by object, a loaded project the command is done with (20-30 ms of every command); what the
    command wrote is closed and its output flushed by then, and rolebook registers nothing to run at exit."""
    # A command imports some 450 modules and loads a project: millions of objects made and kept, few cycles.
    # At Python's default threshold (700) the collector ran ~100 times in a one-role build, walking what was
    # kept (15-18 ms); it runs still, a hundred times less often (mypy's command does the same).
    gc.set_threshold(100_000, 20, 20)
    try:
        main()
        code = 0
    except SystemExit as exc:
        if exc.code is not None and not isinstance(exc.code, int):
            raise  # a message to print: Python's own exit prints it
        code = exc.code or 0
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: nothing more can be said
        code = code or 1
    os._exit(code)


def main() -> None:
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    paths.use_projects(sys.argv[1:])
    cli_help.translate(cli)
    try:
        _run()
    finally:
        Memo.save_all()  # what this run learnt (files hashed, terms sorted), for the next


def _run() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2 if exc.exit_code == 2 else exc.exit_code)
    except RolebookError as exc:
        echo(_("rolebook: {value}").format(value=exc), err=True)
        sys.exit(exc.exit_code)
    except OSError as exc:  # the machine refused: a full disk, a read-only folder, permissions
        from rolebook.outputs import os_error

        echo(_("rolebook: {os_error}").format(os_error=os_error(exc)), err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        echo("interrupted", err=True)
        sys.exit(130)
    except Terminated:
        echo("terminated", err=True)
        sys.exit(143)
