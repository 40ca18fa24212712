"""A rolebook project: find it, load settings, library and role specs, and validate them.

`load_project` runs the first half of the pipeline (load → resolve → validate)
and returns every problem of every file along with the roles that are valid.
"""

from __future__ import annotations

import gc
import json
import os
from contextlib import contextmanager
from collections.abc import Mapping as MappingABC
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from rolebook import digests, inputs
from rolebook.cache import Cache, digest, file_bytes, problems_in, problems_out, source_in, source_out
from rolebook.errors import ERROR, WARNING, Problem, Source, sorted_unique
from rolebook.paths import SETTINGS_FILE, SPECS_DIR, display
from rolebook.spec import rules, schema
from rolebook.spec.languages import Languages, Localizer, Target, any_language, convert, missing_problems
from rolebook.spec import facts as role_facts
from rolebook.spec.loader import MAX_FILE_BYTES, Mapping, Sequence, load_file, may_hold_translations
from rolebook.spec.model import LibraryKpi, Role, Settings, Term
from rolebook.spec.resolve import resolve_extends, resolve_uses
from rolebook.spec.shape import lists_of_one
from rolebook.messages import N_, _

LIBRARY_KPIS = "library/kpis.yaml"
LIBRARY_GLOSSARY = "library/glossary.yaml"


@dataclass(frozen=True)
class RoleSummary:
    """What the documents of the whole project (the index, the org chart, the build's keys) need of a role,
    without its model: kept in the cache, so a build of one role reads the others' models only if it must."""

    id: str
    title: str
    abstract: bool
    department: str | None
    grade: str | None
    headcount: int | None
    reports_to: str | None
    extends: str | None
    language: str | None
    has_kpis: bool
    model: str  # the digest of the model as JSON: the build's key of what a document depends on

    @classmethod
    def of(cls, role: Role, dump: str | None = None) -> RoleSummary:
        return cls(role.id, role.title, role.abstract, role.department, role.grade, role.headcount,
                   role.reports_to, role.extends, role.language, bool(role.kpis()),
                   digest(dump if dump is not None else role.model_dump_json()))

    def as_json(self) -> dict:
        return dict(vars(self))


class LazyRoles(MappingABC):
    """Role models by id, each read from the cache when first asked for (`read(role_id)`)."""

    def __init__(self, ids: list[str], read: Callable[[str], Role]):
        self.ids = dict.fromkeys(ids)
        self.read = read
        self.loaded: dict[str, Role] = {}

    def __getitem__(self, role_id: str) -> Role:
        if role_id not in self.loaded:
            if role_id not in self.ids:
                raise KeyError(role_id)
            self.loaded[role_id] = self.read(role_id)
        return self.loaded[role_id]

    def __setitem__(self, role_id: str, role: Role) -> None:
        self.ids[role_id] = None
        self.loaded[role_id] = role

    def __contains__(self, role_id) -> bool:
        return role_id in self.ids

    def __iter__(self):
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class Project:
    root: Path
    settings: Settings = field(default_factory=Settings)
    roles: dict[str, Role] = field(default_factory=dict)  # every valid role, abstract ones too
    role_files: dict[str, Path] = field(default_factory=dict)
    library_kpis: dict[str, LibraryKpi] = field(default_factory=dict)
    library_terms: list[Term] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    version_sources: dict[str, Source] = field(default_factory=dict)  # where each role's version is written
    invalid_roles: set[str] = field(default_factory=set)  # roles with an error of their own
    policies: dict[str, str] = field(default_factory=dict)  # a chapter file as the settings name it → its Markdown
    logo: tuple[str, bytes] | None = None  # (file name, bytes), checked to be an image
    languages: Languages = field(default_factory=lambda: Languages("en", ("en",)))
    target: Target | None = None  # the language the texts were resolved to (None: the source)
    translated: dict[str, tuple[int, int]] = field(default_factory=dict)  # language → (texts lacking, texts)
    label: str | None = None  # the git revision it was loaded from, as files are shown
    findings: dict[str, list[Problem]] = field(default_factory=dict)  # compliance findings by role id
    extends: dict[str, str | None] = field(default_factory=dict)  # each role's family, also when models are not loaded
    models: bool = True  # False: loaded for its problems only (`validate`): `roles` is empty
    _in_languages: dict[str, "Project"] = field(default_factory=dict, repr=False)
    _reports: dict[str, list[str]] | None = field(default=None, repr=False)  # reports_to → its concrete roles
    _summaries: dict[str, RoleSummary] = field(default_factory=dict, repr=False)
    unsaved: Cache | None = field(default=None, repr=False)  # loaded with save_cache=False: saved later

    def save_cache(self) -> None:
        if self.unsaved is not None:
            self.unsaved.save(self.root)
            self.unsaved = None

    def translations(self, role_id: str) -> dict[str, Role]:
        """The role in each translated language (neither source nor derived), for diffs that tell a change
        of one translation apart; loaded from the same files when first asked."""
        found = {}
        for language in self.languages.checked() if self.target is None else ():
            if language not in self._in_languages:
                self._in_languages[language] = load_project(self.root, self.label, language)
            role = self._in_languages[language].roles.get(role_id)
            if role is not None:
                found[language] = role
        return found

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    def concrete_roles(self) -> list[Role]:
        return [self.roles[summary.id] for summary in self.summaries()]

    def summary(self, role_id: str) -> RoleSummary | None:
        """A role's summary: from the cache, or made from its model when first asked for."""
        if role_id not in self._summaries and role_id in self.roles:
            self._summaries[role_id] = RoleSummary.of(self.roles[role_id])
        return self._summaries.get(role_id)

    def summaries(self) -> list[RoleSummary]:
        """The concrete roles' summaries, by id."""
        found = (self.summary(role_id) for role_id in sorted(self.roles))
        return [summary for summary in found if not summary.abstract]

    def report_summaries(self, role_id: str) -> list[RoleSummary]:
        """The concrete roles that report to `role_id`, by id. Indexed when first asked, after loading:
        every document of every role asks, and a scan of all roles each time was quadratic."""
        if self._reports is None:
            self._reports = {}
            for summary in self.summaries():
                if summary.reports_to:
                    self._reports.setdefault(summary.reports_to, []).append(summary)
        return self._reports.get(role_id, [])

    def direct_reports(self, role_id: str) -> list[Role]:
        return [self.roles[report.id] for report in self.report_summaries(role_id)]

    def language_of(self, role: Role) -> str:
        return role.language or self.settings.language

    def labels(self, language: str) -> dict:
        """The labels of documents in `language`, or in both languages of a bilingual build."""
        from rolebook.render.labels import bilingual_labels, labels_for

        return bilingual_labels(*self.target) if isinstance(self.target, tuple) else labels_for(language)


