"""一票否决, 加减分 and zero-tolerance KPIs: one table of cases scored by rolebook/spec/scoring.py, by
`rolebook score`, by the HTML form in Chromium and by the workbook recalculated in LibreOffice Calc."""

import csv

import pytest

from clients import browser, schema_problems, xml_part
from conftest import PROJECTS, build_copy, copy_project, run_rolebook, write_files
from rolebook.project import load_project
from rolebook.spec import scoring

PROJECT = PROJECTS / "vetoes"
ROLE = "warehouse-supervisor"

# results (safety incidents, inventory accuracy, vetoes that occurred, adjustment counts) → (total, grade)
CASES = [
    ("zero incidents scores excellent", 0, 98, (), {}, "106.00", "A"),
    ("one incident scores below_pass", 1, 98, (), {}, "70.00", "C"),
    ("an award within its max and the limit", 0, 95, (), {"company-award": 1}, "83.00", "B"),
    ("awards held to the item's max, then the limit", 0, 98, (), {"company-award": 3}, "114.00", "A"),
    ("complaints held to the item's max, then the limit", 0, 95, (), {"complaint": 5}, "66.00", "C"),
    ("the total held to the cap", 0, 100, (), {"company-award": 2}, "120.00", "A"),
    ("the total held at 0", 1, 90, (), {"complaint": 1}, "0.00", "D"),
    ("award and complaint together", 1, 98, (), {"company-award": 1, "complaint": 1}, "72.00", "C"),
    ("a veto sets its grade whatever the total", 0, 100, ("major-violation",), {}, "120.00", "C"),
    ("a veto without a grade sets the lowest", 0, 98, ("fraud",), {"company-award": 1}, "111.00", "D"),
    ("the worst of two vetoes", 0, 98, ("major-violation", "major-accident"), {}, "106.00", "D"),
]
IDS = [case[0] for case in CASES]


def results(incidents, accuracy, vetoes, counts) -> dict:
    found = {"safety-incidents": incidents, "inventory-accuracy": accuracy}
    found.update({f"veto:{v}": True for v in vetoes})
    found.update({f"adj:{k}": n for k, n in counts.items()})
    return found


@pytest.fixture(scope="module")
def role():
    project = load_project(PROJECT)
    assert not project.errors, project.errors
    return project.roles[ROLE]


@pytest.mark.parametrize("name, incidents, accuracy, vetoes, counts, total, grade", CASES, ids=IDS)
def test_python_scores_each_case(role, name, incidents, accuracy, vetoes, counts, total, grade):
    appraisal = scoring.appraise(role, results(incidents, accuracy, vetoes, counts))
    assert (scoring.shown(appraisal.total), appraisal.grade) == (total, grade)
    assert appraisal.vetoed == tuple(v for v in ("major-accident", "fraud", "major-violation") if v in vetoes)


