"""The semantic rules of a role spec: one small function per rule code.

Each role rule takes a `RoleCheck` (the resolved, typed role plus the tree that
knows where each value came from) and yields Problems.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from rolebook.errors import WARNING, Problem, Source
from rolebook.spec.loader import Mapping
from rolebook.spec.model import ID_PATTERN, Kpi, LibraryKpi, Role, Term
from rolebook.spec.schema import did_you_mean, source_of
from rolebook.messages import _

TOTAL_WEIGHT = 100
EPSILON = 1e-6


@dataclass
class RoleCheck:
    role: Role
    tree: Mapping
    file: str  # display path of the role's own file
    stem: str
    damaged: frozenset = frozenset()  # paths whose wrong values were left out
    broken: bool = False  # its `extends` chain could not be resolved
    _text: str | None = field(default=None, repr=False, compare=False)

    def intact(self, *prefix: Any) -> bool:
        """No value under `prefix` was left out for having the wrong type."""
        return not any(path[: len(prefix)] == prefix for path in self.damaged)

    def at(self, *path: Any, key: bool = False) -> Source:
        return source_of(self.tree, path, key=key)

    def own(self, *paths: tuple) -> Source:
        """The first of `paths` whose value stands in the role's own file, else its first line."""
        for path in paths:
            source = self.at(*path)
            if source.file == self.file:
                return source
        return Source(self.file, 1, 1)

    def mentions(self, term: str) -> bool:
        """Whether the role's text (all but its glossary) holds a term, `searchable` as the text is."""
        if self._text is None:
            self._text = role_text(self.role)
        return term in self._text

    def unmentioned(self) -> list[tuple[int, str]]:
        """The terms of the role's own glossary (not inherited) that its own text does not mention, by index,
        `searchable`: only those may be unused (if no role extending it mentions them either)."""
        found = []
        for t, entry in enumerate(self.role.glossary):
            if self.at("glossary", t, "term").file == self.file and not self.mentions(key := searchable(entry.term)):
                found.append((t, key))
        return found

    def kpis(self) -> Iterator[tuple[tuple, Kpi]]:
        """Every KPI with its path in the tree."""
        assessment = self.role.assessment
        for d, dimension in enumerate(assessment.dimensions if assessment else []):
            for k, kpi in enumerate(dimension.kpis):
                yield ("assessment", "dimensions", d, "kpis", k), kpi


def number(value: float) -> str:
    return f"{value:g}"


# --- role rules ----------------------------------------------------------------------


def id_mismatch(check: RoleCheck) -> Iterable[Problem]:
    if check.role.id != check.stem:
        yield Problem.at(check.at("id"), "id-mismatch",
                         _("role id '{role_id}' differs from its file name '{stem}'; rename one so they "
                           "match").format(role_id=check.role.id, stem=check.stem))


def bad_ids(check: RoleCheck) -> Iterable[Problem]:
    role = check.role
    ids = [(("id",), role.id), (("extends",), role.extends)]
    ids += [(("duties", i, "id"), duty.id) for i, duty in enumerate(role.duties)]
    for d, dimension in enumerate(role.assessment.dimensions if role.assessment else []):
        ids.append((("assessment", "dimensions", d, "id"), dimension.id))
    for path, kpi in check.kpis():
        ids += [(path + ("id",), kpi.id), (path + ("use",), kpi.use)]
    for path, value in ids:
        problem = bad_id(value, check.at(*path))
        if problem:
            yield problem


def bad_id(value: str | None, where: Source) -> Problem | None:
    if value is None or re.match(ID_PATTERN, value):
        return None
    return Problem.at(where, "bad-id", _("id '{value}' must be lowercase letters, digits and hyphens, "
                                         "starting with a letter or digit").format(value=value))


def required_duties(check: RoleCheck) -> Iterable[Problem]:
    if check.broken or not check.intact("duties"):
        return
    if not check.role.abstract and not check.role.duties:
        yield Problem.at(check.tree.source, "missing-field",
                         _("missing required field 'duties': a role needs at least one duty"))


def duplicate_ids(check: RoleCheck) -> Iterable[Problem]:
    groups = [(_("duty"), [(("duties", i, "id"), d.id) for i, d in enumerate(check.role.duties)])]
    if check.role.assessment:
        dims = check.role.assessment.dimensions
        groups.append((_("dimension"), [(("assessment", "dimensions", i, "id"), d.id) for i, d in enumerate(dims)]))
    groups.append((_("KPI"), [(path + ("id",), kpi.id) for path, kpi in check.kpis()]))
    for kind, items in groups:
        seen: dict[str, Source] = {}
        for path, item_id in items:
            if item_id is None:
                continue
            where = check.at(*path)
            if item_id in seen:
                first = seen[item_id]
                yield Problem.at(where, "duplicate-id",
                                 _("{kind} id '{item_id}' is used twice in role '{role_id}' (first at "
                                   "{file}:{line})").format(
                                     kind=kind,
                                     item_id=item_id,
                                     role_id=check.role.id,
                                     file=first.file,
                                     line=first.line))
            else:
                seen[item_id] = where


