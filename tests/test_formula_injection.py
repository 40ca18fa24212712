"""Text never becomes a spreadsheet formula (CSV / formula injection, CWE-1236): in every workbook and CSV
rolebook writes, a text starting with `=`, `+`, `-`, `@`, a tab or a carriage return comes back as that text,
from openpyxl and from LibreOffice Calc, and rolebook's own formulas stay formulas."""

import csv
import io

import openpyxl
import pytest

from rolebook.render import cells

from clients import recalculated
from conftest import run_rolebook, write_files

# One held-out text per leading character a spreadsheet reads as a formula.
RISKY = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1,1)", "\t=1+1", "\r=3+4"]
SPEC_TEXTS = RISKY[:4]  # a spec's texts are stripped of leading blanks, so a tab or CR never starts one


@pytest.mark.parametrize("text", RISKY)
def test_a_risky_text_is_flagged_and_a_number_is_not(text):
    assert cells.risky(text) and cells.csv_field(text) == "'" + text
    for number in ("-3.5", "+7", "-1e3", "12", -4, 2.5):
        assert cells.csv_field(number) == number


def role_spec(texts):
    names = "\n".join(f"""        - id: k{n}
          name: {text!r}
          weight: 25
          target: 10
          thresholds: {{pass: 5, excellent: 20}}""" for n, text in enumerate(texts[:3]))
    return f"""id: shop
title: {texts[0]!r}
duties: [{{title: Sell}}]
assessment:
  dimensions:
    - id: d
      name: {texts[1]!r}
      kpis:
{names}
        - id: rating
          name: {texts[3]!r}
          type: qualitative
          weight: 25
          criteria:
            - {{level: {texts[2]!r}, score: 110}}
            - {{level: {texts[3]!r}, score: 60}}
  grades:
    - {{grade: {texts[0]!r}, min: 80, label: {texts[1]!r}}}
    - {{grade: {texts[3]!r}, min: 0, label: {texts[2]!r}}}
"""


@pytest.fixture
def risky_project(tmp_path):
    return write_files(tmp_path / "p", {"rolebook.yaml": "language: en\n",
                                        "role_specs/shop.yaml": role_spec(SPEC_TEXTS)})


def sheet_texts(book):
    return {cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
            if isinstance(cell.value, str)}


def test_the_workbook_keeps_every_text_a_text_in_openpyxl_and_in_calc(risky_project, tmp_path):
    result = run_rolebook("build", "--kind", "workbook", cwd=risky_project)
    assert result.returncode == 0, result.stderr
    path = risky_project / "build" / "workbooks" / "shop.xlsx"
    book = openpyxl.load_workbook(path)
    stored = {cell.value: cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
              if isinstance(cell.value, str)}
    for text in SPEC_TEXTS:
        starting = [value for value in stored if value.startswith(text)]
        assert starting, f"no cell starts with {text!r}"
        for value in starting:
            assert stored[value].data_type == "s", f"{value!r} is stored as a formula"
    formulas = [value for value, cell in stored.items() if cell.data_type == "f"]
    assert formulas and all(value.startswith("=IF(") for value in formulas), "only rolebook's own formulas"
    assert stored[SPEC_TEXTS[1]].quotePrefix, "a cell holding only the text keeps Excel's text flag"
    # rolebook's own formulas are still formulas: the score and total of the first row
    results = book.worksheets[0]
    header = [cell.value for cell in results[2]]  # row 1 names the columns for people, row 2 for rolebook
    assert results.cell(row=3, column=header.index("total") + 1).data_type == "f"
    assert results.cell(row=3, column=header.index("k0:score") + 1).data_type == "f"
    # LibreOffice Calc opens it, computes it and saves it: every text comes back unchanged
    computed = openpyxl.load_workbook(recalculated(path, tmp_path / "calc"), data_only=True)
    texts = sheet_texts(computed)
    for text in SPEC_TEXTS:
        assert text in texts, f"Calc did not keep {text!r} as text"
    assert "1" not in texts and "2" not in texts  # nothing was evaluated into a number


def test_the_summary_csv_keeps_every_employee_name_a_text(risky_project, tmp_path):
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["employee", "role", "period", "k0", "k1", "k2", "rating"])
    for text in RISKY:
        writer.writerow([text, "shop", "2026Q1", 12, 15, 4, SPEC_TEXTS[2]])
    (risky_project / "results.csv").write_text(rows.getvalue(), encoding="utf-8")
    result = run_rolebook("score", "results.csv", cwd=risky_project)
    assert result.returncode == 0, result.stderr
    summary = risky_project / "build" / "appraisals" / "2026Q1" / "summary.csv"
    lines = list(csv.DictReader(io.StringIO(summary.read_text(encoding="utf-8-sig"), newline="")))
    # names are read without their leading blanks, so a tab or CR before '=' leaves a risky '=' first
    names = sorted("'" + text.strip() for text in RISKY)
    assert sorted(line["employee"] for line in lines) == names
    grades = {line["grade"] for line in lines}
    assert grades <= {"'" + SPEC_TEXTS[0], "'" + SPEC_TEXTS[3]}, grades
    assert all(float(line["total"]) >= 0 for line in lines), "numbers are left as numbers"
    # Calc opens the CSV as a spreadsheet: no cell is a formula's result
    converted = recalculated(summary, tmp_path / "calc")
    sheet = openpyxl.load_workbook(converted, data_only=True).worksheets[0]
    employees = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert sorted(employees) == names, employees
