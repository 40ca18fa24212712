"""A results workbook looked at before openpyxl reads it: a file that came back from many hands.

An .xlsx is a zip of XML parts. Before any part is parsed, every part is inflated in blocks, never past
a limit (a zip bomb's declared sizes are not trusted), and searched for a document type declaration:
Excel and LibreOffice never write one, and an entity declared in one is how the "billion laughs"
blow-up and external-entity reads are made. The results sheet is then read for what would make the
scores wrong without a word: cells merged across rows (a value one employee's row shows for several),
and hidden rows (results HR cannot see).

Each finding is (row, column, message), as spreadsheets number them; (1, 1) for the file as a whole.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

from lxml import etree

from rolebook.messages import _

MAX_INFLATED = 256 * 1024 * 1024  # all parts together: ten times what 50,000 employees' results take
BLOCK = 1 << 20
KEPT = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/")  # the parts read after the scan
MAX_ROWS = 200_000  # rows of the results sheet, blank ones included (Excel's own limit is 1,048,576)
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*\bref=\"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?\"")
_ATTRIBUTE = re.compile(rb"\b(r|hidden)=\"([^\"]*)\"")
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class Refused(Exception):
    """The workbook is not read at all: (row, column, message)."""

    def __init__(self, row: int, column: int, message: str):
        super().__init__(message)
        self.where = (row, column, message)


def inspect(path: Path) -> tuple[list[tuple[int, int, str]], bytes]:
    """What is wrong with a results workbook before its cells are read (nothing: read it), and the XML of
    its results sheet (for `formulas_without_values`)."""
    budget = _Budget()
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > 10_000:
                raise Refused(1, 1, _("holds {count} parts: not a workbook Excel or LibreOffice wrote").format(
                    count=len(infos)))
            budget.spend(sum(info.file_size for info in infos))  # as declared: counted again while inflating
            budget.spent = 0
            parts = {}
            for info in infos:  # every part is inflated and looked at; only those read below are kept
                data = _inflated(archive, info, budget)
                if info.filename.startswith(KEPT):
                    parts[info.filename] = data
    except Refused as refused:
        return [refused.where], b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        return [(1, 1, not_a_workbook(exc))], b""
    sheets = _sheets(parts)
    if not sheets:
        return [], b""  # openpyxl says what is missing
    sheet = parts.get(sheets[0][1], b"")
    rows = sheet.count(b"<row ") + sheet.count(b"<row>")
    if rows > MAX_ROWS:
        return [(1, 1, _("its first sheet has {rows} rows, more than the {limit} a results sheet may have "
                         "(empty rows below the results? delete them)").format(rows=rows, limit=MAX_ROWS))], b""
    return _rows_and_merges(sheet), sheet


def not_a_workbook(exc: Exception) -> str:
    return _("not an Excel workbook ({reason})").format(reason=exc.__class__.__name__)


class _Budget:
    """The bytes inflated so far, against MAX_INFLATED."""

    def __init__(self):
        self.spent = 0

    def spend(self, size: int) -> None:
        self.spent += size
        if self.spent > MAX_INFLATED:
            raise Refused(1, 1, _("inflates past {size} MiB when unzipped (a zip bomb?): not read").format(
                size=MAX_INFLATED // 2**20))


def _inflated(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> bytes:
    """A part's bytes, inflated in blocks and never past the limit, whatever its header says; refused when
    it declares a document type or entities."""
    blocks = []
    with archive.open(info) as stream:
        while block := stream.read(BLOCK):
            budget.spend(len(block))
            blocks.append(block)
    data = b"".join(blocks)
    if info.filename.endswith((".xml", ".rels", ".vml")) and _DECLARATION.search(data):
        raise Refused(1, 1, _("its part {part} declares a document type or XML entities, which Excel and "
                              "LibreOffice never write (the shape of an entity bomb): not read").format(
                                  part=info.filename))
    return data


def _xml(data: bytes):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None


def _sheets(parts: dict[str, bytes]) -> list[tuple[str, str]]:
    """(name, part) of each sheet, in the workbook's order."""
    workbook = _xml(parts.get("xl/workbook.xml", b""))
    rels = _xml(parts.get("xl/_rels/workbook.xml.rels", b""))
    if workbook is None or rels is None:
        return []
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{PACKAGE_RELATIONSHIPS}Relationship")}
    found = []
    for sheet in workbook.iter(f"{MAIN}sheet"):
        target = targets.get(sheet.get(f"{RELATIONSHIPS}id"), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        found.append((sheet.get("name", ""), part))
    return found


def _rows_and_merges(sheet: bytes) -> list[tuple[int, int, str]]:
    problems = []
    for match in _ROW.finditer(sheet):
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        if attributes.get(b"hidden") in (b"1", b"true"):
            row = int(attributes.get(b"r", b"0") or 0)
            problems.append((row, 1, _("row {row} is hidden: results HR cannot see are not scored; show the "
                                       "row, or delete it").format(row=row)))
    for match in _MERGE.finditer(sheet):
        first_column, first_row, last_column, last_row = match.groups()
        if last_row is not None and (first_row != last_row or first_column != last_column):
            reference = f"{first_column.decode()}{first_row.decode()}:{last_column.decode()}{last_row.decode()}"
            problems.append((int(first_row), _column_number(first_column.decode()), _(
                "cells {cells} are merged: each employee's row holds its own results; unmerge them").format(
                    cells=reference)))
    return problems


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


_CELL_START = re.compile(rb"<c\b[^>]*?\br=\"([A-Z]+)(\d+)\"")
_CELL_END = re.compile(rb"</c>")
_FORMULA = re.compile(rb"<f[\s>/]")
_VALUE = re.compile(rb"<v>[^<]")


def formulas_without_values(sheet: bytes, columns: set[int]) -> list[tuple[int, int]]:
    """(row, column) of the cells in `columns` (1-based) that hold a formula and no value computed by the
    program that saved the file: rolebook reads what Excel or LibreOffice computed, it evaluates nothing."""
    found = []
    for match in _FORMULA.finditer(sheet):
        start = sheet.rfind(b"<c ", 0, match.start())
        cell = _CELL_START.match(sheet, start) if start >= 0 else None
        if cell is None or _column_number(cell.group(1).decode()) not in columns:
            continue
        close = _CELL_END.search(sheet, match.end())
        if not _VALUE.search(sheet, match.end(), close.start() if close else len(sheet)):
            found.append((int(cell.group(2)), _column_number(cell.group(1).decode())))
    return found
