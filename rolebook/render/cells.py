"""Every cell rolebook writes into a spreadsheet or a CSV file goes through here, so that text stays text.

A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel, LibreOffice
Calc and WPS (CSV or formula injection, CWE-1236): a KPI named `=HYPERLINK("http://evil","x")` or an employee
named `+cmd|calc` would run when HR opens the file. Specs come through git from many hands and results from
employees, so no text of theirs may become a formula:

- in a workbook the text is stored as a text cell (openpyxl would make any text starting with `=` a formula)
  and flagged `quotePrefix`, the hidden apostrophe Excel sets itself, so that editing the cell keeps it text;
  the reader sees the text unchanged;
- in a CSV file, which has no types, OWASP's advice: a leading apostrophe, which spreadsheets show and which
  stops them evaluating; numbers such as `-3.5` are left alone.

rolebook's own formulas are written with `formula()` and stay formulas.
"""

from __future__ import annotations

import re

from rolebook.render.text import unkept

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def risky(text: str) -> bool:
    """Whether a spreadsheet would read `text` as a formula (a plain signed number is a number)."""
    return text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text)


def csv_field(value):
    """A CSV field: numbers as they are, text that would be a formula behind an apostrophe."""
    if isinstance(value, str) and risky(value):
        return "'" + value
    return value


def put(cell, value):
    """Write a value (text, number or None) into an openpyxl cell; text is always stored as text."""
    if isinstance(value, str):
        value = unkept(value)  # the templates' keep marks are for documents, not cells
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True
    return cell


def formula(cell, text: str):
    """Write one of rolebook's own formulas (it starts with '=') into an openpyxl cell."""
    assert text.startswith("="), text
    cell.value = text
    return cell