def spec_files(root: Path) -> list[Path]:
    """The role files, by name."""
    return list(listed_specs(root))


def listed_specs(root: Path) -> dict[Path, os.DirEntry]:
    """The role files, by name, with their directory entries. Listed with scandir, whose entries know a
    file from a folder and a link from a file without a stat each, and keep the one stat asked of them
    (3,000 stats and Path comparisons were 50 ms of every command on a large project)."""
    folder = root / SPECS_DIR
    with os.scandir(folder) as entries:
        found = sorted((entry.name, entry) for entry in entries
                       if os.path.splitext(entry.name)[1] in (".yaml", ".yml") and entry.is_file())
    return {folder / name: entry for name, entry in found}


def _inside_files(root: Path, files: list[Path] | dict[Path, os.DirEntry], problems: list[Problem],
                  show) -> list[Path]:
    """The files that stay inside the project; a link out of it is a problem naming both paths. A file that
    is no link, in a folder that really is inside, is inside: only links and their folders are resolved.
    `files` may be listed_specs(): their entries say which are links."""
    kept = []
    real_root = root.resolve()
    folders: dict[str, bool] = {}  # by the folder's name as text: a Path's parent is a new Path each time
    entries = files if isinstance(files, dict) else {}
    for path in files:
        folder = os.path.dirname(path)
        if folder not in folders:
            folders[folder] = path.parent.resolve().is_relative_to(real_root)
        entry = entries.get(path)
        if folders[folder] and not (entry.is_symlink() if entry is not None else path.is_symlink()):
            kept.append(path)
            continue
        problem = inputs.outside_problem(path, root, Source(show(path), 1, 1), N_("the file"))
        if problem:
            problems.append(problem)
        else:
            kept.append(path)
    return kept


def load_project(root: Path, label: str | None = None, language: Target | None = None,
                 problems_only: bool = False, save_cache: bool = True) -> Project:
    """Load and check a project. With a label (a git revision), files show as `label:role_specs/x.yaml`.

    Texts are in `language` (a pair: both, for a bilingual document); by default in the source language,
    and then every language's missing translations are reported. `problems_only` (validate): the roles'
    models are not kept, and what checking each role found comes from the cache (rolebook/cache.py) when
    the role and what it depends on are unchanged. `save_cache=False`: the caller saves it, with
    `project.save_cache()`, when it has time (the preview, after showing the edit)."""
    with collector_paused():
        return _Loader(root, label, language, problems_only, save_cache).load()