def kpi_weights_given(check: RoleCheck) -> Iterable[Problem]:
    if check.role.abstract or check.broken:
        return
    for path, kpi in check.kpis():
        if kpi.weight is None and check.intact(*path, "weight"):
            yield Problem.at(check.at(*path), "missing-field",
                             _("KPI '{kpi_id}' has no weight; every KPI of a concrete role needs one").format(
                                 kpi_id=kpi.id))


def weight_bounds(check: RoleCheck) -> Iterable[Problem]:
    """Every KPI and dimension weight is a share of the appraisal: above 0 and at most 100. A negative weight
    would score worse results higher, and -10 with 110 still adds up to 100."""
    for d, dimension in enumerate(check.role.assessment.dimensions if check.role.assessment else []):
        weighed = [(("assessment", "dimensions", d), _("dimension '{name}'").format(
            name=dimension.id or dimension.name), dimension.weight)]
        weighed += [(("assessment", "dimensions", d, "kpis", k), _("KPI '{kpi}'").format(kpi=kpi.id), kpi.weight)
                    for k, kpi in enumerate(dimension.kpis)]
        for path, what, weight in weighed:
            if weight is not None and not 0 < weight <= TOTAL_WEIGHT:
                yield Problem.at(check.at(*path, "weight"), "weight-range",
                                 _("{what} weighs {weight}; a weight is a share of the appraisal, above "
                                   "0 and at most {total_weight}").format(
                                     what=what,
                                     weight=number(weight),
                                     total_weight=TOTAL_WEIGHT))


def no_kpis(check: RoleCheck) -> Iterable[Problem]:
    """A role with an appraisal scheme (`assessment`) gets an appraisal form, which needs KPIs: without any
    it would print 合计 0% and no grade, so the form is not built and this says why. A role without any
    `assessment` is one HR does not appraise here: no form, and the index says so."""
    if check.role.abstract or check.broken or check.role.assessment is None or check.role.kpis() \
            or not check.intact("assessment"):
        return
    where = check.at("assessment", key=True)
    yield Problem.at(where if where.file == check.file else check.own(("id",)), "no-kpis",
                     _("role '{role_id}' has no KPI, so it gets no appraisal form; add KPIs under "
                       "assessment.dimensions[].kpis").format(role_id=check.role.id), WARNING)


def weights_sum(check: RoleCheck) -> Iterable[Problem]:
    kpis = check.role.kpis()
    if check.role.abstract or check.broken or not kpis or not check.intact("assessment"):
        return
    total = sum(kpi.weight or 0 for kpi in kpis)
    if abs(total - TOTAL_WEIGHT) > EPSILON:
        where = check.own(("assessment", "dimensions"), ("assessment",), ("extends",))
        yield Problem.at(where, "weights-sum",
                         _("KPI weights add up to {total}, expected {total_weight}").format(
                             total=number(total),
                             total_weight=TOTAL_WEIGHT))


def dimension_weight(check: RoleCheck) -> Iterable[Problem]:
    for d, dimension in enumerate(check.role.assessment.dimensions if check.role.assessment else []):
        if dimension.weight is None or any(kpi.weight is None for kpi in dimension.kpis):
            continue
        if not check.intact("assessment", "dimensions", d):
            continue
        if abs(dimension.weight - dimension.kpi_weight) > EPSILON:
            yield Problem.at(check.at("assessment", "dimensions", d, "weight"), "dimension-weight",
                             _("dimension '{dimension_name}' declares weight {weight}, but its KPI "
                               "weights add up to {kpi_weight}").format(
                                 dimension_name=dimension.id or dimension.name,
                                 weight=number(dimension.weight),
                                 kpi_weight=number(dimension.kpi_weight)))


