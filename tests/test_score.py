"""Results in, appraisals out: the appraisal workbook (its formulas computed by LibreOffice Calc agree with
the Python rule) and `rolebook score` (checks, appraisals, summary, quotas, personal data)."""

import csv
import io
import random
import stat
import subprocess
import zipfile

import openpyxl
import pytest

from rolebook.project import load_project
from rolebook.results.workbook import input_columns
from rolebook.spec import scoring

from clients import recalculated, schema_problems, to_pdf, pdf_text, xml_part
from conftest import REPO, copy_project, run_rolebook

SCORED = REPO / "tests" / "render_projects" / "scored"


@pytest.fixture
def scored(tmp_path):
    return copy_project(SCORED, tmp_path / "scored")


def workbook_of(root, role):
    result = run_rolebook("build", "--kind", "workbook", "--role", role, cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "build" / "workbooks" / f"{role}.xlsx"


def cases(role, count, seed):
    """Results that reach every part of the rule: below pass, each point exactly, between the points,
    beyond excellent (and the cap), lower-is-better, each level, written numbers, several raters."""
    rng = random.Random(seed)
    rule = scoring.rule_of(role.assessment)
    rows = []
    for n in range(count):
        row = {}
        for name, kpi, rater in input_columns(role):
            if kpi.kind == "qualitative":
                levels = [c.level for c in kpi.criteria if c.score is not None]
                row[name] = levels[n % len(levels)] if levels and n % 5 else float(rng.choice([0, 37.5, 88, 130]))
            else:
                points = [value for value, _ in scoring.kpi_points(kpi, rule)] or [50.0]
                low, high = min(points), max(points)
                span = (high - low) or abs(high) or 10
                row[name] = rng.choice(points + [round(rng.uniform(low - span, high + span), 3) for _ in range(4)])
        rows.append(row)
    return rows


KEYS = 2  # the workbook's row of column names `rolebook score` reads; results below it


def fill(workbook, rows, target, period="2026Q1"):
    book = openpyxl.load_workbook(workbook)
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[KEYS]]
    for number, row in enumerate(rows, KEYS + 1):
        sheet.cell(row=number, column=1, value=f"E{number - KEYS:03d}")
        sheet.cell(row=number, column=2, value=period)
        for name, value in row.items():
            sheet.cell(row=number, column=header.index(name) + 1, value=value)
    book.save(target)
    return target


def python_rule(role, row):
    results = {}
    rule = scoring.rule_of(role.assessment)
    for name, kpi, rater in input_columns(role):
        if rater:
            results.setdefault(kpi.id, {})[rater] = row[name]
        else:
            results[kpi.id] = row[name]
    assert all(isinstance(v, dict) for k, v in results.items() if "@" in k) or rule
    return scoring.appraise(role, results)


# --- the workbook -----------------------------------------------------------------------------


@pytest.mark.parametrize("role_id", ["account-manager", "xiaoshou-zhuguan"])
def test_libreoffice_computes_the_workbook_as_the_python_rule_does(scored, tmp_path, role_id):
    role = load_project(scored).roles[role_id]
    rows = cases(role, 40, seed=len(role_id))
    filled = fill(workbook_of(scored, role_id), rows, tmp_path / f"{role_id}.xlsx")
    computed = openpyxl.load_workbook(recalculated(filled, tmp_path / "calc"), data_only=True).worksheets[0]
    header = [cell.value for cell in computed[KEYS]]
    checked = 0
    for number, row in enumerate(rows, KEYS + 1):
        expected = python_rule(role, row)
        values = {name: computed.cell(row=number, column=i + 1).value for i, name in enumerate(header)}
        for kpi in role.kpis():
            assert values[f"{kpi.id}:score"] == pytest.approx(expected.scores[kpi.id], abs=1e-9), (kpi.id, row)
            assert values[f"{kpi.id}:weighted"] == pytest.approx(expected.weighted[kpi.id], abs=1e-9)
            checked += 1
        assert values["total"] == pytest.approx(expected.total, abs=1e-9)
        assert values["grade"] == expected.grade
    assert checked == 40 * len(role.kpis())
    grades = {computed.cell(row=n, column=header.index("grade") + 1).value for n in range(KEYS + 1, KEYS + 41)}
    assert len(grades) >= 2, "the cases reach several grades"


