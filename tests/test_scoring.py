"""The scoring rule, case by case: every segment, both directions, one point, the cap, below pass,
qualitative levels and raters (the table is also what the HTML form's script and the workbook's
formulas are checked against)."""

import pytest

from rolebook.spec.model import Assessment, Grade, Kpi
from rolebook.spec.scoring import (
    Rule, grade_of, kpi_points, levels_of, qualitative_score, quantitative_score, rule_of, shown, weighted,
)

DEFAULT = Rule()


def kpi(direction="higher", target=None, passing=None, excellent=None, **extra):
    thresholds = {} if passing is None and excellent is None else {"pass": passing, "excellent": excellent}
    return Kpi.model_validate({"id": "k", "name": "K", "weight": 10, "direction": direction, "target": target,
                               **({"thresholds": thresholds} if thresholds else {}), **extra})


def score(k, result, rule=DEFAULT):
    return quantitative_score(kpi_points(k, rule), k.direction, result, rule)


# (KPI, result, expected score) — default points: pass 60, target 100, excellent 120, below 0, cap 120.
HIGHER = kpi(target=100, passing=90, excellent=105)
LOWER = kpi("lower", target=3, passing=5, excellent=2)
QUANTITATIVE = [
    (HIGHER, 80, 0),            # worse than pass: below_pass
    (HIGHER, 90, 60),           # at pass
    (HIGHER, 95, 80),           # pass → target, halfway
    (HIGHER, 100, 100),         # at target
    (HIGHER, 102, 108),         # target → excellent: 100 + 2/5 × 20
    (HIGHER, 105, 120),         # at excellent
    (HIGHER, 106, 120),         # beyond the best point the slope goes on (124), held to the cap
    (LOWER, 6, 0),              # lower is better: more than pass is worse
    (LOWER, 5, 60),
    (LOWER, 4, 80),
    (LOWER, 3, 100),
    (LOWER, 2.5, 110),
    (LOWER, 2, 120),
    (LOWER, 1, 120),            # beyond excellent: slope 20 per unit → 140, held to 120
    (kpi(target=10), 10, 100),  # a single point: its score at or better than it
    (kpi(target=10), 12, 100),
    (kpi(target=10), 9.99, 0),  # and below_pass otherwise
    (kpi("lower", target=10), 8, 100),
    (kpi("lower", target=10), 11, 0),
    (kpi(passing=50, excellent=100), 75, 90),   # no target: pass → excellent directly (60 → 120)
    (kpi(passing=50, excellent=100), 110, 120),  # 132 held to the cap
    (kpi(target=100, passing=90), 110, 120),     # no excellent: the pass → target slope goes on (140), capped
    (kpi(target=100, passing=90), 102, 108),
    (kpi(target=90, passing=90, excellent=100), 90, 100),  # two points at one value: the better score
    (kpi(target=90, passing=90, excellent=100), 95, 110),
    (kpi(), 87.5, 87.5),        # no point at all: the number written is the score
    (kpi(), 150, 120),
    (kpi(), -3, 0),
]


@pytest.mark.parametrize("k, result, expected", QUANTITATIVE)
def test_quantitative_scores(k, result, expected):
    assert score(k, result) == pytest.approx(expected)


def test_a_roles_own_points_below_pass_and_cap():
    rule = rule_of(Assessment.model_validate({"scoring": {"points": {"pass": 70, "target": 100, "excellent": 110},
                                                          "below_pass": 20, "cap": 150}}))
    assert [score(HIGHER, r, rule) for r in (80, 90, 95, 105, 110)] == pytest.approx([20, 70, 85, 110, 120])
    assert score(HIGHER, 120, rule) == pytest.approx(140)  # beyond excellent: 2 points per unit
    assert score(HIGHER, 130, rule) == pytest.approx(150)  # 160, held to the cap


QUALITATIVE = kpi(type="qualitative", criteria=[{"level": "Excellent", "score": 110}, {"level": "Good", "score": 90},
                                                {"level": "Poor"}])


@pytest.mark.parametrize("ratings, raters, expected", [
    ({"supervisor": "Excellent"}, (("supervisor", 100.0),), 110),
    ({"supervisor": "Good"}, (("supervisor", 100.0),), 90),
    ({"supervisor": 35}, (("supervisor", 100.0),), 35),          # a level without a score: the number written
    ({"supervisor": "35"}, (("supervisor", 100.0),), 35),
    ({"supervisor": 500}, (("supervisor", 100.0),), 120),        # held to the cap
    ({"self": "Excellent", "supervisor": "Good"}, (("self", 20.0), ("supervisor", 80.0)), 94),
    ({"self": "Good", "supervisor": 50}, (("self", 30.0), ("supervisor", 70.0)), 62),
])
def test_qualitative_scores(ratings, raters, expected):
    rule = Rule(raters=raters)
    assert qualitative_score(levels_of(QUALITATIVE), ratings, rule) == pytest.approx(expected)


@pytest.mark.parametrize("rating", ["Poor", "Outstanding"])
def test_a_rating_that_cannot_be_scored_is_refused(rating):
    from rolebook.spec.scoring import RatingError

    with pytest.raises(RatingError):
        qualitative_score(levels_of(QUALITATIVE), {"supervisor": rating}, DEFAULT)


GRADES = [Grade(grade="S", min=95), Grade(grade="A", min=85), Grade(grade="B", min=70), Grade(grade="C", min=0)]


@pytest.mark.parametrize("total, expected", [(120, "S"), (95, "S"), (94.999, "A"), (85, "A"),
                                             (84.99999999999999, "A"), (70, "B"), (69.99, "C"), (0, "C")])
def test_the_grade_is_the_first_band_the_total_reaches(total, expected):
    assert grade_of(total, GRADES) == expected


def test_weighted_scores_and_display_rounding():
    assert weighted(108, 25) == pytest.approx(27)
    assert [shown(x) for x in (2.675, 1.005, 0.125, 99.994999, 100)] == ["2.68", "1.01", "0.13", "99.99", "100.00"]
