"""Table rules of the Word writer: GFM tables, key/value (`meta`) tables and forms, with column widths
that suit their content. Mixed into DocxWriter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from lxml import etree
from markdown_it.token import Token

from rolebook.render import ooxml
from rolebook.render.ooxml import el, ppr, sub, val
from rolebook.render.text import KEEP_OPEN, unbreakable_width, display_width


@dataclass
class OpenTable:
    """A table being written: its element, kind and rows (cell, text) for the column widths."""

    element: etree._Element
    meta: bool
    form: bool = False
    percents: list[float] = field(default_factory=list)  # column widths asked for, in percent
    lines: float = 1  # least height of a form's body row, in lines
    rows: list[list[tuple[etree._Element, str]]] = field(default_factory=list)
    row: etree._Element | None = None  # the w:tr being written (kept: finding it again was quadratic)


LINE_TWIPS = 360  # a line of form text with its spacing
ROW_LINES = 1.3  # the least height of a form's row, in lines: room to write a figure
from rolebook.render.markdown import KEEP_ROWS  # noqa: E402
HEADING_COLUMN_TWIPS = 108  # a column of bold 9 pt heading text in Calibri or its metric twin Carlito (CJK: two)
BODY_COLUMN_TWIPS = 98  # the same for regular 9 pt text
WORD_PADDING = 200  # the cell's side margins (160) and some air
CHAR_TWIPS = 115  # half the width of a CJK character at 10.5 pt, with some air
CELL_PADDING = 300  # left and right cell margins, and room for bold text



class TableRules:
    """The table_* / tr_* / th_* / td_* rules; DocxWriter provides add_block, containers and text_width_now."""

    def t_table_open(self, token: Token) -> None:
        self.place_pending_item()
        meta = self.in_("meta")
        form = bool(token.meta.get("form"))
        style = "MetaTable" if meta else "FormTable" if form else "RolebookTable"
        table = el("w:tbl")
        header = not meta and token.meta.get("header", True)  # the style shades a first row that is a header
        # w:val is the same look as the older bit mask Word 2007 reads (0x0020: the first row)
        look = {"w:val": "04A0" if header else "0480", "w:firstRow": int(header), "w:lastRow": 0, "w:firstColumn": 0,
                "w:lastColumn": 0, "w:noHBand": 1, "w:noVBand": 1}
        table.append(ooxml.tblpr(val("w:tblStyle", style),
                                 el("w:tblW", {"w:w": 5000, "w:type": "pct"}),
                                 el("w:tblLayout", {"w:type": "fixed"}),
                                 el("w:tblLook", look)))
        self.add_block(table)
        self.tables.append(OpenTable(table, meta, form, token.meta.get("widths") or [], token.meta.get("lines", 1)))

    def t_table_close(self, token: Token) -> None:
        table = self.tables.pop()
        if not table.meta and len(table.rows) <= KEEP_ROWS:
            keep_together(table.element)
        elif not table.meta:
            if not table.form:  # a form's rows are tall: kept groups took ten KPIs from two pages to three
                keep_merged_groups(table.element)
            keep_last_rows(table.element)
        widths = self.column_widths(table)
        grid = el("w:tblGrid")
        for width in widths:
            sub(grid, "w:gridCol", {"w:w": width})
        table.element.insert(1, grid)
        for row in table.rows:
            for (cell, _), width in zip(row, widths):
                cell.find(ooxml.w("tcPr")).insert(0, el("w:tcW", {"w:w": width, "w:type": "dxa"}))
        self.paragraph = None

    def column_widths(self, table: OpenTable) -> list[int]:
        return column_widths(table.percents, [[text for _, text in row] for row in table.rows],
                             self.text_width_now(), pairs=table.meta)

    def t_thead_open(self, token: Token) -> None:
        self.containers.append("thead")

    def t_thead_close(self, token: Token) -> None:
        self.containers.pop()

    def t_tbody_open(self, token: Token) -> None:
        pass

    t_tbody_close = t_tbody_open

    def t_tr_open(self, token: Token) -> None:
        table = self.tables[-1]
        row = sub(table.element, "w:tr")
        header = self.in_("thead") and not table.meta
        extra = [el("w:tblHeader")] if header else []
        if table.form and not header:
            lines = table.lines if token.meta.get("tall") else ROW_LINES
            extra.append(el("w:trHeight", {"w:val": int(LINE_TWIPS * lines), "w:hRule": "atLeast"}))
        row.append(ooxml.trpr(el("w:cantSplit"), *extra))
        table.rows.append([])
        table.row = row

    def t_tr_close(self, token: Token) -> None:
        pass

    def t_th_open(self, token: Token) -> None:
        self.open_cell(token)

    t_td_open = t_th_open

    def open_cell(self, token: Token) -> None:
        table = self.tables[-1]
        row = table.row
        column = len(table.rows[-1])
        label = table.meta and column % 2 == 0 and not token.meta.get("empty")  # a filler is no label
        properties = []
        if label:
            properties.append(el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": "F2F2F2"}))
        if token.meta.get("merged"):
            properties.append(el("w:vMerge"))
        elif "rowspan" in token.attrs:
            properties.append(val("w:vMerge", "restart"))
        if properties:
            cell = el("w:tc", None, ooxml.tcpr(el("w:vAlign", {"w:val": "center"}), *properties))
        else:  # most cells: copied
            cell = ooxml.copied(("tc",), lambda: el("w:tc", None, ooxml.tcpr(el("w:vAlign", {"w:val": "center"}))))
        row.append(cell)
        table.rows[-1].append((cell, ""))
        self.targets.append(cell)
        self.paragraph = None  # made by the cell's first inline or paragraph
        self.cell_label = label
        self.cell_source = []
        self.cell_align = {"text-align:right": "right", "text-align:center": "center"}.get(
            token.attrs.get("style", ""))

    def t_th_close(self, token: Token) -> None:
        table = self.tables[-1]
        cell, _ = table.rows[-1][-1]
        if cell.find(ooxml.w("p")) is None:  # a cell needs a paragraph
            cell.append(el("w:p", None, ppr(val("w:pStyle", "FormText" if table.form else "TableText"))))
        # The column widths depend on the text (paragraphs apart: "attainment" and "Actual" are two words);
        # a text kept on one line (its keep marks are in the source, not the document) is one piece.
        source = "".join(self.cell_source or ())
        text = source if KEEP_OPEN in source else " ".join(_line_text(p) for p in cell.iter(ooxml.w("p")))
        table.rows[-1][-1] = (cell, text)
        self.cell_source = None
        self.targets.pop()
        self.paragraph = None
        self.cell_label = False
        self.cell_align = None

    t_td_close = t_th_close


_BREAKS = frozenset(ooxml.w(tag) for tag in ("br", "cr", "tab"))


def _line_text(paragraph: etree._Element) -> str:
    """A paragraph's text, a line break as a space (a line may break there: tick boxes one under another
    are not one long word)."""
    return "".join(" " if node.tag in _BREAKS else node.text or "" for node in paragraph.iter(ooxml.w("t"), *_BREAKS))


Measure = Callable[[str], tuple[int, int]]


def measure(text: str) -> tuple[int, int]:
    """A cell's text measured: its widest unbreakable piece and its whole width, in columns."""
    return unbreakable_width(text), display_width(text)