def test_a_blank_row_computes_nothing_and_a_partial_row_no_total(scored, tmp_path):
    role = load_project(scored).roles["account-manager"]
    row = cases(role, 1, seed=3)[0]
    partial = dict(list(row.items())[:2])
    filled = fill(workbook_of(scored, "account-manager"), [partial], tmp_path / "partial.xlsx")
    sheet = openpyxl.load_workbook(recalculated(filled, tmp_path / "calc"), data_only=True).worksheets[0]
    header = [cell.value for cell in sheet[KEYS]]
    assert sheet.cell(row=3, column=header.index("total") + 1).value in (None, "")
    assert sheet.cell(row=4, column=header.index("total") + 1).value in (None, "")
    first = input_columns(role)[0][1]
    assert isinstance(sheet.cell(row=3, column=header.index(f"{first.id}:score") + 1).value, float)


def test_the_workbook_guides_and_guards_what_is_typed(scored):
    path = workbook_of(scored, "account-manager")
    book = openpyxl.load_workbook(path)
    sheet, rules = book.worksheets
    role = load_project(scored).roles["account-manager"]
    inputs = [name for name, _, _ in input_columns(role)]
    header = [cell.value for cell in sheet[KEYS]]
    assert header[:2 + len(inputs)] == ["employee", "period", *inputs]
    titles = [cell.value for cell in sheet[1]]  # row 1 names the columns for people
    assert titles[:3] == ["Employee name", "Appraisal period", "Revenue attainment\nActual result (%)"], titles[:3]  # with its unit
    assert titles[-2:] == ["Total", "Final grade"] and "\nWeighted score" in titles[-3]
    assert "Collaboration\nRating\nSelf" in titles
    assert sheet["A2"].comment and "do not change" in sheet["A2"].comment.text
    assert "collaboration@self" in inputs and "collaboration@supervisor" in inputs
    assert header[-2:] == ["total", "grade"]
    assert book.properties.identifier == "account-manager"
    assert sheet.protection.sheet
    last = openpyxl.utils.get_column_letter(len(header))
    assert not sheet["C3"].protection.locked and sheet[f"{last}3"].protection.locked and sheet["C2"].protection.locked
    assert str(sheet[f"{openpyxl.utils.get_column_letter(header.index('total') + 1)}3"].value).startswith("=IF(")
    validations = sheet.data_validations.dataValidation
    lists = [v for v in validations if v.type == "list"]
    assert any('"Outstanding,Good,Fair,Poor"' == v.formula1 for v in lists)
    assert any(v.type == "decimal" for v in validations)
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$2"
    assert sheet.freeze_panes == "C3"
    words = " ".join(str(c.value) for row in rules.iter_rows() for c in row if c.value)
    assert "Outstanding" in words and "lower is better" in words and "How the form is scored" in words
    assert "Outstanding (115 points)" in words and "Good (95 points)" in words  # the levels as the form shows them
    assert "Role id (rolebook): account-manager" in words and "≤ lower is better" in words
    assert rules.sheet_properties.pageSetUpPr.fitToPage and rules.page_setup.fitToWidth == 1  # levels on page 1
    functions = set()
    for row in sheet.iter_rows(min_row=3, max_row=3):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                functions.update(__import__("re").findall(r"([A-Z]+)\(", cell.value))
    assert functions <= {"IF", "MIN", "MAX", "ISNUMBER", "VALUE", "IFERROR", "NA", "COUNT", "SUM", "OR", "CELL", "LEFT"}
    again = workbook_of(scored, "account-manager")
    assert run_rolebook("build", "--kind", "workbook", "--out", str(scored / "other"), cwd=scored).returncode == 0
    assert (scored / "other" / "workbooks" / "account-manager.xlsx").read_bytes() == again.read_bytes()
    assert "workbooks/account-manager.xlsx" in (scored / "build" / "index.html").read_text(encoding="utf-8")



