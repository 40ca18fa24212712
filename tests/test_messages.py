"""What a new user's common mistakes get: a plain hint at the line of the mistake, exactly one problem
each (no knock-on problems), did-you-mean for references, and a single value taken as a list of one."""

import pytest

from rolebook.project import load_project

from conftest import run_rolebook, write_files

ROLE = "id: r\ntitle: R\n"
VALID = "duties: [{title: T}]\n"  # what a concrete role needs besides id and title


def problems(tmp_path, files: dict[str, str]) -> list[str]:
    root = write_files(tmp_path / "p", files)
    result = run_rolebook("validate", cwd=root)
    assert "Traceback" not in result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize("text, where, hint", [
    (ROLE + "duties:\n\t- title: a\n", "4:1", "a tab in the indentation; YAML indents with spaces only"),
    (ROLE + "summary: 本岗位: 负责销售\n", "3:13",
     'put the text in quotes: summary: "本岗位: 负责销售" (or write the full-width colon ：)'),
    (ROLE + 'summary: The role: "sells"\n', "3:18", 'summary: "The role: \\"sells\\""'),
    ("id: r\ntitle R\nsummary: x\n", "2:1", "'title R' has no ':' after its key; write it as title: R"),
    (ROLE + "duties:\n  - title: a\n   daily_tasks: x\n", "5:4",
     "starts in column 4, where nothing above it does; line it up with 'title' in column 5 on line 4"),
    (ROLE + "duties:\n  - title: a\n      daily_tasks: x\n", "5:7",
     "'daily_tasks' is indented more than 'title' on line 4; keys of one mapping start in the same column "
     "(column 5)"),
    ("id: r\n  title: R\n", "2:3", "'title' is indented more than 'id' on line 1"),
    (ROLE + "duties:\n  - title: a\n    daily_tasks: x\n  deliverables: y\n", "6:3",
     "like the list's items (line 4) but is not one: start it with '- ', or line it up with 'title'"),
])
def test_yaml_mistakes_get_a_hint_at_the_line_of_the_mistake(tmp_path, text, where, hint):
    found = problems(tmp_path, {"role_specs/r.yaml": text})
    assert len(found) == 1, found
    assert found[0].startswith(f"role_specs/r.yaml:{where}: error[yaml-syntax]: ") and hint in found[0], found[0]


def test_an_unquoted_colon_in_a_list_item_says_to_quote_it(tmp_path):
    found = problems(tmp_path, {"role_specs/r.yaml": ROLE + "duties:\n  - title: a\n    daily_tasks:\n"
                                                            "      - 拜访客户: 每周两次\n"})
    assert found == ["role_specs/r.yaml:6:9: error[type]: duties[0].daily_tasks[0]: expected text, found a "
                     "mapping: the ': ' in '拜访客户: 每周两次' makes it a key and its value; put the text in quotes: "
                     '"拜访客户: 每周两次"']


def test_a_single_value_is_a_list_of_one_in_every_list_field(tmp_path):
    root = write_files(tmp_path / "p", {
        "rolebook.yaml": "posting:\n  benefits: Paid leave\nhandbook:\n  roles: r\n",
        "library/kpis.yaml": "id: calls\nname: Calls\ncriteria: Good\n",  # the library itself: a list of one
        "role_specs/r.yaml": ROLE + """\
duties:
  title: Sell
  daily_tasks: Call customers
  collaboration:
    with: Marketing
  deliverables: A report
requirements:
  skills: SQL
  competencies: Teamwork
  certificates: CPA
assessment:
  methods: KPI review
  dimensions:
    name: Output
    kpis:
      use: calls
      weight: 100
  signatures: HR
glossary:
  term: Calls
  definition: Calls made
""",
    })
    result = run_rolebook("validate", "--strict", cwd=root)
    assert result.returncode == 0, result.stdout
    role = load_project(root).roles["r"]
    duty = role.duties[0]
    assert (duty.daily_tasks, duty.deliverables, duty.collaboration[0].with_) == (
        ["Call customers"], ["A report"], ["Marketing"])
    assert role.requirements.skills == ["SQL"] and role.requirements.competencies[0].name == "Teamwork"
    assert role.assessment.methods == ["KPI review"] and role.assessment.signatures == ["HR"]
    assert role.kpis()[0].criteria[0].level == "Good" and role.glossary[0].term == "Calls"
    settings = load_project(root).settings
    assert settings.posting.benefits == ["Paid leave"] and settings.handbook.roles == ["r"]


