"""The neutral form every reader turns a document into: blocks in reading order.

pandoc's shape (reader → document model → writer): each reader (Word, HTML, Markdown, text, PDF,
spreadsheet) yields headings, paragraphs, list items and tables, each with where it stands in its source,
and the recogniser reads only blocks, never a format.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class ImportError_(Exception):
    """A file that cannot be imported: said with its name, exit 1, nothing written."""


@dataclass
class Block:
    kind: str  # heading | paragraph | item | table
    text: str = ""  # heading, paragraph or item text (a table's: its cells joined)
    level: int = 0  # a heading's level (1 = top), an item's depth (0 = outermost)
    rows: list[list[str]] = field(default_factory=list)  # a table's cells
    where: str = ""  # its place in the source: "paragraph 12", "table 2", "sheet KPI row 3", "page 4"
    numbered: bool = False  # an item of a numbered list (1. / 一、 / (1))

    def cells(self) -> list[str]:
        return [cell for row in self.rows for cell in row if cell]