def test_a_level_without_a_score_is_not_offered_in_the_drop_down_but_asks_for_a_score(scored):
    """The scoring rule: a level without `score` takes the number the rater writes. Offering it in the
    cell's drop-down let a rater choose it and get #N/A instead of a score (the total with it); it is named
    in the cell's prompt instead, and a KPI none of whose levels has a score takes a score from 0 to the cap."""
    spec = scored / "role_specs" / "account-manager.yaml"
    text = spec.read_text(encoding="utf-8")
    text = text.replace("{level: Outstanding, score: 115}", "{level: Outstanding}").replace(
        "{level: Good, score: 95}", "{level: Good}").replace("{level: Fair, score: 70}", "{level: Fair}").replace(
        "{level: Poor, score: 30}", "{level: Poor}")  # ownership: no level scored
    text = text.replace("{level: None, score: 0}", "{level: None}")  # compliance: one level without a score
    spec.write_text(text, encoding="utf-8")
    sheet = openpyxl.load_workbook(workbook_of(scored, "account-manager")).worksheets[0]
    header = [cell.value for cell in sheet[KEYS]]
    rule = scoring.rule_of(load_project(scored).roles["account-manager"].assessment)

    def validation(name):
        column = openpyxl.utils.get_column_letter(header.index(name) + 1)
        return next(v for v in sheet.data_validations.dataValidation if f"{column}3" in v.sqref)

    ownership, compliance = validation("ownership@self"), validation("compliance@supervisor")
    assert (ownership.type, ownership.formula1, float(ownership.formula2)) == ("decimal", "0", rule.cap)
    assert ownership.errorStyle in (None, "stop") and "Outstanding、Good、Fair、Poor" in ownership.prompt
    assert (compliance.type, compliance.formula1, compliance.errorStyle) == ("list", '"Full,Partial"', "warning")
    assert compliance.prompt.startswith("None: write the score")
    collaboration = validation("collaboration@self")  # every level scored: a strict list, as before
    assert (collaboration.formula1, collaboration.errorStyle) == ('"Outstanding,Good,Fair,Poor"', "stop")


# --- rolebook score ---------------------------------------------------------------------------


def results_csv(root, role, rows, name="results.csv", period="2026Q1", extra=None):
    header = ["employee", "role", "period", *[n for n, _, _ in input_columns(role)]]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for number, row in enumerate(rows, 1):
        writer.writerow([f"员工{number:02d}", role.id, period, *[row[n] for n in header[3:]]])
    path = root / name
    path.write_text(out.getvalue() + (extra or ""), encoding="utf-8")
    return path