def weight_range(check: RoleCheck) -> Iterable[Problem]:
    for d, dimension in enumerate(check.role.assessment.dimensions if check.role.assessment else []):
        if dimension.weight_range is None or not check.intact("assessment", "dimensions", d):
            continue
        path = ("assessment", "dimensions", d, "weight_range")
        low, high = dimension.weight_range
        if low > high:
            yield Problem.at(check.at(*path), "type",
                             _("weight_range [{low}, {high}]: the first number is the minimum").format(
                                 low=number(low),
                                 high=number(high)))
            continue
        weights = [kpi.weight for kpi in dimension.kpis if kpi.weight is not None]
        weight = dimension.weight if dimension.weight is not None else (sum(weights) if weights else None)
        if weight is not None and not (low - EPSILON <= weight <= high + EPSILON):
            yield Problem.at(check.at(*path), "weight-range",
                             _("dimension '{dimension_name}' weighs {weight}, outside its range "
                               "{low}–{high}").format(
                                 dimension_name=dimension.id or dimension.name,
                                 weight=number(weight),
                                 low=number(low),
                                 high=number(high)))


def thresholds_order(check: RoleCheck) -> Iterable[Problem]:
    for path, kpi in check.kpis():
        if not check.intact(*path, "direction"):
            continue  # a wrong direction is its own problem; the default would judge the thresholds wrongly
        for message in threshold_faults(kpi):
            where = check.at(*path, "thresholds") if kpi.thresholds else check.at(*path, "target")
            edited = [source for field in THRESHOLD_FIELDS
                      if (source := check.at(*path, *field)).file == check.file]
            if where.file != check.file and edited:
                # Inherited from the library or a family but changed here: at this role's line, with the
                # definition as a note.
                message += _(" (the thresholds are defined at {place})").format(
                    place=f"{where.file}:{where.line}:{where.column}")
                where = edited[0]
            yield Problem.at(where, "thresholds-order", message)


THRESHOLD_FIELDS = [("thresholds", "pass"), ("thresholds", "excellent"), ("target",), ("direction",), ("use",),
                    ("id",)]


def threshold_faults(kpi: LibraryKpi) -> Iterator[str]:
    """What is wrong with a KPI's pass / excellent / target, given its direction."""
    t = kpi.thresholds
    pass_, excellent = (t.pass_, t.excellent) if t else (None, None)
    higher = kpi.direction == "higher"
    sense = _("higher is better") if higher else _("lower is better")
    if pass_ is not None and excellent is not None:
        # Zero tolerance: a lower-is-better KPI whose pass and excellent coincide (0 incidents) scores the
        # excellent points at or below that value and below_pass above it.
        worse = pass_ < excellent if higher else pass_ >= excellent
        if not worse:
            message = _("KPI '{kpi}' ({sense}): pass {pass_} must be below excellent {excellent}") if higher else \
                _("KPI '{kpi}' ({sense}): pass {pass_} must be above excellent {excellent}")
            hint = ""
            if pass_ != excellent:  # reversed: most often a lower-is-better KPI written without its direction
                hint = _("; if a lower result is better (a complaint rate, a count of incidents), write "
                         "direction: lower") if higher else _("; if a higher result is better, write direction: higher")
            yield message.format(kpi=kpi.id, sense=sense, pass_=number(pass_), excellent=number(excellent)) + hint
            return
    if kpi.target is None:
        return
    low, high = (pass_, excellent) if higher else (excellent, pass_)
    if (low is not None and kpi.target < low) or (high is not None and kpi.target > high):
        yield _("KPI '{kpi}' ({sense}): target {target} lies outside its thresholds (pass {pass_}, excellent "
                "{excellent})").format(kpi=kpi.id, sense=sense, target=number(kpi.target), pass_=_maybe(pass_),
                                       excellent=_maybe(excellent))


def _maybe(value: float | None) -> str:
    return "—" if value is None else number(value)


def grades_order(check: RoleCheck) -> Iterable[Problem]:
    from rolebook.spec.scoring import rule_of

    grades = check.role.assessment.grades if check.role.assessment else []
    cap = rule_of(check.role.assessment).cap if grades and check.intact("assessment", "scoring") else None
    seen: set[str] = set()
    for g, grade in enumerate(grades):
        where = check.at("assessment", "grades", g)
        if grade.min < 0 or (cap is not None and grade.min > cap):
            yield Problem.at(check.at("assessment", "grades", g, "min"), "grades-order",
                             _("grade '{grade}' starts at {min}, outside the totals an appraisal can "
                               "reach (0–{cap})").format(
                                 grade=grade.grade,
                                 min=number(grade.min),
                                 cap=number(cap) if cap is not None else 'cap'))
        if grade.grade in seen:
            yield Problem.at(where, "grades-order", _("grade '{grade}' is listed twice").format(grade=grade.grade))
        seen.add(grade.grade)
        if g and grade.min >= grades[g - 1].min:
            yield Problem.at(where, "grades-order",
                             _("grade '{grade}' (min {min}) must have a lower min than '{grade2}' (min "
                               "{min2}); list grades best first").format(
                                 grade=grade.grade,
                                 min=number(grade.min),
                                 grade2=grades[g - 1].grade,
                                 min2=number(grades[g - 1].min)))


