"""What templates see: the role, its project, its language's labels and a few formatting helpers."""

from __future__ import annotations

from collections.abc import Sequence

import importlib.util
import os
from pathlib import Path

from rolebook.cache import Memo
from rolebook.project import Project
from rolebook.spec.languages import PAIR
from rolebook.render.templating import number
from rolebook.render.labels import currency_name
from rolebook.spec import scoring
from rolebook.spec.model import LibraryKpi, Role, Term


SHORT = 16  # columns: a title or unit this short never breaks inside (电话销售主管 is 12)


def keep(text) -> str:
    """A short text (a title, a unit) that no line may break inside, marked for the writers (text.kept).
    Chinese breaks between any two characters; "电话销售主 / 管" in a narrow cell is what this prevents."""
    from rolebook.render.text import display_width, kept

    text = "" if text is None else str(text)
    if not text or display_width(text) > SHORT or " " in text.strip() or not any(ord(c) > 0x2E7F for c in text):
        return text
    return kept(text)


class Formatter:
    """Numbers, thresholds and lists written the way the document's language writes them."""

    def __init__(self, labels: dict):
        self.labels = labels

    def amount(self, kpi: LibraryKpi, value) -> str:
        if value is None:
            return ""
        unit = kpi.unit or ""
        if not unit:
            return number(value)
        # A no-break space: a number never ends a line without its unit ("12 / weeks"), nor does a unit
        # break inside itself ("次/ / 季度").
        return f"{number(value)}{unit}" if unit in ("%", "‰") else f"{number(value)}\u00a0{keep(unit)}"

    def threshold(self, kpi: LibraryKpi, value) -> str:
        """'≥ 90%' for higher-is-better, '≤ 5%' for lower-is-better."""
        if value is None:
            return ""
        sign = "≥" if kpi.direction == "higher" else "≤"
        return f"{sign}\u00a0{self.amount(kpi, value)}"

    def grade_ranges(self, grades) -> list[tuple]:
        """(grade, 'lower ≤ total < upper' in the document's words, label, description), best first."""
        total = self.labels["total_score"]
        rows = []
        for index, grade in enumerate(grades):
            upper = grades[index - 1].min if index else None
            if upper is None:
                text = f"{total} ≥ {number(grade.min)}"
            elif grade.min <= 0 and index == len(grades) - 1:
                text = f"{total} < {number(upper)}"
            else:
                text = f"{number(grade.min)} ≤ {total} < {number(upper)}"
            rows.append((grade.grade, text, grade.label or "", grade.description or ""))
        return rows

    def join(self, items) -> str:
        texts = [str(item) for item in items if item]
        second = self.labels.get("list_separator_second")
        if second is not None and any(PAIR in text for text in texts):  # a bilingual document: each language's
            pairs = [text.split(PAIR, 1) if PAIR in text else [text, text] for text in texts]  # list apart
            return PAIR.join([self.labels["list_separator"].join(p[0] for p in pairs),
                              second.join(p[1] for p in pairs)])
        separator = self.labels["list_separator"]
        if any(separator.strip() in text for text in texts):  # "Excel, pivot tables", "Word、Excel" stay one item
            separator = self.labels["list_separator_wide"]
        return separator.join(texts)

    @staticmethod
    def keep(text) -> str:
        return keep(text)

    def salary(self, salary) -> str:
        """'8000–12000 元/月' / '50,000–70,000 CNY per year' / '$19–$23 per hour': a pay range as the language writes
        it."""
        def amount(value) -> str:
            if value is None:
                return "…"
            return f"{value:,}" if self.labels["group_digits"] and float(value).is_integer() else number(value)

        low, high = amount(salary.min), amount(salary.max)
        sign = self.labels.get("currency_signs", {}).get(salary.currency)
        if sign:
            return self.labels["salary_range_sign"].format(
                sign=sign, low=low, high=high, period=self.labels[f"salary_period_{salary.period}"]).replace(
                f"{sign}…", "…")
        return self.labels["salary_range"].format(low=low, high=high, currency=currency_name(self.labels, salary.currency),
                                                  period=self.labels[f"salary_period_{salary.period}"])

    def shared_names(self, shared) -> list[str]:
        names = {"grades": "grades", "process": "process", "consequences": "result_application", "appeal": "appeal"}
        return [self.labels[names[block]] for block in shared]

    def share(self, share) -> str:
        return self.labels["share"].format(share=number(share))

    def dimension_weight(self, dimension) -> str:
        """'50%', or with its policy band '50%，区间 40%–60%' / '50%, range 40%–60%'."""
        weight = number(dimension.weight if dimension.weight is not None else dimension.kpi_weight) + "%"
        if not dimension.weight_range:
            return weight
        low, high = dimension.weight_range
        return self.labels["weight_range"].format(weight=weight, low=f"{number(low)}%", high=f"{number(high)}%")

    def relationships(self, role) -> dict[str, list[tuple[list[str], str | None]]]:
        """Every duty's collaboration, as working relationships inside and outside the organisation: each
        partner once, with the purposes of every duty that names it (客户 four times, for four duties, read
        as a list that repeats itself)."""
        found: dict[str, dict[tuple[str, ...], list[str]]] = {"internal": {}, "external": {}}
        for duty in role.duties:
            for partner in duty.collaboration:
                if isinstance(partner, str):
                    names, purpose, side = (partner,), None, "internal"
                else:
                    names, purpose = tuple(partner.with_), partner.purpose
                    side = "external" if partner.external else "internal"
                purposes = found[side].setdefault(names, [])
                if purpose and purpose not in purposes:
                    purposes.append(purpose)
        separator = self.labels["list_separator_wide"]
        return {side: [(list(names), separator.join(p.rstrip("。；;.") if len(purposes) > 1 else p
                                                     for p in purposes) or None)
                       for names, purposes in partners.items()] for side, partners in found.items()}

    def requirements(self, requirements) -> dict[str, list[tuple[str, object]]]:
        """Requirements split into essential (必备) and desirable (优先): (label, text) or (label, [(name, description)])."""
        needs: dict[str, list] = {"essential": [], "desirable": []}
        if requirements is None:
            return needs
        for name in ("education", "major", "experience"):
            if getattr(requirements, name):
                needs["essential"].append((self.labels[name], getattr(requirements, name)))
        for name in ("certificates", "languages"):
            if getattr(requirements, name):
                needs["essential"].append((self.labels[name], self.join(getattr(requirements, name))))
        for side, wanted in (("essential", False), ("desirable", True)):
            skills = [s if isinstance(s, str) else s.name for s in requirements.skills
                      if (not isinstance(s, str) and s.desirable) == wanted]
            if skills:
                needs[side].append((self.labels["skills"], self.join(skills)))
            competencies = [(c.name, c.description) for c in requirements.competencies if c.desirable == wanted]
            if competencies:
                needs[side].append((self.labels["competencies"], competencies))
        return needs

    def paren(self, text) -> str:
        """' (50%)' in English, '（50%）' in Chinese: brackets as the language writes them."""
        return self.labels["paren"].format(text) if text not in (None, "") else ""

    def rater(self, rater) -> str:
        """A rater's name on the form: its label, else the language's word for a known rater, else its id."""
        return rater.label or self.labels.get(f"raters_{rater.rater}", rater.rater)

    def raters(self, assessment) -> list[tuple[str, str, float]]:
        """(id, name, weight) of the raters of qualitative KPIs (default: the supervisor, 100%)."""
        raters = assessment.raters if assessment and assessment.raters else []
        if not raters:
            return [("supervisor", self.labels["raters_supervisor"], 100.0)]
        return [(r.rater, self.rater(r), float(r.weight)) for r in raters]

    def scoring_rule(self, assessment) -> list[str]:
        """The scoring rule in the document's words, with the role's own numbers."""
        rule = scoring.rule_of(assessment)
        points = {name: number(value) for name, value in rule.points}
        # beyond excellent the line goes on only where the cap leaves room above the excellent points
        beyond = self.labels["rule_beyond"] if rule.cap > rule.score_of("excellent") else ""
        sentences = [self.labels["rule_points"].format(below_pass=number(rule.below_pass), cap=number(rule.cap),
                                                       beyond=beyond, **points)]
        kpis = assessment.kpis() if assessment else []
        if any(k.kind == "qualitative" for k in kpis):
            sentences.append(self.labels["rule_levels"])
            raters = self.raters(assessment)
            if len(raters) > 1:
                shares = self.join(self.labels["rater_share"].format(rater=name, weight=number(weight))
                                   for _, name, weight in raters)
                sentences.append(self.labels["rule_raters"].format(raters=shares))
        sentences.append(self.labels["rule_total"])
        if assessment is not None and assessment.adjustments:
            sentences.append(self.labels["rule_adjustments"].format(cap=number(rule.cap)))
        if assessment is not None and assessment.vetoes:
            sentences.append(self.labels["rule_vetoes"])
        return sentences

    def adjustment(self, item, per: str) -> str:
        """"每次 -3 分，最多扣 15 分" / "+5 per award, at most 10 added": one 加减分 item as the form, the job
        description and the handbook word it; `per` is its unit as the caller escaped it for where it goes."""
        points = ("+" if item.points and item.points > 0 else "") + number(item.points)
        text = self.labels["adjustment_per"].format(points=points, per=per or self.labels["adjustment_count"])
        if item.max is None:
            return text
        way = "deduct" if item.points is not None and item.points < 0 else "add"
        return text + self.labels[f"adjustment_most_{way}"].format(max=number(item.max))

    def adjustment_limits(self, assessment) -> str:
        """"（限 -15 至 10 分）": the bounds of all 加减分 together, where the scheme sets them."""
        limits = assessment.adjustment_limits
        if not limits:
            return ""
        shown = [number(value) if value is not None else "—" for value in (limits.min, limits.max)]
        return self.paren(self.labels["adjustment_limits"].format(low=shown[0], high=shown[1]))

    def level_score_hint(self, assessment) -> str:
        """Under the levels of a KPI whose levels have no score: what the rater writes, where, its range."""
        raters = self.raters(assessment)
        names = [self.labels["result"]] if len(raters) < 2 else [name for _, name, _ in raters]
        column = self.join(self.labels["quoted"].format(text=name) for name in names)
        return self.labels["level_score_hint"].format(cap=number(scoring.rule_of(assessment).cap), column=column)

    def level(self, criterion) -> str:
        """'优秀（110 分）' / 'Excellent (110 points)': a level with its score when it has one."""
        if criterion.score is None:
            return criterion.level
        return criterion.level + self.paren(self.labels["points"].format(score=number(criterion.score)))

    @staticmethod
    def kpi_widths(raters: int) -> str:
        """Column widths (percent) of the form's KPI table, with a column per rater when there are several:
        dimension, KPI, weight, target, pass, excellent, result, [raters], score, weighted score, comment."""
        kpi, comment = 30 - 4 * raters, 14 - 3 * raters
        return ",".join(str(w) for w in [8, kpi, 5, 7, 7, 7, 9, *[7] * raters, 6, 7, comment])

    @staticmethod
    def band_widths(bands: int) -> str:
        """The grade table across the page: a label column, then one column per band."""
        return ",".join(["16"] + [str(round(84 / max(bands, 1), 2))] * bands)

    def clause(self, text) -> str:
        """The separator after a clause, unless the clause ends with its own punctuation."""
        return "" if str(text).rstrip()[-1:] in "。；;.！!？?" else self.labels["clause_separator"]

    def scores_levels(self, kpi) -> bool:
        """Every level of a qualitative KPI has a score: the rater ticks one (else writes a number)."""
        return bool(kpi.criteria) and all(c.score is not None for c in kpi.criteria)