def test_score_writes_each_appraisal_and_a_summary_that_agree_with_calc(scored, tmp_path):
    role = load_project(scored).roles["account-manager"]
    rows = cases(role, 12, seed=7)
    results = results_csv(scored, role, rows)
    result = run_rolebook("score", str(results), cwd=scored)
    assert result.returncode == 0, result.stderr
    folder = scored / "build" / "appraisals" / "2026Q1"
    summary = list(csv.DictReader(io.StringIO((folder / "summary.csv").read_text(encoding="utf-8-sig"))))
    filled = fill(workbook_of(scored, "account-manager"), rows, tmp_path / "filled.xlsx")
    computed = openpyxl.load_workbook(recalculated(filled, tmp_path / "calc"), data_only=True).worksheets[0]
    header = [cell.value for cell in computed[KEYS]]
    for number, line in enumerate(summary, KEYS + 1):
        assert float(line["total"]) == pytest.approx(computed.cell(row=number, column=header.index("total") + 1).value,
                                                     abs=0.005)
        assert line["grade"] == computed.cell(row=number, column=header.index("grade") + 1).value
        assert (folder / f"{line['file']}.docx").is_file() and (folder / f"{line['file']}.html").is_file()
    assert len(summary) == 12
    first = summary[0]
    page = (folder / f"{first['file']}.html").read_text(encoding="utf-8")
    assert first["employee"] in page and first["total"] in page and "<script" not in page
    document = xml_part(folder / f"{first['file']}.docx", "word/document.xml")
    text = "".join(document.itertext())
    assert first["total"] in text and first["employee"] in text and "☑" in text
    assert document.xpath("//w:sdt[w:sdtPr/w:tag/@w:val='opinion-comment']", namespaces={
        "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}), "what is left to fill stays fillable"
    assert schema_problems(folder / "summary.docx", folder / f"{first['file']}.docx") == ""
    pdfs = to_pdf(folder / "summary.docx", outdir=tmp_path / "pdf")
    assert f"Account Manager {first['total']} {first['grade']}" in pdf_text(pdfs[0])


def test_score_reads_the_filled_workbook_back(scored, tmp_path):
    role = load_project(scored).roles["xiaoshou-zhuguan"]
    rows = cases(role, 6, seed=11)
    filled = fill(workbook_of(scored, "xiaoshou-zhuguan"), rows, tmp_path / "filled.xlsx")
    calc = recalculated(filled, tmp_path / "calc")
    result = run_rolebook("score", str(calc), cwd=scored)
    assert result.returncode == 0, result.stderr
    summary = list(csv.DictReader(io.StringIO(
        (scored / "build" / "appraisals" / "2026Q1" / "summary.csv").read_text(encoding="utf-8-sig"))))
    computed = openpyxl.load_workbook(calc, data_only=True).worksheets[0]
    header = [cell.value for cell in computed[KEYS]]
    assert [line["employee"] for line in summary] == [f"E{n:03d}" for n in range(1, 7)]
    page = (scored / "build" / "appraisals" / "2026Q1" / "summary.html").read_text(encoding="utf-8")
    assert "强制分布" not in page and "Forced distribution" not in page  # the role sets no quota to hold
    for number, line in enumerate(summary, KEYS + 1):
        assert float(line["total"]) == pytest.approx(computed.cell(row=number, column=header.index("total") + 1).value,
                                                     abs=0.005)



def test_a_problem_in_the_workbook_is_reported_at_its_row_in_either_layout(scored, tmp_path):
    """The workbook names its columns for people in row 1 and for `rolebook score` in row 2 (the KPI ids
    it read from row 1 before): a problem is reported at the row a spreadsheet shows, and a workbook with
    the ids in row 1 (filled before, or with row 1 deleted) is read alike."""
    role = load_project(scored).roles["account-manager"]
    rows = cases(role, 2, seed=4)
    first = input_columns(role)[0][0]
    rows[1][first] = "about 90"
    filled = fill(workbook_of(scored, "account-manager"), rows, tmp_path / "new.xlsx")
    book = openpyxl.load_workbook(filled)
    book.worksheets[0].delete_rows(1)
    book.save(tmp_path / "old.xlsx")
    column = [name for name, _, _ in input_columns(role)].index(first) + 3
    for name, row in (("new.xlsx", KEYS + 2), ("old.xlsx", KEYS + 1)):
        result = run_rolebook("score", str(tmp_path / name), cwd=scored)
        assert result.returncode == 1 and f"{name}:{row}:{column}: error[not-a-number]" in result.stdout, \
            result.stdout + result.stderr
    rows[1][first] = 90
    fill(workbook_of(scored, "account-manager"), rows, tmp_path / "new.xlsx")
    book = openpyxl.load_workbook(tmp_path / "new.xlsx")
    book.worksheets[0].delete_rows(1)
    book.save(tmp_path / "old.xlsx")
    summaries = []
    for name in ("new.xlsx", "old.xlsx"):
        result = run_rolebook("score", str(tmp_path / name), "--out", str(tmp_path / name[:3]), cwd=scored)
        assert result.returncode == 0, result.stdout + result.stderr
        summaries.append((tmp_path / name[:3] / "summary.csv").read_text(encoding="utf-8-sig"))
    assert summaries[0] == summaries[1] and summaries[0].count("\nE00") == 2

def test_a_workbook_without_its_row_of_names_is_one_problem_and_cells_are_named_as_a_spreadsheet_does(
        scored, tmp_path):
    """Row 2 deleted (a clerk removing the small grey row): one problem at 2:1 saying what is missing, not
    one per formula cell of the 500 ready rows (15,000 before); a cell is named as the spreadsheet shows it."""
    role = load_project(scored).roles["account-manager"]
    rows = cases(role, 2, seed=6)
    rows[1]["revenue"] = "ninety"
    filled = fill(workbook_of(scored, "account-manager"), rows, tmp_path / "filled.xlsx")
    result = run_rolebook("score", str(filled), cwd=scored)
    column = [name for name, _, _ in input_columns(role)].index("revenue") + 3
    letter = openpyxl.utils.get_column_letter(column)
    assert f"filled.xlsx:4:{column}: error[not-a-number]: the result of KPI Revenue attainment (revenue) is not " \
           f"a number: “ninety” (cell {letter}4)" in result.stdout, result.stdout
    book = openpyxl.load_workbook(filled)
    book.worksheets[0].delete_rows(2)
    book.save(tmp_path / "no-names.xlsx")
    result = run_rolebook("score", str(tmp_path / "no-names.xlsx"), cwd=scored)
    assert result.returncode == 1 and result.stdout.count("error[") == 1, result.stdout[:2000]
    assert "no-names.xlsx:2:1: error[bad-results]: the row of the names rolebook reads" in result.stdout


def test_likely_slips_are_said_and_scored_as_written(scored, tmp_path):
    """A % result typed as a fraction (0.95 scores 0 against a pass of 90), a negative result, rows of
    another period left out by --period: each a warning naming the cell, and the results scored as written.
    A role written as its title gets the id suggested, without a list of its columns as unknown."""
    role = load_project(scored).roles["account-manager"]
    rows = cases(role, 3, seed=8)
    rows[0]["revenue"], rows[1]["churn"] = 0.95, -2
    path = results_csv(scored, role, rows, extra="late,account-manager,2026Q2," + ",".join(
        str(v) for v in rows[2].values()) + "\n")
    result = run_rolebook("score", str(path), "--period", "2026Q1", cwd=scored)
    assert result.returncode == 0, result.stdout + result.stderr
    revenue = 4 + [name for name, _, _ in input_columns(role)].index("revenue")
    assert f"results.csv:2:{revenue}: warning[implausible-result]: KPI Revenue attainment (revenue): 0.95 is " \
           f"read as 0.95%" in result.stderr
    assert "warning[implausible-result]: KPI Churned accounts (churn): a negative result (-2)" in result.stderr
    assert "results.csv:5:3: warning[other-period]: 1 row(s) of other periods left out (the first: row 5)" \
        in result.stderr
    summary = (scored / "build" / "appraisals" / "2026Q1" / "summary.csv").read_text(encoding="utf-8-sig")
    assert summary.count("account-manager") == 3
    titled = path.read_text(encoding="utf-8").replace(",account-manager,", ",Account Manager,")
    path.write_text(titled, encoding="utf-8")
    result = run_rolebook("score", str(path), "--period", "2026Q1", cwd=scored)
    assert result.returncode == 1 and "did you mean 'account-manager'?" in result.stdout
    assert "unknown-column" not in result.stdout


def test_a_csv_file_from_chinese_excel_is_refused_where_it_stops_being_utf8(scored):
    (scored / "results.csv").write_bytes("employee,role,period\n张伟,account-manager,2026Q1\n".encode("gbk"))
    result = run_rolebook("score", "results.csv", cwd=scored)
    assert result.returncode == 1
    assert "results.csv:2:1: error[bad-results]: not UTF-8 text: Excel's \"CSV (Comma delimited)\"" in result.stdout


def test_a_percentage_typed_with_its_sign_scores_as_the_number(scored, tmp_path):
    """`95%` typed in a result cell is stored by Excel and LibreOffice as 0.95 in a cell they format as a
    percentage: the workbook's formulas (recalculated by LibreOffice) and `rolebook score` take it as 95,
    as they take 95 typed without the sign. It scored 0 before, and the grade fell without a word."""
    role = load_project(scored).roles["account-manager"]
    row = cases(role, 1, seed=2)[0]
    kpi = next(k for name, k, _ in input_columns(role) if k.unit == "%" and k.kind != "qualitative")
    row[kpi.id] = 95.0
    plain = fill(workbook_of(scored, "account-manager"), [row, row], tmp_path / "plain.xlsx")
    book = openpyxl.load_workbook(plain)
    header = [cell.value for cell in book.worksheets[0][KEYS]]
    typed = book.worksheets[0].cell(row=KEYS + 2, column=header.index(kpi.id) + 1)
    typed.value, typed.number_format = 0.95, "0%"  # as Excel and LibreOffice store `95%` typed
    book.save(tmp_path / "typed.xlsx")
    computed = openpyxl.load_workbook(recalculated(tmp_path / "typed.xlsx", tmp_path / "calc"),
                                      data_only=True).worksheets[0]
    expected = python_rule(role, row)
    for number in (KEYS + 1, KEYS + 2):
        assert computed.cell(row=number, column=header.index(f"{kpi.id}:score") + 1).value == \
            pytest.approx(expected.scores[kpi.id], abs=1e-9)
        assert computed.cell(row=number, column=header.index("grade") + 1).value == expected.grade
    assert expected.scores[kpi.id] > 0
    result = run_rolebook("score", str(tmp_path / "typed.xlsx"), cwd=scored)
    assert result.returncode == 0, result.stderr
    summary = list(csv.DictReader(io.StringIO(
        (scored / "build" / "appraisals" / "2026Q1" / "summary.csv").read_text(encoding="utf-8-sig"))))
    assert [float(line["total"]) for line in summary] == [pytest.approx(expected.total, abs=0.005)] * 2
    assert {line["grade"] for line in summary} == {expected.grade}


def test_the_summary_charts_the_grades_and_flags_a_broken_quota(scored, tmp_path):
    role = load_project(scored).roles["account-manager"]
    best = {name: (kpi.criteria[0].level if kpi.kind == "qualitative" else
                   max(v for v, _ in scoring.kpi_points(kpi, scoring.rule_of(role.assessment))) if kpi.direction == "higher"
                   else min(v for v, _ in scoring.kpi_points(kpi, scoring.rule_of(role.assessment))))
            for name, kpi, _ in input_columns(role)}
    rows = [best] * 3 + cases(role, 3, seed=5)
    result = run_rolebook("score", str(results_csv(scored, role, rows)), cwd=scored)
    assert result.returncode == 0, result.stderr
    assert "warning[distribution]: Account Manager: grade A is 50.0% of 6, more than 20%" in result.stderr
    folder = scored / "build" / "appraisals" / "2026Q1"
    page = (folder / "summary.html").read_text(encoding="utf-8")
    assert 'role="img"' in page and 'aria-label="Employees per grade, Account Manager"' in page
    assert "grade A is 50.0% of 6, more than 20%" in page
    with zipfile.ZipFile(folder / "summary.docx") as package:
        chart = package.read("word/charts/chart1.xml").decode()
    assert "<c:barChart>" in chart and "<c:v>3</c:v>" in chart


def test_results_are_private_and_names_stay_off_the_terminal(scored):
    role = load_project(scored).roles["account-manager"]
    results = results_csv(scored, role, cases(role, 3, seed=2))
    subprocess.run(["git", "init", "-q"], cwd=scored, check=True)
    subprocess.run(["git", "add", results.name], cwd=scored, check=True)
    result = run_rolebook("score", str(results), cwd=scored)
    assert result.returncode == 0, result.stderr
    assert "is tracked by git" in result.stderr and "personal data" in result.stderr
    assert "员工" not in result.stdout + result.stderr  # counts only
    assert "scored 3 employee(s) in 1 role(s) for 2026Q1" in result.stderr
    folder = scored / "build" / "appraisals" / "2026Q1"
    for path in [folder, folder.parent, *folder.iterdir()]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))
    verbose = run_rolebook("score", str(results), "--verbose", cwd=scored)
    assert "员工01\taccount-manager\t" in verbose.stdout


