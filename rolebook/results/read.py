"""Results as HR collects them: a CSV file (UTF-8, a header row) or a filled appraisal workbook.

Every cell keeps its row and column, so a problem is reported as FILE:ROW:COLUMN the way a spreadsheet
numbers them (row 1 is the header, column 1 is A).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from rolebook.errors import UsageError
from rolebook.results import xlsx_guard
from rolebook.messages import _

MAX_BYTES = 64 * 1024 * 1024  # a results file larger than this is not a results file
COMPUTED = ("adjustment", "total", "grade")  # a workbook's formula columns, with `KPI:score` and `KPI:weighted`


@dataclass
class Table:
    file: str  # as messages name it
    header: list[str]
    rows: list[tuple[int, list[object]]]  # (row number, cells), blank rows left out
    role: str | None = None  # a workbook's role (its dc:identifier); a CSV names it per row
    problems: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column, message)

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
        return Table(shown, [], [], problems=[(1, 1, f"larger than {MAX_BYTES // 2**20} MiB")])
    return _read_csv(path, shown) if suffix == ".csv" else _read_xlsx(path, shown)


def _read_csv(path: Path, shown: str) -> Table:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Table(shown, [], [], problems=[(1, 1, f"not UTF-8 text (byte {exc.start}); save it as CSV UTF-8")])
    if "\0" in text:  # the csv module stops at a NUL: say where it stands (cells are checked later)
        before = text[:text.index("\0")]
        row, column = before.count("\n") + 1, before.rsplit("\n", 1)[-1].count(",") + 1
        return Table(shown, [], [], problems=[(row, column, "control character U+0000 (NUL) in the cell; "
                                                            "remove it")])
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        return Table(shown, [], [], problems=[(1, 1, f"not a CSV file: {exc}")])
    if not records:
        return Table(shown, [], [], problems=[(1, 1, "empty: the first row names the columns")])
    header = [name.strip() for name in records[0]]
    rows = [(number, [cell.strip() for cell in record]) for number, record in enumerate(records[1:], 2)
            if any(cell.strip() for cell in record)]
    return Table(shown, header, rows)


def _read_xlsx(path: Path, shown: str) -> Table:
    """The first sheet's cells as the program that saved the workbook computed them, after the file was
    looked at for what must not be read or would score wrong (xlsx_guard)."""
    from lxml import etree
    from openpyxl import load_workbook

    problems, sheet_xml = xlsx_guard.inspect(path)
    if problems:
        return Table(shown, [], [], problems=problems)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, IndexError, etree.LxmlError) as exc:
        return Table(shown, [], [], problems=[(1, 1, xlsx_guard.not_a_workbook(exc))])
    try:
        sheet = book.worksheets[0]
        role = (book.properties.identifier or "").strip() or None
        lines = sheet.iter_rows(values_only=True)
        header = [str(cell).strip() if cell is not None else "" for cell in next(lines, ())]
        inputs = [i for i, name in enumerate(header) if name and name not in COMPUTED and ":" not in name]
        rows = []
        for number, line in enumerate(lines, 2):
            cells = [_cell(line[i]) if i < len(line) else "" for i in range(len(header))]
            if any(cells[i] != "" for i in inputs):
                rows.append((number, [cells[i] if i in inputs else "" for i in range(len(header))]))
        problems = [(row, column, _("a formula with no computed value: rolebook reads what Excel or LibreOffice "
                                    "computed and evaluates nothing; type the value, or open and save the "
                                    "workbook in one of them"))
                    for row, column in xlsx_guard.formulas_without_values(sheet_xml, {i + 1 for i in inputs})]
        problems += [(1, 1, _("the sheet '{sheet}' holds results too: rolebook reads the first sheet ('{first}') "
                              "only; put every employee on it").format(sheet=other.title, first=sheet.title))
                     for other in book.worksheets[1:] if "employee" in _first_row(other)]
    except (etree.LxmlError, ValueError, TypeError, KeyError, IndexError, zipfile.BadZipFile, OSError) as exc:
        return Table(shown, [], [], problems=[(1, 1, xlsx_guard.not_a_workbook(exc))])
    finally:
        book.close()
    return Table(shown, header, rows, role, problems=problems)


def _first_row(sheet) -> list[str]:
    first = next(sheet.iter_rows(max_row=1, values_only=True), ())
    return [str(cell).strip() for cell in first if cell is not None]


def _cell(value) -> object:
    """A workbook cell as a number or text; blank as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return float(value)
    return str(value).strip()