@contextmanager
def collector_paused():
    """Loading makes many small objects and no garbage cycles; Python's cycle collector, which
    would walk them all again and again, only slowed it down (profiled: 40% of the time). Nested, the
    outermost pause decides when it runs again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Loader:
    """Loads one project; holds the trees that later steps need for positions."""

    def __init__(self, root: Path, label: str | None = None, language: Target | None = None,
                 problems_only: bool = False, save_cache: bool = True):
        self.project = Project(root=root, label=label, models=not problems_only)
        self.save_cache = save_cache
        self.cache: Cache | None = None
        self.digests = digests.for_project(self.project.root)
        self.shown: dict[Path, str] = {}
        self.label = label
        self.target = language
        self.localizer: Localizer | None = None  # set once the settings say which languages there are
        self.counter: Localizer | None = None  # counts every language's missing translations (no target given)
        self.settings_tree: Any = None
        self.library_trees: dict[str, Mapping] = {}
        self.unreadable_kpis: set[str] = set()  # library KPIs with problems of their own ("*": the whole file)
        self.unreadable_roles: set[str] = set()  # role files that did not parse, by file stem
        self.term_sources: list[rules.TermAt] = []

    @property
    def problems(self) -> list[Problem]:
        return self.project.problems

    def show(self, path: Path) -> str:
        """A file as problems name it (remembered: every role's file is named several times)."""
        if path not in self.shown:
            self.shown[path] = display(path) if self.label is None else \
                f"{self.label}:{path.relative_to(self.project.root).as_posix()}"
        return self.shown[path]

    def load(self) -> Project:
        self.load_settings()
        self.load_library()
        self.cache = self.open_cache()
        self.load_roles()
        if self.cache is not None and self.save_cache:
            self.cache.save(self.project.root)
        self.project.unsaved = None if self.save_cache else self.cache
        if self.counter is not None:
            self.problems.extend(missing_problems(self.counter.missing, self.project.languages.source))
            texts = self.counter.missing.texts
            self.project.translated = {tag: (len(self.counter.missing.at.get(tag, [])), texts)
                                       for tag in self.counter.report}
        self.project.problems = sorted_unique(self.project.problems)
        return self.project

    def localized(self, tree: Any, model, source: str | None = None) -> Any:
        """A tree's texts in the target language; without a target, also counted for every language."""
        file = getattr(tree, "source", Source("", 0, 0)).file
        if self.counter is not None and (self.counter.report or may_hold_translations(file)):
            self.counter.count(tree, model, source)
        if self.localizer is None or (self.language == (source or self.project.languages.source)
                                      and not isinstance(self.target, tuple)
                                      and not may_hold_translations(file)):
            return tree  # plain texts in the language wanted: nothing to resolve (most projects)
        return self.localizer.tree(tree, model, source)

    def load_settings(self) -> None:
        path = self.project.root / SETTINGS_FILE
        if not path.exists() or not _inside_files(self.project.root, [path], self.problems, self.show):
            return
        tree, problems = load_file(path, self.show(path))
        self.problems.extend(problems)
        if tree is None:
            return
        tree = lists_of_one(tree, Settings)
        settings, problems, _damaged = schema.check(any_language(tree, Settings), Settings)
        if settings is None:
            self.problems.extend(problems)
            return
        self.start_languages(settings, schema.source_of(tree, ("languages",)))
        tree = self.localized(tree, Settings, settings.language)
        settings, problems, _damaged = schema.check(tree, Settings)
        self.problems.extend(problems)
        if settings is None:
            return
        if self.project.languages.several or self.language != settings.language:
            settings = settings.model_copy(update={"language": self.language})
        self.project.settings = settings
        self.settings_tree = tree
        for part in ("front", "policies", "back"):
            for i, name in enumerate(getattr(settings.handbook, part)):
                self.load_policy(name, schema.source_of(tree, ("handbook", part, i)))
        if settings.branding.logo:
            self.load_logo(settings.branding.logo, schema.source_of(tree, ("branding", "logo")))

    def start_languages(self, settings: Settings, where: Source) -> None:
        languages = Languages.of(settings)
        self.project.languages = languages
        self.problems.extend(language_problems(settings, where))
        if self.target is None and languages.built != (languages.source,) and not languages.several:
            self.target = languages.built[0]  # the one language built is not the source: a derived one
        target = self.target if self.target is not None else languages.source
        self.project.target = self.target
        self.localizer = Localizer(languages, target)
        if self.target is None:
            self.counter = Localizer(languages, languages.source, tuple(languages.checked()))

    @property
    def language(self) -> str:
        """The language documents are written in: the target's, the first of a bilingual pair."""
        target = self.target if self.target is not None else self.project.languages.source
        return target[0] if isinstance(target, tuple) else target

    def file_problem(self, name: str, where: Source, what: str) -> Problem | None:
        root = self.project.root
        target = root / name
        if Path(name).is_absolute() or ".." in Path(name).parts:
            return Problem.at(where, "unknown-ref", _("{what} '{name}' lies outside the project").format(
                                                        what=_(what),
                                                        name=name))
        problem = inputs.outside_problem(target, root, where, what)
        if problem:
            return problem
        if not target.is_file():
            return Problem.at(where, "unknown-ref", _("{what} '{name}' does not exist").format(what=_(what), name=name))
        return None

    def load_policy(self, name: str, where: Source) -> None:
        problem = self.file_problem(name, where, N_("policy chapter"))
        if problem:
            self.problems.append(problem)
            return
        path = self.project.root / name
        text, problems = inputs.read_markdown(path, self.show(path))
        self.problems.extend(problems)
        if text is not None:
            self.project.policies[name] = self.policy_in(name, text, where)

    def policy_in(self, name: str, text: str, where: Source) -> str:
        """A policy chapter in the target language: its translation `x.<lang>.md` beside `x.md` when there
        is one, else converted for a derived language, else the source text (and a missing translation)."""
        languages = self.project.languages
        wanted = languages.checked() if self.target is None else [self.language]
        for language in wanted:
            translation = self.translated_policy(name, language)
            if language != self.language:
                if translation is None and language in languages.checked():
                    beside = Path(name).with_name(f"{Path(name).stem}.{language}{Path(name).suffix}").as_posix()
                    message = _("no {language} text of '{name}' (write it as {beside}): the {language2} handbook "
                                "shows the source text").format(language=language, name=name, beside=beside,
                                                                 language2=language)
                    self.problems.append(Problem.at(where, "missing-translation", message, WARNING))
                continue
            if translation is not None:
                return translation
            if language in languages.derived:
                base, config = languages.derived[language]
                return convert(config, text if base == languages.source else
                               self.translated_policy(name, base) or text)
        return text

    def translated_policy(self, name: str, language: str) -> str | None:
        if language == self.project.languages.source:
            return None
        path = self.project.root / Path(name).with_name(f"{Path(name).stem}.{language}{Path(name).suffix}")
        if not path.is_file() or inputs.outside_problem(path, self.project.root, Source(self.show(path), 1, 1),
                                                        N_("the file")):
            return None
        text, problems = inputs.read_markdown(path, self.show(path))
        self.problems.extend(problems)
        return text

    def load_logo(self, name: str, where: Source) -> None:
        problem = self.file_problem(name, where, N_("logo"))
        if problem:
            self.problems.append(problem)
            return
        path = self.project.root / name
        try:
            data = path.read_bytes() if path.stat().st_size <= inputs.MAX_IMAGE_BYTES else b"\0" * (
                inputs.MAX_IMAGE_BYTES + 1)
        except OSError as exc:
            self.problems.append(Problem.at(where, "bad-file", _("cannot read logo '{name}': {strerror}").format(
                                                                   name=name,
                                                                   strerror=exc.strerror)))
            return
        message = inputs.image_problem(data, name)
        if message:
            self.problems.append(Problem.at(where, "bad-file", message))
        else:
            self.project.logo = (f"logo.{inputs.image_kind(data)}", data)

    def load_list(self, relative: str) -> Sequence | None:
        path = self.project.root / relative
        if not path.exists() or not _inside_files(self.project.root, [path], self.problems, self.show):
            return None
        tree, problems = load_file(path, self.show(path))
        self.problems.extend(problems)
        if isinstance(tree, Mapping):  # one item: a list of one
            items = Sequence(tree.source)
            items.add(tree, tree.source)
            tree = items
        if tree is not None and not isinstance(tree, Sequence):
            where = getattr(tree, "source", Source(self.show(path), 1, 1))
            self.problems.append(Problem.at(where, "type",
                                            _("{relative} must be a list, found {tree}").format(
                                                relative=relative,
                                                tree=schema.describe(tree))))
            return None
        return tree

    def load_library(self) -> None:
        known = len(self.problems)
        kpis = self.load_list(LIBRARY_KPIS)
        if kpis is None and len(self.problems) > known:
            self.unreadable_kpis.add("*")
        for i, item in enumerate(kpis or []):
            item = self.localized(lists_of_one(item, LibraryKpi), LibraryKpi)
            kpi, problems, damaged = schema.check(item, LibraryKpi)
            self.problems.extend(problems)
            if kpi is None:
                if isinstance(item, Mapping) and isinstance(item.get("id"), str):
                    self.unreadable_kpis.add(item["id"])
                continue
            problem = rules.bad_id(kpi.id, schema.source_of(kpis, (i, "id")))
            if problem:
                self.problems.append(problem)
            if kpi.id in self.project.library_kpis:
                self.problems.append(Problem.at(schema.source_of(kpis, (i, "id")), "duplicate-id",
                                                _("library KPI id '{kpi_id}' is used twice").format(kpi_id=kpi.id)))
                continue
            for message in rules.threshold_faults(kpi) if ("direction",) not in damaged else ():
                self.problems.append(Problem.at(schema.source_of(kpis, (i, "thresholds")),
                                                "thresholds-order", message))
            self.project.library_kpis[kpi.id] = kpi
            self.library_trees[kpi.id] = item
        terms = self.load_list(LIBRARY_GLOSSARY)
        for i, item in enumerate(terms or []):
            term, problems, _damaged = schema.check(self.localized(item, Term), Term)
            self.problems.extend(problems)
            if term is not None:
                self.project.library_terms.append(term)
                self.term_sources.append(rules.TermAt(term, schema.source_of(terms, (i, "term"))))

    def read_tree(self, path: Path) -> tuple[str | None, Mapping | None, list[Problem]]:
        """One role file as a tree in the target language: (its role id, the tree, the file's problems);
        the tree is None when the file does not hold a role (then `unreadable_roles` has its stem)."""
        shown = self.show(path)
        tree, problems = load_file(path, shown)
        if tree is None or not isinstance(tree, Mapping):
            self.unreadable_roles.add(path.stem)  # what refers to it is not reported again
        if tree is None:
            if not problems:
                problems.append(Problem.at(Source(shown, 1, 1), "missing-field",
                                           _("the file is empty; a role needs at least an id and a title")))
            return None, None, problems
        if not isinstance(tree, Mapping):
            where = getattr(tree, "source", Source(shown, 1, 1))
            problems.append(Problem.at(where, "type", _("a role spec must be a mapping, found {tree}").format(
                                                          tree=schema.describe(tree))))
            return None, None, problems
        tree = lists_of_one(tree, Role)
        own = tree.get("language")
        tree = self.localized(tree, Role, own if isinstance(own, str) else None)
        return (tree.get("id") if isinstance(tree.get("id"), str) else path.stem), tree, problems

    def duplicate(self, role_id: str, where: Source) -> Problem:
        other = self.show(self.project.role_files[role_id])
        return Problem.at(where, "duplicate-id", _("role id '{role_id}' is also used by {other}").format(
                                                     role_id=role_id,
                                                     other=other))

    def load_trees(self) -> tuple[dict[str, Mapping], dict[str, str]]:
        trees: dict[str, Mapping] = {}
        stems: dict[str, str] = {}
        for path in _inside_files(self.project.root, spec_files(self.project.root), self.problems, self.show):
            role_id, tree, problems = self.read_tree(path)
            self.problems.extend(problems)
            if tree is None:
                continue
            if role_id in trees:
                self.problems.append(self.duplicate(role_id, schema.source_of(tree, ("id",))))
                continue
            trees[role_id] = tree
            stems[role_id] = path.stem
            self.project.role_files[role_id] = path
        return trees, stems

    def check_one(self, role_id: str, tree: Mapping, stem: str, broken: bool):
        """One role, merged with its family: (the role or None, its check or None, its problems)."""
        tree, problems = resolve_uses(tree, self.library_trees, frozenset(self.unreadable_kpis))
        role, found, damaged = schema.check(tree, Role, skip_missing=broken)
        problems += found
        check = None
        if role is not None:
            check = rules.RoleCheck(role, tree, self.show(self.project.role_files[role_id]), stem, damaged, broken)
            problems += rules.check_role(check)
            problems += rules.extra_fields({role_id: check}, self.project.settings.fields)
        return role, check, problems

    def keep(self, role_id: str, role: Role | None, problems: list[Problem], broken: bool) -> Role | None:
        """Record a checked role's problems; the role in the language being built, or None."""
        self.problems.extend(problems)
        if role is None or broken or any(p.severity == ERROR for p in problems):
            self.project.invalid_roles.add(role_id)
        if role is None:
            return None
        if self.project.languages.several or self.language != self.project.languages.source:
            role = role.model_copy(update={"language": self.language})  # each role in the language being built
        self.project.roles[role_id] = role
        self.project.extends[role_id] = role.extends
        return role

    def load_roles(self) -> None:
        if self.cache is not None:
            return self.load_roles_cached()
        trees, stems = self.load_trees()
        unreadable = frozenset(self.unreadable_roles - set(trees))
        self.project.invalid_roles |= unreadable  # a file that does not parse is a role with errors, not no role
        merged, problems, broken = resolve_extends(trees, unreadable)
        self.problems.extend(problems)
        checks: dict[str, rules.RoleCheck] = {}
        for role_id, tree in merged.items():
            role, check, problems = self.check_one(role_id, tree, stems[role_id], role_id in broken)
            if self.keep(role_id, role, problems, role_id in broken) is None:
                continue
            checks[role_id] = check
            self.project.version_sources[role_id] = check.own(("version",), ("id",))
        self.check_across(checks, set(trees) | unreadable)
        self.check_compliance(checks)

    # --- with the cache (validate) ---------------------------------------------------------------

    def open_cache(self) -> Cache | None:
        """The cache, when the project is checked for its problems in its one language from its files:
        a revision (a label), another target or translations to count are checked from scratch."""
        project = self.project
        if self.label is not None or self.target is not None or project.languages.checked() \
                or project.languages.several:
            return None
        from rolebook.cache import package_stamp

        root = project.root
        inputs_ = [file_bytes(root / name) or b"" for name in (SETTINGS_FILE, LIBRARY_KPIS, LIBRARY_GLOSSARY)]
        return Cache(root, digest(package_stamp(), *inputs_))

    def file_facts(self, path: Path, trees: dict, entry: os.DirEntry | None = None) -> dict:
        """A role file's id, family and parse problems: from the cache by the digest of its bytes, else read
        (the tree is kept in `trees` for checking). `entry`: the file's, from listed_specs()."""
        memo = self.digests
        try:
            stat = entry.stat() if entry is not None else path.stat()
            key = memo.digest(path, stat) if stat.st_size <= MAX_FILE_BYTES else None
        except OSError:
            key = None
        found = self.cache.file(key) if key else None
        if found is None:
            role_id, tree, problems = self.read_tree(path)
            trees[path] = (role_id, tree)
            found = {"ok": tree is not None, "id": role_id,
                     "id_at": list(schema.source_of(tree, ("id",))[1:]) if tree is not None else None,
                     "extends": tree.get("extends") if tree is not None and isinstance(tree.get("extends"), str)
                     else None,
                     "problems": [row[1:] for row in problems_out(problems)]}
            if key:
                self.cache.put_file(key, found)
        elif not found["ok"]:
            self.unreadable_roles.add(path.stem)
        shown = self.show(path)
        self.problems.extend(problems_in([[shown, *row] for row in found["problems"]]))
        return dict(found, digest=key)

    def role_key(self, path: Path, facts: dict[Path, dict], registered: dict[str, Path],
                 unreadable: frozenset) -> tuple[str | None, list[Path]]:
        """The key of a role's result (its file and its family chain's files) and that chain."""
        parts, chain, seen = [self.show(path), facts[path]["digest"] or ""], [], {facts[path]["id"]}
        parent = facts[path]["extends"]
        while parent is not None:
            if parent in seen or parent not in registered:
                parts.append(f"{'loop' if parent in seen else 'unreadable' if parent in unreadable else 'none'}:"
                             f"{parent}")
                break
            seen.add(parent)
            chain.append(registered[parent])
            parts += [self.show(registered[parent]), facts[registered[parent]]["digest"] or ""]
            parent = facts[registered[parent]]["extends"]
        return (digest(*parts) if all(facts[p]["digest"] for p in [path, *chain]) else None), chain

    def load_roles_cached(self) -> None:
        project, root = self.project, self.project.root
        listed = listed_specs(root)
        files = _inside_files(root, listed, self.problems, self.show)
        trees: dict[Path, tuple] = {}
        facts = {path: self.file_facts(path, trees, listed[path]) for path in files}
        registered: dict[str, Path] = {}
        for path in files:
            found = facts[path]
            if not found["ok"]:
                continue
            if found["id"] in registered:
                self.problems.append(self.duplicate(found["id"], Source(self.show(path), *found["id_at"])))
                continue
            registered[found["id"]] = path
            project.role_files[found["id"]] = path
        unreadable = frozenset(self.unreadable_roles - set(registered))
        project.invalid_roles |= unreadable
        keys, entries, todo, chains = {}, {}, [], {}
        for role_id, path in registered.items():
            keys[role_id], chains[role_id] = self.role_key(path, facts, registered, unreadable)
            entry = self.cache.role(keys[role_id]) if keys[role_id] else None
            if entry is None or (project.models and entry["facts"] is not None and "summary" not in entry):
                todo.append(role_id)  # a build needs the model that `validate` did not keep
            else:
                entries[role_id] = entry
        models: dict[str, Role] = {}
        entries.update(self.checked_entries(todo, chains, registered, trees, unreadable, keys, models))
        if project.models:
            summaries = {role_id: RoleSummary(**entries[role_id]["summary"]) for role_id in registered
                         if entries[role_id].get("summary")}
            project.roles = LazyRoles(list(summaries), lambda role_id: self.cached_model(
                summaries[role_id], registered, trees, unreadable))
            project.roles.loaded.update(models)
            project._summaries = summaries
        for role_id in registered:
            entry = entries[role_id]
            self.problems.extend(problems_in(entry["problems"]))
            project.extends[role_id] = facts[registered[role_id]]["extends"]
            if entry["invalid"]:
                project.invalid_roles.add(role_id)
            if entry["findings"]:
                project.findings[role_id] = sorted_unique(problems_in(entry["findings"]))
            if entry["facts"] is not None:
                project.version_sources[role_id] = source_in(entry["version"])
        self.check_across_cached({role_id: entries[role_id] for role_id in registered}, set(registered) | unreadable)

    def checked_entries(self, todo: list[str], chains: dict, registered: dict[str, Path], trees: dict,
                        unreadable: frozenset, keys: dict, models: dict[str, Role]) -> dict[str, dict]:
        """Check the roles without a cached result (with their families), and cache what each found; the
        models made go to `models`."""
        wanted = {role_id: registered[role_id] for role_id in todo}
        for role_id in todo:
            wanted.update({self.role_of(path, trees): path for path in chains[role_id]})
        subset = {role_id: self.tree_of(path, trees) for role_id, path in wanted.items()}
        merged, resolving, broken = resolve_extends(subset, unreadable)
        found: dict[str, dict] = {}
        checks = {}
        for role_id in todo:
            shown = self.show(registered[role_id])
            role, check, problems = self.check_one(role_id, merged[role_id], registered[role_id].stem,
                                                   role_id in broken)
            problems = [p for p in resolving if p.file == shown] + problems
            invalid = role is None or role_id in broken or any(p.severity == ERROR for p in problems)
            found[role_id] = {"problems": problems, "invalid": invalid, "findings": [], "facts": None,
                              "version": None}
            if check is not None:
                checks[role_id] = check
                models[role_id] = role
                terms = [term.term for term in role.glossary]
                for path in chains[role_id]:  # the ancestors': a term of theirs may be mentioned here only
                    terms += role_facts.tree_terms(merged.get(self.role_of(path, trees)))
                text = json.dumps(role_facts.to_json(role_facts.of_check(check, terms)), ensure_ascii=False,
                                  sort_keys=True, separators=(",", ":"))
                found[role_id].update(facts=text, facts_key=digest(text),
                                      version=source_out(check.own(("version",), ("id",))))
                if self.project.models:  # what a build needs; `validate` saves the time
                    dump = role.model_dump_json()
                    summary = RoleSummary.of(role, dump)
                    self.cache.put_model(summary.model, dump)
                    found[role_id]["summary"] = summary.as_json()
        settings_problems, by_role, allow_problems = self.settings_compliance(checks)
        self.problems.extend(settings_problems)
        for role_id, entry in found.items():
            findings = by_role.get(role_id, [])
            entry["problems"] = problems_out(entry["problems"] + findings + allow_problems.get(role_id, []))
            entry["findings"] = problems_out(findings)
            entry["invalid"] = entry["invalid"] or any(p.severity == ERROR for p in findings)
            if keys[role_id]:
                self.cache.put_role(keys[role_id], entry)
        return found

    def settings_compliance(self, checks: dict) -> tuple[list[Problem], dict, dict]:
        """The compliance check of the roles checked now; the settings' own findings (rolebook.yaml's posting
        texts) depend on the settings alone: cached under the environment's key when no role is checked."""
        key = digest("settings-compliance")
        entry = self.cache.role(key) if not checks else None
        if entry is not None:
            return problems_in(entry["problems"]), {}, {}
        problems, by_role, allow_problems = self.compliance(checks)
        self.cache.put_role(key, {"problems": problems_out(problems)})
        return problems, by_role, allow_problems

    def cached_model(self, summary: RoleSummary, registered: dict[str, Path], trees: dict,
                     unreadable: frozenset) -> Role:
        """A role's model from the cache; when its file there is missing or damaged, the role checked again."""
        dump = self.cache.model(summary.model)
        if dump is not None:
            try:
                return Role.model_validate_json(dump)
            except ValueError:
                pass
        path = registered[summary.id]
        chain = [registered[summary.id]]
        while (parent := self.tree_of(chain[-1], trees).get("extends")) in registered and \
                registered[parent] not in chain:
            chain.append(registered[parent])
        subset = {self.role_of(p, trees): self.tree_of(p, trees) for p in chain}
        merged, _problems, broken = resolve_extends(subset, unreadable)
        role, _check, _found = self.check_one(summary.id, merged[summary.id], path.stem, summary.id in broken)
        return role

    def role_of(self, path: Path, trees: dict) -> str:
        return self.tree_and_id(path, trees)[0]

    def tree_of(self, path: Path, trees: dict) -> Mapping:
        return self.tree_and_id(path, trees)[1]

    def tree_and_id(self, path: Path, trees: dict) -> tuple[str, Mapping]:
        if path not in trees:
            role_id, tree, _problems = self.read_tree(path)  # its problems came with its cached facts
            trees[path] = (role_id, tree)
        return trees[path]

    def check_across_cached(self, entries: dict[str, dict], known: set[str]) -> None:
        """The rules across roles on the cached entries' facts; their problems cached in turn, under the
        digests of every role's facts (in the roles' order) and the ids known: an edit of a title, a task or
        a KPI changes no role's facts, and the rules then cost no more than reading that one entry."""
        with_facts = [(role_id, entry) for role_id, entry in entries.items() if entry["facts"] is not None]
        key = digest("across", *sorted(known), "",
                     *(f"{role_id}:{entry['facts_key']}" for role_id, entry in with_facts))
        cached = self.cache.role(key)
        if cached is not None:
            self.problems.extend(problems_in(cached["problems"]))
            return
        before = len(self.problems)
        checks = {role_id: role_facts.from_json(json.loads(entry["facts"])) for role_id, entry in with_facts}
        self.check_across(checks, known)
        self.cache.put_role(key, {"problems": problems_out(self.problems[before:])})

    def check_across(self, checks: dict, known: set[str]) -> None:
        """The rules across roles, on checks or on their cached facts (spec/facts.py)."""
        self.problems.extend(rules.reports_to(checks, known))
        self.problems.extend(rules.reports_cycle(checks))
        self.problems.extend(rules.career_refs(checks, known))
        self.problems.extend(rules.grade_ladder(checks, self.project.settings.job_grades))
        self.problems.extend(rules.unused_terms(checks))
        term_sources = list(self.term_sources)
        for check in checks.values():
            term_sources += [rules.RoleTermAt(term, check, t) for t, term in enumerate(check.role.glossary)]
        self.problems.extend(rules.glossary_conflicts(term_sources))
        self.check_handbook_roles(known)

    def compliance(self, checks: dict[str, rules.RoleCheck]):
        """What roles ask of candidates and what their postings hold, against the project's jurisdictions:
        (the settings' problems, each role's findings, each role's problems with its allow list)."""
        from rolebook.compliance import check_project

        files = {self.show(path): path for path in self.project.role_files.values()}
        files[self.show(self.project.root / SETTINGS_FILE)] = self.project.root / SETTINGS_FILE

        def read(shown: str) -> Path | None:
            return files.get(shown) if self.label is None else None  # a revision's files are not on disk

        return check_project(checks, self.project.settings, self.settings_tree,
                             self.show(self.project.root / SETTINGS_FILE),
                             lambda role: self.project.language_of(role), read)

    def check_compliance(self, checks: dict[str, rules.RoleCheck]) -> None:
        problems, by_role, allow_problems = self.compliance(checks)
        self.problems.extend(problems)
        for role_id, found in by_role.items():
            self.record_findings(role_id, found, allow_problems[role_id])

    def record_findings(self, role_id: str, found: list[Problem], allow_problems: list[Problem]) -> None:
        self.problems.extend(found + allow_problems)
        if found:
            self.project.findings[role_id] = sorted_unique(found)
        if any(p.severity == ERROR for p in found):
            self.project.invalid_roles.add(role_id)

    def check_handbook_roles(self, known: set[str]) -> None:
        for i, role_id in enumerate(self.project.settings.handbook.roles or []):
            if role_id not in known:
                where = schema.source_of(self.settings_tree, ("handbook", "roles", i))
                self.problems.append(Problem.at(where, "unknown-ref",
                                                _("handbook role '{role_id}' is not a role in this "
                                                  "project").format(role_id=role_id)
                                                + schema.did_you_mean(role_id, known)))


def read_languages(root: Path) -> Languages:
    """The languages rolebook.yaml asks for (its problems are reported when the project is loaded)."""
    path = root / SETTINGS_FILE
    if path.is_file() and not inputs.outside_problem(path, root, Source(SETTINGS_FILE, 1, 1), N_("the file")):
        tree, _problems = load_file(path, SETTINGS_FILE)
        if isinstance(tree, Mapping):
            tree = any_language(lists_of_one(tree, Settings), Settings)
            settings, _problems, _damaged = schema.check(tree, Settings)
            if settings is not None:
                return Languages.of(settings)
    return Languages.of(Settings())


def language_problems(settings: Settings, where: Source) -> list[Problem]:
    """The languages of rolebook.yaml agree: what is derived or bilingual is built, two bilingual languages."""
    problems = []
    built = set(settings.languages or [settings.language])
    for tag, rule in settings.derive.items():
        base = rule.from_ or settings.language
        if base in settings.derive:
            problems.append(Problem.at(where, "unknown-ref", _("{tag} is derived from {base}, itself "
                                                               "derived: derive it from {language}").format(
                                                                 tag=tag,
                                                                 base=base,
                                                                 language=settings.language)))
        if base != settings.language and base not in built:
            problems.append(Problem.at(where, "unknown-ref", _("{tag} is derived from {base}, which is "
                                                               "not one of the languages").format(
                                                                 tag=tag,
                                                                 base=base)))
    if settings.bilingual and len(settings.bilingual) != 2:
        problems.append(Problem.at(where, "type", _("bilingual needs two languages, found {bilingual}").format(
                                                      bilingual=len(settings.bilingual))))
    return problems