def test_every_problem_is_reported_at_its_row_and_column_and_nothing_is_written(scored):
    role = load_project(scored).roles["account-manager"]
    rows = cases(role, 4, seed=9)
    columns = [n for n, _, _ in input_columns(role)]
    quantitative = next(n for n, kpi, _ in input_columns(role) if kpi.kind != "qualitative")
    rows[1][quantitative] = "about 90"
    rows[2]["collaboration@self"] = "Excellent"
    path = results_csv(scored, role, rows, extra="员工01,account-manager,2026Q1," + ",".join(
        str(rows[0][n]) for n in columns) + "\n" + "员工09,acount-manager,2026Q1," + ",".join("1" for _ in columns)
        + "\n")
    result = run_rolebook("score", str(path), cwd=scored)
    assert result.returncode == 1
    column = 4 + columns.index(quantitative)
    lines = result.stdout.splitlines()
    assert f"results.csv:3:{column}: error[not-a-number]: the result of KPI" in lines[0] + "\n".join(lines)
    assert any(line.startswith(f"results.csv:4:{4 + columns.index('collaboration@self')}: error[unknown-level]")
               and "'Excellent' is not one of the levels (Outstanding, Good, Fair, Poor)" in line for line in lines)
    assert any(line.startswith("results.csv:6:1: error[duplicate-employee]: 员工01 appears again in 2026Q1 (row 2)")
               and "员工01（1023）" in line for line in lines)
    assert any(line.startswith("results.csv:7:2: error[unknown-role]") and "did you mean 'account-manager'" in line
               for line in lines)
    assert "nothing was written" in result.stderr
    assert not (scored / "build").exists()


