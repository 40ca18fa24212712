"""The scoring rule of an appraisal: how a result becomes a KPI score, a weighted score, a total and a
grade. Pure functions, no I/O; the HTML form's script and the workbook's formulas implement the same
rule and are tested against this one.

For a quantitative KPI with result x, the points are (threshold value, score) for pass, target and
excellent, the ones the KPI has. Along the KPI's direction: worse than the worst point scores
`below_pass`; at a point, that point's score; between two points, in proportion; beyond the best
point, the slope of the last segment goes on; then the score is held to [0, cap]. One point: its
score at or better than it, `below_pass` otherwise. No point at all: the number written is the score.
A qualitative KPI scores the level ticked (or the number written); several raters: their weighted
mean. Weighted score = score × weight / 100. Each adjustment (加减分) adds points × count, limited to
its `max` in size; their sum is limited to `adjustment_limits`; the total is the weighted sum plus that,
limited to [0, cap]. The grade is the first band (best first) whose `min` the total reaches, unless a
veto (一票否决) occurred: then the veto's grade (the lowest band by default; the worst of several).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable, Mapping

from rolebook.messages import _

DEFAULT_POINTS = {"pass": 60.0, "target": 100.0, "excellent": 120.0}
DEFAULT_BELOW_PASS = 0.0
DEFAULT_CAP = 120.0
DEFAULT_RATERS = (("supervisor", 100.0),)
# Totals are sums of products of decimals: 84.99999999999999 must still reach a band at 85.
TOLERANCE = 1e-9


@dataclass(frozen=True)
class Rule:
    """The scoring settings of a role (assessment.scoring and assessment.raters)."""

    points: tuple[tuple[str, float], ...] = tuple(DEFAULT_POINTS.items())  # pass, target, excellent
    below_pass: float = DEFAULT_BELOW_PASS
    cap: float = DEFAULT_CAP
    raters: tuple[tuple[str, float], ...] = DEFAULT_RATERS  # (rater, weight in percent)

    def score_of(self, point: str) -> float:
        return dict(self.points)[point]


def rule_of(assessment) -> Rule:
    """The Rule of an assessment (a model Assessment or None), defaults filled in."""
    scoring = getattr(assessment, "scoring", None)
    raters = tuple((r.rater, float(r.weight)) for r in getattr(assessment, "raters", None) or []) or DEFAULT_RATERS
    if scoring is None:
        return Rule(raters=raters)
    points = scoring.points
    return Rule(points=(("pass", float(points.pass_)), ("target", float(points.target)),
                        ("excellent", float(points.excellent))),
                below_pass=float(scoring.below_pass), cap=float(scoring.cap), raters=raters)


def kpi_points(kpi, rule: Rule) -> list[tuple[float, float]]:
    """(threshold value, score) of the KPI, worse to better (for lower-is-better, larger to smaller)."""
    thresholds = kpi.thresholds
    values = {"pass": thresholds.pass_ if thresholds else None, "target": kpi.target,
              "excellent": thresholds.excellent if thresholds else None}
    found = [(float(values[name]), score) for name, score in rule.points if values[name] is not None]
    sign = 1.0 if kpi.direction == "higher" else -1.0
    return sorted(found, key=lambda point: (sign * point[0], point[1]))


def score_line(points: list[tuple[float, float]], direction: str) -> list[tuple[float, float]]:
    """The points along the better direction (values negated for lower-is-better), one per value: at one
    value the better score wins."""
    sign = 1.0 if direction == "higher" else -1.0
    line: list[tuple[float, float]] = []
    for value, score in ((sign * v, s) for v, s in points):
        if line and value == line[-1][0]:
            line[-1] = (value, max(score, line[-1][1]))
        else:
            line.append((value, score))
    return line


def quantitative_score(points: list[tuple[float, float]], direction: str, result: float, rule: Rule) -> float:
    """The score of a result against the KPI's points (see the module's rule)."""
    if not points:
        return _held(result, rule)
    sign = 1.0 if direction == "higher" else -1.0
    x = sign * result
    line = score_line(points, direction)
    if x < line[0][0]:
        return _held(rule.below_pass, rule)
    if len(line) == 1:
        return _held(line[0][1], rule)
    for (u1, s1), (u2, s2) in zip(line, line[1:]):
        if x <= u2:
            return _held(s1 + (x - u1) * (s2 - s1) / (u2 - u1), rule)
    (u1, s1), (u2, s2) = line[-2], line[-1]
    return _held(s2 + (x - u2) * (s2 - s1) / (u2 - u1), rule)


def _held(score: float, rule: Rule) -> float:
    return min(max(score, 0.0), rule.cap)


class RatingError(ValueError):
    """A rating that is neither a level of the KPI nor a number."""


def rating_score(levels: Mapping[str, float | None], rating, rule: Rule) -> float:
    """One rater's score of a qualitative KPI: the ticked level's score, or the number written."""
    if isinstance(rating, (int, float)) and not isinstance(rating, bool):
        return _held(float(rating), rule)
    text = str(rating).strip()
    if text in levels and levels[text] is not None:
        return float(levels[text])
    try:
        return _held(float(text), rule)
    except ValueError:
        pass
    if text in levels:
        raise RatingError(_("level '{level}' has no score of its own; write the score as a number").format(level=text))
    raise RatingError(_("'{value}' is not one of the levels ({levels}) nor a number").format(
        value=text, levels=_(", ").join(levels)))


def qualitative_score(levels: Mapping[str, float | None], ratings: Mapping[str, object], rule: Rule) -> float:
    """The raters' weighted mean of their scores; `ratings` maps each rater to a level or a number."""
    total_weight = sum(weight for _, weight in rule.raters)
    score = sum(weight * rating_score(levels, ratings[rater], rule) for rater, weight in rule.raters)
    return score / total_weight if total_weight else 0.0


