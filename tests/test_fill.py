"""A filled appraisal (the role's form rendered once, each employee's values put in its holes:
results/fill.py) is the same bytes as the appraisal rendered from scratch, whatever the values; values
and forms that cannot be filled are rendered, never filled wrong."""

import csv
import io
import random
import re
from zipfile import ZipFile

import pytest

from rolebook.project import load_project
from rolebook.render.documents import Renderer
from rolebook.results import appraisals
from rolebook.results.appraisals import Appraiser, render_appraisal, score
from rolebook.results.check import check_results
from rolebook.results.fill import FilledForm, plain
from rolebook.results.read import read_table

from conftest import REPO, copy_project
from test_score import cases

PROJECTS = {"example": REPO, "scored": REPO / "tests" / "render_projects" / "scored",
            "vetoes": REPO / "tests" / "projects" / "vetoes"}
NAMES = ["E001", "张伟", "Zhang Wei", "Anne-Marie O'Neil", "李 娜", "王小明（销售一部）", "*bold*", "<b>x</b>",
         "a & b", " padded ", "x  y", "1. listed", "# heading", "a|b", "under_score", "=cmd|' /C calc'!A0",
         "欧阳" * 30, "Wolfeschlegelsteinhausenbergerdorff Hubert Blaine", "Ünal Çelik", "ABC.", "50%",
         "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaftschaferswessen"]


def records_of(root, rows_per_role=12, seed=7):
    """Results for every concrete role of a project: the test_score cases plus odd employee names,
    vetoes that occur and adjustments counted now and then."""
    project = load_project(root)
    rng = random.Random(seed)
    scored, number = [], 0
    for role in project.concrete_roles():  # a file per role: roles with several raters have their own columns
        rows = []
        for n, case in enumerate(cases(role, rows_per_role, seed)):
            name = NAMES[number % len(NAMES)] + (f" {number}" if number >= len(NAMES) else "")
            number += 1
            row = {"employee": name, "role": role.id, "period": "2026Q1"}
            row.update({key: (f"{value:g}" if isinstance(value, float) else value) for key, value in case.items()})
            for veto in role.assessment.vetoes:
                row[f"veto:{veto.id}"] = "yes" if n % 4 == 1 else "no"
            for item in role.assessment.adjustments:
                row[f"adj:{item.id}"] = str(rng.choice([0, 0, 1, 2]))
            rows.append(row)
        path = root / f"results-{role.id}.csv"
        with path.open("w", newline="", encoding="utf-8") as stream:
            writer = csv.DictWriter(stream, list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        records, problems = check_results(project, read_table(path, path.name), None)
        assert not problems, [str(p) for p in problems[:3]]
        scored += score(records)
    return project, scored


def with_form_addition(root, addition):
    """The project with its own form.md.j2: the built-in one with `addition` before the scoring block."""
    template = (REPO / "rolebook" / "render" / "templates" / "form.md.j2").read_text(encoding="utf-8")
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / "form.md.j2").write_text(template.replace("{% block scoring %}",
                                                                    addition + "{% block scoring %}", 1))
    return root


def spied(monkeypatch) -> list:
    """The appraisals the Appraiser renders from scratch (instead of filling), as they happen."""
    rendered = []
    monkeypatch.setattr(appraisals, "render_appraisal",
                        lambda *args: rendered.append(args[1]) or render_appraisal(*args))
    return rendered


@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_filled_appraisals_are_the_rendered_ones(name, tmp_path, monkeypatch):
    root = copy_project(PROJECTS[name], tmp_path / name)
    project, scored = records_of(root)
    renderer = Renderer(project)
    appraiser = Appraiser(renderer)
    rendered_from_scratch = spied(monkeypatch)
    for item in scored:
        for formats in (("docx", "html"), ("html",)):
            assert appraiser.render(item, formats) == render_appraisal(renderer, item, formats), \
                (item.record.employee, formats)
    assert all(appraiser.forms.values()), "every role's form can be filled"
    # The fill is what runs for ordinary values (negative numbers, vetoes and CJK names included); a name
    # with Markdown, escaping or edge spaces gets its appraisal rendered.
    ordinary = [item for item in scored if plain(item.record.employee) and "'" not in item.record.employee]
    assert ordinary and not [item.record.employee for item in ordinary if item in rendered_from_scratch]
    assert all(item in rendered_from_scratch for item in scored if item not in ordinary)


def test_widths_follow_the_values(tmp_path):
    """A name longer than its cell (one word of 75 letters) widens its column of the Word table: the filled
    form computes each employee's widths. (A name that fits leaves the key/value table's widths alone.)"""
    root = copy_project(REPO, tmp_path / "example")
    project, scored = records_of(root, rows_per_role=len(NAMES))
    appraiser = Appraiser(Renderer(project))
    role = scored[0].record.role
    short = next(i for i in scored if i.record.role is role and i.record.employee.startswith("E001"))
    long = next(i for i in scored if i.record.role is role and i.record.employee.startswith("Wolfeschlegelsteinhausen"
                                                                                             "bergerdorffvor"))
    grids = []
    for item in (short, long):
        document = ZipFile(io.BytesIO(appraiser.render(item, ("docx",))["docx"])).read("word/document.xml")
        grids.append(re.findall(rb"<w:tblGrid>.*?</w:tblGrid>", document)[0])
    assert grids[0] != grids[1]


