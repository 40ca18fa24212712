"""Results as HR collects them: a CSV file (UTF-8, a header row) or a filled appraisal workbook.

Every cell keeps its row and column, so a problem is reported as FILE:ROW:COLUMN the way a spreadsheet
numbers them (row 1 is a CSV file's header, column 1 is A). rolebook's workbook heads its columns for
people in row 1 and with the names read here in row 2: the header is the first of the two rows that has
an `employee` column.

The rows are read as they are used, never held: checking walks them once and scoring again, so the
memory of `rolebook score` does not grow with the number of employees (issue 34).
"""

from __future__ import annotations

import codecs
import csv
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from rolebook.errors import UsageError
from rolebook.results import xlsx_guard
from rolebook.messages import _

MAX_BYTES = 64 * 1024 * 1024  # a results file larger than this is not a results file
COMPUTED = ("adjustment", "total", "grade")  # a workbook's formula columns, with `KPI:score` and `KPI:weighted`
# Columns named with a colon that are typed, not computed: a veto that occurred, an adjustment's count (they
# were skipped with the formula columns, and a filled workbook scored without them: a vetoed employee got A).
TYPED_PREFIXES = ("veto:", "adj:")


Row = tuple[int, list[object]]  # (row number, cells)


@dataclass
class Table:
    file: str  # as messages name it
    header: list[str]
    read_rows: Callable[[], Iterator[Row]] = lambda: iter(())  # the rows, read again on each call
    role: str | None = None  # a workbook's role (its dc:identifier); a CSV names it per row
    problems: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column, message)
    header_row: int = 1  # the row (1-based) the header stands in
    sheet: bool = False  # a workbook's sheet, whose cells a problem also names as a spreadsheet does (G4)

    @property
    def rows(self) -> Iterator[Row]:
        """The rows with something in them, in order, read from the file as they are walked."""
        return self.read_rows()

    def column(self, name: str) -> int | None:
        """The index (0-based) of a header, or None."""
        return self.header.index(name) if name in self.header else None


def read_table(path: Path, shown: str) -> Table:
    """The table of a .csv or .xlsx file; a file that cannot be read is a problem at 1:1."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise UsageError(_("{shown}: results are a .csv file or a filled appraisal workbook (.xlsx)").format(
                             shown=shown))
    if not path.is_file():
        raise UsageError(_("{shown}: no such file").format(shown=shown))
    if path.stat().st_size > MAX_BYTES:
        return Table(shown, [], problems=[(1, 1, _("larger than {size} MiB").format(size=MAX_BYTES // 2**20))])
    return _read_csv(path, shown) if suffix == ".csv" else _read_xlsx(path, shown)


def _read_csv(path: Path, shown: str) -> Table:
    problem = _csv_problem(path)
    if problem is not None:
        return Table(shown, [], problems=[problem])
    lines = _csv_lines(path)
    header = [name.strip() for name in next(lines)]
    lines.close()

    def rows() -> Iterator[Row]:
        lines = _csv_lines(path)
        next(lines)
        for number, record in enumerate(lines, 2):
            cells = [cell.strip() for cell in record]
            if any(cells):
                yield number, cells

    return Table(shown, header, rows)


def _csv_lines(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        yield from csv.reader(stream)


def _csv_problem(path: Path) -> tuple[int, int, str] | None:
    """What keeps a CSV file from being read (not UTF-8, a NUL, not CSV, empty), found in one pass that
    holds no more than a block of it."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset, nul = 0, False
    try:
        with path.open("rb") as stream:
            while block := stream.read(1 << 20):
                decoder.decode(block)
                nul = nul or b"\0" in block
                offset += len(block)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        row, column = _position(path, offset + exc.start)
        return row, column, _("not UTF-8 text: Excel's \"CSV (Comma delimited)\" writes the computer's own "
                              "encoding (GBK on a Chinese Windows); save the file as \"CSV UTF-8 (Comma "
                              "delimited)\", or give rolebook the workbook (.xlsx)")
    if nul:
        return _nul_problem(path)
    try:
        lines = sum(1 for _ in _csv_lines(path))
    except csv.Error as exc:
        return 1, 1, _("not a CSV file: {reason}").format(reason=exc)
    return None if lines else (1, 1, _("empty: the first row names the columns"))


def _position(path: Path, offset: int) -> tuple[int, int]:
    """The row and column (as a spreadsheet counts them) of a byte: its line, and the commas before it on
    that line (a comma is one byte in UTF-8 and in the legacy encodings Excel writes)."""
    rows, line = 1, b""
    with path.open("rb") as stream:  # in blocks: the byte may be far into a large file
        while offset > 0 and (block := stream.read(min(offset, 1 << 20))):
            offset -= len(block)
            rows += block.count(b"\n")
            line = (line + block).rsplit(b"\n", 1)[-1] if b"\n" in block else line + block
    return rows, line.count(b",") + 1