def scoring_points(check: RoleCheck) -> Iterable[Problem]:
    """Points rise from pass to target to excellent; below_pass is below pass; cap is not below excellent."""
    scoring = check.role.assessment.scoring if check.role.assessment else None
    if scoring is None or not check.intact("assessment", "scoring"):
        return
    points = scoring.points
    path = ("assessment", "scoring")
    if not points.pass_ < points.target < points.excellent:
        yield Problem.at(check.at(*path, "points"), "scoring-points",
                         _("points must rise from pass to target to excellent, found pass {pass_}, "
                           "target {target}, excellent {excellent}").format(
                             pass_=number(points.pass_),
                             target=number(points.target),
                             excellent=number(points.excellent)))
    if scoring.cap < points.excellent:
        yield Problem.at(check.at(*path, "cap"), "scoring-points",
                         _("cap {cap} is below the excellent points {excellent}: an excellent result "
                           "could not score what the points say").format(
                             cap=number(scoring.cap),
                             excellent=number(points.excellent)))
    if not 0 <= scoring.below_pass <= points.pass_:
        yield Problem.at(check.at(*path, "below_pass"), "scoring-points",
                         _("below_pass {below_pass} must lie between 0 and the pass points {pass_}").format(
                             below_pass=number(scoring.below_pass),
                             pass_=number(points.pass_)))


def raters_sum(check: RoleCheck) -> Iterable[Problem]:
    raters = check.role.assessment.raters if check.role.assessment else []
    if not raters or not check.intact("assessment", "raters"):
        return
    seen: set[str] = set()
    for r, rater in enumerate(raters):
        problem = bad_id(rater.rater, check.at("assessment", "raters", r, "rater"))
        if problem:
            yield problem
        if rater.rater in seen:
            yield Problem.at(check.at("assessment", "raters", r), "duplicate-id",
                             _("rater '{rater}' is listed twice").format(rater=rater.rater))
        seen.add(rater.rater)
    total = sum(rater.weight for rater in raters)
    if abs(total - TOTAL_WEIGHT) > EPSILON or any(rater.weight <= 0 for rater in raters):
        yield Problem.at(check.at("assessment", "raters"), "raters-sum",
                         _("rater weights add up to {total}, expected {total_weight} (each above 0)").format(
                             total=number(total),
                             total_weight=TOTAL_WEIGHT))


def criteria_score(check: RoleCheck) -> Iterable[Problem]:
    """A level's score lies in [0, cap], and levels with scores are listed best first."""
    from rolebook.spec.scoring import rule_of

    if not check.intact("assessment", "scoring"):
        return
    rule = rule_of(check.role.assessment)
    # A cap below the excellent points is scoring-points' to report, not every level's.
    cap = rule.cap if rule.cap >= rule.score_of("excellent") else float("inf")
    for path, kpi in check.kpis():
        previous = None
        for c, criterion in enumerate(kpi.criteria):
            if criterion.score is None:
                continue
            where = check.at(*path, "criteria", c, "score")
            if not 0 <= criterion.score <= cap:
                yield Problem.at(where, "criteria-score",
                                 _("level '{level}' of KPI '{kpi_id}' scores {score}, outside 0–{cap}").format(
                                     level=criterion.level,
                                     kpi_id=kpi.id,
                                     score=number(criterion.score),
                                     cap=number(rule.cap)))
            if previous is not None and criterion.score > previous.score:
                yield Problem.at(where, "criteria-score",
                                 _("level '{level}' of KPI '{kpi_id}' scores more than '{level2}' above "
                                   "it; list levels best first").format(
                                     level=criterion.level,
                                     kpi_id=kpi.id,
                                     level2=previous.level))
            previous = criterion