def role_title(project: Project, name: str | None) -> str | None:
    """A role id as that role's title; anything else (free text, an id outside the project) as written."""
    if name and name in project.roles:
        return project.summary(name).title  # the summary: no need to read that role's model
    return name


def direct_reports(project: Project, role: Role) -> list[str]:
    """The titles of the concrete roles that report to this one."""
    return [other.title for other in project.direct_reports(role.id)]


def localized(text, language: str) -> str:
    """A text given once, or per language tag: the language's own, its base language's, else the first."""
    if not isinstance(text, dict):
        return text
    base = language.split("-")[0]
    for tag, value in text.items():
        if tag.lower() == language.lower():
            return value
    return next((v for tag, v in text.items() if tag.split("-")[0] == base), next(iter(text.values()), ""))


def basic_info(project: Project, role: Role, labels: dict, language: str) -> list[tuple[str, str]]:
    """岗位基本信息: (label, value) for what the spec says, in the order HR reads them."""
    f = Formatter(labels)
    reports = direct_reports(project, role)
    pairs = [
        (labels["position"], keep(role.title)), (labels["code"], role.code), (labels["department"], keep(role.department)),
        (labels["reports_to"], keep(role_title(project, role.reports_to))),
        (labels["direct_reports"], f.join(keep(title) for title in reports)),
        (labels["headcount"], labels["people"].format(n=role.headcount) if role.headcount is not None else None),
        (labels["grade"], role.grade), (labels["location"], role.location),
        (labels["employment_type"], labels[f"employment_{role.employment_type}"] if role.employment_type else None),
        (labels["salary"], f.salary(role.salary) if role.salary else None),
    ]
    declared = project.settings.fields
    pairs += [(localized(declared[key].label, language) if key in declared else key, number(value))
              for key, value in role.extra.items()]
    return [(label, str(value)) for label, value in pairs if value not in (None, "")]