def test_header_problems_and_periods(scored):
    role = load_project(scored).roles["account-manager"]
    path = results_csv(scored, role, cases(role, 2, seed=1))
    text = path.read_text(encoding="utf-8")
    first_kpi = input_columns(role)[0][0]
    path.write_text(text.replace(first_kpi, first_kpi + "x", 1), encoding="utf-8")
    result = run_rolebook("score", str(path), cwd=scored)
    assert result.returncode == 1
    assert f"results.csv:1:4: error[unknown-column]: '{first_kpi}x' is no KPI of the roles in this file; did you mean " \
           f"'{first_kpi}'?" in result.stdout
    assert f"error[missing-column]: no column '{first_kpi}'" in result.stdout
    two = results_csv(scored, role, cases(role, 1, seed=1), name="two.csv",
                      extra="other,account-manager,2026Q2," + ",".join(
                          str(v) for v in cases(role, 1, seed=1)[0].values()) + "\n")
    several = run_rolebook("score", str(two), cwd=scored)
    assert several.returncode == 2 and "several periods (2026Q1, 2026Q2)" in several.stderr
    chosen = run_rolebook("score", str(two), "--period", "2026Q2", cwd=scored)
    assert chosen.returncode == 0, chosen.stderr
    assert (scored / "build" / "appraisals" / "2026Q2" / "other.docx").is_file()
    assert run_rolebook("score", "missing.csv", cwd=scored).returncode == 2
    assert run_rolebook("score", "rolebook.yaml", cwd=scored).returncode == 2