def distribution_sum(check: RoleCheck) -> Iterable[Problem]:
    """Forced-distribution quotas that can all hold at once, for grades that exist."""
    assessment = check.role.assessment
    if not assessment or not assessment.distribution or not check.intact("assessment", "distribution"):
        return
    path = ("assessment", "distribution")
    known = {grade.grade for grade in assessment.grades}
    for name, quota in assessment.distribution.items():
        if known and name not in known:
            yield Problem.at(check.at(*path, name, key=True), "unknown-ref",
                             _("distribution names grade '{name}', which is not one of the grade bands "
                               "({grades})").format(
                                 name=name,
                                 grades=', '.join(grade.grade for grade in assessment.grades)))
        for bound in ("min", "max"):
            value = getattr(quota, bound)
            if value is not None and not 0 <= value <= 100:
                yield Problem.at(check.at(*path, name, bound), "distribution-sum",
                                 _("grade '{name}': {bound} {value}% is not a share between 0 and 100").format(
                                     name=name,
                                     bound=bound,
                                     value=number(value)))
        if quota.min is not None and quota.max is not None and quota.min > quota.max:
            yield Problem.at(check.at(*path, name), "distribution-sum",
                             _("grade '{name}': min {min}% is above max {max}%").format(
                                 name=name,
                                 min=number(quota.min),
                                 max=number(quota.max)))
    least = sum(q.min or 0 for q in assessment.distribution.values())
    if least > 100 + EPSILON:
        yield Problem.at(check.at(*path), "distribution-sum",
                         _("the minimum shares add up to {least}%: they cannot all hold").format(
                             least=number(least)))
    bands = [grade.grade for grade in assessment.grades] or list(assessment.distribution)
    maxima = [assessment.distribution[g].max if g in assessment.distribution else None for g in bands]
    if bands and all(m is not None for m in maxima) and sum(maxima) < 100 - EPSILON:
        yield Problem.at(check.at(*path), "distribution-sum",
                         _("the maximum shares of every grade add up to {maxima}%: a group could not be "
                           "graded at all").format(maxima=number(sum(maxima))))


def vetoes_and_adjustments(check: RoleCheck) -> Iterable[Problem]:
    """一票否决 and 加减分: ids that are ids and unique, a veto grade that is a grade band, adjustments with points
    and a max, limits that hold zero."""
    assessment = check.role.assessment
    if assessment is None or not check.intact("assessment"):
        return
    grades = [band.grade for band in assessment.grades]
    for kind, items in (("vetoes", assessment.vetoes), ("adjustments", assessment.adjustments)):
        seen: set[str] = set()
        for i, item in enumerate(items):
            problem = bad_id(item.id, check.at("assessment", kind, i, "id"))
            if problem:
                yield problem
            if item.id in seen:
                yield Problem.at(check.at("assessment", kind, i, "id"), "duplicate-id",
                                 _("'{item_id}' is listed twice under assessment.{kind}").format(item_id=item.id,
                                                                                                kind=kind))
            seen.add(item.id)
    for i, veto in enumerate(assessment.vetoes):
        if veto.grade is not None and veto.grade not in grades:
            yield Problem.at(check.at("assessment", "vetoes", i, "grade"), "veto-grade",
                             _("veto '{veto}' sets grade '{grade}', which is not a grade band ({grades})").format(
                                 veto=veto.id, grade=veto.grade, grades=", ".join(grades) or "—")
                             + did_you_mean(veto.grade, set(grades)))
        elif veto.grade is None and not grades and not check.role.abstract:
            yield Problem.at(check.at("assessment", "vetoes", i), "veto-grade",
                             _("veto '{veto}' needs a grade to set: add assessment.grades (it sets the lowest) or "
                               "give it a grade").format(veto=veto.id))
    for i, item in enumerate(assessment.adjustments):
        if item.points is None or item.points == 0:
            yield Problem.at(check.at("assessment", "adjustments", i), "adjustment-points",
                             _("adjustment '{item}' needs points per occurrence (positive adds, negative "
                               "deducts)").format(item=item.id))
        if item.max is None or item.max <= 0:
            yield Problem.at(check.at("assessment", "adjustments", i, "max") if item.max is not None
                             else check.at("assessment", "adjustments", i), "adjustment-points",
                             _("adjustment '{item}' needs a max above 0: the most it adds or removes in one "
                               "appraisal").format(item=item.id))
    limits = assessment.adjustment_limits
    if limits is not None:
        where = check.at("assessment", "adjustment_limits")
        if limits.min is not None and limits.min > 0 or limits.max is not None and limits.max < 0:
            yield Problem.at(where, "adjustment-limits",
                             _("adjustment_limits must hold 0: min at most 0 (what may be deducted), max at least 0 "
                               "(what may be added)"))
        elif limits.min is not None and limits.max is not None and limits.min > limits.max:
            yield Problem.at(where, "adjustment-limits", _("adjustment_limits: min is above max"))


