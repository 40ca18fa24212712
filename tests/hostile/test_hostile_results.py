"""Results workbooks that came back from many hands: each hostile or broken shape gets a clear
FILE:ROW:COLUMN error, exit 1 and nothing written, never a traceback, and quickly."""

import time
import zipfile

import openpyxl
import pytest

from clients import recalculated
from conftest import REPO, copy_project, run_rolebook
from hostile import clean_failure

SCORED = REPO / "tests" / "render_projects" / "scored"
ROLE = "account-manager"


@pytest.fixture
def scored(tmp_path):
    root = copy_project(SCORED, tmp_path / "scored")
    result = run_rolebook("build", "--kind", "workbook", "--role", ROLE, "--out", str(tmp_path / "blank"), cwd=root)
    assert result.returncode == 0, result.stderr
    return root


def blank(root):
    return root.parent / "blank" / "workbooks" / f"{ROLE}.xlsx"


def filled(root, target, rows=2, edit=None):
    """The role's workbook with `rows` employees whose results are all typed in; `edit(sheet, book)` then
    changes it."""
    book = openpyxl.load_workbook(blank(root))
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[2]]  # the names `rolebook score` reads (row 1's are for people)
    inputs = [i for i, name in enumerate(header, 1) if name and ":" not in name
              and name not in ("employee", "period", "adjustment", "total", "grade")]
    for row in range(3, rows + 3):
        sheet.cell(row=row, column=1, value=f"E{row:03d}")
        sheet.cell(row=row, column=2, value="2026Q1")
        for column in inputs:
            sheet.cell(row=row, column=column, value=85)  # a number is a result for a rated KPI too
    if edit is not None:
        edit(sheet, book, header, inputs)
    book.save(target)
    return target


def rewritten(source, target, part, change):
    """A copy of a workbook whose `part` is `change(bytes)`."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in original.infolist():
            data = original.read(info.filename)
            out.writestr(info.filename, change(data) if info.filename == part else data)
    return target


def without_declaration(data: bytes) -> bytes:
    return data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data


def refused(root, path, expected):
    start = time.monotonic()
    result = run_rolebook("score", str(path), cwd=root)
    seconds = time.monotonic() - start
    clean_failure(result, 1)
    assert expected in result.stdout, result.stdout
    assert "nothing was written" in result.stderr
    assert not (root / "build").exists()
    return seconds


def test_a_well_filled_workbook_is_scored(scored, tmp_path):
    """The baseline the attacks start from: the same workbook, untouched, scores."""
    result = run_rolebook("score", str(filled(scored, tmp_path / "ok.xlsx")), cwd=scored)
    assert result.returncode == 0, result.stderr + result.stdout


def test_an_entity_bomb_is_refused_before_any_xml_is_parsed(scored, tmp_path):
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
                       for n in range(1, 10))
            + b"]>")
    path = rewritten(filled(scored, tmp_path / "ok.xlsx"), tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml",
                     lambda data: bomb + without_declaration(data).replace(b"<sheetData>", b"<sheetData>&lol9;", 1))
    assert refused(scored, path, "bomb.xlsx:1:1: error[bad-results]") < 5


def test_an_external_entity_is_refused(scored, tmp_path):
    path = rewritten(filled(scored, tmp_path / "ok.xlsx"), tmp_path / "xxe.xlsx", "xl/workbook.xml",
                     lambda data: b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + without_declaration(data))
    refused(scored, path, "declares a document type or XML entities")


def test_a_zip_bomb_is_refused_without_inflating_it(scored, tmp_path):
    """A part that inflates to 300 MiB (its header may say anything): refused when the limit is passed."""
    source = filled(scored, tmp_path / "ok.xlsx")
    bomb = tmp_path / "zipbomb.xlsx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in original.infolist():
            out.writestr(info.filename, original.read(info.filename))
        with out.open("xl/media/padding.xml", "w") as padding:
            block = b" " * (1 << 20)
            for _ in range(300):
                padding.write(block)
    assert bomb.stat().st_size < 2 * 2**20
    assert refused(scored, bomb, "zipbomb.xlsx:1:1: error[bad-results]") < 5


def test_a_million_empty_rows_are_refused_quickly(scored, tmp_path):
    rows = b"".join(b'<row r="%d"/>' % n for n in range(600, 1_000_600))
    path = rewritten(filled(scored, tmp_path / "ok.xlsx"), tmp_path / "million.xlsx", "xl/worksheets/sheet1.xml",
                     lambda data: data.replace(b"</sheetData>", rows + b"</sheetData>"))
    assert refused(scored, path, "more than the 200000 a results sheet may have") < 5


def test_a_formula_without_a_computed_value_is_refused_at_its_cell(scored, tmp_path):
    def formula(sheet, book, header, inputs):
        sheet.cell(row=4, column=inputs[0], value="=40+45")

    path = filled(scored, tmp_path / "formula.xlsx", edit=formula)
    refused(scored, path, "formula.xlsx:4:")
    result = run_rolebook("score", str(path), cwd=scored)
    assert "a formula with no computed value" in result.stdout


def test_a_formula_computed_by_libreoffice_is_read_as_its_value(scored, tmp_path):
    """Calc saves the value it computed beside the formula: that value is the result, nothing is evaluated."""
    def formula(sheet, book, header, inputs):
        sheet.cell(row=4, column=inputs[0], value="=40+45")

    calc = recalculated(filled(scored, tmp_path / "formula.xlsx", edit=formula), tmp_path / "calc")
    typed = recalculated(filled(scored, tmp_path / "typed.xlsx"), tmp_path / "calc-typed")
    first = run_rolebook("score", str(calc), "--out", str(tmp_path / "a"), cwd=scored)
    second = run_rolebook("score", str(typed), "--out", str(tmp_path / "b"), cwd=scored)
    assert first.returncode == second.returncode == 0, first.stdout + first.stderr
    summary = "summary.csv"
    assert (tmp_path / "a" / summary).read_bytes() == (tmp_path / "b" / summary).read_bytes()


@pytest.mark.parametrize("shape, expected", [
    ("merged", "cells A3:A4 are merged"),
    ("hidden", "row 4 is hidden"),
    ("second sheet", "holds results too"),
])
def test_merged_cells_hidden_rows_and_results_on_another_sheet_are_refused(scored, tmp_path, shape, expected):
    def edit(sheet, book, header, inputs):
        if shape == "merged":
            sheet.merge_cells("A3:A4")
        elif shape == "hidden":
            sheet.row_dimensions[4].hidden = True
        else:
            other = book.create_sheet("more results")
            other.append(header)
            other.append(["E999", "2026Q1"])

    path = filled(scored, tmp_path / f"{shape.replace(' ', '-')}.xlsx", edit=edit)
    refused(scored, path, expected)