def column_widths(percents: list[float], rows: list[list[str]], text_width: int,
                  measured: Measure = measure, pairs: bool = False) -> list[int]:
    """Each column's width in twips, from the widths asked for (percents) or else the cells' texts
    (a pure function of them: a filled appraisal recomputes it for its own values, results/fill.py,
    with a `measured` that remembers the texts all its employees share). `pairs`: a key/value table."""
    if percents:
        widths = [int(text_width * p / sum(percents)) for p in percents]
        widths = widen_for_words(widths, rows, None if measured is measure else measured)
        widths[-1] += text_width - sum(widths)
        return widths
    return (pair_widths(rows, text_width, measured) if pairs else None) or auto_widths(rows, text_width, measured)


def pair_widths(rows: list[list[str]], text_width: int, measured: Measure = measure) -> list[int] | None:
    """A key/value table (岗位名称 | 销售经理 | 所属部门 | 销售部): each label as wide as its longest text on
    one line, the values sharing the rest alike, as the HTML page lays it out (`.meta th`). Shared by width
    in proportion to the text, the labels took two thirds of the line and a blank form left a narrow cell
    to write a name in. None where the labels would leave a value less than its longest word."""
    columns = max((len(row) for row in rows), default=0)
    if columns < 2 or columns % 2:
        return None
    least, most = text_lengths(rows, measured)
    labels = [CHAR_TWIPS * most[i] + CELL_PADDING for i in range(0, columns, 2)]
    value = (text_width - sum(labels)) // (columns // 2)
    if sum(labels) > text_width // 2 or any(value < CHAR_TWIPS * least[i] + CELL_PADDING
                                            for i in range(1, columns, 2)):
        return None
    widths = [width for label in labels for width in (label, value)]
    widths[-1] += text_width - sum(widths)
    return widths


