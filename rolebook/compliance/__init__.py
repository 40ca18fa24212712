"""Compliance: whether what a role asks of candidates, and its posting, is lawful and inclusive.

    data/languages/*.yaml      word lists per language (restrictions, coded words, gendered titles)
    data/jurisdictions/*.yaml  what each jurisdiction's law asks of a posting, with sources
    rulebook.py                those files and rolebook.yaml's `compliance:` merged into the project's rules
    text.py                    texts as the rules read them; a finding's exact file:line:column
    checks.py                  one check per code
    this module                which texts of a role are read, and a role's `compliance.allow`

Findings are Problems like any other rule's: warnings unless `compliance.rules` makes a code an error.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, Iterator

from rolebook.compliance.checks import CODES, Checker, PostingLaws
from rolebook.compliance.rulebook import lexicon_for, rulebook
from rolebook.compliance.text import Locator, Passage, normalised
from rolebook.errors import Problem
from rolebook.messages import _
from rolebook.spec.model import Compliance, Settings
from rolebook.spec.schema import did_you_mean, source_of

__all__ = ["CODES", "check_project"]


def role_passages(check) -> list[Passage]:
    """The texts of a role that a candidate reads: title, summary, duties, requirements, conditions, its
    posting's benefits; each with where it stands."""
    role = check.role
    found: list[Passage] = []

    def add(kind: str, text: Any, *path: Any) -> None:
        if isinstance(text, str) and text.strip():
            found.append(Passage(path, text, functools.partial(check.at, *path), kind))

    add("title", role.title, "title")
    add("posting", role.summary, "summary")
    for i, duty in enumerate(role.duties):
        add("posting", duty.title, "duties", i, "title")
        add("duty", duty.description, "duties", i, "description")
        for j, task in enumerate(duty.daily_tasks):
            add("duty", task, "duties", i, "daily_tasks", j)
    needs = role.requirements
    if needs is not None:
        for name in ("education", "major", "experience"):
            add("posting", getattr(needs, name), "requirements", name)
        for name in ("certificates", "languages"):
            for j, item in enumerate(getattr(needs, name)):
                add("posting", item, "requirements", name, j)
        for j, skill in enumerate(needs.skills):
            if isinstance(skill, str):
                add("posting", skill, "requirements", "skills", j)
            else:
                add("posting", skill.name, "requirements", "skills", j, "name")
        for j, competency in enumerate(needs.competencies):
            add("posting", competency.name, "requirements", "competencies", j, "name")
            add("posting", competency.description, "requirements", "competencies", j, "description")
    add("posting", role.working_conditions, "working_conditions")
    for j, benefit in enumerate(role.posting.benefits if role.posting else []):
        add("posting", benefit, "posting", "benefits", j)
    return found


def settings_passages(settings: Settings, tree: Any) -> list[Passage]:
    """rolebook.yaml's posting texts, shared by every posting."""
    posting = settings.posting
    if posting is None:
        return []
    texts = [(("posting", "about"), posting.about), (("posting", "statement"), posting.statement),
             (("posting", "apply"), posting.apply)]
    texts += [(("posting", "benefits", j), benefit) for j, benefit in enumerate(posting.benefits)]
    return [Passage(path, text, functools.partial(source_of, tree, path), "posting") for path, text in texts if text]


def graduate_role(role, passages: list[Passage], language: str) -> bool:
    """A role meant for graduates (an internship, a 管培生 or graduate programme), where 应届 is the point."""
    lexicon = lexicon_for(language)
    pattern, asking = lexicon.graduate_roles, lexicon.graduate_coded
    if role.employment_type == "intern":
        return True
    heads = [p for p in passages if p.path[0] in ("title", "summary")]
    # a summary asking for "recent graduates" does not make the role a graduate role: it silenced its own finding
    texts = [asking.sub(" ", normalised(p.text)) if asking else normalised(p.text) for p in heads]
    return pattern is not None and any(pattern.search(text) for text in texts)