def _nul_problem(path: Path) -> tuple[int, int, str]:
    """Where the first NUL stands (the csv module stops at one; cells are checked later)."""
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    before = text[:text.index("\0")]
    row, column = before.count("\n") + 1, before.rsplit("\n", 1)[-1].count(",") + 1
    return row, column, "control character U+0000 (NUL) in the cell; remove it"


def _read_xlsx(path: Path, shown: str) -> Table:
    """The first sheet's cells as the program that saved the workbook computed them, after the file was
    looked at for what must not be read or would score wrong (xlsx_guard)."""
    from lxml import etree
    from openpyxl import load_workbook

    problems, sheet_xml = xlsx_guard.inspect(path)
    if problems:
        return Table(shown, [], problems=problems)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, IndexError, etree.LxmlError) as exc:
        return Table(shown, [], problems=[(1, 1, xlsx_guard.not_a_workbook(exc))])
    try:
        sheet = book.worksheets[0]
        role = (book.properties.identifier or "").strip() or None
        header_row, header = _header(sheet)
        if "employee" not in header and role is not None:  # rolebook's workbook, its row of names gone
            return Table(shown, [], role=role, problems=[(2, 1, _(
                "the row of the names rolebook reads (employee, period, the KPI ids: row 2 of the workbook "
                "rolebook wrote) is missing or changed; undo the change, or type the results into a new "
                "workbook (rolebook build --kind workbook)"))])
        inputs = [i for i, name in enumerate(header) if name and name not in COMPUTED and (
            ":" not in name or name.startswith(TYPED_PREFIXES))]
        problems = [(row, column, _("a formula with no computed value: rolebook reads what Excel or LibreOffice "
                                    "computed and evaluates nothing; type the value, or open and save the "
                                    "workbook in one of them"))
                    for row, column in xlsx_guard.formulas_without_values(sheet_xml, {i + 1 for i in inputs})
                    if row > header_row]
        problems += [(1, 1, _("the sheet '{sheet}' holds results too: rolebook reads the first sheet ('{first}') "
                              "only; put every employee on it").format(sheet=other.title, first=sheet.title))
                     for other in book.worksheets[1:] if "employee" in _header(other)[1]]
        for _row in _xlsx_rows(path, header_row, header, inputs):  # a sheet that cannot be read fails here, not later
            pass
    except (etree.LxmlError, ValueError, TypeError, KeyError, IndexError, zipfile.BadZipFile, OSError) as exc:
        return Table(shown, [], problems=[(1, 1, xlsx_guard.not_a_workbook(exc))])
    finally:
        book.close()
    return Table(shown, header, lambda: _xlsx_rows(path, header_row, header, inputs), role, problems=problems,
                 header_row=header_row, sheet=True)


def _xlsx_rows(path: Path, header_row: int, header: list[str], inputs: list[int]) -> Iterator[Row]:
    """The first sheet's rows below the header with an input in them, streamed (openpyxl's read-only mode)."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        lines = book.worksheets[0].iter_rows(min_row=header_row + 1)
        for number, line in enumerate(lines, header_row + 1):
            cells: list[object] = [""] * len(header)
            for i in inputs:
                if i < len(line):
                    cells[i] = _typed(line[i])
            if any(cells[i] != "" for i in inputs):
                yield number, cells
    finally:
        book.close()


def _typed(cell) -> object:
    """An input cell as what was typed in it: a number in a cell formatted as a percentage was typed as
    one (`95%`, stored as 0.95) and reads as the text `95%`, which is 95 (the workbook's formulas agree)."""
    value = _cell(cell.value)
    if isinstance(value, float) and "%" in _QUOTED.sub("", getattr(cell, "number_format", "") or ""):
        return f"{value * 100:.12g}%"
    return value


_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^]]*\]')  # literal text, an escaped character, [colour] or [condition]


def _header(sheet) -> tuple[int, list[str]]:
    """(row, names) of a sheet's header: row 2 where it, not row 1, has the `employee` column (rolebook's
    workbook, whose row 1 names the columns for people), else row 1. Blank cells are ''."""
    rows = [[str(cell).strip() if cell is not None else "" for cell in row]
            for row in sheet.iter_rows(max_row=2, values_only=True)]
    if len(rows) == 2 and "employee" not in rows[0] and "employee" in rows[1]:
        return 2, rows[1]
    return 1, rows[0] if rows else []


def _cell(value) -> object:
    """A workbook cell as a number or text; blank as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return float(value)
    return str(value).strip()