def role_glossary(project: Project, role: Role, language: str) -> list[Term]:
    """The role's terms, and the library's terms its text uses."""
    from rolebook.spec.rules import role_text, searchable, term_key

    terms = {term_key(t.term): t for t in role.glossary}
    text = role_text(role) if project.library_terms else ""  # the whole role's text: only when there is a library
    for term in project.library_terms:
        used = any(searchable(part) in text for part in term.term.split(PAIR))  # a bilingual term: either
        if term_key(term.term) not in terms and used:
            terms[term_key(term.term)] = term
    order = glossary_order(language, project.root if project.label is None else None)
    return sorted(terms.values(), key=lambda term: order(term.term))


def role_context(project: Project, role: Role) -> dict:
    language = project.language_of(role)
    labels = project.labels(language)
    path = role.career_path
    return {
        "role": role,
        "t": labels,
        "f": Formatter(labels),
        "language": language,
        "organization": project.settings.organization,
        "reports_to": role_title(project, role.reports_to),
        "status": labels[f"status_{role.status}"],
        "signatures": role.assessment.signatures if role.assessment and role.assessment.signatures
        else labels["signatures"],
        "jd_signatures": project.settings.jd_signatures or labels["jd_signers"],
        "basic_info": basic_info(project, role, labels, language),
        "career_from": [role_title(project, name) for name in (path.from_ if path else [])],
        "career_to": [role_title(project, name) for name in (path.to if path else [])],
        "glossary": Deferred(lambda: role_glossary(project, role, language)),
        "posting": project.settings.posting,
    }