def check_project(checks: dict[str, Any], settings: Settings, settings_tree: Any, settings_file: str,
                  language_of: Callable, read: Callable) -> tuple[list[Problem], dict[str, list[Problem]],
                                                                  dict[str, list[Problem]]]:
    """The project's problems with its `compliance:` settings; every role's findings (each role's own, after
    its `compliance.allow`); and each role's problems with that list. `read` finds the file of a display
    path."""
    book, unknown = rulebook(settings.compliance, settings.language)
    problems = list(settings_problems(settings, settings_tree, settings_file, unknown))
    locator = Locator(read)
    checker = Checker(book, locator)
    laws = PostingLaws(checker)
    shared = settings_passages(settings, settings_tree)
    problems += checker.discriminatory(shared)
    problems += checker.biased(shared, settings.language, graduate_role=False, lean_too=False)
    problems += laws.pay_history(shared)
    by_role: dict[str, list[Problem]] = {}
    allow_problems: dict[str, list[Problem]] = {}
    posted: dict[tuple[str, ...], tuple[Checker, PostingLaws, list[str]]] = {}  # a role's own jurisdictions
    for role_id, check in checks.items():
        own = check.role.compliance.jurisdictions if check.role.compliance else None
        role_checker, role_laws, role_unknown = checker, laws, []
        if own is not None:
            if tuple(own) not in posted:
                compliance = (settings.compliance or Compliance()).model_copy(update={"jurisdictions": list(own)})
                role_book, missing = rulebook(compliance, settings.language)
                role_checker = Checker(role_book, locator)
                posted[tuple(own)] = (role_checker, PostingLaws(role_checker), missing)
            role_checker, role_laws, role_unknown = posted[tuple(own)]
        role_checker.claimed = []
        passages = role_passages(check)
        found = list(role_findings(check, passages, role_checker, role_laws, language_of(check.role), settings))
        by_role[role_id], allow_problems[role_id] = allow(check, found)
        allow_problems[role_id] += unknown_jurisdictions(check, own or [], role_unknown, settings)
    return problems, by_role, allow_problems


def unknown_jurisdictions(check, codes: list[str], unknown: list[str], settings: Settings) -> Iterator[Problem]:
    """A role's `compliance.jurisdictions` naming a jurisdiction nobody defines."""
    from rolebook.compliance.rulebook import shipped_codes

    known = set(shipped_codes()) | set(settings.compliance.define if settings.compliance else {})
    for i, code in enumerate(codes):
        if code in unknown:
            yield Problem.at(check.at("compliance", "jurisdictions", i), "unknown-ref", _(
                "jurisdiction '{code}' is not one rolebook knows; define it under compliance.define, or use one "
                "of {known}").format(code=code, known=", ".join(sorted(known))) + did_you_mean(code, known))


def role_findings(check, passages: list[Passage], checker: Checker, laws: PostingLaws, language: str,
                  settings: Settings) -> Iterator[Problem]:
    role = check.role
    title = next((p for p in passages if p.kind == "title"), None)
    yield from checker.gendered_title(title)
    texts = [p for p in passages if p.kind != "title"] + ([title] if title else [])
    yield from checker.discriminatory(texts)
    posting = [p for p in passages if p.kind in ("title", "posting")]
    yield from checker.biased(posting, language, graduate_role(role, passages, language))
    if role.abstract:
        return  # a family's posting laws are judged in the roles that are posted
    where = check.own(("salary",), ("id",))
    yield from laws.pay_range(role, where)
    yield from laws.benefits(role, settings.posting, check.own(("posting",), ("id",)))
    yield from laws.closing_date(role, check.own(("posting",), ("id",)))
    yield from laws.pay_history(posting)


def allow(check, found: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """The findings a role keeps after `compliance.allow`, and the problems of that list itself."""
    codes = check.role.compliance.codes() if check.role.compliance else []
    problems = []
    for i, code in enumerate(codes):
        if code not in CODES:
            where = check.at("compliance", "allow", i)
            problems.append(Problem.at(where, "unknown-ref", _(
                "compliance.allow names '{code}', which is not a compliance code ({codes})").format(
                    code=code, codes=", ".join(CODES)) + did_you_mean(code, set(CODES))))
    silenced = set(codes)
    return [p for p in found if p.code not in silenced], problems


def settings_problems(settings: Settings, tree: Any, file: str, unknown: list[str]) -> Iterator[Problem]:
    from rolebook.compliance.rulebook import shipped_codes

    compliance = settings.compliance
    if compliance is None:
        return
    known = set(shipped_codes()) | set(compliance.define)
    for i, code in enumerate(compliance.jurisdictions):
        if code in unknown:
            yield Problem.at(source_of(tree, ("compliance", "jurisdictions", i)), "unknown-ref", _(
                "jurisdiction '{code}' is not one rolebook knows; define it under compliance.define, or use one "
                "of {known}").format(code=code, known=", ".join(sorted(known))) + did_you_mean(code, known))
    for code in compliance.rules:
        if code not in CODES:
            yield Problem.at(source_of(tree, ("compliance", "rules", code), key=True), "unknown-ref", _(
                "compliance.rules names '{code}', which is not a compliance code ({codes})").format(
                    code=code, codes=", ".join(CODES)) + did_you_mean(code, set(CODES)))
    for code, jurisdiction in compliance.define.items():
        for included in jurisdiction.includes:
            if included not in known:
                yield Problem.at(source_of(tree, ("compliance", "define", code, "includes")), "unknown-ref", _(
                    "jurisdiction '{code}' includes '{included}', which is not defined").format(
                        code=code, included=included) + did_you_mean(included, known))