def test_a_file_that_does_not_parse_is_reported_once(tmp_path):
    found = problems(tmp_path, {
        "role_specs/family.yaml": "id: family\ntitle: F\nabstract: true\nsummary: a: b\n",
        "role_specs/boss.yaml": "id: boss\ntitle: [B\n",
        "role_specs/r.yaml": ROLE + VALID + "extends: family\nreports_to: boss\ncareer_path:\n  to: [boss]\n",
        "rolebook.yaml": "handbook:\n  roles: [r, boss]\n",
    })
    assert [line.split(": error[")[1].split("]")[0] for line in found] == ["yaml-syntax", "yaml-syntax"], found


def test_a_library_that_does_not_parse_adds_no_problem_to_its_users(tmp_path):
    found = problems(tmp_path, {
        "library/kpis.yaml": "- id: calls\n  name: Calls: made\n",
        "role_specs/r.yaml": ROLE + VALID + "assessment:\n  dimensions:\n    - name: D\n      kpis:\n"
                                            "        - use: calls\n          weight: 100\n",
    })
    assert len(found) == 1 and found[0].startswith("library/kpis.yaml:2:") and "yaml-syntax" in found[0]


def test_a_wrong_direction_is_one_problem(tmp_path):
    found = problems(tmp_path, {"role_specs/r.yaml": ROLE + VALID + """\
assessment:
  dimensions:
    - name: D
      kpis:
        - id: errors
          name: Errors
          weight: 100
          direction: down
          thresholds: {pass: 5, excellent: 1}
"""})
    assert len(found) == 1 and "error[type]: " in found[0] and "'higher' or 'lower'" in found[0], found


def test_an_override_of_a_library_kpi_is_reported_at_the_role_with_the_library_line(tmp_path):
    found = problems(tmp_path, {
        "library/kpis.yaml": "- id: sla\n  name: SLA\n  target: 95\n  thresholds: {pass: 90, excellent: 99}\n",
        "role_specs/r.yaml": ROLE + VALID + "assessment:\n  dimensions:\n    - name: D\n      kpis:\n"
                                            "        - use: sla\n          weight: 100\n          direction: lower\n",
    })
    assert found == ["role_specs/r.yaml:10:22: error[thresholds-order]: KPI 'sla' (lower is better): pass 90 must "
                     "be above excellent 99; if a higher result is better, write direction: higher (the thresholds are "
                     "defined at library/kpis.yaml:4:15)"]


def test_references_suggest_the_id_meant(tmp_path):
    found = problems(tmp_path, {
        "library/kpis.yaml": "- id: sla-compliance\n  name: SLA\n",
        "role_specs/sales-family.yaml": "id: sales-family\ntitle: F\nabstract: true\n",
        "role_specs/sales-manager.yaml": "id: sales-manager\ntitle: M\n" + VALID,
        "role_specs/r.yaml": ROLE + VALID + "extends: sales-famly\nreports_to: sales-manger\nassessment:\n  dimensions:\n"
                                    "    - name: D\n      kpis:\n        - use: sla-complience\n          weight: 100\n",
    })
    text = "\n".join(found)
    assert "extends 'sales-famly', but no role has that id; did you mean 'sales-family'?" in text
    assert "did you mean 'sales-manager'?" in text and "did you mean 'sla-compliance'?" in text
    assert len(found) == 3, found


def test_an_unknown_role_option_suggests_the_role_meant(tmp_path):
    root = write_files(tmp_path / "p", {"role_specs/sales-manager.yaml": "id: sales-manager\ntitle: M\n" + VALID})
    result = run_rolebook("build", "--role", "sales-manger", cwd=root)
    assert result.returncode == 2 and "did you mean 'sales-manager'?" in result.stderr
    assert not (root / "build").exists() or not any((root / "build").rglob("*.docx"))