def text_lengths(rows: list[list[str]], measured: Measure = measure) -> tuple[list[int], list[int]]:
    """Per column, the longest unbreakable piece of its cells and its longest text, in characters (1 at least)."""
    columns = max((len(row) for row in rows), default=1)
    least, most = [1] * columns, [1] * columns
    for row in rows:
        for index, text in enumerate(row):
            unbreakable, whole = measured(text)
            least[index] = max(least[index], unbreakable)
            most[index] = max(most[index], whole)
    return least, most


def auto_widths(rows: list[list[str]], text_width: int, measured: Measure = measure) -> list[int]:
    """Widths in twips, as a browser's automatic layout would choose them.

    A column gets at least what its longest unbreakable piece needs (a
    short cell such as "≥ 105%" counts as one piece); the rest of the line
    goes to the columns in proportion to how much more their text wants.
    """
    least, most = text_lengths(rows, measured)
    least_twips = [CHAR_TWIPS * n + CELL_PADDING for n in least]
    most_twips = [CHAR_TWIPS * n + CELL_PADDING for n in most]
    if sum(most_twips) <= text_width:
        widths = [text_width * m // sum(most_twips) for m in most_twips]
    elif sum(least_twips) >= text_width:
        widths = [text_width * m // sum(least_twips) for m in least_twips]
    else:
        spare = text_width - sum(least_twips)
        extra = [m - n for m, n in zip(most_twips, least_twips)]
        widths = [n + spare * e // max(sum(extra), 1) for n, e in zip(least_twips, extra)]
    widths[-1] += text_width - sum(widths)
    return widths


def widen_for_words(widths: list[int], rows: list[list[str]], measured: Measure | None = None) -> list[int]:
    """Columns at least as wide as the longest word in them (a heading never breaks inside a word:
    "Supervi / sor", nor a tick box from its level); what they need is taken from the columns with room
    to spare. When the words cannot all fit, each column gets its share of the line."""
    least = [0] * len(widths)
    for number, row in enumerate(rows):
        per_column = HEADING_COLUMN_TWIPS if number == 0 else BODY_COLUMN_TWIPS
        for column, text in enumerate(row[:len(widths)]):
            unbreakable = measured(text)[0] if measured else unbreakable_width(text)
            least[column] = max(least[column], per_column * unbreakable + WORD_PADDING)
    if sum(least) >= sum(widths):
        return [sum(widths) * low // sum(least) for low in least]
    need = sum(max(0, low - width) for low, width in zip(least, widths))
    if not need:
        return widths
    spare = [max(0, width - low) for low, width in zip(least, widths)]
    taken = [need * room // sum(spare) for room in spare]
    return [max(width, low) if low > width else width - take for width, low, take in zip(widths, least, taken)]


def keep_last_rows(table: etree._Element) -> None:
    """A long table's last row (a KPI table's 合计) never goes alone to a page under the repeated header:
    the row before it keeps with it."""
    for paragraph in table.findall(ooxml.w("tr"))[-2].iter(ooxml.w("p")):  # tables this long have many rows
        ooxml.keep_with_next(paragraph)


def keep_merged_groups(table: etree._Element) -> None:
    """The rows a merged cell spans (a dimension beside its KPIs) keep together where they fit on a page, as
    Word's "keep a table together" advice does it (keep with next, row by row): a merged cell's text is on
    its first row only, and a continuation page showed KPIs with an empty dimension beside them."""
    rows = table.findall(ooxml.w("tr"))
    for row, below in zip(rows, rows[1:]):
        if any(merge.get(ooxml.w("val"), "continue") == "continue" for merge in below.iter(ooxml.w("vMerge"))):
            for paragraph in row.iter(ooxml.w("p")):
                ooxml.keep_with_next(paragraph)


def keep_together(table: etree._Element) -> None:
    """Every paragraph but those of the last row keeps with the next: the table is not split."""
    rows = table.findall(ooxml.w("tr"))
    for row in rows[:-1]:
        for paragraph in row.iter(ooxml.w("p")):
            ooxml.keep_with_next(paragraph)
