"""The repository's own example project: the seeds' roles, transcribed."""

import pytest

from rolebook.project import load_project

from conftest import REPO


@pytest.fixture(scope="module")
def example():
    return load_project(REPO)


def test_example_project_validates_clean(example):
    assert [str(p) for p in example.problems] == []


def test_concrete_roles_and_the_abstract_family(example):
    assert [r.id for r in example.concrete_roles()] == ["sales-manager", "sales-rep", "telesales-supervisor"]
    assert example.roles["sales-family"].abstract


def test_family_content_is_inherited(example):
    family = example.roles["sales-family"].assessment
    for role in example.concrete_roles():
        assert role.assessment.grades == family.grades
        assert role.assessment.process == family.process
        assert role.assessment.signatures == ["被考核人", "直接上级", "人力资源部"]
        assert role.assessment.appeal == family.appeal
        assert "cross-department-collaboration" in [d.id for d in role.duties]
        assert role.language is None and example.language_of(role) == "zh-CN"


def test_seed_003_weight_ranges(example):
    manager = example.roles["sales-manager"]
    ranges = {d.id: d.weight_range for d in manager.assessment.dimensions}
    assert ranges == {"results": (40, 60), "team": (20, 30), "market": (10, 20), "operations": (5, 10),
                      "cost": None}  # seed 001's 成本控制, a dimension of its own without a band


def test_seed_001_thresholds_survive_library_use(example):
    manager = example.roles["sales-manager"]
    kpis = {k.id: k for k in manager.kpis()}
    attainment = kpis["sales-attainment"]
    assert (attainment.thresholds.pass_, attainment.thresholds.excellent) == (90, 105)
    assert attainment.name == "销售额/回款额达成率"  # overridden beside `use`
    assert attainment.source == "CRM 系统、财务报表"  # from the library
    deviation = kpis["cost-deviation"]
    assert deviation.direction == "lower" and (deviation.thresholds.pass_, deviation.thresholds.excellent) == (5, 2)


def test_no_traditional_characters_or_pinyin_left(example):
    text = "".join(path.read_text(encoding="utf-8") for path in (REPO / "role_specs").glob("*.yaml"))
    text += "".join(path.read_text(encoding="utf-8") for path in (REPO / "policies").glob("*.md"))
    for traditional in "銷職責經績團隊與為務戶說":
        assert traditional not in text
    assert "(zé)" not in text and "(chǎn)" not in text