def test_rolebook_score_gives_each_case(tmp_path):
    root = copy_project(PROJECT, tmp_path / "p")
    vetoes = ["major-accident", "fraud", "major-violation"]
    items = ["company-award", "complaint"]
    header = ["employee", "role", "period", "safety-incidents", "inventory-accuracy"] + [f"veto:{v}" for v in vetoes] \
        + [f"adj:{i}" for i in items]
    rows = [header]
    for n, (_name, incidents, accuracy, occurred, counts, _total, _grade) in enumerate(CASES):
        rows.append([f"E{n:02d}", ROLE, "2026-11", incidents, accuracy] + ["是" if v in occurred else "否" for v in vetoes]
                    + [counts.get(i, "") for i in items])
    with open(root / "results.csv", "w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    result = run_rolebook("score", "results.csv", "--format", "html", cwd=root)
    assert result.returncode == 0, result.stderr
    with open(root / "build" / "appraisals" / "2026-11" / "summary.csv", encoding="utf-8-sig") as summary:
        rows = list(csv.reader(summary))
    assert rows[0][:5] == ["员工", "岗位", "考核期", "总分", "等级"]
    by_employee = {row[0]: row for row in rows[1:]}
    for n, case in enumerate(CASES):
        row = by_employee[f"E{n:02d}"]
        assert (row[3], row[4]) == case[5:], (case[0], row)


def test_a_bad_scheme_is_refused_at_its_lines(tmp_path):
    text = (PROJECT / "role_specs" / f"{ROLE}.yaml").read_text(encoding="utf-8")
    text = text.replace("grade: C}", "grade: E}").replace("points: 5, per: 次, max: 10", "per: 次, max: 10")
    text = text.replace("{min: -12, max: 8}", "{min: 5, max: 8}")
    text = text.replace("thresholds: {pass: 95, excellent: 100}", "thresholds: {pass: 95, excellent: 95}")
    write_files(tmp_path, {"rolebook.yaml": "language: en\n", f"role_specs/{ROLE}.yaml": text})
    found = sorted((p.code, p.line) for p in load_project(tmp_path).problems)
    lines = text.splitlines()

    def line_of(words: str) -> int:
        return next(i for i, line in enumerate(lines, 1) if words in line)

    assert found == sorted([("thresholds-order", line_of("excellent: 95")), ("veto-grade", line_of("grade: E")),
                            ("adjustment-points", line_of("company-award")),
                            ("adjustment-limits", line_of("adjustment_limits"))])


@pytest.fixture(scope="module")
def forms(tmp_path_factory):
    return build_copy(PROJECT, tmp_path_factory.mktemp("vetoes") / "p", "--kind", "form") / "forms"


def test_the_html_form_in_chromium_gives_each_case(forms):
    with browser() as driver:
        for name, incidents, accuracy, vetoes, counts, total, grade in CASES:
            driver.get((forms / f"{ROLE}.html").resolve().as_uri())
            for field, value in (("safety-incidents", incidents), ("inventory-accuracy", accuracy),
                                 *((f"adj:{k}", n) for k, n in counts.items())):
                driver.find_element("css selector", f'input[name="{field}"]').send_keys(str(value))
            for veto in vetoes:
                box = driver.find_element("css selector", f'input[type="checkbox"][name="veto:{veto}"]')
                driver.execute_script("arguments[0].click();", box)
            shown_total = driver.find_element("id", "total").text
            assert (shown_total, driver.find_element("id", "grade").text) == (total, grade), name


def test_the_word_form_carries_tagged_controls_and_passes_the_schemas(forms):
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
    found = {}
    for sdt in xml_part(forms / f"{ROLE}.docx", "word/document.xml").iter(W + "sdt"):
        properties = sdt.find(W + "sdtPr")
        kind = "checkbox" if properties.find(W14 + "checkbox") is not None else "text"
        found[properties.find(W + "tag").get(W + "val")] = kind
    for veto in ("major-accident", "fraud", "major-violation"):
        assert found[f"veto:{veto}"] == "checkbox"
    for item in ("company-award", "complaint"):
        assert found[f"adj:{item}"] == "text"
    assert schema_problems(forms / f"{ROLE}.docx") == ""
    text = "".join(xml_part(forms / f"{ROLE}.docx", "word/document.xml").itertext())
    assert "每次 +5 分，最多加 10 分" in text and "每次 -3 分，最多扣 15 分" in text  # not "-3 分，最多 15 分"


def test_the_workbook_recalculated_by_libreoffice_gives_each_case(tmp_path):
    import openpyxl

    from clients import recalculated

    built = build_copy(PROJECT, tmp_path / "p", "--kind", "workbook")
    book = openpyxl.load_workbook(built / "workbooks" / f"{ROLE}.xlsx")
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[2]]  # the names `rolebook score` reads; results from row 3
    for number, (_name, incidents, accuracy, vetoes, counts, _total, _grade) in enumerate(CASES, 3):
        values = {"employee": f"E{number}", "period": "2026-11", "safety-incidents": incidents,
                  "inventory-accuracy": accuracy}
        values.update({f"veto:{v}": "是" for v in vetoes})
        values.update({f"adj:{k}": n for k, n in counts.items()})
        for name, value in values.items():
            sheet.cell(row=number, column=header.index(name) + 1, value=value)
    book.save(tmp_path / "filled.xlsx")
    computed = openpyxl.load_workbook(recalculated(tmp_path / "filled.xlsx", tmp_path / "calc"),
                                      data_only=True).worksheets[0]
    for number, (name, *_rest, total, grade) in enumerate(CASES, 3):
        found = computed.cell(row=number, column=header.index("total") + 1).value
        assert (scoring.shown(found), computed.cell(row=number, column=header.index("grade") + 1).value) == \
            (total, grade), name
    result = run_rolebook("score", str(tmp_path / "calc" / "filled.xlsx"), "--format", "html", cwd=tmp_path / "p")
    assert result.returncode == 0, result.stdout + result.stderr  # the filled workbook reads back
    with open(tmp_path / "p" / "build" / "appraisals" / "2026-11" / "summary.csv", encoding="utf-8-sig") as summary:
        scored = {row[0]: (row[3], row[4]) for row in list(csv.reader(summary))[1:]}
    for number, (name, *_rest, total, grade) in enumerate(CASES, 3):  # its vetoes and adjustments with it
        assert scored[f"E{number}"] == (total, grade), name