class Deferred(Sequence):
    """A list made when a template first reads it: the glossary's order needs pypinyin (50 MB, 0.3 s to
    load) for a Chinese project, and most documents (forms, postings, each appraisal) never show it."""

    def __init__(self, make):
        self._make, self._items = make, None

    def _list(self) -> list:
        if self._items is None:
            self._items = self._make()
        return self._items

    def __getitem__(self, index):
        return self._list()[index]

    def __len__(self) -> int:
        return len(self._list())


class SortKeys(Memo):
    """Terms' pinyin and zhuyin keys, remembered (`.rolebook/cache/sortkeys.json`): loading pypinyin's
    phrase dictionary took longer than the rest of building one role's documents."""

    NAME = "sortkeys.json"


def _pypinyin_stamp() -> str:
    """Which pypinyin made the keys (its file and time of change), without importing it."""
    spec = importlib.util.find_spec("pypinyin")
    origin = spec.origin if spec and spec.origin else ""
    return f"{origin}:{os.stat(origin).st_mtime_ns if origin else 0}"


def glossary_order(language: str, root: Path | None = None):
    """A sort key for glossary terms as readers of the language expect: pinyin order for simplified
    Chinese, zhuyin (ㄅㄆㄇㄈ) order for traditional Chinese, alphabetical otherwise. With the project's
    `root`, Chinese keys are remembered there."""
    from rolebook.render.labels import catalogue_name

    if catalogue_name(language) == "zh-TW":
        style, compute, valid = "zhuyin", zhuyin_key, _is_zhuyin_key
    elif language.lower().startswith("zh"):
        style, compute, valid = "pinyin", pinyin_key, lambda key: isinstance(key, str)
    else:
        return lambda text: (text.casefold(), text)
    memo = SortKeys.of(root, _pypinyin_stamp()) if root is not None else None

    def order(text: str):
        if memo is None:
            return compute(text), text
        found = memo.entries.get(f"{style}:{text}")
        if not valid(found):  # not known, or not a key (the memo is a file, not trusted)
            found = compute(text)
            memo.remember(f"{style}:{text}", found)
        return found, text

    return order


def pinyin_key(text: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(text, style=Style.TONE3)).casefold()


_TONES = str.maketrans("", "", "ˊˇˋ˙")


def zhuyin_key(text: str) -> list[list]:
    """Each character's zhuyin, tone last (Unicode orders the zhuyin letters as dictionaries do)."""
    from pypinyin import Style, pinyin

    key = []
    for (syllable,) in pinyin(text, style=Style.BOPOMOFO, errors=lambda chars: [c.casefold() for c in chars]):
        tone = next((i + 2 for i, mark in enumerate("ˊˇˋ") if mark in syllable), 5 if "˙" in syllable else 1)
        key.append([syllable.translate(_TONES), tone])
    return key