def test_out_takes_a_new_folder_and_pdf_is_made_through_libreoffice(scored, tmp_path):
    role = load_project(scored).roles["account-manager"]
    path = results_csv(scored, role, cases(role, 2, seed=4))
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "mine.txt").write_text("mine")
    refused = run_rolebook("score", str(path), "--out", str(tmp_path / "full"), cwd=scored)
    assert refused.returncode == 2 and (tmp_path / "full" / "mine.txt").read_text() == "mine"
    result = run_rolebook("score", str(path), "--out", str(tmp_path / "new"), "--format", "pdf", cwd=scored)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "new").iterdir())
    assert names == ["summary.csv", "summary.docx", "summary.html", "summary.pdf", "summary.xlsx", "员工01.pdf",
                     "员工02.pdf"]  # the summary too, to print and sign
    assert "Account Manager appraisal: 员工 01 (2026Q1)" in pdf_text(tmp_path / "new" / "员工01.pdf")  # pdftotext spaces
    assert "员工" in pdf_text(tmp_path / "new" / "summary.pdf")


def test_a_large_period_is_summarised_per_role_and_listed_whole_in_the_csv_and_workbook(scored, tmp_path):
    """Past 1,000 employees the summary document gives each role's count, average and distribution; every
    employee's total and grade are in summary.csv and summary.xlsx, which LibreOffice Calc reads alike."""
    role = load_project(scored).roles["account-manager"]
    path = results_csv(scored, role, cases(role, 1001, seed=5))
    path.write_text(path.read_text(encoding="utf-8").replace("员工05,", "=cmd|calc,", 1), encoding="utf-8")
    result = run_rolebook("score", str(path), "--format", "html", "--out", str(tmp_path / "out"), cwd=scored)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    page = (out / "summary.html").read_text(encoding="utf-8")
    assert "员工0999" not in page and "1001 employees" in page and "Average total" in page
    listed = list(csv.reader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8-sig"))))
    assert len(listed) == 1002 and listed[5][0] == "'=cmd|calc"  # the CSV's guard against formulas
    for workbook in (out / "summary.xlsx", recalculated(out / "summary.xlsx", tmp_path / "calc")):
        sheet = openpyxl.load_workbook(workbook).worksheets[0]
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        assert len(rows) == 1002 and rows[5][0] == "=cmd|calc" and sheet.cell(row=6, column=1).data_type == "s"
        assert [[str(v) if v is not None else "" for v in row[:3]] for row in rows[1:]] == \
            [[row[0].lstrip("'"), row[1], row[2]] for row in listed[1:]]
        assert all(isinstance(row[3], (int, float)) and f"{row[3]:g}" == f"{float(line[3]):g}"
                   for row, line in zip(rows[1:], listed[1:]) if line[3])
    again = run_rolebook("score", str(path), "--format", "html", "--out", str(tmp_path / "again"), cwd=scored)
    assert again.returncode == 0
    assert (tmp_path / "again" / "summary.xlsx").read_bytes() == (out / "summary.xlsx").read_bytes()


def test_a_rating_that_is_no_level_is_reported_in_the_projects_language(scored):
    """`rolebook score` in a Chinese project says in Chinese why a rating is refused (it said it in English)."""
    settings = scored / "rolebook.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("language: en", "language: zh-CN"),
                        encoding="utf-8")
    role = load_project(scored).roles["account-manager"]
    rows = cases(role, 2, seed=4)
    rows[1]["collaboration@self"] = "Excellent"
    result = run_rolebook("score", str(results_csv(scored, role, rows)), cwd=scored)
    assert result.returncode == 1
    assert "“Excellent”既不是规定的等级（Outstanding、Good、Fair、Poor），也不是数字" in result.stdout, result.stdout