def duty_share(check: RoleCheck) -> Iterable[Problem]:
    """Time shares: when one duty has one, every duty of a concrete role does, and they add up to 100."""
    duties = check.role.duties
    if check.role.abstract or check.broken or not any(d.share is not None for d in duties) \
            or not check.intact("duties"):
        return
    for i, duty in enumerate(duties):
        if duty.share is not None and not 0 < duty.share <= TOTAL_WEIGHT:
            yield Problem.at(check.at("duties", i, "share"), "duty-share",
                             _("duty '{duty_title}' takes {share}% of working time; a share is above 0 "
                               "and at most {total_weight}%").format(
                                 duty_title=duty.title,
                                 share=number(duty.share),
                                 total_weight=TOTAL_WEIGHT))
    missing = [i for i, duty in enumerate(duties) if duty.share is None]
    for i in missing:
        yield Problem.at(check.at("duties", i), "duty-share",
                         _("duty '{i_title}' has no share of working time, but other duties do").format(
                             i_title=duties[i].title))
    total = sum(d.share or 0 for d in duties)
    if not missing and abs(total - TOTAL_WEIGHT) > EPSILON:
        yield Problem.at(check.own(("duties",), ("extends",)), "duty-share",
                         _("duty shares add up to {total}%, expected {total_weight}%").format(
                             total=number(total),
                             total_weight=TOTAL_WEIGHT))


def _version_key(version: str) -> tuple:
    """'1.10.0' after '1.9.2': numbers compare as numbers, anything else as text."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"[.\-+]", version))


VERSION = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


def version_format(check: RoleCheck) -> Iterable[Problem]:
    """`version` and each version of the change history are MAJOR.MINOR.PATCH (1.4.0): `1.0` or `v2` cannot
    be ordered, bumped or compared reliably."""
    versions = [(("version",), check.role.version)]
    versions += [(("changes", i, "version"), change.version) for i, change in enumerate(check.role.changes)]
    for path, version in versions:
        if version is not None and not VERSION.match(version) and check.at(*path).file == check.file:
            numbers = [str(int(n)) for n in re.findall(r"\d+", version)][:3]
            shown = ".".join((numbers + ["0", "0", "0"])[:3]) if numbers else "1.0.0"
            yield Problem.at(check.at(*path), "version-format",
                             _("version '{version}' is not MAJOR.MINOR.PATCH; write it as {shown}").format(
                                 version=version,
                                 shown=shown))


def changes_order(check: RoleCheck) -> Iterable[Problem]:
    """The change history is newest first, and its newest version is the role's version."""
    changes = check.role.changes
    if not changes or not check.intact("changes"):
        return
    if check.role.version is not None and changes[0].version != check.role.version:
        yield Problem.at(check.at("changes", 0, "version"), "changes-order",
                         _("the newest change is version {version}, but the role's version is {version2}").format(
                             version=changes[0].version,
                             version2=check.role.version))
    for i in range(1, len(changes)):
        newer, older = changes[i - 1], changes[i]
        if _version_key(older.version) >= _version_key(newer.version):
            yield Problem.at(check.at("changes", i, "version"), "changes-order",
                             _("version {version} is listed after {version2}; list changes newest first").format(
                                 version=older.version,
                                 version2=newer.version))
        elif newer.date and older.date and older.date > newer.date:
            yield Problem.at(check.at("changes", i, "date"), "changes-order",
                             _("version {version} is dated {date}, after the newer {version2} ({date2})").format(
                                 version=older.version,
                                 date=older.date,
                                 version2=newer.version,
                                 date2=newer.date))


# Currencies whose pay is often quoted by the year (a US posting's $90,000–$130,000): a figure this large with
# no period written is likely a year's pay, which the default period (month) would print twelve times too high.
YEARLY_PAY_CURRENCIES = frozenset({"USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SGD"})
LARGE_MONTHLY_PAY = 20000


def salary_period(check: RoleCheck) -> Iterable[Problem]:
    salary = check.role.salary
    if salary is None or "period" in salary.model_fields_set or salary.currency not in YEARLY_PAY_CURRENCIES:
        return
    if max((v for v in (salary.min, salary.max) if v is not None), default=0) >= LARGE_MONTHLY_PAY:
        yield Problem.at(check.at("salary"), "salary-period", _(
            "the pay range {low}–{high} {currency} has no period, so it is read as a month's pay; write "
            "period: year for a year's pay (or period: month, if a month is meant)").format(
                low=_maybe(salary.min), high=_maybe(salary.max), currency=salary.currency), WARNING)


ROLE_RULES = (
    bad_ids,
    id_mismatch,
    required_duties,
    duplicate_ids,
    kpi_weights_given,
    no_kpis,
    weight_bounds,
    weights_sum,
    dimension_weight,
    weight_range,
    thresholds_order,
    grades_order,
    scoring_points,
    raters_sum,
    criteria_score,
    distribution_sum,
    vetoes_and_adjustments,
    duty_share,
    version_format,
    changes_order,
    salary_period,
)


