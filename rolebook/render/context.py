"""What templates see: the role, its project, its language's labels and a few formatting helpers."""

from __future__ import annotations

from rolebook.project import Project
from rolebook.render.labels import labels_for
from rolebook.render.templating import number
from rolebook.spec import scoring
from rolebook.spec.model import LibraryKpi, Role, Term


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
        # A no-break space: a number never ends a line without its unit ("12 / weeks").
        return f"{number(value)}{unit}" if unit in ("%", "‰") else f"{number(value)}\u00a0{unit}"

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
        return self.labels["list_separator"].join(str(item) for item in items if item)

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
        sentences = [self.labels["rule_points"].format(below_pass=number(rule.below_pass), cap=number(rule.cap),
                                                       **points)]
        kpis = assessment.kpis() if assessment else []
        if any(k.kind == "qualitative" for k in kpis):
            sentences.append(self.labels["rule_levels"])
            raters = self.raters(assessment)
            if len(raters) > 1:
                shares = self.join(self.labels["rater_share"].format(rater=name, weight=number(weight))
                                   for _, name, weight in raters)
                sentences.append(self.labels["rule_raters"].format(raters=shares))
        sentences.append(self.labels["rule_total"])
        return sentences

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


def role_context(project: Project, role: Role) -> dict:
    language = project.language_of(role)
    labels = labels_for(language)
    reports_to = role.reports_to
    if reports_to and reports_to in project.roles:
        reports_to = project.roles[reports_to].title
    return {
        "role": role,
        "t": labels,
        "f": Formatter(labels),
        "language": language,
        "organization": project.settings.organization,
        "reports_to": reports_to,
        "status": labels[f"status_{role.status}"],
        "signatures": role.assessment.signatures if role.assessment and role.assessment.signatures
        else labels["signatures"],
    }


def glossary_order(language: str):
    """A sort key for glossary terms as readers of the language expect: pinyin order for Chinese."""
    if language.lower().startswith("zh"):
        from pypinyin import Style, lazy_pinyin

        return lambda text: (" ".join(lazy_pinyin(text, style=Style.TONE3)).casefold(), text)
    return lambda text: (text.casefold(), text)


def merged_glossary(project: Project, roles: list[Role]) -> list[Term]:
    """Every term of the roles and the library, once (the validator refused conflicting definitions)."""
    from rolebook.spec.rules import term_key

    terms: dict[str, Term] = {}
    for term in [*project.library_terms, *(t for role in roles for t in role.glossary)]:
        terms.setdefault(term_key(term.term), term)
    order = glossary_order(project.settings.language)
    return sorted(terms.values(), key=lambda term: order(term.term))


def handbook_roles(project: Project) -> list[Role]:
    """The roles of the handbook, in `handbook.roles` order (default: every concrete role, by id)."""
    chosen = project.settings.handbook.roles
    if chosen is None:
        return project.concrete_roles()
    return [project.roles[role_id] for role_id in chosen if role_id in project.roles
            and not project.roles[role_id].abstract]


def handbook_context(project: Project, revision, history, policies: list[str]) -> dict:
    labels = labels_for(project.settings.language)
    roles = handbook_roles(project)
    title = project.settings.handbook.title or " ".join(
        part for part in (project.settings.organization, labels["handbook"]) if part)
    if revision.commit:
        parts = [revision.date.isoformat() if revision.date else "", revision.commit]
        if revision.modified:
            parts.append(f"({labels['modified']})")
        revision_text = " ".join(part for part in parts if part)
    else:
        revision_text = revision.date.isoformat() if revision.date else labels["not_in_git"]
    return {
        "t": labels,
        "f": Formatter(labels),
        "title": title,
        "organization": project.settings.organization,
        "revision": revision_text,
        "roles": [role_context(project, role) for role in roles],
        "policies": policies,
        "glossary": merged_glossary(project, roles),
        "history": history,
    }