def levels_of(kpi) -> dict[str, float | None]:
    return {criterion.level: (None if criterion.score is None else float(criterion.score))
            for criterion in kpi.criteria}


def weighted(score: float, weight: float) -> float:
    return score * weight / 100.0


def total(weighted_scores: Iterable[float]) -> float:
    return sum(weighted_scores)


def grade_of(total_score: float, grades) -> str | None:
    """The first band (best first) whose `min` the total reaches."""
    for band in grades:
        if total_score + TOLERANCE >= band.min:
            return band.grade
    return None


def shown(value: float) -> str:
    """Two decimals, rounded half up (as people round, not as binary floats do): 2.675 → 2.68."""
    return str(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Appraisal:
    """One employee's scored appraisal of one role."""

    scores: dict[str, float]  # KPI id → score
    weighted: dict[str, float]  # KPI id → weighted score
    total: float
    grade: str | None
    adjustment: float = 0.0  # the bounded sum of the adjustments
    vetoed: tuple[str, ...] = ()  # the vetoes that occurred


def adjusted(weighted_sum: float, adjustments, counts: Mapping[str, float], limits, cap: float) -> tuple[float, float]:
    """(the bounded adjustment, the total): each item points × count within ±max, their sum within the
    limits, the total within [0, cap]."""
    adjustment = 0.0
    for item in adjustments:
        value = float(item.points or 0) * float(counts.get(item.id, 0) or 0)
        if item.max is not None:
            value = max(-float(item.max), min(float(item.max), value))
        adjustment += value
    if limits is not None and limits.min is not None:
        adjustment = max(float(limits.min), adjustment)
    if limits is not None and limits.max is not None:
        adjustment = min(float(limits.max), adjustment)
    return adjustment, min(max(weighted_sum + adjustment, 0.0), cap)


def veto_grade(vetoes, occurred: Iterable[str], grades) -> str | None:
    """The grade the vetoes that occurred set: each its own (default the lowest band); the worst of them."""
    bands = [band.grade for band in grades]
    found = [veto.grade or (bands[-1] if bands else None) for veto in vetoes if veto.id in set(occurred)]
    found = [grade for grade in found if grade is not None]
    return max(found, key=lambda grade: bands.index(grade) if grade in bands else len(bands)) if found else None


def appraise(role, results: Mapping[str, object]) -> Appraisal:
    """Score a role's KPIs from results: KPI id → a number (quantitative), or for a qualitative KPI a
    level name or number, or with several raters a mapping rater → level or number; `veto:ID` → whether it
    occurred, `adj:ID` → how many times."""
    rule = rule_of(role.assessment)
    scores: dict[str, float] = {}
    for kpi in role.kpis():
        value = results[kpi.id]
        if kpi.kind == "qualitative":
            ratings = value if isinstance(value, Mapping) else {rater: value for rater, _ in rule.raters}
            scores[kpi.id] = qualitative_score(levels_of(kpi), ratings, rule)
        else:
            scores[kpi.id] = quantitative_score(kpi_points(kpi, rule), kpi.direction, float(value), rule)
    weights = {kpi.id: float(kpi.weight or 0) for kpi in role.kpis()}
    weighted_scores = {kpi_id: weighted(score, weights[kpi_id]) for kpi_id, score in scores.items()}
    assessment = role.assessment
    counts = {item.id: float(results.get(f"adj:{item.id}") or 0) for item in assessment.adjustments}
    adjustment, overall = adjusted(total(weighted_scores.values()), assessment.adjustments, counts,
                                   assessment.adjustment_limits, rule.cap)
    vetoed = tuple(veto.id for veto in assessment.vetoes if results.get(f"veto:{veto.id}"))
    grade = veto_grade(assessment.vetoes, vetoed, assessment.grades) if vetoed else None
    return Appraisal(scores, weighted_scores, overall, grade or grade_of(overall, assessment.grades), adjustment,
                     vetoed)


def form_config(role) -> dict:
    """What the HTML form's script needs to score a role with this rule: plain data (JSON)."""
    rule = rule_of(role.assessment)
    grades = role.assessment.grades if role.assessment else []
    limits = role.assessment.adjustment_limits if role.assessment else None
    config = {
        "below_pass": rule.below_pass,
        "cap": rule.cap,
        "raters": [[rater, weight] for rater, weight in rule.raters],
        "grades": [[band.grade, float(band.min)] for band in grades],
        "kpis": [{"id": kpi.id, "weight": float(kpi.weight or 0), "kind": kpi.kind, "direction": kpi.direction,
                  "points": [list(point) for point in kpi_points(kpi, rule)], "levels": levels_of(kpi),
                  "percent": kpi.unit == "%"}
                 for kpi in role.kpis()],
    }
    assessment = role.assessment
    if assessment and (assessment.vetoes or assessment.adjustments):  # only then: other forms stay as they were
        config["vetoes"] = [[veto.id, veto.grade or (grades[-1].grade if grades else None)]
                            for veto in assessment.vetoes]
        config["adjustments"] = [[item.id, float(item.points or 0), None if item.max is None else float(item.max)]
                                 for item in assessment.adjustments]
        config["limits"] = [None if limits is None or limits.min is None else float(limits.min),
                            None if limits is None or limits.max is None else float(limits.max)]
    return config