def check_role(check: RoleCheck) -> list[Problem]:
    return [problem for rule in ROLE_RULES for problem in rule(check)]


# --- project rules -------------------------------------------------------------------


def reports_to(checks: dict[str, RoleCheck], known: set[str]) -> Iterable[Problem]:
    """A reports_to that names no role (`known`: every role, readable or not, so that a file that does not
    parse is not reported again through the roles that report to it)."""
    for check in checks.values():
        target = check.role.reports_to
        if target and target not in known:
            yield Problem.at(check.at("reports_to"), "unknown-ref",
                             _("reports_to '{target}' is not a role in this project; it is shown as written").format(
                                 target=target) + did_you_mean(target, known), WARNING)


def reports_cycle(checks: dict[str, RoleCheck]) -> Iterable[Problem]:
    """Roles that report to each other in a loop (a → b → a): no org chart can draw it. Each role of the loop
    is told at its reports_to. Every role is walked once (colours: on the current path, or done)."""
    superior = {role_id: check.role.reports_to for role_id, check in checks.items()}
    done: set[str] = set()
    for start in checks:
        path: list[str] = []
        on_path: set[str] = set()
        current = start
        while current in checks and current not in done and current not in on_path:
            path.append(current)
            on_path.add(current)
            current = superior[current]
        if current in on_path:
            members = path[path.index(current):]
            loop = " → ".join(members + [current])
            for member in members:
                yield Problem.at(checks[member].at("reports_to"), "reports-cycle",
                                 _("roles report to each other in a loop: {loop}").format(loop=loop))
        done.update(path)


def extra_fields(checks: dict[str, RoleCheck], declared: dict) -> Iterable[Problem]:
    """A role's `extra` fields must be declared under `fields:` in rolebook.yaml, with the type declared."""
    from rolebook.spec.schema import closest

    for check in checks.values():
        for key, value in check.role.extra.items():
            if key not in declared:
                hint = closest(key, list(declared))
                names = f"; did you mean '{hint}'?" if hint else (
                    f"; declared: {', '.join(sorted(declared))}" if declared else "")
                yield Problem.at(check.at("extra", key, key=True), "unknown-field",
                                 _("extra field '{key}' is not declared under `fields:` in "
                                   "rolebook.yaml{names}").format(key=key, names=names))
            elif declared[key].type == "number" and (isinstance(value, bool) or not isinstance(value, (int, float))):
                yield Problem.at(check.at("extra", key), "type",
                                 _("extra.{key}: expected a number (declared `type: number`), found "
                                   "'{value}'").format(key=key, value=value))


def career_refs(checks: dict[str, RoleCheck], known: set[str]) -> Iterable[Problem]:
    """A career path entry that looks like a role id but names no role (free text is shown as written)."""
    for check in checks.values():
        path = check.role.career_path
        for direction in ("from", "to"):
            for i, entry in enumerate(getattr(path, "from_" if direction == "from" else "to", []) if path else []):
                if re.fullmatch(ID_PATTERN, entry) and entry not in known:
                    yield Problem.at(check.at("career_path", direction, i), "unknown-ref",
                                     _("career_path.{direction} '{entry}' is not a role in this project; it is "
                                       "shown as written").format(direction=direction, entry=entry)
                                     + did_you_mean(entry, known), WARNING)


def term_key(term: str) -> str:
    return unicodedata.normalize("NFKC", term).strip().casefold()


def _definition_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class TermAt:
    term: Term
    source: Source


class RoleTermAt:
    """A role's glossary term, its place looked up only when asked (for a term defined differently)."""

    __slots__ = ("term", "check", "index")

    def __init__(self, term: Term, check: RoleCheck, index: int):
        self.term, self.check, self.index = term, check, index

    @property
    def source(self) -> Source:
        return self.check.at("glossary", self.index, "term")


