"""extends and use: merge rules, order, and positions that follow the value's file."""

from rolebook.project import load_project

FAMILY = """\
id: family
title: Family
abstract: true
department: Sales
duties:
  - id: common
    title: Common duty
    daily_tasks: [shared task]
assessment:
  dimensions:
    - id: d
      name: D
      kpis:
        - {id: a, name: A, weight: 50}
        - {id: b, name: B, weight: 50}
"""


def test_child_overrides_scalars_merges_by_id_and_replaces_plain_lists(project, monkeypatch):
    root = project({
        "role_specs/family.yaml": FAMILY,
        "role_specs/child.yaml": "id: child\ntitle: Child\nextends: family\nduties:\n"
                                 "  - id: own\n    title: Own\n"
                                 "  - id: common\n    daily_tasks: [child task]\n"
                                 "assessment:\n  dimensions:\n    - id: d\n      kpis:\n"
                                 "        - {id: b, weight: 40}\n        - {id: c, name: C, weight: 10}\n",
    })
    monkeypatch.chdir(root)
    result = load_project(root)
    assert result.problems == []
    child = result.roles["child"]
    assert not child.abstract and child.department == "Sales"
    assert [d.id for d in child.duties] == ["own", "common"]
    common = child.duties[1]
    assert common.title == "Common duty" and common.daily_tasks == ["child task"]
    assert [(k.id, k.weight) for k in child.kpis()] == [("a", 50), ("b", 40), ("c", 10)]


def test_parent_items_the_child_does_not_name_follow_its_own(project, monkeypatch):
    root = project({
        "role_specs/family.yaml": FAMILY,
        "role_specs/child.yaml": "id: child\ntitle: Child\nextends: family\nduties:\n"
                                 "  - {id: x, title: X}\n  - {id: y, title: Y}\n",
    })
    monkeypatch.chdir(root)
    child = load_project(root).roles["child"]
    assert [d.id for d in child.duties] == ["x", "y", "common"]


def test_problem_in_inherited_value_points_at_the_parent_file(project, monkeypatch):
    root = project({
        "role_specs/family.yaml": FAMILY.replace("{id: a, name: A, weight: 50}",
                                                 "{id: a, name: A, weight: 50, dimension: 1}"),
        "role_specs/child.yaml": "id: child\ntitle: Child\nextends: family\n",
    })
    monkeypatch.chdir(root)
    problems = load_project(root).problems
    assert {(p.file, p.line, p.code) for p in problems} == {("role_specs/family.yaml", 14, "unknown-field")}


def test_library_kpi_override_keeps_library_positions(project, monkeypatch):
    root = project({
        "library/kpis.yaml": "- id: sat\n  name: Satisfaction\n  target: 85\n  thresholds: {pass: 80, excellent: 90}\n",
        "role_specs/r.yaml": "id: r\ntitle: R\nduties: [{title: T}]\nassessment:\n  dimensions:\n"
                             "    - name: D\n      kpis:\n        - use: sat\n          weight: 100\n"
                             "          thresholds: {pass: 95, excellent: 99}\n",
    })
    monkeypatch.chdir(root)
    result = load_project(root)
    # The role's thresholds win; the library's target (85) now lies outside them.
    assert [(p.file, p.line, p.code) for p in result.problems] == [("role_specs/r.yaml", 10, "thresholds-order")]


def test_weights_of_a_concrete_role_must_be_given(project, monkeypatch):
    root = project({
        "library/kpis.yaml": "- id: sat\n  name: Satisfaction\n",
        "role_specs/r.yaml": "id: r\ntitle: R\nduties: [{title: T}]\nassessment:\n  dimensions:\n"
                             "    - name: D\n      kpis:\n        - use: sat\n",
    })
    monkeypatch.chdir(root)
    codes = {p.code for p in load_project(root).problems}
    assert codes == {"missing-field", "weights-sum"}


def test_library_kpi_may_not_carry_a_weight(project, monkeypatch):
    root = project({
        "library/kpis.yaml": "- id: sat\n  name: Satisfaction\n  weight: 10\n",
        "role_specs/r.yaml": "id: r\ntitle: R\nduties: [{title: T}]\n",
    })
    monkeypatch.chdir(root)
    assert [(p.file, p.code) for p in load_project(root).problems] == [("library/kpis.yaml", "unknown-field")]


def test_dates_as_people_write_them(project, monkeypatch):
    root = project({"role_specs/r.yaml": "id: r\ntitle: R\nduties: [{title: T}]\neffective: 2026-1-5\n",
                    "role_specs/s.yaml": "id: s\ntitle: S\nduties: [{title: T}]\neffective: 2026-02-30\n"})
    monkeypatch.chdir(root)
    result = load_project(root)
    assert str(result.roles["r"].effective) == "2026-01-05"
    assert [(p.file, p.code) for p in result.problems] == [("role_specs/s.yaml", "type")]