def _is_zhuyin_key(key) -> bool:
    return isinstance(key, list) and all(isinstance(part, list) and len(part) == 2 and isinstance(part[0], str)
                                         and type(part[1]) is int for part in key)


def merged_glossary(project: Project, roles: list[Role]) -> list[Term]:
    """Every term of the roles and the library, once (the validator refused conflicting definitions)."""
    from rolebook.spec.rules import term_key

    terms: dict[str, Term] = {}
    for term in [*project.library_terms, *(t for role in roles for t in role.glossary)]:
        terms.setdefault(term_key(term.term), term)
    order = glossary_order(project.settings.language, project.root if project.label is None else None)
    return sorted(terms.values(), key=lambda term: order(term.term))


def handbook_roles(project: Project) -> list[Role]:
    """The roles of the handbook, in `handbook.roles` order (default: every concrete role, by id)."""
    chosen = project.settings.handbook.roles
    if chosen is None:
        return project.concrete_roles()
    return [project.roles[role_id] for role_id in chosen if role_id in project.roles
            and not project.roles[role_id].abstract]


SHARED_BLOCKS = {  # what a role chapter may leave to the chapter on common rules, and how to read it
    "grades": lambda a: (tuple(a.grades), a.scoring, tuple(a.raters)),
    "process": lambda a: tuple(a.process),
    "consequences": lambda a: (tuple(a.result_application), tuple(a.rewards), tuple(a.penalties)),
    "appeal": lambda a: a.appeal,
}


def shared_blocks(roles: list[Role]) -> list[str]:
    """The appraisal blocks every role of the handbook has, the same in each (a family's, inherited)."""
    if len(roles) < 2 or any(role.assessment is None for role in roles):
        return []
    shared = []
    for name, read in SHARED_BLOCKS.items():
        values = [read(role.assessment) for role in roles]
        if values[0] and all(value == values[0] for value in values[1:]) and any(
                part for part in (values[0] if isinstance(values[0], tuple) else (values[0],))):
            shared.append(name)
    return shared


def without_comments(markdown: str) -> str:
    """A chapter without its HTML comments (`<!-- 选定值：… -->`): notes to its editors, not to readers.
    (Raw HTML is shown as text; comments alone are dropped.) Linear: one scan for each `-->`."""
    out, position = [], 0
    while True:
        start = markdown.find("<!--", position)
        end = markdown.find("-->", start + 4) if start >= 0 else -1
        if start < 0 or end < 0:
            out.append(markdown[position:])
            return "".join(out)
        out.append(markdown[position:start])
        position = end + 3


def handbook_context(project: Project, revision, logs: dict[str, list]) -> dict:
    """What the handbook template sees; `logs` holds each role's versions (history/log.py), newest first."""
    settings = project.settings.handbook
    labels = project.labels(project.settings.language)
    roles = handbook_roles(project)
    shared = shared_blocks(roles)
    title = settings.title or " ".join(part for part in (project.settings.organization, labels["handbook"]) if part)
    if revision is not None and revision.commit:  # a small cover line; the revision is in the properties too
        parts = [revision.date.isoformat() if revision.date else "", revision.commit]
        if revision.modified:
            parts.append(labels["paren"].format(labels["modified"]).strip())  # （…） in Chinese
        revision_text = " ".join(part for part in parts if part)
    else:
        # outside git: SOURCE_DATE_EPOCH's date, else no line (a printed cover saying "not under version
        # control" tells its reader nothing they can use)
        revision_text = revision.date.isoformat() if revision and revision.date else ""
    chapters = {name: without_comments(text) for name, text in project.policies.items()}
    return {
        "t": labels,
        "f": Formatter(labels),
        "title": title,
        "organization": project.settings.organization,
        "document_number": settings.document_number,
        "approval": settings.approval,
        "publication": settings.publication,
        "revision": revision_text,
        "front": [chapters[name] for name in settings.front],
        "roles": [role_context(project, role) for role in roles],
        "shared": shared,
        "shared_printed": [name for name in shared if settings.shared_rules is None or name in settings.shared_rules],
        "policies": [chapters[name] for name in settings.policies],
        "back": [chapters[name] for name in settings.back],
        "glossary": merged_glossary(project, roles),
        "history": [(role.title, entry) for role in roles for entry in logs.get(role.id, [])],
        "regulation": settings.numbering == "chinese",  # laid out as a 制度: attachments after 附则
        "codes": any(role.code for role in roles),  # 岗位一览 lists the 岗位编号 where roles have one
        "version": settings.version,
        "effective": settings.effective.isoformat() if settings.effective else None,
    }