def glossary_conflicts(terms: list[TermAt | RoleTermAt]) -> Iterable[Problem]:
    """One term with two different definitions anywhere in the project: each later definition (by its
    place) that differs from the first. Grouped by term first: at 3,000 roles, sorting every role's terms
    by place took longer than the rule; only a term defined differently needs its places in order."""
    groups: dict[str, list[TermAt]] = {}
    keys: dict[str, str] = {}  # the same terms come back in role after role
    for entry in terms:
        text = entry.term.term
        key = keys.get(text)
        if key is None:
            key = keys[text] = term_key(text)
        groups.setdefault(key, []).append(entry)
    definitions: dict[str, str] = {}

    def definition_key(text: str) -> str:
        if text not in definitions:
            definitions[text] = _definition_key(text)
        return definitions[text]

    found: list[tuple[Source, Problem]] = []
    for group in groups.values():
        if len(group) < 2 or len({definition_key(entry.term.definition) for entry in group}) < 2:
            continue
        unique = {(entry.source, entry.term.term, entry.term.definition): entry for entry in group}
        first, *later = sorted(unique.values(), key=lambda e: e.source)
        for entry in later:
            if definition_key(first.term.definition) != definition_key(entry.term.definition):
                found.append((entry.source, Problem.at(entry.source, "glossary-conflict", _(
                    "term '{term}' is defined differently at {file}:{line}:{column}").format(
                        term=entry.term.term, file=first.source.file, line=first.source.line,
                        column=first.source.column))))
    for _source, problem in sorted(found, key=lambda pair: pair[0]):
        yield problem


def role_text(role: Role) -> str:
    """All of a role's text but its glossary, case-folded, for finding term mentions."""
    parts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    walk(role.model_dump(exclude={"glossary", "id", "extends", "reports_to"}))
    return searchable("\n".join(parts))


def searchable(text: str) -> str:
    """Text as terms are looked for in it: NFKC, case-folded, without spaces ("SMART 原则" = "SMART原则")."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def unused_terms(checks: dict[str, RoleCheck]) -> Iterable[Problem]:
    """A glossary term that neither its role nor any role extending it mentions."""
    children: dict[str, list[str]] = {}
    for role_id, check in checks.items():
        if check.role.extends:
            children.setdefault(check.role.extends, []).append(role_id)

    def family(role_id: str, seen: set[str]) -> Iterator[str]:
        if role_id in seen:
            return
        seen.add(role_id)
        yield role_id
        for child in children.get(role_id, []):
            yield from family(child, seen)

    for role_id, check in checks.items():
        pending = check.unmentioned()  # most roles mention all their terms themselves
        if not pending:
            continue
        corpus = [checks[member] for member in family(role_id, set()) if member != role_id]
        for t, key in pending:
            if not any(member.mentions(key) for member in corpus):
                yield Problem.at(check.at("glossary", t, "term"), "unused-term",
                                 _("glossary term '{term}' is not mentioned in role '{role_id}'").format(
                                     term=check.role.glossary[t].term,
                                     role_id=role_id), WARNING)


def grade_ladder(checks: dict[str, RoleCheck], ladder: list) -> Iterable[Problem]:
    """With `job_grades` in rolebook.yaml: a role's grade is one of them (unknown-grade), ranks no higher than
    its superior's (grade-order, a warning) and its pay range lies in the grade's band (pay-band, a warning)."""
    if not ladder:
        return
    grades = {grade.grade: grade for grade in ladder}
    for check in checks.values():
        role = check.role
        if role.grade is None:
            continue
        where = check.at("grade")
        found = grades.get(role.grade)
        if found is None:
            yield Problem.at(where, "unknown-grade",
                             _("grade '{grade}' is not one of the job grades in rolebook.yaml ({grades})").format(
                                 grade=role.grade, grades=", ".join(grades)) + did_you_mean(role.grade, set(grades)))
            continue
        superior = checks.get(role.reports_to) if role.reports_to else None
        above = grades.get(superior.role.grade) if superior and superior.role.grade else None
        if above is not None and found.rank > above.rank and not role.abstract:
            yield Problem.at(where, "grade-order",
                             _("grade {grade} (rank {rank}) ranks above the grade {other} (rank {other_rank}) of "
                               "its superior '{superior}'").format(
                                 grade=role.grade, rank=number(found.rank), other=above.grade,
                                 other_rank=number(above.rank), superior=superior.role.id), WARNING)
        yield from _pay_band(check, found)


def _pay_band(check: RoleCheck, grade) -> Iterable[Problem]:
    salary, band = check.role.salary, grade.pay
    if salary is None or band is None or (salary.currency, salary.period) != (band.currency, band.period):
        return  # amounts in another currency or per another period are not compared
    low = band.min if band.min is not None else float("-inf")
    high = band.max if band.max is not None else float("inf")
    outside = [value for value in (salary.min, salary.max) if value is not None and not low <= value <= high]
    if outside:
        yield Problem.at(check.at("salary"), "pay-band",
                         _("the pay range {low}–{high} lies outside grade {grade}'s band {band_low}–{band_high} "
                           "{currency}").format(
                             low=_maybe(salary.min), high=_maybe(salary.max), grade=grade.grade,
                             band_low=_maybe(band.min), band_high=_maybe(band.max), currency=band.currency), WARNING)