def test_text_in_the_spec_that_looks_like_a_hole_is_rendered(tmp_path):
    root = copy_project(REPO, tmp_path / "example")
    spec = root / "role_specs" / "sales-rep.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("title: 销售人员", "title: 销售人员\ue123", 1),
                    encoding="utf-8")
    assert "\ue123" in spec.read_text(encoding="utf-8")
    project, scored = records_of(root, rows_per_role=3)
    renderer = Renderer(project)
    appraiser = Appraiser(renderer)
    for item in scored:
        assert appraiser.render(item, ("docx", "html")) == render_appraisal(renderer, item, ("docx", "html"))
    assert [key for key, form in appraiser.forms.items() if form is None] == \
        [key for key in appraiser.forms if key[0] == "sales-rep"]


@pytest.mark.parametrize("addition", [
    # the total on a line of its own inside a paragraph: the soft break before it is a space or nothing
    # depending on the value's first character
    '\n\n总分\n{{ field("out", "total", t.total) }}\n',
    # a field in a link's address is no text of a line
    '\n\n[Profile](https://example.com/{{ field("text", "employee", "x") }})\n',
], ids=["beside-a-soft-break", "in-a-link"])
def test_a_form_whose_field_stands_where_it_cannot_be_filled_is_rendered(addition, tmp_path):
    """A project's own form.md.j2 that puts a field where its value changes more than its own text: that
    form is not filled, every appraisal of it is rendered (and nothing fails)."""
    root = with_form_addition(copy_project(REPO, tmp_path / "example"), addition)
    project, scored = records_of(root, rows_per_role=2)
    renderer = Renderer(project)
    appraiser = Appraiser(renderer)
    for item in scored:
        assert appraiser.render(item, ("docx", "html")) == render_appraisal(renderer, item, ("docx", "html"))
    assert appraiser.forms and not any(appraiser.forms.values())


def test_a_value_whose_sign_changes_the_emphasis_beside_it_is_rendered(tmp_path, monkeypatch):
    """`**(Adjustment)**-2.00` is bold, `**(Adjustment)**2.00` is not (an emphasis mark after punctuation
    closes only before punctuation or a space): the line is parsed with each value before it is filled."""
    root = with_form_addition(copy_project(PROJECTS["vetoes"], tmp_path / "vetoes"),
                              '\n\n**(Adjustment)**{{ field("out", "adjustment", t.adjustment_total) }}\n')
    project, scored = records_of(root, rows_per_role=16)
    renderer = Renderer(project)
    appraiser = Appraiser(renderer)
    rendered_from_scratch = spied(monkeypatch)
    for item in scored:
        assert appraiser.render(item, ("docx", "html")) == render_appraisal(renderer, item, ("docx", "html"))
    ordinary = [item for item in scored if plain(item.record.employee) and "'" not in item.record.employee]
    negative = [item for item in ordinary if item.appraisal.adjustment < 0]
    assert negative and all(item in rendered_from_scratch for item in negative)
    assert any(item not in rendered_from_scratch for item in ordinary if item.appraisal.adjustment >= 0)


@pytest.mark.parametrize("value", ["85", "85.5", "张伟", "Zhang Wei", "2026Q1", "A", "1/2", "95%x", "Ünal", "-3.5",
                                   "50%", "1e+06", "ABC.", "+1", "(1)", "王小明（销售一部）", "O'Neil", "Smith, J."])
def test_plain_values(value):
    assert plain(value)


@pytest.mark.parametrize("value", ["", " 85", "85 ", "x  y", "*x*", "a_b", "<b>", "a&b", "1.", "- x",
                                   "1. x", "# x", "a|b", "\\x", "[x](y)", "`x`", "x\ny", "\ue100", "☑", "≥ 90",
                                   ":x", "---", "a;b", 'a"b', "+ x"])
def test_values_that_are_not_plain(value):
    assert not plain(value)


def test_the_filled_forms_are_made_once_per_role(tmp_path, monkeypatch):
    root = copy_project(REPO, tmp_path / "example")
    project, scored = records_of(root, rows_per_role=4)
    appraiser = Appraiser(Renderer(project))
    made = []
    original = FilledForm.make
    monkeypatch.setattr(FilledForm, "make", lambda *args: made.append(args[1].id) or original(*args))
    for item in scored:
        appraiser.render(item, ("html",))
    assert sorted(made) == sorted({item.record.role.id for item in scored})
